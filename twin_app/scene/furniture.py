"""Map furniture drawn on the screen, not in the city: title, north arrow, scale bar, credits, legend.

Everything here is a 2D overlay (``vtkActor2D`` / ``vtkTextActor`` in display
pixels), so it never leaves the view, keeps its size under any orbit and is
part of every screenshot and export.  The camera-dependent pieces are
recomputed on every render from a renderer ``StartEvent`` observer:

* the **north arrow** points to grid north of the city's CRS as seen on the
  screen: the focal point and a point a little north of it are projected to
  display pixels, and the arrow follows the line between them;
* the **scale bar** is a round number of metres (1, 2 or 5 × 10ⁿ) at the
  focal point: one pixel there covers ``2·d·tan(fov/2)/height`` metres in a
  perspective view (``d`` the camera distance, ``fov`` the vertical view
  angle) and ``2·parallel_scale/height`` in a parallel one.  In an oblique
  view the scale changes across the image, so the bar is true at the centre.

Positions and sizes come from :mod:`twin_app.scene.layout`, which guarantees
that no two pieces overlap at any image size; text is measured with VTK's own
text renderer so the rectangles are the drawn ones.  The legend is drawn here
only in exports (:meth:`Furniture.set_legend`); the window shows it in a panel.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Sequence
from typing import Any

import numpy as np
import pyvista as pv
import vtkmodules.vtkRenderingFreeType  # noqa: F401  (registers the text renderer)
from vtkmodules.util.numpy_support import numpy_to_vtk
from vtkmodules.vtkCommonCore import vtkPoints, vtkUnsignedCharArray
from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkPolyData
from vtkmodules.vtkRenderingCore import (
    vtkActor2D,
    vtkCoordinate,
    vtkPolyDataMapper2D,
    vtkTextActor,
    vtkTextProperty,
    vtkTextRenderer,
)

from twin_app.core.i18n import language, pgettext
from twin_app.core.model import CityModel
from twin_app.scene.fonts import font_for, missing_font_sentence, use_font
from twin_app.scene.layout import (
    SCALE_BAR_THICK_PX,
    Layout,
    Rect,
    compute_layout,
    more_sources,
    scale_label,
)
from twin_app.scene.palettes import LegendEntry, colormap
from twin_app.scene.style import TEXT_COLOR

NORTH_COLOR = (0.70, 0.13, 0.13)
PANEL_OPACITY = 0.85

#: the furniture of each plotter, so label sets and credits find it (one per plotter)
_BY_PLOTTER: weakref.WeakKeyDictionary[Any, Furniture] = weakref.WeakKeyDictionary()


def furniture_of(plotter: Any) -> Furniture | None:
    return _BY_PLOTTER.get(plotter)


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    h = hex_colour.lstrip("#")
    return (int(h[0:2], 16) / 255, int(h[2:4], 16) / 255, int(h[4:6], 16) / 255)


class TextMeasurer:
    """Measure text exactly as VTK will draw it (same font file, size and DPI).

    ``sample`` is all the text of the pieces measured together (the furniture's
    title, credits, legend...): one font is chosen for it, and both the measure
    and the drawn actors use it (:func:`set_text`), so a credits line measured
    alone is measured in the font the whole credits block is drawn in.
    """

    def __init__(self, dpi: int = 72, sample: str = "") -> None:
        self._renderer = vtkTextRenderer()
        self._prop = vtkTextProperty()
        _font(self._prop, 12)
        self.dpi = dpi
        self.sample = sample
        self._cache: dict[tuple[str, int, bool, int, str | None], tuple[float, float]] = {}

    def __call__(self, text: str, font_px: int, bold: bool = False) -> tuple[float, float]:
        path = use_font(self._prop, self.sample + text, bold=bold).path
        key = (text, font_px, bold, self.dpi, str(path) if path else None)
        if key not in self._cache:
            self._prop.SetFontSize(font_px)
            self._prop.SetBold(bold)
            bbox = [0, 0, 0, 0]
            if text and self._renderer.GetBoundingBox(self._prop, text, bbox, self.dpi):
                self._cache[key] = (float(bbox[1] - bbox[0] + 1), float(bbox[3] - bbox[2] + 1))
            else:
                self._cache[key] = (0.0, 0.0)
        return self._cache[key]


def _font(prop: Any, size: int, *, bold: bool = False, colour: str = TEXT_COLOR) -> None:
    prop.SetFontFamilyToArial()
    prop.SetFontSize(size)
    prop.SetBold(bold)
    prop.SetItalic(False)
    prop.SetShadow(False)
    prop.SetColor(*_rgb(colour))


def set_text(actor: Any, text: str, sample: str = "") -> None:
    """Show ``text`` in a text actor, in the font that draws it (and the rest of ``sample``)."""
    actor.SetInput(text)
    use_font(actor.GetTextProperty(), sample + text)


def text_actor(
    text: str = "", *, size: int = 12, bold: bool = False, colour: str = TEXT_COLOR, sample: str = ""
) -> Any:
    """A text actor placed by its display-pixel position, drawn at exactly ``size`` px."""
    actor = vtkTextActor()
    actor.SetTextScaleModeToNone()
    actor.GetPositionCoordinate().SetCoordinateSystemToDisplay()
    _font(actor.GetTextProperty(), size, bold=bold, colour=colour)
    set_text(actor, text, sample)
    actor.SetPickable(False)
    return actor


def north_letter() -> str:
    """The letter on the north arrow, as maps in the current language write it."""
    # TRANSLATORS: the letter on a map's north arrow. Keep "N" where the language's maps do
    # (Korean and Japanese maps mostly print a Latin N); Chinese maps commonly print 北.
    return pgettext("north arrow", "N")


def polygon_actor(opacity: float = 1.0) -> tuple[Any, Any]:
    """A 2D actor drawing a polydata given in display pixels, coloured by its cells' RGB scalars."""
    poly = vtkPolyData()
    mapper = vtkPolyDataMapper2D()
    mapper.SetInputData(poly)
    mapper.SetScalarModeToUseCellData()
    mapper.SetColorModeToDirectScalars()
    coordinate = vtkCoordinate()
    coordinate.SetCoordinateSystemToDisplay()
    mapper.SetTransformCoordinate(coordinate)
    actor = vtkActor2D()
    actor.SetMapper(mapper)
    actor.GetProperty().SetOpacity(opacity)
    actor.SetPickable(False)
    return actor, poly


