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
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from .. import __version__
from ..domain.evaluation import DRAFTS_COUNTED_BY_DEFAULT
from ..domain.fiscal import date_label
from .canvas_text import RememberingTextObject
from .fonts import FontSet, default_fonts
from .styles import HAIRLINE, INK, MUTED, PageSetup
from .text import TextContext, draw_runs, fit_runs

CREATOR = f"plan_desktop {__version__}"

# Binary (not ASCII85) compressed streams: 10 % smaller files and the pure
# Python ASCII85 encoder was a fifth of the build time.
rl_config.useA85 = 0


class Cancelled(Exception):
    """Raised by a progress callback to stop a build; nothing is produced."""


from .settings import DEFAULT_STAMPS, parse_stamps  # noqa: E402,F401 - re-exported


@dataclass
class ReportOptions:
    """How to build, as opposed to what to print."""

    invariant: bool = False  # reproducible bytes (fixed dates and ids) for tests and diffs
    print_date: _dt.date | None = None  # footer date (and 「…現在」); today when None
    progress: Callable[[int, int], None] | None = None  # (done, total); may raise Cancelled
    compress: bool = True
    # --- for the meeting the copies are made for (cover and running header)
    meeting: str = ""  # e.g. 第2回推進協議会
    meeting_date: _dt.date | None = None
    document_no: str = ""  # 資料番号, e.g. 資料3
    # --- sheets
    duplex: bool = True  # each measure starts on an odd page (blank versos marked （白紙）)
    all_blocks: bool = False  # every 年度別行動計画 block, the current one highlighted
    stamps: tuple[str, ...] = DEFAULT_STAMPS  # 確認欄 boxes (empty: none)
    # --- summary and review
    include_drafts: bool = DRAFTS_COUNTED_BY_DEFAULT  # count ratings that are not 会議確定 (printed as 案)

    def date(self) -> _dt.date:
        return self.print_date or _dt.date.today()

    def meeting_line(self) -> str:
        """「第2回推進協議会（令和7年5月20日）」, or '' when no meeting is given."""
        when = date_label(self.meeting_date) if self.meeting_date else ""
        if self.meeting and when:
            return f"{self.meeting}（{when}）"
        return self.meeting or when


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


@dataclass(frozen=True)
class PartNumbers:
    """What one part of a document laid out in parts learns once every part is
    laid out (see :mod:`.parallel`): where its pages start and the page numbers
    that are only known for the whole document."""

    first_page: int  # the document page number of the part's first page
    total: int | None  # pages of the whole document (None: not known yet, drawn as －)
    anchors: dict[str, int]  # anchor key -> document page number (of every part laid out so far)
    # page-number forms of earlier parts to define here too (name -> key, font, size, anchor):
    # the last part of a document laid out part after part knows every page (see .progressive)
    forms_for_earlier: dict[str, tuple[str, str, float, str]] = field(default_factory=dict)


class PartLink:
    """Ties a canvas to the other parts of a document laid out in parts.

    *resolve(pages, anchors)* is called when the part is laid out, with its page
    count and the pages of its anchors (numbered within the part), and returns
    the :class:`PartNumbers` (it waits for the other parts). The canvas of a part
    draws its page numbers as forms defined then, writes its internal links as
    named destinations (the anchor may be in another part) and records its
    outline entries instead of building an outline of its own.
    """

    def __init__(self, resolve: Callable[[int, dict[str, int]], PartNumbers]):
        self.resolve = resolve
        self.outline: list[tuple[str, str, int, bool]] = []  # (title, key, level, closed)
        self.anchors: dict[str, int] = {}
        self.page_count = 0
        self.page_ref_forms: dict[str, tuple[str, str, float, str]] = {}  # the part's page-number forms
        self.form_objects: dict[str, int] = {}  # resource name -> object number in the part's PDF

    def watch(self, ctx: TextContext) -> None:
        """Called with the part's text context before its story is built."""

    def laying_out(self) -> None:
        """Called when the part's story is built, before it is laid out."""


