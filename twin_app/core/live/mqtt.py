"""An MQTT feed (paho-mqtt 2): subscribe, decode, store, and only then acknowledge.

Delivery.  Messages are subscribed with QoS 1 and acknowledged by hand
(``manual_ack``): the PUBACK for a message goes to the broker only after the
batch holding it has been committed by the sink (the store).  A process
killed mid-flood therefore loses nothing the broker considers delivered; the
broker sends the unacknowledged messages again on the next session with the
same client id (at-least-once: a replayed message can be stored twice).

Bounds.  Decoding runs on paho's network thread; decoded messages wait for
the sink in a bounded queue.  The client connects with MQTT 5 and a *Receive
Maximum* equal to the queue's capacity, so the broker never has more
unacknowledged QoS 1 messages in flight to us than the queue holds.  Should
it fill anyway (QoS 0 traffic), the network thread blocks (back-pressure
through TCP) and the wait is counted in ``overflow_waits``; nothing is
dropped and nothing grows without bound.  Payloads over ``max_payload``
bytes are counted as malformed without being decoded.

Connection.  paho reconnects by itself with exponential backoff
(``reconnect_delay_set``, 1 s to 30 s); every (re)connection subscribes again
and ``status.state`` says where it stands.
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import ssl
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from twin_app.core.errors import FeedError, MalformedMessageError
from twin_app.core.i18n import _, format_number
from twin_app.core.live.mapping import PayloadMapping, decode_json
from twin_app.core.live.observation import Observation, Sink, SourceState, SourceStatus

log = logging.getLogger(__name__)

#: a decoder turns (topic, payload, received) into observations or raises MalformedMessageError
Decoder = Callable[[str, bytes, dt.datetime], list[Observation]]

MAX_SAMPLES = 5
SAMPLE_CHARS = 300


def without_credentials(url: str) -> str:
    """The URL without ``user:password@``: what a source is named and stored under, never a secret."""
    scheme, sep, rest = url.partition("://")
    host, slash, tail = rest.partition("/")
    return scheme + sep + host.rpartition("@")[2] + slash + tail


@dataclass(frozen=True)
class MqttAddress:
    """Where to connect and what to subscribe to, read from ``mqtt[s]://[user:pass@]host[:port]/filter``."""

    host: str
    port: int
    topic: str
    tls: bool = False
    username: str | None = None
    password: str | None = None

    @classmethod
    def parse(
        cls, url: str, *, default_topic: str | None = None, keep_leading_slash: bool = False
    ) -> MqttAddress:
        """Read an address by hand: a topic filter's ``#`` is no URL fragment."""
        scheme, sep, rest = url.partition("://")
        scheme = scheme.lower().removeprefix("hfp+")
        if not sep or scheme not in ("mqtt", "mqtts"):
            raise FeedError(
                _(
                    "'{url}' is not an MQTT address; write it as mqtt://host:port/topic/filter or mqtts://..."
                ).format(url=url)
            )
        hostpart, slash, topic = rest.partition("/")
        if keep_leading_slash and slash:
            topic = "/" + topic
        topic = topic or (default_topic or "")
        if not topic:
            raise FeedError(
                _(
                    "'{url}' names no topic to subscribe to; add a topic filter after the port, e.g. "
                    "{example} ('+' matches one level, '#' the rest)."
                ).format(url=url, example=f"mqtt://{hostpart or 'localhost'}/sensors/#")
            )
        user = password = None
        if "@" in hostpart:
            userinfo, _at, hostpart = hostpart.rpartition("@")
            user, _colon, pw = userinfo.partition(":")
            password = pw or None
        host, _colon, port_text = hostpart.partition(":")
        if host.startswith("["):  # IPv6 literal
            host, _bracket, port_text = hostpart[1:].partition("]")
            port_text = port_text.removeprefix(":")
        tls = scheme == "mqtts"
        try:
            port = int(port_text) if port_text else (8883 if tls else 1883)
        except ValueError:
            raise FeedError(
                _("'{url}' has the port '{port}'; a port is a number such as 1883.").format(
                    url=url, port=port_text
                )
            ) from None
        if not host:
            raise FeedError(_("'{url}' names no broker host; write mqtt://host:port/topic.").format(url=url))
        return cls(host, port, topic, tls, user or None, password)


