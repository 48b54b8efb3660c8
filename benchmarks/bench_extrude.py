"""How fast is one-mesh extrusion, and is the mesh it builds right?

Compares :func:`twin_app.core.extrude.extrude_footprints` with what one
would write with pyvista alone (one ``PolyData`` per footprint, ``extrude``
with capping, then ``pv.merge``), on the synthetic city mix.  The baseline
runs at about a thousand buildings a second, so it is timed on a sample and
extrapolated, and the table says so.  For our mesh it also reports whether
it is closed and the relative area and volume errors against shapely.

Run: ``python benchmarks/bench_extrude.py`` (about two minutes).
"""

from __future__ import annotations

import gc
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyvista as pv
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_city import CITY_ORIGIN, make_footprints

from twin_app.core.extrude import ROOF, PrismMesh, extrude_footprints

SIZES = (10_000, 100_000, 1_000_000)
BASELINE_SAMPLE = 2_000
REPEATS = {10_000: 5, 100_000: 3, 1_000_000: 1}


def baseline(polygons: npt.NDArray[np.object_], heights: npt.NDArray[np.float64]) -> pv.PolyData:
    """The straightforward pyvista way: one extruded polygon per building, merged.

    Holes cannot be expressed as one polygon cell, so courtyards are filled
    (the baseline does less work than ours there).
    """
    x0, y0 = CITY_ORIGIN
    solids = []
    for poly, h in zip(polygons, heights, strict=True):
        ring = np.asarray(poly.exterior.coords)[:-1]
        pts = np.column_stack([ring[:, 0] - x0, ring[:, 1] - y0, np.zeros(len(ring))])
        face = np.concatenate([[len(ring)], np.arange(len(ring))])
        solids.append(pv.PolyData(pts, face).extrude((0, 0, float(h)), capping=True))
    return pv.merge(solids)


def best_time(fn: object, repeats: int) -> float:
    """Fastest of ``repeats`` runs: the machine's noise only ever adds time."""
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        best = min(best, time.perf_counter() - t0)
    return best


def mesh_checks(
    mesh: PrismMesh, areas: npt.NDArray[np.float64], heights: npt.NDArray[np.float64]
) -> tuple[str, float, float]:
    """Closedness, and relative roof-area and volume errors against shapely."""
    if mesh.n_triangles <= 500_000:
        pd = pv.PolyData(mesh.points, mesh.to_vtk_faces())
        closed = f"{'yes' if pd.n_open_edges == 0 else 'NO'} (vtk)"
    else:
        closed = f"{'yes' if mesh.is_closed() else 'NO'} (edges)"
    p = mesh.points.astype(np.float64)
    roof = mesh.triangles[mesh.cell_part == ROOF]
    a, b, c = (p[roof[:, i]] for i in range(3))
    roof_area = float(np.sum(np.cross(b - a, c - a)[:, 2]) / 2.0)
    area_err = abs(roof_area / float(areas.sum()) - 1.0)
    vol_err = abs(mesh.volume() / float(np.sum(areas * heights)) - 1.0)
    return closed, area_err, vol_err


def main() -> None:
    print(f"Generating synthetic footprints (up to {max(SIZES):,}) ...", flush=True)
    t0 = time.perf_counter()
    all_polys, all_heights = make_footprints(max(SIZES), seed=0)
    print(f"  generated in {time.perf_counter() - t0:.1f} s\n", flush=True)

    sample_p, sample_h = all_polys[:BASELINE_SAMPLE], all_heights[:BASELINE_SAMPLE]
    t_base_sample = best_time(lambda: baseline(sample_p, sample_h), 1)
    base_rate = BASELINE_SAMPLE / t_base_sample

    header = (
        f"{'footprints':>10} | {'ours [s]':>8} | {'ours bldg/s':>11} | {'baseline [s]':>12} | "
        f"{'ratio':>6} | {'triangles':>10} | {'closed':>12} | {'area err':>8} | {'volume err':>10}"
    )
    print(header)
    print("-" * len(header))
    for n in SIZES:
        polys, heights = all_polys[:n], all_heights[:n]
        t_ours = best_time(
            lambda p=polys, h=heights: extrude_footprints(p, h, origin=CITY_ORIGIN), REPEATS[n]
        )
        mesh = extrude_footprints(polys, heights, origin=CITY_ORIGIN)
        closed, area_err, vol_err = mesh_checks(mesh, shapely.area(polys), heights)
        t_base = n / base_rate
        print(
            f"{n:>10,} | {t_ours:>8.3f} | {n / t_ours:>11,.0f} | {t_base:>11.1f}* | "
            f"{t_base / t_ours:>5.0f}x | {mesh.n_triangles:>10,} | {closed:>12} | "
            f"{area_err:>8.1e} | {vol_err:>10.1e}",
            flush=True,
        )
        del mesh
    print(
        f"\n* baseline (pv.PolyData + extrude(capping=True) per footprint, then pv.merge): "
        f"{base_rate:,.0f} buildings/s, extrapolated from {BASELINE_SAMPLE:,} footprints."
    )
    print("  Errors are relative to Σ shapely area (roof) and Σ area·height (volume); points are float32.")

    polys, heights = all_polys[: max(SIZES)], all_heights[: max(SIZES)]
    gc.collect()
    tracemalloc.start()
    mesh = extrude_footprints(polys, heights, origin=CITY_ORIGIN)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    out_bytes = mesh.points.nbytes + mesh.triangles.nbytes + mesh.cell_feature.nbytes + mesh.cell_part.nbytes
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\nPeak memory for {max(SIZES):,} footprints: {peak / 2**20:,.0f} MiB allocated during extrusion "
        f"(tracemalloc; the result itself is {out_bytes / 2**20:,.0f} MiB); "
        f"process max RSS {rss:,.0f} MiB including the input geometries."
    )


if __name__ == "__main__":
    main()
