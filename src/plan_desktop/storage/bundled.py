"""The bundled plan's identity and its words, for files written before plans named their own words.

Every build of ``data/plan.sqlite`` (and every working copy made from it)
carries the same record ids, made from :data:`SEED_NAMESPACE`. Files of the
bundled plan written before schema 4 were shown with the bundled plan's
words; migrating them (and reading their old JSON exports) takes those words
from the seed file, the one place they are written down.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

SEED_NAMESPACE = uuid.UUID("6f1c1a52-8d0e-4a8e-9a57-3c0f1e2b7d10")


def bundled_plan_id() -> str:
    """The plan id of the bundled plan (the seed's "plan" record)."""
    return str(uuid.uuid5(SEED_NAMESPACE, "plan"))


def bundled_terms_for(plan_id: str, seed: str | Path | None = None) -> dict | None:
    """The bundled seed's ``terms`` object when *plan_id* is the bundled plan's, else None."""
    if plan_id != bundled_plan_id():
        return None
    if seed is None:
        from ..paths import seed_source

        seed = seed_source()
    try:
        doc = json.loads(Path(seed).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    terms = doc.get("terms") if isinstance(doc, dict) else None
    return terms if isinstance(terms, dict) else None
