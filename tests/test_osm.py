"""OSM layer kinds: exact results on tiny hand-made files, agreement with osmnx on Helsinki."""

from __future__ import annotations

import bz2
import math
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pytest
from twin_layers.osm import (
    BUILDINGS_KIND,
    DISTRICTS_KIND,
    FEATURES_KIND,
    NETWORK_KIND,
    parse_height,
    parse_levels,
)

from twin_app.api import (
    BuildingsLayer,
    CorruptFileError,
    EmptyLayerError,
    LoadContext,
    MissingFileError,
    NetworkLayer,
    PolygonLayer,
)

OSM_DIR = Path(__file__).resolve().parents[1] / "sample_cities" / "helsinki" / "osm"
PBF = OSM_DIR / "helsinki_centre.osm.pbf"
CLEAN = OSM_DIR / "helsinki_centre_clean.osm.bz2"
STREETS = OSM_DIR / "helsinki_centre_streets.osm.bz2"
CRS = "EPSG:3067"
X0, Y0 = 385000.0, 6672000.0


def _ctx() -> LoadContext:
    return LoadContext(crs=CRS)


# ---------------------------------------------------------------- tag parsers


@pytest.mark.parametrize(
    ("text", "metres"),
    [
        ("12", 12.0),
        ("12 m", 12.0),
        ("12.5m", 12.5),
        ("12,5", 12.5),
        ("12;15", 12.0),
        ("40 ft", 40 * 0.3048),
        ("40'", 40 * 0.3048),
        ("40'6\"", 40.5 * 0.3048),
        (" 7 metres ", 7.0),
    ],
)
def test_parse_height_accepts_common_forms(text: str, metres: float) -> None:
    assert parse_height(text) == pytest.approx(metres)


@pytest.mark.parametrize("text", [None, "", "tall", "12 storeys", "-3", "0", "5000", "m"])
def test_parse_height_treats_garbage_as_missing(text: str | None) -> None:
    assert parse_height(text) is None


@pytest.mark.parametrize(
    ("text", "levels"),
    [("5", 5.0), ("5.5", 5.5), ("4;5", 4.0), ("3,5", 3.5), ("x", None), ("0", None), (None, None)],
)
def test_parse_levels(text: str | None, levels: float | None) -> None:
    assert parse_levels(text) == levels


# ---------------------------------------------------------------- a tiny hand-made city


def _lonlat(x: float, y: float) -> tuple[float, float]:
    from pyproj import Transformer

    lon, lat = Transformer.from_crs(CRS, "EPSG:4326", always_xy=True).transform(X0 + x, Y0 + y)
    return (round(lon, 7), round(lat, 7))


#: node id -> local metric (x, y) offset from (X0, Y0)
TINY_NODES: dict[int, tuple[float, float]] = {
    # streets: A runs 1-9-2-3 west to east, B crosses it at 2, footway C leaves at 3, motorway D apart
    1: (0, 0), 9: (50, 0), 2: (100, 0), 3: (200, 0), 4: (100, -100), 5: (100, 100), 6: (200, 100),
    7: (0, 300), 8: (300, 300),
    # concave L-shaped building (area 60*20 + 20*40 = 2000 m²)
    11: (0, -300), 12: (60, -300), 13: (60, -280), 14: (20, -280), 15: (20, -240), 16: (0, -240),
    # courtyard building: 60x60 outer, 20x20 inner (area 3600 - 400 = 3200 m²)
    21: (100, -300), 22: (160, -300), 23: (160, -240), 24: (100, -240),
    25: (120, -280), 26: (140, -280), 27: (140, -260), 28: (120, -260),
    # plain building, a building=no shed, a park and a pond
    31: (200, -300), 32: (220, -300), 33: (220, -280), 34: (200, -280),
    41: (300, -300), 42: (310, -300), 43: (310, -290), 44: (300, -290),
    51: (400, 0), 52: (500, 0), 53: (500, 100), 54: (400, 100),
    61: (400, -300), 62: (450, -300), 63: (450, -250), 64: (400, -250),
}  # fmt: skip

