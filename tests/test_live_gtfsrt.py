"""GTFS-realtime polled from a real local HTTP server, FeedMessages built with Google's bindings.

Expected observations are written out by hand from the feeds the tests build.
"""

from __future__ import annotations

import datetime as dt
import random
import threading
import time

import pytest
from google.transit import gtfs_realtime_pb2 as rt
from local_http import DROP, Reply, Request, local_server, wait_for

from twin_app.core.live.gtfsrt import GtfsRtSource
from twin_app.core.live.http_poll import HttpPoller, PollSettings, backoff_delay, parse_retry_after
from twin_app.core.live.observation import Observation, ObservationKind, SourceState, SourceStatus

FAST = {"backoff_base_s": 0.2, "backoff_max_s": 2.0, "timeout_s": 2.0}


def feed(header_time: int, vehicles: list[dict], trips: list[dict] | None = None) -> bytes:
    message = rt.FeedMessage()
    message.header.gtfs_realtime_version = "2.0"
    message.header.incrementality = rt.FeedHeader.FULL_DATASET
    message.header.timestamp = header_time
    for v in vehicles:
        entity = message.entity.add()
        entity.id = "e-" + v["id"]
        vp = entity.vehicle
        if v.get("use_label"):
            vp.vehicle.label = v["id"]
        else:
            vp.vehicle.id = v["id"]
        if "ts" in v:
            vp.timestamp = v["ts"]
        vp.position.longitude = v["lon"]
        vp.position.latitude = v["lat"]
        if "bearing" in v:
            vp.position.bearing = v["bearing"]
        if "speed" in v:
            vp.position.speed = v["speed"]
        if "trip" in v:
            vp.trip.trip_id = v["trip"]
            vp.trip.route_id = v["route"]
        if "stop" in v:
            vp.stop_id = v["stop"]
            vp.current_status = rt.VehiclePosition.STOPPED_AT
    for t in trips or []:
        entity = message.entity.add()
        entity.id = "t-" + t["id"]
        tu = entity.trip_update
        tu.trip.trip_id = t["id"]
        tu.trip.route_id = t["route"]
        if "ts" in t:
            tu.timestamp = t["ts"]
        for seq, stop, when, delay, skipped in t["stops"]:
            stu = tu.stop_time_update.add()
            stu.stop_sequence = seq
            stu.stop_id = stop
            if skipped:
                stu.schedule_relationship = rt.TripUpdate.StopTimeUpdate.SKIPPED
                continue
            stu.arrival.time = when
            stu.arrival.delay = delay
            stu.departure.delay = delay + 10
    return message.SerializeToString()


T0 = 1_780_000_000  # 2026-05-28T20:26:40Z


def utc(seconds: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)


def run_in_thread(source: GtfsRtSource, sink: list[Observation]) -> threading.Thread:
    thread = threading.Thread(target=source.run, args=(sink.extend,), kwargs={"until": time.monotonic() + 30})
    thread.start()
    return thread


def test_vehicle_positions_and_trip_delays_are_decoded() -> None:
    body = feed(
        T0,
        [
            {
                "id": "bus-1",
                "ts": T0 - 5,
                "lon": 24.94,
                "lat": 60.17,
                "bearing": 90.0,
                "speed": 8.5,
                "trip": "trip-A",
                "route": "55",
                "stop": "S1",
            },
            {"id": "tram-2", "use_label": True, "lon": 24.95, "lat": 60.16},
        ],
        trips=[
            {
                "id": "trip-A",
                "route": "55",
                "ts": T0 - 2,
                "stops": [
                    (3, "S0", T0 - 60, 60, False),  # already passed
                    (4, "S1", T0 + 30, 120, False),  # the next stop: its arrival delay
                    (5, "S2", T0 + 90, 150, True),
                ],
            },
        ],
    )
    got: list[Observation] = []
    with local_server(
        lambda r: Reply(body=body, headers={"Content-Type": "application/x-protobuf"})
    ) as server:
        source = GtfsRtSource(server.url + "/feed.pb", source_id="rt", interval_s=60, options=FAST)
        assert source.poll_once(got.extend) == 3
    bus, tram, trip = got
    assert (bus.source, bus.entity, bus.kind, bus.time) == (
        "rt",
        "bus-1",
        ObservationKind.VEHICLE,
        utc(T0 - 5),
    )
    assert (bus.lon, bus.lat) == pytest.approx((24.94, 60.17))
    assert bus.value is None
    assert bus.extra["trip_id"] == "trip-A" and bus.extra["route_id"] == "55"
    assert bus.extra["bearing"] == 90.0 and bus.extra["speed"] == 8.5
    assert bus.extra["current_status"] == "STOPPED_AT" and bus.extra["stop_id"] == "S1"
    # no vehicle timestamp: the header's; no vehicle id: the label
    assert (tram.entity, tram.time) == ("tram-2", utc(T0))
    assert "trip_id" not in tram.extra
    assert (trip.entity, trip.kind, trip.value, trip.unit) == ("trip-A", ObservationKind.SENSOR, 120.0, "s")
    assert trip.time == utc(T0 - 2)
    assert trip.extra["stop_id"] == "S1" and trip.extra["stop_sequence"] == 4
    assert trip.extra["stop_time_update_count"] == 3
    assert trip.extra["stop_time_updates"][0] == {
        "stop_sequence": 3,
        "stop_id": "S0",
        "arrival_delay": 60,
        "arrival_time": T0 - 60,
        "departure_delay": 70,
    }
    assert trip.extra["stop_time_updates"][2]["schedule_relationship"] == "SKIPPED"
    assert source.status.received == 3 and source.status.stored == 3


