"""SIGKILL ``city import`` and ``run --out`` at many moments: nothing half-written is ever accepted.

A planner's machine crashes, a job scheduler kills a run that overran, a
laptop lid closes: a command may stop at any instruction, with no chance to
clean up.  After such a kill the destination must be what it was before
(absent, or the previous file) or the complete new result, never a part of
it; the next run of the same command must succeed and give what a run that
was never killed gives; and what the killed run left behind (a hidden
folder, a temporary file) must be ignored by every reader and removed by
the next run.

The kill moments are drawn from a seeded generator: some while the
destination is being written (found by polling for the hidden folder or the
temporary file), some anywhere in the command's life.  The layer cache has
its own kill test (tests/test_layer_cache.py); here it is on, as planners
run with it, and survives the kills too.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from test_city_import import write_town_extras, write_town_osm

from twin_app.core.city import resolve_city
from twin_app.core.city_import import CityImport, import_city, is_partial
from twin_app.core.errors import CityNotFoundError
from twin_app.core.loading import load_city

TWIN_APP = [sys.executable, "-m", "twin_app"]
SEED = 20261201


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "TWIN_APP_LAYER_CACHE": "1",
    }


def _observe(cmd: list[str], env: dict[str, str], marks: dict[str, Callable[[], bool]]) -> dict[str, float]:
    """Run ``cmd`` to its end, noting when each mark first became true (seconds from the start)."""
    start = time.monotonic()
    child = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen: dict[str, float] = {}
    while child.poll() is None:
        for name, mark in marks.items():
            if name not in seen and mark():
                seen[name] = time.monotonic() - start
        time.sleep(0.0005)
    _out, err = child.communicate()
    assert child.returncode == 0, err
    seen["end"] = time.monotonic() - start
    return seen


def _kill(cmd: list[str], env: dict[str, str], *, after: Callable[[], bool] | None, delay: float) -> bool:
    """Start ``cmd``; ``delay`` seconds after ``after()`` holds (or after the start), SIGKILL it.

    Returns whether the kill came before the command ended by itself.
    """
    child = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while after is not None and not after() and child.poll() is None:
        assert time.monotonic() < deadline, "the command never reached the moment to kill it"
        time.sleep(0.0005)
    time.sleep(delay)
    killed = child.poll() is None
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.returncode in (-signal.SIGKILL, 0)
    return killed and child.returncode == -signal.SIGKILL


def _tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` by relative path, with the SHA-256 of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# ------------------------------------------------------------------ city import


@pytest.mark.slow
def test_a_killed_city_import_leaves_no_city_or_the_whole_city(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    osm = write_town_osm(inputs / "town.osm.pbf")
    extras = write_town_extras(inputs)
    env = _env(tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", env["XDG_DATA_HOME"])
    cities = tmp_path / "data" / "twin_app" / "cities"
    cmd = [
        *TWIN_APP,
        "city",
        "import",
        "town",
        "--osm",
        str(osm),
        "--gtfs",
        str(extras["gtfs"]),
        "--population",
        str(extras["population"]),
        "--population-column",
        "inhabitants",
        "--raster",
        f"heat={extras['raster']}",
    ]

    def building() -> bool:
        return cities.is_dir() and any(is_partial(p) for p in cities.iterdir())

    def built() -> bool:
        return (cities / "town").is_dir()

    # A run never killed: the reference city, and when its hidden folder is being filled.
    times = _observe(cmd, env, {"building": building, "built": built})
    assert {"building", "built"} <= set(times), times
    reference = _tree(cities / "town")
    assert "city.toml" in reference and len(reference) >= 5
    reference_counts = {lid: layer.feature_count for lid, layer in load_city("town").layers.items()}
    shutil.rmtree(cities / "town")
    window = times["built"] - times["building"]

    rng = random.Random(SEED)
    moments: list[tuple[Callable[[], bool] | None, float]] = [
        (building, rng.uniform(i / 5, (i + 1) / 5) * window) for i in range(5)
    ] + [(None, rng.uniform(0.2, 1.0) * times["end"]) for _ in range(2)]
    mid_build = 0
    for after, delay in moments:
        killed = _kill(cmd, env, after=after, delay=delay)
        names = sorted(p.name for p in cities.iterdir()) if cities.is_dir() else []
        hidden = [name for name in names if name != "town"]
        assert all(is_partial(cities / name) for name in hidden), names
        for name in hidden:  # a killed build is never a city, by name or in the list
            with pytest.raises(CityNotFoundError):
                resolve_city(name)
        if "town" in names:  # killed after the rename: the whole city, loadable
            assert _tree(cities / "town") == reference
            model = load_city("town")
            assert model.problems == []
            assert {lid: layer.feature_count for lid, layer in model.layers.items()} == reference_counts
            shutil.rmtree(cities / "town")  # so that the next kill meets no city again
        else:
            assert killed
            mid_build += bool(hidden)
            with pytest.raises(CityNotFoundError):
                resolve_city("town")
    assert mid_build >= 1, "no kill landed while the city was being built"
    print(f"city import: {len(moments)} kills, {mid_build} while the city was being built")

    # The same command again, never killed: the same city, and the killed builds are gone.
    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert sorted(p.name for p in cities.iterdir()) == ["town"]
    assert _tree(cities / "town") == reference
    listed = subprocess.run([*TWIN_APP, "city", "list"], env=env, capture_output=True, text=True, check=True)
    assert [line.split()[0] for line in listed.stdout.splitlines() if "bundled" not in line] == ["town"]


# ------------------------------------------------------------------ run --out


def _gpkg_content(path: Path) -> dict[str, Any]:
    """What a result GeoPackage holds, read with SQLite itself (not the GDAL that wrote it).

    Every row of every table, except the run record's times, which differ
    between two runs of the same analysis on the same city.
    """
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        tables = sorted(row[0] for row in db.execute("SELECT table_name FROM gpkg_contents"))
        content: dict[str, Any] = {"tables": tables}
        for table in tables:
            if table == "run_record":
                [(analysis, record)] = db.execute("SELECT analysis, provenance_json FROM run_record")
                provenance = json.loads(record)
                content[table] = (analysis, provenance["parameters"], provenance["inputs"])
            else:
                content[table] = db.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
    return content


def _json_content(path: Path) -> dict[str, Any]:
    """The JSON result without the run's times; NaN kept as a word, so that it equals itself."""
    document = json.loads(path.read_text(encoding="utf-8"), parse_constant=lambda word: word)
    for key in ("started", "finished"):
        del document["provenance"][key]
    return document


