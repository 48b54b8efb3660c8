"""Districts and results: pick districts, read indicators, compare side by side.

The table has one row per district (plus the whole selection) and one column
per indicator, headers carrying unit and definition; the chart draws one
indicator as bars so districts compare at a glance; provenance is one click
away.
"""

from __future__ import annotations

import json
import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from twin_app.core.analysis import AnalysisResult
from twin_app.core.i18n import format_moment, manifest_text
from twin_app.core.quantities import display_value, indicator_label, is_share_unit

#: the row of the whole selection (English source, as a district key; shown translated)
ALL = QT_TRANSLATE_NOOP("DistrictPanel", "All selected")


def all_selected() -> str:
    return QCoreApplication.translate("DistrictPanel", ALL)


class BarChart(QWidget):
    """A small horizontal bar chart (no extra dependency)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[tuple[str, float]] = []
        self.unit = ""
        self.setMinimumHeight(160)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.update()  # its empty sentence and the whole selection's name are painted
        super().changeEvent(event)

    def set_bars(self, bars: list[tuple[str, float]], unit: str) -> None:
        self.bars, self.unit = bars, unit
        self.setMinimumHeight(24 + 18 * len(bars))
        self.update()

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if not self.bars:
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Run an analysis to see results")
            )
            return
        top = max((v for _, v in self.bars), default=1.0) or 1.0
        if is_share_unit(self.unit):
            top = max(top, 1.0)  # shares on a 0–100 % axis, so districts compare with the whole
        label_w, h = 120, 16
        width = max(self.width() - label_w - 70, 20)
        for i, (name, value) in enumerate(self.bars):
            y = 8 + i * (h + 2)
            painter.setPen(QPen(QColor("#222222")))
            shown = all_selected() if name == ALL else name
            painter.drawText(QRectF(4, y, label_w - 8, h), Qt.AlignmentFlag.AlignRight, shown)
            bar = width * max(value, 0.0) / top
            painter.fillRect(
                QRectF(label_w, y + 2, bar, h - 4), QColor("#4c78a8" if name != ALL else "#f58518")
            )
            painter.drawText(
                QRectF(label_w + bar + 4, y, 66, h),
                Qt.AlignmentFlag.AlignLeft,
                display_value(value, self.unit),
            )


class DistrictPanel(QWidget):
    """Districts to analyse (ticked here or clicked in the 3D view) and the latest results."""

    selection_changed = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.districts = QListWidget()
        self.districts.setMaximumHeight(150)
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.chart_key = QComboBox()
        self.chart = BarChart()
        self.title = QLabel()
        self.title.setWordWrap(True)
        # warnings travel with the numbers they qualify (e.g. a threshold outside the raster's range)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #b35900;")
        self.warnings.hide()
        self.provenance_button = QPushButton()
        self.provenance_button.setEnabled(False)
        self.provenance_button.clicked.connect(self.show_provenance)
        self.result: AnalysisResult | None = None
        layout = QVBoxLayout(self)
        self.districts_label = QLabel()
        layout.addWidget(self.districts_label)
        layout.addWidget(self.districts)
        layout.addWidget(self.title)
        layout.addWidget(self.warnings)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.chart_label = QLabel()
        row.addWidget(self.chart_label)
        row.addWidget(self.chart_key, 1)
        row.addWidget(self.provenance_button)
        layout.addLayout(row)
        layout.addWidget(self.chart)
        self.districts.itemChanged.connect(lambda _: self.selection_changed.emit(self.selected()))
        self.chart_key.currentIndexChanged.connect(lambda _i: self._draw_chart())
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language (at start and at each language change)."""
        self.districts_label.setText(self.tr("Districts (none ticked = all)"))
        self.chart_label.setText(self.tr("Chart"))
        self.provenance_button.setText(self.tr("Provenance…"))
        if self.result is None:
            self.title.setText(self.tr("No analysis run yet."))
        else:
            self.show_result(self.result)  # the whole-selection row's name is translated

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_districts(self, names: list[str]) -> None:
        self.districts.blockSignals(True)
        self.districts.clear()
        for name in names:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.districts.addItem(item)
        self.districts.blockSignals(False)

    def selected(self) -> list[str]:
        return [
            self.districts.item(i).text()
            for i in range(self.districts.count())
            if self.districts.item(i).checkState() == Qt.CheckState.Checked
        ]

    def toggle(self, name: str) -> None:
        for i in range(self.districts.count()):
            item = self.districts.item(i)
            if item.text() == name:
                checked = item.checkState() == Qt.CheckState.Checked
                item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def show_result(self, result: AnalysisResult) -> None:
        self.result = result
        keys = list(dict.fromkeys(i.key for i in result.indicators))
        rows = list(dict.fromkeys(i.district or ALL for i in result.indicators))
        title, finished = manifest_text(result.title), format_moment(result.record.finished)
        self.title.setText(f"<b>{title}</b> — {finished}")  # markup and names only: nothing to translate
        self.warnings.setText("\n".join(f"⚠ {w}" for w in result.warnings))
        self.warnings.setVisible(bool(result.warnings))
        self.table.clear()
        self.table.setRowCount(len(rows))
        self.table.setColumnCount(len(keys))
        for c, key in enumerate(keys):
            spec = result.definitions.get(key, {})
            header = QTableWidgetItem(indicator_label(key, spec))
            header.setToolTip(
                self.tr("{definition}\n(key: {key})")
                .format(definition=manifest_text(spec.get("definition", "")), key=key)
                .strip()
            )
            self.table.setHorizontalHeaderItem(c, header)
        self.table.setVerticalHeaderLabels([all_selected() if r == ALL else r for r in rows])
        for ind in result.indicators:
            r, c = rows.index(ind.district or ALL), keys.index(ind.key)
            text = display_value(ind.value, result.definitions.get(ind.key, {}).get("unit"))
            item = QTableWidgetItem(text)
            item.setToolTip(manifest_text(result.definitions.get(ind.key, {}).get("definition", "")))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(r, c, item)
        chosen = self.chart_key.currentData()
        self.chart_key.blockSignals(True)
        self.chart_key.clear()
        for key in keys:
            spec = result.definitions.get(key, {})
            self.chart_key.addItem(indicator_label(key, spec), key)
        share = next(
            (k for k in keys if k.startswith("share") or k.endswith("mean")), keys[0] if keys else ""
        )
        if chosen in keys:
            share = chosen  # shown again (a language change): the same indicator stays charted
        if share:
            self.chart_key.setCurrentIndex(keys.index(share))
        self.chart_key.blockSignals(False)
        self._draw_chart()
        self.provenance_button.setEnabled(True)

    def clear_result(self) -> None:
        """Forget the last result: another city was opened, and its numbers are not this one's."""
        self.result = None
        self.title.setText(self.tr("No analysis run yet."))
        self.warnings.hide()
        self.table.clear()
        self.table.setRowCount(0)
        self.table.setColumnCount(0)
        self.chart_key.blockSignals(True)
        self.chart_key.clear()
        self.chart_key.blockSignals(False)
        self.chart.set_bars([], "")
        self.provenance_button.setEnabled(False)

    def _draw_chart(self) -> None:
        key = self.chart_key.currentData()
        if self.result is None or key is None:
            return
        bars = [
            (i.district or ALL, float(i.value))
            for i in self.result.indicators
            if i.key == key and i.value is not None and math.isfinite(i.value)
        ]
        self.chart.set_bars(bars, self.result.definitions.get(key, {}).get("unit", ""))

    def show_provenance(self) -> None:
        if self.result is None:
            return
        self.provenance_box = ProvenanceDialog(self.result, self)
        self.provenance_box.open()


