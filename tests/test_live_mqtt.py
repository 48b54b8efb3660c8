"""The MQTT feed against a real mosquitto: everything published with QoS 1 is stored."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import paho.mqtt.client as mqtt
import pytest
from mosquitto_broker import Broker, running_broker
from paho.mqtt.enums import CallbackAPIVersion

from twin_app.core.errors import FeedError
from twin_app.core.live.mqtt import MqttAddress, MqttSource
from twin_app.core.live.observation import SourceState
from twin_app.core.live.store import ObservationStore


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[Broker]:
    yield from running_broker(tmp_path)


def publisher(port: int) -> mqtt.Client:
    client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="test-publisher")
    client.connect("127.0.0.1", port)
    client.loop_start()
    return client


def publish_all(client: mqtt.Client, messages: list[tuple[str, bytes]]) -> None:
    infos = [client.publish(topic, payload, qos=1) for topic, payload in messages]
    for info in infos:
        info.wait_for_publish(timeout=30)
        assert info.is_published()


def wait_for(condition: Callable[[], bool], seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.05)


class Running:
    """A source running on a thread into a store, as the CLI and the app run it."""

    def __init__(self, source: MqttSource, store: ObservationStore) -> None:
        self.source = source
        self.thread = threading.Thread(target=source.run, args=(store.append,), daemon=True)
        self.thread.start()
        assert source.subscribed.wait(10), source.status

    def stop(self) -> None:
        self.source.stop()
        self.thread.join(10)
        assert not self.thread.is_alive()


def reading(i: int, sensor: str = "s17") -> bytes:
    return json.dumps(
        {
            "id": sensor,
            "time": f"2026-06-01T12:{i // 60 % 60:02d}:{i % 60:02d}Z",
            "value": i / 10,
            "unit": "degC",
            "lon": 24.94,
            "lat": 60.17,
            "seq": i,
        }
    ).encode()


def test_parse_address_reads_wildcards_credentials_and_tls() -> None:
    a = MqttAddress.parse("mqtt://broker.example:1884/city/+/air/#")
    assert (a.host, a.port, a.topic, a.tls) == ("broker.example", 1884, "city/+/air/#", False)
    b = MqttAddress.parse("mqtts://ann:s3cret@broker.example/a/b")
    assert (b.port, b.tls, b.username, b.password, b.topic) == (8883, True, "ann", "s3cret", "a/b")
    hfp = MqttAddress.parse("hfp+mqtt://mqtt.hsl.fi:1883", default_topic="/hfp/v2/#", keep_leading_slash=True)
    assert hfp.topic == "/hfp/v2/#"
    assert (
        MqttAddress.parse("hfp+mqtt://h/hfp/v2/journey/#", keep_leading_slash=True).topic
        == "/hfp/v2/journey/#"
    )
    with pytest.raises(FeedError, match="names no topic"):
        MqttAddress.parse("mqtt://h:1883")
    with pytest.raises(FeedError, match="port"):
        MqttAddress.parse("mqtt://h:abc/t")


def test_every_qos1_message_published_lands_in_the_store(broker: Broker, tmp_path: Path) -> None:
    n = 1_000
    store = ObservationStore(tmp_path / "obs.gpkg")
    source = MqttSource(MqttAddress.parse(f"mqtt://127.0.0.1:{broker.port}/city/+/air"), name="air")
    running = Running(source, store)
    pub = publisher(broker.port)
    publish_all(pub, [(f"city/{i % 7}/air", reading(i, f"s{i % 7}")) for i in range(n)])
    publish_all(pub, [("city/1/water", reading(0))])  # outside the filter: not for us
    wait_for(lambda: store.count() >= n)
    time.sleep(0.3)
    running.stop()
    pub.loop_stop()
    stored = store.query()
    assert len(stored) == n
    assert sorted(o.extra["seq"] for o in stored) == list(range(n))
    assert {o.entity for o in stored} == {f"s{k}" for k in range(7)}
    first = next(o for o in stored if o.extra["seq"] == 61)
    assert first.time == dt.datetime(2026, 6, 1, 12, 1, 1, tzinfo=dt.UTC)
    assert (first.value, first.unit, first.lon, first.lat) == (6.1, "degC", 24.94, 60.17)
    assert source.status.received == n and source.status.stored == n and source.status.malformed == 0
    assert source.status.state == SourceState.STOPPED
    assert [(s.source, s.count) for s in store.stats()] == [("air", n)]


def test_malformed_messages_are_counted_and_the_feed_goes_on(broker: Broker, tmp_path: Path) -> None:
    store = ObservationStore(tmp_path / "obs.gpkg")
    source = MqttSource(
        MqttAddress.parse(f"mqtt://127.0.0.1:{broker.port}/s/#"), name="air", max_payload=4096
    )
    running = Running(source, store)
    bad = [
        b"not json at all",
        b'{"time": "2026-06-01T12:00:00Z", "value": 1}',  # no id
        b'{"id": "x", "time": "yesterday", "value": 1}',
        b'{"id": "x", "time": "2026-06-01T12:00:00Z", "value": "warm"}',
        b'{"id": "x", "time": "2026-06-01T12:00:00Z", "lon": 24.9}',  # lon without lat
        b'{"id": "x", "time": "2026-06-01T12:00:00Z", "lon": 240, "lat": 60}',
        b"\xff\xfe\x00",
        b"[1, 2]",
        b'{"id": "x", "value": 1, "pad": "' + b"a" * 10_000 + b'"}',  # over the payload limit
    ]
    good = [reading(i) for i in range(50)]
    mixed = [
        ("s/a", p)
        for pair in zip(good, bad + [reading(999)] * (len(good) - len(bad)), strict=True)
        for p in pair
    ]
    publish_all(publisher(broker.port), mixed)
    wait_for(lambda: source.status.received >= len(mixed))
    wait_for(lambda: store.count() >= len(good) + len(good) - len(bad))
    running.stop()
    assert source.status.malformed == len(bad)
    assert store.count() == len(good) + (len(good) - len(bad))
    assert len(source.status.malformed_samples) == 5
    assert "not json" in source.status.malformed_samples[0]


def test_the_source_reconnects_when_the_broker_comes_back(broker: Broker, tmp_path: Path) -> None:
    store = ObservationStore(tmp_path / "obs.gpkg")
    source = MqttSource(MqttAddress.parse(f"mqtt://127.0.0.1:{broker.port}/s/#"), name="air")
    running = Running(source, store)
    pub = publisher(broker.port)
    publish_all(pub, [("s/a", reading(i)) for i in range(10)])
    wait_for(lambda: store.count() == 10)
    pub.loop_stop()
    broker.stop()
    wait_for(lambda: source.status.state == SourceState.RECONNECTING)
    assert source.status.last_error is not None
    broker.start()
    wait_for(lambda: source.subscribed.is_set(), seconds=40)  # backoff is 1 s doubling to 30 s
    assert source.status.state == SourceState.CONNECTED
    pub = publisher(broker.port)
    publish_all(pub, [("s/a", reading(i)) for i in range(10, 25)])
    wait_for(lambda: store.count() == 25)
    running.stop()
    pub.loop_stop()
    assert sorted(o.extra["seq"] for o in store.query()) == list(range(25))


def test_a_mapping_file_names_the_payload_fields(tmp_path: Path) -> None:
    from twin_app.core.live.mapping import PayloadMapping, decode_json

    path = tmp_path / "mapping.toml"
    path.write_text(
        'source = "aq"\nkind = "sensor"\nunit = "ug/m3"\n'
        '[fields]\nentity = "@topic"\ntime = "ts"\nvalue = "data.pm25"\nlon = "pos.x"\nlat = "pos.y"\n'
    )
    mapping = PayloadMapping.load(path)
    received = dt.datetime(2026, 6, 1, 12, 0, 5, tzinfo=dt.UTC)
    payload = b'{"ts": 1780315200, "data": {"pm25": 7.5}, "pos": {"x": 24.9, "y": 60.2}, "fw": "1.2"}'
    (obs,) = decode_json(mapping, "ignored", "city/aq/7", payload, received)
    assert (obs.source, obs.entity, obs.value, obs.unit, obs.lon, obs.lat) == (
        "aq",
        "city/aq/7",
        7.5,
        "ug/m3",
        24.9,
        60.2,
    )
    assert obs.time == dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)  # 1780315200 s after 1970
    assert obs.extra == {"data": {"pm25": 7.5}, "pos": {"x": 24.9, "y": 60.2}, "fw": "1.2"}
    (no_time,) = decode_json(mapping, "x", "t", b'{"data": {"pm25": 1}}', received)
    assert no_time.time == received
    path.write_text('[fields]\nspeed = "v"\n')
    with pytest.raises(FeedError, match="speed"):
        PayloadMapping.load(path)


def test_tls_with_username_and_password(tmp_path: Path) -> None:
    """mqtts:// against a broker with its own CA and a password file; a wrong password is a stated error."""
    import shutil
    import subprocess

    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.fail("the openssl command is needed to make the test's certificate (apt-get install openssl)")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    passwords = tmp_path / "passwords"
    passwd = shutil.which("mosquitto_passwd") or "mosquitto_passwd"
    subprocess.run([passwd, "-b", "-c", str(passwords), "ann", "s3cret"], check=True, capture_output=True)
    lines = f"certfile {cert}\nkeyfile {key}\npassword_file {passwords}\n"
    broker = Broker(tmp_path, listener_lines=lines)
    broker.start()
    try:
        store = ObservationStore(tmp_path / "obs.gpkg")
        url = f"mqtts://ann:s3cret@127.0.0.1:{broker.port}/s/#"
        running = Running(MqttSource(MqttAddress.parse(url), name="tls", ca_file=str(cert)), store)
        pub = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="tls-publisher")
        pub.tls_set(ca_certs=str(cert))
        pub.username_pw_set("ann", "s3cret")
        pub.connect("127.0.0.1", broker.port)
        pub.loop_start()
        publish_all(pub, [("s/a", reading(i)) for i in range(20)])
        wait_for(lambda: store.count() == 20)
        running.stop()
        pub.loop_stop()
        wrong = MqttSource(
            MqttAddress.parse(f"mqtts://ann:wrong@127.0.0.1:{broker.port}/s/#"), ca_file=str(cert)
        )
        thread = threading.Thread(target=wrong.run, args=(store.append,), daemon=True)
        thread.start()
        wait_for(lambda: wrong.status.last_error is not None)
        assert "refused" in wrong.status.last_error  # type: ignore[operator]
        assert not wrong.subscribed.is_set()
        wrong.stop()
        thread.join(10)
    finally:
        broker.stop()
