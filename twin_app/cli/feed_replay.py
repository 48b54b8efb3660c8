"""``twin-app feed replay``: a store's observations, in time order, as the JSON lines ``file://`` reads.

What it writes is a log: ingested again (``feed ingest file://out.jsonl``)
it gives the same rows and the same ``feed stats``, so a recorded day can be
moved between stores, cut to a window of time, or handed to another tool.
With ``--speed X`` the lines come at X times the pace of their own
timestamps (a replay that looks live to whatever reads the pipe).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
import time
from collections.abc import Iterator
from typing import IO, Any

from twin_app.core.errors import MissingFileError, ParameterError
from twin_app.core.i18n import N_, _, format_number
from twin_app.core.live.observation import Observation, parse_time
from twin_app.core.live.playback import ObservationReader
from twin_app.core.live.replay import log_line
from twin_app.core.live.rows import iso


def _time(option: str, text: str | None) -> dt.datetime | None:
    if text is None:
        return None
    try:
        return parse_time(text)
    except (ValueError, TypeError):
        raise ParameterError(
            _(
                "{option} '{text}' is not a time twin-app can place; write ISO 8601 with a zone, "
                "e.g. 2026-06-01T12:00:00Z or 2026-06-01T15:00:00+03:00."
            ).format(option=option, text=text)
        ) from None


def _observations(
    reader: ObservationReader, sources: list[str], start: dt.datetime | None, end: dt.datetime | None
) -> Iterator[Observation]:
    if len(sources) == 1:
        yield from reader.iter_query(source=sources[0], start=start, end=end)
        return
    wanted = set(sources)
    for obs in reader.iter_query(start=start, end=end):
        if not wanted or obs.source in wanted:
            yield obs


def _write(observations: Iterator[Observation], out: IO[str], speed: float) -> dict[str, list[Any]]:
    """Write the lines (paced when ``speed`` > 0); per source: [count, first, last]."""
    counts: dict[str, list[Any]] = {}
    first: dt.datetime | None = None
    started = time.monotonic()
    for obs in observations:
        if speed > 0:
            first = first or obs.time
            due = started + (obs.time - first).total_seconds() / speed
            wait = due - time.monotonic()
            if wait > 0:
                out.flush()  # what is due is out before we wait for the next one
                time.sleep(wait)
        out.write(json.dumps(log_line(obs), separators=(",", ":"), ensure_ascii=False) + "\n")
        seen = counts.get(obs.source)
        if seen is None:
            counts[obs.source] = [1, obs.time, obs.time]
        else:
            seen[0] += 1
            seen[2] = obs.time
    out.flush()
    return counts


def replay(args: argparse.Namespace) -> int:
    if not args.store.is_file():
        raise MissingFileError(args.store, what=N_("observation store"))
    if not (math.isfinite(args.speed) and args.speed >= 0):
        raise ParameterError(
            _(
                "--speed {speed} cannot be kept; give 0 (as fast as possible) "
                "or a speed above 0 (1 = real time)."
            ).format(speed=args.speed)
        )
    start, end = _time("--from", args.start), _time("--to", args.end)
    if start is not None and end is not None and end <= start:
        raise ParameterError(
            _("--to {end} is not after --from {start}; give a window that ends after it starts.").format(
                end=args.end, start=args.start
            )
        )
    with ObservationReader(args.store) as reader:
        stored = reader.sources()
        unknown = [s for s in args.source if s not in stored]
        if unknown:
            if stored:
                raise ParameterError(
                    _("The store '{store}' holds no source '{source}'; it holds: {sources}.").format(
                        store=args.store, source=unknown[0], sources=", ".join(stored)
                    )
                )
            raise ParameterError(
                _("The store '{store}' holds no source '{source}'; it holds nothing.").format(
                    store=args.store, source=unknown[0]
                )
            )
        observations = _observations(reader, list(args.source), start, end)
        if args.out is None:
            counts = _write(observations, sys.stdout, args.speed)
        else:
            with args.out.open("w", encoding="utf-8") as out:
                counts = _write(observations, out, args.speed)
    sources = [
        {"source": s, "count": n, "first": iso(a), "last": iso(b)} for s, (n, a, b) in sorted(counts.items())
    ]
    total = sum(s["count"] for s in sources)  # type: ignore[misc]
    summary = {"total": total, "sources": sources, "out": str(args.out) if args.out else None}
    report = sys.stdout if args.out is not None else sys.stderr  # stdout carries the lines otherwise
    if args.json:
        print(json.dumps(summary, indent=2), file=report)
    else:
        if args.out:
            said = _("{count} observations replayed from {store} to {out}").format(
                count=format_number(total), store=args.store, out=args.out
            )
        else:
            said = _("{count} observations replayed from {store}").format(
                count=format_number(total), store=args.store
            )
        print(said, file=report)
    return 0
