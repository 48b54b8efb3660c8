"""Building heights from what is known, and the rule that gave each one.

A height of 15 m for every untagged building makes village sheds taller than
tagged houses.  So a building's height comes from the first rule that knows
something about it (docs/buildings.md):

1. its own height (an OSM ``height`` tag);
2. its own storeys (``building:levels``) × the city's storey height;
3. the median storeys of the tagged buildings *of the same type in the same
   file*, when at least ``min_tagged_for_median`` of them carry storeys: the
   file's own evidence of how tall such buildings are there;
4. the typical height of its type from the table in
   ``twin_app_resources/building_heights.toml`` (a house 2 storeys, a garage
   1, a church 15 m), which a city may override in its city.toml;
5. the city's ``default_height_m`` when the city gives one, else the table's
   generic storeys (for ``building=yes`` and types the table lacks).

Rules 3-5 are estimates, and an estimate is capped by the footprint: a
building of 25 m² is one storey whatever its type's median says.  When the cap
lowers an estimate, the building's rule is ``footprint``.  Tagged heights and
storeys are data and are never capped.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import TYPE_CHECKING

from twin_app.core.i18n import N_, _, format_number
from twin_app.core.kinds import BuildingRules
from twin_app.core.layers import HeightFrom

if TYPE_CHECKING:
    import numpy as np

TABLE_PACKAGE = "twin_app_resources"
TABLE_FILE = "building_heights.toml"
#: the type given to buildings that name none (OSM's own word for it)
UNKNOWN_TYPE = "yes"


@dataclass(frozen=True)
class HeightTable:
    """Typical heights by building type (``building_heights.toml``)."""

    #: typical storeys per type
    storeys: Mapping[str, float]
    #: typical height in metres, for types that are tall single spaces
    height_m: Mapping[str, float]
    #: storeys of a building whose type the table lacks, when the city gives no default
    generic_storeys: float
    #: (footprint below this many m², at most this many storeys), smallest area first
    footprint_caps: tuple[tuple[float, float], ...]

    def with_storeys(self, overrides: Mapping[str, float]) -> HeightTable:
        """This table with a city's own storeys per type (they also replace a height in metres)."""
        if not overrides:
            return self
        return HeightTable(
            storeys={**self.storeys, **overrides},
            height_m={k: v for k, v in self.height_m.items() if k not in overrides},
            generic_storeys=self.generic_storeys,
            footprint_caps=self.footprint_caps,
        )

    def max_storeys(self, footprint_m2: float) -> float | None:
        """The most storeys an estimate may give a building of this footprint (None: no cap)."""
        for below, most in self.footprint_caps:
            if footprint_m2 < below:
                return most
        return None


@functools.cache
def height_table() -> HeightTable:
    """The table shipped with twin_app (read once)."""
    raw = tomllib.loads(files(TABLE_PACKAGE).joinpath(TABLE_FILE).read_text(encoding="utf-8"))
    caps = sorted((float(c["below_m2"]), float(c["max_storeys"])) for c in raw["footprint"]["caps"])
    return HeightTable(
        storeys={str(k): float(v) for k, v in raw["storeys"].items()},
        height_m={str(k): float(v) for k, v in raw["height_m"].items()},
        generic_storeys=float(raw["generic"]["storeys"]),
        footprint_caps=tuple(caps),
    )


@dataclass
class HeightEstimate:
    """Heights (m) and the rule that gave each, plus the medians that were used."""

    height_m: np.ndarray
    height_from: list[str]
    #: type -> (median storeys, number of tagged buildings it was taken from)
    medians: dict[str, tuple[float, int]]


