"""Imported system data: a planner's table joined to the city's features, by key or by location.

A table (CSV, or the attributes of a GeoPackage/GeoJSON layer) is joined to a
vector layer of the city and comes back as a result layer that *re-colours*
that layer (``VectorLayer.restyles``), exactly as an analysis result does:
energy use per building colours the buildings, with the palette and legend of
its quantity, and nothing new is extruded.

The rules a planner needs to know (docs/tables.md says the same):

* **Keys** are compared as text after trimming spaces.  A key that is a whole
  number (``123``, ``"0123"``, ``123.0``) is compared as that number, so a
  spreadsheet that kept leading zeros or one that turned ids into decimals
  still matches a numeric id column; the price is that ``"00100"`` and
  ``"100"`` are the same key.  OpenStreetMap ids written as in osm.org links
  (``way/123``, ``relation/5``, or the whole URL) match a layer that has
  ``osm_type`` beside ``osm_id``; a bare number matches ``osm_id`` alone (and so
  both a way and a relation of that number, which the report counts).
* **Duplicate keys** in the table are refused unless an aggregation is asked
  for (``sum`` or ``mean`` of the rows sharing a key): silently keeping one
  row of two meter readings would understate a building's use.
* **Values**: the chosen columns, or by default every column (other than the
  key, coordinates, time, and ids or codes such as ``station_id``) whose
  non-blank cells are at least half numbers.  A cell
  that is not a number is counted and left without a value (NaN, drawn in the
  palette's neutral colour).  Units come from a ``name [unit]`` header or an
  option.
* **By location**: each row's point (lon/lat in WGS 84, or x/y in a stated
  CRS) goes to the polygon containing it; rows are aggregated per feature
  (sum or mean, and always a ``row_count``); rows outside every feature are
  counted, never given to the nearest one.

Time-stamped tables (one row per key and time) are turned into observations
by :mod:`twin_app.core.table_series` and played on the time slider.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from twin_app.core.errors import CorruptFileError, MissingFileError, TableError
from twin_app.core.i18n import N_, _, format_number
from twin_app.core.layers import (
    FEATURE_ID_COLUMN,
    BuildingsLayer,
    LineLayer,
    PointLayer,
    PolygonLayer,
    VectorLayer,
)
from twin_app.core.vector import csv_dialect

if TYPE_CHECKING:
    import geopandas as gpd
    import numpy as np
    import pandas as pd

#: the separators a CSV may use (sniffed from its first lines)
#: column names recognised as coordinates when none are given
LON_NAMES = ("lon", "lng", "long", "longitude", "x_wgs84")
LAT_NAMES = ("lat", "latitude", "y_wgs84")
X_NAMES = ("x", "easting", "e")
Y_NAMES = ("y", "northing", "n")
#: how many keys a report names as examples
SAMPLE_KEYS = 5
AGGREGATES = ("sum", "mean")
#: the column of a location join's result counting the rows each feature received
ROW_COUNT = "row_count"

_UNIT_HEADER = re.compile(r"^\s*(?P<name>.*?)\s*\[(?P<unit>[^\]]+)\]\s*$")
_WHOLE_NUMBER = re.compile(r"^[+-]?\d+(?:\.0*)?$")
_OSM_REF = re.compile(r"(?:^|/)(?P<type>node|way|relation)/(?P<id>\d+)/?$")
_ID_NAME = re.compile(r"(?:^|[_\s-])(?:id|fid|key|code)$|^(?:osm_?id|objectid)$", re.IGNORECASE)
_DECIMAL_COMMA = re.compile(r"^\s*[+-]?\d+(?:,\d+)?\s*$")


# -- reading ----------------------------------------------------------------------------------------


@dataclass
class Table:
    """A table as read: its columns (units taken out of ``name [unit]`` headers) and where it came from.

    ``geometry`` is the points of a GeoPackage/GeoJSON layer (None for a CSV);
    ``decimal_comma`` is True for a CSV separated by something other than
    commas, where "21,4" can only be a decimal number.
    """

    name: str
    path: Path | None
    frame: pd.DataFrame
    units: dict[str, str] = field(default_factory=dict)
    geometry: gpd.GeoSeries | None = None
    decimal_comma: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def columns(self) -> list[str]:
        return [str(c) for c in self.frame.columns]

    def column(self, name: str, *, what: str = "column") -> str:
        """``name`` as a column of the table (case-insensitive); a sentence listing the columns if absent.

        ``what`` is one of :data:`COLUMN_ROLES` (it is translated where the sentence is made).
        """
        if name in self.frame.columns:
            return name
        lower = {c.lower(): c for c in self.columns}
        if name.lower() in lower:
            return lower[name.lower()]
        raise TableError(
            _("The table '{table}' has no {what} '{name}'; its columns are: {columns}.").format(
                table=self.name, what=_(what), name=name, columns=", ".join(self.columns)
            )
        )


#: the roles a column is looked up for, as :meth:`Table.column` names them (marked for the catalogue)
COLUMN_ROLES = (N_("column"), N_("key column"), N_("longitude column"), N_("latitude column"))


def read_table(path: Path | str, *, layer: str | None = None, name: str | None = None) -> Table:
    """Read a CSV (encoding and separator sniffed) or a GeoPackage/GeoJSON layer's attributes.

    CSV cells are kept as text, so ids keep their leading zeros until the
    key rule above decides; values are parsed when a join chooses them.
    """
    path = Path(path)
    if not path.is_file():
        raise MissingFileError(path, what="table")
    suffix = path.suffix.lower()
    table_name = name or path.stem
    if suffix in (".csv", ".txt", ".tsv"):
        frame, separator = _read_csv(path)
        table = Table(table_name, path, frame, decimal_comma=separator != ",")
    elif suffix in (".gpkg", ".geojson", ".json", ".fgb", ".shp"):
        table = _read_ogr(path, layer, table_name)
    else:
        raise TableError(
            _(
                "twin_app cannot read '{name}' as a table: give a CSV file (.csv) or the layer of a "
                "GeoPackage (.gpkg) or GeoJSON (.geojson) file."
            ).format(name=path.name),
            path=path,
        )
    return _with_units(table)


def _read_csv(path: Path) -> tuple[pd.DataFrame, str]:
    import pandas as pd

    encoding, separator = csv_dialect(path)
    try:
        frame = pd.read_csv(path, sep=separator, encoding=encoding, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise CorruptFileError(path, fmt="CSV", detail=str(exc)) from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame, separator


def _read_ogr(path: Path, layer: str | None, name: str) -> Table:
    import pyogrio

    from twin_app.core.safe_read import refuse_remote

    refuse_remote(path)
    try:
        layers = [str(row[0]) for row in pyogrio.list_layers(path)]
        chosen = layer or (layers[0] if layers else None)
        if layer is not None and layer not in layers:
            raise TableError(
                _("'{name}' has no layer '{layer}'; its layers are: {layers}.").format(
                    name=path.name, layer=layer, layers=", ".join(layers)
                ),
                path=path,
            )
        frame = pyogrio.read_dataframe(path, layer=chosen)
    except pyogrio.errors.DataSourceError as exc:
        raise CorruptFileError(path, fmt="a GeoPackage or GeoJSON file", detail=str(exc)) from exc
    notes = []
    if layer is None and len(layers) > 1:
        notes.append(
            _("'{name}' has {count} layers; the first, '{chosen}', was read as the table.").format(
                name=path.name, count=format_number(len(layers)), chosen=chosen
            )
        )
    geometry = None
    if hasattr(frame, "geometry") and frame.geometry.notna().any():
        geometry = frame.geometry
    data = frame.drop(columns=[frame.geometry.name]) if hasattr(frame, "geometry") else frame
    import pandas as pd

    return Table(name, path, pd.DataFrame(data), geometry=geometry, notes=notes)


def _with_units(table: Table) -> Table:
    """Take units out of ``name [unit]`` headers: the column is ``name``, its unit ``unit``."""
    renames: dict[str, str] = {}
    for column in table.columns:
        match = _UNIT_HEADER.match(column)
        if match and match.group("name"):
            renames[column] = match.group("name")
            table.units[match.group("name")] = match.group("unit").strip()
    if renames:
        table.frame = table.frame.rename(columns=renames)
    return table


# -- keys and numbers -------------------------------------------------------------------------------


def normalise_key(value: Any) -> str | None:
    """The text a key is compared as (the rule in the module docstring); None for a blank key."""
    import math

    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    text = str(value).strip()
    if not text or text.lower() in ("nan", "none", "null"):
        return None
    if _WHOLE_NUMBER.match(text):
        return str(int(text.split(".")[0]))
    osm = _OSM_REF.search(text)
    if osm:
        return f"{osm.group('type')}/{int(osm.group('id'))}"
    return text


def layer_keys(frame: pd.DataFrame, column: str) -> list[tuple[str, ...]]:
    """The keys each feature answers to: its column's value, and ``type/id`` for an OSM id with its type."""
    values = [normalise_key(v) for v in frame[column].tolist()]
    if column == "osm_id" and "osm_type" in frame.columns:
        types = frame["osm_type"].tolist()
        return [
            (v, f"{t}/{v}") if v is not None and isinstance(t, str) and t else ((v,) if v else ())
            for v, t in zip(values, types, strict=True)
        ]
    return [(v,) if v is not None else () for v in values]


