"""Residents' feedback pins in 3D: an upright marker per pin, its head's shape and colour by category.

A pin must be found at a glance from a big screen across a hall, and read
by everyone in the room, so the category is told twice: by colour (three
colours of Okabe & Ito's palette, "Color Universal Design", 2002, chosen
to stay apart for people with any common colour-vision deficiency) and by
the head's shape, which also survives greyscale print (an idea is a ball,
a problem a cone pointing down like a warning sign, a like a cube).  The
list in the window and the legend draw the same shapes as symbols
(● ▼ ■), so a pin in the view and its row in the list look alike.

Each category is one mesh (one actor) holding all its pins, built with
numpy from a template marker, as tall as a twelfth of the view (rebuilt
in steps as the camera zooms, so a pin reads the same from the whole city
down to a street corner); the selected pin has one more actor, a
halo over its head and a ring at its foot.  Adding, moving or
deleting a pin swaps those meshes' points and cells in place: the number
of actors never changes, however many pins residents drop (thousands of
actors would slow every frame, and rebuilding actors flickers).

Pins are given in the city's CRS and drawn relative to the model's origin,
as every layer is (VTK works in float32).  No Qt.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyvista as pv

from twin_app.core.i18n import N_, _, format_number, gettext
from twin_app.core.pins import Pin, PinCategory
from twin_app.core.quantities import Quantity
from twin_app.scene.palettes import LegendEntry

#: the cell array holding each cell's pin number, for picking a pin
PIN_ID_ARRAY = "pin_id"
ACTOR_PREFIX = "__pins:"
SELECTED_ACTOR = "__pins:selected"
SELECTED_COLOUR = "#111111"
#: the head's radius and the stalk's, as shares of the marker's height
HEAD_RADIUS = 0.2
STALK_RADIUS = 0.035
#: a marker's height relative to the city's larger side, and its bounds in metres
MARKER_FRACTION = 1 / 30
MARKER_MIN_M = 12.0
MARKER_MAX_M = 80.0
#: following the camera: a marker is this share of the view's height at the point looked at
SCREEN_SHARE = 1 / 12
#: ... kept within these heights (metres), and rebuilt only when it is off by more than this factor
FOLLOW_MIN_M = 2.0
FOLLOW_MAX_M = 600.0
FOLLOW_STEP = 1.2
#: the legend entry id of the pins' key
KEY_ID = "__pins_key"

#: the pins drawn on each plotter, so an export of that plotter's view finds them (one per plotter)
_BY_PLOTTER: weakref.WeakKeyDictionary[Any, PinsVisual] = weakref.WeakKeyDictionary()


def pins_of(plotter: Any) -> PinsVisual | None:
    """The pins drawn on ``plotter`` (None when it shows none)."""
    return _BY_PLOTTER.get(plotter)


@dataclass(frozen=True)
class PinStyle:
    """How one category of pins looks, in 3D and in lists and legends."""

    category: PinCategory
    #: the category's name for people (marked for translation; translate with :func:`label`)
    name: str
    colour: str
    #: the head's shape in 3D
    shape: str
    #: the same shape as a text symbol, for lists and legends
    symbol: str


#: Okabe–Ito blue, vermillion and bluish green: distinct for protan, deutan and tritan vision
STYLES: dict[PinCategory, PinStyle] = {
    PinCategory.IDEA: PinStyle(PinCategory.IDEA, N_("Idea"), "#0072B2", "ball", "●"),
    PinCategory.PROBLEM: PinStyle(PinCategory.PROBLEM, N_("Problem"), "#D55E00", "cone", "▼"),
    PinCategory.LIKE: PinStyle(PinCategory.LIKE, N_("Like"), "#009E73", "cube", "■"),
}


def style_of(category: PinCategory | str) -> PinStyle:
    return STYLES[PinCategory(category)]


def label(category: PinCategory | str) -> str:
    """The category's name in the current language."""
    return gettext(style_of(category).name)


@dataclass(frozen=True)
class PinLegendItem:
    """One line of the pins' legend: symbol, colour, name and how many pins are shown."""

    category: PinCategory
    symbol: str
    colour: str
    label: str
    count: int


