"""The window's workshop session: the open project, the active scenario, undo and redo, pins, the story.

A facilitator works on one project at a time, with one scenario shown.  The
window's model (what the 3D view draws) is the **baseline with the active
scenario applied**: an edit replaces only the layers it changes
(:meth:`CityModel.replace_layer`), so adding a stop rebuilds the stops'
mesh, not the city's.  The baseline itself is never modified: its layers
are kept aside (:attr:`baseline`) and put back when a scenario is left.

Every change goes to the project file's journal as it is made (core:
``twin_app/core/project.py``), so a crash loses nothing acknowledged; the
autosave timer checkpoints the file (an atomic rewrite) once a minute while
there are unsaved changes, and closing the window saves.  Edits go through
an :class:`~twin_app.core.undo.UndoStack` per scenario.

Panels (scenario editing, pins, the story, comparison) listen to the
signals; they never touch the project behind the session's back, so the
3D view and the lists always agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import QMessageBox

from twin_app.core.errors import TwinError
from twin_app.core.model import CityModel
from twin_app.core.pins import Pin, PinCategory
from twin_app.core.project import Project
from twin_app.core.scenario import Edit, Scenario, apply, edit_layers
from twin_app.core.undo import UndoStack, edit_command

if TYPE_CHECKING:
    from twin_app.core.layers import Layer

#: milliseconds between autosaves (a checkpoint of the journalled changes)
AUTOSAVE_MS = 60_000

T = TypeVar("T")


class WorkshopSession(QObject):
    project_changed = Signal()
    scenario_changed = Signal()
    #: after an edit, undo or redo of the active scenario, once the shown model is in sync
    edited = Signal()
    pins_changed = Signal()
    story_changed = Signal()

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.project: Project | None = None
        self.scenario: str | None = None
        self._stacks: dict[str, UndoStack] = {}
        #: the city's own layers, kept aside while a scenario shows its copies
        self._baseline_layers: dict[str, Layer] | None = None
        #: ids of the layers the scenario put in the shown model (copies, or layers it added)
        self._replaced: set[str] = set()
        self.autosave = QTimer(self)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self.checkpoint)
        self.autosave.start()

    # -- what the session shows ------------------------------------------------------------------
    @property
    def model(self) -> CityModel | None:
        """The model the 3D view draws (the window's)."""
        return self.window.model

    @property
    def baseline(self) -> CityModel | None:
        """The city as loaded, without the scenario (a model sharing the city's own layer objects)."""
        model = self.model
        if model is None:
            return None
        layers = self._baseline_layers if self._baseline_layers is not None else self._city_layers(model)
        base = model.snapshot()  # not a new CityModel: that would wrap the districts layer anew
        base.layers = dict(layers)
        return base

    @staticmethod
    def _city_layers(model: CityModel) -> dict[str, Layer]:
        return {lid: layer for lid, layer in model.layers.items() if not model.is_result(lid)}

    @property
    def undo_stack(self) -> UndoStack:
        """The active scenario's undo stack (an empty one on the baseline)."""
        return self._stacks.setdefault(self.scenario or "", UndoStack())

    def active(self) -> Scenario | None:
        if self.project is None or self.scenario is None:
            return None
        return self.project.scenario(self.scenario)

    def city_loaded(self) -> None:
        """The window finished loading its city: show the active scenario on it."""
        self._sync()

    def _sync(self, changed: Iterable[str] | None = None) -> None:
        """Make the shown model the baseline with the active scenario; ``changed``: only these layers.

        While the city is still loading this waits (:meth:`city_loaded`): a
        scenario's edits need the layers they change.
        """
        model = self.model
        if model is None or not self.window.city_ready:
            return
        try:
            self._show(model, changed)
        except TwinError as exc:
            self._say(str(exc))

    def _show(self, model: CityModel, changed: Iterable[str] | None) -> None:
        scenario = self.active()
        if self._baseline_layers is None:
            if scenario is None or not scenario.edits:
                return  # the baseline is shown: nothing to put back
            self._baseline_layers = self._city_layers(model)
        base = self.baseline
        assert base is not None
        wanted: set[str] = set()
        target = base
        if scenario is not None and scenario.edits:
            target = apply(base, scenario)
            wanted = {lid for e in scenario.edits for lid in edit_layers(base, e)}
        touch = (set(changed) & (wanted | self._replaced)) if changed is not None else wanted | self._replaced
        touch |= self._replaced - wanted  # a layer the scenario no longer changes goes back
        for lid in sorted(touch):
            if lid in wanted:
                layer = target.layers[lid]
                if lid in model.layers:
                    model.replace_layer(layer)
                else:
                    model.add_layer(layer)
            elif lid in self._baseline_layers:
                if lid in model.layers:
                    model.replace_layer(self._baseline_layers[lid])
                else:
                    model.add_layer(self._baseline_layers[lid])
            elif lid in model.layers:
                model.remove_layer(lid)
        self._replaced = wanted
        if not wanted:
            self._baseline_layers = None

    # -- the project -----------------------------------------------------------------------------
    def _require_project(self) -> Project:
        if self.project is None:
            raise TwinError(self.tr("Start or open a project first (File → New project…)."))
        return self.project

    def new_project(self, path: Path | str) -> Project | None:
        """A new project file for the city open in the window."""
        model = self.model
        if model is None:
            self._say(self.tr("Open a city first; a project belongs to a city."))
            return None
        project = self._attempt(lambda: Project.new(path, model.manifest.folder))
        if project is not None:
            self._adopt(project)
        return project

    def open_project(self, path: Path | str, *, recover: bool | None = None) -> Project | None:
        """Open a project file (and its city, if another is open); a crash's journal is recovered or not.

        ``recover``: None asks the facilitator, True replays the changes made
        after the last save, False drops them.
        """
        try:
            project = Project.open(path)
            if project.pending:
                if recover is None:
                    recover = self._ask_recover(project)
                if recover:
                    project.recover()
                else:
                    project.discard()
            folder = project.check_city()
        except TwinError as exc:
            self._say(str(exc))
            return None
        model = self.model
        other_city = model is None or Path(model.manifest.folder).resolve() != folder.resolve()
        if other_city and not self.window.open_city(folder):
            project.close()
            return None
        self._adopt(project)
        return project

    def _ask_recover(self, project: Project) -> bool:
        answer = QMessageBox.question(
            self.window,
            self.tr("Recover unsaved changes?"),
            self.tr(
                "The project {name} has {count} changes made after it was last saved (the app did "
                "not close normally). Recover them? No drops them and opens the project as last saved."
            ).format(name=project.path.name, count=len(project.pending)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _adopt(self, project: Project) -> None:
        self.close_project(save=True)
        self.project = project
        self._stacks.clear()
        scenarios = project.scenarios
        self.scenario = scenarios[0].name if scenarios else None
        self._sync()
        self.project_changed.emit()
        self.scenario_changed.emit()
        self.pins_changed.emit()
        self.story_changed.emit()

    def _save_failed(self) -> str:
        return self.tr("The project could not be saved: {why}")

    def save(self) -> bool:
        project = self._require_project()
        return self._attempt(_done(project.save), errors=SAVE_ERRORS, refused=self._save_failed()) is not None

    def save_as(self, path: Path | str) -> bool:
        project = self._require_project()
        saved = self._attempt(
            _done(lambda: project.save_as(path)),
            self.project_changed,
            errors=SAVE_ERRORS,
            refused=self._save_failed(),
        )
        return saved is not None

    def checkpoint(self) -> None:
        """Autosave: rewrite the file atomically when changes were made since the last save."""
        if self.project is not None and self.project.unsaved:
            self.save()

    def close_project(self, *, save: bool = True) -> None:
        project, self.project = self.project, None
        if project is None:
            return
        if save and project.unsaved:
            self._attempt(_done(project.save), errors=SAVE_ERRORS, refused=self._save_failed())
        project.close()
        self.scenario = None
        self._stacks.clear()
        self._sync()
        self.project_changed.emit()
        self.scenario_changed.emit()

    # -- scenarios and edits ---------------------------------------------------------------------
    def set_scenario(self, name: str | None) -> None:
        """Show ``name`` (None: the baseline)."""
        if name is not None:
            self._require_project().scenario(name)
        if name == self.scenario:
            return
        self.scenario = name
        self._sync()
        self.scenario_changed.emit()

    def add_scenario(self, name: str, description: str = "") -> bool:
        if self._attempt(_done(lambda: self._require_project().add_scenario(name, description))) is None:
            return False
        self.set_scenario(name.strip())
        self.project_changed.emit()
        return True

    def rename_scenario(self, old: str, new: str) -> bool:
        """Rename the scenario ``old`` to ``new``; its undo and redo history goes with it.

        The panels follow ``project_changed`` (the list of names) and
        ``scenario_changed`` (the active scenario's name, when it was the one
        renamed).  A refused name (empty, already used) is said and changes nothing.
        """

        def rename() -> str:
            project = self._require_project()
            project.rename_scenario(old, new)
            name = new.strip()
            stack = self._stacks.pop(old, None)
            if stack is not None:
                stack.rename_scenario(project, old, name)
                self._stacks[name] = stack
            if self.scenario == old:
                self.scenario = name  # the same edits are shown: nothing to re-sync
            return name

        return self._attempt(rename, self.project_changed, self.scenario_changed) is not None

    def remove_scenario(self, name: str) -> bool:
        """Delete the scenario ``name`` and its undo history (the baseline is shown if it was active)."""

        def remove() -> bool:
            project = self._require_project()
            project.scenario(name)
            if self.scenario == name:
                self.set_scenario(None)
            project.remove_scenario(name)
            self._stacks.pop(name, None)
            return True

        return self._attempt(remove, self.project_changed) is not None

    def edit(self, edit: Edit) -> bool:
        """Make ``edit`` in the active scenario (undoable); a refused edit is said and changes nothing."""

        def make() -> bool:
            project = self._require_project()
            if self.scenario is None:
                raise TwinError(
                    self.tr("The baseline is never changed: choose or create a scenario to edit.")
                )
            base = self.baseline
            assert base is not None
            trial = Scenario(self.scenario, [*project.scenario(self.scenario).edits, edit])
            apply(base, trial)  # an edit this city cannot take is refused before it is stored
            self.undo_stack.push(edit_command(project, self.scenario, edit))
            self._sync(edit_layers(base, edit))
            return True

        return self._attempt(make, self.edited) is not None

    def _step(self, redo: bool) -> str | None:
        """Undo or redo one edit, then re-sync only the layers that edit changes."""
        stack = self.undo_stack
        command = stack.next_redo if redo else stack.next_undo
        label = self._attempt(stack.redo if redo else stack.undo)
        if label is None:
            return None
        base = self.baseline
        edit = command.edit if command is not None else None
        self._sync(edit_layers(base, edit) if base is not None and edit is not None else None)
        self.edited.emit()
        return label

    def undo(self) -> str | None:
        """Undo the active scenario's last edit; returns what was undone."""
        return self._step(redo=False)

    def redo(self) -> str | None:
        return self._step(redo=True)

    # -- pins ------------------------------------------------------------------------------------
    def add_pin(
        self, x: float, y: float, category: str | PinCategory, comment: str, name: str | None = None
    ) -> Pin | None:
        """Drop a pin (in the active scenario); it is on disk when this returns."""
        return self._attempt(
            lambda: self._require_project().add_pin(
                category, comment, x, y, name=name, scenario=self.scenario
            ),
            self.pins_changed,
        )

    def move_pin(self, pin_id: int, x: float, y: float) -> Pin | None:
        return self._attempt(lambda: self._require_project().move_pin(pin_id, x, y), self.pins_changed)

    def delete_pin(self, pin_id: int) -> bool:
        deleted = self._attempt(_done(lambda: self._require_project().delete_pin(pin_id)), self.pins_changed)
        return deleted is not None

    # -- the story -------------------------------------------------------------------------------
    def save_viewpoint(self, name: str, note: str = "") -> bool:
        """Save the 3D view's current camera in the story under ``name``."""
        view = self.window.view

        def save() -> bool:
            project = self._require_project()
            if view is None:
                raise TwinError(self.tr("Open a city first; a viewpoint is a view of it."))
            project.set_viewpoint(name, view.camera_view(), note)
            return True

        return self._attempt(save, self.story_changed) is not None

    def remove_viewpoint(self, name: str) -> bool:
        remove = _done(lambda: self._require_project().remove_viewpoint(name))
        return self._attempt(remove, self.story_changed) is not None

    # -- words -----------------------------------------------------------------------------------
    def _attempt(
        self,
        action: Callable[[], T],
        *then: SignalInstance,
        errors: tuple[type[Exception], ...] = (TwinError,),
        refused: str = "{why}",
    ) -> T | None:
        """Do ``action``; a refusal is said (never raised) and gives None, else ``then`` are emitted.

        Every change the session makes has this shape: the panels hear of it
        only when it happened, and a planner reads why it did not.
        ``refused`` words the refusal around ``{why}`` (the error's sentence).
        """
        try:
            result = action()
        except errors as exc:
            self._say(refused.format(why=exc))
            return None
        for signal in then:
            signal.emit()
        return result

    def _say(self, message: str) -> None:
        """A refusal or failure, in the Messages panel and the status bar (never a crash)."""
        self.window.messages.add("problem", self.tr("Project"), message)
        self.window.statusBar().showMessage(message, 10000)


#: what saving a project may fail with: the project's own refusals, and the disk's
SAVE_ERRORS: tuple[type[Exception], ...] = (TwinError, OSError)


def _done(action: Callable[[], object]) -> Callable[[], bool]:
    """``action`` returning True once done: :meth:`WorkshopSession._attempt` gives None only when refused."""

    def run() -> bool:
        action()
        return True

    return run
