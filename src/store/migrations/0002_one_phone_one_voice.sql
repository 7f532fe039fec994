-- Migration 2 (issue #10, "One phone, one voice"). A version-1 database opens with every
-- entry intact: columns are added with defaults, the submissions table is copied.

-- The server's key that signs participant cookies and form tokens (32 random bytes,
-- written by the store at first open).
CREATE TABLE server_secrets (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
) WITHOUT ROWID;

-- The most phones a workshop takes (the room's size; 2,000 is the largest plenary of a
-- national meeting).
ALTER TABLE workshops ADD COLUMN max_participants INTEGER NOT NULL DEFAULT 2000
    CHECK (max_participants BETWEEN 1 AND 100000);
-- A ballot counts only from a phone that redeemed a one-time vote code (the column is
-- ready; the feature is not built yet).
ALTER TABLE workshops ADD COLUMN votes_need_code INTEGER NOT NULL DEFAULT 0;

-- A participant hidden by the facilitator: every entry of theirs leaves the tallies.
ALTER TABLE participants ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;

-- One-time vote codes, stored hashed; a code is redeemed by one participant, once.
CREATE TABLE vote_codes (
    id          INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id),
    code_hash   TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    redeemed_by INTEGER UNIQUE REFERENCES participants(id),
    redeemed_at TEXT
);
CREATE INDEX vote_codes_by_workshop ON vote_codes(workshop_id);

-- A form token is an idempotency key for one content: the same form sent twice counts
-- once, the same token with new content is a new submission.
CREATE TABLE submissions_by_content (
    participant_id INTEGER NOT NULL REFERENCES participants(id),
    form_token     TEXT NOT NULL,
    content_hash   TEXT NOT NULL,
    PRIMARY KEY (participant_id, form_token, content_hash)
) WITHOUT ROWID;
INSERT INTO submissions_by_content (participant_id, form_token, content_hash)
    SELECT participant_id, form_token, '' FROM submissions;
DROP TABLE submissions;
ALTER TABLE submissions_by_content RENAME TO submissions;
