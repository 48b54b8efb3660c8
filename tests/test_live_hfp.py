"""HSL's HFP v2 feed: recorded real messages, published to a real broker, decoded to vehicle fixes."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from mosquitto_broker import Broker, running_broker
from test_live_mqtt import publish_all, publisher, wait_for

from twin_app.core.errors import MalformedMessageError
from twin_app.core.live.hfp import decode_hfp, hfp_source, read_dump_line
from twin_app.core.live.observation import ObservationKind
from twin_app.core.live.store import ObservationStore

DUMP = Path(__file__).parent / "data" / "hfp" / "serviceJourneyChangeDifferentStop.hfp.dump"
RECEIVED = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[Broker]:
    yield from running_broker(tmp_path)


def test_a_recorded_vp_message_decodes_to_the_fix_it_states() -> None:
    # the third line of the dump, read by eye
    _, topic, payload = read_dump_line(DUMP.read_text(encoding="utf-8").splitlines()[2])
    (obs,) = decode_hfp(topic, payload, RECEIVED)
    assert obs.kind == ObservationKind.VEHICLE
    assert obs.entity == "0018/00679"
    assert obs.time == dt.datetime(2023, 10, 29, 13, 47, 2, 344000, tzinfo=dt.UTC)
    assert (obs.lon, obs.lat) == (24.948750, 60.173044)
    extra = obs.extra
    assert (extra["event"], extra["hdg"], extra["spd"], extra["dl"]) == ("VP", 204, 8.13, -601)
    assert (extra["route"], extra["dir"], extra["headsign"], extra["mode"]) == (
        "1061",
        "2",
        "Rautatientori",
        "bus",
    )
    assert extra["journey_type"] == "journey" and extra["next_stop"] == "1020201"


def test_deadrun_topics_stop_after_the_vehicle_number() -> None:
    payload = b'{"VP":{"veh":679,"tst":"2023-10-29T13:51:00.000Z","lat":null,"long":null,"oper":6}}'
    (obs,) = decode_hfp("/hfp/v2/deadrun/ongoing/vp/bus/0018/00679", payload, RECEIVED)
    assert obs.entity == "0018/00679" and obs.lon is None and obs.extra["journey_type"] == "deadrun"
    assert "route" not in obs.extra


@pytest.mark.parametrize(
    ("topic", "payload"),
    [
        ("hfp/v2/journey/ongoing/vp/bus/0018/00679", b'{"VP":{"tst":"2023-10-29T13:51:00Z"}}'),  # no slash
        ("/hfp/v1/journey/ongoing/vp/bus/0018/00679", b'{"VP":{"tst":"2023-10-29T13:51:00Z"}}'),
        ("/hfp/v2/journey/ongoing/vp/bus/0018/00679", b'{"VP":{"lat":60.1}}'),  # no time
        (
            "/hfp/v2/journey/ongoing/vp/bus/0018/00679",
            b'{"VP":{"tst":"2023-10-29T13:51:00Z","lat":"x","long":2}}',
        ),
        ("/hfp/v2/journey/ongoing/vp/bus/0018/00679", b'{"VP":{},"DUE":{}}'),
        ("/hfp/v2/journey/ongoing/vp/bus/0018/00679", b"VP"),
    ],
)
def test_what_is_not_hfp_v2_is_malformed(topic: str, payload: bytes) -> None:
    with pytest.raises(MalformedMessageError):
        decode_hfp(topic, payload, RECEIVED)


def test_recorded_hsl_messages_through_the_broker_are_all_stored(broker: Broker, tmp_path: Path) -> None:
    lines = [read_dump_line(line) for line in DUMP.read_text(encoding="utf-8").splitlines()]
    store = ObservationStore(tmp_path / "obs.gpkg")
    source = hfp_source(f"hfp+mqtt://127.0.0.1:{broker.port}")
    assert source.address.topic == "/hfp/v2/#"
    thread = threading.Thread(target=source.run, args=(store.append,), daemon=True)
    thread.start()
    assert source.subscribed.wait(10)
    pub = publisher(broker.port)
    publish_all(pub, [(topic, payload) for _, topic, payload in lines])
    publish_all(pub, [("/other/feed", b'{"VP":{}}')])  # not under /hfp/v2/: never received
    wait_for(lambda: store.count() >= 38)
    source.stop()
    thread.join(10)
    pub.loop_stop()
    stored = store.query()
    assert len(stored) == 38 and source.status.malformed == 0
    # the event types in the recording, counted in its README
    assert Counter(o.extra["event"] for o in stored) == {
        "VP": 20, "DUE": 3, "ARR": 2, "ARS": 2, "PDE": 2, "DEP": 2,
        "DOO": 2, "DOC": 2, "WAIT": 1, "VJOUT": 1, "VJA": 1,
    }  # fmt: skip
    assert {o.entity for o in stored} == {"0018/00679"}
    assert Counter(o.extra["journey_type"] for o in stored) == {"journey": 36, "deadrun": 2}
    lons = [o.lon for o in stored if o.lon is not None]
    lats = [o.lat for o in stored if o.lat is not None]
    # the README's extent, rounded to 4 decimals: lat 60.1706-60.1742, lon 24.9433-24.9505
    assert (round(min(lons), 4), round(max(lons), 4)) == (24.9433, 24.9505)
    assert (round(min(lats), 4), round(max(lats), 4)) == (60.1706, 60.1742)
    (stats,) = store.stats()
    assert stats.source == f"hfp+mqtt://127.0.0.1:{broker.port}"
    assert stats.first.isoformat().startswith("2023-10-29T13:46:45") and stats.last.isoformat().startswith(
        "2023-10-29T13:51:2"
    )


def test_a_recorded_dump_replays_through_file_urls_like_the_live_feed(tmp_path: Path) -> None:
    from twin_app.core.live.sources import open_source

    lines = DUMP.read_text(encoding="utf-8").splitlines()
    broken = tmp_path / "with-garbage.hfp.dump"
    broken.write_text("\n".join([*lines, "not a dump line", "2023-10-29T13:50:00Z /hfp/v2/x {}"]) + "\n")
    with ObservationStore(tmp_path / "store.gpkg") as store:
        source = open_source(f"file://{broken}", {"name": "hsl"})
        source.run(store.append)
        stored = store.query(source="hsl")
    # every recorded line is one message; the two garbage lines are counted, the rest stored
    assert source.status.malformed == 2
    assert len(stored) == len(lines)
    expected = [decode_hfp(*read_dump_line(line)[1:], RECEIVED, source="hsl")[0] for line in lines]
    assert sorted((o.entity, o.time, o.lon, o.lat) for o in stored) == sorted(
        (o.entity, o.time, o.lon, o.lat) for o in expected
    )
    # the receive time comes from the recording, not the replay's clock
    assert stored[0].received is not None and stored[0].received.year == 2023
