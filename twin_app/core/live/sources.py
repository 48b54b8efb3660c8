"""From a feed's URL to a running source: the one table of URL schemes the CLI and the app use.

``open_source(url, options)`` looks the URL's scheme up and builds the source.
Each entry names its module lazily (``module:factory``), so opening an MQTT
feed imports no HTTP code and the reverse, and a source written elsewhere is
added with one line here.

``options`` (all optional): ``name`` (what observations are stored under;
default: the URL without credentials, or a log's file name), ``mapping`` (a
TOML mapping file for JSON payloads and logs), ``client_id`` (an MQTT
persistent session), ``ca_file`` (TLS), ``speed`` (a log's replay pace), and
whatever else a source reads (passed on as its ``options``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from twin_app.core.errors import FeedError
from twin_app.core.i18n import _
from twin_app.core.live.observation import Source

#: what each source factory is given
Factory = Callable[[str, Mapping[str, Any]], Source]

_OWN_OPTIONS = ("name", "mapping", "client_id", "ca_file", "speed")


def _mapping(options: Mapping[str, Any]) -> Any:
    from twin_app.core.live.mapping import PayloadMapping

    path = options.get("mapping")
    return PayloadMapping.load(Path(path)) if path else None


def _mqtt(url: str, options: Mapping[str, Any]) -> Source:
    from twin_app.core.live.mqtt import MqttAddress, MqttSource, without_credentials

    return MqttSource(
        MqttAddress.parse(url),
        name=options.get("name") or without_credentials(url),
        mapping=_mapping(options),
        client_id=options.get("client_id"),
        ca_file=options.get("ca_file"),
    )


def _hfp(url: str, options: Mapping[str, Any]) -> Source:
    from twin_app.core.live.hfp import hfp_source

    return hfp_source(url, name=options.get("name"), client_id=options.get("client_id"))


def _file(url: str, options: Mapping[str, Any]) -> Source:
    from twin_app.core.live.replay import FileSource

    speed = options.get("speed")
    return FileSource(
        url, name=options.get("name"), mapping=_mapping(options), speed=float(speed) if speed else None
    )


def _schedule(url: str, options: Mapping[str, Any]) -> Source:
    from twin_app.core.live.schedule import schedule_source

    return schedule_source(offline_path(url), options)


def _sensor_sim(url: str, options: Mapping[str, Any]) -> Source:
    from twin_app.core.live.sensor_sim import SimulatedSensors

    return SimulatedSensors(offline_path(url), options, name=options.get("name"))


def _polled(module: str, cls: str, default_name: str) -> Factory:
    """A polled HTTP source built by another module: imported only when its scheme is used."""

    def factory(url: str, options: Mapping[str, Any]) -> Source:
        try:
            source_class = getattr(importlib.import_module(module), cls)
        except (ImportError, AttributeError):
            raise FeedError(
                _(
                    "This twin_app has no {reader} ({module}), so '{scheme}://' feeds cannot be read yet; "
                    "update twin_app, or ingest the feed over MQTT or from a file."
                ).format(reader=cls, module=module, scheme=url.partition("://")[0])
            ) from None
        http_url = url.partition("+")[2]  # gtfsrt+https://x -> https://x
        rest = {k: v for k, v in options.items() if k not in _OWN_OPTIONS}
        interval = rest.pop("interval_s", None)
        kwargs: dict[str, Any] = {"source_id": options.get("name") or default_name, "options": rest}
        if interval is not None:
            kwargs["interval_s"] = float(interval)
        source: Source = source_class(http_url, **kwargs)
        return source

    return factory


SCHEMES: dict[str, Factory] = {
    "mqtt": _mqtt,
    "mqtts": _mqtt,
    "hfp+mqtt": _hfp,
    "hfp+mqtts": _hfp,
    "file": _file,
    # polled over HTTP(S); written in twin_app.core.live.gtfsrt and .sensorthings
    "gtfsrt+http": _polled("twin_app.core.live.gtfsrt", "GtfsRtSource", "gtfs-rt"),
    "gtfsrt+https": _polled("twin_app.core.live.gtfsrt", "GtfsRtSource", "gtfs-rt"),
    "sensorthings+http": _polled("twin_app.core.live.sensorthings", "SensorThingsSource", "sensorthings"),
    "sensorthings+https": _polled("twin_app.core.live.sensorthings", "SensorThingsSource", "sensorthings"),
    # simulated offline feeds, written "scheme:PATH" (twin_app.core.live.schedule and .sensor_sim)
    "schedule": _schedule,
    "sensor-sim": _sensor_sim,
}

#: schemes written "scheme:PATH", whose PATH is a local file (a city folder may name them)
OFFLINE_SCHEMES = ("schedule", "sensor-sim")


def offline_path(url: str) -> str:
    """The file in ``schedule:PATH`` (or ``schedule://PATH``)."""
    rest = url.partition(":")[2]
    return rest[2:] if rest.startswith("//") else rest


def in_folder(url: str, folder: Path) -> str:
    """``url`` with a relative file path made relative to ``folder`` (a city's feeds name files in it).

    ``schedule:gtfs/x.zip`` -> ``schedule:/city/gtfs/x.zip``; a log's plain
    path or ``file://relative`` likewise; absolute paths and network URLs are
    returned as they are.
    """
    scheme, colon, _ = url.partition(":")
    if colon and scheme.lower() in OFFLINE_SCHEMES:
        path = Path(offline_path(url))
        return url if path.is_absolute() else f"{scheme}:{folder / path}"
    if url.startswith("file://"):
        from twin_app.core.live.replay import path_of

        path = path_of(url)
        return url if path.is_absolute() else f"file://{(folder / path).resolve()}"
    if "://" not in url and not Path(url).is_absolute():
        return str(folder / url)
    return url


def _scheme(url: str) -> str | None:
    """The scheme of ``scheme://...`` or of ``scheme:rest`` (a plugin's ``aq-replay:file.csv``).

    One letter before a colon is a Windows drive (``C:\\logs\\a.csv``), not a scheme.
    """
    head, sep, _ = url.partition(":")
    if sep and len(head) > 1 and head[0].isalpha() and all(c.isalnum() or c in "+-." for c in head):
        return head.lower()
    return None


def open_source(url: str, options: Mapping[str, Any] | None = None) -> Source:
    """The source for a feed URL; a sentence naming the schemes there are when the URL fits none.

    Built-in schemes are looked up first, then the feed sources installed as
    plugins (:mod:`twin_app.core.live.source_plugins`), whose options are
    checked against their manifest and whose source runs guarded.
    """
    from twin_app.core.live.source_plugins import default_sources

    plugins = default_sources()
    scheme = _scheme(url)
    if scheme is None and Path(url).suffix.lower() in _LOGS:
        scheme = "file"  # a plain path to a log
    elif scheme is None or (
        "://" not in url and scheme not in SCHEMES and plugins.for_scheme(scheme) is None
    ):
        # "broker:1883" is a host and port, not the scheme "broker"
        raise FeedError(
            _("'{url}' is not a feed address; write it as scheme://..., with one of: {schemes}.").format(
                url=url, schemes=", ".join(_known(plugins))
            )
        )
    factory = SCHEMES.get(scheme)
    if factory is not None:
        return factory(url, dict(options or {}))
    manifest = plugins.for_scheme(scheme)
    if manifest is None:
        broken = "".join(f" {line}." for line in plugins.describe_failures())
        message = _(
            "twin_app reads no '{scheme}' feeds; use one of: {schemes} (see 'twin-app feed sources')."
        ).format(scheme=scheme + ("://" if "://" in url else ":"), schemes=", ".join(_known(plugins)))
        raise FeedError(message + broken)
    return plugins.open(manifest, url, dict(options or {}))


_LOGS = (".csv", ".jsonl", ".ndjson", ".dump")


def _known(plugins: Any) -> list[str]:
    """The schemes there are, built-in ones first, as a user writes them."""
    built_in = [s + (":" if s in OFFLINE_SCHEMES else "://") for s in SCHEMES]
    return built_in + [s + ":" for m in plugins.manifests() for s in m.schemes]


__all__ = ["OFFLINE_SCHEMES", "SCHEMES", "Factory", "in_folder", "offline_path", "open_source"]
