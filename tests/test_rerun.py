"""Only the analyses whose inputs an edit changed run again (the runs are counted).

The toy grid (tests/toy_city.py) with 10 people at (100, 100) in West and 20
at (900, 900) in East, one bus stop at (0, 0), a park on (400..600)² and a
uniform heat raster.  By hand, walking along the 100 m grid:

* transit access (500 m to a bus stop): West walks 200 m (served), East
  1800 m (not).  With the stop moved to (900, 800), East walks 100 m
  (served) and West 800 + 700 = 1500 m (not).
* access to green space (400 m to a park's edge): West walks 600 m to the
  park's corner, East 600 m: nobody is served.  With a park on
  (800..1000)², East stands 100 m from its edge (served), West is unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pytest
import shapely
from toy_city import CRS, grid_city

from twin_app.core.layers import PolygonLayer, RasterLayer, StopsLayer
from twin_app.core.model import CityModel
from twin_app.core.rerun import input_layers, record_run, rerun_stale, stale
from twin_app.core.runner import run_analysis
from twin_app.core.scenario import AddGreenArea, AddTrees, MoveStop, Scenario, apply

ANALYSES = ("transit-access", "green-space-access", "heat-exposure")


def city(tmp_path: Path) -> CityModel:
    model = grid_city(tmp_path, [(100.0, 100.0, 10.0), (900.0, 900.0, 20.0)])
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


def share(result: Any, district: str | None) -> float:
    return next(i.value for i in result.indicators if i.key == "share_served" and i.district == district)


class Counting:
    """The real runner, counting its calls."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, analysis: str, model: CityModel, params: dict, **kwargs: Any) -> Any:
        self.calls.append(analysis)
        return run_analysis(analysis, model, params, **kwargs)


def test_inputs_come_from_the_manifests_layer_parameters(tmp_path: Path) -> None:
    from twin_app.core.plugins import default_plugins

    model = city(tmp_path)
    inputs = {a: set(input_layers(default_plugins().get(a), {}, model)) for a in ANALYSES}
    assert inputs == {
        "transit-access": {"districts", "streets", "stops", "population"},
        "green-space-access": {"districts", "streets", "green", "population"},
        "heat-exposure": {"districts", "heat", "population"},
    }


def test_moving_a_stop_reruns_transit_access_only(tmp_path: Path) -> None:
    base = city(tmp_path)
    first = {a: run_analysis(a, base, {}) for a in ANALYSES}
    runs = [record_run(a, {}, base) for a in ANALYSES]
    assert share(first["transit-access"], "West") == 1.0 and share(first["transit-access"], "East") == 0.0

    moved = apply(base, Scenario("Move", [MoveStop("S1", 900.0, 800.0)]))
    assert stale(runs, moved) == ["transit-access"]
    runner = Counting()
    results, runs_now = rerun_stale(runs, moved, run=runner)
    assert runner.calls == ["transit-access"]
    transit = results["transit-access"]
    assert share(transit, "West") == 0.0 and share(transit, "East") == 1.0
    assert share(transit, None) == pytest.approx(20 / 30)
    assert stale(runs_now, moved) == []  # nothing left to run
    assert stale(runs, base) == []  # the baseline itself did not change


def test_adding_a_park_reruns_green_access_only(tmp_path: Path) -> None:
    base = city(tmp_path)
    first = run_analysis("green-space-access", base, {})
    assert share(first, None) == 0.0
    runs = [record_run(a, {}, base) for a in ANALYSES]
    park = AddGreenArea("P", ((800.0, 800.0), (1000.0, 800.0), (1000.0, 1000.0), (800.0, 1000.0)))
    greener = apply(base, Scenario("Park", [park]))
    runner = Counting()
    results, _ = rerun_stale(runs, greener, run=runner)
    assert runner.calls == ["green-space-access"]
    green = results["green-space-access"]
    assert share(green, "East") == 1.0 and share(green, "West") == 0.0


def test_trees_rerun_nothing_and_a_new_revision_is_seen(tmp_path: Path) -> None:
    base = city(tmp_path)
    runs = [record_run(a, {}, base) for a in ANALYSES]
    planted = apply(base, Scenario("Trees", [AddTrees(((50.0, 50.0),))]))
    assert "trees" in planted.layers and stale(runs, planted) == []  # no analysis reads trees yet
    base.update_values("stops", "rating", np.array([1.0]))  # the same layer object, a new revision
    assert stale(runs, base) == ["transit-access"]


def _rows(layer: object) -> int:
    frame = getattr(layer, "frame", None)
    return -1 if frame is None else len(frame)


@pytest.mark.slow
def test_helsinki_a_moved_stop_and_a_new_park(helsinki_model: CityModel) -> None:
    """On the bundled city: real GTFS stops, OSM parks and buildings; the baseline stays as loaded."""
    base = helsinki_model
    before = {lid: (layer, layer.revision, _rows(layer)) for lid, layer in base.layers.items()}
    stops = base.layers["stops"].frame
    first = str(stops["stop_id"].iloc[0])
    x, y = stops.geometry.iloc[0].x, stops.geometry.iloc[0].y
    runs = [record_run(a, {}, base) for a in ANALYSES]
    moved = apply(base, Scenario("Move", [MoveStop(first, x + 150.0, y)]))
    assert stale(runs, moved) == ["transit-access"]
    assert moved.layers["stops"].frame.geometry.iloc[0].x == pytest.approx(x + 150.0)
    ring = ((x, y), (x + 80.0, y), (x + 80.0, y + 60.0), (x, y + 60.0))
    greener = apply(base, Scenario("Park", [AddGreenArea("P", ring)]))
    assert stale(runs, greener) == ["green-space-access"]
    assert len(greener.layers["green"].frame) == len(base.layers["green"].frame) + 1
    after = {lid: (layer, layer.revision, _rows(layer)) for lid, layer in base.layers.items()}
    assert after == before
    assert base.layers["stops"].frame.geometry.iloc[0].x == x
