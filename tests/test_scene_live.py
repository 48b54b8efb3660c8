"""Live layers in 3D: markers move and sensor columns recolour in place, frame after frame.

A small city is built in the test and drawn off screen; frames are made by
hand (positions in metres of the city's CRS, far from zero as real projected
coordinates are), handed to the model as playback does, and what VTK draws
is read back: the actors' bounds, VTK's own mapping of readings to colours,
and the rendered pixels.  Expected colours come from the palette itself
(cmcrameri through matplotlib).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely

from twin_app.core.city import CityManifest
from twin_app.core.layers import BuildingsLayer, LiveLayer
from twin_app.core.live.frames import SensorFrame, Threshold, VehicleFrame
from twin_app.core.model import CityModel

CRS = "EPSG:3067"
#: a real place in EPSG:3067 (central Helsinki): the scene draws relative to an origin near it
X0, Y0 = 385_000.0, 6_672_000.0
T0 = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)


def _city(tmp_path: Path) -> CityModel:
    from pyproj import Transformer

    lon, lat = Transformer.from_crs(CRS, "EPSG:4326", always_xy=True).transform(
        [X0, X0 + 1100], [Y0, Y0 + 1100]
    )
    manifest = CityManifest(
        folder=tmp_path,
        name="toy",
        title="Toy",
        crs=CRS,
        bbox_lonlat=(lon[0], lat[0], lon[1], lat[1]),
        layers=(),
    )
    model = CityModel(manifest=manifest, origin=(X0, Y0))
    frame = gpd.GeoDataFrame(
        {"height_m": [10.0, 30.0], "height_from": ["height_tag"] * 2},
        geometry=[
            shapely.box(X0 + 100, Y0 + 100, X0 + 200, Y0 + 200),
            shapely.box(X0 + 900, Y0 + 900, X0 + 1000, Y0 + 1000),
        ],
        crs=CRS,
    )
    model.add_layer(
        BuildingsLayer(id="buildings", title="Buildings", crs=CRS, style="buildings", frame=frame)
    )
    return model


def _vehicles(xy: list[tuple[float, float]], heading: list[float], *, at: dt.datetime = T0) -> VehicleFrame:
    ids = tuple(f"bus{i}" for i in range(len(xy)))
    return VehicleFrame(
        time=at,
        ids=ids,
        xy=np.array(xy, dtype=float).reshape(-1, 2) + np.array([X0, Y0]),
        heading_deg=np.array(heading, dtype=float),
        labels=tuple(f"route 55 → Kamppi #{i}" for i in range(len(xy))),
    )


THRESHOLD = Threshold(above=25.0, label="heat warning")


def _sensors(values: list[float], *, at: dt.datetime = T0) -> SensorFrame:
    values_arr = np.array(values, dtype=float)
    xy = np.array([(300.0, 300.0), (500.0, 500.0), (700.0, 700.0)])[: len(values)] + np.array([X0, Y0])
    return SensorFrame(
        time=at,
        ids=tuple(f"s{i + 1}" for i in range(len(values))),
        xy=xy,
        values=values_arr,
        unit="degC",
        alert=THRESHOLD.exceeded(values_arr),
    )


@pytest.fixture
def scene(tmp_path: Path):
    import pyvista as pv

    from twin_app.scene.view import SceneView

    model = _city(tmp_path)
    plotter = pv.Plotter(off_screen=True, window_size=[500, 400])
    view = SceneView(plotter, model)
    model.add_layer(LiveLayer(id="buses", title="Buses", crs=CRS, feed="buses", observation_kind="vehicle"))
    model.add_layer(
        LiveLayer(
            id="temp",
            title="Air temperature",
            crs=CRS,
            feed="temp",
            observation_kind="sensor",
            quantity="heat",
            units="degC",
            threshold=THRESHOLD,
        )
    )
    yield model, view, plotter
    plotter.close()


def _all_actors(plotter) -> list[str]:
    """Every prop the renderer draws, by its VTK address (Python wrappers may be made afresh)."""
    props = plotter.renderer.GetViewProps()
    return [props.GetItemAsObject(i).GetAddressAsString("vtkObject") for i in range(props.GetNumberOfItems())]


def test_a_hundred_frames_move_markers_without_a_new_actor_or_mapper(scene) -> None:
    model, view, plotter = scene
    model.update_live("buses", _vehicles([(100, 100)], [0.0]))
    model.update_live("temp", _sensors([20.0, 21.0, 22.0]))
    plotter.render()
    before = _all_actors(plotter)
    mappers = [a.GetMapper() for a in view.actors["buses"] + view.actors["temp"]]
    meshes = [m.GetInput() for m in mappers]
    rng = np.random.default_rng(1)
    for step in range(100):
        n = 1 + step % 7  # vehicles come and go: the count changes the points, not the actors
        xy = rng.uniform(0, 1000, size=(n, 2))
        heading = np.where(rng.random(n) < 0.2, np.nan, rng.uniform(0, 360, n))
        model.update_live("buses", _vehicles([tuple(p) for p in xy], list(heading)))
        model.update_live("temp", _sensors(list(rng.uniform(15, 30, 3))))
        if step % 25 == 0:
            plotter.render()
    plotter.render()
    assert _all_actors(plotter) == before
    assert [a.GetMapper() for a in view.actors["buses"] + view.actors["temp"]] == mappers
    assert [m.GetInput() for m in mappers] == meshes
    assert view.actors["buses"][0].GetMapper().GetInput().GetNumberOfCells() == 12 * (1 + 99 % 7)


def _centre(actor) -> np.ndarray:
    b = actor.GetBounds()
    return np.array([(b[0] + b[1]) / 2, (b[2] + b[3]) / 2])


def test_a_marker_moves_with_its_vehicle(scene) -> None:
    import vtk

    model, view, plotter = scene
    actor = view.actors["buses"][0]
    model.update_live("buses", _vehicles([(400.0, 300.0)], [np.nan]))  # a diamond: centred on its fix
    np.testing.assert_allclose(_centre(actor), [400.0, 300.0], atol=0.01)
    model.update_live("buses", _vehicles([(650.0, 820.0)], [np.nan]))
    np.testing.assert_allclose(_centre(actor), [650.0, 820.0], atol=0.01)
    # and the drawn marker is there: a pick at the vehicle's place on screen hits it, the old place does not
    plotter.view_xy()
    plotter.render()

    def hits(x: float, y: float) -> bool:
        coord = vtk.vtkCoordinate()
        coord.SetCoordinateSystemToWorld()
        coord.SetValue(x, y, 10.0)
        px, py = coord.GetComputedDisplayValue(plotter.renderer)
        picker = vtk.vtkCellPicker()
        picker.SetTolerance(0.0005)
        return bool(picker.Pick(px, py, 0, plotter.renderer)) and picker.GetActor() is actor

    assert hits(650.0, 820.0)
    assert not hits(400.0, 300.0)
    picked = view.feature_attributes(model.layers["buses"], 0)
    assert picked is not None and picked.attributes["Vehicle"] == "bus0"
    assert picked.attributes["Route"] == "route 55 → Kamppi #0"


@pytest.mark.parametrize(
    ("heading", "towards"), [(0.0, (0, 1)), (90.0, (1, 0)), (180.0, (0, -1)), (270.0, (-1, 0))]
)
def test_a_chevron_points_along_its_compass_heading(scene, heading: float, towards: tuple[int, int]) -> None:
    """The tip is the one vertex (top and bottom) farthest along the heading, on the vehicle's own line."""
    model, view, _plotter = scene
    model.update_live("buses", _vehicles([(500.0, 500.0)], [heading]))
    points = np.asarray(view.actors["buses"][0].GetMapper().GetInput().GetPoints().GetData())
    xy = points[:, :2].astype(float)
    along = xy @ np.array(towards, dtype=float)
    tip = xy[np.isclose(along, along.max(), atol=0.01)]
    assert len(tip) == 2  # the tip at the marker's bottom and top
    perpendicular = np.array([-towards[1], towards[0]], dtype=float)
    np.testing.assert_allclose(tip @ perpendicular, np.dot([500.0, 500.0], perpendicular), atol=0.01)
    # and it floats above the streets: the flat layers lie up to 5.5 m
    assert points[:, 2].min() > 5.5


