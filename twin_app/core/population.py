"""Population grids to people at addresses: one dasymetric allocation for every analysis.

A 250 m population cell is too coarse for a 400–500 m walking threshold:
its centre can be a park while its people live in the blocks at its edge.
So each cell's head count is spread over the residential floor area inside
it, and analyses measure from each building.  This module is the *only*
place where people are placed: transit access, green-space access, heat
exposure and ``twin-app info`` all read the same :class:`Allocation`
(through ``AnalysisContext.people`` / ``CityModel.people``), so a district
has one population wherever it appears.  The method, with its sources, is
docs/methodology/population.md.

Rules (each a stated choice, reported in the analyses' notes):

* **Extent.**  Only the part of a cell inside the city's extent counts: a
  cell half outside the extract brings half its people (area-weighted clip),
  because the buildings and streets beyond the extent are not in the city
  and people put at its edge would be invented.  The total allocated is
  therefore Σ pᵢ · area(cellᵢ ∩ extent) / area(cellᵢ), exactly.
* **Receivers.**  A building belongs to the cell that contains its
  representative point (a point guaranteed inside the footprint), and
  receives people only when that point lies inside cell ∩ extent; so it is
  counted once.
* **Weight** = footprint area × storeys.  Storeys come from ``levels``; when
  it is missing, from ``height_m`` / ``storey_height_m`` (at least 1).
* **Tiers**, per cell: buildings tagged as dwellings
  (:data:`RESIDENTIAL_TAGS`) take the cell's people; a populated cell with
  none of those gives them to its untagged buildings (``building=yes``,
  :data:`FALLBACK_TAGS`, the usual tag of mixed-use city blocks).
* **Area fallback.**  A populated cell with neither keeps its people spread
  evenly over its area: it is cut into pieces, cell ∩ extent ∩ each
  district (and the rest, outside every district), each piece carrying the
  share of the cell's area it covers, placed at its representative point.
  District totals are then the area-weighted split of such cells.
* **Districts.**  A building's people belong to the district containing its
  representative point (the first listed, on a shared border); people in
  no district are reported as "outside every district", never annexed.
* **Several counts, one placement.**  The shares depend only on geometry and
  tags, so every count column of the grid (total, age groups) is placed
  with the same weights: the 70+ residents of a cell live where its other
  residents do.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

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
METHOD_CELL = "cell area"
#: how people in no district are named in notes and ``info``
OUTSIDE_DISTRICTS = "outside every district"


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


@dataclass(frozen=True, eq=False)
class Allocation:
    """Where a population grid's people live: receivers, each holding a share of one cell.

    ``points`` (a GeoDataFrame in the grid's CRS) has one row per receiver:
    ``cell`` (row of the grid), ``building`` (row of the buildings, -1 for a
    piece of a cell spread by area), ``method``, ``district`` (None: outside
    every district), ``share`` (the fraction of the cell's counts living
    there) and a point geometry (the building's or piece's representative
    point).  ``places`` holds, per row, the polygon those people live in
    (footprint or piece of cell), for statistics of where people live.

    Any count column of the grid is placed with the same shares
    (:meth:`people`), so the age groups follow the total.
    """

    points: gpd.GeoDataFrame
    places: np.ndarray
    cells: gpd.GeoDataFrame
    #: the head-count column (the default of every method)
    column: str
    #: per cell: the share of its area inside the city's extent (1 everywhere without an extent)
    inside: np.ndarray
    district_names: tuple[str, ...] = ()
    #: False when the allocation counted whole cells (no extent given)
    clipped: bool = True

    def cell_counts(self, column: str | None = None) -> np.ndarray:
        """A count column per cell, as numbers (unreadable or negative: 0)."""
        return cell_counts(self.cells, column or self.column)

    def people(self, column: str | None = None) -> np.ndarray:
        """People of ``column`` (default: the head count) at each receiver."""
        counts = self.cell_counts(column)
        cells = self.points["cell"].to_numpy(dtype=np.int64)
        return np.asarray(counts[cells] * self.points["share"].to_numpy(dtype=float), dtype=float)

    def total_in_grid(self, column: str | None = None) -> float:
        """Everyone in the grid, whole cells, wherever they lie."""
        return float(self.cell_counts(column).sum())

    def total_in_extent(self, column: str | None = None) -> float:
        """The area-weighted clip: Σ count × share of the cell inside the extent (what is allocated)."""
        return float((self.cell_counts(column) * self.inside).sum())

    def by_district(self, column: str | None = None) -> dict[str, float]:
        """People per district (every district, 0 where nobody lives)."""
        people = self.people(column)
        where = self.points["district"].to_numpy()
        out = dict.fromkeys(self.district_names, 0.0)
        for name in self.district_names:
            out[name] = float(people[where == name].sum())
        return out

    def outside_districts(self, column: str | None = None) -> float:
        """People inside the extent but in no district (reported, never annexed)."""
        people = self.people(column)
        return float(people[_missing(self.points["district"].to_numpy())].sum())

    def frame(self, columns: Collection[str] = ()) -> gpd.GeoDataFrame:
        """``points`` with the people of the head count (as ``population``) and of ``columns``."""
        out = self.points.copy()
        out["population"] = self.people()
        for col in columns:
            out[col] = self.people(col)
        return out

    def summary(self) -> dict[str, Any]:
        """People and receivers per method, and the totals (for an analysis's notes)."""
        people = self.people()
        methods = self.points["method"].to_numpy()
        out: dict[str, Any] = {
            "population in grid (whole cells)": round(self.total_in_grid(), 1),
            "population inside the city's extent (area-weighted)": round(self.total_in_extent(), 1),
        }
        if self.district_names:
            out[f"population {OUTSIDE_DISTRICTS}"] = round(self.outside_districts(), 1)
        for method in (METHOD_RESIDENTIAL, METHOD_FALLBACK, METHOD_CELL):
            rows = methods == method
            out[f"points ({method})"] = int(rows.sum())
            out[f"people ({method})"] = round(float(people[rows].sum()), 1)
        return out


def _missing(values: np.ndarray) -> np.ndarray:
    """True where a district is missing (None or NaN)."""
    import pandas as pd

    return np.asarray(pd.isna(values), dtype=bool)


def cell_counts(cells: gpd.GeoDataFrame, column: str) -> np.ndarray:
    """A count column as floats, unreadable or negative values counted as 0."""
    import pandas as pd

    if column not in cells:
        from twin_app.core.errors import MissingLayerError

        others = ", ".join(str(c) for c in cells.columns if c != cells.geometry.name)
        from twin_app.core.i18n import _

        raise MissingLayerError(
            _(
                "The population grid has no count column '{column}' (it has: {others}). Choose the grid's "
                'head-count column when importing it (--population-column, or column = "..." in city.toml).'
            ).format(column=column, others=others)
        )
    values = pd.to_numeric(cells[column], errors="coerce").to_numpy(dtype=float)
    return np.where(np.isfinite(values) & (values > 0), values, 0.0)


def clip_to_extent(geoms: np.ndarray, extent: Any | None) -> tuple[np.ndarray, np.ndarray]:
    """Each cell ∩ extent, and the share of each cell's area it keeps.

    A degenerate cell (no area) is kept whole when it touches the extent, so
    a grid of points-as-cells still counts its people.
    """
    import shapely

    area = shapely.area(geoms)
    if extent is None:
        return geoms, np.ones(len(geoms))
    shapely.prepare(extent)
    within = shapely.within(geoms, extent)
    hit = shapely.intersects(geoms, extent)
    clipped = np.array(geoms, dtype=object)
    partial = hit & ~within
    if partial.any():
        clipped[partial] = shapely.intersection(geoms[partial], extent)
    clipped[~hit] = shapely.Polygon()
    with np.errstate(invalid="ignore", divide="ignore"):
        inside = np.where(area > 0, shapely.area(clipped) / np.where(area > 0, area, 1.0), hit.astype(float))
    inside = np.where(within, 1.0, np.clip(inside, 0.0, 1.0))
    return clipped, inside


def allocate(
    cells: gpd.GeoDataFrame,
    buildings: gpd.GeoDataFrame | None,
    *,
    column: str = "population",
    extent: Any | None = None,
    districts: gpd.GeoDataFrame | None = None,
    storey_height_m: float = 3.0,
    residential: Collection[str] = RESIDENTIAL_TAGS,
    fallback: Collection[str] = FALLBACK_TAGS,
    tag_column: str = "building",
) -> Allocation:
    """Place the people of ``cells`` (see the module's rules); ``extent`` is a polygon in their CRS.

    ``districts`` (optional) has a ``district`` name column and polygons;
    without it every receiver's district is None.  Which cells count as
    populated is judged on ``column``; every count column then follows the
    same shares.
    """
    import geopandas as gpd
    import pandas as pd
    import shapely

    geoms = np.asarray(cells.geometry.to_numpy(), dtype=object)
    area = shapely.area(geoms)
    clipped, inside = clip_to_extent(geoms, extent)
    counts = cell_counts(cells, column)
    populated = (counts > 0) & (inside > 0)
    names: tuple[str, ...] = ()
    d_geoms = np.zeros(0, dtype=object)
    if districts is not None and len(districts):
        names = tuple(str(n) for n in districts["district"])
        d_geoms = np.asarray(districts.geometry.to_numpy(), dtype=object)

    rows: list[pd.DataFrame] = []
    places: list[np.ndarray] = []
    covered = np.zeros(len(cells), dtype=bool)
    if buildings is not None and len(buildings) and populated.any():
        tags = (
            buildings[tag_column].astype(str).to_numpy()
            if tag_column in buildings
            else np.full(len(buildings), "yes", dtype=object)
        )
        tier = np.where(np.isin(tags, list(residential)), 1, np.where(np.isin(tags, list(fallback)), 2, 0))
        weight = building_weights(buildings, storey_height_m)
        footprints = np.asarray(buildings.geometry.to_numpy(), dtype=object)
        reps = shapely.point_on_surface(footprints)
        candidates = np.flatnonzero(populated)
        tree = shapely.STRtree(clipped[candidates])
        b_idx, t_idx = tree.query(reps, predicate="intersects")
        c_idx = candidates[t_idx]
        # a point on a shared cell edge touches two cells: it belongs to the first
        order = np.lexsort((c_idx, b_idx))
        b_idx, c_idx = b_idx[order], c_idx[order]
        first = np.ones(len(b_idx), dtype=bool)
        first[1:] = b_idx[1:] != b_idx[:-1]
        frame = pd.DataFrame(
            {
                "building": b_idx[first],
                "cell": c_idx[first],
                "tier": tier[b_idx[first]],
                "weight": weight[b_idx[first]],
            }
        )
        frame = frame[frame["tier"] > 0]
        # per cell, only the best tier present receives people
        frame = frame[frame["tier"] == frame.groupby("cell")["tier"].transform("min")].copy()
        # footprints of zero area still count (as one unit of weight each, equally)
        zero = frame.groupby("cell")["weight"].transform("sum") <= 0
        frame.loc[zero, "weight"] = 1.0
        total = frame.groupby("cell")["weight"].transform("sum")
        cell_rows = frame["cell"].to_numpy(dtype=np.int64)
        frame["share"] = inside[cell_rows] * frame["weight"].to_numpy() / total.to_numpy()
        frame["method"] = np.where(frame["tier"] == 1, METHOD_RESIDENTIAL, METHOD_FALLBACK)
        b_rows = frame["building"].to_numpy(dtype=np.int64)
        frame["geometry"] = reps[b_rows]
        frame["district"] = None
        covered[cell_rows] = True
        rows.append(frame[["cell", "building", "method", "district", "share", "geometry"]])
        places.append(footprints[b_rows])
        if len(names):
            frame_d = attribute_to_districts(
                gpd.GeoDataFrame(geometry=reps[b_rows], crs=cells.crs),
                gpd.GeoDataFrame({"district": names}, geometry=d_geoms, crs=cells.crs),
            )
            rows[-1] = rows[-1].assign(district=frame_d)

    rest = np.flatnonzero(populated & ~covered)
    piece_cell, piece_geom, piece_share, piece_district = _pieces(rest, clipped, area, inside, d_geoms, names)
    rows.append(
        pd.DataFrame(
            {
                "cell": piece_cell,
                "building": np.full(len(piece_cell), -1, dtype=np.int64),
                "method": METHOD_CELL,
                "district": piece_district,
                "share": piece_share,
                "geometry": shapely.point_on_surface(piece_geom) if len(piece_geom) else [],
            }
        )
    )
    places.append(piece_geom)
    out = pd.concat(rows, ignore_index=True)
    out["cell"] = out["cell"].astype(np.int64)
    out["building"] = out["building"].astype(np.int64)
    out["district"] = out["district"].astype(object).where(out["district"].notna(), None)
    return Allocation(
        points=gpd.GeoDataFrame(out, geometry="geometry", crs=cells.crs),
        places=np.concatenate(places) if places else np.zeros(0, dtype=object),
        cells=cells,
        column=column,
        inside=inside,
        district_names=names,
        clipped=extent is not None,
    )


def _pieces(
    rest: np.ndarray,
    clipped: np.ndarray,
    area: np.ndarray,
    inside: np.ndarray,
    d_geoms: np.ndarray,
    names: tuple[str, ...],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Cells without a receiving building, cut into cell ∩ extent ∩ district (and the rest outside them all).

    Returns per piece: its cell, polygon, share of the cell's counts
    (its area / the whole cell's area) and district (None outside them all).
    Districts that overlap are not double-counted: the pieces of a cell are
    scaled to the share of the cell inside the extent.
    """
    import shapely

    empty = np.zeros(0, dtype=object)
    if len(rest) == 0:
        return np.zeros(0, dtype=np.int64), empty, np.zeros(0), empty
    geoms = clipped[rest]
    if len(names) == 0:
        return rest.astype(np.int64), geoms, inside[rest], np.full(len(rest), None, dtype=object)
    tree = shapely.STRtree(d_geoms)
    i, j = tree.query(geoms, predicate="intersects")
    inter = shapely.intersection(geoms[i], d_geoms[j]) if len(i) else empty
    # keep only polygonal parts with area (a shared edge is no piece)
    inter_area = shapely.area(inter) if len(i) else np.zeros(0)
    keep = inter_area > 0
    i, j, inter, inter_area = i[keep], j[keep], inter[keep], inter_area[keep]
    own = shapely.area(geoms)
    in_districts = np.bincount(i, weights=inter_area, minlength=len(rest))
    # overlapping districts: scale so a cell's pieces never exceed its clipped area
    scale = np.where(in_districts > own, own / np.where(in_districts > 0, in_districts, 1.0), 1.0)
    cell_area = np.where(area[rest] > 0, area[rest], 1.0)
    cells_out = [rest[i]]
    geoms_out = [inter]
    shares = [inter_area * scale[i] / cell_area[i]]
    districts_out = [np.asarray([names[k] for k in j], dtype=object)]
    # what lies in no district: the difference with the districts it touches
    left = own - np.minimum(in_districts, own)
    for k in np.flatnonzero((left > 1e-6 * np.maximum(own, 1.0)) | ((own == 0) & (in_districts == 0))):
        touching = d_geoms[j[i == k]]
        piece = shapely.difference(geoms[k], shapely.union_all(touching)) if len(touching) else geoms[k]
        if shapely.is_empty(piece):
            continue
        cells_out.append(np.array([rest[k]]))
        geoms_out.append(np.array([piece], dtype=object))
        share = shapely.area(piece) / cell_area[k] if area[rest[k]] > 0 else inside[rest[k]]
        shares.append(np.array([share]))
        districts_out.append(np.array([None], dtype=object))
    return (
        np.concatenate(cells_out).astype(np.int64),
        np.concatenate(geoms_out),
        np.concatenate(shares).astype(float),
        np.concatenate(districts_out),
    )


def allocate_population(
    cells: gpd.GeoDataFrame,
    buildings: gpd.GeoDataFrame | None,
    *,
    column: str = "population",
    storey_height_m: float = 3.0,
    residential: Collection[str] = RESIDENTIAL_TAGS,
    fallback: Collection[str] = FALLBACK_TAGS,
    tag_column: str = "building",
    extent: Any | None = None,
) -> gpd.GeoDataFrame:
    """Points carrying people (:func:`allocate`'s receivers with a ``population`` column)."""
    return allocate(
        cells,
        buildings,
        column=column,
        extent=extent,
        storey_height_m=storey_height_m,
        residential=residential,
        fallback=fallback,
        tag_column=tag_column,
    ).frame()


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
    "OUTSIDE_DISTRICTS",
    "RESIDENTIAL_TAGS",
    "Allocation",
    "allocate",
    "allocate_population",
    "attribute_to_districts",
    "building_weights",
    "cell_counts",
    "clip_to_extent",
    "summarise",
]
