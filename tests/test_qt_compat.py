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
