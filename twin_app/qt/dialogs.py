"""Dialogs: problems while loading, and File → New city from files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from twin_app.core.city import user_cities_dir
from twin_app.core.city_import import CityImport
from twin_app.core.errors import TwinError


def show_problems(parent: QWidget, title: str, messages: list[str]) -> QMessageBox:
    """A non-blocking warning listing what could not be loaded (the rest is shown)."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        title,
        messages[0]
        if len(messages) == 1
        else QCoreApplication.translate(
            "Problems", "Layers that could not be shown: {count}. The others are loaded."
        ).format(count=len(messages)),
        parent=parent,
    )
    if len(messages) > 1:
        box.setInformativeText("\n\n".join(messages))
    box.setObjectName("problems")
    box.open()
    return box


class FileField(QWidget):
    def __init__(self, caption: str, filter_: str, *, folder: bool = False) -> None:
        super().__init__()
        self.edit = QLineEdit()
        button = self.button = QPushButton(self.tr("Browse…"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(button)

        def browse() -> None:
            if folder:
                path = QFileDialog.getExistingDirectory(self, caption)
            else:
                path, _ = QFileDialog.getOpenFileName(self, caption, "", filter_)
            if path:
                self.edit.setText(path)

        button.clicked.connect(browse)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.button.setText(self.tr("Browse…"))
        super().changeEvent(event)

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text) if text else None


class NewCityDialog(QDialog):
    """The GUI face of ``twin-app city import``: same fields, same code."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New city from files"))
        vector = self.tr("Vector files (*.gpkg *.geojson *.shp *.fgb)")
        self.name = QLineEdit()
        self.osm = FileField(
            self.tr("OpenStreetMap extract"), self.tr("OSM (*.osm *.osm.bz2 *.osm.pbf *.pbf)")
        )
        self.gtfs = FileField(self.tr("GTFS feed"), self.tr("GTFS (*.zip)"))
        self.population = FileField(self.tr("Population grid"), vector)
        self.districts = FileField(self.tr("Districts"), vector)
        self.district_name_column = QLineEdit("name")
        self.district_name_column.setToolTip(
            self.tr("The column of the districts file that holds their names.")
        )
        self.district_level = QLineEdit()
        self.district_level.setPlaceholderText(self.tr("chosen from the OSM file"))
        self.district_level.setToolTip(
            self.tr("Without a districts file: the OSM admin_level of the districts.")
        )
        self.raster = FileField(self.tr("Raster (e.g. heat)"), self.tr("Raster (*.tif *.tiff)"))
        self.raster_label = QLineEdit("heat")
        self.raster_units = QLineEdit()
        self.raster_units.setPlaceholderText(self.tr("as the raster states (e.g. °C)"))
        #: a credit per given file; empty means "what the file itself says"
        self.credits = {key: QLineEdit() for key in ("osm", "gtfs", "population", "districts", "raster")}
        for key, edit in self.credits.items():
            edit.setObjectName(f"credit:{key}")
            edit.setPlaceholderText(
                self.tr("© OpenStreetMap contributors (ODbL)")
                if key == "osm"
                else self.tr("as the file states, if it does")
            )
        self.storey_height = QLineEdit()
        self.storey_height.setPlaceholderText("3")
        self.default_height = QLineEdit()
        self.default_height.setPlaceholderText(self.tr("by building type (docs/buildings.md)"))
        self.dest = FileField(self.tr("Parent folder"), "", folder=True)
        self.dest.edit.setPlaceholderText(str(user_cities_dir()))
        form = QFormLayout(self)
        credit = "    " + self.tr("credit")
        form.addRow(self.tr("City name"), self.name)
        form.addRow(self.tr("OSM file (required)"), self.osm)
        form.addRow(credit, self.credits["osm"])
        form.addRow(self.tr("GTFS feed"), self.gtfs)
        form.addRow(credit, self.credits["gtfs"])
        form.addRow(self.tr("Population grid"), self.population)
        form.addRow(credit, self.credits["population"])
        form.addRow(self.tr("Districts"), self.districts)
        form.addRow(credit, self.credits["districts"])
        form.addRow(self.tr("District name column"), self.district_name_column)
        form.addRow(self.tr("District admin level"), self.district_level)
        form.addRow(self.tr("Raster"), self.raster)
        form.addRow(self.tr("Raster label"), self.raster_label)
        form.addRow(self.tr("Raster units"), self.raster_units)
        form.addRow(credit, self.credits["raster"])
        form.addRow(self.tr("Storey height (m)"), self.storey_height)
        form.addRow(self.tr("Default building height (m)"), self.default_height)
        form.addRow(self.tr("Save in"), self.dest)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def request(self) -> CityImport:
        osm = self.osm.path()
        raster = self.raster.path()
        label = self.raster_label.text().strip() or "raster"
        credits = {k: e.text().strip() for k, e in self.credits.items() if e.text().strip()}
        if "raster" in credits:
            credits[label] = credits.pop("raster")
        units = self.raster_units.text().strip()
        files = {"gtfs": self.gtfs, "population": self.population, "districts": self.districts}
        given = {"osm", *(k for k, f in files.items() if f.path()), *([label] if raster else [])}
        return CityImport(
            name=self.name.text().strip(),
            osm=osm if osm is not None else Path(""),
            gtfs=self.gtfs.path(),
            population=self.population.path(),
            districts=self.districts.path(),
            district_name_column=self.district_name_column.text().strip() or "name",
            district_level=self.district_level.text().strip() or None,
            rasters={label: raster} if raster else {},
            source_attribution={k: v for k, v in credits.items() if k in given},
            raster_units={label: units} if raster and units else {},
            storey_height_m=_metres(
                self.storey_height.text(),
                self.tr("The storey height must be a number of metres, like 3 or 2.8, not '{text}'."),
            ),
            default_height_m=_metres(
                self.default_height.text(),
                self.tr(
                    "The default building height must be a number of metres, like 3 or 2.8, not '{text}'."
                ),
            ),
        )


def _metres(text: str, refusal: str) -> float | None:
    """An optional number of metres typed by the user ("2,9" is fine); empty: None; else ``refusal``."""
    text = text.strip().removesuffix("m").strip()
    if not text:
        return None
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise TwinError(refusal.format(text=text)) from None
