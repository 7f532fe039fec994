//! The single writer (ARCHITECTURE.md, "The write path"): one thread owns the only write
//! connection, drains a queue of write jobs and commits them in batches (group commit), so
//! one fsync with `synchronous=FULL` serves many requests. Each job runs inside its own
//! SAVEPOINT: a job that fails is rolled back alone, the others of the batch commit. A job
//! that panics fails the same way (its caller gets [`StoreError::JobPanicked`]) and the
//! thread goes on serving. A caller is answered only after the commit that holds its write.

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;
use std::sync::mpsc;
use std::thread;

use rusqlite::Connection;
use tokio::sync::oneshot;

use super::StoreError;
use crate::live::Hub;

/// Most jobs committed by one transaction.
pub const MAX_BATCH: usize = 256;

type Completion = Box<dyn FnOnce(Result<(), StoreError>) + Send>;

/// A queued write: run it inside the batch's transaction, or fail it unrun.
trait WriteJob: Send {
    /// Runs the job; says whether it succeeded, with what answers its caller.
    fn run(self: Box<Self>, conn: &Connection) -> (bool, Completion);
    fn fail(self: Box<Self>, error: StoreError);
}

struct Job<T, F> {
    work: F,
    reply: oneshot::Sender<Result<T, StoreError>>,
}

impl<T, F> WriteJob for Job<T, F>
where
    T: Send + 'static,
    F: FnOnce(&Connection) -> Result<T, StoreError> + Send,
{
    fn run(self: Box<Self>, conn: &Connection) -> (bool, Completion) {
        let Job { work, reply } = *self;
        let result = in_savepoint(conn, work);
        let succeeded = result.is_ok();
        let complete: Completion = Box::new(move |commit| {
            let _ = reply.send(commit.and(result));
        });
        (succeeded, complete)
    }

    fn fail(self: Box<Self>, error: StoreError) {
        let _ = self.reply.send(Err(error));
    }
}

/// Runs `work` inside the savepoint `job`: released when it succeeds, rolled back when it
/// fails or panics. A panic is caught here, logged, and becomes
/// [`StoreError::JobPanicked`], so the rest of the batch and later jobs are unaffected.
fn in_savepoint<T>(
    conn: &Connection,
    work: impl FnOnce(&Connection) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    conn.prepare_cached("SAVEPOINT job")?.execute([])?;
    // Unwind safety: whatever the job left half-done on the connection is undone by the
    // ROLLBACK TO below, and the job's own state is dropped with it.
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| work(conn))).unwrap_or_else(|cause| {
        let message = panic_message(cause.as_ref());
        tracing::error!(cause = %message, "a write job panicked; its writes are rolled back");
        Err(StoreError::JobPanicked(message))
    });
    match outcome {
        Ok(value) => {
            conn.prepare_cached("RELEASE job")?.execute([])?;
            Ok(value)
        }
        Err(e) => {
            conn.prepare_cached("ROLLBACK TO job")?.execute([])?;
            conn.prepare_cached("RELEASE job")?.execute([])?;
            Err(e)
        }
    }
}

/// The text a panic was given (`panic!("…")` gives a `&str` or a `String`).
fn panic_message(cause: &(dyn Any + Send)) -> String {
    if let Some(text) = cause.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = cause.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic without a message".to_string()
    }
}

struct Envelope {
    job: Box<dyn WriteJob>,
    /// The workshop whose live version goes up once the job is committed.
    workshop_id: Option<i64>,
    /// Whether the job changes the workshop's settings (see [`Hub::bump_settings`]).
    settings: bool,
}

/// Handle to the writer thread. Cloning it is cheap; the thread stops once every handle
/// is dropped and the queue is drained.
#[derive(Clone)]
pub struct Writer {
    queue: mpsc::Sender<Envelope>,
}

impl Writer {
    /// Starts the writer thread on `conn` (opened by [`super::schema::open_writer`]).
    ///
    /// # Errors
    /// [`StoreError::Io`] when the thread cannot be started.
    pub fn start(conn: Connection, hub: Arc<Hub>) -> Result<Self, StoreError> {
        let (queue, jobs) = mpsc::channel::<Envelope>();
        thread::Builder::new()
            .name("atelier-writer".into())
            .spawn(move || writer_loop(&conn, &jobs, &hub))
            .map_err(|e| StoreError::Io(e.to_string()))?;
        Ok(Self { queue })
    }

