"""Playback from the store: vehicles interpolated between fixes, sensors with stale readings, items in sync.

Expected positions are worked out by hand in a metric CRS (ETRS-TM35FIN):
fixes are written as the WGS 84 coordinates of chosen metric points
(pyproj's inverse), so "10 m/s east for 5 s" must come back as 50 m east.
"""

from __future__ import annotations

import datetime as dt
import math
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from pyproj import Transformer

from twin_app.core.city import CityManifest
from twin_app.core.errors import FeedError, MissingFileError
from twin_app.core.layers import LiveLayer
from twin_app.core.live.frames import SensorFrame, Threshold, VehicleFrame
from twin_app.core.live.observation import Observation, ObservationKind
from twin_app.core.live.playback import ObservationReader, Playback, SensorReadings, VehicleTracks
from twin_app.core.live.store import ObservationStore
from twin_app.core.model import Change, CityModel

CRS = "EPSG:3067"
T0 = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
X0, Y0 = 385_000.0, 6_672_000.0
_TO_LONLAT = Transformer.from_crs(CRS, "EPSG:4326", always_xy=True)


def _at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


def _fix(
    entity: str, seconds: float, dx: float, dy: float, source: str = "buses", **extra: object
) -> Observation:
    lon, lat = _TO_LONLAT.transform(X0 + dx, Y0 + dy)
    return Observation(
        source=source,
        entity=entity,
        time=_at(seconds),
        kind=ObservationKind.VEHICLE,
        lon=lon,
        lat=lat,
        extra=extra,
    )


def _reading(
    entity: str, seconds: float, value: float | None, dx: float = 0.0, source: str = "air"
) -> Observation:
    lon, lat = _TO_LONLAT.transform(X0 + dx, Y0)
    return Observation(
        source=source, entity=entity, time=_at(seconds), value=value, unit="ug/m3", lon=lon, lat=lat
    )


def _store(tmp_path: Path, observations: list[Observation]) -> Path:
    path = tmp_path / "obs.gpkg"
    with ObservationStore(path) as store:
        store.append(observations)
    return path


def _frame(path: Path, tracks: VehicleTracks, seconds: float) -> VehicleFrame:
    with ObservationReader(path) as reader:
        return tracks.frame(reader, _at(seconds))


def _where(frame: VehicleFrame, entity: str) -> tuple[float, float, float]:
    i = frame.ids.index(entity)
    return float(frame.xy[i, 0] - X0), float(frame.xy[i, 1] - Y0), float(frame.heading_deg[i])


def _turn(a: float, b: float) -> float:
    """The angle between two compass headings, in degrees (359.9999 and 0 are 0.0001 apart)."""
    return abs((a - b + 180.0) % 360.0 - 180.0)


def test_a_vehicle_moving_east_is_halfway_after_half_the_time(tmp_path: Path) -> None:
    path = _store(tmp_path, [_fix("bus1", 0, 0, 0), _fix("bus1", 10, 100, 0)])  # 10 m/s east
    dx, dy, heading = _where(_frame(path, VehicleTracks("buses", "buses", CRS), 5), "bus1")
    assert dx == pytest.approx(50.0, abs=1e-3) and dy == pytest.approx(0.0, abs=1e-3)
    assert heading == pytest.approx(90.0, abs=1e-6)


@pytest.mark.parametrize(
    ("dx", "dy", "compass"),
    [(0, 100, 0.0), (100, 0, 90.0), (0, -100, 180.0), (-100, -100, 225.0), (-100, 0, 270.0)],
)
def test_heading_is_the_compass_direction_of_motion(
    tmp_path: Path, dx: float, dy: float, compass: float
) -> None:
    path = _store(tmp_path, [_fix("v", 0, 0, 0), _fix("v", 20, dx, dy)])
    x, y, heading = _where(_frame(path, VehicleTracks("l", "buses", CRS), 15), "v")
    assert (x, y) == (pytest.approx(dx * 0.75, abs=1e-3), pytest.approx(dy * 0.75, abs=1e-3))
    assert _turn(heading, compass) < 1e-6


def test_a_heading_the_feed_gives_wins_over_the_motion(tmp_path: Path) -> None:
    path = _store(
        tmp_path, [_fix("v", 0, 0, 0, bearing=45.0), _fix("w", 0, 0, 0, hdg=300), _fix("v", 10, 100, 0)]
    )
    frame = _frame(path, VehicleTracks("l", "buses", CRS), 5)
    assert _where(frame, "v")[2] == pytest.approx(45.0)
    assert _where(frame, "w")[2] == pytest.approx(300.0)


