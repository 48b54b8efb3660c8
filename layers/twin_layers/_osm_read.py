"""Read an OSM file once into compact arrays that all OSM layer kinds share.

Python-level iteration over pyosmium objects costs microseconds per object,
which dominates for real cities.  So the heavy lifting stays in C++: libosmium
reads the file, attaches node locations to ways, filters by tag and writes
the surviving ways (with their coordinates inline) as OPL text to a temporary
file.  That text is then parsed with a handful of vectorised string and numpy
operations.  Only multipolygon *relations* (a few hundred in a city) go
through pyosmium's area assembler object by object, because assembling rings
correctly (courtyards, touching inners) is exactly what it is good at.

The result is cached in ``LoadContext.cache`` under the file's resolved path,
modification time and size, so loading buildings, streets, parks and
districts from one file parses it once.
"""

from __future__ import annotations

import gc
import re
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from twin_app.api import CorruptFileError, MissingFileError

if TYPE_CHECKING:
    import numpy as np

OSM_FORMAT = "OpenStreetMap"

#: keys that make a closed way or multipolygon an area some kind wants
AREA_KEYS: tuple[str, ...] = ("building", "landuse", "leisure", "natural", "water", "waterway")
#: ways kept by the reader: streets, areas and administrative boundaries
WAY_KEYS: tuple[str, ...] = ("highway", "boundary", *AREA_KEYS)
#: tags that make a node or way a public transport stop (the ``osm-stops`` kind)
STOP_TAGS: frozenset[tuple[str, str]] = frozenset(
    {
        ("public_transport", "platform"),
        ("public_transport", "stop_position"),
        ("highway", "bus_stop"),
        ("railway", "station"),
        ("railway", "halt"),
        ("railway", "tram_stop"),
        ("amenity", "ferry_terminal"),
    }
)
STOP_KEYS: tuple[str, ...] = tuple(sorted({k for k, _ in STOP_TAGS}))
#: a node line that may be a place or a stop (a cheap test before its tags are parsed;
#: tags follow " T" and each other after ","; OPL escapes any "=" or "," inside them)
_NODE_WANTED = re.compile(
    r"[ ,]T?(?:place=|" + "|".join(re.escape(f"{k}={v}") + r"[, ]" for k, v in sorted(STOP_TAGS)) + ")"
)
#: relation types whose members matter (areas and administrative boundaries)
RELATION_TYPES: frozenset[str] = frozenset({"multipolygon", "boundary"})

_ESCAPE = re.compile(r"%([0-9a-fA-F]+)%")


