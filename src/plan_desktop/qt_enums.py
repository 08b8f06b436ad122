"""The enum classes PySide6 makes, made the same but faster.

PySide6 makes a Python enum class for every C++ enum of a Qt class the first time the class is
used: all ~94 of the ``Qt`` namespace at its first touch, 11 for ``QStyle``, 12 for ``QLocale``
(843 members) and so on, through the standard library's functional API,
``Enum(name, [(member, value), ...], boundary=KEEP)``. CPython 3.11 builds such a class at
~15 µs a member (``_EnumDict.__setitem__`` and ``_proto_member.__set_name__``, checks that
matter for classes written by hand); the window's start-up makes ~270 classes with ~4,200
members before its first frame, ~90 ms of it beyond what a bare window makes.

:func:`install` puts :func:`_create_` in the place of ``EnumType._create_`` (the functional
API's builder). For the shape PySide uses - a plain ``Enum``, ``IntEnum``, ``Flag`` or
``IntFlag`` base, a list of (name, int) pairs whose names are ordinary member names, no
``module``, ``qualname`` or ``type`` - it builds the class directly: the same class dictionary
in the same order, the same members with the same attributes, aliases, masks and maps as the
standard library's code below would make (tests/test_qt_enums.py compares the two for every
enum of the Qt modules the product ships). Anything else goes to the standard library's own
``_create_`` unchanged. Only on the CPython minor version whose ``enum`` module this mirrors.
"""

from __future__ import annotations

import sys
from enum import Enum, EnumType, Flag, IntEnum, IntFlag

# The enum module's code this mirrors is 3.11's (3.12 changed how members are stored).
MIRRORED_PYTHON = (3, 11)
_PLAIN_BASES = (Enum, IntEnum, Flag, IntFlag)

_standard_create = EnumType._create_
_installed = False


def _reserved_names(base: type) -> frozenset[str]:
    """Names an attribute of *base* (or of its bases) holds: a member of that name would be
    made a redirecting descriptor by the standard code, so such a list takes the standard path."""
    names: set[str] = set()
    for klass in base.__mro__:
        names.update(klass.__dict__)
    return frozenset(names)


_RESERVED = {base: _reserved_names(base) for base in _PLAIN_BASES}


def _ordinary_members(base: type, names) -> bool:
    """Whether *names* is a list of (name, int) pairs the standard code would turn into plain
    members one by one: names neither an attribute of the base, private, _sunder_ nor
    __dunder__, none repeated, values of type int exactly."""
    if names.__class__ is not list or not names:
        return False
    reserved = _RESERVED[base]
    seen: set[str] = set()
    for item in names:
        if item.__class__ is not tuple or len(item) != 2:
            return False
        name, value = item
        # A name starting with "_" may be _sunder_, __dunder__ or private; "None_" is ordinary.
        if (name.__class__ is not str or value.__class__ is not int or not name or name[0] == "_"
                or name in reserved or name in seen or name == "mro"):
            return False
        seen.add(name)
    return True


def _is_single_bit(num: int) -> bool:
    """As enum._is_single_bit."""
    if num == 0:
        return False
    num &= num - 1
    return num == 0


def _create_(cls, class_name, names, *, module=None, qualname=None, type=None, start=1, boundary=None):
    """``EnumType._create_``: the class the standard library would make; see the module's text."""
    if module is None:
        # As the standard code finds the calling module: two frames up (EnumType.__call__'s caller).
        try:
            module = sys._getframe(2).f_globals["__name__"]
        except (AttributeError, ValueError, KeyError):
            return _standard_without_module(cls, class_name, names, qualname, type, start, boundary)
        if (type is None and qualname is None and (cls is Enum or cls is IntEnum or cls is Flag or cls is IntFlag)
                and _ordinary_members(cls, names)):
            return _build(cls, class_name, names, module, boundary)
    return _standard_create(cls, class_name, names, module=module, qualname=qualname, type=type,
                            start=start, boundary=boundary)


# The standard code called with a frame whose globals have no __name__ two frames up, where it
# looks for the calling module: it then finds none, as it would have at the caller (and makes
# the class unpicklable, of module '<unknown>').
_nameless_frame = eval("lambda call: call()", {})  # noqa: S307 - a fixed expression


def _standard_without_module(cls, class_name, names, qualname, type, start, boundary):
    return _nameless_frame(lambda: _standard_create(
        cls, class_name, names, qualname=qualname, type=type, start=start, boundary=boundary))


