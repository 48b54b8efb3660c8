"""Does the window stay responsive while live data pour in, and does a day's replay run without stalls?

The real window with the bundled Helsinki (its own feeds running, as a user
has them), under a (virtual) X display:

(a) **Flood.**  First 10 s with no flood: what the frame timer's redraws
alone cost the event loop.  Then a local mosquitto broker and
``mosquitto_pub -l`` (C, a separate process, so the publisher never
competes for this process's interpreter) publish N JSON readings with QoS 1
on a topic the window has connected as a feed (``MainWindow.start_feed``):
ingest and decoding run on the hub's worker thread, the store commits one
transaction per batch, the window draws at its bounded frame rate.  A 10 ms
``QTimer`` measures how late the event loop serves it; the max and p99
lateness during the flood are printed with the ingest rate.  The obvious
approach runs in the same process on a smaller N as the comparison: a paho
client polled from the GUI thread, each message decoded and committed (one
SQLite commit each) there.

(b) **Replay.**  The simulated service day is written into a store first
(the schedule source at speed 0: as fast as it can), then the window opens
on it paused at the first observation, plays at 60× and records every
frame's cost (clock, playback from the store and the redraw), printing
p50/p95/max of the frame's work and of the redraws, and how many took over
100 ms (stalls).  The whole day at 60× is
24 minutes of wall time; ``--replay-minutes`` plays a part of it.

Run: ``xvfb-run -a -s "-screen 0 1600x1200x24" python benchmarks/bench_gui_live.py
[--n 100000] [--baseline-n 3000] [--replay-minutes 24] [--skip-flood] [--skip-replay]``
(needs ``mosquitto`` and ``mosquitto_pub``).  Figures measured are in docs/live-data.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from local_broker import start_broker

FLOOD_TOPIC = "bench/flood"


def payload_file(folder: Path, n: int, offset: int = 0) -> Path:
    """N readings from 200 stations in central Helsinki, one JSON object a line (the default mapping)."""
    path = folder / f"payloads-{offset}-{n}.jsonl"
    start = dt.datetime.now(dt.UTC).timestamp()
    with path.open("w") as f:
        for i in range(n):
            k = offset + i
            f.write(
                json.dumps(
                    {
                        "id": f"b{k % 200}",
                        "time": start + k / 1000,
                        "value": (k % 400) / 10,
                        "unit": "degC",
                        "lon": 24.935 + (k % 20) / 1000,
                        "lat": 60.162 + (k % 10) / 1000,
                    }
                )
                + "\n"
            )
    return path


class LoopProbe:
    """A 10 ms timer: how late the event loop serves it is how long the loop was blocked."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._beat)
        self.late_ms: list[float] = []
        self._last = 0.0

    def start(self) -> None:
        self.late_ms = []
        self._last = time.perf_counter()
        self.timer.start()

    def _beat(self) -> None:
        now = time.perf_counter()
        self.late_ms.append(max((now - self._last) * 1000 - 10.0, 0.0))
        self._last = now

    def stop(self) -> dict[str, float]:
        self.timer.stop()
        late = np.array(self.late_ms or [0.0])
        return {
            "beats": len(self.late_ms),
            "max_ms": float(late.max()),
            "p99_ms": float(np.percentile(late, 99)),
        }


def pump(app: Any, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.002)


def open_window(app: Any) -> Any:
    from twin_app.qt.window import MainWindow

    win = MainWindow()
    win.resize(1600, 1000)
    win.show()
    app.processEvents()
    assert win.open_city("helsinki")
    start = time.monotonic()
    while win.loading and time.monotonic() - start < 300:
        app.processEvents()
        time.sleep(0.01)
    pump(app, 2.0)
    return win


def stored(win: Any, feed: str) -> int:
    return sum(s.stored for s in win.live.hub.statuses() if s.source == feed)


