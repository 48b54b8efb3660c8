"""Scenarios: edits applied to copies of the toy city's layers, never to the baseline.

Answers are worked out by hand on the toy grid (tests/toy_city.py): positions,
counts, lengths and areas of the features each edit adds, moves or removes.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from toy_city import CRS, grid_city

from twin_app.core.errors import ScenarioError
from twin_app.core.layers import BuildingsLayer, PolygonLayer, StopsLayer
from twin_app.core.model import CityModel
from twin_app.core.scenario import (
    EDIT_TYPES,
    LINES_LAYER,
    AddGreenArea,
    AddLine,
    AddStop,
    AddTrees,
    LineStop,
    MarkCarFree,
    MoveStop,
    RemoveGreenArea,
    RemoveStop,
    RemoveTrees,
    Scenario,
    SetBuildingHeight,
    SetBuildingUse,
    affected_layers,
    apply,
    edit_from_json,
)


def city(tmp_path: Path) -> CityModel:
    """The grid with two stops, a park, a grass verge and two buildings."""
    model = grid_city(tmp_path, [(100.0, 100.0, 10.0)])
    stops = gpd.GeoDataFrame(
        {"stop_id": ["S1", "S2"], "name": ["Harbour", "Square"], "modes": ["bus", "tram"]},
        geometry=shapely.points([[0.0, 0.0], [500.0, 500.0]]),
        crs=CRS,
    )
    model.add_layer(StopsLayer(id="stops", title="Stops", crs=CRS, style="stops", frame=stops))
    green = gpd.GeoDataFrame(
        {"kind": ["park", "grass"], "feature_id": [0, 1]},
        geometry=[shapely.box(400, 400, 600, 600), shapely.box(-50, 1000, 0, 1050)],
        crs=CRS,
    )
    model.add_layer(PolygonLayer(id="green", title="Green", crs=CRS, style="green", frame=green))
    buildings = gpd.GeoDataFrame(
        {
            "building": ["apartments", "office"],
            "height_m": [12.0, 20.0],
            "height_from": ["levels", "height_tag"],
            "feature_id": [0, 1],
        },
        geometry=[shapely.box(10, 10, 40, 40), shapely.box(210, 10, 240, 40)],
        crs=CRS,
    )
    model.add_layer(BuildingsLayer(id="buildings", title="Buildings", crs=CRS, frame=buildings))
    return model


def snapshot(model: CityModel) -> dict[str, tuple[object, int, str]]:
    """Each layer's object, revision and frame content, to prove the baseline is never touched."""
    out = {}
    for lid, layer in model.layers.items():
        frame = getattr(layer, "frame", None)
        out[lid] = (layer, layer.revision, frame.to_json() if frame is not None else "")
    return out


def test_stop_edits_change_a_copy_of_the_stops_only(tmp_path: Path) -> None:
    base = city(tmp_path)
    before = snapshot(base)
    scenario = Scenario(
        "Tram to the east",
        [
            AddStop("S3", "Market", 900.0, 100.0, ("tram",)),
            MoveStop("S1", 100.0, 0.0),
            RemoveStop("S2"),
        ],
    )
    assert affected_layers(scenario, base) == ["stops"]
    out = apply(base, scenario)
    assert snapshot(base) == before  # the baseline, its layers and frames are as they were
    for lid in base.layers:
        if lid == "stops":
            assert out.layers[lid] is not base.layers[lid]
            assert out.layers[lid].revision == base.layers[lid].revision + 1
        else:
            assert out.layers[lid] is base.layers[lid]  # shared, not copied
    frame = out.layers["stops"].frame
    assert frame["stop_id"].tolist() == ["S1", "S3"]
    assert shapely.get_coordinates(frame.geometry.values).tolist() == [[100.0, 0.0], [900.0, 100.0]]
    assert frame["modes"].tolist() == ["bus", "tram"]
    assert isinstance(out.layers["stops"], StopsLayer)


def test_a_line_adds_its_new_stops_and_serves_the_old_ones(tmp_path: Path) -> None:
    base = city(tmp_path)
    line = AddLine(
        "L9",
        "Crosstown",
        "tram",
        departures_per_hour=6,
        stops=(LineStop("S1"), LineStop("N1", 300.0, 0.0, "Mill"), LineStop("N2", 300.0, 400.0, "Hill")),
    )
    scenario = Scenario("Line 9", [line])
    assert affected_layers(scenario, base) == ["stops", LINES_LAYER]
    out = apply(base, scenario)
    assert LINES_LAYER not in base.layers
    stops = out.layers["stops"].frame.set_index("stop_id")
    assert stops.loc["S1", "modes"] == "bus,tram"  # the existing stop gains the mode
    assert stops.loc["N1", "modes"] == "tram" and stops.loc["N2", "name"] == "Hill"
    lines = out.layers[LINES_LAYER].frame
    assert len(lines) == 1 and lines["departures_per_hour"].iloc[0] == 6.0
    # through (0,0), (300,0), (300,400): 300 + 400 m
    assert lines.geometry.iloc[0].length == pytest.approx(700.0)


