"""Sheets and columns of the Excel/CSV exchange: the one table to edit when fields change.

Every exported sheet has one header row; the importer finds it by its
headers, so a title row above it (as the exporter writes) or none (as CSV has)
both work. Headers are compared after NFKC folding (``№`` = ``No``,
``ＩＤ`` = ``ID``).

Evaluation fields are listed in :data:`EVALUATION_FIELD_TABLE`; only those that
exist on :class:`~plan_desktop.domain.model.Evaluation` at run time are used,
so a field added to the model becomes importable by adding one line here.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass

from ..domain import groups as G
from ..domain.fiscal import fy_label, parse_fy
from ..domain.model import DIRECTIONS, EVALUATION_STATUSES, PROGRESS_STATES, Evaluation, Measure, PlanData

# Sheet keys. The measures' sheet is named after the plan's own word for a measure
# (sheet_name); a sheet named by the key is read too.
SHEET_MEASURES = "推進事項"
SHEET_SCHEDULE = "工程"
SHEET_ACTIONS = "年度別行動計画"
SHEET_EVALUATIONS = "評価"
SHEET_GUIDE = "記入方法"
# A department template's hidden sheet: the values it showed, by field key, so that the import can
# tell a cell left as sent ("no answer") from one the department changed (see importer.py).
SHEET_SENT = "送付時の値"
SHEETS = (SHEET_MEASURES, SHEET_SCHEDULE, SHEET_ACTIONS, SHEET_EVALUATIONS)

# Column kinds:
#   id     measure UUID (matching key; kept as text)
#   int    whole number (№, 取組の視点, 年度)
#   text   free text, may contain line breaks
#   list   several values, one per line (担当部課)
#   bool   ○ or blank (重点)
#   mark   ◎ / ○ / blank (relation to a proposal)
#   choice one of ``choices``; blank = none
#   rating a letter of the plan's rating scale; blank = none
#   date   ISO date (2024-05-31); blank = none
#   phase  a schedule phase name; blank = none
#   subs   細目 of an action item, one per line starting with ・
#   info   written for reading only, ignored on import
ID_HEADER = "ID"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = "text"
    width: float = 12
    choices: tuple[str, ...] = ()
    fy: int | None = None  # year-grid columns
    proposal: int | None = None  # relation columns
    aliases: tuple[str, ...] = ()  # other headers read as this column (older files, other wording)

    @property
    def importable(self) -> bool:
        return self.kind != "info"

    @property
    def wrap(self) -> bool:
        return self.kind in ("text", "list", "subs", "info") and self.width >= 16


@dataclass(frozen=True)
class EvaluationField:
    key: str
    header: str
    kind: str
    width: float = 12
    choices: tuple[str, ...] = ()
    template: bool = True  # asked for in the department template
    importable: bool = True  # False: exported for reading only


EVALUATION_FIELD_TABLE: tuple[EvaluationField, ...] = (
    EvaluationField("rating", "進捗評価", "rating", 9),
    EvaluationField("progress", "取組状況", "choice", 10, PROGRESS_STATES),
    EvaluationField("starting_point", "今年度の出発点（前年度の課題）", "text", 36, template=False),
    EvaluationField("planned_actions", "今年度の取組予定（前年度の改善策）", "text", 36, template=False),
    EvaluationField("achievements", "取組実績", "text", 44),
    EvaluationField("issues", "課題", "text", 36),
    EvaluationField("improvements", "改善策・次年度の取組", "text", 36),
    EvaluationField("direction", "今後の方向性", "choice", 12, DIRECTIONS),
    EvaluationField("self_rating", "所管課の評価", "rating", 9),
    EvaluationField("self_comment", "所管課のコメント", "text", 36),
    EvaluationField("self_author", "記入者", "text", 14),
    EvaluationField("self_date", "所管課の評価日", "date", 12),
    EvaluationField("council_rating", "会議の評価", "rating", 9, template=False),
    EvaluationField("council_date", "会議の評価日", "date", 12, template=False),
    EvaluationField("committee_opinion", "会議の意見", "text", 36, template=False),
    EvaluationField("middle_rating", "中間の評価", "rating", 9, template=False),
    EvaluationField("middle_date", "中間の評価日", "date", 12, template=False),
    EvaluationField("middle_opinion", "中間の意見", "text", 36, template=False),
    # The status moves only through the app's workflow (which also copies stage ratings).
    EvaluationField("status", "状態", "choice", 11, EVALUATION_STATUSES, template=False, importable=False),
)


def evaluation_fields() -> tuple[EvaluationField, ...]:
    """The table's fields that the current model has."""
    names = {f.name for f in dataclasses.fields(Evaluation)}
    return tuple(f for f in EVALUATION_FIELD_TABLE if f.key in names)


