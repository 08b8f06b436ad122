"""One rounding rule for every printed and shown figure: 四捨五入 on the exact value."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from plan_desktop.domain import numbers as N
from plan_desktop.domain.evaluation import achievement_rate, format_rate
from plan_desktop.domain.model import Indicator


@pytest.mark.parametrize("value, places, expected", [
    (2.125, 2, "2.13"), (2.625, 2, "2.63"), (1.15, 1, "1.2"), (1.35, 1, "1.4"), (0.5, 0, "1"), (2.5, 0, "3"),
    (-2.125, 2, "-2.13"), (Fraction(17, 8), 2, "2.13"), (1234.5, 0, "1,235"),
])
def test_halves_round_up_on_the_typed_value(value, places, expected):
    assert N.fixed(value, places) == expected


def test_round_half_up_returns_a_decimal_of_the_asked_precision():
    assert N.round_half_up(Fraction(73, 80) * 100, 1) == Decimal("91.3")


def test_shares_and_averages_use_one_precision_each():
    assert N.format_share(73, 80) == "91.3%"  # float maths gives 91.2 %
    assert N.format_share(29, 35) == "82.9%"
    assert N.format_share(1, 0) == "－"
    assert N.format_average(N.mean([3, 2, 2, 1.5])) == "2.13"  # 2.125
    assert N.format_average(None) == "－"


def test_achievement_rate_is_exact_and_rounds_half_up():
    assert format_rate(achievement_rate(Indicator("x", target=80, actual=73))) == "91.3%"
    assert format_rate(achievement_rate(Indicator("x", target=0.3, actual=0.1))) == "33.3%"
    assert format_rate(None) == "—"


def test_plain_values_print_as_typed():
    assert N.format_plain(12.0) == "12" and N.format_plain(1234.5) == "1,234.5" and N.format_plain(0.125) == "0.125"
    assert N.format_plain(None) == ""
