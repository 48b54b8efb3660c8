"""Baseline against scenario in the real window: re-runs counted, indicators that move, the views compared.

The town (tests/test_city_import.py): a 3×3 street grid of 200 m blocks
from (0, 0) to (400, 400) (offsets from X0, Y0), four buildings in the
south-west block, people in four 250 m cells, stops S1 at (10, 10) and
S2 at (300, 210).  Here it is cut into two districts, South (y < 250) and
North (y ≥ 250), and transit access is run with a 300 m walk.  The
North's people stand at its cells' centres (no homes there), (125, 375)
and (375, 375); by hand, along the streets:

* baseline: (125, 375) walks 25 + 75 + 200 + 100 = 400 m to S2, and
  (375, 375) 25 + 175 + 100 = 300 m plus S2's 10 m off the street: no one
  in the North is served (0 %), while the South is (100 %).
* a new stop at the North's middle street corner (200, 400): 25 + 75 =
  100 m and 25 + 175 = 200 m: the whole North is served (100 %), so the
  North gains 100 percentage points and the South does not change.

Green-space access reads no stops: an added stop must not run it again.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np
import pytest
from gui_wait import wait_idle
from test_city_import import UTM, X0, Y0, write_town_extras, write_town_osm

pytestmark = [pytest.mark.gui, pytest.mark.slow]

if not os.environ.get("DISPLAY"):
    pytest.skip("GUI tests need an X display (run them under xvfb-run)", allow_module_level=True)

TRANSIT = "transit-access"
GREEN = "green-space-access"


@pytest.fixture(scope="module")
def two_districts(tmp_path_factory) -> Path:
    import geopandas as gpd
    import shapely

    from twin_app.core.city_import import CityImport, import_city

    tmp = tmp_path_factory.mktemp("compare_town")
    extras = write_town_extras(tmp)
    districts = tmp / "districts.gpkg"
    gpd.GeoDataFrame(
        {"name": ["South", "North"]},
        geometry=[
            shapely.box(X0 - 50, Y0 - 50, X0 + 450, Y0 + 250),
            shapely.box(X0 - 50, Y0 + 250, X0 + 450, Y0 + 550),
        ],
        crs=UTM,
    ).to_file(districts)
    return import_city(
        CityImport(
            name="two_districts",
            osm=write_town_osm(tmp / "town.osm.pbf"),
            gtfs=extras["gtfs"],
            population=extras["population"],
            population_column="inhabitants",
            districts=districts,
            rasters={"heat": extras["raster"]},
        ),
        tmp / "cities",
    )


@pytest.fixture(scope="module")
def win(two_districts: Path):
    from PySide6.QtWidgets import QApplication

    from twin_app.qt.window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    window.resize(1200, 800)
    window.show()
    app.processEvents()
    assert window.open_city(two_districts)
    _wait(window)
    yield window
    window.compare_views.leave()
    window.close()
    app.processEvents()


def _wait(window, seconds: float = 180) -> None:
    wait_idle(window, seconds)


def _frame(plotter) -> np.ndarray:
    """What a 3D view shows on the screen now, as RGB pixels (after it has drawn)."""
    import tempfile

    from PIL import Image
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication

    plotter.render()
    plotter.interactor.update()
    _settle()
    widget = plotter.interactor
    corner = widget.mapToGlobal(QPoint(0, 0))
    shot = QApplication.primaryScreen().grabWindow(0, corner.x(), corner.y(), widget.width(), widget.height())
    with tempfile.TemporaryDirectory() as folder:
        path = f"{folder}/view.png"
        assert shot.save(path)
        return np.asarray(Image.open(path).convert("RGB")).copy()


def _settle() -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(5):
        QApplication.processEvents()
        time.sleep(0.02)


def _differing(a: np.ndarray, b: np.ndarray) -> float:
    """Share of pixels that differ visibly (more than 40 in some channel)."""
    return float((np.abs(a.astype(int) - b.astype(int)).max(axis=2) > 40).mean())


def _composite(views, main, sizes: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Both views laid out at ``sizes`` as one picture, and which columns a view drew (not the divider)."""
    views.splitter.setSizes(sizes)
    _settle()
    views._layout()
    views._render_both()
    left, right = _frame(views.other), _frame(main)
    print(
        "DBG",
        sizes,
        main.window_size,
        main.interactor.size(),
        main.camera.GetWindowCenter(),
        views.other.window_size,
        views.other.camera.GetWindowCenter(),
    )
    x = main.interactor.x() - views.other.interactor.x()
    width = x + right.shape[1]
    out = np.zeros((left.shape[0], width, 3), dtype=np.uint8)
    drawn = np.zeros(width, dtype=bool)
    out[:, : left.shape[1]], out[:, x:] = left, right
    drawn[: left.shape[1]] = drawn[x:] = True
    return out, drawn


