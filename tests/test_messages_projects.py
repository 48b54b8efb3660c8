"""Projects, scenarios and analyses say what went wrong in the planner's language.

Each test makes a real failure (a file that is not a project, an edit the
city cannot take, a plugin whose manifest cannot be read, a rotated raster)
and compares the sentence, after choosing French or Japanese, with the
sentence written here by hand.  French puts a no-break space (U+00A0) inside
its quotation marks and before ``;`` and ``:``.
"""

from __future__ import annotations

import errno
import sqlite3
from importlib.metadata import EntryPoint
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from test_project import make_city
from toy_city import CRS, grid_city

from twin_app.core import i18n, zonal
from twin_app.core.errors import PluginError, ProjectError, RasterGridError, ScenarioError, TwinError
from twin_app.core.heights import describe_height
from twin_app.core.kinds import BuildingRules
from twin_app.core.layers import StopsLayer
from twin_app.core.outputs import describe_os_error
from twin_app.core.pins import export_pins
from twin_app.core.plugins import ENTRY_POINT_GROUP, PluginRegistry
from twin_app.core.project import Project
from twin_app.core.scenario import AddStop, MoveStop, Scenario, apply, edit_from_json

NB = "\u00a0"


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    i18n.set_language("en")


def _message(error: pytest.ExceptionInfo[BaseException]) -> str:
    return str(error.value)


def test_a_file_that_is_not_a_project_is_refused_in_french_and_japanese(tmp_path: Path) -> None:
    path = tmp_path / "notes.gpkg"
    with sqlite3.connect(path) as con:  # a real SQLite file, but someone else's
        con.execute("CREATE TABLE notes (text TEXT)")
    i18n.set_language("fr")
    with pytest.raises(ProjectError) as error:
        Project.open(path)
    assert _message(error) == (
        f"«{NB}{path}{NB}» n'est pas un fichier de projet twin_app{NB}; ouvrez un projet créé avec "
        f"«{NB}twin-app project new{NB}», ou créez-en un."
    )
    i18n.set_language("ja")
    with pytest.raises(ProjectError) as error:
        Project.open(path)
    assert _message(error) == (
        f"「{path}」はtwin_appのプロジェクトファイルではありません。"
        "「twin-app project new」で作成したプロジェクトを開くか、新しく作成してください。"
    )
    i18n.set_language("en")
    with pytest.raises(ProjectError, match="is not a twin_app project file"):
        Project.open(path)


def test_unsaved_changes_left_by_a_crash_are_counted_in_french_and_japanese(tmp_path: Path) -> None:
    """The refusal to edit before recovering counts the changes with the language's plural forms."""
    path = tmp_path / "workshop.gpkg"
    project = Project.new(path, make_city(tmp_path / "toy"))
    project.add_scenario("S")
    project.save()
    project.add_edit("S", AddStop("A", "", 1.0, 2.0))
    project.add_pin("like", "Lovely", 1.0, 2.0)
    project.close()  # no save: the session ends as a crash would leave it
    project = Project.open(path)
    assert len(project.pending) == 2
    i18n.set_language("fr")
    with pytest.raises(ProjectError) as error:
        project.add_scenario("Encore")
    assert _message(error) == (
        f"«{NB}{project.path}{NB}» contient 2 modifications d'une session terminée sans enregistrement{NB}; "
        "récupérez-les ou abandonnez-les avant d'en faire de nouvelles."
    )
    i18n.set_language("ja")
    with pytest.raises(ProjectError) as error:
        project.add_scenario("Encore")
    assert _message(error) == (
        f"「{project.path}」には、保存せずに終了したセッションの変更が2件あります。"
        "新しい変更を行う前に、復元するか破棄してください。"
    )


def _city_with_stops(tmp_path: Path):
    model = grid_city(tmp_path, [(100.0, 100.0, 10.0)])
    stops = gpd.GeoDataFrame(
        {"stop_id": ["S1"], "name": ["Harbour"], "modes": ["bus"]},
        geometry=shapely.points([[0.0, 0.0]]),
        crs=CRS,
    )
    model.add_layer(StopsLayer(id="stops", title="Stops", crs=CRS, style="stops", frame=stops))
    return model


def test_a_scenario_edit_the_city_cannot_take_says_so_in_french_and_japanese(tmp_path: Path) -> None:
    model = _city_with_stops(tmp_path)
    scenario = Scenario("Oops", [MoveStop("nowhere", 1.0, 1.0)])
    i18n.set_language("fr")
    with pytest.raises(ScenarioError) as error:
        apply(model, scenario)
    assert _message(error) == (
        f"Modification 1 du scénario «{NB}Oops{NB}» (déplacer l'arrêt «{NB}nowhere{NB}»){NB}: "
        f"Le scénario «{NB}Oops{NB}» modifie l'objet «{NB}nowhere{NB}», que la couche «{NB}Stops{NB}» "
        f"n'a pas{NB}; la ville a peut-être changé depuis la modification{NB}: supprimez la modification "
        "ou ouvrez la ville pour laquelle elle a été faite."
    )
    i18n.set_language("ja")
    with pytest.raises(ScenarioError) as error:
        apply(model, scenario)
    assert _message(error) == (
        "シナリオ「Oops」の編集1（停留所「nowhere」を移動）："
        "シナリオ「Oops」は地物「nowhere」を変更しますが、レイヤー「Stops」にその地物はありません。"
        "編集後に都市が変わった可能性があります。編集を削除するか、編集を作成した都市を開いてください。"
    )


