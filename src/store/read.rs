//! Read queries, run on a reader connection (see [`super::Readers`]). They return read
//! models: plain structs the web and report layers render.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::StoreError;
use super::write::Joined;
use crate::domain::keyword::{Correction, KeywordEntry};
use crate::domain::ranking::Totals;

/// A speaker of the workshop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    pub name: String,
    pub topic: String,
}

/// A finding category of the workshop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub id: i64,
    pub slug: String,
    pub label: String,
}

/// A recommendation on the ballot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recommendation {
    pub id: i64,
    /// Place in the workshop file, from 1.
    pub position: i64,
    pub text: String,
}

/// A workshop with everything the facilitator prepared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workshop {
    pub id: i64,
    pub event_title: Option<String>,
    pub join_code: String,
    pub title: String,
    pub description: String,
    pub question: String,
    pub facilitator: String,
    pub rapporteur: String,
    /// `fr` or `en`.
    pub language: String,
    /// IANA name, such as `Europe/Paris`.
    pub time_zone: String,
    pub keywords_per_participant: i64,
    pub dots_per_participant: i64,
    pub max_dots_per_recommendation: i64,
    pub keywords_open: bool,
    pub findings_open: bool,
    pub votes_open: bool,
    /// Whether participants may propose recommendations.
    pub proposals_open: bool,
    /// The panel the projector follows: `keywords`, `findings`, `votes` or `join`.
    pub screen_panel: String,
    /// Tallies hidden from the projector and the phones.
    pub results_hidden: bool,
    /// When the facilitator closed the workshop, UTC.
    pub closed_at: Option<String>,
    /// UTC, RFC 3339.
    pub created_at: String,
    pub speakers: Vec<Speaker>,
    /// In the workshop's order.
    pub categories: Vec<Category>,
    /// In ballot order.
    pub recommendations: Vec<Recommendation>,
}

fn collect<T>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>, StoreError> {
    let mut statement = conn.prepare_cached(sql)?;
    let rows = statement.query_map(params, map)?;
    Ok(rows.collect::<Result<Vec<T>, _>>()?)
}

/// The workshop `id`, if it exists.
///
/// # Errors
/// SQLite errors.
pub fn workshop(conn: &Connection, id: i64) -> Result<Option<Workshop>, StoreError> {
    let found = conn
        .query_row(
            "SELECT w.id, e.title, w.join_code, w.title, w.description, w.question,
                    w.facilitator, w.rapporteur, w.language, w.time_zone,
                    w.keywords_per_participant, w.dots_per_participant,
                    w.max_dots_per_recommendation, w.keywords_open, w.findings_open,
                    w.votes_open, w.created_at, w.proposals_open, w.screen_panel,
                    w.results_hidden, w.closed_at
               FROM workshops w LEFT JOIN events e ON e.id = w.event_id
              WHERE w.id = ?1",
            [id],
            |r| {
                Ok(Workshop {
                    id: r.get(0)?,
                    event_title: r.get(1)?,
                    join_code: r.get(2)?,
                    title: r.get(3)?,
                    description: r.get(4)?,
                    question: r.get(5)?,
                    facilitator: r.get(6)?,
                    rapporteur: r.get(7)?,
                    language: r.get(8)?,
                    time_zone: r.get(9)?,
                    keywords_per_participant: r.get(10)?,
                    dots_per_participant: r.get(11)?,
                    max_dots_per_recommendation: r.get(12)?,
                    keywords_open: r.get(13)?,
                    findings_open: r.get(14)?,
                    votes_open: r.get(15)?,
                    proposals_open: r.get(17)?,
                    screen_panel: r.get(18)?,
                    results_hidden: r.get(19)?,
                    closed_at: r.get(20)?,
                    created_at: r.get(16)?,
                    speakers: Vec::new(),
                    categories: Vec::new(),
                    recommendations: Vec::new(),
                })
            },
        )
        .optional()?;
    let Some(mut workshop) = found else {
        return Ok(None);
    };
    workshop.speakers = collect(
        conn,
        "SELECT name, topic FROM speakers WHERE workshop_id = ?1 ORDER BY position",
        [id],
        |r| {
            Ok(Speaker {
                name: r.get(0)?,
                topic: r.get(1)?,
            })
        },
    )?;
    workshop.categories = collect(
        conn,
        "SELECT id, slug, label FROM finding_categories WHERE workshop_id = ?1 ORDER BY position",
        [id],
        |r| {
            Ok(Category {
                id: r.get(0)?,
                slug: r.get(1)?,
                label: r.get(2)?,
            })
        },
    )?;
    workshop.recommendations = collect(
        conn,
        "SELECT id, position, text FROM recommendations
          WHERE workshop_id = ?1 AND status = 'accepted' ORDER BY position",
        [id],
        |r| {
            Ok(Recommendation {
                id: r.get(0)?,
                position: r.get(1)?,
                text: r.get(2)?,
            })
        },
    )?;
    Ok(Some(workshop))
}

