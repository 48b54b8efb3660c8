"""Transit stops from OpenStreetMap tags: modes worked out by hand, and transit access without GTFS.

The files are written here with pyosmium, as XML and PBF, in a made-up
place in UTM zone 34N (metric offsets from (X0, Y0)).
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from test_city_import import UTM, X0, Y0, _ll
from twin_layers._osm_read import load_osm
from twin_layers.osm import STOPS_KIND

from twin_app.api import LoadContext, StopsLayer, TwinError
from twin_app.core.city_import import CityImport, import_city
from twin_app.core.loading import load_city
from twin_app.core.runner import run_analysis

#: node id -> (x, y, tags, the modes a planner reads from the tags; None: not a stop)
STOP_NODES: dict[int, tuple[float, float, dict[str, str], str | None]] = {
    1: (0, 50, {"highway": "bus_stop", "name": "Corner"}, "bus"),
    2: (100, 50, {"public_transport": "platform", "bus": "yes", "tram": "yes"}, "bus, tram"),
    3: (200, 50, {"railway": "tram_stop", "public_transport": "stop_position"}, "tram"),
    4: (300, 50, {"railway": "station", "station": "subway", "name": "Metro"}, "metro"),
    5: (400, 50, {"railway": "halt"}, "rail"),
    6: (500, 50, {"amenity": "ferry_terminal"}, "ferry"),
    7: (600, 50, {"public_transport": "stop_position"}, "other"),
    8: (700, 50, {"railway": "station", "train": "yes", "subway": "yes"}, "metro, rail"),
    9: (800, 50, {"highway": "crossing"}, None),
    10: (900, 50, {"place": "suburb", "name": "Somewhere"}, None),
    11: (950, 50, {"public_transport": "platform", "bus": "no", "ferry": "yes"}, "ferry"),
}  # fmt: skip
#: plain nodes of the ways below
WAY_NODES: dict[int, tuple[float, float]] = {
    101: (0, 0), 102: (1000, 0),
    201: (100, 200), 202: (140, 200), 203: (140, 260), 204: (100, 260),
    301: (300, 200), 302: (300, 320),
    401: (500, 200), 402: (600, 200),
}  # fmt: skip
WAYS: list[tuple[int, list[int], dict[str, str]]] = [
    (1001, [101, 102], {"highway": "residential"}),
    # a station drawn as an area: its centroid (120, 230) stands for it
    (1002, [201, 202, 203, 204, 201], {"railway": "station", "name": "Station"}),
    # a platform drawn as a line: its midpoint (300, 260)
    (1003, [301, 302], {"public_transport": "platform", "railway": "platform"}),
    # a track: not a stop, and no kind wants it
    (1004, [401, 402], {"railway": "rail"}),
]


def write_stops_osm(path: Path) -> Path:
    import osmium
    from osmium.osm.mutable import Node, Way

    with osmium.SimpleWriter(str(path)) as writer:
        nodes = {nid: (x, y, tags) for nid, (x, y, tags, _) in STOP_NODES.items()}
        nodes.update({nid: (x, y, {}) for nid, (x, y) in WAY_NODES.items()})
        for nid, (x, y, tags) in sorted(nodes.items()):
            writer.add_node(Node(id=nid, location=_ll(x, y), tags=tags))
        for wid, refs, tags in WAYS:
            writer.add_way(Way(id=wid, nodes=refs, tags=tags))
    return path


@pytest.fixture(scope="module", params=["stops.osm", "stops.osm.pbf"])
def stops_file(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_stops_osm(tmp_path_factory.mktemp("stops") / request.param)


def test_stops_and_their_modes_from_tags(stops_file: Path) -> None:
    ctx = LoadContext(crs=UTM, layer_id="stops", title="Stops")
    layer = STOPS_KIND.load(stops_file, {}, ctx)
    assert isinstance(layer, StopsLayer)
    assert layer.stops_source == "OpenStreetMap tags" and layer.timetable is None
    got = {row.stop_id: row for row in layer.frame.itertuples()}
    expected = {f"node/{nid}": (x, y, modes) for nid, (x, y, _, modes) in STOP_NODES.items() if modes}
    expected["way/1002"] = (120, 230, "rail")
    expected["way/1003"] = (300, 260, "rail")
    assert set(got) == set(expected)
    for stop_id, (x, y, modes) in expected.items():
        row = got[stop_id]
        assert row.modes == modes, stop_id
        assert row.geometry.x - X0 == pytest.approx(x, abs=0.05), stop_id
        assert row.geometry.y - Y0 == pytest.approx(y, abs=0.05), stop_id
    assert got["node/1"].name == "Corner" and got["way/1002"].name == "Station"
    assert any("1 stops name no mode" in note for note in layer.notes)


def test_one_parse_still_serves_places_and_only_wanted_ways(stops_file: Path) -> None:
    data = load_osm(stops_file, {})
    assert [(nid, tags["name"]) for nid, tags, _, _ in data.place_nodes] == [(10, "Somewhere")]
    # the track and the crossing pass the reader's key filters but nobody wants them
    assert sorted(data.ways.ids.tolist()) == [1001, 1002, 1003]
    assert 9 not in {nid for nid, *_ in data.stop_nodes}


# -- transit access on a city imported without GTFS -----------------------------------------

#: a 2 km street along y = 0; stops beside it; people in 2 m cells (so they stand on a point)
STRIP_NODES: dict[int, tuple[float, float, dict[str, str]]] = {
    1: (0, 0, {}),
    2: (2000, 0, {}),
    3: (0, 20, {"highway": "bus_stop", "name": "Bus"}),
    11: (-100, -100, {}), 12: (2100, -100, {}), 13: (2100, 100, {}), 14: (-100, 100, {}),
    21: (1490, 30, {}), 22: (1510, 30, {}), 23: (1510, 50, {}), 24: (1490, 50, {}),
    31: (1000, 60, {}), 32: (1010, 60, {}), 33: (1010, 70, {}), 34: (1000, 70, {}),
}  # fmt: skip
STRIP_WAYS: list[tuple[int, list[int], dict[str, str]]] = [
    (101, [1, 2], {"highway": "residential"}),
    # land use around everything, so that the file's extent holds every home
    (102, [11, 12, 13, 14, 11], {"landuse": "residential"}),
    # a metro station drawn as an area, centroid (1500, 40): high capacity, 1 km
    (103, [21, 22, 23, 24, 21], {"railway": "station", "station": "subway"}),
    # a shed away from every home (a city has buildings)
    (104, [31, 32, 33, 34, 31], {"building": "shed"}),
]
#: (x, y, people) and, worked out by hand, the walk (stop off the street + along it + home off it):
#: P1 from the bus stop: 20 + 400 + 30 = 450 m <= 500: served
#: P2 from the bus stop: 20 + 480 + 30 = 530 m > 500; from the metro: 40 + 1020 + 30 = 1090 m > 1000
#: P3 from the bus stop: 20 + 700 + 30 = 750 m > 500; from the metro: 40 + 800 + 30 = 870 m <= 1000: served
PEOPLE = [(400.0, 30.0, 100.0), (480.0, 30.0, 50.0), (700.0, -30.0, 70.0)]


def _write_strip(folder: Path) -> tuple[Path, Path, Path]:
    import osmium
    from osmium.osm.mutable import Node, Way

    osm = folder / "strip.osm.pbf"
    with osmium.SimpleWriter(str(osm)) as writer:
        for nid, (x, y, tags) in sorted(STRIP_NODES.items()):
            writer.add_node(Node(id=nid, location=_ll(x, y), tags=tags))
        for wid, refs, tags in STRIP_WAYS:
            writer.add_way(Way(id=wid, nodes=refs, tags=tags))
    population = folder / "people.gpkg"
    gpd.GeoDataFrame(
        {"people": [n for _, _, n in PEOPLE]},
        geometry=[shapely.box(X0 + x - 1, Y0 + y - 1, X0 + x + 1, Y0 + y + 1) for x, y, _ in PEOPLE],
        crs=UTM,
    ).to_file(population)
    districts = folder / "districts.gpkg"
    gpd.GeoDataFrame(
        {"name": ["Strip"]}, geometry=[shapely.box(X0 - 50, Y0 - 50, X0 + 2050, Y0 + 50)], crs=UTM
    ).to_file(districts)
    return osm, population, districts


@pytest.fixture(scope="module")
def strip_city(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("strip")
    osm, population, districts = _write_strip(tmp)
    folder = import_city(
        CityImport(
            name="strip",
            osm=osm,
            population=population,
            population_column="people",
            districts=districts,
            crs=UTM,
        ),
        tmp / "cities",
    )
    model = load_city(folder)
    assert model.problems == []
    return model


def test_city_without_gtfs_gets_stops_from_osm(strip_city) -> None:
    stops = strip_city.layers["stops"]
    assert isinstance(stops, StopsLayer) and stops.stops_source == "OpenStreetMap tags"
    assert sorted(stops.frame["modes"]) == ["bus", "metro"]


def test_transit_access_with_osm_stops_by_hand(strip_city) -> None:
    result = run_analysis("transit-access", strip_city, {})
    values = {i.key: i.value for i in result.indicators if i.district is None}
    assert values["population"] == pytest.approx(220.0)
    assert values["population_served"] == pytest.approx(170.0)
    assert values["share_served"] == pytest.approx(170 / 220)
    assert result.notes["stops source"] == "OpenStreetMap tags"
    assert result.notes["stops qualifying, high-capacity"] == 1


def test_frequency_filter_with_osm_stops_is_a_sentence(strip_city) -> None:
    with pytest.raises(TwinError, match=r"come from OpenStreetMap tags.*minimum departures per hour to 0"):
        run_analysis("transit-access", strip_city, {"min_departures_per_hour": 4})
