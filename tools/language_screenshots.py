"""Screenshots of the real window on Helsinki in every language: docs/images/window-<code>.png.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python tools/language_screenshots.py \
        [--menus FOLDER] [CODES...]

One window, opened once; the language is switched at run time between the
shots (as View → Language does), so the images also show that every text
follows.  ``--menus FOLDER`` also grabs each menu open (View with its
Language submenu), to check their items for missing glyphs and cut-off texts.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZE = (1600, 1000)


def main(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication, QMenu

    from twin_app.core.i18n import LANGUAGES
    from twin_app.qt.i18n import switch_language
    from twin_app.qt.window import MainWindow

    menus = None
    if argv[:1] == ["--menus"]:  # also grab every menu open into this folder
        menus, argv = Path(argv[1]), argv[2:]
        menus.mkdir(parents=True, exist_ok=True)
    codes = argv or list(LANGUAGES)
    out = ROOT / "docs" / "images"
    app = QApplication.instance() or QApplication(sys.argv[:1])
    switch_language("en", remember=False)
    window = MainWindow()
    window.setGeometry(0, 0, *SIZE)
    window.show()
    app.processEvents()
    window.open_city("helsinki")
    deadline = time.monotonic() + 300
    while window.loading and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.05)
    for code in codes:
        switch_language(code, remember=False)
        for _ in range(20):
            app.processEvents()
            time.sleep(0.05)
        window.plotter.render()
        app.processEvents()
        path = out / f"window-{code}.png"
        app.primaryScreen().grabWindow(0, 0, 0, *SIZE).save(str(path))
        print(f"Wrote {path.relative_to(ROOT)}")
        if menus is not None:  # each menu open, for a reader to check its texts
            bar = window.menuBar()
            for i, action in enumerate(a for a in bar.actions() if a.menu() is not None):
                menu = action.menu()
                menu.popup(bar.mapToGlobal(bar.actionGeometry(action).bottomLeft()))
                if menu.objectName() == "view_menu":  # its Language submenu too
                    language = window.findChild(QMenu, "language_menu")
                    menu.setActiveAction(language.menuAction())
                    language.popup(menu.mapToGlobal(menu.actionGeometry(language.menuAction()).topRight()))
                for _ in range(10):
                    app.processEvents()
                    time.sleep(0.05)
                app.primaryScreen().grabWindow(0, 0, 0, 900, 500).save(str(menus / f"menu-{code}-{i}.png"))
                for shown in (window.findChild(QMenu, "language_menu"), menu):
                    shown.hide()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
