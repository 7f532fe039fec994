-- atelier's database schema, version 1.
-- Applied at start through PRAGMA user_version (src/store/schema.rs).
-- Times are UTC, stored as RFC 3339 text with milliseconds ("2026-11-30T08:00:00.123Z").
-- Nothing is deleted during a workshop: moderation sets `hidden`.

CREATE TABLE events (
    id    INTEGER PRIMARY KEY,
    title TEXT NOT NULL
);

CREATE TABLE workshops (
    id                          INTEGER PRIMARY KEY,
    event_id                    INTEGER REFERENCES events(id),
    join_code                   TEXT NOT NULL UNIQUE,
    facilitator_key_hash        TEXT NOT NULL UNIQUE,   -- SHA-256 of the facilitator key, hex
    title                       TEXT NOT NULL,
    description                 TEXT NOT NULL DEFAULT '',
    question                    TEXT NOT NULL DEFAULT '',
    facilitator                 TEXT NOT NULL DEFAULT '',
    rapporteur                  TEXT NOT NULL DEFAULT '',
    language                    TEXT NOT NULL DEFAULT 'fr',
    time_zone                   TEXT NOT NULL DEFAULT 'Europe/Paris',
    keywords_per_participant    INTEGER NOT NULL CHECK (keywords_per_participant BETWEEN 1 AND 20),
    dots_per_participant        INTEGER NOT NULL CHECK (dots_per_participant BETWEEN 1 AND 100),
    max_dots_per_recommendation INTEGER NOT NULL
        CHECK (max_dots_per_recommendation BETWEEN 1 AND dots_per_participant),
    keywords_open               INTEGER NOT NULL DEFAULT 1,
    findings_open               INTEGER NOT NULL DEFAULT 1,
    votes_open                  INTEGER NOT NULL DEFAULT 1,
    -- Whether participants may propose recommendations (the facilitator accepts them).
    proposals_open              INTEGER NOT NULL DEFAULT 0,
    -- What the projector shows when not pinned: keywords, findings, votes or join.
    screen_panel                TEXT NOT NULL DEFAULT 'join'
        CHECK (screen_panel IN ('keywords', 'findings', 'votes', 'join')),
    -- Tallies hidden from the projector (no herding while voting is open).
    results_hidden              INTEGER NOT NULL DEFAULT 0,
    -- The demo workshop of `serve --demo` (its facilitator key is replaced at each start).
    demo                        INTEGER NOT NULL DEFAULT 0,
    -- When the facilitator closed the workshop (every activity closed), UTC.
    closed_at                   TEXT,
    created_at                  TEXT NOT NULL
);

CREATE TABLE speakers (
    id          INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id),
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    topic       TEXT NOT NULL DEFAULT '',
    UNIQUE (workshop_id, position)
);

CREATE TABLE finding_categories (
    id          INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id),
    position    INTEGER NOT NULL,
    slug        TEXT NOT NULL,
    label       TEXT NOT NULL,
    UNIQUE (workshop_id, slug),
    UNIQUE (workshop_id, position)
);

-- Recommendations on the ballot. Those of the workshop file are `accepted`; one proposed by
-- a participant is `proposed` until the facilitator accepts or declines it.
CREATE TABLE recommendations (
    id          INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id),
    position    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'accepted' CHECK (status IN ('accepted', 'proposed', 'declined')),
    proposed_by INTEGER REFERENCES participants(id),
    proposed_at TEXT,
    UNIQUE (workshop_id, position)
);

-- A phone in the room. `token_hash` is the SHA-256 of its cookie; `seq` numbers the
-- participants of a workshop in order of arrival (shown as the pseudonym P1, P2…).
CREATE TABLE participants (
    id          INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id),
    token_hash  TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    joined_at   TEXT NOT NULL,
    UNIQUE (workshop_id, token_hash),
    UNIQUE (workshop_id, seq)
);

