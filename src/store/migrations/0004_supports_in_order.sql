-- Migration 4 (issue #15, "Incremental live tallies"): each "+1" gets a row id in order of
-- arrival, so the live tallies read only the supports given since their last read (the
-- table was WITHOUT ROWID, keyed by finding). Every support is copied, oldest first.

CREATE TABLE finding_supports_in_order (
    id             INTEGER PRIMARY KEY,
    finding_id     INTEGER NOT NULL REFERENCES findings(id),
    participant_id INTEGER NOT NULL REFERENCES participants(id),
    supported_at   TEXT NOT NULL,
    UNIQUE (finding_id, participant_id)
);

INSERT INTO finding_supports_in_order (finding_id, participant_id, supported_at)
    SELECT finding_id, participant_id, supported_at FROM finding_supports
     ORDER BY supported_at, finding_id, participant_id;

DROP TABLE finding_supports;
ALTER TABLE finding_supports_in_order RENAME TO finding_supports;

CREATE INDEX finding_supports_by_participant ON finding_supports(participant_id);
