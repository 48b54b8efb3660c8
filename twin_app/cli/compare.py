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


def add_compare_parser(sub: Any) -> None:
    p = sub.add_parser("compare", help="a scenario's indicators against the baseline's, per district")
    p.add_argument("project", type=Path, help="the project file (see 'twin-app project')")
    p.add_argument("--scenario", required=True, help="the scenario to compare with the baseline")
    p.add_argument(
        "--analyses",
        metavar="ID[,ID...]",
        help="analyses to compare (default: every installed analysis the city has the layers for)",
    )
    p.add_argument("--json", action="store_true", help="print JSON (see docs/scenarios.md)")
    p.add_argument("--out", type=Path, metavar="FILE.gpkg", help="write the table and difference layers")
    p.add_argument("--save", action="store_true", help="keep the comparison in the project's results")


def _open(path: Path) -> Any:
    from twin_app.core.project import Project

    project = Project.open(path)
    if project.pending:
        count = project.recover()
        print(
            f"twin-app: note: '{path}' holds {count} change(s) a session left unsaved; they are used here. "
            f"Keep them with 'twin-app project recover {path}' or drop them with "
            f"'twin-app project discard {path}'.",
            file=sys.stderr,
        )
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
            print(f"twin-app: note: '{manifest.id}' is left out: {exc}", file=sys.stderr)
            continue
        out.append(manifest.id)
    return out


def _number(value: float | None, points: bool = False) -> str:
    from twin_app.core.analysis import format_value

    if value is None:
        return "n/a"
    if points:
        return f"{value:+.1f} pp"
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
            print(f"twin-app: warning: {problem.message}", file=sys.stderr)
        runs = [AnalysisRun(a) for a in _analyses(args.analyses, model)]
        feedback = Feedback(
            on_message=lambda level, text: print(f"twin-app: {level}: {text}", file=sys.stderr)
        )
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
    print(f"Scenario '{scenario.name}' against the baseline, {model.manifest.title}")
    for analysis, how in comparison.how.items():
        said = {"reused": "unchanged inputs, baseline reused", "update": "updated", "run": "computed again"}
        print(f"\n{comparison.results[analysis].title} ({said.get(how, how)})")
        print(f"  {'district':<22} {'indicator':<36} {'baseline':>10} {'scenario':>10} {'difference':>12}")
        for d in comparison.rows(analysis):
            diff = _number(d.points, points=True) if d.unit == "ratio" else _number(d.difference)
            print(
                f"  {d.district or '(all selected)':<22} {d.key:<36} {_number(d.baseline):>10} "
                f"{_number(d.scenario):>10} {diff:>12} {d.unit}"
            )
    if args.out:
        print(f"\nSaved {args.out}")
    if args.save:
        print(f"Kept the comparison in '{args.project}'.")
    return 0
