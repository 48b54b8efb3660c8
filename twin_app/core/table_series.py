"""Time-stamped tables: rows of (key, time, value) stored as observations and played on the slider.

A table such as hourly energy use per building becomes one
:class:`~twin_app.core.live.observation.Observation` per row and value
column (kind ``sensor``, ``feature_id`` = the row's key as the join compares
it, ``source`` = the table's name), appended to the observation store like
any feed's.  :class:`FeatureSeries` then shows, at the slider's time, each
feature's last value at or before it (NaN before its first), written into
the result layer's column in place (``CityModel.update_values``), so the
buildings recolour as the slider moves and no mesh is rebuilt.

Times must say their offset ("2026-03-01T08:00:00+02:00", "...Z"); a table of
local times without one is refused unless a time zone is named for it: an
hour's shift would put every reading beside the wrong bus and the wrong
weather, and nothing downstream could tell.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from twin_app.core.errors import TableError
from twin_app.core.i18n import _, format_number
from twin_app.core.live.observation import Observation, ObservationKind
from twin_app.core.tables import (
    JoinReport,
    JoinResult,
    Table,
    join_by_key,
    key_index,
    normalise_key,
    numbers,
    value_columns,
)

if TYPE_CHECKING:
    from twin_app.core.layers import VectorLayer
    from twin_app.core.live.store import ObservationStore
    from twin_app.core.model import CityModel

#: rows appended to the store per transaction
BATCH = 5000


class ObservationSource(Protocol):
    """What a series reads: the store, or playback's read-only reader (the same signatures)."""

    def latest(self, at: dt.datetime, *, source: str | None = None) -> list[Observation]: ...

    def query(self, *, source: str | None = None) -> list[Observation]: ...


def feed_name(table: Table, column: str, columns: Sequence[str]) -> str:
    """The name a value column's observations are stored under: the table's, per column when several."""
    return table.name if len(columns) == 1 else f"{table.name}:{column}"


def parse_times(
    texts: Sequence[Any], *, column: str, table: str, timezone: str | None
) -> list[dt.datetime | None]:
    """Each cell as an aware UTC time (None for a blank); naive times need ``timezone``.

    Cells that are not times are refused with the first few named, since a
    table whose times cannot be read cannot be put on a time line at all.
    """
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    zone = None
    if timezone:
        try:
            zone = ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise TableError(
                _(
                    "'{timezone}' is not a time zone name; use an IANA name such as Europe/Helsinki or UTC."
                ).format(timezone=timezone)
            ) from None
    out: list[dt.datetime | None] = []
    bad: list[int] = []
    naive: list[int] = []
    for row, cell in enumerate(texts):
        text = "" if cell is None else str(cell).strip()
        if not text or text.lower() == "nan":
            out.append(None)
            continue
        try:
            value = dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T", 1))
        except ValueError:
            bad.append(row)
            out.append(None)
            continue
        if value.tzinfo is None:
            if zone is None:
                naive.append(row)
                out.append(None)
                continue
            value = value.replace(tzinfo=zone)
        out.append(value.astimezone(dt.UTC))
    if bad:
        rows = ", ".join(str(r + 2) for r in bad[:3])
        raise TableError(
            _(
                "{count} cell(s) of '{column}' in '{table}' are not ISO 8601 times (e.g. on line {rows}); "
                "write them like 2026-03-01T08:00:00+02:00."
            ).format(count=format_number(len(bad)), column=column, table=table, rows=rows)
        )
    if naive:
        raise TableError(
            _(
                "The times in '{column}' of '{table}' have no UTC offset (e.g. '{example}'), so they "
                "could be "
                "any time zone's; add the offset (+02:00, Z) or name their zone with the time zone option "
                "(--timezone Europe/Helsinki)."
            ).format(column=column, table=table, example=texts[naive[0]])
        )
    return out


@dataclass
class TableObservations:
    """The observations made from a time-stamped table, and what went into the report."""

    observations: list[Observation]
    feeds: dict[str, str]  # value column -> source name
    first: dt.datetime | None
    last: dt.datetime | None
    blank_times: int
    #: each row's time (UTC) and key as compared (None: blank), in the table's order
    times: list[dt.datetime | None] = field(default_factory=list, repr=False)
    keys: list[str | None] = field(default_factory=list, repr=False)


