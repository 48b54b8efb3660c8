"""How long does one frame of replay take: ~300 moving vehicles and 15 sensors at one moment, from the store?

Builds a synthetic service day in a store: trips of 40 minutes, about 300
running at any time, each reporting a fix every 5 s (as the simulated
schedule feed does; the entity is the trip), and 15 sensors reporting every
minute, around Helsinki's coordinates (any city would do).  Then replays it
as the time slider does at 60x and 10 frames a second (6 s of the day per
frame) and times ``Playback.show`` (both items, interpolation, heading,
labels, ``CityModel.update_live``), against two obvious approaches on the
same store in the same run:

* ``store.latest(at)``: the last row of every entity at or before the frame's
  time, asked of SQL per frame (a window function over every earlier row;
  it does not even interpolate);
* pandas: every row loaded once, then per frame the last row of each entity
  at or before the time (``groupby().last()`` over the rows so far).

Run: ``python benchmarks/bench_playback.py [HOURS]`` (default 3 hours of
service; 19 is a whole day of 05:00-24:00, about 4 million fixes).
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from twin_app.core.city import CityManifest
from twin_app.core.layers import LiveLayer
from twin_app.core.live.frames import Threshold, VehicleFrame
from twin_app.core.live.observation import Observation, ObservationKind
from twin_app.core.live.playback import ObservationReader, Playback, SensorReadings, VehicleTracks
from twin_app.core.live.store import ObservationStore
from twin_app.core.model import CityModel

CRS = "EPSG:3067"
START = dt.datetime(2026, 6, 1, 2, 0, tzinfo=dt.UTC)  # 05:00 in Helsinki
CONCURRENT = 300
TRIP_S = 40 * 60
FIX_S = 5
SENSORS = 15
FRAME_STEP_S = 6.0  # 60x at 10 frames a second


def build(path: Path, hours: float) -> int:
    """The synthetic day, stored tick by tick in time order as a feed stores it."""
    rng = np.random.default_rng(9)
    span_s = int(hours * 3600)
    n_trips = int(CONCURRENT * (span_s + TRIP_S) / TRIP_S)
    starts = rng.uniform(-TRIP_S, span_s, n_trips)
    a = np.column_stack([rng.uniform(24.90, 25.00, n_trips), rng.uniform(60.15, 60.20, n_trips)])
    b = np.column_stack([rng.uniform(24.90, 25.00, n_trips), rng.uniform(60.15, 60.20, n_trips)])
    extras = [{"route": str(trip % 97), "headsign": f"Stop {trip % 13}"} for trip in range(n_trips)]
    sensor_at = [(24.90 + s * 0.006, 60.16 + (s % 5) * 0.008) for s in range(SENSORS)]
    total = 0
    with ObservationStore(path) as store:
        batch: list[Observation] = []
        for tick in range(0, span_s, FIX_S):
            when = START + dt.timedelta(seconds=tick)
            running = np.flatnonzero((starts <= tick) & (tick < starts + TRIP_S))
            f = (tick - starts[running]) / TRIP_S
            lon = a[running, 0] + f * (b[running, 0] - a[running, 0])
            lat = a[running, 1] + f * (b[running, 1] - a[running, 1])
            batch += [
                Observation(
                    source="buses", entity=f"trip{trip}", time=when, kind=ObservationKind.VEHICLE,
                    lon=float(x), lat=float(y), extra=extras[trip],
                )
                for trip, x, y in zip(running.tolist(), lon, lat, strict=True)
            ]  # fmt: skip
            if tick % 60 == 0:
                batch += [
                    Observation(
                        source="no2", entity=f"s{s:02d}", time=when, unit="ug/m3", lon=lon_s, lat=lat_s,
                        value=round(20 + 15 * math.sin(tick / 3600 + s), 2),
                    )
                    for s, (lon_s, lat_s) in enumerate(sensor_at)
                ]  # fmt: skip
            if len(batch) >= 10_000:
                total += store.append(batch)
                batch = []
        total += store.append(batch)
    return total


def times_ms(run: list[float]) -> tuple[float, float, float]:
    ordered = sorted(run)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))], ordered[-1]


def main() -> None:
    hours = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "day.gpkg"
        t0 = time.perf_counter()
        rows = build(path, hours)
        print(f"store: {rows:,} observations over {hours:g} h built in {time.perf_counter() - t0:.1f} s")
        manifest = CityManifest(
            folder=Path(tmp), name="b", title="B", crs=CRS, bbox_lonlat=(24.9, 60.1, 25.0, 60.2), layers=()
        )
        model = CityModel(manifest=manifest, origin=(0.0, 0.0))
        model.add_layer(LiveLayer(id="buses", title="Buses", crs=CRS, feed="buses"))
        model.add_layer(LiveLayer(id="no2", title="NO2", crs=CRS, feed="no2", observation_kind="sensor"))
        playback = Playback(model, path)
        playback.add(VehicleTracks("buses", "buses", CRS))
        playback.add(SensorReadings("no2", "no2", CRS, threshold=Threshold(above=25.0)))
        first = START + dt.timedelta(minutes=30)
        n_frames = min(3000, int((hours * 3600 - 1800) / FRAME_STEP_S))
        frames = [first + dt.timedelta(seconds=FRAME_STEP_S * i) for i in range(n_frames)]
        ours: list[float] = []
        counts: list[int] = []
        for at in frames:
            t = time.perf_counter()
            playback.show(at)
            ours.append((time.perf_counter() - t) * 1000)
            layer = model.layers["buses"]
            assert isinstance(layer, LiveLayer) and isinstance(layer.frame, VehicleFrame)
            counts.append(layer.frame.count)
        mean = statistics.mean(counts)
        print(f"vehicles per frame: {min(counts)}-{max(counts)} (mean {mean:.0f}), {SENSORS} sensors")

        few = frames[:: max(1, len(frames) // 10)][:10]
        latest: list[float] = []
        with ObservationStore(path) as store:
            for at in few:
                t = time.perf_counter()
                store.latest(at, source="buses")
                store.latest(at, source="no2")
                latest.append((time.perf_counter() - t) * 1000)

        t = time.perf_counter()
        with ObservationReader(path) as reader:
            df = pd.DataFrame(
                [(o.source, o.entity, o.time, o.lon, o.lat, o.value) for o in reader.iter_query()],
                columns=["source", "entity", "time", "lon", "lat", "value"],
            )
        load_s = time.perf_counter() - t
        pandas_ms: list[float] = []
        for at in few:
            t = time.perf_counter()
            before = df[df["time"] <= at]
            before.groupby(["source", "entity"], sort=False).last()
            pandas_ms.append((time.perf_counter() - t) * 1000)

        print(f"first frame (a jump: reads the whole window around the time): {ours[0]:.1f} ms")
        ours = ours[1:]
        base = times_ms(ours)[0]
        print()
        print(f"{'approach':<44} {'frames':>6} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9} {'p50 / ours':>10}")
        for name, run in (
            ("Playback.show (sliding window, interpolated)", ours),
            ("store.latest(at) per frame (SQL, no interp.)", latest),
            ("pandas over all rows per frame", pandas_ms),
        ):
            p50, p95, worst = times_ms(run)
            print(f"{name:<44} {len(run):>6} {p50:>9.2f} {p95:>9.2f} {worst:>9.2f} {p50 / base:>9.0f}x")
        print(f"(pandas also loaded all rows once first: {load_s:.1f} s)")
        playback.close()


if __name__ == "__main__":
    main()
