"""The default Helsinki view shows its sea: pixels known to be sea are drawn in the water colour.

Rendered off screen (a display is needed for VTK's X window: run under
Xvfb, as the other GUI tests).  The sample points are named water in
the extract (harbour basins, a strait, a bay) and the South Harbour; the
land points are Senate Square and Kamppi.  Each is projected through the
view's own camera, so the test follows the camera wherever it is framed.
"""

from __future__ import annotations

import numpy as np
import pytest
from pyproj import Transformer

pytestmark = pytest.mark.gui

SEA = {
    "South Harbour": (24.955, 60.165),
    "Kolera-allas": (24.9529977, 60.1670969),
    "Linnanallas": (24.9567886, 60.1677432),
    "Siltavuorensalmi": (24.9529851, 60.1772618),
    "Kaisaniemenlahti": (24.9467114, 60.1766884),
    "Töölönlahti": (24.9370, 60.1800),
}
LAND = {"Senate Square": (24.952, 60.169), "Kamppi": (24.932, 60.168)}
#: how far (sum over RGB) a pixel may be from the water colour and still be water (lighting, blending)
TOLERANCE = 40


def _rgb(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])


def test_default_helsinki_view_shows_the_sea(helsinki_model, tmp_path) -> None:
    import pyvista as pv

    from twin_app.scene.style import style_for
    from twin_app.scene.view import SceneView

    plotter = pv.Plotter(off_screen=True, window_size=[1280, 800])
    try:
        SceneView(plotter, helsinki_model)
        image = np.asarray(plotter.screenshot(str(tmp_path / "helsinki.png"), return_img=True)).astype(int)
        renderer = plotter.renderer
        to_crs = Transformer.from_crs("EPSG:4326", helsinki_model.manifest.crs, always_xy=True)
        ox, oy = helsinki_model.origin
        water = style_for("water")
        colour = _rgb(water.color)

        def pixel(lon: float, lat: float) -> np.ndarray | None:
            x, y = to_crs.transform(lon, lat)
            renderer.SetWorldPoint(x - ox, y - oy, water.z, 1.0)
            renderer.WorldToDisplay()
            px, py, _ = renderer.GetDisplayPoint()
            col, row = round(px), image.shape[0] - 1 - round(py)
            if not (2 <= row < image.shape[0] - 2 and 2 <= col < image.shape[1] - 2):
                return None
            # the median of a 5 × 5 patch: a street line or label edge nearby does not decide
            return np.median(image[row - 2 : row + 3, col - 2 : col + 3, :3].reshape(-1, 3), axis=0)

        def is_water(rgb: np.ndarray | None) -> bool:
            return rgb is not None and float(np.abs(rgb - colour).sum()) <= TOLERANCE

        seen = {name: pixel(*p) for name, p in SEA.items()}
        in_view = [name for name, rgb in seen.items() if rgb is not None]
        wet = [name for name in in_view if is_water(seen[name])]
        assert len(in_view) >= 4, f"the default view should show central Helsinki's shore, sees {in_view}"
        # all but one (a stop, label or legend may cover one point)
        assert len(wet) >= len(in_view) - 1, f"sea points not in the water colour: {set(in_view) - set(wet)}"
        for name, p in LAND.items():
            assert not is_water(pixel(*p)), f"{name} is drawn as water"
    finally:
        plotter.close()