class _Base:
    """What EnumType.__new__ works out for a class on a plain *base* whose dictionary defines
    nothing but members: the same for every such class, so worked out once per base."""

    def __init__(self, base: type) -> None:
        metacls = base.__class__
        bases = (base,)
        name = base.__name__
        self.member_type, self.first_enum = metacls._get_mixins_(name, bases)
        self.new_member, self.save_new, self.use_args = metacls._find_new_({}, self.member_type, self.first_enum)
        self.value_repr = metacls._find_data_repr_(name, bases)
        self.next_value = getattr(self.first_enum, "_generate_next_value_", None)
        self.is_flag = issubclass(base, Flag)
        self.calls_init = base.__init__ is not Enum.__init__  # Enum.__init__ does nothing
        # Set on the class after its members, in this order (EnumType.__new__'s last steps): the
        # first enum's repr and friends where the class would find the data type's or object's,
        # Flag's operators, the saved __new__, Enum.__new__.
        after: list[tuple[str, object]] = []
        for method in ("__repr__", "__str__", "__format__", "__reduce_ex__"):
            if getattr(base, method) in (getattr(self.member_type, method), getattr(object, method)):
                after.append((method, getattr(self.first_enum, method)))
        if self.is_flag:
            after.extend((method, getattr(Flag, method))
                         for method in ("__or__", "__and__", "__xor__", "__ror__", "__rand__", "__rxor__", "__invert__"))
        if self.save_new:
            after.append(("__new_member__", self.new_member))
        after.append(("__new__", Enum.__new__))
        self.after = after


_BASES: dict[type, _Base] = {}


def _build(cls, class_name: str, names: list[tuple[str, int]], module: str, boundary):
    """The class EnumType._create_ and EnumType.__new__ of CPython 3.11 make for a plain base
    and ordinary members, step for step without the checks those members pass anyway."""
    base = _BASES.get(cls)
    if base is None:
        base = _BASES[cls] = _Base(cls)
    is_flag = base.is_flag
    # The class dictionary as EnumType.__new__ passes it to type.__new__, less the members (each
    # is removed there and set again at the end, in order, by _proto_member.__set_name__) and,
    # unless a Flag, less the Flag structures (added, then removed at the end).
    body = {
        "_generate_next_value_": base.next_value,
        "__module__": module,
        "_new_member_": base.new_member,
        "_use_args_": base.use_args,
        "_member_names_": [],
        "_member_map_": {},
        "_value2member_map_": {},
        "_unhashable_values_": [],
        "_member_type_": base.member_type,
        "_value_repr_": base.value_repr,
    }
    if is_flag:
        body["_boundary_"] = boundary or getattr(base.first_enum, "_boundary_", None)
        body["_flag_mask_"] = 0
        body["_singles_mask_"] = 0
        body["_all_bits_"] = 0
        body["_inverted_"] = None
    enum_class = type.__new__(cls.__class__, class_name, (cls,), body)
    member_names = body["_member_names_"]
    member_map = body["_member_map_"]
    value2member = body["_value2member_map_"]
    set_attribute = type.__setattr__  # EnumType.__setattr__ refuses only names of members already set
    new_member, member_type, use_args, calls_init = base.new_member, base.member_type, base.use_args, base.calls_init
    flag_mask = singles_mask = 0
    for name, value in names:
        if use_args:
            member = new_member(enum_class, value)
            member._value_ = member_type(value)
        else:
            member = new_member(enum_class)
            member._value_ = value
        member._name_ = name
        member.__objclass__ = enum_class
        if calls_init:
            member.__init__(value)
        member._sort_order_ = len(member_names)
        single = False
        if is_flag:
            flag_mask |= value
            single = _is_single_bit(value)
            if single:
                singles_mask |= value
        existing = value2member.get(value)
        if existing is not None:
            member = existing  # an alias
        elif not is_flag or single:
            member_names.append(name)
        set_attribute(enum_class, name, member)
        member_map[name] = member
        value2member.setdefault(value, member)
    if is_flag:
        set_attribute(enum_class, "_flag_mask_", flag_mask)
        set_attribute(enum_class, "_singles_mask_", singles_mask)
        set_attribute(enum_class, "_all_bits_", 2 ** (flag_mask.bit_length()) - 1)
    for attribute, value in base.after:
        set_attribute(enum_class, attribute, value)
    if is_flag:
        values = [m._value_ for m in enum_class]
        if values != sorted(values):
            set_attribute(enum_class, "_iter_member_", enum_class._iter_member_by_def_)
    return enum_class


def applies(python: tuple[int, int] | None = None) -> bool:
    """Whether this interpreter's enum module is the one :func:`_build` mirrors."""
    return (python or sys.version_info[:2]) == MIRRORED_PYTHON and EnumType._create_ in (_standard_create, _create_)


def install() -> bool:
    """Make enum classes through :func:`_create_` from now on; True when in place (idempotent).
    Left alone on another Python, or when something else has replaced the builder."""
    global _installed
    if _installed:
        return True
    if not applies():
        return False
    EnumType._create_ = _create_  # type: ignore[method-assign]
    _installed = True
    return True


def uninstall() -> None:
    """The standard builder again (tests)."""
    global _installed
    EnumType._create_ = _standard_create  # type: ignore[method-assign]
    _installed = False


__all__ = ["MIRRORED_PYTHON", "applies", "install", "uninstall"]
