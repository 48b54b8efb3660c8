"""The scene as binary glTF 2.0 (``.glb``), for web viewers (three.js, Cesium, Blender, model-viewer).

What is written: every visible layer of a :class:`~twin_app.scene.view.SceneView`
as one glTF mesh (buildings, streets, water, green, stops, rasters,
district outlines), in the colours the view shows now (a result colouring
the buildings included), with the layer's opacity.

Coordinates: metres, relative to the city's scene origin
(``CityModel.origin``, in the city's CRS), and y-up as glTF requires:
glTF (x, y, z) = scene (east, height, -north).  The origin and CRS are
written in the scene's ``extras`` (``origin``, ``crs``), so a web map can
place the model again.

Why not VTK's exporter (``pyvista.Plotter.export_gltf``, VTK 9.7): given a
mesh coloured by a cell array it writes ``COLOR_0`` with one entry per cell
beside one position per point, which glTF forbids (docs/reports.md has the
test), tints the colours with the actor's default colour, and exports the
camera too.  This writer is small: per-cell colours become vertex colours (a
vertex is shared only between faces of the same colour, so a building stays
one piece), faces keep flat shading (no normals: glTF viewers then compute
flat ones), lines stay lines (mode 1), and the buffers are little-endian as
the format says.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyvista as pv

from twin_app import __version__
from twin_app.core.i18n import _

GLB_MAGIC = 0x46546C67  # "glTF"
CHUNK_JSON = 0x4E4F534A  # "JSON"
CHUNK_BIN = 0x004E4942  # "BIN\0"
MODE_LINES, MODE_TRIANGLES = 1, 4
FLOAT, UNSIGNED_BYTE, UNSIGNED_INT = 5126, 5121, 5125
ARRAY_BUFFER, ELEMENT_ARRAY_BUFFER = 34962, 34963


@dataclass
class Primitive:
    """Vertices (scene coordinates), RGBA per vertex (0..255), indices, and their mode (lines/triangles)."""

    positions: np.ndarray
    colours: np.ndarray
    indices: np.ndarray
    mode: int
    opacity: float
    unlit: bool


def to_y_up(points: np.ndarray) -> np.ndarray:
    """Scene (east, north, up) → glTF (x = east, y = up, z = -north): a right-handed y-up frame."""
    p = np.asarray(points, dtype=np.float64)
    return np.column_stack([p[:, 0], p[:, 2], -p[:, 1]]).astype(np.float32)


def cell_colours(actor: Any, mesh: pv.DataSet) -> np.ndarray:
    """RGBA (uint8) of each cell as the actor draws it: its mapped scalars, or its single colour.

    Scalars are mapped exactly as VTK's lookup table does (index ⌊(v − lo)·n/(hi − lo)⌋,
    clamped; NaN gets the table's no-data colour).
    """
    from vtkmodules.util.numpy_support import vtk_to_numpy

    n = mesh.n_cells
    mapper = actor.GetMapper()
    prop = actor.GetProperty()
    name = mapper.GetArrayName() if mapper.GetScalarVisibility() else None
    if name and name in mesh.cell_data:
        lut = mapper.GetLookupTable()
        table = vtk_to_numpy(lut.GetTable()).astype(np.uint8)
        values = np.asarray(mesh.cell_data[name], dtype=np.float64)
        lo, hi = mapper.GetScalarRange()
        span = hi - lo if hi > lo else 1.0
        index = np.floor((np.nan_to_num(values, nan=lo) - lo) * len(table) / span)
        rgba = table[np.clip(index, 0, len(table) - 1).astype(np.int64)].copy()
        nan = np.array(lut.GetNanColor(), dtype=np.float64)
        rgba[np.isnan(values)] = np.round(np.clip(nan, 0, 1) * 255).astype(np.uint8)
        return rgba
    r, g, b = prop.GetColor()
    return np.tile(np.round(np.array([r, g, b, 1.0]) * 255).astype(np.uint8), (n, 1))


def primitive_of(actor: Any) -> Primitive | None:
    """One actor's visible geometry as a glTF primitive; None when it has nothing to draw."""
    dataset = pv.wrap(actor.GetMapper().GetInput())
    if dataset is None or dataset.n_cells == 0:
        return None
    colours = cell_colours(actor, dataset)
    dataset = dataset.copy(deep=False)
    dataset.cell_data["__rgba"] = colours
    surface = dataset if isinstance(dataset, pv.PolyData) else dataset.extract_surface()
    prop = actor.GetProperty()
    unlit = not bool(prop.GetLighting())
    if surface.n_lines and not len(surface.faces):
        lines = surface
        conn = lines.lines
        segs: list[np.ndarray] = []
        cols: list[np.ndarray] = []
        pos = 0
        cell = 0
        rgba = np.asarray(lines.cell_data["__rgba"])
        while pos < len(conn):
            count = int(conn[pos])
            ids = conn[pos + 1 : pos + 1 + count]
            if count >= 2:
                segs.append(np.column_stack([ids[:-1], ids[1:]]))
                cols.append(np.repeat(rgba[cell][None, :], count - 1, axis=0))
            pos += count + 1
            cell += 1
        if not segs:
            return None
        return _shared(lines.points, np.vstack(segs), np.vstack(cols), MODE_LINES, prop.GetOpacity(), True)
    tri = surface.triangulate()
    if tri.n_cells == 0:
        return None
    faces = tri.faces.reshape(-1, 4)[:, 1:]
    rgba = np.asarray(tri.cell_data["__rgba"])
    keep = rgba[:, 3] > 0  # a raster's no-data cells are transparent: leave them out
    return _shared(tri.points, faces[keep], rgba[keep], MODE_TRIANGLES, prop.GetOpacity(), unlit)