def observations_from_table(
    table: Table,
    *,
    key_column: str,
    time_column: str,
    values: Sequence[str] | None = None,
    units: dict[str, str] | None = None,
    timezone: str | None = None,
) -> TableObservations:
    """One observation per row and value column with a key, a time and a number."""
    key_col = table.column(key_column, what="key column")
    time_col = table.column(time_column, what="time column")
    chosen = value_columns(table, values, skip=[key_col, time_col])
    times = parse_times(table.frame[time_col].tolist(), column=time_col, table=table.name, timezone=timezone)
    keys = [normalise_key(v) for v in table.frame[key_col].tolist()]
    all_units = {**table.units, **(units or {})}
    feeds = {c: feed_name(table, c, chosen) for c in chosen}
    out: list[Observation] = []
    for column in chosen:
        column_values, _bad = numbers(table.frame[column], decimal_comma=table.decimal_comma)
        unit = all_units.get(column)
        for key, time, value in zip(keys, times, column_values.tolist(), strict=True):
            if key is None or time is None or math.isnan(value):
                continue
            out.append(
                Observation(
                    source=feeds[column],
                    entity=key,
                    time=time,
                    kind=ObservationKind.SENSOR,
                    value=float(value),
                    unit=unit,
                    feature_id=key,
                )
            )
    known = [t for t in times if t is not None]
    return TableObservations(
        out,
        feeds,
        min(known) if known else None,
        max(known) if known else None,
        sum(t is None for t in times),
        times=times,
        keys=keys,
    )


def store_observations(store: ObservationStore, made: TableObservations) -> tuple[int, int]:
    """Append what the store does not hold yet; (stored, already there).

    Importing the same table twice must not double every count in
    ``feed stats``: rows equal in source, entity, time and value to a stored
    one are skipped, so an import can be repeated after an edit of the table.
    """
    from twin_app.core.live.observation import batched

    seen: set[tuple[str, str, int, float | None]] = set()
    for source in set(made.feeds.values()):
        for obs in store.query(source=source):
            seen.add((obs.source, obs.entity, round(obs.time.timestamp() * 1000), obs.value))
    fresh = [
        o
        for o in made.observations
        if (o.source, o.entity, round(o.time.timestamp() * 1000), o.value) not in seen
    ]
    for batch in batched(iter(fresh), BATCH):
        store.append(batch)
    return len(fresh), len(made.observations) - len(fresh)


def describe_series(report: JoinReport, made: TableObservations, stored: int, skipped: int) -> None:
    """Add the time part to a join's report (counts and a sentence)."""
    report.observations = {
        "count": len(made.observations),
        "stored": stored,
        "already_stored": skipped,
        "sources": sorted(set(made.feeds.values())),
        "first": made.first.isoformat().replace("+00:00", "Z") if made.first else None,
        "last": made.last.isoformat().replace("+00:00", "Z") if made.last else None,
    }
    count = format_number(len(made.observations))
    sources = ", ".join(repr(s) for s in report.observations["sources"])
    if made.first:
        sentence = _(
            "{count} time-stamped values from {first} to {last} are in the store as {sources}; the time "
            "slider plays them."
        ).format(
            count=count,
            first=report.observations["first"],
            last=report.observations["last"],
            sources=sources,
        )
    else:
        sentence = _(
            "{count} time-stamped values are in the store as {sources}; the time slider plays them."
        ).format(count=count, sources=sources)
    report.notes.append(sentence)
    if skipped:
        report.notes.append(
            _("Of these, {count} were already in the store.").format(count=format_number(skipped))
        )
    if made.blank_times:
        report.notes.append(
            _("{count} row(s) have no time and were left off the time line.").format(
                count=format_number(made.blank_times)
            )
        )


