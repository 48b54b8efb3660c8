"""How many observations a second go from a local MQTT broker into the store, durably?

Starts a real mosquitto on a loopback port, fills a persistent session with
N JSON readings (QoS 1) while nobody is connected, then starts the ingest
(``MqttSource`` into ``ObservationStore``) and times it from the start until
every message is committed and acknowledged: the sustained rate the
pipeline can take (decode on paho's thread, one transaction per batch,
PUBACK after commit).  The obvious approach, one SQLite commit per message
(the same source with ``batch_size=1``), runs in the same process on a
smaller N and is printed beside it with the ratio.

A second row publishes while ingesting ("live"): then the Python publisher,
not the ingest, is usually what limits the rate, and the table says how fast
it published.  A last line times the store alone on decoded observations,
batched and one commit each, to tell the store's share from the MQTT
client's (paho's pure-Python packet reading is the ceiling of the MQTT rows).

Run: ``python benchmarks/bench_ingest.py [N]`` (default N = 100,000; needs
the ``mosquitto`` binary).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
import threading
import time
from pathlib import Path

import paho.mqtt.client as mqtt
from local_broker import start_broker
from paho.mqtt.enums import CallbackAPIVersion

from twin_app.core.live.mqtt import MqttAddress, MqttSource
from twin_app.core.live.store import ObservationStore

BASELINE_N = 5_000


def payloads(n: int, offset: int = 0) -> list[bytes]:
    return [
        json.dumps(
            {"id": f"s{i % 500}", "time": 1780315200 + i / 100, "value": (i % 400) / 10, "unit": "degC",
             "lon": 24.9 + (i % 100) / 1000, "lat": 60.15 + (i % 50) / 1000, "seq": offset + i}
        ).encode()
        for i in range(n)
    ]  # fmt: skip


def publish(port: int, topic: str, messages: list[bytes]) -> float:
    """Publishes with QoS 1 and waits for every PUBACK; returns messages per second."""
    client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=f"bench-pub-{time.monotonic_ns()}")
    client.max_queued_messages_set(0)
    client.max_inflight_messages_set(1000)
    client.connect("127.0.0.1", port)
    client.loop_start()
    start = time.perf_counter()
    # message ids are 16 bits: wait for each chunk before ids could repeat
    for first in range(0, len(messages), 20_000):
        infos = [client.publish(topic, m, qos=1) for m in messages[first : first + 20_000]]
        for info in infos:
            info.wait_for_publish(timeout=120)
    rate = len(messages) / (time.perf_counter() - start)
    client.disconnect()
    client.loop_stop()
    return rate


def run_until(source: MqttSource, store: ObservationStore, n: int) -> tuple[float, int]:
    thread = threading.Thread(target=source.run, args=(store.append,), daemon=True)
    start = time.perf_counter()
    thread.start()
    while store.count() < n:
        time.sleep(0.01)
        if time.perf_counter() - start > 600:
            break
    elapsed = time.perf_counter() - start
    source.stop()
    thread.join(30)
    return elapsed, store.count()


def backlog(port: int, folder: Path, n: int, batch_size: int, label: str) -> dict[str, object]:
    url = f"mqtt://127.0.0.1:{port}/bench/{label}/#"
    session = MqttSource(MqttAddress.parse(url), client_id=f"bench-{label}")
    t = threading.Thread(target=session.run, args=(lambda b: None,), daemon=True)
    t.start()
    session.subscribed.wait(10)
    session.stop()
    t.join(10)
    pub_rate = publish(port, f"bench/{label}/x", payloads(n))
    store = ObservationStore(folder / f"{label}.gpkg")
    source = MqttSource(MqttAddress.parse(url), client_id=f"bench-{label}", batch_size=batch_size)
    elapsed, stored = run_until(source, store, n)
    store.close()
    return {"approach": label, "n": n, "stored": stored, "seconds": elapsed, "rate": stored / elapsed,
            "published_per_s": pub_rate}  # fmt: skip


def live(port: int, folder: Path, n: int) -> dict[str, object]:
    url = f"mqtt://127.0.0.1:{port}/bench/live/#"
    store = ObservationStore(folder / "live.gpkg")
    source = MqttSource(MqttAddress.parse(url))
    thread = threading.Thread(target=source.run, args=(store.append,), daemon=True)
    thread.start()
    source.subscribed.wait(10)
    messages = payloads(n)
    start = time.perf_counter()
    pub_rate = publish(port, "bench/live/x", messages)
    while store.count() < n and time.perf_counter() - start < 600:
        time.sleep(0.01)
    elapsed = time.perf_counter() - start
    stored = store.count()
    source.stop()
    thread.join(30)
    store.close()
    return {"approach": "batched, live", "n": n, "stored": stored, "seconds": elapsed,
            "rate": stored / elapsed, "published_per_s": pub_rate}  # fmt: skip


def paho_alone(port: int, n: int) -> float:
    """Messages per second a bare paho client drains from a backlog: QoS 1, automatic PUBACK, a
    callback that only counts.  No decoding, no store: the ceiling of any paho-based ingest here."""
    topic = "bench/bare/#"
    received = threading.Event()
    count = 0

    def on_message(client: mqtt.Client, userdata: object, message: mqtt.MQTTMessage) -> None:
        nonlocal count
        count += 1
        if count >= n:
            received.set()

    def subscriber() -> mqtt.Client:
        client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="bench-bare", clean_session=False)
        client.on_connect = lambda c, *a: c.subscribe(topic, qos=1)
        client.on_message = on_message
        client.connect("127.0.0.1", port)
        return client

    client = subscriber()  # the persistent session that holds the backlog
    client.loop_start()
    time.sleep(1.0)
    client.disconnect()
    client.loop_stop()
    publish(port, "bench/bare/x", payloads(n))
    client = subscriber()
    start = time.perf_counter()
    client.loop_start()
    received.wait(600)
    elapsed = time.perf_counter() - start
    client.disconnect()
    client.loop_stop()
    return count / elapsed


def store_only(folder: Path, n: int, batch_size: int) -> float:
    """Observations per second the store alone takes (decoded beforehand), to tell it from the client."""
    from twin_app.core.live.mapping import PayloadMapping, decode_json

    now = dt.datetime.now(dt.UTC)
    observations = [o for p in payloads(n) for o in decode_json(PayloadMapping(), "bench", "t", p, now)]
    store = ObservationStore(folder / f"store-only-{batch_size}.gpkg")
    start = time.perf_counter()
    for first in range(0, n, batch_size):
        store.append(observations[first : first + batch_size])
    rate = n / (time.perf_counter() - start)
    store.close()
    return rate


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        proc, port = start_broker(folder)
        try:
            batched = backlog(port, folder, n, 5_000, "batched")
            single = backlog(port, folder, BASELINE_N, 1, "per-message")
            flowing = live(port, folder, n)
            bare = paho_alone(port, n)
            alone_batched = store_only(folder, n, 5_000)
            alone_single = store_only(folder, BASELINE_N, 1)
        finally:
            proc.kill()
            proc.wait()
    print(
        "Sustained MQTT -> store ingest (QoS 1, PUBACK after commit, synchronous=FULL),"
        f" stores in {tempfile.gettempdir()}"
    )
    print(f"{'approach':<28}{'messages':>10}{'stored':>10}{'seconds':>10}{'obs/s':>12}{'publisher/s':>13}")
    rows = [
        ("one transaction per batch", batched),
        ("one commit per message", single),
        ("batched, publishing live", flowing),
    ]
    for title, r in rows:
        print(
            f"{title:<28}{r['n']:>10}{r['stored']:>10}{r['seconds']:>10.2f}{r['rate']:>12,.0f}{r['published_per_s']:>13,.0f}"
        )  # type: ignore[str-format]
    print(f"ratio batched / per-message: {batched['rate'] / single['rate']:.1f}x")  # type: ignore[operator]
    print(
        f"a bare paho client alone (QoS 1, no decoding, no store): {bare:,.0f} messages/s, "
        f"{batched['rate'] / bare:.0%} of which the whole pipeline keeps"  # type: ignore[operator]
    )
    print(
        f"the store alone (decoded observations): {alone_batched:,.0f} obs/s in batches of 5,000, "
        f"{alone_single:,.0f} obs/s one commit each ({alone_batched / alone_single:.1f}x)"
    )


if __name__ == "__main__":
    main()
