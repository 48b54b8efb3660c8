"""Turn an exception nobody caught on purpose into one sentence a planner can act on.

Layer kinds raise :class:`~twin_app.core.errors.TwinError` for what they
foresee, but a file can still fail deep inside GDAL, SQLite, zlib, pandas or
the operating system.  "An unexpected error, please report" is wrong for
most of those: a full disk, a file without read permission, a damaged zip or
a text file named ``.gpkg`` are the user's to fix, and the sentence should
say how.  :func:`explain` knows those causes; only a truly unknown one keeps
the generic wording (still naming the file and the layer), and asks for a
report.

One function serves the loader, the window's workers and the command line,
so a planner reads the same sentence wherever the file failed.

Third-party exception classes are recognised by their qualified names along
the class's MRO, never imported here: explaining an error must not pull
GDAL, pandas or shapely into a process that did not load them.
"""

from __future__ import annotations

import errno
import traceback
from pathlib import Path

from twin_app.core.i18n import N_, _

__all__ = ["explain", "is_known"]

#: what a planner can do about an operating-system error, by errno (``{file}``: the path it names)
_OS_CAUSES: dict[int, str] = {
    errno.EACCES: N_(
        "you are not allowed to read or write {file}; ask its owner for access, "
        "or copy it to a folder of your own"
    ),
    errno.EPERM: N_(
        "the operating system does not permit this on {file}; ask its owner for access, "
        "or copy it to a folder of your own"
    ),
    errno.EISDIR: N_("{file} is a folder where a file is needed; name the file inside it instead"),
    errno.ENOTDIR: N_("a file stands where a folder is needed on the path {file}; check the path"),
    errno.ENOENT: N_(
        "{file} disappeared while it was being read (moved or deleted by another program, "
        "or still being copied); put it back, wait for the copy to finish, and try again"
    ),
    errno.ENOSPC: N_("the disk is full; free some space or choose another place, and try again"),
    errno.EDQUOT: N_("your disk quota is used up; free some space or choose another place, and try again"),
    errno.EMFILE: N_(
        "too many files are open at once; close other programs or raise the limit "
        "('ulimit -n'), and try again"
    ),
    errno.ENFILE: N_("the system has too many files open; close other programs and try again"),
    errno.ELOOP: N_(
        "{file} is a symbolic link that leads back to itself (too many levels of links); "
        "replace the link with the file it should point to"
    ),
    errno.ENAMETOOLONG: N_(
        "a file name or path is too long for this system ({file}); move the files to a "
        "folder with a shorter path, or give them shorter names"
    ),
    errno.EROFS: N_("{file} is on a read-only disk; choose another place"),
    errno.EIO: N_(
        "the disk reported an error while reading or writing {file}; copy the file to another "
        "disk and try again"
    ),
    errno.ENOMEM: N_(
        "the computer ran out of memory; close other programs, or cut the data to the "
        "city's area, and try again"
    ),
}

#: GDAL/OGR errors, as raised by pyogrio, fiona and rasterio
_GDAL = {
    "pyogrio.errors.DataSourceError",
    "pyogrio.errors.DataLayerError",
    "pyogrio.errors.FieldError",
    "pyogrio.errors.GeometryError",
    "fiona.errors.FionaError",
    "fiona.errors.DriverError",
    "fiona._err.CPLE_BaseError",
    "rasterio.errors.RasterioIOError",
    "rasterio.errors.RasterioError",
    "rasterio._err.CPLE_BaseError",
}
_CRS = {
    "pyproj.exceptions.CRSError",
    "pyogrio.errors.CRSError",
    "rasterio.errors.CRSError",
    "fiona.errors.CRSError",
}
_GEOS = {"shapely.errors.GEOSException", "shapely.errors.TopologicalError", "shapely.errors.ShapelyError"}
_COMPRESSED = {
    "zipfile.BadZipFile",
    "zlib.error",
    "gzip.BadGzipFile",
    "_lzma.LZMAError",
    "lzma.LZMAError",
}
_TABLE = {"pandas.errors.ParserError", "pandas.errors.EmptyDataError", "pandas.errors.IntCastingNaNError"}


def _names(exc: BaseException) -> set[str]:
    """The qualified names of ``exc``'s class and every class it derives from."""
    return {f"{cls.__module__}.{cls.__qualname__}" for cls in type(exc).__mro__}


def _quoted(path: object) -> str:
    return f"'{path}'" if path else _("a file it uses")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0].strip() if text else type(exc).__name__


def _raised_in(exc: BaseException, package: str) -> bool:
    """Whether any frame of ``exc``'s traceback is code of ``package`` (e.g. ``pandas``)."""
    for frame, _line in traceback.walk_tb(exc.__traceback__):
        name = frame.f_globals.get("__name__", "")
        if name == package or name.startswith(package + "."):
            return True
    return False


def _damaged_compressed(exc: BaseException) -> str:
    return _("the compressed file is damaged or cut short ({error}); download or export it again").format(
        error=_first_line(exc)
    )


