"""The real window under a (virtual) X display: open, toggle, click, export."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

pytestmark = pytest.mark.gui

if not os.environ.get("DISPLAY"):
    pytest.skip("GUI tests need an X display (run them under xvfb-run)", allow_module_level=True)


@pytest.fixture(scope="module")
def shared_window(example_plugin):
    """One window for the module (starting the 3D view and loading Helsinki is slow)."""
    from PySide6.QtWidgets import QApplication

    from twin_app.qt.window import MainWindow

    app = QApplication.instance() or QApplication([])
    win = MainWindow()
    win.resize(1200, 800)
    win.show()
    app.processEvents()
    baseline = _open_helsinki(win)
    yield win, baseline
    win.close()
    app.processEvents()


@dataclass
class _Loaded:
    """Helsinki as loaded: each layer's visibility, opacity and colour column; the model's problems."""

    layers: dict[str, tuple[bool, float, str | None]]
    n_problems: int


def _open_helsinki(win) -> _Loaded:
    assert win.open_city("helsinki")
    _wait_loaded(win)
    assert win.problems == [], [p.message for p in win.problems]
    return _Loaded(
        {
            lid: (layer.visible, layer.opacity, getattr(layer, "value_column", None))
            for lid, layer in win.model.layers.items()
        },
        len(win.model.problems),
    )


@pytest.fixture
def window(shared_window):
    """The shared window as every test expects it, whatever the tests before it did.

    Helsinki open with only its own layers, styled as loaded, and no problems;
    no district selected; no dialog open; nothing running.  A test may change all of this
    freely: the next test starts from the same place, so no test depends on
    the order the tests run in.
    """
    from PySide6.QtWidgets import QApplication

    win, loaded = shared_window
    baseline = loaded.layers
    assert win.isVisible() and win.plotter.render_window is not None, "the shared window was closed"
    win.cancel_loading()
    if win.live is not None:  # the city's live feeds stay on, their layers still: pictures compare
        win.live.clock.pause()
    QApplication.processEvents()
    for name in ("problem_box", "error_box", "sources_box", "param_dialog"):
        box = getattr(win, name, None)
        if box is not None and box.isVisible():
            box.close()
    model = win.model
    if model is None or model.manifest.name != "helsinki" or not set(baseline) <= set(model.layers):
        _open_helsinki(win)
        model = win.model
    extra = set(model.layers) - set(baseline)
    for lid in extra:
        model.remove_layer(lid)
    if extra:  # the app itself never removes a layer, so it leaves their credits up
        win.attribution.setText("\n".join(model.credits()))
    win.problems = []  # dropped files that could not be read
    del model.problems[loaded.n_problems :]
    for lid, (visible, opacity, column) in baseline.items():
        layer = model.layers[lid]
        if layer.visible != visible:
            win.layers.set_checked(lid, visible)
            model.set_visible(lid, visible)
        if layer.opacity != opacity:
            model.set_opacity(lid, opacity)
        if getattr(layer, "value_column", None) != column:
            model.set_colour_by(lid, column)
    win.layers.tree.setCurrentItem(None)
    win.select_districts_action.setChecked(False)
    win.identify_action.setChecked(True)
    for name in win.districts.selected():
        win.districts.toggle(name)
    win.last_result = None
    win.last_analysis_error = None
    QApplication.processEvents()
    return win


def _wait_loaded(win, timeout: float = 120.0) -> None:
    import time

    from PySide6.QtWidgets import QApplication

    start = time.monotonic()
    while win.loading and time.monotonic() - start < timeout:
        QApplication.processEvents()
        time.sleep(0.02)
    QApplication.processEvents()
    assert not win.loading, f"still loading after {timeout:.0f} s"


def _shot(win) -> np.ndarray:
    win.plotter.render()
    return np.asarray(win.plotter.screenshot(return_img=True)).astype(int)


def test_window_opens_on_helsinki(window) -> None:
    assert not window.loading
    assert {"buildings", "streets", "stops", "heat", "population", "districts"} <= set(window.model.layers)
    assert window.problems == []
    assert "Helsinki" in window.windowTitle()
    assert "OpenStreetMap" in window.attribution.text()
    image = _shot(window)
    assert len(np.unique(image.reshape(-1, image.shape[-1]), axis=0)) > 500


def test_toggling_a_layer_changes_the_picture(window) -> None:
    before = _shot(window)
    window.layers.set_checked("buildings", False)
    assert window.model.layers["buildings"].visible is False
    hidden = _shot(window)
    window.layers.set_checked("buildings", True)
    after = _shot(window)
    changed = np.abs(before - hidden).sum(axis=-1) > 30
    assert changed.mean() > 0.02, "hiding the buildings should change a good part of the view"
    assert (
        np.abs(before - after).sum(axis=-1).max() < 30
        or (np.abs(before - after).sum(axis=-1) > 30).mean() < 0.001
    )


def _display_point(win, xyz) -> tuple[int, int]:
    renderer = win.plotter.renderer
    renderer.SetWorldPoint(*xyz, 1.0)
    renderer.WorldToDisplay()
    x, y, _ = renderer.GetDisplayPoint()
    return round(x), round(y)


def test_clicking_a_building_shows_height_and_provenance(window, qtbot) -> None:
    from PySide6.QtCore import QPoint, Qt

    buildings = window.model.layers["buildings"]
    frame = buildings.frame
    # the tallest building with a levels tag, clicked on its roof
    pick = frame[frame["height_from"] == "levels"].sort_values("height_m").iloc[-1]
    point = pick.geometry.representative_point()
    ox, oy = window.model.origin
    x, y = _display_point(window, (point.x - ox, point.y - oy, float(pick["height_m"])))
    widget = window.plotter.interactor
    ratio = widget.devicePixelRatioF()
    pos = QPoint(int(x / ratio), int(widget.height() - y / ratio))
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
    values = window.info.values()
    assert values.get("Layer") == "Buildings"
    assert float(values["height_m"]) == pytest.approx(float(pick["height_m"]))
    assert values["height_from"] == "levels"
    assert "building:levels" in values["Height source"]
    labels = window.info.labels()
    assert labels["height_m"] == "Height (m)" and labels["height_from"] == "Height from"


def test_export_png_is_not_blank_and_carries_attribution(window, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    path = window.export_png(tmp_path / "view.png")
    image = QImage(str(path))
    assert not image.isNull() and image.width() > 200
    with_text = _qimage_array(image)
    assert len(np.unique(with_text.reshape(-1, 4), axis=0)) > 500
    furniture = window.view.furniture
    attribution = [furniture.credits_actor, furniture.credits_band]
    for actor in attribution:
        actor.SetVisibility(False)
    try:
        without = _qimage_array(QImage(str(window.export_png(tmp_path / "bare.png"))))
    finally:
        for actor in attribution:
            actor.SetVisibility(True)
    diff = np.abs(with_text - without).sum(axis=-1) > 60
    rows, _cols = np.nonzero(diff)
    assert len(rows) > 50, "the attribution text is missing from the exported image"
    assert rows.min() > with_text.shape[0] * 0.8, "the attribution should sit at the bottom of the image"


def _qimage_array(image) -> np.ndarray:
    from PySide6.QtGui import QImage

    image = image.convertToFormat(QImage.Format.Format_RGBA8888)
    ptr = image.constBits()
    return (
        np.frombuffer(ptr, np.uint8)
        .reshape(image.height(), image.bytesPerLine() // 4, 4)[:, : image.width()]
        .astype(int)
    )


def test_a_broken_file_gets_a_dialog_and_the_app_keeps_running(window, tmp_path: Path, qtbot) -> None:
    broken = tmp_path / "broken.gpkg"
    broken.write_text("not a geopackage")
    n_layers = len(window.model.layers)
    window.handle_dropped([broken])
    qtbot.waitUntil(lambda: not window.loading, timeout=30000)
    qtbot.waitUntil(
        lambda: getattr(window, "problem_box", None) is not None and window.problem_box.isVisible(),
        timeout=5000,
    )
    assert "broken.gpkg" in window.problem_box.text() and "damaged" in window.problem_box.text()
    window.problem_box.close()
    assert len(window.model.layers) == n_layers
    good = tmp_path / "sensors.csv"
    good.write_text("name,lon,lat\nsensor,24.9450,60.1675\n")
    window.handle_dropped([good])
    qtbot.waitUntil(lambda: not window.loading, timeout=30000)
    qtbot.waitUntil(lambda: len(window.model.layers) == n_layers + 1, timeout=5000)
    assert window.layers.item("sensors") is not None


# -- analyses -----------------------------------------------------------------


def _wait_idle(window, qtbot, timeout=60000) -> None:
    qtbot.waitUntil(lambda: not window.loading, timeout=timeout)
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()


def test_select_a_district_by_clicking_in_the_view(window, qtbot) -> None:
    from PySide6.QtCore import QPoint, Qt

    districts = window.model.districts.frame
    kamppi = districts[districts["district"] == "Kamppi"].geometry.iloc[0].representative_point()
    ox, oy = window.model.origin
    window.select_districts_action.setChecked(True)
    try:
        x, y = _display_point(window, (kamppi.x - ox, kamppi.y - oy, 0.0))
        widget = window.plotter.interactor
        ratio = widget.devicePixelRatioF()
        qtbot.mouseClick(
            widget, Qt.MouseButton.LeftButton, pos=QPoint(int(x / ratio), int(widget.height() - y / ratio))
        )
    finally:
        window.select_districts_action.setChecked(False)
    assert window.districts.selected() == ["Kamppi"]
    assert "__selected_districts" in window.plotter.actors


def test_run_an_analysis_from_its_generated_dialog(window, qtbot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox, QDoubleSpinBox, QListWidget

    window.districts.toggle("Kamppi")
    dialog = window.ask_run_analysis("building-count")
    assert isinstance(dialog.widgets["min_height"], QDoubleSpinBox)
    assert dialog.widgets["min_height"].suffix() == " m" and dialog.widgets["min_height"].maximum() == 500
    listed = dialog.widgets["districts"]
    assert isinstance(listed, QListWidget)
    ticked = [
        listed.item(i).text()
        for i in range(listed.count())
        if listed.item(i).checkState() == Qt.CheckState.Checked
    ]
    assert ticked == window.districts.selected() == ["Kamppi"]
    dialog.set_value("min_height", 10)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    _wait_idle(window, qtbot)
    qtbot.waitUntil(lambda: getattr(window, "last_result", None) is not None, timeout=10000)
    result = window.last_result
    assert result.analysis == "building-count"
    assert "building-count:counted" in window.model.layers
    assert "building-count:counted" in window.view.actors
    table = window.districts.table
    rows = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]
    assert rows == ["Kamppi", "All selected"]
    assert table.horizontalHeaderItem(0).text() == "Building count (buildings)"
    assert "building_count" in table.horizontalHeaderItem(0).toolTip()
    assert window.districts.chart.bars and window.districts.provenance_button.isEnabled()


def test_out_of_range_parameter_is_refused_in_the_dialog(window) -> None:
    dialog = window.ask_run_analysis("building-count")
    dialog.set_value("districts", ["Kamppi"])
    dialog.widgets["min_height"].setMaximum(10_000)  # what a user typing could bypass
    dialog.set_value("min_height", 900)
    dialog.accept()
    assert dialog.isVisible()
    assert "above the maximum 500 m" in dialog.error.text()
    dialog.reject()


def test_cancel_a_running_analysis(window, qtbot) -> None:
    import time

    window.run_analysis("slow-count", {"seconds": 120})
    qtbot.waitUntil(lambda: window.cancel_button.isVisible(), timeout=5000)
    qtbot.wait(300)
    started = time.monotonic()
    window.cancel_button.click()
    _wait_idle(window, qtbot, timeout=10000)
    assert time.monotonic() - started < 5
    assert window.analysis_cancelled is True
    assert not window.cancel_button.isVisible()


def test_a_plugin_that_raises_leaves_the_app_running(window, qtbot) -> None:
    n_layers = len(window.model.layers)
    window.run_analysis("always-fails", {})
    _wait_idle(window, qtbot)
    qtbot.waitUntil(lambda: window.last_analysis_error is not None, timeout=5000)
    assert (
        "'always-fails'" in window.last_analysis_error
        and "this example plugin always fails" in window.last_analysis_error
    )
    assert window.error_box.isVisible()
    window.error_box.close()
    assert len(window.model.layers) == n_layers
    assert window.isVisible()


def test_a_results_warning_is_shown_with_the_numbers(window, qtbot) -> None:
    window.last_result = None
    window.run_analysis("heat-exposure", {"threshold": 5})
    _wait_idle(window, qtbot, timeout=60000)
    qtbot.waitUntil(lambda: getattr(window, "last_result", None) is not None, timeout=60000)
    label = window.districts.warnings
    assert label.isVisible()
    assert "threshold 5 is outside the raster's values" in label.text() and "nobody" in label.text()
    assert window.districts.title.text().count("Heat exposure") == 1


def test_opacity_and_colour_by_restyle_the_layer(window) -> None:
    from twin_app.qt.panels import NO_COLOUR

    item = window.layers.item("buildings")
    window.layers.tree.setCurrentItem(item)
    assert window.layers.opacity.isEnabled() and window.layers.colour_by.isEnabled()
    assert window.layers.colour_by.currentText() == "height_m"
    before = _shot(window)
    window.layers.colour_by.setCurrentText(NO_COLOUR)
    assert window.model.layers["buildings"].value_column is None
    single = _shot(window)
    assert (np.abs(before - single).sum(axis=-1) > 30).mean() > 0.01
    window.layers.opacity.setValue(30)
    assert window.model.layers["buildings"].opacity == pytest.approx(0.3)
    faded = _shot(window)
    assert (np.abs(single - faded).sum(axis=-1) > 30).mean() > 0.01
    window.layers.opacity.setValue(100)
    window.layers.colour_by.setCurrentText("height_m")
    assert window.model.layers["buildings"].value_column == "height_m"


# -- credits -------------------------------------------------------------------


def test_every_source_is_credited_in_view_help_and_export(window, tmp_path: Path, qtbot) -> None:
    from PySide6.QtGui import QAction
    from test_city_import import write_town_extras, write_town_osm
    from test_import_files import GTFS_PUBLISHER, _town_gtfs_with_feed_info

    from twin_app.core.city_import import import_city
    from twin_app.qt.dialogs import NewCityDialog

    osm = write_town_osm(tmp_path / "town.osm.pbf")
    raster = write_town_extras(tmp_path)["raster"]
    dialog = NewCityDialog(window)
    dialog.name.setText("credited")
    dialog.osm.edit.setText(str(osm))
    dialog.gtfs.edit.setText(str(_town_gtfs_with_feed_info(tmp_path)))
    dialog.raster.edit.setText(str(raster))
    dialog.raster_units.setText("°C")
    dialog.credits["raster"].setText("Heat: Town environment office, CC BY 4.0")
    dialog.credits["population"].setText("ignored: no population file was given")
    request = dialog.request()
    assert request.source_attribution == {"heat": "Heat: Town environment office, CC BY 4.0"}
    assert request.raster_units == {"heat": "°C"}
    folder = import_city(request, tmp_path / "cities")
    assert window.open_city(folder)
    _wait_loaded(window)
    expected = [
        "© OpenStreetMap contributors (ODbL)",
        f"Public transport (GTFS): {GTFS_PUBLISHER} (https://transit.example.org)",
        "Heat: Town environment office, CC BY 4.0",
    ]
    assert sorted(window.attribution.text().split("\n")) == sorted(expected)
    window.plotter.render()  # the furniture lays its credits out when the view is drawn
    overlay = window.view.furniture.credits_actor.GetInput()
    assert all(line in overlay.replace("\n", " · ") for line in expected)
    window.findChild(QAction, "help:sources").trigger()
    text = window.sources_box.text()
    window.sources_box.close()
    assert "credited_gtfs.zip" in text and GTFS_PUBLISHER in text and "Town environment office" in text
    assert "town.osm.pbf" in text and "OpenStreetMap contributors" in text
    shots = Path(os.environ.get("TWIN_APP_SHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    window.export_png(shots / "credits_view.png")
    window.grab().save(str(shots / "credits_window.png"))


def test_a_dropped_file_brings_its_credit(window, tmp_path: Path, qtbot) -> None:
    import rasterio
    from rasterio.transform import from_origin

    path = tmp_path / "canopy.tif"
    with rasterio.open(
        path, "w", driver="GTiff", height=20, width=20, count=1, dtype="float32",
        crs="EPSG:3879", transform=from_origin(25496500, 6674000, 50, 50),
    ) as dst:  # fmt: skip
        dst.write(np.linspace(0, 1, 400, dtype="float32").reshape(20, 20), 1)
        dst.update_tags(TIFFTAG_COPYRIGHT="Canopy: Helsinki tree survey", LICENSE="CC BY 4.0")
    credit = "Canopy: Helsinki tree survey (CC BY 4.0)"
    assert credit not in window.attribution.text()
    window.handle_dropped([path])
    _wait_loaded(window)
    assert "canopy" in window.model.layers
    assert credit in window.attribution.text().split("\n")
    window.plotter.render()
    assert credit in window.view.furniture.credits_actor.GetInput().replace("\n", " · ")
    assert credit in window.sources_html()
    window.model.remove_layer("canopy")


# The app runs in a process of its own, as `twin-app` does: it makes its own
# QApplication and event loop, and ends when its window is closed.  Run in this
# process it would also damage the shared window: in Qt 6 QApplication.quit()
# asks every top-level window to close, and a closed MainWindow has closed its 3D view.
_ENTRY_POINT_DRIVER = """
import json
import sys

