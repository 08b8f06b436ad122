"""進捗状況評価シート: one measure and one fiscal year per sheet, singly or in batches.

A sheet is a stack of two-column tables (label | content) in the style of a
city's evaluation form. Rows split inside long cells (``splitInRow``) so
any amount of text flows onto following pages. The blank form (記入用) is
the same sheet with the evaluation boxes left empty and ruled for writing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer, Table

from ..domain.fiscal import date_label, fy_label, fy_range_label, fy_short
from ..domain.evaluation import achievement_rate, format_number, format_rate
from ..domain.model import DIRECTIONS, PROGRESS_STATES, Evaluation, Measure, PlanData
from . import styles as S
from .base import Anchor, PageRef, ProgressTick, ReportOptions, ReportResult, build_pdf, new_context
from .common import check_fiscal_year, describe_numbers, phase_colours, schedule_years, viewpoint_label
from .flow import THICK, THIN, LabeledRow, Paragraph, WritingLines, append_chunked, chunk_row, label_lines
from .fonts import FontSet
from .text import IDEOGRAPHIC_SPACE, TextContext, cell

GAP = IDEOGRAPHIC_SPACE * 2  # between check boxes, in our own markup

LABEL_W = 29 * mm
PAD = 3.2


def _unknown_extras(e: Evaluation | None) -> list[tuple[str, object]]:
    """Fields kept in ``Evaluation.extra`` (forward compatibility): printed under
    その他 so that nothing recorded is silently left off the sheet."""
    if e is None or not e.extra:
        return []
    return [(k, v) for k, v in e.extra.items() if v not in (None, "", [], {})]


def _date_text(v) -> str:
    if not v:
        return ""
    import datetime as _dt

    try:
        return date_label(_dt.date.fromisoformat(str(v)[:10]))
    except ValueError:
        return str(v)


class SheetBuilder:
    """Flowables for evaluation sheets of one plan and fiscal year."""

    def __init__(self, data: PlanData, fy: int, ctx: TextContext, width: float, *, blank: bool = False):
        self.data = data
        self.fy = fy
        self.ctx = ctx
        self.width = width
        self.blank = blank
        self.content_w = width - LABEL_W
        self.years = schedule_years(data, fy)
        self.colours = phase_colours(data)

    # --------------------------------------------------------------- pieces
    def p(self, text: str | None, where: str, st=None) -> Paragraph:
        return Paragraph(self.ctx.markup(text, where), st or S.body())

    def raw(self, markup: str, st=None) -> Paragraph:
        """A paragraph from markup we wrote ourselves (user parts already escaped)."""
        return Paragraph(markup.replace("\u3000", IDEOGRAPHIC_SPACE), st or S.body())

    def lab(self, text: str) -> str:
        """A label cell: a plain string (no paragraph layout needed, and much faster)."""
        return text

    def short(self, text: str | None, where: str, width: float, size: float):
        return cell(self.ctx, text, where, width, size)

    def esc(self, text: str | None, where: str) -> str:
        return self.ctx.markup(text, where)

    def checks(self, options: Sequence[str], selected: str | None, where: str) -> Paragraph:
        parts = []
        for opt in options:
            mark = "■" if (not self.blank and selected == opt) else "□"
            parts.append(f"{mark}&nbsp;{self.esc(opt, where)}")
        if not self.blank and selected and selected not in options:
            parts.append(f"■&nbsp;{self.esc(selected, where)}")
        return self.raw(GAP.join(parts))

    # --------------------------------------------------------------- blocks
    def rows(self, rows: list[list], *, keep: bool = False) -> list[Flowable]:
        """Form rows (label | content) stacked into one box; each splits on its own."""
        out: list[Flowable] = []
        last = len(rows) - 1
        for i, (label, content) in enumerate(rows):
            content = content if isinstance(content, list) else [content]
            row = LabeledRow(label_lines(label), content, label_w=LABEL_W, font=self.ctx.fonts.name, pad=PAD,
                             top_w=THICK if i == 0 else THIN, bottom_w=THICK if i == last else THIN)
            # a blank form's rows are short: never cut a writing box in two
            out.append(KeepTogether([row]) if keep else row)
        return out

    def title_block(self, m: Measure) -> Flowable:
        where = f"№{m.no} 名称"
        prio = '<font color="#c0392b">【重点】</font>' if m.priority else ""
        title = self.raw(prio + self.esc(m.title, where), S.style("title", 13.5, leading=19))
        no_size = 15 if len(str(m.no)) <= 4 else 11
        return LabeledRow([("推進事項", 8.5), (f"№{m.no}", no_size)], [Spacer(1, 1.5), title, Spacer(1, 2)],
                          label_w=LABEL_W, font=self.ctx.fonts.name, pad=PAD, top_w=THICK, bottom_w=THICK)

    def relations(self, m: Measure) -> list[Flowable]:
        if not self.data.proposals:
            marks = "　".join(f"{k}: {v}" for k, v in sorted(m.proposals.items()))
            return [self.p(marks or "－", f"№{m.no} 提言")]
        n = len(self.data.proposals)
        legend_w = 34 * mm
        each = (self.content_w - 2 * PAD - legend_w) / n
        head, row, long_names = [], [], []
        for pr in self.data.proposals:
            name = self.short(pr.short or pr.title, "提言", each - 4, 7.5)
            if isinstance(name, str):
                head.append(f"提言{S.roman(pr.no)}\n{name}")
            else:  # too long for the header: the full name is printed under the table
                head.append(f"提言{S.roman(pr.no)}")
                long_names.append(pr)
            row.append(self.short(m.proposals.get(pr.no, ""), f"№{m.no} 提言", each - 4, 11))
        legend = "◎ 特に関連が強いもの\n○ 関連があるもの"
        widths = [each] * n + [legend_w]
        rows = [head + [legend], *chunk_row(row + [""], widths, 120)]
        t = S.table(rows, widths, hAlign="LEFT", cmds=[
            ("FONT", (0, 0), (-1, 0), self.ctx.fonts.name, 7.5, 9.5),
            ("FONT", (0, 1), (-1, -1), self.ctx.fonts.name, 11, 13),
            ("FONT", (n, 0), (n, 1), self.ctx.fonts.name, 7, 9),
            ("TEXTCOLOR", (n, 0), (n, 1), S.MUTED),
            ("ALIGN", (0, 0), (n - 1, -1), "CENTER"),
            ("BOX", (0, 0), (n - 1, -1), 0.4, S.HAIRLINE),
            ("LINEAFTER", (0, 0), (n - 2, -1), 0.4, S.HAIRLINE),
            ("LINEBELOW", (0, 0), (n - 1, 0), 0.4, S.HAIRLINE),
            ("BACKGROUND", (0, 0), (n - 1, 0), S.GROUP_BG),
            ("SPAN", (n, 0), (n, 1)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ])
        notes = [self.raw(f"提言{S.roman(pr.no)}：{self.esc(pr.short or pr.title, '提言')}", S.body(8))
                 for pr in long_names]
        return [t, *notes]

    def action_plan(self, m: Measure) -> list[Flowable]:
        blocks = m.blocks_for(self.fy)
        where = f"№{m.no} 年度別行動計画"
        if not blocks:
            return [self.raw("（この年度の行動計画は登録されていません）", S.body(color="#666666"))]
        out: list[Flowable] = []
        for b in blocks:
            out.append(self.raw(fy_range_label(b.fy_from, b.fy_to), S.style("range", 7.5, color="#555555")))
            for item in b.items:
                out.append(self.raw("◆" + self.esc(item.text, where), S.body(indent=9.5, first_indent=-9.5)))
                for sub in item.sub:
                    out.append(self.raw("・" + self.esc(sub, where), S.body(indent=19, first_indent=-9.5)))
        return out

    def schedule_row(self, m: Measure) -> Table:
        years = self.years
        each = (self.content_w - 2 * PAD) / len(years)
        size = 7 if each > 17 * mm else 6
        head = [fy_label(y) if each > 17 * mm else fy_short(y) for y in years]
        cells, shades = [], []
        for i, y in enumerate(years):
            phase = m.phase_in(y)
            cells.append(self.short(phase or "", f"№{m.no} 工程", each - 4, 8))
            if phase:
                shades.append((i, S.tint(S.safe_colour(self.colours.get(phase, "#bbbbbb")), 0.55)))
        rows = [head, *chunk_row(cells, [each] * len(years), 120)]
        cmds = [
            ("FONT", (0, 0), (-1, 0), self.ctx.fonts.name, size, size * 1.3),
            ("FONT", (0, 1), (-1, -1), self.ctx.fonts.name, 8, 10),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("BOX", (0, 0), (-1, -1), 0.4, S.HAIRLINE),
            ("LINEAFTER", (0, 0), (-2, -1), 0.4, S.HAIRLINE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.4, S.HAIRLINE),
            ("BACKGROUND", (0, 0), (-1, 0), S.GROUP_BG),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
        cmds += [("BACKGROUND", (i, 1), (i, -1), colour) for i, colour in shades]
        if self.fy in years:
            i = years.index(self.fy)
            cmds.append(("BOX", (i, 0), (i, -1), 1.6, S.HIGHLIGHT))
        return S.table(rows, [each] * len(years), cmds, hAlign="LEFT")

    def plan_part(self, m: Measure) -> list[Flowable]:
        w = f"№{m.no}"
        depts = "、".join(m.departments)
        rows = [
            [self.lab("取組の視点"), self.p(viewpoint_label(self.data, m.viewpoint), f"{w} 取組の視点")],
            [self.lab("担当部課"), self.p(depts or "－", f"{w} 担当部課")],
            [self.lab("提言との関連性"), self.relations(m)],
            [self.lab("課　題"), self.p(m.issue, f"{w} 課題")],
            [self.lab("推進内容\n（具体の行動）"), self.p(m.content, f"{w} 推進内容")],
            [self.lab(f"年度別行動計画\n（{fy_label(self.fy)}）"), self.action_plan(m)],
            [self.lab("工　程"), self.schedule_row(m)],
        ]
        return [self.title_block(m), *self.rows(rows)]

    def text_box(self, text: str, where: str, lines: int) -> list[Flowable] | Flowable:
        if self.blank:
            return WritingLines(lines)
        if not (text or "").strip():
            return Spacer(1, 9 * mm)
        return self.p(text, where)

    def indicator_table(self, m: Measure, e: Evaluation | None) -> Table:
        indicators = list(e.indicators) if (e is not None and not self.blank) else []
        head = [self.lab("成果指標"), "指標名", "単位", "基準値", "目標値", "実績値", "達成率"]
        widths_rest = [16 * mm, 17 * mm, 17 * mm, 17 * mm, 16 * mm]
        name_w = self.content_w - sum(widths_rest)
        widths = [LABEL_W, name_w] + widths_rest
        rows: list[list] = []
        cmds: list[tuple] = []
        append_chunked(rows, cmds, head, widths, first_col=1)
        where = f"№{m.no} 成果指標"
        num = S.style("indn", 8.5, align="right")
        for ind in indicators:
            rate = achievement_rate(ind)
            append_chunked(rows, cmds, ["", self.p(ind.name, where),
                         self.p(ind.unit, where, S.style("indu", 8.5, align="centre")),
                         self.raw(format_number(ind.baseline), num),
                         self.raw(format_number(ind.target), num),
                         self.raw(format_number(ind.actual), num),
                         self.raw(format_rate(rate) if rate is not None else "", num)], widths, max_h=120,
                           first_col=1)
        if len(rows) == 1:
            empty = 3 if self.blank else 1
            for _ in range(empty):
                append_chunked(rows, cmds, ["", Spacer(1, 5.5 * mm if self.blank else 3 * mm), "", "", "", "", ""],
                               widths, first_col=1)
        cmds += [
            ("FONT", (0, 0), (-1, -1), self.ctx.fonts.name, 8.5, 11),
            ("FONT", (1, 0), (-1, 0), self.ctx.fonts.name, 8, 10),
            ("ALIGN", (0, 0), (-1, 0), "CENTER"),
            ("BOX", (0, 0), (-1, -1), 0.9, S.RULE),
            ("LINEAFTER", (0, 0), (-2, -1), 0.45, S.RULE),
            ("BACKGROUND", (0, 0), (0, -1), S.LABEL_BG),
            ("BACKGROUND", (1, 0), (-1, 0), S.GROUP_BG),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ]
        return S.table(rows, widths, cmds, repeatRows=1, hAlign="LEFT")

    def rating_scale(self, selected: str | None, where: str) -> list[Flowable]:
        out = []
        for level in self.data.rating_scale:
            mark = "■" if (not self.blank and selected == level.letter) else "□"
            definition = self.esc(level.definition, "評価基準")
            definition = f'<font size=7.5 color="#555555">　{definition}</font>' if definition else ""
            out.append(self.raw(f"{mark}&nbsp;{self.esc(level.letter, '評価基準')}&nbsp;"
                                f"{self.esc(level.label, '評価基準')}{definition}",
                                S.body(indent=22, first_indent=-22)))
        if not self.blank and selected and selected not in {lv.letter for lv in self.data.rating_scale}:
            out.append(self.raw(f"■&nbsp;{self.esc(selected, where)}（評価基準にない記号）"))
        return out

    def rating_inline(self, selected: str | None, where: str) -> str:
        parts = []
        for level in self.data.rating_scale:
            mark = "■" if (not self.blank and selected == level.letter) else "□"
            parts.append(f"{mark}{self.esc(level.letter, '評価基準')}")
        if not self.blank and selected and selected not in {lv.letter for lv in self.data.rating_scale}:
            parts.append(f"■{self.esc(selected, where)}")
        return "&nbsp;&nbsp;".join(parts)

    def band(self, left: str, right: str) -> Table:
        return S.table([[self.raw(left, S.style("band", 10.5)), self.raw(right, S.style("bandr", 8, align="right"))]],
                       [self.width * 0.6, self.width * 0.4], [
                           ("BACKGROUND", (0, 0), (-1, -1), S.BAND_BG),
                           ("BOX", (0, 0), (-1, -1), 0.9, S.RULE),
                           ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                           ("TOPPADDING", (0, 0), (-1, -1), 3),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 4)], hAlign="LEFT")

    def evaluation_part(self, m: Measure) -> list[Flowable]:
        e = None if self.blank else m.evaluation_for(self.fy)
        w = f"№{m.no} {fy_short(self.fy)}評価"
        if self.blank:
            status = "記入用"
        elif e is None:
            status = "未評価（この年度の評価は登録されていません）"
        else:
            status = f"状態：{self.esc(e.status, w)}"
        band = self.band(f"{fy_label(self.fy)}　進捗状況の評価", status)

        rating = e.rating if e else None
        rows = []
        # Carried over from last year ("start from last year"): shown when present.
        if e is not None and e.starting_point.strip():
            rows.append([self.lab("今年度の出発点\n（前年度の課題）"), self.p(e.starting_point, f"{w} 出発点")])
        if e is not None and e.planned_actions.strip():
            rows.append([self.lab("今年度の取組予定\n（前年度改善策）"), self.p(e.planned_actions, f"{w} 取組予定")])
        rows += [
            [self.lab("取組状況"), self.checks(PROGRESS_STATES, e.progress if e else None, w)],
            [self.lab("進捗評価"), self.rating_scale(rating, w)],
            [self.lab("取組実績"), self.text_box(e.achievements if e else "", f"{w} 取組実績", 7)],
        ]
        after = [
            [self.lab("課　題"), self.text_box(e.issues if e else "", f"{w} 課題", 5)],
            [self.lab("改善策・\n次年度の取組"), self.text_box(e.improvements if e else "", f"{w} 改善策", 5)],
            [self.lab("今後の方向性"), self.checks(DIRECTIONS, e.direction if e else None, w)],
        ]
        dept = self._stage(e, "department", w)
        council = self._stage(e, "committee", w)
        after += [[self.lab("所管課の\n評価・意見"), dept], [self.lab("推進協議会等の\n評価・意見"), council]]
        extras = _unknown_extras(e)
        if extras:
            lines = []
            for k, v in extras:
                shown = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
                lines.append(self.p(f"{k}: {shown}", f"{w} その他"))
            after.append([self.lab("その他"), lines])
        # Rows of the blank form move to the next page whole (they are short), so a
        # writing box is never cut in two; filled rows split inside long text.
        return [CondPageBreak(60 * mm if self.blank else 40 * mm), band, *self.rows(rows, keep=self.blank),
                self.indicator_table(m, e), *self.rows(after, keep=self.blank)]

    def _stage(self, e: Evaluation | None, stage: str, where: str) -> list[Flowable]:
        if stage == "department":
            rating = e.self_rating if e else None
            comment = e.self_comment if e else ""
            author = e.self_author if e else ""
            date = e.self_date if e else None
            who = "記入者"
        else:
            rating = e.council_rating if e else None
            comment = e.committee_opinion if e else ""
            author = None
            date = e.council_date if e else None
            who = ""
        meta = [f"評価　{self.rating_inline(rating, where)}"]
        if self.blank:
            blank = IDEOGRAPHIC_SPACE
            meta.append(f"{who}（{blank * 8}）" if who else "")
            meta.append(f"日付（令和{blank * 2}年{blank * 2}月{blank * 2}日）")
        else:
            if author:
                meta.append(f"{who}：{self.esc(str(author), where)}")
            if date:
                meta.append(f"日付：{self.esc(_date_text(date), where)}")
        out: list[Flowable] = [self.raw(GAP.join(x for x in meta if x), S.body(8.5))]
        if self.blank:
            out.append(WritingLines(5))
        elif comment and str(comment).strip():
            out.append(self.p(str(comment), f"{where} {'所管課' if stage == 'department' else '推進協議会'}意見"))
        else:
            out.append(Spacer(1, 7 * mm))
        return out

    def sheet(self, m: Measure) -> list[Flowable]:
        return [*self.plan_part(m), Spacer(1, 3.5 * mm), *self.evaluation_part(m)]


# ------------------------------------------------------------------ documents
def _cover(b: SheetBuilder, data: PlanData, measures: list[Measure], title: str, options: ReportOptions) -> list:
    ctx = b.ctx
    centre = S.style("cover", 13, align="centre", leading=20)
    out: list[Flowable] = [Anchor("cover", "表紙", 0), Spacer(1, 38 * mm)]
    out.append(b.raw(ctx.markup(data.plan.title, "表紙"), S.style("ct", 16, align="centre", leading=24)))
    out.append(Spacer(1, 10 * mm))
    out.append(b.raw(fy_label(b.fy), S.style("cfy", 15, align="centre", leading=22)))
    out.append(Spacer(1, 4 * mm))
    out.append(b.raw(title, S.style("ctitle", 22, align="centre", leading=30)))
    out.append(Spacer(1, 24 * mm))
    per_vp: dict[int, int] = {}
    for m in measures:
        per_vp[m.viewpoint] = per_vp.get(m.viewpoint, 0) + 1
    widths = [LABEL_W, 110 * mm]
    rows: list[list] = []
    cmds: list[tuple] = []
    append_chunked(rows, cmds, [b.lab("対象"), b.raw(f"推進事項 {len(measures)}件（{describe_numbers([m.no for m in measures])}）")],
                   widths)
    for vp, n in per_vp.items():
        append_chunked(rows, cmds, [b.lab("取組の視点"), b.raw(f"{ctx.markup(viewpoint_label(data, vp), '表紙')}　{n}件")],
                       widths)
    append_chunked(rows, cmds, [b.lab("作成日"), b.raw(date_label(options.date()))], widths)
    t = S.table(rows, widths, hAlign="CENTER", cmds=cmds + [
        ("FONT", (0, 0), (-1, -1), ctx.fonts.name, 9, 12),
        ("BOX", (0, 0), (-1, -1), 0.9, S.RULE),
        ("LINEAFTER", (0, 0), (0, -1), 0.45, S.RULE),
        ("BACKGROUND", (0, 0), (0, -1), S.LABEL_BG),
        ("ALIGN", (0, 0), (0, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ])
    out.append(t)
    out.append(Spacer(1, 18 * mm))
    if data.plan.policy:
        out.append(b.raw(f"基本方針　「{ctx.markup(data.plan.policy, '表紙')}」", centre))
    out.append(PageBreak())
    return out


def _toc(b: SheetBuilder, data: PlanData, measures: list[Measure], keys: dict[str, str]) -> list:
    ctx = b.ctx
    out: list[Flowable] = [Anchor("toc", "目次", 0), b.raw("目　次", S.style("toch", 15, align="centre", leading=22)),
                           Spacer(1, 5 * mm)]
    small = S.style("tocs", 8.5)
    page_w = 14 * mm
    dept_w = 52 * mm
    no_w = 13 * mm
    title_w = b.width - page_w - dept_w - no_w
    rows = [[b.raw("№", S.label()), b.raw("推進事項", S.label()), b.raw("担当部課", S.label()), b.raw("頁", S.label())]]
    cmds = [
        ("LINEBELOW", (0, 0), (-1, 0), 0.9, S.RULE),
        ("BACKGROUND", (0, 0), (-1, 0), S.LABEL_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
    ]
    widths = [no_w, title_w, dept_w, page_w]
    current_vp = None
    for m in measures:
        if m.viewpoint != current_vp:
            current_vp = m.viewpoint
            par = b.raw(ctx.markup(viewpoint_label(data, m.viewpoint), "目次"), S.style("tocv", 9.5))
            first, last = append_chunked(rows, cmds, [par, "", "", ""], [b.width, 0, 0, 0], rule=S.HAIRLINE,
                                         line=0.3)
            for r in range(first, last + 1):
                cmds += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), S.GROUP_BG)]
        key = keys[m.id]
        prio = '<font color="#c0392b">【重点】</font>' if m.priority else ""
        append_chunked(rows, cmds, [
            b.raw(f"{m.no}", S.style("tocno", 9, align="right")),
            b.raw(f'<a href="#{key}">{prio}{ctx.markup(m.title, f"№{m.no} 名称")}</a>'),
            b.raw(ctx.markup("、".join(m.departments), f"№{m.no} 担当部課"), small),
            PageRef(key, ctx.fonts.name, 9),
        ], widths, rule=S.HAIRLINE, line=0.3)
    out.append(S.table(rows, widths, cmds, repeatRows=1, hAlign="LEFT"))
    out.append(PageBreak())
    return out


def build_sheets(data: PlanData, fy: int, measures: list[Measure] | None = None, *, blank: bool = False,
                 cover: bool | None = None, options: ReportOptions | None = None,
                 fonts: FontSet | None = None) -> ReportResult:
    """Evaluation sheets (or blank forms) for *measures* (default: all) in fiscal year *fy*.

    With more than one measure the document gets a cover page and a table of
    contents (unless ``cover=False``) and always an outline with one entry per
    viewpoint and measure.
    """
    options = options or ReportOptions()
    check_fiscal_year(data, fy)
    measures = list(data.measures if measures is None else measures)
    ctx = new_context(fonts)
    setup = S.PageSetup("A4", "portrait")
    b = SheetBuilder(data, fy, ctx, setup.frame_width, blank=blank)
    kind = "進捗状況評価シート（記入用）" if blank else "進捗状況評価シート"
    multi = len(measures) > 1
    with_cover = multi if cover is None else cover

    keys = {m.id: f"m{i}" for i, m in enumerate(measures)}
    story: list = []
    if with_cover:
        story += _cover(b, data, measures, kind, options)
        story += _toc(b, data, measures, keys)
    current_vp = None
    total = len(measures)
    for i, m in enumerate(measures):
        if i:
            story.append(PageBreak())
        if multi or with_cover:
            if m.viewpoint != current_vp:
                current_vp = m.viewpoint
                story.append(Anchor(f"v{i}", viewpoint_label(data, m.viewpoint), 0, closed=False))
            story.append(Anchor(keys[m.id], m.display_title, 1))
        story += b.sheet(m)
        story.append(ProgressTick(i + 1, total))
    if not measures:
        story.append(Paragraph("対象の推進事項がありません。", S.body()))

    if len(measures) == 1:
        m = measures[0]
        title = f"{kind} №{m.no} {m.title}（{fy_label(fy)}）"
        name = f"{'記入用シート' if blank else '評価シート'}_{fy_short(fy)}_No{m.no}.pdf"
    else:
        title = f"{kind}（{fy_label(fy)}）"
        name = f"{'記入用シート' if blank else '評価シート'}_{fy_short(fy)}_{len(measures)}件.pdf"
    return build_pdf(
        story, setup=setup, ctx=ctx, options=options,
        header_left=data.plan.title, header_right=f"{fy_label(fy)}　{kind}",
        title=title, subject=f"{data.plan.title} {fy_label(fy)} {kind}",
        keywords=["進捗状況評価", fy_label(fy)], show_outline=multi, suggested_name=name,
    )
