"""OpenStreetMap layer kinds: street network, buildings, green/water/land use, districts, stops.

All five kinds read the same file through :func:`twin_layers._osm_read.load_osm`,
which parses it once per city load (the result is cached in ``ctx.cache``).
This module imports only the standard library at import time, because entry
points are loaded whenever the app lists its kinds.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from twin_app.api import (
    FEATURE_ID_COLUMN,
    HEIGHT_COLUMN,
    HEIGHT_FROM_COLUMN,
    BuildingsLayer,
    DistrictsLayer,
    EmptyLayerError,
    HeightFrom,
    Layer,
    LoadContext,
    NetworkLayer,
    PolygonLayer,
    StopsLayer,
    TwinError,
    _,
    default_height_text,
    estimate_heights,
    height_rule_label,
    prepare_frame,
)
from twin_layers._content import OsmFile
from twin_layers._osm_tags import parse_height, parse_levels

if TYPE_CHECKING:
    import geopandas as gpd

    from twin_layers._osm_read import OsmData

OSM_SUFFIXES: tuple[str, ...] = (".osm", ".osm.bz2", ".osm.pbf", ".pbf")

# ------------------------------------------------------------------ shared helpers


def _without_gc(load: Callable[..., Layer]) -> Callable[..., Layer]:
    """Run a kind's ``load`` with the cycle collector paused (see ``_osm_read.gc_paused``)."""

    @functools.wraps(load)
    def wrapper(*args: Any, **kwargs: Any) -> Layer:
        from twin_layers._osm_read import gc_paused

        with gc_paused():
            return load(*args, **kwargs)

    return wrapper


def _load(source: Path, ctx: LoadContext) -> OsmData:
    from twin_layers._osm_read import load_osm

    ctx.feedback.progress(0.0, _("Reading {file}").format(file=source.name))
    data = load_osm(Path(source), ctx.cache)
    ctx.feedback.check_cancelled()
    return data


def _area_frame(
    data: OsmData, wanted: Any, extra: Any, side: tuple[str, ...] = ()
) -> tuple[gpd.GeoDataFrame, dict[str, list[Any]]]:
    """Polygons (lon/lat) of closed ways and multipolygon relations whose tags pass ``wanted``.

    ``extra`` maps each attribute column to the tag key it copies, or to a
    function of the feature's tags that computes it.  Closed
    ways are built vectorised; relations come pre-assembled by libosmium,
    with holes (courtyards) already cut.  Columns named in ``side`` are kept
    out of the frame and returned beside it as plain lists.
    """
    import geopandas as gpd
    import numpy as np
    import shapely

    from twin_layers._osm_read import closed_way_polygons

    ways = data.ways
    way_tags = ways.tags
    # only closed ways can become polygons: test the tags of those alone
    starts, ends = ways.offsets[:-1], ways.offsets[1:]
    closed = np.flatnonzero(ends - starts >= 4)
    closed = closed[ways.node_ids[starts[closed]] == ways.node_ids[ends[closed] - 1]]
    keep = np.zeros(len(ways), dtype=bool)
    keep[closed] = np.fromiter(
        (wanted(t) and t.get("area") != "no" for t in (way_tags[i] for i in closed.tolist())),
        dtype=bool,
        count=len(closed),
    )
    idx, polys = closed_way_polygons(ways, keep)
    rels = [(rid, tags, wkb) for rid, tags, wkb in data.relation_areas if wanted(tags)]
    tags_of = [way_tags[i] for i in idx.tolist()] + [tags for _, tags, _ in rels]
    geoms = np.concatenate([polys, shapely.from_wkb([wkb for _, _, wkb in rels])]) if rels else polys
    if not tags_of:
        return gpd.GeoDataFrame([], geometry=[], crs="EPSG:4326"), {key: [] for key in side}
    columns: dict[str, Any] = {
        "osm_id": np.concatenate([ways.ids[idx], np.array([rid for rid, _, _ in rels], dtype=np.int64)]),
        "osm_type": ["way"] * len(idx) + ["relation"] * len(rels),
    }
    for column, how in extra.items():
        columns[column] = [t.get(how) for t in tags_of] if isinstance(how, str) else [how(t) for t in tags_of]
    side_lists = {key: columns.pop(key) for key in side}
    return gpd.GeoDataFrame(columns, geometry=geoms, crs="EPSG:4326"), side_lists


def _finish(frame: gpd.GeoDataFrame, source: Path, ctx: LoadContext, notes: list[str]) -> gpd.GeoDataFrame:
    if len(frame) == 0:
        raise EmptyLayerError(source, layer=ctx.title or ctx.layer_id)
    frame, more = prepare_frame(frame, ctx, source=source)
    notes.extend(more)
    return frame


