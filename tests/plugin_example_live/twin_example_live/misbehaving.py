"""Plugins that misbehave on purpose, so the tests can show each failure stays the plugin's own."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from twin_app.api import LoadContext, Observation, PointLayer, SourceState, SourceStatus

T0 = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)


def _good(name: str, i: int) -> Observation:
    return Observation(
        source=name, entity=f"s{i}", time=T0 + dt.timedelta(seconds=i), value=float(i), unit="x"
    )


class Crashing:
    """Sends ``before`` good readings, then raises."""

    def __init__(self, name: str, before: int) -> None:
        self.name, self.before = name, before
        self.status = SourceStatus(source=name)

    def run(self, sink: Callable[[list[Observation]], None], *, until: float | None = None) -> None:
        self.status.state = SourceState.CONNECTED
        sink([_good(self.name, i) for i in range(self.before)])
        raise RuntimeError("the sensor gateway said 42")

    def stop(self) -> None:
        pass


def open_crashing(url: str, options: Mapping[str, Any]) -> Crashing:
    return Crashing(options["name"], int(options["before"]))


class Sloppy:
    """One batch: 3 good readings and 5 bad ones of different kinds."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.status = SourceStatus(source=name)

    def run(self, sink: Callable[[list[Any]], None], *, until: float | None = None) -> None:
        self.status.state = SourceState.CONNECTED
        nan = _good(self.name, 90)
        object.__setattr__(nan, "value", float("nan"))  # past the constructor's own check
        sink(
            [
                _good(self.name, 1),
                {"id": "s2", "value": 3.0},  # a dict, not an Observation
                _good(self.name, 2),
                nan,
                dataclasses.replace(_good(self.name, 3), time=dt.datetime(1970, 1, 1, tzinfo=dt.UTC)),
                dataclasses.replace(_good(self.name, 4), source="someone-else"),
                dataclasses.replace(_good(self.name, 5), kind="vehicle"),
                _good(self.name, 6),
            ]
        )
        self.status.state = SourceState.STOPPED

    def stop(self) -> None:
        pass


def open_sloppy(url: str, options: Mapping[str, Any]) -> Sloppy:
    return Sloppy(options["name"])


@dataclass(frozen=True)
class CrashingKind:
    name: str = "crashing-kind"
    title: str = "A kind whose load raises"
    suffixes: tuple[str, ...] = (".crash.csv",)

    def load(self, source: Path, options: Mapping[str, Any], ctx: LoadContext) -> PointLayer:
        raise KeyError("station_id")


@dataclass(frozen=True)
class WrongCrsKind:
    """Returns its points in degrees, whatever the city's CRS."""

    name: str = "wrong-crs-kind"
    title: str = "A kind that returns degrees"
    suffixes: tuple[str, ...] = (".degrees.csv",)

    def load(self, source: Path, options: Mapping[str, Any], ctx: LoadContext) -> PointLayer:
        import geopandas as gpd
        import shapely

        frame = gpd.GeoDataFrame({"v": [1.0]}, geometry=[shapely.Point(24.9, 60.2)], crs="EPSG:4326")
        return PointLayer(id=ctx.layer_id, title="x", crs="EPSG:4326", frame=frame)


CRASHING_KIND = CrashingKind()
WRONG_CRS_KIND = WrongCrsKind()
