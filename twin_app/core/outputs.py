"""Check where a command will write, before it spends minutes computing.

A run or a render that ends with a traceback because ``--out`` named a
folder, or a file sits where a folder is needed, loses the planner's work and
says nothing useful.  These checks look at the place first and answer with
one sentence naming it; the write itself stays atomic (see ``results_io``),
and ``describe_os_error`` turns what can still go wrong then (a full disk, a
permission taken away meanwhile) into a sentence too.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from twin_app.core.errors import TwinError
from twin_app.core.i18n import N_, _


def _nearest_existing(path: Path) -> Path:
    """``path`` itself or the closest ancestor that exists (the current folder at worst)."""
    for candidate in (path, *path.parents):
        if os.path.lexists(candidate):
            return candidate
    return Path.cwd()


def _check_place(folder: Path, target: Path) -> None:
    """``target`` can be created at or under ``folder``: no file on the way, and writable."""
    existing = _nearest_existing(folder)
    if not existing.is_dir():
        raise TwinError(
            _(
                "'{path}' is a file, not a folder, so '{target}' cannot be created there; "
                "choose another place."
            ).format(path=existing, target=target)
        )
    if not os.access(existing, os.W_OK | os.X_OK):
        raise TwinError(
            _(
                "You are not allowed to write in the folder '{folder}', so '{target}' cannot be created; "
                "choose another place."
            ).format(folder=existing, target=target)
        )


def check_output_file(path: Path | str, *, example: str = "result.gpkg") -> Path:
    """Refuse, with a sentence, an output file name that cannot be written as a file."""
    raw = str(path)
    path = Path(path)
    if raw.endswith(("/", os.sep)) or path.is_dir():
        raise TwinError(
            _("'{path}' is a folder; give a file name inside it, such as '{example}'.").format(
                path=path, example=path / example
            )
        )
    if os.path.lexists(path):
        mode = os.stat(path).st_mode if path.exists() else 0
        if not stat.S_ISREG(mode):
            raise TwinError(
                _("'{path}' exists and is not a regular file; give the name of a new file.").format(path=path)
            )
    _check_place(path.parent, path)
    return path


def check_output_folder(path: Path | str) -> Path:
    """Refuse, with a sentence, a destination folder that is a file or cannot be written in."""
    path = Path(path)
    if os.path.lexists(path) and not path.is_dir():
        raise TwinError(
            _("'{path}' is a file, not a folder; give a folder to create the city in.").format(path=path)
        )
    _check_place(path, path)
    return path


#: what a planner can do about an operating-system error, by its errno (a clause: "… because {advice}")
_ADVICE: dict[int, str] = {
    errno.ENOSPC: N_("the disk is full; free some space or choose another place, and try again"),
    errno.EDQUOT: N_("your disk quota is used up; free some space or choose another place, and try again"),
    errno.EROFS: N_("it is on a read-only disk; choose another place"),
    errno.EACCES: N_("you are not allowed to use it; choose another place or ask for access"),
    errno.EPERM: N_("you are not allowed to use it; choose another place or ask for access"),
    errno.EISDIR: N_("it is a folder where a file is needed; give a file name"),
    errno.ENOTDIR: N_("a file stands where a folder is needed on its path; choose another place"),
    errno.EEXIST: N_("it already exists; choose another name"),
    errno.ENOENT: N_("it does not exist; check the path"),
    errno.ENAMETOOLONG: N_("its name is too long; choose a shorter one"),
}


def describe_os_error(exc: OSError) -> str:
    """One sentence naming the path and what to do, for an ``OSError`` nobody caught earlier."""
    where = exc.filename
    advice = _ADVICE.get(exc.errno or 0)
    reason = exc.strerror or str(exc) or type(exc).__name__
    if where is None:
        if advice:
            return _("The command could not finish because {advice} ({reason}).").format(
                advice=_(advice), reason=reason
            )
        return _("The command could not finish ({reason}); check the files and folders it uses.").format(
            reason=reason
        )
    if advice:
        return _("'{path}' could not be used because {advice} ({reason}).").format(
            path=where, advice=_(advice), reason=reason
        )
    return _("'{path}' could not be used ({reason}); check the path and try again.").format(
        path=where, reason=reason
    )


def fsync_file(path: Path) -> None:
    """Flush a written file's data to disk (before the rename that publishes it)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened, as on Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_bytes_atomic(path: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``path`` all at once: a temporary file beside it, fsync, rename.

    A reader (or a crash) never sees half a file: either the old file or the
    whole new one.  The temporary name starts with a dot and carries the
    process id, so a killed write leaves a file that is plainly not the result.
    """
    import secrets

    path = check_output_file(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part-{os.getpid()}-{secrets.token_hex(4)}{path.suffix}")
    try:
        with open(tmp, "xb") as out:
            out.write(data)
        fsync_file(tmp)
        os.replace(tmp, path)
        fsync_folder(path.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