def _choice(options: Mapping[str, Any], key: str, default: str, allowed: tuple[str, ...]) -> str:
    value = str(options.get(key) or default)
    if value not in allowed:
        raise TwinError(
            _('The option {key} = "{value}" is not valid here. Use one of: {allowed}.').format(
                key=key, value=value, allowed=", ".join(allowed)
            )
        )
    return value


# ------------------------------------------------------------------ network


@dataclass(frozen=True)
class OsmNetworkKind(OsmFile):
    """Street network (option ``network_type``: walk, drive, bike, all, ...).

    Edges are directed rows, as in osmnx: a two-way street appears twice
    (``u``->``v`` and ``v``->``u``, geometry reversed), a one-way street once,
    so a directed graph built from ``u``, ``v``, ``length`` routes correctly.
    Walk networks are two-way everywhere; other types respect ``oneway``.
    ``at_grade`` is False on tunnels and indoor corridors, which points are
    not joined to from the side (``_osm_network.at_grade``).
    """

    name: str = "osm-network"
    title: str = "OpenStreetMap streets"
    suffixes: tuple[str, ...] = OSM_SUFFIXES

    def extent(self, source: Path) -> tuple[float, float, float, float]:
        """The file's lon/lat bounds (its header box, else the bounds of its data).

        Used by ``twin-app city import`` to set a new city's extent.
        """
        from twin_layers._osm_read import _header_box, check_complete, load_osm

        check_complete(Path(source))
        box = None
        try:
            box = _header_box(Path(source))
        except (RuntimeError, OSError):
            box = None
        if box is None:
            box = load_osm(Path(source), {}).bounds_lonlat
        if box is None:
            raise EmptyLayerError(source, layer="OpenStreetMap extract")
        return box

    @_without_gc
    def load(self, source: Path, options: Mapping[str, Any], ctx: LoadContext) -> Layer:
        import numpy as np

        from twin_layers._osm_network import NETWORK_FILTERS, build_network, longest_runs, way_filter

        network_type = _choice(options, "network_type", "walk", tuple(NETWORK_FILTERS))
        data = _load(source, ctx)
        keep = way_filter(network_type)
        ways = data.ways
        mask = np.fromiter((keep(t) for t in ways.tags), dtype=bool, count=len(ways))
        streets = longest_runs(ways.subset(mask))
        if len(streets) == 0:
            raise EmptyLayerError(source, layer=ctx.title or ctx.layer_id)
        edges, nodes = build_network(streets, ctx.crs, network_type)
        notes: list[str] = [f"{network_type} network: {len(nodes)} nodes, {len(edges)} directed edges."]
        notes += data.skipped
        edges = _finish(edges, source, ctx, notes)
        nodes, _ = prepare_frame(nodes, ctx, source=source)
        return NetworkLayer(
            id=ctx.layer_id,
            title=ctx.title or f"Streets ({network_type})",
            crs=ctx.crs,
            source=Path(source),
            style="streets",
            frame=edges,
            value_column=None,
            units="m",
            nodes=nodes,
            network_type=network_type,
            notes=notes,
        )


# ------------------------------------------------------------------ buildings


def _is_building(tags: dict[str, str]) -> bool:
    value = tags.get("building")
    return value is not None and value != "no"


#: building attribute columns and the tags they copy
_BUILDING_COLUMNS: dict[str, str] = {
    "building": "building",
    "name": "name",
    "height_tag": "height",
    "levels_tag": "building:levels",
}
#: a temporary column: the parsed height tag, until the rules have used it
_TAG_HEIGHT = "_height_tag_m"


def parsed_tags(
    height_tags: list[str | None], level_tags: list[str | None]
) -> tuple[list[float], list[float]]:
    """(height in m, storeys) from the ``height`` and ``building:levels`` tags, NaN where unusable.

    ``roof:levels`` is deliberately ignored: it mostly describes attics inside
    a pitched roof, and adding it would overstate the many flat-roofed blocks
    that also carry it.  Tag values repeat a lot ("3", "4", ...), so each
    distinct value is parsed once.
    """
    nan = math.nan
    level_of = {v: parse_levels(v) for v in set(level_tags) if isinstance(v, str)}
    height_of = {v: parse_height(v) for v in set(height_tags) if isinstance(v, str)}
    heights = [(height_of.get(v) if isinstance(v, str) else None) for v in height_tags]
    levels = [(level_of.get(v) if isinstance(v, str) else None) for v in level_tags]
    return [nan if h is None else h for h in heights], [nan if lv is None else lv for lv in levels]


