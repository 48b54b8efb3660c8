"""Nearest-source walking distances kept up to date as sources are added, removed or moved.

A workshop moves one stop and expects the district to re-score at once.  A
full multi-source Dijkstra over a 500 k-node city takes a fifth of a
second; but moving one stop only changes the distances of the nodes it used
to serve and of the nodes it serves now, which with a search horizon
(``cap``, e.g. the 1 km of an accessibility threshold) are a few hundred.
:class:`NearestSourceField` keeps, for every node, the distance to its
nearest source and *which* source that is, and repairs only what changed:

* **add**: one Dijkstra from the new source, stopped at the cap; the nodes
  it reaches strictly sooner than their current source switch to it.
* **remove**: the nodes that source served (its *cell*) are the only ones
  whose distance can grow.  Every other node keeps its source and its
  distance, so the cell is re-solved on its own, seeded from its border
  (a neighbour's distance plus the edge into the cell, with that
  neighbour's source) and from any other source standing inside it.
* **move**: remove, then add (the source keeps its id).

The result is the same as a full recomputation (:func:`nearest_sources`)
up to floating-point rounding.  Labels may differ only on exact ties, where
either source is right: ``add`` keeps the existing label on a tie, the
other operations take whichever the search meets first.

Zero-length links (a source with offset 0, a zero-length street) are stored
as *explicit* zeros in the CSR matrices; scipy's csgraph routines treat an
explicit zero in a sparse graph as an edge of length 0 (only dense inputs
read 0 as "no edge"), so nothing here may call ``eliminate_zeros``.

Qt- and VTK-free: numpy and scipy only.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra

from twin_app.core.network import StreetGraph

#: relative slack on a single-source search horizon, so rounding in ``cap - offset`` never loses a node
_LIMIT_SLACK = 1e-12


def _limit(cap: float | None) -> float:
    return np.inf if cap is None else float(cap)


def _with_virtual_sources(
    matrix: sp.csr_matrix, targets: np.ndarray, weights: np.ndarray
) -> tuple[sp.csr_matrix, np.ndarray]:
    """``matrix`` plus one extra node per seed, joined to its target by an edge of length ``weight``.

    The extra nodes only have outgoing edges, so they are appended as rows
    at the end of the CSR arrays (no re-sorting); a multi-source Dijkstra
    from them then starts every seed at its own distance, and its
    ``sources`` output tells which seed each node's shortest path starts at.
    """
    n = matrix.shape[0]
    k = len(targets)
    indptr = np.concatenate([matrix.indptr, matrix.nnz + np.arange(1, k + 1)]).astype(np.int32)
    indices = np.concatenate([matrix.indices, targets]).astype(np.int32)
    data = np.concatenate([matrix.data, weights]).astype(np.float64)
    graph = sp.csr_matrix((data, indices, indptr), shape=(n + k, n + k))
    return graph, np.arange(n, n + k)


def _multi_seed(
    matrix: sp.csr_matrix, targets: np.ndarray, weights: np.ndarray, limit: float
) -> tuple[np.ndarray, np.ndarray]:
    """Per node of ``matrix``: distance to the nearest seed, and that seed's index (-1 if unreached)."""
    n = matrix.shape[0]
    if len(targets) == 0:
        return np.full(n, np.inf), np.full(n, -1, dtype=np.int64)
    graph, starts = _with_virtual_sources(matrix, targets, weights)
    dist, _, origin = dijkstra(
        graph, directed=True, indices=starts, min_only=True, return_predecessors=True, limit=limit
    )
    dist = np.asarray(dist[:n], dtype=np.float64)
    seed = np.where(np.isfinite(dist), np.asarray(origin[:n], dtype=np.int64) - n, -1)
    return dist, seed


def _pick(values: np.ndarray, index: np.ndarray) -> np.ndarray:
    """``values[index]`` where ``index >= 0``, -1 elsewhere (``values`` may be empty)."""
    out = np.full(len(index), -1, dtype=np.int64)
    ok = index >= 0
    out[ok] = values[index[ok]]
    return out


def _check_sources(
    graph: StreetGraph, nodes: np.ndarray | Sequence[int], offsets: np.ndarray | Sequence[float] | None
) -> tuple[np.ndarray, np.ndarray]:
    node = np.asarray(nodes, dtype=np.int64).ravel()
    off = np.zeros(len(node)) if offsets is None else np.asarray(offsets, dtype=np.float64).ravel()
    if off.shape != node.shape:
        raise ValueError("offsets must have one value per source")
    if len(node) and (node.min() < 0 or node.max() >= graph.n_nodes):
        raise ValueError("source nodes must be node indices 0..n-1")
    if np.any(~np.isfinite(off)) or np.any(off < 0):
        raise ValueError("offsets must be finite and non-negative")
    return node, off


