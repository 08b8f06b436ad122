"""Writing .xlsx workbooks: the plan export and the per-department evaluation template.

Sheets get a title row, a styled header row (row 2), frozen panes below
it, column widths, wrapped text, drop-downs for coded columns and an A4
landscape print setup that repeats the header on every page.
"""

from __future__ import annotations

import copy
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..domain.fiscal import fy_label
from ..domain.model import PlanData
from ..fileops import replacing
from .columns import (
    SHEET_EVALUATIONS,
    SHEET_GUIDE,
    SHEET_SENT,
    SHEETS,
    Column,
    evaluation_columns,
    sheet_name,
    template_fields,
)
from .sheets import default_fiscal_year, department_measures, evaluation_rows, sheet_rows, sheet_title
from .xlsx_values import values_only

FONT_NAME = "游ゴシック"
HEADER_ROW = 2
FIRST_DATA_ROW = HEADER_ROW + 1
# Rows below the data that still get drop-downs, for rows a user adds.
SPARE_ROWS = 200
MAX_CELL_CHARS = 32767  # Excel's limit per cell

_thin = Side(style="thin", color="A0A0A0")
_border = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)


class ExportError(Exception):
    """``str()`` is a Japanese message."""


def _styles(wb: Workbook) -> None:
    header = NamedStyle("pd_header")
    header.font = Font(name=FONT_NAME, bold=True, size=10, color="FFFFFF")
    header.fill = PatternFill("solid", fgColor="3A6EA5")
    header.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    header.border = _border
    cell = NamedStyle("pd_cell")
    cell.font = Font(name=FONT_NAME, size=10)
    cell.alignment = Alignment(vertical="top", wrap_text=True)
    cell.border = _border
    centered = NamedStyle("pd_center")
    centered.font = Font(name=FONT_NAME, size=10)
    centered.alignment = Alignment(horizontal="center", vertical="top")
    centered.border = _border
    info = NamedStyle("pd_info")
    info.font = Font(name=FONT_NAME, size=9, color="707070")
    info.alignment = Alignment(vertical="top", wrap_text=True)
    info.border = _border
    entry = NamedStyle("pd_input")
    entry.font = Font(name=FONT_NAME, size=10)
    entry.fill = PatternFill("solid", fgColor="FFF7D6")
    entry.alignment = Alignment(vertical="top", wrap_text=True)
    entry.border = _border
    entry.protection = Protection(locked=False)
    title = NamedStyle("pd_title")
    title.font = Font(name=FONT_NAME, bold=True, size=12)
    title.alignment = Alignment(vertical="center")
    for s in (header, cell, centered, info, entry, title):
        wb.add_named_style(s)


def _cell_style(c: Column, *, input_keys: frozenset[str] = frozenset()) -> str:
    if c.key in input_keys:
        return "pd_input"
    if c.kind in ("info", "id"):
        return "pd_info"
    if c.kind in ("int", "bool", "mark", "rating", "choice", "phase", "date"):
        return "pd_center"
    return "pd_cell"


def _check_length(sheet: str, row: list[object], row_no: int, columns: list[Column]) -> None:
    for c, v in zip(columns, row):
        if isinstance(v, str) and len(v) > MAX_CELL_CHARS:
            raise ExportError(f"シート「{sheet}」{row_no}行目「{c.header}」の文字数（{len(v)}）が"
                              f"Excel の上限（{MAX_CELL_CHARS}）を超えています。")


def _write_sheet(ws: Worksheet, title: str, columns: list[Column], rows: list[list[object]], *,
                 input_keys: frozenset[str] = frozenset()) -> None:
    ncols = len(columns)
    last_col = get_column_letter(ncols)
    ws.append([title])
    ws.cell(1, 1).style = "pd_title"
    ws.row_dimensions[1].height = 22
    ws.append([c.header for c in columns])
    for i in range(1, ncols + 1):
        ws.cell(HEADER_ROW, i).style = "pd_header"
    ws.row_dimensions[HEADER_ROW].height = 30
    styles = [_cell_style(c, input_keys=input_keys) for c in columns]
    arrays: dict[str, object] = {}  # named style -> its style array, resolved once
    for offset, row in enumerate(rows):
        r = FIRST_DATA_ROW + offset
        _check_length(ws.title, row, r, columns)
        ws.append(row)
        for i in range(1, len(row) + 1):
            cell = ws.cell(r, i)
            name = styles[i - 1]
            if name in arrays:
                # Assigning by name looks the style up for every cell (most of the export's
                # time for big plans); copying the resolved array gives the same cell style.
                cell._style = copy.copy(arrays[name])
            else:
                cell.style = name
                arrays[name] = copy.copy(cell._style)
    for i, c in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = c.width
    last_row = FIRST_DATA_ROW + max(len(rows), 1) - 1
    ws.freeze_panes = ws.cell(FIRST_DATA_ROW, 2)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last_col}{last_row}"
    _drop_downs(ws, columns, last_row + SPARE_ROWS)
    _print_setup(ws)


_KIND_PROMPTS = {
    "rating": "評価基準の記号を選んでください",
    "choice": "一覧から選んでください",
    "phase": "工程の区分を選んでください",
    "mark": "◎（特に関連が強い）か ○（関連がある）",
    "bool": "重点なら ○",
}


