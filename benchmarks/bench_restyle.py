"""How long does a restyle of a big buildings layer take, in place versus rebuilt?

A synthetic city of 100,000 buildings (``synthetic_city.py``) is drawn off
screen by the real :class:`~twin_app.scene.view.SceneView`.  Each restyle is
made through the model, as the window's layer panel makes it:

* *opacity*: ``CityModel.set_opacity`` (alternating two values);
* *colour-by*: ``CityModel.set_colour_by`` (alternating ``height_m`` and ``floors``);
* *new values*: ``CityModel.update_values`` of the coloured column (a live feed's path);

and compared with the rebuild path every restyle took before the scene
updated in place: remove the layer's actors and add the layer again
(extrusion of every footprint, a new mesh, a new actor).  Each is timed
without drawing (the scene's work) and with one frame drawn after it (what
the user waits for; under Mesa software GL the frame dominates).  Medians of
several runs; the table prints the ratio.

Run: ``python benchmarks/bench_restyle.py [N_BUILDINGS]`` (about two minutes for 100,000).
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyvista as pv

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_city import CITY_ORIGIN, make_footprints

from twin_app.core.city import CityManifest
from twin_app.core.layers import BuildingsLayer
from twin_app.core.model import CityModel
from twin_app.scene.view import SceneView

CRS = "EPSG:3879"
IN_PLACE_RUNS = 15
REBUILD_RUNS = 5
DRAWN_RUNS = 5
WINDOW = (1280, 800)


def synthetic_model(n: int) -> CityModel:
    from pyproj import Transformer

    polygons, heights = make_footprints(n, seed=0)
    frame = gpd.GeoDataFrame(
        {
            "height_m": heights,
            "height_from": "height_tag",
            "floors": np.round(heights / 3.0),
        },
        geometry=polygons,
        crs=CRS,
    )
    x0, y0, x1, y1 = frame.total_bounds
    lon, lat = Transformer.from_crs(CRS, "EPSG:4326", always_xy=True).transform([x0, x1], [y0, y1])
    manifest = CityManifest(
        folder=Path("."),
        name="synthetic",
        title=f"Synthetic city, {n:,} buildings",
        crs=CRS,
        bbox_lonlat=(min(lon), min(lat), max(lon), max(lat)),
        layers=(),
    )
    model = CityModel(manifest=manifest, origin=CITY_ORIGIN)
    model.add_layer(
        BuildingsLayer(
            id="buildings",
            title="Buildings",
            crs=CRS,
            style="buildings",
            frame=frame,
            value_column="height_m",
        )
    )
    return model


def median_ms(fn: Callable[[int], None], runs: int) -> float:
    times = []
    for i in range(runs):
        gc.collect()
        t0 = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    print(f"Building a synthetic city of {n:,} buildings ...", flush=True)
    model = synthetic_model(n)
    plotter = pv.Plotter(off_screen=True, window_size=list(WINDOW))
    # the scene's own work only: drawing is timed separately below
    view = SceneView(plotter, model, request_render=lambda: None)
    # pyvista's ``render()`` draws nothing before ``show()``: ask the render window itself
    draw = plotter.render_window.Render
    draw()
    mesh = view.visuals["buildings"].mesh
    print(f"  {mesh.n_cells:,} cells, {mesh.n_points:,} points; window {WINDOW[0]}×{WINDOW[1]}\n", flush=True)
    heights = model.layers["buildings"].frame["height_m"].to_numpy()

    def opacity(i: int) -> None:
        model.set_opacity("buildings", 0.5 if i % 2 == 0 else 0.8)

    def colour_by(i: int) -> None:
        model.set_colour_by("buildings", "floors" if i % 2 == 0 else "height_m")

    def new_values(i: int) -> None:
        model.update_values("buildings", "height_m", heights * (1.0 + 0.01 * (i % 2)))

    def rebuild(_i: int) -> None:
        view._remove("buildings")
        view._add(model.layers["buildings"])

    def drawn(fn: Callable[[int], None]) -> Callable[[int], None]:
        def run(i: int) -> None:
            fn(i)
            draw()

        return run

    frame_ms = median_ms(lambda _i: draw(), DRAWN_RUNS)
    model.set_colour_by("buildings", "height_m")
    rebuild_ms = median_ms(rebuild, REBUILD_RUNS)
    rebuild_drawn_ms = median_ms(drawn(rebuild), REBUILD_RUNS)
    same_mesh = view.visuals["buildings"].mesh
    rows = []
    for name, fn in (("opacity", opacity), ("colour-by", colour_by), ("new values", new_values)):
        model.set_colour_by("buildings", "height_m")
        ms = median_ms(fn, IN_PLACE_RUNS)
        ms_drawn = median_ms(drawn(fn), DRAWN_RUNS)
        rows.append((name, ms, ms_drawn))
    assert view.visuals["buildings"].mesh is same_mesh, "an in-place restyle built a new mesh"
    plotter.close()

    print(f"one frame drawn with nothing changed: {frame_ms:.0f} ms (median of {DRAWN_RUNS})\n")
    header = (
        f"{'restyle':<11} | {'in place [ms]':>13} | {'rebuild [ms]':>12} | {'ratio':>7} | "
        f"{'in place + frame':>16} | {'rebuild + frame':>15} | {'ratio':>6}"
    )
    print(header)
    print("-" * len(header))
    for name, ms, ms_drawn in rows:
        print(
            f"{name:<11} | {ms:>13.2f} | {rebuild_ms:>12.0f} | {rebuild_ms / ms:>6.0f}× | "
            f"{ms_drawn:>16.0f} | {rebuild_drawn_ms:>15.0f} | {rebuild_drawn_ms / ms_drawn:>5.1f}×"
        )
    print(
        f"\nmedians of {IN_PLACE_RUNS} in-place runs ({DRAWN_RUNS} with a frame) and {REBUILD_RUNS} rebuild "
        "runs; 'rebuild' is the path every "
        "restyle took before (remove the layer's actor, extrude again, add a new actor)."
    )


if __name__ == "__main__":
    main()
