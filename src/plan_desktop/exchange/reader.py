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
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .values import uncsv_safe


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

    def ref(self, row: int | None = None, column: int | None = None, header: str = "") -> CellRef:
        return CellRef(self.name, row, column, header, self.csv)


def _fail(message: str, where: CellRef | None = None) -> ReadError:
    return ReadError([ImportProblem(where, message)])


def _blank_row(values: tuple) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _check_size(path: Path) -> None:
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
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise _fail(f"「{path.name}」は古い Excel 形式（.xls）です。Excel で .xlsx 形式に保存し直してください。")
    if not head.startswith(b"PK\x03\x04"):
        raise _fail(f"「{path.name}」は Excel ファイル（.xlsx）ではありません。")
    _check_row_counts(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError) as exc:
        raise _fail(f"「{path.name}」を Excel ファイル（.xlsx）として読めません（{type(exc).__name__}）。") from exc
    except Exception as exc:  # openpyxl raises assorted errors on damaged parts
        raise _fail(f"「{path.name}」を Excel ファイル（.xlsx）として読めません（{type(exc).__name__}: {exc}）。") from exc
    tables = []
    try:
        for ws in wb.worksheets:
            t = Table(ws.title)
            try:
                for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
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


_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _sheet_parts(zf: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, part name) of every worksheet, from workbook.xml and its relationships."""
    import posixpath
    import xml.etree.ElementTree as ET

    book = ET.fromstring(zf.read("xl/workbook.xml"))
    rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(_PKG_REL_NS + "Relationship")}
    out = []
    for sheet in book.iter(_MAIN_NS + "sheet"):
        target = targets.get(sheet.get(_REL_NS + "id"), "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        out.append((sheet.get("name", ""), part))
    return out


def _value_rows_exceed(src, limit: int) -> bool:
    """Whether a worksheet XML stream has more than *limit* rows holding values.

    Counting row tags in the raw bytes is fast; only a sheet with more row
    tags than the limit (rows may exist for formatting alone) is parsed to
    count the rows with values, stopping as soon as the limit is passed.
    """
    tags = 0
    tail = b""
    while chunk := src.read(1 << 20):
        buf = tail + chunk
        tags += len(_ROW_TAG.findall(buf)) - len(_ROW_TAG.findall(tail))
        tail = buf[-64:]
        if tags > limit:
            return True
    return False


def _count_value_rows(src, limit: int) -> int:
    import xml.etree.ElementTree as ET

    rows = 0
    for _, el in ET.iterparse(src, events=("end",)):
        if el.tag == _MAIN_NS + "row":
            if any(c.find(_MAIN_NS + "v") is not None or c.find(_MAIN_NS + "is") is not None for c in el):
                rows += 1
                if rows > limit:
                    break
            el.clear()
    return rows


def _check_row_counts(path: Path) -> None:
    """Refuse sheets over the row limit before openpyxl reads them (it may scan the whole
    sheet just to size it). Damaged packages are left for openpyxl to report."""
    try:
        with zipfile.ZipFile(path) as zf:
            sheets = _sheet_parts(zf)
            for name, part in sheets:
                with zf.open(part) as src:
                    if not _value_rows_exceed(src, MAX_ROWS + 10):
                        continue
                with zf.open(part) as src:
                    if _count_value_rows(src, MAX_ROWS + 10) > MAX_ROWS + 10:
                        raise _fail(f"行が多すぎます（上限 {MAX_ROWS:,} 行）。ファイルを分けてください。", CellRef(name))
    except ReadError:
        raise
    except Exception:
        return


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
