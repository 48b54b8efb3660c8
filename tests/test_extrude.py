"""The extruded city mesh must be exact and closed, or volumes and rendering lie.

Every check is computed independently of ``PrismMesh``'s own helpers (the
divergence theorem and the edge test are re-derived here from the raw
triangles) and cross-checked with pyvista on the VTK side.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
import pyvista as pv
import shapely
from shapely.affinity import translate
from shapely.geometry import MultiPolygon, Polygon, box

from twin_app.core.extrude import FLOOR, ROOF, WALL, PrismMesh, extrude_footprints

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synthetic_city import CITY_ORIGIN, make_footprints

L_SHAPE = Polygon([(0, 0), (4, 0), (4, 1), (1, 1), (1, 3), (0, 3)])
COURTYARD = Polygon(
    [(0, 0), (10, 0), (10, 10), (0, 10)],
    [[(3, 3), (3, 7), (7, 7), (7, 3)]],
)


def signed_volume(mesh: PrismMesh) -> float:
    """Divergence theorem on the raw triangles, in float64."""
    p = mesh.points.astype(np.float64)
    a, b, c = (p[mesh.triangles[:, i]] for i in range(3))
    return float(np.sum(a * np.cross(b, c)) / 6.0)


def triangle_normals(mesh: PrismMesh) -> npt.NDArray[np.float64]:
    """Unnormalised normals (twice the area) of every triangle."""
    p = mesh.points.astype(np.float64)
    a, b, c = (p[mesh.triangles[:, i]] for i in range(3))
    return np.cross(b - a, c - a)


def assert_closed(mesh: PrismMesh) -> None:
    """Each directed edge occurs once and its reverse once: watertight and consistently oriented."""
    t = mesh.triangles
    edges = np.stack([t.reshape(-1), t[:, [1, 2, 0]].reshape(-1)], axis=1)
    directed = {tuple(e) for e in edges.tolist()}
    assert len(directed) == len(edges), "an edge is used twice in the same direction"
    assert all((j, i) in directed for i, j in directed), "an edge has no opposite partner"


def to_polydata(mesh: PrismMesh) -> pv.PolyData:
    return pv.PolyData(mesh.points, mesh.to_vtk_faces())


def roof_area(mesh: PrismMesh) -> float:
    roof = triangle_normals(mesh)[mesh.cell_part == ROOF]
    return float(np.sum(np.abs(roof[:, 2])) / 2.0)


def test_unit_cube_has_twelve_triangles_and_unit_volume() -> None:
    mesh = extrude_footprints([box(0, 0, 1, 1)], [1.0])
    assert mesh.n_triangles == 12
    assert mesh.points.dtype == np.float32
    assert mesh.triangles.dtype == np.int64
    assert mesh.cell_feature.dtype == np.int64
    assert mesh.cell_part.dtype == np.uint8
    assert np.bincount(mesh.cell_part, minlength=3).tolist() == [2, 8, 2]
    assert signed_volume(mesh) == pytest.approx(1.0)
    assert mesh.volume() == pytest.approx(1.0)
    assert mesh.is_closed()
    assert_closed(mesh)
    assert to_polydata(mesh).n_open_edges == 0


@pytest.mark.parametrize(("footprint", "height"), [(L_SHAPE, 7.5), (COURTYARD, 12.0)])
def test_concave_and_courtyard_are_exact_closed_and_outward(footprint: Polygon, height: float) -> None:
    mesh = extrude_footprints([footprint], [height])
    assert roof_area(mesh) == pytest.approx(footprint.area, rel=1e-12)
    expected = footprint.area * height
    assert signed_volume(mesh) == pytest.approx(expected, rel=1e-9)
    pd = to_polydata(mesh)
    assert pd.volume == pytest.approx(expected, rel=1e-6)
    assert pd.n_open_edges == 0
    assert_closed(mesh)

    normals = triangle_normals(mesh)
    assert np.all(normals[mesh.cell_part == ROOF, 2] > 0)
    assert np.all(normals[mesh.cell_part == FLOOR, 2] < 0)
    assert np.allclose(normals[mesh.cell_part == WALL, 2], 0)
    # Outward walls: each wall normal points away from the footprint.
    walls = mesh.cell_part == WALL
    tri_pts = mesh.points[mesh.triangles[walls]].astype(np.float64)
    centre = tri_pts.mean(axis=1)
    probe = centre[:, :2] + 1e-3 * normals[walls, :2] / np.linalg.norm(normals[walls, :2], axis=1)[:, None]
    assert not np.any(shapely.contains_xy(footprint, probe[:, 0], probe[:, 1]))


def test_clockwise_input_and_repeated_points_are_handled() -> None:
    messy = Polygon([(0, 0), (0, 3), (0, 3), (1, 3), (1, 1), (4, 1), (4, 0), (4, 0), (0, 0)])
    assert not messy.exterior.is_ccw
    mesh = extrude_footprints([messy], [2.0])
    assert signed_volume(mesh) == pytest.approx(messy.area * 2.0)
    assert roof_area(mesh) == pytest.approx(messy.area)
    assert_closed(mesh)
    assert mesh.n_points == 2 * 6


def test_several_holes_and_a_hole_touching_the_outline() -> None:
    two = Polygon(
        [(0, 0), (20, 0), (20, 10), (0, 10)],
        [[(2, 2), (2, 8), (8, 8), (8, 2)], [(12, 3), (18, 2.5), (18, 7), (12, 8)]],
    )
    touching = Polygon([(0, 0), (10, 0), (10, 10), (0, 10)], [[(0, 0), (3, 5), (5, 3)]])
    assert two.is_valid and touching.is_valid
    assert_closed(extrude_footprints([two], [3.0]))
    mesh = extrude_footprints([two, touching], [3.0, 4.0])
    # The touching point pinches the solid: its vertical edge bounds two wall
    # pairs, so edges balance in direction without being unique.
    assert mesh.is_closed(manifold=False)
    pd = to_polydata(mesh)
    boundary = pd.extract_feature_edges(
        boundary_edges=True, non_manifold_edges=False, feature_edges=False, manifold_edges=False
    )
    assert boundary.n_cells == 0
    assert pd.n_open_edges == 1  # VTK counts the one pinched (non-manifold) edge
    assert signed_volume(mesh) == pytest.approx(two.area * 3.0 + touching.area * 4.0)
    assert roof_area(mesh) == pytest.approx(two.area + touching.area)


def test_collinear_hole_edges_keep_exact_area_and_volume() -> None:
    # Holes whose edges lie on one line: the general triangulator skips the
    # collinear vertices (T-junctions in the roof), but area and volume stay exact.
    aligned = Polygon(
        [(0, 0), (20, 0), (20, 10), (0, 10)],
        [[(2, 2), (2, 8), (8, 8), (8, 2)], [(12, 2), (18, 2), (18, 8), (12, 8)]],
    )
    mesh = extrude_footprints([aligned], [3.0])
    assert signed_volume(mesh) == pytest.approx(aligned.area * 3.0)
    assert roof_area(mesh) == pytest.approx(aligned.area)


def test_cell_feature_maps_triangles_to_inputs() -> None:
    polys = [box(0, 0, 1, 1), translate(L_SHAPE, 10, 0), translate(COURTYARD, 30, 0)]
    heights = [1.0, 2.0, 3.0]
    mesh = extrude_footprints(polys, heights)
    assert mesh.n_features == 3
    pts = mesh.points.astype(np.float64)
    for i, (poly, h) in enumerate(zip(polys, heights, strict=True)):
        sel = mesh.cell_feature == i
        used = pts[np.unique(mesh.triangles[sel])]
        assert np.allclose(np.sort(np.unique(used[:, 2])), [0.0, h])
        assert shapely.contains_xy(poly.buffer(1e-6), used[:, 0], used[:, 1]).all()
        sub = PrismMesh(mesh.points, mesh.triangles[sel], mesh.cell_feature[sel], mesh.cell_part[sel], 1)
        assert signed_volume(sub) == pytest.approx(poly.area * h)


def test_multipolygon_parts_share_the_feature_id() -> None:
    multi = MultiPolygon([box(0, 0, 2, 2), box(5, 0, 6, 3)])
    mesh = extrude_footprints([box(-5, -5, -4, -4), multi], [1.0, 10.0])
    assert set(np.unique(mesh.cell_feature).tolist()) == {0, 1}
    assert (mesh.cell_feature == 1).sum() == 2 * 12
    assert signed_volume(mesh) == pytest.approx(1.0 + 70.0)
    assert_closed(mesh)


def test_origin_keeps_float32_precision_for_projected_coordinates() -> None:
    x0, y0 = 25_500_000.0, 6_670_000.0
    poly = translate(L_SHAPE, x0 + 0.25, y0 + 0.125)
    mesh = extrude_footprints([poly], [5.0], origin=(x0, y0))
    assert mesh.points.dtype == np.float32
    assert mesh.origin == (x0, y0)
    assert np.abs(mesh.points[:, :2]).max() < 10
    assert mesh.points[:, 0].min() == pytest.approx(0.25)
    assert signed_volume(mesh) == pytest.approx(poly.area * 5.0, rel=1e-9)


def test_base_height_lifts_the_solid() -> None:
    mesh = extrude_footprints([box(0, 0, 2, 2)], [3.0], base=[10.0])
    assert mesh.points[:, 2].min() == 10.0
    assert mesh.points[:, 2].max() == 13.0
    assert signed_volume(mesh) == pytest.approx(12.0)


def test_degenerate_and_empty_inputs_do_not_crash_and_keep_ids() -> None:
    polys = [
        None,
        Polygon(),
        Polygon([(0, 0), (1, 0), (2, 0), (0, 0)]),  # zero area
        shapely.Point(1, 1),
        box(10, 10, 12, 12),
        box(20, 20, 21, 21),  # zero height below
        box(30, 30, 31, 31),  # NaN height below
        MultiPolygon(),
        box(40, 40, 41, 42),
    ]
    heights = [5.0, 5.0, 5.0, 5.0, 2.0, 0.0, np.nan, 5.0, 1.0]
    mesh = extrude_footprints(polys, heights)
    assert mesh.n_features == len(polys)
    assert set(np.unique(mesh.cell_feature).tolist()) == {4, 8}
    assert signed_volume(mesh) == pytest.approx(4.0 * 2.0 + 2.0 * 1.0)
    assert_closed(mesh)

    empty = extrude_footprints([], [])
    assert empty.n_triangles == 0 and empty.n_features == 0
    assert empty.to_vtk_faces().size == 0
    nothing = extrude_footprints([None, Polygon()], [1.0, 1.0])
    assert nothing.n_triangles == 0 and nothing.n_features == 2


def test_wrong_number_of_heights_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="one value per footprint"):
        extrude_footprints([box(0, 0, 1, 1)], [1.0, 2.0])


def test_vtk_faces_layout() -> None:
    mesh = extrude_footprints([box(0, 0, 1, 1)], [1.0])
    faces = mesh.to_vtk_faces()
    assert faces.dtype == np.int64
    assert faces.reshape(-1, 4)[:, 0].tolist() == [3] * 12
    assert np.array_equal(faces.reshape(-1, 4)[:, 1:], mesh.triangles)


def test_synthetic_batch_volume_and_area_match_shapely() -> None:
    polys, heights = make_footprints(2_000, seed=3)
    mesh = extrude_footprints(polys, heights, origin=CITY_ORIGIN)
    areas = shapely.area(polys)
    assert signed_volume(mesh) == pytest.approx(float(np.sum(areas * heights)), rel=1e-6)
    assert roof_area(mesh) == pytest.approx(float(areas.sum()), rel=1e-6)
    assert mesh.is_closed()
    pd = to_polydata(mesh)
    assert pd.n_open_edges == 0
    # Per feature too: a wrong triangulation cannot hide behind a correct total.
    normals = triangle_normals(mesh)
    roof = mesh.cell_part == ROOF
    per_feature = np.bincount(mesh.cell_feature[roof], weights=normals[roof, 2] / 2, minlength=len(polys))
    assert np.allclose(per_feature, areas, rtol=1e-3)  # float32 points, ~5 km from the origin
    assert np.all(normals[roof, 2] > 0)
