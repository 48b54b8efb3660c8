"""One runner for everything slow: loading, opening files, analyses, imports.

Jobs wait in one queue and run one at a time off the GUI thread, so a file
dropped during an analysis is opened after it instead of blocking the window
on a thread.  The runner shows what runs (its title and progress in the
status bar, a Cancel button, how many jobs wait) and, when a job ends, hands
every warning its :class:`~twin_app.core.feedback.Feedback` collected to the
messages panel, so no warning is lost.

A job is a worker ``QObject`` with a ``feedback`` attribute, a
``progress(float, str)`` signal, a ``finished(bool cancelled)`` signal and a
``run()`` slot (see :mod:`twin_app.qt.workers`).  A job's signals reach the
slots given with it only while it is the current job: cancelling with
``detach`` (another city opened) silences a job at once, and the next one
starts without waiting for it.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from twin_app.qt.i18n import keep_translated
from twin_app.qt.workers import start_worker


@dataclass
class Job:
    worker: Any
    title: str
    slots: dict[str, Any] = field(default_factory=dict)
    thread: QThread | None = None
    relay: Any = None
    forwards: list[Any] = field(default_factory=list)


class _Forward(QObject):
    """Hands one signal of one job to the caller's callback, on the GUI thread, while the job is current."""

    def __init__(self, runner: JobRunner, job: Job, callback: Any) -> None:
        super().__init__(runner)
        self.runner = runner
        self.job = job
        self.callback = callback

    def deliver(self, *args: Any) -> None:
        if self.job is self.runner.current:
            self.callback(*args)


class _Relay(QObject):
    """Receives one job's signals on the GUI thread and tells the runner which job sent them.

    A worker's own object may be gone (deleted with its thread) by the time a
    queued signal is handled, so the job is known from the relay, not from the sender.
    """

    def __init__(self, runner: JobRunner, job: Job) -> None:
        super().__init__(runner)
        self.runner = runner
        self.job = job

    def progress(self, fraction: float, text: str) -> None:
        self.runner._job_progress(self.job, fraction, text)

    def finished(self, cancelled: bool) -> None:
        self.runner._job_finished(self.job, cancelled)


class JobRunner(QObject):
    """A queue of background jobs with progress, cancel and warnings shown."""

    #: (level, source, text) for the messages panel
    message = Signal(str, str, str)

    def __init__(self, parent: QWidget, status: QStatusBar) -> None:
        super().__init__(parent)
        self._parent = parent
        self.status = status
        self.queue: deque[Job] = deque()
        self.current: Job | None = None
        self._running: list[Job] = []  # current and detached jobs whose threads still run
        self.label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setRange(0, 100)
        # kept: the window sets them again at a language change (the runner is no widget)
        self.cancel_button = keep_translated(
            QPushButton(),
            "JobRunner",
            text=QT_TRANSLATE_NOOP("JobRunner", "Cancel"),
            toolTip=QT_TRANSLATE_NOOP("JobRunner", "Stop the running job (and drop the waiting ones)"),
        )
        self.cancel_button.clicked.connect(self.cancel_all)
        for widget in (self.label, self.progress, self.cancel_button):
            status.addPermanentWidget(widget)
            widget.hide()

    # -- state ------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """True while a job runs or waits."""
        return self.current is not None or bool(self.queue)

    # -- submitting -------------------------------------------------------
    def submit(self, worker: Any, title: str, **slots: Any) -> Job:
        """Queue ``worker``; its signals go to ``slots`` (name → callable) on the GUI thread."""
        job = Job(worker, title, slots)
        self.queue.append(job)
        if self.current is None:
            self._start_next()
        else:
            self._show()
        return job

    def _start_next(self) -> None:
        if not self.queue:
            self.current = None
            self._show()
            return
        job = self.current = self.queue.popleft()
        self.progress.setValue(0)
        self._show()
        worker = job.worker
        queued = Qt.ConnectionType.QueuedConnection
        # every caller's slot through a forwarder that knows its job: a cancelled (detached) job's late
        # signals reach nobody, and nobody has to ask Qt who sent them.  The caller's first, then ours,
        # so a caller still sees its job as current when it finishes.
        for name, callback in job.slots.items():
            forward = _Forward(self, job, callback)
            job.forwards.append(forward)
            getattr(worker, name).connect(forward.deliver, queued)
        relay = job.relay = _Relay(self, job)
        worker.progress.connect(relay.progress, queued)
        worker.finished.connect(relay.finished, queued)
        job.thread = start_worker(self._parent, worker)
        self._running.append(job)

    def _job_progress(self, job: Job, fraction: float, text: str) -> None:
        if job is self.current:
            self._on_progress(fraction, text)

    def _job_finished(self, job: Job, cancelled: bool) -> None:
        if job not in self._running:
            return
        self._running.remove(job)
        for text in getattr(job.worker.feedback, "warnings", []):
            self.message.emit("warning", job.title, text)
        if cancelled:
            self.message.emit("info", job.title, self.tr("Cancelled."))
        if job is self.current:
            self._start_next()
        for helper in [job.relay, *job.forwards]:
            if helper is not None:
                helper.deleteLater()

    # -- cancelling -------------------------------------------------------
    def cancel_all(self, *, detach: bool = False) -> None:
        """Drop the waiting jobs and ask the running one to stop.

        The stopped job still reports its end (a cancelled analysis says so),
        unless ``detach``: then it belongs to nobody at once and the next
        submitted job starts without waiting for it (opening another city
        must not receive the old city's late layers).
        """
        dropped = len(self.queue)
        self.queue.clear()
        job = self.current
        if job is not None:
            job.worker.feedback.cancel()
            self.status.showMessage(self.tr("Cancelling {job}…").format(job=job.title), 5000)
            if detach:
                self.current = None
        if dropped:
            self.message.emit(
                "info", self.tr("Jobs"), self.tr("Waiting jobs dropped: {count}.").format(count=dropped)
            )
        self._show()

    def wait_all(self, timeout_ms: int = 30_000) -> None:
        """Block until every job's thread has ended (closing the window only)."""
        for job in list(self._running):
            if job.thread is not None:
                job.thread.wait(timeout_ms)

    # -- display ----------------------------------------------------------
    def _on_progress(self, fraction: float, text: str) -> None:
        value = round(fraction * 100)
        if abs(value - self.progress.value()) >= 2 or value == 100:
            self.progress.setValue(value)
        if text:
            self.status.showMessage(text)

    def _show(self) -> None:
        running = self.current is not None
        waiting = len(self.queue)
        if running:
            assert self.current is not None
            self.label.setText(
                self.tr("{job} (+{count} waiting)").format(job=self.current.title, count=waiting)
                if waiting
                else self.current.title
            )
            self.label.setToolTip(
                "\n".join(
                    [self.tr("Running: {job}").format(job=self.current.title)]
                    + [self.tr("Waiting: {job}").format(job=j.title) for j in self.queue]
                )
            )
        for widget in (self.label, self.progress, self.cancel_button):
            widget.setVisible(running)


__all__ = ["Job", "JobRunner"]
