"""Lay a report out as an A4 PDF with fpdf2.

Cover (city, date, what the report holds, the city's home view), then per
analysis its view and, per indicator, a table by district and a bar chart;
then each analysis's method (definition, the published indicator it follows,
parameters with units, input files with their fingerprints) and the data
credits and sources.  Text is set in an embedded Unicode TrueType font
(:mod:`twin_app.report.fonts`), so "m²", "Σ" and district names such as
"Töölö" print as written, and the PDF's text can be searched and copied.

The layout only places what :mod:`twin_app.report.content` decided; it makes
no numbers of its own.  Every sentence is marked for the catalogue and
written in the language ``build_report`` speaks; headings are whole
sentences with named fields ("{number}. {title}"), since word order differs.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from twin_app import __version__
from twin_app.core.i18n import N_, _, format_datetime, format_number
from twin_app.core.params import Param
from twin_app.report.compare import ScenarioComparison
from twin_app.report.content import ALL_DISTRICTS, AnalysisSection, IndicatorTable, ReportContent, local_units
from twin_app.report.fonts import FontFiles, dejavu
from twin_app.report.notes import note_label
from twin_app.report.numbers import district_name

#: A4 portrait in millimetres, and the margins every page keeps
PAGE_W, PAGE_H, MARGIN = 210.0, 297.0, 15.0
TEXT_W = PAGE_W - 2 * MARGIN
BODY, SMALL, HEADING, TITLE = 10.0, 8.0, 14.0, 22.0
GREY = (90, 90, 90)
#: the width of a bar chart, and the height a table row takes (9 pt text, padding, rule)
CHART_W, ROW_H = 140.0, 6.5
#: how the scenario's figures of an analysis were made (``twin_app.core.compare``'s words)
HOW_WORDS = {
    "reused": N_(
        "The scenario's figures are the baseline's, since the scenario changes none of "
        "this analysis's inputs."
    ),
    "update": N_(
        "The scenario's figures are updated from the baseline run by the analysis's own exact update "
        "for these edits."
    ),
    "run": N_("The scenario's figures are computed again on the scenario's city."),
}
#: pin categories as residents chose them (``core.pins``' values), as the reader reads them
CATEGORY_WORDS = {"idea": N_("idea"), "problem": N_("problem"), "like": N_("like")}
#: the first characters of a SHA-256 shown in tables (enough to tell files apart; the JSON has all 64)
DIGEST_CHARS = 16


class _Document(FPDF):
    """An A4 page with the report's footer: city, page number and the credits' short form."""

    def __init__(self, font: FontFiles, footer_text: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.font_family_name = font.family
        self.footer_text = footer_text
        self.add_font(font.family, "", str(font.regular), collection_font_number=font.index)
        self.add_font(font.family, "B", str(font.bold), collection_font_number=font.index)
        if font.family != dejavu().family:
            # a CJK font lacks a few signs the analyses' formulas use ("ⱼ" in Σ pⱼtⱼ): DejaVu writes them
            fallback = dejavu()
            self.add_font("DejaVuFallback", "", str(fallback.regular))
            self.add_font("DejaVuFallback", "B", str(fallback.bold))
            self.set_fallback_fonts(["DejaVuFallback"], exact_match=False)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN + 5)
        self.set_font(font.family, size=BODY)

    def footer(self) -> None:
        self.set_y(-MARGIN)
        self.set_font(self.font_family_name, size=7)
        self.set_text_color(*GREY)
        self.cell(TEXT_W - 20, 5, self.footer_text, align="L")
        self.cell(20, 5, _("{page} / {pages}").format(page=self.page_no(), pages="{nb}"), align="R")
        self.set_text_color(0, 0, 0)

    # -- small helpers --------------------------------------------------------
    def style(self, size: float = BODY, *, bold: bool = False, grey: bool = False) -> None:
        self.set_font(self.font_family_name, "B" if bold else "", size)
        self.set_text_color(*(GREY if grey else (0, 0, 0)))

    def paragraph(self, text: str, size: float = BODY, *, bold: bool = False, grey: bool = False) -> None:
        self.style(size, bold=bold, grey=grey)
        self.multi_cell(TEXT_W, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.style()

    def heading(self, text: str, size: float = HEADING) -> None:
        self.ln(2)
        self.paragraph(text, size, bold=True)
        self.ln(1)

    def room_left(self) -> float:
        return PAGE_H - MARGIN - 5 - self.get_y()

    def need(self, height: float) -> None:
        """Start a new page unless ``height`` mm still fit on this one."""
        if self.room_left() < height:
            self.add_page()

    @staticmethod
    def picture_height(path: Path, width: float) -> float:
        """The height (mm) an image takes at ``width`` mm."""
        from PIL import Image

        with Image.open(path) as img:
            w_px, h_px = img.size
        return width * h_px / w_px

    def picture(self, path: Path, width: float = TEXT_W) -> None:
        """An image centred in the text's width, on a new page if it does not fit on this one."""
        self.need(self.picture_height(path, width) + 2)
        self.image(str(path), x=MARGIN + (TEXT_W - width) / 2, w=width)
        self.ln(2)

    def grid(
        self,
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        align: Sequence[str],
        size: float = 9.0,
    ) -> None:
        """A table whose first row is its heading; long cells wrap inside their column."""
        self.style(size)
        with self.table(
            col_widths=tuple(widths),
            text_align=tuple(align),
            width=sum(widths),
            align="LEFT",
            line_height=size * 0.5,
            first_row_as_headings=True,
            borders_layout="HORIZONTAL_LINES",
            padding=1,
        ) as table:
            for row in rows:
                out = table.row()
                for cell in row:
                    out.cell(cell)
        self.style()
        self.ln(2)


