"""Cell values: domain values to what a sheet shows, and typed-in cells back.

Parsers raise :class:`CellError` with a Japanese message; the importer adds
where the cell is.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata

from ..domain.model import RELATED, STRONG

# Characters that XML 1.0 (and so .xlsx) cannot hold.
ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Spreadsheet programs run cells starting with these as formulas (CSV injection); Japanese
# Excel also takes the full-width forms, and a leading tab or carriage return hides one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
SUB_BULLET = "・"
TRUE_WORDS = {"○", "◯", "〇", "●", "1", "true", "はい", "重点", "y", "yes"}
FALSE_WORDS = {"", "0", "false", "いいえ", "n", "no", "-", "－", "×"}


class CellError(ValueError):
    """A cell that cannot be read; ``str()`` is a Japanese message."""


def clean_text(text: str) -> str:
    return ILLEGAL_CHARACTERS.sub("", text)


def csv_safe(text: str) -> str:
    """Quote a leading formula character so that Excel shows the text instead of running it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def uncsv_safe(text: str) -> str:
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


# ----------------------------------------------------------------- export
def format_value(kind: str, value: object) -> object:
    """The cell value for a domain value (None leaves the cell empty)."""
    if value is None:
        return None
    if kind == "int":
        return int(value)  # type: ignore[arg-type]
    if kind == "bool":
        return "○" if value else None
    if kind == "list":
        return "\n".join(value) or None  # type: ignore[arg-type]
    if kind == "subs":
        return "\n".join(SUB_BULLET + s for s in value) or None  # type: ignore[union-attr]
    if isinstance(value, str):
        return clean_text(value) if value != "" else None
    return value


# ----------------------------------------------------------------- import
def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def parse_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.isoformat()
    return str(value)


def parse_int(value: object) -> int | None:
    """A whole number; blank → None. Accepts 12, 12.0, '12', '１２'."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError(f"整数でなければなりません（{value}）")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return int(value)
        raise CellError(f"整数でなければなりません（{value}）")
    s = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "")
    if re.fullmatch(r"[+-]?\d+(\.0+)?", s):
        return int(float(s)) if "." in s else int(s)
    raise CellError(f"数値でなければなりません（「{str(value).strip()}」）")


def parse_fy_cell(value: object) -> int | None:
    """A fiscal year: 2024, '2024', '令和6年度', 'R6'."""
    if is_blank(value):
        return None
    try:
        return parse_int(value)
    except CellError:
        pass
    from ..domain.fiscal import parse_fy

    try:
        return parse_fy(str(value))
    except ValueError:
        raise CellError(f"年度は数値（例: 2024）か「令和6年度」の形で入力してください（「{str(value).strip()}」）") from None


def parse_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    s = unicodedata.normalize("NFKC", parse_text(value)).strip().casefold()
    if s in TRUE_WORDS:
        return True
    if s in FALSE_WORDS:
        return False
    raise CellError(f"○ か空欄で入力してください（「{parse_text(value).strip()}」）")


def parse_mark(value: object) -> str | None:
    s = parse_text(value).strip()
    if not s:
        return None
    if s == STRONG:
        return STRONG
    if s in (RELATED, "◯", "〇"):
        return RELATED
    raise CellError(f"◎ か ○ か空欄で入力してください（「{s}」）")


def parse_list(value: object) -> list[str]:
    s = parse_text(value)
    return [p.strip() for p in re.split(r"[\n、,，;；]", s) if p.strip()]


def parse_subs(value: object) -> list[str]:
    """細目: one per line starting with ・; other lines continue the previous one."""
    s = parse_text(value)
    if not s.strip():
        return []
    out: list[str] = []
    for line in s.split("\n"):
        if line.startswith(SUB_BULLET):
            out.append(line[len(SUB_BULLET):])
        elif out:
            out[-1] += "\n" + line
        elif line.strip():
            out.append(line)
    return out


def parse_choice(value: object, choices: tuple[str, ...], label: str) -> str | None:
    s = parse_text(value).strip()
    if not s:
        return None
    if s in choices:
        return s
    folded = unicodedata.normalize("NFKC", s).casefold()
    for c in choices:
        if unicodedata.normalize("NFKC", c).casefold() == folded:
            return c
    raise CellError(f"{label}「{s}」は選択肢（{'/'.join(choices)}）にありません")


def parse_rating(value: object, letters: tuple[str, ...], label: str) -> str | None:
    s = parse_text(value).strip()
    if not s:
        return None
    # 'B おおむね計画どおり' (as the app shows ratings) is read as 'B'.
    first = re.split(r"[\s:：]", unicodedata.normalize("NFKC", s), maxsplit=1)[0]
    for c in letters:
        if unicodedata.normalize("NFKC", c).casefold() == first.casefold():
            return c
    raise CellError(f"{label}「{s}」は評価基準（{'/'.join(letters)}）にありません")


def parse_date(value: object) -> str | None:
    if is_blank(value):
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    s = unicodedata.normalize("NFKC", parse_text(value)).strip()
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?", s)
    if m:
        try:
            return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            pass
    raise CellError(f"日付は 2024-05-31 の形で入力してください（「{s}」）")
