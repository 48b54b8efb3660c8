"""GTFS feeds: stops as points (with their timetable), routes as lines.

The tables are read straight from the zip with pandas (robust to feeds that
stricter readers reject, e.g. headways beyond 16-bit), once per city load:
both kinds share the parse through ``ctx.cache``.  Each stop records the
modes that serve it (GTFS ``route_type``) and its number of departures in the
feed, which is what planners look at first; the stops layer also carries the
feed's :class:`~twin_app.api.Timetable`, from which analyses count
departures per hour without reading the feed themselves.

Only ``stops.txt`` is required here.  The GTFS reference makes
``shapes.txt`` optional (a route without a shape is drawn along its stops)
and allows a feed to define its services with ``calendar.txt``,
``calendar_dates.txt`` or both; a missing optional table is simply empty.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from twin_app.api import (
    STOP_MODES_COLUMN,
    STOP_NAME_COLUMN,
    CorruptFileError,
    LineLayer,
    LoadContext,
    StopsLayer,
    Timetable,
    _,
    city_box,
    gtfs_seconds,
    mode_name,
    prepare_frame,
)
from twin_layers._content import GtfsFile

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

#: the stop_times columns any GTFS kind uses (read once, shared through ``ctx.cache``)
_STOP_TIMES_COLUMNS = ("trip_id", "stop_id", "stop_sequence", "arrival_time", "departure_time", "pickup_type")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_CALENDAR_COLUMNS = ("service_id", *_WEEKDAYS, "start_date", "end_date")


def read_table(
    path: Path, name: str, *, required: bool = True, usecols: list[str] | tuple[str, ...] | None = None
) -> pd.DataFrame:
    """One GTFS table as strings; ``usecols`` are the columns wanted *if present*.

    A missing optional table is an empty frame with the wanted columns.
    """
    import pandas as pd

    try:
        with zipfile.ZipFile(path) as archive:
            members = {Path(m).name: m for m in archive.namelist()}
            if name not in members:
                if required:
                    raise CorruptFileError(path, fmt="a GTFS feed", detail=f"it has no {name}")
                return pd.DataFrame(columns=list(usecols or []))
            wanted = set(usecols) if usecols is not None else None
            with archive.open(members[name]) as handle:
                return pd.read_csv(
                    handle,
                    dtype=str,
                    usecols=(lambda c: c.strip() in wanted) if wanted is not None else None,
                    keep_default_na=False,
                    encoding="utf-8-sig",
                ).rename(columns=str.strip)
    except (RuntimeError, NotImplementedError) as exc:
        # zipfile's words for an encrypted member and for a compression it cannot undo
        why = "is encrypted" if "encrypted" in str(exc) else "uses a compression this app cannot read"
        raise CorruptFileError(
            path,
            fmt="a GTFS feed (zip)",
            detail=f"its member {name} {why}; save the feed again as an ordinary (deflate) zip",
        ) from exc
    except (zipfile.BadZipFile, EOFError, OSError, UnicodeDecodeError, ValueError) as exc:
        raise CorruptFileError(path, fmt="a GTFS feed (zip)", detail=str(exc)) from exc


def _with_columns(table: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """``table`` with every one of ``columns``, blank where the feed has none."""
    missing = [c for c in columns if c not in table]
    return table.assign(**dict.fromkeys(missing, "")) if missing else table


def _require(path: Path, table: pd.DataFrame, name: str, columns: tuple[str, ...]) -> None:
    missing = [c for c in columns if c not in table]
    if missing and len(table):
        raise CorruptFileError(
            path,
            fmt="a GTFS feed",
            detail=f"{name} has no {', '.join(missing)} column{'s' * (len(missing) > 1)}",
        )


@dataclass(eq=False)
class Feed:
    """The tables of one feed that the kinds use, read once."""

    stops: pd.DataFrame
    routes: pd.DataFrame
    trips: pd.DataFrame
    stop_times: pd.DataFrame
    #: what was skipped or repaired while reading, for the layers' notes
    notes: list[str] = field(default_factory=list)


#: location types that may lack coordinates (GTFS reference: generic node, boarding area)
_UNLOCATED_TYPES = ("3", "4")


def _sample(ids: Any) -> str:
    """Up to three ids, for a note (``e.g. A, B, C``)."""
    shown = [str(v) for v in list(dict.fromkeys(ids))[:3]]
    return ", ".join(shown) + (", ..." if len(set(ids)) > 3 else "")


def _without_bad_coordinates(stops: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    """``stops`` less those that must be located but have an empty, non-numeric or impossible one.

    One bad stop must not cost the feed: the others are kept, and the
    skipped ones are counted in ``notes``.  Generic nodes and boarding areas
    (location_type 3 and 4) may lack coordinates and are kept as they are.
    """
    import pandas as pd

    lon = pd.to_numeric(stops["stop_lon"].str.strip(), errors="coerce")
    lat = pd.to_numeric(stops["stop_lat"].str.strip(), errors="coerce")
    located = lon.between(-180.0, 180.0) & lat.between(-90.0, 90.0)
    if "location_type" in stops:
        must = ~stops["location_type"].str.strip().isin(_UNLOCATED_TYPES)
    else:
        must = pd.Series(True, index=stops.index)
    bad = must & ~located
    if bad.any():
        notes.append(
            _(
                "{count} stop(s) with an empty, non-numeric or impossible stop_lat/stop_lon "
                "were skipped (e.g. {sample})."
            ).format(count=int(bad.sum()), sample=_sample(stops.loc[bad, "stop_id"]))
        )
    return stops.loc[~bad].reset_index(drop=True)


def _first_of_each(table: pd.DataFrame, key: str, name: str, notes: list[str]) -> pd.DataFrame:
    """``table`` with one row per ``key``: a repeated row would count its trips or departures twice."""
    if key not in table or not len(table):
        return table
    repeated = table.duplicated(key, keep="first")
    if not repeated.any():
        return table
    notes.append(
        _(
            "{file} repeats {count} row(s) of the same {key}; the first of each was kept (e.g. {sample})."
        ).format(file=name, count=int(repeated.sum()), key=key, sample=_sample(table.loc[repeated, key]))
    )
    return table.loc[~repeated].reset_index(drop=True)


def _times_of_known_stops(
    times: pd.DataFrame, stops: pd.DataFrame, kept: pd.DataFrame, notes: list[str]
) -> pd.DataFrame:
    """``times`` less the rows at skipped stops or at stop_ids ``stops.txt`` lacks, counted in ``notes``.

    Such a row would dangle: a departure counted for no stop on the map, a
    route line bent towards nowhere.  Its trip keeps its other stops.
    """
    at_skipped = times["stop_id"].isin(stops["stop_id"]) & ~times["stop_id"].isin(kept["stop_id"])
    unknown = ~times["stop_id"].isin(stops["stop_id"])
    if at_skipped.any():
        notes.append(
            _(
                "{count} stop_times row(s) at the skipped stops were left out; their trips "
                "keep their other stops (e.g. trip {sample})."
            ).format(count=int(at_skipped.sum()), sample=_sample(times.loc[at_skipped, "trip_id"]))
        )
    if unknown.any():
        notes.append(
            _(
                "{count} stop_times row(s) name a stop_id that stops.txt does not have and "
                "were left out (e.g. {sample})."
            ).format(count=int(unknown.sum()), sample=_sample(times.loc[unknown, "stop_id"]))
        )
    if not (at_skipped.any() or unknown.any()):
        return times
    return times.loc[~(at_skipped | unknown)].reset_index(drop=True)


def read_feed(path: Path, cache: dict[Any, Any]) -> Feed:
    """stops, routes, trips and stop_times of ``path`` (or the cached read of the unchanged file)."""
    resolved = Path(path).resolve()
    stat = resolved.stat()
    key = ("twin_layers.gtfs", str(resolved), stat.st_mtime_ns, stat.st_size)
    feed = cache.get(key)
    if feed is None:
        stops = read_table(path, "stops.txt")
        for col in ("stop_id", "stop_lat", "stop_lon"):
            if col not in stops:
                raise CorruptFileError(path, fmt="a GTFS feed", detail=f"stops.txt has no {col} column")
        routes = read_table(path, "routes.txt")
        trips = read_table(path, "trips.txt")
        times = read_table(path, "stop_times.txt", usecols=_STOP_TIMES_COLUMNS)
        _require(path, routes, "routes.txt", ("route_id", "route_type"))
        _require(path, trips, "trips.txt", ("trip_id", "route_id"))
        _require(path, times, "stop_times.txt", ("trip_id", "stop_id"))
        notes: list[str] = []
        located = _without_bad_coordinates(stops, notes)
        feed = cache[key] = Feed(
            stops=located,
            routes=_first_of_each(
                _with_columns(routes, ("route_id", "route_type")), "route_id", "routes.txt", notes
            ),
            trips=_first_of_each(
                _with_columns(trips, ("trip_id", "route_id", "service_id")), "trip_id", "trips.txt", notes
            ),
            stop_times=_times_of_known_stops(
                _with_columns(times, ("trip_id", "stop_id")), stops, located, notes
            ),
            notes=notes,
        )
    return feed


def _route_types(trips: pd.DataFrame, routes: pd.DataFrame) -> pd.DataFrame:
    """trip_id, route_id, service_id and an int route_type (-1 where unknown) per trip."""

    out = trips[["trip_id", "route_id", "service_id"]].merge(
        routes[["route_id", "route_type"]], on="route_id", how="left"
    )
    out["route_type"] = _route_type_codes(out["route_type"])
    return out


#: route_type codes run from 0 (tram) through the extended types (hundreds to about 1700)
_MAX_ROUTE_TYPE = 10_000


def _route_type_codes(values: pd.Series) -> pd.Series:
    """GTFS ``route_type`` as whole numbers, -1 where it is missing, not a number or not a possible code.

    A feed can hold anything in the column ("-inf", "3.5", a 30-digit
    number); such a route is of an unknown mode, and must not stop the feed.
    """
    import numpy as np
    import pandas as pd

    numbers = pd.to_numeric(values, errors="coerce").astype(float)
    possible = np.isfinite(numbers) & (numbers == np.floor(numbers)) & numbers.between(0, _MAX_ROUTE_TYPE)
    return numbers.where(possible, -1.0).astype(int)


def read_timetable(path: Path, cache: dict[Any, Any] | None = None) -> Timetable:
    """The feed's :class:`Timetable` (see its docstring for what each table holds)."""
    import numpy as np
    import pandas as pd

    feed = read_feed(path, {} if cache is None else cache)
    times = feed.stop_times
    if "pickup_type" in times:
        times = times[times["pickup_type"].str.strip() != "1"]
    t = gtfs_seconds(times["departure_time"]) if "departure_time" in times else np.full(len(times), np.nan)
    if "arrival_time" in times:
        t = np.where(np.isnan(t), gtfs_seconds(times["arrival_time"]), t)
    boardings = pd.DataFrame(
        {"trip_id": times["trip_id"].to_numpy(), "stop_id": times["stop_id"].to_numpy(), "t": t}
    ).dropna(subset=["t"])
    calendar = _with_columns(
        read_table(path, "calendar.txt", required=False, usecols=_CALENDAR_COLUMNS), _CALENDAR_COLUMNS
    )
    dates_columns = ("service_id", "date", "exception_type")
    dates = _with_columns(
        read_table(path, "calendar_dates.txt", required=False, usecols=dates_columns), dates_columns
    )
    freq_columns = ("trip_id", "start_time", "end_time", "headway_secs")
    freq = _with_columns(
        read_table(path, "frequencies.txt", required=False, usecols=freq_columns), freq_columns
    )
    frequencies = pd.DataFrame(
        {
            "trip_id": freq["trip_id"].to_numpy(),
            "start": gtfs_seconds(freq["start_time"]),
            "end": gtfs_seconds(freq["end_time"]),
            "headway": pd.to_numeric(freq["headway_secs"], errors="coerce").to_numpy(dtype=float),
        }
    )
    return Timetable(
        feed=f"GTFS feed {Path(path).name}",
        calendar=calendar,
        calendar_dates=dates,
        trips=_route_types(feed.trips, feed.routes),
        stop_times=boardings.reset_index(drop=True),
        frequencies=frequencies,
    )


