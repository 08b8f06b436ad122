"""The one replace/rename/remove helper: retries while Windows reports a held file, names it, cleans up."""

from __future__ import annotations

import os

import pytest
from windows_emulation import held_files, listing, sharing_violation  # noqa: F401 - fixture

from plan_desktop import fileops


def test_a_briefly_held_target_is_replaced_after_retrying(tmp_path, held_files):
    target = tmp_path / "報告書 2024.pdf"
    target.write_bytes(b"old")
    held_files.hold(target, times=3)  # an antivirus scan
    fileops.write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert held_files.refused == 3
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_target_held_for_good_names_the_file_and_leaves_no_temporary(tmp_path, held_files):
    target = tmp_path / "一覧.pdf"
    target.write_bytes(b"old")
    held_files.hold(target)  # open in Acrobat
    with pytest.raises(fileops.FileInUseError) as err:
        fileops.write_bytes(target, b"new")
    message = str(err.value)
    assert "「一覧.pdf」" in message and "閉じて" in message and str(tmp_path) in message
    assert err.value.strerror == message  # callers that show exc.strerror get the same text
    assert isinstance(err.value, PermissionError) and isinstance(err.value.__cause__, PermissionError)
    assert listing(tmp_path) == {"一覧.pdf": b"old"}
    assert held_files.refused == len(fileops.RETRY_DELAYS) + 1


@pytest.mark.parametrize("winerror", [5, 32, 33])
def test_access_denied_and_lock_violations_count_as_held(tmp_path, monkeypatch, winerror):
    monkeypatch.setattr(fileops, "_sleep", lambda _s: None)

    def refuse(*_a):
        raise sharing_violation(tmp_path / "x", winerror)

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(fileops.FileInUseError):
        fileops.replace(tmp_path / "a", tmp_path / "x")


def test_other_errors_are_not_retried_and_pass_through(tmp_path, monkeypatch):
    calls = []

    def full(*_a):
        calls.append(1)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(OSError) as err:
        fileops.write_bytes(tmp_path / "a.csv", b"x")
    assert err.value.errno == 28 and not isinstance(err.value, fileops.FileInUseError)
    assert calls == [1]
    assert list(tmp_path.iterdir()) == []


def test_a_posix_permission_error_is_retried_but_keeps_its_own_message(tmp_path, monkeypatch):
    monkeypatch.setattr(fileops, "_sleep", lambda _s: None)
    calls = []

    def denied(*_a):
        calls.append(1)
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", denied)
    with pytest.raises(PermissionError) as err:
        fileops.replace(tmp_path / "a", tmp_path / "b")
    assert not isinstance(err.value, fileops.FileInUseError) and len(calls) > 1


def test_rename_names_the_held_source_and_remove_the_held_file(tmp_path, held_files):
    src = tmp_path / "plan.sqlite"
    src.write_bytes(b"db")
    held_files.hold(src)
    with pytest.raises(fileops.FileInUseError, match="「plan.sqlite」を移動（名前の変更）できません"):
        fileops.rename(src, tmp_path / "plan.sqlite.damaged")
    with pytest.raises(fileops.FileInUseError, match="「plan.sqlite」を削除できません"):
        fileops.remove(src)
    fileops.discard(src)  # never raises
    assert src.read_bytes() == b"db"


def test_the_temporary_is_closed_before_it_is_renamed(tmp_path, monkeypatch):
    """Windows cannot rename a file that is still open: every rename sees no open handle."""
    import builtins

    open_files = {}
    real_open = builtins.open

    def tracking_open(file, mode="r", *a, **kw):
        f = real_open(file, mode, *a, **kw)
        key = os.path.abspath(os.fspath(file))
        open_files[key] = f
        return f

    real_replace = os.replace

    def checking_replace(src, dst):
        for p in (src, dst):
            f = open_files.get(os.path.abspath(os.fspath(p)))
            assert f is None or f.closed, f"{p} is still open"
        real_replace(src, dst)

    monkeypatch.setattr(builtins, "open", tracking_open)
    monkeypatch.setattr(os, "replace", checking_replace)
    fileops.write_bytes(tmp_path / "a.pdf", b"1")
    fileops.write_files({tmp_path / "b.csv": b"2", tmp_path / "c.csv": b"3"})
    assert len(open_files) == 3


