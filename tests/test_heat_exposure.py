"""The heat-exposure analysis: population weighting by hand, and a run on Helsinki."""

from __future__ import annotations

import dataclasses

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import box
from toy_city import lonlat_bbox

from twin_app.core.layers import BuildingsLayer, PolygonLayer, PopulationLayer, RasterLayer
from twin_app.core.model import CityModel
from twin_app.core.runner import run_analysis

CRS = "EPSG:3067"


def tiny_city(helsinki_model, units: str = "index 0–1") -> CityModel:
    """Two districts, West (x 0–20 m) and East (20–40 m); heat 0.2 in the west half, 0.8 in the east.

    Cells: A = West (100 people, 10 aged 70+), B straddles both halves (50, 10),
    C = East (30, 3).  Cell means: t_A = 0.2, t_B = 0.5, t_C = 0.8.  Buildings
    (untagged, so homes where a cell has no tagged one): one fills A (its
    interior point (10, 10) lies on B's edge too; it belongs to A, listed
    first), one small in C.  B has no home of its own: its people are spread
    by area, 25 in West (heat 0.2 there) and 25 in East (0.8).  The extent
    covers everything.
    """
    manifest = dataclasses.replace(
        helsinki_model.manifest,
        crs=CRS,
        bbox_lonlat=lonlat_bbox((-10.0, -10.0, 50.0, 30.0), CRS),
        districts_layer="districts",
        district_name_column="name",
    )
    districts = gpd.GeoDataFrame(
        {"name": ["West", "East"]}, geometry=[box(0, 0, 20, 20), box(20, 0, 40, 20)], crs=CRS
    )
    cells = gpd.GeoDataFrame(
        {"population": [100, 50, 30], "ika70_79": [10, 5, 0], "ika80_": [0, 5, 3], "ika60_69": [7, 7, 7]},
        geometry=[box(0, 0, 20, 20), box(10, 0, 30, 20), box(20, 0, 40, 20)],
        crs=CRS,
    )
    data = np.array([[0.2, 0.2, 0.8, 0.8], [0.2, 0.2, 0.8, 0.8]], dtype=np.float32)
    buildings = gpd.GeoDataFrame(
        {"height_m": [10.0, 10.0], "height_from": ["default", "default"]},
        geometry=[box(1, 1, 19, 19), box(31, 11, 34, 14)],  # the second is smaller than a pixel centre
        crs=CRS,
    )
    layers = {
        "districts": PolygonLayer("districts", "Districts", CRS, style="districts", frame=districts),
        "heat": RasterLayer(
            "heat",
            "Heat",
            CRS,
            data=data,
            transform=(10.0, 0.0, 0.0, 0.0, -10.0, 20.0),
            units=units,
            label="heat",
        ),
        "population": PopulationLayer(
            "population", "Population", CRS, style="population", frame=cells, value_column="population"
        ),
        "buildings": BuildingsLayer("buildings", "Buildings", CRS, frame=buildings, value_column="height_m"),
    }
    return CityModel(manifest=manifest, origin=(0.0, 0.0), layers=layers)


def values(result) -> dict[tuple[str, str | None], float | None]:
    return {(i.key, i.district): i.value for i in result.indicators}


def test_population_weighting_by_hand(helsinki_model) -> None:
    city = tiny_city(helsinki_model)
    got = values(run_analysis("heat-exposure", city, {"threshold": 0.6}))
    # B is split half/half: West has 100 + 25 people, East 25 + 30
    assert got[("population", "West")] == pytest.approx(125)
    assert got[("population", "East")] == pytest.approx(55)
    # each person at the heat of their home: A's building 0.2, B's West half 0.2 (not B's mean
    # 0.5), B's East half 0.8, C's building 0.8 (its pixel: it holds no pixel centre)
    assert got[("population_weighted_mean", "West")] == pytest.approx(0.2)
    assert got[("population_weighted_mean", "East")] == pytest.approx(0.8)
    assert got[("population_weighted_mean", None)] == pytest.approx((125 * 0.2 + 55 * 0.8) / 180)
    # above 0.6: everyone in East
    assert got[("share_population_above_threshold", "West")] == 0
    assert got[("share_population_above_threshold", "East")] == pytest.approx(1.0)
    assert got[("share_population_above_threshold", None)] == pytest.approx(55 / 180)
    # 70+ = ika70_79 + ika80_ (ika60_69 is not used): A 10, B 10 (5 + 5), C 3
    assert got[("population_70plus", "West")] == pytest.approx(15)
    assert got[("population_70plus", "East")] == pytest.approx(8)
    assert got[("population_weighted_mean_70plus", "West")] == pytest.approx(0.2)
    assert got[("share_population_70plus_above_threshold", None)] == pytest.approx(8 / 23)
    # area statistics: West is all 0.2, East all 0.8; the whole area has 4 + 4 pixels
    assert got[("heat_mean", "West")] == pytest.approx(0.2)
    assert got[("heat_max", "East")] == pytest.approx(0.8)
    assert got[("heat_mean", None)] == pytest.approx(0.5)
    assert got[("heat_p90", None)] == pytest.approx(0.8)
    lower = values(run_analysis("heat-exposure", city, {"threshold": 0.3}))
    assert lower[("share_population_above_threshold", None)] == pytest.approx(55 / 180)


