"""Errors nobody raised on purpose still become sentences a planner can act on.

Each known cause is produced for real (a folder where a file is expected, a
text file named .gpkg, a damaged zip member, a file without read
permission, a link to itself, a full device, ...) and the sentence is
checked for the file it names and the thing it tells the planner to do.
Only a truly unknown error keeps the "please report" wording, and even that
names the file and the layer.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
import pytest
import rasterio
import shapely
from pyproj import CRS
from test_city_import import write_town_extras, write_town_osm

from twin_app.core.city import LayerSpec
from twin_app.core.city_import import CityImport, import_city
from twin_app.core.explain import explain, is_known
from twin_app.core.loading import describe_unexpected, load_city

TWIN_APP = [sys.executable, "-m", "twin_app"]
SUBJECT = "The layer 'Parks' could not be loaded from '/data/parks.gpkg'"


def _raised(action: Callable[[], object]) -> BaseException:
    """The exception ``action`` really raises (it must raise)."""
    try:
        action()
    except BaseException as exc:  # the exception is the test's subject
        return exc
    raise AssertionError("expected the action to fail")


def _sentence(exc: BaseException) -> str:
    text = explain(exc, subject=SUBJECT)
    assert text.startswith(SUBJECT + ": ") and text.endswith("."), text
    assert "\n" not in text and "please report" not in text, text
    assert is_known(exc)
    return text


# ------------------------------------------------------------------ the operating system


def test_a_folder_where_a_file_is_expected(tmp_path: Path) -> None:
    text = _sentence(_raised(lambda: open(tmp_path, "rb")))  # noqa: SIM115
    assert f"'{tmp_path}' is a folder where a file is needed" in text


def test_a_file_that_disappeared_between_listing_and_reading(tmp_path: Path) -> None:
    gone = tmp_path / "stops.txt"
    gone.write_text("x")
    listed = list(tmp_path.iterdir())
    gone.unlink()
    text = _sentence(_raised(lambda: listed[0].read_bytes()))
    assert f"'{gone}' disappeared while it was being read" in text


def test_a_link_to_itself(tmp_path: Path) -> None:
    loop = tmp_path / "heat.tif"
    loop.symlink_to(loop)
    text = _sentence(_raised(lambda: loop.read_bytes()))
    assert f"'{loop}' is a symbolic link that leads back to itself" in text


def test_a_name_too_long(tmp_path: Path) -> None:
    text = _sentence(_raised(lambda: (tmp_path / ("x" * 300)).read_bytes()))
    assert "too long for this system" in text and "shorter" in text


def test_a_full_disk() -> None:
    """/dev/full answers every write with ENOSPC, as a full disk does."""

    def fill() -> None:
        with open("/dev/full", "wb", buffering=0) as full:
            full.write(b"city")

    text = _sentence(_raised(fill))
    assert "the disk is full; free some space" in text


def test_too_many_open_files_in_a_process_with_a_low_limit() -> None:
    """A child lowers its own limit on open files, then opens one more than it may."""
    code = (
        "import resource, sys\n"
        "from twin_app.core.explain import explain\n"
        "resource.setrlimit(resource.RLIMIT_NOFILE, (16, 16))\n"
        "kept = []\n"
        "try:\n"
        "    while True:\n"
        "        kept.append(open(sys.executable, 'rb'))\n"
        "except OSError as exc:\n"
        "    print(explain(exc, subject='X'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.startswith("X: too many files are open at once"), out.stdout + out.stderr


def test_a_file_without_read_permission() -> None:
    """As root every file is readable, so the read runs in a forked child that gave root up."""
    base = Path(tempfile.mkdtemp(prefix="twin-perm-"))  # pytest's tmp_path is private to root
    base.chmod(0o755)
    secret = base / "population.gpkg"
    secret.write_bytes(b"x")
    secret.chmod(0o600)
    result = base / "sentence.txt"
    result.touch()
    result.chmod(0o666)

    def read_and_explain() -> None:
        result.write_text(explain(_raised(secret.read_bytes), subject="S"))

    try:
        if os.geteuid() != 0:
            read_and_explain()
        else:
            pid = os.fork()
            if pid == 0:  # the child: drop root, read, write the sentence
                code = 1
                try:
                    os.setgid(65534)
                    os.setuid(65534)
                    read_and_explain()
                    code = 0
                finally:
                    os._exit(code)
            _, status = os.waitpid(pid, 0)
            assert os.waitstatus_to_exitcode(status) == 0
        assert result.read_text().startswith(f"S: you are not allowed to read or write '{secret}'")
    finally:
        shutil.rmtree(base, ignore_errors=True)


# ------------------------------------------------------------------ memory, text, compression


def test_memory_error_says_the_file_is_too_large() -> None:
    exc = _raised(lambda: np.zeros(2**62, dtype=np.uint8))  # 4 EiB: refused by numpy at once
    assert isinstance(exc, MemoryError)
    text = _sentence(exc)
    assert "the file is too large for this computer's memory" in text and "cut it to the city's area" in text


def test_text_in_another_encoding_gives_the_byte_offset(tmp_path: Path) -> None:
    names = tmp_path / "stops.txt"
    names.write_bytes("stop_name\nKauppatori\nTöölö\n".encode("latin-1"))
    text = _sentence(_raised(lambda: names.read_text(encoding="utf-8")))
    # "stop_name\nKauppatori\nT" is 22 bytes: the ö (0xf6) is at offset 22
    assert "not in the utf-8 encoding (byte 0xf6 at offset 22)" in text and "UTF-8" in text


def test_a_zip_that_is_not_one(tmp_path: Path) -> None:
    fake = tmp_path / "gtfs.zip"
    fake.write_text("route_id,route_type\n")
    text = _sentence(_raised(lambda: zipfile.ZipFile(fake)))
    assert "the compressed file is damaged or cut short" in text and "download or export it again" in text


def test_a_zip_with_a_damaged_member(tmp_path: Path) -> None:
    feed = tmp_path / "gtfs.zip"
    with zipfile.ZipFile(feed, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("stops.txt", "stop_id,stop_name,stop_lat,stop_lon\n" + "S,Stop,61.5,23.7\n" * 200)
    data = bytearray(feed.read_bytes())
    start = 30 + len("stops.txt")  # the member's compressed data follows its local header
    data[start + 5 : start + 25] = bytes(range(20))
    feed.write_bytes(bytes(data))
    exc = _raised(lambda: zipfile.ZipFile(feed).read("stops.txt"))
    assert isinstance(exc, zlib.error | zipfile.BadZipFile)
    assert "the compressed file is damaged or cut short" in _sentence(exc)


def test_a_cut_bz2_file(tmp_path: Path) -> None:
    import bz2

    cut = tmp_path / "town.osm.bz2"
    cut.write_bytes(b"BZh9" + bytes(range(200)))

    def read() -> bytes:
        with bz2.open(cut) as compressed:
            return compressed.read()

    text = _sentence(_raised(read))
    assert "the compressed file is damaged or cut short" in text


# ------------------------------------------------------------------ data libraries


def test_a_text_file_named_geopackage_to_sqlite(tmp_path: Path) -> None:
    fake = tmp_path / "districts.gpkg"
    fake.write_text("name,geometry\nCentre,POINT (0 0)\n" * 100)
    exc = _raised(lambda: sqlite3.connect(fake).execute("SELECT * FROM gpkg_contents").fetchall())
    assert isinstance(exc, sqlite3.DatabaseError)
    assert "it is not a GeoPackage/SQLite database, or it is damaged" in _sentence(exc)


def test_a_locked_database(tmp_path: Path) -> None:
    db = tmp_path / "store.gpkg"
    holder = sqlite3.connect(db)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(db, timeout=0)
    text = _sentence(_raised(lambda: other.execute("SELECT * FROM t").fetchall()))
    assert "another program holds the database locked" in text
    holder.rollback()


def test_gdal_errors_carry_gdal_message(tmp_path: Path) -> None:
    fake = tmp_path / "parks.gpkg"
    fake.write_text("not a geopackage\n")
    vector = _raised(lambda: pyogrio.read_dataframe(fake))
    text = _sentence(vector)
    assert text.startswith(SUBJECT + ": GDAL could not read it: ") and str(fake) in text
    tif = tmp_path / "heat.tif"
    tif.write_text("not a tiff\n")
    raster = _raised(lambda: rasterio.open(tif))
    assert isinstance(raster, rasterio.errors.RasterioIOError)
    assert "GDAL could not read it: " in _sentence(raster)


def test_an_invalid_geometry() -> None:
    text = _sentence(_raised(lambda: shapely.from_wkt("POLYGON ((0 0, 1 0, 1 1")))
    assert "a geometry in the file is invalid: " in text and "Fix geometries" in text


def test_a_crs_that_cannot_be_understood() -> None:
    text = _sentence(_raised(lambda: CRS.from_user_input("banana")))
    assert "its coordinate reference system cannot be understood" in text and "banana" in text


def test_a_missing_column_is_named() -> None:
    grid = pd.DataFrame({"inhabitants": [1, 2]})
    text = _sentence(_raised(lambda: grid["population"]))
    assert "the column 'population' is missing from the table" in text


def test_a_value_that_is_not_a_number() -> None:
    column = pd.Series(["12", "many", "3"])
    text = _sentence(_raised(lambda: pd.to_numeric(column)))
    assert "a value in the table is not a number" in text and "'many'" in text


def test_a_malformed_csv(tmp_path: Path) -> None:
    import io

    bad = io.StringIO('stop_id,stop_name\nS1,"Unclosed\n')
    text = _sentence(_raised(lambda: pd.read_csv(bad)))
    assert "the table is malformed" in text


def test_data_nested_too_deeply() -> None:
    exc = _raised(lambda: json.loads("[" * 100_000 + "]" * 100_000))
    assert isinstance(exc, RecursionError)
    assert "nested too deeply" in _sentence(exc)


def test_a_key_error_outside_pandas_is_not_taken_for_a_column() -> None:
    exc = _raised(lambda: {}["population"])
    assert not is_known(exc)


# ------------------------------------------------------------------ the unknown, and the loader


def test_an_unknown_error_names_file_and_layer_and_asks_for_a_report() -> None:
    spec = LayerSpec(id="parks", kind="vector", source=Path("/data/parks.gpkg"), title="Parks")
    text = describe_unexpected(spec, _raised(lambda: [].pop()))
    assert text.startswith(SUBJECT + " because of an unexpected error (IndexError: pop from empty list)")
    assert "please report this" in text and text.endswith(".")


def _town_with_feed(parent: Path) -> Path:
    """A town city whose GTFS feed is deflate-compressed (so that its members can be damaged)."""
    osm = write_town_osm(parent / "town.osm.pbf")
    plain = write_town_extras(parent)["gtfs"]
    feed = parent / "feed" / "gtfs.zip"
    feed.parent.mkdir()
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(feed, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            dst.writestr(name, src.read(name) * 20)  # long enough to be compressed
    return import_city(CityImport(name="town", osm=osm, gtfs=feed), parent / "cities")


def test_a_damaged_member_of_a_city_feed_is_explained_in_the_layer_problem(tmp_path: Path) -> None:
    folder = _town_with_feed(tmp_path)
    feed = folder / "gtfs" / "gtfs.zip"
    with zipfile.ZipFile(feed) as zf:
        first = zf.infolist()[0]
    data = bytearray(feed.read_bytes())
    start = 30 + len(first.filename)  # the first member's compressed data follows its local header
    data[start + 5 : start + 25] = bytes(range(20))
    feed.write_bytes(bytes(data))
    model = load_city(folder, only=["stops", "routes"])
    assert {p.layer_id for p in model.problems} == {"stops", "routes"}
    for problem in model.problems:
        assert problem.message.startswith(f"The layer '{problem.title}' could not be loaded from '{feed}'")
        assert "the compressed file is damaged or cut short" in problem.message
        assert "please report" not in problem.message


def test_a_city_file_without_read_permission_is_explained_in_the_layer_problem() -> None:
    """The feed belongs to root and only root may read it; the city is opened by a child that gave root up."""
    base = Path(tempfile.mkdtemp(prefix="twin-perm-"))
    base.chmod(0o755)
    folder = _town_with_feed(base)
    feed = folder / "gtfs" / "gtfs.zip"
    feed.chmod(0o600)
    result = base / "problems.json"
    result.touch()
    result.chmod(0o666)

    def load_and_report() -> None:
        problems = load_city(folder, only=["stops", "buildings"]).problems
        result.write_text(json.dumps([[p.layer_id, p.message] for p in problems]))

    try:
        if os.geteuid() != 0:
            load_and_report()
        else:
            pid = os.fork()
            if pid == 0:
                code = 1
                try:
                    os.setgid(65534)
                    os.setuid(65534)
                    load_and_report()
                    code = 0
                finally:
                    os._exit(code)
            _, status = os.waitpid(pid, 0)
            assert os.waitstatus_to_exitcode(status) == 0
        problems = json.loads(result.read_text())
        assert [lid for lid, _ in problems] == ["stops"]  # the buildings still load
        assert f"you are not allowed to read or write '{feed}'" in problems[0][1], problems
    finally:
        shutil.rmtree(base, ignore_errors=True)


# ------------------------------------------------------------------ the command line


def _no_traceback(out: subprocess.CompletedProcess[str]) -> list[str]:
    assert "Traceback" not in out.stderr and "Exception ignored" not in out.stderr, out.stderr
    return out.stderr.strip().splitlines()


FAULTY_INFO = """
import sys
import twin_app.core.loading as loading
from twin_app.cli.main import main

