"""The bundled city comes alive in the real window: its feeds start, vehicles move, the slider replays.

Helsinki is opened with no network, as ``twin-app`` with no argument does;
its simulated feeds are stored in a folder of the test's own
(``TWIN_APP_LIVE_DIR``), never in the city folder or the user's data.
What is drawn is read back from the scene (the markers' mesh), what is
stored from the store itself with plain SQL.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import time
from pathlib import Path

import numpy as np
import pytest

pytestmark = pytest.mark.gui

if not os.environ.get("DISPLAY"):
    pytest.skip("GUI tests need an X display (run them under xvfb-run)", allow_module_level=True)


def _pump(seconds: float) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def _wait(condition, timeout: float, what: str) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        QApplication.processEvents()
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError(f"{what} within {timeout:.0f} s")


#: the bundled feeds start at the time of day it is in Helsinki; the timetable has no trips in the
#: small hours, so the test runs the same city from a morning hour whatever the time it runs at
MORNING = "07:30"


def _morning_helsinki(folder: Path) -> Path:
    """A copy of the bundled Helsinki whose simulated feeds start at :data:`MORNING`."""
    import shutil

    from twin_app.core.city import resolve_city

    city = folder / "helsinki"
    shutil.copytree(resolve_city("helsinki"), city)
    toml = city / "city.toml"
    text = toml.read_text(encoding="utf-8")
    assert text.count('start = "now"') >= 1
    toml.write_text(text.replace('start = "now"', f'start = "{MORNING}"'), encoding="utf-8")
    return city


@pytest.fixture(scope="module")
def live_window(tmp_path_factory):
    from PySide6.QtWidgets import QApplication

    from twin_app.qt.live import LIVE_DIR_ENV
    from twin_app.qt.window import MainWindow

    store_dir = tmp_path_factory.mktemp("live")
    city = _morning_helsinki(tmp_path_factory.mktemp("city"))
    old = os.environ.get(LIVE_DIR_ENV)
    os.environ[LIVE_DIR_ENV] = str(store_dir)
    app = QApplication.instance() or QApplication([])
    win = MainWindow()
    win.resize(1200, 800)
    win.show()
    app.processEvents()
    assert win.open_city(city)
    _wait(lambda: not win.loading, 180, "Helsinki did not load")
    yield win, store_dir
    win.close()
    app.processEvents()
    if old is None:
        os.environ.pop(LIVE_DIR_ENV, None)
    else:
        os.environ[LIVE_DIR_ENV] = old


def _vehicle_layers(win):
    from twin_app.core.layers import LiveLayer

    return [
        layer
        for layer in win.model.layers.values()
        if isinstance(layer, LiveLayer) and layer.observation_kind == "vehicle"
    ]


def _vehicles(win):
    return _vehicle_layers(win)[0]


def _positions(win) -> dict[str, np.ndarray]:
    frame = _vehicles(win).frame
    return {vid: frame.xy[i].copy() for i, vid in enumerate(frame.ids)}


T0 = dt.datetime(2021, 6, 1, 9, 0, tzinfo=dt.UTC)
#: two fixes of one bus 10 s apart, and two stations (one beyond the 30 °C threshold), in central Helsinki
BUS = [(T0, 24.9400, 60.1680), (T0 + dt.timedelta(seconds=10), 24.9420, 60.1690)]
STATIONS = [("t1", 24.9450, 60.1650, 22.5), ("t2", 24.9350, 60.1700, 33.0)]


def _write_logs(folder: Path) -> tuple[Path, Path]:
    buses = folder / "bus.jsonl"
    buses.write_text(
        "".join(
            json.dumps({"id": "bus-7", "time": t.isoformat(), "lon": lon, "lat": lat}) + "\n"
            for t, lon, lat in BUS
        )
    )
    (folder / "bus.toml").write_text('kind = "vehicle"\n')
    air = folder / "air.jsonl"
    air.write_text(
        "".join(
            json.dumps({"id": sid, "time": T0.isoformat(), "value": v, "unit": "°C", "lon": lon, "lat": lat})
            + "\n"
            for sid, lon, lat, v in STATIONS
        )
    )
    return buses, air


def test_a_connected_log_is_stored_drawn_where_its_fixes_say_and_alerts_once(live_window, tmp_path) -> None:
    from pyproj import Transformer

    from twin_app.core.live.feeds import FeedSpec
    from twin_app.core.live.frames import Threshold

    win, store_dir = live_window
    buses, air = _write_logs(tmp_path)
    bus = FeedSpec(
        id="test-bus",
        title="Test bus",
        source=f"file://{buses}",
        kind="vehicle",
        options={"mapping": str(tmp_path / "bus.toml")},
    )
    heat = FeedSpec(
        id="test-air",
        title="Test air",
        source=f"file://{air}",
        kind="sensor",
        quantity="heat",
        units="°C",
        threshold=Threshold(above=30.0, label="test heat warning"),
    )
    assert win.start_feed(bus) and win.start_feed(heat)
    _wait(lambda: win.feed_panel.row_texts("test-bus")["Stored"] == "2", 20, "the bus log was not stored")
    _wait(lambda: win.feed_panel.row_texts("test-air")["Stored"] == "2", 20, "the air log was not stored")
    with sqlite3.connect(f"file:{store_dir / 'helsinki.gpkg'}?mode=ro", uri=True) as con:
        n = con.execute(
            "SELECT count(*) FROM observations WHERE source IN ('test-bus', 'test-air')"
        ).fetchone()[0]
    assert n == 4  # stored before shown, in the store outside the city folder
    # paused halfway between the two fixes, the bus is halfway between them (projected independently)
    if win.live.clock.playing:
        win.timebar.play_button.click()
    assert not win.live.clock.playing
    clock = win.live.clock
    _wait(
        lambda: clock.span is not None and clock.span[0] <= T0,
        10,
        "the slider does not reach back to the log",
    )
    win.timebar.jump_to(T0 + dt.timedelta(seconds=5))
    _pump(0.3)
    to_city = Transformer.from_crs("EPSG:4326", win.model.manifest.crs, always_xy=True)
    a = np.array(to_city.transform(BUS[0][1], BUS[0][2]))
    b = np.array(to_city.transform(BUS[1][1], BUS[1][2]))
    layer = win.model.layers["test-bus"]
    assert layer.frame.ids == ("bus-7",)
    np.testing.assert_allclose(layer.frame.xy[0], (a + b) / 2, atol=0.05)
    bounds = win.view.actors["test-bus"][0].GetBounds()
    centre = np.array([(bounds[0] + bounds[1]) / 2, (bounds[2] + bounds[3]) / 2]) + np.array(win.model.origin)
    # the chevron's bounding box centre lies on the bus's line of travel, within a marker of its fix
    assert np.hypot(*(centre - (a + b) / 2)) < win.view.live["test-bus"].size_m
    heading = np.degrees(np.arctan2(*(b - a))) % 360  # compass bearing from the two fixes
    assert layer.frame.heading_deg[0] == pytest.approx(heading, abs=0.5)
    # one station beyond its threshold: red halo, one message, not repeated on the next frames
    sensors = win.model.layers["test-air"]
    assert sensors.frame.alerts == ("t2",)
    assert win.view.actors["test-air"][1].GetVisibility()
    _pump(1.0)
    warnings = [t for t in win.messages.texts("warning") if "t2 reads 33" in t]
    assert len(warnings) == 1 and "test heat warning (above 30)" in warnings[0]
    legend = [e for e in win.view.legend_entries() if e.layer_id == "test-air"]
    assert legend and legend[0].heading == "Test air (°C)"


def test_the_bundled_city_shows_moving_vehicles_and_sensors(live_window) -> None:
    from twin_app.core.layers import LiveLayer

    win, store_dir = live_window
    live = win.live
    assert live is not None
    if not live.clock.live:  # an earlier test paused it to look at the past
        win.timebar.live_button.click()
    assert live.clock.live
    _wait(
        lambda: _vehicles(win).frame is not None and _vehicles(win).frame.count > 0,
        120,
        "no vehicle was shown",
    )
    assert win.model.manifest.folder != store_dir and (store_dir / "helsinki.gpkg").exists()
    sensors = [
        layer
        for layer in win.model.layers.values()
        if isinstance(layer, LiveLayer) and layer.observation_kind == "sensor"
    ]
    assert sensors, "the bundled city has sensor stations"
    _wait(
        lambda: sensors[0].frame is not None and sensors[0].frame.count > 0, 30, "no sensor reading was shown"
    )
    before = _positions(win)
    time_before = _vehicles(win).frame.time
    _wait(
        lambda: _vehicles(win).frame.time > time_before + dt.timedelta(seconds=2),
        30,
        "live time did not move",
    )
    after = _positions(win)
    common = set(before) & set(after)
    assert common
    moved = [vid for vid in common if np.hypot(*(after[vid] - before[vid])) > 0.5]
    assert moved, "no vehicle moved between two frames"
    # what is drawn is what the frame says: one marker (12 triangles) per vehicle over the city's
    # ground (its extent, 4 % wider): the timetable's routes run far beyond the sample's extent
    from twin_app.core.vector import lonlat_box_in

    x0, y0, x1, y1 = lonlat_box_in(win.model.manifest.bbox_lonlat, win.model.manifest.crs).bounds
    pad = 0.04 * max(x1 - x0, y1 - y0)
    layer = _vehicles(win)
    x, y = layer.frame.xy[:, 0], layer.frame.xy[:, 1]
    inside = int(((x >= x0 - pad) & (x <= x1 + pad) & (y >= y0 - pad) & (y <= y1 + pad)).sum())
    assert 0 < inside < layer.frame.count
    mesh = win.view.actors[layer.id][0].GetMapper().GetInput()
    assert mesh.GetNumberOfCells() == 12 * inside
    assert win.simulated_label.isVisible() and "Simulated" in win.simulated_label.text()
    # the Layers panel counts the vehicles of the frame shown, not the none it had when added
    assert win.layers.item(layer.id).text(1) == f"{layer.feature_count:,}"


def test_the_feed_panel_shows_each_feeds_state_and_what_is_simulated(live_window) -> None:
    win, _ = live_window
    specs = win.model.manifest.feeds
    assert specs
    _wait(
        lambda: all(int(win.feed_panel.row_texts(s.id)["Stored"].replace(",", "")) > 0 for s in specs),
        30,
        "a city feed stored nothing",
    )
    for spec in specs:
        row = win.feed_panel.row_texts(spec.id)
        assert row["State"] in ("connected", "stopped"), row
        assert row["Last error"] == ""
        if spec.simulated:
            assert row["note"] == spec.simulated
    assert win.feeds_dock.isVisible() and win.time_toolbar.isVisible()


def _stored_entities(store: Path, feed: str, start: dt.datetime, end: dt.datetime) -> set[str]:
    """Vehicles with an observation in [start, end], by plain SQL on the store (its documented schema)."""
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as con:
        rows = con.execute(
            "SELECT DISTINCT entity FROM observations WHERE source = ? AND time_ms BETWEEN ? AND ?",
            (feed, round(start.timestamp() * 1000), round(end.timestamp() * 1000)),
        ).fetchall()
    return {r[0] for r in rows}


def test_the_slider_jumps_and_pause_freezes(live_window) -> None:
    win, store_dir = live_window
    live = win.live
    layer = _vehicles(win)
    _wait(lambda: live.clock.span is not None, 10, "the slider has no span")
    if live.clock.playing:
        win.timebar.play_button.click()
    # a moment in the middle of what the store holds of the vehicles
    first, last = live.playback.reader.span([layer.feed])
    target = first + (last - first) / 2
    win.timebar.jump_to(target)
    _pump(0.5)
    assert not live.clock.live and not live.clock.playing
    assert live.clock.time == target and layer.frame.time == target
    # the vehicles shown are those the store has near that moment (fixes within a few minutes of it)
    window = dt.timedelta(minutes=5)
    near = _stored_entities(store_dir / "helsinki.gpkg", layer.feed, target - window, target + window)
    assert layer.frame.count > 0 and set(layer.frame.ids) <= near
    # paused: nothing moves however long we wait
    frozen = _positions(win)
    _pump(1.5)
    assert live.clock.time == target
    after = _positions(win)
    assert after.keys() == frozen.keys()
    assert all(np.array_equal(after[k], frozen[k]) for k in frozen)
    # playing at 60× moves the clock a minute per wall second (or to the end of what is stored)
    win.timebar.speed.setCurrentIndex(win.timebar.speed.findData(60.0))
    win.timebar.play_button.click()
    _pump(1.5)
    assert live.clock.time - target >= dt.timedelta(seconds=30) or live.clock.time == live.clock.span[1]
    # Live returns to the newest data
    win.timebar.live_button.click()
    _pump(0.5)
    assert live.clock.live


def test_closing_the_window_stops_every_feed(live_window) -> None:
    from twin_app.core.live.observation import SourceState

    win, _ = live_window
    live = win.live
    win._stop_live()
    assert win.live is None and live.stopped
    assert all(s.state in (SourceState.STOPPED, SourceState.FAILED, "stopped") for s in live.hub.statuses())
    assert not win.feeds_dock.isVisible()
