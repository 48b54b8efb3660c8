"""``twin-app report`` on a town imported from files written here: the PDF says what ``run --json`` says.

The town is test_analyses_on_imported_city's (one district, "Centre", whose
figures are worked out by hand there): with a 300 m walk to a bus stop, 280
of its 544 residents are served (51.5 %); at 500 m everyone is.  The PDF's
text is read back with pypdf (an independent PDF reader) and its pages are
drawn with PDFium (pypdfium2), so what is checked is what a reader sees.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from test_city_import import UTM, X0, Y0, write_town_extras, write_town_osm

from twin_app.cli.main import main
from twin_app.core.city_import import CityImport, import_city
from twin_app.core.loading import load_city
from twin_app.core.plugins import default_plugins
from twin_app.core.quantities import display_value
from twin_app.report.content import published_method

pytestmark = pytest.mark.slow

ANALYSES = ("transit-access", "green-space-access", "heat-exposure")
PARAMS = [
    "--param",
    "transit-access.low_capacity_distance=300",
    "--param",
    "heat-exposure.pixel_rule=fraction",
]


@pytest.fixture(scope="module")
def town(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("town")
    osm = write_town_osm(tmp / "town.osm.pbf")
    extras = write_town_extras(tmp)
    districts = tmp / "districts.gpkg"
    gpd.GeoDataFrame(
        {"name": ["Centre"]}, geometry=[shapely.box(X0, Y0, X0 + 400, Y0 + 400)], crs=UTM
    ).to_file(districts)
    return import_city(
        CityImport(
            name="town",
            osm=osm,
            gtfs=extras["gtfs"],
            population=extras["population"],
            population_column="inhabitants",
            districts=districts,
            rasters={"heat": extras["raster"]},
        ),
        tmp / "cities",
    )


def _run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(list(args))
    return code, out.getvalue()


@pytest.fixture(scope="module")
def report(town: Path, tmp_path_factory) -> tuple[Path, str]:
    pdf = tmp_path_factory.mktemp("report") / "town.pdf"
    # the built-in analyses by name: a test elsewhere may have installed the example plugin's
    code, said = _run(
        "report", str(town), "--out", str(pdf), "--size", "800x500", "--analyses", ",".join(ANALYSES), *PARAMS
    )
    assert code == 0, said
    assert said.startswith(f"Saved {pdf}")
    return pdf, said


@pytest.fixture(scope="module")
def text(report) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(report[0]).pages)


@pytest.fixture(scope="module")
def run_json(town: Path) -> dict[str, dict]:
    """What ``twin-app run ANALYSIS --json`` prints, with the report's parameters."""
    options = {
        "transit-access": ["--low-capacity-distance", "300"],
        "heat-exposure": ["--pixel-rule", "fraction"],
        "green-space-access": [],
    }
    out = {}
    for analysis in ANALYSES:
        code, said = _run("run", analysis, str(town), "--json", *options[analysis])
        assert code == 0
        out[analysis] = json.loads(said)
    return out


def _flat(text: str) -> str:
    """Text with its line breaks taken as spaces (table cells and paragraphs wrap)."""
    return " ".join(text.split())


def test_the_report_holds_the_numbers_run_json_gives(text: str, run_json: dict[str, dict]) -> None:
    flat = _flat(text)
    for analysis, doc in run_json.items():
        units = {k: v["unit"] for k, v in doc["provenance"]["definitions"].items()}
        for ind in doc["indicators"]:
            shown = display_value(ind["value"], units[ind["key"]])
            assert shown in flat, f"{analysis} {ind['key']} {ind['district']}: {shown} not in the report"


def test_the_numbers_are_the_hand_worked_ones(text: str) -> None:
    flat = _flat(text)
    # transit access at 300 m: 280 of 544 served (test_analyses_on_imported_city works it out)
    assert "Centre 51.5 % 544" in flat  # district, share, residents counted: one table row
    assert "Centre 280 544" in flat
    assert "Centre 544 All selected 544" in flat  # the residents' own table: no second column
    # heat: the district's pixels average 0.5, the highest is 88/99
    assert "Centre 0.5" in flat and "0.889" in flat


def test_the_methods_parameters_inputs_and_credits_are_in_the_report(
    text: str, town: Path, run_json: dict[str, dict]
) -> None:
    flat = _flat(text)
    assert "UN SDG indicator 11.2.1" in flat
    assert "UN SDG indicator 11.7.1(b)" in flat
    for analysis, doc in run_json.items():
        manifest = default_plugins().get(analysis)
        assert _flat(manifest.title) in flat
        for key in {i["key"] for i in doc["indicators"]}:  # the town has no age groups: no 70+ figures
            assert _flat(manifest.indicators[key]["definition"])[:40] in flat, key
    # parameters with their values and units
    assert "Walk to a low-capacity stop (low_capacity_distance) 300.0 m" in flat
    assert "Pixel rule (pixel_rule) fraction" in flat
    # inputs with their fingerprints (the first characters of the SHA-256 run --json records)
    for doc in run_json.values():
        for item in doc["provenance"]["inputs"]:
            if item["sha256"]:
                assert item["sha256"][:16] in flat
    # every credit the city's data require
    for credit in load_city(town).credits():
        assert _flat(credit) in flat


