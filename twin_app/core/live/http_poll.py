"""Polling an HTTP feed politely: timeouts, a size limit, backoff with jitter, conditional GET.

GTFS-realtime and OGC SensorThings are both *polled*: the twin asks every few
seconds and the server answers with the whole feed (GTFS-rt) or what is new
(SensorThings).  Both need the same manners, kept here once:

- every request has a timeout, and a response larger than ``max_bytes`` is
  refused while it is read (a misconfigured server must not fill memory);
  the refusal is counted in the status as a malformed message with a note;
- a connection error, a timeout or a 5xx answer puts the source in
  ``reconnecting`` and waits ``base * 2**(failures-1)`` seconds (capped),
  times a random factor in [0.5, 1], so many clients that lost the same
  server do not come back in lockstep ("equal jitter");
- a ``Retry-After`` header (seconds or an HTTP date, on 429 and 503) is
  honoured instead of the computed delay, capped by the same maximum;
- ``ETag`` and ``Last-Modified`` are remembered per URL and sent back as
  ``If-None-Match`` / ``If-Modified-Since``; a ``304 Not Modified`` costs no
  body and no decoding;
- every wait is on a :class:`threading.Event`, so ``stop()`` ends it at once.

Plain :mod:`urllib.request` on purpose: no HTTP dependency for two GETs.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import http.client
import random
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from twin_app.core.i18n import _, format_number
from twin_app.core.live.observation import Sink, SourceState, SourceStatus

#: a response larger than this is refused (bytes); feeds of a whole region stay well below
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_TIMEOUT_S = 10.0
DEFAULT_BACKOFF_BASE_S = 1.0
DEFAULT_BACKOFF_MAX_S = 300.0
#: how many malformed samples a status keeps (the log needs a few, not all)
MAX_SAMPLES = 5
SAMPLE_CHARS = 200
_CHUNK = 64 * 1024
USER_AGENT = "twin-app (urban digital twin; polling feed)"


class TransientError(Exception):
    """The server could not be reached or answered with an error worth retrying later."""

    def __init__(self, message: str, *, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class ResponseTooLarge(Exception):
    """The server sent more than the size limit; the body was not read further."""


@dataclass(frozen=True)
class PollSettings:
    """The knobs of one polling source, read from its ``options`` mapping."""

    interval_s: float
    timeout_s: float = DEFAULT_TIMEOUT_S
    max_bytes: int = DEFAULT_MAX_BYTES
    backoff_base_s: float = DEFAULT_BACKOFF_BASE_S
    backoff_max_s: float = DEFAULT_BACKOFF_MAX_S

    @classmethod
    def from_options(cls, interval_s: float, options: Mapping[str, Any] | None) -> PollSettings:
        opts = dict(options or {})
        settings = cls(
            interval_s=float(interval_s),
            timeout_s=float(opts.get("timeout_s", DEFAULT_TIMEOUT_S)),
            max_bytes=int(opts.get("max_bytes", DEFAULT_MAX_BYTES)),
            backoff_base_s=float(opts.get("backoff_base_s", DEFAULT_BACKOFF_BASE_S)),
            backoff_max_s=float(opts.get("backoff_max_s", DEFAULT_BACKOFF_MAX_S)),
        )
        for name in ("interval_s", "timeout_s", "backoff_base_s", "backoff_max_s"):
            if not getattr(settings, name) > 0:
                raise ValueError(
                    _("The polling option {option} must be a positive number of seconds.").format(option=name)
                )
        if settings.max_bytes <= 0:
            raise ValueError(_("The polling option max_bytes must be a positive number of bytes."))
        return settings


def check_http_url(url: str, *, what: str) -> str:
    """``url`` when it is http(s) with a host; a sentence naming the problem otherwise.

    urllib would also open ``file:`` and ``ftp:`` URLs: a feed URL must never read local files.
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(
            _(
                "The {what} URL {url} is not an http:// or https:// address with a host; "
                "give the full address of the feed."
            ).format(what=what, url=repr(url))
        )
    return url


