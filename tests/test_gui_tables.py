"""File → Import table… in the real window, on a town built from an OSM file written in the test.

The town (tests/test_city_import.py) has four buildings, OSM ways 100, 110,
120 and 130.  The tables give values to some of them; what the dialog's
preview, the layers, the legend and the picture must show follows by hand.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import numpy as np
import pytest
from test_city_import import write_town_osm

pytestmark = pytest.mark.gui

if not os.environ.get("DISPLAY"):
    pytest.skip("GUI tests need an X display (run them under xvfb-run)", allow_module_level=True)

ENERGY = "building,energy [MWh/a]\nway/100,120\n110,80\n999,5\n"
HOURLY = (
    "building,time,kwh\n100,2026-03-01T06:00:00Z,5\n100,2026-03-01T07:00:00Z,9\n110,2026-03-01T06:30:00Z,2\n"
)


@pytest.fixture(scope="module")
def town_window(tmp_path_factory: pytest.TempPathFactory):
    from PySide6.QtWidgets import QApplication

    from twin_app.core.city_import import CityImport, import_city
    from twin_app.qt.window import MainWindow

    tmp = tmp_path_factory.mktemp("gui_tables")
    folder = import_city(CityImport(name="town", osm=write_town_osm(tmp / "town.osm.pbf")), tmp / "cities")
    app = QApplication.instance() or QApplication([])
    win = MainWindow()
    win.resize(1200, 800)
    win.show()
    app.processEvents()
    assert win.open_city(str(folder))
    yield win
    win.close()
    app.processEvents()


@pytest.fixture
def window(town_window, qtbot):
    """The town with only its own layers, whatever the test before it imported."""
    _wait_idle(town_window, qtbot)
    model = town_window.model
    for lid in [lid for lid in model.layers if model.is_result(lid)]:
        model.remove_layer(lid)
    town_window.last_table_import = None
    town_window.last_table_error = None
    return town_window


def _wait_idle(window, qtbot, timeout=60000) -> None:
    from PySide6.QtWidgets import QApplication

    qtbot.waitUntil(lambda: not window.loading, timeout=timeout)
    QApplication.processEvents()


def _shot(win) -> np.ndarray:
    win.plotter.render()
    return np.asarray(win.plotter.screenshot(return_img=True)).astype(int)


def _ok(dialog) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_an_imported_csv_colours_the_buildings(window, qtbot, tmp_path: Path) -> None:
    csv = tmp_path / "energy.csv"
    csv.write_text(ENERGY)
    before = _shot(window)
    actors = len(window.plotter.renderer.actors)
    dialog = window.ask_import_table()
    dialog.file.edit.setText(str(csv))
    assert dialog.layer.currentData() == "buildings" and dialog.layer_key.currentText() == "osm_id"
    assert dialog.table_key.currentText() == "building"
    assert dialog.preview.text() == "2 of 4 buildings matched; 1 key(s) of the table match none."
    _ok(dialog)
    _wait_idle(window, qtbot)
    qtbot.waitUntil(lambda: window.last_table_import is not None, timeout=10000)
    layer = window.model.layers["table:energy"]
    assert layer.restyles == "buildings" and window.model.is_result("table:energy")
    colouring = window.view.colouring("buildings")
    assert colouring.column == "energy" and colouring.units == "MWh/a"
    osm = window.model.layers["buildings"].frame["osm_id"].tolist()
    values = dict(zip(osm, colouring.values.tolist(), strict=True))
    assert values[100] == 120.0 and values[110] == 80.0 and np.isnan(values[120])
    assert len(window.plotter.renderer.actors) == actors  # re-coloured, nothing new drawn
    assert any(e.layer_id == "table:energy" and e.units == "MWh/a" for e in window.view.legend_entries())
    assert any("2 of 4 features of 'Buildings' matched" in t for t in window.messages.texts("info"))
    after = _shot(window)
    assert (np.abs(after - before).sum(axis=2) > 30).mean() > 0.001
    shot_dir = os.environ.get("TWIN_APP_SCREENSHOTS")
    if shot_dir:  # for a person to look at
        window.export_png(Path(shot_dir) / "table_energy.png", size=(1200, 800))


def test_a_time_stamped_table_plays_on_the_buildings(window, qtbot, tmp_path: Path) -> None:
    """Imported into the window's own store, the table is on the time bar: moving the clock recolours."""
    csv = tmp_path / "hourly.csv"
    csv.write_text(HOURLY)
    dialog = window.ask_import_table()
    dialog.file.edit.setText(str(csv))
    assert dialog.time.currentText() == "time" and dialog.store.isEnabled()
    assert Path(dialog.store.edit.text()) == window.live_store  # what the time bar plays
    _ok(dialog)
    _wait_idle(window, qtbot)
    qtbot.waitUntil(lambda: window.last_table_import is not None, timeout=10000)
    live = window.live
    assert live is not None and window.time_toolbar.isVisible()
    (item,) = [i for i in live.playback.items if i.layer_id == "table:hourly"]
    assert live.playback.span() == (
        dt.datetime(2026, 3, 1, 6, 0, tzinfo=dt.UTC),
        dt.datetime(2026, 3, 1, 7, 0, tzinfo=dt.UTC),
    )
    mesh = window.view.visuals["buildings"].mesh
    osm = window.model.layers["buildings"].frame["osm_id"].tolist()
    live.clock.pause()
    shown = {}
    for at in (dt.datetime(2026, 3, 1, 6, 45, tzinfo=dt.UTC), dt.datetime(2026, 3, 1, 7, 0, tzinfo=dt.UTC)):
        live.clock.set_span(*live.playback.span())
        live.clock.jump(at)
        live.tick()
        shown[at.minute] = window.view.colouring("buildings").values.copy()
    assert shown[45][osm.index(100)] == 5.0 and shown[45][osm.index(110)] == 2.0
    assert shown[0][osm.index(100)] == 9.0 and shown[0][osm.index(110)] == 2.0
    assert window.view.visuals["buildings"].mesh is mesh
    live.playback.remove(item.layer_id)


