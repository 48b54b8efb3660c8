"""A longer fuzz campaign over every importer, in worker processes that may crash.

    .venv/bin/python tools/fuzz_campaign.py --seconds-per-importer 30 --seed 1 [--keep DIR]

Each importer is fuzzed for the given seconds (worker start-up included) with
the seeded mutations of ``tests/fuzzing.py``, the same ones the CI test
runs a few seconds of.  Inputs run in a worker process, one after another,
so that a segfault or an abort in a C library (GDAL, libosmium, GEOS) kills
only the worker: the parent counts it as a crash, keeps the input, and
starts a new worker at the next input.  An input that outlives the limit is
a hang: the worker's own alarm reports it when Python code is stuck, and
the parent kills a worker stuck in C code.

The table counts, per importer: executions (inputs read), exec/s, the
reader steps that gave a layer and those refused with one of the app's
sentences, the distinct signatures (exception type + innermost frame) of
other exceptions that escaped, hangs and crashes (deaths by a signal).
``--keep DIR`` saves the inputs behind each signature, hang and crash;
every input can also be made again from its importer, seed and index.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

#: seconds a worker may stay silent past the per-input limit before it is killed as hung in C code
GRACE_S = 5.0


def _worker(name: str, seed: int, start: int, until: float, limit_s: float, memory_gib: float) -> None:
    """Run inputs ``start``, ``start + 1``, … until the clock passes ``until``; report each on fd 3."""
    import faulthandler
    import resource

    proto = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # whatever the libraries print must not mix with the reports
    faulthandler.enable()  # a crash leaves its Python stack on stderr
    if memory_gib > 0:
        limit = int(memory_gib * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    os.environ["TWIN_APP_LAYER_CACHE"] = "0"
    import fuzzing

    importer = fuzzing.IMPORTERS[name]
    fuzzing.cached_seeds(name)
    with tempfile.TemporaryDirectory(prefix="twin-fuzz-") as tmp:
        index = start
        while time.time() < until:
            files, _ = importer.make_input(seed, index)
            print(json.dumps({"begin": index}), file=proto)
            outcome = fuzzing.run_input(importer, files, Path(tmp) / "input", limit_s=limit_s)
            report = {
                "index": index,
                "accepted": outcome.accepted,
                "refused": outcome.refused,
                "signature": outcome.signature,
                "detail": outcome.detail,
                "hang": outcome.hang,
            }
            print(json.dumps(report), file=proto)
            index += 1


@dataclass
class Result:
    """One importer's counts."""

    importer: str
    executions: int = 0
    accepted: int = 0
    refused: int = 0
    hangs: int = 0
    crashes: int = 0
    seconds: float = 0.0
    #: signature -> (first input index, detail)
    signatures: dict[str, tuple[int, str]] = field(default_factory=dict)
    #: (what, index, detail) of each hang and crash
    events: list[tuple[str, int, str]] = field(default_factory=list)


def _keep(keep: Path | None, name: str, seed: int, index: int, label: str) -> None:
    if keep is None:
        return
    import fuzzing

    files, what = fuzzing.IMPORTERS[name].make_input(seed, index)
    folder = keep / name / f"{label}-seed{seed}-input{index}"
    fuzzing.write_input(files, folder)
    (folder / "MUTATION.txt").write_text(f"importer={name} seed={seed} index={index}\n{what}\n")


