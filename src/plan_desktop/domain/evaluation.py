"""Rules of the yearly progress evaluation (進捗状況の評価). Pure: no Qt, no SQL.

Definitions used throughout (also shown in the UI and the docs):

* **進捗評価 (``Evaluation.rating``)** is the rating of record: the one the
  overview counts. The stage ratings record who said what; confirming a stage
  copies its rating into ``rating`` (see :func:`apply_status`).
* **Locked**: a record whose status is 会議確定 is read-only until someone
  explicitly unlocks it (``unlocked`` is then True; the unlock is written to
  the change log by the document layer). Relocking clears the flag.
* **着手 (started)**: a measure counts as started in fiscal year *fy* when it
  has an evaluation for *fy* or any earlier year whose 取組状況 is one of the
  plan's "started" options (default 実施中 or 完了; ``PlanTerms.progress``).
  着手率 = started measures / measures of the plan active in *fy*.
* **Active years**: a measure is evaluated, counted and listed only in the
  fiscal years it runs (``Measure.fy_from``/``fy_to``; the plan's years by
  default). A measure that ended in 令和4年度 is not 未評価 in 令和5年度.
* **Stages**: a plan has one to three evaluation stages
  (``PlanTerms.stages``); the statuses move 下書き → (each stage confirmed),
  and confirming the last stage locks the record.
* **着手の期限 (start deadline)**: the last fiscal year of the plan's first
  period (ordered by start year); the whole plan range when it has no periods.
* **未評価**: no evaluation record for the year, or one without a 進捗評価.
* **低評価**: a 進捗評価 at one of the two lowest levels of the plan's scale
  (lowest by points; the top level never counts, so a two-level scale has one
  low level).
* **達成率** of an indicator: actual / target × 100, computed only when both
  are entered and target > 0.
"""

from __future__ import annotations

import colorsys
import copy
import datetime as _dt
import math
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, cast

from . import terms as _terms
from .model import (
    Evaluation,
    Indicator,
    Measure,
    Plan,
    PlanData,
    RatingLevel,
    new_id,
)
from .numbers import PERCENT_PLACES, exact, fixed, format_plain, mean
from .problems import Problem, text_problem
from .terms import DRAFT, FINAL_CONFIRMED, FIRST_CONFIRMED, STAGE_FIELDS, PlanTerms

if TYPE_CHECKING:  # (fractions is imported where a rate is computed: none is at start-up)
    from fractions import Fraction

# The stored status codes under the names the workflow uses (see domain/terms.py).
DEPARTMENT_CONFIRMED = FIRST_CONFIRMED
MIDDLE_CONFIRMED = _terms.MIDDLE_CONFIRMED
COUNCIL_CONFIRMED = FINAL_CONFIRMED
# The default plan's started options (see PlanTerms.started_progress).
STARTED_PROGRESS = tuple(PlanTerms().started_progress)
_DEFAULT_TERMS = PlanTerms()
LOW_LEVEL_COUNT = 2

# Fields compared when deciding whether an edit changes a record's content.
_IGNORED_FOR_CONTENT = ("updated_at",)


# --------------------------------------------------------------- numbers
def parse_number(text: str) -> float | None:
    """Read a number typed by a person: blank → None; '１,２００' → 1200.0.

    Raises ValueError with a Japanese message for anything that is not a
    finite number.
    """
    s = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace(" ", "")
    if not s:
        return None
    try:
        value = float(s)
    except ValueError:
        raise ValueError(f"「{text.strip()}」は数値として読めません") from None
    if not math.isfinite(value):
        raise ValueError(f"「{text.strip()}」は数値として扱えません")
    return value


def format_number(value: float | None) -> str:
    """12.0 → '12', 12.5 → '12.5', None → '' (see ``numbers.format_plain``)."""
    return format_plain(value)


def achievement_rate(indicator: Indicator) -> Fraction | None:
    """Achievement in percent (actual / target × 100), exact; None unless target > 0 and actual is set."""
    t, a = indicator.target, indicator.actual
    if t is None or a is None or not _is_number(t) or not _is_number(a) or t <= 0:
        return None
    return exact(a) / exact(t) * 100


def format_rate(rate: float | Fraction | None) -> str:
    """達成率 (a value in percent): '91.3%', or '—' for none."""
    return "—" if rate is None else fixed(rate, PERCENT_PLACES) + "%"


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


