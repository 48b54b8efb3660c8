"""Plugins cannot take the app down: each analysis runs in a child process.

The misbehaving analyses are real plugins of the example package
(``tests/plugin_example``), read through their own manifests as registered
in its ``pyproject.toml``: one that never polls for cancellation, one that
calls ``sys.exit``, one that prints to stdout, one that segfaults or ends its
process, and one that changes the layer it is given.  The city is built in
the test, so the expected figures are counted by hand.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from twin_app.core.analysis import AnalysisOutput, Indicator
from twin_app.core.city import CityManifest
from twin_app.core.errors import CancelledError, CorruptFileError, PluginError
from twin_app.core.feedback import Feedback
from twin_app.core.isolation import ISOLATION_ENV, isolation_default
from twin_app.core.layers import BuildingsLayer, PolygonLayer
from twin_app.core.model import CityModel
from twin_app.core.plugins import PluginManifest, PluginRegistry, parse_plugin_manifest
from twin_app.core.runner import run_analysis

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "tests" / "plugin_example"
CRS = "EPSG:3067"


@pytest.fixture(scope="module")
def registry() -> Iterator[PluginRegistry]:
    """The example package's analyses, each read from the manifest its entry point names."""
    project = tomllib.loads((EXAMPLE / "pyproject.toml").read_text(encoding="utf-8"))
    entries = project["project"]["entry-points"]["twin_app.analyses"]
    manifests: dict[str, PluginManifest] = {}
    for name, value in entries.items():
        package, _, resource = value.partition(":")
        raw = tomllib.loads((EXAMPLE / package / resource).read_text(encoding="utf-8"))
        if "id" in raw:  # bad-manifest has none, on purpose
            manifests[name] = parse_plugin_manifest(
                raw, source=f"{package}/{resource}", distribution=project["project"]["name"]
            )
    sys.path.insert(0, str(EXAMPLE))  # inherited by the children, where the code is imported
    yield PluginRegistry(manifests)
    sys.path.remove(str(EXAMPLE))


def town(tmp_path: Path) -> CityModel:
    """Two districts (West x < 100, East) and three buildings: two in West (10 m, 30 m), one in East."""
    manifest = CityManifest(
        folder=tmp_path,
        name="town",
        title="Town",
        crs=CRS,
        bbox_lonlat=(24.9, 60.1, 25.0, 60.2),
        layers=(),
        districts_layer="districts",
    )
    model = CityModel(manifest=manifest, origin=(0.0, 0.0))
    districts = gpd.GeoDataFrame(
        {"name": ["West", "East"]},
        geometry=[shapely.box(0, 0, 100, 100), shapely.box(100, 0, 200, 100)],
        crs=CRS,
    )
    model.add_layer(PolygonLayer(id="districts", title="Districts", crs=CRS, frame=districts))
    buildings = gpd.GeoDataFrame(
        {"height_m": [10.0, 30.0, 20.0], "height_from": ["height", "height", "height"]},
        geometry=[shapely.box(10, 10, 20, 20), shapely.box(50, 50, 60, 60), shapely.box(150, 50, 160, 60)],
        crs=CRS,
    )
    model.add_layer(BuildingsLayer(id="buildings", title="Buildings", crs=CRS, frame=buildings))
    return model


