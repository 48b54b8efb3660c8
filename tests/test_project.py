"""The project file: a GeoPackage other tools read, saved atomically, tied to its city folder."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pyogrio
import pytest
from toy_city import BBOX, CRS

from twin_app.core.camera import CameraView
from twin_app.core.errors import CorruptFileError, MissingFileError, ProjectCityError, ProjectError
from twin_app.core.project import Project
from twin_app.core.scenario import AddStop, MoveStop, RemoveStop
from twin_app.core.undo import UndoStack, edit_command

CITY_TOML = f"""
[city]
name = "toy"
title = "Toy"
crs = "{CRS}"
bbox = [{", ".join(f"{v:.6f}" for v in BBOX)}]
"""


def make_city(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "city.toml").write_text(CITY_TOML, encoding="utf-8")
    return folder


def folder_listing(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_new_project_round_trips_everything(tmp_path: Path) -> None:
    city = make_city(tmp_path / "cities" / "toy")
    before = folder_listing(city)
    path = tmp_path / "work" / "workshop.gpkg"
    path.parent.mkdir()
    project = Project.new(path, city)
    project.add_scenario("Tram", "a tram stop by the school")
    project.add_edit("Tram", AddStop("T1", "School", 120.0, 80.0, ("tram",)))
    project.add_edit("Tram", MoveStop("S1", 5.0, 6.0))
    project.add_scenario("Empty")
    project.add_pin("idea", "A bench here", 100.0, 200.0, name="Aino", scenario="Tram")
    project.add_pin("problem", "Dark at night", 300.0, 400.0)
    view = CameraView((1.0, 2.0, 300.0), (10.0, 20.0, 0.0))
    project.set_viewpoint("Harbour", view, note="start here")
    project.set_viewpoint("School", CameraView((5.0, 5.0, 100.0), (0.0, 0.0, 0.0)))
    project.order_story(["School", "Harbour"])
    project.set_style("buildings", visible=True, opacity=0.5, colour_by="height_m")
    assert project.unsaved == 10
    project.save()
    assert project.unsaved == 0
    project.close()

    again = Project.open(path)
    assert again.pending == []
    assert [s.name for s in again.scenarios] == ["Tram", "Empty"]
    assert again.scenario("Tram").edits == [
        AddStop("T1", "School", 120.0, 80.0, ("tram",)),
        MoveStop("S1", 5.0, 6.0),
    ]
    assert again.scenario("Tram").description == "a tram stop by the school"
    pins = again.pins()
    assert [(p.id, p.category.value, p.comment, p.name, p.scenario) for p in pins] == [
        (1, "idea", "A bench here", "Aino", "Tram"),
        (2, "problem", "Dark at night", None, None),
    ]
    assert [v.name for v in again.story()] == ["School", "Harbour"]
    assert again.story()[1].camera == view and again.story()[1].note == "start here"
    assert again.styles["buildings"].opacity == 0.5 and again.styles["buildings"].colour_by == "height_m"
    assert again.check_city() == city.resolve()
    again.close()
    assert folder_listing(city) == before  # a project never writes into its city folder


def test_the_file_is_a_geopackage_qgis_opens(tmp_path: Path) -> None:
    """GDAL (what QGIS reads with) lists the pins as a point layer in EPSG:4326 and the tables beside it."""
    city = make_city(tmp_path / "toy")
    path = tmp_path / "p.gpkg"
    project = Project.new(path, city)
    project.add_pin("like", "Nice trees", 500.0, 500.0)
    project.save()
    project.close()
    layers = dict(pyogrio.list_layers(path))
    assert layers["pins"] == "Point"
    assert {"scenarios", "edits", "viewpoints", "styles", "results", "journal"} <= set(layers)
    info = pyogrio.read_info(path, layer="pins")
    assert info["crs"] == "EPSG:4326" and info["features"] == 1
    frame = pyogrio.read_dataframe(path, layer="pins")
    # the toy's (500, 500) in EPSG:3067 seen from an independent transformation
    from pyproj import Transformer

    lon, lat = Transformer.from_crs(CRS, "EPSG:4326", always_xy=True).transform(500.0, 500.0)
    assert frame.geometry.iloc[0].x == pytest.approx(lon) and frame.geometry.iloc[0].y == pytest.approx(lat)
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47


def test_a_project_moves_with_its_city_and_can_be_relinked(tmp_path: Path) -> None:
    city = make_city(tmp_path / "a" / "toy")
    path = tmp_path / "a" / "workshop.gpkg"
    Project.new(path, city).close()
    # another machine: the folder with the project and the city beside it, elsewhere
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    shutil.rmtree(tmp_path / "a")
    moved = Project.open(tmp_path / "b" / "workshop.gpkg")
    assert moved.city_problem() is None
    assert moved.check_city() == tmp_path / "b" / "toy"
    moved.close()
    # the city folder is missing: a sentence that says how to fix it
    shutil.move(tmp_path / "b" / "toy", tmp_path / "elsewhere")
    lost = Project.open(tmp_path / "b" / "workshop.gpkg")
    with pytest.raises(ProjectCityError, match="relink"):
        lost.check_city()
    lost.relink(tmp_path / "elsewhere")
    assert lost.check_city() == (tmp_path / "elsewhere").resolve()
    # the city changed: noticed by its manifest's fingerprint
    manifest = tmp_path / "elsewhere" / "city.toml"
    manifest.write_text(manifest.read_text() + 'attribution = ["someone"]\n')
    assert "has changed since" in (lost.city_problem() or "")
    lost.close()


def test_new_refuses_an_existing_file_and_the_city_folder(tmp_path: Path) -> None:
    city = make_city(tmp_path / "toy")
    Project.new(tmp_path / "p.gpkg", city).close()
    with pytest.raises(ProjectError, match="already exists"):
        Project.new(tmp_path / "p.gpkg", city)
    with pytest.raises(ProjectError, match="inside the city folder"):
        Project.new(city / "p.gpkg", city)


def test_opening_what_is_not_a_project_says_so(tmp_path: Path) -> None:
    with pytest.raises(MissingFileError):
        Project.open(tmp_path / "nothing.gpkg")
    junk = tmp_path / "junk.gpkg"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(CorruptFileError):
        Project.open(junk)
    other = tmp_path / "other.gpkg"
    with sqlite3.connect(other) as con:
        con.execute("CREATE TABLE t (a)")
    with pytest.raises(ProjectError, match="not a twin_app project"):
        Project.open(other)


def test_save_as_moves_the_project_and_keeps_the_city(tmp_path: Path) -> None:
    city = make_city(tmp_path / "toy")
    project = Project.new(tmp_path / "one.gpkg", city)
    project.add_scenario("S")
    (tmp_path / "sub").mkdir()
    project.save_as(tmp_path / "sub" / "two.gpkg")
    assert project.path == tmp_path / "sub" / "two.gpkg"
    assert project.city.relative == "../toy"
    project.close()
    assert [s.name for s in Project.open(tmp_path / "sub" / "two.gpkg").scenarios] == ["S"]


def test_undo_and_redo_scenario_edits(tmp_path: Path) -> None:
    project = Project.new(tmp_path / "p.gpkg", make_city(tmp_path / "toy"))
    project.add_scenario("S")
    stack = UndoStack()
    a, b, c = AddStop("A", "", 0.0, 0.0), RemoveStop("X"), MoveStop("Y", 1.0, 1.0)
    stack.push(edit_command(project, "S", a))
    stack.push(edit_command(project, "S", b))
    assert stack.undo_label == "remove the stop 'X'"
    assert stack.undo() == "remove the stop 'X'"
    assert project.scenario("S").edits == [a]
    assert stack.redo() == "remove the stop 'X'"
    assert project.scenario("S").edits == [a, b]
    stack.undo()
    stack.push(edit_command(project, "S", c))  # a new edit forgets what could be redone
    assert not stack.can_redo and stack.redo() is None
    assert project.scenario("S").edits == [a, c]
    stack.undo()
    stack.undo()
    assert project.scenario("S").edits == [] and stack.undo() is None
    # undo is journalled too: reopened unsaved, the same state comes back
    project.close()
    again = Project.open(tmp_path / "p.gpkg")
    again.recover()
    assert again.scenario("S").edits == []


def test_undo_limit_forgets_the_oldest() -> None:
    done: list[int] = []
    from twin_app.core.undo import Command

    stack = UndoStack(limit=2)
    for i in range(3):
        stack.push(Command(str(i), lambda i=i: done.append(i), lambda: done.pop()))
    assert stack.undo() == "2" and stack.undo() == "1" and stack.undo() is None
    assert done == [0]


def test_cli_new_info_pins_relink(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from twin_app.cli.main import main

    city = make_city(tmp_path / "toy")
    path = tmp_path / "w.gpkg"
    assert main(["project", "new", str(path), "--city", str(city)]) == 0
    project = Project.open(path)
    project.add_scenario("Tram")
    project.add_edit("Tram", AddStop("T1", "School", 1.0, 2.0, ("tram",)))
    project.add_pin("idea", "Shade here", 10.0, 20.0, name="Aino", scenario="Tram")
    project.close()  # not saved: as after a crash
    capsys.readouterr()

    assert main(["project", "info", str(path), "--json"]) == 0
    out, err = capsys.readouterr()
    info = json.loads(out)
    assert "left unsaved" in err  # shown as recovering would make it, and said so
    assert info["scenarios"] == [{"name": "Tram", "description": "", "edits": ["add the stop 'School'"]}]
    assert info["pins"]["count"] == 1 and info["pins"]["by_category"]["idea"] == 1
    assert info["city"]["problem"] is None and info["unsaved_changes"] == 3

    csv = tmp_path / "pins.csv"
    assert main(["project", "pins", str(path), "--export", str(csv), "--no-names"]) == 0
    text = csv.read_text(encoding="utf-8")
    assert "Shade here" in text and "Aino" not in text
    assert main(["project", "pins", str(path)]) == 0
    assert "1\tidea\tTram\tShade here (Aino)" in capsys.readouterr().out

    assert main(["project", "recover", str(path)]) == 0
    assert Project.open(path).pending == []
    moved = tmp_path / "moved"
    shutil.move(city, moved)
    capsys.readouterr()
    assert main(["project", "info", str(path)]) == 0
    assert "relink" in capsys.readouterr().out
    assert main(["project", "relink", str(path), "--city", str(moved)]) == 0
    assert Project.open(path).city_problem() is None
    assert main(["project", "info", str(tmp_path / "none.gpkg")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_results_are_kept_with_their_provenance(tmp_path: Path) -> None:
    """A real run's indicators, parameters and provenance come back from the file as they went in."""
    import geopandas as gpd
    import shapely
    from toy_city import grid_city

    from twin_app.core.layers import StopsLayer
    from twin_app.core.runner import run_analysis

    model = grid_city(tmp_path, [(100.0, 100.0, 10.0), (900.0, 900.0, 20.0)])
    stops = gpd.GeoDataFrame(
        {"stop_id": ["S1"], "name": ["A"], "modes": ["bus"]}, geometry=[shapely.Point(0, 0)], crs=CRS
    )
    model.add_layer(StopsLayer(id="stops", title="Stops", crs=CRS, style="stops", frame=stops))
    result = run_analysis("transit-access", model, {"low_capacity_distance": 300})
    project = Project.new(tmp_path / "p.gpkg", make_city(tmp_path / "toy"))
    project.add_scenario("Now")
    project.add_result(result, scenario="Now")
    project.save()
    project.close()
    stored = Project.open(tmp_path / "p.gpkg").results
    assert len(stored) == 1 and stored[0].analysis == "transit-access" and stored[0].scenario == "Now"
    by_key = {(i["key"], i["district"]): i["value"] for i in stored[0].indicators}
    # West's 10 people walk 200 m to the stop (served within 300 m); East's 20 walk 1800 m
    assert by_key[("share_served", "West")] == 1.0 and by_key[("share_served", "East")] == 0.0
    assert by_key[("share_served", None)] == pytest.approx(10 / 30)
    assert stored[0].parameters["low_capacity_distance"] == 300
    assert stored[0].provenance["analysis"] == "transit-access"
    assert stored[0].provenance["definitions"]["share_served"]["unit"] == "ratio"


def test_renaming_a_scenario_takes_its_pins_along(tmp_path: Path) -> None:
    project = Project.new(tmp_path / "p.gpkg", make_city(tmp_path / "toy"))
    project.add_scenario("Draft")
    project.add_edit("Draft", RemoveStop("X"))
    project.add_pin("like", "Yes", 1.0, 1.0, scenario="Draft")
    project.rename_scenario("Draft", "Final")
    assert [s.name for s in project.scenarios] == ["Final"]
    assert project.scenario("Final").edits == [RemoveStop("X")]
    assert [p.scenario for p in project.pins()] == ["Final"]
    project.add_scenario("Other")
    project.remove_scenario("Other")
    project.save()
    project.close()
    again = Project.open(tmp_path / "p.gpkg")
    assert [s.name for s in again.scenarios] == ["Final"] and again.pins(scenario="Final")
