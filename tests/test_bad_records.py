"""One bad record never costs a layer: it is skipped or repaired, counted and named in the notes.

Every file is written here, with the defect a colleague's or a portal's file
really has: an unclosed GeoJSON ring, an empty WKT cell, a Latin-1 ``.dbf``,
a population grid with a point and a line among its cells.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
import shapely

from twin_app.core.kinds import default_registry
from twin_app.core.layers import PointLayer, PolygonLayer, PopulationLayer

NAMES = ["Töölö", "Käpylä", "Ullanlinna"]


def _load(kind: str, path: Path, ctx, **options):
    return default_registry().get(kind).load(path, options, ctx)


def _square(x: float, y: float, d: float = 0.001) -> list[list[float]]:
    return [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]


def test_unclosed_geojson_ring_is_repaired_and_the_other_features_kept(tmp_path: Path, ctx) -> None:
    unclosed = _square(24.946, 60.170)[:-1]  # the closing vertex left out, as hand-edited files do
    features = [
        {"type": "Feature", "properties": {"name": n}, "geometry": {"type": "Polygon", "coordinates": [ring]}}
        for n, ring in zip(NAMES, [_square(24.940, 60.165), unclosed, _square(24.950, 60.175)], strict=True)
    ]
    path = tmp_path / "parks.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    layer = _load("vector", path, ctx)
    assert isinstance(layer, PolygonLayer)
    assert layer.frame["name"].tolist() == NAMES
    closed = gpd.GeoSeries([shapely.Polygon(_square(24.946, 60.170))], crs="EPSG:4326").to_crs("EPSG:3879")
    assert layer.frame.geometry.iloc[1].area == pytest.approx(closed.area.iloc[0], rel=1e-9)
    note = next(n for n in layer.notes if "unclosed ring" in n)
    assert note.startswith("1 feature(s)") and "1 repaired, 0 skipped" in note and "feature 2 " in note


def test_csv_with_one_empty_wkt_cell_loads_the_other_rows(tmp_path: Path, ctx) -> None:
    path = tmp_path / "trees.csv"
    path.write_text(
        "name,wkt\n"
        "a,POINT (24.944 60.167)\n"
        "b,\n"
        "c,POINT (24.946 60.168)\n"
        "d,POINT (24.947 60.169\n",  # a cut-off cell: not WKT
        encoding="utf-8",
    )
    layer = _load("vector", path, ctx, crs="EPSG:4326")
    assert isinstance(layer, PointLayer)
    assert layer.frame["name"].tolist() == ["a", "c"]
    assert "1 row(s) with an empty 'wkt' cell were skipped (e.g. line 3 in file order)." in layer.notes
    assert "1 row(s) whose 'wkt' cell is not WKT were skipped (e.g. line 5 in file order)." in layer.notes


def _latin1_shapefile(folder: Path) -> Path:
    frame = gpd.GeoDataFrame(
        {"name": NAMES},
        geometry=[shapely.Point(24.944 + i / 1000, 60.167) for i in range(3)],
        crs="EPSG:4326",
    )
    path = folder / "areas.shp"
    pyogrio.write_dataframe(frame, path, encoding="latin1")
    raw = (folder / "areas.dbf").read_bytes()
    assert "Töölö".encode("latin-1") in raw and "Töölö".encode() not in raw  # really Latin-1 on disk
    return path


def test_latin1_dbf_without_cpg_reads_its_names(tmp_path: Path, ctx) -> None:
    path = _latin1_shapefile(tmp_path)
    (tmp_path / "areas.cpg").unlink()
    layer = _load("vector", path, ctx)
    assert layer.frame["name"].tolist() == NAMES


def test_latin1_dbf_whose_cpg_claims_utf8_reads_its_names_with_a_note(tmp_path: Path, ctx) -> None:
    path = _latin1_shapefile(tmp_path)
    (tmp_path / "areas.cpg").write_text("UTF-8")
    layer = _load("vector", path, ctx)
    assert layer.frame["name"].tolist() == NAMES
    assert any("read as Windows-1252" in n for n in layer.notes)


def test_population_grid_keeps_its_cells_and_reports_people_on_points_and_lines(tmp_path: Path, ctx) -> None:
    cells = [shapely.Polygon(_square(24.940, 60.165)), shapely.Polygon(_square(24.942, 60.165))]
    stray = [shapely.Point(24.945, 60.166), shapely.LineString([(24.946, 60.166), (24.947, 60.167)])]
    frame = gpd.GeoDataFrame(
        {"population": [120, 7, 80, 3]}, geometry=[cells[0], stray[0], cells[1], stray[1]], crs="EPSG:4326"
    )
    path = tmp_path / "grid.gpkg"
    frame.to_file(path, driver="GPKG")
    assert pyogrio.read_dataframe(path).geom_type.tolist() == ["Polygon", "Point", "Polygon", "LineString"]
    layer = _load("population-grid", path, ctx)
    assert isinstance(layer, PopulationLayer)
    assert layer.frame["population"].tolist() == [120.0, 80.0]
    assert (
        "2 record(s) have no geometry or are not polygons (e.g. points) and were set aside with 10 people "
        "on them (e.g. feature 2 and 4 in file order); those people are not in this layer." in layer.notes
    )


def test_repair_and_skip_notes_name_the_features(tmp_path: Path, ctx) -> None:
    bowtie = shapely.Polygon([(24.944, 60.167), (24.946, 60.168), (24.946, 60.167), (24.944, 60.168)])
    good = shapely.Polygon(_square(24.940, 60.165))
    frame = gpd.GeoDataFrame({"v": [1, 2, 3, 4]}, geometry=[good, None, good, bowtie], crs="EPSG:4326")
    path = tmp_path / "parks.gpkg"
    frame.to_file(path)
    layer = _load("vector", path, ctx)
    assert layer.feature_count == 3
    assert "1 feature(s) without geometry were skipped (e.g. feature 2 in file order)." in layer.notes
    assert "1 invalid geometry was repaired (e.g. feature 4 in file order)." in layer.notes


def test_utf8_dbf_without_cpg_reads_its_names_with_a_note(tmp_path: Path, ctx) -> None:
    frame = gpd.GeoDataFrame(
        {"name": NAMES},
        geometry=[shapely.Point(24.944 + i / 1000, 60.167) for i in range(3)],
        crs="EPSG:4326",
    )
    path = tmp_path / "areas.shp"
    pyogrio.write_dataframe(frame, path, encoding="UTF-8")
    (tmp_path / "areas.cpg").unlink()
    assert "Töölö".encode() in (tmp_path / "areas.dbf").read_bytes()
    assert pyogrio.read_dataframe(path)["name"].iloc[0] == "TÃ¶Ã¶lÃ¶"  # what GDAL alone makes of it
    layer = _load("vector", path, ctx)
    assert layer.frame["name"].tolist() == NAMES
    assert any("its text is UTF-8" in n for n in layer.notes)


def test_latin1_geojson_reads_its_names_with_a_note(tmp_path: Path, ctx) -> None:
    feature = {
        "type": "Feature",
        "properties": {"name": "Töölö"},
        "geometry": {"type": "Point", "coordinates": [24.944, 60.167]},
    }
    path = tmp_path / "places.geojson"
    path.write_bytes(
        json.dumps({"type": "FeatureCollection", "features": [feature]}, ensure_ascii=False).encode("latin-1")
    )
    with pytest.raises(UnicodeDecodeError):
        pyogrio.read_dataframe(path)  # what a plain read makes of it
    layer = _load("vector", path, ctx)
    assert layer.frame["name"].tolist() == ["Töölö"]
    assert any("read as Windows-1252" in n for n in layer.notes)
