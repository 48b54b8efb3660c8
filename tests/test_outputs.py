"""Where the CLI writes: same-named inputs, bad --out/--dest places, closed pipes, OS errors.

The behaviour is about the process (exit code, one line on stderr, no
traceback), so most checks run the real command in a subprocess.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import numpy as np
import pytest
import rasterio
from rasterio.transform import from_origin
from test_city_import import UTM, X0, Y0, write_town_osm

from twin_app.core.city_import import CityImport, import_city
from twin_app.core.errors import TwinError
from twin_app.core.loading import load_city
from twin_app.core.outputs import check_output_file, check_output_folder, describe_os_error

TWIN_APP = [sys.executable, "-m", "twin_app"]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*TWIN_APP, *args], capture_output=True, text=True, timeout=120)


def _one_sentence(out: subprocess.CompletedProcess[str]) -> str:
    """The process failed with exit 2 and exactly one error line, no traceback."""
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr and "Exception ignored" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith("twin-app: error: ")
    return lines[0]


def _write_tif(path: Path, value: float, *, world_file: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        height=4,
        width=4,
        count=1,
        dtype="float32",
        crs=UTM,
        transform=from_origin(X0, Y0 + 400, 100, 100),
    ) as dst:
        dst.write(np.full((4, 4), value, dtype="float32"), 1)
    if world_file:
        path.with_suffix(".tfw").write_text(f"100\n0\n0\n-100\n{X0 + 50}\n{Y0 + 350}\n")
    return path


# ------------------------------------------------------------------ same-named inputs


def test_two_rasters_with_the_same_name_keep_their_own_data_and_credits(tmp_path: Path) -> None:
    osm = write_town_osm(tmp_path / "town.osm.pbf")
    first = _write_tif(tmp_path / "x" / "heat.tif", 1.0)
    second = _write_tif(tmp_path / "y" / "HEAT.tif", 7.0, world_file=True)  # differs only in case
    folder = import_city(
        CityImport(
            name="town",
            osm=osm,
            rasters={"a": first, "b": second},
            source_attribution={"a": "Credit A", "b": "Credit B"},
        ),
        tmp_path / "cities",
    )
    manifest = tomllib.loads((folder / "city.toml").read_text(encoding="utf-8"))
    layers = {layer["id"]: layer for layer in manifest["layers"]}
    assert layers["a"]["source"] == "rasters/heat.tif"
    assert layers["b"]["source"] == "rasters/HEAT-2.tif"
    assert (layers["a"]["attribution"], layers["b"]["attribution"]) == ("Credit A", "Credit B")
    # each copy holds its own file's pixels (read independently of the app)
    for lid, value in (("a", 1.0), ("b", 7.0)):
        with rasterio.open(folder / layers[lid]["source"]) as src:
            assert float(src.read(1).mean()) == value
    # the sidecar travelled with its renamed main file, byte for byte
    assert (folder / "rasters" / "HEAT-2.tfw").read_bytes() == second.with_suffix(".tfw").read_bytes()
    assert not (folder / "rasters" / "HEAT.tfw").exists()
    model = load_city(folder)
    assert model.problems == []
    assert {"a", "b"} <= set(model.layers)


# ------------------------------------------------------------------ the checks themselves


def test_output_checks_name_the_place(tmp_path: Path) -> None:
    a_file = tmp_path / "x.txt"
    a_file.write_text("not a folder")
    with pytest.raises(TwinError, match="is a folder"):
        check_output_file(tmp_path)
    with pytest.raises(TwinError, match=r"x\.txt' is a file, not a folder"):
        check_output_file(a_file / "out.gpkg")
    with pytest.raises(TwinError, match=r"x\.txt' is a file, not a folder"):
        check_output_folder(a_file)
    with pytest.raises(TwinError, match=r"x\.txt' is a file, not a folder"):
        check_output_folder(a_file / "deeper" / "cities")
    fifo = tmp_path / "pipe.gpkg"
    os.mkfifo(fifo)
    with pytest.raises(TwinError, match="not a regular file"):
        check_output_file(fifo)
    assert check_output_file(tmp_path / "new" / "out.gpkg") == tmp_path / "new" / "out.gpkg"


def test_a_read_only_folder_is_refused() -> None:
    """Root may write anywhere, so as root (as CI runs) the check runs in a child that gave root up."""
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="twin-ro-"))  # pytest's tmp_path is private to root
    base.chmod(0o755)
    locked = base / "locked"
    locked.mkdir()
    locked.chmod(0o555)

    def check() -> None:
        with pytest.raises(TwinError, match="not allowed to write"):
            check_output_file(locked / "out.gpkg")

    try:
        if os.geteuid() != 0:
            check()
            return
        pid = os.fork()
        if pid == 0:  # the child: drop root, check, report through the exit status
            code = 1
            try:
                os.setgid(65534)
                os.setuid(65534)
                check()
                code = 0
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0, "the unprivileged child did not get the sentence"
    finally:
        locked.chmod(0o700)
        import shutil

        shutil.rmtree(base, ignore_errors=True)


def test_os_errors_become_sentences_naming_the_path() -> None:
    full = describe_os_error(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "/data/out.gpkg"))
    assert full.startswith("'/data/out.gpkg' could not be used because the disk is full")
    denied = describe_os_error(PermissionError(errno.EACCES, os.strerror(errno.EACCES), "/srv/c"))
    assert "'/srv/c'" in denied and "not allowed" in denied
    folder = describe_os_error(IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), "/tmp"))
    assert "is a folder where a file is needed" in folder


# ------------------------------------------------------------------ the commands


@pytest.fixture
def a_file(tmp_path: Path) -> Path:
    path = tmp_path / "x.txt"
    path.write_text("a file, not a folder")
    return path


@pytest.mark.parametrize("where", ["folder", "under-file", "fifo"])
def test_run_out_to_a_bad_place_is_one_sentence(tmp_path: Path, a_file: Path, where: str) -> None:
    if where == "folder":
        out, expected = tmp_path, "is a folder"
    elif where == "under-file":
        out, expected = a_file / "out.gpkg", "is a file, not a folder"
    else:
        out = tmp_path / "fifo.gpkg"
        os.mkfifo(out)
        expected = "not a regular file"
    line = _one_sentence(_cli("run", "heat-exposure", "helsinki", "--out", str(out)))
    assert expected in line and str(out if where != "under-file" else a_file) in line


def test_render_out_to_a_folder_is_one_sentence(tmp_path: Path) -> None:
    line = _one_sentence(_cli("render", "helsinki", "--out", str(tmp_path)))
    assert "is a folder" in line or "OpenGL" in line


def test_city_import_dest_that_is_a_file_is_one_sentence(tmp_path: Path, a_file: Path) -> None:
    osm = write_town_osm(tmp_path / "town.osm.pbf")
    for dest in (a_file, a_file / "cities"):
        line = _one_sentence(_cli("city", "import", "town", "--osm", str(osm), "--dest", str(dest)))
        assert f"'{a_file}' is a file, not a folder" in line
    assert a_file.read_text() == "a file, not a folder"


@pytest.mark.parametrize("args", [["plugins"], ["help", "heat-exposure"], ["city", "list"]])
def test_a_closed_pipe_ends_quietly(args: list[str]) -> None:
    """The reader goes away before the first write (what ``| head -1`` does to a long listing)."""
    proc = subprocess.Popen([*TWIN_APP, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert err == ""


def test_a_full_disk_on_stdout_is_one_sentence() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full")
    with open("/dev/full", "w") as full:
        out = subprocess.run(
            [*TWIN_APP, "plugins"], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120
        )
    line = _one_sentence(out)
    assert "disk is full" in line