class SeriesHistory:
    """A series' observations as arrays sorted by (key, time, arrival), answering "last value at t" fast.

    ``ObservationStore.latest`` answers with one SQL query over every stored
    row up to ``t``; for a table of hourly values of every building that is
    a few hundred milliseconds per moment, too slow for a slider.  A table's
    rows do not change once imported, so a series reads them once and each
    moment is then a pass over arrays: per key, the number of its rows at or
    before ``t`` (the rows of a key are contiguous and in time order) gives
    the last one.  Rows of one key at the same time keep their arrival order,
    so the last stored wins, as in ``latest``.
    """

    def __init__(self, observations: Sequence[Observation]) -> None:
        import numpy as np

        usable = [o for o in observations if o.value is not None and o.feature_id is not None]
        keys = np.array([o.feature_id for o in usable], dtype=object)
        times = np.array([round(o.time.timestamp() * 1000) for o in usable], dtype=np.int64)
        values = np.array([o.value for o in usable], dtype=float)
        self.keys, codes = (
            np.unique(keys.astype(str), return_inverse=True)
            if len(usable)
            else (
                np.array([], dtype=str),
                np.array([], dtype=np.int64),
            )
        )
        order = np.lexsort((np.arange(len(usable)), times, codes))
        self.times = times[order]
        self.values = values[order]
        codes = codes[order]
        #: where each key's rows start in the sorted arrays, and how many it has
        self.starts = np.searchsorted(codes, np.arange(len(self.keys)), side="left")
        self.counts = np.diff(np.append(self.starts, len(codes)))

    def __len__(self) -> int:
        return len(self.times)

    def value_range(self) -> tuple[float, float]:
        """The lowest and highest value over every moment (NaN, NaN for an empty series)."""
        import numpy as np

        finite = self.values[np.isfinite(self.values)]
        if not len(finite):
            return (float("nan"), float("nan"))
        return (float(finite.min()), float(finite.max()))

    def at(self, at: dt.datetime) -> tuple[Any, Any]:
        """Each key's last value at or before ``at`` (NaN before its first), and that value's time (ms)."""
        import numpy as np

        values = np.full(len(self.keys), np.nan)
        times = np.full(len(self.keys), np.iinfo(np.int64).min, dtype=np.int64)
        if not len(self.times):
            return values, times
        due = (self.times <= round(at.timestamp() * 1000)).astype(np.int64)
        upto = np.add.reduceat(due, self.starts)
        has = upto > 0
        last = self.starts[has] + upto[has] - 1
        values[has] = self.values[last]
        times[has] = self.times[last]
        return values, times


@dataclass
class FeatureSeries:
    """A table's time series shown on a layer's features: each feature's last value at or before ``at``.

    ``layer_id`` is the layer whose column is rewritten (the join's result,
    which re-colours the buildings); ``feed`` the source name the values are
    stored under; ``key_column`` the layer's column the observations'
    ``feature_id`` matches (compared by the join's key rule); ``column`` the
    column written (default: the layer's colour-by column).  Satisfies
    playback's ``TimeVarying`` protocol.

    The series reads its stored observations once, on the first ``show``
    (``reader.query``), or is given them by the import that stored them: a
    table does not change after it is imported, and importing it again
    makes new series.
    """

    layer_id: str
    feed: str
    key_column: str
    column: str | None = None
    history: SeriesHistory | None = field(default=None, repr=False, compare=False)
    #: the frame last shown and, per key of the history, the positions of its features: keys do
    #: not change as values do, so they are matched once, not on every moment of a replay
    _targets: tuple[Any, int, list[Any]] | None = field(default=None, repr=False, compare=False)

    def values_at(self, model: CityModel, reader: ObservationSource, at: dt.datetime) -> Any:
        """One value per feature of the layer at ``at`` (NaN: no value yet)."""
        import numpy as np

        if self.history is None:
            self.history = SeriesHistory(reader.query(source=self.feed))
        frame = model.layers[self.layer_id].frame  # type: ignore[attr-defined]
        if self._targets is None or self._targets[0] is not frame or self._targets[1] != len(frame):
            index = key_index(frame, self.key_column)
            positions = [np.asarray(index.get(str(k), ()), dtype=np.int64) for k in self.history.keys]
            self._targets = (frame, len(frame), positions)
        out = np.full(len(frame), np.nan)
        values, times = self.history.at(at)
        # a feature answering to two keys (a bare OSM number and its "way/123") shows the newer value
        for k in np.lexsort((np.arange(len(times)), times)).tolist():
            positions = self._targets[2][k]
            if len(positions) and not np.isnan(values[k]):
                out[positions] = values[k]
        return out

    def show(self, model: CityModel, reader: ObservationSource, at: dt.datetime) -> None:
        from twin_app.core.layers import VectorLayer

        layer = model.layers.get(self.layer_id)
        if not isinstance(layer, VectorLayer):
            return  # the layer was removed: nothing to show
        column = self.column or layer.value_column
        if column is None:
            raise TableError(
                _("The layer '{layer}' has no column to show the series '{series}' in.").format(
                    layer=layer.display_title(), series=self.feed
                )
            )
        values = self.values_at(model, reader, at)
        if column not in layer.value_ranges and self.history is not None:
            layer.value_ranges[column] = self.history.value_range()
        model.update_values(self.layer_id, column, values)

    def span(self, reader: Any) -> tuple[dt.datetime, dt.datetime] | None:
        """The first and last time of the series (playback's reader, or an ``ObservationStore``)."""
        span = getattr(reader, "span", None)
        if callable(span):
            return span([self.feed])  # type: ignore[no-any-return]
        for stats in reader.stats():
            if stats.source == self.feed:
                return (stats.first, stats.last)
        return None


