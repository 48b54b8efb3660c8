"""SDG 11.7.1(b): the share of people within a short walk of open public space.

A person is served when the walk along the streets from home to the
*edge* of a park, garden, playground or other open public space is at most
400 m (inclusive).  Spaces are reached at their edges, not their centroids:
points every ``boundary_spacing`` metres along each space's boundary are
snapped to the streets (those within ``max_snap_distance``) and all become
sources of one multi-source walk, each with its own distance to the street.
People living inside a space are served at distance 0.

Which polygons count is the ``kinds`` table (OSM ``leisure``/``landuse``
values kept in the green layer's ``kind`` column); grass verges, scrub and
sports pitches are out by default because they are not places to spend
time in.  A green layer without a ``kind`` column counts whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from twin_app.api import AnalysisContext, AnalysisOutput, PolygonLayer, _, format_number, network
from twin_plugins.transit_access import (
    buildings_by_distance,
    locate_people,
    network_layer,
    network_notes,
    optional_buildings,
    share_indicators,
)

if TYPE_CHECKING:
    import geopandas as gpd


def open_spaces(green: gpd.GeoDataFrame, kinds: dict[str, str], min_area_m2: float) -> gpd.GeoDataFrame:
    """The polygons that count as open public space (kinds set to 'yes', at least ``min_area_m2``)."""
    frame = green[green.geometry.geom_type.isin(["Polygon", "MultiPolygon"])]
    if "kind" in frame:
        wanted = [k for k, v in kinds.items() if v == "yes"]
        frame = frame[frame["kind"].astype(str).isin(wanted)]
    if min_area_m2 > 0:
        frame = frame[frame.geometry.area >= min_area_m2]
    return frame.reset_index(drop=True)


def boundary_points(polygons: np.ndarray, spacing: float) -> tuple[np.ndarray, np.ndarray]:
    """Points every ``spacing`` metres along every ring of each polygon, and the polygon each belongs to.

    Each ring gets at least one point (its start) and its points are spread
    evenly, so the largest gap is at most ``spacing``.
    """
    import shapely

    rings_parent: list[int] = []
    rings: list[Any] = []
    for i, geom in enumerate(polygons):
        for part in shapely.get_parts(shapely.boundary(geom)):
            rings.append(part)
            rings_parent.append(i)
    if not rings:
        return np.zeros((0, 2)), np.zeros(0, dtype=np.int64)
    ring_arr = np.asarray(rings, dtype=object)
    length = shapely.length(ring_arr)
    count = np.maximum(1, np.ceil(length / spacing).astype(np.int64))
    which = np.repeat(np.arange(len(ring_arr)), count)
    first = np.repeat(np.cumsum(count) - count, count)
    step = np.repeat(length / count, count)
    at = (np.arange(len(which)) - first) * step
    pts = shapely.line_interpolate_point(ring_arr[which], at)
    return shapely.get_coordinates(pts), np.asarray(rings_parent, dtype=np.int64)[which]


def run(ctx: AnalysisContext) -> AnalysisOutput:
    import geopandas as gpd

    p = ctx.params
    fb = ctx.feedback
    limit = float(p["distance"])
    spacing = float(p["boundary_spacing"])
    max_snap = float(p["max_snap_distance"])

    fb.progress(0.05, _("Building the street graph"))
    graph = network.StreetGraph.from_layer(network_layer(ctx, "network"))
    green_layer = ctx.layer(p["green"], PolygonLayer)
    buildings = optional_buildings(ctx, "buildings")
    districts = ctx.districts(p["districts"])
    names = [str(n) for n in districts["district"]]

    fb.progress(0.15, _("Open spaces and their edges"))
    spaces = open_spaces(green_layer.frame, p["kinds"], float(p["min_area"]))
    xy, owner = boundary_points(spaces.geometry.to_numpy(), spacing)
    snapped = graph.snap(xy, max_snap, main_only=True)
    sources = snapped.subset(snapped.snapped)
    reached = np.unique(owner[snapped.snapped])

    fb.check_cancelled()
    fb.progress(0.35, _("Placing people at their homes"))
    people = locate_people(ctx, graph, p["population"], p.get("buildings"), districts)

    fb.progress(0.55, _("Walking distances"))
    nodes, walk = graph.point_distance_from(sources, people.snapped)
    inside = np.zeros(len(people.points), dtype=bool)
    if len(spaces) and len(people.points):
        hits = gpd.GeoDataFrame(geometry=people.points.geometry.to_numpy(), crs=people.points.crs).sjoin(
            gpd.GeoDataFrame(geometry=spaces.geometry.to_numpy(), crs=spaces.crs), predicate="within"
        )
        inside[np.unique(hits.index.to_numpy(dtype=np.int64))] = True
    walk = np.where(inside, 0.0, walk)
    served = walk <= limit + network.TOLERANCE_M

    fb.progress(0.8, _("Indicators and layers"))
    indicators = share_indicators(people.points, served, names)
    layers: list[Any] = []
    if buildings is not None:
        layer = buildings_by_distance(
            graph,
            buildings,
            nodes,
            sources,
            column="walk_to_green_m",
            threshold=limit,
            layer_id="walk_to_green",
            title=_("Walk to the nearest open public space (m)"),
        )
        reps = gpd.GeoDataFrame(geometry=layer.frame.geometry.representative_point(), crs=layer.crs)
        in_space = reps.sjoin(
            gpd.GeoDataFrame(geometry=spaces.geometry.to_numpy(), crs=spaces.crs), predicate="within"
        )
        rows = np.unique(in_space.index.to_numpy())
        layer.frame.loc[rows, "walk_to_green_m"] = 0.0
        layer.frame.loc[rows, "within_threshold"] = 1
        layers.append(layer)
    snap_d = snapped.distance[snapped.snapped]
    notes: dict[str, Any] = {
        "open spaces": len(spaces),
        "open spaces reached from the streets": len(reached),
        "kinds counted": sorted(k for k, v in p["kinds"].items() if v == "yes"),
        "boundary points": len(xy),
        "boundary points snapped": int(snapped.snapped.sum()),
        "boundary points unsnapped (dropped)": int(snapped.unsnapped.sum()),
        "boundary snapping distance max (m)": round(float(np.max(snap_d, initial=0.0)), 1),
        "boundary snapping distance mean (m)": round(float(np.mean(snap_d)), 1) if len(snap_d) else 0.0,
        "boundary snapping limit (m; homes have none)": max_snap,
        "boundary spacing (m)": spacing,
        "threshold": _("{distance} m walking to the edge of an open space (inclusive)").format(
            distance=format_number(limit)
        ),
        "people living inside an open space (served at 0 m)": round(
            float(people.points["population"].to_numpy()[inside].sum()), 1
        ),
    }
    notes.update(people.notes)
    notes.update(network_notes(graph, people))
    fb.progress(1.0, _("Done"))
    return AnalysisOutput(indicators=indicators, layers=layers, notes=notes)
