"""A dialog generated from an analysis's typed parameters.

Widgets are chosen by parameter type; on OK the raw values go through
:func:`validate_params`, the very code the CLI uses, and any refusal is shown
in the dialog instead of closing it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from twin_app.core.errors import TwinError
from twin_app.core.model import CityModel
from twin_app.core.params import (
    ChoiceParam,
    DistrictsParam,
    FlagParam,
    LayerParam,
    MappingParam,
    NumberParam,
    Param,
    TimeWindowParam,
    district_names,
    validate_params,
)
from twin_app.core.plugins import PluginManifest


class ParamForm(QWidget):
    """A form of widgets, one per typed parameter; also used by the Connect feed dialog.

    ``model`` may be None where no parameter refers to the city (a feed
    source's options).
    """

    def __init__(
        self,
        parameters: tuple[Param, ...] | list[Param],
        model: CityModel | None,
        *,
        selected_districts: list[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.parameters = tuple(parameters)
        self.model = model
        self.widgets: dict[str, QWidget] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for param in self.parameters:
            widget = self._widget_for(param, selected_districts or [])
            widget.setToolTip(param.shown_help or param.describe())
            widget.setObjectName(param.name)
            self.widgets[param.name] = widget
            form.addRow(param.shown_label, widget)

    def _widget_for(self, param: Param, selected: list[str]) -> QWidget:
        default = param.default_for(self.model)
        if isinstance(param, NumberParam):
            spin = QDoubleSpinBox()
            spin.setDecimals(0 if param.integer else 2)
            spin.setRange(
                param.minimum if param.minimum is not None else -1e12,
                param.maximum if param.maximum is not None else 1e12,
            )
            if param.unit:
                spin.setSuffix(f" {param.unit}")
            spin.setValue(float(default or 0))
            return spin
        if isinstance(param, ChoiceParam):
            combo = QComboBox()
            combo.addItems(list(param.choices))
            if default is not None:
                combo.setCurrentText(str(default))
            return combo
        if isinstance(param, FlagParam):
            box = QCheckBox()
            box.setChecked(bool(default))
            return box
        if isinstance(param, LayerParam):
            combo = QComboBox()
            for layer in param.candidates(self.model):
                combo.addItem(layer.display_title(), layer.id)
            if default is not None:
                combo.setCurrentIndex(max(combo.findData(default), 0))
            return combo
        if isinstance(param, DistrictsParam):
            names = QListWidget()
            for name in district_names(self.model):
                item = QListWidgetItem(name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if name in selected else Qt.CheckState.Unchecked)
                names.addItem(item)
            names.setMaximumHeight(140)
            names.setToolTip(self.tr("Tick districts to analyse; none ticked means all."))
            return names
        if isinstance(param, MappingParam):
            table = QTableWidget(len(param.defaults), 2)
            table.setHorizontalHeaderLabels(["", ""])
            table.horizontalHeader().setVisible(False)
            table.verticalHeader().setVisible(False)
            for row, (key, value) in enumerate((default or {}).items()):
                key_item = QTableWidgetItem(key)
                key_item.setFlags(key_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                table.setItem(row, 0, key_item)
                combo = QComboBox()
                combo.addItems(list(param.values))
                combo.setCurrentText(value)
                table.setCellWidget(row, 1, combo)
            table.setMaximumHeight(160)
            return table
        edit = QLineEdit("" if default is None else str(default))
        if isinstance(param, TimeWindowParam):
            edit.setPlaceholderText("2022-02-22 07:00-09:00")
        return edit

    def raw_values(self) -> dict[str, Any]:
        """The widgets' values, as strings/lists like the CLI would give."""
        raw: dict[str, Any] = {}
        for param in self.parameters:
            w = self.widgets[param.name]
            if isinstance(w, QDoubleSpinBox):
                raw[param.name] = w.value()
            elif isinstance(w, QCheckBox):
                raw[param.name] = w.isChecked()
            elif isinstance(w, QComboBox):
                raw[param.name] = w.currentData() if isinstance(param, LayerParam) else w.currentText()
            elif isinstance(w, QListWidget):
                raw[param.name] = [
                    w.item(i).text()
                    for i in range(w.count())
                    if w.item(i).checkState() == Qt.CheckState.Checked
                ]
            elif isinstance(w, QTableWidget):
                raw[param.name] = {
                    w.item(r, 0).text(): w.cellWidget(r, 1).currentText()  # type: ignore[union-attr]
                    for r in range(w.rowCount())
                }
            elif isinstance(w, QLineEdit):
                raw[param.name] = w.text() or None
        return raw

    def set_value(self, name: str, value: Any) -> None:
        """Set a widget by parameter name (used by tests and presets)."""
        w = self.widgets[name]
        if isinstance(w, QDoubleSpinBox):
            w.setValue(float(value))
        elif isinstance(w, QLineEdit):
            w.setText(str(value))
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QComboBox):
            w.setCurrentText(str(value))
        elif isinstance(w, QListWidget):
            for i in range(w.count()):
                item = w.item(i)
                item.setCheckState(Qt.CheckState.Checked if item.text() in value else Qt.CheckState.Unchecked)


class ParamDialog(QDialog):
    def __init__(
        self,
        manifest: PluginManifest,
        model: CityModel,
        *,
        selected_districts: list[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.manifest = manifest
        self.model = model
        self.setWindowTitle(manifest.shown_title())
        self.validated: dict[str, Any] | None = None
        layout = QVBoxLayout(self)
        if manifest.description:
            about = QLabel(manifest.shown_description())
            about.setWordWrap(True)
            layout.addWidget(about)
        self.form = ParamForm(manifest.parameters, model, selected_districts=selected_districts)
        self.widgets: dict[str, QWidget] = self.form.widgets
        layout.addWidget(self.form)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Run"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def raw_values(self) -> dict[str, Any]:
        """The widgets' values, as strings/lists like the CLI would give."""
        return self.form.raw_values()

    def set_value(self, name: str, value: Any) -> None:
        """Set a widget by parameter name (used by tests and presets)."""
        self.form.set_value(name, value)

    def accept(self) -> None:
        try:
            self.validated = validate_params(self.manifest.parameters, self.raw_values(), self.model)
        except TwinError as exc:
            self.error.setText(str(exc))
            return
        super().accept()
