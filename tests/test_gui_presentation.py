"""The story panel and presentation mode in a real window: flights land on the saved views, leaving
presentation mode gives the working window back byte for byte, and the credits stay on the image."""

from __future__ import annotations

import math
import os
import time
from pathlib import Path

import pytest
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
    window.move(40, 30)
    window.show()
    app.processEvents()
    assert window.open_city(town)
    _wait(lambda: not window.loading and window.city_ready)
    yield window
    window.workshop.close_project(save=False)
    window.close()
    app.processEvents()


def _wait(done, seconds: float = 120) -> None:
    from PySide6.QtWidgets import QApplication

    start = time.monotonic()
    while not done() and time.monotonic() - start < seconds:
        QApplication.processEvents()
        time.sleep(0.02)
    QApplication.processEvents()
    assert done(), f"not done after {seconds:.0f} s"


def _settle(seconds: float = 0.6) -> None:
    """Let the X server and the window manager-less display apply geometry changes."""
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def _same(a, b, tol: float = 1e-3) -> bool:
    return all(math.dist(p, q) <= tol for p, q in ((a.position, b.position), (a.focal_point, b.focal_point)))


def _views(win):
    """Three views of the town: the home view, one from the east, one close to the south-west corner."""
    from twin_app.core.camera import CameraView

    home = win.view.camera_view()
    f = home.focal_point
    east = CameraView((f[0] + 350.0, f[1], 250.0), f)
    corner = CameraView((f[0] - 150.0, f[1] - 260.0, 90.0), (f[0] - 120.0, f[1] - 120.0, 0.0))
    return home, east, corner


@pytest.fixture
def project(win, tmp_path: Path):
    session = win.workshop
    assert session.new_project(tmp_path / "story.twinproj.gpkg") is not None
    yield session.project
    session.close_project(save=False)


def test_the_story_panel_waits_for_a_project_then_makes_and_arranges_the_story(win, tmp_path: Path) -> None:
    panel = win.story
    assert win.workshop.project is None
    assert not panel.notice.isHidden() and "project" in panel.notice.text()
    assert not panel.add_button.isEnabled() and not panel.list.isEnabled()

    session = win.workshop
    assert session.new_project(tmp_path / "panel.twinproj.gpkg") is not None
    assert panel.notice.isHidden() and panel.add_button.isEnabled()
    home, east, corner = _views(win)
    for name, view, note in (("Home", home, "The whole town"), ("East", east, ""), ("Corner", corner, "")):
        win.view.set_camera(view)
        assert panel.add_current(name, note) == name
    assert panel.names() == ["Home", "East", "Corner"]
    assert panel.add_current() == "View 4"  # a name is found when none is given
    assert panel.delete("View 4") and panel.names() == ["Home", "East", "Corner"]

    assert panel.rename("East", "From the river")
    assert not panel.rename("Corner", "Home")  # taken: refused in words, nothing changes
    assert "already has a viewpoint called 'Home'" in win.messages.item(win.messages.count() - 1).text()
    assert panel.set_note("Corner", "The market corner")
    assert panel.move("Corner", -1)  # Home, Corner, From the river
    assert panel.move("Home", 5)  # past the end: to the end
    story = session.project.story()
    assert [v.name for v in story] == ["Corner", "From the river", "Home"]
    assert [v.note for v in story] == ["The market corner", "", "The whole town"]
    assert _same(story[0].camera, corner) and _same(story[1].camera, east) and _same(story[2].camera, home)
    assert [panel.list.item(i).text() for i in range(3)] == ["1. Corner", "2. From the river", "3. Home"]
    panel.select("Corner")
    assert panel.note.text() == "The market corner"

    # a double-click flies there: the camera ends on the saved view
    win.view.set_camera(home)
    item = panel.list.item(0)
    panel.list.itemDoubleClicked.emit(item)
    assert win.camera_flyer.flying
    _wait(lambda: not win.camera_flyer.flying, 30)
    assert _same(win.view.camera_view(), corner)

    session.close_project(save=False)
    assert panel.list.count() == 0 and not panel.notice.isHidden()


def _state(win) -> dict:
    from PySide6.QtWidgets import QDockWidget, QToolBar

    return {
        "geometry": bytes(win.saveGeometry()),
        "state": bytes(win.saveState()),
        "window_state": win.windowState(),
        "frame": win.geometry().getRect(),
        "docks": {
            d.objectName(): (d.isVisible(), d.geometry().getRect()) for d in win.findChildren(QDockWidget)
        },
        "bars": {b.objectName(): b.isVisible() for b in win.findChildren(QToolBar)},
        "menu": win.menuBar().isVisible(),
        "status": win.statusBar().isVisible(),
        "font": (win.font().pointSizeF(), win.font().family()),
    }


