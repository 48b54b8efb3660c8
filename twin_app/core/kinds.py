"""Layer kinds: the providers that turn a source file into a generic layer.

Built-in kinds (package ``twin_layers``) and third-party ones register the
same way, through the ``twin_app.layer_kinds`` entry-point group.  An entry
point names either an object satisfying :class:`LayerKind` (the built-ins),
or, like an analysis, a TOML manifest inside a package (``package:kind.toml``)
giving the kind's id, title, file patterns, typed options and ``entry``, the
object, which is then imported only when a file of its patterns is opened.
Modules behind entry points must import cheaply: heavy libraries are
imported inside ``load``.

Every kind has a :class:`KindManifest` (the built-ins' is read off the
object).  The registry asks a kind's content check before the kind may claim
a file by its name (:meth:`KindRegistry.for_file`), checks a layer's options
against the kind's declared ones, and runs a plugin kind's ``load`` through
:func:`check_layer`: an exception or a layer that is not what the city can
draw becomes a sentence naming the plugin (:class:`PluginError`), never a
traceback, and costs that one layer.
"""

from __future__ import annotations

import contextlib
import importlib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from twin_app.core.entry_points import discover, failure_hint
from twin_app.core.errors import (
    ParameterError,
    PluginError,
    TwinError,
    UnreadableContentError,
    UnsupportedFormatError,
)
from twin_app.core.feedback import Feedback
from twin_app.core.i18n import _, ngettext, sentence_gap
from twin_app.core.layers import Layer

if TYPE_CHECKING:
    from twin_app.core.params import Param

ENTRY_POINT_GROUP = "twin_app.layer_kinds"


@dataclass(frozen=True)
class BuildingRules:
    """How building heights are derived when a building does not give its own.

    The city's ``city.toml`` ``[buildings]`` table sets these; the rule order
    is in :mod:`twin_app.core.heights` and docs/buildings.md.
    """

    storey_height_m: float = 3.0
    #: the last resort for buildings of unknown type; None: the type table's generic storeys
    default_height_m: float | None = None
    #: tagged buildings of a type needed before their median storeys is used for the rest
    min_tagged_for_median: int = 10
    #: the city's own typical storeys per building type (overrides the shipped table)
    storeys: Mapping[str, float] = field(default_factory=dict)


@dataclass
class LoadContext:
    """What a layer kind needs to know about the city it loads into.

    ``cache`` is shared by all layers of one city load, so that one OSM file
    read for buildings is not parsed again for parks and water.
    """

    crs: str
    bbox_lonlat: tuple[float, float, float, float] | None = None
    layer_id: str = "layer"
    title: str = ""
    buildings: BuildingRules = field(default_factory=BuildingRules)
    feedback: Feedback = field(default_factory=Feedback)
    cache: dict[Any, Any] = field(default_factory=dict)


@runtime_checkable
class LayerKind(Protocol):
    """A provider of layers from one kind of source.

    Two methods are optional (checked with ``getattr``, so older kinds keep
    working); call them through :func:`kind_can_read` and :func:`kind_attribution`:

    - ``can_read(path) -> bool``: whether the file's *content* is this kind's
      format (a ``.zip`` may be a GTFS feed or a zipped shapefile).  It must be
      cheap (read a header, list an archive) and never raise.
    - ``attribution(path) -> str | None``: the credit line the file itself
      states (publisher, copyright, licence), or None when it says nothing.
    """

    name: str
    title: str
    #: lower-case file suffixes this kind opens directly ("" entries are ignored)
    suffixes: tuple[str, ...]

    def load(self, source: Path, options: Mapping[str, Any], ctx: LoadContext) -> Layer: ...


def kind_can_read(kind: LayerKind, path: Path) -> bool | None:
    """The kind's verdict on ``path``'s content; None when the kind cannot judge content."""
    can_read = getattr(kind, "can_read", None)
    if can_read is None:
        return None
    try:
        return bool(can_read(path))
    except Exception:  # a kind's bug in its check means "no", not a crash
        return False


