"""The report's pictures of the city: the home view, and the city coloured by each analysis's results.

One off-screen :class:`~twin_app.scene.view.SceneView` draws them all: the
city's meshes are built once, and each analysis's result layers are added
(re-colouring the buildings in place, as in the window) then removed before
the next.  The view works on its own :class:`CityModel` holding the same
layers, so the caller's model (the window's) gains no result layers and sees
no events.  Every image carries the legend, north arrow, scale bar and the
data credits, as ``twin-app render`` draws them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from twin_app.core.feedback import Feedback
from twin_app.core.model import CityModel
from twin_app.report.compare import ScenarioComparison
from twin_app.report.content import AnalysisSection


@dataclass
class Views:
    home: Path
    #: analysis id -> the city drawn with that analysis's result layers
    by_analysis: dict[str, Path] = field(default_factory=dict)
    #: sentences for what an image had no room for (legend entries, credits)
    warnings: list[str] = field(default_factory=list)


def render_views(
    model: CityModel,
    sections: Sequence[AnalysisSection],
    folder: Path,
    *,
    size: tuple[int, int],
    feedback: Feedback | None = None,
) -> Views:
    from twin_app.scene.render import check_export_size, check_opengl, export_view

    check_opengl()
    check_export_size(size)
    import pyvista as pv

    from twin_app.scene.view import SceneView

    feedback = feedback or Feedback()
    scene_model = CityModel(
        manifest=model.manifest, origin=model.origin, layers=dict(model.layers), camera=model.camera
    )
    plotter = pv.Plotter(off_screen=True, window_size=list(size))
    try:
        view = SceneView(plotter, scene_model)
        feedback.progress(0.0, "Drawing the city")
        views = Views(home=export_view(view, folder / "home.png"))
        views.warnings.extend(view.warnings)
        for n, section in enumerate(sections, start=1):
            feedback.check_cancelled()
            feedback.progress(n / (len(sections) + 1), f"Drawing {section.manifest.title}")
            added = []
            for layer in section.result.layers:
                scene_model.add_result_layer(layer)
                added.append(layer.id)
            try:
                out = folder / f"view-{n}.png"
                views.by_analysis[section.manifest.id] = export_view(view, out)
                views.warnings.extend(w for w in view.warnings if w not in views.warnings)
            finally:
                for layer_id in added:
                    if layer_id in scene_model.layers:
                        scene_model.remove_layer(layer_id)
        scene_model.unsubscribe(view._on_change)
    finally:
        plotter.close()
    return views


def render_scenario_views(
    comparison: ScenarioComparison, folder: Path, *, size: tuple[int, int], feedback: Feedback | None = None
) -> Views:
    """The scenario's city (its new stops, trees, heights...), and per analysis its difference view.

    A difference view is the scenario's city with the analysis's result
    layers coloured by scenario minus baseline (blue less, red more).
    """
    import pyvista as pv

    from twin_app.scene.render import export_view
    from twin_app.scene.view import SceneView

    feedback = feedback or Feedback()
    model = comparison.model
    assert model is not None
    scene_model = CityModel(
        manifest=model.manifest, origin=model.origin, layers=dict(model.layers), camera=model.camera
    )
    plotter = pv.Plotter(off_screen=True, window_size=list(size))
    try:
        view = SceneView(plotter, scene_model)
        if comparison.pins:  # where residents put them, with their key in the legend
            from twin_app.scene.pins import pins_visual

            pins_visual(plotter, scene_model).set_pins(comparison.pins)
        views = Views(home=export_view(view, folder / "scenario.png"))
        for n, (analysis, layers) in enumerate(comparison.difference_layers.items(), start=1):
            feedback.check_cancelled()
            if not layers:
                continue
            for layer in layers:
                scene_model.add_result_layer(layer)
            try:
                views.by_analysis[analysis] = export_view(view, folder / f"change-{n}.png")
                views.warnings.extend(w for w in view.warnings if w not in views.warnings)
            finally:
                for layer in layers:
                    if layer.id in scene_model.layers:
                        scene_model.remove_layer(layer.id)
        scene_model.unsubscribe(view._on_change)
    finally:
        plotter.close()
    return views
