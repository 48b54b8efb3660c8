"""The camera as data, and a home view that frames the buildings, checked with VTK's own projection."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from toy_city import BBOX, CRS

from twin_app.core.camera import CameraView, home_view
from twin_app.core.city import CityManifest
from twin_app.core.layers import HEIGHT_COLUMN, HEIGHT_FROM_COLUMN, BuildingsLayer
from twin_app.core.model import CityModel


def _ndc(view: CameraView, aspect: float, points: np.ndarray) -> np.ndarray:
    """Normalised device coordinates of ``points`` through a VTK camera set from ``view``."""
    import vtk

    cam = vtk.vtkCamera()
    cam.SetPosition(*view.position)
    cam.SetFocalPoint(*view.focal_point)
    cam.SetViewUp(*view.up)
    cam.SetViewAngle(view.view_angle)
    cam.SetClippingRange(1.0, 1e6)
    matrix = cam.GetCompositeProjectionTransformMatrix(aspect, -1, 1)
    m = np.array([[matrix.GetElement(i, j) for j in range(4)] for i in range(4)])
    homogeneous = np.column_stack([points, np.ones(len(points))]) @ m.T
    return homogeneous[:, :2] / homogeneous[:, 3:4]


@pytest.mark.parametrize("aspect", [1.6, 1.0, 16 / 9, 0.75])
@pytest.mark.parametrize("extent", [(0, 0, 2000, 3000), (0, 0, 5000, 800), (100, 100, 160, 140)])
def test_home_view_fits_the_extent_and_fills_the_view(
    extent: tuple[float, float, float, float], aspect: float
) -> None:
    origin = (50.0, 60.0)
    view = home_view(extent, origin, aspect=aspect, margin=0.9, top_m=30.0)
    x0, y0, x1, y1 = extent
    corners = np.array(
        [(x - origin[0], y - origin[1], z) for x in (x0, x1) for y in (y0, y1) for z in (0.0, 30.0)]
    )
    ndc = _ndc(view, aspect, corners)
    assert np.all(np.abs(ndc) <= 0.9 + 1e-3)
    # it fills the view along one axis, and is centred
    assert max(np.ptp(ndc[:, 0]), np.ptp(ndc[:, 1])) > 1.7
    assert abs(ndc[:, 0].min() + ndc[:, 0].max()) < 0.02
    assert abs(ndc[:, 1].min() + ndc[:, 1].max()) < 0.02
    # looked at from the south-south-west, from above
    assert view.position[1] < view.focal_point[1] and view.position[2] > 0


def test_data_extent_frames_buildings_not_a_stray_one(tmp_path: Path) -> None:
    xs, ys = np.meshgrid(np.arange(0, 1000, 20.0), np.arange(0, 500, 20.0))
    boxes = [shapely.box(x, y, x + 10, y + 10) for x, y in zip(xs.ravel(), ys.ravel(), strict=True)]
    boxes.append(shapely.box(20_000, 20_000, 20_010, 20_010))  # a stray building far away
    frame = gpd.GeoDataFrame(
        {HEIGHT_COLUMN: [10.0] * len(boxes), HEIGHT_FROM_COLUMN: "height_tag"}, geometry=boxes, crs=CRS
    )
    manifest = CityManifest(
        folder=tmp_path, name="t", title="T", crs=CRS, bbox_lonlat=BBOX, layers=(), districts_layer=None
    )
    model = CityModel(manifest, origin=(0.0, 0.0))
    model.add_layer(BuildingsLayer(id="b", title="B", crs=CRS, frame=frame))
    x0, y0, x1, y1 = model.data_extent()  # type: ignore[misc]
    assert x0 == pytest.approx(0, abs=30) and x1 == pytest.approx(990, abs=30)
    assert y0 == pytest.approx(0, abs=30) and y1 == pytest.approx(490, abs=30)


def test_data_extent_without_layers_is_the_manifest_extent(tmp_path: Path) -> None:
    manifest = CityManifest(
        folder=tmp_path, name="t", title="T", crs=CRS, bbox_lonlat=BBOX, layers=(), districts_layer=None
    )
    extent = CityModel(manifest, origin=(0.0, 0.0)).data_extent()
    assert extent is not None
    assert extent[0] == pytest.approx(-150, abs=5) and extent[3] == pytest.approx(1150, abs=5)


def test_camera_view_round_trips_as_json() -> None:
    view = CameraView((1.0, -2.0, 3.5), (0.0, 0.0, 0.0), (0.0, 0.0, 1.0), 25.0)
    assert CameraView.from_json(view.to_json()) == view
