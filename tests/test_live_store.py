"""The observation store: a GeoPackage GDAL reads, exact counts, and nothing acknowledged lost."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyogrio

from twin_app.core.live.observation import Observation, ObservationKind
from twin_app.core.live.store import ObservationStore

T0 = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)


def _obs(entity: str, seconds: float, value: float | None = None, **kw: object) -> Observation:
    return Observation(
        source=str(kw.pop("source", "air")),
        entity=entity,
        time=T0 + dt.timedelta(seconds=seconds),
        value=value,
        **kw,  # type: ignore[arg-type]
    )


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    received = T0 + dt.timedelta(seconds=2)
    a = Observation(
        source="air",
        entity="s17",
        time=T0,
        value=21.4,
        unit="degC",
        lon=24.94,
        lat=60.17,
        received=received,
        extra={"quality": "good", "n": 3},
    )
    b = Observation(
        source="hfp",
        entity="0018/00679",
        time=T0 + dt.timedelta(milliseconds=1500),
        kind=ObservationKind.VEHICLE,
        feature_id="bldg-9",
    )
    with ObservationStore(tmp_path / "obs.gpkg") as store:
        assert store.append([a, b]) == 2
        assert store.query() == [a, b]
        assert store.query(source="hfp") == [b]
        assert store.query(entity="s17") == [a]
        assert store.query(start=T0 + dt.timedelta(seconds=1)) == [b]
        assert store.query(end=T0 + dt.timedelta(seconds=1)) == [a]


def test_stats_are_exact_counts_with_first_and_last(tmp_path: Path) -> None:
    with ObservationStore(tmp_path / "obs.gpkg") as store:
        store.append([_obs("a", s, 1.0) for s in (30, 10, 20)])
        store.append([_obs("v", s, source="hfp") for s in range(7)])
        stats = {s.source: s for s in store.stats()}
        assert store.count() == 10
    assert stats["air"].count == 3 and stats["hfp"].count == 7
    assert stats["air"].first == T0 + dt.timedelta(seconds=10)
    assert stats["air"].last == T0 + dt.timedelta(seconds=30)
    assert stats["hfp"].as_json() == {
        "source": "hfp",
        "count": 7,
        "first": "2026-06-01T12:00:00.000Z",
        "last": "2026-06-01T12:00:06.000Z",
    }


def test_latest_is_the_last_observation_per_entity_at_or_before_a_time(tmp_path: Path) -> None:
    with ObservationStore(tmp_path / "obs.gpkg") as store:
        store.append([_obs("a", 0, 1.0), _obs("a", 10, 2.0), _obs("a", 20, 3.0), _obs("b", 5, 7.0)])
        store.append([_obs("b", 15, 8.0), _obs("b", 15, 9.0)])  # same time: the later arrival wins
        at10 = {o.entity: o.value for o in store.latest(T0 + dt.timedelta(seconds=10))}
        at16 = {o.entity: o.value for o in store.latest(T0 + dt.timedelta(seconds=16))}
        before = store.latest(T0 - dt.timedelta(seconds=1))
    assert at10 == {"a": 2.0, "b": 7.0}
    assert at16 == {"a": 2.0, "b": 9.0}
    assert before == []


def test_gdal_reads_the_store_as_a_point_layer_in_wgs84(tmp_path: Path) -> None:
    path = tmp_path / "obs.gpkg"
    with ObservationStore(path) as store:
        store.append([_obs("s1", 0, 21.5, unit="degC", lon=24.94, lat=60.17), _obs("s2", 1, 3.0)])
    assert pyogrio.list_layers(path).tolist() == [["observations", "Point"]]
    frame = pyogrio.read_dataframe(path, layer="observations")
    assert frame.crs.to_epsg() == 4326
    assert len(frame) == 2
    first = frame.iloc[0]
    assert (first.geometry.x, first.geometry.y) == (24.94, 60.17)
    assert first["value"] == 21.5 and first["unit"] == "degC" and first["entity"] == "s1"
    assert frame.geometry.iloc[1] is None  # no position, no point


def test_reopening_a_store_keeps_what_it_holds(tmp_path: Path) -> None:
    path = tmp_path / "obs.gpkg"
    with ObservationStore(path) as store:
        store.append([_obs("a", 0, 1.0)])
    with ObservationStore(path) as store:
        store.append([_obs("a", 1, 2.0)])
        assert [o.value for o in store.query()] == [1.0, 2.0]


_WRITER = textwrap.dedent(
    """
    import datetime as dt, sys
    from twin_app.core.live.observation import Observation
    from twin_app.core.live.store import ObservationStore
    t0 = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    store = ObservationStore(sys.argv[1])
    seq = 0
    while True:
        batch = []
        for _ in range(200):
            batch.append(Observation(source="flood", entity=str(seq), time=t0, value=float(seq)))
            seq += 1
        store.append(batch)
        print(seq - 1, flush=True)
    """
)


def test_kill_9_mid_flood_loses_nothing_acknowledged(tmp_path: Path) -> None:
    path = tmp_path / "obs.gpkg"
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    acknowledged = -1
    deadline = time.monotonic() + 60
    while acknowledged < 20_000 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        acknowledged = int(line)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert acknowledged >= 20_000 - 1, "the writer did not get going"
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    count, top = con.execute("SELECT COUNT(*), MAX(CAST(entity AS INTEGER)) FROM observations").fetchone()
    con.close()
    assert top >= acknowledged
    assert count == top + 1  # whole batches only, none half written, none missing
    with ObservationStore(path) as store:
        assert store.count() == count
