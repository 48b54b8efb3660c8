"""Headless rendering: the same scene as the window, written to an image.

VTK crashes the whole process (segfault) when no OpenGL library can be
loaded, so :func:`check_opengl` looks for one first and raises a readable
:class:`NoOpenGLError` instead.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from twin_app.core.errors import ExportSizeError, NoOpenGLError
from twin_app.core.i18n import _
from twin_app.core.model import CityModel
from twin_app.core.outputs import check_output_file

if TYPE_CHECKING:
    from twin_app.scene.view import SceneView

GL_LIBRARIES = ("libEGL.so.1", "libGL.so.1", "libOSMesa.so.8", "libOSMesa.so")


def check_opengl(candidates: Sequence[str] = GL_LIBRARIES) -> str:
    """Return the first loadable OpenGL/EGL library, or raise NoOpenGLError."""
    import sys

    if sys.platform != "linux":
        return "system"
    for name in candidates:
        try:
            ctypes.CDLL(name)
        except OSError:
            continue
        return name
    raise NoOpenGLError(
        _(
            "No OpenGL library is available on this machine, so the 3D view cannot be drawn "
            "(looked for {libraries}). On Debian/Ubuntu install them with: {command}"
        ).format(
            libraries=", ".join(candidates), command="sudo apt-get install libgl1 libegl1 libgl1-mesa-dri"
        )
    )


#: the largest image an export may be: 4K UHD (text is scaled with the height)
MAX_EXPORT_SIZE = (3840, 2160)
MIN_EXPORT_SIZE = (320, 240)


def check_export_size(size: tuple[int, int]) -> tuple[int, int]:
    """Refuse a size the furniture cannot be laid out in, or one too large to draw, with a sentence."""
    width, height = size
    (max_w, max_h), (min_w, min_h) = MAX_EXPORT_SIZE, MIN_EXPORT_SIZE
    if width * height > max_w * max_h or max(width, height) > max_w:
        raise ExportSizeError(
            _(
                "An image of {width}×{height} pixels is larger than twin_app exports (at most "
                "{max_w}×{max_h}, or {max_h}×{max_w} upright); ask for a smaller --size such as {example}."
            ).format(width=width, height=height, max_w=max_w, max_h=max_h, example=f"{max_w}x{max_h}")
        )
    if min(width, height) < min_h or max(width, height) < min_w:
        raise ExportSizeError(
            _(
                "An image of {width}×{height} pixels is too small to hold the legend, scale bar and credits; "
                "ask for at least {example}."
            ).format(width=width, height=height, example=f"{min_w}x{min_h}")
        )
    return width, height


def left_out_warnings(view: SceneView) -> list[str]:
    """Sentences for what the last image had no room for (legend entries, credits): never lost silently."""
    layout = view.furniture.layout
    if layout is None:
        return []
    out = []
    if layout.legend_left_out:
        total = layout.legend_left_out + len(layout.legend_slots)
        out.append(
            _(
                "The image is too small for the whole legend: {left_out} of its {total} entries were "
                "left out; make the image larger (--size) or show fewer layers."
            ).format(left_out=layout.legend_left_out, total=total)
        )
    if layout.credits_left_out:
        out.append(
            _(
                "The image is too small for every data credit: the last {count} are counted as "
                "'more sources' instead of named; make the image larger (--size) before publishing it."
            ).format(count=layout.credits_left_out)
        )
    return out + view.furniture.font_warnings()  # characters no installed font draws


def export_view(view: SceneView, out: Path | str) -> Path:
    """Write what the view shows, with the legend laid out in the image, to a PNG file.

    The window shows its legend in a panel beside the view; an image has no
    panel, so the legend is drawn into it for the export and taken away after.
    When residents' pins are shown, their key (idea, problem, like) is part of it.
    """
    from twin_app.scene.legend import legend_entries
    from twin_app.scene.pins import key_entry, pins_of

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    entries = legend_entries(view)
    pins = pins_of(view.plotter)
    if pins is not None and pins.shown:
        entries.append(key_entry(pins.shown))
    view.furniture.set_legend(entries)
    try:
        view.screenshot(out)
        view.warnings = left_out_warnings(view)
    finally:
        view.furniture.set_legend([])
        if not getattr(view.plotter, "off_screen", False):
            view.request_render()  # the window's next frame is without the legend again
    return out


def export_view_at(view: SceneView, out: Path | str, size: tuple[int, int]) -> Path:
    """Write the view as a ``size`` image: the same layers, styles and camera, drawn again off screen.

    The window's own view keeps its size; a second, off-screen view of the
    same model draws the image, with text scaled to its height, and is closed
    (and unsubscribed from the model) as soon as the file is written.
    """
    if tuple(size) == tuple(view.plotter.window_size):
        return export_view(view, out)
    check_opengl()
    check_export_size(size)
    import pyvista as pv

    from twin_app.scene.pins import pins_of
    from twin_app.scene.view import SceneView

    plotter = pv.Plotter(off_screen=True, window_size=list(size))
    copy = SceneView(plotter, view.model)
    try:
        pins = pins_of(view.plotter)
        if pins is not None and pins.shown:
            pins.copy_to(plotter)  # the residents' pins are in the image too, with their key
        copy.set_camera(view.camera_view())
        return export_view(copy, out)
    finally:
        view.model.unsubscribe(copy._on_change)
        plotter.close()


def render_city(
    model: CityModel,
    out: Path | str,
    *,
    size: tuple[int, int] = (1600, 1000),
    warnings: list[str] | None = None,
) -> Path:
    """Render the city's visible layers off screen to a PNG file, legend and furniture included.

    ``warnings`` receives a sentence for each thing the image had no room for.
    """
    check_opengl()
    check_export_size(size)
    import pyvista as pv

    from twin_app.scene.view import SceneView

    out = check_output_file(out, example="city.png")
    plotter = pv.Plotter(off_screen=True, window_size=list(size))
    try:
        view = SceneView(plotter, model)
        export_view(view, out)
        if warnings is not None:
            warnings.extend(view.warnings)
    finally:
        plotter.close()
    return out
