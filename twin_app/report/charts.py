"""Bar charts of an indicator per district, as PNG images for the PDF.

matplotlib with its Agg backend (no display, no Qt), in the report's font
(DejaVu Sans, or the CJK font of a Chinese, Japanese or Korean report: DejaVu
has no glyph for those and would draw boxes).  Values are drawn exactly as
the table beside the chart writes them (shares in %, the reader's decimal
mark), and each bar carries its label, so the chart can be read in a
black-and-white print.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from twin_app.core.i18n import _, format_number
from twin_app.core.quantities import is_share_unit
from twin_app.report.compare import ComparisonTable
from twin_app.report.content import ALL_DISTRICTS, IndicatorTable
from twin_app.report.fonts import FontFiles
from twin_app.report.numbers import district_name

#: one colour for every bar: the chart compares districts, it does not encode a second quantity
BAR_COLOUR = "#3b6ea8"
#: all districts together, told apart from the districts themselves
ALL_COLOUR = "#5a5a5a"


@contextmanager
def _in_font(font: FontFiles | None) -> Iterator[None]:
    """matplotlib draws in ``font`` (its regular face), DejaVu Sans for any glyph it lacks."""
    import matplotlib
    from matplotlib import font_manager

    if font is None:
        yield
        return
    font_manager.fontManager.addfont(str(font.regular))
    name = font_manager.FontProperties(fname=str(font.regular)).get_name()
    with matplotlib.rc_context({"font.family": [name, "DejaVu Sans"]}):
        yield


def bar_chart(
    table: IndicatorTable, out: Path, *, width_in: float = 7.0, font: FontFiles | None = None
) -> Path | None:
    """A horizontal bar per district (all selected last); None when no district has a value."""
    with _in_font(font):
        return _bar_chart(table, out, width_in=width_in)


def _bar_chart(table: IndicatorTable, out: Path, *, width_in: float) -> Path | None:
    from matplotlib.figure import Figure  # not pyplot: no global backend, no window

    rows = [r for r in table.rows if r.value is not None and math.isfinite(r.value)]
    if not rows:
        return None
    values = [float(r.value or 0.0) for r in rows]
    own = [v for r, v in zip(rows, values, strict=True) if r.district != ALL_DISTRICTS]
    if own:
        # all districts together: drawn when it is comparable to them (a share, a mean), not when it
        # is their sum (residents), which would squeeze every district's bar to nothing
        low, high = min(own) - 1e-9, max(own) + 1e-9
        rows = [
            r for r, v in zip(rows, values, strict=True) if r.district != ALL_DISTRICTS or low <= v <= high
        ]
    share = is_share_unit(table.declared_unit)
    scale = 100.0 if share else 1.0  # shares are drawn in %, as the table writes them
    names = [r.district for r in rows][::-1]
    values = [float(r.value or 0.0) * scale for r in rows][::-1]
    labels = [r.shown for r in rows][::-1]
    height = 0.9 + 0.24 * len(rows)
    fig = Figure(figsize=(width_in, height), dpi=150)
    ax = fig.add_subplot()
    colours = [ALL_COLOUR if name == ALL_DISTRICTS else BAR_COLOUR for name in names]
    names = [district_name(name) for name in names]
    bars = ax.barh(names, values, color=colours)
    ax.bar_label(bars, labels=labels, padding=3, fontsize=8)
    ax.set_xlabel(table.label, fontsize=9)
    ax.tick_params(labelsize=8)
    low = min(0.0, min(values))
    high = max(0.0, max(values))
    span = (high - low) or 1.0
    ax.set_xlim(low - (0.02 * span if low < 0 else 0), high + 0.18 * span)
    if share:
        ax.xaxis.set_major_formatter(lambda v, _pos: _("{number} %").format(number=format_number(v, 0)))
    else:
        ax.xaxis.set_major_formatter(lambda v, _pos: format_number(v))
    ax.axvline(0, color="#444444", linewidth=0.6)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    fig.savefig(out, format="png")
    return out


def difference_chart(
    table: ComparisonTable, out: Path, *, width_in: float = 7.0, font: FontFiles | None = None
) -> Path | None:
    """Scenario minus baseline per district, in the diverging palette the difference views use.

    Blue is less, red is more, white no change (the scene's palette for
    differences); the scale is symmetric about zero so a colour means the same
    size of change on either side.  None when no district changed.
    """
    with _in_font(font):
        return _difference_chart(table, out, width_in=width_in)


def _difference_chart(table: ComparisonTable, out: Path, *, width_in: float) -> Path | None:
    from matplotlib.figure import Figure

    from twin_app.core.quantities import Quantity
    from twin_app.scene.palettes import colormap, palette_for

    rows = [r for r in table.rows if r.difference is not None and math.isfinite(r.difference)]
    scale = 100.0 if is_share_unit(table.declared_unit) else 1.0
    # no change as the table writes it: a share to a tenth of a point, anything else exactly
    if not rows or all(round((r.difference or 0.0) * scale, 1 if scale == 100.0 else 12) == 0 for r in rows):
        return None
    names = [district_name(r.district) for r in rows][::-1]
    values = [float(r.difference or 0.0) * scale for r in rows][::-1]
    labels = [r.shown_difference for r in rows][::-1]
    reach = max(abs(v) for v in values) or 1.0
    cmap = colormap(palette_for(Quantity.DIFFERENCE).cmap)
    colours = [cmap(0.5 + 0.5 * v / reach) for v in values]
    fig = Figure(figsize=(width_in, 0.9 + 0.24 * len(rows)), dpi=150)
    ax = fig.add_subplot()
    bars = ax.barh(names, values, color=colours, edgecolor="#777777", linewidth=0.4)
    ax.bar_label(bars, labels=labels, padding=3, fontsize=8)
    indicator = f"{table.label.lower()[:1]}{table.label[1:]}"
    if scale == 100.0:  # a change of a share is in percentage points, not in %
        label = _("Change in {indicator} (percentage points)").format(
            indicator=indicator.removesuffix(" (%)")
        )
    else:
        label = _("Change in {indicator}").format(indicator=indicator)
    ax.set_xlabel(label, fontsize=9)
    ax.xaxis.set_major_formatter(lambda v, _pos: format_number(v))
    ax.tick_params(labelsize=8)
    ax.set_xlim(-reach * 1.3, reach * 1.3)
    ax.axvline(0, color="#444444", linewidth=0.6)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    fig.savefig(out, format="png")
    return out