def template_fields() -> tuple[EvaluationField, ...]:
    """Fields a department fills in. With stage ratings in the model, the
    department's rating is its self-evaluation, not the rating of record."""
    fields = [f for f in evaluation_fields() if f.template]
    if any(f.key == "self_rating" for f in fields):
        fields = [f for f in fields if f.key != "rating"]
    return tuple(fields)


def sheet_name(kind: str, data: PlanData) -> str:
    """The name of *kind*'s sheet in a workbook of *data* (the measures' sheet: the plan's word for a measure)."""
    return data.terms.measure if kind == SHEET_MEASURES and data.terms.measure.strip() else kind


_STAGE_OF_FIELD = {"self_rating": "first", "self_comment": "first", "self_date": "first",
                   "middle_rating": "middle", "middle_opinion": "middle", "middle_date": "middle",
                   "council_rating": "final", "council_date": "final", "committee_opinion": "final"}
_STAGE_SUFFIX = {"self_rating": "の評価", "self_comment": "のコメント", "self_date": "の評価日",
                 "middle_rating": "の評価", "middle_opinion": "の意見", "middle_date": "の評価日",
                 "council_rating": "の評価", "council_date": "の評価日", "committee_opinion": "の意見"}


def evaluation_field_header(f: EvaluationField, data: PlanData) -> tuple[str, tuple[str, ...]]:
    """(header, other accepted headers) of an evaluation field in *data*'s words: the stage fields
    are named after the plan's stages (the opinions after the full name, the rest after the short one)."""
    stage_key = _STAGE_OF_FIELD.get(f.key)
    if stage_key is None:
        return f.header, ()
    stage = data.terms.stage(stage_key)
    if stage is None:
        return f.header, ()
    name = stage.name if f.key.endswith("opinion") else stage.short_name
    header = f"{name}{_STAGE_SUFFIX[f.key]}"
    return header, tuple(h for h in (f.header,) if h != header)


def _eval_column(f: EvaluationField, data: PlanData) -> Column:
    terms = data.terms
    if f.kind == "rating":
        choices = tuple(r.letter for r in data.rating_scale)
    elif f.key == "progress":
        choices = tuple(terms.progress_names)
    elif f.key == "direction":
        choices = tuple(terms.direction_names)
    elif f.key == "status":
        choices = tuple(terms.status_labels())
    else:
        choices = f.choices
    header, aliases = evaluation_field_header(f, data)
    return Column(f.key, header, f.kind if f.importable else "info", f.width, choices, aliases=aliases)


def stage_fields_in_use(data: PlanData) -> set[str]:
    """Evaluation fields of stages the plan does not have (left out of its sheets)."""
    keys = set(data.terms.stage_keys())
    return {k for k, stage in _STAGE_OF_FIELD.items() if stage not in keys}


def group_column_header(data: PlanData) -> str:
    """The header of a measure's group column: the level's name in a flat plan, else 所属 (the innermost group)."""
    return data.terms.top_level if G.max_depth(data) <= 1 and data.terms.top_level else "所属グループ"


def measure_columns(data: PlanData) -> list[Column]:
    cols = [
        Column("no", "№", "int", 6),
        Column("viewpoint", group_column_header(data), "int", 8, aliases=("取組の視点", "所属グループ")),
        Column("priority", "重点", "bool", 6),
        Column("title", "名称", "text", 32, aliases=(data.terms.measure,)),
        Column("departments", "担当部課", "list", 24),
        # added with plans of any shape: display code and active years (blank: the № / the plan's years)
        Column("code", "表示コード", "code", 11),
        Column("fy_from", "実施開始年度", "fy", 11),
        Column("fy_to", "実施終了年度", "fy", 11),
    ]
    if "period" in {f.name for f in dataclasses.fields(Measure)}:
        cols.append(Column("period", "期間", "choice", 9, tuple(p.name for p in data.plan.periods)))
    xref = data.terms.cross_reference
    cols += [Column(f"proposal_{p.no}", f"{xref}{p.no}", "mark", 7, proposal=p.no,
                    aliases=(data.terms.cross_reference_label(p.no),)) for p in data.proposals]
    cols += [
        Column("issue", "課題", "text", 50),
        Column("content", "推進内容", "text", 60),
        Column("updated_at", "更新日時", "info", 18),
        Column("id", ID_HEADER, "id", 10),
    ]
    return cols


