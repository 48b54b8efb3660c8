"""Live layers in 3D: vehicles as oriented markers, sensor stations as columns coloured by reading.

A live layer changes many times a second, so nothing here is rebuilt: each
layer owns a fixed set of VTK actors made once (markers, alert halos, alert
labels) and every new frame rewrites the points, cells and scalars of the
same ``vtkPolyData`` objects in place.  A vehicle that appears or leaves
changes the number of points of the same mesh, never the number of actors.

Sizes follow the city, not one city: a marker is a fixed fraction of the
extent of the city's buildings and streets (:func:`marker_size_m`), clipped
so that it stays between a bus's length and a city block, which reads at the
view the window opens with.

Vehicles are chevrons pointing along their compass heading (0 north, 90
east), a few metres above the streets (the flat layers lie up to 5.5 m, see
``twin_app.scene.style``) so that no street or route line covers them; a
vehicle whose heading is not known yet (standing since its first fix) is a
plain diamond.  Sensors are hexagonal columns coloured by their reading with
the palette of the feed's quantity over a range that only ever widens (the
threshold's level and every reading seen so far, rounded outwards to round
numbers): a range taken from each frame's minimum and maximum would make a
station change colour while its reading stays the same.  A station without
a reading is grey; one beyond the threshold gets a red halo on top of its
column and a label saying which station, what it reads and which rule it
breaks.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonCore import vtkLookupTable, vtkStringArray
from vtkmodules.vtkCommonDataModel import vtkPolyData
from vtkmodules.vtkRenderingCore import vtkActor, vtkActor2D, vtkPolyDataMapper
from vtkmodules.vtkRenderingLabel import vtkLabeledDataMapper

from twin_app.core.i18n import _, format_datetime, format_number
from twin_app.core.layers import FEATURE_ID_COLUMN, LiveLayer
from twin_app.core.live.frames import SensorFrame, Threshold, VehicleFrame
from twin_app.core.model import CityModel
from twin_app.core.quantities import quantity_of
from twin_app.scene.fonts import use_font
from twin_app.scene.palettes import LegendEntry, colormap, legend_entry, palette_for

#: one clear colour for vehicles, unlike every layer style (stops are blue, parks green, buildings sand)
#: and the alert red: a saturated magenta
VEHICLE_COLOUR = "#c800a1"
VEHICLE_EDGE_COLOUR = "#ffffff"
#: a station with no reading (none yet, or older than the feed's staleness limit)
NO_READING_COLOUR = "#9a9a9a"
ALERT_COLOUR = "#e0001b"
#: the bottom of a vehicle marker, metres: above every flat layer (streets 4.5 m, routes 5.5 m)
VEHICLE_Z = 7.0
#: a marker's length as a share of the diagonal of the city's extent, and its bounds in metres
MARKER_SHARE = 1 / 70
MARKER_MIN_M = 15.0
MARKER_MAX_M = 80.0
#: a sensor column is this many marker lengths high (taller than most city blocks at the default size)
COLUMN_HEIGHT = 1.6
COLUMN_RADIUS = 0.35
ALERT_LABEL_PX = 15
#: the margin of the ground plane around the city's extent, as a share of its longer side
GROUND_PAD = 0.04


def marker_size_m(model: CityModel) -> float:
    """A vehicle marker's length: a fixed share of the city's extent, between a bus and a block."""
    extent = model.data_extent()
    if extent is None:
        return MARKER_MIN_M * 2
    x0, y0, x1, y1 = extent
    diagonal = math.hypot(x1 - x0, y1 - y0)
    return float(np.clip(diagonal * MARKER_SHARE, MARKER_MIN_M, MARKER_MAX_M))


# -- glyphs: a flat outline extruded into a prism, as points and triangles ------------------------
def _prism(outline: np.ndarray, tris: np.ndarray, z0: float, z1: float) -> tuple[np.ndarray, np.ndarray]:
    """A prism from a counter-clockwise outline and its triangulation: (points, triangles)."""
    n = len(outline)
    bottom = np.column_stack([outline, np.full(n, z0)])
    top = np.column_stack([outline, np.full(n, z1)])
    points = np.vstack([bottom, top])
    faces = [tris[:, ::-1], tris + n]  # the bottom faces down, the top faces up
    for i in range(n):
        j = (i + 1) % n
        faces.append(np.array([[i, j, n + j], [i, n + j, n + i]]))
    return points, np.vstack(faces)


def chevron(length: float, z0: float, height: float) -> tuple[np.ndarray, np.ndarray]:
    """An arrowhead pointing north (+y), centred on the origin."""
    half, wing = length / 2, 0.4 * length
    outline = np.array([[0.0, half], [-wing, -half], [0.0, -0.2 * length], [wing, -half]])
    tris = np.array([[0, 1, 2], [0, 2, 3]])
    return _prism(outline, tris, z0, z0 + height)


def diamond(size: float, z0: float, height: float) -> tuple[np.ndarray, np.ndarray]:
    """A plain marker for a vehicle whose heading is unknown."""
    r = size / 2
    outline = np.array([[0.0, r], [-r, 0.0], [0.0, -r], [r, 0.0]])
    tris = np.array([[0, 1, 2], [0, 2, 3]])
    return _prism(outline, tris, z0, z0 + height)


def hexagon(radius: float, z0: float, height: float) -> tuple[np.ndarray, np.ndarray]:
    """A hexagonal column standing on the ground."""
    angles = np.deg2rad(np.arange(6) * 60.0 + 30.0)
    outline = np.column_stack([radius * np.cos(angles), radius * np.sin(angles)])
    tris = np.array([[0, 1, 2], [0, 2, 3], [0, 3, 4], [0, 4, 5]])
    return _prism(outline, tris, z0, z0 + height)


def ring(inner: float, outer: float, z: float, segments: int = 24) -> tuple[np.ndarray, np.ndarray]:
    """A flat annulus (an alert halo), facing up."""
    angles = np.linspace(0.0, 2 * np.pi, segments, endpoint=False)
    unit = np.column_stack([np.cos(angles), np.sin(angles)])
    points = np.vstack(
        [
            np.column_stack([unit * inner, np.full(segments, z)]),
            np.column_stack([unit * outer, np.full(segments, z)]),
        ]
    )
    i = np.arange(segments)
    j = (i + 1) % segments
    tris = np.vstack(
        [np.column_stack([i, j, segments + j]), np.column_stack([i, segments + j, segments + i])]
    )
    return points, tris


def instances(
    glyph: tuple[np.ndarray, np.ndarray], xy: np.ndarray, heading_deg: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One copy of ``glyph`` per position, turned to its compass heading: (points, triangles, owner).

    A compass bearing turns clockwise from north, so a glyph pointing north
    is rotated by -heading: x' = x cos θ + y sin θ, y' = -x sin θ + y cos θ.
    """
    template, tris = glyph
    n = len(xy)
    per = len(template)
    if heading_deg is None:
        points = template[None, :, :] + np.column_stack([xy, np.zeros(n)])[:, None, :]
    else:
        theta = np.deg2rad(heading_deg)[:, None]
        cos, sin = np.cos(theta), np.sin(theta)
        x, y = template[None, :, 0], template[None, :, 1]
        points = np.stack(
            [
                x * cos + y * sin + xy[:, 0:1],
                -x * sin + y * cos + xy[:, 1:2],
                np.broadcast_to(template[:, 2], (n, per)),
            ],
            axis=-1,
        )
    all_tris = (tris[None, :, :] + (np.arange(n) * per)[:, None, None]).reshape(-1, 3)
    owner = np.repeat(np.arange(n), len(tris))
    return points.reshape(-1, 3), all_tris, owner


