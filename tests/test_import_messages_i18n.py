"""What a planner reads when importing a city, a table or a timetable goes wrong, in her language.

Each case builds a real failure (a bad city name, an empty OpenStreetMap
extract, a damaged cached layer, a table joined on a column it lacks, a
timetable with no service on the day asked, a manifest that breaks its
schema, a named pipe given as a file...) and checks the sentence in French and
Japanese against the translation written out here by hand.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from twin_app.core import i18n
from twin_app.core.city_import import CityImport, import_city
from twin_app.core.districts import check_name_column
from twin_app.core.errors import (
    CRSError,
    DistrictsError,
    EmptyLayerError,
    ManifestError,
    TableError,
    TwinError,
    UnreadableFileError,
)
from twin_app.core.kinds import LoadContext
from twin_app.core.layer_store import DamagedEntry, decode, encode
from twin_app.core.layers import PointLayer, PolygonLayer
from twin_app.core.manifest_schema import check_manifest
from twin_app.core.params import TimeWindow
from twin_app.core.sources import confined_source, require_regular_file
from twin_app.core.table_series import parse_times
from twin_app.core.tables import join_by_key, read_table
from twin_app.core.timetable import Timetable, active_services
from twin_app.core.vector import prepare_frame, record_sample

UTM = "EPSG:3067"


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    i18n.set_language("en")


def _message(code: str, error: type[BaseException], call) -> str:
    """The sentence ``call`` fails with in language ``code`` (French no-break spaces read as spaces)."""
    i18n.set_language(code)
    with pytest.raises(error) as caught:
        call()
    return _plain(str(caught.value))


def _plain(text: str) -> str:
    """``text`` with French typography's no-break spaces (before ':', inside « ») as plain spaces.

    The sentences below are typed with plain spaces; the narrow no-break space
    that groups thousands is kept, so a number's format is still checked.
    """
    return text.replace("\u00a0", " ")


def _empty_osm(path: Path) -> Path:
    import osmium

    with osmium.SimpleWriter(str(path)):
        pass
    return path


# --- importing a city ----------------------------------------------------------------------------


def test_a_city_import_refused_speaks_french_and_japanese(tmp_path: Path) -> None:
    osm = _empty_osm(tmp_path / "empty.osm.pbf")
    dest = tmp_path / "cities"

    def bad_name() -> None:
        import_city(CityImport(name="my city", osm=osm), dest)

    assert _message("fr", TwinError, bad_name) == (
        "« my city » ne peut pas servir de nom de ville : utilisez des lettres, des chiffres, « - », "
        "« _ » ou « . », en commençant par une lettre ou un chiffre."
    )
    assert _message("ja", TwinError, bad_name) == (
        "「my city」は都市名に使えません。英字、数字、「-」「_」「.」を使い、英字か数字で始めてください。"
    )

    def tall_storeys() -> None:
        import_city(CityImport(name="town", osm=osm, storey_height_m=2000.5), dest)

    # French groups thousands with a narrow no-break space and writes a decimal comma
    assert _message("fr", TwinError, tall_storeys) == (
        "--storey-height doit être une hauteur en mètres supérieure à 0, et non 2\u202f000,5."
    )
    assert _message("ja", TwinError, tall_storeys) == (
        "--storey-height には 0 より大きい高さ（メートル）を指定してください（2,000.5 は使えません）。"
    )

    def unknown_credit() -> None:
        import_city(CityImport(name="town", osm=osm, source_attribution={"parks": "City"}), dest)

    assert _message("fr", TwinError, unknown_credit) == (
        "--attribution nomme parks, qui ne fait pas partie des fichiers donnés ; attribuez l'un de "
        'ceux-ci : osm (p. ex. --attribution gtfs="Agence de transport, CC BY 4.0").'
    )
    assert _message("ja", TwinError, unknown_credit) == (
        "--attribution で指定した parks は、指定されたファイルの中にありません。"
        '次のいずれかを指定してください: osm（例: --attribution gtfs="交通事業者, CC BY 4.0"）。'
    )

    def no_data() -> None:  # an extract with no buildings, no streets, nothing at all
        import_city(CityImport(name="town", osm=osm), dest)

    assert _message("fr", EmptyLayerError, no_data) == (
        f"La couche « extrait OpenStreetMap » de « {osm} » n'a aucun objet à afficher : elle est vide "
        "ou se trouve hors de la ville. Vérifiez que le fichier couvre cette ville."
    )
    assert _message("ja", EmptyLayerError, no_data) == (
        f"「{osm}」のレイヤー「OpenStreetMap 抽出データ」には表示する地物がありません。空であるか、"
        "都市の範囲外にあります。ファイルがこの都市を含んでいるか確認してください。"
    )
    assert not dest.exists() or not any(dest.iterdir())  # nothing half-built was left behind


# --- the layer store -----------------------------------------------------------------------------


def _point_layer() -> PointLayer:
    frame = gpd.GeoDataFrame({"v": [1.0, 2.0]}, geometry=shapely.points([(0, 0), (1, 1)]), crs=UTM)
    return PointLayer(id="p", title="P", crs=UTM, frame=frame, value_column="v")


def test_a_damaged_stored_layer_says_why_in_french_and_japanese() -> None:
    entry = bytearray(encode(_point_layer(), "key"))
    entry[-1] ^= 0xFF  # one byte flipped on the disk

    assert _message("fr", DamagedEntry, lambda: decode(bytes(entry), "key")) == (
        "sa somme de contrôle ne correspond pas"
    )
    assert _message("ja", DamagedEntry, lambda: decode(bytes(entry), "key")) == "チェックサムが一致しない"
    planted = b"this is not a layer, whatever its name says" * 2
    assert (
        _message("fr", DamagedEntry, lambda: decode(planted, "key")) == "ce n'est pas une entrée de ce format"
    )
    assert _message("ja", DamagedEntry, lambda: decode(planted, "key")) == "この形式のエントリではない"
    i18n.set_language("en")
    assert decode(encode(_point_layer(), "key"), "key").title == "P"  # an intact entry still reads


# --- tables --------------------------------------------------------------------------------------


def _zones() -> PolygonLayer:
    frame = gpd.GeoDataFrame(
        {"zone_id": ["01", "02"]}, geometry=[shapely.box(0, 0, 10, 10), shapely.box(10, 0, 20, 10)], crs=UTM
    )
    return PolygonLayer(id="zones", title="Zones", crs=UTM, frame=frame)


def test_a_table_with_a_bad_key_column_says_so_in_french_and_japanese(tmp_path: Path) -> None:
    path = tmp_path / "pop.csv"
    path.write_text("code;people\n01;1200,5\n02;7\n02;8\n", encoding="utf-8")
    table = read_table(path)

    def wrong_key() -> None:
        join_by_key(_zones(), table, layer_column="zone_id", table_column="nope")

    assert _message("fr", TableError, wrong_key) == (
        "La table « pop » n'a pas de colonne de clé « nope » ; ses colonnes sont : code, people."
    )
    assert _message("ja", TableError, wrong_key) == (
        "表「pop」にはキー列「nope」がありません。列は次のとおりです: code, people。"
    )

    def repeated_keys() -> None:
        join_by_key(_zones(), table, layer_column="zone_id", table_column="code")

    assert _message("fr", TableError, repeated_keys) == (
        "1 clé(s) de « pop » figurent sur plus d'une ligne (p. ex. '2') ; supprimez les doublons, ou "
        "choisissez comment les combiner (aggregate : sum ou mean)."
    )
    assert _message("ja", TableError, repeated_keys) == (
        "「pop」のキー 1 個が複数の行に現れます（例: '2'）。重複を取り除くか、まとめ方（aggregate: sum "
        "または mean）を選んでください。"
    )

    # what the join did, as the Messages dock shows it
    i18n.set_language("fr")
    joined = join_by_key(_zones(), table, layer_column="zone_id", table_column="code", aggregate="sum")
    assert [_plain(s) for s in joined.report.sentences()[:2]] == [
        "2 entités sur 2 de « Zones » correspondent à une ligne de « pop » (3 lignes, jointure sur "
        "zone_id = code).",
        "1 clé(s) figurent sur plus d'une ligne (2 lignes) ; leurs valeurs ont été additionnées.",
    ]
    assert joined.layer.title == "People de pop.csv"


def test_time_stamps_refused_in_french_and_japanese() -> None:
    def no_zone() -> None:
        parse_times(["2026-03-01 08:00"], column="t", table="hourly", timezone="Mars/Olympus")

    assert _message("fr", TableError, no_zone) == (
        "« Mars/Olympus » n'est pas un nom de fuseau horaire ; utilisez un nom IANA comme "
        "Europe/Helsinki ou UTC."
    )
    assert _message("ja", TableError, no_zone) == (
        "「Mars/Olympus」はタイムゾーン名ではありません。Europe/Helsinki や UTC のような IANA の名前を"
        "使ってください。"
    )


# --- timetables ----------------------------------------------------------------------------------


def _january_timetable() -> Timetable:
    week = {day: ["1"] for day in ("monday", "tuesday", "wednesday", "thursday", "friday")}
    return Timetable(
        feed="GTFS feed t.zip",
        calendar=pd.DataFrame(
            {"service_id": ["s"], **week, "start_date": ["20240101"], "end_date": ["20240131"]}
        ),
        calendar_dates=pd.DataFrame({"service_id": pd.Series([], dtype=object)}),
        trips=pd.DataFrame({"trip_id": ["t"], "service_id": ["s"], "route_type": [3]}),
        stop_times=pd.DataFrame({"trip_id": ["t"], "stop_id": ["1"], "t": [3600.0]}),
        frequencies=pd.DataFrame({"trip_id": [], "start": [], "end": [], "headway": []}),
    )


def test_a_timetable_without_service_that_day_says_when_it_runs() -> None:
    june = TimeWindow(dt.date(2025, 6, 2), 7 * 3600, 9 * 3600)

    def asked() -> None:
        active_services(_january_timetable(), june)

    assert _message("fr", TwinError, asked) == (
        "Le flux GTFS t.zip n'a pas de service le 2025-06-02 (il circule du 2024-01-01 au 2024-01-31) ; "
        "choisissez une plage de service un jour qu'il couvre."
    )
    assert _message("ja", TwinError, asked) == (
        "GTFS フィード t.zip には 2025-06-02 の運行がありません（運行期間は 2024-01-01 から 2024-01-31 "
        "まで）。フィードが含む日の運行時間帯を選んでください。"
    )
    i18n.set_language("en")
    assert active_services(_january_timetable(), TimeWindow(dt.date(2024, 1, 15), 0, 3600)) == {"s"}


# --- the city manifest ---------------------------------------------------------------------------

CITY = {"name": "t", "crs": UTM, "bbox": [24.9, 60.1, 25.0, 60.2]}


def test_a_manifest_that_breaks_its_schema_says_which_key_in_french_and_japanese() -> None:
    where = Path("/cities/t/city.toml")
    raw = {"city": CITY, "layers": [{"id": "roads", "kind": "vector", "source": "r.gpkg", "opacity": "high"}]}

    def opaque() -> None:
        check_manifest(raw, where=where)

    assert _message("fr", ManifestError, opaque) == (
        "Le manifeste de la ville « /cities/t/city.toml » n'est pas valide : opacity de la couche "
        "numéro 1 (« roads ») doit être un nombre de 0 à 1, et non 'high'. Corrigez-le et rouvrez la ville."
    )
    assert _message("ja", ManifestError, opaque) == (
        "都市マニフェスト「/cities/t/city.toml」が正しくありません。1 番目のレイヤー（「roads」）の "
        "opacity は0 から 1 までの数でなければなりません（'high' は使えません）。修正してから、都市を"
        "もう一度開いてください。"
    )

    def no_crs() -> None:
        check_manifest({"city": {"name": "t", "bbox": CITY["bbox"]}}, where=where)

    assert _message("fr", ManifestError, no_crs) == (
        "Le manifeste de la ville « /cities/t/city.toml » est incomplet : [city] n'a pas de « crs »."
    )
    assert _message("ja", ManifestError, no_crs) == (
        "都市マニフェスト「/cities/t/city.toml」が不完全です。[city] に「crs」がありません。"
    )

    i18n.set_language("fr")
    notes = check_manifest({"city": CITY, "extras": {}}, where=where)
    assert [_plain(n) for n in notes] == [
        "Le manifeste de la ville « /cities/t/city.toml » contient une entrée « extras », que cette "
        "version de twin_app n'utilise pas ; elle est ignorée."
    ]


# --- which files may be read -----------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_and_an_escaping_source_are_refused_in_french_and_japanese(tmp_path: Path) -> None:
    pipe = tmp_path / "parks.gpkg"
    os.mkfifo(pipe)

    assert _message("fr", UnreadableFileError, lambda: require_regular_file(pipe)) == (
        f"« {pipe} » (fichier) est un tube nommé (FIFO), qui bloquerait la lecture indéfiniment : twin_app "
        "ne lit que des fichiers ordinaires. Indiquez plutôt un fichier de données (GeoPackage, GeoTIFF, "
        "OSM, zip GTFS …)."
    )
    assert _message("ja", UnreadableFileError, lambda: require_regular_file(pipe)) == (
        f"「{pipe}」（ファイル）は読み込みを永久に止めてしまう名前付きパイプ（FIFO）です。twin_app は通常の"
        "ファイルしか読み込みません。代わりにデータファイル（GeoPackage、GeoTIFF、OSM、GTFS の zip …）を"
        "指定してください。"
    )

    manifest = tmp_path / "city.toml"

    def escaping() -> None:
        confined_source(tmp_path, "../elsewhere/parks.gpkg", layer="parks", manifest=manifest)

    assert _message("fr", Exception, escaping) == (
        f"« parks » (couche) dans « {manifest} » a source = '../elsewhere/parks.gpkg'. Il sort du dossier "
        "avec « .. ». Un dossier de ville ne peut nommer que des fichiers qu'il contient : copiez le fichier "
        "dans le dossier de la ville et donnez son chemin relatif à celui-ci (p. ex. 'data/parks.gpkg'), "
        "ou ouvrez vous-même le fichier avec Fichier → Ouvrir."
    )
    assert _message("ja", ManifestError, escaping) == (
        f"「{manifest}」の「parks」（レイヤー）は source = '../elsewhere/parks.gpkg' です。「..」で"
        "フォルダーの外に出ています。都市フォルダーが指定できるのは、その中にあるファイルだけです。ファイルを"
        "都市フォルダーにコピーしてフォルダーからの相対パス（例: 'data/parks.gpkg'）を書くか、ファイル → "
        "開く でファイルを直接開いてください。"
    )


# --- vector layers and districts -----------------------------------------------------------------


def test_a_layer_without_crs_and_the_repair_notes_in_french_and_japanese() -> None:
    source = Path("/data/parks.geojson")
    frame = gpd.GeoDataFrame({"name": ["a"]}, geometry=[shapely.box(0, 0, 1, 1)])  # no CRS
    ctx = LoadContext(crs=UTM, layer_id="parks", title="Parks")

    def read() -> None:
        prepare_frame(frame, ctx, source=source)

    assert _message("fr", CRSError, read) == (
        "Le fichier '/data/parks.geojson' n'indique pas quel système de référence de coordonnées (SCR) "
        "utilisent ses coordonnées. Enregistrez-le avec un SCR (p. ex. EPSG:4326 pour longitude/latitude), "
        'ou nommez-en un dans le manifeste de la ville avec crs = "EPSG:....".'
    )
    assert _message("ja", CRSError, read) == (
        "'/data/parks.geojson' には、座標がどの座標参照系（CRS）によるものかが書かれていません。座標参照系を"
        '付けて保存するか（例: 経度/緯度なら EPSG:4326）、都市マニフェストで crs = "EPSG:...." と指定して'
        "ください。"
    )

    bow_tie = shapely.Polygon([(0, 0), (2, 2), (2, 0), (0, 2)])
    broken = gpd.GeoDataFrame(
        {"name": ["a", "b", "c"]}, geometry=[shapely.box(0, 0, 1, 1), None, bow_tie], crs=UTM
    )
    i18n.set_language("fr")
    _frame, notes = prepare_frame(broken, ctx, source=source)
    assert [_plain(n) for n in notes] == [
        "1 entité(s) sans géométrie ont été écartées (p. ex. l'entité 2 dans l'ordre du fichier).",
        "1 géométrie invalide a été réparée (p. ex. l'entité 3 dans l'ordre du fichier).",
    ]
    assert record_sample([1, 4, 8, 20]) == "p. ex. l'entité 2, 5 et 9, … dans l'ordre du fichier"
    i18n.set_language("ja")
    assert record_sample(np.array([1, 4, 8])) == "例: ファイル順で 2、5、9 番目の地物"
    assert record_sample([2], word="line") == "例: ファイル順で 3 行目"


def test_a_districts_file_without_the_name_column_in_french_and_japanese() -> None:
    def unnamed() -> None:
        check_name_column(_zones(), "name", what="'/data/zones.gpkg'")

    assert _message("fr", DistrictsError, unnamed) == (
        "La couche de quartiers '/data/zones.gpkg' n'a pas de colonne « name » pour les noms des quartiers. "
        "Ses colonnes sont : zone_id. Indiquez la bonne avec --district-name-column (ou [districts] "
        "name_column dans city.toml)."
    )
    assert _message("ja", DistrictsError, unnamed) == (
        "地区レイヤー '/data/zones.gpkg' には地区名の列「name」がありません。列は次のとおりです: zone_id。"
        "--district-name-column（または city.toml の [districts] name_column）で正しい列を指定してください。"
    )

    def points() -> None:
        check_name_column(_point_layer(), "name", what="'/data/stops.gpkg'")

    assert _message("fr", DistrictsError, points) == (
        "La couche de quartiers '/data/stops.gpkg' contient des entités ponctuelles, mais les quartiers "
        "doivent être des polygones (des surfaces). Donnez un fichier de polygones de quartiers, ou omettez "
        "les quartiers pour les prendre dans OpenStreetMap."
    )
    assert _message("ja", DistrictsError, points) == (
        "地区レイヤー '/data/stops.gpkg' にはポイント地物が含まれていますが、地区はポリゴン（面）でなければ"
        "なりません。地区のポリゴンのファイルを指定するか、地区を省略して OpenStreetMap から"
        "取得してください。"
    )