def legend_items(pins: Iterable[Pin]) -> list[PinLegendItem]:
    """The legend of the pins shown: every category (an empty one too, so the key never changes)."""
    counts = dict.fromkeys(PinCategory, 0)
    for pin in pins:
        counts[pin.category] += 1
    return [PinLegendItem(c, STYLES[c].symbol, STYLES[c].colour, label(c), counts[c]) for c in PinCategory]


def key_entry(pins: Iterable[Pin]) -> LegendEntry:
    """The pins' key for an exported image's legend: each kind's shape and colour, and how many are shown.

    Drawn in the legend area (:mod:`twin_app.scene.furniture`) like a
    colour ramp's entry, so the layout keeps it clear of everything else.
    """
    items = legend_items(pins)
    n = len(items)
    return LegendEntry(
        layer_id=KEY_ID,
        # TRANSLATORS: the heading of the key of residents' pins (idea, problem, like) in an exported image
        title=_("Feedback pins"),
        units="",
        quantity=Quantity.VALUE,
        cmap="",
        limits=(0.0, float(max(n - 1, 1))),
        # the first kind at the top
        ticks=tuple(float(n - 1 - i) for i in range(n)),
        tick_labels=tuple(
            # TRANSLATORS: one line of the pins' key: a kind of pin and how many are shown, e.g. "Idea: 3"
            _("{kind}: {count}").format(kind=i.label, count=format_number(i.count))
            for i in items
        ),
        swatches=tuple((i.colour, STYLES[i.category].shape) for i in items),
    )


def marker_size(extent: tuple[float, float, float, float] | None) -> float:
    """A marker's height in metres: a fortieth of the city's larger side, kept between 12 and 80 m."""
    if extent is None:
        return 30.0
    side = max(extent[2] - extent[0], extent[3] - extent[1])
    return float(np.clip(side * MARKER_FRACTION, MARKER_MIN_M, MARKER_MAX_M))


def follow_size(distance: float, view_angle_deg: float) -> float:
    """A marker's height that looks the same on screen from ``distance`` (metres) at this view angle."""
    import math

    visible = 2.0 * distance * math.tan(math.radians(view_angle_deg) / 2.0)
    return float(np.clip(visible * SCREEN_SHARE, FOLLOW_MIN_M, FOLLOW_MAX_M))


def _head(shape: str, size: float) -> pv.PolyData:
    """The head of a marker of height ``size`` standing at (0, 0, 0): its centre at 0.8 × size."""
    r = HEAD_RADIUS * size
    centre = (0.0, 0.0, 0.8 * size)
    if shape == "ball":
        mesh = pv.Sphere(radius=r, center=centre, theta_resolution=16, phi_resolution=12)
    elif shape == "cone":
        # a warning sign: wide at the top, its point towards the place
        mesh = pv.Cone(
            center=centre, direction=(0.0, 0.0, -1.0), height=2.2 * r, radius=1.2 * r, resolution=16
        )
    else:
        mesh = pv.Cube(center=centre, x_length=1.6 * r, y_length=1.6 * r, z_length=1.6 * r)
    return mesh.triangulate().clean()


def _stalk(size: float) -> pv.PolyData:
    return (
        pv.Cylinder(
            center=(0.0, 0.0, 0.35 * size),
            direction=(0.0, 0.0, 1.0),
            radius=STALK_RADIUS * size,
            height=0.7 * size,
            resolution=8,
        )
        .triangulate()
        .clean()
    )


def template(shape: str, size: float) -> pv.PolyData:
    """One marker (stalk and head) standing at the origin."""
    return _stalk(size).merge(_head(shape, size)).extract_surface(algorithm=None).triangulate()


def _faces(mesh: pv.PolyData) -> np.ndarray:
    """The template's triangles as an (n, 3) array of point indices."""
    return np.asarray(mesh.faces).reshape(-1, 4)[:, 1:]


def tile(base: pv.PolyData, offsets: np.ndarray, ids: Sequence[int]) -> pv.PolyData:
    """``base`` copied to each offset (an (n, 3) array), in one mesh; each cell knows its pin number."""
    points = np.asarray(base.points, dtype=float)
    tri = _faces(base)
    n = len(offsets)
    all_points = (points[None, :, :] + offsets[:, None, :]).reshape(-1, 3)
    shifted = tri[None, :, :] + (np.arange(n) * len(points))[:, None, None]
    faces = np.hstack([np.full((n * len(tri), 1), 3), shifted.reshape(-1, 3)]).ravel()
    mesh = pv.PolyData(all_points, faces=faces) if n else pv.PolyData()
    mesh.cell_data[PIN_ID_ARRAY] = np.repeat(np.asarray(ids, dtype=np.int64), len(tri))
    return mesh


