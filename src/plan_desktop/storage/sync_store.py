"""Storage side of imports and merges: tombstones and writing a batch in one transaction.

Measures are written through :class:`~.repository.PlanRepository` (which
validates each one); this module adds what the repository does not offer:
reading tombstones and recording deletions that happened elsewhere (with
their original time), so a later merge still respects them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from ..domain.model import Measure
from .repository import PlanRepository
from .versions import VersionUpdate, adopt


class TombstoneLike(Protocol):
    entity: str
    entity_id: str
    deleted_at: str


def read_tombstones(repo: PlanRepository) -> dict[tuple[str, str], str]:
    """(entity, id) -> deleted_at for every remembered deletion.

    Besides the ``tombstones`` table, an evaluation whose last change-log
    entry is a deletion and which no longer exists counts as deleted (the
    document's evaluation commands log deletions without a tombstone).
    """
    out = {(r[0], r[1]): r[2] for r in repo.db.execute(
        "SELECT 'evaluation', c.entity_id, c.at FROM change_log c "
        "WHERE c.entity = 'evaluation' AND c.action = 'delete' AND c.entity_id IS NOT NULL "
        "AND c.id = (SELECT max(id) FROM change_log x WHERE x.entity = 'evaluation' AND x.entity_id = c.entity_id) "
        "AND NOT EXISTS (SELECT 1 FROM evaluations e WHERE e.id = c.entity_id)")}
    out.update({(r[0], r[1]): r[2] for r in repo.db.execute("SELECT entity, entity_id, deleted_at FROM tombstones")})
    return out


def record_tombstones(repo: PlanRepository, tombstones: Iterable[TombstoneLike]) -> None:
    """Remember deletions with the time they happened (where they happened)."""
    for t in tombstones:
        repo.db.execute("INSERT OR REPLACE INTO tombstones (entity, entity_id, deleted_at) VALUES (?, ?, ?)",
                        [t.entity, t.entity_id, t.deleted_at])


def forget_tombstones(repo: PlanRepository, keys: Iterable[tuple[str, str]]) -> None:
    for entity, entity_id in keys:
        repo.db.execute("DELETE FROM tombstones WHERE entity = ? AND entity_id = ?", [entity, entity_id])


def set_tombstones(repo: PlanRepository, rows: dict[tuple[str, str], str]) -> None:
    """Make the given keys hold exactly these times (used by undo to restore earlier state)."""
    for (entity, entity_id), deleted_at in rows.items():
        repo.db.execute("INSERT OR REPLACE INTO tombstones (entity, entity_id, deleted_at) VALUES (?, ?, ?)",
                        [entity, entity_id, deleted_at])


def apply_batch(repo: PlanRepository, upserts: list[Measure], deletes: Iterable[str],
                tombstones: Iterable[TombstoneLike] = (), *, summary: str = "",
                positions: dict[str, int] | None = None, versions: Iterable[VersionUpdate] = ()) -> None:
    """Store *upserts* (timestamps as given), delete *deletes*, record *tombstones*: one transaction.

    A validation error in any measure rolls everything back. *positions*
    places measures (used when undo restores deleted ones where they were).
    """
    positions = positions or {}
    with repo.db.atomic():
        for m in upserts:
            repo.save_measure(m, positions.get(m.id), summary=f"{summary}: №{m.label} {m.title}" if summary else "")
        for mid in deletes:
            if measure_exists(repo, mid):
                repo.delete_measure(mid)
        record_tombstones(repo, tombstones)
        adopt(repo.db, versions)  # after the upserts: their versions, not the ones the writes made
        if summary:
            repo.log("plan", None, "exchange", summary)


def measure_exists(repo: PlanRepository, measure_id: str) -> bool:
    return repo.db.execute("SELECT 1 FROM measures WHERE id = ?", [measure_id]).fetchone() is not None


def tombstone_rows(repo: PlanRepository, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The ``tombstones`` table's entries for *keys* (absent keys are left out)."""
    out = {}
    for entity, entity_id in keys:
        row = repo.db.execute("SELECT deleted_at FROM tombstones WHERE entity = ? AND entity_id = ?",
                              [entity, entity_id]).fetchone()
        if row is not None:
            out[(entity, entity_id)] = row[0]
    return out


def change_log_keys(repo: PlanRepository) -> list[tuple]:
    """Every change-log entry as (id, at, entity, entity_id, action), oldest first.

    Two copies of one file share these entries up to the moment they were
    copied; merging uses the last shared one as a lower bound of that moment.
    """
    return [tuple(r) for r in repo.db.execute("SELECT id, at, entity, entity_id, action FROM change_log ORDER BY id")]
