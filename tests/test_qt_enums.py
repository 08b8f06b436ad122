"""The fast builder of enum classes (plan_desktop/qt_enums.py) makes what the standard library
makes: for every enum class of the Qt modules we ship, and for every other use of the
functional API (which it leaves to the standard code)."""

from __future__ import annotations

import enum
import json
import os
import pickle
import subprocess
import sys
from enum import Enum, Flag, IntEnum, IntFlag
from pathlib import Path

import pytest
from enum_description import describe

from plan_desktop import qt_enums

pytestmark = pytest.mark.skipif(not qt_enums.applies(), reason="the fast builder mirrors CPython 3.11's enum module")

HERE = Path(__file__).resolve().parent


@pytest.fixture
def fast():
    """The fast builder in place for the test (as the application has it), and after it as before."""
    before = enum.EnumType._create_
    qt_enums.install()
    yield
    enum.EnumType._create_ = before
    qt_enums._installed = before is qt_enums._create_


def made_both_ways(base, *args, **kwargs):
    """(the class made through the fast builder, the class made by the standard one), or the
    exception each raised."""
    def make(builder):
        enum.EnumType._create_ = builder
        try:
            return base(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - compared below
            return (type(exc), str(exc))

    current = enum.EnumType._create_
    try:
        return make(qt_enums._create_), make(qt_enums._standard_create)
    finally:
        enum.EnumType._create_ = current


def assert_same(made, standard):
    if isinstance(standard, tuple):
        assert made == standard
    else:
        assert describe(made) == describe(standard)


def test_every_enum_class_of_the_shipped_qt_modules_is_made_as_the_standard_library_makes_it():
    """Every class of QtCore, QtGui, QtWidgets, QtPrintSupport, QtPdf and QtPdfWidgets touched in a
    fresh interpreter; each enum class PySide6 made, made again from the same arguments both ways:
    the class dictionaries (keys in order, values), the members' own state, iteration, lookup,
    repr/str/format and Flag operations are the same."""
    env = dict(os.environ, PYTHONPATH=str(HERE.parent / "src"), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, str(HERE / "enum_description.py")], capture_output=True,
                         text=True, encoding="utf-8", env=env, check=True, timeout=600)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["differences"] == 0, result["report"]
    assert result["classes"] > 600 and result["members"] > 6000
    assert result["fast"] >= result["classes"] - 5  # all but lists the standard code must see (empty ones)


@pytest.mark.parametrize("base", [Enum, IntEnum, Flag, IntFlag])
def test_ordinary_members_with_aliases_and_multi_bit_values_are_made_the_same(base):
    names = [("A", 1), ("B", 2), ("AB", 3), ("ALIAS_OF_A", 1), ("ZERO", 0), ("HIGH", 1 << 40), ("C", 4),
             ("None_", 8), ("True_", 16), ("NEG", -2)]
    made, standard = made_both_ways(base, "Sample", names, boundary=enum.KEEP)
    assert qt_enums._ordinary_members(base, names)
    assert_same(made, standard)
    assert made.__module__ == __name__  # found two frames up, as the standard code finds it


@pytest.mark.parametrize("base", [Enum, IntEnum, Flag, IntFlag])
def test_flags_declared_out_of_order_iterate_as_declared(base):
    made, standard = made_both_ways(base, "Reversed", [("X", 4), ("Y", 2), ("Z", 1)], boundary=enum.KEEP)
    assert_same(made, standard)
    assert [m.name for m in made] == [m.name for m in standard]


@pytest.mark.parametrize("args, kwargs", [
    (("Words", "RED GREEN BLUE"), {}),
    (("Names", ["RED", "GREEN"]), {"start": 5}),
    (("Mapping", {"RED": 1, "GREEN": 2}), {}),
    (("Tuple", (("RED", 1), ("GREEN", 2))), {}),
    (("Qualified", [("RED", 1)]), {"qualname": "Outer.Qualified"}),
    (("InModule", [("RED", 1)]), {"module": "somewhere.else"}),
    (("Mixed", [("RED", 1)]), {"type": int}),
    (("Booleans", [("YES", True), ("NO", False)]), {}),
    (("Strings", [("RED", "r"), ("GREEN", "g")]), {}),
    (("Named", [("name", 1), ("value", 2)]), {}),
    (("Sunder", [("_sunder_", 1)]), {}),
    (("Dunder", [("__dunder__", 1)]), {}),
    (("Private", [("_Private__x", 1), ("Y", 2)]), {}),
    (("Repeated", [("RED", 1), ("RED", 2)]), {}),
    (("Invalid", [("mro", 1)]), {}),
    (("Empty", []), {}),
])
def test_other_uses_of_the_functional_api_are_left_to_the_standard_code(args, kwargs):
    for base in (Enum, IntEnum, Flag, IntFlag):
        made, standard = made_both_ways(base, *args, **kwargs)
        if isinstance(standard, tuple) or isinstance(made, tuple):
            assert made == standard  # the same error
        else:
            assert describe(made) == describe(standard)


def test_an_enum_made_where_no_module_can_be_found_is_unpicklable_as_before():
    """The standard code makes a class it cannot place unpicklable ('<unknown>' module); so does
    the fast builder's way to it (the standard code behind a frame without a module name)."""
    # The caller's frame has globals without __name__.
    make = eval("lambda: IntEnum('Lost', [('A', 1)])", {"IntEnum": IntEnum})  # noqa: S307 - fixed text
    results = []
    for builder in (qt_enums._create_, qt_enums._standard_create):
        current = enum.EnumType._create_
        enum.EnumType._create_ = builder
        try:
            results.append(make())
        finally:
            enum.EnumType._create_ = current
    made, standard = results
    assert made.__module__ == standard.__module__ == "<unknown>"
    for cls in (made, standard):
        with pytest.raises(TypeError, match="cannot be pickled"):
            pickle.dumps(cls.A)


def test_a_module_level_enum_made_fast_pickles(fast):
    cls = IntEnum("PickledSample", [("A", 1), ("B", 2)])
    globals()["PickledSample"] = cls
    try:
        assert pickle.loads(pickle.dumps(cls.B)) is cls.B
    finally:
        del globals()["PickledSample"]


def test_install_is_idempotent_and_only_for_the_mirrored_python(fast):
    assert enum.EnumType._create_ is qt_enums._create_
    assert qt_enums.install()
    assert enum.EnumType._create_ is qt_enums._create_
    assert qt_enums.applies((3, 11)) and not qt_enums.applies((3, 12)) and not qt_enums.applies((3, 10))


def test_a_builder_put_in_place_by_someone_else_is_left_alone(monkeypatch):
    def other(cls, class_name, names, **kwargs):
        return qt_enums._standard_create(cls, class_name, names, **kwargs)

    monkeypatch.setattr(qt_enums, "_installed", False)
    monkeypatch.setattr(enum.EnumType, "_create_", other)
    assert not qt_enums.install()
    assert enum.EnumType._create_ is other


def test_the_window_start_makes_qt_enums_through_the_fast_builder():
    """Qt set up as the window's start does it: PySide6's enum classes then come from the fast builder."""
    code = ("import enum; from plan_desktop.qt_compat import prepare_qt; prepare_qt(); "
            "from plan_desktop import qt_enums; assert enum.EnumType._create_ is qt_enums._create_; "
            "from PySide6.QtCore import Qt; assert Qt.AlignmentFlag.AlignLeft.value == 1")
    env = dict(os.environ, PYTHONPATH=str(HERE.parent / "src"), QT_QPA_PLATFORM="offscreen")
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=120)
