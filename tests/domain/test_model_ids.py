"""Record ids (domain/model.py new_id): random version-4 UUIDs in their usual text form."""

from __future__ import annotations

import uuid

from plan_desktop.domain.model import new_id


def test_new_ids_are_random_version_4_uuids_written_as_str_uuid4_writes_them():
    ids = [new_id() for _ in range(500)]
    assert len(set(ids)) == len(ids)
    for text in ids:
        u = uuid.UUID(text)
        assert u.version == 4 and u.variant == uuid.RFC_4122
        assert str(u) == text  # lower-case hex, 8-4-4-4-12
    # every bit outside the version and variant bits varies
    varying = 0
    for text in ids:
        varying |= uuid.UUID(text).int ^ uuid.UUID(ids[0]).int
    assert bin(varying).count("1") == 122
