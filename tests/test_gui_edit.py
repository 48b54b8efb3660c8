"""Editing a scenario with real clicks in the 3D view of a town imported here.

The town (tests/test_report.py's fixture, streets from tests/test_city_import.py)
is a 3×3 grid of streets 200 m apart from (X0, Y0): streets run along
x = X0 + 0, 200, 400 and y = Y0 + 0, 200, 400, so where a click near a street
must land is known by hand.  The camera looks straight down, map points are
turned into display pixels with the renderer's WorldToDisplay, and the clicks
are real mouse clicks on the render window.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import shapely
from gui_wait import wait_idle
from test_city_import import X0, Y0
from test_report import town  # noqa: F401  (the module's fixture: the imported town)

pytestmark = [pytest.mark.gui, pytest.mark.slow]

if not os.environ.get("DISPLAY"):
    pytest.skip("GUI tests need an X display (run them under xvfb-run)", allow_module_level=True)


@pytest.fixture(scope="module")
def win(town: Path, tmp_path_factory):  # noqa: F811
    from PySide6.QtWidgets import QApplication

    from twin_app.qt.window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    window.resize(1200, 800)
    window.show()
    app.processEvents()
    assert window.open_city(town)
    _wait(window)
    folder = tmp_path_factory.mktemp("project")
    assert window.workshop.new_project(folder / "edit.twinproj.gpkg") is not None
    assert not window.edit_tools.toolbar.isVisible()  # the baseline is never edited
    assert window.workshop.add_scenario("Edits")
    assert window.edit_tools.toolbar.isVisible()
    yield window
    window.workshop.close_project()
    window.close()
    app.processEvents()


def _wait(window, seconds: float = 120) -> None:
    wait_idle(window, seconds)


def _look_down(win, cx: float = 200.0, cy: float = 200.0, height: float = 1100.0) -> None:
    """Straight down on the town's point (X0 + cx, Y0 + cy)."""
    from twin_app.core.camera import CameraView

    ox, oy = win.model.origin
    x, y = X0 + cx - ox, Y0 + cy - oy
    win.view.set_camera(CameraView((x, y - 1.0, height), (x, y, 0.0), (0.0, 1.0, 0.0), 30.0))
    win.plotter.render()


def _pixel(win, dx: float, dy: float, z: float = 0.0) -> tuple[int, int]:
    renderer = win.plotter.renderer
    ox, oy = win.model.origin
    renderer.SetWorldPoint(X0 + dx - ox, Y0 + dy - oy, z, 1.0)
    renderer.WorldToDisplay()
    x, y, _ = renderer.GetDisplayPoint()
    return round(x), round(y)


def _click(win, qtbot, dx: float, dy: float, z: float = 0.0) -> None:
    """A real left click on the 3D view where the town's point (X0 + dx, Y0 + dy, z) is drawn."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtWidgets import QApplication

    x, y = _pixel(win, dx, dy, z)
    widget = win.plotter.interactor
    ratio = widget.devicePixelRatioF()
    qtbot.mouseClick(
        widget, Qt.MouseButton.LeftButton, pos=QPoint(int(x / ratio), int(widget.height() - y / ratio))
    )
    QApplication.processEvents()


def _double_click(win, qtbot, dx: float, dy: float, z: float = 0.0) -> None:
    """A real double-click, as Qt delivers one: click, then press, double-click, release."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtWidgets import QApplication

    _click(win, qtbot, dx, dy, z)
    x, y = _pixel(win, dx, dy, z)
    widget = win.plotter.interactor
    ratio = widget.devicePixelRatioF()
    pos = QPoint(int(x / ratio), int(widget.height() - y / ratio))
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=pos)
    QApplication.processEvents()


def _tool(win, name: str) -> None:
    win.edit_tools.actions[name].trigger()
    assert win.edit_tools.actions[name].isChecked()


def _stops(model):
    from twin_app.core.snapping import stops_layer

    return stops_layer(model)


