"""Baseline and scenario seen together: side by side, or one picture split by a divider the user drags.

Both modes are the same two views in a horizontal splitter: on the left a
second 3D view drawing the *baseline* (its own :class:`~twin_app.scene.view.SceneView`
on a snapshot of the baseline city, with the baseline's results), on the
right the window's own view drawing the scenario.  Their cameras are kept
equal both ways: a camera change on either is copied to the other, which
redraws soon after (one redraw per burst of changes, since software OpenGL
takes a while per frame).

**Side by side** shows each view whole.  **Swipe** makes the two views the
two halves of *one* picture: each camera keeps the common position, focal
point and view angle, and shifts its window centre
(``vtkCamera.SetWindowCenter``, made for several viewports showing one
large view) so that its widget shows exactly its part of the frame the
whole width would show.  The splitter's handle is the divider: baseline on
its left, scenario on its right; dragging it moves the cut, not the city.
So swipe needs no clipping and no second pass: each pixel is drawn once,
by the view it belongs to, which is what software OpenGL can afford.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QSplitter, QWidget

if TYPE_CHECKING:
    from twin_app.core.model import CityModel

SIDE = "side"
SWIPE = "swipe"
LABEL_ACTOR = "__compare_label"
# the divider's width in swipe mode, in pixels: easy to grab, thin enough not to hide the city
SWIPE_HANDLE_PX = 6


def window_centre(start: float, end: float, total: float) -> float:
    """The horizontal window centre that makes a widget over [start, end] of ``total`` pixels show its part.

    VTK centres a view's frustum on ``centre × half-width`` (in the view's
    own half-widths).  The whole frame's half-width is ``total / 2``; the
    widget's middle lies ``(start + end) / 2 − total / 2`` pixels from the
    frame's middle, which is that many of the widget's half-widths
    ``(end − start) / 2``.
    """
    width = end - start
    if width <= 0 or total <= 0:
        return 0.0
    return (start + end - total) / width


def copy_camera(src: Any, dst: Any) -> None:
    """Put ``dst`` where ``src`` is (not its window centre: each view keeps its own part of the frame)."""
    dst.SetPosition(src.GetPosition())
    dst.SetFocalPoint(src.GetFocalPoint())
    dst.SetViewUp(src.GetViewUp())
    dst.SetViewAngle(src.GetViewAngle())
    dst.SetParallelProjection(src.GetParallelProjection())
    dst.SetParallelScale(src.GetParallelScale())
    dst.SetClippingRange(src.GetClippingRange())


def _font_file(text: str) -> str | None:
    """A font file with the letters of ``text`` when VTK's Latin fonts lack them (None: they suffice)."""
    try:
        text.encode("latin-1")
        return None
    except UnicodeEncodeError:
        pass
    from twin_app.core.errors import TwinError
    from twin_app.qt.i18n import current_language
    from twin_app.report.fonts import font_for

    try:
        return str(font_for(current_language()).regular)
    except TwinError:
        return None  # the window has said which fonts to install (twin_app.qt.i18n.font_problem)


def _label(plotter: Any, text: str, x: float, justify: str) -> None:
    """A caption near the top of a view, on a light box so it reads over any part of the city."""
    plotter.remove_actor(LABEL_ACTOR, reset_camera=False, render=False)
    actor = plotter.add_text(
        f" {text} ", position=(x, 0.9), viewport=True, font_size=13, color="#111111", name=LABEL_ACTOR
    )
    prop = actor.GetTextProperty()
    font = _font_file(text)
    if font is not None:
        prop.SetFontFamily(4)  # VTK_FONT_FILE: VTK's own fonts have no CJK or Hangul letters
        prop.SetFontFile(font)
    prop.SetJustification({"left": 0, "centered": 1, "right": 2}[justify])
    prop.SetBold(True)
    prop.SetBackgroundColor(1.0, 1.0, 1.0)
    prop.SetBackgroundOpacity(0.85)


