"""The schema of ``city.toml``: every key's type and range, in one declarative table.

A manifest comes from whoever handed over the city folder, so nothing in it
is trusted: ``crs = "banana"``, ``opacity = "high"``, a string where a table
belongs, or a NaN storey height (valid TOML, and it made every building
vanish) must each be one sentence naming the key and what it should be,
never a traceback deep in a layer kind.  Declaring the keys as data (key ->
check and the words for what is expected) keeps the rules in one place, and
docs/city-toml.md is written from the same table.

Unknown keys in the tables twin_app owns are reported as notes and ignored,
so that a manifest written by a newer version still opens.  Layer entries
may carry any other option their kind reads; the options listed in
:data:`LAYER` mean the same for every kind and are checked for all of them.
Whether a CRS is suitable, and which layer ``[districts] layer`` names, need
more than one value and are checked by :func:`twin_app.core.city.parse_manifest`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from twin_app.core.errors import ManifestError
from twin_app.core.i18n import N_, _
from twin_app.core.titles import titles_expected, valid_titles


@dataclass(frozen=True)
class Key:
    """One key of a table: whether its value is acceptable, and how to say what is expected."""

    check: Callable[[Any], bool]
    #: what a value must be, in English (marked for the catalogue; translated where it is said)
    expects: str
    required: bool = False


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _text(v: Any) -> bool:
    return isinstance(v, str)


def _name(v: Any) -> bool:
    return isinstance(v, str) and v.strip() != ""


def _flag(v: Any) -> bool:
    return isinstance(v, bool)


def _fraction(v: Any) -> bool:
    return _is_number(v) and 0 <= v <= 1  # NaN fails both comparisons


def _metres(v: Any) -> bool:
    return _is_number(v) and 0 < v <= 1000


def _storeys(v: Any) -> bool:
    return _is_number(v) and 0 < v <= 250


def _positive(v: Any) -> bool:
    return _is_number(v) and 0 < v < math.inf


def _whole_from_1(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 1


def _strings(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(s, str) for s in v)


def _level(v: Any) -> bool:
    return (isinstance(v, str) and v.strip() != "") or _whole_from_1(v)


def _quantity(v: Any) -> bool:
    from twin_app.core.quantities import Quantity

    return isinstance(v, str) and v in {q.value for q in Quantity}


def _time_zone(v: Any) -> bool:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if not (isinstance(v, str) and v.strip()):
        return False
    try:
        ZoneInfo(v.strip())
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _feed_kind(v: Any) -> bool:
    return v in ("vehicle", "sensor")


def _table(v: Any) -> bool:
    return isinstance(v, dict)


def _threshold(v: Any) -> bool:
    if not isinstance(v, dict) or not ({"above", "below"} & set(v)):
        return False
    levels_ok = all(_is_number(v[k]) and math.isfinite(v[k]) for k in ("above", "below") if k in v)
    return levels_ok and isinstance(v.get("label", ""), str) and set(v) <= {"above", "below", "label"}


def _bbox(v: Any) -> bool:
    if not (isinstance(v, list) and len(v) == 4 and all(_is_number(x) and math.isfinite(x) for x in v)):
        return False
    w, s, e, n = v
    return -180 <= w < e <= 180 and -90 <= s < n <= 90


TEXT = N_("a string in quotes")
NAME = N_("a non-empty string in quotes")

CITY: dict[str, Key] = {
    "name": Key(_name, NAME, required=True),
    "title": Key(_text, TEXT),
    "titles": Key(valid_titles, titles_expected()),
    "crs": Key(_name, N_('the code of a metric CRS in quotes, such as "EPSG:3067"'), required=True),
    "bbox": Key(
        _bbox,
        N_(
            "[west, south, east, north] in degrees, with west < east and south < north, "
            "longitudes from -180 to 180 and latitudes from -90 to 90"
        ),
        required=True,
    ),
    "attribution": Key(_strings, N_('a list of strings, such as ["© OpenStreetMap contributors"]')),
    "timezone": Key(_time_zone, N_('an IANA time zone name in quotes, such as "Europe/Helsinki"')),
}

BUILDINGS: dict[str, Key] = {
    "storey_height_m": Key(_metres, N_("a number of metres above 0 (and at most 1000)")),
    "default_height_m": Key(_metres, N_("a number of metres above 0 (and at most 1000)")),
    "min_tagged_for_median": Key(_whole_from_1, N_("a whole number from 1 up")),
    # "storeys" is a table of its own, checked with STOREY below
}

#: each entry of ``[buildings.storeys]`` (building type = storeys)
STOREY = Key(_storeys, N_("a number of storeys above 0 (and at most 250)"))

DISTRICTS: dict[str, Key] = {
    "layer": Key(_name, N_("the id of one of the [[layers]], in quotes")),
    "name_column": Key(_name, N_("the name of a column of the districts layer, in quotes")),
}

#: each value of a ``[[licences]]`` entry (data, licence, file, url …)
LICENCE_VALUE = Key(_text, TEXT)

LAYER: dict[str, Key] = {
    "id": Key(_name, NAME, required=True),
    "kind": Key(_name, N_('the name of a layer kind in quotes, such as "vector"'), required=True),
    "source": Key(
        _name, N_("the path of a file inside the city folder, relative to it, in quotes"), required=True
    ),
    "title": Key(_text, TEXT),
    "titles": Key(valid_titles, titles_expected()),
    "visible": Key(_flag, N_("true or false")),
    "opacity": Key(_fraction, N_("a number from 0 to 1")),
    "attribution": Key(_text, TEXT),
    "optional": Key(_flag, N_("true or false")),
    "style": Key(_text, TEXT),
    "network_type": Key(_text, N_('a network type in quotes, such as "walk" or "drive"')),
    "category": Key(_text, N_('a feature category in quotes, such as "green" or "water"')),
    "admin_level": Key(_level, N_('an OSM admin_level, such as "10"')),
    "grid_cell_m": Key(_positive, N_("a number of metres above 0")),
    "column": Key(_name, N_("a column name in quotes")),
    "value_column": Key(_name, N_("a column name in quotes")),
    "lon_column": Key(_name, N_("a column name in quotes")),
    "lat_column": Key(_name, N_("a column name in quotes")),
    "wkt_column": Key(_name, N_("a column name in quotes")),
    "layer": Key(_name, N_("the name of a layer inside the file, in quotes")),
    "units": Key(_text, TEXT),
    "label": Key(_text, TEXT),
    "band": Key(_whole_from_1, N_("a band number from 1 up")),
    "categorical": Key(_flag, N_("true or false")),
    "crs": Key(_name, N_('the code of a CRS in quotes, such as "EPSG:3067"')),
    "quantity": Key(
        _quantity,
        N_(
            'what the values measure, one of "height", "heat", "distance", "time", "population", '
            '"share", "difference", "value"'
        ),
    ),
}

#: each ``[[feeds]]`` entry (docs/city-toml.md): offline feeds a city ships (simulated, or recorded logs)
FEED: dict[str, Key] = {
    "id": Key(_name, NAME, required=True),
    "source": Key(
        _name,
        N_(
            'an offline feed in quotes: "schedule:PATH", "sensor-sim:PATH" or a .csv/.jsonl log, '
            "with PATH inside the city folder"
        ),
        required=True,
    ),
    "title": Key(_text, TEXT),
    "titles": Key(valid_titles, titles_expected()),
    "kind": Key(_feed_kind, N_('"vehicle" or "sensor"')),
    "options": Key(_table, N_('a table of the source\'s options, such as { date = "2022-02-22" }')),
    "simulated": Key(_text, TEXT),
    "simulated_texts": Key(valid_titles, titles_expected()),
    "attribution": Key(_text, TEXT),
    "quantity": Key(
        _quantity,
        N_(
            'what the readings measure (the palette), one of "height", "heat", "distance", "time", '
            '"population", "share", "difference", "value"'
        ),
    ),
    "units": Key(_text, TEXT),
    "threshold": Key(
        _threshold,
        N_('a table with above or below (a number) and a label, such as { above = 25.0, label = "..." }'),
    ),
    "visible": Key(_flag, N_("true or false")),
}

#: the top-level tables twin_app reads
TOP_LEVEL = ("city", "buildings", "districts", "layers", "licences", "feeds")


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


class _Checker:
    """Walks a parsed manifest, raising the first problem as a sentence and collecting notes.

    A key is named by its place (``[city] crs``, ``layer number 2 ('roads'): opacity``), a
    label made here in the current language and set into whole sentences.
    """

    def __init__(self, where: Path) -> None:
        self.where = where
        self.notes: list[str] = []

    def fail(self, problem: str) -> ManifestError:
        """``problem`` (a whole sentence) as the error of a manifest that is not valid."""
        return ManifestError(
            _("The city manifest '{path}' is not valid: {problem} Fix it and open the city again.").format(
                path=self.where, problem=problem
            ),
            path=self.where,
        )

    def missing(self, label: str, key: str) -> ManifestError:
        return ManifestError(
            _("The city manifest '{path}' is incomplete: {label} has no '{key}'.").format(
                path=self.where, label=label, key=key
            ),
            path=self.where,
        )

    def value(self, label: str, key: Key, value: Any) -> None:
        if not key.check(value):
            raise self.fail(
                _("{label} must be {expected}, not {value}.").format(
                    label=label, expected=_(key.expects), value=_shown(value)
                )
            )

    def ignored(self, label: str) -> None:
        """Note that the key at ``label`` is not one this version reads."""
        self.notes.append(
            _(
                "The city manifest '{path}' has {label}, which this version of twin_app does not use; "
                "it is ignored."
            ).format(path=self.where, label=label)
        )

    def table(self, name: str, raw: Any, schema: Mapping[str, Key], *, extra_ok: bool = False) -> None:
        if not isinstance(raw, dict):
            raise self.fail(
                _(
                    "[{name}] must be a table (a [{name}] section with key = value lines), not {value}."
                ).format(name=name, value=_shown(raw))
            )
        for k, key in schema.items():
            if k in raw:
                self.value(f"[{name}] {k}", key, raw[k])
            elif key.required:
                raise self.missing(f"[{name}]", k)
        if not extra_ok:
            for k in raw:
                if k not in schema:
                    self.ignored(f"[{name}] {k}")

    def array(self, name: str, raw: Any) -> list[dict[str, Any]]:
        if not (isinstance(raw, list) and all(isinstance(e, dict) for e in raw)):
            raise self.fail(
                _("{name} must be a list of [[{name}]] tables, not {value}.").format(
                    name=name, value=_shown(raw)
                )
            )
        return raw


def _entry_label(kind: str, number: int, entry: dict[str, Any]) -> str:
    """How the ``number``-th ``[[layers]]`` or ``[[feeds]]`` entry is named in sentences."""
    ident = entry.get("id")
    if kind == "layer":
        if isinstance(ident, str):
            return _("layer number {number} ('{id}')").format(number=number, id=ident)
        return _("layer number {number}").format(number=number)
    if isinstance(ident, str):
        return _("feed number {number} ('{id}')").format(number=number, id=ident)
    return _("feed number {number}").format(number=number)


def check_manifest(raw: Any, *, where: Path) -> list[str]:
    """Check ``raw`` (a parsed ``city.toml``) against the schema; return notes on ignored keys.

    Raises :class:`ManifestError` with one sentence naming the first key that
    is missing, of the wrong type or out of range.
    """
    c = _Checker(where)
    if not isinstance(raw, dict) or "city" not in raw:
        raise ManifestError(
            _("The city manifest '{path}' is incomplete: it has no [city] table.").format(path=where),
            path=where,
        )
    c.table("city", raw["city"], CITY)
    if "buildings" in raw:
        buildings = raw["buildings"]
        c.table("buildings", buildings, {**BUILDINGS, "storeys": Key(lambda v: True, "")})
        storeys = buildings.get("storeys", {})
        if not isinstance(storeys, dict):
            raise c.fail(
                _(
                    "[buildings.storeys] must be a table of building type = storeys, e.g. house = 2, "
                    "not {value}."
                ).format(value=_shown(storeys))
            )
        for kind, value in storeys.items():
            c.value(f"[buildings.storeys] {kind}", STOREY, value)
    if "districts" in raw:
        c.table("districts", raw["districts"], DISTRICTS)
    for i, entry in enumerate(c.array("layers", raw.get("layers", []))):
        label = _entry_label("layer", i + 1, entry)
        for k, key in LAYER.items():
            if k in entry:
                c.value(_("{entry}: {key}").format(entry=label, key=k), key, entry[k])
            elif key.required:
                raise c.missing(label, k)
    for i, entry in enumerate(c.array("feeds", raw.get("feeds", []))):
        label = _entry_label("feed", i + 1, entry)
        for k, key in FEED.items():
            if k in entry:
                c.value(_("{entry}: {key}").format(entry=label, key=k), key, entry[k])
            elif key.required:
                raise c.missing(label, k)
        for k in entry:
            if k not in FEED:
                c.notes.append(
                    _(
                        "The city manifest '{path}' has {key} in {label}, which this version of twin_app "
                        "does not use; it is ignored."
                    ).format(path=where, key=k, label=label)
                )
    for i, entry in enumerate(c.array("licences", raw.get("licences", []))):
        for k, v in entry.items():
            c.value(_("licence number {number}: {key}").format(number=i + 1, key=k), LICENCE_VALUE, v)
    for k in raw:
        if k not in TOP_LEVEL:
            c.notes.append(
                _(
                    "The city manifest '{path}' has a '{key}' entry, which this version of twin_app does not "
                    "use; it is ignored."
                ).format(path=where, key=k)
            )
    return c.notes
