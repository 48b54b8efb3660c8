"""Example analyses written against twin_app's public API only."""

from __future__ import annotations

import time

from twin_app.api import AnalysisContext, AnalysisOutput, BuildingsLayer, Indicator


def building_count(ctx: AnalysisContext) -> AnalysisOutput:
    import geopandas as gpd

    districts = ctx.districts(ctx.params["districts"])
    layer = ctx.layer(ctx.params["buildings"])
    assert isinstance(layer, BuildingsLayer)
    frame = layer.frame[layer.frame["height_m"] >= ctx.params["min_height"]]
    points = gpd.GeoDataFrame(
        {"row": range(len(frame))}, geometry=frame.geometry.representative_point().values, crs=frame.crs
    )
    joined = gpd.sjoin(points, districts, predicate="within", how="inner")
    counts = joined.groupby("district").size()
    definition = "Building footprints whose representative point lies in the district."
    indicators = [
        Indicator("building_count", float(counts.get(name, 0)), "buildings", name, definition)
        for name in districts["district"]
    ]
    indicators.append(Indicator("building_count", float(counts.sum()), "buildings", None, definition))
    counted = frame.iloc[joined["row"].to_numpy()].copy()
    counted["district"] = joined["district"].to_numpy()
    result = BuildingsLayer(
        id="counted",
        title="Counted buildings",
        crs=ctx.crs,
        frame=counted.reset_index(drop=True),
        style="buildings",
        value_column="height_m",
        units="m",
    )
    return AnalysisOutput(
        indicators=indicators, layers=[result], notes={"rule": "representative point in district"}
    )


def slow_count(ctx: AnalysisContext) -> AnalysisOutput:
    ticks = 0
    end = time.monotonic() + float(ctx.params["seconds"])
    while time.monotonic() < end:
        ctx.feedback.check_cancelled()
        ctx.feedback.progress(
            1 - (end - time.monotonic()) / max(float(ctx.params["seconds"]), 1e-9), "Counting…"
        )
        time.sleep(0.01)
        ticks += 1
    return AnalysisOutput(indicators=[Indicator("ticks", float(ticks), "ticks")])


def always_fails(ctx: AnalysisContext) -> AnalysisOutput:
    raise RuntimeError("this example plugin always fails")


# -- misbehaving analyses: each shows that a plugin cannot take the app down --------------------


def never_polls(ctx: AnalysisContext) -> AnalysisOutput:
    """Sleeps forever without ever checking for cancellation (it says which process it is first)."""
    import os

    ctx.feedback.info(f"running as process {os.getpid()}")
    while True:
        time.sleep(1000)


def calls_exit(ctx: AnalysisContext) -> AnalysisOutput:
    """Calls ``sys.exit`` instead of returning."""
    import sys

    sys.exit(3)


def prints(ctx: AnalysisContext) -> AnalysisOutput:
    """Prints to stdout (where ``twin-app run --json`` writes its JSON), then answers."""
    import os

    print("a line printed by the plugin")
    if ctx.params["native"]:
        os.write(1, b"a line written to file descriptor 1\n")
    return AnalysisOutput(indicators=[Indicator("answer", 42.0, "things")])


def crashes(ctx: AnalysisContext) -> AnalysisOutput:
    """Ends its process the way native code can: a segfault, or ``os._exit``."""
    import os

    if ctx.params["how"] == "segfault":
        import ctypes

        ctypes.string_at(0)  # reads address 0: SIGSEGV
    os._exit(3)


def mutates_city(ctx: AnalysisContext) -> AnalysisOutput:
    """Changes the layer it is given: raises every building, keeps only the first, renames the layer."""
    layer = ctx.layer(ctx.params["buildings"], BuildingsLayer)
    frame = layer.frame
    frame["height_m"] = 999.0  # in place, in the frame it was given
    layer.frame = frame.iloc[:1]
    layer.title = "Changed by a plugin"
    return AnalysisOutput(indicators=[Indicator("answer", 1.0, "things")])
