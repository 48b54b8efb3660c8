"""``twin-app report``: a city's indicators, views, methods and credits as one PDF.

The same analyses as ``twin-app run`` (same runner, same numbers, same
provenance) and the same off-screen views as ``twin-app render``; see
docs/reports.md for what the PDF holds.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path
from typing import Any

from twin_app.core.errors import ParameterError, TwinError
from twin_app.core.i18n import N_, _, format_number, language, ngettext
from twin_app.report import ANALYSIS_TIME_LIMIT_S


def _param(text: str) -> tuple[str, str, str]:
    """``ANALYSIS.NAME=VALUE`` → (analysis, name, value); names may use - or _."""
    key, sep, value = text.partition("=")
    analysis, dot, name = key.rpartition(".")
    if not sep or not dot or not analysis or not name:
        raise argparse.ArgumentTypeError(
            _("'{text}' should be ANALYSIS.NAME=VALUE, e.g. transit-access.low_capacity_distance=400").format(
                text=text
            )
        )
    return analysis.strip(), name.strip().replace("-", "_"), value


def _minutes(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(
            _("'{text}' is not a number of minutes, e.g. 15 (0: no limit)").format(text=text)
        )
    return value


def add_report_parser(sub: Any, size_type: Any) -> None:
    p = sub.add_parser(
        "report",
        help=_("write a PDF report: the analyses' indicators by district, views, methods and data credits"),
        description=_("Run the analyses on a city and write a PDF report (docs/reports.md)."),
    )
    p.add_argument(
        "city",
        nargs="?",
        help=_("bundled city name, city folder, or a project file (default: helsinki)"),
    )
    p.add_argument("--out", required=True, type=Path, help=_("PDF file to write"))
    p.add_argument(
        "--analyses",
        metavar="ID,...",
        help=_("comma-separated analysis ids (default: every analysis the city has the layers for)"),
    )
    p.add_argument(
        "--param",
        type=_param,
        action="append",
        default=[],
        metavar="ANALYSIS.NAME=VALUE",
        help=_("a parameter of one analysis, as 'twin-app run' takes it (repeatable)"),
    )
    p.add_argument(
        "--size",
        type=size_type,
        default=(1600, 1000),
        help=_("pixel size of the views, WxH (default 1600x1000)"),
    )
    p.add_argument(
        "--lang",
        metavar="CODE",
        help=_(
            "language of the report and of these messages: en, es, fr, pt, ko, ja or zh "
            "(default: the language of the command line: --lang before the command, else the system's)"
        ),
    )
    p.add_argument(
        "--scenario",
        metavar="NAME",
        help=_("with a project file: also this scenario beside the baseline, and its residents' pins"),
    )
    p.add_argument(
        "--names",
        action="store_true",
        help=_("print the residents' names with their pins (default: left out)"),
    )
    p.add_argument(
        "--time-limit",
        type=_minutes,
        default=ANALYSIS_TIME_LIMIT_S / 60,
        metavar="MINUTES",
        help=_(
            "how long each analysis may run before it is stopped and left out "
            "(default {minutes}; 0: no limit)"
        ).format(minutes=format_number(ANALYSIS_TIME_LIMIT_S / 60)),
    )
    p.add_argument(
        "--params-file",
        type=Path,
        metavar="FILE.json",
        help=_(
            'parameters of several analyses as JSON: {"transit-access": {"low_capacity_distance": 300}}; '
            "--param options override it"
        ),
    )
    # for the window, which runs the report in a process of its own: progress lines on stderr
    p.add_argument("--progress", action="store_true", help=argparse.SUPPRESS)


def _params_file(path: Path) -> dict[str, dict[str, Any]]:
    """``{analysis: {parameter: value}}`` from a JSON file, or a sentence saying what is wrong with it."""
    import json

    from twin_app.core.errors import MissingFileError

    if not path.is_file():
        raise MissingFileError(path, what=N_("parameters file"))
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ParameterError(
            _("'{path}' is not a JSON parameters file ({reason}).").format(path=path, reason=exc)
        ) from None
    if not isinstance(raw, dict) or not all(isinstance(v, dict) for v in raw.values()):
        raise ParameterError(
            _(
                "'{path}' must hold one object per analysis, e.g. "
                '{{"transit-access": {{"low_capacity_distance": 300}}}}.'
            ).format(path=path)
        )
    return {str(k): dict(v) for k, v in raw.items()}


def _print_progress(fraction: float, text: str) -> None:
    print(f"twin-app: progress: {fraction:.3f} {text}", file=sys.stderr, flush=True)


def cmd_report(args: argparse.Namespace) -> int:
    from twin_app.cli.language import say
    from twin_app.core.feedback import Feedback
    from twin_app.core.i18n import set_language
    from twin_app.core.loading import load_city
    from twin_app.report.build import build_report, check_language, check_report_path
    from twin_app.scene.render import check_opengl

    check_report_path(args.out)  # before loading the city and minutes of analysis, not after
    lang = check_language(args.lang) if args.lang else language()
    set_language(lang)  # the city's problems are said in the report's language too
    check_opengl()
    params: dict[str, dict[str, Any]] = _params_file(args.params_file) if args.params_file else {}
    given: set[tuple[str, str]] = set()
    for analysis, name, value in args.param:
        if (analysis, name) in given:
            raise ParameterError(
                _("The parameter {analysis}.{name} is given twice; keep one --param for it.").format(
                    analysis=analysis, name=name
                )
            )
        given.add((analysis, name))
        params.setdefault(analysis, {})[name] = value
    analyses = [a.strip() for a in args.analyses.split(",") if a.strip()] if args.analyses else None
    project = None
    if args.city and Path(args.city).is_file():
        from twin_app.core.project import Project

        project = Project.open(args.city)
        if project.pending:
            raise TwinError(
                _(
                    "The project '{project}' has {count} changes from a session that ended without saving; "
                    "run 'twin-app project recover {project}' (or 'discard') first."
                ).format(project=args.city, count=len(project.pending))
            )
        model = load_city(project.check_city())  # every layer loaded (project.load_city: an empty model)
    elif args.scenario:
        raise TwinError(
            _(
                "--scenario needs a project file, and '{city}' is a city; "
                "give the project file (see 'twin-app project')."
            ).format(city=args.city or "helsinki")
        )
    else:
        model = load_city(args.city)
    for problem in model.problems:
        print(_("twin-app: warning: {message}").format(message=problem.message), file=sys.stderr)
    feedback = Feedback(
        on_message=say,
        on_progress=_print_progress if args.progress else None,
    )
    with contextlib.redirect_stdout(sys.stderr):  # stdout says where the report went: nothing else
        outcome = build_report(
            model,
            args.out,
            analyses=analyses,
            params=params,
            size=args.size,
            lang=lang,
            feedback=feedback,
            project=project,
            scenario=args.scenario,
            names=args.names,
            time_limit_s=args.time_limit * 60 if args.time_limit else None,
        )
    for warning in outcome.warnings:
        print(_("twin-app: warning: {message}").format(message=warning), file=sys.stderr)
    for analysis_id, why in outcome.content.skipped.items():
        note = _("{analysis} is not in the report: {reason}").format(analysis=analysis_id, reason=why)
        print(_("twin-app: note: {message}").format(message=note), file=sys.stderr)
    saved = ngettext("Saved {path} ({pages} page)", "Saved {path} ({pages} pages)", outcome.pages)
    print(saved.format(path=outcome.path, pages=outcome.pages))
    return 0
