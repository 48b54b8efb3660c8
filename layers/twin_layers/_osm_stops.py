"""Public transport stops mapped in OpenStreetMap, for cities without a GTFS feed.

A stop is a node or way tagged with one of :data:`~twin_layers._osm_read.STOP_TAGS`
(``public_transport=platform|stop_position``, ``highway=bus_stop``,
``railway=station|halt|tram_stop``, ``amenity=ferry_terminal``); a way
(a platform drawn as a line, a station or terminal drawn as an area) stands
at its centroid.  Relations (``public_transport=stop_area``) only group
these members, so they add no stops.

The modes serving a stop, in the app's mode names (those of GTFS route
types, see ``twin_app.api.mode_name``), come from its tags:

=============================================  =====================================
tag                                            mode
=============================================  =====================================
``bus=yes``, ``highway=bus_stop``,             bus
``highway=platform``
``trolleybus=yes``                             trolleybus
``tram=yes``, ``light_rail=yes``,              tram
``railway=tram_stop``, ``station=light_rail``
``train=yes``, ``railway=station|halt``,       rail
``railway=platform``
``subway=yes``, ``station=subway``             metro
``monorail=yes``, ``station=monorail``         monorail
``funicular=yes``, ``station=funicular``       funicular
``ferry=yes``, ``amenity=ferry_terminal``      ferry
=============================================  =====================================

A ``railway=station|halt`` counts as rail only when no other rail-bound
mode (metro, tram, monorail, funicular) is named, because a metro station
is tagged ``railway=station`` + ``station=subway``.  A stop whose tags name
no mode (a bare ``public_transport=stop_position``) is "other", which the
analyses treat as low-capacity; the layer notes count them.

Stops are often mapped twice (the platform beside the road and the stop
position on it).  Both are kept: for walking distances to the nearest stop
a duplicate changes nothing, and the notes say how many of each there are.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import geopandas as gpd

    from twin_layers._osm_read import OsmData

#: ``key=yes`` tags that name a mode outright (PTv2)
MODE_FLAGS: dict[str, str] = {
    "bus": "bus",
    "trolleybus": "trolleybus",
    "tram": "tram",
    "light_rail": "tram",
    "train": "rail",
    "subway": "metro",
    "monorail": "monorail",
    "funicular": "funicular",
    "ferry": "ferry",
}
#: ``station=*`` values (on railway stations) -> mode
STATION_MODES: dict[str, str] = {
    "subway": "metro",
    "light_rail": "tram",
    "monorail": "monorail",
    "funicular": "funicular",
    "train": "rail",
}
#: modes that run on rails, so that a railway=station naming one of them is not also "rail"
RAIL_BOUND: frozenset[str] = frozenset({"rail", "metro", "tram", "monorail", "funicular"})
UNKNOWN_MODE = "other"


def stop_modes(tags: Mapping[str, str]) -> list[str]:
    """The modes serving a stop, from its tags (see the module's table), sorted; ["other"] if none."""
    modes = {mode for key, mode in MODE_FLAGS.items() if tags.get(key) == "yes"}
    station = tags.get("station")
    if station in STATION_MODES:
        modes.add(STATION_MODES[station])
    highway, railway = tags.get("highway"), tags.get("railway")
    if highway in ("bus_stop", "platform"):
        modes.add("bus")
    if railway == "tram_stop":
        modes.add("tram")
    if railway in ("station", "halt", "platform") and not modes & RAIL_BOUND:
        modes.add("rail")
    if tags.get("amenity") == "ferry_terminal":
        modes.add("ferry")
    return sorted(modes) or [UNKNOWN_MODE]


def stop_kind(tags: Mapping[str, str]) -> str:
    """The tag that made the object a stop ("highway=bus_stop", ...), the first in a fixed order."""
    from twin_layers._osm_read import STOP_KEYS, STOP_TAGS

    for key in STOP_KEYS:
        value = tags.get(key)
        if value is not None and (key, value) in STOP_TAGS:
            return f"{key}={value}"
    return ""


def stops_frame(data: OsmData) -> gpd.GeoDataFrame:
    """Every stop node and stop way of the file as lon/lat points with stop_id, name, modes, kind."""
    import geopandas as gpd
    import numpy as np
    import shapely

    from twin_layers._osm_read import closed_way_polygons, is_stop

    ids: list[str] = []
    tags_of: list[Mapping[str, str]] = []
    xy: list[tuple[float, float]] = []
    for node_id, tags, lon, lat in data.stop_nodes:
        ids.append(f"node/{node_id}")
        tags_of.append(tags)
        xy.append((lon, lat))
    ways = data.ways
    mask = np.fromiter((is_stop(t) for t in ways.tags), dtype=bool, count=len(ways))
    if mask.any():
        stop_ways = ways.subset(mask)
        closed, polygons = closed_way_polygons(stop_ways, np.ones(len(stop_ways), dtype=bool))
        centre = dict(zip(closed.tolist(), shapely.centroid(polygons), strict=True))
        for i in range(len(stop_ways)):
            lo, hi = stop_ways.offsets[i], stop_ways.offsets[i + 1]
            point = centre.get(i)
            if point is None:
                coords = np.column_stack([stop_ways.lon[lo:hi], stop_ways.lat[lo:hi]])
                coords = coords[~np.isnan(coords).any(axis=1)]
                if len(coords) == 0:
                    continue  # none of its nodes is in the extract
                point = shapely.centroid(
                    shapely.linestrings(coords) if len(coords) > 1 else shapely.points(coords[0])
                )
            ids.append(f"way/{int(stop_ways.ids[i])}")
            tags_of.append(stop_ways.tags[i])
            xy.append((point.x, point.y))
    return gpd.GeoDataFrame(
        {
            "stop_id": ids,
            "name": [t.get("name", "") for t in tags_of],
            "modes": [", ".join(stop_modes(t)) for t in tags_of],
            "kind": [stop_kind(t) for t in tags_of],
        },
        geometry=shapely.points(np.asarray(xy, dtype=float).reshape(-1, 2)),
        crs="EPSG:4326",
    )
