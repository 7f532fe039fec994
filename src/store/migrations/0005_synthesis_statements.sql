-- Migration 5 (issue #13, "synthesis statements, the report's shape and the share link"):
-- the rapporteur's statements, each in a category and gathering any number of raw findings
-- (one finding may feed several statements); the session's date and hours, shown in the
-- report; the report's read-only share links, their keys stored hashed like the
-- facilitator's. Existing rows are untouched: the new columns are empty (NULL).

CREATE TABLE statements (
    id          INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id),
    category_id INTEGER NOT NULL REFERENCES finding_categories(id),
    text        TEXT NOT NULL,
    -- Order in the report, within the workshop (the page moves a statement within its
    -- category).
    position    INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE INDEX statements_by_workshop ON statements(workshop_id, position);

CREATE TABLE statement_findings (
    statement_id INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    finding_id   INTEGER NOT NULL REFERENCES findings(id),
    PRIMARY KEY (statement_id, finding_id)
) WITHOUT ROWID;

CREATE INDEX statement_findings_by_finding ON statement_findings(finding_id);

-- 'YYYY-MM-DD' and 'HH:MM', the workshop's local time.
ALTER TABLE workshops ADD COLUMN session_date TEXT;
ALTER TABLE workshops ADD COLUMN session_starts TEXT;
ALTER TABLE workshops ADD COLUMN session_ends TEXT;

CREATE TABLE report_links (
    id          INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id),
    -- SHA-256 of the link's key (128 random bits), as for the facilitator key.
    key_hash    TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);

CREATE INDEX report_links_by_workshop ON report_links(workshop_id);
