"""Opening a file never does more than read it: expected drivers, no network, bounded memory.

The hostile files are made here: VRTs (XML telling GDAL to read a URL or a
local file) and a GDAL pipeline named like GeoTIFF or GeoJSON files, a VRT
packed in a zipped shapefile, and a GeoTIFF of a few megabytes declaring
200,000 × 200,000 pixels.  Network refusals are checked against a real
listening socket on this machine: the test fails if GDAL so much as connects.
Each test is guarded by a deadline that ends the run (with a traceback)
if a read hangs, even inside GDAL.
"""

from __future__ import annotations

import faulthandler
import socket
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import rasterio
import shapely
from pyproj import Transformer
from rasterio.transform import from_origin
from rasterio.windows import Window

from twin_app.api import (
    CorruptFileError,
    RemoteSourceError,
    ResourceLimitError,
    TwinError,
    UnexpectedContentError,
    forbid_gdal_network,
)
from twin_app.core.kinds import LoadContext, default_registry

SECRET = "root:x:0:0:root:/root:/bin/bash\n" * 64


@pytest.fixture(autouse=True)
def deadline() -> Iterator[None]:
    """End the whole run with a traceback if one test takes over 60 s (a hang inside GDAL included)."""
    faulthandler.dump_traceback_later(60, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


@pytest.fixture
def listener() -> Iterator[tuple[socket.socket, str]]:
    """A TCP port on this machine that records whether anything connected to it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    yield server, f"http://127.0.0.1:{server.getsockname()[1]}"
    server.close()


def _connected(server: socket.socket) -> bool:
    try:
        conn, _ = server.accept()
    except BlockingIOError:
        return False
    conn.close()
    return True


def _load(kind: str, path: Path, ctx: LoadContext, **options: object):
    return default_registry().get(kind).load(path, options, ctx)


def _vrt(source: str, *, raw: bool) -> str:
    """A one-band VRT reading ``source``: a raw file's bytes as pixels, or another raster."""
    if raw:
        band = (
            '<VRTRasterBand dataType="Byte" band="1" subClass="VRTRawRasterBand">'
            f'<SourceFilename relativetoVRT="0">{source}</SourceFilename>'
            "<ImageOffset>0</ImageOffset><PixelOffset>1</PixelOffset><LineOffset>64</LineOffset>"
            "</VRTRasterBand>"
        )
    else:
        band = (
            '<VRTRasterBand dataType="Byte" band="1"><SimpleSource>'
            f"<SourceFilename>{source}</SourceFilename><SourceBand>1</SourceBand>"
            "</SimpleSource></VRTRasterBand>"
        )
    return (
        '<VRTDataset rasterXSize="64" rasterYSize="32"><SRS>EPSG:3879</SRS>'
        "<GeoTransform>25496000, 10, 0, 6674000, 0, -10</GeoTransform>" + band + "</VRTDataset>"
    )


# ------------------------------------------------------------------ rasters: the GTiff driver only


def test_a_vrt_named_tif_reading_a_local_file_is_refused(tmp_path: Path, ctx: LoadContext) -> None:
    secret = tmp_path / "passwd"
    secret.write_text(SECRET)
    disguised = tmp_path / "heat.tif"
    disguised.write_text(_vrt(str(secret), raw=True))
    # the danger is real: GDAL left to choose reads the text file as pixels
    with rasterio.open(disguised) as src:
        assert src.driver == "VRT"
        assert bytes(src.read(1)[0, :4]) == b"root"
    # and GDAL held to the GTiff driver refuses it
    with pytest.raises(rasterio.errors.RasterioIOError):
        rasterio.open(disguised, driver="GTiff")
    kind = default_registry().get("raster")
    assert kind.can_read(disguised) is False
    assert kind.attribution(disguised) is None
    with pytest.raises(UnexpectedContentError, match=r"should be a GeoTIFF.*GDAL VRT"):
        _load("raster", disguised, ctx)


def test_a_vrt_named_tif_pointing_at_a_url_is_refused_without_connecting(
    tmp_path: Path, ctx: LoadContext, listener: tuple[socket.socket, str]
) -> None:
    server, url = listener
    disguised = tmp_path / "dem.tif"
    disguised.write_text(_vrt(f"/vsicurl/{url}/dem.tif", raw=False))
    kind = default_registry().get("raster")
    assert kind.can_read(disguised) is False
    with pytest.raises(UnexpectedContentError, match="GDAL VRT"):
        _load("raster", disguised, ctx)
    assert not _connected(server)


def test_gdal_is_kept_off_the_network(listener: tuple[socket.socket, str]) -> None:
    """Even a URL handed to GDAL directly makes no connection once twin_app has set GDAL up."""
    server, url = listener
    forbid_gdal_network()
    with pytest.raises(rasterio.errors.RasterioIOError):
        rasterio.open(f"/vsicurl/{url}/dem.tif")
    with pytest.raises(pyogrio.errors.DataSourceError):
        pyogrio.read_info(f"/vsicurl/{url}/roads.gpkg")
    assert not _connected(server)


@pytest.mark.parametrize("name", ["/vsicurl/http://example.invalid/dem.tif", "https://example.invalid/d.tif"])
def test_urls_and_gdal_virtual_paths_are_refused(name: str, ctx: LoadContext) -> None:
    with pytest.raises(RemoteSourceError, match="local files only"):
        _load("raster", Path(name), ctx)
    with pytest.raises(RemoteSourceError, match="local files only"):
        _load("vector", Path(name.replace(".tif", ".gpkg")), ctx)


@pytest.mark.parametrize(("kind", "name"), [("raster", "heat.tif"), ("vector", "roads.gpkg")])
def test_a_pipe_or_device_named_as_data_is_refused_at_once(
    tmp_path: Path, ctx: LoadContext, kind: str, name: str
) -> None:
    import os

    fifo = tmp_path / name
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    device = tmp_path / ("urandom" + Path(name).suffix)
    device.symlink_to("/dev/urandom")  # reading it never ends
    for path in (fifo, device):
        assert default_registry().get(kind).can_read(path) is False
        with pytest.raises(UnexpectedContentError, match="not a regular file"):
            _load(kind, path, ctx)


def test_a_genuine_geotiff_still_loads(tmp_path: Path, ctx: LoadContext) -> None:
    path = tmp_path / "ok.tif"
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=300,
        height=400,
        count=1,
        dtype="float32",
        crs="EPSG:3879",
        transform=from_origin(25495000, 6675000, 10, 10),
    ) as dst:
        dst.write(np.full((400, 300), 2.5, dtype="float32"), 1)
    layer = _load("raster", path, ctx)
    assert np.nanmax(layer.data) == pytest.approx(2.5)
    assert default_registry().get("raster").can_read(path)
    with pytest.raises(TwinError, match=r"has 1 band\(s\), so band = 3 does not exist"):
        _load("raster", path, ctx, band=3)


