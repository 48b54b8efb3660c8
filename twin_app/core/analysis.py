"""What an analysis receives and returns: data, never widgets.

An analysis function gets an :class:`AnalysisContext` (read-only city,
validated parameters, a :class:`Feedback`) and returns an
:class:`AnalysisOutput` (indicators and result layers).  The runner wraps it
in an :class:`AnalysisResult` with a :class:`RunRecord` (plugin and version,
parameters, fingerprints of the input files, time), after checking the output
against the plugin's manifest, so nothing malformed reaches the model.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from twin_app.core.errors import MissingLayerError, ResultError
from twin_app.core.feedback import Feedback
from twin_app.core.i18n import _
from twin_app.core.kinds import BuildingRules
from twin_app.core.layers import DISTRICT_COLUMN, Layer
from twin_app.core.model import CityModel
from twin_app.core.params import district_names

if TYPE_CHECKING:
    import geopandas as gpd

    from twin_app.core.population import Allocation

L = TypeVar("L", bound=Layer)


def format_value(value: float | None) -> str:
    """Numbers as planners read them: 13,116 people, 0.983 shares, never 1.312e+04."""
    if value is None:
        return "n/a"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


@dataclass(frozen=True)
class Indicator:
    """One number with its meaning: key, value, unit, where, and definition."""

    key: str
    value: float | None
    unit: str
    district: str | None = None  # None: the whole city (or all selected districts)
    definition: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "value": self.value, "unit": self.unit, "district": self.district}


@dataclass
class AnalysisOutput:
    """What an analysis function returns."""

    indicators: list[Indicator] = field(default_factory=list)
    layers: list[Layer] = field(default_factory=list)
    #: method notes for provenance: snapping distance used, stops dropped, pixel rule...
    notes: dict[str, Any] = field(default_factory=dict)
    #: what an analysis that offers ``update`` keeps to repair this result after a change
    #: (only when the run was asked to keep it: ``AnalysisContext.keep_state``); never stored
    state: Any = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class InputFingerprint:
    layer_id: str
    path: str | None
    sha256: str | None
    size: int | None


@dataclass(frozen=True)
class RunRecord:
    """Provenance of one run: enough to reproduce and to defend the numbers."""

    analysis: str
    version: str
    parameters: dict[str, Any]
    inputs: list[InputFingerprint]
    started: str
    finished: str
    twin_app_version: str
    city: str

    def to_json(self) -> dict[str, Any]:
        return {
            "analysis": self.analysis,
            "version": self.version,
            "parameters": self.parameters,
            "inputs": [vars(i) for i in self.inputs],
            "started": self.started,
            "finished": self.finished,
            "twin_app_version": self.twin_app_version,
            "city": self.city,
        }


@dataclass
class AnalysisResult:
    analysis: str
    title: str
    indicators: list[Indicator]
    layers: list[Layer]
    record: RunRecord
    definitions: dict[str, dict[str, str]]
    notes: dict[str, Any] = field(default_factory=dict)
    #: sentences the user must see with the numbers (e.g. a threshold outside a raster's range)
    warnings: list[str] = field(default_factory=list)
    #: the analysis's working state for an incremental ``update`` (see :class:`Change`); in memory only
    state: Any = field(default=None, repr=False, compare=False)
    #: "run" (computed from scratch) or "update" (a previous result repaired after a change)
    how: str = "run"

    def provenance(self) -> dict[str, Any]:
        out = self.record.to_json()
        out["definitions"] = self.definitions
        out["notes"] = self.notes
        out["warnings"] = list(self.warnings)
        return out

    def to_json(self) -> dict[str, Any]:
        """The ``twin-app run --json`` document (a documented contract)."""
        return {
            "analysis": self.analysis,
            "indicators": [i.to_json() for i in self.indicators],
            "warnings": list(self.warnings),
            "provenance": self.provenance(),
        }


class AnalysisContext:
    """A read-only view of the city for one run, plus parameters and feedback."""

    def __init__(self, model: CityModel, params: Mapping[str, Any], feedback: Feedback) -> None:
        self._model = model
        self.params = dict(params)
        self.feedback = feedback
        self.used_layers: list[str] = []
        #: True when the runner wants the analysis to return the state its ``update`` needs
        self.keep_state = False

    @property
    def crs(self) -> str:
        return self._model.manifest.crs

    @property
    def building_rules(self) -> BuildingRules:
        """The city's storey height and default height (from its manifest)."""
        return self._model.manifest.buildings

    @property
    def city_name(self) -> str:
        return self._model.manifest.name

    @property
    def origin(self) -> tuple[float, float]:
        return self._model.origin

    def layer(self, layer_id: str, kind: type[L] = Layer) -> L:  # type: ignore[assignment]
        """A layer by id, of the type ``kind``; recorded as an input of the run (for fingerprints).

        The id comes from a parameter the user chose: a missing layer, or one
        of the wrong type, is theirs to fix (:class:`MissingLayerError`).
        """
        layer = self._model.layers.get(layer_id)
        wanted = kind.__name__.removesuffix("Layer").lower() or "any"
        others = [lay.id for lay in self.layers_of(kind)]
        if layer is None:
            if others:
                raise MissingLayerError(
                    _(
                        "The city has no layer called '{layer}'; choose one of its {kind} layers ({layers})."
                    ).format(layer=layer_id, kind=wanted, layers=", ".join(others))
                )
            raise MissingLayerError(
                _("The city has no layer called '{layer}', and no {kind} layer to choose instead.").format(
                    layer=layer_id, kind=wanted
                )
            )
        if not isinstance(layer, kind):
            if others:
                raise MissingLayerError(
                    _("The layer '{layer}' is not a {kind} layer; choose one of: {layers}.").format(
                        layer=layer.display_title(), kind=wanted, layers=", ".join(others)
                    )
                )
            raise MissingLayerError(
                _("The layer '{layer}' is not a {kind} layer; the city has no {kind} layer.").format(
                    layer=layer.display_title(), kind=wanted
                )
            )
        if layer_id not in self.used_layers:
            self.used_layers.append(layer_id)
        return layer

    def layers_of(self, cls: type[Layer]) -> list[Layer]:
        return [layer for layer in self._model.layers.values() if isinstance(layer, cls)]

    def districts(self, names: Sequence[str] | None = None) -> gpd.GeoDataFrame:
        """The selected districts (all when ``names`` is empty) with a ``district`` name column."""
        layer = self._model.districts
        if layer is None:
            raise MissingLayerError(
                _(
                    "This city has no districts layer, and the analysis gives its figures per district: "
                    "import the city again with 'twin-app city import NAME --osm FILE' (districts from "
                    "OpenStreetMap) or '--districts FILE' (your own district polygons)."
                )
            )
        if layer.id not in self.used_layers:
            self.used_layers.append(layer.id)
        frame = layer.frame[[DISTRICT_COLUMN, layer.frame.geometry.name]]
        if names:
            frame = frame[frame[DISTRICT_COLUMN].isin(list(names))]
        return frame.reset_index(drop=True)

    def people(self, population_id: str, buildings_id: str | None = None) -> Allocation:
        """The population grid's people placed in the buildings (none: spread by area), with districts.

        The one allocation of :mod:`twin_app.core.population`, computed once per
        city and layers and shared by every analysis, so a district has the
        same population in all of them.  Both layers are recorded as inputs.
        """
        from twin_app.core.layers import BuildingsLayer, PopulationLayer

        self.layer(population_id, PopulationLayer)
        if buildings_id:
            self.layer(buildings_id, BuildingsLayer)
        districts = self._model.districts
        if districts is not None and districts.id not in self.used_layers:
            self.used_layers.append(districts.id)
        return self._model.people(population_id, buildings_id or None)


