"""The air-quality layer kind: one point per station, coloured by one reading of a pollutant."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from twin_app.api import EmptyLayerError, LoadContext, PointLayer, prepare_frame
from twin_example_live.aq_csv import UNITS, Reading, looks_like_aq, parse_row, rows


@dataclass(frozen=True)
class AirQualityKind:
    name: str = "air-quality"
    title: str = "Air-quality stations (CSV)"
    suffixes: tuple[str, ...] = (".aq.csv", ".csv")

    def can_read(self, path: Path) -> bool:
        return looks_like_aq(Path(path))

    def load(self, source: Path, options: Mapping[str, Any], ctx: LoadContext) -> PointLayer:
        import geopandas as gpd
        import shapely

        pollutant = str(options.get("pollutant", "pm25"))
        reading = str(options.get("reading", "latest"))
        by_station: dict[str, list[Reading]] = {}
        skipped = 0
        for number, row in rows(Path(source)):
            try:
                r = parse_row(number, row)
            except ValueError:
                skipped += 1
                continue
            if pollutant in r.values:
                by_station.setdefault(r.station, []).append(r)
        if not by_station:
            raise EmptyLayerError(source, layer=ctx.title or ctx.layer_id)
        records: list[dict[str, Any]] = []
        points = []
        for station, readings in sorted(by_station.items()):
            readings.sort(key=lambda r: r.time)
            values = [r.values[pollutant] for r in readings]
            shown = {"latest": values[-1], "mean": sum(values) / len(values), "max": max(values)}[reading]
            last = readings[-1]
            records.append(
                {
                    "station": station,
                    pollutant: shown,
                    "readings": len(readings),
                    "time": last.time.isoformat(),
                }
            )
            points.append(shapely.Point(last.lon, last.lat))
        frame = gpd.GeoDataFrame(records, geometry=points, crs="EPSG:4326")
        frame, notes = prepare_frame(frame, ctx, source=Path(source))
        if len(frame) == 0:
            raise EmptyLayerError(source, layer=ctx.title or ctx.layer_id)
        if skipped:
            notes.append(f"{skipped} row(s) that are not readings were skipped.")
        layer = PointLayer(
            id=ctx.layer_id,
            title=ctx.title or Path(source).name,
            crs=ctx.crs,
            source=Path(source),
            frame=frame,
            value_column=pollutant,
            units=UNITS,
            notes=notes,
        )
        return layer


AIR_QUALITY = AirQualityKind()