def _shared(
    points: np.ndarray, elements: np.ndarray, rgba: np.ndarray, mode: int, opacity: float, unlit: bool
) -> Primitive | None:
    """Vertices shared between elements of one colour only (per-cell colour, without a vertex per corner)."""
    if len(elements) == 0:
        return None
    per = elements.shape[1]
    colour_ids, colour_index = np.unique(rgba, axis=0, return_inverse=True)
    key = elements.astype(np.int64) * len(colour_ids) + np.repeat(colour_index.reshape(-1), per).reshape(
        -1, per
    )
    unique, inverse = np.unique(key.ravel(), return_inverse=True)
    point_of = unique // len(colour_ids)
    colour_of = unique % len(colour_ids)
    return Primitive(
        positions=np.asarray(points, dtype=np.float64)[point_of],
        colours=colour_ids[colour_of].astype(np.uint8),
        indices=inverse.astype(np.uint32),
        mode=mode,
        opacity=float(opacity),
        unlit=unlit,
    )


class _Buffer:
    """The binary chunk, with buffer views aligned to 4 bytes as the format requires."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.views: list[dict[str, Any]] = []

    def add(self, array: np.ndarray, target: int) -> int:
        while len(self.data) % 4:
            self.data.append(0)
        raw = np.ascontiguousarray(array).astype(array.dtype.newbyteorder("<"), copy=False).tobytes()
        self.views.append(
            {"buffer": 0, "byteOffset": len(self.data), "byteLength": len(raw), "target": target}
        )
        self.data.extend(raw)
        return len(self.views) - 1


def glb_bytes(
    layers: list[tuple[str, str, list[Primitive]]], *, origin: tuple[float, float], crs: str
) -> bytes:
    """A GLB file: per layer (id, title, primitives) one mesh and one node, all in one scene."""
    buf = _Buffer()
    accessors: list[dict[str, Any]] = []
    materials: list[dict[str, Any]] = []
    meshes: list[dict[str, Any]] = []
    nodes: list[dict[str, Any]] = []
    unlit_used = False
    for layer_id, title, primitives in layers:
        out_prims = []
        for prim in primitives:
            pos = to_y_up(prim.positions)
            accessors.append(
                {
                    "bufferView": buf.add(pos, ARRAY_BUFFER),
                    "componentType": FLOAT,
                    "count": len(pos),
                    "type": "VEC3",
                    "min": [float(v) for v in pos.min(axis=0)],
                    "max": [float(v) for v in pos.max(axis=0)],
                }
            )
            position = len(accessors) - 1
            accessors.append(
                {
                    "bufferView": buf.add(prim.colours, ARRAY_BUFFER),
                    "componentType": UNSIGNED_BYTE,
                    "normalized": True,
                    "count": len(prim.colours),
                    "type": "VEC4",
                }
            )
            colour = len(accessors) - 1
            accessors.append(
                {
                    "bufferView": buf.add(prim.indices, ELEMENT_ARRAY_BUFFER),
                    "componentType": UNSIGNED_INT,
                    "count": len(prim.indices),
                    "type": "SCALAR",
                }
            )
            material: dict[str, Any] = {
                "name": f"{layer_id}",
                "pbrMetallicRoughness": {
                    "baseColorFactor": [1.0, 1.0, 1.0, round(prim.opacity, 4)],
                    "metallicFactor": 0.0,
                    "roughnessFactor": 1.0,
                },
                "doubleSided": True,
            }
            if prim.opacity < 1.0:
                material["alphaMode"] = "BLEND"
            if prim.unlit:
                material["extensions"] = {"KHR_materials_unlit": {}}
                unlit_used = True
            materials.append(material)
            out_prims.append(
                {
                    "attributes": {"POSITION": position, "COLOR_0": colour},
                    "indices": len(accessors) - 1,
                    "material": len(materials) - 1,
                    "mode": prim.mode,
                }
            )
        if out_prims:
            meshes.append({"name": layer_id, "primitives": out_prims})
            nodes.append({"name": title, "mesh": len(meshes) - 1, "extras": {"layer": layer_id}})
    while len(buf.data) % 4:
        buf.data.append(0)
    doc: dict[str, Any] = {
        "asset": {"version": "2.0", "generator": f"twin_app {__version__}"},
        "scene": 0,
        "scenes": [
            {
                "name": "city",
                "nodes": list(range(len(nodes))),
                "extras": {
                    "origin": [float(origin[0]), float(origin[1])],
                    "crs": crs,
                    "units": "m",
                    "up": "y",
                },
            }
        ],
        "nodes": nodes,
        "meshes": meshes,
        "materials": materials,
        "accessors": accessors,
        "bufferViews": buf.views,
        "buffers": [{"byteLength": len(buf.data)}],
    }
    if unlit_used:
        doc["extensionsUsed"] = ["KHR_materials_unlit"]
    text = json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * (-len(text) % 4)  # the JSON chunk is padded with spaces
    total = 12 + 8 + len(text) + 8 + len(buf.data)
    return b"".join(
        [
            struct.pack("<III", GLB_MAGIC, 2, total),
            struct.pack("<II", len(text), CHUNK_JSON),
            text,
            struct.pack("<II", len(buf.data), CHUNK_BIN),
            bytes(buf.data),
        ]
    )


def view_layers(view: Any) -> list[tuple[str, str, list[Primitive]]]:
    """The view's visible layers, in draw order, as (id, title, primitives); text and furniture left out."""
    from vtkmodules.vtkRenderingCore import vtkActor

    out = []
    for layer_id, actors in view.actors.items():
        layer = view.model.layers.get(layer_id)
        prims = []
        for actor in actors:
            if not isinstance(actor, vtkActor) or not actor.GetVisibility():
                continue
            if actor.GetMapper() is None or actor.GetMapper().GetInput() is None:
                continue
            prim = primitive_of(actor)
            if prim is not None:
                prims.append(prim)
        if prims:
            out.append((layer_id, layer.display_title() if layer is not None else layer_id, prims))
    return out


