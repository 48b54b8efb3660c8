"""A git merge driver for translation catalogues: two branches' new sentences and translations, together.

Two changes that each add sentences to a ``.po`` (gettext) or ``.ts`` (Qt)
catalogue touch the same header line and neighbouring entries, so git's
line merge stops on a conflict that has only one sensible answer: keep every
entry of both sides.  This driver does that by entry, not by line:

* an entry on one side only is kept;
* an entry on both sides keeps the translation that is finished (a ``.po``
  msgstr that is not empty or fuzzy, a ``.ts`` translation that is not
  ``unfinished``); when both are finished and differ, the side that changed
  it since the common base wins (a branch that did not touch a sentence must
  not bring back its old translation); when both changed it, the incoming
  one wins and the driver prints the sentence so the merge can be checked.

Afterwards run ``tools/update_po.py`` and ``tools/update_ts.py``: they drop
what the merged code no longer says and compile the ``.qm`` files (a ``.qm``
is binary: its driver keeps the current side, and the test on stale ``.qm``
files says when it must be rebuilt).  Set it up once per clone::

    git config merge.twin-catalogue.driver ".venv/bin/python tools/merge_catalogues.py %O %A %B %P"
    git config merge.twin-binary-catalogue.driver true

``.gitattributes`` names the files it applies to.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def _po_finished(message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return bool(message.id) and all(strings) and not message.fuzzy


def merge_po(base: Path, current: Path, incoming: Path, label: str) -> None:
    """Write into ``current`` the union of both catalogues, by entry."""
    from babel.messages.pofile import read_po, write_po

    def read(path: Path):
        with path.open("rb") as handle:
            return read_po(handle)

    ours, theirs = read(current), read(incoming)
    try:
        common = read(base)
    except Exception:  # no common base (a file added on both sides)
        common = None
    for message in theirs:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        mine = ours.get(key, context=message.context)
        original = common.get(key, context=message.context) if common is not None else None
        if mine is None:
            ours[message.id] = message
        elif original is not None and original.string == message.string:
            continue  # the incoming side left this sentence alone: the current side's word stands
        elif _po_finished(message) and (not _po_finished(mine) or mine.string != message.string):
            if _po_finished(mine) and (original is None or original.string != mine.string):
                print(f"{label}: both sides translate {key!r}; keeping the incoming one", file=sys.stderr)
            mine.string, mine.flags = message.string, set(message.flags)
    with current.open("wb") as out:
        write_po(out, ours, width=100, omit_header=False, sort_output=False, include_lineno=False)


def _ts_finished(message: ET.Element) -> bool:
    translation = message.find("translation")
    if translation is None:
        return False
    numerus = translation.findall("numerusform")
    texts = [form.text for form in numerus] if numerus else [translation.text]
    filled = all((text or "").strip() for text in texts)
    return filled and translation.get("type") not in ("unfinished", "obsolete", "vanished")


def _ts_text(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    if translation is None:
        return []
    return [translation.text or ""] + [form.text or "" for form in translation.findall("numerusform")]


def _ts_messages(root: ET.Element) -> dict[tuple, ET.Element]:
    return {
        (ctx.findtext("name"), m.findtext("source"), m.findtext("comment")): m
        for ctx in root.findall("context")
        for m in ctx.findall("message")
    }


def merge_ts(base: Path, current: Path, incoming: Path, label: str) -> None:
    """Write into ``current`` the union of both Qt catalogues, by context and source text."""
    ours_tree = ET.parse(current)
    theirs_tree = ET.parse(incoming)
    try:
        common = _ts_messages(ET.parse(base).getroot())
    except Exception:  # no common base (a file added on both sides)
        common = {}
    ours_root = ours_tree.getroot()
    contexts = {ctx.findtext("name"): ctx for ctx in ours_root.findall("context")}
    for their_ctx in theirs_tree.getroot().findall("context"):
        name = their_ctx.findtext("name")
        our_ctx = contexts.get(name)
        if our_ctx is None:
            ours_root.append(their_ctx)
            contexts[name] = their_ctx
            continue
        messages = {(m.findtext("source"), m.findtext("comment")): m for m in our_ctx.findall("message")}
        for message in their_ctx.findall("message"):
            key = (message.findtext("source"), message.findtext("comment"))
            mine = messages.get(key)
            original = common.get((name, *key))
            if mine is None:
                our_ctx.append(message)
            elif original is not None and _ts_text(original) == _ts_text(message):
                continue  # the incoming side left this text alone: the current side's word stands
            elif _ts_finished(message) and (not _ts_finished(mine) or _ts_text(mine) != _ts_text(message)):
                if _ts_finished(mine) and (original is None or _ts_text(original) != _ts_text(mine)):
                    print(f"{label}: both translate {key[0]!r}; the incoming one is kept", file=sys.stderr)
                our_ctx.remove(mine)
                our_ctx.append(message)
    text = ET.tostring(ours_root, encoding="unicode")
    header = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
    current.write_text(header + text + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    if len(argv) != 4:
        print("usage: merge_catalogues.py BASE CURRENT INCOMING PATH", file=sys.stderr)
        return 2
    base, current, incoming, label = argv
    try:
        if label.endswith(".ts"):
            merge_ts(Path(base), Path(current), Path(incoming), label)
        else:
            merge_po(Path(base), Path(current), Path(incoming), label)
    except Exception as exc:  # a catalogue that does not parse: let git show the conflict
        print(f"{label}: cannot merge by entry ({exc}); merge it by hand", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
