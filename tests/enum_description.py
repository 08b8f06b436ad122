"""What an enum class is, as a value two classes can be compared by (tests/test_qt_enums.py).

Run as a script, it records every enum class PySide6 makes for the Qt modules the product
ships (each class of each module touched, with the standard builder in place), makes each
again with plan_desktop.qt_enums' fast builder and with the standard one from the same
arguments, and prints a JSON summary: how many, how many took the fast path, and the
differences (none expected).
"""

from __future__ import annotations

import enum
import json
import sys
import types


def _object(value, owner: type, path: str):
    """A comparable stand-in for an attribute value of *owner* (an enum class)."""
    if isinstance(value, owner):
        return ("member", value._name_)
    if isinstance(value, (types.GetSetDescriptorType, types.MemberDescriptorType)):  # one per class
        return ("descriptor", value.__name__, "class" if value.__objclass__ is owner else id(value.__objclass__))
    if isinstance(value, types.MethodType):  # made at each access: what it binds
        return ("method", id(value.__func__), "class" if value.__self__ is owner else id(value.__self__))
    if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, types.MethodType,
                          types.WrapperDescriptorType, types.MethodWrapperType, types.MethodDescriptorType,
                          types.ClassMethodDescriptorType, staticmethod, classmethod,
                          property, enum.property)):
        if isinstance(value, enum.property):
            return ("enum.property", value.name, id(value.fget), id(value.fset), id(value.fdel),
                    _object(getattr(value, "member", None), owner, path))
        return ("same", id(value), getattr(value, "__qualname__", repr(type(value))))
    if isinstance(value, type):
        return ("type", id(value))
    if isinstance(value, list):
        return ("list", [_object(v, owner, path) for v in value])
    if isinstance(value, dict):
        return ("dict", [(_key(k), _object(v, owner, path)) for k, v in value.items()])
    if value is None or isinstance(value, (int, str, float, bool)) or isinstance(value, enum.FlagBoundary):
        return ("value", type(value).__qualname__, repr(value))
    raise AssertionError(f"{path}: no description for {type(value)!r}")


def _key(key):
    return (type(key).__qualname__, repr(key))


def _member(member, owner: type) -> tuple:
    state = [(k, ("class",) if v is owner else _object(v, owner, k)) for k, v in vars(member).items()]
    return (type(member) is owner, member._name_, type(member._value_).__qualname__, repr(member._value_),
            member._sort_order_, state)


def describe(enum_class: type) -> dict:
    """The class's dictionary (keys in order, each value), its members' own state, and what it
    does: iteration, lookup by value and by name, repr/str/format, hashes, Flag operations."""
    d = {
        "name": enum_class.__name__,
        "qualname": enum_class.__qualname__,
        "metaclass": type(enum_class).__qualname__,
        "bases": [id(b) for b in enum_class.__bases__],
        "mro": [id(b) for b in enum_class.__mro__[1:]],
        "dict": [(k, _object(v, enum_class, k)) for k, v in enum_class.__dict__.items()],
        "members": [(n, _member(m, enum_class)) for n, m in enum_class.__members__.items()],
        "iteration": [m._name_ for m in enum_class],
        "len": len(enum_class),
        "doc": enum_class.__doc__,
    }
    shown = []
    for name, member in enum_class.__members__.items():
        shown.append((name, repr(member), str(member), format(member), f"{member!r:>5}", hash(member) == hash(name),
                      enum_class(member._value_)._name_, enum_class[name]._name_, bool(member)))
    d["behaviour"] = shown
    if issubclass(enum_class, enum.Flag):
        members = list(enum_class.__members__.values())
        ops = []
        for a in members[:6]:
            ops.append(repr(~a))
            for b in members[:6]:
                ops.extend((repr(a | b), repr(a & b), repr(a ^ b)))
        mask = enum_class._flag_mask_
        for value in (mask, 0):
            try:
                ops.append(repr(enum_class(value)))
            except Exception as exc:  # noqa: BLE001 - a class without members: the same error
                ops.append(repr(exc))
        d["flag"] = [mask, enum_class._singles_mask_, enum_class._all_bits_, ops]
    return d


SHIPPED_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtPdf", "QtPdfWidgets")


def _record_pyside_calls() -> list[tuple]:
    """(base, name, names, boundary, module) of every enum class PySide6 makes for the shipped
    modules, with the standard builder."""
    import importlib

    from plan_desktop import qt_enums

    calls = []
    standard = qt_enums._standard_create

    def recording(cls, class_name, names, *, module=None, qualname=None, type=None, start=1, boundary=None):
        if module is None:
            module = sys._getframe(2).f_globals.get("__name__")
        calls.append((cls, class_name, list(names) if isinstance(names, list) else names, boundary, module,
                      qualname, type))
        return standard(cls, class_name, names, module=module, qualname=qualname, type=type, start=start,
                        boundary=boundary)

    enum.EnumType._create_ = recording
    try:
        for name in SHIPPED_MODULES:
            module = importlib.import_module(f"PySide6.{name}")
            for attribute in dir(module):
                owner = getattr(module, attribute)
                if isinstance(owner, type):
                    for inner in dir(owner):
                        try:
                            getattr(owner, inner)
                        except Exception:  # noqa: BLE001, S112 - some attributes need an instance
                            continue
    finally:
        enum.EnumType._create_ = standard
    return calls


def main() -> int:
    from plan_desktop import qt_enums

    calls = _record_pyside_calls()
    fast = differences = 0
    report = []
    for cls, class_name, names, boundary, module, qualname, extra_type in calls:
        shape_fast = (qualname is None and extra_type is None and cls in qt_enums._PLAIN_BASES
                      and qt_enums._ordinary_members(cls, names))
        standard = qt_enums._standard_create(cls, class_name, names, module=module, qualname=qualname,
                                             type=extra_type, boundary=boundary)
        if not shape_fast:
            continue
        fast += 1
        made = qt_enums._build(cls, class_name, names, module, boundary)
        if describe(made) != describe(standard):
            differences += 1
            a, b = describe(made), describe(standard)
            report.append({"enum": class_name, "keys": [k for k in a if a[k] != b[k]],
                           "fast": {k: repr(a[k])[:400] for k in a if a[k] != b[k]},
                           "standard": {k: repr(b[k])[:400] for k in a if a[k] != b[k]}})
    members = sum(len(c[2]) for c in calls if isinstance(c[2], list))
    print(json.dumps({"classes": len(calls), "members": members, "fast": fast, "differences": differences,
                      "report": report[:5]}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
