"""Start the desktop application: the window first, the heavy parts after.

The window is shown (and painted) before pyvista/VTK are imported and before
any data loads, so the user sees the app respond at once.
"""

from __future__ import annotations

import sys


def run_app(target: str | None = None, lang: str | None = None) -> int:
    """Open the window on ``target`` in ``lang`` (default: the language chosen last, else the system's)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from twin_app.qt.i18n import say_font_problem, start_language, switch_language
    from twin_app.qt.window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("twin_app")
    # --lang is for this start; a choice in View → Language is the one remembered
    code = switch_language(start_language(lang), remember=False)
    window = MainWindow()
    say_font_problem(window, code)
    window.show()
    app.processEvents()
    QTimer.singleShot(0, lambda: window.open_target(target))
    return app.exec()
