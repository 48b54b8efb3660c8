"""What a report says, as data: the analyses' numbers per district, their methods and the credits.

Kept apart from the PDF so that the numbers can be checked without reading a
PDF, and so that another layout (a web page, a slide deck) can reuse them.
Every number is written with :func:`twin_app.report.numbers.local_value`
(the rule the window's result table uses, in the reader's language), applied
to exactly the values ``twin-app run --json`` prints; labels, definitions and
explanations are the manifest's, translated where a catalogue has them.  The
content is made in the report's language (``build_report`` speaks it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from twin_app.core.analysis import AnalysisResult
from twin_app.core.errors import CancelledError, MissingLayerError, PluginError, ResultError, TwinError
from twin_app.core.feedback import Feedback
from twin_app.core.i18n import _, manifest_text
from twin_app.core.model import CityModel
from twin_app.core.params import validate_params
from twin_app.core.plugins import PluginManifest, PluginRegistry, default_plugins
from twin_app.core.quantities import display_units, indicator_label
from twin_app.report import ANALYSIS_TIME_LIMIT_S
from twin_app.report.numbers import ALL_DISTRICTS, local_value


@dataclass(frozen=True)
class Row:
    """One district's figure for one indicator, and the people it counts."""

    district: str
    value: float | None
    shown: str
    population: str


@dataclass(frozen=True)
class IndicatorTable:
    key: str
    label: str
    unit: str
    definition: str
    rows: tuple[Row, ...]
    #: the indicator whose values the "people counted" column shows ("" when there is none)
    population_key: str = ""
    #: the unit as the analysis declares it ("ratio"), where ``unit`` is as people read it ("%")
    declared_unit: str = ""
    #: the heading of the "people counted" column ("Residents", "Residents aged 70+")
    population_label: str = ""
    #: what the figure means, in words a resident understands ("" when the manifest gives none)
    explanation: str = ""


@dataclass
class AnalysisSection:
    manifest: PluginManifest
    result: AnalysisResult
    tables: list[IndicatorTable]
    #: the published method the analysis follows ("UN SDG indicator 11.2.1"), or ""
    standard: str


@dataclass
class ReportContent:
    city_title: str
    city_name: str
    sections: list[AnalysisSection]
    #: analysis id -> the sentence saying why it does not apply to this city
    skipped: dict[str, str] = field(default_factory=dict)
    credits: list[str] = field(default_factory=list)
    sources: list[dict[str, str | None]] = field(default_factory=list)


_SDG = re.compile(r"SDG\s+(?:indicator\s+)?(\d+\.\d+\.\d+)\s*\(?([a-z])?\)?", re.IGNORECASE)


def published_method(manifest: PluginManifest) -> str:
    """The published indicator an analysis follows, as its title or description names it.

    Manifests name their SDG indicator in the title ("... (SDG 11.2.1)") or the
    description; written out in full here so a reader can look it up.  An
    analysis that follows no published indicator gets "".
    """
    for text in (manifest.title, manifest.description):
        match = _SDG.search(text)
        if match:
            number, part = match.groups()
            code = number + (f"({part.lower()})" if part else "")
            return _("UN SDG indicator {number}").format(number=code)
    return ""


def applicable_analyses(
    model: CityModel, registry: PluginRegistry, params: Mapping[str, Mapping[str, Any]]
) -> tuple[list[str], dict[str, str]]:
    """The analyses whose required layers the city has, and why each of the others is left out."""
    chosen: list[str] = []
    skipped: dict[str, str] = {}
    for manifest in registry.manifests():
        try:
            validate_params(manifest.parameters, params.get(manifest.id, {}), model)
        except MissingLayerError as exc:
            skipped[manifest.id] = str(exc)
            continue
        chosen.append(manifest.id)
    return chosen, skipped


def population_key_for(key: str, keys: Sequence[str]) -> str:
    """The indicator counting the people behind ``key``: its 70+ group for 70+ figures, else everyone."""
    if "70plus" in key and "population_70plus" in keys:
        return "population_70plus"
    return "population" if "population" in keys else ""


