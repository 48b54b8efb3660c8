"""Discovery through entry points, shared by layer kinds and analyses.

Both extension points follow one rule: a distribution whose entry point fails
(missing module, bad manifest, exception at import) is recorded with the
reason and skipped, so one broken plugin never stops the app or the others.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import EntryPoint, entry_points
from typing import TypeVar

from twin_app.core.i18n import _, sentence_gap

T = TypeVar("T")


def discover(
    group: str, read: Callable[[EntryPoint], T], key: Callable[[EntryPoint, T], str]
) -> tuple[dict[str, T], dict[str, str]]:
    """Read every entry point of ``group``; return (items by key, failure reasons by entry-point name)."""
    found: dict[str, T] = {}
    failures: dict[str, str] = {}
    for ep in entry_points(group=group):
        try:
            item = read(ep)
        except Exception as exc:  # isolate: report and skip
            failures[ep.name] = f"{type(exc).__name__}: {exc}"
            continue
        found[key(ep, item)] = item
    return found, failures


def failure_hint(failures: dict[str, str], name: str) -> str:
    """' It failed to load: …' when ``name`` was found but broken, else ''.

    A whole sentence of its own, led by what separates it from the sentence
    before in the current language (a space, or nothing in Japanese and
    Chinese), so a caller puts it between two sentences, never inside one.
    """
    if name not in failures:
        return ""
    return sentence_gap() + _("It failed to load: {reason}.").format(reason=failures[name])
