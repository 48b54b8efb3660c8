"""A toy city for the access analyses: a street grid whose distances are known by hand.

An 11×11 grid of 100 m blocks over (0..1000)², two districts (West: x < 500,
East), and population cells 2 m wide so that their people stand on a point.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from twin_app.core.city import CityManifest
from twin_app.core.layers import NetworkLayer, PolygonLayer
from twin_app.core.model import CityModel
from twin_app.core.network import StreetGraph

CRS = "EPSG:3879"


def grid_city(
    tmp_path: Path, people: list[tuple[float, float, float]], *, osmid_offset: int = 0
) -> CityModel:
    """The grid, its districts, and one cell per (x, y, n) holding n people at (x, y)."""
    g = StreetGraph.grid(11, 11, spacing=100.0)
    nodes = gpd.GeoDataFrame(
        {"osmid": np.arange(g.n_nodes) + osmid_offset, "x": g.node_xy[:, 0], "y": g.node_xy[:, 1]},
        geometry=shapely.points(g.node_xy),
        crs=CRS,
    )
    edges = gpd.GeoDataFrame(
        {"u": g.edge_u + osmid_offset, "v": g.edge_v + osmid_offset, "length": g.edge_length},
        geometry=g.edge_geometry,
        crs=CRS,
    )
    manifest = CityManifest(
        folder=tmp_path,
        name="toy",
        title="Toy",
        crs=CRS,
        bbox_lonlat=(0, 0, 1, 1),
        layers=(),
        districts_layer="districts",
    )
    model = CityModel(manifest=manifest, origin=(0.0, 0.0))
    districts = gpd.GeoDataFrame(
        {"name": ["West", "East"]},
        geometry=[shapely.box(-100, -100, 500, 1100), shapely.box(500, -100, 1100, 1100)],
        crs=CRS,
    )
    model.add_layer(
        PolygonLayer(id="districts", title="Districts", crs=CRS, style="districts", frame=districts)
    )
    model.add_layer(
        NetworkLayer(id="streets", title="Streets", crs=CRS, style="streets", frame=edges, nodes=nodes)
    )
    cells = gpd.GeoDataFrame(
        {"population": [n for _, _, n in people]},
        geometry=[shapely.box(x - 1, y - 1, x + 1, y + 1) for x, y, _ in people],
        crs=CRS,
    )
    model.add_layer(
        PolygonLayer(
            id="population",
            title="Population",
            crs=CRS,
            style="population",
            frame=cells,
            value_column="population",
        )
    )
    return model
