"""Titles in the reader's language: a city's own ``titles``, twin_app's catalogue, else as written.

The expected titles are the translations written by hand in the test's
manifests and in the catalogues (tests/test_catalogues.py checks those are
complete); what is tested here is which one is chosen, that every place that
shows a title chooses the same, and that a wrong ``titles`` table is a
sentence, not a traceback.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from test_city_import import write_town_osm
from toy_city import BBOX, CRS

from twin_app.core.city import load_manifest
from twin_app.core.errors import ManifestError
from twin_app.core.i18n import LANGUAGES, SOURCE_LANGUAGE, speaking
from twin_app.core.loading import load_city
from twin_app.core.titles import shown_title

CITY = """
[city]
name = "mini"
title = "Mini town"
titles = { fr = "Petite ville", ja = "小さな町" }
crs = "EPSG:3879"
bbox = [24.93018, 60.15915, 24.95841, 60.18411]
attribution = ["Test data"]
"""

LAYERS = """
[[layers]]
id = "allotments"
kind = "vector"
source = "plots.gpkg"
title = "Allotment gardens"
titles = { fr = "Jardins familiaux", ja = "市民農園", en = "Allotments" }
value_column = "area"

[[layers]]
id = "green"
kind = "vector"
source = "plots.gpkg"
title = "Parks and green"
titles = { fr = "Parcs et jardins de la ville" }

[[layers]]
id = "seaside"
kind = "vector"
source = "plots.gpkg"
title = "Kaivopuisto seaside"

