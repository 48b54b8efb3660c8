"""Transit access repaired after a stop is added, moved or removed equals a full run, and skips it.

The toy grid (tests/toy_city.py): 100 m blocks over (0..1000)², 10 people
at (100, 100) in West and 20 at (900, 900) in East, one bus stop S1 at
(0, 0) and a tram stop S2 at (1000, 0).  By hand, walking along the grid
to a stop within 500 m:

* baseline: West walks 200 m to S1 (served); East walks 100 + 900 = 1000 m
  to S2 (not served): city share 10 / 30.
* S3 added at (900, 700): East walks 200 m (served): share 30 / 30.
* S1 moved to (900, 800): East 100 m (served), West 800 + 700 = 1500 m to S1
  and 900 + 100 = 1000 m to S2 (not served): share 20 / 30.
* S1 removed: nobody within 500 m: share 0.

Every update is compared with a full run on the same scenario city (the
reference computed from scratch by the full run's own engine, scipy's
multi-source Dijkstra), and the runner's counts show the full run skipped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pytest
import shapely
from toy_city import CRS, grid_city

from twin_app.core.analysis import AnalysisResult, Change
from twin_app.core.layers import PolygonLayer, StopsLayer
from twin_app.core.model import CityModel
from twin_app.core.runner import RUN_COUNTS, can_update, run_analysis, update_analysis
from twin_app.core.scenario import AddGreenArea, AddStop, Edit, MoveStop, RemoveStop, Scenario, apply

ANALYSIS = "transit-access"


def toy(tmp_path: Path) -> CityModel:
    model = grid_city(tmp_path, [(100.0, 100.0, 10.0), (900.0, 900.0, 20.0)])
    stops = gpd.GeoDataFrame(
        {"stop_id": ["S1", "S2"], "name": ["Corner", "Far corner"], "modes": ["bus", "tram"]},
        geometry=shapely.points([[0.0, 0.0], [1000.0, 0.0]]),
        crs=CRS,
    )
    model.add_layer(StopsLayer(id="stops", title="Stops", crs=CRS, style="stops", frame=stops))
    return model


def share(result: AnalysisResult, district: str | None) -> float | None:
    return next(i.value for i in result.indicators if i.key == "share_served" and i.district == district)


def counts() -> tuple[int, int]:
    return RUN_COUNTS["run", ANALYSIS], RUN_COUNTS["update", ANALYSIS]


def assert_same(updated: AnalysisResult, full: AnalysisResult) -> None:
    """Indicators exactly, layers' distances within 1e-6 m, the same notes (but the update's own)."""
    assert [(i.key, i.district, i.unit) for i in updated.indicators] == [
        (i.key, i.district, i.unit) for i in full.indicators
    ]
    for a, b in zip(updated.indicators, full.indicators, strict=True):
        if b.value is None:
            assert a.value is None
        else:
            assert a.value == pytest.approx(b.value, abs=1e-12)
    assert [layer.id for layer in updated.layers] == [layer.id for layer in full.layers]
    for a, b in zip(updated.layers, full.layers, strict=True):
        fa, fb = getattr(a, "frame", None), getattr(b, "frame", None)
        assert fa is not None and fb is not None
        assert list(fa.columns) == list(fb.columns)
        for column in fa.columns:
            if column == fa.geometry.name:
                assert shapely.equals_exact(fa.geometry.values, fb.geometry.values, tolerance=1e-6).all()
            elif fa[column].dtype.kind == "f":
                np.testing.assert_allclose(fa[column].to_numpy(), fb[column].to_numpy(), atol=1e-6, rtol=0)
            else:
                assert fa[column].equals(fb[column]), column  # NaN equals NaN here
    notes = {k: v for k, v in updated.notes.items() if k != "updated from the previous result"}
    assert notes == full.notes
    assert "updated from the previous result" in updated.notes


def update_and_check(base: CityModel, previous: AnalysisResult, edits: list[Edit]) -> AnalysisResult:
    """Update ``previous`` for ``edits`` on ``base``, check it against a full run and that it ran none."""
    scenario_city = apply(base, Scenario("What if", edits))
    runs_before, updates_before = counts()
    updated = update_analysis(previous, scenario_city, Change(tuple(edits), ("stops",)))
    assert counts() == (runs_before, updates_before + 1)  # an update, no full run
    assert updated.how == "update" and previous.state is None  # the state moved on
    full = run_analysis(ANALYSIS, scenario_city, {})
    assert_same(updated, full)
    return updated


def test_add_move_remove_each_equal_a_full_run(tmp_path: Path) -> None:
    base = toy(tmp_path)
    first = run_analysis(ANALYSIS, base, {}, keep_state=True)
    assert first.state is not None and first.how == "run"
    assert share(first, "West") == 1.0 and share(first, "East") == 0.0
    assert share(first, None) == pytest.approx(10 / 30)

    added = update_and_check(base, first, [AddStop("S3", "New", 900.0, 700.0, ("bus",))])
    assert share(added, "East") == 1.0 and share(added, None) == pytest.approx(1.0)

    first = run_analysis(ANALYSIS, base, {}, keep_state=True)
    moved = update_and_check(base, first, [MoveStop("S1", 900.0, 800.0)])
    assert share(moved, "West") == 0.0 and share(moved, "East") == 1.0
    assert share(moved, None) == pytest.approx(20 / 30)

    first = run_analysis(ANALYSIS, base, {}, keep_state=True)
    removed = update_and_check(base, first, [RemoveStop("S1")])
    assert share(removed, None) == 0.0


def test_successive_edits_repair_the_same_state(tmp_path: Path) -> None:
    """A workshop's edits one after another: each update starts from the one before."""
    base = toy(tmp_path)
    result = run_analysis(ANALYSIS, base, {}, keep_state=True)
    edits: list[Edit] = []
    for edit in (
        AddStop("S3", "New", 900.0, 700.0, ("bus",)),
        MoveStop("S3", 450.0, 450.0),
        MoveStop("S1", 900.0, 800.0),
        RemoveStop("S2"),
        AddStop("S4", "Ferry", 550.0, 1000.0, ("ferry",)),
    ):
        edits.append(edit)
        scenario_city = apply(base, Scenario("Evening", list(edits)))
        result = update_analysis(result, scenario_city, Change((edit,), ("stops",)))
        assert result.how == "update"
        assert_same(result, run_analysis(ANALYSIS, scenario_city, {}))
    # by hand at the end: S1 at (900, 800), S3 at (450, 450), S4 a ferry (1 km) at (550, 1000):
    # West walks 350 + 350 = 700 m to S3 and 450 + 900 = 1350 m to S4: not served; East 100 m to S1
    assert share(result, "West") == 0.0 and share(result, "East") == 1.0


