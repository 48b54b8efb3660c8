"""Baseline against scenario in the real window: the re-run after an edit, and the cost of each compare mode.

Opens a city in the window (the bundled Helsinki by default) under a
(virtual) X display, runs transit access, starts a project with one
scenario and adds a bus stop in the district with the lowest share of
residents served, at the street node nearest that district's centre.
Prints how long the re-run after the edit took and what it did (a full run
the first time, an incremental update after a second stop), the district's
share before and after, and the redraw time of the 3D views: the single
view, side by side (two views), and swipe (two views, each drawing its part
of one frame).  With ``--shots FOLDER`` it saves the window as
``difference-layer.png``, ``compare-side-by-side.png`` and ``compare-swipe.png``.

Run: ``xvfb-run -a -s "-screen 0 1600x1000x24" python benchmarks/bench_gui_compare.py
[--city sample_cities/helsinki] [--walk 250] [--frames 10] [--shots docs/images]``
(a walk shorter than SDG 11.2.1's 500 m, so that some districts of the small Helsinki
sample are not fully served and the stop has something to change).
Figures measured are in docs/scenarios.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def wait(window: Any, seconds: float = 900.0) -> float:
    """Seconds until the window has nothing left to do (loading, analyses, re-runs)."""
    from PySide6.QtWidgets import QApplication

    start = time.monotonic()
    while window.loading or not window.city_ready or window.comparison.busy:
        if time.monotonic() - start > seconds:
            sys.exit(f"still busy after {seconds:.0f} s")
        QApplication.processEvents()
        time.sleep(0.02)
    for _ in range(5):
        QApplication.processEvents()
    return time.monotonic() - start


def frame_ms(render: Any, frames: int) -> float:
    """Median milliseconds of ``render()`` (each call draws and shows one frame)."""
    from PySide6.QtWidgets import QApplication

    times = []
    for _ in range(frames):
        start = time.perf_counter()
        render()
        QApplication.processEvents()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def poorest_district(window: Any, limit: float, tries: int = 12) -> tuple[str, float, tuple[float, float]]:
    """The district (of 500 residents or more) with the lowest share served, and a good place for a stop.

    The place is chosen before the window sees the stop: up to ``tries``
    street nodes of the district, spread over it, each tried off screen
    (the scenario applied and transit access run), and the one that serves
    the most of the district's residents kept.
    """
    import numpy as np

    from twin_app.core.layers import DISTRICT_COLUMN
    from twin_app.core.runner import run_analysis
    from twin_app.core.scenario import AddStop, Scenario, apply

    item = window.comparison.tracked["transit-access"]
    result = item.scenario
    people = {i.district: i.value for i in result.indicators if i.key == "population" and i.district}
    shares = {
        i.district: i.value
        for i in result.indicators
        if i.key == "share_served"
        and i.district
        and i.value is not None
        and (people.get(i.district) or 0) >= 500
    }
    name = min(shares, key=lambda d: shares[d])
    model = window.model
    districts = model.districts.frame
    shape = districts[districts[DISTRICT_COLUMN].astype(str) == name].geometry.union_all()
    nodes = model.layers[result.record.parameters["network"]].nodes
    nodes = nodes[nodes.geometry.within(shape)]
    rng = np.random.default_rng(0)
    picks = nodes.iloc[rng.choice(len(nodes), size=min(tries, len(nodes)), replace=False)]
    best, gain = None, -1.0
    for x, y in zip(picks.geometry.x, picks.geometry.y, strict=True):
        city = apply(model, Scenario("try", [AddStop("TRY", "try", float(x), float(y), ("bus",))]))
        tried = run_analysis("transit-access", city, dict(item.params), isolate=False)
        value = next(i.value for i in tried.indicators if i.key == "share_served" and i.district == name)
        if value is not None and value - shares[name] > gain:
            best, gain = (float(x), float(y)), value - shares[name]
    assert best is not None
    print(f"{name}: a stop at {best} serves {100 * gain:.1f} more points (best of {len(picks)} tried)")
    return name, float(shares[name]), best


def shot(window: Any, path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(10):
        QApplication.processEvents()
        time.sleep(0.05)
    QApplication.primaryScreen().grabWindow(0).save(str(path))
    print(f"saved {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--city", default="sample_cities/helsinki")
    parser.add_argument("--frames", type=int, default=10)
    parser.add_argument("--walk", type=float, default=250.0, help="walk to a bus or tram stop (m)")
    parser.add_argument("--shots", type=Path)
    parser.add_argument("--width", type=int, default=1600)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--lang", default="en", help="the window's language (en es fr pt ko ja zh)")
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from twin_app.core.scenario import AddStop
    from twin_app.qt.window import MainWindow

    app = QApplication.instance() or QApplication([])
    from twin_app.qt.i18n import switch_language

    switch_language(args.lang, remember=False)
    window = MainWindow()
    window.resize(args.width, args.height)
    window.show()
    app.processEvents()
    assert window.open_city(args.city)
    print(f"city loaded in {wait(window):.1f} s")
    # the city's simulated feeds are not what this compares: stopped, and their layers hidden
    from twin_app.core.layers import LiveLayer

    window._stop_live()
    for layer in list(window.model.layers.values()):
        if isinstance(layer, LiveLayer):
            window.model.set_visible(layer.id, False)
    window.run_analysis("transit-access", {"low_capacity_distance": args.walk})
    print(f"transit access (baseline) in {wait(window):.1f} s")
    name, before, (x, y) = poorest_district(window, args.walk)
    folder = Path(tempfile.mkdtemp())
    window.workshop.new_project(folder / "bench.twinproj.gpkg")
    window.workshop.add_scenario("New stop")
    wait(window)

    started = time.monotonic()
    window.workshop.edit(AddStop("BENCH1", "New stop", x, y, ("bus",)))
    wait(window)
    took = time.monotonic() - started  # the edit shown, then the re-run (the timer coalescing edits too)
    row = next(
        d
        for d in window.comparison.deltas
        if d.key == "share_served" and d.district == name and d.analysis == "transit-access"
    )
    print(
        f"edit → indicators updated in {took:.2f} s ({dict(window.comparison.counts)}); "
        f"{name}: {100 * before:.1f} % → {100 * row.scenario:.1f} % ({row.points:+.1f} points)"
    )
    started = time.monotonic()
    window.workshop.edit(AddStop("BENCH2", "Second stop", x + 150.0, y, ("bus",)))
    wait(window)
    took = time.monotonic() - started
    print(f"second stop → indicators updated in {took:.2f} s ({dict(window.comparison.counts)})")
    window.comparison_dock.show()
    window.comparison_dock.raise_()
    window.legend_dock.raise_()
    if args.shots:
        args.shots.mkdir(parents=True, exist_ok=True)
        window.legend_dock.raise_()
        shot(window, args.shots / "difference-layer.png")

    single = frame_ms(window.plotter.render, args.frames)
    views = window.compare_views
    views.side_action.trigger()
    wait(window)
    side = frame_ms(views._render_both, args.frames)
    if args.shots:
        shot(window, args.shots / "compare-side-by-side.png")
    views.swipe_action.trigger()
    wait(window)
    swipe = frame_ms(views._render_both, args.frames)
    if args.shots:
        shot(window, args.shots / "compare-swipe.png")
    size = window.plotter.interactor.size()
    print(
        f"redraw (median of {args.frames}, view {size.width()}×{size.height()} px): single {single:.0f} ms, "
        f"side by side {side:.0f} ms, swipe {swipe:.0f} ms"
    )
    views.swipe_action.trigger()
    window.close()


if __name__ == "__main__":
    main()
