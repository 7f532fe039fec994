use std::sync::mpsc;
use std::time::Instant;

use super::{RESTART_PAUSE_MAX, RESTART_PAUSE_MIN, RETRIES_AT_ONCE, RestartBackoff};

#[test]
fn a_refused_wal_restart_is_retried_at_once_then_after_a_growing_pause() {
    let start = Instant::now();
    let mut backoff = RestartBackoff::default();
    assert!(
        !backoff.due(start, false),
        "within bounds: only the periodic look"
    );
    assert!(backoff.due(start, true));
    for _ in 1..RETRIES_AT_ONCE {
        backoff.record(start, false);
        assert!(
            backoff.due(start, false),
            "passing readers: tried at the next commit"
        );
    }
    backoff.record(start, false);
    assert!(
        !backoff.due(start, true),
        "held: a pause, even at the periodic look"
    );
    assert!(!backoff.due(start + RESTART_PAUSE_MIN / 2, true));
    let first = start + RESTART_PAUSE_MIN;
    assert!(backoff.due(first, false));
    backoff.record(first, false);
    assert!(
        !backoff.due(first + RESTART_PAUSE_MIN, true),
        "the pause doubled"
    );
    assert!(backoff.due(first + 2 * RESTART_PAUSE_MIN, false));
    let mut now = first;
    for _ in 0..20 {
        backoff.record(now, false);
        now += RESTART_PAUSE_MAX;
    }
    assert!(
        backoff.due(now, false),
        "the pause stops growing at its ceiling"
    );
    backoff.record(now, true);
    assert!(
        !backoff.due(now, false),
        "bounded again: back to the periodic look"
    );
    assert!(backoff.due(now, true));
    backoff.record(now, false);
    assert!(
        backoff.due(now, false),
        "a new refusal is retried at once again"
    );
}

use rusqlite::Connection;

use crate::store::{Store, StoreError};

/// A store in a temporary folder with one table, `notes (text)`.
fn store_with_notes() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("writer.db")).expect("store");
    store
        .writer
        .write_blocking(None, |conn| {
            conn.execute_batch("CREATE TABLE notes (text TEXT NOT NULL)")?;
            Ok(())
        })
        .expect("table");
    (dir, store)
}

fn add_note(conn: &Connection, text: &str) -> Result<(), StoreError> {
    conn.execute("INSERT INTO notes (text) VALUES (?1)", [text])?;
    Ok(())
}

/// The committed notes, as a reader sees them, in the order written.
fn notes(store: &Store) -> Vec<String> {
    store
        .readers
        .read_blocking(|conn| {
            let mut statement = conn.prepare("SELECT text FROM notes ORDER BY rowid")?;
            let rows = statement
                .query_map([], |r| r.get(0))?
                .collect::<Result<Vec<String>, _>>()?;
            Ok(rows)
        })
        .expect("notes")
}

#[test]
fn a_panicking_job_fails_alone_and_the_rest_of_its_batch_commits() {
    let (_dir, store) = store_with_notes();
    // Hold the writer in a first batch while three jobs queue up behind it: once it is
    // released they are all waiting, so they form the next batch together.
    let (running, is_running) = mpsc::channel::<()>();
    let (release, released) = mpsc::channel::<()>();
    let held = store.writer.enqueue(None, false, move |_: &Connection| {
        running.send(()).expect("signal");
        released.recv().expect("release");
        Ok(())
    });
    is_running.recv().expect("the writer runs the first job");
    let before = store
        .writer
        .enqueue(None, false, |conn: &Connection| add_note(conn, "before"));
    let bad = store
        .writer
        .enqueue(None, false, |conn: &Connection| -> Result<(), StoreError> {
            add_note(conn, "from the bad job")?;
            panic!("a bug in one job");
        });
    let after = store
        .writer
        .enqueue(None, false, |conn: &Connection| add_note(conn, "after"));
    release.send(()).expect("release");

    held.blocking_recv().expect("answer").expect("first job");
    before.blocking_recv().expect("answer").expect("job before");
    match bad.blocking_recv().expect("answer") {
        Err(StoreError::JobPanicked(message)) => assert_eq!(message, "a bug in one job"),
        other => panic!("the bad job got {other:?}"),
    }
    after.blocking_recv().expect("answer").expect("job after");
    assert_eq!(notes(&store), ["before", "after"]);

    store
        .writer
        .write_blocking(None, |conn| add_note(conn, "later"))
        .expect("a later job");
    assert_eq!(notes(&store), ["before", "after", "later"]);
}

/// The path the web takes: async `Writer::write` calls, one after the other.
#[test]
fn the_writer_goes_on_serving_after_jobs_panic() {
    let (_dir, store) = store_with_notes();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        for round in 0..3 {
            let answer = store
                .writer
                .write(Some(7), move |conn| -> Result<(), StoreError> {
                    add_note(conn, "from the bad job")?;
                    panic!("bad job number {round}");
                })
                .await;
            match answer {
                Err(StoreError::JobPanicked(message)) => {
                    assert_eq!(message, format!("bad job number {round}"));
                }
                other => panic!("bad job {round} got {other:?}"),
            }
        }
        // Nothing was committed for workshop 7, so its projectors get no new frame.
        assert_eq!(store.hub.version(7), 0);

        store
            .writer
            .write(Some(7), |conn| add_note(conn, "still served"))
            .await
            .expect("a job after the panics");
        assert_eq!(store.hub.version(7), 1);
        let notes = store
            .readers
            .read(|conn| {
                Ok(
                    conn.query_row("SELECT group_concat(text) FROM notes", [], |r| {
                        r.get::<_, String>(0)
                    })?,
                )
            })
            .await
            .expect("notes");
        assert_eq!(notes, "still served");
    });
}
