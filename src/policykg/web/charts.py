"""Charts as inline SVG, drawn by our own code: data in, SVG markup out.

Two kinds of chart, each a pure function of its data:
- :func:`bar_rows`: horizontal bars grouped in rows, each row scaled to its own largest value (the
  targets of 2021 beside the actuals of 2020 have a different unit in every row: 亿元, 万亩, 家, %);
- :func:`timeline`: one indicator across periods, x the periods in calendar order and y the values in
  one unit, a series per subject, actuals as filled circles, estimates as hollow circles and targets
  as hollow diamonds.

The workbench's Content Security Policy forbids inline style, so the markup uses SVG presentation
attributes (``fill``, ``stroke``, ``font-size``) and CSS classes only, never ``style=``; the font
family comes from ``static/workbench.css``. Every text is escaped with :mod:`markupsafe`, the output
is the same for the same data (no ids, no random numbers, numbers written with fixed precision), and
each chart is sized by its ``viewBox`` so that it scales to the page. Every mark carries
``class="mark <kind>"`` so that a test (or a script) can count them.

>>> svg = bar_rows([BarRow("粮食播种面积", "衡阳市", "万亩", (
...     Bar(7460000, "746万亩", "actual", "#1a7f37", "#1a7f37"),
...     Bar(8000000, "800万亩", "target", "#0b5cad", "#0b5cad")))], title="目标 <2021>")
>>> svg.count('class="mark ')
2
>>> "&lt;2021&gt;" in svg and "style=" not in svg
True
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

#: Series colours (Okabe and Ito's palette, readable by colour-blind readers), in the order series are drawn.
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#999999")
INK, MUTED, GRID = "#1f2328", "#59636e", "#d1d9e0"


# ---------------------------------------------------------------------------------------------
# Bars in rows
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Bar:
    """One bar: its value (in the row's unit), the value as written (its label), its mark class and look."""

    value: float
    text: str
    kind: str                 # the mark's class after "mark ": "actual", "target", "figure"…
    fill: str                 # a colour, or "none" for an outline
    stroke: str
    dashed: bool = False
    note: str = ""            # the tooltip (<title>): source, comparator, commitment…
    data: tuple[tuple[str, str], ...] = ()   # (name, value) pairs written as data-name="value"


@dataclass(frozen=True)
class BarRow:
    """One row of bars: what it measures (label, sublabel) and its unit in words."""

    label: str
    sublabel: str
    unit: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class LegendItem:
    """One entry of a legend: a swatch drawn like the marks it explains, and its text."""

    text: str
    shape: str                # "bar", "line", "circle" or "diamond"
    fill: str
    stroke: str
    dashed: bool = False


BAR_WIDTH = 960
_LABEL_WIDTH, _VALUE_ROOM, _BAR_HEIGHT, _BAR_GAP = 300, 150, 14, 4


def bar_rows(rows: Sequence[BarRow], *, title: str, legend: Sequence[LegendItem] = ()) -> Markup:
    """Horizontal bars, a row per item, each row scaled to its own largest value.

    A row shows its label, its sublabel and unit under it, and a bar per value with the value as
    written beside the bar's end. Rows of different units share no axis: a bar is as long, relative
    to the plot's width, as its value is relative to the largest value of its own row (a zero is a
    bar of no length, still labelled).
    """
    plot_left = _LABEL_WIDTH + 12
    plot_width = BAR_WIDTH - plot_left - _VALUE_ROOM
    legend_markup, legend_bottom = _legend(legend, 0, 6)
    top = legend_bottom + 10 if legend else 8
    parts: list[str] = []
    y = top
    for row in rows:
        height = _row_height(row)
        largest = max((abs(bar.value) for bar in row.bars), default=0) or 1
        parts.append(f'<g class="row"><line class="grid" x1="0" x2="{BAR_WIDTH}" y1="{_n(y)}" y2="{_n(y)}" '
                     f'stroke="{GRID}" stroke-width="1"/>')
        parts.append(_text(_fit(row.label, _LABEL_WIDTH, 13), 0, y + 17, size=13, cls="label", full=row.label))
        under = " · ".join(part for part in (row.sublabel, row.unit) if part)
        parts.append(_text(_fit(under, _LABEL_WIDTH, 11), 0, y + 33, size=11, cls="sublabel", fill=MUTED, full=under))
        bar_y = y + 8
        for bar in row.bars:
            width = abs(bar.value) / largest * plot_width
            attributes = "".join(f' data-{name}="{escape(value)}"' for name, value in bar.data)
            dash = ' stroke-dasharray="4 2"' if bar.dashed else ""
            tip = f"<title>{escape(bar.note or bar.text)}</title>" if (bar.note or bar.text) else ""
            parts.append(f'<rect class="mark {escape(bar.kind)}" x="{plot_left}" y="{_n(bar_y)}" width="{_n(width)}" '
                         f'height="{_BAR_HEIGHT}" fill="{escape(bar.fill)}" stroke="{escape(bar.stroke)}" '
                         f'stroke-width="1.5"{dash}{attributes}>{tip}</rect>')
            parts.append(_text(bar.text, plot_left + width + 6, bar_y + _BAR_HEIGHT - 3, size=12, cls="value"))
            bar_y += _BAR_HEIGHT + _BAR_GAP
        parts.append("</g>")
        y += height
    height = y + 8
    return _svg(BAR_WIDTH, height, title, legend_markup + "".join(parts), "chart bars")


def _row_height(row: BarRow) -> int:
    bars = len(row.bars) * (_BAR_HEIGHT + _BAR_GAP) + 12
    return max(bars, 44)


# ---------------------------------------------------------------------------------------------
# A timeline
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Point:
    """One mark of a timeline: its period (a key of the chart's periods), value, label and status."""

    period: str
    value: float
    text: str
    status: str               # "actual", "estimate" or "target": the mark's class and shape
    note: str = ""


@dataclass(frozen=True)
class Series:
    """The points of one subject (one colour, joined by a line in period order)."""

    name: str
    points: tuple[Point, ...]


TIMELINE_WIDTH, PLOT_HEIGHT = 600, 190
_LEFT, _RIGHT, _BOTTOM = 76, 24, 52


def timeline(periods: Sequence[tuple[str, str]], series: Sequence[Series], *, title: str, axis_label: str,
             scale: float = 1, invert: bool = False, status_names: dict[str, str] | None = None) -> Markup:
    """Values across periods: x the ``periods`` ((key, label) pairs, in order), y the values in one unit.

    ``axis_label`` names the unit of the y axis, whose tick labels are the values divided by ``scale``
    (1e8 for an axis in 亿元); ``invert`` puts the smallest value on top (ranks: 1 is best). Each series
    has its colour, its points joined in period order; ``status_names`` names the mark shapes in the
    legend (``{"actual": "实际", …}``), and each mark is labelled with its value as written.
    """
    legend = [LegendItem(s.name, "line", PALETTE[n % len(PALETTE)], PALETTE[n % len(PALETTE)]) for n, s in enumerate(series)]
    shown = {point.status for s in series for point in s.points}
    for status, name in (status_names or {}).items():
        if status in shown:
            legend.append(LegendItem(name, _SHAPES[status], *_STATUS_LOOK[status]))
    legend_markup, legend_bottom = _legend(legend, _LEFT, 6, width=TIMELINE_WIDTH - _LEFT)
    top = legend_bottom + 34
    height = top + PLOT_HEIGHT + _BOTTOM
    keys = [key for key, _ in periods]
    slot = (TIMELINE_WIDTH - _LEFT - _RIGHT) / max(len(keys), 1)
    values = [point.value for s in series for point in s.points]
    low, high, ticks = _axis(values, invert)

    def x_of(key: str) -> float:
        return _LEFT + (keys.index(key) + 0.5) * slot

    def y_of(value: float) -> float:
        span = (high - low) or 1
        share = (value - low) / span
        return top + (share if invert else 1 - share) * PLOT_HEIGHT

    parts: list[str] = []
    for tick in ticks:
        ty = y_of(tick)
        parts.append(f'<line class="grid" x1="{_LEFT}" x2="{TIMELINE_WIDTH - _RIGHT}" y1="{_n(ty)}" y2="{_n(ty)}" '
                     f'stroke="{GRID}" stroke-width="1"/>')
        parts.append(_text(_number(tick / scale), _LEFT - 6, ty + 4, size=12, anchor="end", cls="tick", fill=MUTED))
    bottom = top + PLOT_HEIGHT
    parts.append(f'<line class="axis" x1="{_LEFT}" x2="{_LEFT}" y1="{top - 6}" y2="{bottom}" stroke="{MUTED}" stroke-width="1"/>')
    parts.append(f'<line class="axis" x1="{_LEFT}" x2="{TIMELINE_WIDTH - _RIGHT}" y1="{bottom}" y2="{bottom}" '
                 f'stroke="{MUTED}" stroke-width="1"/>')
    parts.append(_text(axis_label, 8, top - 14, size=12, cls="axis-label", fill=MUTED))
    for key, label in periods:
        lines = _wrap(label, slot - 6, 12)
        for number, line in enumerate(lines):
            parts.append(_text(line, x_of(key), bottom + 16 + 14 * number, size=12, anchor="middle", cls="period"))
    labels: list[tuple[float, float, str]] = []
    for number, s in enumerate(series):
        colour = PALETTE[number % len(PALETTE)]
        ordered = sorted(s.points, key=lambda point: keys.index(point.period))
        if len(ordered) > 1:
            line = " ".join(f"{_n(x_of(p.period))},{_n(y_of(p.value))}" for p in ordered)
            parts.append(f'<polyline class="series-line" points="{line}" fill="none" stroke="{colour}" stroke-width="1.5" '
                         f'stroke-opacity="0.6"/>')
        for point in ordered:
            px, py = x_of(point.period), y_of(point.value)
            parts.append(_mark(point, px, py, colour, s.name))
            labels.append((px, py, point.text))
    parts += _place_labels(labels)
    return _svg(TIMELINE_WIDTH, height, title, legend_markup + "".join(parts), "chart timeline")


def _place_labels(labels: list[tuple[float, float, str]]) -> list[str]:
    """The value labels of the marks: above each mark, else to its right, else to its left, so that
    labels of marks close together in one period do not overlap (the topmost mark is labelled first)."""
    placed: list[tuple[str, float, float]] = []   # (side, x, y) of the labels drawn
    parts = []
    marks = [(x, y) for x, y, _ in labels]
    for x, y, text in sorted(labels, key=lambda label: (label[0], label[1], label[2])):
        for side, ly in (("above", y - 10), ("right", y + 4), ("left", y + 4)):
            on_label = any(other_side == side and abs(other_x - x) < 1 and abs(other_y - ly) < 15
                           for other_side, other_x, other_y in placed)
            on_mark = side == "above" and any(abs(mark_x - x) < 1 and mark_y != y and abs(mark_y - (ly - 4)) < 11
                                              for mark_x, mark_y in marks)
            if not (on_label or on_mark):
                break
        else:
            side, ly = "above", y - 10
        placed.append((side, x, ly))
        if side == "above":
            parts.append(_text(text, x, ly, size=13, anchor="middle", cls="value"))
        else:
            parts.append(_text(text, x + 9 if side == "right" else x - 9, ly, size=13,
                               anchor="start" if side == "right" else "end", cls="value"))
    return parts


_SHAPES = {"actual": "circle", "estimate": "circle", "target": "diamond"}
#: How a status is drawn in the legend: (fill, stroke); the marks take the series colour instead.
_STATUS_LOOK = {"actual": (INK, INK), "estimate": ("#ffffff", INK), "target": ("#ffffff", INK)}


def _mark(point: Point, x: float, y: float, colour: str, series: str) -> str:
    tip = f"<title>{escape(' · '.join(part for part in (series, point.text, point.note) if part))}</title>"
    status = escape(point.status)
    data = f' data-period="{escape(point.period)}"'
    if point.status == "target":
        r = 6.5
        shape = f"{_n(x)},{_n(y - r)} {_n(x + r)},{_n(y)} {_n(x)},{_n(y + r)} {_n(x - r)},{_n(y)}"
        return (f'<polygon class="mark {status}" points="{shape}" fill="#ffffff" stroke="{colour}" stroke-width="2"'
                f'{data}>{tip}</polygon>')
    fill = colour if point.status == "actual" else "#ffffff"
    return (f'<circle class="mark {status}" cx="{_n(x)}" cy="{_n(y)}" r="5" fill="{fill}" stroke="{colour}" '
            f'stroke-width="2"{data}>{tip}</circle>')


def _axis(values: Sequence[float], invert: bool) -> tuple[float, float, list[float]]:
    """The y range and its ticks: from 0 (or the smallest negative value) to a round number above the largest.

    >>> _axis([1.7, 4.3], False)
    (0, 5.0, [0.0, 1.0, 2.0, 3.0, 4.0, 5.0])
    >>> _axis([1, 2, 1], True)
    (0.5, 2.5, [1, 2])
    """
    if not values:
        return 0, 1, [0.0, 1.0]
    if invert:  # ranks: whole numbers from 1 down the page
        high = max(2, math.ceil(max(values)))
        step = max(1, math.ceil((high - 1) / 5))
        return 0.5, high + 0.5, list(range(1, high + 1, step))
    low = min(0.0, min(values))
    high = max(values)
    if high <= low:
        high = low + 1
    step = _nice_step((high - low) / 5)
    low = math.floor(low / step) * step
    high = math.ceil(high / step - 1e-9) * step
    count = round((high - low) / step)
    return (0 if low == 0 else low), high, [round(low + step * i, 10) for i in range(count + 1)]


def _nice_step(rough: float) -> float:
    """The round step (1, 2 or 5 times a power of ten) nearest above ``rough``."""
    power = 10 ** math.floor(math.log10(rough))
    for factor in (1, 2, 5, 10):
        if factor * power >= rough - 1e-12:
            return float(factor * power)
    return float(10 * power)


# ---------------------------------------------------------------------------------------------
# Shared pieces
# ---------------------------------------------------------------------------------------------

def _svg(width: int, height: float, title: str, body: str, cls: str) -> Markup:
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" class="{cls}" viewBox="0 0 {width} {_n(height)}" '
                  f'role="img" aria-label="{escape(title)}" preserveAspectRatio="xMinYMin meet">'
                  f'<title>{escape(title)}</title>{body}</svg>')


