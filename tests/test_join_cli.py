"""``twin-app join``: a table joined to a city built from an OSM file written in the test.

The town (tests/test_city_import.py) has four buildings, OSM ways 100, 110,
120 and 130; the tables give some of them values, so every count in the
report is known by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyogrio
import pytest
from test_city_import import _ll, write_town_osm

from twin_app.cli.main import main
from twin_app.core.city_import import CityImport, import_city
from twin_app.core.live.store import ObservationStore


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("join_town")
    osm = write_town_osm(tmp / "town.osm.pbf")
    return import_city(CityImport(name="town", osm=osm), tmp / "cities")


def _csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_join_by_key_prints_the_report_as_json_and_saves_the_layer(
    town: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = _csv(tmp_path / "energy.csv", "building,energy [MWh/a]\nway/100,120\n110,80.5\n999,1\n")
    out = tmp_path / "joined.gpkg"
    code = main(
        [
            "join",
            str(town),
            str(table),
            "--layer",
            "buildings",
            "--on",
            "osm_id=building",
            "--out",
            str(out),
            "--json",
        ]
    )
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert report["matched_features"] == 2 and report["features"] == 4 and report["rows"] == 3
    assert report["rows_without_feature"] == 1 and report["sample_keys"] == ["999"]
    assert report["values"] == ["energy"] and report["units"] == {"energy": "MWh/a"}
    assert report["messages"][0].startswith("2 of 4 features of 'Buildings'")
    saved = pyogrio.read_dataframe(out)
    by_id = dict(zip(saved["osm_id"], saved["energy"], strict=True))
    assert by_id[100] == 120.0 and by_id[110] == 80.5 and len(saved) == 4


def test_join_by_location_to_the_districts_and_a_csv_out(
    town: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = ["lon,lat,visits"]
    for x, y, v in [(40, 35, 3), (100, 35, 4), (5000, 5000, 9)]:
        lon, lat = _ll(x, y)
        lines.append(f"{lon},{lat},{v}")
    table = _csv(tmp_path / "visits.csv", "\n".join(lines) + "\n")
    out = tmp_path / "visits_per_building.csv"
    assert main(["join", str(town), str(table), "--by-location", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    # points at (40, 35) and (100, 35) lie in buildings 100 and 110; the third is 5 km away
    assert "2 of 3 rows of 'visits' lie in a feature of 'Buildings'" in text
    assert "1 row(s) lie outside every feature" in text
    rows = out.read_text().splitlines()
    assert rows[0] == "osm_type,osm_id,visits,row_count"
    assert {"way,100,3.0,1.0", "way,110,4.0,1.0"} <= set(rows[1:])


def test_a_time_stamped_table_is_stored_and_drawn_at_a_time(
    town: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = _csv(
        tmp_path / "hourly.csv",
        "building;time;kwh\n100;2026-03-01T06:00:00Z;5\n100;2026-03-01T07:00:00Z;7\n110;2026-03-01T06:30:00Z;2\n",
    )
    store = tmp_path / "obs.gpkg"
    png = tmp_path / "at.png"
    args = ["join", str(town), str(table), "--on", "osm_id=building", "--time", "time", "--store", str(store)]
    assert main([*args, "--at", "2026-03-01T06:45:00Z", "--out", str(tmp_path / "at.csv"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["observations"]["stored"] == 3 and report["observations"]["sources"] == ["hourly"]
    assert (report["observations"]["first"], report["observations"]["last"]) == (
        "2026-03-01T06:00:00Z",
        "2026-03-01T07:00:00Z",
    )
    # at 06:45 building 100 shows its 06:00 value, 110 its 06:30 one
    saved = (tmp_path / "at.csv").read_text().splitlines()
    assert saved[0] == "osm_id,kwh" and {"100,5.0", "110,2.0"} <= set(saved[1:])
    with ObservationStore(store) as opened:
        assert opened.count() == 3
    assert main([*args]) == 0  # again: nothing stored twice
    assert "3 were already in the store" in capsys.readouterr().out
    assert main(["feed", "stats", "--store", str(store), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 3
    del png


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        (["--on", "osm_id=nope"], "no key column 'nope'"),
        (["--on", "ref=building"], "no column 'ref'"),
        (["--on", "osm_id=building", "--layer", "rivers"], "no vector layer 'rivers'"),
        (["--on", "osm_id=building", "--time", "time"], "--store"),
        (["--on", "osm_id=building", "--out", "x.txt"], ".gpkg or .csv"),
    ],
)
def test_bad_columns_and_files_exit_2_with_a_sentence(
    town: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], needle: str
) -> None:
    table = _csv(tmp_path / "t.csv", "building,kwh\n100,1\n")
    assert main(["join", str(town), str(table), *extra]) == 2
    err = capsys.readouterr().err
    assert needle in err and err.startswith("twin-app: error: ") and "Traceback" not in err


def test_a_missing_table_exits_2(town: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["join", str(town), str(tmp_path / "none.csv"), "--on", "osm_id=id"]) == 2
    assert "does not exist" in capsys.readouterr().err


@pytest.mark.slow
def test_render_draws_the_buildings_coloured_by_the_table(
    town: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import numpy as np
    from PIL import Image

    table = _csv(tmp_path / "e.csv", "building,energy [MWh/a]\n100,10\n110,20\n120,30\n130,40\n")
    plain, joined = tmp_path / "plain.png", tmp_path / "joined.png"
    assert main(["render", str(town), "--out", str(plain), "--size", "640x480"]) == 0
    args = [
        "join",
        str(town),
        str(table),
        "--on",
        "osm_id=building",
        "--render",
        str(joined),
        "--size",
        "640x480",
    ]
    assert main(args) == 0
    a = np.asarray(Image.open(plain).convert("RGB"), dtype=int)
    b = np.asarray(Image.open(joined).convert("RGB"), dtype=int)
    assert a.shape == b.shape and (np.abs(a - b).sum(axis=2) > 30).mean() > 0.001