TINY_WAYS: list[tuple[int, list[int], dict[str, str]]] = [
    (101, [1, 9, 2, 3], {"highway": "residential", "name": "Street A"}),
    (102, [4, 2, 5], {"highway": "residential", "name": "Street B", "oneway": "yes"}),
    (103, [3, 6], {"highway": "footway"}),
    (104, [7, 8], {"highway": "motorway", "oneway": "yes"}),
    (201, [11, 12, 13, 14, 15, 16, 11], {"building": "yes", "height": "12 m", "name": "L"}),
    (202, [21, 22, 23, 24, 21], {}),
    (203, [25, 26, 27, 28, 25], {}),
    (204, [31, 32, 33, 34, 31], {"building": "yes"}),
    (205, [41, 42, 43, 44, 41], {"building": "no"}),
    (206, [51, 52, 53, 54, 51], {"leisure": "park", "name": "Tiny Park"}),
    (207, [61, 62, 63, 64, 61], {"natural": "water"}),
]


def _write_tiny(path: Path) -> Path:
    import osmium
    from osmium.osm.mutable import Node, Relation, Way

    with osmium.SimpleWriter(str(path)) as writer:
        for nid, (x, y) in sorted(TINY_NODES.items()):
            writer.add_node(Node(id=nid, location=_lonlat(x, y), tags={}))
        for wid, refs, tags in TINY_WAYS:
            writer.add_way(Way(id=wid, nodes=refs, tags=tags))
        writer.add_relation(
            Relation(
                id=301,
                members=[("w", 202, "outer"), ("w", 203, "inner")],
                tags={"type": "multipolygon", "building": "apartments", "building:levels": "5"},
            )
        )
    return path


