"""Analysis plugins: found through entry points, described by a manifest, imported on first run.

Each entry point in the ``twin_app.analyses`` group names a TOML manifest
inside a package (``package:file.toml``).  Reading it imports only that
package's (empty) ``__init__``, so menus, ``plugins list`` and ``help`` work
without importing plugin code; the analysis function named by ``entry`` is
imported the first time the analysis runs.  A plugin whose manifest or code
fails is recorded with the reason and skipped: the others keep working.
"""

from __future__ import annotations

import importlib
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint
from importlib.resources import files
from typing import Any

from twin_app.core.entry_points import discover, failure_hint
from twin_app.core.errors import PluginError, TwinError
from twin_app.core.i18n import _, manifest_text
from twin_app.core.params import Param, param_from_spec

ENTRY_POINT_GROUP = "twin_app.analyses"


@dataclass(frozen=True)
class PluginManifest:
    id: str
    title: str
    version: str
    entry: str
    description: str = ""
    parameters: tuple[Param, ...] = ()
    #: indicator key -> {"unit": ..., "definition": ..., "label": ..., "explanation": ...}
    indicators: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    layers: Mapping[str, str] = field(default_factory=dict)
    methodology: str = ""
    distribution: str = ""
    #: optional ``module:function`` that repairs a previous result after a change (docs/plugins.md)
    update: str = ""
    #: the edit kinds (``"move_stop"``...) ``update`` can absorb; any other change means a full run
    absorbs: tuple[str, ...] = ()

    # The texts as a reader sees them, in the current language (the fields above stay the author's
    # English: they are the catalogue's keys, and what results and projects store).
    def shown_title(self) -> str:
        return manifest_text(self.title)

    def shown_description(self) -> str:
        return manifest_text(self.description)

    def indicator_text(self, key: str, what: str) -> str:
        """``what`` ("label", "definition", "explanation") of indicator ``key``, translated; "" if none."""
        return manifest_text(self.indicators.get(key, {}).get(what, ""))

    def layer_title(self, layer_id: str) -> str:
        return manifest_text(self.layers.get(layer_id, layer_id))


def parse_plugin_manifest(raw: Mapping[str, Any], *, source: str, distribution: str = "") -> PluginManifest:
    def need(key: str) -> Any:
        if key not in raw:
            raise PluginError(
                _("The analysis manifest {source} has no '{key}'.").format(source=source, key=key)
            )
        return raw[key]

    outputs = raw.get("outputs", {})
    indicators = {
        str(item["key"]): {
            "unit": str(item.get("unit", "")),
            "definition": str(item.get("definition", "")),
            # words for people (the window's tables); the key stays the CLI's and JSON's name
            "label": str(item.get("label", "")),
            # what the figure means, in words a resident understands (the definition is the method's)
            "explanation": str(item.get("explanation", "")),
            # "higher" or "lower": which way is better, so a comparison can say so (else just up/down)
            **({"better": str(item["better"])} if item.get("better") in ("higher", "lower") else {}),
        }
        for item in outputs.get("indicators", [])
    }
    layers = {str(item["id"]): str(item.get("title", item["id"])) for item in outputs.get("layers", [])}
    try:
        parameters = tuple(param_from_spec(p) for p in raw.get("parameters", []))
    except TwinError as exc:
        raise PluginError(
            _("The analysis manifest {source} declares a bad parameter: {problem}").format(
                source=source, problem=exc
            )
        ) from None
    return PluginManifest(
        id=str(need("id")),
        title=str(need("title")),
        version=str(need("version")),
        entry=str(need("entry")),
        description=str(raw.get("description", "")).strip(),
        parameters=parameters,
        indicators=indicators,
        layers=layers,
        methodology=str(raw.get("methodology", "")),
        distribution=distribution,
        update=str(raw.get("update", "")),
        absorbs=tuple(str(k) for k in raw.get("absorbs", [])),
    )


