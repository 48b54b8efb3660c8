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
from twin_app.core.layers import NetworkLayer, PolygonLayer, PopulationLayer
from twin_app.core.model import CityModel
from twin_app.core.network import StreetGraph


#: a metric CRS in which the toy's coordinates (0..1000 m) are real places, so its extent projects
def lonlat_bbox(bounds: tuple[float, float, float, float], crs: str) -> tuple[float, float, float, float]:
    """The lon/lat box [west, south, east, north] whose projection covers ``bounds`` (metres in ``crs``)."""
    from pyproj import Transformer

    x0, y0, x1, y1 = bounds
    lon, lat = Transformer.from_crs(crs, "EPSG:4326", always_xy=True).transform(
        [x0, x1, x1, x0], [y0, y0, y1, y1]
    )
    return (min(lon), min(lat), max(lon), max(lat))


CRS = "EPSG:3067"
#: the toy's extent: (-150..1150 m)², as the lon/lat box a manifest holds
BBOX = lonlat_bbox((-150.0, -150.0, 1150.0, 1150.0), CRS)


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
        bbox_lonlat=BBOX,
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
        PopulationLayer(
            id="population",
            title="Population",
            crs=CRS,
            style="population",
            frame=cells,
            value_column="population",
        )
    )
    return model
