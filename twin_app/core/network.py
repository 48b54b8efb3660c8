"""Walking distances along a street network: a CSR graph, snapping, multi-source Dijkstra.

Accessibility indicators (SDG 11.2.1, 11.7.1) ask one question many times:
"how far is it, *along the streets*, from here to the nearest X?".  Answering
it per person with networkx would take minutes; answering it once for every
node of the network, from all the X at once, is a single Dijkstra run from a
virtual *super-source* joined to every X by an edge as long as the X's own
distance from the network (its snapping offset).  scipy's compiled Dijkstra
does that in one call.

Snapping is to the nearest *edge*, not the nearest node: a stop in the
middle of a 300 m block is 150 m from both corners, and snapping it to a
corner would move it by that much.  A snapped point remembers its edge, how
far along the edge it lies and how far it is from the street (the
perpendicular walk, which is counted: people walk from the door to the
street).  A point on an edge is reached from the edge's two end nodes, or
directly from a source on the same edge.

Points are joined only to streets *at grade* (``edge_at_grade``): a home,
a park gate or a stop is on the ground, and cannot step down into a tunnel
or an indoor corridor that happens to run beneath it.  Such edges are still
walked through; they are just not entered from the side.  Snapping onto
one sends people the length of the tunnel to its portal and back (a
service tunnel under central Helsinki's Kluuvi blocks turned a 115 m walk
to the nearest park into 990 m).

Points are also joined only to the *main* components (``main_edges``);
``off_main`` and ``nearest_in_fragment`` say who ended up elsewhere or was
moved, so analyses can report it.

Everything here is Qt- and VTK-free and works on plain numpy arrays, so it
serves analyses, tests and benchmarks alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra

from twin_app.core.i18n import _

if TYPE_CHECKING:
    from twin_app.core.layers import NetworkLayer

#: components with fewer nodes than this share are fragments, not network (see ``main_edges``)
MAIN_COMPONENT_SHARE = 0.05
#: absorbs floating-point rounding when a distance is compared with a threshold
TOLERANCE_M = 1e-6


@dataclass(frozen=True)
class Snapped:
    """Points placed on the network (one entry per input point).

    ``edge`` is -1 and ``node`` is -1 for points farther than the snapping
    limit (``unsnapped``); their ``distance`` is ``inf``.
    """

    #: index of the edge the point lies on (into ``StreetGraph.edge_u``), -1 if unsnapped
    edge: np.ndarray
    #: metres along the edge from its start node ``edge_u``
    along: np.ndarray
    #: metres from the point to the street (perpendicular), the snapping distance
    distance: np.ndarray
    #: the nearer end node of the edge (a node index), -1 if unsnapped
    node: np.ndarray

    @property
    def unsnapped(self) -> np.ndarray:
        """True where a point is too far from every street to be placed on it."""
        return np.asarray(self.edge < 0)

    @property
    def snapped(self) -> np.ndarray:
        return np.asarray(self.edge >= 0)

    def __len__(self) -> int:
        return len(self.edge)

    def subset(self, mask: np.ndarray) -> Snapped:
        """The points where ``mask`` is True (e.g. only the snapped ones)."""
        return Snapped(self.edge[mask], self.along[mask], self.distance[mask], self.node[mask])


class StreetGraph:
    """An undirected street graph: node coordinates, edges, and a symmetric CSR matrix.

    Both directions of every edge are stored in the matrix so Dijkstra can
    run with ``directed=True`` (no symmetrising copy per call); between two
    nodes joined by several edges the shortest counts.
    """

    def __init__(
        self,
        node_xy: np.ndarray,
        edge_u: np.ndarray,
        edge_v: np.ndarray,
        edge_length: np.ndarray,
        edge_geometry: np.ndarray | None = None,
        node_ids: np.ndarray | None = None,
        edge_at_grade: np.ndarray | None = None,
    ) -> None:
        self.node_xy = np.ascontiguousarray(node_xy, dtype=float).reshape(-1, 2)
        n = len(self.node_xy)
        self.node_ids = np.arange(n) if node_ids is None else np.asarray(node_ids)
        u = np.asarray(edge_u, dtype=np.int64)
        v = np.asarray(edge_v, dtype=np.int64)
        length = np.asarray(edge_length, dtype=float)
        if len(u) and (u.min() < 0 or v.min() < 0 or u.max() >= n or v.max() >= n):
            raise ValueError("edge endpoints must be node indices 0..n-1")
        if np.any(~np.isfinite(length)) or np.any(length < 0):
            raise ValueError("edge lengths must be finite and non-negative")
        self.edge_u, self.edge_v, self.edge_length = u, v, length
        grade = np.asarray(np.ones(len(u)) if edge_at_grade is None else edge_at_grade, dtype=bool)
        if grade.shape != u.shape:
            raise ValueError("edge_at_grade must have one value per edge")
        #: False on edges points are not joined to from the side (tunnels, indoor corridors)
        self.edge_at_grade = grade
        self._geometry = edge_geometry
        self._trees: dict[bool, tuple[np.ndarray, Any]] = {}
        self._labels: np.ndarray | None = None
        self.matrix = _symmetric_csr(n, u, v, length)

    # -- construction --------------------------------------------------------------

    @classmethod
    def from_layer(cls, layer: NetworkLayer) -> StreetGraph:
        """The walkable graph of a :class:`NetworkLayer` (edges ``u``, ``v``, ``length``; nodes ``osmid``).

        A network layer lists each street once per direction (as osmnx
        does); the duplicates are dropped so every street is snapped to
        once, and edges are oriented so ``along`` runs from ``edge_u``.
        """
        import shapely

        nodes = layer.nodes
        ids = nodes["osmid"].to_numpy() if "osmid" in nodes else nodes.index.to_numpy()
        order = np.argsort(ids, kind="stable")
        sorted_ids = ids[order]
        edges = layer.frame

        def index_of(values: np.ndarray) -> np.ndarray:
            pos = np.searchsorted(sorted_ids, values)
            pos = np.clip(pos, 0, len(sorted_ids) - 1)
            if len(values) and not np.array_equal(sorted_ids[pos], values):
                raise ValueError(
                    _(
                        "The street network '{layer}' has streets whose end points are not among its nodes; "
                        "the file is incomplete: export or download the network again."
                    ).format(layer=layer.display_title())
                )
            return np.asarray(order[pos], dtype=np.int64)

        u = index_of(edges["u"].to_numpy())
        v = index_of(edges["v"].to_numpy())
        length = edges["length"].to_numpy(dtype=float)
        geometry = edges.geometry.to_numpy()
        grade = (
            edges["at_grade"].fillna(True).to_numpy(dtype=bool)
            if "at_grade" in edges
            else np.ones(len(edges), dtype=bool)
        )
        # one row per undirected street: same end nodes and the same length (to the millimetre)
        lo, hi = np.minimum(u, v), np.maximum(u, v)
        key = np.stack([lo, hi, np.round(length * 1000).astype(np.int64)], axis=1)
        _keys, first = np.unique(key, axis=0, return_index=True)
        first.sort()
        u, v, length, geometry, grade = u[first], v[first], length[first], geometry[first], grade[first]
        xy = np.column_stack([nodes.geometry.x.to_numpy(), nodes.geometry.y.to_numpy()])
        # orient: the geometry starts at edge_u
        start = shapely.get_coordinates(shapely.get_point(geometry, 0))
        flip = np.hypot(*(start - xy[v]).T) < np.hypot(*(start - xy[u]).T)
        u, v = np.where(flip, v, u), np.where(flip, u, v)
        return cls(xy, u, v, length, geometry, node_ids=ids, edge_at_grade=grade)

    @classmethod
    def grid(cls, nx: int, ny: int, spacing: float = 100.0) -> StreetGraph:
        """A regular street grid (for tests and benchmarks): node ``i = row * nx + col``."""
        cols, rows = np.meshgrid(np.arange(nx), np.arange(ny))
        xy = np.column_stack([cols.ravel() * spacing, rows.ravel() * spacing]).astype(float)
        idx = np.arange(nx * ny).reshape(ny, nx)
        u = np.concatenate([idx[:, :-1].ravel(), idx[:-1, :].ravel()])
        v = np.concatenate([idx[:, 1:].ravel(), idx[1:, :].ravel()])
        return cls(xy, u, v, np.full(len(u), float(spacing)))

    # -- properties ------------------------------------------------------------------

    @property
    def n_nodes(self) -> int:
        return len(self.node_xy)

    @property
    def n_edges(self) -> int:
        return len(self.edge_u)

    @property
    def edge_geometry(self) -> np.ndarray:
        """Edge LineStrings (straight segments between the end nodes when none were given)."""
        if self._geometry is None:
            import shapely

            coords = np.stack([self.node_xy[self.edge_u], self.node_xy[self.edge_v]], axis=1)
            self._geometry = np.asarray(shapely.linestrings(coords), dtype=object)
        return self._geometry

    # -- snapping --------------------------------------------------------------------

    @property
    def component_labels(self) -> np.ndarray:
        """Per node: its connected component; 0 is the largest (the *main* component)."""
        if self._labels is None:
            from scipy.sparse.csgraph import connected_components

            _, labels = connected_components(self.matrix, directed=False)
            sizes = np.bincount(labels)
            # relabel by size, largest first (ties: the lower original label)
            rank = np.empty(len(sizes), dtype=np.int64)
            rank[np.lexsort((np.arange(len(sizes)), -sizes))] = np.arange(len(sizes))
            self._labels = rank[labels]
        return self._labels

    def main_edges(self, min_share: float = MAIN_COMPONENT_SHARE) -> np.ndarray:
        """Edge indices in the connected components holding at least ``min_share`` of the nodes.

        An extract cut out of a city leaves fragments (a courtyard path, a
        pier) joined to nothing; a home snapped onto one could reach no
        stop at all.  The largest component always qualifies.
        """
        if self.n_edges == 0:
            return np.zeros(0, dtype=np.int64)
        labels = self.component_labels
        sizes = np.bincount(labels)
        big = (sizes >= min_share * self.n_nodes) | (sizes == sizes.max())
        return np.flatnonzero(big[labels[self.edge_u]])

    def off_main(self, snapped: Snapped) -> np.ndarray:
        """True where a snapped point lies on a component other than the largest one.

        With ``main_only`` snapping these are the points on the *other* big
        components (an island, a district cut off by a river whose bridges
        are outside the extract): they reach only what lies on their own piece.
        """
        on = snapped.snapped
        out = np.zeros(len(snapped), dtype=bool)
        out[on] = self.component_labels[self.edge_u[snapped.edge[on]]] != 0
        return out

    def nearest_in_fragment(self, xy: np.ndarray | Sequence[Sequence[float]]) -> np.ndarray:
        """True where a point's nearest at-grade street is a fragment (not a main component).

        ``snap(..., main_only=True)`` joins such points to a main component
        farther away (a park café whose own paths the extract cut off).
        """
        nearest = self.snap(xy)
        if self.n_edges == 0:
            return np.zeros(len(nearest), dtype=bool)
        main = np.zeros(self.n_edges, dtype=bool)
        main[self.main_edges()] = True
        return np.asarray(nearest.snapped & ~main[np.maximum(nearest.edge, 0)])

    def snap(
        self,
        xy: np.ndarray | Sequence[Sequence[float]],
        max_distance: float = np.inf,
        *,
        main_only: bool = False,
    ) -> Snapped:
        """Place points on their nearest at-grade edge, if it is within ``max_distance`` metres.

        Nearest edge rather than nearest node (see the module docstring); a
        point equidistant from two edges takes the first found.  Only edges
        at grade are candidates (all edges, in a graph that has none).  With
        ``main_only``, only edges of the main components (:meth:`main_edges`)
        are candidates.
        """
        import shapely

        pts = np.asarray(xy, dtype=float).reshape(-1, 2)
        m = len(pts)
        edge = np.full(m, -1, dtype=np.int64)
        along = np.zeros(m)
        dist = np.full(m, np.inf)
        node = np.full(m, -1, dtype=np.int64)
        if m == 0 or self.n_edges == 0:
            return Snapped(edge, along, dist, node)
        if main_only not in self._trees:
            candidates = self.main_edges() if main_only else np.arange(self.n_edges)
            at_grade = candidates[self.edge_at_grade[candidates]]
            candidates = at_grade if len(at_grade) else candidates
            self._trees[main_only] = (candidates, shapely.STRtree(self.edge_geometry[candidates]))
        candidates, tree = self._trees[main_only]
        points = np.asarray(shapely.points(pts), dtype=object)
        reach = None if not np.isfinite(max_distance) else float(max_distance)
        (which, hit), found = tree.query_nearest(
            points, max_distance=reach, return_distance=True, all_matches=False
        )
        # with max_distance, query_nearest returns only the points within reach
        dist[which] = found
        ok, ok_edge = which, candidates[hit]
        lines = self.edge_geometry[ok_edge]
        geom_len = shapely.length(lines)
        proj = shapely.line_locate_point(lines, points[ok])
        scale = np.divide(self.edge_length[ok_edge], geom_len, out=np.zeros(len(ok)), where=geom_len > 0)
        a = np.clip(proj * scale, 0.0, self.edge_length[ok_edge])
        edge[ok] = ok_edge
        along[ok] = a
        node[ok] = np.where(a <= self.edge_length[ok_edge] - a, self.edge_u[ok_edge], self.edge_v[ok_edge])
        return Snapped(edge, along, dist, node)

    def snap_to_nodes(
        self, xy: np.ndarray | Sequence[Sequence[float]], max_distance: float = np.inf
    ) -> Snapped:
        """Place points on their nearest *node* (a cheaper, coarser alternative to :meth:`snap`).

        The result's ``edge`` is an arbitrary edge at that node, with
        ``along`` 0 or its full length, so it combines with the other methods.
        """
        from scipy.spatial import cKDTree

        pts = np.asarray(xy, dtype=float).reshape(-1, 2)
        m = len(pts)
        edge = np.full(m, -1, dtype=np.int64)
        along = np.zeros(m)
        node = np.full(m, -1, dtype=np.int64)
        if m == 0 or self.n_nodes == 0:
            return Snapped(edge, along, np.full(m, np.inf), node)
        dist, nearest = cKDTree(self.node_xy).query(pts)
        dist = np.asarray(dist, dtype=float)
        nearest = np.asarray(nearest, dtype=np.int64)
        # an edge for every node (nodes without edges stay unsnapped)
        first_edge = np.full(self.n_nodes, -1, dtype=np.int64)
        ends = np.concatenate([self.edge_u, self.edge_v])
        ids = np.concatenate([np.arange(self.n_edges), np.arange(self.n_edges)])
        first_edge[ends[::-1]] = ids[::-1]
        ok = (dist <= max_distance) & (first_edge[nearest] >= 0)
        edge[ok] = first_edge[nearest[ok]]
        at_v = self.edge_v[edge[ok]] == nearest[ok]
        along[ok] = np.where(at_v, self.edge_length[edge[ok]], 0.0)
        node[ok] = nearest[ok]
        return Snapped(edge, along, dist, node)

    # -- distances -------------------------------------------------------------------

    def distance_to_nearest(
        self,
        sources: np.ndarray | Sequence[int],
        offsets: np.ndarray | Sequence[float] | None = None,
        limit: float | None = None,
    ) -> np.ndarray:
        """Network distance from every node to its nearest source node, plus that source's offset.

        Exact multi-source Dijkstra: one run from a virtual super-source
        joined to each source node by an edge of length ``offset`` (0 by
        default; a node listed twice keeps its smallest offset).  Nodes
        farther than ``limit`` metres (or unreachable) get ``inf``; a limit
        makes the run stop early, which is what keeps city-wide runs fast.
        """
        n = self.n_nodes
        src = np.asarray(sources, dtype=np.int64).ravel()
        out = np.full(n, np.inf)
        if len(src) == 0 or n == 0:
            return out
        if src.min() < 0 or src.max() >= n:
            raise ValueError("source indices must be node indices 0..n-1")
        off = np.zeros(len(src)) if offsets is None else np.asarray(offsets, dtype=float).ravel()
        if off.shape != src.shape:
            raise ValueError("offsets must have one value per source")
        if np.any(off < 0) or np.any(np.isnan(off)):
            raise ValueError("offsets must be non-negative")
        keep = np.isfinite(off)
        src, off = src[keep], off[keep]
        if len(src) == 0:
            return out
        # one entry per source node, the smallest offset (a CSR row must not repeat a column)
        order = np.lexsort((off, src))
        src, off = src[order], off[order]
        first = np.ones(len(src), dtype=bool)
        first[1:] = src[1:] != src[:-1]
        src, off = src[first], off[first]
        lim = np.inf if limit is None else float(limit)
        m = self.matrix
        if not np.any(off):
            # all offsets zero: scipy's own multi-source mode, no matrix to extend
            dist = dijkstra(m, directed=True, indices=src, min_only=True, limit=lim)
            return np.asarray(dist, dtype=float)
        indptr = np.concatenate([m.indptr, [m.nnz + len(src)]]).astype(np.int32)
        indices = np.concatenate([m.indices, src.astype(np.int32)])
        data = np.concatenate([m.data, off])
        # explicit zero offsets stay edges: scipy treats stored zeros in a sparse graph as 0-length edges
        graph = sp.csr_matrix((data, indices, indptr), shape=(n + 1, n + 1))
        dist = dijkstra(graph, directed=True, indices=n, limit=lim)
        return np.asarray(dist[:n], dtype=float)

    def node_distance_from(self, sources: Snapped, limit: float | None = None) -> np.ndarray:
        """Per node: the walk to the nearest snapped source point (its snapping distance included)."""
        ok = sources.snapped
        e = sources.edge[ok]
        p = sources.distance[ok]
        a = sources.along[ok]
        nodes = np.concatenate([self.edge_u[e], self.edge_v[e]])
        offsets = np.concatenate([p + a, p + (self.edge_length[e] - a)])
        return self.distance_to_nearest(nodes, offsets, limit=limit)

    def point_distance(
        self, node_distance: np.ndarray, targets: Snapped, sources: Snapped | None = None
    ) -> np.ndarray:
        """Per target point: the walk to the nearest source, from a per-node field.

        A target on edge (u, v) is reached through u or v; when ``sources`` is
        given, a source on the *same* edge is also reached directly along it
        (otherwise two points mid-block would be charged a detour round a
        corner).  Unsnapped targets get ``inf``.
        """
        out = np.full(len(targets), np.inf)
        ok = np.flatnonzero(targets.snapped)
        if len(ok) == 0:
            return out
        e = targets.edge[ok]
        a = targets.along[ok]
        p = targets.distance[ok]
        via_u = node_distance[self.edge_u[e]] + a
        via_v = node_distance[self.edge_v[e]] + (self.edge_length[e] - a)
        best = np.minimum(via_u, via_v)
        if sources is not None and len(sources):
            best = np.minimum(best, self._same_edge(e, a, sources))
        out[ok] = best + p
        return out

    def _same_edge(self, e: np.ndarray, a: np.ndarray, sources: Snapped) -> np.ndarray:
        """Walk along their shared edge to the best source on each target's edge (inf if none).

        For a source at ``s`` with snapping distance ``q`` and a target at
        ``t`` on the same edge the walk is ``|t - s| + q``.  With the sources
        sorted by (edge, along), the best one on the left of ``t`` minimises
        ``q - s`` (a running minimum) and on the right ``q + s`` (a reversed
        running minimum), so each target needs only its position in that
        order: vectorised, no pairs formed.
        """
        import pandas as pd

        best = np.full(len(e), np.inf)
        ok = sources.snapped
        se, sa, sq = sources.edge[ok], sources.along[ok], sources.distance[ok]
        has = np.isin(e, se)
        if not has.any():
            return best
        order = np.lexsort((sa, se))
        se, sa, sq = se[order], sa[order], sq[order]
        left_min = pd.Series(sq - sa).groupby(se).cummin().to_numpy()
        rev = slice(None, None, -1)
        right_min = pd.Series((sq + sa)[rev]).groupby(se[rev]).cummin().to_numpy()[rev]
        te, ta = e[has], a[has]
        # position of each target among the sources: how many sources have (edge, along) <= (te, ta)
        n_s = len(se)
        all_e = np.concatenate([se, te])
        all_a = np.concatenate([sa, ta])
        is_target = np.concatenate([np.zeros(n_s, dtype=bool), np.ones(len(te), dtype=bool)])
        combined = np.lexsort((is_target, all_a, all_e))
        sources_before = np.cumsum(~is_target[combined])
        pos = np.empty(len(te), dtype=np.int64)
        pos[combined[is_target[combined]] - n_s] = sources_before[is_target[combined]]
        lo = np.searchsorted(se, te, side="left")
        hi = np.searchsorted(se, te, side="right")
        res = np.full(len(te), np.inf)
        left = pos > lo
        res[left] = ta[left] + left_min[pos[left] - 1]
        right = pos < hi
        res[right] = np.minimum(res[right], right_min[pos[right]] - ta[right])
        best[has] = res
        return best

    def point_distance_from(
        self, sources: Snapped, targets: Snapped, limit: float | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Both fields at once: (per node, per target point) walks to the nearest source point."""
        nodes = self.node_distance_from(sources, limit=limit)
        points = self.point_distance(nodes, targets, sources)
        if limit is not None:
            points[points > limit] = np.inf
        return nodes, points

    def reachable_parts(self, node_distance: np.ndarray, threshold: float) -> np.ndarray:
        """The stretches of street within ``threshold`` of the sources, as LineStrings (for drawing).

        An edge is walked in from each end that is within reach, as far as
        the remaining distance allows; it is kept whole when the two reaches
        meet.  A source in the middle of an edge whose ends are both out of
        reach draws nothing (a short threshold on a long block): it is a
        picture of the service area, the indicators never use it.
        """
        import shapely
        from shapely.ops import substring

        length = self.edge_length
        du = node_distance[self.edge_u]
        dv = node_distance[self.edge_v]
        with np.errstate(invalid="ignore"):
            ru = np.clip(np.nan_to_num(threshold - du, nan=0.0, neginf=0.0), 0.0, length)
            rv = np.clip(np.nan_to_num(threshold - dv, nan=0.0, neginf=0.0), 0.0, length)
        whole = (ru + rv >= length) & ((ru > 0) | (rv > 0) | (length == 0) & np.isfinite(du))
        parts: list[Any] = list(self.edge_geometry[whole])
        partial = np.flatnonzero(~whole & ((ru > 0) | (rv > 0)))
        geoms = self.edge_geometry
        for i in partial:
            line = geoms[i]
            scale = line.length / length[i] if length[i] > 0 else 0.0
            if ru[i] > 0:
                parts.append(substring(line, 0.0, ru[i] * scale))
            if rv[i] > 0:
                parts.append(substring(line, (length[i] - rv[i]) * scale, line.length))
        out = np.asarray(parts, dtype=object)
        return out[~shapely.is_empty(out)] if len(out) else out


def _symmetric_csr(n: int, u: np.ndarray, v: np.ndarray, length: np.ndarray) -> sp.csr_matrix:
    """Both directions of every edge, the shortest of parallel edges, no self-loops.

    Built by hand (lexsort + unique) because scipy's COO→CSR conversion
    *sums* duplicate entries, which would turn two parallel streets into
    one twice as long.
    """
    loop = u == v
    rows = np.concatenate([u[~loop], v[~loop]])
    cols = np.concatenate([v[~loop], u[~loop]])
    data = np.concatenate([length[~loop], length[~loop]])
    order = np.lexsort((data, cols, rows))
    rows, cols, data = rows[order], cols[order], data[order]
    first = np.ones(len(rows), dtype=bool)
    first[1:] = (rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])
    rows, cols, data = rows[first], cols[first], data[first]
    indptr = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    return sp.csr_matrix((data.astype(float), cols.astype(np.int32), indptr), shape=(n, n))


__all__ = ["MAIN_COMPONENT_SHARE", "TOLERANCE_M", "Snapped", "StreetGraph"]
