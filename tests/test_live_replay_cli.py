"""``twin-app feed replay``: a store written out as the JSON lines ``file://`` reads, and back again."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest

from twin_app.cli.main import main
from twin_app.core.live.observation import Observation, ObservationKind
from twin_app.core.live.store import ObservationStore

T0 = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)


def _observations() -> list[Observation]:
    out = []
    for i in range(40):
        out.append(
            Observation(
                source="air",
                entity=f"s{i % 4}",
                time=T0 + dt.timedelta(seconds=15 * i, milliseconds=i),
                value=round(20 + i * 0.1, 3),
                unit="degC",
                lon=24.9 + i / 1000,
                lat=60.17,
                extra={"quality": "good", "n": i} if i % 2 else {},
            )
        )
        out.append(
            Observation(
                source="hfp",
                entity="0018/00679",
                time=T0 + dt.timedelta(seconds=7 * i),
                kind=ObservationKind.VEHICLE,
                lon=24.95,
                lat=60.16 + i / 10_000,
                extra={"route": "55", "headsign": "Koskela", "hdg": 12, "spd": 7.5},
            )
        )
    out.append(
        Observation(source="energy", entity="b1", time=T0, value=3.5, unit="kWh", feature_id="bldg-42")
    )
    return out


def _comparable(obs: Observation) -> tuple[object, ...]:
    # everything but when it was received (a replayed log is received anew)
    return (obs.source, obs.entity, obs.kind, obs.time, obs.value, obs.unit, obs.lon, obs.lat, obs.feature_id,
            dict(obs.extra))  # fmt: skip


def _stats(store: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    capsys.readouterr()
    assert main(["feed", "stats", "--store", str(store), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "day.gpkg"
    with ObservationStore(path) as s:
        s.append(_observations())
    return path


def test_replayed_and_ingested_again_gives_equal_stats_and_rows(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "day.jsonl"
    assert main(["feed", "replay", "--store", str(store), "--out", str(out), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["total"] == 81 and summary["out"] == str(out)
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(lines) == 81
    times = [line["time"] for line in lines]
    assert times == sorted(times)  # in time order (ISO text with a fixed format sorts as time)
    assert lines[0] == {
        "source": "air", "kind": "sensor", "id": "s0", "time": "2026-06-01T12:00:00.000Z", "value": 20.0,
        "unit": "degC", "lon": 24.9, "lat": 60.17,
    }  # fmt: skip
    again = tmp_path / "again.gpkg"
    assert main(["feed", "ingest", out.as_uri(), "--store", str(again), "--json"]) == 0
    ingest = json.loads(capsys.readouterr().out)
    assert (ingest["stored"], ingest["malformed"]) == (81, 0)
    assert _stats(again, capsys) == _stats(store, capsys)
    assert summary["sources"] == _stats(store, capsys)["sources"]
    with ObservationStore(store) as a, ObservationStore(again) as b:
        assert [_comparable(o) for o in b.query()] == [_comparable(o) for o in a.query()]


def test_a_window_of_one_source(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "part.jsonl"
    args = ["feed", "replay", "--store", str(store), "--source", "hfp", "--out", str(out), "--json"]
    assert main([*args, "--from", "2026-06-01T15:01:00+03:00", "--to", "2026-06-01T12:02:00Z"]) == 0
    summary = json.loads(capsys.readouterr().out)
    # hfp fixes every 7 s: 63 s (i = 9) up to but not including 120 s (i = 17 is 119 s)
    assert summary["sources"] == [
        {"source": "hfp", "count": 9, "first": "2026-06-01T12:01:03.000Z", "last": "2026-06-01T12:01:59.000Z"}
    ]
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["0018/00679"] * 9
    assert lines[0]["route"] == "55" and lines[0]["kind"] == "vehicle"


def test_lines_go_to_stdout_and_the_summary_to_stderr(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["feed", "replay", "--store", str(store), "--source", "energy"]) == 0
    captured = capsys.readouterr()
    assert [json.loads(line) for line in captured.out.splitlines()] == [
        {"source": "energy", "kind": "sensor", "id": "b1", "time": "2026-06-01T12:00:00.000Z", "value": 3.5,
         "unit": "kWh", "feature_id": "bldg-42"}
    ]  # fmt: skip
    assert "1 observations replayed" in captured.err


def test_speed_paces_the_lines(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the air readings of the first 45 s (at 0, 15, 30 and 45 s) at 30x take 1.5 s
    started = time.monotonic()
    args = ["feed", "replay", "--store", str(store), "--source", "air", "--to", "2026-06-01T12:00:45.100Z"]
    assert main([*args, "--speed", "30", "--out", str(tmp_path / "p.jsonl")]) == 0
    took = time.monotonic() - started
    assert 1.5 <= took < 4.0
    assert len((tmp_path / "p.jsonl").read_text().splitlines()) == 4


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (["--from", "yesterday"], "--from 'yesterday' is not a time"),
        (["--to", "2026-06-01T12:00:00"], "--to '2026-06-01T12:00:00' is not a time"),
        (["--from", "2026-06-01T13:00:00Z", "--to", "2026-06-01T12:00:00Z"], "is not after --from"),
        (["--source", "trams"], "holds no source 'trams'; it holds: air, energy, hfp."),
        (["--speed", "-2"], "--speed -2.0 cannot be kept"),
    ],
)
def test_bad_options_are_sentences(
    store: Path, capsys: pytest.CaptureFixture[str], extra: list[str], says: str
) -> None:
    assert main(["feed", "replay", "--store", str(store), *extra]) == 2
    captured = capsys.readouterr()
    assert says in captured.err and captured.out == ""


def test_a_missing_store_is_a_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["feed", "replay", "--store", str(tmp_path / "none.gpkg")]) == 2
    assert "observation store" in capsys.readouterr().err
