"""Baseline against scenario in the window: the analyses follow each edit, and the panel says how they moved.

Every analysis run in the window is *tracked*: its parameters, the stamps
of the layers it read (:func:`twin_app.core.rerun.record_run`), its result
on the baseline and its result on the city as shown (the baseline with the
active scenario).  When the workshop says the shown city changed (an edit,
an undo, another scenario), a short timer lets quick edits pile up, then
one job off the GUI thread (:class:`twin_app.qt.jobs.JobRunner`) re-runs
only the analyses whose inputs changed (:func:`twin_app.core.rerun.rerun_stale`;
transit access repairs its previous result when only stops moved) and the
others not at all.  Edits made while that job runs are picked up by one
more job when it ends, never by a second job beside it: an incremental
update moves its state out of the previous result, which two jobs could not share.

The job works on a *snapshot* of the shown model (the same layer objects
in a dict of its own): an edit replaces layers in the shown model, never
changes one in place, so a snapshot stays the city as it was when the job
began, and the stamps recorded for it say so.

The panel shows, per district and indicator, the baseline, the scenario
and the change in the indicator's unit (percentage points for shares),
with an arrow and, where the manifest says which way is better
(``better = "higher"`` or ``"lower"``), the word better or worse.  The
district difference layers (:func:`twin_app.core.compare.district_difference_layers`)
go into the city as results, drawn with the diverging palette centred on zero.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from twin_app.core.compare import SHARE_UNIT, Delta, district_difference_layers, indicator_deltas
from twin_app.core.errors import TwinError
from twin_app.core.feedback import CancelledError, Feedback
from twin_app.core.i18n import format_number, format_percent, manifest_text

if TYPE_CHECKING:
    from twin_app.core.analysis import AnalysisResult
    from twin_app.core.layers import Layer
    from twin_app.core.model import CityModel
    from twin_app.core.rerun import PastRun

# quick edits within this long of each other share one re-run
COALESCE_MS = 400


@dataclass
class Tracked:
    """One analysis run in the window, followed through the edits."""

    analysis: str
    params: dict[str, Any]
    # the inputs' stamps in the shown model when ``scenario`` was computed
    past: PastRun
    # its result on the shown city (the baseline while no scenario is active)
    scenario: AnalysisResult
    # its result on the baseline (None until computed)
    baseline: AnalysisResult | None = None
    # the inputs' stamps in the shown model when ``baseline`` was computed there (None: elsewhere)
    base_past: PastRun | None = None


@dataclass
class Plan:
    """What one re-run job is given (made on the GUI thread, read-only in the job)."""

    model: CityModel
    baseline: CityModel | None
    scenario_name: str | None
    tracked: list[Tracked]
    edits: list[Any] = field(default_factory=list)


@dataclass
class Outcome:
    """What one re-run job returns, applied on the GUI thread."""

    plan: Plan
    # analysis -> new result on the shown city (only those that ran or were updated)
    results: dict[str, AnalysisResult]
    # analysis -> its run as it now stands
    runs: dict[str, PastRun]
    # analysis -> baseline result computed in this job
    baselines: dict[str, AnalysisResult]
    # analysis -> "run" or "update" for those that were computed again
    how: dict[str, str]
    deltas: list[Delta]
    layers: list[Layer]


def run_plan(plan: Plan, feedback: Feedback) -> Outcome:
    """The job's work: baselines missing, then only the stale analyses, then the differences."""
    from twin_app.core.rerun import rerun_stale
    from twin_app.core.runner import run_analysis

    def runner(analysis: str, model: CityModel, params: dict[str, Any], **kw: Any) -> AnalysisResult:
        # keep the state an incremental update needs next time (run in the app's process then)
        return run_analysis(analysis, model, params, feedback=feedback, keep_state=True, **kw)

    baselines: dict[str, AnalysisResult] = {}
    for item in plan.tracked:
        if item.baseline is None and plan.baseline is not None and plan.scenario_name is not None:
            feedback.progress(0.05, f"{item.analysis}: baseline")
            baselines[item.analysis] = run_analysis(
                item.analysis, plan.baseline, item.params, feedback=feedback
            )
    feedback.check_cancelled()
    results, runs = rerun_stale(
        [item.past for item in plan.tracked],
        plan.model,
        run=runner,
        previous={item.analysis: item.scenario for item in plan.tracked},
        edits=plan.edits,
    )
    deltas: list[Delta] = []
    layers: list[Layer] = []
    if plan.scenario_name is not None:
        for item in plan.tracked:
            base = baselines.get(item.analysis) or item.baseline
            now = results.get(item.analysis, item.scenario)
            if base is None or base is now:
                continue  # no baseline yet, or the scenario changes none of its inputs: nothing moved
            rows = indicator_deltas(item.analysis, base, now)
            deltas.extend(rows)
            layers.extend(district_difference_layers(plan.model, item.analysis, rows))
    return Outcome(
        plan,
        results,
        {run.analysis: run for run in runs},
        baselines,
        {a: r.how for a, r in results.items()},
        deltas,
        layers,
    )


