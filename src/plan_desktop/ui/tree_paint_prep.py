"""What the measure tree paints for a search, made ahead in idle time.

A search keystroke that changes the rows shown paints measures newly in view: their cells
(``MeasureFilterProxy.cell_data``: three model calls per role), their titles folded (to find the
terms in them), laid out (shaping Japanese text, ~60-150 µs a title) and, for a title whose match
is in another field, the measure's fields folded (the note saying where). None of it depends on
the query: :class:`TreePaintPrep` makes it for every measure after the window's first frame, in
slices of about a millisecond per event-loop turn (a keystroke never waits longer for one; none
while the user types), and again for what a change of the document or of the year shown leaves
to be made anew. A paint makes whatever is not ready itself, as before.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer

from ..domain.model import Measure
from .highlight import CellDelegate, TitleDelegate
from .measure_filter import HOLD_READ_MS, MeasureFilterProxy

# About this long of work per event-loop turn (at least one measure's step).
SLICE_S = 0.001
# The cells' pixmaps are drawn once this many measures are made (the contents of the rows on top,
# most of those of a plan), and again at the end for contents met after.
PIXMAPS_AFTER = 200


class TreePaintPrep(QObject):
    """Makes, in idle time, what the tree's delegates paint for every measure (see the module's doc).

    A child of *proxy*: it goes with the document's rows. :meth:`start` begins it (after the first
    frame); later changes queue again what they may have made stale. Measure by measure in display
    order (a query shows its first matches in that order: the measures at the top are the likeliest
    in view). What needs a part of a measure not read yet (the cells show its schedule and
    evaluations, the fields hold its action plan) waits for the window's read of it: never read
    here (that would read every measure's at once). It pauses while the user types, as the read
    does (``measure_filter.HOLD_READ_MS`` after each change of the criteria): no keystroke waits for it;
    and while *shown* says the tree is not (a closed window's, or a hidden one's, until :meth:`resume`)."""

    def __init__(self, proxy: MeasureFilterProxy, titles: TitleDelegate, shown: Callable[[], bool] = lambda: True,
                 cells: tuple[CellDelegate, Sequence[int]] | None = None):
        super().__init__(proxy)
        self._proxy = proxy
        self._doc = proxy.tree_model().document
        self._shown = shown
        # The delegate of the plain cells and its columns: once every measure is done, their
        # cells of each content are drawn ahead in the contexts the rows were painted in.
        self._cells = cells
        self._pixmaps_todo: list[tuple[int, tuple]] | None = None  # (column, cell), the next last
        # Measures made since the queue began, and how many were when the pixmaps' list was made.
        self._made = self._pixmaps_made = 0
        # What is made for a measure, in order, and whether the measure has what it needs read.
        self._stages: list[tuple[Callable[[Measure], object], Callable[[Measure], bool]]] = [
            (lambda m: proxy.prepare_cells(m.id), _all_read),
            (titles.prepare_folded, _always),
            (titles.prepare_layout, _always),
            (titles.prepare_fields, _plans_read),
        ]
        self._todo: list[str] | None = []  # ids of the measures to do, the next last (None: all)
        self._waiting: list[str] = []  # in display order, those with a part not read yet
        self._started = False
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.timeout.connect(self._run)
        proxy.cellsForgotten.connect(self._again)
        proxy.criteriaChanged.connect(self._typing)
        self._doc.parts_read.connect(self._parts_read)
        self._doc.parts_loaded.connect(self._all_parts_read)  # (methods: no call once this object is gone)

    def start(self) -> None:
        """Make everything, from the first measure in display order on."""
        self._started = True
        self._queue_all()

    def done(self) -> bool:
        """Whether nothing is left to make (nor waits for a part of a measure)."""
        return self._started and self._todo == [] and not self._waiting and self._pixmaps_todo == []

    def waiting_for_parts(self) -> bool:
        """Whether all that can be made is made and the rest waits for parts of measures the window
        has not read yet."""
        return self._todo == [] and bool(self._waiting)

    def _again(self) -> None:
        """The cells were dropped (the document or the year shown changed): everything again (what
        did not change is only looked up)."""
        if self._started:
            self._queue_all()

    def _queue_all(self) -> None:
        self._todo = None  # every measure, listed by the first step (not inside a keystroke)
        self._waiting = []
        self._pixmaps_todo = None
        self._made = self._pixmaps_made = 0
        self._run()

    def _typing(self) -> None:
        """A keystroke (a change of the criteria): nothing of this for a while, nor its start."""
        self._timer.stop()
        self._hold.start(HOLD_READ_MS)

    def _run(self) -> None:
        if (self._todo != [] or self._pixmaps_todo is None) and self._started and not self._hold.isActive():
            self._timer.start()

    def resume(self) -> None:
        """Go on if there is work left (the tree is shown again)."""
        self._run()

    def _parts_read(self, over: bool = False) -> None:
        """A step of the window's read came in: the measures waiting that it read go on next (it
        reads in display order: those at the front of the waiting list; all of them once it is *over*)."""
        doc, waiting = self._doc, self._waiting
        n = 0
        for mid in waiting:
            try:
                if not over and not doc.measure(mid).parts_loaded:
                    break
            except LookupError:
                pass
            n += 1
        if n and self._todo is not None:
            self._todo.extend(waiting[n - 1::-1])
            del waiting[:n]
            self._pixmaps_todo = None  # (new cells)
            self._run()

    def _all_parts_read(self) -> None:
        self._parts_read(over=True)

    def _step(self) -> None:
        if not self._shown():
            self._timer.stop()
            return
        end = time.perf_counter() + SLICE_S
        if self._todo is None:
            self._todo = [m.id for m in self._doc.data.measures][::-1]
        if self._pixmaps_todo and not self._draw_pixmaps(end):  # (a pass begun goes on first)
            return
        doc, todo, stages = self._doc, self._todo, self._stages
        while todo:
            mid = todo.pop()
            try:
                m = doc.measure(mid)
            except LookupError:
                continue
            for make, ready in stages:
                if ready(m):
                    make(m)
            if not m.parts_loaded:
                self._waiting.append(mid)
            self._made += 1
            if self._made == PIXMAPS_AFTER:  # the contents of the rows on top: their pixmaps before the rest
                self._pixmaps_todo = None
                break
            if time.perf_counter() >= end:
                return
        if not todo and self._pixmaps_todo == [] and self._pixmaps_made < self._made:
            self._pixmaps_todo = None  # (cells of contents met since the pixmaps were drawn)
        if self._pixmaps_todo is None:
            self._pixmaps_made = self._made
            self._pixmaps_todo = [] if self._cells is None else [
                (column, cell) for column in self._cells[1] for cell in self._proxy.distinct_cells(column)][::-1]
        if self._draw_pixmaps(end) and not todo:
            self._timer.stop()

    def _draw_pixmaps(self, end: float) -> bool:
        """Draw ahead the cells' pixmaps of the pass begun until *end*; whether it is over."""
        pixmaps = self._pixmaps_todo
        if pixmaps and self._cells is not None:
            proxy, delegate = self._proxy, self._cells[0]
            shown = proxy.visible_measure_ids()
            while pixmaps and shown:
                column, cell = pixmaps.pop()
                if delegate.prepare_pixmaps(column, cell, proxy.index_of_node(("measure", shown[0]), column)) \
                        and time.perf_counter() >= end:
                    return not pixmaps
            pixmaps.clear()
        return True


def _always(m: Measure) -> bool:
    return True


def _all_read(m: Measure) -> bool:
    return m.parts_loaded


def _plans_read(m: Measure) -> bool:
    return m.part_read("action_plan")
