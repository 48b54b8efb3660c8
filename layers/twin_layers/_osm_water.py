"""Water as people know it: the sea closed from coastlines, lakes, rivers and harbour basins.

The sea
-------
OpenStreetMap has no sea polygons.  The sea is where the land ends: ways
tagged ``natural=coastline``, drawn with the land on their *left* and the
water on their *right*, which a city extract cuts wherever they leave it.
osmcoastline assembles them into rings for the whole planet; an extract
needs the small version of the same idea, closed against the extract's
outline exactly as the districts are (:mod:`twin_layers._osm_districts`):

1. each coastline way is split into its runs of nodes present in the file;
   an end whose next node was clipped away is prolonged along its last
   segment to the extract's edge (``_extend_to_box``), so that the line
   still divides the extract.  A single node left of a way is dropped: it
   has no direction;
2. the runs are merged into lines in their own direction
   (``line_merge(directed=True)``), and a gap of at most ``CLOSE_M`` between
   one line's end and another's start is closed, as osmcoastline closes
   small gaps;
3. the lines and the extract's outline are noded and polygonized into
   faces that tile the extract;
4. each face is judged by the coastline that bounds it: a point a few
   centimetres to the right of every coastline segment's midpoint votes
   *sea* for the face it lies in, one to the left votes *land*, weighted
   by the segment's length.  A face with sea votes only is sea; a closed
   coastline ring (an island) therefore is land inside, sea outside.

Nothing is guessed.  An extract without any coastline has no sea, however
near the shore it may be (an inland city stays dry).  Where the coastline
is broken (a line ends inside the extract, or runs the wrong way), the
faces around the break receive votes from both sides: they are left dry
and the layer's notes say where the coastline is broken and how much area
stays undecided.  Flooding land would be worse than missing a bay.

Inland water
------------
Areas (closed ways and multipolygons, islands cut out as inner rings):
``natural=water`` (its ``water=*`` names the kind: lake, pond, reservoir,
basin, river, canal, harbour, ...), ``waterway=riverbank|dock``,
``landuse=reservoir|basin``, and ``leisure=marina`` or ``harbour=*`` only
where the area is also tagged as water.  Rivers, streams and canals drawn
only as lines (``waterway=river|stream|canal``) are buffered to their
``width`` tag, else to a typical width per type (``LINE_WIDTH_M``), and add
only what no area already covers; those in tunnels or culverts are left out.

One layer, nothing drawn twice
------------------------------
Areas come first (smallest first, so a pond mapped inside a lake keeps its
own row), then the sea less those areas, then the buffered lines less all
the rest: coincident faces would flicker in the 3D view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from twin_app.api import _, format_number

if TYPE_CHECKING:
    import geopandas as gpd
    import numpy as np

    from twin_app.api import LoadContext
    from twin_layers._osm_read import OsmData

#: a gap between a coastline's end and another's start closed without a note (osmcoastline: 1 m)
CLOSE_M = 1.0
#: how far to either side of a coastline segment the sea/land vote is cast
VOTE_OFFSET_M = 0.05
#: a face is sea when land votes are under this share of its sea votes (rounding at sharp corners)
VOTE_TOLERANCE = 0.02
#: a fragment left by removing overlaps smaller than this is dropped
MIN_PART_M2 = 1.0
#: typical widths of waterways drawn only as lines, when they carry no ``width`` tag
LINE_WIDTH_M: dict[str, float] = {"river": 10.0, "canal": 6.0, "stream": 2.0}

SEA = "sea"
#: ``water=*`` values of a ``natural=water`` area and the kind each gives
_WATER_KINDS: dict[str, str] = {
    "lake": "lake",
    "pond": "pond",
    "reservoir": "reservoir",
    "basin": "basin",
    "lagoon": "lagoon",
    "oxbow": "lake",
    "river": "river",
    "stream": "river",
    "canal": "canal",
    "ditch": "river",
    "harbour": "harbour",
    "dock": "harbour",
    "lock": "canal",
}


def water_kind(tags: dict[str, str]) -> str | None:
    """The kind of water an area's tags describe ("lake", "river", "harbour", ...), or None."""
    natural = tags.get("natural")
    waterway = tags.get("waterway")
    landuse = tags.get("landuse")
    if natural == "water":
        if tags.get("leisure") == "marina":
            return "marina"
        water = tags.get("water")
        if water in _WATER_KINDS:
            return _WATER_KINDS[water]
        if "harbour" in tags:
            return "harbour"
        return "water"
    if waterway == "riverbank":
        return "river"
    if waterway == "dock":
        return "harbour"
    if landuse in ("reservoir", "basin"):
        return landuse
    return None


