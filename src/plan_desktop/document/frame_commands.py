"""Plan settings commands of :class:`PlanDocument` (mixed in): the plan's frame (計画の設定), one undo step each.

The frame (title, years, periods, words, groups, cross-references, phases,
rating scale, communities) is edited as a whole copy and applied at once
(:meth:`FrameCommands.apply_frame`). What the change does to the measures
(moved, cleared, removed values) is worked out by ``domain.plan_frame``;
:meth:`FrameCommands.preview_frame` returns it first so the window can say
what would be lost before anything is written.
"""

from __future__ import annotations

import copy

from ..domain import groups as G
from ..domain.model import PlanData, Viewpoint
from ..domain.plan_frame import FrameChange, PlanFrame, Renames, apply_frame, frame_of
from ..domain.problems import Problem, ValidationError
from .applied_command import AppliedCommand
from .changes import Changes
from .errors import edit
from .host import DocumentHost


class FrameCommands(DocumentHost):
    """Methods for 計画の設定; PlanDocument inherits them."""

    # ------------------------------------------------------------- queries
    def frame(self) -> PlanFrame:
        """An editable copy of the plan's frame."""
        return frame_of(self.data)

    def preview_frame(self, frame: PlanFrame, renames: Renames | None = None) -> FrameChange:
        """What applying *frame* would do: the plan after, the measures changed, impacts and problems."""
        return apply_frame(self.data, frame, renames)

    # ------------------------------------------------------------- editing
    @edit
    def apply_frame(self, frame: PlanFrame, renames: Renames | None = None, text: str = "計画の設定の変更") -> bool:
        """Apply an edited frame as one undo step; False when nothing changed.

        Raises ``ValidationError`` (every problem, with its field) with nothing changed.
        """
        self._check_writable()
        change = apply_frame(self.data, frame, renames)
        if change.problems:
            raise ValidationError(change.problems)
        if _same(self.data, change.data):
            return False
        self._push(_FrameCommand(self.core, text, copy.deepcopy(self.data), change.data, change.changed_ids))
        return True

    @edit
    def add_group(self, title: str, parent: int | None = None, code: str | None = None) -> int:
        """Add a group at the end of *parent*'s subgroups (None: the top level); returns its №."""
        frame = self.frame()
        no = max((v.no for v in frame.viewpoints), default=0) + 1
        group = Viewpoint(no, title, parent=parent, code=code)
        # after the last group inside *parent* (its whole subtree), so siblings keep their order
        inside = G.descendants(self.data, parent) if parent is not None else [v.no for v in frame.viewpoints]
        positions = [i for i, v in enumerate(frame.viewpoints) if v.no in inside]
        frame.viewpoints.insert(positions[-1] + 1 if positions else len(frame.viewpoints), group)
        self.apply_frame(frame, text=f"「{title}」の追加")
        return no

    @edit
    def rename_group(self, no: int, title: str, code: str | None = ...) -> bool:  # type: ignore[assignment]
        frame = self.frame()
        v = _group(frame, no)
        v.title = title
        if code is not ...:
            v.code = code
        return self.apply_frame(frame, text=f"「{title}」の名称の変更")

    @edit
    def move_group(self, no: int, delta: int) -> bool:
        """Move a group up (-1) or down (+1) among its siblings; False at the end of the row."""
        frame = self.frame()
        v = _group(frame, no)
        siblings = [x for x in frame.viewpoints if x.parent == v.parent]
        i = siblings.index(v) + delta
        if not 0 <= i < len(siblings):
            return False
        other = siblings[i]
        a, b = frame.viewpoints.index(v), frame.viewpoints.index(other)
        frame.viewpoints[a], frame.viewpoints[b] = other, v
        return self.apply_frame(frame, text=f"「{v.title}」の移動")

    @edit
    def nest_group(self, no: int, parent: int | None) -> bool:
        """Put a group (with everything inside it) inside *parent* (None: the top level)."""
        frame = self.frame()
        v = _group(frame, no)
        if parent is not None and parent in G.descendants(self.data, no):
            raise ValidationError([Problem("viewpoints", f"「{v.title}」を自分の中に入れることはできません")])
        v.parent = parent
        # the group goes last among its new siblings
        frame.viewpoints.remove(v)
        frame.viewpoints.append(v)
        return self.apply_frame(frame, text=f"「{v.title}」の階層の変更")

    @edit
    def remove_group(self, no: int) -> bool:
        """Remove a group; its measures and subgroups go to the group above (see ``apply_frame``)."""
        frame = self.frame()
        v = _group(frame, no)
        frame.viewpoints.remove(v)
        return self.apply_frame(frame, text=f"「{v.title}」の削除")


def _group(frame: PlanFrame, no: int) -> Viewpoint:
    for v in frame.viewpoints:
        if v.no == no:
            return v
    raise LookupError(f"グループ {no} はありません")


def _same(a: PlanData, b: PlanData) -> bool:
    def strip(d: PlanData) -> PlanData:
        x = copy.copy(d)
        x.plan = copy.copy(d.plan)
        x.plan.updated_at = ""
        return x

    return strip(a) == strip(b)


class _FrameCommand(AppliedCommand):
    def __init__(self, core, text: str, before: PlanData, after: PlanData, changed: list[str]):
        super().__init__(text)
        self.core, self.before, self.after, self.changed = core, before, after, list(changed)

    def do(self) -> None:
        self._write(self.after)

    def revert(self) -> None:
        self._write(self.before)

    def _write(self, data: PlanData) -> None:
        self.core.write_frame(data, self.changed, self.text())
        self.core.announce(Changes.ALL)
