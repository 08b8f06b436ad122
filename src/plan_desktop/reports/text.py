"""User text is data, never markup.

reportlab's ``Paragraph`` parses an XML-ish mini language and collapses
whitespace. Everything a user typed goes through :func:`to_markup`, which
escapes ``& < >``, turns line breaks into ``<br/>``, keeps leading and repeated
spaces (as no-break spaces) and routes characters the embedded font lacks to
a fallback font or the 〓 substitute, recording them as warnings.
"""

from __future__ import annotations

import re

from .fonts import FontSet, MissingGlyphs


def _xml_escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities, as ``xml.sax.saxutils.escape`` does
    (that module imports urllib.request, http.client, email and ssl: ~40 ms
    on every print command)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


NBSP = "\u00a0"
# reportlab collapses U+3000 like any whitespace; four no-break spaces of
# IPAex Gothic (0.27 em each) keep the width of an ideographic space.
IDEOGRAPHIC_SPACE = NBSP * 4
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean(text: str | None) -> str:
    """Normalise line ends, expand tabs, drop control characters and lone surrogates."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    if "\t" in text:
        text = "\n".join(line.expandtabs(4) for line in text.split("\n"))
    text = _CONTROL.sub("", text)
    return _SURROGATE.sub("\ufffd", text)


def keep_spaces(line: str) -> str:
    """Leading and repeated spaces (and every ideographic space) print as typed."""
    if "\u3000" in line:
        line = line.replace("\u3000", IDEOGRAPHIC_SPACE)
    if "  " not in line and not line.startswith(" "):
        return line
    out = []
    prev_space = True  # a space at the start of the line counts as leading
    for ch in line:
        if ch == " ":
            out.append(NBSP if prev_space else " ")
            prev_space = True
        else:
            out.append(ch)
            prev_space = False
    return "".join(out)


class TextContext:
    """Turns user text into safe Paragraph markup and collects font warnings."""

    def __init__(self, fonts: FontSet):
        self.fonts = fonts
        self.missing = MissingGlyphs()

    def markup(self, text: str | None, where: str = "") -> str:
        text = clean(text)
        if not text:
            return ""
        lines = []
        for line in text.split("\n"):
            line = keep_spaces(line)
            parts = []
            for font, chunk in self.fonts.runs(line, self.missing, where):
                esc = _xml_escape(chunk)
                parts.append(esc if font == self.fonts.name else f'<font face="{font}">{esc}</font>')
            lines.append("".join(parts))
        return "<br/>".join(lines)

    def runs(self, text: str | None, where: str = "") -> list[tuple[str, str]]:
        """(font, text) runs for drawing directly on a canvas (headers, bars)."""
        return self.fonts.runs(clean(text).replace("\n", " "), self.missing, where)

    def single_font(self, text: str | None, where: str = "") -> str:
        """Text for places that take one font only (chart labels): uncovered → 〓."""
        t = clean(text).replace("\n", " ")
        missing = self.fonts.missing(t)
        if not missing:
            return t
        from .fonts import SUBSTITUTE_CHAR

        for ch in missing:
            self.missing.add(ch, None, where)
            t = t.replace(ch, SUBSTITUTE_CHAR)
        return t

    def warnings(self) -> list[str]:
        return self.missing.messages()


def draw_runs(canv, runs: list[tuple[str, str]], x: float, y: float, size: float, anchor: str = "left") -> float:
    """Draw font runs at (x, y); *anchor* is left, right or centre. Returns the width."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    width = sum(stringWidth(t, f, size) for f, t in runs)
    if anchor == "right":
        x -= width
    elif anchor == "centre":
        x -= width / 2
    for font, t in runs:
        canv.setFont(font, size)
        canv.drawString(x, y, t)
        x += stringWidth(t, font, size)
    return width


def fit_runs(runs: list[tuple[str, str]], size: float, max_width: float) -> list[tuple[str, str]]:
    """Shorten runs with an ellipsis so they fit *max_width* (header lines only)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    total = sum(stringWidth(t, f, size) for f, t in runs)
    if total <= max_width:
        return runs
    out: list[tuple[str, str]] = []
    used = stringWidth("…", runs[0][0] if runs else "Helvetica", size)
    for font, t in runs:
        keep = ""
        for ch in t:
            w = stringWidth(ch, font, size)
            if used + w > max_width:
                if keep:
                    out.append((font, keep))
                out.append((runs[0][0], "…"))
                return out
            keep += ch
            used += w
        out.append((font, keep))
    return out


def cell(ctx: TextContext, text: str | None, where: str, width: float, size: float, align: str = "centre"):
    """Content for a small table cell.

    A plain string (drawn with the table's FONT, no paragraph layout, which is
    much faster) when the text is one line that fits *width* in the primary
    font; otherwise a wrapping, escaped paragraph that can use fallback fonts.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from .flow import Paragraph
    from .styles import style

    t = clean(text)
    if "\n" not in t and not ctx.fonts.missing(t) and stringWidth(t, ctx.fonts.name, size) <= width:
        return t
    return Paragraph(ctx.markup(text, where), style("cell", size, align=align))
