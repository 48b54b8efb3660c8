"""The project file: one GeoPackage holding a workshop's scenarios, pins, story and results.

A facilitator prepares a workshop on one machine and runs it on another, so
everything that is not the city's data lives in one file that travels: the
reference to the city folder (relative to the project file, so the two can
move together, and a fingerprint of its ``city.toml`` so a changed city is
noticed), scenarios and their edits, residents' feedback pins, saved
viewpoints in story order, layer styles, and analysis results with their
provenance.  The file is a GeoPackage written with plain ``sqlite3`` (as the
observation store is): the pins are a point feature table in EPSG:4326 that
QGIS opens as it is, the rest are GeoPackage attribute tables.
``docs/projects.md`` describes every table.

Two kinds of writing, for two kinds of loss:

* **Every change is journalled at once.**  Adding an edit, dropping or moving
  a pin, saving a viewpoint: each appends one row to the ``journal`` table
  in its own committed transaction (``synchronous=FULL``: the commit is on
  disk when the call returns) before the change is made in memory.  A
  crash, a power cut or a SIGKILL loses nothing that was acknowledged.
* **``save()`` is the checkpoint.**  The whole state is written to a new
  file beside the project (``.NAME.saving-PID``), flushed, and renamed over
  it, then the folder is flushed: a reader, or a crash at any instant, sees
  the previous file or the new one, never a half-written one.  The new file
  has an empty journal.

When :meth:`Project.open` finds journal rows (the last session ended
without saving), the state of the last save is loaded and the rows wait in
:attr:`Project.pending`: :meth:`Project.recover` replays them (the
scenarios' edits and the pins come back), :meth:`Project.discard` drops
them.  Until one is chosen, changes are refused, so the two histories never
mix.  A project never writes into its city folder.

Qt- and VTK-free.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from twin_app.core.camera import CameraView
from twin_app.core.errors import (
    CorruptFileError,
    MissingFileError,
    ProjectCityError,
    ProjectError,
    ScenarioError,
    TwinError,
)
from twin_app.core.i18n import _, ngettext
from twin_app.core.pins import Pin, PinCategory, check_category, check_position, check_text, now_iso, select
from twin_app.core.scenario import EDIT_FORMAT_VERSION, Edit, Scenario, edit_from_json

if TYPE_CHECKING:
    from twin_app.core.analysis import AnalysisResult
    from twin_app.core.model import CityModel

FORMAT = "twin_app.project"
FORMAT_VERSION = 1
MANIFEST_NAME = "city.toml"

#: GeoPackage binary point: "GP", version 0, flags (little endian, no envelope), srs_id 4326
_WKB_POINT_HEADER = b"GP\x00\x01" + (4326).to_bytes(4, "little", signed=True)

_SCHEMA = """
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT
  (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
  srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE project_meta (fid INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, value TEXT NOT NULL);
CREATE TABLE scenarios (
  fid INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, position INTEGER NOT NULL, description TEXT);
CREATE TABLE edits (
  fid INTEGER PRIMARY KEY, scenario TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL,
  version INTEGER NOT NULL, edit TEXT NOT NULL, UNIQUE (scenario, seq));
CREATE TABLE pins (
  fid INTEGER PRIMARY KEY, geom POINT, category TEXT NOT NULL, comment TEXT NOT NULL, name TEXT,
  scenario TEXT, created TEXT NOT NULL, x REAL NOT NULL, y REAL NOT NULL, lon REAL NOT NULL,
  lat REAL NOT NULL);
CREATE TABLE viewpoints (
  fid INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, position INTEGER NOT NULL, camera TEXT NOT NULL,
  note TEXT);
CREATE TABLE styles (
  fid INTEGER PRIMARY KEY, layer_id TEXT NOT NULL UNIQUE, visible INTEGER, opacity REAL, colour_by TEXT);
CREATE TABLE results (
  fid INTEGER PRIMARY KEY, scenario TEXT, analysis TEXT NOT NULL, parameters TEXT NOT NULL,
  indicators TEXT NOT NULL, provenance TEXT NOT NULL, created TEXT NOT NULL);
CREATE TABLE journal (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, op TEXT NOT NULL, payload TEXT NOT NULL);
"""

#: the non-spatial tables, registered as GeoPackage "attributes" so GIS tools list them
_ATTRIBUTE_TABLES = {
    "project_meta": "what the file is and which city it belongs to",
    "scenarios": "named scenarios, in order",
    "edits": "each scenario's edits on the baseline, in order (versioned JSON)",
    "viewpoints": "saved views (camera as JSON), in story order",
    "styles": "layer visibility, opacity and colour-by",
    "results": "analysis results: parameters, indicators and provenance (JSON)",
    "journal": "changes made since the last save, committed one by one (crash recovery)",
}


def _wgs84_wkt() -> str:
    from pyproj import CRS

    return str(CRS.from_epsg(4326).to_wkt("WKT1_GDAL"))


def point_blob(lon: float, lat: float) -> bytes:
    """A GeoPackage binary point (header without envelope, then little-endian WKB)."""
    import struct

    return _WKB_POINT_HEADER + struct.pack("<BIdd", 1, 1, lon, lat)


def fingerprint_city(folder: Path) -> str:
    """SHA-256 of the city's ``city.toml``: what the project was made against."""
    return hashlib.sha256((folder / MANIFEST_NAME).read_bytes()).hexdigest()


@dataclass(frozen=True)
class CityRef:
    """Which city a project belongs to: where its folder was, and what its manifest said."""

    name: str
    crs: str
    absolute: str
    #: the folder relative to the project file's folder (None where there is no relative path)
    relative: str | None
    fingerprint: str

    def to_json(self) -> dict[str, Any]:
        return dict(vars(self))

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> CityRef:
        return cls(
            name=str(raw["name"]),
            crs=str(raw["crs"]),
            absolute=str(raw["absolute"]),
            relative=raw.get("relative"),
            fingerprint=str(raw["fingerprint"]),
        )


@dataclass(frozen=True)
class Viewpoint:
    """A saved view: a step of the story the facilitator plays."""

    name: str
    camera: CameraView
    note: str = ""


@dataclass(frozen=True)
class LayerStyle:
    """How a layer is shown; None: as the city's manifest says."""

    visible: bool | None = None
    opacity: float | None = None
    colour_by: str | None = None


@dataclass(frozen=True)
class StoredResult:
    """An analysis result as the project keeps it: numbers, parameters and provenance."""

    id: int
    analysis: str
    parameters: dict[str, Any]
    indicators: list[dict[str, Any]]
    provenance: dict[str, Any]
    created: str
    scenario: str | None = None


@dataclass(frozen=True)
class JournalEntry:
    """One change committed after the last save."""

    seq: int
    time: str
    op: str
    payload: dict[str, Any]


@dataclass
class _State:
    city: CityRef
    created: str
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    pins: dict[int, Pin] = field(default_factory=dict)
    viewpoints: list[Viewpoint] = field(default_factory=list)
    styles: dict[str, LayerStyle] = field(default_factory=dict)
    results: list[StoredResult] = field(default_factory=list)
    #: the number the next pin gets: never one a deleted pin had, so exported numbers stay unique
    next_pin: int = 1


def _connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path, isolation_level=None)
    # a rollback journal (not WAL): the file must be complete on its own when it is renamed or copied
    con.execute("PRAGMA journal_mode=DELETE")
    # FULL: a returned commit is on disk, not only atomic: "a crash never loses a pin"
    con.execute("PRAGMA synchronous=FULL")
    con.execute("PRAGMA busy_timeout=10000")
    return con


