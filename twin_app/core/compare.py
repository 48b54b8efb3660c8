"""A scenario against the baseline: every indicator before and after, per district, and where it moves.

A workshop asks "what does this change do?".  :func:`compare` answers with
the numbers the analyses already define, computed twice: once on the
baseline city and once on the scenario city (:func:`twin_app.core.scenario.apply`).
Only what the scenario can change is computed again: an analysis whose
declared inputs the scenario leaves untouched (:func:`twin_app.core.rerun.is_stale`)
keeps its baseline result, and one that offers an incremental ``update``
for the edits made (moving a stop, for transit access) is repaired rather
than run (:func:`twin_app.core.runner.update_analysis`).

Each row (:class:`Delta`) holds the baseline and scenario values of one
indicator in one district (``None``: the whole city, as the analysis
itself defines its total: transit access's city share is Σ served / Σ
people over every district, never a mean of the districts' shares), their
difference (scenario − baseline, in the indicator's unit) and, for shares
(unit ``ratio``, 0–1), the difference in percentage points.

The difference layers let the 3D view show where a scenario helps or
harms: one per indicator, the districts coloured by its difference, and
one per result layer that colours a city layer (walk to the nearest stop
per building), each column marked as the quantity ``difference`` so the
scene draws it with the diverging palette symmetric about zero.

Qt- and VTK-free.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from twin_app.core.analysis import AnalysisResult, Change, Indicator, RunRecord, now_iso
from twin_app.core.errors import ParameterError
from twin_app.core.i18n import _
from twin_app.core.layers import DISTRICT_COLUMN, Layer, PolygonLayer, VectorLayer
from twin_app.core.quantities import Quantity

if TYPE_CHECKING:
    from twin_app.core.feedback import Feedback
    from twin_app.core.model import CityModel
    from twin_app.core.plugins import PluginRegistry
    from twin_app.core.project import Project, StoredResult
    from twin_app.core.scenario import Scenario

#: the unit of a share (0–1); its differences are also given in percentage points
SHARE_UNIT = "ratio"
POINTS_UNIT = "percentage points"
#: the column of a difference layer
DIFFERENCE_COLUMN = "difference"


@dataclass(frozen=True)
class AnalysisRun:
    """One analysis to compare, with its parameters (as ``twin-app run`` takes them)."""

    analysis: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Delta:
    """One indicator in one district (None: the whole city), before and after the scenario."""

    analysis: str
    key: str
    district: str | None
    unit: str
    baseline: float | None
    scenario: float | None

    @property
    def difference(self) -> float | None:
        """Scenario − baseline in the indicator's unit; None when either is missing (no people, say)."""
        if self.baseline is None or self.scenario is None:
            return None
        return self.scenario - self.baseline

    @property
    def points(self) -> float | None:
        """For shares: the difference in percentage points (0.25 → 0.40 is +15 points); else None."""
        diff = self.difference
        return None if diff is None or self.unit != SHARE_UNIT else 100.0 * diff

    def to_json(self) -> dict[str, Any]:
        return {
            "analysis": self.analysis,
            "key": self.key,
            "district": self.district,
            "unit": self.unit,
            "baseline": self.baseline,
            "scenario": self.scenario,
            "difference": self.difference,
            "difference_points": self.points,
        }


