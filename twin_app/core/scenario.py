"""Scenarios: named lists of edits made on top of the baseline city, never to it.

A workshop asks "what if": a tram stop here, trees on this hot street, this
street without cars.  A :class:`Scenario` is that question as data: an
ordered list of small edits (plain frozen dataclasses, saved as versioned
JSON in the project file), each checked with a sentence when it is made and
again when it is applied, since a project may be reopened against a city
that has changed.

:func:`apply` returns a *new* :class:`CityModel`.  The layers an edit touches
are copied (their frames too) and the edits are made on the copies; every
other layer is the same object as the baseline's, so a scenario costs memory
only for what it changes, and "did this layer change?" is one identity test.
A copied layer's ``revision`` is one above the baseline's, so results stored
with the revisions of their inputs see the change (:mod:`twin_app.core.rerun`).

Features are named by a key column (``feature_id`` by default, ``stop_id``
for stops), compared as text, so an id survives a round trip through JSON;
a layer without that column is matched on its index labels.  Coordinates are
in the city's CRS (metres), which is what the 3D view picks (after adding
the scene origin back).

Qt- and VTK-free.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, ClassVar

from twin_app.core.errors import ScenarioError
from twin_app.core.i18n import N_, _, format_number, ngettext
from twin_app.core.layers import (
    FEATURE_ID_COLUMN,
    HEIGHT_COLUMN,
    STOP_ID_COLUMN,
    STOP_MODES_COLUMN,
    STOP_NAME_COLUMN,
    BuildingsLayer,
    DistrictsLayer,
    Layer,
    LineLayer,
    NetworkLayer,
    PointLayer,
    PolygonLayer,
    PopulationLayer,
    StopsLayer,
    VectorLayer,
)

if TYPE_CHECKING:
    from twin_app.core.model import CityModel

#: the version of the edits' JSON; a newer file is refused with a sentence, an older one upgraded
EDIT_FORMAT_VERSION = 1
#: where the trees a scenario plants go when the city has no trees layer of its own
TREES_LAYER = "trees"
#: the modes a new line is usually of, marked for the catalogue ("add the {mode} line ...")
MODE_WORDS = (N_("bus"), N_("tram"), N_("trolleybus"), N_("metro"), N_("rail"), N_("ferry"))
#: the lines a scenario adds (geometry through their stops, mode and departures per hour)
LINES_LAYER = "scenario_lines"
#: a building column set to True where a scenario changed the height (``height_from`` keeps the rule)
HEIGHT_EDITED_COLUMN = "height_edited"
#: a network edge column: True where a scenario made the street car-free
CAR_FREE_COLUMN = "car_free"
#: the largest building a scenario may set, and the most departures per hour a line may have
MAX_HEIGHT_M = 1000.0
MAX_DEPARTURES_PER_HOUR = 120.0

Point = tuple[float, float]
FeatureKey = str


def _finite_point(x: Any, y: Any, sentence: str, **names: Any) -> None:
    """Refuse a position that is not two finite numbers.

    ``sentence`` is the whole sentence (marked with ``N_``, with ``{x}`` and
    ``{y}`` fields besides ``names``), so each edit says it in its own words
    and every language can order them as its grammar wants.
    """
    if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in (x, y)):
        raise ScenarioError(_(sentence).format(x=repr(x), y=repr(y), **names))


def _name(value: Any, sentence: str, **names: Any) -> None:
    """Refuse an empty name or id with ``sentence`` (marked with ``N_``), as :func:`_finite_point` does."""
    if not isinstance(value, str) or not value.strip():
        raise ScenarioError(_(sentence).format(**names))


@dataclass(frozen=True)
class Edit:
    """One change to the baseline; subclasses say what, :meth:`check` says whether it is well formed."""

    kind: ClassVar[str] = ""
    #: what the edit does, for lists and undo menus ("add stop 'Harbour'")
    verb: ClassVar[str] = ""

    def check(self) -> None:
        """Raise :class:`ScenarioError` with a sentence when the edit cannot be right in any city."""

    def describe(self) -> str:
        return _(self.verb)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        for f in fields(self):
            out[f.name] = _plain(getattr(self, f.name))
        return out


def _plain(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _tuple(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_tuple(v) for v in value)
    return value


@dataclass(frozen=True)
class AddStop(Edit):
    """A new transit stop at (x, y), served by ``modes`` (bus, tram, rail, metro, ferry...)."""

    stop_id: str
    name: str
    x: float
    y: float
    modes: tuple[str, ...] = ("bus",)
    layer: str | None = None
    kind: ClassVar[str] = "add_stop"
    verb: ClassVar[str] = N_("add a stop")

    def check(self) -> None:
        _name(self.stop_id, N_("A new stop needs a non-empty name or id; give one."))
        _finite_point(
            self.x,
            self.y,
            N_("The new stop '{stop}' needs a position given as two finite numbers (metres), not {x}, {y}."),
            stop=self.stop_id,
        )
        if not self.modes or not all(isinstance(m, str) and m.strip() for m in self.modes):
            raise ScenarioError(
                _("The new stop '{stop}' needs at least one mode (such as bus or tram); give one.").format(
                    stop=self.stop_id
                )
            )

    def describe(self) -> str:
        return _("add the stop '{name}'").format(name=self.name or self.stop_id)


@dataclass(frozen=True)
class MoveStop(Edit):
    stop_id: str
    x: float
    y: float
    layer: str | None = None
    kind: ClassVar[str] = "move_stop"
    verb: ClassVar[str] = N_("move a stop")

    def check(self) -> None:
        _name(self.stop_id, N_("Moving a stop needs a non-empty name or id; give one."))
        _finite_point(
            self.x,
            self.y,
            N_(
                "Moving the stop '{stop}' needs a position given as two finite numbers (metres), "
                "not {x}, {y}."
            ),
            stop=self.stop_id,
        )

    def describe(self) -> str:
        return _("move the stop '{name}'").format(name=self.stop_id)


@dataclass(frozen=True)
class RemoveStop(Edit):
    stop_id: str
    layer: str | None = None
    kind: ClassVar[str] = "remove_stop"
    verb: ClassVar[str] = N_("remove a stop")

    def check(self) -> None:
        _name(self.stop_id, N_("Removing a stop needs a non-empty name or id; give one."))

    def describe(self) -> str:
        return _("remove the stop '{name}'").format(name=self.stop_id)


@dataclass(frozen=True)
class LineStop:
    """A stop of a new line: an existing stop (id only), or a new one (id, name and position)."""

    stop_id: str
    x: float | None = None
    y: float | None = None
    name: str = ""

    @property
    def is_new(self) -> bool:
        return self.x is not None and self.y is not None


@dataclass(frozen=True)
class AddLine(Edit):
    """A new line through ``stops`` in order, with ``departures_per_hour`` each way, stored as data.

    New stops are added to the stops layer served by ``mode``; existing ones
    gain the mode.  The line itself goes to the :data:`LINES_LAYER` layer
    (a straight line through its stops, and its frequency), which a later
    timetable-aware analysis can read; the frequency filter of transit access
    reads GTFS timetables and does not see it yet.
    """

    line_id: str
    name: str
    mode: str
    departures_per_hour: float
    stops: tuple[LineStop, ...]
    stops_layer: str | None = None
    kind: ClassVar[str] = "add_line"
    verb: ClassVar[str] = N_("add a line")

    def check(self) -> None:
        _name(self.line_id, N_("A new line needs a non-empty name or id; give one."))
        _name(
            self.mode,
            N_("The new line '{line}' needs a mode (such as bus or tram); give one."),
            line=self.line_id,
        )
        f = self.departures_per_hour
        if not (isinstance(f, int | float) and 0 < f <= MAX_DEPARTURES_PER_HOUR):
            raise ScenarioError(
                _(
                    "The new line '{line}' has {departures} departures per hour; give a number above 0 "
                    "and at most {most}."
                ).format(line=self.line_id, departures=repr(f), most=format_number(MAX_DEPARTURES_PER_HOUR))
            )
        if len(self.stops) < 2:
            raise ScenarioError(
                _("The new line '{line}' needs at least two stops; add another.").format(line=self.line_id)
            )
        for stop in self.stops:
            _name(
                stop.stop_id,
                N_("A stop of the new line '{line}' needs a non-empty name or id; give one."),
                line=self.line_id,
            )
            if stop.x is not None or stop.y is not None:
                _finite_point(
                    stop.x,
                    stop.y,
                    N_(
                        "The stop '{stop}' of the line '{line}' needs a position given as two finite numbers "
                        "(metres), not {x}, {y}."
                    ),
                    stop=stop.stop_id,
                    line=self.line_id,
                )

    def to_json(self) -> dict[str, Any]:
        out = super().to_json()
        out["stops"] = [{"stop_id": s.stop_id, "x": s.x, "y": s.y, "name": s.name} for s in self.stops]
        return out

    def describe(self) -> str:
        return _("add the {mode} line '{name}'").format(mode=_(self.mode), name=self.name or self.line_id)


@dataclass(frozen=True)
class AddTrees(Edit):
    """Trees planted at ``points`` (they join the ``layer`` point layer, made when missing)."""

    points: tuple[Point, ...]
    layer: str = TREES_LAYER
    species: str = ""
    kind: ClassVar[str] = "add_trees"
    verb: ClassVar[str] = N_("plant trees")

    def check(self) -> None:
        if not self.points:
            raise ScenarioError(_("Planting trees needs at least one position; click where they go."))
        for x, y in self.points:
            _finite_point(
                x, y, N_("A tree needs a position given as two finite numbers (metres), not {x}, {y}.")
            )

    def describe(self) -> str:
        n = len(self.points)
        return ngettext("plant {count} tree", "plant {count} trees", n).format(count=n)


@dataclass(frozen=True)
class RemoveTrees(Edit):
    ids: tuple[FeatureKey, ...]
    layer: str = TREES_LAYER
    key: str = FEATURE_ID_COLUMN
    kind: ClassVar[str] = "remove_trees"
    verb: ClassVar[str] = N_("remove trees")

    def check(self) -> None:
        if not self.ids:
            raise ScenarioError(_("Removing trees needs at least one tree; pick the trees to remove."))

    def describe(self) -> str:
        n = len(self.ids)
        return ngettext("remove {count} tree", "remove {count} trees", n).format(count=n)


@dataclass(frozen=True)
class AddGreenArea(Edit):
    """A new green area (a park by default, which access to green space counts)."""

    area_id: str
    ring: tuple[Point, ...]
    green_kind: str = "park"
    name: str = ""
    layer: str | None = None
    kind: ClassVar[str] = "add_green_area"
    verb: ClassVar[str] = N_("add a green area")

    def check(self) -> None:
        import shapely

        _name(self.area_id, N_("A new green area needs a non-empty name or id; give one."))
        for x, y in self.ring:
            _finite_point(
                x,
                y,
                N_(
                    "A corner of the green area '{area}' needs a position given as two finite numbers "
                    "(metres), not {x}, {y}."
                ),
                area=self.area_id,
            )
        if len(self.ring) < 3:
            raise ScenarioError(
                _("The green area '{area}' needs at least three corners; draw its outline.").format(
                    area=self.area_id
                )
            )
        polygon = shapely.Polygon(self.ring)
        if not polygon.is_valid or polygon.area <= 0:
            raise ScenarioError(
                _(
                    "The outline of the green area '{area}' crosses itself or encloses nothing; "
                    "draw it again without crossing lines."
                ).format(area=self.area_id)
            )

    def describe(self) -> str:
        return _("add the green area '{name}'").format(name=self.name or self.area_id)


@dataclass(frozen=True)
class RemoveGreenArea(Edit):
    ids: tuple[FeatureKey, ...]
    layer: str | None = None
    key: str = FEATURE_ID_COLUMN
    kind: ClassVar[str] = "remove_green_area"
    verb: ClassVar[str] = N_("remove green areas")

    def check(self) -> None:
        if not self.ids:
            raise ScenarioError(_("Removing green areas needs at least one area; pick the areas to remove."))


@dataclass(frozen=True)
class SetBuildingHeight(Edit):
    building: FeatureKey
    height_m: float
    key: str = FEATURE_ID_COLUMN
    kind: ClassVar[str] = "set_building_height"
    verb: ClassVar[str] = N_("change a building's height")

    def check(self) -> None:
        h = self.height_m
        if not (isinstance(h, int | float) and not isinstance(h, bool) and 0 < h <= MAX_HEIGHT_M):
            raise ScenarioError(
                _(
                    "The building {building} cannot be {height} m tall; give a height above 0 and at most "
                    "{most} m."
                ).format(building=self.building, height=repr(h), most=format_number(MAX_HEIGHT_M))
            )

    def describe(self) -> str:
        return _("make the building {building} {height} m tall").format(
            building=self.building, height=format_number(self.height_m)
        )


@dataclass(frozen=True)
class SetBuildingUse(Edit):
    """A building's use (its OSM ``building`` type: residential, office, school...)."""

    building: FeatureKey
    use: str
    key: str = FEATURE_ID_COLUMN
    kind: ClassVar[str] = "set_building_use"
    verb: ClassVar[str] = N_("change a building's use")

    def check(self) -> None:
        _name(
            self.use,
            N_("Changing the use of the building {building} needs a non-empty use; give one."),
            building=self.building,
        )

    def describe(self) -> str:
        return _("make the building {building} {use}").format(building=self.building, use=self.use)


