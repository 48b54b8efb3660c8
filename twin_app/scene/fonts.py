"""The font file VTK draws a text with, so that no script comes out as empty boxes or nothing.

VTK draws text itself, with fonts compiled into it (Arial-, Courier- and
Times-like faces) that know Latin only: Greek, Cyrillic, Arabic, Hangul,
Kana and Chinese characters come out as nothing at all (VTK's embedded
Arial draws no glyph for a character it lacks).  A Japanese window's map
title, or a Greek city's name in an export, would be blank.

So every text the scene draws asks :func:`font_for` which font covers it:

1. VTK's own default, where it draws every character.  Which characters it
   has is not published, so it is *measured*: a character is covered when
   VTK draws ink for it (blank characters such as spaces need none); the
   answer is cached per character.
2. Else a font file found on the machine whose character map (read with
   fontTools, cached per file) holds every character: for Chinese, Japanese
   and Korean the Noto Sans CJK collection (apt ``fonts-noto-cjk``), whose
   face follows the current language (:data:`CJK_FACE`: a Korean reader
   gets the Korean shapes of shared characters, a Chinese one the simplified
   Chinese shapes, as in the PDF report); for other scripts DejaVu Sans,
   which matplotlib ships, so it is on every machine that runs twin_app; then
   any Noto Sans font installed.
3. Else the font that covers most of it, and a sentence (:func:`font_warnings`)
   naming the characters and the package to install.

VTK reads only the first face of a collection (``.ttc``), so another face is
copied once into a font file of its own in the user's cache folder (its
tables byte for byte, a fraction of a second).

Arabic and Hebrew are drawn with their letters but, as VTK does no text
shaping, unjoined and left to right; a city named in those scripts needs a
renderer with shaping (HarfBuzz), which VTK does not have.
"""

from __future__ import annotations

import os
import threading
import unicodedata
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from twin_app.core.i18n import language

#: VTK's id for "the font file given by SetFontFile" (vtkTextProperty's VTK_FONT_FILE)
VTK_FONT_FILE = 4

FONT_FOLDERS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".fonts",
    Path.home() / ".local" / "share" / "fonts",
)
CJK_REGULAR, CJK_BOLD = "NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc"
#: the face of the Noto Sans CJK collection per language (the order fonts-noto-cjk stores them in)
CJK_FACE = {"ja": 0, "ko": 1, "zh": 2}
CJK_PACKAGE = "fonts-noto-cjk"
OTHER_PACKAGE = "fonts-noto-core"


class FontWarning(UserWarning):
    """No installed font draws every character of a text the scene shows."""


@dataclass(frozen=True)
class FontChoice:
    """The font a text is drawn with: ``path`` None is VTK's default; ``missing``: characters no font has."""

    path: Path | None
    missing: str = ""


def _blank(char: str) -> bool:
    """Characters drawn without ink in every font: spaces, line breaks, joiners."""
    return unicodedata.category(char) in {"Zs", "Zl", "Zp", "Cc", "Cf"}


_lock = threading.Lock()
_default_has: dict[str, bool] = {}
_probe: list[Any] = []


def default_covers(char: str) -> bool:
    """Whether VTK's default (Arial) face draws ``char``: measured once by rendering it."""
    if _blank(char):
        return True
    with _lock:
        if char not in _default_has:
            if not _probe:
                import vtkmodules.vtkRenderingFreeType  # noqa: F401  (registers the text renderer)
                from vtkmodules.vtkRenderingCore import vtkTextProperty, vtkTextRenderer

                prop = vtkTextProperty()
                prop.SetFontFamilyToArial()
                prop.SetFontSize(24)
                _probe.extend([vtkTextRenderer(), prop])
            from vtkmodules.util.numpy_support import vtk_to_numpy
            from vtkmodules.vtkCommonDataModel import vtkImageData

            renderer, prop = _probe
            image = vtkImageData()
            drawn = renderer.RenderString(prop, char, image, [0, 0], 72)
            scalars = image.GetPointData().GetScalars()
            ink = drawn and scalars is not None and bool((vtk_to_numpy(scalars)[..., -1] > 0).any())
            _default_has[char] = ink
        return _default_has[char]


@cache
def codepoints(path: Path, face: int = 0) -> frozenset[int]:
    """The characters a font file (face ``face`` of a collection) has glyphs for."""
    from fontTools.ttLib import TTFont

    font = (
        TTFont(str(path), fontNumber=face, lazy=True)
        if path.suffix.lower() in {".ttc", ".otc"}
        else (TTFont(str(path), lazy=True))
    )
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()


def covers(path: Path, text: str, face: int = 0) -> bool:
    """Whether the font file draws every character of ``text``."""
    have = codepoints(path, face)
    return all(_blank(c) or ord(c) in have for c in text)


@cache
def find_font(name: str) -> Path | None:
    """A font file by name in the usual folders (the first found)."""
    for folder in FONT_FOLDERS:
        if folder.is_dir():
            for hit in sorted(folder.rglob(name)):
                return hit
    return None


def _cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "twin_app" / "fonts"


