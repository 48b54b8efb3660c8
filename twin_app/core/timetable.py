"""A transit timetable and the departures it gives a stop in a service window.

A layer kind (GTFS today, perhaps NeTEx tomorrow) reads its files into a
:class:`Timetable`; the accessibility analyses count departures from it.
Keeping the counting here, and the file reading in the kind, lets an
analysis filter stops by frequency without knowing any file format (and
without importing a layer kind's code).

The counting follows the GTFS reference:

* a service runs on a date when ``calendar`` says so for that weekday within
  its date range, plus ``calendar_dates`` exceptions (type 1 adds it, type 2
  removes it); a feed may have only one of the two tables;
* a trip listed in ``frequencies`` runs every ``headway_secs`` from each
  ``start_time`` (before ``end_time``), its stop times giving the offsets
  from its first stop;
* times are on the service day and may pass 24:00; the previous day's
  after-midnight trips are not counted.

pandas is imported inside the functions: this module is reached from
``twin_app.api``, which every layer kind imports at start-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from twin_app.core.errors import TwinError
from twin_app.core.i18n import _

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

#: GTFS route_type (basic and extended) -> mode name shown to people
MODES: dict[int, str] = {
    0: "tram",
    1: "metro",
    2: "rail",
    3: "bus",
    4: "ferry",
    5: "cable tram",
    6: "aerial lift",
    7: "funicular",
    11: "trolleybus",
    12: "monorail",
}

#: families of GTFS extended route types (route_type // 100) -> mode name
_EXTENDED_FAMILIES: dict[int, str] = {
    1: "rail",
    2: "coach",
    4: "metro",
    7: "bus",
    8: "trolleybus",
    9: "tram",
    10: "ferry",
    12: "ferry",
}

WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def mode_name(route_type: int) -> str:
    """Name the mode of a basic or extended (100..1700) GTFS route_type ("other" when unknown)."""
    if route_type in MODES:
        return MODES[route_type]
    return _EXTENDED_FAMILIES.get(route_type // 100, "other")


class _Window(Protocol):
    """What the counting needs of a service window (``twin_app.core.params.TimeWindow``)."""

    @property
    def date(self) -> dt.date: ...

    @property
    def start_s(self) -> int: ...

    @property
    def end_s(self) -> int: ...


@dataclass(eq=False)
class Timetable:
    """The parts of a feed that say when vehicles leave which stop.

    All ids are strings; dates are ``YYYYMMDD`` strings (they compare in date
    order); times are seconds after the service day's midnight (float, NaN
    where the feed leaves them blank or malformed).

    * ``calendar``: ``service_id``, the seven weekday columns ("1" runs),
      ``start_date``, ``end_date`` (may be empty);
    * ``calendar_dates``: ``service_id``, ``date``, ``exception_type`` ("1"/"2"; may be empty);
    * ``trips``: ``trip_id``, ``service_id``, ``route_type`` (int, -1 unknown);
    * ``stop_times``: ``trip_id``, ``stop_id``, ``t``: the boardings only
      (``pickup_type`` 1, "no pickup", left out), at the departure time or,
      where it is blank, the arrival time; rows with neither are left out;
    * ``frequencies``: ``trip_id``, ``start``, ``end``, ``headway`` (seconds; may be empty).
    """

    #: what the timetable is, for messages: "GTFS feed hsl.zip"
    feed: str
    calendar: pd.DataFrame
    calendar_dates: pd.DataFrame
    trips: pd.DataFrame
    stop_times: pd.DataFrame
    frequencies: pd.DataFrame

    def describe(self) -> str:
        return f"{self.feed}: {len(self.trips)} trips, {len(self.stop_times)} boardings"


def gtfs_seconds(times: pd.Series) -> np.ndarray:
    """GTFS 'H:MM:SS' (hours may pass 24) to seconds; blank or malformed -> NaN.

    A feed repeats the same few thousand times millions of times, so each
    distinct value is parsed once.
    """
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(times.astype(str), use_na_sentinel=True)
    parts = pd.Series(uniques, dtype=str).str.extract(r"^\s*(\d+):(\d{2}):(\d{2})\s*$")
    h, m, s = (pd.to_numeric(parts[i], errors="coerce").to_numpy(dtype=float) for i in range(3))
    values = np.append(h * 3600 + m * 60 + s, np.nan)  # code -1 (missing) -> NaN
    return np.asarray(values[codes], dtype=float)


def active_services(timetable: Timetable, window: _Window) -> set[str]:
    """Service ids running on the window's date (calendar plus calendar_dates exceptions)."""
    day = window.date.strftime("%Y%m%d")
    weekday = window.date.strftime("%A").lower()
    calendar = timetable.calendar
    active: set[str] = set()
    if len(calendar) and weekday in calendar:
        runs = (calendar["start_date"] <= day) & (calendar["end_date"] >= day) & (calendar[weekday] == "1")
        active = set(calendar.loc[runs, "service_id"])
    dates = timetable.calendar_dates
    if len(dates) and {"date", "exception_type", "service_id"} <= set(dates.columns):
        today = dates[dates["date"] == day]
        active |= set(today.loc[today["exception_type"] == "1", "service_id"])
        active -= set(today.loc[today["exception_type"] == "2", "service_id"])
    if not active:
        span = _service_span(timetable)
        if span is None:
            message = _(
                "The {feed} has no service on {date}, nor on any other date; choose another feed."
            ).format(feed=_feed_words(timetable.feed), date=window.date.isoformat())
        else:
            message = _(
                "The {feed} has no service on {date} (it runs from {first} to {last}); choose a service "
                "window on a day it covers."
            ).format(
                feed=_feed_words(timetable.feed), date=window.date.isoformat(), first=span[0], last=span[1]
            )
        raise TwinError(message)
    return active


