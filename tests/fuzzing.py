"""Seeded mutation fuzzing of the importers: the seeds, the mutations and one execution.

Shared by ``tests/test_fuzz_importers.py`` (a few seconds per importer in
CI) and ``tools/fuzz_campaign.py`` (minutes, in worker processes so that a
crash of the interpreter is seen and counted).  Each importer starts from a
small valid file written here, places in a made-up town (no city is
special), and is read through the entry the app itself uses: the layer
kinds through :func:`twin_app.core.loading.load_layer` and
``read_file_layer``, OSM also through the city import's ``extent``, and
``city.toml`` through :func:`twin_app.core.city.load_manifest` followed by
loading every layer it names.

The contract checked is the one a planner relies on: whatever bytes a file
holds, reading it either gives a layer or raises one of the app's own
errors (:class:`twin_app.core.errors.TwinError`), whose message is a
sentence.  Anything else escaping is a defect; so is an input that takes
longer than the time limit (a hang).

Every input is a pure function of (importer, seed, index): the mutations
draw from ``random.Random(f"{seed}:{importer}:{index}")``, so a failure is
reproduced from the three values it prints.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import shutil
import signal
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

#: a made-up town at 10.00 °E, 50.00 °N (UTM zone 32N); the city box the readers clip to
LON0, LAT0 = 10.0, 50.0
CRS = "EPSG:32632"
BBOX = (9.995, 49.996, 10.012, 50.006)
#: a fixed date for the formats that stamp one, so that a seed's bytes do not depend on the day
_FIXED_DATE = "2020-01-01T00:00:00.000Z"

Files = dict[str, bytes]


# ---------------------------------------------------------------- mutations

#: values that break parsers: zero, signs, 32-bit edges, non-numbers, huge numbers, quotes, bad UTF-8
INTERESTING_TEXT: tuple[bytes, ...] = (
    b"0",
    b"-1",
    b"-0",
    b"2147483647",
    b"2147483648",
    b"-2147483649",
    b"4294967296",
    b"18446744073709551616",
    b"99999999999999999999999999",
    b"1e309",
    b"-1e309",
    b"NaN",
    b"nan",
    b"inf",
    b"-inf",
    b"1,5",
    b"0.0000001",
    b"",
    b" ",
    b'"',
    b"'",
    b'""',
    b"\\",
    b",",
    b";",
    b"\n",
    b"\r",
    b"\t",
    b"\x00",
    b"\xff\xfe",
    b"\xc3\x28",
    b"\xe2\x82",
    b"null",
    b"true",
    b"[]",
    b"{}",
    b"<",
    b"&amp",
    b"%s%n",
    b"A" * 300,
)
#: whole numbers at the edges of 8-, 16-, 32- and 64-bit fields
INTERESTING_INTS: tuple[int, ...] = (
    0,
    1,
    0x7F,
    0x80,
    0xFF,
    0x7FFF,
    0x8000,
    0xFFFF,
    0x7FFFFFFF,
    0x80000000,
    0xFFFFFFFF,
    0x7FFFFFFFFFFFFFFF,
    0xFFFFFFFFFFFFFFFF,
)
_NUMBER = re.compile(rb"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
_TOKEN = re.compile(rb'"[^"\n]*"|[A-Za-z_][A-Za-z0-9_:]*')


def _span(rng: random.Random, n: int, most: int = 64) -> tuple[int, int]:
    start = rng.randrange(n)
    return start, min(n, start + rng.randint(1, most))


def mutate_bytes(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """One byte-level mutation of ``data`` and its description."""
    if not data:
        token = rng.choice(INTERESTING_TEXT)
        return token, f"empty file given {token[:20]!r}"
    n = len(data)
    op = rng.choice(
        (
            "flip",
            "flip",
            "byte",
            "int",
            "insert",
            "delete",
            "duplicate",
            "truncate",
            "swap",
            "token",
            "repeat",
        )
    )
    if op == "flip":
        pos, bit = rng.randrange(n), rng.randrange(8)
        return data[:pos] + bytes([data[pos] ^ (1 << bit)]) + data[pos + 1 :], f"bit {bit} flipped at {pos}"
    if op == "byte":
        pos, value = rng.randrange(n), rng.randrange(256)
        return data[:pos] + bytes([value]) + data[pos + 1 :], f"byte {value} at {pos}"
    if op == "int":
        size = rng.choice((1, 2, 4, 8))
        value = rng.choice(INTERESTING_INTS) & ((1 << (8 * size)) - 1)
        order = rng.choice(("little", "big"))
        pos = rng.randrange(n)
        raw = value.to_bytes(size, order)
        return data[:pos] + raw + data[pos + size :], f"{size}-byte {order}-endian {value} at {pos}"
    if op == "insert":
        pos = rng.randrange(n + 1)
        extra = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        return data[:pos] + extra + data[pos:], f"{len(extra)} random bytes inserted at {pos}"
    if op == "delete":
        start, end = _span(rng, n)
        return data[:start] + data[end:], f"bytes {start}..{end} deleted"
    if op == "duplicate":
        start, end = _span(rng, n)
        return data[:end] + data[start:end] + data[end:], f"bytes {start}..{end} duplicated"
    if op == "truncate":
        cut = rng.randrange(n)
        return data[:cut], f"truncated to {cut} bytes"
    if op == "swap":
        a, b = sorted((_span(rng, n, 32), _span(rng, n, 32)))
        if a[1] > b[0]:
            return data[: a[0]] + data[b[0] : b[1]] + data[a[1] :], f"bytes {a} replaced by {b}"
        out = data[: a[0]] + data[b[0] : b[1]] + data[a[1] : b[0]] + data[a[0] : a[1]] + data[b[1] :]
        return out, f"chunks {a} and {b} swapped"
    if op == "token":
        start, end = _span(rng, n, 8)
        token = rng.choice(INTERESTING_TEXT)
        return data[:start] + token + data[end:], f"bytes {start}..{end} replaced by {token[:20]!r}"
    start, end = _span(rng, n, 16)
    times = rng.choice((10, 100, 1000))
    return data[:end] + data[start:end] * times + data[end:], f"bytes {start}..{end} repeated {times} times"


def _numbers_and_tokens(data: bytes, pattern: re.Pattern[bytes]) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(data)]


def mutate_text(data: bytes, rng: random.Random, *, separator: bytes | None = None) -> tuple[bytes, str]:
    """One structure-aware mutation of a text file: its lines, fields, numbers or words.

    ``separator`` marks a delimited table (CSV, GTFS): its columns and fields
    are then mutated too.
    """
    lines = data.split(b"\n")
    ops = ["drop-line", "dup-line", "swap-lines", "number", "number", "token", "bytes"]
    if separator is not None:
        ops += ["drop-column", "dup-column", "swap-fields", "blank-field"]
    op = rng.choice(ops)
    if op == "bytes" or not data:
        return mutate_bytes(data, rng)
    if op == "drop-line":
        i = rng.randrange(len(lines))
        return b"\n".join(lines[:i] + lines[i + 1 :]), f"line {i + 1} dropped"
    if op == "dup-line":
        i = rng.randrange(len(lines))
        return b"\n".join(lines[: i + 1] + lines[i:]), f"line {i + 1} duplicated"
    if op == "swap-lines":
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        return b"\n".join(lines), f"lines {i + 1} and {j + 1} swapped"
    if op in ("number", "token"):
        spans = _numbers_and_tokens(data, _NUMBER if op == "number" else _TOKEN)
        if not spans:
            return mutate_bytes(data, rng)
        start, end = rng.choice(spans)
        token = rng.choice(INTERESTING_TEXT)
        old = data[start:end]
        return data[:start] + token + data[end:], f"{op} {old[:20]!r} at {start} replaced by {token[:20]!r}"
    assert separator is not None
    rows = [line.split(separator) for line in lines]
    width = max(len(r) for r in rows)
    column = rng.randrange(width)
    if op == "drop-column":
        out = [r[:column] + r[column + 1 :] for r in rows]
        return b"\n".join(separator.join(r) for r in out), f"column {column + 1} dropped"
    if op == "dup-column":
        out = [r[: column + 1] + r[column:] if column < len(r) else r for r in rows]
        return b"\n".join(separator.join(r) for r in out), f"column {column + 1} duplicated"
    i = rng.randrange(len(rows))
    row = rows[i]
    if op == "swap-fields" and len(row) > 1:
        a, b = rng.randrange(len(row)), rng.randrange(len(row))
        row[a], row[b] = row[b], row[a]
        what = f"fields {a + 1} and {b + 1} of line {i + 1} swapped"
    else:
        if column < len(row):
            row[column] = b""
        what = f"field {column + 1} of line {i + 1} blanked"
    return b"\n".join(separator.join(r) for r in rows), what


def stacked(
    data: bytes, rng: random.Random, mutate: Callable[[bytes, random.Random], tuple[bytes, str]]
) -> tuple[bytes, list[str]]:
    """One to four mutations in a row (most inputs get one: small changes reach deeper code)."""
    done: list[str] = []
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3, 4))):
        data, what = mutate(data, rng)
        done.append(what)
    return data, done


def _text_or_bytes(separator: bytes | None = None) -> Callable[[bytes, random.Random], tuple[bytes, str]]:
    def mutate(data: bytes, rng: random.Random) -> tuple[bytes, str]:
        return mutate_text(data, rng, separator=separator)

    return mutate


def rezip(members: dict[str, bytes]) -> bytes:
    """A deflated zip of ``members`` with a fixed date, so that equal members give equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), data)
    return out.getvalue()


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


