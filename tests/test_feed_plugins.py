"""Feed sources as plugins: manifests, typed options, validation of what they store, isolation.

The sources are the real ones of the example distribution
(``tests/plugin_example_live``, pip-installed by the ``live_plugin``
fixture): ``aq-replay:`` replaying an air-quality station CSV, and sources
that misbehave on purpose.  Counts and values are worked out by hand from
the CSV written in the test; they are read back from a real store.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import threading
import time
from pathlib import Path

import pytest

from twin_app.cli.main import main
from twin_app.core.errors import FeedError, MissingFileError, ParameterError, PluginError
from twin_app.core.live.observation import SourceState
from twin_app.core.live.source_plugins import GuardedSource, SourceRegistry
from twin_app.core.live.sources import open_source
from twin_app.core.live.store import ObservationStore

pytestmark = pytest.mark.usefixtures("live_plugin")

#: 5 rows with PM2.5 (Gamma has none), 4 with NO2; the 'Bad' row has no position (malformed)
STATIONS = """station,lon,lat,time,pm25,no2
Alpha,24.95,60.17,2026-06-01T12:00:00Z,10.0,20.0
Alpha,24.95,60.17,2026-06-01T12:00:01Z,14.0,
Beta,24.92,60.18,2026-06-01T12:00:00+03:00,6.0,30.0
Beta,24.92,60.18,2026-06-01T12:00:02Z,8.0,34.0
Gamma,24.98,60.16,2026-06-01T12:00:00Z,,41.0
Delta,24.97,60.19,2026-06-01T12:00:02Z,3.5,
Bad,,,2026-06-01T12:00:00Z,1.0,1.0
"""


@pytest.fixture
def log(tmp_path: Path) -> Path:
    path = tmp_path / "stations.aq.csv"
    path.write_text(STATIONS)
    return path


def stored(store: Path, source: str | None = None) -> list:
    with ObservationStore(store) as s:
        return list(s.query(source=source))


def test_feed_sources_lists_built_in_and_plugin_sources_with_typed_options(
    capsys: pytest.CaptureFixture[str],
) -> None:
    capsys.readouterr()
    assert main(["feed", "sources", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    by_id = {s["id"]: s for s in listing["sources"]}
    assert {"mqtt", "hfp", "file", "gtfsrt", "sensorthings"} <= set(by_id)
    assert by_id["mqtt"]["builtin"] and by_id["mqtt"]["schemes"] == ["mqtt", "mqtts"]
    aq = by_id["aq-replay"]
    assert (aq["builtin"], aq["kind"], aq["schemes"], aq["distribution"]) == (
        False,
        "sensor",
        ["aq-replay"],
        "twin-app-example-live",
    )
    options = {o["name"]: o for o in aq["options"]}
    assert options["pollutant"]["choices"] == ["pm25", "pm10", "no2", "o3"]
    assert options["pollutant"]["default"] == "pm25"
    assert (options["speed"]["minimum"], options["speed"]["maximum"], options["speed"]["unit"]) == (
        0,
        100000,
        "x",
    )
    broken = {b["id"]: b["reason"] for b in listing["broken"]}
    assert broken["broken-source"].startswith("ModuleNotFoundError")
    assert "aq-replay" not in broken
    assert main(["feed", "sources"]) == 0
    out = capsys.readouterr()
    assert "aq-replay:" in out.out and "--option pollutant=" in out.out
    assert "'broken-source' could not be loaded" in out.err


def test_manifests_are_read_without_importing_the_sources_code() -> None:
    for name in [m for m in sys.modules if m.startswith("twin_example_live")]:
        del sys.modules[name]  # an earlier test may have opened a source
    ids = [m.id for m in SourceRegistry().manifests()]
    assert "aq-replay" in ids and "broken-source" in ids
    assert "twin_example_live.aq_source" not in sys.modules


def test_an_air_quality_log_is_ingested_through_the_plugin_and_counted_exactly(
    log: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "obs.gpkg"
    capsys.readouterr()
    assert main(["feed", "ingest", f"aq-replay:{log}", "--store", str(store), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["source"], summary["state"]) == ("aq-replay", "stopped")
    assert (summary["received"], summary["stored"], summary["malformed"]) == (7, 5, 1)
    assert "stations.aq.csv:8" in summary["malformed_samples"][0]
    rows = stored(store, "aq-replay")
    got = sorted((o.entity, o.time.isoformat(), o.value, o.unit) for o in rows)
    assert got == [
        ("Alpha", "2026-06-01T12:00:00+00:00", 10.0, "µg/m³"),
        ("Alpha", "2026-06-01T12:00:01+00:00", 14.0, "µg/m³"),
        ("Beta", "2026-06-01T09:00:00+00:00", 6.0, "µg/m³"),  # +03:00 read as UTC
        ("Beta", "2026-06-01T12:00:02+00:00", 8.0, "µg/m³"),
        ("Delta", "2026-06-01T12:00:02+00:00", 3.5, "µg/m³"),
    ]
    assert {(o.lon, o.lat) for o in rows if o.entity == "Alpha"} == {(24.95, 60.17)}
    # the typed option, given as text on the command line, chooses the pollutant
    assert (
        main(
            [
                "feed",
                "ingest",
                f"aq-replay:{log}",
                "--store",
                str(store),
                "--name",
                "no2",
                "--option",
                "pollutant=no2",
            ]
        )
        == 0
    )
    assert sorted(o.value for o in stored(store, "no2")) == [20.0, 30.0, 34.0, 41.0]
    capsys.readouterr()
    assert main(["feed", "stats", "--store", str(store), "--json"]) == 0
    counts = {s["source"]: s["count"] for s in json.loads(capsys.readouterr().out)["sources"]}
    assert counts == {"aq-replay": 5, "no2": 4}


def test_the_replay_keeps_the_pace_the_speed_option_asks(log: Path, tmp_path: Path) -> None:
    # paced from the first row (12:00:00) to the last (12:00:02): 2 s at 1x; Beta's 09:00 row,
    # out of order, is due at once
    source = open_source(f"aq-replay:{log}", {"speed": "1"})
    with ObservationStore(tmp_path / "obs.gpkg") as store:
        started = time.monotonic()
        source.run(store.append)
        took = time.monotonic() - started
    assert 1.9 <= took < 5, took
    assert source.status.stored == 5


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"pollutant": "co2"}, "'co2' is not one of: pm25, pm10, no2, o3"),
        ({"speed": "-1"}, "-1 x is below the minimum 0 x"),
        ({"speed": "fast"}, "'fast' is not a number"),
        ({"colour": "red"}, "Unknown parameter colour; the feed source 'aq-replay' takes: pollutant, speed"),
    ],
)
def test_a_wrong_option_is_a_sentence_naming_it_and_what_it_accepts(
    log: Path, options: dict[str, str], words: str
) -> None:
    with pytest.raises(ParameterError) as err:
        open_source(f"aq-replay:{log}", options)
    assert words in str(err.value)
    assert "--option NAME=VALUE" in str(err.value)


def test_the_cli_says_a_wrong_option_in_one_sentence(
    log: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "feed",
            "ingest",
            f"aq-replay:{log}",
            "--store",
            str(tmp_path / "o.gpkg"),
            "--option",
            "pollutant=co2",
        ]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "pollutant" in err and "pm25, pm10, no2, o3" in err and "Traceback" not in err


def test_the_plugins_own_sentence_for_a_missing_file_is_kept(tmp_path: Path) -> None:
    with pytest.raises(MissingFileError, match="air-quality log"):
        open_source(f"aq-replay:{tmp_path / 'none.aq.csv'}")


def test_a_source_that_raises_ends_failed_in_words_and_the_other_feed_goes_on(
    log: Path, tmp_path: Path
) -> None:
    crashing = open_source("crash-test:gateway", {"before": "3", "name": "gateway"})
    good = open_source(f"aq-replay:{log}", {"speed": "3600"})
    with ObservationStore(tmp_path / "obs.gpkg") as store:
        threads = [threading.Thread(target=s.run, args=(store.append,)) for s in (crashing, good)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        counts = {s.source: s.count for s in store.stats()}
    status = crashing.status
    assert status.state == SourceState.FAILED
    assert status.last_error is not None
    assert "feed source 'crashing-source' (twin-app-example-live 1.0.0) failed" in status.last_error
    assert "RuntimeError: the sensor gateway said 42" in status.last_error
    assert status.stored == 3
    assert good.status.state == SourceState.STOPPED and good.status.stored == 5
    assert counts == {"gateway": 3, "aq-replay": 5}


def test_the_feed_hub_shows_a_plugin_feed_failing_in_words_while_the_other_is_stored(
    log: Path, tmp_path: Path
) -> None:
    """The hub keeps each source's status object and reads it again: a guarded one stays current."""
    from twin_app.core.live.feeds import FeedSpec
    from twin_app.core.live.hub import FeedHub

    hub = FeedHub(tmp_path / "obs.gpkg")
    try:
        hub.start(FeedSpec(id="gateway", title="Gateway", source="crash-test:x", options={"before": 2}))
        hub.start(FeedSpec(id="air", title="Air", source=f"aq-replay:{log}", options={"pollutant": "no2"}))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            states = {s.source: s for s in hub.statuses()}
            if all(s.state in (SourceState.FAILED, SourceState.STOPPED) for s in states.values()):
                break
            time.sleep(0.05)
        assert states["gateway"].state == SourceState.FAILED
        assert "feed source 'crashing-source'" in (states["gateway"].last_error or "")
        assert (states["gateway"].stored, states["air"].stored) == (2, 4)
        assert states["air"].state == SourceState.STOPPED
    finally:
        assert hub.stop_all(timeout=10)
    assert sorted(o.value for o in stored(tmp_path / "obs.gpkg", "air")) == [20.0, 30.0, 34.0, 41.0]
    assert len(stored(tmp_path / "obs.gpkg", "gateway")) == 2


