"""The report's figures as its reader's language writes them: "51.5 %", "51,5 %", "51.5%".

The figures are the window's (:func:`twin_app.core.quantities.display_value`:
shares to a tenth of a per cent, counts of 100 and more whole with their
thousands grouped, smaller values to three significant digits), so a figure
reads the same in every language and in the window; only the signs change:
the decimal mark and digit grouping come from CLDR (Babel), and where the
per cent sign goes (and whether a space comes before it) is the translator's
choice in the catalogue.  This module adds what only the report writes: signed
differences and the row for all selected districts.
"""

from __future__ import annotations

import math

from twin_app.core.i18n import _, format_number
from twin_app.core.quantities import display_value, is_share_unit, plain_number

#: the marker of the row for all selected districts together (in the data: English, translated when shown)
ALL_DISTRICTS = "All selected"


#: a table cell as the window shows it (one definition of every figure a reader sees)
local_value = display_value


def local_difference(value: float | None, unit: str) -> str:
    """Scenario minus baseline with its sign: "+22.1 pp" for shares, "+120" for people, "0" for none."""
    if value is None or not math.isfinite(value):
        return _("n/a")
    if is_share_unit(unit):
        points = round(value * 100, 1)
        if points == 0:
            return _("{number} pp").format(number=format_number(0, 0))
        sign = "+" if points > 0 else "-"
        # TRANSLATORS: a change of a share in percentage points ("+22.1 pp"); keep {sign}{number} together
        return _("{sign}{number} pp").format(sign=sign, number=format_number(abs(points), 1))
    if value == 0:
        return format_number(0, 0)
    return ("+" if value > 0 else "-") + plain_number(abs(value))


def district_name(name: str) -> str:
    """A district as the reader sees it: the city's own name, or "All selected" in the reader's language."""
    return _("All selected") if name == ALL_DISTRICTS else name
