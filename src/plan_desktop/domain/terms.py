"""The plan's own words (its vocabulary) and evaluation options. Pure: no Qt, no SQL.

A plan names the levels of its structure (取組の視点 → 推進事項 in one city,
まちづくり方針 → 施策の柱 → 施策 → 事業 in another), its optional
cross-reference table (a set of 提言, policies, SDGs goals …), the unit of its
communities (学区, 地区 …), the stages of its yearly evaluation and the options
of 取組状況 and 今後の方向性. Every window, report and export reads these words
from :class:`PlanTerms`; the code itself names nothing that belongs to one
city. A plan that names nothing gets the neutral defaults below.

The evaluation statuses stored in files are fixed codes (``下書き``,
``所管課確定``, ``中間確定``, ``会議確定``); what a person sees is the label of
the stage that was confirmed (:func:`status_label`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .problems import Problem, text_problem

# Stored status codes. DRAFT is before any stage; FINAL (the last stage
# confirmed) locks the record. A plan with one stage goes DRAFT -> FINAL (the
# stage fills the "first" fields), two stages DRAFT -> FIRST -> FINAL, three
# stages DRAFT -> FIRST -> MIDDLE -> FINAL.
DRAFT = "下書き"
FIRST_CONFIRMED = "所管課確定"
MIDDLE_CONFIRMED = "中間確定"
FINAL_CONFIRMED = "会議確定"
STATUS_CODES = (DRAFT, FIRST_CONFIRMED, MIDDLE_CONFIRMED, FINAL_CONFIRMED)
MAX_STAGES = 3

# The fields of an evaluation each stage fills (rating, opinion, date).
STAGE_FIELDS = {
    "first": ("self_rating", "self_comment", "self_date"),
    "middle": ("middle_rating", "middle_opinion", "middle_date"),
    "final": ("council_rating", "committee_opinion", "council_date"),
}


@dataclass
class Level:
    """The name of one level of the plan's structure, e.g. 取組の視点 (short: 視点)."""

    name: str
    short: str = ""  # used where space is tight (filters, chart labels); default: name

    @property
    def short_name(self) -> str:
        return self.short or self.name


@dataclass
class EvaluationStage:
    """One stage of the yearly evaluation, e.g. 所管課 or 推進協議会・所長会議.

    ``short`` is used in narrow places (sheet labels, column heads);
    ``confirmed`` is the status shown once this stage has confirmed.
    """

    name: str
    short: str = ""
    confirmed: str = ""

    @property
    def short_name(self) -> str:
        return self.short or self.name

    @property
    def confirmed_label(self) -> str:
        return self.confirmed or f"{self.short_name}確定"


@dataclass
class ProgressOption:
    """An option of 取組状況; ``started`` options count a measure as 着手 (started)."""

    name: str
    started: bool = True


@dataclass
class DirectionOption:
    """An option of 今後の方向性; ``closing`` options end a measure (not carried to the next period)."""

    name: str
    closing: bool = False


def _default_stages() -> list[EvaluationStage]:
    return [EvaluationStage("所管課", confirmed=FIRST_CONFIRMED), EvaluationStage("会議", confirmed=FINAL_CONFIRMED)]


def _default_progress() -> list[ProgressOption]:
    return [ProgressOption("未着手", started=False), ProgressOption("実施中"), ProgressOption("完了")]


def _default_directions() -> list[DirectionOption]:
    return [DirectionOption("拡充"), DirectionOption("継続"), DirectionOption("改善"), DirectionOption("縮小"),
            DirectionOption("廃止", closing=True), DirectionOption("完了", closing=True)]


NEUTRAL_LEVEL = "分野"
NEUTRAL_MEASURE = "取組"
NEUTRAL_CROSS_REFERENCE = "関連項目"
NEUTRAL_COMMUNITY_UNIT = "地区"


