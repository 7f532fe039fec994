-- Migration 6 (issue #14, "the national meeting"): an event holds several workshops and
-- has its own code (the plenary's public address), an organiser key (the console's link,
-- stored hashed like the facilitator key), its day, place and time zone, and the step the
-- plenary screen shows. Events made before (one per workshop file with an `[event]`
-- title) keep their title; their new columns are empty (NULL), so they have no console
-- and no plenary.

ALTER TABLE events ADD COLUMN code TEXT;
-- SHA-256 of the organiser key (128 random bits), hex.
ALTER TABLE events ADD COLUMN organiser_key_hash TEXT;
-- 'YYYY-MM-DD', the event's local day.
ALTER TABLE events ADD COLUMN date TEXT;
ALTER TABLE events ADD COLUMN place TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/Paris';
ALTER TABLE events ADD COLUMN created_at TEXT;
-- What the plenary screen shows: NULL the whole event, else one of its workshops.
ALTER TABLE events ADD COLUMN plenary_workshop_id INTEGER REFERENCES workshops(id);

CREATE UNIQUE INDEX events_by_code ON events(code);
CREATE UNIQUE INDEX events_by_organiser_key ON events(organiser_key_hash);
CREATE INDEX workshops_by_event ON workshops(event_id);
