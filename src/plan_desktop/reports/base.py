"""The page frame every report shares: header, footer, metadata, bookmarks.

Reports are built in a single layout pass. Numbers that are only known at the
end (the total page count in "3 / 12", the page numbers in a table of
contents) are drawn as PDF form XObjects that are referenced where they are
needed and defined when the canvas is saved, so no second layout pass is
needed however long the document is.
"""

from __future__ import annotations

import datetime as _dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from .. import __version__
from ..domain.fiscal import date_label
from .fonts import FontSet, default_fonts
from .styles import HAIRLINE, MUTED, PageSetup
from .text import TextContext, draw_runs, fit_runs

CREATOR = f"plan_desktop {__version__}"

# Binary (not ASCII85) compressed streams: 10 % smaller files and the pure
# Python ASCII85 encoder was a fifth of the build time.
rl_config.useA85 = 0


class Cancelled(Exception):
    """Raised by a progress callback to stop a build; nothing is produced."""


@dataclass
class ReportOptions:
    """How to build, as opposed to what to print."""

    invariant: bool = False  # reproducible bytes (fixed dates and ids) for tests and diffs
    print_date: _dt.date | None = None  # footer date; today when None
    progress: Callable[[int, int], None] | None = None  # (done, total); may raise Cancelled
    compress: bool = True

    def date(self) -> _dt.date:
        return self.print_date or _dt.date.today()


@dataclass
class ReportResult:
    pdf: bytes
    page_count: int
    title: str
    warnings: list[str] = field(default_factory=list)
    suggested_name: str = "report.pdf"

    def save(self, path: str | Path) -> None:
        """Write atomically: a half-written PDF never replaces a good one.

        A target held by another program (Acrobat) raises ``fileops.FileInUseError``
        (an OSError naming the file) after a brief wait; no temporary is left.
        """
        from ..fileops import write_bytes

        write_bytes(path, self.pdf)


class PlanCanvas(Canvas):
    """A canvas that resolves late page numbers when it is saved."""

    TOTAL_FORM = "plan_desktop_total_pages"

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.anchor_pages: dict[str, int] = {}
        self._page_ref_forms: dict[str, tuple[str, str, float, str]] = {}
        self.footer_font = "Helvetica"
        self.page_total = 0

    def page_ref(self, key: str, font: str, size: float, anchor: str = "right") -> str:
        """Name of a form that will show the page number of anchor *key*."""
        name = f"pgref_{key}_{int(size * 10)}_{anchor}"
        self._page_ref_forms[name] = (key, font, size, anchor)
        return name

    def save(self):
        self.page_total = self.getPageNumber() - 1
        self._define_text_form(self.TOTAL_FORM, str(self.page_total), self.footer_font, 8, "left")
        for name, (key, font, size, anchor) in self._page_ref_forms.items():
            page = self.anchor_pages.get(key)
            self._define_text_form(name, str(page) if page else "－", font, size, anchor)
        super().save()

    def _define_text_form(self, name: str, text: str, font: str, size: float, anchor: str) -> None:
        w = stringWidth(text, font, size) + 2
        self.beginForm(name, lowerx=-w - 2, lowery=-size, upperx=w + 2, uppery=size * 1.5)
        self.setFont(font, size)
        self.setFillColor(MUTED if text == "－" else "#222222")
        if anchor == "right":
            self.drawRightString(0, 0, text)
        else:
            self.drawString(0, 0, text)
        self.endForm()


class Anchor(Flowable):
    """Zero-size marker: a bookmark, an outline entry and a page-number target."""

    _ZEROSIZE = True

    def __init__(self, key: str, title: str | None = None, level: int = 0, closed: bool = True):
        super().__init__()
        self.key = key
        self.title = title
        self.level = level
        self.closed = closed
        self.width = self.height = 0

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        canv = self.canv
        canv.bookmarkPage(self.key)
        if self.title is not None:
            canv.addOutlineEntry(self.title, self.key, level=self.level, closed=self.closed)
        if isinstance(canv, PlanCanvas):
            canv.anchor_pages.setdefault(self.key, canv.getPageNumber())


class PageRef(Flowable):
    """The page number of an anchor, known only when the document is finished."""

    def __init__(self, key: str, font: str, size: float = 9):
        super().__init__()
        self.key = key
        self.font = font
        self.size = size

    def wrap(self, aw, ah):
        self.width = aw
        return aw, self.size * 1.3

    def draw(self):
        canv = self.canv
        if isinstance(canv, PlanCanvas):
            name = canv.page_ref(self.key, self.font, self.size, "right")
            canv.saveState()
            canv.translate(self.width, self.size * 0.25)
            canv.doForm(name)
            canv.restoreState()
        canv.linkRect("", self.key, (0, 0, self.width, self.size * 1.3), relative=1, thickness=0)


