"""CliContext: the one place a command learns which plan file it works on."""

from __future__ import annotations

import argparse

import pytest

from plan_desktop.cli.context import CliContext, CliError
from plan_desktop.cli.dispatch import build_parser
from plan_desktop.cli.plan_commands import cmd_check


def test_db_option_after_the_subcommand_wins_over_the_global_one(tmp_path):
    parser, _ = build_parser()
    args = parser.parse_args(["--db", str(tmp_path / "a.sqlite"), "check", "--db", str(tmp_path / "b.sqlite")])
    assert CliContext.from_args(args).db_path(must_exist=False) == tmp_path / "b.sqlite"
    args = parser.parse_args(["--db", str(tmp_path / "a.sqlite"), "check"])
    assert CliContext.from_args(args).db_path(must_exist=False) == tmp_path / "a.sqlite"


def test_without_db_option_the_working_copy_is_used(tmp_path, monkeypatch):
    monkeypatch.setattr("plan_desktop.paths.default_working_db", lambda: tmp_path / "working.sqlite")
    assert CliContext().db_path(must_exist=False) == tmp_path / "working.sqlite"
    with pytest.raises(CliError, match="データベースが見つかりません"):
        CliContext().db_path()


def test_a_command_works_on_the_file_of_the_context_it_is_handed(db_file, capsys):
    assert cmd_check(argparse.Namespace(), CliContext(db_file)) == 0
    assert str(db_file) in capsys.readouterr().out


def test_a_file_that_is_not_a_plan_becomes_a_cli_error(tmp_path):
    bad = tmp_path / "not a plan.sqlite"
    bad.write_bytes(b"hello, this is not SQLite" * 100)
    with pytest.raises(CliError, match="not a plan.sqlite"):
        CliContext(bad).load_plan()
    assert bad.read_bytes() == b"hello, this is not SQLite" * 100