CREATE TABLE keywords (
    id             INTEGER PRIMARY KEY,
    participant_id INTEGER NOT NULL REFERENCES participants(id),
    text           TEXT NOT NULL,
    submitted_at   TEXT NOT NULL,
    hidden         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX keywords_by_participant ON keywords(participant_id);

CREATE TABLE findings (
    id             INTEGER PRIMARY KEY,
    participant_id INTEGER NOT NULL REFERENCES participants(id),
    category_id    INTEGER NOT NULL REFERENCES finding_categories(id),
    text           TEXT NOT NULL,
    submitted_at   TEXT NOT NULL,
    hidden         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX findings_by_participant ON findings(participant_id);
CREATE INDEX findings_by_category ON findings(category_id);

-- "+1, moi aussi": a participant supports another participant's finding, once.
CREATE TABLE finding_supports (
    finding_id     INTEGER NOT NULL REFERENCES findings(id),
    participant_id INTEGER NOT NULL REFERENCES participants(id),
    supported_at   TEXT NOT NULL,
    PRIMARY KEY (finding_id, participant_id)
) WITHOUT ROWID;

-- A participant's dots on one recommendation: one row, replaced when a new ballot arrives.
CREATE TABLE ballots (
    participant_id    INTEGER NOT NULL REFERENCES participants(id),
    recommendation_id INTEGER NOT NULL REFERENCES recommendations(id),
    dots              INTEGER NOT NULL CHECK (dots >= 1),
    submitted_at      TEXT NOT NULL,
    UNIQUE (participant_id, recommendation_id)
);
CREATE INDEX ballots_by_recommendation ON ballots(recommendation_id);

-- The dot budget and the per-recommendation cap hold in the database too, whatever the code.
CREATE TRIGGER ballots_within_budget
BEFORE INSERT ON ballots
BEGIN
    SELECT RAISE(ABORT, 'ballot over the per-recommendation cap')
    WHERE NEW.dots > (SELECT w.max_dots_per_recommendation
                        FROM participants p JOIN workshops w ON w.id = p.workshop_id
                       WHERE p.id = NEW.participant_id);
    SELECT RAISE(ABORT, 'ballot over the dot budget')
    WHERE NEW.dots + (SELECT COALESCE(SUM(dots), 0) FROM ballots
                       WHERE participant_id = NEW.participant_id)
          > (SELECT w.dots_per_participant
               FROM participants p JOIN workshops w ON w.id = p.workshop_id
              WHERE p.id = NEW.participant_id);
END;

-- Forms carry a one-time token: the same form sent twice (back button, flaky network)
-- is stored once.
CREATE TABLE submissions (
    participant_id INTEGER NOT NULL REFERENCES participants(id),
    form_token     TEXT NOT NULL,
    PRIMARY KEY (participant_id, form_token)
) WITHOUT ROWID;

-- The facilitator's corrections of keyword groups (issue #4). A correction is undone by
-- setting `undone_at`, never deleted. Kinds:
--   merge: group `key` is merged into group `target`; `label` is the merged group's label then.
--   split: the spelling whose basic key is `key` forms its own group; `label` is the spelling.
--   label: group `key` is shown as `label`.
--   hide:  group `key` is hidden; `label` is its label then.
CREATE TABLE keyword_corrections (
    id          INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id),
    kind        TEXT NOT NULL CHECK (kind IN ('merge', 'split', 'label', 'hide')),
    key         TEXT NOT NULL,
    target      TEXT,
    label       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    undone_at   TEXT
);
CREATE INDEX keyword_corrections_by_workshop ON keyword_corrections(workshop_id);

-- The facilitator's or rapporteur's synthesis paragraph for a section of the report
-- (issue #5): keywords, findings, recommendations, or general (at the top).
CREATE TABLE report_syntheses (
    workshop_id INTEGER NOT NULL REFERENCES workshops(id),
    section     TEXT NOT NULL CHECK (section IN ('general', 'keywords', 'findings', 'recommendations')),
    text        TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (workshop_id, section)
) WITHOUT ROWID;