from PySide6.QtCore import QTimer

from twin_app.cli.main import main
from twin_app.qt.window import MainWindow

seen = {}
shown = MainWindow.show


def show(win):
    shown(win)
    QTimer.singleShot(100, lambda: poll(win))


def poll(win):
    if win.model is not None and not win.loading:
        seen.update(title=win.windowTitle(), layers=sorted(win.model.layers), problems=len(win.problems))
        win.close()  # as the user does: closing the last window ends the app
    else:
        QTimer.singleShot(100, lambda: poll(win))


MainWindow.show = show
code = main([])
print(json.dumps({"exit": code, **seen}))
sys.exit(code)
"""


def test_the_app_entry_point_opens_helsinki() -> None:
    """What `twin-app` runs: the window first, then the city, in the app's own event loop."""
    import json
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _ENTRY_POINT_DRIVER], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["exit"] == 0
    assert "Helsinki" in seen["title"]
    assert {"buildings", "streets", "districts"} <= set(seen["layers"])
    assert seen["problems"] == 0


def test_new_city_dialog_builds_the_same_request_as_the_cli(window, tmp_path: Path) -> None:
    from test_city_import import write_town_extras, write_town_osm

    from twin_app.core.city_import import import_city
    from twin_app.core.errors import TwinError
    from twin_app.qt.dialogs import NewCityDialog

    osm = write_town_osm(tmp_path / "town.osm.pbf")
    extras = write_town_extras(tmp_path)
    dialog = NewCityDialog(window)
    dialog.name.setText("guitown")
    dialog.osm.edit.setText(str(osm))
    dialog.gtfs.edit.setText(str(extras["gtfs"]))
    dialog.raster.edit.setText(str(extras["raster"]))
    dialog.storey_height.setText("2,9")
    request = dialog.request()
    assert request.name == "guitown" and request.osm == osm and request.rasters == {"heat": extras["raster"]}
    assert request.population is None
    assert request.district_name_column == "name" and request.district_level is None
    dialog.district_level.setText("9")
    assert dialog.request().district_level == "9"
    assert (request.storey_height_m, request.default_height_m) == (2.9, None)
    dialog.default_height.setText("tall")
    with pytest.raises(TwinError, match="default building height"):
        dialog.request()
    folder = import_city(request, tmp_path / "cities")
    assert window.open_city(folder)
    _wait_loaded(window)
    assert {"buildings", "stops", "heat"} <= set(window.model.layers)
    assert window.problems == []