@dataclass(frozen=True)
class MarkCarFree(Edit):
    """The street between nodes ``u`` and ``v`` (both directions) becomes car-free."""

    u: FeatureKey
    v: FeatureKey
    layer: str | None = None
    kind: ClassVar[str] = "mark_car_free"
    verb: ClassVar[str] = N_("make a street car-free")

    def describe(self) -> str:
        return _("make the street {street} car-free").format(street=f"{self.u}–{self.v}")


EDIT_TYPES: dict[str, type[Edit]] = {
    cls.kind: cls
    for cls in (
        AddStop,
        MoveStop,
        RemoveStop,
        AddLine,
        AddTrees,
        RemoveTrees,
        AddGreenArea,
        RemoveGreenArea,
        SetBuildingHeight,
        SetBuildingUse,
        MarkCarFree,
    )
}


def edit_from_json(raw: Mapping[str, Any], *, version: int = EDIT_FORMAT_VERSION) -> Edit:
    """An edit from its JSON, checked; a sentence for an unknown kind, a newer version or bad fields."""
    if version > EDIT_FORMAT_VERSION:
        raise ScenarioError(
            _(
                "This scenario edit was saved by a newer twin_app (edit format {version}, this one reads "
                "up to {known}); update twin_app to open it."
            ).format(version=version, known=EDIT_FORMAT_VERSION)
        )
    if not isinstance(raw, Mapping):
        raise ScenarioError(
            _("A scenario edit must be a JSON object, not {type}.").format(type=type(raw).__name__)
        )
    kind = raw.get("kind")
    cls = EDIT_TYPES.get(str(kind))
    if cls is None:
        raise ScenarioError(
            _(
                "'{kind}' is not a kind of scenario edit this twin_app knows; known kinds are: {known}."
            ).format(kind=kind, known=", ".join(EDIT_TYPES))
        )
    values = {k: v for k, v in raw.items() if k != "kind"}
    names = {f.name for f in fields(cls)}
    unknown = sorted(set(values) - names)
    if unknown:
        raise ScenarioError(
            _("The '{kind}' edit has fields it does not take ({fields}); remove them.").format(
                kind=kind, fields=", ".join(unknown)
            )
        )
    if cls is AddLine and isinstance(values.get("stops"), list):
        try:
            values["stops"] = tuple(LineStop(**s) for s in values["stops"])
        except TypeError as exc:
            raise ScenarioError(
                _("A stop of the '{kind}' edit is malformed ({error}).").format(kind=kind, error=exc)
            ) from None
    values = {k: (_tuple(v) if k != "stops" else v) for k, v in values.items()}
    try:
        edit = cls(**values)
    except TypeError as exc:
        raise ScenarioError(
            _("The '{kind}' edit is incomplete or malformed ({error}).").format(kind=kind, error=exc)
        ) from None
    edit.check()
    return edit


