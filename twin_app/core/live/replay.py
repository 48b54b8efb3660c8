"""A recorded observation log replayed as a feed: ``file://path.csv``, ``.jsonl`` or an HFP ``.dump``.

The simplest source, and the one a planner has most often: a log exported
from a sensor platform.  Each CSV row or JSON line is one observation, read
with the same mapping as an MQTT payload (default columns ``id, time, value,
unit, lon, lat`` and an optional ``feature_id``; see ``docs/live-data.md``).
In a CSV an empty cell means "not given".  A line may also say its
``source`` and ``kind`` (``sensor`` or ``vehicle``), as ``twin-app feed
replay`` writes them; a name given to the source (``--name``) wins.  A
``.dump`` is a raw recording of HSL's high-frequency positioning feed (one
``receive-time topic payload`` line per MQTT message, as ``mosquitto_sub -v``
piped through ``ts`` writes it), decoded exactly as the live ``hfp+mqtt://``
feed decodes messages.  Lines that cannot be read are counted and sampled
like malformed MQTT messages; the rest goes on.

Pace.  By default the log is stored as fast as the store takes it (an
import).  With ``speed`` set, observations are handed over at ``speed`` times
the pace of their own timestamps (60 = one recorded minute per second), for
a replay that looks live.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from twin_app.core.errors import FeedError, MalformedMessageError, MissingFileError
from twin_app.core.i18n import _, format_number
from twin_app.core.live.hfp import decode_hfp, read_dump_line
from twin_app.core.live.mapping import PayloadMapping, decode_object
from twin_app.core.live.observation import (
    Observation,
    ObservationKind,
    Sink,
    SourceState,
    SourceStatus,
    parse_time,
)

SUFFIXES = (".csv", ".jsonl", ".ndjson", ".dump")
MAX_SAMPLES = 5
MAX_LINE = 1 << 20


#: the fields of a log line ``log_line`` writes; an ``extra`` key of the same name is not written
LINE_FIELDS = ("source", "kind", "id", "time", "value", "unit", "lon", "lat", "feature_id")


def log_line(obs: Observation) -> dict[str, Any]:
    """One observation as a JSON-lines log line this source reads back as the same observation.

    The default mapping's fields (``id``, ``time``, ``value``, ``unit``,
    ``lon``, ``lat``, ``feature_id``) plus ``source`` and ``kind``; what the
    feed said besides (``extra``) follows at the top level, where the reader
    puts it back into ``extra``.  When it was received is not written: a
    replayed log is received anew.
    """
    line: dict[str, Any] = {
        "source": obs.source,
        "kind": str(obs.kind),
        "id": obs.entity,
        "time": obs.time.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
    }
    for key, value in (
        ("value", obs.value),
        ("unit", obs.unit),
        ("lon", obs.lon),
        ("lat", obs.lat),
        ("feature_id", obs.feature_id),
    ):
        if value is not None:
            line[key] = value
    for key, value in obs.extra.items():
        if key not in LINE_FIELDS:
            line[key] = value
    return line


def path_of(url: str) -> Path:
    """The local path in ``file:///abs/path``, ``file://relative/path`` or a plain path."""
    if not url.startswith("file://"):
        return Path(url)
    parsed = urlparse(url)
    return Path(unquote(parsed.netloc + parsed.path))


class _DumpLine(str):
    """One line of an HFP recording (told apart from a JSON line that failed to parse)."""


