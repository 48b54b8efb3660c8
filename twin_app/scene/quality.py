"""How much anti-aliasing the view can afford: none on a software OpenGL, MSAA on a GPU.

With Mesa's software rasteriser (llvmpipe, as in a virtual machine or under
Xvfb) every pixel is shaded by the CPU, and 4× multisampling shades each
pixel four times: orbiting Helsinki drops from about 9 to under 4 frames a
second at 1280×800 (benchmarks/bench_fps.py).  The window turns it off there,
so the city moves smoothly; exported images keep it, as they are drawn once.
"""

from __future__ import annotations

import re
from typing import Any

SOFTWARE_RENDERERS = ("llvmpipe", "softpipe", "swrast", "software rasterizer", "swr")


def renderer_name(render_window: Any) -> str:
    """The OpenGL renderer string ("llvmpipe (LLVM 15.0.6, 256 bits)", "NVIDIA H200/PCIe/SSE2"...)."""
    try:
        report = render_window.ReportCapabilities()
    except Exception:  # a window without a context yet
        return ""
    match = re.search(r"OpenGL renderer string:\s*(.+)", report or "")
    return match.group(1).strip() if match else ""


def is_software(render_window: Any) -> bool:
    name = renderer_name(render_window).lower()
    return any(word in name for word in SOFTWARE_RENDERERS)


def tune_for_interaction(plotter: Any) -> bool:
    """Turn multisampling off when the OpenGL is software; return whether it did."""
    window = getattr(plotter, "render_window", None)
    if window is None or not is_software(window):
        return False
    window.SetMultiSamples(0)
    return True


__all__ = ["is_software", "renderer_name", "tune_for_interaction"]
