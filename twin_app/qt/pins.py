"""Residents' feedback in the window: drop a pin in 3D, list, filter, move, delete and export pins.

A resident points at the big screen, the facilitator clicks there in
"Drop pin" mode, and a dialog asks for what matters: the kind of remark
(three big buttons a resident can press on a touch screen), a short
comment, and a name only if the resident wants to give one.  The pin goes
into the project file at once through the workshop session
(:meth:`WorkshopSession.add_pin`), so a crash never loses it.

The "Feedback" dock lists the pins with their category, comment, name,
scenario and time, filtered by category and by scenario (the active one,
as on the map, or all of them); selecting one highlights it in 3D and
centres the view on it.  Move is a click mode too (click the new place);
Delete asks first.  Export writes GeoPackage, GeoJSON or CSV (by the file's
suffix) through :func:`twin_app.core.pins.export_pins`, without residents'
names unless the facilitator ticks the box: names are personal data.

The 3D markers are :class:`twin_app.scene.pins.PinsVisual`; this module
only wires the session's signals to it and to the widgets.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from twin_app.core.errors import TwinError
from twin_app.core.pins import EXPORT_SUFFIXES, MAX_COMMENT_CHARS, MAX_NAME_CHARS, Pin, PinCategory, select
from twin_app.scene.pins import STYLES

#: the list's columns
COLUMNS = ("category", "comment", "name", "scenario", "time")
#: what a filter combo holds for "every category" / "every scenario"
ALL = "__all__"
ACTIVE = "__active__"


def _when(created: str, today: dt.date | None = None) -> str:
    """A pin's time (stored in UTC, ISO 8601) in local time as the current language writes it.

    A workshop is an evening: a pin of today shows its time only, an older one its date too.
    """
    from babel.dates import format_time

    from twin_app.core.i18n import babel_locale, format_datetime

    try:
        moment = dt.datetime.fromisoformat(created.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return created
    if moment.date() == (today or dt.date.today()):
        return str(format_time(moment, "short", locale=babel_locale()))
    return format_datetime(moment, "short")


class PinDialog(QDialog):
    """What a resident says at the clicked place: category, comment, optional name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pin_dialog")
        self.setWindowTitle(self.tr("Drop a feedback pin"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("What kind of remark is it?")))
        row = QHBoxLayout()
        self.category_group = QButtonGroup(self)
        self.category_group.setExclusive(True)
        self.category_buttons: dict[PinCategory, QPushButton] = {}
        names = {
            PinCategory.IDEA: self.tr("Idea"),
            PinCategory.PROBLEM: self.tr("Problem"),
            PinCategory.LIKE: self.tr("I like this"),
        }
        for category, style in STYLES.items():
            button = QPushButton(f"{style.symbol}  {names[category]}")
            button.setObjectName(f"pin_category:{category.value}")
            button.setCheckable(True)
            button.setMinimumSize(150, 64)  # a finger on a touch screen, not a mouse pointer
            font = QFont(button.font())
            font.setPointSizeF(font.pointSizeF() * 1.4)
            font.setBold(True)
            button.setFont(font)
            button.setStyleSheet(
                f"QPushButton {{ color: {style.colour}; border: 2px solid {style.colour}; "
                "border-radius: 6px; padding: 6px; background: white; }"
                f"QPushButton:checked {{ color: white; background: {style.colour}; }}"
            )
            self.category_group.addButton(button)
            self.category_buttons[category] = button
            row.addWidget(button)
        layout.addLayout(row)
        layout.addWidget(QLabel(self.tr("Comment")))
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("pin_comment")
        self.comment.setPlaceholderText(self.tr("What the resident said, in a few words"))
        self.comment.setTabChangesFocus(True)
        self.comment.textChanged.connect(self._limit_comment)
        layout.addWidget(self.comment)
        self.counter = QLabel()
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.counter)
        layout.addWidget(QLabel(self.tr("Name (optional)")))
        self.name = QLineEdit()
        self.name.setObjectName("pin_name")
        self.name.setMaxLength(MAX_NAME_CHARS)
        self.name.setPlaceholderText(self.tr("Only if the resident wants to give it"))
        layout.addWidget(self.name)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(self.tr("Drop pin"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("pin_ok")
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.category_group.buttonToggled.connect(
            lambda *_: self.ok_button.setEnabled(self.category is not None)
        )
        layout.addWidget(self.buttons)
        self._limit_comment()

    @property
    def category(self) -> PinCategory | None:
        for category, button in self.category_buttons.items():
            if button.isChecked():
                return category
        return None

    def _limit_comment(self) -> None:
        """Keep the comment within the core's limit as it is typed (or pasted)."""
        text = self.comment.toPlainText()
        if len(text) > MAX_COMMENT_CHARS:
            self.comment.blockSignals(True)
            self.comment.setPlainText(text[:MAX_COMMENT_CHARS])
            cursor = self.comment.textCursor()
            cursor.movePosition(cursor.MoveOperation.End)
            self.comment.setTextCursor(cursor)
            self.comment.blockSignals(False)
            text = text[:MAX_COMMENT_CHARS]
        self.counter.setText(
            self.tr("{count} of {limit} characters").format(count=len(text), limit=MAX_COMMENT_CHARS)
        )

    def values(self) -> tuple[PinCategory, str, str | None]:
        category = self.category
        assert category is not None
        return category, self.comment.toPlainText(), (self.name.text().strip() or None)


class ExportPinsDialog(QDialog):
    """Where to export the listed pins, and whether residents' names go with them (not by default)."""

    def __init__(self, count: int, default: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("export_pins_dialog")
        self.setWindowTitle(self.tr("Export feedback pins"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "The {count} pins listed are exported. The file's ending chooses its format: "
                    ".gpkg (GeoPackage), .geojson (GeoJSON) or .csv (a table)."
                ).format(count=count)
            )
        )
        row = QHBoxLayout()
        self.path = QLineEdit(str(default))
        self.path.setObjectName("export_pins_path")
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        self.names = QCheckBox(self.tr("Include residents' names"))
        self.names.setObjectName("export_pins_names")
        self.names.setChecked(False)
        self.names.setToolTip(self.tr("Names are personal data: export them only where residents agreed."))
        layout.addWidget(self.names)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        filters = ";;".join(
            [
                self.tr("GeoPackage (*.gpkg)"),
                self.tr("GeoJSON (*.geojson)"),
                self.tr("CSV table (*.csv)"),
            ]
        )
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export feedback pins"), self.path.text(), filters
        )
        if name:
            self.path.setText(name)


class FeedbackPanel(QWidget):
    """The pins of the project: a legend, two filters, the list, and Move / Delete / Export."""

    selection_changed = Signal(object)  # the selected pin's number, or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedback_panel")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack)

        # no project: say how to start one
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("feedback_empty")
        self.empty_label.setWordWrap(True)
        empty_layout.addWidget(self.empty_label)
        self.new_project_button = QPushButton()
        self.new_project_button.setObjectName("feedback_new_project")
        empty_layout.addWidget(self.new_project_button)
        empty_layout.addStretch(1)
        self.stack.addWidget(empty)

        # a project: legend, filters, list, buttons
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.legend = QLabel()
        self.legend.setObjectName("feedback_legend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        layout.addWidget(self.legend)
        filters = QHBoxLayout()
        self.category_filter = QComboBox()
        self.category_filter.setObjectName("feedback_category")
        self.category_filter.addItem("", ALL)
        for category in PinCategory:
            self.category_filter.addItem("", category.value)
        self.scenario_filter = QComboBox()
        self.scenario_filter.setObjectName("feedback_scenario")
        self.scenario_filter.addItem("", ACTIVE)
        self.scenario_filter.addItem("", ALL)
        filters.addWidget(self.category_filter, 1)
        filters.addWidget(self.scenario_filter, 1)
        layout.addLayout(filters)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("feedback_table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.itemSelectionChanged.connect(self._on_selection)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.move_button = QPushButton()
        self.move_button.setObjectName("feedback_move")
        self.move_button.setCheckable(True)
        self.delete_button = QPushButton()
        self.delete_button.setObjectName("feedback_delete")
        self.export_button = QPushButton()
        self.export_button.setObjectName("feedback_export")
        for button in (self.move_button, self.delete_button, self.export_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.stack.addWidget(page)
        self.pins: list[Pin] = []
        self._counts: dict[PinCategory, int] = {}
        self.retranslate()
        self.set_project_open(False)
        self._enable()

    def retranslate(self) -> None:
        """Every text of the panel in the current language (at start and at each language change)."""
        self.empty_label.setText(
            self.tr(
                "Feedback pins are kept in a project. Start one with File → New project… "
                "(or open one), then drop pins on the map."
            )
        )
        self.new_project_button.setText(self.tr("New project…"))
        self.category_filter.setItemText(0, self.tr("All kinds"))
        for index, (category, name) in enumerate(self._category_names().items(), start=1):
            self.category_filter.setItemText(index, f"{STYLES[category].symbol} {name}")
        self.scenario_filter.setItemText(0, self.tr("Active scenario"))
        self.scenario_filter.setItemText(1, self.tr("All scenarios"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Kind"), self.tr("Comment"), self.tr("Name"), self.tr("Scenario"), self.tr("Time")]
        )
        self.move_button.setText(self.tr("Move"))
        self.move_button.setToolTip(self.tr("Then click the pin's new place in the 3D view"))
        self.delete_button.setText(self.tr("Delete"))
        self.export_button.setText(self.tr("Export…"))
        self.show_pins(self.pins, self._counts, self.selected())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _category_names(self) -> dict[PinCategory, str]:
        return {
            PinCategory.IDEA: self.tr("Idea"),
            PinCategory.PROBLEM: self.tr("Problem"),
            PinCategory.LIKE: self.tr("Like"),
        }

    def set_project_open(self, is_open: bool) -> None:
        self.stack.setCurrentIndex(1 if is_open else 0)

    @property
    def category(self) -> str | None:
        value = self.category_filter.currentData()
        return None if value == ALL else str(value)

    @property
    def all_scenarios(self) -> bool:
        return bool(self.scenario_filter.currentData() == ALL)

    def show_pins(self, pins: list[Pin], counts: dict[PinCategory, int], selected: int | None) -> None:
        """List ``pins`` (already filtered); ``counts``: how many of each kind the legend says."""
        from html import escape

        self.pins = list(pins)
        self._counts = dict(counts)
        names = self._category_names()
        parts = [
            f'<span style="color:{STYLES[c].colour}; font-size:large">{STYLES[c].symbol}</span>&nbsp;'
            + escape(self.tr("{kind}: {count}").format(kind=names[c], count=counts.get(c, 0)))
            for c in PinCategory
        ]
        self.legend.setText("&nbsp;&nbsp; ".join(parts))
        self.table.blockSignals(True)
        self.table.setRowCount(len(pins))
        baseline = self.tr("Baseline")
        for row, pin in enumerate(pins):
            style = STYLES[pin.category]
            cells = [
                f"{style.symbol} {names[pin.category]}",
                pin.comment,
                pin.name or "",
                pin.scenario or baseline,
                _when(pin.created),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, pin.id)
                if col == 0:
                    item.setForeground(QColor(style.colour))
                if col == 1:
                    item.setToolTip(pin.comment)
                self.table.setItem(row, col, item)
        # one scenario listed: its name on every row would only take the comment's room
        self.table.setColumnHidden(COLUMNS.index("scenario"), not self.all_scenarios)
        self.table.resizeRowsToContents()
        self.table.clearSelection()
        if selected is not None:
            for row, pin in enumerate(pins):
                if pin.id == selected:
                    self.table.selectRow(row)
        self.table.blockSignals(False)
        self._enable()

    def selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return int(self.pins[rows[0].row()].id)

    def select(self, pin_id: int | None) -> None:
        for row, pin in enumerate(self.pins):
            if pin.id == pin_id:
                self.table.selectRow(row)
                return
        self.table.clearSelection()

    def _on_selection(self) -> None:
        self._enable()
        self.selection_changed.emit(self.selected())

    def _enable(self) -> None:
        chosen = self.selected() is not None
        self.move_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        self.export_button.setEnabled(bool(self.pins))


class PinsLegend(QLabel):
    """The pins' key in the Legend dock: each kind's symbol in its colour, and how many are shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pins_legend")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setContentsMargins(8, 8, 8, 0)
        self.pins: list[Pin] = []
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.show_pins(self.pins)
        super().changeEvent(event)

    def show_pins(self, pins: list[Pin]) -> None:
        from html import escape

        self.pins = list(pins)

        from twin_app.scene.pins import legend_items

        names = {
            PinCategory.IDEA: self.tr("Idea"),
            PinCategory.PROBLEM: self.tr("Problem"),
            PinCategory.LIKE: self.tr("Like"),
        }
        heading = self.tr("Feedback pins")
        lines = [f"<b>{escape(heading)}</b>"]
        for item in legend_items(pins):
            lines.append(
                f'<span style="color:{item.colour}; font-size:large">{item.symbol}</span>&nbsp; '
                + escape(self.tr("{kind}: {count}").format(kind=names[item.category], count=item.count))
            )
        self.setText("<br>".join(lines))
        self.setVisible(bool(pins))


class FeedbackDock(QDockWidget):
    """The Feedback panel's dock; says when the language changes (the tools' texts follow it)."""

    language_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedback_dock")
        self.panel = FeedbackPanel()
        self.setWidget(self.panel)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Feedback"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.language_changed.emit()
        super().changeEvent(event)


class PinsController(QObject):
    """Wires the workshop session's pins to the 3D markers, the click modes and the Feedback dock."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.workshop = window.workshop
        self.visual: Any = None
        self._view: Any = None
        self.selected: int | None = None
        #: the dialogs open now (tests drive them)
        self.pin_dialog: PinDialog | None = None
        self.export_dialog: ExportPinsDialog | None = None
        self.confirm_box: QMessageBox | None = None

        drop = QAction(window)
        drop.setObjectName("mode:drop_pin")
        self.drop_action = window.add_click_mode(drop, self.drop_at)
        move = QAction(window)
        move.setObjectName("mode:move_pin")
        self.move_action = window.add_click_mode(move, self.move_to)
        self.move_action.setVisible(False)  # the dock's Move button turns it on
        self.move_action.toggled.connect(self._on_move_mode)

        self.dock = FeedbackDock(window)
        self.dock.language_changed.connect(self.retranslate)
        self.retranslate()
        self.panel = self.dock.panel
        self.legend = PinsLegend()
        panel = self.panel
        panel.category_filter.currentIndexChanged.connect(lambda *_: self.refresh())
        panel.scenario_filter.currentIndexChanged.connect(lambda *_: self.refresh())
        panel.selection_changed.connect(self._on_list_selection)
        panel.move_button.toggled.connect(self._on_move_button)
        panel.delete_button.clicked.connect(self.ask_delete)
        panel.export_button.clicked.connect(lambda: self.ask_export())
        panel.new_project_button.clicked.connect(self._new_project)
        for signal in (
            self.workshop.project_changed,
            self.workshop.scenario_changed,
            self.workshop.pins_changed,
        ):
            signal.connect(self.refresh)
        self.refresh()

    def retranslate(self) -> None:
        """The tools' texts in the current language."""
        self.drop_action.setText(self.tr("Drop pin"))
        self.drop_action.setToolTip(
            self.tr("Click in the 3D view where a resident points, then say what they said")
        )
        self.move_action.setText(self.tr("Move pin"))
        self.move_action.setToolTip(self.tr("Click the selected pin's new place in the 3D view"))

    # -- what is shown ----------------------------------------------------------------------------
    def shown_pins(self) -> list[Pin]:
        """The pins the filters let through (the list and the 3D view show the same ones)."""
        project = self.workshop.project
        if project is None:
            return []
        pins = project.pins()
        if not self.panel.all_scenarios:
            scenario = self.workshop.scenario
            pins = select(pins, scenario=scenario, baseline=scenario is None)
        if self.panel.category is not None:
            pins = select(pins, category=self.panel.category)
        return pins

    def refresh(self) -> None:
        project = self.workshop.project
        self.panel.set_project_open(project is not None)
        pins = self.shown_pins()
        if self.selected not in {p.id for p in pins}:
            self.selected = None
        scope = self.shown_pins_of_scope()
        counts = {c: sum(1 for p in scope if p.category == c) for c in PinCategory}
        self.panel.show_pins(pins, counts, self.selected)
        self.legend.show_pins(pins)
        visual = self._visual()
        if visual is not None:
            visual.set_pins(pins, selected=self.selected)
            self.window.request_render()

    def shown_pins_of_scope(self) -> list[Pin]:
        """The pins of the scenario filter, every kind (what the legend counts)."""
        project = self.workshop.project
        if project is None:
            return []
        pins = project.pins()
        if self.panel.all_scenarios:
            return pins
        scenario = self.workshop.scenario
        return select(pins, scenario=scenario, baseline=scenario is None)

    def _visual(self) -> Any:
        """The 3D markers of the window's current view (a city opened anew has a new view)."""
        view = self.window.view
        if view is None:
            return None
        if view is not self._view or self.visual is None:
            from twin_app.scene.pins import pins_visual

            if self.visual is not None:  # the old view's markers (and its camera observer) go
                self.visual.remove()
            self.visual = pins_visual(view.plotter, view.model)
            self._view = view
        return self.visual

    # -- dropping ---------------------------------------------------------------------------------
    def drop_at(self, x: int, y: int) -> PinDialog | None:
        """Drop-pin mode's click: ask what the resident said about the ground point at pixel (x, y)."""
        if self.workshop.project is None:
            self._say(self.tr("Start a project first (File → New project…): pins are kept in it."))
            return None
        point = self.window.map_point_at(x, y)
        if point is None:
            self._say(self.tr("Click on the city, not the sky, to drop a pin."))
            return None
        dialog = PinDialog(self.window)
        self.pin_dialog = dialog
        dialog.accepted.connect(lambda: self._add(point, dialog))
        dialog.open()
        return dialog

    def _add(self, point: tuple[float, float], dialog: PinDialog) -> Pin | None:
        category, comment, name = dialog.values()
        pin: Pin | None = self.workshop.add_pin(point[0], point[1], category, comment, name)
        if pin is None:
            return None  # the session said why, in the Messages panel and the status bar
        self.selected = pin.id
        self.refresh()
        self._say(self.tr("Pin {number} dropped and saved in the project.").format(number=pin.id))
        return pin

    # -- selecting --------------------------------------------------------------------------------
    def pick(self, x: int, y: int) -> bool:
        """Identify mode's click on a pin selects it (True); anywhere else, False (the window identifies)."""
        visual = self.visual if self._view is self.window.view else None
        if visual is None or not visual.pins:
            return False
        pin_id = visual.pin_at(x, y)
        if pin_id is None:
            return False
        self.dock.show()
        self.dock.raise_()
        self.select(pin_id)
        pin = visual.pins[pin_id]
        self._say(self.tr("Pin {number}: {comment}").format(number=pin_id, comment=pin.comment))
        return True

    def select(self, pin_id: int | None) -> None:
        """Select a pin: highlighted in 3D, its row selected, the view centred on it."""
        self.panel.select(pin_id)
        if self.panel.selected() != pin_id:  # not listed: nothing selected
            self._on_list_selection(None)

    def _on_list_selection(self, pin_id: int | None) -> None:
        self.selected = pin_id
        visual = self._visual()
        if visual is None:
            return
        visual.select(pin_id)
        if pin_id is not None and pin_id in visual.pins:
            self._centre_on(visual.centre_of(pin_id))
        self.window.request_render()

    def _centre_on(self, point: tuple[float, float, float]) -> None:
        """Look at ``point`` from where the camera looks now (same distance and angle)."""
        from twin_app.core.camera import CameraView

        view = self.window.view
        now = view.camera_view()
        shift = [p - f for p, f in zip(point, now.focal_point, strict=True)]
        position = tuple(c + s for c, s in zip(now.position, shift, strict=True))
        view.set_camera(CameraView(position, point, now.up, now.view_angle))  # type: ignore[arg-type]

    # -- moving -----------------------------------------------------------------------------------
    def _on_move_button(self, on: bool) -> None:
        if on and self.selected is None:
            self.panel.move_button.setChecked(False)
            return
        if on and not self.move_action.isChecked():
            self.move_action.trigger()
        elif not on and self.move_action.isChecked():
            self.window.identify_action.trigger()
        if on:
            self._say(self.tr("Click the pin's new place in the 3D view."))

    def _on_move_mode(self, on: bool) -> None:
        self.panel.move_button.blockSignals(True)
        self.panel.move_button.setChecked(on)
        self.panel.move_button.blockSignals(False)

    def move_to(self, x: int, y: int) -> Pin | None:
        """Move mode's click: the selected pin goes to the ground point at pixel (x, y)."""
        if self.selected is None or self.workshop.project is None:
            self.window.identify_action.trigger()
            return None
        point = self.window.map_point_at(x, y)
        if point is None:
            self._say(self.tr("Click on the city, not the sky, to move the pin."))
            return None
        pin_id = self.selected
        pin: Pin | None = self.workshop.move_pin(pin_id, point[0], point[1])
        if pin is None:
            return None  # the session said why
        self.window.identify_action.trigger()
        self.refresh()
        self._say(self.tr("Pin {number} moved.").format(number=pin_id))
        return pin

    # -- deleting ---------------------------------------------------------------------------------
    def ask_delete(self) -> QMessageBox | None:
        pin_id = self.selected
        if pin_id is None or self.workshop.project is None:
            return None
        pin = self.workshop.project.pin(pin_id)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete the pin?"),
            self.tr("Delete pin {number} (“{comment}”)? This cannot be undone.").format(
                number=pin_id, comment=pin.comment[:80]
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self.window,
        )
        box.setObjectName("confirm_delete_pin")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.accepted.connect(lambda: self.delete(pin_id))
        self.confirm_box = box
        box.open()
        return box

    def delete(self, pin_id: int) -> None:
        if not self.workshop.delete_pin(pin_id):
            return  # the session said why
        if self.selected == pin_id:
            self.selected = None
        self.refresh()
        self._say(self.tr("Pin {number} deleted.").format(number=pin_id))

    # -- exporting --------------------------------------------------------------------------------
    def ask_export(self) -> ExportPinsDialog | None:
        pins = self.shown_pins()
        project = self.workshop.project
        if project is None or not pins:
            return None
        default = project.path.with_name(f"{project.path.stem}-pins.gpkg")
        dialog = ExportPinsDialog(len(pins), default, self.window)
        self.export_dialog = dialog
        dialog.accepted.connect(lambda: self.export(Path(dialog.path.text()), names=dialog.names.isChecked()))
        dialog.open()
        return dialog

    def export(self, path: Path, *, names: bool = False) -> Path | None:
        """Write the listed pins to ``path`` (format by suffix), with residents' names only if asked."""
        from twin_app.core.pins import export_pins

        if path.suffix.lower() not in EXPORT_SUFFIXES:
            path = path.with_suffix(".gpkg") if not path.suffix else path
        try:
            out = export_pins(self.shown_pins(), path, names=names)
        except TwinError as exc:
            self.window.messages.add("problem", self.tr("Feedback"), str(exc))
            self._error(self.tr("The pins could not be exported"), str(exc))
            return None
        self.window.messages.add(
            "info", self.tr("Feedback"), self.tr("The pins were saved to {path}.").format(path=out)
        )
        self._say(self.tr("The pins were saved to {path}.").format(path=out))
        return out

    # -- helpers ----------------------------------------------------------------------------------
    def _new_project(self) -> None:
        from twin_app.qt.workshop_ui import ask_new_project

        ask_new_project(self.window)

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    def _error(self, title: str, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, parent=self.window)
        box.setObjectName("pin_error")
        self.error_box = box
        box.open()


def install_pins(window: Any) -> PinsController:
    """The Drop pin mode and the Feedback dock in ``window`` (after its workshop session exists)."""
    from PySide6.QtWidgets import QMenu, QToolBar

    controller = PinsController(window)
    toolbar = window.findChild(QToolBar, "view_toolbar")
    if toolbar is not None:  # beside Identify, Select districts and Measure
        toolbar.addAction(controller.drop_action)
        toolbar.addAction(controller.move_action)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, controller.dock)
    info = window.findChild(QDockWidget, "info_dock")
    if info is not None:
        window.tabifyDockWidget(info, controller.dock)
    window.docks.append(controller.dock)
    window.legend_dock.add_section(controller.legend)
    view_menu = window.findChild(QMenu, "view_menu")
    if view_menu is not None:
        view_menu.addAction(controller.dock.toggleViewAction())
    return controller


__all__ = [
    "ExportPinsDialog",
    "FeedbackDock",
    "FeedbackPanel",
    "PinDialog",
    "PinsController",
    "PinsLegend",
    "install_pins",
]
