"""Reading .xlsx and CSV files into plain tables of cell values, with limits.

Nothing here knows what the sheets mean (see :mod:`.importer`); it only gets
cell values out of untrusted files safely: size and row limits, a clear
message for files that are not workbooks, and encoding detection for CSV
(UTF-8 with or without BOM, UTF-16 with BOM, cp932).
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .values import uncsv_safe
from .xlsx_scan import ScanRefusal, SheetScan, scan_workbook


def get_column_letter(index: int) -> str:
    """Excel column letter; openpyxl is imported only when a file is really read (start-up cost)."""
    from openpyxl.utils import get_column_letter as letter

    return letter(index)


MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 20_000  # data rows per sheet; 2,000 measures with 5 action items each need 10,000
MAX_COLUMNS = 300

ENCODING_NAMES = {"utf-8-sig": "UTF-8（BOM 付き）", "utf-8": "UTF-8", "cp932": "Shift_JIS（cp932）", "utf-16": "UTF-16"}


@dataclass(frozen=True)
class CellRef:
    """Where a value is: a sheet (or CSV file), a row and a column, all optional."""

    sheet: str
    row: int | None = None
    column: int | None = None  # 1-based
    header: str = ""
    csv: bool = False

    def __str__(self) -> str:
        out = f"ファイル「{self.sheet}」" if self.csv else f"シート「{self.sheet}」"
        if self.row is not None:
            out += f" {self.row}行目"
        if self.column is not None:
            out += f" {self.column}列目" if self.csv else f" {get_column_letter(self.column)}列"
        if self.header:
            out += f"（{self.header}）"
        return out


@dataclass(frozen=True)
class ImportProblem:
    where: CellRef | None
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class ReadError(Exception):
    """A file that cannot be read at all; carries the problems (Japanese)."""

    def __init__(self, problems: list[ImportProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Table:
    name: str  # sheet name, or the file name for CSV
    rows: list[tuple[int, tuple]] = field(default_factory=list)  # (1-based row number, cell values)
    csv: bool = False
    encoding: str = ""  # CSV only: the encoding used
    scan: SheetScan | None = None  # xlsx only: formulas without results, merged cells, hidden rows

    def hidden_reason(self, row: int, column: int) -> str | None:
        """Why the value read from this cell is not what the sheet shows (a formula without a
        stored result, a cell covered by a merged range), or None."""
        if self.scan is None:
            return None
        if (row, column) in self.scan.formulas_without_value:
            return ("数式のセルで、計算結果が保存されていません（空欄として読まれます）。"
                    "Excel で開いて保存し直すか、値を貼り付けてから取り込んでください。")
        merged = self.scan.covering_range(row, column)
        if merged:
            return f"結合されたセル（{merged}）の一部で、空欄として読まれます。セルの結合を解除してから取り込んでください。"
        return None

    def ref(self, row: int | None = None, column: int | None = None, header: str = "") -> CellRef:
        return CellRef(self.name, row, column, header, self.csv)


def _fail(message: str, where: CellRef | None = None) -> ReadError:
    return ReadError([ImportProblem(where, message)])


def _blank_row(values: tuple) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _check_size(path: Path) -> None:
    if path.is_dir():
        raise _fail(f"「{path}」はフォルダーです。取り込むファイルを指定してください。")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _fail(f"ファイルを開けません: {path}（{exc.strerror or exc}）") from exc
    if size > MAX_FILE_BYTES:
        raise _fail(f"ファイルが大きすぎます（{size / 1e6:.0f} MB、上限 {MAX_FILE_BYTES // (1024 * 1024)} MB）: {path.name}")


def read_xlsx(path: str | Path) -> list[Table]:
    """Every worksheet's non-blank rows. Raises ReadError for anything that is not a usable .xlsx."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    _check_size(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise _fail(f"ファイルを開けません: {path}（{exc.strerror or exc}）") from exc
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise _fail(f"「{path.name}」は古い Excel 形式（.xls）です。Excel で .xlsx 形式に保存し直してください。")
    if not head.startswith(b"PK\x03\x04"):
        raise _fail(f"「{path.name}」は Excel ファイル（.xlsx）ではありません。")
    try:
        scans = scan_workbook(path, max_rows=MAX_ROWS + 10, max_columns=MAX_COLUMNS)
    except ScanRefusal as exc:
        raise _fail(exc.message, CellRef(exc.sheet, exc.row) if exc.sheet else None) from exc
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError) as exc:
        raise _fail(f"「{path.name}」を Excel ファイル（.xlsx）として読めません（{type(exc).__name__}）。") from exc
    except Exception as exc:  # openpyxl raises assorted errors on damaged parts
        raise _fail(f"「{path.name}」を Excel ファイル（.xlsx）として読めません（{type(exc).__name__}: {exc}）。") from exc
    tables = []
    try:
        for ws in wb.worksheets:
            scan = scans.get(ws.title)
            t = Table(ws.title, scan=scan)
            # The declared dimension is not trusted (A1:XFD1048576 would mean a million rows of
            # 16,384 cells); rows are read up to the last one holding a value.
            ws.reset_dimensions()
            last = scan.last_row if scan is not None else None
            if last == 0:
                tables.append(t)
                continue
            try:
                for number, values in enumerate(ws.iter_rows(max_row=last, values_only=True), start=1):
                    if _blank_row(values):
                        continue
                    if len(values) > MAX_COLUMNS:
                        values = values[:MAX_COLUMNS] if _blank_row(values[MAX_COLUMNS:]) else values
                        if len(values) > MAX_COLUMNS:
                            raise _fail(f"列が多すぎます（上限 {MAX_COLUMNS} 列）", t.ref(number))
                    t.rows.append((number, values))
                    if len(t.rows) > MAX_ROWS + 10:  # + title and header rows
                        raise _fail(f"行が多すぎます（上限 {MAX_ROWS:,} 行）。ファイルを分けてください。", t.ref())
            except ReadError:
                raise
            except Exception as exc:
                raise _fail(f"シートを読めません（{type(exc).__name__}: {exc}）", t.ref()) from exc
            tables.append(t)
    finally:
        wb.close()
    return tables


