"""domain.runs: the stretches of true flags."""

from __future__ import annotations

import pytest

from plan_desktop.domain.runs import runs


@pytest.mark.parametrize(("flags", "expected"), [
    ("", []),
    ("0", []),
    ("1", [(0, 1)]),
    ("0110", [(1, 3)]),
    ("1101", [(0, 2), (3, 4)]),
    ("111", [(0, 3)]),
    ("0101010", [(1, 2), (3, 4), (5, 6)]),
])
def test_runs_are_the_longest_stretches_of_true_flags_in_order(flags, expected):
    assert runs(c == "1" for c in flags) == expected
