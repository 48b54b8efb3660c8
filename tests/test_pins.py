"""Feedback pins: stored at once, listed, filtered, moved, deleted, exported and read back."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pandas as pd
import pyogrio
import pytest
from pyproj import Transformer
from test_project import make_city
from toy_city import CRS

from twin_app.core.errors import TwinError
from twin_app.core.project import Project

TO_LONLAT = Transformer.from_crs(CRS, "EPSG:4326", always_xy=True)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    project = Project.new(tmp_path / "workshop.gpkg", make_city(tmp_path / "toy"))
    project.add_scenario("Tram")
    project.add_pin("idea", "Pyörätie tänne", 100.0, 200.0, name="Aino", scenario="Tram")
    project.add_pin("problem", "夜は暗い", 300.0, 400.0)
    project.add_pin("like", "Nice square", 500.0, 600.0, name="  ", scenario="Tram")  # a blank name is none
    project.add_pin("Problem", "Too fast cars", 700.0, 800.0, name="Bo")
    return project


def test_each_pin_is_in_the_file_when_add_returns(project: Project) -> None:
    """Another connection (another process would do the same) sees every pin, before any save."""
    with sqlite3.connect(project.path) as con:
        rows = con.execute("SELECT payload FROM journal WHERE op = 'pin.add' ORDER BY seq").fetchall()
    assert [json.loads(r[0])["comment"] for r in rows] == [
        "Pyörätie tänne",
        "夜は暗い",
        "Nice square",
        "Too fast cars",
    ]


def test_list_and_filter(project: Project) -> None:
    assert [p.id for p in project.pins()] == [1, 2, 3, 4]
    assert [p.id for p in project.pins(category="problem")] == [2, 4]
    assert [p.id for p in project.pins(scenario="Tram")] == [1, 3]
    assert [p.id for p in project.pins(baseline=True)] == [2, 4]
    assert [p.id for p in project.pins(category="idea", scenario="Tram")] == [1]
    assert project.pin(3).name is None and project.pin(1).name == "Aino"
    with pytest.raises(TwinError, match="not a kind of feedback; choose one of: idea, problem, like"):
        project.pins(category="complaint")


def test_move_and_delete_survive_a_reopen(project: Project) -> None:
    project.move_pin(2, 1000.0, 50.0)
    project.delete_pin(3)
    project.delete_pin(4)
    project.save()
    project.close()
    again = Project.open(project.path)
    assert [p.id for p in again.pins()] == [1, 2]
    moved = again.pin(2)
    lon, lat = TO_LONLAT.transform(1000.0, 50.0)
    assert (moved.x, moved.y) == (1000.0, 50.0)
    assert moved.lon == pytest.approx(lon) and moved.lat == pytest.approx(lat)
    # a new pin never takes a number a pin had in the saved file
    assert again.add_pin("idea", "More benches", 1.0, 1.0).id == 5


def test_bad_pins_are_refused_with_a_sentence(project: Project) -> None:
    with pytest.raises(TwinError, match="not a kind of feedback"):
        project.add_pin("complaint", "x", 0.0, 0.0)
    with pytest.raises(TwinError, match="keep it under 2000"):
        project.add_pin("idea", "x" * 2001, 0.0, 0.0)
    with pytest.raises(TwinError, match="two finite numbers"):
        project.add_pin("idea", "x", float("nan"), 0.0)
    with pytest.raises(TwinError, match="no scenario called 'Bus'"):
        project.add_pin("idea", "x", 0.0, 0.0, scenario="Bus")
    with pytest.raises(TwinError, match="no pin number 99"):
        project.move_pin(99, 0.0, 0.0)
    assert len(project.pins()) == 4  # nothing refused was stored


@pytest.mark.parametrize("suffix", [".gpkg", ".geojson"])
@pytest.mark.parametrize("names", [True, False])
def test_export_to_gis_files(project: Project, tmp_path: Path, suffix: str, names: bool) -> None:
    out = project.export_pins(tmp_path / f"pins{suffix}", names=names)
    frame = pyogrio.read_dataframe(out)
    assert frame.crs.to_epsg() == 4326
    assert frame["comment"].tolist() == ["Pyörätie tänne", "夜は暗い", "Nice square", "Too fast cars"]
    assert frame["category"].tolist() == ["idea", "problem", "like", "problem"]
    assert frame["scenario"].tolist() == ["Tram", "", "Tram", ""]
    assert ("name" in frame.columns) == names
    if names:
        assert frame["name"].tolist() == ["Aino", "", "", "Bo"]
    lon, lat = TO_LONLAT.transform(300.0, 400.0)
    assert frame.geometry.iloc[1].x == pytest.approx(lon) and frame.geometry.iloc[1].y == pytest.approx(lat)


@pytest.mark.parametrize("names", [True, False])
def test_export_to_csv(project: Project, tmp_path: Path, names: bool) -> None:
    out = project.export_pins(tmp_path / "pins.csv", names=names, category="problem")
    frame = pd.read_csv(out, keep_default_na=False)
    assert frame["pin_id"].tolist() == [2, 4]
    assert frame["comment"].tolist() == ["夜は暗い", "Too fast cars"]
    assert frame["x"].tolist() == [300.0, 700.0] and frame["y"].tolist() == [400.0, 800.0]
    assert ("name" in frame.columns) == names
    text = out.read_text(encoding="utf-8")
    assert ("Bo" in text) == names  # left out means not in the file at all


def test_export_refuses_an_unknown_format(project: Project, tmp_path: Path) -> None:
    with pytest.raises(TwinError, match=r"\.gpkg, \.geojson, \.csv"):
        project.export_pins(tmp_path / "pins.xlsx")