@dataclass
class Scenario:
    """A named, ordered list of edits on the baseline; the baseline itself is never changed."""

    name: str
    edits: list[Edit] = field(default_factory=list)
    description: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "format": "twin_app.scenario",
            "version": EDIT_FORMAT_VERSION,
            "name": self.name,
            "description": self.description,
            "edits": [e.to_json() for e in self.edits],
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Scenario:
        if raw.get("format") != "twin_app.scenario":
            raise ScenarioError(
                _("This JSON is not a twin_app scenario (it has no format 'twin_app.scenario').")
            )
        version = int(raw.get("version", 0))
        return cls(
            name=str(raw["name"]),
            description=str(raw.get("description", "")),
            edits=[edit_from_json(e, version=version) for e in raw.get("edits", [])],
        )


# -- which layer an edit changes -------------------------------------------------------------


#: why a layer of the wrong type cannot take an edit, by the type the edit needs (whole sentences)
_WRONG_TYPE: dict[type[Layer], str] = {
    StopsLayer: N_("The layer '{layer}' cannot take this edit: it is not a layer of transit stops."),
    PolygonLayer: N_("The layer '{layer}' cannot take this edit: it is not a layer of areas (polygons)."),
    NetworkLayer: N_("The layer '{layer}' cannot take this edit: it is not a street network."),
    PointLayer: N_("The layer '{layer}' cannot take this edit: it is not a layer of points."),
}


