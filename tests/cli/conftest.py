"""Fixtures for the command-line tests, borrowed from the packages whose commands they drive.

The exchange commands need the exchange tests' plan files (``plan_file``,
``evaluated_file``), the print commands the report tests' PDF inspection
helpers (``pdf``). Those conftest modules are loaded once more under their
own names here so that each fixture keeps a single definition.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

TESTS = Path(__file__).resolve().parents[1]


def _conftest_of(package: str) -> ModuleType:
    name = f"_borrowed_{package}_conftest"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, TESTS / package / "conftest.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


sys.path.insert(0, str(TESTS / "exchange"))  # exchange_helpers, imported by the exchange tests

_exchange = _conftest_of("exchange")
_reports = _conftest_of("reports")
plan_file = _exchange.plan_file
evaluated_file = _exchange.evaluated_file
pdf = _reports.pdf
