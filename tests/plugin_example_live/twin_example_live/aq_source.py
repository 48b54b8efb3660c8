"""The air-quality replay feed: ``aq-replay:stations.aq.csv`` sends the CSV's readings as sensor observations.

A small custom source written against the public API only: it keeps a
:class:`SourceStatus`, hands the sink batches of :class:`Observation`
values, counts rows it cannot read as malformed (with a sample), and returns
when the log ends, ``stop`` is called, or ``until`` (a monotonic deadline)
passes.  With ``speed`` above 0 it paces the readings by their own times.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from twin_app.api import FeedError, MissingFileError, Observation, ObservationKind, SourceState, SourceStatus
from twin_example_live.aq_csv import UNITS, looks_like_aq, parse_row, rows

BATCH = 1000


class AqReplay:
    def __init__(self, path: Path, *, name: str, pollutant: str, speed: float) -> None:
        self.path = path
        self.name = name
        self.pollutant = pollutant
        self.speed = speed
        self.status = SourceStatus(source=name)
        self._stop = threading.Event()

    def run(self, sink: Callable[[list[Observation]], None], *, until: float | None = None) -> None:
        self.status.state = SourceState.CONNECTED
        started = time.monotonic()
        first: dt.datetime | None = None
        batch: list[Observation] = []

        def over() -> bool:
            return self._stop.is_set() or (until is not None and time.monotonic() >= until)

        for number, row in rows(self.path):
            if over():
                break
            self.status.received += 1
            try:
                r = parse_row(number, row)
            except ValueError as exc:
                self.status.malformed += 1
                if len(self.status.malformed_samples) < 5:
                    self.status.malformed_samples.append(f"{self.path.name}:{number}: {exc}: {row}")
                continue
            if self.pollutant not in r.values:
                continue  # not measured at this station at this time
            if self.speed > 0:
                first = first or r.time
                due = started + (r.time - first).total_seconds() / self.speed
                if due > time.monotonic() and batch:
                    self._flush(sink, batch)
                    batch = []
                while not over() and due > time.monotonic():
                    self._stop.wait(min(0.25, due - time.monotonic()))
                if over():
                    break
            batch.append(
                Observation(
                    source=self.name,
                    entity=r.station,
                    time=r.time,
                    kind=ObservationKind.SENSOR,
                    value=r.values[self.pollutant],
                    unit=UNITS,
                    lon=r.lon,
                    lat=r.lat,
                    extra={"pollutant": self.pollutant},
                )
            )
            if len(batch) >= BATCH:
                self._flush(sink, batch)
                batch = []
        self._flush(sink, batch)
        self.status.state = SourceState.STOPPED

    def _flush(self, sink: Callable[[list[Observation]], None], batch: list[Observation]) -> None:
        if batch:
            sink(batch)
            self.status.stored += len(batch)

    def stop(self) -> None:
        self._stop.set()


def open_aq_replay(url: str, options: Mapping[str, Any]) -> AqReplay:
    """The factory the manifest names: ``options`` arrive checked against the manifest's types."""
    path = Path(url.partition(":")[2].removeprefix("//"))
    if not path.is_file():
        raise MissingFileError(path, what="air-quality log")
    if not looks_like_aq(path):
        raise FeedError(
            f"'{path}' is not an air-quality log: its first line should name the columns station, lon, lat, "
            "time and at least one of pm25, pm10, no2, o3."
        )
    return AqReplay(path, name=options["name"], pollutant=options["pollutant"], speed=float(options["speed"]))