def _named(model: CityModel, layer_id: str, cls: type[Layer]) -> Layer:
    layer = model.layers.get(layer_id)
    if layer is None:
        raise ScenarioError(
            _(
                "The city has no layer called '{layer}', which this edit changes; "
                "open the city the project was made for, or remove the edit."
            ).format(layer=layer_id)
        )
    if not isinstance(layer, cls):
        sentence = _WRONG_TYPE.get(
            cls, N_("The layer '{layer}' cannot take this edit: it is of another type.")
        )
        raise ScenarioError(_(sentence).format(layer=layer.display_title()))
    return layer


def stops_layer(model: CityModel) -> StopsLayer | None:
    """The layer stop edits change when they name none (``stops`` when there are several), if any."""
    found = [layer for layer in model.layers.values() if isinstance(layer, StopsLayer)]
    named = [layer for layer in found if layer.id == "stops"]
    chosen = named or found
    return chosen[0] if chosen else None


def _stops_layer(model: CityModel, layer_id: str | None) -> str:
    if layer_id is not None:
        return _named(model, layer_id, StopsLayer).id
    layer = stops_layer(model)
    if layer is None:
        raise ScenarioError(
            _(
                "The city has no transit stops layer for this scenario to edit; import the city with a GTFS "
                "feed or OpenStreetMap stops, or remove the stop edits."
            )
        )
    return layer.id


