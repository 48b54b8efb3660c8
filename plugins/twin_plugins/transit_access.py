"""SDG 11.2.1: the share of people who can walk to public transport.

UN-Habitat's method: a person is served when a low-capacity stop (bus,
tram) is within 500 m, or a high-capacity stop (rail, metro, ferry) within
1 km, *walking along the street network*; the indicator is weighted by
population.  Here:

* People are placed at their homes: the population grid is allocated to
  residential floor area (``twin_app.api.population``), and each home is
  joined to the street it is nearest to; that walk counts.
* Stops are snapped to their nearest street within ``max_snap_distance``;
  stops farther away are dropped and reported.
* A stop served by any high-capacity mode uses the long threshold; every
  qualifying stop counts at the short one.  Thresholds are inclusive.
* An optional frequency filter (a local choice the UN metadata allows)
  keeps only stops with enough departures per hour in a service window,
  counted from the stops layer's timetable (``twin_app.api.departures_per_hour``).
  Stops mapped in OpenStreetMap have no timetable, so the filter needs
  stops from a GTFS feed.
* The stops come from a stops layer (GTFS or OpenStreetMap); the notes say which.

The shared pieces (people, districts, indicators, coloured buildings) are
also used by the green-space analysis.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from twin_app.api import (
    AnalysisContext,
    AnalysisOutput,
    AnalysisResult,
    BuildingsLayer,
    Change,
    Indicator,
    NetworkLayer,
    PolygonLayer,
    StopsLayer,
    TimeWindow,
    TwinError,
    _,
    departures_per_hour,
    format_number,
    incremental,
    mode_name,
    network,
    ngettext,
    population,
)

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

LOW, HIGH = "low", "high"
#: metres either side of a reachable street drawn as the service area
SERVICE_AREA_BUFFER_M = 25.0

DEFINITIONS = {
    "population": "Residents of the district (population grid allocated to residential buildings).",
    "population_served": "Residents within the walking threshold of the nearest qualifying stop or space.",
    "share_served": "population_served / population (0–1).",
}


# -- shared with green_space_access ------------------------------------------------------


@dataclass
class People:
    """Where the people of the selected districts live, placed on the network."""

    points: gpd.GeoDataFrame  # population, cell, building, method, district, geometry
    snapped: network.Snapped
    notes: dict[str, Any] = field(default_factory=dict)


def locate_people(
    ctx: AnalysisContext,
    graph: network.StreetGraph,
    population_id: str,
    buildings_id: str | None,
    districts: gpd.GeoDataFrame,
) -> People:
    """The city's one allocation of people, kept in the selected districts, snapped to the streets (no limit).

    People are placed by core (``ctx.people``: the grid clipped to the
    city's extent, spread over residential floor area), the same people
    every analysis counts.  They are never dropped for being far from a
    street: their straight walk to it is added to the network distance
    instead, which can only make them less likely to count as served.
    """
    allocation = ctx.people(population_id, buildings_id)
    points = allocation.frame()
    inside = points[points["district"].isin(list(districts["district"]))].reset_index(drop=True)
    xy = np.column_stack([inside.geometry.x.to_numpy(), inside.geometry.y.to_numpy()])
    snapped = graph.snap(xy, main_only=True)
    notes: dict[str, Any] = {
        "population allocation": _(
            "grid cells, clipped to the city's extent, to the residential floor area (footprint × storeys) "
            "of buildings tagged as homes; cells without any to untagged buildings (building=yes); cells "
            "without either spread by area over their pieces in each district "
            "(docs/methodology/population.md)"
        ),
        **allocation.summary(),
        "population in selected districts": round(float(inside["population"].sum()), 1),
        "home snapping distance max (m)": _round(np.max(snapped.distance, initial=0.0)),
        "home snapping distance mean (m)": _round(float(np.mean(snapped.distance)) if len(snapped) else 0.0),
    }
    notes.update(population.summarise(inside))
    return People(inside, snapped, notes)


def network_notes(graph: network.StreetGraph, people: People) -> dict[str, Any]:
    """Who was joined to the streets somewhere other than the main network, for the notes.

    People on another component reach only what lies on their own piece of
    network; people whose nearest street is a fragment were joined to the
    main network farther away (their longer walk is counted).
    """
    weight = people.points["population"].to_numpy(dtype=float)
    xy = np.column_stack([people.points.geometry.x.to_numpy(), people.points.geometry.y.to_numpy()])
    other = graph.off_main(people.snapped)
    moved = graph.nearest_in_fragment(xy)
    return {
        "homes on a street component other than the main one": int(other.sum()),
        "people on a street component other than the main one": round(float(weight[other].sum()), 1),
        "homes nearest a cut-off street fragment (joined to the main network)": int(moved.sum()),
        "people nearest a cut-off street fragment (joined to the main network)": round(
            float(weight[moved].sum()), 1
        ),
        "street edges not joined from the side (tunnels, indoor)": int((~graph.edge_at_grade).sum()),
    }


def share_indicators(
    points: gpd.GeoDataFrame, served: np.ndarray, district_names: Sequence[str]
) -> list[Indicator]:
    """population, population_served and share_served per district and for all of them (district None)."""
    people = points["population"].to_numpy(dtype=float)
    where = points["district"].to_numpy()
    out: list[Indicator] = []

    def add(name: str | None, rows: np.ndarray) -> None:
        total = float(people[rows].sum())
        ok = float(people[rows & served].sum())
        share = ok / total if total > 0 else None
        out.append(Indicator("population", total, "people", name, DEFINITIONS["population"]))
        out.append(Indicator("population_served", ok, "people", name, DEFINITIONS["population_served"]))
        out.append(Indicator("share_served", share, "ratio", name, DEFINITIONS["share_served"]))

    for name in district_names:
        add(name, where == name)
    add(None, np.isin(where, list(district_names)))
    return out


def buildings_by_distance(
    graph: network.StreetGraph,
    buildings: BuildingsLayer,
    node_distance: np.ndarray,
    sources: network.Snapped,
    *,
    column: str,
    threshold: float,
    layer_id: str,
    title: str,
    snapped: network.Snapped | None = None,
) -> BuildingsLayer:
    """A copy of the buildings coloured by the walk from each to the nearest source (NaN: none reachable).

    ``snapped``: the buildings already placed on the streets (:func:`snap_buildings`), kept by an
    incremental update so that a moved stop does not place every building again.
    """
    frame = buildings.frame.copy()
    if snapped is None:
        snapped = snap_buildings(graph, buildings)
    walk = graph.point_distance(node_distance, snapped, sources)
    frame[column] = np.where(np.isfinite(walk), walk, np.nan)
    frame["within_threshold"] = (walk <= threshold + network.TOLERANCE_M).astype(int)
    return BuildingsLayer(
        id=layer_id,
        title=title,
        crs=buildings.crs,
        source=None,
        style="buildings",
        frame=frame,
        value_column=column,
        units="m",
        quantities={column: "distance"},
        # drawn as the buildings' colouring (rows matched on the copied index)
        restyles=buildings.id,
        notes=[
            _("Walk along the streets to the nearest source; threshold {distance} m.").format(
                distance=format_number(threshold)
            )
        ],
    )


def snap_buildings(graph: network.StreetGraph, buildings: BuildingsLayer) -> network.Snapped:
    """Each building's representative point placed on the main street network."""
    reps = buildings.frame.geometry.representative_point()
    return graph.snap(np.column_stack([reps.x.to_numpy(), reps.y.to_numpy()]), main_only=True)


def network_layer(ctx: AnalysisContext, name: str) -> NetworkLayer:
    return ctx.layer(ctx.params[name], NetworkLayer)


def optional_buildings(ctx: AnalysisContext, name: str) -> BuildingsLayer | None:
    layer_id = ctx.params.get(name)
    if not layer_id:
        return None
    layer = ctx.layer(layer_id)
    return layer if isinstance(layer, BuildingsLayer) else None


def _round(value: float, digits: int = 1) -> float | None:
    value = float(value)
    return round(value, digits) if math.isfinite(value) else None


# -- stops and their service ---------------------------------------------------------------


def stop_modes(stops: gpd.GeoDataFrame) -> list[set[str]]:
    """The mode names serving each stop (the stops layer's ``modes``, else from ``route_types``)."""
    if "modes" in stops:
        return [{m.strip() for m in str(v).split(",") if m.strip()} for v in stops["modes"]]
    if "route_types" in stops:
        return [
            {mode_name(int(t)) for t in str(v).split(",") if t.strip().lstrip("-").isdigit()}
            for v in stops["route_types"]
        ]
    raise TwinError(
        _(
            "The stops layer says nothing about the modes serving its stops (no 'modes' column); "
            "choose a stops layer from a GTFS feed or from OpenStreetMap."
        )
    )


def classify_stops(
    stops: gpd.GeoDataFrame,
    capacity: Mapping[str, str],
    rates: pd.DataFrame | None,
    min_per_hour: float,
) -> tuple[np.ndarray, np.ndarray]:
    """(qualifies at the short threshold, qualifies at the long threshold) per stop.

    Without a frequency filter every served stop qualifies, and a stop with
    any high-capacity mode also at the long threshold.  With one, a stop
    needs ``min_per_hour`` departures of any mode for the short threshold
    and of high-capacity modes for the long one.
    """
    modes = stop_modes(stops)
    high = np.array([any(capacity.get(m, LOW) == HIGH for m in ms) for ms in modes], dtype=bool)
    served = np.array([bool(ms) for ms in modes], dtype=bool)
    if rates is None:
        return served, served & high
    ids = stops["stop_id"].astype(str)
    all_rate = rates["all"].reindex(ids).fillna(0.0).to_numpy()
    high_rate = rates[HIGH].reindex(ids).fillna(0.0).to_numpy()
    return all_rate >= min_per_hour, high_rate >= min_per_hour


#: side (m) of the square tiles the service areas are unioned in (see AreaTiles)
SERVICE_AREA_TILE_M = 200.0


@dataclass
class AreaTiles:
    """One service area kept as the union of each tile's buffered street stretches.

    Unioning tile by tile, then the tiles, is faster than one union of every
    stretch (1.5 s against 2.3 s on the Helsinki sample), and it is what
    lets an update redraw only the tiles whose streets' reach changed: a
    tile is a pure function of its edges' reach, so a redrawn tile, and the
    union of the tiles in key order, are the very geometry a full run makes.
    """

    #: per edge: the metres reached from its start and from its end, and whether it is reached whole
    reach: np.ndarray
    #: tile key -> union of the buffered reachable stretches of the edges whose middle lies in it
    tiles: dict[int, Any]
    area: Any


def _edge_tiles(graph: network.StreetGraph) -> np.ndarray:
    import shapely

    middle = shapely.line_interpolate_point(graph.edge_geometry, 0.5, normalized=True)
    tx = np.floor(shapely.get_x(middle) / SERVICE_AREA_TILE_M).astype(np.int64)
    ty = np.floor(shapely.get_y(middle) / SERVICE_AREA_TILE_M).astype(np.int64)
    return tx * (1 << 32) + ty


def _reach(graph: network.StreetGraph, node_distance: np.ndarray, threshold: float) -> np.ndarray:
    """Per edge (ru, rv, whole), as ``StreetGraph.reachable_parts`` decides them."""
    length = graph.edge_length
    du = node_distance[graph.edge_u]
    dv = node_distance[graph.edge_v]
    with np.errstate(invalid="ignore"):
        ru = np.clip(np.nan_to_num(threshold - du, nan=0.0, neginf=0.0), 0.0, length)
        rv = np.clip(np.nan_to_num(threshold - dv, nan=0.0, neginf=0.0), 0.0, length)
    whole = (ru + rv >= length) & ((ru > 0) | (rv > 0) | (length == 0) & np.isfinite(du))
    return np.column_stack([ru, rv, whole.astype(float)])


def _tile_area(graph: network.StreetGraph, reach: np.ndarray, edges: np.ndarray) -> Any:
    """The union of the buffered reachable stretches of ``edges`` (None when nothing is reached)."""
    import shapely
    from shapely.ops import substring

    parts: list[Any] = []
    geoms = graph.edge_geometry
    length = graph.edge_length
    for i in edges:
        ru, rv, whole = reach[i]
        if whole:
            parts.append(geoms[i])
            continue
        if ru <= 0 and rv <= 0:
            continue
        line = geoms[i]
        scale = line.length / length[i] if length[i] > 0 else 0.0
        if ru > 0:
            parts.append(substring(line, 0.0, ru * scale))
        if rv > 0:
            parts.append(substring(line, (length[i] - rv) * scale, line.length))
    lines = np.asarray(parts, dtype=object)
    lines = lines[~shapely.is_empty(lines)] if len(lines) else lines
    if not len(lines):
        return None
    # buffer each stretch, then union: buffering one huge multi-line is ~100× slower
    return shapely.union_all(shapely.buffer(lines, SERVICE_AREA_BUFFER_M, quad_segs=4))


def area_tiles(
    graph: network.StreetGraph,
    node_distance: np.ndarray,
    threshold: float,
    tile_of_edge: np.ndarray,
    previous: AreaTiles | None = None,
) -> AreaTiles:
    """The service area within ``threshold``; with ``previous``, only tiles whose edges' reach changed."""
    import shapely

    reach = _reach(graph, node_distance, threshold)
    if previous is None:
        dirty = np.unique(tile_of_edge)
        tiles: dict[int, Any] = {}
    else:
        changed = np.any(reach != previous.reach, axis=1)
        dirty = np.unique(tile_of_edge[changed])
        tiles = dict(previous.tiles)
    order = np.argsort(tile_of_edge, kind="stable")
    keys = tile_of_edge[order]
    for key in dirty:
        lo, hi = np.searchsorted(keys, key, side="left"), np.searchsorted(keys, key, side="right")
        area = _tile_area(graph, reach, np.sort(order[lo:hi]))
        if area is None:
            tiles.pop(int(key), None)
        else:
            tiles[int(key)] = area
    if previous is not None and len(dirty) == 0:
        return AreaTiles(reach, tiles, previous.area)
    parts = np.asarray([tiles[k] for k in sorted(tiles)], dtype=object)
    area = shapely.union_all(parts) if len(parts) else shapely.Polygon()
    return AreaTiles(reach, tiles, area)


def service_areas(
    graph: network.StreetGraph,
    fields: Iterable[tuple[str, float, np.ndarray, int]],
    crs: str,
    tiles: list[AreaTiles] | None = None,
    tile_of_edge: np.ndarray | None = None,
) -> PolygonLayer:
    """Streets within reach of the stops, buffered: one (multi)polygon per capacity class.

    ``tiles`` (one per field, filled in when empty) keeps each area by tile
    for the next update, which passes the same list back to redraw only the
    tiles around a moved stop.
    """
    import geopandas as gpd

    if tile_of_edge is None:
        tile_of_edge = _edge_tiles(graph)
    rows: list[dict[str, Any]] = []
    for number, (name, threshold, node_distance, n_stops) in enumerate(fields):
        previous = tiles[number] if tiles is not None and number < len(tiles) else None
        kept = area_tiles(graph, node_distance, threshold, tile_of_edge, previous)
        if tiles is not None:
            if number < len(tiles):
                tiles[number] = kept
            else:
                tiles.append(kept)
        rows.append(
            {"capacity": name, "threshold_m": float(threshold), "stops": n_stops, "geometry": kept.area}
        )
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs=crs)
    return PolygonLayer(
        id="service_areas",
        title=_("Stop service areas (streets within walking reach, ±25 m)"),
        crs=crs,
        style="service_area",
        opacity=0.45,
        frame=frame,
        value_column="threshold_m",
        units="m",
        quantities={"threshold_m": "distance"},
        notes=[
            _("Drawn from the reachable parts of streets, buffered 25 m; indicators use exact distances.")
        ],
    )


