"""A small city folder for the window's workshop tests: a park, a square and a street grid, in metres.

Written in EPSG:3067 (ETRS-TM35FIN) around a real place so that lon/lat
exports are meaningful; the layers are plain vector files, so the window
loads it in a second or two.  ``CENTRE`` is the middle of the city.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import shapely

CRS = "EPSG:3067"
X0, Y0 = 385000.0, 6672000.0
SIZE = 800.0
CENTRE = (X0 + SIZE / 2, Y0 + SIZE / 2)


def write_city(folder: Path) -> Path:
    """Write the city folder (city.toml and two GeoJSON files); returns the folder."""
    from pyproj import Transformer

    folder.mkdir(parents=True, exist_ok=True)
    areas = gpd.GeoDataFrame(
        {"name": ["Park", "Square"]},
        geometry=[
            shapely.box(X0 + 100, Y0 + 100, X0 + 350, Y0 + 350),
            shapely.box(X0 + 450, Y0 + 450, X0 + 700, Y0 + 700),
        ],
        crs=CRS,
    )
    areas.to_file(folder / "areas.geojson", driver="GeoJSON")
    lines = [shapely.LineString([(X0, Y0 + v), (X0 + SIZE, Y0 + v)]) for v in (0, 400, 800)]
    lines += [shapely.LineString([(X0 + v, Y0), (X0 + v, Y0 + SIZE)]) for v in (0, 400, 800)]
    gpd.GeoDataFrame({"lanes": [2] * len(lines)}, geometry=lines, crs=CRS).to_file(
        folder / "streets.geojson", driver="GeoJSON"
    )
    to_lonlat = Transformer.from_crs(CRS, "EPSG:4326", always_xy=True)
    lon, lat = to_lonlat.transform([X0 - 50, X0 + SIZE + 50], [Y0 - 50, Y0 + SIZE + 50])
    bbox = ", ".join(f"{v:.6f}" for v in (min(lon), min(lat), max(lon), max(lat)))
    (folder / "city.toml").write_text(
        f"""[city]
name = "workshop-town"
title = "Workshop town"
crs = "{CRS}"
bbox = [{bbox}]
attribution = ["Made up for the tests"]

[[layers]]
id = "areas"
kind = "vector"
source = "areas.geojson"
title = "Park and square"
style = "green"

[[layers]]
id = "streets"
kind = "vector"
source = "streets.geojson"
title = "Streets"
""",
        encoding="utf-8",
    )
    return folder
