"""The time slider: play, pause, speed, jump to a time, or follow live, for every time-varying layer at once.

The bar edits one :class:`~twin_app.core.live.clock.Clock` (the window's)
and says so with ``changed``; it never moves the clock by itself.  The
window's frame timer advances the clock, shows the layers at its time and
calls :meth:`TimeBar.refresh`, so what the bar says and what the view shows
come from the same tick.

Times are shown in the city's own time zone (``[city] timezone`` in
city.toml, else UTC) with the date and the zone's abbreviation: a replay of
an evening rush hour must read 17:00, not 15:00 UTC, and a replay of last
year must not look like today.  A typed time is read in that zone too.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QToolButton,
    QWidget,
)

from twin_app.core.live.clock import Clock

SPEEDS = (1.0, 10.0, 60.0, 600.0)
SLIDER_STEPS = 10_000
_TIME = re.compile(r"^\s*(?:(\d{4})-(\d{2})-(\d{2})[ T])?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$")


def city_zone(name: str | None) -> dt.tzinfo:
    """The city's time zone (IANA name), UTC when the city does not say or the name is unknown."""
    if not name:
        return dt.UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def parse_local_time(text: str, zone: dt.tzinfo, shown: dt.datetime) -> dt.datetime:
    """A typed "HH:MM[:SS]" (on the day shown) or "YYYY-MM-DD HH:MM[:SS]", read in the city's zone, as UTC."""
    match = _TIME.match(text)
    if match is None:
        raise ValueError(
            QCoreApplication.translate(
                "TimeBar", "'{text}' is not a time: type 17:30, 17:30:15 or 2022-02-22 17:30."
            ).format(text=text)
        )
    year, month, day, hour, minute, second = match.groups()
    local_day = shown.astimezone(zone).date()
    try:
        date = dt.date(int(year), int(month), int(day)) if year else local_day
        local = dt.datetime.combine(date, dt.time(int(hour), int(minute), int(second or 0)), tzinfo=zone)
    except ValueError as exc:
        raise ValueError(
            QCoreApplication.translate("TimeBar", "'{text}' is not a time that exists: {reason}.").format(
                text=text, reason=exc
            )
        ) from exc
    return local.astimezone(dt.UTC)


def format_time(time: dt.datetime, zone: dt.tzinfo) -> str:
    """The date and time in the city's zone, as the current language writes them, with the zone's name."""
    from twin_app.core.i18n import SOURCE_LANGUAGE, format_datetime, language

    local = time.astimezone(zone)
    if language() == SOURCE_LANGUAGE:
        return local.strftime("%a %d %b %Y  %H:%M:%S ") + (local.tzname() or "")
    return f"{format_datetime(local.replace(tzinfo=None), 'medium')}  {local.tzname() or ''}".rstrip()