def _ring(size: float, z: float, inner: float, outer: float) -> pv.PolyData:
    ring = pv.Disc(center=(0.0, 0.0, z), inner=inner * size, outer=outer * size, c_res=40)
    return ring.triangulate()


def highlight(size: float) -> pv.PolyData:
    """What marks the selected pin: a halo over its head and a ring at its foot (its colour stays seen)."""
    halo = _ring(size, 1.18 * size, 0.22, 0.34)
    foot = _ring(size, 0.05 * size, 0.25, 0.4)
    return halo.merge(foot).extract_surface(algorithm=None).triangulate()


class PinsVisual:
    """The pins of a scene: one actor per category plus the selection's, updated in place."""

    def __init__(
        self,
        plotter: Any,
        origin: tuple[float, float],
        *,
        size: float = 30.0,
        ground: float = 0.0,
        follow_camera: bool = False,
    ) -> None:
        """``follow_camera``: markers keep their size on screen as the camera zooms (rebuilt in steps)."""
        import vtk

        self.plotter = plotter
        _BY_PLOTTER[plotter] = self
        self.origin = origin
        self.size = size
        self.ground = ground
        self.pins: dict[int, Pin] = {}
        self.selected: int | None = None
        self.meshes: dict[str, pv.PolyData] = {}
        self.actors: dict[str, Any] = {}
        self._templates = {c: template(s.shape, size) for c, s in STYLES.items()}
        self._highlight = highlight(size)
        for category, style in STYLES.items():
            self._add_actor(ACTOR_PREFIX + category.value, style.colour, vtk)
        self._add_actor(SELECTED_ACTOR, SELECTED_COLOUR, vtk)
        self.actors[SELECTED_ACTOR].GetProperty().LightingOff()
        self._observer: int | None = None
        if follow_camera:
            # before each frame: a big screen across a hall needs pins as visible zoomed out as in
            self._observer = plotter.renderer.AddObserver("StartEvent", lambda *_: self._follow_camera())

    def _follow_camera(self) -> None:
        camera = self.plotter.renderer.GetActiveCamera()
        wanted = follow_size(camera.GetDistance(), camera.GetViewAngle())
        if max(wanted / self.size, self.size / wanted) > FOLLOW_STEP:
            self.resize(wanted)

    def resize(self, size: float) -> None:
        """Make every marker ``size`` metres tall (the same actors, new points)."""
        self.size = size
        self._templates = {c: template(s.shape, size) for c, s in STYLES.items()}
        self._highlight = highlight(size)
        self.set_pins(list(self.pins.values()), selected=self.selected)

    def _add_actor(self, name: str, colour: str, vtk: Any) -> None:
        """An actor whose mesh may be empty (pyvista refuses to add an empty mesh, VTK does not)."""
        mesh = pv.PolyData()
        mapper = vtk.vtkPolyDataMapper()
        mapper.SetInputData(mesh)
        mapper.ScalarVisibilityOff()
        actor = vtk.vtkActor()
        actor.SetMapper(mapper)
        actor.GetProperty().SetColor(pv.Color(colour).float_rgb)
        actor.GetProperty().SetAmbient(0.3)
        actor.GetProperty().SetDiffuse(0.8)
        actor.SetVisibility(False)
        self.plotter.add_actor(actor, name=name, reset_camera=False, render=False, pickable=True)
        self.meshes[name] = mesh
        self.actors[name] = actor

    # -- what is shown --------------------------------------------------------------------------
    def set_pins(self, pins: Iterable[Pin], *, selected: int | None = None) -> None:
        """Show exactly ``pins`` (the others go); the meshes change in place, the actors stay."""
        self.pins = {p.id: p for p in pins}
        self.selected = selected if selected in self.pins else None
        for category in PinCategory:
            chosen = [p for p in self.pins.values() if p.category == category]
            self._fill(ACTOR_PREFIX + category.value, self._templates[category], chosen)
        self._fill_selected()

    def select(self, pin_id: int | None) -> None:
        """Highlight one pin (None: none)."""
        self.selected = pin_id if pin_id in self.pins else None
        self._fill_selected()

    def _offsets(self, pins: Sequence[Pin]) -> np.ndarray:
        ox, oy = self.origin
        return np.array([(p.x - ox, p.y - oy, self.ground) for p in pins], dtype=float).reshape(-1, 3)

    def _fill(self, name: str, base: pv.PolyData, pins: Sequence[Pin]) -> None:
        new = tile(base, self._offsets(pins), [p.id for p in pins])
        mesh = self.meshes[name]
        mesh.copy_from(new, deep=True)
        mesh.Modified()
        self.actors[name].SetVisibility(bool(pins))

    def _fill_selected(self) -> None:
        if self.selected is None:
            self._fill(SELECTED_ACTOR, pv.PolyData(), [])
            return
        self._fill(SELECTED_ACTOR, self._highlight, [self.pins[self.selected]])

    # -- queries ----------------------------------------------------------------------------------
    @property
    def actor_count(self) -> int:
        return len(self.actors)

    @property
    def shown(self) -> list[Pin]:
        """The pins drawn now (none when there are none, or while the pins are hidden)."""
        if not any(self.actors[ACTOR_PREFIX + c.value].GetVisibility() for c in PinCategory):
            return []
        return list(self.pins.values())

    def copy_to(self, plotter: Any) -> PinsVisual:
        """The same pins, at the same size, on another plotter (an export drawn off screen)."""
        copy = PinsVisual(plotter, self.origin, size=self.size, ground=self.ground)
        copy.set_pins(self.shown, selected=self.selected)
        return copy

    def pin_of(self, actor: Any, cell_id: int) -> int | None:
        """The pin a picked cell belongs to, or None when the actor is not one of the pins'."""
        for name, own in self.actors.items():
            if own is actor and name != SELECTED_ACTOR:
                ids = self.meshes[name].cell_data[PIN_ID_ARRAY]
                return int(ids[cell_id]) if 0 <= cell_id < len(ids) else None
        return None

    def pin_at(self, x: int, y: int) -> int | None:
        """The pin drawn at display pixel (x, y), or None."""
        import vtk

        picker = vtk.vtkCellPicker()
        picker.SetTolerance(0.004)
        if not picker.Pick(x, y, 0, self.plotter.renderer):
            return None
        return self.pin_of(picker.GetActor(), picker.GetCellId())

    def centre_of(self, pin_id: int) -> tuple[float, float, float]:
        """The scene point a camera looks at to show a pin (its head)."""
        pin = self.pins[pin_id]
        ox, oy = self.origin
        return (pin.x - ox, pin.y - oy, self.ground + 0.8 * self.size)

    def remove(self) -> None:
        if self._observer is not None:
            self.plotter.renderer.RemoveObserver(self._observer)
            self._observer = None
        for name in list(self.actors):
            self.plotter.remove_actor(name, reset_camera=False, render=False)
        self.actors.clear()
        self.meshes.clear()
        if _BY_PLOTTER.get(self.plotter) is self:
            del _BY_PLOTTER[self.plotter]


def pins_visual(plotter: Any, model: Any) -> PinsVisual:
    """The pins' visual for a city model's scene: its origin; markers sized to the city, then the view."""
    extent: tuple[float, float, float, float] | None = None
    box = model.extent  # the manifest's box: known before any layer has loaded
    if box is not None:
        x0, y0, x1, y1 = (float(v) for v in box.bounds)
        extent = (x0, y0, x1, y1)
    else:
        extent = model.data_extent()
    ox, oy = model.origin
    return PinsVisual(plotter, (float(ox), float(oy)), size=marker_size(extent), follow_camera=True)


__all__ = [
    "KEY_ID",
    "PIN_ID_ARRAY",
    "STYLES",
    "PinLegendItem",
    "PinStyle",
    "PinsVisual",
    "follow_size",
    "key_entry",
    "label",
    "legend_items",
    "marker_size",
    "pins_of",
    "pins_visual",
    "style_of",
]