# ----------------------------------------------------------------- scale
def scale_letters(scale: Iterable[RatingLevel]) -> list[str]:
    return [r.letter for r in scale]


def rating_level(scale: Iterable[RatingLevel], letter: str | None) -> RatingLevel | None:
    for r in scale:
        if r.letter == letter:
            return r
    return None


def rating_text(scale: Iterable[RatingLevel], letter: str | None) -> str:
    """'B おおむね計画どおり', or '' for no rating."""
    if letter is None:
        return ""
    level = rating_level(scale, letter)
    return f"{letter} {level.label}" if level and level.label else letter


def _by_points_ascending(scale: list[RatingLevel]) -> list[RatingLevel]:
    # Ties keep scale order: the later entry is the lower one.
    ranked = sorted(enumerate(scale), key=lambda p: (p[1].points, -p[0]))
    return [r for _, r in ranked]


def low_rating_letters(scale: list[RatingLevel]) -> list[str]:
    """Letters of the (up to) two lowest levels; never the top level."""
    n = min(LOW_LEVEL_COUNT, max(len(scale) - 1, 0))
    low = _by_points_ascending(scale)[:n]
    return [r.letter for r in scale if r in low]


def rating_colors(scale: list[RatingLevel]) -> dict[str, str]:
    """A colour per letter from green (highest points) to red (lowest), as '#rrggbb'."""
    ranked = list(reversed(_by_points_ascending(scale)))  # best first
    out = {}
    for i, level in enumerate(ranked):
        f = i / (len(ranked) - 1) if len(ranked) > 1 else 0.0
        r, g, b = colorsys.hsv_to_rgb((120 - 120 * f) / 360, 0.62, 0.78)
        out[level.letter] = f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"
    return out


def scale_problems(levels: list[RatingLevel]) -> list[Problem]:
    """Problems of an edited rating scale (letters non-blank and unique, points numeric)."""
    out: list[Problem] = []
    if not levels:
        out.append(Problem("rating_scale", "評価基準が1つもありません"))
    seen: set[str] = set()
    for i, r in enumerate(levels):
        path = f"rating_scale[{i}]"
        p = text_problem(r.letter, f"{path}.letter", required=True, label="記号")
        if p:
            out.append(p)
        elif r.letter != r.letter.strip():
            out.append(Problem(f"{path}.letter", "記号の前後に空白があります"))
        elif r.letter in seen:
            out.append(Problem(f"{path}.letter", f"記号「{r.letter}」が重複しています"))
        seen.add(r.letter)
        for key, label in (("label", "名称"), ("definition", "定義")):
            p = text_problem(getattr(r, key), f"{path}.{key}", label=label)
            if p:
                out.append(p)
        if not _is_number(r.points):
            out.append(Problem(f"{path}.points", "点数は数値でなければなりません"))
    return out


def rename_ratings(e: Evaluation, renames: dict[str, str]) -> Evaluation:
    """A copy of *e* with scale letters renamed (all three rating fields)."""
    def renamed(letter: str | None) -> str | None:
        return renames.get(letter, letter) if letter is not None else None

    return replace(e, rating=renamed(e.rating), self_rating=renamed(e.self_rating),
                   council_rating=renamed(e.council_rating))


def letters_in_use(measures: Iterable[Measure]) -> dict[str, int]:
    """How many evaluation fields use each letter (for refusing to drop a used level)."""
    used: dict[str, int] = {}
    for m in measures:
        for e in m.evaluations:
            for letter in (e.rating, e.self_rating, e.council_rating):
                if letter is not None:
                    used[letter] = used.get(letter, 0) + 1
    return used


# ------------------------------------------------------------ validation
def date_problem(value: object, path: str, label: str) -> Problem | None:
    if value is None:
        return None
    if not isinstance(value, str):
        return Problem(path, f"{label}は日付（YYYY-MM-DD）でなければなりません")
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return Problem(path, f"{label}「{value}」は日付（YYYY-MM-DD）として読めません")
    if len(value) != 10:
        return Problem(path, f"{label}「{value}」は YYYY-MM-DD の形で書いてください")
    return None