def set_shapes(
    poly: Any,
    polygons: Sequence[np.ndarray],
    colours: Sequence[tuple[float, float, float]],
    lines: Sequence[np.ndarray] = (),
    line_colour: tuple[float, float, float] = (0.13, 0.13, 0.13),
) -> None:
    """Fill ``poly`` with filled polygons and polylines (arrays of display (x, y)), each with its colour."""
    points: list[np.ndarray] = []
    polys = vtkCellArray()
    cell_lines = vtkCellArray()
    colours_out = vtkUnsignedCharArray()
    colours_out.SetNumberOfComponents(3)
    colours_out.SetName("colours")
    start = 0
    # VTK numbers line cells before polygon cells: the cell colours must come in that order
    line_rgb = [round(255 * c) for c in line_colour]
    for shape in lines:
        cell_lines.InsertNextCell(len(shape))
        for i in range(len(shape)):
            cell_lines.InsertCellPoint(start + i)
        points.append(shape)
        start += len(shape)
        colours_out.InsertNextTuple3(*line_rgb)
    for shape, colour in zip(polygons, colours, strict=True):
        polys.InsertNextCell(len(shape))
        for i in range(len(shape)):
            polys.InsertCellPoint(start + i)
        points.append(shape)
        start += len(shape)
        colours_out.InsertNextTuple3(*(round(255 * c) for c in colour))
    xyz = np.zeros((start, 3))
    if start:
        xyz[:, :2] = np.vstack(points)
    vtk_points = vtkPoints()
    vtk_points.SetData(numpy_to_vtk(xyz, deep=True))
    poly.SetPoints(vtk_points)
    poly.SetPolys(polys)
    poly.SetLines(cell_lines)
    poly.GetCellData().SetScalars(colours_out)
    poly.Modified()