def _feed_words(feed: str) -> str:
    """``feed`` ("GTFS feed hsl.zip") in the current language (the words before the file name)."""
    prefix = "GTFS feed "
    if feed.startswith(prefix):
        return _("GTFS feed {name}").format(name=feed[len(prefix) :])
    return feed


def _service_span(timetable: Timetable) -> tuple[str, str] | None:
    """The first and last dates the feed mentions, for messages (None when it names none)."""
    dates: list[str] = []
    if len(timetable.calendar):
        dates += [str(v) for v in timetable.calendar["start_date"]]
        dates += [str(v) for v in timetable.calendar["end_date"]]
    if len(timetable.calendar_dates) and "date" in timetable.calendar_dates:
        dates += [str(v) for v in timetable.calendar_dates["date"]]
    dates = [d.strip() for d in dates if d.strip()]
    if not dates:
        return None
    first, last = (_day(d) for d in (min(dates), max(dates)))
    return first, last


def _day(day: str) -> str:
    """A GTFS date (YYYYMMDD) as ISO 8601, the way a service window is typed (as given when it is not one).

    The dates stay ISO in every language: the planner copies one into the
    service window parameter, which is written ``2024-03-05 07:00-09:00``.
    """
    return f"{day[:4]}-{day[4:6]}-{day[6:]}" if len(day) == 8 and day.isdigit() else day


def departures_per_hour(
    timetable: Timetable, window: _Window, capacity: Mapping[str, str], *, high: str = "high"
) -> pd.DataFrame:
    """Per stop_id: departures per hour in the window, of all modes (``all``) and of high-capacity ones.

    ``capacity`` maps a mode name (:func:`mode_name`) to ``high`` or
    anything else; the high-capacity column is named ``high``.
    """
    import numpy as np
    import pandas as pd

    active = active_services(timetable, window)
    trips = timetable.trips
    trips = trips[trips["service_id"].isin(active)]
    route_type = trips["route_type"].to_numpy()
    modes = {int(rt): mode_name(int(rt)) for rt in np.unique(route_type)}
    trips = trips.assign(high=[capacity.get(modes[int(rt)], "") == high for rt in route_type])
    times = timetable.stop_times
    times = times[times["trip_id"].isin(trips["trip_id"])]
    freq = timetable.frequencies
    freq_trips = set(freq["trip_id"]) if len(freq) else set()
    plain = times[~times["trip_id"].isin(freq_trips)]
    plain = plain[(plain["t"] >= window.start_s) & (plain["t"] < window.end_s)].assign(n=1.0)
    parts = [plain[["trip_id", "stop_id", "n"]]]
    if freq_trips:
        f = freq[["trip_id", "start", "end", "headway"]].dropna()
        f = f[f["headway"] > 0]
        templ = times[times["trip_id"].isin(freq_trips)].copy()
        templ["offset"] = templ["t"] - templ.groupby("trip_id")["t"].transform("min")
        pairs = templ.merge(f, on="trip_id")
        h = pairs["headway"].to_numpy(dtype=float)
        t0 = pairs["start"].to_numpy(dtype=float) + pairs["offset"].to_numpy(dtype=float)
        runs = np.ceil((pairs["end"].to_numpy(dtype=float) - pairs["start"].to_numpy(dtype=float)) / h)
        k_min = np.maximum(0.0, np.ceil((window.start_s - t0) / h))
        k_max = np.minimum(runs - 1, np.ceil((window.end_s - t0) / h) - 1)
        pairs["n"] = np.maximum(0.0, k_max - k_min + 1)
        parts.append(pairs[["trip_id", "stop_id", "n"]])
    counted = pd.concat(parts, ignore_index=True).merge(trips[["trip_id", "high"]], on="trip_id")
    hours = (window.end_s - window.start_s) / 3600.0
    counted["n_high"] = counted["n"] * counted["high"]
    per_stop = counted.groupby("stop_id")[["n", "n_high"]].sum() / hours
    return per_stop.rename(columns={"n": "all", "n_high": high})
