"""Side panels: the layer tree (visibility, opacity, colour-by) and feature info."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QSlider,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from twin_app.core.i18n import format_number
from twin_app.core.layers import Layer, VectorLayer
from twin_app.core.model import Change, CityModel
from twin_app.core.quantities import label_with_units

#: the colour-by choice that means "no column" (English source; shown translated)
NO_COLOUR = QT_TRANSLATE_NOOP("LayerPanel", "(single colour)")


class LayerPanel(QWidget):
    """Layer tree with a check box per layer; opacity and colour-by for the selected one."""

    layer_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: CityModel | None = None
        self.tree = QTreeWidget()
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.setRootIsDecorated(False)
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(0, 100)
        self.colour_by = QComboBox()
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        form = QFormLayout()
        self.opacity_label = QLabel()
        self.colour_by_label = QLabel()
        form.addRow(self.opacity_label, self.opacity)
        form.addRow(self.colour_by_label, self.colour_by)
        self.retranslate()
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(form)
        layout.addWidget(self.notes)
        self.opacity.setEnabled(False)  # until a layer is selected
        self.colour_by.setEnabled(False)
        self.tree.itemChanged.connect(self._on_item_changed)
        self.tree.currentItemChanged.connect(lambda *_: self._on_selection())
        self.opacity.valueChanged.connect(self._on_opacity)
        self.colour_by.currentTextChanged.connect(self._on_colour_by)
        self._updating = False

    def retranslate(self) -> None:
        """Set every text in the current language (at start and at each language change)."""
        self.tree.setHeaderLabels([self.tr("Layer"), self.tr("Features")])
        self.opacity_label.setText(self.tr("Opacity"))
        self.colour_by_label.setText(self.tr("Colour by"))
        if self.colour_by.count():
            was, self._updating = getattr(self, "_updating", False), True
            self.colour_by.setItemText(0, no_colour())
            self._updating = was
        self.retitle()

    def retitle(self) -> None:
        """Show each layer's title and count in the current language (twin_app/core/titles.py); ids stay."""
        model = getattr(self, "model", None)
        if model is None:
            return
        was, self._updating = getattr(self, "_updating", False), True
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            layer = model.layers.get(item.data(0, Qt.ItemDataRole.UserRole))
            if layer is not None:
                item.setText(0, layer.display_title())
                item.setText(1, format_number(layer.feature_count, 0))  # 1 412 in French, 1,412 in English
        self._updating = was

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_model(self, model: CityModel) -> None:
        self.model = model
        self.tree.clear()
        for layer in model.layers.values():
            self._add_item(layer)
        model.subscribe(self._on_change)

    def _on_change(self, change: Change, layer: Layer) -> None:
        if change is Change.ADDED:
            self._add_item(layer)
        elif change is Change.REMOVED and (item := self.item(layer.id)) is not None:
            self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(item))
        elif change in (Change.OPACITY, Change.COLOUR) and layer is self.current_layer():
            self._show_style(layer)  # changed elsewhere (a script, a reset): the controls follow
        elif change in (Change.DATA, Change.STYLE) and (item := self.item(layer.id)) is not None:
            # a live layer's vehicles come and go; a scenario's copy of a layer has its own count
            count = format_number(layer.feature_count, 0)
            if item.text(1) != count:  # set only when it changed: a live feed updates ten times a second
                self._updating = True
                item.setText(1, count)
                self._updating = False

    def _add_item(self, layer: Layer) -> None:
        self._updating = True
        item = QTreeWidgetItem([layer.display_title(), format_number(layer.feature_count, 0)])
        item.setData(0, Qt.ItemDataRole.UserRole, layer.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(0, Qt.CheckState.Checked if layer.visible else Qt.CheckState.Unchecked)
        if layer.notes:
            item.setToolTip(0, "\n".join(layer.notes))
        self.tree.insertTopLevelItem(0, item)  # newest (drawn last) on top, like other GIS
        self._updating = False

    def item(self, layer_id: str) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole) == layer_id:
                return item
        return None

    def set_checked(self, layer_id: str, checked: bool) -> None:
        item = self.item(layer_id)
        if item is not None:
            item.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def current_layer(self) -> Layer | None:
        item = self.tree.currentItem()
        if item is None or self.model is None:
            return None
        return self.model.layers.get(item.data(0, Qt.ItemDataRole.UserRole))

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._updating or self.model is None or column != 0:
            return
        layer_id = item.data(0, Qt.ItemDataRole.UserRole)
        self.model.set_visible(layer_id, item.checkState(0) == Qt.CheckState.Checked)

    def _on_selection(self) -> None:
        layer = self.current_layer()
        self._updating = True
        self.colour_by.clear()
        self.opacity.setEnabled(layer is not None)
        self.colour_by.setEnabled(isinstance(layer, VectorLayer))
        if layer is not None:
            self.opacity.setValue(round(layer.opacity * 100))
            if isinstance(layer, VectorLayer):
                self.colour_by.addItems([no_colour(), *layer.numeric_columns()])
                self.colour_by.setCurrentText(layer.value_column or no_colour())
            self.notes.setText("\n".join(layer.notes))
            self.layer_selected.emit(layer.id)
        self._updating = False

    def _show_style(self, layer: Layer) -> None:
        was, self._updating = self._updating, True
        self.opacity.setValue(round(layer.opacity * 100))
        if isinstance(layer, VectorLayer):
            self.colour_by.setCurrentText(layer.value_column or no_colour())
        self._updating = was

    def _on_opacity(self, value: int) -> None:
        layer = self.current_layer()
        if not self._updating and layer is not None and self.model is not None:
            self.model.set_opacity(layer.id, value / 100)

    def _on_colour_by(self, text: str) -> None:
        layer = self.current_layer()
        if not self._updating and isinstance(layer, VectorLayer) and self.model is not None and text:
            self.model.set_colour_by(layer.id, None if text in (NO_COLOUR, no_colour()) else text)


def no_colour() -> str:
    """The "no column" choice of Colour by, in the current language."""
    return QCoreApplication.translate("LayerPanel", NO_COLOUR)


class InfoPanel(QTableWidget):
    """Attributes of the clicked feature, one row per attribute."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 2, parent)
        self.retranslate()
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([self.tr("Attribute"), self.tr("Value")])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_attributes(self, attributes: dict[str, Any]) -> None:
        """One row per attribute, named in words with units; the raw column name in the tooltip."""
        self.setRowCount(0)
        for key, value in attributes.items():
            row = self.rowCount()
            self.insertRow(row)
            raw = str(key)
            # columns (height_m) become labels (Height (m)); labels made for people stay as they are
            shown = raw if (" " in raw or raw[:1].isupper()) else label_with_units(raw)
            name = QTableWidgetItem(shown)
            name.setData(Qt.ItemDataRole.UserRole, raw)
            name.setToolTip(raw)
            self.setItem(row, 0, name)
            text = format_number(value, 2) if isinstance(value, float) else str(value)
            self.setItem(row, 1, QTableWidgetItem(text))

    def values(self) -> dict[str, str]:
        """Values by raw attribute name (as the layer's columns call them)."""
        return {
            self.item(r, 0).data(Qt.ItemDataRole.UserRole): self.item(r, 1).text()
            for r in range(self.rowCount())
        }

    def labels(self) -> dict[str, str]:
        """The names shown, by raw attribute name."""
        return {
            self.item(r, 0).data(Qt.ItemDataRole.UserRole): self.item(r, 0).text()
            for r in range(self.rowCount())
        }