def is_water(tags: dict[str, str]) -> bool:
    """A fast ``water_kind(tags) is not None`` for the reader's tag filter."""
    get = tags.get
    return (
        get("natural") == "water"
        or get("waterway") in ("riverbank", "dock")
        or get("landuse") in ("reservoir", "basin")
    )


#: attribute columns of the water areas and the tag (or function of the tags) each copies
WATER_COLUMNS: dict[str, str | Callable[[dict[str, str]], Any]] = {"kind": water_kind, "name": "name"}


def water_frame(
    areas: gpd.GeoDataFrame, data: OsmData, ctx: LoadContext, notes: list[str]
) -> gpd.GeoDataFrame:
    """Sea, inland areas and buffered waterways (ctx.crs) without overlaps.

    ``areas`` are the water areas read from the file (lon/lat), with the
    columns of :data:`WATER_COLUMNS` and ``osm_id``, ``osm_type``.
    """
    import geopandas as gpd
    import shapely

    from twin_layers._osm_districts import _box, _from_lonlat

    box = _box(data, ctx)
    to_crs = _from_lonlat(ctx.crs)  # making a transformer costs a tenth of a second: once
    areas = areas.to_crs(ctx.crs) if len(areas) else gpd.GeoDataFrame(areas, geometry=[], crs=ctx.crs)
    geoms = shapely.make_valid(areas.geometry.to_numpy())
    # in order of precedence: mapped areas (smallest first), the sea, then waterways drawn as lines
    rows: list[dict[str, Any]] = [
        _row(
            geoms[i],
            areas["kind"].iloc[i],
            areas["name"].iloc[i],
            areas["osm_id"].iloc[i],
            areas["osm_type"].iloc[i],
        )
        for i in shapely.area(geoms).argsort(kind="stable").tolist()
    ]
    cut = [
        _row(g, water_kind(t) or "water", t.get("name"), i, "way")
        for g, t, i in _cut_areas(data, box, to_crs, notes)
    ]
    rows += sorted(cut, key=lambda r: r["geometry"].area)
    sea = sea_area(data, box, to_crs, notes)
    if not sea.is_empty:
        rows.append(_row(sea, SEA, None, 0, "coastline"))
    rows += [_row(g, kind, name, i, "way") for g, kind, name, i in _waterway_lines(data, to_crs)]
    rows = _without_overlaps(rows)
    if not rows:
        return gpd.GeoDataFrame({"kind": [], "name": []}, geometry=[], crs=ctx.crs)
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs=ctx.crs)
    by_kind = frame.assign(a=frame.geometry.area).groupby("kind")["a"].sum()
    notes.append(
        f"Water: {', '.join(f'{k} {_area_text(v)}' for k, v in sorted(by_kind.items()))} "
        f"({float(by_kind.sum()) / box.area:.0%} of the extract)."
    )
    return frame


def _row(geom: Any, kind: str, name: Any, osm_id: Any, osm_type: str) -> dict[str, Any]:
    return {
        "kind": kind,
        "name": name if isinstance(name, str) else None,
        "osm_id": int(osm_id),
        "osm_type": osm_type,
        "geometry": geom,
    }


