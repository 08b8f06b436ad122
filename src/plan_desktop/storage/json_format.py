"""The ``plan-desktop/1`` JSON exchange format (documented in docs/json-format.md).

``to_json`` and ``from_json`` are inverse: a document survives a round trip
unchanged, ids and timestamps included. ``from_json`` never returns a
partially read plan: every problem is collected and raised together, each
naming its JSON path.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
from pathlib import Path
from typing import Any

from ..domain.model import (
    DEFAULT_PHASES,
    DEFAULT_RATING_SCALE,
    ActionBlock,
    ActionItem,
    Community,
    CommunityEntry,
    CommunitySetup,
    Evaluation,
    Indicator,
    Measure,
    Period,
    Phase,
    Plan,
    PlanData,
    Proposal,
    RatingLevel,
    ScheduleEntry,
    Viewpoint,
    new_id,
    now_iso,
)
from ..domain.terms import DirectionOption, EvaluationStage, Level, PlanTerms, ProgressOption
from ..domain.validation import Problem, ValidationError, text_problem, validate_plan

FORMAT_TAG = "plan-desktop/1"
# Older spelling of the final status accepted on import.
_STATUS_ALIASES = {"確定": "会議確定"}


def to_json(data: PlanData) -> dict[str, Any]:
    p = data.plan
    return {
        "format": FORMAT_TAG,
        "plan": {
            "id": p.id, "title": p.title, "subtitle": p.subtitle, "policy": p.policy, "policy_sub": p.policy_sub,
            "fy_start": p.fy_start, "fy_end": p.fy_end, "updated_at": p.updated_at,
            "periods": [{"id": x.id, "name": x.name, "fy_start": x.fy_start, "fy_end": x.fy_end, "locked": x.locked}
                        for x in p.periods],
        },
        "phases": [{"id": ph.id, "name": ph.name, "color": ph.color} for ph in data.phases],
        "rating_scale": [{"letter": r.letter, "label": r.label, "definition": r.definition, "points": r.points}
                         for r in data.rating_scale],
        "proposals": [{"id": x.id, "no": x.no, "title": x.title, "subtitle": x.subtitle, "short": x.short,
                       "items": list(x.items), "updated_at": x.updated_at} for x in data.proposals],
        "viewpoints": [_viewpoint_to_json(x) for x in data.viewpoints],
        "measures": [_measure_to_json(m) for m in data.measures],
        "notes": list(data.notes),
        "communities": [{"id": c.id, "name": c.name, "updated_at": c.updated_at} for c in data.communities],
        "community_entries": [
            {"id": e.id, "measure": e.measure_id, "community": e.community_id, "fy": e.fy, "status": e.status,
             "note": e.note, "updated_at": e.updated_at} for e in data.community_entries],
        "terms": terms_to_json(data.terms),
    }


def _viewpoint_to_json(x: Viewpoint) -> dict[str, Any]:
    out: dict[str, Any] = {"id": x.id, "no": x.no, "title": x.title, "description": x.description,
                           "updated_at": x.updated_at}
    if x.parent is not None:
        out["parent"] = x.parent
    if x.code is not None:
        out["code"] = x.code
    return out


def terms_to_json(t: PlanTerms) -> dict[str, Any]:
    """The plan's words as the ``terms`` object (every key written, defaults included)."""
    return {
        "levels": [{"name": lv.name, "short": lv.short} for lv in t.levels],
        "measure": t.measure,
        "cross_reference": t.cross_reference,
        "cross_reference_numerals": t.cross_reference_numerals,
        "community_unit": t.community_unit,
        "stages": [{"name": st.name, "short": st.short, "confirmed": st.confirmed} for st in t.stages],
        "progress": [{"name": o.name, "started": o.started} for o in t.progress],
        "directions": [{"name": o.name, "closing": o.closing} for o in t.directions],
        "start_goal": t.start_goal,
    }


def terms_from_json(value: Any, path: str = "$.terms") -> PlanTerms:
    """Read a ``terms`` object; raise ValidationError naming each bad key. Missing keys: neutral defaults."""
    r = _Reader()
    terms = _read_terms(r, value, path)
    if r.problems:
        raise ValidationError(r.problems)
    return terms