# ---------------------------------------------------------------- seeds


def _lonlat(x: float, y: float) -> tuple[float, float]:
    """Metres east and north of the town's centre as (lon, lat), to 7 decimals as OSM stores them."""
    from pyproj import Transformer

    to_utm = Transformer.from_crs("EPSG:4326", CRS, always_xy=True)
    x0, y0 = to_utm.transform(LON0, LAT0)
    lon, lat = Transformer.from_crs(CRS, "EPSG:4326", always_xy=True).transform(x0 + x, y0 + y)
    return (round(lon, 7), round(lat, 7))


def _osm_xml() -> bytes:
    """Two streets crossing, buildings (a courtyard relation), a park, water, a stop and a district."""
    nodes = {
        1: (0, 0), 2: (100, 0), 3: (200, 0), 4: (100, -100), 5: (100, 100),
        11: (0, -300), 12: (60, -300), 13: (60, -240), 14: (0, -240),
        21: (100, -300), 22: (160, -300), 23: (160, -240), 24: (100, -240),
        25: (120, -280), 26: (140, -280), 27: (140, -260), 28: (120, -260),
        31: (300, 100), 32: (400, 100), 33: (400, 200), 34: (300, 200),
        41: (300, -300), 42: (350, -300), 43: (350, -250), 44: (300, -250),
        51: (-400, -400), 52: (500, -400), 53: (500, 400), 54: (-400, 400),
    }  # fmt: skip
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="twin_app tests">']
    w, s = _lonlat(-500, -500)
    e, n = _lonlat(600, 500)
    lines.append(f'  <bounds minlat="{s}" minlon="{w}" maxlat="{n}" maxlon="{e}"/>')
    for nid, (x, y) in nodes.items():
        lon, lat = _lonlat(x, y)
        lines.append(f'  <node id="{nid}" version="1" lat="{lat}" lon="{lon}"/>')
    lon, lat = _lonlat(150, 10)
    lines.append(f'  <node id="90" version="1" lat="{lat}" lon="{lon}">')
    lines.append('    <tag k="highway" v="bus_stop"/><tag k="name" v="Marktplatz"/>')
    lines.append("  </node>")
    lon, lat = _lonlat(50, 50)
    lines.append(f'  <node id="91" version="1" lat="{lat}" lon="{lon}">')
    lines.append('    <tag k="place" v="suburb"/><tag k="name" v="Altstadt"/>')
    lines.append("  </node>")
    ways: list[tuple[int, list[int], dict[str, str]]] = [
        (101, [1, 2, 3], {"highway": "residential", "name": "Hauptstraße"}),
        (102, [4, 2, 5], {"highway": "primary", "oneway": "yes", "maxspeed": "50"}),
        (103, [3, 33], {"highway": "footway"}),
        (201, [11, 12, 13, 14, 11], {"building": "house", "height": "9.5 m", "name": "Haus Ä"}),
        (202, [21, 22, 23, 24, 21], {}),
        (203, [25, 26, 27, 28, 25], {}),
        (204, [31, 32, 33, 34, 31], {"leisure": "park", "name": "Stadtpark"}),
        (205, [41, 42, 43, 44, 41], {"natural": "water"}),
        (206, [51, 52, 53, 54, 51], {}),
    ]
    for wid, refs, tags in ways:
        lines.append(f'  <way id="{wid}" version="1">')
        lines += [f'    <nd ref="{r}"/>' for r in refs]
        lines += [f'    <tag k="{k}" v="{v}"/>' for k, v in tags.items()]
        lines.append("  </way>")
    lines.append('  <relation id="301" version="1">')
    lines.append('    <member type="way" ref="202" role="outer"/><member type="way" ref="203" role="inner"/>')
    lines.append('    <tag k="type" v="multipolygon"/><tag k="building" v="apartments"/>')
    lines.append('    <tag k="building:levels" v="5"/>')
    lines.append("  </relation>")
    lines.append('  <relation id="302" version="1">')
    lines.append('    <member type="way" ref="206" role="outer"/><member type="node" ref="91" role="label"/>')
    lines.append('    <tag k="type" v="boundary"/><tag k="boundary" v="administrative"/>')
    lines.append('    <tag k="admin_level" v="10"/><tag k="name" v="Altstadt"/>')
    lines.append("  </relation>")
    lines.append("</osm>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _pbf_from_xml(text: bytes, compression: str) -> bytes:
    """OSM XML as PBF, through libosmium's own writer (``none``: blocks stored uncompressed)."""
    import osmium

    with tempfile.TemporaryDirectory(prefix="twin-fuzz-") as tmp:
        xml = Path(tmp) / "seed.osm"
        xml.write_bytes(text)
        pbf = Path(tmp) / "seed.osm.pbf"
        writer = osmium.SimpleWriter(osmium.io.File(str(pbf), f"pbf,pbf_compression={compression}"))
        try:
            for obj in osmium.FileProcessor(str(xml)):
                writer.add(obj)
        finally:
            writer.close()
        return pbf.read_bytes()


def _gtfs_members() -> dict[str, bytes]:
    stops = {"A": (0.0, 0.0), "B": (300.0, 0.0), "C": (300.0, 300.0), "D": (-200.0, 200.0)}
    rows = "".join(
        f"{s},Halt {s},{_lonlat(x, y)[1]:.7f},{_lonlat(x, y)[0]:.7f},0\n" for s, (x, y) in stops.items()
    )
    (cx, cy), (dx, dy) = _lonlat(300.0, 300.0), _lonlat(-200.0, 200.0)
    mx, my = _lonlat(50.0, 400.0)
    text = {
        "agency.txt": "agency_id,agency_name,agency_url,agency_timezone\n"
        "T,Stadtwerke,https://example.org,Europe/Berlin\n",
        "feed_info.txt": "feed_publisher_name,feed_publisher_url,feed_lang\n"
        "Stadtwerke,https://example.org,de\n",
        "stops.txt": "stop_id,stop_name,stop_lat,stop_lon,location_type\n" + rows,
        "routes.txt": "route_id,agency_id,route_short_name,route_long_name,route_type\n"
        "R1,T,1,Ring,3\nR2,T,2,Quer,0\n",
        "trips.txt": "route_id,service_id,trip_id,direction_id,shape_id\n"
        "R1,WK,T1,0,\nR1,WK,T2,1,\nR2,WE,T3,0,S2\n",
        "stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_type\n"
        "T1,07:00:00,07:00:00,A,1,0\nT1,07:05:00,07:05:00,B,2,0\nT1,07:09:00,07:09:00,C,3,0\n"
        "T2,25:10:00,25:10:00,C,1,0\nT2,25:15:00,25:15:00,A,2,1\n"
        "T3,08:30:00,08:30:00,C,1,0\nT3,08:40:00,08:40:00,D,2,0\n",
        "calendar.txt": "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,"
        "start_date,end_date\nWK,1,1,1,1,1,0,0,20240101,20241231\nWE,0,0,0,0,0,1,1,20240101,20241231\n",
        "calendar_dates.txt": "service_id,date,exception_type\nWK,20240501,2\n",
        "shapes.txt": "shape_id,shape_pt_lat,shape_pt_lon,shape_pt_sequence\n"
        f"S2,{cy:.7f},{cx:.7f},1\nS2,{my:.7f},{mx:.7f},2\nS2,{dy:.7f},{dx:.7f},3\n",
        "frequencies.txt": "trip_id,start_time,end_time,headway_secs\nT1,07:00:00,09:00:00,600\n",
    }
    return {name: value.encode("utf-8") for name, value in text.items()}


def _cells() -> list[tuple[Any, dict[str, Any]]]:
    """Four 200 m population cells (lon/lat polygons) with counts and a text column."""
    out = []
    for i, (x, y, people) in enumerate(((-200, -200, 120), (0, -200, 0), (-200, 0, 57.5), (0, 0, 310))):
        ring = [_lonlat(x, y), _lonlat(x + 200, y), _lonlat(x + 200, y + 200), _lonlat(x, y + 200)]
        out.append(([[*ring, ring[0]]], {"id": i + 1, "population": people, "name": f"Zelle {i + 1} ü"}))
    return out


def _geojson(features: list[tuple[str, Any, dict[str, Any]]]) -> bytes:
    doc = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": props, "geometry": {"type": kind, "coordinates": coords}}
            for kind, coords, props in features
        ],
    }
    return json.dumps(doc, indent=1, ensure_ascii=False).encode("utf-8")