def _read_entry_point(ep: EntryPoint) -> PluginManifest:
    package, _sep, resource = ep.value.partition(":")
    if not resource.endswith(".toml"):
        raise PluginError(
            _("Entry point '{name}' should name a manifest like 'package:analysis.toml'.").format(
                name=ep.name
            )
        )
    text = (files(package) / resource).read_text(encoding="utf-8")
    dist = ep.dist.name if ep.dist is not None else ""
    return parse_plugin_manifest(tomllib.loads(text), source=f"{package}/{resource}", distribution=dist)


class PluginRegistry:
    """Analyses by id; manifests read eagerly, code imported lazily."""

    def __init__(self, manifests: Mapping[str, PluginManifest] | None = None) -> None:
        self._manifests: dict[str, PluginManifest] | None = dict(manifests) if manifests is not None else None
        self.failures: dict[str, str] = {}
        self._functions: dict[str, Callable[..., Any]] = {}

    def _discover(self) -> dict[str, PluginManifest]:
        if self._manifests is None:
            self._manifests, self.failures = discover(
                ENTRY_POINT_GROUP, _read_entry_point, lambda _ep, m: m.id
            )
        return self._manifests

    def manifests(self) -> list[PluginManifest]:
        return sorted(self._discover().values(), key=lambda m: m.id)

    def get(self, analysis_id: str) -> PluginManifest:
        found = self._discover()
        if analysis_id not in found:
            if not found:
                raise PluginError(
                    _(
                        "No analysis called '{analysis}' is installed.{hint} No analyses are installed "
                        "(see 'twin-app plugins list')."
                    ).format(analysis=analysis_id, hint=failure_hint(self.failures, analysis_id))
                )
            raise PluginError(
                _(
                    "No analysis called '{analysis}' is installed.{hint} Installed analyses: {installed} "
                    "(see 'twin-app plugins list')."
                ).format(
                    analysis=analysis_id,
                    hint=failure_hint(self.failures, analysis_id),
                    installed=", ".join(sorted(found)),
                )
            )
        return found[analysis_id]

    def function(self, manifest: PluginManifest) -> Callable[..., Any]:
        """Import the analysis function on first use; failures name the plugin."""
        if manifest.id not in self._functions:
            module_name, _sep, attr = manifest.entry.partition(":")
            try:
                module = importlib.import_module(module_name)
                func = getattr(module, attr)
            except Exception as exc:
                self.failures[manifest.id] = f"{type(exc).__name__}: {exc}"
                raise PluginError(
                    _(
                        "The analysis '{analysis}' ({package}) could not be loaded: {error}. "
                        "The other analyses still work; reinstall or update this plugin."
                    ).format(
                        analysis=manifest.id, package=_package(manifest), error=f"{type(exc).__name__}: {exc}"
                    )
                ) from exc
            self._functions[manifest.id] = func
        return self._functions[manifest.id]

    def update_function(self, manifest: PluginManifest) -> Callable[..., Any] | None:
        """The analysis's optional ``update`` (None when it offers none); imported on first use."""
        if not manifest.update:
            return None
        key = f"{manifest.id}:update"
        if key not in self._functions:
            module_name, _sep, attr = manifest.update.partition(":")
            try:
                self._functions[key] = getattr(importlib.import_module(module_name), attr)
            except Exception as exc:
                raise PluginError(
                    _(
                        "The analysis '{analysis}' ({package}) could not load its update function: {error}. "
                        "The other analyses still work; reinstall or update this plugin."
                    ).format(
                        analysis=manifest.id, package=_package(manifest), error=f"{type(exc).__name__}: {exc}"
                    )
                ) from exc
        return self._functions[key]


def _package(manifest: PluginManifest) -> str:
    """The distribution and version an analysis came in, for sentences that ask to update it."""
    return f"{manifest.distribution or _('unknown package')} {manifest.version}"


_default: PluginRegistry | None = None


def default_plugins() -> PluginRegistry:
    global _default
    if _default is None:
        _default = PluginRegistry()
    return _default