def _moved_divider(views, main) -> tuple[float, float]:
    """Share of differing pixels, divider at 400 vs 300 px: everywhere, and where the views swapped.

    Only the city is compared: the rows at the top and bottom hold each
    view's captions, title, north arrow and scale bar, which stay with
    their view (and so move with the divider) by design.
    """
    first, drawn_a = _composite(views, main, [400, 300])
    second, drawn_b = _composite(views, main, [300, 400])
    assert first.shape == second.shape
    height = first.shape[0]
    rows = slice(int(0.15 * height), int(0.85 * height))
    first, second = first[rows], second[rows]
    both = drawn_a & drawn_b
    swapped = both & (np.arange(len(both)) >= 300) & (np.arange(len(both)) < 400)
    assert swapped.sum() > 50
    return _differing(first[:, both], second[:, both]), _differing(first[:, swapped], second[:, swapped])


def test_swipe_shows_one_picture_cut_by_the_divider_and_side_by_side_two_whole_views(win) -> None:
    """On the baseline both sides draw one city, so moving a swipe's divider must not move the city.

    The columns between 300 and 400 px are drawn by the baseline view with
    the divider at 400 and by the scenario view with it at 300: they match
    only if the two views are the two parts of one frame.  Side by side,
    where each view shows the whole city, they do not.
    """
    from PySide6.QtWidgets import QApplication

    views = win.compare_views
    main = win.plotter
    single = _frame(main)
    assert views.enter("swipe")
    _settle()
    assert win.centralWidget() is views.splitter and views.splitter.count() == 2
    assert views.splitter.widget(1) is main.interactor and len(views.views()) == 2
    swipe_all, swipe_swapped = _moved_divider(views, main)
    assert swipe_all < 0.03 and swipe_swapped < 0.03, (swipe_all, swipe_swapped)

    assert win.findChild(type(views.side_action), "compare:side") is views.side_action
    views.side_action.trigger()  # View → Compare side by side: each view whole, centred
    _settle()
    assert views.mode == "side" and not views.swipe_action.isChecked()
    _, side_swapped = _moved_divider(views, main)
    assert side_swapped > 0.05 and side_swapped > 5 * swipe_swapped, (side_swapped, swipe_swapped)

    views.side_action.trigger()  # unchecking leaves: the single view again
    QApplication.processEvents()
    assert views.mode is None and views.other is None and views.views() == [main.interactor]
    assert main.camera.GetWindowCenter() == (0.0, 0.0)
    # the single view draws as before, on screen and in an exported image
    assert _differing(_frame(main), single) < 0.01
    exported = np.asarray(main.screenshot(return_img=True))[:, :, :3]
    assert exported.shape == single.shape and _differing(exported, single) < 0.05


