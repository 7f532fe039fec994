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

/// Refused WAL restarts in a row that the writer retries at every commit, as readers that
/// only pass (projectors, pages) let the next attempt through: each attempt waits up to
/// [`RESTART_WAIT`] for them, which holds writes back until the WAL is rewound.
const RETRIES_AT_ONCE: u32 = 8;
/// First pause after [`RETRIES_AT_ONCE`] refusals in a row: a reader that never lets go
/// (Litestream holds a read lock on the WAL it ships) would otherwise cost every commit
/// [`RESTART_WAIT`] (measured under Litestream 0.5.17 with a 41 MB WAL: submissions took
/// 62–68 ms at the median instead of 3). The pause doubles at each refusal after.
const RESTART_PAUSE_MIN: std::time::Duration = std::time::Duration::from_secs(1);
/// Longest pause between two attempts to restart a WAL that stays past its bound.
const RESTART_PAUSE_MAX: std::time::Duration = std::time::Duration::from_secs(60);

/// When the writer tries to restart a WAL past [`WAL_RESTART_BYTES`]: at the periodic look
/// while the WAL is within bounds; at every commit for the first [`RETRIES_AT_ONCE`]
/// refusals in a row; then after a pause that doubles from [`RESTART_PAUSE_MIN`] to
/// [`RESTART_PAUSE_MAX`], so that a WAL held for good costs one [`RESTART_WAIT`] a pause.
#[derive(Debug, Default)]
struct RestartBackoff {
    /// Refused attempts in a row (0 while the WAL is within bounds).
    refusals: u32,
    /// Once past [`RETRIES_AT_ONCE`]: the next attempt's time and the pause before it.
    paused: Option<(std::time::Instant, std::time::Duration)>,
}

impl RestartBackoff {
    /// Whether the writer should look at the WAL after this commit (`periodic`: the commit
    /// is one of every [`CHECKPOINT_EVERY`]).
    fn due(&self, now: std::time::Instant, periodic: bool) -> bool {
        match (self.refusals, self.paused) {
            (0, _) => periodic,
            (_, None) => true,
            (_, Some((next, _))) => now >= next,
        }
    }

    /// Records an attempt's outcome (`bounded`: the WAL is within bounds now).
    fn record(&mut self, now: std::time::Instant, bounded: bool) {
        if bounded {
            *self = Self::default();
            return;
        }
        self.refusals = self.refusals.saturating_add(1);
        if self.refusals >= RETRIES_AT_ONCE {
            let pause = self.paused.map_or(RESTART_PAUSE_MIN, |(_, last)| {
                (last * 2).min(RESTART_PAUSE_MAX)
            });
            self.paused = Some((now + pause, pause));
        }
    }
}

/// Keeps the WAL bounded when readers never stop (projectors read all day): SQLite's
/// automatic checkpoints copy the WAL back but cannot rewind it while a reader uses it, so
/// when the file has grown past [`WAL_RESTART_BYTES`] the writer asks for a TRUNCATE
/// checkpoint, waiting at most [`RESTART_WAIT`] for current readers (new ones read the
/// database file meanwhile). Says whether the WAL is within bounds; after a busy attempt
/// the writer tries again ([`RestartBackoff`]).
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
    let mut backoff = RestartBackoff::default();
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
        let now = std::time::Instant::now();
        if backoff.due(now, commits.is_multiple_of(CHECKPOINT_EVERY))
            && let Some(wal) = &wal
        {
            backoff.record(now, keep_wal_bounded(conn, wal));
        }
    }
}

#[cfg(test)]
mod tests;
