"""Incremental nearest-source distances: hand-checked cases, then random edits against full recomputation."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse.csgraph import dijkstra

from twin_app.core.incremental import NearestSourceField, nearest_sources
from twin_app.core.network import StreetGraph

INF = np.inf


def path_graph(lengths: list[float]) -> StreetGraph:
    """Nodes 0..k in a line, edge i joining i and i+1 with ``lengths[i]``."""
    k = len(lengths)
    xy = np.column_stack([np.cumsum([0.0, *lengths]), np.zeros(k + 1)])
    return StreetGraph(xy, np.arange(k), np.arange(1, k + 1), lengths)


def random_graph(side: int, seed: int) -> StreetGraph:
    """A side×side grid with random block lengths (so distance ties are rare) and some missing streets."""
    base = StreetGraph.grid(side, side, spacing=100.0)
    rng = np.random.default_rng(seed)
    keep = rng.random(base.n_edges) > 0.1
    lengths = rng.uniform(50.0, 150.0, base.n_edges)
    return StreetGraph(base.node_xy, base.edge_u[keep], base.edge_v[keep], lengths[keep])


def reference(field: NearestSourceField) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A full recomputation from the field's current sources: (distance, label as ids, ids)."""
    src = field.sources
    ids = np.array(sorted(src), dtype=np.int64)
    nodes = np.array([src[i][0] for i in ids], dtype=np.int64)
    offsets = np.array([src[i][1] for i in ids], dtype=float)
    dist, pos = nearest_sources(field.graph, nodes, offsets, field.cap)
    label = np.where(pos >= 0, ids[np.maximum(pos, 0)] if len(ids) else -1, -1)
    return dist, label, ids


def assert_matches_full(field: NearestSourceField, tied_ok: float = 1e-6) -> None:
    """Distances equal a full run; every label is a source that really is that far; untied labels agree."""
    dist, label, ids = reference(field)
    np.testing.assert_array_equal(np.isinf(field.distance), np.isinf(dist))
    np.testing.assert_allclose(field.distance, dist, rtol=1e-12, atol=1e-9)
    np.testing.assert_array_equal(field.label == -1, np.isinf(dist))
    if len(ids) == 0:
        return
    # per source, its own distance to every node: the label must achieve the minimum
    src = field.sources
    nodes = np.array([src[i][0] for i in ids])
    offsets = np.array([src[i][1] for i in ids])
    per_source = dijkstra(field.graph.matrix, directed=True, indices=nodes) + offsets[:, None]
    reached = np.flatnonzero(np.isfinite(dist))
    row = np.searchsorted(ids, field.label[reached])
    assert np.all(ids[row] == field.label[reached])
    np.testing.assert_allclose(per_source[row, reached], dist[reached], rtol=1e-12, atol=1e-9)
    # where the runner-up is clearly farther, the label is the one a full run picks
    if len(ids) > 1:
        two = np.partition(per_source[:, reached], 1, axis=0)[:2]
        clear = two[1] - two[0] > tied_ok
        np.testing.assert_array_equal(field.label[reached][clear], label[reached][clear])


# -- hand cases ------------------------------------------------------------------------------


def test_path_by_hand_zero_and_nonzero_offsets() -> None:
    g = path_graph([1.0, 2.0, 3.0, 4.0])  # 0 -1- 1 -2- 2 -3- 3 -4- 4
    f = NearestSourceField(g, [0, 4], [0.0, 1.0])
    assert f.distance.tolist() == [0.0, 1.0, 3.0, 5.0, 1.0]
    assert f.label.tolist() == [0, 0, 0, 1, 1]
    assert f.sources == {0: (0, 0.0), 1: (4, 1.0)}

    f.remove(0)
    assert f.distance.tolist() == [11.0, 10.0, 8.0, 5.0, 1.0]
    assert f.label.tolist() == [1, 1, 1, 1, 1]

    new = f.add(1, 0.5)
    assert new == 2
    assert f.distance.tolist() == [1.5, 0.5, 2.5, 5.0, 1.0]
    assert f.label.tolist() == [2, 2, 2, 1, 1]

    f.move(1, 3)  # zero offset, same id
    assert f.sources == {1: (3, 0.0), 2: (1, 0.5)}
    assert f.distance.tolist() == [1.5, 0.5, 2.5, 0.0, 4.0]
    assert f.label.tolist() == [2, 2, 2, 1, 1]
    assert_matches_full(f)


def test_all_zero_offsets_on_a_grid() -> None:
    g = StreetGraph.grid(5, 5, spacing=100.0)  # node = row * 5 + col
    f = NearestSourceField(g, [0, 24])
    assert f.distance[0] == 0.0 and f.distance[24] == 0.0
    assert f.distance[2 * 5 + 1] == pytest.approx(300.0) and f.label[2 * 5 + 1] == 0
    assert f.distance[3 * 5 + 4] == pytest.approx(100.0) and f.label[3 * 5 + 4] == 1
    np.testing.assert_allclose(f.distance, g.distance_to_nearest([0, 24]))
    f.add(12)
    assert f.distance[12] == 0.0 and f.label[12] == 2
    f.remove(0)
    assert f.distance[0] == pytest.approx(400.0) and f.label[0] == 2
    assert_matches_full(f)


