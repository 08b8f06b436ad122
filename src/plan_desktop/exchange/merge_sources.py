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
    if path.is_dir():
        raise MergeError(f"{path} はフォルダーです。取り込む計画のファイル（.sqlite）か JSON を指定してください")
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise MergeError(f"{path} を読めません（{exc.strerror or exc}）") from exc
    source = _load_sqlite(path) if head.startswith(b"SQLite format 3") else read_package(path)
    _refuse_invalid_records(source)
    return source


def _refuse_invalid_records(source: MergeSource) -> None:
    """Every record of the other copy must be valid in that copy (years in its plan period,
    known letters, storable text); nothing is compared with a broken record."""
    from ..domain.validation import validate_measure

    problems = []
    for m in source.data.measures:
        problems += [f"№{m.label} {m.title[:40]}: {p.message}" for p in validate_measure(m, source.data)]
    if problems:
        raise MergeError(f"{source.label} に正しくない記録があるため取り込めません（データベースは変更していません）:\n"
                         + "\n".join(f"  {p}" for p in problems[:30])
                         + (f"\n  …ほか {len(problems) - 30} 件" if len(problems) > 30 else ""))


def _load_sqlite(path: Path) -> MergeSource:
    from ..storage.database import DatabaseOpenError, damaged_message, open_database
    from ..storage.integrity import deep_check
    from ..storage.plan_reading import load_plan
    from ..storage.repository import PlanRepository
    from ..storage.sync_store import change_log_keys, read_tombstones
    from ..storage.versions import read_versions

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
            problems = deep_check(db.conn, full=False)
            if problems:
                raise MergeError(f"{path.name}: {damaged_message(problems)}（データベースは変更していません）")
            repo = PlanRepository(db)
            data = load_plan(repo, Path(path.name))
            tombs = read_tombstones(repo)
            log = change_log_keys(repo)
            versions = read_versions(db)
        except DatabaseOpenError as exc:
            raise MergeError(f"{path.name}: {exc}") from exc
        finally:
            db.close()
    return MergeSource(path.name, data, tombs, log=log, versions=versions)
