"""How long does an imported table take: a join, a time-stamped import, and one moment of its replay?

On a city given on the command line (default: the bundled Helsinki), makes
two tables in a temporary folder from the city's own buildings (so every key
matches; the values are random, the figures are about time):

* a table of one value per building, joined by key (read + join);
* a table of hourly values per building over a day (24 rows each), imported
  as a time series: read, join, observations made and stored; then the same
  import again (nothing new is stored).

Then one moment of the replay, as the time slider asks it, every 30 minutes
of the day through playback's reader: ``FeatureSeries.show`` (its arrays,
then ``CityModel.update_values``) with the arrays the import gave, then read
back from the store (first moment printed apart), against the obvious
approach in the same run: asking the reader for each moment's latest rows
(``ObservationReader.latest``) and writing them.

Run: ``python benchmarks/bench_tables.py [CITY]``.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from twin_app.core.live.playback import ObservationReader
from twin_app.core.loading import load_city
from twin_app.core.table_series import FeatureSeries, TableRequest, import_table
from twin_app.core.tables import key_index

START = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
MOMENTS = [START + dt.timedelta(minutes=30 * k) for k in range(48)]


def _ms(times: list[float]) -> str:
    return f"median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms"


def main(city: str | None) -> None:
    model = load_city(city)
    buildings = model.buildings
    assert buildings is not None, "the city has no buildings"
    frame = buildings.frame
    key = "osm_id" if "osm_id" in frame.columns else frame.columns[0]
    rng = np.random.default_rng(1)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        keys = (
            [f"{t}/{i}" for t, i in zip(frame["osm_type"], frame[key], strict=True)]
            if key == "osm_id"
            else [str(v) for v in frame[key]]
        )
        once = folder / "energy.csv"
        once.write_text("id,energy [MWh/a]\n" + "".join(f"{k},{rng.uniform(5, 500):.1f}\n" for k in keys))
        hourly = folder / "hourly.csv"
        lines = ["id,time,kwh [kWh]"]
        for k in keys:
            lines += [
                f"{k},{(START + dt.timedelta(hours=h)).isoformat()},{rng.uniform(5, 50):.2f}"
                for h in range(24)
            ]
        hourly.write_text("\n".join(lines) + "\n")
        print(
            f"{model.manifest.title}: {len(frame):,} buildings; "
            f"tables of {len(keys):,} and {len(lines) - 1:,} rows"
        )

        start = time.perf_counter()
        made = import_table(buildings, TableRequest(once, buildings.id, on=(key, "id")))
        print(
            f"join by key (read + join): {time.perf_counter() - start:.2f} s, "
            f"{made.result.report.matched_features:,} matched"
        )

        store = folder / "obs.gpkg"
        request = TableRequest(hourly, buildings.id, on=(key, "id"), time="time", store=store)
        start = time.perf_counter()
        timed = import_table(buildings, request)
        print(
            f"time-stamped import (read + join + {timed.result.report.observations['stored']:,} observations "
            f"stored): {time.perf_counter() - start:.2f} s"
        )
        start = time.perf_counter()
        again = import_table(buildings, request)
        print(
            f"the same import again ({again.result.report.observations['already_stored']:,} already stored, "
            f"{again.result.report.observations['stored']} stored): {time.perf_counter() - start:.2f} s"
        )
        model.add_result_layer(timed.result.layer)
        layer_id = timed.result.layer.id
        with ObservationReader(store) as reader:
            given = timed.item(layer_id)
            times = []
            for at in MOMENTS:
                start = time.perf_counter()
                given.show(model, reader, at)
                times.append(time.perf_counter() - start)
            print(f"FeatureSeries.show, arrays from the import, {len(MOMENTS)} moments: {_ms(times)}")

            read = FeatureSeries(layer_id, "hourly", key)
            start = time.perf_counter()
            read.show(model, reader, MOMENTS[0])
            print(
                "FeatureSeries.show, first moment reading its rows back from the store: "
                f"{time.perf_counter() - start:.2f} s"
            )
            times = []
            for at in MOMENTS:
                start = time.perf_counter()
                read.show(model, reader, at)
                times.append(time.perf_counter() - start)
            print(f"  then {len(MOMENTS)} moments: {_ms(times)}")

            index = key_index(model.layers[layer_id].frame, key)  # the obvious approach's index, built once
            times = []
            for at in MOMENTS:
                start = time.perf_counter()
                values = np.full(len(frame), np.nan)
                for obs in reader.latest(at, source="hourly"):
                    for position in index.get(obs.feature_id or "", ()):
                        values[position] = obs.value
                model.update_values(layer_id, "kwh", values)
                times.append(time.perf_counter() - start)
            print(f"obvious: ObservationReader.latest per moment, {len(MOMENTS)} moments: {_ms(times)}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
