"""Districts from OSM boundaries on small extracts written here, whose answers are known by hand.

Each extract reproduces a way the old rule (admin_level 10 only, districts
under 1 % of the box merged into a neighbour) went wrong: quarters small
beside the surrounding land, municipalities at admin_level 8, districts cut
by the extract, land outside every district, and no boundaries at all.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from pyproj import Transformer
from twin_layers._osm_districts import grid_cell_size
from twin_layers.osm import DISTRICTS_KIND

from twin_app.api import CLIPPED_COLUMN, DISTRICT_COLUMN, DistrictsLayer, LoadContext

CRS = "EPSG:3067"
X0, Y0 = 385000.0, 6672000.0
_TO_LONLAT = Transformer.from_crs(CRS, "EPSG:4326", always_xy=True)


def _lonlat(x: float, y: float) -> tuple[float, float]:
    lon, lat = _TO_LONLAT.transform(X0 + x, Y0 + y)
    return (round(lon, 7), round(lat, 7))


class Extract:
    """An OSM file assembled from metric rectangles: boundaries, buildings, streets."""

    def __init__(self) -> None:
        self.nodes: dict[tuple[float, float], int] = {}
        self.ways: list[tuple[int, list[int], dict[str, str]]] = []
        self.relations: list[tuple[int, list[tuple[str, int, str]], dict[str, str]]] = []
        self.places: list[tuple[int, tuple[float, float], dict[str, str]]] = []

    def node(self, x: float, y: float) -> int:
        return self.nodes.setdefault((x, y), 1 + len(self.nodes))

    def way(self, points: list[tuple[float, float]], tags: dict[str, str]) -> int:
        wid = 1000 + len(self.ways)
        self.ways.append((wid, [self.node(x, y) for x, y in points], tags))
        return wid

    def ring(self, x0: float, y0: float, x1: float, y1: float, tags: dict[str, str]) -> int:
        return self.way([(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)], tags)

    def boundary(self, name: str, level: str, box: tuple[float, float, float, float]) -> int:
        """A complete boundary relation made of one closed way."""
        wid = self.ring(*box, {"boundary": "administrative", "admin_level": level})
        rid = 500 + len(self.relations)
        tags = {"type": "boundary", "boundary": "administrative", "admin_level": level, "name": name}
        self.relations.append((rid, [("w", wid, "outer")], tags))
        return rid

    def buildings(self, x0: float, y0: float, n: int, step: float = 40.0) -> None:
        """``n`` 10 m square buildings in a row from (x0, y0)."""
        for i in range(n):
            self.ring(x0 + i * step, y0, x0 + i * step + 10, y0 + 10, {"building": "house"})

    def write(self, path: Path) -> Path:
        import osmium
        from osmium.osm.mutable import Node, Relation, Way

        with osmium.SimpleWriter(str(path)) as writer:
            for (x, y), nid in sorted(self.nodes.items(), key=lambda kv: kv[1]):
                writer.add_node(Node(id=nid, location=_lonlat(x, y), tags={}))
            for nid, (x, y), tags in self.places:
                writer.add_node(Node(id=nid, location=_lonlat(x, y), tags=tags))
            for wid, refs, tags in self.ways:
                writer.add_way(Way(id=wid, nodes=refs, tags=tags))
            for rid, members, tags in self.relations:
                writer.add_relation(Relation(id=rid, members=members, tags=tags))
        return path


def _ctx(box: tuple[float, float, float, float]) -> LoadContext:
    """A city whose extent is the metric rectangle ``box`` (as a lon/lat box around its corners)."""
    lons, lats = zip(*(_lonlat(x, y) for x in box[::2] for y in box[1::2]), strict=True)
    return LoadContext(crs=CRS, bbox_lonlat=(min(lons), min(lats), max(lons), max(lats)))


def _extent_area(ctx: LoadContext) -> float:
    """The extent's area in m², projected independently (geopandas, densified lon/lat box)."""
    assert ctx.bbox_lonlat is not None
    outline = shapely.box(*ctx.bbox_lonlat).segmentize(0.0005)
    return float(gpd.GeoSeries([outline], crs="EPSG:4326").to_crs(CRS).area.iloc[0])


def _load(path: Path, ctx: LoadContext, **options: object) -> DistrictsLayer:
    layer = DISTRICTS_KIND.load(path, options, ctx)
    assert isinstance(layer, DistrictsLayer)
    return layer


# ------------------------------------------------------------ quarters small beside the extract

QUARTERS = {
    "Altstadt": (2000, 2000, 2300, 2300),
    "Neustadt": (2300, 2000, 2600, 2300),
    "Hafen": (2000, 2300, 2300, 2600),
    "Schlossberg": (2300, 2300, 2600, 2600),
}


