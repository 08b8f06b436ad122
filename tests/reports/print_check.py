"""The print check: what a careful reader looks for on every page, automated.

Reads a finished PDF (pdfplumber for glyph and rule positions, pypdf for
fonts and bookmarks) and reports, page by page:

* a glyph crossing a ruled line (text running over a cell border),
* a kinsoku violation (a line starting with a closing bracket, 、。・ or small
  kana, or ending with an opening bracket),
* uneven spacing (a stretched gap between glyphs inside a line),
* type smaller than the minimum size,
* a font that is not embedded or is one of the 14 standard PDF fonts (also
  when only an empty text object refers to it),
* in sheet batches: a page without its 「№N」 and a measure starting on an even
  page when the batch is made for double-sided printing.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from dataclasses import dataclass

from plan_desktop.reports.linebreak import CANNOT_END, CANNOT_START

STANDARD_FONTS = {
    "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Helvetica", "Helvetica-Bold",
    "Helvetica-Oblique", "Helvetica-BoldOblique", "Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic",
    "Symbol", "ZapfDingbats",
}
CROSS_TOL = 0.6  # pt a glyph box may touch a rule (anti-aliasing, rounding)
MIN_SIZE = 7.0


@dataclass
class Page:
    index: int
    text: str
    chars: list[dict]
    lines: list[dict]
    height: float
    width: float


def pages(pdf: bytes) -> list[Page]:
    import pdfplumber

    out = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for i, p in enumerate(doc.pages):
            out.append(Page(i, "".join(c["text"] for c in p.chars), list(p.chars), list(p.lines), p.height, p.width))
    return out


def _blank(c: dict) -> bool:
    return not c["text"].strip() or c["text"] == "\u00a0"


def _baseline(c: dict) -> float:
    return round(c["matrix"][5], 1)


def text_lines(page: Page) -> list[list[dict]]:
    """Runs of glyphs on one baseline that belong together: a new run starts after a gap wider
    than one character or at a vertical rule."""
    verticals = [ln for ln in page.lines if abs(ln["x0"] - ln["x1"]) < 0.5]
    rows: dict[float, list[dict]] = defaultdict(list)
    for c in page.chars:
        rows[_baseline(c)].append(c)
    out = []
    for chars in rows.values():
        chars.sort(key=lambda c: c["x0"])
        run: list[dict] = []
        for c in chars:
            if run:
                prev = run[-1]
                gap = c["x0"] - prev["x1"]
                ruled = any(prev["x1"] - 0.5 <= v["x0"] <= c["x0"] + 0.5 and v["top"] <= c["bottom"]
                            and v["bottom"] >= c["top"] for v in verticals)
                if gap > max(prev["size"], c["size"]) * 0.9 or ruled or abs(c["size"] - prev["size"]) > 2.5:
                    out.append(run)
                    run = []
            run.append(c)
        if run:
            out.append(run)
    return out


def crossings(page: Page) -> list[str]:
    """Glyphs whose box runs over a ruled line by more than CROSS_TOL on both sides."""
    import bisect

    inked = [c for c in page.chars if not _blank(c)]
    verticals = sorted((ln["x0"], ln["top"], ln["bottom"]) for ln in page.lines if abs(ln["x0"] - ln["x1"]) < 0.5)
    horizontals = sorted((ln["top"], ln["x0"], ln["x1"]) for ln in page.lines if abs(ln["top"] - ln["bottom"]) < 0.5)
    vx = [v[0] for v in verticals]
    hy = [h[0] for h in horizontals]
    out = []
    for c in inked:
        lo = bisect.bisect_right(vx, c["x0"] + CROSS_TOL)
        hi = bisect.bisect_left(vx, c["x1"] - CROSS_TOL)
        for x, top, bottom in verticals[lo:hi]:
            if c["bottom"] > top + 1 and c["top"] < bottom - 1:
                out.append(f"p{page.index + 1}: 「{c['text']}」 crosses the rule at x={x:.1f}")
        # the em box is taller than the glyph: require a clear overlap
        margin = c["size"] * 0.3
        lo = bisect.bisect_right(hy, c["top"] + margin)
        hi = bisect.bisect_left(hy, c["bottom"] - margin)
        for y, x0, x1 in horizontals[lo:hi]:
            if c["x1"] > x0 + 1 and c["x0"] < x1 - 1:
                out.append(f"p{page.index + 1}: 「{c['text']}」 crosses the rule at y={y:.1f}")
    return out


def _bullet(run: list[dict]) -> bool:
    """A list bullet drawn before its item (the text starts after a gap), not a wrapped line."""
    return len(run) > 1 and run[1]["x0"] - run[0]["x1"] > run[0]["size"] * 0.1


def kinsoku(page: Page) -> list[str]:
    out = []
    runs = text_lines(page)
    for run in runs:
        while run and _blank(run[-1]):
            run = run[:-1]
        while run and _blank(run[0]):
            run = run[1:]
        text = "".join(c["text"] for c in run)
        if not text:
            continue
        if text[0] == "・" and _bullet(run):
            pass  # a list bullet at the start of an item
        elif text[0] in CANNOT_START and len(text) > 1:
            out.append(f"p{page.index + 1}: line starts with 「{text[0]}」: {text[:30]}")
        if text[-1] in CANNOT_END and len(text) > 1:
            out.append(f"p{page.index + 1}: line ends with 「{text[-1]}」: {text[-30:]}")
    return out


def uneven_spacing(page: Page) -> list[str]:
    """Stretched gaps inside a line (「財 政基盤」): glyphs that should abut but stand apart."""
    out = []
    for run in text_lines(page):
        for a, b in zip(run[1:], run[2:]):  # the first glyph may be a bullet set apart on purpose
            gap = b["x0"] - a["x1"]
            if gap > max(a["size"], b["size"]) * 0.15 and not _blank(a) and not _blank(b):
                text = "".join(c["text"] for c in run)
                out.append(f"p{page.index + 1}: gap of {gap:.1f} pt between 「{a['text']}」 and 「{b['text']}」: {text[:30]}")
                break
    return out


def small_type(page: Page, minimum: float = MIN_SIZE) -> list[str]:
    small = {round(c["size"], 2) for c in page.chars if c["size"] < minimum - 0.05}
    return [f"p{page.index + 1}: text at {s} pt" for s in sorted(small)]


def font_problems(pdf: bytes) -> list[str]:
    """Every font object in the file: embedded, and none of the 14 standard fonts."""
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject, IndirectObject

    reader = PdfReader(io.BytesIO(pdf))
    problems = set()
    seen: set[int] = set()

    def check_font(font: DictionaryObject) -> None:
        name = str(font.get("/BaseFont", "?")).lstrip("/")
        base = name.split("+", 1)[-1]
        if base in STANDARD_FONTS:
            problems.add(f"standard font {name}")
        fonts = [font]
        if "/DescendantFonts" in font:
            fonts = [f.get_object() for f in font["/DescendantFonts"]]
        for f in fonts:
            desc = f.get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else None
            if desc is None or not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.add(f"font not embedded: {name}")

    def walk(obj, depth=0):
        if depth > 40:
            return
        if isinstance(obj, IndirectObject):
            if obj.idnum in seen:
                return
            seen.add(obj.idnum)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            if obj.get("/Type") == "/Font":
                check_font(obj)
            for key, value in obj.items():
                if key not in ("/Parent", "/P", "/Prev", "/Next", "/First", "/Last"):
                    walk(value, depth + 1)
        elif isinstance(obj, list):
            for value in obj:
                walk(value, depth + 1)

    walk(reader.trailer["/Root"])
    return sorted(problems)


def measure_starts(pdf: bytes) -> list[tuple[int, int]]:
    """(measure №, 0-based page) of every bookmark naming a measure with 「№N」."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    out = []

    def walk(items):
        for it in items:
            if isinstance(it, list):
                walk(it)
            else:
                m = re.match(r"№(\d+)", it.title)
                if m:
                    out.append((int(m.group(1)), reader.get_destination_page_number(it)))

    walk(reader.outline)
    return out


def sheet_problems(pdf: bytes, pages_: list[Page], *, duplex: bool) -> list[str]:
    """Each page of a measure's range names its №; with *duplex* each measure starts on an odd page."""
    starts = measure_starts(pdf)
    out = []
    if not starts:
        starts = [(int(m.group(1)), 0)] if (m := re.search(r"№(\d+)", pages_[0].text)) else []
    bounds = [p for _, p in starts] + [len(pages_)]
    for (no, first), end in zip(starts, bounds[1:]):
        if duplex and first % 2:
            out.append(f"№{no} starts on page {first + 1} (even)")
        for i in range(first, end):
            if f"№{no}" not in pages_[i].text.replace(" ", ""):
                out.append(f"p{i + 1}: page of №{no} without 「№{no}」")
    return out


def check(pdf: bytes, *, sheets: bool = False, duplex: bool = False, min_size: float = MIN_SIZE) -> list[str]:
    """Every problem found in *pdf* (empty when the document is meeting-ready)."""
    ps = pages(pdf)
    out = font_problems(pdf)
    for p in ps:
        out += crossings(p) + kinsoku(p) + uneven_spacing(p) + small_type(p, min_size)
    if sheets:
        out += sheet_problems(pdf, ps, duplex=duplex)
    return out