@dataclass
class PlanTerms:
    """Everything a plan calls by its own name. Defaults are neutral wording."""

    levels: list[Level] = field(default_factory=lambda: [Level(NEUTRAL_LEVEL)])
    measure: str = NEUTRAL_MEASURE
    cross_reference: str = NEUTRAL_CROSS_REFERENCE
    cross_reference_numerals: str = "arabic"  # "roman": Ⅰ, Ⅱ, … as in 提言Ⅰ
    community_unit: str = NEUTRAL_COMMUNITY_UNIT
    stages: list[EvaluationStage] = field(default_factory=_default_stages)
    progress: list[ProgressOption] = field(default_factory=_default_progress)
    directions: list[DirectionOption] = field(default_factory=_default_directions)
    # The review's goal sentence; "{n}" becomes the number of measures. Empty: no goal is stated.
    start_goal: str = ""

    # ------------------------------------------------------------ levels
    def level(self, depth: int) -> Level | None:
        """The named level at *depth* (0 = top); None for a deeper level without a name."""
        return self.levels[depth] if 0 <= depth < len(self.levels) else None

    def level_name(self, depth: int) -> str:
        lv = self.level(depth)
        return lv.name if lv else ""

    def level_short(self, depth: int) -> str:
        lv = self.level(depth)
        return lv.short_name if lv else ""

    @property
    def top_level(self) -> str:
        return self.level_name(0)

    # ------------------------------------------------------ evaluation
    @property
    def progress_names(self) -> list[str]:
        return [p.name for p in self.progress]

    @property
    def started_progress(self) -> list[str]:
        return [p.name for p in self.progress if p.started]

    @property
    def direction_names(self) -> list[str]:
        return [d.name for d in self.directions]

    @property
    def closing_directions(self) -> list[str]:
        return [d.name for d in self.directions if d.closing]

    @property
    def status_codes(self) -> list[str]:
        """The statuses a record of this plan may have, in workflow order."""
        return [DRAFT, *stage_status_codes(len(self.stages))]

    def stage_keys(self) -> list[str]:
        """"first"/"middle"/"final" per stage, in order (see :data:`STAGE_FIELDS`)."""
        return stage_keys(len(self.stages))

    def stage(self, key: str) -> EvaluationStage | None:
        keys = self.stage_keys()
        i = keys.index(key) if key in keys else -1
        return self.stages[i] if 0 <= i < len(self.stages) else None

    def status_label(self, code: str) -> str:
        """What a person sees for a stored status code."""
        codes = stage_status_codes(len(self.stages))
        if code in codes and codes.index(code) < len(self.stages):
            return self.stages[codes.index(code)].confirmed_label
        return code

    def status_labels(self) -> list[str]:
        return [self.status_label(c) for c in self.status_codes]

    def status_code(self, label: str) -> str | None:
        """The status code for a label (or a code) a person typed; None when unknown."""
        for code in self.status_codes:
            if label in (code, self.status_label(code)):
                return code
        return None

    @property
    def final_stage(self) -> EvaluationStage:
        return self.stages[-1] if self.stages else EvaluationStage("")

    def stage_opinion_label(self, key: str) -> str:
        st = self.stage(key)
        return f"{st.name}の意見" if st else ""

    # ------------------------------------------------------ other words
    def cross_reference_label(self, no: int) -> str:
        """提言Ⅰ / 関連項目1"""
        return f"{self.cross_reference}{roman(no) if self.cross_reference_numerals == 'roman' else no}"

    @property
    def relation_label(self) -> str:
        """The heading of a measure's ◎/○ relations, e.g. 提言との関連性."""
        return f"{self.cross_reference}との関連性"

    def goal_text(self, n: int) -> str:
        return self.start_goal.replace("{n}", str(n)) if self.start_goal else ""


def stage_keys(count: int) -> list[str]:
    # A single stage is the department's own evaluation; its confirmation is final.
    return {1: ["first"], 2: ["first", "final"], 3: ["first", "middle", "final"]}.get(count, ["first", "final"])


