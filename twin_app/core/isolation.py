"""Run plugin code in a child process, so a plugin cannot take the app down.

An analysis is code from a third party.  Run in the app's own process, a
plugin that never polls for cancellation cannot be stopped, one that calls
``sys.exit`` ends the CLI or wedges the GUI, one that ``print()``\\ s breaks
``twin-app run --json`` (JSON goes to stdout), one that mutates a layer's
frame changes the city on screen, and one that segfaults kills the app.

:func:`run_in_child` runs the work in a child made with ``fork`` (Linux):

* the child inherits the loaded city copy-on-write, so nothing is pickled in,
  and whatever the plugin does to the layers changes only the child's copy:
  the city's layers are untouched by construction;
* it sends progress, messages and finally its answer (the value, the app's
  own error with its class and message, or a description of any other
  exception) over a pipe; the parent relays progress and messages to its
  :class:`Feedback` while it waits, on the calling thread (the GUI's worker
  thread, never the GUI thread);
* cancellation sets a flag in memory shared with the child, which the
  child's ``Feedback.check_cancelled`` reads, so a cooperative plugin stops
  cleanly; after :data:`GRACE_S` the child is terminated, then killed, so a
  plugin that never polls stops within seconds;
* in the child ``print()`` goes to stderr (fd 1 too), SIGINT is ignored (the
  parent handles Ctrl-C and stops the child), and the child ends with
  ``os._exit``, so no atexit handler, Qt or VTK teardown runs in it (it
  shares the parent's window-system connection);
* a child that dies without answering (a segfault, ``os._exit``, the OOM
  killer) is a :class:`ChildFailure` saying how it ended; the parent lives on.

Risk of ``fork`` in a process with threads (the GUI): the child gets only the
forking thread, and any lock another thread held at that moment stays held
in the child.  This module holds no lock of its own across the fork (the
cancel flag is a lock-free shared byte, not a ``multiprocessing.Event``, whose
lock a killed child could leave held) and multiprocessing flushes the standard
streams first; the GUI runs analyses only when no load is in progress, so no
other thread is inside GDAL.  A child that deadlocks anyway is still stopped
by cancel.

Where ``fork`` is not available (macOS, Windows) the caller runs the plugin
in-process instead, on copies of the layers it asks for (see
:mod:`twin_app.core.runner`): ``spawn`` would have to pickle the model, whose
listeners are GUI callbacks.  ``TWIN_APP_PLUGIN_ISOLATION=0`` (or
``isolate=False``) chooses in-process on Linux too, to debug a plugin with a
debugger.
"""

from __future__ import annotations

import contextlib
import mmap
import multiprocessing
import os
import signal
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Literal, TypeVar

from twin_app.core.errors import CancelledError, TwinError
from twin_app.core.feedback import Feedback
from twin_app.core.i18n import _

T = TypeVar("T")

#: environment switch: "0" (or "no", "false", "off") runs plugins in the app's own process
ISOLATION_ENV = "TWIN_APP_PLUGIN_ISOLATION"
#: seconds a cancelled child has to stop by itself before it is terminated
GRACE_S = 2.0
#: seconds between checks of the cancel flag and of the child while waiting
POLL_S = 0.1
#: a child's progress reaches the parent at most this often (a tight loop must not flood the pipe)
PROGRESS_EVERY_S = 0.05


def isolation_default() -> bool:
    """Whether plugins run in a child process: yes unless the environment says otherwise."""
    return os.environ.get(ISOLATION_ENV, "1").strip().lower() not in {"0", "no", "false", "off"}


def can_fork() -> bool:
    """``fork`` is used only on Linux: macOS offers it, but its system libraries are not fork-safe."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


@dataclass(frozen=True)
class ChildFailure:
    """Why plugin code gave no value, when the cause is not one of the app's own errors."""

    #: "raised": an exception; "exit": SystemExit, KeyboardInterrupt...; "died": the process ended
    kind: Literal["raised", "exit", "died"]
    #: "RuntimeError: boom", "SystemExit: 3", "the process ended with signal SIGSEGV"
    summary: str
    #: the formatted traceback, for the log
    details: str = ""


