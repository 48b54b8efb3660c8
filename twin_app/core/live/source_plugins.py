"""Feed sources as plugins: found through entry points, described by a manifest, guarded when run.

A distribution adds a feed source the way it adds an analysis: an entry point
in the ``twin_app.feed_sources`` group names a TOML manifest inside a package
(``package:source.toml``) giving the source's id, title, description, the URL
schemes it opens, what it reports (``vehicle`` or ``sensor``), its typed
options (the parameter types analyses use: defaults, ranges, choices, units)
and ``entry``, the factory ``(url, options) -> Source``.  Reading a manifest
imports only the package's ``__init__``, so ``twin-app feed sources`` and the
Connect feed dialog work without importing the plugin's code; the factory is
imported when a feed of its scheme is first opened.

Isolation, because the plugin's code runs inside the app beside every other
feed:

- a manifest or factory that cannot be read or imported is recorded as
  broken with the reason, and the other sources keep working;
- options from the CLI (``--option K=V``, strings) and the dialog (widget
  values) go through :func:`~twin_app.core.params.validate_params` before
  the factory sees them, so a wrong option is one sentence naming it and
  what it accepts, with the same words everywhere;
- the source it returns runs inside :class:`GuardedSource`: what it hands the
  sink is checked (only :class:`Observation` objects of the feed's name and
  kind, finite values, positions on Earth, times from 1990 to a year from
  now) and what fails is counted as malformed with a sample while the rest
  is stored; an exception from its ``run`` ends the feed FAILED with a
  sentence naming the plugin, and never reaches the app or the other feeds.

The built-in sources are described here too (:data:`BUILTIN_SOURCES`), so
the listing and the dialog show their options; their options are passed on
as before, without this validation.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import math
import threading
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields, replace
from importlib.metadata import EntryPoint
from importlib.resources import files
from typing import Any

from twin_app.core.entry_points import discover, failure_hint
from twin_app.core.errors import ParameterError, PluginError, TwinError
from twin_app.core.i18n import N_, _, manifest_text
from twin_app.core.live.observation import Observation, Sink, SourceState, SourceStatus
from twin_app.core.params import NumberParam, Param, TextParam, param_from_spec, param_json, validate_params

ENTRY_POINT_GROUP = "twin_app.feed_sources"

#: options every source takes, plugin or built-in: what its observations are stored under
COMMON_OPTIONS = ("name",)
#: a sink's batch that a plugin may hand over at once; more is split so a flood stays bounded
MAX_BATCH = 50_000
MAX_SAMPLES = 5
#: observations older than this are a unit mistake (milliseconds read as seconds), not data
EARLIEST = dt.datetime(1990, 1, 1, tzinfo=dt.UTC)
#: how far ahead of now a time may be (a timetable a little ahead, a clock a little fast)
LATEST_AHEAD = dt.timedelta(days=366)


@dataclass(frozen=True)
class SourceManifest:
    """What a feed source says about itself, before any of its code is imported."""

    id: str
    title: str
    schemes: tuple[str, ...]
    kind: str = "sensor"
    description: str = ""
    options: tuple[Param, ...] = ()
    #: ``module:factory``; empty for built-ins (their factories are in ``sources.SCHEMES``)
    entry: str = ""
    version: str = ""
    distribution: str = ""
    #: an address to show as an example (``aq-replay:stations.aq.csv``)
    example: str = ""
    builtin: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "schemes": list(self.schemes),
            "kind": self.kind,
            "description": self.description,
            "example": self.example,
            "builtin": self.builtin,
            "distribution": self.distribution,
            "version": self.version,
            "options": [param_json(p) for p in self.options],
        }


def source_subject(source_id: str) -> str:
    """How a refusal of its options names a feed source, in the reader's language."""
    return _("the feed source '{source}'").format(source=source_id)


