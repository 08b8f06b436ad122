"""The base of every undo command: applied once before it is pushed.

Document methods call ``apply()`` first, so a refused write (validation,
full disk, locked record) raises to the caller with nothing pushed; the undo
stack's own first ``redo()`` is then skipped. Later redo/undo replay
``do()``/``revert()``.

Those replays run inside ``QUndoStack.undo()/redo()``, which has already
moved its index and cannot take an exception back. A replay that fails
(the file became read-only, the disk filled) is therefore handed to
``on_failure`` (set by the document when it pushes the command), which reads
the file again and clears the history so that stack and data agree.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand


class AppliedCommand(QUndoCommand):
    def __init__(self, text: str):
        super().__init__(text)
        self._skip_redo = False
        self.on_failure: Callable[[BaseException], None] | None = None

    def apply(self, first: bool = True) -> None:
        self.do()
        self._skip_redo = first

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._replay(self.do)

    def undo(self) -> None:
        self._replay(self.revert)

    def _replay(self, step: Callable[[], None]) -> None:
        try:
            step()
        except Exception as exc:
            if self.on_failure is None:
                raise
            self.on_failure(exc)

    def do(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError
