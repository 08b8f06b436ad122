"""Rounding and formatting of every figure the app prints or shows.

Public documents round half up (四捨五入) on the exact value: 2.125 → 2.13,
73/80 = 91.25 % → 91.3 %. Binary floats and Python's round-half-even would
give 2.12 and 91.2 %. Figures are therefore computed exactly (``Fraction``
from the typed decimal values) and rounded once, here, with
``Decimal.quantize(ROUND_HALF_UP)``.

One precision per kind of figure, everywhere (screen and paper):
平均点 ``AVERAGE_PLACES`` decimals, 着手率 and 達成率 ``PERCENT_PLACES``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

# fractions and decimal (~3 ms) are imported by the functions, when the first figure is computed:
# the window's start-up loads this module and computes none.
if TYPE_CHECKING:
    from decimal import Decimal
    from fractions import Fraction

AVERAGE_PLACES = 2
PERCENT_PLACES = 1
NO_VALUE = "－"

if TYPE_CHECKING:
    Number = int | float | Fraction | Decimal


def exact(value: Number) -> Fraction:
    """The value as a person typed it: a float is read through its shortest repr (0.1 → 1/10)."""
    from fractions import Fraction

    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"not a finite number: {value!r}")
        return Fraction(repr(value))
    return Fraction(value)


def round_half_up(value: Number, places: int) -> Decimal:
    """*value* rounded half up (away from zero) to *places* decimals."""
    from decimal import ROUND_HALF_UP, Decimal, localcontext

    f = exact(value)
    with localcontext() as ctx:
        ctx.prec = 60
        d = Decimal(f.numerator) / Decimal(f.denominator)
        return d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def fixed(value: Number | None, places: int, empty: str = NO_VALUE) -> str:
    """'2.13' for 2.125 at two places; *empty* for None."""
    if value is None:
        return empty
    d = round_half_up(value, places)
    return f"{d:,.{places}f}" if places else f"{d:,.0f}"


def mean(values: Iterable[Number]) -> Fraction | None:
    """The exact arithmetic mean; None for no values."""
    from fractions import Fraction

    items = [exact(v) for v in values]
    return sum(items, Fraction(0)) / len(items) if items else None


def ratio(part: Number, whole: Number) -> Fraction | None:
    """part / whole exactly; None when *whole* is zero."""
    w = exact(whole)
    return exact(part) / w if w else None


def format_average(value: Number | None) -> str:
    """平均点: '2.13'."""
    return fixed(value, AVERAGE_PLACES)


def format_percent(fraction: Number | None, places: int = PERCENT_PLACES) -> str:
    """A share as a percentage: 0.9125 → '91.3%'; None → '－'."""
    if fraction is None:
        return NO_VALUE
    return fixed(exact(fraction) * 100, places) + "%"


def format_share(part: int, whole: int) -> str:
    """着手率 and the like: 29 of 35 → '82.9%'."""
    return format_percent(ratio(part, whole))


def format_plain(value: Number | None) -> str:
    """A typed value as entered: 12.0 → '12', 1234.5 → '1,234.5', None → ''.

    Up to four decimals are kept (rounded half up beyond that)."""
    if value is None:
        return ""
    d = round_half_up(value, 4).normalize()
    if d == d.to_integral_value():
        return f"{d:,.0f}"
    return f"{d:,f}"
