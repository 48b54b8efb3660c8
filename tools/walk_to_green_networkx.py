"""An independent check of green-space-access's walks for a few Helsinki buildings: osmnx + networkx.

The walk network is osmnx's graph of the sample's clean XML
(``graph_from_xml``, not simplified), kept to osmnx's walk filter; open
spaces and their boundary points are green-space-access's own inputs
(defaults: every 20 m, snapped within 100 m).  Snapping is done here with
shapely (nearest edge of the largest component), every edge is split at the
points snapped to it, and one networkx Dijkstra runs from a virtual source
joined to each boundary point by its snapping distance.  Lengths are planar,
in the city's CRS, as in the app.

Two rules are compared: points snapped to any walk edge, and points snapped
only to edges at grade (not tunnels, not indoor ways).

    .venv/bin/python tools/walk_to_green_networkx.py [OSM_WAY_ID ...]

Default ids: the Kluuvi blocks north of Esplanadi.  Takes a minute or two.
"""

from __future__ import annotations

import itertools
import re
import sys
from typing import Any

import networkx as nx
import numpy as np
import osmnx as ox
import shapely
from twin_plugins.green_space_access import boundary_points, open_spaces

from twin_app.core.city import bundled_cities_dir
from twin_app.core.loading import load_city

KLUUVI = [17425472, 17430812, 33103439, 123550794, 123551421]
KINDS = ["park", "garden", "playground", "recreation_ground", "common", "nature_reserve", "village_green"]
KINDS.append("dog_park")
#: osmnx's walk filter (its Overpass query), as (key, regex) exclusions
WALK_EXCLUDE = {
    "area": "yes",
    "access": "private",
    "highway": "abandoned|bus_guideway|construction|cycleway|motor|no|planned|platform|proposed|raceway|"
    "razed|rest_area|services",
    "foot": "no",
    "service": "private",
    "sidewalk": "separate",
    "sidewalk:both": "separate",
    "sidewalk:left": "separate",
    "sidewalk:right": "separate",
}


def walk_graph(xml: str, crs: str) -> Any:
    """osmnx's graph of the file, kept to the walk filter, projected; one row per undirected edge."""
    exclude = list(WALK_EXCLUDE.items())
    ox.settings.useful_tags_way = [*ox.settings.useful_tags_way, *WALK_EXCLUDE, "indoor"]
    graph = ox.graph_from_xml(xml, bidirectional=True, simplify=False, retain_all=True)
    keep = [
        (u, v, k)
        for u, v, k, d in graph.edges(keys=True, data=True)
        if "highway" in d and not any(key in d and re.search(rx, str(d[key])) for key, rx in exclude)
    ]
    walk = ox.project_graph(graph.edge_subgraph(keep).copy(), to_crs=crs)
    edges = ox.graph_to_gdfs(walk, nodes=False).reset_index()
    edges["a"], edges["b"] = np.minimum(edges.u, edges.v), np.maximum(edges.u, edges.v)
    edges = edges.drop_duplicates(["a", "b"]).reset_index(drop=True)
    largest = max(nx.connected_components(nx.Graph(walk)), key=len)
    return edges, largest


def at_grade(row: Any) -> bool:
    tunnel, indoor = row.get("tunnel"), row.get("indoor")
    if isinstance(tunnel, str) and tunnel not in ("no", "building_passage", "covered"):
        return False
    return not (isinstance(indoor, str) and indoor != "no")


def walks(edges: Any, candidates: np.ndarray, sources: np.ndarray, targets: np.ndarray) -> list[float]:
    """Per target point: the walk to the nearest source point, along the network."""
    geoms = edges.geometry.to_numpy()[candidates]
    tree = shapely.STRtree(geoms)
    on_edge: dict[int, list[tuple[float, tuple[str, int]]]] = {}
    offsets: dict[tuple[str, int], float] = {}
    for tag, xy, reach in (("s", sources, 100.0), ("t", targets, None)):
        pts = shapely.points(xy)
        (which, hit), dist = tree.query_nearest(
            pts, max_distance=reach, return_distance=True, all_matches=False
        )
        along = shapely.line_locate_point(geoms[hit], pts[which])
        for w, e, a, d in zip(which, candidates[hit], along, dist, strict=True):
            on_edge.setdefault(int(e), []).append((float(a), (tag, int(w))))
            offsets[(tag, int(w))] = float(d)
    graph = nx.Graph()
    for e, row in edges.iterrows():
        chain = [(0.0, row.u), *sorted(on_edge.get(int(e), [])), (row.geometry.length, row.v)]
        for (a0, n0), (a1, n1) in itertools.pairwise(chain):
            if not graph.has_edge(n0, n1) or graph[n0][n1]["w"] > a1 - a0:
                graph.add_edge(n0, n1, w=a1 - a0)
    for name, offset in offsets.items():
        if name[0] == "s":
            graph.add_edge("source", name, w=offset)
    dist = nx.single_source_dijkstra_path_length(graph, "source", weight="w")
    return [round(dist[("t", i)] + offsets[("t", i)], 1) for i in range(len(targets))]


def main() -> None:
    ids = [int(a) for a in sys.argv[1:]] or KLUUVI
    model = load_city("helsinki")
    xml = str(bundled_cities_dir() / "helsinki" / "osm" / "helsinki_centre_clean.osm.bz2")
    edges, largest = walk_graph(xml, model.manifest.crs)
    spaces = open_spaces(model.layers["green"].frame, {k: "yes" for k in KINDS}, 0.0)
    sources, _ = boundary_points(spaces.geometry.to_numpy(), 20.0)
    buildings = model.layers["buildings"].frame
    chosen = buildings[(buildings["osm_type"] == "way") & buildings["osm_id"].isin(ids)].set_index("osm_id")
    chosen = chosen.loc[[i for i in ids if i in chosen.index]]
    points = chosen.geometry.representative_point()
    targets = np.column_stack([points.x.to_numpy(), points.y.to_numpy()])
    in_main = edges["u"].isin(largest).to_numpy()
    grade = np.array([at_grade(row) for _, row in edges.iterrows()])
    print("osm way id      straight line (m)  any edge (m)  at grade (m)")
    any_edge = walks(edges, np.flatnonzero(in_main), sources, targets)
    ground = walks(edges, np.flatnonzero(in_main & grade), sources, targets)
    for osm_id, point, a, g in zip(chosen.index, points, any_edge, ground, strict=True):
        straight = float(spaces.distance(point).min())
        print(f"{osm_id:<15d} {straight:>17.1f}  {a:>12.1f}  {g:>12.1f}")


if __name__ == "__main__":
    main()