def estimate_heights(
    building_type: Sequence[str | None],
    height_tag_m: np.ndarray,
    levels: np.ndarray,
    footprint_m2: np.ndarray,
    rules: BuildingRules,
    table: HeightTable | None = None,
) -> HeightEstimate:
    """Apply the rule order of this module's docstring to every building.

    ``height_tag_m`` and ``levels`` are the buildings' own values (NaN where
    they have none); ``footprint_m2`` is each footprint's area in a metric CRS
    (NaN: no cap).  All four inputs are aligned, one entry per building.
    """
    import numpy as np
    import pandas as pd

    table = (table or height_table()).with_storeys(rules.storeys)
    storey = float(rules.storey_height_m)
    n = len(building_type)
    tag_h = np.asarray(height_tag_m, dtype=float)
    tag_l = np.asarray(levels, dtype=float)
    area = np.asarray(footprint_m2, dtype=float)
    # work per distinct type (a handful), then spread to the buildings by code
    codes, uniques = pd.factorize(pd.Series(list(building_type), dtype=object).fillna(UNKNOWN_TYPE))
    kinds = [str(u) for u in uniques]

    rules_order = list(HeightFrom)
    rule = np.full(n, rules_order.index(HeightFrom.DEFAULT), dtype=np.int8)
    height = np.full(n, np.nan)
    has_h = np.isfinite(tag_h)
    has_l = np.isfinite(tag_l) & ~has_h
    height[has_h] = tag_h[has_h]
    rule[has_h] = rules_order.index(HeightFrom.HEIGHT_TAG)
    height[has_l] = tag_l[has_l] * storey
    rule[has_l] = rules_order.index(HeightFrom.LEVELS)
    rest = ~(has_h | has_l)

    # 3. the file's own median storeys per type
    tagged = np.isfinite(tag_l)
    stats = pd.Series(tag_l[tagged]).groupby(codes[tagged]).agg(["median", "size"])
    stats = stats[stats["size"] >= rules.min_tagged_for_median]
    found = zip(stats.index.to_numpy(dtype=int).tolist(), stats["median"], stats["size"], strict=True)
    medians = {kinds[c]: (float(m), int(k)) for c, m, k in found}
    median_of = np.array([medians.get(k, (np.nan, 0))[0] for k in kinds] + [np.nan])
    # 4. the type table (storeys, else metres); 5. the city's default, else the generic storeys
    storeys_of = np.array([table.storeys.get(k, np.nan) for k in kinds] + [np.nan])
    metres_of = np.array([table.height_m.get(k, np.nan) for k in kinds] + [np.nan])

    by_median = rest & np.isfinite(median_of[codes])
    in_storeys = rest & ~by_median & np.isfinite(storeys_of[codes])
    in_metres = rest & ~by_median & ~in_storeys & np.isfinite(metres_of[codes])
    left = rest & ~(by_median | in_storeys | in_metres)
    estimate = np.full(n, np.nan)
    estimate[by_median] = median_of[codes[by_median]] * storey
    estimate[in_storeys] = storeys_of[codes[in_storeys]] * storey
    estimate[in_metres] = metres_of[codes[in_metres]]
    if rules.default_height_m is not None:
        estimate[left] = float(rules.default_height_m)
    else:
        estimate[left] = table.generic_storeys * storey
    rule[by_median] = rules_order.index(HeightFrom.LEVELS_MEDIAN)
    rule[in_storeys | in_metres] = rules_order.index(HeightFrom.TYPE_DEFAULT)

    cap = np.full(n, np.inf)
    for below, most in sorted(table.footprint_caps, reverse=True):  # smallest area last, so it wins
        cap[area < below] = most * storey
    capped = rest & (estimate > cap + 1e-9)
    estimate[capped] = cap[capped]
    rule[capped] = rules_order.index(HeightFrom.FOOTPRINT)
    height[rest] = estimate[rest]
    names = np.array([r.value for r in rules_order], dtype=object)
    return HeightEstimate(height_m=height, height_from=names[rule].tolist(), medians=medians)


def describe_height(rule: str, building_type: str | None, height_m: float, rules: BuildingRules) -> str:
    """Say in words which rule gave a building its height (shown when it is clicked)."""
    kind = building_type if building_type and building_type == building_type else UNKNOWN_TYPE
    storey = float(rules.storey_height_m)
    storeys = format_number(height_m / storey) if storey > 0 else "?"
    fields = {"kind": kind, "storeys": storeys, "storey": format_number(storey)}
    if rule == HeightFrom.DEFAULT.value:
        if rules.default_height_m is not None:
            return _(
                "the city's default height {height} m "
                "(building={kind} has no height, levels or typical height)"
            ).format(height=format_number(rules.default_height_m), kind=kind)
        generic = height_table().generic_storeys
        return _(
            "the generic default of {storeys} storeys × {storey} m = {height} m "
            "(building={kind} has no height, levels or typical height)"
        ).format(
            storeys=format_number(generic),
            storey=format_number(rules.storey_height_m),
            height=format_number(generic * rules.storey_height_m),
            kind=kind,
        )
    words = {
        HeightFrom.HEIGHT_TAG.value: N_("its own height tag"),
        HeightFrom.LEVELS.value: N_("its own building:levels × {storey} m per storey"),
        HeightFrom.LEVELS_MEDIAN.value: N_(
            "median storeys of tagged building={kind} buildings in this file "
            "({storeys} × {storey} m); it has no height or levels of its own"
        ),
        HeightFrom.TYPE_DEFAULT.value: N_(
            "typical height of building={kind} from the building-type table; "
            "it has no height or levels of its own"
        ),
        HeightFrom.FOOTPRINT.value: N_(
            "capped at {storeys} storey(s) × {storey} m because its footprint is small; "
            "it has no height or levels of its own"
        ),
    }
    if rule not in words:
        return rule
    return _(words[rule]).format(**fields)


def default_height_text(rules: BuildingRules) -> str:
    """The last-resort height in words: the city's own figure, else the table's generic storeys."""
    if rules.default_height_m is not None:
        return _("the city's default height {height} m").format(height=format_number(rules.default_height_m))
    storeys = height_table().generic_storeys
    return _("the generic default of {storeys} storeys × {storey} m = {height} m").format(
        storeys=format_number(storeys),
        storey=format_number(rules.storey_height_m),
        height=format_number(storeys * rules.storey_height_m),
    )


def height_rule_label(rule: str) -> str:
    """A short name for a rule, for counts in notes and ``info``."""
    label = {
        HeightFrom.HEIGHT_TAG.value: N_("height tag"),
        HeightFrom.LEVELS.value: N_("levels tag"),
        HeightFrom.LEVELS_MEDIAN.value: N_("median of tagged buildings of the type"),
        HeightFrom.TYPE_DEFAULT.value: N_("building-type table"),
        HeightFrom.FOOTPRINT.value: N_("capped by a small footprint"),
        HeightFrom.DEFAULT.value: N_("default"),
    }.get(rule)
    return _(label) if label is not None else rule
