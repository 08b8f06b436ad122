"""Text operators of a canvas, remembered: the same text in the same font drawn again.

reportlab turns every string it draws into PDF operators in
``PDFTextObject._formatText``: each character is looked up in the font's
subset assignments (a Python loop per character), escaped, and a font
selection is written where the subset changes. A batch of sheets draws the
same labels, headings, footer and scale texts on every page: 35 sheets make
~3,800 such calls of which ~800 differ, and the repeats are three fifths of
the characters.

:class:`RememberingTextObject` keeps, per canvas (subset assignments belong to
one document), what a text came out as for the text object's font, size,
leading and current subset, with the subset it left current. A character's
assignment never changes once made, and the first drawing of a text made every
assignment and registered every subset it uses, so a repeat gives the same
operators the first drawing gave. The bytes of a PDF do not change.
"""

from __future__ import annotations

from reportlab.pdfgen.textobject import PDFTextObject

__all__ = ["RememberingTextObject", "MAX_TEXTS"]

# Texts remembered per canvas before it starts afresh (a long batch draws many lines once).
MAX_TEXTS = 20_000


class RememberingTextObject(PDFTextObject):
    """A text object whose operators for a text drawn before on its canvas are taken from
    the canvas's ``formatted_texts`` (a dict the canvas owns)."""

    def _formatText(self, text):
        if type(text) is not str:  # bytes, or reportlab's shaped strings: as reportlab does
            return super()._formatText(text)
        memo = self._canvas.formatted_texts
        key = (self._fontname, self._fontsize, self._leading, self._curSubset, text)
        known = memo.get(key)
        if known is not None:
            self._curSubset = known[1]
            return known[0]
        code = super()._formatText(text)
        if len(memo) >= MAX_TEXTS:
            memo.clear()
        memo[key] = (code, self._curSubset)
        return code