# -- the analysis ------------------------------------------------------------------------------


def run(ctx: AnalysisContext) -> AnalysisOutput:
    p = ctx.params
    fb = ctx.feedback
    low_m, high_m = float(p["low_capacity_distance"]), float(p["high_capacity_distance"])
    capacity: Mapping[str, str] = p["capacity"]
    min_rate = float(p["min_departures_per_hour"] or 0.0)
    window: TimeWindow | None = p.get("service_window")

    fb.progress(0.05, _("Building the street graph"))
    net = network_layer(ctx, "network")
    graph = network.StreetGraph.from_layer(net)
    stops_layer = ctx.layer(p["stops"], StopsLayer)
    buildings = optional_buildings(ctx, "buildings")
    districts = ctx.districts(p["districts"])
    names = [str(n) for n in districts["district"]]

    fb.check_cancelled()
    fb.progress(0.15, _("Choosing the stops"))
    stops = stops_layer.frame.reset_index(drop=True)
    rates = None
    if min_rate > 0:
        if window is None:
            raise TwinError(_("The frequency filter needs a service window (date and times)."))
        if stops_layer.timetable is None:
            if stops_layer.stops_source:
                said = _(
                    "The frequency filter counts departures in a timetable, but the stops in "
                    "'{layer}' come from {source}, which has none. Set the minimum departures per hour "
                    "to 0, or choose stops from a GTFS feed ('city import --gtfs')."
                ).format(layer=stops_layer.display_title(), source=stops_layer.stops_source)
            else:
                said = _(
                    "The frequency filter counts departures in a timetable, but the stops in "
                    "'{layer}' come from a source without one. Set the minimum departures per hour "
                    "to 0, or choose stops from a GTFS feed ('city import --gtfs')."
                ).format(layer=stops_layer.display_title())
            raise TwinError(said)
        rates = departures_per_hour(stops_layer.timetable, window, capacity, high=HIGH)
    short_ok, long_ok = classify_stops(stops, capacity, rates, min_rate)

    fb.check_cancelled()
    fb.progress(0.3, _("Snapping stops to the streets"))
    max_snap = float(p["max_snap_distance"])
    xy = np.column_stack([stops.geometry.x.to_numpy(), stops.geometry.y.to_numpy()])
    snapped = graph.snap(xy, max_snap, main_only=True)
    qualifying = short_ok | long_ok
    src_short = snapped.subset(qualifying & snapped.snapped)
    src_long = snapped.subset(long_ok & snapped.snapped)

    fb.progress(0.45, _("Placing people at their homes"))
    people = locate_people(ctx, graph, p["population"], p.get("buildings"), districts)

    fb.check_cancelled()
    fb.progress(0.6, _("Walking distances"))
    # short: every qualifying stop, no limit (the distances colour the buildings); long: high-capacity only
    nodes_short, walk_short = graph.point_distance_from(src_short, people.snapped)
    nodes_long, walk_long = graph.point_distance_from(src_long, people.snapped, limit=high_m)
    served = (walk_short <= low_m + network.TOLERANCE_M) | (walk_long <= high_m + network.TOLERANCE_M)

    fb.progress(0.8, _("Indicators and layers"))
    indicators = share_indicators(people.points, served, names)
    layers: list[Any] = []
    if buildings is not None:
        layers.append(
            buildings_by_distance(
                graph,
                buildings,
                nodes_short,
                src_short,
                column="walk_to_stop_m",
                threshold=low_m,
                layer_id="walk_to_stop",
                title=_("Walk to the nearest qualifying stop (m)"),
            )
        )
    area_cache: list[AreaTiles] = []
    tile_of_edge = _edge_tiles(graph)
    layers.append(
        service_areas(
            graph,
            [
                (f"any stop ({low_m:g} m)", low_m, nodes_short, len(src_short)),
                (f"high-capacity stop ({high_m:g} m)", high_m, nodes_long, len(src_long)),
            ],
            ctx.crs,
            area_cache,
            tile_of_edge,
        )
    )
    notes = stop_notes(
        stops_layer,
        len(stops),
        short_ok,
        long_ok,
        snapped,
        max_snap,
        low_m,
        high_m,
        min_rate,
        window,
        capacity,
    )
    people_notes = {**people.notes, **network_notes(graph, people)}
    notes.update(people_notes)
    state = None
    if ctx.keep_state:
        fb.progress(0.95, _("Keeping the distance fields for quick updates"))
        bsnap = snap_buildings(graph, buildings) if buildings is not None else None
        state = TransitState.start(
            ctx,
            graph,
            people,
            names,
            buildings,
            bsnap,
            stops,
            xy,
            short_ok,
            long_ok,
            snapped,
            rates,
            people_notes,
        )
        if state is not None:
            state.areas, state.tile_of_edge = area_cache, tile_of_edge
    fb.progress(1.0, _("Done"))
    return AnalysisOutput(indicators=indicators, layers=layers, notes=notes, state=state)


