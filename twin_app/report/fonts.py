"""Fonts for the PDF: a Unicode TrueType font per script, found without any system font.

A PDF's built-in fonts (Helvetica...) know Latin-1 only: "²", "Σ", "≥" or a
district called "Töölö" would be lost or refused.  matplotlib (a dependency
for the charts) ships DejaVu Sans inside its package, which covers Latin,
Greek and Cyrillic, so every machine that runs twin_app has it.

Chinese, Japanese and Korean need other fonts (DejaVu has no CJK or Hangul
glyphs).  :data:`SCRIPT_FONTS` lists, per language, font files to look for
first; a language whose fonts are missing falls back to DejaVu only where
that can write it, and otherwise gets a sentence saying which font to install.
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


def dejavu() -> FontFiles:
    """DejaVu Sans as matplotlib ships it (``mpl-data/fonts/ttf``)."""
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return FontFiles("DejaVu", folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf")


#: languages DejaVu Sans writes completely
DEJAVU_LANGUAGES = frozenset({"en", "es", "fr", "pt"})

#: per language, TrueType files (regular, bold) to try before giving up; searched in FONT_FOLDERS
SCRIPT_FONTS: dict[str, tuple[tuple[str, str], ...]] = {
    "ja": (("NotoSansJP-Regular.ttf", "NotoSansJP-Bold.ttf"),),
    "ko": (("NotoSansKR-Regular.ttf", "NotoSansKR-Bold.ttf"), ("NanumGothic.ttf", "NanumGothicBold.ttf")),
    "zh": (("NotoSansSC-Regular.ttf", "NotoSansSC-Bold.ttf"),),
}
FONT_FOLDERS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts")


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
    for regular, bold in SCRIPT_FONTS.get(lang, ()):
        found_regular, found_bold = _find(regular), _find(bold)
        if found_regular is not None:
            return FontFiles(f"Report-{lang}", found_regular, found_bold or found_regular)
    wanted = ", ".join(r for r, _ in SCRIPT_FONTS.get(lang, ())) or "a font for that language"
    raise TwinError(
        f"No font that writes the language '{lang}' was found; install {wanted} "
        "(e.g. in ~/.fonts) and make the report again."
    )