def backoff_delay(failures: int, settings: PollSettings, rng: random.Random) -> float:
    """Seconds to wait after ``failures`` failures in a row: capped exponential, equal jitter."""
    ceiling = min(settings.backoff_max_s, settings.backoff_base_s * 2 ** max(0, failures - 1))
    return ceiling * rng.uniform(0.5, 1.0)


def parse_retry_after(value: str | None, *, now: dt.datetime | None = None) -> float | None:
    """``Retry-After`` as seconds from now: an integer of seconds or an HTTP date (RFC 9110)."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    now = now or dt.datetime.now(dt.UTC)
    return max(0.0, (when - now).total_seconds())


def note_malformed(status: SourceStatus, sample: str, error: str) -> None:
    """Count a message that could not be used, keep a short sample, and say why."""
    status.malformed += 1
    status.last_error = error
    if len(status.malformed_samples) < MAX_SAMPLES:
        status.malformed_samples.append(sample[:SAMPLE_CHARS])


class HttpPoller:
    """GETs for one source, and the loop that polls, backs off and stops on request."""

    def __init__(
        self,
        status: SourceStatus,
        settings: PollSettings,
        *,
        headers: Mapping[str, str] | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.status = status
        self.settings = settings
        self._headers = {"User-Agent": USER_AGENT, **dict(headers or {})}
        self._rng = rng or random.Random()
        self._stop = threading.Event()
        #: url -> (ETag, Last-Modified) from the last full answer
        self._validators: dict[str, tuple[str | None, str | None]] = {}
        self.failures = 0
        self.requests = 0
        self.not_modified = 0

    # -- one request --------------------------------------------------------------------
    def get(self, url: str, *, conditional: bool = False, accept: str | None = None) -> bytes | None:
        """The body of ``url``, or None when a conditional GET was answered 304 Not Modified.

        Raises :class:`TransientError` for what is worth retrying (no connection,
        timeout, 5xx, 429, other HTTP errors) and :class:`ResponseTooLarge`.
        """
        headers = dict(self._headers)
        if accept:
            headers["Accept"] = accept
        if conditional and url in self._validators:
            etag, modified = self._validators[url]
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
        request = urllib.request.Request(url, headers=headers, method="GET")
        self.requests += 1
        try:
            with urllib.request.urlopen(request, timeout=self.settings.timeout_s) as response:
                body = self._read_limited(response, url)
                if conditional:
                    self._validators[url] = (
                        response.headers.get("ETag"),
                        response.headers.get("Last-Modified"),
                    )
                return body
        except urllib.error.HTTPError as error:
            if error.code == 304:
                self.not_modified += 1
                return None
            retry_after = parse_retry_after(error.headers.get("Retry-After")) if error.headers else None
            raise TransientError(
                _("The server at {url} answered HTTP {code} ({reason}).").format(
                    url=url, code=error.code, reason=error.reason
                ),
                retry_after_s=retry_after,
            ) from error
        except urllib.error.URLError as error:
            raise TransientError(
                _("Could not reach {url}: {reason}.").format(url=url, reason=error.reason)
            ) from error
        except TimeoutError as error:
            raise TransientError(
                _("{url} did not answer within {seconds} s.").format(
                    url=url, seconds=format_number(self.settings.timeout_s)
                )
            ) from error
        except (OSError, http.client.HTTPException) as error:
            raise TransientError(
                _("The connection to {url} broke off ({error}).").format(
                    url=url, error=f"{type(error).__name__}: {error or _('no answer')}"
                )
            ) from error

    def _read_limited(self, response: Any, url: str) -> bytes:
        limit = self.settings.max_bytes
        declared = response.headers.get("Content-Length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            raise ResponseTooLarge(
                _(
                    "The response from {url} is {size} bytes, over the limit of {limit}; it was refused."
                ).format(url=url, size=format_number(int(declared)), limit=format_number(limit))
            )
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = response.read(_CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise ResponseTooLarge(
                    _("The response from {url} grew past the limit of {limit} bytes; it was refused.").format(
                        url=url, limit=format_number(limit)
                    )
                )
            chunks.append(chunk)
        return b"".join(chunks)

    # -- the loop -------------------------------------------------------------------------
    def run(self, poll_once: Callable[[], object], *, until: float | None = None) -> None:
        """Call ``poll_once`` every ``interval_s`` until stopped or ``until`` (monotonic) passes.

        Network trouble is retried with backoff; any other exception (a sink that
        cannot store) leaves the source ``failed`` and is raised to the caller.
        """
        self.status.state = SourceState.CONNECTING
        last_poll = time.monotonic()
        try:
            while not self._should_end(until):
                received_before = self.status.received
                try:
                    poll_once()
                except TransientError as error:
                    self.failures += 1
                    self.status.state = SourceState.RECONNECTING
                    self.status.last_error = str(error)
                    delay = backoff_delay(self.failures, self.settings, self._rng)
                    if error.retry_after_s is not None:
                        delay = min(self.settings.backoff_max_s, error.retry_after_s)
                    self.wait(delay, until)
                    continue
                except ResponseTooLarge as error:
                    note_malformed(self.status, str(error), str(error))
                    self.status.state = SourceState.CONNECTED
                    self.wait(self.settings.interval_s, until)
                    continue
                self.failures = 0
                self.status.state = SourceState.CONNECTED
                # a polled feed's rate: what the last poll brought over the time since the one before
                now = time.monotonic()
                self.status.messages_per_s = (self.status.received - received_before) / max(
                    now - last_poll, 1e-3
                )
                last_poll = now
                self.wait(self.settings.interval_s, until)
        except Exception as error:
            # not the network's fault (the sink, i.e. the store, failed): polling on would
            # fetch what cannot be kept; the caller hears the error, the panel shows it
            self.status.state = SourceState.FAILED
            self.status.last_error = _("The feed stopped: {error}").format(
                error=f"{type(error).__name__}: {error}"
            )
            raise
        self.status.state = SourceState.STOPPED

    def mark_connected(self) -> None:
        """A request succeeded: the source is connected and the failure count starts again."""
        self.failures = 0
        self.status.state = SourceState.CONNECTED

    def wait(self, seconds: float, until: float | None = None) -> bool:
        """Sleep ``seconds`` (never past ``until``); True when stopped meanwhile."""
        if until is not None:
            seconds = min(seconds, until - time.monotonic())
        if seconds > 0:
            return self._stop.wait(seconds)
        return self._stop.is_set()

    def _should_end(self, until: float | None) -> bool:
        return self._stop.is_set() or (until is not None and time.monotonic() >= until)

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def stop(self) -> None:
        self._stop.set()


__all__ = [
    "DEFAULT_MAX_BYTES",
    "HttpPoller",
    "PollSettings",
    "ResponseTooLarge",
    "TransientError",
    "backoff_delay",
    "check_http_url",
    "note_malformed",
    "parse_retry_after",
]


class PolledSource:
    """What every polled feed shares: its status, its poller, and ``run``/``stop`` around ``poll_once``.

    A subclass reads its own options after calling ``__init__`` and defines
    ``poll_once(sink) -> int`` (observations handed to the sink).
    """

    def __init__(
        self, url: str, *, what: str, source_id: str, interval_s: float, options: Mapping[str, Any] | None
    ) -> None:
        self.url = check_http_url(url, what=what)
        self.source_id = source_id
        self.status = SourceStatus(source=source_id)
        self.options: dict[str, Any] = dict(options or {})
        self._poller = HttpPoller(
            self.status,
            PollSettings.from_options(interval_s, self.options),
            headers=self.options.get("headers"),
        )

    @property
    def poller(self) -> HttpPoller:
        return self._poller

    def poll_once(self, sink: Sink) -> int:
        raise NotImplementedError

    def run(self, sink: Sink, *, until: float | None = None) -> None:
        self._poller.run(lambda: self.poll_once(sink), until=until)

    def stop(self) -> None:
        self._poller.stop()
