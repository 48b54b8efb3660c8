"""The real window shows layer titles in the language chosen, and a run-time switch retitles them at once.

A city folder is written here with one layer whose manifest gives its own
``titles``, one titled by twin_app's catalogue ("Parks and green") and one
a person wrote that no catalogue holds; the expected texts are those written
by hand in the manifest and in the catalogues.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

if not os.environ.get("DISPLAY"):
    pytest.skip("GUI tests need an X display (run them under xvfb-run)", allow_module_level=True)

from gui_wait import wait_idle  # noqa: E402
from test_titles import write_city  # noqa: E402

LAYERS = """
[[layers]]
id = "allotments"
kind = "vector"
source = "plots.gpkg"
title = "Allotment gardens"
titles = { fr = "Jardins familiaux", ja = "市民農園" }
value_column = "area"

[[layers]]
id = "green"
kind = "vector"
source = "plots.gpkg"
title = "Parks and green"

[[layers]]
id = "seaside"
kind = "vector"
source = "plots.gpkg"
title = "Kaivopuisto seaside"
"""
EXPECTED = {
    "en": ["Allotment gardens", "Parks and green", "Kaivopuisto seaside"],
    "fr": ["Jardins familiaux", "Parcs et espaces verts", "Kaivopuisto seaside"],
    "ja": ["市民農園", "公園と緑地", "Kaivopuisto seaside"],
}


@pytest.fixture
def win(tmp_path: Path):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from twin_app.qt.i18n import switch_language
    from twin_app.qt.window import MainWindow

    app = QApplication.instance() or QApplication([])
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    switch_language("en", remember=False)
    window = MainWindow()
    window.resize(1200, 800)
    window.show()
    assert window.open_city(write_city(tmp_path, layers=LAYERS))
    wait_idle(window)
    yield window
    switch_language("en", remember=False)
    window.close()
    app.processEvents()


def _switch(window, code: str) -> None:
    from PySide6.QtWidgets import QApplication, QMenu

    menu = window.findChild(QMenu, "language_menu")
    (action,) = [a for a in menu.actions() if a.data() == code]
    action.trigger()
    QApplication.processEvents()


def _listed(window) -> list[str]:
    """The layer list's titles in the manifest's order (the list shows the newest on top)."""
    tree = window.layers.tree
    texts = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    return list(reversed(texts))


def test_switching_language_retitles_the_layer_list_legend_and_window(win) -> None:
    assert _listed(win) == EXPECTED["en"]
    assert [e.heading for e in win.legend_dock.panel.entries] == ["Allotment gardens"]
    for code, city in (("fr", "Petite ville"), ("ja", "小さな町"), ("en", "Mini town")):
        _switch(win, code)
        assert _listed(win) == EXPECTED[code], code
        assert [e.heading for e in win.legend_dock.panel.entries] == [EXPECTED[code][0]], code
        assert win.windowTitle() == f"{city} — twin_app"
    # ids never change: the list's items still name their layers by id
    tree = win.layers.tree
    from PySide6.QtCore import Qt

    ids = {tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) for i in range(tree.topLevelItemCount())}
    assert ids == {"allotments", "green", "seaside"}


def test_a_city_opened_in_japanese_is_titled_in_japanese_from_the_start(tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from twin_app.qt.i18n import switch_language
    from twin_app.qt.window import MainWindow

    app = QApplication.instance() or QApplication([])
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    switch_language("ja", remember=False)
    window = MainWindow()
    try:
        window.show()
        assert window.open_city(write_city(tmp_path, layers=LAYERS))
        wait_idle(window)
        assert _listed(window) == EXPECTED["ja"]
        assert [e.heading for e in window.legend_dock.panel.entries] == ["市民農園"]
    finally:
        switch_language("en", remember=False)
        window.close()
        app.processEvents()
