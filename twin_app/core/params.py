"""Typed analysis parameters: one definition drives the dialog, the CLI and validation.

A plugin declares its parameters in its manifest; each becomes one of these
objects.  The Qt dialog and the ``twin-app run`` options are generated from
them, and :func:`validate_params` checks a set of raw values (strings from the
command line, widget values, JSON) against them *before* the run, with the
same code everywhere, so a value refused in the GUI is refused in scripts too.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from twin_app.core.errors import MissingLayerError, ParameterError, TwinError
from twin_app.core.i18n import N_, _, babel_locale, manifest_text, pgettext
from twin_app.core.layers import (
    BuildingsLayer,
    Layer,
    LineLayer,
    NetworkLayer,
    PointLayer,
    PolygonLayer,
    PopulationLayer,
    RasterLayer,
    StopsLayer,
)
from twin_app.core.model import CityModel

LAYER_TYPES: dict[str, type[Layer]] = {
    "buildings": BuildingsLayer,
    "network": NetworkLayer,
    "points": PointLayer,
    "lines": LineLayer,
    "polygons": PolygonLayer,
    "raster": RasterLayer,
    "population": PopulationLayer,
    "stops": StopsLayer,
}

#: the sentence for a city without a layer of each type, saying how a user adds one; whole
#: sentences (translated where shown), because the type's name and the advice take different
#: places in other languages' grammar
NO_LAYER: dict[str, str] = {
    "buildings": N_(
        "'{label}' ({option}) needs a buildings layer, and the city has none: import the city with "
        "'twin-app city import NAME --osm FILE', which reads the buildings."
    ),
    "network": N_(
        "'{label}' ({option}) needs a network layer, and the city has none: import the city with "
        "'twin-app city import NAME --osm FILE', which reads the streets."
    ),
    "points": N_(
        "'{label}' ({option}) needs a points layer, and the city has none: import a GTFS feed with "
        "'twin-app city import NAME --gtfs FILE', or open a points file."
    ),
    "lines": N_(
        "'{label}' ({option}) needs a lines layer, and the city has none: open a file of lines with "
        "File → Open file."
    ),
    "polygons": N_(
        "'{label}' ({option}) needs a polygons layer, and the city has none: open a file of polygons "
        "with File → Open file."
    ),
    "raster": N_(
        "'{label}' ({option}) needs a raster layer, and the city has none: import one with "
        "'twin-app city import NAME --raster LABEL=FILE.tif', or open a GeoTIFF."
    ),
    "population": N_(
        "'{label}' ({option}) needs a population layer, and the city has none: import one with "
        "'twin-app city import NAME --population FILE', or open a population grid with File → Open file."
    ),
    "stops": N_(
        "'{label}' ({option}) needs a stops layer, and the city has none: a city takes its stops from a "
        "GTFS feed ('twin-app city import NAME --osm FILE --gtfs FEED.zip'), or, without one, from the "
        "stops its OSM file maps, when it maps any."
    ),
}


def plain_number(value: float) -> str:
    """``value`` as a person types it in a field, with the language's decimal sign (1.5, 1,5).

    No digit grouping: the value echoes what was typed or what a field
    accepts, and "2 000" would not parse back.
    """
    from babel.numbers import format_decimal

    return format_decimal(value, format="0.######", locale=babel_locale())


def type_name(layer_type: str) -> str:
    """A layer type's name in the current language (the identifier itself when it has none)."""
    names = {
        "buildings": pgettext("layer type", "buildings"),
        "network": pgettext("layer type", "network"),
        "points": pgettext("layer type", "points"),
        "lines": pgettext("layer type", "lines"),
        "polygons": pgettext("layer type", "polygons"),
        "raster": pgettext("layer type", "raster"),
        "population": pgettext("layer type", "population"),
        "stops": pgettext("layer type", "stops"),
        "districts": pgettext("layer type", "districts"),
        "live": pgettext("layer type", "live"),
    }
    return names.get(layer_type, layer_type)


