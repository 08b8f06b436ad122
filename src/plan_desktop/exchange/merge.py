"""Merging another copy of the plan (a laptop's file or a change package) into this one.

Records are matched by their stable ids: a measure's own fields (what its
``updated_at`` covers: №, title, departments, relations, texts, schedule,
action plan) form one record; each year's evaluation of a measure is another
(matched by measure and year, stamped by its own ``updated_at``).

Without a stored common ancestor, the **base** is the latest moment both
copies provably agree on: the newest ``updated_at`` among records that are
identical on both sides (same content and same stamp), identical
tombstones, the last change-log entry both files share (they were copied
from one another then), and for a change package the date it was cut from.
Then, for a
record that differs:

* changed after the base only there → taken over;
* changed after the base only here → kept (reported as newer here);
* changed after the base on both sides → a **conflict**, for the user to choose
  (the CLI keeps ours unless ``--theirs``);
* neither after the base (both copies already saw each other's edit and a
  later merge is catching up) → the newer stamp wins.

Keeping ours in a conflict is remembered (against that version of theirs),
so merging the same file again does not ask again; a later change there
does.

Deletions are remembered as tombstones: a record deleted on one side is
deleted on the other unless it was changed there after the base, which is a
conflict (delete vs. keep). Records that exist on one side only and were
never deleted on the other are added.

Plan-level data (plan title, viewpoints, proposals, phases, rating scale)
is not merged: both copies must be the same plan (same plan id).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as _dt
from collections import defaultdict
from dataclasses import dataclass, field

from ..domain.fiscal import fy_label
from ..domain.model import Evaluation, Measure, PlanData, now_iso
from ..domain.validation import validate_measure
from ..storage.versions import (
    RecordVersions,
    VersionUpdate,
    evaluation_digest,
    evaluation_record,
    measure_digest,
    new_version,
    read_versions,
    versions_of,
)
from .changes import Batch, Tombstone
from .columns import SHEET_ACTIONS, SHEET_MEASURES, SHEET_SCHEDULE, evaluation_fields
from .importer import UNCHANGED, _content, _core, _show, locked_period, measure_field_changes

MEASURE, EVALUATION = "measure", "evaluation"
TAKE, ADD, DELETE, CONFLICT, NEWER_HERE = "take", "add", "delete", "conflict", "newer_here"
OURS, THEIRS = "ours", "theirs"
ACTION_LABELS = {TAKE: "相手の変更を取り込み", ADD: "相手で追加", DELETE: "相手で削除済み",
                 CONFLICT: "競合", NEWER_HERE: "こちらが新しい（そのまま）"}
BOTH_CHANGED = "両方で変更されています"
DELETED_THERE = "相手で削除され、こちらで変更されています"
DELETED_HERE = "こちらで削除され、相手で変更されています"
# Rows of the tombstones table that remember "kept ours against their version <stamp>",
# so merging the same unchanged file again does not ask the same question twice.
DECIDED = "decided:"


def _conflict_sides(fields: list[tuple[str, str, str]], shown: int = 6) -> list[str]:
    """Both sides of each conflicting field, around where they differ, so the user can choose."""
    from .text_diff import excerpts

    out = []
    for name, ours, theirs in fields[:shown]:
        a, b = excerpts(ours, theirs)
        out.append(f"      {name}: こちら「{a or '（空欄）'}」／相手「{b or '（空欄）'}」")
    return out


class MergeError(Exception):
    """``str()`` is a Japanese message; nothing was written."""


@dataclass
class MergeSource:
    label: str
    data: PlanData
    tombstones: dict[tuple[str, str], str] = field(default_factory=dict)
    since: str | None = None  # change packages: records changed since this moment
    log: list[tuple] = field(default_factory=list)  # change-log keys of a .sqlite source
    versions: dict | None = None  # storage.versions.read_versions of the other copy (None: it keeps none)


@dataclass
class MergeItem:
    kind: str  # MEASURE or EVALUATION
    action: str
    measure_id: str
    fy: int | None
    label: str
    ours: Measure | Evaluation | None
    theirs: Measure | Evaluation | None
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (field, ours, theirs)
    reason: str = ""
    choice: str = OURS  # conflicts only
    tombstone: Tombstone | None = None  # the deletion taken over with THEIRS
    their_stamp: str = ""  # conflicts: the version of theirs the choice was made against
    ours_versions: RecordVersions | None = None  # what each copy has seen of the record (version mode)
    theirs_versions: RecordVersions | None = None

    @property
    def decided_key(self) -> tuple[str, str]:
        return decided_key(self.kind, self.measure_id, self.fy)

    @property
    def takes_theirs(self) -> bool:
        return self.action in (TAKE, ADD, DELETE) or (self.action == CONFLICT and self.choice == THEIRS)


@dataclass
class MergePlan:
    source: str
    items: list[MergeItem]
    base: str | None
    unchanged: int = 0
    extra_tombstones: list[Tombstone] = field(default_factory=list)  # deletions we never had the record of

    @property
    def conflicts(self) -> list[MergeItem]:
        return [i for i in self.items if i.action == CONFLICT]

    @property
    def has_changes(self) -> bool:
        return any(i.takes_theirs for i in self.items) or any(i.action == CONFLICT for i in self.items)

    def counts(self) -> dict[str, int]:
        out = {k: 0 for k in ACTION_LABELS}
        for i in self.items:
            out[i.action] += 1
        return out

    def choose_all(self, choice: str) -> None:
        for c in self.conflicts:
            c.choice = choice

    def shown_count(self) -> int:
        """How many records :meth:`report` lists (taken, added, deleted, conflicts)."""
        return sum(1 for i in self.items if i.action in (TAKE, ADD, DELETE, CONFLICT))

    def report(self, *, limit: int | None = 100) -> str:
        """A plain-text summary listing *limit* records (None: all)."""
        c = self.counts()
        lines = [f"別のファイルから取り込み: {self.source}"]
        if self.base:
            lines.append(f"  共通の基準時点: {_local(self.base)}")
        lines += [
            f"  相手の変更を取り込み: {c[TAKE]} 件",
            f"  相手で追加: {c[ADD]} 件",
            f"  相手で削除済み（こちらでも削除）: {c[DELETE]} 件",
            f"  こちらが新しい（そのまま）: {c[NEWER_HERE]} 件",
            f"  競合: {c[CONFLICT]} 件",
            f"  同じ: {self.unchanged} 件",
        ]
        shown = [i for i in self.items if i.action in (TAKE, ADD, DELETE, CONFLICT)]
        limit = len(shown) if limit is None else limit
        for i in shown[:limit]:
            line = f"  [{ACTION_LABELS[i.action]}] {i.label}"
            if i.fields:
                line += ": " + "、".join(f for f, _, _ in i.fields[:6]) + ("…" if len(i.fields) > 6 else "")
            if i.action == CONFLICT:
                line += f" — {i.reason}。{'相手' if i.choice == THEIRS else 'こちら'}を採用"
            lines.append(line)
            if i.action == CONFLICT:
                lines += _conflict_sides(i.fields)
        if len(shown) > limit:
            lines.append(f"  …ほか {len(shown) - limit} 件")
        if not self.has_changes:
            lines.append("取り込む変更はありません。")
        return "\n".join(lines)

    def batch(self, ours: PlanData) -> Batch:
        """What applying the plan (with the current conflict choices) writes.

        Raises MergeError listing every record that would be invalid here
        (e.g. a viewpoint this copy does not have).
        """
        by_id = {m.id: m for m in ours.measures}
        work: dict[str, Measure] = {}
        deletes: list[str] = []
        tombstones: list[Tombstone] = []

        def working(mid: str) -> Measure:
            if mid not in work:
                work[mid] = copy.deepcopy(by_id[mid])
            return work[mid]

        now = now_iso()
        for item in self.items:
            if item.action == CONFLICT and not item.takes_theirs:
                # Keeping ours is a decision: stamp it so the other copy takes it over
                # next time instead of meeting the same conflict again.
                self._keep_ours(item, working, tombstones, now)
                continue
            if not item.takes_theirs:
                continue
            mid = item.measure_id
            if item.kind == MEASURE:
                theirs = item.theirs
                if theirs is None:
                    deletes.append(mid)
                    work.pop(mid, None)
                    if item.tombstone:
                        tombstones.append(item.tombstone)
                elif mid in by_id:
                    m = working(mid)
                    for f in _CORE_FIELDS:
                        setattr(m, f, copy.deepcopy(getattr(theirs, f)))
                else:
                    work[mid] = copy.deepcopy(theirs)
            else:
                if mid in deletes or mid not in by_id:
                    continue
                m = working(mid)
                kept = [e for e in m.evaluations if e.fy != item.fy]
                if item.theirs is not None:
                    kept.append(copy.deepcopy(item.theirs))
                elif item.tombstone:
                    tombstones.append(item.tombstone)
                m.evaluations = sorted(kept, key=lambda e: e.fy)
        final_ids = (set(by_id) | set(work)) - set(deletes)
        tombstones += [t for t in self.extra_tombstones if t.entity_id not in final_ids]
        upserts = [work[mid] for mid in [*by_id, *[i for i in work if i not in by_id]] if mid in work]
        problems = []
        for m in upserts:
            problems += [f"№{m.label} {m.title}: {p.message}" for p in validate_measure(m, ours)]
            locked = locked_period(ours, by_id.get(m.id)) or locked_period(ours, m)
            if locked:
                problems.append(f"№{m.label} {m.title}: 期間「{locked}」はロックされているため変更できません")
        for mid in deletes:
            locked = locked_period(ours, by_id.get(mid))
            if locked:
                problems.append(f"№{by_id[mid].label} {by_id[mid].title}: 期間「{locked}」はロックされているため削除できません")
        if problems:
            raise MergeError("この計画に合わない記録があるため取り込めません（データベースは変更していません）:\n"
                             + "\n".join(f"  {p}" for p in problems[:50]))
        return Batch(upserts=upserts, deletes=deletes, tombstones=tombstones,
                     summary=f"別のファイルから取り込み: {self.source}", versions=self._version_updates())

    def _version_updates(self) -> list[VersionUpdate]:
        """What this copy now knows of each record it took, added or decided (version mode).

        Taking theirs adopts their version (and every version either copy has
        seen); keeping ours in a conflict is a new version that includes theirs,
        so the other copy takes ours next time instead of asking again.
        """
        out = []
        for item in self.items:
            tv, ov = item.theirs_versions, item.ours_versions
            if tv is None or item.action in (NEWER_HERE, DELETE):
                continue
            entity = item.kind
            record = item.measure_id if item.kind == MEASURE else evaluation_record(item.measure_id, item.fy or 0)
            known = tv.history | (ov.history if ov is not None else frozenset())
            if item.takes_theirs:
                if item.theirs is None:
                    continue  # their deletion taken over: the tombstone says it
                digest = measure_digest(item.theirs) if item.kind == MEASURE else evaluation_digest(item.theirs)
                out.append(VersionUpdate(entity, record, tv.head, known, digest))
            else:
                head = new_version()
                digest = "" if item.ours is None else (
                    measure_digest(item.ours) if item.kind == MEASURE else evaluation_digest(item.ours))
                out.append(VersionUpdate(entity, record, head, known | {head}, digest))
        return out

    @staticmethod
    def _keep_ours(item: MergeItem, working, tombstones: list[Tombstone], now: str) -> None:
        key = item.decided_key
        tombstones.append(Tombstone(key[0], key[1], item.their_stamp))
        if item.ours is None:  # deleted here: remember the deletion as of now
            entity_id = item.measure_id if item.kind == MEASURE else item.theirs.id  # type: ignore[union-attr]
            tombstones.append(Tombstone(item.kind, entity_id, now))
            return
        m = working(item.measure_id)
        if item.kind == MEASURE:
            m.updated_at = now
        else:
            for e in m.evaluations:
                if e.fy == item.fy:
                    e.updated_at = now

    def number_clashes(self, ours: PlanData, batch: Batch) -> list[str]:
        """Warnings for № used twice after applying (not an error: renumbering fixes it)."""
        final = {m.id: m for m in ours.measures if m.id not in batch.deletes}
        final.update({m.id: m for m in batch.upserts})
        owners: dict[int, list[Measure]] = defaultdict(list)
        for m in final.values():
            owners[m.no].append(m)
        return [f"№{no} が重複します（{'・'.join(m.title for m in ms)}）。取り込み後に番号を振り直してください。"
                for no, ms in sorted(owners.items()) if len(ms) > 1]


def decided_key(kind: str, measure_id: str, fy: int | None) -> tuple[str, str]:
    return (DECIDED + kind, measure_id if fy is None else f"{measure_id}:{fy}")


_CORE_FIELDS = tuple(f.name for f in dataclasses.fields(Measure) if f.name not in ("id", "evaluations"))


# ------------------------------------------------------------------ planning
def _t(stamp: str | None) -> _dt.datetime:
    if not stamp:
        return _dt.datetime.min.replace(tzinfo=_dt.UTC)
    try:
        t = _dt.datetime.fromisoformat(stamp)
    except ValueError:
        return _dt.datetime.min.replace(tzinfo=_dt.UTC)
    return t if t.tzinfo else t.replace(tzinfo=_dt.UTC)


def _local(stamp: str) -> str:
    return _t(stamp).astimezone().strftime("%Y-%m-%d %H:%M")


def measure_stamp(m: Measure) -> str:
    """When the measure's own record last changed (its action plan counts too)."""
    stamps = [m.updated_at] + [b.updated_at for b in m.action_plan] + [i.updated_at for b in m.action_plan for i in b.items]
    return max(stamps, key=_t)


