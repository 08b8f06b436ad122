"""Building the shipped database from the reviewed seed source.

Records in the seed file carry no ids; they get name-based UUIDs (uuid5) so
that every build of ``data/plan.sqlite`` is identical and every laptop that
starts from it shares the same record identities (needed for merging).
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from .bundled import SEED_NAMESPACE
from .json_format import from_json


def with_stable_ids(doc: dict, stamp: str, namespace: uuid.UUID) -> dict:
    """*doc* (a ``plan-desktop/1`` dict) with missing ids filled from each record's path in
    *namespace* and missing timestamps set to *stamp*: the same input always gives the same file."""
    return _stable(doc, stamp, namespace)


def _stable(doc: dict, stamp: str, namespace: uuid.UUID = SEED_NAMESPACE) -> dict:
    """Fill missing ids (from each record's path) and timestamps, recursively."""

    def fill(obj: dict, path: str) -> None:
        obj.setdefault("id", str(uuid.uuid5(namespace, path)))
        obj.setdefault("updated_at", stamp)

    fill(doc["plan"], "plan")
    for p in doc["plan"].get("periods", []):
        p.setdefault("id", str(uuid.uuid5(namespace, f"period/{p['name']}")))
    for ph in doc.get("phases", []):
        ph.setdefault("id", str(uuid.uuid5(namespace, f"phase/{ph['name']}")))
    for kind in ("proposals", "viewpoints"):
        for x in doc.get(kind, []):
            fill(x, f"{kind}/{x['no']}")
    for m in doc["measures"]:
        base = f"measures/{m['no']}"
        fill(m, base)
        for bi, b in enumerate(m.get("action_plan", [])):
            fill(b, f"{base}/action_plan/{bi}")
            for ii, it in enumerate(b.get("items", [])):
                fill(it, f"{base}/action_plan/{bi}/items/{ii}")
        for e in m.get("evaluations", []):
            fill(e, f"{base}/evaluations/{e['fy']}")
    for i, c in enumerate(doc.get("communities", [])):
        fill(c, f"communities/{i}")
    return doc


def load_seed(path: str | Path):
    """The seed file as a validated PlanData with stable ids."""
    doc = json.loads(Path(path).read_text(encoding="utf-8"))
    stamp = doc.get("seed_timestamp", "2022-01-01T00:00:00+09:00")
    return from_json(_stable(doc, stamp))
