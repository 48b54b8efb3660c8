"""Parameters, layer kinds, city manifests, CRSs and languages refuse in the planner's language.

Each failure below is real (a value out of range, a city without a
population grid, a manifest naming one layer twice, a CRS PROJ does not
know...), and the sentence expected in French and Japanese is written here
by hand, as a translator would check it.  French puts a no-break space
(U+00A0) inside « » and before : and ;.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from toy_city import grid_city

from twin_app.core import i18n, layer_cache
from twin_app.core.city import load_manifest
from twin_app.core.crs import check_metric_crs
from twin_app.core.errors import (
    CRSError,
    ManifestError,
    MissingLayerError,
    ParameterError,
    PluginError,
    TwinError,
)
from twin_app.core.kinds import check_layer, parse_kind_manifest
from twin_app.core.params import ChoiceParam, NumberParam, validate_params
from twin_app.core.plugins import default_plugins

NB = "\u00a0"
#: Helsinki's extent: its UTM zone is 35N (24°E..30°E), EPSG:32635
HELSINKI_BBOX = (24.93018, 60.15915, 24.95841, 60.18411)
MINIMAL = """
[city]
name = "mini"
crs = "EPSG:3879"
bbox = [24.93018, 60.15915, 24.95841, 60.18411]
attribution = ["Test data"]
"""


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    i18n.set_language("en")


def _message(error: pytest.ExceptionInfo[TwinError]) -> str:
    return str(error.value)


def _transit_param(name: str):
    (param,) = [p for p in default_plugins().get("transit-access").parameters if p.name == name]
    return param


def test_a_value_out_of_range_is_refused_with_the_number_written_the_language_s_way() -> None:
    walk = NumberParam(
        name="low_capacity_distance", title="Walk to a low-capacity stop", unit="m", minimum=0, maximum=5000
    )
    with pytest.raises(ParameterError) as english:
        walk.parse("7500.5", None)
    assert _message(english) == (
        "Parameter 'Walk to a low-capacity stop' (--low-capacity-distance): 7500.5 m is above the "
        "maximum 5000 m."
    )
    i18n.set_language("fr")
    with pytest.raises(ParameterError) as french:
        walk.parse("7500.5", None)
    assert _message(french) == (
        f"Paramètre «{NB}Marche jusqu'à un arrêt de faible capacité{NB}» (--low-capacity-distance){NB}: "
        "7500,5 m est au-dessus du maximum de 5000 m."
    )
    with pytest.raises(ParameterError) as below:
        walk.parse(-2, None)
    assert _message(below).endswith(": -2 m est en dessous du minimum de 0 m.")
    i18n.set_language("ja")
    with pytest.raises(ParameterError) as japanese:
        walk.parse("7500.5", None)
    assert _message(japanese) == (
        "パラメーター「低容量の停留所までの徒歩」（--low-capacity-distance）："
        "7500.5 m は最大値 5000 m を上回っています。"
    )


def test_an_unknown_choice_names_the_choices() -> None:
    mode = ChoiceParam(name="mode", choices=("walk", "bike"))
    i18n.set_language("fr")
    with pytest.raises(ParameterError) as french:
        mode.parse("car", None)
    assert _message(french) == (
        f"Paramètre «{NB}mode{NB}» (--mode){NB}: «{NB}car{NB}» n'est pas l'une des valeurs "
        f"possibles{NB}: walk, bike."
    )
    i18n.set_language("ja")
    with pytest.raises(ParameterError) as japanese:
        mode.parse("car", None)
    assert (
        _message(japanese)
        == "パラメーター「mode」（--mode）：「car」は次のいずれでもありません：walk, bike。"
    )


def test_transit_access_on_a_city_without_population_says_how_to_add_one(tmp_path: Path) -> None:
    model = grid_city(tmp_path, [(50.0, 50.0, 10.0)])
    model.remove_layer("population")
    population = _transit_param("population")
    i18n.set_language("fr")
    with pytest.raises(MissingLayerError) as french:
        validate_params([population], {}, model)
    in_french = (
        f"«{NB}Grille de population{NB}» (--population) a besoin d'une couche de population, et la "
        f"ville n'en a pas{NB}: importez-en une avec «{NB}twin-app city import NAME --population "
        f"FILE{NB}», ou ouvrez une grille de population avec Fichier → Ouvrir des fichiers."
    )
    assert _message(french) == in_french
    # the whole analysis: the stops are missing too, and both are said at once
    with pytest.raises(MissingLayerError) as both:
        validate_params(default_plugins().get("transit-access").parameters, {}, model)
    assert _message(both).startswith("Il manque à la ville 2 couches dont cette analyse a besoin. ")
    assert _message(both).endswith(in_french)
    assert f"«{NB}Arrêts de transport public{NB}» (--stops) a besoin d'une couche d'arrêts" in _message(both)
    i18n.set_language("ja")
    with pytest.raises(MissingLayerError) as japanese:
        validate_params([population], {}, model)
    assert _message(japanese) == (
        "「人口グリッド」（--population）には人口レイヤーが必要ですが、この都市にはありません。"
        "「twin-app city import NAME --population FILE」でインポートするか、"
        "ファイル → ファイルを開く で人口グリッドを開いてください。"
    )


def test_a_layer_of_the_wrong_type_is_named_with_its_type(tmp_path: Path) -> None:
    model = grid_city(tmp_path, [(50.0, 50.0, 10.0)])
    population = _transit_param("population")
    i18n.set_language("fr")
    with pytest.raises(MissingLayerError) as french:
        population.parse("streets", model)
    assert _message(french) == (
        f"«{NB}Grille de population{NB}» (--population){NB}: «{NB}streets{NB}» est une couche de type "
        f"réseau, et non population{NB}; choisissez parmi{NB}: population."
    )
    i18n.set_language("ja")
    with pytest.raises(MissingLayerError) as japanese:
        population.parse("streets", model)
    assert _message(japanese) == (
        "「人口グリッド」（--population）：「streets」は人口レイヤーではなくネットワークレイヤーです。"
        "次のいずれかを選んでください：population。"
    )


def test_a_city_manifest_naming_a_layer_twice(tmp_path: Path) -> None:
    layer = '\n[[layers]]\nid = "parks"\nkind = "vector"\nsource = "parks.gpkg"\n'
    (tmp_path / "city.toml").write_text(MINIMAL + layer + layer, encoding="utf-8")
    path = tmp_path / "city.toml"
    i18n.set_language("fr")
    with pytest.raises(ManifestError) as french:
        load_manifest(tmp_path)
    assert _message(french) == (
        f"Le manifeste de ville «{NB}{path}{NB}» est incomplet{NB}: deux couches s'appellent «{NB}parks{NB}»."
    )
    i18n.set_language("ja")
    with pytest.raises(ManifestError) as japanese:
        load_manifest(tmp_path)
    assert (
        _message(japanese)
        == f"都市マニフェスト「{path}」が不完全です：2つのレイヤーが同じ「parks」という名前です。"
    )


def test_a_city_manifest_in_degrees_is_refused_with_the_local_utm_zone(tmp_path: Path) -> None:
    (tmp_path / "city.toml").write_text(MINIMAL.replace("EPSG:3879", "EPSG:4326"), encoding="utf-8")
    path = tmp_path / "city.toml"
    i18n.set_language("fr")
    with pytest.raises(ManifestError) as french:
        load_manifest(tmp_path)
    assert _message(french) == (
        f"Le manifeste de ville «{NB}{path}{NB}» indique un SCR inadapté dans [city] crs. "
        f"Le SCR «{NB}EPSG:4326{NB}» (WGS 84) mesure en degrés, donc les distances et les surfaces "
        "n'auraient aucun sens. Utilisez plutôt une projection métrique locale, pour cette ville "
        "EPSG:32635 (sa zone UTM)."
    )
    i18n.set_language("ja")
    with pytest.raises(ManifestError) as japanese:
        load_manifest(tmp_path)
    assert _message(japanese) == (
        f"都市マニフェスト「{path}」の [city] crs に適さない座標参照系が指定されています。"
        "座標参照系「EPSG:4326」（WGS 84）は度で測るため、距離や面積が意味をなしません。"
        "代わりに、その地域のメートル単位の投影法を使ってください。"
        "この都市なら EPSG:32635（この都市の UTM ゾーン）です。"
    )


def test_an_unknown_crs() -> None:
    i18n.set_language("fr")
    with pytest.raises(CRSError) as french:
        check_metric_crs("EPSG:999999", HELSINKI_BBOX)
    assert _message(french) == (
        f"«{NB}EPSG:999999{NB}» n'est pas un système de coordonnées de référence connu de twin_app. Indiquez "
        "le code EPSG d'une projection métrique, pour cette ville EPSG:32635 (sa zone UTM)."
    )
    i18n.set_language("ja")
    with pytest.raises(CRSError) as japanese:
        check_metric_crs("EPSG:999999", HELSINKI_BBOX)
    assert _message(japanese) == (
        "「EPSG:999999」は twin_app が知っている座標参照系ではありません。"
        "メートル単位の投影法の EPSG コードを指定してください。"
        "この都市なら EPSG:32635（この都市の UTM ゾーン）です。"
    )


def test_a_distorting_crs_gives_its_error_as_a_percentage_of_the_language() -> None:
    # UTM zone 31N (central meridian 3°E) used at Helsinki (60.17°N, 24.94°E, 21.94° east of it): on the
    # sphere k = 0.9996 / sqrt(1 - (cos 60.17° · sin 21.94°)²) = 0.9996 / sqrt(1 - 0.1859²) ≈ 1.0173,
    # lengths stretch by 1.7 %, beyond the 1 % accepted
    i18n.set_language("fr")
    with pytest.raises(CRSError) as french:
        check_metric_crs("EPSG:32631", HELSINKI_BBOX)
    assert _message(french) == (
        f"Le SCR «{NB}EPSG:32631{NB}» (WGS 84 / UTM zone 31N) déforme les longueurs de 1,7{NB}% dans cette "
        "ville, donc les distances et les surfaces qui y seraient mesurées seraient fausses. Utilisez plutôt "
        "une projection métrique locale, pour cette ville EPSG:32635 (sa zone UTM)."
    )
    i18n.set_language("ja")
    with pytest.raises(CRSError) as japanese:
        check_metric_crs("EPSG:32631", HELSINKI_BBOX)
    assert "はこの都市で長さを 1.7% ゆがめるため" in _message(japanese)


def test_a_percentage_with_decimals_keeps_the_language_s_spacing() -> None:
    i18n.set_language("fr")
    assert i18n.format_percent(0.0173, 1) == f"1,7{NB}%"
    i18n.set_language("en")
    assert i18n.format_percent(0.0173, 1) == "1.7%"


def test_an_unknown_language_is_refused_in_the_language_spoken() -> None:
    languages = (
        "en (English), es (Español), fr (Français), pt (Português), ko (한국어), ja (日本語), zh (中文)"
    )
    i18n.set_language("fr")
    with pytest.raises(TwinError) as french:
        i18n.set_language("de")
    assert _message(french) == f"twin_app ne parle pas «{NB}de{NB}»{NB}; choisissez parmi{NB}: {languages}."
    assert i18n.language() == "fr"
    i18n.set_language("ja")
    with pytest.raises(TwinError) as japanese:
        i18n.check_language("de")
    assert (
        _message(japanese)
        == f"twin_app は「de」に対応していません。次のいずれかを選んでください：{languages}。"
    )


def test_a_layer_kind_manifest_and_result_are_refused_in_the_language_spoken() -> None:
    i18n.set_language("ja")
    with pytest.raises(PluginError) as japanese:
        parse_kind_manifest({"title": "Trees", "entry": "trees:kind"}, source="twin_trees/kind.toml")
    assert _message(japanese) == "レイヤー種別のマニフェスト twin_trees/kind.toml に「id」がありません。"
    i18n.set_language("fr")
    assert check_layer("a table", "EPSG:3067") == "un objet str, qui n'est pas une couche"


def test_an_unsafe_cache_folder_is_said_in_the_language_spoken(tmp_path: Path) -> None:
    i18n.set_language("fr")
    other = tmp_path.stat().st_uid + 1
    assert layer_cache.folder_problem(tmp_path, uid=other) == "il appartient à un autre utilisateur"
    i18n.set_language("ja")
    assert layer_cache.folder_problem(tmp_path, uid=other) == "別のユーザーのものです"


def test_errors_make_their_sentences_without_the_module_that_chooses_the_language() -> None:
    """errors.py sits below i18n.py (which raises its errors): the two never import each other."""
    import subprocess
    import sys

    lookups = (
        "import sys\nimport twin_app.core.catalogues\n"
        "print(sorted(m for m in sys.modules if m.startswith('twin_app.core.')))"
    )
    found = subprocess.run([sys.executable, "-c", lookups], check=True, capture_output=True, text=True)
    assert found.stdout.strip() == "['twin_app.core.catalogues']"
    errors = "import sys\nimport twin_app.core.errors\nprint('twin_app.core.i18n' in sys.modules)"
    found = subprocess.run([sys.executable, "-c", errors], check=True, capture_output=True, text=True)
    assert found.stdout.strip() == "False"
    i18n.set_language("fr")
    from twin_app.core.errors import CancelledError

    assert str(CancelledError()) == "L'opération a été annulée."