def decode_csv(raw: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding used). Detects UTF-8 (with or without BOM), UTF-16 with BOM and cp932."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise _fail(f"文字コード「{encoding}」は扱えません。") from None
        enc = "utf-8-sig" if encoding.replace("_", "-").lower() in ("utf-8", "utf8") else encoding
        try:
            return raw.decode(enc), enc
        except UnicodeDecodeError as exc:
            raise _fail(f"文字コード {encoding} として読めません（{exc.start + 1} バイト目）。"
                        "別の文字コードで保存されている可能性があります。") from exc
    if raw.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "cp932"]
    for enc in candidates:
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:  # UTF-16 without a BOM decodes as "UTF-8" full of NULs
            continue
        return text, enc
    raise _fail("文字コードを判別できません。UTF-8 か Shift_JIS（cp932）の CSV として保存してください。")


def read_csv(path: str | Path, encoding: str | None = None) -> Table:
    path = Path(path)
    _check_size(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _fail(f"ファイルを開けません: {path}（{exc.strerror or exc}）") from exc
    text, enc = decode_csv(raw, encoding)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    t = Table(path.name, csv=True, encoding=enc)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        # Rows are numbered by record, as a spreadsheet shows them (a quoted cell may span lines).
        for number, values in enumerate(reader, start=1):
            row = tuple(uncsv_safe(v) if v else None for v in values)
            if _blank_row(row):
                continue
            if len(row) > MAX_COLUMNS:
                raise _fail(f"列が多すぎます（上限 {MAX_COLUMNS} 列）", t.ref(number))
            t.rows.append((number, row))
            if len(t.rows) > MAX_ROWS + 1:
                raise _fail(f"行が多すぎます（上限 {MAX_ROWS:,} 行）。ファイルを分けてください。", t.ref())
    except csv.Error as exc:
        raise _fail(f"CSV として読めません（{exc}）", t.ref()) from exc
    return t
