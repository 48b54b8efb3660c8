"""The screenshots of docs/projects.md's feedback section: the window with residents' pins on a city.

Usage (an X display is needed; xvfb-run gives one):
    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python tools/screenshot_pins.py \
        [CITY] [OUT_FOLDER] [--lang CODE]

Opens the city (the bundled sample by default) in the real window, starts a
project in a temporary folder, drops pins where the 3D view shows the city
at a few places on screen (through the window's own picking, as a click
would), selects one, and grabs the whole window: ``pins.png``; then opens
the Drop pin dialog over it: ``pins-dialog.png``.  With ``--lang`` the
window speaks that language and the files are ``pins-CODE.png`` and
``pins-dialog-CODE.png``.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDockWidget

REMARKS = [
    (0.30, 0.55, "idea", "A pedestrian crossing straight to the park", "Aino"),
    (0.52, 0.42, "problem", "Cars park on the pavement here every evening", None),
    (0.66, 0.62, "like", "The new benches by the water are lovely", "Mateo"),
    (0.42, 0.70, "problem", "Too dark on the path at night", None),
    (0.72, 0.40, "idea", "Trees along this street for shade in summer", None),
    (0.58, 0.78, "like", "Quiet courtyard, keep it as it is", "Min-jun"),
]


def pump(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def main() -> None:
    import argparse

    from twin_app.qt.window import MainWindow

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("city", nargs="?", default="helsinki")
    parser.add_argument("out", nargs="?", default="docs/images", type=Path)
    parser.add_argument("--lang", default=None, help="a language code (es fr pt ko ja zh)")
    args = parser.parse_args()
    city, out = args.city, args.out
    suffix = f"-{args.lang}" if args.lang else ""
    app = QApplication.instance() or QApplication([])
    if args.lang:
        from twin_app.qt.i18n import switch_language

        switch_language(args.lang, remember=False)
    window = MainWindow()
    window.resize(1600, 1000)
    window.show()
    if not window.open_city(city):
        raise SystemExit(f"{city} did not open")
    start = time.monotonic()
    while (window.loading or not window.city_ready) and time.monotonic() - start < 600:
        app.processEvents()
        time.sleep(0.05)
    pump(app, 1.0)
    folder = Path(tempfile.mkdtemp(prefix="pins-shot-"))
    session = window.workshop
    if session.new_project(folder / "workshop.twinproj.gpkg") is None:
        raise SystemExit("the project could not be made")
    width, height = window.plotter.render_window.GetSize()
    for fx, fy, category, comment, name in REMARKS:
        point = window.map_point_at(int(fx * width), int(fy * height))
        if point is None:
            raise SystemExit(f"nothing under {fx:.2f}, {fy:.2f} of the view")
        session.add_pin(point[0], point[1], category, comment, name)
    controller = window.feedback
    dock = controller.dock
    dock.show()
    dock.raise_()
    controller.panel.table.selectRow(1)
    pump(app, 1.0)
    window.plotter.render()
    pump(app, 1.0)
    out.mkdir(parents=True, exist_ok=True)
    screen = app.primaryScreen()
    screen.grabWindow(0).save(str(out / f"pins{suffix}.png"))
    controller.drop_action.trigger()
    dialog = controller.drop_at(int(0.45 * width), int(0.5 * height))
    assert dialog is not None
    dialog.category_buttons[next(iter(dialog.category_buttons))].setChecked(True)
    dialog.comment.setPlainText("A bench in the shade, facing the square")
    pump(app, 1.0)
    screen.grabWindow(0).save(str(out / f"pins-dialog{suffix}.png"))
    dialog.reject()
    for other in window.findChildren(QDockWidget):
        other.setFloating(False)
    session.close_project(save=True)
    window.close()
    print(f"Saved {out / f'pins{suffix}.png'} and {out / f'pins-dialog{suffix}.png'}")


if __name__ == "__main__":
    main()
