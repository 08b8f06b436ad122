"""The made-up city's plan (tests/data/other_city_plan.json, written by tools/make_other_city_plan.py).

Four levels (まちづくり方針 → 施策の柱 → 施策 → 事業, one 施策 split once
more), 60 measures with 7-digit codes, a start in 平成28年度, no
cross-references, no communities, two stages named 担当課 → 行政評価委員会,
its own 取組状況 and 今後の方向性 options, and measures that start late or
end early. None of the bundled plan's own words appears in it.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path

OTHER_CITY_JSON = Path(__file__).parent / "data" / "other_city_plan.json"

# Words of the bundled plan that must never reach another plan's window or print.
HITACHI_WORDS = ("日立", "提言", "推進協議会", "所長会議", "学区", "取組の視点", "推進事項")


@lru_cache(maxsize=1)
def _loaded():
    from plan_desktop.storage.json_format import load_file

    return load_file(OTHER_CITY_JSON)


def other_city_plan():
    """A fresh copy of the other city's plan (PlanData)."""
    return copy.deepcopy(_loaded())


def neutral_plan():
    """The other city's plan when it names none of its words (the neutral defaults), with a
    cross-reference table and communities, so that every place those words show is reached."""
    from plan_desktop.domain.model import Community, CommunityEntry, CommunitySetup, Proposal
    from plan_desktop.domain.terms import PlanTerms

    data = other_city_plan()
    data.terms = PlanTerms()
    progress = data.terms.progress_names
    directions = [d.name for d in data.terms.directions]
    for m in data.measures:
        for e in m.evaluations:
            e.progress = progress[1] if e.progress else None
            e.direction = directions[1] if e.direction else None
    data.proposals = [Proposal(1, "地域のつながり", short="つながり"), Proposal(2, "担い手の育成", short="担い手")]
    for i, m in enumerate(data.measures[:10]):
        m.proposals = {1: "◎"} if i % 2 else {2: "○"}
    data.communities = [Community(f"第{i}地区") for i in range(1, 5)]
    first = data.measures[0]
    first.community = CommunitySetup()
    data.community_entries = [CommunityEntry(first.id, c.id, 2023, status=first.community.options[-1])
                              for c in data.communities]
    return data


def write_plan(path: Path, data) -> Path:
    """Write *data* (PlanData) to a new plan file at *path*."""
    from plan_desktop.storage.database import open_database
    from plan_desktop.storage.repository import PlanRepository

    db = open_database(path, backups=False)
    try:
        PlanRepository(db).replace_all(data)
    finally:
        db.close()
    return path


def hitachi_words_in(text: str) -> list[str]:
    return [w for w in HITACHI_WORDS if w in text]


def other_city_db(path: Path) -> Path:
    """Write the other city's plan to a new plan file at *path*."""
    return write_plan(path, other_city_plan())
