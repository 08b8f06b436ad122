import sys

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