def _geojson_seed() -> bytes:
    park = [[_lonlat(0, 0), _lonlat(120, 0), _lonlat(120, 90), _lonlat(0, 90), _lonlat(0, 0)]]
    pond = [[_lonlat(200, 0), _lonlat(260, 0), _lonlat(230, 50), _lonlat(200, 0)]]
    return _geojson(
        [
            ("Polygon", park, {"name": "Stadtpark", "area_ha": 1.08, "open": True}),
            ("Polygon", pond, {"name": "Teich ö", "area_ha": 0.15, "open": None}),
            ("Point", _lonlat(50, 50), {"name": "Brunnen", "area_ha": 0, "open": False}),
        ]
    )


def _population_geojson() -> bytes:
    return _geojson([("Polygon", ring, props) for ring, props in _cells()])


def _frame() -> Any:
    """The population cells as a GeoDataFrame in the town's metric CRS (for the GDAL-written seeds)."""
    import geopandas as gpd
    import shapely

    rows = [props for _, props in _cells()]
    geoms = [shapely.Polygon(ring[0]) for ring, _ in _cells()]
    return gpd.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326").to_crs(CRS)


@contextmanager
def _fixed_gdal_date() -> Iterator[None]:
    old = os.environ.get("OGR_CURRENT_DATE")
    os.environ["OGR_CURRENT_DATE"] = _FIXED_DATE
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("OGR_CURRENT_DATE", None)
        else:
            os.environ["OGR_CURRENT_DATE"] = old


