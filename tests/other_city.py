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


def hitachi_words_in(text: str) -> list[str]:
    return [w for w in HITACHI_WORDS if w in text]


def other_city_db(path: Path) -> Path:
    """Write the other city's plan to a new plan file at *path*."""
    from plan_desktop.storage.database import open_database
    from plan_desktop.storage.repository import PlanRepository

    db = open_database(path, backups=False)
    try:
        PlanRepository(db).replace_all(other_city_plan())
    finally:
        db.close()
    return path