def parse_source_manifest(raw: Mapping[str, Any], *, source: str, distribution: str = "") -> SourceManifest:
    """A manifest from its TOML table; a missing or wrong key is a sentence naming the file."""

    def need(key: str) -> Any:
        if key not in raw:
            raise PluginError(
                _("The feed source manifest {manifest} has no '{key}'.").format(manifest=source, key=key)
            )
        return raw[key]

    schemes = need("schemes")
    if not (isinstance(schemes, list) and schemes and all(isinstance(s, str) and s for s in schemes)):
        raise PluginError(
            _(
                'The feed source manifest {manifest} must list its URL schemes as schemes = ["name", ...].'
            ).format(manifest=source)
        )
    kind = str(raw.get("kind", "sensor"))
    if kind not in ("vehicle", "sensor"):
        raise PluginError(
            _(
                "The feed source manifest {manifest} says kind = '{kind}'; a feed reports 'vehicle' or "
                "'sensor'."
            ).format(manifest=source, kind=kind)
        )
    try:
        options = tuple(param_from_spec(p) for p in raw.get("options", []))
    except TwinError as exc:
        raise PluginError(
            _("The feed source manifest {manifest} declares a bad option: {error}").format(
                manifest=source, error=exc
            )
        ) from None
    if any(p.name in COMMON_OPTIONS for p in options):
        raise PluginError(
            _(
                "The feed source manifest {manifest} declares the option 'name', which every source takes "
                "already (what its observations are stored under); remove it."
            ).format(manifest=source)
        )
    return SourceManifest(
        id=str(need("id")),
        title=str(need("title")),
        schemes=tuple(s.lower() for s in schemes),
        kind=kind,
        description=str(raw.get("description", "")).strip(),
        options=options,
        entry=str(need("entry")),
        version=str(raw.get("version", "")),
        distribution=distribution,
        example=str(raw.get("example", "")),
    )


def _read_entry_point(ep: EntryPoint) -> SourceManifest:
    package, _colon, resource = ep.value.partition(":")
    if not resource.endswith(".toml"):
        raise PluginError(
            _("Entry point '{name}' should name a manifest like 'package:source.toml'.").format(name=ep.name)
        )
    text = (files(package) / resource).read_text(encoding="utf-8")
    dist = ep.dist.name if ep.dist is not None else ""
    return parse_source_manifest(tomllib.loads(text), source=f"{package}/{resource}", distribution=dist)


def _name(help_text: str = N_("what the observations are stored under (default: from the address)")) -> Param:
    return TextParam(name="name", title=N_("Name"), help=help_text)


_MAPPING = TextParam(name="mapping", title=N_("Mapping file"), help=N_("a TOML file mapping payload fields"))


def _interval(default: float) -> Param:
    """The poll interval, with the source's own default."""
    return NumberParam(
        name="interval_s",
        title=N_("Poll every"),
        unit="s",
        minimum=1,
        maximum=86_400,
        default=default,
        help=N_("seconds between polls"),
    )


def _sim_options() -> tuple[Param, ...]:
    """The clock options the simulated feeds share (twin_app.core.live.sim_time)."""
    return (
        _name(),
        TextParam(
            name="date", title=N_("Service date"), required=True, help=N_("the day simulated, YYYY-MM-DD")
        ),
        TextParam(
            name="start",
            title=N_("Start"),
            default="now",
            help=N_('"now" (the time of day now) or HH:MM[:SS]'),
        ),
        TextParam(name="end", title=N_("End"), help=N_("HH:MM[:SS] (default: the feed's own)")),
        NumberParam(
            name="speed",
            title=N_("Speed"),
            unit="×",
            minimum=0,
            default=1,
            help=N_("simulated seconds per real second; 0 = as fast as the store takes them"),
        ),
        TextParam(name="timezone", title=N_("Time zone"), help=N_("an IANA zone (default: the feed's own)")),
    )