def _gpkg_seed() -> bytes:
    with tempfile.TemporaryDirectory(prefix="twin-fuzz-") as tmp, _fixed_gdal_date():
        path = Path(tmp) / "cells.gpkg"
        _frame().to_file(path, driver="GPKG", layer="cells")
        return path.read_bytes()


def _shapefile_seed() -> Files:
    with tempfile.TemporaryDirectory(prefix="twin-fuzz-") as tmp:
        path = Path(tmp) / "cells.shp"
        _frame().to_file(path, driver="ESRI Shapefile", encoding="UTF-8")
        files = {p.name: p.read_bytes() for p in sorted(Path(tmp).iterdir())}
    dbf = bytearray(files["cells.dbf"])
    dbf[1:4] = bytes((120, 1, 1))  # the .dbf header's date of last update: fixed
    files["cells.dbf"] = bytes(dbf)
    return files


def _csv_seeds() -> list[bytes]:
    a, b, c = _lonlat(0, 0), _lonlat(150, 40), _lonlat(-80, 200)
    lonlat = (
        f"id,name,lon,lat,value\n1,Brunnen,{a[0]},{a[1]},3\n2,Bank,{b[0]},{b[1]},-1.5\n"
        f"3,Baum,{c[0]},{c[1]},\n"
    )
    semicolon = (
        "id;Name;Länge;lon;lat\n"
        + f"1;Brücke;12,5;{str(a[0]).replace('.', ',')};{str(a[1]).replace('.', ',')}\n"
        + f"2;Tor;7;{str(b[0]).replace('.', ',')};{str(b[1]).replace('.', ',')}\n"
    )
    ring = ", ".join(f"{x} {y}" for x, y in (a, b, c, a))
    wkt = f'id,name,wkt\n1,Platz,"POLYGON (({ring}))"\n2,Ecke,"POINT ({a[0]} {a[1]})"\n'
    return [lonlat.encode("utf-8"), semicolon.encode("cp1252"), wkt.encode("utf-8")]


