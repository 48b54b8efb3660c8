"""The scene updates in place: opacity, colour-by, visibility and new values never build a new mesh.

A small city is built in the test (three square buildings of known heights,
a street), drawn into an off-screen plotter, and edited through the model
only, as the window does.  Colours are checked against the palette itself
(cmcrameri through matplotlib), pixels against what a planner would see.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from toy_city import BBOX, CRS

from twin_app.core.city import CityManifest
from twin_app.core.layers import FEATURE_ID_COLUMN, BuildingsLayer, LineLayer, RasterLayer
from twin_app.core.model import Change, CityModel

HEIGHTS = [10.0, 20.0, 40.0]


def _buildings() -> BuildingsLayer:
    frame = gpd.GeoDataFrame(
        {
            "height_m": HEIGHTS,
            "height_from": ["height_tag"] * 3,
            "floors": [3, 6, 12],
        },
        geometry=[shapely.box(x, 400, x + 100, 500) for x in (100, 450, 800)],
        crs=CRS,
    )
    return BuildingsLayer(
        id="buildings", title="Buildings", crs=CRS, style="buildings", frame=frame, value_column="height_m"
    )


def _city(tmp_path: Path) -> CityModel:
    manifest = CityManifest(folder=tmp_path, name="toy", title="Toy", crs=CRS, bbox_lonlat=BBOX, layers=())
    model = CityModel(manifest=manifest, origin=(0.0, 0.0))
    model.add_layer(_buildings())
    street = gpd.GeoDataFrame({"lanes": [2]}, geometry=[shapely.LineString([(0, 300), (1000, 300)])], crs=CRS)
    model.add_layer(LineLayer(id="street", title="Street", crs=CRS, style="streets", frame=street))
    return model


def _heat_result(model: CityModel, values: list[float], *, rows: list[int] | None = None) -> BuildingsLayer:
    """A result made as the bundled analyses make theirs: a copy of the buildings with a new column."""
    base = model.layers["buildings"]
    frame = base.frame.copy()
    if rows is not None:
        frame = frame.iloc[rows]
    frame["heat_mean"] = values
    return BuildingsLayer(
        id="heat-exposure:buildings_heat",
        title="Buildings by mean heat (index)",
        crs=CRS,
        style="buildings",
        frame=frame,
        value_column="heat_mean",
        units="index",
        quantities={"heat_mean": "heat"},
        restyles="buildings",
    )


@pytest.fixture
def scene(tmp_path: Path):
    import pyvista as pv

    from twin_app.scene.view import SceneView

    model = _city(tmp_path)
    plotter = pv.Plotter(off_screen=True, window_size=[400, 300])
    view = SceneView(plotter, model)
    yield model, view
    plotter.close()


def _cells_of(view, layer_id: str, feature: int) -> np.ndarray:
    mesh = view.visuals[layer_id].mesh
    return np.flatnonzero(np.asarray(mesh.cell_data[FEATURE_ID_COLUMN]) == feature)


def _colour_values(view, layer_id: str) -> np.ndarray:
    from twin_app.scene.view import COLOUR_ARRAY

    return np.asarray(view.visuals[layer_id].mesh.cell_data[COLOUR_ARRAY])


# -- model events -------------------------------------------------------------------------------


def test_the_model_says_what_changed(tmp_path: Path) -> None:
    model = _city(tmp_path)
    seen: list[tuple[Change, str]] = []
    model.subscribe(lambda change, layer: seen.append((change, layer.id)))
    model.set_opacity("buildings", 0.5)
    model.set_opacity("buildings", 0.5)  # no change: no event
    model.set_colour_by("buildings", "floors")
    model.set_visible("street", False)
    model.update_values("buildings", "floors", [4, 7, 13])
    assert seen == [
        (Change.OPACITY, "buildings"),
        (Change.COLOUR, "buildings"),
        (Change.VISIBILITY, "street"),
        (Change.DATA, "buildings"),
    ]


def test_update_values_writes_rows_and_bumps_the_revision(tmp_path: Path) -> None:
    model = _city(tmp_path)
    layer = model.layers["buildings"]
    assert layer.revision == 0
    model.update_values("buildings", "floors", [5], rows=[2])
    assert list(layer.frame["floors"]) == [3, 6, 5]
    model.update_values("buildings", "pm25", [7.5, 9.0], rows=[0, 2])  # a new column: NaN elsewhere
    assert layer.frame["pm25"].tolist()[0] == 7.5 and np.isnan(layer.frame["pm25"].tolist()[1])
    assert layer.revision == 2
    with pytest.raises(ValueError, match="3 features but 2 values"):
        model.update_values("buildings", "floors", [1, 2])
    with pytest.raises(ValueError, match="rows 0 to 2"):
        model.update_values("buildings", "floors", [1], rows=[3])
    assert layer.revision == 2


def test_a_result_cannot_restyle_itself(tmp_path: Path) -> None:
    model = _city(tmp_path)
    result = _heat_result(model, [0.1, 0.2, 0.3])
    result.restyles = result.id
    with pytest.raises(ValueError, match="re-colours itself"):
        model.add_layer(result)


def test_colouring_by_a_column_the_layer_lacks_is_a_sentence(tmp_path: Path) -> None:
    model = _city(tmp_path)
    with pytest.raises(ValueError, match=r"no column 'nope'.*height_m"):
        model.set_colour_by("buildings", "nope")


# -- in-place updates ---------------------------------------------------------------------------


def test_opacity_changes_the_actor_not_the_mesh(scene) -> None:
    model, view = scene
    actor, mesh = view.actors["buildings"][0], view.visuals["buildings"].mesh
    model.set_opacity("buildings", 0.3)
    assert view.actors["buildings"][0] is actor and view.visuals["buildings"].mesh is mesh
    assert actor.GetMapper().GetInput() is mesh
    assert actor.GetProperty().GetOpacity() == pytest.approx(0.3)


def test_colour_by_replaces_the_cell_scalars_and_palette_in_place(scene) -> None:
    from twin_app.scene.palettes import colormap

    model, view = scene
    actor, mesh = view.actors["buildings"][0], view.visuals["buildings"].mesh
    mapper = actor.GetMapper()
    assert mapper.GetScalarVisibility()
    assert mapper.GetScalarRange() == pytest.approx((10.0, 40.0))
    # every cell of building 1 carries its height
    assert np.all(_colour_values(view, "buildings")[_cells_of(view, "buildings", 1)] == 20.0)
    # the tallest takes the height palette's end (bilbao reversed: dark brick red), as matplotlib says
    lut = mapper.GetLookupTable()
    rgb = np.array(lut.GetTableValue(lut.GetNumberOfTableValues() - 1)[:3])
    assert rgb == pytest.approx(np.array(colormap("bilbao_r")(1.0)[:3]), abs=0.01)

    model.set_colour_by("buildings", "floors")
    assert view.actors["buildings"][0] is actor and view.visuals["buildings"].mesh is mesh
    assert mapper.GetScalarRange() == pytest.approx((3.0, 12.0))
    assert np.all(_colour_values(view, "buildings")[_cells_of(view, "buildings", 2)] == 12.0)

    model.set_colour_by("buildings", None)
    assert view.actors["buildings"][0] is actor and not mapper.GetScalarVisibility()


def test_new_values_overwrite_the_colour_array(scene) -> None:
    model, view = scene
    mesh = view.visuals["buildings"].mesh
    model.update_values("buildings", "height_m", [10.0, 70.0, 40.0])  # geometry unchanged
    assert view.visuals["buildings"].mesh is mesh
    assert np.all(_colour_values(view, "buildings")[_cells_of(view, "buildings", 1)] == 70.0)
    assert view.actors["buildings"][0].GetMapper().GetScalarRange() == pytest.approx((10.0, 70.0))


def test_visibility_toggles_the_actor(scene) -> None:
    model, view = scene
    actor = view.actors["street"][0]
    model.set_visible("street", False)
    assert view.actors["street"][0] is actor and not actor.GetVisibility()
    model.set_visible("street", True)
    assert actor.GetVisibility()


# -- palettes and legends -----------------------------------------------------------------------


def test_each_quantity_gets_its_own_palette(scene) -> None:
    model, view = scene
    model.add_layer(_heat_result(model, [0.2, 0.5, 0.8]))
    model.set_colour_by("buildings", "height_m")
    (entry,) = view.legend_entries()
    assert entry.quantity == "heat" and entry.cmap == "lajolla_r"
    model.set_visible("heat-exposure:buildings_heat", False)
    (entry,) = view.legend_entries()
    assert entry.quantity == "height" and entry.cmap == "bilbao_r" and entry.heading == "Buildings (m)"


def test_a_difference_gets_a_diverging_palette_with_symmetric_limits(scene) -> None:
    model, view = scene
    model.update_values("buildings", "height_change", [-2.0, 1.0, 5.0])
    model.layers["buildings"].quantities["height_change"] = "difference"
    model.set_colour_by("buildings", "height_change")
    assert view.actors["buildings"][0].GetMapper().GetScalarRange() == pytest.approx((-5.0, 5.0))
    (entry,) = view.legend_entries()
    assert entry.cmap == "vik" and entry.limits == (-5.0, 5.0)


def test_legend_listeners_hear_visibility_and_colour(scene) -> None:
    model, view = scene
    heard: list[list[str]] = []
    view.on_legend_change(lambda entries: heard.append([e.heading for e in entries]))
    model.set_visible("buildings", False)
    model.set_visible("buildings", True)
    model.set_opacity("buildings", 0.5)  # the legend does not change: no call
    model.set_colour_by("buildings", "floors")
    assert heard == [[], ["Buildings (m)"], ["Buildings: floors"]]


def test_a_raster_takes_its_quantitys_palette_and_no_data_is_transparent(tmp_path: Path) -> None:
    import pyvista as pv

    from twin_app.scene.view import SceneView

    model = _city(tmp_path)
    data = np.array([[0.1, np.nan], [0.5, 0.9]], dtype=np.float32)
    model.add_layer(
        RasterLayer(
            id="heat", title="Heat exposure index", crs=CRS, data=data,
            transform=(100.0, 0.0, 0.0, 0.0, -100.0, 1000.0), label="heat", units="index 0–1",
        )
    )  # fmt: skip
    plotter = pv.Plotter(off_screen=True, window_size=[300, 200])
    try:
        view = SceneView(plotter, model)
        heat = next(e for e in view.legend_entries() if e.layer_id == "heat")
        assert heat.cmap == "lajolla_r" and heat.units == "index 0–1"
        lut = view.actors["heat"][0].GetMapper().GetLookupTable()
        assert lut.GetNanColor()[3] == 0.0
        # the grid's cells hold the pixels whatever the row order: the top-left pixel is 0.1
        mesh = view.visuals["heat"].mesh
        top_left = int(np.flatnonzero(np.asarray(mesh.cell_data[FEATURE_ID_COLUMN]) == 0)[0])
        assert _colour_values(view, "heat")[top_left] == pytest.approx(0.1)
        assert mesh.cell_centers().points[top_left][:2] == pytest.approx((50.0, 950.0))
    finally:
        plotter.close()


# -- results replace, not stack -----------------------------------------------------------------


def test_a_result_recolours_the_buildings_without_a_second_mesh(scene) -> None:
    model, view = scene
    actor, mesh = view.actors["buildings"][0], view.visuals["buildings"].mesh
    n_actors = len(view.plotter.renderer.actors)
    result = _heat_result(model, [0.25, 0.5, 0.75])
    model.add_layer(result)
    assert view.actors[result.id] == [] and result.id not in view.visuals
    assert len(view.plotter.renderer.actors) == n_actors
    assert view.actors["buildings"][0] is actor and view.visuals["buildings"].mesh is mesh
    assert np.all(_colour_values(view, "buildings")[_cells_of(view, "buildings", 2)] == 0.75)
    assert actor.GetMapper().GetScalarRange() == pytest.approx((0.25, 0.75))
    # hidden: the buildings' own colouring comes back; removed: too
    model.set_visible(result.id, False)
    assert np.all(_colour_values(view, "buildings")[_cells_of(view, "buildings", 2)] == 40.0)
    model.set_visible(result.id, True)
    model.remove_layer(result.id)
    assert np.all(_colour_values(view, "buildings")[_cells_of(view, "buildings", 2)] == 40.0)
    assert view.actors["buildings"][0] is actor


def test_buildings_without_a_result_value_are_neutral(scene) -> None:
    from twin_app.scene.style import style_for

    model, view = scene
    # a result for buildings 0 and 2 only (rows matched by index labels)
    model.add_layer(_heat_result(model, [0.3, 0.6], rows=[0, 2]))
    values = _colour_values(view, "buildings")
    assert np.all(np.isnan(values[_cells_of(view, "buildings", 1)]))
    assert values[_cells_of(view, "buildings", 0)][0] == pytest.approx(0.3)
    lut = view.actors["buildings"][0].GetMapper().GetLookupTable()
    import pyvista as pv

    assert lut.GetNanColor()[:3] == pytest.approx(pv.Color(style_for("buildings").color).float_rgb)


def test_a_result_joined_on_a_key_column(scene) -> None:
    model, view = scene
    model.update_values("buildings", "ref", [101, 102, 103])
    base = model.layers["buildings"]
    frame = gpd.GeoDataFrame(
        {"ref": [103, 101], "walk_m": [250.0, 900.0]}, geometry=[shapely.Point(0, 0)] * 2, crs=CRS
    )
    model.add_layer(
        BuildingsLayer(
            id="access:buildings", title="Walk to a stop", crs=CRS, frame=frame, value_column="walk_m",
            units="m", restyles=base.id, join_on="ref",
        )
    )  # fmt: skip
    values = _colour_values(view, "buildings")
    assert values[_cells_of(view, "buildings", 0)][0] == 900.0
    assert values[_cells_of(view, "buildings", 2)][0] == 250.0
    assert np.isnan(values[_cells_of(view, "buildings", 1)][0])
    (entry,) = view.legend_entries()
    assert entry.quantity == "distance" and entry.heading == "Walk to a stop (m)"


def test_a_result_whose_base_is_gone_is_drawn_on_its_own(scene) -> None:
    model, view = scene
    result = _heat_result(model, [0.25, 0.5, 0.75])
    model.add_layer(result)
    model.remove_layer("buildings")
    assert result.id in view.visuals and view.actors[result.id]
    assert np.all(_colour_values(view, result.id)[_cells_of(view, result.id, 0)] == 0.25)


def _display_xy(view, xyz: tuple[float, float, float]) -> tuple[int, int]:
    renderer = view.plotter.renderer
    renderer.SetWorldPoint(*xyz, 1.0)
    renderer.WorldToDisplay()
    x, y, _ = renderer.GetDisplayPoint()
    return round(x), round(y)


def test_clicking_a_building_shows_its_result_and_outlines_it(scene) -> None:
    from twin_app.scene.view import PICKED_ACTOR

    model, view = scene
    model.add_layer(_heat_result(model, [0.25, 0.5, 0.75]))
    view.plotter.render()
    picked = view.pick_at(*_display_xy(view, (850.0, 450.0, 40.0)))  # the roof of building 2
    assert picked is not None and picked.layer.id == "buildings" and picked.feature == 2
    assert picked.attributes["height_m"] == 40.0
    assert picked.attributes["Buildings by mean heat (index)"] == "0.750"
    outline = view.plotter.actors[PICKED_ACTOR].GetMapper().GetInput()
    x0, x1, y0, y1, z0, z1 = outline.GetBounds()
    assert (x0, x1, y0, y1, z0, z1) == pytest.approx((800, 900, 400, 500, 0, 40))
    # a click on nothing takes the outline away
    assert view.pick_at(2, 2) is None and PICKED_ACTOR not in view.plotter.actors


# -- a raster says what it measures -------------------------------------------------------------


def test_a_raster_declared_a_difference_in_city_toml_is_drawn_diverging(tmp_path: Path) -> None:
    import pyvista as pv
    import rasterio
    from rasterio.transform import from_origin

    from twin_app.core.loading import load_city
    from twin_app.scene.view import SceneView

    data = np.array([[-3.0, 1.0], [0.5, 2.0]], dtype="float32")
    profile = {"driver": "GTiff", "height": 2, "width": 2, "count": 1, "dtype": "float32", "crs": CRS}
    with rasterio.open(
        tmp_path / "change.tif", "w", transform=from_origin(100, 900, 100, 100), **profile
    ) as dst:
        dst.write(data, 1)
    west, south, east, north = BBOX
    (tmp_path / "city.toml").write_text(
        f'[city]\nname = "toy"\ncrs = "{CRS}"\nbbox = [{west}, {south}, {east}, {north}]\n'
        '[[layers]]\nid = "change"\nkind = "raster"\nsource = "change.tif"\ntitle = "Change in surface '
        'temperature"\nunits = "K"\nquantity = "difference"\n',
        encoding="utf-8",
    )
    model = load_city(tmp_path)
    assert model.layers["change"].quantity == "difference"
    plotter = pv.Plotter(off_screen=True, window_size=[300, 200])
    try:
        view = SceneView(plotter, model)
        (entry,) = view.legend_entries()
        assert entry.cmap == "vik" and entry.limits == (-3.0, 3.0) and entry.units == "K"
        assert view.actors["change"][0].GetMapper().GetScalarRange() == pytest.approx((-3.0, 3.0))
    finally:
        plotter.close()


def test_a_quantity_city_toml_does_not_know_is_one_sentence(tmp_path: Path) -> None:
    from twin_app.core.city import load_manifest
    from twin_app.core.errors import ManifestError

    west, south, east, north = BBOX
    (tmp_path / "city.toml").write_text(
        f'[city]\nname = "toy"\ncrs = "{CRS}"\nbbox = [{west}, {south}, {east}, {north}]\n'
        '[[layers]]\nid = "t"\nkind = "raster"\nsource = "t.tif"\nquantity = "hotness"\n',
        encoding="utf-8",
    )
    with pytest.raises(ManifestError, match=r"quantity must be what the values measure, one of \"height\""):
        load_manifest(tmp_path)