def test_leaving_presentation_mode_restores_the_working_window_exactly(win, project) -> None:
    from PySide6.QtWidgets import QDockWidget, QToolBar

    # a working window a facilitator has arranged: a panel closed, one floating, a camera of their own
    win.findChild(QDockWidget, "messages_dock").hide()
    legend = win.findChild(QDockWidget, "legend_dock")
    legend.setFloating(True)
    legend.move(300, 200)
    _settle()
    home, east, _ = _views(win)
    win.view.set_camera(east)
    before = _state(win)
    camera = win.view.camera_view()

    assert win.presentation_action.shortcut().toString() == "F5"
    win.presentation_action.trigger()  # View → Presentation mode; one screen: no question asked
    _settle()
    assert win.presentation.active and win.isFullScreen()
    screen = win.screen().geometry()
    assert win.geometry().width() == screen.width() and win.geometry().height() == screen.height()
    shown_docks = [d.objectName() for d in win.findChildren(QDockWidget) if d.isVisible()]
    shown_bars = [b.objectName() for b in win.findChildren(QToolBar) if b.isVisible()]
    assert shown_docks == [] and shown_bars == ["presentation_bar"]
    assert not win.menuBar().isVisible() and not win.statusBar().isVisible()
    controls = win.presentation.controls
    assert controls.next.font().pointSizeF() >= 18.0 > before["font"][0]
    assert controls.next.height() >= 64 and controls.exit.height() >= 64
    win.view.set_camera(home)  # the camera moved in the presentation: leaving must put it back
    assert not _same(win.view.camera_view(), camera)

    win.presentation.leave()
    _settle()
    after = _state(win)
    assert after["geometry"] == before["geometry"]
    assert after["state"] == before["state"]
    assert after == before
    assert _same(win.view.camera_view(), camera, tol=1e-6)
    legend.setFloating(False)
    win.findChild(QDockWidget, "messages_dock").show()


def test_next_flies_through_the_story_and_the_keys_drive_it(win, project) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    home, east, corner = _views(win)
    project.set_viewpoint("Home", home, "The whole town")
    project.set_viewpoint("East", east, "From the river")
    project.set_viewpoint("Corner", corner, "")
    win.workshop.story_changed.emit()
    win.view.set_camera(home)
    p = win.presentation
    p.enter()
    _settle()
    c = p.controls
    assert "3" in c.title.text() and "Home" in c.note.text()  # before the first step: what Next does
    assert not c.scenario.isVisible()  # no scenario in this project: no toggle

    c.next.click()
    assert p.step == 0 and c.title.text() == "1 of 3: Home" and c.note.text() == "The whole town"
    _wait(lambda: not win.camera_flyer.flying, 30)
    assert _same(win.view.camera_view(), home)
    QTest.keyClick(win, Qt.Key.Key_Right)
    assert p.step == 1 and c.title.text() == "2 of 3: East" and c.note.text() == "From the river"
    _wait(lambda: not win.camera_flyer.flying, 30)
    assert _same(win.view.camera_view(), east)
    QTest.keyClick(win, Qt.Key.Key_Space)
    assert p.step == 2 and not c.next.isEnabled() and c.note.isHidden()
    # mid-flight the camera is between the views, then lands on the saved one
    _wait(lambda: not win.camera_flyer.flying, 30)
    assert _same(win.view.camera_view(), corner)
    QTest.keyClick(win, Qt.Key.Key_PageDown)  # at the end: stays
    assert p.step == 2
    QTest.keyClick(win, Qt.Key.Key_Left)
    assert p.step == 1
    _wait(lambda: not win.camera_flyer.flying, 30)
    assert _same(win.view.camera_view(), east)
    p.swipe(to_left=True)  # a swipe to the left turns the page forward
    assert p.step == 2
    _wait(lambda: not win.camera_flyer.flying, 30)

    QTest.keyClick(win, Qt.Key.Key_Escape)
    _settle()
    assert not p.active and not win.isFullScreen()


def test_the_scenario_toggle_and_the_credits_in_presentation_mode(win, project) -> None:
    from twin_app.scene.furniture import furniture_of

    assert win.workshop.add_scenario("Trees on Main Street")
    p = win.presentation
    p.enter()
    _settle()
    c = p.controls
    assert c.scenario.isVisible() and c.scenario.text() == "Show baseline"
    c.scenario.click()
    assert win.workshop.scenario is None and c.scenario.text() == "Show scenario: Trees on Main Street"
    c.scenario.click()
    assert win.workshop.scenario == "Trees on Main Street"

    # the credits are drawn on the image, inside it, at full-screen size
    win.plotter.render()
    furniture = furniture_of(win.plotter)
    boxes = furniture.drawn_boxes()
    width, height = win.plotter.window_size
    credits = boxes["credits"]
    assert credits.x >= 0 and credits.y >= 0 and credits.right <= width and credits.top <= height
    assert furniture.credits_actor.GetVisibility()
    text = furniture.credits_actor.GetInput().replace("\n", " ")
    assert all(part.split()[0] in text for part in win.model.credits())
    # and the control bar is under the view, not over it
    view_box = win.plotter.geometry()
    bar_box = p.bar.geometry()
    assert view_box.bottom() < bar_box.top()
    p.leave()
    _settle()