class PlanCanvas(Canvas):
    """A canvas that resolves late page numbers when it is saved."""

    TOTAL_FORM = "plan_desktop_total_pages"

    def __init__(self, *args, part: PartLink | None = None, **kw):
        super().__init__(*args, **kw)
        self.anchor_pages: dict[str, int] = {}
        self._page_ref_forms: dict[str, tuple[str, str, float, str]] = {}
        self.footer_font = default_fonts().name
        self.page_total = 0
        self.part = part
        self._page_number_forms: dict[str, tuple[int, str, float]] = {}
        self.formatted_texts: dict[tuple, tuple[str, int]] = {}  # see RememberingTextObject

    def beginText(self, x=0, y=0, direction=None):
        return RememberingTextObject(self, x, y, direction=direction)

    def draw_page_number(self, x: float, y: float, font: str, size: float) -> None:
        """「N / 」 ending at (x, y) in the current font and colour."""
        if self.part is None:
            self.drawRightString(x, y, f"{self.getPageNumber()} / ")
            return
        name = f"pgno_{self.getPageNumber()}"
        self._page_number_forms[name] = (self.getPageNumber(), font, size)
        self.saveState()
        self.translate(x, y)
        self.doForm(name)
        self.restoreState()

    def addOutlineEntry(self, title, key, level=0, closed=None):
        if self.part is None:
            super().addOutlineEntry(title, key, level=level, closed=closed)
        else:
            self.part.outline.append((title, key, level, bool(closed)))

    def linkRect(self, contents, destinationname, Rect=None, addtopage=1, name=None, relative=1,
                 thickness=0, color=None, dashArray=None, **kw):
        if self.part is None:
            return super().linkRect(contents, destinationname, Rect, addtopage, name, relative=relative,
                                    thickness=thickness, color=color, dashArray=dashArray, **kw)
        # The anchor may be in another part: a named destination, made direct when the parts are joined.
        from reportlab.pdfbase.pdfdoc import LinkAnnotation, PDFString
        from reportlab.pdfgen.canvas import _annFormat

        kw["Rect"] = self._absRect(Rect, relative)
        kw["Contents"] = contents
        kw["Destination"] = PDFString(destinationname)
        _annFormat(kw, color, thickness, dashArray)
        return self._addAnnotation(LinkAnnotation(**kw), name, addtopage)

    def page_ref(self, key: str, font: str, size: float, anchor: str = "right") -> str:
        """Name of a form that will show the page number of anchor *key*."""
        name = f"pgref_{key}_{int(size * 10)}_{anchor}"
        self._page_ref_forms[name] = (key, font, size, anchor)
        return name

    def save(self):
        self.page_total = self.getPageNumber() - 1
        anchors, first, total = self.anchor_pages, 1, self.page_total
        if self.part is not None:
            self.part.page_count = self.page_total
            self.part.anchors = dict(self.anchor_pages)
            self.part.page_ref_forms = dict(self._page_ref_forms)
            numbers = self.part.resolve(self.page_total, dict(self.anchor_pages))
            anchors, first, total = numbers.anchors, numbers.first_page, numbers.total
            for name, (page, font, size) in self._page_number_forms.items():
                self._define_text_form(name, f"{first + page - 1} / ", font, size, "right", colour=None)
            for name, spec in numbers.forms_for_earlier.items():
                self._page_ref_forms.setdefault(name, spec)
        self._define_text_form(self.TOTAL_FORM, str(total) if total else "－", self.footer_font, 8, "left")
        for name, (key, font, size, anchor) in self._page_ref_forms.items():
            page = anchors.get(key)
            self._define_text_form(name, str(page) if page else "－", font, size, anchor)
        super().save()
        if self.part is not None:
            numbers_of = self._doc.idToObjectNumberAndVersion
            self.part.form_objects = {f"FormXob.{name}": numbers_of[f"FormXob.{name}"][0]
                                      for name in [self.TOTAL_FORM, *self._page_ref_forms] if f"FormXob.{name}" in numbers_of}

    def _define_text_form(self, name: str, text: str, font: str, size: float, anchor: str,
                          colour: object = "") -> None:
        """A form that draws *text*; in *colour*, by default dark (muted for 「－」), or with
        ``None`` in the colour current where the form is drawn."""
        w = stringWidth(text, font, size) + 2
        self.beginForm(name, lowerx=-w - 2, lowery=-size, upperx=w + 2, uppery=size * 1.5)
        self.setFont(font, size)
        if colour == "":
            self.setFillColor(MUTED if text == "－" else "#222222")
        elif colour is not None:
            self.setFillColor(colour)
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


