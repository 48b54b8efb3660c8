"""One adapter per generic layer type: layer -> a single PyVista mesh.

Every layer becomes exactly one mesh (thousands of actors would kill the
frame rate), built with numpy, in coordinates relative to the scene origin
(VTK is float32).  Each mesh carries a ``feature_id`` cell array mapping
every cell back to its row in the layer, for picking and colouring.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyvista as pv
import shapely

from twin_app.core.extrude import extrude_footprints
from twin_app.core.layers import (
    FEATURE_ID_COLUMN,
    HEIGHT_COLUMN,
    BuildingsLayer,
    Layer,
    LineLayer,
    PointLayer,
    PolygonLayer,
    RasterLayer,
)
from twin_app.scene.style import style_for

Origin = tuple[float, float]


@dataclass
class LayerVisual:
    """A layer's mesh and the keyword arguments it is drawn with.

    The adapters draw in the style's single colour; what the layer is
    coloured *by* is applied afterwards by the view, on the same mesh and
    actor (:mod:`twin_app.scene.colouring`), so a new colour-by column, palette
    or value never needs a new mesh.
    """

    mesh: pv.DataSet
    kwargs: dict[str, Any] = field(default_factory=dict)
    #: False for a layer drawn in one colour whatever its columns (the districts' fill)
    colourable: bool = True
    #: features without a value: the style's colour, or transparent (a raster's no-data)
    nan_color: str = "#e8e1d5"
    nan_opacity: float = 1.0


def _single_colour(layer: Layer) -> dict[str, Any]:
    return {"color": style_for(layer.style).color}


def buildings_visual(layer: Layer, origin: Origin) -> LayerVisual:
    assert isinstance(layer, BuildingsLayer)
    frame = layer.frame
    prism = extrude_footprints(frame.geometry.values, frame[HEIGHT_COLUMN].to_numpy(float), origin=origin)
    mesh = pv.PolyData(prism.points, prism.to_vtk_faces())
    mesh.cell_data[FEATURE_ID_COLUMN] = prism.cell_feature
    kwargs = _single_colour(layer)
    kwargs.update(smooth_shading=False, ambient=0.25, diffuse=0.8, specular=0.05)
    return LayerVisual(mesh, kwargs, nan_color=style_for(layer.style).color)


def flat_polygons_visual(layer: Layer, origin: Origin) -> LayerVisual:
    assert isinstance(layer, PolygonLayer)
    style = style_for(layer.style)
    geoms = layer.frame.geometry.values
    polys = shapely.get_parts(geoms, return_index=True)
    parts, index = polys
    is_poly = shapely.get_type_id(parts) == 3
    parts, index = parts[is_poly], index[is_poly]
    z = np.full(len(parts), style.z)
    prism = extrude_footprints(parts, z, origin=origin)
    roof = prism.cell_part == 2
    tris = prism.triangles[roof]
    faces = np.column_stack([np.full(len(tris), 3), tris]).ravel()
    mesh = pv.PolyData(prism.points, faces).clean()
    mesh.cell_data[FEATURE_ID_COLUMN] = index[prism.cell_feature[roof]] if len(tris) else np.zeros(0, int)
    kwargs = _single_colour(layer)
    kwargs.update(lighting=False)
    if layer.style == "districts":
        kwargs = {"color": "#ffffff", "lighting": False, "opacity": 0.15}
        return LayerVisual(mesh, kwargs, colourable=False)
    return LayerVisual(mesh, kwargs, nan_color=style.color)


def lines_mesh(geoms: np.ndarray, origin: Origin, z: float) -> pv.PolyData:
    """All line parts of ``geoms`` as one PolyData with one VTK line per part."""
    lines, index = shapely.get_parts(geoms, return_index=True)
    if len(lines) and shapely.get_type_id(lines[0]) == 3:  # polygons: draw their rings
        lines, ring_index = shapely.get_rings(lines, return_index=True)
        index = index[ring_index]
    coords, which = shapely.get_coordinates(lines, return_index=True)
    counts = np.bincount(which, minlength=len(lines))
    points = np.column_stack([coords[:, 0] - origin[0], coords[:, 1] - origin[1], np.full(len(coords), z)])
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    conn = np.empty(len(coords) + len(lines), dtype=np.int64)
    pos = starts + np.arange(len(lines))
    conn[pos] = counts
    mask = np.ones(len(conn), bool)
    mask[pos] = False
    conn[mask] = np.arange(len(coords))
    mesh = pv.PolyData(points.astype(np.float32), lines=conn)
    mesh.cell_data[FEATURE_ID_COLUMN] = index
    return mesh


def lines_visual(layer: Layer, origin: Origin) -> LayerVisual:
    assert isinstance(layer, LineLayer)
    style = style_for(layer.style)
    mesh = lines_mesh(layer.frame.geometry.values, origin, style.z)
    kwargs = _single_colour(layer)
    kwargs.update(line_width=style.line_width, lighting=False)
    return LayerVisual(mesh, kwargs, nan_color=style.color)


#: district outlines float above every flat layer; their fill lies below all of them
DISTRICT_OUTLINE_Z = 6.5


def district_outlines(layer: PolygonLayer, origin: Origin, *, z: float = DISTRICT_OUTLINE_Z) -> pv.PolyData:
    return lines_mesh(layer.frame.geometry.boundary.values, origin, z)


def points_visual(layer: Layer, origin: Origin) -> LayerVisual:
    """Points as small upright cylinders: visible from any angle, easy to click."""
    assert isinstance(layer, PointLayer)
    style = style_for(layer.style)
    xy = shapely.get_coordinates(layer.frame.geometry.values)
    n = len(xy)
    marker = pv.Cylinder(center=(0, 0, 9.0), direction=(0, 0, 1), radius=9.0, height=18.0, resolution=12)
    marker = marker.triangulate()
    per = marker.n_cells
    offsets = np.column_stack([xy[:, 0] - origin[0], xy[:, 1] - origin[1], np.full(n, style.z)])
    points = (marker.points[None, :, :] + offsets[:, None, :]).reshape(-1, 3).astype(np.float32)
    tri = marker.faces.reshape(-1, 4)[:, 1:]
    all_tri = (tri[None, :, :] + (np.arange(n) * marker.n_points)[:, None, None]).reshape(-1, 3)
    faces = np.column_stack([np.full(len(all_tri), 3), all_tri]).ravel()
    mesh = pv.PolyData(points, faces)
    mesh.cell_data[FEATURE_ID_COLUMN] = np.repeat(np.arange(n), per)
    return LayerVisual(mesh, _single_colour(layer), nan_color=style.color)


def raster_visual(layer: Layer, origin: Origin) -> LayerVisual:
    """The raster as a flat grid of coloured cells just above the ground."""
    assert isinstance(layer, RasterLayer)
    style = style_for(layer.style)
    a, _b, c, _d, e, f = layer.transform
    rows, cols = layer.data.shape
    grid = pv.ImageData(
        dimensions=(cols + 1, rows + 1, 1),
        spacing=(abs(a), abs(e), 1.0),
        origin=(c - origin[0], f + e * rows - origin[1], style.z),
    )
    ids = np.arange(rows * cols).reshape(rows, cols)
    # cell i of the grid is pixel feature_id[i] of the raster (row-major, as ``data.ravel()``)
    grid.cell_data[FEATURE_ID_COLUMN] = (np.flipud(ids) if e < 0 else ids).ravel()
    kwargs = {"color": style.color, "lighting": False}
    return LayerVisual(grid, kwargs, nan_color=style.color, nan_opacity=0.0)


ADAPTERS: dict[type, Callable[[Layer, Origin], LayerVisual]] = {
    BuildingsLayer: buildings_visual,
    PolygonLayer: flat_polygons_visual,
    LineLayer: lines_visual,
    PointLayer: points_visual,
    RasterLayer: raster_visual,
}


def visual_for(layer: Layer, origin: Origin) -> LayerVisual:
    """Look the adapter up by the layer's type (most specific first)."""
    for cls in type(layer).__mro__:
        if cls in ADAPTERS:
            return ADAPTERS[cls](layer, origin)
    raise TypeError(f"no scene adapter for {type(layer).__name__}")