def nearest_sources(
    graph: StreetGraph,
    nodes: np.ndarray | Sequence[int],
    offsets: np.ndarray | Sequence[float] | None = None,
    cap: float | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Full computation: per node, the distance to its nearest source and that source's position.

    One scipy Dijkstra from one virtual node per source (joined to the
    source's node by an edge as long as its offset), so two sources on the
    same node stay distinguishable.  Distances beyond ``cap`` are ``inf``
    and their label is -1.  This is what :class:`NearestSourceField`
    starts from and what its updates must reproduce.
    """
    node, off = _check_sources(graph, nodes, offsets)
    limit = _limit(cap)
    keep = np.flatnonzero(off <= limit)
    dist, seed = _multi_seed(graph.matrix, node[keep], off[keep], limit)
    return dist, _pick(keep, seed)


class NearestSourceField:
    """Distance to the nearest source and its id for every node, updated incrementally.

    Sources are identified by integer ids: the initial ones by their
    position in ``nodes``, later ones by the id :meth:`add` returns.  An id
    is never reused after :meth:`remove`; :meth:`move` keeps it.

    ``cap`` bounds the search: distances beyond it are ``inf`` (label -1).
    An analysis with a 1 km threshold needs nothing beyond 1 km, and the cap
    is what keeps every update local; without one, :meth:`add` searches the
    whole graph (still exact, no longer fast), while :meth:`remove` stays
    local to the removed source's cell.
    """

    def __init__(
        self,
        graph: StreetGraph,
        nodes: np.ndarray | Sequence[int],
        offsets: np.ndarray | Sequence[float] | None = None,
        cap: float | None = None,
    ) -> None:
        if cap is not None and not (cap >= 0):
            raise ValueError("cap must be non-negative (or None)")
        self._graph = graph
        self._matrix: sp.csr_matrix = graph.matrix
        self._cap = _limit(cap)
        node, off = _check_sources(graph, nodes, offsets)
        self._node = node.copy()
        self._offset = off.copy()
        self._alive = np.ones(len(node), dtype=bool)
        self._distance, self._label = nearest_sources(graph, node, off, cap)
        # global node -> position in the set being repaired; -1 outside (reset after every use)
        self._local = np.full(graph.n_nodes, -1, dtype=np.int64)

    # -- state -----------------------------------------------------------------------

    @property
    def graph(self) -> StreetGraph:
        return self._graph

    @property
    def cap(self) -> float | None:
        return None if np.isinf(self._cap) else self._cap

    @property
    def distance(self) -> np.ndarray:
        """Metres from each node to its nearest source, offset included (``inf`` past the cap); read-only."""
        view = self._distance.view()
        view.flags.writeable = False
        return view

    @property
    def label(self) -> np.ndarray:
        """Id of each node's nearest source (-1 where ``distance`` is ``inf``); read-only."""
        view = self._label.view()
        view.flags.writeable = False
        return view

    @property
    def sources(self) -> dict[int, tuple[int, float]]:
        """The current sources: id → (node, offset)."""
        ids = np.flatnonzero(self._alive)
        return {
            int(i): (int(n), float(o))
            for i, n, o in zip(ids, self._node[ids], self._offset[ids], strict=True)
        }

    def __len__(self) -> int:
        return int(self._alive.sum())

    def __contains__(self, source_id: object) -> bool:
        return (
            isinstance(source_id, int | np.integer)
            and 0 <= int(source_id) < len(self._alive)
            and bool(self._alive[int(source_id)])
        )

    # -- updates ---------------------------------------------------------------------

    def add(self, node: int, offset: float = 0.0) -> int:
        """A new source at ``node`` (``offset`` metres off the street); returns its id."""
        node, offset = self._check_one(node, offset)
        sid = len(self._alive)
        self._node = np.append(self._node, node)
        self._offset = np.append(self._offset, offset)
        self._alive = np.append(self._alive, True)
        self._insert(sid)
        return sid

    def remove(self, source_id: int) -> None:
        """Drop a source; the nodes it served fall back to their next nearest source (or ``inf``)."""
        sid = self._check_id(source_id)
        self._alive[sid] = False
        self._repair_cell(sid)

    def move(self, source_id: int, node: int, offset: float = 0.0) -> None:
        """Put a source somewhere else (same id): a remove followed by an add."""
        sid = self._check_id(source_id)
        node, offset = self._check_one(node, offset)
        self._alive[sid] = False
        self._repair_cell(sid)
        self._node[sid] = node
        self._offset[sid] = offset
        self._alive[sid] = True
        self._insert(sid)

    def recompute(self) -> None:
        """Start over from a full computation (the reference the updates reproduce)."""
        ids = np.flatnonzero(self._alive)
        dist, pos = nearest_sources(self._graph, self._node[ids], self._offset[ids], self.cap)
        self._distance = dist
        self._label = _pick(ids, pos)

    # -- internals -------------------------------------------------------------------

    def _check_one(self, node: int, offset: float) -> tuple[int, float]:
        node = int(node)
        offset = float(offset)
        if not 0 <= node < self._graph.n_nodes:
            raise ValueError("source node must be a node index 0..n-1")
        if not (np.isfinite(offset) and offset >= 0):
            raise ValueError("offset must be finite and non-negative")
        return node, offset

    def _check_id(self, source_id: int) -> int:
        if source_id not in self:
            raise KeyError(f"no source with id {source_id}")
        return int(source_id)

    def _insert(self, sid: int) -> None:
        """Let source ``sid`` claim the nodes it reaches strictly sooner than their current source.

        A single-source Dijkstra from its node, stopped at ``cap - offset``;
        a tie keeps the current label, so an add never relabels a node
        whose distance it does not change.
        """
        node, offset = int(self._node[sid]), float(self._offset[sid])
        if offset > self._cap:
            return
        reach = (self._cap - offset) * (1 + _LIMIT_SLACK) if np.isfinite(self._cap) else np.inf
        d = dijkstra(self._matrix, directed=True, indices=node, limit=reach)
        hit = np.flatnonzero(d < np.inf)
        new = d[hit] + offset
        better = (new < self._distance[hit]) & (new <= self._cap)
        hit = hit[better]
        self._distance[hit] = new[better]
        self._label[hit] = sid

    def _repair_cell(self, sid: int) -> None:
        """Re-solve the nodes that (removed) source ``sid`` served, exactly.

        Nodes outside the cell keep their source, which is still there, so
        their distances are final.  A shortest path to a cell node from a
        remaining source either starts inside the cell (another source on a
        cell node) or enters it over an edge from a finished node; those
        are the seeds.  The cell's own subgraph plus one virtual node per
        seeded cell node goes through one small multi-source Dijkstra.
        """
        cell = np.flatnonzero(self._label == sid)
        if len(cell) == 0:
            return
        m = self._matrix
        local = self._local
        local[cell] = np.arange(len(cell))
        try:
            # every edge leaving a cell node, in CSR order (cell is sorted, so rows stay grouped)
            starts = m.indptr[cell].astype(np.int64)
            counts = m.indptr[cell + 1] - starts
            total = int(counts.sum())
            pos = np.arange(total) + np.repeat(starts - (np.cumsum(counts) - counts), counts)
            row = np.repeat(np.arange(len(cell)), counts)
            nbr = m.indices[pos]
            w = m.data[pos]
            col = local[nbr]
            inner = col >= 0

            # seeds over the border: the neighbour's distance plus the edge into the cell
            outer = ~inner
            border = nbr[outer]
            seed_d = self._distance[border] + w[outer]
            seed_at = row[outer]
            seed_label = self._label[border]
            # seeds inside: the other sources standing on cell nodes
            others = np.flatnonzero(self._alive)
            others = others[(local[self._node[others]] >= 0) & (self._offset[others] <= self._cap)]
            seed_d = np.concatenate([seed_d, self._offset[others]])
            seed_at = np.concatenate([seed_at, local[self._node[others]]])
            seed_label = np.concatenate([seed_label, others])
            ok = seed_d <= self._cap  # also drops the border nodes that are out of reach (inf)
            seed_d, seed_at, seed_label = seed_d[ok], seed_at[ok], seed_label[ok]
            # the best seed per cell node is all a shortest path can use
            order = np.lexsort((seed_d, seed_at))
            first = np.ones(len(order), dtype=bool)
            first[1:] = seed_at[order[1:]] != seed_at[order[:-1]]
            best = order[first]
            seed_d, seed_at, seed_label = seed_d[best], seed_at[best], seed_label[best]

            k = len(cell)
            indptr = np.zeros(k + 1, dtype=np.int64)
            np.cumsum(np.bincount(row[inner], minlength=k), out=indptr[1:])
            sub = sp.csr_matrix(
                (w[inner].astype(np.float64), col[inner].astype(np.int32), indptr.astype(np.int32)),
                shape=(k, k),
            )
            dist, seed = _multi_seed(sub, seed_at, seed_d, self._cap)
        finally:
            local[cell] = -1
        self._distance[cell] = dist
        self._label[cell] = _pick(seed_label, seed)


__all__ = ["NearestSourceField", "nearest_sources"]
