"""A scenario's undo history in the window: it survives a rename, and a redo redraws only its own layers."""

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
    wait_idle(window, 120)
    yield window
    window.close()
    app.processEvents()


def _stop_count(model) -> int:
    from twin_app.core.layers import StopsLayer

    (layer,) = [lay for lay in model.layers.values() if isinstance(lay, StopsLayer)]
    return len(layer.frame)


def test_a_renamed_scenario_keeps_its_undo_history(win, tmp_path: Path) -> None:
    from twin_app.core.scenario import AddStop

    session, panel = win.workshop, win.scenario_dock.panel
    stops_before = _stop_count(win.model)
    assert session.new_project(tmp_path / "rename.twinproj.gpkg") is not None
    assert session.add_scenario("Draft")
    assert session.edit(AddStop("R1", "Quay", X0 + 220.0, Y0 + 180.0, ("bus",)))
    assert _stop_count(win.model) == stops_before + 1

    assert panel.ask_rename("Final plan")
    assert session.scenario == "Final plan"
    assert panel.scenario_names() == [None, "Final plan"]
    assert "Quay" in panel.undo_button.label() and panel.undo_button.isEnabled()

    # Undo still undoes the edit made before the rename, in the renamed scenario
    assert session.undo() is not None
    assert session.project.scenario("Final plan").edits == []
    assert _stop_count(win.model) == stops_before
    assert "Quay" in panel.redo_button.label()
    assert session.redo() is not None
    assert len(session.project.scenario("Final plan").edits) == 1
    assert _stop_count(win.model) == stops_before + 1

    # a refused name changes nothing and is said
    assert session.add_scenario("Other")
    session.set_scenario("Final plan")
    assert not panel.ask_rename("Other")
    assert session.scenario == "Final plan" and session.undo_stack.can_undo
    assert "Other" in win.messages.item(win.messages.count() - 1).text()

    assert panel.ask_delete(confirm=False)
    assert session.scenario is None
    assert panel.scenario_names() == [None, "Other"]
    session.close_project()


def test_a_redo_replaces_only_the_layers_of_the_edit_it_makes_again(win, tmp_path: Path) -> None:
    from twin_app.core.scenario import TREES_LAYER, AddStop, AddTrees

    session = win.workshop
    assert session.new_project(tmp_path / "redo.twinproj.gpkg") is not None
    assert session.add_scenario("Two layers")
    assert session.edit(AddStop("T1", "Square", X0 + 200.0, Y0 + 200.0, ("bus",)))
    assert session.edit(AddTrees(((X0 + 120.0, Y0 + 90.0), (X0 + 130.0, Y0 + 90.0))))
    stops_id = next(lid for lid, lay in win.model.layers.items() if type(lay).__name__ == "StopsLayer")

    changed: list[tuple[str, str]] = []

    def listen(change, layer) -> None:
        changed.append((str(change), layer.id))

    win.model.subscribe(listen)
    try:
        assert session.undo() is not None  # the trees go: only their layer changes
        assert changed == [("removed", TREES_LAYER)] or changed == [("style", TREES_LAYER)]
        changed.clear()
        assert session.redo() is not None  # the trees come back: the stops' layer is left alone
        assert {lid for _, lid in changed} == {TREES_LAYER}
        assert len(changed) == 1
        assert stops_id not in {lid for _, lid in changed}
    finally:
        win.model.unsubscribe(listen)
    assert len(win.model.layers[TREES_LAYER].frame) >= 2
    session.close_project()
