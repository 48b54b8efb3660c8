"""GTFS feeds: stops as points, route shapes as lines.

The tables are read straight from the zip with pandas (robust to feeds that
stricter readers reject, e.g. headways beyond 16-bit).  Each stop records the
modes that serve it (GTFS ``route_type``) and its number of departures in the
feed, which is what planners look at first and what accessibility analyses
filter on.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from twin_app.api import CorruptFileError, LineLayer, LoadContext, PointLayer, city_box, prepare_frame
from twin_layers._content import GtfsFile

if TYPE_CHECKING:
    import pandas as pd

#: GTFS route_type (basic and extended) -> mode name shown to people
MODES: dict[int, str] = {
    0: "tram",
    1: "metro",
    2: "rail",
    3: "bus",
    4: "ferry",
    5: "cable tram",
    6: "aerial lift",
    7: "funicular",
    11: "trolleybus",
    12: "monorail",
}


def mode_name(route_type: int) -> str:
    """Name the mode of a basic or extended (100..1700) GTFS route_type."""
    if route_type in MODES:
        return MODES[route_type]
    family = route_type // 100
    return {
        1: "rail",
        2: "coach",
        4: "metro",
        7: "bus",
        8: "trolleybus",
        9: "tram",
        10: "ferry",
        12: "ferry",
    }.get(family, "other")


def read_table(
    path: Path, name: str, *, required: bool = True, usecols: list[str] | None = None
) -> pd.DataFrame:
    import pandas as pd

    try:
        with zipfile.ZipFile(path) as archive:
            members = {Path(m).name: m for m in archive.namelist()}
            if name not in members:
                if required:
                    raise CorruptFileError(path, fmt="a GTFS feed", detail=f"it has no {name}")
                return pd.DataFrame(columns=usecols or [])
            with archive.open(members[name]) as handle:
                return pd.read_csv(
                    handle, dtype=str, usecols=usecols, keep_default_na=False, encoding="utf-8-sig"
                )
    except (zipfile.BadZipFile, EOFError, OSError, UnicodeDecodeError, ValueError) as exc:
        raise CorruptFileError(path, fmt="a GTFS feed (zip)", detail=str(exc)) from exc


@dataclass(frozen=True)
class StopsKind(GtfsFile):
    name: str = "gtfs-stops"
    title: str = "GTFS stops"
    suffixes: tuple[str, ...] = (".gtfs.zip", ".zip")

    def load(self, source: Path, options: Mapping[str, Any], ctx: LoadContext) -> PointLayer:
        import geopandas as gpd
        import pandas as pd

        stops = read_table(source, "stops.txt")
        for col in ("stop_id", "stop_lat", "stop_lon"):
            if col not in stops:
                raise CorruptFileError(source, fmt="a GTFS feed", detail=f"stops.txt has no {col} column")
        routes = read_table(source, "routes.txt", usecols=["route_id", "route_type"])
        trips = read_table(source, "trips.txt", usecols=["trip_id", "route_id"])
        times = read_table(source, "stop_times.txt", usecols=["trip_id", "stop_id"])
        served = times.merge(trips, on="trip_id").merge(routes, on="route_id")
        served["route_type"] = pd.to_numeric(served["route_type"], errors="coerce").fillna(-1).astype(int)
        per_stop = served.groupby("stop_id").agg(
            departures=("trip_id", "size"),
            route_types=("route_type", lambda s: ",".join(str(v) for v in sorted(set(s)))),
            modes=("route_type", lambda s: ", ".join(sorted({mode_name(int(v)) for v in s}))),
            n_routes=("route_id", "nunique"),
        )
        stops = stops.merge(per_stop, left_on="stop_id", right_index=True, how="left")
        stops["departures"] = stops["departures"].fillna(0).astype(int)
        stops["n_routes"] = stops["n_routes"].fillna(0).astype(int)
        stops[["route_types", "modes"]] = stops[["route_types", "modes"]].fillna("")
        if "location_type" in stops:
            lt = pd.to_numeric(stops["location_type"], errors="coerce").fillna(0).astype(int)
            stops = stops.loc[lt == 0]
        wanted = ("stop_id", "stop_name", "stop_code", "departures", "n_routes", "modes", "route_types")
        keep = [c for c in wanted if c in stops]
        lon = pd.to_numeric(stops["stop_lon"], errors="coerce")
        lat = pd.to_numeric(stops["stop_lat"], errors="coerce")
        frame = gpd.GeoDataFrame(stops[keep], geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")
        frame, notes = prepare_frame(frame, ctx, source=source, clip_to_city=True)
        return PointLayer(
            id=ctx.layer_id,
            title=ctx.title,
            crs=ctx.crs,
            source=source,
            style="stops",
            notes=notes,
            frame=frame,
            value_column=None,
            default_column="departures",
            units="departures/day",
        )


@dataclass(frozen=True)
class RoutesKind(GtfsFile):
    name: str = "gtfs-routes"
    title: str = "GTFS route shapes"
    suffixes: tuple[str, ...] = ()

    def load(self, source: Path, options: Mapping[str, Any], ctx: LoadContext) -> LineLayer:
        import geopandas as gpd
        import numpy as np
        import pandas as pd
        import shapely

        shapes = read_table(source, "shapes.txt")
        if shapes.empty:
            raise CorruptFileError(source, fmt="a GTFS feed", detail="it has no route shapes (shapes.txt)")
        shapes["seq"] = pd.to_numeric(shapes["shape_pt_sequence"], errors="coerce")
        shapes["x"] = pd.to_numeric(shapes["shape_pt_lon"], errors="coerce")
        shapes["y"] = pd.to_numeric(shapes["shape_pt_lat"], errors="coerce")
        shapes = shapes.dropna(subset=["seq", "x", "y"]).sort_values(["shape_id", "seq"])
        codes, ids = pd.factorize(shapes["shape_id"], sort=True)
        counts = np.bincount(codes)
        ok = counts[codes] >= 2
        lines = shapely.linestrings(shapes[["x", "y"]].to_numpy()[ok], indices=codes[ok])
        line_ids = ids[np.unique(codes[ok])]
        routes = read_table(source, "routes.txt")
        trips = read_table(source, "trips.txt", usecols=["route_id", "shape_id"]).drop_duplicates("shape_id")
        info = trips.merge(routes, on="route_id", how="left").set_index("shape_id")
        frame = gpd.GeoDataFrame({"shape_id": line_ids}, geometry=lines, crs="EPSG:4326")
        for col in ("route_id", "route_short_name", "route_long_name", "route_type"):
            if col in info:
                frame[col] = info[col].reindex(frame["shape_id"]).fillna("").to_numpy()
        frame["route_type"] = pd.to_numeric(frame.get("route_type"), errors="coerce").fillna(-1).astype(int)
        frame["mode"] = [mode_name(int(v)) for v in frame["route_type"]]
        frame, notes = prepare_frame(frame, ctx, source=source, clip_to_city=True)
        # Routes run far beyond the city; keep the part that is drawn and analysed here.
        frame["geometry"] = frame.geometry.intersection(city_box(ctx, margin_m=200.0))
        frame = frame.loc[~frame.geometry.is_empty].reset_index(drop=True)
        return LineLayer(
            id=ctx.layer_id,
            title=ctx.title,
            crs=ctx.crs,
            source=source,
            style="routes",
            notes=notes,
            frame=frame,
        )


STOPS_KIND = StopsKind()
ROUTES_KIND = RoutesKind()
