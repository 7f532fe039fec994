//! The schema's migrations: a new file, and databases of every earlier version opened
//! with every entry intact (ARCHITECTURE.md, "Schema changes").

use super::*;

#[test]
fn the_schema_migrates_a_new_file_and_is_idempotent() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("a.db");
    let conn = open_writer(&path).expect("first open");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(version, SCHEMA_VERSION);
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal");
    drop(conn);
    open_writer(&path).expect("second open");
}

/// A database written by the first version (schema 1) opens with the next one with
/// every entry intact, and the new settings take their defaults.
#[test]
fn a_version_1_database_opens_with_every_entry_intact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("v1.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        Migrations::new(vec![M::up(include_str!("../../../schema.sql"))])
            .to_latest(&mut conn)
            .expect("schema 1");
        conn.execute_batch(
            "INSERT INTO workshops (id, join_code, facilitator_key_hash, title,
                 keywords_per_participant, dots_per_participant,
                 max_dots_per_recommendation, created_at)
             VALUES (1, 'SOLIDA', 'h', 'Solidarités', 3, 3, 2, '2026-12-01T08:00:00Z');
             INSERT INTO finding_categories (id, workshop_id, position, slug, label)
             VALUES (1, 1, 1, 'levier', 'Levier');
             INSERT INTO recommendations (id, workshop_id, position, text)
             VALUES (1, 1, 1, 'Essaimer');
             INSERT INTO participants (id, workshop_id, token_hash, seq, joined_at)
             VALUES (1, 1, 'p1', 1, '2026-12-01T08:01:00Z'),
                    (2, 1, 'p2', 2, '2026-12-01T08:02:00Z');
             INSERT INTO keywords (participant_id, text, submitted_at)
             VALUES (1, 'inspirant', '2026-12-01T08:03:00Z');
             INSERT INTO findings (id, participant_id, category_id, text, submitted_at)
             VALUES (1, 1, 1, 'Les liens', '2026-12-01T08:04:00Z');
             INSERT INTO finding_supports VALUES (1, 2, '2026-12-01T08:05:00Z');
             INSERT INTO ballots VALUES (2, 1, 2, '2026-12-01T08:06:00Z');
             INSERT INTO submissions VALUES (1, 'tok');",
        )
        .expect("version-1 entries");
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(version, 1);
    }
    let conn = open_writer(&path).expect("upgraded");
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
    assert_eq!(count("PRAGMA user_version"), SCHEMA_VERSION);
    assert_eq!(
        count("SELECT COUNT(*) FROM participants WHERE hidden = 0"),
        2
    );
    assert_eq!(count("SELECT COUNT(*) FROM keywords"), 1);
    assert_eq!(count("SELECT COUNT(*) FROM findings"), 1);
    assert_eq!(count("SELECT COUNT(*) FROM finding_supports"), 1);
    assert_eq!(count("SELECT SUM(dots) FROM ballots"), 2);
    assert_eq!(
        count("SELECT COUNT(*) FROM submissions WHERE form_token = 'tok'"),
        1
    );
    assert_eq!(count("SELECT max_participants FROM workshops"), 2000);
    assert_eq!(count("SELECT votes_need_code FROM workshops"), 0);
    assert_eq!(count("SELECT COUNT(*) FROM vote_codes"), 0);
}

