"""What the window's start-up compiles at run time, kept between processes like Python's own bytecode:
the methods of dataclasses, PySide6's support modules and regular expressions (below).

``@dataclass`` writes the source of each generated method (``__init__``,
``__repr__``, ``__eq__``, ``__hash__``, a frozen class's ``__setattr__`` and
``__delattr__``) and compiles it with ``exec`` while the class statement runs:
the window's start-up creates ~60 dataclasses, ~240 compiles, 40-50 ms of its
CPU (the parse and compile of text that is the same on every start). Python
keeps the compiled code of modules in ``__pycache__``; it has no such cache for
code made at run time.

:func:`install` gives the ``dataclasses`` module an ``exec`` that looks the
source text up in a table of code objects read from beside our own bytecode
(``__pycache__/startup_code.<tag>.bin``, where Python writes
``plan_desktop``'s ``.pyc`` files, ``PYTHONPYCACHEPREFIX`` included) and
compiles only texts it has not seen, exactly as ``exec`` would (file name
``<string>``, no ``__future__`` flags inherited: the dataclasses module has
none); the code is then run as before, in the same namespaces. The key is the
whole source text, so a changed class, another Python or another dataclasses
module finds its own entry or compiles anew, and the cache never changes what
a class does (tests/test_startup_code.py compares the methods made with and
without it). :func:`save` writes the table back when something was compiled
(after the window's first frame and at exit); a missing, damaged or foreign
file, a folder that cannot be written or ``PYTHONDONTWRITEBYTECODE`` only mean
compiling as before.

A packaged (frozen) app has no source folder: the build writes the table of
every dataclass of the package once (:func:`write_table`, run by
build_spec/build.py) and ships it in the app's folder, where :func:`cache_file`
finds it; the app only reads it (an installed folder may not be writable).

The same table keeps the code of PySide6's support modules. shiboken6 carries
them as source inside its extension module and compiles them with
``compile()`` on every start (``signature_bootstrap.py`` and 13
``shibokensupport`` modules, ~60,000 characters, 40-55 ms of CPU before the
window's first frame). :func:`install` also puts :func:`_caching_compile` in
the place of the built-in ``compile`` until :func:`save` runs after the first
frame: a text with one of those file names is looked up by its file name,
flags, optimisation level and whole text (the ``__future__`` flags it inherits
from the calling code worked out as ``compile`` does), and compiled only when
not found; every other call goes to the built-in unchanged.

And the regular expressions start-up compiles (~20, three of them PySide6's,
~20 ms): until the same moment, ``re``'s compiler is :func:`_caching_re_compile`,
which keeps what CPython 3.11's ``re`` works out for a pattern text (the flags,
the engine's code, the groups and their names, by the engine's MAGIC, the
type, flags and text) and hands it to the engine as ``re`` would. Only on the
``re`` it mirrors; tests compare the patterns made both ways (CPython compares
a pattern's text, flags and code).
"""

from __future__ import annotations
import __future__

import atexit
import builtins
import marshal
import sys
from pathlib import Path
from types import CodeType, ModuleType

__all__ = ["cache_file", "install", "installed", "regex_misses", "save", "stats", "table_name", "write_table"]

# Bumped when the file's layout changes.
FORMAT = b"plan-desktop start-up code 1\n"
# A table this large holds texts of classes long gone: the next save keeps only what this run used.
MAX_ENTRIES = 4000

# Source texts (and keyed texts, see below) -> their code; regular expressions -> _sre.compile's arguments.
_table: dict[str, CodeType | tuple] = {}
_used: set[str] = set()
_file: Path | None = None
_dirty = False
_hits = 0
_misses = 0
_regex_misses = 0
_installed = False


def _header() -> bytes:
    """What the stored code depends on besides its text: the bytecode format and the optimisation level."""
    from importlib.util import MAGIC_NUMBER

    return FORMAT + MAGIC_NUMBER + bytes([sys.flags.optimize])


def table_name() -> str:
    """The table's file name: one per Python bytecode version."""
    return f"startup_code.{sys.implementation.cache_tag}.bin"


def cache_file() -> Path | None:
    """Where the table is kept: beside this package's bytecode, or in a frozen app the table its
    build shipped in the app's folder (None when this Python keeps no bytecode)."""
    if sys.implementation.cache_tag is None:
        return None
    if getattr(sys, "frozen", False):
        from .paths import install_root

        return install_root() / table_name()
    from importlib.util import cache_from_source

    try:
        pyc = Path(cache_from_source(__file__))
    except (NotImplementedError, ValueError):  # no cache tag: bytecode caching is off in this Python
        return None
    return pyc.with_name(table_name())


