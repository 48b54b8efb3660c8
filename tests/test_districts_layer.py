"""The districts layer type: one name column whatever the source, checked at import, clipped to the city."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from test_city_import import UTM, X0, Y0, write_town_osm

from twin_app.api import CLIPPED_COLUMN, DISTRICT_COLUMN, DistrictsError, DistrictsLayer
from twin_app.core.city_import import CityImport, import_city
from twin_app.core.loading import load_city
from twin_app.core.params import district_names

TWIN_APP = [sys.executable, "-m", "twin_app"]


def _districts_file(path: Path, names: list[str | None], column: str = "nimi") -> Path:
    """Three districts side by side (x 0..150, 150..300, 300..1300 m): the last reaches far east."""
    boxes = [
        shapely.box(X0, Y0, X0 + 150, Y0 + 400),
        shapely.box(X0 + 150, Y0, X0 + 300, Y0 + 400),
        shapely.box(X0 + 300, Y0, X0 + 1300, Y0 + 400),
    ]
    gpd.GeoDataFrame({column: names, "code": [1, 2, 3]}, geometry=boxes, crs=UTM).to_file(path)
    return path


def test_a_missing_name_column_is_a_sentence_at_import(tmp_path: Path) -> None:
    osm = write_town_osm(tmp_path / "town.osm")
    districts = _districts_file(tmp_path / "districts.gpkg", ["Keskusta", "Itä", "Länsi"])
    request = CityImport(name="town", osm=osm, districts=districts, district_name_column="name")
    with pytest.raises(DistrictsError, match=r"has no column 'name'.*columns are: nimi, code"):
        import_city(request, tmp_path / "cities")
    assert not (tmp_path / "cities" / "town").exists()  # nothing half-built


def test_districts_must_be_polygons(tmp_path: Path) -> None:
    osm = write_town_osm(tmp_path / "town.osm")
    points = tmp_path / "points.geojson"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=[shapely.Point(X0 + 10, Y0 + 10)], crs=UTM).to_file(points)
    with pytest.raises(DistrictsError, match="holds point features, but districts must be polygons"):
        import_city(CityImport(name="town", osm=osm, districts=points), tmp_path / "cities")
    out = subprocess.run(
        [
            *TWIN_APP,
            "city",
            "import",
            "t2",
            "--osm",
            str(osm),
            "--districts",
            str(points),
            "--dest",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
    )
    assert out.returncode != 0 and "must be polygons" in out.stderr and "Traceback" not in out.stderr


def test_districts_from_a_file_read_through_one_column(tmp_path: Path) -> None:
    osm = write_town_osm(tmp_path / "town.osm")
    districts = _districts_file(tmp_path / "districts.gpkg", ["Keskusta", "Keskusta", None])
    request = CityImport(name="town", osm=osm, districts=districts, district_name_column="nimi")
    model = load_city(import_city(request, tmp_path / "cities"))
    layer = model.districts
    assert isinstance(layer, DistrictsLayer) and model.problems == []
    # two districts sharing a name stay two; a nameless one is named, not dropped
    assert layer.names() == ["Keskusta", "Keskusta (2)", "District 1"]
    assert district_names(model) == layer.names() == model.info()["districts"]
    # the town's extent ends near x = 400 m (its streets): the third district is clipped to it
    clipped = dict(zip(layer.frame[DISTRICT_COLUMN], layer.frame[CLIPPED_COLUMN], strict=True))
    assert clipped == {"Keskusta": False, "Keskusta (2)": False, "District 1": True}
    assert 0.05 * 1000 * 400 < layer.frame.geometry.iloc[2].area < 0.15 * 1000 * 400
    assert any("numbered, not merged" in n for n in layer.notes)


def test_district_level_is_written_to_the_manifest(tmp_path: Path) -> None:
    osm = write_town_osm(tmp_path / "town.osm")
    folder = import_city(CityImport(name="town", osm=osm, district_level="9"), tmp_path / "cities")
    manifest = tomllib.loads((folder / "city.toml").read_text(encoding="utf-8"))
    spec = next(layer for layer in manifest["layers"] if layer["id"] == "districts")
    assert spec["kind"] == "osm-districts" and spec["admin_level"] == "9"
    # the town has no boundaries of that level: a grid, and a note that says so
    layer = load_city(folder).districts
    assert layer is not None and set(layer.frame["source"]) == {"grid"}
    assert any("admin_level 9: no boundaries" in n for n in layer.notes)


def test_a_wrong_name_column_in_the_manifest_is_a_layer_problem(tmp_path: Path) -> None:
    osm = write_town_osm(tmp_path / "town.osm")
    districts = _districts_file(tmp_path / "districts.gpkg", ["Keskusta", "Itä", "Länsi"])
    request = CityImport(name="town", osm=osm, districts=districts, district_name_column="nimi")
    folder = import_city(request, tmp_path / "cities")
    toml = folder / "city.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('name_column = "nimi"', 'name_column = "NAME"'))
    model = load_city(folder)
    assert model.districts is None
    (problem,) = [p for p in model.problems if p.layer_id == "districts"]
    assert "no column 'NAME'" in problem.message and "nimi" in problem.message


def test_an_analysis_without_districts_blames_the_city_not_the_plugin(tmp_path: Path) -> None:
    from test_city_import import write_town_extras

    from twin_app.core.errors import MissingLayerError
    from twin_app.core.runner import run_analysis

    osm = write_town_osm(tmp_path / "town.osm")
    extras = write_town_extras(tmp_path)
    request = CityImport(
        name="town",
        osm=osm,
        population=extras["population"],
        population_column="inhabitants",
        rasters={"heat": extras["raster"]},
    )
    model = load_city(import_city(request, tmp_path / "cities"))
    model.remove_layer("districts")
    with pytest.raises(MissingLayerError, match="no districts layer") as caught:
        run_analysis("heat-exposure", model, {})
    assert "plugin's author" not in str(caught.value)
