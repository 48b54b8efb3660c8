"""The real window switches language at run time: menus, docks, panels and Qt's own buttons follow.

The expected texts are the translations as written by hand in the catalogues
(tests/test_i18n_qt.py checks those are complete); here the point is that a
switch reaches every widget that is already on screen, and that switching
back to English restores the English texts.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

if not os.environ.get("DISPLAY"):
    pytest.skip("GUI tests need an X display (run them under xvfb-run)", allow_module_level=True)

MENUS = {
    "en": ["&File", "&Edit", "&Analyses", "&View", "&Help"],
    "fr": ["&Fichier", "&Édition", "A&nalyses", "A&ffichage", "&Aide"],
    "ja": ["ファイル(&F)", "編集(&E)", "分析(&A)", "表示(&V)", "ヘルプ(&H)"],
    "ko": ["파일(&F)", "편집(&E)", "분석(&A)", "보기(&V)", "도움말(&H)"],
}
DOCKS = {  # object name → title in en, fr, ja
    "layers_dock": ("Layers", "Couches", "レイヤー"),
    "results_dock": ("Districts and results", "Quartiers et résultats", "地区と結果"),
    "legend_dock": ("Legend", "Légende", "凡例"),
    "feeds_dock": ("Live feeds", "Flux en direct", "ライブフィード"),
}


@pytest.fixture
def win(tmp_path: Path):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from twin_app.qt.i18n import switch_language
    from twin_app.qt.window import MainWindow

    app = QApplication.instance() or QApplication([])
    # the remembered choice goes to this test's folder, never to the user's settings
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    switch_language("en", remember=False)
    window = MainWindow()
    window.show()
    app.processEvents()
    yield window
    switch_language("en", remember=False)
    window.close()
    app.processEvents()


def _menus(window) -> list[str]:
    """The menu bar's titles, those named in MENUS (other menus may come and go), in order."""
    known = {title for titles in MENUS.values() for title in titles}
    return [a.text() for a in window.menuBar().actions() if a.menu() is not None and a.text() in known]


def _switch(window, code: str) -> None:
    """Choose ``code`` in View → Language, as a person does."""
    from PySide6.QtWidgets import QApplication, QMenu

    menu = window.findChild(QMenu, "language_menu")
    (action,) = [a for a in menu.actions() if a.data() == code]
    action.trigger()
    QApplication.processEvents()


def _dock(window, name: str) -> str:
    from PySide6.QtWidgets import QDockWidget

    return window.findChild(QDockWidget, name).windowTitle()


def test_the_language_menu_lists_each_language_by_its_own_name(win) -> None:
    from PySide6.QtWidgets import QMenu

    menu = win.findChild(QMenu, "language_menu")
    names = [a.text() for a in menu.actions()]
    assert names == ["English", "Español", "Français", "Português", "한국어", "日本語", "中文"]
    assert menu.title() == "&Language"
    assert [a.text() for a in menu.actions() if a.isChecked()] == ["English"]  # the current one


def test_switching_at_run_time_changes_what_is_on_screen_and_back(win) -> None:
    from PySide6.QtWidgets import QMenu

    from twin_app.core.i18n import language

    assert _menus(win) == MENUS["en"]
    for code, column in (("fr", 1), ("ja", 2), ("en", 0)):
        _switch(win, code)
        assert language() == code  # the core's sentences switch with the window's
        assert _menus(win) == MENUS[code], code
        for name, titles in DOCKS.items():
            assert _dock(win, name) == titles[column], (code, name)
    _switch(win, "ko")
    assert _menus(win) == MENUS["ko"]
    assert win.findChild(QMenu, "language_menu").title() == "언어(&L)"
    _switch(win, "en")
    assert _menus(win) == MENUS["en"] and _dock(win, "layers_dock") == "Layers"


def test_panels_toolbars_and_the_status_bar_follow_too(win) -> None:
    _switch(win, "es")
    assert win.home_action.text() == "Inicio" and win.measure_action.text() == "Medir"
    assert win.measure_action.toolTip().startswith("Haga clic en dos o más puntos")
    assert win.layers.tree.headerItem().text(0) == "Capa"
    assert win.layers.opacity_label.text() == "Opacidad"
    assert win.info.horizontalHeaderItem(0).text() == "Atributo"
    assert win.districts.title.text() == "Todavía no se ha ejecutado ningún análisis."
    assert win.cancel_button.text() == "Cancelar"  # the job runner's, in the status bar
    assert win.timebar.live_button.text() == "En directo"
    assert win.feed_panel.headerItem().text(1) == "Estado"
    assert win.legend_dock.panel.toolTip() == "Qué significan los colores del mapa"
    _switch(win, "en")
    assert win.home_action.text() == "Home" and win.layers.tree.headerItem().text(0) == "Layer"
    assert win.cancel_button.text() == "Cancel" and win.timebar.live_button.text() == "Live"


