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
