"""A smooth camera flight from one view to another: the story's "next" in presentation mode.

A cut from one saved view to the next loses the audience: nobody knows
where the new place is.  A short flight keeps them oriented.  The flight is
plain data (no VTK, no Qt), so a test can check any moment of it by hand and
the window only has to ask "where is the camera now?" on each frame.

How a moment of the flight is made (``s`` is the eased progress, 0 → 1):

* **Ease in and out** (:func:`ease_in_out`, the smoothstep ``3s² − 2s³``):
  the camera starts and stops gently, with no jolt at either end.
* **The focal point** moves on the straight line between the two focal points.
* **The camera** is placed around the focal point in spherical coordinates:
  the azimuth turns the short way round, the elevation changes linearly and
  the distance geometrically (``r₀·(r₁/r₀)^s``), so a zoom from 100 m to
  400 m passes 200 m at mid-flight and feels steady rather than rushed at
  the start.  Interpolating positions on a straight line instead would, for
  two views of one place from opposite sides, fly the camera through the
  focal point.
* **An arc for long flights**: the camera pulls back by
  ``4s(1−s) · ARC · d`` (``d`` the focal point's horizontal travel), so a
  flight across town rises to show where it goes, then comes down; a turn
  on the spot has no arc.  A camera looking down pulls back along its line
  of sight; one looking up (standing in a street, looking at a tower) rises
  straight up instead, since pulling back would sink it into the ground.
* **Above the ground**: the camera never goes lower than ``MIN_HEIGHT_M``
  above the ground (or than the lower of the two ends, when a saved view
  stands lower).
* **View-up kept sane**: the two ends' up vectors are blended and made
  perpendicular to the line of sight; the horizon never rolls over.
* **Duration** grows with the logarithm of the distance flown
  (``MIN_DURATION_S + SECONDS_PER_DOUBLING · log2(1 + d/REFERENCE_M)``,
  between ``MIN_DURATION_S`` and ``MAX_DURATION_S``): a hop along a street
  and a flight across a city both take a watchable time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from twin_app.core.camera import CameraView, Vec3

#: the shortest and longest flights, in seconds
MIN_DURATION_S = 1.0
MAX_DURATION_S = 4.0
#: seconds added each time the distance flown doubles
SECONDS_PER_DOUBLING = 0.5
#: the distance (m) that adds the first ``SECONDS_PER_DOUBLING``
REFERENCE_M = 100.0
#: how far the camera pulls back at mid-flight, as a share of the focal point's horizontal travel
ARC = 0.25
#: the lowest the camera flies above the ground (m)
MIN_HEIGHT_M = 2.0


def ease_in_out(t: float) -> float:
    """Smoothstep: 0 at 0, 1 at 1, zero speed at both ends; ``t`` outside [0, 1] is clamped."""
    t = min(max(t, 0.0), 1.0)
    return t * t * (3.0 - 2.0 * t)


def travel(a: CameraView, b: CameraView) -> float:
    """How far a flight from ``a`` to ``b`` goes (m): the longer of the focal point's and camera's moves."""
    return max(math.dist(a.focal_point, b.focal_point), math.dist(a.position, b.position))


def flight_duration(a: CameraView, b: CameraView) -> float:
    """Seconds for the flight from ``a`` to ``b`` (0 when they are the same view)."""
    d = travel(a, b)
    if d < 1e-6 and np.allclose(a.up, b.up) and math.isclose(a.view_angle, b.view_angle):
        return 0.0
    seconds = MIN_DURATION_S + SECONDS_PER_DOUBLING * math.log2(1.0 + d / REFERENCE_M)
    return min(max(seconds, MIN_DURATION_S), MAX_DURATION_S)


def _spherical(offset: np.ndarray) -> tuple[float, float, float]:
    """(distance, azimuth, elevation) of the camera seen from the focal point (radians)."""
    r = max(float(np.linalg.norm(offset)), 1e-9)
    azimuth = math.atan2(float(offset[1]), float(offset[0]))
    elevation = math.asin(min(max(float(offset[2]) / r, -1.0), 1.0))
    return r, azimuth, elevation


def _vec(v: np.ndarray) -> Vec3:
    return (float(v[0]), float(v[1]), float(v[2]))


def camera_between(a: CameraView, b: CameraView, s: float, *, ground: float = 0.0) -> CameraView:
    """The camera at progress ``s`` (0: ``a``, 1: ``b``) of the flight; ``ground``: the ground's height."""
    if s <= 0.0:
        return a
    if s >= 1.0:
        return b
    fa, fb = np.array(a.focal_point), np.array(b.focal_point)
    focal = fa + (fb - fa) * s
    ra, aza, ela = _spherical(np.array(a.position) - fa)
    rb, azb, elb = _spherical(np.array(b.position) - fb)
    turn = (azb - aza + math.pi) % (2 * math.pi) - math.pi  # the short way round
    azimuth = aza + turn * s
    elevation = ela + (elb - ela) * s
    r = ra * (rb / ra) ** s
    direction = np.array(
        [
            math.cos(elevation) * math.cos(azimuth),
            math.cos(elevation) * math.sin(azimuth),
            math.sin(elevation),
        ]
    )
    lift = 4.0 * s * (1.0 - s) * ARC * float(np.hypot(*(fb - fa)[:2]))
    position = focal + direction * r
    position = position + (direction * lift if elevation >= 0.0 else np.array([0.0, 0.0, lift]))
    floor = min(ground + MIN_HEIGHT_M, a.position[2], b.position[2])
    position[2] = max(position[2], floor)
    sight = focal - position
    sight /= np.linalg.norm(sight)
    up = np.array(a.up) * (1.0 - s) + np.array(b.up) * s
    up = up - (up @ sight) * sight
    if np.linalg.norm(up) < 1e-6:  # looking along the blended up: point the top of the image away from us
        up = np.array([-math.cos(azimuth), -math.sin(azimuth), 0.0])
        up = up - (up @ sight) * sight
    up /= np.linalg.norm(up)
    view_angle = a.view_angle + (b.view_angle - a.view_angle) * s
    return CameraView(position=_vec(position), focal_point=_vec(focal), up=_vec(up), view_angle=view_angle)