def test_repeated_keys_are_a_sentence_and_the_app_keeps_running(window, qtbot, tmp_path: Path) -> None:
    csv = tmp_path / "repeats.csv"
    csv.write_text("building,kwh\n100,1\n100,2\n")
    dialog = window.ask_import_table()
    dialog.file.edit.setText(str(csv))
    dialog.time.setCurrentIndex(0)  # no time column
    _ok(dialog)
    _wait_idle(window, qtbot)
    qtbot.waitUntil(lambda: window.last_table_error is not None, timeout=10000)
    assert "sum or mean" in window.last_table_error
    assert not any(window.model.is_result(lid) for lid in window.model.layers)
    window.error_box.close()
    dialog = window.ask_import_table()
    dialog.file.edit.setText(str(csv))
    dialog.aggregate.setCurrentText("sum")
    _ok(dialog)
    _wait_idle(window, qtbot)
    qtbot.waitUntil(lambda: window.last_table_import is not None, timeout=10000)
    assert window.model.layers["table:repeats"].frame["kwh"].max() == 3.0


def test_a_table_of_places_joined_by_location_in_the_dialog(window, qtbot, tmp_path: Path) -> None:
    from test_city_import import _ll

    lines = ["lon,lat,visits"]
    for x, y, v in [(40, 35, 3), (45, 40, 4), (100, 35, 1), (5000, 5000, 9)]:  # two in 100, one in 110
        lon, lat = _ll(x, y)
        lines.append(f"{lon},{lat},{v}")
    csv = tmp_path / "visits.csv"
    csv.write_text("\n".join(lines) + "\n")
    dialog = window.ask_import_table()
    dialog.file.edit.setText(str(csv))
    dialog.how.setCurrentText("by location")
    assert not dialog.table_key.isEnabled() and not dialog.time.isEnabled()
    assert dialog.preview.text().startswith("4 rows will be placed in the features of 'Buildings'")
    _ok(dialog)
    _wait_idle(window, qtbot)
    qtbot.waitUntil(lambda: window.last_table_import is not None, timeout=10000)
    report = window.last_table_import.result.report
    assert (report.outside, report.matched_features) == (1, 2)
    colouring = window.view.colouring("buildings")
    osm = window.model.layers["buildings"].frame["osm_id"].tolist()
    assert colouring.column == "visits"
    assert colouring.values[osm.index(100)] == 7.0 and colouring.values[osm.index(110)] == 1.0
