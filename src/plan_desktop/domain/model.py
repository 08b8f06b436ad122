"""Plain data classes for a plan. No Qt, no SQL.

Every record a user can edit carries a stable ``id`` (a UUID string) and an
``updated_at`` timestamp (ISO 8601, UTC) so that copies of a plan edited on
different laptops can later be merged record by record.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

from .terms import PlanTerms

STRONG = "◎"
RELATED = "○"
RELATION_MARKS = (STRONG, RELATED)

# Default evaluation vocabulary; each plan has its own in ``PlanData.terms`` (domain/terms.py).
PROGRESS_STATES = ("未着手", "実施中", "完了")
DIRECTIONS = ("拡充", "継続", "改善", "縮小", "廃止", "完了")
EVALUATION_STATUSES = ("下書き", "所管課確定", "会議確定")


def new_id() -> str:
    """A random (version 4) UUID in its usual text form, as ``str(uuid.uuid4())`` makes it: the same
    16 random bytes with the version and variant bits set. Written out because the module is imported
    at every start (its default phases get ids) and ``uuid`` loads ``platform`` with it (~3.5 ms)."""
    b = bytearray(os.urandom(16))
    b[6] = (b[6] & 0x0F) | 0x40  # version 4
    b[8] = (b[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = b.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def now_iso() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="microseconds")


@dataclass
class Period:
    """A named span of fiscal years of the plan (前期, 後期); a locked period's measures are read-only."""

    name: str
    fy_start: int
    fy_end: int
    id: str = field(default_factory=new_id)
    # A locked period's measures are read-only (domain/next_period.py, document layer).
    locked: bool = False


@dataclass
class Plan:
    """The plan as a whole: its title, its fiscal years, its policy lines and its periods."""

    title: str
    fy_start: int
    fy_end: int
    policy: str = ""
    policy_sub: str = ""
    subtitle: str = ""
    periods: list[Period] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    updated_at: str = field(default_factory=now_iso)

    @property
    def fiscal_years(self) -> list[int]:
        return list(range(self.fy_start, self.fy_end + 1))

    def period_of(self, fy: int) -> Period | None:
        for p in self.periods:
            if p.fy_start <= fy <= p.fy_end:
                return p
        return None


@dataclass
class Proposal:
    """A 提言 of the council that measures relate to (◎ strongly, ○ related), with its items."""

    no: int
    title: str
    subtitle: str = ""
    short: str = ""
    items: list[str] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    updated_at: str = field(default_factory=now_iso)


@dataclass
class Viewpoint:
    """A group of the plan's structure (取組の視点, 施策, …); groups nest through ``parent``.

    ``no`` identifies the group (measures and child groups refer to it);
    ``code`` is what is shown as its number (None: ``no``; "": no number).
    """

    no: int
    title: str
    description: str = ""
    id: str = field(default_factory=new_id)
    updated_at: str = field(default_factory=now_iso)
    parent: int | None = None  # ``no`` of the enclosing group; None for a top-level group
    code: str | None = None

    @property
    def label(self) -> str:
        return str(self.no) if self.code is None else self.code


@dataclass
class Phase:
    """A schedule phase such as 準備 or 実施; the list lives in the plan data."""

    name: str
    color: str = "#888888"
    id: str = field(default_factory=new_id)


@dataclass
class RatingLevel:
    """One step of the rating scale (A–D): its letter, label, definition and points for averages."""

    letter: str
    label: str
    definition: str = ""
    points: float = 0.0


DEFAULT_RATING_SCALE = (
    RatingLevel("A", "計画どおり進んでいる", "年度別行動計画のとおり取組が進んでいる", 4),
    RatingLevel("B", "おおむね計画どおり", "一部に遅れはあるが、おおむね計画どおり進んでいる", 3),
    RatingLevel("C", "遅れている", "計画に対して取組が遅れている", 2),
    RatingLevel("D", "大幅に遅れている", "計画に対して取組が大幅に遅れている、又は未着手", 1),
)

DEFAULT_PHASES = (
    Phase("準備", "#f2c14e"),
    Phase("試行", "#9bc53d"),
    Phase("実施", "#3a7ca5"),
    Phase("検証・策定", "#a06cd5"),
)


