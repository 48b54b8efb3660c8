"""Which files a layer may read: confined to its city folder, and only regular files.

City folders are handed around (colleagues, consultants, open-data portals),
so a ``city.toml`` is untrusted text.  Opening a folder must never do more
than read that folder: a source written as an absolute path, with ``..``, or
through a symlink that leads outside would let a manifest read any file the
user can (``/etc/passwd`` shown as pixels).  Files the user opens explicitly
(File → Open, drag and drop, ``twin-app open FILE``) were chosen by the user
and are not confined.

Whatever the origin, only regular files are read.  A FIFO blocks the first
``open()`` forever, a device such as ``/dev/urandom`` never ends, a socket or
a directory is no data file: each is refused from ``os.stat`` alone, before
any reader, content sniffer or cache key sees the path.  The same holds for
the sidecars GDAL opens beside a file (``parks.dbf`` beside ``parks.shp``).

Both checks run when a layer is loaded, not when the manifest is parsed, so
a bad source costs only its own layer, and a file swapped for a FIFO after
the manifest was read is still caught.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath, PureWindowsPath

from twin_app.core.errors import ManifestError, MissingFileError, UnreadableFileError
from twin_app.core.i18n import N_, _

#: the things callers name in these sentences (``what=``), marked so the catalogue has them
KNOWN_NOUNS = (N_("city manifest"), N_("layer"), N_("feed"))

#: what a non-regular file is, in words, by kind
_KIND_WORDS = {
    "folder": N_("a folder"),
    "fifo": N_("a named pipe (FIFO), which would block reading forever"),
    "device": N_("a device, not a data file"),
    "socket": N_("a socket, not a data file"),
    "other": N_("not a regular file"),
}


def _kind_of(mode: int) -> str | None:
    """What a non-regular file is, as a key of :data:`_KIND_WORDS` (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "other"


def require_regular_file(path: Path, *, what: str = "file", sidecars: bool = True) -> None:
    """Raise unless ``path`` (following symlinks) is a regular file; never opens it.

    With ``sidecars``, files named like it (``stem.*`` in the same folder)
    are checked too, since GDAL opens them by itself: a ``.dbf`` that is a
    FIFO would hang it.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise MissingFileError(path, what=what) from None
    except OSError as exc:
        raise UnreadableFileError(
            _(
                "The {what} '{path}' cannot be read ({reason}). Check that it exists and that you "
                "may read it."
            ).format(what=_(what), path=path, reason=exc.strerror or exc),
            path=path,
        ) from None
    kind = _kind_of(mode)
    if kind is not None:
        raise UnreadableFileError(
            _(
                "The {what} '{path}' is {kind}: twin_app reads only regular files. "
                "Name a data file (GeoPackage, GeoTIFF, OSM, GTFS zip …) instead."
            ).format(what=_(what), path=path, kind=_(_KIND_WORDS[kind])),
            path=path,
        )
    for sidecar in _sidecars(Path(path)) if sidecars else []:
        try:
            kind = _kind_of(os.stat(sidecar).st_mode)
        except OSError:
            continue  # a dangling sidecar is GDAL's to ignore
        if kind is not None and kind != "folder":
            raise UnreadableFileError(
                _(
                    "The file '{sidecar}', read together with the {what} '{path}', is {kind}: "
                    "twin_app reads only regular files. Remove it or replace it with the real file."
                ).format(sidecar=sidecar, what=_(what), path=path, kind=_(_KIND_WORDS[kind])),
                path=sidecar,
            )


def _sidecars(path: Path) -> list[Path]:
    """Files beside ``path`` that share its stem (``parks.dbf``, ``heat.tif.aux.xml``)."""
    stem = path.name.split(".")[0].lower()
    if not stem:
        return []
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    return [path.parent / n for n in names if n.lower().startswith(stem + ".") and n != path.name]


def _escapes(raw: str) -> str | None:
    """Why the manifest text ``raw`` is not a relative path inside the folder, as a sentence (None: it is).

    Judged as both POSIX and Windows paths, so that a manifest written on one
    system is as safe on the other (``C:\\data`` and ``..\\..`` included).
    """
    if not raw.strip():
        return _("The path is empty.")
    if "\x00" in raw:
        return _("The path contains a NUL character.")
    for flavour in (PurePosixPath(raw), PureWindowsPath(raw)):
        if flavour.anchor:
            return _("It is an absolute path.")
        if ".." in flavour.parts:
            return _("It climbs out with '..'.")
    return None


def _leads_out(path: Path, root: Path, *, beside: str | None = None) -> str | None:
    """Why ``path``, followed through its symbolic links, is not inside ``root``, as a sentence (None: it is).

    ``beside`` names the file ``path`` is read with, when it is a sidecar.
    """
    try:
        path.resolve().relative_to(root)
    except ValueError:
        if beside is not None:
            return _(
                "The file '{name}' beside it, read with it, leads outside the city folder through a "
                "symbolic link."
            ).format(name=beside)
        return _("It leads outside the city folder through a symbolic link.")
    except (OSError, RuntimeError):  # a symlink loop
        if beside is not None:
            return _(
                "The file '{name}' beside it, read with it, is a symbolic link that cannot be followed."
            ).format(name=beside)
        return _("It is a symbolic link that cannot be followed.")
    return None


def confined_source(folder: Path, raw: str, *, layer: str, manifest: Path, what: str = "layer") -> Path:
    """The file a manifest's ``source = raw`` names, if it lies inside ``folder``.

    Raises :class:`ManifestError` naming the layer and the key when ``raw``
    is absolute, climbs out with ``..``, or resolves (through symlinks)
    outside the folder, or when a file read beside it does.
    """
    why = _escapes(raw)
    path = folder / raw
    if why is None:
        root = folder.resolve()
        # the sidecars GDAL opens with it (parks.dbf beside parks.shp) must stay inside too
        for candidate in [path, *_sidecars(path)]:
            why = _leads_out(candidate, root, beside=None if candidate == path else candidate.name)
            if why is not None:
                break
    if why is not None:
        raise ManifestError(
            _(
                "The {what} '{layer}' in '{manifest}' has source = '{raw}'. {why} A city folder may only "
                "name files inside itself: copy the file into the city folder and give its path relative "
                "to it (e.g. 'data/parks.gpkg'), or open the file yourself with File → Open."
            ).format(what=_(what), layer=layer, manifest=manifest, raw=raw, why=why),
            path=manifest,
        )
    return path
