"""HSL high-frequency positioning (HFP v2): Helsinki's public vehicle feed, decoded to vehicle fixes.

The format is HSL's (digitransit.fi, "High-frequency positioning"): MQTT
topics

    /hfp/v2/<journey_type>/<temporal_type>/<event_type>/<transport_mode>/<operator_id>/
        <vehicle_number>/<route_id>/<direction_id>/<headsign>/<start_time>/<next_stop>/
        <geohash_level>/<geohash>/<sid>/#

(with a leading slash; the levels after the vehicle number exist only for
``journey``, and the geohash itself spans several levels), and a compact JSON
payload whose one key is the upper-case event type: ``{"VP": {"tst": ...,
"lat": ..., "long": ..., "hdg": ..., "spd": ..., "dl": ...}}``.

One message becomes one vehicle observation: the entity is
``<operator_id>/<vehicle_number>`` as the topic writes them (zero-padded, so
one bus is one entity whichever operator number its payload carries), the
time is ``tst``, the position ``long``/``lat`` (absent when HSL sends null),
and ``extra`` keeps the event type, mode, route, direction, headsign, heading
``hdg`` (degrees), speed ``spd`` (m/s), delay ``dl`` (s, negative = late)
and the other payload fields.  Data: Helsinki Region Transport (HSL), CC BY 4.0.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from twin_app.core.errors import MalformedMessageError
from twin_app.core.i18n import _
from twin_app.core.live.mapping import observation_problem
from twin_app.core.live.mqtt import MqttAddress, MqttSource, without_credentials
from twin_app.core.live.observation import Observation, ObservationKind, parse_time

#: what ``hfp+mqtt://host:port`` with no topic subscribes to; HSL advises ending filters with '#'
DEFAULT_TOPIC = "/hfp/v2/#"

_TOPIC_LEVELS = (
    "journey_type",
    "temporal_type",
    "event_type",
    "mode",
    "operator",
    "vehicle",
    "route",
    "direction",
    "headsign",
    "start",
    "next_stop",
)
#: payload fields copied into ``extra`` under their own names (position and time have columns)
_PAYLOAD_EXTRA = (
    "desi", "dir", "oper", "veh", "spd", "hdg", "acc", "dl", "odo", "drst", "oday", "jrn", "line",
    "start", "loc", "stop", "route", "occu", "seq", "label", "ttarr", "ttdep",
)  # fmt: skip


def parse_topic(topic: str) -> dict[str, str]:
    """The named levels of an HFP v2 topic; raises MalformedMessageError for another topic."""
    parts = topic.split("/")
    if len(parts) < 9 or parts[0] != "" or parts[1] != "hfp" or parts[2] != "v2":
        raise MalformedMessageError(_("the topic is not an HFP v2 topic (/hfp/v2/...)"))
    levels = dict(zip(_TOPIC_LEVELS, parts[3:], strict=False))
    if not (levels["operator"].isdigit() and levels["vehicle"].isdigit()):
        raise MalformedMessageError(_("the topic's operator and vehicle levels are not numbers"))
    return levels


def decode_hfp(
    topic: str, payload: bytes, received: dt.datetime, *, source: str = "hfp"
) -> list[Observation]:
    """One vehicle observation from one HFP v2 message."""
    levels = parse_topic(topic)
    try:
        data = json.loads(payload)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise MalformedMessageError(_("the payload is not JSON")) from None
    if not isinstance(data, dict) or len(data) != 1:
        raise MalformedMessageError(_("the payload is not one object keyed by its event type (such as VP)"))
    ((event, body),) = data.items()
    if not isinstance(body, dict):
        raise MalformedMessageError(_("the {event} payload is not an object").format(event=event))
    try:
        time = parse_time(body["tst"])
    except (KeyError, TypeError, ValueError):
        raise MalformedMessageError(_("the payload has no valid tst time")) from None
    lon, lat = body.get("long"), body.get("lat")
    if lon is None or lat is None:
        lon = lat = None
    elif not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (lon, lat)):
        raise MalformedMessageError(_("long/lat are not numbers"))
    extra: dict[str, Any] = {"event": event}
    extra.update({k: v for k, v in levels.items() if k not in ("operator", "vehicle")})
    extra.update({k: body[k] for k in _PAYLOAD_EXTRA if k in body and k not in extra})
    try:
        return [
            Observation(
                source=source,
                entity=f"{levels['operator']}/{levels['vehicle']}",
                time=time,
                kind=ObservationKind.VEHICLE,
                lon=float(lon) if lon is not None else None,
                lat=float(lat) if lat is not None else None,
                received=received,
                extra=extra,
            )
        ]
    except ValueError as exc:
        raise MalformedMessageError(observation_problem(exc)) from None


def hfp_source(url: str, *, name: str | None = None, client_id: str | None = None) -> MqttSource:
    """An MQTT source for ``hfp+mqtt(s)://host[:port][/hfp/v2/...filter]`` (default ``/hfp/v2/#``)."""
    address = MqttAddress.parse(url, default_topic=DEFAULT_TOPIC, keep_leading_slash=True)
    source = name or without_credentials(url)

    def decoder(topic: str, payload: bytes, received: dt.datetime) -> list[Observation]:
        return decode_hfp(topic, payload, received, source=source)

    return MqttSource(address, name=source, decoder=decoder, client_id=client_id)


def read_dump_line(line: str) -> tuple[str, str, bytes]:
    """(receive time, topic, payload) of one line of a recorded dump (``mosquitto_sub -v | ts``).

    A headsign can hold spaces, so the topic ends at the first ``' {"'``, not at a space.
    """
    stamp, _sep, rest = line.rstrip("\n").partition(" ")
    topic, sep, payload = rest.partition(' {"')
    if not sep:
        raise MalformedMessageError(_("the line has no JSON payload after its topic"))
    return stamp, topic, ('{"' + payload).encode("utf-8")


__all__ = ["DEFAULT_TOPIC", "decode_hfp", "hfp_source", "parse_topic", "read_dump_line"]
