"""Replay from the store: what every time-varying layer shows at one moment, in sync.

The window's clock says a time; :class:`Playback` asks each registered item
(vehicles of one feed, sensors of another, a time-stamped table...) to show
that same time, and each item writes one frame through
``CityModel.update_live``, so the scene moves markers in place.

Everything is read through :class:`ObservationReader`, a second, read-only
connection to the store: the feed hub's writer commits with
``synchronous=FULL`` (an fsync per batch) and the GUI thread must never wait
behind it.  WAL lets the reader see every committed batch while the writer
goes on.

Why items cache: a service day of five-second fixes is millions of rows, and
a frame is wanted ten times a second.  :class:`VehicleTracks` loads the fixes
of a window of time once (one indexed range query), answers frames from
numpy arrays with one ``searchsorted``, and tops the window up with the rows
appended since (by ``fid``, the arrival order) when the store grows, so
following a live feed costs a few new rows per frame, not a new query of all.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np
from pyproj import Transformer

from twin_app.core.errors import FeedError, MissingFileError
from twin_app.core.i18n import _
from twin_app.core.live import rows
from twin_app.core.live.frames import SensorFrame, Threshold, VehicleFrame
from twin_app.core.live.observation import Observation

if TYPE_CHECKING:
    from twin_app.core.model import CityModel

TABLE = rows.TABLE

#: the distinct entities of one source, one index seek each (a "loose index scan"): a store of
#: millions of rows holds only hundreds of sensors, and SELECT DISTINCT would read every row
_ENTITIES = f"""
WITH RECURSIVE e(entity) AS (
  SELECT MIN(entity) FROM {TABLE} WHERE source = :source
  UNION ALL
  SELECT (SELECT MIN(entity) FROM {TABLE} WHERE source = :source AND entity > e.entity)
  FROM e WHERE e.entity IS NOT NULL
)"""

#: per entity of a source: its last reading at or before :at (if any) and its first row (where it stands)
_LATEST_PER_ENTITY = f"""{_ENTITIES}
SELECT e.entity, o.time_ms, o.value, o.unit, COALESCE(o.lon, f.lon), COALESCE(o.lat, f.lat)
FROM e
LEFT JOIN {TABLE} AS o ON o.fid = (
  SELECT fid FROM {TABLE} WHERE source = :source AND entity = e.entity AND time_ms <= :at
  ORDER BY time_ms DESC, fid DESC LIMIT 1)
LEFT JOIN {TABLE} AS f ON f.fid = (
  SELECT fid FROM {TABLE} WHERE source = :source AND entity = e.entity AND lon IS NOT NULL
  ORDER BY time_ms, fid LIMIT 1)
WHERE e.entity IS NOT NULL
ORDER BY e.entity
"""

#: per entity of a source, its whole last row at or before :at (as ``ObservationStore.latest``)
_LATEST_ROWS = f"""{_ENTITIES}
SELECT {", ".join("o." + c.strip() for c in rows.SELECT.split(","))}
FROM e JOIN {TABLE} AS o ON o.fid = (
  SELECT fid FROM {TABLE} WHERE source = :source AND entity = e.entity AND time_ms <= :at
  ORDER BY time_ms DESC, fid DESC LIMIT 1)
