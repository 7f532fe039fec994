//! What making a workshop's files holds in memory (issue #15: "the ZIP without the
//! server's memory growing by more than the file's size"), counted by this test binary's
//! allocator: the bytes Rust holds at the peak, not a time. A binary of its own, with one
//! test, so that nothing else allocates while it counts (SQLite's page cache is not
//! counted: it is allocated by SQLite, and bounded by its `cache_size`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use atelier::report::csv::Dialect;
use atelier::report::{files, proceedings};
use atelier::store::Store;
use atelier::tallies::TalliesCache;

/// The system allocator, counting the bytes held and their peak.
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed to `System` unchanged; only sizes are counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's guarantees are `System`'s.
        let block = unsafe { System.alloc(layout) };
        if !block.is_null() {
            let held = HELD.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(held, Relaxed);
        }
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(block, layout) };
        HELD.fetch_sub(layout.size(), Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Keyword entries preloaded, each of [`KEYWORD_BYTES`], among 50 spellings.
const KEYWORDS: usize = 20_000;
const KEYWORD_BYTES: usize = 150;
/// Findings preloaded, each of [`FINDING_BYTES`].
const FINDINGS: usize = 1_000;
const FINDING_BYTES: usize = 200;

/// The fixture workshop with [`KEYWORDS`] keywords and [`FINDINGS`] findings from 3,000
/// phones, written straight in SQL.
fn large_workshop(store: &Store, db: &std::path::Path) -> atelier::domain::ids::WorkshopId {
    let file = include_str!("fixtures/solidarites-sociales.toml");
    let workshop = atelier::domain::workshop_file::parse(file).expect("the fixture file");
    atelier::workshops::create_blocking(store, workshop).expect("the workshop");
    let mut conn = rusqlite::Connection::open(db).expect("db");
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .expect("timeout");
    let tx = conn.transaction().expect("transaction");
    let (workshop, category): (i64, i64) = tx
        .query_row(
            "SELECT w.id, MIN(c.id) FROM workshops w JOIN finding_categories c ON c.workshop_id = w.id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("the workshop");
    for phone in 0..3_000i64 {
        tx.execute(
            "INSERT INTO participants (workshop_id, token_hash, seq, joined_at)
             VALUES (?1, ?2, ?3, '2026-12-02T08:00:00.000Z')",
            rusqlite::params![workshop, format!("phone-{phone}"), phone + 1],
        )
        .expect("participant");
    }
    let first: i64 = tx
        .query_row("SELECT MIN(id) FROM participants", [], |r| r.get(0))
        .expect("ids");
    for n in 0..KEYWORDS {
        let text = format!("{:x>width$}", n % 50, width = KEYWORD_BYTES);
        tx.execute(
            "INSERT INTO keywords (participant_id, text, submitted_at)
             VALUES (?1, ?2, '2026-12-02T08:01:00.000Z')",
            rusqlite::params![first + (n % 3_000) as i64, text],
        )
        .expect("keyword");
    }
    for n in 0..FINDINGS {
        let text = format!("{n:é>width$}", width = FINDING_BYTES / 2);
        tx.execute(
            "INSERT INTO findings (participant_id, category_id, text, submitted_at)
             VALUES (?1, ?2, ?3, '2026-12-02T08:02:00.000Z')",
            rusqlite::params![first + n as i64, category, text],
        )
        .expect("finding");
    }
    tx.commit().expect("commit");
    atelier::domain::ids::WorkshopId(workshop)
}

/// One test counts at a time: the counts are the process's.
static COUNTING: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn each_file_of_a_large_workshop_is_made_holding_a_few_rows_not_every_row() {
    let _alone = COUNTING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("atelier.db");
    let store = Store::open(&db).expect("store");
    let workshop = large_workshop(&store, &db);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let cache = TalliesCache::new(store.clone());
    // The live model, as a projector keeps it; the report's libraries made ready once.
    let export = |cache: &TalliesCache| {
        runtime
            .block_on(cache.export(workshop))
            .expect("export")
            .expect("the workshop")
    };
    files::write(
        &export(&cache),
        "report.md",
        Dialect::ExcelFr { french: false },
        Counted(0),
    )
    .expect("report");
    // The raw rows' texts: a file that held every row at once would hold more than this.
    let texts = KEYWORDS * KEYWORD_BYTES + FINDINGS * FINDING_BYTES;
    for (name, most) in [
        ("entries.csv", 400_000),
        ("keyword-entries.csv", 400_000),
        ("findings.csv", 400_000),
        ("workshop.xlsx", 1_000_000),
    ] {
        let before = HELD.load(Relaxed);
        PEAK.store(before, Relaxed);
        // What a download does: its export taken from the live model, then the file.
        let mut written = Counted(0);
        files::write(
            &export(&cache),
            name,
            Dialect::ExcelFr { french: false },
            &mut written,
        )
        .expect("the file");
        let grew = PEAK.load(Relaxed) - before;
        eprintln!(
            "{name}: {} bytes written, {grew} bytes held at the peak",
            written.0
        );
        assert!(written.0 > 100_000, "{name} of {} bytes", written.0);
        assert!(
            grew < most && grew < texts / 3,
            "{name} held {grew} bytes at its peak, against {texts} bytes of texts"
        );
    }
    // The Word report holds its pictures a band of rows at a time: less than the keyword
    // cloud's pixels alone (a canvas of at most 4,000 rows), held at once before. Nor is a
    // picture's PNG file held: it is painted into the package as it is written (1.2 MB at
    // the peak in December 2026; 2.96 MB when the file and a band of 64 rows were held).
    let export = export(&cache);
    let keywords = atelier::report::cloud::visible(&export.summary.keywords);
    let (_, height) = atelier::report::cloud::layout(&keywords);
    let pixels = 1800 * ((height * 1.5).ceil() as usize).min(4000) * 3;
    let before = HELD.load(Relaxed);
    PEAK.store(before, Relaxed);
    let mut written = Counted(0);
    files::write(&export, "report.docx", Dialect::Standard, &mut written).expect("report");
    let grew = PEAK.load(Relaxed) - before;
    eprintln!(
        "report.docx: {} bytes written, {grew} bytes held at the peak; its cloud's pixels {pixels} bytes",
        written.0
    );
    assert!(written.0 > 100_000, "report.docx of {} bytes", written.0);
    assert!(
        grew < pixels / 4 && grew < 2_000_000,
        "report.docx held {grew} bytes at its peak, its cloud's pixels {pixels} bytes"
    );
}

/// Workshops in the event of [`the_word_proceedings_hold_one_chapters_pictures_at_a_time`]:
/// 6, enough to see a growth per chapter (drawing the pictures takes some 3 s a chapter
/// in a debug build); `ATELIER_MEMORY_WORKSHOPS=20` for the most an event holds
/// (`domain::event::MAX_WORKSHOPS`). At 20 (December 2026): 7.6 MB at the peak against
/// 7.4 MB for one workshop; 16.7 MB when every chapter's pictures were held at once.
fn event_workshops() -> usize {
    std::env::var("ATELIER_MEMORY_WORKSHOPS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(6)
}

/// An event of `count` copies of the fixture workshop, each answered as the
/// fixture's 12 participants answered (36 keywords, 10 findings, 29 ballot lines),
/// written straight in SQL.
fn fixture_event(
    store: &Store,
    db: &std::path::Path,
    count: usize,
) -> atelier::domain::event::Event {
    let workshop = include_str!("fixtures/solidarites-sociales.toml");
    let workshop = workshop[workshop.find("[workshop]").expect("[workshop]")..]
        .replace("[workshop]", "[[workshops]]")
        .replace("[[speakers]]", "[[workshops.speakers]]")
        .replace("[[finding_categories]]", "[[workshops.finding_categories]]")
        .replace("[[recommendations]]", "[[workshops.recommendations]]")
        .lines()
        .filter(|l| !l.starts_with("join_code"))
        .collect::<Vec<_>>()
        .join("\n");
    let source = format!(
        "[event]\ntitle = \"Vingt ateliers\"\ncode = \"VINGT20\"\n\n{}",
        vec![workshop; count].join("\n\n")
    );
    let file = atelier::domain::event_file::parse(&source).expect("the event file");
    store.create_event_blocking(file).expect("the event");
    let responses = include_str!("fixtures/solidarites-sociales-responses.csv");
    let mut conn = rusqlite::Connection::open(db).expect("db");
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .expect("timeout");
    let tx = conn.transaction().expect("transaction");
    let workshops: Vec<i64> = {
        let mut query = tx
            .prepare("SELECT id FROM workshops ORDER BY id")
            .expect("query");
        query
            .query_map([], |r| r.get(0))
            .expect("ids")
            .collect::<Result<_, _>>()
            .expect("ids")
    };
    for workshop in workshops {
        let mut phones = std::collections::HashMap::new();
        for line in responses.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            let (who, kind, category, recommendation) = (f[0], f[1], f[2], f[3]);
            let text = f[4..f.len() - 1].join(",");
            let dots = f[f.len() - 1];
            let next = phones.len() as i64;
            let phone = *phones.entry(who.to_string()).or_insert_with(|| {
                tx.execute(
                    "INSERT INTO participants (workshop_id, token_hash, seq, joined_at)
                     VALUES (?1, ?2, ?3, '2026-12-02T08:00:00.000Z')",
                    rusqlite::params![workshop, format!("{workshop}-{who}"), next + 1],
                )
                .expect("participant");
                tx.last_insert_rowid()
            });
            match kind {
                "keyword" => tx.execute(
                    "INSERT INTO keywords (participant_id, text, submitted_at)
                     VALUES (?1, ?2, '2026-12-02T08:01:00.000Z')",
                    rusqlite::params![phone, text],
                ),
                "finding" => tx.execute(
                    "INSERT INTO findings (participant_id, category_id, text, submitted_at)
                     SELECT ?1, id, ?2, '2026-12-02T08:02:00.000Z' FROM finding_categories
                     WHERE workshop_id = ?3 AND slug = ?4",
                    rusqlite::params![phone, text, workshop, category],
                ),
                _ => tx.execute(
                    "INSERT INTO ballots (participant_id, recommendation_id, dots, submitted_at)
                     SELECT ?1, id, ?2, '2026-12-02T08:03:00.000Z' FROM recommendations
                     WHERE workshop_id = ?3 ORDER BY position LIMIT 1 OFFSET ?4",
                    rusqlite::params![
                        phone,
                        dots.parse::<i64>().expect("dots"),
                        workshop,
                        recommendation.parse::<i64>().expect("a position") - 1
                    ],
                ),
            }
            .expect(line);
        }
    }
    tx.commit().expect("commit");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime
        .block_on(
            store.event_by_code(
                &atelier::domain::event::EventCode::parse("VINGT20").expect("a code"),
            ),
        )
        .expect("read")
        .expect("the event")
}

/// The Word proceedings of the most workshops an event holds: what they hold at the
/// peak, printed (`cargo test --test memory -- --nocapture`), against the pictures'
/// bytes (each chapter's votes chart and keyword cloud).
#[test]
fn the_word_proceedings_hold_one_chapters_pictures_at_a_time() {
    let _alone = COUNTING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("atelier.db");
    let store = Store::open(&db).expect("store");
    let workshops = event_workshops();
    let event = fixture_event(&store, &db, workshops);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let cache = TalliesCache::new(store.clone());
    let event = runtime
        .block_on(cache.event_full(event))
        .expect("the event's tallies");
    assert_eq!(event.workshops.len(), workshops);
    let mut one = event.clone();
    one.workshops.truncate(1);
    // The libraries made ready once (fonts, catalogues).
    proceedings::files::write(&one, "report.docx", Dialect::Standard, Counted(0))
        .expect("the proceedings");
    let mut peaks = Vec::new();
    for tallies in [&one, &event] {
        let before = HELD.load(Relaxed);
        PEAK.store(before, Relaxed);
        let mut written = Counted(0);
        proceedings::files::write(tallies, "report.docx", Dialect::Standard, &mut written)
            .expect("the proceedings");
        let grew = PEAK.load(Relaxed) - before;
        eprintln!(
            "report.docx of {} workshops: {} bytes written, {grew} bytes held at the peak",
            tallies.workshops.len(),
            written.0,
        );
        peaks.push((written.0, grew));
    }
    let [(one_written, one_peak), (all_written, all_peak)] = peaks[..] else {
        unreachable!("two measures")
    };
    // Each chapter's pictures are in the file (some 240 KB a chapter here)…
    assert!(
        all_written > (workshops - 1) * one_written,
        "{all_written} bytes"
    );
    // …but the chapters together hold about what one holds: each picture is drawn,
    // written and dropped in turn (holding them all grew by 0.5 MB a chapter).
    assert!(
        all_peak < one_peak + one_written,
        "{all_peak} bytes at the peak for {workshops} workshops, {one_peak} for one"
    );
}

/// A sink that counts what it is given.
struct Counted(usize);

impl std::io::Write for Counted {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.0 += data.len();
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
