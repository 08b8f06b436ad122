"""Flowables for form-like pages: labelled rows that split cleanly, ruled lines.

reportlab's in-row table splitting (``splitInRow``) moves a vertically
centred label to whichever part is larger and, when a cell splits twice,
can leave a blank line inside the text. A sheet is therefore a stack of
:class:`LabeledRow` flowables: each is one "label | content" row of the form
and splits itself, exactly, between content flowables or inside a paragraph;
the label stays on the first part and the continuation says （続き）.
"""

from __future__ import annotations

from reportlab.lib.rl_accel import sameFrag
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph as _RLParagraph
from reportlab.platypus.paragraph import (
    FragLine,
    ParaLines,
    _handleBulletWidth,
    cjkU,
    imgNormV,
    imgVRange,
    textTransformFrags,
)
from reportlab.platypus.paraparser import ParaParser

from . import styles as S
from .linebreak import break_glyphs

THIN = 0.45
THICK = 0.9


class _Widths(dict):
    """Advance widths of characters in one font at one size (character -> points), each
    measured by reportlab on first use; looked up a whole text at a time (``map``)."""

    __slots__ = ("font", "size")

    def __init__(self, font: str, size: float):
        super().__init__()
        self.font, self.size = font, size

    def __missing__(self, ch: str) -> float:
        width = self[ch] = stringWidth(ch, self.font, self.size)
        return width


_WIDTHS: dict[tuple[str, float], _Widths] = {}


def _widths_of(font: str, size: float) -> _Widths:
    table = _WIDTHS.get((font, size))
    if table is None:
        table = _WIDTHS[(font, size)] = _Widths(font, size)
    return table


# Parsed markup by (text, style, case sensitivity): a batch of sheets repeats the same
# labels, scales and names on every sheet (about half of its paragraphs), and parsing
# the markup was a tenth of the layout. Styles are cached objects (styles.style).
_PARSED: dict[tuple, tuple[str, list]] = {}
_PARSED_MAX = 4096

# Plain text (no tag, no entity: most user text) is parsed by reportlab into one fragment,
# a copy of the paragraph style's own with the text in it, the same for every plain text
# (see ParaParser.handle_data). That fragment is parsed once per (style, case sensitivity)
# from PLAIN_SAMPLE and copied with each text; parsing was ~7 % of laying out 35 sheets.
PLAIN_SAMPLE = "x"
_PLAIN_FRAG: dict[tuple, object] = {}


def _plain_fragment(style, case_sensitive):
    """The fragment reportlab's parser makes of plain text in *style*, or None where it makes
    something else of it (the style is then parsed with each text as before)."""
    key = (style, case_sensitive)
    if key not in _PLAIN_FRAG:
        parser = ParaParser()
        parser.caseSensitive = case_sensitive
        parsed_style, frags, bullet_frags = parser.parse(PLAIN_SAMPLE, style)
        one = frags is not None and len(frags) == 1 and getattr(frags[0], "text", None) == PLAIN_SAMPLE
        _PLAIN_FRAG[key] = frags[0] if one and parsed_style is style and not bullet_frags else None
    return _PLAIN_FRAG[key]


