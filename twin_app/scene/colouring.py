"""What a drawn layer is coloured by: one value per feature, its quantity, palette and range.

A layer is coloured by its own ``value_column``, or, when a visible result
layer re-colours it (``VectorLayer.restyles``), by that result's column
joined onto its rows.  Either way the scene gets the same :class:`Colouring`:
values per *feature* of the drawn layer (NaN: no value, drawn in the
palette's neutral colour), which it spreads onto the mesh's cells through the
``feature_id`` array and hands to the mapper's lookup table.  The same
object writes the legend entry, so a legend can never disagree with the
picture.

Pure numpy and pandas: no VTK here, so the join and the ranges are tested
without drawing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from twin_app.core.layers import HEIGHT_COLUMN, Layer, RasterLayer, VectorLayer
from twin_app.core.quantities import Quantity, quantity_of
from twin_app.scene.palettes import LegendEntry, colour_limits, legend_entry, palette_for


@dataclass(frozen=True)
class Colouring:
    """Values per feature of the drawn layer, and how to colour them."""

    #: the layer the values come from (the drawn layer itself, or a result that re-colours it)
    source_id: str
    column: str
    values: np.ndarray
    quantity: Quantity
    units: str | None
    title: str
    #: the finite values' range (NaN, NaN when there are none)
    value_range: tuple[float, float]

    @property
    def cmap(self) -> str:
        return palette_for(self.quantity).cmap

    @property
    def limits(self) -> tuple[float, float]:
        """The range the palette spans (symmetric about zero for differences)."""
        lo, hi = self.value_range
        if not (np.isfinite(lo) and np.isfinite(hi)):
            lo, hi = 0.0, 1.0
        return colour_limits(lo, hi, palette_for(self.quantity))

    def legend(self) -> LegendEntry:
        lo, hi = self.value_range
        if not (np.isfinite(lo) and np.isfinite(hi)):
            lo, hi = 0.0, 1.0
        return legend_entry(self.source_id, self.title, self.units, self.quantity, lo, hi)


def column_units(layer: VectorLayer, column: str) -> str | None:
    """The units of a column: the layer's for its default column, metres for heights, else none."""
    units = layer.units if column == layer.default_column else None
    if column == HEIGHT_COLUMN and not units:
        return "m"
    return units


def column_title(layer: VectorLayer, column: str, units: str | None) -> str:
    """The layer's title (its column named when not the default one), without units repeated."""
    title = layer.display_title()
    if units:
        title = title.removesuffix(f" ({units})")
    return title if column == layer.default_column else f"{title}: {column}"


def retitled(colouring: Colouring, source: Layer) -> Colouring:
    """``colouring`` titled again from ``source`` (the layer its values come from) in the current language.

    The title is the only part of a colouring that depends on the language, so
    a language switch re-titles the legend without recomputing any value.
    """
    if isinstance(source, RasterLayer):
        title = source.display_title().removesuffix(f" ({source.units_label})")
    elif isinstance(source, VectorLayer):
        title = column_title(source, colouring.column, colouring.units)
    else:
        return colouring
    return replace(colouring, title=title)


def column_values(layer: VectorLayer, column: str) -> np.ndarray:
    """A column as floats, NaN where missing or not a number."""
    import pandas as pd

    series = pd.to_numeric(layer.frame[column], errors="coerce")
    return series.to_numpy(dtype=float, na_value=np.nan)


def _range(values: np.ndarray) -> tuple[float, float]:
    finite = values[np.isfinite(values)]
    if not len(finite):
        return (float("nan"), float("nan"))
    return (float(finite.min()), float(finite.max()))


def joined_values(result: VectorLayer, base: VectorLayer, column: str) -> np.ndarray:
    """``result[column]`` per row of ``base``, matched on ``result.join_on`` or the index labels.

    A base row the result has no row for is NaN; when a key repeats in the
    result, its first row counts.
    """
    import pandas as pd

    values = column_values(result, column)
    if result.join_on is not None:
        keys = pd.Index(result.frame[result.join_on])
        base_keys = pd.Index(base.frame[result.join_on])
    else:
        keys = result.frame.index
        base_keys = base.frame.index
    if keys.equals(base_keys):
        return values
    if not keys.is_unique:
        first = ~keys.duplicated()
        keys, values = keys[first], values[first]
    where = keys.get_indexer(base_keys)
    out = np.full(len(base_keys), np.nan)
    found = where >= 0
    out[found] = values[where[found]]
    return out


def own_colouring(layer: Layer) -> Colouring | None:
    """The layer coloured by its own colour-by column (a raster by its values); None: one colour."""
    if isinstance(layer, RasterLayer):
        values = np.asarray(layer.data, dtype=float).ravel()
        quantity = quantity_of(layer.label or layer.title, layer.units, declared=layer.quantity)
        title = layer.display_title().removesuffix(f" ({layer.units_label})")
        return Colouring(
            layer.id, layer.label or "value", values, quantity, layer.units_label, title, _range(values)
        )
    if not isinstance(layer, VectorLayer):
        return None
    column = layer.value_column
    if not column or column not in layer.frame:
        return None
    return _vector_colouring(layer, column, column_values(layer, column))


def result_colouring(result: VectorLayer, base: VectorLayer) -> Colouring | None:
    """A result's colour-by column joined onto the rows of the layer it re-colours."""
    column = result.value_column
    if not column or column not in result.frame:
        return None
    if result.join_on is not None and (
        result.join_on not in result.frame or result.join_on not in base.frame
    ):
        return None
    return _vector_colouring(result, column, joined_values(result, base, column))


def _declared_range(layer: VectorLayer, column: str, values: np.ndarray) -> tuple[float, float]:
    """The column's declared range, widened to any value beyond it; else the values' own range."""
    lo, hi = _range(values)
    declared = layer.value_ranges.get(column)
    if declared is None:
        return (lo, hi)
    d_lo, d_hi = declared
    return (float(np.nanmin([d_lo, lo])), float(np.nanmax([d_hi, hi])))


def _vector_colouring(layer: VectorLayer, column: str, values: np.ndarray) -> Colouring:
    units = column_units(layer, column)
    quantity = quantity_of(column, units, declared=layer.quantities.get(column))
    value_range = _declared_range(layer, column, values)
    return Colouring(
        layer.id, column, values, quantity, units, column_title(layer, column, units), value_range
    )


__all__ = [
    "Colouring",
    "column_title",
    "column_units",
    "column_values",
    "joined_values",
    "own_colouring",
    "result_colouring",
    "retitled",
]
