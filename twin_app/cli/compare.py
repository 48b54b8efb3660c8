"""``twin-app compare PROJECT --scenario NAME``: a scenario's indicators against the baseline's.

Opens the project's city, runs the chosen analyses (default parameters) on
the baseline and, where the scenario changes what they read, on the
scenario (an incremental update where the analysis offers one), and prints
one row per indicator and district: baseline, scenario, difference, and
for shares the difference in percentage points.  ``--json`` prints the
document of docs/scenarios.md; ``--out FILE.gpkg`` writes the table, the
provenance and the difference layers; ``--save`` keeps the comparison in
the project's results table.  An unknown scenario or analysis is refused
with a sentence (exit 2) before the city is loaded.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path
from typing import Any

from twin_app.cli.language import say
from twin_app.core.i18n import _, format_number, ngettext


def add_compare_parser(sub: Any) -> None:
    p = sub.add_parser("compare", help=_("a scenario's indicators against the baseline's, per district"))
    p.add_argument("project", type=Path, help=_("the project file (see 'twin-app project')"))
    p.add_argument("--scenario", required=True, help=_("the scenario to compare with the baseline"))
    p.add_argument(
        "--analyses",
        metavar="ID[,ID...]",
        help=_("analyses to compare (default: every installed analysis the city has the layers for)"),
    )
    p.add_argument("--json", action="store_true", help=_("print JSON (see docs/scenarios.md)"))
    p.add_argument("--out", type=Path, metavar="FILE.gpkg", help=_("write the table and difference layers"))
    p.add_argument("--save", action="store_true", help=_("keep the comparison in the project's results"))


def _open(path: Path) -> Any:
    from twin_app.core.project import Project

    project = Project.open(path)
    if project.pending:
        count = project.recover()
        note = ngettext(
            "'{path}' holds {count} change a session left unsaved; it is used here. "
            "Keep it with 'twin-app project recover {path}' or drop it with "
            "'twin-app project discard {path}'.",
            "'{path}' holds {count} changes a session left unsaved; they are used here. "
            "Keep them with 'twin-app project recover {path}' or drop them with "
            "'twin-app project discard {path}'.",
            count,
        ).format(path=path, count=count)
        say("note", note)
    return project


def _analyses(text: str | None, model: Any) -> list[str]:
    """The analyses asked for (each checked), or every installed one the city can run."""
    from twin_app.core.errors import TwinError
    from twin_app.core.params import validate_params
    from twin_app.core.plugins import default_plugins

    registry = default_plugins()
    if text:
        ids = [a.strip() for a in text.split(",") if a.strip()]
        for analysis in ids:
            registry.get(analysis)  # a sentence naming the installed ones
        return ids
    out = []
    for manifest in registry.manifests():
        try:
            validate_params(manifest.parameters, {}, model)
        except TwinError as exc:
            say("note", _("'{analysis}' is left out: {reason}").format(analysis=manifest.id, reason=exc))
            continue
        out.append(manifest.id)
    return out


def _number(value: float | None, points: bool = False) -> str:
    from twin_app.core.analysis import format_value

    if value is None:
        return _("n/a")
    if points:
        sign = "-" if value < 0 else "+"
        return _("{sign}{number} pp").format(sign=sign, number=format_number(abs(value), 1))
    return format_value(value)


def cmd_compare(args: argparse.Namespace) -> int:
    from twin_app.core.compare import AnalysisRun, compare, store, write_comparison
    from twin_app.core.feedback import Feedback

    if args.out:
        from twin_app.core.results_io import check_result_path

        check_result_path(args.out)
    project = _open(args.project)
    try:
        scenario = project.scenario(args.scenario)
        if args.analyses:
            _analyses(args.analyses, None)  # unknown ids refused before the city is loaded
        from twin_app.core.loading import load_city

        model = load_city(project.check_city())
        for problem in model.problems:
            say("warning", problem.message)
        runs = [AnalysisRun(a) for a in _analyses(args.analyses, model)]
        feedback = Feedback(on_message=say)
        with contextlib.redirect_stdout(sys.stderr):  # stdout is for our output (--json)
            comparison = compare(model, scenario, runs, feedback=feedback)
        if args.out:
            write_comparison(comparison, args.out)
        if args.save:
            store(project, comparison)
            project.save()
    finally:
        project.close()
    if args.json:
        print(json.dumps(comparison.to_json(), indent=2, ensure_ascii=False, default=str))
        return 0
    print(
        _("Scenario '{scenario}' against the baseline, {city}").format(
            scenario=scenario.name, city=model.manifest.title
        )
    )
    said = {
        "reused": _("unchanged inputs, baseline reused"),
        "update": _("updated"),
        "run": _("computed again"),
    }
    heads = (_("district"), _("indicator"), _("baseline"), _("scenario"), _("difference"))
    for analysis, how in comparison.how.items():
        print(f"\n{comparison.results[analysis].title} ({said.get(how, how)})")
        print(f"  {heads[0]:<22} {heads[1]:<36} {heads[2]:>10} {heads[3]:>10} {heads[4]:>12}")
        for d in comparison.rows(analysis):
            diff = _number(d.points, points=True) if d.unit == "ratio" else _number(d.difference)
            print(
                f"  {d.district or _('(all selected)'):<22} {d.key:<36} {_number(d.baseline):>10} "
                f"{_number(d.scenario):>10} {diff:>12} {d.unit}"
            )
    if args.out:
        print("\n" + _("Saved {path}").format(path=args.out))
    if args.save:
        print(_("Kept the comparison in '{project}'.").format(project=args.project))
    return 0
