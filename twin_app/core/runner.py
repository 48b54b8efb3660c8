"""Run an analysis: validate parameters, call the plugin, check and record the result.

The same function serves the CLI, the GUI worker and tests.  Exceptions from
plugin code become a :class:`PluginError` naming the plugin; cancellation
passes through untouched.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from twin_app import __version__
from twin_app.core.analysis import (
    AnalysisContext,
    AnalysisResult,
    InputFingerprint,
    ResultError,
    RunRecord,
    now_iso,
    resolve_unit,
    result_layer_id,
    validate_output,
)
from twin_app.core.errors import CancelledError, TwinError
from twin_app.core.feedback import Feedback
from twin_app.core.model import CityModel
from twin_app.core.params import to_jsonable, validate_params
from twin_app.core.plugins import PluginError, PluginRegistry, default_plugins

_HASHES: dict[tuple[str, int, int], str] = {}


def fingerprint(path: Path) -> tuple[str, int]:
    """SHA-256 of a file, cached by (path, size, mtime): inputs are hashed once per session."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if key not in _HASHES:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        _HASHES[key] = digest.hexdigest()
    return _HASHES[key], stat.st_size


def run_analysis(
    analysis_id: str,
    model: CityModel,
    raw_params: Mapping[str, Any] | None = None,
    *,
    feedback: Feedback | None = None,
    registry: PluginRegistry | None = None,
) -> AnalysisResult:
    registry = registry or default_plugins()
    feedback = feedback or Feedback()
    manifest = registry.get(analysis_id)
    params = validate_params(manifest.parameters, raw_params or {}, model)
    func = registry.function(manifest)
    ctx = AnalysisContext(model, params, feedback)
    started = now_iso()
    try:
        output = func(ctx)
        output = validate_output(
            output, declared=manifest.indicators, model=model, analysis=manifest.id, params=params
        )
    except CancelledError:
        raise
    except ResultError as exc:
        raise PluginError(
            f"The analysis '{manifest.id}' returned an invalid result: {exc}. "
            "Nothing was added to the city; please report this to the plugin's author."
        ) from exc
    except TwinError as exc:
        raise PluginError(f"The analysis '{manifest.title}' could not run: {exc}") from exc
    except Exception as exc:
        raise PluginError(
            f"The analysis '{manifest.id}' ({manifest.distribution or 'unknown package'} {manifest.version}) "
            f"failed: {type(exc).__name__}: {exc}. The city is unchanged and the app keeps running."
        ) from exc
    inputs = []
    for layer_id in ctx.used_layers:
        layer = model.layers[layer_id]
        if layer.source is not None and Path(layer.source).is_file():
            digest, size = fingerprint(Path(layer.source))
            inputs.append(InputFingerprint(layer_id, str(layer.source), digest, size))
        else:
            inputs.append(InputFingerprint(layer_id, None, None, None))
    for layer in output.layers:
        layer.id = result_layer_id(manifest.id, layer)
    record = RunRecord(
        analysis=manifest.id,
        version=manifest.version,
        parameters={k: to_jsonable(v) for k, v in params.items()},
        inputs=inputs,
        started=started,
        finished=now_iso(),
        twin_app_version=__version__,
        city=model.manifest.name,
    )
    definitions = {
        k: {**v, "unit": resolve_unit(v.get("unit", ""), params, model)}
        for k, v in manifest.indicators.items()
    }
    return AnalysisResult(
        analysis=manifest.id,
        title=manifest.title,
        indicators=output.indicators,
        layers=output.layers,
        record=record,
        definitions=definitions,
        notes=output.notes,
    )


__all__ = ["PluginError", "fingerprint", "run_analysis"]