def _os_cause(exc: OSError) -> str:
    if _raised_in(exc, "bz2"):  # bz2 says "Invalid data stream" as a plain OSError
        return _damaged_compressed(exc)
    advice = _OS_CAUSES.get(exc.errno or 0)
    if advice is not None:
        return _(advice).format(file=_quoted(exc.filename))
    reason = exc.strerror or _first_line(exc)
    return _("the operating system reported a problem with {file} ({reason}); check it and try again").format(
        file=_quoted(exc.filename), reason=reason
    )


def _table_cause(exc: BaseException) -> str | None:
    """A column missing or a value that is not a number, in a table pandas was reading."""
    if isinstance(exc, KeyError) and exc.args:
        column = exc.args[0]
        if isinstance(column, str) and not column.startswith("None of ["):
            return _(
                "the column '{column}' is missing from the table; check the column names in the file "
                "(and the column option in city.toml)"
            ).format(column=column)
        return _("a column it needs is missing from the table ({error}); check the column names").format(
            error=_first_line(exc)
        )
    message = _first_line(exc)
    if "convert" in message or "parse" in message or "invalid literal" in message:
        return _(
            "a value in the table is not a number where one is needed ({error}); correct or remove that value"
        ).format(error=message)
    return _(
        "the table is malformed ({error}); check the file's columns and values, or export it again"
    ).format(error=message)


def _cause(exc: BaseException) -> str | None:
    """What went wrong and what to do, in a clause; None for a cause we do not know."""
    names = _names(exc)
    message = _first_line(exc)
    if isinstance(exc, MemoryError):
        advice = N_(
            "the file is too large for this computer's memory ({error}); cut it to the city's area "
            "(e.g. with osmium extract or ogr2ogr -spat), or use a computer with more memory"
        )
        if not str(exc):
            advice = N_(
                "the file is too large for this computer's memory; cut it to the city's area "
                "(e.g. with osmium extract or ogr2ogr -spat), or use a computer with more memory"
            )
        return _(advice).format(error=message)
    if isinstance(exc, RecursionError):
        return _(
            "the data is nested too deeply to be read (a geometry or relation that contains itself, "
            "or far too many levels); repair or export the file again"
        )
    if isinstance(exc, UnicodeDecodeError):
        byte = exc.object[exc.start : exc.start + 1].hex() if exc.object else "?"
        return _(
            "its text is not in the {encoding} encoding (byte 0x{byte} at offset {offset}); "
            "save it again as UTF-8, or add a .cpg file naming its encoding beside a shapefile"
        ).format(encoding=exc.encoding, byte=byte, offset=exc.start)
    if names & _COMPRESSED:
        return _damaged_compressed(exc)
    if isinstance(exc, EOFError):
        return _(
            "the file ends before its data does ({error}); it was cut short: download or copy it again"
        ).format(error=message)
    if "sqlite3.DatabaseError" in names:
        if "locked" in message:
            return _("another program holds the database locked ({error}); close it and try again").format(
                error=message
            )
        return _(
            "it is not a GeoPackage/SQLite database, or it is damaged ({error}); "
            "export it again as a GeoPackage"
        ).format(error=message)
    if names & _CRS:
        return _(
            "its coordinate reference system cannot be understood ({error}); give the file a CRS "
            "(e.g. an EPSG code) and export it again"
        ).format(error=message)
    if names & _GDAL:
        return _(
            "GDAL could not read it: {error}; check that the file is whole and of the type its name says"
        ).format(error=message)
    if names & _GEOS:
        return _(
            "a geometry in the file is invalid: {error}; repair it (e.g. QGIS 'Fix geometries' "
            "or ogr2ogr -makevalid) and try again"
        ).format(error=message)
    if names & _TABLE:
        return _table_cause(exc)
    if isinstance(exc, KeyError | ValueError) and _raised_in(exc, "pandas"):
        return _table_cause(exc)
    if isinstance(exc, OSError):
        return _os_cause(exc)
    if isinstance(exc, ImportError):
        return _("a part of the installation is missing ({error}); reinstall twin_app").format(error=message)
    return None


def is_known(exc: BaseException) -> bool:
    """Whether :func:`explain` knows what caused ``exc`` (else it is a defect to report)."""
    return _cause(exc) is not None


def explain(exc: BaseException, *, subject: str, path: Path | str | None = None) -> str:
    """One sentence: ``subject`` (what failed, naming the file), the cause, and what to do.

    ``subject`` is a clause such as "The layer 'Buildings' could not be loaded
    from '/data/b.gpkg'".  ``path`` names the file when the subject does not,
    so even an unknown cause says which file to send with the report.
    """
    cause = _cause(exc)
    if cause is not None:
        # TRANSLATORS: {subject} says what failed ("The layer 'X' could not be loaded from 'Y'"), {cause} why
        return _("{subject}: {cause}.").format(subject=subject, cause=cause)
    error = f"{type(exc).__name__}: {_first_line(exc)}"
    if path is not None:
        return _(
            "{subject} because of an unexpected error while reading '{path}' ({error}); "
            "please report this to the twin_app developers, with the file if you can share it."
        ).format(subject=subject, path=path, error=error)
    return _(
        "{subject} because of an unexpected error ({error}); "
        "please report this to the twin_app developers, with the file if you can share it."
    ).format(subject=subject, error=error)
