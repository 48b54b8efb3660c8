"""Numbers the window puts in its sentences, written the language's way (hand-written answers).

French writes a decimal comma, a no-break space before the per cent sign
and a thin no-break space between thousands (CLDR); Spanish puts the
space before % too; English, Japanese and Chinese write 10.7%.
"""

from __future__ import annotations

import pytest

from twin_app.core.i18n import format_percent, speaking

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("code", "tenth", "whole"),
    [
        ("en", "10.7%", "45%"),
        ("fr", f"10,7{NBSP}%", f"45{NBSP}%"),
        ("es", f"10,7{NBSP}%", f"45{NBSP}%"),
        ("pt", "10,7%", "45%"),
        ("ja", "10.7%", "45%"),
        ("zh", "10.7%", "45%"),
    ],
)
def test_a_share_with_decimals_keeps_the_language_s_per_cent_sign(code: str, tenth: str, whole: str) -> None:
    with speaking(code):
        assert format_percent(0.107, 1) == tenth
        assert format_percent(0.45) == whole


def test_a_measured_distance_is_written_the_language_s_way() -> None:
    from twin_app.scene.measure import describe_distance

    with speaking("fr"):
        assert describe_distance(850.4) == "850 m"
        assert describe_distance(12_346.0) == "12,35 km"
        assert describe_distance(1_234.0) == "1,23 km"
    with speaking("en"):
        assert describe_distance(12_346.0) == "12.35 km"
        assert describe_distance(1_500.0) == "1.50 km"