@dataclass(frozen=True)
class Param:
    """What every parameter has; subclasses add their own rules."""

    name: str
    title: str = ""
    help: str = ""
    default: Any = None
    required: bool = False
    kind: ClassVar[str] = "param"

    @property
    def label(self) -> str:
        return self.title or self.name.replace("_", " ")

    @property
    def shown_label(self) -> str:
        """The label in the current language (the manifest's words when no catalogue has them)."""
        return manifest_text(self.title) if self.title else self.label

    @property
    def shown_help(self) -> str:
        return manifest_text(self.help)

    @property
    def option(self) -> str:
        """The command-line option (``--walk-distance``)."""
        return "--" + self.name.replace("_", "-")

    def parse(self, raw: Any, model: CityModel | None) -> Any:
        return raw

    def default_for(self, model: CityModel | None) -> Any:
        return self.default

    def describe(self) -> str:
        """One line for ``twin-app help``."""
        if self.default is None:
            return self.shown_help
        return _("{help} (default: {default})").format(help=self.shown_help, default=self.default).strip()

    def error(self, message: str, **fields: Any) -> ParameterError:
        """``message`` (a translated sentence with ``{label}`` and ``{option}``) as the error to raise."""
        return ParameterError(message.format(label=self.shown_label, option=self.option, **fields))

    def missing(self, model: CityModel | None) -> TwinError:
        """The error for a required parameter left without a value."""
        return self.error(_("Parameter '{label}' ({option}): a value is required."))


@dataclass(frozen=True)
class NumberParam(Param):
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    kind: ClassVar[str] = "number"

    def parse(self, raw: Any, model: CityModel | None) -> float | int:
        try:
            value = (
                float(str(raw).strip().removesuffix(self.unit).strip())
                if isinstance(raw, str)
                else float(raw)
            )
        except (TypeError, ValueError):
            raise self.error(
                _("Parameter '{label}' ({option}): '{value}' is not a number."), value=raw
            ) from None
        if not math.isfinite(value):
            raise self.error(_("Parameter '{label}' ({option}): must be a finite number."))
        if self.integer and value != int(value):
            raise self.error(
                _("Parameter '{label}' ({option}): must be a whole number, not {value}."), value=raw
            )
        if self.minimum is not None and value < self.minimum:
            raise self.error(
                _("Parameter '{label}' ({option}): {value} is below the minimum {minimum}."),
                value=self._amount(value),
                minimum=self._amount(self.minimum),
            )
        if self.maximum is not None and value > self.maximum:
            raise self.error(
                _("Parameter '{label}' ({option}): {value} is above the maximum {maximum}."),
                value=self._amount(value),
                maximum=self._amount(self.maximum),
            )
        return int(value) if self.integer else value

    def _amount(self, value: float) -> str:
        """A value with its unit, as the sentences above name it ("2000 m")."""
        number = plain_number(value)
        return f"{number} {self.unit}" if self.unit else number

    def describe(self) -> str:
        rng = ""
        if self.minimum is not None or self.maximum is not None:
            low = "" if self.minimum is None else plain_number(self.minimum)
            high = "" if self.maximum is None else plain_number(self.maximum)
            rng = f" [{low}..{high}]"
        if self.default is None:
            default = "—"
        elif isinstance(self.default, int | float):
            default = plain_number(self.default)
        else:
            default = str(self.default)
        if self.unit:
            return _("{help}, in {unit}{range} (default: {default})").format(
                help=self.shown_help, unit=self.unit, range=rng, default=default
            )
        return _("{help}{range} (default: {default})").format(
            help=self.shown_help, range=rng, default=default
        )


@dataclass(frozen=True)
class ChoiceParam(Param):
    choices: tuple[str, ...] = ()
    kind: ClassVar[str] = "choice"

    def parse(self, raw: Any, model: CityModel | None) -> str:
        value = str(raw).strip()
        if value not in self.choices:
            raise self.error(
                _("Parameter '{label}' ({option}): '{value}' is not one of: {choices}."),
                value=value,
                choices=", ".join(self.choices),
            )
        return value

    def describe(self) -> str:
        return _("{help} One of: {choices} (default: {default})").format(
            help=self.shown_help, choices=", ".join(self.choices), default=self.default
        )