#: the built-in sources in words, for ``feed sources`` and the Connect feed dialog
BUILTIN_SOURCES: tuple[SourceManifest, ...] = (
    SourceManifest(
        id="mqtt",
        title=N_("MQTT (JSON payloads)"),
        schemes=("mqtt", "mqtts"),
        kind="sensor",
        builtin=True,
        description=N_("Subscribes with QoS 1 to a topic filter (+ and #) and maps JSON payload fields."),
        example="mqtt://localhost:1883/sensors/#",
        options=(
            _name(),
            _MAPPING,
            TextParam(
                name="client_id",
                title=N_("Client id"),
                help=N_("a persistent session resumed after a restart"),
            ),
            TextParam(name="ca_file", title=N_("CA file"), help=N_("CA certificates for mqtts://")),
        ),
    ),
    SourceManifest(
        id="hfp",
        title=N_("HSL high-frequency positioning (HFP v2)"),
        schemes=("hfp+mqtt", "hfp+mqtts"),
        kind="vehicle",
        builtin=True,
        example="hfp+mqtts://mqtt.hsl.fi:8883",
        description=N_("Vehicle positions in HSL's HFP v2 format; no topic subscribes to /hfp/v2/#."),
        options=(
            _name(),
            TextParam(
                name="client_id",
                title=N_("Client id"),
                help=N_("a persistent session resumed after a restart"),
            ),
        ),
    ),
    SourceManifest(
        id="file",
        title=N_("Observation log (CSV, JSON lines)"),
        schemes=("file",),
        kind="sensor",
        builtin=True,
        description=N_("Replays a recorded log, as fast as the store takes it or at a chosen speed."),
        example="file:///data/readings.csv",
        options=(
            _name(),
            _MAPPING,
            NumberParam(
                name="speed",
                title=N_("Speed"),
                unit="×",
                minimum=0,
                default=0,
                help=N_("times the log's own pace; 0 stores it as fast as the store takes it"),
            ),
        ),
    ),
    SourceManifest(
        id="gtfsrt",
        title=N_("GTFS-realtime (polled)"),
        schemes=("gtfsrt+http", "gtfsrt+https"),
        kind="vehicle",
        builtin=True,
        example="gtfsrt+https://example.org/vehiclepositions",
        description=N_("Vehicle positions and trip updates polled over HTTP."),
        options=(_name(), _interval(15.0)),
    ),
    SourceManifest(
        id="sensorthings",
        title=N_("OGC SensorThings API (polled)"),
        schemes=("sensorthings+http", "sensorthings+https"),
        kind="sensor",
        builtin=True,
        example="sensorthings+https://example.org/v1.1",
        description=N_("Things, Datastreams and Observations newer than the last stored, polled over HTTP."),
        options=(_name(), _interval(30.0)),
    ),
    SourceManifest(
        id="schedule",
        title=N_("Simulated vehicles from a GTFS timetable"),
        schemes=("schedule",),
        kind="vehicle",
        builtin=True,
        example="schedule:/data/gtfs.zip",
        description=N_("Vehicles of a GTFS feed on one service date, moved along their shapes (simulated)."),
        options=_sim_options(),
    ),
    SourceManifest(
        id="sensor-sim",
        title=N_("Simulated sensor stations"),
        schemes=("sensor-sim",),
        kind="sensor",
        builtin=True,
        example="sensor-sim:/data/stations.csv",
        description=N_("Readings of modelled sensor stations from a documented formula (simulated)."),
        options=(
            *_sim_options(),
            TextParam(name="quantity", title=N_("Quantity"), help=N_("only this quantity")),
        ),
    ),
)


