"""``twin-app feed ingest`` and ``feed stats``: logs and a real broker into a store, counted exactly."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from mosquitto_broker import Broker, running_broker
from test_live_mqtt import publish_all, publisher, reading, wait_for

from twin_app.cli.main import main
from twin_app.core.errors import FeedError
from twin_app.core.live.mqtt import MqttAddress, MqttSource
from twin_app.core.live.replay import FileSource
from twin_app.core.live.sources import open_source
from twin_app.core.live.store import ObservationStore

TWIN_APP = [sys.executable, "-m", "twin_app"]

CSV = """id,time,value,unit,lon,lat,feature_id
s1,2026-06-01T12:00:00Z,21.5,degC,24.94,60.17,
s1,2026-06-01T12:10:00Z,22.0,degC,24.94,60.17,
s2,2026-06-01T12:05:00+03:00,3.5,kWh,,,bldg-42
s2,not a time,1,kWh,,,bldg-42
s3,2026-06-01T13:00:00Z,warm,degC,,,
"""


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[Broker]:
    yield from running_broker(tmp_path)


def stats_json(store: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    capsys.readouterr()
    assert main(["feed", "stats", "--store", str(store), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_csv_log_is_ingested_and_counted_exactly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "readings.csv"
    log.write_text(CSV)
    store = tmp_path / "obs.gpkg"
    assert main(["feed", "ingest", log.as_uri(), "--store", str(store), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["received"], summary["stored"], summary["malformed"]) == (5, 3, 2)
    assert summary["malformed_samples"][0].startswith("readings.csv:5: time")
    # the +03:00 reading is 09:05 UTC: the earliest
    assert stats_json(store, capsys) == {
        "total": 3,
        "sources": [
            {
                "source": "readings",
                "count": 3,
                "first": "2026-06-01T09:05:00.000Z",
                "last": "2026-06-01T12:10:00.000Z",
            }
        ],
    }
    with ObservationStore(store) as s:
        by_entity = {o.entity: o for o in s.query()}
    assert by_entity["s2"].feature_id == "bldg-42" and by_entity["s2"].lon is None
    assert by_entity["s1"].value == 22.0 and by_entity["s1"].unit == "degC"


def test_a_json_lines_log_with_a_mapping_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "aq.jsonl"
    log.write_text(
        '{"station": "A", "t": "2026-06-01T12:00:00Z", "pm25": 4}\n'
        "\n"
        '{"station": "B", "t": "2026-06-01T12:00:30Z", "pm25": 9.5}\n'
        "{broken\n"
    )
    mapping = tmp_path / "aq.toml"
    mapping.write_text(
        'source = "air"\nunit = "ug/m3"\n[fields]\nentity = "station"\ntime = "t"\nvalue = "pm25"\n'
    )
    store = tmp_path / "obs.gpkg"
    assert main(["feed", "ingest", str(log), "--store", str(store), "--mapping", str(mapping)]) == 0
    assert "2 observations stored" in capsys.readouterr().out
    assert stats_json(store, capsys)["sources"] == [
        {"source": "air", "count": 2, "first": "2026-06-01T12:00:00.000Z", "last": "2026-06-01T12:00:30.000Z"}
    ]


def test_a_log_replays_at_a_chosen_speed(tmp_path: Path) -> None:
    log = tmp_path / "r.jsonl"
    log.write_text(
        "".join(f'{{"id": "a", "time": "2026-06-01T12:00:{s:02d}Z", "value": {s}}}\n' for s in (0, 2, 4))
    )
    got: list[tuple[float, int]] = []
    start = time.monotonic()
    FileSource(log, speed=4).run(lambda batch: got.extend((time.monotonic() - start, 1) for _ in batch))
    # 4 s of recorded time at 4x: the last arrives after about 1 s, not at once
    assert len(got) == 3 and 0.9 <= got[-1][0] < 3


def test_unknown_and_not_yet_built_schemes_are_sentences(tmp_path: Path) -> None:
    with pytest.raises(FeedError, match="mqtt://"):
        open_source("kafka://broker/topic")
    with pytest.raises(FeedError, match="not a feed address"):
        open_source("broker:1883")
    with pytest.raises(FeedError, match=r"\.csv, a \.jsonl"):
        open_source(f"file://{tmp_path}/x.parquet")


def test_stats_of_a_missing_store_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["feed", "stats", "--store", str(tmp_path / "none.gpkg")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "none.gpkg").exists()


def test_mqtt_ingest_from_the_command_line(
    broker: Broker, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a persistent session made first, so that what is published before the command connects waits for it
    session = MqttSource(MqttAddress.parse(f"mqtt://127.0.0.1:{broker.port}/t/#"), client_id="cli-test")
    store = tmp_path / "obs.gpkg"
    _subscribe_once(session)
    publish_all(publisher(broker.port), [("t/x", reading(i)) for i in range(500)])
    url = f"mqtt://127.0.0.1:{broker.port}/t/#"
    assert main(["feed", "ingest", url, "--store", str(store), "--for", "3", "--client-id", "cli-test"]) == 0
    out = stats_json(store, capsys)
    assert out["total"] == 500 and out["sources"][0]["source"] == url


def _subscribe_once(source: MqttSource) -> None:
    import threading

    thread = threading.Thread(target=source.run, args=(lambda batch: None,), daemon=True)
    thread.start()
    assert source.subscribed.wait(10)
    source.stop()
    thread.join(10)


@pytest.mark.slow
def test_sigkill_mid_flood_then_restart_loses_nothing_acknowledged(broker: Broker, tmp_path: Path) -> None:
    """The broker acknowledged every message to the publisher; an ingest killed mid-flood and restarted
    with the same client id stores each of them (at least once)."""
    n = 20_000
    url = f"mqtt://127.0.0.1:{broker.port}/flood/#"
    _subscribe_once(MqttSource(MqttAddress.parse(url), client_id="flood"))
    store = tmp_path / "obs.gpkg"
    pub = publisher(broker.port)
    publish_all(pub, [("flood/a", reading(i)) for i in range(n)])
    cmd = [*TWIN_APP, "feed", "ingest", url, "--store", str(store), "--client-id", "flood"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([*cmd, "--for", "60"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def stored() -> int:
        if not store.exists():
            return 0
        con = sqlite3.connect(store, timeout=10)
        try:
            return int(con.execute("SELECT COUNT(*) FROM observations").fetchone()[0])
        except sqlite3.OperationalError:
            return 0
        finally:
            con.close()

    wait_for(lambda: stored() > 0, seconds=30)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    at_kill = stored()
    print(f"stored at the kill: {at_kill} of {n}")
    assert 0 < at_kill < n, f"the kill should land mid-flood, {at_kill} of {n} were stored"
    # restarted with the same session (again, should a loaded machine need more than one 8 s round)
    stored_after = 0
    for _ in range(15):
        again = [*cmd, "--for", "8", "--json"]
        done = subprocess.run(again, env=env, capture_output=True, text=True, check=True)
        stored_after += json.loads(done.stdout)["stored"]
        if stored() >= n:
            break
    assert stored_after >= n - at_kill
    con = sqlite3.connect(store)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    seqs = {json.loads(e)["seq"] for (e,) in con.execute("SELECT extra FROM observations")}
    con.close()
    assert seqs == set(range(n))
    pub.loop_stop()


def test_polled_schemes_open_the_http_sources_with_their_options() -> None:
    from twin_app.core.live.gtfsrt import GtfsRtSource
    from twin_app.core.live.sensorthings import SensorThingsSource

    gtfsrt = open_source("gtfsrt+https://example.org/rt/vp", {"name": "buses", "interval_s": "5"})
    assert isinstance(gtfsrt, GtfsRtSource) and gtfsrt.url == "https://example.org/rt/vp"
    assert gtfsrt.status.source == "buses"
    things = open_source("sensorthings+http://example.org/v1.1", {})
    assert isinstance(things, SensorThingsSource) and things.url == "http://example.org/v1.1"
    assert things.status.source == "sensorthings"
