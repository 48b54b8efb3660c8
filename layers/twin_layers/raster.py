"""GeoTIFF (and other GDAL) rasters, brought onto the city's metric grid.

Only the window covering the city (plus a margin) is read, so a whole-region
raster costs no more than a crop.  A raster in another CRS is warped into the
city's CRS (bilinear for continuous values, nearest for categories); one in
the city's CRS is read as is, values untouched.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from twin_app.api import (
    N_,
    CorruptFileError,
    CRSError,
    EmptyLayerError,
    LoadContext,
    RasterLayer,
    TwinError,
    UnexpectedContentError,
    _,
    check_read_size,
    city_box,
    forbid_gdal_network,
    refuse_remote,
)
from twin_layers._content import RASTER_DRIVERS, RasterFile, describe_content, is_tiff

MARGIN_M = 500.0


@dataclass(frozen=True)
class RasterKind(RasterFile):
    name: str = "raster"
    title: str = "Raster (GeoTIFF)"
    suffixes: tuple[str, ...] = (".tif", ".tiff")

    def load(self, source: Path, options: Mapping[str, Any], ctx: LoadContext) -> RasterLayer:
        """Read the city's window of a GeoTIFF, opened with the GTiff driver only.

        The TIFF header is checked by Python first and GDAL may try no other
        driver, so a VRT named ``.tif`` never makes GDAL read other files or URLs.
        """
        import rasterio
        from rasterio._err import CPLE_BaseError
        from rasterio.errors import RasterioError

        refuse_remote(source)
        if not is_tiff(source):
            raise UnexpectedContentError(source, expected=_("a GeoTIFF"), found=describe_content(source))
        forbid_gdal_network()
        try:
            with rasterio.open(source, driver=RASTER_DRIVERS[0]) as src:
                return self._read(src, source, options, ctx)
        except (RasterioError, CPLE_BaseError) as exc:  # CPLE_*: GDAL's own errors, passed on by rasterio
            raise CorruptFileError(source, fmt=N_("a GeoTIFF raster"), detail=str(exc)[:300]) from exc

    def _read(self, src: Any, source: Path, options: Mapping[str, Any], ctx: LoadContext) -> RasterLayer:
        import numpy as np
        import rasterio
        from rasterio.warp import Resampling, calculate_default_transform, reproject
        from rasterio.windows import from_bounds

        src_crs = src.crs or (
            rasterio.crs.CRS.from_user_input(options["crs"]) if options.get("crs") else None
        )
        if src_crs is None:
            raise CRSError(
                _(
                    "The raster '{path}' does not say which coordinate reference system it uses, so twin_app "
                    "cannot place it. Save it with a CRS (a GeoTIFF with georeferencing), or name one in the "
                    'manifest with crs = "EPSG:....".'
                ).format(path=source),
                path=source,
            )
        band = int(options.get("band", 1))
        if not 1 <= band <= src.count:
            raise TwinError(
                _(
                    "The raster '{path}' has {count} band(s), so band = {band} does not exist. "
                    "Name a band from 1 to the number of bands in the manifest."
                ).format(path=source, count=src.count, band=band),
                path=source,
            )
        if src.transform.is_degenerate:  # no pixel size: no window or place can be worked out
            raise _no_pixel_size(source)
        box = city_box(ctx, margin_m=MARGIN_M) if ctx.bbox_lonlat else None
        if box is not None:
            bounds = _city_bounds_in(source, src_crs, ctx.crs, box.bounds)
            window = from_bounds(*bounds, transform=src.transform)
            if not all(
                math.isfinite(v) for v in (window.col_off, window.row_off, window.width, window.height)
            ):
                raise _no_pixel_size(source)  # a pixel side of 1e-300 m: the city spans infinitely many
            window = window.round_offsets().round_lengths()
            window = (
                window.intersection(rasterio.windows.Window(0, 0, src.width, src.height))
                if _overlaps(window, src)
                else None
            )
            if window is None:
                raise CRSError(
                    _(
                        "The raster '{path}' does not overlap the city: it covers another area, or its CRS "
                        "({crs}) is wrong."
                    ).format(path=source, crs=src_crs),
                    path=source,
                )
        else:
            window = rasterio.windows.Window(0, 0, src.width, src.height)
        # float32 copies are made below, so four bytes a cell at least, whatever the file's type
        itemsize = max(4, np.dtype(src.dtypes[band - 1]).itemsize)
        what = "the city's window" if box is not None else "the whole raster (the city has no extent)"
        check_read_size(source, int(window.width), int(window.height), itemsize, what=what)
        data = src.read(band, window=window, masked=True).astype("float32")
        array = np.where(np.ma.getmaskarray(data), np.nan, np.ma.getdata(data)).astype("float32")
        transform = src.window_transform(window)
        if str(src_crs) != ctx.crs and src_crs != rasterio.crs.CRS.from_user_input(ctx.crs):
            categorical = bool(options.get("categorical", False))
            dst_transform, width, height = calculate_default_transform(
                src_crs,
                ctx.crs,
                array.shape[1],
                array.shape[0],
                *rasterio.transform.array_bounds(array.shape[0], array.shape[1], transform),
            )
            check_read_size(source, width, height, 4, what=N_("the city's window, reprojected,"))
            out = np.full((height, width), np.nan, dtype="float32")
            reproject(
                array,
                out,
                src_transform=transform,
                src_crs=src_crs,
                dst_transform=dst_transform,
                dst_crs=ctx.crs,
                src_nodata=np.nan,
                dst_nodata=np.nan,
                resampling=Resampling.nearest if categorical else Resampling.bilinear,
            )
            array, transform = out, dst_transform
            note = [f"Reprojected from {src_crs} to {ctx.crs}."]
        else:
            note = []
        if not np.isfinite(array).any():
            raise EmptyLayerError(source, layer=ctx.title or ctx.layer_id)
        units = options.get("units") or raster_units(src, band)
        return RasterLayer(
            id=ctx.layer_id,
            title=ctx.title or source.name,
            crs=ctx.crs,
            source=source,
            style="raster",
            notes=note,
            data=array,
            transform=tuple(transform)[:6],  # type: ignore[arg-type]
            units=units,
            label=str(options.get("label", ctx.layer_id)),
            quantity=str(options["quantity"]) if options.get("quantity") else None,
        )


def _no_pixel_size(source: Path) -> CorruptFileError:
    return CorruptFileError(
        source,
        fmt=N_("a GeoTIFF raster"),
        detail=_("its georeferencing gives its pixels no size (a degenerate transform)"),
    )


def _city_bounds_in(
    source: Path, src_crs: Any, city_crs: str, bounds: tuple[float, float, float, float]
) -> tuple[float, float, float, float]:
    """The city's box in the raster's CRS; a CRS PROJ cannot convert from is a sentence.

    A damaged or hand-made GeoTIFF can declare a local engineering CRS (or
    another planet's), which no operation links to the city's.
    """
    from pyproj import CRS
    from rasterio._err import CPLE_BaseError
    from rasterio.errors import RasterioError
    from rasterio.warp import transform_bounds

    try:
        west, south, east, north = transform_bounds(city_crs, src_crs, *bounds)
    except (RasterioError, CPLE_BaseError):
        name = CRS.from_user_input(src_crs).name
        raise CRSError(
            _(
                "The raster '{path}' uses a coordinate reference system ('{name}') that cannot be converted "
                "to the city's ({city_crs}), so twin_app cannot place it. Save the raster with the CRS it "
                "was made in (a GeoTIFF with georeferencing), or name one in the manifest with "
                'crs = "EPSG:....".'
            ).format(path=source, name=name, city_crs=city_crs),
            path=source,
        ) from None
    return (west, south, east, north)


def raster_units(src: Any, band: int = 1) -> str | None:
    """The units the raster states for its values: the band's unit type, else a ``units`` tag."""
    if src.units and src.units[band - 1]:
        return str(src.units[band - 1])
    for tags in (src.tags(band), src.tags()):
        lower = {str(k).lower(): str(v).strip() for k, v in tags.items()}
        for key in ("units", "unit", "unittype"):
            if lower.get(key):
                return lower[key]
    return None


def _overlaps(window: Any, src: Any) -> bool:
    return bool(
        window.col_off < src.width
        and window.row_off < src.height
        and window.col_off + window.width > 0
        and window.row_off + window.height > 0
    )


RASTER_KIND = RasterKind()
