"""Keys that cannot wreck the view: VTK's and PyVista's default bindings switched off.

VTK's interactor style turns the whole city into wireframe on ``w``, points
on ``s``, leaves the app on ``q`` or ``e``, flies off on ``f`` and enters
stereo on ``3``; PyVista adds its own ``q``, ``v``, ``b`` and ``C``.  A planner
pressing a stray key in front of a city board must not lose the view, so all
of them are removed and only the app's own keys are bound.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any


def install_safe_keys(plotter: Any, actions: Mapping[str, Callable[[], None]]) -> None:
    """Remove every default key binding of ``plotter``'s interactor; bind ``actions`` (VTK key syms)."""
    iren = plotter.iren
    if iren is None:
        return
    iren.clear_key_event_callbacks()
    # the interactor style reads characters through CharEvent observers (w, s, e, q, r, f, p, 3, j, t...)
    iren.interactor.RemoveObservers("CharEvent")
    for key, action in actions.items():
        iren.add_key_event(key, action)


__all__ = ["install_safe_keys"]