def test_repeats_errors_and_garbage_are_survived_and_nothing_is_stored_twice() -> None:
    first = feed(
        T0,
        [
            {"id": "v1", "ts": T0, "lon": 24.90, "lat": 60.10},
            {"id": "v2", "ts": T0, "lon": 24.91, "lat": 60.11},
        ],
    )
    # v1 moved; v2 is re-served unchanged with its old timestamp
    second = feed(
        T0 + 30,
        [
            {"id": "v1", "ts": T0 + 29, "lon": 24.92, "lat": 60.12},
            {"id": "v2", "ts": T0, "lon": 24.91, "lat": 60.11},
        ],
    )
    script = [
        Reply(body=first),
        Reply(body=first),
        Reply(status=500, body=b"oops"),
        DROP,
        Reply(body=b"not a feed at all"),
        Reply(body=second),
    ]
    states: list[SourceState] = []

    def handler(request: Request) -> Reply:
        states.append(source.status.state)
        n = len(server.requests) - 1
        return script[n] if n < len(script) else Reply(body=second)

    got: list[Observation] = []
    with local_server(handler) as server:
        source = GtfsRtSource(server.url + "/vp", interval_s=0.02, options=FAST)
        source.poller._rng = random.Random(1)
        thread = run_in_thread(source, got)
        assert wait_for(lambda: len(server.requests) >= 8)
        source.stop()
        thread.join(5)
    assert not thread.is_alive()
    assert [(o.entity, o.time) for o in got] == [("v1", utc(T0)), ("v2", utc(T0)), ("v1", utc(T0 + 29))]
    assert got[2].lon == pytest.approx(24.92)
    assert source.repeated_snapshots >= 1
    assert source.status.malformed == 1
    assert "not a GTFS-realtime FeedMessage" in (source.status.last_error or "")
    assert source.status.malformed_samples == [repr(b"not a feed at all")]
    assert source.status.state == SourceState.STOPPED
    # after the 500 and the dropped connection the source was reconnecting, then connected again
    assert states[3] == SourceState.RECONNECTING and states[4] == SourceState.RECONNECTING
    assert states[6] == SourceState.CONNECTED
    at = [r.at for r in server.requests]
    assert at[3] - at[2] >= 0.1 * 0.95  # first backoff: 0.2 s × [0.5, 1]
    assert at[4] - at[3] >= 0.2 * 0.95  # second: 0.4 s × [0.5, 1]
    assert source.poller.failures == 0


def test_oversized_bodies_are_refused_with_a_note_and_the_feed_goes_on() -> None:
    small = feed(T0, [{"id": "v1", "ts": T0, "lon": 24.9, "lat": 60.1}])
    big = b"\x00" * 5000
    script = [Reply(body=big), Reply(body=big, no_length=True), Reply(body=small)]

    def handler(request: Request) -> Reply:
        n = len(server.requests) - 1
        return script[min(n, 2)]

    got: list[Observation] = []
    with local_server(handler) as server:
        source = GtfsRtSource(server.url, interval_s=0.02, options={**FAST, "max_bytes": 1000})
        thread = run_in_thread(source, got)
        assert wait_for(lambda: len(got) == 1)
        source.stop()
        thread.join(5)
    assert source.status.malformed == 2
    assert "5,000 bytes, over the limit of 1,000" in source.status.malformed_samples[0]
    assert "grew past the limit of 1,000 bytes" in source.status.malformed_samples[1]
    assert [o.entity for o in got] == ["v1"]


