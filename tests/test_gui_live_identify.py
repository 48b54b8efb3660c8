"""A live vehicle identified in the real window, in Japanese: the Identify panel names its rows in Japanese.

A small city folder is written by the test (a park polygon near central
Helsinki, no network), a recorded bus log is connected as a feed as a person
connects one, the clock is paused on a moment between its two fixes, and the
bus is clicked where it is drawn.  The expected rows are written here by hand.
With ``TWIN_APP_SHOTS`` set, the window is saved there as a PNG to look at.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

if not os.environ.get("DISPLAY"):
    pytest.skip("GUI tests need an X display (run them under xvfb-run)", allow_module_level=True)

T0 = dt.datetime(2021, 6, 1, 9, 0, tzinfo=dt.UTC)
#: two fixes of one bus 10 s apart, heading north-east, inside the city's box
BUS = [(T0, 24.9400, 60.1680), (T0 + dt.timedelta(seconds=10), 24.9420, 60.1690)]

CITY = """\
[city]
name = "tiny"
title = "Tiny"
crs = "EPSG:3067"
bbox = [24.930, 60.160, 24.950, 60.175]

[[layers]]
id = "park"
kind = "vector"
source = "park.geojson"
style = "green"
title = "Park"
"""

PARK = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"name": "Park"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [[24.935, 60.165], [24.945, 60.165], [24.945, 60.171], [24.935, 60.171], [24.935, 60.165]]
                ],
            },
        }
    ],
}


def _wait(condition, timeout: float, what: str) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        QApplication.processEvents()
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError(f"{what} within {timeout:.0f} s")


def _city(folder: Path) -> Path:
    city = folder / "tiny"
    city.mkdir()
    (city / "city.toml").write_text(CITY, encoding="utf-8")
    (city / "park.geojson").write_text(json.dumps(PARK), encoding="utf-8")
    return city


def _bus_log(folder: Path) -> tuple[Path, Path]:
    log = folder / "bus.jsonl"
    log.write_text(
        "".join(
            json.dumps({"id": "bus-7", "time": t.isoformat(), "lon": lon, "lat": lat, "route": "55"}) + "\n"
            for t, lon, lat in BUS
        ),
        encoding="utf-8",
    )
    mapping = folder / "bus.toml"
    mapping.write_text('kind = "vehicle"\n', encoding="utf-8")
    return log, mapping


@pytest.fixture
def window(tmp_path: Path):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from twin_app.qt.i18n import switch_language
    from twin_app.qt.live import LIVE_DIR_ENV
    from twin_app.qt.window import MainWindow

    app = QApplication.instance() or QApplication([])
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    old = os.environ.get(LIVE_DIR_ENV)
    os.environ[LIVE_DIR_ENV] = str(tmp_path / "live")
    switch_language("ja", remember=False)
    win = MainWindow()
    win.resize(1400, 900)
    win.show()
    app.processEvents()
    try:
        assert win.open_city(_city(tmp_path))
        _wait(lambda: not win.loading, 120, "the city did not load")
        yield win
    finally:
        win.close()
        app.processEvents()
        switch_language("en", remember=False)
        if old is None:
            os.environ.pop(LIVE_DIR_ENV, None)
        else:
            os.environ[LIVE_DIR_ENV] = old


def test_a_live_vehicle_identified_in_japanese(window, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from twin_app.core.live.feeds import FeedSpec

    win = window
    log, mapping = _bus_log(tmp_path)
    spec = FeedSpec(
        id="bus",
        title="テストバス",
        source=f"file://{log}",
        kind="vehicle",
        options={"mapping": str(mapping)},
    )
    assert win.start_feed(spec)
    _wait(lambda: win.feed_panel.row_texts("bus")["Stored"] == "2", 20, "the bus log was not stored")
    clock = win.live.clock
    _wait(lambda: clock.span is not None and clock.span[0] <= T0, 10, "the slider does not reach the log")
    if clock.playing:
        win.timebar.play_button.click()
    win.timebar.jump_to(T0 + dt.timedelta(seconds=5))
    _wait(
        lambda: win.model.layers["bus"].frame is not None and win.model.layers["bus"].frame.count == 1,
        5,
        "no bus",
    )
    win.view.plotter.render()
    QApplication.processEvents()
    # click the bus where it is drawn: the centre of its marker, on screen
    bounds = win.view.actors["bus"][0].GetBounds()
    renderer = win.view.plotter.renderer
    renderer.SetWorldPoint((bounds[0] + bounds[1]) / 2, (bounds[2] + bounds[3]) / 2, bounds[5], 1.0)
    renderer.WorldToDisplay()
    x, y, _z = renderer.GetDisplayPoint()
    win.pick(round(x), round(y))
    QApplication.processEvents()
    labels = win.info.labels()
    values = win.info.values()
    assert list(labels.values()) == ["レイヤー", "車両", "路線", "進行方向", "時刻（UTC）"]
    assert values["レイヤー"] == "テストバス"
    assert values["車両"] == "bus-7"
    assert values["路線"] == "55"
    assert values["時刻（UTC）"] == "2021/06/01 9:00:05"
    # the bearing from fix to fix: 110.8 m east and 111.4 m north on the ground (44.8°), plus the
    # grid's convergence at 24.94° E in EPSG:3067 (central meridian 27° E): 2.06° × sin 60.17° = 1.79°
    assert values["進行方向"] == "47°"
    shots = os.environ.get("TWIN_APP_SHOTS")
    if shots:
        win.view.plotter.render()
        QApplication.processEvents()
        QApplication.primaryScreen().grabWindow(0).save(str(Path(shots) / "live_identify_ja.png"))