class _ChildFeedback(Feedback):
    """The child's Feedback: progress and messages go down the pipe, cancel is the shared flag."""

    def __init__(self, conn: Connection, flag: mmap.mmap) -> None:
        super().__init__(on_progress=self._send_progress, on_message=self._send_message)
        self._conn = conn
        self._flag = flag
        self._last_sent = (-1.0, "")
        self._last_time = 0.0

    def _send_progress(self, fraction: float, text: str) -> None:
        now = time.monotonic()
        if text == self._last_sent[1] and now - self._last_time < PROGRESS_EVERY_S and fraction < 1.0:
            return
        self._last_sent, self._last_time = (fraction, text), now
        self._conn.send(("progress", fraction, str(text)))

    def _send_message(self, level: str, text: str) -> None:
        self._conn.send(("message", str(level), str(text)))

    def cancel(self) -> None:
        self._flag[0] = 1

    @property
    def cancelled(self) -> bool:
        return self._flag[0] != 0

    def check_cancelled(self) -> None:
        if self._flag[0] != 0:
            raise CancelledError()


def _app_error_class(exc: TwinError) -> type[TwinError]:
    """The nearest class of the app's own (a plugin's subclass is not imported by the parent)."""
    for cls in type(exc).__mro__:
        if isinstance(cls, type) and issubclass(cls, TwinError) and cls.__module__.startswith("twin_app."):
            return cls
    return TwinError


def _rebuild(cls: type[TwinError], message: str, path: str | None) -> TwinError:
    """The error again, with its class and message, without calling an ``__init__`` of another shape."""
    exc = cls.__new__(cls)
    Exception.__init__(exc, message)
    exc.message = message
    exc.path = Path(path) if path is not None else None
    return exc


def _describe(exc: BaseException) -> tuple[str, str]:
    text = str(exc)
    summary = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return summary, "".join(traceback.format_exception(exc))


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this child if the parent dies (SIGKILL leaves it no time to stop us).

    PR_SET_PDEATHSIG fires when the forking *thread* ends; it waits for the
    child to end, so that is never before.
    """
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(70)


def _child_main(work: Callable[[Feedback], Any], conn: Connection, flag: mmap.mmap, parent: int) -> None:
    """The child's whole life: run ``work``, send one answer, end without any teardown."""
    code = 0
    try:
        _die_with_parent(parent)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        with contextlib.suppress(OSError):  # without an fd 2 (a detached app) fd 1 stays as it is
            os.dup2(2, 1)  # C code and subprocesses writing to fd 1, too
        sys.stdout = sys.stderr
        try:
            answer: tuple[Any, ...] = ("value", work(_ChildFeedback(conn, flag)))
        except CancelledError:
            answer = ("cancelled",)
        except TwinError as exc:
            path = str(exc.path) if getattr(exc, "path", None) is not None else None
            answer = ("error", _app_error_class(exc), str(exc), path)
        except Exception as exc:
            answer = ("raised", *_describe(exc))
        except BaseException as exc:  # SystemExit, KeyboardInterrupt, GeneratorExit...
            answer = ("exit", *_describe(exc))
        try:
            conn.send(answer)
        except Exception as exc:  # the value cannot be pickled: say so instead
            summary, details = _describe(exc)
            conn.send(("unsendable", summary, details))
    except BaseException:
        code = 70
        traceback.print_exc()
    finally:
        try:
            sys.stderr.flush()
        finally:
            os._exit(code)