/// The id of the workshop whose join code is `code` (upper case).
///
/// # Errors
/// SQLite errors.
pub fn workshop_id_by_code(conn: &Connection, code: &str) -> Result<Option<i64>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT id FROM workshops WHERE join_code = ?1",
            [code],
            |r| r.get(0),
        )
        .optional()?)
}

/// The id of the workshop whose facilitator key hashes to `key_hash`.
///
/// # Errors
/// SQLite errors.
pub fn workshop_id_by_key_hash(
    conn: &Connection,
    key_hash: &str,
) -> Result<Option<i64>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT id FROM workshops WHERE facilitator_key_hash = ?1",
            [key_hash],
            |r| r.get(0),
        )
        .optional()?)
}

/// The participant of `workshop_id` whose cookie hashes to `token_hash`, if known.
///
/// # Errors
/// SQLite errors.
pub fn participant(
    conn: &Connection,
    workshop_id: i64,
    token_hash: &str,
) -> Result<Option<Joined>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT id, seq FROM participants WHERE workshop_id = ?1 AND token_hash = ?2",
            params![workshop_id, token_hash],
            |r| {
                Ok(Joined {
                    id: r.get(0)?,
                    seq: r.get(1)?,
                })
            },
        )
        .optional()?)
}

/// What one participant sent, to show under each card of their page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OwnEntries {
    /// Keywords in order of sending.
    pub keywords: Vec<String>,
    /// `(category label, text)` in order of sending.
    pub findings: Vec<(String, String)>,
    /// `(recommendation id, dots)` of the current ballot.
    pub ballot: Vec<(i64, i64)>,
    /// `(text, status)` of the recommendations the participant proposed; status is
    /// `proposed`, `accepted` or `declined`.
    pub proposals: Vec<(String, String)>,
}

