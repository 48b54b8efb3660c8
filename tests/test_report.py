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
    code, said = _run("report", str(town), "--out", str(pdf), "--size", "800x500", *PARAMS)
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
    assert main(["report", "helsinki", "--out", str(tmp_path / "r.pdf"), "--lang", "ja"]) == 2
    err = capsys.readouterr().err
    assert "'ja'" in err and "en" in err
    with pytest.raises(SystemExit) as exited:
        main(["report", "helsinki", "--out", str(tmp_path / "r.pdf"), "--param", "nothing"])
    assert exited.value.code == 2
    assert "ANALYSIS.NAME=VALUE" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())