def _label(m: Measure, fy: int | None = None) -> str:
    return f"№{m.label} {m.title}" + (f"（{fy_label(fy)}の評価）" if fy is not None else "")


def _measure_fields(data: PlanData, ours: Measure | None, theirs: Measure | None) -> list[tuple[str, str, str]]:
    if ours is None or theirs is None:
        return []
    changes = measure_field_changes(data, ours, theirs, [SHEET_MEASURES, SHEET_SCHEDULE, SHEET_ACTIONS], set())
    out = [(f.label, f.before, f.after) for f in changes if f.status != UNCHANGED]
    return out or [("その他の項目", "", "")]


def _evaluation_fields(ours: Evaluation | None, theirs: Evaluation | None) -> list[tuple[str, str, str]]:
    out = []
    for f in evaluation_fields():
        a = _show(f.kind, getattr(ours, f.key)) if ours else ""
        b = _show(f.kind, getattr(theirs, f.key)) if theirs else ""
        if a != b:
            out.append((f.header, a, b))
    if ours is not None and theirs is not None and not out:
        out.append(("その他の項目（成果指標など）", "", ""))
    return out


class _Judge:
    """Decides each differing record: by version histories when both copies keep them
    (storage/versions.py), else by the common base moment (the module docstring)."""

    def __init__(self, base: _dt.datetime | None, ours: dict | None, theirs: dict | None, decided):
        self.base = base
        self.ours, self.theirs = ours, theirs
        self.by_versions = ours is not None and theirs is not None
        self._decided = decided

    def after_base(self, stamp: str) -> bool:
        return self.base is None or _t(stamp) > self.base

    def versions(self, side: dict, key, digest: str | None) -> RecordVersions | None:
        if digest is None:
            return side.get(key)  # a deleted record: only what was stored of it
        return versions_of(side, key, digest)

    def both(self, kind: str, mid: str, fy: int | None, key, o_digest: str, t_digest: str,
             so: str, st: str) -> tuple[str, RecordVersions | None, RecordVersions | None]:
        """Both copies hold the record, with different content. A record neither copy has a
        stored history of was changed only before histories were kept (an older file): the base
        moment decides it, as it did then, rather than a conflict of two virtual versions."""
        if self.by_versions and (key in self.ours or key in self.theirs):
            ov, tv = self.versions(self.ours, key, o_digest), self.versions(self.theirs, key, t_digest)
            if tv.head in ov.history:
                return NEWER_HERE, ov, tv  # this copy has seen theirs and changed it since
            if ov.head in tv.history:
                return TAKE, ov, tv
            return CONFLICT, ov, tv
        action = _decide(self.after_base(so), self.after_base(st), _t(so), _t(st))
        if action == CONFLICT and self._decided(kind, mid, fy, st):
            action = NEWER_HERE
        return action, None, None

    def deleted_here(self, kind: str, mid: str, fy: int | None, key, t_digest: str,
                     st: str) -> tuple[str | None, RecordVersions | None, RecordVersions | None]:
        """Deleted in this copy, present there: None (stays deleted) or CONFLICT."""
        ov = self.versions(self.ours, key, None) if self.by_versions else None
        if ov is not None:
            tv = self.versions(self.theirs, key, t_digest)
            return (None if tv.head in ov.history else CONFLICT), ov, tv
        if self.after_base(st) and not self._decided(kind, mid, fy, st):
            return CONFLICT, None, None
        return None, None, None

    def deleted_there(self, kind: str, mid: str, fy: int | None, key, o_digest: str, so: str,
                      deleted: str) -> tuple[str | None, RecordVersions | None, RecordVersions | None]:
        """Present here, deleted there: DELETE, CONFLICT or None (already decided)."""
        tv = self.versions(self.theirs, key, None) if self.by_versions else None
        if tv is not None:
            ov = self.versions(self.ours, key, o_digest)
            return (DELETE if ov.head in tv.history else CONFLICT), ov, tv
        if self._decided(kind, mid, fy, deleted):
            return None, None, None
        return (CONFLICT if self.after_base(so) else DELETE), None, None