def _gone(pid: int) -> bool:
    """Whether the process has ended (a zombie not yet reaped by whoever adopted it has too)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] in {"Z", "X"}


def _probe(func) -> PluginRegistry:
    manifest = PluginManifest(
        id="probe",
        title="Probe",
        version="0.1",
        entry="x:y",
        distribution="probe-pkg",
        indicators={"pid": {"unit": "pid"}},
    )
    registry = PluginRegistry({"probe": manifest})
    registry._functions["probe"] = func
    return registry


def test_isolation_is_on_unless_switched_off(monkeypatch) -> None:
    monkeypatch.delenv(ISOLATION_ENV, raising=False)
    assert isolation_default() is True
    for off in ("0", "no", "false", "off"):
        monkeypatch.setenv(ISOLATION_ENV, off)
        assert isolation_default() is False
    monkeypatch.setenv(ISOLATION_ENV, "1")
    assert isolation_default() is True


def test_the_plugin_runs_in_another_process_and_the_result_comes_back(registry, tmp_path: Path) -> None:
    model = town(tmp_path)
    seen: list[float] = []
    result = run_analysis(
        "building-count",
        model,
        {"min_height": 15},
        registry=registry,
        feedback=Feedback(on_progress=lambda f, t: seen.append(f)),
    )
    # by hand: at least 15 m tall are the 30 m one in West and the 20 m one in East
    values = {i.district: i.value for i in result.indicators}
    assert values == {"West": 1.0, "East": 1.0, None: 2.0}
    assert [layer.id for layer in result.layers] == ["building-count:counted"]
    assert sorted(result.layers[0].frame["height_m"]) == [20.0, 30.0]
    assert [i.layer_id for i in result.record.inputs] == ["districts", "buildings"]
    assert result.record.version == "1.0.0" and result.notes == {"rule": "representative point in district"}

    def where(ctx):
        ctx.feedback.warning("a sentence for the user")
        ctx.feedback.progress(0.5, "half way")
        return AnalysisOutput(indicators=[Indicator("pid", float(os.getpid()), "pid")])

    progress: list[tuple[float, str]] = []
    feedback = Feedback(on_progress=lambda f, t: progress.append((f, t)))
    isolated = run_analysis("probe", model, registry=_probe(where), feedback=feedback)
    assert isolated.indicators[0].value != os.getpid()
    assert isolated.warnings == ["a sentence for the user"] == feedback.warnings
    assert (0.5, "half way") in progress
    here = run_analysis("probe", model, registry=_probe(where), isolate=False)
    assert here.indicators[0].value == os.getpid()


def test_a_never_polling_plugin_is_cancelled_within_seconds(registry, tmp_path: Path) -> None:
    model = town(tmp_path)
    pids: list[int] = []
    feedback = Feedback(on_message=lambda level, text: pids.append(int(text.split()[-1])))
    threading.Timer(1.0, feedback.cancel).start()
    started = time.monotonic()
    with pytest.raises(CancelledError):
        run_analysis("never-polls", model, registry=registry, feedback=feedback)
    took = time.monotonic() - started
    assert 1.0 <= took < 5.0
    assert len(pids) == 1 and pids[0] != os.getpid() and _gone(pids[0])


def test_a_cooperative_plugin_stops_cleanly_before_the_grace_period(registry, tmp_path: Path) -> None:
    from twin_app.core.isolation import GRACE_S

    model = town(tmp_path)
    progress: list[float] = []
    feedback = Feedback(on_progress=lambda f, t: progress.append(f))
    threading.Timer(0.5, feedback.cancel).start()
    started = time.monotonic()
    with pytest.raises(CancelledError):
        run_analysis("slow-count", model, {"seconds": 60}, registry=registry, feedback=feedback)
    assert time.monotonic() - started < 0.5 + GRACE_S
    assert progress and 0 < progress[-1] < 0.1  # it was counting, and got nowhere near the end


def test_sys_exit_in_a_plugin_is_its_defect_and_the_app_runs_on(registry, tmp_path: Path) -> None:
    model = town(tmp_path)
    for isolate in (True, False):
        with pytest.raises(PluginError) as excinfo:
            run_analysis("calls-exit", model, registry=registry, isolate=isolate)
        message = str(excinfo.value)
        assert "'calls-exit' (twin-app-example-plugin 1.0.0) called exit (SystemExit: 3)" in message
        assert message.endswith("please report it to the plugin's author.")


@pytest.mark.parametrize(
    ("how", "ending"),
    [("segfault", "ended with signal SIGSEGV"), ("os_exit", "exited with status 3 without an answer")],
)
def test_a_crashing_plugin_takes_only_its_run_down(registry, tmp_path: Path, how: str, ending: str) -> None:
    model = town(tmp_path)
    before = model.layers["buildings"].frame.copy()
    with pytest.raises(PluginError) as excinfo:
        run_analysis("crashes", model, {"how": how}, registry=registry)
    message = str(excinfo.value)
    assert f"'crashes' (twin-app-example-plugin 1.0.0) crashed (the process {ending})" in message
    assert "The city is unchanged and the app keeps running" in message
    assert message.endswith("please report it to the plugin's author.")
    # this process lives on, and the next analysis runs as usual
    assert model.layers["buildings"].frame.equals(before)
    result = run_analysis("building-count", model, {}, registry=registry)
    assert {i.district: i.value for i in result.indicators} == {"West": 2.0, "East": 1.0, None: 3.0}


@pytest.mark.parametrize("isolate", [True, False])
def test_a_plugin_cannot_change_the_citys_layers(registry, tmp_path: Path, isolate: bool) -> None:
    model = town(tmp_path)
    layer = model.layers["buildings"]
    frame = layer.frame
    result = run_analysis("mutates-city", model, registry=registry, isolate=isolate)
    assert result.indicators[0].value == 1.0  # it ran, and changed what it was given
    assert model.layers["buildings"] is layer and layer.frame is frame
    assert layer.title == "Buildings"
    assert len(frame) == 3 and list(frame["height_m"]) == [10.0, 30.0, 20.0]


def test_a_child_does_not_outlive_an_app_that_is_killed(tmp_path: Path) -> None:
    import signal
    import subprocess

    script = f"""
