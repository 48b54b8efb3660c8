"""Every sentence a planner can be shown by a twin_app error is marked for translation.

A workshop runs in the residents' language; a message raised in English
in the middle of it is exactly what the catalogues exist to prevent, and a
reviewer cannot spot an unmarked f-string among hundreds.  This test reads
the code (it does not import it): every ``raise`` of a ``TwinError`` family
class whose message is written in place (a string, an f-string, or a
``"...".format(...)``) must wrap it in ``_()`` / ``ngettext()``.  Programming
errors (``ValueError``, ``TypeError``...) are a caller's bug, not a
planner's message, and are not checked.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHECKED = ("twin_app", "layers/twin_layers", "plugins/twin_plugins")
#: the functions that mark a sentence for translation
MARKERS = {"_", "gettext", "ngettext", "pgettext"}
#: the method of a parameter that raises its ParameterError with a sentence
ERROR_METHODS = {"error"}


def _sources() -> dict[Path, ast.Module]:
    return {
        path: ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for folder in CHECKED
        for path in sorted((ROOT / folder).rglob("*.py"))
    }


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""


def twin_error_classes(trees: dict[Path, ast.Module]) -> set[str]:
    """The names of TwinError and every class that derives from it anywhere in the code."""
    bases: dict[str, set[str]] = {}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases.setdefault(node.name, set()).update(_name(base) for base in node.bases)
    family = {"TwinError"}
    grew = True
    while grew:
        grew = False
        for name, parents in bases.items():
            if name not in family and parents & family:
                family.add(name)
                grew = True
    return family


def _written_in_place(node: ast.expr) -> bool:
    """A message whose words are written right here: a string, an f-string or a string's .format(...)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(c.isalpha() for c in node.value)  # words, not only spaces or punctuation
    if isinstance(node, ast.JoinedStr):  # sentences already translated, joined by spaces, are fine
        return any(_written_in_place(part) for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.BinOp):  # "..." + "..." or "..." % ...
        return _written_in_place(node.left)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _written_in_place(node.func.value)
    return False


def unmarked_messages() -> list[str]:
    """``path:line: text`` for each error raised with an unmarked sentence."""
    trees = _sources()
    family = twin_error_classes(trees)
    found = []
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            called = _name(node.func)
            raised = called in family or (isinstance(node.func, ast.Attribute) and called in ERROR_METHODS)
            if raised and _written_in_place(node.args[0]):
                where = path.relative_to(ROOT).as_posix()
                found.append(f"{where}:{node.lineno}: {ast.unparse(node.args[0])[:90]}")
    return found


def test_the_error_family_is_found() -> None:
    family = twin_error_classes(_sources())
    assert {"TwinError", "MissingFileError", "ParameterError", "CRSError", "MissingLayerError"} <= family
    assert "ValueError" not in family


def test_the_check_sees_an_unmarked_sentence() -> None:
    code = (
        'raise CRSError(f"no CRS in {name}")\n'
        'raise CRSError(_("No CRS in {name}.").format(name=n))\n'
        'raise TwinError(f"{message} {hint}")\n'  # sentences translated elsewhere, joined
    )
    calls = [n for n in ast.walk(ast.parse(code)) if isinstance(n, ast.Call) and n.args]
    assert [_written_in_place(call.args[0]) for call in calls if _name(call.func).endswith("Error")] == [
        True,
        False,
        False,
    ]


def test_every_error_sentence_is_marked_for_translation() -> None:
    found = unmarked_messages()
    assert not found, (
        f"{len(found)} error messages are not marked for translation; wrap each in _() with named "
        "fields (see docs/translating.md):\n" + "\n".join(found)
    )
