"""The messages panel: every warning and problem of this session, newest first, with its time and source."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

COLOURS = {"warning": "#b35900", "problem": "#b00020", "info": "#444444"}


class MessagesPanel(QListWidget):
    """A log a planner can read: what happened, to which job or layer, and when."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)

    def add(self, level: str, source: str, text: str) -> None:
        stamp = dt.datetime.now().strftime("%H:%M:%S")
        item = QListWidgetItem(f"{stamp}  {source}: {text}")
        item.setData(256, level)
        item.setForeground(QColor(COLOURS.get(level, COLOURS["info"])))
        item.setToolTip(text)
        self.insertItem(0, item)

    def texts(self, level: str | None = None) -> list[str]:
        return [
            self.item(i).text()
            for i in range(self.count())
            if level is None or self.item(i).data(256) == level
        ]
