"""The Scenario panel: the project's scenarios, the active one's edits, and Undo/Redo that say what.

A facilitator switches between "Baseline" and the scenarios in front of the
room, so the list is the switch: clicking a row makes it active.  New,
Rename and Delete (which asks first: a scenario may hold an hour of a
workshop's work) sit under it.  Below, the active scenario's edits in the
order they were made, and Undo/Redo buttons labelled with the edit they
would undo or redo, so nobody presses Undo without knowing what goes.

Everything goes through the window's workshop session; the panel only reads
the project and follows the session's signals.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

#: the item data role holding a scenario's name (None for the baseline)
NAME_ROLE = Qt.ItemDataRole.UserRole


class ElidedButton(QPushButton):
    """A button whose label is shortened with "…" to fit; the whole label is its tooltip.

    "Undo: add the stop 'Market square'" must not widen the side panel (and
    with it shrink the 3D view) on a small screen.
    """

    def __init__(self, label: str = "") -> None:
        super().__init__()
        self._label = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("W…") + 16)
        self.set_label(label)

    def label(self) -> str:
        """The whole label (the text shown may be shortened)."""
        return self._label

    def set_label(self, label: str) -> None:
        self._label = label
        self.setToolTip(label)
        self._fit()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        room = max(self.width() - 16, 8)
        self.setText(self.fontMetrics().elidedText(self._label, Qt.TextElideMode.ElideRight, room))


class ScenarioPanel(QWidget):
    """Scenarios (Baseline first), the active scenario's edits, and labelled Undo/Redo."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.workshop = window.workshop
        self._updating = False
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.scenarios = QListWidget()
        self.scenarios.setObjectName("scenario_list")
        self.scenarios.currentItemChanged.connect(self._on_current)
        layout.addWidget(self.scenarios)
        row = QHBoxLayout()
        self.new_button = ElidedButton()
        self.new_button.setObjectName("scenario_new")
        self.new_button.clicked.connect(lambda: self.ask_new())
        self.rename_button = ElidedButton()
        self.rename_button.setObjectName("scenario_rename")
        self.rename_button.clicked.connect(lambda: self.ask_rename())
        self.delete_button = ElidedButton()
        self.delete_button.setObjectName("scenario_delete")
        self.delete_button.clicked.connect(lambda: self.ask_delete())
        for button in (self.new_button, self.rename_button, self.delete_button):
            row.addWidget(button)
        layout.addLayout(row)
        self.edits_label = QLabel()
        self.edits_label.setWordWrap(True)
        layout.addWidget(self.edits_label)
        self.edits = QListWidget()
        self.edits.setObjectName("edit_list")
        layout.addWidget(self.edits)
        row = QHBoxLayout()
        self.undo_button = ElidedButton()
        self.undo_button.setObjectName("scenario_undo")
        self.undo_button.clicked.connect(self.workshop.undo)
        self.redo_button = ElidedButton()
        self.redo_button.setObjectName("scenario_redo")
        self.redo_button.clicked.connect(self.workshop.redo)
        row.addWidget(self.undo_button)
        row.addWidget(self.redo_button)
        layout.addLayout(row)
        self.workshop.project_changed.connect(self.refresh)
        self.workshop.scenario_changed.connect(self.refresh)
        self.workshop.edited.connect(self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the panel's texts in the current language (at start and at each language change)."""
        self.new_button.set_label(self.tr("New…"))
        self.rename_button.set_label(self.tr("Rename…"))
        self.delete_button.set_label(self.tr("Delete…"))
        dock = self.parentWidget()
        if isinstance(dock, QDockWidget):
            dock.setWindowTitle(self.tr("Scenario"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- showing ---------------------------------------------------------------------------------
    def scenario_names(self) -> list[str | None]:
        """The rows of the scenario list: None (the baseline), then the project's scenarios in order."""
        return [self.scenarios.item(i).data(NAME_ROLE) for i in range(self.scenarios.count())]

    def edit_texts(self) -> list[str]:
        return [self.edits.item(i).text() for i in range(self.edits.count())]

    def refresh(self) -> None:
        """Show the project's scenarios, the active one selected, its edits and what Undo/Redo would do."""
        project, active = self.workshop.project, self.workshop.scenario
        self._updating = True
        try:
            self.scenarios.clear()
            if project is None:
                self.heading.setText(self.tr("No project is open: File → New project… starts one."))
            else:
                self.heading.setText(self.tr("Click a scenario to show it; the baseline is never changed."))
                names: list[str | None] = [None, *(s.name for s in project.scenarios)]
                for name in names:
                    item = QListWidgetItem(self.tr("Baseline") if name is None else name)
                    item.setData(NAME_ROLE, name)
                    self.scenarios.addItem(item)
                    if name == active:
                        self.scenarios.setCurrentItem(item)
        finally:
            self._updating = False
        has_scenario = project is not None and active is not None
        self.new_button.setEnabled(project is not None)
        self.rename_button.setEnabled(has_scenario)
        self.delete_button.setEnabled(has_scenario)
        self.edits.clear()
        if has_scenario:
            edits = project.scenario(active).edits
            self.edits_label.setText(
                self.tr("Edits of {scenario} (first to last):").format(scenario=active)
                if edits
                else self.tr(
                    "{scenario} has no edits yet: choose a tool in the Edit scenario toolbar."
                ).format(scenario=active)
            )
            for number, edit in enumerate(edits, start=1):
                self.edits.addItem(f"{number}. {edit.describe()}")
        else:
            self.edits_label.setText(self.tr("Choose or make a scenario to edit the city."))
        stack = self.workshop.undo_stack
        undo, redo = stack.undo_label, stack.redo_label
        self.undo_button.set_label(self.tr("Undo: {edit}").format(edit=undo) if undo else self.tr("Undo"))
        self.redo_button.set_label(self.tr("Redo: {edit}").format(edit=redo) if redo else self.tr("Redo"))
        self.undo_button.setEnabled(stack.can_undo)
        self.redo_button.setEnabled(stack.can_redo)

    def _on_current(self, current: QListWidgetItem | None, _previous: Any) -> None:
        if self._updating or current is None:
            return
        name = current.data(NAME_ROLE)
        if name != self.workshop.scenario:
            self.workshop.set_scenario(name)

    # -- changing --------------------------------------------------------------------------------
    def ask_new(self, name: str | None = None) -> bool:
        """A new scenario (asked for when ``name`` is None), made active."""
        if self.workshop.project is None:
            return False
        if name is None:
            name, ok = QInputDialog.getText(
                self, self.tr("New scenario"), self.tr("Name of the new scenario:")
            )
            if not ok:
                return False
        if not self.workshop.add_scenario(name):  # a refusal is said by the session
            return False
        self.refresh()
        return True

    def ask_rename(self, new: str | None = None) -> bool:
        """Rename the active scenario (asked for when ``new`` is None)."""
        project, old = self.workshop.project, self.workshop.scenario
        if project is None or old is None:
            return False
        if new is None:
            new, ok = QInputDialog.getText(
                self,
                self.tr("Rename scenario"),
                self.tr("New name of {scenario}:").format(scenario=old),
                text=old,
            )
            if not ok or new.strip() == old:
                return False
        # the session keeps the scenario's undo history under its new name; a refusal is said by it
        return bool(self.workshop.rename_scenario(old, new))

    def ask_delete(self, *, confirm: bool = True) -> bool:
        """Delete the active scenario after asking (``confirm``); the baseline is shown again."""
        project, name = self.workshop.project, self.workshop.scenario
        if project is None or name is None:
            return False
        if confirm:
            count = len(project.scenario(name).edits)
            answer = QMessageBox.question(
                self,
                self.tr("Delete scenario"),
                self.tr(
                    "Delete the scenario {scenario}? Its edits ({count}) are lost; this cannot be undone."
                ).format(scenario=name, count=count),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        return bool(self.workshop.remove_scenario(name))  # a refusal is said by the session


def scenario_dock(window: Any) -> QDockWidget:
    """The Scenario panel in a dock (``dock.panel``), on the window's left under the layers."""
    dock = QDockWidget(window)
    dock.setObjectName("scenario_dock")
    panel = ScenarioPanel(window)
    dock.setWidget(panel)
    panel.retranslate()  # the dock's title, now that the panel is in it
    dock.panel = panel  # type: ignore[attr-defined]
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    return dock


__all__ = ["ScenarioPanel", "scenario_dock"]
