"""Readings of modelled sensor stations over one day: a simulated feed, plainly labelled so.

``sensor-sim:PATH/TO/stations.csv`` with the options of :mod:`sim_time`
(``date`` required, ``interval_s`` default 60, ``timezone`` the zone whose
clock the model reads, default UTC), and ``quantity`` to take only the
stations of one quantity from a file that lists several.  It lets a city without a sensor
network (or a twin opened with no network) show readings that change over
the day, coloured and alerting like real ones, while saying everywhere that
they are simulated.

Each row of the station file is one station: ``id, name, lon, lat,
quantity, unit`` and the parameters of one deterministic formula, at ``h``
hours after the start of the service day (0 ≤ h < 24, wrapping)::

    value = base
          + amplitude · cos(2π (h − peak_hour) / 24)        diurnal cycle
          + heat_gain · heat_index                           the spot's heat exposure
          + am_peak · exp(−½ ((h − 8.0) / 1.0)²)             morning traffic
          + pm_peak · exp(−½ ((h − 16.5) / 1.5)²)            evening traffic

Any parameter may be left empty (0).  A temperature station sets ``base``,
``amplitude``, ``peak_hour`` and its ``heat_index`` and ``heat_gain``; an
NO₂ station sets ``base``, ``am_peak`` and ``pm_peak``.  Readings are
rounded to 0.01.  Nothing is random: the same time gives the same reading.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from twin_app.core.errors import FeedError, MissingFileError
from twin_app.core.i18n import _
from twin_app.core.live.observation import Observation, ObservationKind
from twin_app.core.live.sim_time import SimOptions, TickedSource, service_base, system_now, zone

SCHEME = "sensor-sim"
DEFAULT_INTERVAL_S = 60.0
#: the traffic peaks of the formula: (hour, width in hours)
MORNING_PEAK = (8.0, 1.0)
EVENING_PEAK = (16.5, 1.5)
#: a station file larger than this is not a station file
MAX_BYTES = 1 << 20

REQUIRED = ("id", "name", "lon", "lat", "quantity", "unit")
PARAMETERS = ("base", "amplitude", "peak_hour", "heat_index", "heat_gain", "am_peak", "pm_peak")


@dataclass(frozen=True)
class Station:
    """One modelled station and its formula's parameters (see the module's docstring)."""

    id: str
    name: str
    lon: float
    lat: float
    quantity: str
    unit: str
    base: float = 0.0
    amplitude: float = 0.0
    peak_hour: float = 0.0
    heat_index: float = 0.0
    heat_gain: float = 0.0
    am_peak: float = 0.0
    pm_peak: float = 0.0

    def reading(self, hour: float) -> float:
        """The formula at ``hour`` hours after the start of the day."""
        h = hour % 24.0
        value = (
            self.base
            + self.amplitude * math.cos(2 * math.pi * (h - self.peak_hour) / 24.0)
            + self.heat_gain * self.heat_index
            + self.am_peak * _bump(h, *MORNING_PEAK)
            + self.pm_peak * _bump(h, *EVENING_PEAK)
        )
        return round(value, 2)


def _bump(h: float, centre: float, width: float) -> float:
    return math.exp(-0.5 * ((h - centre) / width) ** 2)


def read_stations(path: Path) -> list[Station]:
    """The stations of a CSV file; a bad row is a sentence naming its line and column."""
    if not path.is_file():
        raise MissingFileError(path, what="sensor station file")
    if path.stat().st_size > MAX_BYTES:
        raise FeedError(
            _("'{path}' is larger than 1 MiB, far more than a station file needs; check the file.").format(
                path=path
            )
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise FeedError(
            _("'{path}' is not UTF-8 text; save the station file as UTF-8 CSV.").format(path=path)
        ) from None
    rows = list(csv.DictReader(line for line in text.splitlines() if not line.lstrip().startswith("#")))
    if not rows:
        raise FeedError(
            _("The station file '{path}' lists no stations; add one row per station.").format(path=path)
        )
    missing = [c for c in REQUIRED if c not in rows[0]]
    if missing:
        raise FeedError(
            _(
                "The station file '{path}' has no {missing} column(s); its header must name "
                "{required} and any of {parameters}."
            ).format(
                path=path,
                missing=", ".join(missing),
                required=", ".join(REQUIRED),
                parameters=", ".join(PARAMETERS),
            )
        )
    stations: list[Station] = []
    seen: set[str] = set()
    for number, row in enumerate(rows, start=2):
        values: dict[str, Any] = {}
        for key in ("lon", "lat", *PARAMETERS):
            raw = (row.get(key) or "").strip()
            if key in ("lon", "lat") or raw:
                try:
                    values[key] = float(raw)
                except ValueError:
                    values[key] = math.nan
                if not math.isfinite(values[key]):
                    raise FeedError(
                        _(
                            "The station file '{path}', station on row {row}: {column} must be a number, "
                            "not '{value}'."
                        ).format(path=path, row=number, column=key, value=raw)
                    )
        if not (-180 <= values["lon"] <= 180 and -90 <= values["lat"] <= 90):
            raise FeedError(
                _("The station file '{path}', row {row}: lon/lat are not a place on Earth.").format(
                    path=path, row=number
                )
            )
        ident = (row.get("id") or "").strip()
        if not ident or ident in seen:
            raise FeedError(
                _("The station file '{path}', row {row}: every station needs an id of its own.").format(
                    path=path, row=number
                )
            )
        seen.add(ident)
        stations.append(
            Station(
                id=ident,
                name=(row.get("name") or ident).strip(),
                quantity=(row.get("quantity") or "").strip(),
                unit=(row.get("unit") or "").strip(),
                **values,
            )
        )
    return stations


class SimulatedSensors(TickedSource):
    """Stations whose readings follow the documented formula, as a feed of simulated readings."""

    def __init__(
        self,
        path: Path | str,
        options: Mapping[str, Any] | None = None,
        *,
        name: str | None = None,
        now: Callable[[], dt.datetime] = system_now,
    ) -> None:
        options = dict(options or {})
        self.path = Path(path)
        self.name = name or options.get("name") or f"sensor-sim:{self.path.stem}"
        self.sim = SimOptions.read(options, feed=self.name, interval_s=DEFAULT_INTERVAL_S)
        self.stations = read_stations(self.path)
        wanted = options.get("quantity")
        if wanted:
            self.stations = [s for s in self.stations if s.quantity == wanted]
            if not self.stations:
                raise FeedError(
                    _(
                        "The station file '{path}' has no station of quantity '{quantity}'; give one of: "
                        "{quantities}."
                    ).format(
                        path=self.path,
                        quantity=wanted,
                        quantities=", ".join(sorted({s.quantity for s in read_stations(self.path)})),
                    )
                )
        self.tz = zone(options.get("timezone") or "UTC", what=_("the option timezone"))
        self.base = service_base(self.sim.date, self.tz)
        self.start_s = self.sim.start_seconds(self.tz, now)
        # the formula repeats daily: by default a whole day from the start, whenever it is
        self.end_s = self.sim.end_s if self.sim.end_s is not None else self.start_s + 24 * 3600.0
        self._init_run()

    def observations_at(self, t_s: float) -> list[Observation]:
        when = self.time_of(t_s)
        hour = t_s / 3600.0
        return [
            Observation(
                source=self.name,
                entity=s.id,
                time=when,
                kind=ObservationKind.SENSOR,
                value=s.reading(hour),
                unit=s.unit or None,
                lon=s.lon,
                lat=s.lat,
                extra={"name": s.name, "quantity": s.quantity, "simulated": True},
            )
            for s in self.stations
        ]


__all__ = ["EVENING_PEAK", "MORNING_PEAK", "SCHEME", "SimulatedSensors", "Station", "read_stations"]