def _tail(path: Path, lines: int = 25) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def campaign(
    name: str, *, seed: int, seconds: float, limit_s: float, memory_gib: float, keep: Path | None
) -> Result:
    """Fuzz one importer for ``seconds``, restarting the worker after each crash or hard hang."""
    result = Result(name)
    began = time.time()
    until = began + seconds
    index = 0
    log = Path(tempfile.mkstemp(prefix=f"twin-fuzz-{name}-", suffix=".log")[1])
    while time.time() < until:
        command = [
            sys.executable,
            __file__,
            "--worker",
            name,
            "--seed",
            str(seed),
            "--start",
            str(index),
            "--until",
            repr(until),
            "--limit-s",
            str(limit_s),
            "--memory-gib",
            str(memory_gib),
        ]
        with log.open("wb") as err:
            worker = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=err, cwd=ROOT)
        assert worker.stdout is not None
        running: int | None = None
        started = time.time()
        buffer = b""
        while True:
            wait = limit_s + GRACE_S if running is not None else max(60.0, limit_s + GRACE_S)
            ready, _, _ = select.select([worker.stdout], [], [], max(0.0, started + wait - time.time()))
            if not ready:  # silent too long: stuck where the alarm cannot reach (C code)
                worker.kill()
                worker.wait()
                if running is not None:
                    result.executions += 1
                    result.hangs += 1
                    result.events.append(("hang", running, "killed after no answer for the limit"))
                    _keep(keep, name, seed, running, "hang")
                    index = running + 1
                break
            chunk = os.read(worker.stdout.fileno(), 65536)
            if not chunk:  # the worker ended: its time is up, or it died
                code = worker.wait()
                if code < 0 or (code != 0 and running is not None):
                    at = running if running is not None else index
                    result.executions += 1
                    result.crashes += 1
                    why = f"signal {-code}" if code < 0 else f"exit status {code}"
                    result.events.append(("crash", at, f"{why}\n{_tail(log)}"))
                    _keep(keep, name, seed, at, "crash")
                    index = at + 1
                elif code != 0:
                    raise SystemExit(f"the worker for {name} failed to start:\n{_tail(log)}")
                break
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                report = json.loads(line)
                if "begin" in report:
                    running, started = report["begin"], time.time()
                    continue
                running, started = None, time.time()
                result.executions += 1
                result.accepted += report["accepted"]
                result.refused += report["refused"]
                index = report["index"] + 1
                if report["hang"]:
                    result.hangs += 1
                    result.events.append(("hang", report["index"], report["detail"]))
                    _keep(keep, name, seed, report["index"], "hang")
                sig = report["signature"]
                if sig is not None and sig not in result.signatures:
                    result.signatures[sig] = (report["index"], report["detail"])
                    _keep(keep, name, seed, report["index"], "escape")
        worker.stdout.close()
    result.seconds = time.time() - began
    log.unlink(missing_ok=True)
    return result


def table(results: list[Result]) -> str:
    head = ("importer", "executions", "exec/s", "loaded", "refused", "signatures", "hangs", "crashes")
    rows = [
        (
            r.importer,
            str(r.executions),
            f"{r.executions / r.seconds:.1f}" if r.seconds else "-",
            str(r.accepted),
            str(r.refused),
            str(len(r.signatures)),
            str(r.hangs),
            str(r.crashes),
        )
        for r in results
    ]
    total = (
        "total",
        str(sum(r.executions for r in results)),
        "",
        str(sum(r.accepted for r in results)),
        str(sum(r.refused for r in results)),
        str(sum(len(r.signatures) for r in results)),
        str(sum(r.hangs for r in results)),
        str(sum(r.crashes for r in results)),
    )
    widths = [max(len(row[i]) for row in [head, *rows, total]) for i in range(len(head))]

    def line(row: tuple[str, ...]) -> str:
        return "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )

    return "\n".join([line(head), line(tuple("-" * w for w in widths)), *map(line, rows), line(total)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds-per-importer", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--importers", default="", help="comma-separated names (default: all)")
    parser.add_argument("--keep", type=Path, default=None, help="folder for the inputs that failed")
    parser.add_argument("--limit-s", type=float, default=10.0, help="seconds one input may take")
    parser.add_argument("--memory-gib", type=float, default=4.0, help="address space of a worker (0: none)")
    parser.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--start", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--until", type=float, default=0.0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        _worker(args.worker, args.seed, args.start, args.until, args.limit_s, args.memory_gib)
        return 0
    import fuzzing

    names = [n for n in args.importers.split(",") if n] or list(fuzzing.IMPORTERS)
    unknown = sorted(set(names) - set(fuzzing.IMPORTERS))
    if unknown:
        parser.error(f"unknown importers {', '.join(unknown)}; known: {', '.join(fuzzing.IMPORTERS)}")
    results = []
    for name in names:
        results.append(
            campaign(
                name,
                seed=args.seed,
                seconds=args.seconds_per_importer,
                limit_s=args.limit_s,
                memory_gib=args.memory_gib,
                keep=args.keep,
            )
        )
        print(table(results[-1:]).splitlines()[-2], flush=True)
    print()
    print(
        f"seed {args.seed}, {args.seconds_per_importer:g} s per importer, limit {args.limit_s:g} s per input"
    )
    print(table(results))
    for r in results:
        for sig, (index, detail) in r.signatures.items():
            print(f"\n[{r.importer}] escaped: {sig} (first at input {index})\n{detail.rstrip()}")
        for what, index, detail in r.events:
            print(f"\n[{r.importer}] {what} at input {index}: {detail.rstrip()}")
    failed = any(r.signatures or r.hangs or r.crashes for r in results)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
