"""What checking a plugin feed source's observations costs, beside storing them.

A plugin source runs inside :class:`GuardedSource`, which checks every
observation it hands the sink (type, feed name and kind, finite value,
position on Earth, a sane time) before the store sees it.  This times that
check alone on N decoded observations in batches of 5,000, and the store
taking the same batches, so the guard's share of a plugin feed's ingest is
visible.

Run: ``python benchmarks/bench_plugin_guard.py [N]`` (default N = 200,000).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from twin_app.core.live.observation import Observation
from twin_app.core.live.source_plugins import GuardedSource, SourceManifest
from twin_app.core.live.store import ObservationStore

BATCH = 5_000


class _Replay:
    """A stand-in plugin source handing over prepared batches (no decoding cost)."""

    def __init__(self, observations: list[Observation]) -> None:
        self.observations = observations
        self.status = None

    def run(self, sink, *, until=None) -> None:  # type: ignore[no-untyped-def]
        for i in range(0, len(self.observations), BATCH):
            sink(self.observations[i : i + BATCH])

    def stop(self) -> None:
        pass


def main(n: int) -> None:
    t0 = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    observations = [
        Observation(
            source="bench",
            entity=f"s{i % 500}",
            time=t0 + dt.timedelta(seconds=i),
            value=float(i),
            unit="x",
            lon=24.9,
            lat=60.2,
        )
        for i in range(n)
    ]
    manifest = SourceManifest(id="bench", title="bench", schemes=("bench",))
    guard = GuardedSource(_Replay(observations), manifest, name="bench")
    start = time.perf_counter()
    guard.run(lambda batch: None)
    checked = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder, ObservationStore(Path(folder) / "obs.gpkg") as store:
        start = time.perf_counter()
        for i in range(0, n, BATCH):
            store.append(observations[i : i + BATCH])
        stored = time.perf_counter() - start
    print(f"{'step':<28} {'seconds':>8} {'obs/s':>12}")
    print(f"{'guard check only':<28} {checked:>8.3f} {n / checked:>12,.0f}")
    print(f"{'store (batches of 5,000)':<28} {stored:>8.3f} {n / stored:>12,.0f}")
    print(f"the check adds {checked / stored:.0%} to the store's time for the same observations")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000)
