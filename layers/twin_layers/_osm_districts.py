"""Districts from administrative boundaries, even when the extract cuts them.

Which boundaries
----------------
OpenStreetMap tags every administrative area with an ``admin_level`` whose
meaning differs by country (Helsinki's neighbourhoods are 10, German
municipalities 8, ...), so no level is right everywhere.  Unless the user
names one (option ``admin_level``, ``city import --district-level``), each
level present is tried from the finest (11, 10, 9, 8, ...) and the first that
*partitions the built-up part of the extract* is taken: at least
``MIN_DISTRICTS`` districts that each hold some of it, no more than
``MAX_DISTRICTS``, together covering at least ``MIN_COVERAGE`` of it.  The
built-up part is where the buildings and streets are (their nodes), because a
level that divides the surrounding fields or sea but leaves the town in one
piece, or that covers one suburb only, is of no use to a planner.

How an extract that cuts them is tiled
--------------------------------------
A city extract usually contains only a couple of complete boundary
relations: the others lose the member ways (or nodes) that lie outside the
extract.  Instead of assembling relations, the extract's bounding box is cut
with every boundary way of the level:

1. member ways are clipped to the box; a way that stops short of the box edge
   (its next node was clipped away) is extended along its last segment to
   the edge, so that it still separates, and a way of which a single node is
   left is joined from that node straight to the nearest box edge when that
   is at most ``MAX_STUB_M`` away.  Without that join, the strip between a
   neighbourhood's last present boundary node and the box edge lets two
   districts on either side leak into one face;
2. the noded union of those lines and the box outline is polygonized into
   faces that tile the box without overlaps;
3. each face is named.  A relation with all its member ways in the file
   (*complete*) owns exactly the faces inside its assembled outline, and no
   other.  The remaining faces are named by a ``place`` node (or the
   relation's label/admin_centre node) of an incomplete relation's name
   inside them, else by the incomplete relation that owns clearly most of
   their border, else by elimination across a shared boundary way;
4. faces of one name make one district.  Two named districts are never
   merged, however small: the edge strip of a neighbourhood the extract cuts
   stays that neighbourhood, marked ``clipped``.  An unnamed face is land in
   no district of that level (fields around a town, a neighbour municipality
   without boundary data): it is reported with its area, not given to a
   neighbour, except slivers under ``SLIVER_M2`` between nearly coincident
   boundary ways, which are counted and joined to the neighbour they share
   most border with.

Closing each relation's partial ring along the box edge would need to know
on which side of its loose ends the relation lies; boundary ways carry no
consistent direction, so that side comes from the same evidence (label
nodes, neighbours across shared ways) that names the faces here, and the
shared face partition guarantees a tiling without overlaps.

With no usable boundaries, a grid stands in over the built-up extent, with a
cell size (100 m, 200 m, 250 m, 500 m, 1 km, ...; a district is never smaller than a block) that gives between
``GRID_MIN`` and ``GRID_MAX`` cells, named A1, A2, ... (rows from the north,
columns from the west); a note says so.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from twin_app.api import (
    CLIPPED_COLUMN,
    DISTRICT_COLUMN,
    DistrictsError,
    LoadContext,
    ResourceLimitError,
    _,
    format_number,
)

if TYPE_CHECKING:
    import geopandas as gpd
    import numpy as np

    from twin_layers._osm_read import OsmData

PLACE_HINTS = frozenset({"suburb", "quarter", "neighbourhood", "borough", "city_district", "district"})
#: an unnamed face smaller than this is an artefact of nearly coincident boundary ways
SLIVER_M2 = 500.0
#: a clipped boundary end farther than this from the box edge is not prolonged
MAX_EXTENSION_M = 250.0
#: a lone node of a way that leaves the extract is joined to the box edge within this distance
MAX_STUB_M = 100.0
_TOL_M = 0.5

#: what makes an admin level a sensible set of districts (see the module docstring)
MIN_DISTRICTS = 2
MAX_DISTRICTS = 200
MIN_COVERAGE = 0.75
#: a district counts towards MIN_DISTRICTS when it holds this share of the built-up points
MIN_SHARE = 0.02
#: the grid fallback aims at this many cells (GRID_TARGET), accepting GRID_MIN..GRID_MAX
GRID_MIN, GRID_TARGET, GRID_MAX = 9, 20, 36
NICE_CELLS_M = (100.0, 200.0, 250.0, 500.0, 1000.0, 2000.0, 2500.0, 5000.0, 10000.0, 20000.0, 25000.0)
#: the most cells a grid asked for with ``grid_cell_m`` may have (each is a district to draw and name)
GRID_MAX_CELLS = 10_000
#: built-up sample points used to judge a level (a regular subsample when there are more)
MAX_SAMPLE = 20000


@dataclass
class Districts:
    """What :func:`build_districts` found: the districts and the land left outside them."""

    frame: gpd.GeoDataFrame
    outside_km2: float


def build_districts(
    data: OsmData, ctx: LoadContext, admin_level: str | None, cell_m: float | None, notes: list[str]
) -> Districts:
    """Districts (ctx.crs): district, clipped, admin_level, source, osm_id, area_km2.

    ``admin_level`` None chooses the level from the file; ``cell_m`` None
    chooses the grid fallback's cell size.
    """
    grid_cell_option(cell_m)
    box = _box(data, ctx)
    built = _built_up_points(data, ctx.crs, box)
    levels = _admin_levels(data)
    tried: list[str] = []
    candidates = [admin_level] if admin_level is not None else sorted(levels, key=_level_key)
    for level in candidates:
        rels = levels.get(level, {})
        lines, intact = _member_lines(data, rels, ctx.crs, box) if rels else ({}, set())
        if not lines:
            tried.append(f"admin_level {level}: no boundaries in the extract")
            continue
        touching = len({r for _, owners in lines.values() for r in owners})
        if admin_level is None and touching < MIN_DISTRICTS:
            tried.append(f"admin_level {level}: one area only")
            continue
        if admin_level is None and touching > 2 * MAX_DISTRICTS:
            # each district is one relation: so many could not make a readable set
            tried.append(f"admin_level {level}: {touching} areas, too many to read")
            continue
        complete = {
            rid for rid, r in rels.items() if all(ref in intact for t, ref, _ in r.members if t == "w")
        }
        found = _admin_faces(data, rels, complete, lines, box, ctx.crs, level)
        verdict = _judge(found.frame, built)
        if admin_level is not None or verdict is None:
            how = "as asked" if admin_level is not None else "the finest level that divides the built-up area"
            notes.append(
                f"{len(found.frame)} districts from the admin_level {level} boundaries ({how}; "
                f"{len(lines)} boundary ways)."
            )
            notes.extend(found.notes)
            if tried:
                notes.append("Finer levels not used: " + "; ".join(tried) + ".")
            return Districts(found.frame, found.outside_km2)
        tried.append(f"admin_level {level}: {verdict}")
    return _grid_districts(box, built, ctx.crs, cell_m, tried, notes)


@functools.lru_cache(maxsize=8)
def grid_cell_option(value: object) -> float | None:
    """The ``grid_cell_m`` option as metres (None: not given), or a sentence when it is not a length."""
    if value is None or value == "":
        return None
    try:
        cell_m = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        cell_m = math.nan
    if not (math.isfinite(cell_m) and cell_m > 0):
        raise DistrictsError(
            _(
                "The district grid cell size grid_cell_m = {value} is not a length: give a positive "
                "number of metres (for example 500), or leave it out to let twin_app choose."
            ).format(value=repr(value))
        )
    return cell_m


def _from_lonlat(crs: str) -> Any:
    """One lon/lat -> ``crs`` transformer per CRS: making one costs tens of milliseconds."""
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:4326", crs, always_xy=True)


def _level_key(level: str) -> tuple[float, str]:
    """Finest first: 11, 10, 9, ...; levels that are not numbers last."""
    try:
        return (-float(level), level)
    except ValueError:
        return (math.inf, level)


def _admin_levels(data: OsmData) -> dict[str, dict[int, Any]]:
    """admin_level -> {relation id: relation} of the administrative boundary relations."""
    out: dict[str, dict[int, Any]] = {}
    for rid, rel in data.relations.items():
        level = rel.tags.get("admin_level")
        if rel.tags.get("boundary") == "administrative" and level:
            out.setdefault(level.strip(), {})[rid] = rel
    return out


def _built_up_points(data: OsmData, crs: str, box: Any) -> np.ndarray:
    """(n, 2) points in ``crs`` where the extract is built up: nodes of buildings and streets in the box.

    An extract with neither falls back to a regular lattice over the box, so
    that levels are then judged by the land they cover.
    """
    import numpy as np
    import shapely

    ways = data.ways
    keep = np.fromiter(
        (("building" in t and t["building"] != "no") or "highway" in t for t in ways.tags),
        dtype=bool,
        count=len(ways),
    )
    counts = np.diff(ways.offsets)
    mask = np.repeat(keep, counts)
    lon, lat = ways.lon[mask], ways.lat[mask]
    ok = ~(np.isnan(lon) | np.isnan(lat))
    lon, lat = lon[ok], lat[ok]
    if len(lon) > MAX_SAMPLE:
        step = math.ceil(len(lon) / MAX_SAMPLE)
        lon, lat = lon[::step], lat[::step]
    if len(lon):
        x, y = _from_lonlat(crs).transform(lon, lat)
        x, y = np.asarray(x), np.asarray(y)
        # points on the edge count: a street may end exactly at the extent's corner
        inside = shapely.intersects_xy(box.buffer(1.0), x, y)
        if inside.any():
            return np.column_stack([x[inside], y[inside]])
    minx, miny, maxx, maxy = box.bounds
    gx, gy = np.meshgrid(np.linspace(minx, maxx, 52)[1:-1], np.linspace(miny, maxy, 52)[1:-1])
    inside = shapely.contains_xy(box, gx.ravel(), gy.ravel())
    return np.column_stack([gx.ravel()[inside], gy.ravel()[inside]])


def _judge(frame: gpd.GeoDataFrame, built: np.ndarray) -> str | None:
    """None when ``frame`` partitions the built-up points sensibly, else why not (words)."""
    import numpy as np
    import shapely

    if len(built) == 0:
        return None if len(frame) >= MIN_DISTRICTS else "fewer than two districts"
    if len(frame) > MAX_DISTRICTS:
        return f"{len(frame)} districts, too many to read"
    geoms = frame.geometry.to_numpy().copy()
    shapely.prepare(geoms)
    held = np.array([np.count_nonzero(shapely.contains_xy(g, built[:, 0], built[:, 1])) for g in geoms])
    share = held / len(built)
    coverage = float(share.sum())
    holding = int(np.count_nonzero(share >= MIN_SHARE))
    if holding < MIN_DISTRICTS:
        return f"{len(frame)} district(s), {holding} of them holding buildings or streets"
    if coverage < MIN_COVERAGE:
        return f"{len(frame)} districts covering {coverage:.0%} of the buildings and streets"
    return None


@dataclass
class _Faces:
    frame: gpd.GeoDataFrame
    outside_km2: float
    notes: list[str]


def _box(data: OsmData, ctx: LoadContext) -> Any:
    """The extract's outline in the city CRS, densified so it stays exact when curved."""
    import numpy as np
    import shapely

    w, s, e, n = ctx.bbox_lonlat or data.bounds_lonlat or (0.0, 0.0, 0.0, 0.0)
    t = np.linspace(0.0, 1.0, 33)
    lon = np.concatenate([w + (e - w) * t, np.full(33, e), e - (e - w) * t, np.full(33, w)])
    lat = np.concatenate([np.full(33, s), s + (n - s) * t, np.full(33, n), n - (n - s) * t])
    x, y = _from_lonlat(ctx.crs).transform(lon, lat)
    return shapely.make_valid(shapely.Polygon(np.column_stack([x, y])))


