"""Snapping a click on the bundled Helsinki: the first call builds the STRtree, each click queries it.

2,000 points drawn uniformly over the walking network's extent are snapped
to the walk and drive networks (40 m), to stops (25 m), and looked up in the
buildings and the green areas; the table says what the first call cost (the
tree is built then) and the mean cost of a click after it, and how many of
the random points found something.

Run:  TWIN_APP_LAYER_CACHE=0 python benchmarks/bench_snapping.py
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from twin_app.core.loading import load_city
from twin_app.core.snapping import Snapper


def main() -> None:
    model = load_city("helsinki", only=["streets", "streets_drive", "stops", "buildings", "green"])
    x0, y0, x1, y1 = model.layers["streets"].frame.total_bounds
    points = np.random.default_rng(1).uniform([x0, y0], [x1, y1], size=(2000, 2))
    queries: list[tuple[str, Callable[[Snapper, float, float], object]]] = [
        (f"street (walk, {len(model.layers['streets'].frame):,} edges)", lambda s, x, y: s.street(x, y)),
        (
            f"street (drive, {len(model.layers['streets_drive'].frame):,} edges)",
            lambda s, x, y: s.street(x, y, prefer="drive"),
        ),
        (f"stop ({len(model.layers['stops'].frame):,})", lambda s, x, y: s.stop(x, y)),
        (f"building ({len(model.layers['buildings'].frame):,})", lambda s, x, y: s.building(x, y)),
        (f"green area ({len(model.layers['green'].frame):,})", lambda s, x, y: s.green_area(x, y)),
    ]
    print("| query | first call (builds the tree) | each click after | random points that found one |")
    print("| --- | --- | --- | --- |")
    for what, call in queries:
        snapper = Snapper(model)
        start = time.perf_counter()
        call(snapper, *points[0])
        first = time.perf_counter() - start
        start = time.perf_counter()
        found = sum(call(snapper, float(x), float(y)) is not None for x, y in points)
        each = (time.perf_counter() - start) / len(points)
        print(f"| {what} | {first * 1000:.1f} ms | {each * 1e6:.0f} µs | {found}/{len(points)} |")


if __name__ == "__main__":
    main()
