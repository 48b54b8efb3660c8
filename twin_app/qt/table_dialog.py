"""File → Import table…: a planner's table joined to a city layer, with a live preview of the match.

The dialog states a :class:`~twin_app.core.table_series.TableRequest`, the
same object ``twin-app join`` builds from its options; the join runs in a
worker off the GUI thread (through the window's job runner), and its result
is added on the GUI thread as a layer that re-colours the target, with the
join report in the Messages panel.  A time-stamped table's series are handed
to the window's playback when it has one, so the time slider plays them.

The preview ("412 of 1,203 buildings matched") only compares keys, with the
join's own key rule: reading the table for it happens once per file, and
the keys of each layer column are indexed once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from twin_app.core.errors import CancelledError, TwinError
from twin_app.core.feedback import Feedback
from twin_app.core.i18n import format_number
from twin_app.core.layers import BuildingsLayer, VectorLayer
from twin_app.core.model import CityModel
from twin_app.core.table_series import TableImport, TableRequest
from twin_app.core.tables import Table, key_index, normalise_key, read_table
from twin_app.qt.dialogs import FileField

# the choices' English sources: shown translated, told apart by their position in each list
BY_KEY = QT_TRANSLATE_NOOP("TableDialog", "by key")
BY_LOCATION = QT_TRANSLATE_NOOP("TableDialog", "by location")
ALL_NUMBERS = QT_TRANSLATE_NOOP("TableDialog", "(every column of numbers)")
NO_TIME = QT_TRANSLATE_NOOP("TableDialog", "(none: one value per feature)")
AGGREGATE_CHOICES = {
    QT_TRANSLATE_NOOP("TableDialog", "refuse repeated keys"): None,
    QT_TRANSLATE_NOOP("TableDialog", "sum"): "sum",
    QT_TRANSLATE_NOOP("TableDialog", "mean"): "mean",
}


def _t(text: str) -> str:
    return QCoreApplication.translate("TableDialog", text)


def default_store(model: CityModel, window: Any = None) -> Path:
    """Where a time table's observations go: the window's live store (the time bar plays it), else one
    per city in user data."""
    path = getattr(window, "live_store", None)
    if isinstance(path, (str, Path)):
        return Path(path)
    from twin_app.core.city import user_cities_dir

    return user_cities_dir().parent / "stores" / f"{model.manifest.name}.gpkg"


class TableDialog(QDialog):
    """The GUI face of ``twin-app join``: same choices, same code, and the match shown as it is chosen."""

    def __init__(self, model: CityModel, parent: QWidget | None = None, *, store: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import table"))
        self.setObjectName("table_dialog")
        self.model = model
        self.table: Table | None = None
        self._index: dict[tuple[str, str], dict[str, list[int]]] = {}
        self.file = FileField(
            self.tr("Table"), self.tr("Tables (*.csv *.txt *.gpkg *.geojson *.json);;All files (*)")
        )
        self.file.edit.editingFinished.connect(self._read)
        self.file.edit.textChanged.connect(lambda _text: self._read())
        self.layer = QComboBox()
        vectors = [
            lay
            for lay in model.layers.values()
            if isinstance(lay, VectorLayer) and not model.is_result(lay.id)
        ]
        vectors.sort(key=lambda lay: not isinstance(lay, BuildingsLayer))  # buildings first
        for lay in vectors:
            self.layer.addItem(lay.display_title(), lay.id)
        self.how = QComboBox()
        self.how.addItems([_t(BY_KEY), _t(BY_LOCATION)])
        self.layer_key = QComboBox()
        self.table_key = QComboBox()
        self.value = QComboBox()
        self.aggregate = QComboBox()
        self.aggregate.addItems([_t(choice) for choice in AGGREGATE_CHOICES])
        self.time = QComboBox()
        self.timezone = QLineEdit()
        zone = getattr(model.manifest, "timezone", None)
        # a hint, never a default: times without an offset are refused until a zone is named
        self.timezone.setPlaceholderText(
            self.tr("times carry their UTC offset (the city's zone is {zone})").format(zone=zone)
            if zone
            else self.tr("times carry their UTC offset")
        )
        self.timezone.setToolTip(
            self.tr("The IANA time zone (e.g. Europe/Helsinki) of times written without an offset.")
        )
        self.store = FileField(self.tr("Observation store"), self.tr("GeoPackage (*.gpkg)"))
        self.store.edit.setText(str(store or default_store(model)))
        self.preview = QLabel(self.tr("Choose a table."))
        self.preview.setObjectName("table_preview")
        self.preview.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Table file"), self.file)
        form.addRow(self.tr("Join to layer"), self.layer)
        form.addRow(self.tr("Join"), self.how)
        form.addRow(self.tr("Layer key column"), self.layer_key)
        form.addRow(self.tr("Table key column"), self.table_key)
        form.addRow(self.tr("Value column"), self.value)
        form.addRow(self.tr("Rows sharing a key or feature"), self.aggregate)
        form.addRow(self.tr("Time column"), self.time)
        form.addRow(self.tr("Time zone"), self.timezone)
        form.addRow(self.tr("Store time series in"), self.store)
        form.addRow(self.preview)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.layer.currentIndexChanged.connect(self._layer_changed)
        for combo in (self.how, self.layer_key, self.table_key, self.time):
            combo.currentIndexChanged.connect(self._update)
        self._layer_changed()

    # -- state --------------------------------------------------------------------------------------
    def target(self) -> VectorLayer | None:
        layer = self.model.layers.get(self.layer.currentData())
        return layer if isinstance(layer, VectorLayer) else None

    def _layer_changed(self) -> None:
        target = self.target()
        self.layer_key.blockSignals(True)
        self.layer_key.clear()
        if target is not None:
            columns = [str(c) for c in target.frame.columns if c != target.frame.geometry.name]
            self.layer_key.addItems(columns)
            for preferred in ("osm_id", "id", "stop_id", "district"):
                if preferred in columns:
                    self.layer_key.setCurrentText(preferred)
                    break
        self.layer_key.blockSignals(False)
        self._update()

    def _read(self) -> None:
        path = self.file.path()
        if path is None or not path.is_file() or (self.table is not None and self.table.path == path):
            if path is None or not path.is_file():
                self.table = None
                self._fill_table_columns()
                self._update()
            return
        try:
            self.table = read_table(path)
        except TwinError as exc:
            self.table = None
            self.preview.setText(str(exc))
            self._fill_table_columns()
            return
        self._fill_table_columns()
        self._update()

    def _fill_table_columns(self) -> None:
        columns = self.table.columns if self.table is not None else []
        for combo, first in ((self.table_key, None), (self.value, ALL_NUMBERS), (self.time, NO_TIME)):
            combo.blockSignals(True)
            combo.clear()
            if first is not None:
                combo.addItem(_t(first))
            combo.addItems(columns)
            combo.blockSignals(False)
        if columns:
            layer_key = self.layer_key.currentText().lower()
            guess = next((c for c in columns if c.lower() == layer_key), None)
            guess = guess or next((c for c in columns if "id" in c.lower() or "key" in c.lower()), columns[0])
            self.table_key.setCurrentText(guess)
            time = next((c for c in columns if c.lower() in ("time", "timestamp", "datetime", "date")), None)
            if time is not None:
                self.time.setCurrentText(time)

    def _update(self) -> None:
        by_key = self.how.currentIndex() == 0
        self.layer_key.setEnabled(by_key)
        self.table_key.setEnabled(by_key)
        timed = by_key and self.time.currentIndex() > 0
        self.time.setEnabled(by_key)
        self.timezone.setEnabled(timed)
        self.store.setEnabled(timed)
        self.preview.setText(self.preview_text())

    def preview_text(self) -> str:
        """How many features the chosen keys match, by the join's own rule ("412 of 1,203 … matched")."""
        target = self.target()
        if self.table is None or target is None:
            return self.tr("Choose a table.")
        if self.how.currentIndex() == 1:
            return self.tr(
                "{rows} rows will be placed in the features of '{layer}' by their coordinates."
            ).format(rows=format_number(len(self.table.frame)), layer=target.display_title())
        layer_col, table_col = self.layer_key.currentText(), self.table_key.currentText()
        if not layer_col or not table_col or table_col not in self.table.frame.columns:
            return self.tr("Choose the key columns.")
        index = self._index.get((target.id, layer_col))
        if index is None:
            index = self._index[(target.id, layer_col)] = key_index(target.frame, layer_col)
        keys = {normalise_key(v) for v in self.table.frame[table_col].tolist()} - {None}
        matched = {p for k in keys if k in index for p in index[k]}
        unmatched = sum(1 for k in keys if k not in index)
        counts = {
            "matched": format_number(len(matched)),
            "total": format_number(len(target.frame)),
            "unmatched": format_number(unmatched),
        }
        if isinstance(target, BuildingsLayer):
            if unmatched:
                text = self.tr(
                    "{matched} of {total} buildings matched; {unmatched} key(s) of the table match none."
                )
            else:
                text = self.tr("{matched} of {total} buildings matched.")
        elif unmatched:
            text = self.tr(
                "{matched} of {total} features matched; {unmatched} key(s) of the table match none."
            )
        else:
            text = self.tr("{matched} of {total} features matched.")
        return text.format(**counts)

    def request(self) -> TableRequest:
        """The request the dialog states (what ``twin-app join`` would be given)."""
        path = self.file.path()
        target = self.target()
        if path is None or target is None:
            raise TwinError(self.tr("Choose a table file and the layer to join it to."))
        by_key = self.how.currentIndex() == 0
        timed = by_key and self.time.currentIndex() > 0
        value = self.value.currentText() if self.value.currentIndex() > 0 else ""
        aggregate = list(AGGREGATE_CHOICES.values())[max(self.aggregate.currentIndex(), 0)]
        return TableRequest(
            table=path,
            layer_id=target.id,
            on=(self.layer_key.currentText(), self.table_key.currentText()) if by_key else None,
            values=(value,) if value else (),
            aggregate=aggregate if by_key else (aggregate or "sum"),
            time=self.time.currentText() if timed else None,
            timezone=self.timezone.text().strip() or None if timed else None,
            store=self.store.path() if timed else None,
        )


