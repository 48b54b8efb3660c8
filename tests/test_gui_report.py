"""File → Report… and File → Export scene as glTF… in the real window, on a town imported here."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from gui_wait import wait_idle
from test_gltf import read_glb
from test_report import town  # noqa: F401  (the module's fixture: the imported town)

pytestmark = [pytest.mark.gui, pytest.mark.slow]

if not os.environ.get("DISPLAY"):
    pytest.skip("GUI tests need an X display (run them under xvfb-run)", allow_module_level=True)


@pytest.fixture(scope="module")
def win(town: Path):  # noqa: F811
    from PySide6.QtWidgets import QApplication

    from twin_app.qt.window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    window.resize(1000, 700)
    window.show()
    app.processEvents()
    assert window.open_city(town)
    _wait(window, 120)
    yield window
    window.close()
    app.processEvents()


def _wait(window, seconds: float) -> None:
    wait_idle(window, seconds)


def _messages(window) -> list[str]:
    widget = window.messages  # a list widget, one line per message
    return [widget.item(i).text() for i in range(widget.count())]


def test_report_from_the_window_is_written_off_the_window_and_said_where(win, tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "town.pdf"
    job = win.ask_report(out)
    assert job is not None and win.loading  # it runs as a job: progress and Cancel in the status bar
    _wait(win, 300)
    assert out.is_file()
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert "Access to public transport (SDG 11.2.1)" in text and "UN SDG indicator 11.2.1" in text
    assert any(f"The report was saved to {out}" in line for line in _messages(win))
    assert not [p for p in win.model.layers if ":" in p]  # the report added no result layer to the city


def test_a_cancelled_report_leaves_no_file(win, tmp_path: Path) -> None:
    out = tmp_path / "never.pdf"
    win.ask_report(out)
    win.jobs.cancel_all()
    _wait(win, 60)
    assert not out.exists() and not list(tmp_path.iterdir())


def test_export_scene_from_the_window(win, tmp_path: Path) -> None:
    out = win.ask_export_gltf(tmp_path / "town")
    assert out == tmp_path / "town.glb"
    doc, _ = read_glb(out)
    assert "buildings" in [m["name"] for m in doc["meshes"]]
    assert any(f"saved to {out}" in line for line in _messages(win))
