"""What a number measures, and how a planner reads it: 13,116 people, 480 m, 62 %.

A layer's colour-by column measures one *quantity* (a height, heat, a
distance, a share...).  The quantity decides the palette (see
:mod:`twin_app.scene.palettes`) and how legend ticks and labels are written,
so a building height never looks like heat and a share never reads "0.62".

A layer kind or an analysis may say which quantity a column holds
(``VectorLayer.quantities``, ``RasterLayer.quantity``); otherwise
:func:`quantity_of` infers it from the column's name and units, and says
"value" when it cannot tell.
"""

from __future__ import annotations

import math
from enum import StrEnum

from twin_app.core.i18n import N_, _, format_number, manifest_text


class Quantity(StrEnum):
    HEIGHT = "height"
    HEAT = "heat"
    DISTANCE = "distance"
    TIME = "time"
    POPULATION = "population"
    SHARE = "share"
    DIFFERENCE = "difference"
    VALUE = "value"


_UNIT_WORDS: dict[Quantity, tuple[str, ...]] = {
    Quantity.POPULATION: ("people", "persons", "residents", "inhabitants"),
    Quantity.SHARE: ("%", "share", "fraction", "percent"),
    Quantity.TIME: ("min", "minutes", "s", "seconds", "h", "hours"),
    Quantity.HEAT: ("°c", "degc", "celsius", "k", "kelvin"),
}
_NAME_WORDS: tuple[tuple[Quantity, tuple[str, ...]], ...] = (
    (Quantity.DIFFERENCE, ("difference", "diff", "delta", "change")),
    (Quantity.SHARE, ("share", "fraction", "percent", "ratio")),
    (Quantity.POPULATION, ("population", "people", "residents", "inhabitants")),
    (Quantity.HEAT, ("heat", "temperature", "temp", "lst", "uhi")),
    (Quantity.TIME, ("time", "minutes", "duration", "travel_min")),
    (Quantity.DISTANCE, ("distance", "dist", "walk", "threshold_m", "reach")),
    (Quantity.HEIGHT, ("height", "elevation", "levels")),
)


def quantity_of(column: str | None, units: str | None = None, *, declared: str | None = None) -> Quantity:
    """The quantity a column measures: the declared one, else inferred from its name, then its units."""
    if declared:
        try:
            return Quantity(declared)
        except ValueError:
            pass
    name = (column or "").lower()
    for quantity, words in _NAME_WORDS:
        if any(word in name for word in words):
            return quantity
    unit = (units or "").strip().lower()
    for quantity, words in _UNIT_WORDS.items():
        if unit in words or any(len(w) > 2 and w in unit for w in words):
            return quantity
    if unit in ("m", "km", "metres", "meters"):
        return Quantity.DISTANCE
    return Quantity.VALUE


def is_fraction(values_min: float, values_max: float) -> bool:
    """Shares stored as 0–1 fractions (shown ×100 as %), rather than already in percent."""
    return values_min >= 0.0 and values_max <= 1.0 + 1e-9


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2, 2.5 or 5 × 10ⁿ steps) covering [low, high]; at most ``count`` + 1."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return []
    if high < low:
        low, high = high, low
    if high == low:
        return [low]
    raw = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.ceil(low / step - 1e-9) * step
    ticks = []
    value = first
    while value <= high + step * 1e-9:
        ticks.append(0.0 if abs(value) < step * 1e-9 else round(value, 12))
        value += step
    return ticks


def format_tick(
    value: float, quantity: Quantity, *, fraction: bool = False, step: float | None = None
) -> str:
    """A legend tick as people write it: no scientific notation, thousands separated, shares as %."""
    if not math.isfinite(value):
        return "n/a"
    if quantity is Quantity.SHARE:
        percent = value * 100 if fraction else value
        return (
            f"{percent:.0f} %"
            if step is None or (step * (100 if fraction else 1)) >= 1
            else f"{percent:.1f} %"
        )
    decimals = 0
    if step is not None and step > 0:
        decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    elif abs(value) < 10:
        decimals = 2 if abs(value) < 1 else 1
    text = f"{value:,.{decimals}f}"
    if quantity is Quantity.DIFFERENCE and value > 0:
        text = "+" + text
    return text


def unit_label(quantity: Quantity, units: str | None) -> str:
    """Units as a legend title shows them: shares are in %, whatever the column stores."""
    if quantity is Quantity.SHARE:
        return "%"
    return units or ""


