"""OGC SensorThings API (v1.1) over HTTP: every Datastream's new Observations, polled.

SensorThings (OGC 18-088) models a sensor network as Things (a station) at
Locations, each with Datastreams (one measured quantity, with its
``unitOfMeasurement``) holding Observations (``phenomenonTime``, ``result``).
From the service root URL this source:

1. reads ``Things?$expand=Locations,Datastreams`` (following
   ``@iot.nextLink``) to learn each Datastream's unit and the position of
   its Thing (the first Location that is a GeoJSON Point); it reads them
   again every ``things_every_s`` seconds, so new stations appear;
2. reads each Datastream's ``Observations`` ordered by ``phenomenonTime``
   ascending, page after page through ``@iot.nextLink``, and from the second
   poll on only ``$filter=phenomenonTime gt <last stored>``, so nothing is
   read twice.  Each page goes to the sink as it arrives and advances the
   last-stored time only once the sink took it.

An Observation becomes a *sensor* observation: entity = the Datastream's
``@iot.id`` (or its name, with ``entity="name"``), value = ``result`` when it
is a finite number, unit = ``unitOfMeasurement.symbol``, time =
``phenomenonTime`` (an interval ``start/end`` takes its end, the start goes
to ``extra``).  A result that is not a number (a string, an object) is kept
in ``extra["result"]`` with no value, and counted in ``non_numeric``.
A page that is not SensorThings JSON is counted as malformed with a sample;
that Datastream is tried again at the next poll.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import time
import urllib.parse
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from twin_app.core.i18n import _
from twin_app.core.live.http_poll import PolledSource, note_malformed
from twin_app.core.live.mapping import observation_problem
from twin_app.core.live.observation import Observation, ObservationKind, Sink, parse_time

DEFAULT_THINGS_EVERY_S = 600.0
#: observations asked for per page ($top); servers may send fewer and a nextLink
DEFAULT_PAGE_SIZE = 1000
#: pages read per Datastream per poll, so one busy stream cannot starve the others
DEFAULT_MAX_PAGES = 100
_ACCEPT = "application/json"


@dataclass(frozen=True)
class Datastream:
    """What an Observation needs from its Datastream and Thing."""

    id: Any
    name: str
    unit: str | None
    thing: str | None
    lon: float | None
    lat: float | None
    observed_property: str | None = None


def _key(iot_id: Any) -> str:
    """An @iot.id as a URL key: numbers bare, strings quoted with '' escaping (OData)."""
    if isinstance(iot_id, bool) or not isinstance(iot_id, (int, float)):
        return "'" + str(iot_id).replace("'", "''") + "'"
    return str(iot_id)


def _point(location: Any) -> tuple[float, float] | None:
    """lon/lat of a GeoJSON Point, or of a Feature whose geometry is one."""
    if not isinstance(location, Mapping):
        return None
    if location.get("type") == "Feature":
        return _point(location.get("geometry"))
    if location.get("type") != "Point":
        return None
    coords = location.get("coordinates")
    if not isinstance(coords, list) or len(coords) < 2:
        return None
    lon, lat = coords[0], coords[1]
    if not all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in (lon, lat)):
        return None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return None
    return float(lon), float(lat)


def datastreams_of(thing: Mapping[str, Any]) -> list[Datastream]:
    """The Datastreams of one expanded Thing, with the Thing's point position."""
    position = None
    for location in thing.get("Locations") or []:
        if isinstance(location, Mapping):
            position = _point(location.get("location"))
            if position:
                break
    lon, lat = position if position else (None, None)
    result = []
    for stream in thing.get("Datastreams") or []:
        if not isinstance(stream, Mapping) or "@iot.id" not in stream:
            continue
        unit = stream.get("unitOfMeasurement")
        symbol = unit.get("symbol") if isinstance(unit, Mapping) else None
        prop = stream.get("ObservedProperty")
        result.append(
            Datastream(
                id=stream["@iot.id"],
                name=str(stream.get("name") or stream["@iot.id"]),
                unit=str(symbol) if symbol else None,
                thing=str(thing.get("name")) if thing.get("name") is not None else None,
                lon=lon,
                lat=lat,
                observed_property=str(prop.get("name"))
                if isinstance(prop, Mapping) and prop.get("name")
                else None,
            )
        )
    return result


