"""``plan-desktop print ...``: the report builders on the command line.

Imported for every command line, so nothing heavy at module level: reportlab
and storage are imported inside the handler.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .context import EXIT_OK, CliContext, CliError


def register(subparsers) -> dict:
    p = subparsers.add_parser("print", help="PDF の作成（評価シート・一覧及び工程・評価結果一覧）",
                              description="印刷用の PDF を作成します。")
    kinds = p.add_subparsers(dest="print_kind", metavar="KIND")

    def common(sp, *, fy: bool) -> None:
        sp.add_argument("--db", type=Path, dest="sub_db", help="データベースファイル（省略時は作業用の計画）")
        if fy:
            sp.add_argument("--fy", help="年度（例: 2024、令和6年度、R6）")
        sp.add_argument("-o", "--output", help="出力する PDF ファイル（- で標準出力）")
        sp.add_argument("--date", help="印刷日として表示する日付（YYYY-MM-DD、省略時は今日）")
        sp.add_argument("--invariant", action="store_true", help="同じ入力から同じバイト列の PDF を作る（比較・試験用）")
        sp.add_argument("--meeting", help="会議名（表紙と各ページの上部に印刷。例: 第2回推進会議）")
        sp.add_argument("--meeting-date", help="会議の開催日（YYYY-MM-DD）")
        sp.add_argument("--document-no", help="資料番号（各ページの右上に枠付きで印刷。例: 資料3）")

    s = kinds.add_parser("sheets", help="進捗状況評価シート（複数なら表紙・目次・しおり付き）")
    common(s, fy=True)
    s.add_argument("--measures", help="番号または表示コード（例: 1,5-8 / 1000101,2-3-1）。省略時は、その年度に実施中のすべて")
    s.add_argument("--blank", action="store_true", help="記入用（評価欄を空欄にした様式）")
    s.add_argument("--no-cover", action="store_true", help="表紙と目次を付けない")
    s.add_argument("--one-sided", action="store_true",
                   help="片面印刷用（既定は両面印刷用: 各事項を奇数ページから始め、必要なら（白紙）のページを入れる）")
    s.add_argument("--all-blocks", action="store_true", help="年度別行動計画をすべての期間について印刷（今年度の分を強調）")
    s.add_argument("--stamps", help="確認欄の枠の名前をカンマ区切りで（既定: 課長,担当。空文字列で確認欄なし）")
    s.add_argument("--processes", type=int, metavar="N",
                   help="同時に作成に使うプロセスの数（既定: 空いているCPUの数。1で分割しない。--invariant では常に1）")

    o = kinds.add_parser("schedule", help="一覧及び工程（横向き）")
    common(o, fy=False)
    o.add_argument("--from", dest="fy_from", help="最初の年度（省略時は工程のある最初の年度）")
    o.add_argument("--to", dest="fy_to", help="最後の年度（省略時は工程のある最後の年度）")
    o.add_argument("--paper", default="A4", help="用紙サイズ A4 または A3（既定 A4）")

    r = kinds.add_parser("summary", help="評価結果一覧（グループ別の集計とグラフ付き）")
    common(r, fy=True)
    r.add_argument("--include-drafts", action="store_true",
                   help="会議確定前の評価も集計に含める（「案」と表示。既定は会議確定の評価のみ）")

    from .print_review_commands import add_parsers as add_review_parsers

    add_review_parsers(kinds, common)

    p.set_defaults(print_parser=p)
    return {"print": run}


def _fy(text: str | None, what: str = "--fy") -> int:
    from ..domain.fiscal import parse_fy

    if not text:
        raise CliError(f"{what} で年度を指定してください（例: {what} 2024、{what} 令和6年度）")
    try:
        return parse_fy(text)
    except ValueError as exc:
        raise CliError(f"{what}: {exc}（例: 2024、令和6年度、R6）") from exc


def _options(args: argparse.Namespace):
    import datetime as _dt

    from ..reports.base import ReportOptions, parse_stamps

    day = None
    if args.date:
        try:
            day = _dt.date.fromisoformat(args.date)
        except ValueError as exc:
            raise CliError(f"--date の日付を読めません: {args.date}（例: 2025-05-20）") from exc
    meeting_day = None
    if getattr(args, "meeting_date", None):
        try:
            meeting_day = _dt.date.fromisoformat(args.meeting_date)
        except ValueError as exc:
            raise CliError(f"--meeting-date の日付を読めません: {args.meeting_date}（例: 2025-05-20）") from exc
    options = ReportOptions(invariant=args.invariant, print_date=day, meeting=(args.meeting or "").strip(),
                            meeting_date=meeting_day, document_no=(args.document_no or "").strip(),
                            duplex=not getattr(args, "one_sided", False),
                            all_blocks=getattr(args, "all_blocks", False),
                            include_drafts=getattr(args, "include_drafts", False))
    for name, value in (("--meeting", options.meeting), ("--document-no", options.document_no)):
        if len(value) > 60 or any(ord(c) < 32 for c in value):
            raise CliError(f"{name} は改行を含まない60文字以内で指定してください")
    stamps = getattr(args, "stamps", None)
    if stamps is not None:
        try:
            options.stamps = parse_stamps(stamps)
        except ValueError as exc:
            raise CliError(f"--stamps: {exc}") from exc
    return options


# Objects allocated between two young-generation collections while a report is
# laid out (Python's default: 700). A print makes hundreds of thousands of
# short-lived objects and few reference cycles: with the default, collecting
# took ~8 % of a 35-sheet print.
BUILD_GC_THRESHOLD = (10_000, 10, 10)


@contextmanager
def _collector_for_printing() -> Iterator[Callable[[], None]]:
    """The cyclic garbage collector tuned for one print, as it was again afterwards.

    Off while the plan is read and reportlab is imported (nothing there is
    garbage); the callable it yields starts the layout: everything alive then is
    frozen (never traversed again: modules, the plan, the font; forked parts
    share those pages) and the collector runs, less often. Full collections
    still happen, so a print of thousands of sheets does not grow without bound.
    """
    enabled, threshold = gc.isenabled(), gc.get_threshold()
    ours = gc.get_freeze_count() == 0  # never unfreeze what someone else froze
    gc.disable()

    def start_layout() -> None:
        if ours:
            gc.freeze()
        gc.set_threshold(*BUILD_GC_THRESHOLD)
        gc.enable()

    try:
        yield start_layout
    finally:
        if ours:
            gc.unfreeze()
        gc.set_threshold(*threshold)
        (gc.enable if enabled else gc.disable)()


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from .process_exit import skip_teardown

    skip_teardown()  # a print's process ends right after it: no teardown of reportlab and the plan
    with _collector_for_printing() as start_layout:
        return _run(args, ctx, start_layout)


def _run(args: argparse.Namespace, ctx: CliContext, start_layout: Callable[[], None]) -> int:
    kind = getattr(args, "print_kind", None)
    if kind is None:
        args.print_parser.print_help(sys.stderr)
        raise CliError("作成する帳票を指定してください: sheets（評価シート）、schedule（一覧及び工程）、summary（評価結果一覧）")
    if not args.output:
        raise CliError("-o で出力する PDF ファイルを指定してください（例: -o 評価シート.pdf）")
    out = None if args.output == "-" else Path(args.output)
    if out is not None and out.parent and not out.parent.exists():
        raise CliError(f"出力先のフォルダがありません: {out.parent}")
    if kind in ("review", "communities"):
        from .print_review_commands import run_review_kind

        start_layout()
        return run_review_kind(args, ctx, out, _options)
    # Check the cheap arguments before loading anything.
    fy = _fy(args.fy) if kind in ("sheets", "summary") else None
    numbers = None
    if kind == "sheets":
        from ..reports.common import measure_numbers_argument

        numbers = measure_numbers_argument(args.measures, CliError)
        if args.processes is not None and args.processes < 1:
            raise CliError(f"--processes は1以上の数で指定してください: {args.processes}")
    options = _options(args)
    data = ctx.load_plan()

    from ..reports.common import SelectionError

    if kind == "sheets":
        from ..reports.sheet import build_sheets
    elif kind == "schedule":
        from ..reports.schedule_overview import build_schedule
    else:
        from ..reports.summary import build_summary
    start_layout()

    try:
        if kind == "sheets":
            from ..reports.common import select_measures
            from ..reports.parallel import cores_for_parts

            measures = select_measures(data, numbers)
            # Invariant output is for comparing bytes: made in one piece, the same on every machine.
            processes = 1 if options.invariant else cores_for_parts(args.processes)
            result = build_sheets(data, fy, measures, blank=args.blank, cover=False if args.no_cover else None,
                                  options=options, processes=processes)
            what = f"{'記入用シート' if args.blank else '評価シート'} {len(measures)}件"
        elif kind == "schedule":
            from ..reports.styles import paper_choice

            try:
                paper = paper_choice(args.paper)
            except ValueError as exc:
                raise CliError(f"--paper: {exc}") from exc
            fy_from = _fy(args.fy_from, "--from") if args.fy_from else None
            fy_to = _fy(args.fy_to, "--to") if args.fy_to else None
            result = build_schedule(data, fy_from=fy_from, fy_to=fy_to, paper=paper, options=options)
            what = f"{data.terms.measure}一覧及び工程（{paper}横）"
        else:
            result = build_summary(data, fy, options=options)
            what = "評価結果一覧"
    except SelectionError as exc:
        raise CliError(str(exc)) from exc

    for w in result.warnings:
        print(f"注意: {w}", file=sys.stderr)
    if out is None:
        sys.stdout.buffer.write(result.pdf)
        sys.stdout.buffer.flush()
        return EXIT_OK
    try:
        result.save(out)
    except OSError as exc:
        raise CliError(f"{out} に書き込めません: {exc.strerror or exc}") from exc
    print(f"{out}: {what}、{result.page_count}ページ")
    return EXIT_OK
