"""The text the 3D scene draws: a font that has every character, and words in the language chosen.

VTK's own fonts know Latin only, and draw *nothing* for a character they
lack, so a Japanese or Korean title would vanish from the map.  The font
files chosen are checked against their character maps read here with
fontTools, and real off-screen exports are checked pixel by pixel: the
title of a city named in Japanese (then Korean) must be drawn with as much
ink and the same shapes as Pillow draws the same text with the same font
file (an independent FreeType renderer), and with glyphs that all differ
(missing-glyph boxes would all be the same box).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

from twin_app.core import i18n
from twin_app.scene import fonts

JAPANESE_TITLE = "東京湾岸の街並み"
KOREAN_TITLE = "서울 한강 지구"


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    i18n.set_language("en")


def _cmap(path: Path, face: int = 0) -> set[int]:
    font = TTFont(str(path), fontNumber=face) if path.suffix == ".ttc" else TTFont(str(path))
    return set(font.getBestCmap())


def _face_name(path: Path) -> str:
    font = TTFont(str(path), fontNumber=0) if path.suffix == ".ttc" else TTFont(str(path))
    return str(font["name"].getDebugName(4))


@pytest.mark.parametrize(
    ("code", "text", "face"),
    [("ja", "東京の地図", "JP"), ("ko", "서울 지도", "KR"), ("zh", "北京地图", "SC")],
)
def test_cjk_text_gets_the_noto_cjk_face_of_the_language_and_it_has_every_character(code, text, face) -> None:
    i18n.set_language(code)
    choice = fonts.font_for(text)
    assert choice.path is not None and choice.missing == ""
    assert _face_name(choice.path) == f"Noto Sans CJK {face}"
    have = _cmap(choice.path)
    assert all(ord(c) in have for c in text if c != " ")


def test_hangul_in_an_english_window_takes_the_korean_face() -> None:
    choice = fonts.font_for(KOREAN_TITLE)
    assert choice.path is not None and _face_name(choice.path) == "Noto Sans CJK KR"


def test_english_text_keeps_vtks_own_font() -> None:
    from twin_app.scene.furniture import text_actor

    assert fonts.font_for("Helsinki · © OpenStreetMap contributors, 2.5 km², 21 °C").path is None
    prop = text_actor("Central Helsinki").GetTextProperty()
    assert prop.GetFontFamilyAsString() == "Arial"


def test_greek_takes_dejavu_which_has_every_letter() -> None:
    text = "Αθήνα, Θεσσαλονίκη"
    assert not all(fonts.default_covers(c) for c in text)  # VTK's Arial has no Greek
    choice = fonts.font_for(text)
    assert choice.path is not None and choice.path.name == "DejaVuSans.ttf"
    assert all(ord(c) in _cmap(choice.path) for c in text if c not in " ,")


def test_a_text_actor_is_set_to_the_font_file() -> None:
    from twin_app.scene.furniture import text_actor

    prop = text_actor(JAPANESE_TITLE, bold=True).GetTextProperty()
    assert prop.GetFontFamily() == fonts.VTK_FONT_FILE
    assert Path(prop.GetFontFile()).name == "NotoSansCJK-Bold.ttc"


def test_no_font_for_the_text_is_a_sentence_naming_the_package(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(fonts, "FONT_FOLDERS", (tmp_path,))
    fonts.clear_caches()
    try:
        with pytest.warns(fonts.FontWarning, match="fonts-noto-cjk"):
            choice = fonts.font_for("東京")
        assert set(choice.missing) == {"東", "京"}
        assert "sudo apt install fonts-noto-cjk" in fonts.font_warnings()[0]
    finally:
        monkeypatch.undo()
        fonts.clear_caches()


def test_the_scene_writes_in_the_language_chosen() -> None:
    from twin_app.core.live.frames import Threshold
    from twin_app.scene.furniture import north_letter
    from twin_app.scene.layout import scale_label
    from twin_app.scene.live import alert_text, format_reading

    assert alert_text("s17", 31.24, "°C", Threshold(above=30)) == "s17: 31.2 °C > 30"
    i18n.set_language("fr")
    assert scale_label(1500) == "1,5 km" and scale_label(200) == "200 m"
    assert alert_text("s17", 31.24, "°C", Threshold(above=30)) == "s17 : 31,2 °C > 30"
    i18n.set_language("ja")
    assert alert_text("s17", 31.24, "°C", Threshold(above=30)) == "s17：31.2 °C（30 を超過）"
    assert format_reading(float("nan"), "°C") == "測定値なし"
    assert north_letter() == "N"
    i18n.set_language("zh")
    assert north_letter() == "北"
    assert alert_text("s3", 2.0, "mm", Threshold(below=5)) == "s3：2.0 mm（低于 5）"


# -- rendered --------------------------------------------------------------------------------
def _title_pixels(tmp_path: Path, title: str, code: str, out: Path) -> tuple[np.ndarray, object]:
    """Export a small city titled ``title`` in language ``code``; the title's ink mask and its actor."""
    import pyvista as pv
    from toy_city import grid_city

    from twin_app.scene.render import export_view
    from twin_app.scene.view import SceneView

    model = grid_city(tmp_path, [(100, 100, 50), (700, 300, 500)])
    model.manifest = dataclasses.replace(model.manifest, title=title)
    i18n.set_language(code)
    plotter = pv.Plotter(off_screen=True, window_size=[1000, 700])
    try:
        view = SceneView(plotter, model)
        plotter.show(auto_close=False)
        export_view(view, out)
        actor = view.furniture.title_actor
        plotter.render()
        box = view.furniture.drawn_boxes()["title"]
        with_title = plotter.screenshot(return_img=True).astype(int)
        actor.SetVisibility(False)
        plotter.render()
        without = plotter.screenshot(return_img=True).astype(int)
        actor.SetVisibility(True)
        # the title is dark text on a light ground: its ink is where it darkens the image
        ink = (without - with_title).sum(axis=-1) > 3 * 60
        height = ink.shape[0]  # image rows run top-down, display pixels bottom-up
        inside = np.zeros_like(ink)
        top, bottom = height - int(box.top) - 2, height - int(box.y) + 2
        inside[max(top, 0) : bottom, max(int(box.x) - 2, 0) : int(box.right) + 2] = True
        assert not (ink & ~inside).any(), "the title darkens pixels outside its box"
        return ink, actor
    finally:
        plotter.close()


