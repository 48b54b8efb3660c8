"""SDG 11.7.1(b) open-space access: a toy city whose answers are known by hand, and Helsinki."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from toy_city import CRS, grid_city

from twin_app.core.layers import PolygonLayer
from twin_app.core.model import CityModel
from twin_app.core.runner import run_analysis


def toy_city(tmp_path: Path, people: list[tuple[float, float, float]]) -> CityModel:
    """The shared grid city (tests/toy_city.py) with a park on (400..600)² and a grass verge."""
    model = grid_city(tmp_path, people)
    green = gpd.GeoDataFrame(
        {"kind": ["park", "grass"]},
        geometry=[shapely.box(400, 400, 600, 600), shapely.box(-50, 1000, 0, 1050)],
        crs=CRS,
    )
    model.add_layer(PolygonLayer(id="green", title="Green", crs=CRS, style="green", frame=green))
    return model


#: A walks exactly 400 m to the park's west edge; B 420.5 m; C lives in the park;
#: D is 1000 m from the park but 0 m from the grass verge (which is not open public space).
PEOPLE = [
    (0.0, 500.0, 10.0),
    (0.0, 520.5, 20.0),
    (550.0, 550.0, 5.0),
    (0.0, 1000.0, 7.0),
    (1000.0, 500.0, 8.0),
]


def _values(result, district=None) -> dict[str, float]:
    return {i.key: i.value for i in result.indicators if i.district == district}


def test_spaces_are_reached_at_their_edges_inclusive(tmp_path: Path) -> None:
    model = toy_city(tmp_path, PEOPLE)
    result = run_analysis("green-space-access", model, {})
    west, east, city = _values(result, "West"), _values(result, "East"), _values(result)
    assert west == pytest.approx({"population": 37.0, "population_served": 10.0, "share_served": 10 / 37})
    # C inside the park (0 m); E at (1000, 500) walks exactly 400 m to the east edge
    assert east == pytest.approx({"population": 13.0, "population_served": 13.0, "share_served": 1.0})
    assert city["population"] == 50.0 and city["population_served"] == 23.0
    assert result.notes["open spaces"] == 1
    assert result.notes["people living inside an open space (served at 0 m)"] == 5.0


def test_kinds_and_distance_are_parameters(tmp_path: Path) -> None:
    model = toy_city(tmp_path, PEOPLE)
    with_grass = run_analysis("green-space-access", model, {"kinds": "grass=yes"})
    assert _values(with_grass, "West")["population_served"] == 17.0  # D now counts
    farther = run_analysis("green-space-access", model, {"distance": 420.5})
    assert _values(farther, "West")["population_served"] == 30.0


def test_boundary_points_are_evenly_spaced() -> None:
    from twin_plugins.green_space_access import boundary_points

    ring_with_hole = shapely.Polygon(
        [(0, 0), (100, 0), (100, 100), (0, 100)], holes=[[(40, 40), (60, 40), (60, 60), (40, 60)]]
    )
    xy, owner = boundary_points(np.array([ring_with_hole, shapely.box(500, 500, 505, 505)]), 20.0)
    assert len(xy) == 20 + 4 + 1 and owner.tolist() == [0] * 24 + [1]


def test_helsinki_per_district_and_city_wide(helsinki_model) -> None:
    result = run_analysis("green-space-access", helsinki_model, {})
    per = {}
    for ind in result.indicators:
        per.setdefault(ind.district, {})[ind.key] = ind.value
    city = per.pop(None)
    assert len(per) == len(helsinki_model.districts.frame) == 12  # Katajanokka's edge strip included
    # a district with nobody in it (an edge strip) has no share
    assert all(
        v["share_served"] is None if not v["population"] else 0 <= v["share_served"] <= 1
        for v in per.values()
    )
    assert city["population"] == pytest.approx(sum(v["population"] for v in per.values()))
    layer = result.layers[0]
    assert layer.id == "green-space-access:walk_to_green" and layer.value_column == "walk_to_green_m"
    assert result.notes["open spaces"] > 0 and result.notes["boundary points snapped"] > 0
