"""``seed``, ``export json``, ``import json`` and ``check``: the plan file as a whole.

Registered through :data:`.main.COMMAND_MODULES`; nothing heavy at module level.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .context import EXIT_OK, CliContext, CliError


def register(sub: argparse._SubParsersAction) -> dict:
    s = sub.add_parser("seed", help="同梱の計画データからデータベースを作成")
    s.add_argument("--source", type=Path, help="元データ（JSON）。省略時は resources/seed/hitachi_plan.json")
    s.add_argument("--out", type=Path, required=True, help="作成するデータベース")

    e = sub.add_parser("export", help="書き出し")
    e.add_argument("kind", choices=["json", "xlsx", "csv", "changes"])
    e.add_argument("--db", type=Path, dest="sub_db")
    e.add_argument("-o", "--output", type=Path, required=True)

    i = sub.add_parser("import", help="読み込み（計画全体を置き換え）")
    i.add_argument("kind", choices=["json", "xlsx", "csv"])
    i.add_argument("file", type=Path)
    i.add_argument("--db", type=Path, dest="sub_db")

    c = sub.add_parser("check", help="データベースの検査")
    c.add_argument("--db", type=Path, dest="sub_db")
    return {"seed": cmd_seed, "export": cmd_export, "import": cmd_import, "check": cmd_check}


def cmd_seed(args: argparse.Namespace, ctx: CliContext) -> int:
    from ..fileops import replacing
    from ..paths import seed_source
    from ..storage.database import DatabaseOpenError, take_writer_lock
    from ..storage.repository import PlanRepository
    from ..storage.seed import load_seed

    data = load_seed(args.source or seed_source())
    out: Path = args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        # Replacing a file a window has open would leave the window on the old content.
        lock = take_writer_lock(out)
    except DatabaseOpenError as exc:
        raise CliError(f"{out}: {exc}") from exc
    try:
        with replacing(out) as tmp:  # closed before the rename; removed on failure
            db = ctx.open_database(tmp, must_exist=False)
            try:
                PlanRepository(db).replace_all(data, summary="初期データの作成")
                db.execute("VACUUM")
            finally:
                db.close()
    except OSError as exc:
        raise CliError(f"{out} に書き込めません: {exc.strerror or exc}") from exc
    finally:
        lock.release()
    print(f"{out}: 推進事項 {len(data.measures)} 件、取組の視点 {len(data.viewpoints)} 件")
    return EXIT_OK


def cmd_export(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.kind != "json":  # xlsx, csv, changes: the exchange feature
        from .exchange_commands import run_export

        return run_export(args, ctx)
    from ..fileops import write_text
    from ..storage.json_format import dumps

    text = dumps(ctx.load_plan())
    out: Path = args.output
    try:
        write_text(out, text, encoding="utf-8")
    except OSError as exc:  # fileops.FileInUseError names the file to close
        raise CliError(f"{out} に書き込めません: {exc.strerror or exc}") from exc
    print(f"{out} に書き出しました")
    return EXIT_OK


def cmd_import(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.kind != "json":  # xlsx, csv: previewed, then applied (exchange feature)
        from .exchange_commands import run_import

        return run_import(args, ctx)
    from ..domain.validation import ValidationError
    from ..storage.json_format import load_file
    from ..storage.repository import PlanRepository

    try:
        data = load_file(args.file)
    except ValidationError as exc:
        lines = "\n".join(f"  {p}" for p in exc.problems[:50])
        more = f"\n  …ほか {len(exc.problems) - 50} 件" if len(exc.problems) > 50 else ""
        raise CliError(f"{args.file} を読み込めません（データベースは変更していません）:\n{lines}{more}") from exc
    db = ctx.open_database(must_exist=False)  # under the writer lock
    try:
        repo = PlanRepository(db)
        if not repo.is_empty():
            backup = db.backup_now("import")  # the plan being replaced stays recoverable
            print(f"読み込み前のバックアップ: {backup.path}")
        repo.replace_all(data, summary=f"JSON 読み込み: {args.file.name}")
    finally:
        db.close()
    print(f"{args.file} を読み込みました: 推進事項 {len(data.measures)} 件")
    return EXIT_OK


def cmd_check(args: argparse.Namespace, ctx: CliContext) -> int:
    # Read-only: never migrates, backs up or rolls back; safe while the app has the file open.
    from ..storage.database import check_file

    path = ctx.db_path()
    result = check_file(path)
    if not result.ok:
        details = "".join(f"\n  {p}" for p in result.problems[:20])
        raise CliError(f"{path}: {result.message}{details}")
    print(f"{path}: {result.message}")
    return EXIT_OK
