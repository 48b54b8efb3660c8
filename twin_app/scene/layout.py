"""Where each piece of map furniture goes, in pixels, for an image of any size.

Cartographic furniture (title, north arrow, scale bar, credits, legend) is laid
out in *screen* space, never in the scene: it must stay in view whatever the
camera does, and keep its size when the city is orbited.  This module only
does arithmetic on rectangles (no VTK), so the guarantee that nothing overlaps
is checked by tests on the rectangles themselves, at any image size:

* the bottom band holds the scale bar (left) and the credits (right, wrapped
  to the width left over), so the credits are never covered;
* the north arrow sits in the top-right corner and the title top-left;
* in exports the legend fills a column on the right between the north arrow
  and the bottom band; entries that do not fit go to a second column, then
  the whole legend shrinks, and only as a last resort are entries left out
  (and counted) -- never drawn over each other.

All text scales with the image height (:func:`text_scale`), so a 3840×2160
export reads like a 1920×1080 one, with a floor that keeps small windows
legible.  Coordinates are VTK display pixels: origin bottom-left.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from twin_app.core.i18n import _, format_number, ngettext

#: image height at which the base sizes below are given
REFERENCE_HEIGHT = 1080

#: font sizes in pixels at 1080p, and the floor below which text is not shrunk
TITLE_PX = 24
CREDITS_PX = 13
SCALE_LABEL_PX = 15
NORTH_PX = 17
LEGEND_TITLE_PX = 15
LEGEND_TICK_PX = 13
LABEL_PX = 13
MIN_TEXT_PX = 10

MARGIN_PX = 14
#: the credits may take this share of the image height at most
CREDITS_MAX_SHARE = 0.25
GAP_PX = 10
NORTH_BOX_PX = 72
SCALE_BAR_MAX_PX = 200
SCALE_BAR_THICK_PX = 8
LEGEND_COLUMN_PX = 250
LEGEND_RAMP_W_PX = 18
LEGEND_RAMP_H_PX = 100
#: vertical room per tick label, as a multiple of the tick font size
TICK_SPACING = 1.45

#: (text, font px) -> (width, height) in pixels
TextMeasure = Callable[[str, int], tuple[float, float]]


def estimate_text(text: str, font_px: int) -> tuple[float, float]:
    """A conservative size for Arial text: wide enough that real text fits inside."""
    lines = text.split("\n") or [""]
    width = max(len(line) for line in lines) * 0.62 * font_px
    return width, len(lines) * 1.25 * font_px


@dataclass(frozen=True)
class Rect:
    """A pixel rectangle; (x, y) is its bottom-left corner."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def top(self) -> float:
        return self.y + self.h

    def intersects(self, other: Rect) -> bool:
        """True when the two share area (touching edges do not count)."""
        return self.x < other.right and other.x < self.right and self.y < other.top and other.y < self.top

    def inside(self, width: float, height: float) -> bool:
        return self.x >= 0 and self.y >= 0 and self.right <= width and self.top <= height

    def contains(self, other: Rect, tolerance: float = 0.0) -> bool:
        t = tolerance
        return (
            other.x >= self.x - t
            and other.y >= self.y - t
            and other.right <= self.right + t
            and other.top <= self.top + t
        )

    def grown(self, by: float) -> Rect:
        return Rect(self.x - by, self.y - by, self.w + 2 * by, self.h + 2 * by)


def scale_label(metres: float) -> str:
    """The scale bar's length as the current language writes it ("500 m", "1,5 km")."""
    if metres >= 1000:
        # TRANSLATORS: a scale bar's length in kilometres; {distance} is already written the language's way
        return _("{distance} km").format(distance=format_number(metres / 1000))
    return _("{distance} m").format(distance=format_number(metres))


def more_sources(count: int) -> str:
    """The credits' last part when the image has room to name only the first sources."""
    # TRANSLATORS: the end of an image's data credits, when the last {count} sources did not fit
    return ngettext("and {count} more source", "and {count} more sources", count).format(count=count)


def text_scale(height: int) -> float:
    """How much larger than at 1080p every piece of furniture is drawn."""
    return height / REFERENCE_HEIGHT


def font_px(base: int, height: int) -> int:
    """A font size scaled with the image height, never below :data:`MIN_TEXT_PX`."""
    return max(MIN_TEXT_PX, round(base * text_scale(height)))


def _breakable_words(text: str, max_width: float, font: int, measure: TextMeasure) -> list[str]:
    """Words to wrap between; a bracketed group such as "(index 0–1)" stays whole when it fits a line."""
    words: list[str] = []
    group: list[str] = []
    for word in text.split(" "):
        if group or word.startswith("("):
            group.append(word)
            if word.endswith(")"):
                joined = " ".join(group)
                words.extend([joined] if measure(joined, font)[0] <= max_width else group)
                group = []
        else:
            words.append(word)
    return words + group