def test_heading_90_is_east(scene) -> None:
    model, view, _plotter = scene
    model.update_live("buses", _vehicles([(500.0, 500.0)], [90.0]))
    b = view.actors["buses"][0].GetBounds()
    size = view.live["buses"].size_m
    # pointing east the marker is its length wide (x) and its wingspan (0.8 × length) high (y)
    assert b[1] - b[0] == pytest.approx(size, abs=0.01)
    assert b[3] - b[2] == pytest.approx(0.8 * size, abs=0.01)


def _cell_colours(view, layer_id: str) -> np.ndarray:
    """The RGB VTK itself maps each cell's reading to (its mapper and lookup table)."""
    from vtkmodules.util.numpy_support import vtk_to_numpy

    mapper = view.actors[layer_id][0].GetMapper()
    mapper.Update()
    colours = mapper.MapScalars(1.0)
    return vtk_to_numpy(colours)[:, :3].astype(float) / 255.0


def test_a_reading_takes_its_palettes_colour_over_a_stable_range(scene) -> None:
    import cmcrameri.cm as cmc
    from matplotlib.colors import to_rgb

    model, view, _plotter = scene
    model.update_live("temp", _sensors([10.0, 20.0, np.nan]))
    # readings 10–20 and the threshold 25 span 10–25: 20 sits at 2/3 of the heat palette (pale to dark)
    colours = _cell_colours(view, "temp")
    per_station = colours.reshape(3, -1, 3)[:, 0]
    np.testing.assert_allclose(per_station[1], cmc.lajolla_r(2 / 3)[:3], atol=2 / 255)
    np.testing.assert_allclose(per_station[0], cmc.lajolla_r(0.0)[:3], atol=2 / 255)
    np.testing.assert_allclose(per_station[2], to_rgb("#9a9a9a"), atol=1 / 255)  # no reading: grey
    # a later frame with a narrower spread keeps the same colours: the range never shrinks
    model.update_live("temp", _sensors([19.0, 20.0, 21.0]))
    per_station = _cell_colours(view, "temp").reshape(3, -1, 3)[:, 0]
    np.testing.assert_allclose(per_station[1], cmc.lajolla_r(2 / 3)[:3], atol=2 / 255)
    entry = next(e for e in view.legend_entries() if e.layer_id == "temp")
    assert entry.heading == "Air temperature (degC)"
    assert entry.limits == (10.0, 25.0)
    assert entry.cmap == "lajolla_r"


