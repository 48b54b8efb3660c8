"""Snapping a clicked map point to what the planner meant: a street, a stop, a building, a park.

A click in the 3D view lands a few metres from where the facilitator aimed,
and a stop dropped beside a street is not served by it: the access analyses
join stops to the walking network, so a stop half a block away counts a
different set of homes.  Edits therefore go through these functions before
they become :mod:`twin_app.core.scenario` edits:

* :meth:`Snapper.street` moves the point onto the nearest street edge (the
  orthogonal projection onto the nearest segment of the nearest edge, as
  ``shapely.line_locate_point`` / ``line_interpolate_point`` compute it),
  within a tolerance in metres; edges not *at grade* (tunnels, corridors,
  see :class:`~twin_app.core.layers.NetworkLayer`) are skipped, a stop
  cannot stand in a tunnel's roof.
* :meth:`Snapper.stop` and :meth:`Snapper.point` find the nearest stop or
  tree within a tolerance.
* :meth:`Snapper.polygon` finds the building or green area under the point
  (the smallest one when they overlap: the courtyard building, not the block).

Each layer gets one ``shapely.STRtree`` built on first use and kept while the
layer object and its revision stay the same, so a preview that follows the
mouse costs a tree query, not a rebuild.  Scenario edits copy the layers they
change (new objects, new revisions), which rebuilds exactly those trees.

Features are named as scenario edits name them: by the ``feature_id``
column (``stop_id`` for stops) when the layer has it, else by the row's
index label, compared as text.

Qt- and VTK-free; coordinates in the city's CRS (metres).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from twin_app.core.layers import (
    FEATURE_ID_COLUMN,
    STOP_ID_COLUMN,
    NetworkLayer,
    PointLayer,
    VectorLayer,
)
from twin_app.core.scenario import is_green_layer, stops_layer  # the layers edits change, found one way

if TYPE_CHECKING:
    from twin_app.core.model import CityModel

#: how far from a street a click may be and still snap to it (metres)
STREET_TOLERANCE_M = 40.0
#: how far from a stop a click may be and still pick it (metres)
STOP_TOLERANCE_M = 25.0
#: how far from a tree a click may be and still pick it (metres)
TREE_TOLERANCE_M = 6.0


@dataclass(frozen=True)
class StreetSnap:
    """The point on a street nearest to a click, and the street (edge ``u``–``v``) it lies on."""

    x: float
    y: float
    #: from the click to the snapped point (metres)
    distance: float
    layer_id: str
    #: the edge's row position in the layer's frame
    row: int
    u: str
    v: str


@dataclass(frozen=True)
class FeatureHit:
    """A feature picked by a click: its layer, its key (as scenario edits name it) and where it is."""

    layer_id: str
    key: str
    row: int
    #: the feature's own position (a point's coordinates, a polygon's representative point)
    x: float
    y: float
    #: from the click to the feature (metres; 0 inside a polygon)
    distance: float


def feature_key(layer: VectorLayer, row: int, key: str = FEATURE_ID_COLUMN) -> str:
    """The text a scenario edit names the feature at ``row`` by: ``key``'s value, else the index label."""
    frame = layer.frame
    if key in frame.columns:
        return str(frame[key].iloc[row])
    return str(frame.index[row])


def street_network(model: CityModel, layer_id: str | None = None, *, prefer: str = "walk") -> NetworkLayer:
    """The network to snap to: ``layer_id`` if given, else the first of type ``prefer``, else the first.

    Stops snap to the walking network (it is the one access analyses walk);
    a car-free street is a street cars drive on, so that tool prefers "drive".
    """
    if layer_id is not None:
        layer = model.layers.get(layer_id)
        if not isinstance(layer, NetworkLayer):
            raise LookupError(layer_id)
        return layer
    networks = [layer for layer in model.layers.values() if isinstance(layer, NetworkLayer)]
    if not networks:
        raise LookupError("street network")
    preferred = [n for n in networks if n.network_type == prefer]
    return (preferred or networks)[0]


class _Index:
    """One layer's STRtree with the rows it indexes (rows without geometry are left out)."""

    def __init__(self, layer: VectorLayer, rows: Any) -> None:
        import numpy as np
        import shapely

        geometries = layer.frame.geometry.to_numpy()
        rows = np.asarray(rows, dtype=np.int64)
        keep = ~shapely.is_missing(geometries[rows]) & ~shapely.is_empty(geometries[rows])
        self.rows = rows[keep]
        self.geometries = geometries[self.rows]
        self.tree = shapely.STRtree(self.geometries)