def frame_stats(live: Any, since: tuple[int, int]) -> dict[str, float]:
    """Since ``since`` (indices into the frame and render lists): each frame's work (clock and
    playback) and each redraw of the view, p50/p95/max in ms, and the frames over 100 ms."""
    work = np.array(live.frame_times[since[0] :] or [0.0]) * 1000
    draw = np.array(live.render_times[since[1] :] or [0.0]) * 1000
    return {
        "frames": len(live.frame_times[since[0] :]),
        "work_p50_ms": float(np.percentile(work, 50)),
        "work_p95_ms": float(np.percentile(work, 95)),
        "work_max_ms": float(work.max()),
        "redraws": len(live.render_times[since[1] :]),
        "redraw_p50_ms": float(np.percentile(draw, 50)),
        "redraw_p95_ms": float(np.percentile(draw, 95)),
        "redraw_max_ms": float(draw.max()),
        "over_100ms": int((work > 100).sum() + (draw > 100).sum()),
    }


def marks(live: Any) -> tuple[int, int]:
    return len(live.frame_times), len(live.render_times)


def flood_through_hub(app: Any, win: Any, port: int, folder: Path, n: int) -> dict[str, Any]:
    from twin_app.core.live.feeds import FeedSpec

    spec = FeedSpec(
        id="flood",
        title="Benchmark flood",
        source=f"mqtt://127.0.0.1:{port}/{FLOOD_TOPIC}/#",
        kind="sensor",
        quantity="heat",
        units="degC",
    )
    assert win.start_feed(spec)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not any(
        s.source == "flood" and s.state == "connected" for s in win.live.hub.statuses()
    ):
        pump(app, 0.05)
    pump(app, 1.0)
    data = payload_file(folder, n)
    # the same window, the same live layers and frame timer, and no flood: what the redraws alone cost
    probe = LoopProbe()
    probe.start()
    since = marks(win.live)
    pump(app, 10.0)
    quiet = {"approach": "no flood (frame timer and redraws only)", "seconds": 10.0, **probe.stop()}
    quiet.update(frame_stats(win.live, since))
    print(json.dumps({k: round(v, 2) if isinstance(v, float) else v for k, v in quiet.items()}))
    probe = LoopProbe()
    probe.start()
    since = marks(win.live)
    start = time.perf_counter()
    with data.open("rb") as stdin:
        pub = subprocess.Popen(
            ["mosquitto_pub", "-h", "127.0.0.1", "-p", str(port), "-t", f"{FLOOD_TOPIC}/x", "-q", "1", "-l"],
            stdin=stdin,
        )
    while stored(win, "flood") < n and time.perf_counter() - start < 600:
        app.processEvents()
        time.sleep(0.001)
    elapsed = time.perf_counter() - start
    lateness = probe.stop()
    pub.wait(60)
    got = stored(win, "flood")
    return {
        "approach": "hub (worker thread, batched commits)",
        "n": n,
        "stored": got,
        "seconds": elapsed,
        "rate": got / elapsed,
        **lateness,
        **frame_stats(win.live, since),
    }


def flood_on_gui_thread(app: Any, port: int, folder: Path, n: int) -> dict[str, Any]:
    """The obvious approach: decode and commit each message on the GUI thread (one commit each)."""
    import paho.mqtt.client as mqtt
    from paho.mqtt.enums import CallbackAPIVersion
    from PySide6.QtCore import QTimer

    from twin_app.core.live.mapping import PayloadMapping, decode_json
    from twin_app.core.live.store import ObservationStore

    store = ObservationStore(folder / "obvious.gpkg")
    mapping = PayloadMapping()
    count = 0

    def on_message(_c: Any, _u: Any, message: Any) -> None:
        nonlocal count
        received = dt.datetime.now(dt.UTC)
        for obs in decode_json(mapping, "obvious", message.topic, message.payload, received):
            store.append([obs])  # one transaction, one fsync, per message
            count += 1

    client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="bench-obvious")
    client.on_message = on_message
    client.connect("127.0.0.1", port)
    client.subscribe(f"{FLOOD_TOPIC}-obvious/#", qos=1)

    def serve() -> None:  # what a Qt app does with a socket: read what is there, then back to the loop
        client.loop_read(max_packets=50)
        client.loop_write()
        client.loop_misc()

    poll = QTimer()
    poll.setInterval(0)
    poll.timeout.connect(serve)
    poll.start()
    pump(app, 1.0)
    data = payload_file(folder, n, offset=10_000_000)
    probe = LoopProbe()
    probe.start()
    start = time.perf_counter()
    with data.open("rb") as stdin:
        pub = subprocess.Popen(
            [
                "mosquitto_pub",
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-t",
                f"{FLOOD_TOPIC}-obvious/x",
                "-q",
                "1",
                "-l",
            ],
            stdin=stdin,
        )
    while count < n and time.perf_counter() - start < 600:
        app.processEvents()
    elapsed = time.perf_counter() - start
    lateness = probe.stop()
    poll.stop()
    pub.wait(60)
    client.disconnect()
    store.close()
    return {
        "approach": "obvious (GUI thread, one commit per message)",
        "n": n,
        "stored": count,
        "seconds": elapsed,
        "rate": count / elapsed,
        **lateness,
    }


