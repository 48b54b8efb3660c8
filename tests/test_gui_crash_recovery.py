"""A crash in the middle of a workshop: the window is SIGKILLed mid-edit, the next one recovers it all.

A child process runs the real window (``tests/crash_window_child.py``): it
opens a small city, creates a project, adds a scenario, and keeps planting
trees and dropping pins through the window's workshop session, printing a
line after each call has returned.  The test kills it with SIGKILL at a
random moment while it edits (after 10 to 16 acknowledged edits), then opens a new window on the project as a
facilitator would (answering Yes to "Recover unsaved changes?"), and checks
against the lines the child printed, not against the code:

* the file passes SQLite's ``PRAGMA integrity_check``;
* the scenario is back and active, with every acknowledged edit, in order
  (at most one more: committed in the instant before its line was printed);
* every acknowledged pin is back, with its category, comment and place;
* the 3D view shows the scenario (one tree per edit) and the pins.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from workshop_city import X0, Y0, write_city

pytestmark = [pytest.mark.gui, pytest.mark.slow]

if not os.environ.get("DISPLAY"):
    pytest.skip("GUI tests need an X display (run them under xvfb-run)", allow_module_level=True)

CHILD = Path(__file__).with_name("crash_window_child.py")


def _run_child_and_kill(city: Path, project: Path, seed: int) -> list[str]:
    """Start the window, let it edit for a random while after "ready", SIGKILL it; its printed lines."""
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), str(city), str(project), repr(X0), repr(Y0)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line.strip())
            if line.strip() == "ready":
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        if not ready.wait(180):
            proc.kill()
            raise AssertionError(f"the window never got ready: {lines} {proc.stderr.read()[-3000:]}")
        # after a few more acknowledged edits (however fast this machine is), at a moment within
        # the next edit's ~100 ms: usually while the window is editing or writing its journal
        rng = random.Random(seed)
        wanted = 4 + rng.randint(6, 12)
        deadline = time.monotonic() + 120
        while sum(line.startswith("edit") for line in lines) < wanted and time.monotonic() < deadline:
            assert proc.poll() is None, f"the window stopped on its own: {proc.stderr.read()[-3000:]}"
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.15))
        assert proc.poll() is None, f"the window stopped on its own: {proc.stderr.read()[-3000:]}"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
        reader.join(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    return lines


def _acknowledged(lines: list[str]) -> tuple[list[tuple[float, float]], list[tuple[str, str, float, float]]]:
    edits: list[tuple[float, float]] = []
    pins: list[tuple[str, str, float, float]] = []
    for line in lines:
        parts = line.split()
        if parts[:1] == ["edit"]:
            assert int(parts[1]) == len(edits)
            edits.append((float(parts[2]), float(parts[3])))
        elif parts[:1] == ["pin"]:
            assert int(parts[1]) == len(pins)
            pins.append((parts[2], f"pin {parts[1]}", float(parts[3]), float(parts[4])))
    return edits, pins


def _click_yes_when_asked(found: list[str]) -> None:
    """Answer the recovery question as the facilitator would (it is a modal box: answer from a timer)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            found.append(box.text())
            box.button(QMessageBox.StandardButton.Yes).click()
        else:
            QTimer.singleShot(100, answer)

    QTimer.singleShot(100, answer)


def test_a_window_killed_mid_edit_comes_back_with_its_scenario_edits_and_pins(tmp_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from twin_app.core.layers import PointLayer
    from twin_app.core.scenario import AddTrees
    from twin_app.qt.window import MainWindow

    city = write_city(tmp_path / "workshop-town")
    project = tmp_path / "hall.twinproj.gpkg"
    lines = _run_child_and_kill(city, project, seed=int(os.environ.get("CRASH_SEED", "11")))
    edits, pins = _acknowledged(lines)
    assert len(edits) >= 10 and len(pins) >= 4, lines  # it was killed while busy, not before

    con = sqlite3.connect(project)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()

    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    window.resize(1000, 700)
    window.show()
    app.processEvents()
    try:
        asked: list[str] = []
        _click_yes_when_asked(asked)
        assert window.workshop.open_project(project) is not None
        assert asked and "Recover them?" in asked[0]
        start = time.monotonic()
        while (window.loading or not window.city_ready) and time.monotonic() - start < 120:
            app.processEvents()
            time.sleep(0.05)
        app.processEvents()
        session = window.workshop
        assert session.scenario == "Shade"
        recovered = session.project.scenario("Shade").edits
        # every acknowledged edit, in order; at most one more (committed, then killed before printing)
        assert len(edits) <= len(recovered) <= len(edits) + 1
        assert recovered[: len(edits)] == [AddTrees(((x, y),)) for x, y in edits]
        got = session.project.pins()
        assert len(pins) <= len(got) <= len(pins) + 1
        for pin, (category, comment, x, y) in zip(got, pins, strict=False):
            assert (pin.category.value, pin.comment, pin.scenario) == (category, comment, "Shade")
            assert (pin.x, pin.y) == pytest.approx((x, y))
        # the window shows it: the scenario's trees in 3D, the pins in the Feedback dock and in 3D
        trees = window.model.layers["trees"]
        assert isinstance(trees, PointLayer) and len(trees.frame) == len(recovered)
        assert window.feedback.panel.table.rowCount() == len(got)
        assert sorted(window.feedback.visual.pins) == [p.id for p in got]
        print(
            f"acknowledged {len(edits)} edits and {len(pins)} pins; "
            f"recovered {len(recovered)} edits and {len(got)} pins"
        )
    finally:
        window.workshop.close_project(save=False)
        window.close()
        app.processEvents()
