"""The main window: 3D view in the middle, layers left, feature info right.

Thin by design: it wires the core model to widgets and the scene.  Loading
runs in a worker thread; each finished layer is added to the model on the GUI
thread, and the scene (subscribed to the model) draws it.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QToolBar,
)

from twin_app.core.errors import TwinError
from twin_app.core.model import CityModel, LayerProblem
from twin_app.qt.comparison import build_comparison
from twin_app.qt.i18n import keep_translated as kept
from twin_app.qt.jobs import JobRunner
from twin_app.qt.legend import legend_dock
from twin_app.qt.messages import MessagesPanel
from twin_app.qt.panels import InfoPanel, LayerPanel
from twin_app.qt.presentation import install_presentation
from twin_app.qt.results import DistrictPanel
from twin_app.qt.story import story_dock
from twin_app.qt.workers import LoadWorker
from twin_app.qt.workshop import WorkshopSession
from twin_app.qt.workshop_ui import build_workshop_ui

CLICK_TOLERANCE_PX = 4
#: while a city loads, redraw at most this often (a small city is drawn once, at the end)
PROGRESSIVE_REDRAW_MS = 6000


def open_target_kind(target: str | None) -> tuple[str, Path | str | None]:
    """Whether ``target`` is a city (name or folder) or a data file."""
    if target is not None and Path(target).is_file() and not target.endswith("city.toml"):
        return "file", Path(target)
    return "city", target


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("twin_app")
        self.resize(1400, 900)
        self.setAcceptDrops(True)
        self.model: CityModel | None = None
        #: the city's layers have all been loaded (a scenario is shown on them only then)
        self.city_ready = False
        #: the raw parameters each analysis was last run with in this window (the report uses them)
        self.analysis_params: dict[str, dict[str, Any]] = {}
        self.view: Any = None
        self.plotter: Any = None
        self.problems: list[LayerProblem] = []
        self._pending_problems: list[LayerProblem] = []
        self._press: tuple[int, int] | None = None
        # Software OpenGL needs about a second per frame for a whole city, so model
        # changes arriving together (a city loading layer by layer) share one redraw.
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(150)
        self._render_timer.timeout.connect(self._render_now)

        placeholder = QLabel(self.tr("Preparing the 3D view…"))
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(placeholder)

        self.layers = LayerPanel()
        self.info = InfoPanel()
        self.attribution = QLabel()
        self.attribution.setWordWrap(True)
        self.attribution.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left = kept(QDockWidget(self), "MainWindow", windowTitle=QT_TRANSLATE_NOOP("MainWindow", "Layers"))
        left.setObjectName("layers_dock")
        left.setWidget(self.layers)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, left)
        right = kept(QDockWidget(self), "MainWindow", windowTitle=QT_TRANSLATE_NOOP("MainWindow", "Feature"))
        right.setObjectName("info_dock")
        right.setWidget(self.info)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, right)
        self.districts = DistrictPanel()
        self.districts.selection_changed.connect(self._on_district_selection)
        results = kept(
            QDockWidget(self),
            "MainWindow",
            windowTitle=QT_TRANSLATE_NOOP("MainWindow", "Districts and results"),
        )
        results.setObjectName("results_dock")
        results.setWidget(self.districts)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, results)
        self.tabifyDockWidget(right, results)
        right.raise_()
        credits = kept(
            QDockWidget(self), "MainWindow", windowTitle=QT_TRANSLATE_NOOP("MainWindow", "Data sources")
        )
        credits.setObjectName("credits_dock")
        # every credit must stay readable however many sources a city has: scroll, never cut
        self.attribution.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.attribution)
        scroll.setMinimumHeight(6 * self.attribution.fontMetrics().lineSpacing())
        credits.setWidget(scroll)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, credits)
        self.legend_dock = legend_dock(self)
        self.legend = self.legend_dock.panel
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.legend_dock)
        # one tab with the credits: a small screen keeps its height for the other panels
        self.tabifyDockWidget(credits, self.legend_dock)
        self.legend_dock.raise_()
        self.docks = [left, right, results, credits, self.legend_dock]

        self.messages = MessagesPanel()
        messages = kept(
            QDockWidget(self), "MainWindow", windowTitle=QT_TRANSLATE_NOOP("MainWindow", "Messages")
        )
        messages.setObjectName("messages_dock")
        messages.setWidget(self.messages)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, messages)
        self.tabifyDockWidget(credits, messages)
        self.legend_dock.raise_()
        self.docks.append(messages)
        self._build_live_widgets()
        self.jobs = JobRunner(self, self.statusBar())
        self.jobs.message.connect(self.messages.add)
        # the runner's widgets, under the names the window has always had
        self.progress = self.jobs.progress
        self.cancel_button = self.jobs.cancel_button
        self.workshop = WorkshopSession(self)
        #: click tools added by panels (pins, scenario editing): action → handler(x, y)
        self._click_modes: dict[QAction, Callable[[int, int], None]] = {}
        self.docks.append(story_dock(self))
        self._build_menus()
        from twin_app.qt.edit_tools import install_editing

        self.edit_tools, self.scenario_dock = install_editing(self)
        build_comparison(self)  # the scenario comparison's dock, and View → compare modes
        from twin_app.qt.pins import install_pins

        self.feedback = install_pins(self)  # the Drop pin tool and the Feedback dock

    # -- menus ------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = kept(
            self.menuBar().addMenu(""), "MainWindow", title=QT_TRANSLATE_NOOP("MainWindow", "&File")
        )

        def action(text: str, slot: Any, shortcut: Any = None) -> QAction:
            act = kept(QAction(self), "MainWindow", text=text)
            act.triggered.connect(slot)
            if shortcut is not None:
                act.setShortcut(shortcut)
            file_menu.addAction(act)
            return act

        action(
            QT_TRANSLATE_NOOP("MainWindow", "Open &city…"), self._ask_open_city, QKeySequence("Ctrl+Shift+O")
        )
        action(
            QT_TRANSLATE_NOOP("MainWindow", "&Open file…"), self._ask_open_file, QKeySequence.StandardKey.Open
        )
        action(
            QT_TRANSLATE_NOOP("MainWindow", "&New city from files…"),
            self._ask_new_city,
            QKeySequence.StandardKey.New,
        )
        action(QT_TRANSLATE_NOOP("MainWindow", "Import &table…"), self.ask_import_table).setObjectName(
            "file:import_table"
        )
        action(QT_TRANSLATE_NOOP("MainWindow", "Connect &feed…"), self._ask_connect_feed).setObjectName(
            "connect_feed"
        )
        build_workshop_ui(self, file_menu)
        file_menu.addSeparator()
        action(
            QT_TRANSLATE_NOOP("MainWindow", "&Export view as PNG…"), self._ask_export, QKeySequence("Ctrl+E")
        )
        action(QT_TRANSLATE_NOOP("MainWindow", "Export scene as &glTF…"), lambda: self.ask_export_gltf())
        action(QT_TRANSLATE_NOOP("MainWindow", "&Report…"), lambda: self.ask_report())
        file_menu.addSeparator()
        action(QT_TRANSLATE_NOOP("MainWindow", "&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.analysis_menu = kept(
            self.menuBar().addMenu(""), "MainWindow", title=QT_TRANSLATE_NOOP("MainWindow", "&Analyses")
        )
        self._build_toolbar()
        self.analysis_menu.addAction(self.select_districts_action)
        self.analysis_menu.addSeparator()
        from twin_app.core.plugins import default_plugins

        registry = default_plugins()
        for manifest in registry.manifests():
            act = QAction(self)  # named in the current language by name_analyses, below
            act.setObjectName(f"run:{manifest.id}")
            act.triggered.connect(lambda _=False, aid=manifest.id: self.ask_run_analysis(aid))
            self.analysis_menu.addAction(act)
        from twin_app.qt.i18n import name_analyses

        name_analyses(self.analysis_menu, registry.manifests())
        for name, why in registry.failures.items():
            act = QAction(self.tr("{name} (could not be loaded)").format(name=name), self)
            act.setEnabled(False)
            act.setToolTip(why)
            self.analysis_menu.addAction(act)
        view_menu = kept(
            self.menuBar().addMenu(""), "MainWindow", title=QT_TRANSLATE_NOOP("MainWindow", "&View")
        )
        view_menu.setObjectName("view_menu")
        for dock in self.docks:  # a closed panel comes back from here
            view_menu.addAction(dock.toggleViewAction())
        install_presentation(self, view_menu)
        from twin_app.qt.i18n import add_language_menu

        add_language_menu(self, view_menu)
        help_menu = kept(
            self.menuBar().addMenu(""), "MainWindow", title=QT_TRANSLATE_NOOP("MainWindow", "&Help")
        )
        about = kept(
            QAction(self), "MainWindow", text=QT_TRANSLATE_NOOP("MainWindow", "Data sources and licences")
        )
        about.setObjectName("help:sources")
        about.triggered.connect(self._show_sources)
        help_menu.addAction(about)

    def _build_toolbar(self) -> None:
        """Home, screenshot, and the click modes (one on at a time, shown pressed)."""
        bar = kept(self.addToolBar(""), "MainWindow", windowTitle=QT_TRANSLATE_NOOP("MainWindow", "View"))
        bar.setObjectName("view_toolbar")
        self.home_action = kept(
            QAction(self),
            "MainWindow",
            text=QT_TRANSLATE_NOOP("MainWindow", "Home"),
            toolTip=QT_TRANSLATE_NOOP(
                "MainWindow", "Frame the whole city again (Home, H or R in the 3D view)"
            ),
        )
        self.home_action.setShortcut(QKeySequence("Home"))
        self.home_action.triggered.connect(self.go_home)
        bar.addAction(self.home_action)
        self.screenshot_action = kept(
            QAction(self),
            "MainWindow",
            text=QT_TRANSLATE_NOOP("MainWindow", "Screenshot"),
            toolTip=QT_TRANSLATE_NOOP("MainWindow", "Save the 3D view as a PNG image"),
        )
        self.screenshot_action.triggered.connect(self._ask_export)
        bar.addAction(self.screenshot_action)
        bar.addSeparator()
        self.mode_group = QActionGroup(self)
        self.mode_group.setExclusive(True)

        def mode(text: str, tip: str) -> QAction:
            act = kept(QAction(self), "MainWindow", text=text, toolTip=tip)
            act.setCheckable(True)
            self.mode_group.addAction(act)
            bar.addAction(act)
            return act

        self.identify_action = mode(
            QT_TRANSLATE_NOOP("MainWindow", "Identify"),
            QT_TRANSLATE_NOOP("MainWindow", "Click a feature to see its attributes and results"),
        )
        self.select_districts_action = mode(
            QT_TRANSLATE_NOOP("MainWindow", "Select districts"),
            QT_TRANSLATE_NOOP("MainWindow", "While on, clicking in the 3D view ticks or unticks a district."),
        )
        self.measure_action = mode(
            QT_TRANSLATE_NOOP("MainWindow", "Measure"),
            QT_TRANSLATE_NOOP(
                "MainWindow",
                "Click two or more points to measure the distance along them on the map; Esc clears",
            ),
        )
        self.identify_action.setChecked(True)
        self.mode_group.triggered.connect(lambda _act: self._clear_measure())
        self._measure_points: list[tuple[float, float, float]] = []

    def fit_docks(self) -> None:
        """Keep most of a small window for the 3D view: side panels take at most about 40 % of it."""
        width = self.width()
        left = [d for d in self.docks if self.dockWidgetArea(d) == Qt.DockWidgetArea.LeftDockWidgetArea]
        right = [d for d in self.docks if self.dockWidgetArea(d) == Qt.DockWidgetArea.RightDockWidgetArea]
        shown_left = [d for d in left if d.isVisible() and not d.isFloating()]
        shown_right = [d for d in right if d.isVisible() and not d.isFloating()]
        sizes = {id(d): max(150, min(320, int(0.17 * width))) for d in shown_left}
        sizes.update({id(d): max(190, min(420, int(0.23 * width))) for d in shown_right})
        docks = [d for d in shown_left + shown_right if d.width() > sizes[id(d)]]
        if docks:
            self.resizeDocks(docks, [sizes[id(d)] for d in docks], Qt.Orientation.Horizontal)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self.fit_docks)  # once the docks have their new geometry

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.fit_docks)

    def go_home(self) -> None:
        if self.view is not None:
            self.view.home()

    def _clear_measure(self) -> None:
        self._measure_points = []
        if self.plotter is not None:
            from twin_app.scene.measure import draw_measure

            draw_measure(self.plotter, [])
            self.request_render()

    def measure_click(self, x: int, y: int) -> float | None:
        """Add the ground point at display pixel (x, y) to the measured line; return its length (m)."""
        from twin_app.scene.measure import describe_distance, draw_measure, ground_distance, world_at

        point = world_at(self.plotter, x, y)
        if point is None:
            self.statusBar().showMessage(self.tr("Click on the city to measure."), 3000)
            return None
        self._measure_points.append(point)
        draw_measure(self.plotter, self._measure_points)
        self.request_render()
        pts = self._measure_points
        total = sum(ground_distance(a, b) for a, b in pairwise(pts))
        if len(pts) == 1:
            self.statusBar().showMessage(self.tr("Measure: click the next point (Esc clears)."))
        else:
            self.statusBar().showMessage(
                self.tr("Distance on the map: {distance} (Esc clears)").format(
                    distance=describe_distance(total)
                )
            )
        return total

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Escape and self._measure_points:
            self._clear_measure()
            self.statusBar().showMessage(self.tr("Measurement cleared."), 3000)
            return
        super().keyPressEvent(event)

    # -- 3D view ----------------------------------------------------------
    def ensure_plotter(self) -> Any:
        """Create the embedded VTK view on first need (its import is the slow part)."""
        if self.plotter is None:
            from twin_app.scene.render import check_opengl

            check_opengl()
            from twin_app.qt.view_widget import CityViewWidget

            self.statusBar().showMessage(self.tr("Starting the 3D view…"))
            self.plotter = CityViewWidget(self, auto_update=False)
            self.plotter.files_dropped.connect(self.handle_dropped)
            self.setCentralWidget(self.compare_views.holder(self.plotter.interactor))
            self.plotter.iren.add_observer("LeftButtonPressEvent", self._on_press)
            self.plotter.iren.add_observer("LeftButtonReleaseEvent", self._on_release)
            from twin_app.scene.keys import install_safe_keys
            from twin_app.scene.quality import tune_for_interaction

            self.plotter.render()  # a first frame gives the OpenGL context its renderer's name
            tune_for_interaction(self.plotter)

            install_safe_keys(self.plotter, {k: self.go_home for k in ("Home", "h", "r")})
        return self.plotter

    def request_render(self) -> None:
        """Redraw soon; while a city loads, at the end (and every few seconds for big cities)."""
        if self.loading:
            if not self._render_timer.isActive():
                self._render_timer.start(PROGRESSIVE_REDRAW_MS)
        else:
            self._render_timer.start(50)

    def _render_now(self) -> None:
        if self.plotter is not None:
            self.plotter.render()

    def _render_live(self) -> None:
        """The live frame timer's one redraw: what its updates asked for, now rather than 50 ms later.

        A repaint of the view draws the scene once; ``plotter.render()`` would
        draw it and then schedule a repaint that draws it again (pyvistaqt's
        widget always renders when painted), twice the cost for one frame.
        """
        if self.loading or self.plotter is None:
            return  # a loading city is redrawn on its own schedule (``request_render``)
        self._render_timer.stop()
        self.plotter.interactor.update()

    def _event_xy(self) -> tuple[int, int]:
        x, y = self.plotter.iren.interactor.GetEventPosition()
        return int(x), int(y)

    def _on_press(self, *_: Any) -> None:
        self._press = self._event_xy()

    def _on_release(self, *_: Any) -> None:
        if self._press is None:
            return
        x, y = self._event_xy()
        if abs(x - self._press[0]) + abs(y - self._press[1]) <= CLICK_TOLERANCE_PX:
            self.pick(x, y)
        self._press = None

    def add_click_mode(self, action: QAction, handler: Callable[[int, int], None]) -> QAction:
        """Make ``action`` a click tool: while it is checked, a click in 3D calls ``handler(x, y)``.

        (x, y) are display pixels, origin bottom-left, as VTK gives them.  The
        tool joins the mode toolbar's group, so one click mode is on at a time.
        """
        action.setCheckable(True)
        self.mode_group.addAction(action)
        self._click_modes[action] = handler
        return action

    def map_point_at(self, x: int, y: int) -> tuple[float, float] | None:
        """The ground point under display pixel (x, y) in the city's CRS; None over the sky."""
        from twin_app.scene.measure import ground_at, world_at

        if self.plotter is None or self.model is None:
            return None
        point = world_at(self.plotter, x, y) or ground_at(self.plotter, x, y)  # an empty lot: the ground
        if point is None:
            return None
        return point[0] + self.model.origin[0], point[1] + self.model.origin[1]

    def pick(self, x: int, y: int) -> dict[str, Any] | None:
        """Show the attributes of the feature at display pixel (x, y)."""
        if self.view is None:
            return None
        checked = self.mode_group.checkedAction()
        if checked in self._click_modes:
            self._click_modes[checked](x, y)
            return None
        if self.measure_action.isChecked():
            self.measure_click(x, y)
            return None
        if self.select_districts_action.isChecked():
            name = self.view.district_at(x, y)
            if name is not None:
                self.districts.toggle(name)
                chosen = self.districts.selected()
                self.statusBar().showMessage(
                    self.tr("Districts: {names}").format(names=", ".join(chosen))
                    if chosen
                    else self.tr("Districts: all"),
                    5000,
                )
            return None
        if self.feedback.pick(x, y):  # a resident's pin: its row in the Feedback dock
            return None
        picked = self.view.pick_at(x, y)
        if picked is None:
            self.statusBar().showMessage(self.tr("Nothing to identify there."), 3000)
            return None
        self.info.show_attributes(picked.attributes)
        self.info.parentWidget().raise_()  # its tab may be behind the results
        self.statusBar().showMessage(
            self.tr("{layer}: feature {feature}").format(
                layer=picked.layer.display_title(), feature=picked.feature
            ),
            5000,
        )
        return picked.attributes

    # -- opening ----------------------------------------------------------
    def open_target(self, target: str | None) -> None:
        kind, value = open_target_kind(target)
        if kind == "file":
            self.open_city(None)
            self.open_files([Path(str(value))])
        else:
            self.open_city(value)

    def open_city(self, city: str | Path | None) -> bool:
        from twin_app.core.loading import open_city_model
        from twin_app.scene.render import check_opengl

        self.cancel_loading(wait=False)
        self._stop_live()
        self.compare_views.leave()
        self.comparison.forget()
        try:
            model = open_city_model(city)
            check_opengl()
        except TwinError as exc:
            self._error(self.tr("The city could not be opened"), str(exc))
            return False
        if self.workshop.project is not None:
            city = self.workshop.project.city_folder
            if city is None or Path(city).resolve() != Path(model.manifest.folder).resolve():
                self.workshop.close_project(save=True)  # a project belongs to its city
        self.model = model
        self.city_ready = False
        self.analysis_params: dict[str, dict[str, Any]] = {}
        self.problems = []
        # Starting the loader before the 3D view was measured not to help: the
        # view's import holds the GIL, so both just take longer (benchmarks/bench_startup.py).
        plotter = self.ensure_plotter()
        from twin_app.scene.view import SceneView

        plotter.clear()
        self.view = SceneView(plotter, model, request_render=self.request_render)
        self.legend_dock.follow(self.view)
        self.layers.set_model(model)
        model.subscribe(self._on_model_change)
        self.districts.set_districts([])
        self.districts.clear_result()
        self.last_result = None
        self.info.setRowCount(0)
        self.setWindowTitle(f"{model.manifest.display_title()} — twin_app")
        self.attribution.setText("\n".join(model.credits()))
        self._run(
            LoadWorker(model.manifest), self.tr("Loading {city}").format(city=model.manifest.display_title())
        )
        for spec in getattr(model.manifest, "feeds", ()):
            self.start_feed(spec, model.manifest.folder)  # stored while the city loads, drawn once it has
        return True

    def open_files(self, paths: list[Path]) -> None:
        if self.model is None and not self.open_city(None):
            return
        assert self.model is not None
        # queued behind whatever runs (a load, an analysis): the window never waits on a thread
        names = ", ".join(p.name for p in paths[:3]) + ("…" if len(paths) > 3 else "")
        self._run(
            LoadWorker(self.model.manifest, files=paths), self.tr("Opening {files}").format(files=names)
        )

    def _run(self, worker: LoadWorker, title: str) -> None:
        self.jobs.submit(
            worker,
            title,
            layer_ready=self._on_layer,
            problem=self._on_problem,
            finished=self._on_finished,
        )

    def _on_model_change(self, change: Any, layer: Any) -> None:
        from twin_app.core.params import district_names

        if self.model is not None and layer is self.model.districts:
            self.districts.set_districts(district_names(self.model))

    def _on_district_selection(self, names: list[str]) -> None:
        if self.view is not None:
            self.view.highlight_districts(names)

    # -- analyses ---------------------------------------------------------
    def ask_run_analysis(self, analysis_id: str) -> Any:
        """Open the analysis's generated dialog; run it when the user confirms."""
        from twin_app.core.plugins import PluginError, default_plugins
        from twin_app.qt.param_dialog import ParamDialog

        if self.model is None or self.loading:
            self._error(
                self.tr("Not ready"),
                self.tr("Wait until the city has finished loading, then run the analysis."),
            )
            return None
        try:
            manifest = default_plugins().get(analysis_id)
        except PluginError as exc:
            self._error(self.tr("The analysis is not available"), str(exc))
            return None
        dialog = ParamDialog(manifest, self.model, selected_districts=self.districts.selected(), parent=self)
        self.param_dialog = dialog
        dialog.accepted.connect(lambda: self.run_analysis(analysis_id, dialog.raw_values()))
        dialog.open()
        return dialog

    def run_analysis(self, analysis_id: str, raw_params: dict[str, Any]) -> None:
        from twin_app.qt.workers import AnalysisWorker

        assert self.model is not None
        worker = AnalysisWorker(analysis_id, self.model, raw_params)
        self.analysis_params[analysis_id] = dict(raw_params)
        self.comparison.started(analysis_id, raw_params)  # followed through the scenario's edits
        self.last_analysis_error: str | None = None
        self.jobs.submit(
            worker,
            self.tr("Analysis {name}").format(name=analysis_id),
            done=self._on_analysis_done,
            failed=self._on_analysis_failed,
            finished=self._on_analysis_finished,
        )

    def _on_analysis_done(self, result: Any) -> None:
        if self.model is None:
            return
        for layer in result.layers:
            self.model.add_result_layer(layer)  # replaces an earlier result, never a city layer
        self.last_result = result
        self.comparison.finished(result)
        self.districts.show_result(result)
        self.districts.parentWidget().raise_()

    def _on_analysis_failed(self, message: str) -> None:
        self.last_analysis_error = message
        self.messages.add("problem", self.tr("Analysis"), message)
        self._error(self.tr("The analysis could not finish"), message)

    def _on_analysis_finished(self, cancelled: bool) -> None:
        self.statusBar().showMessage(
            self.tr("Analysis cancelled.") if cancelled else self.tr("Analysis finished."), 8000
        )
        self.analysis_cancelled = cancelled

    def _on_layer(self, layer: Any) -> None:
        if self.model is not None:
            self.model.add_layer(layer)
            self.attribution.setText("\n".join(self.model.credits()))

    def _on_problem(self, problem: LayerProblem) -> None:
        self.problems.append(problem)
        self._pending_problems.append(problem)
        self.messages.add("problem", problem.title, problem.message)
        if self.model is not None:
            self.model.problems.append(problem)

    def _on_finished(self, cancelled: bool) -> None:
        if not self.city_ready and self.model is not None:
            self.city_ready = True
            self.workshop.city_loaded()
        if self.live is not None:
            self.live.start()
        self._render_timer.stop()
        if self.view is not None:
            self.view.rehome_if_untouched()
        self._render_now()
        n = len(self.model.layers) if self.model else 0
        self.statusBar().showMessage(
            self.tr("Loading cancelled.")
            if cancelled
            else self.tr("Ready. Layers: {count}.").format(count=n),
            8000,
        )
        if self._pending_problems:
            from twin_app.qt.dialogs import show_problems

            self.problem_box = show_problems(
                self, self.tr("Some data could not be loaded"), [p.message for p in self._pending_problems]
            )
            self._pending_problems = []

    @property
    def loading(self) -> bool:
        """True from the start of a load, import or analysis until the last queued one is applied."""
        return self.jobs.busy

    @property
    def idle(self) -> bool:
        """Nothing left to happen by itself: the city loaded, no job running or queued, no re-run pending.

        A re-run after a scenario edit waits a moment for more edits before it
        becomes a job, so ``loading`` alone can be False just before work starts.
        """
        return self.city_ready and not self.loading and not self.comparison.busy

    def cancel_loading(self, *, wait: bool = True) -> None:
        """Stop the running job and drop the waiting ones; ``wait`` (closing, tests) joins their threads."""
        self.jobs.cancel_all(detach=True)
        if wait:
            self.jobs.wait_all()
            QApplication.processEvents()

    # -- actions ----------------------------------------------------------
    def _ask_open_city(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open a city folder (with city.toml)"))
        if folder:
            self.open_city(folder)

    def _ask_open_file(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Open data files"),
            "",
            self.tr("Data ({patterns});;All files (*)").format(patterns=self._file_patterns()),
        )
        if paths:
            self.open_files([Path(p) for p in paths])

    def ask_import_table(self) -> Any:
        """File → Import table…: join a table to a city layer (twin_app.qt.table_dialog)."""
        from twin_app.qt.table_dialog import ask_import_table

        return ask_import_table(self)

    def _ask_connect_feed(self) -> Any:
        """The Connect feed dialog; on Connect the feed is started (stored, then drawn)."""
        from twin_app.qt.connect_feed import ConnectFeedDialog

        dialog = ConnectFeedDialog(parent=self)
        self.connect_feed_dialog = dialog

        def connect() -> None:
            start = getattr(self, "start_feed", None)
            if dialog.spec is None:
                return
            if start is None:
                self._error(
                    self.tr("Feeds"),
                    self.tr("This window cannot start feeds yet; ingest it with 'twin-app feed ingest'."),
                )
                return
            start(dialog.spec)

        dialog.accepted.connect(connect)
        dialog.open()
        return dialog

    @staticmethod
    def _file_patterns() -> str:
        """The file patterns of every installed layer kind (plugins' too), for the Open dialog."""
        from twin_app.core.kinds import default_registry

        patterns: set[str] = set()
        for manifest in default_registry().manifests():
            patterns.update(manifest.patterns)
        return " ".join(sorted(patterns))

    def _ask_new_city(self, reuse: bool = False) -> None:
        from twin_app.qt.dialogs import NewCityDialog
        from twin_app.qt.workers import ImportWorker

        dialog = getattr(self, "new_city_dialog", None) if reuse else None
        if dialog is None:
            dialog = self.new_city_dialog = NewCityDialog(self)
        if dialog.exec() != NewCityDialog.DialogCode.Accepted:
            return
        try:
            request = dialog.request()
        except TwinError as exc:
            self._import_failed(str(exc))
            return
        worker = ImportWorker(request, dialog.dest.path())
        self.jobs.submit(
            worker,
            self.tr("Building the city {name}").format(name=request.name),
            done=self._on_import_done,
            failed=self._import_failed,
        )

    def _on_import_done(self, folder: Path) -> None:
        QTimer.singleShot(0, lambda: self.open_city(folder))

    def _import_failed(self, message: str) -> None:
        """Say why, then bring the same dialog back with everything the user typed."""
        self.messages.add("problem", self.tr("New city"), message)
        QMessageBox.warning(self, self.tr("The city could not be created"), message)
        QTimer.singleShot(0, lambda: self._ask_new_city(reuse=True))

    def _ask_export(self) -> None:
        from twin_app.qt.export import ask_export_size

        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export view"), "view.png", self.tr("PNG image (*.png)")
        )
        if path and self.view is not None:
            size = ask_export_size(self, tuple(self.view.plotter.window_size))  # type: ignore[arg-type]
            if size is not None:
                try:
                    self.export_png(Path(path), size=size)
                except TwinError as exc:
                    self._error(self.tr("The view could not be exported"), str(exc))

    def export_png(self, path: Path, *, size: tuple[int, int] | None = None) -> Path:
        """Write the 3D view (with its legend, furniture and credits) to a PNG file, at ``size`` if given."""
        if self.view is None:
            raise TwinError(self.tr("There is no view to export yet: open a city first."))
        from twin_app.scene.render import export_view, export_view_at

        if size is None:
            export_view(self.view, path)
        else:
            export_view_at(self.view, path, size)
        self.statusBar().showMessage(self.tr("Saved {path}").format(path=path), 5000)
        return path

    def ask_export_gltf(self, path: Path | None = None) -> Path | None:
        """File → Export scene as glTF…: what the view shows as binary glTF (docs/reports.md)."""
        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export scene"), "city.glb", self.tr("Binary glTF (*.glb)")
            )
            path = Path(name) if name else None
        if path is None or self.view is None:
            return None
        from twin_app.scene.gltf import export_gltf

        try:
            out = export_gltf(self.view, path if path.suffix else path.with_suffix(".glb"))
        except TwinError as exc:
            self._error(self.tr("The scene could not be exported"), str(exc))
            return None
        self.statusBar().showMessage(self.tr("Saved {path}").format(path=out), 8000)
        self.messages.add(
            "info", self.tr("Export scene"), self.tr("The scene was saved to {path}.").format(path=out)
        )
        return out

    def ask_report(self, path: Path | None = None) -> Any:
        """File → Report…: the PDF report on this city, made off the window (docs/reports.md).

        With a project open: the project as saved now, and its active scenario
        beside the baseline with the residents' pins (names left out).
        """
        from twin_app.qt.report_job import ReportWorker

        if self.model is None or self.loading:
            self._error(
                self.tr("Not ready"),
                self.tr("Wait until the city has finished loading, then make the report."),
            )
            return None
        if path is None:
            default = f"{self.model.manifest.name}-report.pdf"
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("Report"), default, self.tr("PDF document (*.pdf)")
            )
            path = Path(name) if name else None
        if path is None:
            return None
        out = path if path.suffix else path.with_suffix(".pdf")

        def saved(written: Path) -> None:
            said = self.tr("The report was saved to {path}.").format(path=written)
            self.statusBar().showMessage(said, 15000)
            self.messages.add("info", self.tr("Report"), said)

        def failed(message: str) -> None:
            self.messages.add("problem", self.tr("Report"), message)
            self._error(self.tr("The report could not be made"), message)

        source, scenario = self.model.manifest.folder, None
        session = self.workshop
        if session.project is not None and session.save():  # the report reads the saved file
            source, scenario = session.project.path, session.scenario
        from twin_app.core.i18n import language

        # the parameters each analysis was last run with here: the report's numbers are the window's
        worker = ReportWorker(source, out, scenario=scenario, lang=language(), params=self.analysis_params)
        return self.jobs.submit(worker, self.tr("Report"), done=saved, failed=failed)

    def _show_sources(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Data sources and licences"),
            self.sources_html(),
            parent=self,
        )
        box.setObjectName("sources")
        self.sources_box = box
        box.open()

    def sources_html(self) -> str:
        """Help → Data sources: every credit, then each file with its layers and its source."""
        from html import escape

        if self.model is None:
            return self.tr("No city is open.")
        m = self.model.manifest
        lines = [f"<b>{escape(m.display_title())}</b>", *(escape(a) for a in m.attribution), ""]
        lines.append("<b>" + escape(self.tr("Files")) + "</b>")
        for src in self.model.sources():
            credit = (
                src["attribution"]
                or "<i>" + escape(self.tr("source and licence not stated: see the file's own notes")) + "</i>"
            )
            lines.append(
                f"{escape(str(src['file']))} ({escape(str(src['layers']))}): "
                + (escape(credit) if src["attribution"] else credit)
            )
        if m.licences:
            lines += ["", "<b>" + escape(self.tr("Licences")) + "</b>"]
            lines += [
                escape(f"{lic.get('data', '')}: {lic.get('licence', '')} ({lic.get('file', '')})")
                for lic in m.licences
            ]
        return "<br>".join(lines)

    def _error(self, title: str, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, parent=self)
        box.setObjectName("error")
        self.error_box = box
        box.open()

    # -- drag and drop ----------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        event.acceptProposedAction()
        self.handle_dropped(paths)

    def handle_dropped(self, paths: list[Path]) -> None:
        cities = [p for p in paths if p.is_dir() or p.name == "city.toml"]
        if cities:
            self.open_city(cities[0])
            return
        if paths:
            self.open_files(paths)

    # -- live feeds -----------------------------------------------------
    def _build_live_widgets(self) -> None:
        """The feed panel, the time bar and the simulated-data notice: hidden until a feed starts."""
        import datetime as dt

        from twin_app.core.live.clock import Clock
        from twin_app.qt.feeds import FeedPanel
        from twin_app.qt.live import LiveSession
        from twin_app.qt.timebar import TimeBar

        self.live: LiveSession | None = None
        self.feed_panel = FeedPanel()
        self.feeds_dock = kept(
            QDockWidget(self), "MainWindow", windowTitle=QT_TRANSLATE_NOOP("MainWindow", "Live feeds")
        )
        self.feeds_dock.setObjectName("feeds_dock")
        self.feeds_dock.setWidget(self.feed_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.feeds_dock)
        # a tab beside the feature's: wide enough for its numbers; a click on a feature raises the other
        info = self.findChild(QDockWidget, "info_dock")
        if info is not None:
            self.tabifyDockWidget(info, self.feeds_dock)
        self.feeds_dock.hide()
        self.docks.append(self.feeds_dock)
        self.timebar = TimeBar(Clock(time=dt.datetime.now(dt.UTC)))
        self.time_toolbar = kept(
            QToolBar(self), "MainWindow", windowTitle=QT_TRANSLATE_NOOP("MainWindow", "Time")
        )
        self.time_toolbar.setObjectName("time_toolbar")
        self.time_toolbar.setMovable(False)
        self.time_toolbar.addWidget(self.timebar)
        self.addToolBar(Qt.ToolBarArea.BottomToolBarArea, self.time_toolbar)
        self.time_toolbar.hide()
        self.simulated_label = QLabel()
        self.simulated_label.setObjectName("simulated")
        self.simulated_label.setStyleSheet("background: #fff3c4; color: #5a4a00; padding: 1px 6px;")
        self.statusBar().addPermanentWidget(self.simulated_label)
        self.simulated_label.hide()

    def start_feed(self, spec: Any, folder: Path | None = None) -> bool:
        """Start a feed (a city's, or one the user connects): stored from now on, drawn on the clock.

        ``folder`` is where a relative source path is read from (the city's
        folder for its own feeds).  A feed that cannot start is reported in
        the Messages panel and the status bar; the others keep running.
        """
        if self.model is None:
            self._error(
                self.tr("No city is open"), self.tr("Open a city first, then connect the feed to it.")
            )
            return False
        live = self._live_session()
        try:
            live.start_feed(spec, folder)
        except (TwinError, OSError, ValueError) as exc:
            self.messages.add("problem", spec.title, str(exc))
            self.statusBar().showMessage(
                self.tr("The feed {name} could not start: {reason}").format(name=spec.title, reason=exc),
                10000,
            )
            return False
        if not self.feeds_dock.isVisible():
            self.feeds_dock.show()
            self.feeds_dock.raise_()
        self.time_toolbar.show()
        self._show_simulated()
        if not self.loading:
            self.live.start()
        return True

    def _show_simulated(self) -> None:
        """The status bar's notice of simulated feeds, in the current language (again when it changes)."""
        if self.live is None:
            return
        simulated = self.live.simulated()
        titles = self.live.simulated_titles()
        self.simulated_label.setText(
            self.tr("Simulated data shown, not real-time: {feeds}").format(feeds="; ".join(titles))
            if titles
            else ""
        )
        self.simulated_label.setToolTip("\n\n".join(simulated))
        self.simulated_label.setVisible(bool(simulated))

    def _live_session(self) -> Any:
        """The open city's live session (its store, playback and clock), made on first use."""
        from twin_app.qt.live import LiveSession, live_store_path

        if self.live is None:
            assert self.model is not None
            self.live = LiveSession(
                self.model,
                live_store_path(self.model.manifest.name),
                panel=self.feed_panel,
                timebar=self.timebar,
                render=self._render_live,
                alert=lambda source, text: self.messages.add("warning", source, text),
                render_window=getattr(self.plotter, "render_window", None),
                parent=self,
            )
        return self.live

    @property
    def live_store(self) -> Path | None:
        """Where the open city's observations (feeds and time-stamped tables) are stored."""
        from twin_app.qt.live import live_store_path

        return None if self.model is None else live_store_path(self.model.manifest.name)

    def play_in_time(self, item: Any) -> None:
        """Put a time-varying item (a time-stamped table's series) on the time bar with the feeds."""
        live = self._live_session()
        live.playback.add(item)
        self.time_toolbar.show()
        if not self.loading:
            live.start()

    def _stop_live(self) -> None:
        """Stop every feed of the open city (what they acknowledged is stored) and hide the live widgets."""
        if self.live is None:
            return
        self.live.stop()
        self.live = None
        self.feeds_dock.hide()
        self.time_toolbar.hide()
        self.simulated_label.hide()

    def changeEvent(self, event: Any) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            from twin_app.qt.i18n import retranslate_kept

            retranslate_kept(self)  # menus, actions, docks, toolbars (twin_app/qt/i18n.py)
            model = getattr(self, "model", None)
            if model is not None:  # the city's title in the new language (twin_app/core/titles.py)
                self.setWindowTitle(f"{model.manifest.display_title()} — twin_app")
            self._show_simulated()
        super().changeEvent(event)

    def closeEvent(self, event: Any) -> None:
        self.workshop.close_project(save=True)
        self._stop_live()
        self.cancel_loading(wait=True)
        if self.plotter is not None:
            self.plotter.close()
        super().closeEvent(event)
