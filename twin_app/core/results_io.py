"""Write an analysis result to a GeoPackage or a JSON file, atomically.

Result layers become spatial tables, indicators an attribute table, and the
run record (provenance) a one-row table holding its JSON; a ``.json`` file
holds the document ``run --json`` prints (docs/cli.md).

The file is written beside its destination under a hidden temporary name,
flushed to disk (``fsync``) and renamed into place, so a run that fails, is
killed or loses power never leaves a half-written file where a good one was:
the destination is the previous file or the complete new one.  The
temporary name carries the writer's process id, so the next write to that
folder removes what a killed writer left, and never a file another live
run is still writing.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from twin_app.core.analysis import AnalysisResult
from twin_app.core.errors import TwinError
from twin_app.core.i18n import _
from twin_app.core.layers import VectorLayer
from twin_app.core.outputs import check_output_file, fsync_file, fsync_folder

#: the suffixes a result can be saved as
RESULT_SUFFIXES = (".gpkg", ".json")
#: marks a result being written: ``.NAME.part-PID-TOKEN.SUFFIX`` beside ``NAME``
PART_MARK = ".part-"
#: files SQLite keeps beside a database while writing it
_SQLITE_COMPANIONS = ("", "-journal", "-wal", "-shm")


def _table_name(layer_id: str) -> str:
    return "".join(ch if ch.isalnum() or ch == "_" else "_" for ch in layer_id)


def check_result_path(path: Path | str) -> Path:
    """Refuse, with a sentence, a place a result cannot be saved to (called before the run, too)."""
    path = check_output_file(path)
    if path.suffix.lower() not in RESULT_SUFFIXES:
        raise TwinError(
            _(
                "Results are saved as GeoPackage or JSON: give a file name ending in .gpkg or .json, "
                "not '{name}'."
            ).format(name=path.name)
        )
    return path


def write_result(result: AnalysisResult, path: Path | str) -> Path:
    """Save ``result`` to ``path``, as GeoPackage or JSON by its suffix; atomically (see above)."""
    path = check_result_path(path)
    if path.suffix.lower() == ".json":
        return write_result_json(result, path)
    return write_result_gpkg(result, path)


def _is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def clean_leftovers(path: Path) -> list[Path]:
    """Remove the temporary files of killed writes of ``path``; return them.

    Only files whose writer is gone: two runs saving to one folder at once
    leave each other's work alone.
    """
    removed: list[Path] = []
    if not path.parent.is_dir():
        return removed
    prefix = f".{path.name}{PART_MARK}"
    for candidate in path.parent.iterdir():
        if not candidate.name.startswith(prefix):
            continue
        pid_text = candidate.name[len(prefix) :].split("-", 1)[0]
        if not pid_text.isdigit() or _is_alive(int(pid_text)):
            continue
        if not candidate.is_file():
            continue
        candidate.unlink(missing_ok=True)
        removed.append(candidate)
    return removed


def _temp_beside(path: Path) -> Path:
    """A new hidden name beside ``path`` with the same suffix (GDAL picks drivers by it)."""
    return path.with_name(f".{path.name}{PART_MARK}{os.getpid()}-{secrets.token_hex(4)}{path.suffix}")


def _publish(tmp: Path, path: Path) -> None:
    """Flush ``tmp`` to disk and rename it to ``path`` in one step."""
    fsync_file(tmp)
    os.replace(tmp, path)
    fsync_folder(path.parent)


def _discard(tmp: Path) -> None:
    for companion in _SQLITE_COMPANIONS:
        Path(f"{tmp}{companion}").unlink(missing_ok=True)


def write_result_json(result: AnalysisResult, path: Path | str) -> Path:
    """Save the ``run --json`` document to ``path``, atomically."""
    path = check_result_path(path)
    text = json.dumps(result.to_json(), indent=2, ensure_ascii=False, default=str) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(path)
    tmp = _temp_beside(path)
    try:
        with open(tmp, "x", encoding="utf-8") as out:
            out.write(text)
        _publish(tmp, path)
    except BaseException:
        _discard(tmp)
        raise
    return path


def write_result_gpkg(result: AnalysisResult, path: Path | str) -> Path:
    """Save ``result`` to a GeoPackage at ``path``, atomically."""
    import pandas as pd
    import pyogrio

    path = check_result_path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(path)
    tmp = _temp_beside(path)
    try:
        indicators = pd.DataFrame(
            [
                {**ind.to_json(), "definition": result.definitions.get(ind.key, {}).get("definition", "")}
                for ind in result.indicators
            ],
            columns=["key", "value", "unit", "district", "definition"],
        )
        pyogrio.write_dataframe(indicators, tmp, layer="indicators", driver="GPKG")
        record = pd.DataFrame(
            [{"analysis": result.analysis, "provenance_json": json.dumps(result.provenance())}]
        )
        pyogrio.write_dataframe(record, tmp, layer="run_record", driver="GPKG", append=True)
        for layer in result.layers:
            if isinstance(layer, VectorLayer):
                frame = layer.frame
                bad = [c for c in frame.columns if c != frame.geometry.name and frame[c].dtype == object]
                frame = frame.astype({c: str for c in bad})
                pyogrio.write_dataframe(frame, tmp, layer=_table_name(layer.id), driver="GPKG", append=True)
        _publish(tmp, path)
    except BaseException:
        _discard(tmp)
        raise
    return path
