"""The measure tree: plan (invisible root) -> groups, nested to any depth -> measures.

A real ``QAbstractItemModel`` over :class:`PlanDocument`. It keeps only the
*layout* (which groups sit inside which, and which measure id sits in which
row of which group) and reads everything else from the document, so it can
never show stale data. Changes arrive through ``PlanDocument.changed`` and
become targeted row inserts, removes, moves and ``dataChanged`` signals; a
change of the groups themselves (or a full reload) resets.

Inside a group its own measures come first, then its subgroups: the order of
``PlanData.measures`` (groups in display order, see ``domain.groups``).

Rows are addressed by *group keys*: 0 is the invisible root, 1… the groups in
display order. An index's ``internalId`` is the key of its parent group.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ..document.plan_document import Changes, ChangeSet, PlanDocument
from ..domain import groups as G
from ..domain.fiscal import current_fiscal_year, fy_label
from ..domain.model import Measure
from ..domain.search import search_texts

MIME_TYPE = "application/x-plan-desktop-measure-ids"

COL_TITLE, COL_DEPARTMENT, COL_PHASE, COL_RATING = range(4)
COLUMN_COUNT = 4

# Custom roles
MeasureIdRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2  # "viewpoint" (a group) | "measure"
PriorityRole = Qt.ItemDataRole.UserRole + 3
SearchTextRole = Qt.ItemDataRole.UserRole + 4  # every searchable text of a measure, joined
ViewpointNoRole = Qt.ItemDataRole.UserRole + 5  # the group's № (for a measure: its innermost group)
DepthRole = Qt.ItemDataRole.UserRole + 6  # a group's level (0 = top)

ROOT = 0

PRIORITY_COLOR = QColor("#c0392b")

# The roles data() answers, looked up once: an enum member read through its class costs a
# Python-level descriptor call, and data() runs for every role of every painted cell.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)


_F = Qt.ItemFlag
# (writable, read-only) flags of the root, a group row and a measure row
_ROOT_FLAGS = (_F.ItemIsDropEnabled, _F.NoItemFlags)
_GROUP_FLAGS = (_F.ItemIsEnabled | _F.ItemIsSelectable | _F.ItemIsDropEnabled, _F.ItemIsEnabled | _F.ItemIsSelectable)
_MEASURE_FLAGS = (_F.ItemIsEnabled | _F.ItemIsSelectable | _F.ItemIsDragEnabled | _F.ItemIsDropEnabled
                  | _F.ItemNeverHasChildren, _F.ItemIsEnabled | _F.ItemIsSelectable | _F.ItemNeverHasChildren)


def search_haystacks(m: Measure, action_plan: bool = True) -> list[str]:
    """What the search box looks through: title, display code, 課題, 推進内容, action items (unless
    *action_plan* is False), departments."""
    out = search_texts(m, action_plan)
    if m.code:
        out.append(m.code)
    return out


class _Layout:
    """Which group is where and which measures each group holds, by group key."""

    def __init__(self, nos: list[int], parent_key: list[int], subgroups: list[list[int]], measures: list[list[str]]):
        self.nos = nos  # key -> group № (index 0: the root, no group)
        self.parent_key = parent_key  # key -> parent key
        self.subgroups = subgroups  # key -> child group keys in order
        self.measures = measures  # key -> measure ids in order
        self.key_of = {no: k for k, no in enumerate(nos) if k}

    def same_groups(self, other: _Layout) -> bool:
        return self.nos == other.nos and self.parent_key == other.parent_key and self.subgroups == other.subgroups


def _build_layout(doc: PlanDocument) -> _Layout:
    data = doc.data
    nodes = G.preorder(data)
    nos = [0] + [n.group.no for n in nodes]
    key_of = {no: k for k, no in enumerate(nos) if k}
    parent_key = [0] * len(nos)
    subgroups: list[list[int]] = [[] for _ in nos]
    measures: list[list[str]] = [[] for _ in nos]
    for k, node in enumerate(nodes, start=1):
        p = node.group.parent
        pk = key_of.get(p, ROOT) if p is not None and node.depth > 0 else ROOT
        parent_key[k] = pk
        subgroups[pk].append(k)
    for m in data.measures:
        k = key_of.get(m.viewpoint)
        if k is not None:
            measures[k].append(m.id)
    return _Layout(nos, parent_key, subgroups, measures)


class MeasureTreeModel(QAbstractItemModel):
    def __init__(self, document: PlanDocument, parent=None):
        super().__init__(parent)
        self._doc = document
        self._fiscal_year = current_fiscal_year()
        self._lay = _build_layout(document)
        document.changed.connect(self._on_changed)

    # ------------------------------------------------------------ helpers
    @property
    def document(self) -> PlanDocument:
        return self._doc

    @property
    def fiscal_year(self) -> int:
        return self._fiscal_year

    def set_fiscal_year(self, fy: int) -> None:
        if fy == self._fiscal_year:
            return
        self._fiscal_year = fy
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, COL_PHASE, COL_RATING)
        for key in range(1, len(self._lay.nos)):
            ids = self._lay.measures[key]
            if ids:
                parent = self.group_index_of_key(key)
                self.dataChanged.emit(self.index(0, COL_PHASE, parent), self.index(len(ids) - 1, COL_RATING, parent))

    # layout queries (also used by the filter proxy, which reads them directly for speed)
    def layout(self) -> _Layout:
        return self._lay

    def node(self, parent_key: int, row: int) -> tuple[str, int | str] | None:
        """("measure", id) or ("group", key) at *row* under the group *parent_key*."""
        lay = self._lay
        if not 0 <= parent_key < len(lay.nos) or row < 0:
            return None
        ids = lay.measures[parent_key]
        if row < len(ids):
            return "measure", ids[row]
        row -= len(ids)
        subs = lay.subgroups[parent_key]
        if row < len(subs):
            return "group", subs[row]
        return None

    def key_of_index(self, index: QModelIndex | QPersistentModelIndex) -> int | None:
        """The group key of a group row (ROOT for the invalid index); None for a measure row."""
        if not index.isValid():
            return ROOT
        # node() inlined: the views and the proxy call this for every row they lay out
        lay = self._lay
        parent_key = index.internalId()
        if not 0 <= parent_key < len(lay.nos):
            return None
        subs = lay.subgroups[parent_key]
        row = index.row() - len(lay.measures[parent_key])
        return subs[row] if 0 <= row < len(subs) else None

    def group_index_of_key(self, key: int, column: int = 0) -> QModelIndex:
        if key == ROOT or not 0 < key < len(self._lay.nos):
            return QModelIndex()
        pk = self._lay.parent_key[key]
        row = len(self._lay.measures[pk]) + self._lay.subgroups[pk].index(key)
        return self.createIndex(row, column, pk)

    def measure_index(self, measure_id: str, column: int = 0) -> QModelIndex:
        try:
            m = self._doc.measure(measure_id)
        except LookupError:
            return QModelIndex()
        key = self._lay.key_of.get(m.viewpoint)
        ids = self._lay.measures[key] if key is not None else []
        if measure_id not in ids:  # not laid out yet (inside a change): search every group
            for k, group_ids in enumerate(self._lay.measures):
                if measure_id in group_ids:
                    key, ids = k, group_ids
                    break
            else:
                return QModelIndex()
        return self.createIndex(ids.index(measure_id), column, key)

    def viewpoint_index(self, viewpoint_no: int) -> QModelIndex:
        key = self._lay.key_of.get(viewpoint_no)
        return self.group_index_of_key(key) if key is not None else QModelIndex()

    def measure_for(self, index: QModelIndex) -> Measure | None:
        if not index.isValid():
            return None
        n = self.node(index.internalId(), index.row())
        if n is None or n[0] != "measure":
            return None
        try:
            return self._doc.measure(n[1])  # type: ignore[arg-type]
        except LookupError:
            return None

    def group_no_for(self, index: QModelIndex) -> int | None:
        key = self.key_of_index(index)
        return self._lay.nos[key] if key else None

    def measure_ids_in_order(self) -> list[str]:
        return [mid for key in range(1, len(self._lay.nos)) for mid in self._lay.measures[key]]

    def viewpoint_rows(self) -> list[tuple[int, list[str]]]:
        """(group №, its own measure ids in display order) for every group in display order; do not mutate."""
        return [(self._lay.nos[k], self._lay.measures[k]) for k in range(1, len(self._lay.nos))]

    # ------------------------------------------------------- model basics
    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:
        if column < 0 or column >= COLUMN_COUNT or row < 0:
            return QModelIndex()
        if parent.isValid():
            if parent.column() != 0:
                return QModelIndex()
            key = self.key_of_index(parent)
            if key is None:
                return QModelIndex()
        else:
            key = ROOT
        lay = self._lay
        if row >= len(lay.measures[key]) + len(lay.subgroups[key]):
            return QModelIndex()
        return self.createIndex(row, column, key)

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        return self.group_index_of_key(index.internalId())

    def _child_count(self, key: int) -> int:
        return len(self._lay.measures[key]) + len(self._lay.subgroups[key])

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        key = self.key_of_index(parent)
        return 0 if key is None else self._child_count(key)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return COLUMN_COUNT

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return self.rowCount(parent) > 0

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        fy = self._fiscal_year
        if section == COL_TITLE:
            return self._doc.data.terms.measure
        if section == COL_DEPARTMENT:
            return QCoreApplication.translate("MeasureTreeModel", "担当部課")
        if section == COL_PHASE:
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate("MeasureTreeModel", "{year}の工程").format(year=fy_label(fy))
            return QCoreApplication.translate("MeasureTreeModel", "工程\n{year}").format(year=fy_label(fy))
        if section == COL_RATING:
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate("MeasureTreeModel", "{year}の進捗評価").format(year=fy_label(fy))
            return QCoreApplication.translate("MeasureTreeModel", "評価\n{year}").format(year=fy_label(fy))
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        n = self.node(index.internalId(), index.row())
        if n is None:
            return None
        return self.node_data(n[0], n[1], index.column(), role)

    def node_data(self, kind: str, value: int | str, col: int, role: int):
        """data() of the group row of key *value* (kind "group") or of the measure *value* (also
        asked by the filter, whose rows are these nodes)."""
        if kind == "group":
            return self._group_data(value, col, role)  # type: ignore[arg-type]
        try:
            m = self._doc.measure(value)  # type: ignore[arg-type]
        except LookupError:
            return None
        if role == _DISPLAY:
            if col == COL_TITLE:
                return m.display_title
            if col == COL_DEPARTMENT:
                extra = len(m.departments) - 1
                return m.lead_department + (QCoreApplication.translate("MeasureTreeModel", " ほか{n}").format(n=extra) if extra > 0 else "")
            if col == COL_PHASE:
                return m.phase_in(self._fiscal_year) or ""
            if col == COL_RATING:
                if not m.active_in(self._fiscal_year):
                    return "－"
                e = m.evaluation_for(self._fiscal_year)
                return (e.rating or "") if e else ""
            return None
        if role == _TOOLTIP:
            if col == COL_TITLE:
                return m.display_title + self._active_note(m)
            if col == COL_DEPARTMENT:
                return "\n".join(m.departments)
            if col == COL_RATING and not m.active_in(self._fiscal_year):
                return QCoreApplication.translate("MeasureTreeModel", "この年度は実施期間外です")
            return None
        if role == _FOREGROUND:
            if col == COL_PHASE:
                name = m.phase_in(self._fiscal_year)
                for ph in self._doc.data.phases:
                    if ph.name == name:
                        return QBrush(QColor(ph.color).darker(140))
                return None
            if not m.active_in(self._fiscal_year):
                return QBrush(QColor("#8a8a8a"))
            return None
        if role == _ALIGNMENT and col in (COL_PHASE, COL_RATING):
            return _CENTER
        if role == MeasureIdRole:
            return m.id
        if role == KindRole:
            return "measure"
        if role == PriorityRole:
            return m.priority
        if role == ViewpointNoRole:
            return m.viewpoint
        if role == SearchTextRole:
            return "\n".join(search_haystacks(m))
        return None

    def _active_note(self, m: Measure) -> str:
        if m.fy_from is None and m.fy_to is None:
            return ""
        plan = self._doc.plan
        lo = fy_label(m.fy_from if m.fy_from is not None else plan.fy_start)
        hi = fy_label(m.fy_to if m.fy_to is not None else plan.fy_end)
        return QCoreApplication.translate("MeasureTreeModel", "\n実施期間: {lo}～{hi}").format(lo=lo, hi=hi)

    def _group_data(self, key: int, col: int, role: int):
        data = self._doc.data
        no = self._lay.nos[key]
        vp = data.viewpoint_by_no(no)
        if vp is None:
            return None
        if role == _DISPLAY and col == COL_TITLE:
            return G.group_heading(data, vp)
        if role == _TOOLTIP and col == COL_TITLE:
            return vp.description or vp.title
        if role == _FONT and col == COL_TITLE:
            f = QFont()
            f.setBold(True)
            return f
        if role == KindRole:
            return "viewpoint"
        if role == ViewpointNoRole:
            return vp.no
        if role == DepthRole:
            return self._depth(key)
        return None

    def _depth(self, key: int) -> int:
        d = 0
        while self._lay.parent_key[key] != ROOT:
            key = self._lay.parent_key[key]
            d += 1
        return d

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        # Called for every row the view lays out: the flags are constants, and
        # ItemNeverHasChildren spares the view asking each measure row for children.
        if not index.isValid():
            return _ROOT_FLAGS[self._doc.readonly]
        return (_GROUP_FLAGS if self.key_of_index(index) is not None else _MEASURE_FLAGS)[self._doc.readonly]

    # ----------------------------------------------------- drag and drop
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes) -> QMimeData:
        ids: list[str] = []
        for ix in indexes:
            m = self.measure_for(ix)
            if m is not None and m.id not in ids:
                ids.append(m.id)
        md = QMimeData()
        md.setData(MIME_TYPE, QByteArray("\n".join(ids).encode("utf-8")))
        return md

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return (not self._doc.readonly and data is not None and data.hasFormat(MIME_TYPE)
                and action in (Qt.DropAction.MoveAction, Qt.DropAction.CopyAction))

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        ids = [s for s in bytes(data.data(MIME_TYPE).data()).decode("utf-8").split("\n") if s]
        if not ids:
            return False
        target = self.drop_target(row, parent)
        if target is None:
            return False
        vp_no, dest_row = target
        self.move_ids(ids, vp_no, dest_row)
        # The document already moved the rows (and told us); nothing for the view to remove.
        return False

    def drop_target(self, row: int, parent: QModelIndex) -> tuple[int, int] | None:
        """(group №, row among its measures) for a drop at *row* under *parent*."""
        lay = self._lay
        key = self.key_of_index(parent)
        if key is None:  # dropped onto a measure: place after it
            pk = parent.internalId()
            return lay.nos[pk], parent.row() + 1
        if key == ROOT:
            # Dropped between top-level groups: append to the group above.
            tops = lay.subgroups[ROOT]
            if row < 0 or not tops:
                return None
            above = tops[max(min(row, len(tops)) - 1, 0)]
            return lay.nos[above], len(lay.measures[above])
        n_measures = len(lay.measures[key])
        if row < 0 or row > n_measures:  # on the group itself, or among its subgroups: append
            return lay.nos[key], n_measures
        return lay.nos[key], row

    def move_ids(self, ids: list[str], vp_no: int, dest_row: int) -> None:
        """Move measures to *dest_row* of group *vp_no* (row counted with them still in place)."""
        key = self._lay.key_of[vp_no]
        current = self._lay.measures[key]
        # Rows above the destination that are being moved do not count once removed.
        shift = sum(1 for mid in ids if mid in current[:dest_row])
        row = dest_row - shift
        doc = self._doc
        if len(ids) == 1:
            doc.move_measure(ids[0], vp_no, row)
            return
        doc.undo_stack.beginMacro(QCoreApplication.translate("MeasureTreeModel", "{word}の移動").format(
            word=doc.data.terms.measure))
        try:
            for i, mid in enumerate(ids):
                doc.move_measure(mid, vp_no, row + i)
        finally:
            doc.undo_stack.endMacro()

    # ---------------------------------------------------- change handling
    def _on_changed(self, change: ChangeSet) -> None:
        target = _build_layout(self._doc)
        if not target.same_groups(self._lay) or (change.kind == Changes.ALL and not change.measure_ids):
            self.beginResetModel()
            self._lay = target
            self.endResetModel()
            return
        if target.measures != self._lay.measures:
            self._sync_rows(target.measures, first=list(change.measure_ids))
        if change.kind & (Changes.MEASURE | Changes.SCHEDULE | Changes.EVALUATION | Changes.PLAN):
            ids = change.measure_ids or tuple(self.measure_ids_in_order())
            for mid in ids:
                left = self.measure_index(mid, 0)
                if left.isValid():
                    self.dataChanged.emit(left, left.siblingAtColumn(COLUMN_COUNT - 1))

    def _sync_rows(self, target: list[list[str]], first: list[str]) -> None:
        """Turn the current measure rows into *target* (per group key) with removes, moves and inserts."""
        rows = self._lay.measures
        wanted = {mid for ids in target for mid in ids}
        # 1. removals
        for key, ids in enumerate(rows):
            for r in range(len(ids) - 1, -1, -1):
                if ids[r] not in wanted:
                    self.beginRemoveRows(self.group_index_of_key(key), r, r)
                    del ids[r]
                    self.endRemoveRows()
        # 2. the measures named by the change go straight to their place
        for mid in first:
            for key, ids in enumerate(target):
                if mid in ids:
                    self._place(mid, key, self._target_row(mid, key, target))
        # 3. whatever is still out of place, in display order
        for key, ids in enumerate(target):
            for r, mid in enumerate(ids):
                if r >= len(rows[key]) or rows[key][r] != mid:
                    self._place(mid, key, r)

    def _target_row(self, mid: str, key: int, target: list[list[str]]) -> int:
        """Row for *mid* among the rows currently present, keeping the target's relative order."""
        present = set(self._lay.measures[key]) - {mid}
        row = 0
        for other in target[key]:
            if other == mid:
                break
            if other in present:
                row += 1
        return row

    def _place(self, mid: str, key: int, row: int) -> None:
        rows = self._lay.measures
        dst_parent = self.group_index_of_key(key)
        for src_key, ids in enumerate(rows):
            if mid in ids:
                src_row = ids.index(mid)
                if src_key == key and src_row == row:
                    return
                src_parent = self.group_index_of_key(src_key)
                dest_child = row + 1 if (src_key == key and row > src_row) else row
                self.beginMoveRows(src_parent, src_row, src_row, dst_parent, dest_child)
                del ids[src_row]
                rows[key].insert(row, mid)
                self.endMoveRows()
                return
        row = min(row, len(rows[key]))
        self.beginInsertRows(dst_parent, row, row)
        rows[key].insert(row, mid)
        self.endInsertRows()
