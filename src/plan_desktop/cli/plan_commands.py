"""``new``, ``seed``, ``export json``, ``import json`` and ``check``: the plan file as a whole.

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

    n = sub.add_parser("new", help="空の計画を新しく作成（推進する項目・関連表・地域はなし）")
    n.add_argument("--db", type=Path, dest="sub_db", help="作成するデータベース（既にあるファイルは上書きしません）")
    n.add_argument("--title", required=True, help="計画名")
    n.add_argument("--subtitle", default="", help="副題（策定年月など）")
    n.add_argument("--fy-start", type=int, required=True, metavar="YEAR", help="計画の最初の年度（西暦。令和4年度なら 2022）")
    n.add_argument("--fy-end", type=int, required=True, metavar="YEAR", help="計画の最後の年度（西暦）")
    n.add_argument("--level", action="append", default=[], metavar="NAME",
                   help="グループの階層の名前（上の階層から順に繰り返し指定。例: --level まちづくり方針 --level 施策）")
    n.add_argument("--measure-word", metavar="NAME", help="評価する項目の呼び名（例: 事業、施策）")
    n.add_argument("--period", action="append", default=[], metavar="NAME:FROM-TO",
                   help="計画期間の区切り（例: 前期:2022-2026）。繰り返し指定できます")
    n.add_argument("--group", action="append", default=[], metavar="TITLE",
                   help="最上位のグループの名称（繰り返し指定できます。省略時は「（名称未設定）」を1つ）")
    return {"seed": cmd_seed, "export": cmd_export, "import": cmd_import, "check": cmd_check, "new": cmd_new}


def _period_argument(text: str) -> tuple[str, int, int]:
    import re
    import unicodedata

    m = re.fullmatch(r"(.+?)[:：]\s*(\d{4})\s*[-~～〜]\s*(\d{4})", unicodedata.normalize("NFKC", text).strip())
    if not m:
        raise CliError(f"--period「{text}」を読めません（例: 前期:2022-2026）")
    return m.group(1).strip(), int(m.group(2)), int(m.group(3))


def cmd_new(args: argparse.Namespace, ctx: CliContext) -> int:
    """An empty plan in a new file: the frame only, neutral words unless named."""
    from ..domain.plan_frame import empty_plan
    from ..domain.terms import Level, PlanTerms
    from ..domain.validation import validate_plan
    from ..fileops import replacing
    from ..storage.database import DatabaseOpenError, take_writer_lock
    from ..storage.repository import PlanRepository

    if ctx.db_option is None:
        raise CliError("--db で作成するファイルを指定してください")
    out: Path = ctx.db_option
    if out.exists() and out.stat().st_size > 0:
        raise CliError(f"{out} は既にあります（上書きしません）。別の名前を指定してください")
    for key, year in (("--fy-start", args.fy_start), ("--fy-end", args.fy_end)):
        if not 1900 <= year <= 2200:
            raise CliError(f"{key}: 年度 {year} は西暦の4桁で指定してください（令和4年度なら 2022）")
    terms = PlanTerms()
    if args.level:
        terms.levels = [Level(name.strip()) for name in args.level]
    if args.measure_word:
        terms.measure = args.measure_word.strip()
    periods = [_period_argument(p) for p in args.period]
    data = empty_plan(args.title.strip(), args.fy_start, args.fy_end, terms=terms, periods=periods,
                      groups=args.group)
    data.plan.subtitle = args.subtitle
    problems = validate_plan(data)
    if problems:
        raise CliError("計画を作成できません:\n" + "\n".join(f"  {_option_for(p)}" for p in problems))
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        lock = take_writer_lock(out)
    except DatabaseOpenError as exc:
        raise CliError(f"{out}: {exc}") from exc
    try:
        with replacing(out) as tmp:  # a half-written file never appears under the name
            db = ctx.open_database(tmp, must_exist=False)
            try:
                PlanRepository(db).replace_all(data, summary="新規作成")
            finally:
                db.close()
    except OSError as exc:
        raise CliError(f"{out} に書き込めません: {exc.strerror or exc}") from exc
    finally:
        lock.release()
    print(f"{out}: 空の計画「{data.plan.title}」を作成しました（{args.fy_start}～{args.fy_end}年度）")
    return EXIT_OK


_OPTION_OF_PATH = {"plan.title": "--title", "plan.fy_start": "--fy-start", "plan.fy_end": "--fy-end",
                   "terms.measure": "--measure-word"}


def _option_for(problem) -> str:
    """A validation problem named by the option the user typed."""
    path = problem.path
    option = _OPTION_OF_PATH.get(path)
    if option is None and path.startswith("plan.periods"):
        option = "--period"
    elif option is None and path.startswith("terms.levels"):
        option = "--level"
    elif option is None and path.startswith("viewpoints"):
        option = "--group"
    return f"{option}: {problem.message}" if option else str(problem)


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
    print(f"{out}: {data.terms.measure} {len(data.measures)} 件、{data.terms.top_level} {len(data.viewpoints)} 件")
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
        n = len(exc.problems) if getattr(args, "show_all", False) else 50
        lines = "\n".join(f"  {p}" for p in exc.problems[:n])
        more = f"\n  …ほか {len(exc.problems) - n} 件（すべて表示するには --all）" if len(exc.problems) > n else ""
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
    print(f"{args.file} を読み込みました: {data.terms.measure} {len(data.measures)} 件")
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