def is_green_layer(layer: Layer) -> bool:
    """A polygon layer of green space (called ``green`` or styled as green): what green edits change."""
    return (
        isinstance(layer, PolygonLayer)
        and not isinstance(layer, DistrictsLayer | PopulationLayer | BuildingsLayer)
        and (layer.id == "green" or layer.style == "green")
    )


def _green_layer(model: CityModel, layer_id: str | None) -> str:
    if layer_id is not None:
        return _named(model, layer_id, PolygonLayer).id
    for layer in model.layers.values():
        if is_green_layer(layer):
            return layer.id
    raise ScenarioError(
        _(
            "The city has no green-space layer (a polygon layer called 'green' or styled as green) for this "
            "scenario to edit; name the layer in the edit, or import the city with its parks."
        )
    )


def _buildings_layer(model: CityModel) -> str:
    layer = model.buildings
    if layer is None:
        raise ScenarioError(_("The city has no buildings layer for this scenario to edit; remove the edit."))
    return layer.id


def _network_layer(model: CityModel, layer_id: str | None) -> str:
    if layer_id is not None:
        return _named(model, layer_id, NetworkLayer).id
    networks = [layer for layer in model.layers.values() if isinstance(layer, NetworkLayer)]
    if not networks:
        raise ScenarioError(_("The city has no street network for this scenario to edit; remove the edit."))
    drive = [n for n in networks if n.network_type == "drive"]
    return (drive or networks)[0].id


def edit_layers(model: CityModel, edit: Edit) -> list[str]:
    """The ids of the layers ``edit`` changes (or adds) in ``model``."""
    if isinstance(edit, AddStop | MoveStop | RemoveStop):
        return [_stops_layer(model, edit.layer)]
    if isinstance(edit, AddLine):
        return [_stops_layer(model, edit.stops_layer), LINES_LAYER]
    if isinstance(edit, AddTrees | RemoveTrees):
        return [edit.layer]
    if isinstance(edit, AddGreenArea | RemoveGreenArea):
        return [_green_layer(model, edit.layer)]
    if isinstance(edit, SetBuildingHeight | SetBuildingUse):
        return [_buildings_layer(model)]
    if isinstance(edit, MarkCarFree):
        return [_network_layer(model, edit.layer)]
    raise ScenarioError(_("twin_app does not know how to apply a '{kind}' edit.").format(kind=edit.kind))