[[layers]]
id = "missing"
kind = "vector"
source = "missing.gpkg"
title = "Buildings"
"""


def write_city(tmp_path: Path, city: str = CITY, layers: str = LAYERS) -> Path:
    """A folder with the manifest and one small GeoPackage every layer reads."""
    folder = tmp_path / "mini"
    folder.mkdir(exist_ok=True)
    (folder / "city.toml").write_text(city + layers, encoding="utf-8")
    gpd.GeoDataFrame(
        {"name": ["A", "B"], "area": [120.0, 480.0]},
        geometry=[shapely.box(24.944, 60.167, 24.946, 60.168), shapely.box(24.947, 60.167, 24.949, 60.168)],
        crs="EPSG:4326",
    ).to_file(folder / "plots.gpkg")
    return folder


def test_the_city_s_own_title_wins_then_the_catalogue_then_as_written(tmp_path: Path) -> None:
    model = load_city(write_city(tmp_path))
    layers = model.layers
    with speaking("fr"):
        assert model.manifest.display_title() == "Petite ville"
        assert layers["allotments"].display_title() == "Jardins familiaux"
        # the city's translation beats the catalogue's ("Parcs et espaces verts")
        assert layers["green"].display_title() == "Parcs et jardins de la ville"
        assert layers["seaside"].display_title() == "Kaivopuisto seaside"
    with speaking("es"):
        assert model.manifest.display_title() == "Mini town"  # no es entry, not in the catalogue
        assert layers["allotments"].display_title() == "Allotment gardens"
        assert layers["green"].display_title() == "Parques y zonas verdes"  # the catalogue's
        assert layers["seaside"].display_title() == "Kaivopuisto seaside"
    with speaking("ja"):
        assert model.manifest.display_title() == "小さな町"
        assert layers["allotments"].display_title() == "市民農園"
        assert layers["green"].display_title() == "公園と緑地"
    with speaking("en"):
        assert layers["allotments"].display_title() == "Allotments"  # an en entry is a title too
        assert layers["green"].display_title() == "Parks and green"


def test_the_stored_title_and_the_id_never_change(tmp_path: Path) -> None:
    folder = write_city(tmp_path)
    with speaking("fr"):
        model = load_city(folder)
        assert set(model.layers) == {"allotments", "green", "seaside"}
        assert model.layers["green"].title == "Parks and green"
        info = model.info()
    assert info["title"] == "Mini town"  # twin-app info --json: the manifest as written
    assert info["layers"]["allotments"]["title"] == "Allotment gardens"


def test_every_place_that_shows_a_title_shows_the_same_one(tmp_path: Path) -> None:
    from twin_app.scene.colouring import own_colouring
    from twin_app.scene.legend import entry_for_layer

    folder = write_city(tmp_path)
    with speaking("ja"):
        model = load_city(folder)
        plots = model.layers["allotments"]
        (problem,) = model.problems
        assert problem.title == "建物"  # the broken layer's message names it as the list would
        assert entry_for_layer(plots).heading.startswith("市民農園")
        colouring = own_colouring(plots)
        assert colouring is not None and colouring.title == "市民農園"
        sources = {s["file"]: s["layers"] for s in model.sources()}
        assert sources["plots.gpkg"] == "市民農園, 公園と緑地, Kaivopuisto seaside"


def test_a_language_switch_retitles_a_colouring_without_new_values(tmp_path: Path) -> None:
    from twin_app.scene.colouring import own_colouring, retitled

    model = load_city(write_city(tmp_path))
    plots = model.layers["allotments"]
    with speaking("fr"):
        colouring = own_colouring(plots)
    assert colouring is not None and colouring.title == "Jardins familiaux"
    with speaking("ja"):
        again = retitled(colouring, plots)
    assert again.title == "市民農園"
    assert again.values is colouring.values and again.value_range == colouring.value_range


@pytest.mark.parametrize(
    ("where", "titles", "said"),
    [
        ("city", '{ de = "Kleinstadt" }', r"\[city\] titles must be a table of language code = text"),
        ("layer", '{ fr = "Parcs", xx = "?" }', r"layer number 1 \('allotments'\): titles must be"),
        ("layer", "{ fr = 3 }", r"titles must be .* not \{'fr': 3\}"),
        ("layer", '"Parcs"', r"titles must be .* not 'Parcs'"),
        ("layer", '{ fr = "" }', r"titles must be"),
    ],
)
def test_a_wrong_titles_table_is_a_sentence(tmp_path: Path, where: str, titles: str, said: str) -> None:
    if where == "city":
        city, layers = CITY.replace('{ fr = "Petite ville", ja = "小さな町" }', titles), ""
    else:
        city = CITY
        layers = f'[[layers]]\nid = "allotments"\nkind = "vector"\nsource = "plots.gpkg"\ntitles = {titles}\n'
    folder = write_city(tmp_path, city, layers)
    with pytest.raises(ManifestError, match=said) as caught:
        load_manifest(folder)
    assert "en, es, fr, pt, ko, ja, zh" in str(caught.value)  # the codes twin_app speaks


def test_a_feed_s_titles_are_checked_and_shown(tmp_path: Path) -> None:
    feed = '\n[[feeds]]\nid = "air"\nsource = "sensor-sim:stations.csv"\ntitle = "Air (simulated)"\n'
    (tmp_path / "mini").mkdir()
    (tmp_path / "mini" / "stations.csv").write_text("id,lon,lat\na,24.94,60.17\n")
    folder = write_city(tmp_path, CITY, feed + 'titles = { fr = "Air (simulé)" }\n')
    (spec,) = load_manifest(folder).feeds
    with speaking("fr"):
        assert spec.display_title() == "Air (simulé)"
    folder = write_city(tmp_path, CITY, feed + 'titles = { fr = ["Air"] }\n')
    with pytest.raises(ManifestError, match=r"feed number 1 \('air'\): titles must be"):
        load_manifest(folder)


def test_the_expected_titles_table_names_every_language_twin_app_speaks() -> None:
    from twin_app.core.titles import titles_expected

    said = titles_expected().rsplit("among ", 1)[1]
    assert said.split(", ") == list(LANGUAGES)  # the sentence is a catalogue text: kept in step by this test


def test_a_feed_s_simulated_statement_is_said_in_the_readers_language(tmp_path: Path) -> None:
    """The statement of what is simulated follows the language, as the feed's title does."""
    from twin_app.core.live.hub import FeedHub

    feed = (
        '\n[[feeds]]\nid = "air"\nsource = "sensor-sim:stations.csv"\ntitle = "Air (simulated)"\n'
        'simulated = "Simulated: readings from a formula; not measurements."\n'
    )
    (tmp_path / "mini").mkdir()
    (tmp_path / "mini" / "stations.csv").write_text("id,lon,lat\na,24.94,60.17\n")
    texts = 'simulated_texts = { fr = "Simulé : valeurs calculées par une formule ; pas des mesures." }\n'
    (spec,) = load_manifest(write_city(tmp_path, CITY, feed + texts)).feeds
    (layer,) = FeedHub.layers_for(spec, CRS)
    with speaking("fr"):
        assert spec.display_simulated() == "Simulé : valeurs calculées par une formule ; pas des mesures."
        assert layer.display_simulated() == spec.display_simulated()  # Identify says what the panel says
    with speaking("ja"):  # no Japanese given: the statement as the city wrote it
        assert spec.display_simulated() == "Simulated: readings from a formula; not measurements."
    assert spec.simulated == "Simulated: readings from a formula; not measurements."  # stored as written
    with pytest.raises(ManifestError, match=r"feed number 1 \('air'\): simulated_texts must be"):
        load_manifest(write_city(tmp_path, CITY, feed + 'simulated_texts = { xx = "?" }\n'))


