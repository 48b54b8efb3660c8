"""Which analyses must run again after an edit: a comparison of their inputs' revisions.

An analysis's inputs are declared in its manifest already: every ``layer``
parameter names the kind of layer it reads (``layer_types``) and the run's
parameters say which one was chosen (or the manifest's ``prefer`` picks it),
and a ``districts`` parameter means the run reads the city's districts layer.
So no extra declaration is needed: :func:`input_layers` reads them, a
:class:`PastRun` keeps the *stamp* of each input when the analysis ran, and
:func:`stale` compares those stamps with a model's layers now.

A stamp is the layer's ``revision`` and the identity of the layer object.
Both are needed: ``CityModel.update_values`` bumps the revision of the same
object, while a scenario (:func:`twin_app.core.scenario.apply`) puts a copy
in its place whose revision is one above the baseline's, and an unrelated
later edit of the baseline could bring the baseline's revision to the same
number.  Stamps are therefore for one session; a project stores results with
their parameters and provenance, and re-runs what it cannot vouch for.

Moving a stop changes the stops layer only, so transit access (which reads
it) re-runs while heat exposure and green-space access (which do not) keep
their results; adding a park changes the green layer, read only by access to
green space.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from twin_app.core.params import DistrictsParam, LayerParam, validate_params

if TYPE_CHECKING:
    from twin_app.core.analysis import AnalysisResult
    from twin_app.core.model import CityModel
    from twin_app.core.plugins import PluginManifest, PluginRegistry

Stamp = tuple[int, int]


def input_layers(manifest: PluginManifest, params: Mapping[str, Any], model: CityModel) -> list[str]:
    """The ids of the layers a run of ``manifest`` with ``params`` reads in ``model``, as declared."""
    values = validate_params(manifest.parameters, params, model)
    out: list[str] = []
    for param in manifest.parameters:
        layer_id: str | None = None
        if isinstance(param, LayerParam):
            layer_id = values.get(param.name)
        elif isinstance(param, DistrictsParam) and model.districts is not None:
            layer_id = model.districts.id
        if layer_id and layer_id not in out:
            out.append(str(layer_id))
    return out


def stamps(layer_ids: Iterable[str], model: CityModel) -> dict[str, Stamp]:
    """Each layer's (revision, identity) in ``model``; see the module's note on why both."""
    return {lid: (model.layers[lid].revision, id(model.layers[lid])) for lid in layer_ids}


@dataclass(frozen=True)
class PastRun:
    """An analysis as it was run: its id, the parameters given, and its inputs' stamps then."""

    analysis: str
    params: Mapping[str, Any]
    inputs: Mapping[str, Stamp] = field(default_factory=dict)


def record_run(
    analysis: str, params: Mapping[str, Any], model: CityModel, registry: PluginRegistry | None = None
) -> PastRun:
    """Note what a run of ``analysis`` on ``model`` read, to tell later whether it is out of date."""
    from twin_app.core.plugins import default_plugins

    manifest = (registry or default_plugins()).get(analysis)
    return PastRun(analysis, dict(params), stamps(input_layers(manifest, params, model), model))


def is_stale(run: PastRun, model: CityModel, registry: PluginRegistry | None = None) -> bool:
    """Whether ``run`` would read different data in ``model``: another layer, or a changed one."""
    from twin_app.core.plugins import default_plugins

    manifest = (registry or default_plugins()).get(run.analysis)
    now = input_layers(manifest, run.params, model)
    if set(now) != set(run.inputs):
        return True
    return stamps(now, model) != dict(run.inputs)


def changed_inputs(run: PastRun, model: CityModel, registry: PluginRegistry | None = None) -> list[str]:
    """The inputs of ``run`` that are new or different in ``model`` (what an incremental update is told)."""
    from twin_app.core.plugins import default_plugins

    manifest = (registry or default_plugins()).get(run.analysis)
    now = stamps(input_layers(manifest, run.params, model), model)
    return [lid for lid, stamp in now.items() if run.inputs.get(lid) != stamp]


def stale(runs: Iterable[PastRun], model: CityModel, registry: PluginRegistry | None = None) -> list[str]:
    """The analyses among ``runs`` whose inputs changed in ``model``: those that must run again."""
    return [run.analysis for run in runs if is_stale(run, model, registry)]


Runner = Callable[..., "AnalysisResult"]


def rerun_stale(
    runs: Iterable[PastRun],
    model: CityModel,
    *,
    run: Runner | None = None,
    registry: PluginRegistry | None = None,
    previous: Mapping[str, AnalysisResult] | None = None,
    edits: Sequence[Any] = (),
) -> tuple[dict[str, AnalysisResult], list[PastRun]]:
    """Run again only the analyses whose inputs changed in ``model``.

    Returns the new results by analysis id, and the runs as they now stand
    (the re-run ones with fresh stamps, the others unchanged), ready for the
    next edit.  ``run`` is the runner (default: :func:`run_analysis`).
    With ``previous`` (the results the runs made, by analysis id) and the
    ``edits`` made since, an analysis that can absorb them repairs its
    previous result instead of running (:func:`twin_app.core.runner.update_analysis`,
    which runs it in full when it cannot).
    """
    from twin_app.core.analysis import Change
    from twin_app.core.runner import run_analysis, update_analysis

    runner = run or run_analysis
    results: dict[str, AnalysisResult] = {}
    now: list[PastRun] = []
    for past in runs:
        earlier = (previous or {}).get(past.analysis)
        if is_stale(past, model, registry) and earlier is not None and edits:
            change = Change(tuple(edits), tuple(changed_inputs(past, model, registry)))
            results[past.analysis] = update_analysis(earlier, model, change, registry=registry)
            now.append(record_run(past.analysis, past.params, model, registry))
        elif is_stale(past, model, registry):
            results[past.analysis] = runner(past.analysis, model, dict(past.params), registry=registry)
            now.append(record_run(past.analysis, past.params, model, registry))
        else:
            now.append(past)
    return results, now


__all__ = [
    "PastRun",
    "changed_inputs",
    "input_layers",
    "is_stale",
    "record_run",
    "rerun_stale",
    "stale",
    "stamps",
]
