"""Bring any GeoDataFrame into the city: check its CRS, reproject, repair.

Every vector layer kind funnels its frame through :func:`prepare_frame`, so
the rules (no CRS is an error unless the user names one; invalid geometries
are repaired and counted, never silently dropped; a layer that lands nowhere
near the city is reported as a probable CRS mistake) are the same for OSM,
GeoPackage, GTFS and third-party kinds.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from twin_app.core.errors import CRSError, EmptyLayerError
from twin_app.core.kinds import LoadContext

if TYPE_CHECKING:
    import geopandas as gpd


def prepare_frame(
    frame: gpd.GeoDataFrame,
    ctx: LoadContext,
    *,
    source: Path | None,
    assume_crs: str | None = None,
    clip_to_city: bool = False,
) -> tuple[gpd.GeoDataFrame, list[str]]:
    """Return ``frame`` in the city's CRS with valid, non-empty geometries.

    The second value lists human-readable notes on what was repaired or
    skipped; callers attach them to the layer so the user can see them.
    """
    import numpy as np
    import shapely

    notes: list[str] = []
    name = ctx.title or ctx.layer_id
    where = f"'{source}'" if source else f"layer '{name}'"
    if frame.crs is None:
        if assume_crs is None:
            raise CRSError(
                f"The file {where} does not say which coordinate reference system (CRS) its coordinates use. "
                "Save it with a CRS (e.g. EPSG:4326 for longitude/latitude), "
                "or name one in the city manifest "
                'with crs = "EPSG:....".',
                path=source,
            )
        frame = frame.set_crs(assume_crs)
        notes.append(f"No CRS in the file; assumed {assume_crs} as configured.")
    if frame.crs is not None and frame.crs.is_geographic and len(frame):
        minx, miny, maxx, maxy = frame.total_bounds
        if not (-180.5 <= minx <= maxx <= 180.5 and -90.5 <= miny <= maxy <= 90.5):
            raise CRSError(
                f"The file {where} says its coordinates are longitude/latitude ({frame.crs.to_string()}), "
                f"but they reach {maxx:.0f}, {maxy:.0f}, which is impossible: its CRS is wrong. "
                "Set the correct CRS on the file and open it again.",
                path=source,
            )

    geoms = frame.geometry.values
    order = np.arange(len(frame))  # positions in the frame as given, for the notes' samples
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    n_empty = int(np.count_nonzero(missing))
    if n_empty:
        frame = frame.loc[~missing].copy()
        notes.append(f"{n_empty} feature(s) without geometry were skipped ({record_sample(order[missing])}).")
        order = order[~missing]
    if len(frame) == 0:
        raise EmptyLayerError(source, layer=name)

    invalid = ~shapely.is_valid(frame.geometry.values)
    n_invalid = int(np.count_nonzero(invalid))
    if n_invalid:
        repaired = shapely.make_valid(frame.geometry.values[invalid])
        frame = frame.copy()
        frame.loc[invalid, frame.geometry.name] = repaired
        notes.append(
            f"{n_invalid} invalid geometr{'y was' if n_invalid == 1 else 'ies were'} repaired "
            f"({record_sample(order[invalid])})."
        )

    if str(frame.crs) != ctx.crs:
        frame = frame.to_crs(ctx.crs)

    if ctx.bbox_lonlat is not None:
        city = city_box(ctx)
        inside = frame.geometry.intersects(city)
        if not bool(inside.any()):
            raise CRSError(
                f"The layer '{name}' from {where} lies entirely outside the city "
                f"(its bounds in the city CRS are {', '.join(f'{v:.0f}' for v in frame.total_bounds)}). "
                "Either it covers another area, or its CRS is wrong.",
                path=source,
            )
        if clip_to_city:
            frame = frame.loc[inside.values].copy()
    return frame.reset_index(drop=True), notes


def city_box(ctx: LoadContext, *, margin_m: float = 0.0) -> shapely.Polygon:  # type: ignore[name-defined]  # noqa: F821
    """The city's lon/lat bounding box as a polygon in the city's CRS."""
    assert ctx.bbox_lonlat is not None
    return lonlat_box_in(ctx.bbox_lonlat, ctx.crs, margin_m=margin_m)


def lonlat_box_in(
    bbox_lonlat: tuple[float, float, float, float], crs: str, *, margin_m: float = 0.0
) -> shapely.Polygon:  # type: ignore[name-defined]  # noqa: F821
    """A [west, south, east, north] degree box as a polygon in ``crs`` (its corners projected)."""
    import shapely
    from pyproj import Transformer

    w, s, e, n = bbox_lonlat
    tr = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    xs, ys = tr.transform([w, e, e, w], [s, s, n, n])
    box = shapely.Polygon(list(zip(xs, ys, strict=True)))
    return box.buffer(margin_m) if margin_m else box


#: how many record positions a note names
SAMPLE_SIZE = 3


def record_sample(positions: Sequence[int], *, word: str = "feature") -> str:
    """Name up to three records by 1-based position ("e.g. feature 2, 5 and 9"), so they can be found."""
    shown = [str(int(p) + 1) for p in list(positions)[:SAMPLE_SIZE]]
    listed = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"
    return f"e.g. {word} {listed}{', ...' if len(positions) > SAMPLE_SIZE else ''} in file order"
