"""Moving one stop on Helsinki: transit access updated from its previous result versus run again.

A workshop drags a stop and watches the districts re-score.  Without the
incremental update, the user's way is to run transit access again on the
scenario city (``twin_app.core.rerun.rerun_stale`` does exactly that): the
street graph is built, every home and stop is snapped, and two multi-source
Dijkstras cover the city.  The update keeps the graph, the snapped homes
and buildings and two distance fields (``NearestSourceField``) and repairs
them around the moved stop.

Timed in the same process, on the same scenario cities (one stop moved
each time, ``MOVES`` positions), both ways:

* full run, isolated (the default: a child process per run) and in-process;
* update from the previous result (``twin_app.core.runner.update_analysis``);
* edit to table: ``scenario.apply`` + the update + the baseline-versus-scenario
  rows (``twin_app.core.compare.indicator_deltas``), what the window waits for.

Each update is checked against the full run (city share equal) as it goes.

Run: ``python benchmarks/bench_incremental.py`` (about a minute).
"""

from __future__ import annotations

import statistics
import time

from twin_app.core.analysis import AnalysisResult, Change
from twin_app.core.compare import indicator_deltas
from twin_app.core.loading import load_city
from twin_app.core.runner import RUN_COUNTS, run_analysis, update_analysis
from twin_app.core.scenario import MoveStop, Scenario, apply

ANALYSIS = "transit-access"
#: offsets (m) of the moved stop from its place, one scenario each
MOVES = [(dx, dy) for dx in (-300.0, -100.0, 100.0, 300.0) for dy in (-200.0, 200.0)]


def _share(result: AnalysisResult) -> float | None:
    return next(i.value for i in result.indicators if i.key == "share_served" and i.district is None)


def _ms(values: list[float]) -> str:
    low, high = min(values) * 1000, max(values) * 1000
    return f"{statistics.median(values) * 1000:9.1f} ms (min {low:.1f}, max {high:.1f})"


def main() -> None:
    model = load_city("helsinki")
    stops = model.layers["stops"].frame
    # a stop in the middle of the city, so that its moves change who is served
    centre = stops.geometry.union_all().centroid
    row = int(stops.geometry.distance(centre).to_numpy().argmin())
    stop, point = str(stops["stop_id"].iloc[row]), stops.geometry.iloc[row]

    start = time.perf_counter()
    previous = run_analysis(ANALYSIS, model, {}, keep_state=True)
    first = time.perf_counter() - start
    baseline = previous
    graph = previous.state.graph
    full_isolated: list[float] = []
    full_inprocess: list[float] = []
    updates: list[float] = []
    edit_to_table: list[float] = []
    runs_before = RUN_COUNTS["run", ANALYSIS]
    for dx, dy in MOVES:
        edit = MoveStop(stop, point.x + dx, point.y + dy)
        scenario = Scenario("Drag", [edit])

        start = time.perf_counter()
        city = apply(model, scenario)
        applied = time.perf_counter() - start
        start = time.perf_counter()
        updated = update_analysis(previous, city, Change((edit,), ("stops",)))
        updates.append(time.perf_counter() - start)
        start = time.perf_counter()
        rows = indicator_deltas(ANALYSIS, baseline, updated)
        edit_to_table.append(applied + updates[-1] + time.perf_counter() - start)
        assert updated.how == "update" and rows
        previous = updated  # the next move repairs this result (the state moved on to it)

        start = time.perf_counter()
        full = run_analysis(ANALYSIS, city, {})
        full_isolated.append(time.perf_counter() - start)
        start = time.perf_counter()
        run_analysis(ANALYSIS, city, {}, isolate=False)
        full_inprocess.append(time.perf_counter() - start)
        assert _share(full) == _share(updated), (dx, dy, _share(full), _share(updated))
    assert RUN_COUNTS["run", ANALYSIS] == runs_before + 2 * len(MOVES)  # only the reference runs

    n = len(MOVES)
    print(
        f"Helsinki: {graph.n_nodes} street nodes, {len(stops)} stops, "
        f"{len(previous.state.people.points)} homes; stop '{stop}' moved to {n} places"
    )
    print(f"first run keeping the state (in-process): {first * 1000:.0f} ms")
    print()
    print("| way | median per moved stop | vs update |")
    print("| --- | --- | --- |")
    base = statistics.median(updates)
    for name, values in (
        ("full run, isolated (default)", full_isolated),
        ("full run, in-process", full_inprocess),
        ("update from the previous result", updates),
        ("edit to table (apply + update + rows)", edit_to_table),
    ):
        print(f"| {name} | {_ms(values)} | {statistics.median(values) / base:.1f}× |")


if __name__ == "__main__":
    main()