def test_the_pages_show_the_city(report) -> None:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(report[0]))
    assert len(doc) >= 5  # cover, one page per analysis at least, methods, sources
    grey = []
    for i in range(len(doc)):
        image = np.asarray(doc[i].render(scale=1).to_pil().convert("RGB"))
        inked = np.any(image < 235, axis=2).mean()
        grey.append(inked)
        assert inked > 0.005, f"page {i + 1} is blank"
    # the cover holds the city's home view: a picture, not just lines of text
    cover = np.asarray(doc[0].render(scale=1).to_pil().convert("RGB"))
    assert len(np.unique(cover.reshape(-1, 3), axis=0)) > 500
    assert grey[0] > 0.1, "the cover's view of the city is missing"


def test_published_method_comes_from_the_manifest() -> None:
    assert published_method(default_plugins().get("transit-access")) == "UN SDG indicator 11.2.1"
    assert published_method(default_plugins().get("heat-exposure")) == ""


def test_report_refusals_are_sentences_before_any_work(tmp_path: Path, capsys) -> None:
    assert main(["report", "helsinki", "--out", str(tmp_path / "r.txt")]) == 2
    assert "does not end in .pdf" in capsys.readouterr().err
    assert main(["report", "helsinki", "--out", str(tmp_path / "r.pdf"), "--lang", "de"]) == 2
    err = capsys.readouterr().err
    assert "'de'" in err and "ja (日本語)" in err
    with pytest.raises(SystemExit) as exited:
        main(["report", "helsinki", "--out", str(tmp_path / "r.pdf"), "--param", "nothing"])
    assert exited.value.code == 2
    assert "ANALYSIS.NAME=VALUE" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


# -- a scenario of a project beside the baseline --------------------------------------------------

SCENARIO = "New stop"


@pytest.fixture(scope="module")
def workshop(town: Path, tmp_path_factory) -> Path:
    """A project on the town: bus stops added on the streets at (200, 325) and (100, 200), three pins."""
    from twin_app.core.project import Project
    from twin_app.core.scenario import AddStop

    path = tmp_path_factory.mktemp("project") / "workshop.gpkg"
    project = Project.new(path, town)
    project.add_scenario(SCENARIO, "A bus stop for the north-west blocks")
    project.add_edit(SCENARIO, AddStop("new-1", "Market", X0 + 200, Y0 + 325))
    project.add_edit(SCENARIO, AddStop("new-2", "School", X0 + 100, Y0 + 200))
    project.add_pin("idea", "More benches at the stop", X0 + 210, Y0 + 330, name="Aino", scenario=SCENARIO)
    project.add_pin("problem", "The crossing is dark at night", X0 + 190, Y0 + 300, scenario=SCENARIO)
    project.add_pin("like", "A pin on the baseline", X0 + 50, Y0 + 50)
    project.save()
    project.close()
    return path


def _scenario_report(workshop: Path, out: Path, *extra: str) -> str:
    from pypdf import PdfReader

    code, said = _run(
        "report", str(workshop), "--scenario", SCENARIO, "--analyses", "transit-access",
        "--param", "transit-access.low_capacity_distance=300", "--size", "800x500", "--out", str(out), *extra,
    )  # fmt: skip
    assert code == 0, said
    return _flat(" ".join(page.extract_text() for page in PdfReader(out).pages))


def test_a_scenario_report_shows_baseline_scenario_and_difference(
    workshop: Path, town: Path, tmp_path: Path
) -> None:
    from twin_app.core.project import Project
    from twin_app.core.runner import run_analysis
    from twin_app.core.scenario import apply
    from twin_app.report.compare import format_difference

    flat = _scenario_report(workshop, tmp_path / "scenario.pdf")
    # the scenario's numbers, by the runner on the scenario's city (what a script would get)
    with Project.open(workshop) as project:
        changed = apply(load_city(town), project.scenario(SCENARIO))
    result = run_analysis("transit-access", changed, {"low_capacity_distance": 300})
    after = {i.key: i.value for i in result.indicators if i.district == "Centre"}
    # by hand: the 120 people of the piece at (125, 325) are 75 m from the new stop, so at least
    # 280 + 120 = 400 of 544 are served now (51.5 % before)
    assert after["population_served"] >= 400 - 0.05
    share = display_value(after["share_served"], "ratio")
    diff = format_difference(after["share_served"] - 280 / 544, "ratio")
    assert diff.startswith("+") and diff.endswith(" pp")
    assert f"Centre 51.5 % {share} {diff}" in flat
    assert f"Centre 280 {display_value(after['population_served'])} +" in flat
    assert "1. Add the stop 'Market' 2. Add the stop 'School'" in flat
    # the run's notes that changed are said: the method's side of the difference
    assert "What the run did differently in the scenario:" in flat
    assert "Stops in the layer: 2 → 4" in flat  # the note "stops in layer", labelled
    assert "The scenario's figures are computed again on the scenario's city." in flat
    # the scenario's pins, without names unless asked; the baseline's pin is not the scenario's
    assert "More benches at the stop" in flat and "The crossing is dark at night" in flat
    assert "idea 1 like" not in flat and "idea 1 problem 1 All 2" in flat
    assert "A pin on the baseline" not in flat
    assert "Aino" not in flat and "names are left out" in flat


