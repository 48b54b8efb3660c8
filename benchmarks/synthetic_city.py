"""Synthetic building footprints for benchmarks and tests.

Real footprint files are large, licensed and slow to read; a benchmark needs
a reproducible mix with the same traits that make extrusion hard: concave
outlines (L and U shapes), courtyards (holes), rotated outlines, both ring
orientations, and projected coordinates in the millions of metres (the
EPSG:3879 range), where float32 would lose the metres.  Everything is
generated with numpy and turned into geometries by shapely's vectorized
constructors, so one million footprints take seconds, not minutes.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import shapely

#: South-west corner of the synthetic city, in EPSG:3879-like metres.
CITY_ORIGIN: tuple[float, float] = (25_496_000.0, 6_672_000.0)

#: Side of a grid cell: the longest footprint (60 m) rotated by 45° still fits.
CELL_SIZE = 90.0

_RECT = 0
_ROTATED = 1
_L_SHAPE = 2
_U_SHAPE = 3
_COURTYARD = 4


def _rect_template(m: int) -> npt.NDArray[np.float64]:
    """Unit square centred on 0, counter-clockwise, repeated ``m`` times."""
    base = np.array([[-0.5, -0.5], [0.5, -0.5], [0.5, 0.5], [-0.5, 0.5]])
    return np.broadcast_to(base, (m, 4, 2)).copy()


def _l_template(rng: np.random.Generator, m: int) -> npt.NDArray[np.float64]:
    """L outline in the unit square: one reflex corner, arm thickness varies."""
    t = rng.uniform(0.35, 0.6, m) - 0.5
    lo = np.full(m, -0.5)
    hi = np.full(m, 0.5)
    xs = np.stack([lo, hi, hi, t, t, lo], axis=1)
    ys = np.stack([lo, lo, t, t, hi, hi], axis=1)
    return np.stack([xs, ys], axis=2)


def _u_template(rng: np.random.Generator, m: int) -> npt.NDArray[np.float64]:
    """U outline in the unit square: two reflex corners around a forecourt."""
    a = rng.uniform(0.25, 0.4, m)
    b = rng.uniform(0.3, 0.5, m) - 0.5
    lo = np.full(m, -0.5)
    hi = np.full(m, 0.5)
    xs = np.stack([lo, hi, hi, 0.5 - a, 0.5 - a, a - 0.5, a - 0.5, lo], axis=1)
    ys = np.stack([lo, lo, hi, hi, b, b, hi, hi], axis=1)
    return np.stack([xs, ys], axis=2)


def _place(
    unit: npt.NDArray[np.float64],
    size: npt.NDArray[np.float64],
    angle: npt.NDArray[np.float64],
    centre: npt.NDArray[np.float64],
    flip: npt.NDArray[np.bool_],
) -> npt.NDArray[np.float64]:
    """Scale, rotate and move unit outlines; reverse the rings marked ``flip``.

    Real data comes in both orientations, so half the rings are clockwise.
    """
    pts = unit * size[:, None, :]
    c = np.cos(angle)[:, None]
    s = np.sin(angle)[:, None]
    x = pts[..., 0] * c - pts[..., 1] * s + centre[:, None, 0]
    y = pts[..., 0] * s + pts[..., 1] * c + centre[:, None, 1]
    out = np.stack([x, y], axis=2)
    out[flip] = out[flip, ::-1]
    return out


def make_footprints(
    n: int,
    seed: int = 0,
    *,
    concave_share: float = 0.25,
    courtyard_share: float = 0.1,
) -> tuple[npt.NDArray[np.object_], npt.NDArray[np.float64]]:
    """Return ``n`` valid footprint polygons on a grid and their heights.

    The mix: ``concave_share`` L and U shapes (half each), ``courtyard_share``
    rectangular blocks with a rectangular courtyard hole, and the rest plain
    rectangles, half of them axis-aligned and half rotated.  Sides are 8–60 m
    (blocks with a courtyard at least 20 m), heights 3–60 m skewed towards
    low-rise, as in a real city.
    """
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    if not 0.0 <= concave_share + courtyard_share <= 1.0:
        raise ValueError("concave_share + courtyard_share must lie between 0 and 1")
    rng = np.random.default_rng(seed)
    u = rng.random(n)
    convex_share = 1.0 - concave_share - courtyard_share
    kind = np.full(n, _RECT, dtype=np.int8)
    kind[u >= convex_share / 2] = _ROTATED
    kind[u >= convex_share] = _L_SHAPE
    kind[u >= convex_share + concave_share / 2] = _U_SHAPE
    kind[u >= convex_share + concave_share] = _COURTYARD

    cols = max(1, int(np.ceil(np.sqrt(n))))
    ids = np.arange(n)
    centre = np.empty((n, 2))
    centre[:, 0] = CITY_ORIGIN[0] + (ids % cols + 0.5) * CELL_SIZE
    centre[:, 1] = CITY_ORIGIN[1] + (ids // cols + 0.5) * CELL_SIZE
    size = rng.uniform(8.0, 60.0, (n, 2))
    size[kind == _COURTYARD] = rng.uniform(20.0, 60.0, (int(np.sum(kind == _COURTYARD)), 2))
    angle = np.where(kind == _RECT, 0.0, rng.uniform(0.0, np.pi, n))
    flip = rng.random(n) < 0.5
    heights = 3.0 + 57.0 * rng.beta(1.5, 5.0, n)

    ring_coords: list[npt.NDArray[np.float64]] = []
    ring_sizes: list[npt.NDArray[np.int64]] = []
    ring_owner: list[npt.NDArray[np.int64]] = []
    ring_is_hole: list[npt.NDArray[np.bool_]] = []
    for k in (_RECT, _ROTATED, _L_SHAPE, _U_SHAPE, _COURTYARD):
        sel = np.flatnonzero(kind == k)
        m = sel.size
        if m == 0:
            continue
        if k == _L_SHAPE:
            unit = _l_template(rng, m)
        elif k == _U_SHAPE:
            unit = _u_template(rng, m)
        else:
            unit = _rect_template(m)
        shells = _place(unit, size[sel], angle[sel], centre[sel], flip[sel])
        ring_coords.append(shells.reshape(-1, 2))
        ring_sizes.append(np.full(m, unit.shape[1]))
        ring_owner.append(sel)
        ring_is_hole.append(np.zeros(m, dtype=bool))
        if k == _COURTYARD:
            inset = rng.uniform(0.2, 0.35, m)
            hole = _rect_template(m) * (1.0 - 2.0 * inset)[:, None, None]
            holes = _place(hole, size[sel], angle[sel], centre[sel], rng.random(m) < 0.5)
            ring_coords.append(holes.reshape(-1, 2))
            ring_sizes.append(np.full(m, 4))
            ring_owner.append(sel)
            ring_is_hole.append(np.ones(m, dtype=bool))

    if n == 0:
        return np.empty(0, dtype=object), heights
    coords = np.concatenate(ring_coords)
    sizes = np.concatenate(ring_sizes)
    rings = shapely.linearrings(coords, indices=np.repeat(np.arange(sizes.size), sizes))
    owner = np.concatenate(ring_owner)
    is_hole = np.concatenate(ring_is_hole)
    # shapely.polygons takes the first ring of each index as the shell.
    order = np.lexsort((is_hole, owner))
    polygons = shapely.polygons(rings[order], indices=owner[order])
    return np.asarray(polygons, dtype=object), heights
