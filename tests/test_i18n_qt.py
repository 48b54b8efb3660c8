"""The window's Qt catalogues: complete, real, compiled from what the code says, and read by Qt.

No window here: the catalogues are read as XML, compiled with the same
``pyside6-lrelease`` the project uses, and looked up with a real
``QTranslator``.  The expected translations below were written by hand.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import update_ts  # noqa: E402

CODES = update_ts.LANGUAGES
#: texts that are rightly the same as the English in a language (a word both languages
#: share, a unit): listed by hand, per language, so that nothing else can be left in English
SAME_AS_ENGLISH: dict[str, set[str]] = {
    "fr": {"Source", "Messages", "Raster", "Licences", "Pause", "msg/s"},
    "pt": {"Raster", "msg/s"},
    "es": {"Idea"},
}
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
_ACCELERATOR = re.compile(r"&[^&\s]")


def _messages(code: str) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(update_ts.ts_path(code)).getroot()
    return [
        (context.findtext("name") or "", message.findtext("source") or "", message.find("translation"))
        for context in root.iter("context")
        for message in context.iter("message")
    ]


@pytest.mark.parametrize("code", CODES)
def test_every_entry_is_translated_for_real(code: str) -> None:
    problems = []
    for context, source, translation in _messages(code):
        assert translation is not None
        text = translation.text or ""
        where = f"{context}: {source!r}"
        if translation.get("type") in ("unfinished", "vanished", "obsolete"):
            problems.append(f"{where} is {translation.get('type')}")
        elif not text.strip():
            problems.append(f"{where} is empty")
        elif (
            text == source
            and re.search(r"[^\W\d_]", source)
            and source not in SAME_AS_ENGLISH.get(code, set())
        ):
            problems.append(f"{where} is left in English")
        if sorted(_PLACEHOLDER.findall(text)) != sorted(_PLACEHOLDER.findall(source)):
            problems.append(f"{where}: the placeholders differ in {text!r}")
        if text.count("\n") != source.count("\n"):
            problems.append(f"{where}: the lines differ in {text!r}")
        if bool(_ACCELERATOR.search(source)) != (len(_ACCELERATOR.findall(text)) == 1):
            problems.append(f"{where}: a menu text needs exactly one & (its key), as in English: {text!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("code", ["ko", "ja", "zh"])
def test_korean_japanese_and_chinese_entries_are_written_in_their_own_script(code: str) -> None:
    """Not a Latin copy with a word changed: every entry with English words has Hangul, kana or hanzi."""
    scripts = {"ko": r"[\uac00-\ud7a3]", "ja": r"[\u3040-\u30ff\u4e00-\u9fff]", "zh": r"[\u4e00-\u9fff]"}
    latin_only = [
        source
        for _context, source, translation in _messages(code)
        if re.search(r"[a-z]{3}", _PLACEHOLDER.sub("", source))
        and not re.search(scripts[code], translation.text or "")
        and not re.fullmatch(r"[\w .()*;/-]*\(\*\.\w+.*", source)  # a file filter: its patterns
    ]
    assert not latin_only, latin_only


def test_the_catalogues_hold_every_text_the_code_marks(tmp_path: Path) -> None:
    """``tools/update_ts.py`` was run: lupdate on the code today finds no text the catalogues lack."""
    fresh = tmp_path / "fresh.ts"
    files = [str(p.relative_to(ROOT)) for p in update_ts.sources()]
    subprocess.run(
        [update_ts.tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *files, "-ts", str(fresh)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    marked = {
        (c.findtext("name"), m.findtext("source"))
        for c in ET.parse(fresh).getroot().iter("context")
        for m in c.iter("message")
    }
    assert len(marked) > 200  # the window's texts are marked at all
    for code in CODES:
        held = {(context, source) for context, source, _ in _messages(code)}
        assert marked == held, (
            f"twin_app_{code}.ts is not in step with the code: run tools/update_ts.py "
            f"(missing {sorted(marked - held)[:5]}, gone {sorted(held - marked)[:5]})"
        )


def test_the_compiled_qm_files_are_those_of_the_ts_files(tmp_path: Path) -> None:
    written = update_ts.release(CODES, tmp_path)
    for path in written:
        committed = update_ts.qm_path(path.stem.removeprefix("twin_app_"))
        assert committed.is_file(), f"{committed.name} is missing: run tools/update_ts.py"
        assert committed.read_bytes() == path.read_bytes(), (
            f"{committed.name} is stale: run tools/update_ts.py --release"
        )


#: a few texts of each kind, translated by hand (menu with its key, dock title, sentence with a field)
EXPECTED = {
    "es": ("&Archivo", "Capas", "Distancia en el mapa: {distance} (Esc borra)"),
    "fr": ("&Fichier", "Couches", "Distance sur la carte\u00a0: {distance} (Échap efface)"),
    "pt": ("&Ficheiro", "Camadas", "Distância no mapa: {distance} (Esc limpa)"),
    "ko": ("파일(&F)", "레이어", "지도상 거리: {distance}(Esc로 지움)"),
    "ja": ("ファイル(&F)", "レイヤー", "地図上の距離：{distance}（Esc で消去）"),
    "zh": ("文件(&F)", "图层", "地图上的距离：{distance}（按 Esc 清除）"),
}


@pytest.mark.parametrize("code", CODES)
def test_qt_reads_the_compiled_translations(code: str) -> None:
    from PySide6.QtCore import QTranslator

    from twin_app.qt.i18n import qm_path

    translator = QTranslator()
    assert translator.load(str(qm_path(code)))
    menu, dock, sentence = EXPECTED[code]
    assert translator.translate("MainWindow", "&File") == menu
    assert translator.translate("MainWindow", "Layers") == dock
    assert translator.translate("MainWindow", "Distance on the map: {distance} (Esc clears)") == sentence


def test_qt_ships_its_own_texts_for_every_language() -> None:
    """Message boxes and file dialogs speak the language too (qtbase_*.qm from PySide6)."""
    from PySide6.QtCore import QLocale, QTranslator

    from twin_app.qt.i18n import QT_BASE_FALLBACK, QT_LOCALES, qt_translations_dir

    for code in CODES:
        translator = QTranslator()
        folder = str(qt_translations_dir())
        loaded = translator.load(QLocale(QT_LOCALES.get(code, code)), "qtbase", "_", folder) or (
            translator.load(f"qtbase_{QT_BASE_FALLBACK[code]}", folder) if code in QT_BASE_FALLBACK else False
        )
        assert loaded, code
        assert translator.translate("QPlatformTheme", "Cancel") not in ("", "Cancel"), code


def test_the_start_language_is_asked_then_remembered_then_the_system_s(tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtCore import QSettings

    from twin_app.core.errors import TwinError
    from twin_app.qt import i18n

    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(i18n, "settings", lambda: store)
    monkeypatch.setattr(i18n, "system_language", lambda: "en")
    assert i18n.start_language(None) == "en"
    store.setValue(i18n.SETTINGS_KEY, "ko")
    assert i18n.start_language(None) == "ko"
    assert i18n.start_language("pt-BR") == "pt"  # --lang wins, and a region is understood
    store.setValue(i18n.SETTINGS_KEY, "tlh")  # a language twin_app does not speak is ignored
    assert i18n.start_language(None) == "en"
    with pytest.raises(TwinError, match="does not speak 'xx'"):
        i18n.start_language("xx")


def test_the_command_line_refuses_a_language_it_does_not_speak(capsys) -> None:
    from twin_app.cli.main import main

    assert main(["--lang", "xx", "plugins"]) == 2
    err = capsys.readouterr().err
    assert "does not speak 'xx'" in err and "ja (日本語)" in err


def test_fonts_for_korean_japanese_and_chinese_are_installed() -> None:
    """The writing systems of ko, ja and zh each have a font (tools/setup.sh installs fonts-noto-cjk)."""
    code = (
        "import sys\n"
        "from PySide6.QtGui import QGuiApplication\n"
        "app = QGuiApplication(sys.argv[:1])\n"
        "from twin_app.qt.i18n import WRITING_SYSTEMS, font_problem\n"
        "from PySide6.QtGui import QFontDatabase\n"
        "for c, s in WRITING_SYSTEMS.items():\n"
        "    print(c, len(QFontDatabase.families(s)), font_problem(c))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines())
    for code_ in ("ja", "ko", "zh"):
        count, problem = lines[code_].split(" ", 1)
        assert int(count) > 0 and problem == "None", f"{code_}: {lines[code_]}"


def test_setup_installs_the_cjk_fonts() -> None:
    assert "fonts-noto-cjk" in (ROOT / "tools" / "setup.sh").read_text(encoding="utf-8")