def key_index(frame: pd.DataFrame, column: str) -> dict[str, list[int]]:
    """Key -> the positions of the features that answer to it."""
    out: dict[str, list[int]] = {}
    for position, keys in enumerate(layer_keys(frame, column)):
        for key in keys:
            out.setdefault(key, []).append(position)
    return out


def numbers(series: pd.Series, *, decimal_comma: bool = False) -> tuple[np.ndarray, int]:
    """A column as floats (NaN for blanks and non-numbers), and how many non-blank cells were not numbers."""
    import numpy as np
    import pandas as pd

    if series.dtype.kind in "iufb":
        values = series.to_numpy(dtype=float, na_value=np.nan)
        return values, 0
    text = series.astype("string").str.strip()
    blank = text.isna() | (text == "")
    if decimal_comma:
        comma = text.str.match(_DECIMAL_COMMA).fillna(False).astype(bool)
        text = text.where(~comma, text.str.replace(",", ".", regex=False))
    values = pd.to_numeric(text.where(~blank, None), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    finite = np.isfinite(values)
    values[~finite] = np.nan
    bad = int(((~finite) & ~blank.to_numpy(dtype=bool)).sum())
    return values, bad


def value_columns(table: Table, chosen: Sequence[str] | None, *, skip: Sequence[str]) -> list[str]:
    """The columns to join: those chosen, else those whose non-blank cells are at least half numbers.

    Left out of the default choice: ids and codes (``id``, ``station_id``,
    ``fid``, ``key``, ``code``): numbers, but summing them means nothing.
    """
    if chosen:
        return [table.column(c, what="value column") for c in chosen]
    out = []
    for column in table.columns:
        if column in skip or _ID_NAME.search(column):
            continue
        series = table.frame[column]
        values, bad = numbers(series, decimal_comma=table.decimal_comma)
        good = int((~_isnan(values)).sum())
        if good and good >= bad:
            out.append(column)
    if not out:
        raise TableError(
            _(
                "The table '{table}' has no column of numbers to join (columns: {columns}); name the value "
                "column to use."
            ).format(table=table.name, columns=", ".join(table.columns))
        )
    return out


def _isnan(values: np.ndarray) -> np.ndarray:
    import numpy as np

    return np.isnan(values)


# -- the report -------------------------------------------------------------------------------------


@dataclass
class JoinReport:
    """What a join matched and what it could not, as counts and as sentences a planner can act on."""

    table: str
    layer: str
    how: str  # "key" | "location"
    rows: int
    features: int
    matched_features: int
    on: str = ""
    values: list[str] = field(default_factory=list)
    units: dict[str, str | None] = field(default_factory=dict)
    rows_without_feature: int = 0
    sample_keys: list[str] = field(default_factory=list)
    blank_keys: int = 0
    features_without_row: int = 0
    duplicate_keys: int = 0
    duplicate_rows: int = 0
    aggregate: str | None = None
    shared_keys: int = 0
    features_sharing_keys: int = 0
    non_numeric: dict[str, int] = field(default_factory=dict)
    outside: int = 0
    without_position: int = 0
    on_borders: int = 0
    notes: list[str] = field(default_factory=list)
    #: for a time-stamped table: observations stored, skipped as already stored, first and last time
    observations: dict[str, Any] | None = None

    def sentences(self) -> list[str]:
        n = format_number
        out = []
        if self.how == "key":
            out.append(
                _(
                    "{matched} of {features} features of '{layer}' matched a row of '{table}' ({rows} rows, "
                    "joined on {on})."
                ).format(
                    matched=n(self.matched_features),
                    features=n(self.features),
                    layer=self.layer,
                    table=self.table,
                    rows=n(self.rows),
                    on=self.on,
                )
            )
        else:
            placed = self.rows - self.outside - self.without_position
            template = (
                _(
                    "{placed} of {rows} rows of '{table}' lie in a feature of '{layer}'; {matched} of "
                    "{features} features received at least one (their values summed per feature)."
                )
                if self.aggregate == "sum"
                else _(
                    "{placed} of {rows} rows of '{table}' lie in a feature of '{layer}'; {matched} of "
                    "{features} features received at least one (their values averaged per feature)."
                )
                if self.aggregate == "mean"
                else _(
                    "{placed} of {rows} rows of '{table}' lie in a feature of '{layer}'; {matched} of "
                    "{features} features received at least one."
                )
            )
            out.append(
                template.format(
                    placed=n(placed),
                    rows=n(self.rows),
                    table=self.table,
                    layer=self.layer,
                    matched=n(self.matched_features),
                    features=n(self.features),
                )
            )
        if self.rows_without_feature:
            out.append(
                _(
                    "{count} row(s) have a key no feature has (e.g. {keys}): check that the key columns hold "
                    "the same ids."
                ).format(
                    count=n(self.rows_without_feature), keys=", ".join(repr(k) for k in self.sample_keys)
                )
            )
        if self.blank_keys:
            out.append(_("{count} row(s) have no key and were left out.").format(count=n(self.blank_keys)))
        if self.features_without_row:
            out.append(
                _("{count} feature(s) got no value and are drawn as 'no value'.").format(
                    count=n(self.features_without_row)
                )
            )
        if self.duplicate_keys:
            template = (
                _("{keys} key(s) appear on more than one row ({rows} rows); their values were summed.")
                if self.aggregate == "sum"
                else _("{keys} key(s) appear on more than one row ({rows} rows); their values were averaged.")
            )
            out.append(template.format(keys=n(self.duplicate_keys), rows=n(self.duplicate_rows)))
        if self.shared_keys:
            out.append(
                _(
                    "{features} features share {keys} key(s); each got its row's whole value (a sum "
                    "over them "
                    "counts it more than once)."
                ).format(features=n(self.features_sharing_keys), keys=n(self.shared_keys))
            )
        for column, count in self.non_numeric.items():
            if count:
                out.append(
                    _("{count} cell(s) of '{column}' are not numbers and were left without a value.").format(
                        count=n(count), column=column
                    )
                )
        if self.outside:
            out.append(
                _("{count} row(s) lie outside every feature and were not counted.").format(
                    count=n(self.outside)
                )
            )
        if self.without_position:
            out.append(
                _("{count} row(s) have no readable coordinates and were left out.").format(
                    count=n(self.without_position)
                )
            )
        if self.on_borders:
            out.append(
                _("{count} row(s) lie on the border of two features and went to the first one.").format(
                    count=n(self.on_borders)
                )
            )
        out.extend(self.notes)
        return out

    def as_json(self) -> dict[str, Any]:
        """The ``twin-app join --json`` document (docs/tables.md)."""
        return {
            "table": self.table,
            "layer": self.layer,
            "how": self.how,
            "on": self.on or None,
            "values": list(self.values),
            "units": dict(self.units),
            "rows": self.rows,
            "features": self.features,
            "matched_features": self.matched_features,
            "features_without_row": self.features_without_row,
            "rows_without_feature": self.rows_without_feature,
            "sample_keys": list(self.sample_keys),
            "blank_keys": self.blank_keys,
            "duplicate_keys": self.duplicate_keys,
            "duplicate_rows": self.duplicate_rows,
            "aggregate": self.aggregate,
            "features_sharing_keys": self.features_sharing_keys,
            "non_numeric": dict(self.non_numeric),
            "outside": self.outside,
            "without_position": self.without_position,
            "observations": self.observations,
            "messages": self.sentences(),
        }


@dataclass
class JoinResult:
    """The result layer (re-colouring the target) and the report of the join that made it."""

    layer: VectorLayer
    report: JoinReport


# -- joins ------------------------------------------------------------------------------------------


def join_by_key(
    target: VectorLayer,
    table: Table,
    *,
    layer_column: str,
    table_column: str,
    values: Sequence[str] | None = None,
    units: Mapping[str, str] | None = None,
    aggregate: str | None = None,
    quantity: str | None = None,
    skip: Sequence[str] = (),
) -> JoinResult:
    """Join ``table`` to ``target`` on ``layer_column = table_column``; a result layer that re-colours it.

    ``aggregate`` (``sum``/``mean``) is how rows sharing a key are combined;
    None refuses such a table with a sentence naming the keys.
    """
    import numpy as np

    if layer_column not in target.frame.columns:
        columns = [str(c) for c in target.frame.columns if c != target.frame.geometry.name]
        raise TableError(
            _("The layer '{layer}' has no column '{column}' to join on; its columns are: {columns}.").format(
                layer=target.display_title(), column=layer_column, columns=", ".join(columns)
            )
        )
    _check_aggregate(aggregate, "--aggregate")
    key_column = table.column(table_column, what="key column")
    chosen = value_columns(table, values, skip=[key_column, *skip])
    keys = [normalise_key(v) for v in table.frame[key_column].tolist()]
    report = JoinReport(
        table=table.name,
        layer=target.display_title(),
        how="key",
        rows=len(table.frame),
        features=len(target.frame),
        matched_features=0,
        on=f"{layer_column} = {key_column}",
        values=list(chosen),
        aggregate=aggregate,
        notes=list(table.notes),
    )
    report.blank_keys = sum(k is None for k in keys)
    counts: dict[str, int] = {}
    for key in keys:
        if key is not None:
            counts[key] = counts.get(key, 0) + 1
    duplicated = {k: n for k, n in counts.items() if n > 1}
    if duplicated and aggregate is None:
        sample = ", ".join(repr(k) for k in list(duplicated)[:SAMPLE_KEYS])
        raise TableError(
            _(
                "{count} key(s) of '{table}' appear on more than one row (e.g. {sample}); remove the "
                "repeats, "
                "or choose how to combine them (aggregate: sum or mean)."
            ).format(count=format_number(len(duplicated)), table=table.name, sample=sample)
        )
    report.duplicate_keys = len(duplicated)
    report.duplicate_rows = sum(duplicated.values())
    index = key_index(target.frame, layer_column)
    # the table's values per key (aggregated when keys repeat)
    per_key: dict[str, dict[str, float]] = {}
    for column in chosen:
        column_values, bad = numbers(table.frame[column], decimal_comma=table.decimal_comma)
        report.non_numeric[column] = bad
        grouped = _group(keys, column_values, aggregate or "sum")
        for key, value in grouped.items():
            per_key.setdefault(key, {})[column] = value
    missing = [k for k in counts if k not in index]
    report.rows_without_feature = sum(counts[k] for k in missing)
    report.sample_keys = missing[:SAMPLE_KEYS]
    result_values = {c: np.full(len(target.frame), np.nan) for c in chosen}
    matched = np.zeros(len(target.frame), dtype=bool)
    for key, row in per_key.items():
        for position in index.get(key, ()):
            matched[position] = True
            for column, value in row.items():
                result_values[column][position] = value
    shared = {k: p for k, p in index.items() if len(p) > 1 and k in per_key}
    report.shared_keys = len(shared)
    report.features_sharing_keys = len({p for ps in shared.values() for p in ps})
    report.matched_features = int(matched.sum())
    report.features_without_row = len(target.frame) - report.matched_features
    layer = _result_layer(target, table, result_values, units=units, quantity=quantity, report=report)
    return JoinResult(layer, report)


def join_by_location(
    target: VectorLayer,
    table: Table,
    *,
    lon: str | None = None,
    lat: str | None = None,
    x: str | None = None,
    y: str | None = None,
    crs: str | None = None,
    values: Sequence[str] | None = None,
    units: Mapping[str, str] | None = None,
    aggregate: str = "sum",
    quantity: str | None = None,
) -> JoinResult:
    """Give each row to the polygon of ``target`` containing its point; aggregate per feature.

    The point is ``lon``/``lat`` (WGS 84), or ``x``/``y`` in ``crs``, or the
    table's own point geometry (a GeoPackage or GeoJSON layer).  The result
    always has a ``row_count`` column; with no value column it is the colouring.
    """
    import geopandas as gpd
    import numpy as np
    import shapely

    _check_aggregate(aggregate, "--aggregate")
    kinds = set(target.frame.geometry.geom_type.dropna().unique())
    if not kinds or not kinds <= {"Polygon", "MultiPolygon"}:
        raise TableError(
            _(
                "The layer '{layer}' is not made of polygons, so no row can lie inside one of its features; "
                "join by location to buildings, districts or other areas, or join by key."
            ).format(layer=target.display_title())
        )
    points, used = _points(table, lon=lon, lat=lat, x=x, y=y, crs=crs)
    placed = gpd.GeoSeries(points, crs=points.crs).to_crs(target.crs)
    has_point = ~np.asarray(shapely.is_missing(placed.values) | shapely.is_empty(placed.values))
    try:
        chosen = value_columns(table, values, skip=used)
    except TableError:
        if values:
            raise
        chosen = []
    polygons = target.frame.geometry.reset_index(drop=True)
    tree = shapely.STRtree(polygons.values)
    row_idx, poly_idx = tree.query(placed.values[has_point], predicate="intersects")
    rows_with_point = np.flatnonzero(has_point)
    feature_of = np.full(len(table.frame), -1, dtype=np.int64)
    border = np.zeros(len(table.frame), dtype=bool)
    order = np.lexsort((poly_idx, row_idx))  # per row, the first feature in layer order
    for r, p in zip(row_idx[order], poly_idx[order], strict=True):
        row = rows_with_point[r]
        if feature_of[row] < 0:
            feature_of[row] = p
        else:
            border[row] = True
    report = JoinReport(
        table=table.name,
        layer=target.display_title(),
        how="location",
        rows=len(table.frame),
        features=len(target.frame),
        matched_features=0,
        on=f"{used[0]}/{used[1]}" if len(used) == 2 else "the table's geometry",
        values=[*chosen, ROW_COUNT],
        aggregate=aggregate,
        notes=list(table.notes),
    )
    report.without_position = int((~has_point).sum())
    report.outside = int((has_point & (feature_of < 0)).sum())
    report.on_borders = int(border.sum())
    inside = feature_of >= 0
    count = np.bincount(feature_of[inside], minlength=len(target.frame)).astype(float)
    result_values: dict[str, np.ndarray] = {}
    for column in chosen:
        column_values, bad = numbers(table.frame[column], decimal_comma=table.decimal_comma)
        report.non_numeric[column] = bad
        ok = inside & ~np.isnan(column_values)
        total = np.bincount(feature_of[ok], weights=column_values[ok], minlength=len(target.frame))
        n = np.bincount(feature_of[ok], minlength=len(target.frame))
        with np.errstate(invalid="ignore", divide="ignore"):
            result_values[column] = np.where(n > 0, total / n if aggregate == "mean" else total, np.nan)
    result_values[ROW_COUNT] = np.where(count > 0, count, np.nan)
    report.matched_features = int((count > 0).sum())
    report.features_without_row = len(target.frame) - report.matched_features
    layer = _result_layer(target, table, result_values, units=units, quantity=quantity, report=report)
    return JoinResult(layer, report)


def _check_aggregate(aggregate: str | None, option: str) -> None:
    if aggregate is not None and aggregate not in AGGREGATES:
        raise TableError(
            _("Rows are combined by sum or mean, not '{aggregate}' ({option}).").format(
                aggregate=aggregate, option=option
            )
        )


def _group(keys: list[str | None], values: np.ndarray, how: str) -> dict[str, float]:
    """Values per key: summed or averaged over the key's numeric cells (NaN when it has none)."""
    import math

    totals: dict[str, float] = {}
    counts: dict[str, int] = {}
    for key, value in zip(keys, values.tolist(), strict=True):
        if key is None:
            continue
        totals.setdefault(key, 0.0)
        counts.setdefault(key, 0)
        if not math.isnan(value):
            totals[key] += value
            counts[key] += 1
    return {
        k: (totals[k] / counts[k] if how == "mean" else totals[k]) if counts[k] else math.nan for k in totals
    }


def _points(
    table: Table, *, lon: str | None, lat: str | None, x: str | None, y: str | None, crs: str | None
) -> tuple[gpd.GeoSeries, list[str]]:
    """Each row's point and the columns it came from (none for a table with its own geometry)."""
    import geopandas as gpd

    if x or y:
        if not (x and y and crs):
            raise TableError(
                _(
                    "Points of '{table}' given as x/y need both columns and their CRS "
                    "(e.g. --x E --y N --crs EPSG:3067); for degrees use --lon and --lat."
                ).format(table=table.name)
            )
        xs, _bad_x = numbers(table.frame[table.column(x)], decimal_comma=table.decimal_comma)
        ys, _bad_y = numbers(table.frame[table.column(y)], decimal_comma=table.decimal_comma)
        return gpd.GeoSeries(_xy_points(xs, ys), crs=crs), [table.column(x), table.column(y)]
    if lon or lat or table.geometry is None:
        lon_col = table.column(lon, what="longitude column") if lon else _pick(table.columns, LON_NAMES)
        lat_col = table.column(lat, what="latitude column") if lat else _pick(table.columns, LAT_NAMES)
        if lon_col is None or lat_col is None:
            raise TableError(
                _(
                    "The table '{table}' has no lon/lat columns twin_app recognises (columns: {columns}); "
                    "name them (--lon, --lat), or give x/y columns with their CRS."
                ).format(table=table.name, columns=", ".join(table.columns))
            )
        xs, _bad_x = numbers(table.frame[lon_col], decimal_comma=table.decimal_comma)
        ys, _bad_y = numbers(table.frame[lat_col], decimal_comma=table.decimal_comma)
        import numpy as np

        bad = (np.abs(xs) > 180) | (np.abs(ys) > 90)
        xs[bad] = np.nan
        ys[bad] = np.nan
        return gpd.GeoSeries(_xy_points(xs, ys), crs="EPSG:4326"), [lon_col, lat_col]
    geometry = table.geometry
    if geometry.crs is None:
        raise TableError(
            _("The table '{table}' has geometry but no CRS; save it with its CRS and retry.").format(
                table=table.name
            )
        )
    return gpd.GeoSeries(geometry.centroid.values, crs=geometry.crs), []


def _xy_points(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Points, None where a coordinate is missing (a point at NaN, NaN would be no place at all)."""
    import numpy as np
    import shapely

    ok = np.isfinite(xs) & np.isfinite(ys)
    out = np.full(len(xs), None, dtype=object)
    out[ok] = shapely.points(xs[ok], ys[ok])
    return out


def _pick(columns: list[str], names: tuple[str, ...]) -> str | None:
    lower = {c.lower(): c for c in columns}
    return next((lower[n] for n in names if n in lower), None)


def _result_layer(
    target: VectorLayer,
    table: Table,
    values: dict[str, np.ndarray],
    *,
    units: Mapping[str, str] | None,
    quantity: str | None,
    report: JoinReport,
) -> VectorLayer:
    """A copy of the target's features with the joined columns, re-colouring the target."""
    frame = target.frame.copy()
    names: dict[str, str] = {}
    for column, array in values.items():
        name = column
        if name in frame.columns or name == FEATURE_ID_COLUMN:
            name = f"{column} ({table.name})"
            report.notes.append(
                _("'{layer}' already has a column '{column}'; the table's is '{name}' in the result.").format(
                    layer=target.display_title(), column=column, name=name
                )
            )
        frame[name] = array
        names[column] = name
    all_units = {**table.units, **dict(units or {})}
    report.units = {names[c]: all_units.get(c) for c in values}
    report.values = [names[c] for c in values]
    first = report.values[0]
    cls = _result_class(target)
    return cls(
        id=f"table:{table.name}",
        title=_("{value} from {table}").format(
            value=_title(first), table=table.path.name if table.path else table.name
        ),
        crs=target.crs,
        source=table.path,
        style=target.style,
        frame=frame,
        value_column=first,
        units=report.units.get(first),
        quantities={first: quantity} if quantity else {},
        restyles=target.id,
        notes=report.sentences(),
    )


def _result_class(target: VectorLayer) -> type[VectorLayer]:
    """The result's generic type: buildings stay buildings (heights, extrusion), areas stay areas."""
    for cls in (BuildingsLayer, PolygonLayer, PointLayer, LineLayer):
        if isinstance(target, cls):
            return cls
    return VectorLayer


def _title(name: str) -> str:
    text = name.replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:]


__all__ = [
    "AGGREGATES",
    "ROW_COUNT",
    "JoinReport",
    "JoinResult",
    "Table",
    "csv_dialect",
    "join_by_key",
    "join_by_location",
    "key_index",
    "layer_keys",
    "normalise_key",
    "numbers",
    "read_table",
    "value_columns",
]