_TRUE = {"1", "true", "yes", "on", "y"}
_FALSE = {"0", "false", "no", "off", "n"}


@dataclass(frozen=True)
class FlagParam(Param):
    kind: ClassVar[str] = "flag"

    def parse(self, raw: Any, model: CityModel | None) -> bool:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise self.error(_("Parameter '{label}' ({option}): '{value}' is not yes/no."), value=raw)


@dataclass(frozen=True)
class LayerParam(Param):
    """A layer of the city, of one of ``layer_types``; default: by ``prefer`` label/id, else the only one."""

    layer_types: tuple[str, ...] = ()
    prefer: tuple[str, ...] = ()
    kind: ClassVar[str] = "layer"

    def candidates(self, model: CityModel) -> list[Layer]:
        classes = tuple(LAYER_TYPES[t] for t in self.layer_types) or (Layer,)
        return [layer for layer in model.layers.values() if isinstance(layer, classes)]

    def default_for(self, model: CityModel | None) -> str | None:
        if model is None:
            return None
        found = self.candidates(model)
        for want in self.prefer:
            for layer in found:
                if layer.id == want or getattr(layer, "label", None) == want or layer.style == want:
                    return layer.id
        if len(found) == 1 or (found and not self.prefer):
            return found[0].id
        return None

    @property
    def wanted(self) -> str:
        """The layer types in words ("population", "network/points"), in the current language."""
        return "/".join(type_name(t) for t in self.layer_types) or pgettext("layer type", "any")

    def missing(self, model: CityModel | None) -> TwinError:
        if model is not None and not self.candidates(model):
            return self._no_layer()
        return super().missing(model)

    def _no_layer(self) -> MissingLayerError:
        names = {"label": self.shown_label, "option": self.option}
        if len(self.layer_types) == 1 and self.layer_types[0] in NO_LAYER:
            return MissingLayerError(_(NO_LAYER[self.layer_types[0]]).format(**names))
        # several types, or any (no built-in analysis asks for that): the types named, without advice
        return MissingLayerError(
            _(
                "'{label}' ({option}) needs a layer of one of these types, and the city has none: {types}."
            ).format(
                types=", ".join(type_name(t) for t in self.layer_types) or pgettext("layer type", "any"),
                **names,
            )
        )

    def parse(self, raw: Any, model: CityModel | None) -> str:
        layer_id = str(raw).strip()
        if model is None:
            return layer_id
        ids = [layer.id for layer in self.candidates(model)]
        if not ids:
            raise self._no_layer()
        if layer_id not in ids:
            other = model.layers.get(layer_id)
            names = {
                "label": self.shown_label,
                "option": self.option,
                "layer": layer_id,
                "ids": ", ".join(ids),
            }
            if other is None:
                raise MissingLayerError(
                    _(
                        "'{label}' ({option}): the city has no layer called '{layer}'; choose one of: {ids}."
                    ).format(**names)
                )
            kind = _layer_type_of(other)
            raise MissingLayerError(
                _(
                    "'{label}' ({option}): '{layer}' is a {kind} layer, not a {wanted} layer; choose one "
                    "of: {ids}."
                ).format(kind=type_name(kind), wanted=self.wanted, **names)
            )
        return layer_id


def _layer_type_of(layer: Layer) -> str:
    """The name of the parameter type a layer is ("buildings" for a BuildingsLayer), else its class's."""
    for name, cls in LAYER_TYPES.items():
        if type(layer) is cls:
            return name
    return type(layer).__name__.removesuffix("Layer").lower()