@dataclass
class Comparison:
    """What :func:`compare` returns: the rows, both sides' results, how each was obtained, the layers."""

    scenario: Scenario
    deltas: list[Delta]
    baseline: dict[str, AnalysisResult]
    results: dict[str, AnalysisResult]
    #: per analysis: "reused" (inputs untouched), "update" (repaired) or "run" (computed again)
    how: dict[str, str]
    layers: list[Layer] = field(default_factory=list)

    def rows(self, analysis: str | None = None, key: str | None = None) -> list[Delta]:
        return [
            d
            for d in self.deltas
            if (analysis is None or d.analysis == analysis) and (key is None or d.key == key)
        ]

    def delta(self, analysis: str, key: str, district: str | None = None) -> Delta:
        for d in self.deltas:
            if d.analysis == analysis and d.key == key and d.district == district:
                return d
        if district:
            raise ParameterError(
                _(
                    "The comparison has no indicator '{key}' of '{analysis}' for the district '{district}'."
                ).format(key=key, analysis=analysis, district=district)
            )
        raise ParameterError(
            _("The comparison has no indicator '{key}' of '{analysis}' for the whole city.").format(
                key=key, analysis=analysis
            )
        )

    def provenance(self, analysis: str) -> dict[str, Any]:
        """Both sides' provenance, how the scenario's side was obtained, and the scenario's edits."""
        return {
            "scenario": self.scenario.name,
            "edits": [e.to_json() for e in self.scenario.edits],
            "scenario result": self.how[analysis],
            "baseline": self.baseline[analysis].provenance(),
            "with scenario": self.results[analysis].provenance(),
        }

    def to_json(self) -> dict[str, Any]:
        """The ``twin-app compare --json`` document (docs/scenarios.md)."""
        return {
            "scenario": self.scenario.name,
            "rows": [d.to_json() for d in self.deltas],
            "analyses": {a: self.provenance(a) for a in self.results},
            "layers": [layer.id for layer in self.layers],
        }


def _changed_layers(
    baseline: CityModel, scenario_city: CityModel, layer_ids: Iterable[str]
) -> tuple[str, ...]:
    return tuple(lid for lid in layer_ids if baseline.layers.get(lid) is not scenario_city.layers.get(lid))


def compare(
    model: CityModel,
    scenario: Scenario,
    runs: Sequence[AnalysisRun],
    *,
    baseline: Mapping[str, AnalysisResult] | None = None,
    registry: PluginRegistry | None = None,
    feedback: Feedback | None = None,
) -> Comparison:
    """The indicators of ``runs`` on ``model`` and on ``model`` with ``scenario``, side by side.

    ``baseline`` may hold results already computed on ``model`` (by analysis
    id, made with the same parameters); the others are run here.  A baseline
    result that still holds an incremental state gives it to the scenario's
    update (:func:`twin_app.core.runner.update_analysis`), so compare again
    from a fresh baseline run if you need its state afterwards.
    """
    from twin_app.core.plugins import default_plugins
    from twin_app.core.rerun import input_layers, is_stale, record_run
    from twin_app.core.runner import run_analysis, update_analysis
    from twin_app.core.scenario import apply

    registry = registry or default_plugins()
    have = dict(baseline or {})
    before: dict[str, AnalysisResult] = {}
    past = []
    for run in runs:
        manifest = registry.get(run.analysis)
        if run.analysis not in have:
            have[run.analysis] = run_analysis(
                run.analysis,
                model,
                dict(run.params),
                feedback=feedback,
                registry=registry,
                keep_state=bool(manifest.update),
            )
        before[run.analysis] = have[run.analysis]
        past.append(record_run(run.analysis, run.params, model, registry))

    scenario_city = apply(model, scenario)
    after: dict[str, AnalysisResult] = {}
    how: dict[str, str] = {}
    for run, stamp in zip(runs, past, strict=True):
        if not is_stale(stamp, scenario_city, registry):
            after[run.analysis] = before[run.analysis]
            how[run.analysis] = "reused"
            continue
        manifest = registry.get(run.analysis)
        changed = _changed_layers(model, scenario_city, input_layers(manifest, run.params, scenario_city))
        result = update_analysis(
            before[run.analysis],
            scenario_city,
            Change(tuple(scenario.edits), changed),
            feedback=feedback,
            registry=registry,
        )
        after[run.analysis] = result
        how[run.analysis] = result.how

    deltas: list[Delta] = []
    for run in runs:
        deltas.extend(indicator_deltas(run.analysis, before[run.analysis], after[run.analysis]))
    layers: list[Layer] = []
    for run in runs:
        if how[run.analysis] == "reused":
            continue
        layers.extend(district_difference_layers(model, run.analysis, deltas))
        layers.extend(result_difference_layers(before[run.analysis], after[run.analysis]))
    return Comparison(scenario, deltas, before, after, how, layers)


