"""Residents' feedback in the real window: pins dropped, listed, filtered, moved, deleted and exported.

Clicks are real mouse clicks on the 3D view, at the pixel where the
renderer itself (``WorldToDisplay``) draws a known map point, so the test
checks the whole way from a resident's pointing finger to a row in the
project file.  Positions are compared with the points clicked (within what
a pixel spans on the ground); the file is read with plain sqlite3 and the
exports with geopandas/csv, not through the code under test.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from pathlib import Path

import pytest
from gui_wait import wait_idle
from workshop_city import CENTRE, X0, Y0, write_city

pytestmark = [pytest.mark.gui, pytest.mark.slow]

if not os.environ.get("DISPLAY"):
    pytest.skip("GUI tests need an X display (run them under xvfb-run)", allow_module_level=True)

#: a pixel covers about a metre here (800 m of city across some 700 px); allow a few
TOLERANCE_M = 8.0


@pytest.fixture(scope="module")
def win(tmp_path_factory):
    from PySide6.QtWidgets import QApplication

    from twin_app.qt.window import MainWindow

    city = write_city(tmp_path_factory.mktemp("city") / "workshop-town")
    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    assert window.open_city(city)
    _wait(window)
    yield window
    window.workshop.close_project(save=True)
    window.close()
    app.processEvents()


def _wait(window, seconds: float = 120) -> None:
    wait_idle(window, seconds)


def _pump(seconds: float = 0.2) -> None:
    import time

    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def _click_map(win, qtbot, x: float, y: float) -> None:
    """A real left click on the 3D view where the map point (x, y) (city CRS, ground) is drawn."""
    ox, oy = win.model.origin
    _click_scene(win, qtbot, (x - ox, y - oy, 0.0))


def _click_scene(win, qtbot, xyz: tuple[float, float, float]) -> None:
    """A real left click on the 3D view where the scene point ``xyz`` is drawn."""
    from PySide6.QtCore import QPoint, Qt

    win.plotter.render()
    renderer = win.plotter.renderer
    renderer.SetWorldPoint(*xyz, 1.0)
    renderer.WorldToDisplay()
    dx, dy, _ = renderer.GetDisplayPoint()
    widget = win.plotter.interactor
    ratio = widget.devicePixelRatioF()
    pos = QPoint(round(dx / ratio), round(widget.height() - dy / ratio))
    assert widget.rect().contains(pos), f"{xyz} is not in view"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def _journal_pins(path: Path) -> list[dict]:
    """The pins the project file holds (its saved table, then its journal), read with plain sqlite3."""
    con = sqlite3.connect(path)
    try:
        pins = {
            fid: {"category": c, "comment": m, "name": n, "x": x, "y": y, "scenario": s}
            for fid, c, m, n, x, y, s in con.execute(
                "SELECT fid, category, comment, name, x, y, scenario FROM pins"
            )
        }
        for op, payload in con.execute("SELECT op, payload FROM journal ORDER BY seq"):
            p = json.loads(payload)
            if op == "pin.add":
                pins[p["id"]] = {k: p[k] for k in ("category", "comment", "name", "x", "y", "scenario")}
            elif op == "pin.move":
                pins[p["id"]].update(x=p["x"], y=p["y"])
            elif op == "pin.delete":
                del pins[p["id"]]
    finally:
        con.close()
    return [pins[k] for k in sorted(pins)]


def _drop(win, qtbot, x: float, y: float, category: str, comment: str, name: str = ""):
    from PySide6.QtCore import Qt

    win.feedback.drop_action.trigger()
    assert win.feedback.drop_action.isChecked()
    _click_map(win, qtbot, x, y)
    dialog = win.feedback.pin_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.ok_button.isEnabled()  # no kind chosen yet
    qtbot.mouseClick(dialog.category_buttons[category], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.comment, comment)
    if name:
        qtbot.keyClicks(dialog.name, name)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    _pump()
    win.feedback.pin_dialog = None


def test_without_a_project_the_dock_says_how_to_start_one(win, qtbot) -> None:
    panel = win.feedback.panel
    assert win.workshop.project is None
    assert panel.stack.currentIndex() == 0
    assert "File → New project…" in panel.empty_label.text()
    assert panel.new_project_button.text() == "New project…"
    win.feedback.drop_action.trigger()
    _click_map(win, qtbot, *CENTRE)
    assert win.feedback.pin_dialog is None  # no dialog: there is nowhere to keep the pin
    assert "Start a project first" in win.statusBar().currentMessage()
    win.identify_action.trigger()


def test_pins_dropped_with_real_clicks_are_stored_listed_moved_deleted_and_exported(
    win, qtbot, tmp_path: Path
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from twin_app.scene.pins import ACTOR_PREFIX, SELECTED_ACTOR

    path = tmp_path / "hall.twinproj.gpkg"
    assert win.workshop.new_project(path) is not None
    panel = win.feedback.panel
    assert panel.stack.currentIndex() == 1
    actors = len(win.plotter.renderer.actors)

    # three residents, three kinds of remark, on the baseline
    places = {
        "idea": (X0 + 200.0, Y0 + 250.0),
        "problem": (CENTRE[0], CENTRE[1]),
        "like": (X0 + 600.0, Y0 + 550.0),
    }
    _drop(win, qtbot, *places["idea"], "idea", "A bench under the trees", "Aino")
    _drop(win, qtbot, *places["problem"], "problem", "Dark crossing at night")
    _drop(win, qtbot, *places["like"], "like", "Love the square")
    stored = _journal_pins(path)  # on disk already, no save
    assert [p["category"] for p in stored] == ["idea", "problem", "like"]
    assert [p["name"] for p in stored] == ["Aino", None, None]
    for pin in stored:
        px, py = places[pin["category"]]
        assert abs(pin["x"] - px) < TOLERANCE_M and abs(pin["y"] - py) < TOLERANCE_M
        assert pin["scenario"] is None
    assert len(win.plotter.renderer.actors) == actors  # drawn by updating meshes, no new actors
    assert panel.table.rowCount() == 3
    assert panel.table.item(0, 1).text() == "A bench under the trees"
    assert panel.table.item(0, 2).text() == "Aino"
    assert panel.table.isColumnHidden(3)  # one scenario listed: no column saying which
    assert "Idea: 1" in panel.legend.text()
    visual = win.feedback.visual
    assert sorted(visual.pins) == [1, 2, 3]
    assert visual.actors[ACTOR_PREFIX + "like"].GetVisibility()

    # the Legend dock has the pins' key too
    key = win.feedback.legend
    assert not key.isHidden()
    assert "Idea: 1" in key.text() and "Problem: 1" in key.text() and "Like: 1" in key.text()

    # in Identify mode, a click on a pin selects it in the list
    win.identify_action.trigger()
    panel.table.clearSelection()
    _click_scene(win, qtbot, visual.centre_of(3))
    assert win.feedback.selected == 3 and panel.selected() == 3
    assert "Love the square" in win.statusBar().currentMessage()

    # filter by kind: the list and the map show only problems
    panel.category_filter.setCurrentIndex(panel.category_filter.findData("problem"))
    assert panel.table.rowCount() == 1 and sorted(visual.pins) == [2]
    panel.category_filter.setCurrentIndex(0)

    # pins belong to the active scenario: a new scenario starts with none shown
    assert win.workshop.add_scenario("Trees on the avenue")
    assert panel.table.rowCount() == 0 and visual.pins == {}
    _drop(win, qtbot, X0 + 300.0, Y0 + 600.0, "idea", "Shade for the bus stop")
    assert [p["scenario"] for p in _journal_pins(path)][-1] == "Trees on the avenue"
    panel.scenario_filter.setCurrentIndex(panel.scenario_filter.findData("__all__"))
    assert panel.table.rowCount() == 4 and sorted(visual.pins) == [1, 2, 3, 4]
    assert not panel.table.isColumnHidden(3)
    scenarios = [panel.table.item(r, 3).text() for r in range(4)]
    assert scenarios == ["Baseline", "Baseline", "Baseline", "Trees on the avenue"]

    # select: highlighted and the view centred on it
    panel.table.selectRow(1)
    _pump()
    assert win.feedback.selected == 2
    assert visual.actors[SELECTED_ACTOR].GetVisibility()
    focal = win.view.camera_view().focal_point
    ox, oy = win.model.origin
    assert focal[0] == pytest.approx(stored[1]["x"] - ox, abs=0.01)
    assert focal[1] == pytest.approx(stored[1]["y"] - oy, abs=0.01)

    # move: a mode, then a click at the new place (pressing Move again changes one's mind)
    qtbot.mouseClick(panel.move_button, Qt.MouseButton.LeftButton)
    assert win.feedback.move_action.isChecked()
    qtbot.mouseClick(panel.move_button, Qt.MouseButton.LeftButton)
    assert win.identify_action.isChecked() and not win.feedback.move_action.isChecked()
    qtbot.mouseClick(panel.move_button, Qt.MouseButton.LeftButton)
    assert win.feedback.move_action.isChecked()
    target = (X0 + 700.0, Y0 + 150.0)
    _click_map(win, qtbot, *target)
    _pump()
    moved = _journal_pins(path)[1]
    assert abs(moved["x"] - target[0]) < TOLERANCE_M and abs(moved["y"] - target[1]) < TOLERANCE_M
    assert win.identify_action.isChecked() and not panel.move_button.isChecked()
    assert len(win.plotter.renderer.actors) == actors

    # delete: asks first; Cancel keeps the pin, Yes deletes it
    panel.select(2)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    box = win.feedback.confirm_box
    assert box is not None and box.isVisible() and "Dark crossing at night" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    _pump()
    assert len(_journal_pins(path)) == 4
    panel.select(2)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    box = win.feedback.confirm_box
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    _pump()
    assert [p["comment"] for p in _journal_pins(path)] == [
        "A bench under the trees",
        "Love the square",
        "Shade for the bus stop",
    ]
    assert panel.table.rowCount() == 3 and sorted(visual.pins) == [1, 3, 4]
    assert len(win.plotter.renderer.actors) == actors

    # export: names left out unless ticked; the format follows the suffix
    import geopandas as gpd

    dialog = win.feedback.ask_export()
    assert dialog is not None and not dialog.names.isChecked()
    dialog.path.setText(str(tmp_path / "pins.geojson"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    _pump()
    frame = gpd.read_file(tmp_path / "pins.geojson")
    assert sorted(frame["comment"]) == [
        "A bench under the trees",
        "Love the square",
        "Shade for the bus stop",
    ]
    assert "name" not in frame.columns and "Aino" not in (tmp_path / "pins.geojson").read_text("utf-8")
    assert str(frame.crs).upper().endswith("4326")
    dialog = win.feedback.ask_export()
    dialog.path.setText(str(tmp_path / "pins.csv"))
    dialog.names.setChecked(True)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    _pump()
    with open(tmp_path / "pins.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["name"] for r in rows] == ["Aino", "", ""]
    win.workshop.set_scenario(None)


def test_a_pin_of_today_shows_its_time_an_older_one_its_date_too() -> None:
    import datetime as dt

    from twin_app.qt.pins import _when

    local = dt.datetime(2026, 3, 1, 9, 7, tzinfo=dt.UTC).astimezone()
    clock = f"{local.hour % 12 or 12}:{local.minute:02d} {'AM' if local.hour < 12 else 'PM'}"
    assert _when("2026-03-01T09:07:00Z", today=local.date()).replace("\u202f", " ") == clock
    older = _when("2026-03-01T09:07:00Z", today=local.date() + dt.timedelta(days=1)).replace("\u202f", " ")
    assert older.endswith(clock) and older.startswith(f"{local.month}/{local.day}/26")
    assert _when("not a time") == "not a time"


def test_the_feedback_dock_and_the_pin_tools_follow_a_language_change(win, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from twin_app.qt.i18n import switch_language

    # the remembered choice goes to this test's folder, never to the user's settings
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    controller, panel = win.feedback, win.feedback.panel
    try:
        switch_language("ja", remember=False)
        _pump(0.3)
        # the translations as written by hand in twin_app/i18n/twin_app_ja.ts
        assert controller.dock.windowTitle() == "意見"
        assert controller.drop_action.text() == "ピンを置く"
        assert panel.move_button.text() == "移動" and panel.delete_button.text() == "削除"
        assert panel.scenario_filter.itemText(1) == "すべてのシナリオ"
        assert panel.table.horizontalHeaderItem(1).text() == "コメント"
        assert "意見ピン" in controller.legend.text() or controller.legend.isHidden()
        switch_language("fr", remember=False)
        _pump(0.3)
        assert controller.dock.windowTitle() == "Avis" and panel.export_button.text() == "Exporter…"
    finally:
        switch_language("en", remember=False)
        _pump(0.3)
    assert controller.dock.windowTitle() == "Feedback" and controller.drop_action.text() == "Drop pin"
    assert panel.table.horizontalHeaderItem(1).text() == "Comment"
