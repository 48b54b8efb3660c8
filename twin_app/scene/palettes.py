"""One palette per quantity, so heights, heat, distances and people never look alike.

Every colour map here is one of Fabio Crameri's *Scientific colour maps*
(Crameri, Shephard & Heron 2020, "The misuse of colour in science
communication", Nature Communications 11, 5444; package ``cmcrameri``):
perceptually uniform (equal steps in data are equal steps in colour),
readable by people with colour-vision deficiencies and in greyscale print.
Sequential maps run from light (low) to dark (high), so small values fade
into the pale ground and large ones stand out; differences use a diverging
map centred on zero.  docs/palettes.md shows them and says why each was chosen.

:class:`LegendEntry` is what every legend (the window's panel, the exported
image's legend area) draws: one per visible coloured layer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from twin_app.core.i18n import _
from twin_app.core.quantities import Quantity, format_tick, is_fraction, nice_ticks, unit_label

if TYPE_CHECKING:
    from matplotlib.colors import Colormap


@dataclass(frozen=True)
class Palette:
    quantity: Quantity
    #: a cmcrameri map name, "_r" for reversed
    cmap: str
    diverging: bool
    why: str
    #: where on the map a layer's only value is drawn (0 light end, 1 dark end): a strong colour
    lone: float = 0.75


PALETTES: dict[Quantity, Palette] = {
    Quantity.HEIGHT: Palette(
        Quantity.HEIGHT,
        "bilbao_r",
        False,
        "pale grey through sand to brick red: warm like the city, apart from parks and water",
    ),
    Quantity.HEAT: Palette(
        Quantity.HEAT, "lajolla_r", False, "pale yellow through red to dark brown: hot is dark red"
    ),
    # batlow is not light to dark: its middle (olive) is its strongest colour on a pale map
    Quantity.DISTANCE: Palette(
        Quantity.DISTANCE, "batlow", False, "multi-hue: bands of distance stay distinguishable", lone=0.5
    ),
    Quantity.TIME: Palette(
        Quantity.TIME, "batlow", False, "as distance: travel time is read the same way", lone=0.5
    ),
    Quantity.POPULATION: Palette(Quantity.POPULATION, "acton_r", False, "pale lilac to dark purple"),
    Quantity.SHARE: Palette(Quantity.SHARE, "bamako_r", False, "pale sand to dark teal: 0 to 100 %"),
    Quantity.DIFFERENCE: Palette(
        Quantity.DIFFERENCE, "vik", True, "blue (less) – white (no change) – red (more)"
    ),
    Quantity.VALUE: Palette(
        Quantity.VALUE, "lipari_r", False, "a neutral sequential map for any other number"
    ),
}


def palette_for(quantity: Quantity) -> Palette:
    return PALETTES[quantity]


@cache
def colormap(name: str) -> Colormap:
    """The matplotlib colour map of a palette (importing cmcrameri registers them as ``cmc.<name>``)."""
    import cmcrameri.cm as cmc

    return getattr(cmc, name)  # type: ignore[no-any-return]


def colour_limits(values_min: float, values_max: float, palette: Palette) -> tuple[float, float]:
    """The data range a palette spans; diverging palettes are symmetric about zero."""
    if palette.diverging:
        bound = max(abs(values_min), abs(values_max)) or 1.0
        return (-bound, bound)
    if values_min == values_max:
        return single_value_limits(values_min, palette.lone)
    return (values_min, values_max)


def single_value_limits(value: float, at: float = 0.5) -> tuple[float, float]:
    """A range that puts ``value`` at ``at`` of the palette: one value (or all alike) in a strong colour.

    A ramp starting at the only value would draw every feature in the map's
    light end (a lone new tram line in pale cream, nearly the ground's
    colour); three quarters along a light-to-dark map is a clear colour that
    is not yet the dark end.  The range spans the value's own size, so a
    positive value's range stays positive and a share's within 0–100 %.
    """
    span = abs(value) or 1.0
    return (value - at * span, value + (1.0 - at) * span)


@dataclass(frozen=True)
class LegendEntry:
    """One legend entry: a title with units, a palette and its ticks, already written for people."""

    layer_id: str
    title: str
    units: str
    quantity: Quantity
    cmap: str
    limits: tuple[float, float]
    ticks: tuple[float, ...] = ()
    tick_labels: tuple[str, ...] = ()
    #: values stored as 0–1 shown as %
    fraction: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)
    #: a key of kinds, not a ramp: one (colour, shape) per tick label, drawn at its tick
    #: (shape "ball", "cone" or "cube": the pins' heads as a disc, a triangle pointing down, a square)
    swatches: tuple[tuple[str, str], ...] = ()

    @property
    def heading(self) -> str:
        # TRANSLATORS: a legend's heading: what the colours show and their units, e.g. "Height (m)"
        return _("{title} ({units})").format(title=self.title, units=self.units) if self.units else self.title


def legend_entry(
    layer_id: str, title: str, units: str | None, quantity: Quantity, values_min: float, values_max: float
) -> LegendEntry:
    """A legend entry for values in [values_min, values_max] with readable ticks."""
    palette = palette_for(quantity)
    limits = colour_limits(values_min, values_max, palette)
    fraction = quantity is Quantity.SHARE and is_fraction(values_min, values_max)
    # one value: one tick, at it (a ramp of ticks around it would suggest values nobody has)
    ticks = [values_min] if values_min == values_max else nice_ticks(limits[0], limits[1], 5)
    step = ticks[1] - ticks[0] if len(ticks) > 1 else None
    if len(ticks) == 1 and float(ticks[0]).is_integer():
        step = 1.0  # a whole number is written whole: "8 departures/h", not "8.0"
    labels = tuple(format_tick(t, quantity, fraction=fraction, step=step) for t in ticks)
    return LegendEntry(
        layer_id=layer_id,
        title=title,
        units=unit_label(quantity, units),
        quantity=quantity,
        cmap=palette.cmap,
        limits=limits,
        ticks=tuple(ticks),
        tick_labels=labels,
        fraction=fraction,
    )


__all__ = [
    "PALETTES",
    "LegendEntry",
    "Palette",
    "colormap",
    "colour_limits",
    "legend_entry",
    "palette_for",
    "single_value_limits",
]