class CompareViews(QObject):
    """View → Compare side by side and View → Swipe: the baseline beside or under the scenario."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.mode: str | None = None
        self.other: Any = None
        self.other_view: Any = None
        self.base_model: CityModel | None = None
        self.splitter: QSplitter | None = None
        self._main: QWidget | None = None
        self._observers: list[tuple[Any, int]] = []
        self._syncing = False
        # seconds the last few redraws of both views took (``frame_time``)
        self.frame_times: list[float] = []
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(30)
        self._redraw.timeout.connect(self._render_both)
        self.group = QActionGroup(self)
        self.group.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        self.side_action = self._action(
            QT_TRANSLATE_NOOP("CompareViews", "Compare side by side"),
            QT_TRANSLATE_NOOP(
                "CompareViews", "The baseline in a second view beside the scenario, cameras linked"
            ),
            SIDE,
        )
        self.swipe_action = self._action(
            QT_TRANSLATE_NOOP("CompareViews", "Swipe baseline and scenario"),
            QT_TRANSLATE_NOOP(
                "CompareViews",
                "One picture: the baseline left of a divider you drag, the scenario right of it",
            ),
            SWIPE,
        )

    def _action(self, text: str, tip: str, mode: str) -> QAction:
        from twin_app.qt.i18n import keep_translated

        # kept: set again in the new language when the language changes at run time
        act = keep_translated(QAction(self), "CompareViews", text=text, toolTip=tip, statusTip=tip)
        act.setObjectName(f"compare:{mode}")
        act.setCheckable(True)
        act.toggled.connect(lambda on: self._toggled(mode, on))
        self.group.addAction(act)
        return act

    def add_to(self, menu: QMenu) -> None:
        menu.addSeparator()
        menu.addAction(self.side_action)
        menu.addAction(self.swipe_action)

    def _toggled(self, mode: str, on: bool) -> None:
        if on:
            if not self.enter(mode):
                self._check(None)
        elif self.mode == mode:
            self.leave()

    def _check(self, mode: str | None) -> None:
        for act, m in ((self.side_action, SIDE), (self.swipe_action, SWIPE)):
            act.blockSignals(True)
            act.setChecked(m == mode)
            act.blockSignals(False)

    # -- entering and leaving ------------------------------------------------
    def holder(self, view: QWidget) -> QSplitter:
        """The window's central widget: a splitter holding its 3D view, alone until a comparison.

        The view is put in it once, when it is made.  Moving an OpenGL widget
        out of its window later (to put it in a splitter) makes Qt give it a
        new OpenGL context, after which VTK reads back an empty picture (an
        exported PNG of only the sky); a second view beside it never moves it.
        """
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("compare_splitter")
        splitter.setChildrenCollapsible(False)  # neither side may vanish: drag the divider back
        splitter.addWidget(view)
        splitter.splitterMoved.connect(lambda *_: self._layout())
        splitter.installEventFilter(self)
        self.splitter, self._main = splitter, view
        return splitter

    def _baseline(self) -> CityModel | None:
        """A snapshot of the baseline city (the shown city when no workshop holds one)."""
        workshop = getattr(self.window, "workshop", None)
        base = getattr(workshop, "baseline", None) if workshop is not None else None
        if base is None:
            base = self.window.model
        return None if base is None else base.snapshot()

    def enter(self, mode: str) -> bool:
        """Show the baseline beside (``"side"``) or under a divider with (``"swipe"``) the scenario."""
        window = self.window
        if window.model is None or window.plotter is None or window.view is None:
            window.statusBar().showMessage(self.tr("Open a city first, then compare."), 5000)
            return False
        if self.splitter is None or self._main is not window.plotter.interactor:
            return False
        width = self.splitter.width()
        if self.mode is None:
            self._build()
        self.mode = mode
        self._check(mode)
        self.splitter.setHandleWidth(SWIPE_HANDLE_PX if mode == SWIPE else 4)
        half = max((width - self.splitter.handleWidth()) // 2, 1)
        self.splitter.setSizes([half, max(width - self.splitter.handleWidth() - half, 1)])
        self._labels()
        self._layout()
        self.sync(window.plotter.camera, self.other.camera)
        self.request_render()  # once the splitter has laid the views out
        return True

    def _build(self) -> None:
        from twin_app.qt.view_widget import CityViewWidget
        from twin_app.scene.quality import tune_for_interaction
        from twin_app.scene.view import SceneView

        window = self.window
        self.base_model = self._baseline()
        assert self.base_model is not None and self.splitter is not None
        splitter = self.splitter
        splitter.setStyleSheet("QSplitter::handle { background: #f2f2f2; border: 1px solid #555555; }")
        other = CityViewWidget(splitter, auto_update=False)
        other.interactor.setObjectName("baseline_view")
        splitter.insertWidget(0, other.interactor)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        self.other = other
        other.render()
        tune_for_interaction(other)
        self.other_view = SceneView(other, self.base_model, request_render=self.request_render)
        self.show_baseline_results()
        for cam, to in ((window.plotter.camera, other), (other.camera, window.plotter)):
            tag = cam.AddObserver("ModifiedEvent", lambda *_a, c=cam, t=to: self.sync(c, t.camera))
            self._observers.append((cam, tag))

    def leave(self) -> None:
        """Back to the single view of the scenario, as it was before."""
        if self.mode is None:
            return
        window = self.window
        self.mode = None
        self._check(None)
        self._redraw.stop()
        for cam, tag in self._observers:
            cam.RemoveObserver(tag)
        self._observers = []
        window.plotter.camera.SetWindowCenter(0.0, 0.0)
        self._picture(None)
        window.plotter.remove_actor(LABEL_ACTOR, reset_camera=False, render=False)
        if self.base_model is not None and self.other_view is not None:
            self.base_model.unsubscribe(self.other_view._on_change)
        if self.other is not None:
            widget = self.other.interactor
            widget.hide()
            self.other.close()
            widget.setParent(None)  # out of the splitter now; deleted once control is back in Qt
            widget.deleteLater()
        if self.splitter is not None:
            self.splitter.setStyleSheet("")
        self.other = self.other_view = self.base_model = None
        window.request_render()

    # -- what the baseline view shows ------------------------------------------
    def show_baseline_results(self) -> None:
        """The baseline's results (as the comparison has them) in the baseline view."""
        comparison = getattr(self.window, "comparison", None)
        if self.base_model is None or comparison is None:
            return
        for item in comparison.tracked.values():
            if item.baseline is None:
                continue
            for layer in item.baseline.layers:
                self.base_model.add_result_layer(layer)

    def refresh_baseline(self) -> None:
        """The comparison re-ran: the baseline view shows the baseline's results as they now are."""
        if self.mode is not None:
            self.show_baseline_results()
            self.request_render()

    def _labels(self) -> None:
        """Say which side is which, at the top of each view (beside the divider when swiping)."""
        window = self.window
        workshop = getattr(window, "workshop", None)
        name = getattr(workshop, "scenario", None)
        scenario = self.tr("Scenario: {name}").format(name=name) if name else self.tr("Scenario")
        swipe = self.mode == SWIPE
        _label(self.other, self.tr("Baseline"), 0.98 if swipe else 0.5, "right" if swipe else "centered")
        _label(window.plotter, scenario, 0.02 if swipe else 0.5, "left" if swipe else "centered")

    # -- cameras -------------------------------------------------------------------
    def sync(self, src: Any, dst: Any) -> None:
        """Copy one view's camera to the other and redraw soon (each change once: no echo back)."""
        if self._syncing or self.mode is None:
            return
        self._syncing = True
        try:
            copy_camera(src, dst)
        finally:
            self._syncing = False
        self.request_render()

    def _layout(self) -> None:
        """Each view's window centre: the whole frame's in swipe mode, its own otherwise."""
        if self.mode is None or self.other is None:
            return
        main = self.window.plotter
        if self.mode != SWIPE:
            self.other.camera.SetWindowCenter(0.0, 0.0)
            main.camera.SetWindowCenter(0.0, 0.0)
            self._picture(None)
            self.request_render()
            return
        # where each view lies in the splitter, in pixels (the handle's width is the style's to choose)
        left, right = self.other.interactor.geometry(), main.interactor.geometry()
        start, total = left.x(), right.x() + right.width() - left.x()
        self._picture(total / max(right.height(), 1))  # Home frames the city for the whole picture
        self._syncing = True
        try:
            self.other.camera.SetWindowCenter(window_centre(0, left.width(), total), 0.0)
            main.camera.SetWindowCenter(window_centre(right.x() - start, total, total), 0.0)
        finally:
            self._syncing = False
        self.request_render()

    def _picture(self, aspect: float | None) -> None:
        """Tell the scenario's view the whole picture's width/height (None: it is the whole picture)."""
        view = getattr(self.window, "view", None)
        if view is not None:
            view.picture_aspect = aspect

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.splitter and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self._layout)
        elif watched is self.splitter and event.type() == QEvent.Type.LanguageChange and self.mode:
            self._labels()  # the captions are drawn in 3D: set them again in the new language
            self.request_render()
        return False

    # -- drawing ------------------------------------------------------------------
    def request_render(self) -> None:
        self._redraw.start()

    def _render_both(self) -> None:
        if self.mode is None or self.other is None:
            return
        started = time.perf_counter()
        for plotter in (self.other, self.window.plotter):
            plotter.render()
            plotter.interactor.update()  # what was drawn reaches the screen with the next paint
        self.frame_times = [*self.frame_times[-9:], time.perf_counter() - started]

    def cameras_equal(self, tolerance: float = 1e-6) -> bool:
        """Whether both views stand in the same place and look the same way."""
        if self.other is None:
            return False
        a, b = self.window.plotter.camera, self.other.camera
        pairs = [
            (a.GetPosition(), b.GetPosition()),
            (a.GetFocalPoint(), b.GetFocalPoint()),
            (a.GetViewUp(), b.GetViewUp()),
            ((a.GetViewAngle(),), (b.GetViewAngle(),)),
        ]
        return all(
            abs(x - y) <= tolerance * max(1.0, abs(x)) for p, q in pairs for x, y in zip(p, q, strict=True)
        )

    def views(self) -> list[QWidget]:
        """The 3D views shown now (two while comparing)."""
        if self.other is None:
            return [self.window.plotter.interactor] if self.window.plotter is not None else []
        return [self.other.interactor, self.window.plotter.interactor]


__all__ = ["CompareViews", "copy_camera", "window_centre"]
