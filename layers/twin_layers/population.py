"""Population grids: polygons (usually square cells) with a head count.

A population grid is a vector file whose cells carry a count column; it is
kept as its own kind, producing the core's :class:`PopulationLayer`, so
analyses ask for "a population grid" (never any polygons, never the
districts) and the scene shades it by people per cell.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from twin_app.api import (
    LoadContext,
    PopulationLayer,
    TwinError,
    _,
    format_number,
    prepare_frame,
    record_sample,
)
from twin_layers._content import VectorFile
from twin_layers.vector import read_frame

if TYPE_CHECKING:
    import geopandas as gpd

_POLYGONAL = ("Polygon", "MultiPolygon")


def _cells_only(
    frame: gpd.GeoDataFrame, column: str, notes: list[str], *, repaired: bool = False
) -> gpd.GeoDataFrame:
    """Keep the cells (polygons); count the other records and the people on them.

    A grid with a few points or lines among its cells (a digitising slip, a
    merged layer) must not lose the layer, nor lose people silently: the
    records that cannot be cells are set aside and the note says how many
    people they held, so the total on screen can be reconciled with the
    file's.  After repair, a collection keeps its polygonal parts.
    """
    import numpy as np
    import pandas as pd
    import shapely

    geoms = frame.geometry.values
    kinds = np.asarray(shapely.get_type_id(geoms))
    if repaired:
        collections = kinds == 7  # GeometryCollection, e.g. from repairing a self-touching cell
        if collections.any():
            frame = frame.copy()
            parts = [_polygonal_part(g) for g in geoms[collections]]
            frame.loc[collections, frame.geometry.name] = parts
            geoms = frame.geometry.values
    missing = np.asarray(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    keep = ~missing & np.isin(np.asarray(frame.geometry.geom_type.values, dtype=object), _POLYGONAL)
    if keep.all():
        return frame
    people = pd.to_numeric(frame.loc[~keep, column], errors="coerce").fillna(0.0).clip(lower=0.0).sum()
    if repaired:
        said = _(
            "{count} record(s) were no cell once repaired and were set aside with {people} people on them "
            "({sample}); those people are not in this layer."
        )
    else:
        said = _(
            "{count} record(s) have no geometry or are not polygons (e.g. points) and were set aside with "
            "{people} people on them ({sample}); those people are not in this layer."
        )
    notes.append(
        said.format(
            count=int((~keep).sum()),
            people=format_number(people),
            sample=record_sample(np.flatnonzero(~keep)),
        )
    )
    return frame.loc[keep].reset_index(drop=True)


def _polygonal_part(geom: Any) -> Any:
    """The polygons inside a collection as one (Multi)Polygon, or an empty polygon when there are none."""
    import shapely

    polys = [p for p in shapely.get_parts(geom) if p.geom_type in _POLYGONAL]
    return shapely.union_all(polys) if polys else shapely.Polygon()


@dataclass(frozen=True)
class PopulationKind(VectorFile):
    name: str = "population-grid"
    title: str = "Population grid"
    suffixes: tuple[str, ...] = ()

    def load(self, source: Path, options: Mapping[str, Any], ctx: LoadContext) -> PopulationLayer:
        import pandas as pd

        column = str(options.get("column", "population"))
        notes: list[str] = []
        raw = read_frame(source, options, notes)
        if column not in raw.columns:
            raise TwinError(
                _(
                    "The population grid '{path}' has no column '{column}' (it has: {columns}). "
                    'Name the right one with --population-column or column = "..." in the manifest.'
                ).format(
                    path=source,
                    column=column,
                    columns=", ".join(str(c) for c in raw.columns if c != "geometry"),
                ),
                path=source,
            )
        raw = _cells_only(raw, column, notes)
        frame, more = prepare_frame(raw, ctx, source=source, assume_crs=options.get("crs"))
        notes += more
        frame = _cells_only(frame, column, notes, repaired=True)
        values = pd.to_numeric(frame[column], errors="coerce")
        n_bad = int(values.isna().sum())
        if n_bad:
            notes.append(_("{count} cell(s) had no readable population and count as 0.").format(count=n_bad))
        frame[column] = values.fillna(0.0).clip(lower=0.0).astype(float)
        return PopulationLayer(
            id=ctx.layer_id,
            title=ctx.title,
            crs=ctx.crs,
            source=source,
            style="population",
            notes=notes,
            frame=frame,
            value_column=column,
            units="people",
        )


POPULATION_KIND = PopulationKind()