def affected_layers(scenario: Scenario, model: CityModel) -> list[str]:
    """The layers applying ``scenario`` to ``model`` changes or adds, in order of first use."""
    out: list[str] = []
    for edit in scenario.edits:
        for layer_id in edit_layers(model, edit):
            if layer_id not in out:
                out.append(layer_id)
    return out


# -- applying ----------------------------------------------------------------------------------


class _Work:
    """The scenario's copies of the layers it changes, made on first touch."""

    def __init__(self, model: CityModel, scenario: Scenario) -> None:
        self.model = model
        self.scenario = scenario
        self.copies: dict[str, Layer] = {}

    def layer(self, layer_id: str) -> VectorLayer:
        if layer_id not in self.copies:
            base = self.model.layers[layer_id]
            if not isinstance(base, VectorLayer):
                raise ScenarioError(
                    _("The layer '{layer}' has no features a scenario can edit.").format(
                        layer=base.display_title()
                    )
                )
            twin = copy.copy(base)
            twin.frame = base.frame.copy()
            twin.notes = [
                *base.notes,
                _("Changed by the scenario '{scenario}'.").format(scenario=self.scenario.name),
            ]
            twin.revision = base.revision + 1
            self.copies[layer_id] = twin
        layer = self.copies[layer_id]
        assert isinstance(layer, VectorLayer)
        return layer

    def new_layer(self, layer: VectorLayer) -> None:
        self.copies[layer.id] = layer

    def has(self, layer_id: str) -> bool:
        return layer_id in self.copies or layer_id in self.model.layers


def _rows(layer: VectorLayer, key: str, ids: Iterable[Any], scenario: str) -> list[int]:
    """Row positions of the features ``ids`` (by ``key``, else index labels); a sentence for a missing one."""
    import numpy as np

    frame = layer.frame
    labels = frame[key] if key in frame.columns else frame.index.to_series()
    text = labels.astype(str).to_numpy()
    out: list[int] = []
    for wanted in ids:
        hits = np.flatnonzero(text == str(wanted))
        if len(hits) == 0:
            raise ScenarioError(
                _(
                    "The scenario '{scenario}' changes the feature '{feature}', which the layer '{layer}' "
                    "does not have; the city may have changed since the edit was made: remove the edit or "
                    "open the city it was made for."
                ).format(scenario=scenario, feature=wanted, layer=layer.display_title())
            )
        out.extend(int(h) for h in hits)
    return out


def _append(layer: VectorLayer, rows: list[dict[str, Any]], geometries: list[Any]) -> None:
    import geopandas as gpd
    import pandas as pd

    frame = layer.frame
    extra = gpd.GeoDataFrame(rows, geometry=geometries, crs=frame.crs)
    if extra.geometry.name != frame.geometry.name:
        extra = extra.rename_geometry(frame.geometry.name)
    if FEATURE_ID_COLUMN in frame.columns:
        start = int(frame[FEATURE_ID_COLUMN].max()) + 1 if len(frame) else 0
        extra[FEATURE_ID_COLUMN] = range(start, start + len(extra))
    index = frame.index
    if len(index) == 0 or pd.api.types.is_integer_dtype(index.dtype):
        start = int(index.max()) + 1 if len(index) else 0
        extra.index = pd.RangeIndex(start, start + len(extra))
    layer.frame = gpd.GeoDataFrame(pd.concat([frame, extra]), geometry=frame.geometry.name, crs=frame.crs)


def _drop(layer: VectorLayer, rows: Sequence[int]) -> None:
    import numpy as np

    keep = np.ones(len(layer.frame), dtype=bool)
    keep[list(rows)] = False
    layer.frame = layer.frame[keep]


def _stop_rows(layer: VectorLayer, stop_id: str, scenario: str) -> list[int]:
    return _rows(layer, STOP_ID_COLUMN, [stop_id], scenario)