class RerunWorker(QObject):
    """Runs one :class:`Plan` off the GUI thread (a job of the window's runner)."""

    progress = Signal(float, str)
    done = Signal(object)
    failed = Signal(str)
    finished = Signal(bool)

    def __init__(self, plan: Plan) -> None:
        super().__init__()
        self.plan = plan
        self.feedback = Feedback(on_progress=lambda f, t: self.progress.emit(f, t))

    def run(self) -> None:
        cancelled = False
        try:
            self.done.emit(run_plan(self.plan, self.feedback))
        except CancelledError:
            cancelled = True
        except TwinError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # the runner wraps plugin errors; anything else is ours
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        self.finished.emit(cancelled)


def _edits_touching(model: CityModel, edits: Sequence[Any], layers: set[str]) -> list[Any]:
    """The scenario's edits that change one of ``layers``: what an incremental update is told."""
    from twin_app.core.scenario import edit_layers

    out = []
    for edit in edits:
        try:
            touched = set(edit_layers(model, edit))
        except TwinError:
            continue
        if touched & layers:
            out.append(edit)
    return out


class ComparisonSession(QObject):
    """The window's analyses kept up to date with the shown scenario, and compared with the baseline.

    ``window`` is the main window: its ``model`` (the shown city), its
    ``jobs`` runner and, when present, its ``workshop`` (the active
    scenario and the baseline).  ``counts`` counts, per (how, analysis),
    every analysis computed again after an edit ("run" or "update").
    """

    # emitted after each re-run has been applied (tests and the panel wait on it)
    updated = Signal()

    def __init__(self, window: Any, panel: ComparisonPanel | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.panel = panel
        self.tracked: dict[str, Tracked] = {}
        self.counts: Counter[tuple[str, str]] = Counter()
        self.deltas: list[Delta] = []
        # ids in the city of the difference layers shown now
        self.difference_ids: list[str] = []
        self._pending: dict[str, PastRun] = {}
        self._job: Any = None
        self._again = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COALESCE_MS)
        self._timer.timeout.connect(self._start)
        self._connected: Any = None
        if panel is not None:
            panel.layer_chosen.connect(self.show_difference)

    # -- the workshop -----------------------------------------------------
    @property
    def workshop(self) -> Any:
        return getattr(self.window, "workshop", None)

    def connect_workshop(self, workshop: Any) -> None:
        """Follow ``workshop``'s edits and scenario changes (once; the window calls it when it has one)."""
        if workshop is None or workshop is self._connected:
            return
        workshop.edited.connect(self.schedule)
        workshop.scenario_changed.connect(self.schedule)
        self._connected = workshop

    def _scenario_name(self) -> str | None:
        workshop = self.workshop
        return None if workshop is None else workshop.scenario

    def _baseline_model(self) -> CityModel | None:
        workshop = self.workshop
        base = None if workshop is None else workshop.baseline
        return base if base is not None else None

    def _scenario_edits(self) -> list[Any]:
        workshop = self.workshop
        name = self._scenario_name()
        if workshop is None or name is None or workshop.project is None:
            return []
        try:
            return list(workshop.project.scenario(name).edits)
        except TwinError:
            return []

    # -- analyses run in the window --------------------------------------
    def started(self, analysis: str, raw_params: dict[str, Any]) -> None:
        """An analysis was started in the window: note what it reads now, before any later edit."""
        from twin_app.core.rerun import record_run

        model = self.window.model
        if model is None:
            return
        try:
            self._pending[analysis] = record_run(analysis, raw_params, model)
        except TwinError:
            self._pending.pop(analysis, None)

    def finished(self, result: AnalysisResult) -> None:
        """An analysis run in the window finished: follow it from now on."""
        past = self._pending.pop(result.analysis, None)
        if past is None:
            return
        params = dict(result.record.parameters)
        on_baseline = self._scenario_name() is None
        self.tracked[result.analysis] = Tracked(
            result.analysis,
            params,
            past,
            result,
            result if on_baseline else None,
            past if on_baseline else None,
        )
        if not on_baseline:
            self.schedule()  # its baseline side is still to be computed

    def forget(self) -> None:
        """Another city was opened: nothing tracked belongs to it."""
        self._timer.stop()
        self.tracked.clear()
        self._pending.clear()
        self.deltas = []
        self.difference_ids = []
        self._again = False
        if self.panel is not None:
            self.panel.show_deltas([], {}, None)

    # -- re-running ---------------------------------------------------------
    def schedule(self) -> None:
        """Re-run soon: edits arriving within ``COALESCE_MS`` of each other share one run."""
        if self.tracked:
            self._timer.start()

    @property
    def busy(self) -> bool:
        """True while a re-run waits, runs or will run again."""
        return self._timer.isActive() or self._job is not None or self._again

    def _start(self) -> None:
        model = self.window.model
        if model is None or not self.tracked:
            return
        if self._job is not None:
            self._again = True  # the running job's state moves on: one more job when it ends
            return
        from twin_app.core.rerun import changed_inputs

        if self._scenario_name() is None:
            self._restore_baselines(model)
        changed: set[str] = set()
        for item in self.tracked.values():
            try:
                changed.update(changed_inputs(item.past, model))
            except TwinError:
                continue
        plan = Plan(
            model=model.snapshot(),
            baseline=self._baseline_model(),
            scenario_name=self._scenario_name(),
            tracked=list(self.tracked.values()),
            edits=_edits_touching(model, self._scenario_edits(), changed),
        )
        self._job = self.window.jobs.submit(
            RerunWorker(plan),
            self.tr("Updating the indicators"),
            done=self._apply,
            failed=self._failed,
            finished=self._ended,
        )

    def _restore_baselines(self, model: CityModel) -> None:
        """Back on the baseline: results made on it still stand where its layers are back unchanged."""
        from twin_app.core.rerun import is_stale

        for item in self.tracked.values():
            if item.baseline is None or item.base_past is None or item.scenario is item.baseline:
                continue
            try:
                if is_stale(item.base_past, model):
                    continue
            except TwinError:
                continue
            item.scenario, item.past = item.baseline, item.base_past
            self.counts["reused", item.analysis] += 1
            for layer in item.baseline.layers:
                model.add_result_layer(layer)

    def _ended(self, cancelled: bool) -> None:
        self._job = None
        if self._again:
            self._again = False
            QTimer.singleShot(0, self._start)
        QTimer.singleShot(0, self.window.request_render)

    def _failed(self, message: str) -> None:
        self.window.messages.add("problem", self.tr("Scenario comparison"), message)

    def _apply(self, outcome: Outcome) -> None:
        model = self.window.model
        if model is None:
            return
        for analysis, result in outcome.results.items():
            item = self.tracked.get(analysis)
            if item is None:
                continue
            item.scenario = result
            self.counts[result.how, analysis] += 1
            for layer in result.layers:
                model.add_result_layer(layer)  # the shown city's result replaces the stale one
        for analysis, run in outcome.runs.items():
            if analysis in self.tracked:
                self.tracked[analysis].past = run
        for analysis, result in outcome.baselines.items():
            if analysis in self.tracked:
                self.tracked[analysis].baseline = result
        if outcome.plan.scenario_name is None:
            for item in self.tracked.values():
                item.baseline, item.base_past = item.scenario, item.past  # the shown city is the baseline
        self.deltas = outcome.deltas
        wanted = None
        if self.panel is not None:
            self.panel.show_deltas(outcome.deltas, self.definitions(), outcome.plan.scenario_name)
            wanted = self.panel.chosen_layer()
        self._show_layers(outcome, wanted)
        last = self.window.districts.result
        if last is not None and last.analysis in outcome.results:
            self.window.districts.show_result(outcome.results[last.analysis])
        self.updated.emit()

    def definitions(self) -> dict[tuple[str, str], dict[str, str]]:
        """(analysis, key) -> the indicator's definition (label, unit, which way is better)."""
        out: dict[tuple[str, str], dict[str, str]] = {}
        for item in self.tracked.values():
            for key, spec in item.scenario.definitions.items():
                out[item.analysis, key] = dict(spec)
        return out

    # -- difference layers ----------------------------------------------------
    def _show_layers(self, outcome: Outcome, wanted: str | None) -> None:
        """Put the difference layers in the city: ``wanted`` shown (else none), the others listed, hidden."""
        model = self.window.model
        for layer_id in self.difference_ids:
            if layer_id in model.layers:
                model.remove_layer(layer_id)
        self.difference_ids = []
        if not outcome.layers:
            return
        definitions = self.definitions()
        for layer in outcome.layers:
            analysis, key = layer.id.split(":")[:2]
            label = manifest_text(definitions.get((analysis, key), {}).get("label") or key)
            layer.title = self.tr("Change in {indicator}").format(indicator=label)
            # filled and coloured by its values (the city's "districts" style is an outline on a pale wash)
            layer.style = "difference"
            layer.visible = layer.id == wanted
            model.add_result_layer(layer)
            self.difference_ids.append(layer.id)

    def show_difference(self, layer_id: str | None) -> None:
        """Show one difference layer in 3D (None: none), hiding the others."""
        model = self.window.model
        for lid in self.difference_ids:
            if lid in model.layers and model.layers[lid].visible != (lid == layer_id):
                model.set_visible(lid, lid == layer_id)

    def difference_layer(self) -> Layer | None:
        """The difference layer shown now, if any."""
        model = self.window.model
        for lid in self.difference_ids:
            if lid in model.layers and model.layers[lid].visible:
                return model.layers[lid]
        return None


