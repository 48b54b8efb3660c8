"""The story: the project's saved viewpoints, in order, and the camera flights between them.

A facilitator prepares a workshop by saving views ("The station square",
"The hot street") with a note to say there; in the hall, presentation mode
plays them in order.  This module holds:

* :class:`CameraFlyer`: plays a :class:`~twin_app.scene.flight.Flight` on
  the window's 3D view, one frame per timer tick, placed by the clock (a
  slow software-rendered frame makes the flight choppier, never longer);
* the story operations the core project lacks in one step (rename, note,
  move), made on the session's project and announced through its
  ``story_changed`` signal, so every list showing the story agrees;
* :class:`StoryPanel` and :func:`story_dock`: the "Story" panel (list in
  order, add the current view, rename, note, up/down, delete, double-click
  flies there), disabled with a sentence while no project is open.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QElapsedTimer,
    QEvent,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QGridLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from twin_app.core.camera import CameraView
from twin_app.core.errors import TwinError
from twin_app.core.project import Viewpoint
from twin_app.scene.flight import Flight

# milliseconds between flight frames (about 30 a second where the renderer keeps up)
FRAME_MS = 33


class CameraFlyer(QObject):
    """Flies the window's camera to a view; ``finished`` once it is there (or at once if already)."""

    finished = Signal()

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.flight: Flight | None = None
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._frame)

    @property
    def flying(self) -> bool:
        return self.flight is not None

    def fly_to(self, target: CameraView) -> None:
        """Start a flight from where the camera is now to ``target`` (a flight under way is redirected)."""
        view = self.window.view
        if view is None:
            return
        self.flight = Flight.between(view.camera_view(), target)
        self._clock.start()
        if self.flight.duration <= 0.0:
            self._land()
            return
        self._timer.start()

    def stop(self) -> None:
        """Stop where the camera is (a gesture or Home takes over)."""
        self._timer.stop()
        self.flight = None

    def finish(self) -> None:
        """Land at once: the camera is at the flight's end."""
        if self.flight is not None:
            self._land()

    def _frame(self) -> None:
        flight, view = self.flight, self.window.view
        if flight is None or view is None:
            self.stop()
            return
        elapsed = self._clock.elapsed() / 1000.0
        if flight.done(elapsed):
            self._land()
            return
        view.set_camera(flight.at(elapsed))
        # now, not through the window's debounced redraw: a frame every tick would postpone it to the end
        self.window.plotter.render()

    def _land(self) -> None:
        flight, view = self.flight, self.window.view
        self._timer.stop()
        self.flight = None
        if flight is not None and view is not None:
            view.set_camera(flight.end)
            self.window.plotter.render()
        self.finished.emit()


def flyer_of(window: Any) -> CameraFlyer:
    """The window's one flyer (made on first use): the panel and presentation mode share it."""
    flyer = getattr(window, "camera_flyer", None)
    if flyer is None:
        flyer = window.camera_flyer = CameraFlyer(window)
    return flyer


# -- story operations --------------------------------------------------------------------------
def _viewpoint(session: Any, name: str) -> Viewpoint:
    for viewpoint in session.project.story():
        if viewpoint.name == name:
            return viewpoint
    raise TwinError(
        QCoreApplication.translate("StoryPanel", "The story has no viewpoint called '{name}'.").format(
            name=name
        )
    )


def _require(session: Any) -> Any:
    if session.project is None:
        raise TwinError(
            QCoreApplication.translate("StoryPanel", "Start or open a project first (File → New project…).")
        )
    return session.project


def rename_viewpoint(session: Any, old: str, new: str) -> None:
    """Rename a story step, keeping its place, camera and note."""
    project = _require(session)
    new = new.strip()
    if new == old:
        return
    if not new:
        raise TwinError(
            QCoreApplication.translate(
                "StoryPanel", "A viewpoint needs a name; give one, such as 'The harbour'."
            )
        )
    names = [v.name for v in project.story()]
    if new in names:
        raise TwinError(
            QCoreApplication.translate(
                "StoryPanel", "The story already has a viewpoint called '{name}'; choose another name."
            ).format(name=new)
        )
    step = _viewpoint(session, old)
    project.set_viewpoint(new, step.camera, step.note)
    project.remove_viewpoint(old)
    project.order_story([new if n == old else n for n in names])
    session.story_changed.emit()


