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
"""

from __future__ import annotations

import gettext as _gettext
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

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
#: the language the sentences are written in, in the code
SOURCE_LANGUAGE = "en"
DOMAIN = "twin_app"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
#: Babel's locale for each language code (Chinese as written in mainland China)
_BABEL_LOCALE = {"zh": "zh_Hans_CN", "pt": "pt_PT"}

_lock = threading.Lock()
_current = SOURCE_LANGUAGE
_catalogues: dict[str, _gettext.NullTranslations] = {}


def catalogue_path(code: str) -> Path:
    """Where the gettext catalogue of language ``code`` is kept."""
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def check_language(code: str) -> str:
    """``code`` if twin_app speaks it; else a sentence naming the ones it does."""
    normalised = code.strip().replace("-", "_").split("_")[0].lower()
    if normalised not in LANGUAGES:
        spoken = ", ".join(f"{c} ({name})" for c, name in LANGUAGES.items())
        from twin_app.core.errors import TwinError

        raise TwinError(
            gettext("twin_app does not speak '{code}'; choose one of: {languages}.").format(
                code=code, languages=spoken
            )
        )
    return normalised


def _load(code: str) -> _gettext.NullTranslations:
    if code == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    path = catalogue_path(code)
    if not path.is_file():
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle, locale=_BABEL_LOCALE.get(code, code), domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def translations(code: str | None = None) -> _gettext.NullTranslations:
    """The catalogue of ``code`` (default: the current language), read once."""
    code = check_language(code) if code is not None else _current
    with _lock:
        if code not in _catalogues:
            _catalogues[code] = _load(code)
        return _catalogues[code]


def set_language(code: str) -> str:
    """Make ``code`` the language of every sentence from now on; returns the normalised code."""
    global _current
    code = check_language(code)
    translations(code)  # read it now, so a broken catalogue is said when chosen
    _current = code
    return code


def language() -> str:
    """The current language code."""
    return _current


@contextmanager
def speaking(code: str) -> Iterator[str]:
    """For a ``with`` block (a report in another language): ``code``, then the previous language."""
    previous = _current
    set_language(code)
    try:
        yield _current
    finally:
        set_language(previous)


def gettext(message: str) -> str:
    """``message`` in the current language (itself where no translation exists)."""
    if not message:  # gettext's "" is the catalogue's header, never a sentence to show
        return message
    return translations().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, as the current language counts."""
    return translations().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` translated in ``context`` (one English word, two meanings)."""
    return translations().pgettext(context, message)


_ = gettext


def N_(message: str) -> str:  # the name gettext's tools look for
    """Mark ``message`` for the catalogue without translating it now (it is translated where shown)."""
    return message


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
    code = code or _current
    return _BABEL_LOCALE.get(code, code)


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
