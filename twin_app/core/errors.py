"""Errors are types; their messages are sentences a planner can act on.

Every error raised on purpose by twin_app derives from :class:`TwinError` and
carries a complete, human sentence: what happened, which file, what to do.
The CLI prints ``str(error)``; the GUI shows it in a dialog.  Code that needs
to react to a specific failure catches the specific subclass.

The sentences are made in the language core speaks when the error is raised
(:mod:`twin_app.core.i18n`): a planner in a workshop reads them in hers.
The noun a caller names (``what="table"``, ``fmt="a GTFS feed"``) is
translated too where the catalogue has it (those below are marked for it);
the translations place it where their grammar allows.
"""

from __future__ import annotations

from pathlib import Path

from twin_app.core.catalogues import N_, _

#: the things callers name in these sentences, marked so the catalogue has them
KNOWN_NOUNS = (
    N_("file"),
    N_("table"),
    N_("project file"),
    N_("observation store"),
    N_("observation log"),
    N_("sensor station file"),
    N_("GTFS feed"),
    N_("CSV"),
    N_("a GeoPackage or GeoJSON file"),
    N_("a twin_app project"),
    N_("a twin_app project (GeoPackage)"),
    N_("a GTFS feed"),
    N_("a GTFS feed (zip)"),
    N_("a GeoTIFF raster"),
    N_("OpenStreetMap extract"),
    N_("city manifest"),
)


class TwinError(Exception):
    """Base class of every error twin_app raises deliberately."""

    def __init__(self, message: str, *, path: Path | str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None

    def __str__(self) -> str:
        return self.message


class MissingFileError(TwinError):
    """A file the user or a manifest named does not exist."""

    def __init__(self, path: Path | str, *, what: str = "file") -> None:
        super().__init__(
            _(
                "The {what} '{path}' does not exist. Check the path, or copy the file there and try again."
            ).format(what=_(what), path=path),
            path=path,
        )


class CorruptFileError(TwinError):
    """A file exists but cannot be read as the format it claims to be."""

    def __init__(self, path: Path | str, *, fmt: str, detail: str = "") -> None:
        if detail:
            message = _(
                "The file '{path}' could not be read as {format}: it is damaged, truncated or of another "
                "type ({detail}). Export or download it again."
            ).format(path=path, format=_(fmt), detail=detail)
        else:
            message = _(
                "The file '{path}' could not be read as {format}: it is damaged, truncated or of another "
                "type. Export or download it again."
            ).format(path=path, format=_(fmt))
        super().__init__(message, path=path)


class UnsupportedFormatError(TwinError):
    """twin_app has no layer kind that reads this kind of file."""

    def __init__(self, path: Path | str, *, known: str) -> None:
        super().__init__(
            _(
                "twin_app cannot open '{path}': its type is not one it knows. Supported files are {known}."
            ).format(path=path, known=known),
            path=path,
        )


class CRSError(TwinError):
    """A layer has no coordinate reference system, or one that cannot be right."""


class EmptyLayerError(TwinError):
    """A layer has no features (or only empty geometries) to show."""

    def __init__(self, path: Path | str | None, *, layer: str) -> None:
        if path is not None:
            message = _(
                "The layer '{layer}' in '{path}' has no features to show: it is empty or lies outside the "
                "city. Check that the file covers this city."
            ).format(layer=_(layer), path=path)
        else:
            message = _(
                "The layer '{layer}' has no features to show: it is empty or lies outside the city. "
                "Check that the file covers this city."
            ).format(layer=_(layer))
        super().__init__(message, path=path)


class ManifestError(TwinError):
    """A city folder has no manifest, or the manifest is not valid."""


class CityNotFoundError(TwinError):
    """Neither a bundled city nor a folder of that name exists."""


class NoOpenGLError(TwinError):
    """No OpenGL/EGL library is available, so 3D rendering would crash."""


class CancelledError(TwinError):
    """The user cancelled a long-running operation."""

    def __init__(self) -> None:
        super().__init__(_("The operation was cancelled."))


class ParameterError(TwinError):
    """A parameter value is missing, malformed or out of range."""


class PluginError(TwinError):
    """A plugin could not be loaded, or failed while running (a defect of the plugin)."""


class ResultError(TwinError):
    """An analysis returned something the core refuses (the plugin's fault)."""


class MissingLayerError(TwinError):
    """The city lacks a layer an analysis needs, or the layer chosen is of the wrong type.

    This is the user's to fix (import or open the layer, or choose another
    one), never a defect of the analysis: the message says how.
    """


class DistrictsError(TwinError):
    """The districts layer cannot be used as districts (not polygons, no such name column)."""


class UnreadableContentError(TwinError):
    """A file's name says which kinds could read it, but its content fits none of them."""

    def __init__(self, path: Path | str, *, candidates: str) -> None:
        super().__init__(
            _(
                "twin_app cannot open '{path}': by its name it could be one of: {candidates}; but its "
                "content is none of these (it may be damaged, or another kind of file under that name). "
                "Check what the file holds, or export it again in one of those formats."
            ).format(path=path, candidates=candidates),
            path=path,
        )


class UnreadableFileError(TwinError):
    """A path names no regular file (a folder, FIFO, device or socket), or cannot be read."""


class UnexpectedContentError(CorruptFileError):
    """A file's content is not the format its layer kind reads (a VRT named .tif, say).

    Refused before GDAL opens it with a driver of its own choosing: some
    formats (VRT) make GDAL read other files or fetch URLs.
    """

    def __init__(self, path: Path | str, *, expected: str, found: str) -> None:
        TwinError.__init__(
            self,
            _(
                "twin_app will not open '{path}': it should be {expected}, but its content is {found}, "
                "so it is damaged or another kind of file under that name. Export the data itself "
                "again as {expected} and open that file."
            ).format(path=path, expected=expected, found=found),
            path=path,
        )


class RemoteSourceError(TwinError):
    """A source names a GDAL virtual file system or a URL where a local file is expected."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(
            _(
                "twin_app will not open '{path}': it names a network address or a GDAL virtual file "
                "system, and city layers are read from local files only. Download the data and name the "
                "local file."
            ).format(path=path),
            path=path,
        )


class ResourceLimitError(TwinError):
    """Reading or building a layer would take more memory or cells than the set limit."""


class AnalysisStartError(TwinError):
    """The process an analysis runs in could not be started (out of memory or processes)."""


class ExportSizeError(TwinError):
    """An image size outside what an export can hold (too small for its furniture, or beyond 4K)."""


class FeedError(TwinError):
    """A live feed that cannot be opened as given: an unknown URL scheme, a bad address or mapping file."""


class MalformedMessageError(TwinError):
    """One feed message that cannot be decoded; it is counted and sampled, and the feed goes on."""


class ProjectError(TwinError):
    """A project file that cannot be created, opened or saved as asked (see ``core.project``)."""


class ProjectCityError(ProjectError):
    """The city a project was made for is missing where the project says, or has changed since."""


class ScenarioError(TwinError):
    """A scenario edit that is malformed, or names a feature or layer the city does not have."""


class TableError(TwinError):
    """An imported table that cannot be joined as asked: a missing column, repeated keys, naive times."""


class RasterGridError(TwinError, ValueError):
    """A raster whose grid cannot be used as it is: rotated or sheared, or with pixels of no size.

    Also a ``ValueError``, which code computing on grids has always caught.
    """