def _edits(win) -> list:
    return list(win.workshop.project.scenario(win.workshop.scenario).edits)


def _drawn_stops(win) -> int:
    """How many stops the 3D view draws (each stop's marker carries its feature number)."""
    mesh = win.view.visuals[_stops(win.model).id].mesh
    ids = mesh.cell_data["feature_id"]
    return int(ids.max()) + 1 if len(ids) else 0


def _street_distance(win, x: float, y: float) -> float:
    from twin_app.core.snapping import street_network

    edges = street_network(win.workshop.baseline).frame.geometry
    return float(edges.distance(shapely.Point(x, y)).min())


def _snapshot(model) -> dict[str, str]:
    return {lid: layer.frame.to_json() for lid, layer in model.layers.items() if hasattr(layer, "frame")}


def test_a_stop_clicked_beside_a_street_is_put_on_it_and_undo_redo_bring_it_and_take_it(win, qtbot) -> None:
    baseline_before = _snapshot(win.workshop.baseline)
    base_stops = _stops(win.model)
    n = len(base_stops.frame)
    assert _drawn_stops(win) == n
    _look_down(win)
    _tool(win, "add_stop")
    # 12 m north of the street y = Y0 + 200 (between its nodes at x = X0 + 200 and X0 + 400)
    _click(win, qtbot, 300.0, 212.0)
    (edit,) = _edits(win)
    assert type(edit).__name__ == "AddStop"
    assert _street_distance(win, edit.x, edit.y) < 0.01  # snapped ON the street
    assert edit.y == pytest.approx(Y0 + 200.0, abs=0.01)
    assert edit.x == pytest.approx(X0 + 300.0, abs=3.0)  # where the click was, along the street
    assert len(_stops(win.model).frame) == n + 1 and _drawn_stops(win) == n + 1

    panel = win.scenario_dock.panel
    assert panel.edit_texts() == [f"1. {edit.describe()}"]
    assert panel.undo_button.label() == f"Undo: {edit.describe()}" and not panel.redo_button.isEnabled()
    from PySide6.QtCore import Qt

    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    assert _edits(win) == [] and _stops(win.model) is base_stops and _drawn_stops(win) == n
    assert panel.redo_button.label() == f"Redo: {edit.describe()}"
    qtbot.mouseClick(panel.redo_button, Qt.MouseButton.LeftButton)
    assert _edits(win) == [edit] and _drawn_stops(win) == n + 1
    assert panel.edit_texts() == [f"1. {edit.describe()}"]
    assert _snapshot(win.workshop.baseline) == baseline_before  # the baseline's data never changed
    assert len(base_stops.frame) == n


def test_a_stop_is_moved_onto_another_street_then_removed(win, qtbot) -> None:
    _look_down(win)
    added = _edits(win)[-1]
    n = len(_stops(win.model).frame)
    _tool(win, "move_stop")
    # first the stop (its marker's top, 18 m up), then its new place 9 m west of the street x = X0 + 400
    _click(win, qtbot, added.x - X0, added.y - Y0, 18.0)
    assert win.edit_tools.cancel_action.isEnabled()  # a stop is held
    _click(win, qtbot, 391.0, 300.0)
    move = _edits(win)[-1]
    assert type(move).__name__ == "MoveStop" and move.stop_id == added.stop_id
    assert (move.x, move.y) == pytest.approx((X0 + 400.0, Y0 + 300.0), abs=3.0)
    assert _street_distance(win, move.x, move.y) < 0.01
    assert len(_stops(win.model).frame) == n
    _tool(win, "remove_stop")
    _click(win, qtbot, move.x - X0, move.y - Y0, 18.0)
    remove = _edits(win)[-1]
    assert type(remove).__name__ == "RemoveStop" and remove.stop_id == added.stop_id
    assert len(_stops(win.model).frame) == n - 1


