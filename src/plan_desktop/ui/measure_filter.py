"""Search and filters over the measure tree: the model the tree view shows.

:class:`MeasureFilterProxy` is a model of the rows that pass the filters, over
:class:`~.measure_tree_model.MeasureTreeModel`. It is not a
QSortFilterProxyModel: that one asks a Python filterAcceptsRow per row, and
each row it lays out or paints costs the source model's Python index() and
data() on top of its own mapping (most of a keystroke at 2,000 measures).
Here the rows shown are computed in Python in one go (the matching ids are
kept per query, see ``_matching_ids``) and kept as the items of a
QStandardItemModel, one item per row (column 0; its text names the measure
or group). The view lays out every row on each change through index() and
flags() (three calls a row): answered in C++ by QStandardItemModel, ~0.4 ms
for 2,000 rows, where Python answers took ~23 ms. A change of the rows shown
removes and inserts items a run of rows at a time, so the view's persistent
indexes (expanded groups, selection) of the rows that stay are kept. What a
row shows (data(), the delegates' cell_data()) is answered here from the
document.

A window reads the measures' action plans after its first frame (storage/measure_parts.py).
A query typed before they are all read is judged on what is read (titles, 課題, 推進内容,
担当部課 and the action plans already in): those matches show at once, and the measures that
only an unread part could match are judged as the parts come in (``searching()`` meanwhile,
:attr:`MeasureFilterProxy.searchingChanged`); the result ends as if everything had been read.
With few measures left unread, the search reads them at once instead. A query typed before the
window has made the search texts in idle time (right after its first frame) is judged alike: the
measures in the order the tree shows them until a screen's rows match, each text made on its own;
the rest are judged in the idle turns that follow (``_judge_step``) or as their parts come in.

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

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QStandardItem, QStandardItemModel

from ..domain.model import Measure
from ..domain.periods import in_period
from ..domain.runs import runs
from ..domain.search import match_so_far, measure_matches, query_terms, year_of_term
from ..domain.search_corpus import SearchCorpus, prepare_texts
from ..domain.search_fold import fold_fast, searchable
from .measure_tree_model import (
    _GROUP_FLAGS,
    _MEASURE_FLAGS,
    _ROOT_FLAGS,
    COL_TITLE,
    COLUMN_COUNT,
    ROOT,
    MeasureTreeModel,
    search_haystacks,
)

# The text of a group row's item starts with this (a measure row's is the measure's id).
_GROUP_MARK = "\x1f"
# What the items hold, read past this model's data() (which answers what the rows show).
_ITEM_DATA = QStandardItemModel.data
# QStandardItemModel's own, past this model's refusals (see removeRows, setData).
_ITEM_SET_DATA = QStandardItemModel.setData
_ITEM_REMOVE_ROWS = QStandardItemModel.removeRows
# Sentinels for "no value" choices in the rating / status / phase filters.
NOT_SET = "__none__"
# Roles the tree model never answers: the view asks them of every painted cell.
_NO_DATA_ROLES = frozenset(int(r) for r in (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.BackgroundRole,
                                            Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.SizeHintRole,
                                            Qt.ItemDataRole.EditRole, Qt.ItemDataRole.StatusTipRole,
                                            Qt.ItemDataRole.WhatsThisRole, Qt.ItemDataRole.AccessibleTextRole))
_DISPLAY_ROLE, _FOREGROUND_ROLE = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT_ROLE = int(Qt.ItemDataRole.TextAlignmentRole)
# Search texts prepared per idle tick while warming up (see prewarm_search).
PREWARM_BATCH = 50
# A query is looked for in the search texts of all the measures at once (domain.search_corpus)
# unless an earlier query narrows it to at most this many.
FEW_CANDIDATES = 200
# Results of this many recent queries are kept (a backspace finds its query's result).
KEPT_QUERIES = 64
# A query that more measures than this lack a part for (the action plans; every part for a term
# naming a year) is judged on what is read, the rest as the window's steps read it; fewer are read
# at once (reading every action plan of 2,000 measures took ~65 ms of the first keystroke).
READ_AT_ONCE = 100
# A search that waits for parts starts the document's read of them this long after it, in case the
# window has not (it does so 50 ms after its first frame): not inside the keystroke.
START_READ_AFTER_MS = 100
# A keystroke typed before the idle preparation has made the search texts (see prewarm_search) of
# more than JUDGE_AT_ONCE measures judges the measures in the order the tree shows them, each text
# made on its own, until FIRST_ROWS of them match (more than a screen's rows) or JUDGE_AT_ONCE are
# judged; the rest wait as for parts not read yet (``searching()``), judged JUDGE_BATCH per idle
# turn when their parts are read, else as the parts come in. (Making every text for the first
# keystroke took ~15-20 ms of it at 2,000 measures.)
FIRST_ROWS = 100
JUDGE_AT_ONCE = 300
JUDGE_BATCH = 100
# The first of those turns comes this long after the keystroke (not inside its own event processing).
JUDGE_AFTER_MS = 50
# A keystroke holds the document's read of the parts still in the file for this long (its steps
# run between keystrokes, not inside them), unless the search waits for that read.
HOLD_READ_MS = 120


@dataclass
class FilterCriteria:
    """What the tree shows: the search text and the filter bar's choices (None: any)."""

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