def stage_status_codes(count: int) -> list[str]:
    return {1: [FINAL_CONFIRMED], 2: [FIRST_CONFIRMED, FINAL_CONFIRMED],
            3: [FIRST_CONFIRMED, MIDDLE_CONFIRMED, FINAL_CONFIRMED]}.get(count, [FIRST_CONFIRMED, FINAL_CONFIRMED])


def status_after_stage_change(code: str, old_count: int, new_count: int) -> str:
    """Where a stored status goes when the number of stages changes.

    The final stage stays final (a locked record stays locked); a status of a
    stage that no longer exists moves to the nearest earlier one.
    """
    if code == DRAFT or old_count == new_count:
        return code
    old = stage_status_codes(old_count)
    new = stage_status_codes(new_count)
    if code == FINAL_CONFIRMED:
        return FINAL_CONFIRMED
    if code in new:
        return code
    if code not in old:
        return code
    # FIRST when going to one stage, MIDDLE when going to two: one step back.
    earlier = [c for c in new if c != FINAL_CONFIRMED]
    return earlier[-1] if earlier else DRAFT


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_ROMAN_GLYPHS = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"


def roman(n: int) -> str:
    """Ⅰ … Ⅻ as single glyphs (as printed plans use them), larger numbers in ASCII."""
    if 1 <= n <= len(_ROMAN_GLYPHS):
        return _ROMAN_GLYPHS[n - 1]
    out, rest = "", n
    for value, sym in _ROMAN:
        while rest >= value:
            out += sym
            rest -= value
    return out or str(n)


def terms_problems(terms: PlanTerms, path: str = "terms") -> list[Problem]:
    """Problems of a plan's vocabulary (names non-blank, options unique, one to three stages)."""
    out: list[Problem] = []

    def text(value, where: str, label: str, required: bool = True) -> None:
        p = text_problem(value, where, required=required, label=label)
        if p:
            out.append(p)

    for i, lv in enumerate(terms.levels):
        text(lv.name, f"{path}.levels[{i}].name", "階層の名称")
        text(lv.short, f"{path}.levels[{i}].short", "階層の略称", required=False)
    if not terms.levels:
        out.append(Problem(f"{path}.levels", "階層の名称を1つ以上指定してください"))
    text(terms.measure, f"{path}.measure", "項目の名称")
    text(terms.cross_reference, f"{path}.cross_reference", "関連表の名称")
    if terms.cross_reference_numerals not in ("arabic", "roman"):
        out.append(Problem(f"{path}.cross_reference_numerals",
                           f"番号の書き方は \"arabic\" か \"roman\" でなければなりません（{terms.cross_reference_numerals!r}）"))
    text(terms.community_unit, f"{path}.community_unit", "地域の単位の名称")
    text(terms.start_goal, f"{path}.start_goal", "着手の目標", required=False)
    if not 1 <= len(terms.stages) <= MAX_STAGES:
        out.append(Problem(f"{path}.stages", f"評価の段階は1～{MAX_STAGES}つにしてください（{len(terms.stages)}つあります）"))
    for i, st in enumerate(terms.stages):
        text(st.name, f"{path}.stages[{i}].name", "評価の段階の名称")
        text(st.short, f"{path}.stages[{i}].short", "評価の段階の略称", required=False)
        text(st.confirmed, f"{path}.stages[{i}].confirmed", "確定後の状態の名称", required=False)
    labels = [st.confirmed_label for st in terms.stages]
    if len(set(labels)) != len(labels) or DRAFT in labels:
        out.append(Problem(f"{path}.stages", "確定後の状態の名称が重複しています"))
    for key, items, label in (("progress", terms.progress, "取組状況"), ("directions", terms.directions, "今後の方向性")):
        names = [x.name for x in items]
        if not items:
            out.append(Problem(f"{path}.{key}", f"{label}の選択肢を1つ以上指定してください"))
        for i, name in enumerate(names):
            text(name, f"{path}.{key}[{i}].name", f"{label}の選択肢")
        if len(set(names)) != len(names):
            out.append(Problem(f"{path}.{key}", f"{label}の選択肢が重複しています"))
    return out
