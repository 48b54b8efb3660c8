"""Vector files: GeoPackage, GeoJSON, Shapefile, FlatGeobuf, CSV.

Files are read with pyogrio (GDAL) and become point, line or polygon layers
by their geometry type.  CSV files carry their geometry as lon/lat columns
(taken as WGS84, which is what such columns mean) or as a WKT column.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from twin_app.api import (
    CorruptFileError,
    CRSError,
    EmptyLayerError,
    LineLayer,
    LoadContext,
    PointLayer,
    PolygonLayer,
    TwinError,
    UnexpectedContentError,
    VectorLayer,
    _,
    csv_dialect,
    forbid_gdal_network,
    prepare_frame,
    record_sample,
    refuse_remote,
)
from twin_layers._content import VECTOR_DRIVERS, VectorFile, describe_content, is_vector

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

LON_NAMES = ("lon", "lng", "long", "longitude", "x")
LAT_NAMES = ("lat", "latitude", "y")
WKT_NAMES = ("wkt", "geometry", "geom", "the_geom")

_FORMATS = {
    ".gpkg": "a GeoPackage",
    ".geojson": "GeoJSON",
    ".json": "GeoJSON",
    ".shp": "a Shapefile",
    ".fgb": "FlatGeobuf",
    ".csv": "CSV",
    ".zip": "a zipped vector file (Shapefile)",
}
#: separators a CSV may use; European spreadsheets write ';' because ',' is their decimal mark
#: suffixes whose header leaves GDAL a choice of drivers: the one it picked is checked before reading
SNIFFED_SUFFIXES = (".geojson", ".json", ".zip")
#: GDAL's warning for a ring it accepted unclosed; the note counts those features instead
_UNCLOSED_RING = ".*[Nn]on closed ring"
_DECIMAL_COMMA = r"^\s*[-+]?\d+(?:,\d+)?(?:[eE][-+]?\d+)?\s*$"


def read_frame(path: Path, options: Mapping[str, Any], notes: list[str] | None = None) -> gpd.GeoDataFrame:
    """Read any supported vector file into a GeoDataFrame (CRS as stored).

    The content is checked against the format the suffix names before GDAL
    opens the file: GDAL chooses drivers by content, and a VRT or GDAL
    pipeline dressed as GeoJSON or packed in a zip would read other files or
    URLs.  A GeoPackage, shapefile or FlatGeobuf header admits one driver;
    JSON and zips admit several, so there the driver GDAL picked is checked
    too before any feature is read (an extra open, spared the others).

    One bad record never costs the layer: a geometry GDAL hands over but
    GEOS cannot build (an unclosed ring) is repaired or skipped, and text in
    another encoding than the file declares is read as Windows-1252; what
    was done is appended to ``notes`` with a sample of the features.
    """
    suffix = path.suffix.lower()
    refuse_remote(path)
    fmt = _FORMATS.get(suffix, "a vector file")
    if not path.is_file() or not is_vector(path):
        raise UnexpectedContentError(path, expected=fmt, found=describe_content(path))
    notes = [] if notes is None else notes
    if suffix == ".csv":
        return _read_csv(path, options, notes)
    import pyogrio
    from pyproj.exceptions import CRSError as ProjCRSError

    forbid_gdal_network()
    try:
        if suffix in SNIFFED_SUFFIXES:
            driver = _driver(path, options.get("layer"))
            if driver not in VECTOR_DRIVERS.get(suffix, (driver,)):
                raise UnexpectedContentError(path, expected=fmt, found=f"read by GDAL's {driver} driver")
        return _read_records(path, options.get("layer"), fmt, notes)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, OSError) as exc:
        raise CorruptFileError(path, fmt=fmt, detail=str(exc)) from exc
    except UnicodeDecodeError as exc:  # a column name in no encoding (the values are retried below)
        detail = f"its column names are in no text encoding twin_app knows ({exc})"
        raise CorruptFileError(path, fmt=fmt, detail=detail) from exc
    except ProjCRSError as exc:  # GDAL made something of the CRS description that PROJ cannot read
        raise CRSError(
            _(
                "The coordinate reference system stored with '{path}' (for a shapefile, its .prj file) is "
                "damaged: PROJ cannot read it ({error}). Save the file again with its CRS, such as "
                "EPSG:4326 for longitude/latitude."
            ).format(path=path, error=str(exc)[:120]),
            path=path,
        ) from None
    except IndexError:  # pyogrio's words for a file that GDAL opens but finds no layer in
        if options.get("layer") is not None or _has_layers(path):
            raise
        detail = "GDAL finds no layer of features in it (a part of it, such as a shapefile's .shx, is broken)"
        raise CorruptFileError(path, fmt=fmt, detail=detail) from None
    except UnboundLocalError as exc:
        # pyogrio 0.13 fails so while handling a CRS description (a shapefile's .prj) that is not UTF-8
        if not isinstance(exc.__context__, UnicodeDecodeError):
            raise
        detail = "its coordinate reference system (the .prj file of a shapefile) is not readable text"
        raise CorruptFileError(path, fmt=fmt, detail=detail) from exc


def _has_layers(path: Path) -> bool:
    import pyogrio

    try:
        return len(pyogrio.list_layers(path)) > 0
    except (pyogrio.errors.DataSourceError, OSError):
        return False


def _driver(path: Path, layer: Any) -> str:
    """The OGR driver GDAL picks for ``path``; column names not in the declared encoding read as Windows-1252.

    pyogrio decodes the column names while it describes the file, so a
    Latin-1 GeoJSON with an "Höhe" column would otherwise be refused here,
    before :func:`_read_records` could read it as Windows-1252.
    """
    import pyogrio

    try:
        return str(pyogrio.read_info(path, layer=layer)["driver"])
    except UnicodeDecodeError:
        return str(pyogrio.read_info(path, layer=layer, encoding="cp1252")["driver"])


def _read_records(path: Path, layer: Any, fmt: str, notes: list[str]) -> gpd.GeoDataFrame:
    """pyogrio's read, retried so that a bad record or text encoding costs only itself.

    GDAL accepts an unclosed ring and hands it over; GEOS then refuses it and
    pyogrio refuses the whole file.  Reading again with ``on_invalid="fix"``
    closes such rings (or leaves the geometry empty, which the CRS/repair
    funnel skips and counts).  Text that does not decode as the encoding the
    file declares (a Latin-1 ``.dbf`` whose ``.cpg`` says UTF-8, GeoJSON
    saved by an old editor) is read as Windows-1252, the usual culprit.
    """
    import warnings

    import pyogrio
    from shapely.errors import GEOSException

    kwargs: dict[str, Any] = {}
    read_as: str | None = None  # the encoding the text was finally read in (None: as declared)
    while True:
        try:
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message=_UNCLOSED_RING, category=RuntimeWarning)
                frame = pyogrio.read_dataframe(path, layer=layer, **kwargs)
            break
        except UnicodeDecodeError as exc:
            if "encoding" in kwargs:
                detail = f"its text is in no encoding twin_app knows ({exc})"
                raise CorruptFileError(path, fmt=fmt, detail=detail) from exc
            kwargs["encoding"] = read_as = "cp1252"
        except GEOSException as exc:
            if "on_invalid" in kwargs:
                raise CorruptFileError(path, fmt=fmt, detail=str(exc)) from exc
            kwargs["on_invalid"] = "fix"
    if (
        "encoding" not in kwargs
        and _looks_like_utf8_read_as_latin1(frame)
        and pyogrio.read_info(path, layer=layer).get("encoding") == "ISO-8859-1"
    ):
        frame = pyogrio.read_dataframe(path, layer=layer, encoding="UTF-8", **kwargs)
        read_as = "UTF-8"
        notes.append(
            _(
                "'{name}' declares no text encoding but its text is UTF-8, and was read so; "
                "a .cpg file saying UTF-8 would make this certain."
            ).format(name=path.name)
        )
    if "encoding" in kwargs:
        notes.append(
            _(
                "'{name}' does not hold the text encoding it declares; its text was read as Windows-1252 "
                "(Latin-1). If names look wrong, save the file as UTF-8."
            ).format(name=path.name)
        )
    if "on_invalid" in kwargs:
        notes.append(_broken_geometry_note(path, layer, frame))
    return _unique_columns(frame, path, layer, read_as, notes)


def _unique_columns(
    frame: gpd.GeoDataFrame, path: Path, layer: Any, encoding: str | None, notes: list[str]
) -> gpd.GeoDataFrame:
    """``frame`` with a repeated column name made unique ("name", "name_2"), and a note saying so.

    A damaged or hand-edited ``.dbf`` can name two fields alike.  pyogrio
    then gives every one of them the values of the last (it gathers the
    columns by name), so the values are read again by position; and every
    later step (the column to colour by, the population column) expects a
    name to stand for one column.
    """
    import pyogrio

    names = [str(c) for c in frame.columns]
    if len(set(names)) == len(names):
        return frame
    frame = frame.copy()
    *_meta, values = pyogrio.raw.read(path, layer=layer, read_geometry=False, encoding=encoding)
    for position, column in enumerate(values):  # the fields come first, in the file's order
        if names.count(names[position]) > 1:
            frame.isetitem(position, column)
    taken, renamed, out = set(names), [], []
    for position, name in enumerate(names):
        if name in names[:position] and name != frame.geometry.name:
            number = 2
            while f"{name}_{number}" in taken:
                number += 1
            renamed.append(f"'{name}' as '{name}_{number}'")
            name = f"{name}_{number}"
            taken.add(name)
        out.append(name)
    notes.append(
        _(
            "'{name}' has {count} column(s) whose name repeats an earlier one; they were read "
            "under new names ({renamed})."
        ).format(
            name=path.name,
            count=len(renamed),
            renamed=", ".join(renamed[:3]) + (", ..." if len(renamed) > 3 else ""),
        )
    )
    frame.columns = out
    return frame


def _is_text(values: pd.Series) -> bool:
    """Whether a column holds text (object columns in pandas 2, the string dtype in pandas 3)."""
    import pandas as pd

    return bool(values.dtype == object or pd.api.types.is_string_dtype(values))


def _looks_like_utf8_read_as_latin1(frame: gpd.GeoDataFrame) -> bool:
    """Whether the non-ASCII text all turns into valid UTF-8 when taken back to Latin-1 bytes.

    A shapefile without ``.cpg`` is decoded by GDAL as ISO-8859-1, so UTF-8
    names come out as "TÃ¶Ã¶lÃ¶".  Real Latin-1 text almost never forms valid
    UTF-8 multi-byte sequences, so "all of it decodes, and some changes" is a
    safe sign the bytes were UTF-8.
    """
    changed = False
    for position, column in enumerate(frame.columns):  # by position: two columns may share a name
        values = frame.iloc[:, position]
        if column == frame.geometry.name or not _is_text(values):
            continue
        # a set of the strings alone: a JSON property may hold an object or a list, which cannot be hashed
        for value in {v for v in values.dropna() if isinstance(v, str)}:
            if value.isascii():
                continue
            try:
                fixed = value.encode("latin-1").decode("utf-8")
            except UnicodeError:
                return False
            changed |= fixed != value
    return changed


def _broken_geometry_note(path: Path, layer: Any, frame: gpd.GeoDataFrame) -> str:
    """Count and name the features whose geometry GEOS could not build as stored."""
    import warnings

    import numpy as np
    import pyogrio
    import shapely

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=_UNCLOSED_RING, category=RuntimeWarning)
        _meta, _fids, wkb, _fields = pyogrio.raw.read(path, layer=layer, columns=[])
    stored = np.array([g is not None for g in wkb], dtype=bool)
    broken = stored & shapely.is_missing(shapely.from_wkb(wkb, on_invalid="ignore"))
    positions = np.flatnonzero(broken)
    fixed = int(np.count_nonzero(~shapely.is_missing(frame.geometry.values[positions])))
    return _(
        "{count} feature(s) had a geometry that cannot exist as stored (such as an unclosed ring): "
        "{fixed} repaired, {skipped} skipped ({sample})."
    ).format(
        count=len(positions), fixed=fixed, skipped=len(positions) - fixed, sample=record_sample(positions)
    )


def _pick(columns: list[str], names: tuple[str, ...]) -> str | None:
    lower = {c.lower(): c for c in columns}
    return next((lower[n] for n in names if n in lower), None)


def _read_csv(path: Path, options: Mapping[str, Any], notes: list[str]) -> gpd.GeoDataFrame:
    import geopandas as gpd
    import numpy as np
    import pandas as pd
    import shapely

    encoding, separator = csv_dialect(path)
    try:
        table = pd.read_csv(path, sep=separator, encoding=encoding)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise CorruptFileError(path, fmt="CSV", detail=str(exc)) from exc
    if separator != ",":
        table = _decimal_commas(table)
    columns = [str(c) for c in table.columns]
    lon = options.get("lon_column") or _pick(columns, LON_NAMES)
    lat = options.get("lat_column") or _pick(columns, LAT_NAMES)
    wkt = options.get("wkt_column") or _pick(columns, WKT_NAMES)
    crs = options.get("crs")
    if lon and lat:
        xs = pd.to_numeric(table[lon], errors="coerce")
        ys = pd.to_numeric(table[lat], errors="coerce")
        geometry = gpd.points_from_xy(xs, ys)
        frame = gpd.GeoDataFrame(table.drop(columns=[lon, lat]), geometry=geometry, crs=crs or "EPSG:4326")
        bad = (xs.isna() | ys.isna()).to_numpy()
        if bad.any():
            notes.append(
                _(
                    "{count} row(s) without geometry (no readable '{lon}'/'{lat}') were skipped ({lines})."
                ).format(count=int(bad.sum()), lon=lon, lat=lat, lines=_csv_lines(bad))
            )
        return frame.loc[~bad].reset_index(drop=True)
    if wkt:
        text = table[wkt]
        blank = (text.isna() | (text.astype(str).str.strip() == "")).to_numpy()
        geoms = shapely.from_wkt(np.where(blank, None, text.astype(str).to_numpy()), on_invalid="ignore")
        unreadable = ~blank & shapely.is_missing(geoms)
        frame = gpd.GeoDataFrame(table.drop(columns=[wkt]), geometry=geoms, crs=crs)
        if blank.any():
            notes.append(
                _("{count} row(s) with an empty '{column}' cell were skipped ({lines}).").format(
                    count=int(blank.sum()), column=wkt, lines=_csv_lines(blank)
                )
            )
        if unreadable.any():
            notes.append(
                _("{count} row(s) whose '{column}' cell is not WKT were skipped ({lines}).").format(
                    count=int(unreadable.sum()), column=wkt, lines=_csv_lines(unreadable)
                )
            )
        return frame.loc[~(blank | unreadable)].reset_index(drop=True)
    raise TwinError(
        _(
            "The CSV file '{path}' has no coordinates twin_app recognises: add 'lon' and 'lat' columns "
            "(degrees, WGS84) or a 'wkt' column with geometries."
        ).format(path=path),
        path=path,
    )


def _csv_lines(mask: Any) -> str:
    """A sample of the masked rows as line numbers in the file (line 1 is the header)."""
    import numpy as np

    return record_sample(np.flatnonzero(mask) + 1, word="line")


def _decimal_commas(table: pd.DataFrame) -> pd.DataFrame:
    """Columns of numbers written with a decimal comma ("60,17") become numbers.

    Only for files not separated by commas: there a comma inside a value can
    only be a decimal mark.
    """
    import pandas as pd

    for column in table.columns:
        values = table[column]
        if not (values.dtype == object or pd.api.types.is_string_dtype(values)):
            continue
        text = values.dropna().astype(str)
        if len(text) and text.str.match(_DECIMAL_COMMA).all() and text.str.contains(",").any():
            table[column] = pd.to_numeric(
                values.astype(str).str.replace(",", ".", regex=False), errors="coerce"
            )
    return table


def layer_for_frame(
    frame: gpd.GeoDataFrame, *, layer_id: str, title: str, crs: str, source: Path
) -> VectorLayer:
    """Pick the generic layer type from the geometry types present."""
    kinds = frame.geometry.geom_type.str.replace("Multi", "", regex=False)
    counts = kinds.value_counts()
    main = str(counts.index[0])
    cls: type[VectorLayer] = {"Polygon": PolygonLayer, "LineString": LineLayer, "Point": PointLayer}.get(
        main, PolygonLayer
    )
    notes: list[str] = []
    if len(counts) > 1:
        keep = kinds == main
        notes.append(
            _("{count} feature(s) of other geometry types than {kind} were set aside.").format(
                count=int((~keep).sum()), kind=main
            )
        )
        frame = frame.loc[keep.values].reset_index(drop=True)
    return cls(id=layer_id, title=title, crs=crs, source=source, frame=frame, notes=notes)


@dataclass(frozen=True)
class VectorKind(VectorFile):
    name: str = "vector"
    title: str = "Vector file (GeoPackage, GeoJSON, Shapefile, FlatGeobuf, CSV)"
    suffixes: tuple[str, ...] = (".gpkg", ".geojson", ".json", ".shp", ".fgb", ".csv", ".zip")

    def load(self, source: Path, options: Mapping[str, Any], ctx: LoadContext) -> VectorLayer:
        read_notes: list[str] = []
        raw = read_frame(source, options, read_notes)
        if len(raw) == 0:
            raise EmptyLayerError(source, layer=ctx.title or ctx.layer_id)
        if raw.crs is None and source.suffix.lower() == ".csv" and options.get("crs") is None:
            b = raw.total_bounds
            if -180 <= b[0] <= b[2] <= 180 and -90 <= b[1] <= b[3] <= 90:
                raw = raw.set_crs("EPSG:4326")
                ctx.feedback.warning(
                    _("'{name}' has no CRS; its WKT coordinates look like degrees (EPSG:4326).").format(
                        name=source.name
                    )
                )
            else:
                raise CRSError(
                    _(
                        "The CSV file '{path}' has WKT geometries but no CRS. Name it in the manifest with "
                        'crs = "EPSG:....".'
                    ).format(path=source),
                    path=source,
                )
        frame, notes = prepare_frame(raw, ctx, source=source, assume_crs=options.get("crs"))
        layer = layer_for_frame(
            frame, layer_id=ctx.layer_id, title=ctx.title or source.name, crs=ctx.crs, source=source
        )
        layer.notes[:0] = read_notes + notes
        layer.style = str(options.get("style", layer.style))
        layer.value_column = layer.default_column = options.get("value_column")
        layer.units = options.get("units")
        return layer


VECTOR_KIND = VectorKind()
