"""Frames per second while orbiting Helsinki, and which layer costs the frames.

A scripted camera path (a full orbit around the city's centre at the default
view's height and distance) is rendered frame by frame at 1280×800 in an
off-screen plotter (under Xvfb with Mesa's software OpenGL here, or a GPU
where there is one).  Three runs:

* **twin_app**: the city as the window draws it (one mesh per layer);
* **one actor per building**: what a plain PyVista script tends to do
  (``add_mesh`` per footprint), timed on the buildings alone and compared with
  our buildings alone, as a ratio;
* **each layer alone**, to say what dominates the frame time;
* the whole city with and without multisampling (the window turns it off on
  a software OpenGL, see :mod:`twin_app.scene.quality`).

Run: ``xvfb-run -a python benchmarks/bench_fps.py [--frames N] [--size 1280x800]``.
"""

from __future__ import annotations

import argparse
import math
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pyvista as pv

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from twin_app.core.layers import HEIGHT_COLUMN, BuildingsLayer
from twin_app.core.loading import load_city
from twin_app.core.model import CityModel
from twin_app.scene.quality import tune_for_interaction
from twin_app.scene.view import SceneView


def orbit(plotter: pv.Plotter, frames: int) -> list[float]:
    """Render ``frames`` frames along a full orbit; return each frame's seconds."""
    camera = plotter.camera
    fx, fy, _fz = camera.focal_point
    px, py, pz = camera.position
    radius = math.hypot(px - fx, py - fy)
    start = math.atan2(py - fy, px - fx)
    times = []
    for i in range(frames):
        angle = start + 2 * math.pi * i / frames
        camera.position = (fx + radius * math.cos(angle), fy + radius * math.sin(angle), pz)
        plotter.reset_camera_clipping_range()
        t0 = time.perf_counter()
        plotter.render_window.Render()
        times.append(time.perf_counter() - t0)
    return times


def fps(times: list[float]) -> float:
    return 1.0 / statistics.median(times) if times else float("nan")


def city_scene(
    model: CityModel, size: tuple[int, int], only: str | None = None, *, msaa: bool = False
) -> pv.Plotter:
    """The city drawn off screen; without multisampling unless ``msaa`` (the per-layer rows)."""
    plotter = pv.Plotter(off_screen=True, window_size=list(size))
    if not msaa:
        plotter.render_window.SetMultiSamples(0)
    if only is not None:
        for layer in model.layers.values():
            layer.visible = layer.id == only
    SceneView(plotter, model)
    plotter.render_window.Render()  # the first frame uploads the meshes: not part of the orbit
    return plotter


def naive_buildings(model: CityModel, size: tuple[int, int], reference: pv.Plotter) -> pv.Plotter:
    """One actor per building, as a plain PyVista script would draw them."""
    buildings = model.buildings
    assert isinstance(buildings, BuildingsLayer)
    ox, oy = model.origin
    plotter = pv.Plotter(off_screen=True, window_size=list(size))
    plotter.render_window.SetMultiSamples(0)  # as ours, so the ratio is the actors' alone
    for geom, height in zip(buildings.frame.geometry, buildings.frame[HEIGHT_COLUMN], strict=True):
        for poly in getattr(geom, "geoms", [geom]):
            ring = np.asarray(poly.exterior.coords)[:-1]
            pts = np.column_stack([ring[:, 0] - ox, ring[:, 1] - oy, np.zeros(len(ring))])
            face = np.concatenate([[len(ring)], np.arange(len(ring))])
            solid = pv.PolyData(pts, face).extrude((0, 0, float(height)), capping=True)
            plotter.add_mesh(solid, color="#e8e1d5", reset_camera=False)
    plotter.camera = reference.camera.copy()
    plotter.render_window.Render()
    return plotter


def renderer_name(size: tuple[int, int]) -> str:
    """Which OpenGL draws the frames (Mesa llvmpipe is software; a GPU names itself)."""
    plotter = pv.Plotter(off_screen=True, window_size=list(size))
    plotter.render_window.Render()
    info = plotter.render_window.ReportCapabilities()
    plotter.close()
    match = re.search(r"OpenGL renderer string:\s*(.+)", info)
    return match.group(1).strip() if match else "unknown"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--frames", type=int, default=60)
    parser.add_argument("--size", default="1280x800")
    args = parser.parse_args(argv)
    size = tuple(int(v) for v in args.size.lower().split("x"))
    assert len(size) == 2
    model = load_city("helsinki")
    print(f"Helsinki, {args.frames} frames per run at {size[0]}×{size[1]}, OpenGL: {renderer_name(size)}")
    rows: list[tuple[str, float, str]] = []

    full = city_scene(model, size, msaa=True)  # type: ignore[arg-type]
    msaa = full.render_window.GetMultiSamples()
    with_msaa = fps(orbit(full, args.frames))
    camera: Any = full.camera.copy()
    tuned = tune_for_interaction(full)
    full.render_window.SetMultiSamples(0)
    without = fps(orbit(full, args.frames))
    full.close()
    rows.append((f"default layers, {msaa}× MSAA (exports)", with_msaa, "1×"))
    rows.append(
        (
            "default layers, no MSAA (the window" + (" here)" if tuned else " on software GL)"),
            without,
            f"{without / with_msaa:.1f}×",
        )
    )

    visible = {lid: layer.visible for lid, layer in model.layers.items()}
    bare = city_scene(model, size, only="")  # type: ignore[arg-type]
    bare.camera = camera.copy()
    rows.append(("  no layers (ground, text, furniture)", fps(orbit(bare, args.frames)), ""))
    bare.close()
    for layer_id, shown in visible.items():
        if not shown:
            continue
        alone = city_scene(model, size, only=layer_id)  # type: ignore[arg-type]
        alone.camera = camera.copy()
        rows.append((f"  {layer_id} alone", fps(orbit(alone, args.frames)), ""))
        alone.close()
    for layer_id, shown in visible.items():
        model.layers[layer_id].visible = shown

    ours = city_scene(model, size, only=model.buildings.id if model.buildings else None)  # type: ignore[arg-type]
    ours.camera = camera.copy()
    ours_fps = fps(orbit(ours, args.frames))
    naive = naive_buildings(model, size, ours)  # type: ignore[arg-type]
    naive_fps = fps(orbit(naive, max(args.frames // 6, 5)))
    ours.close()
    naive.close()
    rows.append(("buildings, one mesh (twin_app)", ours_fps, f"{ours_fps / naive_fps:.0f}× the naive"))
    rows.append(("buildings, one actor each (naive)", naive_fps, "1×"))

    width = max(len(r[0]) for r in rows)
    print(f"{'scene':<{width}}  {'fps (median frame)':>18}  ratio")
    for name, value, ratio in rows:
        print(f"{name:<{width}}  {value:>18.1f}  {ratio}")


if __name__ == "__main__":
    main()