@dataclass(frozen=True)
class DistrictsParam(Param):
    """Districts by name; empty or 'all' means every district."""

    kind: ClassVar[str] = "districts"

    def parse(self, raw: Any, model: CityModel | None) -> list[str]:
        names = [n.strip() for n in raw.split(",")] if isinstance(raw, str) else [str(n) for n in raw or []]
        names = [n for n in names if n]
        if not names or names == ["all"]:
            return []
        if model is not None:
            if model.districts is None:
                raise MissingLayerError(
                    _(
                        "'{label}' ({option}): the city has no districts layer to choose from; "
                        "import the city with districts ('twin-app city import NAME --osm FILE', or "
                        "'--districts FILE'), or leave the districts empty."
                    ).format(label=self.shown_label, option=self.option)
                )
            known = district_names(model)
            unknown = [n for n in names if n not in known]
            if unknown:
                raise self.error(
                    _(
                        "Parameter '{label}' ({option}): no district called {unknown}; the city's districts "
                        "are: {known}."
                    ),
                    unknown=", ".join(unknown),
                    known=", ".join(known),
                )
        return names

    def default_for(self, model: CityModel | None) -> list[str]:
        return []


def district_names(model: CityModel) -> list[str]:
    districts = model.districts
    return [] if districts is None else districts.names()


@dataclass(frozen=True)
class TimeWindow:
    """A service date and a time-of-day window (seconds after midnight, may pass 24 h)."""

    date: dt.date
    start_s: int
    end_s: int

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {_hhmm(self.start_s)}-{_hhmm(self.end_s)}"


def _hhmm(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


_WINDOW = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})[ T]+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True)
class TimeWindowParam(Param):
    """'YYYY-MM-DD HH:MM-HH:MM', e.g. '2022-02-22 07:00-09:00'."""

    kind: ClassVar[str] = "time-window"

    def parse(self, raw: Any, model: CityModel | None) -> TimeWindow:
        if isinstance(raw, TimeWindow):
            return raw
        match = _WINDOW.match(str(raw))
        if not match:
            raise self.error(
                _("Parameter '{label}' ({option}): '{value}' is not a date and time window like {example}."),
                value=raw,
                example="2022-02-22 07:00-09:00",
            )
        try:
            date = dt.date.fromisoformat(match.group(1))
        except ValueError:
            raise self.error(
                _("Parameter '{label}' ({option}): '{value}' is not a valid date."), value=match.group(1)
            ) from None
        h1, m1, h2, m2 = (int(g) for g in match.groups()[1:])
        start, end = h1 * 3600 + m1 * 60, h2 * 3600 + m2 * 60
        if m1 > 59 or m2 > 59 or h1 > 47 or h2 > 47 or end <= start:
            raise self.error(
                _(
                    "Parameter '{label}' ({option}): '{value}' must end after it starts (times up to 47:59 "
                    "for services past midnight)."
                ),
                value=raw,
            )
        return TimeWindow(date, start, end)


@dataclass(frozen=True)
class MappingParam(Param):
    """An editable table key → value, e.g. transit mode → capacity class.

    Written 'key=value,key=value'; keys not given keep their default.
    """

    values: tuple[str, ...] = ()
    defaults: Mapping[str, str] = field(default_factory=dict)
    kind: ClassVar[str] = "mapping"

    def default_for(self, model: CityModel | None) -> dict[str, str]:
        return dict(self.defaults)

    def parse(self, raw: Any, model: CityModel | None) -> dict[str, str]:
        table = dict(self.defaults)
        if isinstance(raw, Mapping):
            items = [(str(k), str(v)) for k, v in raw.items()]
        else:
            items = []
            for part in str(raw).split(","):
                if not part.strip():
                    continue
                if "=" not in part:
                    raise self.error(
                        _("Parameter '{label}' ({option}): '{value}' should be KEY=VALUE."), value=part
                    )
                key, _sep, value = part.partition("=")
                items.append((key.strip(), value.strip()))
        for key, value in items:
            if key not in table:
                raise self.error(
                    _("Parameter '{label}' ({option}): unknown key '{key}'; keys are: {keys}."),
                    key=key,
                    keys=", ".join(table),
                )
            if self.values and value not in self.values:
                raise self.error(
                    _("Parameter '{label}' ({option}): '{value}' for '{key}' is not one of: {values}."),
                    value=value,
                    key=key,
                    values=", ".join(self.values),
                )
            table[key] = value
        return table

    def describe(self) -> str:
        return _("{help} KEY=VALUE pairs; defaults: {defaults}").format(
            help=self.shown_help, defaults=",".join(f"{k}={v}" for k, v in self.defaults.items())
        )


