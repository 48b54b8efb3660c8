"""Snapping clicks to streets, stops, trees, buildings and green areas.

Every expected point and distance is worked out by hand from the geometry
built in the test (a diagonal street, an L-shaped one, the toy grid of
tests/toy_city.py with its 100 m blocks).
"""

from __future__ import annotations

import math
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from toy_city import CRS, grid_city

from twin_app.core.layers import BuildingsLayer, NetworkLayer, PointLayer, PolygonLayer, StopsLayer
from twin_app.core.model import CityModel
from twin_app.core.scenario import AddStop, AddTrees, Scenario, apply
from twin_app.core.snapping import Snapper, street_network


def small_city(tmp_path: Path) -> CityModel:
    """A walk network of two streets and a tunnel, a drive network, stops, trees, buildings, a park.

    Streets: "diag" from (0, 0) to (100, 100); "ell" from (200, 0) up to (200, 100) then to
    (300, 100); a tunnel (not at grade) along y = 50 from (0, 50) to (100, 50).
    """
    model = grid_city(tmp_path, [(500.0, 500.0, 1.0)])
    del model.layers["streets"]
    edges = gpd.GeoDataFrame(
        {
            "u": [1, 3, 5],
            "v": [2, 4, 6],
            "length": [100 * math.sqrt(2), 200.0, 100.0],
            "at_grade": [True, True, False],
        },
        geometry=[
            shapely.LineString([(0, 0), (100, 100)]),
            shapely.LineString([(200, 0), (200, 100), (300, 100)]),
            shapely.LineString([(0, 50), (100, 50)]),
        ],
        crs=CRS,
    )
    nodes = gpd.GeoDataFrame(
        {"osmid": [1, 2, 3, 4, 5, 6]},
        geometry=shapely.points([(0, 0), (100, 100), (200, 0), (300, 100), (0, 50), (100, 50)]),
        crs=CRS,
    )
    model.add_layer(NetworkLayer(id="walk", title="Walk", crs=CRS, style="streets", frame=edges, nodes=nodes))
    drive = gpd.GeoDataFrame(
        {"u": [7], "v": [8], "length": [100.0]},
        geometry=[shapely.LineString([(0, 20), (100, 20)])],
        crs=CRS,
    )
    model.add_layer(
        NetworkLayer(
            id="drive",
            title="Drive",
            crs=CRS,
            style="streets",
            frame=drive,
            nodes=nodes.iloc[:0],
            network_type="drive",
        )
    )
    stops = gpd.GeoDataFrame(
        {"stop_id": ["S1", "S2"], "name": ["Harbour", "Square"], "modes": ["bus", "tram"]},
        geometry=shapely.points([[10.0, 10.0], [250.0, 100.0]]),
        crs=CRS,
    )
    model.add_layer(StopsLayer(id="stops", title="Stops", crs=CRS, style="stops", frame=stops))
    trees = gpd.GeoDataFrame(
        {"species": ["lime", "oak"]}, geometry=shapely.points([[50, 80], [53, 80]]), crs=CRS
    )
    trees.index = [10, 11]
    model.add_layer(PointLayer(id="trees", title="Trees", crs=CRS, style="trees", frame=trees))
    buildings = gpd.GeoDataFrame(
        {"building": ["block", "courtyard house"], "height_m": [20.0, 9.0], "feature_id": [4, 7]},
        geometry=[shapely.box(400, 0, 500, 100), shapely.box(440, 40, 460, 60)],
        crs=CRS,
    )
    model.add_layer(BuildingsLayer(id="buildings", title="Buildings", crs=CRS, frame=buildings))
    green = gpd.GeoDataFrame(
        {"kind": ["park"]}, geometry=[shapely.Polygon([(600, 0), (700, 0), (600, 100)])], crs=CRS
    )
    green.index = [42]
    model.add_layer(PolygonLayer(id="green", title="Green", crs=CRS, style="green", frame=green))
    return model


def test_a_click_beside_a_diagonal_street_lands_at_its_foot_of_perpendicular(tmp_path: Path) -> None:
    snapper = Snapper(small_city(tmp_path))
    # (0, 10) to the line y = x: the foot is (5, 5), 10 / √2 = 7.071 m away
    snap = snapper.street(0.0, 10.0)
    assert snap is not None
    assert (snap.x, snap.y) == pytest.approx((5.0, 5.0), abs=1e-9)
    assert snap.distance == pytest.approx(10 / math.sqrt(2))
    assert (snap.layer_id, snap.u, snap.v, snap.row) == ("walk", "1", "2", 0)


def test_an_l_shaped_street_snaps_to_its_nearest_segment_and_corner(tmp_path: Path) -> None:
    snapper = Snapper(small_city(tmp_path))
    # (230, 120): 20 m above the second segment y = 100 (36 m from the first's end): foot (230, 100)
    snap = snapper.street(230.0, 120.0)
    assert snap is not None and (snap.x, snap.y) == pytest.approx((230.0, 100.0))
    assert snap.distance == pytest.approx(20.0) and (snap.u, snap.v) == ("3", "4")
    # (190, 110): outside the corner; the nearest point is the corner (200, 100), √200 m away
    snap = snapper.street(190.0, 110.0)
    assert snap is not None and (snap.x, snap.y) == pytest.approx((200.0, 100.0))
    assert snap.distance == pytest.approx(math.sqrt(200.0))


