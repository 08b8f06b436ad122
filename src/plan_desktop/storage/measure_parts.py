"""The parts of measures read from the file: all at once, or (行動計画, 工程, 評価) on first use.

A window opening a plan reads its measures without their action plans,
schedules and evaluations (``PlanRepository.load(defer_parts=True)``): a plan
of 2,000 measures holds ~20,000 evaluations and ~10,000 action items, most of
the file, and the first frame shows none of them except the current year's
rating and phase of the rows in view. A :class:`DeferredParts` reads them
later, so that nobody ever sees a measure without them
(``Measure.__getattr__`` asks it on first use):

* for one measure when one of its parts is first used (a row painted, the
  measure shown in the editor), with the ``ROWS_READ_TOGETHER`` - 1 measures
  after it that still wait (the rows painted next);
* for the rest in steps of :meth:`DeferredParts.load_some` (the window reads
  them so, a step per event-loop turn, right after its first frame): the
  action plans first (the search looks through them), then the rest;
* after a few single measures (something is going through all of them): the
  action plans of every measure at once when it is the action plans that are
  asked for (:meth:`DeferredParts.load_action_plans` after
  ``PLANS_BULK_AFTER``, a search typed before the steps read them: ~60 ms at
  2,000 measures), else every part (:meth:`DeferredParts.load_all` after
  ``BULK_AFTER``);
* every part before the repository writes anything (a write never meets a
  measure whose parts still wait in the file: the mirror and the file stay
  one state).
"""

from __future__ import annotations

import functools
import gc
import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import islice
from typing import ParamSpec, TypeVar

from ..domain.model import ActionBlock, ActionItem, Evaluation, Indicator, Measure, ScheduleEntry

P = ParamSpec("P")
R = TypeVar("R")

EVALUATION_COLUMNS = (
    "rating",
    "progress",
    "achievements",
    "issues",
    "improvements",
    "direction",
    "committee_opinion",
    "status",
    # schema version 2
    "starting_point",
    "planned_actions",
    "self_rating",
    "self_comment",
    "self_author",
    "self_date",
    "council_rating",
    "council_date",
    "unlocked",
    # schema version 4
    "middle_rating",
    "middle_opinion",
    "middle_date",
)
INDICATOR_COLUMNS = ("id", "name", "unit", "baseline", "target", "actual")

# The scope of a read of every measure's parts (``measure_id IS NOT NULL``).
EVERY_MEASURE = "IS NOT NULL"

# Most measures whose parts one query reads by id (well under SQLite's limit of variables).
CHUNK = 500

# Single measures read one by one before the rest are read in one go: a row in view costs ~0.3 ms
# (a few small queries), every measure at once ~0.3 s at 2,000; a tall screen shows ~100 rows, and
# a pass over every measure should not cost 2,000 small reads.
BULK_AFTER = 128
# Action plans read one by one before every measure's are read in one go: no row in view needs one
# (the editor shows one measure's), so a few single reads mean a pass over every measure (the search).
PLANS_BULK_AFTER = 8
# A measure whose part is first used is read with the measures after it in display order that
# still wait (the rows below a painted row are painted next): one query per table for the rows in
# view, not a few per row (~0.5 ms each in the window).
ROWS_READ_TOGETHER = 32

# Action plans of this many measures are read per step of reading the rest after the first frame
# for each measure whose schedules and evaluations a step reads: they cost about as much.
PLANS_PER_STEP = 5

Parts = tuple[dict[str, list[ActionBlock]], dict[str, list[ScheduleEntry]], dict[str, list[Evaluation]]]


def json_list(text: str) -> list:
    # Most stored lists are empty; skipping the decoder for them saves ~0.1 s
    # when loading a plan of 2,000 measures.
    return [] if text == "[]" else json.loads(text)


def json_dict(text: str) -> dict:
    return {} if text == "{}" else json.loads(text)


def without_cyclic_gc(fn: Callable[P, R]) -> Callable[P, R]:
    """*fn* runs with the cyclic garbage collector paused.

    Reading a plan makes tens of thousands of objects, which sets the collector
    off again and again (at 2,000 measures ~80 passes and a full one over
    everything alive, ~60 ms); they form no cycles, so there is nothing for it
    to find. Reference counting frees garbage as always.
    """

    @functools.wraps(fn)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        if not gc.isenabled():
            return fn(*args, **kwargs)
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            gc.enable()

    return paused


