"""The window's language: Qt translators and the core's catalogue switched together, at run time.

Two kinds of text reach a person: what widgets say (menus, dock titles,
dialogs), translated with Qt's ``.ts``/``.qm`` files in ``twin_app/i18n``
(``tools/update_ts.py`` keeps them in step with the code), and what core and
the analyses say, translated with gettext (:mod:`twin_app.core.i18n`).
:func:`switch_language` switches both at once, and Qt's own texts too
(``qtbase_<code>.qm``: the buttons of a message box, a file dialog), so a
workshop never mixes two languages on one screen.

Installing or removing a translator makes Qt send ``QEvent.LanguageChange``
to every widget; each long-lived widget answers with a ``retranslate()``
that sets its texts again.  For the many one-line texts of menus, actions
and docks, :func:`keep_translated` remembers each text's English source on
its object, and :func:`retranslate_kept` sets them all again: a window then
needs one line in its ``changeEvent``, not a copy of every text.

Which language at start: ``twin-app --lang CODE``, else the one chosen last
in View → Language (kept with ``QSettings``), else the system's language
when twin_app speaks it, else English.

CJK and Hangul need fonts that have their letters; :func:`font_problem`
says so in words (and how to install them) instead of showing boxes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QSettings,
    QTranslator,
)
from PySide6.QtGui import QAction, QActionGroup, QFontDatabase
from PySide6.QtWidgets import QMenu, QWidget

from twin_app.core import i18n as core_i18n
from twin_app.core.i18n import LANGUAGES, SOURCE_LANGUAGE

#: the compiled Qt translations of twin_app's own texts
I18N_DIR = Path(__file__).resolve().parents[1] / "i18n"
#: where the chosen language is kept between runs (QSettings organisation, application, key)
SETTINGS_ORG = "twin_app"
SETTINGS_APP = "twin_app"
SETTINGS_KEY = "language"
#: the writing system each language needs a font for (Latin ones are in every font)
WRITING_SYSTEMS: dict[str, QFontDatabase.WritingSystem] = {
    "ja": QFontDatabase.WritingSystem.Japanese,
    "ko": QFontDatabase.WritingSystem.Korean,
    "zh": QFontDatabase.WritingSystem.SimplifiedChinese,
}
#: Qt's locale for each code (the one whose ``qtbase_*.qm`` and number formats fit)
QT_LOCALES = {"zh": "zh_CN", "pt": "pt_PT", "en": "en_GB"}
#: the dynamic property on which :func:`keep_translated` keeps a widget's source texts
_KEPT = "twin_app_texts"

#: Qt ships some of its own translations only for one country's variant
QT_BASE_FALLBACK = {"pt": "pt_BR"}

_installed: list[QTranslator] = []
QObjectT = TypeVar("QObjectT", bound=QObject)


def qm_path(code: str) -> Path:
    """The compiled translation of twin_app's Qt texts into ``code``."""
    return I18N_DIR / f"twin_app_{code}.qm"


def qt_translations_dir() -> Path:
    """Where PySide6 ships Qt's own translations (``qtbase_<code>.qm``)."""
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def settings() -> QSettings:
    return QSettings(SETTINGS_ORG, SETTINGS_APP)


def system_language() -> str:
    """The system's language if twin_app speaks it, else English."""
    for name in [QLocale.system().name(), *QLocale.system().uiLanguages()]:
        code = name.replace("-", "_").split("_")[0].lower()
        if code in LANGUAGES:
            return code
    return SOURCE_LANGUAGE


def saved_language() -> str | None:
    """The language chosen last in View → Language, if any (and still spoken)."""
    value = settings().value(SETTINGS_KEY)
    return value if isinstance(value, str) and value in LANGUAGES else None


def start_language(requested: str | None = None) -> str:
    """The language to start in: ``requested`` (``--lang``), else the saved one, else the system's."""
    if requested:
        return core_i18n.check_language(requested)
    return saved_language() or system_language()