def indicator_deltas(analysis: str, baseline: AnalysisResult, scenario: AnalysisResult) -> list[Delta]:
    """One row per (indicator, district) of either side, in the baseline's order."""

    def index(result: AnalysisResult) -> dict[tuple[str, str | None], Indicator]:
        return {(i.key, i.district): i for i in result.indicators}

    a, b = index(baseline), index(scenario)
    keys = list(a) + [k for k in b if k not in a]
    out = []
    for key in keys:
        ia, ib = a.get(key), b.get(key)
        unit = (ia or ib).unit if (ia or ib) is not None else ""  # type: ignore[union-attr]
        out.append(
            Delta(
                analysis,
                key[0],
                key[1],
                unit,
                ia.value if ia is not None else None,
                ib.value if ib is not None else None,
            )
        )
    return out


def district_difference_layers(model: CityModel, analysis: str, deltas: Sequence[Delta]) -> list[Layer]:
    """Per indicator of ``analysis``: the districts coloured by its difference (points for shares).

    A district the analysis did not report on (not selected, no people) gets
    no value (NaN), drawn as "no data" rather than as "no change".
    """
    import numpy as np

    districts = model.districts
    if districts is None:
        return []
    names = districts.frame[DISTRICT_COLUMN].astype(str)
    out: list[Layer] = []
    keys = list(dict.fromkeys(d.key for d in deltas if d.analysis == analysis and d.district is not None))
    for key in keys:
        rows = {d.district: d for d in deltas if d.analysis == analysis and d.key == key and d.district}
        unit = next(iter(rows.values())).unit
        points = unit == SHARE_UNIT
        values = [(rows[n].points if points else rows[n].difference) if n in rows else None for n in names]
        frame = districts.frame.copy()
        frame[DISTRICT_COLUMN] = names.to_numpy()
        frame[DIFFERENCE_COLUMN] = np.array([np.nan if v is None else v for v in values], dtype=float)
        out.append(
            PolygonLayer(
                id=f"{analysis}:{key}:difference",
                title=_("Change in {indicator} ({analysis})").format(indicator=key, analysis=analysis),
                crs=districts.crs,
                style="districts",
                frame=frame,
                value_column=DIFFERENCE_COLUMN,
                units=POINTS_UNIT if points else unit,
                quantities={DIFFERENCE_COLUMN: Quantity.DIFFERENCE.value},
                restyles=districts.id,
                notes=[
                    _("Scenario − baseline per district in percentage points.")
                    if points
                    else _("Scenario − baseline per district.")
                ],
            )
        )
    return out


def result_difference_layers(baseline: AnalysisResult, scenario: AnalysisResult) -> list[Layer]:
    """For each result layer that colours a city layer: scenario − baseline of its value, row by row.

    Rows are matched on the frames' index labels (both copies of the same
    city layer), so a building keeps its row; a value missing on either side
    (a building no stop can be walked to) gives no difference (NaN).
    """
    out: list[Layer] = []
    before = {layer.id: layer for layer in baseline.layers}
    for layer in scenario.layers:
        base = before.get(layer.id)
        if (
            not isinstance(layer, VectorLayer)
            or not isinstance(base, VectorLayer)
            or layer.restyles is None
            or layer.value_column is None
            or layer.value_column not in base.frame
        ):
            continue
        column = layer.value_column
        frame = layer.frame.copy()
        diff = frame[column].astype(float) - base.frame[column].astype(float).reindex(frame.index)
        frame[DIFFERENCE_COLUMN] = diff.to_numpy()
        out.append(
            type(layer)(
                id=f"{layer.id}:difference",
                title=_("Change in {layer}").format(layer=layer.display_title()),
                crs=layer.crs,
                style=layer.style,
                frame=frame,
                value_column=DIFFERENCE_COLUMN,
                units=layer.units,
                quantities={**layer.quantities, DIFFERENCE_COLUMN: Quantity.DIFFERENCE.value},
                restyles=layer.restyles,
                join_on=layer.join_on,
                notes=[_("Scenario − baseline of '{column}', feature by feature.").format(column=column)],
            )
        )
    return out