@without_cyclic_gc
def read_action_plans(db, scope: str, params: Iterable) -> dict[str, list[ActionBlock]]:
    """The action plans by measure id of the measures ``measure_id {scope}`` selects."""
    q = db.execute
    sparams = list(params)
    items: dict[str, list[ActionItem]] = defaultdict(list)
    for bid, iid, text, sub, upd in q(
            f"SELECT i.block_id, i.id, i.text, i.sub, i.updated_at FROM action_items i JOIN action_blocks b ON b.id = i.block_id "
            f"WHERE b.measure_id {scope} ORDER BY i.block_id, i.position", sparams):
        items[bid].append(ActionItem(text=text, sub=json_list(sub), id=iid, updated_at=upd))
    blocks: dict[str, list[ActionBlock]] = defaultdict(list)
    for mid, bid, f, t, upd in q(f"SELECT measure_id, id, fy_from, fy_to, updated_at FROM action_blocks WHERE measure_id {scope} "
                                 f"ORDER BY measure_id, position", sparams):
        blocks[mid].append(ActionBlock(fy_from=f, fy_to=t, items=items.get(bid, []), id=bid, updated_at=upd))
    return blocks


@without_cyclic_gc
def read_schedules_and_evaluations(db, scope: str, params: Iterable) -> tuple[dict[str, list[ScheduleEntry]],
                                                                              dict[str, list[Evaluation]]]:
    """(schedules, evaluations) by measure id of the measures ``measure_id {scope}`` selects."""
    q = db.execute
    sparams = list(params)
    sched: dict[str, list[ScheduleEntry]] = defaultdict(list)
    for mid, fy, phase in q(f"SELECT s.measure_id, s.fy, p.name FROM schedule s JOIN phases p ON p.id = s.phase_id "
                            f"WHERE s.measure_id {scope} ORDER BY s.measure_id, s.fy", sparams):
        sched[mid].append(ScheduleEntry(fy=fy, phase=phase))
    indicators: dict[str, list[Indicator]] = defaultdict(list)
    icols = ", ".join(f"i.{c}" for c in INDICATOR_COLUMNS)
    for r in q(f"SELECT i.evaluation_id, {icols} FROM evaluation_indicators i JOIN evaluations e ON e.id = i.evaluation_id "
               f"WHERE e.measure_id {scope} ORDER BY i.evaluation_id, i.position", sparams):
        indicators[r[0]].append(Indicator(**dict(zip(INDICATOR_COLUMNS, r[1:]))))
    evals: dict[str, list[Evaluation]] = defaultdict(list)
    cols = ", ".join(EVALUATION_COLUMNS)
    end = 3 + len(EVALUATION_COLUMNS)
    for r in q(f"SELECT measure_id, id, fy, {cols}, extra, updated_at FROM evaluations WHERE measure_id {scope} "
               f"ORDER BY measure_id, fy", sparams):
        values = dict(zip(EVALUATION_COLUMNS, r[3:end]))
        values["unlocked"] = bool(values["unlocked"])
        values.update(fy=r[2], extra=json_dict(r[end]), id=r[1], updated_at=r[end + 1], indicators=indicators.get(r[1], []))
        # The constructor, not __dict__.update: instances made by it share their attribute
        # names (a third of the memory of 20,000 evaluations at 2,000 measures).
        evals[r[0]].append(Evaluation(**values))
    return sched, evals


@without_cyclic_gc
def read_parts(db, scope: str, params: Iterable) -> Parts:
    """(action plans, schedules, evaluations) by measure id of the measures ``measure_id {scope}``
    selects: the parts a deferred load leaves unread (``DEFERRABLE_PARTS``)."""
    sparams = list(params)
    return (read_action_plans(db, scope, sparams), *read_schedules_and_evaluations(db, scope, sparams))


def _fill(m: Measure, blocks: dict[str, list[ActionBlock]] | None = None,
          sched: dict[str, list[ScheduleEntry]] | None = None, evals: dict[str, list[Evaluation]] | None = None) -> None:
    d = m.__dict__
    # setdefault: a part set on the measure meanwhile (an edit of the mirror) is kept.
    if blocks is not None:
        d.setdefault("action_plan", blocks.get(m.id, []))
    if sched is not None:
        d.setdefault("schedule", sched.get(m.id, []))
    if evals is not None:
        d.setdefault("evaluations", evals.get(m.id, []))
    if "action_plan" in d and "schedule" in d and "evaluations" in d:
        d.pop("_parts_loader", None)


def _marks(ids: list[str]) -> str:
    return f"IN ({', '.join('?' for _ in ids)})"


