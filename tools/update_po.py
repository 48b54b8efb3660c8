"""Gather every translatable sentence made outside Qt into the gettext template, and update each language.

Run it after adding or changing a marked sentence (``_("…")``, ``N_``,
``ngettext``, ``pgettext``) or a text of an analysis's manifest::

    .venv/bin/python tools/update_po.py          # writes twin_app/locale/twin_app.pot and the .po files
    .venv/bin/python tools/update_po.py --check  # says what is out of date, changes nothing

Two sources feed the template:

* the Python code of core, the scene, the report, the command line, the
  built-in layer kinds and analyses, read with Babel's extractor;
* the user-visible fields of the built-in analyses' TOML manifests (title,
  description, parameter titles and help, indicator labels, definitions and
  plain-language explanations, result layer titles).  They are translated
  where they are shown, through :func:`twin_app.core.i18n.manifest_text`,
  which folds the whitespace of a multi-line description the same way as here.

Each language's ``.po`` keeps its existing translations; a sentence whose
English changed becomes *fuzzy* (to be checked by a translator), and a new
one is empty.  ``tests/test_catalogues.py`` fails until both are translated.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "twin_app" / "locale"
DOMAIN = "twin_app"
#: the languages with a catalogue (English is the source: it needs none)
LANGUAGES = ("es", "fr", "pt", "ko", "ja", "zh")
#: Babel's locale per language code, as twin_app.core.i18n reads them
BABEL_LOCALE = {"zh": "zh_Hans_CN", "pt": "pt_PT"}
#: folders whose Python code is searched for marked sentences
SOURCES = (
    "twin_app/core",
    "twin_app/scene",
    "twin_app/report",
    "twin_app/cli",
    "plugins/twin_plugins",
    "layers/twin_layers",
)
#: the analyses' manifests
MANIFESTS = "plugins/twin_plugins/*.toml"
KEYWORDS = {
    "_": None,
    "N_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
}


def fold(text: str) -> str:
    """A manifest text as one line (the same rule as ``twin_app.core.i18n.manifest_text``)."""
    return " ".join(text.split())


def manifest_texts(raw: dict) -> Iterator[tuple[str, str]]:
    """(text, where) for each user-visible field of one analysis manifest."""
    for key in ("title", "description"):
        if raw.get(key):
            yield fold(str(raw[key])), key
    for param in raw.get("parameters", []):
        for key in ("title", "help"):
            if param.get(key):
                yield fold(str(param[key])), f"parameter {param.get('name')}: {key}"
    outputs = raw.get("outputs", {})
    for item in outputs.get("indicators", []):
        for key in ("label", "definition", "explanation"):
            if item.get(key):
                yield fold(str(item[key])), f"indicator {item.get('key')}: {key}"
    for item in outputs.get("layers", []):
        if item.get("title"):
            yield fold(str(item["title"])), f"layer {item.get('id')}: title"


def template(root: Path = ROOT) -> Catalog:
    """The template: every marked sentence of the code and every manifest text, with where it is."""
    catalog = Catalog(project="twin_app", domain=DOMAIN, charset="utf-8", fuzzy=False)
    for folder in SOURCES:
        for filename, lineno, message, comments, context in extract_from_dir(
            root / folder,
            method_map=[("**.py", "python")],
            keywords=KEYWORDS,
            comment_tags=("TRANSLATORS:",),
            strip_comment_tags=True,
        ):
            catalog.add(
                message,
                None,
                [(f"{folder}/{filename}", lineno)],
                auto_comments=comments,
                context=context,
            )
    for path in sorted(root.glob(MANIFESTS)):
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        relative = path.relative_to(root).as_posix()
        for text, where in manifest_texts(raw):
            existing = catalog.get(text)
            if existing is not None:
                existing.locations.append((relative, 0))
                if where not in existing.auto_comments:
                    existing.auto_comments.append(where)
            else:
                catalog.add(text, None, [(relative, 0)], auto_comments=[where])
    return catalog


def write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        write_po(out, catalog, width=100, omit_header=False, sort_output=False, include_lineno=False)


def updated(code: str, pot: Catalog, folder: Path) -> Catalog:
    """The language's catalogue with the template's sentences, its translations kept."""
    path = folder / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    locale = BABEL_LOCALE.get(code, code)
    if path.is_file():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=locale, domain=DOMAIN)
    else:
        catalog = Catalog(locale=locale, domain=DOMAIN, project="twin_app", charset="utf-8", fuzzy=False)
    catalog.update(pot, no_fuzzy_matching=False, update_header_comment=False)
    catalog.obsolete.clear()  # a sentence the code no longer makes needs no translation
    return catalog


def msgids(catalog: Catalog) -> set[tuple[str, str | None]]:
    return {(str(m.id if isinstance(m.id, str) else m.id[0]), m.context) for m in catalog if m.id}


def update(folder: Path = LOCALE, languages: Iterable[str] = LANGUAGES, root: Path = ROOT) -> list[Path]:
    """Write the template and each language's catalogue under ``folder``; return the files written."""
    pot = template(root)
    written = [folder / f"{DOMAIN}.pot"]
    write(pot, written[0])
    for code in languages:
        path = folder / code / "LC_MESSAGES" / f"{DOMAIN}.po"
        write(updated(code, pot, folder), path)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="say whether the template is out of date")
    args = parser.parse_args(argv)
    if args.check:
        pot_path = LOCALE / f"{DOMAIN}.pot"
        with pot_path.open("rb") as handle:
            stored = read_po(handle)
        fresh = template()
        missing, stale = msgids(fresh) - msgids(stored), msgids(stored) - msgids(fresh)
        for message, _ in sorted(missing, key=str):
            print(f"not in the template: {message!r}")
        for message, _ in sorted(stale, key=str):
            print(f"no longer in the code: {message!r}")
        if missing or stale:
            print("Run tools/update_po.py, translate the new sentences and commit the catalogues.")
            return 1
        print("The template is up to date.")
        return 0
    for path in update():
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
