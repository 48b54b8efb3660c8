"""Start-up: time to a painted window and to Helsinki fully drawn, and peak memory.

Compares twin_app's start (window first, heavy imports and loading after, off
the GUI thread) with the eager start a typical PyVista/Qt script does (import
everything, load every layer, then show the window).  Each run is a fresh
process; the first run of each mode warms the OS file cache and twin_app's
layer cache (~/.cache/twin_app/layers) and is dropped, so both modes are warm.

Run under a display (e.g. ``xvfb-run -a python benchmarks/bench_startup.py``).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time

CHILD = r"""
import json, resource, sys, time
t0 = float(sys.argv[2])
mode = sys.argv[1]
from PySide6.QtWidgets import QApplication
app = QApplication([])
marks = {}
if mode == "eager":
    import geopandas, osmnx, pyvista, pyvistaqt, rasterio  # noqa: F401  what a plain script imports up front
    from twin_app.core.loading import load_city
    model = load_city("helsinki")
from twin_app.qt.window import MainWindow
win = MainWindow()
win.show()
app.processEvents()
win.repaint()
marks["window_painted_s"] = time.time() - t0
if mode == "eager":
    from twin_app.scene.view import SceneView
    win.ensure_plotter()
    win.model = model
    win.view = SceneView(win.plotter, model)
    win.layers.set_model(model)
else:
    win.open_city("helsinki")
    while win.loading:
        app.processEvents()
        time.sleep(0.005)
    app.processEvents()
win.plotter.render()
app.processEvents()
marks["city_drawn_s"] = time.time() - t0
marks["layers"] = len(win.model.layers)
marks["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
win.close()
print(json.dumps(marks))
"""


def run(mode: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, mode, repr(time.time())],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(repeats: int = 3) -> None:
    if not os.environ.get("DISPLAY"):
        sys.exit("Needs a display: run under xvfb-run -a")
    results: dict[str, list[dict[str, float]]] = {}
    for mode in ("twin_app", "eager"):
        run(mode)  # warm-up, dropped
        results[mode] = [run(mode) for _ in range(repeats)]
    med = {m: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for m, rs in results.items()}
    print(f"Start-up on Helsinki (median of {repeats} warm runs, fresh process each)\n")
    print(f"{'metric':<22}{'twin_app':>12}{'eager script':>15}{'ratio':>10}")
    for key, label in (
        ("window_painted_s", "window painted (s)"),
        ("city_drawn_s", "city drawn (s)"),
        ("peak_rss_mib", "peak memory (MiB)"),
    ):
        ours, theirs = med["twin_app"][key], med["eager"][key]
        print(f"{label:<22}{ours:>12.2f}{theirs:>15.2f}{theirs / ours:>9.1f}x")
    print(f"{'layers drawn':<22}{med['twin_app']['layers']:>12.0f}{med['eager']['layers']:>15.0f}")


if __name__ == "__main__":
    main()