def test_home_in_swipe_frames_the_city_for_the_whole_picture(win) -> None:
    """Home while swiping frames the city for the picture both views make, not for the right-hand part.

    The whole picture is what a camera at the common place shows over the
    splitter's full width (no window centre shift): the city's box (ground
    and 30 m roofs, as Home frames it) must project inside it, and fill it
    to Home's margin on one axis, as Home does in a single view.  Framed for
    the right-hand view's width, it would fill about half the picture.
    """
    from vtkmodules.vtkRenderingCore import vtkCamera

    views = win.compare_views
    assert views.enter("swipe")
    _settle()
    views._layout()
    win.go_home()
    _settle()
    assert views.cameras_equal()
    left, right = views.other.interactor.geometry(), win.plotter.interactor.geometry()
    aspect = (right.x() + right.width() - left.x()) / right.height()
    whole = vtkCamera()
    copy_from = win.plotter.camera
    whole.SetPosition(copy_from.GetPosition())
    whole.SetFocalPoint(copy_from.GetFocalPoint())
    whole.SetViewUp(copy_from.GetViewUp())
    whole.SetViewAngle(copy_from.GetViewAngle())
    matrix = whole.GetCompositeProjectionTransformMatrix(aspect, -1, 1)
    m = np.array([[matrix.GetElement(i, j) for j in range(4)] for i in range(4)])
    x0, y0, x1, y1 = win.model.data_extent()
    ox, oy = win.model.origin
    corners = np.array([(x - ox, y - oy, z, 1.0) for x in (x0, x1) for y in (y0, y1) for z in (0.0, 30.0)])
    clip = corners @ m.T
    ndc = clip[:, :2] / clip[:, 3:4]
    assert np.abs(ndc).max() <= 1.0, ndc  # inside the whole picture
    assert np.abs(ndc).max(axis=0).max() > 0.85, ndc  # and filling it, as Home does
    # the captions drawn in 3D follow a language switch at once
    from twin_app.qt.compare_view import LABEL_ACTOR
    from twin_app.qt.i18n import switch_language

    def captions() -> tuple[str, str]:
        return tuple(p.actors[LABEL_ACTOR].GetInput().strip() for p in (views.other, win.plotter))

    assert captions() == ("Baseline", "Scenario")
    try:
        switch_language("fr", remember=False)
        _settle()
        assert captions() == ("État actuel", "Scénario")
    finally:
        switch_language("en", remember=False)
        _settle()
    assert captions() == ("Baseline", "Scenario")
    views.leave()
    _settle()
    assert win.view.picture_aspect is None  # a single view again: Home frames for its own width


