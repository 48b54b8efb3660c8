"""Shared fixtures: the bundled city, and small cities built inside tests."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HELSINKI = ROOT / "sample_cities" / "helsinki"

# Tests must never write into the user's own data folder, and they exercise real
# loading: the layer cache is off except in the tests of the cache itself.
os.environ.setdefault("XDG_DATA_HOME", str(ROOT / ".pytest-data"))
# A window that opens a city with feeds stores their observations: in a fresh folder per session.
os.environ.setdefault("TWIN_APP_LIVE_DIR", tempfile.mkdtemp(prefix="twin-app-live-"))
os.environ["TWIN_APP_LAYER_CACHE"] = "0"


@pytest.fixture(scope="session")
def helsinki_dir() -> Path:
    return HELSINKI


@pytest.fixture(scope="session")
def helsinki_model():
    """Helsinki loaded once per test session (read-only use!)."""
    from twin_app.core.loading import load_city

    return load_city("helsinki")


@pytest.fixture
def ctx():
    """A load context for central Helsinki in its metric CRS."""
    from twin_app.core.kinds import LoadContext

    return LoadContext(
        crs="EPSG:3879", bbox_lonlat=(24.93018, 60.15915, 24.95841, 60.18411), layer_id="t", title="t"
    )


def _pip_install_into(target: Path, distribution: Path) -> Path:
    """Really install an example distribution (no dependencies) into a folder; returns the folder."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation"]
    subprocess.run([*command, "--target", str(target), str(distribution)], check=True)
    return target


@pytest.fixture(scope="session")
def _example_plugin_site(tmp_path_factory) -> Path:
    """The third-party example analysis distribution, pip-installed once into a folder."""
    return _pip_install_into(tmp_path_factory.mktemp("site"), ROOT / "tests" / "plugin_example")


@pytest.fixture(scope="module")
def example_plugin(_example_plugin_site: Path):
    """The third-party example plugin, really installed, on the path for one test module.

    It ships an analysis that never ends: left installed, every later "run
    every installed analysis" (the default report) would wait on it.
    Subprocesses find it through ``PYTHONPATH`` (isolated analyses run there).
    """
    import sys

    import twin_app.core.plugins as plugins

    site = str(_example_plugin_site)
    before = os.environ.get("PYTHONPATH")

    def reset() -> None:
        plugins._default = None  # rediscover the installed distributions
        for name in [
            m for m in sys.modules if m == "twin_example_plugin" or m.startswith("twin_example_plugin.")
        ]:
            del sys.modules[name]

    sys.path.insert(0, site)
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (site, before or "") if p)
    reset()
    yield _example_plugin_site
    sys.path.remove(site)
    if before is None:
        os.environ.pop("PYTHONPATH", None)
    else:
        os.environ["PYTHONPATH"] = before
    reset()


@pytest.fixture(scope="session")
def _live_plugin_site(tmp_path_factory) -> Path:
    """The example layer kind and feed source distribution, pip-installed once into a folder."""
    return _pip_install_into(tmp_path_factory.mktemp("site-live"), ROOT / "tests" / "plugin_example_live")


@pytest.fixture(scope="module")
def live_plugin(_live_plugin_site: Path):
    """The example distribution on the path for one test module, and off it afterwards.

    Its kinds claim ``.csv`` files by content, so it must not stay installed
    for tests that count the built-in kinds.
    """
    import sys

    import twin_app.core.kinds as kinds
    import twin_app.core.live.source_plugins as source_plugins

    def reset() -> None:
        kinds._default = None
        source_plugins._default = None
        for name in [
            m for m in sys.modules if m == "twin_example_live" or m.startswith("twin_example_live.")
        ]:
            del sys.modules[name]

    sys.path.insert(0, str(_live_plugin_site))
    reset()
    yield _live_plugin_site
    sys.path.remove(str(_live_plugin_site))
    reset()
