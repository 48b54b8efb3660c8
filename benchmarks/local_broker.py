"""A mosquitto broker on a free loopback port, for the benchmarks that flood one.

Shared by bench_ingest.py and bench_gui_live.py, so both measure against the
same broker settings (a queue deep enough that the broker never drops what a
benchmark publishes).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path


def start_broker(folder: Path, *, tools: tuple[str, ...] = ()) -> tuple[subprocess.Popen[bytes], int]:
    """Start mosquitto with its config in ``folder``; ``tools``: client programs the caller also needs."""
    binary = shutil.which("mosquitto") or shutil.which("mosquitto", path="/usr/sbin")
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if binary is None or missing:
        also = f" and {', '.join(missing)}" if missing else ""
        sys.exit(
            f"{Path(sys.argv[0]).name} needs the mosquitto broker{also}: "
            "apt-get install mosquitto mosquitto-clients"
        )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    conf = folder / "mosquitto.conf"
    conf.write_text(f"listener {port} 127.0.0.1\nallow_anonymous true\nmax_queued_messages 10000000\n")
    proc = subprocess.Popen([binary, "-c", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, port
        except OSError:
            time.sleep(0.05)
    sys.exit("mosquitto did not start")
