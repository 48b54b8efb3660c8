"""The window in a workshop that is about to crash: run by tests/test_gui_crash_recovery.py.

Usage: python crash_window_child.py CITY_FOLDER PROJECT_FILE

Opens the real window on the city, creates the project, adds the scenario
"Shade", and then, through the window's workshop session as the panels
use it, plants a tree every ~100 ms and drops a pin every third time.  A
line is printed (and flushed) only after the session's call has returned,
so what the parent reads is what the window acknowledged: ``edit I X Y``,
``pin I CATEGORY X Y``; ``ready`` once the first few are made.  The parent
kills the process with SIGKILL; nothing here ever saves the project.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from twin_app.core.scenario import AddTrees
from twin_app.qt.window import MainWindow

SCENARIO = "Shade"
CATEGORIES = ("idea", "problem", "like")


def tree_at(i: int, x0: float, y0: float) -> tuple[float, float]:
    """The i-th tree's place: a row along the avenue, 5 m apart (the parent checks the same numbers)."""
    return (x0 + 20.0 + 5.0 * (i % 150), y0 + 60.0 + 10.0 * (i // 150))


def main() -> None:
    city, project = Path(sys.argv[1]), Path(sys.argv[2])
    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    window.resize(1000, 700)
    window.show()
    if not window.open_city(city):
        raise SystemExit("the city did not open")
    start = time.monotonic()
    while (window.loading or not window.city_ready) and time.monotonic() - start < 120:
        app.processEvents()
        time.sleep(0.02)
    session = window.workshop
    if session.new_project(project) is None or not session.add_scenario(SCENARIO):
        raise SystemExit("the project could not be made")
    x0, y0 = (float(v) for v in sys.argv[3:5])
    count = [0]

    def step() -> None:
        i = count[0]
        x, y = tree_at(i, x0, y0)
        if not session.edit(AddTrees(((x, y),))):
            raise SystemExit(f"edit {i} was refused")
        print(f"edit {i} {x!r} {y!r}", flush=True)
        if i % 3 == 0:
            category = CATEGORIES[(i // 3) % 3]
            if session.add_pin(x, y + 2.0, category, f"pin {i // 3}") is None:
                raise SystemExit(f"pin {i // 3} was refused")
            print(f"pin {i // 3} {category} {x!r} {y + 2.0!r}", flush=True)
        count[0] += 1

    for _ in range(4):
        step()
    print("ready", flush=True)
    timer = QTimer()
    timer.setInterval(100)
    timer.timeout.connect(step)
    timer.start()
    app.exec()


if __name__ == "__main__":
    main()