def test_a_standing_vehicle_keeps_its_last_heading(tmp_path: Path) -> None:
    # east for 10 s, then standing at a stop (two fixes in the same place), then nothing more
    path = _store(tmp_path, [_fix("v", 0, 0, 0), _fix("v", 10, 100, 0), _fix("v", 20, 100, 0)])
    tracks = VehicleTracks("l", "buses", CRS)
    with ObservationReader(path) as reader:
        for seconds in (15, 25, 60):
            dx, dy, heading = _where(tracks.frame(reader, _at(seconds)), "v")
            assert (dx, dy) == (pytest.approx(100.0, abs=1e-3), pytest.approx(0.0, abs=1e-3))
            assert heading == pytest.approx(90.0)


def test_a_vehicle_seen_once_has_no_heading(tmp_path: Path) -> None:
    path = _store(tmp_path, [_fix("v", 0, 10, 20)])
    dx, dy, heading = _where(_frame(path, VehicleTracks("l", "buses", CRS), 30), "v")
    assert (dx, dy) == (pytest.approx(10.0, abs=1e-3), pytest.approx(20.0, abs=1e-3))
    assert math.isnan(heading)


def test_a_vehicle_disappears_after_max_gap_and_before_its_first_fix(tmp_path: Path) -> None:
    path = _store(tmp_path, [_fix("v", 0, 0, 0), _fix("v", 10, 100, 0), _fix("u", 100, 0, 0)])
    tracks = VehicleTracks("l", "buses", CRS, max_gap_s=120)
    assert _frame(path, tracks, 50).ids == ("v",)  # u reports from 100 s on
    assert set(_frame(path, tracks, 129).ids) == {"u", "v"}  # v's last fix is 119 s old
    assert _frame(path, tracks, -1).ids == ()
    assert _frame(path, tracks, 131).ids == ("u",)  # v's last fix is 121 s old
    assert _frame(path, tracks, 221).ids == ()


def test_fixes_further_apart_than_max_gap_are_not_interpolated(tmp_path: Path) -> None:
    path = _store(tmp_path, [_fix("v", 0, 0, 0), _fix("v", 200, 1000, 0)])
    tracks = VehicleTracks("l", "buses", CRS, max_gap_s=120)
    assert _where(_frame(path, tracks, 60), "v")[:2] == (
        pytest.approx(0.0, abs=1e-3),
        pytest.approx(0.0, abs=1e-3),
    )
    assert _frame(path, tracks, 150).ids == ()


def test_delay_shows_the_fleet_a_little_in_the_past(tmp_path: Path) -> None:
    path = _store(tmp_path, [_fix("v", 0, 0, 0), _fix("v", 10, 100, 0)])
    frame = _frame(path, VehicleTracks("l", "buses", CRS, delay_s=5), 8)
    assert _where(frame, "v")[0] == pytest.approx(30.0, abs=1e-3)
    assert frame.time == _at(3)


def test_labels_say_route_and_headsign(tmp_path: Path) -> None:
    path = _store(
        tmp_path,
        [
            _fix("a", 0, 0, 0, route="55", headsign="Rautatientori"),
            _fix("b", 0, 5, 0, desi="9", headsign="Pasila"),
        ],
    )
    frame = _frame(path, VehicleTracks("l", "buses", CRS), 1)
    assert dict(zip(frame.ids, frame.labels, strict=True)) == {"a": "55 Rautatientori", "b": "9 Pasila"}


def test_other_feeds_and_unpositioned_rows_are_not_drawn(tmp_path: Path) -> None:
    bare = Observation(source="buses", entity="ghost", time=_at(0), kind=ObservationKind.VEHICLE)
    path = _store(tmp_path, [_fix("v", 0, 0, 0), _fix("x", 0, 0, 0, source="trams"), bare])
    assert _frame(path, VehicleTracks("l", "buses", CRS), 1).ids == ("v",)


