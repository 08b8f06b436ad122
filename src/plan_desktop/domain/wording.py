"""The words printed for the evaluation stages, in one place.

The sheet's stage rows, the 「過去の評価」 strip and the notes of the summary
and review name the stages with these; they come from the plan's own terms
(``PlanTerms.stages``: first and last stage), so a plan that calls its
meetings differently prints its own names.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import PlanData


@dataclass(frozen=True)
class StageNames:
    """What the plan calls its evaluation stages (所管課, 会議) and the mark of an unconfirmed rating."""

    department: str = "所管課"  # stage 1: self-evaluation
    meeting: str = "会議"  # the last stage: the meeting that confirms the rating
    meeting_short: str = "会議"  # column heads where space is short
    draft_mark: str = "案"  # printed beside anything the last stage has not confirmed


def stage_names(data: PlanData | None = None) -> StageNames:
    """The stage names of *data*'s plan (neutral defaults without a plan)."""
    terms = getattr(data, "terms", None)
    stages = list(getattr(terms, "stages", None) or [])
    if not stages:
        return StageNames()
    first, last = stages[0], stages[-1]
    return StageNames(department=first.short_name, meeting=last.name, meeting_short=last.short_name)
