"""Fuzzed inputs: every importer gives a layer or one of the app's sentences, whatever the bytes.

Each importer reads a few seconds of seeded mutations of a small valid file
(``tests/fuzzing.py``; ``tools/fuzz_campaign.py`` runs the same for minutes).
A failure prints the importer, the seed and the index that make the input
again, the mutations, and the traceback.

Below them, the defects the campaign found, each as a small file written by
hand: the fuzzed input made minimal, with the answer worked out from it.
"""

from __future__ import annotations

import json
import os
import struct
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from fuzzing import BBOX, CRS, IMPORTERS, cached_seeds, describe_failures, fuzz, run_input
from pyproj import Transformer

from twin_app.api import CorruptFileError, CRSError, EmptyLayerError, Feedback, ManifestError, PolygonLayer
from twin_app.core.city import LayerSpec, load_manifest
from twin_app.core.kinds import default_registry
from twin_app.core.loading import load_layer, read_file_layer

#: the CI run's seed; another seed is another set of inputs (the campaign tool takes any)
SEED = 7
#: inputs per importer: each importer's share of the run is a few seconds on a laptop
EXECUTIONS = {
    "osm-xml": 15,
    "osm-pbf": 15,
    "gtfs": 30,
    "geojson": 200,
    "geopackage": 150,
    "shapefile": 120,
    "shapefile-zip": 120,
    "csv": 150,
    "geotiff": 200,
    "population-grid": 200,
    "city.toml": 100,
}
#: a bound on each importer's share, whatever the machine: the rest of the inputs are left out
BUDGET_S = 5.0


def test_every_importer_is_fuzzed() -> None:
    assert set(EXECUTIONS) == set(IMPORTERS)


@pytest.mark.parametrize("name", sorted(IMPORTERS))
def test_seed_files_load(name: str, tmp_path: Path) -> None:
    """The files the mutations start from are valid: every step of every seed gives a layer."""
    importer = IMPORTERS[name]
    for files in cached_seeds(name):
        outcome = run_input(importer, files, tmp_path / "seed")
        assert (outcome.refused, outcome.signature, outcome.hang) == (0, None, False), (
            outcome.messages,
            outcome.detail,
        )
        assert outcome.accepted == len(importer.steps(tmp_path / "seed" / importer.main, tmp_path / "seed"))


@pytest.mark.slow  # 30-50 s for all importers together: more than the fast set may take
@pytest.mark.filterwarnings("ignore")  # damaged files make GDAL and GEOS warn; only escapes matter here
@pytest.mark.parametrize("name", sorted(IMPORTERS))
def test_fuzzed_inputs_give_a_layer_or_a_sentence(name: str, tmp_path: Path) -> None:
    tally = fuzz(IMPORTERS[name], seed=SEED, folder=tmp_path, executions=EXECUTIONS[name], budget_s=BUDGET_S)
    assert tally.executions > 0
    assert not tally.signatures and not tally.hangs, describe_failures(tally, SEED)
    assert tally.refused > 0  # the mutations reach the checks, not only harmless bytes


# ---------------------------------------------------------------- defects the campaign found


def _lonlat(x: float, y: float) -> list[float]:
    """Metres east and north of the fuzz town's centre, as [lon, lat]."""
    to_utm = Transformer.from_crs("EPSG:4326", CRS, always_xy=True)
    x0, y0 = to_utm.transform(10.0, 50.0)
    lon, lat = Transformer.from_crs(CRS, "EPSG:4326", always_xy=True).transform(x0 + x, y0 + y)
    return [lon, lat]


def _square(x: float, y: float, size: float = 100.0) -> list[list[list[float]]]:
    corners = [(x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y)]
    return [[_lonlat(cx, cy) for cx, cy in corners]]


def _manifest(folder: Path):
    from fuzzing import _manifest as manifest

    return manifest(folder)


def _feature(coords: object, props: dict) -> dict:
    return {"type": "Feature", "properties": props, "geometry": {"type": "Polygon", "coordinates": coords}}


