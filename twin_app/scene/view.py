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

from twin_app.core.camera import CameraView, data_extent, home_view
from twin_app.core.heights import describe_height
from twin_app.core.layers import (
    DISTRICT_COLUMN,
    FEATURE_ID_COLUMN,
    HEIGHT_COLUMN,
    HEIGHT_FROM_COLUMN,
    BuildingsLayer,
    Layer,
    PolygonLayer,
    RasterLayer,
    VectorLayer,
)
from twin_app.core.model import Change, CityModel
from twin_app.scene import overlays
from twin_app.scene.meshes import DISTRICT_OUTLINE_Z, LayerVisual, district_outlines, visual_for
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


class SceneView:
    """Draws a city model into a plotter and answers picks."""

    def __init__(
        self, plotter: pv.Plotter, model: CityModel, *, request_render: Callable[[], None] | None = None
    ) -> None:
        """``request_render`` lets a window coalesce redraws (software GL takes ~1 s a frame)."""
        self.plotter = plotter
        self.model = model
        self.request_render = request_render or plotter.render
        self.actors: dict[str, list[Any]] = {}
        self.visuals: dict[str, LayerVisual] = {}
        self._bars: dict[str, str] = {}
        self._camera_set = False
        self._home: CameraView | None = None
        plotter.set_background(BACKGROUND_BOTTOM, top=BACKGROUND_TOP)
        self._credits = model.credits()
        overlays.add_attribution(plotter, " · ".join(self._credits))
        overlays.add_title(plotter, model.manifest.title)
        overlays.add_ground(plotter, model)
        overlays.add_north_arrow_and_scale(plotter, model)
        for layer in model.layers.values():
            self._add(layer)
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
        self.request_render()

    def _apply(self, change: Change, layer: Layer) -> None:
        if change is Change.ADDED:
            self._add(layer)
            self._refresh_credits()
        elif change is Change.REMOVED:
            self._remove(layer.id)
            self._refresh_credits()
        elif change is Change.VISIBILITY:
            for actor in self.actors.get(layer.id, []):
                actor.SetVisibility(layer.visible)
            self._sync_scalar_bars()
        elif change is Change.STYLE:
            self._remove(layer.id)
            self._add(layer)

    def _refresh_credits(self) -> None:
        """A file opened into the city may bring its own credit: the image must carry it too."""
        credits = self.model.credits()
        if credits != self._credits:
            self._credits = credits
            overlays.add_attribution(self.plotter, " · ".join(credits))

    def _add(self, layer: Layer) -> None:
        visual = visual_for(layer, self.model.origin)
        kwargs = dict(visual.kwargs)
        kwargs["opacity"] = kwargs.get("opacity", 1.0) * layer.opacity * style_for(layer.style).opacity
        bar = kwargs.get("scalar_bar_args")
        actors = [
            self.plotter.add_mesh(
                visual.mesh,
                name=layer.id,
                pickable=True,
                show_scalar_bar=False,
                reset_camera=False,
                **{k: v for k, v in kwargs.items() if k != "scalar_bar_args"},
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
        for actor in actors:
            actor.SetVisibility(layer.visible)
        self.actors[layer.id] = actors
        self.visuals[layer.id] = visual
        if bar:
            self._bars[layer.id] = bar["title"]
        self._sync_scalar_bars()
        if not self._camera_set and self.model.layers:
            self.home()
            self._camera_set = True
        self.plotter.reset_camera_clipping_range()

    def _remove(self, layer_id: str) -> None:
        for actor in self.actors.pop(layer_id, []):
            self.plotter.remove_actor(actor, reset_camera=False, render=False)
        self.visuals.pop(layer_id, None)
        self._bars.pop(layer_id, None)
        self._sync_scalar_bars()

    def _sync_scalar_bars(self) -> None:
        """One colour bar per visible coloured layer, naming its units."""
        for title in list(self.plotter.scalar_bars.keys()):
            self.plotter.remove_scalar_bar(title, render=False)
        shown = [lid for lid in self._bars if lid in self.model.layers and self.model.layers[lid].visible]
        for i, lid in enumerate(shown[-3:]):
            actor = self.actors[lid][0]
            self.plotter.add_scalar_bar(
                title=self._bars[lid],
                mapper=actor.mapper,
                vertical=True,
                position_x=0.87,
                position_y=0.08 + 0.3 * i,
                height=0.26,
                width=0.05,
                title_font_size=12,
                label_font_size=11,
                color="#222222",
                n_labels=4,
                fmt="%.3g",
            )

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

    def set_camera(self, view: CameraView) -> None:
        cam = self.plotter.camera
        cam.position = view.position
        cam.focal_point = view.focal_point
        cam.up = view.up
        cam.view_angle = view.view_angle
        self.plotter.reset_camera_clipping_range()
        self.request_render()

    def home(self) -> None:
        """Frame the city's buildings and streets from the home angle (the Home button)."""
        extent = data_extent(self.model)
        if extent is None:
            return
        render_window = getattr(self.plotter, "render_window", None)
        if render_window is None:  # the view was closed
            return
        width, height = render_window.GetSize()
        self._home = home_view(extent, self.model.origin, aspect=width / max(height, 1))
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
        visual = self.visuals.get(layer.id)
        if visual is None or cell_id < 0 or cell_id >= visual.mesh.n_cells:
            return None
        feature = int(visual.mesh.cell_data[FEATURE_ID_COLUMN][cell_id])
        if isinstance(layer, RasterLayer):
            _rows, cols = layer.data.shape
            r, c = divmod(feature, cols)
            value = float(layer.data[r, c])
            a, _b, x0, _d, e, y0 = layer.transform
            attrs = {
                "layer": layer.title,
                "value": None if np.isnan(value) else round(value, 4),
                "units": layer.units_label,
                "pixel (row, col)": f"{r}, {c}",
                "pixel centre": f"{x0 + a * (c + 0.5):.1f}, {y0 + e * (r + 0.5):.1f}",
            }
            return Picked(layer, feature, attrs)
        if isinstance(layer, VectorLayer):
            row = layer.frame.iloc[feature]
            attrs = {"layer": layer.title}
            for key, value in row.items():
                if key == layer.frame.geometry.name:
                    continue
                if isinstance(value, float) and np.isnan(value):
                    continue
                attrs[str(key)] = value.item() if hasattr(value, "item") else value
            if isinstance(layer, BuildingsLayer):
                attrs["height source"] = self.height_source(
                    str(attrs.get(HEIGHT_FROM_COLUMN, "")),
                    attrs.get("building"),
                    float(attrs.get(HEIGHT_COLUMN, np.nan)),
                )
            return Picked(layer, feature, attrs)
        return None

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
        px, py, _ = picker.GetPickPosition()
        point = shapely.Point(px + self.model.origin[0], py + self.model.origin[1])
        hits = districts.frame[districts.frame.geometry.contains(point)]
        return str(hits[DISTRICT_COLUMN].iloc[0]) if len(hits) else None

    def pick_at(self, x: int, y: int) -> Picked | None:
        """Pick the feature under display pixel (x, y) (origin bottom-left)."""
        import vtk

        picker = vtk.vtkCellPicker()
        picker.SetTolerance(0.002)
        if not picker.Pick(x, y, 0, self.plotter.renderer):
            return None
        layer = self.layer_of_actor(picker.GetActor())
        if layer is None:
            return None
        return self.feature_attributes(layer, picker.GetCellId())

    def screenshot(self, path: Path | str | None = None) -> np.ndarray:
        self.plotter.render()
        return self.plotter.screenshot(str(path) if path else None, return_img=True)
