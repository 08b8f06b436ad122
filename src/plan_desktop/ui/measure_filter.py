"""Search and filters over the measure tree (a QSortFilterProxyModel).

Search compares as if the texts were NFKC-normalised, case-folded, with hiragana
read as katakana (``domain.text.fold``; see ``domain.search_fold``), so "npo", "NPO" and "ＮＰＯ" are the same
query, and so are こみゅにてぃ and コミュニティ; a term naming a fiscal year
(R6, 令和6年度) also finds the measures with content in that year
(``domain.search``). Group rows stay visible while any measure inside them
(at any depth) matches, or when no measure criterion is set. The group
filter keeps the chosen group with everything inside it, and the groups
above it (so the path to it shows).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, QTimer, Signal

from ..domain.periods import in_period
from ..domain.search import measure_matches, query_terms, year_of_term
from ..domain.search_fold import searchable
from .measure_tree_model import MeasureTreeModel, search_haystacks

# Sentinels for "no value" choices in the rating / status / phase filters.
NOT_SET = "__none__"
# Above this many rows changing visibility, a filter change re-lays the view out
# in one go instead of row range by row range.
INCREMENTAL_LIMIT = 40
# Search texts prepared per idle tick while warming up (see prewarm_search).
PREWARM_BATCH = 50
# Results of this many recent queries are kept (a backspace finds its query's result).
KEPT_QUERIES = 64


@dataclass
class FilterCriteria:
    text: str = ""
    priority_only: bool = False
    department: str | None = None
    viewpoint: int | None = None
    fiscal_year: int | None = None  # year the rating/status/phase filters look at
    rating: str | None = None  # letter, NOT_SET (no rating yet) or None (any)
    progress: str | None = None  # 取組状況, NOT_SET or None
    phase: str | None = None  # schedule phase, NOT_SET or None
    period: str | None = None  # plan period (前期/後期) shown, None = all
    terms: list[str] = field(default_factory=list, compare=False)

    def measure_criteria_active(self) -> bool:
        return bool(self.terms or self.priority_only or self.department or self.rating or self.progress or self.phase
                    or self.period)


class MeasureFilterProxy(QSortFilterProxyModel):
    criteriaChanged = Signal()

    def __init__(self, source: MeasureTreeModel, parent=None):
        super().__init__(parent)
        self._criteria = FilterCriteria()
        # Search text per measure (domain.search_fold.searchable), valid while the measure object is the same
        # (every edit stores a new object), and verdicts of the current filter pass.
        self._haystacks: dict[str, tuple[object, str]] = {}
        self._verdicts: dict[str, bool] = {}
        # Until the measures change: ids matching recent search terms, and the verdicts
        # of the other criteria (keyed by them), so that a keystroke tests few measures.
        self._term_matches: dict[tuple[str, ...], frozenset[str]] = {}
        self._other_verdicts: tuple[tuple, dict[str, bool]] | None = None
        self._visible: list[str] | None = None  # visible_measure_ids() until rows change
        self._prewarm_timer: QTimer | None = None
        # Connected before setSourceModel so that the verdicts are forgotten before
        # the proxy's own handlers re-filter the changed rows.
        for sig in (source.dataChanged, source.rowsInserted, source.rowsRemoved, source.rowsMoved,
                    source.modelReset, source.layoutChanged):
            sig.connect(self._forget_verdicts)
        self.setSourceModel(source)
        self.setDynamicSortFilter(True)
        for sig in (self.rowsInserted, self.rowsRemoved, self.rowsMoved, self.modelReset, self.layoutChanged):
            sig.connect(self._forget_visible)

    def _forget_verdicts(self, *args) -> None:
        self._verdicts = {}
        self._term_matches = {}
        self._other_verdicts = None
        self._visible = None

    def _forget_visible(self, *args) -> None:
        self._visible = None

    def prewarm_search(self) -> None:
        """Prepare the search text of every measure in idle time, a batch per event-loop turn
        (the first keystroke before it ends prepares the rest, a few ms at 2,000 measures)."""
        if self._prewarm_timer is not None:
            return
        pending = [m.id for m in self.tree_model().document.data.measures]
        timer = self._prewarm_timer = QTimer(self)
        timer.setInterval(0)

        def step() -> None:
            doc = self.tree_model().document
            for mid in pending[-PREWARM_BATCH:]:
                try:
                    self._haystack(doc.measure(mid))
                except LookupError:
                    pass
            del pending[-PREWARM_BATCH:]
            if not pending:
                timer.stop()

        timer.timeout.connect(step)
        timer.start()

    def prewarm_done(self) -> bool:
        return self._prewarm_timer is not None and not self._prewarm_timer.isActive()

    @property
    def criteria(self) -> FilterCriteria:
        return self._criteria

    def tree_model(self) -> MeasureTreeModel:
        return self.sourceModel()  # type: ignore[return-value]

    def set_criteria(self, criteria: FilterCriteria) -> None:
        criteria.terms = query_terms(criteria.text)
        if criteria == self._criteria and criteria.terms == self._criteria.terms:
            return
        before = self._verdicts
        viewpoint_changed = criteria.viewpoint != self._criteria.viewpoint
        groups_rule_changed = criteria.measure_criteria_active() != self._criteria.measure_criteria_active()
        self._criteria = criteria
        self._verdicts = self._all_verdicts()
        self._visible = None
        flips = len(self._verdicts) if not before or viewpoint_changed else \
            sum(1 for mid, v in self._verdicts.items() if before.get(mid) != v)
        if flips == 0 and before and not viewpoint_changed and not groups_rule_changed:
            # The same rows stay (a longer query that still matches them): nothing for
            # the proxy to re-test row by row; the view repaints for the new highlights.
            pass
        elif flips > INCREMENTAL_LIMIT:
            # Many scattered rows appear or vanish: the proxy would report them as
            # hundreds of row ranges, each costing the view a pass over all rows
            # (seconds at 2,000 measures). One layout change is linear.
            self.invalidate()
        else:
            self.beginFilterChange()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        self.criteriaChanged.emit()

    def update(self, **changes) -> None:
        c = self._criteria
        values = {k: getattr(c, k) for k in ("text", "priority_only", "department", "viewpoint", "fiscal_year",
                                               "rating", "progress", "phase", "period")}
        values.update(changes)
        self.set_criteria(FilterCriteria(**values))

    def search_terms(self) -> list[str]:
        return list(self._criteria.terms)

    # ----------------------------------------------------------- filtering
    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        # Reads the model's layout directly: this runs for every row on every
        # keystroke, and going through QModelIndex.data() costs ~4x more.
        model = self.tree_model()
        parent_key = model.key_of_index(source_parent)
        if parent_key is None:
            return False
        node = model.node(parent_key, source_row)
        if node is None:
            return False
        kind, value = node
        if kind == "group":
            return self._group_shown(value)  # type: ignore[arg-type]
        if not self._in_chosen_group(parent_key):
            return False
        return self._accepts_id(value)  # type: ignore[arg-type]

    def _chosen_keys(self) -> tuple[set[int], set[int]] | None:
        """(keys inside the chosen group, keys above it) for the group filter; None without one."""
        c = self._criteria
        if c.viewpoint is None:
            return None
        lay = self.tree_model().layout()
        cached = getattr(self, "_chosen_cache", None)
        if cached is not None and cached[0] is lay and cached[1] == c.viewpoint:
            return cached[2]
        key = lay.key_of.get(c.viewpoint)
        inside: set[int] = set()
        above: set[int] = set()
        if key is not None:
            todo = [key]
            while todo:
                k = todo.pop()
                inside.add(k)
                todo.extend(lay.subgroups[k])
            k = lay.parent_key[key]
            while k:
                above.add(k)
                k = lay.parent_key[k]
        result = (inside, above)
        self._chosen_cache = (lay, c.viewpoint, result)
        return result

    def _in_chosen_group(self, key: int) -> bool:
        chosen = self._chosen_keys()
        return chosen is None or key in chosen[0]

    def _group_shown(self, key: int) -> bool:
        chosen = self._chosen_keys()
        if chosen is not None and key not in chosen[0] and key not in chosen[1]:
            return False
        if not self._criteria.measure_criteria_active():
            return True
        return self._any_accepted(key)

    def _any_accepted(self, key: int) -> bool:
        """A measure of group *key* or of a group inside it passes the filter (and the group filter)."""
        lay = self.tree_model().layout()
        todo = [key]
        while todo:
            k = todo.pop()
            if self._in_chosen_group(k) and any(self._accepts_id(mid) for mid in lay.measures[k]):
                return True
            todo.extend(lay.subgroups[k])
        return False

    def _accepts_id(self, measure_id: str) -> bool:
        verdict = self._verdicts.get(measure_id)
        if verdict is None:
            try:
                m = self.tree_model().document.measure(measure_id)
            except LookupError:
                return False
            verdict = self._verdicts[measure_id] = self._judge(m)
        return verdict

    def _all_verdicts(self) -> dict[str, bool]:
        """Verdict of every measure under the current criteria: the other criteria's verdicts
        (kept while they stay) joined with the ids that match the search terms."""
        others = self._verdicts_of_other_criteria()
        terms = self._criteria.terms
        if not terms:
            return others
        matching = self._matching_ids(terms)
        return {mid: ok and mid in matching for mid, ok in others.items()}

    def _verdicts_of_other_criteria(self) -> dict[str, bool]:
        c = self._criteria
        key = (c.priority_only, c.period, c.department, c.fiscal_year, self.tree_model().fiscal_year,
               c.rating, c.progress, c.phase)
        if self._other_verdicts is None or self._other_verdicts[0] != key:
            self._other_verdicts = (key, {m.id: self._judge_others(m) for m in self.tree_model().document.data.measures})
        return self._other_verdicts[1]

    def _matching_ids(self, terms: list[str]) -> frozenset[str]:
        """Ids of the measures every term matches. Only the matches of an earlier query whose
        terms each lie inside one of these are tested (typing on narrows), unless a term names
        a year (R6 also matches by content, which R did not)."""
        key = tuple(terms)
        found = self._term_matches.get(key)
        if found is not None:
            return found
        doc = self.tree_model().document
        candidates: frozenset[str] | None = None
        if all(year_of_term(t) is None for t in terms):
            for earlier, ids in self._term_matches.items():
                if (candidates is None or len(ids) < len(candidates)) and \
                        all(any(e in t for t in terms) for e in earlier):
                    candidates = ids
        measures = doc.data.measures if candidates is None else [m for m in doc.data.measures if m.id in candidates]
        found = frozenset(m.id for m in measures if measure_matches(m, terms, self._haystack(m)))
        if len(self._term_matches) >= KEPT_QUERIES:
            self._term_matches.clear()
        self._term_matches[key] = found
        return found

    def _haystack(self, m) -> str:
        entry = self._haystacks.get(m.id)
        if entry is not None and entry[0] is m:
            return entry[1]
        text = searchable("\n".join(search_haystacks(m)))
        self._haystacks[m.id] = (m, text)
        return text

    def _judge(self, m) -> bool:
        c = self._criteria
        if not self._judge_others(m):
            return False
        return not c.terms or measure_matches(m, c.terms, self._haystack(m))

    def _judge_others(self, m) -> bool:
        """The criteria other than the search text."""
        c = self._criteria
        if c.priority_only and not m.priority:
            return False
        if not in_period(m, c.period):
            return False
        if c.department and c.department not in m.departments:
            return False
        fy = c.fiscal_year if c.fiscal_year is not None else self.tree_model().fiscal_year
        if c.rating or c.progress:
            e = m.evaluation_for(fy)
            if c.rating:
                got = e.rating if e else None
                if (c.rating == NOT_SET and got) or (c.rating != NOT_SET and got != c.rating):
                    return False
            if c.progress:
                got = e.progress if e else None
                if (c.progress == NOT_SET and got) or (c.progress != NOT_SET and got != c.progress):
                    return False
        if c.phase:
            got = m.phase_in(fy)
            if (c.phase == NOT_SET and got) or (c.phase != NOT_SET and got != c.phase):
                return False
        return True

    # ------------------------------------------------------------ queries
    def visible_measure_ids(self) -> list[str]:
        """Ids of the measures the filter shows, in display order (the same rule as filterAcceptsRow)."""
        if self._visible is None:
            active = self._criteria.measure_criteria_active()
            lay = self.tree_model().layout()
            out: list[str] = []
            for key in range(1, len(lay.nos)):  # keys are in display order
                if self._in_chosen_group(key):
                    out.extend(mid for mid in lay.measures[key] if not active or self._accepts_id(mid))
            self._visible = out
        return list(self._visible)

    def visible_group_nos(self) -> list[int]:
        """№ of every group row the filter shows, in display order (also those with no measure shown)."""
        lay = self.tree_model().layout()
        out = []
        for key in range(1, len(lay.nos)):
            k, shown = key, True
            while k and shown:
                shown = self._group_shown(k)
                k = lay.parent_key[k]
            if shown:
                out.append(lay.nos[key])
        return out
