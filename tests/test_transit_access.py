"""SDG 11.2.1 transit access: a toy city whose answers are known by hand, and Helsinki."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from toy_city import CRS, grid_city

from twin_app.core.layers import StopsLayer
from twin_app.core.model import CityModel
from twin_app.core.params import TimeWindow
from twin_app.core.runner import run_analysis


def toy_city(tmp_path: Path, people: list[tuple[float, float, float]]) -> CityModel:
    """The shared grid city (tests/toy_city.py), node ids from 1000."""
    return grid_city(tmp_path, people, osmid_offset=1000)


def add_stops(model: CityModel, feed: Path | None = None) -> None:
    """Three stops; with ``feed``, the timetable the GTFS kind reads from it."""
    from twin_layers.gtfs import read_timetable

    stops = gpd.GeoDataFrame(
        {
            "stop_id": ["bus", "rail", "far"],
            "modes": ["bus", "rail", "bus"],
            "departures": [10, 10, 10],
        },
        geometry=shapely.points([[0.0, 0.0], [1000.0, 1000.0], [5000.0, 5000.0]]),
        crs=CRS,
    )
    model.add_layer(
        StopsLayer(
            id="stops",
            title="Stops",
            crs=CRS,
            source=feed,
            style="stops",
            frame=stops,
            stops_source=f"GTFS feed {feed.name}" if feed else "drawn by hand",
            timetable=read_timetable(feed) if feed else None,
        )
    )


#: (x, y, people): A walks exactly 500 m to the bus stop (straight line 361 m) and counts;
#: B walks 500.5 m and does not; C walks exactly 1000 m to the rail stop; D is 1299.5 m from it.
PEOPLE = [(300.0, 200.0, 100.0), (200.0, 300.5, 50.0), (900.0, 100.0, 30.0), (600.0, 100.5, 20.0)]


def _values(result, district=None) -> dict[str, float]:
    return {i.key: i.value for i in result.indicators if i.district == district}


def test_thresholds_are_inclusive_and_along_the_network(tmp_path: Path) -> None:
    model = toy_city(tmp_path, PEOPLE)
    add_stops(model)
    result = run_analysis("transit-access", model, {})
    west, east, city = _values(result, "West"), _values(result, "East"), _values(result)
    assert west == pytest.approx({"population": 150.0, "population_served": 100.0, "share_served": 100 / 150})
    assert east == pytest.approx({"population": 50.0, "population_served": 30.0, "share_served": 0.6})
    assert city == pytest.approx({"population": 200.0, "population_served": 130.0, "share_served": 0.65})
    assert result.notes["stops snapped"] == 2 and result.notes["stops unsnapped (dropped)"] == 1
    assert result.notes["stop snapping distance max (m)"] == 0.0
    ids = [layer.id for layer in result.layers]
    assert ids == ["transit-access:service_areas"]  # no buildings layer in this city


def test_capacity_and_thresholds_are_parameters(tmp_path: Path) -> None:
    model = toy_city(tmp_path, PEOPLE)
    add_stops(model)
    # rail as low capacity: C (1000 m) no longer counts
    result = run_analysis("transit-access", model, {"capacity": "rail=low", "districts": "East"})
    assert _values(result, "East")["population_served"] == 0.0
    assert {i.district for i in result.indicators} == {"East", None}
    result = run_analysis("transit-access", model, {"low_capacity_distance": 500.5})
    assert _values(result, "West")["population_served"] == 150.0


def _gtfs(path: Path) -> Path:
    """A feed for 2022-02-22: the bus leaves every 30 min (frequencies), the rail 6 times an hour."""
    files = {
        "stops.txt": "stop_id,stop_name,stop_lat,stop_lon\nbus,Bus,0,0\nrail,Rail,0,0\nfar,Far,0,0\n",
        "routes.txt": "route_id,route_type\nB,3\nR,109\n",
        "calendar.txt": (
            "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
            "S,0,1,0,0,0,0,0,20220222,20220222\n"
        ),
        "trips.txt": "route_id,service_id,trip_id\nB,S,b1\n" + "".join(f"R,S,r{i}\n" for i in range(6 * 3)),
        "stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
        "b1,06:00:00,06:00:00,far,1\nb1,06:05:00,06:05:00,bus,2\n"
        + "".join(f"r{i},,{7 + i // 6:02d}:{(i % 6) * 10:02d}:00,rail,1\n" for i in range(6 * 3)),
        "frequencies.txt": "trip_id,start_time,end_time,headway_secs\nb1,06:00:00,10:00:00,1800\n",
    }
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return path


def test_departures_per_hour_from_stop_times_and_frequencies(tmp_path: Path) -> None:
    from twin_layers.gtfs import read_timetable

    from twin_app.api import departures_per_hour

    feed = read_timetable(_gtfs(tmp_path / "feed.zip"))
    window = TimeWindow(dt.date(2022, 2, 22), 7 * 3600, 9 * 3600)
    rates = departures_per_hour(feed, window, {"bus": "low", "rail": "high"})
    # bus: runs 06:05, 06:35, ... 09:35 -> 07:05 07:35 08:05 08:35 in the window = 2/h
    assert rates.loc["bus", "all"] == pytest.approx(2.0) and rates.loc["bus", "high"] == 0.0
    assert rates.loc["rail", "all"] == pytest.approx(6.0) and rates.loc["rail", "high"] == pytest.approx(6.0)
    with pytest.raises(Exception, match="no service on 2022-02-23"):
        departures_per_hour(feed, TimeWindow(dt.date(2022, 2, 23), 0, 3600), {})


def test_frequency_filter_drops_infrequent_stops(tmp_path: Path) -> None:
    model = toy_city(tmp_path, PEOPLE)
    add_stops(model, feed=_gtfs(tmp_path / "feed.zip"))
    result = run_analysis(
        "transit-access", model, {"min_departures_per_hour": 4, "service_window": "2022-02-22 07:00-09:00"}
    )
    assert _values(result, "West")["population_served"] == 0.0  # the bus runs 2/h
    assert _values(result, "East")["population_served"] == 30.0  # the rail 6/h
    assert result.notes["stops qualifying"] == 1


def test_helsinki_per_district_and_city_wide(helsinki_model) -> None:
    result = run_analysis("transit-access", helsinki_model, {})
    per = {}
    for ind in result.indicators:
        per.setdefault(ind.district, {})[ind.key] = ind.value
    city = per.pop(None)
    assert len(per) == len(helsinki_model.districts.frame) == 12  # Katajanokka's edge strip included
    for values in per.values():
        # a district with nobody in it (an edge strip) has no share
        assert (
            values["share_served"] is None if not values["population"] else 0 <= values["share_served"] <= 1
        )
        assert values["population_served"] <= values["population"] + 1e-9
    assert city["population"] == pytest.approx(sum(v["population"] for v in per.values()))
    assert city["population_served"] == pytest.approx(sum(v["population_served"] for v in per.values()))
    assert 0.9 < city["share_served"] <= 1.0  # the city centre is dense with stops
    buildings = next(layer for layer in result.layers if layer.id.endswith("walk_to_stop"))
    assert buildings.value_column == "walk_to_stop_m" and buildings.units == "m"
    assert buildings.frame["walk_to_stop_m"].notna().all()
    assert result.notes["stops unsnapped (dropped)"] == 0
