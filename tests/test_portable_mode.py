"""Portable mode of the packaged app, without building it.

A PyInstaller one-folder build is simulated: ``sys.frozen`` is set,
``sys.executable`` points into a temporary app folder and ``sys._MEIPASS`` at
its ``_internal/`` holding the template. The per-user folder is redirected
into tmp_path, so nothing here touches the real home directory.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

import pytest

from plan_desktop import APP_NAME, ORG_NAME, paths

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "data" / "plan.sqlite"
EXE_NAME = "plan-desktop.exe" if sys.platform == "win32" else "plan-desktop"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class FrozenApp:
    def __init__(self, tmp_path: Path):
        self.dir = tmp_path / "plan-desktop"
        self.internal = self.dir / "_internal"
        self.exe = self.dir / EXE_NAME
        self.template = self.internal / "data" / "plan.sqlite"
        self.user_dir = tmp_path / "home" / "share" / APP_NAME
        self.template.parent.mkdir(parents=True)
        shutil.copyfile(TEMPLATE, self.template)
        (self.internal / "resources").mkdir()
        self.exe.write_bytes(b"")

    def mark_portable(self, name: str = "portable") -> None:
        (self.dir / name).write_bytes(b"")

    @property
    def data(self) -> Path:
        return self.dir / "data"


@pytest.fixture
def app(tmp_path, monkeypatch) -> FrozenApp:
    a = FrozenApp(tmp_path)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(a.exe))
    monkeypatch.setattr(sys, "_MEIPASS", str(a.internal), raising=False)
    # The per-user folder as platformdirs would name it, but inside tmp_path.
    monkeypatch.setattr("platformdirs.user_data_path", lambda appname, appauthor: a.user_dir)
    monkeypatch.setattr(paths, "_portable_problem", None)
    return a


def test_packaged_app_reads_resources_and_template_from_internal(app):
    assert paths.app_dir() == app.dir.resolve()
    assert paths.install_root() == app.internal
    assert paths.template_db() == app.template
    assert paths.resources_dir() == app.internal / "resources"


def test_portable_marker_puts_working_copy_beside_the_executable(app):
    app.mark_portable()
    template_before = _digest(app.template)

    assert paths.is_portable()
    assert paths.user_data_dir() == app.dir.resolve() / "data"
    db = paths.default_working_db()

    assert db == app.dir.resolve() / "data" / "plan.sqlite"
    assert _digest(db) == template_before  # made from the bundled template on first start
    assert db != paths.template_db()
    assert not app.user_dir.exists()  # nothing in the per-user folder
    assert [p.name for p in app.data.iterdir()] == ["plan.sqlite"]  # no .tmp left behind
    assert paths.portable_problem() is None


def test_portable_backups_go_to_data_backups_beside_the_executable(app):
    from plan_desktop.storage.database import open_database

    app.mark_portable()
    template_before = _digest(app.template)
    db = open_database(paths.default_working_db())  # default backup policy, as the app opens it
    try:
        backup = db.backup_now("manual")
    finally:
        db.close()

    backups = app.dir.resolve() / "data" / "backups"
    assert Path(backup.path).parent == backups
    assert Path(backup.path).is_file()
    assert all(p.parent == backups for p in backups.iterdir())
    assert not app.user_dir.exists()
    assert _digest(app.template) == template_before  # the shipped template is never written


def test_second_start_keeps_the_portable_working_copy(app):
    app.mark_portable()
    db = paths.default_working_db()
    db.write_bytes(b"edited by the user")  # paths never looks inside; storage does

    assert paths.default_working_db() == db
    assert db.read_bytes() == b"edited by the user"


def test_portable_txt_counts_as_marker(app):
    # Windows Explorer names a new, empty text file "portable.txt" (extension hidden).
    app.mark_portable("portable.txt")
    assert paths.is_portable()
    assert paths.default_working_db().parent == app.dir.resolve() / "data"


def test_without_marker_working_copy_is_per_user(app):
    assert not paths.is_portable()
    assert paths.portable_data_dir() is None
    db = paths.default_working_db()

    assert db == app.user_dir / "plan.sqlite"
    assert _digest(db) == _digest(app.template)
    assert not app.data.exists()  # nothing written into the app folder


def test_marker_elsewhere_does_not_count(app):
    (app.internal / "portable").write_bytes(b"")
    (app.dir.parent / "portable").write_bytes(b"")
    assert not paths.is_portable()
    assert paths.default_working_db().parent == app.user_dir


def test_running_from_source_is_never_portable(tmp_path, monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    exe_dir = tmp_path / "bin"
    exe_dir.mkdir()
    (exe_dir / "portable").write_bytes(b"")
    monkeypatch.setattr(sys, "executable", str(exe_dir / "python"))

    assert paths.app_dir() is None
    assert not paths.is_portable()
    assert paths.install_root() == ROOT
    assert paths.template_db() == TEMPLATE


def test_per_user_dir_is_platformdirs_user_data_path():
    from platformdirs import user_data_path

    assert paths.per_user_data_dir() == user_data_path(APP_NAME, ORG_NAME)


def test_unwritable_portable_folder_falls_back_to_per_user_with_japanese_reason(app, monkeypatch, capsys):
    """Write-protected stick or Program Files: the app still starts, on the per-user copy, and says why."""
    app.mark_portable()
    real_copyfile = shutil.copyfile

    def copyfile(src, dst, *args, **kwargs):
        if Path(dst).is_relative_to(app.dir.resolve()):
            raise PermissionError(13, "Permission denied", str(dst))
        return real_copyfile(src, dst, *args, **kwargs)

    monkeypatch.setattr(paths.shutil, "copyfile", copyfile)
    db = paths.default_working_db()

    assert db == app.user_dir / "plan.sqlite"
    assert _digest(db) == _digest(app.template)
    problem = paths.portable_problem()
    assert problem is not None
    assert "書き込めない" in problem and str(app.dir.resolve() / "data") in problem and str(app.user_dir) in problem
    assert problem in capsys.readouterr().err
    assert not (app.data / "plan.sqlite").exists()
    assert not any(app.data.glob("*.tmp"))  # the partial copy is cleaned up


def test_portable_data_path_that_cannot_be_a_folder_falls_back(app):
    # A real OSError without needing permissions (the tests may run as root):
    # a file named "data" where the folder should be.
    app.mark_portable()
    app.data.write_bytes(b"not a folder")

    assert paths.default_working_db() == app.user_dir / "plan.sqlite"
    assert paths.portable_problem() is not None
    assert app.data.read_bytes() == b"not a folder"


def test_existing_portable_copy_is_used_even_if_folder_is_read_only(app, monkeypatch):
    # Nothing needs writing: the existing copy is returned and storage decides
    # whether it can be edited (it offers read-only files read-only).
    app.mark_portable()
    db = paths.default_working_db()

    def refuse(*_a, **_k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(paths.shutil, "copyfile", refuse)
    monkeypatch.setattr(Path, "mkdir", refuse)
    assert paths.default_working_db() == db
    assert paths.portable_problem() is None


def test_missing_template_is_an_installation_error_not_a_fallback(app):
    app.mark_portable()
    app.template.unlink()

    with pytest.raises(paths.TemplateMissingError, match="同梱の計画データが見つかりません"):
        paths.default_working_db()
    assert paths.portable_problem() is None
    assert not app.user_dir.exists()


def test_cli_without_db_uses_the_portable_copy(app, capsys):
    from plan_desktop.cli import main

    app.mark_portable()
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert str(app.dir.resolve() / "data" / "plan.sqlite") in out
    assert (app.data / "plan.sqlite").is_file()
    assert not app.user_dir.exists()


def test_selftest_names_the_portable_folder_without_creating_it(app, capsys):
    from plan_desktop import selftest

    shutil.copytree(ROOT / "resources" / "fonts", app.internal / "resources" / "fonts")
    app.mark_portable()
    assert selftest.main() == 0
    out = capsys.readouterr().out
    assert out.startswith("OK:")
    assert f"作業データ {app.dir.resolve() / 'data'}（ポータブル）" in out
    assert not app.data.exists()


def test_portable_copy_keeps_its_settings_beside_its_data(app, qapp):
    from plan_desktop.app import default_settings

    app.mark_portable()
    settings = default_settings()
    assert Path(settings.fileName()) == app.data / paths.SETTINGS_FILE
    settings.setValue("files/last", "x")
    settings.sync()
    assert (app.data / paths.SETTINGS_FILE).exists()


def test_installed_copy_keeps_per_user_settings(app, qapp):
    from plan_desktop.app import default_settings

    assert paths.portable_settings_file() is None
    assert not Path(default_settings().fileName()).is_relative_to(app.dir)


def test_window_tells_the_user_when_portable_data_went_elsewhere(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMainWindow, QMessageBox

    from plan_desktop import app as app_module

    reason = "ポータブル版のデータフォルダ X に書き込めないため…"
    monkeypatch.setattr(paths, "_portable_problem", reason)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append((title, text)))
    window = QMainWindow()
    qtbot.addWidget(window)
    app_module._warn_about_portable_fallback(window)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert shown[0][1] == reason
    assert window.statusBar().currentMessage() == reason


def test_portable_copy_keeps_its_font_cache_beside_its_data(app, tmp_path, monkeypatch):
    from plan_desktop.reports.font_cache import font_cache_dir

    monkeypatch.setattr("platformdirs.user_cache_path", lambda appname, appauthor: tmp_path / "home" / "cache")
    assert font_cache_dir() == tmp_path / "home" / "cache" / "fonts"  # an installed copy: per user
    app.mark_portable()
    assert font_cache_dir() is None  # no data folder made for a cache
    app.data.mkdir()
    assert font_cache_dir() == app.data / "cache" / "fonts"  # nothing left in the computer's profile
