"""Heat exposure: how hot the districts and buildings are, and how much heat people live in.

Method (the full text is docs/methodology/heat-exposure.md):

* **Area statistics.**  For each selected district, and for all of them
  together (``district=None``), the mean, 90th percentile and maximum of the
  heat raster's pixels, with the chosen pixel rule: ``centre`` (a pixel counts
  when its centre is inside; rasterstats' default) or ``fraction`` (each
  touched pixel weighted by the share of its area inside; exactextract's rule).
* **Population weighting.**  People are the city's one allocation
  (``ctx.people``, docs/methodology/population.md): the grid clipped to the
  city's extent and placed in residential buildings, or spread by area over
  pieces of a cell where it has none; the same people, per district, as
  every other analysis.  Each group of residents j gets tⱼ, the heat where
  they live: the zonal mean of the raster over their building's footprint
  (same pixel rule; the pixel under its interior point when the footprint
  holds no pixel centre) or over their piece of cell.  District D's
  exposure is Σ pⱼtⱼ / Σ pⱼ over its residents with heat data; people
  without any (a home over a no-data pixel) are counted in the population
  and reported, but not in the means and shares.
* **Above threshold.**  The share of people whose tⱼ is strictly above
  ``threshold`` (in the raster's units).  A threshold outside the raster's
  value range makes that share 0 or 1 by construction: it is reported as a
  warning, not silently.
* **Residents aged 70+.**  The HSY grid has 10-year bins (…, ika60_69,
  ika70_79, ika80_), so "over 65" cannot be cut exactly; the analysis uses the
  70+ group, ika70_79 + ika80_, and names its indicators ``..._70plus``.
* **Buildings.**  Each building's mean heat colours a copy of the buildings
  layer.  With the centre rule a footprint smaller than a pixel may contain no
  pixel centre; it then takes the pixel under its interior point, and the
  number of such buildings is noted.

The values are in the raster's own units, never relabelled: the Helsinki
sample is a unitless 0–1 exposure index derived from satellite land-surface
temperature, not °C.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

import numpy as np

from twin_app.api import (
    AnalysisContext,
    AnalysisOutput,
    BuildingsLayer,
    Indicator,
    PolygonLayer,
    PopulationLayer,
    RasterLayer,
    TwinError,
    _,
    zonal,
)

if TYPE_CHECKING:
    import geopandas as gpd

#: age-group columns of the HSY grid summed into the "70+" group
ELDERLY_COLUMNS: tuple[str, ...] = ("ika70_79", "ika80_")
HEAT_COLUMN = "heat_mean"
_AGE_COLUMN = re.compile(r"^ika(\d+)_(\d*)$")


def elderly_columns(columns: Any) -> list[str]:
    """The age columns of residents aged 70 and over (HSY ``ika70_79``, ``ika80_``, ...).

    Any ``ikaNN_MM`` / ``ikaNN_`` column whose lower bound is at least 70 is
    taken, so a grid with finer bins (ika70_74, ...) works too.
    """
    found = []
    for col in columns:
        m = _AGE_COLUMN.match(str(col))
        if m and int(m.group(1)) >= 70:
            found.append(str(col))
    return found


def run(ctx: AnalysisContext) -> AnalysisOutput:
    params = ctx.params
    raster = ctx.layer(params["raster"], RasterLayer)
    units = raster.units_label  # indicators carry the raster's own units ("@raster" in the manifest)
    rule = str(params.get("pixel_rule") or "centre")
    threshold = float(params.get("threshold", 0.6))
    data, transform = raster.data, tuple(raster.transform)
    shape = data.shape
    districts = ctx.districts(params.get("districts") or [])
    if districts.empty:
        raise TwinError(_("No district is selected: choose at least one district for the heat exposure."))
    names = [str(n) for n in districts["district"]]
    ctx.feedback.progress(0.05, _("Indexing districts"))

    # --- area statistics: each district, then their union (an overlapping zone: its own group)
    geoms = list(districts.geometry.values)
    union = districts.geometry.union_all()
    index = zonal.cached_index([*geoms, union], shape, transform, rule)
    stats = index.stats(data, ("count", "mean", "max", "p90"))
    indicators: list[Indicator] = []
    labels: list[str | None] = [*names, None]
    for k, district in enumerate(labels):
        indicators += [
            Indicator("heat_mean", _num(stats["mean"][k]), units, district),
            Indicator("heat_p90", _num(stats["p90"][k]), units, district),
            Indicator("heat_max", _num(stats["max"][k]), units, district),
        ]
    ctx.feedback.check_cancelled()
    a, _b, _c, _d, e, _f = transform
    notes: dict[str, Any] = {
        "pixel_rule": rule,
        "pixel_rule_meaning": (
            _("a pixel counts when its centre is inside the polygon (GDAL all_touched=False)")
            if rule == "centre"
            else _("every touched pixel counts by the exact share of its area inside the polygon")
        ),
        "raster": raster.id,
        "raster_title": raster.title,
        "raster_label": raster.label,
        "raster_units": units,
        "threshold": threshold,
        "threshold_rule": _("exposed when the cell's mean heat is strictly above the threshold"),
        "pixel_size_m": [round(abs(a), 3), round(abs(e), 3)],
        "raster_shape": list(shape),
        "p90": (
            _("numpy linear interpolation (np.percentile q=90)")
            if rule == "centre"
            else _(
                "numpy linear interpolation (np.percentile q=90), "
                "weighted by covered fraction as exactextract's quantile"
            )
        ),
        "district_pixels": {n: round(float(c), 3) for n, c in zip(names, stats["count"][:-1], strict=True)},
    }
    layers = []

    # --- population weighting
    pop_id = params.get("population")
    if pop_id:
        ctx.feedback.progress(0.35, _("Weighting by population"))
        pop_layer = ctx.layer(pop_id, PopulationLayer)
        out, pop_notes, cells = _population(
            ctx, pop_layer, params.get("buildings"), districts, data, transform, rule, threshold, units
        )
        indicators += out
        notes.update(pop_notes)
        layers.append(cells)
        warning = threshold_warning(data, threshold, units)
        if warning:
            notes["threshold_warning"] = warning
            ctx.feedback.warning(warning)
    else:
        notes["population"] = _("no population layer: population-weighted indicators not computed")
    ctx.feedback.check_cancelled()

    # --- buildings coloured by their mean heat
    bld_id = params.get("buildings")
    if bld_id:
        ctx.feedback.progress(0.7, _("Scoring buildings"))
        bld = ctx.layer(bld_id, BuildingsLayer)
        frame = bld.frame.copy()
        geoms = frame.geometry.values
        heat, small = _mean_heat(geoms, geoms.representative_point(), data, transform, rule)
        frame[HEAT_COLUMN] = heat
        layers.append(
            BuildingsLayer(
                id="buildings_heat",
                title=_("Buildings by mean {raster} ({units})").format(
                    raster=raster.label or raster.title, units=units
                ),
                crs=bld.crs,
                style=bld.style,
                frame=frame,
                value_column=HEAT_COLUMN,
                units=units,
                quantities={HEAT_COLUMN: "heat"},
                # drawn as the buildings' colouring (rows matched on the copied index)
                restyles=bld.id,
            )
        )
        notes["buildings"] = {
            "count": len(frame),
            "with_heat": int(np.isfinite(heat).sum()),
            "valued_by_pixel_under_interior_point": int(small.sum()) if rule == "centre" else 0,
        }
    ctx.feedback.progress(1.0, _("Done"))
    return AnalysisOutput(indicators=indicators, layers=layers, notes=notes)


def _mean_heat(
    geoms: Any, points: Any, data: np.ndarray, transform: tuple[float, ...], rule: str
) -> tuple[np.ndarray, np.ndarray]:
    """Zonal mean over each polygon (cached index); with the centre rule, a polygon holding no
    pixel centre takes the pixel under its point.  Returns the means and which were so filled."""
    if len(geoms) == 0:
        return np.zeros(0), np.zeros(0, dtype=bool)
    heat = zonal.cached_index(geoms, data.shape, transform, rule).mean(data)
    small = np.isnan(heat) & (rule == "centre")
    if small.any():
        pts = points[small]
        heat[small] = zonal.sample(data, transform, pts.x, pts.y)
    return heat, small


def _population(
    ctx: AnalysisContext,
    layer: PopulationLayer,
    buildings_id: str | None,
    districts: gpd.GeoDataFrame,
    data: np.ndarray,
    transform: tuple[float, ...],
    rule: str,
    threshold: float,
    units: str,
) -> tuple[list[Indicator], dict[str, Any], PolygonLayer]:
    """Population-weighted heat per district and overall, and the coloured cells."""
    allocation = ctx.people(layer.id, buildings_id)
    column = allocation.column
    cells = layer.frame
    groups: dict[str, np.ndarray] = {"": allocation.people()}
    old_cols = elderly_columns(cells.columns) if ctx.params.get("elderly", True) else []
    if old_cols:
        groups["_70plus"] = np.sum([allocation.people(c) for c in old_cols], axis=0)
    # the heat where each group of residents lives: one index over every home, reused across runs
    t, small = _mean_heat(allocation.places, allocation.points.geometry.values, data, transform, rule)
    names = [str(n) for n in districts["district"]]
    where = allocation.points["district"].to_numpy()
    dst = np.full(len(where), -1, dtype=np.int64)
    for k, name in enumerate(names):
        dst[where == name] = k
    chosen = dst >= 0
    has = np.isfinite(t)
    above = has & (t > threshold)
    n_d = len(names)
    out: list[Indicator] = []
    summary: dict[str, Any] = {}
    labels: list[str | None] = [*names, None]
    for suffix, p in groups.items():
        ok = chosen & has
        pop = np.bincount(dst[chosen], weights=p[chosen], minlength=n_d)
        denom = np.bincount(dst[ok], weights=p[ok], minlength=n_d)
        num = np.bincount(dst[ok], weights=(p * np.where(has, t, 0.0))[ok], minlength=n_d)
        hot = np.bincount(dst[ok & above], weights=p[ok & above], minlength=n_d)
        for k, district in enumerate(labels):
            people, d, nm, h = (
                (pop[k], denom[k], num[k], hot[k])
                if district is not None
                else (pop.sum(), denom.sum(), num.sum(), hot.sum())
            )
            out += [
                Indicator("population" + suffix, float(people), "people", district),
                Indicator(
                    "population_weighted_mean" + suffix, _num(nm / d) if d > 0 else None, units, district
                ),
                Indicator(
                    "share_population" + suffix + "_above_threshold",
                    _num(h / d) if d > 0 else None,
                    "ratio",
                    district,
                ),
            ]
        summary["people" + suffix + "_without_heat_data"] = round(float(p[chosen & ~has].sum()), 3)
    frame = cells.copy()
    frame[HEAT_COLUMN] = zonal.cached_index(cells.geometry.values, data.shape, transform, rule).mean(data)
    coloured = PolygonLayer(
        id="population_heat",
        title=_("Population cells by mean heat ({units})").format(units=units),
        crs=layer.crs,
        style=layer.style,
        frame=frame,
        value_column=HEAT_COLUMN,
        units=units,
        quantities={HEAT_COLUMN: "heat"},
        restyles=layer.id,
    )
    notes = {
        "population_layer": layer.id,
        "population_column": column,
        "population_weighting": _(
            "sum(p_j * t_j) / sum(p_j) over residents j with heat data: p_j from the city's one population "
            "allocation (docs/methodology/population.md), t_j = zonal mean of the raster over the "
            "footprint of the building they live in, or over their piece of a cell without homes"
        ),
        "homes valued by the pixel under their interior point": int(small.sum()) if rule == "centre" else 0,
        "elderly_group": (
            _("70+ = {columns} (the grid's 10-year bins cannot give exactly over-65s)").format(
                columns=" + ".join(old_cols)
            )
            if old_cols
            else _("not reported (no ika70_79 / ika80_ age columns, or switched off)")
        ),
        **allocation.summary(),
        **summary,
    }
    return out, notes, coloured


def threshold_warning(data: np.ndarray, threshold: float, units: str) -> str | None:
    """A sentence when ``threshold`` lies outside the raster's values (a share of 0 or 1 by construction)."""
    finite = data[np.isfinite(data)]
    if finite.size == 0:
        return None
    low, high = float(finite.min()), float(finite.max())
    if low <= threshold < high:
        return None
    if threshold < low:
        sentence = _(
            "The heat threshold {threshold} is outside the raster's values ({low} to {high} {units}): "
            "everyone counts as above it, so the shares above the threshold say nothing. Choose a threshold "
            "between {low} and {high}."
        )
    else:
        sentence = _(
            "The heat threshold {threshold} is outside the raster's values ({low} to {high} {units}): "
            "nobody can be above it, so the shares above the threshold say nothing. Choose a threshold "
            "between {low} and {high}."
        )
    return sentence.format(threshold=f"{threshold:g}", low=f"{low:g}", high=f"{high:g}", units=units)


def _num(value: Any) -> float | None:
    v = float(value)
    return v if math.isfinite(v) else None