    fn enqueue<T, F>(
        &self,
        workshop_id: Option<i64>,
        settings: bool,
        work: F,
    ) -> oneshot::Receiver<Result<T, StoreError>>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        let envelope = Envelope {
            job: Box::new(Job { work, reply }),
            workshop_id,
            settings,
        };
        if let Err(mpsc::SendError(envelope)) = self.queue.send(envelope) {
            envelope.job.fail(StoreError::WriterGone);
        }
        answer
    }

    /// Runs `work` in the writer's next transaction and answers once it is committed.
    /// `workshop_id` names the workshop whose live version goes up after the commit.
    ///
    /// # Errors
    /// The job's own error (its writes are rolled back), [`StoreError::JobPanicked`] when
    /// it panicked (rolled back too), or the commit's.
    pub async fn write<T, F>(&self, workshop_id: Option<i64>, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    {
        self.enqueue(workshop_id, false, work)
            .await
            .map_err(|_| StoreError::WriterGone)?
    }

    /// [`Writer::write`] for a facilitator's change of the workshop's settings: after the
    /// commit, the settings version goes up before the live version.
    ///
    /// # Errors
    /// As [`Writer::write`].
    pub async fn write_settings<T, F>(&self, workshop_id: i64, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    {
        self.enqueue(Some(workshop_id), true, work)
            .await
            .map_err(|_| StoreError::WriterGone)?
    }

    /// [`Writer::write`] for code outside an async runtime (the command line).
    ///
    /// # Errors
    /// As [`Writer::write`].
    pub fn write_blocking<T, F>(&self, workshop_id: Option<i64>, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    {
        self.enqueue(workshop_id, false, work)
            .blocking_recv()
            .map_err(|_| StoreError::WriterGone)?
    }
}

/// Commits between two looks at the WAL's size.
const CHECKPOINT_EVERY: u32 = 16;
/// WAL size past which the writer restarts the WAL (16 MB).
const WAL_RESTART_BYTES: u64 = 16 * 1024 * 1024;
/// How long a WAL restart may wait for readers to move on before trying again later.
const RESTART_WAIT: std::time::Duration = std::time::Duration::from_millis(100);

/// Keeps the WAL bounded when readers never stop (projectors read all day): SQLite's
/// automatic checkpoints copy the WAL back but cannot rewind it while a reader uses it, so
/// when the file has grown past [`WAL_RESTART_BYTES`] the writer asks for a TRUNCATE
/// checkpoint, waiting at most [`RESTART_WAIT`] for current readers (new ones read the
/// database file meanwhile). Says whether the WAL is within bounds; after a busy attempt
/// the writer tries again at every commit until it is.
fn keep_wal_bounded(conn: &Connection, wal: &std::path::Path) -> bool {
    let size = std::fs::metadata(wal).map(|m| m.len()).unwrap_or(0);
    if size <= WAL_RESTART_BYTES {
        return true;
    }
    let _ = conn.busy_timeout(RESTART_WAIT);
    // (busy, log frames, checkpointed frames): busy = 1 when readers kept it from finishing.
    let done = conn
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            r.get::<_, i64>(0)
        })
        .map(|busy| busy == 0)
        .unwrap_or(false);
    let _ = conn.busy_timeout(super::schema::BUSY_TIMEOUT);
    done
}

fn writer_loop(conn: &Connection, jobs: &mpsc::Receiver<Envelope>, hub: &Hub) {
    let wal = conn
        .path()
        .map(|p| std::path::PathBuf::from(format!("{p}-wal")));
    let mut commits = 0u32;
    let mut wal_bounded = true;
    while let Ok(first) = jobs.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match jobs.try_recv() {
                Ok(next) => batch.push(next),
                Err(_) => break,
            }
        }
        if let Err(e) = conn.execute_batch("BEGIN IMMEDIATE") {
            let error = StoreError::from(e);
            for envelope in batch {
                envelope.job.fail(error.clone());
            }
            continue;
        }
        let mut completions = Vec::with_capacity(batch.len());
        let mut touched = Vec::new();
        let mut settings = Vec::new();
        for envelope in batch {
            let (succeeded, complete) = envelope.job.run(conn);
            completions.push(complete);
            // A refused job changed nothing: projectors need no new frame for it.
            if let Some(id) = envelope.workshop_id.filter(|_| succeeded) {
                if !touched.contains(&id) {
                    touched.push(id);
                }
                if envelope.settings && !settings.contains(&id) {
                    settings.push(id);
                }
            }
        }
        let commit = conn.execute_batch("COMMIT").map_err(StoreError::from);
        if commit.is_err() {
            let _ = conn.execute_batch("ROLLBACK");
        } else {
            for id in settings {
                hub.bump_settings(id);
            }
            for id in touched {
                hub.bump(id);
            }
        }
        for complete in completions {
            complete(commit.clone());
        }
        commits += 1;
        if (!wal_bounded || commits.is_multiple_of(CHECKPOINT_EVERY))
            && let Some(wal) = &wal
        {
            wal_bounded = keep_wal_bounded(conn, wal);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

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
        let bad =
            store
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
}
