"""What a change signal tells the views: which kind of data changed, for which measures, started by whom."""

from __future__ import annotations

import enum
from dataclasses import dataclass


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
    """One change of the document: what kind of data changed, for which measures (empty: any).

    There is deliberately no "who started it": every view, including the one
    the user typed into, follows the document from these signals (a view's
    loader keeps text typed and not yet committed), so undo, redo and edits
    made elsewhere reach every view the same way.
    """

    kind: Changes
    measure_ids: tuple[str, ...] = ()
