"""What frames the city: ground, camera, north arrow, scale bar, labels, credits.

The attribution is part of the scene itself, so every screenshot and every
exported image carries it, as the data licences require.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyvista as pv
import shapely

from twin_app.core.layers import DISTRICT_COLUMN, DistrictsLayer, PolygonLayer
from twin_app.core.model import CityModel
from twin_app.core.vector import lonlat_box_in
from twin_app.scene.style import GROUND_COLOR, TEXT_COLOR


def city_extent(model: CityModel) -> tuple[float, float, float, float]:
    """The city's bounding box in scene coordinates (relative to the origin)."""
    box = lonlat_box_in(model.manifest.bbox_lonlat, model.manifest.crs)
    x0, y0, x1, y1 = box.bounds
    ox, oy = model.origin
    return (x0 - ox, y0 - oy, x1 - ox, y1 - oy)


def wrap_attribution(text: str, width: int = 100) -> str:
    """Break the credit line between its parts so it fits the image width."""
    lines: list[str] = []
    for part in text.split(" · "):
        if lines and len(lines[-1]) + len(part) + 3 <= width:
            lines[-1] += " · " + part
        else:
            lines.append(part)
    return "\n".join(lines)


#: credits in pixels: legible in a small window, modest in a large export
CREDITS_FONT_PX = 12


def add_attribution(plotter: pv.Plotter, text: str) -> Any:
    """The credits, bottom left, on a pale band so they stay legible over any part of the city.

    A text actor at a fixed pixel size rather than a corner annotation: the
    latter shrinks its font with the window (to 8 px in a small view) and
    draws no background.
    """
    actor = plotter.add_text(
        wrap_attribution(text), position=(6, 6), font_size=CREDITS_FONT_PX // 2, color=TEXT_COLOR,
        name="attribution",
    )  # fmt: skip
    prop = actor.GetTextProperty()
    prop.SetBackgroundColor(1.0, 1.0, 1.0)
    prop.SetBackgroundOpacity(0.8)
    prop.SetFrame(False)
    return actor


def add_title(plotter: pv.Plotter, title: str) -> Any:
    return plotter.add_text(title, position="upper_left", font_size=11, color=TEXT_COLOR, name="title")


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


def _nice_length(span: float) -> float:
    """A round scale-bar length near a fifth of the span (100, 200, 500 m, 1 km...)."""
    target = span / 5
    magnitude = 10 ** np.floor(np.log10(target))
    for step in (1, 2, 5, 10):
        if step * magnitude >= target:
            return float(step * magnitude)
    return float(10 * magnitude)


def add_north_arrow_and_scale(plotter: pv.Plotter, model: CityModel) -> None:
    """A north arrow and a scale bar drawn on the ground in the city's corner.

    They sit in the scene (not on the screen) so they stay true under any
    orbit: the arrow points to grid north of the city's CRS, and the bar is
    exactly as long as it says at the place it lies.
    """
    x0, y0, x1, y1 = city_extent(model)
    span = max(x1 - x0, y1 - y0)
    length = _nice_length(x1 - x0)
    bx, by = x0 + 0.03 * span, y0 - 0.012 * span
    bar = pv.Box(bounds=(bx, bx + length, by - 4, by + 4, 0, 3))
    half = pv.Box(bounds=(bx, bx + length / 2, by - 4, by + 4, 3, 4))
    plotter.add_mesh(bar, color="#222222", pickable=False, name="__scale", lighting=False)
    plotter.add_mesh(half, color="#ffffff", pickable=False, name="__scale_half", lighting=False)
    label = f"{length / 1000:g} km" if length >= 1000 else f"{length:g} m"
    plotter.add_point_labels(
        np.array([[bx + length / 2, by + 0.025 * span, 5.0]]),
        [label],
        font_size=12,
        text_color=TEXT_COLOR,
        shape=None,
        show_points=False,
        name="__scale_label",
        always_visible=True,
    )
    ax, ay = x1 - 0.05 * span, y0 - 0.02 * span
    arrow = pv.Arrow(
        start=(ax, ay, 2),
        direction=(0, 1, 0),
        scale=0.08 * span,
        tip_length=0.35,
        tip_radius=0.12,
        shaft_radius=0.04,
    )
    plotter.add_mesh(arrow, color="#b22222", pickable=False, name="__north")
    plotter.add_point_labels(
        np.array([[ax, ay + 0.1 * span, 5.0]]),
        ["N"],
        font_size=16,
        bold=True,
        text_color="#b22222",
        shape=None,
        show_points=False,
        name="__north_label",
        always_visible=True,
    )


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
    return plotter.add_point_labels(
        points,
        names,
        font_size=12,
        text_color="#1a1a1a",
        shape_color="#ffffff",
        shape_opacity=0.6,
        show_points=False,
        name=f"{layer.id}__labels",
        always_visible=True,
        pickable=False,
    )
