"""The disk cache of loaded layers: the same layers back, never stale, and never code.

Every city here is written by the test (or copied from the bundled one, so
its files can be changed); the cache folder is a temporary one.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pickle
import shutil
import stat
import struct
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal
from toy_city import BBOX, CRS

from twin_app import __version__
from twin_app.core import layer_cache, layer_store
from twin_app.core.feedback import Feedback
from twin_app.core.kinds import KindRegistry, LoadContext, default_registry
from twin_app.core.layers import (
    BuildingsLayer,
    DistrictsLayer,
    Layer,
    LineLayer,
    NetworkLayer,
    PointLayer,
    PolygonLayer,
    PopulationLayer,
    RasterLayer,
    StopsLayer,
)
from twin_app.core.loading import load_city
from twin_app.core.timetable import Timetable


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv(layer_cache.CACHE_ENV, "1")
    return tmp_path / "cache" / "twin_app" / "layers"


@pytest.fixture
def city(tmp_path: Path, helsinki_dir: Path) -> Path:
    """A copy of the parts of Helsinki these tests load (so files can be touched)."""
    folder = tmp_path / "hel"
    shutil.copytree(helsinki_dir, folder, ignore=shutil.ignore_patterns("*.bz2"))
    return folder


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob(f"*{layer_cache.SUFFIX}"))


# ------------------------------------------------------------------ an independent comparison


def assert_same_layer(a: Any, b: Any) -> None:
    """Field by field, with pandas' and geopandas' own testing functions."""
    assert type(a) is type(b)
    for f in dataclasses.fields(a):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if isinstance(x, gpd.GeoDataFrame):
            assert_geodataframe_equal(x, y, check_dtype=True, check_index_type=True, check_crs=True)
            for column in x.columns[x.dtypes == "geometry"]:
                assert list(shapely.to_wkb(x[column].values)) == list(shapely.to_wkb(y[column].values))
        elif isinstance(x, pd.DataFrame):
            pd.testing.assert_frame_equal(x, y, check_exact=True)
        elif isinstance(x, np.ndarray):
            assert x.dtype == y.dtype
            np.testing.assert_array_equal(x, y)  # NaN == NaN here
        elif isinstance(x, Timetable):
            assert_same_layer(x, y)
        else:
            assert type(x) is type(y) and x == y, f.name


# ------------------------------------------------------------------ small cities written here

CITY = f"""
[city]
name = "cached"
crs = "{CRS}"
bbox = [{", ".join(repr(v) for v in BBOX)}]
attribution = ["Test data"]
"""


def _write_city(folder: Path, layers: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "city.toml").write_text(CITY + layers, encoding="utf-8")
    return folder


def _cells(people: list[float]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"population": people},
        geometry=[shapely.box(100.0 * i, 0.0, 100.0 * i + 100.0, 100.0) for i in range(len(people))],
        crs=CRS,
    )


def _points(values: list[int]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"value": values}, geometry=shapely.points([(100.0 * i, 50.0) for i in range(len(values))]), crs=CRS
    )


def _write_points(path: Path, values: list[int]) -> None:
    """GeoJSON written by hand, so that values of as many digits give files of the same size."""
    features = [
        {
            "type": "Feature",
            "properties": {"value": v},
            "geometry": {"type": "Point", "coordinates": [100.0 * i, 50.0]},
        }
        for i, v in enumerate(values)
    ]
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3067"}}
    path.write_text(json.dumps({"type": "FeatureCollection", "crs": crs, "features": features}))


POPULATION = """
[[layers]]
id = "population"
kind = "population-grid"
source = "grid.shp"
title = "People"
"""

POINTS = """
[[layers]]
id = "points"
kind = "vector"
source = "points.geojson"
title = "Points"
"""


# ------------------------------------------------------------------ the cache serves what the files hold


def test_second_load_comes_from_the_cache_and_is_identical(cache: Path, city: Path) -> None:
    first = load_city(city, only=["stops", "heat", "buildings"])
    assert len(entries(cache)) == 3
    second = load_city(city, only=["stops", "heat", "buildings"])
    for lid in ("stops", "heat", "buildings"):
        assert second.layers[lid] is not first.layers[lid]
        assert_same_layer(first.layers[lid], second.layers[lid])
    assert second.info()["buildings"] == first.info()["buildings"]


@pytest.mark.slow
def test_every_layer_of_the_bundled_city_round_trips(cache: Path, city: Path) -> None:
    first = load_city(city)
    assert first.problems == []
    assert len(entries(cache)) == len(first.layers)
    second = load_city(city)
    assert set(second.layers) == set(first.layers)
    for lid, layer in first.layers.items():
        assert_same_layer(layer, second.layers[lid])


def _every_type() -> list[Layer]:
    """One layer of every core type, with the awkward values a kind may return."""
    frame = gpd.GeoDataFrame(
        {
            "name": pd.array(["a", None, "ç"], dtype=pd.StringDtype(na_value=np.nan)),
            "n": np.array([1, 2, 3], dtype=np.int32),
            "x": [0.5, np.nan, -0.0],
            "flag": [True, False, True],
            "kind": pd.Categorical(["p", "q", "p"]),
            "mixed": pd.array([1, "two", None], dtype=object),
            "when": pd.to_datetime(["2024-01-01", "2024-06-01", None]),
        },
        geometry=[shapely.Point(1, 2), None, shapely.Point(3, 4, 5)],
        crs=CRS,
    )
    polygons = gpd.GeoDataFrame(
        {"district": pd.array(["A", "B"], dtype=pd.StringDtype(na_value=np.nan)), "clipped": [False, True]},
        geometry=[
            shapely.box(0, 0, 1, 1),
            shapely.Polygon([(0, 0), (2, 0), (2, 2)], [[(1, 0.1), (1.5, 0.1), (1.5, 0.5)]]),
        ],
        crs=CRS,
    )
    edges = gpd.GeoDataFrame(
        {"u": [1], "v": [2], "length": [1.5]}, geometry=[shapely.LineString([(0, 0), (1, 1)])], crs=CRS
    ).set_index(pd.MultiIndex.from_tuples([(1, 2)], names=["u_", "v_"]))
    nodes = gpd.GeoDataFrame({"x": [0.0, 1.0]}, geometry=shapely.points([(0, 0), (1, 1)]), crs=CRS)
    nodes.index = pd.Index([1, 2], name="osmid")
    timetable = Timetable(
        feed="GTFS feed t.zip",
        calendar=pd.DataFrame({"service_id": ["s"], "monday": ["1"], "start_date": ["20240101"]}),
        calendar_dates=pd.DataFrame({"service_id": pd.Series([], dtype=object)}),
        trips=pd.DataFrame({"trip_id": ["t"], "service_id": ["s"], "route_type": [3]}),
        stop_times=pd.DataFrame({"trip_id": ["t", "t"], "stop_id": ["1", "2"], "t": [3600.0, np.nan]}),
        frequencies=pd.DataFrame({"trip_id": [], "start": [], "end": [], "headway": []}),
    )
    stops = gpd.GeoDataFrame(
        {"stop_id": ["1", "2"], "name": ["One", "Two"], "modes": ["bus", "tram,bus"]},
        geometry=shapely.points([(0, 0), (1, 1)]),
        crs=CRS,
    )
    raster = np.array([[0.5, np.nan], [1.0, 2.0]], dtype=np.float32)
    common: dict[str, Any] = {
        "title": "T",
        "crs": CRS,
        "notes": ["one note", "ünïcode"],
        "attribution": "© us",
    }
    return [
        PointLayer(id="p", frame=frame, value_column="x", units="m", **common),
        BuildingsLayer(
            id="b", frame=frame.assign(height_m=[3.0, 6.0, np.nan]), source=Path("/x/b.pbf"), **common
        ),
        PolygonLayer(id="g", frame=polygons, style="green", visible=False, opacity=0.25, **common),
        DistrictsLayer(id="d", frame=polygons, outside_km2=0.125, **common),
        LineLayer(id="l", frame=frame.iloc[0:0], **common),
        NetworkLayer(id="n", frame=edges, nodes=nodes, network_type="drive", **common),
        StopsLayer(id="s", frame=stops, stops_source="GTFS feed t.zip", timetable=timetable, **common),
        StopsLayer(id="s2", frame=stops, stops_source="OpenStreetMap tags", **common),
        PopulationLayer(
            id="pop", frame=polygons.assign(population=[10.0, 20.0]), value_column="population", **common
        ),
        RasterLayer(id="r", data=raster, transform=(10.0, 0.0, 5.0, 0.0, -10.0, 7.0), label="heat", **common),
    ]


@pytest.mark.parametrize("layer", _every_type(), ids=lambda layer: type(layer).__name__ + "-" + layer.id)
def test_every_layer_type_round_trips_exactly(tmp_path: Path, layer: Layer) -> None:
    assert layer_cache.write_entry(tmp_path, "k", layer)
    back = layer_cache.read_entry(tmp_path, "k")
    assert isinstance(back, Layer)
    assert_same_layer(layer, back)


def test_a_layer_that_is_not_plain_data_is_not_cached(tmp_path: Path) -> None:
    odd = _every_type()[0]
    odd.frame["tags"] = [{"a": 1}, {}, {"b": 2}]  # dicts: no data format of ours
    assert not layer_cache.write_entry(tmp_path, "k", odd)

    @dataclasses.dataclass(eq=False)
    class OwnLayer(PointLayer):
        pass

    own = OwnLayer(id="o", title="o", crs=CRS, frame=_points([1]))
    assert not layer_cache.write_entry(tmp_path, "k", own)
    assert not list(tmp_path.iterdir())


# ------------------------------------------------------------------ never stale


def test_a_sidecar_edit_is_seen(cache: Path, tmp_path: Path) -> None:
    """Only the .dbf changes: the .shp, and so its size and time, stay the same."""
    folder = _write_city(tmp_path / "c", POPULATION)
    _cells([100.0, 200.0]).to_file(folder / "grid.shp")
    assert load_city(folder).layers["population"].frame["population"].sum() == 300
    other = tmp_path / "other"
    other.mkdir()
    _cells([1000.0, 2000.0]).to_file(other / "grid.shp")
    shp = (folder / "grid.shp").read_bytes()
    shutil.copyfile(other / "grid.dbf", folder / "grid.dbf")
    assert (folder / "grid.shp").read_bytes() == shp
    assert load_city(folder).layers["population"].frame["population"].sum() == 3000


@pytest.mark.parametrize("by_content", [True, False], ids=["digest", "size-times-inode"])
def test_a_replacement_with_the_same_size_and_time_is_seen(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, by_content: bool
) -> None:
    if not by_content:
        monkeypatch.setattr(layer_cache, "DIGEST_LIMIT", 0)  # as for a file too large to digest
        monkeypatch.setattr(layer_cache, "SETTLE_S", 0.0)
    folder = _write_city(tmp_path / "c", POINTS)
    path = folder / "points.geojson"
    _write_points(path, [11, 22])
    assert list(load_city(folder).layers["points"].frame["value"]) == [11, 22]
    before = path.stat()
    replacement = tmp_path / "new.geojson"
    _write_points(replacement, [77, 99])
    os.replace(replacement, path)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert list(load_city(folder).layers["points"].frame["value"]) == [77, 99]


@dataclasses.dataclass
class SwappingKind:
    """The real vector kind, sharing one read between layers as the OSM kinds do, and a file
    swapped by someone else right after the first read (when ``swap`` is set)."""

    swap: tuple[Path, Path] | None = None
    name: str = "shared-vector"
    title: str = "Vector file read once per load"
    suffixes: tuple[str, ...] = (".geojson",)

    def load(self, source: Path, options: Mapping[str, Any], ctx: LoadContext) -> Layer:
        from twin_layers.vector import VECTOR_KIND

        if source not in ctx.cache:
            ctx.cache[source] = VECTOR_KIND.load(source, options, ctx).frame
            if self.swap is not None:
                os.replace(*self.swap)
                self.swap = None
        return PointLayer(id=ctx.layer_id, title=ctx.title, crs=ctx.crs, frame=ctx.cache[source].copy())


def test_a_file_replaced_during_the_load_is_not_cached(cache: Path, tmp_path: Path) -> None:
    layers = "".join(
        f'\n[[layers]]\nid = "{lid}"\nkind = "shared-vector"\nsource = "points.geojson"\nstyle = "{lid}"\n'
        for lid in ("a", "b")
    )
    folder = _write_city(tmp_path / "c", layers)
    _points([1, 2, 3]).to_file(folder / "points.geojson")
    _points([4]).to_file(tmp_path / "new.geojson")
    kind = SwappingKind(swap=(tmp_path / "new.geojson", folder / "points.geojson"))
    registry = KindRegistry({kind.name: kind})
    first = load_city(folder, registry=registry)
    # what was read is served (the old file), but neither layer is cached: not "a", whose file
    # changed during its read, nor "b", built from that same read under the new file's key
    assert [first.layers[lid].feature_count for lid in ("a", "b")] == [3, 3]
    assert entries(cache) == []
    second = load_city(folder, registry=registry)
    assert [second.layers[lid].feature_count for lid in ("a", "b")] == [1, 1]
    assert len(entries(cache)) == 2


# ------------------------------------------------------------------ damaged entries


def _damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    middle = len(data) // 2
    damaged = {
        "flipped": data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1 :],
        "duplicated": data[:middle] + data[middle : middle + 1] + data[middle:],
        "truncated": data[:middle],
        "empty": b"",
        "header": data[:60] + b"}" + data[61:],
    }[how]
    path.write_bytes(damaged)


@pytest.mark.parametrize("how", ["flipped", "duplicated", "truncated", "empty", "header"])
def test_a_damaged_entry_is_rebuilt_with_a_note(cache: Path, city: Path, how: str) -> None:
    clean = load_city(city, only=["stops"]).layers["stops"]
    (entry,) = entries(cache)
    _damage(entry, how)
    model = load_city(city, only=["stops"])
    assert model.problems == []
    layer = model.layers["stops"]
    (note,) = [n for n in layer.notes if n not in clean.notes]
    assert "cached copy" in note and "rebuilt" in note and "the file itself is fine" in note
    layer.notes.remove(note)
    assert_same_layer(clean, layer)
    (entry,) = entries(cache)  # written again, whole
    assert isinstance(
        layer_store.decode(entry.read_bytes(), entry.name.removesuffix(layer_cache.SUFFIX)), Layer
    )
    assert load_city(city, only=["stops"]).layers["stops"].notes == clean.notes


def test_a_killed_write_leaves_no_entry_that_is_accepted(cache: Path, tmp_path: Path) -> None:
    """A write stopped at any byte: what is left under an entry's name is either whole or refused."""
    layer = _every_type()[6]
    data = layer_store.dumps(layer, "k")
    for cut in range(0, len(data), max(1, len(data) // 97)):
        (tmp_path / f"k{layer_cache.SUFFIX}").write_bytes(data[:cut])
        assert isinstance(layer_cache.read_entry(tmp_path, "k"), str)  # refused, and removed
        assert not (tmp_path / f"k{layer_cache.SUFFIX}").exists()


# ------------------------------------------------------------------ never runs code


class _Planted:
    """Unpickling this creates ``marker``: it stands for any code a pickle can run."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.mkdir, (str(self.marker),))


def _old_keys(folder: Path, ids: list[str]) -> list[str]:
    """The names the pickle cache (revisions 1 to 4) read its entries from."""
    from twin_app.core.city import load_manifest

    manifest = load_manifest(folder)
    names = []
    for spec in manifest.layers:
        if spec.id not in ids:
            continue
        st = spec.source.stat()
        for revision in range(1, 5):
            parts = [
                __version__,
                revision,
                spec.kind,
                str(spec.source.resolve()),
                st.st_size,
                st.st_mtime_ns,
                sorted((k, repr(v)) for k, v in spec.options.items()),
                manifest.crs,
                manifest.bbox_lonlat,
                manifest.buildings,
            ]
            names.append(hashlib.sha256(repr(parts).encode()).hexdigest())
    return names


def test_pickles_planted_in_the_cache_folder_never_run(cache: Path, city: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    payload = pickle.dumps(_Planted(marker))
    with pytest.raises(FileNotFoundError):  # the payload is live: loading it would make the marker
        os.rmdir(marker)
    ids = ["stops", "heat"]
    clean = load_city(city, only=ids)
    keys = [p.name.removesuffix(layer_cache.SUFFIX) for p in entries(cache)]
    for key in [*keys, *_old_keys(city, ids)]:
        for suffix in (layer_cache.SUFFIX, ".pickle", ".pkl", ""):
            (cache / f"{key}{suffix}").write_bytes(payload)
    for name in ("index.pickle", "layers.pkl"):
        (cache / name).write_bytes(payload)
    for _ in range(2):
        model = load_city(city, only=ids)
        assert not marker.exists()
        for lid in ids:
            layer = model.layers[lid]
            layer.notes[:] = [n for n in layer.notes if "cached copy" not in n]
            assert_same_layer(clean.layers[lid], layer)
    assert not marker.exists()


def test_a_pickle_inside_a_well_formed_entry_never_runs(tmp_path: Path) -> None:
    """An entry with a valid checksum whose array is a pickle of objects is refused, not run."""
    import io

    marker = tmp_path / "pwned"
    raster = _every_type()[-1]
    data = layer_store.encode(raster, "k")
    body = data[len(layer_store.MAGIC) + 32 :]
    (size,) = struct.unpack("<Q", body[:8])
    header = json.loads(body[8 : 8 + size])
    evil = io.BytesIO()
    np.save(evil, np.array([_Planted(marker)], dtype=object), allow_pickle=True)
    blobs = [evil.getvalue()]
    header["blobs"] = [len(evil.getvalue())]
    header["fields"]["data"] = {"array": 0}
    text = json.dumps(header).encode()
    body = struct.pack("<Q", len(text)) + text + b"".join(blobs)
    (tmp_path / f"k{layer_cache.SUFFIX}").write_bytes(
        layer_store.MAGIC + hashlib.sha256(body).digest() + body
    )
    assert isinstance(layer_cache.read_entry(tmp_path, "k"), str)
    assert not marker.exists()


# ------------------------------------------------------------------ the folder


def test_the_cache_folder_is_created_private(cache: Path, city: Path) -> None:
    load_city(city, only=["heat"])
    for folder in (cache, cache.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


@pytest.mark.parametrize("mode", [0o770, 0o777, 0o722])
def test_a_folder_others_can_write_to_is_not_used(cache: Path, city: Path, mode: int) -> None:
    cache.mkdir(parents=True)
    cache.chmod(mode)
    feedback = Feedback()
    model = load_city(city, only=["heat"], feedback=feedback)
    assert model.problems == [] and model.layers["heat"].feature_count > 0
    assert list(cache.iterdir()) == []
    (warning,) = feedback.warnings
    assert str(cache) in warning and "other users can write to it" in warning
    again = Feedback()
    load_city(city, only=["heat"], feedback=again)
    assert again.warnings == []  # said once
    assert stat.S_IMODE(cache.stat().st_mode) == mode  # not ours to change


def test_a_folder_of_another_user_is_not_used(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    folder.mkdir(mode=0o700)
    assert layer_cache.folder_problem(folder) is None
    assert layer_cache.folder_problem(folder, uid=folder.stat().st_uid + 1) == "it belongs to another user"


def test_a_folder_written_with_the_default_umask_is_made_private(cache: Path, city: Path) -> None:
    cache.mkdir(parents=True)
    cache.chmod(0o755)
    load_city(city, only=["heat"])
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert len(entries(cache)) == 1


def test_the_key_names_the_kinds_distribution_and_version() -> None:
    from importlib.metadata import version

    kind = default_registry().get("vector")
    module, dist, stamp = layer_cache.kind_identity(kind, "vector")
    assert module.startswith("twin_layers")
    assert dist == ("twin-app", version("twin-app"))
    assert any(name.endswith("vector.py") for name, _size, _mtime in stamp)


def test_the_cache_can_be_turned_off(cache: Path, city: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(layer_cache.CACHE_ENV, "0")
    load_city(city, only=["stops"])
    assert not cache.exists()


KILLED_CHILD = """
import sys
from twin_app.core.loading import load_city
load_city(sys.argv[1], only=["stops", "heat", "buildings"])
print("loaded", flush=True)
"""


@pytest.mark.slow
def test_a_load_killed_at_any_moment_leaves_a_cache_that_serves_the_files(
    cache: Path, city: Path, tmp_path: Path
) -> None:
    """SIGKILL a cold load at several moments (imports, parsing, writing entries): every entry
    left is whole, and the next load gives the layers the files hold."""
    import signal
    import subprocess
    import sys
    import time

    ids = ["stops", "heat", "buildings"]
    os.environ[layer_cache.CACHE_ENV] = "0"
    try:
        reference = load_city(city, only=ids)
    finally:
        os.environ[layer_cache.CACHE_ENV] = "1"
    start = time.monotonic()
    subprocess.run([sys.executable, "-c", KILLED_CHILD, str(city)], check=True, capture_output=True)
    whole = time.monotonic() - start
    for run in range(8):
        shutil.rmtree(cache, ignore_errors=True)
        child = subprocess.Popen([sys.executable, "-c", KILLED_CHILD, str(city)], stdout=subprocess.PIPE)
        time.sleep(whole * (0.3 + 0.1 * run))
        child.send_signal(signal.SIGKILL)
        child.wait()
        for entry in entries(cache):
            assert isinstance(
                layer_store.decode(entry.read_bytes(), entry.name.removesuffix(layer_cache.SUFFIX)), Layer
            )
        model = load_city(city, only=ids)
        for lid in ids:
            assert_same_layer(reference.layers[lid], model.layers[lid])
        assert len(entries(cache)) == 3
