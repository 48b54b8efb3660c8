"""The 3D view widget: pyvistaqt's interactor, with files dropped on it opened as the app's layers.

pyvistaqt reads a file dropped on its view with ``pyvista.read`` and adds it
as a bare mesh, outside the city model (no CRS, no style, no credit).  Here a
drop on the view does what a drop on the window does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from pyvistaqt import QtInteractor


class CityViewWidget(QtInteractor):  # type: ignore[misc]
    files_dropped = Signal(list)

    def dragEnterEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        event.acceptProposedAction()
        if paths:
            self.files_dropped.emit(paths)