def indicator_problems(ind: Indicator, path: str) -> list[Problem]:
    out: list[Problem] = []
    p = text_problem(ind.name, f"{path}.name", required=True, label="指標名")
    if p:
        out.append(p)
    p = text_problem(ind.unit, f"{path}.unit", label="単位")
    if p:
        out.append(p)
    for key, label in (("baseline", "基準値"), ("target", "目標値"), ("actual", "実績値")):
        value = getattr(ind, key)
        if value is not None and not _is_number(value):
            out.append(Problem(f"{path}.{key}", f"{label}は数値でなければなりません（{value!r}）"))
    if ind.target is not None and _is_number(ind.target) and ind.target <= 0:
        out.append(Problem(f"{path}.target", "目標値は0より大きくしてください（達成率の計算に使います）"))
    return out


def evaluation_field_problems(e: Evaluation, scale: list[RatingLevel], path: str,
                              terms: PlanTerms | None = None) -> list[Problem]:
    """Problems of the fields added with the evaluation workflow.

    ``validation.evaluation_problems`` checks the original fields and calls
    this, so every writer (save, import) checks every field.
    """
    terms = terms or _DEFAULT_TERMS
    out: list[Problem] = []
    letters = scale_letters(scale)
    for key, stage_key in (("self_rating", "first"), ("middle_rating", "middle"), ("council_rating", "final")):
        value = getattr(e, key)
        if value is not None and value not in letters:
            label = stage_label(terms, stage_key, "の評価")
            out.append(Problem(f"{path}.{key}", f"{label}「{value}」は評価基準（{'/'.join(letters)}）にありません"))
    for key, label in (("starting_point", "今年度の出発点"), ("planned_actions", "今年度の取組予定"),
                       ("self_comment", stage_label(terms, "first", "のコメント")), ("self_author", "記入者"),
                       ("middle_opinion", stage_label(terms, "middle", "の意見"))):
        p = text_problem(getattr(e, key), f"{path}.{key}", label=label)
        if p:
            out.append(p)
    for key, stage_key in (("self_date", "first"), ("middle_date", "middle"), ("council_date", "final")):
        p = date_problem(getattr(e, key), f"{path}.{key}", stage_label(terms, stage_key, "の評価日"))
        if p:
            out.append(p)
    if not isinstance(e.unlocked, bool):
        out.append(Problem(f"{path}.unlocked", "ロック解除の状態は true か false でなければなりません"))
    if not isinstance(e.indicators, list):
        out.append(Problem(f"{path}.indicators", "成果指標は配列でなければなりません"))
    else:
        for i, ind in enumerate(e.indicators):
            out += indicator_problems(ind, f"{path}.indicators[{i}]")
    return out


def stage_label(terms: PlanTerms, stage_key: str, suffix: str) -> str:
    """'所管課の評価' for the plan's stage *stage_key*; a neutral word for a stage the plan does not have."""
    st = terms.stage(stage_key)
    if st is not None:
        return f"{st.short_name}{suffix}"
    return {"first": "第1段階", "middle": "中間段階", "final": "最終段階"}[stage_key] + suffix


# --------------------------------------------------------------- locking
class LockedError(PermissionError):
    """An edit of a finally confirmed (会議確定) record that has not been unlocked."""

    def __init__(self, fy: int, status_label: str = FINAL_CONFIRMED):
        from .fiscal import fy_label

        self.fy = fy
        super().__init__(f"{fy_label(fy)}の評価は{status_label}のため編集できません。編集するにはロックを解除してください。")


def is_locked(e: Evaluation | None) -> bool:
    return e is not None and e.status == COUNCIL_CONFIRMED and not e.unlocked


def same_content(a: Evaluation | None, b: Evaluation | None) -> bool:
    """Equal apart from the timestamp."""
    if a is None or b is None:
        return a is b
    return replace(a, updated_at="") == replace(b, updated_at="")


def check_edit_allowed(before: Evaluation | None, after: Evaluation | None, terms: PlanTerms | None = None) -> None:
    """Raise LockedError when *before* is locked and *after* changes it.

    Unlocking (only ``unlocked`` turning True) is the one change allowed on a
    locked record.
    """
    if not is_locked(before):
        return
    assert before is not None
    if after is not None and same_content(replace(before, unlocked=True), after):
        return
    if same_content(before, after):
        return
    raise LockedError(before.fy, (terms or _DEFAULT_TERMS).status_label(COUNCIL_CONFIRMED))