def stop_notes(
    stops_layer: StopsLayer,
    n_stops: int,
    short_ok: np.ndarray,
    long_ok: np.ndarray,
    snapped: network.Snapped,
    max_snap: float,
    low_m: float,
    high_m: float,
    min_rate: float,
    window: TimeWindow | None,
    capacity: Mapping[str, str],
) -> dict[str, Any]:
    """What the run did with the stops, for provenance (the same from a run and from an update)."""
    qualifying = short_ok | long_ok
    snap_d = snapped.distance[snapped.snapped]
    return {
        "stops source": stops_layer.stops_source or stops_layer.title,
        "stops in layer": n_stops,
        "stops qualifying": int(qualifying.sum()),
        "stops qualifying, high-capacity": int(long_ok.sum()),
        "stops snapped": int((qualifying & snapped.snapped).sum()),
        "stops unsnapped (dropped)": int((qualifying & snapped.unsnapped).sum()),
        "stop snapping distance max (m)": _round(np.max(snap_d, initial=0.0)),
        "stop snapping distance mean (m)": _round(float(np.mean(snap_d)) if len(snap_d) else 0.0),
        "stop snapping limit (m; homes have none)": max_snap,
        "snapping": _("to the nearest street edge (not node); the walk from the point to the street counts"),
        "thresholds": _(
            "{low} m to any qualifying stop, {high} m to a high-capacity stop (inclusive)"
        ).format(low=format_number(low_m), high=format_number(high_m)),
        "frequency filter": (
            _("at least {rate} departures/hour in {window}").format(
                rate=format_number(min_rate), window=window
            )
            if min_rate > 0
            else _("none (every served stop)")
        ),
        "high-capacity modes": sorted(m for m, c in capacity.items() if c == HIGH),
    }


