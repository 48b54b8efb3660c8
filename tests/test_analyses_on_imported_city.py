"""The three analyses on a city imported from files the app never saw, answers worked out by hand.

The town (see test_city_import.py): a 3×3 street grid of 200 m blocks
(x, y in 0..400 m), stops S1 at (10, 10) and S2 at (300, 210), a park
(220..380, 20..180), four 250 m population cells holding 100, 200, 300 and
400 people, and a 50 m heat raster whose pixel (row r, column c) holds
(10r + c) / 99.  Districts: one square district (0..400, 0..400).

The city's extent is the OSM data's lon/lat box, in UTM a quadrilateral a
little larger than (0..400)²; the one district is that square.  So in the
district, the cells count by their area inside the square: (0,0) keeps its
100 people (in its two homes, buildings 110 and 130), (0,250)
0.6 × 200 = 120, (250,0) 0.6 × 300 = 180, (250,250) 0.36 × 400 = 144:
544 people.  The last three
have no homes, so their people stand at the representative points of their
clipped pieces: (125, 325), (325, 125) and (325, 325).
"""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely
from pyproj import Transformer
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
    # 300 m: cell (0,0)'s homes are 135 m and 270 m from a stop (served); (325,125) walks 75 m to the
    # street y=200 and 25 + 10 m to S2 (served); (125,325) is 75 + 125 + 100 + 10 = 310 m from S2 and
    # (325,325) at least 310 m: not served.  280 of 544.
    r300 = run_analysis("transit-access", town, {"low_capacity_distance": 300})
    v = _values(r300)
    assert v["population"] == pytest.approx(544, abs=0.05)
    assert v["population_served"] == pytest.approx(280, abs=0.05)
    assert v["share_served"] == pytest.approx(280 / 544, abs=1e-4)
    assert _values(r300, "Centre")["share_served"] == pytest.approx(280 / 544, abs=1e-4)
    # 500 m (the SDG default): everyone
    assert _values(run_analysis("transit-access", town, {}))["share_served"] == pytest.approx(1.0)


def test_green_space_access_by_hand(town) -> None:
    # 100 m: only the people of cell (250,0), whose point (325,125) lies inside the park, are served
    v = _values(run_analysis("green-space-access", town, {"distance": 100}))
    assert v["population_served"] == pytest.approx(180, abs=0.05)
    assert v["share_served"] == pytest.approx(180 / 544, abs=1e-4)
    # 400 m (SDG 11.7.1 default): the farthest points, (125,325) and (325,325), are about 240 m away
    assert _values(run_analysis("green-space-access", town, {}))["share_served"] == pytest.approx(1.0)


def test_heat_exposure_by_hand(town) -> None:
    v = _values(run_analysis("heat-exposure", town, {"pixel_rule": "fraction"}))
    # pixels in the district: rows and columns 1..8, mean (10·4.5 + 4.5)/99 = 0.5
    assert v["heat_mean"] == pytest.approx(0.5, abs=1e-6)
    assert v["heat_max"] == pytest.approx(88 / 99, abs=1e-6)
    # the same people as the other analyses: the cells clipped to the extent
    assert v["population"] == pytest.approx(544, abs=0.05)
    # each person at the heat of their home, every touched pixel by its covered share:
    # building 110 (80..120, 20..50): half column 2, half column 3 of row 8 -> 82.5/99;
    # building 130 (80..120, 120..160): 3/4 in row 6, 1/4 in row 5 -> (0.75·62.5 + 0.25·52.5)/99 = 60/99;
    # the pieces of cells: rows 1..3 x columns 1..5 -> 23/99, rows 4..8 x columns 6..8 -> 67/99,
    # rows 1..3 x columns 6..8 -> 27/99
    # cell (0,0)'s 100 people are shared by floor area: 110 is 40 × 30 m × 4 levels, 130 (a house
    # without levels) 40 × 40 m × its storeys from the height it was given
    heights = town.buildings.frame["height_m"].to_numpy()
    areas = town.buildings.frame.geometry.area.to_numpy()
    house = int(abs(areas - 1600).argmin())
    storeys = max(1.0, heights[house] / town.manifest.buildings.storey_height_m)
    w110, w130 = 1200 * 4, 1600 * storeys
    home = (w110 * 82.5 + w130 * 60) / (w110 + w130)
    expected = (100 * home + 120 * 23 + 180 * 67 + 144 * 27) / 99 / 544
    assert v["population_weighted_mean"] == pytest.approx(expected, abs=1e-4)
    # above 0.6 = 59.4/99: both homes of cell (0,0) (82.5, 60) and the piece at 67: 280 of 544
    assert v["share_population_above_threshold"] == pytest.approx(280 / 544, abs=1e-4)


def test_one_population_in_every_analysis_and_info(town) -> None:
    """Each district's population is one figure: the same in the three analyses and in info."""
    figures = [
        _values(run_analysis(name, town, {}), "Centre")["population"]
        for name in ("transit-access", "green-space-access", "heat-exposure")
    ]
    info = town.info()["population"]
    assert figures[0] == figures[1] == figures[2] == pytest.approx(info["by_district"]["Centre"], abs=1e-9)
    assert info["by_district"]["Centre"] + info["outside_every_district"] == pytest.approx(
        info["inside_extent"], abs=1e-6
    )
    assert info["by_district"]["Centre"] == pytest.approx(544, abs=0.05) and info["in_grid"] == 1000
    # the extent is the OSM data's lon/lat box, a quadrilateral a little larger than the square
    # district in UTM (meridians converge by about 2.4° here): its cells' clipped shares by shapely
    w, s, e, n = town.manifest.bbox_lonlat
    xs, ys = Transformer.from_crs("EPSG:4326", UTM, always_xy=True).transform([w, e, e, w], [s, s, n, n])
    box = shapely.Polygon(zip(xs, ys, strict=True))
    cells = [shapely.box(X0 + x, Y0 + y, X0 + x + 250, Y0 + y + 250) for x in (0, 250) for y in (0, 250)]
    expected = sum(
        p * c.intersection(box).area / c.area for p, c in zip((100, 200, 300, 400), cells, strict=True)
    )
    assert info["inside_extent"] == pytest.approx(expected, rel=1e-9)
    assert info["outside_every_district"] == pytest.approx(expected - 544, abs=0.05) and expected > 560
