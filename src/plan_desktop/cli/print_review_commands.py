"""``plan-desktop print review`` and ``print communities`` (hooked into print_commands.py).

Imported for every command line: nothing heavy at module level.
"""

from __future__ import annotations

import sys

from .context import CliContext, CliError


def add_parsers(kinds, common) -> None:
    v = kinds.add_parser("review", help="期間の検証（例: 前期計画の検証）")
    common(v, fy=False)
    v.add_argument("--period", help="検証する期間の名称（例: 前期）")
    v.add_argument("--include-drafts", action="store_true",
                   help="会議確定前の評価も集計に含める（「案」と表示。既定は会議確定の評価のみ）")

    c = kinds.add_parser("communities", help="地域別の進捗（地域ごとに記録する事項、1件1ページ）")
    common(c, fy=False)
    c.add_argument("--measures", help="番号または表示コード（例: 5,6,21）。省略時は地域ごとに記録する事項すべて")
    c.add_argument("--period", help="表示する期間の名称（省略時は各事項の期間）")


def run_review_kind(args, ctx: CliContext, out, make_options) -> int:
    kind = args.print_kind
    if kind == "review" and not args.period:
        raise CliError("--period で検証する期間を指定してください（例: --period 前期）")
    numbers = None
    if kind == "communities":
        from ..reports.common import measure_numbers_argument

        numbers = measure_numbers_argument(args.measures, CliError)
    options = make_options(args)
    data = ctx.load_plan()
    try:
        if kind == "review":
            from ..reports.review import build_review

            result = build_review(data, args.period, options=options)
            what = f"{args.period}計画の検証"
        else:
            from ..domain.periods import require_period
            from ..reports.common import SelectionError, select_measures
            from ..reports.community_matrix import build_community_matrix

            if args.period:
                require_period(data, args.period)
            try:
                measures = select_measures(data, numbers) if numbers is not None else None
            except SelectionError as exc:
                raise CliError(str(exc)) from exc
            if measures is not None:
                flat = [m for m in measures if m.community is None]
                if flat:
                    t = data.terms
                    raise CliError(f"{t.community_unit}別の{t.measure}ではありません: " + "、".join(f"№{m.label}" for m in flat))
            result = build_community_matrix(data, measures, period=args.period, options=options)
            what = f"{data.terms.community_unit}別の進捗 {result.page_count}件"
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    for w in result.warnings:
        print(f"注意: {w}", file=sys.stderr)
    if out is None:
        sys.stdout.buffer.write(result.pdf)
        sys.stdout.buffer.flush()
        return 0
    try:
        result.save(out)
    except OSError as exc:
        raise CliError(f"{out} に書き込めません: {exc.strerror or exc}") from exc
    print(f"{out}: {what}、{result.page_count}ページ")
    return 0
