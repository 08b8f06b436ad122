"""What start-up compiles at run time (dataclasses' generated methods, PySide6's support modules, regular
expressions) compiled once and kept between processes (plan_desktop/startup_code.py).

Each case runs in a fresh interpreter: the cache is installed into the ``dataclasses`` module
of the whole process, and what matters is what a later process makes from the stored file.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Classes of every kind the app uses (and a few more), in a module with ``from __future__ import
# annotations`` like ours; prints what each generated method is made of, and the cache's counts.
CLASSES = r'''
from __future__ import annotations
import dataclasses, json, sys
from dataclasses import dataclass, field
from pathlib import Path
from plan_desktop import startup_code

mode = sys.argv[1]
if mode != "plain":
    assert startup_code.install(Path(sys.argv[2]))

@dataclass
class Plain:
    a: int
    b: str = "x"
    c: list[int] = field(default_factory=list)
    d: dict = field(default_factory=dict, compare=False, repr=False)

@dataclass(frozen=True)
class Frozen:
    """Has a docstring."""
    x: int
    y: tuple[str, ...] = ()

@dataclass(order=True, unsafe_hash=True)
class Ordered:
    k: float
    name: str = field(default="", hash=False)

@dataclass(frozen=True, slots=True)
class Slotted:
    v: int = 0

@dataclass(eq=False, kw_only=True)
class KwOnly:
    p: int
    q: int = 2

def fingerprint(f):
    c = f.__code__
    return [c.co_code.hex(), repr(c.co_consts), c.co_names, c.co_varnames, c.co_filename, c.co_flags,
            repr(f.__annotations__), repr(f.__defaults__), repr(f.__kwdefaults__), f.__qualname__]

out = {}
for cls in (Plain, Frozen, Ordered, Slotted, KwOnly):
    for name in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__",
                 "__lt__", "__le__", "__gt__", "__ge__"):
        f = cls.__dict__.get(name)
        if callable(f) and hasattr(f, "__code__"):
            out[f"{cls.__name__}.{name}"] = fingerprint(f)
    out[f"{cls.__name__}.__doc__"] = cls.__doc__
behaviour = [repr(Plain(1)), Plain(1) == Plain(1, d={"z": 1}), Plain(1) == Plain(2), hash(Frozen(1, ("a",))) == hash((1, ("a",))),
             Ordered(1.0) < Ordered(2.0), repr(Slotted(3)), KwOnly(p=1) == KwOnly(p=1)]
try:
    Frozen(1).x = 2
except dataclasses.FrozenInstanceError:
    behaviour.append("frozen")
if mode != "plain":
    startup_code.save()
print(json.dumps({"methods": out, "behaviour": behaviour, "stats": list(startup_code.stats())}))
'''


def run(mode: str, cache: Path, tmp_path: Path, **env_extra: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), **env_extra)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(env_extra)
    r = subprocess.run([sys.executable, "-c", CLASSES, mode, str(cache)], env=env, capture_output=True, text=True,
                       encoding="utf-8", timeout=60, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


def test_methods_taken_from_the_cache_are_the_ones_dataclasses_compiles(tmp_path):
    cache = tmp_path / "methods.bin"
    plain = run("plain", cache, tmp_path)
    first = run("cache", cache, tmp_path)
    assert cache.exists()
    second = run("cache", cache, tmp_path)
    assert first["stats"][0] == 0 and first["stats"][1] > 10  # all compiled, then stored
    assert second["stats"] == [first["stats"][1], 0]  # all from the file, nothing compiled
    for made in (first, second):
        assert made["methods"] == plain["methods"]
        assert made["behaviour"] == plain["behaviour"]
    # the generated __init__'s annotations are the types themselves, not strings: no __future__ flag leaked
    assert "'_type_a'" not in json.dumps(second["methods"]["Plain.__init__"])


@pytest.mark.parametrize("content", [b"", b"garbage", b"plan-desktop start-up code 1\n\x00\x00\x00\x00\x00x"])
def test_a_damaged_or_foreign_cache_file_only_means_compiling_again(tmp_path, content):
    cache = tmp_path / "methods.bin"
    cache.write_bytes(content)
    plain = run("plain", cache, tmp_path)
    made = run("cache", cache, tmp_path)
    assert made["stats"][0] == 0
    assert made["methods"] == plain["methods"] and made["behaviour"] == plain["behaviour"]
    assert run("cache", cache, tmp_path)["stats"][1] == 0  # rewritten: the next process compiles nothing


def test_nothing_is_written_when_python_writes_no_bytecode(tmp_path):
    cache = tmp_path / "methods.bin"
    run("cache", cache, tmp_path, PYTHONDONTWRITEBYTECODE="1")
    assert not cache.exists()


def test_the_cache_file_lies_beside_the_packages_bytecode(tmp_path):
    code = ("import sys; from plan_desktop import startup_code as d; from importlib.util import cache_from_source;"
            "print(d.cache_file().parent == __import__('pathlib').Path(cache_from_source(d.__file__)).parent)")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), PYTHONPYCACHEPREFIX=str(tmp_path / "pyc"))
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, encoding="utf-8",
                       timeout=60, check=True)
    assert r.stdout.strip() == "True"


PROBE = r"""
import dataclasses, json, sys
undocumented = []
process_class = dataclasses._process_class