def test_geojson_column_name_in_latin1_is_read_as_windows_1252(tmp_path: Path) -> None:
    """pyogrio decoded the column names as UTF-8 while choosing the driver, before any retry."""
    text = json.dumps(
        {"type": "FeatureCollection", "features": [_feature(_square(0, 0), {"HOEHE": 12})]},
        ensure_ascii=False,
    )
    path = tmp_path / "heights.geojson"
    path.write_bytes(text.replace("HOEHE", "Höhe").encode("latin-1"))
    layer = read_file_layer(path, _manifest(tmp_path))
    assert list(layer.frame["Höhe"]) == [12]
    assert any("read as Windows-1252" in note for note in layer.notes)


def test_a_feature_with_an_infinite_coordinate_costs_only_itself(tmp_path: Path) -> None:
    """1e999 is a JSON number that becomes infinity; GEOS then refused to repair the whole array."""
    bad = _square(200, 0)
    bad[0][2] = [bad[0][2][0], 1e999]  # json writes Infinity; GDAL reads it as inf
    features = [
        _feature(_square(0, 0), {"n": 1}),
        _feature(bad, {"n": 2}),
        _feature(_square(0, 200), {"n": 3}),
    ]
    path = tmp_path / "cells.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    layer = read_file_layer(path, _manifest(tmp_path))
    assert isinstance(layer, PolygonLayer)
    assert list(layer.frame["n"]) == [1, 3]
    assert (
        "1 feature(s) with a coordinate that is not a finite number (NaN or infinite) were skipped "
        "(e.g. feature 2 in file order)." in layer.notes
    )


def _rename_dbf_field(dbf: Path, old: str, new: str) -> None:
    """Rename a field in the .dbf header (32-byte descriptors from byte 32, the name in the first 11)."""
    data = bytearray(dbf.read_bytes())
    header_size = struct.unpack("<H", data[8:10])[0]
    for start in range(32, header_size - 1, 32):
        if data[start : start + 11].rstrip(b"\x00") == old.encode():
            data[start : start + 11] = new.encode().ljust(11, b"\x00")
    dbf.write_bytes(bytes(data))


def test_a_dbf_naming_two_fields_alike_is_read_with_a_renamed_column(tmp_path: Path) -> None:
    to_utm = Transformer.from_crs("EPSG:4326", CRS, always_xy=True)
    x0, y0 = to_utm.transform(10.0, 50.0)
    frame = gpd.GeoDataFrame(
        {"name": ["Nord", "Süd"], "other": ["a", "b"]},
        geometry=[shapely.box(x0, y0, x0 + 100, y0 + 100), shapely.box(x0, y0 - 100, x0 + 100, y0)],
        crs=CRS,
    )
    path = tmp_path / "cells.shp"
    frame.to_file(path, driver="ESRI Shapefile", encoding="UTF-8")
    _rename_dbf_field(path.with_suffix(".dbf"), "other", "name")
    layer = read_file_layer(path, _manifest(tmp_path))
    assert list(layer.frame["name"]) == ["Nord", "Süd"]
    assert list(layer.frame["name_2"]) == ["a", "b"]
    assert (
        "'cells.shp' has 1 column(s) whose name repeats an earlier one; they were read under new names "
        "('name' as 'name_2')." in layer.notes
    )


#: a CRS on Mars (IAU 2000), as a .prj a planetary GIS writes
MARS_PRJ = (
    'GEOGCS["Mars 2000",DATUM["D_Mars_2000",SPHEROID["Mars_2000_IAU_IAG",3396190.0,169.894447223612]],'
    'PRIMEM["Reference_Meridian",0.0],UNIT["Degree",0.0174532925199433]]'
)


