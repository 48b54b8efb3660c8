"""A real mosquitto broker on a free loopback port, for the live-feed tests.

Tests need the real thing (QoS 1 acknowledgements, a broker that goes away
and comes back), so they start ``mosquitto`` themselves.  Without the binary
the tests skip with the reason, except where ``TWIN_APP_REQUIRE_MOSQUITTO``
is set (``tools/test.sh``, hence CI), where they fail: CI never skips them.
"""

from __future__ import annotations

import getpass
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


def mosquitto_binary() -> str:
    found = shutil.which("mosquitto") or shutil.which("mosquitto", path="/usr/sbin:/usr/local/sbin")
    if found:
        return found
    reason = "the mosquitto broker is not installed (apt-get install mosquitto; tools/setup.sh --test does)"
    if os.environ.get("TWIN_APP_REQUIRE_MOSQUITTO"):
        pytest.fail(reason)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Broker:
    """One mosquitto process; ``stop`` and ``start`` again keep the same port."""

    def __init__(self, folder: Path, port: int | None = None, *, listener_lines: str = "") -> None:
        self.binary = mosquitto_binary()
        self.port = port or free_port()
        self.conf = folder / "mosquitto.conf"
        self.log = folder / "mosquitto.log"
        anonymous = "false" if "password_file" in listener_lines else "true"
        self.conf.write_text(
            f"per_listener_settings true\nlistener {self.port} 127.0.0.1\nallow_anonymous {anonymous}\n"
            f"{listener_lines}persistence false\nmax_queued_messages 1000000\n"
            # run as root, mosquitto would become the user "mosquitto", who cannot read the test's files
            f"user {getpass.getuser()}\n"
        )
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen([self.binary, "-c", str(self.conf)], stdout=log, stderr=log)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"mosquitto exited at start: {self.log.read_text()[-500:]}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"mosquitto did not listen on port {self.port} within 10 s")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc = None


def running_broker(folder: Path) -> Iterator[Broker]:
    broker = Broker(folder)
    broker.start()
    try:
        yield broker
    finally:
        broker.stop()