def test_a_malformed_edit_is_refused_in_french_and_japanese() -> None:
    bow = {"kind": "add_green_area", "area_id": "bow", "ring": [[0, 0], [1, 1], [1, 0], [0, 1]]}
    i18n.set_language("fr")
    with pytest.raises(ScenarioError) as error:
        edit_from_json(bow)
    assert _message(error) == (
        f"Le contour de l'espace vert «{NB}bow{NB}» se recoupe ou n'entoure rien{NB}; "
        "dessinez-le à nouveau sans lignes qui se croisent."
    )
    i18n.set_language("ja")
    with pytest.raises(ScenarioError) as error:
        edit_from_json({"kind": "add_stop", "stop_id": "X", "name": "", "x": 0, "y": 0, "modes": []})
    assert _message(error) == (
        "新しい停留所「X」には少なくとも1つの交通手段（バスや路面電車など）が必要です。指定してください。"
    )


def test_a_plugin_that_failed_to_load_is_named_with_its_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    """An installed entry point whose manifest cannot be read: the refusal says why, as one sentence."""
    broken = EntryPoint(
        name="broken", value="twin_app_no_such_package:analysis.toml", group=ENTRY_POINT_GROUP
    )
    monkeypatch.setattr("twin_app.core.entry_points.entry_points", lambda group: [broken])
    reason = "ModuleNotFoundError: No module named 'twin_app_no_such_package'"
    i18n.set_language("fr")
    registry = PluginRegistry()
    with pytest.raises(PluginError) as error:
        registry.get("broken")
    assert _message(error) == (
        f"Aucune analyse nommée «{NB}broken{NB}» n'est installée. Son chargement a échoué{NB}: {reason}. "
        f"Aucune analyse n'est installée (voir «{NB}twin-app plugins list{NB}»)."
    )
    i18n.set_language("ja")
    with pytest.raises(PluginError) as error:
        registry.get("broken")
    assert _message(error) == (
        f"「broken」という名前の分析はインストールされていません。読み込みに失敗しました：{reason}。"
        "インストールされている分析はありません（「twin-app plugins list」を参照）。"
    )
    i18n.set_language("en")
    with pytest.raises(PluginError) as error:
        registry.get("broken")
    assert _message(error) == (
        f"No analysis called 'broken' is installed. It failed to load: {reason}. "
        "No analyses are installed (see 'twin-app plugins list')."
    )


def test_zonal_statistics_refuse_a_rotated_raster_in_french_and_japanese() -> None:
    rotated = (1.0, 0.5, 0.0, 0.0, -1.0, 4.0)
    i18n.set_language("fr")
    with pytest.raises(RasterGridError) as error:
        zonal.ZoneIndex.build([shapely.box(0, 0, 1, 1)], (4, 4), rotated)
    assert isinstance(error.value, TwinError) and isinstance(error.value, ValueError)
    assert _message(error) == (
        "Le raster est tourné ou cisaillé, et les statistiques zonales demandent une grille orientée au "
        f"nord{NB}; reprojetez-le d'abord sur une grille orientée au nord (par exemple avec "
        f"«{NB}gdalwarp{NB}») et ouvrez-le à nouveau."
    )
    i18n.set_language("ja")
    with pytest.raises(RasterGridError) as error:
        zonal.ZoneIndex.build([shapely.box(0, 0, 1, 1)], (4, 4), (1.0, 0.0, 0.0, 0.0, 0.0, 4.0))
    assert _message(error) == (
        "ラスターのピクセルに幅または高さがありません（ジオトランスフォームのピクセルサイズが0です）。"
        "ジオリファレンス情報とともにラスターをエクスポートし直してください。"
    )


def test_outputs_and_pins_refuse_in_french_and_japanese(tmp_path: Path) -> None:
    full = OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "out.gpkg"))
    i18n.set_language("fr")
    assert describe_os_error(full) == (
        f"«{NB}{tmp_path / 'out.gpkg'}{NB}» n'a pas pu être utilisé, car le disque est plein{NB}; libérez de "
        "la place ou choisissez un autre emplacement, puis réessayez (No space left on device)."
    )
    with pytest.raises(TwinError) as error:
        export_pins([], tmp_path / "pins.txt")
    assert _message(error) == (
        f"Les épingles peuvent être exportées en fichiers .gpkg, .geojson, .csv, et non en «{NB}pins.txt{NB}»"
        f"{NB}; donnez un nom de fichier se terminant par l'une de ces extensions."
    )
    i18n.set_language("ja")
    with pytest.raises(TwinError) as error:
        export_pins([], tmp_path / "pins.txt")
    assert _message(error) == (
        "ピンは.gpkg, .geojson, .csvファイルにエクスポートできますが、「pins.txt」にはできません。"
        "これらのいずれかで終わるファイル名を指定してください。"
    )


def test_a_building_height_is_explained_with_the_language_s_numbers() -> None:
    rules = BuildingRules(storey_height_m=2.5)
    i18n.set_language("fr")
    assert (
        describe_height("levels", "yes", 10.0, rules) == "sa propre balise building:levels × 2,5 m par étage"
    )
    i18n.set_language("ja")
    assert describe_height("footprint", "yes", 5.0, rules) == (
        "建築面積が小さいため2階 × 2.5 mに制限。自身の高さや階数はありません"
    )
