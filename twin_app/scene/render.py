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

from twin_app.core.errors import NoOpenGLError
from twin_app.core.model import CityModel
from twin_app.core.outputs import check_output_file

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
        "No OpenGL library is available on this machine, so the 3D view cannot be drawn "
        f"(looked for {', '.join(candidates)}). On Debian/Ubuntu install them with: "
        "sudo apt-get install libgl1 libegl1 libgl1-mesa-dri"
    )


def render_city(model: CityModel, out: Path | str, *, size: tuple[int, int] = (1600, 1000)) -> Path:
    """Render the city's visible layers off screen to a PNG file."""
    check_opengl()
    import pyvista as pv

    from twin_app.scene.view import SceneView

    out = check_output_file(out, example="city.png")
    plotter = pv.Plotter(off_screen=True, window_size=list(size))
    try:
        view = SceneView(plotter, model)
        out.parent.mkdir(parents=True, exist_ok=True)
        view.screenshot(out)
    finally:
        plotter.close()
    return out
