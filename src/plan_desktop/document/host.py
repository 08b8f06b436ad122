"""What the parts of PlanDocument use from it, declared for the type checker.

PlanDocument is put together from parts (the ``*_commands`` mixins, FileSafety,
FileSync) that call each other's methods and the document's own. Each part
inherits :class:`DocumentHost`, whose declarations exist only for the type
checker (nothing here runs), so mypy checks every part against them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtCore import SignalInstance

    from ..domain.model import Measure, PlanData
    from ..storage.repository import PlanRepository
    from .applied_command import AppliedCommand
    from .changes import Changes
    from .core import DocumentCore


class DocumentHost:
    if TYPE_CHECKING:
        core: DocumentCore
        path: Path | None
        readonly: bool
        readonly_reason: str
        file_reloaded: SignalInstance
        period_filter_changed: SignalInstance

        @property
        def data(self) -> PlanData: ...

        @property
        def repo(self) -> PlanRepository: ...

        @repo.setter
        def repo(self, repo: PlanRepository) -> None: ...

        def measure(self, measure_id: str) -> Measure: ...

        def update_measure(self, measure_id: str, text: str, kind: Changes = ..., **changes) -> None: ...

        def reload(self) -> None: ...

        def _push(self, command: AppliedCommand) -> None: ...

        def _check_writable(self, *, stale_ok: bool = True) -> None: ...