def kind_attribution(kind: LayerKind, path: Path) -> str | None:
    """The credit line ``path`` states about itself, read by its kind (None if none)."""
    attribution = getattr(kind, "attribution", None)
    if attribution is None:
        return None
    try:
        text = attribution(path)
    except Exception:  # credits are a courtesy of the file: failing to read one is no error
        return None
    if not text:
        return None
    return " ".join(str(text).split()) or None


@dataclass(frozen=True)
class KindManifest:
    """What a layer kind says about itself, before any of its code is imported."""

    id: str
    title: str
    #: file name patterns it opens directly ("*.aq.csv"); only "*" + suffix patterns are understood
    patterns: tuple[str, ...] = ()
    description: str = ""
    #: typed options a [[layers]] entry may give (the parameter types analyses use)
    options: tuple[Param, ...] = ()
    #: ``module:object``; empty when the entry point named the object itself
    entry: str = ""
    version: str = ""
    distribution: str = ""
    builtin: bool = False

    @property
    def suffixes(self) -> tuple[str, ...]:
        return tuple(p.lower().removeprefix("*") for p in self.patterns if p.startswith("*."))

    def as_json(self) -> dict[str, Any]:
        from twin_app.core.params import param_json

        return {
            "id": self.id,
            "title": self.title,
            "patterns": list(self.patterns),
            "description": self.description,
            "builtin": self.builtin,
            "distribution": self.distribution,
            "version": self.version,
            "options": [param_json(p) for p in self.options],
        }


def parse_kind_manifest(raw: Mapping[str, Any], *, source: str, distribution: str = "") -> KindManifest:
    """A kind's manifest from its TOML table; a missing or wrong key is a sentence naming the file."""
    from twin_app.core.params import param_from_spec

    def need(key: str) -> Any:
        if key not in raw:
            raise PluginError(
                _("The layer kind manifest {source} has no '{key}'.").format(source=source, key=key)
            )
        return raw[key]

    patterns = raw.get("patterns", [])
    if not (isinstance(patterns, list) and all(isinstance(p, str) and p.startswith("*.") for p in patterns)):
        raise PluginError(
            _("The layer kind manifest {source} must give its file patterns as {example}.").format(
                source=source, example='patterns = ["*.suffix", ...]'
            )
        )
    try:
        options = tuple(param_from_spec(p) for p in raw.get("options", []))
    except TwinError as exc:
        raise PluginError(
            _("The layer kind manifest {source} declares a bad option: {error}").format(
                source=source, error=exc
            )
        ) from None
    return KindManifest(
        id=str(need("id")),
        title=str(need("title")),
        patterns=tuple(patterns),
        description=str(raw.get("description", "")).strip(),
        options=options,
        entry=str(need("entry")),
        version=str(raw.get("version", "")),
        distribution=distribution,
    )


def manifest_of(
    kind: Any, *, name: str | None = None, distribution: str = "", version: str = ""
) -> KindManifest:
    """The manifest of a kind registered as an object: read off its attributes."""
    module = type(kind).__module__
    return KindManifest(
        id=name or str(getattr(kind, "name", "")),
        title=str(getattr(kind, "title", "")),
        patterns=tuple("*" + s for s in getattr(kind, "suffixes", ()) if s),
        description=str(getattr(kind, "description", "") or ""),
        options=tuple(getattr(kind, "options", ()) or ()),
        version=version,
        distribution=distribution,
        builtin=module.split(".")[0] == "twin_layers",
    )


def _read_entry_point(ep: EntryPoint) -> tuple[KindManifest, LayerKind | None]:
    dist = ep.dist.name if ep.dist is not None else ""
    version = ep.dist.version if ep.dist is not None else ""
    package, _sep, resource = ep.value.partition(":")
    if resource.endswith(".toml"):
        text = (files(package) / resource).read_text(encoding="utf-8")
        manifest = parse_kind_manifest(tomllib.loads(text), source=f"{package}/{resource}", distribution=dist)
        if manifest.id != ep.name:
            raise PluginError(
                _(
                    "The layer kind manifest {source} has id '{id}' but its entry point is called '{name}'; "
                    "give both the same name."
                ).format(source=f"{package}/{resource}", id=manifest.id, name=ep.name)
            )
        return manifest, None
    kind = ep.load()
    return manifest_of(kind, name=ep.name, distribution=dist, version=version), kind