def _member_lines(
    data: OsmData, rels: dict[int, Any], crs: str, box: Any
) -> tuple[dict[int, tuple[Any, set[int]]], set[int]]:
    """way id -> (its lines clipped to the box and extended to its edge, relations using it).

    The second value holds the ids of member ways that have all their nodes.
    """
    import numpy as np
    import shapely

    owners: dict[int, set[int]] = {}
    for rid, rel in rels.items():
        for mtype, ref, _role in rel.members:
            if mtype == "w":
                owners.setdefault(ref, set()).add(rid)
    ways = data.ways
    to_crs = _from_lonlat(crs)
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
) -> _Faces:
    import geopandas as gpd
    import pandas as pd
    import shapely

    noded = _snap_dangles(shapely.union_all([g for g, _ in lines.values()] + [box.exterior]), box)
    faces = [
        f
        for f in shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
        if f.area > 0 and box.contains(f.representative_point())
    ]
    rel_ids = sorted({rid for _, owners in lines.values() for rid in owners})
    own: dict[int, list[Any]] = {rid: [] for rid in rel_ids}
    for g, owners in lines.values():
        for rid in owners:
            own[rid].append(g)
    rel_lines = {rid: shapely.union_all(own[rid]).buffer(_TOL_M) for rid in rel_ids}
    border = _borders(faces, rel_lines)
    names: list[int | None] = [None] * len(faces)
    outlines = _by_complete(complete, rels, lines, faces, names)
    # a complete relation owns the faces inside its outline and no other
    open_border = [{rid: v for rid, v in b.items() if rid not in complete} for b in border]
    _by_hint_points(data, rels, crs, faces, open_border, names)
    _by_border_share(open_border, names)
    _by_elimination(faces, open_border, {r: g for r, g in rel_lines.items() if r not in complete}, names)

    named: dict[int, list[Any]] = {}
    for i, rid in enumerate(names):
        if rid is not None:
            named.setdefault(rid, []).append(faces[i])
    notes: list[str] = []
    outside: list[Any] = []
    slivers = 0
    for i in [k for k, n in enumerate(names) if n is None]:
        if faces[i].area < SLIVER_M2 and named:
            best = max(
                named, key=lambda rid: shapely.union_all(named[rid]).boundary.intersection(faces[i]).length
            )
            named[best].append(faces[i])
            slivers += 1
        else:
            outside.append(faces[i])
    if slivers:
        notes.append(
            f"{slivers} sliver(s) under {SLIVER_M2:g} m² between nearly coincident boundaries joined "
            "the district they share most border with."
        )
    outside_km2 = sum(f.area for f in outside) / 1e6
    if outside:
        notes.append(
            f"{outside_km2:.2f} km² ({outside_km2 * 1e6 / box.area:.0%} of the extract) lies in no "
            f"admin_level {admin_level} district and is left outside the districts."
        )
    rows = []
    for rid, parts in named.items():
        geom = shapely.union_all(parts)
        whole = outlines.get(rid)
        # a complete relation is clipped when its outline reaches past the extract
        clipped = whole is None or whole.area - geom.area > 0.001 * whole.area
        rows.append(
            {
                DISTRICT_COLUMN: rels[rid].tags.get("name") or f"relation {rid}",
                CLIPPED_COLUMN: bool(clipped),
                "admin_level": admin_level,
                "source": "osm-admin",
                "osm_id": int(rid),
                "area_km2": geom.area / 1e6,
                "geometry": geom,
            }
        )
    # the columns named, so that no face named by a relation (damaged boundaries) is an empty frame
    columns = [DISTRICT_COLUMN, CLIPPED_COLUMN, "admin_level", "source", "osm_id", "area_km2", "geometry"]
    frame = gpd.GeoDataFrame(pd.DataFrame(rows, columns=columns), geometry="geometry", crs=crs)
    if len(frame):
        frame = frame.sort_values([DISTRICT_COLUMN, "osm_id"]).reset_index(drop=True)
        twice = frame[DISTRICT_COLUMN].duplicated(keep=False)
        # two relations of one name (a "Neustadt" in two towns) stay two districts
        frame.loc[twice, DISTRICT_COLUMN] = [
            f"{n} (relation {r})"
            for n, r in zip(frame.loc[twice, DISTRICT_COLUMN], frame.loc[twice, "osm_id"], strict=True)
        ]
    cut = int(frame[CLIPPED_COLUMN].sum()) if len(frame) else 0
    if cut:
        notes.append(
            f"{cut} district(s) reach beyond the extract and are clipped to it: "
            f"{', '.join(frame.loc[frame[CLIPPED_COLUMN], DISTRICT_COLUMN])}."
        )
    return _Faces(frame, outside_km2, notes)