def test_a_shapefile_on_another_planet_is_a_sentence(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame({"n": [1]}, geometry=[shapely.box(10.0, 50.0, 10.001, 50.001)], crs="EPSG:4326")
    path = tmp_path / "crater.shp"
    frame.to_file(path, driver="ESRI Shapefile")
    path.with_suffix(".prj").write_text(MARS_PRJ)
    with pytest.raises(CRSError, match=r"cannot be converted to the city's \(EPSG:32632\): .*celestial body"):
        read_file_layer(path, _manifest(tmp_path))


def test_a_polygon_geos_cannot_repair_costs_only_itself(tmp_path: Path) -> None:
    """Coordinates near the float limit: GEOS refused to repair them, and with them the whole array."""
    to_utm = Transformer.from_crs("EPSG:4326", CRS, always_xy=True)
    x0, y0 = to_utm.transform(10.0, 50.0)
    wild = shapely.Polygon(
        [
            (2.075560162693547e234, 2.4882714233418876e-148),
            (2.0754373154024216e234, 2.147165252792223e-147),
            (6.965901239218533e241, 2.1469852214480833e-147),
            (6.966410369828197e241, 2.488314069263806e-148),
            (2.0755601613145457e234, 2.4882714233418876e-148),
        ]
    )
    assert not wild.is_valid
    frame = gpd.GeoDataFrame(
        {"n": [1, 2, 3]},
        geometry=[shapely.box(x0, y0, x0 + 100, y0 + 100), wild, shapely.box(x0, y0 - 100, x0 + 100, y0)],
        crs=CRS,
    )
    path = tmp_path / "cells.gpkg"
    frame.to_file(path, driver="GPKG")
    layer = read_file_layer(path, _manifest(tmp_path))
    assert list(layer.frame["n"]) == [1, 3]
    assert "1 of them could not be repaired and were skipped (e.g. feature 2 in file order)." in layer.notes


def test_a_prj_that_is_not_text_is_a_sentence(tmp_path: Path) -> None:
    """pyogrio fails with an UnboundLocalError on a .prj that is not UTF-8."""
    frame = gpd.GeoDataFrame({"n": [1]}, geometry=[shapely.box(10.0, 50.0, 10.001, 50.001)], crs="EPSG:4326")
    path = tmp_path / "cells.shp"
    frame.to_file(path, driver="ESRI Shapefile")
    prj = path.with_suffix(".prj")
    prj.write_bytes(prj.read_bytes().replace(b"1984", b"\xff\xfe"))
    with pytest.raises(CorruptFileError, match=r"the \.prj file of a shapefile\) is not readable text"):
        read_file_layer(path, _manifest(tmp_path))


def test_a_population_that_is_a_json_object_counts_as_no_population(tmp_path: Path) -> None:
    """A property holding an object could not be hashed where text columns are checked for UTF-8."""
    features = [_feature(_square(0, 0), {"population": 120}), _feature(_square(0, 200), {"population": {}})]
    path = tmp_path / "cells.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    spec = LayerSpec(
        id="pop", kind="population-grid", source=path, title="pop", options={"column": "population"}
    )
    layer = load_layer(_manifest(tmp_path), spec, registry=default_registry(), feedback=Feedback(), cache={})
    assert list(layer.frame["population"]) == [120.0, 0.0]
    assert "1 cell(s) had no readable population and count as 0." in layer.notes


def test_a_raster_in_a_local_engineering_crs_is_a_sentence(tmp_path: Path) -> None:
    """No operation links a local (engineering) CRS to the city's: rasterio's GDAL error escaped."""
    import numpy as np
    import rasterio
    from rasterio.crs import CRS as RasterCRS

    path = tmp_path / "heat.tif"
    local = RasterCRS.from_wkt(
        'LOCAL_CS["site grid",UNIT["metre",1],AXIS["Easting",EAST],AXIS["Northing",NORTH]]'
    )
    profile = {"driver": "GTiff", "width": 4, "height": 4, "count": 1, "dtype": "float32", "crs": local}
    with rasterio.open(
        path, "w", transform=rasterio.transform.from_origin(0, 400, 100, 100), **profile
    ) as dst:
        dst.write(np.ones((4, 4), dtype="float32"), 1)
    with pytest.raises(CRSError, match=r"cannot be converted to the city's \(EPSG:32632\)"):
        read_file_layer(path, _manifest(tmp_path))


