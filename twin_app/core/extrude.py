"""Extrude building footprints into one closed triangle mesh, without VTK.

A city has hundreds of thousands of buildings.  Extruding them one by one
through VTK (one ``PolyData`` and one filter call per building, then a merge)
runs at about a thousand buildings a second, so a city takes minutes to
appear.  Here every step works on all buildings at once with numpy:

* walls: two triangles per ring edge, built from the flat coordinate array
  with index arithmetic, never a Python loop over edges;
* roofs: convex rings without holes (most buildings) are fan-triangulated in
  one vectorized step; small concave outlines (L, T, U shapes) are
  triangulated in lock-step by a vectorized star-fan / ear-clipping pass;
  only outlines with courtyards and large concave ones go to a real polygon
  triangulation (earcut), one call each;
* floors: the roof triangles reversed at the base height.

The result is a single mesh whose bottom and top ring vertices are shared
between walls, floor and roof, so every building is a closed, consistently
oriented solid: its volume can be measured, it renders without cracks, and a
picked triangle maps back to its feature through ``cell_feature``.

Coordinates are shifted by ``origin`` while still in float64 and only then
converted to float32, because renderers work in float32 and projected
coordinates in the millions of metres would otherwise be quantised to
metre-sized steps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import mapbox_earcut
import numpy as np
import numpy.typing as npt
import shapely

FLOOR: int = 0
WALL: int = 1
ROOF: int = 2

_POLYGON_TYPE_ID = 3
_MULTIPOLYGON_TYPE_ID = 6

#: Rings whose doubled area is below this fraction of their squared perimeter
#: are slivers (collinear points, spikes): they would only add zero-area faces.
_DEGENERATE_AREA_RATIO = 1e-12

#: Concave outlines up to this many vertices are ear-clipped in numpy, in
#: lock-step per vertex count; the work grows with the cube of the count,
#: so larger outlines go to earcut.
_CLIP_MAX_VERTICES = 12

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class PrismMesh:
    """All extruded buildings as one triangle mesh, ready for a renderer.

    ``points`` are relative to ``origin`` (add it back for world
    coordinates).  Each triangle knows its input feature (``cell_feature``)
    and whether it is floor, wall or roof (``cell_part``: ``FLOOR``, ``WALL``,
    ``ROOF``), so the scene can colour and pick without another lookup.
    Features that produced no solid (empty, degenerate or without a positive
    height) simply own no triangles; ``n_features`` is still the input count,
    so per-feature arrays stay aligned with the input.
    """

    points: npt.NDArray[np.float32]
    triangles: IntArray
    cell_feature: IntArray
    cell_part: npt.NDArray[np.uint8]
    n_features: int
    origin: tuple[float, float] = (0.0, 0.0)

    @property
    def n_points(self) -> int:
        """Number of vertices."""
        return int(self.points.shape[0])

    @property
    def n_triangles(self) -> int:
        """Number of triangles."""
        return int(self.triangles.shape[0])

    def to_vtk_faces(self) -> IntArray:
        """Return the flat VTK cell array ``[3, i, j, k, 3, ...]``.

        Built with one array assignment so that ``pv.PolyData(points, faces)``
        needs no per-cell loop.
        """
        faces = np.empty((self.n_triangles, 4), dtype=np.int64)
        faces[:, 0] = 3
        faces[:, 1:] = self.triangles
        return faces.reshape(-1)

    def volume(self) -> float:
        """Enclosed volume in m³ (divergence theorem, float64).

        Positive when every face normal points outward, which makes it a
        check of orientation as well as of geometry.
        """
        if self.n_triangles == 0:
            return 0.0
        p = self.points.astype(np.float64)
        a = p[self.triangles[:, 0]]
        b = p[self.triangles[:, 1]]
        c = p[self.triangles[:, 2]]
        return float(np.einsum("ij,ij->", a, np.cross(b, c)) / 6.0)

    def is_closed(self, *, manifold: bool = True) -> bool:
        """True if every edge is matched by the same edge in the opposite direction.

        That is the condition for a watertight, consistently oriented
        surface; it is checked on vertex indices, so the shared ring vertices
        are what make it hold.  With ``manifold`` (the default) each directed
        edge must also occur only once, i.e. every edge is shared by exactly
        two triangles; pass ``manifold=False`` to accept the pinched vertical
        edges of a hole that touches its outline.
        """
        if self.n_triangles == 0:
            return True
        t = self.triangles
        start = t.reshape(-1)
        end = t[:, [1, 2, 0]].reshape(-1)
        n = np.int64(max(self.n_points, 1))
        directed = np.sort(start * n + end)
        if manifold and directed.size > 1 and np.any(directed[1:] == directed[:-1]):
            return False
        reverse = np.sort(end * n + start)
        return bool(np.array_equal(directed, reverse))


def empty_mesh(n_features: int = 0, origin: tuple[float, float] = (0.0, 0.0)) -> PrismMesh:
    """A mesh without triangles, for inputs with nothing to extrude."""
    return PrismMesh(
        points=np.empty((0, 3), dtype=np.float32),
        triangles=np.empty((0, 3), dtype=np.int64),
        cell_feature=np.empty(0, dtype=np.int64),
        cell_part=np.empty(0, dtype=np.uint8),
        n_features=n_features,
        origin=origin,
    )


def _feature_array(values: Any, n: int, name: str) -> FloatArray:
    """Per-feature float64 values, with a clear message when the length is wrong."""
    arr = np.asarray(values, dtype=np.float64)
    if arr.ndim == 0:
        arr = np.full(n, float(arr))
    if arr.shape != (n,):
        raise ValueError(f"{name} must have one value per footprint ({n}), got shape {arr.shape}")
    return arr


def _explode(geoms: npt.NDArray[np.object_]) -> tuple[npt.NDArray[np.object_], IntArray]:
    """Split MultiPolygons into their polygons, keeping each part's feature index.

    ``shapely.get_parts`` copies every geometry, which is slow for plain
    Polygons, so only multi-part features go through it.  Empty polygons are
    let through: they have no coordinates and fall out as degenerate rings.
    """
    type_id = shapely.get_type_id(geoms)
    single = np.flatnonzero(type_id == _POLYGON_TYPE_ID)
    multi = np.flatnonzero(type_id == _MULTIPOLYGON_TYPE_ID)
    if multi.size == 0:
        return geoms[single], single.astype(np.int64)
    parts, where = shapely.get_parts(geoms[multi], return_index=True)
    keep = shapely.get_type_id(parts) == _POLYGON_TYPE_ID
    all_parts = np.concatenate([geoms[single], parts[keep]])
    feature = np.concatenate([single, multi[where[keep]]]).astype(np.int64)
    order = np.argsort(feature, kind="stable")
    return all_parts[order], feature[order]


def _ring_lengths(parts: npt.NDArray[np.object_], x: FloatArray, y: FloatArray) -> tuple[IntArray, IntArray]:
    """Coordinates per ring and rings per polygon, in ``get_coordinates`` order.

    Asking shapely for ring geometries creates a Python object per ring,
    which is the slowest way to learn where rings end.  The coordinates
    already say it: a polygon without holes has one ring holding all its
    coordinates, and in a polygon with holes each ring ends at the first
    repetition of its own first coordinate (rings are closed, and a valid
    ring does not revisit its start).
    """
    n_coords = shapely.get_num_coordinates(parts).astype(np.int64)
    n_holes = shapely.get_num_interior_rings(parts).astype(np.int64)
    rings_per_part = n_holes + 1
    ring_start = _segment_starts(rings_per_part)[:-1]
    ring_len = np.empty(int(rings_per_part.sum()), dtype=np.int64)
    simple = n_holes == 0
    ring_len[ring_start[simple]] = n_coords[simple]
    holed = np.flatnonzero(~simple)
    if holed.size == 0:
        return ring_len, rings_per_part
    coord_off = _segment_starts(n_coords)
    seg_len = n_coords[holed]
    local_off = _segment_starts(seg_len)
    owner = np.repeat(np.arange(holed.size, dtype=np.int64), seg_len)
    v = coord_off[holed][owner] + np.arange(owner.size, dtype=np.int64) - local_off[owner]
    xv = x[v]
    yv = y[v]
    begin = coord_off[holed].copy()
    end = coord_off[holed + 1]
    holes_left = n_holes[holed]
    beyond = np.iinfo(np.int64).max
    for r in range(int(holes_left.max())):
        active = holes_left > r
        sv = begin[owner]
        closes = (xv == x[sv]) & (yv == y[sv]) & (v > sv) & active[owner]
        first = np.minimum.reduceat(np.where(closes, v, beyond), local_off[:-1])
        first = np.minimum(first, end - 1)
        ring_len[ring_start[holed[active]] + r] = (first - begin + 1)[active]
        begin = np.where(active, first + 1, begin)
    ring_len[ring_start[holed] + n_holes[holed]] = end - begin
    return ring_len, rings_per_part


def _segment_starts(lengths: IntArray) -> IntArray:
    """Offsets ``[0, l0, l0+l1, ...]`` of consecutive segments of the given lengths."""
    off = np.zeros(lengths.size + 1, dtype=np.int64)
    np.cumsum(lengths, out=off[1:])
    return off


def _segment_sums(values: npt.NDArray[Any], off: IntArray) -> IntArray:
    """Per-segment count of true values (or sum of ints) via one cumulative sum.

    Cheaper than ``bincount`` with an id array, and correct for empty segments,
    unlike ``np.add.reduceat``.
    """
    cs = np.zeros(values.size + 1, dtype=np.int64)
    np.cumsum(values, out=cs[1:])
    return cs[off[1:]] - cs[off[:-1]]


def _fan(starts: IntArray, counts: IntArray) -> tuple[IntArray, IntArray]:
    """Fan triangles ``(s, s+i, s+i+1)`` of convex rings; return them and their ring.

    A convex ring needs no search for ears: every diagonal from its first
    vertex lies inside it, so the triangulation is pure index arithmetic.
    """
    n_tri = counts - 2
    owner = np.repeat(np.arange(starts.size, dtype=np.int64), n_tri)
    first = starts[owner]
    step = np.arange(owner.size, dtype=np.int64) - np.repeat(_segment_starts(n_tri)[:-1], n_tri) + 1
    tri = np.empty((owner.size, 3), dtype=np.int64)
    tri[:, 0] = first
    tri[:, 1] = first + step
    tri[:, 2] = first + step + 1
    return tri, owner


def _turns(ax: FloatArray, ay: FloatArray, bx: FloatArray, by: FloatArray) -> FloatArray:
    """z of the cross product of edge vectors a and b (positive: left turn)."""
    return ax * by - ay * bx


def _clip_ears_same_size(
    x: FloatArray, y: FloatArray, starts: IntArray, n: int
) -> tuple[IntArray, IntArray, IntArray]:
    """Triangulate many counter-clockwise simple rings of ``n`` vertices in lock-step.

    Calling a triangulator once per polygon costs microseconds of call
    overhead each, which dominates for the small concave outlines (L, T, U
    shapes) that make up a large share of buildings.  Here all rings of the
    group advance together in numpy:

    * a ring that is star-shaped from its first reflex vertex (every fan
      triangle from it turns left; true of any L shape and of convex rings)
      is finished with that fan: the fan triangles sweep the interior angle
      once without overlap, so they tile the ring exactly;
    * the others lose one ear per iteration, preferring an ear just before a
      reflex vertex, which tends to make that vertex convex.  An ear is a
      convex vertex whose triangle holds no reflex or straight vertex.

    Rings where no ear is found (only possible for invalid input) are
    returned for the general triangulator.  Returns triangles (global vertex
    indices), the group row of each triangle, and the rows that failed.
    """
    # Layout (vertex, ring): the ring axis is last and long, so every numpy
    # operation runs over contiguous rows of thousands of rings.
    m = starts.size
    idx = starts[None, :] + np.arange(n, dtype=np.int64)[:, None]
    rx = x[idx]
    ry = y[idx]
    rx -= rx[:1]
    ry -= ry[:1]
    row = np.arange(m, dtype=np.int64)
    tris: list[IntArray] = []
    owners: list[IntArray] = []
    failed: list[IntArray] = []
    cur = n
    while row.size:
        cols = np.arange(cur)
        px = np.roll(rx, 1, axis=0)
        py = np.roll(ry, 1, axis=0)
        nx = np.roll(rx, -1, axis=0)
        ny = np.roll(ry, -1, axis=0)
        turn = _turns(rx - px, ry - py, nx - rx, ny - ry)
        reflex = (turn < 0) | ((turn == 0) & ((rx - px) * (nx - rx) + (ry - py) * (ny - ry) <= 0))

        # Star test: fan from the first reflex vertex (vertex 0 if convex).
        apex = np.argmax(reflex, axis=0)
        rolled = (apex[None, :] + cols[:, None]) % cur
        sx = np.take_along_axis(rx, rolled, axis=0)
        sy = np.take_along_axis(ry, rolled, axis=0)
        sx -= sx[:1]
        sy -= sy[:1]
        fan_turn = _turns(sx[1:-1], sy[1:-1], sx[2:], sy[2:])
        done = (fan_turn > 0).all(axis=0) if cur > 3 else np.ones(row.size, dtype=bool)
        if done.any():
            rows_done = np.flatnonzero(done)
            star_idx = np.take_along_axis(idx[:, rows_done], rolled[:, rows_done], axis=0)
            step = np.arange(1, cur - 1)
            fan = np.empty((cur - 2, rows_done.size, 3), dtype=np.int64)
            fan[:, :, 0] = star_idx[0][None, :]
            fan[:, :, 1] = star_idx[step]
            fan[:, :, 2] = star_idx[step + 1]
            tris.append(fan.reshape(-1, 3))
            owners.append(np.tile(row[rows_done], cur - 2))
            keep = ~done
            if not keep.any():
                break
            row, idx, rx, ry = row[keep], idx[:, keep], rx[:, keep], ry[:, keep]
            px, py, nx, ny = px[:, keep], py[:, keep], nx[:, keep], ny[:, keep]
            turn, reflex = turn[:, keep], reflex[:, keep]

        # Ear search against the reflex and straight vertices only, packed
        # into ``n_block`` slots per ring.
        m_cur = row.size
        blocker = turn <= 0
        n_block = int(blocker.sum(axis=0).max())
        b_col, b_row = np.nonzero(blocker)
        rank = np.cumsum(blocker, axis=0)[b_col, b_row] - 1
        bpos = np.zeros((n_block, m_cur), dtype=np.int64)
        bvalid = np.zeros((n_block, m_cur), dtype=bool)
        bpos[rank, b_row] = b_col
        bvalid[rank, b_row] = True
        bx = np.take_along_axis(rx, bpos, axis=0)[:, None, :]
        by = np.take_along_axis(ry, bpos, axis=0)[:, None, :]
        gap = (bpos[:, None, :] - cols[None, :, None]) % cur
        live = bvalid[:, None, :] & (gap != 0) & (gap != 1) & (gap != cur - 1)
        inside = (
            live
            & (_turns(rx - px, ry - py, bx - px, by - py) >= 0)
            & (_turns(nx - rx, ny - ry, bx - rx, by - ry) >= 0)
            & (_turns(px - nx, py - ny, bx - nx, by - ny) >= 0)
        )
        ear = (turn > 0) & ~inside.any(axis=0)
        has = ear.any(axis=0)
        if not has.all():
            failed.append(row[~has])
            row, idx, rx, ry = row[has], idx[:, has], rx[:, has], ry[:, has]
            ear, reflex = ear[:, has], reflex[:, has]
            m_cur = row.size
            if m_cur == 0:
                break
        score = ear.astype(np.int8) + (ear & np.roll(reflex, -1, axis=0))
        pick = np.argmax(score, axis=0)
        r = np.arange(m_cur)
        tri = np.stack([idx[(pick - 1) % cur, r], idx[pick, r], idx[(pick + 1) % cur, r]], axis=1)
        tris.append(tri)
        owners.append(row)
        # Drop the clipped vertex: shift the rows below it up by one.
        below = cols[:, None] >= pick[None, :]
        take = np.where(below, cols[:, None] + 1, cols[:, None])[: cur - 1]
        cur -= 1
        idx = np.take_along_axis(idx, take, axis=0)
        rx = np.take_along_axis(rx, take, axis=0)
        ry = np.take_along_axis(ry, take, axis=0)
    tri_all = np.concatenate(tris) if tris else np.empty((0, 3), dtype=np.int64)
    owner_all = np.concatenate(owners) if owners else np.empty(0, dtype=np.int64)
    failed_all = np.concatenate(failed) if failed else np.empty(0, dtype=np.int64)
    if failed_all.size:
        ok = ~np.isin(owner_all, failed_all)
        tri_all, owner_all = tri_all[ok], owner_all[ok]
    return tri_all, owner_all, failed_all


def _weld_touching_rings(
    x: FloatArray, y: FloatArray, parts: IntArray, part_vstart: IntArray, part_nvert: IntArray
) -> IntArray | None:
    """Map vertices that repeat a coordinate within a polygon to one index, or None.

    A valid polygon may have a hole touching its outline (or another hole)
    at a point.  Earcut may then use either copy of that point in a roof
    triangle, which would leave the roof and the walls meeting on different
    vertex indices: a crack in the mesh.  Giving the copies one index keeps
    the surface closed; the shared vertical edge is then used by two wall
    pairs, as the geometry demands.  Only polygons with holes can touch
    themselves this way (single rings are simple after dropping repeats).
    """
    if parts.size == 0:
        return None
    counts = part_nvert[parts]
    owner = np.repeat(parts, counts)
    vid = (
        part_vstart[owner]
        + np.arange(owner.size, dtype=np.int64)
        - np.repeat(_segment_starts(counts)[:-1], counts)
    )
    vx = x[vid]
    vy = y[vid]
    order = np.lexsort((vy, vx, owner))
    so, sx, sy, sv = owner[order], vx[order], vy[order], vid[order]
    same = (so[1:] == so[:-1]) & (sx[1:] == sx[:-1]) & (sy[1:] == sy[:-1])
    if not same.any():
        return None
    new_run = np.concatenate([[True], ~same])
    run_first = sv[np.flatnonzero(new_run)]
    canon = np.arange(x.size, dtype=np.int64)
    canon[sv] = run_first[np.cumsum(new_run) - 1]
    return canon


def _earcut_parts(
    xy: FloatArray,
    part_vstart: IntArray,
    part_vend: IntArray,
    part_rstart: IntArray,
    part_rend: IntArray,
    ring_end_rel: npt.NDArray[np.uint32],
) -> tuple[IntArray, IntArray]:
    """Triangulate polygons with earcut, one call each; return triangles and their part.

    Earcut handles holes and any concave outline.  The loop body is a single
    call on array views, so the per-polygon cost is the triangulation itself.
    """
    triangulate = mapbox_earcut.triangulate_float64
    results = [
        triangulate(xy[v0:v1], ring_end_rel[r0:r1])
        for v0, v1, r0, r1 in zip(
            part_vstart.tolist(), part_vend.tolist(), part_rstart.tolist(), part_rend.tolist(), strict=True
        )
    ]
    if not results:
        return np.empty((0, 3), dtype=np.int64), np.empty(0, dtype=np.int64)
    counts = np.fromiter((r.size // 3 for r in results), dtype=np.int64, count=len(results))
    tri = np.concatenate(results).astype(np.int64).reshape(-1, 3)
    owner = np.repeat(np.arange(len(results), dtype=np.int64), counts)
    tri += part_vstart[owner][:, None]
    return tri, owner


def extrude_footprints(
    polygons: Sequence[Any] | npt.NDArray[np.object_],
    heights: Sequence[float] | npt.ArrayLike,
    *,
    origin: tuple[float, float] = (0.0, 0.0),
    base: Sequence[float] | npt.ArrayLike | None = None,
) -> PrismMesh:
    """Extrude N footprints into one closed triangle mesh.

    ``polygons`` holds shapely Polygons or MultiPolygons (every part of a
    MultiPolygon becomes a solid with the same feature index).  ``heights``
    gives one height in metres per feature, ``base`` the z of its floor
    (default 0).  ``origin`` is subtracted from x and y in float64 before the
    points become float32.

    Features that are missing, empty, not polygonal, of zero area or
    without a finite positive height produce no triangles; the others keep
    their input index in ``cell_feature``.  Rings are re-oriented (outer
    counter-clockwise, holes clockwise), closing and repeated vertices are
    dropped, and sliver holes are ignored, so that all normals point
    outward whatever the input's winding.  Input polygons are assumed to be
    valid (no self-intersections), as after ``shapely.make_valid``.
    """
    geoms = np.asarray(polygons, dtype=object).reshape(-1)
    n = int(geoms.size)
    ox, oy = float(origin[0]), float(origin[1])
    h_all = _feature_array(heights, n, "heights")
    b_all = np.zeros(n) if base is None else _feature_array(base, n, "base")
    if n == 0:
        return empty_mesh(0, (ox, oy))
    usable = np.isfinite(h_all) & (h_all > 0) & np.isfinite(b_all)
    if not usable.all():
        geoms = geoms.copy()
        geoms[~usable] = None
    parts, part_feature = _explode(geoms)
    if parts.size == 0:
        return empty_mesh(n, (ox, oy))

    # --- Flat coordinates with ring structure ------------------------------
    coords = shapely.get_coordinates(parts)
    x = coords[:, 0] - ox
    y = coords[:, 1] - oy
    del coords
    if x.size == 0:
        return empty_mesh(n, (ox, oy))
    ring_len, rings_per_part = _ring_lengths(parts, x, y)
    n_rings = ring_len.size
    ring_off = _segment_starts(ring_len)
    ring_of = np.repeat(np.arange(n_rings, dtype=np.int64), ring_len)

    # Consecutive pairs (i, i+1); the pair leaving a ring's last (closing)
    # vertex would jump into the next ring, so it is masked out.  Shapely
    # rings are closed, so these pairs cover every edge exactly once.
    dx = x[1:] - x[:-1]
    dy = y[1:] - y[:-1]
    inner = np.ones(dx.size, dtype=bool)
    last = ring_off[1:][ring_len > 0] - 1
    inner[last[last < dx.size]] = False
    # A vertex equal to its successor adds nothing: this drops the closing
    # vertex and zero-length edges together.
    distinct = np.zeros(x.size, dtype=bool)
    distinct[:-1] = ((dx != 0) | (dy != 0)) & inner

    # Trapezoid form of the shoelace sum, against a common reference height:
    # it stays exact enough without an origin, with coordinates in millions.
    yref = float(y[0])
    term = np.where(inner, -dx * (y[:-1] + y[1:] - 2.0 * yref), 0.0)
    area2 = np.bincount(ring_of[:-1], weights=term, minlength=n_rings)
    seg = np.where(inner, np.hypot(dx, dy), 0.0)
    perimeter = np.bincount(ring_of[:-1], weights=seg, minlength=n_rings)
    del dx, dy, term, seg, inner
    n_distinct = _segment_sums(distinct, ring_off)

    # --- Ring orientation and degeneracy ------------------------------------
    ring_ok = (n_distinct >= 3) & (np.abs(area2) > _DEGENERATE_AREA_RATIO * perimeter**2)
    part_first_ring = _segment_starts(rings_per_part)[:-1]
    is_outer = np.zeros(n_rings, dtype=bool)
    is_outer[part_first_ring] = True
    part_ok = ring_ok[part_first_ring]
    ring_part = np.repeat(np.arange(parts.size, dtype=np.int64), rings_per_part)
    ring_keep = ring_ok & part_ok[ring_part]
    flip = np.where(is_outer, area2 < 0, area2 > 0)[ring_keep]

    # --- Compact to kept rings, reversing the wrongly wound ones -----------
    source = np.flatnonzero(distinct & ring_keep[ring_of])
    n_vert = source.size
    if n_vert == 0:
        return empty_mesh(n, (ox, oy))
    kept_len = n_distinct[ring_keep]
    kept_off = _segment_starts(kept_len)
    if flip.any():
        flip_v = np.repeat(flip, kept_len)
        mirror = np.repeat(kept_off[:-1] + kept_off[1:] - 1, kept_len)
        pos = np.arange(n_vert, dtype=np.int64)
        source = source[np.where(flip_v, mirror - pos, pos)]
    x = x[source]
    y = y[source]
    del source, ring_of

    part_keep = np.flatnonzero(part_ok)
    feature = part_feature[part_keep]
    rings_in_part = (
        rings_per_part[part_keep] - _segment_sums(~ring_keep, _segment_starts(rings_per_part))[part_keep]
    )
    part_ring_off = _segment_starts(rings_in_part)
    part_vstart = kept_off[part_ring_off[:-1]]
    part_vend = kept_off[part_ring_off[1:]]
    part_nvert = part_vend - part_vstart
    ring_start = kept_off[:-1]
    ring_last = kept_off[1:] - 1

    # --- Roofs: fan for convex outlines, ear clipping, earcut for the rest --
    ex = np.empty(n_vert)
    ey = np.empty(n_vert)
    ex[:-1] = x[1:] - x[:-1]
    ey[:-1] = y[1:] - y[:-1]
    ex[ring_last] = x[ring_start] - x[ring_last]
    ey[ring_last] = y[ring_start] - y[ring_last]
    px = np.empty(n_vert)
    py = np.empty(n_vert)
    px[1:] = ex[:-1]
    py[1:] = ey[:-1]
    px[ring_start] = ex[ring_last]
    py[ring_start] = ey[ring_last]
    turn = _turns(px, py, ex, ey)
    reflex = (turn < 0) | ((turn == 0) & (px * ex + py * ey <= 0))
    del ex, ey, px, py, turn
    part_reflex = _segment_sums(reflex, _segment_starts(part_nvert))
    single_ring = rings_in_part == 1
    fan_part = single_ring & (part_reflex == 0)
    clip_part = single_ring & (part_reflex > 0) & (part_nvert <= _CLIP_MAX_VERTICES)

    fan_parts = np.flatnonzero(fan_part)
    fan_tri, fan_owner = _fan(part_vstart[fan_parts], part_nvert[fan_parts])
    roofs = [fan_tri]
    roof_parts = [fan_parts[fan_owner]]
    cut = ~fan_part & ~clip_part
    clip_parts = np.flatnonzero(clip_part)
    for size in np.unique(part_nvert[clip_parts]).tolist():
        group = clip_parts[part_nvert[clip_parts] == size]
        tri, row, failed = _clip_ears_same_size(x, y, part_vstart[group], int(size))
        roofs.append(tri)
        roof_parts.append(group[row])
        cut[group[failed]] = True
    cut_parts = np.flatnonzero(cut)
    canon = _weld_touching_rings(x, y, cut_parts[rings_in_part[cut_parts] > 1], part_vstart, part_nvert)
    if cut_parts.size:
        ring_end_rel = (kept_off[1:] - np.repeat(part_vstart, rings_in_part)).astype(np.uint32)
        xy = np.empty((n_vert, 2))
        xy[:, 0] = x
        xy[:, 1] = y
        tri, row = _earcut_parts(
            xy,
            part_vstart[cut_parts],
            part_vend[cut_parts],
            part_ring_off[:-1][cut_parts],
            part_ring_off[1:][cut_parts],
            ring_end_rel,
        )
        roofs.append(tri if canon is None else canon[tri])
        roof_parts.append(cut_parts[row])
    roof = np.concatenate(roofs)
    roof_part = np.concatenate(roof_parts)

    # --- Points: bottom ring vertices, then top ring vertices ---------------
    points = np.empty((2 * n_vert, 3), dtype=np.float32)
    points[:n_vert, 0] = x
    points[:n_vert, 1] = y
    points[n_vert:, :2] = points[:n_vert, :2]
    z0 = b_all[feature]
    points[:n_vert, 2] = np.repeat(z0, part_nvert)
    points[n_vert:, 2] = np.repeat(z0 + h_all[feature], part_nvert)

    # --- Triangles: floor (reversed roof), walls, roof ----------------------
    # Wall quad over edge k -> next(k); for a counter-clockwise outer ring
    # (and a clockwise hole) its normal points away from the solid.
    k = np.arange(n_vert, dtype=np.int64)
    k_next = k + 1
    k_next[ring_last] = ring_start
    if canon is not None:
        k, k_next = canon, canon[k_next]
    n_roof = roof.shape[0]
    n_wall = 2 * n_vert
    triangles = np.empty((2 * n_roof + n_wall, 3), dtype=np.int64)
    triangles[:n_roof] = roof[:, ::-1]
    walls = triangles[n_roof : n_roof + n_wall].reshape(n_vert, 2, 3)
    walls[:, 0, 0] = k
    walls[:, 0, 1] = k_next
    walls[:, 0, 2] = k_next + n_vert
    walls[:, 1, 0] = k
    walls[:, 1, 1] = k_next + n_vert
    walls[:, 1, 2] = k + n_vert
    triangles[n_roof + n_wall :] = roof + n_vert

    cell_feature = np.empty(triangles.shape[0], dtype=np.int64)
    cell_feature[:n_roof] = feature[roof_part]
    cell_feature[n_roof : n_roof + n_wall] = np.repeat(feature, 2 * part_nvert)
    cell_feature[n_roof + n_wall :] = cell_feature[:n_roof]
    cell_part = np.full(triangles.shape[0], WALL, dtype=np.uint8)
    cell_part[:n_roof] = FLOOR
    cell_part[n_roof + n_wall :] = ROOF
    return PrismMesh(
        points=points,
        triangles=triangles,
        cell_feature=cell_feature,
        cell_part=cell_part,
        n_features=n,
        origin=(ox, oy),
    )
