"""A disk cache of loaded layers, so a city opens fast the second time.

Parsing OpenStreetMap and GTFS is most of a city's load time.  The loaded
layer is stored (pickled) under the user's cache folder, keyed by everything
that determines it: twin_app's version, the layer kind, the source file's
path, size and modification time, the layer's options and the city's CRS,
extent and building rules.  Change any of them and the key changes; a cache
file that cannot be read is ignored and replaced.  Only layers that loaded
without error are stored.

Set ``TWIN_APP_LAYER_CACHE=0`` to turn it off.  The folder holds files this
user's own twin_app wrote (pickles are code: nothing else should write there).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from twin_app import __version__
from twin_app.core.city import CityManifest, LayerSpec
from twin_app.core.layers import Layer

CACHE_ENV = "TWIN_APP_LAYER_CACHE"
#: bumped when what a layer kind returns changes shape without a version change (e.g. population
#: grids became PopulationLayer; 3: street networks gained ``at_grade``; 4: GTFS stops became
#: StopsLayer): layers cached before must not be served as the new type
CACHE_REVISION = 4


def enabled() -> bool:
    return os.environ.get(CACHE_ENV, "1").strip().lower() not in {"0", "false", "no", "off"}


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "twin_app" / "layers"


def cache_key(manifest: CityManifest, spec: LayerSpec) -> str:
    stat = spec.source.stat()
    parts: list[Any] = [
        __version__,
        CACHE_REVISION,
        spec.kind,
        str(spec.source.resolve()),
        stat.st_size,
        stat.st_mtime_ns,
        sorted((k, repr(v)) for k, v in spec.options.items()),
        manifest.crs,
        manifest.bbox_lonlat,
        manifest.buildings,
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def read(manifest: CityManifest, spec: LayerSpec) -> Layer | None:
    """The cached layer, or None (not cached, disabled, or unreadable)."""
    if not enabled():
        return None
    try:
        path = cache_dir() / f"{cache_key(manifest, spec)}.pickle"
        with path.open("rb") as handle:
            layer = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return layer if isinstance(layer, Layer) else None


def write(manifest: CityManifest, spec: LayerSpec, layer: Layer) -> None:
    """Store ``layer``; a failure to write only costs the next start its speed."""
    if not enabled():
        return
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(layer, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"{cache_key(manifest, spec)}.pickle")
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        with contextlib.suppress(OSError):
            os.unlink(tmp)