def _filter_time(when: dt.datetime) -> str:
    """ISO 8601 UTC with a Z, keeping microseconds only when there are any (gt must not round down)."""
    text = when.astimezone(dt.UTC).isoformat(timespec="microseconds" if when.microsecond else "seconds")
    return text.replace("+00:00", "Z")


def observation_of(
    source: str, stream: Datastream, item: Mapping[str, Any], *, by_name: bool, received: dt.datetime
) -> tuple[Observation, bool]:
    """One SensorThings Observation; the bool says whether its result was a number."""
    phenomenon = item.get("phenomenonTime")
    if not isinstance(phenomenon, str):
        raise ValueError(_("it has no phenomenonTime"))
    extra: dict[str, Any] = {"datastream": stream.name}
    if stream.thing is not None:
        extra["thing"] = stream.thing
    if stream.observed_property:
        extra["observed_property"] = stream.observed_property
    if "@iot.id" in item:
        extra["observation_id"] = item["@iot.id"]
    if "/" in phenomenon:
        start, end = phenomenon.split("/", 1)
        extra["phenomenon_start"] = _filter_time(parse_time(start))
        when = parse_time(end)
    else:
        when = parse_time(phenomenon)
    if isinstance(item.get("resultTime"), str):
        extra["result_time"] = item["resultTime"]
    result = item.get("result")
    numeric = isinstance(result, (int, float)) and not isinstance(result, bool) and math.isfinite(result)
    if not numeric:
        extra["result"] = result
    obs = Observation(
        source=source,
        entity=stream.name if by_name else str(stream.id),
        time=when,
        kind=ObservationKind.SENSOR,
        value=float(result) if numeric else None,  # type: ignore[arg-type]
        unit=stream.unit,
        lon=stream.lon,
        lat=stream.lat,
        received=received,
        extra=extra,
    )
    return obs, numeric


class _BadPage(Exception):
    pass


