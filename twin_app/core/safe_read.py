"""Limits on what reading a file may do: no network, no other files, bounded memory.

GDAL picks a driver by a file's content, and some formats are programs of a
sort: a VRT (XML) names other files or URLs to read, so a ``.tif`` a
colleague hands over could make twin_app fetch a URL or show ``/etc/passwd``
as pixels.  Layer kinds therefore check a file's content against the format
they expect before GDAL sees it, and open it with that driver only; this
module holds what they share: the GDAL settings that keep it off the network,
the refusal of URLs and ``/vsi...`` paths, and the memory limit checked
against a file's header before its data is read.

The limit is ``TWIN_APP_MAX_READ_BYTES`` (bytes; default 1 GiB): a header can
declare any size, and a 5 MB file declaring 200,000 × 200,000 pixels must
be refused from its header, not discovered by running out of memory.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from twin_app.core.errors import RemoteSourceError, ResourceLimitError
from twin_app.core.i18n import _, format_number

#: environment variable naming the largest array (bytes) a layer may read at once
MAX_READ_BYTES_ENV = "TWIN_APP_MAX_READ_BYTES"
DEFAULT_MAX_READ_BYTES = 1 << 30
#: environment variable that, set to 1, leaves GDAL's network access as GDAL has it (a live source)
ALLOW_NETWORK_ENV = "TWIN_APP_GDAL_NETWORK"

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:/")
#: GDAL configuration that keeps it off the network and away from embedded code
NO_NETWORK_GDAL_OPTIONS = {
    # /vsicurl/ (and the VRTs or sidecars that name it) accepts only URLs ending so: none do
    "CPL_VSIL_CURL_ALLOWED_EXTENSIONS": ".twin-app-no-network",
    "GDAL_HTTP_MAX_RETRY": "0",
    "GDAL_HTTP_TIMEOUT": "1",
    "GDAL_HTTP_CONNECTTIMEOUT": "1",
    # cloud file systems never look for credentials or ask a metadata server
    "AWS_NO_SIGN_REQUEST": "YES",
    "CPL_GS_CREDENTIALS_FILE": "",
    "GDAL_VRT_ENABLE_PYTHON": "NO",
    "OGR_SQLITE_LOAD_EXTENSIONS": "",
}


def forbid_gdal_network() -> None:
    """Set the GDAL options above for this process (GDAL reads them from the environment).

    Idempotent and cheap; kinds call it before each read.  Skipped when
    ``TWIN_APP_GDAL_NETWORK=1`` says a live source is configured.
    """
    if os.environ.get(ALLOW_NETWORK_ENV) == "1":
        return
    for key, value in NO_NETWORK_GDAL_OPTIONS.items():
        if os.environ.get(key) != value:
            os.environ[key] = value


def is_remote(path: Path | str) -> bool:
    """A URL or a GDAL virtual file system path (``/vsicurl/``, ``/vsizip/``, ...), not a plain file."""
    text = str(path).replace("\\", "/")
    # a Path turns "https://" into "https:/"; a scheme has two letters or more, unlike "C:/"
    return bool(_URL.match(text)) or "://" in text or text.lower().startswith("/vsi")


def refuse_remote(path: Path | str) -> None:
    """Raise :class:`RemoteSourceError` for a URL or ``/vsi...`` path."""
    if is_remote(path):
        raise RemoteSourceError(path)


def max_read_bytes() -> int:
    """The memory limit for one array read from a file (``TWIN_APP_MAX_READ_BYTES``, default 1 GiB)."""
    raw = os.environ.get(MAX_READ_BYTES_ENV, "").strip()
    try:
        value = int(float(raw)) if raw else DEFAULT_MAX_READ_BYTES
    except ValueError:
        return DEFAULT_MAX_READ_BYTES
    return value if value > 0 else DEFAULT_MAX_READ_BYTES


def check_read_size(path: Path | str, width: int, height: int, itemsize: int, *, what: str) -> None:
    """Refuse, from the declared size, an array of ``width × height`` items over the limit."""
    need = int(width) * int(height) * int(itemsize)
    limit = max_read_bytes()
    if width < 0 or height < 0 or need > limit:
        raise ResourceLimitError(
            _(
                "twin_app will not read {what} of '{path}': it is {width} × {height} cells, {size} "
                "in memory, "
                "over the limit of {limit}. Crop or resample the file to the city, or raise the limit with "
                "{variable}=<bytes> if the computer has the memory."
            ).format(
                what=_(what),
                path=path,
                width=format_number(int(width)),
                height=format_number(int(height)),
                size=_size(need),
                limit=_size(limit),
                variable=MAX_READ_BYTES_ENV,
            ),
            path=path,
        )


def _size(n: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{format_number(n / scale, 1)} {unit}"
    return _("{size} bytes").format(size=n)  # under 1024: no digit grouping needed
