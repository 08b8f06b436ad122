"""Paragraph markup repeated across sheets is parsed once; every paragraph still gets its own fragments."""

from __future__ import annotations

import pytest

from plan_desktop.reports import flow
from plan_desktop.reports import styles as S
from plan_desktop.reports.flow import Paragraph
from plan_desktop.reports.fonts import default_fonts


@pytest.fixture(autouse=True)
def _font():
    default_fonts()


def _parses(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = flow._RLParagraph._setup

    def counting(self, text, style, bulletText, frags, cleaner):
        if frags is None:
            seen.append(text)
        return real(self, text, style, bulletText, frags, cleaner)

    monkeypatch.setattr(flow._RLParagraph, "_setup", counting)
    return seen


def test_a_repeated_paragraph_is_parsed_once_and_gets_its_own_fragments(monkeypatch):
    seen = _parses(monkeypatch)
    markup = '□&nbsp;A&nbsp;計画どおり<font size=7.5 color="#555555">　定義 &amp; 注記</font>'
    first, second = Paragraph(markup, S.body()), Paragraph(markup, S.body())
    assert seen == [markup]
    assert first.text == second.text
    assert [vars(f) for f in first.frags] == [vars(f) for f in second.frags]
    assert all(a is not b for a, b in zip(first.frags, second.frags))
    second.frags[0].text = "changed"  # one paragraph's fragments never reach another's
    assert Paragraph(markup, S.body()).frags[0].text == first.frags[0].text != "changed"


def test_the_same_text_in_another_style_is_parsed_for_that_style(monkeypatch):
    seen = _parses(monkeypatch)
    a, b = Paragraph("評価基準", S.body(9)), Paragraph("評価基準", S.body(7.5))
    assert len(seen) == 2
    assert a.frags[0].fontSize == 9 and b.frags[0].fontSize == 7.5


def _drawn(p: Paragraph) -> bytes:
    import io

    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    c = Canvas(buf, invariant=1, pageCompression=0)
    p.wrapOn(c, 120, 10_000)
    p.drawOn(c, 20, 20)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_cached_and_parsed_paragraphs_are_drawn_alike():
    markup = "令和7年度　進捗状況の評価<br/>□&nbsp;未着手　■&nbsp;<b>実施中</b>" * 6
    flow._PARSED.clear()
    fresh = Paragraph(markup, S.body())
    again = Paragraph(markup, S.body())
    assert markup in [k[0] for k in flow._PARSED]  # the second one came from the cache
    assert _drawn(fresh) == _drawn(again)
