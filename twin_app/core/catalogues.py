"""The gettext catalogues, read in the language chosen: the lookups every sentence goes through.

This is the bottom of core's language stack, and imports nothing of
twin_app: :mod:`twin_app.core.errors` makes its sentences with
:func:`gettext` from here, and :mod:`twin_app.core.i18n` (which chooses the
language, refuses one twin_app does not speak with a
:class:`~twin_app.core.errors.TwinError`, and formats numbers and dates)
builds on both.  Were the lookups in ``i18n``, errors and i18n would import
each other.

Code outside core imports these names from :mod:`twin_app.core.i18n`, which
re-exports them; a language code reaching this module has been checked there.
"""

from __future__ import annotations

import gettext as _gettext
import io
import threading
from pathlib import Path

#: the language the sentences are written in, in the code
SOURCE_LANGUAGE = "en"
DOMAIN = "twin_app"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
#: Babel's locale for each language code (Chinese as written in mainland China)
BABEL_LOCALE = {"zh": "zh_Hans_CN", "pt": "pt_PT"}

_lock = threading.Lock()
_current = SOURCE_LANGUAGE
_catalogues: dict[str, _gettext.NullTranslations] = {}


def catalogue_path(code: str) -> Path:
    """Where the gettext catalogue of language ``code`` is kept."""
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def _load(code: str) -> _gettext.NullTranslations:
    if code == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    path = catalogue_path(code)
    if not path.is_file():
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle, locale=BABEL_LOCALE.get(code, code), domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def catalogue(code: str | None = None) -> _gettext.NullTranslations:
    """The catalogue of ``code``, a code already checked (default: the current language), read once."""
    code = code if code is not None else _current
    with _lock:
        if code not in _catalogues:
            _catalogues[code] = _load(code)
        return _catalogues[code]


def use(code: str) -> None:
    """Read the catalogue of ``code`` (a code already checked) and make it the current language."""
    global _current
    catalogue(code)  # read it now, so a broken catalogue is said when chosen
    _current = code


def current() -> str:
    """The current language code."""
    return _current


def gettext(message: str) -> str:
    """``message`` in the current language (itself where no translation exists)."""
    if not message:  # gettext's "" is the catalogue's header, never a sentence to show
        return message
    return catalogue().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, as the current language counts."""
    return catalogue().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` translated in ``context`` (one English word, two meanings)."""
    return catalogue().pgettext(context, message)


_ = gettext


def N_(message: str) -> str:  # the name gettext's tools look for
    """Mark ``message`` for the catalogue without translating it now (it is translated where shown)."""
    return message
