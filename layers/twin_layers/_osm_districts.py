"""Districts from administrative boundaries, even when the extract cuts them.

A city extract usually contains only a couple of complete neighbourhood
relations: the others lose the member ways (or nodes) that lie outside the
extract.  Instead of assembling relations, this module cuts the extract's
bounding box with every boundary way present:

1. member ways of the ``admin_level`` relations are clipped to the box; a
   way that stops short of the box edge (its next node was clipped away) is
   extended along its last segment to the edge, so that it still separates,
   and a way of which a single node is left (its neighbours were clipped
   away) is joined from that node straight to the nearest box edge when that
   is at most ``MAX_STUB_M`` away.  Without that join, the strip between a
   neighbourhood's last present boundary node and the box edge (a sea
   border cut off a few tens of metres short, say) lets two districts on
   either side leak into one face;
2. the noded union of those lines and the box outline is polygonized into
   faces that tile the box without overlaps;
3. each face is named: by a complete relation containing it, else by a
   ``place`` node (or the relation's label/admin_centre node) of a bounding
   relation's name inside it, else by the relation that owns clearly most
   of its border, else by elimination across a shared boundary way.
   A neighbourhood without any place or label node (one that only touches
   the extract) is still named: it owns most of the border of its face, or
   lies across a boundary way from a named face of its only other owner;
4. faces of one name are merged; unnamed faces join the neighbour with the
   longest shared border, or are dropped when smaller than 1 % of the box;
   a named district smaller than 1 % of the box (the edge strip of a
   neighbourhood that lies outside) joins the neighbour with the longest
   shared border, so the districts still tile the box.  Notes count both.

Closing each relation's partial ring along the box edge would need to know
on which side of its loose ends the relation lies; boundary ways carry no
consistent direction, so that side comes from the same evidence (label
nodes, neighbours across shared ways) that names the faces here, and the
shared face partition guarantees a tiling without overlaps or gaps.

With no boundaries at all, a grid of ``cell_m`` cells named A1, A2, ... (rows
from the north, columns from the west) stands in, and a note says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from twin_app.api import LoadContext

if TYPE_CHECKING:
    import geopandas as gpd

    from twin_layers._osm_read import OsmData

PLACE_HINTS = frozenset({"suburb", "quarter", "neighbourhood", "borough", "city_district", "district"})
SLIVER_FRACTION = 0.01
#: a clipped boundary end farther than this from the box edge is not prolonged
MAX_EXTENSION_M = 250.0
#: a lone node of a way that leaves the extract is joined to the box edge within this distance
MAX_STUB_M = 100.0
_TOL_M = 0.5


def build_districts(
    data: OsmData, ctx: LoadContext, admin_level: str, cell_m: float, notes: list[str]
) -> gpd.GeoDataFrame:
    """A GeoDataFrame (ctx.crs) of districts: name, admin_level, source, area_km2."""
    box = _box(data, ctx)
    rels = {
        rid: r
        for rid, r in data.relations.items()
        if r.tags.get("boundary") == "administrative" and r.tags.get("admin_level") == admin_level
    }
    lines, intact = _member_lines(data, rels, ctx.crs, box) if rels else ({}, set())
    if not lines:
        notes.append(
            f"No administrative boundaries of admin_level {admin_level} in the file; "
            f"districts are a {cell_m:g} m grid named A1, A2, ... (rows from the north)."
        )
        return _grid(box, ctx.crs, cell_m)
    complete = {rid for rid, r in rels.items() if all(ref in intact for t, ref, _ in r.members if t == "w")}
    return _admin_faces(data, rels, complete, lines, box, ctx.crs, admin_level, notes)


def _box(data: OsmData, ctx: LoadContext) -> Any:
    """The extract's outline in the city CRS, densified so it stays exact when curved."""
    import numpy as np
    import shapely
    from pyproj import Transformer

    w, s, e, n = ctx.bbox_lonlat or data.bounds_lonlat or (0.0, 0.0, 0.0, 0.0)
    t = np.linspace(0.0, 1.0, 33)
    lon = np.concatenate([w + (e - w) * t, np.full(33, e), e - (e - w) * t, np.full(33, w)])
    lat = np.concatenate([np.full(33, s), s + (n - s) * t, np.full(33, n), n - (n - s) * t])
    x, y = Transformer.from_crs("EPSG:4326", ctx.crs, always_xy=True).transform(lon, lat)
    return shapely.make_valid(shapely.Polygon(np.column_stack([x, y])))


