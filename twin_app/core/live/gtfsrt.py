"""GTFS-realtime over HTTP: vehicle positions and trip delays, polled and decoded.

A GTFS-realtime feed (https://gtfs.org/realtime/reference/) is one protobuf
``FeedMessage`` served whole at a URL and replaced every few seconds.  Each
poll decodes it with Google's ``gtfs-realtime-bindings``:

- a ``VehiclePosition`` becomes a *vehicle* observation: the entity is the
  vehicle's id (else its label, else the feed entity's id); the time is the
  vehicle's own ``timestamp``, else the header's; lon/lat from ``position``;
  trip, route, bearing, speed, status and stop go to ``extra``;
- a ``TripUpdate`` becomes a *sensor* observation of delay: the entity is
  the trip id, the value the delay in seconds at the next stop (the first
  stop-time update whose time is not yet past, else the first one; the
  arrival delay, else the departure delay, else the trip's own ``delay``),
  unit ``"s"``; a short list of the stop-time updates goes to ``extra``.

A feed that answers with the same header timestamp as the last poll is the
same snapshot and is not stored again; within a new snapshot, a vehicle or
trip whose own timestamp has not moved is not stored again either (many
servers re-serve unchanged vehicles).  A body that is not a FeedMessage is
counted as malformed with a sample, and polling goes on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from google.protobuf.message import DecodeError
from google.transit import gtfs_realtime_pb2

from twin_app.core.i18n import _
from twin_app.core.live.http_poll import PolledSource, note_malformed
from twin_app.core.live.mapping import observation_problem
from twin_app.core.live.observation import (
    Observation,
    ObservationKind,
    Sink,
    batched,
)

#: observations handed to the sink at once (a whole region's feed is a few thousand)
BATCH_SIZE = 5000
#: stop-time updates summarised per trip in ``extra`` (a long trip lists dozens)
MAX_STOP_UPDATES = 10
_ACCEPT = "application/x-protobuf, application/octet-stream;q=0.9, */*;q=0.1"


def _utc(seconds: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)


def _enum_name(enum_type: Any, value: int) -> str:
    try:
        return str(enum_type.Name(value))
    except ValueError:
        return str(value)


def _trip_extra(trip: Any) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    for name in ("trip_id", "route_id", "start_date", "start_time"):
        if trip.HasField(name):
            extra[name] = getattr(trip, name)
    if trip.HasField("direction_id"):
        extra["direction_id"] = trip.direction_id
    if trip.HasField("schedule_relationship"):
        extra["schedule_relationship"] = _enum_name(
            gtfs_realtime_pb2.TripDescriptor.ScheduleRelationship, trip.schedule_relationship
        )
    return extra


def decode_feed(body: bytes) -> Any:
    """A ``FeedMessage`` from bytes; raises ValueError, in words, for anything else."""
    feed = gtfs_realtime_pb2.FeedMessage()
    try:
        feed.ParseFromString(body)
    except (DecodeError, RuntimeError, ValueError) as error:
        raise ValueError(
            _("the body is not a GTFS-realtime FeedMessage ({error})").format(error=error)
        ) from error
    if not feed.IsInitialized() or not feed.header.gtfs_realtime_version:
        raise ValueError(
            _("the body is not a GTFS-realtime FeedMessage (no header with a gtfs_realtime_version)")
        )
    return feed


def vehicle_observation(source: str, entity: Any, header_time: int, received: dt.datetime) -> Observation:
    """One VehiclePosition as a vehicle observation (raises ValueError for impossible values)."""
    vehicle = entity.vehicle
    descriptor = vehicle.vehicle
    name = descriptor.id or descriptor.label or entity.id
    stamp = vehicle.timestamp or header_time
    extra: dict[str, Any] = _trip_extra(vehicle.trip) if vehicle.HasField("trip") else {}
    if descriptor.label:
        extra["label"] = descriptor.label
    if descriptor.license_plate:
        extra["license_plate"] = descriptor.license_plate
    lon = lat = None
    if vehicle.HasField("position"):
        position = vehicle.position
        lon, lat = float(position.longitude), float(position.latitude)
        if position.HasField("bearing"):
            extra["bearing"] = round(float(position.bearing), 3)
        if position.HasField("speed"):
            extra["speed"] = round(float(position.speed), 3)  # m/s, as the reference says
        if position.HasField("odometer"):
            extra["odometer"] = float(position.odometer)
    if vehicle.HasField("current_status"):
        extra["current_status"] = _enum_name(
            gtfs_realtime_pb2.VehiclePosition.VehicleStopStatus, vehicle.current_status
        )
    if vehicle.HasField("stop_id"):
        extra["stop_id"] = vehicle.stop_id
    if vehicle.HasField("current_stop_sequence"):
        extra["current_stop_sequence"] = vehicle.current_stop_sequence
    if vehicle.HasField("occupancy_status"):
        extra["occupancy_status"] = _enum_name(
            gtfs_realtime_pb2.VehiclePosition.OccupancyStatus, vehicle.occupancy_status
        )
    return Observation(
        source=source,
        entity=name,
        time=_utc(stamp) if stamp else received,
        kind=ObservationKind.VEHICLE,
        lon=lon,
        lat=lat,
        received=received,
        extra=extra,
    )


def _stop_delay(update: Any) -> int | None:
    for event in ("arrival", "departure"):
        if update.HasField(event) and getattr(update, event).HasField("delay"):
            return int(getattr(update, event).delay)
    return None


def _stop_time(update: Any) -> int | None:
    for event in ("arrival", "departure"):
        if update.HasField(event) and getattr(update, event).HasField("time"):
            return int(getattr(update, event).time)
    return None


def trip_delay_observation(source: str, entity: Any, header_time: int, received: dt.datetime) -> Observation:
    """One TripUpdate as a delay observation at the trip's next stop."""
    update = entity.trip_update
    trip_id = update.trip.trip_id or entity.id
    stamp = update.timestamp or header_time
    now = stamp or int(received.timestamp())
    extra: dict[str, Any] = _trip_extra(update.trip)
    if update.HasField("vehicle") and update.vehicle.id:
        extra["vehicle_id"] = update.vehicle.id
    skipped = gtfs_realtime_pb2.TripUpdate.StopTimeUpdate.SKIPPED
    no_data = gtfs_realtime_pb2.TripUpdate.StopTimeUpdate.NO_DATA
    live = [u for u in update.stop_time_update if u.schedule_relationship not in (skipped, no_data)]
    upcoming = [u for u in live if (t := _stop_time(u)) is None or t >= now]
    nxt = upcoming[0] if upcoming else (live[0] if live else None)
    value: int | None = _stop_delay(nxt) if nxt is not None else None
    if value is None and update.HasField("delay"):
        value = int(update.delay)
    if nxt is not None:
        if nxt.HasField("stop_id"):
            extra["stop_id"] = nxt.stop_id
        if nxt.HasField("stop_sequence"):
            extra["stop_sequence"] = nxt.stop_sequence
    summary: list[dict[str, Any]] = []
    for stu in update.stop_time_update[:MAX_STOP_UPDATES]:
        item: dict[str, Any] = {}
        if stu.HasField("stop_sequence"):
            item["stop_sequence"] = stu.stop_sequence
        if stu.HasField("stop_id"):
            item["stop_id"] = stu.stop_id
        for event in ("arrival", "departure"):
            if stu.HasField(event):
                ev = getattr(stu, event)
                if ev.HasField("delay"):
                    item[f"{event}_delay"] = ev.delay
                if ev.HasField("time"):
                    item[f"{event}_time"] = ev.time
        if stu.schedule_relationship != gtfs_realtime_pb2.TripUpdate.StopTimeUpdate.SCHEDULED:
            item["schedule_relationship"] = _enum_name(
                gtfs_realtime_pb2.TripUpdate.StopTimeUpdate.ScheduleRelationship, stu.schedule_relationship
            )
        summary.append(item)
    extra["stop_time_updates"] = summary
    extra["stop_time_update_count"] = len(update.stop_time_update)
    return Observation(
        source=source,
        entity=trip_id,
        time=_utc(stamp) if stamp else received,
        kind=ObservationKind.SENSOR,
        value=float(value) if value is not None else None,
        unit="s" if value is not None else None,
        received=received,
        extra=extra,
    )


