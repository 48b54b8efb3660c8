"""Reading an air-quality station CSV: shared by the layer kind and the feed source.

The format (one reading per row)::

    station,lon,lat,time,pm25,no2
    Kallio,24.9500,60.1840,2026-06-01T12:00:00Z,8.5,21.0

``lon``/``lat`` are WGS 84 degrees, ``time`` is ISO 8601 with a time zone,
and the pollutant columns (any of pm25, pm10, no2, o3) are micrograms per
cubic metre; an empty cell means "not measured".
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REQUIRED = ("station", "lon", "lat", "time")
POLLUTANTS = ("pm25", "pm10", "no2", "o3")
UNITS = "µg/m³"


def header_of(path: Path) -> list[str] | None:
    """The CSV's column names, lower-case; None when the first line is not text."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            line = f.readline(4096)
    except (OSError, UnicodeDecodeError):
        return None
    return [c.strip().lower() for c in line.strip().split(",")]


def looks_like_aq(path: Path) -> bool:
    """The content check: the header names a station, a position, a time and at least one pollutant."""
    header = header_of(path)
    return header is not None and all(c in header for c in REQUIRED) and any(p in header for p in POLLUTANTS)


@dataclass(frozen=True)
class Reading:
    line: int
    station: str
    lon: float
    lat: float
    time: dt.datetime
    values: dict[str, float]


def parse_row(line: int, row: dict[str, str | None]) -> Reading:
    """One row as a reading; ValueError with the reason when it cannot be one."""
    station = (row.get("station") or "").strip()
    if not station:
        raise ValueError("no station")
    lon, lat = float(row.get("lon") or "nan"), float(row.get("lat") or "nan")
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValueError(f"position ({lon}, {lat}) is not in degrees")
    text = (row.get("time") or "").strip().replace("Z", "+00:00")
    time = dt.datetime.fromisoformat(text)
    if time.tzinfo is None:
        raise ValueError(f"time {text!r} has no time zone")
    values: dict[str, float] = {}
    for p in POLLUTANTS:
        cell = (row.get(p) or "").strip()
        if cell:
            value = float(cell)
            if not math.isfinite(value):
                raise ValueError(f"{p} {cell!r} is not a number")
            values[p] = value
    return Reading(line, station, lon, lat, time.astimezone(dt.UTC), values)


def rows(path: Path) -> Iterator[tuple[int, dict[str, str | None]]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        reader.fieldnames = [c.strip().lower() for c in reader.fieldnames or []]
        for number, row in enumerate(reader, start=2):
            yield number, {k: v for k, v in row.items() if k is not None}