@dataclass
class ActionItem:
    """One line of a year-range block of the 年度別行動計画, with its sub-lines."""

    text: str
    sub: list[str] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    updated_at: str = field(default_factory=now_iso)


@dataclass
class ActionBlock:
    """The action items of a measure for the fiscal years *fy_from*–*fy_to*."""

    fy_from: int
    fy_to: int
    items: list[ActionItem] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    updated_at: str = field(default_factory=now_iso)

    def covers(self, fy: int) -> bool:
        return self.fy_from <= fy <= self.fy_to


@dataclass
class ScheduleEntry:
    """The schedule (工程) phase of a measure in one fiscal year."""

    fy: int
    phase: str


@dataclass
class Indicator:
    """One 成果指標 of an evaluation; numbers are None until entered."""

    name: str
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    actual: float | None = None
    id: str = field(default_factory=new_id)


@dataclass
class Evaluation:
    """A measure's evaluation for one fiscal year: ratings of each stage, texts, indicators, status."""

    fy: int
    rating: str | None = None  # 進捗評価 of record (what overviews count)
    achievements: str = ""
    issues: str = ""
    improvements: str = ""
    direction: str | None = None
    committee_opinion: str = ""  # the council/meeting's opinion
    status: str = "下書き"
    progress: str | None = None  # 取組状況
    extra: dict = field(default_factory=dict)  # forward-compatible fields
    id: str = field(default_factory=new_id)
    updated_at: str = field(default_factory=now_iso)
    # Carried over from last year's 課題 / 改善策 ("start from last year").
    starting_point: str = ""
    planned_actions: str = ""
    indicators: list[Indicator] = field(default_factory=list)
    # Stage 1: the responsible department's self-evaluation.
    self_rating: str | None = None
    self_comment: str = ""
    self_author: str = ""
    self_date: str | None = None  # ISO date
    # The final stage: the council / meeting (opinion: committee_opinion).
    council_rating: str | None = None
    council_date: str | None = None  # ISO date
    # The middle stage, used only by plans with three evaluation stages.
    middle_rating: str | None = None
    middle_opinion: str = ""
    middle_date: str | None = None  # ISO date
    # A 会議確定 record stays read-only unless explicitly unlocked.
    unlocked: bool = False


@dataclass
class CommunitySetup:
    """How a measure carried out by each community district (学区) records its progress.

    ``options`` are the statuses a matrix cell may take; ``done`` names the
    option that counts as achieved in the summary sentence (None: the summary
    lists every option), worded with ``done_text`` ("23学区中15学区で改訂済み").
    """

    options: list[str] = field(default_factory=lambda: list(PROGRESS_STATES))
    done: str | None = "完了"
    done_text: str = "完了"


@dataclass
class Community:
    """A community district (学区); the list is per plan and editable."""

    name: str
    id: str = field(default_factory=new_id)
    updated_at: str = field(default_factory=now_iso)


@dataclass
class CommunityEntry:
    """One cell of a per-community matrix: a measure's status in one community for one fiscal year."""

    measure_id: str
    community_id: str
    fy: int
    status: str | None = None
    note: str = ""
    id: str = field(default_factory=new_id)
    updated_at: str = field(default_factory=now_iso)


# The parts of a measure that a loader may leave unread until they are first used (the window's
# first frame needs only the rest); see ``Measure.__getattr__`` and storage/measure_parts.py.
DEFERRABLE_PARTS = ("action_plan", "schedule", "evaluations")


class PartsLoader(Protocol):
    """Reads the parts a loader left unread, on first use."""

    def load(self, measure: Measure, part: str | None = None) -> None:
        """Set *part* of *measure* (None: every part in ``DEFERRABLE_PARTS`` it lacks), perhaps more;
        drop its ``_parts_loader`` once it lacks none."""


