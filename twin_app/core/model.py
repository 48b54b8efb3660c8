"""The loaded city: its layers, what went wrong loading them, and change events.

:class:`CityModel` is what the scene draws and the windows show.  It knows
nothing of Qt or VTK: views subscribe to its events (plain callbacks) and
react, so the same model drives the desktop window, headless rendering and
tests.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from twin_app.core.camera import CameraView, data_extent
from twin_app.core.city import CityManifest
from twin_app.core.i18n import _
from twin_app.core.layers import (
    DISTRICT_COLUMN,
    BuildingsLayer,
    DistrictsLayer,
    HeightFrom,
    Layer,
    LiveLayer,
    PolygonLayer,
    PopulationLayer,
    VectorLayer,
)

if TYPE_CHECKING:
    import geopandas as gpd
    import shapely

    from twin_app.core.live.frames import Frame
    from twin_app.core.population import Allocation


def as_city_districts(manifest: CityManifest, layer: Layer, *, clip: bool = True) -> DistrictsLayer:
    """The manifest's districts layer with its names in the ``district`` column; ``clip``: to the extent."""
    from twin_app.core.districts import as_districts
    from twin_app.core.vector import lonlat_box_in

    extent = lonlat_box_in(manifest.bbox_lonlat, manifest.crs) if clip else None
    return as_districts(layer, manifest.district_name_column, extent=extent)


class Change(StrEnum):
    """What changed in a layer; views map each to the cheapest update that shows it.

    Only ``STYLE`` (new geometry) asks a view for a new mesh.  ``OPACITY``,
    ``COLOUR`` and ``DATA`` are answered in place (an actor's property, a
    mesh's cell scalars and lookup table), as napari's layer events are: an
    opacity slider or a live feed must not re-extrude a city.
    """

    ADDED = "added"
    REMOVED = "removed"
    VISIBILITY = "visibility"
    #: the geometry changed: the only change that needs a new mesh
    STYLE = "style"
    OPACITY = "opacity"
    #: the colour-by column or its palette changed
    COLOUR = "colour"
    #: attribute values changed (``CityModel.update_values``); the layer's revision was bumped
    DATA = "data"


Listener = Callable[[Change, Layer], None]


@dataclass(frozen=True)
class LayerProblem:
    """A layer that could not be loaded, and the sentence explaining why."""

    layer_id: str
    title: str
    message: str


