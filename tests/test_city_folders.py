"""City folders someone hands you: sources stay inside the folder, only regular files are read.

Every folder here is built in the test: a valid layer beside layers whose
source is an absolute path, a ``..`` escape, a symlink leading out, a FIFO, a
folder.  Each bad layer must cost only itself, with a sentence naming the
layer and the ``source`` key, and the FIFO must not hang (each load runs in a
thread given a deadline).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import geopandas as gpd
import pytest
import shapely

from twin_app.core.city import load_manifest
from twin_app.core.errors import ManifestError, MissingFileError, UnreadableFileError
from twin_app.core.loading import load_city, read_file_layer
from twin_app.core.sources import confined_source

MINIMAL = """
[city]
name = "mini"
crs = "EPSG:3879"
bbox = [24.93018, 60.15915, 24.95841, 60.18411]
attribution = ["Test data"]
"""

#: seconds a refusal may take; a FIFO opened for reading would block forever
DEADLINE_S = 20.0


def _within_deadline(work: Callable[[], Any]) -> Any:
    """``work()``'s result or exception, failing the test if it has not returned by the deadline."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = work()
        except BaseException as exc:  # handed back to the test thread
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True)  # daemon: a hung open() cannot stop the session
    start = time.monotonic()
    thread.start()
    thread.join(DEADLINE_S)
    assert not thread.is_alive(), f"still blocked after {DEADLINE_S} s"
    box["seconds"] = time.monotonic() - start
    if "error" in box:
        raise box["error"]
    return box["value"]


def _parks(path: Path) -> Path:
    gpd.GeoDataFrame(
        {"name": ["Esplanadi"]}, geometry=[shapely.box(24.944, 60.167, 24.946, 60.168)], crs="EPSG:4326"
    ).to_file(path)
    return path


def _layer(layer_id: str, source: str) -> str:
    return f'\n[[layers]]\nid = "{layer_id}"\nkind = "vector"\nsource = "{source}"\nstyle = "green"\n'


def _folder(tmp_path: Path, layers: str) -> Path:
    folder = tmp_path / "city"
    folder.mkdir(exist_ok=True)
    (folder / "city.toml").write_text(MINIMAL + layers, encoding="utf-8")
    return folder


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A perfectly good data file outside the city folder: readable, but not the folder's to name."""
    return _parks(tmp_path / "outside.gpkg")


def test_sources_are_confined_to_the_city_folder(tmp_path: Path, outside: Path) -> None:
    folder = _folder(
        tmp_path,
        _layer("parks", "parks.gpkg")
        + _layer("inner_link", "data/link.gpkg")
        + _layer("absolute", str(outside))
        + _layer("climbs", "../outside.gpkg")
        + _layer("climbs_windows", "data\\\\..\\\\..\\\\outside.gpkg")
        + _layer("link_out", "escape.gpkg")
        + _layer("folder_link_out", "elsewhere/outside.gpkg")
        + _layer("device", "/dev/urandom")
        + _layer("device_link", "random.gpkg")
        + _layer("sidecar_out", "shp/roads.shp"),
    )
    _parks(folder / "parks.gpkg")
    (folder / "data").mkdir()
    (folder / "data" / "link.gpkg").symlink_to(folder / "parks.gpkg")  # inside: fine
    (folder / "escape.gpkg").symlink_to(outside)
    (folder / "elsewhere").symlink_to(tmp_path, target_is_directory=True)
    (folder / "random.gpkg").symlink_to("/dev/urandom")
    # a shapefile inside whose .dbf (read by GDAL with it) is a link to someone else's table
    (tmp_path / "theirs").mkdir()
    _parks(tmp_path / "theirs" / "roads.shp")
    (folder / "shp").mkdir()
    for suffix in (".shp", ".shx", ".prj"):
        (folder / "shp" / f"roads{suffix}").write_bytes((tmp_path / "theirs" / f"roads{suffix}").read_bytes())
    (folder / "shp" / "roads.dbf").symlink_to(tmp_path / "theirs" / "roads.dbf")
    messages: list[str] = []
    from twin_app.core.feedback import Feedback

    model = _within_deadline(
        lambda: load_city(folder, feedback=Feedback(on_message=lambda level, text: messages.append(text)))
    )
    assert sorted(model.layers) == ["inner_link", "parks"]
    problems = {p.layer_id: p.message for p in model.problems}
    assert set(problems) == {
        "absolute",
        "climbs",
        "climbs_windows",
        "link_out",
        "folder_link_out",
        "device",
        "device_link",
        "sidecar_out",
    }
    for layer_id, message in problems.items():
        assert f"layer '{layer_id}'" in message and "source = " in message, message
        assert "only name files inside itself" in message
    assert "absolute path" in problems["absolute"] and "absolute path" in problems["device"]
    assert "climbs out with '..'" in problems["climbs"] and "'..'" in problems["climbs_windows"]
    for layer_id in ("link_out", "folder_link_out", "device_link"):
        assert "symbolic link" in problems[layer_id]
    assert "The file 'roads.dbf' beside it, read with it, leads outside" in problems["sidecar_out"]
    assert len(messages) == 8


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("/etc/passwd", "absolute path"),
        ("C:\\data\\x.gpkg", "absolute path"),
        ("\\\\server\\share\\x.gpkg", "absolute path"),
        ("a/../../x.gpkg", "'..'"),
        ("..\\x.gpkg", "'..'"),
        ("", "is empty"),
    ],
)
def test_confinement_judges_the_text_as_any_system_would(tmp_path: Path, raw: str, why: str) -> None:
    with pytest.raises(ManifestError, match=f"layer 'L'.*source = .*{why}"):
        confined_source(tmp_path, raw, layer="L", manifest=tmp_path / "city.toml")
    assert confined_source(tmp_path, "a/./b.gpkg", layer="L", manifest=tmp_path / "city.toml") == (
        tmp_path / "a/./b.gpkg"
    )


