"""What an import or a merge writes: one batch, applied in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.model import Measure


@dataclass(frozen=True)
class Tombstone:
    entity: str  # 'measure' or 'evaluation'
    entity_id: str
    deleted_at: str


@dataclass
class Batch:
    """Measures to store as given (new or replacing, timestamps kept), measures to delete,
    and deletions to remember so that later merges respect them."""

    upserts: list[Measure] = field(default_factory=list)
    deletes: list[str] = field(default_factory=list)
    tombstones: list[Tombstone] = field(default_factory=list)
    summary: str = ""
    versions: list = field(default_factory=list)  # storage.versions.VersionUpdate: what a merge learnt

    @property
    def empty(self) -> bool:
        return not (self.upserts or self.deletes or self.tombstones)

    @property
    def measure_ids(self) -> list[str]:
        return [m.id for m in self.upserts] + list(self.deletes)