def _crop(mask: np.ndarray) -> np.ndarray:
    rows, cols = np.nonzero(mask)
    return mask[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]


def _glyph_runs(mask: np.ndarray) -> list[np.ndarray]:
    """The ink split at empty columns: glyphs, or parts of glyphs."""
    columns = mask.any(axis=0)
    runs, start = [], None
    for x, inked in enumerate([*columns, False]):
        if inked and start is None:
            start = x
        elif not inked and start is not None:
            runs.append(_crop(mask[:, start:x]))
            start = None
    return runs


def _pillow_mask(text: str, font_file: str, face: int, px: int) -> np.ndarray:
    font = ImageFont.truetype(font_file, px, index=face)
    left, top, right, bottom = font.getbbox(text)
    image = Image.new("L", (right - left + 4, bottom - top + 4), 0)
    ImageDraw.Draw(image).text((2 - left, 2 - top), text, font=font, fill=255)
    return np.asarray(image) > 127


@pytest.mark.parametrize(
    ("title", "code", "face", "picture"),
    [(JAPANESE_TITLE, "ja", 0, "scene-text-ja.png"), (KOREAN_TITLE, "ko", 1, "scene-text-ko.png")],
)
def test_an_export_draws_a_cjk_title_with_real_glyphs(tmp_path: Path, title, code, face, picture) -> None:
    out = tmp_path / picture
    ink, actor = _title_pixels(tmp_path, title, code, out)
    assert out.is_file()
    drawn = _crop(ink)
    prop = actor.GetTextProperty()
    assert prop.GetFontFamily() == fonts.VTK_FONT_FILE
    # the same text drawn by Pillow from the font file of that language's face
    bold = fonts.find_font(fonts.CJK_BOLD)
    assert bold is not None
    reference = _crop(_pillow_mask(title, str(bold), face, prop.GetFontSize()))
    assert drawn.shape[1] == pytest.approx(reference.shape[1], rel=0.08), "the title is not the text's width"
    assert drawn.shape[0] == pytest.approx(reference.shape[0], rel=0.15)
    assert drawn.sum() == pytest.approx(reference.sum(), rel=0.25), "the title has not the text's ink"
    # the same shapes: the overlap of the two masks, scaled to one size, is most of their union
    scaled = (
        np.asarray(
            Image.fromarray(reference.astype(np.uint8) * 255).resize(
                drawn.shape[::-1], Image.Resampling.BILINEAR
            )
        )
        > 127
    )
    overlap = (scaled & drawn).sum() / (scaled | drawn).sum()
    print(
        f"{code}: title {drawn.shape}, Pillow {reference.shape}, ink {drawn.sum()} / {reference.sum()}, "
        f"overlap {overlap:.2f}, runs {len(_glyph_runs(drawn))}"
    )
    assert overlap > 0.5, f"the title's glyphs are not the text's ({overlap:.2f} of the ink in common)"
    # missing-glyph boxes are all one shape: every glyph drawn here differs from the others
    # (bold glyphs may touch, so a run of ink can hold two; no character of these titles repeats)
    runs = _glyph_runs(drawn)
    assert len(runs) >= len(title.replace(" ", "")) // 2
    assert len({(run.shape, run.tobytes()) for run in runs}) == len(runs)