def _apply_edit(work: _Work, edit: Edit) -> None:
    import shapely

    model, name = work.model, work.scenario.name
    crs = model.manifest.crs
    if isinstance(edit, AddStop):
        layer = work.layer(_stops_layer(model, edit.layer))
        if STOP_ID_COLUMN in layer.frame and (layer.frame[STOP_ID_COLUMN].astype(str) == edit.stop_id).any():
            raise ScenarioError(
                _(
                    "The scenario '{scenario}' adds the stop '{stop}', but the city already has a stop with "
                    "that id; give the new stop another id."
                ).format(scenario=name, stop=edit.stop_id)
            )
        row = {
            STOP_ID_COLUMN: edit.stop_id,
            STOP_NAME_COLUMN: edit.name,
            STOP_MODES_COLUMN: ",".join(edit.modes),
        }
        _append(layer, [row], [shapely.Point(edit.x, edit.y)])
    elif isinstance(edit, MoveStop):
        layer = work.layer(_stops_layer(model, edit.layer))
        rows = _stop_rows(layer, edit.stop_id, name)
        geometry = layer.frame.geometry.copy()
        geometry.iloc[rows] = shapely.Point(edit.x, edit.y)
        layer.frame = layer.frame.set_geometry(geometry.values)
    elif isinstance(edit, RemoveStop):
        layer = work.layer(_stops_layer(model, edit.layer))
        _drop(layer, _stop_rows(layer, edit.stop_id, name))
    elif isinstance(edit, AddLine):
        _apply_line(work, edit)
    elif isinstance(edit, AddTrees):
        if edit.layer in model.layers:
            _named(model, edit.layer, PointLayer)
        elif edit.layer not in work.copies:
            work.new_layer(
                PointLayer(id=edit.layer, title=_("Trees"), crs=crs, style="trees", frame=_empty(crs))
            )
        layer = _editable(work, edit.layer)
        trees: list[dict[str, Any]] = [{"species": edit.species, "scenario": name} for _ in edit.points]
        _append(layer, trees, [shapely.Point(x, y) for x, y in edit.points])
    elif isinstance(edit, RemoveTrees):
        if not work.has(edit.layer):
            raise ScenarioError(
                _(
                    "The scenario '{scenario}' removes trees from '{layer}', a layer the city does not have; "
                    "remove the edit."
                ).format(scenario=name, layer=edit.layer)
            )
        layer = _editable(work, edit.layer)
        _drop(layer, _rows(layer, edit.key, edit.ids, name))
    elif isinstance(edit, AddGreenArea):
        layer = work.layer(_green_layer(model, edit.layer))
        row = {"kind": edit.green_kind, "name": edit.name, "area_id": edit.area_id}
        _append(layer, [row], [shapely.Polygon(edit.ring)])
    elif isinstance(edit, RemoveGreenArea):
        layer = work.layer(_green_layer(model, edit.layer))
        _drop(layer, _rows(layer, edit.key, edit.ids, name))
    elif isinstance(edit, SetBuildingHeight):
        layer = work.layer(_buildings_layer(model))
        rows = _rows(layer, edit.key, [edit.building], name)
        frame = layer.frame
        if HEIGHT_EDITED_COLUMN not in frame:
            frame[HEIGHT_EDITED_COLUMN] = False
        frame.iloc[rows, frame.columns.get_loc(HEIGHT_COLUMN)] = float(edit.height_m)
        frame.iloc[rows, frame.columns.get_loc(HEIGHT_EDITED_COLUMN)] = True
    elif isinstance(edit, SetBuildingUse):
        layer = work.layer(_buildings_layer(model))
        rows = _rows(layer, edit.key, [edit.building], name)
        frame = layer.frame
        if "building" not in frame:
            frame["building"] = None
        frame.iloc[rows, frame.columns.get_loc("building")] = edit.use
    elif isinstance(edit, MarkCarFree):
        layer = work.layer(_network_layer(model, edit.layer))
        frame = layer.frame
        u, v = frame["u"].astype(str), frame["v"].astype(str)
        hit = ((u == str(edit.u)) & (v == str(edit.v))) | ((u == str(edit.v)) & (v == str(edit.u)))
        if not hit.any():
            raise ScenarioError(
                _(
                    "The scenario '{scenario}' makes the street {street} car-free, but the network "
                    "'{layer}' has no street between those nodes; remove the edit or pick the street again."
                ).format(scenario=name, street=f"{edit.u}–{edit.v}", layer=layer.display_title())
            )
        if CAR_FREE_COLUMN not in frame:
            frame[CAR_FREE_COLUMN] = False
        frame.loc[hit.to_numpy(), CAR_FREE_COLUMN] = True
    else:
        raise ScenarioError(_("twin_app does not know how to apply a '{kind}' edit.").format(kind=edit.kind))


