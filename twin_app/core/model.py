"""The loaded city: its layers, what went wrong loading them, and change events.

:class:`CityModel` is what the scene draws and the windows show.  It knows
nothing of Qt or VTK: views subscribe to its events (plain callbacks) and
react, so the same model drives the desktop window, headless rendering and
tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from twin_app.core.city import CityManifest
from twin_app.core.layers import BuildingsLayer, Layer, PolygonLayer


class Change(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    VISIBILITY = "visibility"
    STYLE = "style"


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
    _listeners: list[Listener] = field(default_factory=list, repr=False)

    # -- events -----------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _emit(self, change: Change, layer: Layer) -> None:
        for listener in list(self._listeners):
            listener(change, layer)

    # -- edits ------------------------------------------------------------
    def add_layer(self, layer: Layer) -> None:
        base, n = layer.id, 2
        while layer.id in self.layers:
            layer.id = f"{base}_{n}"
            n += 1
        self.layers[layer.id] = layer
        self._emit(Change.ADDED, layer)

    def remove_layer(self, layer_id: str) -> None:
        layer = self.layers.pop(layer_id)
        self._emit(Change.REMOVED, layer)

    def set_visible(self, layer_id: str, visible: bool) -> None:
        layer = self.layers[layer_id]
        if layer.visible != visible:
            layer.visible = visible
            self._emit(Change.VISIBILITY, layer)

    def set_opacity(self, layer_id: str, opacity: float) -> None:
        layer = self.layers[layer_id]
        layer.opacity = min(max(opacity, 0.0), 1.0)
        self._emit(Change.STYLE, layer)

    def set_colour_by(self, layer_id: str, column: str | None) -> None:
        layer = self.layers[layer_id]
        if not hasattr(layer, "value_column"):
            raise ValueError(f"layer {layer_id} cannot be coloured by an attribute")
        layer.value_column = column
        self._emit(Change.STYLE, layer)

    # -- queries ----------------------------------------------------------
    @property
    def buildings(self) -> BuildingsLayer | None:
        for layer in self.layers.values():
            if isinstance(layer, BuildingsLayer):
                return layer
        return None

    @property
    def districts(self) -> PolygonLayer | None:
        layer_id = self.manifest.districts_layer
        layer = self.layers.get(layer_id) if layer_id else None
        return layer if isinstance(layer, PolygonLayer) else None

    def info(self) -> dict[str, Any]:
        """The ``twin-app info --json`` document (a documented contract)."""
        m = self.manifest
        out: dict[str, Any] = {
            "city": m.name,
            "title": m.title,
            "folder": str(m.folder),
            "crs": m.crs,
            "bbox_lonlat": list(m.bbox_lonlat),
            "attribution": m.attribution_text,
            "layers": {lid: layer.describe() for lid, layer in self.layers.items()},
            "problems": [{"layer": p.layer_id, "message": p.message} for p in self.problems],
        }
        b = self.buildings
        out["buildings"] = (
            {"count": b.feature_count, "height_from": b.height_from_counts()}
            if b is not None
            else {"count": 0, "height_from": {"height_tag": 0, "levels": 0, "default": 0}}
        )
        if self.districts is not None:
            col = m.district_name_column
            frame = self.districts.frame
            out["districts"] = [str(v) for v in frame[col]] if col in frame else []
        return out
