"""Make a report: run the analyses, draw the views and charts, lay out the PDF, write it atomically.

The one entry point the CLI (``twin-app report``) and the window (File →
Report…) share.  The order matters to a planner waiting for it: everything
that can be refused (the output file, the language, the parameters, the
image size, OpenGL) is checked before minutes of analysis, and the file
appears only when it is complete (temporary file, fsync, rename).
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from twin_app.core.errors import TwinError
from twin_app.core.feedback import Feedback
from twin_app.core.model import CityModel
from twin_app.core.outputs import check_output_file, write_bytes_atomic
from twin_app.core.plugins import PluginRegistry
from twin_app.report.content import ReportContent

#: the languages a report can be written in today
REPORT_LANGUAGES = ("en",)
DEFAULT_VIEW_SIZE = (1600, 1000)


@dataclass
class ReportOutcome:
    """Where the report went, what it holds, and what the reader should know about it."""

    path: Path
    content: ReportContent
    pages: int
    warnings: list[str] = field(default_factory=list)


def check_language(lang: str) -> str:
    if lang not in REPORT_LANGUAGES:
        raise TwinError(
            f"Reports cannot be written in '{lang}' yet; the languages available are: "
            f"{', '.join(REPORT_LANGUAGES)}. Run it again without --lang (English)."
        )
    return lang


def check_report_path(path: Path | str) -> Path:
    path = check_output_file(path, example="report.pdf")
    if path.suffix.lower() != ".pdf":
        raise TwinError(f"'{path}' does not end in .pdf; a report is a PDF file: name it e.g. 'report.pdf'.")
    return path


def build_report(
    model: CityModel,
    out: Path | str,
    *,
    analyses: Sequence[str] | None = None,
    params: Mapping[str, Mapping[str, Any]] | None = None,
    size: tuple[int, int] = DEFAULT_VIEW_SIZE,
    lang: str = "en",
    feedback: Feedback | None = None,
    registry: PluginRegistry | None = None,
) -> ReportOutcome:
    """Write the report on ``model`` to ``out`` (a PDF) and say what it holds.

    ``analyses``: ids to include (default: every installed analysis the city
    has the layers for); ``params``: per analysis id, raw parameter values as
    ``twin-app run`` takes them; ``size``: the pixel size of the views.
    """
    from twin_app.report.charts import bar_chart
    from twin_app.report.content import run_analyses
    from twin_app.report.fonts import font_for
    from twin_app.report.pdf import ReportLayout
    from twin_app.report.views import render_views
    from twin_app.scene.render import check_export_size, check_opengl

    feedback = feedback or Feedback()
    out = check_report_path(out)
    font = font_for(check_language(lang))
    check_export_size(size)
    check_opengl()
    # analyses take most of the time: 0..0.6 of the progress, the views 0.6..0.9, the PDF the rest
    content = run_analyses(model, analyses, params, feedback=_share(feedback, 0.0, 0.6), registry=registry)
    with tempfile.TemporaryDirectory(prefix="twin_app-report-") as tmp:
        folder = Path(tmp)
        views = render_views(model, content.sections, folder, size=size, feedback=_share(feedback, 0.6, 0.9))
        feedback.check_cancelled()
        feedback.progress(0.9, "Drawing the charts")
        charts: dict[tuple[str, str], Path] = {}
        for n, section in enumerate(content.sections):
            for m, table in enumerate(section.tables):
                chart = bar_chart(table, folder / f"chart-{n}-{m}.png")
                if chart is not None:
                    charts[(section.manifest.id, table.key)] = chart
        feedback.check_cancelled()
        feedback.progress(0.95, "Writing the PDF")
        layout = ReportLayout(
            content,
            font,
            home_view=views.home,
            views=views.by_analysis,
            charts=charts,
            city_folder=model.manifest.folder,
        )
        data = layout.write()
        pages = layout.pdf.pages_count
    feedback.check_cancelled()
    write_bytes_atomic(out, data)
    feedback.progress(1.0, f"Saved {out}")
    warnings = [w for s in content.sections for w in s.result.warnings] + views.warnings
    return ReportOutcome(out, content, pages, warnings)


def _share(feedback: Feedback, start: float, end: float) -> Feedback:
    """A Feedback reporting into [start, end] of ``feedback``'s progress, sharing its cancel flag."""
    parent = feedback.on_progress
    child = Feedback(
        on_progress=(lambda f, text: parent(start + (end - start) * f, text)) if parent else None,
        on_message=feedback.on_message,
    )
    child._cancel = feedback._cancel
    child.warnings = feedback.warnings
    return child
