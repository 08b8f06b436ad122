"""Layout rules of the schedule chart (工程表), shared by the timeline widget and reports.

No Qt and no reportlab here: plain numbers in whatever unit the caller draws
in (device-independent pixels on screen, points in a PDF). The timeline widget
and the 一覧及び工程 report both take from this module which fiscal years and
periods to show, how rows are grouped under viewpoints, how a schedule turns
into bars and where a bar sits inside its cells, so the screen and the paper
chart agree.

Sizes are given in *em* (multiples of the body font's line height or
character width) so that the chart grows with the font size.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .model import Measure, Period, Plan, PlanData, RatingLevel

# --------------------------------------------------------------- proportions
#: Row height as a multiple of the font's line height.
ROW_HEIGHT_LINES = 1.6
#: Height of a phase bar as a fraction of the row height (centred vertically).
BAR_HEIGHT_RATIO = 0.62
#: Gap left and right of a bar as a fraction of the column width; bars of
#: different phases in neighbouring years therefore never touch.
BAR_INSET_RATIO = 0.04
#: Width of the grab zone at each end of a bar, as a fraction of the column
#: width (at least *BAR_HANDLE_MIN* units).
BAR_HANDLE_RATIO = 0.18
BAR_HANDLE_MIN = 5.0
#: Natural column width in character widths of the body font: room for
#: "令和13年度" with padding.
COLUMN_CHARS = 6.5
#: Width of the measure label column in character widths.
LABEL_CHARS = 20.0
#: Header bands: period name, era year label, western year.
HEADER_BANDS = 3
#: Diameter of a rating badge as a fraction of the row height.
BADGE_RATIO = 0.64


# ------------------------------------------------------------------- years
def chart_years(plan: Plan) -> list[int]:
    """The fiscal years the chart has a column for: the whole plan period."""
    return plan.fiscal_years


@dataclass(frozen=True)
class PeriodSpan:
    """A period clipped to the chart: columns *first*..*last* (indices, inclusive)."""

    period: Period
    first: int
    last: int


def period_spans(plan: Plan, years: Sequence[int] | None = None) -> list[PeriodSpan]:
    """Periods that overlap the chart's years, in column order."""
    years = list(years if years is not None else chart_years(plan))
    if not years:
        return []
    out = []
    for p in plan.periods:
        cols = [i for i, fy in enumerate(years) if p.fy_start <= fy <= p.fy_end]
        if cols:
            out.append(PeriodSpan(p, cols[0], cols[-1]))
    out.sort(key=lambda s: s.first)
    return out


def period_boundaries(plan: Plan, years: Sequence[int] | None = None) -> list[int]:
    """Column indices at whose left edge a new period starts (never column 0)."""
    return [s.first for s in period_spans(plan, years) if s.first > 0]


# -------------------------------------------------------------------- rows
GROUP = "group"
MEASURE = "measure"


class Row(NamedTuple):
    """One chart row: a group header (at any level) or a measure. (A named tuple: the chart makes one
    per measure on every change of the rows it shows, ~0.4 µs each where a frozen dataclass took ~2 µs.)"""

    kind: str  # GROUP or MEASURE
    viewpoint: int  # the group's №; for a measure its innermost group
    measure_id: str | None = None
    depth: int = 0  # a header's level (0 = top); a measure's: the number of groups above it
    title: str = ""  # a header's text, e.g. "取組の視点1　組織・活動の活性化"


def build_rows(data: PlanData, measure_ids: Iterable[str] | None = None,
               viewpoints: Iterable[int] | None = None) -> list[Row]:
    """Rows for *measure_ids* in the given order (``None``: all, in document order).

    Groups nest: a measure is preceded by a header for each group on its path
    that the row above did not already open. With ``None`` every group gets a
    header, even one without measures (as in the plan's tree); a filtered list
    only gets headers for the groups of the measures shown (and the groups
    above them), plus the empty groups named in *viewpoints* (a tree filter
    may keep a group whose measures are all hidden), in the tree's order.
    Unknown ids are skipped.
    """
    from . import groups as G

    by_id = {m.id: m for m in data.measures}

    def header(no: int, depth: int) -> Row:
        v = data.viewpoint_by_no(no)
        return Row(GROUP, no, depth=depth, title=G.group_heading(data, v) if v is not None else str(no))

    if measure_ids is None:
        mine: dict[int, list[Measure]] = {}
        for m in data.measures:
            mine.setdefault(m.viewpoint, []).append(m)
        nodes = G.preorder(data)
        rows: list[Row] = []
        for node in nodes:
            rows.append(header(node.group.no, node.depth))
            rows.extend(Row(MEASURE, node.group.no, m.id, depth=node.depth + 1) for m in mine.pop(node.group.no, []))
        for no, ms in sorted(mine.items()):  # measures of a group the plan does not list
            rows.append(header(no, 0))
            rows.extend(Row(MEASURE, no, m.id, depth=1) for m in ms)
        return rows
    out: list[Row] = []
    path: list[int] = []
    group: int | None = None
    for mid in measure_ids:
        found = by_id.get(mid)
        if found is None:
            continue
        if found.viewpoint != group:  # the same group as the row above: no heading
            heads, path = G.headings_between(data, path, found.viewpoint)
            out.extend(header(h.group.no, h.depth) for h in heads)
            group = found.viewpoint
        out.append(Row(MEASURE, found.viewpoint, found.id, depth=len(path)))
    if viewpoints is not None:
        # Empty groups the caller wants to see take their place in the tree's order.
        rank = G.rank(data)
        shown = {r.viewpoint for r in out if r.kind == GROUP}
        for vp in sorted(viewpoints, key=lambda no: rank.get(no, len(rank) + no)):
            for depth, v in enumerate(G.path_of(data, vp) or [None]):
                no = v.no if v is not None else vp
                if no in shown:
                    continue
                key = rank.get(no, len(rank) + no)
                pos = next((i for i, r in enumerate(out)
                            if r.kind == GROUP and rank.get(r.viewpoint, len(rank) + r.viewpoint) > key), len(out))
                out.insert(pos, header(no, depth))
                shown.add(no)
    return out