def provenance_rows(result: AnalysisResult) -> list[tuple[str, str]]:
    """The run's provenance as (what, value) rows a planner can read and quote."""
    record = result.record
    rows = [
        (
            QCoreApplication.translate("Provenance", "Analysis"),
            QCoreApplication.translate("Provenance", "{title} ({analysis} {version})").format(
                title=manifest_text(result.title), analysis=record.analysis, version=record.version
            ),
        ),
        (QCoreApplication.translate("Provenance", "City"), str(record.city)),
        (
            QCoreApplication.translate("Provenance", "Run"),
            QCoreApplication.translate("Provenance", "{started} to {finished}").format(
                started=format_moment(record.started), finished=format_moment(record.finished)
            ),
        ),
        ("twin_app", str(record.twin_app_version)),
    ]
    rows += [
        (QCoreApplication.translate("Provenance", "Parameter: {name}").format(name=name), str(value))
        for name, value in record.parameters.items()
    ]
    for item in record.inputs:
        if item.path and item.sha256:
            where = QCoreApplication.translate("Provenance", "{path}, SHA-256 {digest}…").format(
                path=item.path, digest=item.sha256[:12]
            )
        elif item.path:
            where = str(item.path)
        elif item.sha256:
            where = QCoreApplication.translate(
                "Provenance", "made in the app (no file), SHA-256 {digest}…"
            ).format(digest=item.sha256[:12])
        else:
            where = QCoreApplication.translate("Provenance", "made in the app (no file)")
        rows.append(
            (QCoreApplication.translate("Provenance", "Input: {layer}").format(layer=item.layer_id), where)
        )
    for key, spec in result.definitions.items():
        rows.append((indicator_label(key, spec), manifest_text(spec.get("definition", ""))))
    for key, value in result.notes.items():
        rows.append((QCoreApplication.translate("Provenance", "Note: {key}").format(key=key), str(value)))
    return rows


class ProvenanceDialog(QDialog):
    """Provenance as a readable table; the full JSON one button away."""

    def __init__(self, result: AnalysisResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Provenance: {title}").format(title=manifest_text(result.title)))
        self.resize(720, 480)
        rows = provenance_rows(result)
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels(["", self.tr("Value")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for r, (what, value) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(what))
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            self.table.setItem(r, 1, item)
        self.table.resizeRowsToContents()
        self.json_text = json.dumps(result.provenance(), indent=2, ensure_ascii=False, default=str)
        self.json_view = QPlainTextEdit(self.json_text)
        self.json_view.setReadOnly(True)
        self.json_view.hide()
        json_button = QPushButton(self.tr("Show JSON"))
        json_button.setCheckable(True)
        json_button.toggled.connect(self.json_view.setVisible)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(json_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.json_view, 1)
        layout.addWidget(buttons)
