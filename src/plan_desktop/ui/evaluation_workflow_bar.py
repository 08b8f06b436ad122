"""The bar above the evaluation form: year, status, the workflow buttons, refusals and the lock banner.

Only the buttons that apply to the record's state are shown (a locked record
offers ロック解除…, an unlocked one 再ロック, ...), and they wrap onto a second
line instead of being cut off when the form is narrow.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ..domain import evaluation as rules
from ..domain.fiscal import fy_label_with_western
from ..domain.model import Evaluation, Measure
from .flow_layout import FlowLayout
from .widgets import ErrorLabel

STATUS_COLORS = {rules.DRAFT: "#7f8c8d", rules.DEPARTMENT_CONFIRMED: "#2471a3", rules.COUNCIL_CONFIRMED: "#1e8449"}
NOT_CREATED_COLOR = "#999999"


class EvaluationWorkflowBar(QWidget):
    """``buttons`` by key: carry, department, council, draft, unlock, relock, delete, history."""

    yearChosen = Signal(int)

    def __init__(self, actions: dict[str, Callable[[], object]], parent=None):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        top = QHBoxLayout()
        top.setSpacing(6)
        self.year_label = QLabel(self.tr("年度(&Y)"))
        top.addWidget(self.year_label)
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("evaluationYear")
        self.year_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.year_combo.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.year_combo.activated.connect(lambda i: self.yearChosen.emit(self.year_combo.itemData(i)))
        self.year_label.setBuddy(self.year_combo)
        top.addWidget(self.year_combo)
        top.addStretch(1)
        self.year_row = QWidget()
        self.year_row.setLayout(top)
        top.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.year_row)

        self.button_row = QWidget()
        self.button_row.setObjectName("evaluationWorkflowButtons")
        flow = FlowLayout(self.button_row)
        self.status_label = QLabel()
        self.status_label.setObjectName("evaluationStatus")
        self.status_label.setMinimumHeight(self.status_label.sizeHint().height())
        flow.addWidget(self.status_label)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, tip in (
            ("carry", self.tr("前年度から開始"),
             self.tr("前年度の課題を今年度の出発点に、改善策を今年度の取組予定に引き継ぎます")),
            ("department", self.tr("所管課確定"), self.tr("所管課の評価を確定します")),
            ("council", self.tr("会議確定"), self.tr("推進協議会・所長会議の評価で確定し、編集できないようにします")),
            ("draft", self.tr("下書きに戻す"), self.tr("所管課確定を取り消して下書きに戻します")),
            ("unlock", self.tr("ロック解除…"), self.tr("会議確定の評価を編集できるようにします（変更履歴に記録されます）")),
            ("relock", self.tr("再ロック"), self.tr("会議確定の評価を再び編集できないようにします")),
            ("delete", self.tr("削除"), self.tr("この年度の評価を削除します")),
            ("history", self.tr("履歴"), self.tr("全年度の評価を並べて表示します")),
            ("mode", self.tr("評価の入力画面…"),
             self.tr("年度の全推進事項を一覧から順に入力する画面を開きます（Ctrl+Shift+E）")),
        ):
            b = QPushButton(text)
            b.setObjectName(f"evaluationButton_{key}")
            b.setToolTip(tip)
            b.clicked.connect(lambda _=False, k=key: actions[k]())
            self.buttons[key] = b
            flow.addWidget(b)
        outer.addWidget(self.button_row)
        self.workflow_error = ErrorLabel()
        self.workflow_error.setObjectName("evaluationWorkflowError")
        outer.addWidget(self.workflow_error)
        self.lock_banner = QLabel()
        self.lock_banner.setObjectName("evaluationLockBanner")
        self.lock_banner.setWordWrap(True)
        outer.addWidget(self.lock_banner)

    def set_year_row_visible(self, visible: bool) -> None:
        self.year_row.setVisible(visible)
        self._in_mode = not visible

    # ---------------------------------------------------------------- years
    def fill_years(self, years: list[int], fy: int, m: Measure | None, scale) -> None:
        combo = self.year_combo
        with QSignalBlocker(combo):
            combo.clear()
            for y in years:
                text = fy_label_with_western(y)
                e = m.evaluation_for(y) if m else None
                if e is not None:
                    text += f"  {e.rating or '—'}・{e.status}"
                combo.addItem(text, y)
            combo.setCurrentIndex(max(combo.findData(fy), 0))
        combo.setEnabled(m is not None)

    # ---------------------------------------------------------------- state
    def clear(self) -> None:
        self.status_label.setText("")
        self.lock_banner.hide()
        self.workflow_error.show_message("")
        for b in self.buttons.values():
            b.setEnabled(False)

    def show_state(self, m: Measure, fy: int, e: Evaluation | None, *, readonly: bool, editable: bool) -> None:
        """Status badge, which buttons apply (shown) and may be pressed now (enabled), the banner."""
        locked = rules.is_locked(e)
        status = e.status if e else self.tr("未作成")
        color = STATUS_COLORS.get(status, NOT_CREATED_COLOR)
        suffix = self.tr("・ロック中") if locked else self.tr("・ロック解除中") if e is not None and e.unlocked else ""
        self.status_label.setText(f"<span style='background:{color};color:white;padding:2px 6px;border-radius:3px'>"
                                  f"&nbsp;{html.escape(status + suffix)}&nbsp;</span>")
        allowed = rules.allowed_statuses(e) if not readonly else []
        b = self.buttons
        council_confirmed = e is not None and e.status == rules.COUNCIL_CONFIRMED
        b["department"].setEnabled(rules.DEPARTMENT_CONFIRMED in allowed and e is not None and e.status == rules.DRAFT)
        b["council"].setEnabled(rules.COUNCIL_CONFIRMED in allowed)
        b["draft"].setEnabled(e is not None and not readonly and (
            e.status == rules.DEPARTMENT_CONFIRMED or (council_confirmed and e.unlocked)))
        b["draft"].setText(self.tr("所管課確定に戻す") if council_confirmed else self.tr("下書きに戻す"))
        b["unlock"].setEnabled(locked and not readonly)
        b["relock"].setEnabled(council_confirmed and e.unlocked and not readonly)
        b["delete"].setEnabled(e is not None and editable)
        b["carry"].setEnabled(editable and rules.previous_evaluation(m, fy) is not None)
        b["history"].setEnabled(True)
        b["mode"].setEnabled(True)
        # Show what applies to this state; the rest would only be greyed-out noise.
        b["department"].setVisible(not council_confirmed)
        b["council"].setVisible(not council_confirmed)
        b["draft"].setVisible(e is not None and e.status != rules.DRAFT)
        b["unlock"].setVisible(locked)
        b["relock"].setVisible(council_confirmed and not locked)
        b["carry"].setVisible(not council_confirmed)
        b["mode"].setVisible(not getattr(self, "_in_mode", False))
        if locked:
            self._banner(self.tr("この評価は会議確定のため編集できません（読み取り専用）。訂正が必要なときは、"
                                 "この上の「ロック解除…」を押してください。"), "#fef5e7", "#f0b27a")
        elif e is not None and e.unlocked:
            self._banner(self.tr("会議確定の評価のロックを解除して編集しています。訂正が済んだら「再ロック」を押してください。"),
                         "#fdedec", "#e6b0aa")
        elif readonly:
            self._banner(self.tr("このファイルは読み取り専用で開かれています。"), "#eaecee", "#c5c9cc")
        else:
            self.lock_banner.hide()

    def _banner(self, text: str, background: str, border: str) -> None:
        self.lock_banner.setText(text)
        self.lock_banner.setStyleSheet(f"background:{background};border:1px solid {border};padding:4px;")
        self.lock_banner.show()