def fill_day_store(path: Path, start: str = "00:00", end: str | None = None) -> tuple[int, float]:
    """The bundled city's simulated feeds from ``start`` to ``end`` (None: the end of their service day),
    written as fast as they run (speed 0)."""
    from twin_app.core.city import load_manifest, resolve_city
    from twin_app.core.live.hub import PLAYBACK_OPTIONS, resolve_offline
    from twin_app.core.live.sources import open_source
    from twin_app.core.live.store import ObservationStore

    manifest = load_manifest(resolve_city("helsinki"))
    store = ObservationStore(path)
    began = time.perf_counter()
    for spec in manifest.feeds:
        options = {k: v for k, v in spec.options.items() if k not in PLAYBACK_OPTIONS}
        options.update(name=spec.id, speed=0, start=start)
        if end is not None:
            options["end"] = end
        open_source(resolve_offline(spec.source, manifest.folder), options).run(store.append)
    count = store.count()
    store.close()
    return count, time.perf_counter() - began


def replay_day(app: Any, win: Any, minutes: float) -> dict[str, Any]:
    live = win.live
    span = live.playback.span()
    assert span is not None, "the store holds nothing to replay"
    live.timebar.set_span(*span)
    live.timebar.jump_to(span[0])
    live.clock.set_speed(60.0)
    live.clock.play()
    since = marks(live)
    probe = LoopProbe()
    probe.start()
    start = time.perf_counter()
    until = min(minutes * 60, (span[1] - span[0]).total_seconds() / 60 + 5)
    while time.perf_counter() - start < until and live.clock.playing:
        app.processEvents()
        time.sleep(0.001)
    wall = time.perf_counter() - start
    lateness = probe.stop()
    return {
        "played_s": wall,
        "service_time_covered": str(live.clock.time - span[0]),
        **frame_stats(live, since),
        **{f"loop_{k}": v for k, v in lateness.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--baseline-n", type=int, default=3_000)
    parser.add_argument("--replay-minutes", type=float, default=24.0)
    parser.add_argument("--day-start", default="00:00", help="replay from this time of the service day")
    parser.add_argument("--day-end", default=None, help="to this time (default: the end of the day)")
    parser.add_argument("--skip-flood", action="store_true")
    parser.add_argument("--skip-replay", action="store_true")
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["TWIN_APP_LIVE_DIR"] = str(folder / "live")
        if not args.skip_flood:
            broker, port = start_broker(folder, tools=("mosquitto_pub",))
            try:
                win = open_window(app)
                rows = [flood_through_hub(app, win, port, folder, args.n)]
                rows.append(flood_on_gui_thread(app, port, folder, args.baseline_n))
                win.close()
                app.processEvents()
            finally:
                broker.kill()
            print("(a) flood from a local mosquitto, the Helsinki window open:")
            for row in rows:
                print(json.dumps({k: round(v, 2) if isinstance(v, float) else v for k, v in row.items()}))
            print(f"    rate ratio hub / obvious: {rows[0]['rate'] / max(rows[1]['rate'], 1e-9):.1f}×")
        if not args.skip_replay:
            day = folder / "day"
            day.mkdir()
            count, seconds = fill_day_store(day / "helsinki.gpkg", args.day_start, args.day_end)
            print(
                f"(b) simulated service day from {args.day_start} to {args.day_end or 'its end'}: "
                f"{count:,} observations written in {seconds:.1f} s"
            )
            os.environ["TWIN_APP_LIVE_DIR"] = str(day)
            win = open_window(app)
            row = replay_day(app, win, args.replay_minutes)
            win.close()
            print(
                "    replay at 60×: "
                + json.dumps({k: round(v, 2) if isinstance(v, float) else v for k, v in row.items()})
            )


if __name__ == "__main__":
    main()
