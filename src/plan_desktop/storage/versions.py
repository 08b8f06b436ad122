"""Per-record version history: what each copy of a plan has seen of each record.

Merging two copies of a plan needs, for every record that differs, the
answer to "has the other copy seen what I have?" A single common moment (the
newest record both copies agree on) cannot answer it once a third copy is
involved: two laptops that both edited №3 and then both took the
secretariat's later changes share a moment after both edits, and the older
edit was silently replaced.

So every stored change of a record's content gets a version id, and each copy
keeps the set of versions each record has had (``record_versions``; one row
per version, ``head`` marks the current one). A record is a measure's own
fields, or one year's evaluation of a measure (``<measure id>:<fy>``), the
same records the merge compares. Then, for a record that differs:

* their current version is in my history → I have seen theirs: mine is newer;
* my current version is in their history → theirs is newer: take it;
* neither → both changed since they last agreed: a conflict,

however many copies exchanged in between. Merging passes histories on
(:func:`adopt`), and keeping my side of a conflict makes a new version that
includes theirs, so the other copy takes mine next time.

Versions are random ids for edits. A record without stored history (a file
from before this table, or a record never changed since) has the virtual
version ``d:<digest of its content>``, the same in every copy holding the
same content, and that version is stored as the first entry of the history
before the record's first change. A record created here is stored with the
version of its content at once, so a record that neither copy has rows for
was last changed before histories were kept; the merge decides those by the
base moment, as it did before.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..domain.model import Evaluation, Measure
from .connection import SqlDatabase

MEASURE, EVALUATION = "measure", "evaluation"
Key = tuple[str, str]  # (entity, record)


@dataclass(frozen=True)
class RecordVersions:
    """A record's current version and every version it has been (for three-way merging)."""

    head: str
    history: frozenset[str]

    def merged(self, other: RecordVersions, head: str | None = None) -> RecordVersions:
        return RecordVersions(head or self.head, self.history | other.history | {head or self.head})


def evaluation_record(measure_id: str, fy: int) -> str:
    return f"{measure_id}:{fy}"


def _digest(value: object) -> str:
    import hashlib  # (OpenSSL's set-up, ~4 ms: when a record is first compared, not at start-up)

    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def measure_digest(m: Measure) -> str:
    """The measure's own content (what the merge compares), without ids of itself, timestamps
    or evaluations."""
    d = dataclasses.asdict(m)
    for key in ("id", "evaluations", "updated_at"):
        d.pop(key, None)
    for block in d.get("action_plan", []):
        block.pop("updated_at", None)
        for item in block.get("items", []):
            item.pop("updated_at", None)
    return _digest(d)


def evaluation_digest(e: Evaluation) -> str:
    d = dataclasses.asdict(e)
    d.pop("id", None)
    d.pop("updated_at", None)
    return _digest(d)


def digests_of(m: Measure) -> dict[Key, str]:
    out = {(MEASURE, m.id): measure_digest(m)}
    for e in m.evaluations:
        out[(EVALUATION, evaluation_record(m.id, e.fy))] = evaluation_digest(e)
    return out


def seed_version(digest: str) -> str:
    """The virtual version of content that has no stored history (equal in every copy)."""
    return "d:" + digest


def new_version() -> str:
    import uuid

    return uuid.uuid4().hex


def has_history_table(db: SqlDatabase) -> bool:
    return db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'record_versions'"
                      ).fetchone()[0] > 0


def read_versions(db: SqlDatabase) -> dict[Key, RecordVersions] | None:
    """Every stored history; None for a file without the table (an older copy)."""
    if not has_history_table(db):
        return None
    history: dict[Key, set[str]] = {}
    heads: dict[Key, str] = {}
    for entity, record, version, head in db.execute("SELECT entity, record, version, head FROM record_versions"):
        history.setdefault((entity, record), set()).add(version)
        if head:
            heads[(entity, record)] = version
    return {k: RecordVersions(heads.get(k, next(iter(sorted(v)))), frozenset(v)) for k, v in history.items()}


