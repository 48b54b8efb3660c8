"""The public API for layer-kind and analysis authors.

Everything a plugin may rely on is re-exported here; the built-in kinds in
``twin_layers`` and analyses in ``twin_plugins`` import nothing else from
twin_app (an import-linter contract checks it), which keeps this surface
honest and sufficient.
"""

from typing import TYPE_CHECKING, Any

from twin_app.core.analysis import AnalysisContext, AnalysisOutput, AnalysisResult, Change, Indicator
from twin_app.core.errors import (
    AnalysisStartError,
    CancelledError,
    CityNotFoundError,
    CorruptFileError,
    CRSError,
    DistrictsError,
    EmptyLayerError,
    ExportSizeError,
    FeedError,
    MalformedMessageError,
    ManifestError,
    MissingFileError,
    MissingLayerError,
    NoOpenGLError,
    ParameterError,
    PluginError,
    ProjectCityError,
    ProjectError,
    RasterGridError,
    RemoteSourceError,
    ResourceLimitError,
    ResultError,
    ScenarioError,
    TableError,
    TwinError,
    UnexpectedContentError,
    UnreadableContentError,
    UnreadableFileError,
    UnsupportedFormatError,
)
from twin_app.core.feedback import Feedback
from twin_app.core.heights import (
    HeightEstimate,
    default_height_text,
    describe_height,
    estimate_heights,
    height_rule_label,
)
from twin_app.core.i18n import N_, _, format_number, format_percent, ngettext
from twin_app.core.kinds import BuildingRules, LayerKind, LoadContext
from twin_app.core.layers import (
    CLIPPED_COLUMN,
    DISTRICT_COLUMN,
    FEATURE_ID_COLUMN,
    HEIGHT_COLUMN,
    HEIGHT_FROM_COLUMN,
    STOP_ID_COLUMN,
    STOP_MODES_COLUMN,
    STOP_NAME_COLUMN,
    BuildingsLayer,
    DistrictsLayer,
    HeightFrom,
    Layer,
    LineLayer,
    NetworkLayer,
    PointLayer,
    PolygonLayer,
    PopulationLayer,
    RasterLayer,
    StopsLayer,
    VectorLayer,
)
from twin_app.core.live.observation import Observation, ObservationKind, SourceState, SourceStatus
from twin_app.core.params import TimeWindow
from twin_app.core.quantities import Quantity
from twin_app.core.safe_read import check_read_size, forbid_gdal_network, max_read_bytes, refuse_remote
from twin_app.core.timetable import Timetable, active_services, departures_per_hour, gtfs_seconds, mode_name
from twin_app.core.vector import city_box, csv_dialect, prepare_frame, record_sample

if TYPE_CHECKING:
    from twin_app.core import incremental, network, population, zonal

#: engines imported on first use: a layer kind importing this module must not pay
#: for scipy's graph and raster code at start-up
_LAZY_MODULES = {"network", "population", "zonal", "incremental"}


def __getattr__(name: str) -> Any:
    if name in _LAZY_MODULES:
        import importlib

        module = importlib.import_module(f"twin_app.core.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'twin_app.api' has no attribute '{name}'")


__all__ = [
    "CLIPPED_COLUMN",
    "DISTRICT_COLUMN",
    "FEATURE_ID_COLUMN",
    "HEIGHT_COLUMN",
    "HEIGHT_FROM_COLUMN",
    "N_",
    "STOP_ID_COLUMN",
    "STOP_MODES_COLUMN",
    "STOP_NAME_COLUMN",
    "AnalysisContext",
    "AnalysisOutput",
    "AnalysisResult",
    "AnalysisStartError",
    "BuildingRules",
    "BuildingsLayer",
    "CRSError",
    "CancelledError",
    "Change",
    "CityNotFoundError",
    "CorruptFileError",
    "DistrictsError",
    "DistrictsLayer",
    "EmptyLayerError",
    "ExportSizeError",
    "FeedError",
    "Feedback",
    "HeightEstimate",
    "HeightFrom",
    "Indicator",
    "Layer",
    "LayerKind",
    "LineLayer",
    "LoadContext",
    "MalformedMessageError",
    "ManifestError",
    "MissingFileError",
    "MissingLayerError",
    "NetworkLayer",
    "NoOpenGLError",
    "Observation",
    "ObservationKind",
    "ParameterError",
    "PluginError",
    "PointLayer",
    "PolygonLayer",
    "PopulationLayer",
    "ProjectCityError",
    "ProjectError",
    "Quantity",
    "RasterGridError",
    "RasterLayer",
    "RemoteSourceError",
    "ResourceLimitError",
    "ResultError",
    "ScenarioError",
    "SourceState",
    "SourceStatus",
    "StopsLayer",
    "TableError",
    "TimeWindow",
    "Timetable",
    "TwinError",
    "UnexpectedContentError",
    "UnreadableContentError",
    "UnreadableFileError",
    "UnsupportedFormatError",
    "VectorLayer",
    "_",
    "active_services",
    "check_read_size",
    "city_box",
    "csv_dialect",
    "default_height_text",
    "departures_per_hour",
    "describe_height",
    "estimate_heights",
    "forbid_gdal_network",
    "format_number",
    "format_percent",
    "gtfs_seconds",
    "height_rule_label",
    "incremental",
    "max_read_bytes",
    "mode_name",
    "network",
    "ngettext",
    "population",
    "prepare_frame",
    "record_sample",
    "refuse_remote",
    "zonal",
]
