"""Every valid file read, and credited: CRS checks, atomic imports, sidecars, CSV dialects,
kinds judged by content, raster units and attribution taken from the files themselves."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import rasterio
import shapely
from rasterio.transform import from_origin
from test_city_import import UTM, X0, Y0, write_town_extras, write_town_osm

from twin_app.core.city import load_manifest, resolve_city
from twin_app.core.city_import import CityImport, import_city, parse_attribution
from twin_app.core.crs import check_metric_crs, local_utm_crs
from twin_app.core.errors import CityNotFoundError, CRSError, ManifestError, TwinError, UnreadableContentError
from twin_app.core.feedback import Feedback
from twin_app.core.kinds import default_registry, kind_attribution, kind_can_read
from twin_app.core.loading import load_city

TWIN_APP = [sys.executable, "-m", "twin_app"]
# the town of test_city_import lies at 23.76° E, 61.50° N: UTM zone 34N
TOWN_BBOX = (23.75, 61.49, 23.77, 61.51)
GTFS_PUBLISHER = "Tampere Regional Transport"


def _town_gtfs_with_feed_info(folder: Path) -> Path:
    """The town's GTFS feed, plus agency.txt and a feed_info.txt naming its publisher."""
    extras = write_town_extras(folder)
    gtfs = folder / "credited_gtfs.zip"
    with zipfile.ZipFile(extras["gtfs"]) as src, zipfile.ZipFile(gtfs, "w") as dst:
        for name in src.namelist():
            dst.writestr(name, src.read(name))
        dst.writestr("agency.txt", "agency_id,agency_name,agency_url,agency_timezone\nA,Town Buses,x,UTC\n")
        dst.writestr(
            "feed_info.txt",
            "feed_publisher_name,feed_publisher_url,feed_lang\n"
            f"{GTFS_PUBLISHER},https://transit.example.org,fi\n",
        )
    return gtfs


# -- the metric CRS ----------------------------------------------------------------


def test_local_utm_zone_is_the_one_of_the_centre() -> None:
    # zone number = floor((lon + 180) / 6) + 1: 23.76° E -> 34, 24.94° E -> 35; north -> 326xx
    assert local_utm_crs(TOWN_BBOX) == "EPSG:32634"
    assert local_utm_crs((24.93, 60.15, 24.96, 60.18)) == "EPSG:32635"
    assert local_utm_crs((-74.02, 40.70, -73.97, 40.75)) == "EPSG:32618"  # New York
    assert local_utm_crs((-43.2, -22.95, -43.15, -22.9)) == "EPSG:32723"  # Rio: south -> 327xx


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("EPSG:4326", "measures in degrees"),
        ("EPSG:3857", "Web Mercator"),
        ("EPSG:99999", "not a coordinate reference system twin_app knows"),
        ("not a crs", "not a coordinate reference system twin_app knows"),
        ("EPSG:2263", "measures in us survey foot"),  # New York State Plane, feet
        ("EPSG:32610", "distorts lengths"),  # UTM zone 10N (California), 130° away
    ],
)
def test_unsuitable_crs_is_refused_with_the_local_utm_zone(text: str, message: str) -> None:
    with pytest.raises(CRSError, match=message) as info:
        check_metric_crs(text, TOWN_BBOX)
    assert "EPSG:32634" in str(info.value)


def test_suitable_crs_is_accepted_and_normalised() -> None:
    assert check_metric_crs("epsg:32634", TOWN_BBOX) == "EPSG:32634"
    assert check_metric_crs("EPSG:3067", TOWN_BBOX) == "EPSG:3067"  # ETRS-TM35FIN, all of Finland
    assert check_metric_crs("EPSG:3879", (24.93, 60.15, 24.96, 60.18)) == "EPSG:3879"


