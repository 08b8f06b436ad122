"""Page geometry, paragraph styles and colours shared by all reports."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A3, A4, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from .fonts import PRIMARY_FONT

PAPERS = {"A4": A4, "A3": A3}

INK = colors.HexColor("#222222")
RULE = colors.HexColor("#555555")
HAIRLINE = colors.HexColor("#9aa3ad")
LABEL_BG = colors.HexColor("#e6ebf1")
BAND_BG = colors.HexColor("#cfd8e3")
GROUP_BG = colors.HexColor("#eef1f5")
MUTED = colors.HexColor("#666666")
HIGHLIGHT = colors.HexColor("#c0392b")


@dataclass(frozen=True)
class PageSetup:
    """Paper and margins. The binding edge gets the wide margin for hole punching.

    Portrait pages are punched on the left. Landscape pages go into the same
    portrait binders turned a quarter, so their top edge is the bound one.
    """

    paper: str = "A4"
    orientation: str = "portrait"

    @property
    def size(self) -> tuple[float, float]:
        base = PAPERS[self.paper]
        return landscape(base) if self.orientation == "landscape" else portrait(base)

    @property
    def margins(self) -> tuple[float, float, float, float]:
        """(left, right, top, bottom) of the body frame, header and footer excluded."""
        if self.orientation == "landscape":
            return 14 * mm, 14 * mm, 25 * mm, 16 * mm
        return 25 * mm, 14 * mm, 22 * mm, 18 * mm

    @property
    def header_y(self) -> float:
        """Baseline of the running header, measured from the top of the paper."""
        return self.margins[2] - 8 * mm

    @property
    def frame_width(self) -> float:
        left, right, _, _ = self.margins
        return self.size[0] - left - right


def paper_choice(text: str) -> str:
    t = text.strip().upper()
    if t not in PAPERS:
        raise ValueError(f"用紙サイズは {' / '.join(PAPERS)} のいずれかです: {text}")
    return t


@cache
def style(name: str, size: float = 9.0, *, leading: float | None = None, align: str = "left",
          color: str | None = None, indent: float = 0.0, first_indent: float = 0.0,
          space_before: float = 0.0, space_after: float = 0.0, words_only: bool = False,
          bullet_indent: float = 0.0) -> ParagraphStyle:
    """A cached paragraph style in the embedded font with Japanese line breaking.

    *words_only*: break only at spaces and after 、 (names; see ``linebreak``).
    """
    st = ParagraphStyle(
        name=f"{name}-{size}-{align}-{indent}-{first_indent}-{bullet_indent}{'-w' if words_only else ''}",
        fontName=PRIMARY_FONT,
        fontSize=size,
        leading=leading if leading is not None else round(size * 1.45, 2),
        alignment={"left": TA_LEFT, "centre": TA_CENTER, "right": TA_RIGHT}[align],
        textColor=colors.HexColor(color) if color else INK,
        wordWrap="CJK",
        leftIndent=indent,
        firstLineIndent=first_indent,
        spaceBefore=space_before,
        spaceAfter=space_after,
        allowWidows=1,
        allowOrphans=1,
        splitLongWords=1,
        bulletFontName=PRIMARY_FONT,
        bulletFontSize=size,
        bulletIndent=bullet_indent,
    )
    st.words_only = words_only
    return st


def body(size: float = 9.0, **kw) -> ParagraphStyle:
    return style("body", size, **kw)


def label(size: float = 8.5, align: str = "centre") -> ParagraphStyle:
    return style("label", size, align=align)


def readable_on(colour: str | colors.Color) -> colors.Color:
    """Black or white, whichever reads better on *colour*."""
    if isinstance(colour, colors.Color):
        c = colour
    else:
        try:
            c = colors.HexColor(colour)
        except (ValueError, TypeError):
            return INK
    luminance = 0.2126 * c.red + 0.7152 * c.green + 0.0722 * c.blue
    return INK if luminance > 0.55 else colors.white


def safe_colour(hex_colour: str, default: str = "#888888") -> colors.Color:
    try:
        return colors.HexColor(hex_colour)
    except (ValueError, TypeError):
        return colors.HexColor(default)


def tint(c: colors.Color, amount: float) -> colors.Color:
    """Mix *c* with white; amount 0 keeps the colour, 1 gives white."""
    return colors.Color(c.red + (1 - c.red) * amount, c.green + (1 - c.green) * amount,
                        c.blue + (1 - c.blue) * amount)


ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"


def roman(n: int) -> str:
    return ROMAN[n - 1] if 1 <= n <= len(ROMAN) else str(n)


def heading_cell(flowable):
    """Mark *flowable* as the first cell of a group heading row: a table (see :func:`table`)
    never ends a page with that row nor splits inside it; the heading moves to the next page
    with the rows it heads."""
    flowable.heading_row = True
    return flowable


@cache
def _table_class():
    from reportlab.platypus import Table  # lazily: platypus is not needed to read styles

    class HeadingKeepingTable(Table):
        """A Table whose group heading rows (:func:`heading_cell`) never end a page: a split
        between rows goes before them, and a split inside a row (``splitInRow``, for rows taller
        than a page) never cuts a heading row — it cuts the tall row below the heading instead."""

        def _is_heading(self, row: int) -> bool:
            first = self._cellvalues[row][0] if 0 <= row < len(self._cellvalues) else None
            # reportlab keeps a flowable cell as a tuple of flowables
            return any(getattr(f, "heading_row", False)
                       for f in (first if isinstance(first, (list, tuple)) else [first]))

        def _getFirstPossibleSplitRowPosition(self, availHeight, ignoreSpans=0):  # noqa: N802,N803
            n = super()._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans)
            if not ignoreSpans:  # between rows (ignoreSpans is set when a row is to be split in two)
                while n > 0 and self._is_heading(n - 1):
                    n -= 1
            return n

        def _splitRows(self, availHeight, doInRowSplit=0):  # noqa: N802,N803 (reportlab's names)
            if doInRowSplit and self._is_heading(self._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans=1)):
                return []
            return super()._splitRows(availHeight, doInRowSplit=doInRowSplit)

    return HeadingKeepingTable


def table(rows: list[list], col_widths, cmds: list[tuple], **kw):
    """A reportlab Table whose every cell defaults to the embedded font.

    reportlab sets a font for every cell it draws, Paragraph cells included;
    without a FONT command that is Helvetica, which would then be listed
    (unembedded) in the PDF.
    """
    from reportlab.platypus import TableStyle

    style = TableStyle([("FONT", (0, 0), (-1, -1), PRIMARY_FONT, 9, 11), *cmds])
    return _table_class()(rows, colWidths=col_widths, style=style, **kw)