import os, sys, time
from pathlib import Path
sys.path.insert(0, {str(ROOT / "tests")!r})
from toy_city import grid_city
from twin_app.core.analysis import AnalysisOutput
from twin_app.core.plugins import PluginManifest, PluginRegistry
from twin_app.core.runner import run_analysis

def sleeper(ctx):
    print("child", os.getpid(), flush=True)  # a plugin's print goes to stderr
    time.sleep(1000)
    return AnalysisOutput()

registry = PluginRegistry({{"probe": PluginManifest(id="probe", title="Probe", version="0", entry="x:y")}})
registry._functions["probe"] = sleeper
run_analysis("probe", grid_city(Path({str(tmp_path)!r}), []), registry=registry)
"""
    app = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE, text=True)
    assert app.stderr is not None
    line = app.stderr.readline()
    assert line.startswith("child "), line + app.stderr.read()
    child = int(line.split()[1])
    assert not _gone(child)
    app.send_signal(signal.SIGKILL)  # no handler, no finally: the app just ends
    app.wait()
    deadline = time.monotonic() + 5
    while not _gone(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(child)


def test_the_apps_own_errors_keep_their_class_and_sentence(tmp_path: Path) -> None:
    model = town(tmp_path)

    def unreadable(ctx):
        raise CorruptFileError(tmp_path / "x.gpkg", fmt="GeoPackage", detail="its header is cut")

    with pytest.raises(CorruptFileError) as excinfo:
        run_analysis("probe", model, registry=_probe(unreadable))
    assert str(excinfo.value).startswith("The analysis 'Probe' could not run: ")
    assert str(tmp_path / "x.gpkg") in str(excinfo.value) and excinfo.value.path == tmp_path / "x.gpkg"


def test_a_result_that_cannot_be_handed_back_is_the_plugins_defect(tmp_path: Path) -> None:
    model = town(tmp_path)

    def unpicklable(ctx):
        return AnalysisOutput(notes={"callback": lambda: None})

    with pytest.raises(
        PluginError, match=r"'probe' \(probe-pkg 0.1\) returned an invalid result: .*handed back"
    ):
        run_analysis("probe", model, registry=_probe(unpicklable))


def test_a_plugin_that_prints_leaves_run_json_intact(registry, tmp_path: Path, capfd, monkeypatch) -> None:
    import twin_app.core.plugins as plugins
    from twin_app.cli.main import main

    folder = tmp_path / "quiet"
    folder.mkdir()
    (folder / "city.toml").write_text(
        '[city]\nname = "quiet"\ncrs = "EPSG:3067"\nbbox = [24.9, 60.1, 25.0, 60.2]\n', encoding="utf-8"
    )
    monkeypatch.setattr(plugins, "_default", registry)
    for isolation in ("1", "0"):
        monkeypatch.setenv(ISOLATION_ENV, isolation)
        # in the app's own process (for debugging) print() is redirected, but fd 1 is left alone
        native = "yes" if isolation == "1" else "no"
        assert main(["run", "prints", str(folder), "--json", "--native", native]) == 0
        out, err = capfd.readouterr()
        doc = json.loads(out)  # nothing but the JSON document
        assert doc["indicators"] == [{"key": "answer", "value": 42.0, "unit": "things", "district": None}]
        assert "a line printed by the plugin" in err
        assert ("a line written to file descriptor 1" in err) is (isolation == "1")


def test_a_plugin_runs_where_stderr_is_no_file(registry, tmp_path: Path, capsys) -> None:
    # capsys puts objects without a file descriptor in place of sys.stdout and sys.stderr,
    # as an embedding application may
    result = run_analysis("prints", town(tmp_path), {"native": "yes"}, registry=registry)
    assert result.indicators[0].value == 42.0
    assert "a line printed" not in capsys.readouterr().out


def test_a_result_never_replaces_a_city_layer(registry, tmp_path: Path) -> None:
    model = town(tmp_path)
    # a city may call its own layer anything, even what a result would be called
    own = PolygonLayer(
        id="building-count:counted", title="Mine", crs=CRS, frame=model.layers["districts"].frame.copy()
    )
    model.add_layer(own)
    for _ in range(2):
        for layer in run_analysis("building-count", model, {}, registry=registry).layers:
            model.add_result_layer(layer)
    assert model.layers["building-count:counted"] is own and not model.is_result(own.id)
    results = [lid for lid in model.layers if model.is_result(lid)]
    assert results == ["building-count:counted_2"]  # the second run replaced the first's result
    assert len(model.layers["building-count:counted_2"].frame) == 3


def test_result_ids_live_in_the_analysis_namespace() -> None:
    from twin_app.core.analysis import result_layer_id

    def layer(lid: str) -> PolygonLayer:
        return PolygonLayer(id=lid, title=lid, crs=CRS)

    assert result_layer_id("build", layer("buildings")) == "build:buildings"
    assert result_layer_id("build", layer("build:heights")) == "build:heights"


@pytest.mark.gui
def test_the_gui_worker_cancels_a_never_polling_plugin(registry, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot

    import twin_app.core.plugins as plugins
    from twin_app.qt.workers import AnalysisWorker, start_worker

    class Window(QObject):
        """What the window does with the worker's signals: note them, on the GUI thread."""

        def __init__(self) -> None:
            super().__init__()
            self.ended: list[bool] = []
            self.ticks: list[float] = []

        @Slot(bool)
        def finished(self, cancelled: bool) -> None:
            self.ended.append(cancelled)

        @Slot()
        def tick(self) -> None:
            self.ticks.append(time.monotonic())

    monkeypatch.setattr(plugins, "_default", registry)
    app = QCoreApplication.instance() or QCoreApplication([])
    window = Window()
    timer = QTimer()
    timer.timeout.connect(window.tick)
    timer.start(50)
    worker = AnalysisWorker("never-polls", town(tmp_path), {})
    thread = start_worker(window, worker, finished=window.finished)

    def spin(until) -> None:
        while not until():
            app.processEvents()
            time.sleep(0.01)

    started = time.monotonic()
    spin(lambda: time.monotonic() - started > 1.0)
    worker.feedback.cancel()
    cancelled_at = time.monotonic()
    spin(lambda: window.ended or time.monotonic() - cancelled_at > 10)
    took = time.monotonic() - cancelled_at
    timer.stop()
    assert window.ended == [True] and took < 5
    assert thread.wait(5000)
    # the GUI thread stayed free: the timer kept ticking all along
    gaps = [b - a for a, b in zip(window.ticks, window.ticks[1:], strict=False)]
    assert len(window.ticks) > 20 and max(gaps) < 0.5