def test_import_refuses_web_mercator_in_one_sentence(tmp_path: Path) -> None:
    osm = write_town_osm(tmp_path / "t.osm")
    with pytest.raises(CRSError, match="EPSG:32634"):
        import_city(CityImport(name="merc", osm=osm, crs="EPSG:3857"), tmp_path / "cities")
    assert not (tmp_path / "cities" / "merc").exists()
    out = subprocess.run(
        [*TWIN_APP, "city", "import", "g", "--osm", str(osm), "--crs", "EPSG:4326", "--dest", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "degrees" in out.stderr and "EPSG:32634" in out.stderr
    out = subprocess.run(
        [
            *TWIN_APP,
            "city",
            "import",
            "u",
            "--osm",
            str(osm),
            "--crs",
            "EPSG:123456",
            "--dest",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2 and "Traceback" not in out.stderr and "twin_app knows" in out.stderr


def test_manifest_with_a_geographic_crs_is_refused(tmp_path: Path) -> None:
    (tmp_path / "city.toml").write_text(
        '[city]\nname = "x"\ncrs = "EPSG:4326"\nbbox = [24.93018, 60.15915, 24.95841, 60.18411]\n'
    )
    with pytest.raises(ManifestError, match=r"unsuitable CRS.*degrees.*EPSG:32635"):
        load_manifest(tmp_path)


# -- an atomic import ----------------------------------------------------------------


def test_a_failure_midway_leaves_nothing_behind(tmp_path: Path, monkeypatch) -> None:
    osm = write_town_osm(tmp_path / "town.osm.pbf")
    extras = write_town_extras(tmp_path)
    real_copy = shutil.copy2
    calls: list[Path] = []

    def copy_until_the_disk_is_full(src, dst, **kwargs):
        calls.append(Path(src))
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real_copy(src, dst, **kwargs)

    monkeypatch.setattr(shutil, "copy2", copy_until_the_disk_is_full)
    dest = tmp_path / "cities"
    request = CityImport(
        name="town",
        osm=osm,
        gtfs=extras["gtfs"],
        population=extras["population"],
        population_column="inhabitants",
    )
    with pytest.raises(TwinError, match=r"No space left on device.*nothing was created"):
        import_city(request, dest)
    assert len(calls) == 3  # it failed midway, after two files were copied
    assert list(dest.iterdir()) == []  # no city, no half-built hidden folder
    monkeypatch.setattr(shutil, "copy2", real_copy)
    folder = import_city(request, dest)
    assert load_city(folder).problems == []


def test_a_killed_import_is_ignored_then_cleaned(tmp_path: Path, monkeypatch) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    cities = data / "twin_app" / "cities"
    osm = write_town_osm(tmp_path / "town.osm")
    # What a kill just before the final rename leaves: a complete-looking hidden folder.
    leftover = cities / ".town.importing-k1ll3d"
    shutil.copytree(import_city(CityImport(name="town", osm=osm), tmp_path / "scratch"), leftover)
    assert (leftover / "city.toml").is_file()
    listed = subprocess.run([*TWIN_APP, "city", "list"], capture_output=True, text=True, check=True)
    assert "importing" not in listed.stdout and "town" not in listed.stdout
    with pytest.raises(CityNotFoundError):
        resolve_city(".town.importing-k1ll3d")
    with pytest.raises(CityNotFoundError):
        resolve_city("town")
    folder = import_city(CityImport(name="town", osm=osm))
    assert folder == cities / "town" and not leftover.exists()
    assert [p.name for p in cities.iterdir()] == ["town"]


# -- shapefiles with their sidecars ------------------------------------------------


def test_shapefile_districts_travel_with_their_sidecars(tmp_path: Path) -> None:
    osm = write_town_osm(tmp_path / "town.osm")
    src = tmp_path / "src"
    src.mkdir()
    quarters = [shapely.box(X0, Y0, X0 + 200, Y0 + 400), shapely.box(X0 + 200, Y0, X0 + 400, Y0 + 400)]
    frame = gpd.GeoDataFrame({"nimi": ["Länsi", "Itä"]}, geometry=quarters, crs=UTM)
    frame.to_file(src / "Quarters.shp", encoding="utf-8")
    # a file from Windows: upper-case sidecar suffixes
    (src / "Quarters.dbf").rename(src / "Quarters.DBF")
    (src / "Quarters.shx").rename(src / "Quarters.SHX")
    (src / "Quarters.unrelated.txt").write_text("not part of the shapefile")
    folder = import_city(
        CityImport(name="shp", osm=osm, districts=src / "Quarters.shp", district_name_column="nimi"),
        tmp_path / "cities",
    )
    copied = sorted(p.name for p in (folder / "districts").iterdir())
    assert copied == ["Quarters.DBF", "Quarters.SHX", "Quarters.cpg", "Quarters.prj", "Quarters.shp"]
    model = load_city(folder)
    assert model.problems == []
    districts = model.layers["districts"].frame
    assert sorted(districts["nimi"]) == ["Itä", "Länsi"]
    assert districts.area.sum() == pytest.approx(400 * 400, rel=1e-6)


# -- CSV dialects ------------------------------------------------------------------


def test_semicolon_csv_with_decimal_commas_and_windows_encoding(tmp_path: Path, ctx) -> None:
    english = tmp_path / "sensors_en.csv"
    english.write_text("id,name,lon,lat,temp\n1,Toolo,24.9450,60.1675,21.5\n2,Kamppi,24.9300,60.1690,22\n")
    european = tmp_path / "sensors_fi.csv"
    european.write_bytes(
        "id;name;lon;lat;temp\n1;Töölö;24,9450;60,1675;21,5\n2;Kamppi;24,9300;60,1690;22\n".encode("cp1252")
    )
    kind = default_registry().for_file(european)
    assert kind.name == "vector"
    a = kind.load(english, {}, ctx)
    b = kind.load(european, {}, ctx)
    assert b.feature_count == 2
    assert list(b.frame["temp"]) == [21.5, 22.0]
    assert list(b.frame["name"]) == ["Töölö", "Kamppi"]
    assert np.allclose(shapely.get_coordinates(a.frame.geometry), shapely.get_coordinates(b.frame.geometry))
    tabs = tmp_path / "tabs.csv"
    tabs.write_text("lon\tlat\tlabel\n24.9450\t60.1675\tone\n")
    assert kind.load(tabs, {}, ctx).feature_count == 1


# -- kinds judged by content ----------------------------------------------------------


def _zip_of(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_a_zip_opens_as_what_it_holds(tmp_path: Path, ctx) -> None:
    registry = default_registry()
    gtfs = write_town_extras(tmp_path)["gtfs"]
    assert registry.for_file(gtfs).name == "gtfs-stops"
    shp_dir = tmp_path / "shp"
    shp_dir.mkdir()
    park = shapely.box(24.9440, 60.1670, 24.9458, 60.1679)
    gpd.GeoDataFrame({"name": ["espa"]}, geometry=[park], crs="EPSG:4326").to_file(shp_dir / "parks.shp")
    zipped = _zip_of(tmp_path / "parks.zip", {p.name: p.read_bytes() for p in shp_dir.iterdir()})
    kind = registry.for_file(zipped)
    assert kind.name == "vector"
    layer = kind.load(zipped, {}, ctx)
    expected = gpd.GeoSeries([park], crs="EPSG:4326").to_crs("EPSG:3879").area.iloc[0]
    assert layer.feature_count == 1 and layer.frame.area.iloc[0] == pytest.approx(expected, rel=1e-6)
    photos = _zip_of(tmp_path / "photos.zip", {"readme.txt": b"holiday photos", "a.jpg": b"\xff\xd8"})
    with pytest.raises(UnreadableContentError, match=r"GTFS stops.*Vector file.*content is none of these"):
        registry.for_file(photos)


def test_every_built_in_kind_judges_content(tmp_path: Path) -> None:
    registry = default_registry()
    xml = write_town_osm(tmp_path / "town.osm")
    pbf = write_town_osm(tmp_path / "town.osm.pbf")
    extras = write_town_extras(tmp_path)
    misnamed_osm = tmp_path / "really_osm.tif"
    shutil.copy(pbf, misnamed_osm)
    files = {
        "osm": [xml, pbf],
        "gtfs": [extras["gtfs"]],
        "vector": [extras["population"]],
        "raster": [extras["raster"]],
    }
    family = {
        "osm-network": "osm",
        "osm-buildings": "osm",
        "osm-features": "osm",
        "osm-districts": "osm",
        "osm-stops": "osm",
        "gtfs-stops": "gtfs",
        "gtfs-routes": "gtfs",
        "vector": "vector",
        "population-grid": "vector",
        "raster": "raster",
    }
    assert set(family) == set(registry.names())  # a new built-in kind must say what it reads
    for name, fam in family.items():
        kind = registry.get(name)
        for other, paths in files.items():
            for path in paths:
                assert kind_can_read(kind, path) is (other == fam), (name, path.name)
        assert kind_can_read(kind, misnamed_osm) is (fam == "osm")
    assert registry.for_file(xml).name == "osm-network"


# -- raster units ------------------------------------------------------------------


def test_raster_units_given_at_import_or_read_from_the_file(tmp_path: Path) -> None:
    osm = write_town_osm(tmp_path / "town.osm")
    heat = write_town_extras(tmp_path)["raster"]
    stated = tmp_path / "lst.tif"
    with rasterio.open(heat) as src:
        profile, data = src.profile, src.read(1)
    with rasterio.open(stated, "w", **profile) as dst:
        dst.write(data * 30, 1)
        dst.units = ("degC",)  # GDAL band unit type
    folder = import_city(
        CityImport(name="units", osm=osm, rasters={"heat": heat, "lst": stated}, raster_units={"heat": "°C"}),
        tmp_path / "cities",
    )
    raw = tomllib.loads((folder / "city.toml").read_text(encoding="utf-8"))
    by_id = {layer["id"]: layer for layer in raw["layers"]}
    assert by_id["heat"]["units"] == "°C" and "units" not in by_id["lst"]
    model = load_city(folder)
    assert model.layers["heat"].units == "°C"
    assert model.layers["lst"].units == "degC"
    with pytest.raises(TwinError, match="--raster-units names heat2"):
        import_city(
            CityImport(name="bad", osm=osm, rasters={"heat": heat}, raster_units={"heat2": "K"}),
            tmp_path / "cities",
        )


def test_cli_raster_units_and_attribution_options(tmp_path: Path) -> None:
    osm = write_town_osm(tmp_path / "town.osm")
    extras = write_town_extras(tmp_path)
    out = subprocess.run(
        [
            *TWIN_APP, "city", "import", "cli", "--osm", str(osm), "--dest", str(tmp_path),
            "--raster", f"heat={extras['raster']}", "--raster-units", "heat=°C",
            "--gtfs", str(extras["gtfs"]),
            "--attribution", 'gtfs="Town transit, CC BY 4.0"',
            "--attribution", "Made for the town council",
        ],
        capture_output=True,
        text=True,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    info = json.loads(
        subprocess.run(
            [*TWIN_APP, "info", str(tmp_path / "cli"), "--json"], capture_output=True, text=True, check=True
        ).stdout
    )
    assert info["layers"]["heat"]["units"] == "°C"
    assert info["attribution"] == (
        "© OpenStreetMap contributors (ODbL) · Town transit, CC BY 4.0 · Made for the town council"
    )


# -- credits -----------------------------------------------------------------------


def test_gtfs_publisher_is_credited_in_manifest_and_info(tmp_path: Path) -> None:
    osm = write_town_osm(tmp_path / "town.osm")
    gtfs = _town_gtfs_with_feed_info(tmp_path)
    folder = import_city(CityImport(name="credited", osm=osm, gtfs=gtfs), tmp_path / "cities")
    manifest = load_manifest(folder)
    credit = "Public transport (GTFS): Tampere Regional Transport (https://transit.example.org)"
    assert manifest.attribution == ("© OpenStreetMap contributors (ODbL)", credit)
    assert manifest.layer("stops").attribution == credit and manifest.layer("routes").attribution == credit
    assert manifest.layer("buildings").attribution == "© OpenStreetMap contributors (ODbL)"
    info = load_city(folder).info()
    assert GTFS_PUBLISHER in info["attribution"]
    gtfs_source = next(s for s in info["sources"] if s["file"] == gtfs.name)
    assert gtfs_source["attribution"] == credit and "Transit stops" in gtfs_source["layers"]


def test_user_credit_replaces_the_files_and_unknown_sources_are_refused(tmp_path: Path) -> None:
    osm = write_town_osm(tmp_path / "town.osm")
    gtfs = _town_gtfs_with_feed_info(tmp_path)
    free, per_source = parse_attribution(['gtfs="Town Buses Ltd, CC BY 4.0"', "Survey by the council"])
    assert free == ["Survey by the council"] and per_source == {"gtfs": "Town Buses Ltd, CC BY 4.0"}
    folder = import_city(
        CityImport(name="over", osm=osm, gtfs=gtfs, attribution=free, source_attribution=per_source),
        tmp_path / "cities",
    )
    manifest = load_manifest(folder)
    assert manifest.layer("stops").attribution == "Town Buses Ltd, CC BY 4.0"
    assert GTFS_PUBLISHER not in manifest.attribution_text
    assert manifest.attribution[-1] == "Survey by the council"
    with pytest.raises(TwinError, match="--attribution names population"):
        import_city(
            CityImport(name="x", osm=osm, source_attribution={"population": "HSY"}), tmp_path / "cities"
        )


def test_credits_read_from_agency_raster_and_geopackage_metadata(tmp_path: Path) -> None:
    registry = default_registry()
    agencies = _zip_of(
        tmp_path / "agencies.zip",
        {
            "stops.txt": b"stop_id,stop_lat,stop_lon\n",
            "agency.txt": b"agency_id,agency_name\n1,Bussi Oy\n2,Raitio Oy\n",
        },
    )
    assert (
        kind_attribution(registry.get("gtfs-stops"), agencies)
        == "Public transport (GTFS): Bussi Oy, Raitio Oy"
    )
    raster = tmp_path / "lst.tif"
    with rasterio.open(
        raster, "w", driver="GTiff", height=2, width=2, count=1, dtype="float32",
        crs=UTM, transform=from_origin(X0, Y0, 10, 10),
    ) as dst:  # fmt: skip
        dst.write(np.ones((2, 2), dtype="float32"), 1)
        dst.update_tags(
            TIFFTAG_COPYRIGHT="Landsat 8, courtesy of the U.S. Geological Survey", LICENSE="public domain"
        )
    assert kind_attribution(registry.get("raster"), raster) == (
        "Landsat 8, courtesy of the U.S. Geological Survey (public domain)"
    )
    cells = gpd.GeoDataFrame({"pop": [5]}, geometry=[shapely.box(X0, Y0, X0 + 250, Y0 + 250)], crs=UTM)
    gpkg = tmp_path / "grid.gpkg"
    pyogrio.write_dataframe(
        cells, gpkg, layer="grid", layer_options={"DESCRIPTION": "Statistics Town, CC BY 4.0"}
    )
    assert kind_attribution(registry.get("population-grid"), gpkg) == "Statistics Town, CC BY 4.0"
    tagged = tmp_path / "tagged.gpkg"
    pyogrio.write_dataframe(
        cells, tagged, dataset_metadata={"attribution": "Town surveyors", "license": "CC0"}
    )
    assert kind_attribution(registry.get("vector"), tagged) == "Town surveyors (CC0)"
    plain = tmp_path / "plain.gpkg"
    cells.to_file(plain)
    assert kind_attribution(registry.get("vector"), plain) is None


def test_a_file_that_credits_no_one_is_reported_at_import(tmp_path: Path) -> None:
    osm = write_town_osm(tmp_path / "town.osm")
    extras = write_town_extras(tmp_path)
    said: list[str] = []
    folder = import_city(
        CityImport(name="quiet", osm=osm, population=extras["population"], population_column="inhabitants"),
        tmp_path / "cities",
        feedback=Feedback(on_message=lambda level, text: said.append(f"{level}: {text}")),
    )
    assert any("town_population.gpkg' does not say whom to credit" in s for s in said)
    assert "--attribution population=" in said[0]
    assert load_manifest(folder).layer("population").attribution is None


def test_every_bundled_layer_credits_a_source_the_city_lists(helsinki_dir: Path) -> None:
    manifest = load_manifest(helsinki_dir)
    for spec in manifest.layers:
        assert spec.attribution in manifest.attribution, spec.id
    assert {s["attribution"] for s in manifest.sources()} == set(manifest.attribution)
