"""What an edit tool draws while the planner is still clicking: the points so far and a marker.

A line or a green area takes several clicks before it becomes a scenario
edit; until then the room must see what is being drawn, so the clicked points
are drawn joined (closed for an area), lifted a little above the ground so
that streets and parks do not hide them.  The snap marker shows where the
next stop will go before the click is confirmed.

Coordinates come in the city's CRS and are drawn relative to the scene origin
(VTK works in float32).  None of these actors is pickable: a click aimed at a
stop must not land on the sketch.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pyvista as pv

SKETCH_ACTOR = "__edit_sketch"
MARKER_ACTOR = "__edit_marker"
CAR_FREE_ACTOR = "__car_free"
SKETCH_COLOUR = "#ff7f0e"
#: car-free streets: a broad green band over the street, so the room sees which ones
CAR_FREE_COLOUR = "#1b9e77"
CAR_FREE_WIDTH_PX = 7
#: drawn this far above the ground (metres): above street ribbons and park fills
LIFT_M = 3.0


def _scene(points: Sequence[tuple[float, float]], origin: tuple[float, float]) -> np.ndarray:
    ox, oy = origin
    return np.array([(x - ox, y - oy, LIFT_M) for x, y in points], dtype=float).reshape(-1, 3)


def draw_sketch(
    plotter: Any, points: Sequence[tuple[float, float]], origin: tuple[float, float], *, closed: bool = False
) -> None:
    """Draw ``points`` joined in order (back to the first when ``closed``); none removes the sketch."""
    plotter.remove_actor(SKETCH_ACTOR, reset_camera=False, render=False)
    if not points:
        return
    mesh = pv.PolyData(_scene(points, origin))
    n = len(points)
    if n >= 2:
        order = [*range(n), 0] if closed and n >= 3 else list(range(n))
        mesh.lines = np.array([len(order), *order])
    plotter.add_mesh(
        mesh,
        name=SKETCH_ACTOR,
        color=SKETCH_COLOUR,
        line_width=4,
        point_size=14,
        render_points_as_spheres=True,
        pickable=False,
        reset_camera=False,
        lighting=False,
    )


def draw_marker(plotter: Any, point: tuple[float, float] | None, origin: tuple[float, float]) -> None:
    """Show where the next click will land (a snapped stop), or hide the marker with None."""
    plotter.remove_actor(MARKER_ACTOR, reset_camera=False, render=False)
    if point is None:
        return
    plotter.add_mesh(
        pv.PolyData(_scene([point], origin)),
        name=MARKER_ACTOR,
        color=SKETCH_COLOUR,
        point_size=20,
        render_points_as_spheres=True,
        pickable=False,
        reset_camera=False,
        lighting=False,
    )


def draw_car_free(plotter: Any, geometries: Sequence[Any], origin: tuple[float, float]) -> None:
    """Draw the car-free streets (line geometries in the city's CRS) as a broad band; none removes it."""
    from twin_app.scene.meshes import lines_mesh

    plotter.remove_actor(CAR_FREE_ACTOR, reset_camera=False, render=False)
    if len(geometries) == 0:
        return
    mesh = lines_mesh(np.asarray(list(geometries), dtype=object), origin, LIFT_M + 2.0)
    plotter.add_mesh(
        mesh,
        name=CAR_FREE_ACTOR,
        color=CAR_FREE_COLOUR,
        line_width=CAR_FREE_WIDTH_PX,
        pickable=False,
        reset_camera=False,
        lighting=False,
    )


def clear(plotter: Any) -> None:
    """Remove the sketch and the marker."""
    for name in (SKETCH_ACTOR, MARKER_ACTOR):
        plotter.remove_actor(name, reset_camera=False, render=False)


__all__ = [
    "CAR_FREE_ACTOR",
    "MARKER_ACTOR",
    "SKETCH_ACTOR",
    "clear",
    "draw_car_free",
    "draw_marker",
    "draw_sketch",
]
