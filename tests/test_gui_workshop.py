"""The window's workshop session: a project, a scenario shown in 3D, undo and redo, pins, autosave."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from gui_wait import wait_idle
from test_city_import import X0, Y0
from test_report import town  # noqa: F401  (the module's fixture: the imported town)

pytestmark = [pytest.mark.gui, pytest.mark.slow]

if not os.environ.get("DISPLAY"):
    pytest.skip("GUI tests need an X display (run them under xvfb-run)", allow_module_level=True)


@pytest.fixture(scope="module")
def win(town: Path):  # noqa: F811
    from PySide6.QtWidgets import QApplication

    from twin_app.qt.window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    window.resize(1000, 700)
    window.show()
    app.processEvents()
    assert window.open_city(town)
    _wait(window)
    yield window
    window.close()
    app.processEvents()


def _wait(window, seconds: float = 120) -> None:
    wait_idle(window, seconds)


def _stops(model):
    from twin_app.core.layers import StopsLayer

    (layer,) = [lay for lay in model.layers.values() if isinstance(lay, StopsLayer)]
    return layer


def test_a_scenario_is_shown_edited_undone_and_redone_and_the_baseline_never_changes(
    win, tmp_path: Path
) -> None:
    from twin_app.core.project import Project
    from twin_app.core.scenario import AddStop

    session = win.workshop
    stops_before = len(_stops(win.model).frame)
    base_layer = _stops(win.model)
    assert session.new_project(tmp_path / "w.twinproj.gpkg") is not None
    # the baseline is never edited: an edit without a scenario is refused in words
    assert not session.edit(AddStop("N1", "Market", X0 + 200.0, Y0 + 200.0, ("bus",)))
    assert "never changed" in win.messages.item(win.messages.count() - 1).text()
    assert session.add_scenario("More stops")
    assert win.scenario_chooser.currentText() == "More stops"

    assert session.edit(AddStop("N1", "Market", X0 + 200.0, Y0 + 200.0, ("bus",)))
    shown = _stops(win.model)
    assert len(shown.frame) == stops_before + 1 and shown is not base_layer
    assert len(_stops(session.baseline).frame) == stops_before  # the city's own layer, untouched
    assert len(base_layer.frame) == stops_before
    assert win.undo_action.isEnabled() and "Market" in win.undo_action.text()

    assert session.undo() is not None
    assert _stops(win.model) is base_layer and win.redo_action.isEnabled()
    assert session.redo() is not None
    assert len(_stops(win.model).frame) == stops_before + 1

    pin = session.add_pin(X0 + 150.0, Y0 + 150.0, "idea", "A bench here", name="Aino")
    assert pin is not None and pin.scenario == "More stops"

    session.set_scenario(None)  # the baseline again, its own layer object back
    assert _stops(win.model) is base_layer
    session.set_scenario("More stops")
    assert len(_stops(win.model).frame) == stops_before + 1

    path = session.project.path
    session.close_project()  # saves: the file holds the scenario and the pin, nothing pending
    assert _stops(win.model) is base_layer and win.scenario_chooser.count() == 1
    project = Project.open(path)
    assert not project.pending
    assert [len(s.edits) for s in project.scenarios] == [1]
    assert [p.comment for p in project.pins()] == ["A bench here"]
    project.close()

    # reopened in the window: the scenario is shown again once the city is loaded
    assert win.workshop.open_project(path) is not None
    _wait(win)
    assert session.scenario == "More stops" and len(_stops(win.model).frame) == stops_before + 1
    session.close_project()


def test_a_click_mode_gets_the_clicks_and_map_points_are_in_the_city_crs(win) -> None:
    from PySide6.QtGui import QAction

    clicks: list[tuple[int, int]] = []
    act = win.add_click_mode(QAction("Probe", win), lambda x, y: clicks.append((x, y)))
    act.setChecked(True)
    win.pick(200, 150)
    assert clicks == [(200, 150)]
    win.go_home()
    win._render_now()
    w, h = win.plotter.window_size
    point = win.map_point_at(w // 2, h // 2)
    assert point is not None
    extent = win.model.data_extent()
    assert extent[0] - 500 <= point[0] <= extent[2] + 500 and extent[1] - 500 <= point[1] <= extent[3] + 500
    win.identify_action.setChecked(True)
