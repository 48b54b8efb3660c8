"""Bring any GeoDataFrame into the city: check its CRS, reproject, repair.

Every vector layer kind funnels its frame through :func:`prepare_frame`, so
the rules (no CRS is an error unless the user names one; invalid geometries
are repaired and counted, never silently dropped; a layer that lands nowhere
near the city is reported as a probable CRS mistake) are the same for OSM,
GeoPackage, GTFS and third-party kinds.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from twin_app.core.errors import CRSError, EmptyLayerError
from twin_app.core.i18n import N_, _, format_number, ngettext
from twin_app.core.kinds import LoadContext

if TYPE_CHECKING:
    import geopandas as gpd
    import numpy as np


def prepare_frame(
    frame: gpd.GeoDataFrame,
    ctx: LoadContext,
    *,
    source: Path | None,
    assume_crs: str | None = None,
    clip_to_city: bool = False,
) -> tuple[gpd.GeoDataFrame, list[str]]:
    """Return ``frame`` in the city's CRS with valid, non-empty geometries.

    The second value lists human-readable notes on what was repaired or
    skipped; callers attach them to the layer so the user can see them.
    """
    import numpy as np
    import shapely

    notes: list[str] = []
    name = ctx.title or ctx.layer_id
    where = f"'{source}'" if source else _("layer '{name}'").format(name=name)
    if frame.crs is None:
        if assume_crs is None:
            raise CRSError(
                _(
                    "The file {where} does not say which coordinate reference system (CRS) its coordinates "
                    "use. Save it with a CRS (e.g. EPSG:4326 for longitude/latitude), or name one in the "
                    'city manifest with crs = "EPSG:....".'
                ).format(where=where),
                path=source,
            )
        frame = _assume_crs(frame, assume_crs, where=where, source=source)
        notes.append(_("No CRS in the file; assumed {crs} as configured.").format(crs=assume_crs))
    frame, order = _without_unusable_geometries(frame, notes)
    if len(frame) == 0:
        raise EmptyLayerError(source, layer=name)
    if frame.crs is not None and frame.crs.is_geographic and len(frame):
        minx, miny, maxx, maxy = frame.total_bounds
        if not (-180.5 <= minx <= maxx <= 180.5 and -90.5 <= miny <= maxy <= 90.5):
            raise CRSError(
                _(
                    "The file {where} says its coordinates are longitude/latitude ({crs}), but they reach "
                    "{x}, {y}, which is impossible: its CRS is wrong. Set the correct CRS on the file and "
                    "open it again."
                ).format(
                    where=where, crs=frame.crs.to_string(), x=format_number(maxx, 0), y=format_number(maxy, 0)
                ),
                path=source,
            )

    invalid = ~shapely.is_valid(frame.geometry.values)
    n_invalid = int(np.count_nonzero(invalid))
    if n_invalid:
        repaired, failed = _repaired(frame.geometry.values[invalid])
        frame = frame.copy()
        frame.loc[invalid, frame.geometry.name] = repaired
        notes.append(
            ngettext(
                "{count} invalid geometry was repaired ({sample}).",
                "{count} invalid geometries were repaired ({sample}).",
                n_invalid,
            ).format(count=format_number(n_invalid), sample=record_sample(order[invalid]))
        )
        if failed.any():  # degenerate beyond repair (coordinates near the float limit, say)
            keep = np.ones(len(frame), dtype=bool)
            keep[np.flatnonzero(invalid)[failed]] = False
            notes.append(
                _("{count} of them could not be repaired and were skipped ({sample}).").format(
                    count=format_number(int(failed.sum())), sample=record_sample(order[~keep].tolist())
                )
            )
            frame, order = frame.loc[keep].copy(), order[keep]
            if len(frame) == 0:
                raise EmptyLayerError(source, layer=name)

    if str(frame.crs) != ctx.crs:
        frame = _to_crs(frame, ctx.crs, where=where, source=source)

    if ctx.bbox_lonlat is not None:
        city = city_box(ctx)
        inside = frame.geometry.intersects(city)
        if not bool(inside.any()):
            raise CRSError(
                _(
                    "The layer '{name}' from {where} lies entirely outside the city (its bounds in the city "
                    "CRS are {bounds}). Either it covers another area, or its CRS is wrong."
                ).format(
                    name=name, where=where, bounds=", ".join(format_number(v, 0) for v in frame.total_bounds)
                ),
                path=source,
            )
        if clip_to_city:
            frame = frame.loc[inside.values].copy()
    return frame.reset_index(drop=True), notes


def _without_unusable_geometries(
    frame: gpd.GeoDataFrame, notes: list[str]
) -> tuple[gpd.GeoDataFrame, np.ndarray]:
    """``frame`` less the features without geometry or with a coordinate that is not a finite number.

    A NaN or infinite coordinate (``1e999`` in a GeoJSON, a damaged ``.shp``)
    makes GEOS refuse the whole array when the geometries are checked or
    repaired, so one such feature would cost the layer; it is skipped and
    counted like an empty one.  Returns the kept features' positions in the
    frame as given, for the notes' samples.
    """
    import numpy as np
    import shapely

    geoms = frame.geometry.values
    order = np.arange(len(frame))
    missing = np.asarray(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    coords, index = shapely.get_coordinates(np.asarray(geoms), return_index=True)
    broken = np.zeros(len(frame), dtype=bool)
    broken[index[~np.isfinite(coords).all(axis=1)]] = True
    broken &= ~missing
    if missing.any():
        sample = record_sample(order[missing].tolist())
        notes.append(
            _("{count} feature(s) without geometry were skipped ({sample}).").format(
                count=format_number(int(missing.sum())), sample=sample
            )
        )
    if broken.any():
        notes.append(
            _(
                "{count} feature(s) with a coordinate that is not a finite number (NaN or infinite) were "
                "skipped ({sample})."
            ).format(count=format_number(int(broken.sum())), sample=record_sample(order[broken].tolist()))
        )
    drop = missing | broken
    if not drop.any():
        return frame, order
    return frame.loc[~drop].copy(), order[~drop]


def _repaired(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``make_valid`` of each geometry, and a mask of those GEOS refused to repair (left empty).

    GEOS repairs a whole array or raises for it, so one geometry it cannot
    handle (a scale of zero, coordinates near the float limit) would cost
    the layer; the array is then repaired one geometry at a time.
    """
    import numpy as np
    import shapely
    from shapely.errors import GEOSException

    try:
        return np.asarray(shapely.make_valid(geoms)), np.zeros(len(geoms), dtype=bool)
    except GEOSException:
        pass
    out = np.empty(len(geoms), dtype=object)
    failed = np.zeros(len(geoms), dtype=bool)
    for i, geom in enumerate(geoms):
        try:
            out[i] = shapely.make_valid(geom)
        except GEOSException:
            out[i], failed[i] = shapely.Polygon(), True
    return out, failed