def export_gltf(view: Any, out: Path | str) -> Path:
    """Write what ``view`` shows as a ``.glb`` file, atomically."""
    from twin_app.core.errors import TwinError
    from twin_app.core.outputs import check_output_file, write_bytes_atomic

    out = check_output_file(out, example="city.glb")
    if out.suffix.lower() != ".glb":
        raise TwinError(
            _(
                "'{path}' does not end in .glb; the scene is written as binary glTF: name it e.g. 'city.glb'."
            ).format(path=out)
        )
    layers = view_layers(view)
    if not layers:
        raise TwinError(_("No layer is visible, so there is nothing to export; show a layer and try again."))
    data = glb_bytes(layers, origin=view.model.origin, crs=view.model.manifest.crs)
    return write_bytes_atomic(out, data)


def export_city_gltf(model: Any, out: Path | str) -> Path:
    """The city's visible layers, as the window would first show them, to a ``.glb`` file (no display)."""
    from twin_app.scene.render import check_opengl
    from twin_app.scene.view import SceneView

    check_opengl()
    plotter = pv.Plotter(off_screen=True, window_size=[640, 480])
    try:
        view = SceneView(plotter, model)
        try:
            return export_gltf(view, out)
        finally:
            model.unsubscribe(view._on_change)
    finally:
        plotter.close()
