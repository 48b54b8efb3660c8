"""A city's live feeds in the window: started, stored, replayed on one clock, drawn at a bounded rate.

The window's part of "stored before shown": every feed's source runs on a
worker thread of a :class:`~twin_app.core.live.hub.FeedHub` and writes into
a store outside the city folder (opening a city only reads it); the GUI
reads the store back through playback's own read-only connection, so it
never waits for a writer's fsync.  One frame timer, at most
:data:`MAX_FPS` a second and slower when a frame takes longer, advances the
clock, shows every time-varying layer at its time and redraws once: a flood
of messages changes how much is stored, never how often the window works.

In live mode the clock follows the newest stored observation minus
:data:`LIVE_DELAY_S`, so vehicles are drawn between two fixes they already
have (moving smoothly) rather than at the last fix (jumping).
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import datetime as dt
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QStandardPaths, QTimer

from twin_app.core.i18n import format_number
from twin_app.core.layers import LiveLayer
from twin_app.core.live.clock import Clock
from twin_app.core.live.feeds import FeedSpec
from twin_app.core.live.frames import SensorFrame
from twin_app.core.model import CityModel
from twin_app.qt.feeds import FeedPanel
from twin_app.qt.timebar import TimeBar, city_zone, format_time

#: tests and portable installs put the live stores here instead of the user's data folder
LIVE_DIR_ENV = "TWIN_APP_LIVE_DIR"
MAX_FPS = 10
#: how far behind the newest observation live mode shows (s): two fixes of a 1 Hz feed and some slack
LIVE_DELAY_S = 3.0
#: the feed panel is refreshed this often (s), by the frame timer: at most twice a second
PANEL_EVERY_S = 0.5
#: the span the slider covers is read again this often (s): it grows as the feeds store more
SPAN_EVERY_S = 1.0


#: extra references to None, topped up while the live timer runs (see :func:`keep_none_alive`)
_NONE_BALLAST: list[None] = []
NONE_FLOOR = 1_000_000


def keep_none_alive() -> None:
    """Hold enough references to ``None`` that a binding that drops them cannot free it.

    PySide6 6.12 on Python 3.11 (where ``None`` is reference-counted, not
    immortal) loses one reference to ``None`` in each call of a setter such
    as ``QLabel.setText`` or ``QSlider.setValue`` (measured: ``sys.getrefcount(None)``
    falls by one per call).  A live window calls dozens a second; with the
    few thousand references a process starts with, Python aborts with
    "deallocating None" after a minute or two of replay.  Until the binding
    is fixed the frame timer keeps a store of references here: about 8 MB
    per million calls.
    """
    if sys.getrefcount(None) < NONE_FLOOR:
        if not _NONE_BALLAST:
            # the store itself must outlive the interpreter's last collection: freed at exit it
            # would give back the references the binding took, and None would be freed after all
            atexit.register(ctypes.pythonapi.Py_IncRef, ctypes.py_object(_NONE_BALLAST))
        _NONE_BALLAST.extend([None] * NONE_FLOOR)


def live_store_path(city_name: str) -> Path:
    """Where a city's observations are stored: ``$TWIN_APP_LIVE_DIR``, else the user's data folder.

    Never the city's own folder: opening a city only reads it.
    """
    folder = os.environ.get(LIVE_DIR_ENV)
    if folder:
        base = Path(folder)
    else:
        data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        base = Path(data or Path.home() / ".twin_app") / "live"
    base.mkdir(parents=True, exist_ok=True)
    return base / f"{city_name}.gpkg"


class LiveSession(QObject):
    """One open city's feeds: the hub that stores them, the playback that shows them, the clock, the timer."""

    def __init__(
        self,
        model: CityModel,
        store_path: Path,
        *,
        panel: FeedPanel,
        timebar: TimeBar,
        render: Callable[[], None],
        alert: Callable[[str, str], None],
        render_window: Any = None,
        parent: QObject | None = None,
    ) -> None:
        """``render`` asks for one redraw; ``render_window`` (VTK's) lets the session time the redraws."""
        super().__init__(parent)
        from twin_app.core.live.hub import FeedHub
        from twin_app.core.live.playback import Playback

        self.model = model
        self.store_path = store_path
        self.hub = FeedHub(store_path)
        self.playback = Playback(model, store_path)
        self.clock = Clock(time=dt.datetime.now(dt.UTC), live=True, playing=True)
        self.panel = panel
        self.timebar = timebar
        self.render = render
        self.alert = alert
        self.specs: list[FeedSpec] = []
        self.zone = city_zone(getattr(model.manifest, "timezone", None))
        timebar.clock = self.clock
        timebar.set_zone(getattr(model.manifest, "timezone", None))
        timebar.changed.connect(self.tick)
        panel.set_feeds([])
        panel.follow(self.hub.statuses, own_timer=False)  # refreshed by ``tick``, with the frame
        self._last_panel = 0.0
        self._alerting: dict[str, set[str]] = {}
        self._last_tick = time.monotonic()
        self._last_span = 0.0
        self._shown: dt.datetime | None = None
        #: the duration of the last frames' work on the clock and playback (s)
        self.frame_times: list[float] = []
        #: the duration of the last redraws of the view (s), whatever asked for them
        self.render_times: list[float] = []
        self._render_started = 0.0
        self._observers: list[tuple[Any, int]] = []
        if render_window is not None:
            self._observers = [
                (render_window, render_window.AddObserver("StartEvent", self._render_start)),
                (render_window, render_window.AddObserver("EndEvent", self._render_end)),
            ]
        self.timer = QTimer(self)
        self.timer.setInterval(1000 // MAX_FPS)
        self.timer.timeout.connect(self.tick)
        self.stopped = False

    # -- feeds --------------------------------------------------------------------------------------
    def start_feed(self, spec: FeedSpec, folder: Path | None) -> list[LiveLayer]:
        """Start ``spec``'s source (stored from now on), add its live layers, and play them."""
        crs = self.model.manifest.crs
        self.hub.start(spec, folder)
        layers = list(self.hub.layers_for(spec, crs))
        for layer in layers:
            if layer.id not in self.model.layers:
                self.model.add_layer(layer)
        for item in self.hub.items_for(spec, crs):
            self.playback.add(item)
        self.specs.append(spec)
        self.panel.add_feed(spec)
        return layers

    def simulated(self) -> list[str]:
        """The plain statement of each simulated feed shown: what is simulated, and from what."""
        return [s.display_simulated() or "" for s in self.specs if s.simulated]

    def simulated_titles(self) -> list[str]:
        return [s.display_title() for s in self.specs if s.simulated]

    # -- the frame timer ------------------------------------------------------------------------------
    def start(self) -> None:
        if not self.stopped and not self.timer.isActive():
            self._last_tick = time.monotonic()
            self.timer.start()

    def tick(self) -> None:
        """Advance the clock by the wall time that passed, show every live layer at it, redraw once."""
        if self.stopped:
            return
        keep_none_alive()
        started = time.monotonic()
        elapsed, self._last_tick = started - self._last_tick, started
        if started - self._last_span >= SPAN_EVERY_S:
            self._last_span = started
            span = self.playback.span()
            if span is not None:
                self.timebar.set_span(*span)
        now = None
        if self.clock.live:  # the hub knows its newest observation without asking the store
            latest = self.hub.latest_time() or self.playback.latest_time()
            if latest is not None:
                now = latest - dt.timedelta(seconds=LIVE_DELAY_S)
        shown = self.clock.advance(elapsed, now=now)
        if shown != self._shown or self.clock.live:
            self.playback.show(shown)
            self._shown = shown
            self._check_alerts()
            self.render()
        self.timebar.refresh()
        if started - self._last_panel >= PANEL_EVERY_S:
            self._last_panel = started
            self.panel.refresh()
        cost = time.monotonic() - started
        self.frame_times.append(cost)
        del self.frame_times[:-100_000]
        # a frame (its work here and its redraw) longer than the timer's period would leave the
        # window no time for the user: slow down instead, leaving a third of the time free
        drawn = self.render_times[-1] if self.render_times else 0.0
        self.timer.setInterval(max(1000 // MAX_FPS, int((cost + drawn) * 1500)))

    def _render_start(self, *_: Any) -> None:
        self._render_started = time.perf_counter()

    def _render_end(self, *_: Any) -> None:
        if self._render_started:
            self.render_times.append(time.perf_counter() - self._render_started)
            del self.render_times[:-100_000]

    def _check_alerts(self) -> None:
        """One message per onset: a station that turns red is reported, one that stays red is not again."""
        for layer in self.model.layers.values():
            if not isinstance(layer, LiveLayer) or not isinstance(layer.frame, SensorFrame):
                continue
            frame = layer.frame
            now = set(frame.alerts)
            before = self._alerting.get(layer.id, set())
            for station in sorted(now - before):
                i = frame.ids.index(station)
                value = float(frame.values[i])
                unit = frame.unit or layer.units or ""
                local = format_time(frame.time, self.zone)
                reading = f"{format_number(value)} {unit}".strip()
                if layer.threshold is not None:
                    text = self.tr("{station} reads {reading} at {time}: beyond {rule}.").format(
                        station=station, reading=reading, time=local, rule=layer.threshold.describe()
                    )
                else:
                    text = self.tr("{station} reads {reading} at {time}: beyond its threshold.").format(
                        station=station, reading=reading, time=local
                    )
                self.alert(layer.display_title(), text)
            self._alerting[layer.id] = now

    def stop(self, timeout: float = 3.0) -> None:
        """Stop the timer, the panel's polling and every source (what they acknowledged is stored)."""
        if self.stopped:
            return
        self.stopped = True
        self.timer.stop()
        self.panel.stop()
        for window, tag in self._observers:
            window.RemoveObserver(tag)
        self._observers = []
        with contextlib.suppress(RuntimeError, TypeError):
            self.timebar.changed.disconnect(self.tick)
        self.hub.stop_all(timeout=timeout)
        close: Any = getattr(self.playback, "close", None)
        if callable(close):
            close()


__all__ = ["LIVE_DELAY_S", "LIVE_DIR_ENV", "MAX_FPS", "LiveSession", "live_store_path"]
