"""前期計画の検証: the five-year review of one period as a PDF (A4 landscape).

Figures come from ``domain.review``: 着手率 against the goal that every
measure of the period has started by its last year, the rating distribution
per year and per viewpoint, the measures never evaluated or still 未着手, and
one row per measure with its ratings as coloured badges.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Spacer

from ..domain import groups as G
from ..domain.evaluation import format_number, rating_colors
from ..domain.fiscal import fy_label, fy_range_label, fy_short
from ..domain.model import PlanData
from ..domain.numbers import format_average, format_share, mean
from ..domain.review import UNRATED, MeasureReview, PeriodReview, period_review
from ..domain.wording import stage_names
from . import styles as S
from .base import Anchor, ReportOptions, ReportResult, build_pdf, new_context
from .common import code_column_width, heading_text, viewpoint_label
from .flow import Paragraph
from .fonts import FontSet
from .text import TextContext, cell

UNRATED_COLOUR = "#d9d9d9"


def _pct(n: int, total: int) -> str:
    return format_share(n, total)


class ReviewBuilder:
    def __init__(self, data: PlanData, review: PeriodReview, ctx: TextContext, width: float):
        self.data, self.r, self.ctx, self.width = data, review, ctx, width
        self.font = ctx.fonts.name
        self.colours = rating_colors(review.scale)
        self.letters = [lv.letter for lv in review.scale]

    def _grid(self, extra: list[tuple] | None = None) -> list[tuple]:
        return [
            ("FONT", (0, 0), (-1, -1), self.font, 8.5, 11),
            ("BACKGROUND", (0, 0), (-1, 0), S.LABEL_BG),
            ("ALIGN", (1, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BOX", (0, 0), (-1, -1), 0.9, S.RULE),
            ("INNERGRID", (0, 0), (-1, -1), 0.45, S.RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            *(extra or []),
        ]

    def start_block(self) -> list:
        r = self.r
        head = S.style("goal", 11, leading=16)
        goal = (f"目標「{self.ctx.markup(r.goal_text, '目標')}」（{fy_label(r.period.fy_end)}まで）　" if r.goal_text
                else f"{fy_label(r.period.fy_end)}まで　")
        lines = [
            Paragraph(f"{goal}着手 <b>{r.started}</b> 項目 ／ {r.total} 項目　着手率 <b>{_pct(r.started, r.total)}</b>"
                      f"　未着手 {r.total - r.started} 項目", head),
            Spacer(1, 2 * mm),
        ]
        rows = [["年度", *[fy_short(fy) for fy in r.years]],
                ["着手済み（累計）", *[str(r.started_by_year[fy]) for fy in r.years]],
                ["着手率", *[_pct(r.started_by_year[fy], r.total) for fy in r.years]]]
        w0 = 40 * mm
        w = min(22 * mm, (self.width - w0) / max(len(r.years), 1))
        lines.append(S.table(rows, [w0] + [w] * len(r.years), self._grid(), hAlign="LEFT"))
        return lines

    def by_year_table(self):
        r = self.r
        cols = [*self.letters, UNRATED]
        rows = [["年度", *cols, "平均点"]]
        points = {lv.letter: lv.points for lv in r.scale}
        for fy in r.years:
            counts = r.by_year[fy]
            rated = [points[x] for x in self.letters for _ in range(counts[x])]
            avg = format_average(mean(rated))
            rows.append([fy_label(fy), *[str(counts[c]) for c in cols], avg])
        w0 = 34 * mm
        w = min(20 * mm, (self.width - w0) / (len(cols) + 1))
        extra = [("BACKGROUND", (1 + i, 0), (1 + i, 0), S.safe_colour(self.colours[x])) for i, x in enumerate(self.letters)]
        return S.table(rows, [w0] + [w] * (len(cols) + 1), self._grid(extra), hAlign="LEFT", repeatRows=1)

    def by_viewpoint_table(self):
        r = self.r
        cols = [*self.letters, UNRATED]
        terms = self.data.terms
        rows = [[self.ctx.markup(terms.top_level or "グループ", "見出し"), self.ctx.markup(terms.measure, "見出し"),
                 *cols, "平均点", "着手"]]
        for v in r.by_viewpoint:  # every group level in a nested plan, indented
            rows.append([Paragraph(self.ctx.markup("\u3000" * v.depth + viewpoint_label(self.data, v.viewpoint), "集計"),
                                   S.style("vp", 8.5)),
                         str(v.measures), *[str(v.counts.get(c, 0)) for c in self.letters], str(v.unrated),
                         format_average(v.average), f"{v.started}/{v.measures}"])
        w_num = 16 * mm
        w0 = self.width - w_num * (len(cols) + 3)
        extra = [("BACKGROUND", (2 + i, 0), (2 + i, 0), S.safe_colour(self.colours[x])) for i, x in enumerate(self.letters)]
        return S.table(rows, [w0] + [w_num] * (len(cols) + 3), self._grid(extra), hAlign="LEFT", repeatRows=1)

    def basis_note(self) -> Paragraph:
        """Says on the page which ratings were counted."""
        words = stage_names(self.data)
        drafts = sum(len(m.drafts) for m in self.r.measures)
        meeting = self.ctx.markup(words.meeting, "会議")
        if self.r.include_drafts:
            text = (f"評価の集計には{meeting}で確定していない評価（{words.draft_mark}）{drafts}件を含みます。"
                    f"{self.ctx.markup(self.data.terms.measure, '注記')}別の表では「B{words.draft_mark}」のように示します。")
        else:
            final = self.ctx.markup(self.data.terms.status_label("会議確定"), "注記")
            text = f"評価の集計は{meeting}で確定した評価（{final}）のみです。確定していない評価は未評価として数えます。"
        return Paragraph(text, S.style("basis", 8.5, color="#333333"))

    def measure_list(self, title: str, items: list[MeasureReview]) -> list:
        out = [Paragraph(f"{title}（{len(items)}項目）", S.style("lh", 10, leading=15))]
        if not items:
            out.append(Paragraph("該当なし", S.style("ln", 8.5, color="#555555", indent=4 * mm)))
        else:
            text = "、".join(self.ctx.markup(m.display_title, f"№{m.label}") for m in items)
            out.append(Paragraph(text, S.style("ll", 8.5, indent=4 * mm)))
        out.append(Spacer(1, 2.5 * mm))
        return out

    def measures_table(self):
        r, ctx = self.r, self.ctx
        n_years = len(r.years)
        w_no = code_column_width(r.measures, self.font, 8.5, 9 * mm)  # display codes of 8 characters fit
        w_badge, w_start, w_prog, w_dir = 9.5 * mm, 17 * mm, 15 * mm, 16 * mm
        rest = self.width - w_no - w_badge * n_years - w_start - w_prog - w_dir
        w_title, w_issue = rest * 0.42, rest * 0.58
        head = ["№", self.data.terms.measure, *[fy_short(fy) for fy in r.years], "着手年度", "最終の\n取組状況", "最新の課題", "今後の\n方向性"]
        rows: list[list] = [[cell(ctx, h, "見出し", 30 * mm, 8) if "\n" not in h else
                             Paragraph(h.replace("\n", "<br/>"), S.style("hd", 7.5, align="centre")) for h in head]]
        cmds = self._grid([("FONT", (0, 0), (-1, 0), self.font, 8, 10), ("ALIGN", (0, 1), (0, -1), "RIGHT")])
        ncols = len(head)
        words = stage_names(self.data)
        path: list[int] = []
        for m in r.measures:
            heads, path = G.headings_between(self.data, path, m.viewpoint)
            for h in heads:  # a heading row per group level, never alone at the foot of a page
                i = len(rows)
                rows.append([S.heading_cell(Paragraph(ctx.markup(heading_text(self.data, h), "見出し"),
                                                      S.style("rv", 8.5)))] + [""] * (ncols - 1))
                cmds += [("SPAN", (0, i), (-1, i)), ("BACKGROUND", (0, i), (-1, i), S.GROUP_BG)]
            i = len(rows)
            where = f"№{m.label}"
            prio = '<font color="#c0392b">【重点】</font>' if m.priority else ""
            issue = m.latest_issues
            issue_text = (f'<font color="#666666">{fy_short(m.latest_issues_fy)}</font> ' + ctx.markup(issue, where + " 課題")
                          if issue else "－")
            rows.append([
                cell(ctx, m.label, where, w_no - 12, 8.5, align="right"),  # drawn in the table's 8.5 pt
                Paragraph(prio + ctx.markup(m.title, where + " 名称"), S.style("mt", 8)),
                # ・: a year outside the measure's active years (neither rated nor 未評価)
                *["・" if fy in m.inactive_years else (rating + (words.draft_mark if fy in m.drafts else "")) if rating
                  else "－" for fy, rating in m.ratings],
                fy_short(m.started_fy) if m.started_fy else "未着手",
                cell(ctx, m.final_progress or "－", where + " 取組状況", w_prog - 4, 8),
                Paragraph(issue_text, S.style("mi", 7.5)),
                cell(ctx, m.latest_direction or "－", where + " 方向性", w_dir - 4, 8),
            ])
            for j, (_fy, rating) in enumerate(m.ratings):
                c = 2 + j
                colour = S.safe_colour(self.colours.get(rating, UNRATED_COLOUR) if rating else UNRATED_COLOUR)
                cmds += [("BACKGROUND", (c, i), (c, i), colour),
                         ("TEXTCOLOR", (c, i), (c, i), S.readable_on(colour) if rating else S.MUTED),
                         ("FONT", (c, i), (c, i), self.font, 9.5 if rating else 8, 11)]
            if not m.started_fy:
                cmds.append(("TEXTCOLOR", (2 + n_years, i), (2 + n_years, i), S.HIGHLIGHT))
        widths = [w_no, w_title, *([w_badge] * n_years), w_start, w_prog, w_issue, w_dir]
        return S.table(rows, widths, cmds, repeatRows=1, splitInRow=1, hAlign="LEFT")

    def legend(self) -> Paragraph:
        parts = [f"{self.ctx.markup(lv.letter, '評価基準')}：{self.ctx.markup(lv.label, '評価基準')}"
                 f"（{format_number(lv.points)}点）" for lv in self.r.scale]
        started = "」又は「".join(self.ctx.markup(x, "取組状況") for x in self.data.terms.started_progress)
        return Paragraph("　".join(parts) + f"<br/>着手：その年度までに取組状況が「{started}」となったこと。"
                         "未評価：その年度の評価（進捗評価）がないこと。"
                         + ("・：実施期間外の年度。" if any(m.inactive_years for m in self.r.measures) else ""),
                         S.style("lg", 7.5, color="#555555"))


def build_review(data: PlanData, period_name: str, *, options: ReportOptions | None = None,
                 fonts: FontSet | None = None) -> ReportResult:
    """The review of period *period_name*; ValueError (Japanese) for an unknown period."""
    options = options or ReportOptions()
    review = period_review(data, period_name, include_drafts=options.include_drafts)
    ctx = new_context(fonts)
    setup = S.PageSetup("A4", "landscape")
    b = ReviewBuilder(data, review, ctx, setup.frame_width)
    span = fy_range_label(review.period.fy_start, review.period.fy_end)
    kind = f"{review.period.name}計画の検証"
    h1, h2 = S.style("rh", 14, leading=20), S.style("rh2", 11.5, leading=17)
    word = ctx.markup(data.terms.measure, "見出し")
    story = [
        Anchor("overview", "計画全体", 0),
        Paragraph(f"{ctx.markup(kind, '題名')}（{span}）", h1),
        b.basis_note(),
        Spacer(1, 2 * mm),
        Paragraph("着手の状況", h2),
        *b.start_block(),
        Spacer(1, 4 * mm),
        Paragraph("年度別の評価の分布", h2),
        b.by_year_table(),
        Spacer(1, 4 * mm),
        CondPageBreak(40 * mm),
        Paragraph(f"{ctx.markup(data.terms.top_level or 'グループ', '見出し')}別の評価の分布（期間中の全年度）", h2),
        b.by_viewpoint_table(),
        Spacer(1, 2 * mm),
        b.legend(),
        Spacer(1, 4 * mm),
        CondPageBreak(30 * mm),
        *b.measure_list(f"期間中に一度も評価されていない{word}", review.never_evaluated),
        *b.measure_list(f"{fy_label(review.period.fy_end)}までに着手していない{word}", review.not_started),
        CondPageBreak(60 * mm),
        Anchor("measures", f"{data.terms.measure}別", 0),
        Paragraph(f"{word}別の検証", h2),
        Spacer(1, 1 * mm),
    ]
    if review.measures:
        story.append(b.measures_table())
    else:
        story.append(Paragraph(f"この期間の{word}はありません。", S.body()))
    return build_pdf(
        story, setup=setup, ctx=ctx, options=options,
        header_left=data.plan.title, header_right=f"{kind}（{span}）",
        title=f"{kind}（{span}）", subject=f"{data.plan.title} {kind}", keywords=[kind, review.period.name],
        show_outline=True, suggested_name=f"{review.period.name}計画の検証.pdf",
    )