def _borders(faces: list[Any], rel_lines: dict[int, Any]) -> list[dict[int, float]]:
    """For each face, the length of its outline along each relation's boundary ways."""
    import shapely

    border: list[dict[int, float]] = [{} for _ in faces]
    if not faces or not rel_lines:
        return border
    rids = list(rel_lines)
    tree = shapely.STRtree([rel_lines[r] for r in rids])
    face_idx, rel_idx = tree.query(faces, predicate="intersects")
    for i, j in zip(face_idx.tolist(), rel_idx.tolist(), strict=True):
        length = faces[i].exterior.intersection(rel_lines[rids[j]]).length
        if length > 0:
            border[i][rids[j]] = length
    return border


def _by_complete(
    complete: set[int], rels: dict[int, Any], lines: dict[int, Any], faces: list[Any], names: list
) -> dict[int, Any]:
    """A relation with all its member ways in the file contains its faces outright.

    Its outline is its outer rings less its inner ones, so that an enclave
    (a district inside another) is not claimed by the one around it.
    Returns each such relation's outline, by which it is later judged
    clipped or not.
    """
    import numpy as np
    import shapely

    def rings(ways: list[Any]) -> Any:
        if not ways:
            return shapely.Polygon()
        return shapely.union_all(
            shapely.get_parts(shapely.polygonize(shapely.get_parts(shapely.union_all(ways))))
        )

    outlines: dict[int, Any] = {}
    points = shapely.STRtree([f.representative_point() for f in faces]) if faces else None
    for rid in sorted(complete):
        roles = {ref: role for t, ref, role in rels[rid].members if t == "w"}
        outer = [lines[w][0] for w, role in roles.items() if w in lines and role != "inner"]
        inner = [lines[w][0] for w, role in roles.items() if w in lines and role == "inner"]
        if not outer or points is None:
            continue
        area = rings(outer).difference(rings(inner))
        if area.is_empty:
            continue
        outlines[rid] = area
        for i in np.sort(points.query(area, predicate="contains")).tolist():
            if names[i] is None:
                names[i] = rid
    return outlines


