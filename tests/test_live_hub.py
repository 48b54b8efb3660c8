"""The feed hub: real sources on worker threads into one store, statuses, failures kept to their feed."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from mosquitto_broker import Broker, running_broker
from test_live_mqtt import publish_all, publisher, reading, wait_for

from twin_app.core.errors import FeedError
from twin_app.core.layers import LiveLayer
from twin_app.core.live.feeds import FeedSpec
from twin_app.core.live.frames import Threshold
from twin_app.core.live.hub import FeedHub, resolve_offline
from twin_app.core.live.observation import Sink, SourceState, SourceStatus
from twin_app.core.live.playback import ObservationReader, SensorReadings, VehicleTracks
from twin_app.core.live.sources import SCHEMES

T0 = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[Broker]:
    yield from running_broker(tmp_path)


def _log(path: Path, n: int) -> Path:
    lines = [
        json.dumps(
            {
                "id": f"s{i % 3}",
                "time": (T0 + dt.timedelta(seconds=10 * i)).isoformat(),
                "value": float(i),
                "lon": 24.9,
                "lat": 60.1,
            }
        )
        for i in range(n)
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n")
    return path


def _count(store: Path, source: str) -> int:
    with ObservationReader(store) as reader:
        return sum(n for s, n, _, _ in reader.stats() if s == source)


def test_a_log_feed_is_stored_and_a_broken_one_fails_alone(tmp_path: Path) -> None:
    city = tmp_path / "city"
    _log(city / "logs" / "air.jsonl", 50)
    (city / "notes.txt").write_text("not a log")
    hub = FeedHub(tmp_path / "live" / "obs.gpkg")
    hub.start(FeedSpec(id="broken", title="Broken", source="file://notes.txt"), city)
    hub.start(FeedSpec(id="air", title="Air", source="file://logs/air.jsonl"), city)
    wait_for(lambda: hub.status("air").state == SourceState.STOPPED, 20)
    statuses = hub.statuses()
    assert [s.source for s in statuses] == ["broken", "air"]
    broken, air = statuses
    assert broken.state == SourceState.FAILED
    assert broken.last_error is not None and "could not be opened" in broken.last_error
    assert "is not a log twin_app replays" in broken.last_error and broken.last_error.endswith(".")
    assert (air.received, air.stored, air.malformed) == (50, 50, 0)
    assert hub.latest_time() == T0 + dt.timedelta(seconds=490)
    assert _count(hub.store_path, "air") == 50  # stored under the feed's id
    started = time.monotonic()
    assert hub.stop_all(timeout=2.0) is True
    assert time.monotonic() - started < 2.0
    with pytest.raises(FeedError, match="stopped"):
        hub.start(FeedSpec(id="again", title="Again", source="file://logs/air.jsonl"), city)


def test_statuses_are_copies(tmp_path: Path) -> None:
    hub = FeedHub(tmp_path / "obs.gpkg")
    hub.start(FeedSpec(id="x", title="X", source="nope://here"), None)
    copy = hub.statuses()[0]
    copy.state = SourceState.CONNECTED
    assert hub.statuses()[0].state == SourceState.FAILED
    assert "nope://" in (hub.statuses()[0].last_error or "")
    assert hub.stop_all() is True


def test_a_city_feed_may_not_read_outside_its_folder(tmp_path: Path) -> None:
    city = tmp_path / "city"
    city.mkdir()
    _log(tmp_path / "secret.jsonl", 3)
    assert resolve_offline("file://logs/a.jsonl", city) == f"file://{(city / 'logs/a.jsonl').resolve()}"
    assert resolve_offline("schedule:gtfs/f.zip", city) == f"schedule:{(city / 'gtfs/f.zip').resolve()}"
    assert resolve_offline("mqtt://host/a/b", city) == "mqtt://host/a/b"
    assert resolve_offline("file://../secret.jsonl", None) == "file://../secret.jsonl"
    for url in (
        "file://../secret.jsonl",
        f"file://{tmp_path / 'secret.jsonl'}",
        "sensor-sim:../../etc/passwd",
    ):
        with pytest.raises(FeedError, match="outside the city folder"):
            resolve_offline(url, city)
    hub = FeedHub(tmp_path / "obs.gpkg")
    hub.start(FeedSpec(id="leak", title="Leak", source="file://../secret.jsonl"), city)
    (status,) = hub.statuses()
    assert status.state == SourceState.FAILED and "outside the city folder" in (status.last_error or "")
    assert hub.stop_all() is True
    assert _count(tmp_path / "obs.gpkg", "leak") == 0


class _Exploding:
    """A feed source from elsewhere (as a plugin would add one) that fails after its first batch."""

    def __init__(self, url: str, options: Mapping[str, Any]) -> None:
        self.status = SourceStatus(source=str(options.get("name")))

    def run(self, sink: Sink, *, until: float | None = None) -> None:
        self.status.state = SourceState.CONNECTED
        raise RuntimeError("the device answered garbage")

    def stop(self) -> None:
        pass


def test_a_source_that_raises_is_failed_and_the_others_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(SCHEMES, "exploding", _Exploding)
    log = _log(tmp_path / "air.jsonl", 20)
    hub = FeedHub(tmp_path / "obs.gpkg")
    hub.start(FeedSpec(id="bad", title="Bad device", source="exploding://x"))
    hub.start(FeedSpec(id="air", title="Air", source=log.as_uri()))
    wait_for(lambda: hub.status("air").state == SourceState.STOPPED, 20)
    wait_for(lambda: hub.status("bad").state == SourceState.FAILED, 5)
    assert (
        hub.status("bad").last_error
        == "The feed 'Bad device' stopped with an error: the device answered garbage."
    )
    assert hub.status("air").stored == 20
    assert hub.stop_all() is True


def test_mqtt_feed_through_the_hub_with_a_real_broker(broker: Broker, tmp_path: Path) -> None:
    hub = FeedHub(tmp_path / "obs.gpkg")
    hub.start(FeedSpec(id="air", title="Air quality", source=f"mqtt://127.0.0.1:{broker.port}/city/+/air"))
    wait_for(lambda: hub.status("air").state == SourceState.CONNECTED, 15)
    assert hub._feeds["air"].source.subscribed.wait(10)  # type: ignore[union-attr]  # (QoS 1 needs the SUBACK)
    with pytest.raises(FeedError, match="already running"):
        hub.start(FeedSpec(id="air", title="Air quality", source=f"mqtt://127.0.0.1:{broker.port}/x"))
    n = 300
    publish_all(publisher(broker.port), [(f"city/{i % 5}/air", reading(i, f"s{i % 5}")) for i in range(n)])
    wait_for(lambda: hub.status("air").stored == n, 30)
    assert _count(hub.store_path, "air") == n
    assert hub.status("air").state == SourceState.CONNECTED
    assert hub.latest_time() is not None
    started = time.monotonic()
    assert hub.stop_all(timeout=5.0) is True
    assert time.monotonic() - started < 5.0
    assert hub.statuses()[0].state == SourceState.STOPPED


def test_layers_and_items_follow_the_spec() -> None:
    limit = Threshold(above=25.0, label="WHO 24-hour guideline for NO2")
    sensors = FeedSpec(
        id="no2",
        title="NO2",
        source="sensor-sim:stations.csv",
        kind="sensor",
        quantity="no2",
        units="ug/m3",
        threshold=limit,
        simulated="Simulated from a diurnal model",
        options={"staleness_s": 60},
    )
    buses = FeedSpec(
        id="buses", title="Buses", source="schedule:gtfs.zip", kind="vehicle", options={"delay_s": 10}
    )
    (layer,) = FeedHub.layers_for(sensors, "EPSG:3067")
    assert isinstance(layer, LiveLayer)
    assert (layer.id, layer.title, layer.crs, layer.feed, layer.observation_kind) == (
        "no2",
        "NO2",
        "EPSG:3067",
        "no2",
        "sensor",
    )
    assert (layer.quantity, layer.units, layer.threshold, layer.simulated) == (
        "no2",
        "ug/m3",
        limit,
        "Simulated from a diurnal model",
    )
    (item,) = FeedHub.items_for(sensors, "EPSG:3067")
    assert isinstance(item, SensorReadings)
    assert (item.layer_id, item.feed, item.threshold, item.staleness_s) == ("no2", "no2", limit, 60.0)
    (track,) = FeedHub.items_for(buses, "EPSG:3067")
    assert isinstance(track, VehicleTracks)
    assert (track.layer_id, track.feed, track.delay_s, track.max_gap_s) == ("buses", "buses", 10.0, 120.0)
    assert FeedHub.layers_for(buses, "EPSG:3067")[0].observation_kind == "vehicle"
