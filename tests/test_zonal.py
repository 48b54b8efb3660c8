"""Zonal statistics: hand-computed cases, and agreement with rasterstats and exactextract.

The tiny raster is 4 × 4 pixels of 1 m, values 0..15 row by row from the top
(north) edge, so pixel (row r, col c) covers x ∈ [c, c+1], y ∈ [3-r, 4-r]
and holds 4r + c.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import shapely
from shapely.geometry import Polygon, box

from twin_app.core import zonal

VALUES = np.arange(16, dtype=np.float32).reshape(4, 4)
TRANSFORM = (1.0, 0.0, 0.0, 0.0, -1.0, 4.0)


def stats(geoms, rule, values=VALUES, transform=TRANSFORM, **kw):
    return zonal.zonal_stats(geoms, values, transform, rule=rule, **kw)


def test_centre_rule_by_hand() -> None:
    # box(0,0,2,2): the bottom-left 2 × 2 pixels, values 8, 9, 12, 13
    got = stats([box(0, 0, 2, 2)], "centre")
    assert got["count"][0] == 4
    assert got["sum"][0] == 42
    assert got["mean"][0] == pytest.approx(10.5)
    assert got["min"][0] == 8 and got["max"][0] == 13
    # p90 is numpy's linear interpolation: position 0.9 × (4 − 1) = 2.7 → 12 + 0.7 × (13 − 12)
    assert got["p90"][0] == pytest.approx(12.7)


def test_centre_and_fraction_rules_differ_on_a_partial_pixel() -> None:
    # covers 3/4 of pixel 12 (its centre x=0.5 is inside) and 1/4 of pixel 13 (centre 1.5 outside)
    geom = box(0.25, 0.0, 1.25, 1.0)
    centre = stats([geom], "centre")
    assert centre["count"][0] == 1 and centre["mean"][0] == 12
    fraction = stats([geom], "fraction")
    assert fraction["count"][0] == pytest.approx(1.0)  # Σ covered fractions = area in pixels
    assert fraction["mean"][0] == pytest.approx(0.75 * 12 + 0.25 * 13)
    assert fraction["min"][0] == 12 and fraction["max"][0] == 13  # any touched pixel counts


def test_fraction_rule_triangle_and_hole_by_hand() -> None:
    # triangle over the bottom-left 2 × 2: pixel 12 whole, 8 and 13 half, 9 only touched at a point
    tri = Polygon([(0, 0), (2, 0), (0, 2)])
    ring = box(0, 0, 4, 4).difference(box(1, 1, 3, 3))  # the 12 border pixels
    got = stats([tri, ring], "fraction")
    assert got["count"][0] == pytest.approx(2.0)
    assert got["mean"][0] == pytest.approx((12 + 0.5 * 13 + 0.5 * 8) / 2)
    assert got["max"][0] == 13 and got["min"][0] == 8
    border_mean = (VALUES.sum() - (5 + 6 + 9 + 10)) / 12
    assert got["count"][1] == pytest.approx(12)
    assert got["mean"][1] == pytest.approx(border_mean)
    assert stats([ring], "centre")["mean"][0] == pytest.approx(border_mean)


def test_weighted_percentile_by_hand() -> None:
    # fraction rule: values 12 (weight 0.75) and 13 (0.25); with n = 2 distinct values,
    # s = [0, 1·0.25 + 1·0.75] = [0, 1], target q·(n−1)·Σw = 0.9 → 12 + 0.9 × (13 − 12)
    got = stats([box(0.25, 0.0, 1.25, 1.0)], "fraction", stats=("p90", "p50"))
    assert got["p90"][0] == pytest.approx(12.9)
    assert got["p50"][0] == pytest.approx(12.5)


def test_nodata_overlap_weights_and_rescoring() -> None:
    values = VALUES.copy()
    values[3, 0] = np.nan  # pixel 12 has no data
    a, b = box(0, 0, 2, 2), box(1, 1, 3, 3)  # overlapping: pixel 9 is in both
    index = zonal.ZoneIndex.build([a, b, None], values.shape, TRANSFORM, "centre")
    assert index.groups == 2
    got = index.stats(values, zonal.ALL_STATS)
    assert got["count"].tolist() == [3, 4, 0]
    assert got["mean"][0] == pytest.approx((8 + 9 + 13) / 3)
    assert got["mean"][1] == pytest.approx((5 + 6 + 9 + 10) / 4)  # the overlap did not lose pixels
    assert np.isnan(got["mean"][2]) and np.isnan(got["p90"][2])
    weights = np.ones_like(VALUES)
    weights[2, 1] = 3.0  # pixel 9 counts three times
    w = index.stats(values, ("mean", "count"), weights=weights)
    assert w["mean"][0] == pytest.approx((8 + 3 * 9 + 13) / 5)
    assert w["count"][0] == pytest.approx(5)
    # the same index re-scores another raster on the same grid
    assert index.mean(VALUES * 2)[1] == pytest.approx(2 * 7.5)


def test_grid_with_offset_and_rectangular_pixels() -> None:
    transform = (2.0, 0.0, 100.0, 0.0, -3.0, 212.0)  # 2 m × 3 m pixels, top-left (100, 212)
    # pixel (row 3, col 0) spans x 100..102, y 200..203: value 12
    for rule in zonal.RULES:
        got = stats([box(100, 200, 102, 203)], rule, transform=transform)
        assert got["mean"][0] == pytest.approx(12.0)
        assert got["count"][0] == pytest.approx(1.0)
    half = stats([box(101, 200, 102, 203)], "fraction", transform=transform)
    assert half["count"][0] == pytest.approx(0.5)
    with pytest.raises(ValueError, match="rotated"):
        zonal.ZoneIndex.build([box(0, 0, 1, 1)], (4, 4), (1, 0.5, 0, 0, -1, 4))


def test_rules_agree_away_from_edges_and_random_percentiles() -> None:
    rng = np.random.default_rng(3)
    values = rng.random((60, 50)).astype(np.float32)
    transform = (1.0, 0.0, 0.0, 0.0, -1.0, 60.0)
    # pixel-aligned boxes: both rules see exactly the same whole pixels
    boxes = [box(x, y, x + w, y + h) for x, y, w, h in rng.integers(1, 20, (30, 4))]
    centre = stats(boxes, "centre", values=values, transform=transform)
    frac = stats(boxes, "fraction", values=values, transform=transform)
    for key in ("count", "mean", "min", "max", "p90"):
        np.testing.assert_allclose(frac[key], centre[key], rtol=1e-6)  # float32 run sums
    for k, g in enumerate(boxes):
        x0, y0, x1, y1 = (int(v) for v in g.bounds)
        block = values[60 - y1 : 60 - y0, x0:x1]
        assert centre["p90"][k] == pytest.approx(np.percentile(block, 90), abs=1e-6)


def test_cache_area_fractions_and_sampling() -> None:
    geoms = [box(0, 0, 2, 2), box(1, 1, 3, 3)]
    zonal.clear_cache()
    first = zonal.cached_index(geoms, VALUES.shape, TRANSFORM, "centre")
    again = zonal.cached_index([box(0, 0, 2, 2), box(1, 1, 3, 3)], VALUES.shape, TRANSFORM, "centre")
    assert first is again
    assert zonal.cached_index(geoms, VALUES.shape, TRANSFORM, "fraction") is not first
    src, dst, frac = zonal.area_fractions([box(0, 0, 4, 2)], [box(0, 0, 1, 2), box(1, 0, 4, 2)])
    assert src.tolist() == [0, 0] and dst.tolist() == [0, 1]
    np.testing.assert_allclose(frac, [0.25, 0.75])
    assert zonal.sample(VALUES, TRANSFORM, [0.5, 3.5, 9.0], [3.5, 0.5, 0.5]).tolist()[:2] == [0.0, 15.0]
    assert np.isnan(zonal.sample(VALUES, TRANSFORM, [9.0], [0.5])[0])


# --- the Helsinki heat raster against the reference implementations ------------------------


def _helsinki_zones(model):
    return {
        "districts": np.asarray(model.districts.frame.geometry.values),
        "buildings": np.asarray(model.layers["buildings"].frame.geometry.values),
        "population": np.asarray(model.layers["population"].frame.geometry.values),
    }


@pytest.mark.parametrize("zones", ["districts", "buildings", "population"])
def test_centre_rule_equals_rasterstats_on_helsinki(helsinki_model, zones: str) -> None:
    from affine import Affine
    from rasterstats import zonal_stats

    heat = helsinki_model.layers["heat"]
    geoms = _helsinki_zones(helsinki_model)[zones]
    ours = zonal.zonal_stats(geoms, heat.data, heat.transform, rule="centre")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = zonal_stats(
            list(geoms),
            heat.data,
            affine=Affine(*heat.transform),
            nodata=np.nan,
            stats="count mean min max percentile_90",
        )
    for key, ref_key in (("mean", "mean"), ("min", "min"), ("max", "max"), ("p90", "percentile_90")):
        expected = np.array([np.nan if r[ref_key] is None else r[ref_key] for r in ref], dtype=float)
        np.testing.assert_allclose(ours[key], expected, rtol=0, atol=1e-5, equal_nan=True)
    np.testing.assert_array_equal(ours["count"], [r["count"] for r in ref])
    assert np.isfinite(ours["mean"]).sum() > 0.5 * len(geoms)


@pytest.mark.parametrize("zones", ["districts", "buildings", "population"])
def test_fraction_rule_agrees_with_exactextract_on_helsinki(helsinki_model, zones: str) -> None:
    import geopandas as gpd
    from affine import Affine
    from exactextract import exact_extract
    from rasterio.io import MemoryFile

    heat = helsinki_model.layers["heat"]
    geoms = _helsinki_zones(helsinki_model)[zones]
    ours = zonal.zonal_stats(geoms, heat.data, heat.transform, rule="fraction")
    rows, cols = heat.data.shape
    profile = dict(
        driver="GTiff",
        height=rows,
        width=cols,
        count=1,
        dtype="float32",
        crs=heat.crs,
        transform=Affine(*heat.transform),
        nodata=np.nan,
    )
    with MemoryFile() as memfile, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with memfile.open(**profile) as dst:
            dst.write(heat.data, 1)
        with memfile.open() as src:
            frame = gpd.GeoDataFrame(geometry=list(geoms), crs=heat.crs)
            ref = exact_extract(
                src, frame, ["count", "mean", "min", "max", "quantile(q=0.9)"], output="pandas"
            )
    for key, ref_key, tol in (
        ("mean", "mean", 1e-4),
        ("count", "count", 1e-4),  # exactextract keeps coverage fractions in float32
        ("min", "min", 1e-6),
        ("max", "max", 1e-6),
        ("p90", "quantile_90", 1e-4),
    ):
        np.testing.assert_allclose(ours[key], ref[ref_key].to_numpy(float), rtol=0, atol=tol, equal_nan=True)


def test_exact_coverage_equals_polygon_area(helsinki_model) -> None:
    """Σ covered fractions × pixel area is each polygon's area (where it lies on the grid)."""
    heat = helsinki_model.layers["heat"]
    a, e = heat.transform[0], heat.transform[4]
    geoms = _helsinki_zones(helsinki_model)["buildings"]
    index = zonal.ZoneIndex.build(geoms, heat.data.shape, heat.transform, "fraction")
    count = index.stats(np.ones_like(heat.data), ("count",))["count"]
    grid = box(*heat.bounds)
    inside = shapely.area(shapely.intersection(geoms, grid))
    np.testing.assert_allclose(count * abs(a * e), inside, rtol=1e-9, atol=1e-6)