def test_every_helsinki_title_is_in_every_language(helsinki_dir: Path) -> None:
    """The bundled city's titles come from its own table or the catalogue: none left in English."""
    manifest = load_manifest(helsinki_dir)
    titled = [manifest, *manifest.layers, *manifest.feeds]
    for code in LANGUAGES:
        if code == SOURCE_LANGUAGE:
            continue
        for item in titled:
            shown = shown_title(item.title, item.titles, code)
            assert shown != item.title, (code, item.title)
        for feed in manifest.feeds:  # and what each simulated feed simulates
            translated = feed.simulated_texts.get(code)
            assert feed.simulated and translated not in (None, feed.simulated), (code, feed.id)
    with speaking("fr"):
        assert manifest.display_title() == "Centre-ville d'Helsinki"
        assert manifest.layer("buildings").display_title() == "Bâtiments"  # the catalogue's
        assert manifest.layer("population").display_title() == "Population (grille de 250 m)"


def test_an_imported_city_shows_its_titles_in_japanese(tmp_path: Path) -> None:
    """A real import of an OSM file written here: the titles twin_app wrote follow the language."""
    from twin_app.core.city_import import CityImport, import_city

    osm = write_town_osm(tmp_path / "town.osm.pbf")
    folder = import_city(CityImport(name="town", osm=osm), tmp_path / "cities")
    written = (folder / "city.toml").read_text(encoding="utf-8")
    assert 'title = "Buildings"' in written and "titles" not in written  # stored as written, in English
    model = load_city(folder)
    expected = {
        "buildings": "建物",
        "streets": "街路（徒歩）",
        "streets_drive": "街路（自動車）",
        "green": "公園と緑地",
    }
    with speaking("ja"):
        shown = {lid: model.layers[lid].display_title() for lid in expected}
    assert shown == expected
    with speaking("en"):
        assert model.layers["buildings"].display_title() == "Buildings"
    assert np.all([model.layers[lid].title.isascii() for lid in expected])


def test_the_scene_shows_the_same_titles_and_follows_a_switch(tmp_path: Path) -> None:
    """Off-screen: the 3D title, the legend and Identify name a layer as the layer list does."""
    import pyvista as pv

    from twin_app.core.city import CityManifest
    from twin_app.core.layers import BuildingsLayer
    from twin_app.core.model import CityModel
    from twin_app.scene.view import SceneView

    crs = CRS
    manifest = CityManifest(
        folder=tmp_path,
        name="toy",
        title="Toy town",
        titles={"fr": "Ville jouet", "ja": "おもちゃの町"},
        crs=crs,
        bbox_lonlat=BBOX,
        layers=(),
    )
    frame = gpd.GeoDataFrame(
        {"height_m": [10.0, 40.0], "height_from": ["height_tag"] * 2},
        geometry=[shapely.box(450, 400, 550, 500), shapely.box(800, 400, 900, 500)],
        crs=crs,
    )
    buildings = BuildingsLayer(
        id="buildings", title="Buildings", crs=crs, style="buildings", frame=frame, value_column="height_m"
    )
    model = CityModel(manifest=manifest, origin=(0.0, 0.0))
    model.add_layer(buildings)
    plotter = pv.Plotter(off_screen=True, window_size=[400, 300])
    try:
        with speaking("fr"):
            view = SceneView(plotter, model)
            plotter.render()
            assert view.furniture.title == "Ville jouet"
            assert [e.heading for e in view.legend_entries()] == ["Bâtiments (m)"]
            renderer = plotter.renderer
            renderer.SetWorldPoint(850.0, 450.0, 40.0, 1.0)  # the roof of the taller building
            renderer.WorldToDisplay()
            x, y, _ = renderer.GetDisplayPoint()
            picked = view.pick_at(round(x), round(y))
            assert picked is not None and picked.attributes["Couche"] == "Bâtiments"
        seen: list[list[str]] = []
        view.on_legend_change(lambda entries: seen.append([e.heading for e in entries]))
        with speaking("ja"):
            view.retitle()
            assert view.furniture.title == "おもちゃの町"
        assert seen == [["建物（m）"]]
    finally:
        plotter.close()
