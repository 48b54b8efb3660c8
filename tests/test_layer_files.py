"""Vector, raster, GTFS and population layer kinds, on good and bad input."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import rasterio
import shapely
from rasterio.transform import from_origin

from twin_app.core.errors import (
    CorruptFileError,
    CRSError,
    EmptyLayerError,
    TwinError,
    UnsupportedFormatError,
)
from twin_app.core.kinds import default_registry
from twin_app.core.layers import LineLayer, PointLayer, PolygonLayer, RasterLayer

# A square of ~100 m in central Helsinki (Esplanadi), lon/lat.
ESPA = shapely.box(24.9440, 60.1670, 24.9458, 60.1679)


def _load(kind: str, path: Path, ctx, **options):
    return default_registry().get(kind).load(path, options, ctx)


@pytest.mark.parametrize(
    ("suffix", "driver"),
    [(".gpkg", "GPKG"), (".geojson", "GeoJSON"), (".shp", "ESRI Shapefile"), (".fgb", "FlatGeobuf")],
)
def test_vector_formats_load_into_city_crs(tmp_path: Path, ctx, suffix: str, driver: str) -> None:
    frame = gpd.GeoDataFrame({"name": ["espa"], "value": [3.5]}, geometry=[ESPA], crs="EPSG:4326")
    path = tmp_path / f"parks{suffix}"
    frame.to_file(path, driver=driver)
    layer = _load("vector", path, ctx)
    assert isinstance(layer, PolygonLayer)
    assert layer.crs == "EPSG:3879" and layer.frame.crs.to_epsg() == 3879
    expected = gpd.GeoSeries([ESPA], crs="EPSG:4326").to_crs("EPSG:3879").area.iloc[0]
    assert layer.frame.area.iloc[0] == pytest.approx(expected, rel=1e-6)
    assert default_registry().for_file(path).name == "vector"


def test_csv_with_lon_lat_and_with_wkt(tmp_path: Path, ctx) -> None:
    p1 = tmp_path / "sensors.csv"
    p1.write_text("id,lon,lat,temp\n1,24.9450,60.1675,21.5\n2,24.9500,60.1700,22.0\n3,,60.17,1\n")
    layer = _load("vector", p1, ctx)
    assert isinstance(layer, PointLayer)
    assert layer.feature_count == 2
    assert any("without geometry" in n for n in layer.notes)
    p2 = tmp_path / "lines.csv"
    p2.write_text('name,wkt\na,"LINESTRING (24.944 60.167, 24.946 60.168)"\n')
    layer2 = _load("vector", p2, ctx)
    assert isinstance(layer2, LineLayer)
    p3 = tmp_path / "nothing.csv"
    p3.write_text("a,b\n1,2\n")
    with pytest.raises(TwinError, match="no coordinates"):
        _load("vector", p3, ctx)


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
def test_missing_crs_is_a_clear_error_unless_configured(tmp_path: Path, ctx) -> None:
    frame = gpd.GeoDataFrame({"v": [1]}, geometry=[ESPA])
    path = tmp_path / "nocrs.geojson"
    frame.to_file(path, driver="GeoJSON")
    # GeoJSON implies WGS84; a shapefile without .prj really has no CRS
    shp = tmp_path / "nocrs.shp"
    frame.to_file(shp)
    with pytest.raises(CRSError, match="does not say which coordinate reference system"):
        _load("vector", shp, ctx)
    layer = _load("vector", shp, ctx, crs="EPSG:4326")
    assert layer.feature_count == 1 and any("assumed EPSG:4326" in n for n in layer.notes)


def test_wrong_crs_is_reported(tmp_path: Path, ctx) -> None:
    # Metric coordinates labelled as lon/lat: impossible degrees.
    frame = gpd.GeoDataFrame(
        {"v": [1]}, geometry=[shapely.box(25496000, 6672000, 25496100, 6672100)], crs="EPSG:4326"
    )
    path = tmp_path / "wrong.gpkg"
    frame.to_file(path)
    with pytest.raises(CRSError, match="impossible"):
        _load("vector", path, ctx)
    # Plausible coordinates, but somewhere else entirely (lon/lat swapped).
    swapped = gpd.GeoDataFrame(
        {"v": [1]}, geometry=[shapely.box(60.167, 24.944, 60.168, 24.946)], crs="EPSG:4326"
    )
    path2 = tmp_path / "swapped.gpkg"
    swapped.to_file(path2)
    with pytest.raises(CRSError, match="outside the city"):
        _load("vector", path2, ctx)


def test_invalid_geometries_are_repaired_and_counted_empty_ones_reported(tmp_path: Path, ctx) -> None:
    bowtie = shapely.Polygon([(24.944, 60.167), (24.946, 60.168), (24.946, 60.167), (24.944, 60.168)])
    assert not bowtie.is_valid
    frame = gpd.GeoDataFrame({"v": [1, 2, 3]}, geometry=[bowtie, ESPA, None], crs="EPSG:4326")
    path = tmp_path / "bad.gpkg"
    frame.to_file(path)
    layer = _load("vector", path, ctx)
    assert layer.feature_count == 2
    assert layer.frame.is_valid.all()
    assert any("1 invalid geometry was repaired" in n for n in layer.notes)
    assert any("1 feature(s) without geometry" in n for n in layer.notes)


def test_empty_layer_and_corrupt_geopackage(tmp_path: Path, ctx) -> None:
    empty = gpd.GeoDataFrame({"v": []}, geometry=[], crs="EPSG:4326")
    path = tmp_path / "empty.gpkg"
    empty.to_file(path, layer="empty")
    with pytest.raises(EmptyLayerError, match="no features"):
        _load("vector", path, ctx)
    good = tmp_path / "good.gpkg"
    gpd.GeoDataFrame({"v": [1]}, geometry=[ESPA], crs="EPSG:4326").to_file(good)
    broken = tmp_path / "broken.gpkg"
    broken.write_bytes(good.read_bytes()[:3000])
    with pytest.raises(CorruptFileError, match="damaged, truncated"):
        _load("vector", broken, ctx)
    junk = tmp_path / "junk.gpkg"
    junk.write_text("this is not a database")
    with pytest.raises(CorruptFileError):
        _load("vector", junk, ctx)


def test_unknown_file_type_names_the_supported_ones(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_text("x")
    with pytest.raises(UnsupportedFormatError, match=r"\.gpkg"):
        default_registry().for_file(path)


# -- rasters ----------------------------------------------------------------


def _write_raster(path: Path, data: np.ndarray, *, crs: str | None, transform, nodata=None) -> None:
    profile = {
        "driver": "GTiff",
        "height": data.shape[0],
        "width": data.shape[1],
        "count": 1,
        "dtype": "float32",
        "transform": transform,
        "nodata": nodata,
    }
    if crs:
        profile["crs"] = crs
    with rasterio.open(path, "w", **profile) as dst:
        dst.write(data.astype("float32"), 1)


def test_raster_window_units_and_nodata(helsinki_dir: Path, ctx) -> None:
    layer = _load(
        "raster", helsinki_dir / "heat" / "helsinki_urban_heat_exposure_index.tif", ctx, units="index 0–1"
    )
    assert isinstance(layer, RasterLayer)
    assert layer.units_label == "index 0–1"
    # the whole-city raster is 830x619; only the city's window (+500 m) is kept
    assert layer.data.shape[0] < 200 and layer.data.shape[1] < 200
    with rasterio.open(helsinki_dir / "heat" / "helsinki_urban_heat_exposure_index.tif") as src:
        a, _, c, _, e, f = layer.transform
        col, row = ~src.transform @ (c + a / 2, f + e / 2)
        full = src.read(1)
    assert layer.data[0, 0] == pytest.approx(full[int(row), int(col)], nan_ok=True)
    assert np.isnan(layer.data).any() and np.nanmax(layer.data) <= 1.0


def test_raster_without_units_is_an_index_and_reprojects(tmp_path: Path, ctx) -> None:
    data = np.arange(100, dtype="float32").reshape(10, 10)
    path = tmp_path / "utm.tif"
    # EPSG:3067 (ETRS-TM35FIN) around central Helsinki
    _write_raster(path, data, crs="EPSG:3067", transform=from_origin(385500, 6673000, 100, 100))
    layer = _load("raster", path, ctx)
    assert layer.units_label == "index"
    assert any("Reprojected from EPSG:3067" in n for n in layer.notes)
    assert np.nanmin(layer.data) >= 0 and np.nanmax(layer.data) <= 99


def test_raster_errors(tmp_path: Path, ctx) -> None:
    data = np.ones((4, 4), dtype="float32")
    nocrs = tmp_path / "nocrs.tif"
    _write_raster(nocrs, data, crs=None, transform=from_origin(0, 4, 1, 1))
    with pytest.raises(CRSError, match="does not say which coordinate reference system"):
        _load("raster", nocrs, ctx)
    far = tmp_path / "far.tif"
    _write_raster(far, data, crs="EPSG:3879", transform=from_origin(25000000, 6000000, 10, 10))
    with pytest.raises(CRSError, match="does not overlap"):
        _load("raster", far, ctx)
    good = tmp_path / "good.tif"
    shutil.copy(
        Path(__file__).resolve().parents[1]
        / "sample_cities/helsinki/heat/helsinki_urban_heat_exposure_index.tif",
        good,
    )
    truncated = tmp_path / "truncated.tif"
    truncated.write_bytes(good.read_bytes()[:2000])
    with pytest.raises(CorruptFileError, match="GeoTIFF"):
        _load("raster", truncated, ctx)


# -- GTFS and population ----------------------------------------------------


def test_gtfs_stops_and_routes(helsinki_dir: Path, ctx) -> None:
    gtfs = helsinki_dir / "gtfs" / "hsl_helsinki_centre_gtfs_2022.zip"
    stops = _load("gtfs-stops", gtfs, ctx)
    assert isinstance(stops, PointLayer)
    # Platforms/stops (location_type 0) inside the OSM area, counted independently:
    import pandas as pd

    with zipfile.ZipFile(gtfs) as zf:
        raw = pd.read_csv(zf.open("stops.txt"))
    inside = raw[
        (raw.location_type.fillna(0) == 0)
        & raw.stop_lon.between(24.93018, 24.95841)
        & raw.stop_lat.between(60.15915, 60.18411)
    ]
    assert stops.feature_count == len(inside)
    assert (stops.frame["departures"] >= 0).all() and stops.frame["modes"].str.len().gt(0).any()
    routes = _load("gtfs-routes", gtfs, ctx)
    assert isinstance(routes, LineLayer) and routes.feature_count > 50
    assert set(routes.frame["mode"]) >= {"tram", "bus"}


def test_gtfs_corrupt_and_incomplete(tmp_path: Path, ctx) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(CorruptFileError, match="GTFS"):
        _load("gtfs-stops", bad, ctx)
    nostops = tmp_path / "nostops.zip"
    with zipfile.ZipFile(nostops, "w") as zf:
        zf.writestr("agency.txt", "agency_id,agency_name\n1,x\n")
    with pytest.raises(CorruptFileError, match=r"no stops\.txt"):
        _load("gtfs-stops", nostops, ctx)


def test_population_grid_keeps_total(helsinki_dir: Path, ctx) -> None:
    path = helsinki_dir / "population" / "hsy_population_grid_250m_age_groups_centre.gpkg"
    layer = _load("population-grid", path, ctx, column="population")
    raw = pyogrio.read_dataframe(path)
    assert layer.feature_count == len(raw) == 93
    assert layer.frame["population"].sum() == pytest.approx(raw["population"].sum())
    assert layer.units == "people"
    with pytest.raises(TwinError, match="has no column 'people'"):
        _load("population-grid", path, ctx, column="people")