def _raster_seed(*, tiled: bool) -> bytes:
    """A 24 × 20 float32 GeoTIFF over the town in its metric CRS, with nodata and units."""
    import numpy as np
    import rasterio
    from pyproj import Transformer

    x0, y0 = Transformer.from_crs("EPSG:4326", CRS, always_xy=True).transform(LON0, LAT0)
    data = (np.arange(24 * 20, dtype="float32").reshape(20, 24) / 480.0).astype("float32")
    data[3, 4] = -9999.0
    profile: dict[str, Any] = {
        "driver": "GTiff",
        "width": 24,
        "height": 20,
        "count": 1,
        "dtype": "float32",
        "crs": CRS,
        "transform": rasterio.transform.from_origin(x0 - 600, y0 + 500, 50.0, 50.0),
        "nodata": -9999.0,
    }
    if tiled:
        profile.update(tiled=True, blockxsize=16, blockysize=16, compress="deflate")
    with tempfile.TemporaryDirectory(prefix="twin-fuzz-") as tmp:
        path = Path(tmp) / "heat.tif"
        with rasterio.open(path, "w", **profile) as dst:
            dst.write(data, 1)
            dst.update_tags(units="index 0-1")
        return path.read_bytes()


MANIFEST_SEED = """\
# a town made up for the fuzz tests
[city]
name = "fuzzstadt"
title = "Fuzzstadt"
crs = "{crs}"
bbox = [{w}, {s}, {e}, {n}]
attribution = ["© OpenStreetMap contributors (ODbL)", "Stadtwerke"]

[buildings]
storey_height_m = 3.2
default_height_m = 9.0
min_tagged_for_median = 5

[buildings.storeys]
house = 2
apartments = 5.5

[districts]
layer = "cells"
name_column = "name"

[[layers]]
id = "cells"
kind = "vector"
source = "data/cells.geojson"
title = "Cells"
opacity = 0.5
visible = true
value_column = "population"
style = "districts"

[[layers]]
id = "points"
kind = "vector"
source = "data/points.csv"
lon_column = "lon"
lat_column = "lat"
crs = "EPSG:4326"

[[layers]]
id = "heat"
kind = "raster"
source = "data/heat.tif"
band = 1
units = "index"
label = "heat"
categorical = false

[[layers]]
id = "population"
kind = "population-grid"
source = "data/cells.geojson"
column = "population"
optional = true

[[licences]]
data = "Fuzzstadt data"
licence = "CC0"
file = "README.txt"
"""


def _manifest_files() -> Files:
    w, s, e, n = BBOX
    return {
        "city.toml": MANIFEST_SEED.format(crs=CRS, w=w, s=s, e=e, n=n).encode("utf-8"),
        "data/cells.geojson": _population_geojson(),
        "data/points.csv": _csv_seeds()[0],
        "data/heat.tif": _raster_seed(tiled=False),
    }


# ---------------------------------------------------------------- entries


def _manifest(folder: Path) -> Any:
    from twin_app.core.city import CityManifest

    return CityManifest(
        folder=folder, name="fuzzstadt", title="Fuzzstadt", crs=CRS, bbox_lonlat=BBOX, layers=()
    )


def _load(path: Path, folder: Path, kind: str, options: dict[str, Any], cache: dict[Any, Any]) -> Any:
    """One layer through the loader a city's manifest goes through."""
    from twin_app.core.city import LayerSpec
    from twin_app.core.feedback import Feedback
    from twin_app.core.kinds import default_registry
    from twin_app.core.loading import load_layer

    spec = LayerSpec(id=kind.replace("-", "_"), kind=kind, source=path, title=kind, options=options)
    return load_layer(_manifest(folder), spec, registry=default_registry(), feedback=Feedback(), cache=cache)


