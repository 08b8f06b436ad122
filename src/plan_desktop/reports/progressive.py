"""A long batch of sheets made part after part, the document so far shown after each.

The window's preview calls :func:`sheets_step_by_step` and shows every
:class:`Step` as it comes: first the cover alone (a fraction of a second),
then the contents with the first sheet, then parts growing threefold. Pages
are numbered as they are made; what is only known at the end (「… / 73」 and
the page numbers of the contents) shows 「－」 until the last part, which
knows every page: it defines those numbers, and the final step's document
uses its forms on every page (:func:`.pdf_join.join_parts` ``shared_forms``).
The final document has the same pages, text, links and bookmarks as the one
made in one piece; each part carries its own font subset.

Qt-free: the caller drives the generator, and may stop it between steps or
cancel inside a step through ``options.progress`` (raise ``Cancelled``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..domain.model import Measure, PlanData
from .base import PartNumbers, ReportOptions, ReportResult
from .common import check_fiscal_year
from .fonts import FontSet
from .parallel import LoggedPartLink, merged_warnings
from .pdf_join import OutlineEntry, Part, join_parts
from .sheet import _SheetsJob

__all__ = ["Step", "sheets_step_by_step", "part_plan"]

GROWTH = 3  # each part of sheets this many times the one before


@dataclass
class Step:
    result: ReportResult  # the document so far; final only in the last step
    done: int  # sheets made
    total: int  # sheets in the batch
    final: bool


def part_plan(n: int, *, with_cover: bool) -> list[tuple[int, int, bool, bool]]:
    """(start, stop, cover, contents) of each part: the cover alone, then the contents
    with the first sheet, then ranges growing :data:`GROWTH`-fold."""
    plan: list[tuple[int, int, bool, bool]] = []
    start, size = 0, 1
    if with_cover:
        plan.append((0, 0, True, False))
    while start < n:
        stop = min(n, start + size)
        plan.append((start, stop, False, with_cover and start == 0))
        start, size = stop, size * GROWTH
    return plan


def sheets_step_by_step(data: PlanData, fy: int, measures: list[Measure] | None = None, *, blank: bool = False,
                        cover: bool | None = None, options: ReportOptions | None = None,
                        fonts: FontSet | None = None) -> Iterator[Step]:
    """The batch of :func:`.sheet.build_sheets`, one :class:`Step` per part made."""
    options = options or ReportOptions()
    check_fiscal_year(data, fy)
    measures = list(data.active_measures(fy) if measures is None else measures)  # as build_sheets
    job = _SheetsJob(data, fy, measures, blank, cover, options, fonts)
    n = len(job.measures)
    plan = part_plan(n, with_cover=job.with_cover)
    if len(plan) < 2:
        yield Step(job.build(0, n), n, n, True)
        return
    pages_before = 0
    anchors: dict[str, int] = {}
    forms_of_earlier: dict[str, tuple[str, str, float, str]] = {}
    parts: list[Part] = []
    logs: list[list] = []
    for index, (start, stop, with_cover, contents) in enumerate(plan):
        last = index == len(plan) - 1

        def resolve(pages: int, part_anchors: dict[str, int], last=last, before=pages_before) -> PartNumbers:
            known = dict(anchors)
            for key, page in part_anchors.items():
                known.setdefault(key, before + page)
            return PartNumbers(before + 1, before + pages if last else None, known,
                               forms_for_earlier=forms_of_earlier if last else {})

        link = LoggedPartLink(resolve)
        result = job.build(start, stop, part=link, cover=with_cover, contents=contents, first_page=pages_before + 1)
        for key, page in link.anchors.items():
            anchors.setdefault(key, pages_before + page)
        pages_before += link.page_count
        forms_of_earlier.update(link.page_ref_forms)
        parts.append(Part(result.pdf, link.anchors, [OutlineEntry(*e) for e in link.outline]))
        logs.append(link.missing_log)
        if last:
            pdf, pages = join_parts(parts, shared_forms=(index, link.form_objects))
        else:
            pdf, pages = join_parts(parts, dangling_links=True)
        yield Step(ReportResult(pdf=pdf, page_count=pages, title=result.title, warnings=merged_warnings(logs),
                                suggested_name=result.suggested_name), stop, n, last)