class DeferredParts:
    """Reads the parts of *measures* that ``PlanRepository.load(defer_parts=True)`` left in the file."""

    def __init__(self, db, measures: list[Measure], read_error: Callable[[Exception], Exception] | None = None):
        self._db = db
        self._read_error = read_error
        # Measures without their schedules and evaluations, and those without their action plans.
        self._pending: dict[str, Measure] = {m.id: m for m in measures}
        self._plans_pending: dict[str, Measure] = dict(self._pending)
        self._total = len(self._pending)
        self._position = {m.id: i for i, m in enumerate(measures)}
        self._order = [m.id for m in measures]
        self._singles = 0
        self._plan_singles = 0
        for m in measures:
            m.__dict__["_parts_loader"] = self

    @property
    def pending(self) -> int:
        """How many measures still lack a part."""
        return len(self._pending.keys() | self._plans_pending.keys())

    def load(self, measure: Measure, part: str | None = None) -> None:
        """Read the parts of *measure* (its action plan alone when *part* is the action plan; else with
        the measures after it that still wait, see ``ROWS_READ_TOGETHER``); once
        enough measures were read one by one, those of every measure (only the action plans, when
        it is the action plan: the search's pass over every measure)."""
        if part == "action_plan":
            if self._plan_singles >= PLANS_BULK_AFTER:
                self.load_action_plans()
                if "action_plan" in measure.__dict__:
                    return
            self._plan_singles += 1
            _fill(measure, self._read(read_action_plans, "= ?", [measure.id]))
            if self._plans_pending.get(measure.id) is measure:
                del self._plans_pending[measure.id]
            return
        if self._singles >= BULK_AFTER:
            self.load_all()
            if measure.parts_loaded:
                return
        ids = [measure.id, *self._pending_after(measure.id, ROWS_READ_TOGETHER - 1)]
        try:
            parts = read_parts(self._db, _marks(ids), ids) if len(ids) > 1 else None
        except (sqlite3.DatabaseError, ValueError, TypeError, KeyError, UnicodeError):
            parts = None  # one of the others is damaged: it is named when it is used itself
        if parts is None:
            ids = [measure.id]
            parts = self._read(read_parts, "= ?", ids)
        self._singles += len(ids)
        _fill(measure, *parts)
        for pending in (self._pending, self._plans_pending):
            if pending.get(measure.id) is measure:
                del pending[measure.id]
        for mid in ids[1:]:
            other = self._pending.pop(mid)
            self._plans_pending.pop(mid, None)
            _fill(other, *parts)

    def _pending_after(self, measure_id: str, count: int) -> list[str]:
        """Up to *count* measures after *measure_id* in display order that still lack their schedules
        and evaluations (the rows painted after its row)."""
        at = self._position.get(measure_id)
        if at is None or count <= 0:
            return []
        out = []
        for mid in self._order[at + 1:at + 1 + 4 * count]:
            if mid in self._pending:
                out.append(mid)
                if len(out) == count:
                    break
        return out

    def load_action_plans(self) -> None:
        """Read the action plans of every measure that still lacks them (what the search looks
        through): in one query per table while most do, else by id, a chunk at a time."""
        if not self._plans_pending:
            return
        if len(self._plans_pending) * 2 < self._total:
            while self._plans_pending:
                self._read_plans_of(list(islice(self._plans_pending, CHUNK)))
            return
        blocks = self._read(read_action_plans, EVERY_MEASURE, [])
        pending, self._plans_pending = self._plans_pending, {}
        for m in pending.values():
            _fill(m, blocks)

    def load_all(self) -> None:
        """Read every part of every measure that still lacks one: in one query per table while most
        do, else those left, a chunk at a time (never every row again for a few measures)."""
        self.load_action_plans()
        if not self._pending:
            return
        if len(self._pending) * 2 < self._total:
            while self._pending:
                self._read_parts_of(list(islice(self._pending, CHUNK)))
            return
        sched, evals = self._read(read_schedules_and_evaluations, EVERY_MEASURE, [])
        pending, self._pending = self._pending, {}
        for m in pending.values():
            _fill(m, None, sched, evals)

    def load_some(self, count: int) -> int:
        """One step of reading the rest while the window stays responsive, in display order (one
        query per table): the action plans of ``PLANS_PER_STEP`` × *count* more measures while some
        lack them (the search looks through them: they come first), then the schedules and
        evaluations of *count* more (at most ``CHUNK`` measures either way). Returns how many parts
        of measures are left (0: everything is read)."""
        if self._plans_pending:
            self._read_plans_of(list(islice(self._plans_pending, min(count * PLANS_PER_STEP, CHUNK))))
        else:
            ids = list(islice(self._pending, min(count, CHUNK)))
            if ids:
                self._read_parts_of(ids)
        return len(self._pending) + len(self._plans_pending)

    def _read_plans_of(self, ids: list[str]) -> None:
        blocks = self._read(read_action_plans, _marks(ids), ids)
        for mid in ids:
            _fill(self._plans_pending.pop(mid), blocks)

    def _read_parts_of(self, ids: list[str]) -> None:
        sched, evals = self._read(read_schedules_and_evaluations, _marks(ids), ids)
        for mid in ids:
            _fill(self._pending.pop(mid), None, sched, evals)

    def _read(self, reader: Callable[[object, str, list], R], scope: str, params: list) -> R:
        try:
            return reader(self._db, scope, params)
        except sqlite3.ProgrammingError:
            raise  # a closed connection: a mistake of the caller, not of the file
        except (sqlite3.DatabaseError, ValueError, TypeError, KeyError, UnicodeError) as exc:
            # As when the plan was opened (storage/plan_reading.py): content that cannot be read
            # is a damaged file, named, never a traceback of a half-read plan.
            if self._read_error is None:
                raise
            raise self._read_error(exc) from exc
