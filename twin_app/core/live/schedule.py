"""Vehicles of a GTFS timetable on one service day, moved along their routes: a simulated feed.

``schedule:PATH/TO/gtfs.zip`` with the options of :mod:`sim_time` (``date``
required).  It is how a city without a live vehicle feed (or a twin opened
with no network) still shows transit moving: every trip that runs on the
date is a vehicle, at the place the timetable puts it.  Nothing here is
real-time: each fix says ``simulated: true``.

Where a vehicle is at time t (seconds of the service day):

* between its departure from one stop and its arrival at the next it moves
  at constant speed along the trip's shape, between the two stops'
  distances along it: ``shape_dist_traveled`` when both stop_times and
  shapes give it, otherwise the stops projected onto the shape (in local
  metres) in their order: the placement nearest the stops that never puts
  one behind the stop before it;
* between arrival and departure at a stop it waits there;
* a trip without a shape moves along straight lines between its stops;
* stops without times (allowed between timepoints), and stops given the
  same time as the stop before (timetables round to the minute), get times
  in proportion to distance between the timed stops around them;
* a trip listed in ``frequencies.txt`` is a template: it runs from each
  start (every ``headway_secs`` from ``start_time`` until ``end_time``),
  each run a vehicle of its own (``trip_id@HH:MM:SS``).

Services run on the date as ``calendar`` and ``calendar_dates`` say
(:func:`twin_app.core.timetable.active_services`).  Times are in the
first agency's ``agency_timezone`` and stored in UTC.  Everything a tick
needs is computed once per trip (numpy arrays of times and distances), so a
tick is three interpolations per running vehicle.
"""

from __future__ import annotations

import datetime as dt
import math
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from twin_app.core.errors import CorruptFileError, FeedError, MissingFileError, TwinError
from twin_app.core.i18n import _, format_number, ngettext
from twin_app.core.live.observation import Observation, ObservationKind
from twin_app.core.live.sim_time import SimOptions, TickedSource, service_base, system_now, zone
from twin_app.core.timetable import Timetable, active_services, gtfs_seconds, mode_name

if TYPE_CHECKING:
    import pandas as pd

SCHEME = "schedule"
#: mean Earth radius (m), for the local metres that stops are projected in
_EARTH_M = 6_371_008.8
#: simulated seconds between two fixes of a vehicle
DEFAULT_INTERVAL_S = 5.0

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def read_table(path: Path, name: str, columns: tuple[str, ...], *, required: bool = True) -> pd.DataFrame:
    """One GTFS table as strings, with every one of ``columns`` (blank where the feed has none)."""
    import pandas as pd

    try:
        with zipfile.ZipFile(path) as archive:
            members = {Path(m).name: m for m in archive.namelist()}
            if name not in members:
                if required:
                    raise CorruptFileError(
                        path, fmt="a GTFS feed", detail=_("it has no {table}").format(table=name)
                    )
                return pd.DataFrame(columns=list(columns))
            wanted = set(columns)
            with archive.open(members[name]) as handle:
                table = pd.read_csv(
                    handle,
                    dtype=str,
                    usecols=lambda c: c.strip() in wanted,
                    keep_default_na=False,
                    encoding="utf-8-sig",
                ).rename(columns=str.strip)
    except (RuntimeError, NotImplementedError, zipfile.BadZipFile, EOFError, UnicodeDecodeError) as exc:
        raise CorruptFileError(path, fmt="a GTFS feed (zip)", detail=str(exc)) from exc
    except (OSError, ValueError) as exc:
        raise CorruptFileError(path, fmt="a GTFS feed (zip)", detail=str(exc)) from exc
    missing = [c for c in columns if c not in table]
    return table.assign(**dict.fromkeys(missing, "")) if missing else table


@dataclass(frozen=True)
class TripPlan:
    """One trip's way through the day, ready to be sampled.

    ``knot_t``/``knot_d``: the time (s of the service day, for the
    template's own start) and the distance along the path at each arrival
    and departure, non-decreasing.  ``path_lon``/``path_lat``/``path_d``:
    the path's vertices and their distance along it; ``bearing``: the
    direction (degrees clockwise from north) of the segment after each
    vertex, a zero-length segment taking the next real one's.
    """

    trip_id: str
    route: str
    headsign: str
    route_type: int
    knot_t: np.ndarray
    knot_d: np.ndarray
    path_lon: np.ndarray
    path_lat: np.ndarray
    path_d: np.ndarray
    bearing: np.ndarray