class Snapper:
    """Snaps clicks to a model's streets, stops, trees, buildings and green areas.

    Keep one per shown model (or call it with each new model: the trees of
    layers that did not change are reused).
    """

    def __init__(self, model: CityModel) -> None:
        self.model = model
        self._indexes: dict[tuple[str, str], tuple[int, int, _Index]] = {}

    def _index(self, layer: VectorLayer, purpose: str) -> _Index:
        cached = self._indexes.get((layer.id, purpose))
        if cached is not None and cached[0] == id(layer) and cached[1] == layer.revision:
            return cached[2]
        import numpy as np

        rows: Any = np.arange(len(layer.frame))
        if purpose == "street" and "at_grade" in layer.frame.columns:
            at_grade = layer.frame["at_grade"].fillna(True).to_numpy(dtype=bool)
            rows = rows[at_grade]
        index = _Index(layer, rows)
        self._indexes[(layer.id, purpose)] = (id(layer), layer.revision, index)
        return index

    # -- streets ---------------------------------------------------------------------------------
    def street(
        self,
        x: float,
        y: float,
        *,
        tolerance: float = STREET_TOLERANCE_M,
        layer_id: str | None = None,
        prefer: str = "walk",
    ) -> StreetSnap | None:
        """The nearest point on the nearest street within ``tolerance`` metres of (x, y), or None."""
        import shapely

        try:
            layer = street_network(self.model, layer_id, prefer=prefer)
        except LookupError:
            return None
        index = self._index(layer, "street")
        if len(index.rows) == 0:
            return None
        click = shapely.Point(x, y)
        hits, distances = index.tree.query_nearest(click, max_distance=tolerance, return_distance=True)
        if len(hits) == 0:
            return None
        # equidistant edges (a click on a junction) all come back; the lowest row is a stable choice
        best = int(min(hits, key=lambda h: int(index.rows[h])))
        edge = index.geometries[best]
        snapped = shapely.line_interpolate_point(edge, shapely.line_locate_point(edge, click))
        row = int(index.rows[best])
        frame = layer.frame
        return StreetSnap(
            x=float(snapped.x),
            y=float(snapped.y),
            distance=float(min(distances)),
            layer_id=layer.id,
            row=row,
            u=str(frame["u"].iloc[row]) if "u" in frame.columns else "",
            v=str(frame["v"].iloc[row]) if "v" in frame.columns else "",
        )

    # -- points ----------------------------------------------------------------------------------
    def point(
        self, layer: VectorLayer, x: float, y: float, *, tolerance: float, key: str
    ) -> FeatureHit | None:
        """The feature of ``layer`` nearest to (x, y) within ``tolerance`` metres, or None."""
        import shapely

        index = self._index(layer, "nearest")
        if len(index.rows) == 0:
            return None
        hits, distances = index.tree.query_nearest(
            shapely.Point(x, y), max_distance=tolerance, return_distance=True
        )
        if len(hits) == 0:
            return None
        best = int(min(hits, key=lambda h: int(index.rows[h])))
        row = int(index.rows[best])
        where = index.geometries[best]
        if not isinstance(where, shapely.Point):
            where = where.representative_point()
        return FeatureHit(
            layer.id, feature_key(layer, row, key), row, where.x, where.y, float(min(distances))
        )

    def stop(self, x: float, y: float, *, tolerance: float = STOP_TOLERANCE_M) -> FeatureHit | None:
        """The stop nearest to (x, y) within ``tolerance`` metres (named by ``stop_id``), or None."""
        layer = stops_layer(self.model)
        if layer is None:
            return None
        return self.point(layer, x, y, tolerance=tolerance, key=STOP_ID_COLUMN)

    def tree(
        self, x: float, y: float, *, layer_id: str, tolerance: float = TREE_TOLERANCE_M
    ) -> FeatureHit | None:
        """The tree of the point layer ``layer_id`` nearest to (x, y) within ``tolerance`` metres."""
        layer = self.model.layers.get(layer_id)
        if not isinstance(layer, PointLayer):
            return None
        return self.point(layer, x, y, tolerance=tolerance, key=FEATURE_ID_COLUMN)

    # -- polygons --------------------------------------------------------------------------------
    def polygon(self, layer: VectorLayer, x: float, y: float) -> FeatureHit | None:
        """The feature of ``layer`` whose polygon holds (x, y) (edge included); the smallest if several."""
        import shapely

        index = self._index(layer, "cover")
        if len(index.rows) == 0:
            return None
        click = shapely.Point(x, y)
        hits = index.tree.query(click, predicate="intersects")
        if len(hits) == 0:
            return None
        areas = shapely.area(index.geometries[hits])
        best = int(hits[int(areas.argmin())])
        row = int(index.rows[best])
        inside = index.geometries[best].representative_point()
        return FeatureHit(layer.id, feature_key(layer, row), row, inside.x, inside.y, 0.0)

    def building(self, x: float, y: float) -> FeatureHit | None:
        """The building under (x, y), or None."""
        layer = self.model.buildings
        return None if layer is None else self.polygon(layer, x, y)

    def green_area(self, x: float, y: float) -> FeatureHit | None:
        """The green area under (x, y) in the city's green layer, or None."""
        for layer in self.model.layers.values():
            if is_green_layer(layer) and isinstance(layer, VectorLayer):
                hit = self.polygon(layer, x, y)
                if hit is not None:
                    return hit
        return None


__all__ = [
    "STOP_TOLERANCE_M",
    "STREET_TOLERANCE_M",
    "TREE_TOLERANCE_M",
    "FeatureHit",
    "Snapper",
    "StreetSnap",
    "feature_key",
    "is_green_layer",
    "stops_layer",
    "street_network",
]