class SourceRegistry:
    """Plugin feed sources by scheme; manifests read eagerly, factories imported on first use."""

    def __init__(self, manifests: Iterable[SourceManifest] | None = None) -> None:
        self._manifests: dict[str, SourceManifest] | None = (
            {m.id: m for m in manifests} if manifests is not None else None
        )
        self.failures: dict[str, str] = {}
        self._factories: dict[str, Callable[..., Any]] = {}

    def _discover(self) -> dict[str, SourceManifest]:
        if self._manifests is None:
            self._manifests, self.failures = discover(ENTRY_POINT_GROUP, _read_entry_point, lambda _, m: m.id)
        return self._manifests

    def manifests(self) -> list[SourceManifest]:
        return sorted(self._discover().values(), key=lambda m: m.id)

    def for_scheme(self, scheme: str) -> SourceManifest | None:
        scheme = scheme.lower()
        for m in self.manifests():
            if scheme in m.schemes:
                return m
        return None

    def factory(self, manifest: SourceManifest) -> Callable[..., Any]:
        """Import the factory on first use; a failure names the plugin and marks it broken."""
        if manifest.id not in self._factories:
            module_name, _colon, attr = manifest.entry.partition(":")
            try:
                func = getattr(importlib.import_module(module_name), attr)
            except Exception as exc:
                self.failures[manifest.id] = f"{type(exc).__name__}: {exc}"
                raise PluginError(
                    _(
                        "The feed source '{source}' ({package}) could not be loaded: {error}. The other "
                        "feeds still work; reinstall or update this plugin."
                    ).format(source=manifest.id, package=_who(manifest), error=f"{type(exc).__name__}: {exc}")
                ) from exc
            if not callable(func):
                raise PluginError(
                    _(
                        "The feed source '{source}' ({package}) names '{entry}' as its factory, which "
                        "cannot be called; the plugin must name a function (url, options) -> source."
                    ).format(source=manifest.id, package=_who(manifest), entry=manifest.entry)
                )
            self._factories[manifest.id] = func
        return self._factories[manifest.id]

    def open(self, manifest: SourceManifest, url: str, raw_options: Mapping[str, Any]) -> GuardedSource:
        """Validate the options, call the plugin's factory, and guard what it returns."""
        options = source_options(manifest, raw_options)
        factory = self.factory(manifest)
        try:
            source = factory(url, options)
        except TwinError:
            raise  # the plugin's own sentence (a missing file is the user's to fix)
        except Exception as exc:
            raise PluginError(
                _(
                    "The feed source '{source}' ({package}) failed to open '{url}': {error}. The other "
                    "feeds still work; report this to the plugin's authors."
                ).format(
                    source=manifest.id, package=_who(manifest), url=url, error=f"{type(exc).__name__}: {exc}"
                )
            ) from exc
        if not (callable(getattr(source, "run", None)) and callable(getattr(source, "stop", None))):
            raise PluginError(
                _(
                    "The feed source '{source}' ({package}) returned {returned}, not a source with "
                    "run(sink, until=) and stop(); report this to the plugin's authors."
                ).format(source=manifest.id, package=_who(manifest), returned=type(source).__name__)
            )
        return GuardedSource(source, manifest, name=options["name"])

    def check_all(self) -> None:
        """Import every plugin's factory now, so a listing shows the broken ones with their reasons."""
        for manifest in self.manifests():
            with contextlib.suppress(PluginError):  # recorded in failures
                self.factory(manifest)

    def describe_failures(self) -> list[str]:
        return [
            _("The feed source '{source}' could not be loaded: {reason}").format(source=n, reason=why)
            for n, why in sorted(self.failures.items())
        ]

    def hint(self, name: str) -> str:
        return failure_hint(self.failures, name)


def _who(manifest: SourceManifest) -> str:
    return f"{manifest.distribution or _('unknown package')} {manifest.version}".strip()


def source_options(manifest: SourceManifest, raw: Mapping[str, Any]) -> dict[str, Any]:
    """``raw`` checked against the manifest's options; ``name`` defaults to the manifest's id.

    The options come as strings from the command line and as widget values
    from the dialog; both go through the same parameter types, so a value
    refused in one is refused in the other with the same sentence.
    """
    given = {k: v for k, v in raw.items() if v is not None and v != ""}
    name = str(given.pop("name", "") or manifest.id).strip() or manifest.id
    try:
        values = validate_params(manifest.options, given, None, subject=source_subject(manifest.id))
    except ParameterError as exc:
        if manifest.options:
            takes = ", ".join(f"{p.name} ({p.describe().strip()})" for p in manifest.options)
            hint = _("Give options as --option NAME=VALUE; '{source}' takes: {options}.").format(
                source=manifest.id, options=takes
            )
        else:
            hint = _("'{source}' takes no options.").format(source=manifest.id)
        raise ParameterError(f"{exc} {hint}") from None
    values["name"] = name
    return values


class GuardedStatus(SourceStatus):
    """A guarded source's status, read live: each field comes from the guard when it is read.

    A feed hub or panel keeps the status object it was given and reads it
    again later (a copy per refresh), so the object must stay the same and
    its fields current; a copy (``copy.deepcopy``) is a plain
    :class:`SourceStatus` snapshot.  Fields set from outside (the hub names
    the feed, or marks it FAILED) are kept and shown over the guard's own.
    """

    def __init__(self, guard: GuardedSource) -> None:  # every field is read from the guard
        self.__dict__["_guard"] = guard

    def snapshot(self) -> SourceStatus:
        guard: GuardedSource = self.__dict__["_guard"]
        return guard.snapshot()

    def __copy__(self) -> SourceStatus:
        return self.snapshot()

    def __deepcopy__(self, memo: dict[int, Any]) -> SourceStatus:
        return self.snapshot()


