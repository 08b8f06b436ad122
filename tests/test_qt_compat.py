import sys

import pytest

from plan_desktop.qt_compat import needs_singleton_shield, shield_singletons


def test_shield_is_only_for_the_affected_binding_and_python():
    assert needs_singleton_shield("6.12.0", (3, 11))
    assert not needs_singleton_shield("6.12.0", (3, 12))
    assert not needs_singleton_shield("6.11.3", (3, 11))


def test_many_void_qt_calls_do_not_exhaust_none(qapp):
    from PySide6.QtWidgets import QLabel

    shield_singletons()
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(20_000):  # far more than None's natural reference count on 3.11
        label.setText("x")
    assert sys.getrefcount(None) > 0 and before > 0


def test_window_start_loads_domain_and_storage_without_qt():
    """cli imports these before PySide6 (faster start); they must stay Qt-free (architecture rule too)."""
    import subprocess
    import sys

    code = ("import sys; from plan_desktop.cli.dispatch import _import_pure_python_first; _import_pure_python_first(); "
            "assert 'plan_desktop.storage.repository' in sys.modules; "
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]; assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)


def _pyside_feature_module():
    from plan_desktop.qt_compat import prepare_qt

    prepare_qt()
    return sys.modules["shibokensupport.feature"]


def test_quick_feature_check_answers_as_pysides_own_check(tmp_path, monkeypatch):
    """The import hook's check, done on the file's bytes, agrees with PySide's inspect.getsource
    check for every loaded module of ours, the standard library's and the dependencies' (and for
    a source in a legacy encoding)."""
    import importlib

    import plan_desktop.ui.main_window  # noqa: F401 - the window's modules
    from plan_desktop.qt_compat import quick_uses_pyside, source_file_of

    hook = _pyside_feature_module()._mod_uses_pyside
    assert hook.quickened
    pyside_check = hook.pyside_check
    (tmp_path / "legacy_with.py").write_bytes("# -*- coding: cp932 -*-\n# 表示 PySide6 予定\nX = '能力'\n".encode("cp932"))
    (tmp_path / "legacy_without.py").write_bytes("# -*- coding: cp932 -*-\n# 表示予定\nX = '能力'\n".encode("cp932"))
    monkeypatch.syspath_prepend(str(tmp_path))
    extra = [importlib.import_module("legacy_with"), importlib.import_module("legacy_without")]
    modules = [m for m in list(sys.modules.values()) if m is not None] + extra
    from_files = [m for m in modules if source_file_of(m) is not None]
    assert len(from_files) > 100
    ours = [m for m in from_files if m.__name__.startswith("plan_desktop.")]
    assert any(pyside_check(m) for m in ours) and not all(pyside_check(m) for m in ours)
    assert pyside_check(extra[0]) and not pyside_check(extra[1])
    differ = [m.__name__ for m in modules if quick_uses_pyside(m, pyside_check) != pyside_check(m)]
    assert differ == []


def test_window_modules_are_checked_without_reading_their_source_lines():
    """On the way to the first frame PySide's hook no longer decodes our modules into linecache."""
    import subprocess

    code = ("import sys, linecache; from plan_desktop.ui import main_window; "
            "hook = sys.modules['shibokensupport.feature']._mod_uses_pyside; assert hook.quickened; "
            "feature = sys.modules['shibokensupport.feature'].pyside_feature_dict; "
            "assert feature['plan_desktop.ui.detail_editor'] == 0 and feature['plan_desktop.domain.model'] == -1, feature; "
            "read = [f for f in linecache.cache if 'plan_desktop' in f]; assert not read, read")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_binding_without_the_expected_hook_is_left_alone(monkeypatch):
    import types

    from plan_desktop.qt_compat import quicken_feature_check

    monkeypatch.setitem(sys.modules, "shibokensupport.feature", types.ModuleType("shibokensupport.feature"))
    assert quicken_feature_check() is False
    monkeypatch.delitem(sys.modules, "shibokensupport.feature")
    assert quicken_feature_check() is False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's libraries are loaded early on Linux only")
def test_qt_libraries_load_on_another_thread_without_importing_pyside():
    import subprocess

    code = ("import sys, threading; from plan_desktop.qt_compat import load_qt_libraries_in_background; "
            "load_qt_libraries_in_background(); "
            "[t.join() for t in threading.enumerate() if t.name == 'load-qt-libraries']; "
            "maps = open('/proc/self/maps', encoding='utf-8').read(); "
            "assert 'libQt6Widgets.so.6' in maps and 'libQt6Core.so.6' in maps; "
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]; assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_window_path_starts_loading_qt_before_its_qt_free_modules(tmp_path, monkeypatch):
    from plan_desktop import app, collector, qt_compat
    from plan_desktop.cli import dispatch, main

    events: list[str] = []
    monkeypatch.setattr(collector, "pause", lambda: None)  # (no window here to resume it)
    monkeypatch.setattr(dispatch, "_window_closed", False)
    monkeypatch.setattr(qt_compat, "load_qt_libraries_in_background", lambda: events.append("load Qt"))
    monkeypatch.setattr(dispatch, "_import_pure_python_first", lambda: events.append("Qt-free modules"))
    monkeypatch.setattr(app, "run_gui", lambda args: events.append("window") or 0)
    assert main(["--db", str(tmp_path / "plan.sqlite")]) == 0
    assert events == ["load Qt", "Qt-free modules", "window"]
