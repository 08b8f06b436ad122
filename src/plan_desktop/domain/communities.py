"""Per-community progress (学区別の進捗): matrix queries, the summary sentence, community packages.

Nothing here assumes a number of communities, a set of statuses or years:
the communities are the plan's list, the statuses the measure's
``CommunitySetup.options``. A community's status in a year is the latest
entry up to that year that has a status (a community that finished a
revision in 令和5年度 is still finished in 令和6年度).

A community laptop exports just its own entries as a small JSON package
(:func:`community_package`); the office merges it with
:func:`merge_community_entries`, record by record: a cell changed later on
the laptop replaces the office's, an older one is ignored.
"""

from __future__ import annotations

import copy
import datetime as _dt
from dataclasses import dataclass, field

from .fiscal import date_label, fiscal_year_of, fy_label
from .model import Community, CommunityEntry, CommunitySetup, Measure, PlanData

DEFAULT_UNIT = "地区"  # neutral; each plan names its own unit (PlanTerms.community_unit)
PACKAGE_FORMAT = "plan-desktop-community/1"


def setup_problems(setup: CommunitySetup) -> list[str]:
    out = []
    options = [o.strip() for o in setup.options]
    if not options or any(not o for o in options):
        out.append("選択肢を1つ以上、空でない名前で入力してください")
    if len(set(options)) != len(options):
        out.append("選択肢が重複しています")
    if setup.done is not None and setup.done not in setup.options:
        out.append(f"達成とみなす選択肢「{setup.done}」が選択肢にありません")
    return out


def entry_for(data: PlanData, measure_id: str, community_id: str, fy: int) -> CommunityEntry | None:
    for e in data.community_entries:
        if e.measure_id == measure_id and e.community_id == community_id and e.fy == fy:
            return e
    return None


def status_as_of(data: PlanData, measure_id: str, community_id: str, fy: int) -> str | None:
    best = None
    for e in data.community_entries:
        if (e.measure_id == measure_id and e.community_id == community_id and e.fy <= fy and e.status
                and (best is None or e.fy > best.fy)):
            best = e
    return best.status if best else None


@dataclass
class CommunitySummary:
    """A measure's communities as of a year: how many have each status option, and how many none yet."""

    total: int
    counts: dict[str, int]  # option -> communities with that status (as of the year)
    missing: int  # communities with no status yet
    done: str | None
    done_text: str
    unit: str = DEFAULT_UNIT

    @property
    def done_count(self) -> int:
        return self.counts.get(self.done, 0) if self.done else 0

    def sentence(self) -> str:
        """"23学区中15学区で改訂済み", or a breakdown by option when nothing counts as done."""
        u = self.unit
        if self.total == 0:
            return f"{u}が登録されていません"
        if self.done is not None:
            return f"{self.total}{u}中{self.done_count}{u}で{self.done_text or self.done}"
        parts = [f"{opt} {n}{u}" for opt, n in self.counts.items() if n]
        if self.missing:
            parts.append(f"未入力 {self.missing}{u}")
        return f"{self.total}{u}中 " + "、".join(parts)


def summary(data: PlanData, m: Measure, fy: int, unit: str | None = None) -> CommunitySummary:
    unit = unit or data.terms.community_unit
    setup = m.community or CommunitySetup()
    counts = dict.fromkeys(setup.options, 0)
    missing = 0
    for c in data.communities:
        s = status_as_of(data, m.id, c.id, fy)
        if s in counts:
            counts[s] += 1
        else:
            missing += 1
    return CommunitySummary(total=len(data.communities), counts=counts, missing=missing, done=setup.done,
                            done_text=setup.done_text, unit=unit)


def summary_sentence(data: PlanData, m: Measure, fy: int, unit: str | None = None) -> str:
    return summary(data, m, fy, unit).sentence()


def matrix_years(data: PlanData, m: Measure) -> list[int]:
    """The measure's period; else the periods spanning its entries (or its schedule); else the whole plan."""
    if m.period and _has_period(data, m.period):
        return _years_of(data, m.period)
    years = sorted({e.fy for e in data.community_entries if e.measure_id == m.id} | {s.fy for s in m.schedule})
    if not years:
        return data.plan.fiscal_years
    first, last = data.plan.period_of(years[0]), data.plan.period_of(years[-1])
    lo = first.fy_start if first else years[0]
    hi = last.fy_end if last else years[-1]
    return list(range(lo, hi + 1))


def as_of_year(data: PlanData, m: Measure, years: list[int]) -> int:
    """The year the summary sentence speaks of: the latest year of *years* with an entry."""
    with_entries = [e.fy for e in data.community_entries if e.measure_id == m.id and e.fy in years]
    return max(with_entries) if with_entries else years[-1]


def as_of_label(fy: int, today: _dt.date) -> str:
    """「令和8年度末現在」 once fiscal year *fy* is over on *today*; before that the day itself,
    「令和8年11月29日現在」, so a page never dates itself in the future."""
    if fiscal_year_of(today) > fy:
        return f"{fy_label(fy)}末現在"
    return f"{date_label(today)}現在"


