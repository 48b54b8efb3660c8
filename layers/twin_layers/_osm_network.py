"""Street networks from OSM ways: osmnx's tag filters and topology, vectorised.

osmnx builds a networkx graph edge by edge and then simplifies it in Python;
here the whole network is a few numpy operations over the flat node arrays
of :class:`~twin_layers._osm_read.WaySet`.

Topology: a way is split at every node it shares with another kept way (or
visits twice) and at its two ends; the nodes in between become the edge's
LineString.  Unlike osmnx's simplification, a node where exactly two ways
join end to end is kept (osmnx merges such ways into one edge with a list
of way ids); keeping it means every edge belongs to exactly one way, so
``osmid`` is a plain way id.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import geopandas as gpd
    import numpy as np

    from twin_layers._osm_read import WaySet

_ACCESS = [("access", "private")]

#: (key, regex) pairs that exclude a way, as osmnx's Overpass filters do
#: (Overpass ``!~`` is an unanchored regex match, reproduced with re.search)
NETWORK_FILTERS: dict[str, list[tuple[str, str]]] = {
    "drive": [
        ("area", "yes"),
        *_ACCESS,
        (
            "highway",
            "abandoned|bridleway|bus_guideway|construction|corridor|cycleway|elevator|escalator|footway|"
            "no|path|pedestrian|planned|platform|proposed|raceway|razed|rest_area|service|services|steps|track",
        ),
        ("motor_vehicle", "no"),
        ("motorcar", "no"),
        ("service", "alley|driveway|emergency_access|parking|parking_aisle|private"),
    ],
    "drive_service": [
        ("area", "yes"),
        *_ACCESS,
        (
            "highway",
            "abandoned|bridleway|bus_guideway|construction|corridor|cycleway|elevator|escalator|footway|"
            "no|path|pedestrian|planned|platform|proposed|raceway|razed|rest_area|services|steps|track",
        ),
        ("motor_vehicle", "no"),
        ("motorcar", "no"),
        ("service", "emergency_access|parking|parking_aisle|private"),
    ],
    "walk": [
        ("area", "yes"),
        *_ACCESS,
        (
            "highway",
            "abandoned|bus_guideway|construction|cycleway|motor|no|planned|platform|proposed|raceway|"
            "razed|rest_area|services",
        ),
        ("foot", "no"),
        ("service", "private"),
        ("sidewalk", "separate"),
        ("sidewalk:both", "separate"),
        ("sidewalk:left", "separate"),
        ("sidewalk:right", "separate"),
    ],
    "bike": [
        ("area", "yes"),
        *_ACCESS,
        (
            "highway",
            "abandoned|bus_guideway|construction|corridor|elevator|escalator|footway|motor|no|planned|"
            "platform|proposed|raceway|razed|rest_area|services|steps",
        ),
        ("bicycle", "no"),
        ("service", "private"),
    ],
    "all_public": [
        ("area", "yes"),
        *_ACCESS,
        ("highway", "abandoned|construction|no|planned|platform|proposed|raceway|razed|rest_area|services"),
        ("service", "private"),
    ],
    "all": [
        ("area", "yes"),
        ("highway", "abandoned|construction|no|planned|platform|proposed|raceway|razed|rest_area|services"),
    ],
}
#: network types whose edges go both ways regardless of ``oneway`` (osmnx's setting)
BIDIRECTIONAL_TYPES = frozenset({"walk"})
ONEWAY_VALUES = frozenset({"yes", "true", "1", "-1", "reverse", "T", "F"})
REVERSED_VALUES = frozenset({"-1", "reverse", "T"})


#: ``tunnel`` values that still open to the street along their length (a passage through a
#: building at ground level, a roofed street); every other value is a tunnel proper
_OPEN_TUNNELS = frozenset({"no", "building_passage", "covered"})


def at_grade(tags: dict[str, str]) -> bool:
    """True when someone standing beside the way can step onto it anywhere along its length.

    Tunnels, indoor corridors and ways on underground levels are only
    entered at their ends (a portal, a door, a stair), which can lie far
    from the point above them: central Helsinki's service tunnel runs 20 m
    under Kluuvi's blocks and opens to the streets 700 m away.  They stay in
    the network (people walk through them) but points are not joined to
    them from the side (see ``twin_app.core.network``).  Bridges stay at
    grade: their decks meet the streets at both ends close by, and stops
    stand on them.
    """
    tunnel = tags.get("tunnel")
    if tunnel is not None and tunnel not in _OPEN_TUNNELS:
        return False
    indoor = tags.get("indoor")
    if indoor is not None and indoor != "no":
        return False
    if tags.get("location") == "underground":
        return False
    levels = [part.strip() for part in tags.get("level", "").split(";") if part.strip()]
    try:
        return not (levels and all(float(level) < 0 for level in levels))
    except ValueError:
        return True


def way_filter(network_type: str) -> Callable[[dict[str, str]], bool]:
    """A predicate on way tags: True when the way belongs to ``network_type``."""
    rules = [(k, re.compile(rx)) for k, rx in NETWORK_FILTERS[network_type]]

    def keep(tags: dict[str, str]) -> bool:
        if "highway" not in tags:
            return False
        for key, rx in rules:
            value = tags.get(key)
            if value is not None and rx.search(value):
                return False
        return True

    return keep


def longest_runs(ways: WaySet) -> WaySet:
    """Trim every way to its longest run of nodes that have locations.

    A clipped extract keeps ways whose outer nodes are missing; this is the
    same rule the trimmed XML sample was made with, so a PBF and its cleaned
    XML give the same network.  Ways left with fewer than 2 nodes are dropped.
    """
    import numpy as np

    from twin_layers._osm_read import WaySet

    missing = np.isnan(ways.lon)
    counts = np.diff(ways.offsets)
    if not missing.any():
        return ways.subset(counts >= 2)
    cum = np.concatenate([[0], np.cumsum(missing)])
    damaged = np.flatnonzero(cum[ways.offsets[1:]] != cum[ways.offsets[:-1]])
    keep_pos = np.ones(len(missing), dtype=bool)
    new_counts = counts.copy()
    for i in damaged:
        start, end = ways.offsets[i], ways.offsets[i + 1]
        best, best_len, run_start = (start, start), 0, None
        for p in range(start, end + 1):
            if p < end and not missing[p]:
                run_start = p if run_start is None else run_start
                continue
            if run_start is not None and p - run_start > best_len:
                best, best_len = (run_start, p), p - run_start
            run_start = None
        keep_pos[start:end] = False
        keep_pos[best[0] : best[1]] = True
        new_counts[i] = best_len
    offsets = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(new_counts, out=offsets[1:])
    trimmed = WaySet(
        ids=ways.ids,
        tags=ways.tags,
        offsets=offsets,
        node_ids=ways.node_ids[keep_pos],
        lon=ways.lon[keep_pos],
        lat=ways.lat[keep_pos],
    )
    return trimmed.subset(new_counts >= 2)


_LOCAL = threading.local()


def _to_crs(crs: str) -> Any:
    """A lon/lat -> ``crs`` transformer, made once per thread (pyproj's are not thread-safe)."""
    from pyproj import Transformer

    cache = _LOCAL.__dict__.setdefault("transformers", {})
    transformer = cache.get(crs)
    if transformer is None:
        transformer = cache[crs] = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    return transformer


def _directions(tags: list[dict[str, str]], network_type: str) -> tuple[np.ndarray, np.ndarray]:
    """Per way: (one-way?, drawn against travel direction?), by osmnx's rules."""
    import numpy as np

    if network_type in BIDIRECTIONAL_TYPES:
        none = np.zeros(len(tags), dtype=bool)
        return none, none
    oneway = np.fromiter(
        (t.get("oneway") in ONEWAY_VALUES or t.get("junction") == "roundabout" for t in tags), bool, len(tags)
    )
    backwards = oneway & np.fromiter((t.get("oneway") in REVERSED_VALUES for t in tags), bool, len(tags))
    return oneway, backwards


def build_network(ways: WaySet, crs: str, network_type: str) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Edges (directed rows, as osmnx) and nodes of the network, in ``crs``."""
    import geopandas as gpd
    import numpy as np
    import shapely

    x, y = _to_crs(crs).transform(ways.lon, ways.lat)
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    n_pos = len(ways.node_ids)
    counts = np.diff(ways.offsets)
    way_of = np.repeat(np.arange(len(ways)), counts)

    # endpoints: way ends, and nodes used more than once (by two ways or one way twice)
    _, inverse, uses = np.unique(ways.node_ids, return_inverse=True, return_counts=True)
    is_end = uses[inverse] >= 2
    is_end[ways.offsets[:-1]] = True
    is_end[ways.offsets[1:] - 1] = True
    ends = np.flatnonzero(is_end)
    same_way = way_of[ends[:-1]] == way_of[ends[1:]]
    start, stop = ends[:-1][same_way], ends[1:][same_way]

    seg = np.zeros(n_pos)
    seg[1:] = np.hypot(np.diff(x), np.diff(y))
    cum = np.cumsum(seg)
    length = cum[stop] - cum[start]
    good = length > 0
    start, stop, length = start[good], stop[good], length[good]

    edge_way = way_of[start]
    oneway, backwards = _directions(ways.tags, network_type)
    oneway, backwards = oneway[edge_way], backwards[edge_way]
    fwd = ~backwards
    rev = ~oneway | backwards
    # one coordinate gather builds both directions: reversed rows read their span backwards
    s_all = np.concatenate([start[fwd], start[rev]])
    e_all = np.concatenate([stop[fwd], stop[rev]])
    backward_row = np.concatenate([np.zeros(int(fwd.sum()), bool), np.ones(int(rev.sum()), bool)])
    sizes = e_all - s_all + 1
    line_of = np.repeat(np.arange(len(s_all)), sizes)
    step = np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    pos = np.where(
        np.repeat(backward_row, sizes), np.repeat(e_all, sizes) - step, np.repeat(s_all, sizes) + step
    )
    lines = shapely.linestrings(np.column_stack([x[pos], y[pos]]), indices=line_of)

    rows = np.concatenate([np.flatnonzero(fwd), np.flatnonzero(rev)])
    row_way = edge_way[rows]
    highway = np.array([t.get("highway") for t in ways.tags], dtype=object)
    name = np.array([t.get("name") for t in ways.tags], dtype=object)
    grade = np.fromiter((at_grade(t) for t in ways.tags), dtype=bool, count=len(ways))
    u_id, v_id = ways.node_ids[start], ways.node_ids[stop]
    edges = gpd.GeoDataFrame(
        {
            "u": np.where(backward_row, v_id[rows], u_id[rows]),
            "v": np.where(backward_row, u_id[rows], v_id[rows]),
            "osmid": ways.ids[row_way],
            "highway": highway[row_way],
            "name": name[row_way],
            "oneway": oneway[rows],
            "reversed": backward_row & ~backwards[rows],
            "length": length[rows],
            "at_grade": grade[row_way],
        },
        geometry=lines,
        crs=crs,
    )
    node_pos = np.concatenate([start, stop])
    node_ids, first = np.unique(ways.node_ids[node_pos], return_index=True)
    node_pos = node_pos[first]
    nodes = gpd.GeoDataFrame(
        {"osmid": node_ids, "x": x[node_pos], "y": y[node_pos]},
        geometry=shapely.points(x[node_pos], y[node_pos]),
        crs=crs,
    )
    return edges, nodes