@dataclass(frozen=True)
class Flight:
    """A flight from ``start`` to ``end`` lasting ``duration`` seconds (see :func:`flight_duration`)."""

    start: CameraView
    end: CameraView
    duration: float
    ground: float = 0.0

    @classmethod
    def between(cls, start: CameraView, end: CameraView, *, ground: float = 0.0) -> Flight:
        return cls(start, end, flight_duration(start, end), ground)

    def progress(self, elapsed: float) -> float:
        """The eased progress (0 → 1) after ``elapsed`` seconds."""
        if self.duration <= 0.0:
            return 1.0
        return ease_in_out(elapsed / self.duration)

    def at(self, elapsed: float) -> CameraView:
        """The camera ``elapsed`` seconds into the flight (the end view once it is over)."""
        return camera_between(self.start, self.end, self.progress(elapsed), ground=self.ground)

    def done(self, elapsed: float) -> bool:
        return elapsed >= self.duration


#: the orbit keeps the camera between these elevations (degrees above the focal point's horizon)
MIN_ELEVATION_DEG = 2.0
MAX_ELEVATION_DEG = 89.0
#: the nearest a zoom brings the camera to its focal point (m)
MIN_DISTANCE_M = 5.0


def orbit(view: CameraView, azimuth_deg: float, elevation_deg: float) -> CameraView:
    """Turn the camera round its focal point: ``azimuth_deg`` anticlockwise seen from above, then up.

    The elevation stays between ``MIN_ELEVATION_DEG`` and ``MAX_ELEVATION_DEG``
    (a touch orbit never goes under the ground or over the top), the distance
    stays, and the image keeps the sky at the top (the up vector is made again
    from world-up).
    """
    focal = np.array(view.focal_point)
    r, azimuth, elevation = _spherical(np.array(view.position) - focal)
    azimuth += math.radians(azimuth_deg)
    low, high = math.radians(MIN_ELEVATION_DEG), math.radians(MAX_ELEVATION_DEG)
    elevation = min(max(elevation + math.radians(elevation_deg), low), high)
    direction = np.array(
        [
            math.cos(elevation) * math.cos(azimuth),
            math.cos(elevation) * math.sin(azimuth),
            math.sin(elevation),
        ]
    )
    up = np.array([0.0, 0.0, 1.0]) - math.sin(elevation) * direction
    up /= np.linalg.norm(up)
    return CameraView(_vec(focal + direction * r), view.focal_point, _vec(up), view.view_angle)


def zoom(view: CameraView, factor: float) -> CameraView:
    """Bring the camera ``factor`` times closer to its focal point (a pinch; < 1 goes away)."""
    focal = np.array(view.focal_point)
    offset = np.array(view.position) - focal
    r = float(np.linalg.norm(offset))
    new_r = max(r / max(factor, 1e-3), MIN_DISTANCE_M)
    return CameraView(_vec(focal + offset * (new_r / r)), view.focal_point, view.up, view.view_angle)


__all__ = ["Flight", "camera_between", "ease_in_out", "flight_duration", "orbit", "travel", "zoom"]
