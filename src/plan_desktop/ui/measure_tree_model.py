"""The measure tree: plan (invisible root) -> viewpoints -> measures.

A real ``QAbstractItemModel`` over :class:`PlanDocument`. It keeps only the
*layout* (which measure id sits in which row of which viewpoint) and reads
everything else from the document, so it can never show stale data. Changes
arrive through ``PlanDocument.changed`` and become targeted row inserts,
removes, moves and ``dataChanged`` signals; only a full reload resets.
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
from ..domain.fiscal import current_fiscal_year, fy_label
from ..domain.model import Measure
from ..domain.search import search_fields

MIME_TYPE = "application/x-plan-desktop-measure-ids"

COL_TITLE, COL_DEPARTMENT, COL_PHASE, COL_RATING = range(4)
COLUMN_COUNT = 4

# Custom roles
MeasureIdRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2  # "viewpoint" | "measure"
PriorityRole = Qt.ItemDataRole.UserRole + 3
SearchTextRole = Qt.ItemDataRole.UserRole + 4  # every searchable text of a measure, joined
ViewpointNoRole = Qt.ItemDataRole.UserRole + 5

_VP_ID = 0  # internalId of viewpoint rows; measure rows use viewpoint row + 1

PRIORITY_COLOR = QColor("#c0392b")


def search_haystacks(m: Measure) -> list[str]:
    """What the search box looks through: title, 課題, 推進内容, action items, departments."""
    return [text for _label, text in search_fields(m)]


class MeasureTreeModel(QAbstractItemModel):
    def __init__(self, document: PlanDocument, parent=None):
        super().__init__(parent)
        self._doc = document
        self._fiscal_year = current_fiscal_year()
        self._vp_nos: list[int] = []
        self._rows: list[list[str]] = []  # per viewpoint row: measure ids in display order
        self._build_layout()
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
        for vp_row, ids in enumerate(self._rows):
            if ids:
                parent = self.index(vp_row, 0)
                self.dataChanged.emit(self.index(0, COL_PHASE, parent), self.index(len(ids) - 1, COL_RATING, parent))

    def _target_layout(self) -> tuple[list[int], list[list[str]]]:
        vp_nos = [v.no for v in self._doc.data.viewpoints]
        rows: list[list[str]] = [[] for _ in vp_nos]
        pos = {no: i for i, no in enumerate(vp_nos)}
        for m in self._doc.data.measures:
            if m.viewpoint in pos:
                rows[pos[m.viewpoint]].append(m.id)
        return vp_nos, rows

    def _build_layout(self) -> None:
        self._vp_nos, self._rows = self._target_layout()

    def measure_index(self, measure_id: str, column: int = 0) -> QModelIndex:
        for vp_row, ids in enumerate(self._rows):
            if measure_id in ids:
                return self.index(ids.index(measure_id), column, self.index(vp_row, 0))
        return QModelIndex()

    def viewpoint_index(self, viewpoint_no: int) -> QModelIndex:
        if viewpoint_no in self._vp_nos:
            return self.index(self._vp_nos.index(viewpoint_no), 0)
        return QModelIndex()

    def measure_for(self, index: QModelIndex) -> Measure | None:
        if not index.isValid() or index.internalId() == _VP_ID:
            return None
        ids = self._rows[index.internalId() - 1]
        if not 0 <= index.row() < len(ids):
            return None
        try:
            return self._doc.measure(ids[index.row()])
        except LookupError:
            return None

    def measure_ids_in_order(self) -> list[str]:
        return [mid for ids in self._rows for mid in ids]

    def viewpoint_rows(self) -> list[tuple[int, list[str]]]:
        """(viewpoint №, measure ids in display order) per top-level row; do not mutate."""
        return list(zip(self._vp_nos, self._rows))

    # ------------------------------------------------------- model basics
    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:
        if column < 0 or column >= COLUMN_COUNT or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if row >= len(self._vp_nos):
                return QModelIndex()
            return self.createIndex(row, column, _VP_ID)
        if parent.internalId() != _VP_ID or parent.column() != 0:
            return QModelIndex()
        vp_row = parent.row()
        if vp_row >= len(self._rows) or row >= len(self._rows[vp_row]):
            return QModelIndex()
        return self.createIndex(row, column, vp_row + 1)

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _VP_ID:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _VP_ID)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._vp_nos)
        if parent.internalId() == _VP_ID and parent.column() == 0:
            return len(self._rows[parent.row()])
        return 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return COLUMN_COUNT

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return self.rowCount(parent) > 0

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        fy = self._fiscal_year
        if section == COL_TITLE:
            return QCoreApplication.translate("MeasureTreeModel", "推進事項")
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
        col = index.column()
        if index.internalId() == _VP_ID:
            return self._viewpoint_data(index.row(), col, role)
        m = self.measure_for(index)
        if m is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_TITLE:
                return m.display_title
            if col == COL_DEPARTMENT:
                extra = len(m.departments) - 1
                return m.lead_department + (QCoreApplication.translate("MeasureTreeModel", " ほか{n}").format(n=extra) if extra > 0 else "")
            if col == COL_PHASE:
                return m.phase_in(self._fiscal_year) or ""
            if col == COL_RATING:
                e = m.evaluation_for(self._fiscal_year)
                return (e.rating or "") if e else ""
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_TITLE:
                return m.display_title
            if col == COL_DEPARTMENT:
                return "\n".join(m.departments)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_PHASE:
            name = m.phase_in(self._fiscal_year)
            for ph in self._doc.data.phases:
                if ph.name == name:
                    return QBrush(QColor(ph.color).darker(140))
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_PHASE, COL_RATING):
            return int(Qt.AlignmentFlag.AlignCenter)
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

    def _viewpoint_data(self, row: int, col: int, role: int):
        vp = self._doc.data.viewpoints[row] if row < len(self._doc.data.viewpoints) else None
        if vp is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole and col == COL_TITLE:
            return QCoreApplication.translate("MeasureTreeModel", "取組の視点{no}　{title}").format(no=vp.no, title=vp.title)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_TITLE:
            return vp.description or vp.title
        if role == Qt.ItemDataRole.FontRole and col == COL_TITLE:
            f = QFont()
            f.setBold(True)
            return f
        if role == KindRole:
            return "viewpoint"
        if role == ViewpointNoRole:
            return vp.no
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if not self._doc.readonly else Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._doc.readonly:
            return base
        if index.internalId() == _VP_ID:
            return base | Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled

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
        """(viewpoint no, row within it) for a drop at *row* under *parent*."""
        if not parent.isValid():
            if row < 0 or not self._vp_nos:
                return None
            # Dropped between viewpoints: append to the viewpoint above.
            vp_row = min(row, len(self._vp_nos)) - 1
            vp_row = max(vp_row, 0)
            return self._vp_nos[vp_row], len(self._rows[vp_row])
        if parent.internalId() == _VP_ID:
            vp_row = parent.row()
            return self._vp_nos[vp_row], len(self._rows[vp_row]) if row < 0 else row
        # Dropped onto a measure: place after it.
        vp_row = parent.internalId() - 1
        return self._vp_nos[vp_row], parent.row() + 1

    def move_ids(self, ids: list[str], vp_no: int, dest_row: int) -> None:
        """Move measures to *dest_row* of viewpoint *vp_no* (row counted with them still in place)."""
        vp_row = self._vp_nos.index(vp_no)
        current = self._rows[vp_row]
        # Rows above the destination that are being moved do not count once removed.
        shift = sum(1 for mid in ids if mid in current[:dest_row])
        row = dest_row - shift
        doc = self._doc
        if len(ids) == 1:
            doc.move_measure(ids[0], vp_no, row)
            return
        doc.undo_stack.beginMacro(QCoreApplication.translate("MeasureTreeModel", "推進事項の移動"))
        try:
            for i, mid in enumerate(ids):
                doc.move_measure(mid, vp_no, row + i)
        finally:
            doc.undo_stack.endMacro()

    # ---------------------------------------------------- change handling
    def _on_changed(self, change: ChangeSet) -> None:
        vp_nos, target = self._target_layout()
        if vp_nos != self._vp_nos or (change.kind == Changes.ALL and not change.measure_ids):
            self.beginResetModel()
            self._vp_nos, self._rows = vp_nos, target
            self.endResetModel()
            return
        if target != self._rows:
            self._sync_rows(target, first=list(change.measure_ids))
        if change.kind & (Changes.MEASURE | Changes.SCHEDULE | Changes.EVALUATION | Changes.PLAN):
            ids = change.measure_ids or tuple(self.measure_ids_in_order())
            for mid in ids:
                left = self.measure_index(mid, 0)
                if left.isValid():
                    self.dataChanged.emit(left, left.siblingAtColumn(COLUMN_COUNT - 1))

    def _sync_rows(self, target: list[list[str]], first: list[str]) -> None:
        """Turn the current layout into *target* with removes, moves and inserts."""
        wanted = {mid for ids in target for mid in ids}
        # 1. removals
        for vp_row, ids in enumerate(self._rows):
            for r in range(len(ids) - 1, -1, -1):
                if ids[r] not in wanted:
                    self.beginRemoveRows(self.index(vp_row, 0), r, r)
                    del ids[r]
                    self.endRemoveRows()
        # 2. the measures named by the change go straight to their place
        for mid in first:
            for vp_row, ids in enumerate(target):
                if mid in ids:
                    self._place(mid, vp_row, self._target_row(mid, vp_row, target))
        # 3. whatever is still out of place, in display order
        for vp_row, ids in enumerate(target):
            for r, mid in enumerate(ids):
                if r >= len(self._rows[vp_row]) or self._rows[vp_row][r] != mid:
                    self._place(mid, vp_row, r)

    def _target_row(self, mid: str, vp_row: int, target: list[list[str]]) -> int:
        """Row for *mid* among the rows currently present, keeping the target's relative order."""
        present = set(self._rows[vp_row]) - {mid}
        row = 0
        for other in target[vp_row]:
            if other == mid:
                break
            if other in present:
                row += 1
        return row

    def _place(self, mid: str, vp_row: int, row: int) -> None:
        dst_parent = self.index(vp_row, 0)
        for src_vp, ids in enumerate(self._rows):
            if mid in ids:
                src_row = ids.index(mid)
                if src_vp == vp_row and src_row == row:
                    return
                src_parent = self.index(src_vp, 0)
                dest_child = row + 1 if (src_vp == vp_row and row > src_row) else row
                self.beginMoveRows(src_parent, src_row, src_row, dst_parent, dest_child)
                del ids[src_row]
                self._rows[vp_row].insert(row, mid)
                self.endMoveRows()
                return
        row = min(row, len(self._rows[vp_row]))
        self.beginInsertRows(dst_parent, row, row)
        self._rows[vp_row].insert(row, mid)
        self.endInsertRows()
