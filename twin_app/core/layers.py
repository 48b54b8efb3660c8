"""The generic layer types every layer kind produces and every view draws.

A layer *kind* (OSM, GeoPackage, GTFS, CityJSON, ...) turns a source into one
of these few *types*; the scene has one adapter per type.  A new source only
has to produce, say, a :class:`BuildingsLayer` to be drawn, picked and
analysed like the built-in ones.

All vector layers hold a GeoDataFrame in the city's metric CRS; rasters hold
a float32 array (NaN = no data) with its affine transform.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import geopandas as gpd
    import numpy as np

    from twin_app.core.live.frames import Frame, Threshold
    from twin_app.core.timetable import Timetable


class HeightFrom(StrEnum):
    """Which rule gave a building its height (its provenance), in the order they apply.

    The rules are described in :mod:`twin_app.core.heights`.
    """

    HEIGHT_TAG = "height_tag"
    LEVELS = "levels"
    #: median storeys of tagged buildings of the same type in the same file
    LEVELS_MEDIAN = "levels_median"
    #: the typical height of the building's type (building-type table)
    TYPE_DEFAULT = "type_default"
    #: the city's default height, else the table's generic storeys
    DEFAULT = "default"
    #: an estimate lowered because the footprint is small
    FOOTPRINT = "footprint"


HEIGHT_COLUMN = "height_m"
HEIGHT_FROM_COLUMN = "height_from"
FEATURE_ID_COLUMN = "feature_id"
#: a districts layer's normalised name column (unique strings)
DISTRICT_COLUMN = "district"
#: a districts layer's bool column: True where the city's extent cuts the district
CLIPPED_COLUMN = "clipped"


@dataclass(eq=False)
class Layer:
    """What every layer has: identity, CRS, where it came from, how to show it."""

    id: str
    title: str
    crs: str
    source: Path | None = None
    style: str = ""
    visible: bool = True
    opacity: float = 1.0
    notes: list[str] = field(default_factory=list)
    #: whom the data must be credited to (from the manifest, or read from the file itself)
    attribution: str | None = None
    #: bumped by the model on every edit of the layer's data, so views and stored results
    #: can tell "changed since" with one comparison (see ``CityModel.update_values``)
    revision: int = 0
    #: the title in other languages, by language code (``titles`` in city.toml); see display_title
    titles: dict[str, str] = field(default_factory=dict)

    def display_title(self) -> str:
        """The title a person sees, in the current language (:mod:`twin_app.core.titles`)."""
        from twin_app.core.titles import shown_title

        return shown_title(self.title, self.titles)

    @property
    def feature_count(self) -> int:
        raise NotImplementedError

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        raise NotImplementedError

    def describe(self) -> dict[str, Any]:
        """A JSON-friendly summary (used by ``twin-app info``)."""
        return {
            "type": type(self).__name__.removesuffix("Layer").lower(),
            "title": self.title,
            "count": self.feature_count,
            "crs": self.crs,
            "bbox": [round(v, 3) for v in self.bounds],
            "source": str(self.source) if self.source else None,
            "notes": list(self.notes),
        }


@dataclass(eq=False)
class VectorLayer(Layer):
    """Features with attributes; ``value_column`` names the default colouring."""

    frame: gpd.GeoDataFrame = None  # type: ignore[assignment]
    value_column: str | None = None
    units: str | None = None
    #: the column ``units`` describe; colouring by another column shows no units
    default_column: str | None = None
    #: which quantity a column measures (``twin_app.core.quantities.Quantity`` values: "heat",
    #: "distance", "share", ...), where its name and units cannot say; it picks the palette
    quantities: dict[str, str] = field(default_factory=dict)
    #: the id of a city layer whose features this layer re-colours: a result that gives each
    #: building a value is drawn as the active colouring of the buildings, not as a second mesh
    restyles: str | None = None
    #: the column that matches this layer's rows to ``restyles``' rows; None: the frames' index
    #: labels (a result made from ``base.frame.copy()`` keeps them)
    join_on: str | None = None
    #: a column's declared value range (lo, hi): a time series shown one moment at a time declares
    #: the range of all its moments, so a colour means the same value at every moment of a replay
    value_ranges: dict[str, tuple[float, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.default_column is None:
            self.default_column = self.value_column

    @property
    def feature_count(self) -> int:
        return len(self.frame)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        b = self.frame.total_bounds
        return (float(b[0]), float(b[1]), float(b[2]), float(b[3]))

    def numeric_columns(self) -> list[str]:
        """Columns a user may colour by."""
        return [
            str(c)
            for c in self.frame.columns
            if c != self.frame.geometry.name and c != FEATURE_ID_COLUMN and self.frame[c].dtype.kind in "iuf"
        ]


@dataclass(eq=False)
class BuildingsLayer(VectorLayer):
    """Footprint polygons with ``height_m`` and ``height_from`` (:class:`HeightFrom`)."""

    def height_from_counts(self) -> dict[str, int]:
        counts = self.frame[HEIGHT_FROM_COLUMN].value_counts()
        return {rule.value: int(counts.get(rule.value, 0)) for rule in HeightFrom}

    def describe(self) -> dict[str, Any]:
        out = super().describe()
        out["height_from"] = self.height_from_counts()
        return out


@dataclass(eq=False)
class PolygonLayer(VectorLayer):
    """Flat areas: parks, water, land use, population cells, districts."""


@dataclass(eq=False)
class DistrictsLayer(PolygonLayer):
    """The city's districts: one row per district, named in ``district`` (unique strings).

    Every reader of district names (analyses, parameters, ``info``, the
    view) reads :data:`DISTRICT_COLUMN`, whatever column the source file used;
    :data:`CLIPPED_COLUMN` says which districts the city's extent cuts, so a
    figure for such a district is known to cover only part of it.
    ``outside_km2`` is the land of the extent that lies in no district: it is
    reported, never silently given to a neighbour.
    """

    outside_km2: float = 0.0

    def names(self) -> list[str]:
        return [str(v) for v in self.frame[DISTRICT_COLUMN]]

    def describe(self) -> dict[str, Any]:
        out = super().describe()
        out["districts"] = self.names()
        out["clipped"] = [
            str(n) for n, c in zip(self.frame[DISTRICT_COLUMN], self.frame[CLIPPED_COLUMN], strict=True) if c
        ]
        out["outside_km2"] = round(self.outside_km2, 4)
        return out


@dataclass(eq=False)
class LineLayer(VectorLayer):
    """Lines: routes; street networks are :class:`NetworkLayer`."""


@dataclass(eq=False)
class NetworkLayer(LineLayer):
    """A street network: edges as lines (``u``, ``v``, ``length``) plus node points.

    An optional bool edge column ``at_grade`` marks the edges a point beside
    them can step onto; False ones (tunnels, indoor corridors) are walked
    through but never snapped to.  Without the column every edge is at grade.
    """

    nodes: gpd.GeoDataFrame = None  # type: ignore[assignment]
    network_type: str = "walk"

    def describe(self) -> dict[str, Any]:
        out = super().describe()
        out["nodes"] = len(self.nodes)
        out["edges"] = len(self.frame)
        out["network_type"] = self.network_type
        return out


@dataclass(eq=False)
class PointLayer(VectorLayer):
    """Points: transit stops, sensors."""


#: the columns every stops layer has
STOP_ID_COLUMN = "stop_id"
STOP_NAME_COLUMN = "name"
#: comma-separated mode names ("bus", "tram", "rail", "metro", "ferry", ...; see ``timetable.mode_name``)
STOP_MODES_COLUMN = "modes"


@dataclass(eq=False)
class StopsLayer(PointLayer):
    """Public transport stops: ``stop_id``, ``name`` and ``modes`` (comma-separated mode names).

    ``stops_source`` says in words where the stops came from ("GTFS feed
    x.zip", "OpenStreetMap tags"), because an analysis must tell a planner
    whether it counted a timetable's stops or mapped ones.  ``timetable`` is
    there when the source has one; only then can stops be filtered by how
    often they are served.
    """

    stops_source: str = ""
    timetable: Timetable | None = None

    def describe(self) -> dict[str, Any]:
        out = super().describe()
        out["stops_source"] = self.stops_source
        out["timetable"] = self.timetable.describe() if self.timetable is not None else None
        return out


@dataclass(eq=False)
class RasterLayer(Layer):
    """A single-band raster on a regular grid, NaN where there is no data."""

    data: np.ndarray = None  # type: ignore[assignment]
    transform: tuple[float, float, float, float, float, float] = (1.0, 0.0, 0.0, 0.0, -1.0, 0.0)
    units: str | None = None
    label: str = ""
    #: the quantity the values measure ("heat", ...); None: inferred from ``label`` and ``units``
    quantity: str | None = None

    @property
    def feature_count(self) -> int:
        import numpy as np

        return int(np.count_nonzero(~np.isnan(self.data)))

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        a, _b, c, _d, e, f = self.transform
        rows, cols = self.data.shape
        xs = (c, c + a * cols)
        ys = (f, f + e * rows)
        return (min(xs), min(ys), max(xs), max(ys))

    @property
    def units_label(self) -> str:
        """Units for legends: a raster that states none is an 'index'."""
        return self.units or "index"

    def describe(self) -> dict[str, Any]:
        out = super().describe()
        out["shape"] = list(self.data.shape)
        out["units"] = self.units_label
        out["label"] = self.label
        return out


@dataclass(eq=False)
class PopulationLayer(PolygonLayer):
    """A population grid: polygons (usually square cells) whose ``value_column`` is a head count.

    Its own type so that analyses ask for "a population grid" and can never
    be handed the districts, parks or any other polygons instead.  Further
    count columns (age groups) may sit beside the head count; every analysis
    places the people with :mod:`twin_app.core.population`.
    """

    units: str | None = "people"

    @property
    def count_column(self) -> str:
        """The head-count column (``value_column``, else ``population``)."""
        column = self.default_column or self.value_column or "population"
        return column if column in self.frame else "population"


@dataclass(eq=False)
class LiveLayer(Layer):
    """One feed's vehicles or sensors as they are at the clock's time, redrawn in place.

    The layer holds no history: the store does.  Playback writes the current
    ``frame`` through ``CityModel.update_live`` as the clock moves; the scene
    moves markers and recolours columns without rebuilding anything.
    ``feed`` is the name the feed's observations are stored under.
    ``simulated`` is the plain statement shown wherever the layer appears
    when its data are simulated (what is simulated, and from what).
    """

    feed: str = ""
    #: "vehicle" or "sensor" (``twin_app.core.live.observation.ObservationKind`` values)
    observation_kind: str = "vehicle"
    frame: Frame | None = None
    #: what a sensor reading measures ("heat", "value", ...): it picks the palette
    quantity: str | None = None
    units: str | None = None
    threshold: Threshold | None = None
    simulated: str | None = None
    #: the ``simulated`` statement in other languages, by language code
    simulated_texts: dict[str, str] = field(default_factory=dict)

    def display_simulated(self) -> str | None:
        """The statement of what is simulated, in the current language (chosen as a title is)."""
        from twin_app.core.titles import shown_title

        return shown_title(self.simulated, self.simulated_texts) if self.simulated else None

    @property
    def feature_count(self) -> int:
        return self.frame.count if self.frame is not None else 0

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        if self.frame is None or self.frame.count == 0:
            return (0.0, 0.0, 0.0, 0.0)
        xy = self.frame.xy
        return (float(xy[:, 0].min()), float(xy[:, 1].min()), float(xy[:, 0].max()), float(xy[:, 1].max()))

    def describe(self) -> dict[str, Any]:
        out = super().describe()
        out["feed"] = self.feed
        out["observation_kind"] = self.observation_kind
        out["units"] = self.units
        out["simulated"] = self.simulated
        return out