def test_two_sources_on_one_node() -> None:
    g = path_graph([10.0, 10.0, 10.0, 10.0])
    f = NearestSourceField(g, [2, 2], [1.0, 3.0])
    assert f.distance.tolist() == [21.0, 11.0, 1.0, 11.0, 21.0]
    assert f.label.tolist() == [0, 0, 0, 0, 0]
    f.remove(0)  # the other stop on the same node takes over, 2 m farther
    assert f.distance.tolist() == [23.0, 13.0, 3.0, 13.0, 23.0]
    assert f.label.tolist() == [1, 1, 1, 1, 1]

    # equal offsets: a tie, either label is right; removing one leaves the distances unchanged
    f = NearestSourceField(g, [2, 2])
    before = f.distance.copy()
    f.remove(int(f.label[2]))
    assert f.distance.tolist() == before.tolist()
    assert set(f.label.tolist()) == set(f.sources)


def test_tie_on_add_keeps_the_existing_label() -> None:
    g = path_graph([10.0, 10.0])
    f = NearestSourceField(g, [0])
    f.add(2)  # node 1 is 10 m from both
    assert f.label.tolist() == [0, 0, 1]


def test_removing_the_only_source_leaves_nothing_reachable() -> None:
    g = StreetGraph.grid(4, 4, spacing=50.0)
    f = NearestSourceField(g, [5], [2.0])
    f.remove(0)
    assert np.isinf(f.distance).all()
    assert (f.label == -1).all()
    assert f.sources == {} and len(f) == 0
    f.add(0)
    np.testing.assert_allclose(f.distance, g.distance_to_nearest([0]))


def test_starting_empty() -> None:
    g = path_graph([1.0, 1.0])
    f = NearestSourceField(g, [])
    assert np.isinf(f.distance).all() and (f.label == -1).all()
    assert f.add(1) == 0
    assert f.distance.tolist() == [1.0, 0.0, 1.0]


def test_cap_is_inclusive_and_keeps_updates_local() -> None:
    g = path_graph([100.0] * 9)  # nodes 0..9
    f = NearestSourceField(g, [0], [20.0], cap=320.0)
    assert f.distance[:4].tolist() == [20.0, 120.0, 220.0, 320.0]  # exactly the cap: kept
    assert np.isinf(f.distance[4:]).all() and (f.label[4:] == -1).all()
    sid = f.add(9, 400.0)  # farther off the street than the cap: reaches nothing
    assert np.isinf(f.distance[4:]).all()
    f.move(sid, 9, 0.0)
    assert f.distance[6:].tolist() == [300.0, 200.0, 100.0, 0.0]
    assert np.isinf(f.distance[4:6]).all()
    f.remove(0)
    assert np.isinf(f.distance[:6]).all()
    assert_matches_full(f)
    np.testing.assert_allclose(f.distance, g.distance_to_nearest([9], limit=320.0))


def test_bad_input_is_refused() -> None:
    g = path_graph([1.0])
    with pytest.raises(ValueError):
        NearestSourceField(g, [5])
    with pytest.raises(ValueError):
        NearestSourceField(g, [0], [-1.0])
    f = NearestSourceField(g, [0])
    with pytest.raises(ValueError):
        f.add(0, float("nan"))
    with pytest.raises(KeyError):
        f.remove(3)
    f.remove(0)
    with pytest.raises(KeyError):
        f.move(0, 1)
    with pytest.raises(ValueError):
        f.distance[0] = 1.0  # read-only view


# -- random edits against full recomputation ------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "cap"),
    [("uniform", None), ("uniform", 600.0), ("random", None), ("random", 450.0)],
)
def test_random_edits_match_full_recomputation(kind: str, cap: float | None) -> None:
    rng = np.random.default_rng(7)
    g = StreetGraph.grid(60, 60, spacing=100.0) if kind == "uniform" else random_graph(60, seed=3)
    n = g.n_nodes
    nodes = rng.choice(n, 40, replace=False)
    # uniform grid: zero and round offsets, so ties abound; random graph: random offsets
    offsets = rng.choice([0.0, 0.0, 50.0], 40) if kind == "uniform" else rng.uniform(0.0, 60.0, 40)
    f = NearestSourceField(g, nodes, offsets, cap=cap)
    assert_matches_full(f)
    np.testing.assert_allclose(f.distance, g.distance_to_nearest(nodes, offsets, limit=cap))

    for _ in range(50):
        op = rng.choice(["add", "remove", "move"])
        live = sorted(f.sources)
        node = int(rng.integers(n))
        if kind == "uniform" and rng.random() < 0.2 and live:
            node = f.sources[int(rng.choice(live))][0]  # stack a stop onto another one
        offset = float(rng.choice([0.0, 50.0])) if kind == "uniform" else float(rng.uniform(0.0, 60.0))
        if op == "add" or not live:
            f.add(node, offset)
        elif op == "remove":
            f.remove(int(rng.choice(live)))
        else:
            f.move(int(rng.choice(live)), node, offset)
        assert_matches_full(f)

    src = f.sources
    ids = sorted(src)
    np.testing.assert_allclose(
        f.distance,
        g.distance_to_nearest([src[i][0] for i in ids], [src[i][1] for i in ids], limit=cap),
        rtol=1e-12,
        atol=1e-9,
    )