def signed(value: float, digits: int) -> str:
    """A change with its sign always written (+3.2, −1.5, 0), in the current language's digits."""
    if value == 0 or abs(value) < 0.5 * 10**-digits:
        return format_number(0.0, digits)
    text = format_number(abs(value), digits)
    return ("+" if value > 0 else "−") + text


# a cell with no value (no one lives there, say): a dash as tables write it, "no value" in its tooltip
NO_VALUE = "–"


def _two_lines(text: str) -> str:
    """``text`` broken at the space nearest its middle (a heading that would widen its column)."""
    middle = len(text) / 2
    cut = min((i for i, ch in enumerate(text) if ch == " "), key=lambda i: abs(i - middle))
    return text[:cut] + "\n" + text[cut + 1 :]


def fit_columns(table: QTableWidget) -> None:
    """Columns that fit a narrow dock in any language: the district's name gives way, the rest stays whole.

    The numbers and the trend words are short and must be read whole: each
    takes the width of its longest text or heading (which differs by
    language: "Tendance", "傾向").  The district's name takes what is left
    and is cut with "…" when the dock is narrow; its tooltip says it whole.
    A horizontal scroll bar appears only when even the numbers do not fit.
    """
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setMinimumSectionSize(24)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setWordWrap(False)


class ComparisonPanel(QWidget):
    """Per district: one indicator's baseline, scenario, change with its unit, and which way it went.

    The indicator chooser drives both the table and the difference layer in
    3D, so what the table says is what the map shows.
    """

    # a difference layer chosen to be shown in 3D (its id, or None for none)
    layer_chosen = Signal(object)

    BETTER = QColor("#1a7f37")
    WORSE = QColor("#b3261e")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.deltas: list[Delta] = []
        self.definitions: dict[tuple[str, str], dict[str, str]] = {}
        # the table's column headings in the current language (as written, on one line)
        self.headings: list[str] = []
        # True while the trend column shows its arrows only (a dock too narrow for the words)
        self.compact = False
        # what the heading speaks of: nothing compared yet, or the scenario shown (None: the baseline)
        self._compared = False
        self._scenario: str | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.indicator_label = QLabel()
        self.indicator_box = QComboBox()
        self.indicator_box.setObjectName("comparison_indicator")
        self.indicator_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.indicator_box.setMinimumContentsLength(12)
        self.indicator_box.currentIndexChanged.connect(self._chosen)
        self.show_3d = QCheckBox()
        self.show_3d.setChecked(True)
        self.show_3d.toggled.connect(lambda _on: self.layer_chosen.emit(self.chosen_layer()))
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("comparison_table")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        fit_columns(self.table)
        row = QHBoxLayout()
        row.addWidget(self.indicator_label)
        row.addWidget(self.indicator_box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(row)
        layout.addWidget(self.show_3d)
        self.unit_note = QLabel()
        self.unit_note.setObjectName("comparison_unit")
        self.unit_note.setWordWrap(True)
        self.unit_note.hide()
        layout.addWidget(self.unit_note)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language: at start and at each language change (View → Language).

        The numbers are written again too: the decimal sign and the percent
        sign are the language's (1,5 ; 45 % in French).
        """
        self.indicator_label.setText(self.tr("Indicator"))
        self.show_3d.setText(self.tr("Show the change in 3D"))
        self.headings = [
            self.tr("District"),
            self.tr("Baseline"),
            self.tr("Scenario"),
            self.tr("Change"),
            self.tr("Trend"),
        ]
        self.table.setHorizontalHeaderLabels(self.headings)
        self._say_heading()
        self._name_indicators()
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _say_heading(self) -> None:
        if not self._compared:
            self.heading.setText(self.tr("Run an analysis, then choose or edit a scenario to compare it."))
        elif self._scenario is None:
            self.heading.setText(self.tr("The baseline is shown: choose or create a scenario to compare."))
        else:
            self.heading.setText(
                self.tr("Scenario “{scenario}” against the baseline").format(scenario=self._scenario)
            )

    def _name_indicators(self) -> None:
        """The chooser's entries named in the current language (the manifests' labels, from the catalogue)."""
        for i in range(self.indicator_box.count()):
            analysis, key = self.indicator_box.itemData(i)
            label = manifest_text(self.definitions.get((analysis, key), {}).get("label") or key)
            self.indicator_box.setItemText(i, label)

    def chosen(self) -> tuple[str, str] | None:
        """The (analysis, indicator key) shown."""
        data = self.indicator_box.currentData()
        return None if not data else (str(data[0]), str(data[1]))

    def chosen_layer(self) -> str | None:
        """The id of the difference layer to show in 3D (None: none)."""
        chosen = self.chosen()
        if chosen is None or not self.show_3d.isChecked():
            return None
        return f"{chosen[0]}:{chosen[1]}:difference"

    def choose(self, analysis: str, key: str) -> None:
        for i in range(self.indicator_box.count()):
            if tuple(self.indicator_box.itemData(i) or ()) == (analysis, key):
                self.indicator_box.setCurrentIndex(i)

    def _chosen(self, _index: int) -> None:
        self._fill()
        self.layer_chosen.emit(self.chosen_layer())

    def show_deltas(
        self, deltas: list[Delta], definitions: dict[tuple[str, str], dict[str, str]], scenario: str | None
    ) -> None:
        """New numbers: keep the chosen indicator if it is still there (else the first share)."""
        self._compared, self._scenario = True, scenario
        self._say_heading()
        self.deltas, self.definitions = deltas, definitions
        before = self.chosen()
        keys = list(dict.fromkeys((d.analysis, d.key) for d in deltas))
        self.indicator_box.blockSignals(True)
        self.indicator_box.clear()
        for analysis, key in keys:
            self.indicator_box.addItem("", [analysis, key])
            self.indicator_box.setItemData(
                self.indicator_box.count() - 1, analysis, Qt.ItemDataRole.ToolTipRole
            )
        pick = before if before in keys else next((k for k in keys if k[1].startswith("share")), None)
        if pick is None and keys:
            pick = keys[0]
        self._name_indicators()
        if pick is not None:
            self.indicator_box.setCurrentIndex(keys.index(pick))
        self.indicator_box.blockSignals(False)
        self._fill()

    def _fill(self) -> None:
        chosen = self.chosen()
        rows = [d for d in self.deltas if chosen is not None and (d.analysis, d.key) == chosen]
        rows = [d for d in rows if d.district is not None] + [d for d in rows if d.district is None]
        spec = self.definitions.get(chosen, {}) if chosen is not None else {}
        unit = rows[0].unit if rows else ""
        shown_unit = self.tr("percentage points") if unit == SHARE_UNIT else unit
        # the unit said once above the table: in every cell it would push the arrows out of sight
        self.unit_note.setText(
            self.tr("Changes are in {unit}.").format(unit=shown_unit) if shown_unit else ""
        )
        self.unit_note.setVisible(bool(shown_unit))
        self.table.setRowCount(len(rows))
        for r, d in enumerate(rows):
            cells = [
                d.district if d.district is not None else self.tr("Whole city"),
                self.value_text(d.baseline, d.unit),
                self.value_text(d.scenario, d.unit),
                self.change_text(d),
            ]
            trend, colour = self.trend(d, spec.get("better"))
            definition = manifest_text(spec.get("definition", ""))
            for c, text in enumerate([*cells, trend]):
                item = QTableWidgetItem(text)
                if c >= 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c == 4 and colour is not None:
                    item.setForeground(colour)
                tip = definition
                if c == 0:  # the district's name may be cut in a narrow dock: its tooltip says it whole
                    tip = f"{text}\n{definition}" if definition else text
                elif text == NO_VALUE:
                    tip = self.tr("no value")
                elif c == 4:  # a narrow dock shows only the arrow: the word is here
                    item.setData(Qt.ItemDataRole.UserRole, text)
                    tip = f"{text}\n{definition}" if definition and text else text or definition
                item.setToolTip(tip)
                self.table.setItem(r, c, item)
        self._fit()

    def _fit(self) -> None:
        """Every number and trend whole in the width the dock has, in the language shown.

        A heading wider than its column's texts goes on two lines where it
        has a space ("État actuel", "Situación actual").  The district's
        name gives way first (cut with "…", whole in its tooltip).  When the
        trend words still do not fit, the trend column shows its arrows only
        (▲ ▼ =, coloured; the word in the tooltip).  The dock is not made
        wider for the table: the window keeps most of its width for the 3D
        view; only in a dock narrower than the arrows need does the table
        scroll sideways.
        """
        table, header = self.table, self.table.horizontalHeader()
        metrics = header.fontMetrics()
        rows = range(table.rowCount())
        for c, heading in enumerate(self.headings):
            widest = max((metrics.horizontalAdvance(table.item(r, c).text()) for r in rows), default=0)
            if c > 0 and " " in heading and metrics.horizontalAdvance(heading) > widest:
                heading = _two_lines(heading)
            self._heading(c, heading)
        margin = 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
        district = metrics.horizontalAdvance("Abcd…") + margin  # a name's first letters, at least
        # the vertical scroll bar is counted always: a city with many districts shows it
        frame = 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()

        def needed(compact: bool) -> int:
            self._trend_texts(compact)
            return district + sum(
                max(table.sizeHintForColumn(c), header.sectionSizeHint(c))
                for c in range(1, table.columnCount())
            )

        self.compact = needed(False) + frame > table.width()
        self._trend_texts(self.compact)

    def _heading(self, column: int, text: str) -> None:
        item = self.table.horizontalHeaderItem(column)
        if item.text() != text:
            item.setText(text)

    def _trend_texts(self, compact: bool) -> None:
        """The trend column as words, or (``compact``) as its arrows only, the words in the tooltips."""
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 4)
            word = str(item.data(Qt.ItemDataRole.UserRole) or "")
            text = word.split(" ")[0] if compact else word
            if item.text() != text:
                item.setText(text)
        self._heading(4, "▲▼" if compact else self.headings[4])
        self.table.horizontalHeaderItem(4).setToolTip(self.headings[4])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit)  # words or arrows for the new width, once laid out

    def value_text(self, value: float | None, unit: str) -> str:
        if value is None or not math.isfinite(value):
            return NO_VALUE
        if unit == SHARE_UNIT:
            return format_percent(value, 1)
        digits = 0 if abs(value) >= 100 else 2
        text = format_number(value, digits)
        return f"{text} {unit}" if unit and unit not in ("ratio",) else text

    def change_text(self, delta: Delta) -> str:
        """The change in the indicator's unit (the column's heading names it): points for shares."""
        if delta.difference is None:
            return NO_VALUE
        if delta.unit == SHARE_UNIT:
            assert delta.points is not None
            return signed(delta.points, 1)
        return signed(delta.difference, 0 if abs(delta.difference) >= 100 else 2)

    def trend(self, delta: Delta, better: str | None) -> tuple[str, QColor | None]:
        """An arrow a planner reads at a glance, and better or worse where the manifest says which is."""
        diff = delta.difference
        if diff is None:
            return "", None
        step = 0.0005 if delta.unit == SHARE_UNIT else 1e-9 * max(1.0, abs(delta.baseline or 0.0))
        if abs(diff) <= step:
            return self.tr("= no change"), None
        up = diff > 0
        if better not in ("higher", "lower"):
            return (self.tr("▲ up") if up else self.tr("▼ down")), None
        good = up == (better == "higher")
        if up:
            return (self.tr("▲ better"), self.BETTER) if good else (self.tr("▲ worse"), self.WORSE)
        return (self.tr("▼ better"), self.BETTER) if good else (self.tr("▼ worse"), self.WORSE)

    def rows(self, *, words: bool = False) -> list[list[str]]:
        """The table's text, row by row, as seen (``words``: the trend's words where it shows arrows)."""
        out = [
            [self.table.item(r, c).text() for c in range(self.table.columnCount())]
            for r in range(self.table.rowCount())
        ]
        if words:
            for r, row in enumerate(out):
                row[4] = str(self.table.item(r, 4).data(Qt.ItemDataRole.UserRole) or "")
        return out


def build_comparison(window: Any) -> None:
    """The comparison's dock, session and the View menu's compare modes, for the main window."""
    from PySide6.QtWidgets import QDockWidget, QMenu

    from twin_app.qt.compare_view import CompareViews

    panel = ComparisonPanel()
    from twin_app.qt.i18n import keep_translated, on_language_change

    dock = keep_translated(
        QDockWidget(window),
        "Comparison",
        windowTitle=QT_TRANSLATE_NOOP("Comparison", "Scenario comparison"),
    )
    dock.setObjectName("comparison_dock")
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    results = window.findChild(QDockWidget, "results_dock")
    if results is not None:
        window.tabifyDockWidget(results, dock)
    window.docks.append(dock)
    window.comparison_dock = dock
    # another language's words may have widened the dock: give the 3D view its room back
    on_language_change(panel, lambda: QTimer.singleShot(0, window.fit_docks))
    window.comparison = ComparisonSession(window, panel)
    window.comparison.connect_workshop(getattr(window, "workshop", None))
    window.compare_views = CompareViews(window)
    window.comparison.updated.connect(window.compare_views.refresh_baseline)
    menu = window.findChild(QMenu, "view_menu")
    if menu is not None:
        menu.addAction(dock.toggleViewAction())
        window.compare_views.add_to(menu)


__all__ = [
    "ComparisonPanel",
    "ComparisonSession",
    "Outcome",
    "Plan",
    "RerunWorker",
    "Tracked",
    "build_comparison",
    "fit_columns",
    "run_plan",
]
