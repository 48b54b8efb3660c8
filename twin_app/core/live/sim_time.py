"""The clock of a simulated feed: which day, from when to when, how fast, and the "now" rule.

The simulated feeds of a city (vehicles from a timetable, readings of
modelled sensors) must show the same moment when they are started together,
so they read the same options the same way:

* ``date``: the service date, ``YYYY-MM-DD`` (required);
* ``start``: ``"now"`` (the current time of day in the feed's time zone,
  put on the service date) or ``"HH:MM[:SS]"`` (hours may pass 24, as in
  GTFS); default ``"now"``;
* ``day_starts_at``: ``"HH:MM"``, where "now" changes from one operating day
  to the next, default ``"04:00"``.  Transit days run past midnight (GTFS
  writes a trip at 00:40 as 24:40 of the day before), so at 00:40 "now" is
  24:40 of the service date, where its night trips are, not 00:40, before
  its first trip: a simulated city shows vehicles at any hour;
* ``end``: ``"HH:MM[:SS]"``; each feed has its own default;
* ``speed``: simulated seconds per real second (1 = real time; 0 = as fast
  as the store takes them, to generate a whole day at once);
* ``interval_s``: simulated seconds between two fixes or readings of one thing.

Times on the service date follow GTFS: seconds after "noon minus 12 hours"
in the feed's time zone (midnight, except on the days clocks change), so a
trip at 25:10 runs at 01:10 the next morning.  :class:`TickedSource` runs
the ticks, paces them and hands the observations to the sink.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from twin_app.core.errors import FeedError
from twin_app.core.i18n import _, format_number
from twin_app.core.live.observation import Observation, Sink, SourceState, SourceStatus

_CLOCK = re.compile(r"^\s*(\d{1,3}):(\d{2})(?::(\d{2}))?\s*$")
#: observations handed to the sink at once when generating as fast as possible
BATCH = 5_000


def clock_seconds(text: str, *, what: str) -> float:
    """``"HH:MM"`` or ``"HH:MM:SS"`` (hours may pass 24) as seconds after the start of the service day."""
    match = _CLOCK.match(str(text))
    if match is None or int(match.group(2)) > 59 or int(match.group(3) or 0) > 59:
        raise FeedError(
            _(
                "The option {option} '{text}' is not a time of day; write it as HH:MM or HH:MM:SS, "
                "e.g. 07:30."
            ).format(option=what, text=text)
        )
    h, m, s = (int(g or 0) for g in match.groups())
    return float(h * 3600 + m * 60 + s)


def zone(name: str, *, what: str) -> ZoneInfo:
    """The IANA zone ``name``; ``what`` says in words (translated) where the name was given."""
    try:
        return ZoneInfo(str(name).strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise FeedError(
            _(
                "The time zone '{name}' ({where}) is not one twin_app knows; give an IANA name such as "
                "'Europe/Helsinki' or 'UTC'."
            ).format(where=what, name=name)
        ) from None


def service_base(date: dt.date, tz: ZoneInfo) -> dt.datetime:
    """The UTC instant from which the service day's seconds count: local noon minus 12 hours."""
    noon = dt.datetime.combine(date, dt.time(12), tzinfo=tz)
    return noon.astimezone(dt.UTC) - dt.timedelta(hours=12)