def _by_hint_points(
    data: OsmData, rels: dict[int, Any], crs: str, faces: list[Any], border: list[dict], names: list
) -> None:
    """A place node named like a bounding relation (or its label node) names the face it lies in."""
    import shapely

    if not faces:
        return
    tree = shapely.STRtree(faces)
    to_crs = _from_lonlat(crs)
    by_name = {r.tags.get("name"): rid for rid, r in rels.items() if r.tags.get("name")}
    label_ids = {ref: rid for rid, r in rels.items() for t, ref, role in r.members if t == "n"}
    for node_id, tags, lon, lat in data.place_nodes:
        rid = label_ids.get(node_id)
        if rid is None and tags.get("place") in PLACE_HINTS:
            rid = by_name.get(tags.get("name"))
        if rid is None:
            continue
        point = shapely.Point(*to_crs.transform(lon, lat))
        for i in tree.query(point, predicate="within").tolist():
            if names[i] is None and border[i].get(rid, 0) > 0:
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
    import shapely

    if not faces:
        return
    tree = shapely.STRtree(faces)
    left, right = tree.query(faces, predicate="intersects")
    neighbours: dict[int, list[int]] = {}
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        if i != j:
            neighbours.setdefault(i, []).append(j)
    changed = True
    while changed:
        changed = False
        for i, face in enumerate(faces):
            if names[i] is not None:
                continue
            for j in neighbours.get(i, []):
                if names[j] is None:
                    continue
                shared = _linear(face.exterior.intersection(faces[j].exterior))
                if shared.length <= 1.0:
                    continue
                owners = {
                    rid
                    for rid, buf in rel_lines.items()
                    if shared.intersection(buf).length > 0.5 * shared.length
                }
                rest = [rid for rid in owners if rid != names[j] and border[i].get(rid, 0) > 0]
                # a complete neighbour's own ways are not in rel_lines: then the
                # boundary must be the other relation's alone
                mine = names[j] in owners or (names[j] not in rel_lines and owners == set(rest))
                if len(rest) == 1 and mine:
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


