"""Fixtures for the exchange tests: a migrated private plan file, with and without evaluations."""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from exchange_helpers import open_repo, sample_evaluation  # noqa: E402


@pytest.fixture
def plan_file(db_file) -> Path:
    """The shipped plan, migrated once so that opening it again changes nothing."""
    open_repo(db_file).db.close()
    return db_file


@pytest.fixture
def evaluated_file(plan_file) -> Path:
    """The plan with evaluations for FY on its first six measures."""
    repo = open_repo(plan_file)
    data = repo.load()
    for i, m in enumerate(data.measures[:6]):
        m2 = copy.deepcopy(m)
        m2.evaluations = [sample_evaluation(i)]
        repo.save_measure(m2)
    repo.db.close()
    return plan_file