@dataclass
class Measure:
    """A 推進事項 of the plan: its fields, action plans, schedule and yearly evaluations."""

    no: int
    title: str
    viewpoint: int
    priority: bool = False
    departments: list[str] = field(default_factory=list)
    proposals: dict[int, str] = field(default_factory=dict)  # proposal no -> ◎/○
    issue: str = ""
    content: str = ""
    action_plan: list[ActionBlock] = field(default_factory=list)
    schedule: list[ScheduleEntry] = field(default_factory=list)
    evaluations: list[Evaluation] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    updated_at: str = field(default_factory=now_iso)
    # Name of the plan period the measure belongs to; None: not assigned (shown in every period).
    period: str | None = None
    # Ids of the earlier period's measures this one continues (two or more after a merge).
    predecessor_ids: list[str] = field(default_factory=list)
    # Set when each community district carries the measure out separately.
    community: CommunitySetup | None = None
    # Display code shown wherever the № shows (e.g. "1000101", "2-3-1"); None: the number.
    code: str | None = None
    # Active fiscal years (inclusive); None: from the plan's start / to the plan's end.
    fy_from: int | None = None
    fy_to: int | None = None

    if not TYPE_CHECKING:  # type checkers keep flagging unknown attributes

        def __getattr__(self, name: str):
            # Called only for an attribute the instance lacks: a part its loader left unread
            # (an instance with ``_parts_loader`` in its __dict__; see DEFERRABLE_PARTS).
            loader = self.__dict__.get("_parts_loader")
            if loader is None or name not in DEFERRABLE_PARTS:
                raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")
            loader.load(self, name)
            return self.__dict__[name]

    def __getstate__(self) -> dict:
        """Copies and pickles hold every part (read now when still unread) and never the loader."""
        loader = self.__dict__.get("_parts_loader")
        if loader is not None:
            loader.load(self)
        return self.__dict__

    @property
    def parts_loaded(self) -> bool:
        """False while a part of this measure has not been read from its file yet."""
        return "_parts_loader" not in self.__dict__

    def part_read(self, name: str) -> bool:
        """True when the part *name* (one of ``DEFERRABLE_PARTS``) is read (using it reads nothing)."""
        return name in self.__dict__

    @property
    def label(self) -> str:
        """What follows № for this measure: its display code, or its number."""
        return self.code if self.code else str(self.no)

    @property
    def display_title(self) -> str:
        mark = "【重点】" if self.priority else ""
        return f"№{self.label} {mark}{self.title}"

    def active_in(self, fy: int) -> bool:
        """True when the measure runs in fiscal year *fy* (its own years; the plan's by default)."""
        return (self.fy_from is None or self.fy_from <= fy) and (self.fy_to is None or fy <= self.fy_to)

    @property
    def lead_department(self) -> str:
        return self.departments[0] if self.departments else ""

    def phase_in(self, fy: int) -> str | None:
        for s in self.schedule:
            if s.fy == fy:
                return s.phase
        return None

    def evaluation_for(self, fy: int) -> Evaluation | None:
        for e in self.evaluations:
            if e.fy == fy:
                return e
        return None

    def blocks_for(self, fy: int) -> list[ActionBlock]:
        return [b for b in self.action_plan if b.covers(fy)]


@dataclass
class PlanData:
    """A whole plan document: what one SQLite file or one JSON file holds."""

    plan: Plan
    proposals: list[Proposal] = field(default_factory=list)
    viewpoints: list[Viewpoint] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    phases: list[Phase] = field(default_factory=lambda: [replace(p, id=new_id()) for p in DEFAULT_PHASES])
    rating_scale: list[RatingLevel] = field(default_factory=lambda: list(DEFAULT_RATING_SCALE))
    notes: list[str] = field(default_factory=list)
    communities: list[Community] = field(default_factory=list)
    community_entries: list[CommunityEntry] = field(default_factory=list)
    terms: PlanTerms = field(default_factory=PlanTerms)

    def measure_by_no(self, no: int) -> Measure | None:
        for m in self.measures:
            if m.no == no:
                return m
        return None

    def measures_in(self, viewpoint_no: int) -> list[Measure]:
        """Measures whose innermost group is *viewpoint_no* (not those of its subgroups)."""
        return [m for m in self.measures if m.viewpoint == viewpoint_no]

    def viewpoint_by_no(self, no: int) -> Viewpoint | None:
        for v in self.viewpoints:
            if v.no == no:
                return v
        return None

    def active_measures(self, fy: int) -> list[Measure]:
        """The measures that run in fiscal year *fy* (see ``Measure.active_in``)."""
        return [m for m in self.measures if m.active_in(fy)]

    @property
    def departments(self) -> list[str]:
        """All departments named by any measure, in order of first use."""
        seen: dict[str, None] = {}
        for m in self.measures:
            for d in m.departments:
                seen.setdefault(d, None)
        return list(seen)