def _editable(work: _Work, layer_id: str) -> VectorLayer:
    """The scenario's copy of a city layer, or a layer the scenario itself made."""
    if layer_id in work.model.layers:
        return work.layer(layer_id)
    layer = work.copies[layer_id]
    assert isinstance(layer, VectorLayer)
    return layer


def _empty(crs: str) -> Any:
    import geopandas as gpd

    return gpd.GeoDataFrame({"species": [], "scenario": []}, geometry=[], crs=crs)


def _apply_line(work: _Work, edit: AddLine) -> None:
    import geopandas as gpd
    import shapely

    model, name = work.model, work.scenario.name
    stops = work.layer(_stops_layer(model, edit.stops_layer))
    known = stops.frame[STOP_ID_COLUMN].astype(str) if STOP_ID_COLUMN in stops.frame else None
    points = []
    for stop in edit.stops:
        present = known is not None and bool((known == stop.stop_id).any())
        if stop.is_new and not present:
            row = {STOP_ID_COLUMN: stop.stop_id, STOP_NAME_COLUMN: stop.name, STOP_MODES_COLUMN: edit.mode}
            _append(stops, [row], [shapely.Point(stop.x, stop.y)])
            known = stops.frame[STOP_ID_COLUMN].astype(str)
            points.append((float(stop.x), float(stop.y)))  # type: ignore[arg-type]
            continue
        rows = _stop_rows(stops, stop.stop_id, name)
        frame = stops.frame
        column = frame.columns.get_loc(STOP_MODES_COLUMN)
        for r in rows:
            modes = [m for m in str(frame.iat[r, column] or "").split(",") if m]
            if edit.mode not in modes:
                frame.iat[r, column] = ",".join([*modes, edit.mode])
        geom = frame.geometry.iloc[rows[0]]
        points.append((float(geom.x), float(geom.y)))
    line: dict[str, Any] = {
        "line_id": edit.line_id,
        "name": edit.name,
        "mode": edit.mode,
        "departures_per_hour": float(edit.departures_per_hour),
        "scenario": name,
    }
    if not work.has(LINES_LAYER):
        frame = gpd.GeoDataFrame([line], geometry=[shapely.LineString(points)], crs=model.manifest.crs)
        work.new_layer(
            LineLayer(
                id=LINES_LAYER,
                title=_("Scenario lines"),
                crs=model.manifest.crs,
                style="routes",
                frame=frame,
                value_column="departures_per_hour",
                units="departures/h",
            )
        )
        return
    lines = _editable(work, LINES_LAYER)
    _append(lines, [line], [shapely.LineString(points)])


def apply(model: CityModel, scenario: Scenario) -> CityModel:
    """A new model: ``model`` with ``scenario``'s edits made on copies of the layers they touch.

    ``model`` and its frames are left as they were; unaffected layers are the
    same objects in both models.  A sentence (:class:`ScenarioError`) names
    the first edit that cannot be applied to this city.
    """
    from twin_app.core.model import CityModel

    work = _Work(model, scenario)
    for number, edit in enumerate(scenario.edits, start=1):
        try:
            edit.check()
            _apply_edit(work, edit)
        except ScenarioError as exc:
            if not getattr(exc, "edit_named", False):
                exc.message = _("Edit {number} of the scenario '{scenario}' ({edit}): {problem}").format(
                    number=number, scenario=scenario.name, edit=edit.describe(), problem=exc.message
                )
                exc.args = (exc.message,)
                exc.edit_named = True  # type: ignore[attr-defined]
            raise
    layers = {lid: work.copies.get(lid, layer) for lid, layer in model.layers.items()}
    for lid, layer in work.copies.items():
        layers.setdefault(lid, layer)
    out = CityModel(
        manifest=model.manifest,
        origin=model.origin,
        layers=layers,
        problems=list(model.problems),
        camera=model.camera,
    )
    out._results = {k: v for k, v in model._results.items() if v in layers}
    return out


__all__ = [
    "EDIT_TYPES",
    "AddGreenArea",
    "AddLine",
    "AddStop",
    "AddTrees",
    "Edit",
    "LineStop",
    "MarkCarFree",
    "MoveStop",
    "RemoveGreenArea",
    "RemoveStop",
    "RemoveTrees",
    "Scenario",
    "SetBuildingHeight",
    "SetBuildingUse",
    "affected_layers",
    "apply",
    "edit_from_json",
    "edit_layers",
    "is_green_layer",
    "stops_layer",
]