def local_metres(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Equirectangular metres about the points' mean latitude: exact enough along one route."""
    k = math.cos(math.radians(float(np.mean(lat))))
    return np.radians(lon) * _EARTH_M * k, np.radians(lat) * _EARTH_M


def cumulative(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(np.hypot(np.diff(x), np.diff(y)))])


def segment_bearings(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Degrees clockwise from north of each segment (one per vertex, the last repeating the one before)."""
    x, y = local_metres(lon, lat)
    dx, dy = np.diff(x), np.diff(y)
    moving = np.hypot(dx, dy) > 1e-6
    angles = np.degrees(np.arctan2(dx, dy)) % 360.0
    if not moving.any():
        return np.zeros(len(lon))
    # a zero-length segment takes the bearing of the next real one (the last real one at the end)
    idx = np.where(moving, np.arange(len(dx)), len(dx))
    nxt = np.minimum.accumulate(idx[::-1])[::-1]
    last = int(np.nonzero(moving)[0][-1])
    nxt = np.where(nxt == len(dx), last, nxt)
    out = angles[nxt]
    return np.append(out, out[-1])


def project_monotonic(
    path_x: np.ndarray, path_y: np.ndarray, stop_x: np.ndarray, stop_y: np.ndarray
) -> np.ndarray:
    """Each stop's distance along the path, in order: the placement nearest the stops that keeps their order.

    Projecting each stop on its own fails where a route passes a stop twice
    (a loop, or out and back on one street): a stop would land on the wrong
    pass and drag the ones after it along.  So every stop is projected onto
    every segment, and the segments chosen are those of least total distance
    from the stops among the choices that never go backwards (dynamic
    programming over stops × segments; a few thousand cells per trip).
    """
    dx, dy = np.diff(path_x), np.diff(path_y)
    seg_len = np.hypot(dx, dy)
    start = np.concatenate([[0.0], np.cumsum(seg_len)])[:-1]
    len2 = seg_len**2
    tx = stop_x[:, None] - path_x[None, :-1]
    ty = stop_y[:, None] - path_y[None, :-1]
    u = np.divide(tx * dx + ty * dy, len2, out=np.zeros_like(tx), where=len2 > 0)
    u = np.clip(u, 0.0, 1.0)
    off = np.hypot(tx - u * dx, ty - u * dy)
    along = start[None, :] + u * seg_len[None, :]
    n, m = off.shape
    index = np.arange(m)
    cost = off[0].copy()
    back = np.zeros((n, m), dtype=int)
    for i in range(1, n):
        # stop i on segment j follows stop i-1 on an earlier segment, or on j itself if not ahead of it
        running = np.minimum.accumulate(cost)
        running_at = np.maximum.accumulate(np.where(cost == running, index, 0))
        earlier = np.concatenate([[np.inf], running[:-1]])
        earlier_at = np.concatenate([[0], running_at[:-1]])
        same = np.where(along[i - 1] <= along[i] + 1e-9, cost, np.inf)
        best = np.minimum(earlier, same)
        if not np.isfinite(best).any():  # nothing keeps the order: take the nearest placement
            best, earlier_at, same = running, running_at, np.full(m, np.inf)
        back[i] = np.where(same <= earlier, index, earlier_at)
        cost = off[i] + best
    chosen = np.empty(n, dtype=int)
    chosen[-1] = int(np.argmin(cost))
    for i in range(n - 1, 0, -1):
        chosen[i - 1] = back[i][chosen[i]]
    return np.maximum.accumulate(along[np.arange(n), chosen])


class ScheduleSource(TickedSource):
    """The vehicles of a GTFS feed on one service date, as a feed of simulated fixes."""

    def __init__(
        self,
        path: Path | str,
        options: Mapping[str, Any] | None = None,
        *,
        name: str | None = None,
        now: Callable[[], dt.datetime] = system_now,
    ) -> None:
        options = dict(options or {})
        self.path = Path(path)
        self.name = name or options.get("name") or f"schedule:{self.path.stem}"
        self.sim = SimOptions.read(options, feed=self.name, interval_s=DEFAULT_INTERVAL_S)
        if not self.path.is_file():
            raise MissingFileError(self.path, what="GTFS feed")
        self.tz = self._agency_zone(options.get("timezone"))
        self.base = service_base(self.sim.date, self.tz)
        #: what was skipped while reading, for the log
        self.notes: list[str] = []
        self.plans = self._plans()
        starts, ends, plan_of, shifts, entities = self._runs()
        self.run_start, self.run_end, self.run_plan, self.run_shift = starts, ends, plan_of, shifts
        self.run_entity = entities
        self._pack()
        if not len(starts):
            raise FeedError(
                _(
                    "The GTFS feed '{path}' has services on {date} but no trip with two timed stops, so "
                    "there is no vehicle to move; check its stop_times.txt."
                ).format(path=self.path, date=self.sim.date.isoformat())
            )
        self.start_s = self.sim.start_seconds(self.tz, now)
        self.end_s = self.sim.end_s if self.sim.end_s is not None else float(self.run_end.max())
        self._init_run()

    # -- reading -----------------------------------------------------------------------------

    def _agency_zone(self, fallback: Any) -> Any:
        agency = read_table(self.path, "agency.txt", ("agency_timezone",), required=False)
        names = [n for n in agency["agency_timezone"] if n]
        if names:
            return zone(
                names[0], what=_("agency_timezone in agency.txt of '{file}'").format(file=self.path.name)
            )
        if fallback:
            return zone(fallback, what=_("the option timezone"))
        raise FeedError(
            _(
                "The GTFS feed '{path}' names no agency_timezone in agency.txt, so its times cannot be "
                "placed in UTC; add it, or give the option timezone (e.g. Europe/Helsinki)."
            ).format(path=self.path)
        )

    def _trips(self) -> pd.DataFrame:
        calendar = read_table(
            self.path, "calendar.txt", ("service_id", *_WEEKDAYS, "start_date", "end_date"), required=False
        )
        dates = read_table(
            self.path, "calendar_dates.txt", ("service_id", "date", "exception_type"), required=False
        )
        empty = calendar.iloc[0:0]
        timetable = Timetable(
            # TRANSLATORS: names a timetable in a sentence, e.g. "GTFS feed helsinki.zip"
            feed=_("GTFS feed {file}").format(file=self.path.name),
            calendar=calendar,
            calendar_dates=dates,
            trips=empty,
            stop_times=empty,
            frequencies=empty,
        )
        active = active_services(timetable, _Day(self.sim.date))
        trips = read_table(
            self.path, "trips.txt", ("trip_id", "route_id", "service_id", "trip_headsign", "shape_id")
        )
        routes = read_table(
            self.path, "routes.txt", ("route_id", "route_short_name", "route_long_name", "route_type")
        )
        trips = trips[trips["service_id"].isin(active)].drop_duplicates("trip_id")
        return trips.merge(routes.drop_duplicates("route_id"), on="route_id", how="left").fillna("")

    def _shapes(self, wanted: set[str]) -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
        import pandas as pd

        shapes = read_table(
            self.path,
            "shapes.txt",
            ("shape_id", "shape_pt_lat", "shape_pt_lon", "shape_pt_sequence", "shape_dist_traveled"),
            required=False,
        )
        shapes = shapes[shapes["shape_id"].isin(wanted)]
        out: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        if not len(shapes):
            return out
        numbers = pd.DataFrame(
            {
                "id": shapes["shape_id"],
                "seq": pd.to_numeric(shapes["shape_pt_sequence"], errors="coerce"),
                "lon": pd.to_numeric(shapes["shape_pt_lon"], errors="coerce"),
                "lat": pd.to_numeric(shapes["shape_pt_lat"], errors="coerce"),
                "d": pd.to_numeric(shapes["shape_dist_traveled"], errors="coerce"),
            }
        ).dropna(subset=["seq", "lon", "lat"])
        for shape_id, group in numbers.sort_values(["id", "seq"]).groupby("id", sort=False):
            if len(group) >= 2:
                out[str(shape_id)] = (group["lon"].to_numpy(), group["lat"].to_numpy(), group["d"].to_numpy())
        return out

    def _plans(self) -> list[TripPlan]:
        import pandas as pd

        trips = self._trips()
        stops = read_table(self.path, "stops.txt", ("stop_id", "stop_lat", "stop_lon"))
        stops = pd.DataFrame(
            {
                "stop_id": stops["stop_id"],
                "lon": pd.to_numeric(stops["stop_lon"], errors="coerce"),
                "lat": pd.to_numeric(stops["stop_lat"], errors="coerce"),
            }
        ).dropna()
        times = read_table(
            self.path,
            "stop_times.txt",
            ("trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence", "shape_dist_traveled"),
        )
        times = times[times["trip_id"].isin(trips["trip_id"])]
        times = times.merge(stops.drop_duplicates("stop_id"), on="stop_id", how="inner")
        times = times.assign(
            seq=pd.to_numeric(times["stop_sequence"], errors="coerce"),
            arr=gtfs_seconds(times["arrival_time"]),
            dep=gtfs_seconds(times["departure_time"]),
            sd=pd.to_numeric(times["shape_dist_traveled"], errors="coerce"),
        ).sort_values(["trip_id", "seq"])
        shapes = self._shapes(set(trips["shape_id"]) - {""})
        info: dict[str, Mapping[str, Any]] = {
            str(r["trip_id"]): {str(k): v for k, v in r.items()} for r in trips.to_dict("records")
        }
        ids = times["trip_id"].to_numpy()
        columns = {k: times[k].to_numpy(dtype=float) for k in ("arr", "dep", "lon", "lat", "sd")}
        # the rows of one trip are consecutive (sorted by trip, then sequence)
        cuts = np.flatnonzero(ids[1:] != ids[:-1]) + 1
        bounds = zip(np.concatenate([[0], cuts]), np.concatenate([cuts, [len(ids)]]), strict=True)
        plans: list[TripPlan] = []
        skipped: list[str] = []
        for a, b in bounds:
            if a == b:
                continue
            trip_id = str(ids[a])
            row = info[trip_id]
            rows = {k: v[a:b] for k, v in columns.items()}
            plan = self._plan(trip_id, row, rows, shapes.get(str(row["shape_id"])))
            if plan is None:
                skipped.append(trip_id)
            else:
                plans.append(plan)
        if skipped:
            self.notes.append(
                ngettext(
                    "{count} trip with fewer than two timed stops was left out ({trip}).",
                    "{count} trips with fewer than two timed stops were left out (e.g. {trip}).",
                    len(skipped),
                ).format(count=format_number(len(skipped)), trip=skipped[0])
            )
        return plans

    def _plan(
        self,
        trip_id: str,
        row: Mapping[str, Any],
        rows: Mapping[str, np.ndarray],
        shape: tuple[np.ndarray, np.ndarray, np.ndarray] | None,
    ) -> TripPlan | None:
        arr = rows["arr"].copy()
        dep = rows["dep"].copy()
        arr = np.where(np.isnan(arr), dep, arr)
        dep = np.where(np.isnan(dep), arr, dep)
        # times are whole minutes: a stop passed in the same minute as the one before is not reached
        # in no time, it is spread between the times around it like an untimed stop
        same = np.zeros(len(arr), dtype=bool)
        same[1:-1] = (arr[1:-1] == dep[:-2]) & (arr[1:-1] == dep[1:-1])
        arr[same] = dep[same] = np.nan
        timed = ~np.isnan(arr)
        if timed.sum() < 2:
            return None
        stop_lon = rows["lon"]
        stop_lat = rows["lat"]
        stop_sd = rows["sd"]
        if shape is not None:
            path_lon, path_lat, shape_d = shape
            if np.isfinite(shape_d).all() and np.isfinite(stop_sd).all():
                path_d = np.maximum.accumulate(shape_d)
                stop_d = np.maximum.accumulate(stop_sd)
            else:
                px, py = local_metres(path_lon, path_lat)
                # the stops in the same metres as the path (its mean latitude)
                k = math.cos(math.radians(float(np.mean(path_lat))))
                sx = np.radians(stop_lon) * _EARTH_M * k
                sy = np.radians(stop_lat) * _EARTH_M
                path_d = cumulative(px, py)
                stop_d = project_monotonic(px, py, sx, sy)
        else:
            path_lon, path_lat = stop_lon, stop_lat
            path_d = cumulative(*local_metres(stop_lon, stop_lat))
            stop_d = path_d
        if not timed.all():
            arr[~timed] = np.interp(stop_d[~timed], stop_d[timed], arr[timed])
            dep[~timed] = np.interp(stop_d[~timed], stop_d[timed], dep[timed])
        knot_t = np.maximum.accumulate(np.column_stack([arr, dep]).ravel())
        knot_d = np.repeat(stop_d, 2)
        route_type = pd_int(row.get("route_type", ""))
        return TripPlan(
            trip_id=trip_id,
            route=str(row.get("route_short_name") or row.get("route_long_name") or row.get("route_id") or ""),
            headsign=str(row.get("trip_headsign") or ""),
            route_type=route_type,
            knot_t=knot_t,
            knot_d=knot_d,
            path_lon=np.asarray(path_lon, dtype=float),
            path_lat=np.asarray(path_lat, dtype=float),
            path_d=np.asarray(path_d, dtype=float),
            bearing=segment_bearings(np.asarray(path_lon), np.asarray(path_lat)),
        )

    def _runs(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[str]]:
        """Each vehicle run of the day: (start, end, plan index, time shift, entity id)."""
        import pandas as pd

        freq = read_table(
            self.path,
            "frequencies.txt",
            ("trip_id", "start_time", "end_time", "headway_secs"),
            required=False,
        )
        freq = freq.assign(
            start=gtfs_seconds(freq["start_time"]),
            end=gtfs_seconds(freq["end_time"]),
            headway=pd.to_numeric(freq["headway_secs"], errors="coerce"),
        )
        by_trip: dict[str, list[tuple[float, float, float]]] = {}
        for trip_id, s, e, h in zip(
            freq["trip_id"], freq["start"], freq["end"], freq["headway"], strict=True
        ):
            if np.isfinite(s) and np.isfinite(e) and np.isfinite(h) and h > 0:
                by_trip.setdefault(str(trip_id), []).append((float(s), float(e), float(h)))
        starts: list[float] = []
        ends: list[float] = []
        plan_of: list[int] = []
        shifts: list[float] = []
        entities: list[str] = []
        for i, plan in enumerate(self.plans):
            first, last = float(plan.knot_t[0]), float(plan.knot_t[-1])
            windows = by_trip.get(plan.trip_id)
            if windows is None:
                runs = [(plan.trip_id, 0.0)]
            else:
                runs = [
                    (f"{plan.trip_id}@{_hms(t0)}", t0 - first)
                    for s, e, h in windows
                    for t0 in np.arange(s, e, h, dtype=float)
                ]
            for entity, shift in runs:
                starts.append(first + shift)
                ends.append(last + shift)
                plan_of.append(i)
                shifts.append(shift)
                entities.append(entity)
        return np.array(starts), np.array(ends), np.array(plan_of, dtype=int), np.array(shifts), entities

    # -- sampling ------------------------------------------------------------------------------

    def _pack(self) -> None:
        """All plans' arrays end to end, each shifted past the one before, for one searchsorted per tick.

        Plan p's knot times become ``t - t_first + p·tspan`` and its path
        distances ``d - d_first + p·dspan``: one increasing key for the whole
        day, so the vehicles under way are all placed with a few numpy calls.
        """
        plans = self.plans
        tspan = max(float(p.knot_t[-1] - p.knot_t[0]) for p in plans) + 1.0
        dspan = max(float(p.path_d[-1] - p.path_d[0]) for p in plans) + 1.0
        self._first = np.array([float(p.knot_t[0]) for p in plans])
        self._kt = np.concatenate([p.knot_t - p.knot_t[0] + i * tspan for i, p in enumerate(plans)])
        self._kd = np.concatenate([p.knot_d - p.path_d[0] + i * dspan for i, p in enumerate(plans)])
        self._k0 = np.cumsum([0] + [len(p.knot_t) for p in plans])
        self._pd = np.concatenate([p.path_d - p.path_d[0] + i * dspan for i, p in enumerate(plans)])
        self._lon = np.concatenate([p.path_lon for p in plans])
        self._lat = np.concatenate([p.path_lat for p in plans])
        self._bearing = np.concatenate([p.bearing for p in plans])
        self._p0 = np.cumsum([0] + [len(p.path_d) for p in plans])
        self._tspan, self._dspan = tspan, dspan
        self._extra = [
            {
                "route": p.route,
                "headsign": p.headsign,
                "route_type": p.route_type,
                "mode": mode_name(p.route_type),
                "trip_id": p.trip_id,
            }
            for p in plans
        ]

    def running(self, t_s: float) -> np.ndarray:
        """Indices of the runs under way at ``t_s`` (from their first departure to their last arrival)."""
        return np.nonzero((self.run_start <= t_s) & (self.run_end >= t_s))[0]

    def positions(self, t_s: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(runs under way, lon, lat, bearing) at ``t_s``."""
        runs = self.running(t_s)
        p = self.run_plan[runs]
        local = t_s - self.run_shift[runs] - self._first[p]
        d, _ = _interp(self._kt, self._kd, self._k0[p], self._k0[p + 1], local + p * self._tspan)
        lon, i = _interp(self._pd, self._lon, self._p0[p], self._p0[p + 1], d)
        lat, _ = _interp(self._pd, self._lat, self._p0[p], self._p0[p + 1], d)
        return runs, lon, lat, self._bearing[i]

    def observations_at(self, t_s: float) -> list[Observation]:
        when = self.time_of(t_s)
        runs, lon, lat, bearing = self.positions(t_s)
        plans, entities, extras = self.run_plan, self.run_entity, self._extra
        return [
            Observation(
                source=self.name,
                entity=entities[r],
                time=when,
                kind=ObservationKind.VEHICLE,
                lon=x,
                lat=y,
                extra={**extras[plans[r]], "bearing": b, "simulated": True},
            )
            for r, x, y, b in zip(
                runs.tolist(),
                np.round(lon, 7).tolist(),
                np.round(lat, 7).tolist(),
                np.round(bearing, 1).tolist(),
                strict=True,
            )
        ]

    def peak_vehicles(self) -> tuple[int, float]:
        """The most runs under way at once over the window, and the first time (s) it happens."""
        events = np.concatenate([self.run_start, self.run_end])
        steps = np.concatenate([np.ones(len(self.run_start)), -np.ones(len(self.run_end))])
        # at equal times a start counts before an end: both are under way at that instant
        order = np.lexsort((-steps, events))
        counts = np.cumsum(steps[order])
        best = int(np.argmax(counts))
        return int(counts[best]), float(events[order][best])


def _interp(
    key: np.ndarray, values: np.ndarray, start: np.ndarray, end: np.ndarray, q: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Linear interpolation of ``values`` over ``key`` at ``q``, each query within ``key[start:end]``.

    Returns the values and the index of the segment each query fell in.
    """
    i = np.searchsorted(key, q, side="right") - 1
    i = np.clip(i, start, end - 2)
    x0, x1 = key[i], key[i + 1]
    span = x1 - x0
    frac = np.clip(np.divide(q - x0, span, out=np.zeros_like(q), where=span > 0), 0.0, 1.0)
    return values[i] + frac * (values[i + 1] - values[i]), i


@dataclass(frozen=True)
class _Day:
    """The one field of a service window :func:`active_services` reads."""

    date: dt.date
    start_s: int = 0
    end_s: int = 0


def pd_int(text: Any) -> int:
    try:
        value = float(text)
    except (TypeError, ValueError):
        return -1
    return int(value) if math.isfinite(value) and value == int(value) and 0 <= value <= 10_000 else -1


def _hms(seconds: float) -> str:
    s = round(seconds)
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


def schedule_source(path: str, options: Mapping[str, Any]) -> ScheduleSource:
    """The source behind ``schedule:PATH``; a feed with no service that day is a sentence, not a traceback."""
    try:
        return ScheduleSource(path, options, name=options.get("name"))
    except (FeedError, MissingFileError, CorruptFileError):
        raise
    except TwinError as exc:  # no service on the date
        raise FeedError(str(exc)) from None


__all__ = ["SCHEME", "ScheduleSource", "TripPlan", "read_table", "schedule_source", "segment_bearings"]
