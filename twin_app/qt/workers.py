"""Background work for the window: loading runs off the GUI thread.

Workers never touch the model or the scene: they emit each finished layer
(or problem) to the GUI thread, which adds it to the model.  Cancelling sets
the core :class:`Feedback` flag, checked between layers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal

from twin_app.core.city import CityManifest
from twin_app.core.errors import CancelledError, TwinError
from twin_app.core.feedback import Feedback


class LoadWorker(QObject):
    """Loads a city's layers (or one file) and reports each as it is ready."""

    layer_ready = Signal(object)
    problem = Signal(object)
    progress = Signal(float, str)
    finished = Signal(bool)  # True when cancelled

    def __init__(self, manifest: CityManifest, files: list[Path] | None = None) -> None:
        super().__init__()
        self.manifest = manifest
        self.files = files
        self.feedback = Feedback(on_progress=lambda f, t: self.progress.emit(f, t))

    def run(self) -> None:
        from twin_app.core.explain import explain
        from twin_app.core.loading import iter_layers, read_file_layer
        from twin_app.core.model import LayerProblem

        cancelled = False
        try:
            if self.files is None:
                for item in iter_layers(self.manifest, feedback=self.feedback):
                    if isinstance(item, LayerProblem):
                        self.problem.emit(item)
                    else:
                        self.layer_ready.emit(item)
            else:
                for i, path in enumerate(self.files):
                    self.feedback.check_cancelled()
                    self.progress.emit(i / len(self.files), self.tr("Opening {file}…").format(file=path.name))
                    try:
                        self.layer_ready.emit(read_file_layer(path, self.manifest, feedback=self.feedback))
                    except TwinError as exc:
                        self.problem.emit(LayerProblem(path.name, path.name, str(exc)))
                    except Exception as exc:  # the same sentence the command line gives
                        subject = self.tr("'{path}' could not be opened").format(path=path)
                        message = explain(exc, subject=subject, path=path)
                        self.problem.emit(LayerProblem(path.name, path.name, message))
        except CancelledError:
            cancelled = True
        except Exception as exc:  # outside any one layer: say so, and still finish, or the window waits
            title = self.manifest.title
            subject = self.tr("Loading the city '{city}' stopped").format(city=title)
            message = explain(exc, subject=subject, path=self.manifest.folder)
            self.problem.emit(LayerProblem("", title, message))
        self.finished.emit(cancelled)


def start_worker(parent: QObject, worker: QObject, **slots: Any) -> QThread:
    """Run ``worker`` on a new thread; connect its signals to ``slots``."""
    thread = QThread(parent)
    worker.moveToThread(thread)
    for name, slot in slots.items():
        # Explicitly queued: results must be applied on the GUI thread, whatever
        # kind of callable the slot is.
        getattr(worker, name).connect(slot, Qt.ConnectionType.QueuedConnection)
    thread.started.connect(worker.run)
    # Direct: the GUI thread may be blocked waiting for this thread to end.
    worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    thread.finished.connect(worker.deleteLater)
    thread.start()
    return thread


class AnalysisWorker(QObject):
    """Runs one analysis off the GUI thread; the result is applied on the GUI thread.

    The plugin itself runs in a child process (:mod:`twin_app.core.isolation`);
    this worker's thread waits for it, relaying progress, so the GUI thread stays
    free.  Cancel sets the Feedback flag: a plugin that polls stops by itself, one
    that never does is terminated after a grace period of about 2 s, so
    ``finished(True)`` always follows a cancel within seconds.
    """

    progress = Signal(float, str)
    done = Signal(object)
    failed = Signal(str)
    finished = Signal(bool)  # True when cancelled

    def __init__(self, analysis_id: str, model: Any, raw_params: dict[str, Any]) -> None:
        super().__init__()
        self.analysis_id = analysis_id
        self.model = model
        self.raw_params = raw_params
        self.feedback = Feedback(on_progress=lambda f, t: self.progress.emit(f, t))

    def run(self) -> None:
        from twin_app.core.runner import run_analysis

        cancelled = False
        try:
            self.done.emit(
                run_analysis(self.analysis_id, self.model, self.raw_params, feedback=self.feedback)
            )
        except CancelledError:
            cancelled = True
        except TwinError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # the runner wraps plugin errors; anything else is ours
            self.failed.emit(
                self.tr("The analysis stopped because of an unexpected error ({error}).").format(
                    error=f"{type(exc).__name__}: {exc}"
                )
            )
        self.finished.emit(cancelled)


class ImportWorker(QObject):
    """Builds a city folder from files (File → New city) off the GUI thread."""

    progress = Signal(float, str)
    done = Signal(object)  # the new city folder
    failed = Signal(str)
    finished = Signal(bool)  # True when cancelled

    def __init__(self, request: Any, dest: Path | None) -> None:
        super().__init__()
        self.request = request
        self.dest = dest
        self.feedback = Feedback(on_progress=lambda f, t: self.progress.emit(f, t))

    def run(self) -> None:
        from twin_app.core.city_import import import_city
        from twin_app.core.explain import explain

        cancelled = False
        try:
            self.progress.emit(0.0, self.tr("Building the city '{name}'…").format(name=self.request.name))
            self.done.emit(import_city(self.request, self.dest, feedback=self.feedback))
        except CancelledError:
            cancelled = True
        except TwinError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:
            subject = self.tr("The city '{name}' could not be built").format(name=self.request.name)
            self.failed.emit(explain(exc, subject=subject))
        self.finished.emit(cancelled)
