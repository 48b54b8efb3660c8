"""The feed panel: each live source's state, rate, what is stored, what was malformed, the last error.

An operator's first question about a live map is whether the data are
flowing: this panel answers it per feed.  It polls the statuses the sources
keep (``FeedHub.statuses()``) at most twice a second, whatever the message
rate, so a flood costs the window two small table updates a second.  A
simulated feed says so, in its own words, under its row: a planner must
never take a simulation for the city's real vehicles or sensors.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from twin_app.core.i18n import format_number
from twin_app.core.live.feeds import FeedSpec
from twin_app.core.live.observation import SourceState, SourceStatus

#: at most this often (ms): twice a second reads as live and costs nothing under a flood
REFRESH_MS = 500
#: a rate worked out from counts is averaged over this many seconds (feeds deliver in bursts)
RATE_WINDOW_S = 5.0
#: the columns, by their English names (``row_texts``' keys); the headers show them translated
COLUMNS = (
    QT_TRANSLATE_NOOP("FeedPanel", "Feed"),
    QT_TRANSLATE_NOOP("FeedPanel", "State"),
    QT_TRANSLATE_NOOP("FeedPanel", "msg/s"),
    QT_TRANSLATE_NOOP("FeedPanel", "Stored"),
    QT_TRANSLATE_NOOP("FeedPanel", "Malformed"),
)
#: what ``row_texts`` calls the line under a feed's row that shows its last error
LAST_ERROR = "Last error"
#: each state as the panel says it
STATE_LABELS = {
    SourceState.CONNECTING: QT_TRANSLATE_NOOP("FeedPanel", "connecting"),
    SourceState.CONNECTED: QT_TRANSLATE_NOOP("FeedPanel", "connected"),
    SourceState.RECONNECTING: QT_TRANSLATE_NOOP("FeedPanel", "reconnecting"),
    SourceState.STOPPED: QT_TRANSLATE_NOOP("FeedPanel", "stopped"),
    SourceState.FAILED: QT_TRANSLATE_NOOP("FeedPanel", "failed"),
}
STATE_COLOURS = {
    SourceState.CONNECTING: "#8a6d00",
    SourceState.CONNECTED: "#1b7f3b",
    SourceState.RECONNECTING: "#b35900",
    SourceState.STOPPED: "#555555",
    SourceState.FAILED: "#b00020",
}
StatusPoll = Callable[[], list[SourceStatus]]


class FeedPanel(QTreeWidget):
    """One row per feed; a simulated feed's statement on a line of its own under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feed_panel")
        self.setColumnCount(len(COLUMNS))
        self.retranslate()
        self.setRootIsDecorated(False)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self._rows: dict[str, QTreeWidgetItem] = {}
        self._specs: dict[str, FeedSpec] = {}
        self._notes: dict[str, QTreeWidgetItem] = {}
        self._errors: dict[str, QTreeWidgetItem] = {}
        #: each feed's (monotonic time, messages received) over the last RATE_WINDOW_S (for a rate)
        self._seen: dict[str, deque[tuple[float, int]]] = {}
        self._poll: StatusPoll | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)

    def retranslate(self) -> None:
        """The headers in the current language; the rows follow at the next refresh."""
        self.setHeaderLabels([QCoreApplication.translate("FeedPanel", name) for name in COLUMNS])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.refresh()
            for feed_id, row in self._rows.items():
                row.setText(1, state_label(SourceState(row.data(1, Qt.ItemDataRole.UserRole))))
                self._title_row(row, self._specs[feed_id])
            for feed_id, note in self._notes.items():
                self._note_row(note, self._specs[feed_id])
        super().changeEvent(event)

    def _note_row(self, note: QTreeWidgetItem, spec: FeedSpec) -> None:
        """The feed's own statement in the current language, said to be a simulation unless it says so.

        Whether it says so is read from the statement as the city wrote it: its
        translations (``simulated_texts``) say it in their own words.
        """
        statement = spec.display_simulated() or ""
        if not (spec.simulated or "").lower().startswith("simulated"):
            statement = self.tr("Simulated: {statement}").format(statement=statement)
        note.setText(0, statement)
        note.setToolTip(0, statement)

    def _title_row(self, row: QTreeWidgetItem, spec: FeedSpec) -> None:
        """The feed's title in the current language (twin_app/core/titles.py), at start and on a switch."""
        row.setText(0, spec.display_title())
        row.setToolTip(
            0,
            self.tr("{title}\nsource: {source}\nstored as: {id}").format(
                title=spec.display_title(), source=spec.source, id=spec.id
            ),
        )

    def add_feed(self, spec: FeedSpec) -> None:
        """A row for ``spec`` (again for a feed already listed: its row is kept)."""
        if spec.id in self._rows:
            return
        row = QTreeWidgetItem(["", state_label(SourceState.CONNECTING), "–", "0", "0"])
        row.setData(1, Qt.ItemDataRole.UserRole, SourceState.CONNECTING.value)
        self._specs[spec.id] = spec
        self._title_row(row, spec)
        for column in range(2, 5):
            row.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.addTopLevelItem(row)
        if spec.simulated:
            note = QTreeWidgetItem()
            self._note_row(note, spec)
            note.setForeground(0, QBrush(QColor("#5a4a00")))
            note.setFlags(Qt.ItemFlag.ItemIsEnabled)
            row.addChild(note)
            note.setFirstColumnSpanned(True)
            self._notes[spec.id] = note
        error = QTreeWidgetItem([""])
        error.setForeground(0, QBrush(QColor(STATE_COLOURS[SourceState.FAILED])))
        error.setFlags(Qt.ItemFlag.ItemIsEnabled)
        row.addChild(error)
        error.setFirstColumnSpanned(True)
        error.setHidden(True)
        row.setExpanded(True)
        self._rows[spec.id] = row
        self._errors[spec.id] = error

    def set_feeds(self, specs: Iterable[FeedSpec]) -> None:
        self.clear()
        self._rows, self._notes, self._errors, self._seen = {}, {}, {}, {}
        for spec in specs:
            self.add_feed(spec)

    def follow(self, poll: StatusPoll | None, *, own_timer: bool = True) -> None:
        """Show ``poll()``'s statuses now and every :data:`REFRESH_MS` (None: stop following).

        ``own_timer=False`` leaves the refreshes to the caller (the window's
        frame timer), so the panel is repainted with the view's frame rather
        than on a beat of its own: with a software OpenGL every repaint of a
        window holding the 3D view costs a composition of the whole window.
        """
        self._poll = poll
        if poll is None:
            self._timer.stop()
            return
        self.refresh()
        if own_timer:
            self._timer.start()

    def refresh(self) -> None:
        if self._poll is None:
            return
        try:
            statuses = self._poll()
        except RuntimeError:  # the hub was closed between two ticks
            self._timer.stop()
            return
        for status in statuses:
            self.show_status(status)

    def show_status(self, status: SourceStatus) -> None:
        row = self._rows.get(status.source)
        if row is None:
            return
        state = SourceState(status.state)
        row.setText(1, state_label(state))
        row.setData(1, Qt.ItemDataRole.UserRole, state.value)
        row.setForeground(1, QBrush(QColor(STATE_COLOURS.get(state, "#222222"))))
        row.setText(2, format_number(self._rate(status), 1))
        row.setText(3, format_number(status.stored, 0))
        row.setText(4, format_number(status.malformed, 0))
        if status.malformed:
            samples = "\n".join(status.malformed_samples[:3])
            row.setToolTip(
                4,
                self.tr("Malformed messages: {count}. For example:\n{samples}").format(
                    count=format_number(status.malformed), samples=samples
                ),
            )
        error = self._errors[status.source]
        error.setText(
            0, self.tr("Last error: {error}").format(error=status.last_error) if status.last_error else ""
        )
        error.setToolTip(0, status.last_error or "")
        error.setHidden(not status.last_error)

    def _rate(self, status: SourceStatus) -> float:
        """Messages a second: the source's own figure, else what it received over the last few seconds."""
        now = time.monotonic()
        seen = self._seen.setdefault(status.source, deque())
        seen.append((now, max(status.received, status.stored)))
        while len(seen) > 2 and now - seen[1][0] >= RATE_WINDOW_S:
            seen.popleft()
        if status.messages_per_s > 0 or len(seen) < 2:
            return status.messages_per_s
        # over the whole window even while it fills: a first burst must not read as a flood
        return max(seen[-1][1] - seen[0][1], 0) / max(now - seen[0][0], RATE_WINDOW_S)

    def row_texts(self, feed_id: str) -> dict[str, str]:
        """What the panel shows for one feed, by column name (and the simulated statement, if any)."""
        row = self._rows[feed_id]
        out = {name: row.text(i) for i, name in enumerate(COLUMNS)}
        error = self._errors[feed_id]
        out[LAST_ERROR] = error.toolTip(0) if not error.isHidden() else ""
        if feed_id in self._notes:
            out["note"] = self._notes[feed_id].text(0)
        return out

    def stop(self) -> None:
        self.follow(None)


def state_label(state: SourceState) -> str:
    """A feed's state in the current language."""
    return QCoreApplication.translate("FeedPanel", STATE_LABELS.get(state, state.value))


__all__ = ["LAST_ERROR", "REFRESH_MS", "FeedPanel"]
