"""Feedback pins in 3D: where they stand, what colour and shape they are, updated in place.

A small scene (one street, no buildings) is drawn off screen with pins at
known places.  Positions are checked against the numbers given (a pin at
(x, y) in the city's CRS stands at (x, y) minus the origin), colours by the
pixel under each pin's head (found with the renderer's own WorldToDisplay),
and the number of actors stays the same whatever happens to the pins.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from toy_city import BBOX, CRS

from twin_app.core.city import CityManifest
from twin_app.core.layers import LineLayer
from twin_app.core.model import CityModel
from twin_app.core.pins import Pin, PinCategory

ORIGIN = (385000.0, 6672000.0)


def _pin(pid: int, category: str, x: float, y: float, scenario: str | None = None) -> Pin:
    return Pin(pid, PinCategory(category), f"comment {pid}", ORIGIN[0] + x, ORIGIN[1] + y, 0.0, 0.0, scenario)


@pytest.fixture
def scene(tmp_path: Path):
    import pyvista as pv

    from twin_app.scene.pins import pins_visual
    from twin_app.scene.view import SceneView

    manifest = CityManifest(folder=tmp_path, name="toy", title="Toy", crs=CRS, bbox_lonlat=BBOX, layers=())
    model = CityModel(manifest=manifest, origin=ORIGIN)
    street = gpd.GeoDataFrame(
        {"lanes": [2]},
        geometry=[shapely.LineString([(ORIGIN[0], ORIGIN[1] + 500), (ORIGIN[0] + 1000, ORIGIN[1] + 500)])],
        crs=CRS,
    )
    model.add_layer(LineLayer(id="street", title="Street", crs=CRS, style="streets", frame=street))
    plotter = pv.Plotter(off_screen=True, window_size=[600, 450])
    view = SceneView(plotter, model)
    pins = pins_visual(plotter, model)
    yield plotter, view, pins
    plotter.close()


def _actor_count(plotter) -> int:
    return len(plotter.renderer.actors)


def test_a_marker_is_sized_to_the_city_within_bounds() -> None:
    from twin_app.scene.pins import marker_size

    assert marker_size((0.0, 0.0, 1200.0, 400.0)) == pytest.approx(40.0)  # 1200 / 30
    assert marker_size((0.0, 0.0, 100.0, 100.0)) == 12.0  # a tiny town: no smaller than 12 m
    assert marker_size((0.0, 0.0, 40000.0, 9000.0)) == 80.0  # a region: no taller than 80 m


def test_pins_stand_where_they_were_dropped_relative_to_the_origin(scene) -> None:
    from twin_app.scene.pins import ACTOR_PREFIX, PIN_ID_ARRAY

    _plotter, _view, pins = scene
    pins.set_pins([_pin(1, "idea", 200, 300), _pin(2, "idea", 700, 100), _pin(3, "problem", 500, 500)])
    ideas = pins.meshes[ACTOR_PREFIX + "idea"]
    ids = np.asarray(ideas.cell_data[PIN_ID_ARRAY])
    assert set(ids) == {1, 2}
    for pid, (x, y) in {1: (200, 300), 2: (700, 100)}.items():
        cells = ideas.extract_cells(np.flatnonzero(ids == pid))
        x0, x1, y0, y1, z0, z1 = cells.bounds
        # the marker is centred on its place, stands on the ground and is as tall as marker_size says
        assert (x0 + x1) / 2 == pytest.approx(x, abs=0.01)
        assert (y0 + y1) / 2 == pytest.approx(y, abs=0.01)
        assert z0 == pytest.approx(0.0, abs=1e-3)
        assert z1 == pytest.approx(1.0 * pins.size, rel=0.02)  # the ball's centre at 0.8, radius 0.2
    problems = pins.meshes[ACTOR_PREFIX + "problem"]
    assert set(np.asarray(problems.cell_data[PIN_ID_ARRAY])) == {3}
    assert pins.meshes[ACTOR_PREFIX + "like"].n_cells == 0
    assert not pins.actors[ACTOR_PREFIX + "like"].GetVisibility()


def test_adding_moving_and_removing_pins_keeps_the_actors(scene) -> None:
    from twin_app.scene.pins import ACTOR_PREFIX, SELECTED_ACTOR

    plotter, _view, pins = scene
    before = _actor_count(plotter)
    actors = dict(pins.actors)
    shown = [_pin(1, "idea", 100, 100)]
    pins.set_pins(shown)
    per_marker = pins.meshes[ACTOR_PREFIX + "idea"].n_cells
    for i in range(2, 40):
        shown.append(_pin(i, ["idea", "problem", "like"][i % 3], 20 * i, 10 * i))
        pins.set_pins(shown, selected=i)
        assert _actor_count(plotter) == before
    counts = {c: sum(1 for p in shown if p.category == c) for c in PinCategory}
    assert counts[PinCategory.IDEA] == 14  # pin 1, then 3, 6, …, 39
    for category in PinCategory:
        ids = np.asarray(pins.meshes[ACTOR_PREFIX + category.value].cell_data["pin_id"])
        assert sorted(set(ids)) == sorted(p.id for p in shown if p.category == category)
        # every marker complete: each pin has as many cells as the first one of its kind
        assert len(set(np.bincount(ids)[np.unique(ids)])) == 1
    assert pins.meshes[ACTOR_PREFIX + "idea"].n_cells == 14 * per_marker
    moved = replace(shown[0], x=ORIGIN[0] + 900.0, y=ORIGIN[1] + 800.0)
    pins.set_pins([moved, *shown[1:]], selected=1)
    idea = pins.meshes[ACTOR_PREFIX + "idea"]
    cells = idea.extract_cells(np.flatnonzero(np.asarray(idea.cell_data["pin_id"]) == 1))
    assert (cells.bounds[0] + cells.bounds[1]) / 2 == pytest.approx(900.0, abs=0.01)
    sel = pins.meshes[SELECTED_ACTOR]
    assert (sel.bounds[0] + sel.bounds[1]) / 2 == pytest.approx(900.0, abs=0.01)
    pins.set_pins([])
    assert _actor_count(plotter) == before
    assert pins.actors == actors  # the very same actor objects all along
    assert all(not a.GetVisibility() for a in pins.actors.values())


def test_each_category_is_its_own_colour_and_shape_under_the_head(scene) -> None:
    from twin_app.scene.pins import STYLES

    plotter, view, pins = scene
    pins.set_pins([_pin(1, "idea", 250, 500), _pin(2, "problem", 500, 500), _pin(3, "like", 750, 500)])
    # a view from the south, a little above: every head is seen against the sky
    view.plotter.camera.position = (500.0, -900.0, 300.0)
    view.plotter.camera.focal_point = (500.0, 500.0, 20.0)
    view.plotter.camera.up = (0.0, 0.0, 1.0)
    plotter.reset_camera_clipping_range()
    image = view.screenshot()
    height = image.shape[0]
    renderer = plotter.renderer
    dominant = {"idea": 2, "problem": 0, "like": 1}  # blue, vermillion (red), bluish green
    for pid in (1, 2, 3):
        renderer.SetWorldPoint(*pins.centre_of(pid), 1.0)
        renderer.WorldToDisplay()
        dx, dy, _ = renderer.GetDisplayPoint()
        row, col = height - 1 - round(dy), round(dx)
        patch = image[row - 1 : row + 2, col - 1 : col + 2, :3].reshape(-1, 3).astype(int)
        rgb = np.median(patch, axis=0)
        category = pins.pins[pid].category.value
        assert int(np.argmax(rgb)) == dominant[category], (category, rgb)
        assert pins.pin_at(round(dx), round(dy)) == pid
    # the three colours differ, and so do the three shapes and the symbols shown in lists
    assert len({s.colour for s in STYLES.values()}) == 3
    assert len({s.shape for s in STYLES.values()}) == 3
    assert len({s.symbol for s in STYLES.values()}) == 3


def test_the_legend_lists_every_category_with_its_count() -> None:
    from twin_app.scene.pins import STYLES, legend_items

    items = legend_items([_pin(1, "idea", 0, 0), _pin(2, "idea", 1, 1), _pin(3, "like", 2, 2)])
    assert [(i.category.value, i.count) for i in items] == [("idea", 2), ("problem", 0), ("like", 1)]
    assert [i.label for i in items] == ["Idea", "Problem", "Like"]
    assert [i.colour for i in items] == [STYLES[c].colour for c in PinCategory]


def test_selecting_a_pin_highlights_only_that_pin(scene) -> None:
    from twin_app.scene.pins import SELECTED_ACTOR

    _plotter, _view, pins = scene
    pins.set_pins([_pin(1, "idea", 100, 100), _pin(2, "like", 600, 700)])
    assert not pins.actors[SELECTED_ACTOR].GetVisibility()
    pins.select(2)
    sel = pins.meshes[SELECTED_ACTOR]
    assert pins.actors[SELECTED_ACTOR].GetVisibility()
    assert (sel.bounds[0] + sel.bounds[1]) / 2 == pytest.approx(600.0, abs=0.01)
    assert (sel.bounds[2] + sel.bounds[3]) / 2 == pytest.approx(700.0, abs=0.01)
    pins.select(99)  # a pin not shown (filtered out): nothing highlighted
    assert not pins.actors[SELECTED_ACTOR].GetVisibility()


def test_a_click_on_bare_ground_finds_the_ground_point_and_the_sky_none(scene) -> None:
    from twin_app.scene.measure import ground_at

    plotter, view, _pins = scene
    view.plotter.camera.position = (500.0, -900.0, 600.0)
    view.plotter.camera.focal_point = (500.0, 500.0, 0.0)
    view.plotter.camera.up = (0.0, 0.0, 1.0)
    plotter.reset_camera_clipping_range()
    plotter.render()
    renderer = plotter.renderer
    for x, y in [(200.0, 300.0), (800.0, 900.0)]:
        renderer.SetWorldPoint(x, y, 0.0, 1.0)
        renderer.WorldToDisplay()
        dx, dy, _ = renderer.GetDisplayPoint()
        gx, gy, gz = ground_at(plotter, round(dx), round(dy))
        # one pixel spans a few metres at that distance
        assert abs(gx - x) < 6 and abs(gy - y) < 6 and gz == 0.0
    view.plotter.camera.position = (500.0, -900.0, 100.0)  # almost level: the top half is sky
    plotter.reset_camera_clipping_range()
    assert ground_at(plotter, 300, 440) is None


def test_markers_keep_their_size_on_screen_as_the_camera_zooms(scene) -> None:
    from twin_app.scene.pins import ACTOR_PREFIX, follow_size

    # 2 × 1000 m × tan(15°) = 535.9 m seen at the focal point; a twelfth of it
    assert follow_size(1000.0, 30.0) == pytest.approx(44.66, abs=0.01)
    plotter, view, pins = scene
    pins.set_pins([_pin(1, "like", 500, 500)])
    actors = dict(pins.actors)
    for distance in (2000.0, 250.0):
        view.plotter.camera.focal_point = (500.0, 500.0, 0.0)
        view.plotter.camera.position = (500.0, 500.0 - distance * 0.8, distance * 0.6)
        plotter.reset_camera_clipping_range()
        view.screenshot()
        assert pins.size == pytest.approx(follow_size(distance, 30.0), rel=0.21)
        mesh = pins.meshes[ACTOR_PREFIX + "like"]
        assert mesh.bounds[5] == pytest.approx(0.96 * pins.size, rel=0.02)  # the cube's top: 0.8 + 0.16
    assert pins.actors == actors


def test_the_kinds_are_named_in_the_language_chosen() -> None:
    from twin_app.core.i18n import speaking
    from twin_app.scene.pins import label, legend_items

    with speaking("fr"):
        assert [label(c) for c in PinCategory] == ["Idée", "Problème", "J'aime"]
    with speaking("ja"):
        assert [i.label for i in legend_items([])] == ["アイデア", "問題", "いいね"]
    assert label("like") == "Like"
