"""The two questions an edit tool asks after its clicks: a new line's service, a building's height and use.

Both open with ``open()`` (window-modal, not blocking), so the 3D view keeps
drawing behind them and a test can fill and accept them like a person.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from twin_app.core.i18n import format_number
from twin_app.core.scenario import MAX_DEPARTURES_PER_HOUR, MAX_HEIGHT_M

#: the transit modes a new stop or line may have (the names ``timetable.mode_name`` gives GTFS routes)
MODES = ("bus", "tram", "rail", "metro", "ferry")
#: building uses offered first (any other OSM ``building`` value can be typed)
USES = ("residential", "apartments", "house", "office", "commercial", "retail", "school", "industrial")


class LineDialog(QDialog):
    """Name, mode and departures per hour of a line drawn through ``stops`` clicked stops."""

    def __init__(self, stops: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("line_dialog")
        self.setWindowTitle(self.tr("New line"))
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("A line through {count} stops.").format(count=stops)))
        self.name = QLineEdit(name)
        self.name.setObjectName("line_name")
        form.addRow(self.tr("Name"), self.name)
        self.mode = QComboBox()
        self.mode.setObjectName("line_mode")
        for mode in MODES:
            self.mode.addItem(mode_title(mode), mode)
        form.addRow(self.tr("Mode"), self.mode)
        self.frequency = QDoubleSpinBox()
        self.frequency.setObjectName("line_frequency")
        self.frequency.setRange(0.5, MAX_DEPARTURES_PER_HOUR)
        self.frequency.setDecimals(1)
        self.frequency.setValue(6.0)
        self.frequency.setSuffix(self.tr(" per hour"))
        form.addRow(self.tr("Departures each way"), self.frequency)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen_mode(self) -> str:
        return str(self.mode.currentData())


class BuildingDialog(QDialog):
    """A building's height and use, showing the current ones; OK keeps what changed."""

    def __init__(self, key: str, height_m: float | None, use: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("building_dialog")
        self.setWindowTitle(self.tr("Building {key}").format(key=key))
        self.initial_height = height_m
        self.initial_use = use
        form = QFormLayout(self)
        now = (
            self.tr("Now {height} m tall, used as: {use}.").format(
                height=format_number(height_m), use=use or "—"
            )
            if height_m is not None
            else self.tr("Height unknown, used as: {use}.").format(use=use or "—")
        )
        self.current = QLabel(now)
        self.current.setObjectName("building_current")
        form.addRow(self.current)
        self.height = QDoubleSpinBox()
        self.height.setObjectName("building_height")
        self.height.setRange(0.5, MAX_HEIGHT_M)
        self.height.setDecimals(1)
        self.height.setSuffix(" m")
        self.height.setValue(height_m if height_m is not None else 10.0)
        form.addRow(self.tr("Height"), self.height)
        self.use = QComboBox()
        self.use.setObjectName("building_use")
        self.use.setEditable(True)
        self.use.addItems([u for u in (use, *USES) if u])
        self.use.setCurrentText(use)
        form.addRow(self.tr("Use"), self.use)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def new_height(self) -> float | None:
        """The height typed, when it differs from the current one (a tenth of a metre counts)."""
        value = round(float(self.height.value()), 1)
        if self.initial_height is not None and abs(value - round(self.initial_height, 1)) < 0.05:
            return None
        return value

    def new_use(self) -> str | None:
        """The use typed, when it differs from the current one and is not empty."""
        value = self.use.currentText().strip()
        return value if value and value != self.initial_use else None


def mode_title(mode: str) -> str:
    """A transit mode in the reader's language (the stored value stays the English key)."""
    titles = {
        "bus": QCoreApplication.translate("TransitMode", "Bus"),
        "tram": QCoreApplication.translate("TransitMode", "Tram"),
        "rail": QCoreApplication.translate("TransitMode", "Rail"),
        "metro": QCoreApplication.translate("TransitMode", "Metro"),
        "ferry": QCoreApplication.translate("TransitMode", "Ferry"),
    }
    return titles.get(mode, mode)


__all__ = ["MODES", "USES", "BuildingDialog", "LineDialog", "mode_title"]
