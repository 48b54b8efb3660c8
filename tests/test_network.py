"""Street-network distances, snapping and population allocation, checked by hand and against networkx."""

from __future__ import annotations

import geopandas as gpd
import networkx as nx
import numpy as np
import pytest
import shapely

from twin_app.core.network import StreetGraph
from twin_app.core.population import (
    METHOD_CELL,
    METHOD_FALLBACK,
    METHOD_RESIDENTIAL,
    allocate_population,
    attribute_to_districts,
    building_weights,
)

CRS = "EPSG:3879"


def test_grid_distance_is_along_the_streets_not_straight() -> None:
    g = StreetGraph.grid(5, 5, spacing=100.0)  # node = row * 5 + col
    d = g.distance_to_nearest([0])
    assert d[2 * 5 + 2] == pytest.approx(400.0)  # straight line: 283 m
    assert d[4 * 5 + 4] == pytest.approx(800.0)
    assert d[0] == 0.0


def test_offsets_and_several_sources() -> None:
    g = StreetGraph.grid(5, 1, spacing=100.0)  # a line 0-1-2-3-4
    d = g.distance_to_nearest([0, 4], offsets=[0.0, 250.0])
    assert d.tolist() == pytest.approx([0.0, 100.0, 200.0, 300.0, 250.0])
    # the same node twice keeps its smallest offset
    d = g.distance_to_nearest([2, 2], offsets=[50.0, 10.0])
    assert d.tolist() == pytest.approx([210.0, 110.0, 10.0, 110.0, 210.0])


def test_limit_stops_the_search() -> None:
    g = StreetGraph.grid(10, 1, spacing=100.0)
    d = g.distance_to_nearest([0], limit=350.0)
    assert d[:4].tolist() == pytest.approx([0.0, 100.0, 200.0, 300.0])
    assert np.isinf(d[4:]).all()
    d = g.distance_to_nearest([0], offsets=[30.0], limit=350.0)
    assert d[3] == pytest.approx(330.0) and np.isinf(d[4])


def test_parallel_streets_keep_the_shortest() -> None:
    xy = np.array([[0.0, 0.0], [100.0, 0.0]])
    g = StreetGraph(xy, [0, 0, 1], [1, 1, 0], [300.0, 100.0, 200.0])
    assert g.distance_to_nearest([0])[1] == pytest.approx(100.0)  # not summed, not the first
    assert g.matrix.nnz == 2


def test_snap_to_the_nearest_edge_with_offset_and_unsnapped_mask() -> None:
    g = StreetGraph.grid(3, 3, spacing=100.0)
    s = g.snap([[30.0, 10.0], [500.0, 500.0], [170.0, 200.0]], max_distance=50.0)
    assert s.unsnapped.tolist() == [False, True, False]
    assert s.distance[0] == pytest.approx(10.0)
    e = s.edge[0]
    assert {int(g.edge_u[e]), int(g.edge_v[e])} == {0, 1}
    # along runs from edge_u: 30 m from node 0
    assert s.along[0] == pytest.approx(30.0 if g.edge_u[e] == 0 else 70.0)
    assert s.node[0] == 0 and s.node[1] == -1
    assert s.node[2] == 2 * 3 + 2  # (170, 200) is nearer (200, 200)


def test_points_on_edges_walk_through_the_nearer_end_or_along_their_edge() -> None:
    g = StreetGraph.grid(3, 1, spacing=400.0)  # 0 --400-- 1 --400-- 2
    stops = g.snap([[100.0, 5.0]])  # 5 m off the street, 100 m along the first edge
    homes = g.snap([[300.0, 0.0], [700.0, 2.0]])
    nodes, walk = g.point_distance_from(stops, homes)
    assert nodes.tolist() == pytest.approx([105.0, 305.0, 705.0])
    # same edge: 200 m along it plus the stop's 5 m, not round a corner
    assert walk[0] == pytest.approx(205.0)
    # next edge: via node 1 (305) + 300 back along the second edge + 2 m to the street
    assert walk[1] == pytest.approx(305.0 + 300.0 + 2.0)


def test_snap_to_nodes_is_the_coarse_alternative() -> None:
    g = StreetGraph.grid(3, 3, spacing=100.0)
    s = g.snap_to_nodes([[30.0, 10.0]])
    assert s.node[0] == 0 and s.distance[0] == pytest.approx(np.hypot(30, 10))
    walk = g.point_distance(g.distance_to_nearest([8]), s)
    assert walk[0] == pytest.approx(400.0 + np.hypot(30, 10))


