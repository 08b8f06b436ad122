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
from ..domain.terms import PlanTerms
from .flow_layout import FlowLayout
from .widgets import ErrorLabel

STATUS_COLORS = {rules.DRAFT: "#7f8c8d", rules.DEPARTMENT_CONFIRMED: "#2471a3", rules.MIDDLE_CONFIRMED: "#7d3c98",
                 rules.COUNCIL_CONFIRMED: "#1e8449"}
NOT_CREATED_COLOR = "#999999"


class EvaluationWorkflowBar(QWidget):
    """``buttons`` by key: carry, department, middle, council, draft, unlock, relock, delete, history.

    The confirm buttons are named after the plan's stages (:meth:`set_terms`):
    department confirms the first stage, middle the second of three, council the last.
    """

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
            ("department", "", ""),
            ("middle", "", ""),
            ("council", "", ""),
            ("draft", self.tr("下書きに戻す"), ""),
            ("unlock", self.tr("ロック解除…"), ""),
            ("relock", self.tr("再ロック"), ""),
            ("delete", self.tr("削除"), self.tr("この年度の評価を削除します")),
            ("history", self.tr("履歴"), self.tr("全年度の評価を並べて表示します")),
            ("mode", self.tr("評価の入力画面…"),
             self.tr("年度の全事項を一覧から順に入力する画面を開きます（Ctrl+Shift+E）")),
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
        self.terms = PlanTerms()
        self.set_terms(self.terms)

    def set_terms(self, terms: PlanTerms) -> None:
        """Name the confirm buttons and their tips after the plan's stages."""
        self.terms = terms
        b = self.buttons
        final_label = terms.status_label(rules.COUNCIL_CONFIRMED)
        for key in ("department", "middle", "council"):
            stage = {"department": terms.stages[0] if terms.stages else None, "middle": terms.stage("middle"),
                     "council": terms.stage("final")}[key]
            if stage is None:
                continue
            b[key].setText(stage.confirmed_label)
            last = key == "council" or len(terms.stages) == 1
            b[key].setToolTip(self.tr("{stage}の評価で確定し、編集できないようにします").format(stage=stage.name) if last
                              else self.tr("{stage}の評価を確定します").format(stage=stage.name))
        b["unlock"].setToolTip(self.tr("{0}の評価を編集できるようにします（変更履歴に記録されます）").format(final_label))
        b["relock"].setToolTip(self.tr("{0}の評価を再び編集できないようにします").format(final_label))
        b["draft"].setToolTip(self.tr("一つ前の段階に戻します"))

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
                    text += f"  {e.rating or '—'}・{self.terms.status_label(e.status)}"
                elif m is not None and not m.active_in(y):
                    text += self.tr("  （期間外）")
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
        t = self.terms
        codes = t.status_codes
        locked = rules.is_locked(e)
        status = t.status_label(e.status) if e else self.tr("未作成")
        color = STATUS_COLORS.get(e.status if e else "", NOT_CREATED_COLOR)
        suffix = self.tr("・ロック中") if locked else self.tr("・ロック解除中") if e is not None and e.unlocked else ""
        self.status_label.setText(f"<span style='background:{color};color:white;padding:2px 6px;border-radius:3px'>"
                                  f"&nbsp;{html.escape(status + suffix)}&nbsp;</span>")
        allowed = rules.allowed_statuses(e, t) if not readonly else []
        b = self.buttons
        final_confirmed = e is not None and e.status == rules.COUNCIL_CONFIRMED
        first_code = codes[1]
        b["department"].setEnabled(first_code in allowed and e is not None and e.status == rules.DRAFT)
        b["middle"].setEnabled(rules.MIDDLE_CONFIRMED in allowed and rules.MIDDLE_CONFIRMED in codes
                               and e is not None and e.status == rules.DEPARTMENT_CONFIRMED)
        b["council"].setEnabled(rules.COUNCIL_CONFIRMED in allowed and len(t.stages) > 1)
        back = codes[codes.index(e.status) - 1] if e is not None and e.status in codes and e.status != rules.DRAFT \
            else None
        b["draft"].setEnabled(back is not None and not readonly and (not final_confirmed or e.unlocked))
        b["draft"].setText(self.tr("下書きに戻す") if back in (None, rules.DRAFT)
                           else self.tr("{0}に戻す").format(t.status_label(back)))
        b["unlock"].setEnabled(locked and not readonly)
        b["relock"].setEnabled(final_confirmed and e.unlocked and not readonly)
        b["delete"].setEnabled(e is not None and editable)
        b["carry"].setEnabled(editable and rules.previous_evaluation(m, fy) is not None)
        b["history"].setEnabled(True)
        b["mode"].setEnabled(True)
        # Show what applies to this state; the rest would only be greyed-out noise.
        b["department"].setVisible(not final_confirmed)
        b["middle"].setVisible(not final_confirmed and rules.MIDDLE_CONFIRMED in codes)
        b["council"].setVisible(not final_confirmed and len(t.stages) > 1)
        b["draft"].setVisible(e is not None and e.status != rules.DRAFT)
        b["unlock"].setVisible(locked)
        b["relock"].setVisible(final_confirmed and not locked)
        b["carry"].setVisible(not final_confirmed)
        b["mode"].setVisible(not getattr(self, "_in_mode", False))
        final_label = t.status_label(rules.COUNCIL_CONFIRMED)
        if locked:
            self._banner(self.tr("この評価は{0}のため編集できません（読み取り専用）。訂正が必要なときは、"
                                 "この上の「ロック解除…」を押してください。").format(final_label), "#fef5e7", "#f0b27a")
        elif e is not None and e.unlocked:
            self._banner(self.tr("{0}の評価のロックを解除して編集しています。訂正が済んだら「再ロック」を押してください。")
                         .format(final_label), "#fdedec", "#e6b0aa")
        elif readonly:
            self._banner(self.tr("このファイルは読み取り専用で開かれています。"), "#eaecee", "#c5c9cc")
        else:
            self.lock_banner.hide()

    def show_inactive(self, text: str) -> None:
        """A year the measure does not run in: nothing to confirm, say why."""
        for key in ("department", "middle", "council", "carry"):
            self.buttons[key].setEnabled(False)
        self._banner(text, "#eaecee", "#c5c9cc")

    def _banner(self, text: str, background: str, border: str) -> None:
        self.lock_banner.setText(text)
        self.lock_banner.setStyleSheet(f"background:{background};border:1px solid {border};padding:4px;")
        self.lock_banner.show()