CONTENT = {".gpkg": _gpkg_content, ".json": _json_content}


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("town")
    osm = write_town_osm(tmp / "town.osm.pbf")
    extras = write_town_extras(tmp)
    return import_city(
        CityImport(
            name="town",
            osm=osm,
            gtfs=extras["gtfs"],
            population=extras["population"],
            population_column="inhabitants",
        ),
        tmp / "cities",
    )


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".gpkg", ".json"])
def test_a_killed_run_leaves_the_previous_result_or_the_whole_new_one(
    tmp_path: Path, town: Path, suffix: str
) -> None:
    env = _env(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    content = CONTENT[suffix]
    target = out / f"result{suffix}"

    def cmd(path: Path, *params: str) -> list[str]:
        return [*TWIN_APP, "run", "transit-access", str(town), *params, "--out", str(path)]

    def writing() -> bool:
        return any(p.name.startswith(f".{target.name}.part-") for p in out.iterdir())

    # A run never killed (to another name): the reference result, and when its file is written.
    reference_path = out / f"reference{suffix}"
    times = _observe(
        cmd(reference_path),
        env,
        {"writing": lambda: any(".part-" in p.name for p in out.iterdir()), "written": reference_path.exists},
    )
    reference = content(reference_path)
    # The planner's previous result at the destination: another walking distance.
    _observe(cmd(target, "--low-capacity-distance", "300"), env, {})
    previous = target.read_bytes()
    assert content(target) != reference
    window = max(0.0, times.get("written", times["end"]) - times.get("writing", times["end"]))

    rng = random.Random(SEED)
    moments: list[tuple[Callable[[], bool] | None, float]] = [
        (writing, rng.uniform(i / 4, (i + 1) / 4) * window) for i in range(4)
    ] + [(None, rng.uniform(0.3, 1.0) * times["end"])]
    mid_write = 0
    for after, delay in moments:
        _kill(cmd(target), env, after=after, delay=delay)
        mid_write += writing()
        assert target.is_file()
        if target.read_bytes() != previous:  # killed after the rename: the whole new result
            assert content(target) == reference
            target.write_bytes(previous)  # the next kill meets the previous result again
        # what the killed run left is hidden, and nothing takes it for a result
        results = {target.name, reference_path.name}
        assert all(p.name.startswith(".") for p in out.iterdir() if p.name not in results)

    if suffix == ".gpkg":  # a JSON document takes milliseconds to write: a kill may never meet it
        assert mid_write >= 1, "no kill landed while the result was being written"
    print(f"{suffix}: {len(moments)} kills, {mid_write} while the result was being written")

    rerun = subprocess.run(cmd(target), env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert content(target) == reference
    assert sorted(p.name for p in out.iterdir()) == sorted([target.name, reference_path.name])
