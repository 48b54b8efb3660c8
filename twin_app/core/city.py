"""City folders and their manifest (``city.toml``).

A city is a folder: data files plus a manifest naming the metric CRS, the
bounding box, the layers (each a layer kind + a source file + options), the
districts layer, and the attribution and licences the data requires.  Bundled
cities live in the ``twin_app_cities`` package (the repo's ``sample_cities/``);
anything else is a path.  Every command that takes a city accepts either.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from twin_app.core.crs import check_metric_crs
from twin_app.core.errors import CityNotFoundError, CRSError, ManifestError
from twin_app.core.i18n import _
from twin_app.core.kinds import BuildingRules
from twin_app.core.live.city_feeds import parse_feeds
from twin_app.core.live.feeds import FeedSpec
from twin_app.core.manifest_schema import check_manifest
from twin_app.core.sources import require_regular_file
from twin_app.core.titles import shown_title, titles_of

MANIFEST_NAME = "city.toml"
DEFAULT_CITY = "helsinki"
#: a manifest larger than this is refused unread (a city of a thousand layers needs about 200 KB)
MAX_MANIFEST_BYTES = 4 * 2**20
#: extra folders searched for cities by name, separated like PATH
CITY_PATH_ENV = "TWIN_APP_CITY_PATH"

_LAYER_KEYS = {"id", "kind", "source", "title", "titles", "visible", "opacity", "attribution"}


@dataclass(frozen=True)
class LayerSpec:
    """One ``[[layers]]`` entry of a manifest."""

    id: str
    kind: str
    source: Path
    title: str
    visible: bool = True
    opacity: float = 1.0
    options: dict[str, Any] = field(default_factory=dict)
    #: whom this layer's data credits (from the file or the user, at import)
    attribution: str | None = None
    #: ``source`` as a city.toml wrote it (confined to the city folder); None: a file the user opened
    manifest_source: str | None = None
    #: the title in other languages, by language code (``titles = { fr = "..." }``)
    titles: dict[str, str] = field(default_factory=dict)

    def display_title(self) -> str:
        """The title a person sees, in the current language (:mod:`twin_app.core.titles`)."""
        return shown_title(self.title, self.titles)


@dataclass(frozen=True)
class CityManifest:
    """A parsed, validated ``city.toml``."""

    folder: Path
    name: str
    title: str
    crs: str
    bbox_lonlat: tuple[float, float, float, float]
    layers: tuple[LayerSpec, ...]
    attribution: tuple[str, ...] = ()
    licences: tuple[dict[str, str], ...] = ()
    districts_layer: str | None = None
    district_name_column: str = "name"
    buildings: BuildingRules = field(default_factory=BuildingRules)
    #: what the manifest holds that this version ignores (keys of a newer version, typos)
    notes: tuple[str, ...] = ()
    #: offline feeds the city ships (``[[feeds]]``, docs/city-toml.md)
    feeds: tuple[FeedSpec, ...] = ()
    #: the city's IANA time zone (``[city] timezone``); None: UTC
    timezone: str | None = None
    #: the city's title in other languages, by language code (``[city] titles``)
    titles: dict[str, str] = field(default_factory=dict)

    def display_title(self) -> str:
        """The city's title a person sees, in the current language (:mod:`twin_app.core.titles`)."""
        return shown_title(self.title, self.titles)

    @property
    def attribution_text(self) -> str:
        return " · ".join(self.attribution)

    def sources(self) -> list[dict[str, str | None]]:
        """Each data file once, with the layers read from it and whom it credits (None: unstated)."""
        by_file: dict[Path, dict[str, Any]] = {}
        for spec in self.layers:
            entry = by_file.setdefault(
                spec.source,
                {"file": spec.source.name, "layers": [], "attribution": spec.attribution},
            )
            entry["layers"].append(spec.display_title())
            entry["attribution"] = entry["attribution"] or spec.attribution
        return [
            {"file": e["file"], "layers": ", ".join(e["layers"]), "attribution": e["attribution"]}
            for e in by_file.values()
        ]

    def layer(self, layer_id: str) -> LayerSpec:
        for spec in self.layers:
            if spec.id == layer_id:
                return spec
        raise KeyError(layer_id)