def test_fragments_are_not_snapped_to_when_asked() -> None:
    # a 40-node street along y = 0 and a 2-node fragment (under 5 % of the nodes) just above it
    xy = np.vstack([np.column_stack([np.arange(40) * 10.0, np.zeros(40)]), [[0.0, 50.0], [10.0, 50.0]]])
    u, v = [*range(39), 40], [*range(1, 40), 41]
    g = StreetGraph(xy, u, v, [10.0] * 40)
    point = [[5.0, 45.0]]
    assert g.snap(point).edge[0] == 39  # the fragment is nearest
    assert g.snap(point, main_only=True).edge[0] == 0


def _street_over_a_tunnel(at_grade: list[bool] | None) -> StreetGraph:
    """A street along y = 0 (0..1000) and a dead-end tunnel from its east end back west under y = 30.

    Nodes: 0 (0, 0), 1 (1000, 0), 2 (100, 30); the tunnel's portal is node 1
    and its geometry runs (1000, 0) -> (1000, 30) -> (100, 30): 930 m.
    """
    xy = [[0.0, 0.0], [1000.0, 0.0], [100.0, 30.0]]
    geometry = np.array(
        [shapely.LineString([(0, 0), (1000, 0)]), shapely.LineString([(1000, 0), (1000, 30), (100, 30)])]
    )
    grade = None if at_grade is None else np.array(at_grade)
    return StreetGraph(xy, [0, 1], [1, 2], [1000.0, 930.0], geometry, edge_at_grade=grade)


def test_points_are_not_joined_to_a_tunnel_beneath_them() -> None:
    # a home at (150, 35) is 5 m above the tunnel and 35 m beside the street; the source is node 0
    home = [[150.0, 35.0]]
    joined_to_tunnel = _street_over_a_tunnel(None)  # every edge may be snapped to (the old rule)
    s = joined_to_tunnel.snap(home)
    assert s.edge[0] == 1 and s.distance[0] == pytest.approx(5.0)
    # 1000 m to the portal, 30 + 850 m along the tunnel, 5 m up to the home
    walk = joined_to_tunnel.point_distance(joined_to_tunnel.distance_to_nearest([0]), s)
    assert walk[0] == pytest.approx(1885.0)

    g = _street_over_a_tunnel([True, False])
    s = g.snap(home, main_only=True)
    assert s.edge[0] == 0 and s.distance[0] == pytest.approx(35.0) and s.along[0] == pytest.approx(150.0)
    assert g.point_distance(g.distance_to_nearest([0]), s)[0] == pytest.approx(185.0)
    # the tunnel is still walked through: its far end is 1930 m from node 0
    assert g.distance_to_nearest([0])[2] == pytest.approx(1930.0)
    # a graph with no edge at grade still snaps (to all edges) rather than dropping everyone
    all_tunnel = StreetGraph([[0.0, 0.0], [10.0, 0.0]], [0], [1], [10.0], edge_at_grade=[False])
    assert all_tunnel.snap(home).snapped[0]


def test_points_off_the_main_component_are_counted() -> None:
    # a 40-node street (main), a 30-node street far above it (another main component: 30 >= 5 % of 72),
    # and a 2-node fragment just above the first street
    main = np.column_stack([np.arange(40) * 10.0, np.zeros(40)])
    other = np.column_stack([np.arange(30) * 10.0, np.full(30, 1000.0)])
    xy = np.vstack([main, other, [[0.0, 50.0], [10.0, 50.0]]])
    u = [*range(39), *range(40, 69), 70]
    v = [*range(1, 40), *range(41, 70), 71]
    g = StreetGraph(xy, u, v, [10.0] * 69)
    assert g.component_labels[0] == 0 and g.component_labels[40] == 1 and g.component_labels[70] == 2
    points = [[5.0, 2.0], [5.0, 995.0], [5.0, 45.0]]  # on the main street, the other one, by the fragment
    snapped = g.snap(points, main_only=True)
    assert g.off_main(snapped).tolist() == [False, True, False]
    assert g.nearest_in_fragment(points).tolist() == [False, False, True]
    assert snapped.edge[2] == 0 and snapped.distance[2] == pytest.approx(45.0)


def test_reachable_parts_cut_edges_at_the_threshold() -> None:
    g = StreetGraph.grid(3, 1, spacing=100.0)
    parts = g.reachable_parts(g.distance_to_nearest([0]), 150.0)
    assert shapely.length(parts).sum() == pytest.approx(150.0)


def _helsinki_nx(graph: StreetGraph) -> nx.MultiGraph:
    G = nx.MultiGraph()
    G.add_nodes_from(range(graph.n_nodes))
    G.add_weighted_edges_from(
        zip(graph.edge_u.tolist(), graph.edge_v.tolist(), graph.edge_length.tolist(), strict=True)
    )
    return G


