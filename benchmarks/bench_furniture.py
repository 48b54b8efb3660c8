"""What the screen-space furniture costs a frame, next to the frame itself.

The north arrow, scale bar and district labels are recomputed on every
render (a renderer ``StartEvent`` observer); this times those observers
alone and a whole frame of the default Helsinki view while orbiting, at
1920×1080 and 3840×2160, and the first export (legend included) at each size.

Run: ``python benchmarks/bench_furniture.py`` (about a minute; no display needed).
"""

from __future__ import annotations

import time

import pyvista as pv

from twin_app.core.loading import load_city
from twin_app.scene.render import export_view
from twin_app.scene.view import SceneView

REPEATS = 200
FRAMES = 10


def main() -> None:
    start = time.perf_counter()
    model = load_city("helsinki")
    print(f"Helsinki loaded in {time.perf_counter() - start:.1f} s")
    print("size        first export  furniture/frame  labels/frame  whole frame")
    for size in [(1920, 1080), (3840, 2160)]:
        plotter = pv.Plotter(off_screen=True, window_size=list(size))
        view = SceneView(plotter, model)
        start = time.perf_counter()
        export_view(view, f"/tmp/bench_furniture_{size[0]}.png")
        export_s = time.perf_counter() - start
        furniture = view.furniture
        start = time.perf_counter()
        for _ in range(REPEATS):
            furniture._on_render()
        furniture_ms = (time.perf_counter() - start) / REPEATS * 1000
        labels = furniture.label_sets[0]
        start = time.perf_counter()
        for _ in range(REPEATS):
            labels._on_render()
        labels_ms = (time.perf_counter() - start) / REPEATS * 1000
        start = time.perf_counter()
        for _ in range(FRAMES):
            plotter.camera.Azimuth(5)
            plotter.render()
        frame_ms = (time.perf_counter() - start) / FRAMES * 1000
        print(
            f"{size[0]}×{size[1]:<6} {export_s:9.1f} s {furniture_ms:13.2f} ms {labels_ms:10.2f} ms "
            f"{frame_ms:9.0f} ms"
        )
        plotter.close()


if __name__ == "__main__":
    main()