def _touch(win, dev, tracks: list[list[tuple[int, int]]]) -> None:
    """Fingers on the 3D view: each track is one finger's points, pressed at the first, lifted at the last."""
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    widget = win.plotter
    steps = len(tracks[0])
    for k in range(steps):
        event = QTest.touchEvent(widget, dev)
        for finger, track in enumerate(tracks):
            point = QPoint(*track[k])
            if k == 0:
                event.press(finger, point)
            elif k == steps - 1:
                event.release(finger, point)
            else:
                event.move(finger, point)
        event.commit()
        _settle(0.03)
    _settle(0.2)


def test_touch_gestures_zoom_orbit_and_turn_the_page(win, project) -> None:
    """Real touch events on the 3D view, recognised by Qt as pinch, pan and swipe gestures."""
    from PySide6.QtTest import QTest

    from twin_app.qt.presentation import ORBIT_DEG_PER_PX

    home, east, _ = _views(win)
    project.set_viewpoint("Home", home, "")
    project.set_viewpoint("East", east, "")
    win.workshop.story_changed.emit()
    win.view.set_camera(home)
    p = win.presentation
    p.enter()
    _settle()
    dev = QTest.createTouchDevice()
    cx, cy = win.plotter.width() // 2, win.plotter.height() // 2

    # a pinch: fingers 100 px apart, moved apart 20 px a step to 300 px, lifted there.  Qt starts the
    # gesture at the first move (120 px apart), so the city comes 300/120 = 2.5 times closer
    before = win.view.camera_view()
    apart = [50 + 10 * k for k in range(11)] + [150]
    _touch(win, dev, [[(cx - d, cy) for d in apart], [(cx + d, cy) for d in apart]])
    after = win.view.camera_view()
    assert after.focal_point == before.focal_point
    assert after.distance() == pytest.approx(before.distance() / 2.5, rel=1e-6)

    # two fingers dragged to the right, 8 px a step, 80 px in all, turn the city with them (a pan
    # counts from where the fingers came down): the camera goes 80 × 0.25° = 20° clockwise
    before = after
    shift = [8 * k for k in range(11)] + [80]
    _touch(win, dev, [[(cx - 50 + d, cy) for d in shift], [(cx + 50 + d, cy) for d in shift]])
    after = win.view.camera_view()
    f = before.focal_point
    turn = math.degrees(
        math.atan2(after.position[1] - f[1], after.position[0] - f[0])
        - math.atan2(before.position[1] - f[1], before.position[0] - f[0])
    )
    assert ORBIT_DEG_PER_PX == 0.25
    assert turn == pytest.approx(-20.0, abs=1e-6)
    assert after.distance() == pytest.approx(before.distance(), rel=1e-9)

    # three fingers swiped to the left turn the page: the first step
    assert p.step == -1
    _touch(win, dev, [[(cx + dx - 40 * k, cy) for k in range(8)] for dx in (-60, 0, 60)])
    assert p.step == 0
    _wait(lambda: not win.camera_flyer.flying, 30)
    assert _same(win.view.camera_view(), home)
    p.leave()
    _settle()


def test_the_story_and_presentation_follow_a_language_change(win, project) -> None:
    from twin_app.qt.i18n import switch_language

    project.set_viewpoint("Home", win.view.camera_view(), "")
    win.workshop.story_changed.emit()
    dock = win.story.parentWidget()
    try:
        switch_language("fr", remember=False)
        _settle(0.2)
        assert dock.windowTitle() == "Parcours"
        assert win.story.add_button.text() == "Ajouter la vue"
        assert win.presentation_action.text() == "Mode &présentation"
        win.presentation.enter()
        _settle()
        c = win.presentation.controls
        assert c.next.text() == "Suivant ▶" and c.title.text() == "Vues du parcours\u00a0: 1"
        switch_language("ja", remember=False)  # while presenting: the bar follows
        _settle(0.2)
        assert c.next.text() == "次へ ▶" and c.title.text() == "ストーリーのビュー: 1 件"
    finally:
        win.presentation.leave()
        switch_language("en", remember=False)
        _settle()
    assert win.story.add_button.text() == "Add view" and dock.windowTitle() == "Story"