def test_names_are_printed_only_when_asked(workshop: Path, tmp_path) -> None:
    flat = _scenario_report(workshop, tmp_path / "named.pdf", "--names")
    assert "More benches at the stop Aino" in flat


def test_a_scenario_needs_a_project(tmp_path: Path, capsys) -> None:
    assert main(["report", "helsinki", "--scenario", "x", "--out", str(tmp_path / "r.pdf")]) == 2
    assert "needs a project file" in capsys.readouterr().err


def test_an_analysis_the_city_cannot_run_is_left_out_and_named(town: Path) -> None:
    """Without districts the analyses, which report per district, cannot run: each is named with why."""
    from twin_app.core.errors import TwinError
    from twin_app.core.plugins import PluginRegistry
    from twin_app.report.content import run_analyses

    built_in = PluginRegistry({m.id: m for m in default_plugins().manifests() if m.id in ANALYSES})
    model = load_city(town)
    assert model.districts is not None
    model.remove_layer(model.districts.id)
    with pytest.raises(TwinError, match="None of the analyses could run") as refused:
        run_analyses(model, registry=built_in)
    for analysis in ANALYSES:
        assert f"{analysis}: " in str(refused.value)
    assert "districts" in str(refused.value)


def test_an_installed_plugin_that_fails_is_left_out_and_the_others_reported(
    example_plugin: Path, town: Path
) -> None:
    """A broken third-party analysis must not cost the planner the whole report."""
    from twin_app.core.plugins import PluginRegistry
    from twin_app.report.content import run_analyses

    # the built-in analyses and the example's failing and crashing ones (not its never-ending one)
    chosen = {*ANALYSES, "always-fails", "crashes"}
    registry = PluginRegistry({m.id: m for m in default_plugins().manifests() if m.id in chosen})
    assert "always-fails" in {m.id for m in registry.manifests()}
    content = run_analyses(load_city(town), registry=registry)
    assert "always-fails" in content.skipped and "always fails" in content.skipped["always-fails"]
    assert {s.manifest.id for s in content.sections} >= set(ANALYSES)


def test_an_installed_plugin_that_never_ends_is_stopped_at_the_time_limit_and_left_out(
    example_plugin: Path, town: Path
) -> None:
    """A never-ending third-party analysis costs the report its time limit, not the report."""
    import time

    from twin_app.core.errors import TwinError
    from twin_app.core.plugins import PluginRegistry
    from twin_app.report.content import run_analyses

    chosen = {"green-space-access", "never-polls"}
    registry = PluginRegistry({m.id: m for m in default_plugins().manifests() if m.id in chosen})
    model = load_city(town)
    started = time.monotonic()
    content = run_analyses(model, registry=registry, time_limit_s=3.0)
    took = time.monotonic() - started
    assert "did not finish within 3 s and was stopped" in content.skipped["never-polls"]
    assert [s.manifest.id for s in content.sections] == ["green-space-access"]
    assert took < 30.0  # the limit, the grace a stopped plugin gets, and the green-space analysis
    with pytest.raises(TwinError, match="did not finish within 3 s"):  # asked for by name: said, no PDF
        run_analyses(model, ["never-polls"], registry=registry, time_limit_s=3.0)


def test_a_step_of_the_work_stops_with_it_or_at_its_own_limit_without_stopping_it() -> None:
    import time

    from twin_app.core.feedback import Feedback

    progress: list[float] = []
    whole = Feedback(on_progress=lambda f, t: progress.append(f))
    step = whole.share(0.5, 1.0, time_limit_s=0.2)
    step.progress(0.5)
    assert progress == [0.75] and not step.cancelled
    time.sleep(0.25)
    assert step.cancelled and step.timed_out and not whole.cancelled
    other = whole.share(0.0, 1.0)
    whole.cancel()
    assert other.cancelled and not other.timed_out


def test_a_parameters_file_is_read_and_a_bad_one_is_refused_in_words(tmp_path: Path) -> None:
    from twin_app.cli.report import _params_file
    from twin_app.core.errors import ParameterError

    good = tmp_path / "p.json"
    good.write_text('{"transit-access": {"low_capacity_distance": 150, "districts": ["A", "B"]}}')
    assert _params_file(good) == {"transit-access": {"low_capacity_distance": 150, "districts": ["A", "B"]}}
    bad = tmp_path / "bad.json"
    bad.write_text('{"transit-access": 150}')
    with pytest.raises(ParameterError, match="one object per analysis"):
        _params_file(bad)
    bad.write_text("{not json")
    with pytest.raises(ParameterError, match="is not a JSON parameters file"):
        _params_file(bad)
    code, _ = _run("report", "--out", str(tmp_path / "r.pdf"), "--params-file", str(tmp_path / "none.json"))
    assert code != 0
