"""Population grids to people at addresses: dasymetric allocation to residential buildings.

A 250 m population cell is too coarse for a 400–500 m walking threshold:
its centre can be a park while its people live in the blocks at its edge.
Accessibility analyses therefore spread each cell's head count over the
residential floor area inside it, and measure the walk from each building.

Rules (each a stated choice, reported in the analyses' notes):

* A building belongs to the cell that contains its representative point
  (a point guaranteed inside the footprint), so it is counted once.
* Weight = footprint area × storeys.  Storeys come from ``levels``; when it
  is missing, from ``height_m`` / ``storey_height_m`` (at least 1).
* Tiers, per cell: buildings tagged as dwellings (:data:`RESIDENTIAL_TAGS`)
  take the cell's people; a populated cell with none of those gives them to
  its untagged buildings (``building=yes``, :data:`FALLBACK_TAGS`, the usual
  tag of mixed-use city blocks); a populated cell with neither puts them on
  its representative point as one pseudo-building, so the total is kept.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import geopandas as gpd

#: OSM ``building`` values that are homes
RESIDENTIAL_TAGS: frozenset[str] = frozenset(
    {
        "residential",
        "apartments",
        "house",
        "detached",
        "semidetached_house",
        "terrace",
        "dormitory",
        "bungalow",
        "cabin",
        "farm",
        "static_caravan",
        "houseboat",
    }
)
#: OSM ``building`` values used only where a populated cell has no tagged home
FALLBACK_TAGS: frozenset[str] = frozenset({"yes"})

#: the ``method`` of each allocated point
METHOD_RESIDENTIAL = "residential"
METHOD_FALLBACK = "untagged building"
METHOD_CELL = "cell point"


def building_weights(buildings: gpd.GeoDataFrame, storey_height_m: float = 3.0) -> np.ndarray:
    """Floor area (m²) per building: footprint × storeys (``levels``, else height / storey height)."""
    import pandas as pd

    area = buildings.geometry.area.to_numpy(dtype=float)
    levels = (
        pd.to_numeric(buildings["levels"], errors="coerce").to_numpy(dtype=float)
        if "levels" in buildings
        else np.full(len(buildings), np.nan)
    )
    if "height_m" in buildings:
        height = pd.to_numeric(buildings["height_m"], errors="coerce").to_numpy(dtype=float)
        from_height = height / storey_height_m
        levels = np.where(np.isfinite(levels) & (levels > 0), levels, from_height)
    levels = np.where(np.isfinite(levels), np.maximum(levels, 1.0), 1.0)
    return np.asarray(area * levels, dtype=float)


def allocate_population(
    cells: gpd.GeoDataFrame,
    buildings: gpd.GeoDataFrame | None,
    *,
    column: str = "population",
    storey_height_m: float = 3.0,
    residential: Collection[str] = RESIDENTIAL_TAGS,
    fallback: Collection[str] = FALLBACK_TAGS,
    tag_column: str = "building",
) -> gpd.GeoDataFrame:
    """Points carrying people: one per receiving building, one per cell without one.

    Returns a GeoDataFrame (the cells' CRS) with columns ``population``,
    ``cell`` (row position in ``cells``), ``building`` (row position in
    ``buildings``, -1 for a cell's pseudo-building), ``method`` and a point
    geometry (the building's or cell's representative point).  Its
    ``population`` sums to the cells' total (up to float rounding); cells
    with no people produce no points.
    """
    import geopandas as gpd
    import pandas as pd

    counts = pd.to_numeric(cells[column], errors="coerce").fillna(0.0).clip(lower=0.0).to_numpy(dtype=float)
    cell_points = cells.geometry.representative_point().to_numpy()
    parts: list[pd.DataFrame] = []
    covered = np.zeros(len(cells), dtype=bool)
    if buildings is not None and len(buildings):
        tags = (
            buildings[tag_column].astype(str).to_numpy()
            if tag_column in buildings
            else np.full(len(buildings), "yes", dtype=object)
        )
        tier = np.where(np.isin(tags, list(residential)), 1, np.where(np.isin(tags, list(fallback)), 2, 0))
        weight = building_weights(buildings, storey_height_m)
        reps = buildings.geometry.representative_point()
        within = gpd.GeoDataFrame(geometry=reps.to_numpy(), crs=cells.crs).sjoin(
            gpd.GeoDataFrame(geometry=cells.geometry.to_numpy(), crs=cells.crs),
            predicate="within",
            how="inner",
        )
        # a point on a shared cell edge matches two cells: keep the first
        within = within[~within.index.duplicated(keep="first")]
        b_idx = within.index.to_numpy(dtype=np.int64)
        c_idx = within["index_right"].to_numpy(dtype=np.int64)
        frame = pd.DataFrame({"building": b_idx, "cell": c_idx, "tier": tier[b_idx], "weight": weight[b_idx]})
        frame = frame[(frame["tier"] > 0) & (counts[frame["cell"].to_numpy()] > 0)]
        # per cell, only the best tier present receives people
        best = frame.groupby("cell")["tier"].transform("min")
        frame = frame[frame["tier"] == best].copy()
        # footprints of zero area still count (as one unit of weight each, equally)
        zero = frame.groupby("cell")["weight"].transform("sum") <= 0
        frame.loc[zero, "weight"] = 1.0
        total = frame.groupby("cell")["weight"].transform("sum")
        frame["population"] = counts[frame["cell"].to_numpy()] * frame["weight"] / total
        frame["method"] = np.where(frame["tier"] == 1, METHOD_RESIDENTIAL, METHOD_FALLBACK)
        frame["geometry"] = reps.to_numpy()[frame["building"].to_numpy()]
        covered[frame["cell"].unique()] = True
        parts.append(frame[["population", "cell", "building", "method", "geometry"]])
    rest = np.flatnonzero((counts > 0) & ~covered)
    parts.append(
        pd.DataFrame(
            {
                "population": counts[rest],
                "cell": rest.astype(np.int64),
                "building": np.full(len(rest), -1, dtype=np.int64),
                "method": METHOD_CELL,
                "geometry": cell_points[rest],
            }
        )
    )
    out = pd.concat(parts, ignore_index=True)
    return gpd.GeoDataFrame(out, geometry="geometry", crs=cells.crs)


def attribute_to_districts(points: gpd.GeoDataFrame, districts: gpd.GeoDataFrame) -> np.ndarray:
    """The ``district`` of each point (point in polygon; None outside them all).

    A point on a shared border belongs to the first district listed, so
    nobody is counted twice and district totals add up to the city's.
    """
    out = np.full(len(points), None, dtype=object)
    if len(points) == 0 or len(districts) == 0:
        return out
    import geopandas as gpd

    left = gpd.GeoDataFrame(geometry=points.geometry.to_numpy(), crs=points.crs)
    right = gpd.GeoDataFrame(
        {"district": districts["district"].to_numpy()},
        geometry=districts.geometry.to_numpy(),
        crs=districts.crs,
    )
    hits = left.sjoin(right, predicate="intersects", how="inner").sort_values("index_right", kind="stable")
    hits = hits[~hits.index.duplicated(keep="first")]
    out[hits.index.to_numpy(dtype=np.int64)] = hits["district"].to_numpy()
    return out


def summarise(points: gpd.GeoDataFrame) -> dict[str, float | int]:
    """People and points per allocation method (for an analysis's notes)."""
    out: dict[str, float | int] = {}
    for method in (METHOD_RESIDENTIAL, METHOD_FALLBACK, METHOD_CELL):
        rows = points["method"] == method
        out[f"points ({method})"] = int(rows.sum())
        out[f"people ({method})"] = round(float(points.loc[rows, "population"].sum()), 1)
    return out


__all__ = [
    "FALLBACK_TAGS",
    "METHOD_CELL",
    "METHOD_FALLBACK",
    "METHOD_RESIDENTIAL",
    "RESIDENTIAL_TAGS",
    "allocate_population",
    "attribute_to_districts",
    "building_weights",
    "summarise",
]
