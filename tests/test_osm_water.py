"""Water from OSM on small extracts written here, whose areas are worked out by hand.

The extracts sit on a 2 km × 2 km metric square (the test city's extent is
the lon/lat box around its corners).  Expected areas are the hand-drawn
sea or lake polygon intersected with that extent, the extent projected
independently (geopandas, densified lon/lat outline), so only the rule
"land on the left of the coastline, water on the right" is assumed.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from shapely.affinity import translate
from test_osm_districts import CRS, X0, Y0, Extract, _ctx
from twin_layers.osm import FEATURES_KIND

from twin_app.api import LoadContext, PolygonLayer

BOX = (0.0, 0.0, 2000.0, 2000.0)
#: a straight coastline across the square at y = 1000 (west to east), well past its edges
WEST_EAST = [(-300.0, 1000.0), (2300.0, 1000.0)]
SOUTH = shapely.box(-1000, -1000, 3000, 1000)
NORTH = shapely.box(-1000, 1000, 3000, 3000)


def _extent(ctx: LoadContext) -> shapely.Polygon:
    """The city's extent in metres, relative to (X0, Y0), projected independently of the code under test."""
    assert ctx.bbox_lonlat is not None
    outline = shapely.box(*ctx.bbox_lonlat).segmentize(0.0005)
    geom = gpd.GeoSeries([outline], crs="EPSG:4326").to_crs(CRS).iloc[0]
    return translate(geom, -X0, -Y0)


def _water(path: Path, ctx: LoadContext) -> PolygonLayer:
    layer = FEATURES_KIND.load(path, {"category": "water"}, ctx)
    assert isinstance(layer, PolygonLayer) and layer.style == "water"
    return layer


def _area(layer: PolygonLayer, kind: str) -> float:
    frame = layer.frame
    return float(frame.loc[frame["kind"] == kind].geometry.area.sum())


def _missing(e: Extract, *points: tuple[float, float]) -> None:
    """Leave these nodes out of the file, as an extract does with the nodes beyond its edge."""
    for p in points:
        del e.nodes[p]


def _lake(e: Extract) -> None:
    """A 100 m square pond in the land, so that a layer without sea still has a row."""
    e.ring(1700, 1700, 1800, 1800, {"natural": "water", "water": "pond"})


# ------------------------------------------------------------ the sea from coastlines


@pytest.mark.parametrize("eastward", [True, False])
@pytest.mark.parametrize("clipped", [False, True])
def test_straight_coastline_sea_on_its_right(tmp_path: Path, eastward: bool, clipped: bool) -> None:
    """West to east, the land is on the left (north) and the sea south; the other way round, north.

    ``clipped``: the nodes beyond the extent are missing, as in an extract
    cut without complete ways, so the line is prolonged to the edge.
    """
    e = Extract()
    points = [(-300.0, 1000.0), (150.0, 1000.0), (1850.0, 1000.0), (2300.0, 1000.0)]
    e.way(points if eastward else points[::-1], {"natural": "coastline"})
    if clipped:
        _missing(e, points[0], points[-1])
    ctx = _ctx(BOX)
    layer = _water(e.write(tmp_path / "coast.osm"), ctx)
    sea_side = SOUTH if eastward else NORTH
    expected = _extent(ctx).intersection(sea_side).area
    assert list(layer.frame["kind"]) == ["sea"]
    assert _area(layer, "sea") == pytest.approx(expected, rel=2e-3)
    # the sea lies where it should: a point 500 m into it, none 500 m into the land
    sea = translate(layer.frame.geometry.iloc[0], -X0, -Y0)
    wet, dry = ((1000, 500), (1000, 1500)) if eastward else ((1000, 1500), (1000, 500))
    assert sea.contains(shapely.Point(wet)) and not sea.intersects(shapely.Point(dry))


def test_bay(tmp_path: Path) -> None:
    """The coastline turns inland and back: the 400 m × 600 m bay between is sea."""
    e = Extract()
    e.way(
        [(-300, 1000), (800, 1000), (800, 1600), (1200, 1600), (1200, 1000), (2300, 1000)],
        {"natural": "coastline"},
    )
    ctx = _ctx(BOX)
    layer = _water(e.write(tmp_path / "bay.osm"), ctx)
    bay = shapely.box(800, 1000, 1200, 1600)
    expected = _extent(ctx).intersection(SOUTH).area + bay.area
    assert _area(layer, "sea") == pytest.approx(expected, rel=2e-3)


