"""Reading and writing plan documents: domain objects in, domain objects out.

Every public write method is one transaction (``db.atomic()``) and validates
before it writes, so a refused write leaves the file exactly as it was.
Nested calls (a document command doing several writes) join the outer
transaction through savepoints.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from operator import itemgetter

from ..domain.groups import preorder, sort_measures
from ..domain.model import (
    Community,
    CommunityEntry,
    CommunitySetup,
    Evaluation,
    Measure,
    Period,
    Phase,
    Plan,
    PlanData,
    Proposal,
    RatingLevel,
    Viewpoint,
    now_iso,
)
from ..domain.terms import PlanTerms
from ..domain.validation import (
    Problem,
    ValidationError,
    evaluation_problems,
    validate_measure,
    validate_plan,
)
from .connection import SqlDatabase
from .measure_parts import (
    EVALUATION_COLUMNS,
    EVERY_MEASURE,
    DeferredParts,
    json_list,
    read_parts,
    without_cyclic_gc,
)
from .versions import digests_of, has_history_table, record_changes

_EVALUATION_COLUMNS = EVALUATION_COLUMNS


class PlanRepository:
    """The storage API over one open database."""

    def __init__(self, db: SqlDatabase):
        self.db = db
        self._deferred: DeferredParts | None = None  # parts a load(defer_parts=True) left unread

    # ------------------------------------------------------------------ reads
    def is_empty(self) -> bool:
        return self.db.execute("SELECT count(*) FROM plan").fetchone()[0] == 0

    @without_cyclic_gc
    def load(self, *, defer_parts: bool = False,
             read_error: Callable[[Exception], Exception] | None = None) -> PlanData:
        """The whole document. Raises LookupError on a database without a plan.

        *defer_parts*: the measures' action plans, schedules and evaluations are read on first use or by
        :meth:`complete_load` (storage/measure_parts.py), not now: what a window needs for its
        first frame. Any write through this repository reads them first. *read_error* turns a
        failure to read them later into the exception raised instead (storage/plan_reading.py).
        """
        if defer_parts:
            # One deferred load at a time: measures of an earlier one may still be someone's mirror,
            # which a write must never meet half-read (an eager load leaves it be).
            self.complete_load()
        q = self.db.execute
        row = q("SELECT id, title, subtitle, policy, policy_sub, fy_start, fy_end, notes, updated_at, terms FROM plan").fetchone()
        if row is None:
            raise LookupError("計画がありません")
        plan = Plan(
            id=row[0], title=row[1], subtitle=row[2], policy=row[3], policy_sub=row[4],
            fy_start=row[5], fy_end=row[6], updated_at=row[8],
            periods=[Period(id=r[0], name=r[1], fy_start=r[2], fy_end=r[3], locked=bool(r[4]))
                     for r in q("SELECT id, name, fy_start, fy_end, locked FROM periods ORDER BY position")],
        )
        notes = json.loads(row[7])
        proposals = [
            Proposal(id=r[0], no=r[1], title=r[2], subtitle=r[3], short=r[4], items=json.loads(r[5]), updated_at=r[6])
            for r in q("SELECT id, no, title, subtitle, short, items, updated_at FROM proposals ORDER BY no")
        ]
        viewpoints = self._viewpoints()
        phases = [Phase(id=r[0], name=r[1], color=r[2]) for r in q("SELECT id, name, color FROM phases ORDER BY position")]
        scale = [RatingLevel(letter=r[0], label=r[1], definition=r[2], points=r[3])
                 for r in q("SELECT letter, label, definition, points FROM rating_scale ORDER BY position")]
        data = PlanData(plan=plan, proposals=proposals, viewpoints=viewpoints, measures=[],
                        phases=phases, rating_scale=scale, notes=notes, terms=_terms_from_text(row[9]),
                        communities=self.communities(), community_entries=self.community_entries())
        data.measures = sort_measures(data, self._load_measures(defer_parts=defer_parts, read_error=read_error))
        return data

    def _viewpoints(self) -> list[Viewpoint]:
        return [
            Viewpoint(id=r[0], no=r[1], title=r[2], description=r[3], updated_at=r[4], parent=r[5], code=r[6])
            for r in self.db.execute(
                "SELECT v.id, v.no, v.title, v.description, v.updated_at, p.no, v.code "
                "FROM viewpoints v LEFT JOIN viewpoints p ON p.id = v.parent_id ORDER BY v.position, v.no")
        ]

    def terms(self) -> PlanTerms:
        row = self.db.execute("SELECT terms FROM plan").fetchone()
        if row is None:
            raise LookupError("計画がありません")
        return _terms_from_text(row[0])

    def load_measure(self, measure_id: str) -> Measure:
        found = self._load_measures("WHERE m.id = ?", [measure_id])
        if not found:
            raise LookupError(f"見つかりません（ID {measure_id}）")
        return found[0]

    def measure_ids(self) -> list[str]:
        """Every measure id in display order (grouped by group, then by position)."""
        return [m.id for m in self.load().measures]

    def _load_measures(self, where: str = "", params: Iterable = (), *, defer_parts: bool = False,
                       read_error: Callable[[Exception], Exception] | None = None) -> list[Measure]:
        q = self.db.execute
        params = list(params)
        # Each table read in its own order and joined and sorted here: SQLite's ORDER BY copied every
        # row (the texts too) into a sorter after a lookup per row through the index it chose
        # (measures 12 -> 6.5 ms, departments 4.7 -> 3.2 ms at 2,000 measures). A row whose group,
        # department or proposal is missing is left out, as by the joins (the foreign keys forbid it).
        groups = dict(q("SELECT id, no FROM viewpoints").fetchall())
        found = q(
            "SELECT m.position, m.id, m.no, m.title, m.priority, m.viewpoint_id, m.issue, m.content, m.updated_at, "
            f"m.period, m.predecessor_ids, m.community, m.code, m.fy_from, m.fy_to FROM measures m {where}",
            params,
        ).fetchall()
        if not found:
            return []
        found.sort(key=_first)
        rows = [r for r in found if r[5] in groups]
        ids = [r[1] for r in rows]
        scope, sparams = self._scope(ids)
        names = dict(q("SELECT id, name FROM departments").fetchall())
        depts: dict[str, list[str]] = defaultdict(list)
        links = q(f"SELECT md.position, md.measure_id, md.department_id FROM measure_departments md "
                  f"WHERE md.measure_id {scope}", sparams).fetchall()
        links.sort(key=_first)
        for _position, mid, dept in links:
            name = names.get(dept)
            if name is not None:
                depts[mid].append(name)
        numbers = dict(q("SELECT id, no FROM proposals").fetchall())
        props: dict[str, dict[int, str]] = defaultdict(dict)
        marks = [(numbers[pid], mid, strength) for mid, pid, strength in q(
            f"SELECT mp.measure_id, mp.proposal_id, mp.strength FROM measure_proposals mp WHERE mp.measure_id {scope}",
            sparams) if pid in numbers]
        marks.sort(key=_first)
        for no, mid, strength in marks:
            props[mid][no] = strength
        new = Measure.__new__
        measures = []
        for r in rows:
            # Every field but the parts, as Measure(...) would set them (without its call overhead).
            m = new(Measure)
            m.__dict__.update(
                no=r[2], title=r[3], viewpoint=groups[r[5]], priority=bool(r[4]), departments=depts.get(r[1], []),
                proposals=props.get(r[1], {}), issue=r[6], content=r[7], id=r[1], updated_at=r[8], period=r[9],
                predecessor_ids=json_list(r[10]), community=_setup_from_text(r[11]), code=r[12], fy_from=r[13],
                fy_to=r[14])
            measures.append(m)
        if defer_parts:
            self._deferred = DeferredParts(self.db, measures, read_error)
            return measures
        blocks, sched, evals = read_parts(self.db, scope, sparams)
        for m in measures:
            d = m.__dict__
            d["action_plan"] = blocks.get(m.id, [])
            d["schedule"] = sched.get(m.id, [])
            d["evaluations"] = evals.get(m.id, [])
        return measures

    def complete_load(self) -> None:
        """Read every part that ``load(defer_parts=True)`` left unread (a no-op when none is left).

        A part that cannot be read raises (a damaged file) each time: no write goes on as if
        every part were read."""
        deferred = self._deferred
        if deferred is not None:
            deferred.load_all()
            self._deferred = None

    def load_step(self, count: int) -> bool:
        """Read the parts of up to *count* more measures that ``load(defer_parts=True)`` left
        unread; True when none is left."""
        if self._deferred is not None and self._deferred.load_some(count) == 0:
            self._deferred = None
        return self._deferred is None

    def _writing(self):
        """The transaction of a write; the parts of a deferred load are read first, so that the
        measures loaded before and the file never hold two different states."""
        self.complete_load()
        return self.db.atomic()

    def _scope(self, ids: list[str]) -> tuple[str, list]:
        if len(ids) == 1:
            return "= ?", ids
        # Loading everything: no IN list needed (and none of SQLite's variable limits).
        return EVERY_MEASURE, []

    def communities(self) -> list[Community]:
        return [Community(id=r[0], name=r[1], updated_at=r[2])
                for r in self.db.execute("SELECT id, name, updated_at FROM communities ORDER BY position")]

    def community_entries(self, measure_id: str | None = None) -> list[CommunityEntry]:
        """Matrix cells of existing measures (of one measure when *measure_id* is given)."""
        where, params = ("AND e.measure_id = ?", [measure_id]) if measure_id else ("", [])
        return [CommunityEntry(id=r[0], measure_id=r[1], community_id=r[2], fy=r[3], status=r[4], note=r[5],
                               updated_at=r[6])
                for r in self.db.execute(
                    "SELECT e.id, e.measure_id, e.community_id, e.fy, e.status, e.note, e.updated_at "
                    "FROM community_entries e JOIN measures m ON m.id = e.measure_id "
                    "JOIN communities c ON c.id = e.community_id "
                    f"WHERE 1 = 1 {where} ORDER BY e.measure_id, c.position, e.fy", params)]

    def change_log(self, limit: int = 100) -> list[dict]:
        return [dict(zip(("at", "entity", "entity_id", "action", "summary"), r)) for r in self.db.execute(
            "SELECT at, entity, entity_id, action, summary FROM change_log ORDER BY id DESC LIMIT ?", [limit])]

    def counts(self) -> dict[str, int]:
        q = self.db.execute
        return {
            "measures": q("SELECT count(*) FROM measures").fetchone()[0],
            "evaluations": q("SELECT count(*) FROM evaluations").fetchone()[0],
            "viewpoints": q("SELECT count(*) FROM viewpoints").fetchone()[0],
        }

    # ----------------------------------------------------------------- writes
    def replace_all(self, data: PlanData, *, summary: str = "計画全体を置き換え") -> None:
        """Replace the whole document in one transaction; refuses invalid data unchanged."""
        problems = validate_plan(data)
        if problems:
            raise ValidationError(problems)
        with self._writing(), self._versions_tracked(None):
            for table in ("community_entries", "communities",
                          "schedule", "evaluations", "action_items", "action_blocks", "measure_proposals",
                          "measure_departments", "measures", "departments", "phases", "rating_scale",
                          "viewpoints", "proposals", "periods", "plan", "tombstones"):
                self.db.execute(f"DELETE FROM {table}")
            p = data.plan
            self.db.execute(
                "INSERT INTO plan (id, title, subtitle, policy, policy_sub, fy_start, fy_end, notes, updated_at, terms) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [p.id, p.title, p.subtitle, p.policy, p.policy_sub, p.fy_start, p.fy_end,
                 json.dumps(data.notes, ensure_ascii=False), p.updated_at, _terms_to_text(data.terms)])
            for i, period in enumerate(p.periods):
                self.db.execute("INSERT INTO periods (id, name, fy_start, fy_end, position, locked) VALUES (?, ?, ?, ?, ?, ?)",
                                [period.id, period.name, period.fy_start, period.fy_end, i, int(period.locked)])
            for pr in data.proposals:
                self.db.execute("INSERT INTO proposals (id, no, title, subtitle, short, items, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                [pr.id, pr.no, pr.title, pr.subtitle, pr.short, json.dumps(pr.items, ensure_ascii=False), pr.updated_at])
            self._write_viewpoints(data)
            for i, ph in enumerate(data.phases):
                self.db.execute("INSERT INTO phases (id, name, color, position) VALUES (?, ?, ?, ?)", [ph.id, ph.name, ph.color, i])
            for i, r in enumerate(data.rating_scale):
                self.db.execute("INSERT INTO rating_scale (letter, label, definition, points, position) VALUES (?, ?, ?, ?, ?)",
                                [r.letter, r.label, r.definition, r.points, i])
            for i, m in enumerate(data.measures):
                self._write_measure(m, i)
            self._write_communities(data.communities)
            for e in data.community_entries:
                self._write_community_entry(e)
            self.log("plan", p.id, "replace", summary)

    def save_measure(self, measure: Measure, position: int | None = None, *, summary: str = "") -> None:
        """Insert or replace one measure with everything under it.

        *position* orders it within the plan; ``None`` keeps the stored
        position (or appends for a new measure).
        """
        data = self._context()
        problems = validate_measure(measure, data)
        if problems:
            raise ValidationError(problems)
        with self._writing(), self._versions_tracked([measure.id]):
            if position is None:
                row = self.db.execute("SELECT position FROM measures WHERE id = ?", [measure.id]).fetchone()
                position = row[0] if row else self._next_position()
            existed = self.db.execute("SELECT 1 FROM measures WHERE id = ?", [measure.id]).fetchone() is not None
            self._write_measure(measure, position)
            self.db.execute("DELETE FROM tombstones WHERE entity = 'measure' AND entity_id = ?", [measure.id])
            self.log("measure", measure.id, "update" if existed else "insert",
                     summary or f"№{measure.label} {measure.title}")

    def delete_measure(self, measure_id: str) -> tuple[Measure, int]:
        """Delete a measure and everything under it; returns (snapshot, position) for undo."""
        snapshot = self.load_measure(measure_id)
        with self._writing():
            position = self.db.execute("SELECT position FROM measures WHERE id = ?", [measure_id]).fetchone()[0]
            self.db.execute("DELETE FROM measures WHERE id = ?", [measure_id])
            self.db.execute("INSERT OR REPLACE INTO tombstones (entity, entity_id, deleted_at) VALUES ('measure', ?, ?)",
                            [measure_id, now_iso()])
            self.log("measure", measure_id, "delete", f"№{snapshot.label} {snapshot.title}")
        return snapshot, position

    def set_measure_order(self, ordered_ids: list[str]) -> None:
        """Store a new display order (positions follow the list)."""
        with self._writing():
            for i, mid in enumerate(ordered_ids):
                self.db.execute("UPDATE measures SET position = ? WHERE id = ?", [i, mid])
            self.log("plan", None, "reorder", "並べ替え")

    def measure_positions(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT id, position FROM measures").fetchall())

    def set_phase(self, measure_id: str, fy: int, phase: str | None) -> None:
        """Set or clear (``None``) one schedule cell."""
        data = self._context()
        if phase is not None and phase not in {p.name for p in data.phases}:
            raise ValidationError([Problem("phase", f"工程の区分「{phase}」は定義されていません")])
        if not data.plan.fy_start <= fy <= data.plan.fy_end:
            raise ValidationError([Problem("fy", f"年度 {fy} は計画期間の外です")])
        with self._writing(), self._versions_tracked([measure_id]):
            if phase is None:
                self.db.execute("DELETE FROM schedule WHERE measure_id = ? AND fy = ?", [measure_id, fy])
            else:
                self.db.execute(
                    "INSERT INTO schedule (measure_id, fy, phase_id) VALUES (?, ?, (SELECT id FROM phases WHERE name = ?)) "
                    "ON CONFLICT (measure_id, fy) DO UPDATE SET phase_id = excluded.phase_id", [measure_id, fy, phase])
            self.db.execute("UPDATE measures SET updated_at = ? WHERE id = ?", [now_iso(), measure_id])
            self.log("schedule", measure_id, "update", f"{fy}: {phase or '(なし)'}")

    def save_evaluation(self, measure_id: str, evaluation: Evaluation) -> None:
        problems = evaluation_problems(evaluation, self._context(), "evaluation")
        if problems:
            raise ValidationError(problems)
        with self._writing(), self._versions_tracked([measure_id]):
            self._write_evaluation(measure_id, evaluation)
            self.log("evaluation", evaluation.id, "update", f"{evaluation.fy}")

    def delete_evaluation(self, evaluation_id: str) -> None:
        with self._writing():
            self.db.execute("DELETE FROM evaluations WHERE id = ?", [evaluation_id])
            self.db.execute("INSERT OR REPLACE INTO tombstones (entity, entity_id, deleted_at) VALUES ('evaluation', ?, ?)",
                            [evaluation_id, now_iso()])
            self.log("evaluation", evaluation_id, "delete", "")

    def set_rating_scale(self, levels: list[RatingLevel], renames: dict[str, str] | None = None,
                         *, summary: str = "評価基準の変更") -> None:
        """Replace the plan's rating scale, renaming letters in every evaluation.

        *renames* maps old letters to new ones (applied simultaneously, so
        swaps work). Refuses an invalid scale, and a scale that drops a letter
        some evaluation still uses, leaving the file unchanged.
        """
        from ..domain.evaluation import scale_problems

        renames = {old: new for old, new in (renames or {}).items() if old != new}
        problems = scale_problems(levels)
        letters = {r.letter for r in levels}
        for column in ("rating", "self_rating", "council_rating"):
            for letter, count in self.db.execute(
                    f"SELECT {column}, count(*) FROM evaluations WHERE {column} IS NOT NULL GROUP BY {column}"):
                if renames.get(letter, letter) not in letters:
                    problems.append(Problem("rating_scale", f"記号「{letter}」は {count} 件の評価で使われているため削除できません"))
        if problems:
            raise ValidationError(problems)
        with self._writing(), self._versions_tracked(None if renames else []):
            self.db.execute("DELETE FROM rating_scale")
            for i, r in enumerate(levels):
                self.db.execute("INSERT INTO rating_scale (letter, label, definition, points, position) VALUES (?, ?, ?, ?, ?)",
                                [r.letter, r.label, r.definition, float(r.points), i])
            if renames:
                case = " ".join("WHEN ? THEN ?" for _ in renames)
                pairs = [x for item in renames.items() for x in item]
                for column in ("rating", "self_rating", "council_rating"):
                    self.db.execute(f"UPDATE evaluations SET {column} = CASE {column} {case} ELSE {column} END "
                                    f"WHERE {column} IS NOT NULL", pairs)
            self.log("rating_scale", None, "update", summary)

    # ------------------------------------------------------- the plan's frame
    def save_frame(self, data: PlanData, changed: Iterable[str] = (), *, summary: str = "計画の設定の変更") -> None:
        """Write the plan's frame (title, years, periods, words, groups, cross-references, phases, scale,
        communities), the measures named in *changed* and the display order, in one transaction.

        *data* is the whole plan after the change (``domain.plan_frame.apply_frame``); it is
        validated as a whole first, and refused with the file unchanged. Records keep their ids,
        so measures follow renamed groups, entries and phases; foreign keys are checked at commit.
        """
        problems = validate_plan(data)
        if problems:
            raise ValidationError(problems)
        changed = set(changed)
        q = self.db.execute
        with self._writing(), self._versions_tracked(None):
            q("PRAGMA defer_foreign_keys = ON")
            p = data.plan
            q("UPDATE plan SET title = ?, subtitle = ?, policy = ?, policy_sub = ?, fy_start = ?, fy_end = ?, "
              "terms = ?, updated_at = ?",
              [p.title, p.subtitle, p.policy, p.policy_sub, p.fy_start, p.fy_end, _terms_to_text(data.terms),
               now_iso()])
            q("DELETE FROM periods")
            for i, period in enumerate(p.periods):
                q("INSERT INTO periods (id, name, fy_start, fy_end, position, locked) VALUES (?, ?, ?, ?, ?, ?)",
                  [period.id, period.name, period.fy_start, period.fy_end, i, int(period.locked)])
            q("DELETE FROM rating_scale")
            for i, r in enumerate(data.rating_scale):
                q("INSERT INTO rating_scale (letter, label, definition, points, position) VALUES (?, ?, ?, ?, ?)",
                  [r.letter, r.label, r.definition, float(r.points), i])
            q("DELETE FROM phases")
            for i, ph in enumerate(data.phases):
                q("INSERT INTO phases (id, name, color, position) VALUES (?, ?, ?, ?)", [ph.id, ph.name, ph.color, i])
            q("DELETE FROM proposals")
            for pr in data.proposals:
                q("INSERT INTO proposals (id, no, title, subtitle, short, items, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                  [pr.id, pr.no, pr.title, pr.subtitle, pr.short, json.dumps(pr.items, ensure_ascii=False),
                   pr.updated_at])
            q("DELETE FROM viewpoints")
            self._write_viewpoints(data)
            for i, m in enumerate(data.measures):
                if m.id in changed:
                    self._write_measure(m, i)
                else:
                    q("UPDATE measures SET position = ? WHERE id = ?", [i, m.id])
            keep = [c.id for c in data.communities]
            marks = ", ".join("?" for _ in keep) or "''"
            q(f"DELETE FROM communities WHERE id NOT IN ({marks})", keep)  # their cells go with them
            self._write_communities(data.communities)
            q("DELETE FROM community_entries WHERE fy < ? OR fy > ?", [p.fy_start, p.fy_end])
            self.log("plan", p.id, "frame", summary)

    def plan_row(self) -> Plan:
        """The plan record alone (title, subtitle, years), without periods."""
        row = self.db.execute("SELECT id, title, subtitle, policy, policy_sub, fy_start, fy_end, updated_at FROM plan").fetchone()
        if row is None:
            raise LookupError("計画がありません")
        return Plan(id=row[0], title=row[1], subtitle=row[2], policy=row[3], policy_sub=row[4], fy_start=row[5],
                    fy_end=row[6], updated_at=row[7])

    # --------------------------------------- periods and community districts
    def save_periods(self, periods: list[Period], *, summary: str = "計画期間の変更") -> None:
        """Replace the plan's periods (names, years, lock flags) in one transaction."""
        p = self.db.execute("SELECT fy_start, fy_end FROM plan").fetchone()
        from ..domain.validation import fy_range_problems

        problems = []
        for i, period in enumerate(periods):
            if not period.name.strip():
                problems.append(Problem(f"plan.periods[{i}].name", "期間の名称が空です"))
            problems += fy_range_problems(period.fy_start, period.fy_end, p[0], p[1], f"plan.periods[{i}]")
        if len({x.name for x in periods}) != len(periods):
            problems.append(Problem("plan.periods", "期間の名称が重複しています"))
        if problems:
            raise ValidationError(problems)
        with self._writing():
            self.db.execute("DELETE FROM periods")
            for i, period in enumerate(periods):
                self.db.execute("INSERT INTO periods (id, name, fy_start, fy_end, position, locked) VALUES (?, ?, ?, ?, ?, ?)",
                                [period.id, period.name, period.fy_start, period.fy_end, i, int(period.locked)])
            self.log("plan", None, "periods", summary)

    def save_communities(self, communities: list[Community], entries: list[CommunityEntry] | None = None,
                         *, summary: str = "地域の一覧の変更") -> None:
        """Replace the list of community districts; when *entries* is given, replace every matrix cell too."""
        unit = self.terms().community_unit
        problems = [Problem(f"communities[{i}].name", f"{unit}の名称が空です")
                    for i, c in enumerate(communities) if not c.name.strip()]
        if len({c.name for c in communities}) != len(communities):
            problems.append(Problem("communities", f"{unit}の名称が重複しています"))
        if problems:
            raise ValidationError(problems)
        with self._writing():
            if entries is not None:
                self.db.execute("DELETE FROM community_entries")
            keep = [c.id for c in communities]
            marks = ", ".join("?" for _ in keep) or "''"
            self.db.execute(f"DELETE FROM communities WHERE id NOT IN ({marks})", keep)
            self._write_communities(communities)
            for e in entries or []:
                self._write_community_entry(e)
            self.log("communities", None, "update", summary)

    def save_community_entry(self, entry: CommunityEntry) -> None:
        """Insert or replace one matrix cell (matched by measure, community and year)."""
        with self._writing():
            self._write_community_entry(entry)
            self.log("community_entry", entry.id, "update", f"{entry.fy}: {entry.status or ''}")

    def delete_community_entry(self, measure_id: str, community_id: str, fy: int) -> None:
        with self._writing():
            self.db.execute("DELETE FROM community_entries WHERE measure_id = ? AND community_id = ? AND fy = ?",
                            [measure_id, community_id, fy])
            self.log("community_entry", None, "delete", f"{fy}")

    def log(self, entity: str, entity_id: str | None, action: str, summary: str) -> None:
        self.complete_load()
        self.db.execute("INSERT INTO change_log (at, entity, entity_id, action, summary) VALUES (?, ?, ?, ?, ?)",
                        [now_iso(), entity, entity_id, action, summary])

    # -------------------------------------------------------------- internals
    @contextmanager
    def _versions_tracked(self, measure_ids: list[str] | None) -> Iterator[None]:
        """Give every record whose content the block changes a new version (storage/versions.py).

        *measure_ids*: the measures the block may change (None: all). Runs inside the
        block's transaction; nothing is recorded when the block raises.
        """
        if measure_ids == [] or not self._tracks_versions():
            yield
            return
        before = self._digests(measure_ids)
        yield
        record_changes(self.db, before, self._digests(measure_ids))

    def _tracks_versions(self) -> bool:
        known = getattr(self, "_has_versions", None)
        if known is None:
            known = self._has_versions = has_history_table(self.db)
        return known

    def _digests(self, measure_ids: list[str] | None) -> dict:
        if measure_ids is None:
            measures = self._load_measures()
        else:
            marks = ", ".join("?" for _ in measure_ids)
            measures = self._load_measures(f"WHERE m.id IN ({marks})", measure_ids)
        out: dict = {}
        for m in measures:
            out.update(digests_of(m))
        return out

    def _context(self) -> PlanData:
        """Plan, viewpoints, proposals, phases and scale: what measure validation needs."""
        q = self.db.execute
        row = q("SELECT title, fy_start, fy_end, terms FROM plan").fetchone()
        if row is None:
            raise LookupError("計画がありません")
        return PlanData(
            plan=Plan(title=row[0], fy_start=row[1], fy_end=row[2]),
            proposals=[Proposal(no=r[0], title="") for r in q("SELECT no FROM proposals")],
            viewpoints=[Viewpoint(no=r[0], title="") for r in q("SELECT no FROM viewpoints")],
            phases=[Phase(name=r[0]) for r in q("SELECT name FROM phases")],
            rating_scale=[RatingLevel(letter=r[0], label="") for r in q("SELECT letter FROM rating_scale")],
            terms=_terms_from_text(row[3]),
        )

    def _next_position(self) -> int:
        return self.db.execute("SELECT coalesce(max(position) + 1, 0) FROM measures").fetchone()[0]

    def _department_id(self, name: str) -> int:
        row = self.db.execute("SELECT id FROM departments WHERE name = ?", [name]).fetchone()
        if row:
            return row[0]
        row_id = self.db.execute("INSERT INTO departments (name) VALUES (?)", [name]).lastrowid
        assert row_id is not None  # an INSERT always sets it
        return row_id

    def _write_measure(self, m: Measure, position: int) -> None:
        q = self.db.execute
        vp = q("SELECT id FROM viewpoints WHERE no = ?", [m.viewpoint]).fetchone()[0]
        q("INSERT INTO measures (id, no, title, priority, viewpoint_id, issue, content, position, updated_at, "
          "period, predecessor_ids, community, code, fy_from, fy_to) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET no = excluded.no, "
          "title = excluded.title, "
          "priority = excluded.priority, viewpoint_id = excluded.viewpoint_id, issue = excluded.issue, "
          "content = excluded.content, position = excluded.position, updated_at = excluded.updated_at, "
          "period = excluded.period, predecessor_ids = excluded.predecessor_ids, community = excluded.community, "
          "code = excluded.code, fy_from = excluded.fy_from, fy_to = excluded.fy_to",
          [m.id, m.no, m.title, int(m.priority), vp, m.issue, m.content, position, m.updated_at,
           m.period, json.dumps(list(m.predecessor_ids)), _setup_to_text(m.community), m.code, m.fy_from, m.fy_to])
        for table in ("measure_departments", "measure_proposals", "action_blocks", "schedule", "evaluations"):
            q(f"DELETE FROM {table} WHERE measure_id = ?", [m.id])
        for i, name in enumerate(m.departments):
            q("INSERT INTO measure_departments (measure_id, department_id, position) VALUES (?, ?, ?)",
              [m.id, self._department_id(name), i])
        for no, strength in m.proposals.items():
            q("INSERT INTO measure_proposals (measure_id, proposal_id, strength) VALUES (?, (SELECT id FROM proposals WHERE no = ?), ?)",
              [m.id, no, strength])
        for bi, block in enumerate(m.action_plan):
            q("INSERT INTO action_blocks (id, measure_id, fy_from, fy_to, position, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
              [block.id, m.id, block.fy_from, block.fy_to, bi, block.updated_at])
            for ii, item in enumerate(block.items):
                q("INSERT INTO action_items (id, block_id, text, sub, position, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                  [item.id, block.id, item.text, json.dumps(item.sub, ensure_ascii=False), ii, item.updated_at])
        for s in m.schedule:
            q("INSERT INTO schedule (measure_id, fy, phase_id) VALUES (?, ?, (SELECT id FROM phases WHERE name = ?))",
              [m.id, s.fy, s.phase])
        for e in m.evaluations:
            self._write_evaluation(m.id, e)

    def _write_viewpoints(self, data: PlanData) -> None:
        """Insert or update every group (parents first, for the foreign key); positions follow the list."""
        ids = {v.no: v.id for v in data.viewpoints}
        position = {v.no: i for i, v in enumerate(data.viewpoints)}
        for node in preorder(data):
            v = node.group
            self.db.execute(
                "INSERT INTO viewpoints (id, no, title, description, updated_at, parent_id, code, position) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET no = excluded.no, "
                "title = excluded.title, description = excluded.description, updated_at = excluded.updated_at, "
                "parent_id = excluded.parent_id, code = excluded.code, position = excluded.position",
                [v.id, v.no, v.title, v.description, v.updated_at, ids.get(v.parent) if v.parent is not None else None,
                 v.code, position[v.no]])

    def _write_communities(self, communities: list[Community]) -> None:
        for i, c in enumerate(communities):
            self.db.execute(
                "INSERT INTO communities (id, name, position, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET name = excluded.name, position = excluded.position, "
                "updated_at = excluded.updated_at", [c.id, c.name, i, c.updated_at])

    def _write_community_entry(self, e: CommunityEntry) -> None:
        self.db.execute(
            "INSERT INTO community_entries (id, measure_id, community_id, fy, status, note, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (measure_id, community_id, fy) DO UPDATE SET "
            "id = excluded.id, status = excluded.status, note = excluded.note, updated_at = excluded.updated_at",
            [e.id, e.measure_id, e.community_id, e.fy, e.status, e.note, e.updated_at])

    def _write_evaluation(self, measure_id: str, e: Evaluation) -> None:
        cols = ", ".join(_EVALUATION_COLUMNS)
        marks = ", ".join("?" for _ in _EVALUATION_COLUMNS)
        updates = ", ".join(f"{c} = excluded.{c}" for c in _EVALUATION_COLUMNS)
        self.db.execute(
            f"INSERT INTO evaluations (id, measure_id, fy, {cols}, extra, updated_at) VALUES (?, ?, ?, {marks}, ?, ?) "
            f"ON CONFLICT (measure_id, fy) DO UPDATE SET id = excluded.id, {updates}, extra = excluded.extra, "
            f"updated_at = excluded.updated_at",
            [e.id, measure_id, e.fy, *(getattr(e, c) for c in _EVALUATION_COLUMNS),
             json.dumps(e.extra, ensure_ascii=False), e.updated_at])
        self.db.execute("DELETE FROM evaluation_indicators WHERE evaluation_id = ?", [e.id])
        for i, ind in enumerate(e.indicators):
            self.db.execute(
                "INSERT INTO evaluation_indicators (id, evaluation_id, position, name, unit, baseline, target, actual) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [ind.id, e.id, i, ind.name, ind.unit, ind.baseline, ind.target, ind.actual])


_first = itemgetter(0)


def _terms_to_text(terms: PlanTerms) -> str:
    from .json_format import terms_to_json

    return json.dumps(terms_to_json(terms), ensure_ascii=False)


def _terms_from_text(text: str | None) -> PlanTerms:
    """The stored words ('{}' or a missing key: the neutral default)."""
    if not text or text == "{}":
        return PlanTerms()
    from .json_format import terms_from_json

    try:
        return terms_from_json(json.loads(text))
    except (ValueError, ValidationError):
        return PlanTerms()


def _setup_to_text(setup: CommunitySetup | None) -> str | None:
    if setup is None:
        return None
    return json.dumps({"options": list(setup.options), "done": setup.done, "done_text": setup.done_text},
                      ensure_ascii=False)


def _setup_from_text(text: str | None) -> CommunitySetup | None:
    if not text:
        return None
    d = json.loads(text)
    return CommunitySetup(options=list(d.get("options", [])), done=d.get("done"), done_text=d.get("done_text", ""))


def touched(measure: Measure, **changes) -> Measure:
    """A copy of *measure* with *changes* applied and ``updated_at`` renewed."""
    return replace(measure, updated_at=now_iso(), **changes)
