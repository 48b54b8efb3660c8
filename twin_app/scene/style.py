"""How each kind of layer looks: one consistent palette for the whole app.

Styles are keyed by the layer's ``style`` hint (set by its layer kind), so a
third-party GeoPackage of parks opened with ``style = "green"`` looks like
the OSM parks.  A style gives a layer's single colour; a layer coloured *by*
a column takes the palette of the quantity that column measures
(:mod:`twin_app.scene.palettes`), whatever its style, so heights, heat and
distances never share a colour map.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Style:
    color: str
    # Metres above ground.  Flat layers are stacked a metre or more apart: at a
    # city-wide viewing distance the depth buffer cannot separate less.
    z: float = 0.0
    line_width: float = 2.0
    opacity: float = 1.0


STYLES: dict[str, Style] = {
    "buildings": Style(color="#e8e1d5"),
    "streets": Style(color="#6b6b6b", z=4.5, line_width=1.5),
    "routes": Style(color="#c2185b", z=5.5, line_width=2.5),
    "stops": Style(color="#0072b2", z=0.0),
    "green": Style(color="#8cc084", z=1.5),
    "trees": Style(color="#2e7d32", z=0.0),
    "water": Style(color="#7fb8e6", z=1.0),
    "landuse": Style(color="#d9cfc1", z=0.5),
    "population": Style(color="#9e9ac8", z=3.5, opacity=0.6),
    "districts": Style(color="#3a3a3a", z=0.2, line_width=2.5),
    "service_area": Style(color="#56b4e9", z=3.2, opacity=0.6),
    # districts filled by a scenario's change (diverging palette); grey where a district has no value
    "difference": Style(color="#bdbdbd", z=2.8, opacity=0.85),
    "raster": Style(color="#ffffff", z=2.5),
    "": Style(color="#b07aa1", z=3.0),
}

BACKGROUND_TOP = "#dfe9f3"
BACKGROUND_BOTTOM = "#ffffff"
GROUND_COLOR = "#f3f1ec"
TEXT_COLOR = "#222222"


def style_for(name: str) -> Style:
    return STYLES.get(name, STYLES[""])