# ------------------------------------------------------------------ vectors: the drivers the suffix names


def test_a_gdal_pipeline_named_geojson_is_refused(tmp_path: Path, ctx: LoadContext) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text('WKT,name\n"POINT (25496500 6673500)",root\n')
    disguised = tmp_path / "parks.geojson"
    disguised.write_text(
        '{"type": "gdal_streamed_alg", "command_line": "gdal vector pipeline ! read '
        + str(secret)
        + ' ! write --of stream streamed_file"}'
    )
    assert default_registry().get("vector").can_read(disguised) is False
    with pytest.raises(UnexpectedContentError, match="GDAL pipeline"):
        _load("vector", disguised, ctx)


def test_an_ogr_vrt_named_geojson_is_refused(tmp_path: Path, ctx: LoadContext) -> None:
    disguised = tmp_path / "parks.geojson"
    disguised.write_text(
        '<OGRVRTDataSource><OGRVRTLayer name="p"><SrcDataSource>/etc/passwd</SrcDataSource>'
        "</OGRVRTLayer></OGRVRTDataSource>"
    )
    with pytest.raises(UnexpectedContentError, match="GDAL VRT"):
        _load("vector", disguised, ctx)


def test_a_zipped_shapefile_carrying_a_vrt_is_refused(tmp_path: Path, ctx: LoadContext) -> None:
    frame = gpd.GeoDataFrame({"n": [1]}, geometry=[shapely.Point(25496500, 6673500)], crs="EPSG:3879")
    frame.to_file(tmp_path / "pts.shp")
    archive = tmp_path / "pts.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for part in tmp_path.glob("pts.*"):
            if part.suffix != ".zip":
                z.write(part, part.name)
        z.writestr(
            "a.vrt",
            '<OGRVRTDataSource><OGRVRTLayer name="a"><SrcDataSource>/etc/passwd'
            "</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>",
        )
    assert default_registry().get("vector").can_read(archive) is False
    with pytest.raises(UnexpectedContentError):
        _load("vector", archive, ctx)