# -- the incremental update ---------------------------------------------------------------------
#
# A workshop moves a stop and wants the district to re-score at once.  Everything but the stops
# stays as the previous run left it (the street graph, where people and buildings meet the
# streets), so the state keeps those, and two NearestSourceFields (twin_app.core.incremental)
# hold the walk from every street node to the nearest stop: one for every qualifying stop, with
# no horizon (its distances colour the buildings, as the full run's do), one for high-capacity
# stops, capped at the long threshold exactly as the full run limits its search.  A stop on edge
# (u, v) enters a field as two sources, one at each end, offset by its walk to that end: the
# same seeds as StreetGraph.node_distance_from, so the fields equal a full run's distances.

#: the parameters an update must find unchanged (any other difference: a full run)
_STATE_PARAMS = (
    "network",
    "stops",
    "population",
    "buildings",
    "districts",
    "low_capacity_distance",
    "high_capacity_distance",
    "capacity",
    "min_departures_per_hour",
    "service_window",
    "max_snap_distance",
)


def _seeds(graph: network.StreetGraph, edge: int, along: float, dist: float) -> tuple[tuple[int, float], ...]:
    """The two field sources of a stop on ``edge``: its end nodes, each with the walk to it."""
    return (
        (int(graph.edge_u[edge]), float(dist + along)),
        (int(graph.edge_v[edge]), float(dist + graph.edge_length[edge] - along)),
    )