class MqttSource:
    """A :class:`~twin_app.core.live.observation.Source` reading an MQTT broker."""

    def __init__(
        self,
        address: MqttAddress,
        *,
        name: str | None = None,
        decoder: Decoder | None = None,
        mapping: PayloadMapping | None = None,
        client_id: str | None = None,
        ca_file: str | None = None,
        queue_size: int = 20_000,
        batch_size: int = 5_000,
        max_payload: int = 256 * 1024,
    ) -> None:
        self.address = address
        self.name = name or f"mqtt://{address.host}:{address.port}/{address.topic.lstrip('/')}"
        if decoder is None:
            chosen = mapping or PayloadMapping()
            source_name = self.name

            def decoder(topic: str, payload: bytes, received: dt.datetime) -> list[Observation]:
                return decode_json(chosen, source_name, topic, payload, received)

        self._decode: Decoder = decoder
        self.status = SourceStatus(source=self.name)
        self.overflow_waits = 0
        #: the broker refused the last connection (its reason says more than the disconnection after it)
        self._refused = False
        self.max_payload = max_payload
        self.batch_size = batch_size
        self._queue_size = queue_size
        # items: (connection generation, mid, qos, observations)
        self._queue: queue.Queue[tuple[int, int, int, list[Observation]]] = queue.Queue(maxsize=queue_size)
        self._generation = 0
        self._stop = threading.Event()
        # a persistent session (clean_start False) needs a stable id:
        # then a restarted ingest gets what it missed
        self._persistent = client_id is not None
        self._client = mqtt.Client(
            CallbackAPIVersion.VERSION2,
            client_id=client_id or f"twin-app-{uuid.uuid4().hex[:12]}",
            protocol=mqtt.MQTTv5,
            manual_ack=True,
        )
        self._client.reconnect_delay_set(min_delay=1, max_delay=30)
        if address.username is not None:
            self._client.username_pw_set(address.username, address.password)
        if address.tls:
            self._client.tls_set(ca_certs=ca_file, cert_reqs=ssl.CERT_REQUIRED)
        self._client.on_connect = self._on_connect
        self._client.on_disconnect = self._on_disconnect
        self._client.on_message = self._on_message
        self._client.on_subscribe = self._on_subscribe
        #: set once the broker has granted the subscription (tests and the CLI wait on it)
        self.subscribed = threading.Event()

    # --- paho's network thread -------------------------------------------------------------
    def _on_connect(
        self, client: mqtt.Client, userdata: Any, flags: Any, reason: Any, properties: Any
    ) -> None:
        if reason.is_failure:
            self.status.state = SourceState.RECONNECTING
            self.status.last_error = _("The broker refused the connection: {reason}.").format(reason=reason)
            self._refused = True
            return
        self._generation += 1
        self.status.state = SourceState.CONNECTED
        self.status.last_error = None
        self._refused = False
        client.subscribe(self.address.topic, qos=1)

    def _on_subscribe(
        self, client: mqtt.Client, userdata: Any, mid: int, reasons: Any, properties: Any
    ) -> None:
        failed = [r for r in reasons if r.is_failure]
        if failed:
            self.status.last_error = _("The broker refused the subscription to {topic}: {reason}.").format(
                topic=self.address.topic, reason=failed[0]
            )
            return
        self.subscribed.set()

    def _on_disconnect(
        self, client: mqtt.Client, userdata: Any, flags: Any, reason: Any, properties: Any
    ) -> None:
        self.subscribed.clear()
        if self._stop.is_set() or self._refused:
            return  # a refusal says more than the disconnection that follows it
        self.status.state = SourceState.RECONNECTING
        self.status.last_error = _("Disconnected from {host}:{port}: {reason}.").format(
            host=self.address.host, port=self.address.port, reason=reason
        )

    def _malformed(self, topic: str, payload: bytes, why: str) -> None:
        self.status.malformed += 1
        if len(self.status.malformed_samples) < MAX_SAMPLES:
            text = payload[:SAMPLE_CHARS].decode("utf-8", errors="replace")
            self.status.malformed_samples.append(f"{topic}: {why}: {text}")
            log.warning("%s: malformed message on %s (%s): %s", self.name, topic, why, text)

    def _on_message(self, client: mqtt.Client, userdata: Any, message: mqtt.MQTTMessage) -> None:
        self.status.received += 1
        received = dt.datetime.now(dt.UTC)
        payload = bytes(message.payload)
        observations: list[Observation] = []
        if len(payload) > self.max_payload:
            self._malformed(
                message.topic,
                payload[:SAMPLE_CHARS],
                _("the payload of {size} bytes is over the limit of {limit}").format(
                    size=format_number(len(payload)), limit=format_number(self.max_payload)
                ),
            )
        else:
            try:
                observations = self._decode(message.topic, payload, received)
            except MalformedMessageError as exc:
                self._malformed(message.topic, payload, str(exc))
            except Exception as exc:  # a decoder's bug must not stop the feed either
                self._malformed(
                    message.topic, payload, _("the decoder failed: {error}").format(error=repr(exc))
                )
        item = (self._generation, message.mid, message.qos, observations)
        try:
            self._queue.put_nowait(item)
        except queue.Full:
            self.overflow_waits += 1
            while not self._stop.is_set():
                try:
                    self._queue.put(item, timeout=0.2)
                    break
                except queue.Full:
                    continue

    # --- the caller's thread ---------------------------------------------------------------
    def run(self, sink: Sink, *, until: float | None = None) -> None:
        client = self._client
        props = Properties(PacketTypes.CONNECT)
        props.ReceiveMaximum = min(self._queue_size, 65_535)
        if self._persistent:
            props.SessionExpiryInterval = 3600
        self.status.state = SourceState.CONNECTING
        client.connect_async(
            self.address.host,
            self.address.port,
            keepalive=30,
            clean_start=not self._persistent,
            properties=props,
        )
        client.loop_start()
        window_start, window_count = time.monotonic(), 0
        try:
            while not self._stop.is_set() and (until is None or time.monotonic() < until):
                items = self._take(0.1)
                if items:
                    window_count += self._deliver(sink, items)
                now = time.monotonic()
                if now - window_start >= 1.0:
                    self.status.messages_per_s = window_count / (now - window_start)
                    window_start, window_count = now, 0
            self._deliver(sink, self._take(0.0))  # what already arrived is stored, then acknowledged
        finally:
            self._stop.set()
            client.disconnect()
            client.loop_stop()
            self.status.state = SourceState.STOPPED

    def _take(self, wait: float) -> list[tuple[int, int, int, list[Observation]]]:
        items = []
        try:
            items.append(self._queue.get(timeout=wait) if wait > 0 else self._queue.get_nowait())
            while len(items) < self.batch_size:
                items.append(self._queue.get_nowait())
        except queue.Empty:
            pass
        return items

    def _deliver(self, sink: Sink, items: list[tuple[int, int, int, list[Observation]]]) -> int:
        batch = [obs for *_, observations in items for obs in observations]
        if batch:
            sink(batch)  # returns once committed; only then do we acknowledge
            self.status.stored += len(batch)
        generation = self._generation
        for gen, mid, qos, _obs in items:
            # a message from an earlier connection is sent again by the broker; its old id means nothing now
            if qos > 0 and gen == generation:
                self._client.ack(mid, qos)
        return len(items)

    def stop(self) -> None:
        self._stop.set()


__all__ = ["Decoder", "MqttAddress", "MqttSource", "without_credentials"]