class TableJoinWorker(QObject):
    """Runs one table import off the GUI thread; the result is applied on the GUI thread."""

    progress = Signal(float, str)
    done = Signal(object)
    failed = Signal(str)
    finished = Signal(bool)  # True when cancelled

    def __init__(self, target: VectorLayer, request: TableRequest) -> None:
        super().__init__()
        self.target = target
        self.request = request
        self.feedback = Feedback(on_progress=lambda f, t: self.progress.emit(f, t))

    def run(self) -> None:
        from twin_app.core.explain import explain
        from twin_app.core.table_series import import_table

        cancelled = False
        try:
            self.progress.emit(0.0, self.tr("Joining {table}…").format(table=self.request.table.name))
            self.done.emit(import_table(self.target, self.request))
        except CancelledError:
            cancelled = True
        except TwinError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:
            subject = self.tr("The table '{table}' could not be joined").format(table=self.request.table)
            self.failed.emit(explain(exc, subject=subject))
        self.finished.emit(cancelled)


def ask_import_table(window: Any) -> TableDialog | None:
    """Open the dialog on the window's city; on OK, run the join through the window's job runner."""
    if window.model is None or window.loading:
        window._error(
            QCoreApplication.translate("TableDialog", "Not ready"),
            QCoreApplication.translate(
                "TableDialog", "Wait until the city has finished loading, then import the table."
            ),
        )
        return None
    dialog = TableDialog(window.model, window, store=default_store(window.model, window))
    window.table_dialog = dialog
    dialog.accepted.connect(lambda: run_table_import(window, dialog))
    dialog.open()
    return dialog