@dataclass
class _Field:
    """One distance field and which of its sources belong to which stop (by stop id)."""

    field: incremental.NearestSourceField
    #: stop id -> (its place on the streets (edge, along, snapping distance), its two source ids)
    members: dict[str, tuple[tuple[int, float, float], tuple[int, int]]]

    @classmethod
    def build(
        cls,
        graph: network.StreetGraph,
        ids: np.ndarray,
        snapped: network.Snapped,
        use: np.ndarray,
        cap: float | None,
    ) -> _Field:
        rows = np.flatnonzero(use & snapped.snapped)
        nodes: list[int] = []
        offsets: list[float] = []
        members: dict[str, tuple[tuple[int, float, float], tuple[int, int]]] = {}
        for r in rows:
            place = (int(snapped.edge[r]), float(snapped.along[r]), float(snapped.distance[r]))
            (nu, ou), (nv, ov) = _seeds(graph, *place)
            members[str(ids[r])] = (place, (len(nodes), len(nodes) + 1))
            nodes += [nu, nv]
            offsets += [ou, ov]
        return cls(incremental.NearestSourceField(graph, nodes, offsets, cap=cap), members)

    def sync(
        self, graph: network.StreetGraph, ids: np.ndarray, snapped: network.Snapped, use: np.ndarray
    ) -> int:
        """Make the field's sources those of the stops ``use`` selects; returns how many stops changed."""
        rows = np.flatnonzero(use & snapped.snapped)
        wanted = {
            str(ids[r]): (int(snapped.edge[r]), float(snapped.along[r]), float(snapped.distance[r]))
            for r in rows
        }
        changed = 0
        for stop in [s for s in self.members if s not in wanted]:
            _old, (a, b) = self.members.pop(stop)
            self.field.remove(a)
            self.field.remove(b)
            changed += 1
        for stop, place in wanted.items():
            old = self.members.get(stop)
            if old is not None and old[0] == place:
                continue
            (nu, ou), (nv, ov) = _seeds(graph, *place)
            if old is None:
                pair = (self.field.add(nu, ou), self.field.add(nv, ov))
            else:
                pair = old[1]
                self.field.move(pair[0], nu, ou)
                self.field.move(pair[1], nv, ov)
            self.members[stop] = (place, pair)
            changed += 1
        return changed