def _legend(items: Sequence[LegendItem], x: float, y: float, width: float = BAR_WIDTH) -> tuple[str, float]:
    """The legend on one line (wrapping when it is too long): a swatch and a text per item; and the y below it."""
    parts: list[str] = []
    left = x
    for item in items:
        room = 26 + _text_width(item.text, 12) + 18
        if left + room > x + width and left > x:
            left, y = x, y + 18
        dash = ' stroke-dasharray="4 2"' if item.dashed else ""
        if item.shape == "bar":
            parts.append(f'<rect class="swatch" x="{_n(left)}" y="{_n(y + 2)}" width="20" height="11" fill="{item.fill}" '
                         f'stroke="{item.stroke}" stroke-width="1.5"{dash}/>')
        elif item.shape == "line":
            parts.append(f'<line class="swatch" x1="{_n(left)}" x2="{_n(left + 20)}" y1="{_n(y + 8)}" y2="{_n(y + 8)}" '
                         f'stroke="{item.stroke}" stroke-width="3"/>')
        elif item.shape == "diamond":
            cx, cy = left + 10, y + 8
            parts.append(f'<polygon class="swatch" points="{_n(cx)},{_n(cy - 6)} {_n(cx + 6)},{_n(cy)} {_n(cx)},{_n(cy + 6)} '
                         f'{_n(cx - 6)},{_n(cy)}" fill="{item.fill}" stroke="{item.stroke}" stroke-width="2"/>')
        else:
            parts.append(f'<circle class="swatch" cx="{_n(left + 10)}" cy="{_n(y + 8)}" r="5" fill="{item.fill}" '
                         f'stroke="{item.stroke}" stroke-width="2"/>')
        parts.append(_text(item.text, left + 26, y + 12, size=12, cls="legend"))
        left += room
    if not parts:
        return "", y
    return f'<g class="legend">{"".join(parts)}</g>', y + 16