# -------------------------------------------------------------------- bars
@dataclass(frozen=True)
class Bar:
    """Consecutive fiscal years of one measure in the same phase."""

    phase: str
    fy_from: int
    fy_to: int

    @property
    def years(self) -> range:
        return range(self.fy_from, self.fy_to + 1)


def schedule_map(measure: Measure) -> dict[int, str]:
    return {s.fy: s.phase for s in measure.schedule}


def bars(schedule: Mapping[int, str], years: Sequence[int]) -> list[Bar]:
    """Split a schedule into bars over the chart's *years* (consecutive, same phase)."""
    out: list[Bar] = []
    start: int | None = None
    phase: str | None = None
    prev: int | None = None
    for fy in years:
        ph = schedule.get(fy)
        if ph is not None and ph == phase and prev is not None and fy == prev + 1:
            prev = fy
            continue
        if phase is not None and start is not None and prev is not None:
            out.append(Bar(phase, start, prev))
        phase, start, prev = (ph, fy, fy) if ph is not None else (None, None, None)
    if phase is not None and start is not None and prev is not None:
        out.append(Bar(phase, start, prev))
    return out


def bar_at(schedule: Mapping[int, str], years: Sequence[int], fy: int) -> Bar | None:
    for b in bars(schedule, years):
        if b.fy_from <= fy <= b.fy_to:
            return b
    return None


# ---------------------------------------------------------------- editing
def apply_changes(schedule: Mapping[int, str], changes: Mapping[int, str | None]) -> dict[int, str]:
    out = dict(schedule)
    for fy, ph in changes.items():
        if ph is None:
            out.pop(fy, None)
        else:
            out[fy] = ph
    return out


def _diff(before: Mapping[int, str], after: Mapping[int, str]) -> dict[int, str | None]:
    changes: dict[int, str | None] = {}
    for fy in sorted(set(before) | set(after)):
        if before.get(fy) != after.get(fy):
            changes[fy] = after.get(fy)
    return changes


def resize_bar(schedule: Mapping[int, str], bar: Bar, edge: str, target_fy: int,
               years: Sequence[int]) -> dict[int, str | None]:
    """Changes that move the *edge* ("start" or "end") of *bar* to *target_fy*.

    The bar keeps at least one year; growing over cells of another phase
    replaces them. Returns only the cells that change.
    """
    lo, hi = years[0], years[-1]
    target_fy = max(lo, min(hi, target_fy))
    new_from, new_to = bar.fy_from, bar.fy_to
    if edge == "start":
        new_from = min(target_fy, bar.fy_to)
    elif edge == "end":
        new_to = max(target_fy, bar.fy_from)
    else:
        raise ValueError(edge)
    after = dict(schedule)
    for fy in bar.years:
        after.pop(fy, None)
    for fy in range(new_from, new_to + 1):
        after[fy] = bar.phase
    return _diff(schedule, after)


def move_bar(schedule: Mapping[int, str], bar: Bar, delta: int, years: Sequence[int]) -> dict[int, str | None]:
    """Changes that shift *bar* by *delta* years, kept inside the chart.

    Years the bar leaves become empty; years it lands on take its phase.
    """
    lo, hi = years[0], years[-1]
    delta = max(lo - bar.fy_from, min(hi - bar.fy_to, delta))
    if delta == 0:
        return {}
    after = dict(schedule)
    for fy in bar.years:
        after.pop(fy, None)
    for fy in bar.years:
        after[fy + delta] = bar.phase
    return _diff(schedule, after)


