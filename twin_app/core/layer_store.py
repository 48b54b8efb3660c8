"""Layers written as data, and read back without running any code.

The layer cache used to pickle layers: a pickle is a program, so a file
planted in the cache folder ran code at the next start, and one damaged byte
could crash the interpreter on every start.  Here a layer becomes one file:

``MAGIC`` (8 bytes) · SHA-256 of the rest (32 bytes) · header length (8 bytes,
little-endian) · JSON header · blobs.

The header names the layer's class (one of the core's generic types, looked
up in a fixed table: never imported by name) and holds its scalar fields as
tagged JSON.  Tables are stored column by column: numeric, boolean and
date columns as ``.npy`` arrays read with ``allow_pickle=False``; geometry as
WKB; text columns as JSON lists; categoricals as codes plus categories.
Rasters are ``.npy`` arrays.  The checksum is checked before anything is
parsed, so a damaged entry is refused before a parser sees it.

Anything outside this vocabulary (a third-party layer class, a column of
Python objects, frame ``attrs``) raises :class:`NotData`: such a layer is
simply not cached.  :func:`dumps` also reads its own output back and
compares it with the layer, so only an entry that restores the layer exactly
is ever written.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import struct
from pathlib import Path
from typing import TYPE_CHECKING, Any

from twin_app.core import layers as _layers
from twin_app.core.i18n import _
from twin_app.core.layers import Layer
from twin_app.core.timetable import Timetable

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

MAGIC = b"TWINLYR1"
#: the header's own format; a reader refuses any other
FORMAT = 1

#: the only classes an entry may name: the core's generic layer types
LAYER_TYPES: dict[str, type[Layer]] = {
    cls.__name__: cls
    for cls in vars(_layers).values()
    if isinstance(cls, type) and issubclass(cls, Layer) and cls.__module__ == _layers.__name__
}


class NotData(Exception):
    """The layer holds something this format cannot store exactly: it is not cached."""


class DamagedEntry(Exception):
    """The entry's bytes are not an entry this code wrote for this key.

    Its text is a reason a note shows the user (the cached copy was rebuilt
    because ...), so it is said in the current language.
    """


class _Blobs:
    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def add(self, data: bytes) -> int:
        self.parts.append(data)
        return len(self.parts) - 1


# --- columns -----------------------------------------------------------------------------------


def _npy(array: np.ndarray) -> bytes:
    import numpy as np

    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def _from_npy(data: bytes) -> np.ndarray:
    import numpy as np

    return np.load(io.BytesIO(data), allow_pickle=False)


def _json_value(value: Any) -> Any:
    if value is None or isinstance(value, str | bool | int | float):
        return str(value) if isinstance(value, str) else value
    raise NotData(f"a column holds a {type(value).__name__}")


def _encode_column(values: Any, blobs: _Blobs) -> dict[str, Any]:
    import numpy as np
    import pandas as pd
    import shapely
    from geopandas.array import GeometryDtype

    dtype = values.dtype
    if isinstance(dtype, GeometryDtype):
        geoms = np.asarray(values, dtype=object)
        wkb = shapely.to_wkb(geoms, output_dimension=3)
        present = np.array([w is not None for w in wkb], dtype=bool)
        lengths = np.array([len(w) if w is not None else 0 for w in wkb], dtype=np.int64)
        crs = getattr(getattr(values, "array", values), "crs", None)
        return {
            "geometry": blobs.add(b"".join(w for w in wkb if w is not None)),
            "lengths": blobs.add(_npy(lengths)),
            "present": blobs.add(_npy(present)),
            "crs": crs.srs if crs is not None else None,
        }
    if isinstance(dtype, pd.CategoricalDtype):
        cat = pd.Categorical(values)
        return {
            "codes": blobs.add(_npy(np.asarray(cat.codes))),
            "categories": _encode_column(cat.categories, blobs),
            "ordered": bool(cat.ordered),
        }
    if isinstance(dtype, np.dtype) and dtype.kind in "biufmM":
        return {"npy": blobs.add(_npy(np.asarray(values)))}
    if isinstance(dtype, pd.StringDtype):
        items = [
            None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else str(v) for v in values
        ]
        na = "NA" if dtype.na_value is pd.NA else "nan"
        return {"text": blobs.add(json.dumps(items).encode()), "storage": dtype.storage, "na": na}
    if isinstance(dtype, np.dtype) and dtype.kind == "O":
        items = [_json_value(v) for v in values]
        return {"json": blobs.add(json.dumps(items).encode())}
    raise NotData(f"a column has the type {dtype}")


def _decode_column(spec: dict[str, Any], parts: list[bytes]) -> Any:
    import numpy as np
    import pandas as pd
    import shapely
    from geopandas import GeoSeries

    if "geometry" in spec:
        data = parts[spec["geometry"]]
        lengths = _from_npy(parts[spec["lengths"]])
        present = _from_npy(parts[spec["present"]])
        ends = np.cumsum(lengths)
        if len(ends) and int(ends[-1]) != len(data):
            raise DamagedEntry(_("its geometry lengths do not add up"))
        wkb = np.empty(len(lengths), dtype=object)
        for i, (end, length, here) in enumerate(zip(ends, lengths, present, strict=True)):
            wkb[i] = data[int(end - length) : int(end)] if here else None
        return GeoSeries(shapely.from_wkb(wkb), crs=spec["crs"]).values
    if "codes" in spec:
        categories = pd.Index(_decode_column(spec["categories"], parts))
        return pd.Categorical.from_codes(
            _from_npy(parts[spec["codes"]]), categories=categories, ordered=spec["ordered"]
        )
    if "npy" in spec:
        return _from_npy(parts[spec["npy"]])
    if "text" in spec:
        na_value = pd.NA if spec["na"] == "NA" else np.nan
        dtype = (
            pd.StringDtype(storage="pyarrow", na_value=na_value)
            if spec["storage"] == "pyarrow"
            else pd.StringDtype(storage="python", na_value=na_value)
        )
        return pd.array(json.loads(parts[spec["text"]]), dtype=dtype)
    if "json" in spec:
        items = json.loads(parts[spec["json"]])
        array = np.empty(len(items), dtype=object)
        array[:] = items
        return array
    raise DamagedEntry(_("a column is stored in an unknown way"))


# --- frames ------------------------------------------------------------------------------------


def _encode_frame(frame: pd.DataFrame, blobs: _Blobs) -> dict[str, Any]:
    import geopandas as gpd
    import pandas as pd

    if frame.attrs:
        raise NotData("the table carries attrs")
    if not frame.columns.is_unique or isinstance(frame.columns, pd.MultiIndex):
        raise NotData("the table's column names are not unique labels")
    index = frame.index
    if isinstance(index, pd.RangeIndex):
        index_spec: dict[str, Any] = {
            "range": [index.start, index.stop, index.step],
            "name": _encode_value(index.name, blobs),
        }
    else:
        index_spec = {
            "levels": [_encode_column(index.get_level_values(i), blobs) for i in range(index.nlevels)],
            "names": [_encode_value(n, blobs) for n in index.names],
        }
    columns = [{"data": _encode_column(frame.iloc[:, i], blobs)} for i in range(frame.shape[1])]
    is_geo = isinstance(frame, gpd.GeoDataFrame)
    geometry = None
    active: Any = getattr(frame, "_geometry_column_name", None)
    if is_geo and active in list(frame.columns):
        geometry = _encode_value(active, blobs)
    return {
        "geo": is_geo,
        "geometry": geometry,
        "columns": columns,
        "index": index_spec,
        "labels": _encode_column(frame.columns, blobs),
        "columns_name": _encode_value(frame.columns.name, blobs),
    }


def _decode_frame(spec: dict[str, Any], parts: list[bytes]) -> pd.DataFrame:
    import geopandas as gpd
    import pandas as pd

    index_spec = spec["index"]
    if "range" in index_spec:
        start, stop, step = index_spec["range"]
        index: pd.Index = pd.RangeIndex(start, stop, step, name=_decode_value(index_spec["name"], parts))
    else:
        levels = [_decode_column(level, parts) for level in index_spec["levels"]]
        names = [_decode_value(n, parts) for n in index_spec["names"]]
        index = (
            pd.MultiIndex.from_arrays(levels, names=names)
            if len(levels) > 1
            else pd.Index(levels[0], name=names[0])
        )
    arrays = {i: _decode_column(c["data"], parts) for i, c in enumerate(spec["columns"])}
    frame = pd.DataFrame(arrays, index=index)
    frame.columns = pd.Index(_decode_column(spec["labels"], parts))
    frame.columns.name = _decode_value(spec["columns_name"], parts)
    if spec["geo"]:
        geometry = _decode_value(spec["geometry"], parts) if spec["geometry"] is not None else None
        if geometry is None:
            return gpd.GeoDataFrame(frame)
        return gpd.GeoDataFrame(frame, geometry=geometry)
    return frame


# --- values ------------------------------------------------------------------------------------


def _encode_value(value: Any, blobs: _Blobs) -> Any:
    import numpy as np
    import pandas as pd

    if isinstance(value, np.generic) and not isinstance(value, np.object_):
        value = value.item()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Path):
        return {"path": str(value)}
    if isinstance(value, tuple):
        return {"tuple": [_encode_value(v, blobs) for v in value]}
    if isinstance(value, list):
        return {"list": [_encode_value(v, blobs) for v in value]}
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {"dict": {k: _encode_value(v, blobs) for k, v in value.items()}}
    if isinstance(value, pd.DataFrame):
        return {"frame": _encode_frame(value, blobs)}
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biufcmMSU":
            raise NotData(f"an array has the type {value.dtype}")
        return {"array": blobs.add(_npy(value))}
    if type(value) is Timetable:
        return {
            "timetable": {
                f.name: _encode_value(getattr(value, f.name), blobs) for f in dataclasses.fields(value)
            }
        }
    raise NotData(f"a field holds a {type(value).__name__}")


def _decode_value(value: Any, parts: list[bytes]) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if not isinstance(value, dict) or len(value) != 1:
        raise DamagedEntry(_("a value is not tagged"))
    ((tag, inner),) = value.items()
    if tag == "path":
        return Path(inner)
    if tag == "tuple":
        return tuple(_decode_value(v, parts) for v in inner)
    if tag == "list":
        return [_decode_value(v, parts) for v in inner]
    if tag == "dict":
        return {str(k): _decode_value(v, parts) for k, v in inner.items()}
    if tag == "frame":
        return _decode_frame(inner, parts)
    if tag == "array":
        return _from_npy(parts[inner])
    if tag == "timetable":
        return Timetable(**{k: _decode_value(v, parts) for k, v in inner.items()})
    raise DamagedEntry(_("a value has the unknown tag {tag}").format(tag=repr(tag)))


# --- layers ------------------------------------------------------------------------------------


def _layer_fields(layer: Layer) -> dict[str, Any]:
    names = [f.name for f in dataclasses.fields(layer)]
    if set(vars(layer)) != set(names):
        raise NotData("the layer carries attributes beyond its fields")
    return {name: getattr(layer, name) for name in names}


def encode(layer: Layer, key: str) -> bytes:
    """The entry's bytes for ``layer`` (raises :class:`NotData` when it cannot be stored exactly)."""
    name = type(layer).__name__
    if LAYER_TYPES.get(name) is not type(layer):
        raise NotData(f"{name} is not one of the core's layer types")
    blobs = _Blobs()
    fields = {k: _encode_value(v, blobs) for k, v in _layer_fields(layer).items()}
    lengths = [len(p) for p in blobs.parts]
    header = json.dumps(
        {"format": FORMAT, "key": key, "type": name, "fields": fields, "blobs": lengths}
    ).encode()
    body = struct.pack("<Q", len(header)) + header + b"".join(blobs.parts)
    return MAGIC + hashlib.sha256(body).digest() + body


