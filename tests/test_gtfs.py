"""GTFS feeds that use what the reference leaves optional: no shapes.txt, no calendar.txt.

The feed is written here; coordinates are worked out by projecting the
stops' own longitudes and latitudes, and departures are counted by hand.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from pyproj import Transformer
from twin_layers.gtfs import ROUTES_KIND, STOPS_KIND

from twin_app.api import LineLayer, LoadContext, StopsLayer, TimeWindow, TwinError, departures_per_hour

UTM = "EPSG:32634"
X0, Y0 = Transformer.from_crs("EPSG:4326", UTM, always_xy=True).transform(23.76, 61.50)
TO_LONLAT = Transformer.from_crs(UTM, "EPSG:4326", always_xy=True)
#: stop -> local metric position; the feed stores it as lon/lat
STOPS = {"A": (0.0, 0.0), "B": (300.0, 0.0), "C": (300.0, 400.0), "D": (900.0, 400.0)}


def _lonlat(x: float, y: float) -> tuple[float, float]:
    return TO_LONLAT.transform(X0 + x, Y0 + y)


def write_feed(path: Path, *, with_shape: bool) -> Path:
    """Route R1 (bus) has no shape: direction 0 runs A-B (trip T1) and A-B-C (T2), direction 1 C-B-A (T3).

    Route R2 (tram) runs C-D along shape SH2 when ``with_shape``.  Services
    come from calendar_dates.txt alone: WK runs on 2024-03-05, when the
    rest of the feed does not run.  stop_times rows are deliberately out of order.
    """
    stops = "stop_id,stop_name,stop_lat,stop_lon\n" + "".join(
        f"{s},Stop {s},{_lonlat(x, y)[1]:.8f},{_lonlat(x, y)[0]:.8f}\n" for s, (x, y) in STOPS.items()
    )
    files = {
        "agency.txt": "agency_name,agency_url,agency_timezone\nTown Transit,https://example.org,Europe/Helsinki\n",
        "stops.txt": stops,
        "routes.txt": "route_id,route_short_name,route_type\nR1,1,3\nR2,2,0\n",
        "trips.txt": "route_id,service_id,trip_id,direction_id,shape_id\n"
        "R1,WK,T1,0,\nR1,WK,T2,0,\nR1,WK,T3,1,\nR2,WK,T4,0,SH2\n",
        "stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
        "T2,08:10:00,08:10:00,C,3\nT2,08:00:00,08:00:00,A,1\nT2,08:05:00,08:05:00,B,2\n"
        "T1,07:00:00,07:00:00,A,1\nT1,07:05:00,07:05:00,B,2\n"
        "T3,09:00:00,09:00:00,C,1\nT3,09:05:00,09:05:00,B,2\nT3,09:10:00,09:10:00,A,3\n"
        "T4,08:30:00,08:30:00,C,1\nT4,08:40:00,08:40:00,D,2\n",
        "calendar_dates.txt": "service_id,date,exception_type\nWK,20240305,1\n",
    }
    if with_shape:
        (cx, cy), (dx, dy) = _lonlat(*STOPS["C"]), _lonlat(*STOPS["D"])
        mx, my = _lonlat(600.0, 500.0)  # the tram bends north between C and D
        files["shapes.txt"] = (
            "shape_id,shape_pt_lat,shape_pt_lon,shape_pt_sequence\n"
            f"SH2,{cy:.8f},{cx:.8f},1\nSH2,{my:.8f},{mx:.8f},2\nSH2,{dy:.8f},{dx:.8f},3\n"
        )
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return path


def _ctx(layer_id: str, cache: dict | None = None) -> LoadContext:
    box = (*_lonlat(-500, -500), *_lonlat(1500, 1000))
    return LoadContext(crs=UTM, bbox_lonlat=box, layer_id=layer_id, title=layer_id, cache=cache or {})


def _local(line) -> list[tuple[float, float]]:
    return [(round(x - X0, 1), round(y - Y0, 1)) for x, y in line.coords]


@pytest.mark.parametrize("with_shape", [True, False])
def test_routes_without_a_shape_follow_their_stops(tmp_path: Path, with_shape: bool) -> None:
    feed = write_feed(tmp_path / "feed.zip", with_shape=with_shape)
    routes = ROUTES_KIND.load(feed, {}, _ctx("routes"))
    assert isinstance(routes, LineLayer)
    # direction 0: T2 has the most stops (A-B-C); direction 1: T3, in its own order (C-B-A)
    r1 = sorted(_local(r.geometry) for r in routes.frame.itertuples() if r.route_id == "R1")
    assert r1 == [[(0.0, 0.0), (300.0, 0.0), (300.0, 400.0)], [(300.0, 400.0), (300.0, 0.0), (0.0, 0.0)]]
    r2 = [r for r in routes.frame.itertuples() if r.route_id == "R2"]
    assert len(r2) == 1 and r2[0].mode == "tram"
    if with_shape:
        assert r2[0].drawn_from == "shape"
        assert _local(r2[0].geometry) == [(300.0, 400.0), (600.0, 500.0), (900.0, 400.0)]
        assert "1 route(s) drawn from shapes.txt." in routes.notes
        assert any(n.startswith("1 route(s) have no shape") for n in routes.notes)
    else:
        assert r2[0].drawn_from == "stops"
        assert _local(r2[0].geometry) == [(300.0, 400.0), (900.0, 400.0)]
        assert "0 route(s) drawn from shapes.txt." in routes.notes
        assert any(n.startswith("2 route(s) have no shape") for n in routes.notes)


def test_stops_carry_names_modes_and_a_timetable_without_calendar_txt(tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "feed.zip", with_shape=False)
    stops = STOPS_KIND.load(feed, {}, _ctx("stops"))
    assert isinstance(stops, StopsLayer)
    assert stops.stops_source == "GTFS feed feed.zip" and stops.timetable is not None
    by_id = stops.frame.set_index("stop_id")
    assert by_id.loc["A", "name"] == "Stop A"
    assert by_id.loc["B", "modes"] == "bus" and by_id.loc["C", "modes"] == "bus, tram"
    # 2024-03-05 07:00-09:00: A boards T1 (07:00) and T2 (08:00); B T1, T2; C T2 (08:10, its last stop,
    # still a boarding in GTFS terms) and T4 (08:30); D T4 (08:40).  T3 leaves at 09:00: outside.
    window = TimeWindow(dt.date(2024, 3, 5), 7 * 3600, 9 * 3600)
    rates = departures_per_hour(stops.timetable, window, {"tram": "high"})
    assert rates["all"].to_dict() == pytest.approx({"A": 1.0, "B": 1.0, "C": 1.0, "D": 0.5})
    assert rates["high"].to_dict() == pytest.approx({"A": 0.0, "B": 0.0, "C": 0.5, "D": 0.5})
    with pytest.raises(
        TwinError, match=r"no service on 2024-03-06 \(it runs from 2024-03-05 to 2024-03-05\)"
    ):
        departures_per_hour(stops.timetable, TimeWindow(dt.date(2024, 3, 6), 0, 3600), {})
