"""Keep a PyVista plotter in step with a :class:`CityModel`.

:class:`SceneView` works on any plotter: an off-screen ``pv.Plotter`` for
headless rendering and tests, or the ``QtInteractor`` inside the desktop
window.  It subscribes to model events, so the GUI only edits the model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonCore import vtkLookupTable

from twin_app.core.camera import CameraView, home_view
from twin_app.core.heights import describe_height
from twin_app.core.i18n import _, format_number, format_percent
from twin_app.core.layers import (
    DISTRICT_COLUMN,
    FEATURE_ID_COLUMN,
    HEIGHT_COLUMN,
    HEIGHT_FROM_COLUMN,
    BuildingsLayer,
    Layer,
    LiveLayer,
    PolygonLayer,
    RasterLayer,
    VectorLayer,
)
from twin_app.core.model import Change, CityModel
from twin_app.core.quantities import Quantity, is_fraction
from twin_app.scene import overlays
from twin_app.scene.colouring import Colouring, joined_values, own_colouring, result_colouring, retitled
from twin_app.scene.furniture import Furniture
from twin_app.scene.live import LiveVisual, live_visual
from twin_app.scene.meshes import DISTRICT_OUTLINE_Z, LayerVisual, district_outlines, visual_for
from twin_app.scene.palettes import LegendEntry, colormap
from twin_app.scene.style import BACKGROUND_BOTTOM, BACKGROUND_TOP, style_for


@dataclass
class Picked:
    """What the user clicked: the layer and the feature's attributes."""

    layer: Layer
    feature: int
    attributes: dict[str, Any]


def _same_view(a: CameraView, b: CameraView, tolerance_m: float = 0.01) -> bool:
    return (
        np.allclose(a.position, b.position, atol=tolerance_m)
        and np.allclose(a.focal_point, b.focal_point, atol=tolerance_m)
        and abs(a.view_angle - b.view_angle) < 1e-6
    )


def fill_lookup_table(lut: vtkLookupTable, cmap: str, nan_color: str, nan_opacity: float) -> None:
    """Fill a VTK lookup table with a palette's 256 colours and the colour of features without a value."""
    table = colormap(cmap)(np.linspace(0.0, 1.0, 256))
    lut.SetNumberOfTableValues(len(table))
    for i, (r, g, b, a) in enumerate(table):
        lut.SetTableValue(i, float(r), float(g), float(b), float(a))
    nan = pv.Color(nan_color).float_rgb
    lut.SetNanColor(nan[0], nan[1], nan[2], nan_opacity)
    lut.Build()


#: the cell array a drawn layer is coloured by (its values, or a result's joined onto it)
COLOUR_ARRAY = "__colour"
#: the actor outlining the picked feature
PICKED_ACTOR = "__picked"
PICKED_COLOUR = "#00e5ff"


def format_value(value: float, colouring: Colouring) -> str:
    """A result value as a planner reads it: no value, a share in %, else a few significant digits."""
    if not np.isfinite(value):
        return _("no value")
    if colouring.quantity is Quantity.SHARE and is_fraction(*colouring.value_range):
        return format_percent(value)
    magnitude = abs(value)
    decimals = 0 if magnitude >= 100 else 1 if magnitude >= 10 else 2 if magnitude >= 1 else 3
    return format_number(value, decimals)


LegendListener = Callable[[list[LegendEntry]], None]