class SensorThingsSource(PolledSource):
    """A SensorThings service root (e.g. ``https://example.org/FROST-Server/v1.1``), polled.

    ``options``: ``since`` (ISO time: read nothing older at the first poll),
    ``entity`` (``"id"`` or ``"name"``), ``page_size``, ``max_pages``,
    ``things_every_s``, ``headers``, and the polling options of
    :mod:`twin_app.core.live.http_poll`.
    """

    def __init__(
        self,
        url: str,
        *,
        source_id: str = "sensorthings",
        interval_s: float = 30.0,
        options: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(
            url, what="SensorThings", source_id=source_id, interval_s=interval_s, options=options
        )
        self.url = self.url.rstrip("/")
        opts = self.options
        self._by_name = opts.get("entity", "id") == "name"
        self._page_size = int(opts.get("page_size", DEFAULT_PAGE_SIZE))
        self._max_pages = int(opts.get("max_pages", DEFAULT_MAX_PAGES))
        self._things_every_s = float(opts.get("things_every_s", DEFAULT_THINGS_EVERY_S))
        since = opts.get("since")
        try:
            self._since: dt.datetime | None = parse_time(since) if since is not None else None
        except (TypeError, ValueError) as error:
            raise ValueError(
                _(
                    "The SensorThings option since={since} is not an ISO 8601 time with a time zone, "
                    "such as 2026-06-01T00:00:00Z."
                ).format(since=repr(since))
            ) from error
        self.streams: dict[str, Datastream] = {}
        #: Datastream key -> phenomenonTime of the last Observation the sink took
        self.last: dict[str, dt.datetime] = {}
        self._things_read_at: float | None = None
        self.non_numeric = 0
        self.pages = 0

    # -- reading ----------------------------------------------------------------------
    def _pages(self, first_url: str) -> Iterator[list[Mapping[str, Any]]]:
        """The ``value`` arrays of a collection and its ``@iot.nextLink`` pages."""
        url: str | None = first_url
        seen: set[str] = set()
        while url and url not in seen:
            seen.add(url)
            body = self._poller.get(url, accept=_ACCEPT)
            self._poller.mark_connected()
            self.pages += 1
            try:
                page = json.loads(body or b"")
            except (ValueError, UnicodeDecodeError) as error:
                note_malformed(
                    self.status,
                    repr((body or b"")[:200]),
                    _("A page from {url} is not JSON ({error}).").format(url=url, error=error),
                )
                raise _BadPage from error
            if not isinstance(page, Mapping) or not isinstance(page.get("value"), list):
                note_malformed(
                    self.status,
                    repr((body or b"")[:200]),
                    _("A page from {url} is not a SensorThings collection.").format(url=url),
                )
                raise _BadPage
            yield page["value"]
            link = page.get("@iot.nextLink")
            url = urllib.parse.urljoin(url, link) if isinstance(link, str) else None

    def refresh_things(self) -> None:
        query = urllib.parse.urlencode(
            {"$expand": "Locations,Datastreams"}, safe="$,", quote_via=urllib.parse.quote
        )
        streams: dict[str, Datastream] = {}
        try:
            for things in self._pages(f"{self.url}/Things?{query}"):
                for thing in things:
                    if isinstance(thing, Mapping):
                        for stream in datastreams_of(thing):
                            streams[_key(stream.id)] = stream
        except _BadPage:
            return
        self.streams = streams
        self._things_read_at = time.monotonic()

    def observations_url(self, key: str) -> str:
        params = {"$orderby": "phenomenonTime asc", "$top": str(self._page_size)}
        after = self.last.get(key) or self._since
        if after is not None:
            params["$filter"] = f"phenomenonTime gt {_filter_time(after)}"
        query = urllib.parse.urlencode(params, safe="$,:", quote_via=urllib.parse.quote)
        return f"{self.url}/Datastreams({key})/Observations?{query}"

    def poll_once(self, sink: Sink) -> int:
        """Read what is new in every Datastream; the number of observations handed to the sink."""
        due = self._things_read_at is None or time.monotonic() - self._things_read_at >= self._things_every_s
        if due:
            self.refresh_things()
        delivered = 0
        for key, stream in list(self.streams.items()):
            if self._poller.stopped:
                break
            delivered += self._poll_stream(key, stream, sink)
        return delivered

    def _poll_stream(self, key: str, stream: Datastream, sink: Sink) -> int:
        delivered = 0
        pages = 0
        try:
            for items in self._pages(self.observations_url(key)):
                received = dt.datetime.now(dt.UTC)
                batch: list[Observation] = []
                for item in items:
                    self.status.received += 1
                    try:
                        if not isinstance(item, Mapping):
                            raise ValueError(_("it is not a JSON object"))
                        obs, numeric = observation_of(
                            self.source_id, stream, item, by_name=self._by_name, received=received
                        )
                    except ValueError as error:
                        note_malformed(
                            self.status,
                            json.dumps(item, default=str)[:200],
                            _("An Observation of Datastream {datastream} was dropped: {reason}.").format(
                                datastream=key, reason=observation_problem(error)
                            ),
                        )
                        continue
                    if not numeric:
                        self.non_numeric += 1
                    batch.append(obs)
                if batch:
                    sink(batch)
                    delivered += len(batch)
                    self.status.stored += len(batch)
                    newest = max(o.time for o in batch)
                    if key not in self.last or newest > self.last[key]:
                        self.last[key] = newest
                pages += 1
                if pages >= self._max_pages or self._poller.stopped:
                    break
        except _BadPage:
            pass
        return delivered


__all__ = ["Datastream", "SensorThingsSource", "datastreams_of", "observation_of"]