def _value_text(value: Any) -> str:
    """A parameter value as a person writes it: lists joined, mappings as "key: value"."""
    if value is None or value == [] or value == "":
        return _("all") if isinstance(value, list) else _("not set")
    if isinstance(value, dict):
        return ", ".join(
            _("{label}: {value}").format(label=note_label(str(k)), value=_value_text(v))
            for k, v in value.items()
        )
    if isinstance(value, list | tuple):
        return ", ".join(_value_text(v) for v in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float) and math.isfinite(value):
        # as many decimals as Python writes (300.0 stays "300.0"), in the reader's decimal mark
        written = repr(value)
        decimals = len(written.split(".")[1]) if "." in written and "e" not in written else None
        return format_number(value, decimals)
    if isinstance(value, int):
        return format_number(value)
    return str(value)


def _param_rows(section: AnalysisSection) -> list[list[str]]:
    declared: dict[str, Param] = {p.name: p for p in section.manifest.parameters}
    rows = [[_("Parameter"), _("Value"), _("Unit")]]
    for name, value in section.result.record.parameters.items():
        param = declared.get(name)
        label = param.shown_label if param is not None else name
        unit = local_units(str(getattr(param, "unit", "") or ""))
        rows.append([f"{label} ({name})", _value_text(value), unit])
    return rows


def _input_rows(section: AnalysisSection, folder: Path | None) -> list[list[str]]:
    rows = [[_("Layer"), _("File"), "SHA-256", _("Size")]]
    for item in section.result.record.inputs:
        path = item.path or _("made in the app (no file)")
        if item.path and folder is not None:
            try:
                path = str(Path(item.path).resolve().relative_to(folder.resolve()))
            except ValueError:
                path = item.path
        digest = f"{item.sha256[:DIGEST_CHARS]}…" if item.sha256 else ""
        size = _("{size} bytes").format(size=format_number(item.size)) if item.size is not None else ""
        rows.append([item.layer_id, path, digest, size])
    return rows


def _category(category: str) -> str:
    """A pin's category in the reader's language (one a plugin added stays as written)."""
    return _(CATEGORY_WORDS[category]) if category in CATEGORY_WORDS else category