# ---------------------------------------------------------------- geometry
@dataclass(frozen=True)
class ChartGeometry:
    """Where things go, in one unit system, with the chart's origin at (0, 0).

    Columns start after the label column; rows start below the header.
    ``x``/``y`` values are for the unscrolled chart; callers subtract their
    scroll offsets.
    """

    years: tuple[int, ...]
    label_width: float
    column_width: float
    row_height: float
    header_height: float

    @classmethod
    def natural(cls, years: Sequence[int], line_height: float, char_width: float, *,
                label: bool = True) -> ChartGeometry:
        """The default geometry for a font of *line_height* and (CJK) *char_width*."""
        return cls(
            years=tuple(years),
            label_width=round(char_width * LABEL_CHARS) if label else 0.0,
            column_width=round(char_width * COLUMN_CHARS),
            row_height=round(line_height * ROW_HEIGHT_LINES),
            header_height=header_height_for(line_height),
        )

    @property
    def chart_width(self) -> float:
        return self.column_width * len(self.years)

    @property
    def total_width(self) -> float:
        return self.label_width + self.chart_width

    def column_left(self, index: int) -> float:
        return self.label_width + index * self.column_width

    def column_of(self, fy: int) -> int:
        return self.years.index(fy)

    def column_at(self, x: float) -> int | None:
        """Column index under *x* (chart coordinates), or None outside the columns."""
        if x < self.label_width:
            return None
        i = int((x - self.label_width) // self.column_width)
        return i if 0 <= i < len(self.years) else None

    def row_top(self, row: int) -> float:
        return self.header_height + row * self.row_height

    def row_at(self, y: float, row_count: int) -> int | None:
        if y < self.header_height:
            return None
        r = int((y - self.header_height) // self.row_height)
        return r if 0 <= r < row_count else None

    def bar_box(self, fy_from: int, fy_to: int, row_top: float) -> tuple[float, float, float, float]:
        """(x, y, width, height) of a bar over years *fy_from*..*fy_to* in a row at *row_top*."""
        inset = self.column_width * BAR_INSET_RATIO
        x0 = self.column_left(self.column_of(fy_from)) + inset
        x1 = self.column_left(self.column_of(fy_to) + 1) - inset
        h = self.row_height * BAR_HEIGHT_RATIO
        return x0, row_top + (self.row_height - h) / 2, x1 - x0, h

    def handle_width(self) -> float:
        return max(BAR_HANDLE_MIN, self.column_width * BAR_HANDLE_RATIO)

    def badge_box(self, fy: int, row_top: float) -> tuple[float, float, float, float]:
        """(x, y, w, h) of the rating badge: a circle at the right end of the cell."""
        d = self.row_height * BADGE_RATIO
        right = self.column_left(self.column_of(fy) + 1) - self.column_width * BAR_INSET_RATIO * 2
        return right - d, row_top + (self.row_height - d) / 2, d, d


def header_height_for(line_height: float) -> float:
    """Header height for *HEADER_BANDS* bands of text with some padding each."""
    return round(HEADER_BANDS * line_height * 1.3)


# ---------------------------------------------------------------- content
def rating_tone(scale: Sequence[RatingLevel], letter: str | None) -> float | None:
    """Position of *letter* in the rating scale: 0.0 best … 1.0 worst; None if unknown."""
    letters = [r.letter for r in scale]
    if letter is None or letter not in letters:
        return None
    if len(letters) == 1:
        return 0.0
    return letters.index(letter) / (len(letters) - 1)


def action_items_for(measure: Measure, fy: int) -> list[tuple[str, list[str]]]:
    """The 年度別行動計画 items that apply to *fy*: (text, sub-items) in plan order."""
    out = []
    for block in measure.blocks_for(fy):
        for it in block.items:
            out.append((it.text, list(it.sub)))
    return out


def overwritten_phases(schedule: Mapping[int, str], changes: Mapping[int, str | None]) -> dict[int, tuple[str, str]]:
    """Years where *changes* would put a phase over a different one: {fy: (old, new)}.

    Years that a change empties, or that were empty, are not overwritten; a
    drag that replaces another phase must say so before it happens.
    """
    out: dict[int, tuple[str, str]] = {}
    for fy, new in sorted(changes.items()):
        old = schedule.get(fy)
        if old is not None and new is not None and old != new:
            out[fy] = (old, new)
    return out


def describe_overwrite(overwritten: Mapping[int, tuple[str, str]]) -> str:
    """「令和9年度の検証・策定」を「実施」に置き換えます — one line per year."""
    from .fiscal import fy_label

    return "\n".join(f"{fy_label(fy)}の「{old}」を「{new}」に置き換えます" for fy, (old, new) in overwritten.items())
