"""A Qt-free channel for progress, messages and cancellation.

Long work (loading a city, running an analysis) receives a :class:`Feedback`.
It reports progress and messages through plain callbacks and polls
:meth:`Feedback.check_cancelled`, so the same code runs in a Qt worker thread,
in the CLI and in tests.  Cancellation is a flag set from another thread,
which is why it is a :class:`threading.Event`.
"""

from __future__ import annotations

import threading
import time
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
    _parent: Feedback | None = field(default=None, repr=False)
    _deadline: float | None = field(default=None, repr=False)

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
        """The user asked to stop this work or the work it is part of, or its time limit passed."""
        if self._cancel.is_set() or self.timed_out:
            return True
        return self._parent is not None and self._parent.cancelled

    @property
    def timed_out(self) -> bool:
        return self._deadline is not None and time.monotonic() >= self._deadline

    def check_cancelled(self) -> None:
        """Raise :class:`CancelledError` if the user asked to stop (or the time limit passed)."""
        if self.cancelled:
            raise CancelledError()

    def share(self, start: float, end: float, *, time_limit_s: float | None = None) -> Feedback:
        """A Feedback for one step of this work: its progress maps into [start, end] of ours.

        It shares our messages and warnings and stops when we are cancelled;
        with ``time_limit_s`` it also stops by itself after that many seconds
        (so one never-ending step cannot hold up the rest: see
        :attr:`timed_out`) without cancelling us.
        """
        parent = self.on_progress
        child = Feedback(
            on_progress=(lambda f, text: parent(start + (end - start) * f, text)) if parent else None,
            on_message=self.on_message,
        )
        child.warnings = self.warnings
        child._parent = self
        if time_limit_s is not None:
            child._deadline = time.monotonic() + time_limit_s
        return child
