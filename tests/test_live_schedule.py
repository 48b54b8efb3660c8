"""Simulated vehicles of a GTFS timetable: positions at chosen times equal ones worked out by hand.

Every toy feed is written here as a real GTFS zip.  The stops lie on the
parallel 60° N so that "east" and "north" are plain: A (24.00, 60.00),
B (24.02, 60.00), C (24.02, 60.01).  The agency is in Europe/Helsinki
(UTC+2 in February), so 08:00 on Tuesday 2022-02-22 is 06:00 UTC.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from twin_app.core.errors import FeedError
from twin_app.core.live.observation import Observation, ObservationKind
from twin_app.core.live.schedule import ScheduleSource
from twin_app.core.live.sources import open_source

STOPS = {"A": (24.00, 60.00), "B": (24.02, 60.00), "C": (24.02, 60.01), "A2": (24.00, 60.00)}
DATE = "2022-02-22"


def _csv(rows: list[list[object]]) -> str:
    return "\n".join(",".join(str(v) for v in row) for row in rows) + "\n"


def write_feed(
    path: Path,
    trips: list[dict[str, object]],
    *,
    shapes: dict[str, list[tuple[float, float, float | None]]] | None = None,
    calendar_dates: list[tuple[str, str, int]] = (),  # type: ignore[assignment]
    frequencies: list[tuple[str, str, str, int]] = (),  # type: ignore[assignment]
    timezone: str = "Europe/Helsinki",
) -> Path:
    """A GTFS zip; each trip: id, service, shape (or ""), and stops [(stop, arr, dep, dist or None)]."""
    files = {
        "agency.txt": _csv(
            [
                ["agency_id", "agency_name", "agency_url", "agency_timezone"],
                ["T", "Toy", "http://x", timezone],
            ]
        ),
        "stops.txt": _csv(
            [["stop_id", "stop_name", "stop_lat", "stop_lon"]]
            + [[s, s, lat, lon] for s, (lon, lat) in STOPS.items()]
        ),
        "routes.txt": _csv(
            [["route_id", "agency_id", "route_short_name", "route_type"], ["R1", "T", "1", 3]]
        ),
        "calendar.txt": _csv(
            [
                [
                    "service_id",
                    "monday",
                    "tuesday",
                    "wednesday",
                    "thursday",
                    "friday",
                    "saturday",
                    "sunday",
                    "start_date",
                    "end_date",
                ],
                ["WK", 1, 1, 1, 1, 1, 0, 0, "20220101", "20221231"],
                ["GONE", 1, 1, 1, 1, 1, 0, 0, "20220101", "20221231"],
            ]
        ),
        "trips.txt": _csv(
            [["route_id", "service_id", "trip_id", "trip_headsign", "shape_id"]]
            + [["R1", t.get("service", "WK"), t["id"], "Toyville", t.get("shape", "")] for t in trips]
        ),
        "stop_times.txt": _csv(
            [["trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence", "shape_dist_traveled"]]
            + [
                [t["id"], arr, dep, stop, i + 1, "" if d is None else d]
                for t in trips
                for i, (stop, arr, dep, d) in enumerate(t["stops"])
            ]  # type: ignore[arg-type]
        ),
    }
    if shapes:
        files["shapes.txt"] = _csv(
            [["shape_id", "shape_pt_lat", "shape_pt_lon", "shape_pt_sequence", "shape_dist_traveled"]]
            + [
                [sid, lat, lon, i, "" if d is None else d]
                for sid, pts in shapes.items()
                for i, (lon, lat, d) in enumerate(pts)
            ]
        )
    if calendar_dates:
        files["calendar_dates.txt"] = _csv(
            [["service_id", "date", "exception_type"], *map(list, calendar_dates)]
        )
    if frequencies:
        files["frequencies.txt"] = _csv(
            [["trip_id", "start_time", "end_time", "headway_secs"], *map(list, frequencies)]
        )
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return path


#: A (0) -> B (2) -> C (3); the shape's middle vertex M (24.005) is a quarter of the way to B
#: in metres but given distance 1 (half) in the file, so the two ways of placing a vehicle differ.
SHAPE = [(24.00, 60.00, 0.0), (24.005, 60.00, 1.0), (24.02, 60.00, 2.0), (24.02, 60.01, 3.0)]
ABC = [
    ("A", "08:00:00", "08:00:00", 0.0),
    ("B", "08:04:00", "08:05:00", 2.0),
    ("C", "08:09:00", "08:09:00", 3.0),
]


def _source(path: Path, **options: object) -> ScheduleSource:
    return ScheduleSource(path, {"date": DATE, "start": "08:00", **options}, name="toy")


def _at(source: ScheduleSource, clock: str) -> dict[str, Observation]:
    h, m, s = (int(v) for v in clock.split(":"))
    return {o.entity: o for o in source.observations_at(h * 3600 + m * 60 + s)}


def _lonlat(obs: Observation) -> tuple[float, float]:
    assert obs.lon is not None and obs.lat is not None
    return obs.lon, obs.lat


def test_vehicle_moves_by_shape_dist_traveled_when_both_tables_give_it(tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "f.zip", [{"id": "T1", "shape": "S", "stops": ABC}], shapes={"S": SHAPE})
    src = _source(feed)
    # 08:01: a quarter of the 4 minutes to B -> distance 0.5 -> half way from A (0) to M (1)
    v = _at(src, "08:01:00")["T1"]
    assert _lonlat(v) == pytest.approx((24.0025, 60.0), abs=1e-9)
    assert v.extra["bearing"] == pytest.approx(90.0)  # eastbound
    assert v.time == dt.datetime(2022, 2, 22, 6, 1, tzinfo=dt.UTC)  # 08:01 in Helsinki (UTC+2)
    assert v.kind == ObservationKind.VEHICLE and v.extra["simulated"] is True
    assert v.extra["route"] == "1" and v.extra["headsign"] == "Toyville" and v.extra["route_type"] == 3
    # 08:02: distance 1.0 -> exactly at M
    assert _lonlat(_at(src, "08:02:00")["T1"]) == pytest.approx((24.005, 60.0), abs=1e-9)
    # dwell at B from 08:04 to 08:05
    for clock in ("08:04:00", "08:04:30", "08:05:00"):
        assert _lonlat(_at(src, clock)["T1"]) == pytest.approx((24.02, 60.0), abs=1e-9)
    # 08:07: half way from B to C, heading north
    v = _at(src, "08:07:00")["T1"]
    assert _lonlat(v) == pytest.approx((24.02, 60.005), abs=1e-9)
    assert v.extra["bearing"] == pytest.approx(0.0)
    # before the first departure and after the last arrival the vehicle is not on the road
    assert "T1" not in _at(src, "07:59:59") and "T1" not in _at(src, "08:09:01")


def test_stops_in_the_same_minute_or_without_times_are_spread_by_distance(tmp_path: Path) -> None:
    # B has A's time (or none): it is reached at 08:00 + 10 min · 2/3 (its distance 2 of 3) = 08:06:40
    for b_time in ("08:00:00", ""):
        stops = [
            ("A", "08:00:00", "08:00:00", 0.0),
            ("B", b_time, b_time, 2.0),
            ("C", "08:10:00", "08:10:00", 3.0),
        ]
        path = write_feed(
            tmp_path / "f.zip", [{"id": "T", "shape": "S", "stops": stops}], shapes={"S": SHAPE}
        )
        src = _source(path)
        assert _lonlat(_at(src, "08:03:20")["T"]) == pytest.approx((24.005, 60.0), abs=1e-9)  # distance 1
        assert _lonlat(_at(src, "08:06:40")["T"]) == pytest.approx((24.02, 60.0), abs=1e-9)  # at B
        assert _lonlat(_at(src, "08:08:20")["T"]) == pytest.approx((24.02, 60.005), abs=1e-9)


def test_without_distances_stops_are_projected_onto_the_shape_in_metres(tmp_path: Path) -> None:
    shape = [(lon, lat, None) for lon, lat, _ in SHAPE]
    stops = [(s, a, d, None) for s, a, d, _ in ABC]
    feed = write_feed(tmp_path / "f.zip", [{"id": "T1", "shape": "S", "stops": stops}], shapes={"S": shape})
    src = _source(feed)
    # half the time from A to B is half the metres: the midpoint of A and B, not the vertex M
    assert _lonlat(_at(src, "08:02:00")["T1"]) == pytest.approx((24.01, 60.0), abs=1e-7)
    assert _lonlat(_at(src, "08:07:00")["T1"]) == pytest.approx((24.02, 60.005), abs=1e-7)


def test_projection_never_goes_back_on_a_shape_that_returns_on_itself(tmp_path: Path) -> None:
    # out from A to B and back to A: the last stop (A2, where A is) lies at the end, not at 0
    shape = [(24.00, 60.00, None), (24.02, 60.00, None), (24.00, 60.00, None)]
    stops = [
        ("A", "08:00:00", "08:00:00", None),
        ("B", "08:10:00", "08:10:00", None),
        ("A2", "08:20:00", "08:20:00", None),
    ]
    feed = write_feed(tmp_path / "f.zip", [{"id": "L", "shape": "S", "stops": stops}], shapes={"S": shape})
    v = _at(_source(feed), "08:15:00")["L"]
    assert _lonlat(v) == pytest.approx((24.01, 60.0), abs=1e-7)
    assert v.extra["bearing"] == pytest.approx(270.0)  # westbound on the way back


def test_a_trip_without_a_shape_goes_straight_between_its_stops(tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "f.zip", [{"id": "T3", "stops": ABC}])
    src = _source(feed)
    v = _at(src, "08:02:00")["T3"]
    assert _lonlat(v) == pytest.approx((24.01, 60.0), abs=1e-9)
    assert v.extra["bearing"] == pytest.approx(90.0)
    assert _lonlat(_at(src, "08:07:00")["T3"]) == pytest.approx((24.02, 60.005), abs=1e-9)


def test_a_trip_past_midnight_is_placed_on_the_next_morning_in_utc(tmp_path: Path) -> None:
    stops = [("A", "24:30:00", "24:30:00", None), ("B", "24:40:00", "24:40:00", None)]
    feed = write_feed(tmp_path / "f.zip", [{"id": "N", "stops": stops}])
    src = _source(feed, start="24:00")
    v = _at(src, "24:35:00")["N"]
    assert _lonlat(v) == pytest.approx((24.01, 60.0), abs=1e-9)
    # 00:35 on Wednesday 23 February in Helsinki
    assert v.time == dt.datetime(2022, 2, 22, 22, 35, tzinfo=dt.UTC)
    assert src.end_s == 24 * 3600 + 40 * 60  # the default end: the day's last arrival


def test_services_follow_calendar_and_calendar_dates(tmp_path: Path) -> None:
    trips = [
        {"id": "kept", "stops": ABC},
        {"id": "removed", "service": "GONE", "stops": ABC},
        {"id": "added", "service": "EXTRA", "stops": ABC},
    ]
    feed = write_feed(
        tmp_path / "f.zip", trips, calendar_dates=[("GONE", "20220222", 2), ("EXTRA", "20220222", 1)]
    )
    assert set(_at(_source(feed), "08:02:00")) == {"kept", "added"}
    # the day after, GONE runs again by its calendar and EXTRA does not
    nxt = ScheduleSource(feed, {"date": "2022-02-23", "start": "08:00"}, name="toy")
    assert set(_at(nxt, "08:02:00")) == {"kept", "removed"}


def test_no_service_on_the_date_is_a_sentence(tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "f.zip", [{"id": "kept", "stops": ABC}])
    with pytest.raises(FeedError, match="no service on 2022-02-26"):
        open_source(f"schedule:{feed}", {"date": "2022-02-26"})  # a Saturday


def test_frequency_templates_run_every_headway(tmp_path: Path) -> None:
    stops = [("A", "00:00:00", "00:00:00", None), ("B", "00:20:00", "00:20:00", None)]
    feed = write_feed(
        tmp_path / "f.zip", [{"id": "F", "stops": stops}], frequencies=[("F", "09:00:00", "09:30:00", 600)]
    )
    src = _source(feed)
    assert sorted(src.run_entity) == ["F@09:00:00", "F@09:10:00", "F@09:20:00"]
    now = _at(src, "09:25:00")
    assert set(now) == {"F@09:10:00", "F@09:20:00"}  # the 09:00 run arrived at 09:20
    assert _lonlat(now["F@09:10:00"]) == pytest.approx((24.015, 60.0), abs=1e-9)
    assert _lonlat(now["F@09:20:00"]) == pytest.approx((24.005, 60.0), abs=1e-9)
    # at 09:20:00 exactly the first run arrives as the third leaves: three on the road at once
    assert src.peak_vehicles() == (3, 9 * 3600 + 20 * 60)


def test_now_is_the_time_of_day_in_the_agency_zone_put_on_the_service_date(tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "f.zip", [{"id": "T3", "stops": ABC}])
    # 05:01 UTC on 1 June is 08:01 in Helsinki (summer time, UTC+3)
    src = ScheduleSource(
        feed, {"date": DATE}, name="toy", now=lambda: dt.datetime(2022, 6, 1, 5, 1, tzinfo=dt.UTC)
    )
    assert src.start_s == 8 * 3600 + 60
    # ... and on 22 February (UTC+2) that is 06:01 UTC
    assert src.time_of(src.start_s) == dt.datetime(2022, 2, 22, 6, 1, tzinfo=dt.UTC)


def test_now_after_midnight_is_the_service_days_night_so_night_trips_show(tmp_path: Path) -> None:
    # a night trip written 24:30-25:00, as GTFS writes trips after midnight
    night = [
        ("A", "24:30:00", "24:30:00", 0.0),
        ("B", "24:45:00", "24:45:00", 2.0),
        ("C", "25:00:00", "25:00:00", 3.0),
    ]
    feed = write_feed(tmp_path / "f.zip", [{"id": "N1", "stops": night}])
    # 22:40 UTC on 21 Feb is 00:40 on 22 Feb in Helsinki (UTC+2): before the day changes at 04:00
    src = ScheduleSource(
        feed, {"date": DATE}, name="toy", now=lambda: dt.datetime(2022, 2, 21, 22, 40, tzinfo=dt.UTC)
    )
    assert src.start_s == 24 * 3600 + 40 * 60
    assert set(_at(src, "24:40:00")) == {"N1"}
    # an operating day changing at 03:00 instead: 03:30 is the new day's morning, not 27:30
    early = ScheduleSource(
        feed,
        {"date": DATE, "day_starts_at": "03:00"},
        name="toy",
        now=lambda: dt.datetime(2022, 2, 22, 1, 30, tzinfo=dt.UTC),
    )
    assert early.start_s == 3 * 3600 + 30 * 60


def test_run_hands_every_tick_to_the_sink_through_the_scheme(tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "f.zip", [{"id": "T1", "shape": "S", "stops": ABC}], shapes={"S": SHAPE})
    source = open_source(
        f"schedule:{feed}", {"date": DATE, "start": "08:00", "speed": 0, "interval_s": 60, "name": "buses"}
    )
    got: list[Observation] = []
    source.run(got.extend)
    # 08:00, 08:01, ... 08:09: ten fixes, one a minute
    assert [o.time.minute for o in got] == list(range(10))
    assert {o.source for o in got} == {"buses"} and source.status.stored == 10
    assert _lonlat(got[1]) == pytest.approx((24.0025, 60.0), abs=1e-9)


def test_bad_options_are_sentences(tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "f.zip", [{"id": "T1", "stops": ABC}])
    with pytest.raises(FeedError, match="needs the option date"):
        ScheduleSource(feed, {})
    with pytest.raises(FeedError, match="not a time of day"):
        ScheduleSource(feed, {"date": DATE, "start": "8 o'clock"})
    with pytest.raises(FeedError, match="speed"):
        ScheduleSource(feed, {"date": DATE, "speed": -1})