/// Everything participant `participant_id` sent.
///
/// # Errors
/// SQLite errors.
pub fn own_entries(conn: &Connection, participant_id: i64) -> Result<OwnEntries, StoreError> {
    Ok(OwnEntries {
        keywords: collect(
            conn,
            "SELECT text FROM keywords WHERE participant_id = ?1 ORDER BY id",
            [participant_id],
            |r| r.get(0),
        )?,
        findings: collect(
            conn,
            "SELECT c.label, f.text FROM findings f JOIN finding_categories c ON c.id = f.category_id
              WHERE f.participant_id = ?1 ORDER BY f.id",
            [participant_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?,
        ballot: collect(
            conn,
            "SELECT recommendation_id, dots FROM ballots WHERE participant_id = ?1",
            [participant_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?,
        proposals: collect(
            conn,
            "SELECT text, status FROM recommendations WHERE proposed_by = ?1 ORDER BY id",
            [participant_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?,
    })
}

/// A finding with its category and pseudonymous author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub id: i64,
    pub category_slug: String,
    pub category_label: String,
    pub text: String,
    /// UTC, RFC 3339.
    pub submitted_at: String,
    /// The participant's order of arrival (pseudonym `P{seq}`).
    pub participant_seq: i64,
    pub hidden: bool,
    /// Participants who supported it ("+1, moi aussi").
    pub supports: i64,
}

/// The workshop's findings, hidden ones included, by category order then arrival.
///
/// # Errors
/// SQLite errors.
pub fn findings(conn: &Connection, workshop_id: i64) -> Result<Vec<Finding>, StoreError> {
    collect(
        conn,
        "SELECT f.id, c.slug, c.label, f.text, f.submitted_at, p.seq, f.hidden,
                (SELECT COUNT(*) FROM finding_supports s WHERE s.finding_id = f.id)
           FROM findings f
           JOIN finding_categories c ON c.id = f.category_id
           JOIN participants p ON p.id = f.participant_id
          WHERE p.workshop_id = ?1
          ORDER BY c.position, f.id",
        [workshop_id],
        |r| {
            Ok(Finding {
                id: r.get(0)?,
                category_slug: r.get(1)?,
                category_label: r.get(2)?,
                text: r.get(3)?,
                submitted_at: r.get(4)?,
                participant_seq: r.get(5)?,
                hidden: r.get(6)?,
                supports: r.get(7)?,
            })
        },
    )
}

/// Dots and voters of each recommendation, in ballot order; `position` is the place on the
/// ballot, from 1.
///
/// # Errors
/// SQLite errors.
pub fn recommendation_totals(
    conn: &Connection,
    workshop_id: i64,
) -> Result<Vec<Totals>, StoreError> {
    collect(
        conn,
        "SELECT r.id, ROW_NUMBER() OVER (ORDER BY r.position), r.text,
                COALESCE(SUM(b.dots), 0), COUNT(b.participant_id)
           FROM recommendations r LEFT JOIN ballots b ON b.recommendation_id = r.id
          WHERE r.workshop_id = ?1 AND r.status = 'accepted'
          GROUP BY r.id ORDER BY r.position",
        [workshop_id],
        |r| {
            Ok(Totals {
                recommendation_id: r.get(0)?,
                position: r.get(1)?,
                text: r.get(2)?,
                dots: r.get(3)?,
                voters: r.get(4)?,
            })
        },
    )
}

/// How many phones joined and what they sent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Participation {
    /// Phones that opened the workshop page or sent something.
    pub participants: i64,
    /// Keyword entries the facilitator did not hide.
    pub keywords: i64,
    /// Findings the facilitator did not hide.
    pub findings: i64,
    /// Participants with a ballot.
    pub voters: i64,
}

/// The workshop's participation counts.
///
/// # Errors
/// SQLite errors.
pub fn participation(conn: &Connection, workshop_id: i64) -> Result<Participation, StoreError> {
    Ok(conn.query_row(
        "SELECT
            (SELECT COUNT(*) FROM participants WHERE workshop_id = ?1),
            (SELECT COUNT(*) FROM keywords k JOIN participants p ON p.id = k.participant_id
              WHERE p.workshop_id = ?1 AND k.hidden = 0),
            (SELECT COUNT(*) FROM findings f JOIN participants p ON p.id = f.participant_id
              WHERE p.workshop_id = ?1 AND f.hidden = 0),
            (SELECT COUNT(DISTINCT b.participant_id) FROM ballots b
               JOIN participants p ON p.id = b.participant_id WHERE p.workshop_id = ?1)",
        [workshop_id],
        |r| {
            Ok(Participation {
                participants: r.get(0)?,
                keywords: r.get(1)?,
                findings: r.get(2)?,
                voters: r.get(3)?,
            })
        },
    )?)
}

/// A correction in force, as the dashboard lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectionRow {
    /// Database id, to undo it.
    pub id: i64,
    pub correction: Correction,
    /// The label of the group or spelling it was about, when it was made (for a rename,
    /// the label before it).
    pub label: String,
}

/// The workshop's keyword corrections in force, oldest first.
///
/// # Errors
/// SQLite errors.
pub fn keyword_corrections(
    conn: &Connection,
    workshop_id: i64,
) -> Result<Vec<CorrectionRow>, StoreError> {
    let rows: Vec<(i64, String, String, Option<String>, String)> = collect(
        conn,
        "SELECT id, kind, key, target, label FROM keyword_corrections
          WHERE workshop_id = ?1 AND undone_at IS NULL ORDER BY id",
        [workshop_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, kind, key, target, label)| {
            let correction = match kind.as_str() {
                "merge" => Correction::Merge {
                    from: key,
                    into: target?,
                },
                "split" => Correction::Split { spelling: key },
                "label" => {
                    // A rename keeps the new label in `label` and the one before in `target`.
                    return Some(CorrectionRow {
                        id,
                        correction: Correction::Label { group: key, label },
                        label: target.unwrap_or_default(),
                    });
                }
                "hide" => Correction::Hide { group: key },
                _ => return None,
            };
            Some(CorrectionRow {
                id,
                correction,
                label,
            })
        })
        .collect())
}

/// A raw keyword entry, for the rapporteur's audit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeywordRow {
    pub id: i64,
    /// Database id of the participant.
    pub participant_id: i64,
    pub text: String,
    /// UTC, RFC 3339.
    pub submitted_at: String,
    /// The participant's order of arrival (pseudonym `P{seq}`).
    pub participant_seq: i64,
    pub hidden: bool,
}

/// Every keyword entry of the workshop, hidden ones too, in order of arrival.
///
/// # Errors
/// SQLite errors.
pub fn keyword_rows(conn: &Connection, workshop_id: i64) -> Result<Vec<KeywordRow>, StoreError> {
    collect(
        conn,
        "SELECT k.id, k.participant_id, k.text, k.submitted_at, p.seq, k.hidden FROM keywords k
           JOIN participants p ON p.id = k.participant_id
          WHERE p.workshop_id = ?1 ORDER BY k.id",
        [workshop_id],
        |r| {
            Ok(KeywordRow {
                id: r.get(0)?,
                participant_id: r.get(1)?,
                text: r.get(2)?,
                submitted_at: r.get(3)?,
                participant_seq: r.get(4)?,
                hidden: r.get(5)?,
            })
        },
    )
}

/// The visible entries of `rows`, as the tally takes them.
pub fn visible_keyword_entries(rows: &[KeywordRow]) -> Vec<KeywordEntry> {
    rows.iter()
        .filter(|r| !r.hidden)
        .map(|r| KeywordEntry {
            participant_id: r.participant_id,
            text: r.text.clone(),
        })
        .collect()
}

/// Another participant's finding as a phone sees it, to support it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomFinding {
    pub id: i64,
    pub category_label: String,
    pub text: String,
    pub supports: i64,
    /// Sent by this phone (it cannot support its own).
    pub mine: bool,
    /// Already supported by this phone.
    pub supported: bool,
}