#: words for column names that are not self-explanatory; anything else is humanised from the key
KNOWN_LABELS: dict[str, str] = {
    "height_m": N_("Height"),
    "height_from": N_("Height from"),
    "feature_id": N_("Feature"),
    "osmid": N_("OSM id"),
    "share_served": N_("Share of residents served"),
    "population_served": N_("Residents served"),
    "population_weighted_mean": N_("Population-weighted mean"),
    "heat_p90": N_("Heat, 90th percentile"),
    "population_70plus": N_("Residents aged 70+"),
}

_ACRONYMS = {"osm": "OSM", "gtfs": "GTFS", "id": "id", "sdg": "SDG", "p90": "90th percentile"}


def humanise(key: str) -> str:
    """A key as a label: ``share_population_above_threshold`` → "Share population above threshold"."""
    if key in KNOWN_LABELS:
        return _(KNOWN_LABELS[key])
    words = [w for w in key.replace("-", "_").split("_") if w]
    if words and words[-1] in ("m", "m2", "km", "min", "s", "pct"):
        words = words[:-1]  # the unit goes in brackets, not in the name
    text = " ".join(_ACRONYMS.get(w.lower(), w) for w in words)
    text = text.replace("70plus", "70+")
    return text[:1].upper() + text[1:] if text else key


def is_share_unit(units: str | None) -> bool:
    return (units or "").strip().lower() in ("ratio", "share", "fraction", "0-1", "0–1")


#: unit words a reader sees, translated where shown (the other units are symbols: m, km², %)
UNIT_WORDS = {"people": N_("people"), "per hour": N_("per hour"), "raster units": N_("raster units")}


def display_units(units: str | None) -> str:
    """Units as people read them, in their language: ratios are shown as %, m2 as m², /h as "per hour"."""
    if is_share_unit(units):
        return "%"
    shown = {"m2": "m²", "km2": "km²", "/h": "per hour"}.get((units or "").strip(), units or "")
    return _(UNIT_WORDS[shown]) if shown in UNIT_WORDS else shown


def plain_number(value: float) -> str:
    """A number the way every table shows it: whole from 100 up, else 3 significant digits, never 1.3e+04.

    The digits are the same in every language; the decimal mark and the
    grouping are the reader's (CLDR), so 1,044 in English is 1 044 in French.
    """
    if abs(value) >= 100:
        return format_number(round(value), 0)
    text = f"{value:.3g}"
    if "e" in text:  # tiny values: as many decimals as three significant digits need
        digits = min(12, max(0, 2 - math.floor(math.log10(abs(value)))))
        return format_number(value, digits)
    decimals = len(text.split(".")[1]) if "." in text else 0
    return format_number(float(text), decimals)


def percent(points: float) -> str:
    """``points`` per cent (51.5 → "51.5 %"), to a tenth, with the language's decimal mark and sign."""
    return _("{number} %").format(number=format_number(points, 1))


def display_value(value: float | None, units: str | None = None) -> str:
    """A table cell, the same in the window and the report: shares as %, counts grouped; "n/a" if none."""
    if value is None or not math.isfinite(value):
        return _("n/a")
    if is_share_unit(units):
        return percent(value * 100)
    return plain_number(value)


#: units a column name's last word gives (``height_m``, ``floor_area_m2``, ``walk_min``)
_KEY_UNITS = {"m": "m", "m2": "m²", "km": "km", "km2": "km²", "min": "min", "s": "s", "pct": "%"}


def units_from_key(key: str) -> str | None:
    last = key.rsplit("_", 1)[-1] if "_" in key else ""
    return _KEY_UNITS.get(last)


def label_with_units(key: str, units: str | None = None, label: str | None = None) -> str:
    """``share_served`` with unit ``ratio`` → "Share of residents served (%)"; ``height_m`` → "Height (m)"."""
    text = label or humanise(key)
    shown = display_units(units) or (units_from_key(key) or "")
    return f"{text} ({shown})" if shown else text


def indicator_label(key: str, definition: dict) -> str:
    """An indicator's column or axis label, in the reader's language, from its manifest definition.

    The window's tables, the comparison panel and the report all name an
    indicator through this one function, so it reads the same everywhere.
    """
    label = manifest_text(str(definition.get("label") or ""))
    return label_with_units(key, definition.get("unit"), label or None)


__all__ = [
    "Quantity",
    "display_units",
    "display_value",
    "format_tick",
    "humanise",
    "indicator_label",
    "is_fraction",
    "is_share_unit",
    "label_with_units",
    "nice_ticks",
    "percent",
    "plain_number",
    "quantity_of",
    "unit_label",
    "units_from_key",
]