def _grid_districts(
    box: Any, built: np.ndarray, crs: str, cell_m: float | None, tried: list[str], notes: list[str]
) -> Districts:
    """A grid over the built-up extent, when no admin level divides it."""
    import numpy as np

    if len(built):
        minx, miny = built.min(axis=0)
        maxx, maxy = built.max(axis=0)
    else:
        minx, miny, maxx, maxy = box.bounds
    chosen = cell_m or grid_cell_size(maxx - minx, maxy - miny)
    n_cells = _cells_across(maxx - minx, chosen) * _cells_across(maxy - miny, chosen)
    if n_cells > GRID_MAX_CELLS:
        fits = next(
            (
                size
                for size in NICE_CELLS_M
                if _cells_across(maxx - minx, size) * _cells_across(maxy - miny, size) <= GRID_MAX_CELLS
            ),
            NICE_CELLS_M[-1],
        )
        raise ResourceLimitError(
            _(
                "A district grid of {cell} m cells over this city ({width} × {height} km) would have "
                "{count} districts, more than the {limit} twin_app draws: set grid_cell_m to {fits} or more, "
                "or leave it out."
            ).format(
                cell=format_number(chosen),
                width=format_number((maxx - minx) / 1000, 1),
                height=format_number((maxy - miny) / 1000, 1),
                count=format_number(n_cells),
                limit=format_number(GRID_MAX_CELLS),
                fits=format_number(fits),
            ),
        )
    frame = _grid((float(minx), float(miny), float(maxx), float(maxy)), box, crs, chosen)
    why = "; ".join(tried) if tried else "no administrative boundaries in the file"
    how = "as asked" if cell_m else "sized to give a readable number of districts"
    notes.append(
        f"No admin level divides the built-up area ({why}); districts are a {chosen:g} m grid "
        f"({how}) named A1, A2, ... (rows from the north)."
    )
    covered = float(np.sum(frame.geometry.area)) if len(frame) else 0.0
    outside_km2 = max(box.area - covered, 0.0) / 1e6
    if outside_km2 > 0.0005:
        notes.append(
            f"{outside_km2:.2f} km² of the extract, beyond its buildings and streets, lies outside the grid."
        )
    return Districts(frame, outside_km2)


