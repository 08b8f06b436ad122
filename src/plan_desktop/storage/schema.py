"""Schema and numbered migrations, keyed on ``PRAGMA user_version``.

Migration N brings a database from version N-1 to N. Each runs inside one
transaction together with the ``user_version`` bump, so a crash leaves the
file at the old version, never half-migrated.
"""

from __future__ import annotations

from collections.abc import Callable

from .connection import SqlDatabase

# "PLAN" in ASCII: marks files as ours (PRAGMA application_id).
APPLICATION_ID = 0x504C414E


def execute_statements(db: SqlDatabase, script: str) -> None:
    """Run several statements inside the current transaction.

    ``sqlite3.executescript`` would COMMIT first; a migration must not.
    """
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _m1_initial(db: SqlDatabase) -> None:
    execute_statements(
        db,
        """
        CREATE TABLE plan (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            subtitle TEXT NOT NULL DEFAULT '',
            policy TEXT NOT NULL DEFAULT '',
            policy_sub TEXT NOT NULL DEFAULT '',
            fy_start INTEGER NOT NULL,
            fy_end INTEGER NOT NULL,
            notes TEXT NOT NULL DEFAULT '[]',
            extra TEXT NOT NULL DEFAULT '{}',
            updated_at TEXT NOT NULL
        );
        CREATE TABLE periods (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            fy_start INTEGER NOT NULL,
            fy_end INTEGER NOT NULL,
            position INTEGER NOT NULL
        );
        CREATE TABLE proposals (
            id TEXT PRIMARY KEY,
            no INTEGER NOT NULL UNIQUE,
            title TEXT NOT NULL,
            subtitle TEXT NOT NULL DEFAULT '',
            short TEXT NOT NULL DEFAULT '',
            items TEXT NOT NULL DEFAULT '[]',
            updated_at TEXT NOT NULL
        );
        CREATE TABLE viewpoints (
            id TEXT PRIMARY KEY,
            no INTEGER NOT NULL UNIQUE,
            title TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL
        );
        CREATE TABLE departments (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
        );
        CREATE TABLE phases (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            color TEXT NOT NULL,
            position INTEGER NOT NULL
        );
        CREATE TABLE rating_scale (
            letter TEXT PRIMARY KEY,
            label TEXT NOT NULL,
            definition TEXT NOT NULL DEFAULT '',
            points REAL NOT NULL DEFAULT 0,
            position INTEGER NOT NULL
        );
        CREATE TABLE measures (
            id TEXT PRIMARY KEY,
            no INTEGER NOT NULL,
            title TEXT NOT NULL,
            priority INTEGER NOT NULL DEFAULT 0,
            viewpoint_id TEXT NOT NULL REFERENCES viewpoints(id),
            issue TEXT NOT NULL DEFAULT '',
            content TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX measures_viewpoint ON measures(viewpoint_id, position);
        CREATE TABLE measure_departments (
            measure_id TEXT NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
            department_id INTEGER NOT NULL REFERENCES departments(id),
            position INTEGER NOT NULL,
            PRIMARY KEY (measure_id, department_id)
        );
        CREATE TABLE measure_proposals (
            measure_id TEXT NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
            proposal_id TEXT NOT NULL REFERENCES proposals(id),
            strength TEXT NOT NULL CHECK (strength IN ('◎', '○')),
            PRIMARY KEY (measure_id, proposal_id)
        );
        CREATE TABLE action_blocks (
            id TEXT PRIMARY KEY,
            measure_id TEXT NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
            fy_from INTEGER NOT NULL,
            fy_to INTEGER NOT NULL,
            position INTEGER NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (fy_from <= fy_to)
        );
        CREATE INDEX action_blocks_measure ON action_blocks(measure_id, position);
        CREATE TABLE action_items (
            id TEXT PRIMARY KEY,
            block_id TEXT NOT NULL REFERENCES action_blocks(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            sub TEXT NOT NULL DEFAULT '[]',
            position INTEGER NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX action_items_block ON action_items(block_id, position);
        CREATE TABLE schedule (
            measure_id TEXT NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
            fy INTEGER NOT NULL,
            phase_id TEXT NOT NULL REFERENCES phases(id),
            PRIMARY KEY (measure_id, fy)
        );
        CREATE TABLE evaluations (
            id TEXT PRIMARY KEY,
            measure_id TEXT NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
            fy INTEGER NOT NULL,
            rating TEXT,
            progress TEXT,
            achievements TEXT NOT NULL DEFAULT '',
            issues TEXT NOT NULL DEFAULT '',
            improvements TEXT NOT NULL DEFAULT '',
            direction TEXT,
            committee_opinion TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT '下書き',
            extra TEXT NOT NULL DEFAULT '{}',
            updated_at TEXT NOT NULL,
            UNIQUE (measure_id, fy)
        );
        CREATE TABLE change_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id TEXT,
            action TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE tombstones (
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            deleted_at TEXT NOT NULL,
            PRIMARY KEY (entity, entity_id)
        );
        """
    )