class FileSource:
    """A :class:`~twin_app.core.live.observation.Source` over a CSV or JSON-lines log."""

    def __init__(
        self,
        path: Path | str,
        *,
        name: str | None = None,
        mapping: PayloadMapping | None = None,
        speed: float | None = None,
        batch_size: int = 5_000,
    ) -> None:
        self.path = path_of(str(path))
        if self.path.suffix.lower() not in SUFFIXES:
            raise FeedError(
                _(
                    "'{path}' is not a log twin_app replays; name a .csv, a .jsonl (JSON lines) file "
                    "or a .dump recording of HSL's positioning feed."
                ).format(path=self.path)
            )
        if not self.path.is_file():
            raise MissingFileError(self.path, what="observation log")
        if speed is not None and not speed > 0:
            raise FeedError(
                _("A replay speed of {speed} cannot be kept; give a speed above 0 (1 = real time).").format(
                    speed=format_number(speed)
                )
            )
        self.mapping = mapping or PayloadMapping()
        self.name = name or self.path.stem
        #: a log's own ``source`` column is kept unless a name was given (``feed replay`` writes it)
        self._named = name is not None or self.mapping.source is not None
        self.speed = speed
        self.batch_size = batch_size
        self.status = SourceStatus(source=self.name)
        self._stop = threading.Event()

    def _rows(self) -> Iterator[tuple[int, object]]:
        with self.path.open(encoding="utf-8-sig", newline="") as f:
            suffix = self.path.suffix.lower()
            if suffix == ".csv":
                for number, row in enumerate(csv.DictReader(f), start=2):
                    yield number, {k: (v if v != "" else None) for k, v in row.items() if k is not None}
            elif suffix == ".dump":
                for number, line in enumerate(f, start=1):
                    if line.strip():
                        yield number, _DumpLine(line[:MAX_LINE])
            else:
                for number, line in enumerate(f, start=1):
                    if not line.strip():
                        continue
                    try:
                        yield number, json.loads(line[:MAX_LINE])
                    except json.JSONDecodeError:
                        yield number, line[:300]

    def _malformed(self, number: int, item: object, why: str) -> None:
        self.status.malformed += 1
        if len(self.status.malformed_samples) < MAX_SAMPLES:
            self.status.malformed_samples.append(f"{self.path.name}:{number}: {why}: {str(item)[:300]}")

    def observations(self) -> Iterator[Observation]:
        received = dt.datetime.now(dt.UTC)
        for number, item in self._rows():
            self.status.received += 1
            if isinstance(item, str) and not isinstance(item, _DumpLine):
                self._malformed(number, item, _("the line is not JSON"))
                continue
            try:
                if isinstance(item, _DumpLine):
                    yield from self._decode_dump_line(item)
                else:
                    yield self._own_source_and_kind(
                        decode_object(self.mapping, self.name, str(self.path), item, received), item
                    )
            except MalformedMessageError as exc:
                self._malformed(number, item, str(exc))

    def _decode_dump_line(self, line: _DumpLine) -> list[Observation]:
        stamp, topic, payload = read_dump_line(line)
        try:
            received = parse_time(stamp)
        except ValueError:
            raise MalformedMessageError(_("the line does not start with its receive time")) from None
        return decode_hfp(topic, payload, received, source=self.name)

    def _own_source_and_kind(self, obs: Observation, item: object) -> Observation:
        """A line's ``source`` and ``kind`` (``sensor``/``vehicle``), as ``feed replay`` writes them."""
        if not isinstance(item, dict) or not ("source" in obs.extra or "kind" in obs.extra):
            return obs
        extra = dict(obs.extra)
        changes: dict[str, object] = {}
        source = item.get("source")
        if isinstance(source, str) and source and "source" in extra:
            del extra["source"]
            if not self._named:
                changes["source"] = source
        kind = item.get("kind")
        if kind in ("sensor", "vehicle") and "kind" in extra:
            del extra["kind"]
            changes["kind"] = ObservationKind(kind)
        return dataclasses.replace(obs, extra=extra, **changes)  # type: ignore[arg-type]

    def run(self, sink: Sink, *, until: float | None = None) -> None:
        self.status.state = SourceState.CONNECTED
        started = time.monotonic()
        first: dt.datetime | None = None
        batch: list[Observation] = []
        last_flush = started
        try:
            for obs in self.observations():
                if self._stop.is_set() or (until is not None and time.monotonic() >= until):
                    break
                if self.speed is not None:
                    first = first or obs.time
                    due = started + (obs.time - first).total_seconds() / self.speed
                    # hand over what is due before waiting for the next one
                    if due > time.monotonic() and batch:
                        self._flush(sink, batch)
                        batch = []
                    while not self._stop.is_set() and due > time.monotonic():
                        if until is not None and time.monotonic() >= until:
                            break
                        self._stop.wait(min(0.25, due - time.monotonic()))
                    if self._stop.is_set() or (until is not None and time.monotonic() >= until):
                        break
                batch.append(obs)
                if len(batch) >= self.batch_size or (
                    self.speed is not None and time.monotonic() - last_flush > 0.2
                ):
                    self._flush(sink, batch)
                    batch = []
                    last_flush = time.monotonic()
            self._flush(sink, batch)
        except OSError as exc:
            self._flush(sink, batch)
            self.status.state = SourceState.FAILED
            self.status.last_error = _("Reading '{path}' failed: {error}").format(path=self.path, error=exc)
            return
        except UnicodeDecodeError:
            self._flush(sink, batch)
            self.status.state = SourceState.FAILED
            self.status.last_error = _(
                "'{path}' is not UTF-8 text; save the log as UTF-8 and replay it again."
            ).format(path=self.path)
            return
        self.status.state = SourceState.STOPPED

    def _flush(self, sink: Sink, batch: list[Observation]) -> None:
        if batch:
            sink(batch)
            self.status.stored += len(batch)

    def stop(self) -> None:
        self._stop.set()


__all__ = ["LINE_FIELDS", "SUFFIXES", "FileSource", "log_line", "path_of"]