def decode(data: bytes, key: str) -> Layer:
    """The layer in an entry written for ``key``; :class:`DamagedEntry` for anything else."""
    if len(data) < len(MAGIC) + 40 or data[: len(MAGIC)] != MAGIC:
        raise DamagedEntry(_("it is not an entry of this format"))
    digest, body = data[len(MAGIC) : len(MAGIC) + 32], data[len(MAGIC) + 32 :]
    if hashlib.sha256(body).digest() != digest:
        raise DamagedEntry(_("its checksum does not match"))
    try:
        (size,) = struct.unpack("<Q", body[:8])
        header = json.loads(body[8 : 8 + size])
        if header.get("format") != FORMAT or header.get("key") != key:
            raise DamagedEntry(_("it was written for another key or format"))
        cls = LAYER_TYPES.get(header["type"])
        if cls is None:
            raise DamagedEntry(_("it names no layer type twin_app knows"))
        parts, offset = [], 8 + size
        for length in header["blobs"]:
            parts.append(body[offset : offset + length])
            offset += length
        if offset != len(body):
            raise DamagedEntry(_("its length is wrong"))
        fields = {k: _decode_value(v, parts) for k, v in header["fields"].items()}
        layer = cls(**fields)
    except DamagedEntry:
        raise
    except Exception as exc:  # whatever the bytes, a bad entry is only a cache miss
        raise DamagedEntry(
            _("it could not be parsed ({error})").format(error=f"{type(exc).__name__}: {exc}")
        ) from exc
    return layer