def test_a_zipped_shapefile_with_a_broken_shx_is_a_sentence(tmp_path: Path) -> None:
    """GDAL opens the zip but finds no layer in it; pyogrio said so with an IndexError."""
    frame = gpd.GeoDataFrame({"n": [1]}, geometry=[shapely.box(10.0, 50.0, 10.001, 50.001)], crs="EPSG:4326")
    frame.to_file(tmp_path / "cells.shp", driver="ESRI Shapefile")
    path = tmp_path / "cells.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for part in sorted(tmp_path.glob("cells.*")):
            if part != path:
                archive.writestr(
                    part.name, part.read_bytes()[:10] if part.suffix == ".shx" else part.read_bytes()
                )
    with pytest.raises(CorruptFileError, match="GDAL finds no layer of features in it"):
        read_file_layer(path, _manifest(tmp_path))


def _feed(members: dict[str, str]) -> bytes:
    from fuzzing import rezip

    return rezip({name: text.encode() for name, text in members.items()})


def test_a_shape_or_a_trip_of_one_point_costs_only_itself(tmp_path: Path) -> None:
    """shapely wants line indices without gaps; a one-point shape or trip sorting first cost the layer.

    S1 has one point and T0 (route R0, no shape) visits one stop: both are
    left out.  R1 is drawn along its stops A-B-C, R2 along shape S2.
    """
    a, b, c = ([round(v, 7) for v in _lonlat(x, y)] for x, y in ((0, 0), (300, 0), (300, 300)))
    path = tmp_path / "feed.zip"
    path.write_bytes(
        _feed(
            {
                "stops.txt": "stop_id,stop_lat,stop_lon\n"
                + "".join(f"{s},{p[1]:.7f},{p[0]:.7f}\n" for s, p in (("A", a), ("B", b), ("C", c))),
                "routes.txt": "route_id,route_type\nR0,3\nR1,3\nR2,0\n",
                "trips.txt": "route_id,service_id,trip_id,shape_id\nR0,WK,T0,\nR1,WK,T1,\nR2,WK,T2,S2\n",
                "stop_times.txt": "trip_id,stop_id,stop_sequence,departure_time\nT0,A,1,07:00:00\n"
                "T1,A,1,07:00:00\nT1,B,2,07:05:00\nT1,C,3,07:09:00\nT2,C,1,08:00:00\nT2,A,2,08:10:00\n",
                "shapes.txt": "shape_id,shape_pt_lat,shape_pt_lon,shape_pt_sequence\n"
                f"S1,{a[1]:.7f},{a[0]:.7f},1\nS2,{c[1]:.7f},{c[0]:.7f},1\nS2,{a[1]:.7f},{a[0]:.7f},2\n",
            }
        )
    )
    spec = LayerSpec(id="routes", kind="gtfs-routes", source=path, title="routes")
    layer = load_layer(_manifest(tmp_path), spec, registry=default_registry(), feedback=Feedback(), cache={})
    to_utm = Transformer.from_crs("EPSG:4326", CRS, always_xy=True)
    drawn = {
        r: (d, len(g.coords))
        for r, d, g in zip(
            layer.frame["route_id"], layer.frame["drawn_from"], layer.frame.geometry, strict=True
        )
    }
    assert drawn == {"R1": ("stops", 3), "R2": ("shape", 2)}
    r1 = layer.frame.geometry[layer.frame["route_id"] == "R1"].iloc[0]
    expected = [to_utm.transform(*p) for p in (a, b, c)]
    assert [tuple(round(v, 3) for v in xy) for xy in r1.coords] == [
        tuple(round(v, 3) for v in xy) for xy in expected
    ]


def test_boundaries_that_name_no_district_are_an_empty_layer(tmp_path: Path) -> None:
    """The fuzzed map whose admin boundary lost a node to a street: no face is named by a relation.

    The districts frame was then built from no rows without its columns,
    and geopandas refused it; now it is the layer's sentence that it has
    nothing to show.
    """
    from fuzzing import _osm_xml

    lines = _osm_xml().decode().split("\n")
    assert lines[49].strip() == '<tag k="highway" v="primary"/>' and lines[102].strip() == '<nd ref="53"/>'
    lines[49], lines[102] = lines[102], lines[49]
    path = tmp_path / "town.osm"
    path.write_text("\n".join(lines))
    spec = LayerSpec(id="d", kind="osm-districts", source=path, title="d", options={"admin_level": "10"})
    with pytest.raises(EmptyLayerError):
        load_layer(_manifest(tmp_path), spec, registry=default_registry(), feedback=Feedback(), cache={})