class SceneView:
    """Draws a city model into a plotter, keeps it in step in place, and answers picks.

    Every model event is mapped to the cheapest update that shows it: an
    opacity is an actor property, a colour-by column, palette or new values
    are the mesh's colour array and the mapper's lookup table.  Only new
    geometry (``Change.STYLE``) builds a new mesh.  A result layer that
    re-colours a city layer (``restyles``) gets no mesh of its own: while it
    is visible it is that layer's colouring.
    """

    def __init__(
        self, plotter: pv.Plotter, model: CityModel, *, request_render: Callable[[], None] | None = None
    ) -> None:
        """``request_render`` lets a window coalesce redraws (software GL takes ~1 s a frame)."""
        self.plotter = plotter
        self.model = model
        self.request_render = request_render or plotter.render
        self.actors: dict[str, list[Any]] = {}
        self.visuals: dict[str, LayerVisual] = {}
        #: drawn layer id -> the ids of the results that re-colour it, in the order they came
        self._restylers: dict[str, list[str]] = {}
        #: result id -> the drawn layer it re-colours
        self._restyled: dict[str, str] = {}
        self._colourings: dict[str, Colouring | None] = {}
        #: each drawn layer's lookup table, with the (palette, no-data colour, opacity) it holds
        self._luts: dict[str, tuple[tuple[str, str, float], vtkLookupTable]] = {}
        self._legend: list[LegendEntry] = []
        #: live layers' visuals (``twin_app.scene.live``): moved and recoloured in place, frame by frame
        self.live: dict[str, LiveVisual] = {}
        self._legend_listeners: list[LegendListener] = []
        self._camera_set = False
        self._home: CameraView | None = None
        #: width/height of the whole picture when this view draws only part of it (a swipe
        #: comparison: two views, one frame); Home frames the city for that picture, not the part
        self.picture_aspect: float | None = None
        #: what the last exported image had no room for, in sentences (see ``render.export_view``)
        self.warnings: list[str] = []
        iren = getattr(plotter, "iren", None)
        if iren is not None:  # the user's orbits and zooms end here: keep the model's camera in step
            iren.add_observer("EndInteractionEvent", lambda *_: self._remember_camera())
        plotter.set_background(BACKGROUND_BOTTOM, top=BACKGROUND_TOP)
        self._credits = model.credits()
        self.furniture = Furniture(plotter, model)
        overlays.add_ground(plotter, model)
        for layer in model.layers.values():
            self._add(layer)
        self._legend = self.legend_entries()
        model.subscribe(self._on_change)

    # -- model events -----------------------------------------------------
    def _on_change(self, change: Change, layer: Layer) -> None:
        # pyvista redraws after every actor added; one redraw per change is enough.
        suppressed = self.plotter.suppress_rendering
        self.plotter.suppress_rendering = True
        try:
            self._apply(change, layer)
        finally:
            self.plotter.suppress_rendering = suppressed
        self._notify_legend()
        self.request_render()

    def _apply(self, change: Change, layer: Layer) -> None:
        if isinstance(layer, LiveLayer) and change in (Change.DATA, Change.OPACITY, Change.VISIBILITY):
            self._apply_live(change, layer)
            return
        drawn = self._restyled.get(layer.id, layer.id)
        if change is Change.ADDED:
            self._add(layer)
            self._refresh_credits()
        elif change is Change.REMOVED:
            self._remove_layer(layer)
            self._refresh_credits()
        elif change is Change.VISIBILITY:
            if drawn != layer.id:  # a result shown or hidden: its base's colouring changes
                self._apply_colouring(drawn)
                self._apply_opacity(drawn)
            self._apply_visibility(drawn)
        elif change is Change.OPACITY:
            self._apply_opacity(drawn)
        elif change in (Change.COLOUR, Change.DATA):
            self._apply_colouring(drawn)
        elif change is Change.STYLE:
            if drawn == layer.id:  # new geometry: the one change that needs a new mesh
                self._remove(layer.id)
                self._add(layer)
            else:
                self._apply_colouring(drawn)

    def _refresh_credits(self) -> None:
        """A file opened into the city may bring its own credit: the image must carry it too."""
        credits = self.model.credits()
        if credits != self._credits:
            self._credits = credits
            overlays.add_attribution(self.plotter, " · ".join(credits))

    # -- legends ----------------------------------------------------------
    def legend_entries(self) -> list[LegendEntry]:
        """One entry per visible coloured layer, in draw order (a re-coloured layer: its result's)."""
        out = []
        for layer_id in self.model.layers:
            live = self.live.get(layer_id)
            if live is not None:
                entry = live.legend_entry()
                if entry is not None and live.layer.visible:
                    out.append(entry)
                continue
            colouring = self._colourings.get(layer_id)
            actors = self.actors.get(layer_id)
            if colouring is None or not actors or not actors[0].GetVisibility():
                continue
            out.append(colouring.legend())
        return out

    def retitle(self) -> None:
        """Title the legend's entries in the current language again (after a language switch).

        Titles are decided at display time (twin_app/core/titles.py); a colouring
        keeps the one it was made with, so a switch re-titles them, values untouched.
        """
        for layer_id, colouring in list(self._colourings.items()):
            source = self.model.layers.get(colouring.source_id) if colouring is not None else None
            if colouring is not None and source is not None:
                self._colourings[layer_id] = retitled(colouring, source)
        self._notify_legend()

    def on_legend_change(self, callback: LegendListener) -> None:
        """Call ``callback(entries)`` whenever the legend entries change (visibility, colour, data)."""
        self._legend_listeners.append(callback)

    def _notify_legend(self) -> None:
        entries = self.legend_entries()
        if entries != self._legend:
            self._legend = entries
            for callback in list(self._legend_listeners):
                callback(entries)

    # -- drawing ----------------------------------------------------------
    def _restyle_target(self, layer: Layer) -> str | None:
        """The drawn city layer a result re-colours, when it can (else it is drawn on its own)."""
        target = getattr(layer, "restyles", None)
        if not isinstance(layer, VectorLayer) or target is None or target == layer.id:
            return None
        base = self.model.layers.get(target)
        visual = self.visuals.get(target)
        if not isinstance(base, VectorLayer) or visual is None or not visual.colourable:
            return None
        return target if target not in self._restyled else None

    def _add_live(self, layer: LiveLayer) -> None:
        """A live layer's actors, made once; its frames only rewrite their meshes (see ``_apply_live``)."""
        visual = live_visual(layer, self.model)
        for i, actor in enumerate(visual.actors):
            self.plotter.add_actor(
                actor, name=layer.id if i == 0 else f"{layer.id}__{i}", reset_camera=False, pickable=i == 0
            )
        self.live[layer.id] = visual
        self.actors[layer.id] = list(visual.actors)
        self._apply_live(Change.OPACITY, layer)
        self._apply_live(Change.VISIBILITY, layer)

    def _apply_live(self, change: Change, layer: LiveLayer) -> None:
        visual = self.live.get(layer.id)
        if visual is None:
            return
        if change is Change.DATA:
            visual.update(layer)
        elif change is Change.OPACITY:
            visual.set_opacity(layer.opacity)
        else:
            visual.actors[0].SetVisibility(layer.visible)
            visual.update(layer)  # an alert halo and label show only on a visible layer

    def _add(self, layer: Layer) -> None:
        if isinstance(layer, LiveLayer):
            self._add_live(layer)
            return
        target = self._restyle_target(layer)
        if target is not None:
            self._restyled[layer.id] = target
            self._restylers.setdefault(target, []).append(layer.id)
            self.actors[layer.id] = []
            self._colourings[layer.id] = None
            self._refresh(target)
            return
        visual = visual_for(layer, self.model.origin)
        kwargs = dict(visual.kwargs)
        actors = [
            self.plotter.add_mesh(
                visual.mesh,
                name=layer.id,
                pickable=True,
                show_scalar_bar=False,
                reset_camera=False,
                **kwargs,
            )
        ]
        if isinstance(layer, PolygonLayer) and layer.style == "districts":
            outline = district_outlines(layer, self.model.origin)
            st = style_for("districts")
            actors.append(
                self.plotter.add_mesh(
                    outline,
                    name=f"{layer.id}__outline",
                    color=st.color,
                    line_width=st.line_width,
                    lighting=False,
                    pickable=False,
                    reset_camera=False,
                )
            )
            actors.append(overlays.add_district_labels(self.plotter, layer, self.model))
        self.actors[layer.id] = actors
        self.visuals[layer.id] = visual
        self._refresh(layer.id)
        if not self._camera_set and self.model.layers:
            self.home()
            self._camera_set = True
        self.plotter.reset_camera_clipping_range()

    def _remove(self, layer_id: str) -> None:
        """Remove a layer's own actors (its results stay attached to it)."""
        for actor in self.actors.pop(layer_id, []):
            self.plotter.remove_actor(actor, reset_camera=False, render=False)
        self.visuals.pop(layer_id, None)
        self.live.pop(layer_id, None)
        self._colourings.pop(layer_id, None)
        self._luts.pop(layer_id, None)

    def _remove_layer(self, layer: Layer) -> None:
        base = self._restyled.pop(layer.id, None)
        if base is not None:  # a result: its base gets its own colouring back
            self._restylers[base].remove(layer.id)
            self.actors.pop(layer.id, None)
            self._colourings.pop(layer.id, None)
            if base in self.visuals:
                self._refresh(base)
            return
        self._remove(layer.id)
        self.plotter.remove_actor(PICKED_ACTOR, reset_camera=False, render=False)
        for result_id in self._restylers.pop(layer.id, []):
            # the layer a result coloured is gone: the result is drawn on its own
            self._restyled.pop(result_id, None)
            self.actors.pop(result_id, None)
            self._colourings.pop(result_id, None)
            result = self.model.layers.get(result_id)
            if result is not None:
                self._add(result)

    def active_result(self, layer_id: str) -> VectorLayer | None:
        """The visible result that colours a drawn layer now: the last one drawn (added)."""
        chosen = None
        for result_id in self._restylers.get(layer_id, []):
            result = self.model.layers.get(result_id)
            if isinstance(result, VectorLayer) and result.visible:
                chosen = result
        return chosen

    def _refresh(self, layer_id: str) -> None:
        self._apply_colouring(layer_id)
        self._apply_opacity(layer_id)
        self._apply_visibility(layer_id)

    def _apply_visibility(self, layer_id: str) -> None:
        layer = self.model.layers.get(layer_id)
        if layer is None:
            return
        # a visible result shows its values on its layer's mesh even while the layer itself is
        # switched off (Helsinki's population grid is, until a heat result colours it)
        visible = layer.visible or self.active_result(layer_id) is not None
        for actor in self.actors.get(layer_id, []):
            actor.SetVisibility(visible)

    def _apply_opacity(self, layer_id: str) -> None:
        layer = self.model.layers.get(layer_id)
        visual = self.visuals.get(layer_id)
        actors = self.actors.get(layer_id)
        if layer is None or visual is None or not actors:
            return
        opacity = visual.kwargs.get("opacity", 1.0) * layer.opacity * style_for(layer.style).opacity
        result = self.active_result(layer_id)
        if result is not None:
            opacity *= result.opacity
        actors[0].GetProperty().SetOpacity(opacity)

    def colouring(self, layer_id: str) -> Colouring | None:
        """What a drawn layer is coloured by now (None: its style's single colour)."""
        layer = self.model.layers.get(layer_id)
        visual = self.visuals.get(layer_id)
        if layer is None or visual is None or not visual.colourable:
            return None
        result = self.active_result(layer_id)
        if result is not None and isinstance(layer, VectorLayer):
            joined = result_colouring(result, layer)
            if joined is not None:
                return joined
        return own_colouring(layer)

    def _apply_colouring(self, layer_id: str) -> None:
        """Colour the existing mesh in place: its colour array, the mapper's lookup table and range."""
        visual = self.visuals.get(layer_id)
        actors = self.actors.get(layer_id)
        if visual is None or not actors:
            return
        mapper = actors[0].GetMapper()
        colouring = self.colouring(layer_id)
        for result_id in self._restylers.get(layer_id, []):
            self._colourings[result_id] = None
        if colouring is None:
            self._colourings[layer_id] = None
            mapper.ScalarVisibilityOff()
            if "color" in visual.kwargs:
                actors[0].GetProperty().SetColor(pv.Color(visual.kwargs["color"]).float_rgb)
            return
        self._colourings[layer_id] = colouring
        mesh = visual.mesh
        mesh.cell_data[COLOUR_ARRAY] = colouring.values[mesh.cell_data[FEATURE_ID_COLUMN]].astype(np.float32)
        key = (colouring.cmap, visual.nan_color, visual.nan_opacity)
        known = self._luts.get(layer_id)
        if known is None or known[0] != key:
            lut = known[1] if known is not None else vtkLookupTable()
            fill_lookup_table(lut, *key)
            self._luts[layer_id] = (key, lut)
        lut = self._luts[layer_id][1]
        if mapper.GetLookupTable() is not lut:
            mapper.SetLookupTable(lut)
        lo, hi = colouring.limits
        mapper.SetScalarModeToUseCellFieldData()
        mapper.SelectColorArray(COLOUR_ARRAY)
        mapper.SetColorModeToMapScalars()
        mapper.SetUseLookupTableScalarRange(False)
        mapper.SetScalarRange(lo, hi)
        mapper.ScalarVisibilityOn()
        mesh.Modified()

    # -- camera -----------------------------------------------------------
    def camera_view(self) -> CameraView:
        """The camera as plain data (scene coordinates)."""
        cam = self.plotter.camera
        return CameraView(
            position=tuple(float(v) for v in cam.position),  # type: ignore[arg-type]
            focal_point=tuple(float(v) for v in cam.focal_point),  # type: ignore[arg-type]
            up=tuple(float(v) for v in cam.up),  # type: ignore[arg-type]
            view_angle=float(cam.view_angle),
        )

    def _remember_camera(self) -> None:
        self.model.camera = self.camera_view()

    def set_camera(self, view: CameraView) -> None:
        cam = self.plotter.camera
        cam.position = view.position
        cam.focal_point = view.focal_point
        cam.up = view.up
        cam.view_angle = view.view_angle
        self.model.camera = view
        self.plotter.reset_camera_clipping_range()
        self.request_render()

    def home(self) -> None:
        """Frame the city's buildings and streets from the home angle (the Home button)."""
        extent = self.model.data_extent()
        if extent is None:
            return
        render_window = getattr(self.plotter, "render_window", None)
        if render_window is None:  # the view was closed
            return
        width, height = render_window.GetSize()
        aspect = self.picture_aspect or width / max(height, 1)
        self._home = home_view(extent, self.model.origin, aspect=aspect)
        self.set_camera(self._home)

    def rehome_if_untouched(self) -> None:
        """After a load, frame the data again unless the user has moved the camera since."""
        if self._home is None or _same_view(self.camera_view(), self._home):
            self.home()

    # -- queries ----------------------------------------------------------
    def layer_of_actor(self, actor: Any) -> Layer | None:
        for layer_id, actors in self.actors.items():
            if actors and actors[0] is actor:
                return self.model.layers.get(layer_id)
        return None

    def feature_attributes(self, layer: Layer, cell_id: int) -> Picked | None:
        live = self.live.get(layer.id)
        if live is not None:
            attrs = live.attributes(cell_id)
            return Picked(layer, int(live.owner[cell_id]), attrs) if attrs is not None else None
        visual = self.visuals.get(layer.id)
        if visual is None or cell_id < 0 or cell_id >= visual.mesh.n_cells:
            return None
        feature = int(visual.mesh.cell_data[FEATURE_ID_COLUMN][cell_id])
        if isinstance(layer, RasterLayer):
            _rows, cols = layer.data.shape
            r, c = divmod(feature, cols)
            value = float(layer.data[r, c])
            a, _b, x0, _d, e, y0 = layer.transform
            # the names a planner reads in the Identify panel, in the current language
            attrs = {
                _("Layer"): layer.display_title(),
                _("Value"): _("no value") if np.isnan(value) else format_number(round(value, 4)),
                _("Units"): layer.units_label,
                # TRANSLATORS: a raster cell's row and column numbers, e.g. "12, 40"
                _("Pixel (row, column)"): _("{row}, {column}").format(row=r, column=c),
                # TRANSLATORS: the coordinates of a raster cell's centre in the city's CRS
                _("Pixel centre"): _("{x}, {y}").format(
                    x=format_number(x0 + a * (c + 0.5), 1), y=format_number(y0 + e * (r + 0.5), 1)
                ),
            }
            return Picked(layer, feature, attrs)
        if isinstance(layer, VectorLayer):
            row = layer.frame.iloc[feature]
            attrs = {_("Layer"): layer.display_title()}
            for key, value in row.items():
                if key == layer.frame.geometry.name:
                    continue
                if isinstance(value, float) and np.isnan(value):
                    continue
                attrs[str(key)] = value.item() if hasattr(value, "item") else value
            if isinstance(layer, BuildingsLayer):
                attrs[_("Height source")] = self.height_source(
                    str(attrs.get(HEIGHT_FROM_COLUMN, "")),
                    attrs.get("building"),
                    float(attrs.get(HEIGHT_COLUMN, np.nan)),
                )
            attrs.update(self.result_values(layer, feature))
            return Picked(layer, feature, attrs)
        return None

    def result_values(self, layer: VectorLayer, feature: int) -> dict[str, str]:
        """The values the visible results that re-colour ``layer`` give its row ``feature``, with units."""
        out: dict[str, str] = {}
        for result_id in self._restylers.get(layer.id, []):
            result = self.model.layers.get(result_id)
            if not isinstance(result, VectorLayer) or not result.visible:
                continue
            colouring = result_colouring(result, layer)
            if colouring is None:
                continue
            value = float(joined_values(result, layer, colouring.column)[feature])
            units = "%" if colouring.quantity is Quantity.SHARE else colouring.units
            # TRANSLATORS: a name and its units, e.g. "Height (m)"
            label = (
                _("{title} ({units})").format(title=colouring.title, units=units)
                if units
                else colouring.title
            )
            out[label] = format_value(value, colouring)
        return out

    def height_source(self, rule: str, building_type: Any = None, height_m: float = np.nan) -> str:
        """Say in words which rule gave a building its height."""
        kind = building_type if isinstance(building_type, str) else None
        return describe_height(rule, kind, height_m, self.model.manifest.buildings)

    def highlight_districts(self, names: list[str]) -> None:
        """Outline the selected districts in a strong colour (empty: remove)."""
        self.plotter.remove_actor("__selected_districts", reset_camera=False, render=False)
        districts = self.model.districts
        if districts is not None and names:
            chosen = districts.frame[districts.frame[DISTRICT_COLUMN].isin(names)]
            if len(chosen):
                outline = district_outlines(
                    PolygonLayer(id="sel", title="", crs=self.model.manifest.crs, frame=chosen),
                    self.model.origin,
                    z=DISTRICT_OUTLINE_Z + 0.5,
                )
                self.plotter.add_mesh(
                    outline,
                    name="__selected_districts",
                    color="#ff7f0e",
                    line_width=5,
                    lighting=False,
                    pickable=False,
                    reset_camera=False,
                )
        self.request_render()

    def district_at(self, x: int, y: int) -> str | None:
        """The name of the district under display pixel (x, y), whatever is drawn there."""
        import shapely
        import vtk

        districts = self.model.districts
        if districts is None:
            return None
        picker = vtk.vtkCellPicker()
        picker.SetTolerance(0.002)
        if not picker.Pick(x, y, 0, self.plotter.renderer):
            return None
        px, py, _pz = picker.GetPickPosition()
        point = shapely.Point(px + self.model.origin[0], py + self.model.origin[1])
        hits = districts.frame[districts.frame.geometry.contains(point)]
        return str(hits[DISTRICT_COLUMN].iloc[0]) if len(hits) else None

    def pick_at(self, x: int, y: int) -> Picked | None:
        """Pick the feature under display pixel (x, y) (origin bottom-left) and outline it."""
        import vtk

        picker = vtk.vtkCellPicker()
        picker.SetTolerance(0.002)
        picked = None
        if picker.Pick(x, y, 0, self.plotter.renderer):
            layer = self.layer_of_actor(picker.GetActor())
            if layer is not None:
                picked = self.feature_attributes(layer, picker.GetCellId())
        self.highlight_feature(picked.layer.id if picked else None, picked.feature if picked else None)
        return picked

    def highlight_feature(self, layer_id: str | None, feature: int | None) -> None:
        """Outline just the cells of one feature of a drawn layer (None: remove the outline)."""
        self.plotter.remove_actor(PICKED_ACTOR, reset_camera=False, render=False)
        visual = self.visuals.get(layer_id) if layer_id is not None else None
        if visual is not None and feature is not None:
            cells = np.flatnonzero(np.asarray(visual.mesh.cell_data[FEATURE_ID_COLUMN]) == feature)
            if len(cells):
                part = visual.mesh.extract_cells(cells).extract_surface(algorithm=None)
                edges = part.extract_feature_edges(
                    boundary_edges=True, feature_edges=True, manifold_edges=False, non_manifold_edges=False
                )
                self.plotter.add_mesh(
                    edges if edges.n_cells else part,
                    name=PICKED_ACTOR,
                    color=PICKED_COLOUR,
                    line_width=5,
                    lighting=False,
                    pickable=False,
                    reset_camera=False,
                )
        self.request_render()

    def screenshot(self, path: Path | str | None = None) -> np.ndarray:
        self.plotter.render()
        return self.plotter.screenshot(str(path) if path else None, return_img=True)