@dataclass
class SeriesGroup:
    """The series of a table with several value columns, replayed as one item of their layer.

    Playback keeps one item per layer; a table of energy and water use per
    building makes one result layer with two columns, each a series, and
    both must follow the slider.
    """

    layer_id: str
    series: list[FeatureSeries]

    def show(self, model: CityModel, reader: ObservationSource, at: dt.datetime) -> None:
        for item in self.series:
            item.show(model, reader, at)

    def span(self, reader: Any) -> tuple[dt.datetime, dt.datetime] | None:
        spans = [s for s in (item.span(reader) for item in self.series) if s is not None]
        if not spans:
            return None
        return min(s[0] for s in spans), max(s[1] for s in spans)


@dataclass
class TimeJoin:
    """A time-stamped table joined by key: the result layer (showing each key's last value), its report,
    and the observations made from it (stored with :func:`store_observations`)."""

    result: JoinResult
    made: TableObservations
    layer_column: str
    #: value column of the table -> its column in the result layer
    columns: dict[str, str]

    def series(self, layer_id: str | None = None) -> list[FeatureSeries]:
        """One series per value column, for the result layer as added to the model (its id may change)."""
        lid = layer_id or self.result.layer.id
        out = []
        for column, feed in self.made.feeds.items():
            mine = [o for o in self.made.observations if o.source == feed]
            out.append(
                FeatureSeries(
                    lid, feed, self.layer_column, column=self.columns[column], history=SeriesHistory(mine)
                )
            )
        return out

    def item(self, layer_id: str | None = None) -> FeatureSeries | SeriesGroup:
        """What playback replays for the result layer: its one series, or all of them as one item."""
        series = self.series(layer_id)
        return series[0] if len(series) == 1 else SeriesGroup(series[0].layer_id, series)


def join_time_table(
    target: VectorLayer,
    table: Table,
    *,
    layer_column: str,
    table_column: str,
    time_column: str,
    values: Sequence[str] | None = None,
    units: dict[str, str] | None = None,
    timezone: str | None = None,
    quantity: str | None = None,
) -> TimeJoin:
    """Join a table of (key, time, values) rows: each feature shows its key's latest row until played.

    The rows become observations (not yet stored); the result layer starts at
    each key's last value, what a planner expects of a table read "as of now".
    """
    import pandas as pd

    made = observations_from_table(
        table, key_column=table_column, time_column=time_column, values=values, units=units, timezone=timezone
    )
    key_col = table.column(table_column, what="key column")
    time_col = table.column(time_column, what="time column")
    chosen = list(made.feeds)
    latest = table.frame.assign(
        _t=pd.Series(made.times, index=table.frame.index, dtype=object),
        _k=pd.Series(made.keys, index=table.frame.index, dtype=object),
    )
    latest = latest[latest["_t"].notna() & latest["_k"].notna()]
    latest = latest.sort_values("_t", kind="stable").groupby("_k", sort=False).tail(1)
    last_rows = Table(
        table.name,
        table.path,
        latest.drop(columns=["_t", "_k"]).reset_index(drop=True),
        units=dict(table.units),
        decimal_comma=table.decimal_comma,
        notes=list(table.notes),
    )
    result = join_by_key(
        target,
        last_rows,
        layer_column=layer_column,
        table_column=key_col,
        values=chosen,
        units=units,
        quantity=quantity,
        skip=[time_col],
    )
    report = result.report
    report.rows = len(table.frame)
    report.on = _("{layer_column} = {table_column}, at each time in {time_column}").format(
        layer_column=layer_column, table_column=key_col, time_column=time_col
    )
    columns = dict(zip(chosen, report.values, strict=True))
    return TimeJoin(result, made, layer_column, columns)