def test_a_prj_that_gdal_reads_into_what_proj_cannot_is_a_sentence(tmp_path: Path) -> None:
    """A .prj with a prime meridian of {} and a 20-digit projection: GDAL hands PROJ a CRS it refuses."""
    to_utm = Transformer.from_crs("EPSG:4326", CRS, always_xy=True)
    x0, y0 = to_utm.transform(10.0, 50.0)
    frame = gpd.GeoDataFrame({"n": [1]}, geometry=[shapely.box(x0, y0, x0 + 100, y0 + 100)], crs=CRS)
    path = tmp_path / "cells.shp"
    frame.to_file(path, driver="ESRI Shapefile")
    prj = path.with_suffix(".prj")
    text = prj.read_text()
    assert '"Greenwich"' in text and '"Transverse_Mercator"' in text
    prj.write_text(text.replace('"Greenwich"', "{}").replace('"Transverse_Mercator"', "18446744073709551616"))
    with pytest.raises(
        CRSError, match=r"\(for a shapefile, its \.prj file\) is damaged: PROJ cannot read it"
    ):
        read_file_layer(path, _manifest(tmp_path))


def test_a_route_type_that_is_no_code_makes_a_route_of_unknown_mode(tmp_path: Path) -> None:
    """route_type "-inf" could not be cast to an integer, and the feed was lost."""
    a, b = ([round(v, 7) for v in _lonlat(x, y)] for x, y in ((0, 0), (300, 0)))
    path = tmp_path / "feed.zip"
    path.write_bytes(
        _feed(
            {
                "stops.txt": f"stop_id,stop_lat,stop_lon\nA,{a[1]},{a[0]}\nB,{b[1]},{b[0]}\n",
                "routes.txt": "route_id,route_type\nR1,-inf\nR2,3.5\nR3,0\n",
                "trips.txt": "route_id,service_id,trip_id\nR1,WK,T1\nR2,WK,T2\nR3,WK,T3\n",
                "stop_times.txt": "trip_id,stop_id,stop_sequence,departure_time\n"
                "T1,A,1,07:00:00\nT2,A,1,07:10:00\nT3,B,1,07:20:00\n",
            }
        )
    )
    spec = LayerSpec(id="stops", kind="gtfs-stops", source=path, title="stops")
    layer = load_layer(_manifest(tmp_path), spec, registry=default_registry(), feedback=Feedback(), cache={})
    served = dict(zip(layer.frame["stop_id"], layer.frame["route_types"], strict=True))
    assert served == {"A": "-1", "B": "0"}
    assert dict(zip(layer.frame["stop_id"], layer.frame["departures"], strict=True)) == {"A": 2, "B": 1}


def test_a_raster_whose_pixels_have_no_area_is_a_sentence(tmp_path: Path) -> None:
    """Pixels 1e-200 m wide: their area underflows to zero, and the city's window could not be worked out.

    The fuzzed file had its ModelPixelScale tag (x, y and z scale as three
    doubles) read two bytes off, giving such sizes; here the tag is edited.
    """
    import numpy as np
    import rasterio

    path = tmp_path / "heat.tif"
    x0, y0 = Transformer.from_crs("EPSG:4326", CRS, always_xy=True).transform(10.0, 50.0)
    profile = {"driver": "GTiff", "width": 4, "height": 4, "count": 1, "dtype": "float32", "crs": CRS}
    with rasterio.open(path, "w", transform=rasterio.transform.from_origin(x0, y0, 50, 50), **profile) as dst:
        dst.write(np.ones((4, 4), dtype="float32"), 1)
    data = path.read_bytes()
    scale = struct.pack("<3d", 50.0, 50.0, 0.0)
    assert data.count(scale) == 1
    path.write_bytes(data.replace(scale, struct.pack("<3d", 1e-200, 1e-200, 0.0)))
    with pytest.raises(CorruptFileError, match=r"gives its pixels no size \(a degenerate transform\)"):
        read_file_layer(path, _manifest(tmp_path))


