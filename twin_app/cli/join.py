"""``twin-app join``: a planner's table joined to a city layer, reported, saved and drawn.

The same core functions as the window's "Import table…" dialog
(:mod:`twin_app.core.tables`, :mod:`twin_app.core.table_series`), so what a
script gets is what the window shows.  ``--json`` prints the join report's
documented object (docs/tables.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from twin_app.cli.language import say
from twin_app.core.errors import TableError
from twin_app.core.i18n import N_, _


def _pair(text: str) -> tuple[str, str]:
    left, sep, right = text.partition("=")
    if not sep or not left.strip() or not right.strip():
        raise argparse.ArgumentTypeError(
            _("'{text}' should be LAYERCOLUMN=TABLECOLUMN, e.g. osm_id=building").format(text=text)
        )
    return left.strip(), right.strip()


def _unit(text: str) -> tuple[str, str]:
    left, sep, right = text.partition("=")
    if not sep or not left.strip():
        raise argparse.ArgumentTypeError(
            _("'{text}' should be COLUMN=UNIT, e.g. energy=MWh/a").format(text=text)
        )
    return left.strip(), right.strip()


def add_join_parser(sub: Any, size_type: Any) -> None:
    p = sub.add_parser(
        "join",
        help=_("join a table (CSV, GeoPackage, GeoJSON) to a city layer by key or by location"),
        description=_(
            "Join a table to a layer of a city: by key (--on LAYERCOL=TABLECOL) or by location "
            "(--by-location). Prints the join report; see docs/tables.md."
        ),
    )
    p.add_argument("city", help=_("bundled city name or city folder"))
    p.add_argument("table", type=Path, help=_("the table: .csv, or a .gpkg/.geojson layer"))
    p.add_argument("--layer", help=_("the city layer to join to (default: the buildings)"))
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--on", type=_pair, metavar="LAYERCOL=TABLECOL", help=_("join on these key columns"))
    how.add_argument(
        "--by-location", action="store_true", help=_("give each row to the polygon containing its point")
    )
    p.add_argument(
        "--lon", help=_("longitude column (degrees) for --by-location (default: lon/longitude/...)")
    )
    p.add_argument("--lat", help=_("latitude column (degrees) for --by-location (default: lat/latitude/...)"))
    p.add_argument("--x", help=_("x column in --crs units, instead of --lon"))
    p.add_argument("--y", help=_("y column in --crs units, instead of --lat"))
    p.add_argument("--crs", help=_("the CRS of --x/--y, e.g. EPSG:3067"))
    p.add_argument(
        "--value",
        action="append",
        default=[],
        metavar="COL",
        help=_("a value column (repeatable; default: every column of numbers)"),
    )
    p.add_argument(
        "--units",
        type=_unit,
        action="append",
        default=[],
        metavar="COL=UNIT",
        help=_("units of a value column (default: from a 'name [unit]' header)"),
    )
    p.add_argument(
        "--aggregate",
        choices=["sum", "mean"],
        help=_(
            "combine rows sharing a key (key joins refuse repeats without it) or a feature "
            "(--by-location, default sum)"
        ),
    )
    p.add_argument("--quantity", help=_("what the first value measures, for its palette (heat, share, ...)"))
    p.add_argument("--sheet", dest="table_layer", metavar="LAYER", help=_("the layer of a GeoPackage table"))
    p.add_argument(
        "--time", metavar="COL", help=_("a time column: rows become a time series (needs --store)")
    )
    p.add_argument("--timezone", help=_("the IANA time zone of times written without an offset"))
    p.add_argument("--store", type=Path, help=_("the observation store (GeoPackage) for --time"))
    p.add_argument("--name", help=_("the name to store the table's values under (default: its file name)"))
    p.add_argument("--at", help=_("with --time: draw and save the values at this time (ISO 8601)"))
    p.add_argument("--out", type=Path, help=_("save the joined layer: .gpkg (with geometry) or .csv"))
    p.add_argument(
        "--render", type=Path, metavar="PNG", help=_("draw the city coloured by the joined values")
    )
    p.add_argument("--size", type=size_type, default=(1600, 1000), help=_("size of the --render image, WxH"))
    p.add_argument("--json", action="store_true", help=_("print the report as JSON (docs/tables.md)"))


def cmd_join(args: argparse.Namespace) -> int:
    from twin_app.core.layers import VectorLayer
    from twin_app.core.loading import load_city
    from twin_app.core.outputs import check_output_file
    from twin_app.core.table_series import TableRequest, import_table, target_layer

    request = TableRequest(
        table=args.table,
        layer_id=args.layer,
        on=args.on,
        values=tuple(args.value),
        units=dict(args.units),
        aggregate=args.aggregate,
        quantity=args.quantity,
        table_layer=args.table_layer,
        name=args.name,
        lon=args.lon,
        lat=args.lat,
        x=args.x,
        y=args.y,
        crs=args.crs,
        time=args.time,
        timezone=args.timezone,
        store=args.store,
    )
    request.check()  # before the city is loaded, not after
    at = _time(args.at) if args.at else None
    if at is not None and not args.time:
        raise TableError(_("--at picks a time of a time-stamped table: give its time column with --time."))
    if args.out is not None:
        if args.out.suffix.lower() not in (".gpkg", ".csv"):
            raise TableError(
                _("The joined layer is saved as .gpkg or .csv, not '{name}'.").format(name=args.out.name)
            )
        check_output_file(args.out, example="joined.gpkg")
    if args.render is not None:
        from twin_app.scene.render import check_opengl

        check_opengl()
        check_output_file(args.render, example="joined.png")
    if not args.table.is_file():
        from twin_app.core.errors import MissingFileError

        raise MissingFileError(args.table, what=N_("table"))
    model = load_city(args.city)
    for problem in model.problems:
        say("warning", problem.message)
    target = target_layer(model, args.layer)
    made = import_table(target, request)
    model.add_result_layer(made.result.layer)
    layer = model.layers[made.result.layer.id]
    assert isinstance(layer, VectorLayer)
    if at is not None:
        from twin_app.core.live.store import ObservationStore

        with ObservationStore(args.store) as store:
            for item in made.series(layer.id):
                item.show(model, store, at)
    report = made.result.report
    if args.out is not None:
        write_joined(layer, report.values, args.out, key=args.on[0] if args.on else None)
    if args.render is not None:
        from twin_app.scene.render import render_city

        warnings: list[str] = []
        render_city(model, args.render, size=args.size, warnings=warnings)
        for warning in warnings:
            say("warning", warning)
    if args.json:
        print(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        for sentence in report.sentences():
            print(sentence)
    for path in (args.out, args.render):
        if path is not None:
            print(_("Saved {path}").format(path=path), file=sys.stderr if args.json else sys.stdout)
    return 0


def _time(text: str) -> Any:
    from twin_app.core.live.observation import parse_time

    try:
        return parse_time(text)
    except ValueError:
        raise TableError(
            _("--at '{text}' is not an ISO 8601 time with its offset, such as 2026-03-01T08:00:00Z.").format(
                text=text
            )
        ) from None


def write_joined(layer: Any, columns: list[str], path: Path, *, key: str | None) -> Path:
    """The joined columns, written whole or not at all.

    Each row carries what identifies its feature (the key joined on, else the
    layer's OSM type and id, else its district, else its name) and, in a
    .gpkg, its geometry.
    """
    import os

    from twin_app.core.outputs import fsync_file

    groups = (("osm_type", "osm_id"), ("district",), ("name",))
    present = [list(g) for g in groups if all(c in layer.frame.columns for c in g)]
    ids = [key] if key else (present[0] if present else [])
    keep = [c for c in ids if c in layer.frame.columns and c not in columns] + columns
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.part{path.suffix}")
    try:
        if path.suffix.lower() == ".csv":
            layer.frame[keep].to_csv(tmp, index=False)
        else:
            import pyogrio

            frame = layer.frame[[*keep, layer.frame.geometry.name]]
            pyogrio.write_dataframe(frame, tmp, layer=layer.id.replace(":", "_"), driver="GPKG")
        fsync_file(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


__all__ = ["add_join_parser", "cmd_join", "write_joined"]
