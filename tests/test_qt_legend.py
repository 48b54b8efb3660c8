"""The window's legend panel: ramps in the palette's colours, ticks beside them, nothing on top of another."""

from __future__ import annotations

import os

import numpy as np
import pytest

pytestmark = pytest.mark.gui

if not os.environ.get("DISPLAY"):
    pytest.skip("GUI tests need an X display (run them under xvfb-run)", allow_module_level=True)


@pytest.fixture
def panel():
    from PySide6.QtWidgets import QApplication

    from twin_app.qt.legend import LegendPanel

    app = QApplication.instance() or QApplication([])
    widget = LegendPanel()
    widget.resize(260, 600)
    widget.show()
    app.processEvents()
    yield widget
    widget.close()
    app.processEvents()


def _grab(widget) -> np.ndarray:
    from PySide6.QtGui import QImage

    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    ratio = image.devicePixelRatio()
    raw = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes())
    rows = raw.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 3]
    return rows.reshape(image.height(), image.width(), 3).astype(int), ratio


def test_each_entry_has_its_heading_ramp_and_ticks_apart(panel) -> None:
    from twin_app.core.quantities import Quantity
    from twin_app.scene.palettes import colormap, legend_entry

    entries = [
        legend_entry("buildings", "Buildings", "m", Quantity.HEIGHT, 3.0, 70.0),
        legend_entry("walk", "Walk to the nearest stop", "m", Quantity.DISTANCE, 0.0, 1200.0),
        legend_entry("share", "Share within 500 m", None, Quantity.SHARE, 0.0, 1.0),
    ]
    panel.set_entries(entries)
    panel.repaint()
    rects = panel.entry_rects()
    assert len(rects) == 3
    boxes = [r for pair in rects for r in pair]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.intersects(b), f"{a} overlaps {b}"
    assert panel.sizeHint().height() >= rects[-1][1].bottom()
    pixels, ratio = _grab(panel)
    for entry, (_heading, ramp) in zip(entries, rects, strict=True):
        cmap = colormap(entry.cmap)
        x = int((ramp.left() + ramp.width() / 2) * ratio)
        for y, at in ((ramp.bottom() - 2, 0.0), (ramp.top() + 2, 1.0)):
            expected = np.array(cmap(at)[:3]) * 255
            got = pixels[int(y * ratio), x]
            assert np.abs(got - expected).max() < 20, f"{entry.title}: {got} at {at}, expected {expected}"
    assert entries[2].tick_labels[-1] == "100 %"


def test_an_empty_legend_says_so(panel) -> None:
    panel.set_entries([])
    panel.repaint()
    pixels, _ratio = _grab(panel)
    assert len(np.unique(pixels.reshape(-1, 3), axis=0)) > 2, "the panel should say no layer is coloured"