def _read_terms(r: _Reader, value: Any, path: str) -> PlanTerms:
    t = PlanTerms()
    if value is None:
        return t
    x = r.obj(value, path)
    if not x:
        return t

    def named_list(key: str, make) -> list | None:
        if key not in x:
            return None
        out = []
        for i, item in enumerate(r.arr(x, key, path)):
            ipath = f"{path}.{key}[{i}]"
            if isinstance(item, str):
                item = {"name": item}
            item = r.obj(item, ipath)
            if item:
                out.append(make(item, ipath))
        return out

    levels = named_list("levels", lambda o, ip: Level(r.text(o, "name", ip, required=True), r.text(o, "short", ip)))
    if levels is not None:
        t.levels = levels
    for key in ("measure", "cross_reference", "community_unit"):
        if key in x:
            setattr(t, key, r.text(x, key, path, required=True))
    if "cross_reference_numerals" in x:
        t.cross_reference_numerals = r.text(x, "cross_reference_numerals", path, required=True)
    if "start_goal" in x:
        t.start_goal = r.text(x, "start_goal", path)
    stages = named_list("stages", lambda o, ip: EvaluationStage(r.text(o, "name", ip, required=True),
                                                                r.text(o, "short", ip), r.text(o, "confirmed", ip)))
    if stages is not None:
        t.stages = stages
    progress = named_list("progress", lambda o, ip: ProgressOption(
        r.text(o, "name", ip, required=True), r.boolean(o, "started", ip, default=True)))
    if progress is not None:
        t.progress = progress
    directions = named_list("directions", lambda o, ip: DirectionOption(
        r.text(o, "name", ip, required=True), r.boolean(o, "closing", ip)))
    if directions is not None:
        t.directions = directions
    return t


def _measure_to_json(m: Measure) -> dict[str, Any]:
    return {
        "id": m.id, "no": m.no, "title": m.title, "priority": m.priority, "viewpoint": m.viewpoint,
        "departments": list(m.departments),
        "proposals": {str(k): v for k, v in sorted(m.proposals.items())},
        "issue": m.issue, "content": m.content,
        "action_plan": [
            {"id": b.id, "fy_from": b.fy_from, "fy_to": b.fy_to, "updated_at": b.updated_at,
             "items": [{"id": i.id, "text": i.text, "sub": list(i.sub), "updated_at": i.updated_at} for i in b.items]}
            for b in m.action_plan
        ],
        "schedule": [{"fy": s.fy, "phase": s.phase} for s in m.schedule],
        "evaluations": [_evaluation_to_json(e) for e in m.evaluations],
        "updated_at": m.updated_at,
        "period": m.period,
        "predecessors": list(m.predecessor_ids),
        "community": None if m.community is None else {
            "options": list(m.community.options), "done": m.community.done, "done_text": m.community.done_text},
        **({"code": m.code} if m.code is not None else {}),
        **({"fy_from": m.fy_from} if m.fy_from is not None else {}),
        **({"fy_to": m.fy_to} if m.fy_to is not None else {}),
    }


def _evaluation_to_json(e: Evaluation) -> dict[str, Any]:
    return {
        "id": e.id, "fy": e.fy, "rating": e.rating, "progress": e.progress, "achievements": e.achievements,
        "issues": e.issues, "improvements": e.improvements, "direction": e.direction,
        "committee_opinion": e.committee_opinion, "status": e.status,
        "starting_point": e.starting_point, "planned_actions": e.planned_actions,
        "indicators": [{"id": i.id, "name": i.name, "unit": i.unit, "baseline": i.baseline, "target": i.target,
                        "actual": i.actual} for i in e.indicators],
        "self_rating": e.self_rating, "self_comment": e.self_comment, "self_author": e.self_author,
        "self_date": e.self_date, "council_rating": e.council_rating, "council_date": e.council_date,
        "middle_rating": e.middle_rating, "middle_opinion": e.middle_opinion, "middle_date": e.middle_date,
        "unlocked": e.unlocked,
        "extra": dict(e.extra), "updated_at": e.updated_at,
    }


