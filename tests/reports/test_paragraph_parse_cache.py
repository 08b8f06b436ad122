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
    a, b = Paragraph("評価&amp;基準", S.body(9)), Paragraph("評価&amp;基準", S.body(7.5))
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


PLAIN_TEXTS = ["評価基準", "  空白の　続く\n 行 ", "A > B, 3 ≥ 2", "ＮＰＯ法人（仮称）の設立", "x", "〓" * 300, "tab\tand nbsp\u00a0"]


@pytest.mark.parametrize("text", PLAIN_TEXTS)
@pytest.mark.parametrize("style", [S.body(), S.style("label", 8.5, align="centre"), S.style("ap1", 8.5, indent=9),
                                   S.style("cell", 7, align="centre")])
def test_plain_text_gets_the_fragments_reportlabs_parser_makes(text, style, monkeypatch):
    """Text without tags or entities is not parsed; its one fragment is the one the parser makes."""
    from reportlab.platypus.paragraph import Paragraph as RLParagraph

    seen = _parses(monkeypatch)
    ours = Paragraph(text, style)
    theirs = RLParagraph(text, style)  # reportlab's own parse
    assert seen == [text]  # only reportlab's paragraph went through the parser
    assert ours.text == theirs.text
    assert [vars(f) for f in ours.frags] == [vars(f) for f in theirs.frags]
    assert ours.bulletText == theirs.bulletText


def test_plain_text_with_a_bullet_and_a_text_transform_is_made_as_parsed(monkeypatch):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus.paragraph import Paragraph as RLParagraph

    style = ParagraphStyle("bulleted", parent=S.body(), bulletText="◆", textTransform="uppercase")
    seen = _parses(monkeypatch)
    ours, theirs = Paragraph("abc 実施", style), RLParagraph("abc 実施", style)
    assert seen == ["abc 実施"]
    assert [vars(f) for f in ours.frags] == [vars(f) for f in theirs.frags]
    assert ours.frags[0].text == "ABC 実施" and ours.bulletText == theirs.bulletText == "◆"
    assert _drawn(ours) == _drawn(theirs)


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_empty_plain_text_is_parsed_as_before(text, monkeypatch):
    seen = _parses(monkeypatch)
    assert Paragraph(text, S.body()).frags == []
    assert seen == [text]