# ------------------------------------------------------------- workflow
def allowed_statuses(e: Evaluation | None, terms: PlanTerms | None = None) -> list[str]:
    """Statuses the record may move to next (its own status excluded): one stage back or forward."""
    if e is None or is_locked(e):
        return []
    codes = (terms or _DEFAULT_TERMS).status_codes
    if e.status not in codes:
        return []
    i = codes.index(e.status)
    out = [codes[i - 1]] if i > 0 else []
    if i + 1 < len(codes):
        out.append(codes[i + 1])
    return out


def stage_confirmed_by(status: str, terms: PlanTerms | None = None) -> str | None:
    """The stage key ("first"/"middle"/"final") whose confirmation gives *status*."""
    terms = terms or _DEFAULT_TERMS
    codes = terms.status_codes[1:]
    return terms.stage_keys()[codes.index(status)] if status in codes else None


def transition_problems(e: Evaluation, status: str, terms: PlanTerms | None = None) -> list[str]:
    """Why *e* cannot move to *status* (Japanese sentences); empty when it can."""
    terms = terms or _DEFAULT_TERMS
    codes = terms.status_codes
    if status not in codes:
        return [f"状態「{status}」はありません"]
    if is_locked(e):
        return [f"{terms.status_label(COUNCIL_CONFIRMED)}の評価はロックを解除するまで状態を変更できません"]
    if status not in allowed_statuses(e, terms):
        return [f"「{terms.status_label(e.status)}」から「{terms.status_label(status)}」へは変更できません"]
    out = []
    forward = codes.index(status) > codes.index(e.status)
    key = stage_confirmed_by(status, terms)
    if forward and key is not None:
        if e.status == DRAFT and e.progress is None:
            out.append("取組状況を選んでください")
        stage_rating = getattr(e, STAGE_FIELDS[key][0])
        if e.rating is None and stage_rating is None:
            out.append(f"進捗評価（または{stage_label(terms, key, 'の評価')}）を選んでください")
    return out


def apply_status(e: Evaluation, status: str, terms: PlanTerms | None = None) -> Evaluation:
    """*e* moved to *status*, with the stage rating copied into ``rating``.

    Confirming the first stage fills an empty 進捗評価 from the
    self-evaluation; confirming a later stage makes that stage's rating
    (when given) the 進捗評価 of record. Confirming the last stage locks the
    record. Raises ValueError (Japanese) when the move is not allowed.
    """
    terms = terms or _DEFAULT_TERMS
    problems = transition_problems(e, status, terms)
    if problems:
        raise ValueError("\n".join(problems))
    codes = terms.status_codes
    out = replace(e, status=status, unlocked=False)
    if codes.index(status) > codes.index(e.status):
        key = stage_confirmed_by(status, terms)
        stage_rating = getattr(e, STAGE_FIELDS[key][0]) if key else None
        if key == "first":
            if out.rating is None:
                out.rating = stage_rating
        elif stage_rating is not None:
            out.rating = stage_rating
    return out


# ---------------------------------------------------------- to fill in
#: What a department fills in before 所管課確定 (labels as the form shows them).
REQUIRED_INPUTS = (("progress", "取組状況"), ("rating", "進捗評価"), ("achievements", "取組実績"))


def missing_inputs(e: Evaluation | None) -> list[str]:
    """Labels of what is still to be filled in for a year's evaluation ([] once confirmed).

    A measure with missing inputs is 未入力 in the evaluation mode's list and
    a stop for 「次の未入力へ」. 進捗評価 counts as given when either the rating
    of record or the department's own rating is set.
    """
    if e is None:
        return [label for _key, label in REQUIRED_INPUTS]
    if e.status != DRAFT:
        return []
    out = []
    if e.progress is None:
        out.append("取組状況")
    if e.rating is None and e.self_rating is None:
        out.append("進捗評価")
    if not e.achievements.strip():
        out.append("取組実績")
    return out


# ------------------------------------------------------------ carry-over
def previous_evaluation(measure: Measure, fy: int) -> Evaluation | None:
    """The latest evaluation of *measure* before *fy* (usually last year's)."""
    earlier = [e for e in measure.evaluations if e.fy < fy]
    return max(earlier, key=lambda e: e.fy) if earlier else None