def set_triangles(mesh: pv.PolyData, points: np.ndarray, tris: np.ndarray) -> None:
    """Replace the points and triangles of ``mesh`` in place (its mapper and actor stay the same)."""
    mesh.points = points.astype(np.float32) if len(points) else np.zeros((0, 3), np.float32)
    faces = np.column_stack([np.full(len(tris), 3), tris]).ravel() if len(tris) else np.zeros(0, np.int64)
    mesh.faces = faces.astype(np.int64)


def _actor(mesh: pv.PolyData, colour: str) -> vtkActor:
    mapper = vtkPolyDataMapper()
    mapper.SetInputData(mesh)
    mapper.ScalarVisibilityOff()
    actor = vtkActor()
    actor.SetMapper(mapper)
    actor.GetProperty().SetColor(pv.Color(colour).float_rgb)
    return actor


def _nice_range(low: float, high: float) -> tuple[float, float]:
    """[low, high] widened outwards to round numbers (1, 2, 2.5 or 5 × 10ⁿ steps)."""
    if high < low:
        low, high = high, low
    if high == low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return (math.floor(low / step + 1e-9) * step, math.ceil(high / step - 1e-9) * step)


def format_reading(value: float, units: str | None) -> str:
    """A reading as the current language writes numbers, with its units ("31,2 °C" in French)."""
    if not np.isfinite(value):
        return _("no reading")
    magnitude = abs(value)
    decimals = 0 if magnitude >= 100 else 1 if magnitude >= 1 else 2
    number = format_number(value, decimals)
    # TRANSLATORS: a sensor's reading and its units, e.g. "31.2 °C"
    return _("{value} {units}").format(value=number, units=units) if units else number