def _text(text: str, x: float, y: float, *, size: int, cls: str, anchor: str = "start", fill: str = INK,
          full: str = "") -> str:
    """A <text> element; ``full`` (when the shown text was shortened) becomes its tooltip."""
    anchor_attribute = "" if anchor == "start" else f' text-anchor="{anchor}"'
    tip = f"<title>{escape(full)}</title>" if full and full != text else ""
    return (f'<text class="{cls}" x="{_n(x)}" y="{_n(y)}" font-size="{size}" fill="{fill}"{anchor_attribute}>'
            f'{tip}{escape(text)}</text>')


def _text_width(text: str, size: float) -> float:
    """About how wide ``text`` is drawn at ``size``: a CJK character is a full em, others about 0.6 em."""
    return sum(size if ord(char) >= 0x2E80 else size * 0.6 for char in text)


def _fit(text: str, width: float, size: float) -> str:
    """``text``, shortened with an ellipsis to fit ``width``.

    >>> _fit("新增规模以上工业企业", 60, 12)
    '新增规模…'
    """
    if _text_width(text, size) <= width:
        return text
    while text and _text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


def _wrap(text: str, width: float, size: float, lines: int = 3) -> list[str]:
    """``text`` on at most ``lines`` lines of ``width``, broken between words; the last line shortened if need be.

    >>> _wrap("2020, January to September", 90, 11)
    ['2020, January', 'to September']
    >>> _wrap("2020年前三季度", 200, 11)
    ['2020年前三季度']
    """
    if _text_width(text, size) <= width or " " not in text:
        return [_fit(text, width, size)]
    result: list[str] = []
    for word in text.split(" "):
        if result and _text_width(result[-1] + " " + word, size) <= width:
            result[-1] += " " + word
        else:
            result.append(word)
    if len(result) > lines:
        result = result[:lines - 1] + [" ".join(result[lines - 1:])]
    return [_fit(line, width, size) for line in result]


def _n(number: float) -> str:
    """A coordinate with at most one decimal, the same text for the same number.

    >>> _n(12.0), _n(3.14159), _n(-0.04)
    ('12', '3.1', '0')
    """
    text = f"{number:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _number(value: float) -> str:
    """A tick label: up to three significant decimals, no trailing zeros.

    >>> _number(3500.0), _number(1.25), _number(0.1 + 0.2)
    ('3500', '1.25', '0.3')
    """
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