@dataclass(frozen=True)
class OsmBuildingsKind(OsmFile):
    """Building footprints with heights and the rule each height came from.

    The rules (own height, own levels, the file's median for the type, the
    building-type table, the city's default; estimates capped by footprint)
    live in core: ``twin_app.api.estimate_heights``.
    """

    name: str = "osm-buildings"
    title: str = "OpenStreetMap buildings"
    suffixes: tuple[str, ...] = ()

    @_without_gc
    def load(self, source: Path, options: Mapping[str, Any], ctx: LoadContext) -> Layer:
        import numpy as np

        data = _load(source, ctx)
        frame, side = _area_frame(data, _is_building, _BUILDING_COLUMNS, side=("height_tag", "levels_tag"))
        if len(frame) == 0:
            raise EmptyLayerError(source, layer=ctx.title or ctx.layer_id)
        tag_heights, levels = parsed_tags(side["height_tag"], side["levels_tag"])
        frame["levels"] = np.asarray(levels, dtype=float)
        frame[_TAG_HEIGHT] = np.asarray(tag_heights, dtype=float)
        notes: list[str] = list(data.skipped)
        frame = _finish(frame, source, ctx, notes)  # footprints in metres from here on
        rules = ctx.buildings
        estimate = estimate_heights(
            frame["building"].tolist(),
            frame.pop(_TAG_HEIGHT).to_numpy(dtype=float),
            frame["levels"].to_numpy(dtype=float),
            frame.geometry.area.to_numpy(dtype=float),
            rules,
        )
        frame[HEIGHT_COLUMN] = estimate.height_m
        frame[HEIGHT_FROM_COLUMN] = estimate.height_from
        frame[FEATURE_ID_COLUMN] = np.arange(len(frame), dtype=np.int64)
        counts = frame[HEIGHT_FROM_COLUMN].value_counts()
        notes.append(
            "Heights: "
            + ", ".join(f"{int(counts.get(r, 0))} from {height_rule_label(r)}" for r in HeightFrom)
            + f" ({rules.storey_height_m:g} m per storey; default: {default_height_text(rules)})."
        )
        if estimate.medians:
            notes.append(
                "Median storeys of tagged buildings used for the untagged ones: "
                + ", ".join(
                    f"building={t} {m:g} (from {k})" for t, (m, k) in sorted(estimate.medians.items())
                )
                + "."
            )
        return BuildingsLayer(
            id=ctx.layer_id,
            title=ctx.title or "Buildings",
            crs=ctx.crs,
            source=Path(source),
            style="buildings",
            frame=frame,
            value_column=HEIGHT_COLUMN,
            units="m",
            notes=notes,
        )


# ------------------------------------------------------------------ features

GREEN_TAGS: dict[str, frozenset[str]] = {
    "leisure": frozenset({"park", "garden", "playground", "pitch", "nature_reserve", "common"}),
    "landuse": frozenset({"grass", "forest", "meadow", "recreation_ground", "cemetery", "village_green"}),
    "natural": frozenset({"wood", "scrub", "grassland"}),
}
WATER_TAGS: dict[str, frozenset[str]] = {
    "natural": frozenset({"water"}),
    "waterway": frozenset({"riverbank"}),
    "landuse": frozenset({"reservoir", "basin"}),
}
FEATURE_CATEGORIES: tuple[str, ...] = ("green", "water", "landuse")


def feature_kind(tags: dict[str, str], category: str) -> str | None:
    """The feature's kind ("park", "water", "residential", ...) in ``category``, or None."""
    if category == "landuse":
        return tags.get("landuse")
    table = GREEN_TAGS if category == "green" else WATER_TAGS
    for key, values in table.items():
        value = tags.get(key)
        if value in values:
            return value
    return None


def _feature_test(category: str) -> Callable[[dict[str, str]], bool]:
    """A fast ``feature_kind(tags, category) is not None``."""
    if category == "landuse":
        return lambda tags: tags.get("landuse") is not None
    items = tuple((GREEN_TAGS if category == "green" else WATER_TAGS).items())

    def wanted(tags: dict[str, str]) -> bool:
        get = tags.get
        for key, values in items:  # noqa: SIM110 - a plain loop beats any() on a generator here
            if get(key) in values:
                return True
        return False

    return wanted


