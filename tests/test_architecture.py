"""The boundaries DESIGN.md draws, checked at run time too."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

CORE_MODULES = [
    "twin_app.core.city",
    "twin_app.core.city_import",
    "twin_app.core.entry_points",
    "twin_app.core.analysis",
    "twin_app.core.params",
    "twin_app.core.plugins",
    "twin_app.core.runner",
    "twin_app.core.network",
    "twin_app.core.zonal",
    "twin_app.core.population",
    "twin_app.core.incremental",
    "twin_app.core.errors",
    "twin_app.core.extrude",
    "twin_app.core.feedback",
    "twin_app.core.kinds",
    "twin_app.core.layers",
    "twin_app.core.loading",
    "twin_app.core.model",
    "twin_app.core.vector",
    "twin_app.core.timetable",
    "twin_app.api",
]
HEAVY_GUI = ("PySide6", "pyvista", "pyvistaqt", "vtk", "vtkmodules")


def test_importing_core_pulls_no_qt_or_vtk() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in CORE_MODULES)
        + f"print(','.join(m for m in {HEAVY_GUI!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"core imported {out.stdout.strip()}"


def test_loading_a_city_in_core_pulls_no_qt_or_vtk() -> None:
    code = (
        "import sys\nfrom twin_app.core.loading import load_city\n"
        "load_city('helsinki', only=['stops', 'heat'])\n"
        f"print(','.join(m for m in {HEAVY_GUI!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_import_contracts_hold() -> None:
    root = Path(__file__).resolve().parents[1]
    exe = Path(sys.executable).parent / "lint-imports"
    if not exe.exists():
        pytest.skip("import-linter is not installed")
    out = subprocess.run([str(exe)], cwd=root, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_analyses_import_no_layer_kind() -> None:
    """What an analysis needs comes through core types; the import-linter contract says so too."""
    import ast
    import tomllib

    root = Path(__file__).resolve().parents[1]
    for path in sorted((root / "plugins" / "twin_plugins").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert not [n for n in names if n.split(".")[0] == "twin_layers"], path.name
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    assert any(
        c["type"] == "independence" and set(c["modules"]) == {"twin_layers", "twin_plugins"}
        for c in contracts
    )


@pytest.mark.slow
def test_wheel_has_only_distinctive_top_level_names(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(root),
        ],
        check=True,
    )
    wheel = next(tmp_path.glob("twin_app-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        tops = {n.split("/")[0] for n in zf.namelist() if not n.split("/")[0].endswith(".dist-info")}
        names = zf.namelist()
    assert tops == {"twin_app", "twin_layers", "twin_plugins", "twin_app_cities", "twin_app_resources"}
    assert "twin_app_cities/helsinki/city.toml" in names
    assert any(n.endswith("helsinki_centre.osm.pbf") for n in names)
