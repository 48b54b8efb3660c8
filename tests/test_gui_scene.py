"""The real window restyles in place, and a result re-colours the buildings it belongs to.

Helsinki is opened once in a real window under a (virtual) X display; the
heat-exposure analysis is run headless and handed to the window exactly as
its analysis worker hands results over.
"""

from __future__ import annotations

import os

import numpy as np
import pytest

pytestmark = pytest.mark.gui

if not os.environ.get("DISPLAY"):
    pytest.skip("GUI tests need an X display (run them under xvfb-run)", allow_module_level=True)


@pytest.fixture(scope="module")
def window():
    import time

    from PySide6.QtWidgets import QApplication

    from twin_app.qt.window import MainWindow

    app = QApplication.instance() or QApplication([])
    win = MainWindow()
    win.resize(1200, 800)
    win.show()
    app.processEvents()
    assert win.open_city("helsinki")
    start = time.monotonic()
    while win.loading and time.monotonic() - start < 120:
        QApplication.processEvents()
        time.sleep(0.02)
    QApplication.processEvents()
    assert not win.loading
    yield win
    win.close()
    app.processEvents()


def _display_point(win, xyz) -> tuple[int, int]:
    renderer = win.plotter.renderer
    renderer.SetWorldPoint(*xyz, 1.0)
    renderer.WorldToDisplay()
    x, y, _ = renderer.GetDisplayPoint()
    return round(x), round(y)


def test_opacity_and_colour_by_keep_the_actor_and_mesh(window) -> None:
    from twin_app.qt.panels import NO_COLOUR

    view = window.view
    actor, mesh = view.actors["buildings"][0], view.visuals["buildings"].mesh
    mapper = actor.GetMapper()
    window.layers.tree.setCurrentItem(window.layers.item("buildings"))
    try:
        for value in (90, 70, 45):  # a dragged slider sends many values
            window.layers.opacity.setValue(value)
        assert actor.GetProperty().GetOpacity() == pytest.approx(0.45)
        window.layers.colour_by.setCurrentText(NO_COLOUR)
        assert not mapper.GetScalarVisibility()
        window.layers.colour_by.setCurrentText("height_m")
        assert mapper.GetScalarVisibility()
        heights = window.model.layers["buildings"].frame["height_m"]
        assert mapper.GetScalarRange() == pytest.approx((heights.min(), heights.max()))
        assert view.actors["buildings"][0] is actor and view.visuals["buildings"].mesh is mesh
        assert mapper.GetInput() is mesh
    finally:
        window.layers.opacity.setValue(100)
        window.layers.tree.setCurrentItem(None)


def test_a_heat_result_recolours_the_buildings_and_a_click_shows_its_value(window, qtbot) -> None:
    from PySide6.QtCore import QPoint, Qt

    from twin_app.core.runner import run_analysis
    from twin_app.scene.view import PICKED_ACTOR

    view = window.view
    model = window.model
    actor, mesh = view.actors["buildings"][0], view.visuals["buildings"].mesh
    n_actors = len(window.plotter.renderer.actors)
    result = run_analysis("heat-exposure", model, {"threshold": 0.6})
    window._on_analysis_done(result)
    try:
        heat_id = "heat-exposure:buildings_heat"
        assert heat_id in model.layers and model.layers[heat_id].restyles == "buildings"
        # no second mesh: the same actor and mesh, now in the heat palette
        assert len(window.plotter.renderer.actors) == n_actors
        assert view.actors[heat_id] == [] and view.actors["buildings"][0] is actor
        assert view.visuals["buildings"].mesh is mesh
        assert [e.cmap for e in view.legend_entries() if e.layer_id == heat_id] == ["lajolla_r"]

        # click the roof of the hottest tall building: its heat is shown beside its attributes
        frame = model.layers[heat_id].frame
        tall = frame[frame["height_m"] >= frame["height_m"].quantile(0.9)]
        row = tall.loc[tall["heat_mean"].idxmax()]
        point = row.geometry.representative_point()
        ox, oy = model.origin
        x, y = _display_point(window, (point.x - ox, point.y - oy, float(row["height_m"])))
        widget = window.plotter.interactor
        ratio = widget.devicePixelRatioF()
        qtbot.mouseClick(
            widget, Qt.MouseButton.LeftButton, pos=QPoint(int(x / ratio), int(widget.height() - y / ratio))
        )
        values = window.info.values()
        assert values["Layer"] == "Buildings"
        heat_label = next(k for k in values if k.startswith("Buildings by mean"))
        assert heat_label.endswith("(index 0–1)")
        assert float(values[heat_label]) == pytest.approx(float(row["heat_mean"]), abs=5e-4)
        assert float(values["height_m"]) == pytest.approx(float(row["height_m"]))
        assert PICKED_ACTOR in window.plotter.actors

        # hiding the result gives the buildings their heights back, on the same actor
        window.layers.set_checked(heat_id, False)
        assert [e.quantity for e in view.legend_entries() if e.layer_id == "buildings"] == ["height"]
        assert actor.GetMapper().GetScalarRange() == pytest.approx(
            (
                model.layers["buildings"].frame["height_m"].min(),
                model.layers["buildings"].frame["height_m"].max(),
            )
        )
        assert np.isfinite(actor.GetMapper().GetScalarRange()).all()
    finally:
        for layer in result.layers:
            if layer.id in model.layers:
                model.remove_layer(layer.id)
    assert view.actors["buildings"][0] is actor and "heat-exposure:buildings_heat" not in view.actors