def alert_text(station: str, value: float, units: str | None, threshold: Threshold | None) -> str:
    """An alert label: which station, what it reads, and the level it is beyond ("s17: 31.2 °C > 30").

    Each form is one whole sentence for translators: a language may put the
    station after the reading, or write the comparison in words.
    """
    reading = format_reading(value, units)
    if threshold is not None and threshold.above is not None and value > threshold.above:
        # TRANSLATORS: an alert label over a sensor: station, its reading, and the level it is above
        return _("{station}: {reading} > {threshold}").format(
            station=station, reading=reading, threshold=format_number(threshold.above)
        )
    if threshold is not None and threshold.below is not None and value < threshold.below:
        # TRANSLATORS: an alert label over a sensor: station, its reading, and the level it is below
        return _("{station}: {reading} < {threshold}").format(
            station=station, reading=reading, threshold=format_number(threshold.below)
        )
    # TRANSLATORS: a label over a sensor: the station and its reading
    return _("{station}: {reading}").format(station=station, reading=reading)


def shown_time(moment: dt.datetime) -> str:
    """A frame's time in UTC, as the current language writes a date and time ("1 juin 2026, 12:00:00")."""
    return format_datetime(moment.astimezone(dt.UTC), "medium")


class LiveVisual:
    """The actors of one live layer, updated in place from its frames."""

    def __init__(self, layer: LiveLayer, origin: tuple[float, float], size_m: float) -> None:
        self.layer = layer
        self.origin = origin
        self.size_m = size_m
        self.mesh = pv.PolyData()
        self.actors: list[Any] = []
        #: what each drawn marker is: the index in the frame
        self.owner = np.zeros(0, dtype=np.int64)

    def local_xy(self, xy: np.ndarray) -> np.ndarray:
        """City CRS to scene coordinates (VTK is float32: draw relative to the scene origin)."""
        return np.asarray(xy, dtype=float) - np.asarray(self.origin, dtype=float)

    def update(self, layer: LiveLayer) -> None:
        raise NotImplementedError

    def set_opacity(self, opacity: float) -> None:
        self.actors[0].GetProperty().SetOpacity(opacity)

    def legend_entry(self) -> LegendEntry | None:
        return None

    def attributes(self, cell_id: int) -> dict[str, Any] | None:
        raise NotImplementedError


