"""``city.toml`` is checked against its schema: one sentence naming the key, never a traceback.

Each case is a manifest written in the test with one key wrong; the expected
words (the key, and what it must be) come from docs/city-toml.md.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from twin_app.core.city import load_manifest
from twin_app.core.errors import ManifestError

BBOX = "[24.93018, 60.15915, 24.95841, 60.18411]"


def _manifest(city: str = "", after: str = "", layer: str = "", top: str = "") -> str:
    """A valid manifest with ``top`` keys before ``[city]``, and ``city``, ``after``, ``layer`` added."""
    text = f'{top}\n[city]\nname = "mini"\ncrs = "EPSG:3879"\nbbox = {BBOX}\n{city}\n{after}\n'
    if layer:
        text += f'[[layers]]\nid = "parks"\nkind = "vector"\nsource = "parks.gpkg"\n{layer}\n'
    return text


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "city.toml").write_text(text, encoding="utf-8")
    return tmp_path


BAD: list[tuple[str, str]] = [
    # [city]
    (
        _manifest().replace('"EPSG:3879"', '"banana"'),
        r"\[city\] crs\. 'banana' is not a coordinate reference",
    ),
    (_manifest().replace('"EPSG:3879"', "3879"), r"\[city\] crs must be the code of a metric CRS.*not 3879"),
    (_manifest().replace(BBOX, "[24.9, 60.1, 25.0]"), r"\[city\] bbox must be \[west, south, east, north\]"),
    (_manifest().replace(BBOX, '"helsinki"'), r"\[city\] bbox must be .*not 'helsinki'"),
    (_manifest().replace(BBOX, "[24.9, 60.1, 25.0, inf]"), r"\[city\] bbox must be .*inf"),
    (_manifest().replace(BBOX, "[200.0, 60.1, 201.0, 60.2]"), r"\[city\] bbox must be .*-180 to 180"),
    (_manifest().replace('name = "mini"', 'name = ""'), r"\[city\] name must be a non-empty string"),
    (_manifest().replace('name = "mini"', "name = 7"), r"\[city\] name must be .*not 7"),
    (_manifest(city='title = ["a"]'), r"\[city\] title must be a string"),
    (_manifest(city='attribution = "OSM"'), r"\[city\] attribution must be a list of strings"),
    (_manifest(city="attribution = [1, 2]"), r"\[city\] attribution must be a list of strings"),
    ('city = "helsinki"\n', r"\[city\] must be a table.*not 'helsinki'"),
    # [buildings]
    (_manifest(after="[buildings]\nstorey_height_m = -3"), r"\[buildings\] storey_height_m must be a number"),
    (_manifest(after="[buildings]\nstorey_height_m = 0"), r"\[buildings\] storey_height_m .*above 0"),
    (_manifest(after="[buildings]\nstorey_height_m = nan"), r"\[buildings\] storey_height_m .*not nan"),
    (_manifest(after="[buildings]\nstorey_height_m = inf"), r"\[buildings\] storey_height_m .*not inf"),
    (_manifest(after='[buildings]\nstorey_height_m = "3"'), r"\[buildings\] storey_height_m .*not '3'"),
    (_manifest(after="[buildings]\ndefault_height_m = nan"), r"\[buildings\] default_height_m .*not nan"),
    (_manifest(after="[buildings]\ndefault_height_m = -1.0"), r"\[buildings\] default_height_m .*not -1"),
    (_manifest(after="[buildings]\ndefault_height_m = true"), r"\[buildings\] default_height_m .*not True"),
    (_manifest(after="[buildings]\nmin_tagged_for_median = 1.5"), r"min_tagged_for_median must be a whole"),
    (
        _manifest(after="[buildings.storeys]\nhouse = nan"),
        r"\[buildings\.storeys\] house must be a number of",
    ),
    (_manifest(after='[buildings.storeys]\nhouse = "two"'), r"\[buildings\.storeys\] house .*not 'two'"),
    (_manifest(after="[buildings]\nstoreys = 3"), r"\[buildings\.storeys\] must be a table"),
    (_manifest(top='buildings = "tall"'), r"\[buildings\] must be a table"),
    # [districts]
    (_manifest(after="[districts]\nlayer = 5"), r"\[districts\] layer must be the id of one of the"),
    (_manifest(after='[districts]\nname_column = ""'), r"\[districts\] name_column must be the name of a"),
    (_manifest(top="districts = [1]"), r"\[districts\] must be a table"),
    # [[licences]]
    (_manifest(after="[[licences]]\ndata = 5"), r"licence number 1: data must be a string"),
    (_manifest(top='licences = "CC BY"'), r"licences must be a list of \[\[licences\]\] tables"),
    # [[layers]]
    (_manifest(top='layers = "parks"'), r"layers must be a list of \[\[layers\]\] tables"),
    (_manifest(layer='opacity = "high"'), r"\('parks'\): opacity must be a number from 0 to 1, not 'high'"),
    (_manifest(layer="opacity = 1.5"), r"opacity must be a number from 0 to 1, not 1\.5"),
    (_manifest(layer="opacity = nan"), r"opacity must be a number from 0 to 1, not nan"),
    (_manifest(layer='visible = "yes"'), r"\('parks'\): visible must be true or false"),
    (_manifest(layer="visible = 1"), r"visible must be true or false, not 1"),
    (_manifest(layer="optional = 'no'"), r"optional must be true or false"),
    (_manifest(layer="title = 5"), r"\('parks'\): title must be a string"),
    (_manifest(layer='attribution = ["a"]'), r"attribution must be a string"),
    (_manifest(layer="network_type = 1"), r"network_type must be a network type in quotes"),
    (_manifest(layer='category = ["green"]'), r"category must be a feature category"),
    (_manifest(layer="admin_level = true"), r"admin_level must be an OSM admin_level"),
    (_manifest(layer="admin_level = 0"), r"admin_level must be an OSM admin_level"),
    (_manifest(layer="grid_cell_m = -250"), r"grid_cell_m must be a number of metres above 0"),
    (_manifest(layer="column = 5"), r"column must be a column name"),
    (_manifest(layer="units = 3"), r"units must be a string"),
    (_manifest(layer="label = []"), r"label must be a string"),
    (_manifest(layer="style = {a = 1}"), r"style must be a string"),
    (_manifest(layer="band = 0"), r"band must be a band number from 1 up"),
    (
        _manifest(after='[[layers]]\nid = 5\nkind = "vector"\nsource = "a.gpkg"'),
        r"layer number 1: id must be",
    ),
    (_manifest(after='[[layers]]\nid = "a"\nkind = ""\nsource = "a.gpkg"'), r"\('a'\): kind must be"),
    (
        _manifest(after='[[layers]]\nid = "a"\nkind = "vector"\nsource = 7'),
        r"\('a'\): source must be the path",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_each_wrong_key_is_one_sentence_naming_it(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ManifestError, match=message) as caught:
        load_manifest(_write(tmp_path, text))
    sentence = str(caught.value)
    assert str(tmp_path / "city.toml") in sentence
    assert "\n" not in sentence and sentence.endswith(".")


def test_right_values_of_every_type_are_accepted(tmp_path: Path) -> None:
    text = _manifest(
        city='title = "Mini"\nattribution = ["a", "b"]',
        after="[buildings]\nstorey_height_m = 3\ndefault_height_m = 12.5\nmin_tagged_for_median = 3\n"
        '[buildings.storeys]\nhouse = 2\n[districts]\nlayer = "parks"\nname_column = "name"\n'
        '[[licences]]\ndata = "Parks"\nlicence = "CC0"',
        layer='title = "P"\nvisible = false\nopacity = 0\noptional = true\nstyle = "green"\n'
        'attribution = "me"\ncolumn = "pop"\nunits = "m"\nlabel = "p"\nadmin_level = 10\nband = 2',
    )
    manifest = load_manifest(_write(tmp_path, text))
    spec = manifest.layer("parks")
    assert (spec.visible, spec.opacity, spec.title, spec.attribution) == (False, 0.0, "P", "me")
    assert spec.options == {
        "optional": True,
        "style": "green",
        "column": "pop",
        "units": "m",
        "label": "p",
        "admin_level": 10,
        "band": 2,
    }
    assert manifest.buildings.storeys == {"house": 2.0} and manifest.buildings.default_height_m == 12.5
    assert manifest.notes == ()


def test_unknown_keys_are_notes_not_errors(tmp_path: Path) -> None:
    text = _manifest(city='motto = "sisu"', after='[scenarios]\nyear = 2040\n[districts]\nlevel = "10"')
    manifest = load_manifest(_write(tmp_path, text))
    assert len(manifest.notes) == 3
    assert "[city] motto" in manifest.notes[0] and "ignored" in manifest.notes[0]
    assert "[districts] level" in manifest.notes[1]
    assert "'scenarios'" in manifest.notes[2]


def test_the_bundled_manifest_validates_without_notes(helsinki_dir: Path) -> None:
    manifest = load_manifest(helsinki_dir)
    assert manifest.notes == () and len(manifest.layers) == 11
    assert all(spec.manifest_source is not None for spec in manifest.layers)


def test_every_manifest_city_import_writes_validates(tmp_path: Path) -> None:
    """The importer's manifest, with every option it can write, opens without a single note."""
    from test_city_import import write_town_extras, write_town_osm

    from twin_app.core.city_import import CityImport, import_city

    osm = write_town_osm(tmp_path / "town.osm")
    extras = write_town_extras(tmp_path)
    for name, request in {
        "full": CityImport(
            name="full",
            osm=osm,
            gtfs=extras["gtfs"],
            population=extras["population"],
            population_column="inhabitants",
            rasters={"heat": extras["raster"]},
            raster_units={"heat": "°C"},
            attribution=["Town council"],
            district_level="9",
            storey_height_m=3.2,
            default_height_m=9.0,
        ),
        "bare": CityImport(name="bare", osm=osm),
    }.items():
        folder = import_city(request, tmp_path / "cities")
        manifest = load_manifest(folder)
        assert manifest.notes == (), name
        assert manifest.name == name


