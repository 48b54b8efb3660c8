"""A Qt-free channel for progress, messages and cancellation.

Long work (loading a city, running an analysis) receives a :class:`Feedback`.
It reports progress and messages through plain callbacks and polls
:meth:`Feedback.check_cancelled`, so the same code runs in a Qt worker thread,
in the CLI and in tests.  Cancellation is a flag set from another thread,
which is why it is a :class:`threading.Event`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from twin_app.core.errors import CancelledError

ProgressCallback = Callable[[float, str], None]
MessageCallback = Callable[[str, str], None]


@dataclass
class Feedback:
    """Progress (0..1), messages (level, text) and a thread-safe cancel flag."""

    on_progress: ProgressCallback | None = None
    on_message: MessageCallback | None = None
    _cancel: threading.Event = field(default_factory=threading.Event, repr=False)
    warnings: list[str] = field(default_factory=list)

    def progress(self, fraction: float, text: str = "") -> None:
        if self.on_progress is not None:
            self.on_progress(min(max(fraction, 0.0), 1.0), text)

    def info(self, text: str) -> None:
        if self.on_message is not None:
            self.on_message("info", text)

    def warning(self, text: str) -> None:
        self.warnings.append(text)
        if self.on_message is not None:
            self.on_message("warning", text)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check_cancelled(self) -> None:
        """Raise :class:`CancelledError` if the user asked to stop."""
        if self._cancel.is_set():
            raise CancelledError()
