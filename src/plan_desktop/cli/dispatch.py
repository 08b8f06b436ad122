"""Command line: ``plan-desktop`` with no subcommand starts the window.

Heavy imports (Qt, reportlab) happen inside the commands that need them so
that headless commands start fast and never need a display. Starting the
window with only the window's options (the usual case: a double click, a
shortcut, ``--db FILE``) builds no parser at all (:func:`window_options`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from .. import __version__
from .console import make_console_safe
from .context import EXIT_ERROR, CliContext, CliError

if TYPE_CHECKING:
    import argparse


def _parser() -> argparse.ArgumentParser:
    import argparse

    p = argparse.ArgumentParser(prog="plan-desktop", description="行動計画の管理と進捗評価 (plan_desktop)")
    p.add_argument("--version", action="version", version=f"plan_desktop {__version__}")
    p.add_argument("--db", type=Path, help="開くデータベースファイル")
    p.add_argument("--exit-after-show", action="store_true", help="ウィンドウを一度描画して終了（起動時間の計測用）")
    p.add_argument("--screenshot", type=Path, help="起動後にウィンドウの画像を保存して終了")
    p.add_argument("--lang", choices=["ja", "en"], help="表示言語")
    p.add_argument("--selftest", action="store_true", help="動作確認（同梱データの検査とPDF作成）を行い、結果を1行表示して終了")
    p.add_subparsers(dest="command", metavar="COMMAND")
    return p


# Each module adds its subcommands through ``register(subparsers) -> dict[name, handler]``
# and its handlers are called as ``handler(args, ctx)`` with a :class:`.context.CliContext`.
# These modules must import nothing heavy at module level: they are imported for every
# command line. plan_commands comes first: the exchange commands add options to its
# ``export`` and ``import``.
COMMAND_MODULES: list[str] = [
    "plan_desktop.cli.plan_commands",
    "plan_desktop.cli.safety_commands",
    "plan_desktop.cli.print_commands",
    "plan_desktop.cli.exchange_commands",
]


def build_parser() -> tuple[argparse.ArgumentParser, dict]:
    import argparse
    import importlib

    parser = _parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    handlers: dict = {}
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
    from .. import paths  # noqa: F401
    from ..domain import evaluation, fiscal, review, schedule_layout, text  # noqa: F401
    from ..storage import backup, database, lock, repository  # noqa: F401
    from ..storage.integrity import expect_current_schema_in_background

    expect_current_schema_in_background()  # opening the file checks its schema against it


# The window's options as _parser() defines them: (option, takes a value, type of the value, choices).
WINDOW_OPTIONS: dict[str, tuple[bool, type | None, tuple[str, ...] | None]] = {
    "--db": (True, Path, None),
    "--exit-after-show": (False, None, None),
    "--screenshot": (True, Path, None),
    "--lang": (True, str, ("ja", "en")),
}


def window_options(argv: list[str]) -> SimpleNamespace | None:
    """The parsed options when *argv* only starts the window with the window's own options, spelt
    out in full (``--db FILE``, ``--db=FILE``, ``--lang en``, ``--exit-after-show``), each once; else
    None, and the full parser (with every command's options, help, abbreviations and its error
    messages) takes the command line. Saves the window building the parser and importing every
    command module (tests/cli/test_window_options.py checks it agrees with the parser)."""
    values: dict[str, object] = {"db": None, "exit_after_show": False, "screenshot": None, "lang": None}
    seen: set[str] = set()
    i = 0
    while i < len(argv):
        option, eq, value = argv[i].partition("=")
        spec = WINDOW_OPTIONS.get(option)
        if spec is None or option in seen:
            return None
        seen.add(option)
        takes_value, kind, choices = spec
        if not takes_value:
            if eq:
                return None
            values[option[2:].replace("-", "_")] = True
            i += 1
            continue
        if not eq:
            if i + 1 >= len(argv):
                return None
            value = argv[i + 1]
            if value.startswith("-"):
                return None  # argparse's own message ("expected one argument") or its reading of it
            i += 2
        else:
            i += 1
        if choices is not None and value not in choices:
            return None
        assert kind is not None
        values[option[2:].replace("-", "_")] = kind(value)
    return SimpleNamespace(**values, selftest=False, command=None)


_window_closed = False


def window_closed() -> bool:
    """Whether :func:`main` started the window and it has closed (its settings written): the
    process then ends without the interpreter's teardown (:func:`.process_exit.run`)."""
    return _window_closed


def main(argv: list[str] | None = None) -> int:
    make_console_safe()  # before anything prints: a name cp932 cannot show must not fail the command
    args = window_options(sys.argv[1:] if argv is None else list(argv))
    if args is None:
        parser, handlers = build_parser()
        args = parser.parse_args(argv)
    if args.selftest:
        from ..selftest import main as selftest_main

        return selftest_main()
    if args.command is None:
        from .. import collector, qt_enums, startup_code
        from ..qt_compat import load_qt_libraries_in_background

        load_qt_libraries_in_background()  # on the other core, while the Qt-free modules load
        collector.pause()  # until the window's first frame (plan_desktop/collector.py)
        startup_code.install()  # what an earlier start compiled (dataclass methods, Qt support, patterns)
        qt_enums.install()  # before PySide6 makes its first enum class (plan_desktop/qt_enums.py)
        _import_pure_python_first()
        from ..app import run_gui

        code = run_gui(args)
        global _window_closed
        _window_closed = True
        return code
    try:
        check_output_option(args)
        return handlers[args.command](args, CliContext.from_args(args))
    except CliError as exc:
        print(f"エラー: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - only failures that carry a message for the user
        message = user_facing_message(exc)
        if message is None:
            raise
        print(f"エラー: {message}", file=sys.stderr)
        return EXIT_ERROR


def check_output_option(args) -> None:
    """``-o``/``--out`` must name a file in an existing folder (refused before anything is written)."""
    for attr in ("output", "out"):
        value = getattr(args, attr, None)
        if value is None or str(value) == "-":
            continue
        path = Path(value)
        if path.is_dir():
            raise CliError(f"出力先 {path} はフォルダです。書き出すファイルの名前を指定してください（何も書き出していません）。")
        if not path.parent.is_dir():
            raise CliError(f"出力先のフォルダがありません（{path.parent}）。何も書き出していません。")


def user_facing_message(exc: BaseException) -> str | None:
    """The Japanese message of a failure a user can act on (full disk, locked or read-only file,
    unreadable input), or None for a bug, which keeps its traceback."""
    from ..domain.problems import ValidationError
    from ..storage.backup import BackupError
    from ..storage.database import DatabaseOpenError
    from ..storage.errors import StorageError

    if isinstance(exc, (StorageError, DatabaseOpenError, BackupError)):
        return f"{exc}"
    if isinstance(exc, ValidationError):
        return "\n".join(str(p) for p in exc.problems[:30])
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        return f"{where}{exc.strerror or exc}（ファイルの場所と権限を確かめてください）"
    return None


if __name__ == "__main__":
    sys.exit(main())
