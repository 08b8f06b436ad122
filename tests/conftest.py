"""Shared fixtures: the bundled plan as data, in memory and on disk."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SEED_JSON = ROOT / "resources" / "seed" / "hitachi_plan.json"
TEMPLATE_DB = ROOT / "data" / "plan.sqlite"
SEED_TEXT = ROOT.parent / "shared" / "seed" / "000_14fe45e8648ecfda.txt"


@pytest.fixture(scope="session")
def seed_data():
    from plan_desktop.storage.seed import load_seed

    return load_seed(SEED_JSON)


@pytest.fixture
def repo(seed_data):
    """A repository on an in-memory database holding the bundled plan."""
    import copy

    from plan_desktop.storage.database import open_database
    from plan_desktop.storage.repository import PlanRepository

    r = PlanRepository(open_database(memory=True))
    r.replace_all(copy.deepcopy(seed_data))
    return r


@pytest.fixture
def db_file(tmp_path) -> Path:
    """A private copy of the shipped database."""
    target = tmp_path / "plan.sqlite"
    shutil.copyfile(TEMPLATE_DB, target)
    return target


def pytest_configure(config):
    # Before the first Qt call of the run (see plan_desktop.qt_compat).
    from plan_desktop.qt_compat import shield_singletons

    shield_singletons()
