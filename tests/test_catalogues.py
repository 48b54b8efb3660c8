"""The gettext catalogues: complete, up to date with the code, and really translated.

Each language's ``.po`` must translate every sentence of the template (no
empty and no fuzzy entry), keep every ``{field}`` of the English (a missing
one would raise at ``.format`` time in the middle of a workshop), and the
template must hold exactly what ``tools/update_po.py`` extracts from the code
and the manifests today.  The expected sentences below are written by hand.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from twin_app.core import i18n
from twin_app.core.errors import CancelledError, CorruptFileError, MissingFileError
from twin_app.core.plugins import default_plugins

ROOT = Path(__file__).resolve().parents[1]
BUILT_IN = ("transit-access", "green-space-access", "heat-exposure")
OTHER_LANGUAGES = [code for code in i18n.LANGUAGES if code != "en"]
#: sentences whose translation may rightly equal the English in that language (symbols, loanwords)
SAME_AS_ENGLISH = {
    "CSV",
    "{number}. {title}",
    "{page} / {pages}",
    "{number} %",
    "{seconds} s",
    "{distance} km",
    "{distance} m",
    "{minutes} min",
    "{minutes} min {seconds} s",
    "bus",
    "metro",
    "ferry",
    "trolleybus",
    "idea",
    "Idea",
    "no",
    "table",
    "{size} bytes",
    # layer types' names: the same word in French or Portuguese GIS
    "points",
    "raster",
    "population",
    # a layer's title that French writes as English does
    "Population",
    "options",
    # the command line's prefixes: "error" is Spanish as well
    "twin-app: error: {message}",
    "%(prog)s: error: %(message)s\n",
    # formulas: the same in every script
    "SDG 11.2.1: population_served / population, 0–1.",
    "SDG 11.7.1(b): population_served / population, 0–1.",
}


def _tool():
    spec = importlib.util.spec_from_file_location("update_po", ROOT / "tools" / "update_po.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["update_po"] = module
    spec.loader.exec_module(module)
    return module


def _catalogue(code: str):
    with i18n.catalogue_path(code).open("rb") as handle:
        return read_po(handle, locale=i18n.babel_locale(code), domain=i18n.DOMAIN)


def _fields(text: str) -> set[str]:
    return set(re.findall(r"\{(\w*)\}", text))


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    i18n.set_language("en")


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_every_sentence_is_translated_and_keeps_its_fields(code: str) -> None:
    catalogue = _catalogue(code)
    entries = [m for m in catalogue if m.id]
    assert len(entries) > 200
    for message in entries:
        english = message.id if isinstance(message.id, str) else message.id[-1]
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        assert "fuzzy" not in message.flags, f"{code}: fuzzy: {english!r}"
        assert forms and all(forms), f"{code}: not translated: {english!r}"
        for form in forms:
            assert _fields(form) == _fields(english), f"{code}: fields differ in {form!r}"
        words = re.sub(r"\{\w*\}", "", english)
        if english not in SAME_AS_ENGLISH and re.search(r"[A-Za-z]{2}", words):
            assert forms[-1] != english, f"{code}: a copy of the English: {english!r}"


def test_the_template_is_up_to_date_with_the_code_and_manifests(tmp_path: Path) -> None:
    tool = _tool()
    written = tool.update(tmp_path, languages=(), root=ROOT)
    with written[0].open("rb") as handle:
        fresh = tool.msgids(read_po(handle))
    with (i18n.LOCALE_DIR / "twin_app.pot").open("rb") as handle:
        stored = tool.msgids(read_po(handle))
    assert fresh == stored, (
        f"new: {sorted(fresh - stored, key=str)[:5]}, gone: {sorted(stored - fresh, key=str)[:5]}; "
        "run tools/update_po.py and translate"
    )
    for code in OTHER_LANGUAGES:
        assert tool.msgids(_catalogue(code)) == stored, f"{code}: run tools/update_po.py"


def test_a_core_error_speaks_the_language_chosen() -> None:
    assert str(CancelledError()) == "The operation was cancelled."
    i18n.set_language("fr")
    assert str(CancelledError()) == "L'opération a été annulée."
    assert str(MissingFileError("/data/t.csv", what="table")) == (
        "«\u00a0/data/t.csv\u00a0» (table) n'existe pas. "
        "Vérifiez le chemin, ou copiez-y le fichier et réessayez."
    )
    i18n.set_language("ja")
    assert str(CancelledError()) == "操作は取り消されました。"
    error = CorruptFileError("/data/f.zip", fmt="a GTFS feed (zip)")
    assert str(error).startswith("ファイル「/data/f.zip」をGTFSフィード（zip）として読み込めませんでした。")
    i18n.set_language("en")
    english = str(MissingFileError("/data/t.csv", what="table"))
    assert english.startswith("The table '/data/t.csv' does not exist.")


def test_every_indicator_explains_itself_in_every_language() -> None:
    manifests = [m for m in default_plugins().manifests() if m.id in BUILT_IN]
    assert len(manifests) == len(BUILT_IN)
    for manifest in manifests:
        for key in manifest.indicators:
            english = manifest.indicator_text(key, "explanation")
            assert english, f"{manifest.id} {key} has no plain-language explanation"
            for code in OTHER_LANGUAGES:
                with i18n.speaking(code):
                    for what in ("explanation", "label", "definition"):
                        shown = manifest.indicator_text(key, what)
                        english_text = manifest.indicators[key][what]
                        assert shown and shown != english_text, (code, manifest.id, key, what)
                    assert manifest.shown_title() != manifest.title
                    assert all(p.shown_label != p.title for p in manifest.parameters)


def test_the_explanations_say_the_same_thing_in_each_language() -> None:
    manifest = default_plugins().get("transit-access")
    expected = {
        "es": "De cada 100 residentes",
        "fr": "Sur 100 habitants",
        "pt": "Em cada 100 residentes",
        "ko": "주민 100명 가운데",
        "ja": "住民100人のうち",
        "zh": "每 100 名居民中",
    }
    for code, start in expected.items():
        with i18n.speaking(code):
            assert manifest.indicator_text("share_served", "explanation").startswith(start)
    # a third party's text no catalogue holds is shown as its author wrote it
    with i18n.speaking("ja"):
        assert i18n.manifest_text("Trees per  street\n metre") == "Trees per street metre"


def test_report_numbers_are_written_as_each_language_writes_them() -> None:
    from twin_app.report.numbers import local_difference, local_value

    expected = {
        "en": ("51.5 %", "12,346", "+22.1 pp", "0.523"),
        "fr": ("51,5\u00a0%", "12\u202f346", "+22,1\u00a0pt", "0,523"),
        "es": ("51,5 %", "12.346", "+22,1 p. p.", "0,523"),
        "ja": ("51.5%", "12,346", "+22.1ポイント", "0.523"),
        "ko": ("51.5%", "12,346", "+22.1%p", "0.523"),
    }
    for code, (share, count, change, small) in expected.items():
        with i18n.speaking(code):
            assert local_value(0.515, "ratio") == share, code
            assert local_value(12345.6, "people") == count, code
            assert local_difference(0.221, "ratio") == change, code
            assert local_value(0.5234) == small, code
            assert local_value(None) != "" and local_difference(-120.0, "people").startswith("-120")


@pytest.mark.parametrize(("code", "face", "script"), [("ja", 0, "の"), ("ko", 1, "한"), ("zh", 2, "汉")])
def test_cjk_reports_find_a_font_with_their_glyphs(code: str, face: int, script: str) -> None:
    from fontTools.ttLib import TTFont

    from twin_app.report.fonts import font_for

    font = font_for(code)
    assert font.regular.name == "NotoSansCJK-Regular.ttc" and font.index == face
    with TTFont(font.regular, fontNumber=font.index, lazy=True) as tt:
        assert ord(script) in tt.getBestCmap()


def test_a_missing_cjk_font_is_a_sentence_saying_what_to_install(tmp_path: Path, monkeypatch) -> None:
    from twin_app.core.errors import TwinError
    from twin_app.report import fonts

    monkeypatch.setattr(fonts, "FONT_FOLDERS", (tmp_path,))
    with pytest.raises(TwinError, match=r"日本語.*fonts-noto-cjk.*NotoSansCJK-Regular\.ttc"):
        fonts.font_for("ja")
    assert fonts.font_for("fr").family == "DejaVu"  # DejaVu, inside matplotlib, writes French


def test_an_analysis_warning_speaks_the_language_chosen() -> None:
    import numpy as np
    from twin_plugins.heat_exposure import threshold_warning

    heat = np.array([0.2, 0.5])
    assert threshold_warning(heat, 0.9, "index") == (
        "The heat threshold 0.9 is outside the raster's values (0.2 to 0.5 index): nobody can be above it, "
        "so the shares above the threshold say nothing. Choose a threshold between 0.2 and 0.5."
    )
    with i18n.speaking("es"):
        assert threshold_warning(heat, 0.1, "index") == (
            "El umbral de calor 0.1 está fuera de los valores del ráster (de 0.2 a 0.5 index): todos cuentan "
            "como por encima, así que las proporciones por encima del umbral no dicen nada. "
            "Elija un umbral entre 0.2 y 0.5."
        )