def _assume_crs(frame: gpd.GeoDataFrame, crs: str, *, where: str, source: Path | None) -> gpd.GeoDataFrame:
    """``frame`` with the CRS the manifest names for it; a code PROJ does not know is a sentence."""
    from pyproj.exceptions import CRSError as ProjCRSError

    try:
        return frame.set_crs(crs)
    except ProjCRSError:
        raise CRSError(
            _(
                "The CRS '{crs}' named for the file {where} is not one twin_app knows. Name an EPSG code, "
                'such as crs = "EPSG:4326" for longitude/latitude.'
            ).format(crs=crs, where=where),
            path=source,
        ) from None


def _to_crs(frame: gpd.GeoDataFrame, crs: str, *, where: str, source: Path | None) -> gpd.GeoDataFrame:
    """``frame`` reprojected; a CRS PROJ cannot convert (another planet's, a broken one) is a sentence."""
    from pyproj.exceptions import CRSError as ProjCRSError
    from pyproj.exceptions import ProjError

    try:
        return frame.to_crs(crs)
    except (ProjError, ProjCRSError) as exc:
        reason = str(exc).split(": ")[-1].split(". ")[0].strip().rstrip(".")  # PROJ's own words
        if reason.count(")") > reason.count("("):
            reason = reason[:-1]
        raise CRSError(
            _(
                "The file {where} uses a coordinate reference system that cannot be converted to the city's "
                "({crs}): {reason}. Save it with a CRS of the Earth, such as EPSG:4326 for "
                "longitude/latitude."
            ).format(where=where, crs=crs, reason=reason),
            path=source,
        ) from None