def indicator_tables(result: AnalysisResult) -> list[IndicatorTable]:
    """One table per indicator: a row per district (all selected last), value and people counted."""
    keys = list(dict.fromkeys(i.key for i in result.indicators))
    by_place: dict[tuple[str, str | None], float | None] = {
        (i.key, i.district): i.value for i in result.indicators
    }
    places = list(dict.fromkeys(i.district for i in result.indicators))
    places = [p for p in places if p is not None] + ([None] if None in places else [])
    tables = []
    for key in keys:
        spec = result.definitions.get(key, {})
        unit = spec.get("unit", "")
        pop_key = population_key_for(key, keys)
        if pop_key == key:  # the residents themselves: a second column would repeat the first
            pop_key = ""
        rows = []
        for place in places:
            if (key, place) not in by_place:
                continue
            value = by_place[(key, place)]
            people = by_place.get((pop_key, place)) if pop_key else None
            rows.append(
                Row(
                    district=place or ALL_DISTRICTS,
                    value=value,
                    shown=local_value(value, unit),
                    population=local_value(people, "people") if pop_key else "",
                )
            )
        tables.append(
            IndicatorTable(
                key=key,
                label=indicator_label(key, spec),
                unit=local_units(unit),
                definition=manifest_text(spec.get("definition", "")),
                rows=tuple(rows),
                population_key=pop_key,
                declared_unit=unit,
                population_label=manifest_text(result.definitions.get(pop_key, {}).get("label", ""))
                or _("Residents")
                if pop_key
                else "",
                explanation=manifest_text(spec.get("explanation", "")),
            )
        )
    return tables


def run_analyses(
    model: CityModel,
    analyses: Sequence[str] | None = None,
    params: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    feedback: Feedback | None = None,
    registry: PluginRegistry | None = None,
    time_limit_s: float | None = ANALYSIS_TIME_LIMIT_S,
) -> ReportContent:
    """Run the chosen analyses (default: every one the city has the layers for) and gather the report.

    The same :func:`twin_app.core.runner.run_analysis` as ``twin-app run``, so
    the numbers and the provenance are the ones a script would get.  Each
    analysis gets ``time_limit_s`` seconds (``None``: no limit); one that runs
    longer is stopped and left out, with the reason, like one that fails; an
    analysis asked for by name that fails or runs out of time stops the report.
    """
    from twin_app.core.runner import run_analysis

    registry = registry or default_plugins()
    feedback = feedback or Feedback()
    params = params or {}
    for analysis_id in params:
        registry.get(analysis_id)  # a parameter for an analysis that does not exist: say so
    skipped: dict[str, str] = {}
    if analyses is None:
        chosen, skipped = applicable_analyses(model, registry, params)
        if not chosen:
            raise TwinError(
                _("None of the installed analyses can run on {city}: {reasons}").format(
                    city=model.manifest.display_title(),
                    reasons=" ".join(f"{aid}: {why}" for aid, why in skipped.items()),
                )
            )
    else:
        chosen = [registry.get(a).id for a in analyses]
    extra = set(params) - set(chosen)
    if extra:
        raise TwinError(
            _(
                "Parameters were given for {analyses}, which the report does not include; "
                "add it to --analyses or drop those --param options."
            ).format(analyses=", ".join(sorted(extra)))
        )
    sections = []
    for n, analysis_id in enumerate(chosen):
        feedback.check_cancelled()
        manifest = registry.get(analysis_id)
        feedback.progress(n / len(chosen), _("Running {analysis}").format(analysis=manifest.shown_title()))
        step = feedback.share(n / len(chosen), (n + 1) / len(chosen), time_limit_s=time_limit_s)
        try:
            result = run_analysis(analysis_id, model, params.get(analysis_id, {}), feedback=step)
        except CancelledError:
            if not step.timed_out or feedback.cancelled:
                raise
            why = _(
                "{analysis} did not finish within {limit} and was stopped; "
                "run it alone ('twin-app run {id}') to see how long it takes, "
                "or give the report a longer --time-limit."
            ).format(analysis=manifest.shown_title(), limit=_duration(time_limit_s or 0.0), id=analysis_id)
            if analyses is not None:
                raise TwinError(why) from None
            skipped[analysis_id] = why
            continue
        except (MissingLayerError, PluginError, ResultError) as exc:
            if analyses is not None:  # asked for by name: the planner must hear why it cannot run
                raise
            # e.g. a city without districts, or an installed plugin that fails: left out, said why,
            # and the report of the others is still written
            skipped[analysis_id] = str(exc)
            continue
        sections.append(
            AnalysisSection(manifest, result, indicator_tables(result), published_method(manifest))
        )
    if not sections:
        raise TwinError(
            _("None of the analyses could run on {city}: {reasons}").format(
                city=model.manifest.display_title(),
                reasons=" ".join(f"{aid}: {why}" for aid, why in skipped.items()),
            )
        )
    return ReportContent(
        city_title=model.manifest.display_title(),
        city_name=model.manifest.name,
        sections=sections,
        skipped=skipped,
        credits=model.credits(),
        sources=model.sources(),
    )


def _duration(seconds: float) -> str:
    """``90`` → "1 min 30 s", ``5`` → "5 s": a time limit as a planner reads it."""
    minutes, rest = divmod(round(seconds), 60)
    if not minutes:
        return _("{seconds} s").format(seconds=rest)
    if not rest:
        return _("{minutes} min").format(minutes=minutes)
    return _("{minutes} min {seconds} s").format(minutes=minutes, seconds=rest)


#: the unit as the window shows it, its words in the reader's language
local_units = display_units
