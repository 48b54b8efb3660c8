"""A scenario beside the baseline: the same analyses on both, the difference per district, and the pins.

The scenario's city is :func:`twin_app.core.scenario.apply` of the project's
scenario on the baseline (the baseline is never changed); each analysis of
the report runs again on it with the same parameters.  A difference is
scenario minus baseline, so "+" always means "more in the scenario".
Shares differ in percentage points ("+22.1 pp": from 51.5 % to 73.6 %), never
in per cent of per cent.

Residents' names are written only when asked (``names=True``): a report is
handed out, and a name is the one field a resident may not want printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from twin_app.core.analysis import AnalysisResult
from twin_app.core.feedback import Feedback
from twin_app.core.i18n import _, manifest_text
from twin_app.core.layers import Layer
from twin_app.core.model import CityModel
from twin_app.core.quantities import indicator_label
from twin_app.report.content import ALL_DISTRICTS, ReportContent, local_units
from twin_app.report.numbers import local_difference, local_value

if TYPE_CHECKING:
    from twin_app.core.pins import Pin
    from twin_app.core.project import Project


@dataclass(frozen=True)
class CompareRow:
    district: str
    baseline: float | None
    scenario: float | None
    difference: float | None
    shown_baseline: str
    shown_scenario: str
    shown_difference: str


@dataclass(frozen=True)
class ComparisonTable:
    key: str
    label: str
    unit: str
    declared_unit: str
    definition: str
    rows: tuple[CompareRow, ...]


@dataclass
class ScenarioComparison:
    name: str
    description: str
    #: each edit in words ("add the stop 'Market square'"), in order
    edits: list[str]
    #: analysis id -> the scenario's result
    results: dict[str, AnalysisResult]
    #: analysis id -> one table per indicator
    tables: dict[str, list[ComparisonTable]]
    #: analysis id -> result layers coloured by scenario minus baseline (the difference views)
    difference_layers: dict[str, list[Layer]] = field(default_factory=dict)
    pins: list[Pin] = field(default_factory=list)
    names: bool = False
    #: analysis id -> how its scenario figures were made: "reused" (the scenario changes none of its
    #: inputs), or run again / updated incrementally (core.compare's words)
    how: dict[str, str] = field(default_factory=dict)
    model: CityModel | None = None


def format_difference(value: float | None, unit: str) -> str:
    """Scenario minus baseline with its sign: "+22.1 pp" for shares, "+120" for people, "0" for none."""
    return local_difference(value, unit)


def compare_results(baseline: AnalysisResult, scenario: AnalysisResult) -> list[ComparisonTable]:
    """Per indicator, a row per district (all selected last): baseline, scenario, difference."""
    base = {(i.key, i.district): i.value for i in baseline.indicators}
    scen = {(i.key, i.district): i.value for i in scenario.indicators}
    keys = list(dict.fromkeys(i.key for i in baseline.indicators))
    places = list(dict.fromkeys(i.district for i in baseline.indicators))
    places = [p for p in places if p is not None] + ([None] if None in places else [])
    tables = []
    for key in keys:
        spec = baseline.definitions.get(key, {})
        unit = spec.get("unit", "")
        rows = []
        for place in places:
            if (key, place) not in base:
                continue
            b, s = base[(key, place)], scen.get((key, place))
            d = s - b if b is not None and s is not None else None
            rows.append(
                CompareRow(
                    district=place or ALL_DISTRICTS,
                    baseline=b,
                    scenario=s,
                    difference=d,
                    shown_baseline=local_value(b, unit),
                    shown_scenario=local_value(s, unit),
                    shown_difference=format_difference(d, unit),
                )
            )
        tables.append(
            ComparisonTable(
                key=key,
                label=indicator_label(key, spec),
                unit=local_units(unit),
                declared_unit=unit,
                definition=manifest_text(spec.get("definition", "")),
                rows=tuple(rows),
            )
        )
    return tables


def compare_scenario(
    project: Project,
    name: str,
    model: CityModel,
    content: ReportContent,
    params: dict[str, dict[str, str]],
    *,
    names: bool = False,
    feedback: Feedback | None = None,
) -> ScenarioComparison:
    """The report's analyses on the scenario too (core's ``compare``), and the scenario's pins.

    The baseline results the report already has are handed to ``compare``, so
    only what the scenario can change is computed again (an analysis whose
    inputs the scenario leaves alone keeps the baseline's figures), with the
    analysis's incremental update where it offers one: the figures are those
    of ``twin-app compare``.
    """
    from twin_app.core.compare import AnalysisRun, compare, result_difference_layers
    from twin_app.core.scenario import apply

    feedback = feedback or Feedback()
    scenario = project.scenario(name)
    feedback.progress(0.0, _("Computing the scenario '{name}'").format(name=name))
    comparison = compare(
        model,
        scenario,
        [AnalysisRun(s.manifest.id, params.get(s.manifest.id, {})) for s in content.sections],
        baseline={s.manifest.id: s.result for s in content.sections},
        feedback=feedback,
    )
    out = ScenarioComparison(
        name=scenario.name,
        description=scenario.description,
        edits=[e.describe() for e in scenario.edits],
        results={},
        tables={},
        pins=project.pins(scenario=scenario.name),
        names=names,
        model=apply(model, scenario),  # the scenario's city, for its views
    )
    for section in content.sections:
        analysis = section.manifest.id
        result = comparison.results[analysis]
        out.results[analysis] = result
        out.how[analysis] = comparison.how[analysis]
        out.tables[analysis] = compare_results(section.result, result)
        reused = comparison.how[analysis] == "reused"
        out.difference_layers[analysis] = [] if reused else result_difference_layers(section.result, result)
    return out
