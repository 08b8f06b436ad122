"""Fiscal-year and Japanese-era arithmetic: the one place that knows about eras.

Fiscal years are identified by the western calendar year in which they start
(April–March): 令和4年度 runs from 2022-04-01 to 2023-03-31 and is stored as 2022.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

FISCAL_YEAR_START_MONTH = 4


@dataclass(frozen=True)
class Era:
    """A Japanese era (令和…): its names, its letter, and the day and western year it began."""

    name: str  # 令和
    letter: str  # R
    english: str  # Reiwa
    first_year: int  # western year of era year 1 (元年)
    first_day: _dt.date


# Newest first. Fiscal years are labelled with the era in force on 1 April.
ERAS: tuple[Era, ...] = (
    Era("令和", "R", "Reiwa", 2019, _dt.date(2019, 5, 1)),
    Era("平成", "H", "Heisei", 1989, _dt.date(1989, 1, 8)),
    Era("昭和", "S", "Showa", 1926, _dt.date(1926, 12, 25)),
)


def fiscal_year_of(day: _dt.date) -> int:
    """Return the fiscal year (western start year) that contains *day*."""
    return day.year if day.month >= FISCAL_YEAR_START_MONTH else day.year - 1


def current_fiscal_year(today: _dt.date | None = None) -> int:
    return fiscal_year_of(today or _dt.date.today())


def era_of_fiscal_year(fy: int) -> tuple[Era, int]:
    """Return (era, era year) for the fiscal year *fy*.

    The fiscal year that starts in April 2019 is 令和元年度 by government
    convention even though Reiwa began on 1 May 2019.
    """
    for era in ERAS:
        if fy >= era.first_year:
            return era, fy - era.first_year + 1
    raise ValueError(f"fiscal year {fy} is before the supported eras")


def era_year_text(n: int) -> str:
    return "元" if n == 1 else str(n)


def fy_label(fy: int) -> str:
    """令和6年度"""
    era, n = era_of_fiscal_year(fy)
    return f"{era.name}{era_year_text(n)}年度"


def fy_short(fy: int) -> str:
    """R6"""
    era, n = era_of_fiscal_year(fy)
    return f"{era.letter}{n}"


def fy_label_with_western(fy: int) -> str:
    """令和6年度（2024） — the one long form the window uses, 令和 first."""
    return f"{fy_label(fy)}（{fy}）"


def fy_range_label(fy_from: int, fy_to: int) -> str:
    """令和5年度～令和8年度, or a single label when both ends match."""
    if fy_from == fy_to:
        return fy_label(fy_from)
    return f"{fy_label(fy_from)}～{fy_label(fy_to)}"


def date_label(day: _dt.date) -> str:
    """令和6年5月1日 — the era in force on that calendar day."""
    for era in ERAS:
        if day >= era.first_day:
            return f"{era.name}{era_year_text(day.year - era.first_year + 1)}年{day.month}月{day.day}日"
    return day.isoformat()


def datetime_label(moment: _dt.datetime) -> str:
    """令和8年11月29日 21:05 (local time as given)."""
    return f"{date_label(moment.date())} {moment:%H:%M}"


_ERA_BY_NAME = {e.name: e for e in ERAS} | {e.letter: e for e in ERAS}
_ERA_BY_NAME |= {e.letter.lower(): e for e in ERAS}


def parse_fy(text: str) -> int:
    """Parse '2024', '令和6年度', '令和６年度', 'R6', '令和元年度' into 2024-style years.

    Raises ValueError with a readable message for anything else.
    """
    import re
    import unicodedata

    s = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    if re.fullmatch(r"\d{4}", s):
        return int(s)
    m = re.fullmatch(r"(令和|平成|昭和|[RHSrhs])(元|\d{1,2})(?:年度?)?", s)
    if not m:
        raise ValueError(f"年度として読めません: {text!r}")
    era = _ERA_BY_NAME[m.group(1)]
    n = 1 if m.group(2) == "元" else int(m.group(2))
    return era.first_year + n - 1


def _era_day(era: Era, n: int, month: int, day: int, text: str) -> _dt.date:
    try:
        d = _dt.date(era.first_year + n - 1, month, day)
    except ValueError:
        raise ValueError(f"「{text}」は日付として正しくありません（月・日を確かめてください）") from None
    # An era day before the era began (令和元年4月30日) belongs to the previous era.
    if d < era.first_day:
        raise ValueError(f"「{text}」は{era.name}が始まる前の日付です（{era.name}は{date_label(era.first_day)}から）")
    return d


def parse_date(text: str, fiscal_year: int | None = None) -> _dt.date | None:
    """Read a date as Japanese offices type it; blank → None.

    Accepts 令和6年5月10日, 令和元年5月1日, R6.5.10, R6/5/10, H31.4.30,
    2024/5/10, 2024-05-10, 2024.5.10, 2024年5月10日 and 20240510, in full- or
    half-width characters. With *fiscal_year*, a bare month and day (5/10,
    5月10日) is the day of that fiscal year (April–March).
    Raises ValueError with a Japanese message for anything else.
    """
    import re
    import unicodedata

    s = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    if not s:
        return None
    sep = r"(?:[./\-]|年)"
    m = re.fullmatch(r"(令和|平成|昭和|[RHSrhs])(元|\d{1,2})" + sep + r"(\d{1,2})(?:[./\-]|月)(\d{1,2})日?", s)
    if m:
        era = _ERA_BY_NAME[m.group(1)]
        n = 1 if m.group(2) == "元" else int(m.group(2))
        if n < 1:
            raise ValueError(f"「{text}」は日付として正しくありません（年を確かめてください）")
        return _era_day(era, n, int(m.group(3)), int(m.group(4)), text)
    m = (re.fullmatch(r"(\d{4})" + sep + r"(\d{1,2})(?:[./\-]|月)(\d{1,2})日?", s)
         or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", s))
    if m:
        try:
            return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            raise ValueError(f"「{text}」は日付として正しくありません（月・日を確かめてください）") from None
    m = re.fullmatch(r"(\d{1,2})(?:[./\-]|月)(\d{1,2})日?", s)
    if m and fiscal_year is not None:
        month, day = int(m.group(1)), int(m.group(2))
        year = fiscal_year if month >= FISCAL_YEAR_START_MONTH else fiscal_year + 1
        try:
            return _dt.date(year, month, day)
        except ValueError:
            raise ValueError(f"「{text}」は日付として正しくありません（月・日を確かめてください）") from None
    raise ValueError(f"「{text}」は日付として読めません（例: 令和6年5月10日、R6.5.10、2024/5/10）")