def _read(path: Path) -> dict[str, CodeType | tuple]:
    try:
        with open(path, "rb") as f:
            data = f.read()
        header = _header()
        if not data.startswith(header):
            return {}
        table = marshal.loads(data[len(header):])
    except Exception:  # noqa: BLE001 - missing, unreadable or damaged: compile as before
        return {}
    if not isinstance(table, dict):
        return {}
    return {k: v for k, v in table.items()
            if isinstance(k, str) and (isinstance(v, CodeType) or (k.startswith("re\0") and _re_entry(v)))}


def _re_entry(value) -> bool:
    """Whether *value* has the shape of what _caching_re_compile keeps."""
    return (type(value) is tuple and len(value) == 5 and type(value[0]) is int and type(value[1]) is list
            and all(type(c) is int for c in value[1]) and type(value[2]) is int and type(value[3]) is dict
            and type(value[4]) is tuple)


def _compile(source: str) -> CodeType:
    # As exec(source) called in the dataclasses module compiles it: file name "<string>", and
    # dont_inherit so that this module's ``from __future__ import annotations`` does not apply.
    return compile(source, "<string>", "exec", dont_inherit=True)


def _cached_exec(source, globals=None, locals=None, /):
    """``exec`` for the dataclasses module: source text compiled once, then taken from the table."""
    global _dirty, _hits, _misses
    if type(source) is str:
        code = _table.get(source)
        if code is None:
            code = _table[source] = _compile(source)
            _dirty = True
            _misses += 1
        else:
            _hits += 1
        _used.add(source)
        source = code
    elif not isinstance(source, CodeType):
        source = compile(source, "<string>", "exec", dont_inherit=True)
    return builtins.exec(source, globals, locals)


# The compiler flags of every __future__ feature: what compile() inherits from the calling code.
_FUTURE_FLAGS = 0
for _feature in __future__.all_feature_names:
    _FUTURE_FLAGS |= getattr(__future__, _feature).compiler_flag
_builtin_compile = builtins.compile
# The file names shiboken6 compiles its embedded support modules under.
_SUPPORT_FILE, _SUPPORT_PACKAGE = "signature_bootstrap.py", "shibokensupport/"


def _caching_compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1, **kwargs):
    """``compile``, with the code of PySide6's support modules taken from the table (see the module's text)."""
    global _dirty, _hits, _misses
    if not dont_inherit:
        # As compile() merges the future flags of the code that calls it (the frame below this one).
        try:
            flags |= sys._getframe(1).f_code.co_flags & _FUTURE_FLAGS
        except ValueError:
            pass
    kind = type(source)
    if ((kind is bytes or kind is str) and type(filename) is str and mode == "exec" and not kwargs
            and not flags & ~_FUTURE_FLAGS and (filename == _SUPPORT_FILE or filename.startswith(_SUPPORT_PACKAGE))):
        # (shiboken6 passes the bytes it read: kept apart from a text, which compiles without decoding)
        text = source.decode("latin-1") if kind is bytes else source
        key = f"{filename}\0{kind.__name__}\0{flags}\0{optimize}\0{text}"
        code = _table.get(key)
        if code is None:
            code = _table[key] = _builtin_compile(source, filename, mode, flags, True, optimize)
            _dirty = True
            _misses += 1
        else:
            _hits += 1
        _used.add(key)
        return code
    return _builtin_compile(source, filename, mode, flags, True, optimize, **kwargs)


_re_compile = None  # re._compiler.compile while _caching_re_compile stands in for it


def _caching_re_compile(p, flags=0):
    """``re._compiler.compile``, with what it makes of a pattern text taken from the table: the
    arguments it passes to ``_sre.compile`` (flags, code, groups, group names), worked out as it
    works them out (CPython 3.11's re) and kept by the engine's MAGIC, the type, flags and text."""
    global _dirty, _hits, _misses, _regex_misses
    import _sre
    from re import _compiler, _parser

    kind = type(p)
    if not (kind is str or kind is bytes) or not isinstance(flags, int) or flags & _compiler.SRE_FLAG_DEBUG:
        return _re_compile(p, flags)  # type: ignore[misc]
    flags = int(flags)  # (re passes a RegexFlag's value; the same pattern either way)
    text = p.decode("latin-1") if kind is bytes else p
    key = f"re\0{_sre.MAGIC}\0{kind.__name__}\0{flags}\0{text}"
    made = _table.get(key)
    if made is not None:
        try:
            pattern = _sre.compile(p, made[0], list(made[1]), made[2], dict(made[3]), made[4])
        except Exception:  # noqa: BLE001 - an entry the engine refuses (a damaged file): made anew
            del _table[key]
        else:
            _hits += 1
            _used.add(key)
            return pattern
    parsed = _parser.parse(p, flags)
    code = [int(c) for c in _compiler._code(parsed, flags)]  # (re's opcodes are named int subclasses)
    groupindex = parsed.state.groupdict
    indexgroup = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    made = _table[key] = (flags | parsed.state.flags, code, parsed.state.groups - 1, dict(groupindex),
                          tuple(indexgroup))
    _dirty = True
    _misses += 1
    _regex_misses += 1
    _used.add(key)
    pattern_flags, code, groups, groupindex, indexgroup = made
    return _sre.compile(p, pattern_flags, list(code), groups, dict(groupindex), indexgroup)


