"""One population: cells clipped to the extent, placed in homes or split by area, counted once.

Every answer here is worked out by hand from the drawings in the docstrings.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from toy_city import CRS, grid_city

from twin_app.core.population import METHOD_CELL, METHOD_FALLBACK, METHOD_RESIDENTIAL, allocate


def _row(x0: float, y0: float, x1: float, y1: float) -> shapely.Polygon:
    return shapely.box(x0, y0, x1, y1)


#: four 100 m cells in a row, x 0..400: A 100 people (10 aged 70+), B 60 (20), C 30 (0), D 50 (5)
CELLS = gpd.GeoDataFrame(
    {"population": [100.0, 60.0, 30.0, 50.0], "ika70_": [10.0, 20.0, 0.0, 5.0]},
    geometry=[_row(0, 0, 100, 100), _row(100, 0, 200, 100), _row(200, 0, 300, 100), _row(300, 0, 400, 100)],
    crs=CRS,
)
#: the extent cuts the cells at y = 80 and x = 250: A and B keep 0.8, C 0.4, D nothing
EXTENT = _row(0, 0, 250, 80)
#: in A, a home inside the extent and one whose interior point (y = 90) is outside it;
#: in C an untagged building; B has none; in D a home outside the extent
BUILDINGS = gpd.GeoDataFrame(
    {"building": ["apartments", "house", "yes", "house"], "levels": [2.0, 1.0, 1.0, 1.0]},
    geometry=[_row(10, 10, 30, 30), _row(40, 85, 60, 95), _row(210, 10, 220, 20), _row(310, 10, 320, 20)],
    crs=CRS,
)
DISTRICTS = gpd.GeoDataFrame(
    {"district": ["West", "East"]}, geometry=[_row(0, 0, 150, 100), _row(150, 0, 400, 100)], crs=CRS
)


def test_cells_cut_by_the_extent_count_by_the_share_of_their_area_inside() -> None:
    alloc = allocate(CELLS, BUILDINGS, extent=EXTENT, districts=DISTRICTS)
    assert alloc.inside.tolist() == pytest.approx([0.8, 0.8, 0.4, 0.0])
    assert alloc.total_in_grid() == 240
    # 0.8·100 + 0.8·60 + 0.4·30 + 0·50
    assert alloc.total_in_extent() == pytest.approx(140)
    assert alloc.people().sum() == pytest.approx(140)
    # the other count columns follow the same shares: 0.8·10 + 0.8·20 + 0 + 0
    assert alloc.total_in_extent("ika70_") == pytest.approx(24)
    assert alloc.people("ika70_").sum() == pytest.approx(24)


def test_people_go_to_homes_inside_the_extent_and_cells_without_any_are_split_by_area() -> None:
    alloc = allocate(CELLS, BUILDINGS, extent=EXTENT, districts=DISTRICTS)
    frame = alloc.frame(["ika70_"])
    homes = frame[frame["building"] >= 0].set_index("building")
    # A's 80 people all live in the home inside the extent; C's 12 in its untagged building
    assert homes.loc[0, "population"] == pytest.approx(80) and homes.loc[0, "method"] == METHOD_RESIDENTIAL
    assert homes.loc[2, "population"] == pytest.approx(12) and homes.loc[2, "method"] == METHOD_FALLBACK
    assert set(homes.index) == {0, 2}
    # B (100..200 × 0..80 inside) has no building: 4000 m² in West and 4000 m² in East, of a 10 000 m² cell
    pieces = frame[frame["building"] == -1].sort_values("district", ascending=False)
    assert pieces["method"].tolist() == [METHOD_CELL, METHOD_CELL]
    assert pieces["district"].tolist() == ["West", "East"]
    assert pieces["population"].tolist() == pytest.approx([24, 24])
    assert pieces["ika70_"].tolist() == pytest.approx([8, 8])
    west_piece, east_piece = _row(100, 0, 150, 80), _row(150, 0, 200, 80)
    assert pieces.geometry.iloc[0].within(west_piece) and pieces.geometry.iloc[1].within(east_piece)
    # one figure per district: West = 80 + 24, East = 24 + 12; nobody outside them
    assert alloc.by_district() == pytest.approx({"West": 104, "East": 36})
    assert alloc.by_district("ika70_") == pytest.approx({"West": 16, "East": 8})
    assert alloc.outside_districts() == pytest.approx(0)


def test_people_outside_every_district_are_reported_not_annexed() -> None:
    only_west = DISTRICTS.iloc[[0]]
    alloc = allocate(CELLS, BUILDINGS, extent=EXTENT, districts=only_west)
    # B's eastern half (24) and C's building (12) lie in no district
    assert alloc.by_district() == pytest.approx({"West": 104})
    assert alloc.outside_districts() == pytest.approx(36)
    assert alloc.by_district()["West"] + alloc.outside_districts() == pytest.approx(alloc.total_in_extent())


def test_without_an_extent_whole_cells_count() -> None:
    alloc = allocate(CELLS, BUILDINGS, districts=DISTRICTS)
    assert alloc.total_in_extent() == alloc.total_in_grid() == 240
    # A's 100 people shared by floor area: 400 m² × 2 levels and 200 m² × 1 level
    homes = alloc.frame().set_index("building")["population"]
    assert homes[0] == pytest.approx(80) and homes[1] == pytest.approx(20)
    assert homes[3] == pytest.approx(50)  # D's home
    assert alloc.by_district() == pytest.approx({"West": 100 + 30, "East": 30 + 30 + 50})


def test_the_city_places_its_people_once_and_info_gives_the_same_figures(tmp_path: Path) -> None:
    """The toy grid city: 10 people at (150,150) in West, 30 at (650,150) in East, 5 beyond its extent."""
    model = grid_city(tmp_path, [(150, 150, 10), (650, 150, 30), (5000, 150, 5)])
    first = model.people("population", None)
    assert model.people("population", None) is first  # computed once, shared
    info = model.info()["population"]
    assert info["in_grid"] == 45 and info["inside_extent"] == pytest.approx(40)
    assert info["by_district"] == pytest.approx({"West": 10, "East": 30})
    assert info["outside_every_district"] == pytest.approx(0)
    assert info["by_district"] == first.by_district()


def test_a_cell_straddling_districts_and_the_extent_by_hand(tmp_path: Path) -> None:
    """A 2 × 2 m cell centred on the West/East border (x = 500) holds 8 people: 4 each side."""
    model = grid_city(tmp_path, [(500, 300, 8)])
    alloc = model.people("population", None)
    assert alloc.by_district() == pytest.approx({"West": 4, "East": 4})
    assert np.isclose(alloc.people().sum(), 8)


@pytest.mark.slow
def test_helsinki_has_one_population_per_district(helsinki_model) -> None:
    """Each district's population is the same in the three analyses and in info, and nobody is lost."""
    from pyproj import Transformer

    from twin_app.core.runner import run_analysis

    info = helsinki_model.info()["population"]
    by_district = info["by_district"]
    for analysis in ("transit-access", "green-space-access", "heat-exposure"):
        result = run_analysis(analysis, helsinki_model, {})
        got = {i.district: i.value for i in result.indicators if i.key == "population"}
        assert {k: v for k, v in got.items() if k is not None} == pytest.approx(by_district, abs=1e-6)
        assert got[None] == pytest.approx(sum(by_district.values()), abs=1e-6)
    # the districts and the people outside them add up to the grid clipped to the extent by area,
    # worked out here with pyproj and shapely from the manifest's box and the grid file
    w, s, e, n = helsinki_model.manifest.bbox_lonlat
    tr = Transformer.from_crs("EPSG:4326", helsinki_model.manifest.crs, always_xy=True)
    box = shapely.Polygon(zip(*tr.transform([w, e, e, w], [s, s, n, n]), strict=True))
    grid = gpd.read_file(helsinki_model.layers["population"].source).to_crs(helsinki_model.manifest.crs)
    shares = np.array([c.intersection(box).area / c.area for c in grid.geometry])
    expected = float((grid["population"].to_numpy(dtype=float) * shares).sum())
    assert info["inside_extent"] == pytest.approx(expected, rel=1e-9)
    assert sum(by_district.values()) + info["outside_every_district"] == pytest.approx(expected, rel=1e-9)
    assert info["in_grid"] == pytest.approx(float(grid["population"].sum()))


def test_a_grid_without_its_count_column_is_a_sentence() -> None:
    from twin_app.core.errors import MissingLayerError

    with pytest.raises(
        MissingLayerError, match=r"no count column 'inhabitants' \(it has: population, ika70_\)"
    ):
        allocate(CELLS, None, column="inhabitants")