@dataclass(frozen=True)
class SimOptions:
    """The options of a simulated feed, read and checked (see the module's docstring)."""

    date: dt.date
    #: seconds after the service day's start; None: "now"
    start_s: float | None
    end_s: float | None
    speed: float
    interval_s: float
    #: seconds after midnight where "now" moves on to the next operating day
    day_starts_s: float = 4 * 3600.0

    @classmethod
    def read(cls, options: Mapping[str, Any], *, feed: str, interval_s: float) -> SimOptions:
        raw_date = options.get("date")
        if raw_date is None or raw_date == "":
            raise FeedError(
                _(
                    "The simulated feed '{feed}' needs the option date (the service day, YYYY-MM-DD), "
                    "e.g. --option date=2022-02-22."
                ).format(feed=feed)
            )
        if isinstance(raw_date, dt.date) and not isinstance(raw_date, dt.datetime):
            date = raw_date
        else:
            try:
                date = dt.date.fromisoformat(str(raw_date).strip())
            except ValueError:
                raise FeedError(
                    _(
                        "The date '{date}' of the simulated feed '{feed}' is not a date; write it as "
                        "YYYY-MM-DD, e.g. 2022-02-22."
                    ).format(date=raw_date, feed=feed)
                ) from None
        start = options.get("start", "now")
        start_s = None if str(start).strip().lower() in ("", "now") else clock_seconds(start, what="start")
        end = options.get("end")
        end_s = None if end in (None, "") else clock_seconds(end, what="end")
        speed = _number(options.get("speed", 1.0), "speed", feed)
        if speed < 0:
            raise FeedError(
                _(
                    "The speed {speed} of the simulated feed '{feed}' cannot be kept; give 1 for real time, "
                    "60 for a minute a second, or 0 for as fast as possible."
                ).format(speed=format_number(speed), feed=feed)
            )
        interval = _number(options.get("interval_s", interval_s), "interval_s", feed)
        if not interval > 0:
            raise FeedError(
                _(
                    "The interval_s {interval} of the simulated feed '{feed}' must be a number of seconds "
                    "above 0, e.g. 5."
                ).format(interval=format_number(interval), feed=feed)
            )
        day_starts = clock_seconds(options.get("day_starts_at", "04:00"), what="day_starts_at")
        if not 0 <= day_starts < 24 * 3600:
            raise FeedError(
                _(
                    "The day_starts_at of the simulated feed '{feed}' is a time of day between 00:00 and "
                    "23:59, e.g. 04:00."
                ).format(feed=feed)
            )
        return cls(
            date=date,
            start_s=start_s,
            end_s=end_s,
            speed=speed,
            interval_s=interval,
            day_starts_s=day_starts,
        )

    def start_seconds(self, tz: ZoneInfo, now: Callable[[], dt.datetime]) -> float:
        """The start in seconds of the service day; "now" is the time of day in ``tz`` now.

        Before ``day_starts_at`` the time of day is taken as the service
        day's hours past 24 (its night), as a transit operating day runs.
        """
        if self.start_s is not None:
            return self.start_s
        local = now().astimezone(tz)
        seconds = float(local.hour * 3600 + local.minute * 60 + local.second)
        return seconds + 24 * 3600 if seconds < self.day_starts_s else seconds


def _number(value: Any, key: str, feed: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise FeedError(
            _("The option {option} of the simulated feed '{feed}' must be a number, not '{value}'.").format(
                option=key, feed=feed, value=value
            )
        ) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise FeedError(
            _("The option {option} of the simulated feed '{feed}' must be a finite number.").format(
                option=key, feed=feed
            )
        )
    return number


def system_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class TickedSource:
    """A :class:`~twin_app.core.live.observation.Source` that computes its observations tick by tick.

    A subclass sets ``name``, ``sim`` (its :class:`SimOptions`), ``base``
    (:func:`service_base`), ``start_s`` and ``end_s``, and implements
    :meth:`observations_at`.  Ticks fall every ``interval_s`` simulated
    seconds from the start; with ``speed`` above 0 each is handed over when
    it is due in real time, with 0 as fast as the sink takes them.
    """

    name: str
    sim: SimOptions
    base: dt.datetime
    start_s: float
    end_s: float

    def _init_run(self) -> None:
        self.status = SourceStatus(source=self.name)
        self._stop = threading.Event()

    def observations_at(self, t_s: float) -> list[Observation]:
        raise NotImplementedError

    def ticks(self) -> int:
        """How many ticks the window holds (0 when it ends before it starts)."""
        if self.end_s < self.start_s:
            return 0
        return int((self.end_s - self.start_s) // self.sim.interval_s) + 1

    def time_of(self, t_s: float) -> dt.datetime:
        return self.base + dt.timedelta(seconds=t_s)

    def run(self, sink: Sink, *, until: float | None = None) -> None:
        self.status.state = SourceState.CONNECTED
        began = time.monotonic()
        batch: list[Observation] = []
        speed = self.sim.speed
        for k in range(self.ticks()):
            if self._stop.is_set() or (until is not None and time.monotonic() >= until):
                break
            t_s = self.start_s + k * self.sim.interval_s
            if speed > 0:
                due = began + (t_s - self.start_s) / speed
                while not self._stop.is_set() and time.monotonic() < due:
                    if until is not None and time.monotonic() >= until:
                        break
                    self._stop.wait(min(0.25, max(0.0, due - time.monotonic())))
                    self._update_rate(began)
                if self._stop.is_set() or (until is not None and time.monotonic() >= until):
                    break
            fixes = self.observations_at(t_s)
            self.status.received += len(fixes)
            batch.extend(fixes)
            if speed > 0 or len(batch) >= BATCH:
                self._flush(sink, batch)
                batch = []
            self._update_rate(began)
        self._flush(sink, batch)
        self.status.state = SourceState.STOPPED

    def _flush(self, sink: Sink, batch: list[Observation]) -> None:
        if batch:
            sink(batch)
            self.status.stored += len(batch)

    def _update_rate(self, began: float) -> None:
        """The average rate since the start, updated while waiting too, over at least a second: a
        station reading once a minute must not read as thousands a second just after its first tick."""
        self.status.messages_per_s = self.status.stored / max(time.monotonic() - began, 1.0)

    def stop(self) -> None:
        self._stop.set()


__all__ = ["BATCH", "SimOptions", "TickedSource", "clock_seconds", "service_base", "system_now", "zone"]