def _red_pixels(plotter) -> int:
    img = plotter.screenshot(return_img=True).astype(int)
    r, g, b = img[..., 0], img[..., 1], img[..., 2]
    return int(((r > 190) & (g < 60) & (b < 70)).sum())


def test_an_alert_raises_a_red_halo_and_a_label(scene) -> None:
    model, view, plotter = scene
    halo, label = view.actors["temp"][1], view.actors["temp"][2]
    model.update_live("temp", _sensors([20.0, 21.0, 22.0]))
    plotter.view_xy()
    plotter.render()
    assert not halo.GetVisibility() and not label.GetVisibility()
    quiet = _red_pixels(plotter)
    model.update_live("temp", _sensors([20.0, 21.0, 31.0]))
    plotter.render()
    assert halo.GetVisibility() and label.GetVisibility()
    np.testing.assert_allclose(_centre(halo), [700.0, 700.0], atol=0.01)  # around the third station
    text = label.GetMapper().GetInput().GetPointData().GetAbstractArray("alert").GetValue(0)
    assert text == "s3: 31.0 degC > 25"
    assert _red_pixels(plotter) > quiet + 50
    picked = view.feature_attributes(
        model.layers["temp"], view.actors["temp"][0].GetMapper().GetInput().GetNumberOfCells() - 1
    )
    assert picked is not None and picked.attributes["Station"] == "s3"
    assert picked.attributes["Threshold"] == "beyond heat warning (above 25)"
    model.update_live("temp", _sensors([20.0, 21.0, 22.0]))
    assert not halo.GetVisibility()