class Paragraph(_RLParagraph):
    """reportlab's Paragraph with Japanese line breaking after JIS X 4051.

    Lines are broken by :func:`linebreak.break_glyphs` (no glyph past the
    right edge, kinsoku, whole Latin words; see that module) instead of
    reportlab's ``cjkFragSplit``. A one-fragment paragraph gets plain lines
    (kind 0, as in reportlab's own fast path), others fragment lines (kind 1);
    split pieces keep their lines with the right kind.
    A style with ``words_only = True`` breaks only at spaces and after 、
    (department names). Every paragraph in the reports is made with this class.
    """

    def _setup(self, text, style, bulletText, frags, cleaner):
        if frags is None and type(text) is str and "<" not in text and "&" not in text:
            plain = cleaner(text)
            frag = _plain_fragment(style, self.caseSensitive) if plain else None
            if frag is not None:  # what the parser would make of it (a bullet text stays as it is)
                frags = [frag.clone(text=plain)]
                textTransformFrags(frags, style)
                return super()._setup(plain, style, bulletText, frags, cleaner)
        if frags is not None or bulletText is not None:
            return super()._setup(text, style, bulletText, frags, cleaner)
        key = (text, style, self.caseSensitive)
        parsed = _PARSED.get(key)
        if parsed is not None:
            # the fragments of the same parse, each a copy (as a parse of its own makes them)
            return super()._setup(parsed[0], style, None, [f.clone() for f in parsed[1]], cleaner)
        super()._setup(text, style, bulletText, frags, cleaner)
        if self.style is style and self.bulletText is None and isinstance(text, str):
            if len(_PARSED) >= _PARSED_MAX:
                _PARSED.clear()
            _PARSED[key] = (self.text, [f.clone() for f in self.frags])
        return None

    def breakLinesCJK(self, maxWidths):
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        style = self.style
        self.height = 0
        _handleBulletWidth(self.bulletText, style, maxWidths)
        kept = getattr(self, "blPara", None)
        if getattr(self, "_splitpara", 0) and kept is not None:
            # reportlab's split labels the kept lines kind 1 whatever they are: restore the truth
            if kept.lines and isinstance(kept.lines[0], FragLine):
                kept.kind = 1
            elif kept.lines and len(self.frags) == 1:
                f = self.frags[0]
                return f.clone(kind=0, lines=kept.lines, ascent=f.fontSize, descent=-0.2 * f.fontSize)
            return kept
        key = tuple(maxWidths)
        cached = getattr(self, "_jis_lines", None)
        if cached is not None and cached[0] == key:
            return cached[1]  # the same paragraph is wrapped again and again (rows, KeepTogether, frames)
        frags = self.frags
        if not frags:
            return ParaLines(kind=0, fontSize=style.fontSize, fontName=style.fontName, textColor=style.textColor,
                             lines=[], ascent=style.fontSize, descent=-0.2 * style.fontSize)
        words_only = getattr(style, "words_only", False)
        if len(frags) == 1 and not hasattr(frags[0], "cbDefn") and not style.endDots:
            # one run of text in one font (most user text): plain lines, as reportlab's own fast path
            f = frags[0]
            text = f.text if hasattr(f, "text") else "".join(getattr(f, "words", []))
            widths = list(map(_widths_of(f.fontName, f.fontSize).__getitem__, text))
            plain = []
            for n, (a, b, _explicit) in enumerate(break_glyphs(text, widths, maxWidths, words_only=words_only)):
                max_w = maxWidths[min(n, len(maxWidths) - 1)]
                plain.append((max_w - sum(widths[a:b]), [text[a:b]]))
            result = f.clone(kind=0, lines=plain, ascent=f.fontSize, descent=-0.2 * f.fontSize)
            self._jis_lines = (key, result)
            return result
        glyphs: list[cjkU] = []
        for f in frags:
            text = f.text if hasattr(f, "text") else "".join(getattr(f, "words", []))
            if isinstance(text, bytes):
                text = text.decode("utf8")
            if not text or hasattr(f, "cbDefn"):
                glyphs.extend(cjkU(t, f, "utf8") for t in (text or [text]))
                continue
            width_of = _widths_of(f.fontName, f.fontSize).__getitem__
            for ch in text:
                g = str.__new__(cjkU, ch)  # cjkU without its own stringWidth call
                g._frag, g._width = f, width_of(ch)
                glyphs.append(g)
        widths = [g.width for g in glyphs]
        auto = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
        calc_bounds = auto not in ("", "off")
        ranges = break_glyphs(glyphs, widths, maxWidths, words_only=words_only,
                              is_line_break=lambda i: hasattr(glyphs[i].frag, "lineBreak"))
        lines = []
        for n, (a, b, explicit) in enumerate(ranges):
            max_w = maxWidths[min(n, len(maxWidths) - 1)]
            used = sum(widths[a:b])
            lines.append(_cjk_para_line(glyphs[a:b], max_w, used, max_w - used, explicit, calc_bounds))
        result = ParaLines(kind=1, lines=lines)
        self._jis_lines = (key, result)
        return result


def _cjk_para_line(glyphs: list, max_width: float, used: float, extra: float, line_break, calc_bounds) -> FragLine:
    """reportlab's ``makeCJKParaLine``, the same line, a run of glyphs of one fragment at a time.

    reportlab compares every glyph's fragment with the one before (``sameFrag``)
    and looks up its font's ascent and descent; the glyphs of one fragment
    (most of a line) give the same answers, so here that is done once per run.
    A fragment with a callback or a line break makes each glyph a word of its
    own, as ``sameFrag`` says for it.
    """
    words: list = []
    chars: list = []
    f0 = FragLine()
    max_size = max_ascent = min_descent = 0
    i, n = 0, len(glyphs)
    while i < n:
        f = glyphs[i].frag
        j = i + 1
        while j < n and glyphs[j].frag is f:
            j += 1
        size = f.fontSize
        cb = getattr(f, "cbDefn", None) if calc_bounds else None
        if getattr(cb, "width", 0):
            descent, ascent = imgVRange(imgNormV(cb.height, size), cb.valign, size)
        else:
            ascent, descent = getAscentDescent(f.fontName, size)
        max_size = max(max_size, size)
        max_ascent = max(max_ascent, ascent)
        min_descent = min(min_descent, descent)
        own_words = "cbDefn" in f.__dict__ or "lineBreak" in f.__dict__
        for k in range(i, j) if own_words else (i,):
            if not sameFrag(f0, f):
                f0 = f0.clone()
                f0.text = "".join(chars)
                words.append(f0)
                chars = []
                f0 = f
            chars.extend(glyphs[k:k + 1] if own_words else glyphs[i:j])
        i = j
    if chars:
        f0 = f0.clone()
        f0.text = "".join(chars)
        words.append(f0)
    return FragLine(kind=1, extraSpace=extra, wordCount=1, words=words[1:], fontSize=max_size, ascent=max_ascent,
                    descent=min_descent, maxWidth=max_width, currentWidth=used, lineBreak=line_break)


