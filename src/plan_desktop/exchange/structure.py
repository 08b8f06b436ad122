"""A whole plan from a structure workbook (構成テンプレート): the plan, its groups and measures, one row each.

A city usually keeps its plan as a list in Excel, one line per group and per
measure in outline order. This workbook is that list, in a fixed shape
(documented in docs/exchange.md, written by :func:`write_structure`):

* sheet **計画**: one setting per row, name in column A and value in column B —
  計画名 (required), 副題, 開始年度, 終了年度 (required; 2024, 令和6年度 or R6),
  期間 (``前期:2024-2026、後期:2027-2028``), 階層の名称 (``まちづくり方針、施策の柱、施策``),
  項目の呼び名 (``事業``);
* sheet **構成**: a header row, then one row per group or measure, in order:
  階層 (the group's level, 1 = top; empty for a measure), コード, 名称 (required),
  担当部課 (several: 、 or a line break), 開始年度, 終了年度 (a measure's active
  years), 重点 (○ or empty), 課題, 内容.

A group belongs to the last group one level up above it; a measure to the
last group above it. :func:`read_structure` never raises for a bad file: every
problem comes back with its sheet, row and column, like the xlsx import.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.model import Measure, Period, Plan, PlanData, Viewpoint
from ..domain.problems import Problem
from ..domain.terms import Level, PlanTerms
from ..domain.validation import validate_plan
from .reader import CellRef, ImportProblem, ReadError, Table, read_xlsx
from .values import CellError, is_blank, parse_bool, parse_fy_cell, parse_int, parse_list, parse_text

SHEET_PLAN = "計画"
SHEET_STRUCTURE = "構成"
COLUMNS = ("階層", "コード", "名称", "担当部課", "開始年度", "終了年度", "重点", "課題", "内容")
PLAN_ROWS = ("計画名", "副題", "開始年度", "終了年度", "期間", "階層の名称", "項目の呼び名")


@dataclass
class StructurePreview:
    """What the workbook holds (``data``, when it is usable) and every problem found."""

    data: PlanData | None
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.data is not None and not self.problems

    def counts(self) -> dict[str, int]:
        d = self.data
        return {"groups": len(d.viewpoints) if d else 0, "measures": len(d.measures) if d else 0}


def _norm(value: object) -> str:
    return unicodedata.normalize("NFKC", parse_text(value)).strip()


def read_structure(path: str | Path) -> StructurePreview:
    """Read a structure workbook; problems name the sheet, row and column (never raises for bad input)."""
    try:
        tables = read_xlsx(path)
    except ReadError as exc:
        return StructurePreview(None, list(exc.problems))
    by_name = {t.name: t for t in tables}
    problems: list[ImportProblem] = []
    for name in (SHEET_PLAN, SHEET_STRUCTURE):
        if name not in by_name:
            problems.append(ImportProblem(None, f"シート「{name}」がありません（構成テンプレートの形で作成してください）"))
    if problems:
        return StructurePreview(None, problems)
    data = PlanData(plan=Plan(title="", fy_start=0, fy_end=0), terms=PlanTerms())
    rows_of: dict[str, CellRef] = {}  # validation path -> where it came from
    _read_plan_sheet(by_name[SHEET_PLAN], data, problems, rows_of)
    _read_structure_sheet(by_name[SHEET_STRUCTURE], data, problems, rows_of)
    if problems:
        return StructurePreview(None, problems)
    for p in validate_plan(data):
        problems.append(ImportProblem(_where(p, rows_of), p.message))
    return StructurePreview(data if not problems else None, problems)


def _where(p: Problem, rows_of: dict[str, CellRef]) -> CellRef | None:
    path = p.path
    while path:
        if path in rows_of:
            return rows_of[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None


def _read_plan_sheet(t: Table, data: PlanData, problems: list[ImportProblem], rows_of: dict[str, CellRef]) -> None:
    seen: dict[str, tuple[int, object]] = {}
    for number, values in t.rows:
        key = _norm(values[0] if values else None)
        if key in PLAN_ROWS:
            seen[key] = (number, values[1] if len(values) > 1 else None)
    plan = data.plan
    for key in ("計画名", "開始年度", "終了年度"):
        if key not in seen or is_blank(seen[key][1]):
            problems.append(ImportProblem(t.ref(seen[key][0] if key in seen else None, 2 if key in seen else None, key),
                                          f"「{key}」を入力してください"))

    def cell(key: str):
        number, value = seen.get(key, (None, None))
        return t.ref(number, 2, key), value

    where, value = cell("計画名")
    plan.title = parse_text(value).strip()
    rows_of["plan.title"] = where
    for key, attr in (("開始年度", "fy_start"), ("終了年度", "fy_end")):
        where, value = cell(key)
        rows_of[f"plan.{attr}"] = where
        try:
            fy = parse_fy_cell(value)
        except CellError as exc:
            problems.append(ImportProblem(where, str(exc)))
            continue
        if fy is not None:
            setattr(plan, attr, fy)
    plan.subtitle = parse_text(cell("副題")[1]).strip()
    where, value = cell("期間")
    rows_of["plan.periods"] = where
    for i, part in enumerate(parse_list(value)):
        rows_of[f"plan.periods[{i}]"] = where
        import re

        m = re.fullmatch(r"(.+?)[:：]\s*(.+?)\s*[-~～〜]\s*(.+)", unicodedata.normalize("NFKC", part))
        if not m:
            problems.append(ImportProblem(where, f"期間「{part}」を読めません（例: 前期:2024-2026）"))
            continue
        try:
            a, b = parse_fy_cell(m.group(2)), parse_fy_cell(m.group(3))
        except CellError as exc:
            problems.append(ImportProblem(where, f"期間「{part}」: {exc}"))
            continue
        plan.periods.append(Period(m.group(1).strip(), a or 0, b or 0))
    where, value = cell("階層の名称")
    rows_of["terms.levels"] = where
    names = parse_list(value)
    if names:
        data.terms.levels = [Level(n) for n in names]
    where, value = cell("項目の呼び名")
    rows_of["terms.measure"] = where
    if not is_blank(value):
        data.terms.measure = parse_text(value).strip()


def _read_structure_sheet(t: Table, data: PlanData, problems: list[ImportProblem],
                          rows_of: dict[str, CellRef]) -> None:
    if not t.rows:
        problems.append(ImportProblem(t.ref(), "グループと項目の行がありません"))
        return
    header_no, header = t.rows[0]
    col = {}
    for i, h in enumerate(header, start=1):
        name = _norm(h)
        if name in COLUMNS and name not in col:
            col[name] = i
    if "名称" not in col:
        problems.append(ImportProblem(t.ref(header_no), "1行目に見出し（階層、コード、名称、…）が必要です（「名称」の列がありません）"))
        return

    def get(values: tuple, name: str):
        i = col.get(name)
        return values[i - 1] if i is not None and i - 1 < len(values) else None

    stack: list[int] = []  # the current group at each level
    for number, values in t.rows[1:]:
        title = parse_text(get(values, "名称")).strip()
        code = _norm(get(values, "コード")) or None

        def ref(name: str, number: int = number) -> CellRef:
            return t.ref(number, col.get(name), name)

        try:
            level = parse_int(get(values, "階層"))
        except CellError as exc:
            problems.append(ImportProblem(ref("階層"), f"{exc}（グループは 1 以上の数、項目は空欄）"))
            continue
        if level is not None:
            if level < 1:
                problems.append(ImportProblem(ref("階層"), "階層は 1 以上の数で入力してください（項目の行は空欄）"))
                continue
            if level > len(stack) + 1:
                problems.append(ImportProblem(ref("階層"), f"階層 {level} のグループの前に、階層 {level - 1} のグループの行が必要です"))
                continue
            no = len(data.viewpoints) + 1
            parent = stack[level - 2] if level > 1 else None
            del stack[level - 1:]
            stack.append(no)
            rows_of[f"viewpoints[{len(data.viewpoints)}]"] = t.ref(number, col.get("名称"), "名称")
            data.viewpoints.append(Viewpoint(no, title, parent=parent, code=code))
            continue
        if not stack:
            problems.append(ImportProblem(t.ref(number), "項目の行の前に、所属するグループ（階層 1）の行が必要です"))
            continue
        i = len(data.measures)
        m = Measure(no=i + 1, title=title, viewpoint=stack[-1], code=code,
                    departments=parse_list(get(values, "担当部課")),
                    issue=parse_text(get(values, "課題")), content=parse_text(get(values, "内容")))
        for name, attr in (("開始年度", "fy_from"), ("終了年度", "fy_to")):
            try:
                setattr(m, attr, parse_fy_cell(get(values, name)))
            except CellError as exc:
                problems.append(ImportProblem(ref(name), str(exc)))
        try:
            m.priority = False if is_blank(get(values, "重点")) else parse_bool(get(values, "重点"))
        except CellError as exc:
            problems.append(ImportProblem(ref("重点"), str(exc)))
        path = f"measures[{i}]"
        rows_of[path] = t.ref(number)
        for key, name in (("title", "名称"), ("code", "コード"), ("fy_from", "開始年度"), ("fy_to", "終了年度"),
                          ("departments", "担当部課"), ("issue", "課題"), ("content", "内容")):
            rows_of[f"{path}.{key}"] = ref(name)
        data.measures.append(m)


def write_structure(data: PlanData, path: str | Path) -> None:
    """Write *data*'s frame and measures as a structure workbook (also the blank template's shape)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    from ..domain import groups as G
    from ..domain.fiscal import fy_label
    from ..fileops import replacing
    from .xlsx_values import values_only

    wb = Workbook()
    guide = wb.active
    guide.title = "説明"
    lines = [
        "構成テンプレート: 計画の枠組みと項目を1行ずつ書いて、「ファイル → 新規作成 → ファイルから」で読み込みます。",
        "シート「計画」: A列に項目名、B列に値。計画名・開始年度・終了年度は必須。年度は 2024、令和6年度、R6 のいずれでも。",
        "　期間は「前期:2024-2026、後期:2027-2028」、階層の名称は「まちづくり方針、施策の柱、施策」のように区切って書きます。",
        "シート「構成」: 1行目は見出し。2行目から、上から順にグループと項目を1行ずつ。",
        "　階層: グループの階層（最上位が 1）。項目（評価する事業など）の行は空欄。",
        "　グループは、その上にある1つ上の階層の最後のグループに、項目はその上にある最後のグループに入ります。",
        "　コード: 表示する番号（例: 1000101、2-3-1）。空欄なら通し番号。開始年度・終了年度: 項目を実施する年度（空欄は計画期間と同じ）。",
        "　重点: ○ または空欄。担当部課は 、 か改行で区切ります。",
    ]
    for i, text in enumerate(lines, start=1):
        guide.cell(row=i, column=1, value=text)
    guide.column_dimensions["A"].width = 120
    head_font = Font(bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor="3A6EA5")
    ws = wb.create_sheet(SHEET_PLAN)
    p, t = data.plan, data.terms
    values = [p.title, p.subtitle, fy_label(p.fy_start) if p.fy_start else "", fy_label(p.fy_end) if p.fy_end else "",
              "、".join(f"{x.name}:{x.fy_start}-{x.fy_end}" for x in p.periods),
              "、".join(lv.name for lv in t.levels), t.measure]
    for i, (key, value) in enumerate(zip(PLAN_ROWS, values), start=1):
        ws.cell(row=i, column=1, value=key).font = Font(bold=True)
        ws.cell(row=i, column=2, value=value)
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 60
    ws = wb.create_sheet(SHEET_STRUCTURE)
    for i, name in enumerate(COLUMNS, start=1):
        c = ws.cell(row=1, column=i, value=name)
        c.font, c.fill = head_font, head_fill
    for letter, width in zip("ABCDEFGHI", (6, 12, 40, 24, 12, 12, 6, 40, 40)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    row = 2
    wrap = Alignment(wrap_text=True, vertical="top")
    mine: dict[int, list[Measure]] = {}
    for m in data.measures:
        mine.setdefault(m.viewpoint, []).append(m)
    for node in G.preorder(data):
        v = node.group
        ws.cell(row=row, column=1, value=node.depth + 1)
        ws.cell(row=row, column=2, value=v.code if v.code is not None else str(v.no))
        ws.cell(row=row, column=3, value=v.title).font = Font(bold=True)
        row += 1
        for m in mine.get(v.no, []):
            cells = [None, m.code or str(m.no), m.title, "\n".join(m.departments),
                     fy_label(m.fy_from) if m.fy_from else None, fy_label(m.fy_to) if m.fy_to else None,
                     "○" if m.priority else None, m.issue, m.content]
            for i, value in enumerate(cells, start=1):
                c = ws.cell(row=row, column=i, value=value)
                c.alignment = wrap
            row += 1
    values_only(wb)  # plan text is data, never a formula
    with replacing(Path(path)) as tmp:
        wb.save(tmp)


def read_plan_source(path: str | Path) -> StructurePreview:
    """A whole plan from a file: ``plan-desktop/1`` JSON (``.json``) or a structure workbook (anything else).

    Never raises for bad input; every problem names its JSON path or its cell.
    """
    path = Path(path)
    if path.suffix.lower() != ".json":
        return read_structure(path)
    from ..domain.problems import ValidationError
    from ..storage.json_format import load_file

    try:
        return StructurePreview(load_file(path))
    except ValidationError as exc:
        return StructurePreview(None, [ImportProblem(None, str(p)) for p in exc.problems])