@dataclass(frozen=True)
class OsmFeaturesKind(OsmFile):
    """Areas of one category (option ``category``: green, water or landuse).

    Water is more than its mapped areas: the sea is closed from the
    coastline, and rivers drawn as lines are buffered (:mod:`twin_layers._osm_water`).
    """

    name: str = "osm-features"
    title: str = "OpenStreetMap areas"
    suffixes: tuple[str, ...] = ()

    @_without_gc
    def load(self, source: Path, options: Mapping[str, Any], ctx: LoadContext) -> Layer:
        category = _choice(options, "category", "green", FEATURE_CATEGORIES)
        data = _load(source, ctx)
        notes: list[str] = list(data.skipped)
        if category == "water":
            # the sea closed from the coastline, lakes, rivers, harbours: see _osm_water
            from twin_layers._osm_water import WATER_COLUMNS, is_water, water_frame

            areas, _ = _area_frame(data, is_water, WATER_COLUMNS)
            frame = water_frame(areas, data, ctx, notes)
        else:
            frame, _ = _area_frame(
                data,
                _feature_test(category),
                {"kind": lambda t: feature_kind(t, category), "name": "name"},
            )
        frame = _finish(frame, source, ctx, notes)
        return PolygonLayer(
            id=ctx.layer_id,
            title=ctx.title or category.capitalize(),
            crs=ctx.crs,
            source=Path(source),
            style=category,
            frame=frame,
            notes=notes,
        )


# ------------------------------------------------------------------ districts


@dataclass(frozen=True)
class OsmDistrictsKind(OsmFile):
    """Districts from administrative boundaries, or a grid when no admin level divides the city.

    Options: ``admin_level`` (default: chosen from the file, finest first)
    and ``grid_cell_m`` (default: sized to give tens of cells).  See
    :mod:`twin_layers._osm_districts` for how the level is chosen and how
    extracts that cut through the boundaries are handled.
    """

    name: str = "osm-districts"
    title: str = "OpenStreetMap districts"
    suffixes: tuple[str, ...] = ()

    @_without_gc
    def load(self, source: Path, options: Mapping[str, Any], ctx: LoadContext) -> Layer:
        from twin_layers._osm_districts import build_districts, grid_cell_option

        level = options.get("admin_level")
        admin_level = str(level).strip() if level not in (None, "") else None
        cell_m = grid_cell_option(options.get("grid_cell_m"))
        data = _load(source, ctx)
        notes: list[str] = list(data.skipped)
        found = build_districts(data, ctx, admin_level, cell_m, notes)
        frame = _finish(found.frame, source, ctx, notes)
        return DistrictsLayer(
            id=ctx.layer_id,
            title=ctx.title or "Districts",
            crs=ctx.crs,
            source=Path(source),
            style="districts",
            frame=frame,
            value_column=None,
            units="km²",
            notes=notes,
            outside_km2=found.outside_km2,
        )


# ------------------------------------------------------------------ stops


@dataclass(frozen=True)
class OsmStopsKind(OsmFile):
    """Public transport stops mapped in OpenStreetMap, with their modes (no timetable).

    The tags read and the mode each implies are in :mod:`twin_layers._osm_stops`.
    """

    name: str = "osm-stops"
    title: str = "OpenStreetMap transit stops"
    suffixes: tuple[str, ...] = ()

    @_without_gc
    def load(self, source: Path, options: Mapping[str, Any], ctx: LoadContext) -> Layer:
        from twin_layers._osm_stops import UNKNOWN_MODE, stops_frame

        data = _load(source, ctx)
        frame = stops_frame(data)
        if len(frame) == 0:
            raise EmptyLayerError(source, layer=ctx.title or ctx.layer_id)
        frame, notes = prepare_frame(frame, ctx, source=source, clip_to_city=True)
        notes = [*data.skipped, *notes]
        kinds = frame["kind"].value_counts()
        notes.append(
            _(
                "{count} stops from OpenStreetMap tags ({kinds}); no timetable, "
                "so stops cannot be filtered by frequency."
            ).format(count=len(frame), kinds=", ".join(f"{int(n)} {k}" for k, n in sorted(kinds.items())))
        )
        unknown = int((frame["modes"] == UNKNOWN_MODE).sum())
        if unknown:
            notes.append(
                _("{count} stops name no mode in their tags and count as '{mode}'.").format(
                    count=unknown, mode=UNKNOWN_MODE
                )
            )
        return StopsLayer(
            id=ctx.layer_id,
            title=ctx.title or "Transit stops (OpenStreetMap)",
            crs=ctx.crs,
            source=Path(source),
            style="stops",
            frame=frame,
            value_column=None,
            notes=notes,
            stops_source="OpenStreetMap tags",
        )


NETWORK_KIND = OsmNetworkKind()
BUILDINGS_KIND = OsmBuildingsKind()
FEATURES_KIND = OsmFeaturesKind()
DISTRICTS_KIND = OsmDistrictsKind()
STOPS_KIND = OsmStopsKind()