def _open_file(path: Path, folder: Path) -> Any:
    """A file the user opens or drops on the window."""
    from twin_app.core.loading import read_file_layer

    return read_file_layer(path, _manifest(folder))


Step = Callable[[], Any]


def _osm_steps(path: Path, folder: Path) -> list[tuple[str, Step]]:
    """What city import reads (the extent), then every OSM kind a city loads from the file."""
    from twin_app.core.kinds import default_registry

    cache: dict[Any, Any] = {}
    network = default_registry().get("osm-network")

    def extent() -> None:  # the city's box, read by city import before anything else
        network.extent(path)  # type: ignore[attr-defined]

    steps: list[tuple[str, Step]] = [("city import extent", extent)]
    for kind, options in (
        ("osm-network", {"network_type": "walk"}),
        ("osm-network", {"network_type": "drive"}),
        ("osm-buildings", {}),
        ("osm-features", {"category": "green"}),
        ("osm-features", {"category": "water"}),
        ("osm-districts", {"admin_level": "10"}),
        ("osm-stops", {}),
    ):
        steps.append((f"{kind} {options}", lambda k=kind, o=options: _load(path, folder, k, o, cache)))
    return steps


def _gtfs_steps(path: Path, folder: Path) -> list[tuple[str, Step]]:
    cache: dict[Any, Any] = {}
    return [
        ("opened as a file", lambda: _open_file(path, folder)),
        ("gtfs-stops", lambda: _load(path, folder, "gtfs-stops", {}, cache)),
        ("gtfs-routes", lambda: _load(path, folder, "gtfs-routes", {}, cache)),
    ]


def _open_steps(path: Path, folder: Path) -> list[tuple[str, Step]]:
    return [("opened as a file", lambda: _open_file(path, folder))]


def _raster_steps(path: Path, folder: Path) -> list[tuple[str, Step]]:
    from twin_app.core.kinds import default_registry, kind_can_read

    def import_check() -> None:  # city import's content check (must never raise)
        kind_can_read(default_registry().get("raster"), path)

    return [
        ("city import content check", import_check),
        ("opened as a file", lambda: _open_file(path, folder)),
        ("raster (band 1)", lambda: _load(path, folder, "raster", {"units": "index"}, {})),
    ]


def _population_steps(path: Path, folder: Path) -> list[tuple[str, Step]]:
    return [("population-grid", lambda: _load(path, folder, "population-grid", {"column": "population"}, {}))]


def _manifest_steps(path: Path, folder: Path) -> list[tuple[str, Step]]:
    """Open the city: read and check city.toml, then load each layer it names."""
    from twin_app.core.city import load_manifest
    from twin_app.core.feedback import Feedback
    from twin_app.core.kinds import default_registry
    from twin_app.core.loading import load_layer, scene_origin

    def open_city() -> list[Any]:
        manifest = load_manifest(path.parent)
        scene_origin(manifest)
        loaded: list[Any] = []
        cache: dict[Any, Any] = {}
        for spec in manifest.layers:
            try:
                loaded.append(
                    load_layer(manifest, spec, registry=default_registry(), feedback=Feedback(), cache=cache)
                )
            except _twin_error():  # a layer's sentence costs that layer only, as when a city loads
                continue
        return loaded

    return [("open the city", open_city)]


# ---------------------------------------------------------------- importers


@dataclass(frozen=True)
class Importer:
    """One importer to fuzz: its seed files, how inputs are mutated, and the steps that read them."""

    name: str
    #: the file the steps are given (a key of the seed files)
    main: str
    seeds: Callable[[], list[Files]]
    steps: Callable[[Path, Path], list[tuple[str, Step]]]
    #: which seed file to mutate, and how; default: the main file, text or bytes by ``text``
    mutate: Callable[[Files, random.Random], tuple[Files, list[str]]] | None = None
    text: bool = False
    separator: bytes | None = None

    def make_input(self, seed: int, index: int) -> tuple[Files, str]:
        """Input number ``index`` of campaign ``seed``, and what was done to make it."""
        rng = random.Random(f"{seed}:{self.name}:{index}")
        seeds = cached_seeds(self.name)
        which = rng.randrange(len(seeds))
        files = dict(seeds[which])
        if self.mutate is not None:
            files, done = self.mutate(files, rng)
        else:
            mutate = _text_or_bytes(self.separator) if self.text else mutate_bytes
            files[self.main], done = stacked(files[self.main], rng, mutate)
        return files, f"seed file {which + 1}: " + "; ".join(done)