def wrap_parts(parts: Sequence[str], max_width: float, font: int, measure: TextMeasure) -> str:
    """Join credit parts with " · ", breaking lines between parts (and inside a part only if it must)."""
    lines: list[str] = []
    for part in parts:
        if lines and measure(lines[-1] + " · " + part, font)[0] <= max_width:
            lines[-1] += " · " + part
            continue
        line = ""
        for word in _breakable_words(part, max_width, font, measure):
            candidate = f"{line} {word}" if line else word
            if line and measure(candidate, font)[0] > max_width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return "\n".join(lines)


@dataclass(frozen=True)
class LegendSlot:
    """Where one legend entry is drawn: its heading, its colour ramp and its tick labels."""

    index: int
    box: Rect
    heading: str
    heading_box: Rect
    ramp: Rect
    tick_x: float
    title_px: int
    tick_px: int


@dataclass
class Layout:
    """Every piece's rectangle for one image size."""

    width: int
    height: int
    scale: float
    title: Rect
    title_text: str
    title_px: int
    north: Rect
    north_px: int
    scale_bar: Rect
    scale_bar_max_px: float
    scale_label_px: int
    credits: Rect
    credits_text: str
    credits_px: int
    label_px: int
    legend: Rect | None = None
    legend_slots: list[LegendSlot] = field(default_factory=list)
    #: entries that could not be drawn even after shrinking (counted in a note)
    legend_left_out: int = 0
    #: credits the image had no room for (counted in their last line)
    credits_left_out: int = 0

    def reserved(self) -> list[Rect]:
        """The rectangles labels must keep clear of."""
        boxes = [self.title, self.north, self.scale_bar, self.credits]
        if self.legend is not None:
            boxes.append(self.legend)
        return boxes

    def named(self) -> dict[str, Rect]:
        boxes = {
            "title": self.title,
            "north": self.north,
            "scale_bar": self.scale_bar,
            "credits": self.credits,
        }
        if self.legend is not None:
            boxes["legend"] = self.legend
        for slot in self.legend_slots:
            boxes[f"legend_{slot.index}"] = slot.box
        return boxes


def ramp_height(n_ticks: int, tick_px: int, s: float) -> float:
    """Tall enough to read the colours and to keep tick labels apart."""
    return max(LEGEND_RAMP_H_PX * s, (n_ticks - 1) * TICK_SPACING * tick_px)


def heading_gap(tick_px: int, s: float) -> float:
    """Room between a heading and its ramp: the top tick label is centred on the ramp's top edge."""
    return max(0.5 * GAP_PX * s, 0.75 * tick_px)


def _legend_entry_height(heading_h: float, n_ticks: int, tick_px: int, s: float) -> float:
    ramp_h = ramp_height(n_ticks, tick_px, s)
    return heading_h + heading_gap(tick_px, s) + ramp_h + tick_px + GAP_PX * s


def _try_legend(
    entries: Sequence[tuple[str, Sequence[str]]], area: Rect, s: float, measure: TextMeasure
) -> tuple[Rect, list[LegendSlot]] | None:
    """Stack entries (heading, tick count) in one or two columns inside ``area``, shrinking if needed."""
    for shrink in (1.0, 0.9, 0.8, 0.7, 0.6):
        k = s * shrink
        pad = 0.8 * GAP_PX * k
        title_px = max(MIN_TEXT_PX, round(LEGEND_TITLE_PX * k))
        tick_px = max(MIN_TEXT_PX, round(LEGEND_TICK_PX * k))
        for columns in (1, 2):
            # as wide as the widest heading or ramp with its ticks, up to a column's width
            tick_room = LEGEND_RAMP_W_PX * k + 0.6 * GAP_PX * k
            widest = max(
                max(
                    measure(heading, title_px)[0],
                    tick_room + max((measure(t, tick_px)[0] for t in ticks), default=0),
                )
                for heading, ticks in entries
            )
            col_w = min(LEGEND_COLUMN_PX * k, widest + 2)
            if columns * col_w + 2 * pad > area.w:
                continue
            headings = [wrap_parts([heading], col_w, title_px, measure) for heading, _ in entries]
            heading_hs = [measure(text, title_px)[1] for text in headings]
            heights = [
                _legend_entry_height(hh, len(ticks), tick_px, k)
                for hh, (_, ticks) in zip(heading_hs, entries, strict=True)
            ]
            # fill column after column, top to bottom
            room = area.h - 2 * pad + GAP_PX * k  # the last entry needs no gap below it
            placed: list[tuple[int, int, float]] = []  # (entry, column, offset from the top)
            column, used = 0, 0.0
            for i, h in enumerate(heights):
                if used + h > room and used > 0:
                    column, used = column + 1, 0.0
                if column >= columns or h > room:
                    break
                placed.append((i, column, used))
                used += h
            if len(placed) < len(entries):
                continue
            n_cols = placed[-1][1] + 1
            box_w = n_cols * col_w + 2 * pad
            col_used = [sum(heights[i] for i, c, _ in placed if c == col) for col in range(n_cols)]
            box_h = max(col_used) + 2 * pad - GAP_PX * k
            box = Rect(area.right - box_w, area.top - box_h, box_w, box_h)
            slots = []
            for i, col, offset in placed:
                x = box.x + pad + col * col_w
                top = box.top - pad - offset
                ramp_top = top - heading_hs[i] - heading_gap(tick_px, k)
                ramp_h = ramp_height(len(entries[i][1]), tick_px, k)
                ramp = Rect(x, ramp_top - ramp_h, LEGEND_RAMP_W_PX * k, ramp_h)
                entry_h = heights[i] - GAP_PX * k
                slots.append(
                    LegendSlot(
                        index=i,
                        box=Rect(x, top - entry_h, col_w, entry_h),
                        heading=headings[i],
                        heading_box=Rect(x, top - heading_hs[i], col_w, heading_hs[i]),
                        ramp=ramp,
                        tick_x=ramp.right + 0.6 * GAP_PX * k,
                        title_px=title_px,
                        tick_px=tick_px,
                    )
                )
            return box, slots
    return None