class KindRegistry:
    """Layer kinds found through entry points; a manifest's kind is imported on first use."""

    def __init__(self, kinds: Mapping[str, LayerKind] | None = None) -> None:
        self._manifests: dict[str, KindManifest] | None = None
        self._kinds: dict[str, LayerKind] = {}
        if kinds is not None:
            self._kinds = dict(kinds)
            self._manifests = {name: manifest_of(k, name=name) for name, k in self._kinds.items()}
        self.failures: dict[str, str] = {}

    def _discover(self) -> dict[str, KindManifest]:
        if self._manifests is None:
            found, self.failures = discover(ENTRY_POINT_GROUP, _read_entry_point, lambda ep, _: ep.name)
            self._manifests = {name: m for name, (m, _) in found.items()}
            self._kinds = {name: k for name, (_, k) in found.items() if k is not None}
        return self._manifests

    def add(self, manifest: KindManifest, kind: LayerKind | None = None) -> None:
        """Register a kind by hand (tests, an app embedding twin_app); the object may come later by entry."""
        self._discover()[manifest.id] = manifest
        if kind is not None:
            self._kinds[manifest.id] = kind

    def names(self) -> list[str]:
        return sorted(self._discover())

    def manifests(self) -> list[KindManifest]:
        return [self._discover()[n] for n in self.names()]

    def manifest(self, name: str) -> KindManifest:
        self.get(name)  # the sentence for an unknown or broken kind
        return self._discover()[name]

    def check_all(self) -> None:
        """Import every kind now, so a listing shows the broken ones with their reasons."""
        for name in self.names():
            with contextlib.suppress(PluginError):  # recorded in failures
                self.get(name)

    def get(self, name: str) -> LayerKind:
        manifests = self._discover()
        if name not in manifests:
            message = _("No layer kind called '{name}' is installed.").format(name=name)
            kinds = _("Installed kinds: {kinds}.").format(kinds=", ".join(sorted(manifests)))
            hint, gap = failure_hint(self.failures, name), sentence_gap()
            raise TwinError(f"{message}{hint}{gap}{kinds}")  # three sentences
        if name not in self._kinds:
            self._kinds[name] = self._import(manifests[name])
        return self._kinds[name]

    def _import(self, manifest: KindManifest) -> LayerKind:
        module_name, _sep, attr = manifest.entry.partition(":")
        try:
            kind = getattr(importlib.import_module(module_name), attr)
        except Exception as exc:
            self.failures[manifest.id] = f"{type(exc).__name__}: {exc}"
            raise PluginError(
                _(
                    "The layer kind '{kind}' ({package}) could not be loaded: {error}. The other kinds still "
                    "work; reinstall or update this plugin."
                ).format(kind=manifest.id, package=_who(manifest), error=f"{type(exc).__name__}: {exc}")
            ) from exc
        if getattr(kind, "name", None) != manifest.id or not callable(getattr(kind, "load", None)):
            self.failures[manifest.id] = f"'{manifest.entry}' is not a layer kind named '{manifest.id}'"
            raise PluginError(
                _(
                    "The layer kind '{kind}' ({package}) names '{entry}', which is not a layer kind called "
                    "'{kind}' with {signature}; report this to the plugin's authors."
                ).format(
                    kind=manifest.id,
                    package=_who(manifest),
                    entry=manifest.entry,
                    signature="load(source, options, ctx)",
                )
            )
        return kind

    def for_file(self, path: Path) -> LayerKind:
        """The kind that opens ``path`` directly: the suffix narrows, the content decides.

        Kinds whose patterns match the name are asked whether they can read the
        content; a kind whose check passes is preferred to one that cannot
        judge content, and both to one whose check fails.  Among equals the
        longest matching suffix wins, then a plugin's kind before a built-in
        one (a plugin's kind reads a specialised variant of a format, such as
        an air-quality CSV, which the built-in reader of the general format
        would also accept).  When the name fits only one kind, that kind is
        returned even if it doubts the content, so that its loader explains
        what is wrong with the file (truncated, damaged) in its own words.
        When it fits several and none can read it (a ``.zip`` that is neither
        GTFS nor a shapefile), the answer is a sentence naming what the file
        could have been.  A plugin kind that fails to import is skipped
        (and listed as broken).
        """
        name = path.name.lower()
        candidates: dict[str, tuple[int, KindManifest]] = {}
        for manifest in self._discover().values():
            for suffix in manifest.suffixes:
                if name.endswith(suffix) and len(suffix) > candidates.get(manifest.id, (0,))[0]:
                    candidates[manifest.id] = (len(suffix), manifest)
        if not candidates:
            known = sorted({s for m in self._discover().values() for s in m.suffixes})
            raise UnsupportedFormatError(path, known=", ".join(known))
        kinds: list[tuple[int, KindManifest, LayerKind]] = []
        for length, manifest in candidates.values():
            try:
                kinds.append((length, manifest, self.get(manifest.id)))
            except PluginError:
                continue  # recorded in failures; the other kinds may still read the file
        if not kinds:
            raise PluginError(
                _(
                    "The only layer kinds that open '{file}' failed to load: {failures}. Reinstall or update "
                    "those plugins."
                ).format(
                    file=path.name,
                    failures="; ".join(
                        f"{n}: {why}" for n, why in sorted(self.failures.items()) if n in candidates
                    ),
                )
            )
        if len(kinds) == 1:
            return kinds[0][2]
        verdicts = {m.id: kind_can_read(k, path) for _, m, k in kinds}
        rank = {True: 0, None: 1, False: 2}
        kinds.sort(key=lambda c: (rank[verdicts[c[1].id]], -c[0], c[1].builtin, c[1].id))
        best = kinds[0]
        if verdicts[best[1].id] is not False:
            return best[2]
        raise UnreadableContentError(path, candidates="; ".join(m.title for _, m, _ in kinds))

    def load(self, name: str, source: Path, options: Mapping[str, Any], ctx: LoadContext) -> Layer:
        """Load ``source`` with the kind ``name``: its options checked, a plugin's result validated."""
        kind = self.get(name)
        manifest = self._discover()[name]
        options = kind_options(manifest, options)
        if manifest.builtin:
            return kind.load(source, options, ctx)  # trusted and tested as they are
        try:
            layer = kind.load(source, options, ctx)
        except (TwinError, OSError, MemoryError):
            raise  # sentences of their own, or the user's machine to fix (see ``explain``)
        except Exception as exc:
            raise PluginError(
                _(
                    "The layer kind '{kind}' ({package}) failed to read '{path}': {error}. The other layers "
                    "still load; report this to the plugin's authors."
                ).format(
                    kind=name, package=_who(manifest), path=source, error=f"{type(exc).__name__}: {exc}"
                ),
                path=source,
            ) from exc
        problem = check_layer(layer, ctx.crs)
        if problem is not None:
            raise PluginError(
                _(
                    "The layer kind '{kind}' ({package}) read '{path}' but returned {problem}, which "
                    "twin_app cannot show; report this to the plugin's authors."
                ).format(kind=name, package=_who(manifest), path=source, problem=problem),
                path=source,
            )
        return layer