def test_qt_s_own_buttons_speak_the_language(win) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    _switch(win, "zh")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    _switch(win, "en")


def test_the_choice_is_remembered_for_the_next_start(win) -> None:
    from twin_app.qt.i18n import saved_language, start_language

    _switch(win, "pt")
    assert saved_language() == "pt" and start_language(None) == "pt"
    _switch(win, "en")
    assert saved_language() == "en"


def test_a_cjk_language_has_a_font_so_the_messages_panel_stays_quiet(win) -> None:
    _switch(win, "ja")
    assert win.messages.texts("warning") == []  # fonts-noto-cjk is installed: no font warning
    _switch(win, "en")


_START_DRIVER = """
import json
import sys

from PySide6.QtCore import QTimer

from twin_app.cli.main import main
from twin_app.core.i18n import language
from twin_app.qt.window import MainWindow

seen = {}
shown = MainWindow.show


def show(win):
    shown(win)

    def look():
        seen["menus"] = [a.text() for a in win.menuBar().actions() if a.menu() is not None]
        seen["core"] = language()
        win.close()

    QTimer.singleShot(200, look)


MainWindow.show = show
code = main(sys.argv[1:])
print(json.dumps({"exit": code, **seen}))
"""


def test_twin_app_lang_starts_the_window_in_that_language_without_remembering_it(tmp_path: Path) -> None:
    """``twin-app --lang ja`` (a real process, the app's own event loop): menus and core in Japanese."""
    import json
    import subprocess
    import sys

    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path), "TWIN_APP_LIVE_DIR": str(tmp_path / "live")}
    done = subprocess.run(
        [sys.executable, "-c", _START_DRIVER, "--lang", "ja", "open", "helsinki"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["exit"] == 0 and seen["core"] == "ja"
    assert set(MENUS["ja"]) <= set(seen["menus"])
    settings = list(tmp_path.rglob("*.conf"))
    assert all("language" not in p.read_text(encoding="utf-8") for p in settings)  # --lang is for this start


def test_a_language_without_a_font_is_said_in_the_messages_panel(win, monkeypatch) -> None:
    """As if Japanese needed Ogham, which no installed font has: the panel says so, and how to fix it."""
    from PySide6.QtGui import QFontDatabase

    from twin_app.qt import i18n

    assert QFontDatabase.families(QFontDatabase.WritingSystem.Ogham) == []  # the premise, on this machine
    monkeypatch.setitem(i18n.WRITING_SYSTEMS, "ja", QFontDatabase.WritingSystem.Ogham)
    _switch(win, "ja")
    (warning,) = win.messages.texts("warning")
    assert "日本語" in warning and "sudo apt-get install fonts-noto-cjk" in warning
    assert "twin_app を再起動してください" in warning  # said in the language chosen,
    assert "then start twin_app again." in warning  # and in English, which any font can show
    _switch(win, "en")


def test_the_feed_panel_says_states_and_simulations_in_the_language(win) -> None:
    from twin_app.core.live.feeds import FeedSpec

    spec = FeedSpec(
        id="buses", title="Buses", source="sim://timetable", simulated="positions from the timetable"
    )
    win.feed_panel.add_feed(spec)
    _switch(win, "es")
    row = win.feed_panel.row_texts("buses")  # keyed by the English column names, shown translated
    assert row["State"] == "conectando" and row["note"] == "Simulado: positions from the timetable"
    assert [win.feed_panel.headerItem().text(i) for i in range(5)] == [
        "Flujo", "Estado", "msj/s", "Guardados", "Mal formados"
    ]  # fmt: skip
    _switch(win, "en")
    row = win.feed_panel.row_texts("buses")
    assert row["State"] == "connecting" and row["note"] == "Simulated: positions from the timetable"


def test_the_analyses_menu_names_each_analysis_from_the_shared_catalogue(win) -> None:
    """The analyses' titles come from the gettext catalogue (their manifests'), and switch with the rest."""
    from PySide6.QtGui import QAction

    def entry() -> str:
        (action,) = [a for a in win.findChildren(QAction) if a.objectName() == "run:transit-access"]
        return action.text()

    assert entry() == "Access to public transport (SDG 11.2.1)…"
    _switch(win, "fr")
    assert entry() == "Accès aux transports publics (ODD 11.2.1)…"
    _switch(win, "ja")
    assert entry() == "公共交通へのアクセス（SDG 11.2.1）…"
    _switch(win, "en")
    assert entry() == "Access to public transport (SDG 11.2.1)…"
