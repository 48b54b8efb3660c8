"""The observation store: every observation is written here before anything draws it.

The store is a GeoPackage (an SQLite file in WAL mode) with one point feature
table, ``observations``, so QGIS, ogrinfo and geopandas open it as they are.
Its tables follow the GeoPackage 1.3 spec (``gpkg_spatial_ref_sys``,
``gpkg_contents``, ``gpkg_geometry_columns``) and are written with plain
``sqlite3``: no GDAL on the ingest path, which is what keeps it fast.

Columns of ``observations`` (see ``docs/live-data.md``):

``fid`` integer primary key; ``geom`` a GeoPackage binary point in EPSG:4326
(NULL when the feed gave no position); ``source``, ``entity``, ``kind``
(sensor | vehicle); ``time`` ISO 8601 UTC text; ``time_ms`` the same as
integer Unix milliseconds (indexed, what queries use); ``value``, ``unit``,
``feature_id``; ``lon``, ``lat`` (the point's coordinates again, so a query
needs no blob decoding); ``received`` ISO 8601 UTC text or NULL; ``extra``
JSON text.

Why one transaction per batch: ``append`` returns only after the commit, so a
batch it has returned for survives a killed process (WAL with
``synchronous=FULL`` makes the commit durable, not only atomic).  Committing
each message alone is the obvious approach and the slow one: each commit is a
WAL fsync (``benchmarks/bench_ingest.py`` measures both).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import struct
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from twin_app.core.live import rows
from twin_app.core.live.observation import Observation

TABLE = rows.TABLE

#: GeoPackage "GP" magic, version 0, flags: little endian, no envelope (0b00000001)
_GPKG_HEADER = b"GP\x00\x01" + struct.pack("<i", 4326)
#: WKB point, little endian
_WKB_POINT = struct.Struct("<BIdd")

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE IF NOT EXISTS gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT
  (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
  srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE IF NOT EXISTS gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE IF NOT EXISTS {TABLE} (
  fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT, source TEXT NOT NULL, entity TEXT NOT NULL,
  kind TEXT NOT NULL, time TEXT NOT NULL, time_ms INTEGER NOT NULL, value REAL, unit TEXT,
  feature_id TEXT, lon REAL, lat REAL, received TEXT, extra TEXT);
CREATE INDEX IF NOT EXISTS {TABLE}_time_ms ON {TABLE} (time_ms);
CREATE INDEX IF NOT EXISTS {TABLE}_source_entity_time ON {TABLE} (source, entity, time_ms);
"""

_WGS84_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
    'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,'
    'AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
    'AUTHORITY["EPSG","4326"]]'
)

_COLUMNS = "geom, source, entity, kind, time, time_ms, value, unit, feature_id, lon, lat, received, extra"


def point_blob(lon: float, lat: float) -> bytes:
    """A GeoPackage binary point (header without envelope, then WKB), as the spec lays it out."""
    return _GPKG_HEADER + _WKB_POINT.pack(1, 1, lon, lat)


_iso = rows.iso
_ms = rows.ms
_from_ms = rows.from_ms


def _row(obs: Observation) -> tuple[Any, ...]:
    has_point = obs.lon is not None and obs.lat is not None
    return (
        point_blob(obs.lon, obs.lat) if has_point else None,  # type: ignore[arg-type]
        obs.source,
        obs.entity,
        str(obs.kind),
        _iso(obs.time),
        _ms(obs.time),
        obs.value,
        obs.unit,
        obs.feature_id,
        obs.lon,
        obs.lat,
        _iso(obs.received) if obs.received is not None else None,
        json.dumps(dict(obs.extra), separators=(",", ":")) if obs.extra else None,
    )


@dataclass(frozen=True)
class SourceStats:
    """Exact counts of one source's stored observations, with its first and last time."""

    source: str
    count: int
    first: dt.datetime
    last: dt.datetime

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "count": self.count,
            "first": _iso(self.first),
            "last": _iso(self.last),
        }


class ObservationStore:
    """A GeoPackage of observations, appended in batches and read back for replay.

    One store object may be shared by threads (a feed's worker appends while
    the GUI queries): a lock serialises use of the one connection.  Other
    processes may read the file at the same time (WAL).
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._con = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._con.execute("PRAGMA journal_mode=WAL")
        # FULL: a returned commit is on disk, not only atomic; "nothing acknowledged is lost"
        self._con.execute("PRAGMA synchronous=FULL")
        self._con.execute("PRAGMA busy_timeout=10000")
        self._create()

    def _create(self) -> None:
        with self._lock:
            con = self._con
            con.execute("BEGIN IMMEDIATE")
            try:
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        con.execute(statement)
                con.execute("PRAGMA application_id=0x47504B47")  # "GPKG"
                con.execute("PRAGMA user_version=10300")
                srs = [
                    ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", None),
                    ("Undefined geographic SRS", 0, "NONE", 0, "undefined", None),
                    ("WGS 84 geodetic", 4326, "EPSG", 4326, _WGS84_WKT, "longitude/latitude"),
                ]
                con.executemany("INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)", srs)
                con.execute(
                    "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description,"
                    " min_x, min_y, max_x, max_y, srs_id)"
                    " VALUES (?, 'features', ?, ?, -180, -90, 180, 90, 4326)",
                    (TABLE, TABLE, "observations from live feeds and imported logs (twin_app)"),
                )
                con.execute(
                    "INSERT OR IGNORE INTO gpkg_geometry_columns VALUES (?, 'geom', 'POINT', 4326, 0, 0)",
                    (TABLE,),
                )
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    def append(self, batch: Iterable[Observation]) -> int:
        """Write a batch in one transaction; returns its size once it is committed (durable)."""
        rows = [_row(obs) for obs in batch]
        if not rows:
            return 0
        with self._lock:
            con = self._con
            con.execute("BEGIN IMMEDIATE")
            try:
                con.executemany(f"INSERT INTO {TABLE} ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        return len(rows)

    def stats(self) -> list[SourceStats]:
        """Exact counts per source, ordered by source name."""
        with self._lock:
            found = self._con.execute(rows.STATS_SQL).fetchall()
        return [SourceStats(s, n, _from_ms(a), _from_ms(b)) for s, n, a, b in found]

    def count(self) -> int:
        with self._lock:
            return int(self._con.execute(f"SELECT COUNT(*) FROM {TABLE}").fetchone()[0])

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
        with self._lock:
            found = self._con.execute(sql, params).fetchall()
        return [rows.observation(r) for r in found]

    def latest(self, at: dt.datetime, *, source: str | None = None) -> list[Observation]:
        """The last observation of each (source, entity) at or before ``at``: the state replay shows."""
        sql, params = rows.latest_sql(at, source=source)
        with self._lock:
            found = self._con.execute(sql, params).fetchall()
        return [rows.observation(r) for r in found]

    def iter_all(self) -> Iterator[Observation]:
        """Every stored observation in time order (for export and replay of a whole store)."""
        yield from self.query()

    def close(self) -> None:
        with self._lock:
            self._con.close()

    def __enter__(self) -> ObservationStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["ObservationStore", "SourceStats", "point_blob"]
