"""CLI of the exchange feature (registered through :data:`.dispatch.COMMAND_MODULES`).

Adds ``template`` and ``merge``, the options of ``export xlsx|csv|changes``
and ``import xlsx|csv``; ``plan_commands.cmd_export``/``cmd_import`` hand every kind
but json to :func:`run_export` / :func:`run_import`. Nothing heavy is
imported at module level.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from .context import EXIT_OK, CliContext, CliError

SHEET_CHOICES = ("推進事項", "工程", "年度別行動計画", "評価")


def _confirm_group(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group()
    g.add_argument("--dry-run", action="store_true", help="変更の一覧を表示するだけで、書き込まない")
    g.add_argument("--yes", "-y", action="store_true", help="確認せずに適用する")


def _preview_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--all", action="store_true", dest="show_all",
                   help="変更の一覧を省略せずにすべて表示する（既定は最初の 200 項目まで）")
    p.add_argument("--preview-file", type=Path, metavar="FILE",
                   help="省略のない変更の一覧を、このテキストファイル（UTF-8）にも書き出す")


def _write_preview(args: argparse.Namespace, text: str, db_path: Path | None) -> None:
    """The whole preview into ``--preview-file`` (nothing when not given); the plan is not touched."""
    target: Path | None = getattr(args, "preview_file", None)
    if target is None:
        return
    from ..fileops import write_text

    if db_path is not None and target.resolve() == Path(db_path).resolve():
        raise CliError(f"--preview-file に計画のファイル（{target}）は指定できません（データベースは変更していません）。")
    if target.is_dir():
        raise CliError(f"--preview-file {target} はフォルダーです。書き出すファイルの名前を指定してください"
                       "（データベースは変更していません）。")
    try:
        write_text(target, text + "\n", encoding="utf-8")
    except OSError as exc:
        raise CliError(f"{target} に書き込めません（{exc.strerror or exc}）。データベースは変更していません。") from exc
    print(f"変更の一覧をすべて {target} に書き出しました。")


def _more_hint(truncated: bool) -> None:
    if truncated:
        print("（一覧は途中まで表示しています。すべて表示するには --all、ファイルに書き出すには --preview-file FILE）")


def register(sub: argparse._SubParsersAction) -> dict:
    export = sub.choices.get("export")
    if export is not None:
        export.add_argument("--fy", type=int, help="評価を書き出す年度（例: 2024）。省略時は評価のある最新の年度")
        export.add_argument("--encoding", default=None, help="CSV の文字コード: utf-8（BOM 付き、既定）か cp932")
        export.add_argument("--sheet", help="CSV で書き出す表: 計画での項目の呼び方（例: 事業）、工程、年度別行動計画、評価"
                                            "（省略時はすべて、表ごとに1ファイル）")
        export.add_argument("--since", help="changes: この日時以降に変更された記録だけ（例: 2024-05-01）")
    imp = sub.choices.get("import")
    if imp is not None:
        _confirm_group(imp)
        imp.add_argument("--allow-erase", action="store_true",
                         help="空欄のセルで、入力済みの内容を消すことを認める（省略時は消える項目があれば適用しない）")
        imp.add_argument("--encoding", default=None, help="CSV の文字コード（省略時は自動判別: UTF-8 / cp932）")
        _preview_options(imp)

    t = sub.add_parser("template", help="担当部課ごとの評価入力シート（.xlsx）を作成")
    t.add_argument("--db", type=Path, dest="sub_db")
    t.add_argument("--department", required=True, help="担当部課（一部だけでも可）")
    t.add_argument("--fy", type=int, help="評価する年度（例: 2024）")
    t.add_argument("-o", "--output", type=Path, required=True)

    m = sub.add_parser("merge", help="別のパソコンの計画ファイル（.sqlite）や変更パッケージ（.json）を取り込む")
    m.add_argument("other", type=Path, help="取り込むファイル")
    m.add_argument("--db", type=Path, dest="sub_db")
    _confirm_group(m)
    m.add_argument("--theirs", action="store_true", help="競合したときは相手の内容を採用する（既定はこちらを残す）")
    _preview_options(m)
    return {"template": cmd_template, "merge": cmd_merge}


@contextlib.contextmanager
def _load(ctx: CliContext, *, write: bool):
    """(repository, plan), closed again afterwards. *write*: under the file's writer lock,
    refused while a window has the file open."""
    from .context import read_plan

    repo = ctx.open_repository() if write else ctx.open_reader()
    try:
        yield repo, read_plan(repo, repo.db.path)
    finally:
        repo.db.close()


def _confirm(args: argparse.Namespace, question: str) -> None:
    """Return when the change may be applied; raise CliError otherwise."""

    if args.yes:
        return
    if not sys.stdin or not sys.stdin.isatty():
        raise CliError("確認の入力ができないため、適用しませんでした（データベースは変更していません）。"
                       "適用するには --yes を、一覧だけなら --dry-run を指定してください。")
    answer = input(f"{question} [y/N]: ").strip().lower()
    if answer not in ("y", "yes", "はい"):
        raise CliError("中止しました（データベースは変更していません）。")


def run_export(args: argparse.Namespace, ctx: CliContext) -> int:
    from ..exchange.xlsx_export import ExportError

    with _load(ctx, write=False) as (repo, data):
        if args.fy is not None and not data.plan.fy_start <= args.fy <= data.plan.fy_end:
            raise CliError(f"--fy {args.fy} は計画期間（{data.plan.fy_start}～{data.plan.fy_end}）の外です。")
        out: Path = args.output
        try:
            if args.kind == "xlsx":
                from ..exchange.xlsx_export import export_workbook

                export_workbook(data, out, fy=args.fy)
                print(f"{out} に書き出しました（{data.terms.measure} {len(data.measures)} 件、{out.stat().st_size / 1024:.0f} KB）")
            elif args.kind == "csv":
                from ..exchange.columns import SHEETS, sheet_name
                from ..exchange.csv_export import export_csv

                sheets = SHEETS
                if args.sheet:
                    # the sheet as the plan names it (事業, 取組 …) or by its fixed name (SHEET_CHOICES)
                    named = {sheet_name(kind, data): kind for kind in SHEETS} | dict(zip(SHEET_CHOICES, SHEETS))
                    if args.sheet not in named:
                        raise CliError(f"--sheet「{args.sheet}」はありません。"
                                       f"次のどれかを指定してください: {'、'.join(sheet_name(k, data) for k in SHEETS)}")
                    sheets = (named[args.sheet],)
                for path in export_csv(data, out, sheets=sheets, fy=args.fy, encoding=args.encoding):
                    print(f"{path} に書き出しました")
            elif args.kind == "changes":
                from ..exchange.package import parse_since, write_package
                from ..storage.sync_store import read_tombstones
                from ..storage.versions import read_versions

                if not args.since:
                    raise CliError("export changes には --since（例: --since 2024-05-01）が必要です。")
                try:
                    since = parse_since(args.since)
                except ValueError as exc:
                    raise CliError(str(exc)) from exc
                n, deleted = write_package(data, read_tombstones(repo), since, out, read_versions(repo.db))
                print(f"{out} に書き出しました（{since:%Y-%m-%d %H:%M} 以降の変更: {data.terms.measure} {n} 件、削除 {deleted} 件）")
            else:
                raise CliError(f"未対応の形式です: {args.kind}")
        except ExportError as exc:
            raise CliError(str(exc)) from exc
        except OSError as exc:
            raise CliError(f"{out} に書き込めません（{exc.strerror or exc}）") from exc
        return EXIT_OK


def run_import(args: argparse.Namespace, ctx: CliContext) -> int:
    from ..exchange.apply import ApplyError, apply_to_repository
    from ..exchange.importer import preview_file

    if not args.file.exists():
        raise CliError(f"ファイルが見つかりません: {args.file}")
    with _load(ctx, write=not args.dry_run) as (repo, data):
        preview = preview_file(data, args.file, kind=args.kind, encoding=args.encoding)
        limit = None if args.show_all else 200
        print(preview.report(limit=limit))
        full = preview.report(limit=None)
        if preview.erasures():
            full += "\n" + preview.erasure_report(limit=None)
        _write_preview(args, full, repo.db.path)
        _more_hint(limit is not None and preview.truncated(limit))
        if preview.problems:
            raise CliError(f"{args.file.name} を取り込めません。上の問題を直してからやり直してください（データベースは変更していません）。")
        if not preview.has_changes:
            return EXIT_OK
        erased = preview.erasures()
        if erased:
            print(preview.erasure_report(limit=None if args.show_all else 30))
        if args.dry_run:
            print("（--dry-run: データベースは変更していません）")
            return EXIT_OK
        if erased and not args.allow_erase:
            raise CliError(f"空欄のセルで入力済みの内容が消える項目が {len(erased)} 件あるため、適用しませんでした"
                           "（データベースは変更していません）。消してよい場合は --allow-erase を付けて実行してください。")
        _confirm(args, "この変更を適用しますか？")
        try:
            backup = apply_to_repository(repo, preview.batch(), reason="import")
        except ApplyError as exc:
            raise CliError(str(exc)) from exc
        c = preview.counts()
        print(f"適用しました（新規 {c['new']} 件、変更 {c['changed']} 件）。" + (f"適用前のバックアップ: {backup}" if backup else ""))
        return EXIT_OK


def cmd_template(args: argparse.Namespace, ctx: CliContext) -> int:
    from ..exchange.sheets import resolve_department
    from ..exchange.xlsx_export import ExportError, export_template

    with _load(ctx, write=False) as (_, data):
        try:
            dept = resolve_department(data, args.department)
        except LookupError as exc:
            raise CliError(str(exc)) from exc
        if args.fy is not None and not data.plan.fy_start <= args.fy <= data.plan.fy_end:
            raise CliError(f"--fy {args.fy} は計画期間（{data.plan.fy_start}～{data.plan.fy_end}）の外です。")
        try:
            n = export_template(data, dept, args.output, fy=args.fy)
        except ExportError as exc:
            raise CliError(str(exc)) from exc
        print(f"{args.output} に書き出しました（{dept}、{data.terms.measure} {n} 件）")
        return EXIT_OK


def cmd_merge(args: argparse.Namespace, ctx: CliContext) -> int:
    from ..exchange.apply import ApplyError, apply_to_repository
    from ..exchange.merge import THEIRS, MergeError, plan_for_repository
    from ..exchange.merge_sources import load_source

    with _load(ctx, write=not args.dry_run) as (repo, data):
        try:
            source = load_source(args.other)
            plan = plan_for_repository(repo, source, data)
            if args.theirs:
                plan.choose_all(THEIRS)
            limit = None if args.show_all else 100
            print(plan.report(limit=limit))
            _write_preview(args, plan.report(limit=None), repo.db.path)
            _more_hint(limit is not None and plan.shown_count() > limit)
            batch = plan.batch(data)
        except MergeError as exc:
            raise CliError(str(exc)) from exc
        for w in plan.number_clashes(data, batch):
            print(f"注意: {w}")
        if batch.empty:
            return EXIT_OK
        if plan.conflicts and not args.theirs:
            print("競合はこちらの内容を残します（相手を採用するには --theirs）。")
        if args.dry_run:
            print("（--dry-run: データベースは変更していません）")
            return EXIT_OK
        _confirm(args, "取り込みますか？")
        try:
            backup = apply_to_repository(repo, batch, reason="merge")
        except ApplyError as exc:
            raise CliError(str(exc)) from exc
        print(f"取り込みました（{data.terms.measure} {len(batch.upserts)} 件を更新・追加、{len(batch.deletes)} 件を削除）。"
              + (f"取り込み前のバックアップ: {backup}" if backup else ""))
        return EXIT_OK