def _keeps_re_code() -> bool:
    """Whether this Python's re compiles as :func:`_caching_re_compile` mirrors (CPython 3.11)."""
    import _sre
    from re import _compiler

    return sys.version_info[:2] == (3, 11) and _sre.MAGIC == 20220615 and hasattr(_compiler, "_code")


def _release_compile() -> None:
    """The built-in ``compile`` and re's own compiler in place again (start-up is over by then)."""
    global _re_compile
    if builtins.compile is _caching_compile:
        builtins.compile = _builtin_compile
    if _re_compile is not None:
        from re import _compiler

        if _compiler.compile is _caching_re_compile:
            _compiler.compile = _re_compile
        _re_compile = None


def _uses_future_features(module: ModuleType) -> bool:
    import __future__

    feature = type(__future__.annotations)
    return any(isinstance(value, feature) for value in vars(module).values())


def install(path: Path | None = None) -> bool:
    """Let ``dataclasses`` take compiled methods from the table in *path* (default :func:`cache_file`);
    True when in place (idempotent). Left alone when the dataclasses module compiles with
    ``__future__`` features of its own (the cache could not reproduce them) or has no cache file."""
    global _installed, _file, _table
    if _installed:
        return True
    import dataclasses

    path = path if path is not None else cache_file()
    if path is None or "exec" in vars(dataclasses) or _uses_future_features(dataclasses):
        return False
    _file = path
    _table = _read(path)
    dataclasses.exec = _cached_exec  # type: ignore[attr-defined]  # found before builtins.exec
    if builtins.compile is _builtin_compile and "shibokensupport" not in sys.modules:
        builtins.compile = _caching_compile  # until save(): PySide6's support modules (module text)
    global _re_compile
    from re import _compiler

    if _re_compile is None and _keeps_re_code() and _compiler.compile.__module__ == "re._compiler":
        _re_compile = _compiler.compile  # until save(): the regular expressions start-up compiles
        _compiler.compile = _caching_re_compile
    _installed = True
    atexit.register(save)
    return True


def installed() -> bool:
    return _installed


def stats() -> tuple[int, int]:
    """(texts found in the table, texts compiled) since :func:`install`."""
    return _hits, _misses


def regex_misses() -> int:
    """How many of :func:`stats`'s compiled texts were regular expressions (some are made from
    a file's name, so a build cannot compile them ahead)."""
    return _regex_misses


def save() -> None:
    """Write the table when something was compiled since it was read (never raises); from then
    on ``compile`` is the built-in again."""
    global _dirty
    _release_compile()
    if not (_installed and _dirty) or _file is None or sys.dont_write_bytecode or getattr(sys, "frozen", False):
        return  # (a frozen app's table is the one its build shipped: read only)
    table = _table if len(_table) <= MAX_ENTRIES else {k: v for k, v in _table.items() if k in _used}
    try:
        blob = _header() + marshal.dumps(table)
        from .fileops import write_bytes

        _file.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(_file, blob, fsync=False)
    except Exception:  # noqa: BLE001 - a cache that cannot be written is simply not kept
        return
    _dirty = False


def write_table(path: Path) -> int:
    """Compile the methods of every dataclass in the package and write them to *path* (what a
    packaged app ships; run in a fresh interpreter by the build). Returns how many texts it holds."""
    global _dirty, _file
    import importlib
    import pkgutil

    import plan_desktop

    if not install(path):
        raise RuntimeError("the dataclasses module cannot take a cache of compiled methods")
    _file = path
    for info in pkgutil.walk_packages(plan_desktop.__path__, "plan_desktop."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)
    _release_compile()
    table = {k: v for k, v in _table.items() if k in _used}
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        f.write(_header() + marshal.dumps(table))
    _dirty = False
    return len(table)