def test_a_line_through_two_street_points_asks_for_its_service(win, qtbot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from twin_app.core.scenario import LINES_LAYER

    _look_down(win)
    _tool(win, "add_line")
    before = len(_edits(win))
    _click(win, qtbot, 50.0, 10.0)  # 10 m from the street y = Y0
    _click(win, qtbot, 350.0, 392.0)  # 8 m from the street y = Y0 + 400
    assert len(_edits(win)) == before  # nothing is made before the line is finished
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=5000)
    qtbot.keyClick(win.plotter.interactor, Qt.Key.Key_Return)  # Enter finishes the line
    dialog = win.edit_tools.line_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.name.setText("Crosstown")
    dialog.mode.setCurrentIndex(dialog.mode.findData("tram"))
    dialog.frequency.setValue(8)
    dialog.accept()
    line = _edits(win)[-1]
    assert type(line).__name__ == "AddLine"
    assert (line.name, line.mode, line.departures_per_hour) == ("Crosstown", "tram", 8.0)
    assert [s.y - Y0 for s in line.stops] == pytest.approx([0, 400], abs=0.01)  # on the streets
    assert [s.x - X0 for s in line.stops] == pytest.approx([50, 350], abs=3.0)
    assert all(_street_distance(win, s.x, s.y) < 0.01 for s in line.stops)
    assert LINES_LAYER in win.model.layers and LINES_LAYER in win.view.visuals


def test_a_green_area_is_drawn_closed_with_a_double_click_and_a_crossed_one_is_refused(win, qtbot) -> None:
    from twin_app.core.snapping import is_green_layer

    _look_down(win)
    (green_id,) = [lid for lid, layer in win.model.layers.items() if is_green_layer(layer)]
    areas = len(win.model.layers[green_id].frame)
    before = len(_edits(win))
    _tool(win, "green_area")
    # a bow tie: its outline crosses itself
    for dx, dy in ((230, 230), (370, 370), (370, 230), (230, 370)):
        _click(win, qtbot, dx, dy)
    win.edit_tools.finish_action.trigger()
    assert len(_edits(win)) == before
    assert "crosses itself" in win.statusBar().currentMessage()
    win.edit_tools.cancel_action.trigger()
    assert not win.edit_tools.cancel_action.isEnabled()
    for dx, dy in ((230, 230), (370, 230)):
        _click(win, qtbot, dx, dy)
    _double_click(win, qtbot, 300, 370)  # the last corner, and the double-click closes the area
    area = _edits(win)[-1]
    assert type(area).__name__ == "AddGreenArea"
    corners = [(x - X0, y - Y0) for x, y in area.ring]
    assert len(corners) == 3  # the double-click added no fourth corner
    for corner, clicked in zip(corners, [(230, 230), (370, 230), (300, 370)], strict=True):
        assert corner == pytest.approx(clicked, abs=3.0)  # a pixel is about 1 m at this height
    assert len(win.model.layers[green_id].frame) == areas + 1
    # the triangle's area by hand: base 140 m, height 140 m
    assert win.model.layers[green_id].frame.geometry.iloc[-1].area == pytest.approx(9800, rel=0.05)
    _tool(win, "remove_green")
    _click(win, qtbot, 300, 260)
    removed = _edits(win)[-1]
    assert type(removed).__name__ == "RemoveGreenArea"
    assert len(win.model.layers[green_id].frame) == areas


def test_trees_are_planted_and_removed_by_clicks(win, qtbot) -> None:
    from twin_app.core.scenario import TREES_LAYER

    _look_down(win)
    _tool(win, "add_trees")
    _click(win, qtbot, 300, 300)
    _click(win, qtbot, 330, 300)
    trees = win.model.layers[TREES_LAYER]
    assert len(trees.frame) == 2 and TREES_LAYER in win.view.visuals
    xy = shapely.get_coordinates(trees.frame.geometry.values)
    assert xy[:, 0] - X0 == pytest.approx([300, 330], abs=3.0)
    _tool(win, "remove_trees")
    _click(win, qtbot, 330, 300, 18.0)
    removed = _edits(win)[-1]
    assert type(removed).__name__ == "RemoveTrees"
    remaining = shapely.get_coordinates(win.model.layers[TREES_LAYER].frame.geometry.values)
    assert remaining[:, 0] - X0 == pytest.approx([300], abs=3.0)


