"""city.toml [[feeds]] and [city] timezone: offline feeds parsed, network feeds and escapes refused."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from twin_app.core.city import load_manifest, resolve_city
from twin_app.core.errors import ManifestError
from twin_app.core.live.frames import Threshold
from twin_app.core.live.observation import Observation
from twin_app.core.live.sources import in_folder, open_source

CITY = """\
[city]
name = "toy"
crs = "EPSG:3067"
bbox = [24.9, 60.1, 25.0, 60.2]
{city_extra}

[[layers]]
id = "stops"
kind = "gtfs-stops"
source = "gtfs/feed.zip"
"""

STATIONS = (
    "id,name,lon,lat,quantity,unit,base,amplitude,peak_hour,heat_index,heat_gain,am_peak,pm_peak\n"
    "n1,Street,24.95,60.15,no2,µg/m³,15,,,,,50,40\n"
)


def _city(tmp_path: Path, feeds: str, city_extra: str = 'timezone = "Europe/Helsinki"') -> Path:
    folder = tmp_path / "toy"
    (folder / "gtfs").mkdir(parents=True)
    (folder / "gtfs" / "feed.zip").write_bytes(b"")
    (folder / "live").mkdir()
    (folder / "live" / "stations.csv").write_text(STATIONS, encoding="utf-8")
    (folder / "live" / "log.csv").write_text("id,time,value\n", encoding="utf-8")
    (folder / "city.toml").write_text(CITY.format(city_extra=city_extra) + feeds, encoding="utf-8")
    return folder


FEEDS = """
[[feeds]]
id = "buses"
title = "Buses (simulated)"
source = "schedule:gtfs/feed.zip"
simulated = "Simulated from the timetable."
attribution = "Toy Transit, CC BY 4.0"
options = { date = 2022-02-22, start = "now" }

[[feeds]]
id = "no2"
source = "sensor-sim:live/stations.csv"
quantity = "value"
units = "µg/m³"
threshold = { above = 25.0, label = "WHO 2021 NO₂ guideline" }
visible = false
options = { date = "2022-02-22", timezone = "UTC" }