def test_a_long_day_played_forwards_and_backwards_stays_on_the_line(tmp_path: Path) -> None:
    # one vehicle at 10 m/s east for three hours, a fix every 5 s: windows are reloaded as time moves
    fixes = [_fix("v", s, 10.0 * s, 0) for s in range(0, 3 * 3600 + 1, 5)]
    path = _store(tmp_path, fixes)
    tracks = VehicleTracks("l", "buses", CRS)
    with ObservationReader(path) as reader:
        for seconds in (2.5, 1801.0, 7203.3, 400.0, 10_799.9, 3.0, 3600.25):
            dx, dy, heading = _where(tracks.frame(reader, _at(seconds)), "v")
            assert dx == pytest.approx(10.0 * seconds, abs=2e-3)
            assert dy == pytest.approx(0.0, abs=1e-3) and heading == pytest.approx(90.0)


def test_small_steps_slide_the_window_and_keep_every_vehicle_on_its_line(tmp_path: Path) -> None:
    # two vehicles, one east at 10 m/s and one north at 4 m/s, fixes every 5 s; frames every 6.5 s
    fixes = [_fix("e", s, 10.0 * s, 0) for s in range(0, 1201, 5)]
    fixes += [_fix("n", s, 0, 4.0 * s) for s in range(2, 1203, 5)]
    path = _store(tmp_path, sorted(fixes, key=lambda o: o.time))
    tracks = VehicleTracks("l", "buses", CRS)
    with ObservationReader(path) as reader:
        for step in range(0, 180):
            seconds = 3.0 + 6.5 * step
            frame = tracks.frame(reader, _at(seconds))
            assert set(frame.ids) == {"e", "n"}
            east, north = _where(frame, "e"), _where(frame, "n")
            assert east[:2] == (pytest.approx(10.0 * seconds, abs=2e-3), pytest.approx(0.0, abs=1e-3))
            assert north[:2] == (pytest.approx(0.0, abs=1e-3), pytest.approx(4.0 * seconds, abs=2e-3))
            assert _turn(east[2], 90.0) < 1e-6 and _turn(north[2], 0.0) < 1e-6


def test_following_a_growing_store_sees_new_fixes(tmp_path: Path) -> None:
    path = tmp_path / "obs.gpkg"
    tracks = VehicleTracks("l", "buses", CRS)
    with ObservationStore(path) as store, ObservationReader(path) as reader:
        store.append([_fix("v", 0, 0, 0)])
        assert _where(tracks.frame(reader, _at(5)), "v")[0] == pytest.approx(0.0, abs=1e-3)
        store.append([_fix("v", 10, 100, 0), _fix("w", 4, 0, 50)])  # the writer goes on while we read
        frame = tracks.frame(reader, _at(5))
        assert _where(frame, "v")[0] == pytest.approx(50.0, abs=1e-3)
        assert _where(frame, "w")[1] == pytest.approx(50.0, abs=1e-3)


def test_sensors_show_their_latest_reading_nan_when_stale_or_none_yet(tmp_path: Path) -> None:
    path = _store(
        tmp_path,
        [
            _reading("s1", 0, 10.0, dx=0),
            _reading("s1", 600, 30.0, dx=0),
            _reading("s2", 0, 50.0, dx=100),
            _reading("s3", 1200, 5.0, dx=200),  # reports only later
            _reading("x", 0, 1.0, source="other"),
        ],
    )
    items = SensorReadings("air", "air", CRS, threshold=Threshold(above=25.0, label="limit"), staleness_s=900)
    with ObservationReader(path) as reader:
        at_300 = items.frame(reader, _at(300))
        at_1000 = items.frame(reader, _at(1000))
        at_1500 = items.frame(reader, _at(1500))
    assert at_300.ids == ("s1", "s2", "s3")
    np.testing.assert_allclose(at_300.values, [10.0, 50.0, np.nan])
    assert at_300.alerts == ("s2",)
    assert at_300.unit == "ug/m3"
    np.testing.assert_allclose(at_300.xy - [X0, Y0], [[0, 0], [100, 0], [200, 0]], atol=1e-3)
    np.testing.assert_allclose(at_1000.values, [30.0, np.nan, np.nan])  # s2's reading is 1000 s old
    assert at_1000.alerts == ("s1",)
    np.testing.assert_allclose(at_1500.values, [30.0, np.nan, 5.0])
    assert at_1500.alerts == ("s1",)