def _member_lines(
    data: OsmData, rels: dict[int, Any], crs: str, box: Any
) -> tuple[dict[int, tuple[Any, set[int]]], set[int]]:
    """way id -> (its lines clipped to the box and extended to its edge, relations using it).

    The second value holds the ids of member ways that have all their nodes.
    """
    import numpy as np
    import shapely
    from pyproj import Transformer

    owners: dict[int, set[int]] = {}
    for rid, rel in rels.items():
        for mtype, ref, _role in rel.members:
            if mtype == "w":
                owners.setdefault(ref, set()).add(rid)
    ways = data.ways
    to_crs = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    out: dict[int, tuple[Any, set[int]]] = {}
    intact: set[int] = set()
    for i in np.flatnonzero(np.isin(ways.ids, np.fromiter(owners, dtype=np.int64))):
        lo, hi = ways.offsets[i], ways.offsets[i + 1]
        lon, lat = ways.lon[lo:hi], ways.lat[lo:hi]
        x, y = to_crs.transform(lon, lat)
        parts = []
        if not np.isnan(lon).any():
            intact.add(int(ways.ids[i]))
        present = np.flatnonzero(~np.isnan(lon))
        if len(present) >= 2:
            # nodes missing inside the way are bridged with a straight segment;
            # missing nodes at either end mean the way ran out of the extract
            pts = np.column_stack([np.asarray(x)[present], np.asarray(y)[present]])
            parts.append(_extend_to_box(pts, box, present[0] > 0, present[-1] < hi - lo - 1))
        elif len(present) == 1 and hi - lo > 1:
            # one node left of a way that runs out of the extract: it still
            # leaves from there, so join it to the nearest box edge
            stub = _stub_to_box(shapely.Point(np.asarray(x)[present[0]], np.asarray(y)[present[0]]), box)
            if stub is not None:
                parts.append(stub)
        if parts:
            # not clipped: lines that cross the box edge are noded reliably, touching ones are not
            out[int(ways.ids[i])] = (shapely.MultiLineString(parts), owners[int(ways.ids[i])])
    return out, intact


def _stub_to_box(point: Any, box: Any) -> Any:
    """A segment from ``point`` just across the nearest box edge, or None when that is too far."""
    from shapely.ops import nearest_points

    gap = box.exterior.distance(point)
    if not box.contains(point) or gap > MAX_STUB_M:
        return None
    return _overshoot(point, nearest_points(point, box.exterior)[1], by_m=1.0)


def _extend_to_box(pts: Any, box: Any, cut_start: bool, cut_end: bool) -> Any:
    """Prolong the ends whose next node was clipped away, along their last segment, to the box edge.

    Only clipped ends are prolonged: a way's real end meets the next
    boundary way, and prolonging it would cut a district in two.
    """
    import numpy as np
    import shapely
    from shapely.ops import nearest_points

    reach = float(np.hypot(*(np.array(box.bounds[2:]) - np.array(box.bounds[:2]))))
    edge = box.exterior
    coords = [tuple(p) for p in pts]
    for end, prev, at_start, cut in ((pts[0], pts[1], True, cut_start), (pts[-1], pts[-2], False, cut_end)):
        if not cut:
            continue
        d = end - prev
        norm = float(np.hypot(*d))
        if norm == 0 or not box.contains(shapely.Point(end)):
            continue
        point = shapely.Point(end)
        to_edge = edge.distance(point)
        if to_edge > MAX_EXTENSION_M:
            continue  # clipped for another reason than the box: leave the gap
        hit = shapely.LineString([end, end + d / norm * reach]).intersection(edge)
        nearest = nearest_points(point, hit)[1] if not hit.is_empty else None
        if nearest is None or nearest.distance(point) > max(3 * to_edge, 50.0):
            nearest = nearest_points(point, edge)[1]  # the ray runs along the edge: go straight to it
        tip = _overshoot(point, nearest, by_m=1.0).coords[-1]
        if at_start:
            coords.insert(0, tip)
        else:
            coords.append(tip)
    return shapely.LineString(coords)


