"""How many examples a property test tries: a fixed budget in the default run, more when exploring.

The default run (README command, CI) uses the ``deterministic`` hypothesis
profile registered in ``tests/conftest.py``: derandomised, so every run tries
the same examples. ``HYPOTHESIS_PROFILE=explore`` (or ``--hypothesis-profile
explore``) tries many more, random ones, and shrinks what it finds.
"""

from __future__ import annotations

from hypothesis import settings

DETERMINISTIC_EXAMPLES = 25
EXPLORE_EXAMPLES = DETERMINISTIC_EXAMPLES * 20


def examples(n: int) -> int:
    """*n* examples in the default run, scaled up by the active profile."""
    return max(1, n * settings().max_examples // DETERMINISTIC_EXAMPLES)