class _Shown:
    """The rows shown, by group key (as in the tree model's layout): measure ids and subgroup keys."""

    def __init__(self, measures: list[list[str]], subgroups: list[list[int]], parent_key: list[int]):
        self.measures = measures
        self.subgroups = subgroups
        self.parent_key = parent_key
        self.groups = {sub for subs in subgroups for sub in subs}  # the keys of the group rows shown
        self.at_of_id: dict[str, tuple[int, int]] = {}  # measure id -> (group key, row)
        for key, ids in enumerate(measures):
            for i, mid in enumerate(ids):
                self.at_of_id[mid] = (key, i)

    def same_rows(self, other: _Shown) -> bool:
        return self.measures == other.measures and self.subgroups == other.subgroups \
            and self.parent_key == other.parent_key

    def reachable_keys(self) -> list[int]:
        """Group keys shown (with every group above them), in display order."""
        out: list[int] = []
        todo = list(reversed(self.subgroups[ROOT]))
        while todo:
            k = todo.pop()
            out.append(k)
            todo.extend(reversed(self.subgroups[k]))
        return out


class MeasureFilterProxy(QStandardItemModel):
    criteriaChanged = Signal()
    #: The rows shown are about to change (rows removed and inserted), and have changed.
    rowsAboutToChange = Signal()
    rowsChanged = Signal()
    #: True while the measures shown lack some that parts not read yet may add (see the module's doc).
    searchingChanged = Signal(bool)
    #: What the rows show changed while the rows stayed (the matches marked in the titles): views
    #: repaint them (see announce_rows_changed).
    marksChanged = Signal()
    #: The cells kept for the delegates (see cell_data) were dropped: the measures' texts, or the
    #: year shown, may have changed.
    cellsForgotten = Signal()

    def __init__(self, source: MeasureTreeModel, parent=None):
        super().__init__(parent)
        self._src = source
        self._criteria = FilterCriteria()
        # Search text per measure (domain.search_fold.searchable), valid while the measure object is the same
        # (every edit stores a new object) and holds the texts of its action plan when that is read
        # (True: they are in), and verdicts of the current criteria.
        self._haystacks: dict[str, tuple[object, str, bool]] = {}
        # Each measure's search text so far folded (fold_fast), made in idle time: (measure, action
        # plan in, folded text); a corpus of these needs no regular expression (see _search_corpus).
        self._folded: dict[str, tuple[object, bool, str]] = {}
        # Changes whenever a search text or the measures may have changed: the corpus of all the
        # search texts (built for a query over all the measures) is valid while it stays.
        self._texts_generation = 0
        self._corpus: tuple[int, SearchCorpus, list[str], list[bool]] | None = None
        self._verdicts: dict[str, bool] = {}
        # Until the measures change: ids matching recent search terms (and those that parts not read
        # yet may add), and the verdicts of the other criteria (keyed by them), so that a keystroke
        # tests few measures.
        self._term_matches: dict[tuple[str, ...], tuple[frozenset[str], frozenset[str]]] = {}
        self._searching = False
        self._other_verdicts: tuple[tuple, dict[str, bool]] | None = None
        self._visible: list[str] | None = None  # visible_measure_ids() until rows change
        # What the tree's delegates paint per measure cell, (id, column) -> (measure, (text, foreground,
        # alignment)): computed once, until the document or the year shown changes (see cell_data).
        self._cells: dict[tuple[str, int], tuple[object, tuple]] = {}
        # The cells of the columns other than the title, one tuple per column and content (see _cell).
        self._same_cells: dict[tuple[int, tuple], tuple] = {}
        self._prewarm_timer: QTimer | None = None
        self._prewarm_pending: list[str] = []
        self._judge_timer: QTimer | None = None  # see _judge_step
        # The rows shown are items (see the module's doc): the text of a measure row's item is the
        # measure's id, a group row's _GROUP_MARK and its key. The items of the group rows shown,
        # by key, to find their rows.
        readonly = source.document.readonly
        prototype = QStandardItem()
        prototype.setFlags(_MEASURE_FLAGS[readonly])
        self.setItemPrototype(prototype)
        self._group_flags = _GROUP_FLAGS[readonly]
        self.invisibleRootItem().setFlags(_ROOT_FLAGS[readonly])
        self.setColumnCount(COLUMN_COUNT)
        self._item_of_key: dict[int, QStandardItem] = {}
        self._shown = self._rows_shown()
        self._build_items()
        source.dataChanged.connect(self._source_data_changed)
        source.headerDataChanged.connect(self.headerDataChanged)
        source.modelAboutToBeReset.connect(self.beginResetModel)
        source.modelReset.connect(self._source_reset)
        # The tree model has made all its row changes for a document change when this runs
        # (it connected first): the rows shown follow once per change.
        source.document.changed.connect(self._document_changed)
        source.document.parts_read.connect(self._parts_read)

    def _source_reset(self) -> None:
        self._forget_cells()
        self._forget_verdicts()
        self._prewarm_again()
        self._verdicts = self._all_verdicts()
        self._shown = self._rows_shown()
        self._build_items()
        self.endResetModel()
        self._update_searching()

    def _document_changed(self, *args) -> None:
        self._forget_cells()
        self._forget_verdicts()
        self._prewarm_again()
        self._verdicts = self._all_verdicts()
        self._show(self._rows_shown())
        self._update_searching()

    def _source_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, roles=()) -> None:
        """Repaint the shown measure rows of the group changed (their content may have changed)."""
        self._forget_cells()
        key = top_left.internalId() if top_left.isValid() else None
        if key is None or not 0 <= key < len(self._shown.measures):
            return
        ids = self._shown.measures[key]
        if not ids or (key != ROOT and key not in self._shown.groups):
            return
        parent = self._group_index(key)
        self.dataChanged.emit(self.index(0, top_left.column(), parent),
                              self.index(len(ids) - 1, bottom_right.column(), parent))

    def _forget_verdicts(self, *args) -> None:
        self._texts_generation += 1
        self._corpus = None
        self._verdicts = {}
        self._term_matches = {}
        self._other_verdicts = None
        self._visible = None

    def prewarm_search(self) -> None:
        """Prepare the search text of every measure in idle time, a batch per event-loop turn (a
        keystroke before it ends judges the rows on top first, see _matching_in_view_order); once begun,
        again for the measures whose texts change (parts read, edits), so keystrokes find them ready."""
        self._prewarm_pending = [m.id for m in self.tree_model().document.data.measures]
        timer = self._prewarm_timer
        if timer is None:
            timer = self._prewarm_timer = QTimer(self)
            timer.setInterval(0)
            timer.timeout.connect(self._prewarm_step)
        if not timer.isActive():
            timer.start()

    def _prewarm_step(self) -> None:
        pending = self._prewarm_pending
        doc = self.tree_model().document
        batch = []
        for mid in pending[-PREWARM_BATCH:]:
            try:
                batch.append(doc.measure(mid))
            except LookupError:
                pass
        self._prepare_haystacks(batch, folded=True)
        del pending[-PREWARM_BATCH:]
        if not pending and self._prewarm_timer is not None:
            self._prewarm_timer.stop()
            self._search_corpus()  # joined now, in idle time, not by the next keystroke (~2 ms)

    def _prewarm_again(self) -> None:
        """The search texts may have changed: prepared again in idle time, when the window has
        begun that (only the texts that changed are made anew)."""
        if self._prewarm_timer is not None:
            self.prewarm_search()

    def prewarm_done(self) -> bool:
        return self._prewarm_timer is not None and not self._prewarm_timer.isActive()

    @property
    def criteria(self) -> FilterCriteria:
        return self._criteria

    def tree_model(self) -> MeasureTreeModel:
        return self._src

    def sourceModel(self) -> MeasureTreeModel:  # noqa: N802 - the name QAbstractProxyModel uses
        return self._src

    def set_criteria(self, criteria: FilterCriteria) -> None:
        criteria.terms = query_terms(criteria.text)
        if criteria == self._criteria and criteria.terms == self._criteria.terms:
            return
        terms_changed = criteria.terms != self._criteria.terms
        old, self._criteria = self._criteria, criteria
        if not criteria.measure_criteria_active() and not old.measure_criteria_active() \
                and criteria.viewpoint == old.viewpoint:  # every measure shows, before and after
            self.criteriaChanged.emit()
            return
        self._verdicts = self._all_verdicts()
        self._visible = None
        # The same rows may stay (a longer query that still matches them): then the view
        # only repaints for the new highlights.
        if not self._show(self._rows_shown()) and terms_changed:
            self._repaint_rows()
        self._update_searching()
        if terms_changed and not self._searching:
            self._src.document.hold_reading_in_steps(HOLD_READ_MS)
        self.criteriaChanged.emit()

    def _repaint_rows(self) -> None:
        self.marksChanged.emit()

    def announce_rows_changed(self) -> None:
        """Tell the views that what every row shows changed: they repaint them (for a view whose
        viewport is not at hand: the first Python call of QAbstractScrollArea.viewport() makes
        PySide create the type of every QWidget subclass, ~10 ms; this costs a few ms per call).

        One range per parent: a view repaints only what the rows of a range cover, and the rows
        of a group are children of its row, not inside the range of the rows around it."""
        shown = self._shown
        for key in [ROOT, *shown.reachable_keys()]:
            rows = len(shown.subgroups[key]) + len(shown.measures[key])
            if rows:
                parent = self._group_index(key)
                self.dataChanged.emit(self.index(0, 0, parent), self.index(rows - 1, COLUMN_COUNT - 1, parent))

    def update(self, **changes) -> None:
        c = self._criteria
        values = {k: getattr(c, k) for k in ("text", "priority_only", "department", "viewpoint", "fiscal_year",
                                               "rating", "progress", "phase", "period")}
        values.update(changes)
        self.set_criteria(FilterCriteria(**values))

    def search_terms(self) -> list[str]:
        return list(self._criteria.terms)

    # ------------------------------------------------------- rows shown
    def _rows_shown(self) -> _Shown:
        """Which measures and groups pass the filters, by group key (the rule the tree has always
        followed: a measure when it passes and its group is inside the chosen one; a group inside
        the chosen one or above it, while a measure inside it passes or no measure criterion is set)."""
        lay = self._src.layout()
        n = len(lay.nos)
        active = self._criteria.measure_criteria_active()
        chosen = self._chosen_keys()
        verdicts = self._verdicts
        measures: list[list[str]] = [[] for _ in range(n)]
        for key in range(1, n):
            if chosen is None or key in chosen[0]:
                ids = lay.measures[key]
                if not active:
                    measures[key] = list(ids)
                else:
                    accepted = self._accepts_id
                    measures[key] = [mid for mid in ids if (verdicts[mid] if mid in verdicts else accepted(mid))]
        any_inside = [False] * n
        for key in range(n - 1, 0, -1):  # keys are in preorder: subgroups after their parent
            any_inside[key] = bool(measures[key]) or any(any_inside[sub] for sub in lay.subgroups[key])
        shown = [True] * n
        for key in range(1, n):
            if chosen is not None and key not in chosen[0] and key not in chosen[1]:
                shown[key] = False
            elif active and not any_inside[key]:
                shown[key] = False
        subgroups = [[sub for sub in lay.subgroups[key] if shown[sub]] for key in range(n)]
        return _Shown(measures, subgroups, list(lay.parent_key))

    def _show(self, rows: _Shown) -> bool:
        """Make *rows* the rows shown: the items of the rows that go are removed and those of the
        rows that come are inserted (runs of rows at a time), between :attr:`rowsAboutToChange`
        and :attr:`rowsChanged`. False when they are the rows already shown (nothing changes)."""
        if rows.same_rows(self._shown):
            self._shown = rows
            return False
        self.rowsAboutToChange.emit()
        old, self._shown = self._shown, rows
        self._visible = None
        try:
            self._sync(ROOT, old, rows)
        except BaseException:  # the items as the rows say, anew, before the error goes on
            self.beginResetModel()
            self._build_items()
            self.endResetModel()
            raise
        finally:  # the views hear the end of the change whatever happened (the browser holds its selection)
            self.rowsChanged.emit()
        return True

    # ------------------------------------------------ the items shown
    # Items of measure rows are made by the model from its prototype (QStandardItemModel.setData on
    # an index without an item): C++ objects that no Python object ever refers to. (An item made by
    # QStandardItem.clone() from Python and deleted by the model would leave PySide a stale wrapper
    # that it may hand out later for another object at the same address.) Items of group rows are
    # few and made in Python (their flags differ); the root item is never kept.
    def _insert_measures(self, parent: QModelIndex, row: int, ids: list[str]) -> None:
        """Rows for the measures *ids* at *row* under *parent* (their texts set with signals held:
        the rows were announced)."""
        if not ids:
            return
        self.insertRows(row, len(ids), parent)
        blocked = self.blockSignals(True)
        try:
            index, set_data = self.index, _ITEM_SET_DATA
            for i, mid in enumerate(ids, start=row):
                set_data(self, index(i, 0, parent), mid, _DISPLAY_ROLE)
        finally:
            self.blockSignals(blocked)

    def _insert_group(self, parent_key: int, row: int, key: int, rows: _Shown) -> None:
        """The row of group *key* at *row* under group *parent_key*, with the rows inside it."""
        item = QStandardItem(_GROUP_MARK + str(key))
        item.setFlags(self._group_flags)
        item.setColumnCount(COLUMN_COUNT)
        parent = self._item_of_key.get(parent_key)
        # Given in a list: PySide hands the item to its parent only so (insertRow(row, item) leaves it
        # to the Python reference, and dropping that in _forget_items would delete it under the model).
        if parent is None:
            self.insertRow(row, [item])
        else:
            parent.insertRow(row, [item])
        self._item_of_key[key] = item
        self._fill(key, rows)

    def _fill(self, key: int, rows: _Shown) -> None:
        """The rows inside group *key*, which has none yet."""
        ids = rows.measures[key]
        self._insert_measures(self._group_index(key), 0, ids)
        for i, sub in enumerate(rows.subgroups[key]):
            self._insert_group(key, len(ids) + i, sub, rows)

    def _build_items(self) -> None:
        """The items of every row shown, the old ones dropped (inside a reset: no row signals)."""
        blocked = self.blockSignals(True)
        try:
            self._item_of_key = {}  # no reference to an item is kept while it is deleted
            _ITEM_REMOVE_ROWS(self, 0, self.rowCount(), QModelIndex())
            self._fill(ROOT, self._shown)
        finally:
            self.blockSignals(blocked)

    def _forget_items(self, key: int, rows: _Shown) -> None:
        """Drop the references to the items of group *key* and the groups inside it (before they go)."""
        todo = [key]
        while todo:
            k = todo.pop()
            self._item_of_key.pop(k, None)
            todo.extend(rows.subgroups[k])

    def _sync(self, key: int, old: _Shown, new: _Shown) -> None:
        """Turn the child rows of group *key* (shown before and now) from *old* into *new*."""
        old_ids, old_subs, new_subs = old.measures[key], old.subgroups[key], new.subgroups[key]
        if old_subs != new_subs:  # the subgroups follow the measures: their rows first
            keep = set(new_subs)
            parent_index = self._group_index(key)
            for i in range(len(old_subs) - 1, -1, -1):
                if old_subs[i] not in keep:
                    self._forget_items(old_subs[i], old)
                    _ITEM_REMOVE_ROWS(self, len(old_ids) + i, 1, parent_index)
        for sub in old_subs:
            if sub in new.groups:
                self._sync(sub, old, new)
        if old_subs != new_subs:
            had = set(old_subs)
            for i, sub in enumerate(new_subs):
                if sub not in had:
                    self._insert_group(key, len(old_ids) + i, sub, new)
        self._sync_measures(key, old_ids, new.measures[key])

    def _sync_measures(self, key: int, old: list[str], new: list[str]) -> None:
        """Turn the measure rows of group *key* from *old* into *new*: the rows that go removed and
        those that come inserted, a run of rows at a time (a run removed ~2 µs, a row inserted ~4 µs
        at 2,000 measures); all of them replaced when the rows that stay change order (an edit
        moved them)."""
        if old == new:
            return
        parent = self._group_index(key)
        stay, come = set(new), set(old)
        if [mid for mid in old if mid in stay] != [mid for mid in new if mid in come]:
            if old:
                _ITEM_REMOVE_ROWS(self, 0, len(old), parent)
            self._insert_measures(parent, 0, new)
            return
        for start, end in reversed(runs([mid not in stay for mid in old])):  # the rows above keep their numbers
            _ITEM_REMOVE_ROWS(self, start, end - start, parent)
        for start, end in runs([mid not in come for mid in new]):
            self._insert_measures(parent, start, new[start:end])

    def node_of(self, index: QModelIndex | QPersistentModelIndex) -> tuple[str, int | str] | None:
        """("measure", id) or ("group", key) of a row shown; None for the root or a stale index.
        Read from the row's item, so it holds while rows are being removed and inserted."""
        if not index.isValid():
            return None
        if index.column():
            index = index.siblingAtColumn(0)
        text = _ITEM_DATA(self, index, _DISPLAY_ROLE)
        if not text:
            return None
        if text[0] == _GROUP_MARK:
            return "group", int(text[1:])
        return "measure", text

    def index_of_node(self, node: tuple[str, int | str] | None, column: int = 0) -> QModelIndex:
        """The row of *node* (see node_of) when shown, else the invalid index."""
        if node is None:
            return QModelIndex()
        kind, value = node
        if kind == "group":
            return self._group_index(value, column)  # type: ignore[arg-type]
        at = self._shown.at_of_id.get(value)  # type: ignore[arg-type]
        return self.index(at[1], column, self._group_index(at[0])) if at is not None else QModelIndex()

    def group_index_of_key(self, key: int, column: int = 0) -> QModelIndex:
        """The row of group *key* (the tree model's key) when shown, else the invalid index."""
        return self._group_index(key, column)

    def _group_index(self, key: int, column: int = 0) -> QModelIndex:
        item = self._item_of_key.get(key)
        if key == ROOT or item is None:
            return QModelIndex()
        index = self.indexFromItem(item)
        return index.siblingAtColumn(column) if column else index

    # ------------------------------------------------------- model basics
    # index(), parent(), rowCount(), flags() ... are QStandardItemModel's own (C++): the view asks
    # them for every row it lays out. What the rows show comes from data() below.
    def removeRows(self, row: int, count: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: N802
        return False  # rows go only when the filter or the document says so (never by a drag's end)

    def setData(self, index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        return False  # edits go through the document

    def setItemData(self, index, roles) -> bool:  # noqa: N802
        return False

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role in _NO_DATA_ROLES:
            return None
        node = self.node_of(index)
        return None if node is None else self._src.node_data(node[0], node[1], index.column(), role)

    def cell_data(self, index: QModelIndex | QPersistentModelIndex) -> tuple | None:
        """(text, foreground, alignment) of a measure row's cell, as data() gives them; None for a
        group row. For the tree's delegates, called from Python: one call and a lookup per cell
        painted instead of a round trip through Qt per role."""
        col = index.column()  # node_of() inlined (called for every cell painted); -1 for the root
        mid = _ITEM_DATA(self, index.siblingAtColumn(0) if col else index, _DISPLAY_ROLE)
        if not mid or mid[0] == _GROUP_MARK:
            return None
        key = (mid, col)
        got = self._cells.get(key)
        try:
            m = self._src.document.measure(mid)
        except LookupError:
            return None
        if got is not None and got[0] is m:
            return got[1]
        return self._cell(mid, col, m)

    def _cell(self, mid: str, col: int, m: Measure) -> tuple:
        """The cell of column *col* of the measure *m* (of id *mid*), computed and kept. Cells of
        the same content in the other columns than the title are one tuple (a delegate keeps what
        it drew per tuple: a cell shown for the first time finds what another of its content drew)."""
        src = self._src
        cell = (src.node_data("measure", mid, col, _DISPLAY_ROLE), src.node_data("measure", mid, col, _FOREGROUND_ROLE),
                src.node_data("measure", mid, col, _ALIGNMENT_ROLE) or 0)
        if col != COL_TITLE:
            content = _content_key(cell)
            if content is not None:
                cell = self._same_cells.setdefault((col, content), cell)
        self._cells[(mid, col)] = (m, cell)
        return cell

    def prepare_cells(self, measure_id: str) -> None:
        """Compute and keep the cells of every column of a measure (see cell_data), ahead of a paint."""
        try:
            m = self._src.document.measure(measure_id)
        except LookupError:
            return
        cells = self._cells
        for col in range(COLUMN_COUNT):
            got = cells.get((measure_id, col))
            if got is None or got[0] is not m:
                self._cell(measure_id, col, m)

    def cells_prepared(self, measure_id: str) -> bool:
        """Whether every cell of the measure is computed and kept (see prepare_cells)."""
        try:
            m = self._src.document.measure(measure_id)
        except LookupError:
            return False
        return all((got := self._cells.get((measure_id, col))) is not None and got[0] is m
                   for col in range(COLUMN_COUNT))

    def distinct_cells(self, column: int) -> list[tuple]:
        """The cells of *column* (not the title's) computed so far, one per content."""
        return [cell for (col, _content), cell in self._same_cells.items() if col == column]

    def _forget_cells(self) -> None:
        self._cells = {}
        self._same_cells = {}
        self.cellsForgotten.emit()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        return self._src.headerData(section, orientation, role)

    # ------------------------------------------------- source <-> shown
    def mapToSource(self, index: QModelIndex | QPersistentModelIndex) -> QModelIndex:  # noqa: N802
        node = self.node_of(index)
        if node is None:
            return QModelIndex()
        if node[0] == "group":
            return self._src.group_index_of_key(node[1], index.column())  # type: ignore[arg-type]
        return self._src.measure_index(node[1], index.column())  # type: ignore[arg-type]

    def mapFromSource(self, index: QModelIndex | QPersistentModelIndex) -> QModelIndex:  # noqa: N802
        if not index.isValid():
            return QModelIndex()
        key = self._src.key_of_index(index)
        if key is not None:
            return self._group_index(key, index.column())
        node = self._src.node(index.internalId(), index.row())
        if node is None:
            return QModelIndex()
        return self.index_of_node(node, index.column())

    def measure_for(self, index: QModelIndex) -> Measure | None:
        node = self.node_of(index)
        if node is None or node[0] != "measure":
            return None
        try:
            return self._src.document.measure(node[1])  # type: ignore[arg-type]
        except LookupError:
            return None

    # ----------------------------------------------------- drag and drop
    def supportedDropActions(self) -> Qt.DropAction:
        return self._src.supportedDropActions()

    def supportedDragActions(self) -> Qt.DropAction:
        return self._src.supportedDragActions()

    def mimeTypes(self) -> list[str]:
        return self._src.mimeTypes()

    def mimeData(self, indexes) -> QMimeData | None:  # type: ignore[override]
        """The measures of *indexes*; None (no drag) when there is none: a group row, which its cells
        without an item (columns 1-3, whose flags are QStandardItemModel's) would otherwise let go."""
        sources = [self.mapToSource(ix) for ix in indexes]
        if not any(self._src.measure_for(ix) is not None for ix in sources):
            return None
        return self._src.mimeData(sources)

    def _source_drop(self, row: int, parent: QModelIndex) -> tuple[int, QModelIndex]:
        """(row, parent) in the tree model for a drop at *row* under *parent* here."""
        src_parent = self.mapToSource(parent)
        if row < 0:
            return row, src_parent
        at = self.mapToSource(self.index(row, 0, parent))
        if at.isValid():
            return at.row(), src_parent
        return self._src.rowCount(src_parent), src_parent  # after the last row shown: at the end

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        src_row, src_parent = self._source_drop(row, parent)
        return self._src.canDropMimeData(data, action, src_row, column, src_parent)

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        src_row, src_parent = self._source_drop(row, parent)
        return self._src.dropMimeData(data, action, src_row, column, src_parent)

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
        (kept while they stay) joined with the ids that match the search terms. Empty without
        a measure criterion (every measure shows: nothing to judge after an edit)."""
        if not self._criteria.measure_criteria_active():
            return {}
        others = self._verdicts_of_other_criteria()
        terms = self._criteria.terms
        if not terms:
            return others
        matching = self._matching_ids(terms)
        return {mid: ok and mid in matching for mid, ok in others.items()}

    # ------------------------------------------------ parts read later
    def searching(self) -> bool:
        """True while measures that parts not read yet may match are still to be judged."""
        return self._searching

    def _update_searching(self) -> None:
        """searching() after the rows shown were computed for the current criteria."""
        entry = self._term_matches.get(tuple(self._criteria.terms)) if self._verdicts else None
        self._set_searching(entry is not None and bool(entry[1]))
        if self._searching:
            timer = self._judge_timer
            if timer is None:
                timer = self._judge_timer = QTimer(self)
                timer.timeout.connect(self._judge_step)
            if not timer.isActive():
                timer.start(JUDGE_AFTER_MS)

    def _set_searching(self, on: bool) -> None:
        if on == self._searching:
            return
        self._searching = on
        if on:
            # The window reads the rest after its first frame; started here if not yet (idempotent),
            # and no longer held by the keystrokes before.
            doc = self.tree_model().document

            def read_rest() -> None:
                if self.tree_model().document is doc:
                    doc.complete_load_in_steps()
                    doc.hold_reading_in_steps(0)

            QTimer.singleShot(START_READ_AFTER_MS, self, read_rest)
        self.searchingChanged.emit(on)

    def _parts_read(self) -> None:
        """A step of the document's read came in: the measures the current query waits for that
        got their parts are judged; the rows shown change once all are judged."""
        self._texts_generation += 1  # the texts of the measures read now hold their action plans
        self._prewarm_again()
        if not self._searching:
            return
        key = tuple(self._criteria.terms)
        entry = self._term_matches.get(key)
        if entry is None:
            return
        found, undecided = self._settle(list(key), *entry)
        self._term_matches[key] = (found, undecided)
        if not undecided:
            self._all_judged()

    def _judge_step(self) -> None:
        """An idle turn while searching: up to JUDGE_BATCH of the measures the current query waits
        for whose parts are read are judged (a keystroke left them, see _matching_in_view_order);
        the rows shown change once all are judged. Stops when none of them is left to judge now
        (the others wait for their parts, see _parts_read)."""
        key = tuple(self._criteria.terms)
        entry = self._term_matches.get(key) if self._searching else None
        terms = list(key)
        need_all = _year_terms(terms)
        waiting = entry[1] if entry is not None else frozenset()
        ready = [m.id for m in self.tree_model().document.data.measures
                 if m.id in waiting and _read_for(m, need_all)]
        if len(ready) <= JUDGE_BATCH and self._judge_timer is not None:
            self._judge_timer.stop()  # after this turn's: the rest wait for their parts
        if self._judge_timer is not None and self._judge_timer.isActive():
            self._judge_timer.setInterval(0)  # the next batch in the next turn
        if not ready or entry is None:
            return
        batch = frozenset(ready[:JUDGE_BATCH])
        found, still = self._settle(terms, entry[0], batch)
        undecided = (waiting - batch) | still
        self._term_matches[key] = (found, undecided)
        if not undecided:
            self._all_judged()

    def _all_judged(self) -> None:
        """The measures the current query waited for are judged: the rows shown follow."""
        self._verdicts = self._all_verdicts()
        self._visible = None
        if not self._show(self._rows_shown()):
            self._repaint_rows()  # where the titles' matches are may have changed
        self._update_searching()

    def _settle(self, terms: list[str], found: frozenset[str], undecided: frozenset[str],
                limit: int | None = None) -> tuple[frozenset[str], frozenset[str]]:
        """(found, undecided) with the undecided measures whose parts are read now judged (at most
        *limit* of them)."""
        doc = self.tree_model().document
        need_all = _year_terms(terms)
        more: list[str] = []
        still: list[str] = []
        judged = 0
        for mid in undecided:
            try:
                m = doc.measure(mid)
            except LookupError:
                continue
            if not _read_for(m, need_all) or \
                    (limit is not None and judged >= limit):
                still.append(mid)
                continue
            judged += 1
            verdict = self._match_so_far(m, terms)
            if verdict:
                more.append(mid)
            elif verdict is None:
                still.append(mid)
        return (found | frozenset(more) if more else found), frozenset(still)

    def _verdicts_of_other_criteria(self) -> dict[str, bool]:
        c = self._criteria
        key = (c.priority_only, c.period, c.department, c.fiscal_year, self.tree_model().fiscal_year,
               c.rating, c.progress, c.phase)
        if self._other_verdicts is None or self._other_verdicts[0] != key:
            measures = self.tree_model().document.data.measures
            if c.priority_only or c.period or c.department or c.rating or c.progress or c.phase:
                verdicts = {m.id: self._judge_others(m) for m in measures}
            else:  # none set: every measure passes
                verdicts = dict.fromkeys([m.id for m in measures], True)
            self._other_verdicts = (key, verdicts)
        return self._other_verdicts[1]

    def _matching_ids(self, terms: list[str]) -> frozenset[str]:
        """Ids of the measures every term matches. Only the matches of an earlier query whose
        terms each lie inside one of these are tested (typing on narrows), unless a term names
        a year (R6 also matches by content, which R did not)."""
        key = tuple(terms)
        entry = self._term_matches.get(key)
        if entry is not None:
            if entry[1]:  # (the rest is judged in idle turns, see _judge_step)
                entry = self._term_matches[key] = self._settle(terms, *entry, limit=JUDGE_AT_ONCE)
            return entry[0]
        doc = self.tree_model().document
        candidates: frozenset[str] | None = None
        need_all = _year_terms(terms)
        if not need_all:
            for earlier, (ids, undecided) in self._term_matches.items():
                if (candidates is None or len(ids) + len(undecided) < len(candidates)) and \
                        all(any(e in t for t in terms) for e in earlier):
                    candidates = ids | undecided
        if not need_all and (candidates is None or len(candidates) > FEW_CANDIDATES):
            if self._texts_missing_over(JUDGE_AT_ONCE):
                found, undecided = self._matching_in_view_order(terms, candidates)
            else:
                found, undecided = self._matching_in_corpus(terms, candidates)
            self._keep_matches(key, found, undecided)
            return found
        measures = doc.data.measures if candidates is None else [m for m in doc.data.measures if m.id in candidates]
        unread = sum(1 for m in measures if not _read_for(m, need_all))
        undecided: frozenset[str] = frozenset()
        if unread <= READ_AT_ONCE:
            found = frozenset(m.id for m in measures if self._matches(m, terms, need_all))
        else:
            yes: list[str] = []
            maybe: list[str] = []
            for m in measures:
                verdict = self._match_so_far(m, terms)
                if verdict:
                    yes.append(m.id)
                elif verdict is None:
                    maybe.append(m.id)
            found, undecided = frozenset(yes), frozenset(maybe)
        self._keep_matches(key, found, undecided)
        return found

    def _matches(self, m: Measure, terms: list[str], year_terms: bool) -> bool:
        """``measure_matches(m, terms)``, its action plan read first when it is not yet: from its folded
        text, with no regular expression to make for a new term, when that is kept with its action
        plan and no term names a year (*year_terms* False)."""
        if not year_terms:
            kept = self._folded.get(m.id)
            if kept is not None and kept[0] is m and kept[1]:
                folded = kept[2]
                return all(term in folded for term in terms)
        return measure_matches(m, terms, self._haystack(m))

    def _keep_matches(self, key: tuple[str, ...], found: frozenset[str], undecided: frozenset[str]) -> None:
        if len(self._term_matches) >= KEPT_QUERIES:
            self._term_matches.clear()
        self._term_matches[key] = (found, undecided)

    def _texts_missing_over(self, limit: int) -> bool:
        """True when more than *limit* measures lack their search text so far (see _haystack_so_far):
        the idle preparation has not made them yet."""
        if self._corpus is not None and self._corpus[0] == self._texts_generation:
            return False
        hays = self._haystacks
        missing = 0
        for m in self.tree_model().document.data.measures:
            if not _current(hays.get(m.id), m, m.part_read("action_plan")):
                missing += 1
                if missing > limit:
                    return True
        return False

    def _matching_in_view_order(self, terms: list[str], candidates: frozenset[str] | None
                                ) -> tuple[frozenset[str], frozenset[str]]:
        """(found, undecided) among *candidates* (None: every measure) for terms none of which names
        a year, typed before the search texts are made: the measures judged in the tree's order from
        what is read (:func:`match_so_far`, each text made on its own) until FIRST_ROWS that pass the
        other criteria match or JUDGE_AT_ONCE are judged; the rest undecided (see _judge_step)."""
        doc = self.tree_model().document
        others = self._verdicts_of_other_criteria()
        yes: list[str] = []
        maybe: list[str] = []
        rows = judged = 0
        order = self._src.measure_ids_in_order()
        rest = len(order)
        for at, mid in enumerate(order):
            if rows >= FIRST_ROWS or judged >= JUDGE_AT_ONCE:
                rest = at
                break
            if candidates is not None and mid not in candidates:
                continue
            try:
                m = doc.measure(mid)
            except LookupError:
                continue
            judged += 1
            verdict = self._match_so_far(m, terms)
            if verdict:
                yes.append(mid)
                rows += others.get(mid, False)
            elif verdict is None:
                maybe.append(mid)
        later = order[rest:] if candidates is None else [mid for mid in order[rest:] if mid in candidates]
        return frozenset(yes), frozenset(maybe + later)

    def _matching_in_corpus(self, terms: list[str], candidates: frozenset[str] | None
                            ) -> tuple[frozenset[str], frozenset[str]]:
        """(found, undecided) among *candidates* (None: every measure) for terms none of which names
        a year, each looked for in the corpus of all the search texts: what :func:`match_so_far`
        says of each measure (with few measures left whose action plan is unread, those are read
        first, as the other path does)."""
        generation, corpus, ids, has_plan = self._search_corpus()
        if 0 < has_plan.count(False) <= READ_AT_ONCE:
            doc = self.tree_model().document
            for mid, with_plan in zip(ids, has_plan, strict=True):
                if not with_plan:
                    self._haystack(doc.measure(mid))  # reads its action plan
            generation, corpus, ids, has_plan = self._search_corpus()
        hits: set[int] | None = None
        for term in sorted(terms, key=len, reverse=True):  # the longest first: usually the fewest hits
            holding = corpus.holding(term)
            hits = set(holding) if hits is None else hits.intersection(holding)
            if not hits:
                break
        hits = hits or set()
        found = frozenset(ids[i] for i in hits)
        undecided = frozenset(mid for i, mid in enumerate(ids) if not has_plan[i] and i not in hits)
        if candidates is not None:
            found &= candidates
            undecided &= candidates
        return found, undecided

    def _search_corpus(self) -> tuple[int, SearchCorpus, list[str], list[bool]]:
        """(generation, corpus, ids, action plan in) of every measure's search text so far, made anew
        when a text may have changed since."""
        if self._corpus is not None and self._corpus[0] == self._texts_generation:
            return self._corpus
        measures = self.tree_model().document.data.measures
        self._prepare_haystacks(measures)
        hays = self._haystacks
        entries = [hays[m.id] for m in measures]
        folded = self._folded
        kept = [folded.get(m.id) for m in measures]
        if all(f is not None and f[0] is m and f[1] == e[2] for f, m, e in zip(kept, measures, entries, strict=True)):
            corpus = SearchCorpus([f[2] for f in kept], folded=True)  # type: ignore[index]
        else:  # the idle preparation has not folded them all yet
            corpus = SearchCorpus([e[1] for e in entries])
        self._corpus = (self._texts_generation, corpus, [m.id for m in measures], [e[2] for e in entries])
        return self._corpus

    def _prepare_haystacks(self, measures, *, folded: bool = False) -> None:
        """The search texts so far (see _haystack_so_far) of *measures* that lack one, prepared together;
        with *folded*, their folded texts too (idle time: ~30 µs a measure more). Each measure's texts
        are joined once for both."""
        hays, folds = self._haystacks, self._folded
        todo: list[tuple[Measure, bool, str]] = []
        changed = False
        for m in measures:
            has_plan = m.part_read("action_plan")
            entry = hays.get(m.id)
            stale = not _current(entry, m, has_plan)
            kept = folds.get(m.id) if folded else None
            refold = folded and (kept is None or kept[0] is not m or kept[1] != has_plan)
            if not (stale or refold):
                continue
            raw = "\n".join(search_haystacks(m, has_plan))
            if stale:
                todo.append((m, has_plan, raw))
            if refold:
                folds[m.id] = (m, has_plan, fold_fast(raw))
                changed = True
        if todo:
            for (m, has_plan, _raw), text in zip(todo, prepare_texts([t[2] for t in todo]), strict=True):
                hays[m.id] = (m, text, has_plan)
            changed = True
        if changed:
            self._texts_generation += 1

    def _haystack(self, m) -> str:
        """The search text of *m*, its action plan read first when it is not yet."""
        entry = self._haystacks.get(m.id)
        if _current(entry, m, True):
            return entry[1]
        text = searchable("\n".join(search_haystacks(m)))
        self._haystacks[m.id] = (m, text, True)
        self._texts_generation += 1
        return text

    def _match_so_far(self, m: Measure, terms: list[str]) -> bool | None:
        """:func:`match_so_far` of *m* from its search text so far (reads nothing)."""
        text, has_plan = self._haystack_so_far(m)
        return match_so_far(m, terms, text, has_plan)

    def _haystack_so_far(self, m) -> tuple[str, bool]:
        """(search text of *m* from what is read, True when its action plan is among it): reads nothing."""
        has_plan = m.part_read("action_plan")
        entry = self._haystacks.get(m.id)
        if _current(entry, m, has_plan):
            return entry[1], has_plan
        text = searchable("\n".join(search_haystacks(m, has_plan)))
        self._haystacks[m.id] = (m, text, has_plan)
        self._texts_generation += 1
        return text, has_plan

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
        """Ids of the measures shown, in display order."""
        if self._visible is None:
            rows = self._shown
            self._visible = [mid for key in rows.reachable_keys() for mid in rows.measures[key]]
        return list(self._visible)

    def visible_group_nos(self) -> list[int]:
        """№ of every group row shown, in display order (also those with no measure shown)."""
        nos = self._src.layout().nos
        return [nos[key] for key in self._shown.reachable_keys()]


def _year_terms(terms: list[str]) -> bool:
    """Whether a term names a fiscal year (it also matches by a measure's content of that year, so a
    search with it looks through every part of a measure, see domain.search)."""
    return any(year_of_term(t) is not None for t in terms)


def _read_for(m: Measure, year_terms: bool) -> bool:
    """Whether what a search (with year terms or not, see _year_terms) looks through of *m* is read."""
    return m.parts_loaded if year_terms else m.part_read("action_plan")


def _current(entry: tuple | None, m: Measure, has_plan: bool) -> bool:
    """Whether a kept search text (measure, text, action plan in) is that of *m*, with its action plan
    in or not as *has_plan* says."""
    return entry is not None and entry[0] is m and entry[2] == has_plan


def _content_key(cell: tuple) -> tuple | None:
    """What a cell shows, hashable: (text, foreground colour and brush style or None, alignment);
    None for a foreground that is not one colour."""
    text, foreground, align = cell
    if foreground is None:
        return text, None, align
    brush = foreground if isinstance(foreground, QBrush) else QBrush(foreground)
    if brush.style() != Qt.BrushStyle.SolidPattern:
        return None
    return text, brush.color().rgba(), align