def versions_of(stored: Mapping[Key, RecordVersions], key: Key, digest: str) -> RecordVersions:
    """The record's versions: stored, or the virtual one of its current content."""
    found = stored.get(key)
    if found is not None:
        return found
    v = seed_version(digest)
    return RecordVersions(v, frozenset({v}))


def record_changes(db: SqlDatabase, before: Mapping[Key, str], after: Mapping[Key, str]) -> None:
    """After a write: a new version for every record whose content digest changed.

    *before* holds the digests of the records as they were stored (absent:
    new records), *after* the digests now stored. Must run inside the write's
    transaction.
    """
    for key, digest in after.items():
        old = before.get(key)
        if old == digest:
            continue
        entity, record = key
        head = db.execute("SELECT version, digest FROM record_versions WHERE entity = ? AND record = ? AND head = 1",
                          [entity, record]).fetchone()
        if head is not None and head[1] == digest:
            continue
        if head is None:
            exists = db.execute("SELECT 1 FROM record_versions WHERE entity = ? AND record = ? LIMIT 1",
                                [entity, record]).fetchone()
            if exists is None:
                if old is None:
                    # A new record: stored with the version of its content (equal in copies that
                    # create the same), so that a record without rows in both copies can only be
                    # one that was last changed before histories were kept (see merge._Judge).
                    db.execute("INSERT OR IGNORE INTO record_versions (entity, record, version, digest, head) "
                               "VALUES (?, ?, ?, ?, 1)", [entity, record, seed_version(digest), digest])
                    continue
                # its first change: the content it had joins the history first
                db.execute("INSERT OR IGNORE INTO record_versions (entity, record, version, digest, head) "
                           "VALUES (?, ?, ?, ?, 0)", [entity, record, seed_version(old), old])
        db.execute("UPDATE record_versions SET head = 0 WHERE entity = ? AND record = ?", [entity, record])
        db.execute("INSERT INTO record_versions (entity, record, version, digest, head) VALUES (?, ?, ?, ?, 1)",
                   [entity, record, new_version(), digest])


@dataclass(frozen=True)
class VersionUpdate:
    """What a merge writes about one record: its head and every version it now knows."""

    entity: str
    record: str
    head: str
    history: frozenset[str]
    digest: str  # of the content the head stands for


def adopt(db: SqlDatabase, updates: Iterable[VersionUpdate]) -> None:
    """Make each record's history include the given versions and its head the given one."""
    for u in updates:
        for version in u.history:
            db.execute("INSERT OR IGNORE INTO record_versions (entity, record, version, digest, head) "
                       "VALUES (?, ?, ?, ?, 0)", [u.entity, u.record, version, u.digest if version == u.head else ""])
        db.execute("UPDATE record_versions SET head = (version = ?) WHERE entity = ? AND record = ?",
                   [u.head, u.entity, u.record])
        db.execute("UPDATE record_versions SET digest = ? WHERE entity = ? AND record = ? AND version = ?",
                   [u.digest, u.entity, u.record, u.head])


def versions_to_json(stored: Mapping[Key, RecordVersions], keys: Iterable[Key]) -> dict[str, dict]:
    """The histories of *keys* for a change package (``"measure|<id>"`` → head and history)."""
    out = {}
    for key in keys:
        v = stored.get(key)
        if v is not None:
            out[f"{key[0]}|{key[1]}"] = {"head": v.head, "history": sorted(v.history)}
    return out


def versions_from_json(value: object) -> dict[Key, RecordVersions]:
    """Read a package's ``versions``; raises ValueError (Japanese) for a malformed one."""
    if not isinstance(value, dict):
        raise ValueError("versions はオブジェクトでなければなりません")
    out: dict[Key, RecordVersions] = {}
    for name, v in value.items():
        entity, _, record = str(name).partition("|")
        if entity not in (MEASURE, EVALUATION) or not record or not isinstance(v, dict):
            raise ValueError(f"versions の「{str(name)[:40]}」の形式が違います")
        head, history = v.get("head"), v.get("history")
        if not isinstance(head, str) or not isinstance(history, list) or not all(isinstance(h, str) for h in history):
            raise ValueError(f"versions の「{str(name)[:40]}」の形式が違います")
        out[(entity, record)] = RecordVersions(head, frozenset(history) | {head})
    return out
