"""``twin-app report --lang``: the town's report really written in Japanese and in French.

The town is test_report's (one district, "Centre": with a 300 m walk to a
bus stop 280 of its 544 residents are served, 51.5 %).  The PDF's text is
read back with pypdf, the headings and the explanation are the catalogue's
sentences written out here by hand, and the share is written as each
language writes it (51.5% in Japanese, 51,5 % in French).  Every character
of the text is checked against the glyph table of the font the report uses
(read with fontTools, not with the PDF library that wrote it), so no
character can come out as a missing-glyph box; the pages are drawn with
PDFium to check they are not blank.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import numpy as np
import pytest
from test_report import town  # noqa: F401  (the module-scoped town fixture)

from twin_app.cli.main import main
from twin_app.core import i18n

pytestmark = pytest.mark.slow

ARGS = [
    "--size",
    "800x500",
    "--analyses",
    "transit-access,green-space-access,heat-exposure",
    "--param",
    "transit-access.low_capacity_distance=300",
]
#: per language: what the report must say (the catalogue's sentences, and the figures as written there)
EXPECTED = {
    "ja": [
        "このレポートの内容",
        "公共交通へのアクセス（SDG 11.2.1）",
        "国連SDGs指標 11.2.1に準拠。",
        "住民100人のうち、公共交通まで歩いてすぐの場所に住む人の数。",
        "徒歩圏内の住民の割合 (%)",
        "地区 値（%） 集計対象の住民",
        "Centre 51.5% 544",
        "選択した全地区",
        "各指標の計算方法",
        "データの出典とクレジット",
    ],
    "fr": [
        "Contenu de ce rapport",
        "Accès aux transports publics (ODD 11.2.1)",
        "Suit l'indicateur 11.2.1 des ODD des Nations unies.",
        "Sur 100 habitants, combien vivent à courte distance à pied des transports publics.",
        "Part des habitants à distance de marche (%)",
        "Quartier Valeur (%) Habitants comptés",
        "Centre 51,5 % 544",
        "Tous les quartiers choisis",
        "Comment chaque indicateur est calculé",
        "Marche jusqu'à un arrêt de faible capacité (low_capacity_distance) 300,0 m",
        # the notes of the runs: labels from the report's table, values as the analyses wrote them
        "Placement sur les rues : sur le tronçon de rue le plus proche (pas le nœud) ; "
        "la marche du point jusqu'à la rue compte",
        "Seuils de marche : 300 m jusqu'à un arrêt retenu, "
        "1 000 m jusqu'à un arrêt à grande capacité (inclus)",
        "Règle du seuil : exposé quand la chaleur moyenne de la cellule est strictement au-dessus du seuil",
    ],
}


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    i18n.set_language("en")


def _flat(text: str) -> str:
    """Line breaks and no-break spaces as plain spaces (cells wrap; French puts a no-break space before %)."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.fixture(scope="module", params=["ja", "fr"])
def written(request, town: Path, tmp_path_factory) -> tuple[str, Path, str, str]:  # noqa: F811
    lang = request.param
    pdf = tmp_path_factory.mktemp(f"report-{lang}") / f"town-{lang}.pdf"
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            code = main(["report", str(town), "--out", str(pdf), *ARGS, "--lang", lang])
    finally:
        i18n.set_language("en")
    assert code == 0, out.getvalue()
    return lang, pdf, _text(pdf), out.getvalue()


def _text(pdf: Path) -> str:
    """The PDF's text as PDFium (Chrome's PDF engine) reads it.

    Not pypdf here: a CJK report's font is a CFF-flavoured OpenType font that
    fpdf2 embeds as a CID font with an embedded CMap as its encoding, which
    pypdf 5 decodes one byte at a time ("\\x00地\\x00区..."); PDFium, Acrobat
    and poppler read the two-byte codes.  The French report is also read with
    pypdf, below, as test_report reads the English one.
    """
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))


def test_the_report_says_its_headings_explanations_and_numbers_in_its_language(written) -> None:
    lang, pdf, text, said = written
    flat = _flat(text)
    for sentence in EXPECTED[lang]:
        assert _flat(sentence) in flat, f"{lang}: {sentence!r} not in the report"
    assert "What this report contains" not in flat and "How each indicator is computed" not in flat
    saved = {"ja": f"{pdf} に保存しました（", "fr": f"Enregistré\u00a0: {pdf} ("}[lang]
    assert said.startswith(saved)


#: the notes of the runs in Japanese (read with PDFium only: pypdf garbles long CJK lines, see _text)
JAPANESE_NOTES = (
    "道路への配置：最も近い道路区間へ（ノードではない）。点から道路までの徒歩も数える",
    "しきい値の規則：セルの平均暑熱がしきい値を厳密に上回るときに曝露とみなす",
)


def test_the_notes_of_the_runs_are_labelled_and_written_in_the_reports_language(written) -> None:
    lang, _pdf, text, _said = written
    flat = _flat(text)
    notes = JAPANESE_NOTES if lang == "ja" else tuple(s for s in EXPECTED["fr"] if " : " in s)
    assert notes
    for sentence in notes:
        assert _flat(sentence) in flat, f"{lang}: {sentence!r} not in the report"
    # the keys the analyses store are not what a reader sees
    assert "thresholds:" not in flat and "threshold_rule" not in flat and "snapping:" not in flat


def test_pypdf_reads_the_same_sentences(written) -> None:
    from pypdf import PdfReader

    lang, pdf, _, _said = written
    read = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    # pypdf decodes the CJK font's two-byte codes one byte at a time (see _text): a NUL before each
    flat = _flat(read.replace("\x00", "") if lang in ("ja", "ko", "zh") else read)
    for sentence in EXPECTED[lang]:
        assert _flat(sentence) in flat


def test_every_character_has_a_glyph_in_the_reports_font(written) -> None:
    from fontTools.ttLib import TTFont

    from twin_app.report.fonts import font_for

    lang, _pdf, text, _said = written
    font = font_for(lang)
    with TTFont(font.regular, fontNumber=font.index, lazy=True) as tt:
        cmap = tt.getBestCmap()
    # the formulas' "ⱼ" (Σ pⱼtⱼ) is not in Noto Sans CJK: written with DejaVu, the fallback font
    fallback = {"\u2c7c"} if lang in ("ja", "ko", "zh") else set()
    missing = {c for c in text if not c.isspace() and ord(c) not in cmap} - fallback
    assert not missing, f"{lang}: no glyph for {sorted(missing)}"
    if lang == "ja":
        assert font.regular.name == "NotoSansCJK-Regular.ttc" and font.index == 0


def test_the_pages_are_drawn(written, tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    lang, pdf, _text, _said = written
    doc = pdfium.PdfDocument(str(pdf))
    for i in (0, 1, len(doc) - 2):  # the cover, the first analysis, the methods
        image = doc[i].render(scale=1.5).to_pil().convert("RGB")
        image.save(tmp_path / f"{lang}-page-{i + 1}.png")
        inked = np.any(np.asarray(image) < 200, axis=2).mean()
        assert inked > 0.01, f"{lang}: page {i + 1} is blank"
