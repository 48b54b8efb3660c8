"""Zonal statistics: twin_app's ZoneIndex against rasterstats and exactextract.

A synthetic 10,000 × 10,000 float32 raster (1 m pixels, 400 MB, a smooth
field with noise and a NaN "sea" corner) is scored over

* 10,000 district-like polygons (Voronoi cells tiling the raster, ~100 × 100 px),
* 100,000 building-like polygons (rotated rectangles 8–20 m, not overlapping).

Ours is timed twice: *build + score* (rasterise / cover the polygons, then
score) and *re-score* with the cached :class:`ZoneIndex` (one pass over the
raster).  rasterstats is far too slow to run on everything inside the time
budget, so it runs on a random subsample and its full time is **extrapolated**
linearly (marked "extrapolated"); exactextract runs on everything, reading a
GeoTIFF written once to a temporary folder.  The comparisons also check that
the means agree (centre rule vs rasterstats, fraction rule vs exactextract).

Finally the heat-exposure analysis runs end to end on the bundled Helsinki
city (all districts).

Run:  python benchmarks/bench_zonal.py [--size 10000] [--no-exactextract]
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import shapely

from twin_app.api import zonal

ROWS: list[tuple[str, str, str, str]] = []


def timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t0


def row(case: str, tool: str, seconds: float, note: str = "") -> None:
    ROWS.append((case, tool, f"{seconds:8.2f}", note))
    print(f"  {case:<24} {tool:<40} {seconds:8.2f} s  {note}", flush=True)


def make_raster(size: int, rng: np.random.Generator) -> np.ndarray:
    """A smooth 'heat' field 0..1 with noise and a NaN corner, float32, built row-block-wise."""
    data = np.empty((size, size), dtype=np.float32)
    x = np.linspace(0.0, 6.0, size, dtype=np.float32)
    block = 1000
    for r0 in range(0, size, block):
        y = np.linspace(0.0, 6.0, size, dtype=np.float32)[r0 : r0 + block, None]
        data[r0 : r0 + block] = 0.5 + 0.25 * np.sin(x)[None, :] * np.cos(y)
        data[r0 : r0 + block] += rng.random((min(block, size - r0), size), dtype=np.float32) * 0.2
    corner = size // 5
    data[:corner, :corner] = np.nan
    return data


def districts(size: int, n: int, rng: np.random.Generator) -> np.ndarray:
    pts = shapely.multipoints(rng.random((n, 2)) * size)
    frame = shapely.box(0, 0, size, size)
    cells = shapely.get_parts(shapely.voronoi_polygons(pts, extend_to=frame))
    return shapely.intersection(cells, frame)


def buildings(size: int, n: int, rng: np.random.Generator) -> np.ndarray:
    side = int(np.ceil(np.sqrt(n)))
    pitch = size / side
    k = np.arange(side * side)[:n]
    cx = (k % side + 0.5) * pitch
    cy = (k // side + 0.5) * pitch
    w = rng.uniform(8, 20, n)
    h = rng.uniform(8, 20, n)
    ang = rng.uniform(0, np.pi, n)
    corners = np.array([[-0.5, -0.5], [0.5, -0.5], [0.5, 0.5], [-0.5, 0.5]])
    dx = corners[None, :, 0] * w[:, None]
    dy = corners[None, :, 1] * h[:, None]
    ca, sa = np.cos(ang)[:, None], np.sin(ang)[:, None]
    xs = cx[:, None] + dx * ca - dy * sa
    ys = cy[:, None] + dx * sa + dy * ca
    return shapely.polygons(np.stack([xs, ys], axis=-1))


def bench_case(
    name: str, geoms: np.ndarray, data: np.ndarray, transform: tuple, args, tif: Path | None
) -> None:  # type: ignore[no-untyped-def]
    n = len(geoms)
    print(f"\n{name}: {n:,} polygons on {data.shape[0]:,} × {data.shape[1]:,}", flush=True)
    means = {}
    for rule in ("centre", "fraction"):
        index, t_build = timed(zonal.ZoneIndex.build, geoms, data.shape, transform, rule)
        res, t_score = timed(index.stats, data, ("count", "mean", "min", "max"))
        row(name, f"ours {rule}: build + score", t_build + t_score, f"(build {t_build:.2f} s)")
        _, t_rescore = timed(index.stats, data, ("count", "mean", "min", "max"))
        row(name, f"ours {rule}: re-score, cached index", t_rescore, "count mean min max")
        _, t_mean = timed(index.mean, data)
        row(name, f"ours {rule}: re-score, mean only", t_mean)
        if rule == "centre":  # percentiles sort every pixel: shown once, for the default rule
            _, t_p90 = timed(index.stats, data, ("mean", "p90"))
            row(name, f"ours {rule}: re-score, mean + p90", t_p90)
        means[rule] = res["mean"]
        del index
        gc.collect()
    # rasterstats (centre rule): a subsample, extrapolated
    from affine import Affine
    from rasterstats import zonal_stats

    rng = np.random.default_rng(1)
    sub = np.sort(rng.choice(n, size=min(n, args.rs_sample), replace=False))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref, t_rs = timed(
            zonal_stats,
            list(geoms[sub]),
            data,
            affine=Affine(*transform),
            nodata=np.nan,
            stats="count mean min max",
        )
    got = np.array([np.nan if r["mean"] is None else r["mean"] for r in ref])
    diff = np.nanmax(np.abs(got - means["centre"][sub]))
    row(name, f"rasterstats, {len(sub):,} polygons (measured)", t_rs, f"max |Δmean| vs ours {diff:.1e}")
    row(name, "rasterstats, all (EXTRAPOLATED)", t_rs * n / len(sub), f"= {t_rs:.2f} s × {n / len(sub):.0f}")
    if tif is not None:
        import geopandas as gpd
        from exactextract import exact_extract

        frame = gpd.GeoDataFrame(geometry=geoms, crs="EPSG:3879")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ee, t_ee = timed(exact_extract, str(tif), frame, ["count", "mean", "min", "max"], output="pandas")
        diff = np.nanmax(np.abs(ee["mean"].to_numpy(float) - means["fraction"]))
        row(name, "exactextract, all (measured)", t_ee, f"max |Δmean| vs ours fraction {diff:.1e}")


def bench_helsinki() -> None:
    from twin_app.core.loading import load_city
    from twin_app.core.runner import run_analysis

    print("\nHelsinki heat exposure, all districts", flush=True)
    model, t_load = timed(load_city, "helsinki")
    row("helsinki", "load city (not part of the analysis)", t_load)
    zonal.clear_cache()
    res, t_first = timed(run_analysis, "heat-exposure", model, {})
    row("helsinki", "heat-exposure, first run (builds)", t_first, f"{len(res.indicators)} indicators")
    _, t_again = timed(run_analysis, "heat-exposure", model, {"threshold": 0.5})
    row("helsinki", "heat-exposure, re-run (cached index)", t_again, "threshold changed")
    _, t_frac = timed(run_analysis, "heat-exposure", model, {"pixel_rule": "fraction"})
    row("helsinki", "heat-exposure, fraction rule", t_frac)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000, help="raster side in pixels")
    parser.add_argument("--districts", type=int, default=10_000)
    parser.add_argument("--buildings", type=int, default=100_000)
    parser.add_argument("--rs-sample", type=int, default=300, help="polygons rasterstats really runs on")
    parser.add_argument("--no-exactextract", action="store_true")
    parser.add_argument("--no-helsinki", action="store_true")
    args = parser.parse_args()
    t_all = time.perf_counter()
    rng = np.random.default_rng(42)
    data, t = timed(make_raster, args.size, rng)
    print(f"synthetic raster {args.size:,}² float32 ({data.nbytes / 1e6:.0f} MB) made in {t:.1f} s")
    transform = (1.0, 0.0, 25_490_000.0, 0.0, -1.0, 6_680_000.0 + args.size)
    tif = None
    with tempfile.TemporaryDirectory() as tmp:
        if not args.no_exactextract:
            import rasterio
            from affine import Affine

            tif = Path(tmp) / "heat.tif"
            profile = dict(
                driver="GTiff",
                height=args.size,
                width=args.size,
                count=1,
                dtype="float32",
                crs="EPSG:3879",
                transform=Affine(*transform),
                nodata=np.nan,
                tiled=True,
                blockxsize=512,
                blockysize=512,
            )
            with rasterio.open(tif, "w", **profile) as dst:
                dst.write(data, 1)
        off = np.array([transform[2], transform[5] - args.size])
        dist = shapely.transform(districts(args.size, args.districts, rng), lambda xy: xy + off)
        bench_case("10k districts", dist, data, transform, args, tif)
        del dist
        gc.collect()
        rs_sample = args.rs_sample
        args.rs_sample = rs_sample * 10
        bld = shapely.transform(buildings(args.size, args.buildings, rng), lambda xy: xy + off)
        bench_case("100k buildings", bld, data, transform, args, tif)
        args.rs_sample = rs_sample
    del data
    gc.collect()
    if not args.no_helsinki:
        bench_helsinki()
    print(f"\n{'case':<16} {'tool':<42} {'seconds':>8}  note")
    for case, tool, secs, note in ROWS:
        print(f"{case:<16} {tool:<42} {secs}  {note}")
    print_ratios()
    print(f"\nwhole benchmark: {time.perf_counter() - t_all:.0f} s")


#: (ours, what a user would otherwise run) pairs compared as a ratio
PAIRS = [
    ("ours centre: re-score, cached index", "rasterstats, all (EXTRAPOLATED)"),
    ("ours centre: build + score", "rasterstats, all (EXTRAPOLATED)"),
    ("ours fraction: re-score, cached index", "exactextract, all (measured)"),
    ("ours fraction: build + score", "exactextract, all (measured)"),
]


def print_ratios() -> None:
    """Ours against rasterstats (pixel-centre rule) and exactextract (coverage fractions)."""
    seconds = {(case, tool): float(secs) for case, tool, secs, _ in ROWS}
    cases = list(dict.fromkeys(case for case, *_ in ROWS if case != "helsinki"))
    print(f"\n{'case':<16} {'ours':<40} {'s':>7}   {'reference':<32} {'s':>7}  {'ratio':>7}")
    for case in cases:
        for ours, ref in PAIRS:
            if (case, ours) in seconds and (case, ref) in seconds:
                a, b = seconds[(case, ours)], seconds[(case, ref)]
                print(f"{case:<16} {ours:<40} {a:7.2f}   {ref:<32} {b:7.2f}  {b / a:6.1f}x")


if __name__ == "__main__":
    main()