def dumps(data: PlanData) -> str:
    return json.dumps(to_json(data), ensure_ascii=False, indent=1) + "\n"


#: A plan file larger than this is not a plan (the bundled plan is 0.3 MB; 2,000 measures about 10 MB).
MAX_JSON_BYTES = 100_000_000
#: Integers in a plan file (numbers, years, positions) stay far inside what SQLite stores.
MAX_INTEGER = 2**31 - 1
#: Numbers (points, indicator values) stay far inside what prints and sums exactly.
MAX_NUMBER = 1e15


class _BadConstant(ValueError):
    pass


def _reject_constant(name: str) -> float:
    raise _BadConstant(name)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _BadConstant(text)
    return value


def parse_json(text: str) -> Any:
    """``json.loads`` for untrusted plan files: NaN, Infinity, numbers that overflow to infinity and
    absurdly deep nesting are refused with a Japanese :class:`ValidationError`."""
    try:
        return json.loads(text, parse_constant=_reject_constant, parse_float=_finite_float)
    except json.JSONDecodeError as exc:
        raise ValidationError([Problem(f"行 {exc.lineno} 列 {exc.colno}", f"JSON として読めません（{exc.msg}）")]) from exc
    except _BadConstant as exc:
        raise ValidationError([Problem("", f"数値として使えない値 {exc} が含まれています（NaN・Infinity や"
                                           "大きすぎる数は使えません）")]) from exc
    except RecursionError as exc:
        raise ValidationError([Problem("", "配列やオブジェクトの入れ子が深すぎます。計画のファイルではありません")]) from exc


