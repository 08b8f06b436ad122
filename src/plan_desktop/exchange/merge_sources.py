"""Where the other copy of a merge comes from: a plan file (.sqlite) or a JSON package/export.

:func:`load_source` reads either into a :class:`~.merge.MergeSource` for
:func:`.merge.plan_for_repository`; the other file is never written.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from .merge import MergeError, MergeSource
from .package import read_package


def load_source(path: str | Path) -> MergeSource:
    """Another plan file (.sqlite, read from a private copy) or a JSON package/export."""
    path = Path(path)
    if not path.exists():
        raise MergeError(f"ファイルが見つかりません: {path}")
    with path.open("rb") as fh:
        head = fh.read(16)
    if head.startswith(b"SQLite format 3"):
        return _load_sqlite(path)
    return read_package(path)


def _load_sqlite(path: Path) -> MergeSource:
    from ..storage.database import DatabaseOpenError, open_database
    from ..storage.repository import PlanRepository
    from ..storage.sync_store import change_log_keys, read_tombstones

    # A private copy: the other file may sit on a USB stick or be open on
    # another laptop; it is never written, locked, migrated or backed up.
    with tempfile.TemporaryDirectory(prefix="plan-merge-") as tmp:
        copy_path = Path(tmp) / "other.sqlite"
        try:
            shutil.copyfile(path, copy_path)
            journal = path.with_name(path.name + "-journal")
            if journal.exists():
                shutil.copyfile(journal, copy_path.with_name(copy_path.name + "-journal"))
        except OSError as exc:
            raise MergeError(f"{path} を読めません（{exc.strerror or exc}）") from exc
        try:
            db = open_database(copy_path, backups=False)
        except DatabaseOpenError as exc:
            raise MergeError(f"{path.name}: {exc}") from exc
        try:
            repo = PlanRepository(db)
            data = repo.load()
            tombs = read_tombstones(repo)
            log = change_log_keys(repo)
        except LookupError as exc:
            raise MergeError(f"{path.name} には計画が入っていません。") from exc
        finally:
            db.close()
    return MergeSource(path.name, data, tombs, log=log)