def test_other_changes_run_in_full(tmp_path: Path) -> None:
    base = toy(tmp_path)
    green = gpd.GeoDataFrame({"kind": ["park"]}, geometry=[shapely.box(400, 400, 600, 600)], crs=CRS)
    base.add_layer(PolygonLayer(id="green", title="Green", crs=CRS, style="green", frame=green))
    first = run_analysis(ANALYSIS, base, {}, keep_state=True)
    park = AddGreenArea("P", ((800.0, 800.0), (1000.0, 800.0), (1000.0, 1000.0), (800.0, 1000.0)))
    change = Change((park,), ("green",))
    assert not can_update(first, change)
    runs_before, updates_before = counts()
    again = update_analysis(first, apply(base, Scenario("Park", [park])), change)
    assert counts() == (runs_before + 1, updates_before)
    assert again.how == "run" and again.state is not None  # kept for the next change
    # without a kept state there is nothing to repair: a full run
    plain = run_analysis(ANALYSIS, base, {})
    assert plain.state is None
    moved: list[Any] = [MoveStop("S1", 900.0, 800.0)]
    assert not can_update(plain, Change(tuple(moved), ("stops",)))


def test_changed_parameters_run_in_full(tmp_path: Path) -> None:
    base = toy(tmp_path)
    first = run_analysis(ANALYSIS, base, {"low_capacity_distance": 300}, keep_state=True)
    assert share(first, "West") == 1.0
    moved = apply(base, Scenario("Move", [MoveStop("S1", 900.0, 800.0)]))
    result = update_analysis(first, moved, Change((MoveStop("S1", 900.0, 800.0),), ("stops",)))
    assert result.how == "update"
    assert result.record.parameters["low_capacity_distance"] == 300
    assert share(result, "East") == 1.0  # 100 m ≤ 300 m


@pytest.mark.slow
def test_helsinki_add_move_remove_equal_a_full_run(helsinki_model: CityModel) -> None:
    """The bundled city: real GTFS stops, OSM streets and buildings, the walk to every building too."""
    base = helsinki_model
    stops = base.layers["stops"].frame
    first_id = str(stops["stop_id"].iloc[0])
    x, y = float(stops.geometry.iloc[0].x), float(stops.geometry.iloc[0].y)
    cx, cy = (float(v) for v in base.layers["buildings"].frame.union_all().centroid.coords[0])
    for edits in (
        [AddStop("NEW", "New stop", cx, cy, ("tram",))],
        [MoveStop(first_id, x + 300.0, y + 200.0)],
        [RemoveStop(first_id)],
    ):
        previous = run_analysis(ANALYSIS, base, {}, keep_state=True)
        updated = update_and_check(base, previous, list(edits))
        walk = next(layer for layer in updated.layers if layer.id.endswith("walk_to_stop"))
        assert np.isfinite(walk.frame["walk_to_stop_m"]).sum() > 1000  # buildings coloured, compared


def test_rerun_stale_updates_what_it_can_and_counts_no_run(tmp_path: Path) -> None:
    """The re-run of stale analyses after an edit: transit access repairs its result (by hand, as above)."""
    from twin_app.core.rerun import changed_inputs, record_run, rerun_stale

    base = toy(tmp_path)
    results = {ANALYSIS: run_analysis(ANALYSIS, base, {}, keep_state=True)}
    runs = [record_run(ANALYSIS, {}, base)]
    edit = MoveStop("S1", 900.0, 800.0)
    moved = apply(base, Scenario("Move", [edit]))
    assert changed_inputs(runs[0], moved) == ["stops"]
    before = counts()
    new, runs_now = rerun_stale(runs, moved, previous=results, edits=[edit])
    assert counts() == (before[0], before[1] + 1)
    assert new[ANALYSIS].how == "update"
    assert share(new[ANALYSIS], "West") == 0.0 and share(new[ANALYSIS], "East") == 1.0
    assert share(new[ANALYSIS], None) == pytest.approx(20 / 30)
    again, _ = rerun_stale(runs_now, moved, previous=new, edits=[edit])
    assert again == {}  # nothing stale any more