def run_table_import(window: Any, dialog: TableDialog) -> None:
    try:
        request = dialog.request()
        request.check()
    except TwinError as exc:
        window._error(QCoreApplication.translate("TableDialog", "The table could not be joined"), str(exc))
        return
    target = dialog.target()
    assert target is not None
    window.last_table_error = None
    window.jobs.submit(
        TableJoinWorker(target, request),
        QCoreApplication.translate("TableDialog", "Importing {table}").format(table=request.table.name),
        done=lambda made: apply_table_import(window, made),
        failed=lambda message: _failed(window, message),
    )


def apply_table_import(window: Any, made: TableImport) -> None:
    """Add the result layer (it colours its target), report, and hand a time table to playback."""
    model = window.model
    if model is None:
        return
    model.add_result_layer(made.result.layer)
    layer_id = made.result.layer.id
    window.last_table_import = made
    for sentence in made.result.report.sentences():
        window.messages.add("info", made.result.report.table, sentence)
    item = made.item(layer_id)
    if item is not None:
        window.play_in_time(item)
    window.statusBar().showMessage(made.result.report.sentences()[0], 10000)


def _failed(window: Any, message: str) -> None:
    window.last_table_error = message
    window.messages.add("problem", QCoreApplication.translate("TableDialog", "Import table"), message)
    window._error(QCoreApplication.translate("TableDialog", "The table could not be joined"), message)


__all__ = [
    "TableDialog",
    "TableJoinWorker",
    "apply_table_import",
    "ask_import_table",
    "default_store",
    "run_table_import",
]