class LabeledRow(Flowable):
    """One row of a form: a shaded label cell on the left, flowables on the right."""

    def __init__(self, label: list[tuple[str, float]], content: list[Flowable], *, label_w: float, font: str,
                 pad: float = 3.2, top_w: float = THIN, bottom_w: float = THIN, continued: bool = False,
                 label_top: bool = False, min_height: float = 0.0):
        super().__init__()
        self.label = label  # lines of (text, font size); our own text, covered by the font
        self.content = [c for c in content if c is not None]
        self.label_w = label_w
        self.font = font
        self.pad = pad
        self.top_w = top_w
        self.bottom_w = bottom_w
        self.continued = continued
        self.label_top = label_top
        self.min_height = min_height
        self._heights: list[float] = []

    # ------------------------------------------------------------ geometry
    def _content_width(self, aw: float) -> float:
        return aw - self.label_w - 2 * self.pad

    def _label_height(self) -> float:
        lines = self._label_lines()
        return sum(size * 1.25 for _, size in lines)

    def _label_lines(self) -> list[tuple[str, float]]:
        if self.continued:
            return [(text, size) for text, size in self.label[:1]] + [("（続き）", 7.5)]
        return self.label

    def wrap(self, aw, ah):
        self.width = aw
        cw = self._content_width(aw)
        self._heights = []
        total = 0.0
        for i, f in enumerate(self.content):
            _, h = f.wrap(cw, 0x7FFFFFFF)
            if i:
                h += f.getSpaceBefore()
            self._heights.append(h)
            total += h
        self.height = max(total + 2 * self.pad + 0.8, self._label_height() + 2 * self.pad, self.min_height)
        return aw, self.height

    def split(self, aw, ah):
        if self._label_height() + 2 * self.pad > ah:
            return []
        room = ah - 2 * self.pad - 0.8
        # A piece may come out a little taller than asked (a nested table's
        # padding, a paragraph's rounding): retry with less room until the
        # first part really fits, as the frame requires.
        for _ in range(6):
            if room < 12:
                return []
            parts = self._split_at(aw, room)
            if not parts:
                return []
            over = parts[0].wrap(aw, ah)[1] - ah
            if over <= 0.01:
                return parts
            room -= max(over, 2.0)
        return []

    def _split_at(self, aw, room):
        cw = self._content_width(aw)
        if not self.content:
            return []
        first: list[Flowable] = []
        rest: list[Flowable] = []
        used = 0.0
        for i, f in enumerate(self.content):
            if rest:
                rest.append(f)
                continue
            _, h = f.wrap(cw, 0x7FFFFFFF)
            gap = f.getSpaceBefore() if first else 0.0
            if used + gap + h <= room:
                first.append(f)
                used += gap + h
                continue
            parts = split_keeping_lines(f, cw, room - used - gap) if room - used - gap > 0 else []
            if len(parts) >= 2:
                first.append(parts[0])
                rest.extend(parts[1:])
            else:
                rest.append(f)
            rest.extend(self.content[i + 1:])
            break
        if not first or not rest:
            return []
        common = dict(label_w=self.label_w, font=self.font, pad=self.pad, label_top=self.label_top)
        a = LabeledRow(self.label, first, top_w=self.top_w, bottom_w=THICK, continued=self.continued, **common)
        b = LabeledRow(self.label, rest, top_w=THICK, bottom_w=self.bottom_w, continued=True, **common)
        return [a, b]

    # ------------------------------------------------------------- drawing
    def draw(self):
        c = self.canv
        w, h, lw = self.width, self.height, self.label_w
        c.saveState()
        c.setFillColor(S.LABEL_BG)
        c.rect(0, 0, lw, h, stroke=0, fill=1)
        c.setStrokeColor(S.RULE)
        c.setLineWidth(THICK)
        c.line(0, 0, 0, h)
        c.line(w, 0, w, h)
        c.setLineWidth(THIN)
        c.line(lw, 0, lw, h)
        c.setLineWidth(self.top_w)
        c.line(0, h, w, h)
        c.setLineWidth(self.bottom_w)
        c.line(0, 0, w, 0)

        lines = self._label_lines()
        block = self._label_height()
        top = h - self.pad if (self.label_top or self.continued) else (h + block) / 2
        c.setFillColor(S.INK)
        y = top
        for text, size in lines:
            y -= size * 1.25
            c.setFont(self.font, size)
            c.drawCentredString(lw / 2, y + size * 0.28, text)
        c.restoreState()

        x = lw + self.pad
        y = h - self.pad
        for f, fh in zip(self.content, self._heights):
            y -= fh
            f.drawOn(c, x, y)


