"""Building heights: every rule and its provenance, on a village written as an OSM file here.

The expected heights are worked out by hand from the rules in
docs/buildings.md and the shipped type table (a house 2 storeys, a garage
and a shed 1, a church 15 m; footprints under 30 / 50 / 80 m² at most 1 / 2 /
3 storeys), never by calling the code under test.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from pyproj import Transformer
from twin_layers.osm import BUILDINGS_KIND

from twin_app.api import BuildingRules, LoadContext, describe_height
from twin_app.core.city_import import CityImport, import_city
from twin_app.core.errors import ManifestError, TwinError
from twin_app.core.heights import height_table
from twin_app.core.loading import load_city

# a made-up village in Bavaria (UTM zone 32N)
UTM = "EPSG:32632"
X0, Y0 = Transformer.from_crs("EPSG:4326", UTM, always_xy=True).transform(10.07, 48.13)
TO_LONLAT = Transformer.from_crs(UTM, "EPSG:4326", always_xy=True)

#: the twelve tagged apartment blocks' building:levels: sorted 3 3 4 4 4 5 | 5 5 5 6 6 7, median 5
APARTMENT_LEVELS = ["3", "3", "4", "4", "4", "5", "5", "5", "5", "6", "6", "7"]

#: name -> (width m, depth m, tags, expected height m, expected rule) with no city default and 3 m storeys
VILLAGE: dict[str, tuple[float, float, dict[str, str], float, str]] = {
    # the file's own median for apartments (12 tagged >= 10): 5 storeys × 3 m
    "block": (20, 30, {"building": "apartments"}, 15.0, "levels_median"),
    # the same median on a 40 m² footprint is capped at 2 storeys
    "narrow block": (5, 8, {"building": "apartments"}, 6.0, "footprint"),
    # houses: only two tagged (fewer than 10), so the table's 2 storeys
    "house 1": (10, 12, {"building": "house"}, 6.0, "type_default"),
    "house 2": (10, 12, {"building": "house"}, 6.0, "type_default"),
    "tagged house 1": (10, 12, {"building": "house", "building:levels": "1"}, 3.0, "levels"),
    "tagged house 2": (10, 12, {"building": "house", "building:levels": "1"}, 3.0, "levels"),
    # a 24 m² garage and a 9 m² shed: 1 storey from the table (the cap does not lower it)
    "garage": (6, 4, {"building": "garage"}, 3.0, "type_default"),
    "shed": (3, 3, {"building": "shed"}, 3.0, "type_default"),
    # its own height wins over everything, even on a tiny footprint
    "tall shed": (3, 3, {"building": "shed", "height": "2.5 m"}, 2.5, "height_tag"),
    # tagged storeys are data: never capped, even on 20 m²
    "tower": (4, 5, {"building": "yes", "building:levels": "3"}, 9.0, "levels"),
    # the church is a tall single space: 15 m from the table
    "church": (20, 40, {"building": "church"}, 15.0, "type_default"),
    # building=yes, nothing known: the table's generic 2 storeys (no city default)
    "barn-like": (20, 20, {"building": "yes"}, 6.0, "default"),
    # the same on 25 m²: 1 storey
    "hut-like": (5, 5, {"building": "yes"}, 3.0, "footprint"),
}


def _ll(x: float, y: float) -> tuple[float, float]:
    lon, lat = TO_LONLAT.transform(X0 + x, Y0 + y)
    return (round(lon, 8), round(lat, 8))


def write_village(path: Path) -> Path:
    """Every building of VILLAGE plus the twelve tagged apartment blocks, 50 m apart."""
    import osmium
    from osmium.osm.mutable import Node, Way

    buildings = [(name, w, d, tags) for name, (w, d, tags, _, _) in VILLAGE.items()]
    buildings += [
        (f"tagged block {i}", 20.0, 30.0, {"building": "apartments", "building:levels": levels})
        for i, levels in enumerate(APARTMENT_LEVELS)
    ]
    nid = 0
    with osmium.SimpleWriter(str(path)) as writer:
        ways = []
        for i, (name, w, d, tags) in enumerate(buildings):
            x, y = (i % 5) * 50.0, (i // 5) * 50.0
            refs = []
            for cx, cy in ((x, y), (x + w, y), (x + w, y + d), (x, y + d)):
                nid += 1
                writer.add_node(Node(id=nid, location=_ll(cx, cy)))
                refs.append(nid)
            ways.append(Way(id=1000 + i, nodes=[*refs, refs[0]], tags={**tags, "name": name}))
        for way in ways:
            writer.add_way(way)
    return path


@pytest.fixture(scope="module", params=["village.osm", "village.osm.pbf"])
def village(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_village(tmp_path_factory.mktemp("village") / request.param)


def _load(path: Path, rules: BuildingRules) -> dict[str, tuple[float, str]]:
    layer = BUILDINGS_KIND.load(path, {}, LoadContext(crs=UTM, buildings=rules))
    frame = layer.frame
    return {
        name: (float(h), str(rule))
        for name, h, rule in zip(frame["name"], frame["height_m"], frame["height_from"], strict=True)
    }


def test_each_rule_gives_the_height_worked_out_by_hand(village: Path) -> None:
    got = _load(village, BuildingRules())
    for name, (_, _, _, height, rule) in VILLAGE.items():
        assert got[name] == (pytest.approx(height), rule), name
    for i, levels in enumerate(APARTMENT_LEVELS):
        assert got[f"tagged block {i}"] == (pytest.approx(3.0 * float(levels)), "levels")


def test_counts_by_rule_and_notes(village: Path) -> None:
    layer = BUILDINGS_KIND.load(village, {}, LoadContext(crs=UTM))
    expected = {"height_tag": 1, "levels": 3 + 12, "levels_median": 1}
    expected |= {"type_default": 5, "default": 1, "footprint": 2}
    assert layer.height_from_counts() == expected
    assert any("building=apartments 5 (from 12)" in note for note in layer.notes)


def test_the_city_default_is_the_last_resort_and_is_capped_too(village: Path) -> None:
    got = _load(village, BuildingRules(default_height_m=9.0))
    assert got["barn-like"] == (9.0, "default")  # building=yes, 400 m²
    assert got["hut-like"] == (3.0, "footprint")  # 9 m on 25 m² is capped at 1 storey
    assert got["house 1"] == (6.0, "type_default")  # a known type never takes the city default
    assert got["block"] == (15.0, "levels_median")


def test_fewer_tagged_buildings_than_the_threshold_fall_back_to_the_table(village: Path) -> None:
    got = _load(village, BuildingRules(min_tagged_for_median=13))  # only 12 apartments are tagged
    assert got["block"] == (12.0, "type_default")  # apartments: 4 storeys in the table
    assert got["narrow block"] == (6.0, "footprint")


def test_storey_height_and_a_citys_own_storeys_per_type(village: Path) -> None:
    got = _load(village, BuildingRules(storey_height_m=3.5, storeys={"house": 1.5, "church": 4}))
    assert got["house 1"] == (pytest.approx(5.25), "type_default")  # 1.5 × 3.5 m
    assert got["church"] == (14.0, "type_default")  # the city's 4 storeys replace the table's 15 m
    assert got["tagged house 1"] == (3.5, "levels")
    assert got["block"] == (pytest.approx(17.5), "levels_median")  # median 5 × 3.5 m
    assert got["hut-like"] == (3.5, "footprint")


def test_the_shipped_table_covers_the_common_types() -> None:
    table = height_table()
    assert table.storeys["house"] == 2 and table.storeys["garage"] == 1 and table.storeys["shed"] == 1
    assert table.height_m["church"] == 15.0 and table.generic_storeys == 2
    assert [table.max_storeys(a) for a in (10, 29.9, 30, 49, 79, 80, 500)] == [1, 1, 2, 2, 3, None, None]
    for kind in ("detached", "semidetached_house", "terrace", "bungalow", "garages", "carport", "hut"):
        assert kind in table.storeys
    for kind in ("cabin", "residential", "commercial", "retail", "office", "school", "kiosk"):
        assert kind in table.storeys
    for kind in ("industrial", "warehouse", "cathedral", "roof", "greenhouse"):
        assert kind in table.height_m


def test_words_for_each_rule() -> None:
    rules = BuildingRules()
    assert "height tag" in describe_height("height_tag", "yes", 12.0, rules)
    assert "building:levels × 3 m" in describe_height("levels", "yes", 12.0, rules)
    median = describe_height("levels_median", "apartments", 15.0, rules)
    assert "median" in median and "building=apartments" in median and "5 × 3 m" in median
    assert "building=garage" in describe_height("type_default", "garage", 3.0, rules)
    assert "footprint" in describe_height("footprint", "yes", 3.0, rules)
    assert "generic default of 2 storeys" in describe_height("default", "yes", 6.0, rules)
    assert "city's default height 9 m" in describe_height(
        "default", None, 9.0, BuildingRules(default_height_m=9)
    )


# ---------------------------------------------------------------- city.toml and city import


def test_city_import_writes_the_building_rules_and_info_counts_them(tmp_path: Path) -> None:
    folder = import_city(
        CityImport(name="village", osm=write_village(tmp_path / "village.osm.pbf"), storey_height_m=2.8),
        tmp_path / "cities",
    )
    text = (folder / "city.toml").read_text(encoding="utf-8")
    assert "[buildings]\nstorey_height_m = 2.8\n" in text and "default_height_m" not in text
    model = load_city(folder)
    assert model.manifest.buildings == BuildingRules(storey_height_m=2.8)
    counts = model.info()["buildings"]["height_from"]
    assert counts == {
        "height_tag": 1,
        "levels": 15,
        "levels_median": 1,
        "type_default": 5,
        "default": 1,
        "footprint": 2,
    }
    frame = model.layers["buildings"].frame.set_index("name")
    assert frame.loc["house 1", "height_m"] == pytest.approx(5.6)  # 2 storeys × 2.8 m


def test_city_import_command_line_flags(tmp_path: Path) -> None:
    from twin_app.cli.main import main

    osm = write_village(tmp_path / "village.osm")
    args = ["city", "import", "v", "--osm", str(osm), "--dest", str(tmp_path / "cities")]
    assert main([*args, "--storey-height", "3.2", "--default-height", "7.5"]) == 0
    rules = load_city(tmp_path / "cities" / "v").manifest.buildings
    assert (rules.storey_height_m, rules.default_height_m) == (3.2, 7.5)


def test_city_import_refuses_a_nonsense_height(tmp_path: Path) -> None:
    osm = write_village(tmp_path / "village.osm")
    with pytest.raises(TwinError, match="--default-height"):
        import_city(CityImport(name="v", osm=osm, default_height_m=-4), tmp_path / "cities")
    assert not (tmp_path / "cities" / "v").exists()


def test_manifest_building_keys(tmp_path: Path) -> None:
    from twin_app.core.city import parse_manifest

    raw = {
        "city": {"name": "v", "crs": UTM, "bbox": [10.0, 48.0, 10.1, 48.2]},
        "buildings": {
            "storey_height_m": 3.2,
            "default_height_m": 7,
            "min_tagged_for_median": 20,
            "storeys": {"house": 1.5},
        },
    }
    rules = parse_manifest(raw, folder=tmp_path).buildings
    assert rules == BuildingRules(3.2, 7.0, 20, {"house": 1.5})
    assert parse_manifest({"city": raw["city"]}, folder=tmp_path).buildings == BuildingRules()
    for bad in ({"storey_height_m": 0}, {"default_height_m": "tall"}, {"storeys": {"house": -1}}):
        with pytest.raises(ManifestError, match="buildings"):
            parse_manifest({**raw, "buildings": bad}, folder=tmp_path)


def test_population_floor_area_follows_the_estimated_storeys(village: Path) -> None:
    """Floor area (people are shared by it) uses the estimate: a shed is 1 storey, not 5."""
    from twin_app.api import population

    layer = BUILDINGS_KIND.load(village, {}, LoadContext(crs=UTM))
    weights = dict(zip(layer.frame["name"], population.building_weights(layer.frame, 3.0), strict=True))
    assert weights["shed"] == pytest.approx(9.0, rel=1e-2)  # 9 m² × 1 storey (1e-7° coordinates)
    assert weights["block"] == pytest.approx(600.0 * 5, rel=1e-2)  # 600 m² × the median 5 storeys
    assert math.isclose(weights["house 1"], 120.0 * 2, rel_tol=1e-2)


def test_the_documented_table_is_the_shipped_one() -> None:
    """docs/buildings.md lists every row of the table, with its value."""
    import re

    text = (Path(__file__).resolve().parents[1] / "docs" / "buildings.md").read_text(encoding="utf-8")
    table = height_table()
    documented: dict[str, dict[str, float]] = {"storeys": {}, "metres": {}}
    for unit in documented:
        section = text.split(f"| {unit} | types |", 1)[1].split("\n\n", 1)[0]
        for value, names in re.findall(r"^\| ([0-9.]+) \| ([^|]+) \|$", section, flags=re.MULTILINE):
            for name in re.sub(r"\([^)]*\)", "", names).split(","):
                documented[unit][name.strip()] = float(value)
    assert documented["storeys"] == dict(table.storeys)
    assert documented["metres"] == dict(table.height_m)
