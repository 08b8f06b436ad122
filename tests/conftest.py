"""Shared fixtures: the bundled plan as data, in memory and on disk."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings
from property_budget import DETERMINISTIC_EXAMPLES, EXPLORE_EXAMPLES

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Python processes the tests start write UTF-8 to their pipes, which the tests read as UTF-8
# (a Japanese Windows PC would otherwise use cp932).
os.environ.setdefault("PYTHONIOENCODING", "utf-8")
if sys.flags.warn_default_encoding:  # bootstrap.py test: the processes tests start check it too
    os.environ.setdefault("PYTHONWARNDEFAULTENCODING", "1")
    os.environ.setdefault("PYTHONWARNINGS", "error::EncodingWarning,ignore::EncodingWarning:openpyxl.worksheet._writer")

# Property tests: the default run tries the same examples every time (its verdict
# never depends on luck or machine speed: no deadline, no timing health check) and
# reports a failure at once, with the blob to replay it, instead of shrinking for
# minutes. HYPOTHESIS_PROFILE=explore tries far more random examples and shrinks.
settings.register_profile(
    "deterministic", derandomize=True, database=None, max_examples=DETERMINISTIC_EXAMPLES, deadline=None,
    print_blob=True, suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target])
settings.register_profile(
    "explore", max_examples=EXPLORE_EXAMPLES, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))

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
