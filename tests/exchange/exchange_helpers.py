"""Helpers shared by the exchange tests (imported as a plain module, like storage/safety_helpers)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from plan_desktop.domain.model import Evaluation, PlanData
from plan_desktop.storage.database import open_database
from plan_desktop.storage.repository import PlanRepository

FY = 2024


def open_repo(path: Path) -> PlanRepository:
    return PlanRepository(open_database(path, backups=False))


def load(path: Path) -> PlanData:
    repo = open_repo(path)
    try:
        return repo.load()
    finally:
        repo.db.close()


def sample_evaluation(i: int, fy: int = FY) -> Evaluation:
    """Evaluations exercising every kind of field: letters, choices, multi-line text, dates."""
    names = {f.name for f in dataclasses.fields(Evaluation)}
    values = dict(
        fy=fy, rating="ABCD"[i % 4], progress=("実施中", "完了", "未着手")[i % 3],
        achievements=f"説明会を{i + 1}回開催した。\n参加者は延べ{(i + 1) * 40}人。",
        issues="  前後に空白のある課題  " if i == 0 else "担い手の不足",
        improvements="=SUM(A1:A3) のように始まる文章" if i == 1 else "ＮＰＯとの連携を強める",
        direction=("拡充", "継続", "改善")[i % 3], committee_opinion="",
    )
    if "self_rating" in names:
        values |= dict(self_rating="ABCD"[(i + 1) % 4], self_comment=f"所管課のコメント{i}", self_author="山田",
                       self_date="2025-04-30")
    return Evaluation(**values)