def carry_over(previous: Evaluation, fy: int, current: Evaluation | None = None) -> Evaluation:
    """This year's draft started from *previous*.

    Last year's 課題 becomes this year's starting point and its 改善策 the
    planned actions; indicators are carried with name, unit, baseline and
    target (the actual value is this year's to enter). Other fields of
    *current* (when this year already has a record) are kept.
    """
    if previous.fy >= fy:
        raise ValueError("前年度以前の評価からしか引き継げません")
    base = copy.deepcopy(current) if current is not None else Evaluation(fy=fy)
    base.starting_point = previous.issues
    base.planned_actions = previous.improvements
    if not base.indicators:
        base.indicators = [Indicator(name=i.name, unit=i.unit, baseline=i.baseline, target=i.target, id=new_id())
                           for i in previous.indicators]
    return base


# -------------------------------------------------------------- overview
def is_started(measure: Measure, fy: int, started: Iterable[str] = STARTED_PROGRESS,
               include_drafts: bool = True) -> bool:
    """True when an evaluation for *fy* or earlier has a started 取組状況 (*started*: the plan's).

    With ``include_drafts=False`` only 会議確定 records count, as for ratings (the printed
    summary's and review's counting rule, ``DRAFTS_COUNTED_BY_DEFAULT``)."""
    names = started if isinstance(started, (set, frozenset, tuple, list)) else tuple(started)
    return any(e.fy <= fy and e.progress in names and (include_drafts or is_confirmed(e))
               for e in measure.evaluations)


def start_deadline(plan: Plan) -> int:
    """The fiscal year by which every measure should have started."""
    if plan.periods:
        first = min(plan.periods, key=lambda p: (p.fy_start, p.fy_end))
        return first.fy_end
    return plan.fy_end


@dataclass(frozen=True)
class MeasureRef:
    """A measure as an overview lists it (unevaluated, low rated): enough to show and find it."""

    id: str
    no: int
    title: str
    viewpoint: int
    priority: bool
    department: str
    rating: str | None = None
    code: str | None = None

    @property
    def label(self) -> str:
        return self.code or str(self.no)

    @property
    def display_title(self) -> str:
        return f"№{self.label} {'【重点】' if self.priority else ''}{self.title}"


@dataclass
class RatingRow:
    """Counts for one viewpoint (``viewpoint`` None: the whole plan)."""

    viewpoint: int | None
    title: str
    measures: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    unevaluated: int = 0
    average: Fraction | None = None  # mean points of the rated measures (exact)
    started: int = 0
    depth: int = 0  # level of the group (0 = top level)

    @property
    def rated(self) -> int:
        return sum(self.counts.values())


@dataclass
class StartProgress:
    """How many active measures have started by a year, and the yearly series of that rate."""

    fy: int
    started: int
    total: int
    deadline: int
    series: list[tuple[int, Fraction | None]]  # (fy, rate) from the plan start to max(fy, deadline)

    @property
    def rate(self) -> Fraction | None:
        from fractions import Fraction

        return Fraction(self.started, self.total) if self.total else None

    @property
    def remaining(self) -> int:
        return self.total - self.started

    @property
    def years_left(self) -> int:
        """Fiscal years after *fy* up to and including the deadline."""
        return max(self.deadline - self.fy, 0)

    @property
    def needed_per_year(self) -> int | None:
        """Measures to start per remaining year to reach 100 % by the deadline."""
        if self.remaining <= 0:
            return 0
        if self.years_left == 0:
            return None
        return math.ceil(self.remaining / self.years_left)

    @property
    def overdue(self) -> bool:
        """Measures are still to start after the deadline year (viewed from a later year)."""
        return self.remaining > 0 and self.fy > self.deadline

    def deadline_passed(self, today_fy: int) -> bool:
        """Measures are still to start and the deadline year is over, seen from *today_fy*."""
        return self.remaining > 0 and max(self.fy, today_fy) > self.deadline and self.fy >= self.deadline


@dataclass
class Overview:
    """The evaluation overview of one fiscal year: ratings per viewpoint, start progress, lists."""

    fy: int
    scale: list[RatingLevel]
    rows: list[RatingRow]
    total: RatingRow
    start: StartProgress
    unevaluated: list[MeasureRef]
    low_rated: list[MeasureRef]
    low_letters: list[str]
    include_drafts: bool = True
    # measures whose rating is not confirmed (left out of the counts when include_drafts is False)
    unconfirmed: list[MeasureRef] = field(default_factory=list)