@dataclass
class TableRequest:
    """One import of a table, as the CLI's options and the window's dialog both state it.

    ``on`` is (layer column, table column) for a join by key; None joins by
    location (``lon``/``lat``, or ``x``/``y`` with ``crs``, or the table's own
    geometry).  ``time`` makes the rows a time series stored in ``store``.
    ``layer_id`` is the city layer joined to (None: the city's buildings).
    """

    table: Path
    layer_id: str | None = None
    on: tuple[str, str] | None = None
    values: tuple[str, ...] = ()
    units: dict[str, str] = field(default_factory=dict)
    aggregate: str | None = None
    quantity: str | None = None
    table_layer: str | None = None
    name: str | None = None
    lon: str | None = None
    lat: str | None = None
    x: str | None = None
    y: str | None = None
    crs: str | None = None
    time: str | None = None
    timezone: str | None = None
    store: Path | None = None

    def check(self) -> None:
        """Refuse a request that cannot be carried out, before any file is read."""
        if self.time and self.store is None:
            raise TableError(
                _("A time-stamped table is stored as observations: name the store (--store FILE.gpkg).")
            )
        if self.time and self.on is None:
            raise TableError(
                _(
                    "Time-stamped tables are joined by key (--on LAYERCOL=TABLECOL); a join by "
                    "location takes "
                    "a table of places."
                )
            )


@dataclass
class TableImport:
    """What an import made: the join (its result layer and report) and, for a time table, its series."""

    result: JoinResult
    time_join: TimeJoin | None = None

    def series(self, layer_id: str | None = None) -> list[FeatureSeries]:
        """The time series to play, for the result layer as added to the model (None: no time)."""
        return self.time_join.series(layer_id) if self.time_join is not None else []

    def item(self, layer_id: str | None = None) -> FeatureSeries | SeriesGroup | None:
        """The playback item of the result layer as added to the model (None: not a time table)."""
        return self.time_join.item(layer_id) if self.time_join is not None else None


def target_layer(model: CityModel, layer_id: str | None) -> VectorLayer:
    """The layer a table is joined to: the one named, else the city's buildings; a sentence if neither."""
    from twin_app.core.layers import VectorLayer

    if layer_id is None:
        buildings = model.buildings
        if buildings is None:
            raise TableError(
                _("The city '{city}' has no buildings; name the layer to join to (--layer).").format(
                    city=model.manifest.title
                )
            )
        return buildings
    layer = model.layers.get(layer_id)
    if not isinstance(layer, VectorLayer):
        vectors = [lid for lid, lay in model.layers.items() if isinstance(lay, VectorLayer)]
        raise TableError(
            _("The city '{city}' has no vector layer '{layer}'; choose one of: {layers}.").format(
                city=model.manifest.title, layer=layer_id, layers=", ".join(vectors)
            )
        )
    return layer


def import_table(target: VectorLayer, request: TableRequest) -> TableImport:
    """Read the table, join it to ``target`` and, for a time table, store its observations."""
    from twin_app.core.tables import join_by_location, read_table

    request.check()
    table = read_table(request.table, layer=request.table_layer, name=request.name)
    values = list(request.values) or None
    if request.time:
        from twin_app.core.live.store import ObservationStore

        assert request.on is not None and request.store is not None
        joined = join_time_table(
            target,
            table,
            layer_column=request.on[0],
            table_column=request.on[1],
            time_column=request.time,
            values=values,
            units=request.units,
            timezone=request.timezone,
            quantity=request.quantity,
        )
        with ObservationStore(request.store) as store:
            stored, skipped = store_observations(store, joined.made)
        describe_series(joined.result.report, joined.made, stored, skipped)
        joined.result.layer.notes = joined.result.report.sentences()
        return TableImport(joined.result, joined)
    if request.on is None:
        return TableImport(
            join_by_location(
                target,
                table,
                lon=request.lon,
                lat=request.lat,
                x=request.x,
                y=request.y,
                crs=request.crs,
                values=values,
                units=request.units,
                aggregate=request.aggregate or "sum",
                quantity=request.quantity,
            )
        )
    return TableImport(
        join_by_key(
            target,
            table,
            layer_column=request.on[0],
            table_column=request.on[1],
            values=values,
            units=request.units,
            aggregate=request.aggregate,
            quantity=request.quantity,
        )
    )


__all__ = [
    "FeatureSeries",
    "ObservationSource",
    "SeriesGroup",
    "SeriesHistory",
    "TableImport",
    "TableObservations",
    "TableRequest",
    "TimeJoin",
    "describe_series",
    "feed_name",
    "import_table",
    "join_time_table",
    "observations_from_table",
    "parse_times",
    "store_observations",
    "target_layer",
]