@pytest.mark.parametrize(
    ("threshold", "share", "says"), [(0.9, 0.0, "nobody can be above it"), (0.1, 1.0, "everyone counts")]
)
def test_a_threshold_outside_the_raster_is_a_warning(helsinki_model, threshold, share, says) -> None:
    """The raster holds 0.2 and 0.8 only: at 0.9 or 0.1 the share is fixed in advance."""
    result = run_analysis("heat-exposure", tiny_city(helsinki_model), {"threshold": threshold})
    assert values(result)[("share_population_above_threshold", None)] == pytest.approx(share)
    assert len(result.warnings) == 1
    assert says in result.warnings[0] and "(0.2 to 0.8 index 0–1)" in result.warnings[0]
    assert result.to_json()["warnings"] == result.warnings
    assert result.notes["threshold_warning"] == result.warnings[0]


def test_a_threshold_inside_the_raster_warns_nothing(helsinki_model) -> None:
    assert run_analysis("heat-exposure", tiny_city(helsinki_model), {"threshold": 0.5}).warnings == []


def test_result_layers_and_notes(helsinki_model) -> None:
    city = tiny_city(helsinki_model)
    result = run_analysis("heat-exposure", city, {"pixel_rule": "fraction", "elderly": "no"})
    assert not any(i.key.endswith("70plus") for i in result.indicators)
    layers = {layer.id: layer for layer in result.layers}
    bld = layers["heat-exposure:buildings_heat"]
    assert isinstance(bld, BuildingsLayer) and bld.value_column == "heat_mean" and bld.units == "index 0–1"
    assert bld.frame["heat_mean"].tolist() == pytest.approx([0.2, 0.8])
    cells = layers["heat-exposure:population_heat"]
    assert cells.frame["heat_mean"].tolist() == pytest.approx([0.2, 0.5, 0.8])
    notes = result.notes
    assert notes["pixel_rule"] == "fraction" and notes["raster_units"] == "index 0–1"
    assert notes["pixel_size_m"] == [10.0, 10.0] and notes["threshold"] == 0.6
    # centre rule: the small building holds no pixel centre and takes the pixel under it
    centre = run_analysis("heat-exposure", city, {})
    assert centre.notes["buildings"]["valued_by_pixel_under_interior_point"] == 1


def test_heat_is_never_relabelled(helsinki_model) -> None:
    """Indicators carry the raster's own units: °C stays °C, an index stays an index."""
    result = run_analysis("heat-exposure", tiny_city(helsinki_model, units="°C"), {})
    heat = [
        i for i in result.indicators if i.key.startswith("heat_") or i.key.startswith("population_weighted")
    ]
    assert heat and all(i.unit == "°C" for i in heat)
    assert result.definitions["heat_mean"]["unit"] == "°C"
    assert result.definitions["population"]["unit"] == "people"


def test_helsinki_per_district_indicators(helsinki_model) -> None:
    result = run_analysis("heat-exposure", helsinki_model, {})
    got = values(result)
    districts = [str(n) for n in helsinki_model.districts.frame["district"]]
    for name in [*districts, None]:
        mean, p90, top = got[("heat_mean", name)], got[("heat_p90", name)], got[("heat_max", name)]
        assert 0 < mean <= p90 <= top <= 1
        if not got[("population", name)]:
            # a district with nobody in it (an edge strip) has no population-weighted figures
            assert got[("population_weighted_mean", name)] is None
            continue
        assert 0 < got[("population_weighted_mean", name)] < 1
        assert 0 <= got[("share_population_above_threshold", name)] <= 1
        assert got[("population_weighted_mean_70plus", name)] is not None
    assert all(i.unit == "index 0–1" for i in result.indicators if i.key.startswith("heat_"))
    # the whole area's people are the districts' people
    total = sum(got[("population", n)] for n in districts)
    assert got[("population", None)] == pytest.approx(total)
    assert result.notes["raster_units"] == "index 0–1" and result.notes["pixel_rule"] == "centre"
    assert {layer.id for layer in result.layers} == {
        "heat-exposure:buildings_heat",
        "heat-exposure:population_heat",
    }
    # a lower threshold counts more people, never fewer
    low = values(run_analysis("heat-exposure", helsinki_model, {"threshold": 0.5, "pixel_rule": "fraction"}))
    assert low[("share_population_above_threshold", None)] > got[("share_population_above_threshold", None)]
    assert low[("heat_mean", None)] == pytest.approx(got[("heat_mean", None)], abs=0.01)