class ProgressTick(Flowable):
    """Zero-size marker after each unit of work (one sheet); reports progress."""

    _ZEROSIZE = True

    def __init__(self, done: int, total: int):
        super().__init__()
        self.done = done
        self.total = total

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        pass


class ReportDoc(BaseDocTemplate):
    """A4/A3 page with the running header and footer of a city document."""

    def __init__(self, buf, *, setup: PageSetup, ctx: TextContext, options: ReportOptions,
                 header_left: str, header_right: str, footer_left: str = "",
                 title: str, subject: str, keywords: list[str] | None = None, show_outline: bool = False):
        left, right, top, bottom = setup.margins
        super().__init__(
            buf,
            pagesize=setup.size,
            leftMargin=left,
            rightMargin=right,
            topMargin=top,
            bottomMargin=bottom,
            title=title,
            author=header_left,
            subject=subject,
            creator=CREATOR,
            producer=CREATOR,
            keywords=keywords or [],
            invariant=1 if options.invariant else 0,
            pageCompression=1 if options.compress else 0,
            lang="ja-JP",
            displayDocTitle=1,
            initialFontName=ctx.fonts.name,
            initialFontSize=9,
            initialLeading=13,
        )
        self.setup = setup
        self.ctx = ctx
        self.options = options
        self.show_outline = show_outline
        self._header_left = ctx.runs(header_left, "ヘッダー")
        self._header_right = ctx.runs(header_right, "ヘッダー")
        self._footer_left = ctx.runs(footer_left, "フッター") if footer_left else []
        self._date_text = f"印刷日　{date_label(options.date())}"
        frame = Frame(left, bottom, setup.frame_width, setup.size[1] - top - bottom,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])

    # ------------------------------------------------------------ page chrome
    def _decorate(self, canv: Canvas, doc) -> None:
        setup = self.setup
        width, height = setup.size
        left, right, top, bottom = setup.margins
        fonts = self.ctx.fonts
        canv.saveState()
        y = height - setup.header_y
        half = (width - left - right) / 2 - 6 * mm
        draw_runs(canv, fit_runs(self._header_left, 8.5, half), left, y, 8.5)
        draw_runs(canv, fit_runs(self._header_right, 8.5, half), width - right, y, 8.5, "right")
        canv.setStrokeColor(HAIRLINE)
        canv.setLineWidth(0.6)
        canv.line(left, y - 2.2 * mm, width - right, y - 2.2 * mm)

        fy = bottom - 9 * mm
        canv.line(left, bottom - 4 * mm, width - right, bottom - 4 * mm)
        canv.setFillColor(MUTED)
        mid = left + (width - left - right) / 2
        canv.setFont(fonts.name, 8)
        canv.drawRightString(mid + 1.5, fy, f"{canv.getPageNumber()} / ")
        if isinstance(canv, PlanCanvas):
            canv.footer_font = fonts.name
            canv.saveState()
            canv.translate(mid + 1.5, fy)
            canv.doForm(PlanCanvas.TOTAL_FORM)
            canv.restoreState()
        canv.setFont(fonts.name, 8)
        canv.drawRightString(width - right, fy, self._date_text)
        if self._footer_left:
            draw_runs(canv, fit_runs(self._footer_left, 8, half - 20 * mm), left, fy, 8)
        canv.restoreState()

    # ------------------------------------------------------------- callbacks
    def beforeDocument(self):
        if self.show_outline:
            self.canv.showOutline()

    def afterFlowable(self, flowable):
        if isinstance(flowable, ProgressTick) and self.options.progress is not None:
            self.options.progress(flowable.done, flowable.total)


def build_pdf(story: list, *, setup: PageSetup, ctx: TextContext, options: ReportOptions,
              header_left: str, header_right: str, title: str, subject: str,
              footer_left: str = "", keywords: list[str] | None = None, show_outline: bool = False,
              suggested_name: str = "report.pdf") -> ReportResult:
    """Lay out *story* once and return the PDF bytes with page count and warnings."""
    buf = io.BytesIO()
    doc = ReportDoc(buf, setup=setup, ctx=ctx, options=options, header_left=header_left,
                    header_right=header_right, footer_left=footer_left, title=title, subject=subject,
                    keywords=keywords, show_outline=show_outline)
    made: list[PlanCanvas] = []

    def maker(*a, **kw):
        c = PlanCanvas(*a, **kw)
        made.append(c)
        return c

    doc.build(story, canvasmaker=maker)
    return ReportResult(pdf=buf.getvalue(), page_count=made[-1].page_total, title=title,
                        warnings=ctx.warnings(), suggested_name=suggested_name)


def new_context(fonts: FontSet | None = None) -> TextContext:
    return TextContext(fonts or default_fonts())
