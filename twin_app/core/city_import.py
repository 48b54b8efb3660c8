"""Build a city folder from the user's own files (``twin-app city import``).

The files are copied into a new folder next to a generated ``city.toml``, so
the city is self-contained and can be shared.  The bounding box comes from
the OSM file (through the OSM layer kind's ``extent``), the metric CRS is the
UTM zone of its centre unless the user names one, and optional layers
(GTFS, population, districts, rasters) are simply left out when not given:
such a city still opens.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from twin_app.core.city import MANIFEST_NAME, user_cities_dir
from twin_app.core.crs import check_metric_crs, local_utm_crs
from twin_app.core.errors import TwinError, UnreadableContentError
from twin_app.core.feedback import Feedback
from twin_app.core.i18n import N_, _, format_number
from twin_app.core.kinds import KindRegistry, default_registry, kind_attribution
from twin_app.core.outputs import check_output_folder, fsync_file, fsync_folder
from twin_app.core.sources import require_regular_file

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
    #: free credit lines shown with the others
    attribution: list[str] = field(default_factory=list)
    #: the OSM admin_level whose boundaries are the districts (None: chosen from the file)
    district_level: str | None = None
    #: credit for one given file, by source name ("osm", "gtfs", "population", "districts" or a
    #: raster label); it replaces what the file itself says
    source_attribution: dict[str, str] = field(default_factory=dict)
    #: units of a raster's values, by raster label (else the raster's own metadata is read)
    raster_units: dict[str, str] = field(default_factory=dict)
    #: metres per storey for building:levels (None: the app's 3 m)
    storey_height_m: float | None = None
    #: height of buildings of unknown type (None: the building-type table's generic storeys)
    default_height_m: float | None = None


def _safe_name(name: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", name):
        raise TwinError(
            _(
                "'{name}' cannot be used as a city name: use letters, digits, '-', '_' or '.', starting with "
                "a letter or digit."
            ).format(name=name)
        )
    return name


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


def _buildings_table(request: CityImport) -> dict[str, float]:
    """The ``[buildings]`` values the user gave (docs/buildings.md), each checked."""
    out: dict[str, float] = {}
    for key, flag, value in (
        ("storey_height_m", "--storey-height", request.storey_height_m),
        ("default_height_m", "--default-height", request.default_height_m),
    ):
        if value is None:
            continue
        if not 0 < value <= 1000:
            raise TwinError(
                _("{option} must be a height in metres above 0, not {value}.").format(
                    option=flag, value=format_number(value)
                )
            )
        out[key] = float(value)
    return out


def _check_districts(
    request: CityImport, crs: str, bbox: tuple[float, float, float, float], registry: KindRegistry
) -> None:
    """Read the districts file now: a wrong file or name column is a sentence here, not a KeyError later."""
    from twin_app.core.districts import check_name_column
    from twin_app.core.kinds import LoadContext

    assert request.districts is not None
    path = Path(request.districts)
    kind = registry.for_file(path)
    layer = registry.load(
        kind.name, path, {}, LoadContext(crs=crs, bbox_lonlat=bbox, layer_id="districts", title="Districts")
    )
    check_name_column(layer, request.district_name_column, what=f"'{path}'")


def _build_city(
    request: CityImport,
    folder: Path,
    *,
    name: str,
    bbox: tuple[float, float, float, float],
    crs: str,
    registry: KindRegistry,
    feedback: Feedback,
) -> None:
    """Write copies of the files and the manifest into ``folder`` (a fresh, empty folder)."""

    destinations = _destinations(request)
    given = _given(request)

    def copy(key: str) -> str:
        path = Path(str(given[key]))
        relative = destinations[key]
        target = folder / relative
        target.parent.mkdir(exist_ok=True)
        stem = _stem(Path(path))
        for extra in sidecars(Path(path)):
            # a sidecar keeps its main file's (possibly new) stem, or the reader would not find it
            shutil.copy2(extra, target.parent / (_stem(target) + extra.name[len(stem) :]))
        shutil.copy2(path, target)
        return relative

    osm = copy("osm")
    layers: list[dict[str, Any]] = []
    if request.districts is not None:
        layers.append(
            {
                "id": "districts",
                "kind": "vector",
                "source": copy("districts"),
                "title": N_("Districts"),
                "style": "districts",
            }
        )
    else:
        osm_districts: dict[str, Any] = {"id": "districts", "kind": "osm-districts", "source": osm}
        osm_districts["title"] = N_("Districts")
        if request.district_level is not None:
            osm_districts["admin_level"] = str(request.district_level)
        layers.append(osm_districts)
    layers.append(
        {
            "id": "landuse",
            "kind": "osm-features",
            "source": osm,
            "title": N_("Land use"),
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
            "title": N_("Parks and green"),
            "category": "green",
            "optional": True,
        }
    )
    layers.append(
        {
            "id": "water",
            "kind": "osm-features",
            "source": osm,
            "title": N_("Water"),
            "category": "water",
            "optional": True,
        }
    )
    for label in request.rasters:
        layers.append(
            {
                "id": _safe_name(label),
                "kind": "raster",
                "source": copy(label),
                "title": label,
                "label": label,
                "visible": False,
                **({"units": request.raster_units[label]} if label in request.raster_units else {}),
            }
        )
    if request.population is not None:
        layers.append(
            {
                "id": "population",
                "kind": "population-grid",
                "source": copy("population"),
                "title": N_("Population"),
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
            "title": N_("Streets (walk)"),
            "network_type": "walk",
        }
    )
    layers.append(
        {
            "id": "streets_drive",
            "kind": "osm-network",
            "source": osm,
            "title": N_("Streets (drive)"),
            "network_type": "drive",
            "visible": False,
        }
    )
    if request.gtfs is not None:
        gtfs = copy("gtfs")
        layers.append(
            {
                "id": "routes",
                "kind": "gtfs-routes",
                "source": gtfs,
                "title": N_("Transit routes"),
                "visible": False,
            }
        )
        layers.append({"id": "stops", "kind": "gtfs-stops", "source": gtfs, "title": N_("Transit stops")})
    else:
        # No feed: the stops mapped in OSM, so transit access still works (without a frequency filter).
        layers.append(
            {
                "id": "stops",
                "kind": "osm-stops",
                "source": osm,
                "title": N_("Transit stops (OpenStreetMap)"),
                "optional": True,
            }
        )
    layers.append({"id": "buildings", "kind": "osm-buildings", "source": osm, "title": N_("Buildings")})

    attribution = credit_layers(request, layers, registry=registry, feedback=feedback)
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
    buildings = _buildings_table(request)
    if buildings:
        parts.insert(3, _table("buildings", buildings))
    # last, and whole or not at all: a folder with a city.toml is a complete city
    partial = folder / f".{MANIFEST_NAME}.part"
    partial.write_text("\n".join(parts), encoding="utf-8")
    os.replace(partial, folder / MANIFEST_NAME)


# ------------------------------------------------------------------ sidecars

#: files that travel with a main file of this suffix (a shapefile is useless without .shx/.dbf)
SIDECARS: dict[str, tuple[str, ...]] = {
    ".shp": (".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".qmd", ".shp.xml"),
    ".tif": (".tfw", ".tifw", ".wld", ".prj", ".tif.aux.xml", ".tif.ovr", ".tif.msk"),
    ".tiff": (".tfw", ".tiffw", ".wld", ".prj", ".tiff.aux.xml", ".tiff.ovr", ".tiff.msk"),
}


def sidecars(path: Path) -> list[Path]:
    """The files beside ``path`` that belong to it (same stem, known suffix, any case)."""
    wanted = SIDECARS.get(path.suffix.lower())
    if not wanted or not path.parent.is_dir():
        return []
    stem = path.name[: -len(path.suffix)].lower()
    names = {stem + suffix for suffix in wanted}
    return sorted(p for p in path.parent.iterdir() if p.is_file() and p != path and p.name.lower() in names)


# ------------------------------------------------------------------ credits


def _given(request: CityImport) -> dict[str, Path | None]:
    """Each file of the request under its source name (``osm``, ``gtfs``, ..., or a raster's label)."""
    return {
        "osm": request.osm,
        "gtfs": request.gtfs,
        "population": request.population,
        "districts": request.districts,
        **request.rasters,
    }


def _stem(path: Path) -> str:
    return path.name[: -len(path.suffix)] if path.suffix else path.name


def _destinations(request: CityImport) -> dict[str, str]:
    """The folder-relative path each given file is copied to, by source name.

    Two files with the same name (``x/heat.tif`` and ``y/heat.tif``) would
    overwrite each other, and the city would show one twice: the later one
    gets ``heat-2.tif``.  Names are compared without case, as on the file
    systems of Windows and macOS, and a file's sidecars count as taken too.
    """
    subs = {"osm": "osm", "gtfs": "gtfs", "population": "population", "districts": "districts"}
    taken: set[str] = set()
    out: dict[str, str] = {}
    for key, path in _given(request).items():
        if path is None:
            continue
        path = Path(path)
        sub = subs.get(key, "rasters")
        stem, rest = _stem(path), path.suffix
        extras = [extra.name[len(stem) :] for extra in sidecars(path)]
        candidate, n = stem, 1
        while any(f"{sub}/{candidate}{end}".lower() in taken for end in (rest, *extras)):
            n += 1
            candidate = f"{stem}-{n}"
        taken.update(f"{sub}/{candidate}{end}".lower() for end in (rest, *extras))
        out[key] = f"{sub}/{candidate}{rest}"
    return out


def _source_keys(request: CityImport) -> dict[str, str]:
    """The folder-relative path each given file is copied to, mapped to its source name."""
    return {relative: key for key, relative in _destinations(request).items()}


def credit_layers(
    request: CityImport, layers: list[dict[str, Any]], *, registry: KindRegistry, feedback: Feedback
) -> list[str]:
    """Give each layer its ``attribution`` and return the city's credit lines.

    A credit the user gave for a file wins; otherwise the layer kind reads it
    from the file's own metadata (GTFS feed_info, GeoTIFF tags, ...).  A file
    that names no one is reported, since its licence may still require credit.
    """
    keys = _source_keys(request)
    originals = {
        "osm": request.osm,
        "gtfs": request.gtfs,
        "population": request.population,
        "districts": request.districts,
        **request.rasters,
    }
    credits: dict[str, str | None] = {}
    for layer in layers:
        key = keys.get(str(layer["source"]))
        if key is None:
            continue
        if key not in credits:
            given = request.source_attribution.get(key)
            path = originals[key]
            found = kind_attribution(registry.get(str(layer["kind"])), Path(path)) if path else None
            credits[key] = given or found or (OSM_ATTRIBUTION if key == "osm" else None)
            if credits[key] is None:
                feedback.warning(
                    _(
                        "The file '{path}' does not say whom to credit for it. If its licence requires "
                        'attribution, import again with --attribution {source}="…".'
                    ).format(path=path, source=key)
                )
        if credits[key]:
            layer["attribution"] = credits[key]
    lines = [c for c in credits.values() if c]
    lines += request.attribution
    return list(dict.fromkeys(lines))


def parse_attribution(values: list[str]) -> tuple[list[str], dict[str, str]]:
    """Split ``--attribution`` values into free credit lines and ``SOURCE=TEXT`` credits."""
    free: list[str] = []
    per_source: dict[str, str] = {}
    for value in values:
        match = re.fullmatch(r"\s*([A-Za-z0-9][A-Za-z0-9_.-]*)\s*=(.*)", value, flags=re.DOTALL)
        if match:
            per_source[match.group(1)] = match.group(2).strip().strip('"').strip()
        elif value.strip():
            free.append(value.strip())
    return free, per_source


# ------------------------------------------------------------------ an atomic import

#: a city being built is a hidden folder beside its destination, renamed into place at the end
BUILDING_MARK = ".importing-"
#: a leftover of another city's import older than this is taken as abandoned (killed)
STALE_AFTER_S = 6 * 3600


def is_partial(folder: Path) -> bool:
    """Whether ``folder`` is an import in progress, or one that was killed."""
    return folder.name.startswith(".") and BUILDING_MARK in folder.name


def _clean_leftovers(parent: Path, name: str) -> None:
    """Remove folders of killed imports: this city's at once, others' once they are old."""
    if not parent.is_dir():
        return
    now = time.time()
    for leftover in parent.iterdir():
        if not (leftover.is_dir() and is_partial(leftover)):
            continue
        mine = leftover.name.startswith(f".{name}{BUILDING_MARK}")
        if mine or now - leftover.stat().st_mtime > STALE_AFTER_S:
            shutil.rmtree(leftover, ignore_errors=True)


def _sync_tree(root: Path, *, files: bool = True) -> None:
    """``fsync`` every file under ``root`` (with ``files``) and its folders.

    A rename is atomic but, after a power cut, may reach the disk before the
    data it names: then the city would be complete in name and empty in
    content.  Where folders cannot be opened (Windows) only files are synced.
    """
    folders = [root]
    if files:
        for dirpath, _dirs, names in os.walk(root):
            folders.append(Path(dirpath))
            for name in names:
                fsync_file(Path(dirpath) / name)
    for folder in dict.fromkeys(folders):
        fsync_folder(folder)


def _check_sources(request: CityImport) -> None:
    known = ["osm", *(k for k in ("gtfs", "population", "districts") if getattr(request, k) is not None)]
    known += list(request.rasters)
    unknown = sorted(set(request.source_attribution) - set(known))
    if unknown:
        raise TwinError(
            _(
                "--attribution names {unknown}, which is not among the files given; credit one of: {known} "
                '(e.g. --attribution gtfs="Transit agency, CC BY 4.0").'
            ).format(unknown=", ".join(unknown), known=", ".join(known))
        )
    no_raster = sorted(set(request.raster_units) - set(request.rasters))
    if no_raster:
        if request.rasters:
            raise TwinError(
                _(
                    "--raster-units names {labels}, but no --raster has that label; the rasters are: "
                    "{rasters}."
                ).format(labels=", ".join(no_raster), rasters=", ".join(request.rasters))
            )
        raise TwinError(
            _("--raster-units names {labels}, but no raster was given (--raster LABEL=FILE).").format(
                labels=", ".join(no_raster)
            )
        )


def _check_content(request: CityImport, registry: KindRegistry) -> None:
    """Refuse, before anything is copied, a raster or population file whose content is not its format.

    A VRT named ``.tif`` would otherwise be copied into the city and only be
    refused when the city is opened, leaving a city with a file it never shows.
    """
    given = [("raster", path) for path in request.rasters.values()]
    if request.population is not None:
        given.append(("population-grid", Path(request.population)))
    for kind_name, path in given:
        can_read = getattr(registry.get(kind_name), "can_read", None)
        if can_read is not None and not can_read(Path(path)):
            raise UnreadableContentError(path, candidates=registry.get(kind_name).title)


def import_city(
    request: CityImport,
    dest: Path | None = None,
    *,
    registry: KindRegistry | None = None,
    feedback: Feedback | None = None,
) -> Path:
    """Create ``dest/NAME`` with copies of the files and a manifest; return it.

    The city is built in a hidden folder beside its destination and renamed
    into place only when complete, so a failure or a kill never leaves a
    half-built city that later commands would open; the hidden leftover of a
    killed import is removed by the next import.
    """
    registry = registry or default_registry()
    feedback = feedback or Feedback()
    name = _safe_name(request.name)
    check_output_folder(dest or user_cities_dir())  # before minutes of reading, not after
    given = [request.osm, request.gtfs, request.population, request.districts, *request.rasters.values()]
    for path in given:
        if path is not None:
            require_regular_file(Path(path))  # a FIFO or a device would hang the reading below
    for label in request.rasters:
        _safe_name(label)
    _check_sources(request)
    _check_content(request, registry)
    _buildings_table(request)  # checked before anything is read or written
    osm_kind = registry.get("osm-network")
    extent = getattr(osm_kind, "extent", None)
    if extent is None:
        raise TwinError(_("The installed OSM layer kind cannot tell a file's extent; update twin_app."))
    w, s, e, n = (float(v) for v in extent(Path(request.osm)))
    bbox = (w, s, e, n)
    crs = check_metric_crs(request.crs, bbox) if request.crs else local_utm_crs(bbox)
    if request.districts is not None:
        _check_districts(request, crs, bbox, registry)

    parent = dest or user_cities_dir()
    folder = parent / name
    if folder.exists() and any(folder.iterdir()):
        raise TwinError(
            _("The folder '{folder}' already exists and is not empty; choose another name or --dest.").format(
                folder=folder
            )
        )
    try:
        parent.mkdir(parents=True, exist_ok=True)
        _clean_leftovers(parent, name)
        work = Path(tempfile.mkdtemp(prefix=f".{name}{BUILDING_MARK}", dir=parent))
        work.chmod(0o755)  # mkdtemp's folder is private; a city folder is an ordinary one
    except OSError as exc:
        raise TwinError(
            _(
                "The city folder cannot be created in '{parent}' ({reason}); choose another place "
                "with --dest."
            ).format(parent=parent, reason=exc.strerror or exc)
        ) from None
    try:
        _build_city(
            request,
            work,
            name=name,
            bbox=bbox,
            crs=crs,
            registry=registry,
            feedback=feedback,
        )
        _sync_tree(work)  # the copies reach the disk before the rename makes them the city
        if folder.exists():
            folder.rmdir()  # empty (checked above); a rename cannot replace a folder
        os.rename(work, folder)
        _sync_tree(parent, files=False)  # and the rename itself survives a power cut
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise TwinError(
            _(
                "The city '{name}' could not be written to '{parent}' ({reason}); nothing was created. Free "
                "some disk space or choose another place with --dest, and import again."
            ).format(name=name, parent=parent, reason=exc.strerror or exc)
        ) from None
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return folder