def test_retry_after_is_honoured() -> None:
    body = feed(T0, [{"id": "v1", "ts": T0, "lon": 24.9, "lat": 60.1}])

    def handler(request: Request) -> Reply:
        if len(server.requests) == 1:
            return Reply(status=503, headers={"Retry-After": "1"})
        return Reply(body=body)

    got: list[Observation] = []
    with local_server(handler) as server:
        source = GtfsRtSource(server.url, interval_s=0.02, options={**FAST, "backoff_base_s": 0.01})
        thread = run_in_thread(source, got)
        assert wait_for(lambda: len(got) == 1)
        source.stop()
        thread.join(5)
    assert server.requests[1].at - server.requests[0].at >= 0.95
    assert "HTTP 503" in (source.status.last_error or "")


def test_conditional_get_and_stop_interrupts_the_wait() -> None:
    body = feed(T0, [{"id": "v1", "ts": T0, "lon": 24.9, "lat": 60.1}])

    def handler(request: Request) -> Reply:
        if request.headers.get("If-None-Match") == '"abc"':
            return Reply(status=304, headers={"ETag": '"abc"'})
        return Reply(body=body, headers={"ETag": '"abc"', "Last-Modified": "Thu, 28 May 2026 20:26:40 GMT"})

    got: list[Observation] = []
    with local_server(handler) as server:
        source = GtfsRtSource(server.url, interval_s=0.05, options=FAST)
        thread = run_in_thread(source, got)
        assert wait_for(lambda: len(server.requests) >= 3)
        source.stop()
        thread.join(5)
        assert server.requests[1].headers["If-Modified-Since"] == "Thu, 28 May 2026 20:26:40 GMT"
        assert source.poller.not_modified >= 2
        assert len(got) == 1

        # a long interval: stop() must end the wait at once, not after 60 s
        slow = GtfsRtSource(server.url, interval_s=60, options=FAST)
        more: list[Observation] = []
        thread = run_in_thread(slow, more)
        assert wait_for(lambda: len(more) == 1)
        began = time.monotonic()
        slow.stop()
        thread.join(5)
        assert time.monotonic() - began < 0.5
        assert slow.status.state == SourceState.STOPPED


def test_backoff_and_retry_after_arithmetic() -> None:
    settings = PollSettings(interval_s=15, backoff_base_s=1.0, backoff_max_s=300.0)
    rng = random.Random(7)
    for failures, low, high in [(1, 0.5, 1.0), (4, 4.0, 8.0), (20, 150.0, 300.0)]:
        for _ in range(50):
            assert low <= backoff_delay(failures, settings, rng) <= high
    now = dt.datetime(2015, 10, 21, 7, 27, 30, tzinfo=dt.UTC)
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=now) == 30.0
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("soon") is None
    with pytest.raises(ValueError, match="interval_s must be a positive"):
        PollSettings.from_options(0, None)


def test_an_impossible_position_is_counted_and_the_rest_of_the_snapshot_kept() -> None:
    body = feed(
        T0,
        [{"id": "v1", "ts": T0, "lon": 24.9, "lat": 95.0}, {"id": "v2", "ts": T0, "lon": 24.9, "lat": 60.1}],
    )
    got: list[Observation] = []
    with local_server(lambda r: Reply(body=body)) as server:
        source = GtfsRtSource(server.url, interval_s=60)
        assert source.poll_once(got.extend) == 1
    assert [o.entity for o in got] == ["v2"]
    assert source.status.malformed == 1
    assert "outside the Earth's coordinates" in (source.status.last_error or "")


def test_a_polled_rate_is_what_a_poll_brought_over_the_time_between_polls() -> None:
    status = SourceStatus(source="x")
    poller = HttpPoller(status, PollSettings(interval_s=0.1))

    def poll_once() -> None:
        status.received += 10

    poller.run(poll_once, until=time.monotonic() + 0.35)
    # 10 observations every 0.1 s (never faster; slower only if this machine stalls)
    assert 20 < status.messages_per_s <= 100
    assert status.state == SourceState.STOPPED


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/feed.pb", "http://", "feed.pb"])
def test_only_http_addresses_are_polled(url: str) -> None:
    with pytest.raises(ValueError, match="is not an http:// or https:// address"):
        GtfsRtSource(url)


def test_a_sink_that_cannot_store_fails_the_source_and_the_snapshot_is_fetched_again() -> None:
    body = feed(T0, [{"id": "v1", "ts": T0, "lon": 24.9, "lat": 60.1}])

    def full_disk(batch: list[Observation]) -> None:
        raise OSError("database or disk is full")

    with local_server(lambda r: Reply(body=body)) as server:
        source = GtfsRtSource(server.url, interval_s=0.02)
        with pytest.raises(OSError, match="disk is full"):
            source.run(full_disk, until=time.monotonic() + 5)
        assert source.status.state == SourceState.FAILED
        assert "disk is full" in (source.status.last_error or "")
        # nothing was marked as seen: the same snapshot is stored once the store works
        got: list[Observation] = []
        assert source.poll_once(got.extend) == 1
