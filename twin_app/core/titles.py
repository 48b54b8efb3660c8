"""The title a person sees for a layer, a feed or a city, in the reader's language.

A title is stored as written (``title = "Parks and green"`` in ``city.toml``)
and never changes: ids, keys and saved projects refer to layers by id, and a
city imported in one language must open in every other.  What is *shown* is
decided here, once, at display time, so the layer list, the legend, Identify,
the report and the 3D labels always agree (the same layer has the same title
everywhere) and follow a run-time language switch:

1. the city's own translation, ``titles = { fr = "Parcs et espaces verts" }``,
   for the current language;
2. else the gettext catalogue: the titles twin_app writes itself on import
   ("Buildings", "Streets (walk)", ...) are marked ``N_`` in
   :mod:`twin_app.core.city_import`, so every city imported so far shows them
   translated without a ``titles`` table;
3. else the title as written (a title a person wrote that no catalogue holds).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from twin_app.core.i18n import LANGUAGES, N_, language, translations


def shown_title(title: str, titles: Mapping[str, str] | None = None, code: str | None = None) -> str:
    """``title`` in language ``code`` (default: the current one).

    Its own translation (``titles``), else the catalogue's, else ``title`` itself.
    """
    code = code or language()
    own = (titles or {}).get(code)
    if own:
        return own
    if not title:
        return title
    return translations(code).gettext(title)


def valid_titles(value: Any) -> bool:
    """Whether ``value`` is a ``titles`` table: language codes twin_app speaks mapped to non-empty text."""
    return (
        isinstance(value, dict)
        and all(isinstance(k, str) and k in LANGUAGES for k in value)
        and all(isinstance(v, str) and v.strip() != "" for v in value.values())
    )


def titles_expected() -> str:
    """What a ``titles`` table must be, in words, naming the language codes twin_app speaks.

    Marked for the catalogue and translated where the schema says it, as its other expectations are.
    """
    return N_(
        'a table of language code = text in quotes, such as { fr = "Parcs", ja = "公園" }, '
        "with codes among en, es, fr, pt, ko, ja, zh"
    )


def titles_of(raw: Mapping[str, Any], key: str = "titles") -> dict[str, str]:
    """A table of translations (``titles``, or ``simulated_texts`` of a feed) already checked by the schema.

    Empty when the manifest table has none.
    """
    return {str(k): str(v).strip() for k, v in dict(raw.get(key) or {}).items()}


__all__ = ["shown_title", "titles_expected", "titles_of", "valid_titles"]
