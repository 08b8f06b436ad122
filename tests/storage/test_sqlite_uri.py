"""SQLite URIs for shared folders, drive letters, long paths and any character in a name."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from plan_desktop.storage import backup as bk
from plan_desktop.storage import connection, database
from plan_desktop.storage.sqlite_uri import needs_long_path, sqlite_uri

LONG_DIR = "\\".join(["長いフォルダ名のサンプル"] * 20)


@pytest.mark.parametrize("path, uri", [
    # A drive letter: SQLite drops the "/" before "C:".
    ("C:\\Users\\田中\\Documents\\plan.sqlite",
     "file:///C:/Users/%E7%94%B0%E4%B8%AD/Documents/plan.sqlite?mode=ro"),
    # A shared folder (and a mapped drive, which resolve() turns into this): empty authority.
    ("\\\\server\\share\\計画\\plan.sqlite",
     "file:////server/share/%E8%A8%88%E7%94%BB/plan.sqlite?mode=ro"),
    ("\\\\fileserver01\\地域振興課\\令和6年度 計画.sqlite",
     "file:////fileserver01/%E5%9C%B0%E5%9F%9F%E6%8C%AF%E8%88%88%E8%AA%B2/"
     "%E4%BB%A4%E5%92%8C6%E5%B9%B4%E5%BA%A6%20%E8%A8%88%E7%94%BB.sqlite?mode=ro"),
    # Characters that mean something in a URI.
    ("C:\\data\\plan #2 (100%).sqlite", "file:///C:/data/plan%20%232%20%28100%25%29.sqlite?mode=ro"),
    ("C:\\data\\a&b=c;d.sqlite", "file:///C:/data/a%26b%3Dc%3Bd.sqlite?mode=ro"),
    # The verbatim forms of both.
    ("\\\\?\\C:\\data\\plan.sqlite", "file:///C:/data/plan.sqlite?mode=ro"),
    ("\\\\?\\UNC\\server\\share\\plan.sqlite", "file:////server/share/plan.sqlite?mode=ro"),
])
def test_windows_paths_become_uris_sqlite_accepts(path, uri):
    assert sqlite_uri(PureWindowsPath(path), mode="ro") == uri


def test_the_authority_is_never_the_server_name():
    """What Path.as_uri() made of a share, and SQLite refused ("invalid uri authority")."""
    share = PureWindowsPath("\\\\server\\share\\plan.sqlite")
    assert share.as_uri() == "file://server/share/plan.sqlite"
    assert sqlite_uri(share).startswith("file:////server/share/")


@pytest.mark.parametrize("mode", ["ro", "rw", "rwc"])
def test_the_mode_is_the_query(mode):
    assert sqlite_uri(PureWindowsPath("D:\\p.sqlite"), mode=mode) == f"file:///D:/p.sqlite?mode={mode}"


def test_unknown_modes_and_relative_paths_are_refused():
    with pytest.raises(ValueError):
        sqlite_uri(PureWindowsPath("C:\\p.sqlite"), mode="memory")
    with pytest.raises(ValueError):
        sqlite_uri(PureWindowsPath("plan.sqlite"))


def test_a_path_whose_journal_passes_max_path_uses_the_long_path_vfs():
    path = PureWindowsPath(f"C:\\{LONG_DIR}\\plan.sqlite")
    assert len(str(path)) + len("-journal") >= 260 and needs_long_path(path)
    uri = sqlite_uri(path, mode="rw")
    assert uri.startswith("file:%5C%5C%3F%5CC:%5C%E9%95%B7")
    assert uri.endswith(".sqlite?mode=rw&vfs=win32-longpath")
    assert "/" not in uri.split("?")[0]


def test_a_long_share_path_uses_the_verbatim_unc_form():
    path = PureWindowsPath(f"\\\\server\\share\\{LONG_DIR}\\plan.sqlite")
    assert sqlite_uri(path).startswith("file:%5C%5C%3F%5CUNC%5Cserver%5Cshare%5C")


def test_the_limit_counts_the_journal_name():
    just_fits = PureWindowsPath("C:\\" + "a" * (260 - len("C:\\") - len("-journal") - 1))
    assert not needs_long_path(just_fits)
    assert needs_long_path(PureWindowsPath(str(just_fits) + "b"))
    assert not needs_long_path(PurePosixPath("/" + "x" * 400))  # only Windows has MAX_PATH


def test_posix_paths_are_percent_encoded():
    assert sqlite_uri(PurePosixPath("/home/田中/plan #1 100%?.sqlite"), mode="rwc") == (
        "file:///home/%E7%94%B0%E4%B8%AD/plan%20%231%20100%25%3F.sqlite?mode=rwc")


def test_connect_opens_windows_paths_by_sqlite_uri(monkeypatch):
    seen = []
    monkeypatch.setattr(connection, "_absolute", lambda p: PureWindowsPath("\\\\server\\share\\plan.sqlite"))
    monkeypatch.setattr(connection.sqlite3, "connect", lambda target, **kw: seen.append((target, kw)))
    database.connect("Z:\\plan.sqlite", readonly=True)
    database.connect("Z:\\plan.sqlite", create=False)
    database.connect("Z:\\plan.sqlite")
    assert [u for u, _kw in seen] == [f"file:////server/share/plan.sqlite?mode={m}" for m in ("ro", "rw", "rwc")]
    assert all(kw["uri"] for _u, kw in seen)


# ------------------------------------------------------ real files, awkward names
@pytest.fixture
def awkward(db_file) -> Path:
    folder = db_file.parent / "共有 フォルダ #1 (100%)"
    folder.mkdir()
    path = folder / "計画?ファイル #2.sqlite"
    shutil.copyfile(db_file, path)
    return path


def test_every_open_works_on_a_path_with_spaces_hash_question_mark_and_japanese(awkward):
    ro = database.open_database(awkward, readonly=True)  # a second user's read-only view
    assert ro.execute("SELECT count(*) FROM measures").fetchone()[0] == 35
    ro.close()
    assert database.check_file(awkward).ok  # check
    info = bk.create_backup(awkward)  # backup and its verification
    assert info.summary().ok
    assert [b.path for b in bk.list_backups(awkward)] == [info.path]
    awkward.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)  # damaged
    result = bk.recover(awkward)  # recovery
    assert result.restored_from.path == info.path and database.check_file(awkward).ok


def test_migration_backs_up_a_file_with_an_awkward_name_first(tmp_path):
    old = Path(__file__).parent / "data" / "plan_v1.sqlite"
    path = tmp_path / "旧 形式 #1.sqlite"
    shutil.copyfile(old, path)
    db = database.open_database(path)
    db.close()
    assert [b.reason for b in bk.list_backups(path)] == ["migration"]


def test_a_uri_is_never_mistaken_for_a_different_file(tmp_path):
    """'a#b.sqlite' must not open 'a' (the fragment) and 'a?b' not 'a' with a query."""
    for name in ("a#b.sqlite", "a?b.sqlite", "a%20b.sqlite"):
        path = tmp_path / name
        conn = database.connect(path)
        conn.execute("CREATE TABLE t(x)")
        conn.close()
        assert path.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a#b.sqlite", "a%20b.sqlite", "a?b.sqlite"]
    with pytest.raises(sqlite3.OperationalError):
        database.connect(tmp_path / "missing.sqlite", readonly=True)
