"""A feed as a city or a user configures it: where it comes from and how its layer looks.

A city's ``city.toml`` may list feeds (``[[feeds]]``, docs/city-toml.md);
the window lists the ones a user connects.  Either way a :class:`FeedSpec`
says where the observations come from (a URL for ``open_source``), what they
are stored under, and what the live layer drawn from them shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from twin_app.core.live.frames import Threshold


@dataclass(frozen=True)
class FeedSpec:
    """One feed: its source URL and options, and how its observations are shown.

    ``id`` is also the name its observations are stored under (the store's
    ``source`` column) and the id of its live layer(s).  ``simulated`` is the
    plain statement of what is simulated and from what, shown in the window
    and the docs; None for a real feed.  ``quantity``, ``units`` and
    ``threshold`` describe sensor readings (the palette, the legend, the
    alert); vehicle feeds leave them empty.
    """

    id: str
    title: str
    source: str
    #: what the feed reports: "vehicle" (moving markers) or "sensor" (readings at stations)
    kind: str = "sensor"
    options: Mapping[str, Any] = field(default_factory=dict)
    simulated: str | None = None
    attribution: str | None = None
    quantity: str | None = None
    units: str | None = None
    threshold: Threshold | None = None
    visible: bool = True
    #: the title in other languages, by language code (``titles`` in city.toml)
    titles: Mapping[str, str] = field(default_factory=dict)
    #: the ``simulated`` statement in other languages (``simulated_texts`` in city.toml)
    simulated_texts: Mapping[str, str] = field(default_factory=dict)

    def display_title(self) -> str:
        """The title a person sees, in the current language (:mod:`twin_app.core.titles`)."""
        from twin_app.core.titles import shown_title

        return shown_title(self.title, self.titles)

    def display_simulated(self) -> str | None:
        """The statement of what is simulated, in the current language (chosen as a title is)."""
        from twin_app.core.titles import shown_title

        return shown_title(self.simulated, self.simulated_texts) if self.simulated else None

    def __post_init__(self) -> None:
        if self.kind not in ("vehicle", "sensor"):
            raise ValueError(f"A feed reports 'vehicle' or 'sensor' observations, not '{self.kind}'.")

    @property
    def is_simulated(self) -> bool:
        return self.simulated is not None


__all__ = ["FeedSpec"]