def face_file(collection: Path, face: int) -> Path:
    """A font file VTK can read holding face ``face`` of a collection (face 0 is the collection itself)."""
    if face == 0:
        return collection
    stat = collection.stat()
    out = _cache_folder() / f"{collection.stem}-{face}-{stat.st_size}-{int(stat.st_mtime)}.otf"
    if out.is_file():
        return out
    from fontTools.ttLib.sfnt import SFNTReader, SFNTWriter

    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(f"{out.name}.{os.getpid()}.{threading.get_ident()}.part")
    with collection.open("rb") as source, part.open("wb") as target:
        reader = SFNTReader(source, fontNumber=face)
        writer = SFNTWriter(target, len(reader.tables), reader.sfntVersion)
        for tag in reader.keys():  # noqa: SIM118 (an SFNTReader is no dict) the tables as they are: nothing decoded, nothing changed
            writer[tag] = reader[tag]
        writer.close()
    os.replace(part, out)  # another process making the same file finds a whole one or none
    return out


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x1100 <= code <= 0x11FF  # Hangul Jamo
        or 0x2E80 <= code <= 0x9FFF  # radicals, punctuation, Kana, Hangul compatibility, Han
        or 0xAC00 <= code <= 0xD7AF  # Hangul syllables
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x20000 <= code <= 0x3FFFF  # Han extensions
    )


def cjk_face(text: str, lang: str) -> int:
    """Which Noto Sans CJK face: the language's own; in another language, the one the script shows."""
    if lang in CJK_FACE:
        return CJK_FACE[lang]
    if any(0xAC00 <= ord(c) <= 0xD7AF or 0x1100 <= ord(c) <= 0x11FF for c in text):
        return CJK_FACE["ko"]
    if any(0x3040 <= ord(c) <= 0x30FF for c in text):  # Hiragana, Katakana
        return CJK_FACE["ja"]
    return CJK_FACE["zh"]  # Han alone, read by a reader of none of the three: the most widely read form


def _candidates(text: str, bold: bool, lang: str) -> list[tuple[Path, int]]:
    """Font files to try, in order: (file, face in it): CJK first for CJK text, DejaVu first for the rest."""
    import matplotlib

    dejavu = (
        Path(matplotlib.get_data_path())
        / "fonts"
        / "ttf"
        / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    )
    latin_like = [(dejavu, 0)] if dejavu.is_file() else []
    cjk_file = find_font(CJK_BOLD if bold else CJK_REGULAR) or find_font(CJK_REGULAR)
    cjk = [(cjk_file, cjk_face(text, lang))] if cjk_file is not None else []
    if any(_is_cjk(c) for c in text):
        return cjk + latin_like
    found = latin_like + cjk
    for folder in FONT_FOLDERS:  # any Noto Sans font of another script (fonts-noto-core)
        if folder.is_dir():
            found.extend((path, 0) for path in sorted(folder.rglob("NotoSans*-Regular.ttf")))
    return found


_choices: dict[tuple[str, bool, str], FontChoice] = {}
_warned: list[str] = []


def font_for(text: str, *, bold: bool = False, lang: str | None = None) -> FontChoice:
    """The font that draws every character of ``text`` (see the module's note), cached per text."""
    lang = lang or language()
    key = (text, bold, lang)
    if key in _choices:
        return _choices[key]
    chars = "".join(sorted({c for c in text if not _blank(c)}))
    if all(default_covers(c) for c in chars):
        choice = FontChoice(None)
    else:
        best: tuple[int, Path, int] | None = None
        choice = FontChoice(None)
        for path, face in _candidates(chars, bold, lang):
            have = codepoints(path, face)
            lacking = sum(1 for c in chars if ord(c) not in have)
            if best is None or lacking < best[0]:
                best = (lacking, path, face)
            if lacking == 0:
                break
        if best is not None:
            lacking_chars = "".join(c for c in chars if ord(c) not in codepoints(best[1], best[2]))
            choice = FontChoice(face_file(best[1], best[2]), lacking_chars)
        else:
            choice = FontChoice(None, "".join(c for c in chars if not default_covers(c)))
        if choice.missing:
            _warn(choice.missing)
    _choices[key] = choice
    return choice


def missing_font_sentence(missing: str) -> str:
    """What to install so that the characters ``missing`` are drawn, as a sentence."""
    from twin_app.core.i18n import _

    package = CJK_PACKAGE if any(_is_cjk(c) for c in missing) else OTHER_PACKAGE
    return _(
        "No font on this machine draws the characters {characters}, so the 3D view and its exports "
        "leave them out. Install the package {package} (on Debian or Ubuntu: sudo apt install {package}) "
        "and open the view again."
    ).format(characters=" ".join(missing[:12]), package=package)


def _warn(missing: str) -> None:
    sentence = missing_font_sentence(missing)
    if sentence not in _warned:
        _warned.append(sentence)
        warnings.warn(sentence, FontWarning, stacklevel=3)


def clear_caches() -> None:
    """Forget every font found and chosen (fonts were installed or removed while running)."""
    find_font.cache_clear()
    codepoints.cache_clear()
    _choices.clear()
    _warned.clear()


def font_warnings() -> list[str]:
    """The sentences said so far about characters no installed font draws."""
    return list(_warned)


def use_font(prop: Any, text: str, *, bold: bool | None = None) -> FontChoice:
    """Set a ``vtkTextProperty`` to the font that draws ``text`` (its own bold flag unless ``bold``)."""
    choice = font_for(text, bold=bool(prop.GetBold()) if bold is None else bold)
    if choice.path is None:
        if prop.GetFontFamily() == VTK_FONT_FILE:
            prop.SetFontFamilyToArial()
    else:
        prop.SetFontFamily(VTK_FONT_FILE)
        prop.SetFontFile(str(choice.path))
    return choice


__all__ = [
    "CJK_FACE",
    "FontChoice",
    "FontWarning",
    "clear_caches",
    "codepoints",
    "covers",
    "default_covers",
    "face_file",
    "font_for",
    "font_warnings",
    "missing_font_sentence",
    "use_font",
]