class SheetMark(Flowable):
    """Zero-size marker at the start of a sheet: the running header of the pages
    that follow names this measure (「№N」) until the next mark."""

    _ZEROSIZE = True

    def __init__(self, label: str):
        super().__init__()
        self.label = label

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        doc = getattr(self.canv, "_doctemplate", None)
        if doc is not None:
            doc.sheet_label = self.label


class RectoBreak(Flowable):
    """A page break after which the next page is a recto (odd page) when the
    document is made for double-sided printing; the blank verso this may need
    is marked 「（白紙）」. Without duplex it is a plain page break."""

    _ZEROSIZE = True

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        pass


class PartEnd(Flowable):
    """The end of a part of a document laid out in parts (:mod:`.parallel`) when
    another part follows: what :class:`RectoBreak` does between two sheets, done
    at the end of the part, so that the next part starts on a recto."""

    _ZEROSIZE = True

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        pass


class _Verso(Flowable):
    _ZEROSIZE = True

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        doc = getattr(self.canv, "_doctemplate", None)
        if doc is not None:
            doc.verso = True


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
                 title: str, subject: str, keywords: list[str] | None = None, show_outline: bool = False,
                 bottom_reserve: float = 0.0, page_extra: Callable | None = None):
        left, right, top, bottom = setup.margins
        self.page_extra = page_extra
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
        meeting = options.meeting_line()
        self._header_left = ctx.runs(meeting or header_left, "ヘッダー")
        self._header_right_text = header_right
        self._document_no = ctx.runs(options.document_no, "資料番号") if options.document_no.strip() else []
        self.sheet_label = ""  # set by SheetMark: 「№N」 of the sheet on the page
        self.verso = False  # set by _Verso: this page is a blank verso
        self.page_offset = 0  # pages before this one's first in the whole document (a part's, see PartLink)
        self._footer_left = ctx.runs(footer_left, "フッター") if footer_left else []
        self._date_text = f"印刷日　{date_label(options.date())}"
        frame = Frame(left, bottom + bottom_reserve, setup.frame_width, setup.size[1] - top - bottom - bottom_reserve,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=self._decorate)])

    # ------------------------------------------------------------ page chrome
    def _decorate(self, canv: Canvas, doc) -> None:
        """Header and footer, drawn when the page is finished (so the header knows the sheet on it)."""
        setup = self.setup
        width, height = setup.size
        left, right, top, bottom = setup.margins
        fonts = self.ctx.fonts
        canv.saveState()
        y = height - setup.header_y
        half = (width - left - right) / 2 - 6 * mm
        right_text = self._header_right_text + (f"　{self.sheet_label}" if self.sheet_label else "")
        draw_runs(canv, fit_runs(self._header_left, 8.5, half), left, y, 8.5)
        draw_runs(canv, fit_runs(self.ctx.runs(right_text, "ヘッダー"), 8.5, half), width - right, y, 8.5, "right")
        if self._document_no:
            size = 10.5
            runs = fit_runs(self._document_no, size, 40 * mm)
            w = sum(stringWidth(t, f, size) for f, t in runs)
            by = height - setup.header_y + 4.2 * mm
            canv.setLineWidth(0.9)
            canv.setStrokeColor(INK)
            canv.setFillColor(INK)
            canv.rect(width - right - w - 6, by - 3.2, w + 6, size + 4.4, stroke=1, fill=0)
            draw_runs(canv, runs, width - right - 3, by, size, "right")
        if self.page_extra is not None:
            self.page_extra(canv, self)
        if self.verso:
            canv.setFillColor(MUTED)
            canv.setFont(fonts.name, 12)
            canv.drawCentredString(width / 2, height / 2, "（白紙）")
            self.verso = False
        canv.setStrokeColor(HAIRLINE)
        canv.setLineWidth(0.6)
        canv.line(left, y - 2.2 * mm, width - right, y - 2.2 * mm)

        fy = bottom - 9 * mm
        canv.line(left, bottom - 4 * mm, width - right, bottom - 4 * mm)
        canv.setFillColor(MUTED)
        mid = left + (width - left - right) / 2
        canv.setFont(fonts.name, 8)
        if isinstance(canv, PlanCanvas):
            canv.draw_page_number(mid + 1.5, fy, fonts.name, 8)
        else:
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
    def handle_flowable(self, flowables):
        f = flowables[0] if flowables else None
        if isinstance(f, RectoBreak):
            # The current page has content (a sheet); the next one must be odd.
            del flowables[0]
            insert: list = [PageBreak()]
            if self.options.duplex and (self.canv.getPageNumber() + self.page_offset) % 2 == 1:
                insert += [_Verso(), PageBreak()]
            flowables[0:0] = insert
            return
        if isinstance(f, PartEnd):
            del flowables[0]
            if self.options.duplex and (self.canv.getPageNumber() + self.page_offset) % 2 == 1:
                flowables[0:0] = [PageBreak(), _Verso()]
            return
        super().handle_flowable(flowables)

    def beforeDocument(self):
        if self.show_outline:
            self.canv.showOutline()

    def afterFlowable(self, flowable):
        if isinstance(flowable, ProgressTick) and self.options.progress is not None:
            self.options.progress(flowable.done, flowable.total)


