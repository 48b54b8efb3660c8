"""The command line speaks the planner's language: ``--lang``, else the locale as gettext reads it.

The help, argparse's own words and the errors are run through the real
``twin-app`` program in a process of its own (the environment is what a
shell would give it), and compared with the sentences of the catalogues
written out here by hand.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from twin_app.cli.language import command_language, environment_language
from twin_app.core import i18n

#: a shell's locale variables cleared, so each test sets only what it names
CLEAN = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}


def _twin_app(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "twin_app.cli.main", *args],
        env={**CLEAN, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    i18n.set_language("en")


def test_the_locale_decides_as_gettext_reads_it() -> None:
    assert environment_language({}) == "en"
    assert environment_language({"LANG": "fr_FR.UTF-8"}) == "fr"
    # LANGUAGE: a list of preferences, the first one spoken wins
    assert environment_language({"LANGUAGE": "de:ja", "LANG": "fr_FR.UTF-8"}) == "ja"
    assert environment_language({"LANGUAGE": "", "LC_ALL": "ko_KR.UTF-8", "LANG": "fr_FR"}) == "ko"
    assert environment_language({"LC_MESSAGES": "pt_PT@euro", "LANG": "es_ES"}) == "pt"
    assert environment_language({"LC_ALL": "zh_CN.UTF-8"}) == "zh"
    # C, POSIX and a language twin_app does not speak: English, whatever comes after
    assert environment_language({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}) == "en"
    assert environment_language({"LANG": "POSIX"}) == "en"
    assert environment_language({"LANG": "de_DE.UTF-8"}) == "en"
    assert environment_language({"LANG": "C.UTF-8"}) == "en"
    # --lang wins over the locale, before the command (the window's) or after it (the report's)
    assert command_language(["--lang", "ja", "report", "--help"], {"LANG": "fr_FR.UTF-8"}) == "ja"
    assert command_language(["report", "--lang=es", "--out", "x.pdf"], {}) == "es"
    assert command_language(["report", "--lang", "xx"], {"LANG": "fr_FR.UTF-8"}) == "fr"  # refused later


def test_a_commands_help_is_french_where_the_locale_is_french() -> None:
    done = _twin_app("report", "--help", LANGUAGE="fr", LANG="C.UTF-8")
    assert done.returncode == 0, done.stderr
    help_text = " ".join(done.stdout.split())
    assert help_text.startswith("utilisation : twin-app report [-h] --out OUT")
    for sentence in (
        "Lancer les analyses sur une ville et écrire un rapport PDF (docs/reports.md).",
        "arguments positionnels:",
        "-h, --help afficher ce message d'aide et quitter",
        "--out OUT fichier PDF à écrire",
        "imprimer les noms des habitants avec leurs épingles (par défaut : omis)",
        "(par défaut 15 ; 0 : sans limite)",
    ):
        assert sentence in help_text, sentence
    assert "show this help message" not in help_text and "PDF file to write" not in help_text


def test_a_commands_help_is_japanese_with_lang_ja() -> None:
    done = _twin_app("--lang", "ja", "report", "--help", LANG="fr_FR.UTF-8")
    assert done.returncode == 0, done.stderr
    help_text = done.stdout
    assert help_text.startswith("使い方: twin-app report")
    for sentence in (
        "市で分析を実行し、PDF レポートを書き出します（docs/reports.md）。",
        "このヘルプを表示して終了する",
        "書き出す PDF ファイル",
        "オプション:",
    ):
        assert sentence in help_text, sentence
    listing = _twin_app("--lang", "ja", "--help")
    assert "PDF レポートを書き出す：地区ごとの分析指標、ビュー、手法、データのクレジット" in " ".join(
        listing.stdout.split()
    )


def test_an_error_of_argparse_and_one_of_twin_app_are_french(tmp_path: Path) -> None:
    bad_size = _twin_app("render", "--out", str(tmp_path / "x.png"), "--size", "grand", LANG="fr_FR.UTF-8")
    assert bad_size.returncode == 2
    last = bad_size.stderr.strip().splitlines()[-1]
    assert last == (
        "twin-app render : erreur : argument --size : « grand » n'est pas une taille comme 1600x1000"
    )

    store = tmp_path / "store.gpkg"
    store.write_bytes(b"")  # the speed is refused before the store is opened
    bad_speed = _twin_app("feed", "replay", "--store", str(store), "--speed", "-2", LANGUAGE="fr")
    assert bad_speed.returncode == 2
    assert bad_speed.stderr.strip() == (
        "twin-app : erreur : --speed -2.0 ne peut pas être tenu ; donnez 0 (aussi vite que possible) "
        "ou une vitesse supérieure à 0 (1 = temps réel)."
    )


def test_english_stays_english_without_a_locale(tmp_path: Path) -> None:
    done = _twin_app("render", "--out", str(tmp_path / "x.png"), "--size", "big")
    assert done.returncode == 2
    assert done.stderr.startswith("usage: twin-app render")
    last = done.stderr.strip().splitlines()[-1]
    assert last == "twin-app render: error: argument --size: 'big' is not a size like 1600x1000"


def test_the_windows_report_process_keeps_the_prefixes_it_reads(tmp_path: Path) -> None:
    """``report --progress`` is read by the window line by line: its prefixes stay, the sentence is French."""
    args = ("report", "--out", str(tmp_path / "x.pdf"), "--scenario", "S", "--lang", "fr")
    sentence = (
        "--scenario demande un fichier de projet, et « helsinki » est une ville ; "
        "indiquez le fichier du projet (voir « twin-app project »)."
    )
    for_window = _twin_app(*args, "--progress")
    assert for_window.returncode == 2
    # the catalogue puts no-break spaces before French punctuation
    assert for_window.stderr.strip().replace("\u00a0", " ") == f"twin-app: error: {sentence}"
    for_person = _twin_app(*args)
    assert for_person.stderr.strip().replace("\u00a0", " ") == f"twin-app : erreur : {sentence}"
