"""The ``[[feeds]]`` of a ``city.toml``: offline feeds a city ships, as :class:`FeedSpec` values.

Opening a city folder never reaches the network: a folder comes from
whoever handed it over, and a planner must be able to open it anywhere.  So
a city may list only offline feeds (``schedule:PATH``, ``sensor-sim:PATH``,
``file://PATH`` or a plain log path: ``.csv``, ``.jsonl``, an HFP ``.dump``), every PATH inside
the folder like a layer's source; an MQTT or HTTP feed is refused with a
sentence saying how to connect it instead.  The types of each key were
already checked by :mod:`twin_app.core.manifest_schema`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from twin_app.core.errors import ManifestError
from twin_app.core.i18n import _
from twin_app.core.live.feeds import FeedSpec
from twin_app.core.live.frames import Threshold
from twin_app.core.live.replay import SUFFIXES
from twin_app.core.live.sources import OFFLINE_SCHEMES, SCHEMES, offline_path
from twin_app.core.sources import confined_source
from twin_app.core.titles import titles_of

#: what each offline scheme reports, when the entry does not say
_KIND_OF = {"schedule": "vehicle", "sensor-sim": "sensor"}


def feed_file(source: str, *, feed: str, where: Path) -> tuple[str, str]:
    """(scheme, PATH as written) of an offline feed; a network or unknown feed is a :class:`ManifestError`."""
    head, colon, _rest = source.partition(":")
    if colon and head.lower() in OFFLINE_SCHEMES:
        return head.lower(), offline_path(source)
    if source.startswith("file://"):
        rest = source[len("file://") :]
        return "file", rest
    sep = source.partition("://")[1]
    if sep or (colon and head.lower() in SCHEMES):
        raise ManifestError(
            _(
                "The feed '{feed}' in '{where}' has source = '{source}', a network feed: opening a city "
                "folder never connects to the network. Remove it from city.toml and connect the feed "
                "yourself (the feed panel, or 'twin-app feed ingest')."
            ).format(feed=feed, where=where, source=source),
            path=where,
        )
    if Path(source).suffix.lower() in SUFFIXES:
        return "file", source
    raise ManifestError(
        _(
            "The feed '{feed}' in '{where}' has source = '{source}', which is not an offline feed; write "
            "'schedule:PATH' (a GTFS zip), 'sensor-sim:PATH' (a station file) or the path of a recorded "
            "log ({suffixes}), inside the city folder."
        ).format(feed=feed, where=where, source=source, suffixes=", ".join(SUFFIXES)),
        path=where,
    )


def parse_feeds(
    entries: Sequence[Mapping[str, Any]], *, folder: Path, where: Path, timezone: str | None
) -> tuple[FeedSpec, ...]:
    """The feeds of a manifest; ``source`` is kept as written (``sources.in_folder`` resolves it).

    A feed without a ``timezone`` option gets the city's, so that simulated
    feeds read the local clock of the city they belong to.
    """
    specs: list[FeedSpec] = []
    seen: set[str] = set()
    for entry in entries:
        ident = entry["id"]
        if ident in seen:
            raise ManifestError(
                _("The city manifest '{where}' is incomplete: two feeds are called '{feed}'.").format(
                    where=where, feed=ident
                ),
                path=where,
            )
        seen.add(ident)
        source = entry["source"].strip()
        scheme, raw_path = feed_file(source, feed=ident, where=where)
        confined_source(folder, raw_path, layer=ident, manifest=where, what="feed")
        options = dict(entry.get("options", {}))
        if isinstance(options.get("mapping"), str):
            confined_source(folder, options["mapping"], layer=ident, manifest=where, what="feed")
        if timezone and "timezone" not in options:
            options["timezone"] = timezone
        threshold = entry.get("threshold")
        specs.append(
            FeedSpec(
                id=ident,
                title=entry.get("title") or ident,
                source=source,
                kind=entry.get("kind") or _KIND_OF.get(scheme, "sensor"),
                options=options,
                simulated=entry.get("simulated") or None,
                attribution=entry.get("attribution") or None,
                quantity=entry.get("quantity") or None,
                units=entry.get("units") or None,
                threshold=None
                if threshold is None
                else Threshold(
                    above=_level(threshold.get("above")),
                    below=_level(threshold.get("below")),
                    label=threshold.get("label", ""),
                ),
                visible=entry.get("visible", True),
                titles=titles_of(entry),
                simulated_texts=titles_of(entry, "simulated_texts"),
            )
        )
    return tuple(specs)


def _level(value: Any) -> float | None:
    return None if value is None else float(value)


__all__ = ["feed_file", "parse_feeds"]