@pytest.fixture(scope="module", params=["tiny.osm", "tiny.osm.pbf"])
def tiny(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write_tiny(tmp_path_factory.mktemp("tiny") / request.param)


def test_tiny_walk_network_splits_at_the_crossing(tiny: Path) -> None:
    layer = NETWORK_KIND.load(tiny, {}, _ctx())
    assert isinstance(layer, NetworkLayer)
    assert layer.network_type == "walk" and layer.style == "streets"
    # the motorway is not walkable; node 9 is a shape point inside edge 1-2
    assert sorted(layer.nodes.osmid) == [1, 2, 3, 4, 5, 6]
    pairs = sorted(zip(layer.frame.u, layer.frame.v, strict=True))
    expected = [(1, 2), (2, 1), (2, 3), (2, 4), (2, 5), (3, 2), (3, 6), (4, 2), (5, 2), (6, 3)]
    assert pairs == expected  # walking ignores oneway=yes on Street B
    assert np.allclose(layer.frame.length, 100.0, atol=0.05)
    assert np.allclose(layer.frame.geometry.length, layer.frame.length)
    edge_12 = layer.frame[(layer.frame.u == 1) & (layer.frame.v == 2)].iloc[0]
    assert len(edge_12.geometry.coords) == 3 and edge_12.osmid == 101 and edge_12["name"] == "Street A"
    node2 = layer.nodes.set_index("osmid").loc[2]
    assert node2.x == pytest.approx(X0 + 100, abs=0.05) and node2.y == pytest.approx(Y0, abs=0.05)


def test_tiny_drive_network_respects_oneway_and_drops_footways(tiny: Path) -> None:
    layer = NETWORK_KIND.load(tiny, {"network_type": "drive"}, _ctx())
    pairs = sorted(zip(layer.frame.u, layer.frame.v, strict=True))
    assert pairs == [(1, 2), (2, 1), (2, 3), (2, 5), (3, 2), (4, 2), (7, 8)]
    motorway = layer.frame[layer.frame.osmid == 104].iloc[0]
    assert motorway.length == pytest.approx(300.0, abs=0.05) and bool(motorway.oneway)


def test_tiny_buildings_heights_and_courtyard(tiny: Path) -> None:
    layer = BUILDINGS_KIND.load(tiny, {}, _ctx())
    assert isinstance(layer, BuildingsLayer)
    frame = layer.frame.set_index("osm_id")
    assert sorted(frame.index) == [201, 204, 301]  # building=no is not a building
    assert list(layer.frame.feature_id) == list(range(3))
    assert frame.loc[201, "height_m"] == 12.0 and frame.loc[201, "height_from"] == "height_tag"
    assert frame.loc[301, "height_m"] == 15.0 and frame.loc[301, "height_from"] == "levels"
    assert frame.loc[301, "levels"] == 5.0 and frame.loc[301, "osm_type"] == "relation"
    # building=yes, 400 m², nothing known and no city default: the table's generic 2 storeys × 3 m
    assert frame.loc[204, "height_m"] == 6.0 and frame.loc[204, "height_from"] == "default"
    assert math.isnan(frame.loc[204, "levels"])
    assert frame.loc[201].geometry.area == pytest.approx(2000.0, rel=1e-3)  # concave stays concave
    assert frame.loc[301].geometry.area == pytest.approx(3600.0 - 400.0, rel=1e-3)
    assert layer.height_from_counts() == {
        "height_tag": 1,
        "levels": 1,
        "levels_median": 0,
        "type_default": 0,
        "default": 1,
        "footprint": 0,
    }
    assert layer.value_column == "height_m" and layer.units == "m"


def test_tiny_features(tiny: Path) -> None:
    green = FEATURES_KIND.load(tiny, {"category": "green"}, _ctx())
    water = FEATURES_KIND.load(tiny, {"category": "water"}, _ctx())
    assert isinstance(green, PolygonLayer) and green.style == "green" and water.style == "water"
    assert list(green.frame.kind) == ["park"] and list(green.frame["name"]) == ["Tiny Park"]
    assert list(water.frame.kind) == ["water"] and water.frame.geometry.area.iloc[0] == pytest.approx(
        2500, rel=1e-3
    )
    with pytest.raises(EmptyLayerError):
        FEATURES_KIND.load(tiny, {"category": "landuse"}, _ctx())


def test_tiny_districts_fall_back_to_a_grid(tiny: Path) -> None:
    ctx = _ctx()
    layer = DISTRICTS_KIND.load(tiny, {"grid_cell_m": 200}, ctx)
    frame = layer.frame
    assert set(frame.source) == {"grid"} and "A1" in set(frame["district"])
    assert any("200 m grid" in n for n in layer.notes)
    # the grid is centred on the streets and buildings (x 0..300 m, y -300..300 m): 2 x 3 cells of
    # 200 m from x = -50 m; the extract starts near x = 0, so the western column is clipped
    assert len(frame) == 6
    whole = frame[frame["district"].isin(["A2", "B2", "C2"])]
    assert list(whole.area_km2) == pytest.approx([0.04] * 3, rel=2e-3)
    west = frame[frame["district"].isin(["A1", "B1", "C1"])]
    assert (west.area_km2 < 0.035).all() and west["clipped"].all()  # the extract's west edge is a meridian


def test_the_file_is_parsed_once_per_city_load(tiny: Path) -> None:
    ctx = _ctx()
    NETWORK_KIND.load(tiny, {}, ctx)
    BUILDINGS_KIND.load(tiny, {}, ctx)
    assert len(ctx.cache) == 1


# ---------------------------------------------------------------- valid files in any order


def _write_tiny_as_edited(path: Path, *, unsorted: bool, negative: bool) -> Path:
    """The tiny city again, in file order nobody sorted and/or with negative (JOSM) ids.

    Both are valid OSM: ``osmium sort`` exists because files are not always
    sorted, and JOSM gives objects it created negative ids until they are
    uploaded.
    """
    import osmium
    from osmium.osm.mutable import Node, Relation, Way

    sign = -1 if negative else 1
    nodes = [Node(id=sign * n, location=_lonlat(x, y), tags={}) for n, (x, y) in sorted(TINY_NODES.items())]
    ways = [Way(id=sign * w, nodes=[sign * r for r in refs], tags=tags) for w, refs, tags in TINY_WAYS]
    relation = Relation(
        id=sign * 301,
        members=[("w", sign * 202, "outer"), ("w", sign * 203, "inner")],
        tags={"type": "multipolygon", "building": "apartments", "building:levels": "5"},
    )
    with osmium.SimpleWriter(str(path)) as writer:
        if unsorted:  # the relation first, then ways, with half of the nodes after them
            writer.add_relation(relation)
            for node in nodes[::2]:
                writer.add_node(node)
            for way in reversed(ways):
                writer.add_way(way)
            for node in nodes[1::2]:
                writer.add_node(node)
        else:
            for node in nodes:
                writer.add_node(node)
            for way in ways:
                writer.add_way(way)
            writer.add_relation(relation)
    return path


@pytest.mark.parametrize("suffix", [".osm", ".osm.pbf"])
@pytest.mark.parametrize(("unsorted", "negative"), [(True, False), (False, True), (True, True)])
def test_unsorted_and_negative_id_files_read_like_the_sorted_one(
    tmp_path: Path, suffix: str, unsorted: bool, negative: bool
) -> None:
    sorted_file = _write_tiny(tmp_path / f"sorted{suffix}")
    edited = _write_tiny_as_edited(tmp_path / f"edited{suffix}", unsorted=unsorted, negative=negative)
    sign = -1 if negative else 1
    want, got = (BUILDINGS_KIND.load(f, {}, _ctx()).frame.set_index("osm_id") for f in (sorted_file, edited))
    assert sorted(got.index) == sorted(sign * i for i in want.index)  # the file's own ids
    for osm_id, row in want.iterrows():
        other = got.loc[sign * osm_id]
        assert other.geometry.equals_exact(row.geometry, 1e-6)
        assert (other["height_m"], other["height_from"]) == (row["height_m"], row["height_from"])
    assert got.loc[sign * 301].geometry.area == pytest.approx(3600.0 - 400.0, rel=1e-3)  # the relation
    want_net, got_net = (NETWORK_KIND.load(f, {}, _ctx()) for f in (sorted_file, edited))
    pairs = sorted(zip(want_net.frame.u * sign, want_net.frame.v * sign, want_net.frame.length, strict=True))
    assert sorted(zip(got_net.frame.u, got_net.frame.v, got_net.frame.length, strict=True)) == pairs
    for category in ("green", "water"):
        areas = [
            FEATURES_KIND.load(f, {"category": category}, _ctx()).frame.area.sum()
            for f in (sorted_file, edited)
        ]
        assert areas[1] == pytest.approx(areas[0], rel=1e-9) and areas[0] > 0


@pytest.mark.parametrize("suffix", [".osm", ".osm.pbf"])
@pytest.mark.parametrize("layout", ["joined", "joined without relations", "each way twice"])
def test_repeated_objects_load_once(tmp_path: Path, suffix: str, layout: str) -> None:
    """Extracts joined without sorting repeat the objects they share: still valid OSM."""
    import osmium
    from osmium.osm.mutable import Node, Relation, Way

    path = tmp_path / f"joined{suffix}"
    nodes = [Node(id=n, location=_lonlat(x, y), tags={}) for n, (x, y) in sorted(TINY_NODES.items())]
    ways = {w: Way(id=w, nodes=refs, tags=tags) for w, refs, tags in TINY_WAYS}
    with_relation = layout != "joined without relations"
    with osmium.SimpleWriter(str(path)) as writer:
        for node in nodes:
            writer.add_node(node)
        for way in ways.values():
            writer.add_way(way)
            if layout == "each way twice":
                writer.add_way(way)
        if with_relation:
            members = [("w", 202, "outer"), ("w", 203, "inner")]
            tags = {"type": "multipolygon", "building": "apartments", "building:levels": "5"}
            writer.add_relation(Relation(id=301, members=members, tags=tags))
        if layout != "each way twice":  # the second extract shares a street and the L-shaped building
            for node in nodes[:12]:
                writer.add_node(node)
            writer.add_way(ways[101])
            writer.add_way(ways[201])
    buildings = BUILDINGS_KIND.load(path, {}, _ctx()).frame
    assert sorted(buildings.osm_id) == ([201, 204, 301] if with_relation else [201, 204])
    streets = NETWORK_KIND.load(path, {}, _ctx()).frame
    assert int((streets.osmid == 101).sum()) == 4  # 1-2 and 2-3, both ways, once


def test_a_josm_file_with_new_objects_loads(tmp_path: Path) -> None:
    """A file as JOSM saves it: new objects have negative ids counting down, and no bounds."""
    (lon1, lat1), (lon2, lat2), (lon3, lat3), (lon4, lat4) = (
        _lonlat(0, 0), _lonlat(20, 0), _lonlat(20, 10), _lonlat(0, 10)
    )  # fmt: skip
    josm = tmp_path / "edited.osm"
    josm.write_text(
        f"""<?xml version='1.0' encoding='UTF-8'?>
<osm version='0.6' upload='false' generator='JOSM'>
  <node id='-101' action='modify' visible='true' lat='{lat1}' lon='{lon1}' />
  <node id='-102' action='modify' visible='true' lat='{lat2}' lon='{lon2}' />
  <node id='-103' action='modify' visible='true' lat='{lat3}' lon='{lon3}' />
  <node id='-104' action='modify' visible='true' lat='{lat4}' lon='{lon4}' />
  <node id='-105' action='modify' visible='true' lat='{lat1 - 0.001}' lon='{lon1}' />
  <way id='-106' action='modify' visible='true'>
    <nd ref='-101' /><nd ref='-102' /><nd ref='-103' /><nd ref='-104' /><nd ref='-101' />
    <tag k='building' v='house' /><tag k='building:levels' v='2' />
  </way>
  <way id='-107' action='modify' visible='true'>
    <nd ref='-101' /><nd ref='-105' />
    <tag k='highway' v='residential' />
  </way>
</osm>
""",
        encoding="utf-8",
    )
    buildings = BUILDINGS_KIND.load(josm, {}, _ctx())
    assert list(buildings.frame.osm_id) == [-106]
    assert buildings.frame.geometry.area.iloc[0] == pytest.approx(200.0, rel=1e-3)
    assert buildings.frame.height_m.iloc[0] == 6.0  # 2 levels × 3 m
    streets = NETWORK_KIND.load(josm, {}, _ctx())
    assert sorted(zip(streets.frame.u, streets.frame.v, strict=True)) == [(-105, -101), (-101, -105)]


# ---------------------------------------------------------------- broken files


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(MissingFileError):
        NETWORK_KIND.load(tmp_path / "nowhere.osm.pbf", {}, _ctx())


def test_truncated_pbf(tmp_path: Path) -> None:
    bad = tmp_path / "cut.osm.pbf"
    bad.write_bytes(PBF.read_bytes()[: PBF.stat().st_size // 2])
    with pytest.raises(CorruptFileError, match="OpenStreetMap"):
        BUILDINGS_KIND.load(bad, {}, _ctx())


def test_text_renamed_as_pbf(tmp_path: Path) -> None:
    bad = tmp_path / "notes.osm.pbf"
    bad.write_text("these are meeting notes, not map data\n" * 20)
    with pytest.raises(CorruptFileError):
        NETWORK_KIND.load(bad, {}, _ctx())


def test_truncated_xml(tmp_path: Path) -> None:
    bad = tmp_path / "cut.osm"
    bad.write_bytes(bz2.decompress(STREETS.read_bytes())[:200_000])
    with pytest.raises(CorruptFileError):
        NETWORK_KIND.load(bad, {}, _ctx())


# ---------------------------------------------------------------- Helsinki


@pytest.fixture(scope="module")
def helsinki_ctx() -> LoadContext:
    return _ctx()


@pytest.mark.slow
def test_helsinki_pbf_and_clean_xml_agree(helsinki_ctx: LoadContext) -> None:
    """The clipped PBF (ways with missing nodes) gives what its trimmed XML gives."""
    pbf = NETWORK_KIND.load(PBF, {}, helsinki_ctx)
    xml = NETWORK_KIND.load(CLEAN, {}, helsinki_ctx)
    assert len(pbf.nodes) == len(xml.nodes) and len(pbf.frame) == len(xml.frame)
    assert pbf.frame.length.sum() == pytest.approx(xml.frame.length.sum(), rel=1e-6)
    b_pbf = BUILDINGS_KIND.load(PBF, {}, helsinki_ctx)
    b_xml = BUILDINGS_KIND.load(CLEAN, {}, helsinki_ctx)
    assert len(b_pbf.frame) == len(b_xml.frame)


@pytest.mark.slow
def test_helsinki_buildings_match_osmnx(helsinki_ctx: LoadContext) -> None:
    import osmnx

    osmnx.settings.use_cache = False
    theirs = osmnx.features_from_xml(CLEAN, tags={"building": True})
    polygons = theirs[theirs.geometry.geom_type.isin(["Polygon", "MultiPolygon"])]
    layer = BUILDINGS_KIND.load(CLEAN, {}, helsinki_ctx)
    # both assemble closed ways and multipolygon relations; allow 1 % for assembly differences
    assert len(layer.frame) == pytest.approx(len(polygons), rel=0.01)
    counts = layer.height_from_counts()
    assert sum(counts.values()) == len(layer.frame)
    n_height = int(polygons["height"].notna().sum())
    assert counts["height_tag"] == pytest.approx(n_height, abs=2)
    n_levels = int((polygons["height"].isna() & polygons["building:levels"].notna()).sum())
    assert counts["levels"] == pytest.approx(n_levels, abs=5)
    assert counts["levels"] > 300 and counts["levels_median"] > counts["levels"]


@pytest.mark.slow
def test_helsinki_network_matches_osmnx_topology(helsinki_ctx: LoadContext) -> None:
    """osmnx's simplified nodes are ours; our extra nodes are explained.

    graph_from_xml keeps only the largest connected component, and its
    simplification also removes nodes where exactly two ways join end to end
    (merging them into one edge).  So within our largest component, every
    node osmnx has is ours, and (nearly) each extra node of ours has two neighbours.
    """
    import networkx as nx
    import osmnx

    osmnx.settings.use_cache = False
    graph = osmnx.graph_from_xml(STREETS, bidirectional=True)
    layer = NETWORK_KIND.load(STREETS, {"network_type": "all"}, helsinki_ctx)
    ours = nx.Graph()
    ours.add_edges_from(zip(layer.frame.u, layer.frame.v, strict=True))
    largest = max(nx.connected_components(ours), key=len)
    theirs = set(graph.nodes)
    assert theirs <= largest
    extra = largest - theirs
    neighbours = Counter(len(set(ours.neighbors(n)) - {n}) for n in extra)
    # (a lone loop way split into two parallel edges shows as one neighbour)
    assert set(neighbours) <= {1, 2} and neighbours[2] >= 0.99 * len(extra)
    # every undirected edge osmnx has is split once more per extra node
    our_edges = ours.subgraph(largest).number_of_edges()
    their_edges = nx.Graph(graph.to_undirected()).number_of_edges()
    assert our_edges == pytest.approx(their_edges + len(extra), rel=0.01)


def test_helsinki_features(helsinki_ctx: LoadContext) -> None:
    green = FEATURES_KIND.load(PBF, {"category": "green"}, helsinki_ctx)
    water = FEATURES_KIND.load(PBF, {"category": "water"}, helsinki_ctx)
    landuse = FEATURES_KIND.load(PBF, {"category": "landuse"}, helsinki_ctx)
    assert {"park", "grass", "playground"} <= set(green.frame.kind)
    assert len(water.frame) > 5
    assert len(landuse.frame) > 400


def test_helsinki_districts(helsinki_ctx: LoadContext) -> None:
    layer = DISTRICTS_KIND.load(PBF, {}, helsinki_ctx)
    frame = layer.frame
    names = set(frame["district"])
    assert {"Kamppi", "Kluuvi", "Kaartinkaupunki", "Punavuori"} <= names
    # the edge strip of Katajanokka stays Katajanokka (it used to join Kaartinkaupunki)
    assert "Katajanokka" in names and len(frame) == 12
    assert set(frame.source) == {"osm-admin"} and set(frame.admin_level) == {"10"}
    assert frame["district"].is_unique
    clipped = dict(zip(frame["district"], frame["clipped"], strict=True))
    assert not clipped["Kluuvi"] and not clipped["Kaartinkaupunki"] and clipped["Katajanokka"]
    geoms = list(frame.geometry)
    overlaps = sum(a.intersection(b).area for i, a in enumerate(geoms) for b in geoms[i + 1 :])
    assert overlaps < 1.0
    from twin_layers._osm_districts import _box
    from twin_layers._osm_read import load_osm

    box = _box(load_osm(PBF, helsinki_ctx.cache), helsinki_ctx)
    union = frame.geometry.union_all()
    assert union.symmetric_difference(box).area < 0.001 * box.area
    assert frame.area_km2.sum() == pytest.approx(box.area / 1e6, rel=0.001)
    by_name = defaultdict(float, zip(frame["district"], frame.area_km2, strict=True))
    assert 0.3 < by_name["Kaartinkaupunki"] < 0.5  # a complete relation, assembled whole


def test_helsinki_districts_close_cut_boundaries_at_the_box_edge(helsinki_ctx: LoadContext) -> None:
    """The south-east corner splits into Ullanlinna and Kaivopuisto instead of leaking into Kruununhaka.

    Ullanlinna has no place node: it is named from the boundary ways it owns.
    The Kaivopuisto park itself (24.9560, 60.1590) lies just south of the
    extract, so points checked inside the box stand in for it.
    """
    import shapely
    from pyproj import Transformer

    frame = DISTRICTS_KIND.load(PBF, {}, helsinki_ctx).frame
    to_crs = Transformer.from_crs("EPSG:4326", helsinki_ctx.crs, always_xy=True)

    def district_at(lon: float, lat: float) -> list[str]:
        point = shapely.Point(*to_crs.transform(lon, lat))
        return [str(n) for n, g in zip(frame["district"], frame.geometry, strict=True) if g.contains(point)]

    names = set(frame["district"])
    assert {"Ullanlinna", "Kaivopuisto", "Kruununhaka", "Kaartinkaupunki"} <= names
    assert district_at(24.9500, 60.1610) == ["Ullanlinna"]  # Tähtitorninvuori park
    assert district_at(24.9570, 60.1595) == ["Kaivopuisto"]  # the box's south-east corner
    assert district_at(24.9550, 60.1720) == ["Kruununhaka"]
    by_name = dict(zip(frame["district"], frame.area_km2, strict=True))
    assert 0.3 < by_name["Kruununhaka"] < 0.55  # no longer the whole south-east as well
    assert 0.3 < by_name["Ullanlinna"] < 0.5
