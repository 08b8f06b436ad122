"""Per-community progress commands of :class:`PlanDocument` (mixed in), each one undo step.

Matrix cells and the list of community districts are records of their own
(not part of a measure), so two community laptops editing the same measure's
matrix never conflict when the office merges their packages.
"""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from pathlib import Path

from ..domain import communities as C
from ..domain.fiscal import fy_label
from ..domain.model import Community, CommunityEntry, CommunitySetup, now_iso
from ..fileops import write_text
from .applied_command import AppliedCommand as _AppliedCommand
from .changes import Changes
from .errors import edit
from .host import DocumentHost


class CommunityCommands(DocumentHost):
    """Methods for per-community progress (学区別の進捗 in the bundled plan); PlanDocument inherits them."""

    # ------------------------------------------------------------- queries
    def community_entry(self, measure_id: str, community_id: str, fy: int) -> CommunityEntry | None:
        return C.entry_for(self.data, measure_id, community_id, fy)

    def community_summary(self, measure_id: str, fy: int) -> str:
        """The summary sentence for the measure's evaluation, e.g. "23学区中15学区で改訂済み"."""
        return C.summary_sentence(self.data, self.measure(measure_id), fy)

    # ------------------------------------------------------------- editing
    @edit
    def set_community_setup(self, measure_id: str, setup: CommunitySetup | None) -> None:
        """Mark a measure as carried out per community (with its options), or unmark it (None)."""
        if setup is not None:
            problems = C.setup_problems(setup)
            if problems:
                raise ValueError("\n".join(problems))
        unit = self.data.terms.community_unit
        text = f"{unit}別の進捗の設定" if setup is not None else f"{unit}別の進捗の解除"
        self.update_measure(measure_id, text, Changes.MEASURE | Changes.COMMUNITY, community=copy.deepcopy(setup))

    @edit
    def set_community_entry(self, measure_id: str, community_id: str, fy: int, status: str | None,
                            note: str = "") -> bool:
        """Set one matrix cell (status and note) as one undo step; False when nothing changed.

        An empty cell (no status, no note) is removed. ValueError for a status
        that is not one of the measure's options.
        """
        self._check_writable()
        m = self.measure(measure_id)
        if m.community is None:
            raise ValueError(f"№{m.label}は{self.data.terms.community_unit}別の{self.data.terms.measure}ではありません")
        if status is not None and status not in m.community.options:
            raise ValueError(f"状況「{status}」は選択肢（{'/'.join(m.community.options)}）にありません")
        if not any(c.id == community_id for c in self.data.communities):
            raise LookupError(f"{self.data.terms.community_unit}が見つかりません")
        if not self.data.plan.fy_start <= fy <= self.data.plan.fy_end:
            raise ValueError(f"年度 {fy} は計画期間の外です")
        before = self.community_entry(measure_id, community_id, fy)
        if before is not None and (before.status, before.note) == (status, note):
            return False
        if before is None and status is None and not note:
            return False
        after = None
        if status is not None or note:
            after = (replace(copy.deepcopy(before), status=status, note=note, updated_at=now_iso()) if before
                     else CommunityEntry(measure_id=measure_id, community_id=community_id, fy=fy, status=status,
                                         note=note))
        name = next(c.name for c in self.data.communities if c.id == community_id)
        self._push(_EntriesCommand(self.core, f"{name} {fy_label(fy)}の状況", [before] if before else [],
                                           [after] if after else [], [(measure_id, community_id, fy)]))
        return True

    @edit
    def set_communities(self, communities: list[Community]) -> None:
        """Replace the list of community districts (rename, add, remove, reorder) as one step.

        The matrix cells of removed communities go with them (and come back on undo).
        """
        self._check_writable()
        after = copy.deepcopy(communities)
        stamp = now_iso()
        old = {c.id: c for c in self.data.communities}
        for c in after:
            if c.id in old and c.name != old[c.id].name:
                c.updated_at = stamp
        if [(c.id, c.name) for c in after] == [(c.id, c.name) for c in self.data.communities]:
            return
        self._push(_CommunitiesCommand(self.core, copy.deepcopy(self.data.communities), after,
                                               copy.deepcopy(self.data.community_entries)))

    # ------------------------------------------------------------ packages
    @edit
    def export_community_package(self, community_id: str, path: str | Path) -> int:
        """Write one community's entries to *path* (JSON); returns the number of entries."""
        pkg = C.community_package(self.data, community_id, now_iso())
        write_text(Path(path), json.dumps(pkg, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return len(pkg["entries"])

    @edit
    def merge_community_package(self, path: str | Path) -> C.EntryMerge:
        """Merge a community laptop's package as one undo step (later ``updated_at`` wins per cell).

        Raises ``communities.PackageError`` (Japanese) with nothing changed.
        """
        self._check_writable()
        try:
            doc = json.loads(Path(path).read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise C.PackageError(f"ファイルを読めません: {exc}") from exc
        community, entries = C.read_community_package(doc, self.data)
        outcome = C.merge_community_entries(self.data, entries)
        if outcome.take:
            keys = [(e.measure_id, e.community_id, e.fy) for e in outcome.take]
            before = [e for k in keys if (e := C.entry_for(self.data, *k)) is not None]
            self._push(_EntriesCommand(self.core, f"{community.name}の進捗を取り込み", copy.deepcopy(before),
                                               copy.deepcopy(outcome.take), keys))
        return outcome


class _EntriesCommand(_AppliedCommand):
    """Replace the cells at *keys* (measure, community, fy) by *after*; undo puts *before* back."""

    def __init__(self, core, text: str, before: list[CommunityEntry], after: list[CommunityEntry],
                 keys: list[tuple[str, str, int]]):
        super().__init__(text)
        self.core, self.before, self.after, self.keys = core, before, after, keys

    def do(self) -> None:
        self._write(self.after)

    def revert(self) -> None:
        self._write(self.before)

    def _write(self, entries: list[CommunityEntry]) -> None:
        keys = set(self.keys)
        self.core.replace_community_entries(keys, entries)
        self.core.announce(Changes.COMMUNITY, tuple(sorted({k[0] for k in keys})))


class _CommunitiesCommand(_AppliedCommand):
    def __init__(self, core, before: list[Community], after: list[Community], entries: list[CommunityEntry]):
        super().__init__(f"{core.data.terms.community_unit}の一覧の変更")
        self.core, self.before, self.after = core, before, after
        self.entries_before = entries
        kept = {c.id for c in after}
        self.entries_after = [e for e in entries if e.community_id in kept]

    def do(self) -> None:
        self._write(self.after, self.entries_after)

    def revert(self) -> None:
        self._write(self.before, self.entries_before)

    def _write(self, communities: list[Community], entries: list[CommunityEntry]) -> None:
        self.core.set_communities(communities, entries)
        self.core.announce(Changes.COMMUNITY | Changes.PLAN, ())