def test_equals_networkx_on_the_helsinki_walk_network(helsinki_model) -> None:
    graph = StreetGraph.from_layer(helsinki_model.layers["streets"])
    stops = helsinki_model.layers["stops"].frame
    snapped = graph.snap(np.column_stack([stops.geometry.x, stops.geometry.y]), 100.0)
    sources = np.unique(snapped.node[snapped.snapped])
    G = _helsinki_nx(graph)

    ours = graph.distance_to_nearest(sources)
    ref = nx.multi_source_dijkstra_path_length(G, set(sources.tolist()))
    expected = np.full(graph.n_nodes, np.inf)
    expected[list(ref)] = list(ref.values())
    assert np.array_equal(np.isinf(ours), np.isinf(expected))
    finite = np.isfinite(expected)
    assert np.abs(ours[finite] - expected[finite]).max() < 0.01

    # with offsets (stops on edges): networkx through an explicit super-source node
    on = snapped.subset(snapped.snapped)
    nodes = graph.node_distance_from(on)
    G.add_node(-1)
    for e, a, p in zip(on.edge.tolist(), on.along.tolist(), on.distance.tolist(), strict=True):
        G.add_edge(-1, int(graph.edge_u[e]), weight=p + a)
        G.add_edge(-1, int(graph.edge_v[e]), weight=p + graph.edge_length[e] - a)
    ref = nx.single_source_dijkstra_path_length(G, -1)
    expected = np.full(graph.n_nodes, np.inf)
    for k, dist in ref.items():
        if k >= 0:
            expected[k] = dist
    finite = np.isfinite(expected)
    assert np.array_equal(np.isinf(nodes), ~finite)
    assert np.abs(nodes[finite] - expected[finite]).max() < 0.01


# -- population allocation -----------------------------------------------------------------------


def _square(x: float, y: float, size: float) -> shapely.Polygon:
    return shapely.box(x, y, x + size, y + size)


def test_population_goes_to_homes_by_floor_area_and_the_total_is_kept() -> None:
    cells = gpd.GeoDataFrame(
        {"population": [300.0, 70.0, 40.0, 0.0]},
        geometry=[_square(0, 0, 250), _square(250, 0, 250), _square(500, 0, 250), _square(750, 0, 250)],
        crs=CRS,
    )
    buildings = gpd.GeoDataFrame(
        {
            "building": ["apartments", "house", "office", "yes", "yes", "apartments"],
            "levels": [2.0, np.nan, 5.0, 3.0, np.nan, 4.0],
            "height_m": [6.0, 9.0, 15.0, 9.0, 6.0, 12.0],
        },
        geometry=[
            _square(10, 10, 10),  # 100 m² × 2 storeys = 200
            _square(100, 100, 10),  # 100 m² × 9 m / 3 m = 300
            _square(200, 200, 10),  # an office: never a home
            _square(300, 10, 20),  # untagged, cell 1 has no tagged home: 400 × 3
            _square(400, 10, 10),  # untagged: 100 × 2
            _square(800, 10, 10),  # a home in an empty cell: gets nobody
        ],
        crs=CRS,
    )
    assert building_weights(buildings).tolist()[:2] == pytest.approx([200.0, 300.0])
    points = allocate_population(cells, buildings)
    assert points["population"].sum() == pytest.approx(410.0, abs=1e-9)
    by_building = points.set_index("building")["population"]
    assert by_building[0] == pytest.approx(120.0) and by_building[1] == pytest.approx(180.0)
    assert by_building[3] == pytest.approx(60.0) and by_building[4] == pytest.approx(10.0)
    assert 2 not in by_building.index and 5 not in by_building.index
    methods = points.set_index("building")["method"]
    assert methods[0] == METHOD_RESIDENTIAL and methods[3] == METHOD_FALLBACK
    cell_points = points[points["building"] == -1]
    assert cell_points["cell"].tolist() == [2] and cell_points["method"].tolist() == [METHOD_CELL]
    assert cell_points.geometry.iloc[0].within(cells.geometry.iloc[2])


def test_without_buildings_every_cell_is_a_point() -> None:
    rng = np.random.default_rng(3)
    cells = gpd.GeoDataFrame(
        {"population": rng.uniform(0, 1000, 50)},
        geometry=[_square(250 * i, 0, 250) for i in range(50)],
        crs=CRS,
    )
    points = allocate_population(cells, None)
    assert len(points) == 50 and (points["building"] == -1).all()
    assert points["population"].sum() == pytest.approx(cells["population"].sum(), rel=1e-12)


def test_points_on_a_district_border_count_once() -> None:
    districts = gpd.GeoDataFrame(
        {"district": ["A", "B"]}, geometry=[_square(0, 0, 100), _square(100, 0, 100)], crs=CRS
    )
    pts = gpd.GeoDataFrame(geometry=shapely.points([[50, 50], [100, 50], [150, 50], [500, 500]]), crs=CRS)
    assert attribute_to_districts(pts, districts).tolist() == ["A", "A", "B", None]