@dataclass(frozen=True)
class StopsKind(GtfsFile):
    name: str = "gtfs-stops"
    title: str = "GTFS stops"
    suffixes: tuple[str, ...] = (".gtfs.zip", ".zip")

    def load(self, source: Path, options: Mapping[str, Any], ctx: LoadContext) -> StopsLayer:
        import geopandas as gpd
        import pandas as pd

        feed = read_feed(source, ctx.cache)
        stops = feed.stops
        trips = _route_types(feed.trips, feed.routes)
        served = feed.stop_times[["trip_id", "stop_id"]].merge(trips, on="trip_id")
        per_stop = served.groupby("stop_id").agg(
            departures=("trip_id", "size"),
            route_types=("route_type", lambda s: ",".join(str(v) for v in sorted(set(s)))),
            modes=("route_type", lambda s: ", ".join(sorted({mode_name(int(v)) for v in s}))),
            n_routes=("route_id", "nunique"),
        )
        stops = stops.merge(per_stop, left_on="stop_id", right_index=True, how="left")
        stops["departures"] = stops["departures"].fillna(0).astype(int)
        stops["n_routes"] = stops["n_routes"].fillna(0).astype(int)
        stops[["route_types", STOP_MODES_COLUMN]] = stops[["route_types", STOP_MODES_COLUMN]].fillna("")
        stops[STOP_NAME_COLUMN] = stops.get("stop_name", "")
        if "location_type" in stops:
            lt = pd.to_numeric(stops["location_type"], errors="coerce").fillna(0).astype(int)
            stops = stops.loc[lt == 0]
        wanted = (
            "stop_id",
            STOP_NAME_COLUMN,
            "stop_code",
            "departures",
            "n_routes",
            STOP_MODES_COLUMN,
            "route_types",
        )
        keep = [c for c in wanted if c in stops]
        lon = pd.to_numeric(stops["stop_lon"], errors="coerce")
        lat = pd.to_numeric(stops["stop_lat"], errors="coerce")
        frame = gpd.GeoDataFrame(stops[keep], geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")
        frame, notes = prepare_frame(frame, ctx, source=source, clip_to_city=True)
        notes = [*feed.notes, *notes]
        timetable = read_timetable(source, ctx.cache)
        notes.append(
            _(
                "Stops and timetable from the GTFS feed {file} "
                "({count} trips; modes from the routes serving each stop)."
            ).format(file=Path(source).name, count=len(timetable.trips))
        )
        return StopsLayer(
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
            stops_source=f"GTFS feed {Path(source).name}",
            timetable=timetable,
        )


def _shape_lines(shapes: pd.DataFrame) -> tuple[Any, Any]:
    """(shape ids, lon/lat linestrings) of the shapes with at least two valid points."""
    import pandas as pd

    shapes = shapes.assign(
        seq=pd.to_numeric(shapes["shape_pt_sequence"], errors="coerce"),
        x=pd.to_numeric(shapes["shape_pt_lon"], errors="coerce"),
        y=pd.to_numeric(shapes["shape_pt_lat"], errors="coerce"),
    )
    shapes = shapes.dropna(subset=["seq", "x", "y"]).sort_values(["shape_id", "seq"], kind="stable")
    return _lines_by(shapes["shape_id"], shapes[["x", "y"]].to_numpy())


def _lines_by(keys: pd.Series, xy: np.ndarray) -> tuple[Any, Any]:
    """(keys, linestrings): one line per key with at least two points, through its points in order.

    Keys with a single point are left out, and the lines numbered again
    without them: shapely wants its line indices to run 0, 1, 2 … with no
    gap, and a shape (or trip) of one valid point among the others must not
    cost the whole routes layer.
    """
    import numpy as np
    import pandas as pd
    import shapely

    codes, ids = pd.factorize(keys, sort=True)
    counts = np.bincount(codes, minlength=len(ids))
    ok = counts[codes] >= 2
    kept = np.flatnonzero(counts >= 2)
    lines = shapely.linestrings(xy[ok], indices=np.searchsorted(kept, codes[ok]))
    return ids[kept], lines


def stop_sequence_lines(feed: Feed, trips: pd.DataFrame) -> pd.DataFrame:
    """One line per route and direction through the stops of its trip with the most stops.

    For routes without a shape: the GTFS reference makes ``shapes.txt``
    optional, and the stop sequence is the best path the feed gives.  Ties
    go to the smallest trip_id, so the choice does not depend on file order.
    Returns route_id, trip_id and a lon/lat ``line`` (routes whose trips
    visit fewer than two located stops are left out).
    """
    import pandas as pd

    if "direction_id" in trips:
        trips = trips.assign(direction=trips["direction_id"].fillna(""))
    else:
        trips = trips.assign(direction="")
    times = feed.stop_times[feed.stop_times["trip_id"].isin(trips["trip_id"])]
    if "stop_sequence" not in times:
        return pd.DataFrame(columns=["route_id", "trip_id", "line"])
    size = times.groupby("trip_id").size().rename("n_stops").reset_index()
    ranked = trips[["trip_id", "route_id", "direction"]].merge(size, on="trip_id")
    ranked = ranked.sort_values(
        ["route_id", "direction", "n_stops", "trip_id"], ascending=[True, True, False, True]
    )
    chosen = ranked.drop_duplicates(["route_id", "direction"])
    located = feed.stops[["stop_id"]].assign(
        x=pd.to_numeric(feed.stops["stop_lon"], errors="coerce"),
        y=pd.to_numeric(feed.stops["stop_lat"], errors="coerce"),
    )
    seq = times[times["trip_id"].isin(chosen["trip_id"])][["trip_id", "stop_id", "stop_sequence"]]
    seq = seq.assign(order=pd.to_numeric(seq["stop_sequence"], errors="coerce"))
    seq = seq.merge(located, on="stop_id").dropna(subset=["order", "x", "y"])
    seq = seq.sort_values(["trip_id", "order"], kind="stable")
    trip_ids, lines = _lines_by(seq["trip_id"], seq[["x", "y"]].to_numpy())
    line_of = dict(zip(trip_ids, lines, strict=True))
    chosen = chosen[chosen["trip_id"].isin(line_of)]
    return pd.DataFrame(
        {
            "route_id": chosen["route_id"].to_numpy(),
            "trip_id": chosen["trip_id"].to_numpy(),
            "line": [line_of[t] for t in chosen["trip_id"]],
        }
    )


@dataclass(frozen=True)
class RoutesKind(GtfsFile):
    """Route lines: each shape in ``shapes.txt``, and routes without one along their stops."""

    name: str = "gtfs-routes"
    title: str = "GTFS route shapes"
    suffixes: tuple[str, ...] = ()

    def load(self, source: Path, options: Mapping[str, Any], ctx: LoadContext) -> LineLayer:
        import geopandas as gpd
        import numpy as np
        import pandas as pd

        feed = read_feed(source, ctx.cache)
        shape_columns = ("shape_id", "shape_pt_lat", "shape_pt_lon", "shape_pt_sequence")
        shapes = read_table(source, "shapes.txt", required=False, usecols=shape_columns)
        _require(source, shapes, "shapes.txt", shape_columns)
        trips = feed.trips
        if len(shapes):
            shape_ids, shape_lines = _shape_lines(shapes)
        else:
            shape_ids, shape_lines = np.array([], dtype=object), np.array([], dtype=object)
        trip_shape = trips["shape_id"] if "shape_id" in trips else pd.Series("", index=trips.index)
        with_shape = trip_shape.isin(set(shape_ids))
        shaped = trips.loc[with_shape].assign(shape_id=trip_shape[with_shape]).drop_duplicates("shape_id")
        shaped_routes = set(shaped["route_id"])
        by_stops = stop_sequence_lines(feed, trips.loc[~trips["route_id"].isin(shaped_routes)])
        line_of_shape = dict(zip(shape_ids, shape_lines, strict=True))
        rows = pd.DataFrame(
            {
                "shape_id": list(shaped["shape_id"]) + [""] * len(by_stops),
                "route_id": list(shaped["route_id"]) + list(by_stops["route_id"]),
                "drawn_from": ["shape"] * len(shaped) + ["stops"] * len(by_stops),
            }
        )
        geometry = [line_of_shape[s] for s in shaped["shape_id"]] + list(by_stops["line"])
        if len(rows) == 0:
            raise CorruptFileError(
                source, fmt="a GTFS feed", detail="none of its routes has a shape or two located stops"
            )
        routes = feed.routes.drop_duplicates("route_id").set_index("route_id")
        frame = gpd.GeoDataFrame(rows, geometry=geometry, crs="EPSG:4326")
        for col in ("route_short_name", "route_long_name", "route_type"):
            values = routes[col].reindex(frame["route_id"]) if col in routes else None
            frame[col] = values.fillna("").to_numpy() if values is not None else ""
        frame["route_type"] = _route_type_codes(frame["route_type"])
        frame["mode"] = [mode_name(int(v)) for v in frame["route_type"]]
        n_shape_routes = len(shaped_routes)
        n_stop_routes = by_stops["route_id"].nunique()
        frame, notes = prepare_frame(frame, ctx, source=source, clip_to_city=True)
        notes = [*feed.notes, *notes]
        notes.append(_("{count} route(s) drawn from shapes.txt.").format(count=n_shape_routes))
        if n_stop_routes:
            notes.append(
                _(
                    "{count} route(s) have no shape in the feed and are drawn along their stops "
                    "(the trip with the most stops, per direction)."
                ).format(count=n_stop_routes)
            )
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
