"""Turn the manifest's districts layer into a :class:`DistrictsLayer`.

A districts file (a GeoPackage of neighbourhoods, say) names its districts in
a column of the user's choosing (``[districts] name_column``).  Here that
column is checked and copied, once, into the normalised ``district`` column,
so that analyses, parameters, ``info`` and the view never look the name up
themselves.  Names are made unique without merging anything: two districts
that share a name are two districts ("Centre", "Centre (2)"), because merging
them would silently change every figure reported for either.  Districts are
clipped to the city's extent (and marked ``clipped``), so that a district's
figures count only what the city holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from twin_app.core.errors import DistrictsError
from twin_app.core.i18n import N_, _, format_number
from twin_app.core.layers import CLIPPED_COLUMN, DISTRICT_COLUMN, DistrictsLayer, Layer, PolygonLayer

if TYPE_CHECKING:
    import geopandas as gpd
    import shapely

#: what a districts layer that is not polygons holds, in words, by its layer type
_FEATURE_KINDS = {
    "point": N_("point features"),
    "line": N_("line features"),
    "buildings": N_("building footprints"),
    "stops": N_("transit stop points"),
    "raster": N_("raster cells"),
    "vector": N_("features of mixed kinds"),
    "network": N_("street network lines"),
    "live": N_("live data"),
}

#: a district that loses more than this share of its area to the extent's edge is "clipped"
CLIPPED_SHARE = 0.001


def check_name_column(layer: Layer, name_column: str, *, what: str) -> PolygonLayer:
    """``layer`` as polygons with a ``name_column``, or a sentence saying what to change."""
    if not isinstance(layer, PolygonLayer):
        kind = type(layer).__name__.removesuffix("Layer").lower() or "other"
        raise DistrictsError(
            _(
                "The districts layer {what} holds {kind}, but districts must be polygons (areas). "
                "Give a file of district polygons, or leave districts out to take them from OpenStreetMap."
            ).format(
                what=what, kind=_(_FEATURE_KINDS[kind]) if kind in _FEATURE_KINDS else f"{kind} features"
            )
        )
    columns = [str(c) for c in layer.frame.columns if c != layer.frame.geometry.name]
    if name_column not in columns:
        raise DistrictsError(
            _(
                "The districts layer {what} has no column '{column}' for the district names. Its columns "
                "are: {columns}. Name the right one with --district-name-column (or [districts] name_column "
                "in city.toml)."
            ).format(what=what, column=name_column, columns=", ".join(columns) or _("(none)"))
        )
    return layer


def as_districts(layer: Layer, name_column: str, *, extent: shapely.Polygon | None = None) -> DistrictsLayer:
    """The districts of ``layer`` (named by ``name_column``), clipped to ``extent``."""
    if isinstance(layer, DistrictsLayer):
        return layer
    polygons = check_name_column(layer, name_column, what=f"'{layer.display_title()}'")
    frame = polygons.frame.copy()
    notes = list(polygons.notes)
    names, renamed, unnamed = _unique_names(frame[name_column].tolist())
    frame[DISTRICT_COLUMN] = names
    if unnamed:
        notes.append(
            _("{count} district(s) without a name were called 'District 1', 'District 2', ...").format(
                count=format_number(unnamed)
            )
        )
    if renamed:
        notes.append(
            _("{count} district(s) share a name with another and were numbered, not merged: {names}.").format(
                count=format_number(renamed), names=", ".join(n for n in names if n.endswith(")"))
            )
        )
    frame[CLIPPED_COLUMN] = False
    outside_km2 = 0.0
    if extent is not None:
        frame, outside_km2, cut, gone = _clip(frame, extent)
        if gone:
            notes.append(
                _("{count} district(s) lie wholly outside the city's extent and were left out.").format(
                    count=format_number(gone)
                )
            )
        if cut:
            notes.append(
                _("{count} district(s) reach beyond the city's extent and were clipped to it.").format(
                    count=format_number(cut)
                )
            )
        if outside_km2 > 0.0005:
            notes.append(
                _("{area} km² of the city's extent lies in no district.").format(
                    area=format_number(outside_km2, 2)
                )
            )
    cols = [DISTRICT_COLUMN, CLIPPED_COLUMN] + [
        c for c in frame.columns if c not in (DISTRICT_COLUMN, CLIPPED_COLUMN)
    ]
    return DistrictsLayer(
        id=polygons.id,
        title=polygons.title,
        crs=polygons.crs,
        source=polygons.source,
        style=polygons.style or "districts",
        visible=polygons.visible,
        opacity=polygons.opacity,
        notes=notes,
        frame=frame[cols],
        value_column=polygons.value_column,
        units=polygons.units,
        outside_km2=outside_km2,
        attribution=polygons.attribution,
        titles=dict(polygons.titles),
    )


def _unique_names(raw: list[object]) -> tuple[list[str], int, int]:
    """Unique names: blanks become 'District N', repeats 'Name (2)'; and how many of each."""
    import math

    names: list[str] = []
    seen: set[str] = set()
    renamed = unnamed = 0
    for value in raw:
        missing = value is None or (isinstance(value, float) and math.isnan(value))
        text = "" if missing else str(value).strip()
        if not text:
            unnamed += 1
            text = f"District {unnamed}"
        base, n = text, 2
        if text in seen:
            renamed += 1
            while text in seen:
                text, n = f"{base} ({n})", n + 1
        seen.add(text)
        names.append(text)
    return names, renamed, unnamed


def _clip(frame: gpd.GeoDataFrame, extent: shapely.Polygon) -> tuple[gpd.GeoDataFrame, float, int, int]:
    """(frame clipped to ``extent``, km² of the extent in no district, count cut, count dropped)."""
    import shapely

    geoms = frame.geometry.values
    inside = shapely.intersection(geoms, extent)
    before = shapely.area(geoms)
    after = shapely.area(inside)
    cut = (before - after) > CLIPPED_SHARE * before
    keep = after > 0
    frame = frame.loc[keep].copy()
    frame[frame.geometry.name] = inside[keep]
    frame[CLIPPED_COLUMN] = cut[keep]
    covered = shapely.union_all(inside[keep]) if keep.any() else shapely.Polygon()
    outside = max(extent.area - covered.intersection(extent).area, 0.0) / 1e6
    return frame.reset_index(drop=True), outside, int(cut[keep].sum()), int((~keep).sum())