def test_only_regular_files_are_read_and_a_fifo_does_not_hang(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        _layer("parks", "parks.gpkg")
        + _layer("pipe", "pipe.gpkg")
        + _layer("dir", "folder.gpkg")
        + _layer("sidecar_pipe", "shapes/parks.shp"),
    )
    _parks(folder / "parks.gpkg")
    os.mkfifo(folder / "pipe.gpkg")
    (folder / "folder.gpkg").mkdir()
    # (a device is reached from a manifest only through a link leading out, refused above;
    # an explicitly opened device is refused below)
    (folder / "shapes").mkdir()
    _parks(folder / "shapes" / "parks.shp")
    (folder / "shapes" / "parks.cpg").unlink(missing_ok=True)
    os.mkfifo(folder / "shapes" / "parks.cpg")  # GDAL would open this sidecar by itself
    model = _within_deadline(lambda: load_city(folder))
    assert list(model.layers) == ["parks"]
    problems = {p.layer_id: p.message for p in model.problems}
    assert set(problems) == {"pipe", "dir", "sidecar_pipe"}
    assert "named pipe (FIFO)" in problems["pipe"] and "only regular files" in problems["pipe"]
    assert "is a folder" in problems["dir"]
    assert "parks.cpg" in problems["sidecar_pipe"] and "named pipe" in problems["sidecar_pipe"]


def test_files_opened_explicitly_are_not_confined_but_must_be_regular(tmp_path: Path, outside: Path) -> None:
    manifest = load_manifest(_folder(tmp_path, ""))
    # the user chose it: a file outside the city folder opens
    layer = read_file_layer(outside, manifest)
    assert layer.feature_count == 1
    fifo = tmp_path / "pipe.gpkg"
    os.mkfifo(fifo)
    for path, words in [
        (fifo, "a named pipe"),
        (Path("/dev/urandom"), "a device"),
        (tmp_path, "a folder"),
    ]:
        with pytest.raises(UnreadableFileError, match=f"is {words}.*only regular files"):
            _within_deadline(lambda p=path: read_file_layer(p, manifest))
    with pytest.raises(MissingFileError):
        read_file_layer(tmp_path / "nothing.gpkg", manifest)


def test_cli_info_reports_a_fifo_layer_and_goes_on(tmp_path: Path) -> None:
    folder = _folder(tmp_path, _layer("parks", "parks.gpkg") + _layer("pipe", "pipe.gpkg"))
    _parks(folder / "parks.gpkg")
    os.mkfifo(folder / "pipe.gpkg")
    out = subprocess.run(
        [sys.executable, "-m", "twin_app", "info", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert "parks" in out.stdout and "Traceback" not in out.stderr
    assert "problem: The data file of layer 'pipe'" in out.stderr and "named pipe" in out.stderr


def test_city_import_refuses_a_fifo_among_its_inputs(tmp_path: Path) -> None:
    from twin_app.core.city_import import CityImport, import_city

    fifo = tmp_path / "town.osm.pbf"
    os.mkfifo(fifo)
    with pytest.raises(UnreadableFileError, match="is a named pipe"):
        _within_deadline(lambda: import_city(CityImport(name="town", osm=fifo), tmp_path / "cities"))
    assert not (tmp_path / "cities").exists()