def current_language() -> str:
    return core_i18n.language()


def _load(translator: QTranslator, path: Path) -> bool:
    return path.is_file() and translator.load(str(path))


def switch_language(code: str, *, remember: bool = True) -> str:
    """Make ``code`` the language of the whole application now; returns the normalised code.

    The core's catalogue first (a bad code is refused before anything
    changes), then Qt's translators: removing and installing them makes Qt
    send ``LanguageChange`` to every widget, which re-set their texts.
    """
    code = core_i18n.set_language(code)
    from twin_app.qt.live import keep_none_alive

    keep_none_alive()  # every widget sets its texts again: each setter call costs this binding a None
    app = QCoreApplication.instance()
    if app is not None:
        for translator in _installed:
            app.removeTranslator(translator)
        _installed.clear()
        QLocale.setDefault(QLocale(QT_LOCALES.get(code, code)))
        if code != SOURCE_LANGUAGE:
            qt_own = QTranslator(app)
            folder = str(qt_translations_dir())
            if qt_own.load(QLocale(QT_LOCALES.get(code, code)), "qtbase", "_", folder) or (
                code in QT_BASE_FALLBACK and qt_own.load(f"qtbase_{QT_BASE_FALLBACK[code]}", folder)
            ):
                _installed.append(qt_own)
            ours = QTranslator(app)
            if _load(ours, qm_path(code)):
                _installed.append(ours)
        for translator in _installed:
            app.installTranslator(translator)
    if remember:
        settings().setValue(SETTINGS_KEY, code)
    return code


def font_problem(code: str) -> str | None:
    """A sentence when no installed font can show ``code``'s writing system (else None).

    Said in the chosen language and in English too: without a font, the
    chosen language's own sentence is the one thing that cannot be read.
    """
    system = WRITING_SYSTEMS.get(code)
    if system is None or QFontDatabase.families(system):
        return None
    said = QCoreApplication.translate("Language", _NO_FONT).format(language=LANGUAGES[code])
    english = _NO_FONT.format(language=LANGUAGES[code])
    return said if said == english else f"{said}\n{english}"


_NO_FONT = QT_TRANSLATE_NOOP(
    "Language",
    "No installed font has the letters of {language}, so its text may show as empty boxes. "
    "Install a CJK font (on Debian or Ubuntu: sudo apt-get install fonts-noto-cjk), "
    "then start twin_app again.",
)


# -- texts kept on their objects ------------------------------------------------------------
def _kept(obj: QObject) -> dict[str, list[str]]:
    """The texts kept on ``obj`` (none for most objects).

    Asked through ``dynamicPropertyNames`` first: ``property()`` of a name an
    object lacks returns a ``None`` that this binding fails to count, and a
    few thousand of those (every child of the window, at each switch) end
    the process with "deallocating None".
    """
    if _KEPT.encode() not in [bytes(name.data()) for name in obj.dynamicPropertyNames()]:
        return {}
    raw = obj.property(_KEPT)
    return json.loads(raw) if isinstance(raw, str) else {}


def _apply(obj: QObject, texts: dict[str, list[str]]) -> None:
    for setter, (context, source) in texts.items():
        getattr(obj, "set" + setter[:1].upper() + setter[1:])(QCoreApplication.translate(context, source))


def keep_translated(obj: QObjectT, context: str, **texts: str) -> QObjectT:
    """Set ``obj``'s texts translated now and again at each language change; returns ``obj``.

    ``texts`` name the setter without ``set`` (``text``, ``toolTip``,
    ``title``, ``windowTitle``, ``placeholderText``) and give the English
    source, marked for ``lupdate`` where it is written
    (``QT_TRANSLATE_NOOP("MainWindow", "&File")``) in the same ``context``.
    """
    kept = _kept(obj)
    new = {name: [context, source] for name, source in texts.items()}
    kept.update(new)
    obj.setProperty(_KEPT, json.dumps(kept))
    _apply(obj, new)
    return obj


