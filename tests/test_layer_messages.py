"""The built-in layer kinds and analyses refuse bad input in the planner's language.

Each failure is real (a file or a layer built here that the code cannot use)
and the sentence expected is the catalogue's, written out here by hand.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import rasterio
import shapely
from rasterio.transform import from_origin

from twin_app.core import i18n
from twin_app.core.errors import TwinError
from twin_app.core.kinds import default_registry


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    i18n.set_language("en")


def _load(kind: str, path: Path, ctx, **options):
    return default_registry().get(kind).load(path, options, ctx)


def _one_band_raster(path: Path) -> Path:
    data = np.ones((4, 4), dtype="float32")
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=4,
        height=4,
        count=1,
        dtype="float32",
        crs="EPSG:3879",
        transform=from_origin(25496000, 6673000, 100, 100),
    ) as dst:
        dst.write(data, 1)
    return path


def test_a_raster_band_that_does_not_exist_is_said_in_japanese_and_french(tmp_path: Path, ctx) -> None:
    path = _one_band_raster(tmp_path / "heat.tif")
    i18n.set_language("ja")
    with pytest.raises(TwinError) as said:
        _load("raster", path, ctx, band=3)
    assert str(said.value) == (
        f"ラスター「{path}」のバンドは 1 個なので、band = 3 は存在しません。"
        "マニフェストで 1 からバンド数までのバンドを指定してください。"
    )
    i18n.set_language("fr")
    with pytest.raises(TwinError) as said:
        _load("raster", path, ctx, band=3)
    assert str(said.value) == (
        f"Le raster « {path} » a 1 bande(s), donc band = 3 n'existe pas. "
        "Indiquez dans le manifeste une bande de 1 au nombre de bandes."
    )


def test_a_csv_without_coordinates_is_said_in_french_and_japanese(tmp_path: Path, ctx) -> None:
    path = tmp_path / "sensors.csv"
    path.write_text("id,temperature\n1,21.5\n")
    i18n.set_language("fr")
    with pytest.raises(TwinError) as said:
        _load("vector", path, ctx)
    assert str(said.value) == (
        f"Le fichier CSV « {path} » n'a pas de coordonnées que twin_app reconnaît : ajoutez des colonnes "
        "« lon » et « lat » (degrés, WGS84) ou une colonne « wkt » avec les géométries."
    )
    i18n.set_language("ja")
    with pytest.raises(TwinError) as said:
        _load("vector", path, ctx)
    assert str(said.value) == (
        f"CSV ファイル「{path}」に twin_app が認識できる座標がありません。"
        "「lon」と「lat」の列（度、WGS84）か、ジオメトリの入った「wkt」列を追加してください。"
    )


def test_a_district_grid_size_that_is_no_length_is_said_in_french() -> None:
    from twin_layers._osm_districts import grid_cell_option

    i18n.set_language("fr")
    with pytest.raises(TwinError) as said:
        grid_cell_option("-5")
    assert str(said.value) == (
        "La taille de maille de la grille des quartiers grid_cell_m = '-5' n'est pas une longueur : "
        "donnez un nombre de mètres positif (par exemple 500), ou omettez-la pour laisser twin_app choisir."
    )


def test_a_stops_layer_without_modes_is_said_in_japanese_and_french() -> None:
    from twin_plugins.transit_access import stop_modes

    stops = gpd.GeoDataFrame({"name": ["Kauppatori"]}, geometry=[shapely.Point(0, 0)], crs="EPSG:3879")
    i18n.set_language("ja")
    with pytest.raises(TwinError) as said:
        stop_modes(stops)
    assert str(said.value) == (
        "停留所レイヤーに、停留所を運行する交通手段の情報がありません（「modes」列なし）。"
        "GTFS フィードまたは OpenStreetMap の停留所レイヤーを選んでください。"
    )
    i18n.set_language("fr")
    with pytest.raises(TwinError) as said:
        stop_modes(stops)
    assert str(said.value) == (
        "La couche d'arrêts ne dit rien des modes qui desservent ses arrêts (pas de colonne « modes ») ; "
        "choisissez une couche d'arrêts issue d'un flux GTFS ou d'OpenStreetMap."
    )


def test_a_layers_notes_are_written_in_the_language_chosen(tmp_path: Path, ctx) -> None:
    path = tmp_path / "sensors.csv"
    path.write_text("id,lon,lat\n1,24.9450,60.1675\n2,,60.17\n")
    i18n.set_language("fr")
    layer = _load("vector", path, ctx)
    assert layer.feature_count == 1
    assert "1 ligne(s) sans géométrie (pas de « lon »/« lat » lisible) ont été ignorée(s) (" in layer.notes[0]
    i18n.set_language("ja")
    layer = _load("vector", path, ctx)
    assert layer.notes[0].startswith("ジオメトリのない行（読める「lon」/「lat」なし）1 行を飛ばしました（")