def user_cities_dir() -> Path:
    """Where imported cities go by default (searched by name like bundled ones)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "twin_app" / "cities"


def bundled_cities_dir() -> Path:
    return Path(str(files("twin_app_cities")))


def bundled_city_names() -> list[str]:
    root = bundled_cities_dir()
    return sorted(p.name for p in root.iterdir() if (p / MANIFEST_NAME).is_file())


def resolve_city(name_or_path: str | Path | None) -> Path:
    """The folder of a city given by bundled name, name on the city path, or path."""
    if name_or_path is None:
        name_or_path = DEFAULT_CITY
    candidate = Path(name_or_path).expanduser()
    if candidate.is_dir():
        return candidate.resolve()
    if candidate.name == MANIFEST_NAME and candidate.is_file():
        return candidate.parent.resolve()
    roots = [bundled_cities_dir(), user_cities_dir()]
    roots += [Path(p) for p in os.environ.get(CITY_PATH_ENV, "").split(os.pathsep) if p]
    for root in roots:
        if str(name_or_path).startswith("."):
            break  # hidden folders are imports in progress (or killed), never cities
        if (root / str(name_or_path) / MANIFEST_NAME).is_file():
            return (root / str(name_or_path)).resolve()
    raise CityNotFoundError(
        _(
            "There is no city called '{name}': it is neither a bundled city ({bundled}) nor a folder. "
            "Give the path of a city folder, or create one with 'twin-app city import'."
        ).format(name=name_or_path, bundled=", ".join(bundled_city_names()))
    )


def load_manifest(folder: Path) -> CityManifest:
    """Read and validate ``folder/city.toml``; raise :class:`ManifestError` with a reason."""
    path = folder / MANIFEST_NAME
    if not path.exists():
        raise ManifestError(
            _(
                "The folder '{folder}' has no {manifest}, so twin_app does not know what is in it. "
                "Create the city with 'twin-app city import', or open a single data file instead."
            ).format(folder=folder, manifest=MANIFEST_NAME),
            path=folder,
        )
    require_regular_file(path, what="city manifest", sidecars=False)  # a FIFO would block the read
    with path.open("rb") as handle:
        data = handle.read(MAX_MANIFEST_BYTES + 1)
    if len(data) > MAX_MANIFEST_BYTES:
        raise ManifestError(
            _(
                "The city manifest '{path}' is larger than {size} MiB, far more than any city needs: it is "
                "not a manifest twin_app wrote. Check the file, or recreate the city."
            ).format(path=path, size=MAX_MANIFEST_BYTES // 2**20),
            path=path,
        )
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ManifestError(
            _("The city manifest '{path}' is not valid TOML ({error}). Fix or recreate it.").format(
                path=path, error=exc
            ),
            path=path,
        ) from None
    except RecursionError:  # tomllib recurses once per nested [ or {
        raise ManifestError(
            _(
                "The city manifest '{path}' nests lists or tables too deeply to be read. Fix or recreate it."
            ).format(path=path),
            path=path,
        ) from None
    return parse_manifest(raw, folder=folder, path=path)


def parse_manifest(raw: dict[str, Any], *, folder: Path, path: Path | None = None) -> CityManifest:
    """A :class:`CityManifest` from a parsed ``city.toml``, checked against its schema.

    Every key's type and range is checked first (:mod:`twin_app.core.manifest_schema`),
    so what follows may trust the types.  Sources are not looked at here: a
    source outside the folder, or one that is no regular file, costs only its
    layer when it is loaded (:mod:`twin_app.core.sources`).
    """
    where = path or folder / MANIFEST_NAME
    notes = check_manifest(raw, where=where)

    def fail(message: str) -> ManifestError:
        return ManifestError(message, path=where)

    city = raw["city"]
    w, s, e, n = (float(v) for v in city["bbox"])
    try:
        crs = check_metric_crs(city["crs"], (w, s, e, n))
    except CRSError as exc:
        raise ManifestError(
            _("The city manifest '{path}' names an unsuitable CRS in [city] crs. {reason}").format(
                path=where, reason=exc
            ),
            path=where,
        ) from None
    layers: list[LayerSpec] = []
    seen: set[str] = set()
    for entry in raw.get("layers", []):
        if entry["id"] in seen:
            raise fail(
                _("The city manifest '{path}' is incomplete: two layers are called '{layer}'.").format(
                    path=where, layer=entry["id"]
                )
            )
        if "crs" in entry:
            _check_layer_crs(entry["crs"], layer=entry["id"], where=where)
        seen.add(entry["id"])
        layers.append(
            LayerSpec(
                id=entry["id"],
                kind=entry["kind"],
                source=(folder / entry["source"]),
                title=entry.get("title") or entry["id"],
                visible=entry.get("visible", True),
                opacity=float(entry.get("opacity", 1.0)),
                options={k: v for k, v in entry.items() if k not in _LAYER_KEYS},
                attribution=entry.get("attribution") or None,
                manifest_source=entry["source"],
                titles=titles_of(entry),
            )
        )
    timezone = city["timezone"].strip() if "timezone" in city else None
    districts = raw.get("districts", {})
    rules = _building_rules(raw.get("buildings", {}))
    districts_layer = districts.get("layer")
    if districts_layer is not None and districts_layer not in seen:
        raise fail(
            _(
                "The city manifest '{path}' is incomplete: [districts] names the layer '{layer}', which is "
                "not among the layers."
            ).format(path=where, layer=districts_layer)
        )
    return CityManifest(
        folder=folder,
        name=city["name"],
        title=city.get("title") or city["name"],
        crs=crs,
        bbox_lonlat=(w, s, e, n),
        layers=tuple(layers),
        attribution=tuple(city.get("attribution", [])),
        licences=tuple(dict(lic) for lic in raw.get("licences", [])),
        districts_layer=districts_layer,
        district_name_column=districts.get("name_column", "name"),
        buildings=rules,
        notes=tuple(notes),
        feeds=parse_feeds(raw.get("feeds", []), folder=folder, where=where, timezone=timezone),
        timezone=timezone,
        titles=titles_of(city),
    )


def _check_layer_crs(text: str, *, layer: str, where: Path) -> None:
    """A layer's ``crs`` option must name a CRS PROJ knows: said here, naming the key, not in a reader."""
    from pyproj import CRS
    from pyproj.exceptions import CRSError as ProjCRSError

    try:
        CRS.from_user_input(text.strip())
    except ProjCRSError:
        raise ManifestError(
            _(
                "The city manifest '{path}' is not valid: layer '{layer}': crs must be the code of a "
                'coordinate reference system, such as "EPSG:4326", not {value}. Fix it and open the '
                "city again."
            ).format(path=where, layer=layer, value=repr(text)),
            path=where,
        ) from None


def _building_rules(b: Mapping[str, Any]) -> BuildingRules:
    """The ``[buildings]`` table (docs/buildings.md), its numbers already checked by the schema."""
    default = b.get("default_height_m")
    return BuildingRules(
        storey_height_m=float(b.get("storey_height_m", BuildingRules.storey_height_m)),
        default_height_m=None if default is None else float(default),
        min_tagged_for_median=b.get("min_tagged_for_median", BuildingRules.min_tagged_for_median),
        storeys={str(k): float(v) for k, v in b.get("storeys", {}).items()},
    )
