"""The plugin API: discovery, isolation, typed parameters, results, CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from twin_app.core.params import (
    DistrictsParam,
    MappingParam,
    NumberParam,
    ParameterError,
    TimeWindowParam,
    validate_params,
)
from twin_app.core.plugins import PluginError, PluginRegistry, default_plugins
from twin_app.core.runner import run_analysis

TWIN_APP = [sys.executable, "-m", "twin_app"]


def test_number_param_checks_range_and_units() -> None:
    p = NumberParam(name="walk", unit="m", minimum=0, maximum=2000, default=500)
    assert p.parse("750", None) == 750.0
    assert p.parse("750 m", None) == 750.0
    with pytest.raises(ParameterError, match=r"above the maximum 2000 m"):
        p.parse(2500, None)
    with pytest.raises(ParameterError, match=r"'far' is not a number"):
        p.parse("far", None)


def test_time_window_and_mapping_params() -> None:
    w = TimeWindowParam(name="window").parse("2022-02-22 07:00-25:30", None)
    assert (w.date.isoformat(), w.start_s, w.end_s) == ("2022-02-22", 7 * 3600, 25 * 3600 + 1800)
    with pytest.raises(ParameterError, match="must end after it starts"):
        TimeWindowParam(name="window").parse("2022-02-22 09:00-07:00", None)
    m = MappingParam(name="capacity", values=("low", "high"), defaults={"bus": "low", "rail": "high"})
    assert m.parse("bus=high", None) == {"bus": "high", "rail": "high"}
    with pytest.raises(ParameterError, match=r"unknown key 'boat'"):
        m.parse("boat=low", None)


def test_districts_param_knows_the_city(helsinki_model) -> None:
    p = DistrictsParam(name="districts")
    assert p.parse("Kamppi, Kluuvi", helsinki_model) == ["Kamppi", "Kluuvi"]
    assert p.parse("", helsinki_model) == []
    with pytest.raises(ParameterError, match="no district called Atlantis"):
        p.parse("Atlantis", helsinki_model)
    with pytest.raises(ParameterError, match="Unknown parameter speed"):
        validate_params([p], {"speed": 3}, helsinki_model)


def test_builtin_analyses_are_listed_without_importing_their_code() -> None:
    code = (
        "import sys\nfrom twin_app.core.plugins import default_plugins\n"
        "ids = [m.id for m in default_plugins().manifests()]\n"
        "print(','.join(ids)); print(any(m.startswith('twin_plugins.') for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert {"transit-access", "heat-exposure", "green-space-access"} <= set(out[0].split(","))
    assert out[1] == "False"


@pytest.mark.slow
def test_third_party_plugin_is_discovered_and_isolated(example_plugin: Path, helsinki_model) -> None:
    registry = PluginRegistry()
    ids = {m.id for m in registry.manifests()}
    assert {"building-count", "slow-count", "always-fails", "broken-import"} <= ids
    assert "bad-manifest" in registry.failures and "has no 'id'" in registry.failures["bad-manifest"]
    with pytest.raises(PluginError, match=r"'broken-import' .* could not be loaded: ModuleNotFoundError"):
        run_analysis("broken-import", helsinki_model, registry=registry)
    with pytest.raises(
        PluginError, match=r"'always-fails' .* failed: RuntimeError: this example plugin always fails"
    ):
        run_analysis("always-fails", helsinki_model, registry=registry)
    # the others still work
    result = run_analysis("building-count", helsinki_model, {"districts": "Kamppi,Kluuvi"}, registry=registry)
    values = {i.district: i.value for i in result.indicators}
    assert values[None] == values["Kamppi"] + values["Kluuvi"] > 0
    assert result.record.analysis == "building-count" and result.record.version == "1.0.0"
    assert [i.layer_id for i in result.record.inputs] == ["districts", "buildings"]
    assert all(len(i.sha256 or "") == 64 for i in result.record.inputs)
    assert result.layers[0].id == "building-count:counted"


def test_results_are_validated_before_they_reach_the_model(helsinki_model) -> None:
    from twin_app.core.analysis import AnalysisOutput, Indicator
    from twin_app.core.plugins import PluginManifest

    def bad(ctx):
        return AnalysisOutput(indicators=[Indicator("x", float("nan"), "m")])

    manifest = PluginManifest(
        id="bad", title="Bad", version="0", entry="x:y", indicators={"x": {"unit": "m"}}
    )
    registry = PluginRegistry({"bad": manifest})
    registry._functions["bad"] = bad
    with pytest.raises(
        PluginError, match=r"invalid result: indicator 'x' has the non-numeric or infinite value"
    ):
        run_analysis("bad", helsinki_model, registry=registry)


@pytest.mark.slow
def test_cli_lists_helps_and_runs_a_third_party_plugin(example_plugin: Path, tmp_path: Path) -> None:
    listed = subprocess.run([*TWIN_APP, "plugins", "list"], capture_output=True, text=True, check=True)
    assert "building-count" in listed.stdout and "twin-app-example-plugin" in listed.stdout
    assert "bad-manifest" in listed.stderr
    helped = subprocess.run([*TWIN_APP, "help", "building-count"], capture_output=True, text=True, check=True)
    assert "--min-height" in helped.stdout and "[0..500]" in helped.stdout
    out = tmp_path / "counts.gpkg"
    ran = subprocess.run(
        [
            *TWIN_APP,
            "run",
            "building-count",
            "helsinki",
            "--districts",
            "Kamppi",
            "--min-height",
            "20",
            "--json",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    doc = json.loads(ran.stdout)
    assert doc["analysis"] == "building-count"
    assert {i["district"] for i in doc["indicators"]} == {"Kamppi", None}
    assert doc["provenance"]["parameters"]["min_height"] == 20.0
    import pyogrio

    layers = {name for name, _ in pyogrio.list_layers(out)}
    assert {"indicators", "run_record", "building_count_counted"} <= layers
    bad = subprocess.run(
        [*TWIN_APP, "run", "building-count", "--min-height", "-5"], capture_output=True, text=True
    )
    assert bad.returncode == 2
    assert "below the minimum 0 m" in bad.stderr and "Traceback" not in bad.stderr
    unknown = subprocess.run([*TWIN_APP, "run", "no-such-analysis"], capture_output=True, text=True)
    assert unknown.returncode == 2 and "No analysis called 'no-such-analysis'" in unknown.stderr


def test_default_registry_sees_builtins() -> None:
    assert default_plugins().get("heat-exposure").title