def record(cls, *args, **kwargs):  # (dataclasses writes a missing docstring from inspect.signature)
    if not cls.__doc__:
        undocumented.append(cls.__qualname__)
    return process_class(cls, *args, **kwargs)

dataclasses._process_class = record
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QMainWindow
import plan_desktop.app as app
from plan_desktop import startup_code

seen = {}
original = app._FirstPaint.eventFilter

def probe(self, obj, event):
    if not seen and event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
        seen["installed"] = startup_code.installed()
        seen["stats"] = list(startup_code.stats())
        seen["regex_misses"] = startup_code.regex_misses()
        seen["undocumented"] = list(undocumented)
    return original(self, obj, event)

app._FirstPaint.eventFilter = probe
from plan_desktop.cli import main
code = main(["--db", sys.argv[1], "--exit-after-show"])
print(json.dumps(seen))
sys.exit(code)
"""


def _two_window_starts(tmp_path: Path, probe: str) -> list[dict]:
    """What *probe* (a window's start on a copy of the bundled plan) prints, in two processes one
    after the other, with their own bytecode folder (where the table is kept)."""
    db = tmp_path / "plan.sqlite"
    db.write_bytes((ROOT / "data" / "plan.sqlite").read_bytes())
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "cfg"),
               XDG_DATA_HOME=str(tmp_path / "data"), PYTHONPATH=str(ROOT / "src"),
               PYTHONPYCACHEPREFIX=str(tmp_path / "pyc"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    runs = []
    for _ in range(2):
        r = subprocess.run([sys.executable, "-c", probe, str(db)], env=env, capture_output=True, text=True,
                           encoding="utf-8", timeout=120, cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        runs.append(json.loads(r.stdout.strip().splitlines()[-1]))
    return runs


@pytest.mark.slow
def test_the_window_compiles_no_dataclass_method_on_its_second_start(tmp_path):
    first, second = _two_window_starts(tmp_path, PROBE)
    assert first["installed"] and second["installed"]
    assert first["stats"][1] > 100  # the first start compiles the methods of every dataclass it makes
    assert second["stats"] == [first["stats"][1], 0]
    # and every dataclass made before the first frame has a docstring: dataclasses would write one
    # from inspect.signature() (~0.1 ms a class)
    assert second["undocumented"] == []


def _write_table(tmp_path: Path) -> Path:
    """The table the build ships (build_spec/build.py runs the same in a fresh interpreter)."""
    code = ("import sys; from pathlib import Path; from plan_desktop.startup_code import table_name, write_table;"
            "print(write_table(Path(sys.argv[1]) / table_name()), table_name())")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-c", code, str(tmp_path)], env=env, capture_output=True, text=True,
                       encoding="utf-8", timeout=120)
    assert r.returncode == 0, r.stderr
    count, name = r.stdout.split()
    assert int(count) > 100
    return tmp_path / name


FROZEN = r"""
import json, sys
from dataclasses import dataclass
from pathlib import Path
sys.frozen = True
sys._MEIPASS = sys.argv[1]
from plan_desktop import startup_code
print(json.dumps([str(startup_code.cache_file()), startup_code.install()]))

@dataclass
class NotInTheTable:
    made_after_the_build: int

startup_code.save()
print(json.dumps(list(startup_code.stats())))
"""


@pytest.mark.slow
def test_a_packaged_app_reads_the_table_its_build_shipped_and_never_writes_it(tmp_path):
    table = _write_table(tmp_path)
    before = table.read_bytes()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    r = subprocess.run([sys.executable, "-c", FROZEN, str(tmp_path)], env=env, capture_output=True, text=True,
                       encoding="utf-8", timeout=60)
    assert r.returncode == 0, r.stderr
    where, stats = (json.loads(line) for line in r.stdout.strip().splitlines())
    assert where == [str(table), True]  # in the app's folder, beside resources/
    assert stats[1] > 0  # the methods of the class the table lacks were compiled...
    assert table.read_bytes() == before  # ...and the shipped table left alone (an installed folder may be read only)


@pytest.mark.slow
def test_the_table_the_build_ships_holds_every_method_the_window_compiles(tmp_path):
    table = _write_table(tmp_path)
    db = tmp_path / "plan.sqlite"
    db.write_bytes((ROOT / "data" / "plan.sqlite").read_bytes())
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "cfg"),
               XDG_DATA_HOME=str(tmp_path / "data"), PYTHONPATH=str(ROOT / "src"), PYTHONDONTWRITEBYTECODE="1")
    probe = ("import sys\nfrom pathlib import Path\nfrom plan_desktop import startup_code\n"
             "assert startup_code.install(Path(sys.argv[2]))\n" + PROBE)
    r = subprocess.run([sys.executable, "-c", probe, str(db), str(table)], env=env, capture_output=True, text=True,
                       encoding="utf-8", timeout=120, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    seen = json.loads(r.stdout.strip().splitlines()[-1])
    hits, misses = seen["stats"]
    # Only the pattern of the backups' names, made from the plan file's name, is compiled at run time.
    assert misses == seen["regex_misses"] <= 2 and hits > 100


# A window's start as the application makes it (no Qt import before the cache is in place): what
# the table held for PySide6's support modules, and whether compile() is the built-in again.
SUPPORT_PROBE = r"""
import builtins, json, sys
from plan_desktop import startup_code
from plan_desktop.cli import main
code = main(["--db", sys.argv[1], "--exit-after-show"])
support = sorted(k.split("\0", 1)[0] for k in startup_code._used
                 if k.startswith(("signature_bootstrap.py\0", "shibokensupport/")))
print(json.dumps({"stats": list(startup_code.stats()), "support": support,
                  "builtin_compile": builtins.compile is startup_code._builtin_compile}))
sys.exit(code)
"""


@pytest.mark.slow
def test_pysides_support_modules_are_compiled_on_the_first_start_only(tmp_path):
    first, second = _two_window_starts(tmp_path, SUPPORT_PROBE)
    assert "signature_bootstrap.py" in first["support"] and len(first["support"]) >= 10
    assert "shibokensupport/signature/parser.py" in first["support"]
    assert second["support"] == first["support"]
    assert second["stats"] == [first["stats"][1], 0]  # nothing compiled: dataclass methods nor support modules
    assert first["builtin_compile"] and second["builtin_compile"]  # only until the first frame


FUTURE_SOURCE = "def f(x: Undefined) -> Undefined:\n    return x\n"


def test_the_caching_compile_makes_what_compile_makes(monkeypatch):
    """The code of a support module's text is what the built-in makes from the same call (the
    ``from __future__ import annotations`` of this module inherited as compile inherits it),
    made once; bytes and text are kept apart; other file names go to the built-in."""
    from plan_desktop import startup_code

    monkeypatch.setattr(startup_code, "_table", {})
    monkeypatch.setattr(startup_code, "_used", set())
    monkeypatch.setattr(startup_code, "_dirty", False)
    caching = startup_code._caching_compile
    for name in ("shibokensupport/signature/example.py", "signature_bootstrap.py"):
        for source in (FUTURE_SOURCE, FUTURE_SOURCE.encode("utf-8")):
            made = caching(source, name, "exec")
            assert made == compile(source, name, "exec")
            assert made.co_flags & __import__("__future__").annotations.compiler_flag
            assert caching(source, name, "exec") is made  # from the table
            plain = caching(source, name, "exec", dont_inherit=True)
            assert plain == compile(source, name, "exec", dont_inherit=True) and plain != made
    assert len(startup_code._table) == 8 and startup_code._dirty
    other = caching(FUTURE_SOURCE, "elsewhere.py", "exec")
    assert other == compile(FUTURE_SOURCE, "elsewhere.py", "exec")
    assert len(startup_code._table) == 8
    import ast

    tree = caching("1 + 2", "shibokensupport/x.py", "eval", ast.PyCF_ONLY_AST)  # not code: the built-in's
    assert ast.dump(tree) == ast.dump(compile("1 + 2", "shibokensupport/x.py", "eval", ast.PyCF_ONLY_AST))
    assert len(startup_code._table) == 8


PATTERNS = [
    (r"(令和|平成|r|h)(元|\d{1,2})(?:年度?)?", 0),
    (r"(?P<year>\d{4})年度(?P=year)?", 0),
    (r"(?i)abc|DEF", 0),
    ("[^\x00-\x7f§°-±¶×÷‐–-―‘-’※←-↙①-⑨\u3000-〃ぁ-ゖァ-ヾ一-鿿！-～]", 0),
    (r"""(?x) a   # a comment
         [b-d]+ \b""", 0),
    (r"(a)(?P<n>b)?(?(1)c|d)", re.ASCII),
    (r"x*?y{2,}+(?=z)(?<!w)", 0),
    (r"^\s*(\w+)\s*$", re.MULTILINE | re.DOTALL),
    (rb"[\x80-\xff]+", 0),
    (rb"\w+", re.LOCALE),
    (r"\~pd[0-9a-f]{8}\.tmp$", 0),
    ("", 0),
]


@pytest.fixture
def re_table(monkeypatch):
    """An empty table and re's own compiler behind _caching_re_compile; yields that compiler."""
    from plan_desktop import startup_code

    if not startup_code._keeps_re_code():
        pytest.skip("mirrors CPython 3.11's re")
    from re import _compiler

    stock = startup_code._re_compile or _compiler.compile
    monkeypatch.setattr(startup_code, "_table", {})
    monkeypatch.setattr(startup_code, "_used", set())
    monkeypatch.setattr(startup_code, "_re_compile", stock)
    return stock


