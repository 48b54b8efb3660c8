"""File → Report…: the PDF report made by ``twin-app report`` in a process of its own.

Why a process and not a thread: a report draws its views with VTK off
screen, and a second OpenGL context driven from a worker thread, beside the
window's own on the same X connection, is what crashes VTK; a process has
its own connection, and Cancel can end it however far it got.  The worker's
thread waits for the process, relays the progress lines it prints
(``--progress``) to the status bar, and hands on its last sentence when it
fails.  The report is made from the city as its folder holds it, with the same
analyses and numbers as ``twin-app report`` (docs/reports.md).
"""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from twin_app.core.feedback import Feedback

PROGRESS_PREFIX = "twin-app: progress: "
#: seconds a cancelled report process gets to end before it is killed
KILL_AFTER_S = 3.0


class ReportWorker(QObject):
    progress = Signal(float, str)
    done = Signal(object)  # the PDF's path
    failed = Signal(str)
    finished = Signal(bool)  # True when cancelled

    def __init__(
        self,
        source: Path,
        out: Path,
        *,
        scenario: str | None = None,
        lang: str | None = None,
        params: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        """``source``: a city folder or a saved project file; ``scenario``: beside the baseline;
        ``params``: per analysis, the raw parameters it was run with in the window."""
        super().__init__()
        self.source = source
        self.out = out
        self.scenario = scenario
        self.lang = lang
        self.params = params or {}
        self._params_file: Path | None = None
        self.feedback = Feedback(on_progress=lambda f, t: self.progress.emit(f, t))

    def command(self) -> list[str]:
        command = [sys.executable, "-m", "twin_app", "report", str(self.source), "--out", str(self.out),
                   "--progress"]  # fmt: skip
        if self.scenario is not None:
            command += ["--scenario", self.scenario]
        if self.lang is not None:
            command += ["--lang", self.lang]
        if self.params:
            import json
            import tempfile

            with tempfile.NamedTemporaryFile(
                "w", suffix=".json", prefix="twin_app-report-params-", delete=False, encoding="utf-8"
            ) as handle:
                json.dump(self.params, handle)
            self._params_file = Path(handle.name)
            command += ["--params-file", handle.name]
        return command

    def run(self) -> None:
        try:
            self._run()
        finally:
            if self._params_file is not None:
                self._params_file.unlink(missing_ok=True)

    def _run(self) -> None:
        lines: queue.Queue[str | None] = queue.Queue()
        try:
            process = subprocess.Popen(
                self.command(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, bufsize=1
            )
        except OSError as exc:
            self.failed.emit(
                self.tr("The report could not be started ({reason}); try again.").format(
                    reason=exc.strerror or exc
                )
            )
            self.finished.emit(False)
            return
        assert process.stderr is not None
        stderr = process.stderr

        def read() -> None:
            for line in stderr:
                lines.put(line.rstrip("\n"))
            lines.put(None)

        threading.Thread(target=read, daemon=True).start()
        said: list[str] = []
        cancelled = False
        while True:
            if self.feedback.cancelled and not cancelled:
                cancelled = True
                process.terminate()
            try:
                line = lines.get(timeout=0.2)
            except queue.Empty:
                continue
            if line is None:
                break
            if line.startswith(PROGRESS_PREFIX):
                fraction, _, text = line.removeprefix(PROGRESS_PREFIX).partition(" ")
                self.feedback.progress(float(fraction), text)
            elif line.strip():
                said.append(line.removeprefix("twin-app: "))
        try:
            code = process.wait(timeout=KILL_AFTER_S if cancelled else None)
        except subprocess.TimeoutExpired:
            process.kill()
            code = process.wait()
        if not cancelled:
            if code == 0:
                for line in said:
                    if line.startswith("warning: "):
                        self.feedback.warning(line.removeprefix("warning: "))
                self.done.emit(self.out)
            else:
                errors = [s.removeprefix("error: ") for s in said if s.startswith("error: ")]
                self.failed.emit(
                    errors[-1] if errors else (said[-1] if said else self.tr("The report failed."))
                )
        self.finished.emit(cancelled)
