"""The ``twin-app`` command: the window, and the same city headless.

Sub-commands use exactly the code the window uses (core loading, the scene
for rendering), so what a script gets is what a planner sees.  Errors go to
stderr as one sentence and a non-zero exit code; ``--json`` output is a
documented contract (docs/cli.md).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from twin_app import __version__
from twin_app.cli.language import PROTOCOL_FLAG, argparse_speaking, command_language, say, speak_protocol
from twin_app.core.errors import TwinError
from twin_app.core.i18n import _, format_number, speaking

EXIT_ERROR = 2
#: an error nobody foresaw: a defect of twin_app to report
EXIT_UNEXPECTED = 1
#: what a shell reports for a command stopped by Ctrl-C (128 + SIGINT)
EXIT_INTERRUPTED = 130
#: lets an unexpected error's traceback through, for a report; accepted anywhere on the line
DEBUG_FLAG = "--debug"
#: what a shell reports for a command stopped by a closed pipe (128 + SIGPIPE)
EXIT_BROKEN_PIPE = 141


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'{text}' is not a size like 1600x1000").format(text=text)
        ) from None
    from twin_app.core.errors import ExportSizeError
    from twin_app.scene.render import check_export_size

    try:
        return check_export_size((w, h))
    except ExportSizeError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _raster(text: str) -> tuple[str, Path]:
    if "=" not in text:
        raise argparse.ArgumentTypeError(
            _("'{text}' should be LABEL=FILE, e.g. heat=heat.tif").format(text=text)
        )
    label, _sep, path = text.partition("=")
    return label.strip(), Path(path)


def _units(text: str) -> tuple[str, str]:
    if "=" not in text:
        raise argparse.ArgumentTypeError(_("'{text}' should be LABEL=UNITS, e.g. heat=°C").format(text=text))
    label, _sep, units = text.partition("=")
    return label.strip(), units.strip()


def build_parser(analysis: object | None = None) -> argparse.ArgumentParser:
    """The whole command line; ``analysis`` (a manifest) adds that analysis's options to ``run``."""
    parser = argparse.ArgumentParser(
        prog="twin-app",
        description=_(
            "An urban digital twin: streets, buildings, transit, heat and people in 3D. "
            "With no command, opens the window on the bundled Helsinki."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"twin-app {__version__}",
        help=_("show program's version number and exit"),
    )
    parser.add_argument(
        DEBUG_FLAG, action="store_true", help=_("show the traceback of an unexpected error (for a report)")
    )
    parser.add_argument(
        "--lang",
        dest="ui_lang",
        metavar="CODE",
        help=_(
            "the language of the window and of messages: en, es, fr, pt, ko, ja or zh "
            "(default: for the window, the one chosen last in it, else the system's; "
            "for messages, the system's)"
        ),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p_open = sub.add_parser("open", help=_("open the desktop window on a city or a data file"))
    p_open.add_argument(
        "target", nargs="?", help=_("bundled city name, city folder or data file (default: helsinki)")
    )

    p_render = sub.add_parser("render", help=_("render the 3D view to a PNG image (no display needed)"))
    p_render.add_argument("city", nargs="?", help=_("bundled city name or city folder (default: helsinki)"))
    p_render.add_argument("--out", required=True, type=Path, help=_("PNG file to write"))
    p_render.add_argument(
        "--size",
        type=_size,
        default=(1600, 1000),
        help=_("image size WxH, up to 3840x2160 (default 1600x1000); text scales with the height"),
    )
    p_render.add_argument(
        "--show", help=_("comma-separated layer ids to show (default: the manifest's choice)")
    )

    p_info = sub.add_parser("info", help=_("list a city's layers with counts, CRS and extent"))
    p_info.add_argument("city", nargs="?", help=_("bundled city name or city folder (default: helsinki)"))
    p_info.add_argument("--json", action="store_true", help=_("print the documented JSON document"))

    sub.add_parser("plugins", help=_("list the installed analyses")).add_argument(
        "action", nargs="?", choices=["list"], default="list", help=_("what to do (list)")
    )
    from twin_app.cli.kinds import add_kinds_parser

    add_kinds_parser(sub)
    p_help = sub.add_parser(
        "help", help=_("explain an analysis: what it measures, its parameters and outputs")
    )
    p_help.add_argument("analysis", help=_("analysis id (see 'twin-app plugins list')"))
    p_run = sub.add_parser(
        "run",
        help=_("run an analysis on a city"),
        description=_("Run an analysis. Its own parameters are options too: see 'twin-app help ANALYSIS'."),
    )
    p_run.add_argument("analysis", help=_("analysis id (see 'twin-app plugins list')"))
    p_run.add_argument("city", nargs="?", help=_("bundled city name or city folder (default: helsinki)"))
    p_run.add_argument(
        "--out",
        type=Path,
        help=_(
            "save result layers, indicators and provenance to a GeoPackage (.gpkg), "
            "or the --json document to a .json file"
        ),
    )
    p_run.add_argument("--json", action="store_true", help=_("print the documented JSON result"))
    p_run.add_argument(
        "--render",
        type=Path,
        metavar="PNG",
        help=_("also draw the city with the result layers (as the window shows them) to a PNG image"),
    )
    p_run.add_argument(
        "--size", type=_size, default=(1600, 1000), help=_("size of the --render image, WIDTHxHEIGHT")
    )
    if analysis is not None:
        add_param_options(p_run, analysis)

    p_city = sub.add_parser("city", help=_("manage cities (import your own)"))
    city_sub = p_city.add_subparsers(dest="city_command", metavar="ACTION")
    city_sub.required = True
    city_sub.add_parser("list", help=_("list bundled and imported cities"))
    p_imp = city_sub.add_parser("import", help=_("build a city folder from an OSM file and optional layers"))
    p_imp.add_argument("name", help=_("name of the new city (letters, digits, - _ .)"))
    p_imp.add_argument(
        "--osm", required=True, type=Path, help=_("OpenStreetMap extract (.osm, .osm.bz2, .osm.pbf)")
    )
    p_imp.add_argument("--gtfs", type=Path, help=_("GTFS feed (.zip)"))
    p_imp.add_argument("--population", type=Path, help=_("population grid (GeoPackage, GeoJSON, ...)"))
    p_imp.add_argument("--population-column", default="population", help=_("column with head counts"))
    p_imp.add_argument("--districts", type=Path, help=_("district polygons (default: OSM neighbourhoods)"))
    p_imp.add_argument("--district-name-column", default="name", help=_("column with district names"))
    p_imp.add_argument(
        "--district-level",
        metavar="N",
        help=_("OSM admin_level of the districts (default: chosen from the file, finest first)"),
    )
    p_imp.add_argument(
        "--raster",
        type=_raster,
        action="append",
        default=[],
        metavar="LABEL=FILE",
        help=_("a raster layer, e.g. heat=heat.tif (repeatable)"),
    )
    p_imp.add_argument(
        "--raster-units",
        type=_units,
        action="append",
        default=[],
        metavar="LABEL=UNITS",
        help=_('units of a raster\'s values, e.g. heat="°C" (default: what the raster states; repeatable)'),
    )
    p_imp.add_argument(
        "--crs",
        help=_("projected metric CRS to analyse in, e.g. EPSG:32635 (default: the UTM zone of the OSM file)"),
    )
    p_imp.add_argument(
        "--attribution",
        action="append",
        default=[],
        metavar="[SOURCE=]TEXT",
        help=_(
            "credit for a given file (SOURCE: osm, gtfs, population, districts or a raster label), "
            "replacing what the file says, or a free credit line without SOURCE= (repeatable)"
        ),
    )
    p_imp.add_argument(
        "--storey-height",
        type=float,
        metavar="M",
        help=_("metres per storey for building:levels (default 3); see docs/buildings.md"),
    )
    p_imp.add_argument(
        "--default-height",
        type=float,
        metavar="M",
        help=_("height of buildings whose type says nothing (default: 2 storeys); see docs/buildings.md"),
    )
    p_imp.add_argument(
        "--dest", type=Path, help=_("parent folder for the city (default: your twin_app data folder)")
    )
    from twin_app.cli.feed import add_feed_parser

    add_feed_parser(sub)
    from twin_app.cli.project import add_project_parser

    add_project_parser(sub)
    from twin_app.cli.join import add_join_parser

    add_join_parser(sub, _size)
    from twin_app.cli.compare import add_compare_parser

    add_compare_parser(sub)
    from twin_app.cli.report import add_report_parser

    add_report_parser(sub, _size)
    from twin_app.cli.export_scene import add_export_scene_parser

    add_export_scene_parser(sub)
    return parser


def cmd_info(args: argparse.Namespace) -> int:
    from twin_app.core.loading import load_city

    model = load_city(args.city)
    for note in model.manifest.notes:
        say("warning", note)
    info = model.info()
    if args.json:
        print(json.dumps(info, indent=2, ensure_ascii=False, default=str))
        return 0
    print(f"{model.manifest.display_title()}  ({info['folder']})")  # --json keeps titles as written
    print(_("CRS {crs}   bbox (lon/lat) {bbox}").format(crs=info["crs"], bbox=info["bbox_lonlat"]))
    for lid, layer in info["layers"].items():
        print(f"  {lid:<16} {layer['type']:<9} {layer['count']:>7}  {model.layers[lid].display_title()}")
        for note in layer["notes"]:
            print(f"  {'':<16} " + _("note: {note}").format(note=note))
    b = info["buildings"]
    heights = ", ".join(f"{k} {format_number(v)}" for k, v in b["height_from"].items())
    print(
        _("Buildings: {count} (height from: {sources})").format(
            count=format_number(b["count"]), sources=heights
        )
    )
    pop = info.get("population")
    if pop:
        print(
            _(
                "Population ({layer}): {in_grid} in the grid, "
                "{inside} inside the city's extent (area-weighted)"
            ).format(
                layer=pop["layer"],
                in_grid=format_number(pop["in_grid"], 0),
                inside=format_number(pop["inside_extent"], 0),
            )
        )
        for name, people in pop.get("by_district", {}).items():
            print(f"  {name:<24} {format_number(people, 0):>10}")
        if "outside_every_district" in pop:
            outside = _("(outside every district)")
            print(f"  {outside:<24} {format_number(pop['outside_every_district'], 0):>10}")
    for problem in info["problems"]:
        print(_("problem: {message}").format(message=problem["message"]), file=sys.stderr)
    print(_("Data: {attribution}").format(attribution=info["attribution"]))
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    from twin_app.core.loading import load_city
    from twin_app.core.outputs import check_output_file
    from twin_app.scene.render import check_opengl, render_city

    check_opengl()
    check_output_file(args.out, example="city.png")  # before loading, not after
    model = load_city(args.city)
    if args.show:
        wanted = {s.strip() for s in args.show.split(",")}
        unknown = wanted - set(model.layers)
        if unknown:
            raise TwinError(
                _("No layer called {names}; layers: {layers}.").format(
                    names=", ".join(sorted(unknown)), layers=", ".join(model.layers)
                )
            )
        for lid, layer in model.layers.items():
            layer.visible = lid in wanted
    for problem in model.problems:
        say("warning", problem.message)
    warnings: list[str] = []
    out = render_city(model, args.out, size=args.size, warnings=warnings)
    for warning in warnings:
        say("warning", warning)
    print(out)
    return 0


def cmd_city(args: argparse.Namespace) -> int:
    from twin_app.core.city import bundled_city_names, user_cities_dir
    from twin_app.core.city_import import CityImport, import_city, is_partial, parse_attribution
    from twin_app.core.feedback import Feedback

    if args.city_command == "list":
        for name in bundled_city_names():
            print(_("{name}  (bundled)").format(name=name))
        root = user_cities_dir()
        if root.is_dir():
            for folder in sorted(
                p for p in root.iterdir() if (p / "city.toml").is_file() and not is_partial(p)
            ):
                print(f"{folder.name}  ({folder})")
        return 0
    credit_lines, credits_by_source = parse_attribution(list(args.attribution))
    request = CityImport(
        name=args.name,
        osm=args.osm,
        gtfs=args.gtfs,
        population=args.population,
        population_column=args.population_column,
        districts=args.districts,
        district_name_column=args.district_name_column,
        rasters=dict(args.raster),
        crs=args.crs,
        attribution=credit_lines,
        source_attribution=credits_by_source,
        raster_units=dict(args.raster_units),
        storey_height_m=args.storey_height,
        default_height_m=args.default_height,
        district_level=str(args.district_level) if args.district_level is not None else None,
    )
    feedback = Feedback(on_message=say)
    folder = import_city(request, args.dest, feedback=feedback)
    from twin_app.core.loading import load_city

    model = load_city(folder)
    print(_("Created {folder}").format(folder=folder))
    for lid, layer in model.layers.items():
        print(f"  {lid:<16} {layer.feature_count:>7}  {layer.display_title()}")
    for problem in model.problems:
        say("warning", problem.message)
    return 0


def cmd_plugins() -> int:
    from twin_app.core.plugins import default_plugins

    registry = default_plugins()
    for m in registry.manifests():
        title = m.shown_title()
        print(f"{m.id:<22} {m.version:<8} {title}" + (f"  [{m.distribution}]" if m.distribution else ""))
    for name, why in registry.failures.items():
        say("warning", _("The analysis '{name}' could not be loaded: {reason}").format(name=name, reason=why))
    return 0


def cmd_help(analysis: str) -> int:
    from twin_app.core.plugins import default_plugins

    m = default_plugins().get(analysis)
    print(f"{m.shown_title()} ({m.id} {m.version})\n")
    if m.description:
        print(m.shown_description() + "\n")
    usage = _("Usage: twin-app run {id} [CITY] [options] [--out FILE.gpkg|FILE.json] [--json]").format(
        id=m.id
    )
    print(usage + "\n")
    print(_("Parameters:"))
    for p in m.parameters:
        print(f"  {p.option:<28} {p.shown_label}: {p.describe()}")
    print("\n" + _("Indicators:"))
    for key, spec in m.indicators.items():
        print(f"  {key:<28} [{spec.get('unit', '')}] {m.indicator_text(key, 'definition')}")
    if m.layers:
        print("\n" + _("Result layers:"))
        for lid in m.layers:
            print(f"  {lid:<28} {m.layer_title(lid)}")
    if m.methodology:
        print("\n" + _("Methodology: {document}").format(document=m.methodology))
    return 0


def add_param_options(parser: argparse.ArgumentParser, manifest: object) -> None:
    """Options generated from the analysis's typed parameters (the same specs drive the dialog)."""
    from twin_app.core.plugins import PluginManifest

    assert isinstance(manifest, PluginManifest)
    group = parser.add_argument_group(_("parameters of {analysis}").format(analysis=manifest.id))
    for p in manifest.parameters:
        group.add_argument(p.option, dest=f"param:{p.name}", metavar=p.kind.upper(), help=p.describe())


def _analysis_in(argv: Sequence[str]) -> str | None:
    """The analysis id of a 'run ANALYSIS ...' command line, if that is what it is."""
    args = list(argv)
    if len(args) >= 2 and args[0] == "run" and not args[1].startswith("-"):
        return args[1]
    return None


def cmd_run(args: argparse.Namespace) -> int:
    from twin_app.core.analysis import format_value
    from twin_app.core.feedback import Feedback
    from twin_app.core.loading import load_city
    from twin_app.core.plugins import default_plugins
    from twin_app.core.runner import run_analysis

    manifest = default_plugins().get(args.analysis)
    raw = {
        k.removeprefix("param:"): v for k, v in vars(args).items() if k.startswith("param:") and v is not None
    }
    if args.out:
        from twin_app.core.results_io import check_result_path

        check_result_path(args.out)  # before minutes of analysis, not after
    if args.render:
        from twin_app.core.outputs import check_output_file
        from twin_app.scene.render import check_opengl

        check_opengl()
        check_output_file(args.render, example="result.png")
    model = load_city(args.city)
    for problem in model.problems:
        say("warning", problem.message)
    feedback = Feedback(on_message=say)
    with contextlib.redirect_stdout(sys.stderr):  # stdout is for our output (--json): a plugin's print
        result = run_analysis(manifest.id, model, raw, feedback=feedback)
    if args.out:
        from twin_app.core.results_io import write_result

        write_result(result, args.out)
    if args.render:
        from twin_app.scene.render import render_city

        for layer in result.layers:
            model.add_result_layer(layer)
        warnings: list[str] = []
        render_city(model, args.render, size=args.size, warnings=warnings)
        for warning in warnings:
            say("warning", warning)
        print(_("Saved {path}").format(path=args.render), file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print(json.dumps(result.to_json(), indent=2, ensure_ascii=False, default=str))
        return 0
    print(_("{analysis} on {city}").format(analysis=result.title, city=model.manifest.display_title()))
    for ind in result.indicators:
        where = ind.district or _("(all selected)")
        value = format_value(ind.value)
        print(f"  {where:<22} {ind.key:<36} {value:>10} {ind.unit}")
    if args.out:
        print(_("Saved {path}").format(path=args.out))
    return 0


def cmd_open(target: str | None, lang: str | None = None) -> int:
    from twin_app.qt.app import run_app

    return run_app(target, lang)


def _main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    manifest = None
    if (analysis := _analysis_in(argv)) is not None:
        from twin_app.core.plugins import PluginError, default_plugins

        try:
            manifest = default_plugins().get(analysis)
        except PluginError as exc:
            say("error", str(exc))
            return EXIT_ERROR
    with argparse_speaking():  # argparse's own words too ("usage:", its error lines)
        parser = build_parser(manifest)
        args = parser.parse_args(argv)
    try:
        if args.ui_lang:
            from twin_app.core.i18n import set_language

            set_language(args.ui_lang)  # a code twin_app does not speak is refused here, in a sentence
        if args.command is None:
            return cmd_open(None, args.ui_lang)
        if args.command == "open":
            return cmd_open(args.target, args.ui_lang)
        if args.command == "info":
            return cmd_info(args)
        if args.command == "render":
            return cmd_render(args)
        if args.command == "city":
            return cmd_city(args)
        if args.command == "plugins":
            return cmd_plugins()
        if args.command == "kinds":
            from twin_app.cli.kinds import cmd_kinds

            return cmd_kinds(args)
        if args.command == "help":
            return cmd_help(args.analysis)
        if args.command == "run":
            return cmd_run(args)
        if args.command == "feed":
            from twin_app.cli.feed import cmd_feed

            return cmd_feed(args)
        if args.command == "project":
            from twin_app.cli.project import cmd_project

            return cmd_project(args)
        if args.command == "join":
            from twin_app.cli.join import cmd_join

            return cmd_join(args)
        if args.command == "compare":
            from twin_app.cli.compare import cmd_compare

            return cmd_compare(args)
        if args.command == "report":
            from twin_app.cli.report import cmd_report

            return cmd_report(args)
        if args.command == "export-scene":
            from twin_app.cli.export_scene import cmd_export_scene

            return cmd_export_scene(args)
    except TwinError as exc:
        say("error", str(exc))
        return EXIT_ERROR
    with argparse_speaking():
        parser.error(_("unknown command {command}").format(command=args.command))
    return EXIT_ERROR


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every failure is one sentence on stderr, a closed pipe a quiet end.

    Exit status (docs/cli.md): 0 done, 2 refused or failed for a stated cause
    (a sentence saying what to do), 1 an unexpected error (a defect to
    report), 130 interrupted (Ctrl-C), 141 the reader of the output went away.
    ``--debug`` anywhere on the line lets an unexpected error's traceback through.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = DEBUG_FLAG in argv
    argv = [a for a in argv if a != DEBUG_FLAG]
    speak_protocol(PROTOCOL_FLAG in argv)  # the window reads a report's stderr by its prefixes
    try:
        # the help, the errors and the results in the planner's language (--lang, else the locale's)
        with speaking(command_language(argv)):
            return _main_speaking(argv, debug)
    except KeyboardInterrupt:  # while the catalogue was read: the same quiet end
        _quiet_exit_output()
        print(_("twin-app: Interrupted."), file=sys.stderr)
        return EXIT_INTERRUPTED


def _main_speaking(argv: list[str], debug: bool) -> int:
    try:
        return _run_main(argv)
    except KeyboardInterrupt:
        # Ctrl-C: what the shell expects (128 + SIGINT), without a traceback
        _quiet_exit_output()
        print(_("twin-app: Interrupted."), file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # the last resort: a sentence, never a traceback
        if debug:
            raise
        from twin_app.core.explain import explain, is_known

        message = explain(exc, subject=_("The command could not finish"))
        if not is_known(exc):
            message = _("{message} (Run it again with --debug for the details.)").format(message=message)
        say("error", message)
        _quiet_exit_output()
        return EXIT_ERROR if is_known(exc) else EXIT_UNEXPECTED


def entry() -> None:
    """The ``twin-app`` program: :func:`main`, ended so that Ctrl-C always reports 130.

    A Ctrl-C that lands while Python is still importing can leave the
    interpreter marked as interrupted even though :func:`main` handled it;
    it then ends itself by SIGINT at exit, after our sentence.  After an
    interrupt nothing is left to finish, so the process ends at once with
    the status the shell expects.
    """
    code = main()
    if code == EXIT_INTERRUPTED:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        os._exit(EXIT_INTERRUPTED)
    sys.exit(code)


def _quiet_exit_output() -> None:
    """Flush stdout now, so that a failing flush at exit cannot print a traceback after our sentence."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        _discard_stdout()


def _run_main(argv: list[str]) -> int:
    try:
        code = _main(argv)
        sys.stdout.flush()  # a reader that went away (``| head``) is found here, not at exit
        return code
    except BrokenPipeError:
        # the reader of our output closed it (``| head``): stop quietly, as ``cat`` would
        _discard_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as exc:
        if exc.errno is None:  # GDAL's, bz2's ...: not the operating system's; see main
            raise
        from twin_app.core.outputs import describe_os_error

        say("error", describe_os_error(exc))
        try:
            sys.stdout.flush()
        except OSError:  # stdout itself failed (a full disk): do not fail again at exit
            _discard_stdout()
        return EXIT_ERROR


def _discard_stdout() -> None:
    """Send output still buffered for a stdout that cannot take it to /dev/null (Python docs' recipe).

    Otherwise Python flushes it at exit, fails again and prints a traceback
    after the command has ended.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
