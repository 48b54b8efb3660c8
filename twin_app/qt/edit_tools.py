"""Editing a scenario with the mouse: the "Edit scenario" toolbar and its click modes.

Each tool turns clicks in the 3D view into one scenario edit
(:mod:`twin_app.core.scenario`) and hands it to the window's workshop
session (``window.workshop.edit``), which journals it in the project, puts
it on the undo stack and brings the shown model in step.  The tools never
touch a layer: the baseline stays as it was loaded, and undo and redo work
for every tool without any code here.

Clicks are snapped (:mod:`twin_app.core.snapping`) to what the facilitator
meant: a new stop lands on the nearest street of the walking network, a
car-free street is the nearest street cars drive on, a click near a stop or
a tree picks it.  The tolerance is a few metres, or a few pixels' worth when
the camera is far away, so a click still finds the street on a zoomed-out
view of the whole city.

Where a stop would go is shown before the click by a marker that follows
the mouse (snapped, as the click will be), when the OpenGL draws in
hardware; on a software OpenGL (many hall laptops, virtual machines) each
redraw takes about a second, so there the stop is shown on the click, where
it appears at once at its snapped place.

Several-click tools (a line, a green area) draw their points as they come;
a double-click or Enter finishes them, Esc drops them.  The toolbar is shown
only while a project is open and a scenario other than the baseline is
active: the baseline is never edited.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QToolBar

from twin_app.core.i18n import format_number
from twin_app.core.layers import HEIGHT_COLUMN, STOP_ID_COLUMN
from twin_app.core.scenario import (
    TREES_LAYER,
    AddGreenArea,
    AddLine,
    AddStop,
    AddTrees,
    Edit,
    LineStop,
    MarkCarFree,
    MoveStop,
    RemoveGreenArea,
    RemoveStop,
    RemoveTrees,
    SetBuildingHeight,
    SetBuildingUse,
)
from twin_app.core.snapping import (
    STOP_TOLERANCE_M,
    STREET_TOLERANCE_M,
    TREE_TOLERANCE_M,
    FeatureHit,
    Snapper,
    stops_layer,
)
from twin_app.qt.edit_dialogs import MODES, BuildingDialog, LineDialog, mode_title

#: the marker following the mouse moves at most this often (milliseconds)
HOVER_MS = 40
#: a click within this many pixels of a street, stop or tree finds it even when that is many metres
SNAP_PIXELS = 14


class EditTools(QObject):
    """The "Edit scenario" toolbar: one click mode per kind of edit, all through ``window.workshop``."""

    #: an edit was handed to the workshop (accepted or refused): the tool's name
    clicked = Signal(str)

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.workshop = window.workshop
        self._snapper: Snapper | None = None
        self._points: list[tuple[float, float]] = []
        self._line: list[LineStop] = []
        self._moving: FeatureHit | None = None
        self._double_clicked = False
        self._watching = False
        #: a marker follows the mouse where a click would put a stop; None: decided by the OpenGL
        #: (off on a software one, where each redraw takes about a second)
        self.hover_preview: bool | None = None
        self._hover: tuple[float, float] | None = None
        self._hover_at: tuple[int, int] | None = None
        self._hover_timer = QTimer(self)
        self._hover_timer.setSingleShot(True)
        self._hover_timer.setInterval(HOVER_MS)
        self._hover_timer.timeout.connect(self._hover_now)
        self._counter = 0
        self.line_dialog: LineDialog | None = None
        self.building_dialog: BuildingDialog | None = None

        bar = self.toolbar = QToolBar(window)
        bar.setObjectName("edit_toolbar")
        # a row of its own: beside the view and workshop tools its last tools fell into the overflow menu
        window.addToolBarBreak()
        window.addToolBar(bar)
        handlers: dict[str, Callable[[int, int], None]] = {
            "add_stop": self.add_stop,
            "move_stop": self.move_stop,
            "remove_stop": self.remove_stop,
            "add_line": self.add_line_point,
            "add_trees": self.add_tree,
            "remove_trees": self.remove_tree,
            "green_area": self.add_area_point,
            "remove_green": self.remove_green_area,
            "building": self.edit_building,
            "car_free": self.car_free,
        }
        self.actions: dict[str, QAction] = {}
        for name, handler in handlers.items():
            act = QAction(window)
            act.setObjectName(f"edit:{name}")
            window.add_click_mode(act, handler)
            act.toggled.connect(self._on_tool_toggled)
            bar.addAction(act)
            self.actions[name] = act
        bar.addSeparator()
        self.mode_label = QLabel()
        bar.addWidget(self.mode_label)
        self.mode = QComboBox()
        self.mode.setObjectName("edit_stop_mode")
        for mode in MODES:
            self.mode.addItem(mode, mode)
        bar.addWidget(self.mode)
        self.finish_action = QAction(window)
        self.finish_action.setObjectName("edit:finish")
        self.finish_action.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        self.finish_action.triggered.connect(self.finish)
        self.cancel_action = QAction(window)
        self.cancel_action.setObjectName("edit:cancel")
        self.cancel_action.setShortcut(QKeySequence("Escape"))
        self.cancel_action.triggered.connect(self.cancel)
        bar.addAction(self.finish_action)
        bar.addAction(self.cancel_action)
        self.retranslate()
        window.installEventFilter(self)  # its LanguageChange: the toolbar's texts follow
        self._update_sketch_actions()

        self.workshop.project_changed.connect(self.update_visibility)
        self.workshop.scenario_changed.connect(self.update_visibility)
        self.workshop.edited.connect(self._on_edited)
        self.workshop.scenario_changed.connect(self.show_car_free)
        self.update_visibility()

    def _texts(self) -> dict[str, tuple[str, str]]:
        """Each tool's name and what it does, in the current language."""
        return {
            "add_stop": (self.tr("Add stop"), self.tr("Click near a street: a new stop is placed on it")),
            "move_stop": (self.tr("Move stop"), self.tr("Click a stop, then its new place on a street")),
            "remove_stop": (self.tr("Remove stop"), self.tr("Click a stop to remove it")),
            "add_line": (
                self.tr("Add line"),
                self.tr("Click stops or street points in order; double-click or Enter finishes, Esc cancels"),
            ),
            "add_trees": (self.tr("Add trees"), self.tr("Each click plants a tree")),
            "remove_trees": (self.tr("Remove trees"), self.tr("Click a tree to remove it")),
            "green_area": (
                self.tr("Draw green area"),
                self.tr("Click the corners of a park; double-click or Enter closes it, Esc cancels"),
            ),
            "remove_green": (
                self.tr("Remove green area"),
                self.tr("Click a park or green area to remove it"),
            ),
            "building": (
                self.tr("Building height / use"),
                self.tr("Click a building to change its height or use"),
            ),
            "car_free": (self.tr("Car-free street"), self.tr("Click a street to make it car-free")),
        }

    def retranslate(self) -> None:
        """Set every text of the toolbar in the current language (at start and at each language change)."""
        self.toolbar.setWindowTitle(self.tr("Edit scenario"))
        for name, (text, tip) in self._texts().items():
            act = self.actions[name]
            act.setText(text)
            act.setToolTip(tip)
            act.setStatusTip(tip)
        self.mode_label.setText(self.tr("New stops:"))
        self.mode.setToolTip(self.tr("The mode of the stops the Add stop tool places"))
        for i in range(self.mode.count()):
            self.mode.setItemText(i, mode_title(str(self.mode.itemData(i))))
        self.finish_action.setText(self.tr("Finish"))
        self.finish_action.setToolTip(self.tr("Finish the line or the green area being drawn (Enter)"))
        self.cancel_action.setText(self.tr("Cancel"))
        self.cancel_action.setToolTip(self.tr("Drop what is being drawn (Esc)"))

    # -- state -----------------------------------------------------------------------------------
    @property
    def editing(self) -> bool:
        """True while a project is open and a scenario (not the baseline) is active."""
        return self.workshop.project is not None and self.workshop.scenario is not None

    def update_visibility(self) -> None:
        """Show the toolbar only when there is a scenario to edit; leave any edit tool when hidden."""
        editing = self.editing
        self._watch_view()
        self.toolbar.setVisible(editing)
        for act in self.actions.values():
            act.setEnabled(editing)
            if not editing and act.isChecked():
                self.window.identify_action.setChecked(True)
        self.cancel()

    def active_tool(self) -> str | None:
        return next((name for name, act in self.actions.items() if act.isChecked()), None)

    def _on_tool_toggled(self, _checked: bool) -> None:
        self.cancel()

    def _on_edited(self) -> None:
        self._update_sketch_actions()
        self.show_car_free()

    def show_car_free(self) -> int:
        """Mark the shown model's car-free streets in 3D (the street mesh itself has no such colour).

        Returns how many street edges are marked.
        """
        from twin_app.core.layers import NetworkLayer
        from twin_app.core.scenario import CAR_FREE_COLUMN
        from twin_app.scene.sketch import draw_car_free

        plotter, model = self.window.plotter, self.window.model
        if plotter is None or model is None:
            return 0
        geometries: list[Any] = []
        for layer in model.layers.values():
            if isinstance(layer, NetworkLayer) and CAR_FREE_COLUMN in layer.frame.columns:
                chosen = layer.frame[CAR_FREE_COLUMN].fillna(False).to_numpy(dtype=bool)
                geometries.extend(layer.frame.geometry.to_numpy()[chosen])
        draw_car_free(plotter, geometries, model.origin)
        self.window.request_render()
        return len(geometries)

    @property
    def snapper(self) -> Snapper:
        """The snapper of the model shown now (its trees of unchanged layers are kept)."""
        model = self.window.model
        if self._snapper is None:
            self._snapper = Snapper(model)
        self._snapper.model = model
        return self._snapper

    # -- helpers ---------------------------------------------------------------------------------
    def _say(self, text: str, timeout: int = 6000) -> None:
        self.window.statusBar().showMessage(text, timeout)

    def _map(self, x: int, y: int) -> tuple[float, float] | None:
        point = self.window.map_point_at(x, y)
        if point is None:
            self._say(self.tr("Click on the city, not the sky."))
        return point

    def _tolerance(self, x: int, y: int, metres: float) -> float:
        """``metres``, or what :data:`SNAP_PIXELS` pixels cover at (x, y) when the view is far out."""
        here = self.window.map_point_at(x, y)
        there = self.window.map_point_at(x + SNAP_PIXELS, y)
        if here is None or there is None:
            return metres
        return max(metres, math.dist(here, there))

    def _edit(self, tool: str, edit: Edit) -> bool:
        done = bool(self.workshop.edit(edit))
        self.clicked.emit(tool)
        if done:
            self._say(self.tr("Done: {what}. Undo with Ctrl+Z.").format(what=edit.describe()))
        return done

    def _new_id(self, prefix: str, taken: set[str]) -> str:
        while True:
            self._counter += 1
            candidate = f"{prefix}{self._counter}"
            if candidate not in taken:
                return candidate

    def _stop_ids(self) -> set[str]:
        layer = stops_layer(self.window.model)
        if layer is None or STOP_ID_COLUMN not in layer.frame.columns:
            return set()
        return set(layer.frame[STOP_ID_COLUMN].astype(str))

    def _snap_street(self, x: int, y: int, *, prefer: str = "walk") -> tuple[float, float] | None:
        point = self._map(x, y)
        if point is None:
            return None
        tolerance = self._tolerance(x, y, STREET_TOLERANCE_M)
        snap = self.snapper.street(*point, tolerance=tolerance, prefer=prefer)
        if snap is None:
            self._say(
                self.tr("No street within {metres} m of the click; click nearer a street.").format(
                    metres=format_number(tolerance, 0)
                )
            )
            return None
        return snap.x, snap.y

    def _pick_stop(self, x: int, y: int) -> FeatureHit | None:
        point = self._map(x, y)
        if point is None:
            return None
        hit = self.snapper.stop(*point, tolerance=self._tolerance(x, y, STOP_TOLERANCE_M))
        if hit is None:
            self._say(self.tr("No stop there; click on a stop."))
        return hit

    def _double_click(self) -> bool:
        """True when this click is the second of a double-click, as Qt judged it (see :meth:`eventFilter`)."""
        self._watch_view()
        seen, self._double_clicked = self._double_clicked, False
        return seen

    def _watch_view(self) -> None:
        """Watch the 3D view for double-clicks and mouse moves (it is made when the first city opens)."""
        plotter = self.window.plotter
        if plotter is not None and not self._watching:
            plotter.interactor.installEventFilter(self)
            plotter.iren.add_observer("MouseMoveEvent", self._on_mouse_move)
            self._watching = True

    # -- the marker following the mouse ----------------------------------------------------------
    def _wants_hover(self) -> bool:
        tool = self.active_tool()
        if not (tool in ("add_stop", "add_line") or (tool == "move_stop" and self._moving is not None)):
            return False
        if self.hover_preview is None:
            from twin_app.scene.quality import is_software

            render_window = getattr(self.window.plotter, "render_window", None)
            self.hover_preview = render_window is not None and not is_software(render_window)
        return bool(self.hover_preview)

    def _on_mouse_move(self, *_: Any) -> None:
        if not self._wants_hover():
            return
        x, y = self.window.plotter.iren.interactor.GetEventPosition()
        self._hover_at = (int(x), int(y))
        if not self._hover_timer.isActive():  # at most one preview per interval, at the latest place
            self._hover_timer.start()

    def _hover_now(self) -> None:
        if self._hover_at is not None and self._wants_hover():
            self.preview(*self._hover_at)

    def preview(self, x: int, y: int) -> tuple[float, float] | None:
        """Draw the marker where a click at (x, y) would put a stop (snapped); None and no marker: nowhere."""
        point = self.window.map_point_at(x, y)
        spot: tuple[float, float] | None = None
        if point is not None:
            if self.active_tool() == "add_line":
                hit = self.snapper.stop(*point, tolerance=self._tolerance(x, y, STOP_TOLERANCE_M))
                spot = (hit.x, hit.y) if hit is not None else None
            if spot is None:
                tolerance = self._tolerance(x, y, STREET_TOLERANCE_M)
                snap = self.snapper.street(*point, tolerance=tolerance)
                spot = (snap.x, snap.y) if snap is not None else None
        self._hover = spot
        self._draw()
        return spot

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Follow the window's language changes; note a double-click on the 3D view, and let it through.

        Qt sends a double-click as press, release, double-click press,
        release; the view (VTK) turns the second pair into one more click,
        which the tool then reads as "finish".  Qt's own judgement (the
        system's interval, the event times) is used, not the time the click
        is handled: a redraw on a slow machine may hold the second click back.
        """
        if watched is self.window:
            if event.type() == QEvent.Type.LanguageChange:
                self.retranslate()
            return False
        if event.type() == QEvent.Type.MouseButtonDblClick:
            self._double_clicked = True
        elif event.type() == QEvent.Type.MouseButtonPress:
            self._double_clicked = False
        return False

    def _draw(self) -> None:
        """Draw the points clicked so far (or the stop being moved) and the marker following the mouse."""
        from twin_app.scene.sketch import draw_marker, draw_sketch

        plotter = self.window.plotter
        model = self.window.model
        if plotter is None or model is None:
            return
        points = [(self._moving.x, self._moving.y)] if self._moving is not None else self._points
        draw_sketch(plotter, points, model.origin, closed=self.active_tool() == "green_area")
        draw_marker(plotter, self._hover, model.origin)
        self.window.request_render()

    def _update_sketch_actions(self) -> None:
        drawing = bool(self._points) or self._moving is not None
        self.finish_action.setEnabled(bool(self._points))
        self.cancel_action.setEnabled(drawing)

    # -- stops -----------------------------------------------------------------------------------
    def add_stop(self, x: int, y: int) -> None:
        """A new stop on the street nearest the click, served by the mode chosen in the toolbar."""
        point = self._snap_street(x, y)
        if point is None:
            return
        stop_id = self._new_id("new-", self._stop_ids())
        name = self.tr("New stop {number}").format(number=self._counter)
        self._edit("add_stop", AddStop(stop_id, name, point[0], point[1], (str(self.mode.currentData()),)))

    def move_stop(self, x: int, y: int) -> None:
        """First click: the stop; second click: its new place, snapped to the street."""
        if self._moving is None:
            self._moving = self._pick_stop(x, y)
            if self._moving is not None:
                self._say(
                    self.tr("Now click the new place of the stop {stop}.").format(stop=self._moving.key)
                )
                self._draw()
                self._update_sketch_actions()
            return
        point = self._snap_street(x, y)
        if point is None:
            return
        stop = self._moving
        self.cancel()
        self._edit("move_stop", MoveStop(stop.key, point[0], point[1], layer=stop.layer_id))

    def remove_stop(self, x: int, y: int) -> None:
        hit = self._pick_stop(x, y)
        if hit is not None:
            self._edit("remove_stop", RemoveStop(hit.key, layer=hit.layer_id))

    # -- lines -----------------------------------------------------------------------------------
    def add_line_point(self, x: int, y: int) -> None:
        """An existing stop near the click, else a new stop on the nearest street; a double-click finishes."""
        if self._double_click() and self._line:
            self.finish()
            return
        point = self._map(x, y)
        if point is None:
            return
        hit = self.snapper.stop(*point, tolerance=self._tolerance(x, y, STOP_TOLERANCE_M))
        if hit is not None:
            if self._line and self._line[-1].stop_id == hit.key:
                return
            self._line.append(LineStop(hit.key))
            self._points.append((hit.x, hit.y))
        else:
            snapped = self._snap_street(x, y)
            if snapped is None:
                return
            taken = self._stop_ids() | {s.stop_id for s in self._line}
            stop_id = self._new_id("new-", taken)
            name = self.tr("New stop {number}").format(number=self._counter)
            self._line.append(LineStop(stop_id, snapped[0], snapped[1], name))
            self._points.append(snapped)
        self._say(
            self.tr("{count} stops so far; double-click or press Enter to finish.").format(
                count=len(self._line)
            )
        )
        self._draw()
        self._update_sketch_actions()

    def _finish_line(self) -> None:
        if len(self._line) < 2:
            self._say(self.tr("A line needs at least two stops; click another one."))
            return
        stops = tuple(self._line)
        self.line_dialog = dialog = LineDialog(
            len(stops), self.tr("New line {number}").format(number=self._counter + 1), self.window
        )

        def accepted() -> None:
            line_id = self._new_id("line-", set())
            self.cancel()
            self._edit(
                "add_line",
                AddLine(
                    line_id,
                    dialog.name.text().strip() or line_id,
                    dialog.chosen_mode(),
                    float(dialog.frequency.value()),
                    stops,
                ),
            )

        dialog.accepted.connect(accepted)
        dialog.open()

    # -- trees and green areas -------------------------------------------------------------------
    def add_tree(self, x: int, y: int) -> None:
        point = self._map(x, y)
        if point is not None:
            self._edit("add_trees", AddTrees((point,), layer=TREES_LAYER))

    def remove_tree(self, x: int, y: int) -> None:
        point = self._map(x, y)
        if point is None:
            return
        hit = self.snapper.tree(
            *point, layer_id=TREES_LAYER, tolerance=self._tolerance(x, y, TREE_TOLERANCE_M)
        )
        if hit is None:
            self._say(self.tr("No tree there; click on a tree."))
            return
        self._edit("remove_trees", RemoveTrees((hit.key,), layer=hit.layer_id))

    def add_area_point(self, x: int, y: int) -> None:
        """A corner of the green area; a double-click closes it."""
        if self._double_click() and self._points:
            self.finish()
            return
        point = self._map(x, y)
        if point is None:
            return
        self._points.append(point)
        self._say(
            self.tr("{count} corners so far; double-click or press Enter to close the area.").format(
                count=len(self._points)
            )
        )
        self._draw()
        self._update_sketch_actions()

    def _finish_area(self) -> None:
        import shapely

        ring = tuple(self._points)
        if len(ring) < 3:
            self._say(self.tr("A green area needs at least three corners; click another one."))
            return
        polygon = shapely.Polygon(ring)
        if not polygon.is_valid or polygon.area <= 0:
            self._say(
                self.tr(
                    "This outline crosses itself or encloses nothing, so it cannot be a green area; "
                    "press Esc and draw it again without crossing lines."
                ),
                12000,
            )
            return
        area_id = self._new_id("area-", set())
        self.cancel()
        self._edit("green_area", AddGreenArea(area_id, ring, name=self.tr("New green area")))

    def remove_green_area(self, x: int, y: int) -> None:
        point = self._map(x, y)
        if point is None:
            return
        hit = self.snapper.green_area(*point)
        if hit is None:
            self._say(self.tr("No park or green area there; click inside one."))
            return
        self._edit("remove_green", RemoveGreenArea((hit.key,), layer=hit.layer_id))

    # -- buildings and streets -------------------------------------------------------------------
    def edit_building(self, x: int, y: int) -> None:
        """A dialog with the building's current height and use; OK makes an edit of each that changed."""
        point = self._map(x, y)
        if point is None:
            return
        hit = self.snapper.building(*point)
        if hit is None:
            self._say(self.tr("No building there; click on a building."))
            return
        frame = self.window.model.buildings.frame
        height = frame[HEIGHT_COLUMN].iloc[hit.row] if HEIGHT_COLUMN in frame.columns else None
        use = frame["building"].iloc[hit.row] if "building" in frame.columns else ""
        height_m = float(height) if height is not None and math.isfinite(float(height)) else None
        self.building_dialog = dialog = BuildingDialog(hit.key, height_m, str(use or ""), self.window)

        def accepted() -> None:
            new_height, new_use = dialog.new_height(), dialog.new_use()
            if new_height is not None:
                self._edit("building", SetBuildingHeight(hit.key, new_height))
            if new_use is not None:
                self._edit("building", SetBuildingUse(hit.key, new_use))

        dialog.accepted.connect(accepted)
        dialog.open()

    def car_free(self, x: int, y: int) -> None:
        """The street cars drive on nearest the click becomes car-free (both directions)."""
        point = self._map(x, y)
        if point is None:
            return
        tolerance = self._tolerance(x, y, STREET_TOLERANCE_M)
        snap = self.snapper.street(*point, tolerance=tolerance, prefer="drive")
        if snap is None or not snap.u or not snap.v:
            self._say(
                self.tr("No street within {metres} m of the click; click nearer a street.").format(
                    metres=format_number(tolerance, 0)
                )
            )
            return
        self._edit("car_free", MarkCarFree(snap.u, snap.v, layer=snap.layer_id))

    # -- finishing -------------------------------------------------------------------------------
    def finish(self) -> None:
        """Enter or a double-click: the line or the green area being drawn becomes an edit."""
        tool = self.active_tool()
        if tool == "add_line":
            self._finish_line()
        elif tool == "green_area":
            self._finish_area()

    def cancel(self) -> None:
        """Esc: drop the points clicked so far and the stop being moved."""
        had = bool(self._points) or self._moving is not None or self._hover is not None
        self._points = []
        self._line = []
        self._moving = None
        self._hover = None
        self._hover_at = None
        if had and self.window.plotter is not None:
            from twin_app.scene.sketch import clear

            clear(self.window.plotter)
            self.window.request_render()
        self._update_sketch_actions()


def install_editing(window: Any) -> tuple[EditTools, Any]:
    """Give ``window`` its Edit scenario toolbar and Scenario panel (after its menus exist)."""
    from PySide6.QtWidgets import QMenu

    from twin_app.qt.scenario_dock import scenario_dock

    tools = EditTools(window)
    dock = scenario_dock(window)
    window.docks.append(dock)
    view_menu = window.findChild(QMenu, "view_menu")
    if view_menu is not None:
        view_menu.addAction(dock.toggleViewAction())
    return tools, dock


__all__ = ["EditTools", "install_editing"]