/// A database at version 2 (participant moderation's indexes missing) opens with every
/// entry intact, its participants visible.
#[test]
fn a_version_2_database_opens_with_every_entry_intact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("v2.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        Migrations::new(vec![
            M::up(include_str!("../../../schema.sql")),
            M::up(include_str!("../migrations/0002_one_phone_one_voice.sql")),
        ])
        .to_latest(&mut conn)
        .expect("schema 2");
        conn.execute_batch(
            "INSERT INTO workshops (id, join_code, facilitator_key_hash, title,
                 keywords_per_participant, dots_per_participant,
                 max_dots_per_recommendation, created_at, max_participants)
             VALUES (1, 'SOLIDA', 'h', 'Solidarités', 3, 3, 2, '2026-12-01T08:00:00Z', 20);
             INSERT INTO finding_categories (id, workshop_id, position, slug, label)
             VALUES (1, 1, 1, 'levier', 'Levier');
             INSERT INTO participants (id, workshop_id, token_hash, seq, joined_at)
             VALUES (1, 1, 'p1', 1, '2026-12-01T08:01:00Z'),
                    (2, 1, 'p2', 2, '2026-12-01T08:02:00Z');
             INSERT INTO recommendations (id, workshop_id, position, text, status,
                 proposed_by, proposed_at)
             VALUES (1, 1, 1, 'Essaimer', 'accepted', NULL, NULL),
                    (2, 1, 2, 'Proposée', 'proposed', 2, '2026-12-01T08:07:00Z');
             INSERT INTO keywords (participant_id, text, submitted_at)
             VALUES (1, 'inspirant', '2026-12-01T08:03:00Z');
             INSERT INTO findings (id, participant_id, category_id, text, submitted_at)
             VALUES (1, 1, 1, 'Les liens', '2026-12-01T08:04:00Z');
             INSERT INTO finding_supports VALUES (1, 2, '2026-12-01T08:05:00Z');
             INSERT INTO ballots VALUES (2, 1, 2, '2026-12-01T08:06:00Z');",
        )
        .expect("version-2 entries");
    }
    let conn = open_writer(&path).expect("upgraded");
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
    assert_eq!(count("PRAGMA user_version"), SCHEMA_VERSION);
    assert_eq!(
        count("SELECT COUNT(*) FROM participants WHERE hidden = 0"),
        2
    );
    assert_eq!(count("SELECT COUNT(*) FROM keywords"), 1);
    assert_eq!(count("SELECT COUNT(*) FROM findings"), 1);
    assert_eq!(
        count("SELECT COUNT(*) FROM finding_supports WHERE participant_id = 2"),
        1
    );
    assert_eq!(count("SELECT SUM(dots) FROM ballots"), 2);
    assert_eq!(
        count("SELECT COUNT(*) FROM recommendations WHERE proposed_by = 2"),
        1
    );
    assert_eq!(count("SELECT max_participants FROM workshops"), 20);
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index'
               AND name IN ('finding_supports_by_participant', 'recommendations_by_proposer')"
        ),
        2
    );
}

/// A database at version 3 ("+1"s keyed by finding, without row ids) opens with every
/// support intact, numbered in order of arrival, and still refuses a second "+1" from
/// the same phone on the same finding.
#[test]
fn a_version_3_database_keeps_every_support_numbered_in_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("v3.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        Migrations::new(vec![
            M::up(include_str!("../../../schema.sql")),
            M::up(include_str!("../migrations/0002_one_phone_one_voice.sql")),
            M::up(include_str!(
                "../migrations/0003_participant_moderation.sql"
            )),
        ])
        .to_latest(&mut conn)
        .expect("schema 3");
        conn.execute_batch(
            "INSERT INTO workshops (id, join_code, facilitator_key_hash, title,
                 keywords_per_participant, dots_per_participant,
                 max_dots_per_recommendation, created_at, max_participants)
             VALUES (1, 'SOLIDA', 'h', 'Solidarités', 3, 3, 2, '2026-12-01T08:00:00Z', 20);
             INSERT INTO finding_categories (id, workshop_id, position, slug, label)
             VALUES (1, 1, 1, 'levier', 'Levier');
             INSERT INTO participants (id, workshop_id, token_hash, seq, joined_at)
             VALUES (1, 1, 'p1', 1, '2026-12-01T08:01:00Z'),
                    (2, 1, 'p2', 2, '2026-12-01T08:02:00Z'),
                    (3, 1, 'p3', 3, '2026-12-01T08:02:30Z');
             INSERT INTO findings (id, participant_id, category_id, text, submitted_at)
             VALUES (1, 1, 1, 'Les liens', '2026-12-01T08:04:00Z'),
                    (2, 2, 1, 'Le temps', '2026-12-01T08:04:30Z');
             INSERT INTO finding_supports VALUES (2, 3, '2026-12-01T08:06:00Z');
             INSERT INTO finding_supports VALUES (1, 2, '2026-12-01T08:05:00Z');
             INSERT INTO finding_supports VALUES (1, 3, '2026-12-01T08:07:00Z');",
        )
        .expect("version-3 entries");
    }
    let conn = open_writer(&path).expect("upgraded");
    assert_eq!(
        conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
            .expect("version"),
        SCHEMA_VERSION
    );
    let supports: Vec<(i64, i64, i64)> = conn
        .prepare("SELECT id, finding_id, participant_id FROM finding_supports ORDER BY id")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(supports, vec![(1, 1, 2), (2, 2, 3), (3, 1, 3)]);
    let again = conn.execute(
        "INSERT OR IGNORE INTO finding_supports (finding_id, participant_id, supported_at)
         VALUES (1, 2, '2026-12-01T08:09:00Z')",
        [],
    );
    assert_eq!(again.expect("insert"), 0, "a second +1 is still ignored");
}