class VehicleVisual(LiveVisual):
    """Vehicles as chevrons along their heading; a diamond where the heading is unknown.

    Only vehicles over the city's ground are drawn (``ground``, scene
    coordinates): a feed reports a whole network, and markers floating over
    the empty background beyond the city's extent say nothing about it.
    """

    def __init__(
        self,
        layer: LiveLayer,
        origin: tuple[float, float],
        size_m: float,
        ground: tuple[float, float, float, float] | None = None,
    ) -> None:
        super().__init__(layer, origin, size_m)
        self.ground = ground
        thickness = max(size_m * 0.25, 2.0)
        self.arrow = chevron(size_m, VEHICLE_Z, thickness)
        self.plain = diamond(size_m * 0.7, VEHICLE_Z, thickness)
        actor = _actor(self.mesh, VEHICLE_COLOUR)
        prop = actor.GetProperty()
        prop.SetAmbient(0.35)
        prop.SetDiffuse(0.75)
        self.actors = [actor]
        self.update(layer)

    def update(self, layer: LiveLayer) -> None:
        self.layer = layer
        frame = layer.frame
        if not isinstance(frame, VehicleFrame) or frame.count == 0:
            set_triangles(self.mesh, np.zeros((0, 3)), np.zeros((0, 3), np.int64))
            self.owner = np.zeros(0, dtype=np.int64)
            self.mesh.cell_data[FEATURE_ID_COLUMN] = self.owner
            self.mesh.Modified()
            return
        xy = self.local_xy(frame.xy)
        known = np.isfinite(frame.heading_deg)
        inside = np.ones(len(xy), dtype=bool)
        if self.ground is not None:
            x0, y0, x1, y1 = self.ground
            inside = (xy[:, 0] >= x0) & (xy[:, 0] <= x1) & (xy[:, 1] >= y0) & (xy[:, 1] <= y1)
        headed = np.flatnonzero(known & inside)
        unheaded = np.flatnonzero(~known & inside)
        p1, t1, o1 = instances(self.arrow, xy[headed], frame.heading_deg[headed])
        p2, t2, o2 = instances(self.plain, xy[unheaded])
        set_triangles(self.mesh, np.vstack([p1, p2]), np.vstack([t1, t2 + len(p1)]))
        self.owner = np.concatenate([headed[o1], unheaded[o2]]).astype(np.int64)
        self.mesh.cell_data[FEATURE_ID_COLUMN] = self.owner
        self.mesh.Modified()

    def attributes(self, cell_id: int) -> dict[str, Any] | None:
        frame = self.layer.frame
        if not isinstance(frame, VehicleFrame) or not 0 <= cell_id < len(self.owner):
            return None
        i = int(self.owner[cell_id])
        heading = float(frame.heading_deg[i])
        # the names a planner reads in the Identify panel; the values a feed sent (ids, routes) stay as sent
        attrs: dict[str, Any] = {_("Layer"): self.layer.display_title(), _("Vehicle"): frame.ids[i]}
        if frame.labels:
            attrs[_("Route")] = frame.labels[i]
        attrs[_("Heading")] = (
            # TRANSLATORS: a compass heading in degrees, e.g. "90°"
            _("{degrees}°").format(degrees=format_number(round(heading) % 360, 0))
            if np.isfinite(heading)
            else _("unknown (standing since its first fix)")
        )
        attrs[_("Time (UTC)")] = shown_time(frame.time)
        if self.layer.simulated:
            attrs[_("Simulated")] = self.layer.display_simulated()
        return attrs


