"""The window's project menu entries, Undo/Redo, and the scenario chooser.

Kept out of ``window.py`` so the window stays a frame: it calls
:func:`build_workshop_ui` once, and everything here talks to the
:class:`~twin_app.qt.workshop.WorkshopSession` only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QFileDialog, QInputDialog, QLabel, QMenu

from twin_app.qt.i18n import keep_translated, on_language_change

#: the chooser's entry for "no scenario"
BASELINE = None
NEW_SCENARIO = "\0new"


def build_workshop_ui(window: Any, file_menu: QMenu) -> None:
    """File → project entries, Edit → Undo/Redo, and a Workshop toolbar with the scenario chooser."""
    session = window.workshop
    file_menu.addSeparator()

    def add(menu: QMenu, text: str, slot: Any, shortcut: Any = None, name: str = "") -> QAction:
        act = keep_translated(QAction(window), "Workshop", text=text)  # set again at a language change
        act.triggered.connect(slot)
        if shortcut is not None:
            act.setShortcut(shortcut)
        if name:
            act.setObjectName(name)
        menu.addAction(act)
        return act

    add(
        file_menu,
        QT_TRANSLATE_NOOP("Workshop", "New &project…"),
        lambda: ask_new_project(window),
        name="project:new",
    )
    add(
        file_menu,
        QT_TRANSLATE_NOOP("Workshop", "Open p&roject…"),
        lambda: ask_open_project(window),
        name="project:open",
    )
    save = add(
        file_menu,
        QT_TRANSLATE_NOOP("Workshop", "&Save project"),
        session.save,
        QKeySequence.StandardKey.Save,
        "project:save",
    )
    save_as = add(
        file_menu,
        QT_TRANSLATE_NOOP("Workshop", "Save project &as…"),
        lambda: ask_save_project_as(window),
        name="project:save_as",
    )

    edit_menu = keep_translated(
        window.menuBar().addMenu(""), "Workshop", title=QT_TRANSLATE_NOOP("Workshop", "&Edit")
    )
    edit_menu.setObjectName("edit_menu")
    undo = add(
        edit_menu,
        QT_TRANSLATE_NOOP("Workshop", "&Undo"),
        session.undo,
        QKeySequence.StandardKey.Undo,
        "edit:undo",
    )
    redo = add(
        edit_menu,
        QT_TRANSLATE_NOOP("Workshop", "&Redo"),
        session.redo,
        QKeySequence("Ctrl+Shift+Z"),
        "edit:redo",
    )
    window.undo_action, window.redo_action = undo, redo

    bar = keep_translated(
        window.addToolBar(""), "Workshop", windowTitle=QT_TRANSLATE_NOOP("Workshop", "Workshop")
    )
    bar.setObjectName("workshop_toolbar")
    label = keep_translated(QLabel(), "Workshop", text=QT_TRANSLATE_NOOP("Workshop", "Scenario:"))
    label.setContentsMargins(0, 0, 4, 0)
    bar.addWidget(label)
    chooser = QComboBox()
    chooser.setObjectName("scenario_chooser")
    chooser.setMinimumContentsLength(14)
    keep_translated(
        chooser,
        "Workshop",
        toolTip=QT_TRANSLATE_NOOP(
            "Workshop", "The scenario shown in 3D and edited; Baseline is the city as it is."
        ),
    )
    bar.addWidget(chooser)
    window.scenario_chooser = chooser

    def refresh() -> None:
        project = session.project
        chooser.blockSignals(True)
        chooser.clear()
        chooser.addItem(QCoreApplication.translate("Workshop", "Baseline"), BASELINE)
        if project is not None:
            for scenario in project.scenarios:
                chooser.addItem(scenario.name, scenario.name)
            chooser.addItem(QCoreApplication.translate("Workshop", "New scenario…"), NEW_SCENARIO)
        chooser.setCurrentIndex(max(chooser.findData(session.scenario), 0))
        chooser.setEnabled(project is not None)
        chooser.blockSignals(False)
        for act in (save, save_as):
            act.setEnabled(project is not None)
        refresh_undo()

    def refresh_undo() -> None:
        stack = session.undo_stack
        undo.setEnabled(stack.can_undo)
        redo.setEnabled(stack.can_redo)
        undo.setText(
            QCoreApplication.translate("Workshop", "&Undo {what}").format(what=stack.undo_label)
            if stack.can_undo
            else QCoreApplication.translate("Workshop", "&Undo")
        )
        redo.setText(
            QCoreApplication.translate("Workshop", "&Redo {what}").format(what=stack.redo_label)
            if stack.can_redo
            else QCoreApplication.translate("Workshop", "&Redo")
        )

    def chosen(index: int) -> None:
        data = chooser.itemData(index)
        if data == NEW_SCENARIO:
            if not ask_new_scenario(window):
                refresh()
            return
        session.set_scenario(data)

    chooser.currentIndexChanged.connect(chosen)
    session.project_changed.connect(refresh)
    session.scenario_changed.connect(refresh)
    session.edited.connect(refresh_undo)
    on_language_change(chooser, refresh)  # "Baseline" and Undo/Redo with what they undo
    refresh()


def project_filter() -> str:
    return QCoreApplication.translate("Workshop", "twin_app project (*.twinproj.gpkg *.gpkg)")


def ask_new_project(window: Any) -> None:
    if window.model is None:
        window.workshop.new_project("")  # says "open a city first"
        return
    default = f"{window.model.manifest.name}-workshop.twinproj.gpkg"
    name, _ = QFileDialog.getSaveFileName(
        window, QCoreApplication.translate("Workshop", "New project"), default, project_filter()
    )
    if name:
        window.workshop.new_project(Path(name))


def ask_open_project(window: Any) -> None:
    name, _ = QFileDialog.getOpenFileName(
        window, QCoreApplication.translate("Workshop", "Open project"), "", project_filter()
    )
    if name:
        window.workshop.open_project(Path(name))


def ask_save_project_as(window: Any) -> None:
    name, _ = QFileDialog.getSaveFileName(
        window, QCoreApplication.translate("Workshop", "Save project as"), "", project_filter()
    )
    if name:
        window.workshop.save_as(Path(name))


def ask_new_scenario(window: Any) -> bool:
    name, ok = QInputDialog.getText(
        window,
        QCoreApplication.translate("Workshop", "New scenario"),
        QCoreApplication.translate("Workshop", "Name of the new scenario:"),
    )
    if not ok or not name.strip():
        return False
    return bool(window.workshop.add_scenario(name.strip()))