def test_the_snapped_point_lies_on_the_street(tmp_path: Path) -> None:
    model = small_city(tmp_path)
    snapper = Snapper(model)
    rng = np.random.default_rng(3)
    for x, y in rng.uniform([-20, -20], [320, 140], size=(50, 2)):
        snap = snapper.street(float(x), float(y), tolerance=500.0)
        assert snap is not None
        edge = model.layers["walk"].frame.geometry.iloc[snap.row]
        assert edge.distance(shapely.Point(snap.x, snap.y)) < 0.01
        # no point of any at-grade street is nearer than the snapped one
        at_grade = model.layers["walk"].frame.geometry.iloc[:2]
        assert snap.distance == pytest.approx(min(g.distance(shapely.Point(x, y)) for g in at_grade))


def test_streets_beyond_the_tolerance_and_tunnels_are_not_snapped_to(tmp_path: Path) -> None:
    snapper = Snapper(small_city(tmp_path))
    # (150, 0): 50 m from the L street's foot (200, 0), 150/√2 = 106 m from the diagonal
    assert snapper.street(150.0, 0.0, tolerance=49.0) is None
    snap = snapper.street(150.0, 0.0, tolerance=51.0)
    assert snap is not None and (snap.x, snap.y) == pytest.approx((200.0, 0.0))
    # (80, 50) is on the tunnel; the street at grade nearest to it is the diagonal, foot (65, 65)
    snap = snapper.street(80.0, 50.0)
    assert snap is not None and snap.u == "1" and (snap.x, snap.y) == pytest.approx((65.0, 65.0))
    assert snap.distance == pytest.approx(15 * math.sqrt(2))


def test_the_drive_network_is_chosen_when_preferred(tmp_path: Path) -> None:
    model = small_city(tmp_path)
    assert street_network(model).id == "walk"
    assert street_network(model, prefer="drive").id == "drive"
    snap = Snapper(model).street(30.0, 0.0, prefer="drive")
    assert snap is not None and (snap.layer_id, snap.x, snap.y, snap.distance) == ("drive", 30.0, 20.0, 20.0)


def test_a_city_without_streets_snaps_to_nothing(tmp_path: Path) -> None:
    model = small_city(tmp_path)
    for lid in ("walk", "drive", "streets"):
        model.layers.pop(lid, None)
    assert Snapper(model).street(0.0, 0.0) is None


def test_stops_and_trees_are_picked_by_the_nearest_within_the_tolerance(tmp_path: Path) -> None:
    snapper = Snapper(small_city(tmp_path))
    hit = snapper.stop(13.0, 14.0)  # 3-4-5 from S1 at (10, 10)
    assert hit is not None and (hit.key, hit.x, hit.y, hit.distance) == ("S1", 10.0, 10.0, 5.0)
    assert snapper.stop(13.0, 14.0, tolerance=4.9) is None
    assert snapper.stop(130.0, 50.0) is None  # 126 m from S1, 130 m from S2
    # trees at (50, 80) and (53, 80): a click at (52, 80) is nearer the second, named by its label
    tree = snapper.tree(52.0, 80.0, layer_id="trees")
    assert tree is not None and (tree.key, tree.distance) == ("11", 1.0)
    assert snapper.tree(52.0, 80.0, layer_id="no such layer") is None


def test_the_building_under_the_click_is_the_smallest_that_holds_it(tmp_path: Path) -> None:
    snapper = Snapper(small_city(tmp_path))
    courtyard = snapper.building(450.0, 50.0)  # inside both: the small house (feature 7)
    assert courtyard is not None and courtyard.key == "7"
    block = snapper.building(410.0, 10.0)
    assert block is not None and block.key == "4"
    assert snapper.building(500.0, 50.0) is not None  # on the block's edge still counts
    assert snapper.building(520.0, 50.0) is None
    park = snapper.green_area(610.0, 10.0)
    assert park is not None and park.layer_id == "green" and park.key == "42"
    # (680, 80) is outside the triangle (x + y ≤ 700)
    assert snapper.green_area(680.0, 80.0) is None


def test_a_scenario_model_snaps_to_its_new_stop_and_keeps_the_unchanged_trees(tmp_path: Path) -> None:
    base = small_city(tmp_path)
    snapper = Snapper(base)
    assert snapper.stop(300.0, 300.0) is None
    snapper.street(0.0, 10.0)
    street_tree = snapper._indexes[("walk", "street")][2]
    snapper.model = apply(
        base, Scenario("s", [AddStop("N1", "New", 300.0, 305.0), AddTrees(((60.0, 80.0),))])
    )
    hit = snapper.stop(300.0, 300.0)
    assert hit is not None and (hit.key, hit.distance) == ("N1", 5.0)
    tree = snapper.tree(61.0, 80.0, layer_id="trees")
    assert tree is not None and tree.key == "12"  # the next index label after 10, 11
    snapper.street(0.0, 10.0)
    assert snapper._indexes[("walk", "street")][2] is street_tree  # the same layer object: not rebuilt


def test_on_the_toy_grid_a_click_snaps_to_the_nearest_block_edge(tmp_path: Path) -> None:
    model = grid_city(tmp_path, [(500.0, 500.0, 1.0)])
    snapper = Snapper(model)
    # (137, 212): 12 m from the street y = 200, 37 m from x = 100: the foot is (137, 200),
    # on the edge between the nodes at (100, 200) and (200, 200)
    snap = snapper.street(137.0, 212.0)
    assert snap is not None and (snap.x, snap.y, snap.distance) == pytest.approx((137.0, 200.0, 12.0))
    nodes = model.layers["streets"].nodes
    ends = {tuple(nodes.geometry[nodes["osmid"] == int(node)].iloc[0].coords[0]) for node in (snap.u, snap.v)}
    assert ends == {(100.0, 200.0), (200.0, 200.0)}
    # the middle of a block (150, 150) is 50 m from four streets: beyond a 40 m tolerance
    assert snapper.street(150.0, 150.0) is None
