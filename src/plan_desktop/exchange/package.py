"""Change packages: the records of a plan changed since a date, to carry on a USB stick.

A package is an ordinary ``plan-desktop/1`` document (plan, viewpoints,
proposals, phases and scale in full, so it validates on its own) whose
``measures`` hold only the measures changed since the date — a measure is
included whole when its own fields or any of its evaluations changed — plus
two keys that plain exports do not have::

    "package": {"kind": "changes", "since": "2024-05-01T00:00:00+09:00", "created_at": "..."},
    "tombstones": [{"entity": "measure", "id": "…", "deleted_at": "…"}, …]

``plan-desktop merge`` accepts a package (or a full JSON export) as well as
another .sqlite file.
"""

from __future__ import annotations

import copy
import datetime as _dt
import json
from pathlib import Path

from ..domain.model import PlanData, now_iso
from ..domain.validation import ValidationError
from ..fileops import write_text
from ..storage.json_format import from_json, parse_json, to_json
from ..storage.versions import versions_from_json, versions_to_json
from .merge import MergeError, MergeSource, _t, measure_stamp

PACKAGE_KIND = "changes"


def parse_since(text: str) -> _dt.datetime:
    """'2024-05-01' (local midnight) or an ISO date-time; raises ValueError in Japanese."""
    s = text.strip().replace("/", "-")
    try:
        if len(s) <= 10:
            d = _dt.date.fromisoformat("-".join(p.zfill(2) for p in s.split("-")))
            return _dt.datetime(d.year, d.month, d.day).astimezone()
        t = _dt.datetime.fromisoformat(s)
    except ValueError:
        raise ValueError(f"日付として読めません: {text!r}（例: 2024-05-01）") from None
    return t if t.tzinfo else t.astimezone()


def changes_since(data: PlanData, tombstones: dict[tuple[str, str], str], since: _dt.datetime,
                  versions: dict | None = None) -> dict:
    """The package document for everything changed at or after *since*; with *versions*
    (``storage.versions.read_versions``) the records' histories go along, so the merge at the
    other end can tell a change it has not seen from one it has."""
    def recent(stamp: str) -> bool:
        return _t(stamp) >= since

    picked = copy.copy(data)
    picked.measures = [m for m in data.measures
                       if recent(measure_stamp(m)) or any(recent(e.updated_at) for e in m.evaluations)]
    doc = to_json(picked)
    doc["package"] = {"kind": PACKAGE_KIND, "since": since.isoformat(), "created_at": now_iso()}
    doc["tombstones"] = [{"entity": k[0], "id": k[1], "deleted_at": at}
                         for k, at in sorted(tombstones.items()) if k[0] in ("measure", "evaluation") and recent(at)]
    if versions is not None:
        doc["versions"] = versions_to_json(versions, sorted(versions))
    return doc


def write_package(data: PlanData, tombstones: dict[tuple[str, str], str], since: _dt.datetime,
                  path: str | Path, versions: dict | None = None) -> tuple[int, int]:
    """Write the package; returns (measures, deletions) in it."""
    doc = changes_since(data, tombstones, since, versions)
    write_text(Path(path), json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(doc["measures"]), len(doc["tombstones"])


def _is_stamp(text: str) -> bool:
    try:
        _dt.datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def read_package(path: str | Path) -> MergeSource:
    """A change package or a full JSON export as a merge source; raises MergeError in Japanese."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise MergeError(f"{path.name} を読めません（{exc.strerror or exc}）") from exc
    except UnicodeDecodeError as exc:
        raise MergeError(f"{path.name} は計画のファイル（.sqlite）でも UTF-8 の JSON でもありません"
                         f"（{exc.start + 1} バイト目）") from exc
    try:
        doc = parse_json(text)
    except ValidationError as exc:
        raise MergeError(f"{path.name} は計画のファイル（.sqlite）でも正しい JSON でもありません"
                         f"（{exc.problems[0]}）") from exc
    if not isinstance(doc, dict):
        raise MergeError(f"{path.name} は計画の JSON ではありません（オブジェクトではありません）")
    try:
        data = from_json(doc)
    except ValidationError as exc:
        lines = "\n".join(f"  {p}" for p in exc.problems[:30])
        raise MergeError(f"{path.name} を読み込めません:\n{lines}") from exc
    tombstones: dict[tuple[str, str], str] = {}
    since = None
    pkg = doc.get("package")
    if pkg is not None:
        if not isinstance(pkg, dict) or pkg.get("kind") != PACKAGE_KIND or not isinstance(pkg.get("since"), str):
            raise MergeError(f"{path.name}: package の形式が違います")
        since = pkg["since"]
        try:
            _dt.datetime.fromisoformat(since)
        except ValueError:
            raise MergeError(f"{path.name}: package.since が日時として読めません（{since[:40]!r}）") from None
    raw = doc.get("tombstones", [])
    if not isinstance(raw, list):
        raise MergeError(f"{path.name}: tombstones は配列でなければなりません")
    for i, t in enumerate(raw):
        if not (isinstance(t, dict) and t.get("entity") in ("measure", "evaluation")
                and isinstance(t.get("id"), str) and isinstance(t.get("deleted_at"), str)
                and _is_stamp(t["deleted_at"])):
            raise MergeError(f"{path.name}: tombstones[{i}] の形式が違います"
                             "（entity・id・deleted_at（日時）が必要です）")
        tombstones[(t["entity"], t["id"])] = t["deleted_at"]
    versions = None
    if "versions" in doc:
        try:
            versions = versions_from_json(doc["versions"])
        except ValueError as exc:
            raise MergeError(f"{path.name}: {exc}") from exc
    return MergeSource(path.name, data, tombstones, since, versions=versions)