def _ref(m: Measure, rating: str | None) -> MeasureRef:
    return MeasureRef(m.id, m.no, m.title, m.viewpoint, m.priority, m.lead_department, rating, m.code)


#: The counting rule's default, for every place that counts ratings without being told otherwise:
#: printed summaries and reviews (``--include-drafts`` / the print dialog add drafts), the window's
#: dashboard and its review. Only ratings of 会議確定 records count; the others (drafts, marked 案)
#: count as 未評価 and are listed in ``Overview.unconfirmed``.
DRAFTS_COUNTED_BY_DEFAULT = False


def is_confirmed(e: Evaluation | None) -> bool:
    """A rating of record that is final: its record is 会議確定."""
    return e is not None and e.status == COUNCIL_CONFIRMED


def counted_rating(e: Evaluation | None, letters: Collection[str], include_drafts: bool = True) -> str | None:
    """The rating an overview counts for *e*: None when there is none, it is not on the scale, or
    the record is not confirmed and drafts are left out."""
    if e is None or e.rating not in letters:
        return None
    if not include_drafts and not is_confirmed(e):
        return None
    return e.rating


def overview(data: PlanData, fy: int, *, level: str = "top", include_drafts: bool = True) -> Overview:
    """The figures of the evaluation overview for one fiscal year (see the module doc).

    With ``include_drafts=False`` only ratings of 会議確定 records count (printed
    summaries); the others are listed in ``unconfirmed``.

    Only measures active in *fy* count. ``rows`` has one row per top-level
    group (*level* "top") or per group at every level in display order
    (*level* "all"; a group's row counts the measures of its subgroups too).
    """
    from . import groups as G

    scale = list(data.rating_scale)
    letters = scale_letters(scale)
    points = {r.letter: r.points for r in scale}
    low = low_rating_letters(scale)
    started_names = frozenset(data.terms.started_progress)
    nodes = G.preorder(data)
    if level == "top":
        nodes = [n for n in nodes if n.depth == 0]
    rows = {n.group.no: RatingRow(n.group.no, n.group.title, counts=dict.fromkeys(letters, 0), depth=n.depth)
            for n in nodes}
    # For each group, the rows a measure of that group counts in (its own and every enclosing one shown).
    row_keys = {v.no: [a.no for a in G.path_of(data, v.no) if a.no in rows] for v in data.viewpoints}
    total = RatingRow(None, "合計", counts=dict.fromkeys(letters, 0))
    sums: dict[int | None, list[float]] = {key: [] for key in [*rows, None]}
    unevaluated, low_rated, unconfirmed = [], [], []
    active = data.active_measures(fy)
    for m in active:
        targets = [rows[k] for k in row_keys.get(m.viewpoint, [])] + [total]
        e = m.evaluation_for(fy)
        rating = counted_rating(e, points, include_drafts)
        if e is not None and e.rating in points and not is_confirmed(e):
            unconfirmed.append(_ref(m, e.rating))
        started = is_started(m, fy, started_names, include_drafts)
        for t in targets:
            t.measures += 1
            t.started += started
            if rating is None:
                t.unevaluated += 1
            else:
                t.counts[rating] += 1
                sums[t.viewpoint].append(points[rating])
        if rating is None:
            unevaluated.append(_ref(m, None))
        elif rating in low:
            low_rated.append(_ref(m, rating))
    for t in [*rows.values(), total]:
        values = sums[t.viewpoint]
        t.average = mean(values)
    deadline = start_deadline(data.plan)
    n = len(active)
    from fractions import Fraction

    series: list[tuple[int, Fraction | None]] = []
    for year in range(data.plan.fy_start, max(fy, deadline) + 1):
        if year > fy:
            series.append((year, None))
            continue
        those = data.active_measures(year)
        n_started = sum(is_started(m, year, started_names, include_drafts) for m in those)
        series.append((year, Fraction(n_started, len(those)) if those else None))
    start = StartProgress(fy=fy, started=total.started, total=n, deadline=deadline, series=series)
    low_rated.sort(key=lambda r: (-low.index(cast(str, r.rating)), r.no))  # worst level first
    return Overview(fy=fy, scale=scale, rows=list(rows.values()), total=total, start=start,
                    unevaluated=unevaluated, low_rated=low_rated, low_letters=low, include_drafts=include_drafts,
                    unconfirmed=unconfirmed)