def test_island_in_the_sea(tmp_path: Path) -> None:
    """A closed coastline ring (anticlockwise: land inside) is an island cut out of the sea."""
    e = Extract()
    e.way(WEST_EAST, {"natural": "coastline"})
    e.way([(600, 300), (1000, 300), (1000, 600), (600, 600), (600, 300)], {"natural": "coastline"})
    ctx = _ctx(BOX)
    layer = _water(e.write(tmp_path / "island.osm"), ctx)
    expected = _extent(ctx).intersection(SOUTH).area - 400 * 300
    assert _area(layer, "sea") == pytest.approx(expected, rel=2e-3)
    sea = translate(layer.frame.geometry.iloc[0], -X0, -Y0)
    assert not sea.intersects(shapely.Point(800, 450))


def test_coastline_in_pieces_merges(tmp_path: Path) -> None:
    """Three ways joined end to start make one coastline, as in OSM where ways are short."""
    e = Extract()
    e.way([(-300, 1000), (700, 1000)], {"natural": "coastline"})
    e.way([(700, 1000), (1300, 1000)], {"natural": "coastline"})
    e.way([(1300, 1000), (2300, 1000)], {"natural": "coastline"})
    ctx = _ctx(BOX)
    layer = _water(e.write(tmp_path / "pieces.osm"), ctx)
    assert _area(layer, "sea") == pytest.approx(_extent(ctx).intersection(SOUTH).area, rel=2e-3)


def test_coastline_ending_inside_floods_nothing(tmp_path: Path) -> None:
    """A coastline that stops in the middle of the extract cannot be closed: no sea, and a note says where."""
    e = Extract()
    e.way([(-300, 1000), (1000, 1000)], {"natural": "coastline"})
    _lake(e)
    layer = _water(e.write(tmp_path / "broken.osm"), _ctx(BOX))
    assert list(layer.frame["kind"]) == ["pond"]
    assert any("coastline is broken near" in n and "left dry" in n for n in layer.notes)


def test_coastline_drawn_the_wrong_way_floods_nothing(tmp_path: Path) -> None:
    """Half the coastline reversed gives both sides votes for sea: neither is flooded."""
    e = Extract()
    e.way([(-300, 1000), (1000, 1000)], {"natural": "coastline"})
    e.way([(2300, 1000), (1000, 1000)], {"natural": "coastline"})
    _lake(e)
    layer = _water(e.write(tmp_path / "reversed.osm"), _ctx(BOX))
    assert "sea" not in set(layer.frame["kind"])
    assert any("coastline is broken" in n for n in layer.notes)


def test_small_gap_in_the_coastline_is_closed(tmp_path: Path) -> None:
    """Two ways 0.5 m apart are joined (osmcoastline closes gaps up to 1 m too)."""
    e = Extract()
    e.way([(-300, 1000), (1000, 1000)], {"natural": "coastline"})
    e.way([(1000.5, 1000), (2300, 1000)], {"natural": "coastline"})
    ctx = _ctx(BOX)
    layer = _water(e.write(tmp_path / "gap.osm"), ctx)
    assert _area(layer, "sea") == pytest.approx(_extent(ctx).intersection(SOUTH).area, rel=2e-3)
    assert any("gap(s)" in n for n in layer.notes)


def test_inland_city_stays_dry(tmp_path: Path) -> None:
    """No coastline at all: no sea is guessed, whatever the water nearby."""
    e = Extract()
    e.buildings(100, 100, 10)
    _lake(e)
    layer = _water(e.write(tmp_path / "inland.osm"), _ctx(BOX))
    assert list(layer.frame["kind"]) == ["pond"]
    assert _area(layer, "pond") == pytest.approx(100 * 100, rel=1e-3)
    assert any("No natural=coastline" in n for n in layer.notes)


# ------------------------------------------------------------ inland water


def test_lake_with_an_island(tmp_path: Path) -> None:
    """A multipolygon lake keeps its island out: 600² − 100² m²."""
    e = Extract()
    outer = e.ring(200, 200, 800, 800, {})
    inner = e.ring(400, 400, 500, 500, {})
    e.relations.append(
        (
            700,
            [("w", outer, "outer"), ("w", inner, "inner")],
            {"type": "multipolygon", "natural": "water", "water": "lake", "name": "Järvi"},
        )
    )
    layer = _water(e.write(tmp_path / "lake.osm"), _ctx(BOX))
    frame = layer.frame
    assert list(frame["kind"]) == ["lake"] and list(frame["name"]) == ["Järvi"]
    assert _area(layer, "lake") == pytest.approx(600 * 600 - 100 * 100, rel=1e-3)
    lake = translate(frame.geometry.iloc[0], -X0, -Y0)
    assert not lake.intersects(shapely.Point(450, 450))


