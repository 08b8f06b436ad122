"""A canvas that remembers the operators of texts it drew (reports/canvas_text.py) writes the bytes reportlab writes."""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas

from plan_desktop.reports import canvas_text
from plan_desktop.reports.canvas_text import RememberingTextObject
from plan_desktop.reports.fonts import default_fonts


class _RememberingCanvas(Canvas):
    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.formatted_texts: dict = {}

    def beginText(self, x=0, y=0, direction=None):
        return RememberingTextObject(self, x, y, direction=direction)


def _draw(canvas_class) -> tuple[bytes, Canvas]:
    font = default_fonts().name
    buf = io.BytesIO()
    c = canvas_class(buf, invariant=1, pageCompression=0)
    # more than 256 different characters: the font's second subset, and texts that switch subsets
    many = "".join(chr(cp) for cp in range(0x4E00, 0x4E00 + 300))
    texts = ["課　題", "評価・意見", many[:200], many[200:], many[150:260], "（続き）", "A&(B)\\C", ""]
    for _page in range(3):
        for i, text in enumerate(texts):
            size = (8, 8.5, 10)[i % 3]
            c.setFont(font, size)
            c.drawString(40, 800 - 20 * i, text)
            c.drawCentredString(300, 790 - 20 * i, text)
            t = c.beginText(40, 400 - 20 * i)
            t.setFont(font, size, leading=size * 1.2)
            t.textLine(text)
            t.textLine(text)  # again, in the subset it left current (no font selection when the same)
            t.textOut(texts[(i + 1) % len(texts)])  # in the subset the text before left current
            c.drawText(t)
        c.setFont("Helvetica", 9)
        c.drawString(40, 100, "Helvetica (not a TrueType font)")
        c.drawString(40, 80, b"bytes".decode())
        c.showPage()
    c.save()
    return buf.getvalue(), c


def test_remembered_text_operators_give_the_bytes_reportlab_gives():
    remembered, canvas = _draw(_RememberingCanvas)
    plain, _ = _draw(Canvas)
    assert remembered == plain
    assert len(canvas.formatted_texts) > 10  # and repeats were answered from it (three pages of the same texts)


def test_the_remembered_texts_start_afresh_past_the_limit(monkeypatch):
    monkeypatch.setattr(canvas_text, "MAX_TEXTS", 5)
    remembered, canvas = _draw(_RememberingCanvas)
    assert remembered == _draw(Canvas)[0]
    assert len(canvas.formatted_texts) <= 5


def test_the_reports_canvas_remembers_its_texts():
    from plan_desktop.reports.base import PlanCanvas

    assert isinstance(PlanCanvas(io.BytesIO()).beginText(), RememberingTextObject)