def test_a_building_dialog_shows_the_height_and_sets_a_new_one(win, qtbot) -> None:
    _look_down(win, 100.0, 100.0, 700.0)
    frame = win.model.buildings.frame
    # the house at (80..120, 120..160)
    inside = shapely.Point(X0 + 100, Y0 + 140)
    (row,) = [i for i, g in enumerate(frame.geometry) if g.contains(inside)]
    height = float(frame["height_m"].iloc[row])
    _tool(win, "building")
    _click(win, qtbot, 100, 140, height)
    dialog = win.edit_tools.building_dialog
    assert dialog is not None and dialog.isVisible()
    assert f"{height:g} m" in dialog.current.text() and "house" in dialog.current.text()
    dialog.height.setValue(30.0)
    dialog.use.setCurrentText("school")
    dialog.accept()
    edit, use = _edits(win)[-2:]
    assert type(edit).__name__ == "SetBuildingHeight" and edit.height_m == 30.0
    assert type(use).__name__ == "SetBuildingUse" and use.use == "school" and use.building == edit.building
    assert win.model.buildings.frame["building"].iloc[row] == "school"
    assert float(win.model.buildings.frame["height_m"].iloc[row]) == 30.0
    assert float(win.workshop.baseline.buildings.frame["height_m"].iloc[row]) == height


def test_a_street_clicked_becomes_car_free(win, qtbot) -> None:
    from twin_app.core.scenario import CAR_FREE_COLUMN
    from twin_app.scene.sketch import CAR_FREE_ACTOR

    _look_down(win)
    _tool(win, "car_free")
    _click(win, qtbot, 100, 207)  # 7 m from the street y = Y0 + 200, between its nodes at x = 0 and 200
    edit = _edits(win)[-1]
    assert type(edit).__name__ == "MarkCarFree"
    network = win.model.layers[edit.layer]
    frame = network.frame
    chosen = frame[frame[CAR_FREE_COLUMN].fillna(False).astype(bool)]
    assert len(chosen) >= 1
    # marked in 3D as a band over the street, until the edit is undone
    assert CAR_FREE_ACTOR in win.plotter.actors and win.edit_tools.show_car_free() == len(chosen)
    assert win.workshop.undo() is not None
    assert CAR_FREE_ACTOR not in win.plotter.actors
    assert win.workshop.redo() is not None
    assert CAR_FREE_ACTOR in win.plotter.actors
    for geometry in chosen.geometry:
        (x0, y0), (x1, y1) = geometry.coords[0], geometry.coords[-1]
        assert (y0 - Y0, y1 - Y0) == pytest.approx((200, 200), abs=1.0)
        assert sorted([x0 - X0, x1 - X0]) == pytest.approx([0, 200], abs=1.0)


def test_the_scenario_panel_makes_renames_and_deletes_scenarios(win, qtbot) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    panel = win.scenario_dock.panel
    edits = len(_edits(win))
    assert panel.scenario_names() == [None, "Edits"]
    assert panel.ask_new("Second")
    assert win.workshop.scenario == "Second" and panel.scenario_names() == [None, "Edits", "Second"]
    assert panel.ask_rename("Second, renamed")
    assert panel.scenario_names() == [None, "Edits", "Second, renamed"]
    assert win.scenario_chooser.currentText() == "Second, renamed"

    def answer(button: QMessageBox.StandardButton) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox) and "Second, renamed" in box.text()
        box.button(button).click()

    QTimer.singleShot(300, lambda: answer(QMessageBox.StandardButton.No))
    assert not panel.ask_delete()
    QTimer.singleShot(300, lambda: answer(QMessageBox.StandardButton.Yes))
    assert panel.ask_delete()
    assert panel.scenario_names() == [None, "Edits"] and win.workshop.scenario is None
    assert not win.edit_tools.toolbar.isVisible()  # the baseline is shown: nothing to edit
    # switching by clicking the list
    panel.scenarios.setCurrentRow(1)
    assert win.workshop.scenario == "Edits" and len(panel.edit_texts()) == edits
    assert win.edit_tools.toolbar.isVisible()


