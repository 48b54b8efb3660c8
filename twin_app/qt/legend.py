"""The window's legend: one panel beside the 3D view, never colour bars over the city.

It paints the same :class:`~twin_app.scene.palettes.LegendEntry` objects an
export draws (heading with units, a colour ramp, ticks written for people),
with QPainter, so it follows the window's fonts and HiDPI scaling and never
covers the map.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QLinearGradient, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QDockWidget, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from twin_app.scene.legend import legend_entries
from twin_app.scene.palettes import LegendEntry, colormap

RAMP_WIDTH = 16
RAMP_STOPS = 24
PAD = 8
#: the dock keeps at least this height (pixels) for its first entry
MIN_DOCK_HEIGHT = 200


class LegendPanel(QWidget):
    """Draws one entry per visible coloured layer, stacked top to bottom."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legend_panel")
        self.entries: list[LegendEntry] = []
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.retranslate()

    def retranslate(self) -> None:
        self.setToolTip(self.tr("What the colours on the map mean"))
        self.update()  # the empty legend's sentence is painted in the current language

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_entries(self, entries: Sequence[LegendEntry]) -> None:
        entries = list(entries)
        if entries != self.entries:
            self.entries = entries
            self.updateGeometry()
            self.update()

    # -- geometry ---------------------------------------------------------------
    def _fonts(self) -> tuple[QFont, QFont]:
        heading = QFont(self.font())
        heading.setBold(True)
        return heading, QFont(self.font())

    def _ramp_height(self, entry: LegendEntry, tick_metrics: QFontMetricsF) -> float:
        return max(3, len(entry.ticks) - 1) * 1.5 * tick_metrics.height()

    def _heading_rect(self, entry: LegendEntry, top: float, metrics: QFontMetricsF) -> QRectF:
        width = max(60.0, self.width() - 2 * PAD)
        flags = int(Qt.TextFlag.TextWordWrap)
        return metrics.boundingRect(QRectF(PAD, top, width, 1e4), flags, entry.heading)

    def entry_rects(self) -> list[tuple[QRectF, QRectF]]:
        """For each entry, (heading rect, ramp rect) in widget pixels: what is painted, for tests too."""
        heading_font, tick_font = self._fonts()
        hm, tm = QFontMetricsF(heading_font), QFontMetricsF(tick_font)
        rects = []
        top = float(PAD)
        for entry in self.entries:
            heading = self._heading_rect(entry, top, hm)
            ramp_top = heading.bottom() + 0.5 * tm.height() + 4
            ramp = QRectF(PAD, ramp_top, RAMP_WIDTH, self._ramp_height(entry, tm))
            rects.append((heading, ramp))
            top = ramp.bottom() + tm.height() + PAD
        return rects

    def sizeHint(self) -> QSize:
        rects = self.entry_rects()
        height = int(rects[-1][1].bottom() + QFontMetricsF(self.font()).height() + PAD) if rects else 40
        return QSize(220, height)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, self.sizeHint().height())

    # -- painting -----------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        heading_font, tick_font = self._fonts()
        text_colour = self.palette().color(self.foregroundRole())
        if not self.entries:
            painter.setPen(text_colour)
            painter.drawText(
                self.rect().adjusted(PAD, PAD, -PAD, -PAD),
                int(Qt.TextFlag.TextWordWrap),
                self.tr("No coloured layer is shown."),
            )
            painter.end()
            return
        tm = QFontMetricsF(tick_font)
        for entry, (heading, ramp) in zip(self.entries, self.entry_rects(), strict=True):
            painter.setFont(heading_font)
            painter.setPen(text_colour)
            painter.drawText(heading, int(Qt.TextFlag.TextWordWrap), entry.heading)
            cmap = colormap(entry.cmap)
            gradient = QLinearGradient(QPointF(0, ramp.bottom()), QPointF(0, ramp.top()))
            for i in range(RAMP_STOPS + 1):
                r, g, b, _a = cmap(i / RAMP_STOPS)
                gradient.setColorAt(i / RAMP_STOPS, QColor.fromRgbF(r, g, b))
            painter.fillRect(ramp, gradient)
            painter.setPen(QPen(QColor("#444444"), 1))
            painter.drawRect(ramp)
            lo, hi = entry.limits
            painter.setFont(tick_font)
            for value, label in zip(entry.ticks, entry.tick_labels, strict=False):
                if hi == lo:
                    continue
                y = ramp.bottom() - ramp.height() * (value - lo) / (hi - lo)
                painter.setPen(QPen(QColor("#444444"), 1))
                painter.drawLine(QPointF(ramp.right(), y), QPointF(ramp.right() + 5, y))
                painter.setPen(text_colour)
                painter.drawText(QPointF(ramp.right() + 9, y + tm.ascent() / 2 - 1), label)
        painter.end()


class LegendDock(QDockWidget):
    """The legend panel in a dock that scrolls when a city has many coloured layers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legend_dock")
        self.retranslate()
        self.panel = LegendPanel()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        self._sections = QVBoxLayout(body)
        self._sections.setContentsMargins(0, 0, 0, 0)
        self._sections.setSpacing(0)
        self._sections.addWidget(self.panel)
        scroll.setWidget(body)
        self.setWidget(scroll)
        self._view: Any = None

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Legend"))
        view = getattr(self, "_view", None)
        retitle = getattr(view, "retitle", None)
        if callable(retitle):
            retitle()  # the entries' titles in the new language (twin_app/core/titles.py)
        if view is not None:
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def add_section(self, widget: QWidget) -> None:
        """Another key above the colour ramps (the feedback pins' symbols), shown while it is visible."""
        self._sections.insertWidget(self._sections.count() - 1, widget)

    def follow(self, view: Any) -> None:
        """Show ``view``'s entries now and whenever its layers change."""
        self._view = view
        subscribe = getattr(view, "on_legend_change", None)
        if callable(subscribe):
            subscribe(self.refresh)
        else:
            view.model.subscribe(lambda *_: self.refresh())
        self.refresh()

    def refresh(self, *_args: Any) -> None:
        if self._view is not None:
            self.panel.set_entries(legend_entries(self._view))
            # room for a first entry without scrolling; more entries scroll
            self.widget().setMinimumHeight(min(self.panel.sizeHint().height(), MIN_DOCK_HEIGHT))


def legend_dock(parent: QWidget | None = None) -> LegendDock:
    return LegendDock(parent)


__all__ = ["LegendDock", "LegendPanel", "legend_dock"]