def test_lake_cut_by_the_extract_is_closed_along_its_edge(tmp_path: Path) -> None:
    """A lake whose northern nodes lie beyond the extract keeps the part inside it."""
    e = Extract()
    ring = [(800, 1700), (1200, 1700), (1200, 1950), (1200, 2300), (800, 2300), (800, 1950), (800, 1700)]
    e.way(ring, {"natural": "water", "name": "Puolikas"})
    _missing(e, (1200, 2300), (800, 2300))
    ctx = _ctx(BOX)
    layer = _water(e.write(tmp_path / "cut.osm"), ctx)
    expected = _extent(ctx).intersection(shapely.box(800, 1700, 1200, 2300)).area
    assert list(layer.frame["name"]) == ["Puolikas"]
    assert _area(layer, "water") == pytest.approx(expected, rel=2e-3)


#: tags of a water area and the kind of water they make (None: not water)
KINDS: list[tuple[dict[str, str], str | None]] = [
    ({"natural": "water", "water": "lake"}, "lake"),
    ({"natural": "water", "water": "reservoir"}, "reservoir"),
    ({"natural": "water", "water": "river"}, "river"),
    ({"waterway": "riverbank"}, "river"),
    ({"natural": "water", "water": "harbour"}, "harbour"),
    ({"natural": "water", "harbour": "yes"}, "harbour"),
    ({"natural": "water", "leisure": "marina"}, "marina"),
    ({"landuse": "basin"}, "basin"),
    ({"landuse": "reservoir"}, "reservoir"),
    ({"natural": "water"}, "water"),
    # a marina alone covers piers and car parks too: water only where tagged so
    ({"leisure": "marina"}, None),
    ({"natural": "water", "area": "no"}, None),
]


def test_water_kinds(tmp_path: Path) -> None:
    e = Extract()
    for i, (tags, _) in enumerate(KINDS):
        e.ring(100 + 150 * i, 100, 200 + 150 * i, 200, {**tags, "name": f"w{i}"})
    layer = _water(e.write(tmp_path / "kinds.osm"), _ctx(BOX))
    found = dict(zip(layer.frame["name"], layer.frame["kind"], strict=True))
    assert found == {f"w{i}": kind for i, (_, kind) in enumerate(KINDS) if kind is not None}


def test_river_line_buffered_to_its_width(tmp_path: Path) -> None:
    """A river drawn as a line is its width wide (tag, else typical); one in a culvert is not drawn."""
    e = Extract()
    e.way([(1000, 200), (1000, 1800)], {"waterway": "river", "width": "12 m", "name": "Joki"})
    e.way([(500, 200), (500, 1800)], {"waterway": "stream"})
    e.way([(300, 200), (300, 1800)], {"waterway": "stream", "tunnel": "culvert"})
    layer = _water(e.write(tmp_path / "river.osm"), _ctx(BOX))
    frame = layer.frame.sort_values("name", na_position="last").reset_index(drop=True)
    assert list(frame["name"].fillna("")) == ["Joki", ""]
    assert frame.geometry.area.iloc[0] == pytest.approx(12 * 1600, rel=1e-3)
    assert frame.geometry.area.iloc[1] == pytest.approx(2 * 1600, rel=1e-3)


def test_nothing_is_drawn_twice(tmp_path: Path) -> None:
    """A harbour basin across the coastline and a river area running into the sea do not overlap it."""
    e = Extract()
    e.way(WEST_EAST, {"natural": "coastline"})
    e.ring(900, 800, 1100, 1200, {"natural": "water", "water": "harbour", "name": "Satama"})
    e.ring(1500, 900, 1600, 1800, {"waterway": "riverbank"})
    ctx = _ctx(BOX)
    layer = _water(e.write(tmp_path / "harbour.osm"), ctx)
    frame = layer.frame
    assert sorted(frame["kind"]) == ["harbour", "river", "sea"]
    geoms = list(frame.geometry)
    overlap = sum(a.intersection(b).area for i, a in enumerate(geoms) for b in geoms[i + 1 :])
    assert overlap < 1.0
    assert _area(layer, "harbour") == pytest.approx(200 * 400, rel=1e-3)
    union = _extent(ctx).intersection(SOUTH).union(shapely.box(900, 800, 1100, 1200))
    union = union.union(shapely.box(1500, 900, 1600, 1800))
    assert float(frame.geometry.area.sum()) == pytest.approx(union.area, rel=2e-3)