/// A database at version 4 (before synthesis statements) opens with every entry
/// intact: its workshop, findings, "+1"s, ballots and synthesis paragraphs; it has no
/// statement, no session date and no share link, and takes new ones.
#[test]
fn a_version_4_database_opens_with_every_entry_intact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("v4.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        Migrations::new(vec![
            M::up(include_str!("../../../schema.sql")),
            M::up(include_str!("../migrations/0002_one_phone_one_voice.sql")),
            M::up(include_str!(
                "../migrations/0003_participant_moderation.sql"
            )),
            M::up(include_str!("../migrations/0004_supports_in_order.sql")),
        ])
        .to_latest(&mut conn)
        .expect("schema 4");
        conn.execute_batch(
            "INSERT INTO workshops (id, join_code, facilitator_key_hash, title,
                 keywords_per_participant, dots_per_participant,
                 max_dots_per_recommendation, created_at, max_participants)
             VALUES (1, 'SOLIDA', 'h', 'Solidarités', 3, 3, 2, '2026-12-01T08:00:00Z', 20);
             INSERT INTO finding_categories (id, workshop_id, position, slug, label)
             VALUES (1, 1, 1, 'levier', 'Levier');
             INSERT INTO recommendations (id, workshop_id, position, text)
             VALUES (1, 1, 1, 'Essaimer');
             INSERT INTO participants (id, workshop_id, token_hash, seq, joined_at)
             VALUES (1, 1, 'p1', 1, '2026-12-01T08:01:00Z'),
                    (2, 1, 'p2', 2, '2026-12-01T08:02:00Z');
             INSERT INTO keywords (participant_id, text, submitted_at)
             VALUES (1, 'inspirant', '2026-12-01T08:03:00Z');
             INSERT INTO findings (id, participant_id, category_id, text, submitted_at)
             VALUES (1, 1, 1, 'Les liens', '2026-12-01T08:04:00Z'),
                    (2, 2, 1, 'Le temps', '2026-12-01T08:04:30Z');
             INSERT INTO finding_supports (finding_id, participant_id, supported_at)
             VALUES (1, 2, '2026-12-01T08:05:00Z');
             INSERT INTO ballots VALUES (2, 1, 2, '2026-12-01T08:06:00Z');
             INSERT INTO report_syntheses (workshop_id, section, text, updated_at)
             VALUES (1, 'general', 'Une belle séance', '2026-12-01T09:00:00Z');",
        )
        .expect("version-4 entries");
    }
    let conn = open_writer(&path).expect("upgraded");
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
    assert_eq!(count("PRAGMA user_version"), SCHEMA_VERSION);
    assert_eq!(count("SELECT COUNT(*) FROM participants"), 2);
    assert_eq!(count("SELECT COUNT(*) FROM keywords"), 1);
    assert_eq!(count("SELECT COUNT(*) FROM findings"), 2);
    assert_eq!(count("SELECT COUNT(*) FROM finding_supports"), 1);
    assert_eq!(count("SELECT SUM(dots) FROM ballots"), 2);
    assert_eq!(count("SELECT COUNT(*) FROM report_syntheses"), 1);
    assert_eq!(count("SELECT max_participants FROM workshops"), 20);
    assert_eq!(count("SELECT COUNT(*) FROM statements"), 0);
    assert_eq!(count("SELECT COUNT(*) FROM report_links"), 0);
    assert_eq!(
        count("SELECT COUNT(*) FROM workshops WHERE session_date IS NULL"),
        1
    );
    conn.execute_batch(
        "INSERT INTO statements (id, workshop_id, category_id, text, position, created_at,
             updated_at)
         VALUES (1, 1, 1, 'Le lien et le temps', 1, 'now', 'now');
         INSERT INTO statement_findings VALUES (1, 1), (1, 2);",
    )
    .expect("a statement gathers the old findings");
    assert_eq!(count("SELECT COUNT(*) FROM statement_findings"), 2);
}

