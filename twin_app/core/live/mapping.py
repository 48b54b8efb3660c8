"""From a JSON payload to observations: the mapping file of an MQTT feed.

A sensor network publishes JSON whose field names are its own.  A small TOML
file says which field is which (documented in ``docs/live-data.md``)::

    source = "air-quality"        # the name observations are stored under
    kind = "sensor"               # or "vehicle"
    unit = "ug/m3"                # used when a payload carries no unit

    [fields]                      # observation field = payload field (dotted for nested)
    entity = "id"                 # "@topic" takes the MQTT topic instead
    time = "time"                 # ISO 8601 or Unix seconds; absent -> time received
    value = "value"
    unit = "unit"
    lon = "lon"
    lat = "lat"
    feature_id = "feature_id"

Without a file the default mapping reads ``{"id", "time", "value", "unit",
"lon", "lat"}`` plus an optional ``feature_id``.  A payload may also be a JSON
array of such objects.  Payload fields the mapping does not name are kept in
``extra``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from twin_app.core.errors import FeedError, MalformedMessageError
from twin_app.core.i18n import _
from twin_app.core.live.observation import Observation, ObservationKind, parse_time

TOPIC = "@topic"
_FIELDS = ("entity", "time", "value", "unit", "lon", "lat", "feature_id")
DEFAULT_FIELDS: dict[str, str] = {
    "entity": "id",
    "time": "time",
    "value": "value",
    "unit": "unit",
    "lon": "lon",
    "lat": "lat",
    "feature_id": "feature_id",
}


@dataclass(frozen=True)
class PayloadMapping:
    """Which payload field fills which observation field."""

    source: str | None = None
    kind: ObservationKind = ObservationKind.SENSOR
    unit: str | None = None
    fields: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_FIELDS))

    @classmethod
    def load(cls, path: Path | str) -> PayloadMapping:
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise FeedError(
                _(
                    "The mapping file '{path}' could not be read as TOML ({error}); fix it or leave out "
                    "--mapping to use the default fields id, time, value, unit, lon, lat."
                ).format(path=path, error=exc)
            ) from exc
        fields = dict(DEFAULT_FIELDS)
        given = data.get("fields", {})
        unknown = sorted(set(given) - set(_FIELDS))
        if unknown:
            raise FeedError(
                _(
                    "The mapping file '{path}' names {unknown} under [fields]; use only {fields}, each set "
                    "to a payload field name in quotes."
                ).format(path=path, unknown=", ".join(unknown), fields=", ".join(_FIELDS))
            )
        if not all(isinstance(v, str) for v in given.values()):
            raise FeedError(
                _(
                    "The mapping file '{path}' sets a field under [fields] to something other than text; "
                    "set each of {fields} to a payload field name in quotes."
                ).format(path=path, fields=", ".join(_FIELDS))
            )
        fields.update(given)
        try:
            kind = ObservationKind(data.get("kind", "sensor"))
        except ValueError:
            raise FeedError(
                _('The mapping file \'{path}\' sets kind = {kind}; use "sensor" or "vehicle".').format(
                    path=path, kind=repr(data.get("kind"))
                )
            ) from None
        return cls(source=data.get("source"), kind=kind, unit=data.get("unit"), fields=fields)


def _lookup(payload: Mapping[str, Any], path: str) -> Any:
    value: Any = payload
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _number(value: Any, name: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise MalformedMessageError(_("the field {field} is not a number").format(field=name))
    try:
        number = float(value)
    except ValueError:
        raise MalformedMessageError(
            _("the field {field} ({value}) is not a number").format(field=name, value=repr(value))
        ) from None
    if not math.isfinite(number):
        raise MalformedMessageError(_("the field {field} is not a finite number").format(field=name))
    return number


def decode_json(
    mapping: PayloadMapping, source: str, topic: str, payload: bytes, received: dt.datetime
) -> list[Observation]:
    """Observations in one JSON payload; raises :class:`MalformedMessage` with the reason."""
    try:
        data = json.loads(payload)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MalformedMessageError(
            _("the payload is not JSON ({error})").format(error=exc.__class__.__name__)
        ) from None
    items = data if isinstance(data, list) else [data]
    return [decode_object(mapping, source, topic, item, received) for item in items]


def decode_object(
    mapping: PayloadMapping, source: str, topic: str, item: object, received: dt.datetime
) -> Observation:
    """One observation from one decoded object (a JSON object, a CSV row with empty cells as None)."""
    f = mapping.fields
    named = {v for v in f.values() if v != TOPIC}
    if not isinstance(item, Mapping):
        raise MalformedMessageError(_("the payload is not a JSON object"))
    entity = topic if f["entity"] == TOPIC else _lookup(item, f["entity"])
    if entity is None or isinstance(entity, (dict, list)):
        raise MalformedMessageError(_("no entity id in the field '{field}'").format(field=f["entity"]))
    raw_time = _lookup(item, f["time"])
    try:
        time = received if raw_time is None else parse_time(raw_time)
    except (ValueError, TypeError, OverflowError, OSError):
        raise MalformedMessageError(
            _("time {time} is not ISO 8601 or Unix seconds").format(time=repr(raw_time))
        ) from None
    unit = _lookup(item, f["unit"])
    feature = _lookup(item, f["feature_id"])
    try:
        return Observation(
            source=mapping.source or source,
            entity=str(entity),
            time=time,
            kind=mapping.kind,
            value=_number(_lookup(item, f["value"]), "value"),
            unit=str(unit) if unit is not None else mapping.unit,
            lon=_number(_lookup(item, f["lon"]), "lon"),
            lat=_number(_lookup(item, f["lat"]), "lat"),
            feature_id=str(feature) if feature is not None else None,
            received=received,
            extra={k: v for k, v in item.items() if k not in named},
        )
    except ValueError as exc:
        raise MalformedMessageError(observation_problem(exc)) from None


def observation_problem(exc: ValueError) -> str:
    """Why an observation could not be made, in the current language (Observation says it in English)."""
    text = str(exc)
    if "outside the Earth" in text:
        return _("the position is outside the Earth's coordinates")
    if "both lon and lat" in text:
        return _("it has a longitude without a latitude or the reverse")
    if "finite" in text:
        return _("the value is not a finite number")
    return text


__all__ = ["DEFAULT_FIELDS", "TOPIC", "PayloadMapping", "decode_json", "decode_object", "observation_problem"]
