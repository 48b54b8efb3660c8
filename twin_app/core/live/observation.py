"""One observation of the city's systems, from any feed: a sensor reading or a vehicle fix.

Every source (MQTT, HSL's high-frequency positioning, GTFS-realtime, OGC
SensorThings, a replayed file) turns what it receives into
:class:`Observation` values; the store writes them before anything draws
them, and replay reads them back.  Times are timezone-aware UTC: a feed's
local time is converted when it is decoded, never guessed later.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from twin_app.core.i18n import _


class ObservationKind(StrEnum):
    SENSOR = "sensor"
    VEHICLE = "vehicle"


@dataclass(frozen=True)
class Observation:
    """What a feed said about one thing at one time.

    ``source`` names the feed (as configured: "hsl-hfp", "air-quality"...),
    ``entity`` the sensor or vehicle within it.  ``value`` and ``unit`` carry
    a reading (None for a bare vehicle fix); ``lon``/``lat`` (WGS 84) a
    position, or ``feature_id`` the city feature it belongs to (a building's
    id) when the feed reports by feature.  ``extra`` holds what else the feed
    said (bearing, speed, route, direction, delay...), JSON-compatible.
    """

    source: str
    entity: str
    time: dt.datetime
    kind: ObservationKind = ObservationKind.SENSOR
    value: float | None = None
    unit: str | None = None
    lon: float | None = None
    lat: float | None = None
    feature_id: str | None = None
    received: dt.datetime | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.time.tzinfo is None:
            raise ValueError("an observation's time must be timezone-aware (UTC)")
        if self.value is not None and not math.isfinite(self.value):
            raise ValueError("an observation's value must be a finite number")
        if (self.lon is None) != (self.lat is None):
            raise ValueError("an observation has both lon and lat, or neither")
        if self.lon is not None and not (-180 <= self.lon <= 180 and -90 <= self.lat <= 90):  # type: ignore[operator]
            raise ValueError("an observation's position is outside the Earth's coordinates")


class SourceState(StrEnum):
    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    STOPPED = "stopped"
    FAILED = "failed"


@dataclass
class SourceStatus:
    """What a feed panel shows of one source."""

    source: str
    state: SourceState = SourceState.CONNECTING
    received: int = 0
    stored: int = 0
    malformed: int = 0
    #: a few malformed messages as received (truncated), for the log
    malformed_samples: list[str] = field(default_factory=list)
    last_error: str | None = None
    messages_per_s: float = 0.0


#: a sink takes decoded observations in batches (the store's ``append``)
Sink = Callable[[list[Observation]], None]


class Source(Protocol):
    """A feed: started with a sink, it delivers batches of observations until stopped.

    ``run`` blocks (call it on a worker thread or in the CLI) and returns
    when ``stop`` is called, when ``until`` (a monotonic deadline) passes, or
    when a finite source (a file) is exhausted.  A source reconnects by
    itself with backoff; it never raises for a dropped connection or a
    malformed message, it counts them in ``status``.
    """

    status: SourceStatus

    def run(self, sink: Sink, *, until: float | None = None) -> None: ...

    def stop(self) -> None: ...


def parse_time(text: str | float | int) -> dt.datetime:
    """ISO 8601 ("2026-06-01T12:00:00Z", "...+03:00") or Unix seconds, as aware UTC."""
    if isinstance(text, (int, float)):
        return dt.datetime.fromtimestamp(float(text), tz=dt.UTC)
    value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError(_("the time {time} has no time zone").format(time=repr(text)))
    return value.astimezone(dt.UTC)


def batched(items: Iterator[Observation], size: int) -> Iterator[list[Observation]]:
    batch: list[Observation] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


__all__ = [
    "Observation",
    "ObservationKind",
    "Sink",
    "Source",
    "SourceState",
    "SourceStatus",
    "batched",
    "parse_time",
]
