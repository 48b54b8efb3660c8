"""The three analyses on a city imported from files the app never saw, answers worked out by hand.

The town (see test_city_import.py): a 3×3 street grid of 200 m blocks
(x, y in 0..400 m), stops S1 at (10, 10) and S2 at (300, 210), a park
(220..380, 20..180), four 250 m population cells holding 100, 200, 300 and
400 people, and a 50 m heat raster whose pixel (row r, column c) holds
(10r + c) / 99.  Districts: one square district (0..400, 0..400).
"""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely
from test_city_import import UTM, X0, Y0, write_town_extras, write_town_osm

from twin_app.core.city_import import CityImport, import_city
from twin_app.core.loading import load_city
from twin_app.core.runner import run_analysis


@pytest.fixture(scope="module")
def town(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("town")
    osm = write_town_osm(tmp / "town.osm.pbf")
    extras = write_town_extras(tmp)
    districts = tmp / "districts.gpkg"
    gpd.GeoDataFrame(
        {"name": ["Centre"]}, geometry=[shapely.box(X0, Y0, X0 + 400, Y0 + 400)], crs=UTM
    ).to_file(districts)
    folder = import_city(
        CityImport(
            name="town",
            osm=osm,
            gtfs=extras["gtfs"],
            population=extras["population"],
            population_column="inhabitants",
            districts=districts,
            rasters={"heat": extras["raster"]},
        ),
        tmp / "cities",
    )
    model = load_city(folder)
    assert model.problems == []
    return model


def _values(result, district=None) -> dict[str, float]:
    return {i.key: i.value for i in result.indicators if i.district == district}


def test_transit_access_by_hand(town) -> None:
    # 300 m: the cell (0,0) people live in buildings 135 m and 270 m from a stop (served);
    # the cell (250,0) point (375,125) is 25+75+100+10 = 210 m from S2 (served);
    # (125,375) is 410 m from S2 and (375,375) 310 m: not served.  400 of 1000.
    r300 = run_analysis("transit-access", town, {"low_capacity_distance": 300})
    v = _values(r300)
    assert v["population"] == pytest.approx(1000)
    assert v["population_served"] == pytest.approx(400)
    assert v["share_served"] == pytest.approx(0.4)
    assert _values(r300, "Centre")["share_served"] == pytest.approx(0.4)
    # 500 m (the SDG default): everyone
    assert _values(run_analysis("transit-access", town, {}))["share_served"] == pytest.approx(1.0)


def test_green_space_access_by_hand(town) -> None:
    # 100 m: only the people of cell (250,0), whose point lies inside the park, are served
    v = _values(run_analysis("green-space-access", town, {"distance": 100}))
    assert v["population_served"] == pytest.approx(300)
    assert v["share_served"] == pytest.approx(0.3)
    # 400 m (SDG 11.7.1 default): the farthest point, (125,375), is about 340 m away
    assert _values(run_analysis("green-space-access", town, {}))["share_served"] == pytest.approx(1.0)


def test_heat_exposure_by_hand(town) -> None:
    v = _values(run_analysis("heat-exposure", town, {}))
    # pixel centres in the district: rows and columns 1..8, mean (10·4.5 + 4.5)/99 = 0.5
    assert v["heat_mean"] == pytest.approx(0.5, abs=1e-6)
    assert v["heat_max"] == pytest.approx(88 / 99, abs=1e-6)
    # cells split by the share of their area inside the district: 100·1 + 200·0.6 + 300·0.6 + 400·0.36
    assert v["population"] == pytest.approx(544)
    cell_means = [63 / 99, 18 / 99, 67.5 / 99, 22.5 / 99]  # each cell's own pixel-centre mean
    people = [100, 120, 180, 144]
    expected = sum(p * t for p, t in zip(people, cell_means, strict=True)) / sum(people)
    assert v["population_weighted_mean"] == pytest.approx(expected, abs=1e-6)
