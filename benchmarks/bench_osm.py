"""Benchmark: OSM streets + buildings + green areas, ours vs osmnx.

Run with ``python benchmarks/bench_osm.py``.  For each dataset it times our
load of the walk network, the buildings and the green areas from one file
(one shared parse), and osmnx's ``graph_from_xml`` + ``features_from_xml`` on
the XML equivalent (osmnx cannot read PBF).  osmnx runs in a subprocess with
a time cap so that a slow run cannot stall the benchmark.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OSM_DIR = ROOT / "sample_cities" / "helsinki" / "osm"
CRS = "EPSG:3067"
X0, Y0 = 385000.0, 6672000.0

OSMNX_SCRIPT = """
import json, sys, time
import osmnx
osmnx.settings.use_cache = False
streets, full = sys.argv[1], sys.argv[2]
t = time.perf_counter()
osmnx.graph_from_xml(streets, bidirectional=True)
osmnx.features_from_xml(full, tags={"building": True, "leisure": ["park", "garden", "playground"]})
print(json.dumps({"seconds": time.perf_counter() - t}))
"""


def count_ways(path: Path) -> int:
    import osmium

    return sum(1 for _ in osmium.FileProcessor(str(path), osmium.osm.WAY))


def time_ours(path: Path) -> float:
    """Seconds for walk network + buildings + green areas from one fresh city load."""
    from twin_layers.osm import BUILDINGS_KIND, FEATURES_KIND, NETWORK_KIND

    from twin_app.api import LoadContext

    ctx = LoadContext(crs=CRS)
    start = time.perf_counter()
    NETWORK_KIND.load(path, {"network_type": "walk"}, ctx)
    BUILDINGS_KIND.load(path, {}, ctx)
    FEATURES_KIND.load(path, {"category": "green"}, ctx)
    return time.perf_counter() - start


def time_osmnx(streets_xml: Path, full_xml: Path, cap_s: float) -> float | None:
    """osmnx seconds (measured inside the subprocess), or None when over ``cap_s``."""
    try:
        out = subprocess.run(
            [sys.executable, "-c", OSMNX_SCRIPT, str(streets_xml), str(full_xml)],
            capture_output=True,
            text=True,
            timeout=cap_s,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return None
    return float(json.loads(out.stdout.strip().splitlines()[-1])["seconds"])


def write_synthetic(folder: Path, grid: int, buildings: int) -> tuple[Path, Path, Path]:
    """A ``grid`` x ``grid`` street grid (100 m blocks) with small buildings in the blocks.

    Returns (PBF with everything, XML with everything, XML with streets only):
    osmnx's graph_from_xml turns every way into edges, so it gets streets only.
    """
    import numpy as np
    import osmium
    from osmium.osm.mutable import Node, Way
    from pyproj import Transformer

    to_ll = Transformer.from_crs(CRS, "EPSG:4326", always_xy=True)
    gx, gy = np.meshgrid(np.arange(grid) * 100.0, np.arange(grid) * 100.0)
    lon, lat = to_ll.transform(X0 + gx.ravel(), Y0 + gy.ravel())
    rng = np.random.default_rng(7)
    per_block = int(np.ceil(buildings / max(1, (grid - 1) ** 2)))
    bx = rng.integers(0, grid - 1, buildings) * 100.0 + 10 + rng.integers(0, 4, buildings) * 20.0
    by = (
        rng.integers(0, grid - 1, buildings) * 100.0
        + 10
        + (np.arange(buildings) % max(per_block, 1) % 4) * 20.0
    )
    corners = np.array([[0, 0], [15, 0], [15, 15], [0, 15]], dtype=float)
    cx = (bx[:, None] + corners[:, 0]).ravel()
    cy = (by[:, None] + corners[:, 1]).ravel()
    blon, blat = to_ll.transform(X0 + cx, Y0 + cy)

    def ids(r: int, c: int) -> int:
        return 1 + r * grid + c

    paths = (folder / "synthetic.osm.pbf", folder / "synthetic.osm", folder / "synthetic_streets.osm")
    writers = [osmium.SimpleWriter(str(p), overwrite=True) for p in paths]
    try:
        for i in range(grid * grid):
            node = Node(id=i + 1, location=(round(lon[i], 7), round(lat[i], 7)), tags={})
            for w in writers:
                w.add_node(node)
        base = grid * grid + 1
        for i in range(len(blon)):
            node = Node(id=base + i, location=(round(blon[i], 7), round(blat[i], 7)), tags={})
            for w in writers[:2]:
                w.add_node(node)
        wid = 1
        for r in range(grid):
            for kind, refs in (
                ("row", [ids(r, c) for c in range(grid)]),
                ("col", [ids(c, r) for c in range(grid)]),
            ):
                way = Way(id=wid, nodes=refs, tags={"highway": "residential", "name": f"{kind} {r}"})
                for w in writers:
                    w.add_way(way)
                wid += 1
        for b in range(buildings):
            refs = [base + 4 * b + k for k in (0, 1, 2, 3, 0)]
            tags = {"building": "yes"}
            if b % 3 == 0:
                tags["building:levels"] = str(2 + b % 6)
            if b % 50 == 0:
                tags = {"leisure": "park"}
            way = Way(id=wid, nodes=refs, tags=tags)
            for w in writers[:2]:
                w.add_way(way)
            wid += 1
    finally:
        for w in writers:
            w.close()
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grid", type=int, default=300, help="synthetic street grid size (nodes per side)")
    parser.add_argument("--buildings", type=int, default=50_000, help="synthetic building count")
    parser.add_argument(
        "--osmnx-cap", type=float, default=60.0, help="seconds before an osmnx run is abandoned"
    )
    args = parser.parse_args()

    time_ours(OSM_DIR / "helsinki_centre.osm.pbf")  # warm imports so the first row is fair
    streets_xml = OSM_DIR / "helsinki_centre_streets.osm.bz2"
    clean_xml = OSM_DIR / "helsinki_centre_clean.osm.bz2"
    rows: list[tuple[str, Path, Path, Path]] = [
        ("helsinki PBF", OSM_DIR / "helsinki_centre.osm.pbf", streets_xml, clean_xml),
        ("helsinki clean .osm.bz2", clean_xml, streets_xml, clean_xml),
    ]
    with tempfile.TemporaryDirectory(prefix="bench-osm-") as tmp:
        pbf, xml, streets = write_synthetic(Path(tmp), args.grid, args.buildings)
        rows.append(
            (
                f"synthetic {args.grid}x{args.grid} grid + {args.buildings // 1000}k buildings PBF",
                pbf,
                streets,
                xml,
            )
        )
        header = f"{'dataset':<52} {'ways':>8} {'ours (s)':>9} {'ways/s':>9} {'osmnx (s)':>10} {'ratio':>7}"
        print(header)
        print("-" * len(header))
        for label, path, osmnx_streets, osmnx_full in rows:
            ways = count_ways(path)
            ours = min(time_ours(path) for _ in range(2))
            theirs = time_osmnx(osmnx_streets, osmnx_full, args.osmnx_cap)
            theirs_txt = (
                f"{theirs:10.2f}" if theirs is not None else f"{'>' + format(args.osmnx_cap, 'g'):>10}"
            )
            ratio = (
                f"{theirs / ours:6.0f}x"
                if theirs is not None
                else f"{'>' + format(args.osmnx_cap / ours, '.0f'):>6}x"
            )
            print(f"{label:<52} {ways:>8} {ours:9.2f} {ways / ours:9.0f} {theirs_txt} {ratio}")
    print("ours = osm-network (walk) + osm-buildings + osm-features (green), one shared parse, best of 2;")
    print("osmnx = graph_from_xml(streets XML) + features_from_xml(full XML), same data as XML.")


if __name__ == "__main__":
    main()