def _admin_faces(
    data: OsmData,
    rels: dict[int, Any],
    complete: set[int],
    lines: dict[int, tuple[Any, set[int]]],
    box: Any,
    crs: str,
    admin_level: str,
    notes: list[str],
) -> gpd.GeoDataFrame:
    import geopandas as gpd
    import shapely

    noded = _snap_dangles(shapely.union_all([g for g, _ in lines.values()] + [box.exterior]), box)
    faces = [
        f
        for f in shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
        if f.area > 0 and box.contains(f.representative_point())
    ]
    rel_lines = {
        rid: shapely.union_all([g for g, owners in lines.values() if rid in owners]).buffer(_TOL_M)
        for rid in rels
    }
    border = [{rid: f.exterior.intersection(buf).length for rid, buf in rel_lines.items()} for f in faces]
    names: list[int | None] = [None] * len(faces)
    _by_complete(complete, lines, faces, names)
    _by_hint_points(data, rels, crs, faces, border, names)
    _by_border_share(border, names)
    _by_elimination(faces, border, rel_lines, names)

    total = box.area
    named: dict[int, list[Any]] = {}
    dropped = 0
    pending = [i for i, n in enumerate(names) if n is None]
    for i, rid in enumerate(names):
        if rid is not None:
            named.setdefault(rid, []).append(faces[i])
    for i in sorted(pending, key=lambda k: -faces[k].area):
        if faces[i].area < SLIVER_FRACTION * total or not named:
            dropped += 1
            continue
        best = max(
            named, key=lambda rid: shapely.union_all(named[rid]).boundary.intersection(faces[i]).length
        )
        named[best].append(faces[i])
    if pending:
        notes.append(
            f"{len(pending) - dropped} unnamed face(s) merged into their neighbours, {dropped} sliver(s) "
            f"under {SLIVER_FRACTION:.0%} of the area dropped."
        )
    _merge_small_districts(named, rels, total, notes)
    rows = []
    for rid, parts in named.items():
        geom = shapely.union_all(parts)
        rows.append(
            {
                "name": rels[rid].tags.get("name", f"relation {rid}"),
                "admin_level": admin_level,
                "source": "osm-admin",
                "area_km2": geom.area / 1e6,
                "geometry": geom,
            }
        )
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs=crs)
    frame = frame.sort_values("name").reset_index(drop=True)
    notes.append(f"{len(frame)} districts (admin_level {admin_level}) from {len(lines)} boundary ways.")
    return frame


def _merge_small_districts(
    named: dict[int, list[Any]], rels: dict[int, Any], total: float, notes: list[str]
) -> None:
    """A district under 1 % of the box (an edge strip of a neighbourhood outside) joins its neighbour.

    The neighbour is the one sharing the longest border; a district without
    any neighbour stays as it is.
    """
    import shapely

    areas = {rid: shapely.union_all(parts) for rid, parts in named.items()}
    merged = []
    for rid in sorted(areas, key=lambda r: areas[r].area):
        if areas[rid].area >= SLIVER_FRACTION * total or len(areas) < 2:
            continue
        shared = {
            other: _linear(areas[rid].boundary.intersection(geom.buffer(_TOL_M))).length
            for other, geom in areas.items()
            if other != rid
        }
        best = max(shared, key=lambda r: shared[r])
        if shared[best] <= 0:
            continue
        named[best].extend(named.pop(rid))
        areas[best] = shapely.union_all(named[best])
        del areas[rid]
        merged.append(f"{rels[rid].tags.get('name', rid)} into {rels[best].tags.get('name', best)}")
    if merged:
        notes.append(
            f"{len(merged)} district(s) under {SLIVER_FRACTION:.0%} of the area merged into the "
            f"neighbour with the longest shared border: {', '.join(merged)}."
        )


def _by_complete(complete: set[int], lines: dict[int, Any], faces: list[Any], names: list) -> None:
    """A relation with all its member ways in the file contains its faces outright."""
    import shapely

    for rid in sorted(complete):
        mine = [g for g, owners in lines.values() if rid in owners]
        if not mine:
            continue
        area = shapely.union_all(
            shapely.get_parts(shapely.polygonize(shapely.get_parts(shapely.union_all(mine))))
        )
        if area.is_empty:
            continue
        for i, face in enumerate(faces):
            if names[i] is None and area.contains(face.representative_point()):
                names[i] = rid


def _by_hint_points(
    data: OsmData, rels: dict[int, Any], crs: str, faces: list[Any], border: list[dict], names: list
) -> None:
    """A place node named like a bounding relation (or its label node) names the face it lies in."""
    import shapely
    from pyproj import Transformer

    to_crs = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    by_name = {r.tags.get("name"): rid for rid, r in rels.items() if r.tags.get("name")}
    label_ids = {ref: rid for rid, r in rels.items() for t, ref, role in r.members if t == "n"}
    for node_id, tags, lon, lat in data.place_nodes:
        rid = label_ids.get(node_id)
        if rid is None and tags.get("place") in PLACE_HINTS:
            rid = by_name.get(tags.get("name"))
        if rid is None:
            continue
        point = shapely.Point(*to_crs.transform(lon, lat))
        for i, face in enumerate(faces):
            if names[i] is None and border[i].get(rid, 0) > 0 and face.contains(point):
                names[i] = rid


