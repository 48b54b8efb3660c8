"""Bring the window's translations in step with the code: ``.ts`` sources, then compiled ``.qm`` files.

    .venv/bin/python tools/update_ts.py            # lupdate + lrelease for every language
    .venv/bin/python tools/update_ts.py --release  # only compile the .ts files (after translating)

``pyside6-lupdate`` reads every ``self.tr(...)``, ``QCoreApplication.translate(...)``
and ``QT_TRANSLATE_NOOP(...)`` under ``twin_app/qt`` and merges the texts into
``twin_app/i18n/twin_app_<code>.ts``, keeping what translators wrote (a text
no longer in the code is dropped, a new one is added as unfinished).
``pyside6-lrelease`` compiles each ``.ts`` to the ``.qm`` the window loads.
Both are committed: a test compiles the ``.ts`` again and fails when a
``.qm`` is stale.  Sources are written without line numbers, so moving code
does not rewrite every catalogue.  See docs/translating.md.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "twin_app" / "qt"
OUT = ROOT / "twin_app" / "i18n"
#: the languages with a Qt catalogue (English is the source language and needs none)
LANGUAGES = ("es", "fr", "pt", "ko", "ja", "zh")


def tool(name: str) -> str:
    """The PySide6 tool ``name`` beside this Python (the venv's), else on PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.is_file() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} was not found: install the project with 'bash tools/setup.sh' first.")
    return found


def ts_path(code: str, folder: Path = OUT) -> Path:
    return folder / f"twin_app_{code}.ts"


def qm_path(code: str, folder: Path = OUT) -> Path:
    return folder / f"twin_app_{code}.qm"


def sources() -> list[Path]:
    return sorted(SOURCES.glob("*.py"))


def update(codes: tuple[str, ...] = LANGUAGES) -> None:
    """Merge the code's texts into each language's .ts (kept translations stay)."""
    OUT.mkdir(parents=True, exist_ok=True)
    files = [str(p.relative_to(ROOT)) for p in sources()]
    for code in codes:
        command = [tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", "-target-language", code]
        subprocess.run([*command, *files, "-ts", str(ts_path(code).relative_to(ROOT))], cwd=ROOT, check=True)


def release(codes: tuple[str, ...] = LANGUAGES, folder: Path = OUT) -> list[Path]:
    """Compile each .ts into a .qm in ``folder`` (the repository's, or a test's temporary one)."""
    written = []
    for code in codes:
        out = qm_path(code, folder)
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts_path(code)), "-qm", str(out)], check=True)
        written.append(out)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release", action="store_true", help="only compile the .ts files to .qm")
    parser.add_argument("languages", nargs="*", default=list(LANGUAGES), help="language codes (default: all)")
    args = parser.parse_args(argv)
    codes = tuple(args.languages)
    if not args.release:
        update(codes)
    for path in release(codes):
        print(f"Wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