def _has_period(data: PlanData, name: str) -> bool:
    return any(p.name == name for p in data.plan.periods)


def _years_of(data: PlanData, name: str) -> list[int]:
    p = next(p for p in data.plan.periods if p.name == name)
    return list(range(p.fy_start, p.fy_end + 1))


def community_measures(data: PlanData) -> list[Measure]:
    return [m for m in data.measures if m.community is not None]


def placeholder_names(count: int, known: list[str], unit: str = DEFAULT_UNIT) -> list[str]:
    """*known* names followed by numbered placeholders ("学区8", …) up to *count*."""
    names = list(known[:count])
    names += [f"{unit}{i}" for i in range(len(names) + 1, count + 1)]
    return names


# ------------------------------------------------------------ packages
def community_package(data: PlanData, community_id: str, exported_at: str) -> dict:
    """One community's entries (every per-community measure) as a JSON-ready dict."""
    community = next((c for c in data.communities if c.id == community_id), None)
    if community is None:
        raise LookupError(f"{data.terms.community_unit}が見つかりません")
    return {
        "format": PACKAGE_FORMAT,
        "plan_id": data.plan.id,
        "exported_at": exported_at,
        "community": {"id": community.id, "name": community.name},
        "entries": [{"id": e.id, "measure": e.measure_id, "community": e.community_id, "fy": e.fy,
                     "status": e.status, "note": e.note, "updated_at": e.updated_at}
                    for e in data.community_entries if e.community_id == community_id],
    }


class PackageError(ValueError):
    """A community package that cannot be merged; the message is Japanese."""


def read_community_package(doc: object, data: PlanData) -> tuple[Community, list[CommunityEntry]]:
    """Validate a package against *data*; PackageError lists every problem."""
    unit = data.terms.community_unit
    if not isinstance(doc, dict) or doc.get("format") != PACKAGE_FORMAT:
        raise PackageError(f"{unit}別の進捗のファイルではありません（形式 {PACKAGE_FORMAT} が必要です）")
    if doc.get("plan_id") != data.plan.id:
        raise PackageError("別の計画から書き出されたファイルです")
    cj = doc.get("community") or {}
    community = next((c for c in data.communities if c.id == cj.get("id")), None)
    if community is None:
        raise PackageError(f"{unit}「{cj.get('name', '?')}」はこの計画の{unit}の一覧にありません")
    measures = {m.id: m for m in data.measures}
    problems, entries = [], []
    for i, x in enumerate(doc.get("entries") or []):
        where = f"entries[{i}]"
        try:
            e = CommunityEntry(id=str(x["id"]), measure_id=str(x["measure"]), community_id=str(x["community"]),
                               fy=int(x["fy"]), status=x.get("status") or None, note=str(x.get("note") or ""),
                               updated_at=str(x["updated_at"]))
        except (KeyError, TypeError, ValueError):
            problems.append(f"{where}: 項目が足りないか形式が違います")
            continue
        m = measures.get(e.measure_id)
        if e.community_id != community.id:
            problems.append(f"{where}: 別の{unit}の記録が含まれています")
        elif m is None or m.community is None:
            problems.append(f"{where}: {unit}別の{data.terms.measure} {e.measure_id} はこの計画にありません")
        elif e.status is not None and e.status not in m.community.options:
            problems.append(f"{where}: 状況「{e.status}」は№{m.label}の選択肢にありません")
        elif not data.plan.fy_start <= e.fy <= data.plan.fy_end:
            problems.append(f"{where}: 年度 {e.fy} は計画期間の外です")
        else:
            entries.append(e)
    if problems:
        raise PackageError("\n".join(problems))
    return community, entries


@dataclass
class EntryMerge:
    """What merging community entries decided: the entries to take, and how many of ours stay."""

    take: list[CommunityEntry] = field(default_factory=list)  # theirs, newer: replaces ours
    kept: int = 0  # ours newer or same
    unchanged: int = 0


def merge_community_entries(data: PlanData, theirs: list[CommunityEntry]) -> EntryMerge:
    """Decide per cell (measure, community, year): the later ``updated_at`` wins."""
    out = EntryMerge()
    for t in theirs:
        o = entry_for(data, t.measure_id, t.community_id, t.fy)
        if o is not None and (o.status, o.note) == (t.status, t.note):
            out.unchanged += 1
        elif o is None or _stamp(t.updated_at) > _stamp(o.updated_at):
            out.take.append(copy.deepcopy(t))
        else:
            out.kept += 1
    return out


def _stamp(text: str):
    import datetime as _dt

    try:
        t = _dt.datetime.fromisoformat(text)
    except ValueError:
        return _dt.datetime.min.replace(tzinfo=_dt.UTC)
    return t if t.tzinfo else t.replace(tzinfo=_dt.UTC)
