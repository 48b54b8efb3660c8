"""The language of every sentence made outside Qt, and numbers and dates as its readers write them.

A workshop runs in the residents' language, and much of what they read is
not made by widgets: a layer that cannot load, an analysis's indicator and
its plain-language explanation, a report's pages.  Those sentences are made
in core (which stays Qt-free) and in the analyses, so they are translated
with a standard **gettext** catalogue: ``twin_app/locale/<code>/LC_MESSAGES/
twin_app.po``, one per language.  The window's own texts live in Qt's
``.ts``/``.qm`` files (``twin_app/qt/i18n.py``); switching the language
switches both.

The ``.po`` files are read when a language is first chosen (compiled in
memory with Babel), so there is no build step and no stale binary.

Mark a sentence where it is made: ``_("Some sentence about {name}.").format(name=...)``;
whole sentences with named fields, never fragments glued together, because
word order differs between languages.  :func:`N_` marks a text that is
translated later (a constant in a table).

The lookups and the current language's catalogue are kept in
:mod:`twin_app.core.catalogues`, below :mod:`twin_app.core.errors` (whose
sentences use them); this module chooses the language, refusing an unknown
one with a :class:`~twin_app.core.errors.TwinError`, and re-exports the
lookups, so code imports them from here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import TYPE_CHECKING

from twin_app.core import catalogues
from twin_app.core.catalogues import (
    DOMAIN,
    LOCALE_DIR,
    N_,
    SOURCE_LANGUAGE,
    catalogue_path,
    gettext,
    ngettext,
    pgettext,
)
from twin_app.core.errors import TwinError

if TYPE_CHECKING:
    import gettext as _gettext

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "LOCALE_DIR",
    "N_",
    "SOURCE_LANGUAGE",
    "_",
    "babel_locale",
    "catalogue_path",
    "check_language",
    "format_date",
    "format_datetime",
    "format_number",
    "format_percent",
    "gettext",
    "language",
    "manifest_text",
    "ngettext",
    "pgettext",
    "set_language",
    "speaking",
    "translations",
]

#: the languages twin_app speaks: code (as Qt and gettext name them) → the language's own name
LANGUAGES: dict[str, str] = {
    "en": "English",
    "es": "Español",
    "fr": "Français",
    "pt": "Português",
    "ko": "한국어",
    "ja": "日本語",
    "zh": "中文",
}


def check_language(code: str) -> str:
    """``code`` if twin_app speaks it; else a sentence naming the ones it does."""
    normalised = code.strip().replace("-", "_").split("_")[0].lower()
    if normalised not in LANGUAGES:
        spoken = ", ".join(f"{c} ({name})" for c, name in LANGUAGES.items())
        raise TwinError(
            gettext("twin_app does not speak '{code}'; choose one of: {languages}.").format(
                code=code, languages=spoken
            )
        )
    return normalised


def translations(code: str | None = None) -> _gettext.NullTranslations:
    """The catalogue of ``code`` (default: the current language), read once."""
    return catalogues.catalogue(check_language(code) if code is not None else None)


def set_language(code: str) -> str:
    """Make ``code`` the language of every sentence from now on; returns the normalised code."""
    code = check_language(code)
    catalogues.use(code)
    return code


def language() -> str:
    """The current language code."""
    return catalogues.current()


#: languages whose sentences follow each other with no space between them
_NO_GAP_BETWEEN_SENTENCES = frozenset({"ja", "zh"})


def sentence_gap() -> str:
    """What goes between two sentences in the current language: a space, or nothing in Japanese or Chinese."""
    return "" if language() in _NO_GAP_BETWEEN_SENTENCES else " "


@contextmanager
def speaking(code: str) -> Iterator[str]:
    """For a ``with`` block (a report in another language): ``code``, then the previous language."""
    previous = language()
    set_language(code)
    try:
        yield language()
    finally:
        set_language(previous)


_ = gettext


def manifest_text(text: str) -> str:
    """A text from an analysis's manifest (title, help, indicator definition...) in the current language.

    Manifests are TOML that menus read without importing the plugin, so their
    texts cannot be marked in code; ``tools/update_po.py`` gathers them from the
    built-in manifests, with their whitespace folded to single spaces as here
    (a description spans several lines).  A third-party analysis whose texts
    no catalogue holds is shown as its author wrote it.
    """
    folded = " ".join(text.split())
    return gettext(folded) if folded else ""


def babel_locale(code: str | None = None) -> str:
    """Babel's name for the locale of ``code`` (default: the current language)."""
    code = code or language()
    return catalogues.BABEL_LOCALE.get(code, code)


def format_number(value: float, digits: int | None = None) -> str:
    """``value`` with the current language's digit grouping and decimal sign (``digits`` decimals)."""
    from babel.numbers import format_decimal

    if digits is None:
        return format_decimal(value, locale=babel_locale())
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(value, format=pattern, locale=babel_locale())


def format_percent(fraction: float, digits: int = 0) -> str:
    """``fraction`` (0..1) as a percentage the current language's way (``45 %`` in French)."""
    from babel import Locale
    from babel.numbers import format_percent as babel_percent

    if digits <= 0:
        return babel_percent(fraction, locale=babel_locale())
    # the language's own pattern with decimals added, so that French keeps its space before %
    own = Locale.parse(babel_locale()).percent_formats[None].pattern
    pattern = ";".join(part.replace("0", "0." + "0" * digits, 1) for part in own.split(";"))
    return babel_percent(fraction, format=pattern, locale=babel_locale())


def format_datetime(moment: datetime, width: str = "medium") -> str:
    """A date and time as the current language writes it (``width``: short, medium, long)."""
    from babel.dates import format_datetime as babel_datetime

    return babel_datetime(moment, format=width, locale=babel_locale())


def format_moment(iso: str, width: str = "medium") -> str:
    """A moment stored as ISO 8601 text (a run's start or end) as the current language writes it.

    Text that is not ISO 8601 is shown as it is: it is still the best thing to show.
    """
    try:
        moment = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    return format_datetime(moment, width)


def format_date(day: date, width: str = "medium") -> str:
    """A date as the current language writes it."""
    from babel.dates import format_date as babel_date

    return babel_date(day, format=width, locale=babel_locale())