def test_a_damaged_geopackage_is_still_a_corrupt_file(tmp_path: Path, ctx: LoadContext) -> None:
    bad = tmp_path / "roads.gpkg"
    bad.write_bytes(b"\x00\x01 not sqlite at all" * 10)
    with pytest.raises(CorruptFileError, match="should be a GeoPackage"):
        _load("vector", bad, ctx)
    with pytest.raises(CorruptFileError):
        _load("population-grid", bad, ctx)


# ------------------------------------------------------------------ resource limits from the header


def _city_centre_3879(ctx: LoadContext) -> tuple[float, float]:
    assert ctx.bbox_lonlat is not None
    west, south, east, north = ctx.bbox_lonlat
    return Transformer.from_crs("EPSG:4326", "EPSG:3879", always_xy=True).transform(
        (west + east) / 2, (south + north) / 2
    )


def _huge_sparse_tif(path: Path, centre: tuple[float, float], pixel_m: float) -> Window:
    """200,000 × 200,000 bytes declared (37 GiB), a 100 × 100 block of 7s at ``centre``; a few MB on disk."""
    n = 200_000
    x0, y0 = centre[0] - n * pixel_m / 2, centre[1] + n * pixel_m / 2
    block = Window(n // 2 - 50, n // 2 - 50, 100, 100)
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=n,
        height=n,
        count=1,
        dtype="uint8",
        nodata=0,
        crs="EPSG:3879",
        transform=from_origin(x0, y0, pixel_m, pixel_m),
        tiled=True,
        blockxsize=512,
        blockysize=512,
        compress="deflate",
        sparse_ok=True,
        bigtiff="YES",
    ) as dst:
        dst.write(np.full((100, 100), 7, dtype="uint8"), 1, window=block)
    return block


def test_a_huge_declared_geotiff_is_read_only_in_the_city_window(tmp_path: Path, ctx: LoadContext) -> None:
    path = tmp_path / "huge.tif"
    _huge_sparse_tif(path, _city_centre_3879(ctx), pixel_m=1.0)
    assert path.stat().st_size < 20 * 2**20
    start = time.monotonic()
    layer = _load("raster", path, ctx)
    assert time.monotonic() - start < 20
    # city box about 1.6 × 2.8 km plus 500 m margins: a few thousand 1 m pixels a side, not 200,000
    assert layer.data.shape[0] < 5000 and layer.data.shape[1] < 5000
    assert int(np.nansum(layer.data == 7)) == 100 * 100


def test_a_huge_declared_geotiff_without_a_city_window_is_refused(tmp_path: Path, ctx: LoadContext) -> None:
    path = tmp_path / "huge.tif"
    _huge_sparse_tif(path, _city_centre_3879(ctx), pixel_m=1.0)
    whole = LoadContext(crs="EPSG:3879", bbox_lonlat=None, layer_id="t", title="t")
    start = time.monotonic()
    expected = r"the whole raster .* 200,000 × 200,000 cells.*TWIN_APP_MAX_READ_BYTES"
    with pytest.raises(ResourceLimitError, match=expected):
        _load("raster", path, whole)
    assert time.monotonic() - start < 5