def _who(manifest: KindManifest) -> str:
    package = manifest.distribution or _("unknown package")
    return f"{package} {manifest.version}".strip()


def kind_options(manifest: KindManifest, options: Mapping[str, Any]) -> dict[str, Any]:
    """The layer's options with the kind's declared ones parsed (defaults filled); others pass through.

    A [[layers]] entry also carries options every kind shares (style,
    optional, units...), checked by the manifest schema, so only the options
    the kind declares are checked here.
    """
    if not manifest.options:
        return dict(options)
    from twin_app.core.params import validate_params

    declared = {p.name for p in manifest.options}
    mine = {k: v for k, v in options.items() if k in declared}
    try:
        values = validate_params(
            manifest.options, mine, None, subject=_("the layer kind '{kind}'").format(kind=manifest.id)
        )
    except ParameterError as exc:
        raise ParameterError(
            _(
                "The layer kind '{kind}' refuses an option: {error} Set it in the layer's [[layers]] entry."
            ).format(kind=manifest.id, error=exc)
        ) from None
    return {**options, **{k: v for k, v in values.items() if v is not None}}


_GEOMETRY_TYPES: dict[str, tuple[str, ...]] = {
    "PointLayer": ("Point", "MultiPoint"),
    "LineLayer": ("LineString", "MultiLineString"),
    "PolygonLayer": ("Polygon", "MultiPolygon"),
}