def test_replacing_keeps_the_target_when_the_writer_fails(tmp_path):
    target = tmp_path / "a.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), fileops.replacing(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("writer failed")
    assert listing(tmp_path) == {"a.xlsx": b"old"}


def test_temporary_names_are_short_and_in_the_targets_folder(tmp_path):
    target = tmp_path / ("長い名前" * 20 + ".sqlite")
    tmp = fileops.temp_path(target)
    assert tmp.parent == target.parent
    assert len(tmp.name) <= 15 and fileops.TEMP_NAME.match(tmp.name)


# ------------------------------------------------------------ all or nothing
def _three(tmp_path):
    return {tmp_path / f"plan_{s}.csv": f"{s}-new".encode() for s in ("measures", "evaluations", "schedule")}


def test_several_files_are_written_all_or_nothing_when_the_third_is_held(tmp_path, held_files):
    payloads = _three(tmp_path)
    for path in payloads:
        path.write_bytes(b"old " + path.name.encode())
    before = listing(tmp_path)
    third = list(payloads)[2]
    held_files.hold(third)  # open in Excel
    with pytest.raises(fileops.FileInUseError) as err:
        fileops.write_files(payloads)
    assert "「plan_schedule.csv」" in str(err.value)
    assert listing(tmp_path) == before  # the first two have their old content back; no temporaries


def test_all_or_nothing_removes_the_new_files_it_had_created(tmp_path, held_files):
    payloads = _three(tmp_path)
    third = list(payloads)[2]
    third.write_bytes(b"old")
    held_files.hold(third)
    with pytest.raises(fileops.FileInUseError):
        fileops.write_files(payloads)
    assert listing(tmp_path) == {"plan_schedule.csv": b"old"}


def test_all_or_nothing_writes_every_file_when_nothing_is_held(tmp_path, held_files):
    payloads = _three(tmp_path)
    next(iter(payloads)).write_bytes(b"old")
    assert fileops.write_files(payloads) == list(payloads)
    assert listing(tmp_path) == {p.name: data for p, data in payloads.items()}


def test_all_or_nothing_writes_nothing_when_a_temporary_cannot_be_written(tmp_path, monkeypatch):
    payloads = _three(tmp_path)
    real = fileops._write_new
    count = []

    def disk_full_on_third(path, data, *, fsync):
        count.append(path)
        if len(count) == 3:
            raise OSError(28, "No space left on device")
        real(path, data, fsync=fsync)

    monkeypatch.setattr(fileops, "_write_new", disk_full_on_third)
    with pytest.raises(OSError):
        fileops.write_files(payloads)
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------ long paths
@pytest.mark.parametrize("path, expected", [
    ("C:\\Users\\田中\\Documents\\plan.sqlite", "C:\\Users\\田中\\Documents\\plan.sqlite"),
    ("C:\\" + "フォルダ\\" * 50 + "plan.sqlite", "\\\\?\\C:\\" + "フォルダ\\" * 50 + "plan.sqlite"),
    ("\\\\server\\share\\" + "a" * 250 + "\\plan.sqlite", "\\\\?\\UNC\\server\\share\\" + "a" * 250 + "\\plan.sqlite"),
    ("C:/" + "x/" * 130 + "plan.sqlite", "\\\\?\\C:\\" + "x\\" * 130 + "plan.sqlite"),
    ("\\\\?\\C:\\already\\" + "y" * 300, "\\\\?\\C:\\already\\" + "y" * 300),
])
def test_long_windows_paths_get_the_extended_prefix(path, expected):
    assert fileops.extended_path(path, windows=True) == expected


def test_paths_elsewhere_are_never_changed():
    long = "/home/user/" + "x" * 400
    assert fileops.extended_path(long, windows=False) == long


def test_operations_pass_long_paths_to_windows_in_extended_form(monkeypatch):
    monkeypatch.setattr(fileops, "on_windows", lambda: True)
    seen = []
    monkeypatch.setattr(os, "replace", lambda s, d: seen.append((s, d)))
    folder = "C:\\" + "共有\\" * 90
    fileops.replace(folder + "~pd00000000.tmp", folder + "plan-20260401-083000.000000Z-open.sqlite")
    assert all(p.startswith("\\\\?\\C:\\") for p in seen[0])
    short = "C:\\Users\\a\\b.pdf"
    fileops.replace(short + ".x", short)
    assert seen[1] == (short + ".x", short)
