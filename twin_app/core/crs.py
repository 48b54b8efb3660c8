"""The metric CRS a city is analysed in: which ones are acceptable, and a default.

Every distance and area twin_app reports (500 m to a stop, floor area,
people per km²) is measured in the city's CRS, so that CRS must be projected,
in metres, and nearly true to scale where the city lies.  Geographic CRSs
(degrees) and Web Mercator are refused: Web Mercator stretches lengths by
1/cos(latitude), twice too long at 60° N, and is not conformal to the
ellipsoid either.  Any other projection is checked by its scale factors at the
city's centre (from PROJ), so a UTM zone used far from its own zone, or a
national grid used on another continent, is refused too, with the sentence
naming the local UTM zone, which is always a suitable choice.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from twin_app.core.errors import CRSError
from twin_app.core.i18n import _, format_percent

if TYPE_CHECKING:
    from pyproj import CRS

#: largest scale error accepted at the city's centre (1 %: 10 m per km)
MAX_SCALE_ERROR = 0.01

_WEB_MERCATOR_METHODS = ("popular visualisation pseudo mercator", "pseudo mercator")


def local_utm_crs(bbox_lonlat: tuple[float, float, float, float]) -> str:
    """The WGS 84 UTM zone of the bounding box's centre, as ``EPSG:326xx``/``EPSG:327xx``."""
    from pyproj.aoi import AreaOfInterest
    from pyproj.database import query_utm_crs_info

    w, s, e, n = bbox_lonlat
    lon, lat = (w + e) / 2, (s + n) / 2
    infos = query_utm_crs_info(
        datum_name="WGS 84", area_of_interest=AreaOfInterest(lon, lat, lon, lat), contains=True
    )
    if not infos:
        raise CRSError(
            _(
                "No UTM zone covers this city's area (it is near a pole); give a metric CRS with {option}."
            ).format(option="--crs EPSG:...")
        )
    return f"EPSG:{infos[0].code}"


def _parse(text: str, bbox_lonlat: tuple[float, float, float, float]) -> CRS:
    from pyproj import CRS
    from pyproj.exceptions import CRSError as ProjCRSError

    try:
        return CRS.from_user_input(text.strip())
    except ProjCRSError:
        zone = _suggest(bbox_lonlat)
        if zone is None:
            message = _(
                "'{crs}' is not a coordinate reference system twin_app knows. Give an EPSG code of a "
                "metric projection, such as a national grid or a UTM zone."
            ).format(crs=text)
        else:
            message = _(
                "'{crs}' is not a coordinate reference system twin_app knows. Give an EPSG code of a "
                "metric projection, for this city {zone} (its UTM zone)."
            ).format(crs=text, zone=zone)
        raise CRSError(message) from None


def _suggest(bbox_lonlat: tuple[float, float, float, float]) -> str | None:
    """The local UTM zone, looked up only when a sentence needs it (it is a database query)."""
    try:
        return local_utm_crs(bbox_lonlat)
    except CRSError:
        return None


def _advice(bbox_lonlat: tuple[float, float, float, float]) -> str:
    """The sentence that ends every refusal: which CRS to use instead."""
    zone = _suggest(bbox_lonlat)
    if zone is None:
        return _("Use a local metric projection instead, such as a national grid or a UTM zone.")
    return _("Use a local metric projection instead, for this city {zone} (its UTM zone).").format(zone=zone)


def _is_web_mercator(crs: CRS) -> bool:
    operation = crs.coordinate_operation
    method = (operation.method_name if operation is not None else "").lower()
    return crs.to_epsg() in (3857, 3785, 900913, 102100, 102113) or any(
        m in method for m in _WEB_MERCATOR_METHODS
    )


def check_metric_crs(text: str, bbox_lonlat: tuple[float, float, float, float]) -> str:
    """``text`` as ``AUTHORITY:CODE`` if it is a projected metric CRS true to scale here.

    Raises :class:`CRSError` with a sentence naming the local UTM zone when it
    is unknown, geographic, Web Mercator, not in metres, or distorts lengths
    by more than :data:`MAX_SCALE_ERROR` at the centre of ``bbox_lonlat``.
    """
    crs = _parse(text, bbox_lonlat)
    if crs.is_geographic:
        raise CRSError(
            _(
                "The CRS '{crs}' ({name}) measures in degrees, so distances and areas would be "
                "meaningless. {advice}"
            ).format(crs=text, name=crs.name, advice=_advice(bbox_lonlat))
        )
    if not crs.is_projected:
        raise CRSError(
            _("The CRS '{crs}' ({name}) is not a map projection. {advice}").format(
                crs=text, name=crs.name, advice=_advice(bbox_lonlat)
            )
        )
    if _is_web_mercator(crs):
        raise CRSError(
            _(
                "The CRS '{crs}' is Web Mercator, made for web map tiles: it stretches lengths by "
                "1/cos(latitude), so 500 m would not be 500 m. {advice}"
            ).format(crs=text, advice=_advice(bbox_lonlat))
        )
    units = {(axis.unit_name or "").lower() for axis in crs.axis_info}
    if not units <= {"metre", "meter"}:
        raise CRSError(
            _(
                "The CRS '{crs}' ({name}) measures in {units}, but twin_app measures in metres. {advice}"
            ).format(crs=text, name=crs.name, units=", ".join(sorted(units)), advice=_advice(bbox_lonlat))
        )
    from pyproj import Proj

    w, s, e, n = bbox_lonlat
    factors = Proj(crs).get_factors((w + e) / 2, (s + n) / 2)
    errors = [abs(factors.meridional_scale - 1), abs(factors.parallel_scale - 1)]
    error = float("nan") if any(math.isnan(v) for v in errors) else max(errors)
    if not error <= MAX_SCALE_ERROR:  # NaN (outside the projection's domain) is refused too
        raise CRSError(
            _(
                "The CRS '{crs}' ({name}) distorts lengths by {error} at this city, so distances and areas "
                "measured in it would be wrong. {advice}"
            ).format(
                crs=text,
                name=crs.name,
                error=format_percent(error, 1) if math.isfinite(error) else "?",
                advice=_advice(bbox_lonlat),
            )
        )
    authority = crs.to_authority(min_confidence=100)
    return f"{authority[0]}:{authority[1]}" if authority else text.strip()
