"""Waiting in GUI tests until the real window has nothing left to do by itself."""

from __future__ import annotations

import time


def wait_idle(window, seconds: float = 120) -> None:
    """Run Qt's events until ``window.idle`` (city loaded, no job, no pending re-run), or fail."""
    from PySide6.QtWidgets import QApplication

    start = time.monotonic()
    while not window.idle and time.monotonic() - start < seconds:
        QApplication.processEvents()
        time.sleep(0.05)
    for _ in range(5):  # what the last job handed back to the window
        QApplication.processEvents()
    assert window.idle, f"still busy after {time.monotonic() - start:.0f} s"
