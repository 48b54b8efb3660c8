"""What a time-varying layer shows at one moment: vehicles where they are, sensors with their readings.

Frames are plain arrays in the city's metric CRS, made by playback from the
store (``twin_app.core.live.playback``) and handed to the model
(``CityModel.update_live``); the scene moves markers and recolours columns
from them in place.  A frame is immutable: a new moment is a new frame.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from twin_app.core.i18n import _, format_number


@dataclass(frozen=True)
class Threshold:
    """When a sensor's reading raises an alert, and the rule the level comes from.

    ``label`` names the rule for the alert message ("EU hourly limit value for
    NO₂"): a planner must see why a station turned red, not only that it did.
    """

    above: float | None = None
    below: float | None = None
    label: str = ""

    def __post_init__(self) -> None:
        if self.above is None and self.below is None:
            raise ValueError("a threshold needs a level to be above or below")

    def exceeded(self, values: np.ndarray) -> np.ndarray:
        """True where a reading is beyond the level (NaN, no reading, never is)."""
        values = np.asarray(values, dtype=float)
        out = np.zeros(values.shape, dtype=bool)
        with np.errstate(invalid="ignore"):
            if self.above is not None:
                out |= values > self.above
            if self.below is not None:
                out |= values < self.below
        return out

    def describe(self) -> str:
        """The rule in words, in the current language: "EU limit (above 200)"."""
        if self.above is not None and self.below is not None:
            # TRANSLATORS: a sensor's alert levels, e.g. "above 30 or below -10"
            level = _("above {above} or below {below}").format(
                above=format_number(self.above), below=format_number(self.below)
            )
        elif self.above is not None:
            # TRANSLATORS: a sensor's alert level, e.g. "above 200"
            level = _("above {level}").format(level=format_number(self.above))
        else:
            # TRANSLATORS: a sensor's alert level, e.g. "below 5"
            level = _("below {level}").format(level=format_number(self.below or 0.0))
        # TRANSLATORS: the name of an alert rule and its level, e.g. "EU hourly limit (above 200)"
        return _("{rule} ({level})").format(rule=self.label, level=level) if self.label else level


def _empty_xy() -> np.ndarray:
    return np.zeros((0, 2), dtype=float)


@dataclass(frozen=True, eq=False)
class VehicleFrame:
    """Each vehicle of one feed at ``time``: position (city CRS, metres) and heading.

    ``heading_deg`` is a compass bearing (0 north, 90 east; NaN when unknown:
    a vehicle standing since its first fix).  ``labels`` are what a marker's
    tooltip says (route and destination), one per vehicle.
    """

    time: dt.datetime
    ids: tuple[str, ...] = ()
    xy: np.ndarray = field(default_factory=_empty_xy)
    heading_deg: np.ndarray = field(default_factory=lambda: np.zeros(0))
    labels: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        n = len(self.ids)
        if self.xy.shape != (n, 2) or self.heading_deg.shape != (n,) or len(self.labels) not in (0, n):
            raise ValueError("a vehicle frame needs one position, heading (and label) per vehicle")

    @property
    def count(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, eq=False)
class SensorFrame:
    """Each sensor of one feed at ``time``: where it stands and its last reading.

    ``values`` is NaN for a sensor with no reading yet or one older than the
    feed's staleness limit (a silent sensor must not look fine); ``alert`` is
    True where the feed's threshold is exceeded.
    """

    time: dt.datetime
    ids: tuple[str, ...] = ()
    xy: np.ndarray = field(default_factory=_empty_xy)
    values: np.ndarray = field(default_factory=lambda: np.zeros(0))
    unit: str | None = None
    alert: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))

    def __post_init__(self) -> None:
        n = len(self.ids)
        if self.xy.shape != (n, 2) or self.values.shape != (n,) or self.alert.shape != (n,):
            raise ValueError("a sensor frame needs one position, value and alert flag per sensor")

    @property
    def count(self) -> int:
        return len(self.ids)

    @property
    def alerts(self) -> tuple[str, ...]:
        return tuple(i for i, a in zip(self.ids, self.alert, strict=True) if a)


Frame = VehicleFrame | SensorFrame

__all__ = ["Frame", "SensorFrame", "Threshold", "VehicleFrame"]