def set_viewpoint_note(session: Any, name: str, note: str) -> None:
    """Change what the facilitator says at a step (the camera and place stay)."""
    project = _require(session)
    step = _viewpoint(session, name)
    if step.note != note:
        project.set_viewpoint(name, step.camera, note)
        session.story_changed.emit()


def move_viewpoint(session: Any, name: str, delta: int) -> None:
    """Move a step ``delta`` places later in the story (negative: earlier), within the story."""
    project = _require(session)
    names = [v.name for v in project.story()]
    index = names.index(_viewpoint(session, name).name)
    target = min(max(index + delta, 0), len(names) - 1)
    if target != index:
        names.insert(target, names.pop(index))
        project.order_story(names)
        session.story_changed.emit()


def unique_name(names: list[str], base: str) -> str:
    """``base``, or ``base 2``, ``base 3``… whichever is not taken yet."""
    if base not in names:
        return base
    n = 2
    while f"{base} {n}" in names:
        n += 1
    return f"{base} {n}"


class StoryPanel(QWidget):
    """The project's story: the steps in order, with the tools to make and arrange them."""

    def __init__(self, window: Any) -> None:
        super().__init__()
        self.setObjectName("story_panel")
        self.window = window
        self.session = window.workshop
        self.notice = QLabel()
        self.notice.setObjectName("story_notice")
        self.notice.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("story_list")
        self.list.itemDoubleClicked.connect(lambda item: self.fly_to(item.data(Qt.ItemDataRole.UserRole)))
        self.list.currentItemChanged.connect(lambda *_: self._show_note())
        self.note = QLineEdit()
        self.note.setObjectName("story_note")
        self.note.editingFinished.connect(self._note_edited)

        def button(slot: Any, name: str) -> QPushButton:
            b = QPushButton()
            b.setObjectName(name)
            b.clicked.connect(slot)
            return b

        self.add_button = button(self.ask_add, "story:add")
        self.rename_button = button(self.ask_rename, "story:rename")
        self.up_button = button(lambda: self._move(-1), "story:up")
        self.down_button = button(lambda: self._move(1), "story:down")
        self.delete_button = button(self._delete, "story:delete")
        self.fly_button = button(lambda: self.fly_to(self.current()), "story:fly")
        self.retranslate()
        rows = QVBoxLayout(self)
        rows.setContentsMargins(4, 4, 4, 4)
        rows.addWidget(self.notice)
        rows.addWidget(self.list, 1)
        rows.addWidget(self.note)
        # two buttons a row: the panel shares the left side with the layers in a small window
        grid = QGridLayout()
        buttons = (
            (self.add_button, self.fly_button),
            (self.rename_button, self.delete_button),
            (self.up_button, self.down_button),
        )
        for r, pair in enumerate(buttons):
            for col, b in enumerate(pair):
                grid.addWidget(b, r, col)
        rows.addLayout(grid)
        self.session.project_changed.connect(self.refresh)
        self.session.story_changed.connect(self.refresh)
        self.refresh()

    def retranslate(self) -> None:
        """Every text of the panel in the current language (again at each language change)."""
        self.notice.setText(
            self.tr("Open or start a project (File → New project…) to save views and play them as a story.")
        )
        self.list.setToolTip(self.tr("Double-click a view to fly there."))
        self.note.setPlaceholderText(self.tr("What to say at this view"))
        for b, text, tip in (
            (
                self.add_button,
                self.tr("Add view"),
                self.tr("Save the 3D view as it is now as the story's next step"),
            ),
            (self.rename_button, self.tr("Rename"), self.tr("Give the chosen view another name")),
            (self.up_button, self.tr("Up"), self.tr("Show the chosen view earlier")),
            (self.down_button, self.tr("Down"), self.tr("Show the chosen view later")),
            (self.delete_button, self.tr("Delete"), self.tr("Remove the chosen view from the story")),
            (self.fly_button, self.tr("Fly there"), self.tr("Fly the camera to the chosen view")),
        ):
            b.setText(text)
            b.setToolTip(tip)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if hasattr(self, "list"):
                self.refresh()  # the numbered entries
        super().changeEvent(event)

    # -- what is shown ---------------------------------------------------------------------------
    def names(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def current(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def select(self, name: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == name:
                self.list.setCurrentRow(i)

    def refresh(self) -> None:
        project = self.session.project
        chosen = self.current()
        self.list.blockSignals(True)
        self.list.clear()
        story = project.story() if project is not None else []
        for index, step in enumerate(story, start=1):
            item = QListWidgetItem(f"{index}. {step.name}")
            item.setData(Qt.ItemDataRole.UserRole, step.name)
            item.setToolTip(step.note)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if chosen is not None:
            self.select(chosen)
        if self.list.currentItem() is None and story:
            self.list.setCurrentRow(0)
        has_project = project is not None
        self.notice.setVisible(not has_project)
        self.list.setEnabled(has_project)
        self.add_button.setEnabled(has_project)
        for widget in (
            self.note,
            self.rename_button,
            self.up_button,
            self.down_button,
            self.delete_button,
            self.fly_button,
        ):
            widget.setEnabled(has_project and bool(story))
        self._show_note()

    def _show_note(self) -> None:
        name = self.current()
        note = ""
        if name is not None and self.session.project is not None:
            note = next((v.note for v in self.session.project.story() if v.name == name), "")
        self.note.blockSignals(True)
        self.note.setText(note)
        self.note.blockSignals(False)

    # -- actions (the buttons ask, these do) -----------------------------------------------------
    def _guard(self, action: Any) -> bool:
        try:
            action()
        except TwinError as exc:
            self.session._say(str(exc))
            return False
        return True

    def _default_name(self) -> str:
        story = self.session.project.story()
        return unique_name([v.name for v in story], self.tr("View {n}").format(n=1 + len(story)))

    def add_current(self, name: str | None = None, note: str = "") -> str | None:
        """Save the 3D view as it is now as the story's last step; returns its name."""
        project = self.session.project
        if project is None:
            self.session._say(self.tr("Start or open a project first (File → New project…)."))
            return None
        if name is None:
            name = self._default_name()
        if not self.session.save_viewpoint(name, note):
            return None
        self.select(name.strip())
        return name.strip()

    def rename(self, old: str, new: str) -> bool:
        done = self._guard(lambda: rename_viewpoint(self.session, old, new))
        if done:
            self.select(new.strip())
        return done

    def set_note(self, name: str, note: str) -> bool:
        return self._guard(lambda: set_viewpoint_note(self.session, name, note))

    def move(self, name: str, delta: int) -> bool:
        done = self._guard(lambda: move_viewpoint(self.session, name, delta))
        self.select(name)
        return done

    def delete(self, name: str) -> bool:
        return bool(self.session.remove_viewpoint(name))

    def fly_to(self, name: str | None) -> bool:
        """Fly the camera to the step called ``name``."""
        if name is None or self.session.project is None:
            return False
        step = next((v for v in self.session.project.story() if v.name == name), None)
        if step is None:
            return False
        flyer_of(self.window).fly_to(step.camera)
        return True

    def ask_add(self) -> None:
        project = self.session.project
        if project is None:
            return
        default = self._default_name()
        name, ok = QInputDialog.getText(
            self, self.tr("Add view"), self.tr("Name of this view:"), text=default
        )
        if ok and name.strip():
            self.add_current(name.strip())

    def ask_rename(self) -> None:
        old = self.current()
        if old is None:
            return
        new, ok = QInputDialog.getText(self, self.tr("Rename view"), self.tr("New name:"), text=old)
        if ok:
            self.rename(old, new)

    def _note_edited(self) -> None:
        name = self.current()
        if name is not None:
            self.set_note(name, self.note.text())

    def _move(self, delta: int) -> None:
        name = self.current()
        if name is not None:
            self.move(name, delta)

    def _delete(self) -> None:
        name = self.current()
        if name is not None:
            self.delete(name)


def story_dock(window: Any) -> QDockWidget:
    """The "Story" dock, left under the layers; ``window.story`` is its panel."""
    from twin_app.qt.i18n import keep_translated

    panel = StoryPanel(window)
    dock = keep_translated(
        QDockWidget(window), "StoryPanel", windowTitle=QT_TRANSLATE_NOOP("StoryPanel", "Story")
    )
    dock.setObjectName("story_dock")
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    window.story = panel
    return dock