/// Most findings of the room listed on a phone.
pub const ROOM_FINDINGS_SHOWN: i64 = 50;

/// The workshop's visible findings as participant `participant_id` (if known) sees them,
/// newest first, at most [`ROOM_FINDINGS_SHOWN`].
///
/// # Errors
/// SQLite errors.
pub fn room_findings(
    conn: &Connection,
    workshop_id: i64,
    participant_id: Option<i64>,
) -> Result<Vec<RoomFinding>, StoreError> {
    collect(
        conn,
        "SELECT f.id, c.label, f.text,
                (SELECT COUNT(*) FROM finding_supports s WHERE s.finding_id = f.id),
                f.participant_id = ?2,
                EXISTS (SELECT 1 FROM finding_supports s WHERE s.finding_id = f.id AND s.participant_id = ?2)
           FROM findings f
           JOIN finding_categories c ON c.id = f.category_id
          WHERE c.workshop_id = ?1 AND f.hidden = 0
          ORDER BY f.id DESC LIMIT ?3",
        params![workshop_id, participant_id.unwrap_or(-1), ROOM_FINDINGS_SHOWN],
        |r| {
            Ok(RoomFinding {
                id: r.get(0)?,
                category_label: r.get(1)?,
                text: r.get(2)?,
                supports: r.get(3)?,
                mine: r.get(4)?,
                supported: r.get(5)?,
            })
        },
    )
}

/// A recommendation proposed by a participant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub id: i64,
    pub text: String,
    /// UTC, RFC 3339.
    pub proposed_at: String,
    /// `proposed`, `accepted` or `declined`.
    pub status: String,
    /// The proposer's pseudonym number.
    pub participant_seq: i64,
}

