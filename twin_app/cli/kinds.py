"""``twin-app kinds``: the layer kinds this install reads, built-in and plugins, with their options.

The listing imports each kind's code (it is a diagnostic), so a plugin kind
that cannot be imported is named with the reason, as ``feed sources`` names
a broken feed source.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from twin_app.cli.language import say
from twin_app.core.i18n import _


def add_kinds_parser(sub: Any) -> None:
    p = sub.add_parser(
        "kinds", help=_("list the layer kinds (file formats) this install reads, with their options")
    )
    p.add_argument("--json", action="store_true", help=_("print JSON (docs/plugins.md)"))


def cmd_kinds(args: argparse.Namespace) -> int:
    from twin_app.core.kinds import default_registry

    registry = default_registry()
    manifests = registry.manifests()
    registry.check_all()
    broken = [{"id": name, "reason": why} for name, why in sorted(registry.failures.items())]
    if args.json:
        print(json.dumps({"kinds": [m.as_json() for m in manifests], "broken": broken}, indent=2))
        return 0
    for m in manifests:
        origin = _("built-in") if m.builtin else f"{m.distribution} {m.version}".strip()
        patterns = " ".join(m.patterns) or _("(named in city.toml only)")
        print(f"{m.id:<18} {patterns:<44} {m.title}  [{origin}]")
        for p in m.options:
            print(f"    {p.name} = …  {p.describe().strip()}")
    for item in broken:
        say(
            "warning",
            _("The layer kind '{kind}' could not be loaded: {reason}").format(
                kind=item["id"], reason=item["reason"]
            ),
        )
    return 0