@contextmanager
def _transaction(con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    con.execute("BEGIN IMMEDIATE")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


class Project:
    """A workshop's project file, open: its state in memory, every change journalled in the file."""

    def __init__(
        self, path: Path, state: _State, pending: list[JournalEntry], con: sqlite3.Connection | None
    ) -> None:
        self.path = path
        self._state = state
        #: journal rows found on opening and not yet recovered or discarded
        self.pending: list[JournalEntry] = pending
        self._con: sqlite3.Connection | None = con
        self._unsaved = len(pending)
        self._transformer: Any = None

    # -- creating, opening, saving -------------------------------------------------------------
    @classmethod
    def new(cls, path: Path | str, city_folder: Path | str) -> Project:
        """Create a project file at ``path`` for the city in ``city_folder`` (refused if it exists)."""
        from twin_app.core.city import load_manifest

        path = Path(path)
        folder = Path(city_folder).resolve()
        if os.path.lexists(path):
            raise ProjectError(
                _(
                    "'{path}' already exists; open it with 'twin-app project info {path}', "
                    "or choose a new name."
                ).format(path=path)
            )
        manifest = load_manifest(folder)
        if path.resolve().is_relative_to(folder):
            raise ProjectError(
                _(
                    "'{path}' lies inside the city folder '{folder}', and a project never writes into its "
                    "city's folder; save the project somewhere else."
                ).format(path=path, folder=folder)
            )
        state = _State(city=_city_ref(folder, manifest.name, manifest.crs, path), created=now_iso())
        project = cls(path, state, [], con=None)
        project._write(path)
        return project

    @classmethod
    def open(cls, path: Path | str) -> Project:
        """Open a project file; journal rows from a session that ended unsaved wait in ``pending``."""
        path = Path(path)
        if not path.is_file():
            raise MissingFileError(path, what="project file")
        try:
            con = _connect(path)
            check = con.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise CorruptFileError(
                    path, fmt="a twin_app project", detail=_("SQLite reports: {check}").format(check=check)
                )
            state, pending = _read(con, path)
        except sqlite3.DatabaseError as exc:
            raise CorruptFileError(path, fmt="a twin_app project (GeoPackage)", detail=str(exc)) from None
        return cls(path, state, pending, con)

    def save(self) -> None:
        """Write the whole project atomically (temporary file, flush, rename); the journal empties."""
        self.save_as(self.path)

    def save_as(self, path: Path | str) -> None:
        """Save to ``path`` (atomically) and go on working in that file."""
        self._require_settled()
        path = Path(path)
        if path.resolve() != self.path.resolve():
            from twin_app.core.outputs import check_output_file

            check_output_file(path, example="workshop.gpkg")
            if self.city_folder is not None and path.resolve().is_relative_to(self.city_folder.resolve()):
                raise ProjectError(
                    _(
                        "'{path}' lies inside the city folder '{folder}', and a project never writes "
                        "into its city's folder; save the project somewhere else."
                    ).format(path=path, folder=self.city_folder)
                )
            folder = self.city_folder
            if folder is not None:
                self._state.city = _city_ref_moved(self._state.city, folder, path)
        else:
            folder = self.city_folder
            if folder is not None:
                self._state.city = _city_ref_moved(self._state.city, folder, path)
        self._write(path)

    def _write(self, path: Path) -> None:
        from twin_app.core.outputs import fsync_file, fsync_folder

        temp = path.with_name(f".{path.name}.saving-{os.getpid()}")
        for leftover in (temp, Path(f"{temp}-journal")):
            leftover.unlink(missing_ok=True)
        try:
            con = sqlite3.connect(temp, isolation_level=None)
            try:
                con.execute("PRAGMA journal_mode=DELETE")
                with _transaction(con):
                    _write_state(con, self._state)
            finally:
                con.close()
            fsync_file(temp)
            if self._con is not None:
                self._con.close()
                self._con = None
            os.replace(temp, path)
        except OSError as exc:
            from twin_app.core.outputs import describe_os_error

            temp.unlink(missing_ok=True)
            if self._con is None and self.path.is_file():
                self._con = _connect(self.path)
            raise ProjectError(
                _("The project could not be saved: {reason}").format(reason=describe_os_error(exc))
            ) from None
        except BaseException:
            temp.unlink(missing_ok=True)
            if self._con is None and self.path.is_file():
                self._con = _connect(self.path)
            raise
        fsync_folder(path.parent)
        self.path = path
        self._con = _connect(path)
        self._unsaved = 0
        _remove_stale_saves(path)

    def close(self) -> None:
        """Close the file; changes not saved stay in its journal, offered again on the next open."""
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- recovery ------------------------------------------------------------------------------
    @property
    def unsaved(self) -> int:
        """How many changes were made since the last save (journal rows, recovered ones included)."""
        return self._unsaved

    def recover(self) -> int:
        """Replay the changes of the session that ended without saving; returns how many."""
        count = 0
        for entry in self.pending:
            try:
                self._apply(entry.op, entry.payload)
            except (TwinError, KeyError, ValueError, TypeError) as exc:
                raise ProjectError(
                    _(
                        "The unsaved change number {number} ({change}) of '{path}' could not be recovered "
                        "({error}); discard the unsaved changes to open the project as last saved."
                    ).format(number=entry.seq, change=entry.op, path=self.path, error=exc)
                ) from None
            count += 1
        self.pending = []
        return count

    def discard(self) -> int:
        """Drop the changes of the session that ended without saving; returns how many."""
        con = self._connection()
        with _transaction(con):
            con.execute("DELETE FROM journal")
        count = len(self.pending)
        self.pending = []
        self._unsaved = 0
        return count

    def _require_settled(self) -> None:
        if self.pending:
            count = len(self.pending)
            raise ProjectError(
                ngettext(
                    "'{path}' holds {count} change from a session that ended without saving; "
                    "recover them or discard them before making new changes.",
                    "'{path}' holds {count} changes from a session that ended without saving; "
                    "recover them or discard them before making new changes.",
                    count,
                ).format(path=self.path, count=count)
            )

    def _connection(self) -> sqlite3.Connection:
        if self._con is None:
            raise ProjectError(
                _("The project '{path}' is closed; open it again to change it.").format(path=self.path)
            )
        return self._con

    def _record(self, op: str, payload: dict[str, Any]) -> None:
        """Commit the change to the journal (durably), then make it in memory."""
        self._require_settled()
        con = self._connection()
        with _transaction(con):
            con.execute(
                "INSERT INTO journal (time, op, payload) VALUES (?, ?, ?)", (now_iso(), op, _dumps(payload))
            )
        self._unsaved += 1
        self._apply(op, payload)

    def _apply(self, op: str, p: dict[str, Any]) -> None:
        """Make one journalled change in memory (the payload was checked when it was recorded)."""
        s = self._state
        if op == "scenario.add":
            s.scenarios[p["name"]] = Scenario(p["name"], [], p.get("description", ""))
        elif op == "scenario.remove":
            del s.scenarios[p["name"]]
        elif op == "scenario.rename":
            s.scenarios = {
                (p["new"] if k == p["old"] else k): (
                    Scenario(p["new"], v.edits, v.description) if k == p["old"] else v
                )
                for k, v in s.scenarios.items()
            }
            s.pins = {
                i: (_with(pin, scenario=p["new"]) if pin.scenario == p["old"] else pin)
                for i, pin in s.pins.items()
            }
        elif op == "edit.add":
            s.scenarios[p["scenario"]].edits.append(edit_from_json(p["edit"], version=int(p["version"])))
        elif op == "edit.pop":
            s.scenarios[p["scenario"]].edits.pop()
        elif op == "pin.add":
            pin = Pin.from_json(p)
            s.pins[pin.id] = pin
            s.next_pin = max(s.next_pin, pin.id + 1)
        elif op == "pin.move":
            s.pins[int(p["id"])] = _with(s.pins[int(p["id"])], x=p["x"], y=p["y"], lon=p["lon"], lat=p["lat"])
        elif op == "pin.delete":
            del s.pins[int(p["id"])]
        elif op == "viewpoint.set":
            view = Viewpoint(p["name"], CameraView.from_json(p["camera"]), p.get("note", ""))
            names = [v.name for v in s.viewpoints]
            if view.name in names:
                s.viewpoints[names.index(view.name)] = view
            else:
                s.viewpoints.append(view)
        elif op == "viewpoint.remove":
            s.viewpoints = [v for v in s.viewpoints if v.name != p["name"]]
        elif op == "viewpoint.order":
            by_name = {v.name: v for v in s.viewpoints}
            s.viewpoints = [by_name[n] for n in p["names"]]
        elif op == "style.set":
            s.styles[p["layer_id"]] = LayerStyle(p.get("visible"), p.get("opacity"), p.get("colour_by"))
        elif op == "result.add":
            s.results.append(
                StoredResult(
                    id=int(p["id"]),
                    analysis=p["analysis"],
                    parameters=p["parameters"],
                    indicators=p["indicators"],
                    provenance=p["provenance"],
                    created=p["created"],
                    scenario=p.get("scenario"),
                )
            )
        elif op == "city.relink":
            s.city = CityRef.from_json(p)
        else:
            raise ProjectError(
                _("'{change}' is not a change this version of twin_app knows; update twin_app.").format(
                    change=op
                )
            )

    # -- the city ------------------------------------------------------------------------------
    @property
    def city(self) -> CityRef:
        return self._state.city

    @property
    def city_folder(self) -> Path | None:
        """The city folder: beside the project as recorded (relative), else where it was; None: gone."""
        ref = self._state.city
        candidates = []
        if ref.relative is not None:
            candidates.append(self.path.parent / ref.relative)
        candidates.append(Path(ref.absolute))
        for folder in candidates:
            if (folder / MANIFEST_NAME).is_file():
                return folder.resolve()
        return None

    def city_problem(self) -> str | None:
        """A sentence when the city is missing or has changed since the project was made; else None."""
        ref = self._state.city
        folder = self.city_folder
        if folder is None:
            if ref.relative:
                return _(
                    "The city '{city}' of the project '{project}' is not at '{place}' or '{other}'; copy the "
                    "city folder there, or point the project to it with "
                    "'twin-app project relink {path} --city FOLDER'."
                ).format(
                    city=ref.name,
                    project=self.path.name,
                    place=self.path.parent / ref.relative,
                    other=ref.absolute,
                    path=self.path,
                )
            return _(
                "The city '{city}' of the project '{project}' is not at '{place}'; copy the city folder "
                "there, or point the project to it with 'twin-app project relink {path} --city FOLDER'."
            ).format(city=ref.name, project=self.path.name, place=ref.absolute, path=self.path)
        if fingerprint_city(folder) != ref.fingerprint:
            return _(
                "The city '{city}' in '{folder}' has changed since the project was made (its city.toml "
                "differs), so stored results may no longer match it; check the scenarios and results, and "
                "accept the city as it is now with 'twin-app project relink {path} --city {folder}'."
            ).format(city=ref.name, folder=folder, path=self.path)
        return None

    def check_city(self) -> Path:
        """The city folder, or :class:`ProjectCityError` with the sentence of :meth:`city_problem`."""
        problem = self.city_problem()
        if problem is not None:
            raise ProjectCityError(problem, path=self.path)
        folder = self.city_folder
        assert folder is not None
        return folder

    def relink(self, city_folder: Path | str) -> None:
        """Point the project to ``city_folder`` (moved, or changed on purpose) and accept it as it is."""
        from twin_app.core.city import load_manifest

        folder = Path(city_folder).resolve()
        manifest = load_manifest(folder)
        if manifest.crs != self._state.city.crs:
            raise ProjectCityError(
                _(
                    "The city in '{folder}' uses {crs}, but the project's scenarios and pins are in "
                    "{project_crs}; relink it to a folder of the same city."
                ).format(folder=folder, crs=manifest.crs, project_crs=self._state.city.crs),
                path=self.path,
            )
        self._record("city.relink", _city_ref(folder, manifest.name, manifest.crs, self.path).to_json())

    def load_city(self) -> CityModel:
        """The project's city, loaded (after :meth:`check_city`)."""
        from twin_app.core.loading import open_city_model

        return open_city_model(self.check_city())

    # -- scenarios -------------------------------------------------------------------------------
    @property
    def scenarios(self) -> list[Scenario]:
        return list(self._state.scenarios.values())

    def scenario(self, name: str) -> Scenario:
        if name not in self._state.scenarios:
            if not self._state.scenarios:
                raise ScenarioError(
                    _("The project has no scenario called '{name}'; it has no scenarios yet.").format(
                        name=name
                    )
                )
            raise ScenarioError(
                _("The project has no scenario called '{name}'; its scenarios are: {known}.").format(
                    name=name, known=", ".join(self._state.scenarios)
                )
            )
        return self._state.scenarios[name]

    def add_scenario(self, name: str, description: str = "") -> Scenario:
        name = (name or "").strip()
        if not name:
            raise ScenarioError(_("A scenario needs a name; give one, such as 'New tram stop'."))
        if name in self._state.scenarios:
            raise ScenarioError(
                _("The project already has a scenario called '{name}'; choose another name.").format(
                    name=name
                )
            )
        self._record("scenario.add", {"name": name, "description": description})
        return self._state.scenarios[name]

    def remove_scenario(self, name: str) -> None:
        self.scenario(name)
        self._record("scenario.remove", {"name": name})

    def rename_scenario(self, old: str, new: str) -> None:
        self.scenario(old)
        new = (new or "").strip()
        if not new or new in self._state.scenarios:
            raise ScenarioError(
                _("'{new}' cannot be the new name of '{old}': it is empty or already used.").format(
                    new=new, old=old
                )
            )
        self._record("scenario.rename", {"old": old, "new": new})

    def add_edit(self, scenario: str, edit: Edit) -> None:
        """Append ``edit`` to ``scenario`` (checked first), journalled at once."""
        self.scenario(scenario)
        edit.check()
        self._record(
            "edit.add", {"scenario": scenario, "version": EDIT_FORMAT_VERSION, "edit": edit.to_json()}
        )

    def pop_edit(self, scenario: str, *, expected: Edit | None = None) -> Edit:
        """Take the last edit off ``scenario`` (undo); ``expected``: refuse if it is another one."""
        edits = self.scenario(scenario).edits
        if not edits:
            raise ScenarioError(_("The scenario '{scenario}' has no edit to undo.").format(scenario=scenario))
        last = edits[-1]
        if expected is not None and last != expected:
            raise ScenarioError(
                _(
                    "The last edit of the scenario '{scenario}' is '{last}', not '{expected}'; "
                    "undo the later edits first."
                ).format(scenario=scenario, last=last.describe(), expected=expected.describe())
            )
        self._record("edit.pop", {"scenario": scenario})
        return last

    # -- pins ------------------------------------------------------------------------------------
    def _lonlat(self, x: float, y: float) -> tuple[float, float]:
        if self._transformer is None:
            from pyproj import Transformer

            self._transformer = Transformer.from_crs(self._state.city.crs, "EPSG:4326", always_xy=True)
        lon, lat = self._transformer.transform(x, y)
        return float(lon), float(lat)

    def add_pin(
        self,
        category: str | PinCategory,
        comment: str,
        x: float,
        y: float,
        *,
        name: str | None = None,
        scenario: str | None = None,
    ) -> Pin:
        """Drop a pin at (x, y) in the city's CRS; it is on disk when this returns."""
        kind = check_category(category)
        comment, name = check_text(comment, name)
        x, y = check_position(x, y)
        if scenario is not None:
            self.scenario(scenario)
        lon, lat = self._lonlat(x, y)
        pin_id = max([self._state.next_pin, *(i + 1 for i in self._state.pins)])
        pin = Pin(pin_id, kind, comment, x, y, lon, lat, scenario, name, now_iso())
        self._record("pin.add", pin.to_json())
        return self._state.pins[pin_id]

    def pin(self, pin_id: int) -> Pin:
        if pin_id not in self._state.pins:
            raise TwinError(
                _("The project has no pin number {number}; list the pins to see their numbers.").format(
                    number=pin_id
                )
            )
        return self._state.pins[pin_id]

    def move_pin(self, pin_id: int, x: float, y: float) -> Pin:
        self.pin(pin_id)
        x, y = check_position(x, y)
        lon, lat = self._lonlat(x, y)
        self._record("pin.move", {"id": pin_id, "x": x, "y": y, "lon": lon, "lat": lat})
        return self._state.pins[pin_id]

    def delete_pin(self, pin_id: int) -> None:
        self.pin(pin_id)
        self._record("pin.delete", {"id": pin_id})

    def pins(
        self,
        *,
        category: str | PinCategory | None = None,
        scenario: str | None = None,
        baseline: bool = False,
    ) -> list[Pin]:
        """The pins in the order they were dropped, filtered by category and/or scenario."""
        ordered = [self._state.pins[i] for i in sorted(self._state.pins)]
        return select(ordered, category=category, scenario=scenario, baseline=baseline)

    def export_pins(
        self,
        out: Path | str,
        *,
        names: bool = True,
        category: str | PinCategory | None = None,
        scenario: str | None = None,
    ) -> Path:
        from twin_app.core.pins import export_pins

        return export_pins(self.pins(category=category, scenario=scenario), out, names=names)

    # -- viewpoints, styles, results -------------------------------------------------------------
    def story(self) -> list[Viewpoint]:
        """The saved viewpoints in the order the story plays them."""
        return list(self._state.viewpoints)

    def set_viewpoint(self, name: str, camera: CameraView, note: str = "") -> None:
        """Save a view under ``name`` (replacing one of that name in place, else at the story's end)."""
        if not (name or "").strip():
            raise TwinError(_("A viewpoint needs a name; give one, such as 'The harbour'."))
        self._record("viewpoint.set", {"name": name.strip(), "camera": camera.to_json(), "note": note})

    def remove_viewpoint(self, name: str) -> None:
        if name not in {v.name for v in self._state.viewpoints}:
            raise TwinError(_("The project has no viewpoint called '{name}'.").format(name=name))
        self._record("viewpoint.remove", {"name": name})

    def order_story(self, names: list[str]) -> None:
        """Put the viewpoints in the order ``names`` gives (every viewpoint, once)."""
        if sorted(names) != sorted(v.name for v in self._state.viewpoints):
            raise TwinError(_("The new order must name every saved viewpoint exactly once."))
        self._record("viewpoint.order", {"names": list(names)})

    @property
    def styles(self) -> dict[str, LayerStyle]:
        return dict(self._state.styles)

    def set_style(
        self,
        layer_id: str,
        *,
        visible: bool | None = None,
        opacity: float | None = None,
        colour_by: str | None = None,
    ) -> None:
        if opacity is not None and not 0.0 <= opacity <= 1.0:
            raise TwinError(
                _("An opacity of {opacity} is not possible; give a number from 0 to 1.").format(
                    opacity=repr(opacity)
                )
            )
        self._record(
            "style.set",
            {"layer_id": layer_id, "visible": visible, "opacity": opacity, "colour_by": colour_by},
        )

    @property
    def results(self) -> list[StoredResult]:
        return list(self._state.results)

    def add_result(self, result: AnalysisResult, *, scenario: str | None = None) -> StoredResult:
        """Keep an analysis result (its indicators, parameters and provenance) for the scenario."""
        if scenario is not None:
            self.scenario(scenario)
        payload = {
            "id": max([0, *(r.id for r in self._state.results)]) + 1,
            "analysis": result.analysis,
            "parameters": result.record.parameters,
            "indicators": [i.to_json() for i in result.indicators],
            "provenance": result.provenance(),
            "created": now_iso(),
            "scenario": scenario,
        }
        self._record("result.add", json.loads(_dumps(payload)))
        return self._state.results[-1]

    # -- a summary -------------------------------------------------------------------------------
    def info(self) -> dict[str, Any]:
        """The ``twin-app project info --json`` document."""
        folder = self.city_folder
        pins = self.pins()
        by_category = {c.value: sum(1 for p in pins if p.category == c) for c in PinCategory}
        by_scenario: dict[str, int] = {}
        for pin in pins:
            key = pin.scenario or "(baseline)"
            by_scenario[key] = by_scenario.get(key, 0) + 1
        return {
            "project": str(self.path),
            "format_version": FORMAT_VERSION,
            "city": {
                "name": self._state.city.name,
                "crs": self._state.city.crs,
                "folder": str(folder) if folder is not None else None,
                "problem": self.city_problem(),
            },
            "scenarios": [
                {"name": s.name, "description": s.description, "edits": [e.describe() for e in s.edits]}
                for s in self.scenarios
            ],
            "pins": {"count": len(pins), "by_category": by_category, "by_scenario": by_scenario},
            "viewpoints": [v.name for v in self._state.viewpoints],
            "styles": len(self._state.styles),
            "results": len(self._state.results),
            "unsaved_changes": self._unsaved,
            "pending_recovery": len(self.pending),
        }


def _remove_stale_saves(path: Path) -> None:
    """Delete the temporary files of saves that a crash interrupted (their process is gone)."""
    for temp in path.parent.glob(f".{path.name}.saving-*"):
        pid_text = temp.name.rsplit("-", 1)[-1]
        if not pid_text.isdigit():
            continue  # a "-journal" beside a temporary file goes with it below
        try:
            os.kill(int(pid_text), 0)
            continue  # that process still runs (it may be saving right now)
        except ProcessLookupError:
            pass
        except OSError:
            continue
        temp.unlink(missing_ok=True)
        Path(f"{temp}-journal").unlink(missing_ok=True)


def _with(pin: Pin, **changes: Any) -> Pin:
    from dataclasses import replace

    return replace(pin, **changes)


def _relative(folder: Path, project: Path) -> str | None:
    try:
        return os.path.relpath(folder.resolve(), project.resolve().parent)
    except ValueError:  # another drive (Windows): no relative path
        return None


def _city_ref(folder: Path, name: str, crs: str, project: Path) -> CityRef:
    return CityRef(
        name=name,
        crs=crs,
        absolute=str(folder.resolve()),
        relative=_relative(folder, project),
        fingerprint=fingerprint_city(folder),
    )


def _city_ref_moved(ref: CityRef, folder: Path, project: Path) -> CityRef:
    """The same city (same fingerprint), its paths as seen from the project's new place."""
    return CityRef(ref.name, ref.crs, str(folder.resolve()), _relative(folder, project), ref.fingerprint)


# -- the file's tables ------------------------------------------------------------------------


def _write_state(con: sqlite3.Connection, state: _State) -> None:
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            con.execute(statement)
    con.execute("PRAGMA application_id=0x47504B47")  # "GPKG"
    con.execute("PRAGMA user_version=10300")
    con.executemany(
        "INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)",
        [
            ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", None),
            ("Undefined geographic SRS", 0, "NONE", 0, "undefined", None),
            ("WGS 84 geodetic", 4326, "EPSG", 4326, _wgs84_wkt(), "longitude/latitude"),
        ],
    )
    pins = [state.pins[i] for i in sorted(state.pins)]
    if pins:
        bounds: tuple[float, ...] = (
            min(p.lon for p in pins),
            min(p.lat for p in pins),
            max(p.lon for p in pins),
            max(p.lat for p in pins),
        )
    else:
        bounds = (-180.0, -90.0, 180.0, 90.0)
    con.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description,"
        " min_x, min_y, max_x, max_y, srs_id) VALUES ('pins', 'features', 'pins', ?, ?, ?, ?, ?, 4326)",
        ("residents' feedback pins (twin_app project)", *bounds),
    )
    con.execute("INSERT INTO gpkg_geometry_columns VALUES ('pins', 'geom', 'POINT', 4326, 0, 0)")
    for table, description in _ATTRIBUTE_TABLES.items():
        con.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, description)"
            " VALUES (?, 'attributes', ?, ?)",
            (table, table, description),
        )
    meta = {
        "format": FORMAT,
        "format_version": str(FORMAT_VERSION),
        "city": _dumps(state.city.to_json()),
        "created": state.created,
        "saved": now_iso(),
        "next_pin_id": str(state.next_pin),
    }
    con.executemany("INSERT INTO project_meta (key, value) VALUES (?, ?)", list(meta.items()))
    for position, scenario in enumerate(state.scenarios.values()):
        con.execute(
            "INSERT INTO scenarios (name, position, description) VALUES (?, ?, ?)",
            (scenario.name, position, scenario.description),
        )
        con.executemany(
            "INSERT INTO edits (scenario, seq, kind, version, edit) VALUES (?, ?, ?, ?, ?)",
            [
                (scenario.name, seq, e.kind, EDIT_FORMAT_VERSION, _dumps(e.to_json()))
                for seq, e in enumerate(scenario.edits)
            ],
        )
    con.executemany(
        "INSERT INTO pins (fid, geom, category, comment, name, scenario, created, x, y, lon, lat)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                p.id,
                point_blob(p.lon, p.lat),
                p.category.value,
                p.comment,
                p.name,
                p.scenario,
                p.created,
                p.x,
                p.y,
                p.lon,
                p.lat,
            )
            for p in pins
        ],
    )
    con.executemany(
        "INSERT INTO viewpoints (name, position, camera, note) VALUES (?, ?, ?, ?)",
        [(v.name, i, _dumps(v.camera.to_json()), v.note) for i, v in enumerate(state.viewpoints)],
    )
    con.executemany(
        "INSERT INTO styles (layer_id, visible, opacity, colour_by) VALUES (?, ?, ?, ?)",
        [
            (lid, None if s.visible is None else int(s.visible), s.opacity, s.colour_by)
            for lid, s in state.styles.items()
        ],
    )
    con.executemany(
        "INSERT INTO results (fid, scenario, analysis, parameters, indicators, provenance, created)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                r.id,
                r.scenario,
                r.analysis,
                _dumps(r.parameters),
                _dumps(r.indicators),
                _dumps(r.provenance),
                r.created,
            )
            for r in state.results
        ],
    )


