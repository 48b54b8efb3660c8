"""Crash recovery: a process killed while editing, or while saving, loses nothing it acknowledged.

A child process opens a real project file and makes edits and drops pins,
printing a line after each call returns; it is killed with SIGKILL, either
at a seeded moment or at a seeded point inside a transaction (the connection's
trace callback fires as SQLite starts a statement, and kills the process
there).  The parent then opens the file as the next session would: SQLite's
integrity check passes, and recovery brings back every acknowledged edit and
pin, in order, and nothing that was not committed.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_project import make_city

from twin_app.core.project import Project
from twin_app.core.scenario import AddStop

CHILD = r"""
import os, signal, sys
from pathlib import Path
from twin_app.core import project as project_module
from twin_app.core.project import Project
from twin_app.core.scenario import AddStop

path, mode, kill_at = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
p = Project.open(path)
assert not p.pending, "the parent hands over a saved project"

def die(*_):
    os.kill(os.getpid(), signal.SIGKILL)

if mode == "statement":
    # kill as SQLite starts the kill_at-th statement of the journal (BEGIN, INSERT or COMMIT)
    count = [0]
    def trace(sql):
        count[0] += 1
        if count[0] == kill_at:
            die()
    p._con.set_trace_callback(trace)
elif mode in ("before-rename", "after-rename"):
    real_replace = project_module.os.replace
    saves = [0]
    def replace(a, b):
        saves[0] += 1
        if saves[0] == kill_at and mode == "before-rename":
            die()
        real_replace(a, b)
        if saves[0] == kill_at and mode == "after-rename":
            die()
    project_module.os.replace = replace

i = 0
while True:
    p.add_edit("S", AddStop(f"T{i}", f"stop {i}", float(i), float(i)))
    print(f"edit {i}", flush=True)
    p.add_pin("idea", f"pin {i}", float(i), float(i))
    print(f"pin {i}", flush=True)
    if mode in ("saving", "before-rename", "after-rename"):
        p.save()
        print(f"saved {i}", flush=True)
    i += 1
"""


def start(tmp_path: Path) -> Path:
    path = tmp_path / "workshop.gpkg"
    project = Project.new(path, make_city(tmp_path / "toy"))
    project.add_scenario("S")
    project.save()
    project.close()
    (tmp_path / "child.py").write_text(CHILD, encoding="utf-8")
    return path


def run_child(
    tmp_path: Path,
    path: Path,
    mode: str,
    kill_at: int = 0,
    *,
    after_lines: int | None = None,
    delay_s: float = 0.0,
) -> list[str]:
    """The child's acknowledged lines; it dies by itself (kill points) or is killed after ``after_lines``."""
    child = subprocess.Popen(
        [sys.executable, str(tmp_path / "child.py"), str(path), mode, str(kill_at)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    assert child.stdout is not None
    if after_lines is not None:
        while len(lines) < after_lines:
            line = child.stdout.readline()
            assert line, f"the child ended early: {child.stderr.read() if child.stderr else ''}"
            lines.append(line.strip())
        time.sleep(delay_s)
        os.kill(child.pid, signal.SIGKILL)
    rest, err = child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL, err
    lines.extend(line.strip() for line in rest.splitlines() if line.strip())
    return lines


def acknowledged(lines: list[str], what: str) -> int:
    return sum(1 for line in lines if line.startswith(what + " "))


def reopen(path: Path) -> Project:
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    project = Project.open(path)
    project.recover()
    return project


def check_prefix(project: Project, edits: int, pins: int, *, slack: int) -> None:
    """Every acknowledged edit and pin is there, in order; at most ``slack`` more (committed, unsaid)."""
    got = project.scenario("S").edits
    assert edits <= len(got) <= edits + slack
    assert got == [AddStop(f"T{i}", f"stop {i}", float(i), float(i)) for i in range(len(got))]
    comments = [p.comment for p in project.pins()]
    assert pins <= len(comments) <= pins + slack
    assert comments == [f"pin {i}" for i in range(len(comments))]


def test_recover_or_discard_what_a_session_left_unsaved(tmp_path: Path) -> None:
    path = start(tmp_path)
    project = Project.open(path)
    project.add_edit("S", AddStop("A", "", 1.0, 2.0))
    project.add_pin("like", "Lovely", 1.0, 2.0)
    project.close()  # no save
    again = Project.open(path)
    assert [e.op for e in again.pending] == ["edit.add", "pin.add"]
    assert again.scenario("S").edits == [] and again.pins() == []  # as last saved, until chosen
    with pytest.raises(Exception, match="recover them or discard them"):
        again.add_pin("idea", "x", 0.0, 0.0)
    assert again.recover() == 2
    assert again.scenario("S").edits == [AddStop("A", "", 1.0, 2.0)] and len(again.pins()) == 1
    again.close()
    third = Project.open(path)
    assert third.discard() == 2
    third.close()
    fourth = Project.open(path)
    assert fourth.pending == [] and fourth.scenario("S").edits == [] and fourth.pins() == []


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(8))
def test_killed_inside_a_transaction(tmp_path: Path, seed: int) -> None:
    """Killed as SQLite starts statement N of the journal: ops before it are all back, it is not."""
    path = start(tmp_path)
    # each op is BEGIN IMMEDIATE, INSERT, COMMIT: statement n belongs to op (n - 1) // 3
    kill_at = random.Random(seed).randint(1, 60)
    lines = run_child(tmp_path, path, "statement", kill_at)
    ops_done = (kill_at - 1) // 3  # the op being written when it died is not committed
    edits, pins = (ops_done + 1) // 2, ops_done // 2
    assert acknowledged(lines, "edit") == edits and acknowledged(lines, "pin") == pins
    check_prefix(reopen(path), edits, pins, slack=0)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(6))
def test_killed_at_a_random_moment_while_editing(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    path = start(tmp_path)
    lines = run_child(tmp_path, path, "editing", after_lines=rng.randint(1, 40), delay_s=rng.uniform(0, 0.01))
    check_prefix(reopen(path), acknowledged(lines, "edit"), acknowledged(lines, "pin"), slack=1)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(6))
def test_killed_at_a_random_moment_while_saving(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    path = start(tmp_path)
    lines = run_child(tmp_path, path, "saving", after_lines=rng.randint(1, 30), delay_s=rng.uniform(0, 0.02))
    check_prefix(reopen(path), acknowledged(lines, "edit"), acknowledged(lines, "pin"), slack=1)


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["before-rename", "after-rename"])
@pytest.mark.parametrize("save", [1, 3])
def test_killed_during_save_leaves_the_old_file_or_the_new(tmp_path: Path, mode: str, save: int) -> None:
    """Before the rename the previous file stands (its journal has the last changes); after, the new."""
    path = start(tmp_path)
    lines = run_child(tmp_path, path, mode, save)
    assert acknowledged(lines, "saved") == save - 1
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        saved = con.execute("SELECT COUNT(*) FROM edits").fetchone()[0]
        journal = con.execute("SELECT COUNT(*) FROM journal").fetchone()[0]
    if mode == "before-rename":
        assert (saved, journal) == (save - 1, 2)  # the old file, with the unsaved edit and pin journalled
    else:
        assert (saved, journal) == (save, 0)  # the new file, complete
    project = reopen(path)
    check_prefix(project, save, save, slack=0)
    project.save()  # the next save clears what the interrupted one left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == ["child.py", "toy", "workshop.gpkg"]
