"""Fonts for the PDF: a Unicode TrueType font per script, found without any system font.

A PDF's built-in fonts (Helvetica...) know Latin-1 only: "²", "Σ", "≥" or a
district called "Töölö" would be lost or refused.  matplotlib (a dependency
for the charts) ships DejaVu Sans inside its package, which covers Latin,
Greek and Cyrillic, so every machine that runs twin_app has it.

Chinese, Japanese and Korean need other fonts (DejaVu has no CJK or Hangul
glyphs).  :data:`SCRIPT_FONTS` lists, per language, font files to look for;
the first is Noto Sans CJK as the ``fonts-noto-cjk`` package installs it: one
TrueType/OpenType *collection* (``.ttc``) holding a face per language (JP,
KR, SC...), which fpdf2 reads by face index, so a Korean report gets the
Korean shapes of shared characters and a Chinese one the simplified
Chinese shapes.  A language whose fonts are missing gets a sentence saying
which package or file to install.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from twin_app.core.errors import TwinError


@dataclass(frozen=True)
class FontFiles:
    """A family's regular and bold TrueType files."""

    family: str
    regular: Path
    bold: Path
    #: the face in a font collection (``.ttc``); 0 for a single font file
    index: int = 0


def dejavu() -> FontFiles:
    """DejaVu Sans as matplotlib ships it (``mpl-data/fonts/ttf``)."""
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return FontFiles("DejaVu", folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf")


#: languages DejaVu Sans writes completely
DEJAVU_LANGUAGES = frozenset({"en", "es", "fr", "pt"})

_CJK_REGULAR, _CJK_BOLD = "NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc"
#: per language, font files (regular, bold, face in the collection) to try in turn; searched in FONT_FOLDERS
SCRIPT_FONTS: dict[str, tuple[tuple[str, str, int], ...]] = {
    "ja": ((_CJK_REGULAR, _CJK_BOLD, 0), ("NotoSansJP-Regular.ttf", "NotoSansJP-Bold.ttf", 0)),
    "ko": (
        (_CJK_REGULAR, _CJK_BOLD, 1),
        ("NotoSansKR-Regular.ttf", "NotoSansKR-Bold.ttf", 0),
        ("NanumGothic.ttf", "NanumGothicBold.ttf", 0),
    ),
    "zh": ((_CJK_REGULAR, _CJK_BOLD, 2), ("NotoSansSC-Regular.ttf", "NotoSansSC-Bold.ttf", 0)),
}
FONT_FOLDERS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".fonts",
    Path.home() / ".local" / "share" / "fonts",
)


def _find(name: str) -> Path | None:
    for folder in FONT_FOLDERS:
        if folder.is_dir():
            for hit in folder.rglob(name):
                return hit
    return None


def font_for(lang: str) -> FontFiles:
    """The font family a report in ``lang`` is written in."""
    if lang in DEJAVU_LANGUAGES:
        return dejavu()
    for regular, bold, index in SCRIPT_FONTS.get(lang, ()):
        found_regular, found_bold = _find(regular), _find(bold)
        if found_regular is not None:
            if found_bold is None:  # the regular face stands in for bold
                found_bold = found_regular
            return FontFiles(f"Report-{lang}", found_regular, found_bold, index)
    from twin_app.core.i18n import LANGUAGES, _

    wanted = " or ".join(r for r, _b, _i in SCRIPT_FONTS.get(lang, ()))
    raise TwinError(
        _(
            "No font that writes {language} was found, so the report cannot be written in it. "
            "Install the package fonts-noto-cjk (on Debian or Ubuntu: sudo apt install fonts-noto-cjk), "
            "or put one of these files in ~/.fonts: {files}; then make the report again."
        ).format(language=LANGUAGES.get(lang, lang), files=wanted)
    )