/// A database at version 5 (one event per workshop file, by title only) opens with
/// every entry intact: its event keeps its title and its workshop, has no code and no
/// organiser key, and new events with codes can be added beside it.
#[test]
fn a_version_5_database_opens_with_every_entry_intact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("v5.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        let all = migrations();
        all.to_version(&mut conn, 5).expect("schema 5");
        drop(all);
        conn.execute_batch(
            "INSERT INTO events (id, title) VALUES (1, 'Rencontres LEADER');
             INSERT INTO workshops (id, event_id, join_code, facilitator_key_hash, title,
                 keywords_per_participant, dots_per_participant,
                 max_dots_per_recommendation, created_at, session_date)
             VALUES (1, 1, 'SOLIDA', 'h', 'Solidarités', 3, 3, 2, '2026-12-01T08:00:00Z',
                     '2019-11-21');
             INSERT INTO finding_categories (id, workshop_id, position, slug, label)
             VALUES (1, 1, 1, 'levier', 'Levier');
             INSERT INTO recommendations (id, workshop_id, position, text)
             VALUES (1, 1, 1, 'Essaimer');
             INSERT INTO participants (id, workshop_id, token_hash, seq, joined_at)
             VALUES (1, 1, 'p1', 1, '2026-12-01T08:01:00Z');
             INSERT INTO keywords (participant_id, text, submitted_at)
             VALUES (1, 'inspirant', '2026-12-01T08:03:00Z');
             INSERT INTO findings (id, participant_id, category_id, text, submitted_at)
             VALUES (1, 1, 1, 'Les liens', '2026-12-01T08:04:00Z');
             INSERT INTO ballots VALUES (1, 1, 2, '2026-12-01T08:06:00Z');
             INSERT INTO statements (id, workshop_id, category_id, text, position,
                 created_at, updated_at)
             VALUES (1, 1, 1, 'Le lien', 1, 'now', 'now');
             INSERT INTO statement_findings VALUES (1, 1);
             INSERT INTO report_links (workshop_id, key_hash, created_at)
             VALUES (1, 'k', 'now');",
        )
        .expect("version-5 entries");
    }
    let conn = open_writer(&path).expect("upgraded");
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
    assert_eq!(count("PRAGMA user_version"), SCHEMA_VERSION);
    assert_eq!(count("SELECT COUNT(*) FROM keywords"), 1);
    assert_eq!(count("SELECT COUNT(*) FROM findings"), 1);
    assert_eq!(count("SELECT SUM(dots) FROM ballots"), 2);
    assert_eq!(count("SELECT COUNT(*) FROM statement_findings"), 1);
    assert_eq!(count("SELECT COUNT(*) FROM report_links"), 1);
    assert_eq!(
        count("SELECT COUNT(*) FROM workshops WHERE event_id = 1 AND session_date = '2019-11-21'"),
        1
    );
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM events WHERE title = 'Rencontres LEADER' AND code IS NULL
               AND organiser_key_hash IS NULL AND plenary_workshop_id IS NULL"
        ),
        1
    );
    conn.execute_batch(
        "INSERT INTO events (title, code, organiser_key_hash) VALUES ('R2', 'LEADER', 'o');",
    )
    .expect("an event with a code beside the old one");
    assert!(
        conn.execute_batch("INSERT INTO events (title, code) VALUES ('R3', 'LEADER');")
            .is_err(),
        "event codes are unique"
    );
}