def check_layer(layer: Any, crs: str) -> str | None:
    """What is wrong with a layer a plugin kind returned, in words ("a Layer in EPSG:4326"); None if fine.

    A layer must be one of the core's generic types (the scene draws types,
    not kinds), in the city's CRS, and hold something valid to draw: a
    non-empty frame whose geometries are of the type's shape, present, valid
    and finite, or a non-empty 2-D raster.
    """
    import numpy as np

    from twin_app.core import layers as core_layers

    if not isinstance(layer, Layer):
        return _("a {type}, not a layer").format(type=type(layer).__name__)
    known = {
        cls
        for cls in vars(core_layers).values()
        if isinstance(cls, type) and issubclass(cls, Layer) and cls.__module__ == core_layers.__name__
    }
    if not any(isinstance(layer, cls) for cls in known - {Layer}):
        return _("a {type}, which is none of twin_app's layer types").format(type=type(layer).__name__)
    if not _same_crs(layer.crs, crs):
        return _("a layer in {found}, not in the city's CRS {crs}").format(found=layer.crs, crs=crs)
    if isinstance(layer, core_layers.RasterLayer):
        data = layer.data
        if not isinstance(data, np.ndarray) or data.ndim != 2 or data.size == 0:
            return _("a raster layer without a 2-D grid of values")
        return None
    if isinstance(layer, core_layers.LiveLayer):
        return None
    if not isinstance(layer, core_layers.VectorLayer):
        return None
    return _check_frame(layer, crs)


def _check_frame(layer: Any, crs: str) -> str | None:
    import geopandas as gpd
    import numpy as np
    import shapely

    frame = layer.frame
    kind = type(layer).__name__
    if not isinstance(frame, gpd.GeoDataFrame):
        return _("a {type} without a GeoDataFrame").format(type=kind)
    if len(frame) == 0:
        return _("an empty {type} (a kind with nothing to show raises EmptyLayerError)").format(type=kind)
    if frame.crs is None or not _same_crs(str(frame.crs), crs):
        return _("a {type} whose frame is in {found}, not in the city's CRS {crs}").format(
            type=kind, found=frame.crs, crs=crs
        )
    geometry = frame.geometry.values
    missing = shapely.is_missing(geometry) | shapely.is_empty(geometry)
    if missing.any():
        count = int(missing.sum())
        return ngettext(
            "a {type} with {count} feature without geometry",
            "a {type} with {count} features without geometry",
            count,
        ).format(type=kind, count=count)
    for cls_name, allowed in _GEOMETRY_TYPES.items():
        if any(c.__name__ == cls_name for c in type(layer).__mro__):
            types = set(frame.geom_type.unique())
            if not types <= set(allowed):
                return _("a {type} holding {geometries} geometries").format(
                    type=kind, geometries=", ".join(sorted(types - set(allowed)))
                )
            break
    if not np.isfinite(shapely.get_coordinates(geometry)).all():
        return _("a {type} with coordinates that are not finite numbers").format(type=kind)
    invalid = ~shapely.is_valid(geometry)
    if invalid.any():
        return _("a {type} with {count} invalid geometries (self-intersecting or unclosed)").format(
            type=kind, count=int(invalid.sum())
        )
    return None


def _same_crs(a: str, b: str) -> bool:
    if a == b:
        return True
    from pyproj import CRS
    from pyproj.exceptions import CRSError as ProjCRSError

    try:
        return bool(CRS.from_user_input(a) == CRS.from_user_input(b))
    except ProjCRSError:
        return False


_default: KindRegistry | None = None


def default_registry() -> KindRegistry:
    global _default
    if _default is None:
        _default = KindRegistry()
    return _default
