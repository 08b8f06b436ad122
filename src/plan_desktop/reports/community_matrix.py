"""Per-community progress (学区別の進捗 in the bundled plan): one A4 landscape page per per-community measure, community × fiscal year.

Each cell shows the status entered for that year (and its note, small);
years without an entry show the status carried from an earlier year in grey.
The summary sentence of the last year heads the page. Row height and type
size shrink with the number of communities so the matrix stays on one page.
"""

from __future__ import annotations

import datetime as _dt

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer
from reportlab.platypus.flowables import SetTopFlowables

from ..domain import communities as C
from ..domain.communities import as_of_label, as_of_year, matrix_years
from ..domain.fiscal import fy_range_label, fy_short
from ..domain.model import Measure, PlanData
from ..domain.periods import period_years
from . import styles as S
from .base import Anchor, ReportOptions, ReportResult, build_pdf, new_context
from .flow import Paragraph
from .fonts import FontSet
from .text import TextContext

# A light colour per option position; "done" gets green whatever its position.
_OPTION_TINTS = ["#fde2c4", "#d6e6f7", "#e4d9f2", "#f7d6e0", "#e0e0e0", "#fff2b3"]
_DONE_TINT = "#cdebc5"


def _tint(m: Measure, status: str) -> str:
    setup = m.community
    if setup and setup.done == status:
        return _DONE_TINT
    options = setup.options if setup else []
    i = options.index(status) if status in options else -1
    return _OPTION_TINTS[i % len(_OPTION_TINTS)] if i >= 0 else "#ffffff"


def type_size(communities: int) -> float:
    """Smaller type for more communities, never under 7 pt (a long list runs onto more pages)."""
    return 8.5 if communities <= 12 else 8.0 if communities <= 20 else 7.5 if communities <= 30 else 7.0


def matrix_story(data: PlanData, m: Measure, years: list[int], ctx: TextContext, width: float,
                 today: _dt.date) -> list:
    communities = data.communities
    n = max(len(communities), 1)
    size = type_size(n)
    note_size = max(7.0, size - 1)
    title = S.style("mh", 13, leading=18)
    as_of = as_of_year(data, m, years)
    sentence = C.summary_sentence(data, m, as_of)
    unit = data.terms.community_unit
    heading = f"{unit}別の進捗　{ctx.markup(m.display_title, f'№{m.label}')}"
    story = [
        Anchor(f"m{m.no}", m.display_title, 0),
        Paragraph(heading, title),
        Paragraph(f"{as_of_label(as_of, today)}：<b>{ctx.markup(sentence, '集計')}</b>", S.style("ms", 10, leading=15)),
        Spacer(1, 2 * mm),
        SetTopFlowables([Paragraph(heading + '<font color="#555555">（続き）</font>', S.style("mhc", 10, leading=14)),
                         Spacer(1, 1.5 * mm)]),
    ]
    w_name = 28 * mm
    w = (width - w_name) / len(years)
    rows: list[list] = [[unit, *[f"{fy_short(fy)}（{fy}）" for fy in years]]]
    cmds: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), ctx.fonts.name, size, size * 1.25),
        ("BACKGROUND", (0, 0), (-1, 0), S.LABEL_BG),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BOX", (0, 0), (-1, -1), 0.9, S.RULE),
        ("INNERGRID", (0, 0), (-1, -1), 0.45, S.RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    cell_style = S.style("mc", size, leading=size * 1.25, align="centre")
    note_colour = "#555555"
    for r, c in enumerate(communities, start=1):
        row: list = [Paragraph(ctx.markup(c.name, unit), S.style("mn", size, leading=size * 1.25))]
        for col, fy in enumerate(years, start=1):
            e = C.entry_for(data, m.id, c.id, fy)
            if e is not None and (e.status or e.note):
                text = ctx.markup(e.status or "", "状況")
                if e.note:
                    text += f'<br/><font size="{note_size:.1f}" color="{note_colour}">{ctx.markup(e.note, "備考")}</font>'
                row.append(Paragraph(text, cell_style))
                if e.status:
                    cmds.append(("BACKGROUND", (col, r), (col, r), S.safe_colour(_tint(m, e.status))))
            else:
                carried = C.status_as_of(data, m.id, c.id, fy)
                row.append(Paragraph(f'<font color="#9a9a9a">{ctx.markup(carried, "状況")}</font>' if carried else "",
                                     cell_style))
        rows.append(row)
    if not communities:
        rows.append([Paragraph(f"{unit}が登録されていません", cell_style)] + [""] * len(years))
    story.append(S.table(rows, [w_name] + [w] * len(years), cmds, repeatRows=1, hAlign="LEFT"))
    setup = m.community
    if setup:
        legend = "　".join(ctx.markup(o, "選択肢") + ("（達成）" if o == setup.done else "") for o in setup.options)
        story += [Spacer(1, 1.5 * mm),
                  Paragraph(f"選択肢：{legend}　灰色の文字は前の年度から引き続きの状況。", S.style("ml", 7.5, color="#555555"))]
    story.append(SetTopFlowables([]))
    return story


def build_community_matrix(data: PlanData, measures: list[Measure] | None = None, *,
                           period: str | None = None, options: ReportOptions | None = None,
                           fonts: FontSet | None = None) -> ReportResult:
    """One page per per-community measure (all of them when *measures* is None)."""
    options = options or ReportOptions()
    chosen = measures if measures is not None else C.community_measures(data)
    chosen = [m for m in chosen if m.community is not None]
    unit, word = data.terms.community_unit, data.terms.measure
    if not chosen:
        raise ValueError(f"{unit}別の{word}がありません（{word}ごとに「{unit}別に進捗を記録」を設定してください）")
    ctx = new_context(fonts)
    setup = S.PageSetup("A4", "landscape")
    story: list = []
    for i, m in enumerate(chosen):
        years = period_years(data, period) if period else matrix_years(data, m)
        if i:
            story.append(PageBreak())
        story += matrix_story(data, m, years, ctx, setup.frame_width, options.date())
    first = matrix_years(data, chosen[0])
    return build_pdf(
        story, setup=setup, ctx=ctx, options=options,
        header_left=data.plan.title, header_right=f"{unit}別の進捗",
        title=f"{unit}別の進捗", subject=f"{data.plan.title} {unit}別の進捗（{fy_range_label(first[0], first[-1])}）",
        keywords=[f"{unit}別の進捗"], show_outline=len(chosen) > 1, suggested_name=f"{unit}別の進捗.pdf",
    )
