"""Make docs/images/scenario-edit.png: the window editing a scenario on a city, with real tool clicks.

Run under a display (``xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python
tools/screenshot_scenario_edit.py [CITY] [OUT.png] [LANGUAGE]``).  It opens the city,
starts a project in a temporary folder, makes a scenario, and uses the Edit
scenario tools through the same handlers a click calls: stops placed near
streets (snapped onto them), a row of trees, a line, a car-free street, and a green area left
half drawn so its outline shows; then grabs the whole window.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from twin_app.core.camera import CameraView
    from twin_app.core.snapping import Snapper
    from twin_app.qt.window import MainWindow

    city = sys.argv[1] if len(sys.argv) > 1 else "helsinki"
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/images/scenario-edit.png")
    language = sys.argv[3] if len(sys.argv) > 3 else "en"
    app = QApplication.instance() or QApplication([])
    win = MainWindow()
    win.resize(1600, 1000)
    from twin_app.qt.i18n import switch_language

    switch_language(language, remember=False)
    win.show()
    app.processEvents()
    if not win.open_city(city):
        return 1
    start = time.monotonic()
    while (win.loading or not win.city_ready) and time.monotonic() - start < 600:
        app.processEvents()
        time.sleep(0.05)
    win._stop_live()  # the city's simulated feeds are another page's subject
    folder = Path(tempfile.mkdtemp())
    win.workshop.new_project(folder / "workshop.twinproj.gpkg")
    win.workshop.add_scenario("Tram stop and trees")
    app.processEvents()

    # look obliquely at the middle of the city's buildings
    assert win.model is not None and win.model.buildings is not None
    x0, y0, x1, y1 = win.model.buildings.frame.total_bounds
    ox, oy = win.model.origin
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    sx, sy = cx - ox, cy - oy
    win.scenario_dock.raise_()
    for _ in range(20):  # the docks take their final sizes first: the view's shape decides the pixels
        app.processEvents()
        time.sleep(0.05)
    win.view.set_camera(CameraView((sx, sy - 420.0, 760.0), (sx, sy, 0.0), (0.0, 1.0, 0.0), 30.0))
    win.plotter.render()
    app.processEvents()
    tools = win.edit_tools
    renderer = win.plotter.renderer

    def pixel(dx: float, dy: float) -> tuple[int, int]:
        """The display pixel (from the bottom left, as VTK counts) of the point (cx + dx, cy + dy)."""
        renderer.SetWorldPoint(sx + dx, sy + dy, 0.0, 1.0)
        renderer.WorldToDisplay()
        x, y, _ = renderer.GetDisplayPoint()
        return round(x), round(y)

    handlers = {
        "add_stop": tools.add_stop,
        "add_trees": tools.add_tree,
        "add_line": tools.add_line_point,
        "green_area": tools.add_area_point,
        "car_free": tools.car_free,
    }

    def use(tool: str, points: list[tuple[float, float]]) -> None:
        """Choose ``tool`` and click where these points (metres from the middle) are drawn."""
        tools.actions[tool].trigger()
        for dx, dy in points:
            handlers[tool](*pixel(dx, dy))
            app.processEvents()

    use("add_stop", [(60.0, -120.0)])
    use("add_trees", [(-160.0 + 14.0 * i, -40.0) for i in range(7)])
    use("add_line", [(-260.0, 130.0), (-40.0, 150.0), (180.0, 170.0), (320.0, 200.0)])
    tools.finish()
    if tools.line_dialog is not None:
        tools.line_dialog.name.setText("Harbour tram")
        tools.line_dialog.mode.setCurrentIndex(tools.line_dialog.mode.findData("tram"))
        tools.line_dialog.frequency.setValue(10)
        tools.line_dialog.accept()
    # a street cars drive on, found near a spot south-east of the middle
    street = Snapper(win.model).street(cx + 150.0, cy - 10.0, tolerance=300.0, prefer="drive")
    if street is not None:
        use("car_free", [(street.x - cx, street.y - cy)])
    use("green_area", [(-50.0, 30.0), (40.0, 35.0), (35.0, -10.0), (-45.0, -15.0)])
    win._render_now()
    for _ in range(20):
        app.processEvents()
        time.sleep(0.05)
    win.plotter.render()
    app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    QApplication.primaryScreen().grabWindow(0).save(str(out))
    scenario = win.workshop.project.scenario("Tram stop and trees") if win.workshop.project else None
    print(f"Saved {out}; edits: {[e.describe() for e in scenario.edits] if scenario else []}")
    win.workshop.close_project()
    win.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