def dumps(layer: Layer, key: str) -> bytes:
    """:func:`encode`, checked: the bytes must read back as exactly ``layer``."""
    data = encode(layer, key)
    try:
        back = decode(data, key)
    except DamagedEntry as exc:
        raise NotData(f"the entry does not read back ({exc})") from exc
    problem = difference(layer, back)
    if problem:
        raise NotData(f"the entry reads back different: {problem}")
    return data


# --- exact comparison ----------------------------------------------------------------------------


def difference(a: Any, b: Any, where: str = "layer") -> str | None:
    """Where ``a`` and ``b`` differ (None when they are the same data, NaN equal to NaN)."""
    import numpy as np
    import pandas as pd

    if type(a) is not type(b):
        return f"{where}: {type(a).__name__} became {type(b).__name__}"
    if isinstance(a, Layer | Timetable):
        for f in dataclasses.fields(a):
            problem = difference(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
            if problem:
                return problem
        return None
    if isinstance(a, pd.DataFrame):
        return _frame_difference(a, b, where)
    if isinstance(a, np.ndarray):
        same = (
            a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")
        )
        return None if same else f"{where}: arrays differ"
    if isinstance(a, list | tuple):
        if len(a) != len(b):
            return f"{where}: lengths differ"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            problem = difference(x, y, f"{where}[{i}]")
            if problem:
                return problem
        return None
    if isinstance(a, float) and a != a:
        return None if b != b else f"{where}: NaN became {b}"
    return None if a == b else f"{where}: {a!r} became {b!r}"


def _frame_difference(a: pd.DataFrame, b: pd.DataFrame, where: str) -> str | None:
    import geopandas as gpd
    import numpy as np
    import pandas as pd
    import shapely
    from geopandas.array import GeometryDtype

    if isinstance(a, gpd.GeoDataFrame):
        assert isinstance(b, gpd.GeoDataFrame)
        if a._geometry_column_name != b._geometry_column_name:
            return f"{where}: the geometry column changed"
    geo = [c for c in a.columns if isinstance(a[c].dtype, GeometryDtype)]
    for c in geo:
        if c not in b.columns or not isinstance(b[c].dtype, GeometryDtype):
            return f"{where}: geometry column {c!r} was lost"
        if a[c].crs != b[c].crs:
            return f"{where}: the CRS of {c!r} changed"
        wa = shapely.to_wkb(np.asarray(a[c].array, dtype=object), output_dimension=3)
        wb = shapely.to_wkb(np.asarray(b[c].array, dtype=object), output_dimension=3)
        if len(wa) != len(wb) or any(x != y for x, y in zip(wa, wb, strict=True)):
            return f"{where}: geometries in {c!r} differ"
    try:
        pd.testing.assert_frame_equal(
            pd.DataFrame(a.drop(columns=geo)),
            pd.DataFrame(b.drop(columns=geo)),
            check_exact=True,
            check_column_type=True,
            check_index_type=True,
            check_frame_type=True,
            check_names=True,
            check_freq=True,
            check_flags=True,
        )
    except AssertionError as exc:
        return f"{where}: {' '.join(str(exc).split())[:200]}"
    if list(a.columns) != list(b.columns):
        return f"{where}: the columns changed order"
    return None