def _mutate_gtfs(files: Files, rng: random.Random) -> tuple[Files, list[str]]:
    """A member's text mutated and the feed zipped again, a member dropped, or the zip's bytes mutated."""
    members = unzip(files["feed.zip"])
    roll = rng.random()
    if roll < 0.25:
        data, done = stacked(files["feed.zip"], rng, mutate_bytes)
        return {"feed.zip": data}, ["zip bytes: " + "; ".join(done)]
    if roll < 0.3:
        name = rng.choice(sorted(members))
        members.pop(name)
        return {"feed.zip": rezip(members)}, [f"member {name} left out"]
    name = rng.choice(sorted(members))
    members[name], done = stacked(members[name], rng, _text_or_bytes(b","))
    return {"feed.zip": rezip(members)}, [f"{name}: " + "; ".join(done)]


def _mutate_pbf(files: Files, rng: random.Random) -> tuple[Files, list[str]]:
    """The PBF's bytes mutated, or the map itself: the XML seed mutated, then written as PBF.

    Nearly every change to a PBF's bytes breaks its compression or framing,
    so byte mutations alone never reach the code that reads the objects.
    Writing a mutated map with libosmium gives a well-formed PBF of odd
    content (ids, coordinates, references and tags no editor would write).
    """
    if rng.random() < 0.5:
        data, done = stacked(files["town.osm.pbf"], rng, mutate_bytes)
        return {"town.osm.pbf": data}, ["PBF bytes: " + "; ".join(done)]
    xml, done = stacked(_osm_xml(), rng, _text_or_bytes())
    compression = rng.choice(("none", "zlib"))
    try:
        pbf = _pbf_from_xml(xml, compression)
    except Exception:  # not a map libosmium can read: mutate the PBF's bytes instead
        data, more = stacked(files["town.osm.pbf"], rng, mutate_bytes)
        return {"town.osm.pbf": data}, ["PBF bytes: " + "; ".join(more)]
    return {"town.osm.pbf": pbf}, [f"map written as PBF ({compression}): " + "; ".join(done)]


def _mutate_shapefile(files: Files, rng: random.Random) -> tuple[Files, list[str]]:
    """One of the shapefile's files mutated: .shp, .shx, .dbf mostly, sometimes .prj or .cpg."""
    name = rng.choice(
        ("cells.shp", "cells.shp", "cells.shx", "cells.dbf", "cells.dbf", "cells.prj", "cells.cpg")
    )
    files = dict(files)
    if name not in files:
        name = "cells.shp"
    mutate = _text_or_bytes() if name.endswith((".prj", ".cpg")) else mutate_bytes
    files[name], done = stacked(files[name], rng, mutate)
    return files, [f"{name}: " + "; ".join(done)]


def _mutate_zipped_shapefile(files: Files, rng: random.Random) -> tuple[Files, list[str]]:
    """One of the zipped shapefile's members mutated and zipped again, or the zip's own bytes."""
    if rng.random() < 0.25:
        data, done = stacked(files["cells.zip"], rng, mutate_bytes)
        return {"cells.zip": data}, ["zip bytes: " + "; ".join(done)]
    members, done = _mutate_shapefile(unzip(files["cells.zip"]), rng)
    return {"cells.zip": rezip(members)}, done


def _mutate_manifest(files: Files, rng: random.Random) -> tuple[Files, list[str]]:
    files = dict(files)
    files["city.toml"], done = stacked(files["city.toml"], rng, _text_or_bytes())
    return files, ["city.toml: " + "; ".join(done)]


IMPORTERS: dict[str, Importer] = {
    imp.name: imp
    for imp in (
        Importer("osm-xml", "town.osm", lambda: [{"town.osm": _osm_xml()}], _osm_steps, text=True),
        Importer(
            "osm-pbf",
            "town.osm.pbf",
            lambda: [{"town.osm.pbf": _pbf_from_xml(_osm_xml(), c)} for c in ("none", "zlib")],
            _osm_steps,
            _mutate_pbf,
        ),
        Importer(
            "gtfs", "feed.zip", lambda: [{"feed.zip": rezip(_gtfs_members())}], _gtfs_steps, _mutate_gtfs
        ),
        Importer(
            "geojson", "area.geojson", lambda: [{"area.geojson": _geojson_seed()}], _open_steps, text=True
        ),
        Importer("geopackage", "cells.gpkg", lambda: [{"cells.gpkg": _gpkg_seed()}], _open_steps),
        Importer("shapefile", "cells.shp", lambda: [_shapefile_seed()], _open_steps, _mutate_shapefile),
        Importer(
            "shapefile-zip",
            "cells.zip",
            lambda: [{"cells.zip": rezip(_shapefile_seed())}],
            _open_steps,
            _mutate_zipped_shapefile,
        ),
        Importer(
            "csv",
            "points.csv",
            lambda: [{"points.csv": s} for s in _csv_seeds()],
            _open_steps,
            text=True,
            separator=b",",
        ),
        Importer(
            "geotiff",
            "heat.tif",
            lambda: [{"heat.tif": _raster_seed(tiled=False)}, {"heat.tif": _raster_seed(tiled=True)}],
            _raster_steps,
        ),
        Importer(
            "population-grid",
            "cells.geojson",
            lambda: [{"cells.geojson": _population_geojson()}],
            _population_steps,
            text=True,
        ),
        Importer("city.toml", "city.toml", lambda: [_manifest_files()], _manifest_steps, _mutate_manifest),
    )
}