# ------------------------------------------------------------ central Helsinki

HELSINKI = (
    Path(__file__).resolve().parents[1] / "sample_cities" / "helsinki" / "osm" / "helsinki_centre.osm.pbf"
)
#: points known to be sea (named water nodes in the extract, the South Harbour) and land
SEA_POINTS = {
    "South Harbour": (24.955, 60.165),
    "Kolera-allas": (24.9529977, 60.1670969),
    "Linnanallas": (24.9567886, 60.1677432),
    "Siltavuorensalmi": (24.9529851, 60.1772618),
    "Kaisaniemenlahti": (24.9467114, 60.1766884),
}
LAND_POINTS = {"Senate Square": (24.952, 60.169), "Kamppi": (24.932, 60.168), "Esplanadi": (24.948, 60.1675)}


@pytest.fixture(scope="module")
def helsinki_water() -> PolygonLayer:
    ctx = LoadContext(crs="EPSG:3879", bbox_lonlat=(24.93018, 60.15915, 24.95841, 60.18411))
    return _water(HELSINKI, ctx)


def _at(lon: float, lat: float) -> shapely.Point:
    return gpd.GeoSeries(gpd.points_from_xy([lon], [lat]), crs="EPSG:4326").to_crs("EPSG:3879").iloc[0]


def test_helsinki_has_its_sea(helsinki_water: PolygonLayer) -> None:
    frame = helsinki_water.frame
    sea = shapely.union_all(frame.loc[frame["kind"] == "sea"].geometry.to_numpy())
    for name, (lon, lat) in SEA_POINTS.items():
        assert sea.contains(_at(lon, lat)), f"{name} should be sea"
    water = shapely.union_all(frame.geometry.to_numpy())
    for name, (lon, lat) in LAND_POINTS.items():
        assert not water.contains(_at(lon, lat)), f"{name} should be land"
    # the South Harbour alone is about 0.2 km²
    assert sea.area > 0.25e6


def test_helsinki_has_toolonlahti(helsinki_water: PolygonLayer) -> None:
    """Töölönlahti (natural=water, cut by the extract's northern edge) is there, named."""
    frame = helsinki_water.frame
    bay = frame.loc[frame["name"] == "Töölönlahti"]
    assert len(bay) == 1
    assert bay.geometry.iloc[0].contains(_at(24.9370, 60.1800))
    assert bay.geometry.iloc[0].area > 0.15e6


# ------------------------------------------------------------ an imported coastal town


def test_imported_coastal_town_has_its_sea(tmp_path: Path) -> None:
    """``city import`` of a town on a shore: its water layer holds the sea, south of the coastline.

    The file has no header box, so the city's extent is the bounds of its
    data, which the coastline's ends define: they lie on the extent's edge.
    """
    from twin_app.core.city_import import CityImport, import_city
    from twin_app.core.loading import load_city

    e = Extract()
    e.way(WEST_EAST, {"natural": "coastline"})
    e.way([(100, 1200), (1900, 1200)], {"highway": "residential"})
    e.way([(1000, 1100), (1000, 1900)], {"highway": "residential"})
    e.buildings(200, 1300, 8)
    e.ring(900, 200, 1100, 400, {"natural": "water", "water": "harbour", "name": "Satama"})
    osm = e.write(tmp_path / "shore.osm")
    folder = import_city(CityImport(name="shore", osm=osm), tmp_path / "cities")
    model = load_city(folder)
    layer = model.layers["water"]
    assert isinstance(layer, PolygonLayer)
    frame = layer.frame
    assert set(frame["kind"]) == {"sea", "harbour"}
    crs = model.manifest.crs
    outline = shapely.box(*model.manifest.bbox_lonlat).segmentize(0.0005)
    extent = gpd.GeoSeries([outline], crs="EPSG:4326").to_crs(crs).iloc[0]
    south = gpd.GeoSeries([translate(SOUTH, X0, Y0)], crs=CRS).to_crs(crs).iloc[0]
    assert float(frame.geometry.area.sum()) == pytest.approx(extent.intersection(south).area, rel=5e-3)
