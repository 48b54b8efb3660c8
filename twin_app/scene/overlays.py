"""What frames the city in the scene: ground, camera, district labels, credits.

The screen-space furniture (title, north arrow, scale bar, credits, legend)
lives in :mod:`twin_app.scene.furniture`; the labels thin themselves out in
:mod:`twin_app.scene.labels`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyvista as pv
import shapely

from twin_app.core.layers import DISTRICT_COLUMN, DistrictsLayer, PolygonLayer
from twin_app.core.model import CityModel
from twin_app.core.vector import lonlat_box_in
from twin_app.scene.furniture import furniture_of
from twin_app.scene.labels import DistrictLabels
from twin_app.scene.style import GROUND_COLOR


def city_extent(model: CityModel) -> tuple[float, float, float, float]:
    """The city's bounding box in scene coordinates (relative to the origin)."""
    box = lonlat_box_in(model.manifest.bbox_lonlat, model.manifest.crs)
    x0, y0, x1, y1 = box.bounds
    ox, oy = model.origin
    return (x0 - ox, y0 - oy, x1 - ox, y1 - oy)


def add_attribution(plotter: pv.Plotter, text: str) -> None:
    """The credits, bottom right on a pale band, drawn by the plotter's map furniture.

    The attribution is part of the image itself, so every screenshot and
    export carries it as the data licences require; the furniture keeps it
    legible at any size and clear of the scale bar and legend.
    """
    furniture = furniture_of(plotter)
    if furniture is not None:
        furniture.set_credits(text.split(" · ") if text else [])


def add_ground(plotter: pv.Plotter, model: CityModel) -> Any:
    x0, y0, x1, y1 = city_extent(model)
    pad = 0.04 * max(x1 - x0, y1 - y0)
    ground = pv.Plane(
        center=((x0 + x1) / 2, (y0 + y1) / 2, -1.0),
        direction=(0, 0, 1),
        i_size=(x1 - x0) + 2 * pad,
        j_size=(y1 - y0) + 2 * pad,
    )
    return plotter.add_mesh(ground, color=GROUND_COLOR, pickable=False, name="__ground", lighting=False)


def add_district_labels(plotter: pv.Plotter, layer: PolygonLayer, model: CityModel) -> Any:
    # the city's districts carry their names in one column; any other polygon
    # layer drawn as districts (a file the user opened) shows its "name", if any
    name_column: str | None = (
        DISTRICT_COLUMN if isinstance(layer, DistrictsLayer) else ("name" if "name" in layer.frame else None)
    )
    points = shapely.get_coordinates(layer.frame.geometry.representative_point().values)
    points = np.column_stack(
        [points[:, 0] - model.origin[0], points[:, 1] - model.origin[1], np.full(len(points), 60.0)]
    )
    names = (
        [str(v) for v in layer.frame[name_column]] if name_column else [str(i) for i in range(len(points))]
    )
    # large districts first: they are the ones people name first, and have room for a label
    areas = layer.frame.geometry.area.to_numpy(dtype=float)
    labels = DistrictLabels(plotter, points, names, areas)
    furniture = furniture_of(plotter)
    if furniture is not None:
        furniture.label_sets.append(labels)
    plotter.add_actor(labels.assembly, name=f"{layer.id}__labels", pickable=False, reset_camera=False)
    return labels.assembly
