"""Write an analysis result to a GeoPackage, atomically.

Result layers become spatial tables, indicators an attribute table, and the
run record (provenance) a one-row table holding its JSON.  The file is
written next to its destination and renamed into place, so an interrupted
write never leaves a half-written file where a good one was.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from twin_app.core.analysis import AnalysisResult
from twin_app.core.errors import TwinError
from twin_app.core.layers import VectorLayer
from twin_app.core.outputs import check_output_file


def _table_name(layer_id: str) -> str:
    return "".join(ch if ch.isalnum() or ch == "_" else "_" for ch in layer_id)


def check_result_path(path: Path | str) -> Path:
    """Refuse, with a sentence, a place a result cannot be saved to (called before the run, too)."""
    path = check_output_file(path)
    if path.suffix.lower() != ".gpkg":
        raise TwinError(
            f"Results are saved as GeoPackage: give a file name ending in .gpkg, not '{path.name}'."
        )
    return path


def write_result_gpkg(result: AnalysisResult, path: Path) -> Path:
    import pandas as pd
    import pyogrio

    path = check_result_path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(suffix=".gpkg", dir=path.parent, prefix=f".{path.stem}-")
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
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
        os.replace(tmp, path)
    except Exception:
        tmp.unlink(missing_ok=True)
        raise
    return path
