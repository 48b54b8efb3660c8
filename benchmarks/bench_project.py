"""What a workshop's changes cost: journalled edits and pins, a save, an open, a scenario.

Each edit and pin is its own committed transaction with ``synchronous=FULL``
(a crash never loses one), so its cost is the disk's flushes, not Python's;
``save()`` rewrites the whole file and renames it.  ``apply`` is timed on the
bundled Helsinki (a moved stop: one copied layer, the others shared).

Run: ``python benchmarks/bench_project.py`` (a few seconds; writes in a temporary folder).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from twin_app.core.city import resolve_city
from twin_app.core.loading import load_city
from twin_app.core.project import Project
from twin_app.core.scenario import AddStop, MoveStop, Scenario, apply

N = 200


def _ms(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[int(0.95 * len(ordered))]
    return f"median {statistics.median(ordered) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "workshop.gpkg"
        project = Project.new(path, resolve_city("helsinki"))
        project.add_scenario("S")
        x0, y0 = 25496000.0, 6672000.0
        edits, pins = [], []
        for i in range(N):
            start = time.perf_counter()
            project.add_edit("S", AddStop(f"T{i}", "stop", x0 + i, y0))
            edits.append(time.perf_counter() - start)
        for i in range(N):
            start = time.perf_counter()
            project.add_pin("idea", f"pin {i}", x0 + i, y0, name="A")
            pins.append(time.perf_counter() - start)
        print(f"add_edit ({N}, each committed): {_ms(edits)}")
        print(f"add_pin ({N}, each committed): {_ms(pins)}")
        start = time.perf_counter()
        project.save()
        size = path.stat().st_size / 1024
        print(
            f"save() with {N} edits and {N} pins: {(time.perf_counter() - start) * 1000:.1f} ms "
            f"({size:.0f} KiB)"
        )
        project.close()
        start = time.perf_counter()
        Project.open(path).close()
        print(f"open(): {(time.perf_counter() - start) * 1000:.1f} ms")
    model = load_city("helsinki")
    stops = model.layers["stops"].frame
    stop, point = str(stops["stop_id"].iloc[0]), stops.geometry.iloc[0]
    times = []
    for _ in range(5):
        start = time.perf_counter()
        apply(model, Scenario("M", [MoveStop(stop, point.x + 100.0, point.y)]))
        times.append(time.perf_counter() - start)
    print(f"apply(move a stop) on Helsinki ({len(stops)} stops, {len(model.layers)} layers): {_ms(times)}")


if __name__ == "__main__":
    main()
