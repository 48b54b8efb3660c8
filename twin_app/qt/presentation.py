"""Presentation mode: the city full screen on the hall's big screen, played as a story.

View → Presentation mode (F5) turns the working window into a presentation:
full screen on the chosen screen, every panel, toolbar, menu and the status
bar hidden, and one control bar in large type at the bottom (Previous, the
step's name and note, Next, Home, Baseline/Scenario when the project has
scenarios, Exit).  The data attribution stays on the image: the scene's map
furniture draws it in the 3D view itself, scaled with the image, so full
screen only makes it larger, and no control covers it (the bar sits under
the view, not on it).

Residents and facilitators use it on a touch screen: the buttons are large,
a pinch zooms, a two-finger drag orbits and a three-finger swipe (Qt's
swipe gesture) goes to the next or previous step: gestures grabbed on the
3D widget, whose touches are taken from it so they are not also turned into
mouse drags.  Keys: Right, Page Down
and Space go on; Left and Page Up go back; Home frames the city; Esc leaves.

Leaving restores the working window exactly as it was: the geometry and
window state, every dock and toolbar where it was and as visible as it was
(``saveGeometry``/``saveState`` before and after are equal), the menu and
status bars, the font and the camera.  Traps: the window must leave full
screen *before* its geometry and state are restored, or the normal geometry
is recorded at full-screen size; and everything that takes room from the
docks (the menu and status bars, the control bar) must be back in place
before the dock state is, or the docks' splits are shared out again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QGuiApplication, QKeySequence, QScreen, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from twin_app.core.camera import CameraView
from twin_app.qt.story import flyer_of
from twin_app.scene.flight import orbit, zoom

# the control bar's type is this many times the window's, and at least ``MIN_POINT_SIZE``
FONT_SCALE = 1.8
MIN_POINT_SIZE = 18.0
# the smallest side of a button a finger hits reliably, in pixels (about 12 mm on a 96 dpi screen)
TOUCH_PX = 64
# a two-finger pan of one pixel turns the camera this many degrees
ORBIT_DEG_PER_PX = 0.25


_TOUCH = (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel)


@dataclass(frozen=True)
class _Saved:
    """The working window as it was when presentation mode began."""

    geometry: QByteArray
    state: QByteArray
    window_state: Qt.WindowState
    menu_bar: bool
    status_bar: bool
    font: QFont
    camera: CameraView | None
    scenario: str | None


class ControlBar(QWidget):
    """Previous, the step's name and note, Next, Home, Baseline/Scenario, Exit: big enough for a finger."""

    def __init__(self, presentation: Presentation) -> None:
        super().__init__()
        self.setObjectName("presentation_controls")
        self.presentation = presentation
        self.previous = self._button(presentation.previous, "presentation:previous")
        self.next = self._button(presentation.next, "presentation:next")
        self.home = self._button(presentation.home, "presentation:home")
        self.scenario = self._button(presentation.toggle_scenario, "presentation:scenario")
        self.exit = self._button(presentation.leave, "presentation:exit")
        self.retranslate()
        self.title = QLabel()
        self.title.setObjectName("presentation_step")
        self.title.setWordWrap(True)
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.note = QLabel()
        self.note.setObjectName("presentation_note")
        self.note.setWordWrap(True)
        # the window's "simulated data" notice, kept in sight: the status bar that shows it is hidden
        self.simulated = QLabel()
        self.simulated.setObjectName("presentation_simulated")
        self.simulated.setWordWrap(True)
        self.simulated.setStyleSheet("background: #fff3c4; color: #5a4a00; padding: 1px 6px;")
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.title)
        words.addWidget(self.note)
        words.addWidget(self.simulated)
        holder = QWidget()
        holder.setLayout(words)
        holder.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 8)
        row.setSpacing(12)
        row.addWidget(self.previous)
        row.addWidget(holder, 1)
        row.addWidget(self.next)
        row.addSpacing(24)
        row.addWidget(self.home)
        row.addWidget(self.scenario)
        row.addSpacing(24)
        row.addWidget(self.exit)

    def retranslate(self) -> None:
        """The buttons' words in the current language (the step's words: :meth:`Presentation._refresh`)."""
        self.previous.setText(self.tr("◀ Previous"))
        self.next.setText(self.tr("Next ▶"))
        self.home.setText(self.tr("Home"))
        self.exit.setText(self.tr("Exit"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "exit"):
            self.retranslate()
            self.presentation._refresh()
        super().changeEvent(event)

    def _button(self, slot: Any, name: str) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.setMinimumSize(TOUCH_PX * 2, TOUCH_PX)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space must go to Next, not "press" a button
        button.clicked.connect(slot)
        return button


class Presentation(QObject):
    """The window's presentation mode (``window.presentation``)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.workshop
        self.flyer = flyer_of(window)
        self._saved: _Saved | None = None
        self.bar: QToolBar | None = None
        self.controls: ControlBar | None = None
        self._shortcuts: list[QShortcut] = []
        self._gesture_widget: QWidget | None = None
        # a touch gesture under way: the camera it started from, its zoom and its drag so far
        self._touch_from: CameraView | None = None
        self._touch_scale = 1.0
        self._touch_offset = (0.0, 0.0)
        # the most fingers on the screen since the last touch began
        self._fingers = 0
        # the story step shown (an index into the project's story); -1 before the first
        self.step = -1
        self.session.story_changed.connect(self._refresh)
        self.session.scenario_changed.connect(self._refresh)
        self.session.project_changed.connect(self._refresh)

    @property
    def active(self) -> bool:
        return self._saved is not None

    # -- entering and leaving --------------------------------------------------------------------
    def ask_enter(self) -> None:
        """View → Presentation mode: on the chosen screen (asked when there are several)."""
        if self.active:
            self.leave()
            return
        screen = choose_screen(self.window)
        if screen is not None:
            self.enter(screen)

    def enter(self, screen: QScreen | None = None) -> None:
        """Go full screen on ``screen`` (the window's own by default) with only the city and the controls."""
        if self.active:
            return
        w = self.window
        view = w.view
        self._saved = _Saved(
            geometry=w.saveGeometry(),
            state=w.saveState(),
            window_state=w.windowState(),
            menu_bar=not w.menuBar().isHidden(),
            status_bar=not w.statusBar().isHidden(),
            font=QFont(w.font()),
            camera=None if view is None else view.camera_view(),
            scenario=self.session.scenario,
        )
        self.step = -1
        for widget in w.findChildren(QWidget):  # the working panels and toolbars (their places are saved)
            if widget.parent() is w and (widget.inherits("QDockWidget") or widget.inherits("QToolBar")):
                widget.hide()
        w.menuBar().hide()
        w.statusBar().hide()
        self.bar = QToolBar(self.tr("Presentation"), w)
        # large type on the bar only: the working panels keep their fonts (and their size hints, which
        # a font change would leave stale while they are hidden, so the docks came back resized)
        big = QFont(self._saved.font)
        big.setPointSizeF(max(MIN_POINT_SIZE, FONT_SCALE * max(big.pointSizeF(), 1.0)))
        self.bar.setFont(big)
        self.controls = ControlBar(self)
        small = QFont(big)
        small.setPointSizeF(0.6 * big.pointSizeF())
        self.controls.simulated.setFont(small)
        self.bar.setObjectName("presentation_bar")
        self.bar.setMovable(False)
        self.bar.setFloatable(False)
        self.bar.addWidget(self.controls)
        w.addToolBar(Qt.ToolBarArea.BottomToolBarArea, self.bar)
        target = screen or w.screen()
        handle = w.windowHandle()
        if handle is not None and handle.screen() is not target:
            handle.setScreen(target)
        # the screen's rectangle first: a window manager then makes it full screen there, and a
        # display without one (a kiosk, a test's virtual display) still shows it whole
        w.setGeometry(target.geometry())
        w.showFullScreen()
        self._install_keys()
        self._grab_gestures()
        self._refresh()

    def leave(self) -> None:
        """Back to the working window exactly as it was."""
        saved = self._saved
        if saved is None:
            return
        w = self.window
        self.flyer.stop()
        self._release_gestures()
        for shortcut in self._shortcuts:
            shortcut.setEnabled(False)
            shortcut.deleteLater()
        self._shortcuts = []
        if self.bar is not None:
            w.removeToolBar(self.bar)
            self.bar.setParent(None)  # gone from the window now, not at the next turn of the event loop
            self.bar.deleteLater()
            self.bar = self.controls = None
        # the menu and status bars take height from the docks: back before the docks' sizes are
        w.menuBar().setVisible(saved.menu_bar)
        w.statusBar().setVisible(saved.status_bar)
        w.setWindowState(saved.window_state)
        w.restoreGeometry(saved.geometry)
        w.restoreState(saved.state)
        # the window re-fits its docks after every resize, on the next turn of the event loop
        # (MainWindow.fit_docks): the docks go back where they were once that has run
        QTimer.singleShot(0, lambda: w.restoreState(saved.state))
        if self.session.scenario != saved.scenario and self._scenario_exists(saved.scenario):
            self.session.set_scenario(saved.scenario)
        if saved.camera is not None and w.view is not None:
            w.view.set_camera(saved.camera)
        self._saved = None

    def _scenario_exists(self, name: str | None) -> bool:
        project = self.session.project
        return name is None or (project is not None and name in {s.name for s in project.scenarios})

    # -- the story -------------------------------------------------------------------------------
    def story(self) -> list[Any]:
        project = self.session.project
        return [] if project is None else project.story()

    def go_to(self, index: int) -> bool:
        """Fly to step ``index`` of the story (clamped to it); False when there is no story."""
        story = self.story()
        if not story:
            return False
        self.step = min(max(index, 0), len(story) - 1)
        self.flyer.fly_to(story[self.step].camera)
        self._refresh()
        return True

    def next(self) -> bool:
        return self.go_to(self.step + 1)

    def previous(self) -> bool:
        return self.go_to(max(self.step - 1, 0))

    def home(self) -> None:
        """Fly to the view that frames the whole city."""
        view = self.window.view
        if view is None:
            return
        here = view.camera_view()
        view.home()  # computes and sets the home view for this window's size: take it, then fly there
        target = view.camera_view()
        view.set_camera(here)
        self.flyer.fly_to(target)

    def toggle_scenario(self) -> None:
        """Show the baseline, or the scenario (the one shown when the presentation began, else the first)."""
        project = self.session.project
        if project is None or not project.scenarios:
            return
        if self.session.scenario is not None:
            self.session.set_scenario(None)
            return
        wanted = self._saved.scenario if self._saved is not None else None
        self.session.set_scenario(
            wanted if self._scenario_exists(wanted) and wanted else project.scenarios[0].name
        )

    def _refresh(self) -> None:
        c = self.controls
        if c is None:
            return
        story = self.story()
        if self.step >= len(story):
            self.step = len(story) - 1
        if not story:
            c.title.setText(self.tr("No story yet"))
            c.note.setText(self.tr("Save views in the Story panel to play them here, one after another."))
        elif self.step < 0:
            c.title.setText(self.tr("Views in the story: {count}").format(count=len(story)))
            c.note.setText(self.tr("Next flies to the first: {name}.").format(name=story[0].name))
        else:
            step = story[self.step]
            c.title.setText(
                self.tr("{index} of {count}: {name}").format(
                    index=self.step + 1, count=len(story), name=step.name
                )
            )
            c.note.setText(step.note)
        c.note.setVisible(bool(c.note.text()))
        notice = getattr(self.window, "simulated_label", None)
        simulated = notice is not None and not notice.isHidden() and bool(notice.text())
        c.simulated.setText(notice.text() if simulated else "")
        c.simulated.setVisible(simulated)
        c.previous.setEnabled(self.step > 0)
        c.next.setEnabled(self.step < len(story) - 1)
        project = self.session.project
        scenarios = [] if project is None else project.scenarios
        c.scenario.setVisible(bool(scenarios))
        if self.session.scenario is None:
            wanted = self._saved.scenario if self._saved is not None else None
            name = (
                wanted
                if wanted and self._scenario_exists(wanted)
                else (scenarios[0].name if scenarios else "")
            )
            c.scenario.setText(self.tr("Show scenario: {name}").format(name=name))
        else:
            c.scenario.setText(self.tr("Show baseline"))

    # -- keys and gestures -----------------------------------------------------------------------
    def _install_keys(self) -> None:
        keys = {
            self.next: (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space),
            self.previous: (Qt.Key.Key_Left, Qt.Key.Key_PageUp),
            self.home: (Qt.Key.Key_Home,),
            self.leave: (Qt.Key.Key_Escape,),
        }
        for slot, codes in keys.items():
            for code in codes:
                shortcut = QShortcut(QKeySequence(code), self.window)
                shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
                shortcut.activated.connect(slot)
                self._shortcuts.append(shortcut)

    def _grab_gestures(self) -> None:
        widget = getattr(self.window, "plotter", None)
        if widget is None:
            return
        widget.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        for kind in (Qt.GestureType.PinchGesture, Qt.GestureType.PanGesture, Qt.GestureType.SwipeGesture):
            widget.grabGesture(kind)
        widget.installEventFilter(self)
        self._gesture_widget = widget

    def _release_gestures(self) -> None:
        widget, self._gesture_widget = self._gesture_widget, None
        if widget is None:
            return
        widget.removeEventFilter(self)
        for kind in (Qt.GestureType.PinchGesture, Qt.GestureType.PanGesture, Qt.GestureType.SwipeGesture):
            widget.ungrabGesture(kind)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _TOUCH:
            # the gestures are made from these touches before the view sees them; taken here, they
            # are not turned into mouse drags as well, which would turn the camera a second time
            fingers = len(event.points())  # type: ignore[attr-defined]
            first = event.type() == QEvent.Type.TouchBegin
            self._fingers = fingers if first else max(self._fingers, fingers)
            if first:  # a new touch: whatever the last one left is done
                self._touch_from, self._touch_scale, self._touch_offset = None, 1.0, (0.0, 0.0)
            event.accept()
            return True
        if event.type() != QEvent.Type.Gesture:
            return False
        handled = False
        swipe = event.gesture(Qt.GestureType.SwipeGesture)  # type: ignore[attr-defined]
        if swipe is not None and swipe.state() == Qt.GestureState.GestureFinished:
            handled = self.swipe(swipe.horizontalDirection() == swipe.SwipeDirection.Left)
        pinch = event.gesture(Qt.GestureType.PinchGesture)  # type: ignore[attr-defined]
        pan = event.gesture(Qt.GestureType.PanGesture)  # type: ignore[attr-defined]
        moving = [g for g in (pinch, pan) if g is not None]
        if moving and self._fingers >= 3:
            handled = True  # three fingers swipe: they neither zoom nor turn the city
        elif moving:
            # from the camera where the fingers came down, by the gestures' totals so far: an event
            # repeated (Qt sends the last change again when a gesture finishes) moves nothing twice
            if self._touch_from is None:
                self._touch_from = self.window.view.camera_view() if self.window.view is not None else None
            if pinch is not None:
                self._touch_scale = pinch.totalScaleFactor()
            if pan is not None:
                offset = pan.offset()
                self._touch_offset = (offset.x(), offset.y())
            self.touch(self._touch_scale, *self._touch_offset)
            ended = (Qt.GestureState.GestureFinished, Qt.GestureState.GestureCanceled)
            if all(g.state() in ended for g in moving):
                self._touch_from, self._touch_scale, self._touch_offset = None, 1.0, (0.0, 0.0)
            handled = True
        if handled:
            event.accept()  # type: ignore[attr-defined]
        return handled

    def touch(self, scale: float, dx: float, dy: float) -> None:
        """The camera where the fingers came down, zoomed ``scale`` times and orbited by a (dx, dy) px drag.

        Fingers apart (``scale`` > 1) bring the city closer; two fingers dragged right turn the
        city with them, dragged down look from higher.
        """
        start = self._touch_from
        if start is None:
            return
        self._move_camera(
            lambda _view: orbit(zoom(start, scale), -dx * ORBIT_DEG_PER_PX, dy * ORBIT_DEG_PER_PX)
        )

    def swipe(self, to_left: bool) -> bool:
        """A swipe to the left turns the page forward (next), to the right back (previous)."""
        return self.next() if to_left else self.previous()

    def _move_camera(self, change: Any) -> None:
        view = self.window.view
        if view is None:
            return
        self.flyer.stop()  # the hand takes over from a flight
        view.set_camera(change(view.camera_view()))
        self.window.plotter.render()


def choose_screen(window: Any) -> QScreen | None:
    """The screen to present on: the only one, or the one the facilitator picks (None: cancelled)."""
    screens = QGuiApplication.screens()
    current = window.screen()
    if len(screens) <= 1:
        return current
    labels = [f"{s.name()} ({s.geometry().width()} × {s.geometry().height()})" for s in screens]
    index = screens.index(current) if current in screens else 0
    label, ok = QInputDialog.getItem(
        window,
        QCoreApplication.translate("Presentation", "Presentation mode"),
        QCoreApplication.translate("Presentation", "Show the presentation on:"),
        labels,
        index,
        False,
    )
    return screens[labels.index(label)] if ok else None


def install_presentation(window: Any, view_menu: QMenu) -> Presentation:
    """View → Presentation mode (F5); ``window.presentation`` is the mode."""
    from twin_app.qt.i18n import keep_translated

    presentation = window.presentation = Presentation(window)
    act = keep_translated(
        QAction(window),
        "Presentation",
        text=QT_TRANSLATE_NOOP("Presentation", "&Presentation mode"),
        toolTip=QT_TRANSLATE_NOOP(
            "Presentation", "The city full screen with the story's controls (Esc leaves)"
        ),
    )
    act.setObjectName("view:presentation")
    act.setShortcut(QKeySequence(Qt.Key.Key_F5))
    act.triggered.connect(presentation.ask_enter)
    view_menu.addSeparator()
    view_menu.addAction(act)
    window.presentation_action = act
    return presentation
