"""Nearest-stop walking distance for every node: twin_app.core.network vs networkx (and pandana).

Synthetic street grids with jittered block lengths (50 k and 500 k nodes),
one stop per ~250 nodes; the query is "distance from every node to its
nearest stop".  Graph construction is timed separately from the query for
every library, since an analysis builds its graph once per run while the
query is what grows with the city.  Then both accessibility analyses run
end to end on Helsinki (all districts).

    .venv/bin/python benchmarks/bench_network.py [--quick]

pandana is optional: it is timed when importable and reported
"not installed" otherwise.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from twin_app.core.network import StreetGraph


def timed(func: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """Best of ``repeat`` wall-clock runs, and the last result."""
    best, result = np.inf, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def jittered_grid(side: int, seed: int = 0) -> StreetGraph:
    """A side×side grid of 100 m blocks whose edges are 80–120 m long (so shortest paths are unique-ish)."""
    base = StreetGraph.grid(side, side, spacing=100.0)
    rng = np.random.default_rng(seed)
    lengths = rng.uniform(80.0, 120.0, base.n_edges)
    return StreetGraph(base.node_xy, base.edge_u, base.edge_v, lengths)


def bench_size(side: int, limit: float, pandana_max_nodes: int) -> dict[str, Any]:
    import networkx as nx

    build_s, graph = timed(lambda: jittered_grid(side), repeat=1)
    n = graph.n_nodes
    rng = np.random.default_rng(1)
    stops = rng.choice(n, max(1, n // 250), replace=False)
    offsets = rng.uniform(0.0, 20.0, len(stops))
    row: dict[str, Any] = {"nodes": n, "edges": graph.n_edges, "stops": len(stops), "build_s": build_s}
    row["ours_s"], ours = timed(lambda: graph.distance_to_nearest(stops))
    row["ours_offsets_s"], _ = timed(lambda: graph.distance_to_nearest(stops, offsets))
    row["ours_limit_s"], ours_lim = timed(lambda: graph.distance_to_nearest(stops, limit=limit))

    G = nx.Graph()
    G.add_nodes_from(range(n))
    G.add_weighted_edges_from(
        zip(graph.edge_u.tolist(), graph.edge_v.tolist(), graph.edge_length.tolist(), strict=True)
    )
    sources = set(stops.tolist())
    row["nx_s"], ref = timed(lambda: nx.multi_source_dijkstra_path_length(G, sources), repeat=1)
    expected = np.full(n, np.inf)
    expected[list(ref)] = list(ref.values())
    row["max_abs_diff_m"] = float(np.max(np.abs(ours - expected)))
    row["nx_limit_s"], _ = timed(
        lambda: nx.multi_source_dijkstra_path_length(G, sources, cutoff=limit), repeat=1
    )

    try:
        import pandana
    except ImportError:
        row["pandana"] = "not installed"
        return row
    if n > pandana_max_nodes:
        # its contraction-hierarchy build takes over 10 minutes at 500 k nodes on 2 cores
        row["pandana"] = "skipped"
        return row
    import pandas as pd

    start = time.perf_counter()
    net = pandana.Network(
        pd.Series(graph.node_xy[:, 0]),
        pd.Series(graph.node_xy[:, 1]),
        pd.Series(graph.edge_u),
        pd.Series(graph.edge_v),
        pd.DataFrame({"length": graph.edge_length}),
        twoway=True,
    )
    row["pandana_build_s"] = time.perf_counter() - start
    net.set_pois("stops", limit, 1, pd.Series(graph.node_xy[stops, 0]), pd.Series(graph.node_xy[stops, 1]))
    row["pandana_limit_s"], got = timed(lambda: net.nearest_pois(limit, "stops", num_pois=1), repeat=1)
    # pandana reports "no stop within the horizon" as the horizon itself
    theirs = got[1].to_numpy(dtype=float)
    mask = np.isfinite(ours_lim) & (ours_lim < limit - 1e-6)
    row["pandana_max_abs_diff_m"] = (
        float(np.max(np.abs(theirs[mask] - ours_lim[mask]))) if mask.any() else 0.0
    )
    return row


def bench_helsinki() -> list[tuple[str, float, float]]:
    from twin_app.core.loading import load_city
    from twin_app.core.runner import run_analysis

    model = load_city("helsinki")
    rows = []
    for analysis in ("transit-access", "green-space-access"):
        first, _ = timed(lambda a=analysis: run_analysis(a, model, {}), repeat=1)
        best, result = timed(lambda a=analysis: run_analysis(a, model, {}), repeat=3)
        city = {i.key: i.value for i in result.indicators if i.district is None}
        print(f"  {analysis}: share_served {city['share_served']:.4f} of {city['population']:.0f} people")
        rows.append((analysis, first, best))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the 50 k-node grid")
    parser.add_argument("--limit", type=float, default=1000.0, help="search horizon for the limited runs (m)")
    parser.add_argument(
        "--pandana-max-nodes", type=int, default=60_000, help="skip pandana above this size (slow CH build)"
    )
    args = parser.parse_args()
    sides = [224] if args.quick else [224, 708]  # 50 176 and 501 264 nodes

    print("Nearest stop for every node (best of 3 for ours; networkx and pandana once; graph build excluded)")
    head = (
        f"{'nodes':>8} {'edges':>8} {'stops':>6} | {'ours':>7} {'ours+off':>8} {'ours<=L':>8} | "
        f"{'networkx':>8} {'nx<=L':>7} {'nx/ours':>7} | {'pandana<=L':>10} {'pd/ours<=L':>10} | "
        f"{'max|Δ|m':>8}"
    )
    print(head)
    print("-" * len(head))
    for side in sides:
        r = bench_size(side, args.limit, args.pandana_max_nodes)
        if "pandana_limit_s" in r:
            pd_cols = f"{r['pandana_limit_s']:>10.3f} {r['pandana_limit_s'] / r['ours_limit_s']:>10.2f}"
        else:
            pd_cols = f"{r.get('pandana', '-'):>10} {'-':>10}"
        print(
            f"{r['nodes']:>8} {r['edges']:>8} {r['stops']:>6} | {r['ours_s']:>7.3f} "
            f"{r['ours_offsets_s']:>8.3f} {r['ours_limit_s']:>8.3f} | "
            f"{r['nx_s']:>8.2f} {r['nx_limit_s']:>7.2f} {r['nx_s'] / r['ours_s']:>7.1f} | "
            f"{pd_cols} | {r['max_abs_diff_m']:>8.1e}"
        )
        extra = f"graph build {r['build_s']:.2f} s"
        if "pandana_build_s" in r:
            extra += (
                f"; pandana network build {r['pandana_build_s']:.2f} s, "
                f"max |Δ| vs ours within L {r['pandana_max_abs_diff_m']:.1e} m"
            )
        print(f"{'':>8} ({extra})", flush=True)
    print(f"(L = {args.limit:g} m; ours+off: each stop with its own snapping offset, via a super-source)")
    print()
    print("Helsinki, all districts, run_analysis end to end (model already loaded)")
    rows = bench_helsinki()
    print(f"{'analysis':<20} {'first run (s)':>14} {'best of 3 (s)':>14}")
    for name, first, best in rows:
        print(f"{name:<20} {first:>14.3f} {best:>14.3f}")
    print_incremental(sides, args.limit)


def bench_incremental(side: int, n_stops: int, cap: float, moves: int = 20) -> dict[str, Any]:
    """Moving one stop: an incremental update of the nearest-stop field vs a full recomputation.

    A workshop drags a stop and expects the district to re-score at once;
    the full run is what every move would cost without the incremental
    field.  The field is checked against a full run at the end.
    """
    from twin_app.core.incremental import NearestSourceField, nearest_sources

    graph = jittered_grid(side)
    n = graph.n_nodes
    rng = np.random.default_rng(2)
    stops = rng.choice(n, n_stops, replace=False)
    offsets = rng.uniform(0.0, 20.0, n_stops)
    row: dict[str, Any] = {"nodes": n, "stops": n_stops, "cap": cap}
    row["build_s"], field = timed(lambda: NearestSourceField(graph, stops, offsets, cap=cap), repeat=1)
    row["full_s"], _ = timed(lambda: nearest_sources(graph, stops, offsets, cap))
    row["full_nolabel_s"], _ = timed(lambda: graph.distance_to_nearest(stops, offsets, limit=cap))
    times = []
    for _ in range(moves):
        sid, node, offset = int(rng.integers(n_stops)), int(rng.integers(n)), float(rng.uniform(0.0, 20.0))
        start = time.perf_counter()
        field.move(sid, node, offset)
        times.append(time.perf_counter() - start)
    row["move_s"] = float(np.median(times))
    row["move_max_s"] = float(np.max(times))
    src = field.sources
    ids = sorted(src)
    ref, _ = nearest_sources(graph, [src[i][0] for i in ids], [src[i][1] for i in ids], cap)
    same_inf = bool(np.array_equal(np.isinf(ref), np.isinf(field.distance)))
    fin = np.isfinite(ref)
    row["max_abs_diff_m"] = float(np.max(np.abs(ref[fin] - field.distance[fin]))) if same_inf else np.inf
    return row


def print_incremental(sides: list[int], cap: float) -> None:
    print()
    print(f"Moving one stop (median of 20 moves to random nodes; cap {cap:g} m; full runs best of 3)")
    head = (
        f"{'nodes':>8} {'stops':>6} | {'build':>7} {'full':>7} {'full,no id':>10} | "
        f"{'move ms':>8} {'max ms':>7} {'full/move':>9} | {'max|Δ|m':>8}"
    )
    print(head)
    print("-" * len(head))
    for side in sides:
        n = side * side
        r = bench_incremental(side, max(1, n // 250), cap)
        print(
            f"{r['nodes']:>8} {r['stops']:>6} | {r['build_s']:>7.3f} {r['full_s']:>7.3f} "
            f"{r['full_nolabel_s']:>10.3f} | {r['move_s'] * 1e3:>8.2f} {r['move_max_s'] * 1e3:>7.2f} "
            f"{r['full_s'] / r['move_s']:>9.0f} | {r['max_abs_diff_m']:>8.1e}",
            flush=True,
        )
    print(
        "(full: nearest stop and which stop, as the field's build; full,no id: distance_to_nearest; "
        "times in s unless marked)"
    )


if __name__ == "__main__":
    main()