def _live_field(name: str) -> property:
    def get(self: GuardedStatus) -> Any:
        return getattr(self.snapshot(), name)

    def put(self: GuardedStatus, value: Any) -> None:
        self.__dict__["_guard"].set_field(name, value)

    return property(get, put)


for _field in fields(SourceStatus):
    setattr(GuardedStatus, _field.name, _live_field(_field.name))


class GuardedSource:
    """A plugin's source, run so that its failures and bad observations stay its own.

    The status shown is the guard's: what the plugin reports (state,
    received, rate, its own malformed count) merged with what the guard
    refused and what the store accepted, so a plugin cannot claim more stored
    than was.
    """

    def __init__(self, inner: Any, manifest: SourceManifest, *, name: str) -> None:
        self.inner = inner
        self.manifest = manifest
        self.name = name
        self._own = SourceStatus(source=name)
        self._refused = 0
        self._samples: list[str] = []
        self._lock = threading.Lock()
        self._failed: str | None = None
        self._running = False
        #: fields set from outside (a hub naming the feed or marking it FAILED), shown over the guard's
        self._set: dict[str, Any] = {}
        self.status: SourceStatus = GuardedStatus(self)

    # -- status --------------------------------------------------------------

    def set_field(self, name: str, value: Any) -> None:
        with self._lock:
            if name == "source":
                self.name = str(value)  # what its observations must be stored under, too
            else:
                self._set[name] = value

    def snapshot(self) -> SourceStatus:
        """The status now: the plugin's, with the guard's counts and what was set from outside."""
        inner = getattr(self.inner, "status", None)
        base = inner if isinstance(inner, SourceStatus) else self._own
        with self._lock:
            state = base.state
            if self._failed is not None:
                state = SourceState.FAILED
            elif base is self._own:
                state = SourceState.CONNECTED if self._running else self._own.state
            shown = replace(
                base,
                source=self.name,
                state=state,
                received=max(base.received, self._own.received),
                stored=self._own.stored,
                malformed=(base.malformed if base is not self._own else 0) + self._refused,
                malformed_samples=(list(base.malformed_samples) if base is not self._own else [])
                + list(self._samples),
                last_error=self._failed or base.last_error,
            )
            return replace(shown, **self._set) if self._set else shown

    # -- running -------------------------------------------------------------

    def run(self, sink: Sink, *, until: float | None = None) -> None:
        store_error: list[BaseException] = []

        def guarded(batch: Any) -> None:
            good = self._check(batch)
            for start in range(0, len(good), MAX_BATCH):
                part = good[start : start + MAX_BATCH]
                try:
                    sink(part)
                except BaseException as exc:
                    store_error.append(exc)
                    raise
                with self._lock:
                    self._own.stored += len(part)

        self._running = True
        self._own.state = SourceState.CONNECTED
        try:
            self.inner.run(guarded, until=until)
        except BaseException as exc:  # SystemExit too: a plugin must not end the app's threads quietly
            if isinstance(exc, KeyboardInterrupt):
                raise
            with self._lock:
                if store_error and exc is store_error[-1]:
                    self._failed = _(
                        "The observation store refused what the feed '{feed}' sent: {error}. "
                        "Check the disk and the store file, then connect the feed again."
                    ).format(feed=self.name, error=exc)
                else:
                    self._failed = _(
                        "The feed source '{source}' ({package}) failed: {error}. The other feeds keep "
                        "running; report this to the plugin's authors."
                    ).format(
                        source=self.manifest.id,
                        package=_who(self.manifest),
                        error=f"{type(exc).__name__}: {exc}",
                    )
        finally:
            self._running = False
            if self._own.state == SourceState.CONNECTED:
                self._own.state = SourceState.STOPPED

    def stop(self) -> None:
        try:
            self.inner.stop()
        except Exception as exc:
            with self._lock:
                self._failed = _("The feed source '{source}' ({package}) failed to stop: {error}.").format(
                    source=self.manifest.id, package=_who(self.manifest), error=f"{type(exc).__name__}: {exc}"
                )

    # -- validation ----------------------------------------------------------

    def _check(self, batch: Any) -> list[Observation]:
        try:
            items = list(batch)
        except TypeError:
            self._refuse(batch, _("the sink takes a list of observations"))
            return []
        with self._lock:
            self._own.received += len(items)
        good: list[Observation] = []
        now = dt.datetime.now(dt.UTC)
        for item in items:
            why = self._problem(item, now)
            if why is None:
                good.append(item)
            else:
                self._refuse(item, why)
        return good

    def _problem(self, obs: Any, now: dt.datetime) -> str | None:
        """Why ``obs`` cannot be stored, in words; None when it can."""
        if not isinstance(obs, Observation):
            return _("a {type}, not an Observation").format(type=type(obs).__name__)
        if obs.source != self.name:
            return _("stored under '{source}', not the feed's name '{feed}'").format(
                source=obs.source, feed=self.name
            )
        if str(obs.kind) != self.manifest.kind:
            return _("a {kind} observation from a source that reports {reports} observations").format(
                kind=obs.kind, reports=self.manifest.kind
            )
        if not isinstance(obs.entity, str) or not obs.entity:
            return _("no entity id")
        if not isinstance(obs.time, dt.datetime) or obs.time.tzinfo is None:
            return _("a time without a time zone")
        if not EARLIEST <= obs.time <= now + LATEST_AHEAD:
            return _("the time {time} is before 1990 or more than a year ahead").format(
                time=obs.time.isoformat()
            )
        if obs.value is not None and not (
            isinstance(obs.value, int | float)
            and not isinstance(obs.value, bool)
            and math.isfinite(obs.value)
        ):
            return _("the value {value} is not a finite number").format(value=repr(obs.value))
        if (obs.lon is None) != (obs.lat is None):
            return _("a longitude without a latitude or the reverse")
        if obs.lon is not None and not (
            isinstance(obs.lon, int | float)
            and isinstance(obs.lat, int | float)
            and -180 <= obs.lon <= 180
            and -90 <= obs.lat <= 90
        ):
            return _("the position ({lon}, {lat}) is not on Earth").format(lon=obs.lon, lat=obs.lat)
        return None

    def _refuse(self, item: Any, why: str) -> None:
        with self._lock:
            self._refused += 1
            if len(self._samples) < MAX_SAMPLES:
                self._samples.append(f"{why}: {str(item)[:300]}")


