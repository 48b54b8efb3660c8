"""The scene as binary glTF: the file read back by hand, byte by byte, as the glTF 2.0 spec lays it out.

The town (test_city_import's, imported from files written here) has four
buildings at known places; their glTF vertices must span the buildings'
footprints in metres from the scene origin, with y up (glTF x = east,
y = height, z = -north), and carry the colours the view shows.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np
import pytest
from test_city_import import write_town_extras, write_town_osm

from twin_app.cli.main import main
from twin_app.core.city_import import CityImport, import_city
from twin_app.core.loading import load_city

pytestmark = pytest.mark.slow

COMPONENTS = {"SCALAR": 1, "VEC3": 3, "VEC4": 4}
DTYPES = {5126: "<f4", 5121: "u1", 5125: "<u4"}


@pytest.fixture(scope="module")
def town(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("town")
    extras = write_town_extras(tmp)
    return import_city(
        CityImport(
            name="town",
            osm=write_town_osm(tmp / "town.osm.pbf"),
            gtfs=extras["gtfs"],
            population=extras["population"],
            population_column="inhabitants",
            rasters={"heat": extras["raster"]},
        ),
        tmp / "cities",
    )


def read_glb(path: Path) -> tuple[dict, bytes]:
    """Header (magic, version, length), then the JSON chunk and the BIN chunk, checked as the spec says."""
    data = path.read_bytes()
    magic, version, length = struct.unpack_from("<III", data, 0)
    assert magic == 0x46546C67 and version == 2 and length == len(data)
    json_len, json_type = struct.unpack_from("<II", data, 12)
    assert json_type == 0x4E4F534A and json_len % 4 == 0
    doc = json.loads(data[20 : 20 + json_len])
    bin_len, bin_type = struct.unpack_from("<II", data, 20 + json_len)
    assert bin_type == 0x004E4942 and bin_len % 4 == 0
    binary = data[28 + json_len : 28 + json_len + bin_len]
    assert 28 + json_len + bin_len == length
    assert doc["buffers"] == [{"byteLength": bin_len}]
    return doc, binary


def accessor(doc: dict, binary: bytes, index: int) -> np.ndarray:
    acc = doc["accessors"][index]
    view = doc["bufferViews"][acc["bufferView"]]
    assert view["byteOffset"] % 4 == 0 and view["byteOffset"] + view["byteLength"] <= len(binary)
    n = COMPONENTS[acc["type"]]
    raw = np.frombuffer(
        binary, dtype=DTYPES[acc["componentType"]], count=acc["count"] * n, offset=view["byteOffset"]
    )
    return raw.reshape(-1, n) if n > 1 else raw


def test_export_scene_writes_a_valid_glb_in_metres_with_y_up(town: Path, tmp_path: Path) -> None:
    out = tmp_path / "town.glb"
    assert main(["export-scene", str(town), "--out", str(out)]) == 0
    doc, binary = read_glb(out)
    model = load_city(town)
    visible = [lid for lid, layer in model.layers.items() if layer.visible]
    names = [m["name"] for m in doc["meshes"]]
    assert set(names) <= set(visible) and "buildings" in names
    n_prims = sum(len(m["primitives"]) for m in doc["meshes"])
    assert len(doc["accessors"]) == 3 * n_prims == len(doc["bufferViews"])
    assert len(doc["nodes"]) == len(doc["meshes"]) == len(doc["scenes"][0]["nodes"])
    origin = model.origin
    assert doc["scenes"][0]["extras"]["origin"] == [pytest.approx(origin[0]), pytest.approx(origin[1])]
    # every accessor's data lies where its min/max say, and indices point at existing vertices
    for mesh in doc["meshes"]:
        for prim in mesh["primitives"]:
            pos = accessor(doc, binary, prim["attributes"]["POSITION"])
            acc = doc["accessors"][prim["attributes"]["POSITION"]]
            assert np.allclose(pos.min(axis=0), acc["min"]) and np.allclose(pos.max(axis=0), acc["max"])
            idx = accessor(doc, binary, prim["indices"])
            assert idx.max() < len(pos) and len(accessor(doc, binary, prim["attributes"]["COLOR_0"])) == len(
                pos
            )
    # the buildings: their footprints' extent in metres from the origin, heights up the y axis
    prim = doc["meshes"][names.index("buildings")]["primitives"][0]
    assert prim["mode"] == 4
    pos = accessor(doc, binary, prim["attributes"]["POSITION"]).astype(float)
    frame = model.buildings.frame
    x0, y0, x1, y1 = frame.total_bounds
    assert pos[:, 0].min() == pytest.approx(x0 - origin[0], abs=0.01)
    assert pos[:, 0].max() == pytest.approx(x1 - origin[0], abs=0.01)
    assert pos[:, 2].min() == pytest.approx(-(y1 - origin[1]), abs=0.01)  # z = -north
    assert pos[:, 2].max() == pytest.approx(-(y0 - origin[1]), abs=0.01)
    assert pos[:, 1].max() == pytest.approx(frame["height_m"].max(), abs=0.01)
    assert pos[:, 1].min() == pytest.approx(0.0, abs=0.01)
    # and an independent reader (VTK's glTF importer) finds the same meshes, in the same place
    import pyvista as pv

    read = pv.read(out)
    assert read.n_blocks == len(doc["meshes"])
    low = np.min(
        [
            doc["accessors"][p["attributes"]["POSITION"]]["min"]
            for m in doc["meshes"]
            for p in m["primitives"]
        ],
        axis=0,
    )
    high = np.max(
        [
            doc["accessors"][p["attributes"]["POSITION"]]["max"]
            for m in doc["meshes"]
            for p in m["primitives"]
        ],
        axis=0,
    )
    bounds = np.array(read.bounds, dtype=float)
    assert np.allclose(bounds[0::2], low, atol=0.01) and np.allclose(bounds[1::2], high, atol=0.01)


def test_colours_are_the_views_palette(town: Path, tmp_path: Path) -> None:
    """Buildings coloured by height: the tallest vertex has the palette's top colour (matplotlib's)."""
    from twin_app.scene.palettes import colormap

    out = tmp_path / "town.glb"
    assert main(["export-scene", str(town), "--out", str(out), "--show", "buildings"]) == 0
    doc, binary = read_glb(out)
    assert [m["name"] for m in doc["meshes"]] == ["buildings"]
    prim = doc["meshes"][0]["primitives"][0]
    pos = accessor(doc, binary, prim["attributes"]["POSITION"])
    rgba = accessor(doc, binary, prim["attributes"]["COLOR_0"])
    model = load_city(town)
    from twin_app.scene.colouring import own_colouring

    colouring = own_colouring(model.buildings)
    assert colouring is not None
    top = np.round(np.array(colormap(colouring.cmap)(1.0)) * 255)
    assert np.allclose(rgba[np.argmax(pos[:, 1])], top, atol=1)
    assert len({tuple(c) for c in rgba}) > 1  # buildings of different heights, different colours


def test_export_scene_refuses_other_suffixes(tmp_path: Path, capsys) -> None:
    assert main(["export-scene", "helsinki", "--out", str(tmp_path / "city.gltf")]) == 2
    assert ".glb" in capsys.readouterr().err