def _drop_downs(ws: Worksheet, columns: list[Column], last_row: int) -> None:
    for i, c in enumerate(columns, start=1):
        if c.kind in ("rating", "choice", "phase"):
            options = c.choices
        elif c.kind == "mark":
            options = ("◎", "○")
        elif c.kind == "bool":
            options = ("○",)
        else:
            continue
        formula = '"' + ",".join(options) + '"'
        if len(formula) > 255 or any("," in o or '"' in o for o in options):
            continue  # Excel cannot hold such a list inline; the importer still checks the values
        dv = DataValidation(type="list", formula1=formula, allow_blank=True, showDropDown=False,
                            showErrorMessage=True, errorStyle="stop", errorTitle="入力できない値です",
                            error=f"「{c.header}」は一覧の中から選んでください（空欄も可）。",
                            showInputMessage=True, promptTitle=c.header, prompt=_KIND_PROMPTS[c.kind])
        letter = get_column_letter(i)
        dv.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last_row}")
        ws.add_data_validation(dv)


def _print_setup(ws: Worksheet) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "&P / &N"
    ws.oddHeader.left.text = "&A"


def _save(wb: Workbook, path: Path) -> None:
    path = Path(path)
    values_only(wb)
    try:
        with replacing(path) as tmp:
            wb.save(tmp)
    except OSError as exc:  # FileInUseError (open in Excel) names the file to close
        raise ExportError(f"{path} に書き込めません（{exc.strerror or exc}）") from exc


def export_workbook(data: PlanData, path: str | Path, *, fy: int | None = None,
                    sheets: tuple[str, ...] = SHEETS) -> Path:
    """Write the plan as one .xlsx with a sheet per kind; evaluations are those of *fy*."""
    fy = default_fiscal_year(data) if fy is None else fy
    wb = Workbook()
    _styles(wb)
    wb.remove(wb.active)
    for sheet in sheets:
        cols, rows = sheet_rows(sheet, data, fy=fy)
        title = f"{sheet_title(sheet, data)} — {data.plan.title}"
        if sheet == SHEET_EVALUATIONS:
            title = f"{sheet_title(sheet, data)}（{fy_label(fy)}） — {data.plan.title}"
        _write_sheet(wb.create_sheet(sheet_name(sheet, data)), title, cols, rows)
    wb.properties.title = data.plan.title
    wb.properties.creator = "plan_desktop"
    _save(wb, Path(path))
    return Path(path)


def export_template(data: PlanData, department: str, path: str | Path, *, fy: int | None = None) -> int:
    """Write the evaluation input sheet of one department; returns the number of measures on it.

    Existing evaluations of *fy* are filled in. A hidden sheet keeps what each
    yellow cell showed (:func:`_sent_values`): a cell still holding it when the
    sheet comes back is no answer, so a co-department's blank rows never erase
    the lead department's answers imported in between.
    """
    fy = default_fiscal_year(data) if fy is None else fy
    measures = department_measures(data, department)
    if not measures:
        raise ExportError(f"担当部課「{department}」の{data.terms.measure}がありません。")
    wb = Workbook()
    _styles(wb)
    ws = wb.active
    ws.title = SHEET_EVALUATIONS
    cols, rows = evaluation_rows(data, measures, fy, template=True)
    inputs = frozenset(f.key for f in template_fields())
    _write_sheet(ws, f"{fy_label(fy)} 進捗評価シート — {department}", cols, rows, input_keys=inputs)
    # Only the yellow cells are meant to be typed in; no password, so nobody is locked out.
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.autoFilter = False
    ws.protection.sort = False
    _guide(wb.create_sheet(SHEET_GUIDE), data, department, fy)
    _sent_values(wb.create_sheet(SHEET_SENT), cols, rows, inputs)
    wb.properties.title = f"{data.plan.title} 進捗評価シート {department}"
    wb.properties.creator = "plan_desktop"
    _save(wb, Path(path))
    return len(measures)


def _sent_values(ws: Worksheet, columns: list[Column], rows: list[list[object]], inputs: frozenset[str]) -> None:
    """The values the template showed in its input cells, keyed by field (row 1: keys; then one
    row per measure with its ID and year), hidden from the department."""
    keep = [i for i, c in enumerate(columns) if c.key in ("id", "fy") or c.key in inputs]
    ws.append([columns[i].key for i in keep])
    for row in rows:
        ws.append([row[i] for i in keep])
    ws.sheet_state = "veryHidden"  # not offered by 再表示 either; LibreOffice keeps it as hidden
    ws.protection.sheet = True


def _guide(ws: Worksheet, data: PlanData, department: str, fy: int) -> None:
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 30
    ws.column_dimensions["C"].width = 70
    lines: list[list[object]] = [
        [f"{data.plan.title} {fy_label(fy)} 進捗評価シートの記入方法"],
        [],
        ["対象", department],
        ["記入する欄", "「評価」シートの黄色の欄"],
        ["注意", "№・年度・ID の列は変更しないでください。行の追加・削除もしないでください。"],
        ["", "選択式の欄は、セルを選ぶと表示される▼から選んでください。空欄のままでもかまいません。"],
        [],
        ["評価基準", "記号・区分", "定義"],
    ]
    lines += [[r.letter, r.label, r.definition] for r in data.rating_scale]
    lines += [[], ["選択肢"]]
    for c in evaluation_columns(data, template=True):
        if c.kind == "choice":  # the plan's own options
            lines.append([c.header, "／".join(c.choices)])
    for row in lines:
        ws.append(row)
    ws.cell(1, 1).style = "pd_title"
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if cell.value is not None:
                cell.alignment = Alignment(vertical="top", wrap_text=True)
                cell.font = Font(name=FONT_NAME, size=10, bold=cell.column == 1)
    _print_setup(ws)
