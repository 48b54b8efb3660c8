"""``twin-app feed``: live feeds into an observation store, headless, and what the store holds.

``feed ingest SOURCE --store FILE`` runs one source (see
:mod:`twin_app.core.live.sources` for the URL schemes) until ``--for``
seconds pass, the source ends (a log), or Ctrl-C / SIGTERM stops it; either
way what was received is stored before the command ends.  ``feed stats``
prints exact counts per source (``--json``: ``{"total": N, "sources":
[{"source", "count", "first", "last"}]}``; docs/live-data.md).  ``feed
replay`` writes what a store holds, in time order, as the JSON lines that
``file://`` reads back, optionally paced at a multiple of real time.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
import time
from pathlib import Path
from types import FrameType
from typing import Any

from twin_app.cli.language import say
from twin_app.core.errors import MissingFileError, ParameterError
from twin_app.core.i18n import N_, _, format_number


def _option(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(_("'{text}' is not KEY=VALUE").format(text=text))
    return key, value


def add_feed_parser(sub: Any) -> None:
    p_feed = sub.add_parser(
        "feed", help=_("ingest live feeds into an observation store, and count what it holds")
    )
    feed_sub = p_feed.add_subparsers(dest="feed_command", metavar="ACTION")
    feed_sub.required = True
    p_ing = feed_sub.add_parser(
        "ingest",
        help=_(
            "store what a feed sends: mqtt[s]://host:port/topic/filter, hfp+mqtt[s]://host:port, "
            "gtfsrt+http[s]://..., sensorthings+http[s]://..., file://log.csv|.jsonl; simulated: "
            "schedule:gtfs.zip, sensor-sim:stations.csv"
        ),
    )
    p_ing.add_argument("source", help=_("the feed's URL (see docs/live-data.md)"))
    p_ing.add_argument(
        "--store", type=Path, required=True, help=_("the observation store (GeoPackage) to append to")
    )
    p_ing.add_argument("--for", dest="seconds", type=float, metavar="SECONDS", help=_("stop after this long"))
    p_ing.add_argument(
        "--mapping", type=Path, help=_("TOML file mapping payload fields to observation fields")
    )
    p_ing.add_argument("--name", help=_("store the observations under this source name (default: the URL)"))
    p_ing.add_argument(
        "--client-id", help=_("MQTT client id: a persistent session that resumes after a restart")
    )
    p_ing.add_argument("--ca-file", type=Path, help=_("CA certificates for mqtts:// (default: the system's)"))
    p_ing.add_argument("--speed", type=float, help=_("replay a file:// log at this many times its own pace"))
    p_ing.add_argument(
        "--option",
        type=_option,
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help=_(
            "an option of the source, e.g. interval_s=10 for a polled one, date=2022-02-22 for a "
            "simulated one, or one a plugin source declares (see 'twin-app feed sources'); repeatable"
        ),
    )
    p_ing.add_argument("--json", action="store_true", help=_("print the summary as JSON"))
    p_src = feed_sub.add_parser(
        "sources", help=_("the feed sources this twin_app opens, built-in and plugins, with their options")
    )
    p_src.add_argument("--json", action="store_true", help=_("print JSON (docs/plugins.md)"))
    p_stats = feed_sub.add_parser("stats", help=_("exact counts of the stored observations per source"))
    p_stats.add_argument("--store", type=Path, required=True, help=_("the observation store (GeoPackage)"))
    p_stats.add_argument("--json", action="store_true", help=_("print JSON (docs/live-data.md)"))
    p_rep = feed_sub.add_parser(
        "replay",
        help=_(
            "write stored observations in time order as JSON lines (what file:// reads), optionally paced"
        ),
    )
    p_rep.add_argument("--store", type=Path, required=True, help=_("the observation store (GeoPackage)"))
    p_rep.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="S",
        help=_("only this source (repeatable; default: all)"),
    )
    p_rep.add_argument(
        "--from", dest="start", metavar="T", help=_("from this time on (ISO 8601 with a zone)")
    )
    p_rep.add_argument("--to", dest="end", metavar="T", help=_("before this time (ISO 8601 with a zone)"))
    p_rep.add_argument(
        "--speed",
        type=float,
        default=0.0,
        metavar="X",
        help=_("pace the lines at X times real time (0 or omitted: as fast as possible)"),
    )
    p_rep.add_argument(
        "--out", type=Path, metavar="FILE.jsonl", help=_("write the lines here (default: stdout)")
    )
    p_rep.add_argument("--json", action="store_true", help=_("print the summary as JSON"))


def cmd_feed(args: argparse.Namespace) -> int:
    if args.feed_command == "stats":
        return _stats(args)
    if args.feed_command == "replay":
        from twin_app.cli.feed_replay import replay

        return replay(args)
    if args.feed_command == "sources":
        return _sources(args)
    return _ingest(args)


def _stats(args: argparse.Namespace) -> int:
    from twin_app.core.live.store import ObservationStore

    if not args.store.is_file():
        raise MissingFileError(args.store, what=N_("observation store"))
    with ObservationStore(args.store) as store:
        stats = store.stats()
    total = sum(s.count for s in stats)
    if args.json:
        print(json.dumps({"total": total, "sources": [s.as_json() for s in stats]}, indent=2))
        return 0
    print(_("{count} observations in {store}").format(count=format_number(total), store=args.store))
    for s in stats:
        row = s.as_json()
        print(f"  {s.count:>10}  {row['first']} .. {row['last']}  {s.source}")
    return 0


def _sources(args: argparse.Namespace) -> int:
    from twin_app.core.live.source_plugins import all_sources, default_sources
    from twin_app.core.live.sources import OFFLINE_SCHEMES

    registry = default_sources()
    sources = all_sources(registry)
    registry.check_all()  # a diagnostic listing may import the plugins' code to name the broken ones
    broken = [{"id": name, "reason": why} for name, why in sorted(registry.failures.items())]
    if args.json:
        print(json.dumps({"sources": [m.as_json() for m in sources], "broken": broken}, indent=2))
        return 0
    for m in sources:
        origin = _("built-in") if m.builtin else f"{m.distribution} {m.version}".strip()
        schemes = ", ".join(s + ("://" if m.builtin and s not in OFFLINE_SCHEMES else ":") for s in m.schemes)
        print(f"{m.id:<16} {m.kind:<8} {schemes:<36} {m.title}  [{origin}]")
        for p in m.options:
            print(f"    --option {p.name}=…  {p.describe().strip()}")
    for item in broken:
        say(
            "warning",
            _("The feed source '{source}' could not be loaded: {reason}").format(
                source=item["id"], reason=item["reason"]
            ),
        )
    return 0


def _ingest(args: argparse.Namespace) -> int:
    from twin_app.core.live.sources import open_source
    from twin_app.core.live.store import ObservationStore

    if args.seconds is not None and not args.seconds > 0:
        raise ParameterError(
            _("--for {seconds} is no time to listen; give a number of seconds above 0.").format(
                seconds=format_number(args.seconds)
            )
        )
    options: dict[str, Any] = dict(args.option)
    for key in ("name", "client_id", "speed"):
        if getattr(args, key) is not None:
            options[key] = getattr(args, key)
    for key in ("mapping", "ca_file"):
        if getattr(args, key) is not None:
            if not getattr(args, key).is_file():
                what = N_("mapping file") if key == "mapping" else N_("CA certificates file")
                raise MissingFileError(getattr(args, key), what=what)
            options[key] = str(getattr(args, key))
    source = open_source(args.source, options)
    until = time.monotonic() + args.seconds if args.seconds is not None else None
    interrupted = False
    with ObservationStore(args.store) as store:
        thread = threading.Thread(
            target=source.run, args=(store.append,), kwargs={"until": until}, daemon=True
        )

        def on_term(signum: int, frame: FrameType | None) -> None:
            source.stop()

        previous = signal.signal(signal.SIGTERM, on_term)
        thread.start()
        try:
            while thread.is_alive():
                thread.join(0.2)
        except KeyboardInterrupt:
            interrupted = True
            source.stop()  # what was received is stored before we go
            thread.join(30)
        finally:
            signal.signal(signal.SIGTERM, previous)
    status = source.status
    summary = {
        "source": status.source,
        "state": str(status.state),
        "received": status.received,
        "stored": status.stored,
        "malformed": status.malformed,
        "malformed_samples": status.malformed_samples,
        "last_error": status.last_error,
        "store": str(args.store),
    }
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print(
            _(
                "{source}: {stored} observations stored in {store} "
                "({received} messages received, {malformed} malformed)"
            ).format(
                source=status.source,
                stored=format_number(status.stored),
                store=args.store,
                received=format_number(status.received),
                malformed=format_number(status.malformed),
            )
        )
        for sample in status.malformed_samples:
            print("  " + _("malformed: {sample}").format(sample=sample), file=sys.stderr)
        if status.last_error:
            print("  " + _("last error: {error}").format(error=status.last_error), file=sys.stderr)
    if interrupted:
        raise KeyboardInterrupt
    return 0