@dataclass
class WaySet:
    """Ways as flat arrays: way ``i`` owns ``node_ids[offsets[i]:offsets[i+1]]``.

    Missing node locations (a clipped extract) are NaN in ``lon``/``lat``.
    """

    ids: np.ndarray
    tags: list[dict[str, str]]
    offsets: np.ndarray
    node_ids: np.ndarray
    lon: np.ndarray
    lat: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)

    def subset(self, keep: np.ndarray) -> WaySet:
        """The ways where ``keep`` (a boolean mask over ways) is true."""
        import numpy as np

        idx = np.flatnonzero(keep)
        counts = np.diff(self.offsets)[idx]
        offsets = np.zeros(len(idx) + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        starts = self.offsets[idx]
        pos = np.repeat(starts - offsets[:-1], counts) + np.arange(offsets[-1])
        return WaySet(
            ids=self.ids[idx],
            tags=[self.tags[i] for i in idx],
            offsets=offsets,
            node_ids=self.node_ids[pos],
            lon=self.lon[pos],
            lat=self.lat[pos],
        )


@dataclass
class RelationInfo:
    """A multipolygon or boundary relation: its tags and members."""

    id: int
    tags: dict[str, str]
    members: list[tuple[str, int, str]]


@dataclass
class OsmData:
    """Everything the OSM kinds need from one file, parsed once."""

    path: Path
    ways: WaySet
    relations: dict[int, RelationInfo]
    #: assembled relation areas: (relation id, tags, WKB multipolygon)
    relation_areas: list[tuple[int, dict[str, str], bytes]]
    #: nodes tagged ``place``: (node id, tags, lon, lat)
    place_nodes: list[tuple[int, dict[str, str], float, float]]
    #: the extract's lon/lat bounds (header box, else the bounds of what was read)
    bounds_lonlat: tuple[float, float, float, float] | None
    notes: list[str] = field(default_factory=list)
    #: nodes tagged as public transport stops (:data:`STOP_TAGS`): (node id, tags, lon, lat);
    #: stops mapped as ways are among ``ways``
    stop_nodes: list[tuple[int, dict[str, str], float, float]] = field(default_factory=list)
    #: records skipped as impossible, a note every layer read from the file carries
    skipped: list[str] = field(default_factory=list)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector while hundreds of thousands of geometries are made.

    Those objects hold no reference cycles, yet their sheer number triggers
    full collections that can take half of a network load.  Reference
    counting still frees everything; the collector resumes afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_osm(path: Path, cache: dict[Any, Any]) -> OsmData:
    """Parse ``path`` (or return the cached parse of the same unchanged file)."""
    if not path.is_file():
        raise MissingFileError(path, what="OpenStreetMap file")
    resolved = path.resolve()
    stat = resolved.stat()
    key = ("twin_layers.osm", str(resolved), stat.st_mtime_ns, stat.st_size)
    data = cache.get(key)
    if data is None:
        with gc_paused():
            data = _read(path)
        cache[key] = data
    return data


def check_complete(path: Path) -> None:
    """Read ``path`` to its end, so that a cut or damaged file is refused before a city is made of it.

    A PBF cut in its last blocks keeps its header, and the header's box is
    all a new city's extent needs: without this read, ``city import``
    succeeded and every OSM layer of the city then failed.  libosmium decodes
    the blocks without handing any object to Python, which costs little
    (a twentieth of a second for a 1.3 MB extract).
    """
    import osmium

    if not path.is_file():
        raise MissingFileError(path, what="OpenStreetMap file")
    try:
        with osmium.io.Reader(str(path)) as reader:
            osmium.apply(reader, osmium.filter.EntityFilter(osmium.osm.NOTHING))
    except (RuntimeError, ValueError, osmium.InvalidLocationError) as exc:
        if _is_xml(path) and _is_coordinate_error(exc):
            return  # a node with an impossible coordinate: the layers skip it (``_read``)
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CorruptFileError(path, fmt=OSM_FORMAT, detail=detail) from exc
    except (OSError, UnicodeDecodeError) as exc:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CorruptFileError(path, fmt=OSM_FORMAT, detail=detail) from exc


def _read(path: Path) -> OsmData:
    """Run both passes, translating reader failures into a CorruptFileError.

    libosmium's XML parser refuses a coordinate it cannot store (latitude
    900) with its own error class, which is not a RuntimeError.
    """
    import osmium

    try:
        try:
            return _read_passes(path)
        except (RuntimeError, ValueError, osmium.InvalidLocationError) as exc:
            if not (_is_xml(path) and _is_coordinate_error(exc)):
                raise
            return _read_without_impossible_nodes(path)
    except (RuntimeError, OSError, ValueError, UnicodeDecodeError, osmium.InvalidLocationError) as exc:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CorruptFileError(path, fmt=OSM_FORMAT, detail=detail) from exc


def _is_xml(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith((".osm", ".osm.bz2", ".osm.gz", ".xml"))


def _is_coordinate_error(exc: BaseException) -> bool:
    """libosmium's XML parser refusing a coordinate it cannot store ("wrong format for coordinate")."""
    message = str(exc).lower()
    return "coordinate" in message or "location" in message


_NODE_TAG = re.compile(r"<node\b[^>]*>")
_COORD = re.compile(r"""\s(lat|lon)=(["'])([^"']*)\2""")
_NODE_ID = re.compile(r"""\sid=(["'])(-?\d+)\1""")


def _possible(attrs: dict[str, str]) -> bool:
    try:
        lat, lon = float(attrs["lat"]), float(attrs["lon"])
    except (KeyError, ValueError):
        return False
    return -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0


def _read_without_impossible_nodes(path: Path) -> OsmData:
    """Read an XML file whose nodes include impossible coordinates (latitude 900), without them.

    libosmium refuses the whole file at the first coordinate it cannot store,
    so one bad node would cost every layer.  A copy is written in which such
    nodes have no location (as a deleted node has); ways through them lose
    that point, exactly as with a node that is missing from an extract.
    The nodes are counted and a sample is named in every OSM layer's notes.
    """
    import bz2
    import gzip

    opener: Any = open
    name = path.name.lower()
    if name.endswith(".bz2"):
        opener = bz2.open
    elif name.endswith(".gz"):
        opener = gzip.open
    dropped: list[str] = []

    def clean(match: re.Match[str]) -> str:
        tag = match.group(0)
        attrs = {m.group(1): m.group(3) for m in _COORD.finditer(tag)}
        if not attrs or _possible(attrs):
            return tag
        node = _NODE_ID.search(tag)
        where = f"lat {attrs.get('lat', '–')}, lon {attrs.get('lon', '–')}"
        dropped.append(f"node {node.group(2) if node else '?'} ({where})")
        return _COORD.sub("", tag)

    with tempfile.TemporaryDirectory(prefix="twin-osm-") as tmp:
        copy = Path(tmp) / "located.osm"
        with (
            opener(path, "rt", encoding="utf-8", errors="surrogateescape") as src,
            copy.open("w", encoding="utf-8", errors="surrogateescape") as dst,
        ):
            for line in src:
                dst.write(_NODE_TAG.sub(clean, line) if "<node" in line else line)
        data = _read_passes(copy)
    data.path = path
    sample = "; ".join(dropped[:3]) + ("; …" if len(dropped) > 3 else "")
    data.skipped.append(
        f"{len(dropped)} node(s) with a coordinate the OSM reader cannot store were skipped (e.g. {sample}); "
        "their ways are read as if those nodes were missing."
    )
    return data


def _read_passes(path: Path) -> OsmData:
    """Read ``path``; through a sorted, renumbered copy when it is unsorted or has negative ids.

    Both are valid OSM (files are not always sorted, extracts joined without
    sorting repeat objects, and JOSM gives the objects it creates negative
    ids until they are uploaded), but libosmium's multipolygon assembler
    needs ways in id order and its location index and id filters take
    ids >= 0.  The fast path is tried first, so sorted files
    with ordinary ids, nearly all files, pay nothing for this.
    """
    data: OsmData | None = None
    for check_text in (False, True):
        try:
            data = _read_file(path, check_text=check_text)
            break
        except RuntimeError as exc:  # libosmium's out_of_order_error, or its OPL writer's
            message = str(exc).lower()
            if not check_text and _is_text_error(message):
                continue  # a tag that is not UTF-8: read again, checking each object's text
            if "out of order" not in message and "twice" not in message:
                raise
            break
    if data is None:
        with tempfile.TemporaryDirectory(prefix="twin-osm-") as tmp:
            data = _read_file(_normalised_copy(path, Path(tmp) / "sorted.osm.pbf"), check_text=True)
        if data is None:  # unreachable: the copy has positive ids in order
            raise RuntimeError("the sorted copy of the file could not be read")
        _restore_negative_ids(data)
        data.path = path
        data.notes.append(
            "The file is unsorted, repeats objects or holds negative (not yet uploaded) ids; read it sorted."
        )
    return data


def _is_text_error(message: str) -> bool:
    """Whether libosmium's writer failed on text that is not UTF-8 ("invalid Unicode codepoint")."""
    return "unicode" in message or "utf-8" in message or "utf8" in message


def _close(writer: Any) -> None:
    """Close the OPL writer; one that fails is kept from ever being destroyed.

    pyosmium's SimpleWriter keeps the data it could not write, and its C++
    destructor tries to write it again; that throws, and an exception from a
    destructor aborts the process.  So a failed writer gets one extra
    reference, which no one releases: a few megabytes, once per damaged
    file, instead of the app.
    """
    try:
        writer.close()
    except BaseException:
        import ctypes

        ctypes.pythonapi.Py_IncRef(ctypes.py_object(writer))
        raise


def _read_file(path: Path, *, check_text: bool = False) -> OsmData | None:
    """Two passes over ``path``, or None when it holds negative ids (see ``_read_passes``).

    ``check_text`` decodes every kept object's tags first, skipping those
    that are not UTF-8 (:class:`_ValidText`); that costs a Python call per
    object, so it is done only once the fast read has failed on such text.

    The passes do not rely on the file's order: the first stores every node's
    location (and reads the relations), the second reads the ways.  So a
    file whose ways come before their nodes, as unsorted exports and edited
    files often have, reads exactly like a sorted one.
    """
    import osmium

    header_box = _header_box(path)
    manager = osmium.area.AreaManager()
    relations = _RelationCollector()
    relation = osmium.osm.RELATION
    areas: list[tuple[int, dict[str, str], bytes]] = []
    text_guard = _ValidText()
    guard = [text_guard] if check_text else []
    with tempfile.TemporaryDirectory(prefix="twin-osm-") as tmp:
        opl = Path(tmp) / "kept.opl"
        index_file = Path(tmp) / "locations.bin"
        locations = osmium.NodeLocationsForWays(osmium.index.create_map(f"sparse_file_array,{index_file}"))
        locations.ignore_errors()
        writer = osmium.SimpleWriter(
            osmium.io.File(str(opl), "opl,add_metadata=false,locations_on_ways=true")
        )
        try:
            with osmium.io.Reader(str(path), osmium.osm.NODE | relation) as reader:
                osmium.apply(
                    reader,
                    locations,
                    osmium.filter.TagFilter(*(("type", t) for t in sorted(RELATION_TYPES))).enable_for(
                        relation
                    ),
                    relations,
                    osmium.filter.KeyFilter(*AREA_KEYS).enable_for(relation),
                    manager.first_pass_handler(),
                    osmium.filter.EntityFilter(osmium.osm.NODE),
                    osmium.filter.KeyFilter("place", *STOP_KEYS),
                    # a tagged node at an impossible location is dropped (counted below): the
                    # OPL writer cannot write it, and fails the whole file at close
                    osmium.filter.GeoInterfaceFilter(drop_invalid_geometries=True),
                    *guard,
                    writer,
                )
            if relations.negative:
                return None
            impossible = _forget_impossible_locations(index_file)
            area_ids = [2 * r.id + 1 for r in relations.found.values() if _is_area_relation(r)]
            with osmium.io.Reader(str(path), osmium.osm.WAY) as reader:
                osmium.apply(
                    reader,
                    locations,
                    manager.second_pass_handler(
                        osmium.filter.IdFilter(area_ids).enable_for(osmium.osm.AREA),
                        _AreaCollector(areas),
                    ),
                    # A filter can only narrow the stream, so stops share the key filter with
                    # areas; the parse drops what neither wants (see _parse_opl).
                    osmium.filter.KeyFilter(*WAY_KEYS, *STOP_KEYS),
                    *guard,
                    writer,
                )
        finally:
            _close(writer)
        text = opl.read_bytes().decode("utf-8")
    ways, places, stops = _parse_opl(text)
    if (len(ways.ids) and int(ways.ids.min()) < 0) or (len(ways.node_ids) and int(ways.node_ids.min()) < 0):
        return None
    bounds = header_box or _data_bounds(ways, places)
    data = OsmData(
        path=path,
        ways=ways,
        relations=relations.found,
        relation_areas=areas,
        place_nodes=places,
        bounds_lonlat=bounds,
        stop_nodes=stops,
    )
    data.notes.append(f"Kept {len(ways)} ways and {len(areas)} multipolygon areas from the file.")
    if text_guard.skipped:
        data.skipped.append(
            f"{len(text_guard.skipped)} object(s) whose tags are not valid UTF-8 text were skipped "
            f"(e.g. {', '.join(text_guard.skipped[:3])})."
        )
    if impossible:
        data.skipped.append(
            f"{len(impossible)} node(s) with an impossible longitude or latitude were skipped "
            f"(e.g. node {', '.join(str(i) for i in impossible[:3])}); their ways are read as if "
            "those nodes were missing."
        )
    return data


#: one entry of libosmium's sparse location index: node id, then x and y in 1e-7 degrees
_INDEX_ENTRY = [("id", "<u8"), ("x", "<i4"), ("y", "<i4")]
#: libosmium's "no location" coordinate
_UNDEFINED = 2**31 - 1


def _forget_impossible_locations(index_file: Path) -> list[int]:
    """Make the impossible node locations in the index undefined; return those nodes' ids.

    A node beyond 180° longitude or 90° latitude is one bad record: its
    ways must read as if the node were missing (as at an extract's edge),
    not cost the file.  libosmium stores such a location as it is, and its
    OPL writer then fails the whole read.  The index is a flat file of
    (id, x, y) entries, so numpy finds and clears them without touching
    each node in Python.
    """
    import numpy as np

    if not index_file.is_file() or index_file.stat().st_size == 0:
        return []
    entries = np.memmap(index_file, dtype=_INDEX_ENTRY, mode="r+")
    x, y = entries["x"], entries["y"]
    defined = (x != _UNDEFINED) | (y != _UNDEFINED)
    bad = defined & (
        (np.abs(x.astype(np.int64)) > 1_800_000_000) | (np.abs(y.astype(np.int64)) > 900_000_000)
    )
    found = np.flatnonzero(bad)
    ids = sorted(int(i) for i in entries["id"][found])
    if len(found):
        entries["x"][found] = _UNDEFINED
        entries["y"][found] = _UNDEFINED
        entries.flush()
    del entries
    return ids


#: negative ids -v are read as NEGATIVE_ID_BASE + v: far above real OSM ids (about 1.3e10 in
#: 2025) yet not so high that libosmium's id sets slow down (at 2**50 they take seconds)
NEGATIVE_ID_BASE = 1 << 40


def _renumbered(ref: int) -> int:
    return NEGATIVE_ID_BASE - ref if ref < 0 else ref


def _normalised_copy(path: Path, target: Path) -> Path:
    """Write ``path`` as PBF with ways and relations in id order, negative ids -v as ``BASE + v``.

    Python touches every object here, and the ways and relations are held in
    memory to be sorted (the nodes are streamed: their order does not matter
    to ``_read_file``), so this is slower than the normal read.  It runs only
    for unsorted files and files with negative ids.  An object that appears
    twice is written once (the last copy).
    """
    import osmium
    from osmium.osm.mutable import Relation, Way

    ways: dict[int, tuple[list[int], dict[str, str]]] = {}
    relations: dict[int, tuple[list[tuple[str, int, str]], dict[str, str]]] = {}
    with osmium.SimpleWriter(str(target), overwrite=True) as writer:
        for obj in osmium.FileProcessor(str(path)):
            if isinstance(obj, osmium.osm.Node):
                writer.add_node(obj.replace(id=_renumbered(obj.id)) if obj.id < 0 else obj)
            elif isinstance(obj, osmium.osm.Way):
                refs = [_renumbered(n.ref) for n in obj.nodes]
                ways[_renumbered(obj.id)] = (refs, {t.k: t.v for t in obj.tags})
            elif isinstance(obj, osmium.osm.Relation):
                members = [(m.type, _renumbered(m.ref), m.role) for m in obj.members]
                relations[_renumbered(obj.id)] = (members, {t.k: t.v for t in obj.tags})
        for wid, (refs, tags) in sorted(ways.items()):
            writer.add_way(Way(id=wid, nodes=refs, tags=tags))
        for rid, (members, tags) in sorted(relations.items()):
            writer.add_relation(Relation(id=rid, members=members, tags=tags))
    return target


def _restore_negative_ids(data: OsmData) -> None:
    """Give renumbered objects their own (negative) ids back."""
    import numpy as np

    def restore(ids: np.ndarray) -> np.ndarray:
        return np.where(ids >= NEGATIVE_ID_BASE, NEGATIVE_ID_BASE - ids, ids)

    def one(ref: int) -> int:
        return NEGATIVE_ID_BASE - ref if ref >= NEGATIVE_ID_BASE else ref

    data.ways.ids = restore(data.ways.ids)
    data.ways.node_ids = restore(data.ways.node_ids)
    data.relations = {
        one(rid): RelationInfo(
            id=one(rid), tags=r.tags, members=[(t, one(ref), role) for t, ref, role in r.members]
        )
        for rid, r in data.relations.items()
    }
    data.relation_areas = [(one(rid), tags, wkb) for rid, tags, wkb in data.relation_areas]
    data.place_nodes = [(one(nid), tags, lon, lat) for nid, tags, lon, lat in data.place_nodes]
    data.stop_nodes = [(one(nid), tags, lon, lat) for nid, tags, lon, lat in data.stop_nodes]


class _ValidText:
    """Stops a node or way whose tags are not valid UTF-8 before it reaches the OPL writer.

    OSM text is UTF-8, but a PBF stores bytes and libosmium reads them as
    they are; its OPL writer then fails on the first invalid sequence.  When
    it has (see ``_read_passes``), the file is read again with this handler
    before the writer: an object whose tags do not decode is skipped (a
    handler returning True ends the object's way down the chain) and
    counted for the layers' notes.
    """

    def __init__(self) -> None:
        self.skipped: list[str] = []

    def node(self, obj: Any) -> bool:
        return self._invalid(obj, "node")

    def way(self, obj: Any) -> bool:
        return self._invalid(obj, "way")

    def _invalid(self, obj: Any, what: str) -> bool:
        # pyosmium's own tag iterator (its Python wrapper costs twice as much); making each
        # tag decodes its key and value, which is the test
        data = obj._pyosmium_data
        position = data.tags_begin()
        try:
            while True:
                data.tags_next(position)
        except StopIteration:
            return False
        except UnicodeDecodeError:
            self.skipped.append(f"{what} {obj.id}")
            return True


class _RelationCollector:
    """Keeps the tags and members of the relations that pass the type filter."""

    def __init__(self) -> None:
        self.found: dict[int, RelationInfo] = {}
        #: whether a relation or one of its members has a negative id
        self.negative = False

    def relation(self, rel: Any) -> None:
        members = [(m.type, m.ref, m.role) for m in rel.members]
        if rel.id < 0 or any(ref < 0 for _, ref, _ in members):
            self.negative = True
        self.found[rel.id] = RelationInfo(
            id=rel.id,
            tags={t.k: t.v for t in rel.tags},
            members=[(m.type, m.ref, m.role) for m in rel.members],
        )


class _AreaCollector:
    """Receives assembled relation areas and keeps their tags and WKB."""

    def __init__(self, out: list[tuple[int, dict[str, str], bytes]]) -> None:
        import osmium

        self._out = out
        self._wkb = osmium.geom.WKBFactory()

    def area(self, a: Any) -> None:
        try:
            wkb = bytes.fromhex(self._wkb.create_multipolygon(a))
        except RuntimeError:  # broken rings: the relation simply yields no area
            return
        self._out.append((a.orig_id(), {t.k: t.v for t in a.tags}, wkb))


def _is_area_relation(rel: RelationInfo) -> bool:
    return rel.tags.get("type") == "multipolygon" and any(k in rel.tags for k in AREA_KEYS)


def _header_box(path: Path) -> tuple[float, float, float, float] | None:
    import osmium

    with osmium.io.Reader(str(path), osmium.osm.NOTHING) as reader:
        box = reader.header().box()
    if not box.valid():
        return None
    bl, tr = box.bottom_left, box.top_right
    return (bl.lon, bl.lat, tr.lon, tr.lat)


def _data_bounds(
    ways: WaySet, places: list[tuple[int, dict[str, str], float, float]]
) -> tuple[float, float, float, float] | None:
    import numpy as np

    lon = np.concatenate([ways.lon, np.array([p[2] for p in places], dtype=float)])
    lat = np.concatenate([ways.lat, np.array([p[3] for p in places], dtype=float)])
    ok = ~np.isnan(lon)
    if not ok.any():
        return None
    return (float(lon[ok].min()), float(lat[ok].min()), float(lon[ok].max()), float(lat[ok].max()))


# ---------------------------------------------------------------- OPL parsing


def _unescape(text: str) -> str:
    return _ESCAPE.sub(_unescape_match, text) if "%" in text else text


def _unescape_match(match: re.Match[str]) -> str:
    return chr(int(match.group(1), 16))


def parse_tags(section: str) -> dict[str, str]:
    """``k=v,k2=v2`` (OPL-escaped) to a dict."""
    if not section:
        return {}
    if "%" not in section:
        return dict(kv.split("=", 1) for kv in section.split(","))  # type: ignore[misc]
    out: dict[str, str] = {}
    for kv in section.split(","):
        k, _, v = kv.partition("=")
        if "%" in kv:
            k, v = _unescape(k), _unescape(v)
        out[k] = v
    return out


#: node refs to CSV rows in one pass: ``n1x24.9y60.1,n2xy`` -> ``1,24.9,60.1\n2,,``
_REFS_TO_CSV = bytes.maketrans(b"xy,", b",,\n")


def is_stop(tags: Mapping[str, str]) -> bool:
    """Whether an object's tags make it a public transport stop (:data:`STOP_TAGS`)."""
    for key in STOP_KEYS:
        value = tags.get(key)
        if value is not None and (key, value) in STOP_TAGS:
            return True
    return False


def _wanted_way(tags: dict[str, str]) -> bool:
    """A way some kind uses: a street, area or boundary, or a stop mapped as a way.

    The reader's key filter let every way through for one of ``WAY_KEYS`` or
    ``STOP_KEYS``; only a way with a stop-only key needs a closer look.
    """
    if "railway" in tags or "amenity" in tags or "public_transport" in tags:
        return is_stop(tags) or any(k in tags for k in WAY_KEYS)
    return True


def _parse_opl(
    text: str,
) -> tuple[
    WaySet, list[tuple[int, dict[str, str], float, float]], list[tuple[int, dict[str, str], float, float]]
]:
    """Split the OPL text into ways (vectorised node lists), place nodes and stop nodes.

    Tag sections repeat a lot (``building=yes``), so each distinct one is
    parsed once and copied.  The reader's key filters let through some
    objects nobody wants (railway tracks, amenity nodes): they are dropped
    here, before their node lists cost anything.
    """
    import numpy as np

    way_ids: list[str] = []
    way_tags: list[dict[str, str]] = []
    node_sections: list[str] = []
    parsed: dict[str, dict[str, str] | None] = {}
    node_lines: list[str] = []
    for line in text.splitlines():
        if not line:
            continue
        if line[0] == "w":
            parts = line.split(" ")
            if len(parts) == 3 and parts[1][:1] == "T" and parts[2][:1] == "N":
                head, section, nodes = parts[0], parts[1][1:], parts[2][1:]
            else:
                head, _, rest = line.partition(" T")
                section, _, nodes = rest.rpartition(" N")
            if section in parsed:
                tags = parsed[section]
            else:
                tags = parse_tags(section)
                tags = parsed[section] = tags if _wanted_way(tags) else None
            if tags is None:
                continue
            way_ids.append(head[1:])
            way_tags.append(tags.copy())
            node_sections.append(nodes)
        elif line[0] == "n" and _NODE_WANTED.search(line):
            node_lines.append(line)
    counts = np.array([s.count(",") + 1 if s else 0 for s in node_sections], dtype=np.int64)
    offsets = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    node_ids, lon, lat = _parse_node_refs(node_sections)
    nodes = _parse_places(node_lines)
    return (
        WaySet(
            ids=np.array([int(i) for i in way_ids], dtype=np.int64),
            tags=way_tags,
            offsets=offsets,
            node_ids=node_ids,
            lon=lon,
            lat=lat,
        ),
        [n for n in nodes if "place" in n[1]],
        [n for n in nodes if is_stop(n[1])],
    )


def _parse_places(lines: list[str]) -> list[tuple[int, dict[str, str], float, float]]:
    """Tagged nodes (places and stops) with their locations."""
    places: list[tuple[int, dict[str, str], float, float]] = []
    for line in lines:
        parts = line.split(" ")
        fields = {p[0]: p[1:] for p in parts[1:] if p}
        if fields.get("x") and fields.get("y"):
            places.append(
                (
                    int(parts[0][1:]),
                    parse_tags(fields.get("T", "")),
                    float(fields["x"]),
                    float(fields["y"]),
                )
            )
    return places


def _parse_node_refs(sections: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``n123x24.9y60.1,n124xy`` lists to (node ids, lon, lat) arrays (NaN = no location).

    pandas' C CSV parser converts numbers several times faster than
    ``float()`` on split tokens, so the text is reshaped into CSV lines
    (one ``bytes.translate`` pass).
    """
    import io

    import numpy as np
    import pandas as pd

    text = "\n".join(s for s in sections if s)
    if not text:
        return np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0)
    frame = pd.read_csv(
        io.BytesIO(text.encode("utf-8").translate(_REFS_TO_CSV, b"n")),
        header=None,
        names=["id", "lon", "lat"],
        dtype={"id": np.int64, "lon": np.float64, "lat": np.float64},
        engine="c",
    )
    return (
        frame["id"].to_numpy(dtype=np.int64, copy=True),
        frame["lon"].to_numpy(dtype=np.float64, copy=True),
        frame["lat"].to_numpy(dtype=np.float64, copy=True),
    )


def closed_way_polygons(ways: WaySet, keep: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Polygons (lon/lat) of the closed ways selected by ``keep``.

    Returns (indices of the ways that made a polygon, shapely polygons).  A
    way must be closed by node id, have at least four node references and all
    its locations, as libosmium's area rules require; the rest are skipped.
    """
    import numpy as np
    import shapely

    starts, ends = ways.offsets[:-1], ways.offsets[1:]
    n = ends - starts
    ok = keep & (n >= 4)
    idx = np.flatnonzero(ok)
    idx = idx[ways.node_ids[starts[idx]] == ways.node_ids[ends[idx] - 1]]
    if len(idx) == 0:
        return idx, np.array([], dtype=object)
    missing = np.concatenate([[0], np.cumsum(np.isnan(ways.lon))])
    idx = idx[missing[ends[idx]] == missing[starts[idx]]]
    counts = n[idx]
    ring_of = np.repeat(np.arange(len(idx)), counts)
    pos = np.repeat(starts[idx] - np.concatenate([[0], np.cumsum(counts)[:-1]]), counts) + np.arange(
        counts.sum()
    )
    coords = np.column_stack([ways.lon[pos], ways.lat[pos]])
    rings = shapely.linearrings(coords, indices=ring_of)
    return idx, shapely.polygons(rings)


def way_tag_column(tags: list[dict[str, str]], key: str) -> list[str | None]:
    """One tag's values over a list of tag dicts (None where absent)."""
    return [t.get(key) for t in tags]


def option(options: Mapping[str, Any], key: str, default: Any) -> Any:
    """An option with a default (None counts as unset)."""
    value = options.get(key)
    return default if value is None else value