def test_a_city_window_of_too_many_tiny_pixels_is_refused(tmp_path: Path, ctx: LoadContext) -> None:
    """5 cm pixels: the city's window alone is ~50,000 × 75,000 pixels (about 14 GiB as float32)."""
    path = tmp_path / "fine.tif"
    _huge_sparse_tif(path, _city_centre_3879(ctx), pixel_m=0.05)
    with pytest.raises(ResourceLimitError, match="the city's window"):
        _load("raster", path, ctx)


def test_the_limit_is_set_by_an_environment_variable(
    tmp_path: Path, ctx: LoadContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "small.tif"
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=300,
        height=400,
        count=1,
        dtype="float32",
        crs="EPSG:3879",
        transform=from_origin(25495000, 6675000, 10, 10),
    ) as dst:
        dst.write(np.ones((400, 300), dtype="float32"), 1)
    monkeypatch.setenv("TWIN_APP_MAX_READ_BYTES", "1000")
    with pytest.raises(ResourceLimitError, match=r"over the limit of 1000 bytes"):
        _load("raster", path, ctx)
    monkeypatch.setenv("TWIN_APP_MAX_READ_BYTES", str(2**30))
    assert _load("raster", path, ctx).data.size > 0


def _one_strip_tif(path: Path, centre: tuple[float, float], n: int = 200_000) -> None:
    """A 279-byte GeoTIFF (written byte by byte) declaring n × n pixels in ONE deflate strip.

    A reader that decodes whole strips would allocate n² bytes (37 GiB) to
    read any window of it; the strip really holds 1,000 bytes.
    """
    import struct
    import zlib

    payload = zlib.compress(b"\x07" * 1000)
    x0, y0 = centre[0] - n / 2, centre[1] + n / 2
    fmt = {3: "H", 4: "I", 12: "d"}
    tags = [  # (tag, TIFF type, values): size, 8-bit grey, deflate, one strip, GeoTIFF EPSG:3879
        (256, 4, [n]), (257, 4, [n]), (258, 3, [8]), (259, 3, [8]), (262, 3, [1]), (273, 4, [0]),
        (277, 3, [1]), (278, 4, [n]), (279, 4, [len(payload)]), (33550, 12, [1.0, 1.0, 0.0]),
        (33922, 12, [0, 0, 0, x0, y0, 0]),
        (34735, 3, [1, 1, 0, 3, 1024, 0, 1, 1, 1025, 0, 1, 1, 3072, 0, 1, 3879]),
    ]  # fmt: skip
    data_at = 8 + 2 + 12 * len(tags) + 4
    extra = b""
    entries = []
    for tag, kind, values in tags:
        raw = struct.pack("<" + fmt[kind] * len(values), *values)
        if len(raw) <= 4:
            entries.append((tag, kind, len(values), raw.ljust(4, b"\0")))
        else:
            entries.append((tag, kind, len(values), struct.pack("<I", data_at + len(extra))))
            extra += raw
    strip_at = data_at + len(extra)
    ifd = struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        value = struct.pack("<I", strip_at) if tag == 273 else value
        ifd += struct.pack("<HHI", tag, kind, count) + value
    path.write_bytes(b"II*\0" + struct.pack("<I", 8) + ifd + struct.pack("<I", 0) + extra + payload)


def test_a_one_strip_geotiff_declaring_37_gib_costs_no_memory(tmp_path: Path, ctx: LoadContext) -> None:
    import resource

    path = tmp_path / "strip.tif"
    _one_strip_tif(path, _city_centre_3879(ctx))
    with rasterio.open(path) as src:  # the header is as intended
        assert (src.width, src.height, src.driver) == (200_000, 200_000, "GTiff")
    start = time.monotonic()
    with pytest.raises(CorruptFileError, match="could not be read as a GeoTIFF"):
        _load("raster", path, ctx)  # GDAL reads the strip line by line and finds it truncated
    assert time.monotonic() - start < 10
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 4 * 2**20  # KiB: under 4 GiB at peak