def _model(tmp_path: Path) -> CityModel:
    manifest = CityManifest(
        folder=tmp_path, name="t", title="T", crs=CRS, bbox_lonlat=(24.9, 60.1, 25.0, 60.2), layers=()
    )
    model = CityModel(manifest=manifest, origin=(0.0, 0.0))
    model.add_layer(LiveLayer(id="buses", title="Buses", crs=CRS, feed="buses", observation_kind="vehicle"))
    model.add_layer(LiveLayer(id="air", title="Air", crs=CRS, feed="air", observation_kind="sensor"))
    return model


def test_playback_shows_every_item_at_the_same_moment(tmp_path: Path) -> None:
    path = _store(
        tmp_path,
        [_fix("v", 0, 0, 0), _fix("v", 10, 100, 0), _reading("s1", -30, 20.0), _reading("s1", 40, 21.0)],
    )
    model = _model(tmp_path)
    changes: list[tuple[Change, str]] = []
    model.subscribe(lambda change, layer: changes.append((change, layer.id)))
    playback = Playback(model, path)
    playback.add(VehicleTracks("buses", "buses", CRS))
    playback.add(SensorReadings("air", "air", CRS))
    assert playback.span() == (_at(-30), _at(40))
    assert playback.latest_time() == _at(40)
    playback.show(_at(5))
    buses, air = model.layers["buses"], model.layers["air"]
    assert isinstance(buses, LiveLayer) and isinstance(air, LiveLayer)
    assert isinstance(buses.frame, VehicleFrame) and isinstance(air.frame, SensorFrame)
    assert buses.frame.time == air.frame.time == _at(5)
    assert _where(buses.frame, "v")[0] == pytest.approx(50.0, abs=1e-3)
    np.testing.assert_allclose(air.frame.values, [20.0])
    assert changes == [(Change.DATA, "buses"), (Change.DATA, "air")]
    playback.remove("air")
    playback.show(_at(45))
    assert air.frame.time == _at(5) and buses.frame.time == _at(45)
    playback.close()


def test_playback_before_any_store_shows_nothing(tmp_path: Path) -> None:
    model = _model(tmp_path)
    playback = Playback(model, tmp_path / "not-yet.gpkg")
    playback.add(VehicleTracks("buses", "buses", CRS))
    playback.show(_at(0))
    assert playback.span() is None and playback.latest_time() is None
    layer = model.layers["buses"]
    assert isinstance(layer, LiveLayer) and layer.frame is None


def test_reader_is_read_only_and_answers_like_the_store(tmp_path: Path) -> None:
    # s1 and s2 in two sources; two readings of the same time (the later arrival wins); s2 starts later
    observations = [
        _reading(entity, s, 10.0 * i + k, source=src)
        for i, s in enumerate((0, 5, 5, 9))
        for k, entity in enumerate(("s1", "s2"))
        for src in ("a", "b")
        if not (entity == "s2" and s == 0)
    ]
    path = tmp_path / "obs.gpkg"
    with ObservationStore(path) as store:
        store.append(observations)
        with ObservationReader(path) as reader:
            assert reader.query() == store.query()
            assert reader.query(source="a", start=_at(5), end=_at(9)) == store.query(
                source="a", start=_at(5), end=_at(9)
            )
            assert reader.latest(_at(6)) == store.latest(_at(6))
            assert [o.value for o in reader.latest(_at(6), source="a")] == [20.0, 21.0]
            for source in ("a", "b", "nope"):
                for seconds in (-1, 0, 5, 6, 9, 100):
                    assert reader.latest(_at(seconds), source=source) == store.latest(
                        _at(seconds), source=source
                    )
            assert list(reader.iter_query(page=3)) == store.query()
            assert list(reader.iter_query(source="b", start=_at(5), page=1)) == store.query(
                source="b", start=_at(5)
            )
            assert reader.span() == (_at(0), _at(9))
            assert reader.span(["b"]) == (_at(0), _at(9))
            assert reader.span(["nope"]) is None
            assert reader.sources() == ["a", "b"]
            with pytest.raises(sqlite3.OperationalError, match="readonly"):
                reader._con.execute("DELETE FROM observations")


def test_reader_refuses_what_is_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(MissingFileError):
        ObservationReader(tmp_path / "missing.gpkg")
    other = tmp_path / "other.gpkg"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(FeedError, match="not an observation store"):
        ObservationReader(other)
    text = tmp_path / "text.gpkg"
    text.write_text("hello")
    with pytest.raises(FeedError, match="not an observation store"):
        ObservationReader(text)
