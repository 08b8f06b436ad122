"""The chart's № column: as wide as the widest number or display code, found without laying out each.

The chart's first paint (right after the window's first frame) measured every measure's number
(2,000 layouts at 2,000 measures); widest_text_width lays out the characters, their pairs and
the widest text, and gives the same width.
"""

from __future__ import annotations

import random

import pytest
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QApplication

from plan_desktop.ui.timeline_painter import widest_text_width


class CountingMetrics:
    """A font's metrics that count the texts laid out (optionally with a kerning pair of its own)."""

    def __init__(self, fm: QFontMetricsF, kerning: dict[str, float] | None = None):
        self._fm = fm
        self._kerning = kerning or {}
        self.laid_out = 0

    def horizontalAdvance(self, text: str) -> float:  # noqa: N802 - as QFontMetricsF
        self.laid_out += 1
        kern = sum(k * text.count(pair) for pair, k in self._kerning.items())
        return self._fm.horizontalAdvance(text) + kern


def _every_text(texts: list[str], fm) -> float:
    return max((fm.horizontalAdvance(t) for t in texts), default=0.0)


def _texts() -> dict[str, list[str]]:
    rnd = random.Random(7)
    return {
        "numbers": [str(i) for i in range(1, 2001)],
        "hyphenated codes": ["-".join(str(rnd.randint(1, 40)) for _ in range(rnd.randint(1, 4))) for _ in range(600)],
        "codes with letters": ["".join(rnd.choice("0123456789-ABWXil") for _ in range(rnd.randint(1, 9)))
                               for _ in range(600)],
        "few": ["12", "7", "1000101"],
        "one": ["W"],
        "none": [],
    }


@pytest.fixture(params=[9.0, 10.5, 14.0], ids=lambda pt: f"{pt}pt")
def metrics(qapp, request) -> QFontMetricsF:
    font = QFont(QApplication.font())
    font.setPointSizeF(request.param)
    return QFontMetricsF(font)


@pytest.mark.parametrize("kind", list(_texts()))
def test_the_widest_text_is_as_wide_as_laying_out_every_text_finds(metrics, kind):
    texts = _texts()[kind]
    assert widest_text_width(texts, metrics) == _every_text(texts, metrics)


def test_a_plans_numbers_are_measured_from_their_digits_not_one_by_one(metrics):
    numbers = [str(i) for i in range(1, 2001)]
    counting = CountingMetrics(metrics)
    assert widest_text_width(numbers, counting) == _every_text(numbers, metrics)
    assert counting.laid_out <= 10 + 10 * 10 + 1  # the digits, their pairs, the widest number


def test_with_kerning_between_two_characters_every_text_is_laid_out(metrics):
    numbers = [str(i) for i in range(1, 2001)]
    kerned = CountingMetrics(metrics, kerning={"11": 3.0})  # "1111" wider than any sum says
    assert widest_text_width(numbers, kerned) == _every_text(numbers, kerned)
    assert kerned.laid_out > 2000