def _read(con: sqlite3.Connection, path: Path) -> tuple[_State, list[JournalEntry]]:
    tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    meta = dict(con.execute("SELECT key, value FROM project_meta")) if "project_meta" in tables else {}
    if meta.get("format") != FORMAT:
        raise ProjectError(
            _(
                "'{path}' is not a twin_app project file; open a project made with 'twin-app project new', "
                "or create one."
            ).format(path=path)
        )
    version = int(meta.get("format_version", "0"))
    if version > FORMAT_VERSION:
        raise ProjectError(
            _(
                "'{path}' was saved by a newer twin_app (project format {version}; this one reads up to "
                "{known}); update twin_app to open it."
            ).format(path=path, version=version, known=FORMAT_VERSION)
        )
    state = _State(
        city=CityRef.from_json(json.loads(meta["city"])),
        created=meta.get("created", ""),
        next_pin=int(meta.get("next_pin_id", "1")),
    )
    for name, description in con.execute("SELECT name, description FROM scenarios ORDER BY position"):
        state.scenarios[name] = Scenario(name, [], description or "")
    for scenario, edit_version, text in con.execute(
        "SELECT scenario, version, edit FROM edits ORDER BY scenario, seq"
    ):
        state.scenarios[scenario].edits.append(edit_from_json(json.loads(text), version=int(edit_version)))
    for row in con.execute(
        "SELECT fid, category, comment, name, scenario, created, x, y, lon, lat FROM pins ORDER BY fid"
    ):
        fid, category, comment, name, scenario, created, x, y, lon, lat = row
        state.pins[int(fid)] = Pin(
            int(fid), PinCategory(category), comment, x, y, lon, lat, scenario, name, created
        )
    for name, camera, note in con.execute("SELECT name, camera, note FROM viewpoints ORDER BY position"):
        state.viewpoints.append(Viewpoint(name, CameraView.from_json(json.loads(camera)), note or ""))
    for layer_id, visible, opacity, colour_by in con.execute(
        "SELECT layer_id, visible, opacity, colour_by FROM styles ORDER BY fid"
    ):
        state.styles[layer_id] = LayerStyle(None if visible is None else bool(visible), opacity, colour_by)
    for fid, scenario, analysis, params, indicators, provenance, created in con.execute(
        "SELECT fid, scenario, analysis, parameters, indicators, provenance, created"
        " FROM results ORDER BY fid"
    ):
        state.results.append(
            StoredResult(
                int(fid),
                analysis,
                json.loads(params),
                json.loads(indicators),
                json.loads(provenance),
                created,
                scenario,
            )
        )
    pending = [
        JournalEntry(int(seq), time, op, json.loads(payload))
        for seq, time, op, payload in con.execute("SELECT seq, time, op, payload FROM journal ORDER BY seq")
    ]
    return state, pending


__all__ = [
    "CityRef",
    "JournalEntry",
    "LayerStyle",
    "Project",
    "StoredResult",
    "Viewpoint",
    "fingerprint_city",
]
