"""OGC SensorThings API v1.1 polled from a small local server that implements just enough of it.

The server serves Things with ``$expand=Locations,Datastreams`` and each
Datastream's Observations with ``$orderby=phenomenonTime asc``, ``$top``,
``$skip``, ``$filter=phenomenonTime gt T`` and server-driven paging through
``@iot.nextLink`` (at most 3 entities a page), as the standard describes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
import time
import urllib.parse
from typing import Any

import pytest
from local_http import Reply, Request, local_server, wait_for

from twin_app.core.live.observation import Observation, ObservationKind, SourceState, parse_time
from twin_app.core.live.sensorthings import SensorThingsSource

SERVER_PAGE = 3


def when(minute: int) -> str:
    return f"2026-06-01T12:{minute:02d}:00Z"


class SensorThingsServer:
    """The data, and a handler answering the SensorThings requests the source makes."""

    def __init__(self) -> None:
        self.things: list[dict[str, Any]] = [
            {
                "@iot.id": 1,
                "name": "Station A",
                "Locations": [
                    {
                        "@iot.id": 1,
                        "encodingType": "application/geo+json",
                        "location": {"type": "Point", "coordinates": [24.94, 60.17]},
                    }
                ],
                "Datastreams": [
                    {
                        "@iot.id": 1,
                        "name": "A temperature",
                        "unitOfMeasurement": {
                            "name": "degree Celsius",
                            "symbol": "degC",
                            "definition": "ucum:Cel",
                        },
                    },
                    {
                        "@iot.id": "a-no2",
                        "name": "A NO2",
                        "unitOfMeasurement": {
                            "name": "microgram per cubic metre",
                            "symbol": "ug/m3",
                            "definition": "",
                        },
                    },
                ],
            },
            {
                "@iot.id": 2,
                "name": "Station B",
                "Locations": [
                    {
                        "@iot.id": 2,
                        "encodingType": "application/geo+json",
                        "location": {
                            "type": "Feature",
                            "geometry": {"type": "Point", "coordinates": [24.95, 60.18]},
                        },
                    }
                ],
                "Datastreams": [
                    {"@iot.id": 3, "name": "B door", "unitOfMeasurement": {"name": None, "symbol": None}}
                ],
            },
        ]
        self.observations: dict[str, list[dict[str, Any]]] = {"1": [], "'a-no2'": [], "3": []}
        self.next_id = 1
        self.broken: set[str] = set()
        self.base = ""

    def add(self, key: str, phenomenon: str, result: Any) -> None:
        self.observations[key].append(
            {"@iot.id": self.next_id, "phenomenonTime": phenomenon, "result": result}
        )
        self.next_id += 1

    def page(
        self, items: list[dict[str, Any]], path: str, query: dict[str, str], cap: int = SERVER_PAGE
    ) -> Reply:
        skip = int(query.get("$skip", "0"))
        top = min(int(query.get("$top", "100")), cap)
        body: dict[str, Any] = {"value": items[skip : skip + top]}
        if skip + top < len(items):
            following = {**query, "$skip": str(skip + top)}
            body["@iot.nextLink"] = f"{self.base}{path}?{urllib.parse.urlencode(following)}"
        return Reply(body=json.dumps(body).encode(), headers={"Content-Type": "application/json"})

    def __call__(self, request: Request) -> Reply:
        if request.path == "/v1.1/Things":
            assert request.query["$expand"] == "Locations,Datastreams"
            return self.page(self.things, request.path, request.query, cap=1)
        match = re.fullmatch(r"/v1\.1/Datastreams\((.+)\)/Observations", urllib.parse.unquote(request.path))
        if not match or match.group(1) not in self.observations:
            return Reply(status=404, body=b'{"code":404}')
        key = match.group(1)
        if key in self.broken:
            self.broken.discard(key)
            return Reply(body=b"<html>proxy error</html>")
        assert request.query["$orderby"] == "phenomenonTime asc"

        def end(o: dict[str, Any]) -> dt.datetime:
            return parse_time(o["phenomenonTime"].split("/")[-1])

        items = sorted(self.observations[key], key=end)
        if "$filter" in request.query:
            field, op, text = request.query["$filter"].split(" ")
            assert (field, op) == ("phenomenonTime", "gt")
            items = [o for o in items if end(o) > parse_time(text)]
        return self.page(items, request.path, request.query)


def observations_requests(server: Any) -> list[Request]:
    return [r for r in server.requests if r.path.endswith("/Observations")]


def test_every_observation_is_read_exactly_once_across_pages_and_polls() -> None:
    data = SensorThingsServer()
    for minute in range(7):  # 7 readings: pages of 3, 3, 1
        data.add("1", when(minute), 20.0 + minute / 2)
    data.add("'a-no2'", f"{when(0)}/{when(10)}", 12)  # an interval: its end is the time
    data.add("3", when(1), "open")  # not a number
    data.add("3", when(2), True)  # neither is a boolean

    got: list[Observation] = []
    with local_server(data) as server:
        data.base = server.url
        source = SensorThingsSource(
            server.url + "/v1.1/",
            source_id="aq",
            interval_s=60,
            options={"backoff_base_s": 0.05, "timeout_s": 2.0},
        )
        assert source.poll_once(got.extend) == 10
        temps = [o for o in got if o.entity == "1"]
        assert [o.value for o in temps] == [20.0, 20.5, 21.0, 21.5, 22.0, 22.5, 23.0]
        assert [o.time for o in temps] == [parse_time(when(m)) for m in range(7)]
        first = temps[0]
        assert (first.source, first.kind, first.unit, first.lon, first.lat) == (
            "aq",
            ObservationKind.SENSOR,
            "degC",
            24.94,
            60.17,
        )
        assert first.extra["datastream"] == "A temperature" and first.extra["thing"] == "Station A"
        (no2,) = [o for o in got if o.entity == "a-no2"]
        assert (no2.value, no2.unit, no2.time) == (12.0, "ug/m3", parse_time(when(10)))
        assert no2.extra["phenomenon_start"] == when(0)
        door = [o for o in got if o.entity == "3"]
        assert [(o.value, o.unit, o.extra["result"]) for o in door] == [
            (None, None, "open"),
            (None, None, True),
        ]
        assert (door[0].lon, door[0].lat) == (24.95, 60.18)
        assert source.non_numeric == 2
        # Things came in pages of one; Datastream 1's observations in three pages
        assert len([r for r in server.requests if r.path == "/v1.1/Things"]) == 2
        assert len([r for r in observations_requests(server) if "Datastreams(1)" in r.path]) == 3

        # the second poll asks only for what is newer than the last stored, and gets only that
        data.add("1", when(7), 23.5)
        data.add("1", when(8), 24.0)
        data.add("3", when(9), 1)
        before = len(server.requests)
        assert source.poll_once(got.extend) == 3
        asked = [r.query.get("$filter") for r in observations_requests(server)[-3:]]
        assert asked == [
            f"phenomenonTime gt {when(6)}",
            f"phenomenonTime gt {when(10)}",
            f"phenomenonTime gt {when(2)}",
        ]
        assert not any(r.path == "/v1.1/Things" for r in server.requests[before:])
        # nothing new: nothing stored
        assert source.poll_once(got.extend) == 0

    ids = [o.extra["observation_id"] for o in got]
    assert sorted(ids) == list(range(1, data.next_id)) and len(ids) == len(set(ids))
    assert source.status.stored == 13 and source.status.malformed == 0


def test_a_broken_page_is_counted_and_read_again_at_the_next_poll() -> None:
    data = SensorThingsServer()
    for minute in range(4):
        data.add("1", when(minute), float(minute))
    data.broken.add("1")
    got: list[Observation] = []
    with local_server(data) as server:
        data.base = server.url
        source = SensorThingsSource(server.url + "/v1.1", interval_s=60, options={"entity": "name"})
        assert source.poll_once(got.extend) == 0
        assert source.status.malformed == 1
        assert "is not JSON" in (source.status.last_error or "")
        assert source.status.malformed_samples == [repr(b"<html>proxy error</html>")]
        assert source.poll_once(got.extend) == 4
    assert [(o.entity, o.value) for o in got] == [("A temperature", float(m)) for m in range(4)]


def test_since_option_and_the_polling_loop_recovers_from_a_dead_server() -> None:
    data = SensorThingsServer()
    for minute in range(5):
        data.add("1", when(minute), float(minute))
    down = {"n": 2}

    def flaky(request: Request) -> Reply:
        if down["n"] > 0:
            down["n"] -= 1
            return Reply(status=502, body=b"bad gateway")
        return data(request)

    got: list[Observation] = []
    with local_server(flaky) as server:
        data.base = server.url
        source = SensorThingsSource(
            server.url + "/v1.1",
            interval_s=0.02,
            options={"since": when(2), "backoff_base_s": 0.05, "timeout_s": 2.0},
        )
        thread = threading.Thread(
            target=source.run, args=(got.extend,), kwargs={"until": time.monotonic() + 20}
        )
        thread.start()
        assert wait_for(lambda: len(got) == 2)
        data.add("1", when(30), 30.0)
        assert wait_for(lambda: len(got) == 3)
        source.stop()
        thread.join(5)
    assert not thread.is_alive()
    assert [o.value for o in got] == [3.0, 4.0, 30.0]
    assert source.status.state == SourceState.STOPPED
    assert "HTTP 502" in (source.status.last_error or "")
    assert source.poller.failures == 0


@pytest.mark.parametrize(
    "location",
    [
        {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]},
        {"type": "Point", "coordinates": [200, 60]},
    ],
)
def test_a_thing_without_a_usable_point_gives_observations_without_position(location: dict[str, Any]) -> None:
    data = SensorThingsServer()
    data.things = data.things[:1]
    data.things[0]["Locations"][0]["location"] = location
    data.add("1", when(0), 1.5)
    got: list[Observation] = []
    with local_server(data) as server:
        data.base = server.url
        SensorThingsSource(server.url + "/v1.1").poll_once(got.extend)
    assert [(o.value, o.lon, o.lat) for o in got] == [(1.5, None, None)]


def test_a_since_that_is_not_a_time_is_refused_in_words() -> None:
    with pytest.raises(ValueError, match="since='yesterday' is not an ISO 8601 time"):
        SensorThingsSource("http://127.0.0.1:9/v1.1", options={"since": "yesterday"})
    with pytest.raises(ValueError, match="not an http:// or https:// address"):
        SensorThingsSource("file:///tmp/v1.1")