def test_an_added_stop_reruns_only_transit_access_and_the_poorer_district_moves_up(win, tmp_path) -> None:
    from twin_app.core.runner import RUN_COUNTS
    from twin_app.core.scenario import AddStop, MoveStop

    win.run_analysis(TRANSIT, {"low_capacity_distance": 300})
    _wait(win)
    win.run_analysis(GREEN, {})
    _wait(win)
    assert set(win.comparison.tracked) == {TRANSIT, GREEN}
    session = win.workshop
    assert session.new_project(tmp_path / "compare.twinproj.gpkg") is not None
    assert session.add_scenario("A stop for the North")
    _wait(win)
    before = RUN_COUNTS.copy()
    assert not win.comparison.counts  # a new scenario without edits changes no input

    base = {
        d: i.value
        for i in win.comparison.tracked[TRANSIT].baseline.indicators
        if i.key == "share_served"
        for d in [i.district]
    }
    assert base["North"] == 0.0 and base["South"] == 1.0, base  # the North has the poorer access

    assert session.edit(AddStop("N1", "North corner", X0 + 200.0, Y0 + 400.0, ("bus",)))
    _wait(win)
    assert win.comparison.counts == {("run", TRANSIT): 1}  # green-space access was not run again
    assert RUN_COUNTS["run", TRANSIT] - before["run", TRANSIT] == 1
    assert RUN_COUNTS["run", GREEN] == before["run", GREEN]
    assert RUN_COUNTS["update", GREEN] == before["update", GREEN]

    north = win.comparison.deltas
    (row,) = [d for d in north if d.analysis == TRANSIT and d.key == "share_served" and d.district == "North"]
    assert row.baseline == 0.0 and row.scenario == pytest.approx(1.0)
    assert row.points == pytest.approx(100.0)
    (south,) = [
        d for d in north if d.analysis == TRANSIT and d.key == "share_served" and d.district == "South"
    ]
    assert south.baseline == south.scenario == 1.0

    # the panel says it in words: baseline, scenario, points, better
    panel = win.comparison.panel
    assert panel.chosen() == (TRANSIT, "share_served")  # a share first: what a workshop asks about
    assert panel.indicator_box.currentText() == "Share of residents within walking distance"
    rows = {r[0]: r[1:] for r in panel.rows(words=True)}  # a narrow dock shows the arrows only
    assert panel.unit_note.text() == "Changes are in percentage points."
    assert rows["North"] == ["0.0%", "100.0%", "+100.0", "▲ better"]
    assert rows["South"] == ["100.0%", "100.0%", "0.0", "= no change"]
    assert rows["Whole city"][3] == "▲ better"

    # the difference layer is on, in the 3D view, with a positive value in the North
    layer = win.comparison.difference_layer()
    assert layer is not None and layer.id == f"{TRANSIT}:share_served:difference" and layer.visible
    values = dict(zip(layer.frame["district"], layer.frame["difference"], strict=True))
    assert values["North"] == pytest.approx(100.0) and values["South"] == 0.0
    colouring = win.view.colouring(win.view._restyled.get(layer.id, layer.id))
    assert colouring is not None and colouring.column == "difference"
    lo, hi = colouring.limits
    assert lo == pytest.approx(-hi) and hi >= values["North"]  # diverging, centred on zero
    (entry,) = [e for e in win.legend.entries if e.title.startswith("Change in")]
    assert entry.units == "percentage points" and entry.limits[0] == pytest.approx(-entry.limits[1])

    # another indicator chosen in the panel: its difference layer is the one in 3D
    panel.choose(TRANSIT, "population_served")
    assert win.comparison.difference_layer().id == f"{TRANSIT}:population_served:difference"
    assert {r[0]: r[4] for r in panel.rows(words=True)}["North"] == "▲ better"
    panel.choose(TRANSIT, "share_served")

    # two quick edits: one re-run, which repairs the previous result (only stops changed)
    assert session.edit(AddStop("N2", "North west", X0 + 0.0, Y0 + 400.0, ("bus",)))
    assert session.edit(MoveStop("N2", X0 + 0.0, Y0 + 300.0))
    _wait(win)
    assert win.comparison.counts == {("run", TRANSIT): 1, ("update", TRANSIT): 1}
    assert RUN_COUNTS["run", GREEN] == before["run", GREEN]

    # back to the baseline: the results made on it stand again, nothing runs
    session.set_scenario(None)
    _wait(win)
    assert win.comparison.counts[("reused", TRANSIT)] == 1
    assert sum(n for (how, _a), n in win.comparison.counts.items() if how in ("run", "update")) == 2
    assert win.comparison.difference_layer() is None


def test_side_by_side_cameras_follow_each_other_both_ways(win) -> None:
    views = win.compare_views
    win.workshop.set_scenario("A stop for the North")
    _wait(win)
    assert views.enter("side")
    assert len(views.views()) == 2 and all(v.isVisible() for v in views.views())
    assert views.cameras_equal()
    views.other.camera.Azimuth(25.0)  # the baseline's camera turned: the scenario's follows
    assert views.cameras_equal()
    win.plotter.camera.Elevation(-10.0)  # and the other way
    win.plotter.camera.Zoom(1.3)
    assert views.cameras_equal()
    views._render_both()
    # the baseline view draws the baseline: the stops the scenario added are not there
    base_stops = [lay for lay in views.base_model.layers.values() if lay.style == "stops"]
    shown_stops = [lay for lay in win.model.layers.values() if lay.style == "stops"]
    assert len(shown_stops[0].frame) == len(base_stops[0].frame) + 2
    views.leave()
    _settle()
    assert views.views() == [win.plotter.interactor] and views.splitter.count() == 1
