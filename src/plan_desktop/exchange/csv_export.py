"""Writing CSV: one file per sheet, UTF-8 with BOM (Japanese Excel opens it as UTF-8) or cp932."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..domain.model import PlanData
from ..fileops import write_files
from .columns import SHEETS, sheet_name
from .sheets import default_fiscal_year, sheet_rows
from .values import csv_safe
from .xlsx_export import ExportError

# Characters whose usual Unicode form has no cp932 code, mapped to the form
# Windows uses for the same glyph (the classic WAVE DASH problem).
_CP932_FIXES = str.maketrans({"\u301c": "\uff5e", "\u2212": "\uff0d", "\u2016": "\u2225",
                              "\u00a2": "\uffe0", "\u00a3": "\uffe1", "\u00ac": "\uffe2", "\u2014": "\u2015"})


def normalise_encoding(encoding: str | None) -> str:
    e = (encoding or "utf-8-sig").replace("_", "-").lower()
    if e in ("utf-8", "utf8", "utf-8-sig"):
        return "utf-8-sig"
    if e in ("cp932", "sjis", "shift-jis", "shift_jis", "ms932", "windows-31j"):
        return "cp932"
    raise ExportError(f"文字コード「{encoding}」には対応していません（utf-8 か cp932）。")


def csv_text(data: PlanData, sheet: str, *, fy: int | None = None) -> str:
    cols, rows = sheet_rows(sheet, data, fy=fy)
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([c.header for c in cols])
    for row in rows:
        w.writerow(["" if v is None else csv_safe(v) if isinstance(v, str) else v for v in row])
    return buf.getvalue()


def encode_csv(text: str, encoding: str, sheet: str) -> bytes:
    if encoding != "cp932":
        return text.encode(encoding)
    text = text.translate(_CP932_FIXES)
    try:
        return text.encode("cp932")
    except UnicodeEncodeError:
        bad = []
        for line_no, line in enumerate(io.StringIO(text, newline=""), start=1):
            for ch in line:
                try:
                    ch.encode("cp932")
                except UnicodeEncodeError:
                    bad.append(f"{line_no}行目の「{ch}」(U+{ord(ch):04X})")
            if len(bad) >= 10:
                break
        raise ExportError(f"「{sheet}」に Shift_JIS（cp932）で表せない文字があります: " + "、".join(bad[:10])
                          + "。UTF-8 で書き出してください。") from None


def csv_paths(path: Path, sheets: tuple[str, ...], data: PlanData | None = None) -> dict[str, Path]:
    """Where each sheet goes: *path* itself for one sheet, ``<stem>_<sheet>.csv`` for several
    (the measures' sheet named in the plan's words when *data* is given)."""
    if len(sheets) == 1:
        return {sheets[0]: path}
    name = (lambda s: sheet_name(s, data)) if data is not None else (lambda s: s)
    return {s: path.with_name(f"{path.stem}_{name(s)}{path.suffix or '.csv'}") for s in sheets}


def export_csv(data: PlanData, path: str | Path, *, sheets: tuple[str, ...] = SHEETS, fy: int | None = None,
               encoding: str | None = None) -> list[Path]:
    """Write one CSV per sheet; returns the files written. Nothing is written if any sheet fails."""
    enc = normalise_encoding(encoding)
    fy = default_fiscal_year(data) if fy is None else fy
    targets = csv_paths(Path(path), sheets, data)
    payloads = {targets[s]: encode_csv(csv_text(data, s, fy=fy), enc, s) for s in sheets}
    try:
        # All temporaries first, then the replacements; a file open in Excel rolls the others back.
        return write_files(payloads)
    except OSError as exc:  # FileInUseError names the file to close
        shown = exc.filename or path
        raise ExportError(f"{shown} に書き込めません（{exc.strerror or exc}）。どのファイルも変更していません。") from exc
