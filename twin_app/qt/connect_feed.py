"""File → Connect feed…: choose a feed source, give its address, fill in its typed options.

The sources listed are the built-in ones and those installed as plugins
(:func:`twin_app.core.live.source_plugins.all_sources`); the options form is
generated from the chosen source's manifest with the same widgets as an
analysis's dialog.  On Connect the values go through the same checks as
``twin-app feed ingest --option`` and the source is opened once (nothing is
run) so that a wrong address or option is a sentence in the dialog rather
than a failed feed later.  The result is a :class:`FeedSpec` for the window
to start.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from twin_app.core.errors import MissingFileError, TwinError
from twin_app.core.live.feeds import FeedSpec
from twin_app.core.live.source_plugins import SourceManifest, all_sources, source_options, source_subject
from twin_app.core.params import validate_params
from twin_app.qt.param_dialog import ParamForm


class ConnectFeedDialog(QDialog):
    def __init__(self, sources: list[SourceManifest] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect feed"))
        self.setObjectName("connect_feed")
        self.sources = sources if sources is not None else all_sources()
        self.spec: FeedSpec | None = None
        layout = QVBoxLayout(self)
        top = QFormLayout()
        layout.addLayout(top)
        self.source = QComboBox()
        self.source.setObjectName("source")
        for m in self.sources:
            schemes = ", ".join(s + ":" for s in m.schemes)
            if m.builtin:
                label = self.tr("{title} ({schemes}; built-in)").format(title=m.title, schemes=schemes)
            elif m.distribution:
                label = self.tr("{title} ({schemes}; from {package})").format(
                    title=m.title, schemes=schemes, package=m.distribution
                )
            else:
                label = self.tr("{title} ({schemes}; plugin)").format(title=m.title, schemes=schemes)
            self.source.addItem(label, m.id)
        top.addRow(self.tr("Source"), self.source)
        self.address = QLineEdit()
        self.address.setObjectName("address")
        top.addRow(self.tr("Address"), self.address)
        self.feed_title = QLineEdit()
        self.feed_title.setObjectName("title")
        self.feed_title.setPlaceholderText(self.tr("shown in the feed panel and the layer list"))
        top.addRow(self.tr("Title"), self.feed_title)
        self.about = QLabel()
        self.about.setWordWrap(True)
        layout.addWidget(self.about)
        self.form_holder = QVBoxLayout()
        layout.addLayout(self.form_holder)
        self.form: ParamForm | None = None
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Connect"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.source.currentIndexChanged.connect(self._show_source)
        self._show_source()

    @property
    def manifest(self) -> SourceManifest:
        return self.sources[max(self.source.currentIndex(), 0)]

    def choose(self, source_id: str) -> None:
        """Select a source by id (tests, presets)."""
        index = self.source.findData(source_id)
        if index < 0:
            raise KeyError(source_id)
        self.source.setCurrentIndex(index)

    def _show_source(self) -> None:
        m = self.manifest
        self.about.setText(m.description)
        self.address.setPlaceholderText(m.example or f"{m.schemes[0]}:…")
        if self.form is not None:
            self.form.setParent(None)  # type: ignore[call-overload]
            self.form.deleteLater()
        self.form = ParamForm(m.options, None)
        self.form.setObjectName("options")
        self.form_holder.addWidget(self.form)
        self.error.clear()

    def set_value(self, name: str, value: Any) -> None:
        assert self.form is not None
        self.form.set_value(name, value)

    def build_spec(self) -> FeedSpec:
        """The feed the dialog describes; a TwinError with the sentence to show when it cannot be."""
        from twin_app.core.live.sources import OFFLINE_SCHEMES, offline_path, open_source

        m = self.manifest
        url = self.address.text().strip()
        if not url:
            raise TwinError(
                self.tr("Give the feed's address, such as {example}.").format(
                    example=m.example or m.schemes[0] + ":…"
                )
            )
        raw = self.form.raw_values() if self.form is not None else {}
        raw = {k: v for k, v in raw.items() if v is not None and v != ""}
        title = self.feed_title.text().strip() or m.title
        # the id is what the observations are stored under and the live layer's id
        feed_id = str(raw.get("name") or _slug(self.feed_title.text()) or m.id)
        raw["name"] = feed_id
        if m.builtin:
            checked = validate_params(m.options, raw, None, subject=source_subject(m.id))
            options = {k: v for k, v in checked.items() if v is not None and v != ""}
        else:
            options = source_options(m, raw)
        scheme = url.partition(":")[0].lower()
        if scheme in OFFLINE_SCHEMES:
            # a simulation reads its whole timetable when opened: the feed hub does that, once
            path = Path(offline_path(url))
            if not path.is_file():
                raise MissingFileError(path, what=f"file of the {m.title.lower()}")
        else:
            open_source(url, options)  # a wrong address, file or option is said here; nothing runs yet
        return FeedSpec(id=feed_id, title=title, source=url, kind=m.kind, options=options)

    def accept(self) -> None:
        self.spec = None  # a refused attempt leaves no feed from an earlier one
        try:
            self.spec = self.build_spec()
        except TwinError as exc:
            self.error.setText(str(exc))
            return
        super().accept()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
