"""OSM tag values as numbers: heights ("12 m", "40'6\"", "12;15") and storeys.

Shared by every OSM layer kind that reads a size from a tag (buildings,
water lines' ``width``).
"""

from __future__ import annotations

import math
import re

_NUMBER = r"([0-9]+(?:[.,][0-9]+)?)"
_HEIGHT = re.compile(rf"^{_NUMBER}\s*(m|meters?|metres?|ft|feet|foot|'|′)?$", re.IGNORECASE)
_FEET_INCHES = re.compile(rf"^{_NUMBER}\s*['′]\s*{_NUMBER}\s*(?:\"|″|'')$")
_FOOT_M = 0.3048
#: a building taller than this is a tagging error, not a skyscraper
MAX_HEIGHT_M = 1000.0
MAX_LEVELS = 250.0


def _first_value(text: object) -> str | None:
    """OSM lists alternatives with ';' ("12;15"): the first one is the main value."""
    if not isinstance(text, str):  # None, or NaN from a frame column
        return None
    first = text.split(";", 1)[0].strip()
    return first or None


def parse_height(text: str | None) -> float | None:
    """A ``height`` tag in metres, or None when it is missing or not a height.

    Accepts "12", "12 m", "12.5m", "12,5", "40 ft", "40'", "40'6\\"" and takes
    the first of ';'-separated values; zero, negative, absurd or unparsable
    values are treated as missing so that the next rule (levels) applies.
    """
    value = _first_value(text)
    if value is None:
        return None
    match = _FEET_INCHES.match(value)
    if match:
        metres = (
            float(match.group(1).replace(",", ".")) + float(match.group(2).replace(",", ".")) / 12
        ) * _FOOT_M
    else:
        match = _HEIGHT.match(value)
        if not match:
            return None
        metres = float(match.group(1).replace(",", "."))
        unit = (match.group(2) or "m").lower()
        if unit in ("ft", "feet", "foot", "'", "′"):
            metres *= _FOOT_M
    return metres if 0 < metres <= MAX_HEIGHT_M else None


def parse_levels(text: str | None) -> float | None:
    """A ``building:levels`` tag as a number of storeys ("5", "5.5", "4;5" -> 4)."""
    value = _first_value(text)
    if value is None:
        return None
    try:
        levels = float(value.replace(",", "."))
    except ValueError:
        return None
    return levels if 0 < levels <= MAX_LEVELS and math.isfinite(levels) else None