def plan_merge(ours: PlanData, our_tombstones: dict[tuple[str, str], str], source: MergeSource,
               our_log: list[tuple] | None = None, our_versions: dict | None = None) -> MergePlan:
    """Compare *source* with this copy; nothing is written.

    *our_log* (``sync_store.change_log_keys``) lets the base include the
    moment the two files were copied from each other. *our_versions*
    (``storage.versions.read_versions``) and ``source.versions``: when both
    are known, every record is decided by what each copy has seen of it.
    """
    theirs = source.data
    if theirs.plan.id != ours.plan.id:
        raise MergeError(f"「{source.label}」は別の計画のファイルです（計画「{theirs.plan.title}」）。"
                         "同じ計画のコピーどうしでなければ取り込めません。")
    o_by_id = {m.id: m for m in ours.measures}
    t_by_id = {m.id: m for m in theirs.measures}
    t_tombs = source.tombstones
    base = _base(o_by_id, t_by_id, our_tombstones, t_tombs, source.since, _common_log_time(our_log, source.log))

    def decided(kind: str, mid: str, fy: int | None, their_stamp: str) -> bool:
        """A conflict with exactly this version of theirs was already decided for ours."""
        return our_tombstones.get(decided_key(kind, mid, fy)) == their_stamp

    judge = _Judge(base, our_versions, source.versions, decided)
    items: list[MergeItem] = []
    unchanged = 0
    for mid in [*o_by_id, *[i for i in t_by_id if i not in o_by_id]]:
        o, t = o_by_id.get(mid), t_by_id.get(mid)
        key = (MEASURE, mid)
        if o is not None and t is not None:
            if _core(o) == _core(t):
                unchanged += 1
            else:
                so, st = measure_stamp(o), measure_stamp(t)
                action, ov, tv = judge.both(MEASURE, mid, None, key, measure_digest(o), measure_digest(t), so, st)
                items.append(MergeItem(MEASURE, action, mid, None, _label(t if action == TAKE else o), o, t,
                                       _measure_fields(ours, o, t), BOTH_CHANGED if action == CONFLICT else "",
                                       their_stamp=st, ours_versions=ov, theirs_versions=tv))
            e_items, e_same = _evaluations(o, t, our_tombstones, t_tombs, judge)
            items += e_items
            unchanged += e_same
        elif t is not None:
            deleted = our_tombstones.get((MEASURE, mid))
            if deleted is None:
                items.append(MergeItem(MEASURE, ADD, mid, None, _label(t), None, t,
                                       theirs_versions=judge.versions(source.versions or {}, key, measure_digest(t))
                                       if judge.by_versions else None))
                continue
            action, ov, tv = judge.deleted_here(MEASURE, mid, None, key, measure_digest(t), measure_stamp(t))
            if action == CONFLICT:
                items.append(MergeItem(MEASURE, CONFLICT, mid, None, _label(t), None, t,
                                       [(ours.terms.measure, "（削除済み）", "（あり）")], DELETED_HERE,
                                       their_stamp=measure_stamp(t), ours_versions=ov, theirs_versions=tv))
            # else: deleted here after they last changed it: stays deleted
        elif o is not None:
            deleted = t_tombs.get((MEASURE, mid))
            if deleted is None:
                continue  # new here, or simply not in a change package
            tomb = Tombstone(MEASURE, mid, deleted)
            action, ov, tv = judge.deleted_there(MEASURE, mid, None, key, measure_digest(o), measure_stamp(o), deleted)
            if action == CONFLICT:
                items.append(MergeItem(MEASURE, CONFLICT, mid, None, _label(o), o, None,
                                       [(ours.terms.measure, "（あり）", "（削除済み）")], DELETED_THERE, tombstone=tomb,
                                       their_stamp=deleted, ours_versions=ov, theirs_versions=tv))
            elif action == DELETE:
                items.append(MergeItem(MEASURE, DELETE, mid, None, _label(o), o, None, tombstone=tomb))
    have = {(MEASURE, m.id) for m in ours.measures} | {(EVALUATION, e.id) for m in ours.measures for e in m.evaluations}
    extra = [Tombstone(k[0], k[1], v) for k, v in t_tombs.items()
             if k not in our_tombstones and k not in have and k[0] in (MEASURE, EVALUATION)]
    base_text = base.isoformat() if base is not None else None
    return MergePlan(source.label, items, base_text, unchanged, extra)


