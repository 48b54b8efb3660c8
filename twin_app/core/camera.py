"""The camera as plain data: where it stands, what it looks at, and the city's home view.

A :class:`CameraView` is in the scene's coordinates (metres from the city's
scene origin, z up), so it can be saved in a project, replayed as a story
step or compared in a test without VTK.  :func:`home_view` frames the data a
planner cares about (buildings and streets), not the extract's bounding box:
an extract drawn with a generous margin, or a district polygon reaching far
into the sea, must not leave the city a speck in the middle of the view.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from twin_app.core.layers import BuildingsLayer, Layer, LineLayer, NetworkLayer, PolygonLayer

Vec3 = tuple[float, float, float]

#: the share of vertices trimmed at each side when framing: a stray far-away feature is not the city
TRIM = 0.01
#: the home view's angles: from the south-south-west, steep enough to read the street grid and
#: low enough for heights to show, the way planners look at a physical city model
HOME_AZIMUTH_DEG = -10.0
HOME_ELEVATION_DEG = 38.0
HOME_VIEW_ANGLE_DEG = 30.0


@dataclass(frozen=True)
class CameraView:
    position: Vec3
    focal_point: Vec3
    up: Vec3 = (0.0, 0.0, 1.0)
    view_angle: float = HOME_VIEW_ANGLE_DEG

    def to_json(self) -> dict[str, Any]:
        return {
            "position": list(self.position),
            "focal_point": list(self.focal_point),
            "up": list(self.up),
            "view_angle": self.view_angle,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> CameraView:
        def vec(key: str) -> Vec3:
            x, y, z = (float(v) for v in raw[key])
            return (x, y, z)

        return cls(vec("position"), vec("focal_point"), vec("up"), float(raw.get("view_angle", 30.0)))

    def distance(self) -> float:
        return math.dist(self.position, self.focal_point)


def _vertices(layers: Iterable[Layer]) -> np.ndarray:
    import shapely

    parts = []
    for layer in layers:
        frame = getattr(layer, "frame", None)
        if frame is not None and len(frame):
            parts.append(shapely.get_coordinates(frame.geometry.values))
    return np.concatenate(parts) if parts else np.zeros((0, 2))


def data_extent(
    layers: Iterable[Layer], fallback: tuple[float, float, float, float] | None = None
) -> tuple[float, float, float, float] | None:
    """The extent of the buildings and streets among ``layers`` (1 % trimmed each side), in their CRS.

    Falls back to the other polygon and line layers, then to ``fallback`` (the
    city's declared extent); None when there is nothing at all.
    """
    layers = list(layers)
    xy = _vertices(layer for layer in layers if isinstance(layer, BuildingsLayer | NetworkLayer))
    if len(xy) < 4:
        xy = _vertices(x for x in layers if isinstance(x, PolygonLayer | LineLayer))
    if len(xy) >= 4:
        x0, x1 = np.quantile(xy[:, 0], [TRIM, 1 - TRIM])
        y0, y1 = np.quantile(xy[:, 1], [TRIM, 1 - TRIM])
        if x1 > x0 and y1 > y0:
            return (float(x0), float(y0), float(x1), float(y1))
    return fallback


def home_view(
    extent: tuple[float, float, float, float],
    origin: tuple[float, float],
    *,
    aspect: float = 1.6,
    view_angle: float = HOME_VIEW_ANGLE_DEG,
    margin: float = 0.92,
    top_m: float = 30.0,
) -> CameraView:
    """The home view: the extent (CRS coordinates) seen from the home angles, filling the view.

    The ground rectangle and the same rectangle ``top_m`` up (roofs) must
    project inside ``margin`` of a view of width/height ``aspect``.  A
    perspective view enlarges the near side, so the distance is found by
    bisection on the actual projection, then the view is centred on the
    projected box.
    """
    x0, y0, x1, y1 = extent
    corners = np.array(
        [(x - origin[0], y - origin[1], z) for x in (x0, x1) for y in (y0, y1) for z in (0.0, top_m)]
    )
    azimuth, elevation = math.radians(HOME_AZIMUTH_DEG), math.radians(HOME_ELEVATION_DEG)
    # unit vector from the focal point to the camera: south of it, turned by the azimuth
    back = np.array(
        [
            math.sin(azimuth) * math.cos(elevation),
            -math.cos(azimuth) * math.cos(elevation),
            math.sin(elevation),
        ]
    )
    right = np.cross(-back, (0.0, 0.0, 1.0))
    right /= np.linalg.norm(right)
    up = np.cross(right, -back)
    tan_v = math.tan(math.radians(view_angle) / 2)
    tan_h = tan_v * aspect
    focal = np.array([(x0 + x1) / 2 - origin[0], (y0 + y1) / 2 - origin[1], 0.0])

    def spread(distance: float, target: np.ndarray) -> tuple[float, float, float, float]:
        rel = corners - (target + back * distance)
        depth = rel @ -back
        sx = (rel @ right) / (depth * tan_h)
        sy = (rel @ up) / (depth * tan_v)
        return float(sx.min()), float(sx.max()), float(sy.min()), float(sy.max())

    size = max(x1 - x0, y1 - y0, 1.0)
    for _ in range(3):
        low, high = 0.05 * size, 50.0 * size
        for _ in range(60):
            mid = (low + high) / 2
            a, b, c, d = spread(mid, focal)
            if max(-a, b, -c, d) > margin:
                low = mid
            else:
                high = mid
        distance = high
        a, b, c, d = spread(distance, focal)
        # move the focal point in the view plane so the projected box is centred
        depth = distance
        focal = focal + right * ((a + b) / 2) * depth * tan_h + up * ((c + d) / 2) * depth * tan_v
        focal[2] = 0.0 if abs(focal[2]) < 1e-9 else focal[2]
    position = focal + back * distance
    return CameraView(
        position=(float(position[0]), float(position[1]), float(position[2])),
        focal_point=(float(focal[0]), float(focal[1]), float(focal[2])),
        view_angle=view_angle,
    )


__all__ = ["CameraView", "data_extent", "home_view"]