def test_a_regular_expression_from_the_table_is_the_one_re_compiles(monkeypatch, re_table):
    """What _caching_re_compile makes, the first time and from the table (after a round trip
    through the stored format), is the pattern re makes: equal code, flags, groups and names."""
    import marshal

    from plan_desktop import startup_code

    stock = re_table
    made = [startup_code._caching_re_compile(p, f) for p, f in PATTERNS]
    assert len(startup_code._table) == len(PATTERNS)
    stored = marshal.loads(marshal.dumps(startup_code._table))
    assert startup_code._read.__globals__["_re_entry"] and all(
        startup_code._re_entry(v) for v in stored.values())
    monkeypatch.setattr(startup_code, "_table", stored)
    for (p, f), first in zip(PATTERNS, made):
        again = startup_code._caching_re_compile(p, f)
        reference = stock(p, f)
        for pattern in (first, again):
            assert pattern == reference  # CPython compares the pattern, the flags and the engine's code
            assert (pattern.flags, pattern.groups, pattern.groupindex) == (
                reference.flags, reference.groups, reference.groupindex)
        sample = "令和7年度 2025年度2025 abc DEF xyyz a b c\n ①ア漢！" if isinstance(p, str) else b"\x80\x81 ab_c"
        assert [m.span() for m in again.finditer(sample)] == [m.span() for m in reference.finditer(sample)]
    assert startup_code._caching_re_compile("a+", re.DEBUG) is not None  # DEBUG: re's own (prints)
    assert len(stored) == len(PATTERNS)


def test_a_kept_pattern_the_engine_refuses_is_made_anew(re_table):
    """A damaged entry (code the engine's validation refuses) costs a compile, never the start."""
    from plan_desktop import startup_code

    stock = re_table
    startup_code._caching_re_compile(r"(\d{4})年度", 0)
    (key,) = startup_code._table
    flags, code, groups, groupindex, indexgroup = startup_code._table[key]
    startup_code._table[key] = (flags, [999, *code[1:]], groups, groupindex, indexgroup)
    again = startup_code._caching_re_compile(r"(\d{4})年度", 0)
    assert again == stock(r"(\d{4})年度", 0)
    assert startup_code._table[key][1] == code  # the entry made anew
