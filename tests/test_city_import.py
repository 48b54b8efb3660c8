"""``twin-app city import``: a city from files the app has never seen."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import rasterio
import shapely
from pyproj import Transformer
from rasterio.transform import from_origin

from twin_app.core.city_import import CityImport, import_city
from twin_app.core.errors import MissingFileError, TwinError
from twin_app.core.loading import load_city

TWIN_APP = [sys.executable, "-m", "twin_app"]
# A made-up town in Tampere's coordinates (UTM zone 35N is EPSG:32635 east of 24°E; 23.76°E is zone 34N)
UTM = "EPSG:32634"
X0, Y0 = Transformer.from_crs("EPSG:4326", UTM, always_xy=True).transform(23.76, 61.50)
TO_LONLAT = Transformer.from_crs(UTM, "EPSG:4326", always_xy=True)


def _ll(x: float, y: float) -> tuple[float, float]:
    lon, lat = TO_LONLAT.transform(X0 + x, Y0 + y)
    return (round(lon, 7), round(lat, 7))


def write_town_osm(path: Path) -> Path:
    """A 3×3 street grid (200 m blocks), four buildings (one of each height rule, one concave), a park."""
    import osmium
    from osmium.osm.mutable import Node, Way

    nodes: dict[int, tuple[float, float]] = {}
    for i in range(3):
        for j in range(3):
            nodes[1 + i * 3 + j] = (j * 200.0, i * 200.0)
    buildings = {
        100: ([(20, 20), (60, 20), (60, 50), (20, 50)], {"building": "yes", "height": "21"}),
        110: ([(80, 20), (120, 20), (120, 50), (80, 50)], {"building": "apartments", "building:levels": "4"}),
        120: ([(20, 120), (60, 120), (60, 130), (30, 130), (30, 170), (20, 170)], {"building": "yes"}),
        130: ([(80, 120), (120, 120), (120, 160), (80, 160)], {"building": "house"}),
        140: ([(220, 20), (380, 20), (380, 180), (220, 180)], {"leisure": "park", "name": "Town Park"}),
    }
    nid = 1000
    with osmium.SimpleWriter(str(path)) as writer:
        for n, (x, y) in sorted(nodes.items()):
            writer.add_node(Node(id=n, location=_ll(x, y)))
        ways = []
        for wid, (ring, tags) in buildings.items():
            refs = []
            for x, y in ring:
                nid += 1
                writer.add_node(Node(id=nid, location=_ll(x, y)))
                refs.append(nid)
            ways.append(Way(id=wid, nodes=[*refs, refs[0]], tags=tags))
        for i in range(3):
            ways.append(
                Way(id=10 + i, nodes=[1 + i * 3, 2 + i * 3, 3 + i * 3], tags={"highway": "residential"})
            )
            ways.append(Way(id=20 + i, nodes=[1 + i, 4 + i, 7 + i], tags={"highway": "residential"}))
        for way in sorted(ways, key=lambda w: w.id):
            writer.add_way(way)
    return path


def write_town_extras(folder: Path) -> dict[str, Path]:
    gtfs = folder / "town_gtfs.zip"
    with zipfile.ZipFile(gtfs, "w") as zf:
        (lon1, lat1), (lon2, lat2) = _ll(10, 10), _ll(300, 210)
        zf.writestr(
            "stops.txt",
            f"stop_id,stop_name,stop_lat,stop_lon\nS1,Corner,{lat1},{lon1}\nS2,Far,{lat2},{lon2}\n",
        )
        zf.writestr("routes.txt", "route_id,route_short_name,route_type\nR1,1,3\n")
        zf.writestr("trips.txt", "route_id,service_id,trip_id,shape_id\nR1,X,T1,SH1\n")
        zf.writestr(
            "stop_times.txt",
            "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
            "T1,08:00:00,08:00:00,S1,1\nT1,08:05:00,08:05:00,S2,2\n",
        )
        zf.writestr(
            "shapes.txt",
            f"shape_id,shape_pt_lat,shape_pt_lon,shape_pt_sequence\n"
            f"SH1,{lat1},{lon1},1\nSH1,{lat2},{lon2},2\n",
        )
    cells = [shapely.box(X0 + x, Y0 + y, X0 + x + 250, Y0 + y + 250) for x in (0, 250) for y in (0, 250)]
    population = folder / "town_population.gpkg"
    gpd.GeoDataFrame({"inhabitants": [100, 200, 300, 400]}, geometry=cells, crs=UTM).to_file(population)
    raster = folder / "town_heat.tif"
    with rasterio.open(
        raster,
        "w",
        driver="GTiff",
        height=10,
        width=10,
        count=1,
        dtype="float32",
        crs=UTM,
        transform=from_origin(X0 - 50, Y0 + 450, 50, 50),
    ) as dst:
        dst.write(np.linspace(0, 1, 100, dtype="float32").reshape(10, 10), 1)
    return {"gtfs": gtfs, "population": population, "raster": raster}


@pytest.mark.parametrize("osm_name", ["town.osm", "town.osm.pbf"])
def test_import_full_city_from_unseen_files(tmp_path: Path, osm_name: str) -> None:
    osm = write_town_osm(tmp_path / osm_name)
    extras = write_town_extras(tmp_path)
    folder = import_city(
        CityImport(
            name="town",
            osm=osm,
            gtfs=extras["gtfs"],
            population=extras["population"],
            population_column="inhabitants",
            rasters={"heat": extras["raster"]},
        ),
        tmp_path / "cities",
    )
    model = load_city(folder)
    assert model.problems == []
    assert model.manifest.crs == UTM
    info = model.info()
    counts = dict(height_tag=1, levels=1, levels_median=0, type_default=1, default=1, footprint=0)
    assert info["buildings"] == {"count": 4, "height_from": counts}
    heights = sorted(model.layers["buildings"].frame["height_m"])
    # generic 2 storeys (building=yes); a house's 2 storeys; 4 levels × 3 m; height tag
    assert heights == [6.0, 6.0, 12.0, 21.0]
    assert model.layers["stops"].feature_count == 2
    assert model.layers["population"].frame["inhabitants"].sum() == 1000
    assert model.layers["heat"].label == "heat"
    assert model.layers["green"].feature_count == 1
    streets = model.layers["streets"]
    assert len(streets.nodes) == 9 and streets.frame["length"].sum() == pytest.approx(2 * 12 * 200, rel=1e-3)
    assert len(model.layers["districts"].frame) >= 1  # no admin boundaries here: the grid fallback
    # the copies make the folder self-contained
    assert (folder / "osm" / osm_name).is_file() and (folder / "gtfs" / "town_gtfs.zip").is_file()


@pytest.mark.slow
def test_import_with_only_an_osm_file_opens_and_renders(tmp_path: Path) -> None:
    osm = write_town_osm(tmp_path / "solo.osm.pbf")
    dest = tmp_path / "cities"
    out = subprocess.run(
        [*TWIN_APP, "city", "import", "solo", "--osm", str(osm), "--dest", str(dest)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Created" in out.stdout
    info = json.loads(
        subprocess.run(
            [*TWIN_APP, "info", str(dest / "solo"), "--json"], capture_output=True, text=True, check=True
        ).stdout
    )
    assert info["problems"] == []
    assert info["buildings"]["count"] == 4
    assert {"streets", "buildings", "green", "districts"} <= set(info["layers"])
    png = tmp_path / "solo.png"
    subprocess.run(
        [*TWIN_APP, "render", str(dest / "solo"), "--out", str(png), "--size", "320x240"],
        check=True,
        capture_output=True,
    )
    assert png.stat().st_size > 1000


def test_import_errors_are_clear(tmp_path: Path) -> None:
    with pytest.raises(MissingFileError, match="does not exist"):
        import_city(CityImport(name="x", osm=tmp_path / "nope.osm.pbf"), tmp_path)
    osm = write_town_osm(tmp_path / "t.osm")
    with pytest.raises(TwinError, match="cannot be used as a city name"):
        import_city(CityImport(name="../evil", osm=osm), tmp_path)
    import_city(CityImport(name="once", osm=osm), tmp_path)
    with pytest.raises(TwinError, match="already exists"):
        import_city(CityImport(name="once", osm=osm), tmp_path)
    out = subprocess.run(
        [*TWIN_APP, "city", "import", "y", "--osm", str(tmp_path / "missing.pbf"), "--dest", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2 and "does not exist" in out.stderr


def test_a_vrt_named_tif_is_refused_before_anything_is_copied(tmp_path: Path) -> None:
    """A VRT (XML telling GDAL to read /etc/passwd as pixels) given as --raster: one sentence, no city."""
    from twin_app.core.errors import UnreadableContentError

    osm = write_town_osm(tmp_path / "t.osm")
    disguised = tmp_path / "heat.tif"
    disguised.write_text(
        '<VRTDataset rasterXSize="64" rasterYSize="32"><VRTRasterBand dataType="Byte" band="1" '
        'subClass="VRTRawRasterBand"><SourceFilename relativetoVRT="0">/etc/passwd</SourceFilename>'
        "</VRTRasterBand></VRTDataset>"
    )
    dest = tmp_path / "cities"
    with pytest.raises(UnreadableContentError, match=r"heat.tif.*Raster \(GeoTIFF\)"):
        import_city(CityImport(name="town", osm=osm, rasters={"heat": disguised}), dest)
    assert not (dest / "town").exists()