def rect_points(rect: Rect) -> np.ndarray:
    return np.array(
        [[rect.x, rect.y], [rect.right, rect.y], [rect.right, rect.top], [rect.x, rect.top]], dtype=float
    )


def nice_scale_length(metres_per_pixel: float, max_px: float) -> tuple[float, float]:
    """The longest round length (1, 2 or 5 × 10ⁿ m) whose bar fits in ``max_px``: (metres, pixels)."""
    most = metres_per_pixel * max_px
    magnitude = 10 ** math.floor(math.log10(most))
    length = max(step * magnitude for step in (1, 2, 5, 10) if step * magnitude <= most * (1 + 1e-9))
    return length, length / metres_per_pixel


def metres_per_pixel(camera: Any, height_px: int) -> float:
    """Metres one screen pixel covers at the focal point (perspective or parallel projection)."""
    if camera.GetParallelProjection():
        return 2.0 * float(camera.GetParallelScale()) / height_px
    angle = math.radians(float(camera.GetViewAngle()))
    return 2.0 * float(camera.GetDistance()) * math.tan(angle / 2) / height_px


def world_to_display(renderer: Any, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Display pixels of world points, and a mask of those in front of the camera and inside the view."""
    width, height = renderer.GetSize()
    x0, y0 = renderer.GetOrigin()
    aspect = width / max(height, 1)
    matrix = renderer.GetActiveCamera().GetCompositeProjectionTransformMatrix(aspect, -1, 1)
    m = np.array([[matrix.GetElement(i, j) for j in range(4)] for i in range(4)])
    homogeneous = np.column_stack([points, np.ones(len(points))]) @ m.T
    w = homogeneous[:, 3]
    safe = np.where(np.abs(w) < 1e-12, 1e-12, w)
    ndc = homogeneous[:, :3] / safe[:, None]
    xy = np.column_stack([(ndc[:, 0] + 1) * width / 2 + x0, (ndc[:, 1] + 1) * height / 2 + y0])
    ok = (w > 0) & (np.abs(ndc[:, 0]) <= 1) & (np.abs(ndc[:, 1]) <= 1) & (np.abs(ndc[:, 2]) <= 1)
    return xy, ok


def north_direction(renderer: Any) -> tuple[float, float] | None:
    """The screen direction (unit dx, dy) of grid north at the focal point; None when it has none."""
    camera = renderer.GetActiveCamera()
    fx, fy, fz = camera.GetFocalPoint()
    step = max(float(camera.GetDistance()) * 0.01, 1e-3)
    xy, _ok = world_to_display(renderer, np.array([[fx, fy, fz], [fx, fy + step, fz]]))
    d = xy[1] - xy[0]
    length = float(np.hypot(*d))
    if not np.isfinite(length) or length < 1e-6:
        return None
    return float(d[0] / length), float(d[1] / length)


class Furniture:
    """The screen-space furniture of one plotter, kept in step with its camera and size."""

    def __init__(self, plotter: pv.Plotter, model: CityModel) -> None:
        previous = furniture_of(plotter)
        if previous is not None:
            previous.detach()
        _BY_PLOTTER[plotter] = self
        self.plotter = plotter
        self.renderer = plotter.renderer
        self._manifest = model.manifest
        self.credits: list[str] = list(model.credits())
        self.legend: list[LegendEntry] = []
        #: every text the furniture draws, so that one font is chosen for all of it
        self.sample = ""
        self.layout: Layout | None = None
        self._layout_key: tuple[Any, ...] = ()
        self._north = (0.0, 1.0)
        self.scale_metres = 0.0
        self.scale_px = 0.0
        dpi = int(plotter.render_window.GetDPI()) if plotter.render_window is not None else 72
        self.measure = TextMeasurer(dpi)

        self.credits_band, self._credits_band_poly = polygon_actor(PANEL_OPACITY)
        self.credits_actor = text_actor()
        self.title_actor = text_actor(bold=True)
        self.scale_actor, self._scale_poly = polygon_actor()
        self.scale_text = text_actor()
        self.north_disc, self._north_disc_poly = polygon_actor(0.75)
        self.north_actor, self._north_poly = polygon_actor()
        self.north_text = text_actor(bold=True, colour="#b22222")
        self.legend_panel, self._legend_panel_poly = polygon_actor(PANEL_OPACITY)
        self.legend_ramps, self._legend_ramps_poly = polygon_actor()
        self.legend_texts: list[Any] = []
        #: the district label sets drawn on this plotter (they keep clear of the furniture)
        self.label_sets: list[Any] = []
        self.legend_panel.SetVisibility(False)
        self.legend_ramps.SetVisibility(False)
        self._actors = [
            self.credits_band,
            self.credits_actor,
            self.title_actor,
            self.scale_actor,
            self.scale_text,
            self.north_disc,
            self.north_actor,
            self.north_text,
            self.legend_panel,
            self.legend_ramps,
        ]
        for actor in self._actors:
            self.renderer.AddViewProp(actor)
        self._observer = self.renderer.AddObserver("StartEvent", self._on_render)

    # -- the model's side -----------------------------------------------------

    @property
    def title(self) -> str:
        """The city's title in the current language, read at each draw (a language switch redraws)."""
        return self._manifest.display_title()

    def set_credits(self, credits: Sequence[str]) -> None:
        self.credits = list(credits)

    def set_legend(self, entries: Sequence[LegendEntry]) -> None:
        """Draw these entries in the legend area (exports); an empty list removes it."""
        self.legend = [e for e in entries if e.tick_labels]
        if self.renderer.GetSize()[0] > 1:
            self.ensure_layout()  # shown or hidden from the next frame on, whoever draws it

    def detach(self) -> None:
        """Stop following the camera and remove every actor (the plotter is reused for another city)."""
        self.renderer.RemoveObserver(self._observer)
        for actor in self._actors + self.legend_texts:
            self.renderer.RemoveViewProp(actor)
        if _BY_PLOTTER.get(self.plotter) is self:
            del _BY_PLOTTER[self.plotter]

    # -- layout ---------------------------------------------------------------
    def ensure_layout(self) -> Layout:
        """The layout for the renderer's current size (recomputed only when something it uses changed)."""
        width, height = (int(v) for v in self.renderer.GetSize())
        # a HiDPI window sets its DPI once shown (pyvistaqt: 72 × device pixel ratio): text is measured at it
        window = self.renderer.GetRenderWindow()
        if window is not None and int(window.GetDPI()) != self.measure.dpi:
            self.measure.dpi = int(window.GetDPI())
        legend_key = tuple((e.heading, e.tick_labels, e.cmap, e.limits) for e in self.legend)
        key = (width, height, self.measure.dpi, self.title, tuple(self.credits), legend_key, language())
        if self.layout is None or key != self._layout_key:
            self.sample = self._all_text()
            self.measure.sample = self.sample
            self.layout = compute_layout(
                max(width, 1),
                max(height, 1),
                title=self.title,
                credits=self.credits,
                legend=[(e.heading, e.tick_labels) for e in self.legend],
                measure=self.measure,
            )
            self._layout_key = key
            self._place_static(self.layout)
        return self.layout

    def _all_text(self) -> str:
        """Every character the furniture may draw: its one font must have them all."""
        legend = [e.heading + "".join(e.tick_labels) for e in self.legend]
        return "".join(
            [
                self.title,
                *self.credits,
                *legend,
                north_letter(),
                scale_label(5000),
                scale_label(500),
                more_sources(2),
            ]
        )

    def font_warnings(self) -> list[str]:
        """Sentences about characters of this furniture that no installed font draws (usually none)."""
        sentences: list[str] = []
        for bold in (False, True):
            missing = font_for(self.sample, bold=bold).missing
            if missing and missing_font_sentence(missing) not in sentences:
                sentences.append(missing_font_sentence(missing))
        return sentences

    def _place_static(self, layout: Layout) -> None:
        """Title, credits and legend: they change with the size, not with the camera."""
        set_text(self.title_actor, layout.title_text, self.sample)
        self.title_actor.GetTextProperty().SetFontSize(layout.title_px)
        self.title_actor.GetTextProperty().SetVerticalJustificationToTop()
        self.title_actor.SetDisplayPosition(round(layout.title.x), round(layout.title.top))

        c = layout.credits
        pad = 0.4 * layout.credits_px
        set_text(self.credits_actor, layout.credits_text, self.sample)
        prop = self.credits_actor.GetTextProperty()
        prop.SetFontSize(layout.credits_px)
        prop.SetJustificationToRight()
        prop.SetVerticalJustificationToTop()
        self.credits_actor.SetDisplayPosition(round(c.right - pad), round(c.top - 0.2 * layout.credits_px))
        set_shapes(self._credits_band_poly, [rect_points(c)], [(1.0, 1.0, 1.0)])

        self.scale_text.GetTextProperty().SetFontSize(layout.scale_label_px)
        self.north_text.GetTextProperty().SetFontSize(layout.north_px)
        self.north_text.GetTextProperty().SetJustificationToCentered()
        self.north_text.GetTextProperty().SetVerticalJustificationToCentered()
        self._place_legend(layout)

    def _place_legend(self, layout: Layout) -> None:
        for actor in self.legend_texts:
            self.renderer.RemoveViewProp(actor)
        self.legend_texts = []
        shown = layout.legend is not None and bool(layout.legend_slots)
        self.legend_panel.SetVisibility(shown)
        self.legend_ramps.SetVisibility(shown)
        if not shown or layout.legend is None:
            return
        set_shapes(self._legend_panel_poly, [rect_points(layout.legend)], [(1.0, 1.0, 1.0)])
        polygons: list[np.ndarray] = []
        colours: list[tuple[float, float, float]] = []
        lines: list[np.ndarray] = []
        for slot in layout.legend_slots:
            entry = self.legend[slot.index]
            heading = text_actor(slot.heading, size=slot.title_px, bold=True, sample=self.sample)
            heading.GetTextProperty().SetVerticalJustificationToTop()
            heading.SetDisplayPosition(round(slot.heading_box.x), round(slot.heading_box.top))
            self.legend_texts.append(heading)
            ramp = slot.ramp
            lo, hi = entry.limits
            if entry.swatches:
                _key_shapes(entry, ramp, slot.tick_px, polygons, colours)
            else:
                _ramp_cells(entry, ramp, polygons, colours, lines)
            for value, label in zip(entry.ticks, entry.tick_labels, strict=False):
                if hi == lo:
                    continue
                y = ramp.y + ramp.h * (value - lo) / (hi - lo)
                if not entry.swatches:  # a key's label sits beside its shape, with no tick mark
                    lines.append(np.array([[ramp.right, y], [ramp.right + 0.3 * ramp.w, y]]))
                tick = text_actor(label, size=slot.tick_px, sample=self.sample)
                tick.GetTextProperty().SetVerticalJustificationToCentered()
                tick.SetDisplayPosition(round(slot.tick_x), round(y))
                self.legend_texts.append(tick)
        set_shapes(self._legend_ramps_poly, polygons, colours, lines)
        for actor in self.legend_texts:
            self.renderer.AddViewProp(actor)

    # -- every render -----------------------------------------------------------
    def _on_render(self, *_args: Any) -> None:
        width, height = self.renderer.GetSize()
        if width < 2 or height < 2:
            return
        layout = self.ensure_layout()
        self._draw_north(layout)
        self._draw_scale_bar(layout)

    def _draw_north(self, layout: Layout) -> None:
        direction = north_direction(self.renderer)
        if direction is not None:
            self._north = direction
        dx, dy = self._north
        px, py = -dy, dx  # perpendicular, to the left of north
        box = layout.north
        side = box.w
        cx, cy = box.x + side / 2, box.y + side / 2
        half = 0.22 * side
        width = 0.13 * side
        tip = np.array([cx + dx * half, cy + dy * half])
        tail = np.array([cx - dx * half, cy - dy * half])
        left = tail + np.array([px, py]) * width - np.array([dx, dy]) * 0.05 * side
        right = tail - np.array([px, py]) * width - np.array([dx, dy]) * 0.05 * side
        angles = np.linspace(0, 2 * np.pi, 40, endpoint=False)
        disc = np.column_stack([cx + 0.5 * side * np.cos(angles), cy + 0.5 * side * np.sin(angles)])
        set_shapes(self._north_disc_poly, [disc], [(1.0, 1.0, 1.0)])
        set_shapes(
            self._north_poly,
            [np.array([tip, left, tail]), np.array([tip, tail, right])],
            [NORTH_COLOR, (1.0, 1.0, 1.0)],
            [np.array([tip, left, tail, right, tip])],
            line_colour=NORTH_COLOR,
        )
        set_text(self.north_text, north_letter(), self.sample)
        self.north_text.SetDisplayPosition(round(cx + dx * 0.34 * side), round(cy + dy * 0.34 * side))

    def _draw_scale_bar(self, layout: Layout) -> None:
        height = int(self.renderer.GetSize()[1])
        mpp = metres_per_pixel(self.renderer.GetActiveCamera(), height)
        if not (np.isfinite(mpp) and mpp > 0):
            return
        self.scale_metres, self.scale_px = nice_scale_length(mpp, layout.scale_bar_max_px)
        box = layout.scale_bar
        thick = SCALE_BAR_THICK_PX * max(layout.scale, 10 / 13)
        x0, y0 = box.x, box.y
        half = Rect(x0, y0, self.scale_px / 2, thick)
        other = Rect(x0 + self.scale_px / 2, y0, self.scale_px / 2, thick)
        outline = rect_points(Rect(x0, y0, self.scale_px, thick))[[0, 1, 2, 3, 0]]
        set_shapes(
            self._scale_poly,
            [rect_points(half), rect_points(other)],
            [(0.13, 0.13, 0.13), (1.0, 1.0, 1.0)],
            [outline],
        )
        set_text(self.scale_text, scale_label(self.scale_metres), self.sample)
        self.scale_text.SetDisplayPosition(round(x0), round(y0 + thick + 0.3 * layout.scale_label_px))

    # -- what tests and exports read -------------------------------------------
    def drawn_boxes(self) -> dict[str, Rect]:
        """Pixel boxes of what was drawn in the last render, by piece (text measured by VTK)."""
        boxes = {
            "title": self._text_box(self.title_actor),
            "credits": _union(self._text_box(self.credits_actor), _poly_box(self._credits_band_poly)),
            "scale_bar": _union(self._text_box(self.scale_text), _poly_box(self._scale_poly)),
            "north": _union(
                self._text_box(self.north_text),
                _union(_poly_box(self._north_poly), _poly_box(self._north_disc_poly)),
            ),
        }
        if self.legend_panel.GetVisibility():
            legend = _poly_box(self._legend_panel_poly)
            for actor in self.legend_texts:
                legend = _union(legend, self._text_box(actor))
            boxes["legend"] = _union(legend, _poly_box(self._legend_ramps_poly))
        return {k: v for k, v in boxes.items() if v is not None}

    def _text_box(self, actor: Any) -> Rect | None:
        if not actor.GetInput():
            return None
        # VTK gives the box relative to the actor's anchor, which is its display position
        bbox = [0.0, 0.0, 0.0, 0.0]
        actor.GetBoundingBox(self.renderer, bbox)
        x, y = actor.GetPositionCoordinate().GetComputedDisplayValue(self.renderer)
        return Rect(x + bbox[0], y + bbox[2], bbox[1] - bbox[0] + 1, bbox[3] - bbox[2] + 1)


def _ramp_cells(
    entry: LegendEntry,
    ramp: Rect,
    polygons: list[np.ndarray],
    colours: list[tuple[float, float, float]],
    lines: list[np.ndarray],
) -> None:
    """A colour ramp: thin bands of the entry's palette, low at the bottom, and its outline."""
    cmap = colormap(entry.cmap)
    steps = 48
    for i in range(steps):
        y0 = ramp.y + ramp.h * i / steps
        y1 = ramp.y + ramp.h * (i + 1) / steps
        polygons.append(rect_points(Rect(ramp.x, y0, ramp.w, y1 - y0)))
        colours.append(tuple(float(v) for v in cmap((i + 0.5) / steps)[:3]))  # type: ignore[arg-type]
    lines.append(rect_points(ramp)[[0, 1, 2, 3, 0]])


def key_shape(shape: str, centre: tuple[float, float], size: float) -> np.ndarray:
    """A key symbol ``size`` pixels across: a disc (ball), a triangle pointing down (cone), a square."""
    cx, cy = centre
    r = size / 2
    if shape == "ball":
        angles = np.linspace(0.0, 2 * np.pi, 24, endpoint=False)
        return np.column_stack([cx + r * np.cos(angles), cy + r * np.sin(angles)])
    if shape == "cone":
        return np.array([[cx - r, cy + 0.8 * r], [cx, cy - r], [cx + r, cy + 0.8 * r]])
    s = 0.85 * r
    return np.array([[cx - s, cy - s], [cx + s, cy - s], [cx + s, cy + s], [cx - s, cy + s]])


def _key_shapes(
    entry: LegendEntry,
    ramp: Rect,
    tick_px: int,
    polygons: list[np.ndarray],
    colours: list[tuple[float, float, float]],
) -> None:
    """A key of kinds (the pins'): each kind's shape in its colour, beside its label, no ramp."""
    lo, hi = entry.limits
    size = min(ramp.w, 1.2 * tick_px)
    for value, (colour, shape) in zip(entry.ticks, entry.swatches, strict=False):
        y = ramp.y + ramp.h * (value - lo) / (hi - lo) if hi != lo else ramp.y + ramp.h / 2
        polygons.append(key_shape(shape, (ramp.x + ramp.w / 2, y), size))
        colours.append(_rgb(colour))


def _poly_box(poly: Any) -> Rect | None:
    if poly.GetNumberOfPoints() == 0:
        return None
    x0, x1, y0, y1, _z0, _z1 = poly.GetBounds()
    return Rect(x0, y0, x1 - x0, y1 - y0)


def _union(a: Rect | None, b: Rect | None) -> Rect | None:
    if a is None:
        return b
    if b is None:
        return a
    x, y = min(a.x, b.x), min(a.y, b.y)
    return Rect(x, y, max(a.right, b.right) - x, max(a.top, b.top) - y)


__all__ = [
    "Furniture",
    "furniture_of",
    "metres_per_pixel",
    "nice_scale_length",
    "north_direction",
    "north_letter",
    "scale_label",
    "set_text",
    "world_to_display",
]