def _by_border_share(border: list[dict], names: list) -> None:
    """The relation owning clearly most of a face's border (1.5x the runner-up) owns the face."""
    for i, shares in enumerate(border):
        if names[i] is not None:
            continue
        ranked = sorted(shares.items(), key=lambda kv: -kv[1])
        if ranked and ranked[0][1] > 0 and (len(ranked) == 1 or ranked[0][1] > 1.5 * ranked[1][1]):
            names[i] = ranked[0][0]


def _by_elimination(faces: list[Any], border: list[dict], rel_lines: dict[int, Any], names: list) -> None:
    """Across a boundary owned by relations {A, B}, the face opposite an A face is B."""
    changed = True
    while changed:
        changed = False
        for i, face in enumerate(faces):
            if names[i] is not None:
                continue
            for j, other in enumerate(faces):
                if names[j] is None or i == j:
                    continue
                shared = _linear(face.exterior.intersection(other.exterior))
                if shared.length <= 1.0:
                    continue
                owners = {
                    rid
                    for rid, buf in rel_lines.items()
                    if shared.intersection(buf).length > 0.5 * shared.length
                }
                rest = [rid for rid in owners if rid != names[j] and border[i].get(rid, 0) > 0]
                if names[j] in owners and len(rest) == 1:
                    names[i] = rest[0]
                    changed = True
                    break


def _snap_dangles(noded: Any, box: Any) -> Any:
    """Join each loose end to the nearest other boundary (or the box edge) within reach.

    A loose end is where a neighbouring boundary way is missing from the
    extract; without the join two districts would leak into one face.
    """
    import numpy as np
    import shapely
    from shapely.ops import nearest_points

    parts = [p for p in shapely.get_parts(noded) if p.geom_type == "LineString"]
    ends = np.array([c for p in parts for c in (p.coords[0], p.coords[-1])])
    _, inverse, degree = np.unique(ends.round(6), axis=0, return_inverse=True, return_counts=True)
    bridges = []
    for k in np.flatnonzero(degree[inverse.ravel()] == 1):
        point = shapely.Point(ends[k])
        if not box.contains(point):
            continue  # outside the extract: a harmless dangle
        own = k // 2
        others = shapely.union_all([p for j, p in enumerate(parts) if j != own])
        target = nearest_points(point, others)[1]
        gap = point.distance(target)
        if 0 < gap <= MAX_EXTENSION_M:
            bridges.append(_overshoot(point, target))
    if not bridges:
        return noded
    return shapely.union_all([*shapely.get_parts(noded), *bridges])


def _overshoot(start: Any, target: Any, by_m: float = 0.05) -> Any:
    """A segment from ``start`` slightly past ``target``.

    The nearest point on a line is rarely exactly on it in floating point, so
    a segment ending there would not be noded; crossing it by a few cm is.
    """
    import numpy as np
    import shapely

    a = np.array(start.coords[0])
    b = np.array(target.coords[0])
    d = b - a
    return shapely.LineString([a, b + d / np.hypot(*d) * by_m])


def _linear(geom: Any) -> Any:
    """Only the line parts of an intersection (shared corners are points)."""
    import shapely

    parts = [
        p
        for p in shapely.get_parts(
            shapely.line_merge(geom) if geom.geom_type != "GeometryCollection" else geom
        )
    ]
    lines = [p for p in parts if p.geom_type in ("LineString", "LinearRing", "MultiLineString")]
    return shapely.union_all(lines) if lines else shapely.LineString()


def _grid(box: Any, crs: str, cell_m: float) -> gpd.GeoDataFrame:
    import geopandas as gpd
    import numpy as np
    import shapely

    minx, miny, maxx, maxy = box.bounds
    nx = max(1, int(np.ceil((maxx - minx) / cell_m)))
    ny = max(1, int(np.ceil((maxy - miny) / cell_m)))
    rows = []
    for r in range(ny):
        top = maxy - r * cell_m
        for c in range(nx):
            left = minx + c * cell_m
            cell = shapely.box(left, top - cell_m, left + cell_m, top).intersection(box)
            if cell.is_empty or cell.area <= 0:
                continue
            rows.append(
                {
                    "name": f"{_letters(r)}{c + 1}",
                    "admin_level": "",
                    "source": "grid",
                    "area_km2": cell.area / 1e6,
                    "geometry": cell,
                }
            )
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=crs)


def _letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: spreadsheet-style row names."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(ord("A") + rem) + out
    return out