def test_what_a_plugin_sends_is_validated_bad_observations_counted_the_rest_stored(tmp_path: Path) -> None:
    source = open_source("sloppy-test:x", {"name": "sloppy"})
    assert isinstance(source, GuardedSource)
    store_path = tmp_path / "obs.gpkg"
    with ObservationStore(store_path) as store:
        source.run(store.append)
    status = source.status
    assert (status.received, status.stored, status.malformed) == (8, 3, 5)
    samples = " | ".join(status.malformed_samples)
    for words in (
        "a dict, not an Observation",
        "is not a finite number",
        "before 1990",
        "stored under 'someone-else', not the feed's name 'sloppy'",
        "a vehicle observation from a source that reports sensor observations",
    ):
        assert words in samples, samples
    assert sorted(o.entity for o in stored(store_path)) == ["s1", "s2", "s6"]
    assert status.state == SourceState.STOPPED


def test_a_plugin_that_cannot_be_imported_is_a_sentence_and_the_others_still_open(log: Path) -> None:
    with pytest.raises(PluginError) as err:
        open_source("broken-test:x")
    text = str(err.value)
    assert "'broken-source' (twin-app-example-live 1.0.0) could not be loaded: ModuleNotFoundError" in text
    assert "The other feeds still work" in text
    assert isinstance(open_source(f"aq-replay:{log}"), GuardedSource)


