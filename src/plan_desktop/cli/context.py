"""What every command gets from the command line around it (calibre's ``dbctx``).

A handler is called as ``handler(args, ctx)``: *args* are its parsed options,
*ctx* a :class:`CliContext` that finds and opens the plan file the command
works on. Commands never look up the ``--db`` option or the default working
copy themselves, and tests may hand a command a context of their own.

Imported for every command line: nothing heavy at module level.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import argparse

    from ..domain.model import PlanData
    from ..storage.database import PlanDatabase
    from ..storage.repository import PlanRepository

EXIT_OK = 0
EXIT_ERROR = 1


class CliError(Exception):
    """A user-facing failure; the Japanese message is printed and the exit code is 1."""


@dataclass(frozen=True)
class CliContext:
    """The plan file of one command line (``--db``, or the user's working copy)."""

    db_option: Path | None = None

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        # ``--db`` may be given before the subcommand (``args.db``) or after it (``args.sub_db``).
        path = getattr(args, "sub_db", None) or getattr(args, "db", None)
        return cls(Path(path) if path is not None else None)

    def db_path(self, *, must_exist: bool = True) -> Path:
        path = self.db_option
        if path is None:
            from ..paths import default_working_db

            path = default_working_db()
        if must_exist and not path.exists():
            raise CliError(f"データベースが見つかりません: {path}")
        return path

    def open_database(self, path: Path | None = None, *, must_exist: bool = True,
                      readonly: bool = False) -> PlanDatabase:
        """Open *path* (default: :meth:`db_path`); a file we cannot open becomes a :class:`CliError`.

        Not *readonly*: the command is going to write, so the file's writer
        lock is taken first and held until ``close()``. While a window has the
        file open this refuses, naming who holds it: the window's next edit
        would otherwise write its stale copy back over what we wrote. A
        read-only file is refused before anything is written. *readonly*
        never writes (no migration, no backup), so a read does not turn an
        empty file into a database.
        """
        from ..storage.database import DatabaseOpenError, open_database, open_for_writing

        if path is None:
            path = self.db_path(must_exist=must_exist)
        try:
            if readonly:
                return open_database(path, readonly=True)
            return open_for_writing(path)
        except DatabaseOpenError as exc:
            raise CliError(f"{path}: {exc}") from exc

    def open_repository(self) -> PlanRepository:
        """A repository on the plan file, open for writing under its lock (the caller closes ``repo.db``)."""
        from ..storage.repository import PlanRepository

        return PlanRepository(self.open_database())

    def open_reader(self) -> PlanRepository:
        """A repository on the plan file through a read-only connection (the caller closes ``repo.db``)."""
        from ..storage.repository import PlanRepository

        return PlanRepository(self.open_database(readonly=True))

    def load_plan(self) -> PlanData:
        """The whole plan, read through a read-only connection that is closed again."""
        repo = self.open_reader()
        try:
            return read_plan(repo, repo.db.path)
        finally:
            repo.db.close()


def read_plan(repo: PlanRepository, path: Path | None) -> PlanData:
    """``repo.load()`` with every failure turned into a :class:`CliError` (no plan, damaged content)."""
    from ..storage.database import DatabaseOpenError
    from ..storage.plan_reading import load_plan

    try:
        return load_plan(repo, path)
    except DatabaseOpenError as exc:
        raise CliError(f"{path}: {exc}") from exc


class Command(Protocol):
    def __call__(self, args: argparse.Namespace, ctx: CliContext) -> int: ...