MIN_LINES = 3  # a paragraph split across pages leaves at least this many lines on each side


def split_keeping_lines(f: Flowable, width: float, avail: float, min_lines: int = MIN_LINES) -> list[Flowable]:
    """Split *f* into a part that fits *avail* and the rest; a paragraph only when both parts get
    at least *min_lines* lines (no widow or orphan slivers), else nothing ([])."""
    if not isinstance(f, _RLParagraph):
        return f.split(width, avail)
    f.wrap(width, 0x7FFFFFFF)
    n = len(f.blPara.lines)
    leading = f.style.leading
    fit = int((avail + 1e-6) // leading)
    if n < 2 * min_lines or fit < min_lines:
        return []
    fit = min(fit, n - min_lines)
    parts = f.split(width, fit * leading + 0.01)
    if len(parts) < 2:
        return []
    first = parts[0]
    first.wrap(width, 0x7FFFFFFF)
    if len(first.blPara.lines) < min_lines:
        return []
    return parts


def label_lines(text: str, size: float = 8.5) -> list[tuple[str, float]]:
    return [(line, size) for line in text.split("\n")]


class WritingLines(Flowable):
    """Ruled lines for handwriting; splits across pages like text would."""

    def __init__(self, lines: int, pitch: float = 7.5 * mm):
        super().__init__()
        self.lines = max(1, lines)
        self.pitch = pitch

    def wrap(self, aw, ah):
        self.width = aw
        return aw, self.lines * self.pitch

    def split(self, aw, ah):
        fit = int(ah // self.pitch)
        if fit < 1 or fit >= self.lines:
            return []
        return [WritingLines(fit, self.pitch), WritingLines(self.lines - fit, self.pitch)]

    def draw(self):
        c = self.canv
        c.saveState()
        c.setStrokeColor(S.HAIRLINE)
        c.setLineWidth(0.4)
        c.setDash(1, 2)
        for i in range(self.lines):
            y = i * self.pitch + 1
            c.line(0, y, self.width, y)
        c.restoreState()


def chunks(flowable: Flowable, width: float, max_h: float) -> list[Flowable]:
    """Split a flowable into pieces no taller than *max_h* (where it can split)."""
    out: list[Flowable] = []
    current = flowable
    for _ in range(10_000):
        _, h = current.wrap(width, 0x7FFFFFFF)
        if h <= max_h:
            out.append(current)
            return out
        parts = current.split(width, max_h)
        if len(parts) < 2:
            out.append(current)
            return out
        out.append(parts[0])
        current = parts[1]
    out.append(current)
    return out


def _might_be_tall(cell) -> bool:
    text = getattr(cell, "text", None)
    if text is None:
        return isinstance(cell, Flowable)
    return len(text) > 150 or text.count("<br/>") > 4


def chunk_row(cells: list, widths: list[float], max_h: float = 150.0, pad: float = 12.0) -> list[list]:
    """One table row, or several when paragraph cells are taller than *max_h*.

    reportlab can split a table between rows reliably, but splitting inside
    a row (``splitInRow``) fails on some long Japanese paragraphs. Tall
    cells are therefore cut into pieces beforehand and continued in extra
    rows; the other cells stay in the first row.
    """
    pieces: list[list] = []
    for cell, w in zip(cells, widths):
        if isinstance(cell, Flowable) and _might_be_tall(cell):
            pieces.append(chunks(cell, w - pad, max_h))
        else:
            pieces.append([cell])
    n = max(len(p) for p in pieces)
    return [[p[k] if k < len(p) else "" for p in pieces] for k in range(n)]


def append_chunked(rows: list[list], cmds: list[tuple], row: list, widths: list[float], *,
                   rule=None, line: float = THIN, max_h: float = 150.0, first_col: int = 0) -> tuple[int, int]:
    """Append *row* (chunked, see :func:`chunk_row`) with one rule below its last piece.

    Returns the first and last table row index used. Tables built this way
    draw vertical rules with LINEAFTER and horizontal ones only here, so the
    pieces of one row read as one cell.
    """
    first = len(rows)
    rows.extend(chunk_row(row, widths, max_h))
    last = len(rows) - 1
    cmds.append(("LINEBELOW", (first_col, last), (-1, last), line, rule if rule is not None else S.RULE))
    return first, last
