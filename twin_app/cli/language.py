"""The language the command line speaks: ``--lang`` where given, else the environment's (as gettext reads it).

A command's help, its errors and its result lines are read by the planner
at the terminal, so they follow the language that person chose: the
``--lang CODE`` option (the global one that also starts the window in a
language, or ``report --lang``, which is the report's language as well),
otherwise the locale variables a gettext program reads, in gettext's order
(``LANGUAGE``, a colon-separated list of preferences, then ``LC_ALL``,
``LC_MESSAGES``, ``LANG``: the first one set decides).  A locale twin_app
does not speak, ``C`` or ``POSIX``, means English, silently: a shell's
defaults are no mistake to report.

argparse writes a few words of its own ("usage:", "options:", its error
lines).  It looks each one up with the ``gettext`` function it imported
into its module, at the moment it writes it, so :func:`argparse_speaking`
lends it twin_app's catalogue for the time the parser is built and used;
its sentences are marked below so the catalogue holds them.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

from twin_app.core import i18n
from twin_app.core.i18n import N_, _

#: the locale variables gettext reads, in the order it reads them
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def option_language(argv: Sequence[str]) -> str | None:
    """The code given with ``--lang CODE`` or ``--lang=CODE`` on the command line, if any."""
    args = list(argv)
    for k, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and k + 1 < len(args):
            return args[k + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return None


def _spoken(code: str) -> str | None:
    """``code`` (a locale name such as ``fr_FR.UTF-8``) as a language twin_app speaks, else None."""
    name = code.strip().split(".")[0].split("@")[0]
    if not name:
        return None
    try:
        return i18n.check_language(name)
    except Exception:  # a language twin_app does not speak: no sentence, the next preference decides
        return None


def environment_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the locale variables ask for, as a gettext program reads them; English otherwise."""
    env = os.environ if environ is None else environ
    for variable in LOCALE_VARIABLES:
        value = env.get(variable, "")
        if not value:
            continue
        for preference in value.split(":"):
            if preference.split(".")[0] in ("C", "POSIX"):
                return i18n.SOURCE_LANGUAGE
            code = _spoken(preference)
            if code is not None:
                return code
        return i18n.SOURCE_LANGUAGE  # the first variable set decides, even when we do not speak it
    return i18n.SOURCE_LANGUAGE


def command_language(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """The language of a command line: its ``--lang`` when twin_app speaks it, else the environment's.

    A ``--lang`` twin_app does not speak is refused later, in a sentence, by
    the command itself; the help and that sentence are in the environment's
    language meanwhile.
    """
    given = option_language(argv)
    if given is not None:
        code = _spoken(given)
        if code is not None:
            return code
    return environment_language(environ)


@contextmanager
def argparse_speaking() -> Iterator[None]:
    """argparse's own words in twin_app's current language, for the time of a ``with`` block."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = i18n.gettext  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


#: argparse's sentences that reach a planner (Python 3.11's wording), marked for the catalogue
ARGPARSE_WORDS = (
    N_("usage: "),
    N_("options"),
    N_("positional arguments"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
)


#: the report's ``--progress`` option: the window reads this command's stderr line by line
PROTOCOL_FLAG = "--progress"
_protocol = False


def speak_protocol(on: bool) -> None:
    """Keep the lines' prefixes as the window reads them (``twin-app: warning: ``), whatever the language.

    The window runs ``twin-app report --progress`` in a process of its own and
    sorts its stderr by these prefixes; the messages after them are still in
    the report's language.
    """
    global _protocol
    _protocol = on


def line(level: str, message: str) -> str:
    """One line of the command's stderr: ``twin-app: warning: …`` in the command's language.

    ``level`` is one of error, warning, note, info (an analysis's or a
    loader's feedback); the prefix is part of each translated sentence
    because some languages put a colon or a space differently.
    """
    if _protocol:
        return f"twin-app: {level}: {message}"
    if level == "error":
        return _("twin-app: error: {message}").format(message=message)
    if level == "warning":
        return _("twin-app: warning: {message}").format(message=message)
    if level == "note":
        return _("twin-app: note: {message}").format(message=message)
    if level == "info":
        return _("twin-app: info: {message}").format(message=message)
    return f"twin-app: {level}: {message}"


def say(level: str, message: str) -> None:
    """Print :func:`line` on stderr (what a Feedback's ``on_message`` takes)."""
    import sys

    print(line(level, message), file=sys.stderr)