def _how_it_ended(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = str(-exitcode)
        if name == "SIGKILL":
            return _(
                "the process ended with signal {signal} (perhaps the system ran out of memory and stopped it)"
            ).format(signal=name)
        return _("the process ended with signal {signal}").format(signal=name)
    if exitcode:
        return _("the process exited with status {status} without an answer").format(status=exitcode)
    return _("the process ended without an answer")


def _stop(process: Any, grace_s: float) -> None:
    """Terminate, then kill, and reap: no child outlives its run."""
    if process.is_alive():
        process.terminate()
        process.join(grace_s)
    if process.is_alive():
        process.kill()
        process.join()


def run_in_child(
    work: Callable[[Feedback], T], *, feedback: Feedback, grace_s: float = GRACE_S
) -> T | ChildFailure:
    """``work(feedback)`` in a forked child: its value, or a :class:`ChildFailure`.

    Raises the app's own error the child raised (same class and message;
    a plugin's own subclass arrives as the nearest class of the app's), and
    :class:`CancelledError` when ``feedback`` is cancelled, after giving the
    child ``grace_s`` seconds to stop by itself.  ``ResultError`` is raised
    when the child's value cannot be handed back (it cannot be pickled).
    """
    from twin_app.core.errors import AnalysisStartError, ResultError

    mp = multiprocessing.get_context("fork")
    flag = mmap.mmap(-1, 1)  # MAP_SHARED and anonymous: the same byte in parent and child
    if feedback.cancelled:
        flag[0] = 1
    reader, writer = mp.Pipe(duplex=False)
    # not a daemon: a plugin may start processes of its own (daemons may not)
    process = mp.Process(target=_child_main, args=(work, writer, flag, os.getpid()), daemon=False)
    try:
        try:
            process.start()
        except OSError as exc:
            raise AnalysisStartError(
                _(
                    "The analysis could not be started in a process of its own ({reason}). "
                    "Close other programs to free memory and run it again."
                ).format(reason=exc.strerror or exc)
            ) from exc
        writer.close()  # the parent's copy: EOF on the reader then means the child is gone
        cancelled_at: float | None = None
        while True:
            if feedback.cancelled and cancelled_at is None:
                flag[0] = 1
                cancelled_at = time.monotonic()
            if cancelled_at is not None and time.monotonic() - cancelled_at > grace_s:
                _stop(process, grace_s)
                raise CancelledError()
            if not reader.poll(POLL_S):
                if not process.is_alive() and not reader.poll(0):
                    # dead, though something it started may still hold the pipe open
                    return ChildFailure("died", _how_it_ended(process.exitcode))
                continue
            try:
                message = reader.recv()
            except (EOFError, OSError):  # gone, before or while sending
                process.join(grace_s)
                _stop(process, grace_s)
                return ChildFailure("died", _how_it_ended(process.exitcode))
            except Exception as exc:  # it sent something that cannot be rebuilt here
                raise ResultError(
                    _("returned a result that could not be read back ({error})").format(
                        error=f"{type(exc).__name__}: {exc}"
                    )
                ) from exc
            tag = message[0]
            if tag == "progress":
                feedback.progress(message[1], message[2])
                continue
            if tag == "message":
                _relay(feedback, message[1], message[2])
                continue
            process.join(grace_s)  # it ends at once after answering
            if tag == "value":
                return message[1]  # type: ignore[no-any-return]
            if tag == "cancelled":
                raise CancelledError()
            if tag == "error":
                raise _rebuild(message[1], message[2], message[3])
            if tag == "unsendable":
                raise ResultError(
                    _("returned a result that cannot be handed back to the app ({reason})").format(
                        reason=message[1]
                    )
                )
            return ChildFailure("exit" if tag == "exit" else "raised", message[1], message[2])
    finally:
        reader.close()
        if not writer.closed:
            writer.close()
        _stop(process, grace_s)
        process.close()
        flag.close()


def _relay(feedback: Feedback, level: str, text: str) -> None:
    if level == "warning":
        feedback.warning(text)
    elif level == "info":
        feedback.info(text)
    elif feedback.on_message is not None:
        feedback.on_message(level, text)


__all__ = [
    "GRACE_S",
    "ISOLATION_ENV",
    "ChildFailure",
    "can_fork",
    "isolation_default",
    "run_in_child",
]