def build_pdf(story: list, *, setup: PageSetup, ctx: TextContext, options: ReportOptions,
              header_left: str, header_right: str, title: str, subject: str,
              footer_left: str = "", keywords: list[str] | None = None, show_outline: bool = False,
              suggested_name: str = "report.pdf", bottom_reserve: float = 0.0,
              page_extra: Callable | None = None, part: PartLink | None = None,
              first_page: int = 1) -> ReportResult:
    """Lay out *story* once and return the PDF bytes with page count and warnings.

    With *part*, the story is one part of a document laid out in parts (see
    :class:`PartLink`); the PDF is that part alone, to be joined with the others.
    *first_page* is its first page's number in the document where known in
    advance (for which pages are rectos in double-sided printing).
    """
    if part is not None:
        part.laying_out()
    buf = io.BytesIO()
    doc = ReportDoc(buf, setup=setup, ctx=ctx, options=options, header_left=header_left,
                    header_right=header_right, footer_left=footer_left, title=title, subject=subject,
                    keywords=keywords, show_outline=show_outline, bottom_reserve=bottom_reserve,
                    page_extra=page_extra)
    doc.page_offset = first_page - 1
    made: list[PlanCanvas] = []

    def maker(*a, **kw):
        c = PlanCanvas(*a, part=part, **kw)
        made.append(c)
        return c

    doc.build(story, canvasmaker=maker)
    return ReportResult(pdf=buf.getvalue(), page_count=made[-1].page_total, title=title,
                        warnings=ctx.warnings(), suggested_name=suggested_name)


def new_context(fonts: FontSet | None = None) -> TextContext:
    return TextContext(fonts or default_fonts())