[[feeds]]
id = "log"
source = "live/log.csv"
colour = "red"
"""


def test_feeds_and_timezone_are_parsed(tmp_path: Path) -> None:
    folder = _city(tmp_path, FEEDS)
    manifest = load_manifest(folder)
    assert manifest.timezone == "Europe/Helsinki"
    buses, no2, log = manifest.feeds
    assert (buses.id, buses.title, buses.kind, buses.source) == (
        "buses",
        "Buses (simulated)",
        "vehicle",
        "schedule:gtfs/feed.zip",
    )
    assert buses.is_simulated and buses.simulated == "Simulated from the timetable."
    assert buses.attribution == "Toy Transit, CC BY 4.0"
    # a TOML date stays a date; the city's time zone is the feed's unless it names its own
    assert buses.options == {"date": dt.date(2022, 2, 22), "start": "now", "timezone": "Europe/Helsinki"}
    assert no2.options["timezone"] == "UTC"
    assert (no2.kind, no2.quantity, no2.units, no2.visible) == ("sensor", "value", "µg/m³", False)
    assert no2.threshold == Threshold(above=25.0, label="WHO 2021 NO₂ guideline")
    assert (log.kind, log.title, log.simulated) == ("sensor", "log", None)
    assert any("colour" in note for note in manifest.notes)  # an unknown key: noted, not fatal
    # the hub resolves the sources against the folder
    assert in_folder(no2.source, folder) == f"sensor-sim:{folder / 'live' / 'stations.csv'}"
    assert in_folder(log.source, folder) == str(folder / "live" / "log.csv")


def test_a_city_without_timezone_or_feeds_has_none(tmp_path: Path) -> None:
    manifest = load_manifest(_city(tmp_path, "", city_extra=""))
    assert manifest.timezone is None and manifest.feeds == ()


@pytest.mark.parametrize(
    "source",
    [
        "mqtt://broker.example.org:1883/sensors/#",
        "hfp+mqtt://mqtt.hsl.fi:1883",
        "gtfsrt+https://example.org/vehicles.pb",
        "sensorthings+http://example.org/v1.1",
        "https://example.org/feed.csv",
    ],
)
def test_a_network_feed_in_a_city_folder_is_refused(tmp_path: Path, source: str) -> None:
    folder = _city(tmp_path, f'[[feeds]]\nid = "net"\nsource = "{source}"\n')
    with pytest.raises(ManifestError, match="never connects to the network") as caught:
        load_manifest(folder)
    assert "'net'" in str(caught.value)


@pytest.mark.parametrize(
    ("source", "why"),
    [
        ("schedule:../outside.zip", "climbs out with '..'"),
        ("sensor-sim:/etc/stations.csv", "is an absolute path"),
        ("file:///tmp/log.csv", "is an absolute path"),
        ("../log.jsonl", "climbs out with '..'"),
    ],
)
def test_a_feed_path_escaping_the_folder_is_refused(tmp_path: Path, source: str, why: str) -> None:
    folder = _city(tmp_path, f'[[feeds]]\nid = "out"\nsource = "{source}"\n')
    with pytest.raises(ManifestError, match=why) as caught:
        load_manifest(folder)
    assert "The feed 'out'" in str(caught.value)


def test_a_feed_through_a_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    folder = _city(tmp_path, '[[feeds]]\nid = "link"\nsource = "sensor-sim:live/elsewhere.csv"\n')
    (tmp_path / "outside.csv").write_text(STATIONS, encoding="utf-8")
    os.symlink(tmp_path / "outside.csv", folder / "live" / "elsewhere.csv")
    with pytest.raises(ManifestError, match="symbolic link"):
        load_manifest(folder)


@pytest.mark.parametrize(
    ("feeds", "city_extra", "words"),
    [
        ("", 'timezone = "Mars/Olympus"', "[city] timezone must be an IANA time zone name"),
        (
            '[[feeds]]\nid = "x"\nsource = "schedule:gtfs/feed.zip"\nkind = "bus"\n',
            "",
            '"vehicle" or "sensor"',
        ),
        (
            '[[feeds]]\nid = "x"\nsource = "sensor-sim:live/stations.csv"\n'
            'threshold = { label = "no level" }\n',
            "",
            "threshold must be a table with above or below",
        ),
        ('[[feeds]]\nid = "x"\nsource = "gtfs/feed.zip"\n', "", "is not an offline feed"),
        ('[[feeds]]\nsource = "live/log.csv"\n', "", "feed number 1 has no 'id'"),
        (
            '[[feeds]]\nid = "x"\nsource = "live/log.csv"\n[[feeds]]\nid = "x"\nsource = "live/log.csv"\n',
            "",
            "two feeds are called 'x'",
        ),
    ],
)
def test_bad_feed_entries_are_sentences_naming_the_key(
    tmp_path: Path, feeds: str, city_extra: str, words: str
) -> None:
    with pytest.raises(ManifestError, match=words.replace("[", r"\[").replace("(", r"\(")):
        load_manifest(_city(tmp_path, feeds, city_extra=city_extra))


def test_the_sample_city_ships_simulated_feeds_that_say_so() -> None:
    folder = resolve_city("helsinki")
    manifest = load_manifest(folder)
    assert manifest.timezone == "Europe/Helsinki"
    feeds = {f.id: f for f in manifest.feeds}
    assert {f.kind for f in feeds.values()} == {"vehicle", "sensor"}
    assert all(f.is_simulated and "Simulated" in (f.simulated or "") for f in feeds.values())
    assert "22 February 2022" in (feeds["transit"].simulated or "")
    assert "HSL" in (feeds["transit"].attribution or "")
    no2 = feeds["air-no2"]
    assert no2.threshold is not None and no2.threshold.above == 25.0
    # the sensor feed opens and reads the same clock as the city
    source = open_source(
        in_folder(no2.source, folder), {**no2.options, "start": "08:00", "end": "08:00", "speed": 0}
    )
    got: list[Observation] = []
    source.run(got.extend)
    assert got and got[0].time == dt.datetime(2022, 2, 22, 6, 0, tzinfo=dt.UTC)
    assert any(o.value is not None and o.value > 25.0 for o in got)  # rush hour crosses the alert level


@pytest.mark.slow
def test_sample_schedule_puts_each_vehicle_at_its_stop_when_it_leaves() -> None:
    """The real HSL feed: at each departure time a trip's vehicle stands at that stop (stops.txt, pyproj)."""
    import zipfile

    import pandas as pd
    from pyproj import Geod

    folder = resolve_city("helsinki")
    spec = {f.id: f for f in load_manifest(folder).feeds}["transit"]
    source = open_source(in_folder(spec.source, folder), {**spec.options, "start": "08:00", "end": "08:30"})
    zip_path = folder / "gtfs" / "hsl_helsinki_centre_gtfs_2022.zip"
    with zipfile.ZipFile(zip_path) as z:
        times = pd.read_csv(z.open("stop_times.txt"), dtype=str)
        stops = pd.read_csv(z.open("stops.txt"), dtype=str).set_index("stop_id")
        frequencies = pd.read_csv(z.open("frequencies.txt"), dtype=str)
    trip_id = "1001 6_20220204_Ti_2_0610"  # a trip with fixed times (not a frequency template)
    assert trip_id not in set(frequencies["trip_id"])
    trip = times[times["trip_id"] == trip_id].copy()
    trip["seq"] = trip["stop_sequence"].astype(int)
    geod = Geod(ellps="WGS84")
    checked = 0
    for _, row in trip.sort_values("seq").iterrows():
        h, m, s = (int(v) for v in row["departure_time"].split(":"))
        fixes = {o.entity: o for o in source.observations_at(h * 3600 + m * 60 + s)}  # type: ignore[attr-defined]
        fix = fixes[trip_id]
        stop = stops.loc[row["stop_id"]]
        _, _, metres = geod.inv(float(stop["stop_lon"]), float(stop["stop_lat"]), fix.lon, fix.lat)
        assert metres < 40, (row["stop_id"], metres)
        assert fix.time == dt.datetime(2022, 2, 22, h - 2, m, s, tzinfo=dt.UTC)
        checked += 1
    assert checked >= 5
