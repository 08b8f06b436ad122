"""What importing reportlab costs that the reports never use, paid on first use instead;
and its number formatting, remembered.

* ``reportlab.platypus.paragraph`` compiles at import a case-insensitive URL
  pattern over the range U+00A1-U+FFFF (for splitting long URLs, an option the
  reports never use): ~55 ms of every process that lays out a paragraph, a
  quarter of reportlab's import. The modules in :data:`DEFERRED_MODULES` run
  with ``re.compile`` returning :class:`DeferredPattern` objects, which compile
  the same pattern the first time they are used and behave as the compiled
  pattern from then on.
* ``reportlab.lib.utils`` imports Pillow's ``PIL.Image`` (~25 ms with its own
  imports) for drawing bitmaps, which the reports never do. It is loaded
  lazily (:class:`importlib.util.LazyLoader`): the module exists at once and
  runs its code the first time one of its attributes is used.
* ``reportlab.lib.rl_accel.fp_str`` formats the numbers of every drawing
  operator ("0.133 0.133 0.133 rg", "1 0 0 1 56.69 771.02 cm"): ~32,000 calls
  for 35 sheets with only ~1,300 different arguments (line widths, colours,
  font sizes, a frame's origin), ~1 µs each even in C. Once ``rl_accel`` is
  loaded, its ``fp_str`` is :func:`remembered_fp_str`, which every reportlab
  module imports from there; the same string for the same numbers, from a dict.

:func:`install` adds the import hook that does all three. Nothing else changes: the
modules' code, other imports and every pattern compiled after the import are
untouched, and where modules are not loaded from source files (a frozen
build) the hook steps aside and they load as usual.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from importlib.machinery import PathFinder, SourceFileLoader
from importlib.util import LazyLoader

DEFERRED_MODULES = frozenset({"reportlab.platypus.paragraph", "reportlab.lib.textsplit"})
LAZY_MODULES = frozenset({"PIL.Image"})
NUMBER_FORMAT_MODULE = "reportlab.lib.rl_accel"
# Arguments remembered by remembered_fp_str before it starts afresh (a long print draws at
# many positions; the strings of 35 sheets fit ~15 times).
FP_STR_ENTRIES = 20_000


class DeferredPattern:
    """``re.compile(pattern, flags)``, compiled when first used."""

    def __init__(self, pattern, flags=0):
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern | None = None

    def compiled(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = _REAL_COMPILE(self._pattern, self._flags)
        return self._compiled

    @property
    def is_compiled(self) -> bool:
        return self._compiled is not None

    def __repr__(self) -> str:
        return f"DeferredPattern({self._pattern!r:.60}, {self._flags!r})"

    def __getattr__(self, name):
        # Only for what is not found otherwise: kept, so the next use is a plain lookup.
        value = getattr(self.compiled(), name)
        self.__dict__[name] = value
        return value


def _deferring_compile(pattern, flags=0):
    """``re.compile`` while a deferred module runs: its own module-level patterns
    are deferred; those of modules it imports (html.parser, ...) compile as usual."""
    if sys._getframe(1).f_globals.get("__name__") in DEFERRED_MODULES:
        return DeferredPattern(pattern, flags)
    return _REAL_COMPILE(pattern, flags)


_REAL_COMPILE = re.compile


class _DeferringLoader(SourceFileLoader):
    """A module's own loader, but ``re.compile`` defers while its code runs."""

    def exec_module(self, module) -> None:
        real = re.compile
        re.compile = _deferring_compile
        try:
            super().exec_module(module)
        finally:
            re.compile = real


def remembered_fp_str(fp_str: Callable[..., str]) -> Callable[..., str]:
    """*fp_str* (reportlab's number formatting) with its answers kept by argument.

    Numbers that compare equal format alike (1, 1.0 and True are all "1"), so
    equal arguments may share an answer; a list (unhashable) is formatted each time.
    """
    answers: dict[tuple, str] = {}

    def fp_str_remembered(*args) -> str:
        try:
            return answers[args]
        except KeyError:
            text = fp_str(*args)
        except TypeError:
            return fp_str(*args)
        if len(answers) >= FP_STR_ENTRIES:
            answers.clear()
        answers[args] = text
        return text

    fp_str_remembered.__wrapped__ = fp_str  # type: ignore[attr-defined]
    fp_str_remembered.__doc__ = fp_str.__doc__
    return fp_str_remembered


class _RememberingLoader(SourceFileLoader):
    """``reportlab.lib.rl_accel``'s own loader; its ``fp_str`` is then :func:`remembered_fp_str`."""

    def exec_module(self, module) -> None:
        super().exec_module(module)
        module.fp_str = remembered_fp_str(module.fp_str)


class _Finder:
    """Finds :data:`DEFERRED_MODULES`, :data:`LAZY_MODULES` and :data:`NUMBER_FORMAT_MODULE`
    as the path finder does, with a deferring, a lazy or a remembering loader."""

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name not in DEFERRED_MODULES and name not in LAZY_MODULES and name != NUMBER_FORMAT_MODULE:
            return None
        spec = PathFinder.find_spec(name, path, target)
        if spec is None or type(spec.loader) is not SourceFileLoader:
            return spec
        if name in LAZY_MODULES:
            spec.loader = LazyLoader(spec.loader)
        elif name == NUMBER_FORMAT_MODULE:
            spec.loader = _RememberingLoader(spec.loader.name, spec.loader.path)
        else:
            spec.loader = _DeferringLoader(spec.loader.name, spec.loader.path)
        return spec


def install() -> None:
    """Add the hook (once) unless the modules are imported already."""
    if any(f is _Finder for f in sys.meta_path):
        return
    if (DEFERRED_MODULES | LAZY_MODULES | {NUMBER_FORMAT_MODULE}).issubset(sys.modules):
        return
    sys.meta_path.insert(0, _Finder)