def test_trees_and_green_areas(tmp_path: Path) -> None:
    base = city(tmp_path)
    scenario = Scenario(
        "Greener",
        [
            AddTrees(((10.0, 10.0), (20.0, 10.0), (30.0, 10.0)), species="lime"),
            RemoveTrees(("1",)),
            AddGreenArea("P1", ((0.0, 0.0), (100.0, 0.0), (100.0, 50.0), (0.0, 50.0)), name="Pocket park"),
            RemoveGreenArea((1,)),
        ],
    )
    assert affected_layers(scenario, base) == ["trees", "green"]
    out = apply(base, scenario)
    assert "trees" not in base.layers
    trees = out.layers["trees"].frame
    assert shapely.get_coordinates(trees.geometry.values).tolist() == [[10.0, 10.0], [30.0, 10.0]]
    green = out.layers["green"].frame
    assert green["kind"].tolist() == ["park", "park"]  # the grass verge went, the pocket park came
    assert green.geometry.iloc[1].area == pytest.approx(100.0 * 50.0)
    assert green["feature_id"].tolist() == [0, 2]  # new features get new ids, never a reused one
    assert len(base.layers["green"].frame) == 2


def test_building_height_and_use(tmp_path: Path) -> None:
    base = city(tmp_path)
    out = apply(base, Scenario("Taller", [SetBuildingHeight(1, 45.0), SetBuildingUse("0", "school")]))
    frame = out.layers["buildings"].frame
    assert frame["height_m"].tolist() == [12.0, 45.0]
    assert frame["height_edited"].tolist() == [False, True]
    assert frame["height_from"].tolist() == ["levels", "height_tag"]
    assert frame["building"].tolist() == ["school", "office"]
    assert base.layers["buildings"].frame["height_m"].tolist() == [12.0, 20.0]


def test_car_free_street_marks_that_edge_only(tmp_path: Path) -> None:
    base = city(tmp_path)
    edges = base.layers["streets"].frame
    u, v = int(edges["u"].iloc[0]), int(edges["v"].iloc[0])
    out = apply(base, Scenario("Car-free", [MarkCarFree(str(v), str(u))]))  # either direction
    marked = out.layers["streets"].frame["car_free"].to_numpy()
    pair = {u, v}
    expected = np.array([{a, b} == pair for a, b in zip(edges["u"], edges["v"], strict=True)])
    assert marked.tolist() == expected.tolist() and marked.sum() >= 1
    assert "car_free" not in edges


def test_every_edit_survives_json(tmp_path: Path) -> None:
    edits = [
        AddStop("S3", "Market", 1.5, 2.5, ("tram", "bus")),
        MoveStop("S1", 3.0, 4.0),
        RemoveStop("S2", layer="stops"),
        AddLine("L", "Line", "bus", 4.0, (LineStop("S1"), LineStop("N", 1.0, 2.0, "New"))),
        AddTrees(((1.0, 2.0),), species="oak"),
        RemoveTrees(("7", "8")),
        AddGreenArea("P", ((0.0, 0.0), (1.0, 0.0), (0.0, 1.0))),
        RemoveGreenArea(("3",), key="osm_id"),
        SetBuildingHeight("12", 30.0),
        SetBuildingUse("12", "residential"),
        MarkCarFree("1", "2"),
    ]
    assert {type(e) for e in edits} == set(EDIT_TYPES.values())  # every kind is covered
    scenario = Scenario("All", edits, "every kind of edit")
    again = Scenario.from_json(json.loads(json.dumps(scenario.to_json())))
    assert again == scenario


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ({"kind": "add_stop", "stop_id": "X", "name": "", "x": math.nan, "y": 0.0}, "finite numbers"),
        ({"kind": "add_stop", "stop_id": "X", "name": "", "x": 0, "y": 0, "modes": []}, "at least one mode"),
        ({"kind": "teleport"}, "not a kind of scenario edit"),
        ({"kind": "move_stop", "stop_id": "S1"}, "incomplete or malformed"),
        ({"kind": "move_stop", "stop_id": "S1", "x": 0, "y": 0, "speed": 3}, "does not take (speed)"),
        ({"kind": "set_building_height", "building": "1", "height_m": -3}, "above 0"),
        (
            {
                "kind": "add_line",
                "line_id": "L",
                "name": "",
                "mode": "bus",
                "departures_per_hour": 0,
                "stops": [{"stop_id": "a"}, {"stop_id": "b"}],
            },
            "departures per hour",
        ),
        (
            {"kind": "add_green_area", "area_id": "bow", "ring": [[0, 0], [1, 1], [1, 0], [0, 1]]},
            "crosses itself",
        ),
    ],
)
def test_bad_edits_are_refused_with_a_sentence(raw: dict, says: str) -> None:
    with pytest.raises(ScenarioError, match=re.escape(says)):
        edit_from_json(raw)


def test_a_newer_edit_format_is_refused() -> None:
    with pytest.raises(ScenarioError, match="newer twin_app"):
        edit_from_json({"kind": "remove_stop", "stop_id": "S1"}, version=99)


def test_an_edit_naming_a_missing_feature_names_the_edit(tmp_path: Path) -> None:
    base = city(tmp_path)
    scenario = Scenario("Oops", [AddStop("S3", "", 0.0, 0.0), MoveStop("nowhere", 1.0, 1.0)])
    with pytest.raises(ScenarioError, match=r"Edit 2 of the scenario 'Oops' \(move the stop 'nowhere'\)"):
        apply(base, scenario)
    with pytest.raises(ScenarioError, match="already has a stop with that id"):
        apply(base, Scenario("Twice", [AddStop("S1", "", 0.0, 0.0)]))