def retranslate_kept(root: QObject) -> None:
    """Set again every text :func:`keep_translated` kept on ``root`` and the objects under it."""
    for obj in [root, *root.findChildren(QObject)]:
        if texts := _kept(obj):
            _apply(obj, texts)


class _LanguageWatch(QObject):
    """Calls back when its widget is told the language changed (see :func:`on_language_change`)."""

    def __init__(self, widget: QWidget, callback: Callable[[], object]) -> None:
        super().__init__(widget)
        self.callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.callback()
        return False


def on_language_change(widget: QWidget, callback: Callable[[], object]) -> None:
    """Call ``callback`` whenever the language changes, for texts built in code outside a widget class.

    (A widget class of one's own answers in its ``changeEvent`` instead.)
    """
    _LanguageWatch(widget, callback)


def name_analyses(menu: QMenu, manifests: Iterable[Any]) -> None:
    """Name each analysis's entry (``run:<id>``) of ``menu`` in the current language, again at each change.

    The names and descriptions are the analyses' manifests', translated by
    the gettext catalogue (``PluginManifest.shown_title``): an analysis
    installed later, that no catalogue holds, keeps its author's words.
    """
    by_id = {f"run:{m.id}": m for m in manifests}

    def name() -> None:
        for action in menu.actions():
            manifest = by_id.get(action.objectName())
            if manifest is not None:
                action.setText(f"{manifest.shown_title()}…")  # the ellipsis of a menu entry that asks
                action.setToolTip(manifest.shown_description())

    name()
    on_language_change(menu, name)


# -- View → Language --------------------------------------------------------------------------
def say_font_problem(window: QWidget, code: str) -> str | None:
    """Put :func:`font_problem`'s sentence in the window's Messages panel (and return it)."""
    problem = font_problem(code)
    messages = getattr(window, "messages", None)
    if problem is not None and messages is not None:
        messages.add("warning", QCoreApplication.translate("Language", "Language"), problem)
    return problem


def choose_language(window: QWidget, code: str) -> str:
    """View → Language: switch everything to ``code``, remember it, and warn when no font can show it."""
    code = switch_language(code)
    say_font_problem(window, code)
    return code


def add_language_menu(
    window: QWidget, parent_menu: QMenu, on_switch: Callable[[str], object] | None = None
) -> QMenu:
    """A Language submenu listing each language by its own name; choosing one switches at once."""
    if on_switch is None:
        on_switch = lambda code: choose_language(window, code)  # noqa: E731
    menu = parent_menu.addMenu("")
    menu.setObjectName("language_menu")
    keep_translated(menu, "Language", title=_LANGUAGE_MENU_TITLE)
    group = QActionGroup(menu)
    group.setExclusive(True)
    for code, name in LANGUAGES.items():
        action = QAction(name, menu)  # a language's own name is never translated
        action.setObjectName(f"language:{code}")
        action.setCheckable(True)
        action.setChecked(code == current_language())
        action.setData(code)
        action.triggered.connect(lambda _checked=False, c=code: on_switch(c))
        group.addAction(action)
        menu.addAction(action)
    menu.aboutToShow.connect(lambda: _check_current(group))
    return menu


def _check_current(group: QActionGroup) -> None:
    for action in group.actions():
        action.setChecked(action.data() == current_language())


_LANGUAGE_MENU_TITLE = QT_TRANSLATE_NOOP("Language", "&Language")


__all__ = [
    "I18N_DIR",
    "add_language_menu",
    "choose_language",
    "current_language",
    "font_problem",
    "keep_translated",
    "name_analyses",
    "on_language_change",
    "qm_path",
    "retranslate_kept",
    "saved_language",
    "say_font_problem",
    "start_language",
    "switch_language",
    "system_language",
]