class TimeBar(QWidget):
    """Play/pause, speed, a slider over what the store holds, the time, a jump box and a Live toggle."""

    #: the user moved the clock (play, pause, speed, jump, live): the window shows the new time at once
    changed = Signal()

    def __init__(self, clock: Clock, zone: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("time_bar")
        self.clock = clock
        self.zone = city_zone(zone)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        self.play_button = QToolButton()
        self.play_button.setObjectName("play")
        self.play_button.clicked.connect(self._toggle)
        self.speed = QComboBox()
        self.speed.setObjectName("speed")
        for speed in SPEEDS:
            self.speed.addItem(f"{speed:g}×", speed)
        self.speed.currentIndexChanged.connect(self._speed_chosen)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("time_slider")
        self.slider.setRange(0, SLIDER_STEPS)
        self.slider.sliderMoved.connect(self._slid)
        self.slider.actionTriggered.connect(lambda _action: self._slid(self.slider.sliderPosition()))
        self.label = QLabel()
        self.label.setObjectName("time_label")
        self.label.setMinimumWidth(
            self.label.fontMetrics().horizontalAdvance("Wed 22 Feb 2022  23:59:59 EEST__")
        )
        self.jump_box = QLineEdit()
        self.jump_box.setObjectName("jump_to")
        self.jump_box.setMaximumWidth(150)
        self.jump_box.returnPressed.connect(self._jump_typed)
        self.live_button = QPushButton()
        self.live_button.setObjectName("live")
        self.live_button.setCheckable(True)
        self.live_button.toggled.connect(self._live_toggled)
        self.message = QLabel()
        self.message.setObjectName("time_message")
        self.message.setStyleSheet("color: #b00020")
        for widget in (self.play_button, self.speed):
            layout.addWidget(widget)
        layout.addWidget(self.slider, 1)
        for widget in (self.label, self.jump_box, self.live_button, self.message):
            layout.addWidget(widget)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language (at start and at each language change)."""
        self.speed.setToolTip(self.tr("Replay speed (× real time)"))
        self.slider.setToolTip(self.tr("Drag to any moment the store holds"))
        self.jump_box.setPlaceholderText(self.tr("jump to 17:30"))
        self.jump_box.setToolTip(
            self.tr("Type a time (17:30, or 2022-02-22 17:30) in the city's time zone, then Enter")
        )
        self.live_button.setText(self.tr("Live"))
        self.live_button.setToolTip(self.tr("Follow the newest data the feeds have stored"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- the user's actions ---------------------------------------------------------------
    def _toggle(self) -> None:
        # moving (played or live) → paused where it is; paused → played from there
        if self.clock.playing:
            self.clock.pause()
        else:
            self.clock.play()
        self.changed.emit()
        self.refresh()

    def _speed_chosen(self, index: int) -> None:
        self.clock.set_speed(float(self.speed.itemData(index)))
        self.changed.emit()

    def _slid(self, position: int) -> None:
        self.clock.jump(self.clock.at_fraction(position / SLIDER_STEPS))
        self.changed.emit()
        self.refresh()

    def _jump_typed(self) -> None:
        try:
            self.jump_to(parse_local_time(self.jump_box.text(), self.zone, self.clock.time))
        except ValueError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText("")

    def _live_toggled(self, on: bool) -> None:
        if on == self.clock.live:
            return
        if on:
            self.clock.go_live()
        else:
            self.clock.pause()
        self.changed.emit()
        self.refresh()

    # -- the window's -----------------------------------------------------------------------
    def jump_to(self, time: dt.datetime) -> dt.datetime:
        """Show ``time`` (clamped to what the store holds); leaves live mode."""
        shown = self.clock.jump(time)
        self.changed.emit()
        self.refresh()
        return shown

    def set_span(self, first: dt.datetime, last: dt.datetime) -> None:
        if self.clock.span != (first, last):
            self.clock.set_span(first, last)
            self.refresh()

    def set_zone(self, zone: str | None) -> None:
        self.zone = city_zone(zone)
        self.refresh()

    def refresh(self) -> None:
        """Say what the clock says: its time, where it is in the span, playing or not, live or not."""
        clock = self.clock
        playing = clock.playing
        self.play_button.setText("❚❚" if playing else "▶")
        self.play_button.setToolTip(self.tr("Pause") if playing else self.tr("Play from here"))
        index = self.speed.findData(clock.speed)
        if index >= 0 and index != self.speed.currentIndex():
            self.speed.blockSignals(True)
            self.speed.setCurrentIndex(index)
            self.speed.blockSignals(False)
        if not self.slider.isSliderDown():
            self.slider.blockSignals(True)
            self.slider.setValue(round(clock.fraction() * SLIDER_STEPS))
            self.slider.blockSignals(False)
        self.slider.setEnabled(clock.span is not None)
        self.label.setText(format_time(clock.time, self.zone))
        if self.live_button.isChecked() != clock.live:
            self.live_button.blockSignals(True)
            self.live_button.setChecked(clock.live)
            self.live_button.blockSignals(False)


__all__ = ["SPEEDS", "TimeBar", "city_zone", "format_time", "parse_local_time"]