@cache
def cached_seeds(name: str) -> list[Files]:
    """The seed files of an importer, written once per process (GDAL and libosmium write some)."""
    return IMPORTERS[name].seeds()


# ---------------------------------------------------------------- one execution


class Hang(BaseException):
    """Raised by the alarm when an input takes too long (a BaseException: no reader may swallow it)."""


def _twin_error() -> type[Exception]:
    from twin_app.core.errors import TwinError

    return TwinError


@dataclass
class Outcome:
    """What reading one input did: its steps' results, and what escaped, if anything."""

    #: steps that gave a layer (or, for checks, returned)
    accepted: int = 0
    #: steps refused with one of the app's sentences
    refused: int = 0
    #: "Type @ file:line in function" of the exception that escaped (None: none did)
    signature: str | None = None
    #: the step, the exception and its traceback, for the report
    detail: str = ""
    hang: bool = False
    seconds: float = 0.0
    messages: list[str] = field(default_factory=list)


def signature(exc: BaseException) -> str:
    """The exception's type and its innermost frame: what tells two defects apart."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return type(exc).__name__
    last = frames[-1]
    return f"{type(exc).__name__} @ {Path(last.filename).name}:{last.lineno} in {last.name}"


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`Hang` in this (main) thread after ``seconds`` (0: no limit)."""
    if seconds <= 0:
        yield
        return

    def ring(signum: int, frame: Any) -> None:
        raise Hang(f"over {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def write_input(files: Files, folder: Path) -> None:
    """Write the input's files into ``folder`` (emptied first)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name, data in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def run_input(importer: Importer, files: Files, folder: Path, *, limit_s: float = 10.0) -> Outcome:
    """Read one input with every step of ``importer``; the first foreign exception ends it."""
    from twin_app.core.layers import Layer

    twin_error = _twin_error()
    write_input(files, folder)
    outcome = Outcome()
    start = time.perf_counter()
    step = ""
    try:
        with time_limit(limit_s):
            for name, run in importer.steps(folder / importer.main, folder):
                step = name
                try:
                    result = run()
                except twin_error as exc:
                    outcome.refused += 1
                    outcome.messages.append(str(exc))
                    continue
                loaded = result if isinstance(result, list) else [result]
                bad = [r for r in loaded if r is not None and not isinstance(r, Layer)]
                if bad:
                    raise TypeError(f"the step returned {type(bad[0]).__name__}, not a layer")
                outcome.accepted += 1
    except Hang:
        outcome.hang = True
        outcome.detail = f"step '{step}' took over {limit_s:g} s"
    except Exception as exc:
        outcome.signature = signature(exc)
        outcome.detail = f"step '{step}': " + "".join(traceback.format_exception(exc))
    outcome.seconds = time.perf_counter() - start
    return outcome


@dataclass
class Tally:
    """Counts over many inputs of one importer."""

    importer: str
    executions: int = 0
    accepted: int = 0
    refused: int = 0
    hangs: int = 0
    crashes: int = 0
    seconds: float = 0.0
    #: signature -> (index of the first input showing it, its detail)
    signatures: dict[str, tuple[int, str]] = field(default_factory=dict)
    #: indices of the inputs that hung, with what was running
    hung: list[tuple[int, str]] = field(default_factory=list)

    def add(self, index: int, outcome: Outcome) -> None:
        self.executions += 1
        self.accepted += outcome.accepted
        self.refused += outcome.refused
        self.seconds += outcome.seconds
        if outcome.hang:
            self.hangs += 1
            self.hung.append((index, outcome.detail))
        if outcome.signature is not None and outcome.signature not in self.signatures:
            self.signatures[outcome.signature] = (index, outcome.detail)


def fuzz(
    importer: Importer,
    *,
    seed: int,
    folder: Path,
    executions: int,
    budget_s: float,
    start: int = 0,
    limit_s: float = 10.0,
) -> Tally:
    """Inputs ``start``, ``start + 1``, … of ``importer``, until ``executions`` or ``budget_s`` is spent."""
    tally = Tally(importer.name)
    cached_seeds(importer.name)  # written before the clock starts
    deadline = time.perf_counter() + budget_s
    for index in range(start, start + executions):
        if time.perf_counter() > deadline:
            break
        files, _ = importer.make_input(seed, index)
        tally.add(index, run_input(importer, files, folder / "input", limit_s=limit_s))
    return tally


def describe_failures(tally: Tally, seed: int) -> str:
    """What escaped or hung, with how to make each input again."""
    imp = IMPORTERS[tally.importer]
    parts = []
    for sig, (index, detail) in tally.signatures.items():
        _, what = imp.make_input(seed, index)
        parts.append(
            f"{sig}\n  input: importer={tally.importer} seed={seed} index={index} ({what})\n{detail}"
        )
    for index, detail in tally.hung:
        _, what = imp.make_input(seed, index)
        parts.append(f"hang: {detail}\n  input: importer={tally.importer} seed={seed} index={index} ({what})")
    return "\n\n".join(parts)
