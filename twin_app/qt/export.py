"""Export's question: how large an image.

A slide wants 1920×1080, a poster 3840×2160, a quick note the view as it
is.  The image is drawn again at that size (text scaled to its height), so
the window's own view is not touched.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QInputDialog, QWidget

#: the sizes offered besides the view's own (the largest is the export limit)
SIZES: tuple[tuple[str, tuple[int, int]], ...] = (
    (QT_TRANSLATE_NOOP("Export", "1280×720 (HD)"), (1280, 720)),
    (QT_TRANSLATE_NOOP("Export", "1920×1080 (Full HD, slides)"), (1920, 1080)),
    ("2560×1440", (2560, 1440)),
    (QT_TRANSLATE_NOOP("Export", "3840×2160 (4K, posters)"), (3840, 2160)),
)


def size_choices(view_size: tuple[int, int]) -> list[tuple[str, tuple[int, int]]]:
    """The sizes offered, the view's own first, labelled in the current language."""
    width, height = view_size
    own = QCoreApplication.translate("Export", "As the view ({width}×{height})").format(
        width=width, height=height
    )
    return [
        (own, (width, height)),
        *((QCoreApplication.translate("Export", label), size) for label, size in SIZES),
    ]


def ask_export_size(parent: QWidget, view_size: tuple[int, int]) -> tuple[int, int] | None:
    """The size the user picks, or None when they cancel."""
    choices = size_choices(view_size)
    labels = [label for label, _size in choices]
    label, ok = QInputDialog.getItem(
        parent,
        QCoreApplication.translate("Export", "Export view"),
        QCoreApplication.translate("Export", "Image size (text scales with it):"),
        labels,
        1,
        False,
    )
    if not ok:
        return None
    return dict(choices)[label]


__all__ = ["SIZES", "ask_export_size", "size_choices"]