def test_hiding_a_live_layer_hides_its_alerts_too(scene) -> None:
    model, view, _plotter = scene
    model.update_live("temp", _sensors([20.0, 21.0, 31.0]))
    model.set_visible("temp", False)
    assert not any(a.GetVisibility() for a in view.actors["temp"])
    assert all(e.layer_id != "temp" for e in view.legend_entries())
    model.set_visible("temp", True)
    assert all(a.GetVisibility() for a in view.actors["temp"])


def test_a_vehicle_beyond_the_citys_ground_is_not_drawn(scene) -> None:
    """The toy city's extent is 0–1100 m each way (its ground 4 % wider): a bus 5 km out is left out."""
    model, view, _plotter = scene
    model.update_live(
        "buses", _vehicles([(500.0, 500.0), (5000.0, 500.0), (500.0, -3000.0)], [0.0, 0.0, np.nan])
    )
    mesh = view.actors["buses"][0].GetMapper().GetInput()
    assert mesh.GetNumberOfCells() == 12
    np.testing.assert_allclose(_centre(view.actors["buses"][0])[0], 500.0, atol=0.01)
    picked = view.feature_attributes(model.layers["buses"], 0)
    assert picked is not None and picked.attributes["Vehicle"] == "bus0"


@pytest.mark.parametrize(
    ("code", "rows"),
    [
        (
            "fr",
            {
                "Couche": "Buses",
                "Véhicule": "bus0",
                "Ligne": "route 55 → Kamppi #0",
                "Cap": "90°",
                "Heure (UTC)": "1 juin 2026, 12:00:00",
            },
        ),
        (
            "ja",
            {
                "レイヤー": "Buses",
                "車両": "bus0",
                "路線": "route 55 → Kamppi #0",
                "進行方向": "90°",
                "時刻（UTC）": "2026/06/01 12:00:00",
            },
        ),
    ],
)
def test_a_vehicles_identify_rows_are_named_in_the_language_chosen(scene, code: str, rows: dict) -> None:
    """The names a planner reads are translated; the feed's own values (ids, route labels) are not."""
    from twin_app.core import i18n

    model, view, _plotter = scene
    model.update_live("buses", _vehicles([(500.0, 500.0)], [90.0]))
    try:
        i18n.set_language(code)
        picked = view.feature_attributes(model.layers["buses"], 0)
    finally:
        i18n.set_language("en")
    assert picked is not None and picked.attributes == rows


def test_a_stations_identify_rows_in_french_write_numbers_the_french_way(scene) -> None:
    from twin_app.core import i18n

    model, view, _plotter = scene
    model.update_live("temp", _sensors([20.0, 21.0, 31.0]))
    last = view.actors["temp"][0].GetMapper().GetInput().GetNumberOfCells() - 1
    try:
        i18n.set_language("fr")
        picked = view.feature_attributes(model.layers["temp"], last)
    finally:
        i18n.set_language("en")
    assert picked is not None and picked.attributes == {
        "Couche": "Air temperature",
        "Station de mesure": "s3",
        "Mesure": "31,0 degC",
        "Heure (UTC)": "1 juin 2026, 12:00:00",
        "Seuil": "au-delà de heat warning (au-dessus de 25)",
    }
