"""The feeds of a window, each on its own worker thread, all writing to one store.

A city's ``[[feeds]]`` and the feeds a user connects are started here: each
source runs on a daemon thread with the store's ``append`` as its sink, so
every observation is committed before playback can read it.  One writer
connection serves all feeds (SQLite has one writer at a time anyway, and the
store's lock serialises batches); the window's playback reads through its own
read-only connection and never waits on these commits.

A feed that cannot be opened or that fails while running does not stop the
others: its status turns :attr:`SourceState.FAILED` with a sentence in
``last_error``, which the feed panel shows.
"""

from __future__ import annotations

import copy
import datetime as dt
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from twin_app.core.errors import FeedError, TwinError
from twin_app.core.i18n import _
from twin_app.core.layers import LiveLayer
from twin_app.core.live.feeds import FeedSpec
from twin_app.core.live.observation import Observation, Source, SourceState, SourceStatus
from twin_app.core.live.playback import SensorReadings, TimeVarying, VehicleTracks
from twin_app.core.live.sources import open_source
from twin_app.core.live.store import ObservationStore

#: schemes whose address is a local file: a city's relative path is resolved in its folder
OFFLINE_SCHEMES = ("file", "schedule", "sensor-sim")
#: a feed's options for how it is replayed (read by ``items_for``), not passed to its source
PLAYBACK_OPTIONS = ("delay_s", "max_gap_s", "staleness_s")


def resolve_offline(url: str, folder: Path | None) -> str:
    """``url`` with a local file's path resolved against ``folder`` and confined to it.

    ``file://logs/a.csv``, ``schedule:gtfs/feed.zip`` and ``sensor-sim:stations.csv``
    written in a city's ``city.toml`` name files of that city: a path that
    leaves the folder (``../``, an absolute path elsewhere) is refused, as
    opening a city must not read files it does not hold.  Network URLs and
    URLs given without a folder are returned as they are.
    """
    scheme, sep, rest = url.partition(":")
    if not sep or scheme.lower() not in OFFLINE_SCHEMES or folder is None:
        return url
    prefix = "//" if rest.startswith("//") else ""
    path_text = rest[len(prefix) :]
    if not path_text:
        raise FeedError(
            _("The feed '{url}' names no file; write {form} with a path in the city folder.").format(
                url=url, form=f"{scheme}:{prefix}PATH"
            )
        )
    base = folder.resolve()
    path = (base / path_text).resolve()
    if not path.is_relative_to(base):
        raise FeedError(
            _(
                "The feed '{url}' names a file outside the city folder '{folder}'; "
                "copy the file into the folder and give its path relative to it."
            ).format(url=url, folder=folder)
        )
    return f"{scheme}:{prefix}{path}"


@dataclass
class _Feed:
    spec: FeedSpec
    status: SourceStatus
    source: Source | None = None
    thread: threading.Thread | None = None


