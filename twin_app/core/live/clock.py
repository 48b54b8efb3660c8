"""The time every time-varying layer shows: played, paused, sped up, jumped to, or following live.

One clock per window drives all live layers and time-stamped tables in
sync.  It is plain arithmetic on aware UTC datetimes, free of Qt: the window
calls :meth:`Clock.advance` from its frame timer with the wall seconds that
passed, tests call it with whatever they like.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: the replay speeds a user may choose (× real time)
MIN_SPEED = 0.1
MAX_SPEED = 3600.0


@dataclass
class Clock:
    """Where replay stands.

    ``span`` is what the store holds (first and last observation); replay
    stays inside it and pauses at its end.  In ``live`` mode the clock
    follows the time the caller says is "now" (the wall clock for a real
    feed, the feed's own latest time for a replayed or simulated one) and
    ignores play, pause and speed.
    """

    time: dt.datetime
    speed: float = 1.0
    playing: bool = False
    live: bool = False
    span: tuple[dt.datetime, dt.datetime] | None = None

    def __post_init__(self) -> None:
        if self.time.tzinfo is None:
            raise ValueError("the clock's time must be timezone-aware (UTC)")
        self.set_speed(self.speed)

    def set_span(self, first: dt.datetime, last: dt.datetime) -> None:
        if last < first:
            raise ValueError("a span ends after it starts")
        self.span = (first, last)

    def play(self) -> None:
        self.live = False
        if self.span is not None and self.time >= self.span[1]:
            self.time = self.span[0]  # playing from the end starts over, as media players do
        self.playing = True

    def pause(self) -> None:
        self.live = False
        self.playing = False

    def toggle(self) -> None:
        if self.playing and not self.live:
            self.pause()
        else:
            self.play()

    def set_speed(self, speed: float) -> None:
        if not (MIN_SPEED <= speed <= MAX_SPEED):
            raise ValueError(f"Choose a replay speed between {MIN_SPEED:g}× and {MAX_SPEED:g}× real time.")
        self.speed = float(speed)

    def jump(self, time: dt.datetime) -> dt.datetime:
        """Show ``time`` (clamped to the span); leaves live mode, keeps playing or paused."""
        if time.tzinfo is None:
            raise ValueError("jump to a timezone-aware time")
        self.live = False
        self.time = self._clamped(time)
        return self.time

    def go_live(self) -> None:
        self.live = True
        self.playing = True

    def advance(self, wall_seconds: float, *, now: dt.datetime | None = None) -> dt.datetime:
        """Move on by ``wall_seconds`` of real time; in live mode go to ``now`` (if given)."""
        if self.live:
            if now is not None:
                self.time = now
            return self.time
        if not self.playing or wall_seconds <= 0:
            return self.time
        moved = self.time + dt.timedelta(seconds=wall_seconds * self.speed)
        if self.span is not None and moved >= self.span[1]:
            moved = self.span[1]
            self.playing = False
        self.time = moved
        return self.time

    def fraction(self) -> float:
        """Where the time stands in the span, 0–1 (for a slider); 0 without a span."""
        if self.span is None:
            return 0.0
        first, last = self.span
        total = (last - first).total_seconds()
        return 0.0 if total <= 0 else min(max((self.time - first).total_seconds() / total, 0.0), 1.0)

    def at_fraction(self, fraction: float) -> dt.datetime:
        """The time at a slider position 0–1 of the span."""
        if self.span is None:
            return self.time
        first, last = self.span
        return first + (last - first) * min(max(fraction, 0.0), 1.0)

    def _clamped(self, time: dt.datetime) -> dt.datetime:
        if self.span is None:
            return time
        return min(max(time, self.span[0]), self.span[1])


__all__ = ["MAX_SPEED", "MIN_SPEED", "Clock"]