def comparison_result(comparison: Comparison, analysis: str) -> AnalysisResult:
    """The comparison of one analysis as a result the project can store: differences with provenance.

    Its indicators are the differences (``KEY_difference`` in the indicator's
    unit, and ``KEY_difference_points`` for shares); its record names the
    analysis as ``compare:ID`` with the parameters and the scenario; its
    notes hold both sides' provenance.
    """
    scen = comparison.results[analysis]
    indicators: list[Indicator] = []
    for d in comparison.rows(analysis):
        indicators.append(Indicator(f"{d.key}_difference", d.difference, d.unit, d.district))
        if d.unit == SHARE_UNIT:
            indicators.append(Indicator(f"{d.key}_difference_points", d.points, POINTS_UNIT, d.district))
    record = RunRecord(
        analysis=f"compare:{analysis}",
        version=scen.record.version,
        parameters={**scen.record.parameters, "scenario": comparison.scenario.name},
        inputs=list(scen.record.inputs),
        started=comparison.baseline[analysis].record.started,
        finished=now_iso(),
        twin_app_version=scen.record.twin_app_version,
        city=scen.record.city,
    )
    return AnalysisResult(
        analysis=f"compare:{analysis}",
        title=_("{title}: scenario '{scenario}' − baseline").format(
            title=scen.title, scenario=comparison.scenario.name
        ),
        indicators=indicators,
        layers=[],
        record=record,
        definitions={},
        notes=comparison.provenance(analysis),
    )


def store(project: Project, comparison: Comparison) -> list[StoredResult]:
    """Keep the comparison in the project: each side's result and the differences, with provenance.

    The baseline's results go in without a scenario, the scenario's and the
    differences under the scenario's name.
    """
    name = comparison.scenario.name
    out: list[StoredResult] = []
    for analysis in comparison.results:
        out.append(project.add_result(comparison.baseline[analysis]))
        out.append(project.add_result(comparison.results[analysis], scenario=name))
        out.append(project.add_result(comparison_result(comparison, analysis), scenario=name))
    return out


def write_comparison(comparison: Comparison, path: Path | str) -> Path:
    """Save the comparison as a GeoPackage (atomically, as results are saved; see results_io).

    Tables: ``comparison`` (one row per indicator and district: baseline,
    scenario, difference, difference in points), ``provenance`` (one row per
    analysis, its JSON) and one spatial table per difference layer.
    """
    import json

    import pandas as pd
    import pyogrio

    from twin_app.core.results_io import (
        _discard,
        _publish,
        _table_name,
        _temp_beside,
        check_result_path,
        clean_leftovers,
    )

    path = check_result_path(path)
    if path.suffix.lower() != ".gpkg":
        raise ParameterError(
            _(
                "A comparison is saved as a GeoPackage: give a file name ending in .gpkg, not '{name}'."
            ).format(name=path.name)
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(path)
    tmp = _temp_beside(path)
    try:
        # "scenario" is the value with the scenario; the scenario's name goes in its own column
        rows = pd.DataFrame(
            [{**d.to_json(), "scenario_name": comparison.scenario.name} for d in comparison.deltas]
        )
        pyogrio.write_dataframe(rows, tmp, layer="comparison", driver="GPKG")
        record = pd.DataFrame(
            [
                {
                    "analysis": a,
                    "how": comparison.how[a],
                    "provenance_json": json.dumps(comparison.provenance(a), default=str),
                }
                for a in comparison.results
            ]
        )
        pyogrio.write_dataframe(record, tmp, layer="provenance", driver="GPKG", append=True)
        for layer in comparison.layers:
            if isinstance(layer, VectorLayer):
                frame = layer.frame
                bad = [c for c in frame.columns if c != frame.geometry.name and frame[c].dtype == object]
                frame = frame.astype({c: str for c in bad})
                pyogrio.write_dataframe(frame, tmp, layer=_table_name(layer.id), driver="GPKG", append=True)
        _publish(tmp, path)
    except BaseException:
        _discard(tmp)
        raise
    return path


__all__ = [
    "AnalysisRun",
    "Comparison",
    "Delta",
    "compare",
    "comparison_result",
    "district_difference_layers",
    "indicator_deltas",
    "result_difference_layers",
    "store",
    "write_comparison",
]