def test_an_unknown_scheme_names_the_plugin_schemes_too() -> None:
    with pytest.raises(FeedError) as err:
        open_source("kafka://broker/topic")
    assert "mqtt://" in str(err.value) and "aq-replay:" in str(err.value)
    with pytest.raises(FeedError, match="not a feed address"):
        open_source("broker:1883")


def test_times_are_checked_against_now(tmp_path: Path) -> None:
    """A year ahead of now is refused; tomorrow is kept (a timetable may run a little ahead)."""
    from twin_app.core.live.observation import Observation

    source = open_source("sloppy-test:x", {"name": "t"})
    now = dt.datetime.now(dt.UTC)
    ok = Observation(source="t", entity="a", time=now + dt.timedelta(days=1), value=1.0)
    late = Observation(source="t", entity="b", time=now + dt.timedelta(days=400), value=1.0)
    assert source._problem(ok, now) is None
    assert "more than a year ahead" in (source._problem(late, now) or "")


@pytest.mark.gui
@pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="GUI tests need an X display (run under xvfb-run)")
def test_the_connect_feed_dialog_builds_the_plugins_options_form(log: Path, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QApplication, QComboBox, QDoubleSpinBox

    from twin_app.qt.connect_feed import ConnectFeedDialog

    app = QApplication.instance() or QApplication([])
    dialog = ConnectFeedDialog()
    ids = [dialog.source.itemData(i) for i in range(dialog.source.count())]
    assert {"mqtt", "file", "aq-replay"} <= set(ids)
    dialog.choose("aq-replay")
    app.processEvents()
    assert dialog.form is not None
    pollutant = dialog.form.widgets["pollutant"]
    speed = dialog.form.widgets["speed"]
    assert isinstance(pollutant, QComboBox) and isinstance(speed, QDoubleSpinBox)
    assert [pollutant.itemText(i) for i in range(pollutant.count())] == ["pm25", "pm10", "no2", "o3"]
    assert (speed.minimum(), speed.maximum(), speed.suffix()) == (0, 100000, " x")
    assert "aq-replay:" in dialog.address.placeholderText()
    # a missing file is said in the dialog, which stays open
    dialog.address.setText(f"aq-replay:{tmp_path / 'none.aq.csv'}")
    dialog.accept()
    assert dialog.spec is None and "air-quality log" in dialog.error.text()
    dialog.address.setText(f"aq-replay:{log}")
    dialog.feed_title.setText("Street air")
    dialog.set_value("pollutant", "no2")
    dialog.set_value("speed", 60)
    dialog.accept()
    spec = dialog.spec
    assert spec is not None, dialog.error.text()
    assert (spec.id, spec.title, spec.source, spec.kind) == (
        "street-air",
        "Street air",
        f"aq-replay:{log}",
        "sensor",
    )
    assert dict(spec.options) == {"pollutant": "no2", "speed": 60.0, "name": "street-air"}
    # the spec opens the same source again, as the window's feed hub will
    again = open_source(spec.source, spec.options)
    with ObservationStore(tmp_path / "obs.gpkg") as store:
        again.inner.speed = 0  # all at once, for the test
        again.run(store.append)
    assert sorted(o.value for o in stored(tmp_path / "obs.gpkg", "street-air")) == [20.0, 30.0, 34.0, 41.0]
    # a built-in source gets its form from its description, and its options as the CLI gives them
    readings = tmp_path / "readings.csv"
    readings.write_text("id,time,value,unit,lon,lat\ns1,2026-06-01T12:00:00Z,21.5,degC,24.94,60.17\n")
    dialog.choose("file")
    app.processEvents()
    assert set(dialog.form.widgets) == {"name", "mapping", "speed"}
    dialog.address.setText(readings.as_uri())
    dialog.feed_title.setText("")
    dialog.accept()
    assert dialog.spec is not None, dialog.error.text()
    assert (dialog.spec.id, dialog.spec.kind) == ("file", "sensor")
    assert dict(dialog.spec.options) == {"name": "file", "speed": 0.0}
    # a simulated feed: its date is required, and its file is checked without reading the timetable
    dialog.choose("schedule")
    app.processEvents()
    dialog.address.setText(f"schedule:{tmp_path / 'none.zip'}")
    dialog.accept()
    assert dialog.spec is None and "a value is required" in dialog.error.text()
    dialog.set_value("date", "2022-02-22")
    dialog.accept()
    assert dialog.spec is None and "none.zip" in dialog.error.text()
    # the window offers the dialog from its File menu
    from PySide6.QtGui import QAction

    from twin_app.qt.window import MainWindow

    win = MainWindow()
    try:
        action = win.findChild(QAction, "connect_feed")
        assert action is not None and action.text() == "Connect &feed…"
    finally:
        win.close()
        app.processEvents()
