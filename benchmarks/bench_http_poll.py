"""How fast do the polled sources turn a feed into observations?

* GTFS-realtime: a FeedMessage of N vehicle positions (default 10,000, each
  with trip, route, bearing, speed, stop) and N/5 trip updates of 10 stops,
  built with Google's bindings.  Timed: protobuf decoding alone, decoding
  plus conversion to observations, and a whole poll through a local HTTP
  server (fetch, decode, convert, hand to a sink that keeps the list).
* SensorThings: 10 Datastreams of N/10 observations each, served by a small
  local server in pages of 1,000 through ``@iot.nextLink``; one poll reads
  them all.

Medians of 5 runs; the sink is a list, so the figures exclude the store.

Run: ``python benchmarks/bench_http_poll.py [N]``
"""

from __future__ import annotations

import json
import statistics
import sys
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from google.transit import gtfs_realtime_pb2 as rt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from local_http import Reply, Request, local_server

from twin_app.core.live.gtfsrt import GtfsRtSource, decode_feed
from twin_app.core.live.observation import Observation
from twin_app.core.live.sensorthings import SensorThingsSource

T0 = 1_780_000_000


def gtfs_feed(n: int, header_time: int) -> bytes:
    message = rt.FeedMessage()
    message.header.gtfs_realtime_version = "2.0"
    message.header.timestamp = header_time
    for i in range(n):
        entity = message.entity.add()
        entity.id = f"v{i}"
        vp = entity.vehicle
        vp.vehicle.id = f"bus-{i}"
        vp.timestamp = header_time - i % 30
        vp.position.longitude = 24.9 + (i % 100) / 1000
        vp.position.latitude = 60.1 + (i // 100) / 1000
        vp.position.bearing = float(i % 360)
        vp.position.speed = 7.5
        vp.trip.trip_id = f"trip-{i}"
        vp.trip.route_id = str(i % 200)
        vp.stop_id = f"stop-{i % 900}"
    for i in range(n // 5):
        entity = message.entity.add()
        entity.id = f"t{i}"
        tu = entity.trip_update
        tu.trip.trip_id = f"trip-{i}"
        tu.timestamp = header_time
        for seq in range(10):
            stu = tu.stop_time_update.add()
            stu.stop_sequence = seq
            stu.stop_id = f"stop-{seq}"
            stu.arrival.time = header_time + 60 * seq
            stu.arrival.delay = 30 + seq
    return message.SerializeToString()


def median_s(work: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def bench_gtfsrt(n: int) -> None:
    bodies = [gtfs_feed(n, T0 + 30 * k) for k in range(6)]
    entities = n + n // 5
    size_mb = len(bodies[0]) / 1e6
    print(f"GTFS-realtime: {n:,} vehicles + {n // 5:,} trip updates, {size_mb:.2f} MB a snapshot")
    decode = median_s(lambda: decode_feed(bodies[0]))
    print(f"  protobuf decode only:   {decode * 1000:8.1f} ms  ({entities / decode:12,.0f} entities/s)")

    def convert() -> None:
        source = GtfsRtSource("http://unused", interval_s=60)
        source.ingest(decode_feed(bodies[0]), lambda batch: None)

    both = median_s(convert)
    print(f"  decode + observations:  {both * 1000:8.1f} ms  ({entities / both:12,.0f} observations/s)")
    served = {"k": 0}

    def handler(request: Request) -> Reply:
        served["k"] += 1
        return Reply(body=bodies[served["k"] % len(bodies)])

    with local_server(handler) as server:
        source = GtfsRtSource(server.url, interval_s=60)
        got: list[Observation] = []
        poll = median_s(lambda: source.poll_once(got.extend))
    print(f"  whole poll, local HTTP: {poll * 1000:8.1f} ms  ({entities / poll:12,.0f} observations/s)")


def bench_sensorthings(n: int) -> None:
    per = n // 10

    def stamp(j: int) -> str:
        return f"2026-06-01T{j // 3600 % 24:02d}:{j // 60 % 60:02d}:{j % 60:02d}Z"

    streams = {
        str(i): [{"@iot.id": i * per + j, "phenomenonTime": stamp(j), "result": j / 10} for j in range(per)]
        for i in range(1, 11)
    }
    point = {"type": "Point", "coordinates": [24.9, 60.1]}
    datastreams = [
        {"@iot.id": int(k), "name": f"d{k}", "unitOfMeasurement": {"symbol": "degC"}} for k in streams
    ]
    things = {
        "value": [{"@iot.id": 1, "name": "S", "Locations": [{"location": point}], "Datastreams": datastreams}]
    }
    base = {"url": ""}

    def handler(request: Request) -> Reply:
        if request.path.endswith("/Things"):
            return Reply(body=json.dumps(things).encode())
        key = request.path.split("(")[1].split(")")[0]
        skip = int(request.query.get("$skip", "0"))
        page: dict[str, object] = {"value": streams[key][skip : skip + 1000]}
        if skip + 1000 < per:
            page["@iot.nextLink"] = f"{base['url']}{request.path}?" + urllib.parse.urlencode(
                {**request.query, "$skip": str(skip + 1000)}
            )
        return Reply(body=json.dumps(page).encode())

    with local_server(handler) as server:
        base["url"] = server.url

        def poll() -> None:
            got: list[Observation] = []
            SensorThingsSource(server.url + "/v1.1", interval_s=60).poll_once(got.extend)
            assert len(got) == 10 * per, len(got)

        took = median_s(poll)
    print(f"SensorThings: 10 Datastreams × {per:,} observations, pages of 1,000")
    print(f"  whole poll, local HTTP: {took * 1000:8.1f} ms  ({10 * per / took:12,.0f} observations/s)")


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    bench_gtfsrt(n)
    bench_sensorthings(n)
