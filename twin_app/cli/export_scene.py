"""``twin-app export-scene``: the city's 3D scene as binary glTF (``.glb``) for the web.

A sub-command of its own rather than an option of ``render``: a glTF file is
not an image of the view (no camera, legend or credits in it) and it needs no
``--size``; see docs/reports.md for the axes, units and origin it uses.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from twin_app.cli.language import say
from twin_app.core.errors import TwinError
from twin_app.core.i18n import _


def add_export_scene_parser(sub: Any) -> None:
    p = sub.add_parser(
        "export-scene",
        help=_("write the city's 3D scene as binary glTF (.glb) for web viewers"),
        description=_(
            "Write the visible layers, in their colours, as binary glTF 2.0 (y-up, metres, "
            "relative to the city's scene origin; see docs/reports.md)."
        ),
    )
    p.add_argument("city", nargs="?", help=_("bundled city name or city folder (default: helsinki)"))
    p.add_argument("--out", required=True, type=Path, help=_("the .glb file to write"))
    p.add_argument("--show", help=_("comma-separated layer ids to include (default: the manifest's choice)"))


def cmd_export_scene(args: argparse.Namespace) -> int:
    from twin_app.core.loading import load_city
    from twin_app.core.outputs import check_output_file
    from twin_app.scene.gltf import export_city_gltf
    from twin_app.scene.render import check_opengl

    check_opengl()
    out = check_output_file(args.out, example="city.glb")
    if out.suffix.lower() != ".glb":
        raise TwinError(
            _(
                "'{path}' does not end in .glb; the scene is written as binary glTF: name it e.g. 'city.glb'."
            ).format(path=out)
        )
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
    print(export_city_gltf(model, out))
    return 0
