"""Camera flights between saved views, checked against midpoints worked out by hand.

The numbers: smoothstep at 1/4 is 3/16 − 2/64 = 0.15625.  A camera 500 m from
its focal point, 300 m south and 400 m up, has the offset (0, −0.6, 0.8)·500.
At mid-flight the arc pulls the camera back by 4·½·½·ARC·d = 0.25·d.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from twin_app.core.camera import CameraView
from twin_app.scene.flight import (
    ARC,
    MAX_DURATION_S,
    MIN_DURATION_S,
    MIN_HEIGHT_M,
    Flight,
    camera_between,
    ease_in_out,
    flight_duration,
)


def _close(a, b, tol: float = 1e-6) -> None:
    assert np.allclose(a, b, atol=tol), f"{a} != {b}"


def test_the_easing_starts_and_stops_gently() -> None:
    assert ease_in_out(0.0) == 0.0
    assert ease_in_out(1.0) == 1.0
    assert ease_in_out(0.5) == 0.5
    assert ease_in_out(0.25) == pytest.approx(0.15625)
    assert ease_in_out(0.75) == pytest.approx(1 - 0.15625)
    assert ease_in_out(-1.0) == 0.0 and ease_in_out(2.0) == 1.0
    # zero speed at both ends: the first and last hundredth move 3·10⁻⁴ of the way, not 10⁻²
    assert ease_in_out(0.01) == pytest.approx(3e-4 - 2e-6)


def test_a_flight_along_the_city_keeps_its_angle_and_rises_in_the_middle() -> None:
    a = CameraView(position=(0.0, -300.0, 400.0), focal_point=(0.0, 0.0, 0.0))
    b = CameraView(position=(1000.0, -300.0, 400.0), focal_point=(1000.0, 0.0, 0.0))
    mid = camera_between(a, b, 0.5)
    assert ARC == 0.25  # the hand-worked numbers below take this arc
    _close(mid.focal_point, (500.0, 0.0, 0.0))
    # distance 500 + 0.25·1000 = 750 along (0, −0.6, 0.8)
    _close(mid.position, (500.0, -450.0, 600.0))
    # up: perpendicular to the line of sight (0, 0.6, −0.8), tilted forward: (0, 0.8, 0.6)
    _close(mid.up, (0.0, 0.8, 0.6))


def test_a_turn_on_the_spot_goes_the_short_way_round_at_the_same_distance() -> None:
    a = CameraView(position=(0.0, -100.0, 100.0), focal_point=(0.0, 0.0, 0.0))
    b = CameraView(position=(100.0, 0.0, 100.0), focal_point=(0.0, 0.0, 0.0))
    mid = camera_between(a, b, 0.5)
    # from the south (azimuth −90°) to the east (0°): south-east at mid-flight, still 45° up and
    # 100 m out horizontally (on the circle, not the chord's 70.7 m), no arc
    _close(mid.position, (100 / math.sqrt(2), -100 / math.sqrt(2), 100.0))
    _close(mid.focal_point, (0.0, 0.0, 0.0))
    # across the ±180° seam: from azimuth 170° to −170° passes 180° (west), never east
    c = CameraView(
        position=(100 * math.cos(math.radians(170)), 100 * math.sin(math.radians(170)), 50.0),
        focal_point=(0.0, 0.0, 0.0),
    )
    d = CameraView(
        position=(100 * math.cos(math.radians(-170)), 100 * math.sin(math.radians(-170)), 50.0),
        focal_point=(0.0, 0.0, 0.0),
    )
    mid = camera_between(c, d, 0.5)
    _close(mid.position, (-100.0, 0.0, 50.0))  # due west, on the 100 m circle


def test_a_zoom_passes_the_geometric_mean_distance() -> None:
    a = CameraView(position=(0.0, -60.0, 80.0), focal_point=(0.0, 0.0, 0.0))  # 100 m away
    b = CameraView(position=(0.0, -240.0, 320.0), focal_point=(0.0, 0.0, 0.0))  # 400 m away
    mid = camera_between(a, b, 0.5)
    _close(mid.position, (0.0, -120.0, 160.0))  # 200 m, the geometric mean
    quarter = camera_between(a, b, 0.25)
    assert quarter.distance() == pytest.approx(100 * 4**0.25)


def test_the_ends_are_the_saved_views_exactly() -> None:
    a = CameraView(
        position=(1.0, -2.0, 30.0), focal_point=(5.0, 6.0, 0.0), up=(0.1, 0.2, 0.97), view_angle=25
    )
    b = CameraView(position=(900.0, 20.0, 40.0), focal_point=(800.0, 90.0, 3.0), view_angle=35)
    flight = Flight.between(a, b)
    assert flight.at(0.0) == a
    assert flight.at(flight.duration) == b
    assert flight.at(flight.duration + 10) == b
    assert flight.at(flight.duration / 2).view_angle == pytest.approx(30.0)


def test_the_camera_never_dives_into_the_ground() -> None:
    # standing in a street 100 m south of a tower, looking up at its top (60 m): pulling back along
    # the line of sight would take the camera underground, so it rises instead
    a = CameraView(position=(0.0, -100.0, 2.0), focal_point=(0.0, 0.0, 60.0))
    b = CameraView(position=(2000.0, -100.0, 2.0), focal_point=(2000.0, 0.0, 60.0))
    flight = Flight.between(a, b)
    heights = [flight.at(t).position[2] for t in np.linspace(0, flight.duration, 101)]
    assert min(heights) >= MIN_HEIGHT_M - 1e-9
    # mid-flight: 2 m + the arc, 0.25·2000 = 500 m straight up
    assert camera_between(a, b, 0.5).position[2] == pytest.approx(502.0)
    # a view saved lower than the minimum (a camera at 1 m) is still reached exactly
    low = CameraView(position=(0.0, -50.0, 1.0), focal_point=(0.0, 0.0, 1.0))
    high = CameraView(position=(0.0, -300.0, 400.0), focal_point=(0.0, 0.0, 0.0))
    assert Flight.between(high, low).at(10.0).position == (0.0, -50.0, 1.0)
    assert min(camera_between(high, low, s).position[2] for s in np.linspace(0, 1, 51)) >= 1.0


def test_view_up_stays_upright_and_perpendicular_to_the_line_of_sight() -> None:
    a = CameraView(position=(0.0, -300.0, 400.0), focal_point=(0.0, 0.0, 0.0))
    b = CameraView(position=(700.0, 900.0, 150.0), focal_point=(600.0, 500.0, 10.0), up=(0.0, 0.3, 0.95))
    for s in np.linspace(0.0, 1.0, 41)[1:-1]:
        cam = camera_between(a, b, s)
        sight = np.subtract(cam.focal_point, cam.position)
        sight /= np.linalg.norm(sight)
        assert np.linalg.norm(cam.up) == pytest.approx(1.0)
        assert float(np.dot(cam.up, sight)) == pytest.approx(0.0, abs=1e-9)
        assert cam.up[2] > 0.0  # the sky stays at the top of the image
    # looking straight down, the up vector cannot be world-up: the top of the image points away
    top_down = CameraView(position=(0.0, 0.0, 500.0), focal_point=(0.0, 0.0, 0.0), up=(0.0, 1.0, 0.0))
    cam = camera_between(top_down, top_down, 0.5)
    _close(cam.up, (0.0, 1.0, 0.0))


def test_the_duration_grows_with_the_distance_within_bounds() -> None:
    here = CameraView(position=(0.0, -300.0, 400.0), focal_point=(0.0, 0.0, 0.0))

    def moved(dx: float) -> CameraView:
        return CameraView(position=(dx, -300.0, 400.0), focal_point=(dx, 0.0, 0.0))

    assert flight_duration(here, here) == 0.0
    assert flight_duration(here, moved(100.0)) == pytest.approx(1.5)  # 1 + 0.5·log2(2)
    assert flight_duration(here, moved(700.0)) == pytest.approx(2.5)  # 1 + 0.5·log2(8)
    assert flight_duration(here, moved(0.01)) == pytest.approx(MIN_DURATION_S, abs=1e-3)
    assert flight_duration(here, moved(1e7)) == MAX_DURATION_S
    # a turn on the spot counts the camera's move
    turned = CameraView(position=(300.0, 0.0, 400.0), focal_point=(0.0, 0.0, 0.0))
    assert flight_duration(here, turned) == pytest.approx(1 + 0.5 * math.log2(1 + math.hypot(300, 300) / 100))
    assert Flight.between(here, here).at(0.0) == here


def test_a_touch_orbit_turns_round_the_focal_point_and_stays_above_the_ground() -> None:
    from twin_app.scene.flight import MAX_ELEVATION_DEG, MIN_ELEVATION_DEG, orbit

    south = CameraView(position=(10.0, -300.0, 400.0), focal_point=(10.0, 0.0, 0.0))
    east = orbit(south, 90.0, 0.0)  # a quarter turn anticlockwise: from the south to the east
    _close(east.position, (310.0, 0.0, 400.0))
    _close(east.up, (-0.8, 0.0, 0.6))  # tilted towards the focal point, sky at the top
    assert east.focal_point == south.focal_point
    level = orbit(south, 0.0, -80.0)  # from 53.13° down by 80°: stopped at the lowest elevation
    assert math.degrees(math.asin(level.position[2] / 500.0)) == pytest.approx(MIN_ELEVATION_DEG)
    top = orbit(south, 0.0, 80.0)
    assert math.degrees(math.asin(top.position[2] / 500.0)) == pytest.approx(MAX_ELEVATION_DEG)
    assert math.dist(top.position, top.focal_point) == pytest.approx(500.0)


def test_a_pinch_zooms_along_the_line_of_sight() -> None:
    from twin_app.scene.flight import MIN_DISTANCE_M, zoom

    view = CameraView(position=(0.0, -300.0, 400.0), focal_point=(0.0, 0.0, 0.0))
    _close(zoom(view, 2.0).position, (0.0, -150.0, 200.0))
    _close(zoom(view, 0.5).position, (0.0, -600.0, 800.0))
    assert math.dist(zoom(view, 1000.0).position, view.focal_point) == pytest.approx(MIN_DISTANCE_M)
