"""Export's question: how large an image.

A slide wants 1920×1080, a poster 3840×2160, a quick note the view as it
is.  The image is drawn again at that size (text scaled to its height), so
the window's own view is not touched.
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QWidget

#: the sizes offered besides the view's own (the largest is the export limit)
SIZES: tuple[tuple[str, tuple[int, int]], ...] = (
    ("1280×720 (HD)", (1280, 720)),
    ("1920×1080 (Full HD, slides)", (1920, 1080)),
    ("2560×1440", (2560, 1440)),
    ("3840×2160 (4K, posters)", (3840, 2160)),
)


def size_choices(view_size: tuple[int, int]) -> list[tuple[str, tuple[int, int]]]:
    width, height = view_size
    return [(f"As the view ({width}×{height})", (width, height)), *SIZES]


def ask_export_size(parent: QWidget, view_size: tuple[int, int]) -> tuple[int, int] | None:
    """The size the user picks, or None when they cancel."""
    choices = size_choices(view_size)
    labels = [label for label, _size in choices]
    label, ok = QInputDialog.getItem(
        parent, "Export view", "Image size (text scales with it):", labels, 1, False
    )
    if not ok:
        return None
    return dict(choices)[label]


__all__ = ["SIZES", "ask_export_size", "size_choices"]
