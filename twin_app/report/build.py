"""Make a report: run the analyses, draw the views and charts, lay out the PDF, write it atomically.

The one entry point the CLI (``twin-app report``) and the window (File →
Report…) share.  The order matters to a planner waiting for it: everything
that can be refused (the output file, the language, the parameters, the
image size, OpenGL) is checked before minutes of analysis, and the file
appears only when it is complete (temporary file, fsync, rename).

A report is written in one of the languages twin_app speaks: the whole
report is made while core speaks that language (:func:`twin_app.core.i18n.
speaking`), so the analyses' labels, the tables' numbers and the PDF's
sentences agree, and the previous language is back afterwards.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from twin_app.core.errors import TwinError
from twin_app.core.feedback import Feedback
from twin_app.core.i18n import LANGUAGES, _, language, speaking
from twin_app.core.model import CityModel
from twin_app.core.outputs import check_output_file, write_bytes_atomic
from twin_app.core.plugins import PluginRegistry
from twin_app.report import ANALYSIS_TIME_LIMIT_S
from twin_app.report.content import ReportContent

if TYPE_CHECKING:
    from twin_app.core.project import Project
    from twin_app.report.compare import ScenarioComparison

#: the languages a report can be written in: every language twin_app speaks
REPORT_LANGUAGES = tuple(LANGUAGES)
DEFAULT_VIEW_SIZE = (1600, 1000)


@dataclass
class ReportOutcome:
    """Where the report went, what it holds, and what the reader should know about it."""

    path: Path
    content: ReportContent
    pages: int
    comparison: ScenarioComparison | None = None
    warnings: list[str] = field(default_factory=list)


def check_language(lang: str) -> str:
    """``lang`` as twin_app names it ("pt-PT" → "pt"), or a sentence naming the languages there are."""
    normalised = lang.strip().replace("-", "_").split("_")[0].lower()
    if normalised not in REPORT_LANGUAGES:
        spoken = ", ".join(f"{code} ({name})" for code, name in LANGUAGES.items())
        raise TwinError(
            _("Reports cannot be written in '{lang}'; the languages available are: {languages}.").format(
                lang=lang, languages=spoken
            )
        )
    return normalised


def check_report_path(path: Path | str) -> Path:
    path = check_output_file(path, example="report.pdf")
    if path.suffix.lower() != ".pdf":
        raise TwinError(
            _("'{path}' does not end in .pdf; a report is a PDF file: name it e.g. 'report.pdf'.").format(
                path=path
            )
        )
    return path


def build_report(
    model: CityModel,
    out: Path | str,
    *,
    analyses: Sequence[str] | None = None,
    params: Mapping[str, Mapping[str, Any]] | None = None,
    size: tuple[int, int] = DEFAULT_VIEW_SIZE,
    lang: str | None = None,
    feedback: Feedback | None = None,
    registry: PluginRegistry | None = None,
    project: Project | None = None,
    scenario: str | None = None,
    names: bool = False,
    time_limit_s: float | None = ANALYSIS_TIME_LIMIT_S,
) -> ReportOutcome:
    """Write the report on ``model`` to ``out`` (a PDF) and say what it holds.

    ``analyses``: ids to include (default: every installed analysis the city
    has the layers for); ``params``: per analysis id, raw parameter values as
    ``twin-app run`` takes them; ``size``: the pixel size of the views;
    ``project`` and ``scenario``: also that scenario of the project beside the
    baseline, and its pins (``names``: with the residents' names);
    ``time_limit_s``: how long each analysis may run (see :func:`run_analyses`);
    ``lang``: the report's language (default: the language twin_app speaks now).
    """
    lang = check_language(lang) if lang is not None else language()
    with speaking(lang):
        return _build_report(
            model,
            out,
            analyses=analyses,
            params=params,
            size=size,
            lang=lang,
            feedback=feedback,
            registry=registry,
            project=project,
            scenario=scenario,
            names=names,
            time_limit_s=time_limit_s,
        )


def _build_report(
    model: CityModel,
    out: Path | str,
    *,
    analyses: Sequence[str] | None,
    params: Mapping[str, Mapping[str, Any]] | None,
    size: tuple[int, int],
    lang: str,
    feedback: Feedback | None,
    registry: PluginRegistry | None,
    project: Project | None,
    scenario: str | None,
    names: bool,
    time_limit_s: float | None,
) -> ReportOutcome:
    from twin_app.report.charts import bar_chart
    from twin_app.report.content import run_analyses
    from twin_app.report.fonts import font_for
    from twin_app.report.pdf import ReportLayout
    from twin_app.report.views import render_views
    from twin_app.scene.render import check_export_size, check_opengl

    feedback = feedback or Feedback()
    out = check_report_path(out)
    font = font_for(lang)
    check_export_size(size)
    check_opengl()
    if scenario is not None:
        if project is None:
            raise TwinError(_("A scenario belongs to a project: give the project file instead of the city."))
        project.scenario(scenario)  # an unknown name is said now, not after the analyses
    # analyses take most of the time: 0..0.6 of the progress, the views 0.6..0.9, the PDF the rest
    span = 0.3 if scenario is not None else 0.6
    content = run_analyses(
        model,
        analyses,
        params,
        feedback=feedback.share(0.0, span),
        registry=registry,
        time_limit_s=time_limit_s,
    )
    comparison = None
    if project is not None and scenario is not None:
        from twin_app.report.compare import compare_scenario

        comparison = compare_scenario(
            project,
            scenario,
            model,
            content,
            {k: dict(v) for k, v in (params or {}).items()},
            names=names,
            feedback=feedback.share(0.3, 0.6),
        )
    with tempfile.TemporaryDirectory(prefix="twin_app-report-") as tmp:
        folder = Path(tmp)
        views = render_views(model, content.sections, folder, size=size, feedback=feedback.share(0.6, 0.9))
        feedback.check_cancelled()
        scenario_views = None
        if comparison is not None:
            from twin_app.report.views import render_scenario_views

            scenario_views = render_scenario_views(comparison, folder, size=size, feedback=feedback)
        feedback.progress(0.9, _("Drawing the charts"))
        charts: dict[tuple[str, str], Path] = {}
        for n, section in enumerate(content.sections):
            for m, table in enumerate(section.tables):
                chart = bar_chart(table, folder / f"chart-{n}-{m}.png", font=font)
                if chart is not None:
                    charts[(section.manifest.id, table.key)] = chart
        difference_charts: dict[tuple[str, str], Path] = {}
        if comparison is not None:
            from twin_app.report.charts import difference_chart

            for n, (analysis, tables) in enumerate(comparison.tables.items()):
                for m, ctable in enumerate(tables):
                    chart = difference_chart(ctable, folder / f"change-chart-{n}-{m}.png", font=font)
                    if chart is not None:
                        difference_charts[(analysis, ctable.key)] = chart
        feedback.check_cancelled()
        feedback.progress(0.95, _("Writing the PDF"))
        layout = ReportLayout(
            content,
            font,
            home_view=views.home,
            views=views.by_analysis,
            charts=charts,
            city_folder=model.manifest.folder,
            comparison=comparison,
            scenario_view=scenario_views.home if scenario_views is not None else None,
            difference_views=scenario_views.by_analysis if scenario_views is not None else None,
            difference_charts=difference_charts,
        )
        data = layout.write()
        pages = layout.pdf.pages_count
    feedback.check_cancelled()
    write_bytes_atomic(out, data)
    feedback.progress(1.0, _("Saved {path}").format(path=out))
    warnings = [w for s in content.sections for w in s.result.warnings] + views.warnings
    if comparison is not None:
        warnings += [
            _("(scenario) {warning}").format(warning=w)
            for r in comparison.results.values()
            for w in r.warnings
        ]
    if scenario_views is not None:
        warnings += [w for w in scenario_views.warnings if w not in warnings]
    return ReportOutcome(out, content, pages, comparison, warnings)