def _click(win, qtbot, xy: tuple[int, int]) -> None:
    from PySide6.QtCore import QPoint, Qt

    widget = win.plotter.interactor
    ratio = widget.devicePixelRatioF()
    pos = QPoint(int(xy[0] / ratio), int(widget.height() - xy[1] / ratio))
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def test_stray_keys_leave_the_view_and_r_or_home_frames_the_city(window, qtbot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    view = window.view
    view.home()
    home = view.camera_view()
    widget = window.plotter.interactor
    for key in "wsepfj3tuqcbvC":
        qtbot.keyClick(widget, key)
        QApplication.processEvents()
    assert window.isVisible() and window.plotter.render_window is not None
    for actors in view.actors.values():
        for actor in actors:
            prop = actor.GetProperty() if hasattr(actor, "GetProperty") else None
            if prop is not None and hasattr(prop, "GetRepresentation"):
                assert prop.GetRepresentation() == 2, "a key switched a layer to points or wireframe"
    assert view.camera_view() == home
    assert window.model.camera == home, "the model holds the camera as plain data"
    window.plotter.camera.azimuth = 40.0
    window.plotter.camera.zoom(2.0)
    assert view.camera_view() != home
    qtbot.keyClick(widget, "r")
    assert view.camera_view() == home
    window.plotter.camera.azimuth = -25.0
    window.home_action.trigger()
    assert view.camera_view() == home
    qtbot.keyClick(widget, Qt.Key.Key_Home)


def test_home_view_frames_the_buildings(window) -> None:
    """Every building's footprint corner (bar the 1 % trimmed) is in the picture after Home."""
    import shapely

    window.view.home()
    window.plotter.render()
    xy = shapely.get_coordinates(window.model.buildings.frame.geometry.values)
    ox, oy = window.model.origin
    width, height = window.plotter.window_size
    inside = 0
    sample = xy[:: max(len(xy) // 400, 1)]
    for x, y in sample:
        dx, dy = _display_point(window, (x - ox, y - oy, 0.0))
        inside += 0 <= dx < width and 0 <= dy < height
    assert inside / len(sample) >= 0.97


def test_measure_two_points_on_the_map(window, qtbot) -> None:
    """Looking straight down, two clicks on parks give their distance on the map."""
    from twin_app.core.camera import CameraView

    parks = window.model.layers["green"].frame
    big = parks.assign(area=parks.area).sort_values("area").iloc[-2:]
    a, b = (geom.representative_point() for geom in big.geometry)
    ox, oy = window.model.origin
    cx, cy = (a.x + b.x) / 2 - ox, (a.y + b.y) / 2 - oy
    window.view.set_camera(CameraView((cx, cy - 1.0, 4000.0), (cx, cy, 0.0), (0.0, 1.0, 0.0), 30.0))
    window.plotter.render()
    window.measure_action.setChecked(True)
    for point in (a, b):
        _click(window, qtbot, _display_point(window, (point.x - ox, point.y - oy, 1.5)))
    total = window.measure_click(*_display_point(window, (b.x - ox, b.y - oy, 1.5)))
    assert total is not None
    assert total == pytest.approx(a.distance(b), rel=0.02, abs=5.0)
    assert "Distance on the map" in window.statusBar().currentMessage()
    from PySide6.QtCore import Qt

    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window._measure_points == []
    window.identify_action.setChecked(True)
    window.view.home()


def test_new_city_dialog_comes_back_with_its_fields_after_an_error(window, tmp_path: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    broken = tmp_path / "broken.osm"
    broken.write_text("this is not OpenStreetMap data")
    seen: dict[str, str | None] = {}

    def check_and_close() -> None:
        dialog = window.new_city_dialog
        seen["name"], seen["osm"] = dialog.name.text(), dialog.osm.edit.text()
        dialog.reject()

    def close_warning() -> None:
        box = QApplication.activeModalWidget()
        seen["warning"] = box.text() if isinstance(box, QMessageBox) else None
        box.close()
        QTimer.singleShot(200, check_and_close)

    def fill() -> None:
        dialog = window.new_city_dialog
        dialog.name.setText("keepme")
        dialog.osm.edit.setText(str(broken))
        dialog.dest.edit.setText(str(tmp_path / "cities"))
        QTimer.singleShot(200, close_warning)
        dialog.accept()

    QTimer.singleShot(300, fill)
    window._ask_new_city()  # the import runs as a job: the window does not wait for it
    import time

    start = time.monotonic()
    while "name" not in seen and time.monotonic() - start < 60:
        QApplication.processEvents()
        time.sleep(0.02)
    assert seen.get("warning") and "broken.osm" in seen["warning"]
    assert seen["name"] == "keepme" and seen["osm"] == str(broken)
    assert window.model.manifest.name == "helsinki"


def test_results_words_for_people_and_provenance_table(window, qtbot) -> None:
    """Indicator labels with units, shares in %, and provenance as a table with its JSON one click away."""
    from twin_app.core.runner import run_analysis
    from twin_app.qt.results import ProvenanceDialog

    result = run_analysis("transit-access", window.model, {})
    window.districts.show_result(result)
    table = window.districts.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert "Share of residents within walking distance (%)" in headers
    assert "Residents (people)" in headers
    share_col = headers.index("Share of residents within walking distance (%)")
    cells = [table.item(r, share_col).text() for r in range(table.rowCount()) if table.item(r, share_col)]
    assert cells and all(c.endswith(" %") or c == "n/a" for c in cells)
    window.districts.show_provenance()
    dialog = window.districts.provenance_box
    assert isinstance(dialog, ProvenanceDialog)
    rows = {
        dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())
    }
    assert rows["Analysis"].startswith("Public transport access") or "transit-access" in rows["Analysis"]
    assert any(k.startswith("Parameter:") for k in rows) and any(k.startswith("Input:") for k in rows)
    assert '"analysis": "transit-access"' in dialog.json_text
    dialog.close()
    window.open_city("helsinki")
    _wait_loaded(window)
    assert window.districts.result is None and window.districts.table.columnCount() == 0


def test_results_read_in_the_windows_language(window) -> None:
    """In French the results panel names the analysis and its indicators in French, with French figures."""
    from PySide6.QtWidgets import QApplication

    from twin_app.core.i18n import format_number
    from twin_app.core.runner import run_analysis
    from twin_app.qt.i18n import switch_language

    result = run_analysis("transit-access", window.model, {})
    try:
        switch_language("fr", remember=False)
        QApplication.processEvents()  # the widgets hear of the new language through events
        buildings = window.layers.item("buildings").text(1)  # the layer list's count, as French groups it
        assert buildings == format_number(window.model.layers["buildings"].feature_count, 0)
        assert "\u202f" in buildings and "," not in buildings
        window.districts.show_result(result)
        table = window.districts.table
        headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
        assert "Part des habitants à distance de marche (%)" in headers
        assert "Habitants (personnes)" in headers
        assert window.districts.title.text().startswith("<b>Accès aux transports publics (ODD 11.2.1)</b> — ")
        share = headers.index("Part des habitants à distance de marche (%)")
        cells = [table.item(r, share).text() for r in range(table.rowCount()) if table.item(r, share)]
        shares = [c for c in cells if c != "n.d."]  # a district with no residents has no share
        assert shares and all("," in c and c.endswith("\xa0%") for c in shares)  # 10,7 %, as French writes it
        people = headers.index("Habitants (personnes)")
        counts = [table.item(r, people).text() for r in range(table.rowCount()) if table.item(r, people)]
        # 1 044, not 1,044: French groups thousands with a narrow no-break space
        assert any("\u202f" in c for c in counts) and not any(re.search(r"\d,\d{3}\b", c) for c in counts)
    finally:
        switch_language("en", remember=False)


def test_a_small_window_keeps_most_of_its_width_for_the_3d_view(window) -> None:
    from PySide6.QtWidgets import QApplication

    try:
        for size in ((1024, 700), (1366, 768)):
            window.resize(*size)
            for _ in range(5):
                QApplication.processEvents()
            share = window.centralWidget().width() / window.width()
            assert share >= 0.55, f"the 3D view has {share:.0%} of a {size[0]}×{size[1]} window"
        results = next(d for d in window.docks if d.objectName() == "results_dock")
        results.close()
        QApplication.processEvents()
        results.toggleViewAction().trigger()
        assert results.isVisible()
    finally:
        window.resize(1200, 800)
        QApplication.processEvents()


def test_skipped_records_are_shown_in_the_layer_list(tmp_path: Path, qtbot) -> None:
    """A feed with three stops without a usable location: the layer list's tooltip and the notes
    under it say so, not only 'twin-app info'."""
    from test_bad_records_gtfs_osm import _write_feed
    from test_city_import import write_town_osm

    from twin_app.core.city_import import CityImport, import_city
    from twin_app.core.loading import load_city
    from twin_app.qt.panels import LayerPanel

    osm = write_town_osm(tmp_path / "town.osm.pbf")
    feed = _write_feed(tmp_path / "feed.zip")
    model = load_city(import_city(CityImport(name="town", osm=osm, gtfs=feed), tmp_path / "cities"))
    panel = LayerPanel()
    qtbot.addWidget(panel)
    panel.set_model(model)
    item = panel.item("stops")
    assert item is not None
    skipped = "3 stop(s) with an empty, non-numeric or impossible stop_lat/stop_lon were skipped"
    dangling = "1 stop_times row(s) at the skipped stops were left out"
    assert skipped in item.toolTip(0) and dangling in item.toolTip(0)
    panel.tree.setCurrentItem(item)
    assert skipped in panel.notes.text() and dangling in panel.notes.text()


def test_legend_panel_follows_the_layers_and_exports_draw_it_beside_the_view(window, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    assert not window.plotter.scalar_bars, "the legend is a panel, never colour bars over the city"
    coloured = [e.layer_id for e in window.legend.entries]
    assert "buildings" in coloured, "the buildings are coloured by height and the legend says so"
    assert window.legend.entries[coloured.index("buildings")].heading == "Buildings (m)"
    window.model.set_visible("buildings", False)
    assert "buildings" not in [e.layer_id for e in window.legend.entries]
    window.model.set_visible("buildings", True)
    assert "buildings" in [e.layer_id for e in window.legend.entries]
    # the export lays the legend into the image; the window's own view goes back to none
    furniture = window.view.furniture
    image = _qimage_array(QImage(str(window.export_png(tmp_path / "view.png"))))
    window.plotter.render()
    assert not furniture.legend_panel.GetVisibility() and furniture.layout.legend is None
    # where the export put it: the same layout, asked for with the legend
    furniture.set_legend(window.legend.entries)
    box = furniture.layout.legend
    furniture.set_legend([])
    height = image.shape[0]
    assert box is not None and box.x > image.shape[1] / 2, "the legend sits in a column on the right"
    inside = image[
        int(height - box.top) + 2 : int(height - box.y) - 2, int(box.x) + 2 : int(box.right) - 2, :3
    ]
    assert (inside.reshape(-1, 3).min(axis=1) > 200).mean() > 0.5, "the legend's pale panel is in the export"


def test_export_at_a_chosen_size_leaves_the_window_view_alone(window, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    from twin_app.qt.export import size_choices

    size = tuple(window.plotter.window_size)
    assert size_choices(size)[0][1] == size and (3840, 2160) in dict(size_choices(size)).values()
    camera = window.view.camera_view()
    listeners = len(window.model._listeners)
    image = QImage(str(window.export_png(tmp_path / "hd.png", size=(1280, 720))))
    assert (image.width(), image.height()) == (1280, 720)
    assert tuple(window.plotter.window_size) == size and window.view.camera_view() == camera
    assert len(window.model._listeners) == listeners


def _write_parks_geojson(path: Path) -> Path:
    import geopandas as gpd
    import shapely

    frame = gpd.GeoDataFrame(
        {"name": ["a", "b"]},
        geometry=[
            shapely.box(25496600, 6673000, 25496700, 6673100),
            shapely.box(25496800, 6673000, 25496900, 6673100),
        ],
        crs="EPSG:3879",
    )
    frame.to_file(path, driver="GeoJSON")
    return path


def test_a_file_dropped_during_an_analysis_waits_in_the_queue_not_the_window(window, tmp_path: Path) -> None:
    import time

    from PySide6.QtWidgets import QApplication

    path = _write_parks_geojson(tmp_path / "pocket_parks.geojson")
    window.run_analysis("slow-count", {"seconds": 2})
    assert window.loading
    start = time.monotonic()
    window.handle_dropped([path])
    assert time.monotonic() - start < 0.5, "the window waited for the analysis"
    assert len(window.jobs.queue) == 1 and "Waiting: Opening pocket_parks" in window.jobs.label.toolTip()
    assert window.jobs.label.isVisible() and "+1 waiting" in window.jobs.label.text()
    _wait_loaded(window)
    QApplication.processEvents()
    assert "pocket_parks" in window.model.layers
    assert window.last_result is not None and window.last_result.analysis == "slow-count"


def test_dropping_a_file_on_the_3d_view_opens_it_as_a_layer(window, tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent
    from PySide6.QtWidgets import QApplication

    path = _write_parks_geojson(tmp_path / "dropped_on_view.geojson")
    actors_before = len(window.plotter.renderer.actors)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    widget = window.plotter.interactor
    event = QDropEvent(
        QPointF(widget.width() / 2, widget.height() / 2),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    widget.dropEvent(event)  # what Qt calls when a drag ends over the view
    QApplication.processEvents()
    _wait_loaded(window)
    assert "dropped_on_view" in window.model.layers
    # drawn once, as the app's layer (one actor), not also as a bare pyvista mesh
    assert len(window.plotter.renderer.actors) == actors_before + 1


def test_analysis_warnings_reach_the_messages_panel(window) -> None:
    from PySide6.QtWidgets import QApplication

    window.run_analysis("heat-exposure", {"threshold": 5.0})
    _wait_loaded(window)
    QApplication.processEvents()
    warnings = window.messages.texts("warning")
    assert any("outside the raster's values" in text for text in warnings), warnings


def test_the_window_drops_multisampling_on_a_software_opengl(window) -> None:
    from twin_app.scene.quality import is_software, renderer_name

    name = renderer_name(window.plotter.render_window)
    assert name, "the window's OpenGL names its renderer"
    if is_software(window.plotter.render_window):
        assert window.plotter.render_window.GetMultiSamples() == 0