def broken(*args, **kwargs):
    raise {error}

loading.load_city = broken  # a fault where no one expects one
sys.exit(main(sys.argv[1:]))
"""


def _faulty_info(error: str, *args: str) -> subprocess.CompletedProcess[str]:
    code = FAULTY_INFO.format(error=error)
    return subprocess.run(
        [sys.executable, "-c", code, "info", "helsinki", *args], capture_output=True, text=True, timeout=120
    )


def test_cli_unknown_error_is_one_sentence_with_exit_1_and_debug_shows_the_traceback() -> None:
    out = _faulty_info("RuntimeError('the flux capacitor is empty')")
    assert out.returncode == 1
    [line] = _no_traceback(out)
    assert line.startswith("twin-app: error: The command could not finish because of an unexpected error")
    assert "RuntimeError: the flux capacitor is empty" in line and "--debug" in line
    debug = _faulty_info("RuntimeError('the flux capacitor is empty')", "--debug")
    assert debug.returncode == 1 and "Traceback" in debug.stderr


def test_cli_known_cause_is_one_sentence_with_exit_2() -> None:
    out = _faulty_info("MemoryError()")
    assert out.returncode == 2
    [line] = _no_traceback(out)
    assert "too large for this computer's memory" in line and "--debug" not in line


def test_ctrl_c_ends_with_interrupted_and_130(tmp_path: Path) -> None:
    osm = write_town_osm(tmp_path / "town.osm.pbf")
    extras = write_town_extras(tmp_path)
    folder = import_city(
        CityImport(name="town", osm=osm, gtfs=extras["gtfs"], rasters={"heat": extras["raster"]}),
        tmp_path / "cities",
    )
    child = subprocess.Popen(
        [*TWIN_APP, "info", str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    time.sleep(0.5)  # in the middle of importing libraries or reading layers
    child.send_signal(signal.SIGINT)
    stdout, stderr = child.communicate(timeout=60)
    out = subprocess.CompletedProcess(child.args, child.returncode, stdout, stderr)
    if child.returncode == 0:
        pytest.skip("the command finished before the interrupt")  # pragma: no cover - a very fast machine
    assert child.returncode == 130
    assert _no_traceback(out) == ["twin-app: Interrupted."]


def test_cli_wrong_types_in_city_toml_are_one_sentence(tmp_path: Path) -> None:
    osm = write_town_osm(tmp_path / "town.osm.pbf")
    folder = import_city(CityImport(name="town", osm=osm), tmp_path / "cities")
    manifest = folder / "city.toml"
    text = manifest.read_text(encoding="utf-8")
    for old, new in [
        ('title = "town"', "title = 42"),
        ('name = "town"', "name = [1, 2]"),
        ('title = "Buildings"', "title = { a = 1 }"),
        ('kind = "osm-buildings"', "kind = 3.5"),
        ('source = "osm/town.osm.pbf"', "source = true"),
    ]:
        assert old in text
        manifest.write_text(text.replace(old, new, 1), encoding="utf-8")
        out = subprocess.run([*TWIN_APP, "info", str(folder)], capture_output=True, text=True, timeout=120)
        lines = _no_traceback(out)
        assert out.returncode in (0, 2), out.stderr
        assert all(
            line.startswith(("twin-app: error: ", "twin-app: warning: ", "problem: ")) for line in lines
        ), out.stderr


@pytest.mark.gui
def test_the_window_gives_the_same_sentence_for_a_file_it_opens(tmp_path: Path) -> None:
    """A damaged feed opened in the window: its problem is the sentence the loader and CLI give."""
    from PySide6.QtWidgets import QApplication

    from twin_app.core.city import load_manifest
    from twin_app.qt.workers import LoadWorker

    # a QApplication, not a QCoreApplication: the window tests that may follow need one
    app = QApplication.instance() or QApplication([])
    assert app is not None
    folder = _town_with_feed(tmp_path)
    feed = tmp_path / "feed" / "gtfs.zip"
    with zipfile.ZipFile(feed) as zf:
        first = zf.infolist()[0]
    data = bytearray(feed.read_bytes())
    start = 30 + len(first.filename)
    data[start + 5 : start + 25] = bytes(range(20))
    feed.write_bytes(bytes(data))
    worker = LoadWorker(load_manifest(folder), files=[feed])
    problems: list = []
    layers: list = []
    worker.problem.connect(problems.append)
    worker.layer_ready.connect(layers.append)
    worker.run()  # on this thread: the signals are delivered at once
    assert layers == []
    [problem] = problems
    assert problem.message.startswith(
        f"'{feed}' could not be opened: the compressed file is damaged or cut short"
    )