def test_vtks_own_font_would_have_drawn_nothing_of_that_title() -> None:
    """What the checks above catch: VTK's Arial draws no ink at all for Kanji, Kana and Hangul."""
    assert not any(fonts.default_covers(c) for c in JAPANESE_TITLE + KOREAN_TITLE.replace(" ", ""))
    assert all(fonts.default_covers(c) for c in "Helsinki 500 m")


def test_an_export_says_which_package_draws_the_characters_it_could_not(tmp_path: Path, monkeypatch) -> None:
    """A city named in Ethiopic on a machine without fonts for it: the export's warnings say what to do."""
    from toy_city import grid_city

    from twin_app.scene.render import render_city

    monkeypatch.setattr(fonts, "FONT_FOLDERS", (tmp_path / "no fonts",))  # only matplotlib's DejaVu is left
    fonts.clear_caches()
    try:
        model = grid_city(tmp_path, [(100, 100, 50)])
        model.manifest = dataclasses.replace(model.manifest, title="ሰላም Town")
        said: list[str] = []
        with pytest.warns(fonts.FontWarning):
            render_city(model, tmp_path / "city.png", size=(800, 600), warnings=said)
        assert any("ሰ ላ ም" in s or set("ሰላም") <= set(s) for s in said)
        assert any("sudo apt install fonts-noto-core" in s for s in said)
    finally:
        monkeypatch.undo()
        fonts.clear_caches()


def test_district_names_and_alert_labels_get_a_font_for_their_script(tmp_path: Path) -> None:
    import numpy as np
    import pyvista as pv

    from twin_app.scene.labels import DistrictLabels

    plotter = pv.Plotter(off_screen=True, window_size=[400, 300])
    try:
        names = ["Πλάκα", "Kallio"]
        labels = DistrictLabels(plotter, np.zeros((2, 3)), names, np.ones(2))
        for actor in labels.actors:  # one font for the whole layer: the one that has Greek
            assert Path(actor.GetTextProperty().GetFontFile()).name == "DejaVuSans.ttf"
    finally:
        plotter.close()


def test_an_alert_label_over_a_station_named_in_japanese_is_drawn_in_japanese() -> None:
    import datetime as dt

    from twin_app.core.layers import LiveLayer
    from twin_app.core.live.frames import SensorFrame, Threshold
    from twin_app.scene.live import SensorVisual

    i18n.set_language("ja")
    threshold = Threshold(above=25.0)
    values = np.array([31.24, 20.0])
    frame = SensorFrame(
        time=dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC),
        ids=("新宿", "渋谷"),
        xy=np.array([[100.0, 100.0], [300.0, 300.0]]),
        values=values,
        unit="°C",
        alert=threshold.exceeded(values),
    )
    layer = LiveLayer(
        id="temp", title="気温", crs="EPSG:3067", feed="temp", observation_kind="sensor",
        quantity="heat", units="°C", threshold=threshold, frame=frame,
    )  # fmt: skip
    visual = SensorVisual(layer, (0.0, 0.0), 30.0)
    assert visual.label_text.GetNumberOfValues() == 1
    assert visual.label_text.GetValue(0) == "新宿：31.2 °C（25 を超過）"
    prop = visual.label_mapper.GetLabelTextProperty()
    assert prop.GetFontFamily() == fonts.VTK_FONT_FILE
    assert Path(prop.GetFontFile()).name == "NotoSansCJK-Bold.ttc"  # the labels are bold, face 0 is Japanese