def _layout_legend(
    entries: Sequence[tuple[str, Sequence[str]]], area: Rect, s: float, measure: TextMeasure
) -> tuple[Rect | None, list[LegendSlot], int]:
    """The legend's box and slots, and how many entries had to be left out (the last ones)."""
    for keep in range(len(entries), 0, -1):
        placed = _try_legend(entries[:keep], area, s, measure)
        if placed is not None:
            return placed[0], placed[1], len(entries) - keep
    return None, [], len(entries)


def compute_layout(
    width: int,
    height: int,
    *,
    title: str,
    credits: Sequence[str],
    legend: Sequence[tuple[str, Sequence[str]]] = (),
    measure: TextMeasure = estimate_text,
) -> Layout:
    """Lay out the furniture of a ``width``×``height`` image.

    ``legend`` holds one (heading, tick labels) per entry to draw; pass
    none in the window, whose legend is a panel beside the view.
    """
    s = text_scale(height)
    # pieces keep their readable size in small windows too: scale no lower than the font floor allows
    s_box = max(s, MIN_TEXT_PX / CREDITS_PX)
    m = MARGIN_PX * s_box
    gap = GAP_PX * s_box

    north_side = NORTH_BOX_PX * s_box
    north = Rect(width - m - north_side, height - m - north_side, north_side, north_side)
    north_px = font_px(NORTH_PX, height)

    scale_label_px = font_px(SCALE_LABEL_PX, height)
    bar_max = min(SCALE_BAR_MAX_PX * s_box, 0.3 * width)
    label_w, label_h = measure(scale_label(10_000_000), scale_label_px)
    scale_w = max(bar_max, label_w) + 0.5 * label_w  # the label centres on the bar's end
    scale_h = SCALE_BAR_THICK_PX * s_box + 0.5 * gap + label_h
    scale_bar = Rect(m, m, scale_w, scale_h)

    credits_px = font_px(CREDITS_PX, height)
    pad = 0.8 * credits_px  # the pale band's padding, both sides together
    most_h = CREDITS_MAX_SHARE * height
    # beside the scale bar; across the whole width, with the bar above, when that is too tall;
    # and when even that is, the last sources are counted instead of drawn over the city
    kept = list(credits)
    beside = True
    while True:
        note = [more_sources(len(credits) - len(kept))] if len(kept) < len(credits) else []
        room = width - 2 * m - (scale_w + gap if beside else 0)
        text = wrap_parts(kept + note, room - pad, credits_px, measure)
        cw, ch = measure(text, credits_px)
        cw, ch = cw + pad, ch + 0.4 * credits_px
        if ch <= most_h or not kept:
            break
        if beside:
            beside = False
        else:
            kept.pop()
    credits_rect = Rect(width - m - cw, m, cw, ch)
    if not beside:
        scale_bar = Rect(m, credits_rect.top + 0.5 * gap, scale_w, scale_h)

    band_top = max(scale_bar.top, credits_rect.top)
    title_px = font_px(TITLE_PX, height)
    title_text = wrap_parts([title], max(0.0, north.x - gap - m), title_px, measure)
    tw, th = measure(title_text, title_px)
    title_rect = Rect(m, height - m - th, tw, th)

    layout = Layout(
        width=width,
        height=height,
        scale=s,
        title=title_rect,
        title_text=title_text,
        title_px=title_px,
        north=north,
        north_px=north_px,
        scale_bar=scale_bar,
        scale_bar_max_px=bar_max,
        scale_label_px=scale_label_px,
        credits=credits_rect,
        credits_text=text,
        credits_px=credits_px,
        label_px=font_px(LABEL_PX, height),
        credits_left_out=len(credits) - len(kept),
    )
    if legend:
        area_bottom = band_top + gap
        for area_top in (north.y - gap, min(north.y, title_rect.y) - gap):
            area = Rect(m, area_bottom, width - 2 * m, max(0.0, area_top - area_bottom))
            box, slots, left_out = _layout_legend(legend, area, s_box, measure)
            if box is None or not box.intersects(title_rect):
                break
        layout.legend, layout.legend_slots, layout.legend_left_out = box, slots, left_out
    return layout


__all__ = [
    "Layout",
    "LegendSlot",
    "Rect",
    "TextMeasure",
    "compute_layout",
    "estimate_text",
    "font_px",
    "scale_label",
]
