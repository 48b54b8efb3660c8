"""``twin-app project``: create a workshop's project file, see what it holds, export its pins.

``project new FILE --city CITY`` makes the file (a GeoPackage, see
docs/projects.md); ``project info FILE [--json]`` lists its scenarios and
their edits, pins, story and results; ``project pins FILE [--export OUT]
[--no-names]`` lists or exports residents' pins; ``project relink`` points a
project to its city folder after a move; ``project recover`` and ``project
discard`` settle the changes a session left unsaved.

``info`` and ``pins`` only read: when the file holds unsaved changes from a
session that ended without saving, they show the project as recovering would
make it (the file itself is not changed) and say so on stderr, so a crash
never hides a resident's pin from an export.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from twin_app.core.i18n import _, ngettext


def add_project_parser(sub: Any) -> None:
    p = sub.add_parser(
        "project", help=_("workshop projects: scenarios, feedback pins, viewpoints (one file)")
    )
    actions = p.add_subparsers(dest="project_command", metavar="ACTION")
    actions.required = True
    p_new = actions.add_parser("new", help=_("create a project file for a city"))
    p_new.add_argument("file", type=Path, help=_("the project file to create (e.g. workshop.gpkg)"))
    p_new.add_argument("--city", required=True, help=_("the city: a bundled or imported name, or a folder"))
    p_info = actions.add_parser("info", help=_("what a project holds: scenarios, edits, pins, viewpoints"))
    p_info.add_argument("file", type=Path)
    p_info.add_argument("--json", action="store_true", help=_("print JSON (see docs/projects.md)"))
    p_pins = actions.add_parser("pins", help=_("list residents' feedback pins, or export them"))
    p_pins.add_argument("file", type=Path)
    p_pins.add_argument(
        "--export", type=Path, metavar="OUT", help=_("write OUT.gpkg, OUT.geojson or OUT.csv")
    )
    p_pins.add_argument("--no-names", action="store_true", help=_("leave residents' names out of the export"))
    p_pins.add_argument("--category", choices=["idea", "problem", "like"], help=_("only pins of this kind"))
    p_pins.add_argument("--scenario", help=_("only pins dropped in this scenario"))
    p_relink = actions.add_parser("relink", help=_("point a project to its city folder (moved or changed)"))
    p_relink.add_argument("file", type=Path)
    p_relink.add_argument(
        "--city", required=True, help=_("the city: a bundled or imported name, or a folder")
    )
    p_recover = actions.add_parser("recover", help=_("keep the changes a session left unsaved, and save"))
    p_recover.add_argument("file", type=Path)
    p_discard = actions.add_parser("discard", help=_("drop the changes a session left unsaved"))
    p_discard.add_argument("file", type=Path)


def _open_as_recovered(path: Path) -> Any:
    from twin_app.core.project import Project

    project = Project.open(path)
    if project.pending:
        count = project.recover()
        note = ngettext(
            "'{path}' holds {count} change a session left unsaved; it is shown here. "
            "Keep it with 'twin-app project recover {path}' or drop it with "
            "'twin-app project discard {path}'.",
            "'{path}' holds {count} changes a session left unsaved; they are shown here. "
            "Keep them with 'twin-app project recover {path}' or drop them with "
            "'twin-app project discard {path}'.",
            count,
        ).format(path=path, count=count)
        print(_("twin-app: note: {message}").format(message=note), file=sys.stderr)
    return project


def cmd_project(args: argparse.Namespace) -> int:
    from twin_app.core.city import resolve_city
    from twin_app.core.project import Project

    action = args.project_command
    if action == "new":
        with Project.new(args.file, resolve_city(args.city)) as project:
            print(
                _("Created the project '{project}' for the city '{city}'.").format(
                    project=project.path, city=project.city.name
                )
            )
        return 0
    if action == "relink":
        with Project.open(args.file) as project:
            project.relink(resolve_city(args.city))
            project.save()
            print(
                _("The project '{project}' now uses the city in '{folder}'.").format(
                    project=project.path, folder=project.city_folder
                )
            )
        return 0
    if action == "recover":
        with Project.open(args.file) as project:
            count = project.recover()
            project.save()
            said = ngettext(
                "Recovered and saved {count} change in '{project}'.",
                "Recovered and saved {count} changes in '{project}'.",
                count,
            )
            print(said.format(count=count, project=project.path))
        return 0
    if action == "discard":
        with Project.open(args.file) as project:
            count = project.discard()
            said = ngettext(
                "Dropped {count} unsaved change from '{project}'.",
                "Dropped {count} unsaved changes from '{project}'.",
                count,
            )
            print(said.format(count=count, project=project.path))
        return 0
    with _open_as_recovered(args.file) as project:
        if action == "info":
            info = project.info()
            print(json.dumps(info, indent=2, ensure_ascii=False) if args.json else _info_text(info))
            return 0
        if action == "pins":
            if args.export is not None:
                out = project.export_pins(
                    args.export, names=not args.no_names, category=args.category, scenario=args.scenario
                )
                count = len(project.pins(category=args.category, scenario=args.scenario))
                if args.no_names:
                    said = ngettext(
                        "Exported {count} pin to '{out}' without names.",
                        "Exported {count} pins to '{out}' without names.",
                        count,
                    )
                else:
                    said = ngettext(
                        "Exported {count} pin to '{out}'.", "Exported {count} pins to '{out}'.", count
                    )
                print(said.format(count=count, out=out))
                return 0
            for pin in project.pins(category=args.category, scenario=args.scenario):
                who = "" if args.no_names or not pin.name else f" ({pin.name})"
                where = pin.scenario or _("baseline")
                print(f"{pin.id}\t{pin.category.value}\t{where}\t{pin.comment}{who}")
            return 0
    raise AssertionError(action)


def _info_text(info: dict[str, Any]) -> str:
    city = info["city"]
    if city["folder"]:
        where = _("City: {city} ({crs}) in {folder}").format(
            city=city["name"], crs=city["crs"], folder=city["folder"]
        )
    else:
        where = _("City: {city} ({crs}) in a folder that cannot be found").format(
            city=city["name"], crs=city["crs"]
        )
    lines = [_("Project: {project}").format(project=info["project"]), where]
    if city["problem"]:
        lines.append(f"  {city['problem']}")
    lines.append(_("Scenarios: {count}").format(count=len(info["scenarios"])))
    for s in info["scenarios"]:
        edits = ngettext("{count} edit", "{count} edits", len(s["edits"])).format(count=len(s["edits"]))
        lines.append(f"  {s['name']}: {edits}")
        lines.extend(f"    {n}. {e}" for n, e in enumerate(s["edits"], start=1))
    pins = info["pins"]
    kinds = ", ".join(f"{k} {v}" for k, v in pins["by_category"].items())
    lines.append(_("Pins: {count} ({by_category})").format(count=pins["count"], by_category=kinds))
    viewpoints = ", ".join(info["viewpoints"]) or _("none")
    lines.append(_("Viewpoints (story order): {viewpoints}").format(viewpoints=viewpoints))
    lines.append(
        _("Results: {results}; changes since the last save: {changes}").format(
            results=info["results"], changes=info["unsaved_changes"]
        )
    )
    return "\n".join(lines)
