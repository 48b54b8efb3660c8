"""The notes of an analysis's run, as a report's reader reads them: labelled in her language.

An analysis records what its run did (how many stops were snapped, which
rule counted a pixel...) as ``notes``: a mapping from a key to a value.
The keys are identifiers: results, project files and the JSON output keep
them, and a comparison matches the baseline's notes with the scenario's by
key, so they stay as the analysis wrote them.  A report shows each key with
a label from the table below, in the report's language; a key the table
does not know (a third-party analysis's) is shown as written.

The values are the analysis's own: the built-in analyses write their
sentences with ``_()`` while they run, so a report (made inside
:func:`twin_app.core.i18n.speaking`) has them in its language; numbers are
written the reader's way where the report shows them.
"""

from __future__ import annotations

from twin_app.core.i18n import N_, _

#: note keys of the built-in analyses and of core's population allocation → their label
NOTE_LABELS: dict[str, str] = {
    # the population allocation (core), shared by the analyses that count people
    "population allocation": N_("Population allocation"),
    "population in grid (whole cells)": N_("Population in the grid (whole cells)"),
    "population inside the city's extent (area-weighted)": N_(
        "Population inside the city's extent (area-weighted)"
    ),
    "population outside every district": N_("Population outside every district"),
    "points (residential)": N_("Homes placed in residential buildings"),
    "people (residential)": N_("People placed in residential buildings"),
    "points (untagged building)": N_("Homes placed in untagged buildings"),
    "people (untagged building)": N_("People placed in untagged buildings"),
    "points (cell area)": N_("Homes spread over cell areas"),
    "people (cell area)": N_("People spread over cell areas"),
    "population in selected districts": N_("Population in the selected districts"),
    "home snapping distance max (m)": N_("Longest walk from a home to its street (m)"),
    "home snapping distance mean (m)": N_("Mean walk from a home to its street (m)"),
    "homes on a street component other than the main one": N_(
        "Homes on a piece of street network cut off from the main one"
    ),
    "people on a street component other than the main one": N_(
        "People on a piece of street network cut off from the main one"
    ),
    "homes nearest a cut-off street fragment (joined to the main network)": N_(
        "Homes nearest a cut-off street fragment (joined to the main network)"
    ),
    "people nearest a cut-off street fragment (joined to the main network)": N_(
        "People nearest a cut-off street fragment (joined to the main network)"
    ),
    # transit access
    "stops source": N_("Stops from"),
    "stops in layer": N_("Stops in the layer"),
    "stops qualifying": N_("Stops that qualify"),
    "stops qualifying, high-capacity": N_("High-capacity stops that qualify"),
    "stops snapped": N_("Stops placed on the streets"),
    "stops unsnapped (dropped)": N_("Stops too far from the streets (left out)"),
    "stop snapping distance max (m)": N_("Longest distance from a stop to its street (m)"),
    "stop snapping distance mean (m)": N_("Mean distance from a stop to its street (m)"),
    "stop snapping limit (m; homes have none)": N_(
        "Farthest a stop may be from a street (m; homes have no limit)"
    ),
    "snapping": N_("Placing on the streets"),
    "thresholds": N_("Walking thresholds"),
    "frequency filter": N_("Frequency filter"),
    "high-capacity modes": N_("High-capacity modes"),
    "updated from the previous result": N_("Updated from the previous result"),
    # green space access
    "open spaces": N_("Open spaces"),
    "open spaces reached from the streets": N_("Open spaces reached from the streets"),
    "kinds counted": N_("Kinds of open space counted"),
    "boundary points": N_("Points on the edges of open spaces"),
    "boundary points snapped": N_("Edge points placed on the streets"),
    "boundary points unsnapped (dropped)": N_("Edge points too far from the streets (left out)"),
    "boundary snapping distance max (m)": N_("Longest distance from an edge point to its street (m)"),
    "boundary snapping distance mean (m)": N_("Mean distance from an edge point to its street (m)"),
    "boundary snapping limit (m; homes have none)": N_(
        "Farthest an edge point may be from a street (m; homes have no limit)"
    ),
    "boundary spacing (m)": N_("Spacing of the edge points (m)"),
    "threshold": N_("Threshold"),
    "people living inside an open space (served at 0 m)": N_(
        "People living inside an open space (served at 0 m)"
    ),
    # heat exposure
    "pixel_rule": N_("Pixel rule"),
    "pixel_rule_meaning": N_("What the pixel rule means"),
    "raster": N_("Raster layer"),
    "raster_title": N_("Raster title"),
    "raster_label": N_("Raster label"),
    "raster_units": N_("Raster units"),
    "threshold_rule": N_("Threshold rule"),
    "pixel_size_m": N_("Pixel size (m)"),
    "raster_shape": N_("Raster size (rows, columns)"),
    "p90": N_("90th percentile"),
    "district_pixels": N_("Pixels per district"),
    "threshold_warning": N_("Threshold warning"),
    "population": N_("Population"),
    "buildings": N_("Buildings"),
    "count": N_("count"),
    "with_heat": N_("with heat data"),
    "valued_by_pixel_under_interior_point": N_("valued by the pixel under an interior point"),
    "population_layer": N_("Population layer"),
    "population_column": N_("Population column"),
    "population_weighting": N_("Population weighting"),
    "homes valued by the pixel under their interior point": N_(
        "Homes valued by the pixel under their interior point"
    ),
    "elderly_group": N_("Older residents"),
    "people_without_heat_data": N_("People without heat data"),
    "people_70plus_without_heat_data": N_("People aged 70 or more without heat data"),
}


def note_label(key: str) -> str:
    """The label of note ``key`` in the current language; a key no table knows, as written."""
    label = NOTE_LABELS.get(key)
    return _(label) if label is not None else key