_default: SourceRegistry | None = None


def default_sources() -> SourceRegistry:
    global _default
    if _default is None:
        _default = SourceRegistry()
    return _default


def all_sources(registry: SourceRegistry | None = None) -> list[SourceManifest]:
    """The built-in sources and the plugins' (built-ins first), for listings and the dialog.

    A built-in scheme that :data:`BUILTIN_SOURCES` does not describe is listed
    under its own name, so a listing never hides a scheme ``open_source`` takes.
    """
    from twin_app.core.live.sources import SCHEMES

    described = {s for m in BUILTIN_SOURCES for s in m.schemes}
    extra = [
        SourceManifest(
            id=s,
            title=_("{scheme}: built-in source").format(scheme=s),
            schemes=(s,),
            builtin=True,
            options=(_name(),),
        )
        for s in SCHEMES
        if s not in described
    ]
    plugins = (registry or default_sources()).manifests()
    return [*(_in_language(m) for m in BUILTIN_SOURCES), *extra, *plugins]


def _in_language(manifest: SourceManifest) -> SourceManifest:
    """A built-in source's title and description in the current language (options translate where shown)."""
    return replace(
        manifest, title=manifest_text(manifest.title), description=manifest_text(manifest.description)
    )


__all__ = [
    "BUILTIN_SOURCES",
    "ENTRY_POINT_GROUP",
    "GuardedSource",
    "SourceManifest",
    "SourceRegistry",
    "all_sources",
    "default_sources",
    "parse_source_manifest",
    "source_options",
    "source_subject",
]