@dataclass(frozen=True)
class TextParam(Param):
    """Free text: a name, a topic, a file path.  Feed sources need these; analyses rarely do."""

    kind: ClassVar[str] = "text"

    def parse(self, raw: Any, model: CityModel | None) -> str:
        value = str(raw).strip()
        if not value and self.required:
            raise self.error(_("Parameter '{label}' ({option}): a value is required."))
        return value


PARAM_TYPES: dict[str, type[Param]] = {
    cls.kind: cls
    for cls in (
        NumberParam,
        ChoiceParam,
        FlagParam,
        LayerParam,
        DistrictsParam,
        TimeWindowParam,
        MappingParam,
        TextParam,
    )
}


def param_from_spec(spec: Mapping[str, Any]) -> Param:
    """Build a parameter from its manifest entry (``[[parameters]]`` in TOML)."""
    spec = dict(spec)
    kind = spec.pop("type", None)
    if kind not in PARAM_TYPES:
        raise TwinError(
            _("Unknown parameter type '{kind}'; known: {known}.").format(
                kind=kind, known=", ".join(PARAM_TYPES)
            )
        )
    for key in ("choices", "layer_types", "prefer", "values"):
        if key in spec:
            spec[key] = tuple(spec[key])
    try:
        return PARAM_TYPES[kind](**spec)
    except TypeError as exc:
        raise TwinError(
            _("Parameter '{name}' of type {kind} is badly declared: {error}.").format(
                name=spec.get("name"), kind=kind, error=exc
            )
        ) from None


def validate_params(
    params: Sequence[Param],
    raw: Mapping[str, Any],
    model: CityModel | None,
    *,
    subject: str | None = None,
) -> dict[str, Any]:
    """Parse and check every parameter; defaults fill what ``raw`` leaves out.

    ``subject`` names what takes the parameters in the sentence refusing an
    unknown one ("the feed source 'aq-replay'", already in the current
    language); None means "this analysis".
    """
    subject = _("this analysis") if subject is None else subject
    names = {p.name for p in params}
    unknown = [k for k in raw if k not in names]
    if unknown:
        raise ParameterError(
            _("Unknown parameter {unknown}; {subject} takes: {known}.").format(
                unknown=", ".join(unknown),
                subject=subject,
                known=", ".join(sorted(names)) or pgettext("parameters", "none"),
            )
        )
    values: dict[str, Any] = {}
    # every missing layer is named at once: fixing one should not reveal the next
    missing: list[MissingLayerError] = []
    for param in params:
        try:
            values[param.name] = _value(param, raw, model)
        except MissingLayerError as exc:
            missing.append(exc)
    if len(missing) == 1:
        raise missing[0]
    if missing:
        raise MissingLayerError(
            _("The city lacks {count} layers {subject} needs. {reasons}").format(
                count=len(missing), subject=subject, reasons=" ".join(str(exc) for exc in missing)
            )
        )
    return values


def _value(param: Param, raw: Mapping[str, Any], model: CityModel | None) -> Any:
    if param.name in raw and raw[param.name] is not None:
        return param.parse(raw[param.name], model)
    default = param.default_for(model)
    if default is None:
        if param.required:
            raise param.missing(model)
        return None
    return param.parse(default, model) if not isinstance(default, list | dict) else default


def param_json(p: Param) -> dict[str, Any]:
    """A parameter as JSON, for listings (``feed sources --json``, ``kinds --json``)."""
    out: dict[str, Any] = {"name": p.name, "type": p.kind, "title": p.label, "help": p.help}
    if p.default is not None:
        out["default"] = to_jsonable(p.default)
    for key in ("unit", "minimum", "maximum", "choices"):
        value = getattr(p, key, None)
        if value is not None and value != "" and value != ():
            out[key] = list(value) if isinstance(value, tuple) else value
    if getattr(p, "integer", False):
        out["integer"] = True
    return out


def to_jsonable(value: Any) -> Any:
    """Parameter values as they are recorded in provenance."""
    if isinstance(value, TimeWindow):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    return value