@dataclass(eq=False)
class CityModel:
    """A city's layers in draw order, plus problems met while loading it."""

    manifest: CityManifest
    origin: tuple[float, float]
    layers: dict[str, Layer] = field(default_factory=dict)
    problems: list[LayerProblem] = field(default_factory=list)
    #: where the view stands (scene coordinates), as plain data: kept by the view, saved with a project
    camera: CameraView | None = None
    _listeners: list[Listener] = field(default_factory=list, repr=False)
    #: allocations of people by (layers, their frames): every analysis counts the same people
    _people: dict[tuple[Any, ...], tuple[Allocation, tuple[Any, ...]]] = field(
        default_factory=dict, repr=False
    )

    #: result layers added by analyses: the id an analysis gave -> the id in the city
    _results: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        layer_id = self.manifest.districts_layer
        if layer_id in self.layers:
            self.layers[layer_id] = as_city_districts(self.manifest, self.layers[layer_id], clip=False)

    # -- events -----------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        """Stop telling ``listener`` (a view that closes, such as an export's); unknown ones are ignored."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _emit(self, change: Change, layer: Layer) -> None:
        for listener in list(self._listeners):
            listener(change, layer)

    # -- edits ------------------------------------------------------------
    def add_layer(self, layer: Layer) -> None:
        restyles = getattr(layer, "restyles", None)
        if restyles is not None and restyles == layer.id:
            raise ValueError(
                _(
                    "The layer '{layer}' says it re-colours itself; a result must have its own id "
                    "and name the city layer it colours in 'restyles'."
                ).format(layer=layer.id)
            )
        if layer.id == self.manifest.districts_layer and layer.id not in self.layers:
            # a layer made in code (not loaded from the manifest) is taken as it is, unclipped
            layer = as_city_districts(self.manifest, layer, clip=False)
        base, n = layer.id, 2
        while layer.id in self.layers:
            layer.id = f"{base}_{n}"
            n += 1
        self.layers[layer.id] = layer
        self._emit(Change.ADDED, layer)

    def add_result_layer(self, layer: Layer) -> None:
        """Add an analysis's result layer, replacing the previous result of the same id.

        A result never replaces a layer of the city: if its id is taken by one
        (a city may name a layer anything, "transit-access:stops" included), the
        result is added under a new id beside it, and the next run's result
        replaces that one.
        """
        wanted = layer.id
        previous = self._results.get(wanted)
        if previous is not None and previous in self.layers:
            self.remove_layer(previous)
        self.add_layer(layer)  # a clash with a city layer gets a new id here
        self._results[wanted] = layer.id

    def is_result(self, layer_id: str) -> bool:
        """Whether the layer was added by an analysis (not loaded from the city)."""
        return layer_id in self._results.values() and layer_id in self.layers

    def remove_layer(self, layer_id: str) -> None:
        layer = self.layers.pop(layer_id)
        self._results = {k: v for k, v in self._results.items() if v != layer_id}
        self._people.clear()
        self._emit(Change.REMOVED, layer)

    def snapshot(self) -> CityModel:
        """The model as it is now, for a job: its own dict of the same layer objects, no listeners.

        Not a new ``CityModel(...)``: that would wrap the districts layer again,
        a new object whose stamp would make every district analysis look stale.
        The allocation cache is shared (it is keyed by the layers it was made from).
        """
        out = copy.copy(self)
        out.layers = dict(self.layers)
        out._listeners = []
        out._results = dict(self._results)
        return out

    def replace_layer(self, layer: Layer) -> None:
        """Put ``layer`` in place of the layer of the same id (a scenario's copy, or the baseline's back).

        Its visibility, opacity and colouring are the replaced layer's, so a
        planner's choices survive an edit; views build a new mesh for this
        layer only (``Change.STYLE``).
        """
        old = self.layers[layer.id]
        layer.visible = old.visible
        layer.opacity = old.opacity
        if getattr(old, "value_column", None) is not None and hasattr(layer, "value_column"):
            layer.value_column = old.value_column  # type: ignore[attr-defined]
        self.layers[layer.id] = layer
        self._people.clear()
        self._emit(Change.STYLE, layer)

    def set_visible(self, layer_id: str, visible: bool) -> None:
        layer = self.layers[layer_id]
        if layer.visible != visible:
            layer.visible = visible
            self._emit(Change.VISIBILITY, layer)

    def set_opacity(self, layer_id: str, opacity: float) -> None:
        layer = self.layers[layer_id]
        opacity = min(max(opacity, 0.0), 1.0)
        if layer.opacity != opacity:
            layer.opacity = opacity
            self._emit(Change.OPACITY, layer)

    def set_colour_by(self, layer_id: str, column: str | None) -> None:
        layer = self.layers[layer_id]
        if not isinstance(layer, VectorLayer):
            raise ValueError(f"layer {layer_id} cannot be coloured by an attribute")
        if column is not None and column not in layer.frame:
            numeric = layer.numeric_columns()
            if not numeric:
                raise ValueError(
                    _(
                        "The layer '{layer}' has no column '{column}' to colour by, and no numeric column."
                    ).format(layer=layer.display_title(), column=column)
                )
            raise ValueError(
                _(
                    "The layer '{layer}' has no column '{column}' to colour by; choose one of: {columns}."
                ).format(layer=layer.display_title(), column=column, columns=", ".join(numeric))
            )
        if layer.value_column != column:
            layer.value_column = column
            self._emit(Change.COLOUR, layer)

    def update_values(self, layer_id: str, column: str, values: Any, rows: Any = None) -> None:
        """Write ``values`` into ``column`` of a vector layer (all rows, or the positions ``rows``).

        The geometry is untouched, so views only refresh colours: this is the
        path live observations and re-run analyses take.  A new column is
        created (NaN elsewhere) when ``rows`` is given; the layer's
        ``revision`` goes up by one.
        """
        import numpy as np

        layer = self.layers[layer_id]
        if not isinstance(layer, VectorLayer):
            raise ValueError(f"layer {layer_id} has no attribute rows to update")
        frame = layer.frame
        data = np.asarray(values)
        if rows is None:
            if data.ndim != 1 or len(data) != len(frame):
                raise ValueError(
                    _(
                        "The layer '{layer}' has {features} features but {values} values were given for "
                        "'{column}'; give one value per feature, or the rows they belong to."
                    ).format(
                        layer=layer.display_title(), features=len(frame), values=data.size, column=column
                    )
                )
            frame[column] = data
        else:
            positions = np.asarray(rows, dtype=np.int64).ravel()
            if data.ndim == 0:
                data = np.full(len(positions), data)
            if len(positions) != len(data):
                raise ValueError(
                    _(
                        "{values} values were given for {rows} rows of '{layer}'; give one value per row."
                    ).format(values=len(data), rows=len(positions), layer=layer.display_title())
                )
            if len(positions) and (positions.min() < 0 or positions.max() >= len(frame)):
                raise ValueError(
                    _("The layer '{layer}' has rows 0 to {last}; rows {low} to {high} were given.").format(
                        layer=layer.display_title(),
                        last=len(frame) - 1,
                        low=positions.min(),
                        high=positions.max(),
                    )
                )
            if column not in frame:
                frame[column] = np.full(len(frame), np.nan)
            frame.iloc[positions, frame.columns.get_loc(column)] = data
        layer.revision += 1
        self._emit(Change.DATA, layer)

    def update_live(self, layer_id: str, frame: Frame) -> None:
        """Show a live layer at a new moment: its vehicles' positions or its sensors' readings.

        Like ``update_values`` this is an in-place change (``Change.DATA``):
        views move markers and recolour columns, they build no new mesh.
        """
        layer = self.layers[layer_id]
        if not isinstance(layer, LiveLayer):
            raise ValueError(f"layer {layer_id} is not a live layer")
        layer.frame = frame
        layer.revision += 1
        self._emit(Change.DATA, layer)

    # -- queries ----------------------------------------------------------
    @property
    def buildings(self) -> BuildingsLayer | None:
        for layer in self.layers.values():
            if isinstance(layer, BuildingsLayer):
                return layer
        return None

    @property
    def districts(self) -> DistrictsLayer | None:
        layer_id = self.manifest.districts_layer
        layer = self.layers.get(layer_id) if layer_id else None
        return layer if isinstance(layer, DistrictsLayer) else None

    @property
    def population(self) -> PopulationLayer | None:
        """The city's population grid (the first, when there are several)."""
        for layer in self.layers.values():
            if isinstance(layer, PopulationLayer):
                return layer
        return None

    @property
    def extent(self) -> shapely.Polygon | None:  # type: ignore[name-defined]
        """The city's extent (its manifest's lon/lat box) in its CRS; None if it cannot be projected."""
        import math

        import shapely

        from twin_app.core.vector import lonlat_box_in

        box = lonlat_box_in(self.manifest.bbox_lonlat, self.manifest.crs)
        bounds = shapely.bounds(box)
        if not all(math.isfinite(float(v)) for v in bounds) or box.area <= 0:
            return None
        return box

    def data_extent(self) -> tuple[float, float, float, float] | None:
        """Where the city's buildings and streets are (what the home view frames), in its CRS."""
        box = self.extent
        if box is None:
            return data_extent(self.layers.values())
        x0, y0, x1, y1 = (float(v) for v in box.bounds)
        return data_extent(self.layers.values(), (x0, y0, x1, y1))

    def district_frame(self) -> gpd.GeoDataFrame | None:
        """Every district with a ``district`` name column (str) and its polygon; None without districts."""
        layer = self.districts
        if layer is None:
            return None
        frame = layer.frame
        return frame[[DISTRICT_COLUMN, frame.geometry.name]].reset_index(drop=True)

    def people(self, population_id: str, buildings_id: str | None) -> Allocation:
        """The people of a population grid placed in a buildings layer (none: by area), cached.

        Computed once per (population grid, buildings, districts, extent,
        storey height) and shared by every analysis and ``info``, so they all
        count the same people (see :mod:`twin_app.core.population`).
        """
        from twin_app.core.population import allocate

        grid = self.layers[population_id]
        if not isinstance(grid, PolygonLayer):
            raise TypeError(f"layer {population_id} is not a polygon layer")
        buildings = self.layers.get(buildings_id) if buildings_id else None
        b_frame = buildings.frame if isinstance(buildings, BuildingsLayer) else None
        column = (
            grid.count_column if isinstance(grid, PopulationLayer) else (grid.value_column or "population")
        )
        districts = self.districts
        key = (
            population_id,
            id(grid.frame),
            column,
            buildings_id,
            id(b_frame),
            districts.id if districts is not None else None,
            id(districts.frame) if districts is not None else None,
            self.manifest.crs,
            self.manifest.bbox_lonlat,
            self.manifest.buildings.storey_height_m,
        )
        cached = self._people.get(key)
        if cached is None:
            allocation = allocate(
                grid.frame,
                b_frame,
                column=column,
                extent=self.extent,
                districts=self.district_frame(),
                storey_height_m=self.manifest.buildings.storey_height_m,
            )
            # the frames are held so their ids, part of the key, cannot be reused while cached
            cached = (allocation, (grid.frame, b_frame, districts.frame if districts is not None else None))
            self._people[key] = cached
        return cached[0]

    def credits(self) -> list[str]:
        """Every credit the data requires: the manifest's, then those of files opened since."""
        lines = list(self.manifest.attribution)
        for layer in self.layers.values():
            if layer.attribution and layer.attribution not in lines:
                lines.append(layer.attribution)
        return lines

    def sources(self) -> list[dict[str, str | None]]:
        """Each data file with its layers and credit: the manifest's, then files opened since."""
        out = self.manifest.sources()
        known = {spec.source for spec in self.manifest.layers}
        for layer in self.layers.values():
            if layer.source is not None and layer.source not in known:
                known.add(layer.source)
                out.append(
                    {
                        "file": layer.source.name,
                        "layers": layer.display_title(),
                        "attribution": layer.attribution,
                    }
                )
        return out

    def info(self) -> dict[str, Any]:
        """The ``twin-app info --json`` document (a documented contract)."""
        m = self.manifest
        out: dict[str, Any] = {
            "city": m.name,
            "title": m.title,
            "folder": str(m.folder),
            "crs": m.crs,
            "bbox_lonlat": list(m.bbox_lonlat),
            "attribution": " · ".join(self.credits()),
            "sources": self.sources(),
            "layers": {lid: layer.describe() for lid, layer in self.layers.items()},
            "problems": [{"layer": p.layer_id, "message": p.message} for p in self.problems],
        }
        b = self.buildings
        out["buildings"] = (
            {"count": b.feature_count, "height_from": b.height_from_counts()}
            if b is not None
            else {"count": 0, "height_from": {rule.value: 0 for rule in HeightFrom}}
        )
        if self.districts is not None:
            out["districts"] = self.districts.names()
        if self.population is not None:
            out["population"] = self.population_info()
        return out

    def population_info(self) -> dict[str, Any]:
        """The population grid's people placed in the buildings, per district (the analyses' figures)."""
        from twin_app.core.population import OUTSIDE_DISTRICTS

        grid = self.population
        assert grid is not None
        buildings = self.buildings
        allocation = self.people(grid.id, buildings.id if buildings is not None else None)
        out: dict[str, Any] = {
            "layer": grid.id,
            "buildings_layer": buildings.id if buildings is not None else None,
            "in_grid": allocation.total_in_grid(),
            "inside_extent": allocation.total_in_extent(),
        }
        if allocation.district_names:
            # unrounded: exactly the figure each analysis reports for the district
            out["by_district"] = allocation.by_district()
            out[OUTSIDE_DISTRICTS.replace(" ", "_")] = allocation.outside_districts()
        return out
