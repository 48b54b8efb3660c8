"""Stored rows to observations and back, and the SQL both the writer and the readers run.

The store (one writer, ``store.py``) and the read-only reader of playback
(``playback.py``) open the same ``observations`` table through different
connections; what a row means and how "the observations of a source between
two times" or "the latest per entity" are asked must be the same for both,
so it is written once, here.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from twin_app.core.live.observation import Observation, ObservationKind

TABLE = "observations"

#: the columns an :class:`Observation` is read back from, in :func:`observation`'s order
SELECT = "source, entity, kind, time_ms, value, unit, feature_id, lon, lat, received, extra"


def iso(time: dt.datetime) -> str:
    """ISO 8601 UTC with milliseconds and a Z, as the ``time`` column and logs write it."""
    return time.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def ms(time: dt.datetime) -> int:
    """Unix milliseconds, the indexed ``time_ms`` column."""
    return round(time.timestamp() * 1000)


def from_ms(value: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(value / 1000, tz=dt.UTC)


def observation(row: tuple[Any, ...]) -> Observation:
    """The observation of one row selected with :data:`SELECT`."""
    source, entity, kind, time_ms, value, unit, feature_id, lon, lat, received, extra = row
    return Observation(
        source=source,
        entity=entity,
        time=from_ms(time_ms),
        kind=ObservationKind(kind),
        value=value,
        unit=unit,
        lon=lon,
        lat=lat,
        feature_id=feature_id,
        received=dt.datetime.fromisoformat(received.replace("Z", "+00:00")) if received else None,
        extra=json.loads(extra) if extra else {},
    )


def where(*, source: str | None, entity: str | None) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if source is not None:
        clauses.append("source = ?")
        params.append(source)
    if entity is not None:
        clauses.append("entity = ?")
        params.append(entity)
    return clauses, params


def query_sql(
    *,
    source: str | None,
    start: dt.datetime | None,
    end: dt.datetime | None,
    entity: str | None,
) -> tuple[str, list[Any]]:
    """Observations in time order (then arrival order); ``start`` inclusive, ``end`` exclusive."""
    clauses, params = where(source=source, entity=entity)
    if start is not None:
        clauses.append("time_ms >= ?")
        params.append(ms(start))
    if end is not None:
        clauses.append("time_ms < ?")
        params.append(ms(end))
    sql = f"SELECT {SELECT} FROM {TABLE}"
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    return sql + " ORDER BY time_ms, fid", params


def latest_sql(at: dt.datetime, *, source: str | None) -> tuple[str, list[Any]]:
    """The last observation of each (source, entity) at or before ``at``."""
    clauses, params = where(source=source, entity=None)
    clauses.append("time_ms <= ?")
    params.append(ms(at))
    # per entity, the greatest time, then the latest arrival at that time
    sql = (
        f"SELECT {SELECT} FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY source, entity"
        f" ORDER BY time_ms DESC, fid DESC) AS rank FROM {TABLE} WHERE {' AND '.join(clauses)})"
        " WHERE rank = 1 ORDER BY source, entity"
    )
    return sql, params


#: exact counts per source with first and last time, ordered by source
STATS_SQL = (
    f"SELECT source, COUNT(*), MIN(time_ms), MAX(time_ms) FROM {TABLE} GROUP BY source ORDER BY source"
)

__all__ = ["SELECT", "STATS_SQL", "TABLE", "from_ms", "iso", "latest_sql", "ms", "observation", "query_sql"]
