"""The disk cache of loaded layers: same layers back, and never stale."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from twin_app.core import layer_cache
from twin_app.core.loading import load_city


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


def test_second_load_comes_from_the_cache_and_is_identical(cache: Path, city: Path) -> None:
    first = load_city(city, only=["stops", "heat", "buildings"])
    assert len(list(cache.glob("*.pickle"))) == 3
    second = load_city(city, only=["stops", "heat", "buildings"])
    for lid in ("stops", "buildings"):
        assert second.layers[lid].frame.equals(first.layers[lid].frame)
    np.testing.assert_array_equal(second.layers["heat"].data, first.layers["heat"].data)  # NaN == NaN here
    assert second.info()["buildings"] == first.info()["buildings"]


def test_a_changed_source_or_option_is_loaded_again(cache: Path, city: Path) -> None:
    load_city(city, only=["stops"])
    assert len(list(cache.glob("*.pickle"))) == 1
    gtfs = city / "gtfs" / "hsl_helsinki_centre_gtfs_2022.zip"
    stat = gtfs.stat()
    os.utime(gtfs, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    load_city(city, only=["stops"])
    assert len(list(cache.glob("*.pickle"))) == 2  # a new key: the old entry is not used
    manifest = (city / "city.toml").read_text()
    (city / "city.toml").write_text(
        manifest.replace('title = "Transit stops"\n', 'title = "Transit stops"\nmin_x = 1\n')
    )
    load_city(city, only=["stops"])
    assert len(list(cache.glob("*.pickle"))) == 3


def test_a_corrupt_cache_file_is_ignored(cache: Path, city: Path) -> None:
    load_city(city, only=["stops"])
    (entry,) = cache.glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    model = load_city(city, only=["stops"])
    assert model.problems == [] and model.layers["stops"].feature_count > 100


def test_the_cache_can_be_turned_off(cache: Path, city: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(layer_cache.CACHE_ENV, "0")
    load_city(city, only=["stops"])
    assert not cache.exists() or not list(cache.glob("*.pickle"))