WHERE e.entity IS NOT NULL
ORDER BY e.entity
"""

#: the positioned fixes of one source in [lo, hi] ms, through the time index (a narrow range of a long day)
_WINDOW = (
    f"SELECT fid, entity, time_ms, lon, lat, extra FROM {TABLE} INDEXED BY {TABLE}_time_ms"
    " WHERE time_ms BETWEEN ? AND ? AND source = ? AND lon IS NOT NULL AND fid <= ?"
)
_AFTER = (
    f"SELECT fid, entity, time_ms, lon, lat, extra FROM {TABLE}"
    " WHERE fid > ? AND fid <= ? AND source = ? AND lon IS NOT NULL"
)


class ObservationReader:
    """A read-only connection to an observation store, for replay while a writer appends.

    The same ``query`` and ``latest`` as :class:`~twin_app.core.live.store.ObservationStore`
    (the SQL is shared, ``rows.py``), plus what playback needs fast: the
    time span of some sources, each entity's latest reading at a time, and
    the fixes of a window of time.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise MissingFileError(self.path, what="observation store")
        self._lock = threading.Lock()
        uri = self.path.resolve().as_uri() + "?mode=ro"
        self._con = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
        self._con.execute("PRAGMA busy_timeout=10000")
        try:
            found = self._con.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)
            ).fetchone()
        except sqlite3.DatabaseError:
            found = None
        if found is None:
            self._con.close()
            raise FeedError(
                _(
                    "'{path}' is not an observation store (it has no '{table}' table); "
                    "name a store written by twin-app feed ingest or the app's feeds."
                ).format(path=self.path, table=TABLE)
            )

    def _all(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._con.execute(sql, params).fetchall()

    def query(
        self,
        *,
        source: str | None = None,
        start: dt.datetime | None = None,
        end: dt.datetime | None = None,
        entity: str | None = None,
    ) -> list[Observation]:
        """Observations in time order (then arrival order); ``start`` inclusive, ``end`` exclusive."""
        sql, params = rows.query_sql(source=source, start=start, end=end, entity=entity)
        return [rows.observation(r) for r in self._all(sql, params)]

    def latest(self, at: dt.datetime, *, source: str | None = None) -> list[Observation]:
        """The last observation of each (source, entity) at or before ``at``.

        For one source this seeks each entity's last row in the (source,
        entity, time) index instead of ranking every earlier row: a time
        slider asks it many times a second of a store that keeps growing.
        """
        if source is None:
            sql, params = rows.latest_sql(at, source=source)
            return [rows.observation(r) for r in self._all(sql, params)]
        found = self._all(_LATEST_ROWS, {"source": source, "at": rows.ms(at)})
        return [rows.observation(r) for r in found]

    def iter_query(
        self,
        *,
        source: str | None = None,
        start: dt.datetime | None = None,
        end: dt.datetime | None = None,
        page: int = 10_000,
    ) -> Iterator[Observation]:
        """Like :meth:`query`, page by page (a whole store need not fit in memory)."""
        clauses, params = rows.where(source=source, entity=None)
        if start is not None:
            clauses.append("time_ms >= ?")
            params.append(rows.ms(start))
        if end is not None:
            clauses.append("time_ms < ?")
            params.append(rows.ms(end))
        after: tuple[int, int] | None = None
        while True:
            more = list(clauses)
            args = list(params)
            if after is not None:
                more.append("(time_ms > ? OR (time_ms = ? AND fid > ?))")
                args += [after[0], after[0], after[1]]
            sql = f"SELECT {rows.SELECT}, fid FROM {TABLE}"
            if more:
                sql += " WHERE " + " AND ".join(more)
            found = self._all(sql + f" ORDER BY time_ms, fid LIMIT {int(page)}", args)
            for row in found:
                yield rows.observation(row[:-1])
            if len(found) < page:
                return
            after = (found[-1][3], found[-1][-1])

    def sources(self) -> list[str]:
        """The names observations are stored under, in order."""
        return [s for (s,) in self._all(f"SELECT DISTINCT source FROM {TABLE} ORDER BY source")]

    def stats(self) -> list[tuple[str, int, dt.datetime, dt.datetime]]:
        """Exact counts per source with the first and last time (as ``feed stats`` prints them)."""
        return [(s, n, rows.from_ms(a), rows.from_ms(b)) for s, n, a, b in self._all(rows.STATS_SQL)]

    def span(self, sources: Iterable[str] | None = None) -> tuple[dt.datetime, dt.datetime] | None:
        """The first and last observation time of these sources (all when None); None when there are none."""
        if sources is None:
            found = self._all(f"SELECT MIN(time_ms), MAX(time_ms) FROM {TABLE}")
            first, last = found[0]
            return None if first is None else (rows.from_ms(first), rows.from_ms(last))
        firsts: list[int] = []
        lasts: list[int] = []
        for source in sources:
            # walking the time index from either end stops at the source's first row
            first_row = self._all(
                f"SELECT time_ms FROM {TABLE} WHERE source = ? ORDER BY time_ms LIMIT 1", (source,)
            )
            if not first_row:
                continue
            last_row = self._all(
                f"SELECT time_ms FROM {TABLE} WHERE source = ? ORDER BY time_ms DESC LIMIT 1", (source,)
            )
            firsts.append(first_row[0][0])
            lasts.append(last_row[0][0])
        if not firsts:
            return None
        return rows.from_ms(min(firsts)), rows.from_ms(max(lasts))

    def max_fid(self) -> int:
        """The newest row's number: it grows with every append, so a cache can tell it is behind."""
        (value,) = self._all(f"SELECT MAX(fid) FROM {TABLE}")[0]
        return int(value or 0)

    def latest_per_entity(self, source: str, at_ms: int) -> list[tuple[Any, ...]]:
        """Per entity of ``source``: (entity, time_ms, value, unit, lon, lat) of its last row at or
        before ``at_ms``; time, value and unit None when it has none yet (lon/lat then from its first fix)."""
        return self._all(_LATEST_PER_ENTITY, {"source": source, "at": at_ms})

    def fixes(self, source: str, lo_ms: int, hi_ms: int, *, upto_fid: int) -> list[tuple[Any, ...]]:
        """(fid, entity, time_ms, lon, lat, extra) of the positioned rows of ``source`` in [lo, hi] ms,
        up to row ``upto_fid`` (what a cache says it has seen)."""
        return self._all(_WINDOW, (lo_ms, hi_ms, source, upto_fid))

    def fixes_after(self, source: str, fid: int, *, upto_fid: int) -> list[tuple[Any, ...]]:
        """The positioned rows of ``source`` appended after row ``fid``, up to ``upto_fid``."""
        return self._all(_AFTER, (fid, upto_fid, source))

    def close(self) -> None:
        with self._lock:
            self._con.close()

    def __enter__(self) -> ObservationReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@lru_cache(maxsize=16)
def _to_city(crs: str) -> Transformer:
    return Transformer.from_crs("EPSG:4326", crs, always_xy=True)


def project(crs: str, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """WGS 84 longitudes/latitudes as (n, 2) metres in the city CRS."""
    if len(lon) == 0:
        return np.zeros((0, 2), dtype=float)
    x, y = _to_city(crs).transform(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return np.column_stack([np.asarray(x, dtype=float), np.asarray(y, dtype=float)])


@runtime_checkable
class TimeVarying(Protocol):
    """Something the time slider replays: it shows its layer at a moment, read from the store."""

    layer_id: str

    def show(self, model: CityModel, reader: ObservationReader, at: dt.datetime) -> None: ...

    def span(self, reader: ObservationReader) -> tuple[dt.datetime, dt.datetime] | None: ...


#: extra fields that name a vehicle's route (GTFS-realtime, HFP, the simulated schedule) and heading
_ROUTE_KEYS = ("route_short_name", "desi", "route", "route_id", "line")
_HEADING_KEYS = ("bearing", "hdg", "heading")
_SHIFT = 42  # entity code above, milliseconds within the window below (2^42 ms ≈ 139 years)


def _heading_and_label(extra: str | None) -> tuple[float, str]:
    if not extra:
        return math.nan, ""
    try:
        data = json.loads(extra)
    except ValueError:
        return math.nan, ""
    if not isinstance(data, dict):
        return math.nan, ""
    heading = math.nan
    for key in _HEADING_KEYS:
        value = data.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
            heading = float(value) % 360.0
            break
    route = next((str(data[k]) for k in _ROUTE_KEYS if data.get(k) not in (None, "")), "")
    headsign = data.get("headsign")
    label = " ".join(p for p in (route, str(headsign) if headsign else "") if p)
    return heading, label


class _Fixes:
    """The fixes of one feed in [lo, hi] ms, sorted by (entity, time, arrival), positions projected.

    ``code`` numbers entities for the lifetime of the item (``VehicleTracks._codes``),
    so windows can be merged without re-reading entity names.
    """

    def __init__(
        self,
        lo: int,
        hi: int,
        seen_fid: int,
        n_codes: int,
        fid: np.ndarray,
        code: np.ndarray,
        t: np.ndarray,
        xy: np.ndarray,
        extra: np.ndarray,
    ) -> None:
        order = np.lexsort((fid, t, code))
        self.lo, self.hi, self.seen_fid = lo, hi, seen_fid
        self.fid, self.code, self.t = fid[order], code[order], t[order]
        self.xy, self.extra = xy[order], extra[order]
        self.key = (self.code << _SHIFT) + (self.t - lo)
        ids = np.arange(n_codes, dtype=np.int64)
        self.start = np.searchsorted(self.code, ids, side="left")
        self.end = np.searchsorted(self.code, ids, side="right")

    def within(self, lo: int, hi: int) -> np.ndarray:
        return (self.t >= lo) & (self.t <= hi)


class VehicleTracks:
    """The vehicles of one feed, moved smoothly between their fixes.

    At a time ``at`` each vehicle is interpolated linearly (in the city's
    metric CRS) between its last fix at or before ``at - delay_s`` and its
    next fix; it stands at its last fix when no later one is known (live).
    A vehicle whose last fix is older than ``max_gap_s`` is not shown: its
    trip ended or the feed lost it.  ``delay_s`` shows the fleet a little in
    the past, so that live vehicles have a next fix to move towards.

    Heading: the fix's own ``bearing``/``hdg`` when the feed gives one, else
    the direction of motion between the two fixes (compass degrees, 0 north,
    90 east); a standing vehicle keeps its last heading.

    The fixes around the shown time are held in memory and slid along as
    the time moves: each frame reads only the rows it has not seen (the
    stretch of time newly needed, and rows a live feed appended since).
    """

    #: how far past the time needed a window reaches when it moves (fewer, smaller reads)
    AHEAD_S = 20.0
    #: how far before it (small steps back need no read)
    BEHIND_S = 30.0
    #: decoded ``extra`` texts kept (headings and labels); a day of a fleet repeats few of them
    DECODED_MAX = 50_000

    def __init__(
        self, layer_id: str, feed: str, crs: str, *, delay_s: float = 0.0, max_gap_s: float = 120.0
    ) -> None:
        if max_gap_s <= 0:
            raise ValueError("max_gap_s must be above 0 seconds")
        self.layer_id = layer_id
        self.feed = feed
        self.crs = crs
        self.delay_s = float(delay_s)
        self.max_gap_s = float(max_gap_s)
        self._fixes: _Fixes | None = None
        self._codes: dict[str, int] = {}
        self._names: list[str] = []
        self._decoded: dict[str, tuple[float, str]] = {}
        self._last_heading: dict[int, float] = {}

    def span(self, reader: ObservationReader) -> tuple[dt.datetime, dt.datetime] | None:
        return reader.span([self.feed])

    def _columns(self, found: Sequence[tuple[Any, ...]]) -> tuple[np.ndarray, ...]:
        if not found:
            return (
                np.zeros(0, dtype=np.int64),
                np.zeros(0, dtype=np.int64),
                np.zeros(0, dtype=np.int64),
                np.zeros((0, 2), dtype=float),
                np.empty(0, dtype=object),
            )
        fids, entities, times, lons, lats, extras = zip(*found, strict=True)
        codes = self._codes
        for name in set(entities) - codes.keys():
            codes[name] = len(self._names)
            self._names.append(name)
        code = np.array([codes[e] for e in entities], dtype=np.int64)
        extra = np.empty(len(found), dtype=object)
        extra[:] = extras
        return (
            np.array(fids, dtype=np.int64),
            code,
            np.array(times, dtype=np.int64),
            project(self.crs, np.array(lons, dtype=float), np.array(lats, dtype=float)),
            extra,
        )

    def _window_for(self, reader: ObservationReader, at_ms: int) -> _Fixes:
        gap = int(self.max_gap_s * 1000)
        w = self._fixes
        newest = reader.max_fid()
        if w is not None and w.lo <= at_ms - gap and at_ms + gap <= w.hi:
            lo, hi = w.lo, w.hi
            if newest == w.seen_fid:
                return w  # the common case while replaying: nothing new to read
        else:
            lo = at_ms - gap - int(self.BEHIND_S * 1000)
            hi = at_ms + gap + int(self.AHEAD_S * 1000)
        if w is None or lo > w.hi or hi < w.lo:
            found = reader.fixes(self.feed, lo, hi, upto_fid=newest)
            kept: tuple[np.ndarray, ...] = ()
        else:
            # keep what overlaps, read the stretches not covered and what was appended since
            found = []
            if lo < w.lo:
                found += reader.fixes(self.feed, lo, w.lo - 1, upto_fid=newest)
            if hi > w.hi:
                found += reader.fixes(self.feed, w.hi + 1, hi, upto_fid=newest)
            if newest > w.seen_fid:
                inside_lo, inside_hi = max(lo, w.lo), min(hi, w.hi)
                found += [
                    r
                    for r in reader.fixes_after(self.feed, w.seen_fid, upto_fid=newest)
                    if inside_lo <= r[2] <= inside_hi
                ]
            keep = w.within(lo, hi)
            kept = (w.fid[keep], w.code[keep], w.t[keep], w.xy[keep], w.extra[keep])
        new = self._columns(found)
        columns = [np.concatenate([a, b]) for a, b in zip(kept, new, strict=True)] if kept else list(new)
        self._fixes = _Fixes(lo, hi, newest, len(self._names), *columns)
        return self._fixes

    def _decode(self, extra: str | None) -> tuple[float, str]:
        if not extra:
            return math.nan, ""
        found = self._decoded.get(extra)
        if found is None:
            if len(self._decoded) >= self.DECODED_MAX:
                self._decoded.clear()
            found = self._decoded[extra] = _heading_and_label(extra)
        return found

    def frame(self, reader: ObservationReader, at: dt.datetime) -> VehicleFrame:
        """The vehicles as they are at ``at`` (minus the display delay)."""
        shown = at - dt.timedelta(seconds=self.delay_s)
        at_ms = rows.ms(shown)
        w = self._window_for(reader, at_ms)
        if len(w.t) == 0:
            return VehicleFrame(time=shown)
        gap = int(self.max_gap_s * 1000)
        ids = np.arange(len(w.start), dtype=np.int64)
        prev = np.searchsorted(w.key, (ids << _SHIFT) + (at_ms - w.lo), side="right") - 1
        valid = prev >= w.start
        prev = np.where(valid, prev, 0)
        valid &= at_ms - w.t[prev] <= gap
        chosen = np.flatnonzero(valid)
        prev = prev[chosen]
        last = len(w.t) - 1
        nxt = np.minimum(prev + 1, last)
        has_next = (prev + 1 < w.end[chosen]) & (w.t[nxt] - w.t[prev] <= gap)
        tp = w.t[prev].astype(float)
        tn = w.t[nxt].astype(float)
        frac = np.where(has_next, (at_ms - tp) / np.where(tn > tp, tn - tp, 1.0), 0.0)
        xy_p = w.xy[prev]
        step = np.where(has_next[:, None], w.xy[nxt] - xy_p, 0.0)
        xy = xy_p + frac[:, None] * step
        # direction of motion: towards the next fix, else from the fix before
        before = np.maximum(prev - 1, 0)
        back = np.where((prev - 1 >= w.start[chosen])[:, None], xy_p - w.xy[before], 0.0)
        still = np.hypot(step[:, 0], step[:, 1]) < 1e-6
        d = np.where(still[:, None], back, step)
        moving = np.hypot(d[:, 0], d[:, 1]) >= 1e-6
        with np.errstate(invalid="ignore"):
            motion = np.where(moving, np.degrees(np.arctan2(d[:, 0], d[:, 1])) % 360.0, np.nan)
        decoded = [self._decode(e) for e in w.extra[prev]]
        given = np.fromiter((h for h, _ in decoded), dtype=float, count=len(decoded))
        heading = np.where(np.isnan(given), motion, given)
        codes = w.code[prev]
        unknown = np.flatnonzero(np.isnan(heading))
        for k in unknown:  # a standing vehicle keeps the heading it was last shown with
            heading[k] = self._last_heading.get(int(codes[k]), math.nan)
        known = ~np.isnan(heading)
        self._last_heading.update(zip(codes[known].tolist(), heading[known].tolist(), strict=True))
        labels = tuple(label for _, label in decoded)
        return VehicleFrame(
            time=shown,
            ids=tuple(self._names[c] for c in codes.tolist()),
            xy=np.ascontiguousarray(xy),
            heading_deg=heading,
            labels=labels if any(labels) else (),
        )

    def show(self, model: CityModel, reader: ObservationReader, at: dt.datetime) -> None:
        model.update_live(self.layer_id, self.frame(reader, at))


class SensorReadings:
    """The sensors of one feed with their latest reading at a time.

    Each sensor shows its last reading at or before ``at``; NaN (no colour,
    "no reading") when it has none yet or the last is older than
    ``staleness_s``, because a silent sensor must not look fine.  ``alert``
    marks readings beyond the threshold.  A sensor stands where its reading
    says, or where it first reported.
    """

    def __init__(
        self,
        layer_id: str,
        feed: str,
        crs: str,
        *,
        threshold: Threshold | None = None,
        staleness_s: float = 900.0,
    ) -> None:
        self.layer_id = layer_id
        self.feed = feed
        self.crs = crs
        self.threshold = threshold
        self.staleness_s = float(staleness_s)

    def span(self, reader: ObservationReader) -> tuple[dt.datetime, dt.datetime] | None:
        return reader.span([self.feed])

    def frame(self, reader: ObservationReader, at: dt.datetime) -> SensorFrame:
        at_ms = rows.ms(at)
        found = [r for r in reader.latest_per_entity(self.feed, at_ms) if r[4] is not None]
        stale_ms = self.staleness_s * 1000
        values = np.array(
            [
                float(v) if (t is not None and v is not None and at_ms - t <= stale_ms) else math.nan
                for _, t, v, _, _, _ in found
            ],
            dtype=float,
        )
        units = [u for _, _, _, u, _, _ in found if u]
        xy = project(
            self.crs,
            np.array([r[4] for r in found], dtype=float),
            np.array([r[5] for r in found], dtype=float),
        )
        alert = (
            self.threshold.exceeded(values)
            if self.threshold is not None
            else np.zeros(len(found), dtype=bool)
        )
        return SensorFrame(
            time=at,
            ids=tuple(r[0] for r in found),
            xy=xy,
            values=values,
            unit=max(set(units), key=units.count) if units else None,
            alert=alert,
        )

    def show(self, model: CityModel, reader: ObservationReader, at: dt.datetime) -> None:
        model.update_live(self.layer_id, self.frame(reader, at))


class Playback:
    """Every time-varying layer of a window, shown at one time from one store.

    The store may not exist yet when the window builds its playback (no
    feed has written); until it does, ``show`` draws nothing and ``span``
    is None.  An item whose layer is no longer in the model is skipped.
    """

    def __init__(self, model: CityModel, store_path: Path | str) -> None:
        self.model = model
        self.store_path = Path(store_path)
        self._items: dict[str, TimeVarying] = {}
        self._reader: ObservationReader | None = None

    @property
    def items(self) -> list[TimeVarying]:
        return list(self._items.values())

    @property
    def reader(self) -> ObservationReader | None:
        """The read-only connection, opened once the store exists."""
        if self._reader is None and self.store_path.is_file():
            self._reader = ObservationReader(self.store_path)
        return self._reader

    def add(self, item: TimeVarying) -> None:
        """Replay ``item`` too (it replaces one for the same layer)."""
        if not isinstance(item, TimeVarying):
            raise TypeError(f"{item!r} is not a time-varying item (layer_id, show, span)")
        self._items[item.layer_id] = item

    def remove(self, layer_id: str) -> None:
        self._items.pop(layer_id, None)

    def show(self, at: dt.datetime) -> None:
        """Show every item at ``at``: all layers at the same moment."""
        if at.tzinfo is None:
            raise ValueError("playback shows timezone-aware times (UTC)")
        reader = self.reader
        if reader is None:
            return
        for item in list(self._items.values()):
            if item.layer_id in self.model.layers:
                item.show(self.model, reader, at)

    def span(self) -> tuple[dt.datetime, dt.datetime] | None:
        """From the first to the last stored observation of any item (None when nothing is stored)."""
        reader = self.reader
        if reader is None:
            return None
        spans = [s for s in (item.span(reader) for item in self._items.values()) if s is not None]
        if not spans:
            return None
        return min(s[0] for s in spans), max(s[1] for s in spans)

    def latest_time(self) -> dt.datetime | None:
        """The newest stored observation of any item: "now" for a replayed or simulated feed."""
        span = self.span()
        return span[1] if span is not None else None

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None


__all__ = [
    "ObservationReader",
    "Playback",
    "SensorReadings",
    "TimeVarying",
    "VehicleTracks",
    "project",
]