def year_header(fy: int) -> str:
    return f"{fy_label(fy)}({fy})"


def schedule_columns(data: PlanData) -> list[Column]:
    phases = tuple(p.name for p in data.phases)
    cols = [Column("no", "№", "int", 6), Column("title", "名称", "info", 32)]
    cols += [Column(f"fy_{fy}", year_header(fy), "phase", 11, phases, fy=fy) for fy in data.plan.fiscal_years]
    cols.append(Column("id", ID_HEADER, "id", 10))
    return cols


def action_columns(data: PlanData) -> list[Column]:
    return [
        Column("no", "№", "int", 6),
        Column("title", "名称", "info", 26),
        Column("fy_from", "開始年度", "int", 9),
        Column("fy_to", "終了年度", "int", 9),
        Column("text", "項目", "text", 44),
        Column("sub", "細目", "subs", 54),
        Column("item_id", "項目ID", "id", 10),
        Column("block_id", "区分ID", "id", 10),
        Column("id", ID_HEADER, "id", 10),
    ]


def evaluation_columns(data: PlanData, *, template: bool = False) -> list[Column]:
    fields = template_fields() if template else evaluation_fields()
    cols = [
        Column("no", "№", "int", 6),
        Column("title", "名称", "info", 28),
        Column("departments", "担当部課", "info", 20),
        Column("fy", "年度", "int", 8),
        Column("plan_text", "年度別行動計画（当該年度）", "info", 40),
    ]
    hidden = stage_fields_in_use(data)
    cols += [_eval_column(f, data) for f in fields if f.key not in hidden]
    if not template:
        cols.append(Column("updated_at", "更新日時", "info", 18))
    cols.append(Column("id", ID_HEADER, "id", 10))
    return cols


def all_evaluation_columns(data: PlanData) -> list[Column]:
    """Every column the importer accepts on an evaluation sheet (template or export)."""
    return evaluation_columns(data)


# Columns an imported sheet must have. № or ID identifies the measure.
REQUIRED = {
    SHEET_MEASURES: ("no",),
    SHEET_SCHEDULE: ("no",),
    SHEET_ACTIONS: ("no", "fy_from", "fy_to", "text"),
    SHEET_EVALUATIONS: ("no", "fy"),
}


def columns_for(sheet: str, data: PlanData) -> list[Column]:
    return {
        SHEET_MEASURES: measure_columns,
        SHEET_SCHEDULE: schedule_columns,
        SHEET_ACTIONS: action_columns,
        SHEET_EVALUATIONS: all_evaluation_columns,
    }[sheet](data)


def fold_header(text: object) -> str:
    """Header text for matching: NFKC, case-folded, without spaces and line breaks."""
    s = unicodedata.normalize("NFKC", "" if text is None else str(text)).casefold()
    return re.sub(r"\s+", "", s)


_HEADER_ALIASES = {"no.": "no", "番号": "no", "視点": "取組の視点", "コード": "表示コード"}


def match_header(text: object, columns: list[Column]) -> Column | None:
    """The column a header cell names, or None. Year columns match on the year alone."""
    h = fold_header(text)
    if not h:
        return None
    h = _HEADER_ALIASES.get(h, h)
    for c in columns:
        if fold_header(c.header) == h:
            return c
    for c in columns:
        if any(fold_header(a) == h for a in c.aliases):
            return c
    years = [c for c in columns if c.fy is not None]
    if years:
        fy = header_year(h)
        for c in years:
            if c.fy == fy:
                return c
    return None


def header_year(text: str) -> int | None:
    """The fiscal year a year-grid header names: '令和6年度(2024)', '2024', 'R6'."""
    s = unicodedata.normalize("NFKC", text)
    m = re.search(r"(?<!\d)(\d{4})(?!\d)", s)
    if m:
        return int(m.group(1))
    try:
        return parse_fy(s.replace("年度", ""))
    except ValueError:
        return None


def looks_like_year_header(text: object) -> bool:
    s = fold_header(text)
    return bool(s) and ("年度" in s or re.fullmatch(r"\d{4}", s) is not None) and header_year(s) is not None
