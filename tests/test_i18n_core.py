"""The core's language: the languages spoken, and numbers and dates as each language writes them."""

from __future__ import annotations

from datetime import datetime

import pytest

from twin_app.core import i18n
from twin_app.core.errors import TwinError


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    i18n.set_language("en")


def test_seven_languages_are_spoken_and_codes_are_normalised() -> None:
    assert list(i18n.LANGUAGES) == ["en", "es", "fr", "pt", "ko", "ja", "zh"]
    assert i18n.check_language("pt-BR") == "pt" and i18n.check_language("ZH_cn") == "zh"
    with pytest.raises(TwinError, match=r"does not speak 'de'.*ja \(日本語\)"):
        i18n.set_language("de")


def test_numbers_and_dates_follow_the_language() -> None:
    # separators as CLDR gives them: a narrow no-break space groups French digits
    i18n.set_language("fr")
    assert i18n.format_number(12345.678, 1) == "12\u202f345,7"
    i18n.set_language("es")
    assert i18n.format_number(0.5, 2) == "0,50"
    i18n.set_language("en")
    assert i18n.format_number(12345.678, 1) == "12,345.7"
    i18n.set_language("ja")
    assert i18n.format_datetime(datetime(2022, 2, 22, 7, 30)) == "2022/02/22 7:30:00"


def test_speaking_restores_the_previous_language() -> None:
    i18n.set_language("ko")
    with i18n.speaking("fr") as code:
        assert code == "fr" == i18n.language()
    assert i18n.language() == "ko"