@pytest.fixture(scope="module")
def small_quarters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 6 km × 6 km municipality (level 8) with four 300 m quarters (level 10) in its middle.

    Each quarter is 0.09 km², a quarter of a percent of the extract: the old
    rule merged every one of them into one district.
    """
    e = Extract()
    e.boundary("Gemeinde", "8", (0, 0, 6000, 6000))
    for i, (name, box) in enumerate(QUARTERS.items()):
        e.boundary(name, "10", box)
        e.buildings(box[0] + 20, box[1] + 20 + 10 * i, 5)
    e.buildings(4000, 4000, 2)  # a farm outside the quarters
    e.way([(2050, 1000), (2050, 2150)], {"highway": "residential"})
    return e.write(tmp_path_factory.mktemp("quarters") / "quarters.osm.pbf")


def test_small_quarters_each_stay_their_own_district(small_quarters: Path) -> None:
    ctx = _ctx((0, 0, 6000, 6000))
    layer = _load(small_quarters, ctx)
    frame = layer.frame
    assert sorted(frame[DISTRICT_COLUMN]) == sorted(QUARTERS)
    assert set(frame.admin_level) == {"10"}  # the finest level that divides the town
    by_name = dict(zip(frame[DISTRICT_COLUMN], frame.geometry.area, strict=True))
    for name in QUARTERS:
        assert by_name[name] == pytest.approx(300 * 300, rel=1e-4)
    assert not frame[CLIPPED_COLUMN].any()


def test_land_outside_every_district_is_reported_not_annexed(small_quarters: Path) -> None:
    ctx = _ctx((0, 0, 6000, 6000))
    layer = _load(small_quarters, ctx)
    expected_km2 = (_extent_area(ctx) - 4 * 300 * 300) / 1e6
    assert layer.outside_km2 == pytest.approx(expected_km2, rel=1e-3)
    assert any("lies in no admin_level 10 district" in n for n in layer.notes)
    assert layer.describe()["outside_km2"] == pytest.approx(expected_km2, rel=1e-3)


def test_the_admin_level_option_overrides_the_choice(small_quarters: Path) -> None:
    layer = _load(small_quarters, _ctx((0, 0, 6000, 6000)), admin_level="8")
    assert list(layer.frame[DISTRICT_COLUMN]) == ["Gemeinde"]
    assert any("as asked" in n for n in layer.notes)


def test_a_level_covering_one_suburb_only_is_passed_over(tmp_path: Path) -> None:
    """Level 11 exists for one corner of the town only: level 10 divides the whole town."""
    e = Extract()
    for name, box in QUARTERS.items():
        e.boundary(name, "10", box)
        e.buildings(box[0] + 20, box[1] + 20, 6)
    e.boundary("Altstadt-Nord", "11", (2000, 2150, 2150, 2300))
    e.boundary("Altstadt-Süd", "11", (2000, 2000, 2150, 2150))
    path = e.write(tmp_path / "suburb.osm")
    layer = _load(path, _ctx((1900, 1900, 2700, 2700)))
    assert sorted(layer.frame[DISTRICT_COLUMN]) == sorted(QUARTERS)
    assert any("admin_level 11" in n for n in layer.notes)


# ------------------------------------------------------------ municipalities at admin_level 8


def test_municipalities_at_level_8_become_the_districts(tmp_path: Path) -> None:
    """A country-style extract: three municipalities, no finer boundaries, so no grid either."""
    e = Extract()
    towns = {"Aham": (0, 0, 3000, 4000), "Bdorf": (3000, 0, 6000, 4000), "Cstadt": (6000, 0, 9000, 4000)}
    for name, box in towns.items():
        e.boundary(name, "8", box)
        e.buildings(box[0] + 1000, 2000, 8)
    e.boundary("Kreis", "6", (0, 0, 9000, 4000))
    path = e.write(tmp_path / "country.osm.pbf")
    layer = _load(path, _ctx((0, 0, 9000, 4000)))
    frame = layer.frame
    assert sorted(frame[DISTRICT_COLUMN]) == sorted(towns)
    assert set(frame.source) == {"osm-admin"} and set(frame.admin_level) == {"8"}
    by_name = dict(zip(frame[DISTRICT_COLUMN], frame.geometry.area, strict=True))
    assert by_name["Bdorf"] == pytest.approx(3000 * 4000, rel=1e-4)


def test_an_enclave_is_not_claimed_by_the_district_around_it(tmp_path: Path) -> None:
    """Ring (3 km square) has Insel (1 km square) as an inner ring; Nachbar lies east of Ring."""
    e = Extract()
    outer = e.ring(0, 0, 3000, 3000, {"boundary": "administrative", "admin_level": "8"})
    hole = e.ring(1000, 1000, 2000, 2000, {"boundary": "administrative", "admin_level": "8"})
    tags = {"type": "boundary", "boundary": "administrative", "admin_level": "8"}
    e.relations.append((601, [("w", outer, "outer"), ("w", hole, "inner")], {**tags, "name": "Ring"}))
    e.relations.append((602, [("w", hole, "outer")], {**tags, "name": "Insel"}))
    e.boundary("Nachbar", "8", (3000, 0, 6000, 3000))
    for x, y in [(200, 200), (2500, 2500), (1200, 1200), (1500, 1500), (3500, 500), (5000, 2000)]:
        e.buildings(x, y, 4)
    path = e.write(tmp_path / "enclave.osm.pbf")
    frame = _load(path, _ctx((0, 0, 6000, 3000))).frame
    by_name = dict(zip(frame[DISTRICT_COLUMN], frame.geometry.area, strict=True))
    assert by_name == pytest.approx({"Ring": 8e6, "Insel": 1e6, "Nachbar": 9e6}, rel=1e-4)


# ------------------------------------------------------------ districts cut by the extract


def test_districts_the_extract_cuts_are_clipped_and_say_so(tmp_path: Path) -> None:
    """West lies inside the extent; East reaches 500 m past its eastern edge."""
    e = Extract()
    e.boundary("West", "10", (0, 0, 1000, 1000))
    e.boundary("East", "10", (1000, 0, 2500, 1000))
    e.buildings(100, 500, 8)
    e.buildings(1100, 500, 8)
    path = e.write(tmp_path / "cut.osm")
    ctx = _ctx((0, 0, 2000, 1000))
    frame = _load(path, ctx).frame
    clipped = dict(zip(frame[DISTRICT_COLUMN], frame[CLIPPED_COLUMN], strict=True))
    assert clipped == {"West": False, "East": True}
    extent = shapely.box(*ctx.bbox_lonlat).segmentize(0.0005)  # type: ignore[misc]
    extent_m = gpd.GeoSeries([extent], crs="EPSG:4326").to_crs(CRS).iloc[0]
    east_by_hand = shapely.box(X0 + 1000, Y0, X0 + 2500, Y0 + 1000).intersection(extent_m).area
    by_name = dict(zip(frame[DISTRICT_COLUMN], frame.geometry.area, strict=True))
    assert by_name["East"] == pytest.approx(east_by_hand, rel=1e-4)
    assert by_name["East"] < 1500 * 1000


# ------------------------------------------------------------ no boundaries: a readable grid


def test_grid_fallback_gives_tens_of_cells_over_the_built_up_extent(tmp_path: Path) -> None:
    """Streets over 3 km × 2 km: 500 m cells make 6 × 4 = 24 districts (250 m: 96; 1 km: 6)."""
    e = Extract()
    e.way([(0, 0), (3000, 0)], {"highway": "residential"})
    e.way([(0, 2000), (3000, 2000)], {"highway": "residential"})
    e.way([(0, 0), (0, 2000)], {"highway": "residential"})
    e.way([(3000, 0), (3000, 2000)], {"highway": "residential"})
    e.buildings(1500, 1000, 3)
    path = e.write(tmp_path / "village.osm")
    layer = _load(path, _ctx((0, 0, 3000, 2000)))
    frame = layer.frame
    assert len(frame) == 24 and set(frame.source) == {"grid"}
    assert {"A1", "A6", "D1", "D6"} <= set(frame[DISTRICT_COLUMN])
    assert any("500 m grid" in n for n in layer.notes)


@pytest.mark.parametrize(
    ("width", "height", "cell"),
    [(3000, 2000, 500), (600, 600, 100), (20000, 15000, 5000), (70000, 70000, 20000), (10, 10, 100)],
)
def test_grid_cell_size_is_readable(width: float, height: float, cell: float) -> None:
    assert grid_cell_size(width, height) == cell


# ------------------------------------------------------------ a grid asked for with a tiny cell


def test_a_tiny_or_impossible_grid_cell_is_refused_with_the_size_that_fits(tmp_path: Path) -> None:
    """1 m cells over 3 km × 2 km would be about 6 million districts: refused at once.

    By hand: 100 m is the first nice size under 10,000 cells (30 × 20 = 600).
    """
    import time

    from twin_app.api import DistrictsError, ResourceLimitError

    e = Extract()
    e.way([(0, 0), (3000, 0), (3000, 2000), (0, 2000)], {"highway": "residential"})
    path = e.write(tmp_path / "village.osm")
    ctx = _ctx((0, 0, 3000, 2000))
    start = time.monotonic()
    with pytest.raises(ResourceLimitError, match=r"set grid_cell_m to 100 or more"):
        _load(path, ctx, grid_cell_m=1)
    assert time.monotonic() - start < 10
    for bad in (-5.0, 0, float("nan"), float("inf"), "big"):
        with pytest.raises(DistrictsError, match="positive number of metres"):
            _load(path, ctx, grid_cell_m=bad)
    assert len(_load(path, ctx, grid_cell_m=500).frame) == 24