class GtfsRtSource(PolledSource):
    """A GTFS-realtime URL polled every ``interval_s`` seconds.

    ``options``: ``timeout_s``, ``max_bytes``, ``backoff_base_s``,
    ``backoff_max_s`` (see :mod:`twin_app.core.live.http_poll`), ``headers``
    (a mapping, e.g. an API key some agencies require).
    """

    def __init__(
        self,
        url: str,
        *,
        source_id: str = "gtfs-rt",
        interval_s: float = 15.0,
        options: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(
            url, what="GTFS-realtime", source_id=source_id, interval_s=interval_s, options=options
        )
        self._last_header: int | None = None
        #: entity -> the timestamp last stored for it (vehicles and trips apart)
        self._last_seen: dict[tuple[str, str], int] = {}
        self.snapshots = 0
        self.repeated_snapshots = 0

    def poll_once(self, sink: Sink) -> int:
        """Fetch and store one snapshot; the number of observations handed to the sink."""
        body = self._poller.get(self.url, conditional=True, accept=_ACCEPT)
        self._poller.mark_connected()
        if body is None:
            return 0
        try:
            feed = decode_feed(body)
        except ValueError as error:
            note_malformed(
                self.status,
                repr(body[:200]),
                _("A message from {url} was dropped: {reason}.").format(url=self.url, reason=error),
            )
            return 0
        return self.ingest(feed, sink)

    def ingest(self, feed: Any, sink: Sink) -> int:
        """Hand one decoded FeedMessage's new observations to ``sink``."""
        header_time = int(feed.header.timestamp)
        if header_time and header_time == self._last_header:
            self.repeated_snapshots += 1
            return 0
        self.snapshots += 1
        received = dt.datetime.now(dt.UTC)
        # what this snapshot holds; replacing the memory with it keeps it the feed's size
        current: dict[tuple[str, str], int] = {}

        def observations() -> Iterator[Observation]:
            for entity in feed.entity:
                if entity.is_deleted:
                    continue
                for field, make in (
                    ("vehicle", vehicle_observation),
                    ("trip_update", trip_delay_observation),
                ):
                    if not entity.HasField(field):
                        continue
                    self.status.received += 1
                    try:
                        obs = make(self.source_id, entity, header_time, received)
                    except ValueError as error:
                        note_malformed(
                            self.status,
                            str(entity)[:200],
                            _("An entity in {url} was dropped: {reason}.").format(
                                url=self.url, reason=observation_problem(error)
                            ),
                        )
                        continue
                    key = (field, obs.entity)
                    stamp = int(obs.time.timestamp())
                    current[key] = stamp
                    if self._last_seen.get(key) == stamp:
                        continue
                    yield obs

        delivered = 0
        for batch in batched(observations(), BATCH_SIZE):
            sink(batch)
            delivered += len(batch)
            self.status.stored += len(batch)
        # only what the sink accepted counts as seen: a failing store means a retry stores it
        self._last_seen = current
        self._last_header = header_time or None
        return delivered


__all__ = ["GtfsRtSource", "decode_feed", "trip_delay_observation", "vehicle_observation"]
