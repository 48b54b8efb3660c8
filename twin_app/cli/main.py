"""The ``twin-app`` command: the window, and the same city headless.

Sub-commands use exactly the code the window uses (core loading, the scene
for rendering), so what a script gets is what a planner sees.  Errors go to
stderr as one sentence and a non-zero exit code; ``--json`` output is a
documented contract (docs/cli.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from twin_app import __version__
from twin_app.core.errors import TwinError

EXIT_ERROR = 2


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1600x1000") from None
    if not (16 <= w <= 8192 and 16 <= h <= 8192):
        raise argparse.ArgumentTypeError("width and height must be between 16 and 8192 pixels")
    return w, h


def _raster(text: str) -> tuple[str, Path]:
    if "=" not in text:
        raise argparse.ArgumentTypeError(f"'{text}' should be LABEL=FILE, e.g. heat=heat.tif")
    label, _, path = text.partition("=")
    return label.strip(), Path(path)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="twin-app",
        description="An urban digital twin: streets, buildings, transit, heat and people in 3D. "
        "With no command, opens the window on the bundled Helsinki.",
    )
    parser.add_argument("--version", action="version", version=f"twin-app {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p_open = sub.add_parser("open", help="open the desktop window on a city or a data file")
    p_open.add_argument("target", nargs="?", help="bundled city name, city folder or data file (default: helsinki)")

    p_render = sub.add_parser("render", help="render the 3D view to a PNG image (no display needed)")
    p_render.add_argument("city", nargs="?", help="bundled city name or city folder (default: helsinki)")
    p_render.add_argument("--out", required=True, type=Path, help="PNG file to write")
    p_render.add_argument("--size", type=_size, default=(1600, 1000), help="image size WxH (default 1600x1000)")
    p_render.add_argument("--show", help="comma-separated layer ids to show (default: the manifest's choice)")

    p_info = sub.add_parser("info", help="list a city's layers with counts, CRS and extent")
    p_info.add_argument("city", nargs="?", help="bundled city name or city folder (default: helsinki)")
    p_info.add_argument("--json", action="store_true", help="print the documented JSON document")

    p_city = sub.add_parser("city", help="manage cities (import your own)")
    city_sub = p_city.add_subparsers(dest="city_command", metavar="ACTION")
    city_sub.required = True
    city_sub.add_parser("list", help="list bundled and imported cities")
    p_imp = city_sub.add_parser("import", help="build a city folder from an OSM file and optional layers")
    p_imp.add_argument("name", help="name of the new city (letters, digits, - _ .)")
    p_imp.add_argument("--osm", required=True, type=Path, help="OpenStreetMap extract (.osm, .osm.bz2, .osm.pbf)")
    p_imp.add_argument("--gtfs", type=Path, help="GTFS feed (.zip)")
    p_imp.add_argument("--population", type=Path, help="population grid (GeoPackage, GeoJSON, ...)")
    p_imp.add_argument("--population-column", default="population", help="column with head counts")
    p_imp.add_argument("--districts", type=Path, help="district polygons (default: OSM neighbourhoods)")
    p_imp.add_argument("--district-name-column", default="name", help="column with district names")
    p_imp.add_argument("--raster", type=_raster, action="append", default=[], metavar="LABEL=FILE",
                       help="a raster layer, e.g. heat=heat.tif (repeatable)")
    p_imp.add_argument("--crs", help="metric CRS to analyse in (default: the UTM zone of the OSM file)")
    p_imp.add_argument("--attribution", action="append", default=[], help="credit line to show (repeatable)")
    p_imp.add_argument("--dest", type=Path, help="parent folder for the city (default: your twin_app data folder)")
    return parser


def cmd_info(args: argparse.Namespace) -> int:
    from twin_app.core.loading import load_city

    model = load_city(args.city)
    info = model.info()
    if args.json:
        print(json.dumps(info, indent=2, ensure_ascii=False, default=str))
        return 0
    print(f"{info['title']}  ({info['folder']})")
    print(f"CRS {info['crs']}   bbox (lon/lat) {info['bbox_lonlat']}")
    for lid, layer in info["layers"].items():
        print(f"  {lid:<16} {layer['type']:<9} {layer['count']:>7}  {layer['title']}")
        for note in layer["notes"]:
            print(f"  {'':<16} note: {note}")
    b = info["buildings"]
    print(f"Buildings: {b['count']} (height from: " + ", ".join(f"{k} {v}" for k, v in b["height_from"].items()) + ")")
    for problem in info["problems"]:
        print(f"problem: {problem['message']}", file=sys.stderr)
    print(f"Data: {info['attribution']}")
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    from twin_app.core.loading import load_city
    from twin_app.scene.render import check_opengl, render_city

    check_opengl()
    model = load_city(args.city)
    if args.show:
        wanted = {s.strip() for s in args.show.split(",")}
        unknown = wanted - set(model.layers)
        if unknown:
            raise TwinError(f"No layer called {', '.join(sorted(unknown))}; layers: {', '.join(model.layers)}.")
        for lid, layer in model.layers.items():
            layer.visible = lid in wanted
    for problem in model.problems:
        print(f"twin-app: warning: {problem.message}", file=sys.stderr)
    out = render_city(model, args.out, size=args.size)
    print(out)
    return 0


def cmd_city(args: argparse.Namespace) -> int:
    from twin_app.core.city import bundled_city_names
    from twin_app.core.city_import import CityImport, import_city, user_cities_dir

    if args.city_command == "list":
        for name in bundled_city_names():
            print(f"{name}  (bundled)")
        root = user_cities_dir()
        if root.is_dir():
            for folder in sorted(p for p in root.iterdir() if (p / "city.toml").is_file()):
                print(f"{folder.name}  ({folder})")
        return 0
    request = CityImport(
        name=args.name, osm=args.osm, gtfs=args.gtfs, population=args.population,
        population_column=args.population_column, districts=args.districts,
        district_name_column=args.district_name_column, rasters=dict(args.raster), crs=args.crs,
        attribution=list(args.attribution),
    )
    folder = import_city(request, args.dest)
    from twin_app.core.loading import load_city

    model = load_city(folder)
    print(f"Created {folder}")
    for lid, layer in model.layers.items():
        print(f"  {lid:<16} {layer.feature_count:>7}  {layer.title}")
    for problem in model.problems:
        print(f"twin-app: warning: {problem.message}", file=sys.stderr)
    return 0


def cmd_open(target: str | None) -> int:
    from twin_app.qt.app import run_app

    return run_app(target)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return cmd_open(None)
        if args.command == "open":
            return cmd_open(args.target)
        if args.command == "info":
            return cmd_info(args)
        if args.command == "render":
            return cmd_render(args)
        if args.command == "city":
            return cmd_city(args)
    except TwinError as exc:
        print(f"twin-app: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("twin-app: interrupted", file=sys.stderr)
        return 130
    parser.error(f"unknown command {args.command}")
    return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