def grid_cell_size(width_m: float, height_m: float) -> float:
    """The nice cell size (100 m, 200 m, ... 25 km) whose grid over ``width × height`` is most readable.

    Readable means GRID_MIN..GRID_MAX cells, as near GRID_TARGET as the nice
    sizes allow (compared on a log scale); without any in range, the nearest.
    """

    def cells(size: float) -> int:
        return _cells_across(width_m, size) * _cells_across(height_m, size)

    def badness(size: float) -> tuple[bool, float]:
        n = cells(size)
        return (not GRID_MIN <= n <= GRID_MAX, abs(math.log(n / GRID_TARGET)))

    return min(NICE_CELLS_M, key=badness)


def _cells_across(length_m: float, cell_m: float) -> int:
    """Cells of ``cell_m`` needed to span ``length_m``.

    An overshoot under a metre (coordinates rounded to 1e-7 degrees, a
    street ending on the extent's edge) adds no row of cells.
    """
    return max(1, math.ceil((length_m - 1.0) / cell_m))


def _grid(bounds: tuple[float, float, float, float], box: Any, crs: str, cell_m: float) -> gpd.GeoDataFrame:
    """Cells of ``cell_m`` covering ``bounds`` (centred on it), clipped to ``box``."""
    import geopandas as gpd
    import shapely

    minx, miny, maxx, maxy = bounds
    nx, ny = _cells_across(maxx - minx, cell_m), _cells_across(maxy - miny, cell_m)
    left0 = (minx + maxx) / 2 - nx * cell_m / 2
    top0 = (miny + maxy) / 2 + ny * cell_m / 2
    rows = []
    for r in range(ny):
        top = top0 - r * cell_m
        for c in range(nx):
            left = left0 + c * cell_m
            cell = shapely.box(left, top - cell_m, left + cell_m, top).intersection(box)
            if cell.is_empty or cell.area <= 0:
                continue
            rows.append(
                {
                    DISTRICT_COLUMN: f"{_letters(r)}{c + 1}",
                    CLIPPED_COLUMN: bool(cell.area < cell_m * cell_m * 0.999),
                    "admin_level": "",
                    "source": "grid",
                    "osm_id": 0,
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
