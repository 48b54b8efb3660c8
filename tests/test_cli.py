"""The ``twin-app`` command line: help, info contract, render, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyogrio
import pytest
import rasterio

from twin_app.cli.main import main
from twin_app.core.layers import HeightFrom

TWIN_APP = [sys.executable, "-m", "twin_app"]


@pytest.mark.parametrize(
    "args", [[], ["info"], ["render"], ["open"], ["city"], ["city", "import"], ["city", "list"]]
)
def test_every_command_has_help(args: list[str], capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*args, "--help"])
    assert exit_info.value.code == 0
    assert "usage: twin-app" in capsys.readouterr().out


@pytest.fixture(scope="module")
def helsinki_info() -> dict:
    out = subprocess.run(
        [*TWIN_APP, "info", "helsinki", "--json"], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


@pytest.mark.slow
def test_info_json_contract(helsinki_info: dict) -> None:
    b = helsinki_info["buildings"]
    assert b["count"] == sum(b["height_from"].values()) > 1000
    assert list(b["height_from"]) == [rule.value for rule in HeightFrom]
    assert helsinki_info["crs"] == "EPSG:3879"
    for layer in helsinki_info["layers"].values():
        assert {"type", "count", "crs", "bbox", "title"} <= set(layer)
        assert layer["crs"] == "EPSG:3879" and len(layer["bbox"]) == 4
    assert helsinki_info["problems"] == []
    assert "OpenStreetMap" in helsinki_info["attribution"]
    # the population every analysis counts, per district; nobody lost or invented
    pop = helsinki_info["population"]
    assert pop["layer"] == "population" and pop["buildings_layer"] == "buildings"
    assert set(pop["by_district"]) == set(helsinki_info["districts"])
    assert sum(pop["by_district"].values()) + pop["outside_every_district"] == pytest.approx(
        pop["inside_extent"]
    )
    assert 0 < pop["inside_extent"] < pop["in_grid"]


@pytest.mark.slow
def test_info_counts_match_independent_readers(helsinki_info: dict, helsinki_dir: Path) -> None:
    layers = helsinki_info["layers"]
    pop = pyogrio.read_dataframe(
        helsinki_dir / "population" / "hsy_population_grid_250m_age_groups_centre.gpkg"
    )
    assert layers["population"]["count"] == len(pop)
    heat = layers["heat"]
    with rasterio.open(helsinki_dir / "heat" / "helsinki_urban_heat_exposure_index.tif") as src:
        x0, y0, x1, y1 = heat["bbox"]
        window = (
            rasterio.windows.from_bounds(x0, y0, x1, y1, transform=src.transform)
            .round_offsets()
            .round_lengths()
        )
        data = src.read(1, window=window)
    assert heat["count"] == int(np.count_nonzero(np.isfinite(data)))
    assert heat["units"] == "index 0–1"


@pytest.mark.slow
def test_run_prints_a_warning_for_a_threshold_outside_the_raster() -> None:
    out = subprocess.run(
        [*TWIN_APP, "run", "heat-exposure", "helsinki", "--threshold", "5", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "twin-app: warning: The heat threshold 5 is outside the raster's values" in out.stderr
    assert json.loads(out.stdout)["warnings"][0].startswith("The heat threshold 5 is outside")


def test_unknown_city_is_one_sentence_on_stderr() -> None:
    out = subprocess.run([*TWIN_APP, "info", "atlantis"], capture_output=True, text=True)
    assert out.returncode == 2
    assert out.stdout == ""
    assert out.stderr.startswith("twin-app: error: There is no city called 'atlantis'")
    assert "Traceback" not in out.stderr


def test_bad_size_is_rejected(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["render", "--out", "x.png", "--size", "huge"])
    assert exit_info.value.code == 2
    assert "not a size like" in capsys.readouterr().err


@pytest.mark.slow
def test_run_render_draws_the_result_colouring_the_buildings(tmp_path: Path, capsys) -> None:
    """The result re-colours the buildings: the image differs from the plain view where buildings are."""
    import pyvista as pv

    plain, result = tmp_path / "plain.png", tmp_path / "heat.png"
    assert main(["render", "helsinki", "--out", str(plain), "--size", "640x400"]) == 0
    assert main(["run", "heat-exposure", "helsinki", "--render", str(result), "--size", "640x400"]) == 0
    assert f"Saved {result}" in capsys.readouterr().out
    a = np.asarray(pv.read(plain).point_data.active_scalars)[:, :3].astype(int)
    b = np.asarray(pv.read(result).point_data.active_scalars)[:, :3].astype(int)
    changed = np.abs(a - b).sum(axis=1) > 30
    assert 0.05 < changed.mean() < 0.9


@pytest.mark.slow
def test_an_image_too_small_for_its_legend_says_so(tmp_path: Path, capsys) -> None:
    out = tmp_path / "tiny.png"
    shown = "buildings,heat,population"
    assert main(["render", "helsinki", "--out", str(out), "--size", "320x240", "--show", shown]) == 0
    err = capsys.readouterr().err
    assert out.is_file() and "of its 3 entries" in err
    assert "twin-app: warning: The image is too small for the whole legend" in err
    assert main(["render", "helsinki", "--out", str(out), "--size", "1600x1000", "--show", "buildings"]) == 0
    assert "too small" not in capsys.readouterr().err


@pytest.mark.slow
def test_render_writes_png_of_requested_size(tmp_path: Path) -> None:
    out = tmp_path / "h.png"
    assert main(["render", "helsinki", "--out", str(out), "--size", "640x400"]) == 0
    import pyvista as pv

    image = pv.read(out)
    assert image.dimensions[:2] == (640, 400)
    rgb = np.asarray(image.point_data.active_scalars)[:, :3]
    assert len(np.unique(rgb, axis=0)) > 200, "the render is (nearly) blank"


def test_render_without_opengl_explains_instead_of_crashing(monkeypatch, capsys, tmp_path: Path) -> None:
    import twin_app.scene.render as render

    monkeypatch.setattr(render, "GL_LIBRARIES", ("libNoSuchGL.so.42",))
    monkeypatch.setattr(render.check_opengl, "__defaults__", (("libNoSuchGL.so.42",),))
    assert main(["render", "helsinki", "--out", str(tmp_path / "x.png")]) == 2
    err = capsys.readouterr().err
    assert "No OpenGL library is available" in err and "apt-get install" in err
