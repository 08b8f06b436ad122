"""A first, streaming look at an .xlsx package before openpyxl reads it.

A workbook is untrusted input: a 1 MB zip can inflate to gigabytes, a 58 KB
sheet can claim the dimension ``A1:XFD1048576`` (openpyxl then walks a
million rows of sixteen thousand cells). :func:`scan_workbook` refuses such
files within limits on the package (parts, inflated bytes) and on each sheet
(row elements, rows and columns holding values), reading every sheet's XML
once as a stream, and it notes what openpyxl's values hide:

* cells with a formula but no stored result (they read as blank, and a blank
  would erase the stored text);
* cells covered by a merged range (they read as blank too);
* hidden rows (applied like any other row; the preview says so).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path


class ScanRefusal(Exception):
    """A limit passed: ``message`` (Japanese), and where (sheet name, row) when known."""

    def __init__(self, message: str, sheet: str | None = None, row: int | None = None):
        self.message, self.sheet, self.row = message, sheet, row
        super().__init__(message)


def fail(message: str, sheet: str | None = None, row: int | None = None) -> ScanRefusal:
    return ScanRefusal(message, sheet, row)


#: Inflated bytes of all parts together (an export of 2,000 measures is about 15 MB).
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_PARTS = 2000
#: <row> elements per sheet, with or without values (formatting alone makes rows).
MAX_ROW_ELEMENTS = 200_000
MAX_MERGED_RANGES = 10_000
MAX_NOTED_CELLS = 10_000

_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def column_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def parse_ref(ref: str) -> tuple[int, int] | None:
    """``"B12"`` -> (12, 2)."""
    m = _REF.match(ref or "")
    if not m:
        return None
    return int(m.group(2)), column_index(m.group(1))


@dataclass
class SheetScan:
    name: str
    value_rows: int = 0
    last_row: int = 0  # the last row holding a value
    last_column: int = 0  # the last column holding a value
    formulas_without_value: set[tuple[int, int]] = field(default_factory=set)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (row1, col1, row2, col2)
    hidden_rows: set[int] = field(default_factory=set)

    def covering_range(self, row: int, column: int) -> str | None:
        """The merged range covering this cell, when it is not the range's top-left cell."""
        for r1, c1, r2, c2 in self.merged:
            if r1 <= row <= r2 and c1 <= column <= c2 and (row, column) != (r1, c1):
                return f"{_letters(c1)}{r1}:{_letters(c2)}{r2}"
        return None


def _letters(index: int) -> str:
    out = ""
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def sheet_parts(zf: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, part name) of every worksheet, from workbook.xml and its relationships."""
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


def check_package(zf: zipfile.ZipFile, name: str) -> None:
    """Limits on the zip itself: number of parts, bytes once inflated; .ods said in plain words."""
    infos = zf.infolist()
    if any(i.filename == "mimetype" for i in infos) and zf.read("mimetype").strip() == ODS_MIMETYPE:
        raise fail(f"「{name}」は OpenDocument 形式（.ods）です。LibreOffice の「名前を付けて保存」で"
                   "Excel 形式（.xlsx）を選んで保存し直してから取り込んでください。")
    if len(infos) > MAX_PARTS:
        raise fail(f"「{name}」は部品が多すぎるため読み込めません（{len(infos):,} 個）。")
    inflated = sum(i.file_size for i in infos)
    if inflated > MAX_UNCOMPRESSED_BYTES:
        raise fail(f"「{name}」は展開すると大きすぎます（{inflated / 1024 / 1024:,.0f} MB、"
                   f"上限 {MAX_UNCOMPRESSED_BYTES // 1024 // 1024} MB）。必要なシートだけを保存し直してください。")


def scan_sheet(src, name: str, *, max_rows: int, max_columns: int) -> SheetScan:
    """Stream one worksheet's XML; raise ScanRefusal past the limits."""
    import xml.etree.ElementTree as ET

    scan = SheetScan(name)
    row_elements = 0
    row_index = 0
    column = 0
    row_has_value = False
    for event, el in ET.iterparse(src, events=("start", "end")):
        tag = el.tag
        if event == "start":
            if tag == _MAIN_NS + "row":
                r = el.get("r")
                row_index = int(r) if r and r.isdigit() else row_index + 1
                column = 0
                row_has_value = False
                row_elements += 1
                if row_elements > MAX_ROW_ELEMENTS:
                    raise fail(f"行が多すぎます（{MAX_ROW_ELEMENTS:,} 行を超えています）。ファイルを分けてください。",
                               name)
                if el.get("hidden") in ("1", "true") and len(scan.hidden_rows) < MAX_NOTED_CELLS:
                    scan.hidden_rows.add(row_index)
            continue
        if tag == _MAIN_NS + "c":
            ref = parse_ref(el.get("r", ""))
            column = ref[1] if ref else column + 1
            v = el.find(_MAIN_NS + "v")
            has_value = (v is not None and bool(v.text)) or el.find(_MAIN_NS + "is") is not None
            if el.find(_MAIN_NS + "f") is not None and not has_value:
                if len(scan.formulas_without_value) < MAX_NOTED_CELLS:
                    scan.formulas_without_value.add((row_index, column))
            if has_value:
                row_has_value = True
                if column > max_columns:
                    raise fail(f"列が多すぎます（{_letters(column)}列に値があります。{max_columns} 列まで）。"
                               "不要な列を削除してください。", name, row_index)
                scan.last_column = max(scan.last_column, column)
            el.clear()
        elif tag == _MAIN_NS + "row":
            if row_has_value:
                scan.value_rows += 1
                scan.last_row = row_index
                if row_index > max_rows:
                    raise fail(f"行が多すぎます（{row_index:,} 行目に値があります。{max_rows:,} 行目まで）。"
                               "不要な行を削除するか、ファイルを分けてください。", name)
            el.clear()
        elif tag == _MAIN_NS + "mergeCell":
            parts = (el.get("ref") or "").split(":")
            a, b = parse_ref(parts[0]), parse_ref(parts[-1])
            if a and b:
                if len(scan.merged) >= MAX_MERGED_RANGES:
                    raise fail(f"結合されたセルが多すぎます（{MAX_MERGED_RANGES:,} 箇所まで）。", name)
                scan.merged.append((min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])))
            el.clear()
    return scan


def scan_workbook(path: Path, *, max_rows: int, max_columns: int) -> dict[str, SheetScan]:
    """Every worksheet's scan, by sheet name. Raises ScanRefusal past a limit; a package that is
    damaged is left for openpyxl to report (an empty result)."""
    try:
        with zipfile.ZipFile(path) as zf:
            check_package(zf, path.name)
            out = {}
            for name, part in sheet_parts(zf):
                with zf.open(part) as src:
                    out[name] = scan_sheet(src, name, max_rows=max_rows, max_columns=max_columns)
            return out
    except ScanRefusal:
        raise
    except Exception:  # noqa: BLE001 - damaged packages: openpyxl names the problem
        return {}
