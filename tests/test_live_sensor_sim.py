"""Simulated sensor stations: readings equal the documented formula worked out by hand.

value = base + amplitude·cos(2π(h − peak_hour)/24) + heat_gain·heat_index
        + am_peak·exp(−½((h − 8)/1)²) + pm_peak·exp(−½((h − 16.5)/1.5)²)
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

from twin_app.core.errors import FeedError
from twin_app.core.live.observation import Observation, ObservationKind
from twin_app.core.live.sensor_sim import SimulatedSensors
from twin_app.core.live.sources import open_source

STATIONS = """\
# a comment line is skipped
id,name,lon,lat,quantity,unit,base,amplitude,peak_hour,heat_index,heat_gain,am_peak,pm_peak
t1,Park,24.94,60.17,air_temperature,°C,-4,3,14,0.5,2,,
n1,Street,24.95,60.18,no2,µg/m³,15,,,,,50,40
"""


def _stations(tmp_path: Path, text: str = STATIONS) -> Path:
    path = tmp_path / "stations.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _readings(source: SimulatedSensors, hours: float) -> dict[str, Observation]:
    return {o.entity: o for o in source.observations_at(hours * 3600)}


@pytest.mark.parametrize(
    ("hours", "temperature", "no2"),
    [
        # 14:00: -4 + 3·cos 0 + 2·0.5 = 0; NO2: 15 + 50·e^(-18) + 40·e^(-1.39) = 15 + 9.98
        (14.0, 0.0, round(15 + 50 * math.exp(-18) + 40 * math.exp(-0.5 * (2.5 / 1.5) ** 2), 2)),
        # 02:00: -4 + 3·cos(-π) + 1 = -6; NO2 at night: the base (the peaks are < 1e-6 away)
        (2.0, -6.0, 15.0),
        # 08:00: -4 + 3·cos(-π/2) + 1 = -3; NO2: the morning peak in full, the evening one e^(-16) away
        (8.0, -3.0, 65.0),
        # 16:30: -4 + 3·cos(2π·2.5/24) + 1 = -0.4019...; NO2: the evening peak in full
        (16.5, round(-3 + 3 * math.cos(2 * math.pi * 2.5 / 24), 2), 55.0),
    ],
)
def test_readings_follow_the_documented_formula(
    tmp_path: Path, hours: float, temperature: float, no2: float
) -> None:
    source = SimulatedSensors(_stations(tmp_path), {"date": "2022-02-22", "start": "00:00"}, name="air")
    got = _readings(source, hours)
    assert got["t1"].value == pytest.approx(temperature, abs=1e-9)
    assert got["n1"].value == pytest.approx(no2, abs=1e-9)
    assert got["t1"].unit == "°C" and got["n1"].unit == "µg/m³"
    assert got["n1"].kind == ObservationKind.SENSOR and got["n1"].extra["simulated"] is True
    assert (got["n1"].lon, got["n1"].lat) == (24.95, 60.18)


def test_the_same_moment_gives_the_same_readings(tmp_path: Path) -> None:
    path = _stations(tmp_path)
    a = SimulatedSensors(path, {"date": "2022-02-22", "start": "00:00"})
    b = SimulatedSensors(path, {"date": "2022-02-22", "start": "07:13"})
    assert [o.value for o in a.observations_at(30_000)] == [o.value for o in b.observations_at(30_000)]


def test_times_are_local_clock_hours_stored_in_utc(tmp_path: Path) -> None:
    source = open_source(
        f"sensor-sim:{_stations(tmp_path)}",
        {
            "date": "2022-02-22",
            "start": "08:00",
            "end": "08:02",
            "speed": 0,
            "timezone": "Europe/Helsinki",
            "name": "air",
        },
    )
    got: list[Observation] = []
    source.run(got.extend)
    # one reading a minute (interval_s default 60) of each station, 08:00..08:02 Helsinki = 06:00..06:02 UTC
    assert len(got) == 6 and {o.source for o in got} == {"air"}
    assert sorted({o.time for o in got}) == [dt.datetime(2022, 2, 22, 6, m, tzinfo=dt.UTC) for m in range(3)]
    assert next(o.value for o in got if o.entity == "n1") == 65.0  # 08:00 local: the morning peak


def test_now_is_the_local_time_of_day_like_the_schedule(tmp_path: Path) -> None:
    source = SimulatedSensors(
        _stations(tmp_path),
        {"date": "2022-02-22", "timezone": "Europe/Helsinki"},
        now=lambda: dt.datetime(2026, 12, 1, 21, 30, tzinfo=dt.UTC),  # 23:30 in Helsinki (UTC+2)
    )
    assert source.start_s == 23 * 3600 + 30 * 60
    assert source.end_s == source.start_s + 24 * 3600  # the formula repeats: a whole day from the start
    assert source.time_of(source.start_s) == dt.datetime(2022, 2, 22, 21, 30, tzinfo=dt.UTC)


def test_quantity_option_takes_one_kind_of_station(tmp_path: Path) -> None:
    source = SimulatedSensors(_stations(tmp_path), {"date": "2022-02-22", "quantity": "no2", "start": "0:00"})
    assert [s.id for s in source.stations] == ["n1"]
    with pytest.raises(FeedError, match="no station of quantity 'pm25'"):
        SimulatedSensors(_stations(tmp_path), {"date": "2022-02-22", "quantity": "pm25"})


def test_a_bad_station_row_is_a_sentence_naming_it(tmp_path: Path) -> None:
    bad = STATIONS.replace("15,,,,,50,40", "fifteen,,,,,50,40")
    with pytest.raises(FeedError, match=r"row 3: base must be a number, not 'fifteen'"):
        SimulatedSensors(_stations(tmp_path, bad), {"date": "2022-02-22"})
    with pytest.raises(FeedError, match="no lat column"):
        SimulatedSensors(
            _stations(tmp_path, "id,name,lon,quantity,unit\na,b,1,x,y\n"), {"date": "2022-02-22"}
        )


def test_the_sample_city_station_file_crosses_its_alert_level_at_rush_hour() -> None:
    """The bundled stations: some NO2 street readings pass 25 µg/m³ at 08:00, none at 03:00."""
    path = Path(__file__).parents[1] / "sample_cities" / "helsinki" / "live" / "stations.csv"
    source = SimulatedSensors(path, {"date": "2022-02-22", "quantity": "no2", "start": "00:00"})
    rush = [o.value for o in source.observations_at(8 * 3600)]
    night = [o.value for o in source.observations_at(3 * 3600)]
    assert sum(v > 25 for v in rush if v is not None) >= 3
    assert all(v is not None and v < 25 for v in night)


def test_a_station_reading_once_a_minute_does_not_read_as_a_flood(tmp_path: Path) -> None:
    import time

    source = SimulatedSensors(_stations(tmp_path), {"date": "2022-02-22", "start": "08:00", "interval_s": 60})
    got: list[Observation] = []
    source.run(got.extend, until=time.monotonic() + 1.5)
    # one reading per station at the first tick, the next a simulated minute (a real minute) later
    assert source.status.stored == len(source.stations) == len(got)
    assert 0 < source.status.messages_per_s <= len(source.stations)