def _without_overlaps(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each row less what the rows before it cover, as polygons; rows left empty are dropped.

    The union of the earlier rows' own geometries equals the union of what
    was kept of them, so one spatial index over the originals serves all.
    """
    import numpy as np
    import shapely

    if not rows:
        return rows
    geoms = np.array([r["geometry"] for r in rows], dtype=object)
    mine, other = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    earlier = other < mine
    out = []
    for i, row in enumerate(rows):
        before = other[earlier & (mine == i)]
        geom = geoms[i]
        if len(before):
            geom = shapely.difference(geom, shapely.union_all(geoms[before]))
        parts = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon" and p.area >= MIN_PART_M2]
        if parts:
            out.append({**row, "geometry": shapely.MultiPolygon(parts) if len(parts) > 1 else parts[0]})
    return out


def _area_text(m2: float) -> str:
    """An area as people read it: "0.30 km²", or "420 m²" when small."""
    return f"{m2 / 1e6:.2f} km²" if m2 >= 10_000 else f"{m2:,.0f} m²"


# ------------------------------------------------------------------ areas the extract cuts


def _cut_areas(
    data: OsmData, box: Any, to_crs: Any, notes: list[str]
) -> list[tuple[Any, dict[str, str], int]]:
    """Closed water ways that lost the nodes outside the extract, closed along its edge.

    A lake the extract cuts (Töölönlahti in central Helsinki) keeps only
    its nodes inside: each run of them is prolonged to the edge, as the
    coastline is, and consecutive runs are joined along the edge the
    shorter way round, which is where the missing part lies unless the
    area wraps around more than half of the extract.
    """
    import numpy as np
    import shapely

    from twin_layers._osm_districts import _extend_to_box

    ways = data.ways
    edge = box.exterior
    out = []
    dropped = 0
    for i, tags in enumerate(ways.tags):
        if not is_water(tags) or tags.get("area") == "no":
            continue
        lo, hi = int(ways.offsets[i]), int(ways.offsets[i + 1])
        ids = ways.node_ids[lo:hi]
        if hi - lo < 4 or ids[0] != ids[-1]:
            continue
        present = ~np.isnan(ways.lon[lo:hi]) & ~np.isnan(ways.lat[lo:hi])
        if present.all() or not present.any():
            continue
        # rotate the ring (without its repeated last node) to start at a missing node
        first_gap = int(np.flatnonzero(~present[:-1])[0])
        order = np.roll(np.arange(hi - lo - 1), -first_gap)
        x, y = to_crs.transform(ways.lon[lo:hi][order], ways.lat[lo:hi][order])
        pts = np.column_stack([np.asarray(x), np.asarray(y)])
        runs = [(a, b) for a, b in _runs(present[:-1][order]) if b - a >= 2]
        lines = [_extend_to_box(pts[a:b], box, True, True) for a, b in runs]
        if not lines or any(box.contains(shapely.Point(line.coords[k])) for line in lines for k in (0, -1)):
            dropped += 1  # a run ends inside the extract: the ring cannot be closed
            continue
        coords: list[Any] = []
        for k, line in enumerate(lines):
            coords.extend(line.coords)
            nxt = lines[(k + 1) % len(lines)]
            coords.extend(_along_edge(edge, line.coords[-1], nxt.coords[0]))
        ring = shapely.make_valid(shapely.Polygon(coords))
        area = shapely.intersection(ring, box)
        if not area.is_empty:
            out.append((area, tags, int(ways.ids[i])))
    if out:
        notes.append(
            _("{count} water area(s) cut by the extract were closed along its edge.").format(count=len(out))
        )
    if dropped:
        notes.append(
            _(
                "{count} water area(s) cut by the extract could not be closed (a piece ends inside it) "
                "and are left out."
            ).format(count=dropped)
        )
    return out


def _along_edge(edge: Any, start: Any, end: Any) -> list[Any]:
    """Points of the box outline from ``start``'s nearest point to ``end``'s, the shorter way round."""
    import numpy as np
    import shapely

    total = edge.length
    d0, d1 = edge.project(shapely.Point(start)), edge.project(shapely.Point(end))
    xy = np.asarray(edge.coords)[:, :2]
    at = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(xy, axis=0).T))])
    forward = (d1 - d0) % total
    if forward <= total / 2:
        steps = [d for d in at[:-1] if 0 < (d - d0) % total < forward]
        steps.sort(key=lambda d: (d - d0) % total)
    else:
        steps = [d for d in at[:-1] if 0 < (d0 - d) % total < total - forward]
        steps.sort(key=lambda d: (d0 - d) % total)
    return [
        edge.interpolate(d0).coords[0],
        *(edge.interpolate(d).coords[0] for d in steps),
        edge.interpolate(d1).coords[0],
    ]


# ------------------------------------------------------------------ the sea


def sea_area(data: OsmData, box: Any, to_crs: Any, notes: list[str]) -> Any:
    """The sea inside ``box`` from the file's coastline ways; empty when none.

    ``to_crs`` is the pyproj transformer from lon/lat to the box's CRS.
    """
    import shapely

    lines = _coastline_lines(data, box, to_crs)
    if not lines:
        notes.append(_("No natural=coastline in the extract: no sea is drawn (only mapped water areas)."))
        return shapely.Polygon()
    lines, closed = _close_gaps(lines, box)
    if closed:
        notes.append(
            _("{count} gap(s) of at most {distance} m in the coastline were closed.").format(
                count=closed, distance=format_number(CLOSE_M)
            )
        )
    # only the lines near the extract divide it: a regional coastline need not be noded whole
    near = shapely.intersection(shapely.MultiLineString(lines), box.buffer(2.0))
    noded = shapely.union_all([*shapely.get_parts(near), box.exterior])
    faces = [
        f
        for f in shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
        if f.area > 0 and box.contains(f.representative_point())
    ]
    sea_votes, land_votes = _votes(lines, faces, box)
    sea, torn = [], []
    for face, wet, dry in zip(faces, sea_votes, land_votes, strict=True):
        if wet > 0:
            (sea if dry <= VOTE_TOLERANCE * wet else torn).append(face)
    if torn:
        where = _broken_where(lines, box, to_crs)
        notes.append(
            f"The coastline is broken{where}: {sum(f.area for f in torn) / 1e6:.3f} km² beside it cannot be "
            "told sea or land and is left dry. Fix the coastline in OpenStreetMap, or cut an extract "
            "that contains it whole."
        )
    return shapely.union_all(sea) if sea else shapely.Polygon()


def _coastline_lines(data: OsmData, box: Any, to_crs: Any) -> list[Any]:
    """The coastline as directed lines in the box's CRS, prolonged to its edge where the extract cut them."""
    import numpy as np
    import shapely

    from twin_layers._osm_districts import _extend_to_box, _stub_to_box

    ways = data.ways
    wanted = [i for i, t in enumerate(ways.tags) if t.get("natural") == "coastline"]
    if not wanted:
        return []
    pieces = []
    for i in wanted:
        lo, hi = int(ways.offsets[i]), int(ways.offsets[i + 1])
        lon, lat = ways.lon[lo:hi], ways.lat[lo:hi]
        present = ~np.isnan(lon) & ~np.isnan(lat)
        if not present.any():
            continue
        x, y = to_crs.transform(lon, lat)
        pts = np.column_stack([np.asarray(x), np.asarray(y)])
        for start, stop in _runs(present):
            cut_start, cut_end = start > 0, stop < hi - lo
            if stop - start >= 2:
                pieces.append(_extend_to_box(pts[start:stop], box, cut_start, cut_end))
            elif cut_start != cut_end:
                # one node left where the way leaves (or enters) the extract: join it to the edge
                stub = _stub_to_box(shapely.Point(pts[start]), box)
                if stub is not None:
                    pieces.append(stub if cut_end else stub.reverse())
    if not pieces:
        return []
    merged = shapely.line_merge(shapely.MultiLineString(pieces), directed=True)
    return [p for p in shapely.get_parts(merged) if p.length > 0]


def _runs(present: np.ndarray) -> list[tuple[int, int]]:
    """[start, stop) of each run of True in ``present``."""
    import numpy as np

    edges = np.diff(np.concatenate([[0], present.astype(np.int8), [0]]))
    return list(zip(np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist(), strict=True))


def _close_gaps(lines: list[Any], box: Any) -> tuple[list[Any], int]:
    """Join a line's loose end to the nearest loose start within ``CLOSE_M`` (directions kept)."""
    import shapely

    ends = [shapely.Point(line.coords[-1]) for line in lines if not line.is_closed]
    starts = [(k, shapely.Point(line.coords[0])) for k, line in enumerate(lines) if not line.is_closed]
    bridges = []
    used: set[int] = set()
    for end in ends:
        if not box.contains(end):
            continue
        best = min(
            ((end.distance(s), j, s) for j, s in starts if j not in used and box.contains(s)),
            default=None,
            key=lambda t: t[0],
        )
        if best is not None and 0 < best[0] <= CLOSE_M:
            used.add(best[1])
            bridges.append(shapely.LineString([end.coords[0], best[2].coords[0]]))
        elif best is not None and best[0] == 0:
            used.add(best[1])  # touching already: line_merge joins them
    if bridges:
        merged = shapely.line_merge(shapely.MultiLineString([*lines, *bridges]), directed=True)
        lines = [p for p in shapely.get_parts(merged) if p.length > 0]
    return [_across_edge(line, box) for line in lines], len(bridges)


def _across_edge(line: Any, box: Any) -> Any:
    """``line`` with an end lying on the box edge (within ``CLOSE_M``) carried just across it.

    An extract without a header box has the bounds of its data, so a
    coastline that defines them ends exactly on the edge, give or take
    rounding: an end a hair inside would not divide the extract.
    """
    import shapely

    from twin_layers._osm_districts import _stub_to_box

    if line.is_closed:
        return line
    coords = list(line.coords)
    edge = box.exterior
    for at_start in (True, False):
        end = shapely.Point(coords[0] if at_start else coords[-1])
        if not box.contains(end) or edge.distance(end) > CLOSE_M:
            continue
        stub = _stub_to_box(end, box)
        if stub is not None:
            tip = stub.coords[-1]
            coords = [tip, *coords] if at_start else [*coords, tip]
    return shapely.LineString(coords)


def _votes(lines: list[Any], faces: list[Any], box: Any) -> tuple[list[float], list[float]]:
    """Per face, the coastline length voting sea (face on its right) and land (on its left)."""
    import numpy as np
    import shapely

    none = [0.0] * len(faces)
    a, b = _segments_in(lines, box)
    if not faces or len(a) == 0:
        return none, list(none)
    d = b - a
    length = np.hypot(d[:, 0], d[:, 1])
    ok = length > 1e-3
    a, d, length = a[ok], d[ok], length[ok]
    right = np.column_stack([d[:, 1], -d[:, 0]]) / length[:, None]
    offset = np.minimum(VOTE_OFFSET_M, 0.25 * length)[:, None]
    mid = a + d / 2
    tree = shapely.STRtree(faces)
    out = []
    for points in (mid + right * offset, mid - right * offset):
        which, face = tree.query(shapely.points(points), predicate="within")
        tally = np.zeros(len(faces))
        np.add.at(tally, face, length[which])
        out.append(tally.tolist())
    return out[0], out[1]


def _segments_in(lines: list[Any], box: Any) -> tuple[np.ndarray, np.ndarray]:
    """Start and end points of the lines' segments, clipped to ``box`` in their own direction."""
    import numpy as np
    import shapely

    starts, ends = [], []
    for line in lines:
        xy = np.asarray(line.coords)[:, :2]
        a, b = xy[:-1], xy[1:]
        inside = shapely.contains_xy(box, a[:, 0], a[:, 1]) & shapely.contains_xy(box, b[:, 0], b[:, 1])
        starts.append(a[inside])
        ends.append(b[inside])
        for k in np.flatnonzero(~inside).tolist():
            seg = shapely.LineString([a[k], b[k]]).intersection(box)
            for part in shapely.get_parts(seg):
                if part.geom_type != "LineString" or part.length == 0:
                    continue
                p, q = np.asarray(part.coords)[[0, -1], :2]
                if np.dot(q - p, b[k] - a[k]) < 0:
                    p, q = q, p
                starts.append(p[None, :])
                ends.append(q[None, :])
    return np.concatenate(starts), np.concatenate(ends)


def _broken_where(lines: list[Any], box: Any, to_crs: Any) -> str:
    """' near lon, lat' of the first loose coastline end inside the box, or ''."""
    import shapely
    from pyproj.enums import TransformDirection

    for line in lines:
        if line.is_closed:
            continue
        for xy in (line.coords[0], line.coords[-1]):
            if box.contains(shapely.Point(xy)):
                lon, lat = to_crs.transform(*xy[:2], direction=TransformDirection.INVERSE)
                return f" near {lon:.5f} E, {lat:.5f} N"
    return ""


# ------------------------------------------------------------------ waterways drawn as lines


def _waterway_lines(data: OsmData, to_crs: Any) -> list[tuple[Any, str, str | None, int]]:
    """Rivers, streams and canals drawn as lines, buffered to their width: (polygon, kind, name, osm id)."""
    import numpy as np
    import shapely

    from twin_layers._osm_tags import parse_height

    ways = data.ways
    out = []
    for i, tags in enumerate(ways.tags):
        kind = tags.get("waterway")
        if kind not in LINE_WIDTH_M or tags.get("tunnel", "no") != "no" or "culvert" in tags.values():
            continue
        lo, hi = int(ways.offsets[i]), int(ways.offsets[i + 1])
        lon, lat = ways.lon[lo:hi], ways.lat[lo:hi]
        runs = [(a, b) for a, b in _runs(~np.isnan(lon) & ~np.isnan(lat)) if b - a >= 2]
        if not runs:
            continue
        width = parse_height(tags.get("width")) or LINE_WIDTH_M[kind]
        x, y = to_crs.transform(lon, lat)
        xy = np.column_stack([np.asarray(x), np.asarray(y)])
        lines = shapely.MultiLineString([xy[a:b] for a, b in runs])
        kind_of = "canal" if kind == "canal" else "river"
        out.append((lines.buffer(width / 2, cap_style="flat"), kind_of, tags.get("name"), int(ways.ids[i])))
    return out
