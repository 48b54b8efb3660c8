"""Errors blame the right party: a missing or wrong layer is the user's, a crash the plugin's."""

from __future__ import annotations

from pathlib import Path

import pytest
from toy_city import grid_city

import twin_app.api as api
from twin_app.core import errors
from twin_app.core.analysis import AnalysisOutput
from twin_app.core.errors import MissingLayerError, PluginError, TwinError
from twin_app.core.plugins import PluginManifest, PluginRegistry
from twin_app.core.runner import run_analysis


def test_every_error_class_lives_in_one_module_and_is_public() -> None:
    from twin_app.core.analysis import ResultError
    from twin_app.core.params import ParameterError
    from twin_app.core.plugins import PluginError as PluginErrorThere

    classes = [
        v
        for v in vars(errors).values()
        if isinstance(v, type) and issubclass(v, Exception) and v.__module__ == errors.__name__
    ]
    assert {c.__name__ for c in classes} >= {
        "ParameterError",
        "PluginError",
        "ResultError",
        "MissingLayerError",
    }
    for cls in classes:
        assert getattr(api, cls.__name__) is cls and cls.__name__ in api.__all__
        assert issubclass(cls, TwinError)
    # still importable where they were
    assert ResultError is errors.ResultError and ParameterError is errors.ParameterError
    assert PluginErrorThere is errors.PluginError


def _user_error(excinfo: pytest.ExceptionInfo[BaseException]) -> str:
    """The sentence a user reads: theirs to fix, never a plugin defect, never a raw KeyError."""
    message = str(excinfo.value)
    assert not isinstance(excinfo.value, PluginError)
    assert "report" not in message and "KeyError" not in message
    return message


def test_a_missing_population_grid_is_the_users_to_fix(tmp_path: Path) -> None:
    model = grid_city(tmp_path, [(150, 150, 10)])
    model.remove_layer("population")
    with pytest.raises(MissingLayerError) as excinfo:
        run_analysis("green-space-access", model, {"green": "districts"})
    message = _user_error(excinfo)
    assert "needs a population layer, and the city has none" in message
    assert "twin-app city import NAME --population FILE" in message


def test_every_missing_layer_is_named_at_once(tmp_path: Path) -> None:
    """A city without stops and without people: one sentence names both, so one fix reveals no other."""
    model = grid_city(tmp_path, [(150, 150, 10)])  # a toy city without stops
    model.remove_layer("population")
    with pytest.raises(MissingLayerError) as excinfo:
        run_analysis("transit-access", model, {})
    message = _user_error(excinfo)
    assert message.count("and the city has none") == 2
    assert "needs a stops layer" in message and "needs a population layer" in message
    assert "--gtfs FEED.zip" in message and "when it maps any" in message


def test_the_districts_are_never_taken_as_the_population_grid(tmp_path: Path) -> None:
    model = grid_city(tmp_path, [(150, 150, 10)])
    with pytest.raises(MissingLayerError) as excinfo:
        run_analysis("green-space-access", model, {"green": "districts", "population": "districts"})
    message = _user_error(excinfo)
    assert "'districts' is a districts layer, not a population layer; choose one of: population." in message


def _registry(func) -> PluginRegistry:
    manifest = PluginManifest(id="probe", title="Probe", version="0.1", entry="x:y", distribution="probe-pkg")
    registry = PluginRegistry({"probe": manifest})
    registry._functions["probe"] = func
    return registry


def test_a_city_without_districts_is_the_users_to_fix(tmp_path: Path) -> None:
    model = grid_city(tmp_path, [(150, 150, 10)])
    model.remove_layer("districts")

    def per_district(ctx):
        ctx.districts([])
        return AnalysisOutput()

    with pytest.raises(MissingLayerError) as excinfo:
        run_analysis("probe", model, registry=_registry(per_district))
    message = _user_error(excinfo)
    assert message.startswith("The analysis 'Probe' could not run: This city has no districts layer")
    assert "--districts FILE" in message


def test_naming_districts_in_a_city_without_any_is_the_users_to_fix(tmp_path: Path) -> None:
    model = grid_city(tmp_path, [(150, 150, 10)])
    model.remove_layer("districts")
    with pytest.raises(MissingLayerError) as excinfo:
        run_analysis("green-space-access", model, {"green": "population", "districts": "West"})
    assert "the city has no districts layer to choose from" in _user_error(excinfo)


def test_a_wrong_layer_asked_for_in_code_is_the_users_to_fix(tmp_path: Path) -> None:
    model = grid_city(tmp_path, [(150, 150, 10)])

    def people_from_districts(ctx):
        ctx.people("districts")
        return AnalysisOutput()

    with pytest.raises(MissingLayerError) as excinfo:
        run_analysis("probe", model, registry=_registry(people_from_districts))
    assert "'Districts' is not a population layer; choose one of: population." in _user_error(excinfo)


def test_a_crash_is_the_plugins_defect(tmp_path: Path) -> None:
    model = grid_city(tmp_path, [(150, 150, 10)])

    def crash(ctx):
        return {}["name"]

    with pytest.raises(PluginError) as excinfo:
        run_analysis("probe", model, registry=_registry(crash))
    message = str(excinfo.value)
    assert "'probe' (probe-pkg 0.1) failed: KeyError: 'name'" in message
    assert message.endswith("please report it to the plugin's author.")


def test_the_cli_says_which_layer_to_choose(capsys) -> None:
    from twin_app.cli.main import EXIT_ERROR, main

    assert main(["run", "transit-access", "helsinki", "--population", "districts"]) == EXIT_ERROR
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("twin-app: error: 'Population grid' (--population)")
    assert "not a population layer; choose one of: population." in err[0]
    assert "report" not in err[0] and "Traceback" not in err[0]
