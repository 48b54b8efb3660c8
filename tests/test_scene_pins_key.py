"""Exported images carry the pins' key (idea, problem, like) whenever pins are shown.

The window's Feedback panel has its own key; an image has no panel, so the
key is drawn in the image's legend area, each kind's shape in its colour.
Pixels of the exported PNG are read back inside the legend's box and
counted by the three Okabe–Ito colours.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from test_scene_pins import _pin, scene  # noqa: F401  (the module's fixture: a street and its pins)

COLOURS = {"idea": (0x00, 0x72, 0xB2), "problem": (0xD5, 0x5E, 0x00), "like": (0x00, 0x9E, 0x73)}


def _legend_crop(view, image: np.ndarray, entries) -> np.ndarray:
    """The image's pixels inside the legend box these entries are laid out in (display y is upward)."""
    furniture = view.furniture
    furniture.set_legend(entries)
    box = furniture.drawn_boxes()["legend"]
    furniture.set_legend([])
    height = image.shape[0]
    top, bottom = int(height - box.top), int(height - box.y)
    return image[max(top, 0) : bottom, int(box.x) : int(box.right)]


def _count(crop: np.ndarray, rgb: tuple[int, int, int]) -> int:
    return int((np.abs(crop[:, :, :3].astype(int) - np.array(rgb)).max(axis=2) <= 12).sum())


def test_the_key_counts_each_kind_in_order() -> None:
    from twin_app.core.i18n import speaking
    from twin_app.scene.pins import key_entry

    pins = [_pin(1, "idea", 0, 0), _pin(2, "like", 5, 5), _pin(3, "idea", 9, 9)]
    with speaking("en"):
        entry = key_entry(pins)
        assert entry.heading == "Feedback pins"
        assert entry.tick_labels == ("Idea: 2", "Problem: 0", "Like: 1")
    # the first kind at the top of the key
    assert list(entry.ticks) == sorted(entry.ticks, reverse=True)
    assert [shape for _, shape in entry.swatches] == ["ball", "cone", "cube"]
    with speaking("fr"):
        assert key_entry(pins).tick_labels[0] != "Idea: 2"


def test_an_exported_view_draws_the_pins_key_when_pins_are_shown(scene, tmp_path: Path) -> None:  # noqa: F811
    from PIL import Image

    from twin_app.scene.pins import key_entry
    from twin_app.scene.render import export_view

    plotter, view, pins = scene
    shown = [_pin(1, "idea", 150, 300), _pin(2, "problem", 250, 700), _pin(3, "like", 350, 450)]
    pins.set_pins(shown)
    plotter.render()
    out = export_view(view, tmp_path / "with-pins.png")
    image = np.asarray(Image.open(out))
    crop = _legend_crop(view, image, [key_entry(shown)])
    assert crop.size, "the legend area holds the key"
    for kind, rgb in COLOURS.items():
        assert _count(crop, rgb) >= 20, f"the {kind} symbol is drawn in the key"
    assert not view.furniture.legend_panel.GetVisibility(), "the key stays in the export only"

    # no pins shown: no key, and no legend at all in this city without coloured layers
    pins.set_pins([])
    export_view(view, tmp_path / "without.png")
    empty = np.asarray(Image.open(tmp_path / "without.png"))
    crop = _legend_crop(view, empty, [key_entry(shown)])
    assert all(_count(crop, rgb) == 0 for rgb in COLOURS.values())


def test_a_view_exported_at_another_size_has_the_pins_and_their_key(scene, tmp_path: Path) -> None:  # noqa: F811
    from PIL import Image

    from twin_app.scene.render import export_view_at

    plotter, view, pins = scene
    pins.set_pins([_pin(1, "idea", 250, 500), _pin(2, "like", 450, 500)])
    # from the south, a little above, the pins on the left of the image (the key is on the right)
    view.plotter.camera.position = (700.0, -900.0, 300.0)
    view.plotter.camera.focal_point = (700.0, 500.0, 20.0)
    view.plotter.camera.up = (0.0, 0.0, 1.0)
    plotter.reset_camera_clipping_range()
    plotter.render()
    out = export_view_at(view, tmp_path / "big.png", (1000, 700))
    image = np.asarray(Image.open(out))
    assert image.shape[:2] == (700, 1000)
    right = image[:, 700:]  # the legend column
    left = image[:, :700]  # the city, where the pins stand
    for kind in ("idea", "problem", "like"):
        assert _count(right, COLOURS[kind]) >= 20, f"the {kind} symbol is in the key"
    # the pins themselves are drawn in the image (shaded in 3D, so compared with an image without them)
    pins.set_pins([])
    bare = np.asarray(Image.open(export_view_at(view, tmp_path / "bare.png", (1000, 700))))
    changed = np.abs(left[:, :, :3].astype(int) - bare[:, :700, :3].astype(int)).max(axis=2) > 40
    assert changed.sum() >= 100
    assert all(_count(bare[:, 700:], rgb) == 0 for rgb in COLOURS.values()), "no pins: no key"
