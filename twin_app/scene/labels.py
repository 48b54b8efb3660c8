"""District labels that thin out instead of piling up.

Every render, each label's anchor (the district's representative point) is
projected to the screen and labels are taken in order of priority (the
district's area: large districts are the ones people name first) while they
fit: a label is shown only if its box, with a little air around it, touches
no label already shown and no map furniture, lies wholly inside the view,
and fewer than :func:`label_budget` labels are shown.  Zooming in shows more
of the small districts; an overview shows a readable handful.

The labels are text actors gathered in one ``vtkPropAssembly``, so the layer
that owns them hides, shows or removes them as one actor.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from vtkmodules.vtkRenderingCore import vtkPropAssembly

from twin_app.scene.furniture import TextMeasurer, furniture_of, text_actor, world_to_display
from twin_app.scene.layout import LABEL_PX, MIN_TEXT_PX, Rect, font_px

#: labels at 1920×1080; other sizes get as many per area of text-sized screen
LABELS_AT_1080P = 14
LABEL_AIR_PX = 6


def label_budget(width: int, height: int) -> int:
    """How many labels at most: proportional to the screen area measured in label-sized units."""
    scale = max(height / 1080, MIN_TEXT_PX / LABEL_PX)
    area = (width / scale) * (height / scale)
    return int(np.clip(round(LABELS_AT_1080P * area / (1920 * 1080)), 4, 24))


def choose_labels(
    boxes: list[Rect | None], priority: np.ndarray, reserved: list[Rect], width: int, height: int, budget: int
) -> list[int]:
    """Labels to show, by priority: inside the view, clear of each other and of ``reserved``."""
    shown: list[int] = []
    taken: list[Rect] = []
    for i in np.argsort(-priority, kind="stable"):
        box = boxes[int(i)]
        if box is None or not box.inside(width, height):
            continue
        air = box.grown(LABEL_AIR_PX)
        if any(air.intersects(r) for r in taken) or any(box.intersects(r) for r in reserved):
            continue
        shown.append(int(i))
        taken.append(box)
        if len(shown) >= budget:
            break
    return shown


class DistrictLabels:
    """One layer's district names, thinned on every render."""

    def __init__(self, plotter: Any, anchors: np.ndarray, names: list[str], priority: np.ndarray) -> None:
        self.plotter = plotter
        self.renderer = plotter.renderer
        self.anchors = np.asarray(anchors, dtype=float)
        self.names = names
        self.priority = np.asarray(priority, dtype=float)
        self.assembly = vtkPropAssembly()
        self.assembly.SetPickable(False)
        self.actors = []
        # one font for every name of the layer, the one the measure below uses (Greek, CJK... names)
        sample = "".join(names)
        for name in names:
            actor = text_actor(name, size=LABEL_PX, colour="#1a1a1a", sample=sample)
            prop = actor.GetTextProperty()
            prop.SetJustificationToCentered()
            prop.SetVerticalJustificationToCentered()
            prop.SetBackgroundColor(1.0, 1.0, 1.0)
            prop.SetBackgroundOpacity(0.65)
            actor.SetVisibility(False)
            self.actors.append(actor)
            self.assembly.AddPart(actor)
        self.shown: list[int] = []
        self.boxes: list[Rect | None] = []
        self._font = 0
        self._measure = TextMeasurer(
            int(plotter.render_window.GetDPI()) if plotter.render_window is not None else 72, sample
        )
        self._observer = self.renderer.AddObserver("StartEvent", self._on_render)

    def detach(self) -> None:
        self.renderer.RemoveObserver(self._observer)
        furniture = furniture_of(self.plotter)
        if furniture is not None and self in furniture.label_sets:
            furniture.label_sets.remove(self)

    def _on_render(self, *_args: Any) -> None:
        if not self.renderer.HasViewProp(self.assembly):
            self.detach()  # the layer was removed
            return
        if not self.assembly.GetVisibility():
            return
        width, height = (int(v) for v in self.renderer.GetSize())
        if width < 2 or height < 2:
            return
        size = font_px(LABEL_PX, height)
        window = self.renderer.GetRenderWindow()
        if window is not None:  # a HiDPI window sets its DPI once shown
            self._measure.dpi = int(window.GetDPI())
        if size != self._font:
            self._font = size
            for actor in self.actors:
                actor.GetTextProperty().SetFontSize(size)
        xy, ok = world_to_display(self.renderer, self.anchors)
        self.boxes = []
        for i, name in enumerate(self.names):
            if not ok[i]:
                self.boxes.append(None)
                continue
            w, h = self._measure(name, size)
            self.boxes.append(Rect(xy[i, 0] - w / 2, xy[i, 1] - h / 2, w, h))
        furniture = furniture_of(self.plotter)
        reserved = furniture.ensure_layout().reserved() if furniture is not None else []
        budget = label_budget(width, height)
        self.shown = choose_labels(self.boxes, self.priority, reserved, width, height, budget)
        chosen = set(self.shown)
        for i, actor in enumerate(self.actors):
            visible = i in chosen
            actor.SetVisibility(visible)
            if visible:
                actor.SetDisplayPosition(round(xy[i, 0]), round(xy[i, 1]))


__all__ = ["DistrictLabels", "choose_labels", "label_budget"]
