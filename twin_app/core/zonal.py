"""Zonal statistics of a raster over polygons, built for re-scoring.

Analyses ask the same question many times: "what is the mean (max, p90...) of
this raster in each district / building / grid cell?".  The expensive part is
finding which pixels belong to which polygon; the cheap part is reading the
values.  So the work is split in two:

* :class:`ZoneIndex` is built **once** from polygons and a raster grid (shape
  and affine transform).  It stores, per zone, the runs of consecutive pixels
  it owns (with weight 1) and, for the ``"fraction"`` rule, the boundary pixels
  with their exact covered fraction.  It is independent of the raster values,
  so it can be cached (:func:`cached_index`) and reused for any raster on the
  same grid, or the same raster after a parameter change.
* :meth:`ZoneIndex.stats` scores a raster in one pass: ``np.add.reduceat`` /
  ``np.fmin.reduceat`` / ``np.fmax.reduceat`` over the runs, then
  ``np.bincount`` per zone.  Percentiles need the values per zone in order and
  are done with one integer sort (they cost more; ask for them only when
  needed).

Pixel rules (``rule``):

``"centre"``
    A pixel belongs to a polygon when its centre is inside, exactly GDAL's
    rasterisation with ``all_touched=False`` (rasterio is used for it), which
    is also the default of ``rasterstats``; results agree with it.
``"fraction"``
    Every pixel the polygon touches is weighted by the fraction of its area
    inside the polygon, computed exactly (as ``exactextract`` does): the
    polygon's edges are cut at every grid line and each piece's signed area is
    accumulated along its row, so interior pixels get weight 1 without any
    polygon-pixel intersection and boundary pixels get their exact share.
    ``count`` is then the sum of weights, ``sum``/``mean`` are weighted, and
    ``min``/``max`` are over pixels with a positive weight.

Statistics: ``count`` (pixels with data, or Σ weights), ``sum``, ``mean``,
``min``, ``max`` and percentiles ``pNN`` (e.g. ``p90``).  An unweighted
percentile is numpy's default linear interpolation (Hyndman–Fan type 7,
``np.percentile(values, 90)``), the same as rasterstats' ``percentile_90``;
a weighted one (``"fraction"`` rule or ``weights``) uses the weighted
generalisation of type 7 that exactextract's ``quantile`` uses, over the
zone's *distinct* values each with its summed weight (as exactextract does; with
all weights 1 and no repeated values it is type 7 again).  NaN pixels are no data and are ignored.

Overlapping zones (e.g. districts and a city outline, or 250 m cells and
districts in one index) are handled: zones whose interiors overlap are split
into non-overlapping groups, each rasterised separately, so every zone sees all
its pixels.  Zones that only touch (districts sharing a border) need one group.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import shapely

from twin_app.core.errors import RasterGridError
from twin_app.core.i18n import _

if TYPE_CHECKING:
    from numpy.typing import NDArray

Rule = Literal["centre", "fraction"]
RULES: tuple[str, ...] = ("centre", "fraction")
Transform = tuple[float, float, float, float, float, float]
DEFAULT_STATS: tuple[str, ...] = ("count", "sum", "mean", "min", "max")
ALL_STATS: tuple[str, ...] = (*DEFAULT_STATS, "p90")

#: boundary pixels covered by less than this (in pixel areas) are treated as not touched:
#: a polygon edge lying exactly on a grid line must not pull in the neighbouring pixel.
_MIN_FRACTION = 1e-9
#: pixels per chunk when expanding runs for percentiles (bounds peak memory).
_CHUNK_PIXELS = 1 << 24


@dataclass
class _Layer:
    """Non-overlapping segments of pixels, in flat order, for ``ufunc.reduceat``.

    Dense form (``pix`` is None): the segments tile the whole raster;
    ``starts`` are strictly increasing flat indices beginning at 0 and
    ``zones`` is -1 for gaps.  Sparse form, used when the zones cover little of
    the raster (buildings): ``pix`` lists the owned pixels' flat indices and
    ``starts`` index into it, so scoring gathers those pixels instead of
    sweeping the whole raster.
    """

    starts: NDArray[np.int64]
    zones: NDArray[np.int64]
    size: int
    pix: NDArray[np.int64] | NDArray[np.int32] | None = None
    #: own (zone ≥ 0) segments ordered by zone, and where each zone's group begins
    by_zone: NDArray[np.int64] = field(init=False, repr=False)
    group_starts: NDArray[np.int64] = field(init=False, repr=False)
    group_zones: NDArray[np.int64] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        lengths = self.lengths()
        own = self.zones >= 0
        covered = int(lengths[own].sum())
        if self.pix is None and covered < self.size // 2:
            # sparse: keep only owned pixels; each owned segment stays contiguous
            pix = _expand(self.starts[own], lengths[own])
            self.pix = pix.astype(np.int32) if self.size < 2**31 else pix
            self.zones = self.zones[own]
            self.starts = (np.cumsum(lengths[own]) - lengths[own]).astype(np.int64)
            self.size = covered
        self.by_zone, self.group_starts, self.group_zones = _grouping(self.zones)

    def lengths(self) -> NDArray[np.int64]:
        return np.diff(np.append(self.starts, self.size))

    def source(self, flat: NDArray[Any]) -> NDArray[Any]:
        """The array the segments index: the raster itself, or its owned pixels."""
        return flat if self.pix is None else flat[self.pix]

    def runs(self) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
        """Owned segments as (flat start, length, zone); each is contiguous in the raster."""
        lengths = self.lengths()
        own = self.zones >= 0
        starts = self.starts[own]
        flat_starts = starts if self.pix is None else self.pix[starts].astype(np.int64)
        return flat_starts, lengths[own], self.zones[own]


def _grouping(zones: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """Order of the entries with zone ≥ 0 by zone, group starts in that order, and group zones.

    Lets min/max per zone be a ``reduceat`` over sorted entries instead of a
    much slower ``ufunc.at`` scatter.
    """
    own = np.flatnonzero(zones >= 0)
    order = own[np.argsort(zones[own], kind="stable")]
    z = zones[order]
    starts = np.flatnonzero(np.concatenate([[True], z[1:] != z[:-1]])) if len(z) else np.zeros(0, np.int64)
    return order.astype(np.int64), starts.astype(np.int64), z[starts].astype(np.int64)


def _scatter_reduce(
    ufunc: np.ufunc,
    out: NDArray[np.float64],
    values: NDArray[Any],
    grouping: tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]],
) -> None:
    """``out[zone] = ufunc(out[zone], ufunc.reduce(values of the zone))`` for every zone."""
    order, starts, zones = grouping
    if len(order) == 0:
        return
    reduced = ufunc.reduceat(values[order], starts)
    out[zones] = ufunc(out[zones], reduced)


@dataclass
class ZoneIndex:
    """Which pixels (and how much of each) belong to which zone, for one grid.

    Build with :meth:`build`; score rasters with :meth:`stats`.  Holds no
    raster values, so one index serves every raster on the same grid.
    """

    n_zones: int
    shape: tuple[int, int]
    transform: Transform
    rule: str
    layers: list[_Layer] = field(default_factory=list, repr=False)
    #: individually weighted pixels (fraction-rule boundary pixels; overlap leftovers)
    cell_flat: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, np.int64), repr=False)
    cell_zone: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, np.int64), repr=False)
    cell_weight: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0, np.float64), repr=False)
    #: how many non-overlapping groups the zones were split into
    groups: int = 1
    _cell_grouping: tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]] | None = field(
        default=None, repr=False
    )

    # ------------------------------------------------------------------ build
    @classmethod
    def build(
        cls,
        geometries: Iterable[Any],
        shape: tuple[int, int],
        transform: Sequence[float],
        rule: str = "centre",
    ) -> ZoneIndex:
        """Index ``geometries`` (zone i = i-th geometry) on a ``shape`` grid with ``transform``.

        ``transform`` is the affine 6-tuple (a, b, c, d, e, f) of rasterio /
        :class:`RasterLayer`; rotated grids (b, d ≠ 0) are refused.  Empty,
        missing or non-polygonal geometries become zones with no pixels.
        """
        if rule not in RULES:
            raise ValueError(f"unknown pixel rule '{rule}'; use one of: {', '.join(RULES)}")
        tr = _check_transform(transform)
        rows, cols = int(shape[0]), int(shape[1])
        geoms = _polygons(geometries)
        groups = _overlap_groups(geoms)
        n_groups = int(groups.max()) + 1 if len(groups) else 1
        index = cls(n_zones=len(geoms), shape=(rows, cols), transform=tr, rule=rule, groups=n_groups)
        if rule == "centre":
            index._build_centre(geoms, groups)
        else:
            index._build_fraction(geoms, groups)
        return index

    def _build_centre(self, geoms: NDArray[np.object_], groups: NDArray[np.int64]) -> None:
        from affine import Affine
        from rasterio.features import rasterize

        n_pixels = self.shape[0] * self.shape[1]
        dtype = np.int32 if len(geoms) < 2**31 - 2 else np.int64
        for g in range(self.groups):
            members = np.flatnonzero((groups == g) & ~shapely.is_empty(geoms))
            if len(members) == 0:
                continue
            burned = rasterize(
                ((geoms[i], int(i) + 1) for i in members),
                out_shape=self.shape,
                transform=Affine(*self.transform),
                fill=0,
                all_touched=False,
                dtype=dtype,
            ).ravel()
            change = np.flatnonzero(burned[1:] != burned[:-1]) + 1
            starts = np.concatenate([[0], change]).astype(np.int64)
            zones = burned[starts].astype(np.int64) - 1
            del burned
            if n_pixels:
                self.layers.append(_Layer(starts, zones, n_pixels))

    def _build_fraction(self, geoms: NDArray[np.object_], groups: NDArray[np.int64]) -> None:
        rows, cols = self.shape
        cov = _coverage(geoms, self.transform)
        # boundary pixels: keep those inside the grid
        inside = (cov.row >= 0) & (cov.row < rows) & (cov.col >= 0) & (cov.col < cols)
        inside &= cov.weight > _MIN_FRACTION
        self.cell_flat = cov.row[inside] * cols + cov.col[inside]
        self.cell_zone = cov.zone[inside]
        self.cell_weight = np.minimum(cov.weight[inside], 1.0)
        order = np.argsort(self.cell_flat, kind="stable")  # read the raster in memory order
        self.cell_flat, self.cell_zone, self.cell_weight = (
            self.cell_flat[order],
            self.cell_zone[order],
            self.cell_weight[order],
        )
        # interior runs, clipped to the grid
        ok = (cov.run_row >= 0) & (cov.run_row < rows)
        c0 = np.clip(cov.run_col[ok], 0, cols)
        c1 = np.clip(cov.run_col[ok] + cov.run_len[ok], 0, cols)
        keep = c1 > c0
        run_start = cov.run_row[ok][keep] * cols + c0[keep]
        run_len = (c1 - c0)[keep]
        run_zone = cov.run_zone[ok][keep]
        for g in range(self.groups):
            sel = groups[run_zone] == g
            self._add_runs(run_start[sel], run_len[sel], run_zone[sel])

    def _add_runs(self, start: NDArray[np.int64], length: NDArray[np.int64], zone: NDArray[np.int64]) -> None:
        """Turn weight-1 runs into a reduceat layer; overlapping leftovers become cells."""
        if len(start) == 0:
            return
        order = np.argsort(start, kind="stable")
        start, length, zone = start[order], length[order], zone[order]
        end = start + length
        prev_end = np.concatenate([[0], np.maximum.accumulate(end)[:-1]])
        clash = start < prev_end  # overlaps an earlier run (invalid polygons, self-overlap)
        if clash.any():
            n = length[clash]
            flat = _expand(start[clash], n)
            self.cell_flat = np.concatenate([self.cell_flat, flat])
            self.cell_zone = np.concatenate([self.cell_zone, np.repeat(zone[clash], n)])
            self.cell_weight = np.concatenate([self.cell_weight, np.ones(len(flat))])
            start, end, zone = start[~clash], end[~clash], zone[~clash]
        n_pixels = self.shape[0] * self.shape[1]
        # segment boundaries: run starts (zone) and run ends (gap, unless the next run starts there)
        bounds = np.concatenate([[0], start, end[end < n_pixels]])
        tags = np.concatenate([[-1], zone, np.full(int((end < n_pixels).sum()), -1)])
        order = np.lexsort((tags == -1, bounds))  # at equal bounds a run start wins over a gap
        bounds, tags = bounds[order], tags[order]
        first = np.concatenate([[True], bounds[1:] != bounds[:-1]])
        self.layers.append(_Layer(bounds[first].astype(np.int64), tags[first].astype(np.int64), n_pixels))

    # ---------------------------------------------------------------- scoring
    @property
    def n_pixels(self) -> int:
        """Number of (zone, pixel) memberships (runs expanded plus cells)."""
        total = len(self.cell_flat)
        for layer in self.layers:
            total += int(layer.runs()[1].sum())
        return total

    def stats(
        self,
        values: NDArray[Any],
        stats: Sequence[str] = DEFAULT_STATS,
        weights: NDArray[Any] | None = None,
    ) -> dict[str, NDArray[np.float64]]:
        """Statistics per zone of ``values`` (2-D, this index's shape; NaN = no data).

        ``weights`` (optional, same shape, ≥ 0) weights each pixel, e.g. a
        population raster; with the ``"fraction"`` rule it multiplies the
        covered fraction.  Returns ``{stat: array of n_zones}``; zones without
        data get NaN (``count`` 0).
        """
        flat = self._flat(values)
        wflat = None if weights is None else self._flat(weights)
        want = set(stats)
        unknown = want - set(DEFAULT_STATS) - {s for s in want if _percentile_of(s) is not None}
        if unknown:
            raise ValueError(f"unknown statistic(s): {', '.join(sorted(unknown))}")
        n = self.n_zones
        count = np.zeros(n)
        total = np.zeros(n)
        zmin = np.full(n, np.nan)
        zmax = np.full(n, np.nan)
        need_minmax = bool(want & {"min", "max"})
        for layer in self.layers:
            if len(layer.starts) == 0:
                continue
            starts, zones = layer.starts, layer.zones
            lengths = layer.lengths()
            own = zones >= 0
            src = layer.source(flat)
            wsrc = None if wflat is None else layer.source(wflat)
            # reduceat sums each segment pairwise in the raster's own dtype: fast, and
            # accurate to a few float32 ulps even for long runs
            if wsrc is None:
                seg_sum = np.add.reduceat(src, starts).astype(np.float64)
                seg_cnt = lengths.astype(np.float64)
            else:
                seg_sum = np.add.reduceat(src * wsrc, starts).astype(np.float64)
                seg_cnt = np.add.reduceat(wsrc, starts).astype(np.float64)
            # runs that contain no-data pixels: redo those (few) pixel by pixel
            bad = np.flatnonzero(own & np.isnan(seg_sum))
            if len(bad):
                pix = _expand(starts[bad], lengths[bad])
                seg_of = np.repeat(np.arange(len(bad)), lengths[bad])
                v = src[pix]
                ok = ~np.isnan(v)
                w = np.ones(len(v)) if wsrc is None else wsrc[pix].astype(np.float64)
                seg_sum[bad] = np.bincount(seg_of[ok], weights=(w * v)[ok], minlength=len(bad))
                seg_cnt[bad] = np.bincount(seg_of[ok], weights=w[ok], minlength=len(bad))
            zo = zones[own]
            total += np.bincount(zo, weights=seg_sum[own], minlength=n)
            count += np.bincount(zo, weights=seg_cnt[own], minlength=n)
            if need_minmax:
                grouping = (layer.by_zone, layer.group_starts, layer.group_zones)
                _scatter_reduce(np.fmin, zmin, np.fmin.reduceat(src, starts), grouping)
                _scatter_reduce(np.fmax, zmax, np.fmax.reduceat(src, starts), grouping)
        if len(self.cell_flat):
            v = flat[self.cell_flat]
            w = self.cell_weight if wflat is None else self.cell_weight * wflat[self.cell_flat]
            ok = ~np.isnan(v)
            total += np.bincount(self.cell_zone[ok], weights=(w * v)[ok], minlength=n)
            count += np.bincount(self.cell_zone[ok], weights=w[ok], minlength=n)
            if need_minmax:
                if self._cell_grouping is None:
                    self._cell_grouping = _grouping(self.cell_zone)
                _scatter_reduce(np.fmin, zmin, v, self._cell_grouping)
                _scatter_reduce(np.fmax, zmax, v, self._cell_grouping)
        out: dict[str, NDArray[np.float64]] = {}
        if "count" in want:
            out["count"] = count
        if "sum" in want:
            out["sum"] = np.where(count > 0, total, np.nan)
        if "mean" in want:
            with np.errstate(invalid="ignore", divide="ignore"):
                out["mean"] = np.where(count > 0, total / np.where(count > 0, count, 1), np.nan)
        if "min" in want:
            out["min"] = zmin
        if "max" in want:
            out["max"] = zmax
        pcts = {s: _percentile_of(s) for s in stats if _percentile_of(s) is not None}
        if pcts:
            qs = [float(q) for q in pcts.values() if q is not None]
            found = self.percentiles(values, qs, weights=weights)
            for name, row in zip(pcts, found, strict=True):
                out[name] = row
        return out

    def mean(self, values: NDArray[Any], weights: NDArray[Any] | None = None) -> NDArray[np.float64]:
        """Mean per zone (the common case, without min/max work)."""
        return self.stats(values, ("mean",), weights=weights)["mean"]

    def percentiles(
        self, values: NDArray[Any], qs: Sequence[float], weights: NDArray[Any] | None = None
    ) -> list[NDArray[np.float64]]:
        """Percentiles ``qs`` (0–100) per zone; one row per q.

        Unweighted (``"centre"`` rule, no ``weights``): numpy's linear
        interpolation, ``np.percentile(zone_values, q)``.  Weighted: the
        weighted type-7 estimator (exactextract's ``quantile``).  Zones are
        processed in chunks so memory stays bounded; values are sorted once per
        chunk as integer keys (zone, order-preserving float bits).
        """
        flat = self._flat(values)
        wflat = None if weights is None else self._flat(weights)
        weighted = wflat is not None or self.rule == "fraction"
        out = [np.full(self.n_zones, np.nan) for _ in qs]
        for lo, hi, pix, zone, w in self._membership_chunks():
            v = flat[pix]
            if wflat is not None:
                w = w * wflat[pix]
            ok = ~np.isnan(v) & (w > 0)
            v, zone, w = v[ok].astype(np.float32), zone[ok] - lo, w[ok]
            if len(v) == 0:
                continue
            key = (zone.astype(np.uint64) << np.uint64(32)) | _ordered_bits(v).astype(np.uint64)
            if weighted:
                order = np.argsort(key, kind="stable")
                key, w = key[order], w[order]
                # equal values in a zone are one element with their summed weight, as in
                # exactextract (its quantiles keep a value -> weight table)
                first_of = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]]))
                key, w = key[first_of], np.add.reduceat(w, first_of)
            else:
                key = np.sort(key)
            zs = (key >> np.uint64(32)).astype(np.int64)
            vals = _from_ordered_bits((key & np.uint64(0xFFFFFFFF)).astype(np.uint32)).astype(np.float64)
            first = np.searchsorted(zs, np.arange(hi - lo))
            n = np.bincount(zs, minlength=hi - lo)
            has = n > 0
            for row, q in zip(out, qs, strict=True):
                res = (
                    _weighted_type7(vals, w, zs, first, n, q / 100.0)
                    if weighted
                    else _type7(vals, first, n, q / 100.0)
                )
                row[lo:hi][has] = res[has]
        return out

    def pixels(self) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]:
        """All memberships as (flat pixel index, zone, weight) arrays, for custom statistics."""
        parts = list(self._membership_chunks(chunk=None))
        if not parts:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
        return (
            np.concatenate([p[2] for p in parts]),
            np.concatenate([p[3] for p in parts]),
            np.concatenate([p[4] for p in parts]),
        )

    def _membership_chunks(
        self, chunk: int | None = _CHUNK_PIXELS
    ) -> Iterable[tuple[int, int, NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]]:
        """Memberships grouped by zone ranges [lo, hi): (lo, hi, pixel, zone, weight)."""
        r_start, r_len, r_zone = [], [], []
        for layer in self.layers:
            starts, lengths, zones = layer.runs()
            r_start.append(starts)
            r_len.append(lengths)
            r_zone.append(zones)
        rs = np.concatenate(r_start) if r_start else np.zeros(0, np.int64)
        rl = np.concatenate(r_len) if r_len else np.zeros(0, np.int64)
        rz = np.concatenate(r_zone) if r_zone else np.zeros(0, np.int64)
        per_zone = np.bincount(rz, weights=rl, minlength=self.n_zones) + np.bincount(
            self.cell_zone, minlength=self.n_zones
        )
        if chunk is None:
            cuts = [0, self.n_zones]
        else:
            csum = np.cumsum(per_zone)
            cuts = [0]
            while cuts[-1] < self.n_zones:
                base = csum[cuts[-1] - 1] if cuts[-1] > 0 else 0.0
                nxt = int(np.searchsorted(csum, base + chunk, side="right"))
                cuts.append(min(max(nxt, cuts[-1] + 1), self.n_zones))
        run_order = np.argsort(rz, kind="stable")
        rs, rl, rz = rs[run_order], rl[run_order], rz[run_order]
        cell_order = np.argsort(self.cell_zone, kind="stable")
        cf, cz, cw = self.cell_flat[cell_order], self.cell_zone[cell_order], self.cell_weight[cell_order]
        for lo, hi in itertools.pairwise(cuts):
            a, b = np.searchsorted(rz, [lo, hi])
            c, d = np.searchsorted(cz, [lo, hi])
            pix = np.concatenate([_expand(rs[a:b], rl[a:b]), cf[c:d]])
            zone = np.concatenate([np.repeat(rz[a:b], rl[a:b]), cz[c:d]])
            w = np.concatenate([np.ones(int(rl[a:b].sum())), cw[c:d]])
            yield lo, hi, pix, zone, w

    def _flat(self, values: NDArray[Any]) -> NDArray[Any]:
        arr = np.asarray(values)
        if arr.shape != self.shape:
            raise ValueError(f"raster of shape {arr.shape} does not match the zone index grid {self.shape}")
        if arr.dtype.kind != "f":
            arr = arr.astype(np.float64)
        return np.ascontiguousarray(arr).ravel()


# ---------------------------------------------------------------- convenience
def zonal_stats(
    geometries: Iterable[Any],
    values: NDArray[Any],
    transform: Sequence[float],
    stats: Sequence[str] = ALL_STATS,
    rule: str = "centre",
    weights: NDArray[Any] | None = None,
) -> dict[str, NDArray[np.float64]]:
    """One-off zonal statistics (builds a throw-away :class:`ZoneIndex`)."""
    index = ZoneIndex.build(geometries, np.shape(values), transform, rule)  # type: ignore[arg-type]
    return index.stats(values, stats, weights=weights)


_CACHE: OrderedDict[tuple[Any, ...], ZoneIndex] = OrderedDict()
_CACHE_SIZE = 8


def geometry_key(geometries: Iterable[Any]) -> str:
    """A content hash of the geometries (their WKB), for cache keys."""
    geoms = np.asarray(
        list(geometries) if not isinstance(geometries, np.ndarray) else geometries, dtype=object
    )
    digest = hashlib.sha1(usedforsecurity=False)
    for wkb in shapely.to_wkb(geoms, hex=False):
        digest.update(b"" if wkb is None else wkb)
    digest.update(str(len(geoms)).encode())
    return digest.hexdigest()


def cached_index(
    geometries: Iterable[Any], shape: tuple[int, int], transform: Sequence[float], rule: str = "centre"
) -> ZoneIndex:
    """:meth:`ZoneIndex.build`, remembered for the last few (geometries, grid, rule).

    Keyed by the geometries' content, so re-running an analysis with other
    parameters (threshold, another raster on the same grid) re-scores without
    re-rasterising.
    """
    geoms = np.asarray(list(geometries), dtype=object)
    key = (geometry_key(geoms), tuple(shape), tuple(float(v) for v in transform), rule)
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    index = ZoneIndex.build(geoms, shape, transform, rule)
    _CACHE[key] = index
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return index


def clear_cache() -> None:
    _CACHE.clear()


def sample(values: NDArray[Any], transform: Sequence[float], x: Any, y: Any) -> NDArray[np.float64]:
    """The value of the pixel under each point (NaN outside the grid)."""
    a, _b, c, _d, e, f = _check_transform(transform)
    col = np.floor((np.asarray(x, dtype=np.float64) - c) / a).astype(np.int64)
    row = np.floor((np.asarray(y, dtype=np.float64) - f) / e).astype(np.int64)
    rows, cols = np.shape(values)
    ok = (row >= 0) & (row < rows) & (col >= 0) & (col < cols)
    out = np.full(col.shape, np.nan)
    out[ok] = np.asarray(values, dtype=np.float64)[row[ok], col[ok]]
    return out


def area_fractions(
    sources: Iterable[Any], targets: Iterable[Any]
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]:
    """Share of each source polygon's area inside each target polygon.

    Returns (source index, target index, area(source ∩ target) / area(source))
    for every intersecting pair with a positive share: the areal weights used
    to split, say, a 250 m population cell between the districts it straddles.
    """
    src = _polygons(sources)
    tgt = _polygons(targets)
    tree = shapely.STRtree(tgt)
    i, j = tree.query(src, predicate="intersects")
    if len(i) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    area = shapely.area(src)
    inter = shapely.area(shapely.intersection(src[i], tgt[j]))
    with np.errstate(invalid="ignore", divide="ignore"):
        frac = np.where(area[i] > 0, inter / area[i], 0.0)
    keep = frac > 0
    return i[keep].astype(np.int64), j[keep].astype(np.int64), np.minimum(frac[keep], 1.0)


# ---------------------------------------------------------------- internals
def _check_transform(transform: Sequence[float]) -> Transform:
    t = tuple(float(v) for v in transform)
    if len(t) < 6:
        raise ValueError("transform must be the affine 6-tuple (a, b, c, d, e, f)")
    a, b, c, d, e, f = t[:6]
    if b != 0.0 or d != 0.0:
        raise RasterGridError(
            _(
                "The raster is rotated or sheared, and zonal statistics need a north-up grid; warp it to a "
                "north-up grid first (for example with 'gdalwarp') and open it again."
            )
        )
    if a == 0.0 or e == 0.0:
        raise RasterGridError(
            _(
                "The raster's pixels have no width or no height (its geotransform gives a pixel size of 0); "
                "export the raster again with its georeferencing."
            )
        )
    return (a, b, c, d, e, f)


def _polygons(geometries: Iterable[Any]) -> NDArray[np.object_]:
    """Geometries as an object array; missing and non-areal ones become empty polygons."""
    if isinstance(geometries, np.ndarray):
        items = list(geometries)
    elif hasattr(geometries, "values") and hasattr(geometries, "geom_type"):  # GeoSeries
        items = list(geometries.values)
    else:
        items = list(geometries)
    geoms = np.empty(len(items), dtype=object)
    geoms[:] = items
    empty = shapely.Polygon()
    for k, g in enumerate(geoms):
        if g is None or not isinstance(g, shapely.Geometry) or shapely.get_dimensions(g) != 2:
            if isinstance(g, shapely.GeometryCollection) and not g.is_empty:
                polys = [p for p in shapely.get_parts(g) if shapely.get_dimensions(p) == 2]
                geoms[k] = (
                    shapely.MultiPolygon([q for p in polys for q in shapely.get_parts(p)]) if polys else empty
                )
            else:
                geoms[k] = empty
    return geoms


def _overlap_groups(geoms: NDArray[np.object_]) -> NDArray[np.int64]:
    """Colour zones so that no two zones whose interiors overlap share a colour.

    Touching zones (shared borders) share colour 0; only real overlaps cost an
    extra group (and an extra rasterisation / pass).
    """
    n = len(geoms)
    colour = np.zeros(n, dtype=np.int64)
    if n < 2:
        return colour
    tree = shapely.STRtree(geoms)
    i, j = tree.query(geoms, predicate="intersects")
    keep = i < j
    i, j = i[keep], j[keep]
    if len(i) == 0:
        return colour
    overlap = ~shapely.touches(geoms[i], geoms[j])
    i, j = i[overlap], j[overlap]
    if len(i) == 0:
        return colour
    neighbours: dict[int, list[int]] = {}
    for a, b in zip(i.tolist(), j.tolist(), strict=True):
        neighbours.setdefault(a, []).append(b)
        neighbours.setdefault(b, []).append(a)
    for zone in sorted(neighbours):
        used = {int(colour[other]) for other in neighbours[zone] if other < zone}
        c = 0
        while c in used:
            c += 1
        colour[zone] = c
    return colour


def _expand(starts: NDArray[np.int64], lengths: NDArray[np.int64]) -> NDArray[np.int64]:
    """Flat indices of all pixels of runs (start, length)."""
    lengths = np.asarray(lengths, dtype=np.int64)
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, np.int64)
    offsets = np.repeat(np.asarray(starts, dtype=np.int64) - np.cumsum(lengths) + lengths, lengths)
    return offsets + np.arange(total, dtype=np.int64)


def _percentile_of(name: str) -> float | None:
    if len(name) > 1 and name[0] == "p":
        try:
            q = float(name[1:])
        except ValueError:
            return None
        return q if 0.0 <= q <= 100.0 else None
    return None


def _ordered_bits(v: NDArray[np.float32]) -> NDArray[np.uint32]:
    """float32 → uint32 whose unsigned order is the float order (for integer sorting)."""
    b = np.ascontiguousarray(v, dtype=np.float32).view(np.uint32)
    mask = np.where(b >> np.uint32(31), np.uint32(0xFFFFFFFF), np.uint32(0x80000000))
    return b ^ mask


def _from_ordered_bits(b: NDArray[np.uint32]) -> NDArray[np.float32]:
    mask = np.where(b >> np.uint32(31), np.uint32(0x80000000), np.uint32(0xFFFFFFFF))
    return np.ascontiguousarray(b ^ mask).view(np.float32)


def _type7(
    vals: NDArray[np.float64], first: NDArray[np.int64], n: NDArray[np.int64], q: float
) -> NDArray[np.float64]:
    """numpy's default (linear) percentile per zone on values sorted within zones."""
    pos = (np.maximum(n, 1) - 1) * q
    lo = np.floor(pos).astype(np.int64)
    hi = np.minimum(lo + 1, np.maximum(n - 1, 0))
    frac = pos - lo
    top = len(vals) - 1
    vlo = vals[np.minimum(first + lo, top)]
    vhi = vals[np.minimum(first + hi, top)]
    return vlo + (vhi - vlo) * frac


def _weighted_type7(
    vals: NDArray[np.float64],
    w: NDArray[np.float64],
    zs: NDArray[np.int64],
    first: NDArray[np.int64],
    n: NDArray[np.int64],
    q: float,
) -> NDArray[np.float64]:
    """Weighted type-7 quantile per zone (distinct values sorted within zones).

    With k the rank in the zone and W_k the weight below it,
    s_k = k·w_k + (n−1)·W_k; the quantile is interpolated where s reaches
    q·(n−1)·Σw.  Equal weights give numpy's linear percentile.
    """
    nz = len(n)
    cum = np.cumsum(w)
    zone_base = np.concatenate([[0.0], cum])[first[zs]]  # weight before the zone's first value
    below = cum - w - zone_base
    rank = np.arange(len(vals)) - first[zs]
    s = rank * w + (n[zs] - 1) * below
    total = np.bincount(zs, weights=w, minlength=nz)
    span = (n - 1) * total
    with np.errstate(invalid="ignore", divide="ignore"):
        frac_s = np.where(span[zs] > 0, s / span[zs], 0.0)
    key = frac_s + 2.0 * zs
    target = q + 2.0 * np.arange(nz)
    k = np.searchsorted(key, target, side="right") - 1
    k = np.clip(k, first, first + np.maximum(n - 1, 0))
    k1 = np.minimum(k + 1, first + np.maximum(n - 1, 0))
    top = len(vals) - 1
    k, k1 = np.minimum(k, top), np.minimum(k1, top)
    s0, s1 = frac_s[k], frac_s[k1]
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.where(s1 > s0, (q - s0) / (s1 - s0), 0.0)
    t = np.clip(t, 0.0, 1.0)
    return vals[k] + (vals[k1] - vals[k]) * t


@dataclass
class _Coverage:
    zone: NDArray[np.int64]
    row: NDArray[np.int64]
    col: NDArray[np.int64]
    weight: NDArray[np.float64]
    run_zone: NDArray[np.int64]
    run_row: NDArray[np.int64]
    run_col: NDArray[np.int64]
    run_len: NDArray[np.int64]


def _coverage(geoms: NDArray[np.object_], transform: Transform) -> _Coverage:
    """Exact covered fraction of every boundary pixel, and runs of fully covered pixels.

    Each ring edge, in pixel coordinates, is cut at every integer column and
    row it crosses, so each piece lies in one pixel.  A piece from (xa, ya) to
    (xb, yb) in pixel (i, j) adds dy·(i + 1 − x̄) to that pixel (the trapezoid
    right of it) and dy to every pixel right of it in the row (dy = yb − ya).
    Summed over a closed ring along the row this is the exact area of the
    polygon in each pixel (the accumulation used by font rasterisers).  Pixels
    between two boundary pixels of a row are then wholly in or out: the
    running sum (1 or 0) says which, giving interior runs with no geometry work.
    """
    a, _b, c, _d, e, f = transform
    empty = np.zeros(0, np.int64)
    oriented = shapely.orient_polygons(geoms, exterior_cw=False)
    parts, part_zone = shapely.get_parts(oriented, return_index=True)
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    coords, ring_of = shapely.get_coordinates(rings, return_index=True)
    if len(coords) < 2:
        return _Coverage(empty, empty, empty, np.zeros(0), empty, empty, empty, empty)
    ring_zone = part_zone[ring_part]
    px = (coords[:, 0] - c) / a
    py = (coords[:, 1] - f) / e
    same = ring_of[1:] == ring_of[:-1]
    x0, y0, x1, y1 = px[:-1][same], py[:-1][same], px[1:][same], py[1:][same]
    edge_zone = ring_zone[ring_of[:-1][same]]
    # orientation in pixel space: flipping one axis flips the sign of the accumulated area
    sign = 1.0 if (a > 0) != (e > 0) else -1.0
    n_edges = len(x0)
    eid = np.arange(n_edges)

    def crossings(u0: NDArray[np.float64], u1: NDArray[np.float64]) -> tuple[NDArray[Any], NDArray[Any]]:
        lo = np.minimum(u0, u1)
        hi = np.maximum(u0, u1)
        k0 = np.floor(lo) + 1
        count = np.maximum(np.ceil(hi) - k0, 0).astype(np.int64)
        which = np.repeat(eid, count)
        k = np.repeat(k0 - np.cumsum(count) + count, count) + np.arange(int(count.sum()))
        return which, k

    xe, xk = crossings(x0, x1)
    ye, yk = crossings(y0, y1)
    with np.errstate(invalid="ignore", divide="ignore"):
        tx = (xk - x0[xe]) / (x1[xe] - x0[xe])
        ty = (yk - y0[ye]) / (y1[ye] - y0[ye])
    # all points along each edge: start, crossings; the end is the next point's start
    pe = np.concatenate([eid, xe, ye, eid])
    pt = np.concatenate([np.zeros(n_edges), tx, ty, np.ones(n_edges)])
    ppx = np.concatenate([x0, x0[xe] + tx * (x1[xe] - x0[xe]), x0[ye] + ty * (x1[ye] - x0[ye]), x1])
    ppy = np.concatenate([y0, y0[xe] + tx * (y1[xe] - y0[xe]), y0[ye] + ty * (y1[ye] - y0[ye]), y1])
    # exact grid-line coordinates where the edge crosses a grid line
    ppx[n_edges : n_edges + len(xe)] = xk
    ppy[n_edges + len(xe) : n_edges + len(xe) + len(ye)] = yk
    order = np.lexsort((pt, pe))
    pe, ppx, ppy = pe[order], ppx[order], ppy[order]
    link = pe[1:] == pe[:-1]
    xa, ya, xb, yb = ppx[:-1][link], ppy[:-1][link], ppx[1:][link], ppy[1:][link]
    zone = edge_zone[pe[:-1][link]]
    dy = yb - ya
    xm = 0.5 * (xa + xb)
    col = np.floor(xm).astype(np.int64)
    row = np.floor(0.5 * (ya + yb)).astype(np.int64)
    partial = dy * (col + 1 - xm)
    live = dy != 0
    zone, row, col, dy, partial = zone[live], row[live], col[live], dy[live], partial[live]
    if len(zone) == 0:
        return _Coverage(empty, empty, empty, np.zeros(0), empty, empty, empty, empty)
    # aggregate pieces per pixel, sorted by (zone, row, col)
    rmin, cmin = int(row.min()), int(col.min())
    width = int(col.max()) - cmin + 1
    height = int(row.max()) - rmin + 1
    key = (zone * height + (row - rmin)) * width + (col - cmin)
    order = np.argsort(key, kind="stable")
    key = key[order]
    first = np.concatenate([[True], key[1:] != key[:-1]])
    idx = np.flatnonzero(first)
    cell_full = np.add.reduceat(dy[order], idx)
    cell_part = np.add.reduceat(partial[order], idx)
    ckey = key[idx]
    cell_col = ckey % width + cmin
    zr = ckey // width  # (zone, row) group
    cell_row = zr % height + rmin
    cell_zone = zr // height
    # running sum of full heights within each (zone, row), exclusive of the pixel itself
    csum = np.cumsum(cell_full)
    group_start = np.concatenate([[True], zr[1:] != zr[:-1]])
    base = np.maximum.accumulate(np.where(group_start, np.arange(len(zr)), 0))
    before = csum - cell_full - (csum[base] - cell_full[base])
    weight = sign * (before + cell_part)
    after = sign * (before + cell_full)
    # gaps between consecutive boundary pixels of the same row: wholly in (≈1) or out (≈0)
    nxt_same = np.concatenate([zr[1:] == zr[:-1], [False]])
    gap = np.zeros(len(zr), dtype=np.int64)
    gap[:-1] = cell_col[1:] - cell_col[:-1] - 1
    full = nxt_same & (gap > 0) & (after > 1.0 - 1e-9)
    # a horizontal edge inside a row leaves no piece there: the gap pixels it
    # crosses are partly covered, by exactly the row height accumulated so far
    part = nxt_same & (gap > 0) & (after > _MIN_FRACTION) & ~full
    if part.any():
        n = gap[part]
        extra_col = _expand(cell_col[part] + 1, n)
        cell_zone = np.concatenate([cell_zone, np.repeat(cell_zone[part], n)])
        cell_row = np.concatenate([cell_row, np.repeat(cell_row[part], n)])
        weight = np.concatenate([weight, np.repeat(after[part], n)])
        cell_col = np.concatenate([cell_col, extra_col])
    run = np.concatenate([full, np.zeros(len(cell_zone) - len(full), dtype=bool)])
    gap = np.concatenate([gap, np.zeros(len(cell_zone) - len(full), dtype=np.int64)])
    return _Coverage(
        zone=cell_zone,
        row=cell_row,
        col=cell_col,
        weight=weight,
        run_zone=cell_zone[run],
        run_row=cell_row[run],
        run_col=cell_col[run] + 1,
        run_len=gap[run],
    )


__all__ = [
    "ALL_STATS",
    "DEFAULT_STATS",
    "RULES",
    "ZoneIndex",
    "area_fractions",
    "cached_index",
    "clear_cache",
    "geometry_key",
    "sample",
    "zonal_stats",
]
