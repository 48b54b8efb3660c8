"""Feedback pins: what residents say, where they point, in which scenario.

A pin is a point in the city's CRS with a category (an idea, a problem,
something they like), a short comment, an optional name and the scenario it
was dropped in (None: the city as it is).  The project file stores each pin
in its own committed transaction the moment it is dropped
(:meth:`twin_app.core.project.Project.add_pin`): a crash never loses one.

Exports are files the facilitator takes away: GeoPackage and GeoJSON (points
in EPSG:4326, as RFC 7946 requires for GeoJSON and any GIS reads) and CSV
(lon/lat and the city CRS's x/y columns).  Names are personal data: the
export can leave them out (``names=False``), and then the column is not
there at all rather than blank, so nobody mistakes it for unfilled.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from twin_app.core.errors import TwinError
from twin_app.core.i18n import _

if TYPE_CHECKING:
    import geopandas as gpd

#: a comment is a few sentences said in a workshop, not an essay
MAX_COMMENT_CHARS = 2000
MAX_NAME_CHARS = 200
EXPORT_SUFFIXES = (".gpkg", ".geojson", ".csv")


class PinCategory(StrEnum):
    IDEA = "idea"
    PROBLEM = "problem"
    LIKE = "like"


@dataclass(frozen=True)
class Pin:
    """One resident's feedback at one place (x, y in the city's CRS; lon/lat for other tools)."""

    id: int
    category: PinCategory
    comment: str
    x: float
    y: float
    lon: float
    lat: float
    scenario: str | None = None
    name: str | None = None
    created: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "category": self.category.value,
            "comment": self.comment,
            "x": self.x,
            "y": self.y,
            "lon": self.lon,
            "lat": self.lat,
            "scenario": self.scenario,
            "name": self.name,
            "created": self.created,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Pin:
        return cls(
            id=int(raw["id"]),
            category=PinCategory(raw["category"]),
            comment=str(raw["comment"]),
            x=float(raw["x"]),
            y=float(raw["y"]),
            lon=float(raw["lon"]),
            lat=float(raw["lat"]),
            scenario=raw.get("scenario"),
            name=raw.get("name"),
            created=str(raw.get("created", "")),
        )


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def check_category(category: str | PinCategory) -> PinCategory:
    try:
        return PinCategory(str(category).strip().lower())
    except ValueError:
        raise TwinError(
            _("'{category}' is not a kind of feedback; choose one of: {kinds}.").format(
                category=category, kinds=", ".join(c.value for c in PinCategory)
            )
        ) from None


def check_text(comment: str, name: str | None) -> tuple[str, str | None]:
    """The comment and name as stored (trimmed; an empty name is no name), or a sentence."""
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT_CHARS:
        raise TwinError(
            _(
                "The comment is {length} characters long; keep it under {most} "
                "(split a long one into several pins)."
            ).format(length=len(comment), most=MAX_COMMENT_CHARS)
        )
    cleaned = (name or "").strip() or None
    if cleaned is not None and len(cleaned) > MAX_NAME_CHARS:
        raise TwinError(
            _("The name is longer than {most} characters; shorten it.").format(most=MAX_NAME_CHARS)
        )
    return comment, cleaned


def check_position(x: float, y: float) -> tuple[float, float]:
    if not all(isinstance(v, int | float) and math.isfinite(v) for v in (x, y)):
        raise TwinError(
            _("A pin needs a position given as two finite numbers, not {x}, {y}.").format(
                x=repr(x), y=repr(y)
            )
        )
    return float(x), float(y)


def select(
    pins: Iterable[Pin],
    *,
    category: str | PinCategory | None = None,
    scenario: str | None = None,
    baseline: bool = False,
) -> list[Pin]:
    """Pins of a category and/or a scenario (``baseline=True``: those dropped on the city as it is)."""
    wanted = check_category(category) if category is not None else None
    out = []
    for pin in pins:
        if wanted is not None and pin.category != wanted:
            continue
        if baseline and pin.scenario is not None:
            continue
        if scenario is not None and pin.scenario != scenario:
            continue
        out.append(pin)
    return out


def pins_frame(pins: Sequence[Pin], *, names: bool = True) -> gpd.GeoDataFrame:
    """The pins as a GeoDataFrame of points in EPSG:4326 (``names=False``: no name column at all)."""
    import geopandas as gpd
    import shapely

    data: dict[str, list[Any]] = {
        "pin_id": [p.id for p in pins],
        "category": [p.category.value for p in pins],
        "comment": [p.comment for p in pins],
        "scenario": [p.scenario or "" for p in pins],
        "created": [p.created for p in pins],
        "lon": [p.lon for p in pins],
        "lat": [p.lat for p in pins],
        "x": [p.x for p in pins],
        "y": [p.y for p in pins],
    }
    if names:
        data["name"] = [p.name or "" for p in pins]
    points = shapely.points([p.lon for p in pins], [p.lat for p in pins]) if pins else []
    return gpd.GeoDataFrame(data, geometry=list(points), crs="EPSG:4326")


def export_pins(pins: Sequence[Pin], out: Path | str, *, names: bool = True) -> Path:
    """Write ``pins`` to a GeoPackage, GeoJSON or CSV file chosen by ``out``'s suffix; atomic."""
    import os

    from twin_app.core.outputs import check_output_file, fsync_file, fsync_folder

    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise TwinError(
            _(
                "Pins can be exported to {formats} files, not '{name}'; "
                "give a file name ending in one of those."
            ).format(formats=", ".join(EXPORT_SUFFIXES), name=out.name)
        )
    check_output_file(out, example=f"pins{suffix}")
    frame = pins_frame(pins, names=names)
    temp = out.with_name(f".{out.name}.writing-{os.getpid()}{suffix}")
    if temp.exists():
        temp.unlink()
    try:
        if suffix == ".csv":
            frame.drop(columns=frame.geometry.name).to_csv(temp, index=False, encoding="utf-8")
        else:
            driver = "GPKG" if suffix == ".gpkg" else "GeoJSON"
            frame.to_file(temp, driver=driver, layer="pins" if suffix == ".gpkg" else None, engine="pyogrio")
        fsync_file(temp)
        os.replace(temp, out)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_folder(out.parent)
    return out


__all__ = ["Pin", "PinCategory", "export_pins", "pins_frame", "select"]
