"""A scenario against the baseline: values, differences, city totals, difference layers, storage, CLI.

The toy grid (tests/toy_city.py, 100 m blocks over (0..1000)²): 10 people
in a home at (100, 100) in West, 20 in a home at (900, 900) in East, one
bus stop S1 at (0, 0), a park on (400..600)² and a uniform heat raster.
By hand, walking along the grid (500 m to a bus stop):

* baseline: West walks 200 m (served), East 800 + 1000 = 1800 m (not):
  shares West 1, East 0, city 10 / 30.
* S1 moved to (900, 800): East walks 100 m (served), West 800 + 700 =
  1500 m (not): West 0, East 1, city 20 / 30.

So West loses 100 percentage points and East gains 100, and the city share
rises by 33.3 points: the population-weighted total (20 of 30 people served
instead of 10), which a mean of the two districts' changes (0) would miss.
The homes' walks change by +1300 m (West) and -1700 m (East).  Access to
green space and heat exposure read no stops: their baseline is reused.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely
from toy_city import BBOX, CRS, grid_city

from twin_app.core.compare import AnalysisRun, compare, store, write_comparison
from twin_app.core.layers import BuildingsLayer, PolygonLayer, RasterLayer, StopsLayer
from twin_app.core.model import CityModel
from twin_app.core.project import Project
from twin_app.core.runner import RUN_COUNTS
from twin_app.core.scenario import MoveStop, Scenario

ANALYSES = ("transit-access", "green-space-access", "heat-exposure")
MOVE = Scenario("Stop to the east", [MoveStop("S1", 900.0, 800.0)])


def city(tmp_path: Path) -> CityModel:
    model = grid_city(tmp_path, [(100.0, 100.0, 10.0), (900.0, 900.0, 20.0)])
    homes = gpd.GeoDataFrame(
        {
            "building": ["residential", "residential"],
            "height_m": [9.0, 9.0],
            "height_from": ["height", "height"],
        },
        geometry=[shapely.box(95, 95, 105, 105), shapely.box(895, 895, 905, 905)],
        crs=CRS,
    )
    model.add_layer(
        BuildingsLayer(id="buildings", title="Buildings", crs=CRS, style="buildings", frame=homes)
    )
    stops = gpd.GeoDataFrame(
        {"stop_id": ["S1"], "name": ["Corner"], "modes": ["bus"]},
        geometry=shapely.points([[0.0, 0.0]]),
        crs=CRS,
    )
    model.add_layer(StopsLayer(id="stops", title="Stops", crs=CRS, style="stops", frame=stops))
    green = gpd.GeoDataFrame({"kind": ["park"]}, geometry=[shapely.box(400, 400, 600, 600)], crs=CRS)
    model.add_layer(PolygonLayer(id="green", title="Green", crs=CRS, style="green", frame=green))
    heat = np.full((12, 12), 0.5, dtype=np.float32)
    model.add_layer(
        RasterLayer(
            "heat",
            "Heat",
            CRS,
            style="heat",
            data=heat,
            transform=(100.0, 0.0, -100.0, 0.0, -100.0, 1100.0),
            units="index",
            label="heat",
        )
    )
    return model


def toy_folder(tmp_path: Path) -> Path:
    """A city folder for the project file to refer to (the toy's layers are built in memory)."""
    folder = tmp_path / "toy"
    folder.mkdir()
    bbox = ", ".join(f"{v:.6f}" for v in BBOX)
    text = f'[city]\nname = "toy"\ntitle = "Toy"\ncrs = "{CRS}"\nbbox = [{bbox}]\n'
    (folder / "city.toml").write_text(text, encoding="utf-8")
    return folder


def test_values_differences_and_the_population_weighted_city_total(tmp_path: Path) -> None:
    model = city(tmp_path)
    runs_before = RUN_COUNTS["run", "transit-access"]
    result = compare(model, MOVE, [AnalysisRun(a) for a in ANALYSES])
    assert result.how == {
        "transit-access": "update",
        "green-space-access": "reused",
        "heat-exposure": "reused",
    }
    assert RUN_COUNTS["run", "transit-access"] == runs_before + 1  # the baseline only; the scenario updated

    west = result.delta("transit-access", "share_served", "West")
    east = result.delta("transit-access", "share_served", "East")
    total = result.delta("transit-access", "share_served", None)
    assert (west.baseline, west.scenario, west.difference, west.points) == (1.0, 0.0, -1.0, -100.0)
    assert (east.baseline, east.scenario, east.difference, east.points) == (0.0, 1.0, 1.0, 100.0)
    assert total.baseline == pytest.approx(10 / 30) and total.scenario == pytest.approx(20 / 30)
    assert total.points == pytest.approx(100 / 3)
    assert total.unit == "ratio"
    served = result.delta("transit-access", "population_served", None)
    assert (served.baseline, served.scenario, served.difference, served.points) == (10.0, 20.0, 10.0, None)
    assert served.unit == "people"
    assert result.delta("transit-access", "population", None).difference == 0.0
    # untouched analyses: the same numbers on both sides
    for d in result.rows("green-space-access") + result.rows("heat-exposure"):
        assert d.baseline == d.scenario and d.difference in (0.0, None)
    assert result.baseline["heat-exposure"] is result.results["heat-exposure"]


def test_difference_layers_use_the_diverging_quantity(tmp_path: Path) -> None:
    model = city(tmp_path)
    result = compare(model, MOVE, [AnalysisRun("transit-access")])
    layers = {layer.id: layer for layer in result.layers}
    share = layers["transit-access:share_served:difference"]
    assert share.restyles == "districts" and share.units == "percentage points"
    assert share.quantities["difference"] == "difference"
    by_name = dict(zip(share.frame["district"], share.frame["difference"], strict=True))
    assert by_name == {"West": -100.0, "East": 100.0}
    walk = layers["transit-access:walk_to_stop:difference"]
    assert walk.restyles == "buildings" and walk.quantities["difference"] == "difference"
    np.testing.assert_allclose(walk.frame["difference"].to_numpy(), [1300.0, -1700.0], atol=1e-6)
    # the scene colours the districts and the buildings with the diverging palette, symmetric about 0
    from twin_app.scene.colouring import result_colouring

    for layer, base in ((share, model.districts), (walk, model.layers["buildings"])):
        colouring = result_colouring(layer, base)  # type: ignore[arg-type]
        assert colouring is not None and colouring.cmap == "vik"
        low, high = colouring.limits
        assert low == -high and high >= abs(float(np.nanmax(np.abs(layer.frame["difference"]))))


def test_the_comparison_is_kept_in_the_project_with_provenance(tmp_path: Path) -> None:
    model = city(tmp_path)
    folder = toy_folder(tmp_path)
    project = Project.new(tmp_path / "p.gpkg", folder)
    project.add_scenario(MOVE.name)
    project.add_edit(MOVE.name, MOVE.edits[0])
    result = compare(model, project.scenario(MOVE.name), [AnalysisRun("transit-access")])
    store(project, result)
    project.save()
    project.close()
    stored = Project.open(tmp_path / "p.gpkg").results
    assert [(r.analysis, r.scenario) for r in stored] == [
        ("transit-access", None),
        ("transit-access", MOVE.name),
        ("compare:transit-access", MOVE.name),
    ]
    diff = {(i["key"], i["district"]): i["value"] for i in stored[2].indicators}
    assert diff[("share_served_difference_points", None)] == pytest.approx(100 / 3)
    assert diff[("share_served_difference", "West")] == -1.0
    prov = stored[2].provenance
    assert prov["analysis"] == "compare:transit-access"
    assert prov["notes"]["scenario result"] == "update"
    assert prov["notes"]["edits"] == [MOVE.edits[0].to_json()]
    assert prov["notes"]["baseline"]["analysis"] == "transit-access"
    # the file is a GeoPackage: the rows are there for any SQLite reader too
    with sqlite3.connect(tmp_path / "p.gpkg") as con:
        assert con.execute("SELECT count(*) FROM results").fetchone()[0] == 3


def test_written_as_a_geopackage(tmp_path: Path) -> None:
    result = compare(city(tmp_path), MOVE, [AnalysisRun("transit-access")])
    out = write_comparison(result, tmp_path / "cmp.gpkg")
    rows = pyogrio.read_dataframe(out, layer="comparison")
    city_row = rows[(rows["key"] == "share_served") & rows["district"].isna()].iloc[0]
    assert city_row["difference_points"] == pytest.approx(100 / 3)
    assert city_row["scenario_name"] == MOVE.name
    names = {name for name, _ in pyogrio.list_layers(out)}
    assert {"comparison", "provenance", "transit_access_share_served_difference"} <= names
    prov = pyogrio.read_dataframe(out, layer="provenance")
    assert json.loads(prov["provenance_json"].iloc[0])["scenario"] == MOVE.name


def test_cli_refuses_an_unknown_scenario_or_analysis(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from twin_app.cli.main import main

    folder = toy_folder(tmp_path)
    with Project.new(tmp_path / "p.gpkg", folder) as project:
        project.add_scenario("Real")
        project.save()
    assert main(["compare", str(tmp_path / "p.gpkg"), "--scenario", "Imagined"]) == 2
    err = capsys.readouterr().err
    assert "no scenario called 'Imagined'" in err and "Real" in err and "Traceback" not in err
    code = main(["compare", str(tmp_path / "p.gpkg"), "--scenario", "Real", "--analyses", "tree-count"])
    assert code == 2
    err = capsys.readouterr().err
    assert "No analysis called 'tree-count'" in err and "transit-access" in err


@pytest.mark.slow
def test_cli_on_helsinki(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The bundled city end to end: a stop moved 300 m, the table, JSON, GeoPackage and the project."""
    from twin_app.cli.main import main
    from twin_app.core.loading import load_city

    stops = load_city("helsinki").layers["stops"].frame
    stop_id = str(stops["stop_id"].iloc[0])
    x, y = float(stops.geometry.iloc[0].x), float(stops.geometry.iloc[0].y)
    path = tmp_path / "w.gpkg"
    assert main(["project", "new", str(path), "--city", "helsinki"]) == 0
    with Project.open(path) as project:
        project.add_scenario("Moved")
        project.add_edit("Moved", MoveStop(stop_id, x + 300.0, y))
        project.save()
    capsys.readouterr()
    args = ["compare", str(path), "--scenario", "Moved", "--analyses", "transit-access,green-space-access"]
    assert main([*args, "--json", "--out", str(tmp_path / "c.gpkg"), "--save"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["scenario"] == "Moved"
    assert doc["analyses"]["transit-access"]["scenario result"] == "update"
    assert doc["analyses"]["green-space-access"]["scenario result"] == "reused"
    rows = {(r["analysis"], r["key"], r["district"]): r for r in doc["rows"]}
    total = rows["transit-access", "share_served", None]
    assert total["difference"] == pytest.approx(total["scenario"] - total["baseline"])
    # the city's share is the population-weighted one: served people over all people
    served = rows["transit-access", "population_served", None]
    people = rows["transit-access", "population", None]
    assert total["scenario"] == pytest.approx(served["scenario"] / people["scenario"])
    assert len(Project.open(path).results) == 6
    assert main(args) == 0
    assert "share_served" in capsys.readouterr().out