class SensorVisual(LiveVisual):
    """Stations as columns coloured by reading; a red halo and a label where the threshold is beyond."""

    def __init__(self, layer: LiveLayer, origin: tuple[float, float], size_m: float) -> None:
        super().__init__(layer, origin, size_m)
        radius = size_m * COLUMN_RADIUS
        self.height = size_m * COLUMN_HEIGHT
        self.column = hexagon(radius, 0.0, self.height)
        self.halo = ring(radius * 1.5, radius * 2.6, self.height + 1.0)
        self.quantity = quantity_of(layer.quantity or layer.title, layer.units, declared=layer.quantity)
        self.limits: tuple[float, float] | None = None
        self.lut = vtkLookupTable()
        table = colormap(palette_for(self.quantity).cmap)(np.linspace(0.0, 1.0, 256))
        self.lut.SetNumberOfTableValues(len(table))
        for i, (r, g, b, a) in enumerate(table):
            self.lut.SetTableValue(i, float(r), float(g), float(b), float(a))
        nan = pv.Color(NO_READING_COLOUR).float_rgb
        self.lut.SetNanColor(nan[0], nan[1], nan[2], 1.0)
        self.lut.Build()
        columns = _actor(self.mesh, NO_READING_COLOUR)
        mapper = columns.GetMapper()
        mapper.SetLookupTable(self.lut)
        mapper.SetScalarModeToUseCellFieldData()
        mapper.SelectColorArray("reading")
        mapper.SetColorModeToMapScalars()
        mapper.SetUseLookupTableScalarRange(False)
        mapper.ScalarVisibilityOn()
        columns.GetProperty().SetAmbient(0.3)
        self.halo_mesh = pv.PolyData()
        halo = _actor(self.halo_mesh, ALERT_COLOUR)
        halo.GetProperty().LightingOff()
        halo.PickableOff()
        self.label_points = vtkPolyData()
        self.label_text = vtkStringArray()
        self.label_text.SetName("alert")
        label_mapper = vtkLabeledDataMapper()
        label_mapper.SetInputData(self.label_points)
        label_mapper.SetLabelModeToLabelFieldData()
        label_mapper.SetFieldDataName("alert")
        self.label_mapper = label_mapper
        text = label_mapper.GetLabelTextProperty()
        text.SetColor(pv.Color(ALERT_COLOUR).float_rgb)
        text.SetFontSize(ALERT_LABEL_PX)
        text.BoldOn()
        text.ShadowOff()
        text.SetBackgroundColor(1.0, 1.0, 1.0)
        text.SetBackgroundOpacity(0.85)
        text.SetJustificationToCentered()
        text.SetVerticalJustificationToBottom()
        labels = vtkActor2D()
        labels.SetMapper(label_mapper)
        labels.PickableOff()
        self.actors = [columns, halo, labels]
        self.update(layer)

    def _widen(self, values: np.ndarray) -> None:
        """Take in the threshold and new readings; the range only ever grows (no flicker)."""
        levels = [
            v
            for v in (
                getattr(self.layer.threshold, "above", None),
                getattr(self.layer.threshold, "below", None),
            )
            if v is not None
        ]
        finite = values[np.isfinite(values)]
        if finite.size == 0:  # the threshold alone says nothing of the readings' spread: wait for one
            return
        known = list(self.limits) if self.limits is not None else []
        pool = known + levels + [float(finite.min()), float(finite.max())]
        low, high = min(pool), max(pool)
        if self.limits is None or low < self.limits[0] or high > self.limits[1]:
            self.limits = _nice_range(low, high)
            self.actors[0].GetMapper().SetScalarRange(*self.limits)

    def update(self, layer: LiveLayer) -> None:
        self.layer = layer
        frame = layer.frame
        if not isinstance(frame, SensorFrame):
            frame = SensorFrame(time=frame.time) if frame is not None else None
        n = frame.count if frame is not None else 0
        xy = self.local_xy(frame.xy) if frame is not None else np.zeros((0, 2))
        values = frame.values.astype(float) if frame is not None else np.zeros(0)
        alert = frame.alert if frame is not None else np.zeros(0, dtype=bool)
        self._widen(values)
        points, tris, owner = instances(self.column, xy)
        set_triangles(self.mesh, points, tris)
        self.owner = owner.astype(np.int64)
        self.mesh.cell_data[FEATURE_ID_COLUMN] = self.owner
        self.mesh.cell_data["reading"] = values[owner].astype(np.float32) if n else np.zeros(0, np.float32)
        self.mesh.Modified()
        hot = np.flatnonzero(alert)
        hp, ht, _owner = instances(self.halo, xy[hot])
        set_triangles(self.halo_mesh, hp, ht)
        self.halo_mesh.Modified()
        self.actors[1].SetVisibility(bool(len(hot)) and layer.visible)
        label_xyz = (
            np.column_stack([xy[hot], np.full(len(hot), self.height * 1.45)])
            if len(hot)
            else np.zeros((0, 3))
        )
        self.label_points.SetPoints(pv.vtk_points(label_xyz.astype(np.float32)))
        self.label_text.SetNumberOfValues(len(hot))
        for k, i in enumerate(hot):
            self.label_text.SetValue(
                k, alert_text(frame.ids[i], float(values[i]), layer.units, layer.threshold)
            )
        self.label_points.GetPointData().AddArray(self.label_text)
        # the labels share one text property: its font must draw every label (a station named in Greek...)
        use_font(
            self.label_mapper.GetLabelTextProperty(),
            "".join(self.label_text.GetValue(k) for k in range(len(hot))),
        )
        self.label_text.Modified()
        self.label_points.Modified()
        self.actors[2].SetVisibility(bool(len(hot)) and layer.visible)

    def legend_entry(self) -> LegendEntry | None:
        if self.limits is None:
            return None
        return legend_entry(
            self.layer.id, self.layer.display_title(), self.layer.units, self.quantity, *self.limits
        )

    def attributes(self, cell_id: int) -> dict[str, Any] | None:
        frame = self.layer.frame
        if not isinstance(frame, SensorFrame) or not 0 <= cell_id < len(self.owner):
            return None
        i = int(self.owner[cell_id])
        attrs: dict[str, Any] = {
            _("Layer"): self.layer.display_title(),
            _("Station"): frame.ids[i],
            _("Reading"): format_reading(float(frame.values[i]), frame.unit or self.layer.units),
            _("Time (UTC)"): shown_time(frame.time),
        }
        if self.layer.threshold is not None:
            rule = self.layer.threshold.describe()
            attrs[_("Threshold")] = (
                # TRANSLATORS: a reading is beyond an alert rule, e.g. "beyond heat warning (above 25)"
                _("beyond {rule}").format(rule=rule)
                if bool(frame.alert[i])
                # TRANSLATORS: a reading is within an alert rule, e.g. "within heat warning (above 25)"
                else _("within {rule}").format(rule=rule)
            )
        if self.layer.simulated:
            attrs[_("Simulated")] = self.layer.display_simulated()
        return attrs


def live_visual(layer: LiveLayer, model: CityModel) -> LiveVisual:
    """The visual of a live layer, by what its feed reports."""
    from twin_app.scene.overlays import city_extent

    size = marker_size_m(model)
    if layer.observation_kind == "sensor":
        return SensorVisual(layer, model.origin, size)
    x0, y0, x1, y1 = city_extent(model)
    pad = GROUND_PAD * max(x1 - x0, y1 - y0)  # the ground plane's own margin (overlays.add_ground)
    return VehicleVisual(layer, model.origin, size, ground=(x0 - pad, y0 - pad, x1 + pad, y1 + pad))


__all__ = [
    "ALERT_COLOUR",
    "NO_READING_COLOUR",
    "VEHICLE_COLOUR",
    "LiveVisual",
    "SensorVisual",
    "VehicleVisual",
    "live_visual",
    "marker_size_m",
]
