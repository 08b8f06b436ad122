"""One root for every edit the document refuses or cannot write: :class:`EditError`.

``str()`` of each is a Japanese sentence for the user. When one is raised
the document is consistent: nothing was changed, or (after a failed undo or
redo) the document was read again from the file and its undo history
cleared, which :attr:`EditError.reloaded` says.

The subclasses keep the built-in type the refusal had before (a read-only
file is still a ``PermissionError``, invalid input still a
``ValidationError``), so callers may catch either; views catch
:class:`EditError` and hand it to the one failure reporter of the UI.

:func:`edit_errors` turns what the layers below raise into these: the rules
of ``domain`` (locked evaluation, invalid values), ``storage`` failures
(full disk, read-only or busy file, I/O error: ``StorageError`` and any other
SQLite error) and ``OSError`` from files written beside the plan.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from ..domain.evaluation import LockedError
from ..domain.problems import Problem, ValidationError
from ..storage.backup import BackupError
from ..storage.database import DatabaseOpenError
from ..storage.errors import STORAGE_FAILURES, user_message

log = logging.getLogger(__name__)


class EditError(Exception):
    """An edit that was refused or failed; ``str()`` is the Japanese message for the user."""

    reloaded: bool = False  # the document was read again from the file (a failed undo/redo)


class ReadOnlyError(EditError, PermissionError):
    """The plan is open read-only."""


class PeriodLockedError(EditError, PermissionError):
    """The measure belongs to a locked period."""


class EvaluationLockedError(EditError, LockedError):
    """The evaluation is 会議確定 and has not been unlocked."""


class InvalidEditError(EditError, ValidationError):
    """Values the rules refuse; ``problems`` name the fields (a single problem without a path
    for a refused operation such as an impossible status move)."""


class StorageFailure(EditError):
    """The file could not be written (full disk, read-only file or medium, busy, I/O error)."""


class StepFailedError(StorageFailure):
    """An undo or redo could not be written; the document was read again from the file."""

    reloaded = True


def as_edit_error(exc: BaseException) -> EditError | None:
    """The :class:`EditError` for *exc*, or None when *exc* is not a refusal or failure of an edit."""
    if isinstance(exc, EditError):
        return exc
    if isinstance(exc, LockedError):
        return EvaluationLockedError(exc.fy)
    if isinstance(exc, ValidationError):
        return InvalidEditError(list(exc.problems))
    if isinstance(exc, PermissionError) and exc.errno is None:
        return ReadOnlyError(str(exc))  # a refusal with our own message, not the operating system's
    if isinstance(exc, (BackupError, DatabaseOpenError)):
        return StorageFailure(str(exc))
    if isinstance(exc, STORAGE_FAILURES):
        return StorageFailure(storage_message(exc))
    if isinstance(exc, (ValueError, LookupError)):
        # The rules refuse impossible operations with a Japanese ValueError
        # (status moves, community options, unknown period); LookupError: the
        # record is gone (deleted by an undo in another view).
        text = str(exc) if isinstance(exc, ValueError) else "対象の記録が見つかりません（削除された可能性があります）。"
        return InvalidEditError([Problem("", text)])
    return None


def storage_message(exc: BaseException) -> str:
    """The Japanese sentence for a failed write of the plan file or of a file beside it."""
    if isinstance(exc, OSError):
        return f"ファイルに書き込めませんでした（{exc.strerror or exc}）。変更は保存されていません。"
    return user_message(exc)


@contextmanager
def edit_errors() -> Iterator[None]:
    """Re-raise refusals and failures inside the block as :class:`EditError` (original as ``__cause__``)."""
    try:
        yield
    except EditError:
        raise
    except Exception as exc:
        converted = as_edit_error(exc)
        if converted is None:
            raise
        if isinstance(converted, StorageFailure):
            log.warning("edit failed: %r", exc)
        raise converted from exc


F = TypeVar("F", bound=Callable[..., Any])


def edit(method: F) -> F:
    """Decorator for the document's editing methods: every refusal or failure leaves as :class:`EditError`."""

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with edit_errors():
            return method(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