/// The recommendations participants proposed, oldest first.
///
/// # Errors
/// SQLite errors.
pub fn proposals(conn: &Connection, workshop_id: i64) -> Result<Vec<Proposal>, StoreError> {
    collect(
        conn,
        "SELECT r.id, r.text, r.status, p.seq, COALESCE(r.proposed_at, '') FROM recommendations r
           JOIN participants p ON p.id = r.proposed_by
          WHERE r.workshop_id = ?1 ORDER BY r.id",
        [workshop_id],
        |r| {
            Ok(Proposal {
                id: r.get(0)?,
                text: r.get(1)?,
                status: r.get(2)?,
                participant_seq: r.get(3)?,
                proposed_at: r.get(4)?,
            })
        },
    )
}

/// The demo workshop of `serve --demo`, if one was created: `(id, join code)`.
///
/// # Errors
/// SQLite errors.
pub fn demo_workshop(conn: &Connection) -> Result<Option<(i64, String)>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT id, join_code FROM workshops WHERE demo = 1 ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Earliest and latest time anything was sent to the workshop (keywords, findings,
/// ballots, supports, proposals), UTC; `None` before the first.
///
/// # Errors
/// SQLite errors.
pub fn activity_span(
    conn: &Connection,
    workshop_id: i64,
) -> Result<Option<(String, String)>, StoreError> {
    let span: (Option<String>, Option<String>) = conn.query_row(
        "WITH times(t) AS (
            SELECT k.submitted_at FROM keywords k JOIN participants p ON p.id = k.participant_id WHERE p.workshop_id = ?1
            UNION ALL SELECT f.submitted_at FROM findings f JOIN participants p ON p.id = f.participant_id WHERE p.workshop_id = ?1
            UNION ALL SELECT b.submitted_at FROM ballots b JOIN participants p ON p.id = b.participant_id WHERE p.workshop_id = ?1
            UNION ALL SELECT s.supported_at FROM finding_supports s JOIN participants p ON p.id = s.participant_id WHERE p.workshop_id = ?1
            UNION ALL SELECT r.proposed_at FROM recommendations r WHERE r.workshop_id = ?1 AND r.proposed_at IS NOT NULL)
         SELECT MIN(t), MAX(t) FROM times",
        [workshop_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(match span {
        (Some(first), Some(last)) => Some((first, last)),
        _ => None,
    })
}

/// One line of a ballot, for the raw entries export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotRow {
    /// UTC, RFC 3339.
    pub submitted_at: String,
    pub participant_seq: i64,
    pub recommendation: String,
    pub dots: i64,
}

/// Every ballot line of the workshop, in order of sending.
///
/// # Errors
/// SQLite errors.
pub fn ballot_rows(conn: &Connection, workshop_id: i64) -> Result<Vec<BallotRow>, StoreError> {
    collect(
        conn,
        "SELECT b.submitted_at, p.seq, r.text, b.dots FROM ballots b
           JOIN participants p ON p.id = b.participant_id
           JOIN recommendations r ON r.id = b.recommendation_id
          WHERE p.workshop_id = ?1 ORDER BY b.submitted_at, p.seq, r.position",
        [workshop_id],
        |r| {
            Ok(BallotRow {
                submitted_at: r.get(0)?,
                participant_seq: r.get(1)?,
                recommendation: r.get(2)?,
                dots: r.get(3)?,
            })
        },
    )
}

/// A "+1, moi aussi", for the raw entries export: `(supported_at, participant seq,
/// category label, finding text)`.
///
/// # Errors
/// SQLite errors.
pub fn support_rows(
    conn: &Connection,
    workshop_id: i64,
) -> Result<Vec<(String, i64, String, String)>, StoreError> {
    collect(
        conn,
        "SELECT s.supported_at, p.seq, c.label, f.text FROM finding_supports s
           JOIN participants p ON p.id = s.participant_id
           JOIN findings f ON f.id = s.finding_id
           JOIN finding_categories c ON c.id = f.category_id
          WHERE p.workshop_id = ?1 ORDER BY s.supported_at",
        [workshop_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )
}

/// The synthesis paragraphs of the report, by section.
///
/// # Errors
/// SQLite errors.
pub fn syntheses(conn: &Connection, workshop_id: i64) -> Result<Vec<(String, String)>, StoreError> {
    collect(
        conn,
        "SELECT section, text FROM report_syntheses WHERE workshop_id = ?1",
        [workshop_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}
