"""What a file is, judged by its content, and whom it credits, read from itself.

A suffix is a hint, not a fact: a ``.zip`` may be a GTFS feed or a zipped
shapefile, and a file may be misnamed.  Each built-in kind mixes in one of
the classes here, giving it the optional ``can_read`` and ``attribution``
methods of :class:`twin_app.api.LayerKind`.  The checks read a header or an
archive's list of members, never the whole file, and import only the
standard library at module level (entry points are loaded at start-up).

Credits come from where each format keeps them: GTFS ``feed_info.txt``
(publisher), ``attributions.txt`` (producers) or ``agency.txt``; GDAL
metadata of rasters (``TIFFTAG_COPYRIGHT``, ``attribution``, ``license``);
GDAL metadata and the ``gpkg_contents`` description of vector files; and the
ODbL credit that every OpenStreetMap extract requires.
"""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path

from twin_app.api import _

OSM_CREDIT = "© OpenStreetMap contributors (ODbL)"
HEAD_BYTES = 8192
#: GTFS tables that, beside stops.txt, make a zip a GTFS feed
GTFS_TABLES = frozenset({"agency.txt", "routes.txt", "trips.txt", "stop_times.txt", "feed_info.txt"})
#: vector formats GDAL reads from inside a zip
ZIPPED_VECTOR_SUFFIXES = (".shp", ".gpkg", ".geojson", ".fgb", ".gml", ".kml")
#: metadata keys that carry a credit or a licence (compared in lower case)
CREDIT_KEYS = ("attribution", "tifftag_copyright", "copyright", "credit", "source")
LICENCE_KEYS = ("license", "licence", "rights")
#: the GDAL raster drivers the raster kind opens files with: GeoTIFF (COGs included) only, never VRT
RASTER_DRIVERS = ("GTiff",)
#: classic and BigTIFF headers, little- and big-endian
TIFF_MAGICS = (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")
#: the OGR drivers each vector suffix may be read with
VECTOR_DRIVERS: dict[str, tuple[str, ...]] = {
    ".gpkg": ("GPKG",),
    ".geojson": ("GeoJSON",),
    ".json": ("GeoJSON",),
    ".shp": ("ESRI Shapefile",),
    ".fgb": ("FlatGeobuf",),
    ".zip": ("ESRI Shapefile", "GPKG", "GeoJSON", "FlatGeobuf", "GML", "KML", "LIBKML"),
}
#: zip members that make GDAL read other files, URLs or run a pipeline (never opened from a zip)
UNSAFE_ZIP_SUFFIXES = (".vrt", ".gdalg.json", ".ovf")


def _head(path: Path, size: int = HEAD_BYTES) -> bytes:
    if not Path(path).is_file():  # opening a pipe waits for a writer; a device never ends
        raise OSError(f"{path} is not a regular file")
    with open(path, "rb") as handle:
        magic = handle.read(3)
        handle.seek(0)
        if magic == b"BZh":
            return bz2.BZ2File(handle).read(size)
        if magic[:2] == b"\x1f\x8b":
            return gzip.GzipFile(fileobj=handle).read(size)
        return handle.read(size)


def is_osm(path: Path) -> bool:
    """An OSM XML document (``<osm>`` root, plain or bz2/gzip) or an OSM PBF file."""
    try:
        head = _head(path)
    except (OSError, EOFError, ValueError):
        return False
    if len(head) >= 8:
        size = int.from_bytes(head[:4], "big")
        if 0 < size < 64 * 1024 and b"OSMHeader" in head[4 : 4 + size]:
            return True
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return text.startswith(b"<") and re.search(rb"<osm[\s>/]", text) is not None


def _zip_members(path: Path) -> list[str]:
    if not Path(path).is_file() or not zipfile.is_zipfile(path):
        return []
    try:
        with zipfile.ZipFile(path) as archive:
            return [m for m in archive.namelist() if not m.endswith("/")]
    except (zipfile.BadZipFile, OSError, EOFError):
        return []


def is_gtfs(path: Path) -> bool:
    """A zip holding stops.txt and at least one other GTFS table (in any folder of it)."""
    names = {Path(m).name for m in _zip_members(path)}
    return "stops.txt" in names and bool(names & GTFS_TABLES)


def is_zipped_vector(path: Path) -> bool:
    """A zip holding a shapefile (or another vector file GDAL reads inside a zip), and no VRT."""
    members = [m.lower() for m in _zip_members(path)]
    return any(m.endswith(ZIPPED_VECTOR_SUFFIXES) for m in members) and not any(
        m.endswith(UNSAFE_ZIP_SUFFIXES) for m in members
    )


def is_vector(path: Path) -> bool:
    """The file's header is that of the vector format its suffix names."""
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return is_zipped_vector(path)
    try:
        head = _head(path, 4096)
    except (OSError, EOFError, ValueError):
        return False
    if suffix == ".gpkg":
        return head.startswith(b"SQLite format 3\x00")
    if suffix == ".shp":
        return head[:4] == b"\x00\x00\x27\x0a"  # shapefile code 9994, big-endian
    if suffix == ".fgb":
        return head[:3] == b"fgb"
    if suffix in (".geojson", ".json"):
        text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        # a GDAL pipeline (GDALG) is JSON too, and reads whatever files it names
        return text.startswith(b"{") and b'"type"' in head and b"gdal_streamed_alg" not in head
    if suffix == ".csv":
        return b"\x00" not in head and bool(head.strip())
    return False


def is_tiff(path: Path) -> bool:
    """A regular file starting with a TIFF header (read with Python, before GDAL sees the file)."""
    try:
        if not Path(path).is_file():
            return False
        with open(path, "rb") as handle:
            return handle.read(4) in TIFF_MAGICS
    except OSError:
        return False


def describe_content(path: Path) -> str:
    """What a file holds, in words, for a refusal: judged from its first bytes, in the reader's language."""
    if not Path(path).is_file():  # a pipe or a device would block or never end
        return _("not a regular file (a folder, pipe or device)") if Path(path).exists() else _("missing")
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return _("unreadable")
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        return _("empty")
    if b"<VRTDataset" in head or b"<OGRVRTDataSource" in head:
        return _("a GDAL VRT (XML that makes GDAL read other files or URLs)")
    if b"gdal_streamed_alg" in head:
        return _("a GDAL pipeline (GDALG), which makes GDAL read other files")
    if text.startswith(b"<"):
        return _("XML of another format")
    if b"\x00" not in head:
        return _("text of another format")
    return _("binary data of another format")


def is_raster(path: Path, drivers: tuple[str, ...] = RASTER_DRIVERS) -> bool:
    """A TIFF header, and GDAL opens the file with one of the expected drivers (no other tried)."""
    if not is_tiff(path):
        return False
    _no_network()
    import rasterio
    from rasterio.errors import RasterioError

    for driver in drivers:
        try:
            with rasterio.open(path, driver=driver) as src:
                return src.driver in drivers and src.count >= 1
        except (RasterioError, OSError):
            continue
    return False


def _no_network() -> None:
    from twin_app.api import forbid_gdal_network

    forbid_gdal_network()


# ------------------------------------------------------------------ credits


def _pick(metadata: Mapping[str, object], keys: tuple[str, ...]) -> str | None:
    lower = {str(k).lower(): str(v).strip() for k, v in metadata.items() if v is not None}
    return next((lower[k] for k in keys if lower.get(k)), None)


def credit_from_metadata(metadata: Mapping[str, object]) -> str | None:
    """``credit (licence)`` from GDAL-style metadata keys, whichever are present."""
    credit = _pick(metadata, CREDIT_KEYS)
    licence = _pick(metadata, LICENCE_KEYS)
    if credit and licence and licence not in credit:
        return f"{credit} ({licence})"
    return credit or (f"Licence: {licence}" if licence else None)


def _gtfs_rows(archive: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    members = {Path(m).name: m for m in archive.namelist()}
    if name not in members:
        return []
    text = archive.read(members[name]).decode("utf-8-sig", errors="replace")
    return [
        {k.strip(): (v or "").strip() for k, v in row.items() if k}
        for row in csv.DictReader(io.StringIO(text))
    ]


def gtfs_attribution(path: Path) -> str | None:
    """The feed's publisher (feed_info.txt), else its producers (attributions.txt), else its agencies."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = _gtfs_rows(archive, "feed_info.txt")
            producers = [
                r.get("organization_name", "")
                for r in _gtfs_rows(archive, "attributions.txt")
                if r.get("is_producer") == "1"
            ]
            agencies = [r.get("agency_name", "") for r in _gtfs_rows(archive, "agency.txt")]
    except (zipfile.BadZipFile, OSError, EOFError, csv.Error, RuntimeError, NotImplementedError):
        return None  # an encrypted or oddly compressed member: the layer kind says so when it loads
    if info and info[0].get("feed_publisher_name"):
        who = info[0]["feed_publisher_name"]
        url = info[0].get("feed_publisher_url")
        licence = info[0].get("feed_license") or info[0].get("feed_licence")
        text = who + (f" ({url})" if url else "")
        return f"Public transport (GTFS): {text}" + (f", {licence}" if licence else "")
    names = list(dict.fromkeys(n for n in (producers or agencies) if n))
    return f"Public transport (GTFS): {', '.join(names)}" if names else None


def raster_attribution(path: Path) -> str | None:
    """A credit from the raster's GDAL metadata (dataset tags, then the first band's)."""
    import rasterio
    from rasterio.errors import RasterioError

    if not is_tiff(path):
        return None
    _no_network()
    try:
        with rasterio.open(path, driver=RASTER_DRIVERS[0]) as src:
            return credit_from_metadata(src.tags()) or credit_from_metadata(src.tags(1))
    except (RasterioError, OSError, IndexError):
        return None


def vector_attribution(path: Path) -> str | None:
    """A credit from the file's GDAL metadata, else a GeoPackage layer's description."""
    import pyogrio

    if not is_vector(path):
        return None
    _no_network()
    try:
        info = pyogrio.read_info(path)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, OSError):
        return None
    dataset = info.get("dataset_metadata") or {}
    layer = info.get("layer_metadata") or {}
    found = credit_from_metadata(dataset) or credit_from_metadata(layer)
    if found is None and path.suffix.lower() == ".gpkg":
        description = _pick(layer, ("description",))
        found = description.splitlines()[0][:300] if description else None
    return found


# ------------------------------------------------------------------ the mixins


class OsmFile:
    """``can_read`` and ``attribution`` of the OpenStreetMap kinds."""

    def can_read(self, path: Path) -> bool:
        return is_osm(Path(path))

    def attribution(self, path: Path) -> str | None:
        return OSM_CREDIT


class GtfsFile:
    """``can_read`` and ``attribution`` of the GTFS kinds."""

    def can_read(self, path: Path) -> bool:
        return is_gtfs(Path(path))

    def attribution(self, path: Path) -> str | None:
        return gtfs_attribution(Path(path))


class VectorFile:
    """``can_read`` and ``attribution`` of the vector-file kinds."""

    def can_read(self, path: Path) -> bool:
        return is_vector(Path(path))

    def attribution(self, path: Path) -> str | None:
        if Path(path).suffix.lower() == ".csv":
            return None
        return vector_attribution(Path(path))


class RasterFile:
    """``can_read`` and ``attribution`` of the raster kind."""

    def can_read(self, path: Path) -> bool:
        return is_raster(Path(path))

    def attribution(self, path: Path) -> str | None:
        return raster_attribution(Path(path))
