"""Measuring on the map: the ground point under the cursor and a drawn distance line."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyvista as pv

from twin_app.core.i18n import format_number

MEASURE_ACTOR = "__measure"


def world_at(plotter: Any, x: int, y: int) -> tuple[float, float, float] | None:
    """The surface point under display pixel (x, y), or None over the sky."""
    import vtk

    picker = vtk.vtkCellPicker()
    picker.SetTolerance(0.002)
    if not picker.Pick(x, y, 0, plotter.renderer):
        return None
    px, py, pz = picker.GetPickPosition()
    return (float(px), float(py), float(pz))


def ground_at(plotter: Any, x: int, y: int, z: float = 0.0) -> tuple[float, float, float] | None:
    """Where the line of sight through display pixel (x, y) meets the ground (height ``z``); None: sky.

    The ground plane is drawn but not pickable (clicking it identifies
    nothing), so a click on an empty lot finds no surface with a picker;
    the ray's crossing of the plane is the point a person meant.
    """
    renderer = plotter.renderer
    ends = []
    for depth in (0.0, 1.0):
        renderer.SetDisplayPoint(float(x), float(y), depth)
        renderer.DisplayToWorld()
        wx, wy, wz, w = renderer.GetWorldPoint()
        if w == 0:
            return None
        ends.append((wx / w, wy / w, wz / w))
    (nx, ny, nz), (fx, fy, fz) = ends
    if fz == nz:
        return None  # looking level with the ground
    t = (z - nz) / (fz - nz)
    if not 0.0 <= t <= 1.0:
        return None  # the ground is behind the camera or beyond the far plane: sky
    return (nx + t * (fx - nx), ny + t * (fy - ny), z)


def ground_distance(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """Distance on the map (metres in the city's CRS), as a planner measures it: heights ignored."""
    return math.hypot(b[0] - a[0], b[1] - a[1])


def describe_distance(metres: float) -> str:
    if metres >= 1000:
        return f"{format_number(metres / 1000, 2)} km"
    return f"{format_number(metres, 0)} m"


def draw_measure(plotter: Any, points: list[tuple[float, float, float]]) -> None:
    """Draw the measured line (or just its first point); an empty list removes it."""
    plotter.remove_actor(MEASURE_ACTOR, reset_camera=False, render=False)
    if not points:
        return
    lifted = np.array([(x, y, max(z, 0.0) + 2.0) for x, y, z in points], dtype=float)
    mesh = pv.PolyData(lifted)
    if len(points) >= 2:
        mesh.lines = np.array([len(points), *range(len(points))])
    plotter.add_mesh(
        mesh,
        name=MEASURE_ACTOR,
        color="#d62728",
        line_width=4,
        point_size=12,
        render_points_as_spheres=True,
        pickable=False,
        reset_camera=False,
        lighting=False,
    )


__all__ = ["describe_distance", "draw_measure", "ground_at", "ground_distance", "world_at"]
