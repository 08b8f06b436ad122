"""CLI subcommands for data safety: ``backup``, ``backups``, ``restore``.

Registered through :data:`.dispatch.COMMAND_MODULES`; imports nothing heavy at module
level (storage modules are imported inside the handlers).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .context import EXIT_OK, CliContext, CliError


def register(sub: argparse._SubParsersAction) -> dict:
    b = sub.add_parser("backup", help="バックアップを今すぐ作成")
    b.add_argument("--db", type=Path, dest="sub_db")

    ls = sub.add_parser("backups", help="バックアップの一覧（日時・大きさ・内容）")
    ls.add_argument("--db", type=Path, dest="sub_db")

    r = sub.add_parser("restore", help="バックアップから復元（現在の内容は先にバックアップします）")
    r.add_argument("--db", type=Path, dest="sub_db")
    r.add_argument("backup", help="バックアップのファイル、または一覧の番号（1 が最新）")
    return {"backup": cmd_backup, "backups": cmd_backups, "restore": cmd_restore}


def _format_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def cmd_backup(args: argparse.Namespace, ctx: CliContext) -> int:
    from ..storage.backup import BackupError, create_backup

    path = ctx.db_path()
    try:
        info = create_backup(path, reason="manual")
    except BackupError as exc:
        raise CliError(f"{path}: {exc}") from exc
    print(f"バックアップを作成しました: {info.path}（{_format_size(info.size)}、{info.summary().text()}）")
    return EXIT_OK


def cmd_backups(args: argparse.Namespace, ctx: CliContext) -> int:
    from ..storage.backup import backup_dir, list_backups

    path = ctx.db_path(must_exist=False)
    found = list_backups(path)
    if not found:
        print(f"バックアップはありません（{backup_dir(path)}）")
        return EXIT_OK
    print(f"{backup_dir(path)} のバックアップ（新しい順）:")
    for i, info in enumerate(found, 1):
        when = info.local_time.strftime("%Y-%m-%d %H:%M:%S")
        print(f"{i:3d}  {when}  {_format_size(info.size):>8}  {info.reason_label:<8}  {info.summary().text()}  "
              f"{info.path.name}")
    return EXIT_OK


def _resolve_backup(path: Path, spec: str) -> Path:
    from ..storage.backup import list_backups

    if spec.isdigit():
        found = list_backups(path)
        n = int(spec)
        if not 1 <= n <= len(found):
            raise CliError(f"バックアップの番号 {n} はありません（1～{len(found)}）")
        return found[n - 1].path
    candidate = Path(spec)
    if not candidate.is_file():
        raise CliError(f"バックアップのファイルが見つかりません: {candidate}")
    return candidate


def cmd_restore(args: argparse.Namespace, ctx: CliContext) -> int:
    from ..storage.backup import BackupError, recover
    from ..storage.database import DamagedFileError, DatabaseOpenError, open_database
    from ..storage.lock import AlreadyOpenError, InstanceLock, LockUnavailableError
    from ..storage.restore import restore_backup

    path = ctx.db_path(must_exist=False)
    chosen = _resolve_backup(path, args.backup)
    try:
        lock = InstanceLock(path, heartbeat_seconds=None).acquire()
    except AlreadyOpenError as exc:
        raise CliError(f"{exc}このファイルを開いているウィンドウを閉じてから復元してください。") from exc
    except LockUnavailableError as exc:
        raise CliError(str(exc)) from exc
    try:
        try:
            db = open_database(path, backups=False) if path.exists() else None
        except DamagedFileError:
            db = None
        except DatabaseOpenError as exc:
            raise CliError(f"{path}: {exc}") from exc
        try:
            if db is None:
                result = recover(path, backup=chosen)
                kept = f"壊れたファイルは {result.damaged_path} に残しました。" if result.damaged_path else ""
                print(f"{chosen} から復元しました（{result.summary.text()}）。{kept}")
            else:
                try:
                    restored = restore_backup(chosen, path, target=db)
                finally:
                    db.close()
                safety = restored.previous_state or "-"
                print(f"{chosen} から復元しました（{restored.summary.text()}）。"
                      f"復元前の内容は {safety} に保存しました。")
        except BackupError as exc:
            raise CliError(f"{path}: {exc}") from exc
    finally:
        lock.release()
    return EXIT_OK
