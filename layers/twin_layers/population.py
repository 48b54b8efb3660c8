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
from typing import Any

from twin_app.api import LoadContext, PopulationLayer, TwinError, prepare_frame
from twin_layers._content import VectorFile
from twin_layers.vector import read_frame


@dataclass(frozen=True)
class PopulationKind(VectorFile):
    name: str = "population-grid"
    title: str = "Population grid"
    suffixes: tuple[str, ...] = ()

    def load(self, source: Path, options: Mapping[str, Any], ctx: LoadContext) -> PopulationLayer:
        import pandas as pd

        column = str(options.get("column", "population"))
        raw = read_frame(source, options)
        if column not in raw.columns:
            raise TwinError(
                f"The population grid '{source}' has no column '{column}' (it has: "
                f"{', '.join(str(c) for c in raw.columns if c != 'geometry')}). "
                'Name the right one with --population-column or column = "..." in the manifest.',
                path=source,
            )
        frame, notes = prepare_frame(raw, ctx, source=source, assume_crs=options.get("crs"))
        values = pd.to_numeric(frame[column], errors="coerce")
        n_bad = int(values.isna().sum())
        if n_bad:
            notes.append(f"{n_bad} cell(s) had no readable population and count as 0.")
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