#: reads the buildings of a PBF in a child process, so that an abort shows as a failure, not a lost run
_READ_BUILDINGS = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from fuzzing import _load
layer = _load(Path(sys.argv[1]), Path(sys.argv[1]).parent, "osm-buildings", {}, {})
print(sorted(layer.frame["osm_id"].tolist()))
print(*[n for n in layer.notes if "UTF-8" in n])
"""


def test_a_tag_that_is_not_utf8_costs_only_its_object_not_the_process(tmp_path: Path) -> None:
    """A PBF tag value in no encoding made libosmium's OPL writer fail, then abort the interpreter.

    The file is written uncompressed by libosmium, and the name of building
    202 edited in its string table into bytes that are not UTF-8.
    """
    import subprocess
    import sys

    import osmium
    from osmium.osm.mutable import Node, Way

    path = tmp_path / "town.osm.pbf"
    corners = [(0, 0), (20, 0), (20, 20), (0, 20)]
    writer = osmium.SimpleWriter(osmium.io.File(str(path), "pbf,pbf_compression=none"))
    for building, (x0, y0) in ((201, (0, 0)), (202, (100, 0))):
        for i, (x, y) in enumerate(corners):
            writer.add_node(Node(id=building * 10 + i, location=tuple(_lonlat(x0 + x, y0 + y)), tags={}))
    for building in (201, 202):
        refs = [building * 10 + i for i in (0, 1, 2, 3, 0)]
        tags = {"building": "yes", "name": "Haus Nord" if building == 201 else "Haus XYZ"}
        writer.add_way(Way(id=building, nodes=refs, tags=tags))
    writer.close()
    data = path.read_bytes()
    assert data.count(b"Haus XYZ") == 1
    path.write_bytes(data.replace(b"Haus XYZ", b"Haus \xff\xfe\xfd"))
    tests = str(Path(__file__).parent)
    run = subprocess.run(
        [sys.executable, "-c", _READ_BUILDINGS, str(path), tests], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr[-2000:]
    ids, note = run.stdout.splitlines()[:2]
    assert ids == "[201]"
    assert note == "1 object(s) whose tags are not valid UTF-8 text were skipped (e.g. way 202)."


def test_a_raster_whose_pixels_are_too_thin_to_compute_with_is_a_sentence(tmp_path: Path) -> None:
    """Rows 1e-320 m high: the transform inverts, but the city's window comes out infinite (NaN rows)."""
    import numpy as np
    import rasterio

    path = tmp_path / "heat.tif"
    x0, y0 = Transformer.from_crs("EPSG:4326", CRS, always_xy=True).transform(10.0, 50.0)
    profile = {"driver": "GTiff", "width": 4, "height": 4, "count": 1, "dtype": "float32", "crs": CRS}
    with rasterio.open(path, "w", transform=rasterio.transform.from_origin(x0, y0, 50, 50), **profile) as dst:
        dst.write(np.ones((4, 4), dtype="float32"), 1)
    data = path.read_bytes()
    scale = struct.pack("<3d", 50.0, 50.0, 0.0)
    path.write_bytes(data.replace(scale, struct.pack("<3d", 50.0, 1e-320, 0.0)))
    with pytest.raises(CorruptFileError, match=r"gives its pixels no size"):
        read_file_layer(path, _manifest(tmp_path))


def test_a_layer_crs_proj_does_not_know_is_a_sentence_naming_the_layer(tmp_path: Path) -> None:
    w, s, e, n = BBOX
    (tmp_path / "points.csv").write_text("lon,lat\n10.0,50.0\n")
    (tmp_path / "city.toml").write_text(
        f'[city]\nname = "t"\ncrs = "{CRS}"\nbbox = [{w}, {s}, {e}, {n}]\n\n'
        '[[layers]]\nid = "points"\nkind = "vector"\nsource = "points.csv"\ncrs = "EPSG:2147483648"\n'
    )
    with pytest.raises(
        ManifestError, match=r"layer 'points': crs must be the code of a coordinate reference"
    ):
        load_manifest(tmp_path)


def test_fuzzing_runs_with_the_layer_cache_off() -> None:
    """The fuzzed inputs must reach the readers, not a cached layer (conftest turns the cache off)."""
    assert os.environ.get("TWIN_APP_LAYER_CACHE") == "0"