def city_box(ctx: LoadContext, *, margin_m: float = 0.0) -> shapely.Polygon:  # type: ignore[name-defined]  # noqa: F821
    """The city's lon/lat bounding box as a polygon in the city's CRS."""
    assert ctx.bbox_lonlat is not None
    return lonlat_box_in(ctx.bbox_lonlat, ctx.crs, margin_m=margin_m)


def lonlat_box_in(
    bbox_lonlat: tuple[float, float, float, float], crs: str, *, margin_m: float = 0.0
) -> shapely.Polygon:  # type: ignore[name-defined]  # noqa: F821
    """A [west, south, east, north] degree box as a polygon in ``crs`` (its corners projected)."""
    import shapely
    from pyproj import Transformer

    w, s, e, n = bbox_lonlat
    tr = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    xs, ys = tr.transform([w, e, e, w], [s, s, n, n])
    box = shapely.Polygon(list(zip(xs, ys, strict=True)))
    return box.buffer(margin_m) if margin_m else box


#: how many record positions a note names
SAMPLE_SIZE = 3


#: the sample's wording per record word: (all named, more than named)
_SAMPLE_WORDS = {
    "feature": (N_("e.g. feature {listed} in file order"), N_("e.g. feature {listed}, ... in file order")),
    "line": (N_("e.g. line {listed} in file order"), N_("e.g. line {listed}, ... in file order")),
}


def record_sample(positions: Sequence[int], *, word: str = "feature") -> str:
    """Name up to three records by 1-based position ("e.g. feature 2, 5 and 9"), so they can be found.

    The list is joined the way the current language joins one ("2, 5 et 9").
    """
    from babel.lists import format_list

    from twin_app.core.i18n import babel_locale

    shown = [format_number(int(p) + 1) for p in list(positions)[:SAMPLE_SIZE]]
    listed = format_list(shown, locale=babel_locale()) if shown else ""
    more = len(positions) > SAMPLE_SIZE
    if word in _SAMPLE_WORDS:
        return _(_SAMPLE_WORDS[word][more]).format(listed=listed)
    if more:
        return _("e.g. {word} {listed}, ... in file order").format(word=word, listed=listed)
    return _("e.g. {word} {listed} in file order").format(word=word, listed=listed)


#: the separators a CSV may use, in the order a tie is settled
CSV_SEPARATORS = ",;\t|"


def csv_dialect(path: Path) -> tuple[str, str]:
    """The encoding (UTF-8, else Windows-1252) and the separator, sniffed from the first lines.

    One rule for every CSV twin_app reads (a layer, an imported table), so a
    file that opens as a layer reads the same way as a table.
    """
    import csv

    raw = path.read_bytes()[:65536]
    try:
        sample, encoding = raw.decode("utf-8-sig"), "utf-8-sig"
    except UnicodeDecodeError as exc:
        if len(raw) == 65536 and exc.start > 65530:  # a character cut by the sample's end
            sample, encoding = raw[: exc.start].decode("utf-8-sig"), "utf-8-sig"
        else:
            sample, encoding = raw.decode("cp1252", errors="replace"), "cp1252"
    lines = sample.splitlines()[:50]
    try:
        separator = csv.Sniffer().sniff("\n".join(lines), delimiters=CSV_SEPARATORS).delimiter
    except csv.Error:
        header = lines[0] if lines else ""
        separator = max(CSV_SEPARATORS, key=header.count) if header else ","
        separator = separator if header.count(separator) else ","
    return encoding, separator