def plan_for_repository(repo, source: MergeSource, data: PlanData | None = None) -> MergePlan:
    """:func:`plan_merge` against an open repository (its tombstones, change log and version histories)."""
    from ..storage.sync_store import change_log_keys, read_tombstones

    return plan_merge(repo.load() if data is None else data, read_tombstones(repo), source, change_log_keys(repo),
                      read_versions(repo.db))


def _decide(ours_new: bool, theirs_new: bool, so: _dt.datetime, st: _dt.datetime) -> str:
    if theirs_new and ours_new:
        return CONFLICT
    if theirs_new:
        return TAKE
    if ours_new:
        return NEWER_HERE
    return TAKE if st > so else NEWER_HERE


def _evaluations(o: Measure, t: Measure, our_tombs, t_tombs, judge: _Judge) -> tuple[list[MergeItem], int]:
    items: list[MergeItem] = []
    same = 0
    o_ev = {e.fy: e for e in o.evaluations}
    t_ev = {e.fy: e for e in t.evaluations}
    for fy in sorted(set(o_ev) | set(t_ev)):
        oe, te = o_ev.get(fy), t_ev.get(fy)
        label = _label(o, fy)
        key = (EVALUATION, evaluation_record(o.id, fy))
        if oe is not None and te is not None:
            if _content(oe) == _content(te):
                same += 1
                continue
            action, ov, tv = judge.both(EVALUATION, o.id, fy, key, evaluation_digest(oe), evaluation_digest(te),
                                        oe.updated_at, te.updated_at)
            items.append(MergeItem(EVALUATION, action, o.id, fy, label, oe, te, _evaluation_fields(oe, te),
                                   BOTH_CHANGED if action == CONFLICT else "", their_stamp=te.updated_at,
                                   ours_versions=ov, theirs_versions=tv))
        elif te is not None:
            deleted = our_tombs.get((EVALUATION, te.id))
            if deleted is None:
                tv = judge.versions(judge.theirs or {}, key, evaluation_digest(te)) if judge.by_versions else None
                items.append(MergeItem(EVALUATION, ADD, o.id, fy, label, None, te, _evaluation_fields(None, te),
                                       theirs_versions=tv))
                continue
            action, ov, tv = judge.deleted_here(EVALUATION, o.id, fy, key, evaluation_digest(te), te.updated_at)
            if action == CONFLICT:
                items.append(MergeItem(EVALUATION, CONFLICT, o.id, fy, label, None, te,
                                       [("評価", "（削除済み）", "（あり）")], DELETED_HERE, their_stamp=te.updated_at,
                                       ours_versions=ov, theirs_versions=tv))
        elif oe is not None:
            deleted = t_tombs.get((EVALUATION, oe.id))
            if deleted is None:
                continue
            tomb = Tombstone(EVALUATION, oe.id, deleted)
            action, ov, tv = judge.deleted_there(EVALUATION, o.id, fy, key, evaluation_digest(oe), oe.updated_at,
                                                 deleted)
            if action == CONFLICT:
                items.append(MergeItem(EVALUATION, CONFLICT, o.id, fy, label, oe, None,
                                       [("評価", "（あり）", "（削除済み）")], DELETED_THERE, tombstone=tomb,
                                       their_stamp=deleted, ours_versions=ov, theirs_versions=tv))
            elif action == DELETE:
                items.append(MergeItem(EVALUATION, DELETE, o.id, fy, label, oe, None, tombstone=tomb))
    return items, same


def _common_log_time(ours: list[tuple] | None, theirs: list[tuple]) -> str | None:
    """When the two change logs last agreed: the time of their last shared entry."""
    last = None
    for a, b in zip(ours or [], theirs):
        if a != b:
            break
        last = a[1]
    return last


def _base(o_by_id, t_by_id, our_tombs, t_tombs, since: str | None, copied: str | None = None) -> _dt.datetime | None:
    """The latest moment both copies provably agree on (see the module docstring)."""
    stamps: list[_dt.datetime] = []
    for mid, o in o_by_id.items():
        t = t_by_id.get(mid)
        if t is None:
            continue
        so = measure_stamp(o)
        if so == measure_stamp(t) and _core(o) == _core(t):
            stamps.append(_t(so))
        t_ev = {e.fy: e for e in t.evaluations}
        for e in o.evaluations:
            te = t_ev.get(e.fy)
            if te is not None and te.updated_at == e.updated_at and _content(te) == _content(e):
                stamps.append(_t(e.updated_at))
    for key, at in our_tombs.items():
        if t_tombs.get(key) == at:
            stamps.append(_t(at))
    for moment in (since, copied):
        if moment:
            stamps.append(_t(moment))
    return max(stamps) if stamps else None