class FeedHub:
    """Feeds running into one observation store.

    ``statuses`` and ``latest_time`` are safe to call from the GUI thread at
    any time; ``start`` and ``stop`` from the thread that owns the hub.
    """

    def __init__(self, store_path: Path | str) -> None:
        self.store_path = Path(store_path)
        self.store_path.parent.mkdir(parents=True, exist_ok=True)
        self.store = ObservationStore(self.store_path)
        self._feeds: dict[str, _Feed] = {}
        self._lock = threading.Lock()
        self._latest: dt.datetime | None = None
        self._closed = False

    # -- running feeds ------------------------------------------------------
    def start(self, spec: FeedSpec, folder: Path | None = None) -> None:
        """Run ``spec``'s source on a worker thread; a source that cannot be opened is shown FAILED."""
        if self._closed:
            raise FeedError(
                _("The feeds were stopped and their store closed; open the city again to start feeds.")
            )
        with self._lock:
            running = self._feeds.get(spec.id)
            if running is not None and running.thread is not None and running.thread.is_alive():
                raise FeedError(
                    _("The feed '{feed}' is already running; stop it before starting it again.").format(
                        feed=spec.id
                    )
                )
        options = {k: v for k, v in spec.options.items() if k not in PLAYBACK_OPTIONS}
        options["name"] = spec.id  # what the store and the live layer know the feed by
        feed = _Feed(spec=spec, status=SourceStatus(source=spec.id))
        try:
            source = open_source(resolve_offline(spec.source, folder), options)
        except (TwinError, ValueError, OSError) as exc:
            feed.status.state = SourceState.FAILED
            feed.status.last_error = _("The feed '{feed}' could not be opened: {reason}").format(
                feed=spec.title, reason=_sentence(exc)
            )
            with self._lock:
                self._feeds[spec.id] = feed
            return
        source.status.source = spec.id
        feed.source = source
        feed.status = source.status
        feed.thread = threading.Thread(target=self._run, args=(feed,), name=f"feed {spec.id}", daemon=True)
        with self._lock:
            self._feeds[spec.id] = feed
        feed.thread.start()

    def _run(self, feed: _Feed) -> None:
        assert feed.source is not None
        try:
            feed.source.run(self._sink)
        except Exception as exc:  # a source's defect must not take the others (or the window) down
            feed.status.state = SourceState.FAILED
            feed.status.last_error = _("The feed '{feed}' stopped with an error: {reason}").format(
                feed=feed.spec.title, reason=_sentence(exc)
            )

    def _sink(self, batch: list[Observation]) -> None:
        self.store.append(batch)
        newest = max(obs.time for obs in batch) if batch else None
        if newest is not None:
            with self._lock:
                if self._latest is None or newest > self._latest:
                    self._latest = newest

    def stop(self, feed_id: str, timeout: float = 2.0) -> bool:
        """Stop one feed; True when its thread ended within ``timeout`` seconds."""
        with self._lock:
            feed = self._feeds.get(feed_id)
        if feed is None:
            raise self._no_such_feed(feed_id)
        if feed.source is not None:
            feed.source.stop()
        if feed.thread is not None:
            feed.thread.join(timeout)
            return not feed.thread.is_alive()
        return True

    def stop_all(self, timeout: float = 2.0) -> bool:
        """Stop every feed, waiting at most ``timeout`` seconds in all; the store is closed once all ended.

        Returns False when a source did not end in time (its daemon thread
        then ends with the process, and the store stays open for it).
        """
        with self._lock:
            feeds = list(self._feeds.values())
        for feed in feeds:
            if feed.source is not None:
                feed.source.stop()
        deadline = time.monotonic() + timeout
        for feed in feeds:
            if feed.thread is not None:
                feed.thread.join(max(0.0, deadline - time.monotonic()))
        ended = all(f.thread is None or not f.thread.is_alive() for f in feeds)
        if ended and not self._closed:
            self._closed = True
            self.store.close()
        return ended

    # -- what the window reads ------------------------------------------------
    def statuses(self) -> list[SourceStatus]:
        """A copy of each feed's status, in the order the feeds were started."""
        with self._lock:
            feeds = list(self._feeds.values())
        return [copy.deepcopy(f.status) for f in feeds]

    def status(self, feed_id: str) -> SourceStatus:
        with self._lock:
            feed = self._feeds.get(feed_id)
        if feed is None:
            raise self._no_such_feed(feed_id)
        return copy.deepcopy(feed.status)

    def _no_such_feed(self, feed_id: str) -> FeedError:
        if not self._feeds:
            return FeedError(_("No feed '{feed}' runs here; no feed runs at all.").format(feed=feed_id))
        return FeedError(
            _("No feed '{feed}' runs here; the feeds are: {feeds}.").format(
                feed=feed_id, feeds=", ".join(self._feeds)
            )
        )

    def latest_time(self) -> dt.datetime | None:
        """The newest observation time stored through the hub: "now" of a simulated or replayed feed."""
        with self._lock:
            return self._latest

    @property
    def specs(self) -> list[FeedSpec]:
        with self._lock:
            return [f.spec for f in self._feeds.values()]

    # -- what a feed is drawn as ---------------------------------------------
    @staticmethod
    def layers_for(spec: FeedSpec, crs: str) -> list[LiveLayer]:
        """The live layer a feed's observations are drawn in (its id is the feed's)."""
        notes = [spec.simulated] if spec.simulated else []
        return [
            LiveLayer(
                id=spec.id,
                title=spec.title,
                crs=crs,
                visible=spec.visible,
                attribution=spec.attribution,
                notes=notes,
                feed=spec.id,
                observation_kind=spec.kind,
                quantity=spec.quantity,
                units=spec.units,
                threshold=spec.threshold,
                simulated=spec.simulated,
                simulated_texts=dict(spec.simulated_texts),
                titles=dict(spec.titles),
            )
        ]

    @staticmethod
    def items_for(spec: FeedSpec, crs: str) -> list[TimeVarying]:
        """What playback replays for a feed: its vehicles' tracks or its sensors' readings."""
        options: Mapping[str, Any] = spec.options
        if spec.kind == "vehicle":
            return [
                VehicleTracks(
                    spec.id,
                    spec.id,
                    crs,
                    delay_s=float(options.get("delay_s", 0.0)),
                    max_gap_s=float(options.get("max_gap_s", 120.0)),
                )
            ]
        return [
            SensorReadings(
                spec.id,
                spec.id,
                crs,
                threshold=spec.threshold,
                staleness_s=float(options.get("staleness_s", 900.0)),
            )
        ]


def _sentence(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    # a sentence in Chinese or Japanese ends with a full-width stop: no Latin one after it
    return text if text.endswith((".", "!", "?", "。", "！", "？")) else text + "."


__all__ = ["OFFLINE_SCHEMES", "PLAYBACK_OPTIONS", "FeedHub", "resolve_offline"]