@dataclass
class TransitState:
    """What an update of transit access keeps from the previous result (in memory, never stored)."""

    params: dict[str, Any]
    graph: network.StreetGraph
    people: People
    names: list[str]
    buildings: BuildingsLayer | None
    buildings_snapped: network.Snapped | None
    #: the stops as last seen: ids, positions, places on the streets
    ids: np.ndarray
    xy: np.ndarray
    snapped: network.Snapped
    rates: pd.DataFrame | None
    people_notes: dict[str, Any]
    short: _Field
    long: _Field
    #: the two service areas by tile, and each edge's tile (see AreaTiles)
    areas: list[AreaTiles] = field(default_factory=list)
    tile_of_edge: np.ndarray | None = None

    @classmethod
    def start(
        cls,
        ctx: AnalysisContext,
        graph: network.StreetGraph,
        people: People,
        names: list[str],
        buildings: BuildingsLayer | None,
        buildings_snapped: network.Snapped | None,
        stops: gpd.GeoDataFrame,
        xy: np.ndarray,
        short_ok: np.ndarray,
        long_ok: np.ndarray,
        snapped: network.Snapped,
        rates: pd.DataFrame | None,
        people_notes: dict[str, Any],
    ) -> TransitState | None:
        """The state after a full run; None when the stops cannot be told apart (no unique ``stop_id``)."""
        ids = _stop_ids(stops)
        if ids is None:
            return None
        high_m = float(ctx.params["high_capacity_distance"])
        return cls(
            params=_state_params(ctx.params),
            graph=graph,
            people=people,
            names=names,
            buildings=buildings,
            buildings_snapped=buildings_snapped,
            ids=ids,
            xy=xy.copy(),
            snapped=snapped,
            rates=rates,
            people_notes=people_notes,
            short=_Field.build(graph, ids, snapped, short_ok | long_ok, None),
            long=_Field.build(graph, ids, snapped, long_ok, high_m),
        )


