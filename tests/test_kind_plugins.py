"""Layer kinds as plugins: manifests, the content check, validation and isolation.

The kinds are the real ones of the example distribution
(``tests/plugin_example_live``, pip-installed by the ``live_plugin``
fixture): an air-quality station CSV kind, and kinds that misbehave on
purpose.  The expected readings and positions are worked out by hand and
with pyproj, never with the kind's own code.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import Transformer

from twin_app.cli.main import main
from twin_app.core.errors import ParameterError, PluginError, UnreadableContentError
from twin_app.core.kinds import LoadContext, check_layer, default_registry
from twin_app.core.layers import PointLayer, PolygonLayer, RasterLayer
from twin_app.core.loading import load_city

CRS = "EPSG:3067"
BBOX = (24.90, 60.15, 25.00, 60.20)

#: Beta's 12:30+03:00 is 09:30 UTC, before its 12:00 UTC reading; Gamma measures no PM2.5;
#: the 'Bad' row has no position
STATIONS = """station,lon,lat,time,pm25,no2
Alpha,24.95,60.17,2026-06-01T12:00:00Z,10.0,20.0
Alpha,24.95,60.17,2026-06-01T13:00:00Z,14.0,
Beta,24.92,60.18,2026-06-01T12:30:00+03:00,6.0,30.0
Beta,24.92,60.18,2026-06-01T12:00:00Z,8.0,34.0
Gamma,24.98,60.16,2026-06-01T12:00:00Z,,41.0
Bad,,,2026-06-01T12:00:00Z,1.0,1.0
"""

PARKS = """name,lon,lat
Rock park,24.95,60.17
"""

pytestmark = pytest.mark.usefixtures("live_plugin")


def ctx(**kw) -> LoadContext:
    return LoadContext(crs=CRS, bbox_lonlat=BBOX, layer_id="aq", title="Air quality", **kw)


def city(tmp_path: Path, layers: str, files: dict[str, str]) -> Path:
    folder = tmp_path / "aqtown"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "city.toml").write_text(
        f'[city]\nname = "aqtown"\ncrs = "{CRS}"\nbbox = {list(BBOX)}\n\n{layers}', encoding="utf-8"
    )
    return folder


def test_kind_manifests_are_read_without_importing_the_kinds_code() -> None:
    registry = default_registry()
    manifest = {m.id: m for m in registry.manifests()}["air-quality"]
    assert manifest.patterns == ("*.aq.csv", "*.csv")
    assert manifest.distribution == "twin-app-example-live" and not manifest.builtin
    pollutant = {p.name: p for p in manifest.options}["pollutant"]
    assert (pollutant.kind, pollutant.choices, pollutant.default) == (
        "choice",
        ("pm25", "pm10", "no2", "o3"),
        "pm25",
    )
    assert "twin_example_live.aq_kind" not in sys.modules
    # the built-ins get a manifest read off their objects
    vector = {m.id: m for m in registry.manifests()}["vector"]
    assert vector.builtin and "*.csv" in vector.patterns


def test_the_content_check_decides_which_of_two_kinds_claims_a_csv(tmp_path: Path) -> None:
    registry = default_registry()
    stations = tmp_path / "stations.csv"
    stations.write_text(STATIONS)
    parks = tmp_path / "parks.csv"
    parks.write_text(PARKS)
    named_but_plain = tmp_path / "parks.aq.csv"  # the name says air quality, the header does not
    named_but_plain.write_text(PARKS)
    assert registry.for_file(stations).name == "air-quality"
    assert registry.for_file(parks).name == "vector"
    assert registry.for_file(named_but_plain).name == "vector"
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(UnreadableContentError) as err:
        registry.for_file(binary)
    assert "Air-quality stations (CSV)" in str(err.value) and "Vector file" in str(err.value)


def test_each_station_shows_the_reading_chosen_worked_out_by_hand(tmp_path: Path) -> None:
    path = tmp_path / "stations.aq.csv"
    path.write_text(STATIONS)
    registry = default_registry()
    layer = registry.load("air-quality", path, {}, ctx())
    assert isinstance(layer, PointLayer)
    assert (layer.value_column, layer.units) == ("pm25", "µg/m³")
    got = dict(zip(layer.frame["station"], layer.frame["pm25"], strict=True))
    assert got == {"Alpha": 14.0, "Beta": 8.0}  # the latest by time, in UTC; Gamma measures none
    assert any("1 row(s)" in note for note in layer.notes)  # the row without a position
    to_city = Transformer.from_crs("EPSG:4326", CRS, always_xy=True)
    alpha = layer.frame.loc[layer.frame["station"] == "Alpha"].geometry.iloc[0]
    assert (alpha.x, alpha.y) == pytest.approx(to_city.transform(24.95, 60.17), abs=0.01)
    means = registry.load("air-quality", path, {"reading": "mean"}, ctx())
    assert dict(zip(means.frame["station"], means.frame["pm25"], strict=True)) == {"Alpha": 12.0, "Beta": 7.0}
    no2 = registry.load("air-quality", path, {"pollutant": "no2", "reading": "max"}, ctx())
    assert dict(zip(no2.frame["station"], no2.frame["no2"], strict=True)) == {
        "Alpha": 20.0,
        "Beta": 34.0,
        "Gamma": 41.0,
    }


def test_an_option_the_kind_does_not_accept_is_a_sentence_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "stations.aq.csv"
    path.write_text(STATIONS)
    with pytest.raises(ParameterError) as err:
        default_registry().load("air-quality", path, {"pollutant": "co2"}, ctx())
    text = str(err.value)
    assert "air-quality" in text and "'co2' is not one of: pm25, pm10, no2, o3" in text


def test_a_crashing_kind_costs_its_layer_only_and_names_the_plugin(tmp_path: Path) -> None:
    folder = city(
        tmp_path,
        '[[layers]]\nid = "aq"\nkind = "air-quality"\nsource = "stations.aq.csv"\npollutant = "no2"\n\n'
        '[[layers]]\nid = "bad"\nkind = "crashing-kind"\nsource = "gateway.crash.csv"\n',
        {"stations.aq.csv": STATIONS, "gateway.crash.csv": PARKS},
    )
    model = load_city(folder)
    assert model.layers["aq"].feature_count == 3
    [problem] = model.problems
    assert problem.layer_id == "bad"
    assert "layer kind 'crashing-kind' (twin-app-example-live 1.0.0)" in problem.message
    assert "KeyError" in problem.message and "report this to the plugin's authors" in problem.message


def test_a_layer_in_another_crs_is_refused_naming_the_kind(tmp_path: Path) -> None:
    path = tmp_path / "points.degrees.csv"
    path.write_text(PARKS)
    with pytest.raises(PluginError) as err:
        default_registry().load("wrong-crs-kind", path, {}, ctx())
    assert "'wrong-crs-kind'" in str(err.value) and f"EPSG:4326, not in the city's CRS {CRS}" in str(
        err.value
    )


def test_a_kind_whose_code_cannot_be_imported_is_listed_as_broken(tmp_path: Path) -> None:
    registry = default_registry()
    assert "broken-kind" in registry.names()  # its manifest is fine
    with pytest.raises(
        PluginError, match=r"'broken-kind' \(twin-app-example-live 1.0.0\) could not be loaded"
    ):
        registry.get("broken-kind")
    assert registry.failures["broken-kind"].startswith("ModuleNotFoundError")
    path = tmp_path / "x.broken"
    path.write_text("anything")
    with pytest.raises(PluginError, match="failed to load"):
        registry.for_file(path)
    # the other kinds are untouched
    stations = tmp_path / "stations.csv"
    stations.write_text(STATIONS)
    assert registry.for_file(stations).name == "air-quality"


def test_twin_app_kinds_lists_built_in_and_plugin_kinds_and_the_broken_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    capsys.readouterr()
    assert main(["kinds", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    by_id = {k["id"]: k for k in listing["kinds"]}
    assert by_id["vector"]["builtin"] and "*.csv" in by_id["vector"]["patterns"]
    aq = by_id["air-quality"]
    assert (aq["builtin"], aq["patterns"], aq["distribution"]) == (
        False,
        ["*.aq.csv", "*.csv"],
        "twin-app-example-live",
    )
    assert {o["name"]: o["choices"] for o in aq["options"]}["reading"] == ["latest", "mean", "max"]
    broken = {b["id"]: b["reason"] for b in listing["broken"]}
    assert list(broken) == ["broken-kind"] and broken["broken-kind"].startswith("ModuleNotFoundError")
    assert main(["kinds"]) == 0
    out = capsys.readouterr()
    assert "air-quality" in out.out and "pollutant = " in out.out
    assert "'broken-kind' could not be loaded" in out.err


def test_check_layer_names_what_cannot_be_drawn() -> None:
    def points(geoms, crs=CRS):
        return PointLayer(id="p", title="p", crs=CRS, frame=gpd.GeoDataFrame(geometry=geoms, crs=crs))

    assert check_layer(points([shapely.Point(1, 2)]), CRS) is None
    assert check_layer("a table", CRS) == "a str, not a layer"
    assert "empty PointLayer" in check_layer(points([]), CRS)
    assert "holding Polygon geometries" in check_layer(points([shapely.box(0, 0, 1, 1)]), CRS)
    assert "not finite" in check_layer(points([shapely.Point(np.nan, 1.0)]), CRS)
    assert "frame is in EPSG:4326" in check_layer(points([shapely.Point(1, 2)], crs="EPSG:4326"), CRS)
    bowtie = shapely.Polygon([(0, 0), (1, 1), (1, 0), (0, 1)])
    polygons = PolygonLayer(id="q", title="q", crs=CRS, frame=gpd.GeoDataFrame(geometry=[bowtie], crs=CRS))
    assert "1 invalid geometries" in check_layer(polygons, CRS)
    grid = RasterLayer(id="r", title="r", crs=CRS, data=np.zeros((0, 3), dtype="float32"))
    assert "2-D grid" in check_layer(grid, CRS)


def test_info_and_render_read_the_file_through_the_plugin_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = city(
        tmp_path,
        '[[layers]]\nid = "aq"\nkind = "air-quality"\nsource = "stations.aq.csv"\npollutant = "no2"\n',
        {"stations.aq.csv": STATIONS},
    )
    capsys.readouterr()
    assert main(["info", str(folder), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["problems"] == []
    assert info["layers"]["aq"]["count"] == 3 and info["layers"]["aq"]["type"] == "point"
    png = tmp_path / "aq.png"
    assert main(["render", str(folder), "--out", str(png), "--size", "320x240"]) == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.gui
@pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="GUI tests need an X display (run under xvfb-run)")
def test_a_dropped_air_quality_file_opens_as_a_point_layer(tmp_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from twin_app.qt.window import MainWindow

    folder = city(tmp_path, "", {})
    stations = tmp_path / "stations.csv"
    stations.write_text(STATIONS)
    app = QApplication.instance() or QApplication([])
    win = MainWindow()
    try:
        win.show()
        assert win.open_city(folder)
        _wait(win, app)
        win.handle_dropped([stations])
        _wait(win, app)
        layer = win.model.layers["stations"]
        assert isinstance(layer, PointLayer) and layer.units == "µg/m³"
        assert dict(zip(layer.frame["station"], layer.frame["pm25"], strict=True)) == {
            "Alpha": 14.0,
            "Beta": 8.0,
        }
        assert win.problems == []
    finally:
        win.close()
        app.processEvents()


def _wait(win, app, timeout_s: float = 60.0) -> None:
    import time

    app.processEvents()
    deadline = time.monotonic() + timeout_s
    while win.loading and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    app.processEvents()
    assert not win.loading