def test_a_marker_shows_where_the_stop_would_go_and_follows_the_mouse_when_redraws_are_cheap(
    win, qtbot
) -> None:
    from PySide6.QtCore import QPoint

    from twin_app.scene.quality import is_software
    from twin_app.scene.sketch import MARKER_ACTOR

    _look_down(win)
    _tool(win, "add_stop")
    tools = win.edit_tools
    tools.hover_preview = None
    assert tools._wants_hover() is (not is_software(win.plotter.render_window))
    spot = tools.preview(*_pixel(win, 300.0, 212.0))
    assert spot is not None and spot[1] == pytest.approx(Y0 + 200.0, abs=0.01)
    assert spot[0] == pytest.approx(X0 + 300.0, abs=3.0)
    assert MARKER_ACTOR in win.plotter.actors
    # the middle of a block is 100 m from every street: no marker
    assert tools.preview(*_pixel(win, 300.0, 300.0)) is None
    assert MARKER_ACTOR not in win.plotter.actors
    # where redraws are cheap the marker follows mouse moves
    tools.hover_preview = True
    x, y = _pixel(win, 110.0, 395.0)  # 5 m from the street y = Y0 + 400
    widget = win.plotter.interactor
    ratio = widget.devicePixelRatioF()
    qtbot.mouseMove(widget, QPoint(int(x / ratio), int(widget.height() - y / ratio)))
    qtbot.waitUntil(lambda: tools._hover is not None, timeout=3000)
    assert tools._hover[1] == pytest.approx(Y0 + 400.0, abs=0.01)
    assert MARKER_ACTOR in win.plotter.actors
    win.identify_action.trigger()  # leaving the tool takes the marker away
    assert MARKER_ACTOR not in win.plotter.actors
    tools.hover_preview = None


def test_the_toolbar_and_the_panel_follow_a_language_change(win, tmp_path: Path) -> None:
    """A translator with two of their texts in French, compiled here, switched in at run time."""
    import shutil
    import subprocess
    import sys

    from PySide6.QtCore import QCoreApplication, QTranslator
    from PySide6.QtWidgets import QApplication

    ts = tmp_path / "edit_fr.ts"
    ts.write_text(
        """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS><TS version="2.1" language="fr">
<context><name>EditTools</name>
<message><source>Add stop</source><translation>Ajouter un arrêt</translation></message>
</context>
<context><name>ScenarioPanel</name>
<message><source>Scenario</source><translation>Scénario</translation></message>
</context>
</TS>
""",
        encoding="utf-8",
    )
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    command = str(lrelease) if lrelease.is_file() else shutil.which("pyside6-lrelease")
    assert command is not None
    subprocess.run([command, "-silent", str(ts), "-qm", str(tmp_path / "edit_fr.qm")], check=True)
    translator = QTranslator()
    assert translator.load(str(tmp_path / "edit_fr.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        QApplication.processEvents()
        assert win.edit_tools.actions["add_stop"].text() == "Ajouter un arrêt"
        assert win.scenario_dock.windowTitle() == "Scénario"
    finally:
        QCoreApplication.removeTranslator(translator)
        QApplication.processEvents()
    assert win.edit_tools.actions["add_stop"].text() == "Add stop"
    assert win.scenario_dock.windowTitle() == "Scenario"
