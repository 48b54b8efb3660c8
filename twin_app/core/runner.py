"""Run an analysis: validate parameters, call the plugin, check and record the result.

The same function serves the CLI, the GUI worker and tests.  Errors blame
the right party:

* the user's to fix (a missing layer, a wrong layer chosen, a bad parameter,
  a feed without service on the chosen day): any :class:`TwinError` the
  analysis raises on purpose reaches the user as its own sentence, naming
  the analysis, and never asks them to report it;
* the plugin's defect (it crashed, or returned a malformed result): a
  :class:`PluginError` naming the plugin, its package and version, that asks
  the user to report it to the plugin's author;
* cancellation passes through untouched.

The plugin runs in a child process (:mod:`twin_app.core.isolation`), so a
plugin that never polls can still be cancelled, and ``sys.exit``, ``print``,
changes to the layers and crashes stay in its run; the parent builds the
result and its run record from what the child hands back, so provenance is
the same either way.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import sys
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

from twin_app import __version__
from twin_app.core.analysis import (
    AnalysisContext,
    AnalysisOutput,
    AnalysisResult,
    Change,
    InputFingerprint,
    RunRecord,
    now_iso,
    resolve_unit,
    result_layer_id,
    validate_output,
)
from twin_app.core.errors import CancelledError, PluginError, ResultError, TwinError
from twin_app.core.feedback import Feedback
from twin_app.core.i18n import _
from twin_app.core.isolation import ChildFailure, can_fork, isolation_default, run_in_child
from twin_app.core.layers import Layer
from twin_app.core.model import CityModel
from twin_app.core.params import to_jsonable, validate_params
from twin_app.core.plugins import PluginManifest, PluginRegistry, default_plugins

L = TypeVar("L", bound=Layer)
_log = logging.getLogger(__name__)

#: engines a child may import, which the app then imports itself (see _import_engines)
_ENGINES = (
    "twin_app.core.incremental",
    "twin_app.core.network",
    "twin_app.core.population",
    "twin_app.core.zonal",
    "rasterio.features",
)
#: those a child of this process has imported: imported here before the next fork
_ENGINES_USED: set[str] = set()

_HASHES: dict[tuple[str, int, int], str] = {}

#: how often each analysis was computed in this process, by ("run" | "update", analysis id):
#: what lets a test (and a benchmark) see that an update replaced a full run
RUN_COUNTS: Counter[tuple[str, str]] = Counter()


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
    isolate: bool | None = None,
    keep_state: bool = False,
) -> AnalysisResult:
    """Run an analysis on ``model``; ``isolate`` (default: on, see :mod:`twin_app.core.isolation`).

    ``keep_state`` asks an analysis that offers ``update`` to keep what it
    needs to repair the result after a change (:func:`update_analysis`).
    That state (a street graph, distance fields) lives in memory and would
    cost more to copy out of a child process than the run itself, so such a
    run is made in the app's process, like ``isolate=False``.

    Isolated, the plugin's code (its import too) runs in a child process: it
    can be cancelled even if it never polls, and neither ``sys.exit``,
    ``print``, a change to a layer nor a crash reaches the app.  In-process
    (``isolate=False``, ``TWIN_APP_PLUGIN_ISOLATION=0``, or where ``fork`` is
    not available), for debugging, the plugin gets copies of the layers it
    asks for, so the city's layers are unchanged there too.
    """
    registry = registry or default_plugins()
    feedback = feedback or Feedback()
    manifest = registry.get(analysis_id)
    params = validate_params(manifest.parameters, raw_params or {}, model)
    if isolate is None:
        isolate = isolation_default()
    keep_state = keep_state and bool(manifest.update)
    isolate = isolate and can_fork() and not keep_state
    warned = len(feedback.warnings)  # a Feedback may serve several runs: keep this run's warnings
    started = now_iso()

    def work(child_feedback: Feedback) -> tuple[AnalysisOutput, list[str], list[str]]:
        func = registry.function(manifest)
        ctx = (
            AnalysisContext(model, params, child_feedback)
            if isolate
            else _CopyingContext(model, params, child_feedback)
        )
        ctx.keep_state = keep_state
        output = validate_output(
            func(ctx), declared=manifest.indicators, model=model, analysis=manifest.id, params=params
        )
        return output, ctx.used_layers, [name for name in _ENGINES if name in sys.modules]

    try:
        if isolate:
            _import_engines(_ENGINES_USED)
            got = run_in_child(work, feedback=feedback)
        else:
            try:
                got = work(feedback)
            except SystemExit as exc:
                got = ChildFailure("exit", f"SystemExit: {exc}")
        if isinstance(got, ChildFailure):
            raise PluginError(_failure_sentence(manifest, got))
        output, used_layers, engines = got
        _ENGINES_USED.update(engines)
    except CancelledError:
        raise
    except ResultError as exc:
        raise PluginError(
            _(
                "The analysis '{analysis}' ({package}) returned an invalid result: {problem}. "
                "Nothing was added to the city; this is a defect of the analysis: "
                "please report it to the plugin's author."
            ).format(analysis=manifest.id, package=_package(manifest), problem=exc)
        ) from exc
    except PluginError:
        raise
    except TwinError as exc:
        # raised on purpose: a sentence for the user (missing layer, bad input), not a defect;
        # the same class goes on (callers may react to it), with the analysis named
        exc.message = _("The analysis '{analysis}' could not run: {problem}").format(
            analysis=manifest.shown_title(), problem=exc.message
        )
        exc.args = (exc.message,)
        raise
    except Exception as exc:
        raise PluginError(
            _(
                "The analysis '{analysis}' ({package}) failed: {error}. "
                "The city is unchanged and the app keeps running; this is a defect of the analysis: "
                "please report it to the plugin's author."
            ).format(analysis=manifest.id, package=_package(manifest), error=f"{type(exc).__name__}: {exc}")
        ) from exc
    RUN_COUNTS["run", manifest.id] += 1
    return _result(manifest, model, params, output, used_layers, started, feedback.warnings[warned:])


def _result(
    manifest: PluginManifest,
    model: CityModel,
    params: Mapping[str, Any],
    output: AnalysisOutput,
    used_layers: list[str],
    started: str,
    warnings: list[str],
    how: str = "run",
) -> AnalysisResult:
    """The result of a run or an update: output, provenance (inputs fingerprinted) and definitions."""
    inputs = []
    for layer_id in used_layers:
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
        warnings=warnings,
        state=output.state,
        how=how,
    )


def can_update(previous: AnalysisResult, change: Change, registry: PluginRegistry | None = None) -> bool:
    """Whether ``previous`` can be repaired after ``change`` instead of computed again.

    The analysis must offer ``update``, declare every kind of edit in the
    change in its manifest's ``absorbs``, and ``previous`` must still hold
    the state a run with ``keep_state`` left in it.
    """
    manifest = (registry or default_plugins()).get(previous.analysis)
    return (
        bool(manifest.update)
        and previous.state is not None
        and bool(change.edits)
        and change.kinds <= set(manifest.absorbs)
    )


def update_analysis(
    previous: AnalysisResult,
    model: CityModel,
    change: Change,
    *,
    feedback: Feedback | None = None,
    registry: PluginRegistry | None = None,
) -> AnalysisResult:
    """``previous`` brought up to date with ``model`` after ``change``: repaired when it can be, else re-run.

    When :func:`can_update` holds, the analysis's ``update(previous, ctx,
    change)`` gets the state of ``previous`` (which gives it up: the state
    is repaired in place and moves to the new result) and returns an
    :class:`AnalysisOutput`, or None when it finds it cannot absorb this
    change after all; then, as in every other case, the analysis runs in
    full (keeping state for the next change).  The update runs in the app's
    process, since its state lives there; its errors blame the same parties
    as a run's.  ``RUN_COUNTS`` counts updates apart from runs.
    """
    registry = registry or default_plugins()
    feedback = feedback or Feedback()
    manifest = registry.get(previous.analysis)
    raw = dict(previous.record.parameters)
    if can_update(previous, change, registry):
        params = validate_params(manifest.parameters, raw, model)
        func = registry.update_function(manifest)
        assert func is not None  # can_update checked manifest.update
        state, previous.state = previous.state, None
        carrier = AnalysisResult(
            previous.analysis,
            previous.title,
            previous.indicators,
            previous.layers,
            previous.record,
            previous.definitions,
            previous.notes,
            previous.warnings,
            state=state,
        )
        ctx = AnalysisContext(model, params, feedback)
        ctx.keep_state = True
        warned = len(feedback.warnings)
        started = now_iso()
        try:
            got = func(carrier, ctx, change)
            output = (
                None
                if got is None
                else validate_output(
                    got, declared=manifest.indicators, model=model, analysis=manifest.id, params=params
                )
            )
        except (CancelledError, TwinError):
            raise
        except ResultError as exc:
            raise PluginError(
                _(
                    "The analysis '{analysis}' ({package}) returned an invalid update: {problem}. "
                    "Nothing was added to the city; this is a defect of the analysis: "
                    "please report it to the plugin's author."
                ).format(analysis=manifest.id, package=_package(manifest), problem=exc)
            ) from exc
        except Exception as exc:
            raise PluginError(
                _(
                    "The analysis '{analysis}' ({package}) failed to update its result: {error}. "
                    "The city is unchanged and the app keeps running; this is a defect of the analysis: "
                    "please report it to the plugin's author."
                ).format(
                    analysis=manifest.id, package=_package(manifest), error=f"{type(exc).__name__}: {exc}"
                )
            ) from exc
        if output is not None:
            RUN_COUNTS["update", manifest.id] += 1
            return _result(
                manifest,
                model,
                params,
                output,
                ctx.used_layers,
                started,
                feedback.warnings[warned:],
                "update",
            )
    return run_analysis(
        previous.analysis, model, raw, feedback=feedback, registry=registry, keep_state=bool(manifest.update)
    )


def _package(manifest: PluginManifest) -> str:
    return f"{manifest.distribution or _('unknown package')} {manifest.version}"


def _import_engines(names: set[str]) -> None:
    """Import, in the app's process, the engines earlier runs' children imported.

    What a child imports is lost with it: without this every run of transit
    access would import scipy's graph code again, and every run of heat
    exposure rasterio's rasteriser (about 0.3 s of CPU each time).  Only
    what a child has used is imported, so a single run (the CLI) pays
    nothing extra.  These are the app's own modules and what they use, so
    importing them here runs no plugin code.
    """
    import importlib

    for name in sorted(names):
        importlib.import_module(name)


def _failure_sentence(manifest: PluginManifest, failure: ChildFailure) -> str:
    """The sentence for a plugin that raised, called exit or crashed; its traceback goes to the log."""
    if failure.details:
        _log.info("The analysis '%s' failed:\n%s", manifest.id, failure.details)
    if failure.kind == "died":
        sentence = _(
            "The analysis '{analysis}' ({package}) crashed ({reason}). "
            "The city is unchanged and the app keeps running; this is a defect of the analysis: "
            "please report it to the plugin's author."
        )
    elif failure.kind == "exit":
        sentence = _(
            "The analysis '{analysis}' ({package}) called exit ({reason}) instead of returning its result. "
            "The city is unchanged and the app keeps running; this is a defect of the analysis: "
            "please report it to the plugin's author."
        )
    else:
        sentence = _(
            "The analysis '{analysis}' ({package}) failed: {reason}. "
            "The city is unchanged and the app keeps running; this is a defect of the analysis: "
            "please report it to the plugin's author."
        )
    return sentence.format(analysis=manifest.id, package=_package(manifest), reason=failure.summary)


class _CopyingContext(AnalysisContext):
    """The context of an in-process run: layers are handed out as copies, made once per run.

    A plugin run in the app's own process could otherwise change the city's
    layers (``ctx.layer(...).frame`` is the frame on screen).
    """

    def __init__(self, model: CityModel, params: Mapping[str, Any], feedback: Feedback) -> None:
        super().__init__(model, params, feedback)
        self._copies: dict[str, Layer] = {}

    def _copy(self, layer: Layer) -> Layer:
        if layer.id not in self._copies:
            self._copies[layer.id] = copy.deepcopy(layer)
        return self._copies[layer.id]

    def layer(self, layer_id: str, kind: type[L] = Layer) -> L:  # type: ignore[assignment]
        return self._copy(super().layer(layer_id, kind))  # type: ignore[return-value]

    def layers_of(self, cls: type[Layer]) -> list[Layer]:
        return [self._copy(layer) for layer in super().layers_of(cls)]


__all__ = ["RUN_COUNTS", "PluginError", "can_update", "fingerprint", "run_analysis", "update_analysis"]
