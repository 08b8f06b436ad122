"""Reading an exported workbook, a filled-in template or a CSV back into a preview.

The whole file is read and validated before anything is written: the result
is an :class:`ImportPreview` listing, per measure and field, what is new,
changed or unchanged, and every problem with its sheet, row and column. Only
a preview without problems can be applied (see :mod:`.apply`).

Rows find their measure by the ID column, else by №. Blank cells mean
"empty", and emptying stored text needs an explicit confirmation
(:meth:`ImportPreview.erasures`). A department template carries the values
it showed (its hidden sheet ``SHEET_SENT``): a cell that still holds what was
sent is no answer and leaves the stored value as it is, so a co-department's
blank rows never erase the lead department's answers imported in between.
Columns a sheet does not have are left as they are; so are measures a sheet
does not list.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..domain.fiscal import fy_label, fy_range_label
from ..domain.model import ActionBlock, ActionItem, Evaluation, Measure, PlanData, ScheduleEntry, new_id, now_iso
from ..domain.validation import validate_measure
from .changes import Batch
from .columns import (
    ID_HEADER,
    REQUIRED,
    SHEET_ACTIONS,
    SHEET_EVALUATIONS,
    SHEET_MEASURES,
    SHEET_SCHEDULE,
    SHEET_SENT,
    SHEETS,
    Column,
    columns_for,
    evaluation_field_header,
    evaluation_fields,
    fold_header,
    group_column_header,
    looks_like_year_header,
    match_header,
    sheet_name,
    stage_fields_in_use,
)
from .reader import CellRef, ImportProblem, ReadError, Table, read_csv, read_xlsx
from .text_diff import excerpts
from .values import (
    CellError,
    is_blank,
    parse_bool,
    parse_choice,
    parse_date,
    parse_fy_cell,
    parse_int,
    parse_list,
    parse_mark,
    parse_rating,
    parse_subs,
    parse_text,
)

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"
DELETED_MARK = "（削除）"  # what the preview shows for an action-plan block the import removes
STATUS_LABELS = {NEW: "新規", CHANGED: "変更", UNCHANGED: "変更なし"}
LOCKED_STATUS = "会議確定"
HEADER_SCAN_ROWS = 10
MAX_PROBLEMS = 500


@dataclass(frozen=True)
class FieldChange:
    sheet: str
    label: str
    before: str
    after: str
    status: str


@dataclass
class MeasureChange:
    measure_id: str
    no: int
    title: str
    status: str
    fields: list[FieldChange]
    before: Measure | None
    after: Measure

    @property
    def label(self) -> str:
        """What follows № for this measure: its display code, or its number."""
        after = self.after
        return after.label if after is not None else str(self.no)

    @property
    def changed_fields(self) -> list[FieldChange]:
        return [f for f in self.fields if f.status != UNCHANGED]


@dataclass
class ImportPreview:
    source: str
    measures: list[MeasureChange] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)  # kinds of sheet read
    encoding: str = ""
    warnings: list[ImportProblem] = field(default_factory=list)  # said, not blocking (note rows skipped)
    hidden_rows: list[CellRef] = field(default_factory=list)  # hidden data rows, read like the others
    # Template cells still holding what was sent while something else is stored now: not applied.
    kept_as_sent: list[CellRef] = field(default_factory=list)
    measure_word: str = "取組"  # the plan's word for a measure

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def has_changes(self) -> bool:
        return any(m.status != UNCHANGED for m in self.measures)

    def counts(self) -> dict[str, int]:
        out = {NEW: 0, CHANGED: 0, UNCHANGED: 0}
        for m in self.measures:
            out[m.status] += 1
        return out

    def erasures(self) -> list[tuple[MeasureChange, FieldChange]]:
        """Fields whose stored, non-empty content the import would empty (or action-plan blocks it
        would delete). Applying them needs an explicit confirmation (``--allow-erase``, a checkbox)."""
        return [(m, f) for m in self.measures if m.status == CHANGED for f in m.changed_fields
                if f.before.strip() and (not f.after.strip() or f.after == DELETED_MARK)]

    def erasure_report(self, *, limit: int | None = 30) -> str:
        """The erasures, *limit* of them (None: all)."""
        erased = self.erasures()
        limit = len(erased) if limit is None else limit
        lines = [f"空欄になる（消える）項目が {len(erased)} 件あります:"]
        lines += [f"  №{m.label} {f.label}: {_short(f.before)}" for m, f in erased[:limit]]
        if len(erased) > limit:
            lines.append(f"  …ほか {len(erased) - limit} 件")
        return "\n".join(lines)

    def changed_field_count(self) -> int:
        return sum(len(m.changed_fields) for m in self.measures if m.status != UNCHANGED)

    def truncated(self, limit: int = 200) -> bool:
        """Whether :meth:`report` with *limit* leaves lines out."""
        return max(len(self.problems), len(self.warnings), self.changed_field_count()) > limit

    def batch(self) -> Batch:
        if self.problems:
            raise ValueError("problems must be fixed before applying")
        upserts = [m.after for m in self.measures if m.status != UNCHANGED]
        return Batch(upserts=upserts, summary=f"取り込み: {self.source}")

    def report(self, *, limit: int | None = 200) -> str:
        """A plain-text preview (what the CLI prints): *limit* problems or changed fields (None: all)."""
        if limit is None:
            limit = max(len(self.problems), len(self.warnings), self.changed_field_count(), 1)
        lines = [f"{self.source}（{'・'.join(self.sheets) or 'シートなし'}）"]
        if self.encoding:
            from .reader import ENCODING_NAMES

            lines[0] += f" 文字コード: {ENCODING_NAMES.get(self.encoding, self.encoding)}"
        lines += [f"注意: {w}" for w in self.warnings[:limit]]
        if self.hidden_rows:
            lines.append(f"注意: 非表示の行 {len(self.hidden_rows)} 行も、表示されている行と同じように取り込みます"
                         f"（{'、'.join(str(r) for r in self.hidden_rows[:5])}"
                         f"{' ほか' if len(self.hidden_rows) > 5 else ''}）。")
        if self.kept_as_sent:
            lines.append(f"注意: 送付したときのまま変更されていない欄 {len(self.kept_as_sent)} 件は未回答とみなし、"
                         "いま保存されている内容をそのまま残します"
                         f"（{'、'.join(str(r) for r in self.kept_as_sent[:3])}"
                         f"{' ほか' if len(self.kept_as_sent) > 3 else ''}）。")
        if self.problems:
            lines.append(f"問題が {len(self.problems)} 件あります（データベースは変更していません）:")
            lines += [f"  {p}" for p in self.problems[:limit]]
            if len(self.problems) > limit:
                lines.append(f"  …ほか {len(self.problems) - limit} 件")
            return "\n".join(lines)
        c = self.counts()
        if not self.has_changes:
            lines.append(f"変更はありません（{self.measure_word} {c[UNCHANGED]} 件はすべて同じです）。")
            return "\n".join(lines)
        lines.append(f"新規 {c[NEW]} 件、変更 {c[CHANGED]} 件、変更なし {c[UNCHANGED]} 件")
        shown = 0
        for m in self.measures:
            if m.status == UNCHANGED:
                continue
            if shown >= limit:
                break
            lines.append(f"  [{STATUS_LABELS[m.status]}] №{m.label} {m.title}")
            for f in m.changed_fields:
                if shown >= limit:
                    break
                shown += 1
                before, after = _pair(f.before, f.after)
                lines.append(f"      {f.label}: {before or '（空欄）'} → {after or '（空欄）'}")
        total = self.changed_field_count()
        if total > shown:
            lines.append(f"  …ほか {total - shown} 項目（以下省略）")
        return "\n".join(lines)


def _short(text: str, n: int = 40) -> str:
    t = text.replace("\n", " ")
    return t if len(t) <= n else t[: n - 1] + "…"


def _pair(before: str, after: str, n: int = 40) -> tuple[str, str]:
    """Both sides of a change, shortened around the place they differ (not their identical starts)."""
    if before.strip() and after.strip() and after != DELETED_MARK:
        return excerpts(before.replace("\n", " "), after.replace("\n", " "), width=n)
    return _short(before, n), _short(after, n)


# ------------------------------------------------------------------ reading
def read_tables(path: str | Path, *, kind: str | None = None, encoding: str | None = None) -> list[Table]:
    path = Path(path)
    kind = kind or ("csv" if path.suffix.lower() in (".csv", ".txt", ".tsv") else "xlsx")
    if kind == "csv":
        return [read_csv(path, encoding)]
    return read_xlsx(path)


def preview_file(data: PlanData, path: str | Path, *, kind: str | None = None,
                 encoding: str | None = None) -> ImportPreview:
    """Read *path* (xlsx or CSV) against *data*; never raises for bad files, problems are in the preview."""
    path = Path(path)
    try:
        tables = read_tables(path, kind=kind, encoding=encoding)
    except ReadError as exc:
        return ImportPreview(path.name, problems=list(exc.problems))
    return build_preview(data, tables, source=path.name)


@dataclass
class _Sheet:
    kind: str
    table: Table
    header_row: int
    columns: dict[int, Column]  # 0-based column index -> column

    def index(self, key: str) -> int | None:
        for i, c in self.columns.items():
            if c.key == key:
                return i
        return None

    def has(self, key: str) -> bool:
        return self.index(key) is not None


def _scan_header(table: Table, columns: list[Column]) -> tuple[int, dict[int, Column], int] | None:
    """(header row number, column map, score) of the best header row among the first rows."""
    best = None
    for number, values in table.rows[:HEADER_SCAN_ROWS]:
        found = {}
        for i, v in enumerate(values):
            c = match_header(v, columns)
            if c is not None and c not in found.values():
                found[i] = c
        score = len(found)
        if score >= 2 and (best is None or score > best[2]):
            best = (number, found, score)
    return best


def build_preview(data: PlanData, tables: list[Table], *, source: str) -> ImportPreview:
    imp = _Import(data, source)
    sheets = imp.identify(tables)
    if not imp.problems:
        order = {k: i for i, k in enumerate(SHEETS)}
        for sh in sorted(sheets, key=lambda s: order[s.kind]):  # measures first: they may add new ones
            imp.read_sheet(sh)
    return imp.finish(sheets)


class _Import:
    def __init__(self, data: PlanData, source: str):
        self.data = data
        self.source = source
        self.now = now_iso()
        self.by_id = {m.id: m for m in data.measures}
        self.by_no: dict[int, Measure] = {}
        for m in data.measures:
            self.by_no.setdefault(m.no, m)
        self.work: dict[str, Measure] = {}
        self.new_ids: list[str] = []
        self.origin: dict[tuple[str, str], CellRef] = {}  # (measure id, sheet kind) -> first row
        self.eval_origin: dict[tuple[str, int], CellRef] = {}
        self.touched_years: dict[str, set[int]] = defaultdict(set)
        self.problems: list[ImportProblem] = []
        self.letters = tuple(r.letter for r in data.rating_scale)
        self.warnings: list[ImportProblem] = []
        self.hidden_rows: list[CellRef] = []
        self.kept_as_sent: list[CellRef] = []
        # (measure id, fy) -> {field key: the raw value the template showed}
        self.sent: dict[tuple[str, int], dict[str, object]] = {}
        self.word = data.terms.measure
        self.encoding = ""

    # ------------------------------------------------------------ problems
    def fail(self, where: CellRef | None, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(ImportProblem(where, message))

    # ------------------------------------------------------------ sheets
    def identify(self, tables: list[Table]) -> list[_Sheet]:
        sheets: list[_Sheet] = []
        seen: dict[str, str] = {}
        for t in tables:
            if t.csv:
                self.encoding = t.encoding
                kind = self._kind_from_header(t)
                if kind is None:
                    from .reader import ENCODING_NAMES

                    enc = ENCODING_NAMES.get(t.encoding, t.encoding)
                    self.fail(t.ref(), f"列見出しから、どの表（{self.word}・工程・年度別行動計画・評価）か判断できません。"
                                       f"文字コード {enc} として読みました。文字化けしている場合は文字コードを指定してください。")
                    continue
            else:
                if t.name == SHEET_SENT:
                    self._read_sent(t)
                    continue
                kind = next((k for k in SHEETS if fold_header(t.name) in (fold_header(k),
                                                                         fold_header(sheet_name(k, self.data)))), None)
                if kind is None:
                    continue  # other sheets (記入方法, the user's own notes) are not data
            if kind in seen:
                self.fail(t.ref(), f"「{kind}」の表が2つあります（「{seen[kind]}」と「{t.name}」）。")
                continue
            seen[kind] = t.name
            sh = self._header(kind, t)
            if sh is not None:
                sheets.append(sh)
        if not seen and not self.problems:
            self.fail(None, f"「{self.source}」に読み込めるシートがありません。"
                            f"シート名は {'・'.join(sheet_name(k, self.data) for k in SHEETS)} のいずれかにしてください。")
        return sheets

    def _read_sent(self, t: Table) -> None:
        """The values a template showed (row 1: field keys; then one row per measure and year).
        Rows that cannot be read are ignored: their cells are then compared with what is stored."""
        if not t.rows:
            return
        keys = [parse_text(v).strip() for v in t.rows[0][1]]
        if "id" not in keys or "fy" not in keys:
            return
        for _, values in t.rows[1:]:
            row = {k: (values[i] if i < len(values) else None) for i, k in enumerate(keys) if k}
            try:
                fy = parse_fy_cell(row.pop("fy"))
            except CellError:
                continue
            ident = parse_text(row.pop("id")).strip()
            if ident and fy is not None:
                self.sent[(ident, fy)] = row

    def _as_sent(self, m: Measure, fy: int, key: str, value: object, parse) -> bool:
        """Whether *value* (parsed) is what the template showed in this cell: no answer."""
        sent = self.sent.get((m.id, fy))
        if sent is None or key not in sent:
            return False
        try:
            return bool(parse(sent[key]) == value)
        except CellError:
            return False

    def _kind_from_header(self, t: Table) -> str | None:
        best = None
        for kind in SHEETS:
            found = _scan_header(t, columns_for(kind, self.data))
            if found is None:
                continue
            _, cols, score = found
            keys = {c.key for c in cols.values()}
            if kind == SHEET_SCHEDULE:
                score += 2 * sum(1 for c in cols.values() if c.fy is not None)
            if not (keys & {"no", "id"}):
                continue
            if best is None or score > best[1]:
                best = (kind, score)
        return best[0] if best else None

    def _header(self, kind: str, t: Table) -> _Sheet | None:
        columns = columns_for(kind, self.data)
        found = _scan_header(t, columns)
        if found is None:
            self.fail(t.ref(), "列見出しの行が見つかりません（先頭の行に「№」などの見出しが必要です）。")
            return None
        number, cols, _ = found
        values = dict(t.rows)[number]
        for i, v in enumerate(values):
            if i in cols or is_blank(v):
                continue
            if match_header(v, columns) is not None:
                self.fail(t.ref(number, i + 1, parse_text(v)), "同じ見出しの列が2つあります。")
            elif kind == SHEET_SCHEDULE and looks_like_year_header(v):
                self.fail(t.ref(number, i + 1, parse_text(v)),
                          f"計画期間（{fy_label(self.data.plan.fy_start)}～{fy_label(self.data.plan.fy_end)}）外の年度の列です。")
        keys = {c.key for c in cols.values()}
        if not keys & {"no", "id"}:
            self.fail(t.ref(number), f"「№」か「{ID_HEADER}」の列が必要です。")
        labels = {c.key: c.header for c in columns}
        for key in REQUIRED[kind]:
            if key != "no" and key not in keys:
                self.fail(t.ref(number), f"列「{labels[key]}」がありません。")
        if kind == SHEET_SCHEDULE and not any(c.fy is not None for c in cols.values()):
            self.fail(t.ref(number), "年度の列がありません。")
        return _Sheet(kind, t, number, cols)

    def read_sheet(self, sh: _Sheet) -> None:
        rows = self._data_rows(sh)
        if sh.kind == SHEET_ACTIONS:
            self._read_actions(sh, rows)
            return
        seen: dict[object, int] = {}
        for number, values in rows:
            m = self._locate(sh, number, values)
            if m is None:
                continue
            key: object = m.id
            if sh.kind == SHEET_EVALUATIONS:
                fy = self._fy(sh, number, values, "fy")
                if fy is None:
                    continue
                key = (m.id, fy)
            if key in seen:
                self.fail(sh.table.ref(number), f"№{m.label} の行が重複しています（{seen[key]}行目と同じ{self.word}"
                                                f"{'・年度' if sh.kind == SHEET_EVALUATIONS else ''}です）。")
                continue
            seen[key] = number
            self.origin.setdefault((m.id, sh.kind), sh.table.ref(number))
            if sh.kind == SHEET_MEASURES:
                self._read_measure_row(sh, number, values, m)
            elif sh.kind == SHEET_SCHEDULE:
                self._read_schedule_row(sh, number, values, m)
            else:
                self._read_evaluation_row(sh, number, values, m, key[1])  # type: ignore[index]

    def _data_rows(self, sh: _Sheet) -> list[tuple[int, tuple]]:
        """The rows below the header. Rows after the last one with a № or ID are notes (「備考」,
        a signature): said and skipped. Hidden data rows are read, and the preview says so."""
        rows = [(n, v) for n, v in sh.table.rows if n > sh.header_row]
        keyed = [n for n, v in rows if not is_blank(self._cell(sh, v, "no")) or not is_blank(self._cell(sh, v, "id"))]
        last = max(keyed, default=sh.header_row)
        for n, v in rows:
            if n > last:
                text = next((parse_text(x) for x in v if not is_blank(x)), "")
                self.warnings.append(ImportProblem(sh.table.ref(n), f"№ も ID もない行（「{text[:20]}」）は"
                                                                      "メモとみなして読み飛ばしました。"))
        rows = [(n, v) for n, v in rows if n <= last]
        scan = sh.table.scan
        if scan is not None:
            self.hidden_rows += [sh.table.ref(n) for n, _ in rows if n in scan.hidden_rows]
        return rows

    # ------------------------------------------------------------ cells
    def _cell(self, sh: _Sheet, values: tuple, key: str, number: int | None = None):
        i = sh.index(key)
        if i is None:
            return None
        value = values[i] if i < len(values) else None
        if number is not None and value is None:
            self._refuse_hidden_value(sh, number, i)
        return value

    def _refuse_hidden_value(self, sh: _Sheet, number: int, col_index: int) -> bool:
        """A cell that reads as blank but is not (a formula without a stored result, a cell
        covered by a merged range) is a problem: a blank would erase what is stored."""
        reason = sh.table.hidden_reason(number, col_index + 1)
        if reason is None:
            return False
        header = sh.columns[col_index].header if col_index in sh.columns else ""
        self.fail(sh.table.ref(number, col_index + 1, header), reason)
        return True

    def _ref(self, sh: _Sheet, number: int, key: str) -> CellRef:
        i = sh.index(key)
        header = sh.columns[i].header if i is not None else ""
        return sh.table.ref(number, None if i is None else i + 1, header)

    def _parse(self, sh: _Sheet, number: int, values: tuple, col_index: int, parse):
        v = values[col_index] if col_index < len(values) else None
        if v is None and self._refuse_hidden_value(sh, number, col_index):
            return False, None
        try:
            return True, parse(v)
        except CellError as exc:
            c = sh.columns[col_index]
            self.fail(sh.table.ref(number, col_index + 1, c.header), str(exc))
            return False, None

    def _fy(self, sh: _Sheet, number: int, values: tuple, key: str) -> int | None:
        i = sh.index(key)
        if i is None:
            return None
        ok, fy = self._parse(sh, number, values, i, parse_fy_cell)
        if not ok:
            return None
        if fy is None:
            self.fail(self._ref(sh, number, key), "年度が空欄です。")
            return None
        plan = self.data.plan
        if not plan.fy_start <= fy <= plan.fy_end:
            self.fail(self._ref(sh, number, key), f"年度 {fy} は計画期間（{plan.fy_start}～{plan.fy_end}）の外です。")
            return None
        return fy

    def _locate(self, sh: _Sheet, number: int, values: tuple) -> Measure | None:
        """The working copy of the measure a row is about (created for new rows of the measures' sheet)."""
        ident = parse_text(self._cell(sh, values, "id", number)).strip()
        ok, no = (True, None)
        i = sh.index("no")
        if i is not None:
            ok, no = self._parse(sh, number, values, i, parse_int)
            if not ok:
                return None
        if ident:
            if ident in self.work:
                return self.work[ident]
            if ident in self.by_id:
                return self._working(self.by_id[ident])
            if sh.kind == SHEET_MEASURES:
                return self._new_measure(sh, number, values, ident, no)
            self.fail(self._ref(sh, number, "id"), f"ID「{ident}」の{self.word}はこの計画にありません。")
            return None
        if no is None:
            self.fail(sh.table.ref(number), "№ も ID も空欄です。")
            return None
        for mid in self.new_ids:
            if self.work[mid].no == no:
                return self.work[mid]
        if no in self.by_no:
            return self._working(self.by_no[no])
        if sh.kind == SHEET_MEASURES:
            return self._new_measure(sh, number, values, new_id(), no)
        self.fail(self._ref(sh, number, "no"), f"№{no} の{self.word}はこの計画にありません。")
        return None

    def _working(self, m: Measure) -> Measure:
        if m.id not in self.work:
            self.work[m.id] = _copy_measure(m)
        return self.work[m.id]

    def _new_measure(self, sh: _Sheet, number: int, values: tuple, ident: str, no: int | None) -> Measure | None:
        if no is None:
            self.fail(self._ref(sh, number, "no"), f"新しい{self.word}の№が空欄です。")
            return None
        if not sh.has("title") or not sh.has("viewpoint"):
            self.fail(sh.table.ref(number), f"新しい{self.word}には「名称」と「{group_column_header(self.data)}」の列が必要です。")
            return None
        m = Measure(id=ident, no=no, title="", viewpoint=0, updated_at=self.now)
        self.work[m.id] = m
        self.new_ids.append(m.id)
        return m

    # ------------------------------------------------------------ kinds
    def _read_measure_row(self, sh: _Sheet, number: int, values: tuple, m: Measure) -> None:
        for i, c in sh.columns.items():
            if not c.importable or c.key == "id":
                continue
            if c.kind == "int":
                ok, v = self._parse(sh, number, values, i, parse_int)
                if ok and v is None:
                    self.fail(sh.table.ref(number, i + 1, c.header), f"{c.header}が空欄です。")
                elif ok:
                    setattr(m, c.key, v)
            elif c.kind == "bool":
                ok, v = self._parse(sh, number, values, i, parse_bool)
                if ok:
                    m.priority = v
            elif c.kind == "fy":  # active years: blank = the plan's
                ok, v = self._parse(sh, number, values, i, parse_fy_cell)
                if ok:
                    setattr(m, c.key, v)
            elif c.kind == "code":  # display code: blank = the №
                ok, v = self._parse(sh, number, values, i, parse_text)
                if ok:
                    setattr(m, c.key, v.strip() or None)
            elif c.kind == "list":
                ok, v = self._parse(sh, number, values, i, _parse_departments)
                if ok:
                    m.departments = v
            elif c.kind == "choice":
                ok, v = self._parse(sh, number, values, i, lambda x, c=c: parse_choice(x, c.choices, c.header))
                if ok:
                    setattr(m, c.key, v)
            elif c.kind == "mark":
                ok, v = self._parse(sh, number, values, i, parse_mark)
                if ok:
                    if v is None:
                        m.proposals.pop(c.proposal, None)
                    else:
                        m.proposals[c.proposal] = v
                    m.proposals = dict(sorted(m.proposals.items()))
            else:
                ok, v = self._parse(sh, number, values, i, parse_text)
                if ok:
                    setattr(m, c.key, v)

    def _read_schedule_row(self, sh: _Sheet, number: int, values: tuple, m: Measure) -> None:
        sched = {s.fy: s.phase for s in m.schedule}
        for i, c in sh.columns.items():
            if c.fy is None:
                continue
            ok, v = self._parse(sh, number, values, i,
                                lambda x, c=c: parse_choice(x, c.choices, "工程の区分"))
            if not ok:
                continue
            if v is None:
                sched.pop(c.fy, None)
            else:
                sched[c.fy] = v
        m.schedule = [ScheduleEntry(fy, p) for fy, p in sorted(sched.items())]

    def _read_evaluation_row(self, sh: _Sheet, number: int, values: tuple, m: Measure, fy: int) -> None:
        self.eval_origin[(m.id, fy)] = sh.table.ref(number)
        fields = {f.key: f for f in evaluation_fields() if f.importable}
        new_values: dict[str, object] = {}
        for i, c in sh.columns.items():
            f = fields.get(c.key)
            if f is None:
                continue
            # choices and headers in the plan's words (its options of 取組状況 and 今後の方向性, its stages)
            if f.kind == "rating":
                parse = lambda x, c=c: parse_rating(x, self.letters, c.header)  # noqa: E731
            elif f.kind == "choice":
                parse = lambda x, c=c: parse_choice(x, c.choices, c.header)  # noqa: E731
            elif f.kind == "date":
                parse = parse_date
            else:
                parse = parse_text
            ok, v = self._parse(sh, number, values, i, parse)
            if not ok:
                continue
            if self._as_sent(m, fy, f.key, v, parse):
                stored = m.evaluation_for(fy)
                if _show(f.kind, getattr(stored, f.key, None)) != _show(f.kind, v):
                    self.kept_as_sent.append(sh.table.ref(number, i + 1, c.header))
                continue
            new_values[f.key] = v
        existing = m.evaluation_for(fy)
        if existing is None:
            if all(v in (None, "") for v in new_values.values()):
                return  # an untouched template row
            e = Evaluation(fy=fy, updated_at=self.now, **new_values)
            m.evaluations = sorted([*m.evaluations, e], key=lambda x: x.fy)
        else:
            updated = replace(existing, **new_values)
            if _locked(existing) and _content(updated) != _content(existing):
                locked = self.data.terms.status_label(LOCKED_STATUS)
                self.fail(sh.table.ref(number), f"№{m.label} の{fy_label(fy)}の評価は「{locked}」のため変更できません"
                                                "（アプリでロックを解除してから取り込んでください）。")
                return
            m.evaluations = [updated if x is existing else x for x in m.evaluations]
        self.touched_years[m.id].add(fy)

    def _read_actions(self, sh: _Sheet, rows: list[tuple[int, tuple]]) -> None:
        per_measure: dict[str, list[tuple[int, tuple]]] = {}
        for number, values in rows:
            m = self._locate(sh, number, values)
            if m is None:
                continue
            self.origin.setdefault((m.id, sh.kind), sh.table.ref(number))
            per_measure.setdefault(m.id, []).append((number, values))
        for mid, mrows in per_measure.items():
            self._rebuild_action_plan(sh, self.work[mid], mrows)

    def _rebuild_action_plan(self, sh: _Sheet, m: Measure, rows: list[tuple[int, tuple]]) -> None:
        old_blocks = {b.id: b for b in m.action_plan}
        old_items = {it.id: it for b in m.action_plan for it in b.items}
        blocks: list[ActionBlock] = []
        closed: set[str] = set()
        used_items: set[str] = set()
        ok_all = True
        for number, values in rows:
            f_ok, fy_from = self._parse(sh, number, values, sh.index("fy_from"), parse_fy_cell)
            t_ok, fy_to = self._parse(sh, number, values, sh.index("fy_to"), parse_fy_cell)
            if not (f_ok and t_ok):
                ok_all = False
                continue
            if fy_from is None or fy_to is None:
                self.fail(sh.table.ref(number), "開始年度と終了年度を入力してください。")
                ok_all = False
                continue
            block_id = parse_text(self._cell(sh, values, "block_id", number)).strip() or None
            if block_id not in old_blocks:
                block_id = None  # unknown ids (e.g. copied from another measure) get new ones
            cur = blocks[-1] if blocks else None
            same = cur is not None and (
                (block_id is not None and cur.id == block_id)
                or (block_id is None and cur.id not in old_blocks and (cur.fy_from, cur.fy_to) == (fy_from, fy_to)))
            if same and (cur.fy_from, cur.fy_to) != (fy_from, fy_to):
                self.fail(sh.table.ref(number), "同じ区分の行で開始年度・終了年度が違います。")
                ok_all = False
                continue
            if not same:
                if cur is not None:
                    closed.add(cur.id)
                if block_id is not None and block_id in closed:
                    self.fail(self._ref(sh, number, "block_id"), "同じ区分の行は続けて並べてください。")
                    ok_all = False
                    continue
                cur = ActionBlock(fy_from=fy_from, fy_to=fy_to, id=block_id or new_id(), items=[], updated_at=self.now)
                blocks.append(cur)
            text = parse_text(self._cell(sh, values, "text", number))
            ok, subs = (True, [])
            if sh.has("sub"):
                ok, subs = self._parse(sh, number, values, sh.index("sub"), parse_subs)
            if not ok:
                ok_all = False
                continue
            if not text.strip():
                if subs:
                    self.fail(self._ref(sh, number, "text"), "項目が空欄です（細目だけの行は入力できません）。")
                    ok_all = False
                continue  # a block row without items
            item_id = parse_text(self._cell(sh, values, "item_id", number)).strip() or None
            if item_id not in old_items or item_id in used_items:
                item_id = None
            if item_id:
                used_items.add(item_id)
                old = old_items[item_id]
                stamp = old.updated_at if (old.text, old.sub) == (text, subs) else self.now
                cur.items.append(ActionItem(text=text, sub=subs, id=item_id, updated_at=stamp))
            else:
                cur.items.append(ActionItem(text=text, sub=subs, updated_at=self.now))
        if not ok_all:
            return
        for b in blocks:  # an unchanged block keeps its timestamp
            old = old_blocks.get(b.id)
            if old is not None and _block_key(old) == _block_key(b):
                b.updated_at = old.updated_at
        m.action_plan = blocks

    # ------------------------------------------------------------ finish
    def finish(self, sheets: list[_Sheet]) -> ImportPreview:
        kinds = [s.kind for s in sorted(sheets, key=lambda s: SHEETS.index(s.kind))]
        preview = ImportPreview(self.source, sheets=kinds, encoding=self.encoding, warnings=self.warnings,
                                hidden_rows=self.hidden_rows, kept_as_sent=self.kept_as_sent, measure_word=self.word)
        if self.problems and not sheets:
            preview.problems = self.problems
            return preview
        # Validation runs even after cell problems, so that one round of fixes is enough.
        ids = [m.id for m in self.data.measures if m.id in self.work] + self.new_ids
        changes: list[MeasureChange] = []
        for mid in ids:
            before = self.by_id.get(mid)
            after = self.work[mid]
            fields = measure_field_changes(self.data, before, after, kinds, self.touched_years.get(mid, set()))
            status = NEW if before is None else CHANGED if any(f.status != UNCHANGED for f in fields) else UNCHANGED
            if status == UNCHANGED:
                after = before
            else:
                self._stamp(before, after)
                for p in validate_measure(after, self.data):
                    self.fail(self._where(after, p.path), p.message)
                locked = locked_period(self.data, before) or locked_period(self.data, after)
                if locked:
                    self.fail(self._where(after, "measure"), f"№{after.label} は期間「{locked}」に属し、その期間はロックされているため変更できません。")
            changes.append(MeasureChange(mid, after.no, after.title, status, fields, before, after))
        self._check_numbers(changes)
        preview.problems = self.problems
        preview.measures = [] if self.problems else changes
        return preview

    def _stamp(self, before: Measure | None, after: Measure) -> None:
        if before is None or _core(before) != _core(after):
            after.updated_at = self.now
        old = {e.fy: e for e in (before.evaluations if before else [])}
        for e in after.evaluations:
            o = old.get(e.fy)
            if o is None or _content(o) != _content(e):
                e.updated_at = self.now

    def _where(self, m: Measure, path: str) -> CellRef | None:
        part = path.split(".", 1)[1] if "." in path else path
        if part.startswith("evaluations["):
            try:
                fy = m.evaluations[int(part[len("evaluations["):part.index("]")])].fy
                return self.eval_origin.get((m.id, fy))
            except (ValueError, IndexError):
                pass
        kind = SHEET_MEASURES
        if part.startswith("action_plan"):
            kind = SHEET_ACTIONS
        elif part.startswith("schedule"):
            kind = SHEET_SCHEDULE
        return self.origin.get((m.id, kind)) or next(
            (ref for (mid, _), ref in self.origin.items() if mid == m.id), None)

    def _check_numbers(self, changes: list[MeasureChange]) -> None:
        final = {m.id: m.no for m in self.data.measures}
        final.update({c.measure_id: c.after.no for c in changes})
        owners: dict[int, list[str]] = defaultdict(list)
        for mid, no in final.items():
            owners[no].append(mid)
        for c in changes:
            if c.status != UNCHANGED and len(owners[c.after.no]) > 1:
                others = [self.by_id[i].title if i in self.by_id else self.work[i].title
                          for i in owners[c.after.no] if i != c.measure_id]
                self.fail(self._where(c.after, "measure.no"), f"№{c.after.no} は「{others[0]}」と重複しています。")


def _copy_measure(m: Measure) -> Measure:
    """A copy whose containers may be changed; the records in them are replaced, never
    changed in place (a deep copy of 2,000 measures took seconds)."""
    return replace(m, departments=list(m.departments), proposals=dict(m.proposals), schedule=list(m.schedule),
                   action_plan=list(m.action_plan), evaluations=list(m.evaluations))


def _parse_departments(value: object) -> list[str]:
    text = parse_text(value)
    if "\n" in text:  # one per line, as exported; then commas may be part of a name
        return [p.strip() for p in text.split("\n") if p.strip()]
    return parse_list(text)


def locked_period(data: PlanData, m: Measure | None) -> str | None:
    """The name of the locked plan period *m* belongs to (its measures are read-only), if any."""
    if m is None or not getattr(m, "period", None):
        return None
    for p in data.plan.periods:
        if p.name == m.period and getattr(p, "locked", False):
            return p.name
    return None


def _locked(e: Evaluation) -> bool:
    try:
        from ..domain.evaluation import is_locked
    except ImportError:  # before the evaluation workflow existed nothing was locked
        return False
    return is_locked(e)


def _content(e: Evaluation) -> Evaluation:
    return replace(e, updated_at="", id="")


def _block_key(b: ActionBlock) -> tuple:
    return (b.fy_from, b.fy_to, tuple((it.id, it.text, tuple(it.sub)) for it in b.items))


def _core(m: Measure) -> Measure:
    """The measure's own fields (what its ``updated_at`` covers), without timestamps."""
    c = replace(m, evaluations=[], updated_at="", action_plan=[
        replace(b, updated_at="", items=[replace(it, updated_at="") for it in b.items]) for b in m.action_plan])
    return c


# ------------------------------------------------------------------ field diffs
def _show(kind: str, value: object) -> str:
    if value is None:
        return ""
    if kind == "bool":
        return "○" if value else ""
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def _block_text(b: ActionBlock) -> str:
    lines = []
    for it in b.items:
        lines.append("・" + it.text)
        lines += [f"    - {s}" for s in it.sub]
    return "\n".join(lines)


def _fc(sheet: str, label: str, before: str, after: str, new: bool) -> FieldChange:
    if new:
        status = NEW if after else UNCHANGED  # a blank field of a new record is nothing to show
    else:
        status = UNCHANGED if before == after else CHANGED
    return FieldChange(sheet, label, before, after, status)


def measure_field_changes(data: PlanData, before: Measure | None, after: Measure, kinds: list[str],
                          years: set[int]) -> list[FieldChange]:
    """Per-field comparison of one measure for the sheets read (evaluations: the years read)."""
    new = before is None
    out: list[FieldChange] = []
    if SHEET_MEASURES in kinds or new:
        from .columns import measure_columns

        for c in measure_columns(data):
            if not c.importable or c.key == "id":
                continue
            if c.proposal is not None:
                b = before.proposals.get(c.proposal, "") if before else ""
                a = after.proposals.get(c.proposal, "")
            else:
                b = _show(c.kind, getattr(before, c.key)) if before else ""
                a = _show(c.kind, getattr(after, c.key))
            out.append(_fc(SHEET_MEASURES, c.header, b, a, new))
    if SHEET_SCHEDULE in kinds:
        for fy in data.plan.fiscal_years:
            b = (before.phase_in(fy) or "") if before else ""
            out.append(_fc(SHEET_SCHEDULE, f"工程 {fy_label(fy)}", b, after.phase_in(fy) or "", new))
    if SHEET_ACTIONS in kinds:
        old = {b.id: b for b in before.action_plan} if before else {}
        for b in after.action_plan:
            label = f"行動計画 {fy_range_label(b.fy_from, b.fy_to)}"
            o = old.pop(b.id, None)
            out.append(_fc(SHEET_ACTIONS, label, _block_text(o) if o else "", _block_text(b), new or o is None))
            if o is not None and (o.fy_from, o.fy_to) != (b.fy_from, b.fy_to):
                out[-1] = replace(out[-1], status=CHANGED,
                                  before=f"[{fy_range_label(o.fy_from, o.fy_to)}]\n" + out[-1].before)
        for o in old.values():
            out.append(_fc(SHEET_ACTIONS, f"行動計画 {fy_range_label(o.fy_from, o.fy_to)}", _block_text(o), DELETED_MARK, False))
    if SHEET_EVALUATIONS in kinds:
        for fy in sorted(years):
            be = before.evaluation_for(fy) if before else None
            ae = after.evaluation_for(fy)
            hidden = stage_fields_in_use(data)
            for f in evaluation_fields():
                if not f.importable or f.key in hidden:
                    continue
                b = _show(f.kind, getattr(be, f.key)) if be else ""
                a = _show(f.kind, getattr(ae, f.key)) if ae else ""
                header = evaluation_field_header(f, data)[0]
                out.append(_fc(SHEET_EVALUATIONS, f"{fy_label(fy)} {header}", b, a, be is None))
    return out
