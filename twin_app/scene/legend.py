"""The legend's entries: one per visible coloured layer, for the window's panel and for exports.

The scene view says which layers are coloured by what
(``SceneView.legend_entries()``); while a view cannot say,
:func:`entries_for_model` derives the same entries from the model: every
visible layer coloured by a numeric column (or a raster) gets one
:class:`~twin_app.scene.palettes.LegendEntry` whose palette and ticks follow
the quantity the column measures.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from twin_app.core.i18n import _
from twin_app.core.layers import Layer, RasterLayer, VectorLayer
from twin_app.core.model import CityModel
from twin_app.core.quantities import Quantity, quantity_of
from twin_app.scene.palettes import LegendEntry, legend_entry


def _range(values: np.ndarray) -> tuple[float, float] | None:
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return None
    return float(finite.min()), float(finite.max())


def entry_for_layer(layer: Layer) -> LegendEntry | None:
    """The legend entry of one layer, or None when it is drawn in a single colour."""
    if isinstance(layer, RasterLayer):
        declared = getattr(layer, "quantity", None)
        quantity = quantity_of(layer.label or layer.title, layer.units, declared=declared)
        limits = _range(np.asarray(layer.data, dtype=float))
        if limits is None:
            return None
        return legend_entry(layer.id, layer.display_title(), layer.units_label, quantity, *limits)
    if isinstance(layer, VectorLayer):
        column = layer.value_column
        if not column or column not in layer.frame or layer.style == "districts":
            return None
        try:
            values = layer.frame[column].to_numpy(dtype=float, na_value=np.nan)
        except (TypeError, ValueError):
            return None  # a text column colours by category, which has no ramp
        limits = _range(values)
        if limits is None:
            return None
        own = column == layer.default_column
        units = layer.units if own else None
        declared = (getattr(layer, "quantities", None) or {}).get(column)
        quantity = quantity_of(column, units, declared=declared)
        if quantity is Quantity.HEIGHT and not units:
            units = "m"
        # TRANSLATORS: a legend title for a layer coloured by one of its columns ("Buildings: floor area")
        title = (
            layer.display_title()
            if own
            else _("{layer}: {column}").format(layer=layer.display_title(), column=column.replace("_", " "))
        )
        return legend_entry(layer.id, title, units, quantity, *limits)
    return None


def entries_for_model(model: CityModel) -> list[LegendEntry]:
    """One entry per visible coloured layer, in the model's drawing order."""
    entries = []
    for layer in model.layers.values():
        if not layer.visible:
            continue
        entry = entry_for_layer(layer)
        if entry is not None:
            entries.append(entry)
    return entries


def legend_entries(view: Any) -> list[LegendEntry]:
    """The entries a scene view shows: its own when it can say, else derived from its model."""
    own = getattr(view, "legend_entries", None)
    if callable(own):
        return list(own())
    return entries_for_model(view.model)


__all__ = ["entries_for_model", "entry_for_layer", "legend_entries"]
