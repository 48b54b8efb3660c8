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
from twin_app.core.i18n import N_, _, ngettext
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


def _finite_point(x: Any, y: Any, what: str) -> None:
    if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in (x, y)):
        raise ScenarioError(
            f"{what} needs a position given as two finite numbers (metres), not {x!r}, {y!r}."
        )


def _name(value: Any, what: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ScenarioError(f"{what} needs a non-empty name or id; give one.")


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
        _name(self.stop_id, "A new stop")
        _finite_point(self.x, self.y, f"The new stop '{self.stop_id}'")
        if not self.modes or not all(isinstance(m, str) and m.strip() for m in self.modes):
            raise ScenarioError(
                f"The new stop '{self.stop_id}' needs at least one mode (such as bus or tram); give one."
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
        _name(self.stop_id, "Moving a stop")
        _finite_point(self.x, self.y, f"Moving the stop '{self.stop_id}'")

    def describe(self) -> str:
        return _("move the stop '{name}'").format(name=self.stop_id)


@dataclass(frozen=True)
class RemoveStop(Edit):
    stop_id: str
    layer: str | None = None
    kind: ClassVar[str] = "remove_stop"
    verb: ClassVar[str] = N_("remove a stop")

    def check(self) -> None:
        _name(self.stop_id, "Removing a stop")

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
        _name(self.line_id, "A new line")
        _name(self.mode, f"The new line '{self.line_id}'")
        f = self.departures_per_hour
        if not (isinstance(f, int | float) and 0 < f <= MAX_DEPARTURES_PER_HOUR):
            raise ScenarioError(
                f"The new line '{self.line_id}' has {f!r} departures per hour; give a number above 0 "
                f"and at most {MAX_DEPARTURES_PER_HOUR:g}."
            )
        if len(self.stops) < 2:
            raise ScenarioError(f"The new line '{self.line_id}' needs at least two stops; add another.")
        for stop in self.stops:
            _name(stop.stop_id, f"A stop of the new line '{self.line_id}'")
            if stop.x is not None or stop.y is not None:
                _finite_point(stop.x, stop.y, f"The stop '{stop.stop_id}' of the line '{self.line_id}'")

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
            raise ScenarioError("Planting trees needs at least one position; click where they go.")
        for x, y in self.points:
            _finite_point(x, y, "A tree")

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
            raise ScenarioError("Removing trees needs at least one tree; pick the trees to remove.")

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

        _name(self.area_id, "A new green area")
        for x, y in self.ring:
            _finite_point(x, y, f"A corner of the green area '{self.area_id}'")
        if len(self.ring) < 3:
            raise ScenarioError(
                f"The green area '{self.area_id}' needs at least three corners; draw its outline."
            )
        polygon = shapely.Polygon(self.ring)
        if not polygon.is_valid or polygon.area <= 0:
            raise ScenarioError(
                f"The outline of the green area '{self.area_id}' crosses itself or encloses nothing; "
                "draw it again without crossing lines."
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
            raise ScenarioError("Removing green areas needs at least one area; pick the areas to remove.")


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
                f"The building {self.building} cannot be {h!r} m tall; give a height above 0 and at most "
                f"{MAX_HEIGHT_M:g} m."
            )

    def describe(self) -> str:
        return _("make the building {building} {height} m tall").format(
            building=self.building, height=f"{self.height_m:g}"
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
        _name(self.use, f"Changing the use of the building {self.building}")

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
            f"This scenario edit was saved by a newer twin_app (edit format {version}, this one reads up to "
            f"{EDIT_FORMAT_VERSION}); update twin_app to open it."
        )
    if not isinstance(raw, Mapping):
        raise ScenarioError(f"A scenario edit must be a JSON object, not {type(raw).__name__}.")
    kind = raw.get("kind")
    cls = EDIT_TYPES.get(str(kind))
    if cls is None:
        raise ScenarioError(
            f"'{kind}' is not a kind of scenario edit this twin_app knows; "
            f"known kinds are: {', '.join(EDIT_TYPES)}."
        )
    values = {k: v for k, v in raw.items() if k != "kind"}
    names = {f.name for f in fields(cls)}
    unknown = sorted(set(values) - names)
    if unknown:
        raise ScenarioError(
            f"The '{kind}' edit has fields it does not take ({', '.join(unknown)}); remove them."
        )
    if cls is AddLine and isinstance(values.get("stops"), list):
        try:
            values["stops"] = tuple(LineStop(**s) for s in values["stops"])
        except TypeError as exc:
            raise ScenarioError(f"A stop of the '{kind}' edit is malformed ({exc}).") from None
    values = {k: (_tuple(v) if k != "stops" else v) for k, v in values.items()}
    try:
        edit = cls(**values)
    except TypeError as exc:
        raise ScenarioError(f"The '{kind}' edit is incomplete or malformed ({exc}).") from None
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
                "This JSON is not a twin_app scenario (it has no format 'twin_app.scenario')."
            )
        version = int(raw.get("version", 0))
        return cls(
            name=str(raw["name"]),
            description=str(raw.get("description", "")),
            edits=[edit_from_json(e, version=version) for e in raw.get("edits", [])],
        )


# -- which layer an edit changes -------------------------------------------------------------


def _named(model: CityModel, layer_id: str, cls: type[Layer], what: str) -> Layer:
    layer = model.layers.get(layer_id)
    if layer is None:
        raise ScenarioError(
            f"The city has no layer called '{layer_id}' for this scenario to {what}; "
            "open the city the project was made for, or remove the edit."
        )
    if not isinstance(layer, cls):
        raise ScenarioError(
            f"The layer '{layer.title}' cannot take this edit ({what}): it is not a "
            f"{cls.__name__.removesuffix('Layer').lower()} layer."
        )
    return layer


def stops_layer(model: CityModel) -> StopsLayer | None:
    """The layer stop edits change when they name none (``stops`` when there are several), if any."""
    found = [layer for layer in model.layers.values() if isinstance(layer, StopsLayer)]
    named = [layer for layer in found if layer.id == "stops"]
    chosen = named or found
    return chosen[0] if chosen else None


def _stops_layer(model: CityModel, layer_id: str | None) -> str:
    if layer_id is not None:
        return _named(model, layer_id, StopsLayer, "edit stops").id
    layer = stops_layer(model)
    if layer is None:
        raise ScenarioError(
            "The city has no transit stops layer for this scenario to edit; import the city with a GTFS "
            "feed or OpenStreetMap stops, or remove the stop edits."
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
        return _named(model, layer_id, PolygonLayer, "edit green areas").id
    for layer in model.layers.values():
        if is_green_layer(layer):
            return layer.id
    raise ScenarioError(
        "The city has no green-space layer (a polygon layer called 'green' or styled as green) for this "
        "scenario to edit; name the layer in the edit, or import the city with its parks."
    )


def _buildings_layer(model: CityModel) -> str:
    layer = model.buildings
    if layer is None:
        raise ScenarioError("The city has no buildings layer for this scenario to edit; remove the edit.")
    return layer.id


def _network_layer(model: CityModel, layer_id: str | None) -> str:
    if layer_id is not None:
        return _named(model, layer_id, NetworkLayer, "make a street car-free").id
    networks = [layer for layer in model.layers.values() if isinstance(layer, NetworkLayer)]
    if not networks:
        raise ScenarioError("The city has no street network for this scenario to edit; remove the edit.")
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
    raise ScenarioError(f"twin_app does not know how to apply a '{edit.kind}' edit.")


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
                raise ScenarioError(f"The layer '{base.title}' has no features a scenario can edit.")
            twin = copy.copy(base)
            twin.frame = base.frame.copy()
            twin.notes = [*base.notes, f"Changed by the scenario '{self.scenario.name}'."]
            twin.revision = base.revision + 1
            self.copies[layer_id] = twin
        layer = self.copies[layer_id]
        assert isinstance(layer, VectorLayer)
        return layer

    def new_layer(self, layer: VectorLayer) -> None:
        self.copies[layer.id] = layer

    def has(self, layer_id: str) -> bool:
        return layer_id in self.copies or layer_id in self.model.layers


def _rows(layer: VectorLayer, key: str, ids: Iterable[Any], what: str, scenario: str) -> list[int]:
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
                f"The scenario '{scenario}' would {what} {wanted}, which the layer '{layer.title}' does not "
                "have; the city may have changed since the edit was made: remove the edit or open the city "
                "it was made for."
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


def _stop_rows(layer: VectorLayer, stop_id: str, scenario: str, what: str) -> list[int]:
    return _rows(layer, STOP_ID_COLUMN, [stop_id], what, scenario)


def _apply_edit(work: _Work, edit: Edit) -> None:
    import shapely

    model, name = work.model, work.scenario.name
    crs = model.manifest.crs
    if isinstance(edit, AddStop):
        layer = work.layer(_stops_layer(model, edit.layer))
        if STOP_ID_COLUMN in layer.frame and (layer.frame[STOP_ID_COLUMN].astype(str) == edit.stop_id).any():
            raise ScenarioError(
                f"The scenario '{name}' adds the stop '{edit.stop_id}', but the city already has a stop with "
                "that id; give the new stop another id."
            )
        row = {
            STOP_ID_COLUMN: edit.stop_id,
            STOP_NAME_COLUMN: edit.name,
            STOP_MODES_COLUMN: ",".join(edit.modes),
        }
        _append(layer, [row], [shapely.Point(edit.x, edit.y)])
    elif isinstance(edit, MoveStop):
        layer = work.layer(_stops_layer(model, edit.layer))
        rows = _stop_rows(layer, edit.stop_id, name, "move the stop")
        geometry = layer.frame.geometry.copy()
        geometry.iloc[rows] = shapely.Point(edit.x, edit.y)
        layer.frame = layer.frame.set_geometry(geometry.values)
    elif isinstance(edit, RemoveStop):
        layer = work.layer(_stops_layer(model, edit.layer))
        _drop(layer, _stop_rows(layer, edit.stop_id, name, "remove the stop"))
    elif isinstance(edit, AddLine):
        _apply_line(work, edit)
    elif isinstance(edit, AddTrees):
        if edit.layer in model.layers:
            _named(model, edit.layer, PointLayer, "plant trees")
        elif edit.layer not in work.copies:
            work.new_layer(
                PointLayer(id=edit.layer, title="Trees", crs=crs, style="trees", frame=_empty(crs))
            )
        layer = _editable(work, edit.layer)
        trees: list[dict[str, Any]] = [{"species": edit.species, "scenario": name} for _ in edit.points]
        _append(layer, trees, [shapely.Point(x, y) for x, y in edit.points])
    elif isinstance(edit, RemoveTrees):
        if not work.has(edit.layer):
            raise ScenarioError(
                f"The scenario '{name}' removes trees from '{edit.layer}', a layer the city does not have; "
                "remove the edit."
            )
        layer = _editable(work, edit.layer)
        _drop(layer, _rows(layer, edit.key, edit.ids, "remove the tree", name))
    elif isinstance(edit, AddGreenArea):
        layer = work.layer(_green_layer(model, edit.layer))
        row = {"kind": edit.green_kind, "name": edit.name, "area_id": edit.area_id}
        _append(layer, [row], [shapely.Polygon(edit.ring)])
    elif isinstance(edit, RemoveGreenArea):
        layer = work.layer(_green_layer(model, edit.layer))
        _drop(layer, _rows(layer, edit.key, edit.ids, "remove the green area", name))
    elif isinstance(edit, SetBuildingHeight):
        layer = work.layer(_buildings_layer(model))
        rows = _rows(layer, edit.key, [edit.building], "change the height of the building", name)
        frame = layer.frame
        if HEIGHT_EDITED_COLUMN not in frame:
            frame[HEIGHT_EDITED_COLUMN] = False
        frame.iloc[rows, frame.columns.get_loc(HEIGHT_COLUMN)] = float(edit.height_m)
        frame.iloc[rows, frame.columns.get_loc(HEIGHT_EDITED_COLUMN)] = True
    elif isinstance(edit, SetBuildingUse):
        layer = work.layer(_buildings_layer(model))
        rows = _rows(layer, edit.key, [edit.building], "change the use of the building", name)
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
                f"The scenario '{name}' makes the street {edit.u}–{edit.v} car-free, but the network "
                f"'{layer.title}' has no street between those nodes; remove the edit or pick the street "
                "again."
            )
        if CAR_FREE_COLUMN not in frame:
            frame[CAR_FREE_COLUMN] = False
        frame.loc[hit.to_numpy(), CAR_FREE_COLUMN] = True
    else:
        raise ScenarioError(f"twin_app does not know how to apply a '{edit.kind}' edit.")


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
        rows = _stop_rows(stops, stop.stop_id, name, f"run the line '{edit.line_id}' through the stop")
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
                title="Scenario lines",
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
            if not exc.message.startswith("Edit "):
                exc.message = (
                    f"Edit {number} of the scenario '{scenario.name}' ({edit.describe()}): {exc.message}"
                )
                exc.args = (exc.message,)
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
