"""What a change signal tells the views: which kind of data changed, for which measures, started by whom."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Changes(enum.Flag):
    NONE = 0
    MEASURE = enum.auto()  # fields of existing measures
    ADDED = enum.auto()
    REMOVED = enum.auto()
    ORDER = enum.auto()  # order or viewpoint membership
    SCHEDULE = enum.auto()
    EVALUATION = enum.auto()
    PLAN = enum.auto()  # plan-level data, viewpoints, proposals, scale
    COMMUNITY = enum.auto()  # community districts and per-community progress cells
    ALL = MEASURE | ADDED | REMOVED | ORDER | SCHEDULE | EVALUATION | PLAN | COMMUNITY


@dataclass(frozen=True)
class ChangeSet:
    """One change of the document.

    ``source`` is the view that started the edit (the ``source=`` argument of
    the document method), for the first application only: undo and redo come
    with ``source=None``. A view skips the change sets it started itself
    (:meth:`started_by`), because it already shows what it just wrote.
    """

    kind: Changes
    measure_ids: tuple[str, ...] = ()
    source: object | None = field(default=None, compare=False)

    def started_by(self, view: object) -> bool:
        return self.source is not None and self.source is view
