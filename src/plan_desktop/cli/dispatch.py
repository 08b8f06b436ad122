"""Command line: ``plan-desktop`` with no subcommand starts the window.

Heavy imports (Qt, reportlab) happen inside the commands that need them so
that headless commands start fast and never need a display.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


class CliError(Exception):
    """A user-facing failure; the message is printed and the exit code is 1."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="plan-desktop", description="行動計画の管理と進捗評価 (plan_desktop)")
    p.add_argument("--version", action="version", version=f"plan_desktop {__version__}")
    p.add_argument("--db", type=Path, help="開くデータベースファイル")
    p.add_argument("--exit-after-show", action="store_true", help="ウィンドウを一度描画して終了（起動時間の計測用）")
    p.add_argument("--screenshot", type=Path, help="起動後にウィンドウの画像を保存して終了")
    p.add_argument("--lang", choices=["ja", "en"], help="表示言語")
    p.add_argument("--selftest", action="store_true", help="動作確認（同梱データの検査とPDF作成）を行い、結果を1行表示して終了")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

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
    return p


def _db_path(args: argparse.Namespace, *, must_exist: bool = True) -> Path:
    path = getattr(args, "sub_db", None) or args.db
    if path is None:
        from .paths import default_working_db

        path = default_working_db()
    if must_exist and not path.exists():
        raise CliError(f"データベースが見つかりません: {path}")
    return path


def _open(path: Path):
    from .storage.database import DatabaseOpenError, open_database

    try:
        return open_database(path)
    except DatabaseOpenError as exc:
        raise CliError(f"{path}: {exc}") from exc


def cmd_seed(args: argparse.Namespace) -> int:
    from .paths import seed_source
    from .storage.repository import PlanRepository
    from .storage.seed import load_seed

    data = load_seed(args.source or seed_source())
    out: Path = args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".building")
    tmp.unlink(missing_ok=True)
    db = _open(tmp)
    PlanRepository(db).replace_all(data, summary="初期データの作成")
    db.execute("VACUUM")
    db.close()
    tmp.replace(out)
    print(f"{out}: 推進事項 {len(data.measures)} 件、取組の視点 {len(data.viewpoints)} 件")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    if args.kind != "json":  # xlsx, csv, changes: the exchange feature
        from .exchange.commands import run_export

        return run_export(args)
    from .storage.json_format import dumps
    from .storage.repository import PlanRepository

    db = _open(_db_path(args))
    text = dumps(PlanRepository(db).load())
    out: Path = args.output
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)
    print(f"{out} に書き出しました")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    if args.kind != "json":  # xlsx, csv: previewed, then applied (exchange feature)
        from .exchange.commands import run_import

        return run_import(args)
    from .domain.validation import ValidationError
    from .storage.json_format import load_file
    from .storage.repository import PlanRepository

    try:
        data = load_file(args.file)
    except ValidationError as exc:
        lines = "\n".join(f"  {p}" for p in exc.problems[:50])
        more = f"\n  …ほか {len(exc.problems) - 50} 件" if len(exc.problems) > 50 else ""
        raise CliError(f"{args.file} を読み込めません（データベースは変更していません）:\n{lines}{more}") from exc
    db = _open(_db_path(args, must_exist=False))
    repo = PlanRepository(db)
    if not repo.is_empty():
        backup = db.backup_now("import")  # the plan being replaced stays recoverable
        print(f"読み込み前のバックアップ: {backup.path}")
    repo.replace_all(data, summary=f"JSON 読み込み: {args.file.name}")
    print(f"{args.file} を読み込みました: 推進事項 {len(data.measures)} 件")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    # Read-only: never migrates, backs up or rolls back; safe while the app has the file open.
    from .storage.database import check_file

    path = _db_path(args)
    result = check_file(path)
    if not result.ok:
        details = "".join(f"\n  {p}" for p in result.problems[:20])
        raise CliError(f"{path}: {result.message}{details}")
    print(f"{path}: {result.message}")
    return EXIT_OK


COMMANDS = {"seed": cmd_seed, "export": cmd_export, "import": cmd_import, "check": cmd_check}

# Feature packages add subcommands through a module with
# ``register(subparsers) -> dict[name, handler]``. Those modules must import
# nothing heavy at module level: they are imported for every command line.
COMMAND_MODULES: list[str] = ["plan_desktop.cli_safety", "plan_desktop.reports.commands", "plan_desktop.exchange.commands"]


def build_parser() -> tuple[argparse.ArgumentParser, dict]:
    import importlib

    parser = _parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    handlers = dict(COMMANDS)
    for name in COMMAND_MODULES:
        handlers.update(importlib.import_module(name).register(sub))
    return parser, handlers


def _import_pure_python_first() -> None:
    """Load the window's Qt-free modules before PySide6.

    Once PySide6 is imported, its import hook reads the source of every module
    imported after it (to see whether it uses ``from __feature__``); sqlite-utils
    and its dependencies, domain/ and storage/ need none of that. Loading them
    first makes start-up ~35 ms shorter.
    """
    from . import paths  # noqa: F401
    from .domain import evaluation, fiscal, review, schedule_layout, text  # noqa: F401
    from .storage import backup, database, lock, repository  # noqa: F401


def main(argv: list[str] | None = None) -> int:
    parser, handlers = build_parser()
    args = parser.parse_args(argv)
    if args.selftest:
        from .selftest import main as selftest_main

        return selftest_main()
    if args.command is None:
        _import_pure_python_first()
        from .app import run_gui

        return run_gui(args)
    try:
        return handlers[args.command](args)
    except CliError as exc:
        print(f"エラー: {exc}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
