"""The base of every undo command: applied once before it is pushed.

Document methods call ``apply()`` first, so a refused write (validation,
full disk, locked record) raises to the caller with nothing pushed; the undo
stack's own first ``redo()`` is then skipped. Later redo/undo replay
``do()``/``revert()``.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand


class AppliedCommand(QUndoCommand):
    def __init__(self, text: str):
        super().__init__(text)
        self._skip_redo = False

    def apply(self, first: bool = True) -> None:
        self.do()
        self._skip_redo = first

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self.do()

    def undo(self) -> None:
        self.revert()

    def do(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError
