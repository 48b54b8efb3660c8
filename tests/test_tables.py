"""Imported tables joined to the city: by key, by location, and time-stamped ones played on the slider.

A toy city is built in the test: five square buildings in a row (OSM ids,
one way and one relation sharing the number 103) and two districts.  Every
expected value is worked out by hand from the rows written here; positions
given in degrees are made with pyproj from the metres the answers are
reckoned in.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import Transformer
from toy_city import BBOX, CRS

from twin_app.core.city import CityManifest
from twin_app.core.errors import TableError
from twin_app.core.layers import BuildingsLayer, PolygonLayer
from twin_app.core.live.store import ObservationStore
from twin_app.core.model import Change, CityModel
from twin_app.core.table_series import FeatureSeries, join_time_table, store_observations
from twin_app.core.tables import join_by_key, join_by_location, normalise_key, read_table

UTC = dt.UTC


def buildings_layer() -> BuildingsLayer:
    frame = gpd.GeoDataFrame(
        {
            "osm_id": [101, 102, 103, 103, 105],
            "osm_type": ["way", "way", "way", "relation", "way"],
            "height_m": [10.0, 12.0, 15.0, 20.0, 9.0],
            "height_from": ["height_tag"] * 5,
        },
        geometry=[shapely.box(x, 0, x + 100, 100) for x in (0, 200, 400, 600, 800)],
        crs=CRS,
    )
    return BuildingsLayer(
        id="buildings", title="Buildings", crs=CRS, style="buildings", frame=frame, value_column="height_m"
    )


def districts_layer() -> PolygonLayer:
    frame = gpd.GeoDataFrame(
        {"name": ["West", "East"]},
        geometry=[shapely.box(-100, -100, 500, 1100), shapely.box(500, -100, 1100, 1100)],
        crs=CRS,
    )
    return PolygonLayer(id="areas", title="Areas", crs=CRS, style="landuse", frame=frame)


def city(tmp_path: Path) -> CityModel:
    manifest = CityManifest(folder=tmp_path, name="toy", title="Toy", crs=CRS, bbox_lonlat=BBOX, layers=())
    model = CityModel(manifest=manifest, origin=(0.0, 0.0))
    model.add_layer(buildings_layer())
    model.add_layer(districts_layer())
    return model


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


# -- keys -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("0123", "123"),
        (123, "123"),
        (123.0, "123"),
        (" 123 ", "123"),
        ("123.0", "123"),
        ("way/123", "way/123"),
        ("https://www.openstreetmap.org/relation/0042", "relation/42"),
        ("A-12", "A-12"),
        ("", None),
        (float("nan"), None),
        (None, None),
    ],
)
def test_keys_are_compared_by_the_documented_rule(raw: object, key: str | None) -> None:
    assert normalise_key(raw) == key


# -- join by key ----------------------------------------------------------------------------------------


def test_a_semicolon_csv_in_windows_1252_joins_by_key_with_units_from_the_header(tmp_path: Path) -> None:
    csv = write(
        tmp_path / "energy.csv",
        "building;energy [MWh/a];owner\n"
        "0101;12,5;Sörnäinen Oy\n"  # leading zero, decimal comma
        "way/102;20;B\n"  # OSM's own notation
        "relation/103;7;C\n"  # the relation, not the way of the same number
        "999;3;D\n"  # no such building
        ";4;E\n",  # no key
        encoding="cp1252",
    )
    table = read_table(csv)
    assert table.units == {"energy": "MWh/a"}
    result = join_by_key(buildings_layer(), table, layer_column="osm_id", table_column="building")
    layer, report = result.layer, result.report
    values = layer.frame["energy"].to_numpy()
    assert values[:2].tolist() == [12.5, 20.0] and values[3] == 7.0
    assert math.isnan(values[2]) and math.isnan(values[4])
    assert layer.restyles == "buildings" and layer.value_column == "energy" and layer.units == "MWh/a"
    assert isinstance(layer, BuildingsLayer)
    assert (report.matched_features, report.features, report.rows) == (3, 5, 5)
    assert (report.rows_without_feature, report.sample_keys, report.blank_keys) == (1, ["999"], 1)
    assert report.features_without_row == 2
    assert report.values == ["energy"]  # 'owner' is text: not a value column
    text = " ".join(report.sentences())
    assert "3 of 5 features of 'Buildings' matched" in text and "'999'" in text


def test_a_bare_osm_number_matches_both_the_way_and_the_relation_and_says_so(tmp_path: Path) -> None:
    csv = write(tmp_path / "t.csv", "id,kwh\n103,50\n104,n/a\n")
    result = join_by_key(buildings_layer(), read_table(csv), layer_column="osm_id", table_column="id")
    values = result.layer.frame["kwh"].to_numpy()
    assert values[2] == 50.0 and values[3] == 50.0
    report = result.report
    assert (report.shared_keys, report.features_sharing_keys) == (1, 2)
    assert report.non_numeric == {"kwh": 1}
    assert report.rows_without_feature == 1 and report.sample_keys == ["104"]


def test_repeated_keys_are_refused_unless_an_aggregation_is_asked_for(tmp_path: Path) -> None:
    csv = write(tmp_path / "meters.csv", "id,kwh\n101,12.5\n101,2.5\n102,1\n")
    with pytest.raises(TableError, match=r"'101'.*sum or mean"):
        join_by_key(buildings_layer(), read_table(csv), layer_column="osm_id", table_column="id")
    summed = join_by_key(
        buildings_layer(), read_table(csv), layer_column="osm_id", table_column="id", aggregate="sum"
    )
    assert summed.layer.frame["kwh"].tolist()[:2] == [15.0, 1.0]
    assert (summed.report.duplicate_keys, summed.report.duplicate_rows) == (1, 2)
    mean = join_by_key(
        buildings_layer(), read_table(csv), layer_column="osm_id", table_column="id", aggregate="mean"
    )
    assert mean.layer.frame["kwh"].tolist()[0] == 7.5


def test_bad_columns_are_sentences_naming_the_columns(tmp_path: Path) -> None:
    csv = write(tmp_path / "t.csv", "id,kwh\n101,1\n")
    with pytest.raises(TableError, match=r"no key column 'bid'.*id, kwh"):
        join_by_key(buildings_layer(), read_table(csv), layer_column="osm_id", table_column="bid")
    with pytest.raises(TableError, match=r"no column 'ref'.*osm_id"):
        join_by_key(buildings_layer(), read_table(csv), layer_column="ref", table_column="id")
    with pytest.raises(TableError, match="no value column 'mwh'"):
        join_by_key(
            buildings_layer(), read_table(csv), layer_column="osm_id", table_column="id", values=["mwh"]
        )


def test_a_geopackage_attribute_table_joins_like_a_csv(tmp_path: Path) -> None:
    import pandas as pd
    import pyogrio

    path = tmp_path / "use.gpkg"
    pyogrio.write_dataframe(pd.DataFrame({"osm": [102, 105], "water_m3": [3.5, 8.0]}), path, layer="use")
    result = join_by_key(buildings_layer(), read_table(path), layer_column="osm_id", table_column="osm")
    assert (
        result.layer.frame["water_m3"].tolist()[1] == 3.5
        and result.layer.frame["water_m3"].tolist()[4] == 8.0
    )
    assert result.report.matched_features == 2


def test_the_joined_values_colour_the_buildings_in_place(tmp_path: Path) -> None:
    import pyvista as pv

    from twin_app.scene.view import COLOUR_ARRAY, SceneView

    model = city(tmp_path)
    plotter = pv.Plotter(off_screen=True, window_size=[400, 300])
    view = SceneView(plotter, model)
    try:
        mesh = view.visuals["buildings"].mesh
        actors = len(plotter.renderer.actors)
        csv = write(tmp_path / "e.csv", "osm_id,energy [MWh]\n101,10\n102,30\n")
        result = join_by_key(
            model.layers["buildings"], read_table(csv), layer_column="osm_id", table_column="osm_id"
        )
        model.add_result_layer(result.layer)
        colouring = view.colouring("buildings")
        assert colouring is not None and colouring.column == "energy" and colouring.units == "MWh"
        assert colouring.values[:2].tolist() == [10.0, 30.0] and np.isnan(colouring.values[2:]).all()
        assert view.visuals["buildings"].mesh is mesh and len(plotter.renderer.actors) == actors
        feature = np.asarray(mesh.cell_data["feature_id"])
        shown = np.asarray(mesh.cell_data[COLOUR_ARRAY])
        assert np.all(shown[feature == 1] == 30.0)
        (entry,) = [e for e in view.legend_entries() if e.layer_id == result.layer.id]
        assert (entry.title, entry.units) == ("Energy from e.csv", "MWh")
    finally:
        plotter.close()


# -- join by location -----------------------------------------------------------------------------------


def _lonlat(x: float, y: float) -> tuple[float, float]:
    lon, lat = Transformer.from_crs(CRS, "EPSG:4326", always_xy=True).transform(x, y)
    return float(lon), float(lat)


def test_rows_go_to_the_area_containing_them_summed_or_averaged(tmp_path: Path) -> None:
    points = [(100, 50, 1), (250, 500, 2), (450, 300, 4), (700, 200, 10), (5000, 5000, 100)]
    lines = ["longitude;latitude;count"]
    for x, y, v in points:
        lon, lat = _lonlat(x, y)
        lines.append(f"{lon:.9f};{lat:.9f};{v}".replace(".", ","))
    lines.append(";;7")  # no position
    csv = write(tmp_path / "incidents.csv", "\n".join(lines) + "\n")
    summed = join_by_location(districts_layer(), read_table(csv))
    frame = summed.layer.frame
    # West holds 1 + 2 + 4, East 10; the row at 5 km is outside both
    assert frame["count"].tolist() == [7.0, 10.0]
    assert frame["row_count"].tolist() == [3.0, 1.0]
    report = summed.report
    assert (report.outside, report.without_position, report.on_borders) == (1, 1, 0)
    assert report.matched_features == 2
    mean = join_by_location(districts_layer(), read_table(csv), aggregate="mean")
    assert mean.layer.frame["count"].tolist() == pytest.approx([7 / 3, 10.0])
    assert isinstance(mean.layer, PolygonLayer) and mean.layer.restyles == "areas"


def test_location_join_with_x_y_in_a_stated_crs_and_a_geojson_of_points(tmp_path: Path) -> None:
    csv = write(tmp_path / "s.csv", "E,N,pm25\n100,50,3\n700,50,5\n500,50,1\n")
    result = join_by_location(districts_layer(), read_table(csv), x="E", y="N", crs=CRS)
    # the row on the border of West and East goes to the first of them in the layer: West
    assert result.layer.frame["pm25"].tolist() == [4.0, 5.0] and result.report.on_borders == 1
    points = gpd.GeoDataFrame({"pm25": [2.0, 6.0]}, geometry=shapely.points([(50, 60), (60, 60)]), crs=CRS)
    points.to_file(tmp_path / "p.geojson")
    geo = join_by_location(districts_layer(), read_table(tmp_path / "p.geojson"))
    assert geo.layer.frame["pm25"].tolist()[0] == 8.0 and math.isnan(geo.layer.frame["pm25"].tolist()[1])
    with pytest.raises(TableError, match="not made of polygons"):
        from twin_app.core.layers import PointLayer

        stops = PointLayer(id="p", title="Stops", crs=CRS, frame=points)
        join_by_location(stops, read_table(csv), x="E", y="N", crs=CRS)


# -- time-stamped tables ---------------------------------------------------------------------------------

SERIES = (
    "building,time,energy [kWh]\n"
    "101,2026-03-01T08:00:00+02:00,5\n"  # 06:00Z
    "101,2026-03-01T09:00:00+02:00,7\n"  # 07:00Z
    "102,2026-03-01T07:30:00Z,3\n"
    "102,2026-03-01T08:30:00Z,4\n"
)


def _at(hh: int, mm: int, ss: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, 1, hh, mm, ss, tzinfo=UTC)


def test_a_time_stamped_table_plays_each_features_last_value(tmp_path: Path) -> None:
    model = city(tmp_path)
    table = read_table(write(tmp_path / "hourly.csv", SERIES))
    joined = join_time_table(
        model.layers["buildings"], table, layer_column="osm_id", table_column="building", time_column="time"
    )
    # before playing, each building shows its key's last row
    assert joined.result.layer.frame["energy"].tolist()[:2] == [7.0, 4.0]
    model.add_result_layer(joined.result.layer)
    with ObservationStore(tmp_path / "obs.gpkg") as store:
        assert store_observations(store, joined.made) == (4, 0)
        assert store_observations(store, joined.made) == (0, 4)  # a repeated import stores nothing twice
        assert store.count() == 4
        obs = store.query(source="hourly")
        assert {o.feature_id for o in obs} == {"101", "102"} and {o.unit for o in obs} == {"kWh"}
        (series,) = joined.series(joined.result.layer.id)
        assert series.span(store) == (_at(6, 0), _at(8, 30))
        events: list[Change] = []
        model.subscribe(lambda change, layer: events.append(change))
        expected = {
            _at(5, 59): (math.nan, math.nan),
            _at(6, 0): (5.0, math.nan),
            _at(7, 30): (7.0, 3.0),
            _at(8, 29, 59): (7.0, 3.0),
            _at(9, 0): (7.0, 4.0),
        }
        for at, (b0, b1) in expected.items():
            series.show(model, store, at)
            shown = model.layers[series.layer_id].frame["energy"].tolist()
            assert shown[0] == pytest.approx(b0, nan_ok=True) and shown[1] == pytest.approx(b1, nan_ok=True)
            assert all(math.isnan(v) for v in shown[2:])
        assert events == [Change.DATA] * len(expected)


def test_naive_times_are_refused_unless_a_time_zone_is_named(tmp_path: Path) -> None:
    table = read_table(write(tmp_path / "naive.csv", "building,time,kwh\n101,2026-03-01 08:00:00,5\n"))
    with pytest.raises(TableError, match="--timezone"):
        join_time_table(
            buildings_layer(), table, layer_column="osm_id", table_column="building", time_column="time"
        )
    joined = join_time_table(
        buildings_layer(),
        table,
        layer_column="osm_id",
        table_column="building",
        time_column="time",
        timezone="Europe/Helsinki",
    )
    (obs,) = joined.made.observations
    assert obs.time == _at(6, 0)  # Helsinki is UTC+2 in March
    with pytest.raises(TableError, match="not a time zone"):
        join_time_table(
            buildings_layer(),
            table,
            layer_column="osm_id",
            table_column="building",
            time_column="time",
            timezone="Mars/Olympus",
        )
    bad = read_table(write(tmp_path / "bad.csv", "building,time,kwh\n101,yesterday,5\n"))
    with pytest.raises(TableError, match="line 2"):
        join_time_table(
            buildings_layer(), bad, layer_column="osm_id", table_column="building", time_column="time"
        )


def test_a_series_recolours_the_buildings_in_place(tmp_path: Path) -> None:
    import pyvista as pv

    from twin_app.scene.view import COLOUR_ARRAY, SceneView

    model = city(tmp_path)
    plotter = pv.Plotter(off_screen=True, window_size=[400, 300])
    view = SceneView(plotter, model)
    try:
        table = read_table(write(tmp_path / "hourly.csv", SERIES))
        joined = join_time_table(
            model.layers["buildings"],
            table,
            layer_column="osm_id",
            table_column="building",
            time_column="time",
        )
        model.add_result_layer(joined.result.layer)
        mesh = view.visuals["buildings"].mesh
        actors = len(plotter.renderer.actors)
        with ObservationStore(tmp_path / "obs.gpkg") as store:
            store_observations(store, joined.made)
            series = FeatureSeries(joined.result.layer.id, "hourly", "osm_id")
            feature = np.asarray(mesh.cell_data["feature_id"])
            series.show(model, store, _at(6, 30))
            before = np.asarray(mesh.cell_data[COLOUR_ARRAY]).copy()
            # the palette spans the whole series (3 to 7 kWh) at every moment, not the moment's own values
            # (5 only, here), so a colour means the same energy all through a replay
            colouring = view.colouring("buildings")
            assert colouring is not None and colouring.value_range == (3.0, 7.0)
            series.show(model, store, _at(7, 30))
            after = np.asarray(view.visuals["buildings"].mesh.cell_data[COLOUR_ARRAY])
            colouring = view.colouring("buildings")
            assert colouring is not None and colouring.value_range == (3.0, 7.0)
        assert np.all(before[feature == 0] == 5.0) and np.all(after[feature == 0] == 7.0)
        assert np.all(np.isnan(before[feature == 1])) and np.all(after[feature == 1] == 3.0)
        assert view.visuals["buildings"].mesh is mesh and len(plotter.renderer.actors) == actors
    finally:
        plotter.close()


def test_a_series_answers_as_the_stores_own_latest_query_at_every_moment(tmp_path: Path) -> None:
    """The series' arrays against the store's SQL (``latest``), an independent answer, on a messy table.

    Rows out of time order, two rows of one key at the same time (the later
    row wins, as in the store), keys matching two features and none.
    """
    rng = np.random.default_rng(3)
    keys = ["101", "way/102", "relation/103", "103", "105", "999"]
    lines = ["building,time,kwh"]
    for _ in range(300):
        minute = int(rng.integers(0, 240))
        time = f"2026-03-01T{6 + minute // 60:02d}:{minute % 60:02d}:00Z"
        lines.append(f"{rng.choice(keys)},{time},{rng.uniform(0, 9):.3f}")
    lines += ["101,2026-03-01T07:00:00Z,1", "101,2026-03-01T07:00:00Z,2"]  # same time: the last row counts
    table = read_table(write(tmp_path / "messy.csv", "\n".join(lines) + "\n"))
    model = city(tmp_path)
    joined = join_time_table(
        model.layers["buildings"], table, layer_column="osm_id", table_column="building", time_column="time"
    )
    model.add_result_layer(joined.result.layer)
    layer_id = joined.result.layer.id
    with ObservationStore(tmp_path / "obs.gpkg") as store:
        store_observations(store, joined.made)
        (given,) = joined.series(layer_id)  # arrays from the import
        read = FeatureSeries(layer_id, "messy", "osm_id")  # arrays read back from the store
        # the keys each building answers to, worked out from its osm_id and osm_type
        index = {"101": [0], "way/101": [0], "102": [1], "way/102": [1], "103": [2, 3], "way/103": [2]}
        index |= {"relation/103": [3], "105": [4], "way/105": [4]}
        for minute in range(-5, 250, 7):
            at = _at(6, 0) + dt.timedelta(minutes=minute)
            expected = np.full(5, np.nan)
            # a building answering to two keys ("103" and "relation/103") shows the newer value
            for obs in sorted(store.latest(at, source="messy"), key=lambda o: (o.time, o.entity)):
                for position in index.get(obs.feature_id, []):
                    expected[position] = obs.value
            np.testing.assert_array_equal(given.values_at(model, store, at), expected)
            np.testing.assert_array_equal(read.values_at(model, store, at), expected)


def test_ids_and_codes_are_not_values_by_default(tmp_path: Path) -> None:
    csv = write(tmp_path / "st.csv", "station_id,code,E,N,pm25\n7,31,100,50,3\n8,32,150,50,5\n")
    result = join_by_location(districts_layer(), read_table(csv), x="E", y="N", crs=CRS)
    assert result.report.values == ["pm25", "row_count"]
    assert result.layer.frame["pm25"].tolist()[0] == 8.0


def test_playback_replays_a_table_from_its_read_only_reader(tmp_path: Path) -> None:
    """The window's playback: the series is one of its items, shown from the store's read-only reader."""
    from twin_app.core.live.playback import Playback, TimeVarying

    model = city(tmp_path)
    table = read_table(write(tmp_path / "hourly.csv", SERIES))
    joined = join_time_table(
        model.layers["buildings"], table, layer_column="osm_id", table_column="building", time_column="time"
    )
    model.add_result_layer(joined.result.layer)
    with ObservationStore(tmp_path / "obs.gpkg") as store:
        store_observations(store, joined.made)
    playback = Playback(model, tmp_path / "obs.gpkg")
    try:
        # read back from the store, as after a restart: no arrays from the import
        item = FeatureSeries(joined.result.layer.id, "hourly", "osm_id")
        assert isinstance(item, TimeVarying)
        playback.add(item)
        assert playback.span() == (_at(6, 0), _at(8, 30))
        playback.show(_at(7, 45))
        assert model.layers[item.layer_id].frame["energy"].tolist()[:2] == [7.0, 3.0]
        playback.show(_at(6, 15))
        shown = model.layers[item.layer_id].frame["energy"].tolist()
        assert shown[0] == 5.0 and math.isnan(shown[1])
    finally:
        playback.close()


def test_a_table_of_two_value_columns_is_one_playback_item(tmp_path: Path) -> None:
    from twin_app.core.live.playback import Playback

    model = city(tmp_path)
    text = "building,time,kwh,water [m3]\n101,2026-03-01T06:00:00Z,5,1.5\n101,2026-03-01T07:00:00Z,6,2.5\n"
    table = read_table(write(tmp_path / "use.csv", text))
    joined = join_time_table(
        model.layers["buildings"], table, layer_column="osm_id", table_column="building", time_column="time"
    )
    assert set(joined.made.feeds.values()) == {"use:kwh", "use:water"}
    model.add_result_layer(joined.result.layer)
    with ObservationStore(tmp_path / "obs.gpkg") as store:
        store_observations(store, joined.made)
        assert {s.source: s.count for s in store.stats()} == {"use:kwh": 2, "use:water": 2}
    playback = Playback(model, tmp_path / "obs.gpkg")
    try:
        playback.add(joined.item(joined.result.layer.id))
        assert len(playback.items) == 1
        playback.show(_at(6, 30))
        frame = model.layers[joined.result.layer.id].frame
        assert (frame["kwh"].iloc[0], frame["water"].iloc[0]) == (5.0, 1.5)
        assert playback.span() == (_at(6, 0), _at(7, 0))
    finally:
        playback.close()