def _m2_evaluation_workflow(db: SqlDatabase) -> None:
    """Evaluation stages, carry-over fields, the lock flag and 成果指標 (indicators)."""
    execute_statements(
        db,
        """
        ALTER TABLE evaluations ADD COLUMN starting_point TEXT NOT NULL DEFAULT '';
        ALTER TABLE evaluations ADD COLUMN planned_actions TEXT NOT NULL DEFAULT '';
        ALTER TABLE evaluations ADD COLUMN self_rating TEXT;
        ALTER TABLE evaluations ADD COLUMN self_comment TEXT NOT NULL DEFAULT '';
        ALTER TABLE evaluations ADD COLUMN self_author TEXT NOT NULL DEFAULT '';
        ALTER TABLE evaluations ADD COLUMN self_date TEXT;
        ALTER TABLE evaluations ADD COLUMN council_rating TEXT;
        ALTER TABLE evaluations ADD COLUMN council_date TEXT;
        ALTER TABLE evaluations ADD COLUMN unlocked INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE evaluation_indicators (
            id TEXT PRIMARY KEY,
            evaluation_id TEXT NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE ON UPDATE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            unit TEXT NOT NULL DEFAULT '',
            baseline REAL,
            target REAL,
            actual REAL
        );
        CREATE INDEX evaluation_indicators_evaluation ON evaluation_indicators(evaluation_id, position)
        """,
    )


def _m3_periods_and_communities(db: SqlDatabase) -> None:
    """Measures belong to a period and link to their predecessors; period lock; per-community progress.

    community_entries has no foreign key on measure_id: deleting a measure
    keeps its matrix so that undoing the delete brings it back; loads skip
    the entries of absent measures.
    """
    execute_statements(
        db,
        """
        ALTER TABLE periods ADD COLUMN locked INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE measures ADD COLUMN period TEXT;
        ALTER TABLE measures ADD COLUMN predecessor_ids TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE measures ADD COLUMN community TEXT;
        CREATE TABLE communities (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            position INTEGER NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE community_entries (
            id TEXT PRIMARY KEY,
            measure_id TEXT NOT NULL,
            community_id TEXT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
            fy INTEGER NOT NULL,
            status TEXT,
            note TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            UNIQUE (measure_id, community_id, fy)
        );
        CREATE INDEX community_entries_measure ON community_entries(measure_id, fy)
        """,
    )


def _m4_plan_words_nesting_codes(db: SqlDatabase) -> None:
    """The plan's own words (terms), nested groups with display codes and an order,
    measure display codes and active years, the middle evaluation stage.

    A working copy of the bundled plan keeps the words it was shown with: its
    terms are taken from the bundled seed (see :mod:`.bundled`).
    Every other plan gets the neutral words of ``domain.terms``.
    """
    execute_statements(
        db,
        """
        ALTER TABLE plan ADD COLUMN terms TEXT NOT NULL DEFAULT '{}';
        ALTER TABLE viewpoints ADD COLUMN parent_id TEXT REFERENCES viewpoints(id);
        ALTER TABLE viewpoints ADD COLUMN code TEXT;
        ALTER TABLE viewpoints ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
        UPDATE viewpoints SET position = (SELECT count(*) FROM viewpoints v2 WHERE v2.no < viewpoints.no);
        CREATE INDEX viewpoints_parent ON viewpoints(parent_id, position);
        ALTER TABLE measures ADD COLUMN code TEXT;
        ALTER TABLE measures ADD COLUMN fy_from INTEGER;
        ALTER TABLE measures ADD COLUMN fy_to INTEGER;
        ALTER TABLE evaluations ADD COLUMN middle_rating TEXT;
        ALTER TABLE evaluations ADD COLUMN middle_opinion TEXT NOT NULL DEFAULT '';
        ALTER TABLE evaluations ADD COLUMN middle_date TEXT
        """,
    )
    row = db.execute("SELECT id FROM plan").fetchone()
    terms = None
    if row:  # (the schema replayed on an empty database, as every window start does, has no plan)
        from .bundled import bundled_terms_for

        terms = bundled_terms_for(row[0])
    if terms is not None:
        import json

        db.execute("UPDATE plan SET terms = ?", [json.dumps(terms, ensure_ascii=False)])


def _m5_record_versions(db: SqlDatabase) -> None:
    """Per-record version history for three-way merging (see storage/versions.py).

    Empty at first: a record without rows has the virtual version of its
    content, the same in every copy.
    """
    execute_statements(
        db,
        """
        CREATE TABLE record_versions (
            entity TEXT NOT NULL,
            record TEXT NOT NULL,
            version TEXT NOT NULL,
            digest TEXT NOT NULL DEFAULT '',
            head INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (entity, record, version)
        );
        CREATE INDEX record_versions_head ON record_versions(entity, record, head)
        """,
    )


# Index i holds the migration from version i to i + 1.
MIGRATIONS: list[Callable[[SqlDatabase], None]] = [
    _m1_initial, _m2_evaluation_workflow, _m3_periods_and_communities, _m4_plan_words_nesting_codes,
    _m5_record_versions]
SCHEMA_VERSION = len(MIGRATIONS)
