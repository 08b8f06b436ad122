"""Work-arounds for the pinned Qt binding, applied once before any Qt use.

PySide6 6.12.0 on CPython < 3.12: every call of a C++ function returning
``void`` (``setText``, ``update``, ``fillRect`` …) drops one reference to
``None`` it never took, and every ``Signal.emit`` does the same to ``True``.
After a few thousand calls the count reaches zero and the interpreter aborts
with "none_dealloc" — any real session hits it within minutes. PySide6 6.11
and CPython 3.12+ (immortal singletons) are not affected, but 6.12 is the
first release with the small PySide6-Pdf wheel we depend on (the 6.11 QtPdf
comes only inside the 440 MB Addons wheel with WebEngine). Giving the three
singletons a huge reference count makes the drift harmless, which is what
CPython 3.12 does by design.

PySide6's import hook (``shibokensupport.feature``) asks of every module
imported after PySide6, once, whether its source mentions "PySide6" (to
decide whether ``from __feature__ import ...`` may apply to it). It finds out
through ``inspect.getsource``: the file decoded and split into lines, kept in
``linecache``, about 0.2-0.5 ms a module; ~130 modules on the way to the
window's first frame. :func:`quicken_feature_check` answers the same question
for a module loaded from a ``.py`` file by looking for the bytes in the file.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib.machinery import SourceFileLoader
from types import ModuleType

_applied = False


def needs_singleton_shield(pyside_version: str, python: tuple[int, int]) -> bool:
    return python < (3, 12) and pyside_version.startswith("6.12.")


def shield_singletons() -> bool:
    """Apply the work-around if this binding needs it; True when applied (idempotent)."""
    global _applied
    if _applied:
        return True
    import PySide6

    if not needs_singleton_shield(PySide6.__version__, sys.version_info[:2]):
        return False
    import ctypes

    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 60
    _applied = True
    return True


def source_file_of(module: ModuleType) -> str | None:
    """The ``.py`` file *module* was loaded from by Python's own source loader, else None
    (built-in, extension, frozen or bytecode-only modules: PySide's own check decides)."""
    spec = getattr(module, "__spec__", None)
    origin = getattr(spec, "origin", None)
    if (type(getattr(spec, "loader", None)) is not SourceFileLoader or not isinstance(origin, str)
            or not origin.endswith(".py") or getattr(module, "__file__", None) != origin):
        return None
    return origin


def quick_uses_pyside(module: ModuleType, pyside_check: Callable[[ModuleType], bool]) -> bool:
    """Whether *module*'s source contains "PySide6", as *pyside_check* (PySide's own
    ``_mod_uses_pyside``, ``"PySide6" in inspect.getsource(module)``) answers it, without
    decoding the file: Python source encodings keep ASCII as it is."""
    path = source_file_of(module)
    if path is not None:
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            pass
    return pyside_check(module)


def quicken_feature_check() -> bool:
    """Let PySide6's import hook use :func:`quick_uses_pyside`; True when in place (idempotent).
    A binding whose hook looks different is left alone."""
    feature = sys.modules.get("shibokensupport.feature")
    pyside_check = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(pyside_check) or not isinstance(getattr(feature, "pyside_feature_dict", None), dict):
        return False
    if getattr(pyside_check, "quickened", False):
        return True

    def mod_uses_pyside(module: ModuleType) -> bool:
        return quick_uses_pyside(module, pyside_check)

    mod_uses_pyside.quickened = True  # type: ignore[attr-defined]
    mod_uses_pyside.pyside_check = pyside_check  # type: ignore[attr-defined]
    feature._mod_uses_pyside = mod_uses_pyside  # type: ignore[attr-defined]
    return True


def prepare_qt() -> None:
    """Everything this module does, before any Qt call (idempotent); also the faster making of
    PySide6's enum classes (plan_desktop/qt_enums.py)."""
    from . import qt_enums

    qt_enums.install()
    shield_singletons()
    import PySide6  # noqa: F401 - installs the import hook that quicken_feature_check adjusts

    quicken_feature_check()


def qt_library_files() -> list[str]:
    """The Qt library PySide6.QtWidgets links to (it brings Qt Gui and Core), found without importing
    PySide6, where the wheel puts it on Linux; [] elsewhere. (Windows would load Qt6Widgets.dll the
    same way, without the GIL; not done until it has been checked on Windows.)"""
    import importlib.util
    import os

    try:
        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        return []
    if spec is None or not spec.submodule_search_locations:
        return []
    package = list(spec.submodule_search_locations)[0]
    if not sys.platform.startswith("linux"):
        return []
    files = [os.path.join(package, "Qt", "lib", "libQt6Widgets.so.6")]
    return [f for f in files if os.path.isfile(f)]


def load_qt_libraries_in_background() -> None:
    """Start loading Qt's libraries (and theirs) on another thread, so that their loading
    (mapping, relocating, static initialisers: 10-15 ms of CPU) overlaps the import of the
    window's Qt-free modules on the other core; importing PySide6 later finds them loaded
    (or waits for the loader to finish them). The loader runs without the GIL, and Qt's
    static initialisers create no QObject (the thread that first does is Qt's main
    thread). Best effort: any failure is left for the real import to report."""
    files = qt_library_files()
    if not files:
        return
    import threading

    def load() -> None:
        import ctypes

        for path in files:
            try:
                ctypes.CDLL(path)
            except OSError:
                return

    threading.Thread(target=load, name="load-qt-libraries", daemon=True).start()