def test_cli_info_on_a_bad_manifest_is_one_sentence_and_exit_2(tmp_path: Path) -> None:
    _write(tmp_path, _manifest(layer='opacity = "high"'))
    out = subprocess.run(
        [sys.executable, "-m", "twin_app", "info", str(tmp_path)], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 2 and out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in out.stderr
    assert lines[0].startswith("twin-app: error:") and "opacity must be a number from 0 to 1" in lines[0]


def test_a_manifest_that_is_no_regular_file_or_too_big_is_refused_unread(tmp_path: Path) -> None:
    from twin_app.core.city import MAX_MANIFEST_BYTES
    from twin_app.core.errors import UnreadableFileError

    pipe, device, big, deep = (tmp_path / n for n in ("pipe", "device", "big", "deep"))
    for folder in (pipe, device, big, deep):
        folder.mkdir()
    os.mkfifo(pipe / "city.toml")  # reading it would block for ever
    (device / "city.toml").symlink_to("/dev/zero")  # reading it would never end
    (big / "city.toml").write_text(_manifest() + "#" * MAX_MANIFEST_BYTES + "\n", encoding="utf-8")
    (deep / "city.toml").write_text(_manifest() + "x = " + "[" * 50_000 + "]" * 50_000 + "\n")
    with pytest.raises(UnreadableFileError, match=r"city manifest .* is a named pipe"):
        load_manifest(pipe)
    with pytest.raises(UnreadableFileError, match=r"city manifest .* is a device"):
        load_manifest(device)
    with pytest.raises(ManifestError, match=r"larger than 4 MiB"):
        load_manifest(big)
    with pytest.raises(ManifestError, match=r"nests lists or tables too deeply"):
        load_manifest(deep)
