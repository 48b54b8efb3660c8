"""Dialogs: problems while loading, and File → New city from files."""

from __future__ import annotations

from pathlib import Path

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
        else f"{len(messages)} layers could not be shown; the others are loaded.",
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
        button = QPushButton("Browse…")
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

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text) if text else None


class NewCityDialog(QDialog):
    """The GUI face of ``twin-app city import``: same fields, same code."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New city from files")
        self.name = QLineEdit()
        self.osm = FileField("OpenStreetMap extract", "OSM (*.osm *.osm.bz2 *.osm.pbf *.pbf)")
        self.gtfs = FileField("GTFS feed", "GTFS (*.zip)")
        self.population = FileField("Population grid", "Vector (*.gpkg *.geojson *.shp *.fgb)")
        self.districts = FileField("Districts", "Vector (*.gpkg *.geojson *.shp *.fgb)")
        self.district_name_column = QLineEdit("name")
        self.district_name_column.setToolTip("The column of the districts file that holds their names.")
        self.district_level = QLineEdit()
        self.district_level.setPlaceholderText("chosen from the OSM file")
        self.district_level.setToolTip("Without a districts file: the OSM admin_level of the districts.")
        self.raster = FileField("Raster (e.g. heat)", "Raster (*.tif *.tiff)")
        self.raster_label = QLineEdit("heat")
        self.raster_units = QLineEdit()
        self.raster_units.setPlaceholderText("as the raster states (e.g. °C)")
        #: a credit per given file; empty means "what the file itself says"
        self.credits = {key: QLineEdit() for key in ("osm", "gtfs", "population", "districts", "raster")}
        for key, edit in self.credits.items():
            edit.setObjectName(f"credit:{key}")
            edit.setPlaceholderText(
                "© OpenStreetMap contributors (ODbL)" if key == "osm" else "as the file states, if it does"
            )
        self.storey_height = QLineEdit()
        self.storey_height.setPlaceholderText("3")
        self.default_height = QLineEdit()
        self.default_height.setPlaceholderText("by building type (docs/buildings.md)")
        self.dest = FileField("Parent folder", "", folder=True)
        self.dest.edit.setPlaceholderText(str(user_cities_dir()))
        form = QFormLayout(self)
        form.addRow("City name", self.name)
        form.addRow("OSM file (required)", self.osm)
        form.addRow("    credit", self.credits["osm"])
        form.addRow("GTFS feed", self.gtfs)
        form.addRow("    credit", self.credits["gtfs"])
        form.addRow("Population grid", self.population)
        form.addRow("    credit", self.credits["population"])
        form.addRow("Districts", self.districts)
        form.addRow("    credit", self.credits["districts"])
        form.addRow("District name column", self.district_name_column)
        form.addRow("District admin level", self.district_level)
        form.addRow("Raster", self.raster)
        form.addRow("Raster label", self.raster_label)
        form.addRow("Raster units", self.raster_units)
        form.addRow("    credit", self.credits["raster"])
        form.addRow("Storey height (m)", self.storey_height)
        form.addRow("Default building height (m)", self.default_height)
        form.addRow("Save in", self.dest)
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
            storey_height_m=_metres(self.storey_height.text(), "storey height"),
            default_height_m=_metres(self.default_height.text(), "default building height"),
        )


def _metres(text: str, what: str) -> float | None:
    """An optional number of metres typed by the user ("2,9" is fine); empty: None."""
    text = text.strip().removesuffix("m").strip()
    if not text:
        return None
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise TwinError(f"The {what} must be a number of metres, like 3 or 2.8, not '{text}'.") from None
