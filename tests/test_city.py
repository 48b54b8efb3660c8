"""City folders: manifests, name resolution, and loading that survives bad files."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from twin_app.core.city import load_manifest, resolve_city
from twin_app.core.errors import CityNotFoundError, ManifestError
from twin_app.core.feedback import Feedback
from twin_app.core.loading import load_city

MINIMAL = """
[city]
name = "mini"
crs = "EPSG:3879"
bbox = [24.93018, 60.15915, 24.95841, 60.18411]
attribution = ["Test data"]
"""


def _city(tmp_path: Path, layers: str = "", extra: str = "") -> Path:
    folder = tmp_path / "mini"
    folder.mkdir(exist_ok=True)
    (folder / "city.toml").write_text(MINIMAL + extra + layers, encoding="utf-8")
    return folder


def test_bundled_city_resolves_by_name_and_path(helsinki_dir: Path) -> None:
    assert resolve_city("helsinki") == helsinki_dir.resolve()
    assert resolve_city(str(helsinki_dir)) == helsinki_dir.resolve()
    assert resolve_city(helsinki_dir / "city.toml") == helsinki_dir.resolve()
    manifest = load_manifest(helsinki_dir)
    assert manifest.crs == "EPSG:3879"
    assert "OpenStreetMap" in manifest.attribution_text and "HSL" in manifest.attribution_text
    assert manifest.districts_layer == "districts"


def test_unknown_city_says_what_exists() -> None:
    with pytest.raises(CityNotFoundError, match="helsinki"):
        resolve_city("atlantis")


def test_folder_without_manifest(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match=r"has no city\.toml"):
        load_manifest(tmp_path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[city\nname=", "not valid TOML"),
        ("[other]\nx=1", "no \\[city\\] table"),
        ('[city]\nname="a"\ncrs="EPSG:3879"', "no 'bbox'"),
        ('[city]\nname="a"\ncrs="EPSG:3879"\nbbox=[3,2,1,0]', "west < east"),
        (MINIMAL + '[[layers]]\nid="a"\nkind="raster"', "has no 'source'"),
        (MINIMAL + '[districts]\nlayer="nope"', "names the layer 'nope'"),
    ],
)
def test_invalid_manifests_explain_themselves(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "city.toml").write_text(text)
    with pytest.raises(ManifestError, match=message):
        load_manifest(tmp_path)


def test_a_broken_layer_costs_only_that_layer(tmp_path: Path) -> None:
    folder = _city(
        tmp_path,
        layers="""
[[layers]]
id = "parks"
kind = "vector"
source = "parks.gpkg"
style = "green"

[[layers]]
id = "gone"
kind = "vector"
source = "missing.gpkg"

[[layers]]
id = "broken"
kind = "raster"
source = "broken.tif"

[[layers]]
id = "alien"
kind = "no-such-kind"
source = "parks.gpkg"
""",
    )
    gpd.GeoDataFrame(
        {"name": ["Esplanadi"]}, geometry=[shapely.box(24.944, 60.167, 24.946, 60.168)], crs="EPSG:4326"
    ).to_file(folder / "parks.gpkg")
    (folder / "broken.tif").write_bytes(b"II*\x00garbage")
    messages: list[str] = []
    model = load_city(folder, feedback=Feedback(on_message=lambda level, text: messages.append(text)))
    assert list(model.layers) == ["parks"]
    problems = {p.layer_id: p.message for p in model.problems}
    assert set(problems) == {"gone", "broken", "alien"}
    assert "does not exist" in problems["gone"] and "missing.gpkg" in problems["gone"]
    assert "could not be read as a GeoTIFF" in problems["broken"]
    assert "No layer kind called 'no-such-kind'" in problems["alien"]
    assert len(messages) == 3
    info = model.info()
    assert info["buildings"]["count"] == 0 and set(info["buildings"]["height_from"].values()) == {0}
    assert len(info["problems"]) == 3


def test_cancel_stops_loading(tmp_path: Path) -> None:
    from twin_app.core.errors import CancelledError

    folder = _city(tmp_path, layers='[[layers]]\nid="a"\nkind="vector"\nsource="a.gpkg"\n')
    feedback = Feedback()
    feedback.cancel()
    with pytest.raises(CancelledError):
        load_city(folder, feedback=feedback)