class _Reader:
    """Pulls typed values out of untrusted JSON, recording problems by path."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._ids: dict[tuple[str, str], str] = {}  # (kind, id) -> path of its first use

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def obj(self, value: Any, path: str) -> dict:
        if not isinstance(value, dict):
            self.fail(path, "オブジェクト（{...}）でなければなりません")
            return {}
        return value

    def arr(self, parent: dict, key: str, path: str, *, required: bool = False) -> list:
        if key not in parent:
            if required:
                self.fail(f"{path}.{key}", "必須の項目がありません")
            return []
        value = parent[key]
        if not isinstance(value, list):
            self.fail(f"{path}.{key}", "配列（[...]）でなければなりません")
            return []
        return value

    def text(self, parent: dict, key: str, path: str, *, required: bool = False, default: str = "") -> str:
        if key not in parent or parent[key] is None:
            if required:
                self.fail(f"{path}.{key}", "必須の項目がありません")
            return default
        value = parent[key]
        if not isinstance(value, str):
            self.fail(f"{path}.{key}", "文字列でなければなりません")
            return default
        if required and not value.strip():
            self.fail(f"{path}.{key}", "空にはできません")
        return self._storable(value, f"{path}.{key}")

    def _storable(self, value: str, path: str) -> str:
        problem = text_problem(value, path, label="文字列")
        if problem is not None:
            self.fail(path, problem.message)
        return value

    def opt_text(self, parent: dict, key: str, path: str) -> str | None:
        value = parent.get(key)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            self.fail(f"{path}.{key}", "文字列か null でなければなりません")
            return None
        return self._storable(value, f"{path}.{key}")

    def integer(self, parent: dict, key: str, path: str, *, required: bool = True, default: int = 0) -> int:
        if key not in parent:
            if required:
                self.fail(f"{path}.{key}", "必須の項目がありません")
            return default
        value = parent[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(f"{path}.{key}", f"整数でなければなりません（{_short(value)}）")
            return default
        if abs(value) > MAX_INTEGER:
            self.fail(f"{path}.{key}", f"整数が大きすぎます（{_short(value)}）")
            return default
        return value

    def number(self, parent: dict, key: str, path: str, default: float = 0.0) -> float:
        value = parent.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(f"{path}.{key}", f"数値でなければなりません（{_short(value)}）")
            return default
        if not (math.isfinite(value) and abs(value) <= MAX_NUMBER):
            self.fail(f"{path}.{key}", f"数値が大きすぎます（{_short(value)}）")
            return default
        return float(value)

    def opt_number(self, parent: dict, key: str, path: str) -> float | None:
        value = parent.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(f"{path}.{key}", f"数値か null でなければなりません（{_short(value)}）")
            return None
        if not (math.isfinite(value) and abs(value) <= MAX_NUMBER):
            self.fail(f"{path}.{key}", f"数値が大きすぎます（{_short(value)}）")
            return None
        return float(value)

    def boolean(self, parent: dict, key: str, path: str, default: bool = False) -> bool:
        value = parent.get(key, default)
        if not isinstance(value, bool):
            self.fail(f"{path}.{key}", "true か false でなければなりません")
            return default
        return value

    def opt_integer(self, parent: dict, key: str, path: str) -> int | None:
        value = parent.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(f"{path}.{key}", f"整数か null でなければなりません（{_short(value)}）")
            return None
        if abs(value) > MAX_INTEGER:
            self.fail(f"{path}.{key}", f"整数が大きすぎます（{_short(value)}）")
            return None
        return value

    def opt_code(self, parent: dict, key: str, path: str) -> str | None:
        """A display code: a string, or a number written without quotes (1000101 → "1000101")."""
        value = parent.get(key)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            self.fail(f"{path}.{key}", f"表示コードは文字列でなければなりません（{value!r}）")
            return None
        return value

    def strings(self, parent: dict, key: str, path: str) -> list[str]:
        out = []
        for i, v in enumerate(self.arr(parent, key, path)):
            if isinstance(v, str):
                out.append(self._storable(v, f"{path}.{key}[{i}]"))
            else:
                self.fail(f"{path}.{key}[{i}]", "文字列でなければなりません")
        return out

    def ident(self, parent: dict, path: str) -> str:
        """The record's id; an id used twice by records of one kind is a problem (the file
        would store one of them over the other)."""
        value = parent.get("id")
        if value is None:
            return new_id()
        if not isinstance(value, str) or not value:
            self.fail(f"{path}.id", "id は空でない文字列でなければなりません")
            return new_id()
        self._storable(value, f"{path}.id")
        kind = _kind_of(path)
        first = self._ids.setdefault((kind, value), path)
        if first != path:
            self.fail(f"{path}.id", f"id「{_short(value)}」が {first} と重複しています")
        return value

    def stamp(self, parent: dict, path: str) -> str:
        value = parent.get("updated_at")
        if value is None:
            return now_iso()
        if not isinstance(value, str):
            self.fail(f"{path}.updated_at", "日時の文字列でなければなりません")
            return now_iso()
        if not _is_timestamp(value):
            self.fail(f"{path}.updated_at", f"日時として読めません（{_short(value)}。例: 2024-05-01T09:00:00+09:00）")
            return now_iso()
        return value


def _short(value: object, n: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= n else text[: n - 1] + "…"


def _kind_of(path: str) -> str:
    """The kind of record a path names: ``$.measures[3].action_plan[0].items[1]`` -> ``items``."""
    last = path.rsplit(".", 1)[-1]
    return last.split("[", 1)[0]


def _is_timestamp(text: str) -> bool:
    try:
        _dt.datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def from_json(doc: Any) -> PlanData:
    """Parse and validate a ``plan-desktop/1`` document; raise ValidationError listing every problem."""
    r = _Reader()
    root = r.obj(doc, "$")
    if root and root.get("format") != FORMAT_TAG:
        r.fail("$.format", f"形式が違います: {root.get('format')!r}（{FORMAT_TAG!r} が必要です）")
        raise ValidationError(r.problems)
    if r.problems:
        raise ValidationError(r.problems)
    pj = r.obj(root.get("plan"), "$.plan")
    plan = Plan(
        id=r.ident(pj, "$.plan"), title=r.text(pj, "title", "$.plan", required=True),
        subtitle=r.text(pj, "subtitle", "$.plan"), policy=r.text(pj, "policy", "$.plan"),
        policy_sub=r.text(pj, "policy_sub", "$.plan"),
        fy_start=r.integer(pj, "fy_start", "$.plan"), fy_end=r.integer(pj, "fy_end", "$.plan"),
        updated_at=r.stamp(pj, "$.plan"),
    )
    for i, x in enumerate(r.arr(pj, "periods", "$.plan")):
        path = f"$.plan.periods[{i}]"
        x = r.obj(x, path)
        plan.periods.append(Period(id=r.ident(x, path), name=r.text(x, "name", path, required=True),
                                   fy_start=r.integer(x, "fy_start", path), fy_end=r.integer(x, "fy_end", path),
                                   locked=r.boolean(x, "locked", path)))
    phases = []
    if "phases" in root:
        for i, x in enumerate(r.arr(root, "phases", "$")):
            path = f"$.phases[{i}]"
            x = r.obj(x, path)
            phases.append(Phase(id=r.ident(x, path), name=r.text(x, "name", path, required=True),
                                color=r.text(x, "color", path, default="#888888")))
    else:
        phases = [Phase(name=p.name, color=p.color) for p in DEFAULT_PHASES]
    scale = []
    if "rating_scale" in root:
        for i, x in enumerate(r.arr(root, "rating_scale", "$")):
            path = f"$.rating_scale[{i}]"
            x = r.obj(x, path)
            scale.append(RatingLevel(letter=r.text(x, "letter", path, required=True), label=r.text(x, "label", path),
                                     definition=r.text(x, "definition", path), points=r.number(x, "points", path)))
    else:
        scale = list(DEFAULT_RATING_SCALE)
    proposals = []
    for i, x in enumerate(r.arr(root, "proposals", "$")):
        path = f"$.proposals[{i}]"
        x = r.obj(x, path)
        proposals.append(Proposal(id=r.ident(x, path), no=r.integer(x, "no", path),
                                  title=r.text(x, "title", path, required=True), subtitle=r.text(x, "subtitle", path),
                                  short=r.text(x, "short", path), items=r.strings(x, "items", path),
                                  updated_at=r.stamp(x, path)))
    viewpoints = []
    raw_viewpoints = r.arr(root, "viewpoints", "$", required=True)
    # A group without "no" gets one after the highest given (and shows no number).
    given = [x.get("no") for x in raw_viewpoints if isinstance(x, dict)]
    next_no = max([n for n in given if isinstance(n, int) and not isinstance(n, bool)], default=0) + 1
    for i, x in enumerate(raw_viewpoints):
        path = f"$.viewpoints[{i}]"
        x = r.obj(x, path)
        code = r.opt_code(x, "code", path)
        if x and "no" not in x:
            no, next_no = next_no, next_no + 1
            code = "" if code is None else code
        else:
            no = r.integer(x, "no", path)
        viewpoints.append(Viewpoint(id=r.ident(x, path), no=no,
                                    title=r.text(x, "title", path, required=True),
                                    description=r.text(x, "description", path), updated_at=r.stamp(x, path),
                                    parent=r.opt_integer(x, "parent", path), code=code))
    measures = [_measure_from_json(r, x, f"$.measures[{i}]") for i, x in enumerate(r.arr(root, "measures", "$", required=True))]
    notes = r.strings(root, "notes", "$")
    communities = []
    for i, x in enumerate(r.arr(root, "communities", "$")):
        path = f"$.communities[{i}]"
        x = r.obj(x, path)
        communities.append(Community(id=r.ident(x, path), name=r.text(x, "name", path, required=True),
                                     updated_at=r.stamp(x, path)))
    entries = []
    measures_by_id = {m.id: m for m in measures}
    cells: dict[tuple[str, str, int], str] = {}
    community_ids = {c.id for c in communities}
    measure_ids = {m.id for m in measures}
    for i, x in enumerate(r.arr(root, "community_entries", "$")):
        path = f"$.community_entries[{i}]"
        x = r.obj(x, path)
        e = CommunityEntry(id=r.ident(x, path), measure_id=r.text(x, "measure", path, required=True),
                           community_id=r.text(x, "community", path, required=True), fy=r.integer(x, "fy", path),
                           status=r.opt_text(x, "status", path), note=r.text(x, "note", path),
                           updated_at=r.stamp(x, path))
        if e.measure_id not in measure_ids:
            r.fail(f"{path}.measure", f"measures に id {e.measure_id} はありません")
        if e.community_id not in community_ids:
            r.fail(f"{path}.community", f"communities に id {e.community_id} はありません")
        _check_entry(r, e, path, plan, measures_by_id, cells)
        entries.append(e)
    period_names = {x.name for x in plan.periods}
    for i, m in enumerate(measures):
        if m.period is not None and m.period not in period_names:
            r.fail(f"$.measures[{i}].period", f"期間「{m.period}」は plan.periods にありません")
    if "terms" in root:
        terms = _read_terms(r, root.get("terms"), "$.terms")
    else:
        from .bundled import bundled_terms_for

        legacy = bundled_terms_for(plan.id)  # an export of the bundled plan written before terms existed
        terms = _read_terms(r, legacy, "$.terms") if legacy else PlanTerms()
    if r.problems:
        raise ValidationError(r.problems)
    for m in measures:  # a status may be written as the plan's label ("行政評価委員会確定")
        for ev in m.evaluations:
            if ev.status not in terms.status_codes:
                ev.status = terms.status_code(ev.status) or ev.status
    data = PlanData(plan=plan, proposals=proposals, viewpoints=viewpoints, measures=measures,
                    phases=phases, rating_scale=scale, notes=notes, communities=communities,
                    community_entries=entries, terms=terms)
    problems = [Problem(f"$.{p.path}", p.message) for p in validate_plan(data)]
    if problems:
        raise ValidationError(problems)
    return data


def _check_entry(r: _Reader, e: CommunityEntry, path: str, plan: Plan, measures: dict[str, Measure],
                 cells: dict[tuple[str, str, int], str]) -> None:
    """One cell per measure, community and year, in the plan's years, with one of the measure's statuses."""
    key = (e.measure_id, e.community_id, e.fy)
    first = cells.setdefault(key, path)
    if first != path:
        r.fail(path, f"同じ項目・地域・年度の記録が {first} と重複しています")
    if not plan.fy_start <= e.fy <= plan.fy_end:
        r.fail(f"{path}.fy", f"年度 {e.fy} は計画期間（{plan.fy_start}～{plan.fy_end}）の外です")
    m = measures.get(e.measure_id)
    if e.status is not None and m is not None:
        options = list(m.community.options) if m.community is not None else []
        if e.status not in options:
            shown = "/".join(options) if options else "選択肢なし"
            r.fail(f"{path}.status", f"状態「{e.status}」はこの項目の選択肢（{shown}）にありません")


def _measure_from_json(r: _Reader, x: Any, path: str) -> Measure:
    x = r.obj(x, path)
    proposals: dict[int, str] = {}
    pj = x.get("proposals", {})
    if not isinstance(pj, dict):
        r.fail(f"{path}.proposals", "オブジェクト（{\"1\": \"◎\"}）でなければなりません")
        pj = {}
    for key, mark in pj.items():
        try:
            proposals[int(key)] = mark
        except ValueError:
            r.fail(f"{path}.proposals.{key}", "関連表（proposals）の番号は整数でなければなりません")
    blocks = []
    for bi, b in enumerate(r.arr(x, "action_plan", path)):
        bpath = f"{path}.action_plan[{bi}]"
        b = r.obj(b, bpath)
        items = []
        for ii, it in enumerate(r.arr(b, "items", bpath)):
            ipath = f"{bpath}.items[{ii}]"
            it = r.obj(it, ipath)
            items.append(ActionItem(id=r.ident(it, ipath), text=r.text(it, "text", ipath, required=True),
                                    sub=r.strings(it, "sub", ipath), updated_at=r.stamp(it, ipath)))
        blocks.append(ActionBlock(id=r.ident(b, bpath), fy_from=r.integer(b, "fy_from", bpath),
                                  fy_to=r.integer(b, "fy_to", bpath), items=items, updated_at=r.stamp(b, bpath)))
    schedule = []
    for si, s in enumerate(r.arr(x, "schedule", path)):
        spath = f"{path}.schedule[{si}]"
        s = r.obj(s, spath)
        schedule.append(ScheduleEntry(fy=r.integer(s, "fy", spath), phase=r.text(s, "phase", spath, required=True)))
    evaluations = []
    for ei, e in enumerate(r.arr(x, "evaluations", path)):
        epath = f"{path}.evaluations[{ei}]"
        e = r.obj(e, epath)
        status = r.text(e, "status", epath, default="下書き")
        extra = e.get("extra", {})
        if not isinstance(extra, dict):
            r.fail(f"{epath}.extra", "オブジェクトでなければなりません")
            extra = {}
        indicators = []
        for ii, ind in enumerate(r.arr(e, "indicators", epath)):
            ipath = f"{epath}.indicators[{ii}]"
            ind = r.obj(ind, ipath)
            indicators.append(Indicator(id=r.ident(ind, ipath), name=r.text(ind, "name", ipath, required=True),
                                        unit=r.text(ind, "unit", ipath), baseline=r.opt_number(ind, "baseline", ipath),
                                        target=r.opt_number(ind, "target", ipath),
                                        actual=r.opt_number(ind, "actual", ipath)))
        evaluations.append(Evaluation(
            id=r.ident(e, epath), fy=r.integer(e, "fy", epath), rating=r.opt_text(e, "rating", epath),
            progress=r.opt_text(e, "progress", epath), achievements=r.text(e, "achievements", epath),
            issues=r.text(e, "issues", epath), improvements=r.text(e, "improvements", epath),
            direction=r.opt_text(e, "direction", epath), committee_opinion=r.text(e, "committee_opinion", epath),
            status=_STATUS_ALIASES.get(status, status), extra=extra, updated_at=r.stamp(e, epath),
            starting_point=r.text(e, "starting_point", epath), planned_actions=r.text(e, "planned_actions", epath),
            indicators=indicators,
            self_rating=r.opt_text(e, "self_rating", epath), self_comment=r.text(e, "self_comment", epath),
            self_author=r.text(e, "self_author", epath), self_date=r.opt_text(e, "self_date", epath),
            council_rating=r.opt_text(e, "council_rating", epath), council_date=r.opt_text(e, "council_date", epath),
            middle_rating=r.opt_text(e, "middle_rating", epath), middle_opinion=r.text(e, "middle_opinion", epath),
            middle_date=r.opt_text(e, "middle_date", epath),
            unlocked=r.boolean(e, "unlocked", epath)))
    community = None
    cj = x.get("community")
    if cj is not None:
        cj = r.obj(cj, f"{path}.community")
        community = CommunitySetup(options=r.strings(cj, "options", f"{path}.community"),
                                   done=r.opt_text(cj, "done", f"{path}.community"),
                                   done_text=r.text(cj, "done_text", f"{path}.community"))
    return Measure(
        period=r.opt_text(x, "period", path), predecessor_ids=r.strings(x, "predecessors", path), community=community,
        id=r.ident(x, path), no=r.integer(x, "no", path), title=r.text(x, "title", path, required=True),
        priority=r.boolean(x, "priority", path), viewpoint=r.integer(x, "viewpoint", path),
        departments=r.strings(x, "departments", path), proposals=proposals,
        issue=r.text(x, "issue", path), content=r.text(x, "content", path),
        action_plan=blocks, schedule=schedule, evaluations=evaluations, updated_at=r.stamp(x, path),
        code=r.opt_code(x, "code", path), fy_from=r.opt_integer(x, "fy_from", path),
        fy_to=r.opt_integer(x, "fy_to", path),
    )


def load_file(path: str | Path) -> PlanData:
    """Read a JSON file; problems (including unreadable JSON) raise ValidationError."""
    path = Path(path)
    if path.is_dir():
        raise ValidationError([Problem("", f"{path} はフォルダーです。JSON ファイルを指定してください")])
    try:
        size = path.stat().st_size
        if size > MAX_JSON_BYTES:
            raise ValidationError([Problem("", f"ファイルが大きすぎます（{size / 1e6:.0f} MB。"
                                               f"{MAX_JSON_BYTES // 1_000_000} MB まで）")])
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ValidationError([Problem("", f"ファイルを読めません: {exc.strerror or exc}")]) from exc
    except UnicodeDecodeError as exc:
        raise ValidationError([Problem("", f"UTF-8 の文字として読めません（{exc.start + 1} バイト目）。"
                                           "JSON は UTF-8 で保存してください")]) from exc
    return from_json(parse_json(text))