@dataclass(frozen=True)
class Change:
    """What changed in the city since a result was computed, handed to an analysis's ``update``.

    ``edits`` are the scenario edits made since (:mod:`twin_app.core.scenario`
    objects, each with a ``kind`` such as ``"move_stop"``) and ``layers`` the
    ids of the input layers whose data differ.  The runner calls ``update``
    only when every edit's kind is one the analysis's manifest says it
    ``absorbs``; the analysis still reads the changed layers themselves, so
    the edits are a description of the change, never the only record of it.
    """

    edits: tuple[Any, ...] = ()
    layers: tuple[str, ...] = ()

    @property
    def kinds(self) -> set[str]:
        return {str(getattr(edit, "kind", "")) for edit in self.edits}


UNIT_OF_LAYER_PREFIX = "@"


def resolve_unit(declared: str, params: Mapping[str, Any], model: CityModel) -> str:
    """The unit an indicator must carry.

    A manifest may declare ``unit = "@raster"``: "the units of the layer chosen
    by the parameter ``raster``", so an analysis reports a °C raster in °C and
    a unitless index as an index, never a unit fixed in advance.
    """
    if not declared.startswith(UNIT_OF_LAYER_PREFIX):
        return declared
    layer = model.layers.get(str(params.get(declared[1:], "")))
    if layer is None:
        return "index"
    label = getattr(layer, "units_label", None) or getattr(layer, "units", None)
    return str(label or "index")


def validate_output(
    output: Any,
    *,
    declared: Mapping[str, Mapping[str, str]],
    model: CityModel,
    analysis: str,
    params: Mapping[str, Any] | None = None,
) -> AnalysisOutput:
    """Refuse malformed results before they reach the model."""
    if not isinstance(output, AnalysisOutput):
        raise ResultError(_("returned {type}, not an AnalysisOutput").format(type=type(output).__name__))
    known = set(district_names(model))
    for ind in output.indicators:
        if not isinstance(ind, Indicator):
            raise ResultError(_("returned an indicator of type {type}").format(type=type(ind).__name__))
        if ind.key not in declared:
            raise ResultError(
                _("returned indicator '{key}', which its manifest does not declare").format(key=ind.key)
            )
        unit = resolve_unit(declared[ind.key].get("unit", ""), params or {}, model)
        if ind.unit != unit:
            raise ResultError(
                _("indicator '{key}' has unit '{unit}' but the manifest says '{declared}'").format(
                    key=ind.key, unit=ind.unit, declared=unit
                )
            )
        if ind.value is not None and (not isinstance(ind.value, int | float) or not math.isfinite(ind.value)):
            raise ResultError(
                _("indicator '{key}' has the non-numeric or infinite value {value}").format(
                    key=ind.key, value=repr(ind.value)
                )
            )
        if ind.district is not None and ind.district not in known:
            raise ResultError(
                _("indicator '{key}' names an unknown district '{district}'").format(
                    key=ind.key, district=ind.district
                )
            )
    for layer in output.layers:
        if not isinstance(layer, Layer):
            raise ResultError(_("returned a result layer of type {type}").format(type=type(layer).__name__))
        if layer.crs != model.manifest.crs:
            raise ResultError(
                _("result layer '{layer}' is in {crs}, not the city's {city_crs}").format(
                    layer=layer.id, crs=layer.crs, city_crs=model.manifest.crs
                )
            )
    return output


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def result_layer_id(analysis: str, layer: Layer) -> str:
    """``analysis:id``: a result's id is always in its analysis's namespace.

    (A bare prefix test would let analysis "build" keep the id "buildings".)
    """
    return layer.id if layer.id.startswith(f"{analysis}:") else f"{analysis}:{layer.id}"
