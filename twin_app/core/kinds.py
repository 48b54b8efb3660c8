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
from twin_app.core.errors import TwinError, UnsupportedFormatError
from twin_app.core.feedback import Feedback
from twin_app.core.layers import Layer

ENTRY_POINT_GROUP = "twin_app.layer_kinds"


@dataclass(frozen=True)
class BuildingRules:
    """How building heights are derived when OSM does not give a height."""

    storey_height_m: float = 3.0
    default_height_m: float = 15.0


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
    """A provider of layers from one kind of source."""

    name: str
    title: str
    #: lower-case file suffixes this kind opens directly ("" entries are ignored)
    suffixes: tuple[str, ...]

    def load(self, source: Path, options: Mapping[str, Any], ctx: LoadContext) -> Layer: ...


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
        """The kind that opens ``path`` directly, judged by its suffixes."""
        name = path.name.lower()
        best: tuple[int, LayerKind] | None = None
        for kind in self._discover().values():
            for suffix in kind.suffixes:
                if suffix and name.endswith(suffix) and (best is None or len(suffix) > best[0]):
                    best = (len(suffix), kind)
        if best is None:
            known = sorted({s for k in self._discover().values() for s in k.suffixes if s})
            raise UnsupportedFormatError(path, known=", ".join(known))
        return best[1]


_default: KindRegistry | None = None


def default_registry() -> KindRegistry:
    global _default
    if _default is None:
        _default = KindRegistry()
    return _default
