"""Build a city folder from the user's own files (``twin-app city import``).

The files are copied into a new folder next to a generated ``city.toml``, so
the city is self-contained and can be shared.  The bounding box comes from
the OSM file (through the OSM layer kind's ``extent``), the metric CRS is the
UTM zone of its centre unless the user names one, and optional layers
(GTFS, population, districts, rasters) are simply left out when not given:
such a city still opens.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from twin_app.core.city import MANIFEST_NAME, user_cities_dir
from twin_app.core.errors import MissingFileError, TwinError
from twin_app.core.kinds import KindRegistry, default_registry

OSM_ATTRIBUTION = "© OpenStreetMap contributors (ODbL)"


@dataclass
class CityImport:
    """What the user gave to ``city import``."""

    name: str
    osm: Path
    gtfs: Path | None = None
    population: Path | None = None
    population_column: str = "population"
    districts: Path | None = None
    district_name_column: str = "name"
    rasters: dict[str, Path] = field(default_factory=dict)
    crs: str | None = None
    attribution: list[str] = field(default_factory=list)
    #: the OSM admin_level whose boundaries are the districts (None: chosen from the file)
    district_level: str | None = None


def _safe_name(name: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", name):
        raise TwinError(
            f"'{name}' cannot be used as a city name: use letters, digits, '-', '_' or '.', "
            "starting with a letter or digit."
        )
    return name


def _utm_crs(bbox: tuple[float, float, float, float]) -> str:
    from pyproj.aoi import AreaOfInterest
    from pyproj.database import query_utm_crs_info

    w, s, e, n = bbox
    infos = query_utm_crs_info(datum_name="WGS 84", area_of_interest=AreaOfInterest(w, s, e, n))
    if not infos:
        raise TwinError("No UTM zone covers this OSM file's area; give a metric CRS with --crs EPSG:....")
    return f"EPSG:{infos[0].code}"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def _table(name: str, values: Mapping[str, Any], *, array: bool = False) -> str:
    head = f"[[{name}]]" if array else f"[{name}]"
    return "\n".join([head, *(f"{k} = {_toml_value(v)}" for k, v in values.items())]) + "\n"


def _check_districts(
    request: CityImport, crs: str, bbox: tuple[float, float, float, float], registry: KindRegistry
) -> None:
    """Read the districts file now: a wrong file or name column is a sentence here, not a KeyError later."""
    from twin_app.core.districts import check_name_column
    from twin_app.core.kinds import LoadContext

    assert request.districts is not None
    path = Path(request.districts)
    kind = registry.for_file(path)
    layer = kind.load(
        path, {}, LoadContext(crs=crs, bbox_lonlat=bbox, layer_id="districts", title="Districts")
    )
    check_name_column(layer, request.district_name_column, what=f"'{path}'")


def import_city(
    request: CityImport, dest: Path | None = None, *, registry: KindRegistry | None = None
) -> Path:
    """Create ``dest/NAME`` with copies of the files and a manifest; return it."""
    registry = registry or default_registry()
    name = _safe_name(request.name)
    given = [request.osm, request.gtfs, request.population, request.districts, *request.rasters.values()]
    for path in given:
        if path is not None and not Path(path).is_file():
            raise MissingFileError(path)
    osm_kind = registry.get("osm-network")
    extent = getattr(osm_kind, "extent", None)
    if extent is None:
        raise TwinError("The installed OSM layer kind cannot tell a file's extent; update twin_app.")
    bbox = tuple(float(v) for v in extent(Path(request.osm)))
    crs = request.crs or _utm_crs(bbox)  # type: ignore[arg-type]
    if request.districts is not None:
        _check_districts(request, crs, bbox, registry)  # type: ignore[arg-type]

    folder = (dest or user_cities_dir()) / name
    if folder.exists() and any(folder.iterdir()):
        raise TwinError(
            f"The folder '{folder}' already exists and is not empty; choose another name or --dest."
        )
    folder.mkdir(parents=True, exist_ok=True)

    def copy(path: Path, sub: str) -> str:
        (folder / sub).mkdir(exist_ok=True)
        target = folder / sub / Path(path).name
        shutil.copy2(path, target)
        return f"{sub}/{target.name}"

    osm = copy(request.osm, "osm")
    attribution = [OSM_ATTRIBUTION, *request.attribution]
    layers: list[dict[str, Any]] = []
    if request.districts is not None:
        layers.append(
            {
                "id": "districts",
                "kind": "vector",
                "source": copy(request.districts, "districts"),
                "title": "Districts",
                "style": "districts",
            }
        )
    else:
        osm_districts: dict[str, Any] = {"id": "districts", "kind": "osm-districts", "source": osm}
        osm_districts["title"] = "Districts"
        if request.district_level is not None:
            osm_districts["admin_level"] = str(request.district_level)
        layers.append(osm_districts)
    layers.append(
        {
            "id": "landuse",
            "kind": "osm-features",
            "source": osm,
            "title": "Land use",
            "category": "landuse",
            "visible": False,
            "optional": True,
        }
    )
    layers.append(
        {
            "id": "green",
            "kind": "osm-features",
            "source": osm,
            "title": "Parks and green",
            "category": "green",
            "optional": True,
        }
    )
    layers.append(
        {
            "id": "water",
            "kind": "osm-features",
            "source": osm,
            "title": "Water",
            "category": "water",
            "optional": True,
        }
    )
    for label, path in request.rasters.items():
        layers.append(
            {
                "id": _safe_name(label),
                "kind": "raster",
                "source": copy(path, "rasters"),
                "title": label,
                "label": label,
                "visible": False,
            }
        )
    if request.population is not None:
        layers.append(
            {
                "id": "population",
                "kind": "population-grid",
                "source": copy(request.population, "population"),
                "title": "Population",
                "column": request.population_column,
                "visible": False,
                "opacity": 0.6,
            }
        )
    layers.append(
        {
            "id": "streets",
            "kind": "osm-network",
            "source": osm,
            "title": "Streets (walk)",
            "network_type": "walk",
        }
    )
    layers.append(
        {
            "id": "streets_drive",
            "kind": "osm-network",
            "source": osm,
            "title": "Streets (drive)",
            "network_type": "drive",
            "visible": False,
        }
    )
    if request.gtfs is not None:
        gtfs = copy(request.gtfs, "gtfs")
        layers.append(
            {
                "id": "routes",
                "kind": "gtfs-routes",
                "source": gtfs,
                "title": "Transit routes",
                "visible": False,
            }
        )
        layers.append({"id": "stops", "kind": "gtfs-stops", "source": gtfs, "title": "Transit stops"})
    layers.append({"id": "buildings", "kind": "osm-buildings", "source": osm, "title": "Buildings"})

    parts = [
        f"# City folder created by 'twin-app city import {name}'.\n",
        _table(
            "city",
            {
                "name": name,
                "title": name,
                "crs": crs,
                "bbox": [round(v, 6) for v in bbox],
                "attribution": attribution,
            },
        ),
        _table(
            "districts",
            {
                "layer": "districts",
                "name_column": request.district_name_column if request.districts is not None else "name",
            },
        ),
        *(_table("layers", layer, array=True) for layer in layers),
    ]
    (folder / MANIFEST_NAME).write_text("\n".join(parts), encoding="utf-8")
    return folder
