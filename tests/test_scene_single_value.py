"""A layer coloured by a column with one value (a lone new line, one building) draws in a clear colour.

A colour ramp spread over one value would draw it in the palette's light
end, nearly the colour of the ground: a new tram line in pale cream.  The
colour VTK maps each layer's value to is read back from the drawn actor and
compared with the palette's light end and with white.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from toy_city import BBOX, CRS

from twin_app.core.city import CityManifest
from twin_app.core.layers import BuildingsLayer, LineLayer, PointLayer, VectorLayer
from twin_app.core.model import CityModel


def _luminance(rgb: tuple[float, float, float]) -> float:
    """Relative luminance (WCAG 2.x, sRGB): 1 is white, 0 black."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _one_line() -> LineLayer:
    frame = gpd.GeoDataFrame(
        {"line_id": ["T9"], "departures_per_hour": [6.0]},
        geometry=[shapely.LineString([(100, 100), (900, 600)])],
        crs=CRS,
    )
    return LineLayer(
        id="scenario_lines",
        title="Scenario lines",
        crs=CRS,
        style="routes",
        frame=frame,
        value_column="departures_per_hour",
    )


def _one_building() -> BuildingsLayer:
    frame = gpd.GeoDataFrame(
        {"height_m": [12.0], "height_from": ["height_tag"]},
        geometry=[shapely.box(400, 400, 480, 480)],
        crs=CRS,
    )
    return BuildingsLayer(
        id="buildings", title="Buildings", crs=CRS, style="buildings", frame=frame, value_column="height_m"
    )


def _two_alike_points() -> PointLayer:
    frame = gpd.GeoDataFrame(
        {"people": [40.0, 40.0]}, geometry=[shapely.Point(200, 800), shapely.Point(300, 800)], crs=CRS
    )
    return PointLayer(
        id="homes", title="Homes", crs=CRS, style="population", frame=frame, value_column="people"
    )


def _drawn_colour(tmp_path: Path, layer: VectorLayer) -> tuple[tuple[float, float, float], str]:
    """The colour the drawn actor gives the layer's (only) value, and the palette's name."""
    import pyvista as pv

    from twin_app.scene.view import SceneView

    manifest = CityManifest(folder=tmp_path, name="toy", title="Toy", crs=CRS, bbox_lonlat=BBOX, layers=())
    model = CityModel(manifest=manifest, origin=(0.0, 0.0))
    model.add_layer(layer)
    plotter = pv.Plotter(off_screen=True, window_size=[400, 300])
    try:
        view = SceneView(plotter, model)
        plotter.render()
        mapper = view.actors[layer.id][0].GetMapper()
        assert mapper.GetScalarVisibility()
        lo, hi = mapper.GetScalarRange()
        lut = mapper.GetLookupTable()
        lut.SetRange(lo, hi)
        value = float(layer.frame[layer.value_column].iloc[0])
        rgb = [0.0, 0.0, 0.0]
        lut.GetColor(value, rgb)
        r, g, b = rgb
        colouring = view.colouring(layer.id)
        assert colouring is not None
        return (float(r), float(g), float(b)), colouring.cmap
    finally:
        plotter.close()


@pytest.mark.parametrize("make", [_one_line, _one_building, _two_alike_points])
def test_a_layer_with_one_value_is_drawn_in_a_clear_colour(tmp_path: Path, make) -> None:
    from twin_app.scene.palettes import colormap

    layer = make()
    colour, cmap = _drawn_colour(tmp_path, layer)
    light_end = tuple(float(v) for v in colormap(cmap)(0.0)[:3])
    # far from the near-white end the old ramp drew, and darker than any pale tint
    assert _luminance(light_end) > 0.75
    assert np.abs(np.subtract(colour, light_end)).max() > 0.25
    assert _luminance(colour) < 0.5


def test_every_palette_draws_one_value_clearly_and_its_legend_names_that_value() -> None:
    from twin_app.core.quantities import Quantity
    from twin_app.scene.palettes import PALETTES, colormap, colour_limits, legend_entry

    for quantity, palette in PALETTES.items():
        for value in (0.0, 0.4, 6.0, 250.0, -3.0):
            if palette.diverging and value == 0.0:
                continue  # no change is the diverging map's pale middle, on purpose
            lo, hi = colour_limits(value, value, palette)
            assert lo < hi
            position = (value - lo) / (hi - lo)
            if not palette.diverging:  # a diverging map draws a lone change at its end: all of it
                assert position == pytest.approx(palette.lone)
            rgb = tuple(float(v) for v in colormap(palette.cmap)(position)[:3])
            assert _luminance(rgb) < 0.6, (quantity, value, rgb)  # type: ignore[arg-type]
    # a share of 40 %: its range stays within 0–100 % and the legend has one tick, at the value
    entry = legend_entry("s", "Share", None, Quantity.SHARE, 0.4, 0.4)
    assert 0.0 <= entry.limits[0] < 0.4 < entry.limits[1] <= 1.0
    assert entry.ticks == (0.4,) and len(entry.tick_labels) == 1 and "40" in entry.tick_labels[0]
    # a lone line's 8 departures an hour: one tick, written whole
    entry = legend_entry("l", "Scenario lines", "departures/h", Quantity.VALUE, 8.0, 8.0)
    assert entry.ticks == (8.0,) and entry.tick_labels == ("8",)
