"""flow._cjk_para_line makes the line reportlab's makeCJKParaLine makes, a run of glyphs at a time."""

from __future__ import annotations

import random

import pytest
from reportlab.lib.abag import ABag
from reportlab.platypus.paragraph import cjkU, makeCJKParaLine
from reportlab.platypus.paraparser import ParaFrag

from plan_desktop.reports.flow import _cjk_para_line
from plan_desktop.reports.fonts import PRIMARY_FONT, default_fonts


def _frags() -> list[ParaFrag]:
    default_fonts()
    plain = ParaFrag(fontName=PRIMARY_FONT, fontSize=9, textColor=None, rise=0, us_lines=[], link=[])
    twin = plain.clone()  # another object, the same attributes
    small = plain.clone(fontSize=7.5)
    big = plain.clone(fontSize=12, rise=1)
    image = plain.clone(cbDefn=ABag(kind="img", width=20, height=12, valign="middle"))
    breaking = plain.clone(lineBreak=True)
    return [plain, twin, small, big, image, breaking]


def _glyphs(seed: int) -> list:
    rng = random.Random(seed)
    frags = _frags()
    out = []
    for _ in range(rng.randint(1, 12)):
        f = rng.choice(frags)
        for ch in rng.choice(["進捗", "A", "状況の評価", "ab c", "、。"]):
            g = str.__new__(cjkU, ch)
            g._frag, g._width = f, 9.0
            out.append(g)
    return out


def _facts(line) -> tuple:
    words = [(w.text, sorted((k, repr(v)) for k, v in vars(w).items() if k != "text")) for w in line.words]
    rest = sorted((k, v) for k, v in vars(line).items() if k != "words")
    return words, rest


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("calc_bounds", [False, True])
def test_the_same_line_as_reportlab_makes(seed, calc_bounds):
    glyphs = _glyphs(seed)
    ours = _cjk_para_line(glyphs, 200.0, 150.0, 50.0, seed % 2 == 0, calc_bounds)
    theirs = makeCJKParaLine(glyphs, 200.0, 150.0, 50.0, seed % 2 == 0, calc_bounds)
    assert _facts(ours) == _facts(theirs)


def test_character_widths_are_reportlabs_measured_once_per_font_and_size():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from plan_desktop.reports.flow import _widths_of

    default_fonts()
    text = "進捗状況 ABC,.、。〓\u00a0"
    for size in (7.5, 8.5, 9):
        table = _widths_of(PRIMARY_FONT, size)
        assert list(map(table.__getitem__, text)) == [stringWidth(ch, PRIMARY_FONT, size) for ch in text]
        assert _widths_of(PRIMARY_FONT, size) is table and set(text) <= set(table)
    assert _widths_of(PRIMARY_FONT, 9)["A"] != _widths_of(PRIMARY_FONT, 7.5)["A"]