def _state_params(params: Mapping[str, Any]) -> dict[str, Any]:
    return {k: str(params.get(k)) if k == "service_window" else params.get(k) for k in _STATE_PARAMS}


def _stop_ids(stops: gpd.GeoDataFrame) -> np.ndarray | None:
    if "stop_id" not in stops:
        return None
    ids = stops["stop_id"].astype(str).to_numpy()
    return ids if len(set(ids)) == len(ids) else None


def update(previous: AnalysisResult, ctx: AnalysisContext, change: Change) -> AnalysisOutput | None:
    """Transit access after stops were added, moved or removed: the fields repaired, not recomputed.

    Only the stops layer may have changed, and the parameters must be those
    of the previous run; otherwise (or without a kept state) this returns
    None and the runner runs the analysis in full.  Stops are matched by
    ``stop_id``; only those that are new or stand elsewhere are snapped
    again, and the fields are repaired for those whose place or class
    changed.  The indicators, the coloured buildings, the service areas and
    the notes are then made by the same functions a full run uses, so an
    update equals a full run (distances to rounding, about 1e-9 m).
    """
    st = previous.state
    p = ctx.params
    if not isinstance(st, TransitState) or _state_params(p) != st.params:
        return None
    if set(change.layers) - {str(p["stops"])}:
        return None
    fb = ctx.feedback
    # the layers the result depends on, recorded as its inputs (as a full run records them)
    network_layer(ctx, "network")
    ctx.layer(p["population"])
    optional_buildings(ctx, "buildings")
    ctx.districts(p["districts"])
    stops_layer = ctx.layer(p["stops"], StopsLayer)
    stops = stops_layer.frame.reset_index(drop=True)
    ids = _stop_ids(stops)
    if ids is None:
        return None
    low_m, high_m = float(p["low_capacity_distance"]), float(p["high_capacity_distance"])
    capacity: Mapping[str, str] = p["capacity"]
    min_rate = float(p["min_departures_per_hour"] or 0.0)
    max_snap = float(p["max_snap_distance"])
    graph = st.graph

    fb.progress(0.1, _("Placing the changed stops on the streets"))
    short_ok, long_ok = classify_stops(stops, capacity, st.rates, min_rate)
    xy = np.column_stack([stops.geometry.x.to_numpy(), stops.geometry.y.to_numpy()])
    before = {stop: row for row, stop in enumerate(st.ids)}
    old_row = np.array([before.get(stop, -1) for stop in ids], dtype=np.int64)
    same = old_row >= 0
    same[same] = np.all(st.xy[old_row[same]] == xy[same], axis=1)
    snapped = network.Snapped(
        np.full(len(ids), -1, dtype=np.int64),
        np.zeros(len(ids)),
        np.full(len(ids), np.inf),
        np.full(len(ids), -1, dtype=np.int64),
    )
    for target, source in (
        (snapped.edge, st.snapped.edge),
        (snapped.along, st.snapped.along),
        (snapped.distance, st.snapped.distance),
        (snapped.node, st.snapped.node),
    ):
        target[same] = source[old_row[same]]
    fresh = np.flatnonzero(~same)
    if len(fresh):
        placed = graph.snap(xy[fresh], max_snap, main_only=True)
        snapped.edge[fresh], snapped.along[fresh] = placed.edge, placed.along
        snapped.distance[fresh], snapped.node[fresh] = placed.distance, placed.node

    fb.progress(0.3, _("Repairing the walking distances"))
    qualifying = short_ok | long_ok
    changed = st.short.sync(graph, ids, snapped, qualifying)
    st.long.sync(graph, ids, snapped, long_ok)
    st.ids, st.xy, st.snapped = ids, xy, snapped

    src_short = snapped.subset(qualifying & snapped.snapped)
    src_long = snapped.subset(long_ok & snapped.snapped)
    nodes_short = np.array(st.short.field.distance)
    nodes_long = np.array(st.long.field.distance)
    walk_short = graph.point_distance(nodes_short, st.people.snapped, src_short)
    walk_long = graph.point_distance(nodes_long, st.people.snapped, src_long)
    walk_long[walk_long > high_m] = np.inf
    served = (walk_short <= low_m + network.TOLERANCE_M) | (walk_long <= high_m + network.TOLERANCE_M)

    fb.progress(0.6, _("Indicators and layers"))
    indicators = share_indicators(st.people.points, served, st.names)
    layers: list[Any] = []
    if st.buildings is not None:
        layers.append(
            buildings_by_distance(
                graph,
                st.buildings,
                nodes_short,
                src_short,
                column="walk_to_stop_m",
                threshold=low_m,
                layer_id="walk_to_stop",
                title=_("Walk to the nearest qualifying stop (m)"),
                snapped=st.buildings_snapped,
            )
        )
    layers.append(
        service_areas(
            graph,
            [
                (f"any stop ({low_m:g} m)", low_m, nodes_short, len(src_short)),
                (f"high-capacity stop ({high_m:g} m)", high_m, nodes_long, len(src_long)),
            ],
            ctx.crs,
            st.areas,
            st.tile_of_edge,
        )
    )
    notes = stop_notes(
        stops_layer,
        len(stops),
        short_ok,
        long_ok,
        snapped,
        max_snap,
        low_m,
        high_m,
        min_rate,
        p.get("service_window"),
        capacity,
    )
    notes.update(st.people_notes)
    notes["updated from the previous result"] = ngettext(
        "{count} stop re-placed; the rest kept", "{count} stops re-placed; the rest kept", changed
    ).format(count=changed)
    fb.progress(1.0, _("Done"))
    return AnalysisOutput(indicators=indicators, layers=layers, notes=notes, state=st)