class ReportLayout:
    """Writes one :class:`ReportContent` with its pictures into a PDF document."""

    def __init__(
        self,
        content: ReportContent,
        font: FontFiles,
        *,
        home_view: Path | None,
        views: dict[str, Path],
        charts: dict[tuple[str, str], Path],
        city_folder: Path | None = None,
        made: dt.datetime | None = None,
        comparison: ScenarioComparison | None = None,
        scenario_view: Path | None = None,
        difference_views: dict[str, Path] | None = None,
        difference_charts: dict[tuple[str, str], Path] | None = None,
    ) -> None:
        self.content = content
        self.home_view = home_view
        self.views = views
        self.charts = charts
        self.city_folder = city_folder
        self.made = made or dt.datetime.now(dt.UTC)
        self.comparison = comparison
        self.scenario_view = scenario_view
        self.difference_views = difference_views or {}
        self.difference_charts = difference_charts or {}
        #: the numbers of the sections after the analyses, in order
        extra = ["scenario", "feedback"] if comparison is not None else []
        self.numbers = {
            name: len(content.sections) + i for i, name in enumerate([*extra, "methods", "sources"], start=1)
        }
        self.pdf = _Document(font, f"{content.city_title} · twin_app {__version__}")
        self.pdf.set_title(_("{city}: indicators by district").format(city=content.city_title))
        self.pdf.set_creator(f"twin_app {__version__}")

    def write(self) -> bytes:
        self.cover()
        for n, section in enumerate(self.content.sections, start=1):
            self.analysis(n, section)
        if self.comparison is not None:
            self.scenario(self.comparison)
            self.feedback(self.comparison)
        self.methods()
        self.sources()
        return bytes(self.pdf.output())

    # -- pages ------------------------------------------------------------------
    def cover(self) -> None:
        pdf, content = self.pdf, self.content
        pdf.add_page()
        pdf.paragraph(content.city_title, TITLE, bold=True)
        pdf.paragraph(_("Indicators by district, with their methods and data sources"), HEADING, grey=True)
        pdf.ln(2)
        made = format_datetime(self.made.replace(tzinfo=None), "medium")
        pdf.paragraph(
            _("Made on {moment} (UTC) with twin_app {version}.").format(moment=made, version=__version__),
            BODY,
            grey=True,
        )
        pdf.ln(3)
        if self.home_view is not None:
            pdf.picture(self.home_view)
        pdf.heading(_("What this report contains"))
        numbered = _("{number}. {title}")
        lines = [
            numbered.format(number=n, title=s.manifest.shown_title())
            for n, s in enumerate(content.sections, start=1)
        ]
        if self.comparison is not None:
            lines += [
                numbered.format(
                    number=self.numbers["scenario"],
                    title=_("The scenario '{name}' beside the baseline").format(name=self.comparison.name),
                ),
                numbered.format(
                    number=self.numbers["feedback"], title=_("Residents' feedback on the scenario")
                ),
            ]
        lines += [
            numbered.format(
                number=self.numbers["methods"],
                title=_("How each indicator is computed (methods, parameters, inputs)"),
            ),
            numbered.format(number=self.numbers["sources"], title=_("Data sources and credits")),
        ]
        pdf.paragraph("\n".join(lines))
        if content.skipped:
            pdf.ln(2)
            pdf.paragraph(_("Not included, because the city lacks what they need:"), bold=True)
            for analysis_id, why in content.skipped.items():
                pdf.paragraph(f"{analysis_id}: {why}", SMALL, grey=True)

    def analysis(self, n: int, section: AnalysisSection) -> None:
        pdf = self.pdf
        pdf.add_page()
        pdf.heading(_("{number}. {title}").format(number=n, title=section.manifest.shown_title()), 16)
        if section.standard:
            pdf.paragraph(_("Follows {standard}.").format(standard=section.standard), grey=True)
        if section.manifest.description:
            pdf.paragraph(section.manifest.shown_description(), 9)
        pdf.ln(2)
        view = self.views.get(section.manifest.id)
        if view is not None:
            pdf.picture(view)
        for warning in section.result.warnings:
            pdf.paragraph(_("Warning: {warning}").format(warning=warning), 9, bold=True)
        self.summary(section)
        for table in section.tables:
            self.indicator(section, table)

    def summary(self, section: AnalysisSection) -> None:
        """Every indicator for all selected districts together: the section at a glance, under its view."""
        rows = [[_("Indicator, all selected districts"), _("Value")]]
        for table in section.tables:
            every = [r for r in table.rows if r.district == ALL_DISTRICTS]
            if every:
                rows.append([table.label, every[0].shown])
        if len(rows) > 1:
            self.pdf.need(ROW_H * len(rows) + 4)
            self.pdf.grid(rows, (135, 45), ("LEFT", "RIGHT"))

    def indicator(self, section: AnalysisSection, table: IndicatorTable) -> None:
        pdf = self.pdf
        chart = self.charts.get((section.manifest.id, table.key))
        # heading, definition, table and chart on one page: a chart is read beside its numbers
        chart_h = pdf.picture_height(chart, CHART_W) + 2 if chart is not None else 0.0
        pdf.need(18 + ROW_H * (len(table.rows) + 1) + chart_h)
        pdf.heading(table.label, 11)
        if table.explanation:
            pdf.paragraph(table.explanation, 9)
        if table.definition:
            pdf.paragraph(table.definition, SMALL, grey=True)
            pdf.ln(1)
        value_head = _("Value ({unit})").format(unit=table.unit) if table.unit else _("Value")
        rows: list[list[str]] = []
        if table.population_key:
            counted = _("{people} counted").format(people=table.population_label)
            rows.append([_("District"), value_head, counted])
            rows += [[district_name(r.district), r.shown, r.population] for r in table.rows]
            pdf.grid(rows, (90, 45, 45), ("LEFT", "RIGHT", "RIGHT"))
        else:
            rows.append([_("District"), value_head])
            rows += [[district_name(r.district), r.shown] for r in table.rows]
            pdf.grid(rows, (90, 45), ("LEFT", "RIGHT"))
        if chart is not None:
            pdf.picture(chart, width=CHART_W)

    def scenario(self, comparison: ScenarioComparison) -> None:
        pdf = self.pdf
        pdf.add_page()
        title = _("The scenario '{name}' beside the baseline").format(name=comparison.name)
        pdf.heading(_("{number}. {title}").format(number=self.numbers["scenario"], title=title), 16)
        if comparison.description:
            pdf.paragraph(comparison.description)
        pdf.paragraph(_("Its edits to the baseline (the baseline itself is not changed):"), bold=True)
        for n, edit in enumerate(comparison.edits, start=1):
            pdf.paragraph(_("{number}. {title}").format(number=n, title=f"{edit[:1].upper()}{edit[1:]}"))
        pdf.paragraph(
            _(
                "Differences are the scenario minus the baseline: + means more in the scenario; "
                "shares differ in percentage points (pp)."
            ),
            SMALL,
            grey=True,
        )
        pdf.ln(1)
        if self.scenario_view is not None:
            pdf.picture(self.scenario_view)
        for section in self.content.sections:
            analysis = section.manifest.id
            pdf.add_page()
            pdf.heading(
                _("{analysis}: baseline and '{scenario}'").format(
                    analysis=section.manifest.shown_title(), scenario=comparison.name
                ),
                13,
            )
            how = comparison.how.get(analysis, "")
            if how in HOW_WORDS:
                pdf.paragraph(_(HOW_WORDS[how]), 9, grey=True)
            view = self.difference_views.get(analysis)
            if view is not None:
                pdf.paragraph(
                    _("Change per building (blue: less, white: no change, red: more)"), 9, grey=True
                )
                pdf.picture(view)
            for warning in comparison.results[analysis].warnings:
                pdf.paragraph(_("Warning (scenario): {warning}").format(warning=warning), 9, bold=True)
            # what the method did differently (a new stop dropped as too far from the streets...)
            before, after = section.result.notes, comparison.results[analysis].notes
            changed = [k for k in after if k in before and after[k] != before[k]]
            if changed:
                pdf.paragraph(_("What the run did differently in the scenario:"), 9, bold=True)
                for key in changed:
                    change = f"{_value_text(before[key])} → {_value_text(after[key])}"
                    pdf.paragraph(_("{label}: {value}").format(label=note_label(key), value=change), SMALL)
                pdf.ln(1)
            for table in comparison.tables.get(analysis, []):
                chart = self.difference_charts.get((analysis, table.key))
                chart_h = pdf.picture_height(chart, CHART_W) + 2 if chart is not None else 0.0
                pdf.need(14 + ROW_H * (len(table.rows) + 1) + chart_h)
                pdf.heading(table.label, 11)
                if table.unit:
                    base_head = _("Baseline ({unit})").format(unit=table.unit)
                    scen_head = _("Scenario ({unit})").format(unit=table.unit)
                else:
                    base_head, scen_head = _("Baseline"), _("Scenario")
                rows = [[_("District"), base_head, scen_head, _("Difference")]]
                rows += [
                    [district_name(r.district), r.shown_baseline, r.shown_scenario, r.shown_difference]
                    for r in table.rows
                ]
                pdf.grid(rows, (66, 38, 38, 38), ("LEFT", "RIGHT", "RIGHT", "RIGHT"))
                if chart is not None:
                    pdf.picture(chart, width=CHART_W)

    def feedback(self, comparison: ScenarioComparison) -> None:
        pdf = self.pdf
        pdf.add_page()
        title = _("Residents' feedback on '{name}'").format(name=comparison.name)
        pdf.heading(_("{number}. {title}").format(number=self.numbers["feedback"], title=title), 16)
        pins = comparison.pins
        if not pins:
            pdf.paragraph(_("No pin was dropped on this scenario."))
            return
        counts: dict[str, int] = {}
        for pin in pins:
            counts[str(pin.category)] = counts.get(str(pin.category), 0) + 1
        summary = [[_("Category"), _("Pins")]]
        summary += [[_category(c), format_number(n)] for c, n in sorted(counts.items())]
        summary.append([_("All"), format_number(len(pins))])
        pdf.grid(summary, (60, 30), ("LEFT", "RIGHT"))
        if comparison.names:
            rows = [[_("Pin"), _("Category"), _("Comment"), _("Name")]]
            rows += [[str(p.id), _category(str(p.category)), p.comment, p.name or ""] for p in pins]
            pdf.grid(rows, (14, 24, 102, 40), ("RIGHT", "LEFT", "LEFT", "LEFT"))
        else:
            rows = [[_("Pin"), _("Category"), _("Comment")]]
            rows += [[str(p.id), _category(str(p.category)), p.comment] for p in pins]
            pdf.grid(rows, (14, 24, 142), ("RIGHT", "LEFT", "LEFT"))
            pdf.paragraph(_("Residents' names are left out of this report."), SMALL, grey=True)

    def methods(self) -> None:
        pdf = self.pdf
        pdf.add_page()
        title = _("How each indicator is computed")
        pdf.heading(_("{number}. {title}").format(number=self.numbers["methods"], title=title), 16)
        for section in self.content.sections:
            manifest, record = section.manifest, section.result.record
            pdf.need(60)
            pdf.heading(manifest.shown_title(), 12)
            if section.standard:
                method = _("Method: {standard}.").format(standard=section.standard)
            else:
                method = _("Method: no published indicator: the method below is twin_app's own.")
            run = _(
                "Analysis '{id}' version {version}, run from {started} to {finished} "
                "with twin_app {twin_app}."
            ).format(
                id=manifest.id,
                version=record.version,
                started=record.started,
                finished=record.finished,
                twin_app=record.twin_app_version,
            )
            parts = [method, run]
            if manifest.methodology:
                parts.append(_("Full description: {document}.").format(document=manifest.methodology))
            pdf.paragraph(" ".join(parts), 9)
            pdf.ln(1)
            pdf.paragraph(_("Indicators"), 10, bold=True)
            for table in section.tables:
                pdf.paragraph(f"{table.label} ({table.key}): {table.definition}", SMALL)
            pdf.ln(1)
            pdf.paragraph(_("Parameters"), 10, bold=True)
            pdf.grid(_param_rows(section), (70, 85, 25), ("LEFT", "LEFT", "LEFT"), 8)
            pdf.paragraph(_("Inputs (the files read, with their fingerprints)"), 10, bold=True)
            pdf.grid(_input_rows(section, self.city_folder), (28, 82, 40, 30), ("LEFT",) * 3 + ("RIGHT",), 7)
            notes = section.result.notes
            if notes:
                pdf.paragraph(_("Notes of the run"), 10, bold=True)
                for key, value in notes.items():
                    shown = _("{label}: {value}").format(label=note_label(key), value=_value_text(value))
                    pdf.paragraph(shown, SMALL)
            for warning in section.result.warnings:
                pdf.paragraph(_("Warning: {warning}").format(warning=warning), SMALL, bold=True)
            pdf.ln(3)

    def sources(self) -> None:
        pdf, content = self.pdf, self.content
        pdf.add_page()
        title = _("Data sources and credits")
        pdf.heading(_("{number}. {title}").format(number=self.numbers["sources"], title=title), 16)
        pdf.paragraph(_("The data in this report require these credits:"), bold=True)
        for line in content.credits:
            pdf.paragraph(f"• {line}")
        pdf.ln(3)
        if content.sources:
            rows = [[_("File"), _("Layers"), _("Credit")]]
            for source in content.sources:
                rows.append(
                    [
                        str(source.get("file") or ""),
                        str(source.get("layers") or ""),
                        str(source.get("attribution") or ""),
                    ]
                )
            pdf.grid(rows, (50, 55, 75), ("LEFT", "LEFT", "LEFT"), 8)
