"""Layer kinds: the providers that turn a source file into a generic layer.

Built-in kinds (package ``twin_layers``) and third-party ones register the
same way, through the ``twin_app.layer_kinds`` entry-point group; each entry
point names an object satisfying :class:`LayerKind`.  Modules behind entry
points must import cheaply: heavy libraries are imported inside ``load``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from twin_app.core.entry_points import discover, failure_hint
from twin_app.core.errors import TwinError, UnreadableContentError, UnsupportedFormatError
from twin_app.core.feedback import Feedback
from twin_app.core.layers import Layer

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


class KindRegistry:
    """Layer kinds found through entry points, loaded on first use."""

    def __init__(self, kinds: Mapping[str, LayerKind] | None = None) -> None:
        self._kinds: dict[str, LayerKind] | None = dict(kinds) if kinds is not None else None
        self.failures: dict[str, str] = {}

    def _discover(self) -> dict[str, LayerKind]:
        if self._kinds is None:
            self._kinds, self.failures = discover(
                ENTRY_POINT_GROUP, lambda ep: ep.load(), lambda ep, _: ep.name
            )
        return self._kinds

    def names(self) -> list[str]:
        return sorted(self._discover())

    def get(self, name: str) -> LayerKind:
        kinds = self._discover()
        if name not in kinds:
            raise TwinError(
                f"No layer kind called '{name}' is installed.{failure_hint(self.failures, name)} "
                f"Installed kinds: {', '.join(sorted(kinds))}."
            )
        return kinds[name]

    def for_file(self, path: Path) -> LayerKind:
        """The kind that opens ``path`` directly: the suffix narrows, the content decides.

        Kinds whose suffixes match the name are asked, longest suffix first,
        whether they can read the content; the first that can wins.  When the
        name fits only one kind, that kind is returned even if it doubts the
        content, so that its loader explains what is wrong with the file
        (truncated, damaged) in its own words.  When it fits several and none
        can read it (a ``.zip`` that is neither GTFS nor a shapefile), the
        answer is a sentence naming what the file could have been.
        """
        name = path.name.lower()
        candidates: dict[str, tuple[int, LayerKind]] = {}
        for kind in self._discover().values():
            for suffix in kind.suffixes:
                if suffix and name.endswith(suffix) and len(suffix) > candidates.get(kind.name, (0,))[0]:
                    candidates[kind.name] = (len(suffix), kind)
        if not candidates:
            known = sorted({s for k in self._discover().values() for s in k.suffixes if s})
            raise UnsupportedFormatError(path, known=", ".join(known))
        ordered = [k for _, k in sorted(candidates.values(), key=lambda c: (-c[0], c[1].name))]
        if len(ordered) == 1:
            return ordered[0]
        for kind in ordered:
            if kind_can_read(kind, path) is not False:
                return kind
        raise UnreadableContentError(path, candidates="; ".join(k.title for k in ordered))


_default: KindRegistry | None = None


def default_registry() -> KindRegistry:
    global _default
    if _default is None:
        _default = KindRegistry()
    return _default
