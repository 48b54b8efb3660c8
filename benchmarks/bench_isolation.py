"""What running each analysis in a child process costs, on Helsinki.

Two measurements, each with isolation on (the default) and off
(``TWIN_APP_PLUGIN_ISOLATION=0``: in-process, on copies of the layers):

1. ``twin-app run ANALYSIS helsinki --json`` end to end, as a user runs it:
   a fresh process each time, so no cache survives between runs either way.
2. ``run_analysis`` repeated on one loaded city, as the window runs it: in
   process, the second run reuses what the first cached (people placed in
   buildings, zonal indexes); isolated, those caches are made in the child and
   lost with it, so every run pays for them.  The last column forks from a
   parent whose caches were warmed by the in-process runs: what warming them
   before forking would give.

Times are wall-clock and CPU (user + system, this process and its children);
on a shared machine trust the CPU column more.

    .venv/bin/python benchmarks/bench_isolation.py [--repeat 3] [--skip-cli]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

ANALYSES = ("transit-access", "green-space-access", "heat-exposure")


def cpu_seconds() -> float:
    """User + system time of this process and of its reaped children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def measure(func: Callable[[], Any]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), cpu_seconds()
    func()
    return time.perf_counter() - wall, cpu_seconds() - cpu


def bench_cli(repeat: int) -> None:
    print(f"twin-app run ANALYSIS helsinki --json (median of {repeat}; a fresh process each run)")
    print(f"{'analysis':<20} {'isolated wall/cpu s':>20} {'in-process wall/cpu s':>22} {'cpu overhead':>13}")
    for analysis in ANALYSES:
        medians = {}
        for isolation in ("1", "0"):
            env = {**os.environ, "TWIN_APP_PLUGIN_ISOLATION": isolation}
            cmd = [sys.executable, "-m", "twin_app", "run", analysis, "helsinki", "--json"]
            runs = [
                measure(lambda c=cmd, e=env: subprocess.run(c, env=e, check=True, stdout=subprocess.DEVNULL))
                for _ in range(repeat)
            ]
            walls, cpus = zip(*runs, strict=True)
            medians[isolation] = (statistics.median(walls), statistics.median(cpus))
        (wi, ci), (wp, cp) = medians["1"], medians["0"]
        print(f"{analysis:<20} {wi:>9.2f} / {ci:>8.2f} {wp:>11.2f} / {cp:>8.2f} {ci - cp:>+12.2f}")


def bench_in_process(repeat: int) -> None:
    from twin_app.core.loading import load_city
    from twin_app.core.runner import run_analysis

    model = load_city("helsinki")
    print()
    print(f"run_analysis on one loaded Helsinki (CPU s; 'again' = best of {repeat - 1} further runs)")
    print(
        f"{'analysis':<20} {'isolated first':>15} {'isolated again':>15} "
        f"{'in-proc first':>14} {'in-proc again':>14} {'isolated, warm parent':>22}"
    )

    def cold() -> None:
        """Forget what earlier runs cached in this process (people placed, zonal indexes)."""
        from twin_app.core import zonal

        model._people.clear()
        zonal.clear_cache()

    for analysis in ANALYSES:
        cold()

        def cpu(isolate: bool, a: str = analysis) -> float:
            return measure(lambda: run_analysis(a, model, {}, isolate=isolate))[1]

        iso = [cpu(True) for _ in range(repeat)]
        here = [cpu(False) for _ in range(repeat)]
        warm = min(cpu(True) for _ in range(2))
        print(
            f"{analysis:<20} {iso[0]:>15.2f} {min(iso[1:]):>15.2f} "
            f"{here[0]:>14.2f} {min(here[1:]):>14.2f} {warm:>22.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-cli", action="store_true", help="only the runs on one loaded city")
    args = parser.parse_args()
    if not args.skip_cli:
        bench_cli(args.repeat)
    bench_in_process(max(args.repeat, 2))


if __name__ == "__main__":
    main()
