"""The comparison panel in any language at once, its table fitting the dock; numbers in the language's way.

The panel is the real window's, shown numbers a comparison would give
(the workshop's Etu-Töölö went from 10.7 % to 17.9 % served).  The
expected texts were written by hand: the catalogues' translations, and the
numbers as French and Japanese write them (French: a decimal comma, a
no-break space before % and a thin one between thousands, as CLDR writes
them; Japanese: as English).  Switching goes through View → Language, as a person does.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

if not os.environ.get("DISPLAY"):
    pytest.skip("GUI tests need an X display (run them under xvfb-run)", allow_module_level=True)

TRANSIT = "transit-access"
#: district, baseline share, scenario share (None: no people there in the baseline)
ROWS = [
    ("Etu-Töölö", 0.107, 0.179),
    ("Kaartinkaupunki", 0.95, 0.95),
    ("Ullanlinna", 0.80, 0.78),
    ("Punavuori", None, 0.5),
    (None, 0.62, 0.64),
]
DEFINITIONS = {
    (TRANSIT, "share_served"): {
        "label": "Share of residents within walking distance",
        "better": "higher",
        "definition": "SDG 11.2.1",
    }
}
NBSP = "\u00a0"  # French typography's space before % (no line break there), as CLDR writes it
NNBSP = "\u202f"  # and its thin space between thousands

HEADERS = {
    "en": ["District", "Baseline", "Scenario", "Change", "Trend"],
    "fr": ["Quartier", "État actuel", "Scénario", "Écart", "Tendance"],
    "ja": ["地区", "現況", "シナリオ", "変化", "傾向"],
}
TABLE = {
    "en": [
        ["Etu-Töölö", "10.7%", "17.9%", "+7.2", "▲ better"],
        ["Kaartinkaupunki", "95.0%", "95.0%", "0.0", "= no change"],
        ["Ullanlinna", "80.0%", "78.0%", "−2.0", "▼ worse"],
        ["Punavuori", "–", "50.0%", "–", ""],
        ["Whole city", "62.0%", "64.0%", "+2.0", "▲ better"],
    ],
    "fr": [
        ["Etu-Töölö", f"10,7{NBSP}%", f"17,9{NBSP}%", "+7,2", "▲ mieux"],
        ["Kaartinkaupunki", f"95,0{NBSP}%", f"95,0{NBSP}%", "0,0", "= inchangé"],
        ["Ullanlinna", f"80,0{NBSP}%", f"78,0{NBSP}%", "−2,0", "▼ moins bien"],
        ["Punavuori", "–", f"50,0{NBSP}%", "–", ""],
        ["Ville entière", f"62,0{NBSP}%", f"64,0{NBSP}%", "+2,0", "▲ mieux"],
    ],
    "ja": [
        ["Etu-Töölö", "10.7%", "17.9%", "+7.2", "▲ 改善"],
        ["Kaartinkaupunki", "95.0%", "95.0%", "0.0", "＝ 変化なし"],
        ["Ullanlinna", "80.0%", "78.0%", "−2.0", "▼ 悪化"],
        ["Punavuori", "–", "50.0%", "–", ""],
        ["市全体", "62.0%", "64.0%", "+2.0", "▲ 改善"],
    ],
}
NO_VALUE = {"en": "no value", "fr": "aucune valeur", "ja": "値なし"}
HEADING = {
    "en": "Scenario “Tram stop” against the baseline",
    "fr": "Scénario « Tram stop » par rapport à l'état actuel",
    "ja": "現況と比べたシナリオ「Tram stop」",
}
UNIT_NOTE = {
    "en": "Changes are in percentage points.",
    "fr": "Les changements sont exprimés en points de pourcentage.",
    "ja": "変化の単位はパーセントポイントです。",
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
    window = MainWindow()  # its own default size: the comparison dock at its default width
    window.show()
    _settle()
    yield window
    switch_language("en", remember=False)
    window.close()
    app.processEvents()


def _settle() -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(10):
        QApplication.processEvents()


def _switch(window, code: str) -> None:
    """Choose ``code`` in View → Language, as a person does."""
    from PySide6.QtWidgets import QMenu

    menu = window.findChild(QMenu, "language_menu")
    (action,) = [a for a in menu.actions() if a.data() == code]
    action.trigger()
    _settle()


#: more districts, as a real city has: the table scrolls, and its scroll bar takes room too
MORE = [(f"District number {i}", 0.5 + i / 50, 0.5 + i / 45) for i in range(25)]


def _show_comparison(window, rows=ROWS):
    """The comparison dock in front, showing ``rows`` for the scenario "Tram stop"."""
    from PySide6.QtWidgets import QDockWidget

    from twin_app.core.compare import SHARE_UNIT, Delta

    window.findChild(QDockWidget, "comparison_dock").raise_()
    panel = window.comparison.panel
    deltas = [Delta(TRANSIT, "share_served", d, SHARE_UNIT, b, s) for d, b, s in rows]
    panel.show_deltas(deltas, DEFINITIONS, "Tram stop")
    _settle()
    return panel


def _headers(panel) -> list[str]:
    """The column headings as read (two lines read as one; the arrows' heading says it in its tooltip)."""
    table = panel.table
    items = [table.horizontalHeaderItem(c) for c in range(table.columnCount())]
    return [i.toolTip() if i.text() == "▲▼" else i.text().replace("\n", " ") for i in items]


def test_the_comparison_panel_follows_a_language_switch_at_once(win) -> None:
    panel = _show_comparison(win)
    assert _headers(panel) == HEADERS["en"] and panel.rows(words=True) == TABLE["en"]
    for code in ("fr", "ja", "en"):
        _switch(win, code)
        assert _headers(panel) == HEADERS[code], code
        assert panel.rows(words=True) == TABLE[code], code
        if panel.compact:  # a dock too narrow for the trend's words shows its arrows
            assert [r[4] for r in panel.rows()] == [r[4].split(" ")[0] for r in TABLE[code]]
        assert panel.heading.text() == HEADING[code]
        assert panel.unit_note.text() == UNIT_NOTE[code]
        assert panel.table.item(3, 1).toolTip() == NO_VALUE[code]  # the dash is said in words
    _switch(win, "fr")
    assert panel.show_3d.text() == "Afficher le changement en 3D"
    assert panel.indicator_label.text() == "Indicateur"
    # the indicator's name comes from the shared catalogue, switched with the window
    assert panel.indicator_box.currentText() == "Part des habitants à distance de marche"
    # a district's name cut in a narrow dock is said whole in its tooltip
    assert panel.table.item(0, 0).toolTip().startswith("Etu-Töölö")


def test_before_any_comparison_the_panel_says_what_to_do_in_the_language(win) -> None:
    panel = win.comparison.panel
    _switch(win, "fr")
    assert panel.heading.text() == (
        "Lancez une analyse, puis choisissez ou modifiez un scénario pour le comparer."
    )
    panel.show_deltas([], {}, None)  # a city opened, nothing compared: the baseline is shown
    _switch(win, "es")
    _switch(win, "fr")
    assert panel.heading.text() == ("L'état actuel est affiché : choisissez ou créez un scénario à comparer.")


@pytest.mark.parametrize("code", ["en", "es", "fr", "pt", "ko", "ja", "zh"])
def test_the_table_fits_the_dock_at_its_default_width_in_every_language(win, code: str) -> None:
    """Every number and trend word is whole, without scrolling; only a district's name may give way."""
    from PySide6.QtWidgets import QStyle

    panel = _show_comparison(win, ROWS[:-1] + MORE + ROWS[-1:])
    _switch(win, code)
    table = panel.table
    header = table.horizontalHeader()
    assert panel.isVisible() and table.viewport().width() > 100
    assert table.verticalScrollBar().isVisible()  # a real city's many districts
    assert sum(table.columnWidth(c) for c in range(5)) <= table.viewport().width(), code
    assert not table.horizontalScrollBar().isVisible(), code
    # an item's text is drawn this far inside its cell on each side (Qt's common style)
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    metrics = table.fontMetrics()
    for c in range(1, 5):
        widest = max(metrics.horizontalAdvance(row[c]) for row in panel.rows())
        assert table.columnWidth(c) >= widest + 2 * margin, (code, c, table.columnWidth(c), widest)
        assert header.sectionSize(c) >= header.sectionSizeHint(c), (code, c)  # its heading whole
    # the trend's words are shown, or its arrows with the words in their tooltips
    for shown, words, r in zip(panel.rows(), panel.rows(words=True), range(table.rowCount()), strict=True):
        assert shown[4] == (words[4].split(" ")[0] if panel.compact else words[4])
        assert table.item(r, 4).toolTip().startswith(words[4])
    # a district's name gives way, and is whole in its tooltip
    assert table.item(0, 0).toolTip().startswith("Etu-Töölö")


def test_a_building_s_height_is_written_the_french_way(win) -> None:
    from twin_app.qt.edit_dialogs import BuildingDialog

    _switch(win, "fr")
    dialog = BuildingDialog("way/12", 12.5, "residential", win)
    assert dialog.current.text() == "Hauteur actuelle : 12,5 m ; usage : residential."
    dialog.deleteLater()


def test_the_feed_panel_writes_counts_and_rates_the_french_way(win) -> None:
    from twin_app.core.live.feeds import FeedSpec
    from twin_app.core.live.observation import SourceState, SourceStatus
    from twin_app.qt.feeds import FeedPanel

    _switch(win, "fr")
    panel = FeedPanel(win)
    panel.add_feed(FeedSpec(id="test-feed", title="Test feed", source="sim:test"))
    panel.show_status(
        SourceStatus(
            "test-feed",
            SourceState.CONNECTED,
            received=12_500,
            stored=12_345,
            malformed=1_204,
            malformed_samples=["{bad"],
        )
    )
    row = panel._rows["test-feed"]
    assert row.text(3) == f"12{NNBSP}345" and row.text(4) == f"1{NNBSP}204"
    assert row.toolTip(4) == f"Messages mal formés\u00a0: 1{NNBSP}204. Par exemple\u00a0:\n{{bad"
    panel.deleteLater()
