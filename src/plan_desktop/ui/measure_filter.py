"""Search and filters over the measure tree (a QSortFilterProxyModel).

Search compares NFKC-normalised, case-folded text (``domain.text.fold``), so
"npo", "NPO" and "ＮＰＯ" are the same query. Viewpoint rows stay visible
while any of their measures matches (or when no measure criterion is set).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Signal

from ..domain.periods import in_period
from ..domain.text import fold
from .measure_tree_model import KindRole, MeasureTreeModel, ViewpointNoRole

# Sentinels for "no value" choices in the rating / status / phase filters.
NOT_SET = "__none__"


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
        # Folded search text per measure, valid while the measure object is the same
        # (every edit stores a new object), and verdicts of the current filter pass.
        self._haystacks: dict[str, tuple[object, str]] = {}
        self._verdicts: dict[str, bool] = {}
        # Connected before setSourceModel so that the verdicts are forgotten before
        # the proxy's own handlers re-filter the changed rows.
        for sig in (source.dataChanged, source.rowsInserted, source.rowsRemoved, source.rowsMoved,
                    source.modelReset, source.layoutChanged):
            sig.connect(self._forget_verdicts)
        self.setSourceModel(source)
        self.setDynamicSortFilter(True)

    def _forget_verdicts(self, *args) -> None:
        self._verdicts.clear()

    @property
    def criteria(self) -> FilterCriteria:
        return self._criteria

    def tree_model(self) -> MeasureTreeModel:
        return self.sourceModel()  # type: ignore[return-value]

    def set_criteria(self, criteria: FilterCriteria) -> None:
        criteria.terms = fold(criteria.text).split()
        if criteria == self._criteria and criteria.terms == self._criteria.terms:
            return
        self.beginFilterChange()
        self._criteria = criteria
        self._verdicts.clear()
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
        model = self.tree_model()
        ix = model.index(source_row, 0, source_parent)
        if not ix.isValid():
            return False
        c = self._criteria
        if ix.data(KindRole) == "viewpoint":
            if c.viewpoint is not None and ix.data(ViewpointNoRole) != c.viewpoint:
                return False
            if not c.measure_criteria_active():
                return True
            return any(self._accepts_measure(model.index(r, 0, ix)) for r in range(model.rowCount(ix)))
        if c.viewpoint is not None and ix.data(ViewpointNoRole) != c.viewpoint:
            return False
        return self._accepts_measure(ix)

    def _accepts_measure(self, ix: QModelIndex) -> bool:
        m = self.tree_model().measure_for(ix)
        if m is None:
            return False
        verdict = self._verdicts.get(m.id)
        if verdict is None:
            verdict = self._verdicts[m.id] = self._judge(m)
        return verdict

    def _folded_haystack(self, m) -> str:
        entry = self._haystacks.get(m.id)
        if entry is not None and entry[0] is m:
            return entry[1]
        from .measure_tree_model import search_haystacks

        text = fold("\n".join(search_haystacks(m)))
        self._haystacks[m.id] = (m, text)
        return text

    def _judge(self, m) -> bool:
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
        if c.terms:
            hay = self._folded_haystack(m)
            if not all(t in hay for t in c.terms):
                return False
        return True

    # ------------------------------------------------------------ queries
    def visible_measure_ids(self) -> list[str]:
        out: list[str] = []
        for vp_row in range(self.rowCount()):
            vp = self.index(vp_row, 0)
            for r in range(self.rowCount(vp)):
                src = self.mapToSource(self.index(r, 0, vp))
                m = self.tree_model().measure_for(src)
                if m is not None:
                    out.append(m.id)
        return out

    def visible_count(self) -> int:
        return len(self.visible_measure_ids())