/// A database at version 6 (events with codes, before rooms) opens with every entry
/// intact: its event with its code and organiser key, its workshops and what their phones
/// sent; each workshop's room is empty (NULL) and takes a name.
#[test]
fn a_version_6_database_opens_with_every_entry_intact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("v6.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        let all = migrations();
        all.to_version(&mut conn, 6).expect("schema 6");
        drop(all);
        conn.execute_batch(
            "INSERT INTO events (id, title, code, organiser_key_hash, date, place, time_zone,
                 created_at)
             VALUES (1, 'Rencontres LEADER', 'LEADER2019', 'o', '2019-11-21', 'Paris',
                     'Europe/Paris', '2026-12-01T07:00:00Z');
             INSERT INTO workshops (id, event_id, join_code, facilitator_key_hash, title,
                 keywords_per_participant, dots_per_participant,
                 max_dots_per_recommendation, created_at, session_date)
             VALUES (1, 1, 'SOLIDA', 'h1', 'Solidarités', 3, 3, 2, '2026-12-01T08:00:00Z',
                     '2019-11-21'),
                    (2, 1, 'ECOLO', 'h2', 'Transition', 3, 3, 3, '2026-12-01T08:00:01Z',
                     NULL);
             UPDATE events SET plenary_workshop_id = 2 WHERE id = 1;
             INSERT INTO finding_categories (id, workshop_id, position, slug, label)
             VALUES (1, 1, 1, 'levier', 'Levier');
             INSERT INTO recommendations (id, workshop_id, position, text)
             VALUES (1, 1, 1, 'Essaimer');
             INSERT INTO participants (id, workshop_id, token_hash, seq, joined_at)
             VALUES (1, 1, 'p1', 1, '2026-12-01T08:01:00Z'),
                    (2, 2, 'p2', 1, '2026-12-01T08:02:00Z');
             INSERT INTO keywords (participant_id, text, submitted_at)
             VALUES (1, 'inspirant', '2026-12-01T08:03:00Z'),
                    (2, 'circuits courts', '2026-12-01T08:03:30Z');
             INSERT INTO findings (id, participant_id, category_id, text, submitted_at)
             VALUES (1, 1, 1, 'Les liens', '2026-12-01T08:04:00Z');
             INSERT INTO ballots VALUES (1, 1, 2, '2026-12-01T08:06:00Z');
             INSERT INTO statements (id, workshop_id, category_id, text, position,
                 created_at, updated_at)
             VALUES (1, 1, 1, 'Le lien', 1, 'now', 'now');
             INSERT INTO statement_findings VALUES (1, 1);
             INSERT INTO report_links (workshop_id, key_hash, created_at)
             VALUES (1, 'k', 'now');",
        )
        .expect("version-6 entries");
    }
    let conn = open_writer(&path).expect("upgraded");
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
    assert_eq!(count("PRAGMA user_version"), SCHEMA_VERSION);
    assert_eq!(count("SELECT COUNT(*) FROM participants"), 2);
    assert_eq!(count("SELECT COUNT(*) FROM keywords"), 2);
    assert_eq!(count("SELECT COUNT(*) FROM findings"), 1);
    assert_eq!(count("SELECT SUM(dots) FROM ballots"), 2);
    assert_eq!(count("SELECT COUNT(*) FROM statement_findings"), 1);
    assert_eq!(count("SELECT COUNT(*) FROM report_links"), 1);
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM events WHERE code = 'LEADER2019' AND organiser_key_hash = 'o'
               AND date = '2019-11-21' AND place = 'Paris' AND plenary_workshop_id = 2"
        ),
        1
    );
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM workshops WHERE event_id = 1 AND room IS NULL
               AND facilitator_key_hash IN ('h1', 'h2')"
        ),
        2
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM workshops WHERE session_date = '2019-11-21'"),
        1
    );
    conn.execute_batch("UPDATE workshops SET room = 'Salle Vercors' WHERE id = 1;")
        .expect("a room for an old workshop");
    assert_eq!(
        count("SELECT COUNT(*) FROM workshops WHERE room = 'Salle Vercors'"),
        1
    );
}

#[test]
fn migrations_are_valid() {
    assert!(migrations().validate().is_ok());
}
