"""A disk cache of loaded layers, so a city opens fast the second time.

Parsing OpenStreetMap and GTFS is most of a city's load time.  The loaded
layer is stored as data (:mod:`twin_app.core.layer_store`: arrays, WKB and
JSON behind a SHA-256 checksum; never pickle, so opening an entry cannot run
code) in the user's cache folder.

**The key** covers everything that determines the layer:

* every file the layer reads: the source and every file in the same folder
  whose name starts with the source's stem and a dot (``roads.shp`` brings
  ``roads.dbf``, ``roads.shx``, ``roads.prj``, ``roads.cpg``; ``heat.tif``
  brings ``heat.tif.aux.xml``; ``x.gpkg`` brings ``x.gpkg-wal``), or every
  file under a source that is a folder.  A file of up to
  :data:`DIGEST_LIMIT` bytes is keyed on a BLAKE2b digest of its content, so
  an edit that keeps the size and the modification time is still seen; a
  larger one on size, modification and change times, inode and device (a
  replacement renames a new inode in, and setting the modification time back
  moves the change time on), and it is not cached while its modification
  time is within :data:`SETTLE_S` of now (coarse file-system clocks);
* the layer kind's name, the distribution that provides it and its version,
  plus a stamp of the kind's package files (an editable install changes code
  without changing its version), and twin_app's own version and core files;
* the layer's options and the city's CRS, extent and building rules.

The files are fingerprinted **before** the kind reads them and again
**after**: when they changed meanwhile (or since another layer of the same
load first read them), the layer is used but not cached.

**A damaged entry** (checksum, truncation, a file planted under an entry's
name) is deleted, the layer is read from its files again, and the layer's
notes say the cached copy was rebuilt: the source file is not blamed.

**The folder** is created private (``0700``).  A folder owned by someone else
or writable by others is not used at all: the city loads without the cache,
with one warning.

Set ``TWIN_APP_LAYER_CACHE=0`` to turn the cache off.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import os
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from twin_app import __version__
from twin_app.core import layer_store
from twin_app.core.city import CityManifest, LayerSpec
from twin_app.core.feedback import Feedback
from twin_app.core.i18n import _
from twin_app.core.kinds import ENTRY_POINT_GROUP
from twin_app.core.layers import Layer

CACHE_ENV = "TWIN_APP_LAYER_CACHE"
#: bumped when what a layer kind returns changes shape without a version change (e.g. population
#: grids became PopulationLayer; 3: street networks gained ``at_grade``; 4: GTFS stops became
#: StopsLayer; 5: entries are data (layer_store), keyed on file contents and sidecars)
CACHE_REVISION = 5
#: the file name ending of an entry
SUFFIX = ".layer"
#: files up to this size are keyed on their content (BLAKE2b reads ~1 GB/s)
DIGEST_LIMIT = 64 * 1024 * 1024
#: a larger file modified this recently is not cached (its size and times cannot be trusted yet)
SETTLE_S = 2.0
#: a source folder with more files than this is not cached
MAX_FILES = 10_000

#: the key in a load's shared dict under which the first fingerprint of each file is kept
_SEEN = "layer_cache.first_fingerprints"
#: folders already reported as unsafe in this process (one warning each)
_warned: set[str] = set()


def enabled() -> bool:
    return os.environ.get(CACHE_ENV, "1").strip().lower() not in {"0", "false", "no", "off"}


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "twin_app" / "layers"


# --- the folder ----------------------------------------------------------------------------------


def folder_problem(folder: Path, uid: int | None = None) -> str | None:
    """Why ``folder`` must not hold cache entries (None when it is this user's own, private one).

    A clause in the current language, said after "is not used because".
    """
    uid = os.geteuid() if uid is None else uid
    try:
        st = folder.stat()
    except OSError as exc:
        return _("it cannot be read ({error})").format(error=exc.strerror)
    if not stat.S_ISDIR(st.st_mode):
        return _("it is not a folder")
    if st.st_uid != uid:
        return _("it belongs to another user")
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return _("other users can write to it")
    return None


def usable_dir(feedback: Feedback | None = None) -> Path | None:
    """The cache folder, created private; None (with one warning) when it is not safe to use."""
    folder = cache_dir()
    try:
        folder.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        return None
    for place in (folder.parent, folder):
        problem = folder_problem(place)
        if problem:
            if str(place) not in _warned:
                _warned.add(str(place))
                (feedback or Feedback()).warning(
                    _(
                        "The layer cache folder '{folder}' is not used because {problem}; layers are read "
                        "from their files every time. Remove the folder or make it yours alone (chmod 700) "
                        "to open cities faster."
                    ).format(folder=place, problem=problem)
                )
            return None
    with contextlib.suppress(OSError):
        if stat.S_IMODE(folder.stat().st_mode) & 0o077:
            folder.chmod(0o700)  # written by an older twin_app with the default umask
    return folder


# --- fingerprints --------------------------------------------------------------------------------


def source_files(source: Path) -> list[Path] | None:
    """Every file a layer from ``source`` may read (None when that cannot be told safely).

    The rule is generic, so a new layer kind needs nothing: the source and
    its same-stem siblings, or every file under a source folder.
    """
    try:
        st = source.stat()
    except OSError:
        return None
    if stat.S_ISDIR(st.st_mode):
        found: list[Path] = []
        for root, _dirs, names in os.walk(source):
            found.extend(Path(root) / n for n in names)
            if len(found) > MAX_FILES:
                return None
        return sorted(found)
    if not stat.S_ISREG(st.st_mode):
        return None
    stem = source.name.rsplit(".", 1)[0].lower() + "."
    try:
        siblings = [p for p in source.parent.iterdir() if p.name.lower().startswith(stem) and p != source]
    except OSError:
        return None
    return [source, *sorted(siblings)]


#: digests of settled files by their full stat identity: one OSM file feeds several layers, and
#: each is fingerprinted before and after its read, so without this it is hashed a dozen times a load
_DIGESTS: dict[tuple[Any, ...], str] = {}


def _digest(path: Path, st: os.stat_result, now: float) -> str:
    """The file's content digest; reused while its inode, size and both times are unchanged.

    The status change time cannot be set by a user, so an unchanged one means
    the content was not rewritten, unless the file system's clock is too coarse
    to tell: files changed within :data:`SETTLE_S` are always hashed afresh.
    """
    identity = (str(path), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)
    settled = now - max(st.st_mtime, st.st_ctime) >= SETTLE_S
    if settled and identity in _DIGESTS:
        return _DIGESTS[identity]
    h = hashlib.blake2b(digest_size=20)
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            h.update(chunk)
    if settled:
        if len(_DIGESTS) > 4096:
            _DIGESTS.clear()
        _DIGESTS[identity] = h.hexdigest()
    return h.hexdigest()


def fingerprint(source: Path) -> tuple[Any, ...] | None:
    """What the files of ``source`` are now; None when the layer must not be cached."""
    files = source_files(source)
    if files is None:
        return None
    now = time.time()
    out: list[Any] = []
    for path in files:
        try:
            st = path.stat()
            if not stat.S_ISREG(st.st_mode):
                return None  # a FIFO or device beside the source: never read it here
            if st.st_size <= DIGEST_LIMIT:
                out.append((path.name, st.st_size, _digest(path, st, now)))
            else:
                if now - st.st_mtime < SETTLE_S:
                    return None
                out.append((path.name, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev))
        except OSError:
            return None
    return tuple(out)


@functools.cache
def _package_stamp(module_name: str) -> tuple[Any, ...]:
    """The name, size and modification time of the ``.py`` files of ``module_name``'s package."""
    top = module_name.split(".")[0]
    module = sys.modules.get(top)
    file = getattr(module, "__file__", None)
    if not file:
        return ()
    path = Path(file)
    files = sorted(path.parent.rglob("*.py"))[:2000] if path.name == "__init__.py" else [path]
    out: list[Any] = []
    for f in files:
        with contextlib.suppress(OSError):
            st = f.stat()
            out.append((str(f.relative_to(path.parent)), st.st_size, st.st_mtime_ns))
    return tuple(out)


@functools.cache
def _kind_distributions() -> dict[str, tuple[str, str]]:
    """Kind name -> (distribution, version), from the entry points the kinds are registered by.

    (``importlib.metadata.packages_distributions`` would read every installed
    distribution's file list: a quarter of a second at each start.)
    """
    out: dict[str, tuple[str, str]] = {}
    for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        if ep.dist is not None:
            out[ep.name] = (ep.dist.name, ep.dist.version)
    return out


def kind_identity(kind: Any, name: str) -> tuple[Any, ...]:
    """The module, distribution, version and code stamp of the layer kind ``name``."""
    module = type(kind).__module__
    return (module, _kind_distributions().get(name), _package_stamp(module))


def cache_key(manifest: CityManifest, spec: LayerSpec, kind: Any, files: tuple[Any, ...]) -> str:
    parts: list[Any] = [
        __version__,
        CACHE_REVISION,
        _package_stamp("twin_app.core"),
        spec.kind,
        kind_identity(kind, spec.kind),
        str(spec.source.resolve()),
        files,
        sorted((k, repr(v)) for k, v in spec.options.items()),
        manifest.crs,
        manifest.bbox_lonlat,
        manifest.buildings,
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


# --- entries -------------------------------------------------------------------------------------


def read_entry(folder: Path, key: str) -> Layer | str | None:
    """The layer stored under ``key``; None when there is none; a reason when it was damaged (and removed)."""
    path = folder / f"{key}{SUFFIX}"
    try:
        st = path.lstat()
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        reason = "it was not a plain file"
    else:
        try:
            with path.open("rb") as handle:
                return layer_store.decode(handle.read(), key)
        except OSError as exc:
            reason = f"it could not be read ({exc.strerror})"
        except layer_store.DamagedEntry as exc:
            reason = str(exc)
    with contextlib.suppress(OSError):
        path.unlink()
    return reason


def _remove_stale_temporaries(folder: Path, age_s: float = 3600.0) -> None:
    """Remove what writes killed half-way left behind (never read: only entries are)."""
    now = time.time()
    for tmp in folder.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            st = tmp.lstat()
            if stat.S_ISREG(st.st_mode) and now - st.st_mtime > age_s:
                tmp.unlink()


def write_entry(folder: Path, key: str, layer: Layer) -> bool:
    """Store ``layer`` atomically; False when it cannot be stored as data or the write failed."""
    try:
        data = layer_store.dumps(layer, key)
    except layer_store.NotData:
        return False
    _remove_stale_temporaries(folder)
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, folder / f"{key}{SUFFIX}")
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return False
    return True


def load(
    manifest: CityManifest,
    spec: LayerSpec,
    kind: Any,
    read: Callable[[], Layer],
    *,
    feedback: Feedback | None = None,
    shared: dict[Any, Any] | None = None,
) -> Layer:
    """The layer from the cache, else from ``read()`` (stored when its files held still)."""
    if not enabled():
        return read()
    folder = usable_dir(feedback)
    before = fingerprint(spec.source) if folder is not None else None
    if folder is None or before is None:
        return read()
    # the files as this load first saw them: a kind may reuse a parse made for an earlier layer
    seen = shared.setdefault(_SEEN, {}) if shared is not None else {}
    first = seen.setdefault(str(spec.source.resolve()), before)
    key = cache_key(manifest, spec, kind, before)
    found = read_entry(folder, key)
    if isinstance(found, Layer):
        return found
    layer = read()
    if first == before and fingerprint(spec.source) == before:
        write_entry(folder, key, layer)
    if isinstance(found, str):
        layer.notes.append(
            _(
                "The cached copy of this layer was damaged ({reason}) and was rebuilt from '{file}'; the "
                "file itself is fine."
            ).format(reason=found, file=spec.source.name)
        )
    return layer
