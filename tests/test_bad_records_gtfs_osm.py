"""One bad record never costs a layer: GTFS stops and tables, OSM nodes, a cut PBF.

Every file is written here.  The expected counts are worked out by hand
from the few rows each file holds.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest
from pyproj import Transformer
from twin_layers.gtfs import ROUTES_KIND, STOPS_KIND
from twin_layers.osm import NETWORK_KIND

from twin_app.api import CorruptFileError, LoadContext

UTM = "EPSG:32634"
X0, Y0 = Transformer.from_crs("EPSG:4326", UTM, always_xy=True).transform(23.76, 61.50)
TO_LONLAT = Transformer.from_crs(UTM, "EPSG:4326", always_xy=True)


def _lonlat(x: float, y: float) -> tuple[float, float]:
    return TO_LONLAT.transform(X0 + x, Y0 + y)


def _ctx(layer_id: str) -> LoadContext:
    box = (*_lonlat(-500, -500), *_lonlat(1500, 1000))
    return LoadContext(crs=UTM, bbox_lonlat=box, layer_id=layer_id, title=layer_id, cache={})


# ---------------------------------------------------------------- GTFS

GOOD_STOPS = {"A": (0.0, 0.0), "B": (300.0, 0.0), "C": (300.0, 400.0), "D": (900.0, 400.0)}


def _write_feed(path: Path, *, compress_type: int = zipfile.ZIP_DEFLATED) -> Path:
    """Four good stops and three bad ones; routes.txt repeats R1 and trips.txt repeats T4.

    E has an empty stop_lat, F a non-numeric one, G a longitude of 200.
    Trips: T1 A-B, T2 A-B-C, T3 C-B-A on R1 (bus); T4 C-D-E on R2 (tram).
    Read once each, A, B and C are served by three trips, D by one.
    """
    rows = [f"{s},Stop {s},{_lonlat(x, y)[1]:.8f},{_lonlat(x, y)[0]:.8f}" for s, (x, y) in GOOD_STOPS.items()]
    rows += ["E,Stop E,,23.76", "F,Stop F,north,23.76", "G,Stop G,61.5,200"]
    files = {
        "stops.txt": "stop_id,stop_name,stop_lat,stop_lon\n" + "\n".join(rows) + "\n",
        "routes.txt": "route_id,route_short_name,route_type\nR1,1,3\nR2,2,0\nR1,1,3\n",
        "trips.txt": "route_id,service_id,trip_id,direction_id\n"
        "R1,WK,T1,0\nR1,WK,T2,0\nR1,WK,T3,1\nR2,WK,T4,0\nR2,WK,T4,0\n",
        "stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
        "T1,07:00:00,07:00:00,A,1\nT1,07:05:00,07:05:00,B,2\n"
        "T2,08:00:00,08:00:00,A,1\nT2,08:05:00,08:05:00,B,2\nT2,08:10:00,08:10:00,C,3\n"
        "T3,09:00:00,09:00:00,C,1\nT3,09:05:00,09:05:00,B,2\nT3,09:10:00,09:10:00,A,3\n"
        "T4,08:30:00,08:30:00,C,1\nT4,08:40:00,08:40:00,D,2\nT4,08:45:00,08:45:00,E,3\n",
        "calendar_dates.txt": "service_id,date,exception_type\nWK,20240305,1\n",
    }
    with zipfile.ZipFile(path, "w", compression=compress_type) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return path


def test_bad_stop_coordinates_skip_only_those_stops(tmp_path: Path) -> None:
    feed = _write_feed(tmp_path / "feed.zip")
    stops = STOPS_KIND.load(feed, {}, _ctx("stops"))
    assert sorted(stops.frame["stop_id"]) == ["A", "B", "C", "D"]
    assert (
        "3 stop(s) with an empty, non-numeric or impossible stop_lat/stop_lon were skipped (e.g. E, F, G)."
        in stops.notes
    )


def test_repeated_routes_and_trips_rows_are_counted_once(tmp_path: Path) -> None:
    feed = _write_feed(tmp_path / "feed.zip")
    stops = STOPS_KIND.load(feed, {}, _ctx("stops"))
    departures = stops.frame.set_index("stop_id")["departures"].to_dict()
    assert departures == {"A": 3, "B": 3, "C": 3, "D": 1}
    assert (
        "routes.txt repeats 1 row(s) of the same route_id; the first of each was kept (e.g. R1)."
        in stops.notes
    )
    assert (
        "trips.txt repeats 1 row(s) of the same trip_id; the first of each was kept (e.g. T4)." in stops.notes
    )
    assert stops.timetable is not None and len(stops.timetable.trips) == 4


def test_routes_are_drawn_through_the_located_stops(tmp_path: Path) -> None:
    feed = _write_feed(tmp_path / "feed.zip")
    routes = ROUTES_KIND.load(feed, {}, _ctx("routes"))
    r2 = routes.frame[routes.frame["route_id"] == "R2"]
    assert len(r2) == 1
    coords = [(round(x - X0, 1), round(y - Y0, 1)) for x, y in r2.geometry.iloc[0].coords]
    assert coords == [(300.0, 400.0), (900.0, 400.0)]  # T4 through C and D; E has no location
    assert any(n.startswith("3 stop(s) with an empty") for n in routes.notes)


def _patch_central_directory(path: Path, member: str, *, flag: int = 0, method: int | None = None) -> None:
    """Set ``flag`` bits or the compression ``method`` in ``member``'s central directory entry.

    zipfile writes neither encrypted members nor exotic compressions, so
    the bytes are patched as another archiver would have written them
    (APPNOTE 4.3.12: flags at offset 8, method at offset 10).
    """
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_len] == member.encode():
            flags = struct.unpack_from("<H", data, at + 8)[0]
            struct.pack_into("<H", data, at + 8, flags | flag)
            if method is not None:
                struct.pack_into("<H", data, at + 10, method)
            path.write_bytes(bytes(data))
            return
        at = data.find(b"PK\x01\x02", at + 4)
    raise AssertionError(f"{member} not found in {path}")


def test_an_encrypted_member_is_named_in_one_sentence(tmp_path: Path) -> None:
    feed = _write_feed(tmp_path / "feed.zip")
    _patch_central_directory(feed, "routes.txt", flag=0x1)
    with pytest.raises(CorruptFileError, match=r"its member routes\.txt is encrypted") as err:
        STOPS_KIND.load(feed, {}, _ctx("stops"))
    assert "\n" not in str(err.value)


def test_a_member_in_an_unknown_compression_is_named_in_one_sentence(tmp_path: Path) -> None:
    feed = _write_feed(tmp_path / "feed.zip", compress_type=zipfile.ZIP_STORED)
    _patch_central_directory(feed, "stops.txt", method=9)  # deflate64, which zipfile cannot undo
    with pytest.raises(
        CorruptFileError, match=r"its member stops\.txt uses a compression this app cannot read"
    ):
        STOPS_KIND.load(feed, {}, _ctx("stops"))


# ---------------------------------------------------------------- OSM


def _write_boxed_pbf(path: Path) -> Path:
    """A PBF whose header declares its box (as Geofabrik's extracts do): 20,000 nodes on a street grid.

    Enough nodes for several data blocks, so that cutting the file's last
    bytes leaves its header and first blocks intact.
    """
    import osmium
    from osmium.osm.mutable import Node, Way

    header = osmium.io.Header()
    header.add_box(
        osmium.osm.Box(osmium.osm.Location(*_lonlat(0, 0)), osmium.osm.Location(*_lonlat(1000, 1000)))
    )
    with osmium.SimpleWriter(str(path), header=header) as writer:
        for i in range(20_000):
            writer.add_node(Node(id=i + 1, location=_lonlat((i % 100) * 10.0, (i // 100) * 5.0)))
        for row in range(200):
            refs = list(range(row * 100 + 1, row * 100 + 101))
            writer.add_way(Way(id=row + 1, nodes=refs, tags={"highway": "residential"}))
    return path


def test_a_pbf_cut_in_its_last_block_is_refused_by_city_import(tmp_path: Path) -> None:
    import subprocess
    import sys

    import osmium

    from twin_app.core.city_import import CityImport, import_city

    whole = _write_boxed_pbf(tmp_path / "whole.osm.pbf")
    cut = tmp_path / "cut.osm.pbf"
    cut.write_bytes(whole.read_bytes()[:-200])
    with osmium.io.Reader(str(cut), osmium.osm.NOTHING) as reader:
        assert reader.header().box().valid()  # the header still gives an extent
    dest = tmp_path / "cities"
    with pytest.raises(CorruptFileError, match=r"could not be read as OpenStreetMap.*truncated"):
        import_city(CityImport(name="town", osm=cut), dest)
    assert not dest.exists() or not any(dest.iterdir())
    done = subprocess.run(
        [sys.executable, "-m", "twin_app", "city", "import", "town", "--osm", str(cut), "--dest", str(dest)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr and "cut.osm.pbf" in done.stderr
    assert not dest.exists() or not any(dest.iterdir())
    # the whole file imports
    assert import_city(CityImport(name="town", osm=whole), dest).is_dir()


def _write_osm_with_an_impossible_node(path: Path) -> Path:
    """Street 10 runs 1-2-3; street 11 runs 3-4-5 through node 4 at longitude 200; a building on 1-2-8-9.

    Bus stop 6 also stands at longitude 200; bus stop 7 is where it should be.
    """
    at = {1: (0, 0), 2: (100, 0), 3: (200, 0), 5: (300, 0), 7: (50, 50), 8: (100, 60), 9: (0, 60)}
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="test">']
    for nid, (x, y) in at.items():
        lon, lat = _lonlat(x, y)
        tags = '<tag k="highway" v="bus_stop"/>' if nid == 7 else ""
        lines.append(f'<node id="{nid}" lat="{lat:.7f}" lon="{lon:.7f}">{tags}</node>')
    lines.append('<node id="4" lat="61.5" lon="200"/>')
    lines.append('<node id="6" lat="61.5" lon="200"><tag k="highway" v="bus_stop"/></node>')
    ways = {10: ([1, 2, 3], "highway", "residential"), 11: ([3, 4, 5], "highway", "residential")}
    ways[12] = ([1, 2, 8, 9, 1], "building", "yes")
    for wid, (refs, key, value) in ways.items():
        nds = "".join(f'<nd ref="{r}"/>' for r in refs)
        lines.append(f'<way id="{wid}">{nds}<tag k="{key}" v="{value}"/></way>')
    lines.append("</osm>")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_osm_node_at_an_impossible_longitude_is_skipped_and_counted(tmp_path: Path) -> None:
    from twin_layers.osm import BUILDINGS_KIND
    from twin_layers.osm import STOPS_KIND as OSM_STOPS_KIND

    osm = _write_osm_with_an_impossible_node(tmp_path / "town.osm")
    note = (
        "2 node(s) with an impossible longitude or latitude were skipped (e.g. node 4, 6); "
        "their ways are read as if those nodes were missing."
    )
    cache: dict = {}
    ctx = LoadContext(
        crs=UTM, bbox_lonlat=_ctx("x").bbox_lonlat, layer_id="streets", title="streets", cache=cache
    )
    network = NETWORK_KIND.load(osm, {"network_type": "walk"}, ctx)
    # street 10 only, 1-2-3 (node 2 joins nothing, so one edge each way); 11 keeps no located pair
    assert sorted(network.nodes["osmid"]) == [1, 3] and len(network.frame) == 2
    assert network.frame.length.sum() == pytest.approx(2 * 200.0, abs=0.05)  # 1e-7° rounding
    assert note in network.notes
    buildings = BUILDINGS_KIND.load(osm, {}, ctx)
    assert len(buildings.frame) == 1 and buildings.frame.area.iloc[0] == pytest.approx(100 * 60, rel=1e-4)
    assert note in buildings.notes
    stops = OSM_STOPS_KIND.load(osm, {}, ctx)
    assert list(stops.frame["stop_id"]) == ["node/7"] and note in stops.notes


def test_a_coordinate_the_osm_reader_cannot_store_costs_only_its_node(tmp_path: Path) -> None:
    """Latitude 900 does not fit libosmium's coordinates: its XML reader refuses the file; we skip it."""
    from twin_layers.osm import BUILDINGS_KIND

    from twin_app.core.city_import import CityImport, import_city

    osm = _write_osm_with_an_impossible_node(tmp_path / "town.osm")
    osm.write_text(
        osm.read_text().replace('<node id="4" lat="61.5" lon="200"/>', '<node id="4" lat="900" lon="23.76"/>')
    )
    cache: dict = {}
    ctx = LoadContext(
        crs=UTM, bbox_lonlat=_ctx("x").bbox_lonlat, layer_id="streets", title="streets", cache=cache
    )
    network = NETWORK_KIND.load(osm, {"network_type": "walk"}, ctx)
    assert sorted(network.nodes["osmid"]) == [1, 3] and len(network.frame) == 2
    assert any("node 4 (lat 900, lon 23.76)" in note for note in network.notes), network.notes
    buildings = BUILDINGS_KIND.load(osm, {}, ctx)
    assert len(buildings.frame) == 1
    # city import accepts the file too (its completeness check reads the whole file)
    assert import_city(CityImport(name="town", osm=osm), tmp_path / "cities").is_dir()


def test_stop_times_at_skipped_or_unknown_stops_are_counted_not_left_dangling(tmp_path: Path) -> None:
    """T4's row at E (no latitude) and a T1 row at Z (not in stops.txt) are left out and counted:
    12 rows less those 2 leave 10 boardings, all at located stops."""
    feed = _write_feed(tmp_path / "feed.zip")
    with zipfile.ZipFile(feed) as archive:
        files = {name: archive.read(name).decode() for name in archive.namelist()}
    files["stop_times.txt"] += "T1,07:10:00,07:10:00,Z,3\n"
    with zipfile.ZipFile(feed, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    stops = STOPS_KIND.load(feed, {}, _ctx("stops"))
    assert (
        "1 stop_times row(s) at the skipped stops were left out; their trips keep their other stops "
        "(e.g. trip T4)." in stops.notes
    )
    assert (
        "1 stop_times row(s) name a stop_id that stops.txt does not have and were left out (e.g. Z)."
        in stops.notes
    )
    assert stops.timetable is not None
    boardings = stops.timetable.stop_times
    assert len(boardings) == 10 and set(boardings["stop_id"]) == {"A", "B", "C", "D"}
    assert stops.frame.set_index("stop_id")["departures"].to_dict() == {"A": 3, "B": 3, "C": 3, "D": 1}
