"""Legend numbers as people write them, and one distinct palette per quantity."""

from __future__ import annotations

import pytest

from twin_app.core.quantities import Quantity, format_tick, nice_ticks, quantity_of
from twin_app.scene.palettes import PALETTES, colormap, legend_entry


def test_nice_ticks_are_round_steps_inside_the_range() -> None:
    assert nice_ticks(3, 70, 5) == [20, 40, 60]
    assert nice_ticks(0, 1, 5) == [0, 0.25, 0.5, 0.75, 1.0]
    assert nice_ticks(0.1, 0.83, 5) == [0.2, 0.4, 0.6, 0.8]
    assert nice_ticks(5, 5) == [5]


def test_ticks_never_use_scientific_notation() -> None:
    entry = legend_entry("pop", "People", "people", Quantity.POPULATION, 0, 12_345)
    assert entry.tick_labels == ("0", "5,000", "10,000")
    assert all("e+" not in label for label in entry.tick_labels)


def test_shares_stored_as_fractions_read_as_percent() -> None:
    entry = legend_entry("s", "Share within 500 m", "", Quantity.SHARE, 0.12, 1.0)
    assert entry.units == "%"
    assert entry.tick_labels == ("25 %", "50 %", "75 %", "100 %")


def test_differences_are_symmetric_about_zero_and_signed() -> None:
    entry = legend_entry("d", "Change in height", "m", Quantity.DIFFERENCE, -30, 120)
    assert entry.limits == (-120, 120)
    assert entry.tick_labels == ("-100", "0", "+100")


@pytest.mark.parametrize(
    ("column", "units", "expected"),
    [
        ("height_m", "m", Quantity.HEIGHT),
        ("heat_mean", "index 0–1", Quantity.HEAT),
        ("walk_m", "m", Quantity.DISTANCE),
        ("walk_time_min", "min", Quantity.TIME),
        ("share_within", "", Quantity.SHARE),
        ("count", "people", Quantity.POPULATION),
        ("floor_area", "m²", Quantity.VALUE),
    ],
)
def test_quantity_is_inferred_from_name_then_units(column: str, units: str, expected: Quantity) -> None:
    assert quantity_of(column, units) is expected


def test_a_declared_quantity_wins() -> None:
    assert quantity_of("value", "index", declared="heat") is Quantity.HEAT


def test_each_quantity_has_its_own_palette_except_time_and_distance() -> None:
    names = {q: p.cmap for q, p in PALETTES.items() if q is not Quantity.TIME}
    assert len(set(names.values())) == len(names)
    assert PALETTES[Quantity.DIFFERENCE].diverging
    for palette in PALETTES.values():
        assert colormap(palette.cmap).N >= 256


def test_format_tick_small_values_keep_decimals() -> None:
    assert format_tick(0.25, Quantity.HEAT, step=0.05) == "0.25"
    assert format_tick(1500.0, Quantity.HEIGHT, step=500) == "1,500"


@pytest.mark.parametrize(
    ("key", "units", "label", "expected"),
    [
        ("share_served", "ratio", None, "Share of residents served (%)"),
        ("height_m", "m", None, "Height (m)"),
        ("green_area", "m2", None, "Green area (m²)"),
        ("departures", "/h", None, "Departures (per hour)"),
        ("population_70plus", "people", None, "Residents aged 70+ (people)"),
        ("x", "people", "Residents", "Residents (people)"),
    ],
)
def test_keys_become_labels_with_units(key: str, units: str, label: str | None, expected: str) -> None:
    from twin_app.core.quantities import label_with_units

    assert label_with_units(key, units, label) == expected


def test_table_values_are_written_for_people() -> None:
    from twin_app.core.quantities import display_value

    assert display_value(0.6234, "ratio") == "62.3 %"
    assert display_value(13_116.4, "people") == "13,116"
    assert display_value(0.1234, "index 0–1") == "0.123"
    assert display_value(None, "m") == "n/a"


def test_a_figure_and_its_label_read_the_readers_way_in_the_window_and_the_report_alike() -> None:
    from twin_app.core import i18n
    from twin_app.core.quantities import display_units, display_value, indicator_label
    from twin_app.report.numbers import local_value

    spec = {"label": "Share of residents within walking distance", "unit": "ratio"}
    try:
        i18n.set_language("fr")
        spaced = str.maketrans({"\u202f": " ", "\xa0": " "})  # French sets numbers with no-break spaces
        assert display_value(0.1071, "ratio").translate(spaced) == "10,7 %"
        assert display_value(13_116.4, "people").translate(spaced) == "13 116"
        assert display_value(12.345, "m") == "12,3"
        assert display_value(None, "m") == "n.d."
        assert display_units("/h") == "par heure"
        assert indicator_label("share_served", spec) == "Part des habitants à distance de marche (%)"
        assert local_value(0.1071, "ratio") == display_value(0.1071, "ratio")  # one definition for both
        i18n.set_language("ja")
        assert display_value(13_116.4, "people") == "13,116"
    finally:
        i18n.set_language("en")
    assert indicator_label("share_served", spec) == "Share of residents within walking distance (%)"
