//! A download sent as it is made (issue #15): a file is written on a blocking thread into
//! [`Chunks`], whose chunks of [`CHUNK_BYTES`] go to the response body over a channel of
//! [`CHUNKS_AHEAD`]; the writer waits while the client is slow. Memory for one download is
//! therefore what its writer holds plus at most `CHUNKS_AHEAD + 1` chunks, whatever the
//! file's size.

use std::io::{self, Write};
use std::time::Duration;

use bytes::Bytes;
use futures_util::Stream;
use tokio::sync::{OwnedSemaphorePermit, mpsc};

use crate::report::files::ExportError;

/// Bytes of one chunk of a download.
pub const CHUNK_BYTES: usize = 32 * 1024;

/// Chunks made and not yet taken by the client.
pub const CHUNKS_AHEAD: usize = 4;

/// How long a chunk may wait for the client before the download is abandoned: a phone
/// that left without closing its connection gives back its export turn after this, within
/// the [`super::export::EXPORT_WAIT`] of the next export waiting for it.
pub const STALL: Duration = Duration::from_secs(30);

/// The bytes of a download on their way: an [`io::Write`] that hands each full chunk to
/// the response body, waiting (at most [`STALL`]) for room in the channel.
pub struct Chunks {
    chunk: Vec<u8>,
    sender: mpsc::Sender<Bytes>,
    runtime: tokio::runtime::Handle,
    /// Why the client took no more, once it did not.
    stopped: Option<&'static str>,
}

impl Chunks {
    /// Sends what the current chunk holds (nothing when empty).
    fn send(&mut self) -> io::Result<()> {
        if self.chunk.is_empty() {
            return Ok(());
        }
        let full = std::mem::replace(&mut self.chunk, Vec::with_capacity(CHUNK_BYTES));
        let sent = self
            .runtime
            .block_on(tokio::time::timeout(STALL, self.sender.send(full.into())));
        let stopped = match sent {
            Ok(Ok(())) => return Ok(()),
            Ok(Err(_)) => "the client left",
            Err(_) => "the client stopped reading",
        };
        self.stopped = Some(stopped);
        Err(io::Error::new(io::ErrorKind::BrokenPipe, stopped))
    }
}

impl Write for Chunks {
    /// Takes what fits in the current chunk, sending it when full.
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let room = CHUNK_BYTES.saturating_sub(self.chunk.len());
        let taken = data.len().min(room);
        self.chunk
            .extend_from_slice(data.get(..taken).unwrap_or_default());
        if self.chunk.len() >= CHUNK_BYTES {
            self.send()?;
        }
        Ok(taken)
    }

    /// Nothing: a chunk goes when full, the last one when the file is made, so that the
    /// writers' flushes do not make small chunks.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The body of the download `name`: the bytes `make` writes on a blocking thread, sent as
/// they come. `turn` (the export turn; `None` for a file made from the live model in a few
/// milliseconds, which takes no turn) is kept by that thread until the file is made and
/// all but its last [`CHUNKS_AHEAD`] chunks are taken, or the client left or stopped
/// reading ([`STALL`]); not by the body, which a client that stopped reading keeps from
/// being dropped. An error after the first byte cuts the body short, so the client sees a
/// failed download rather than a shortened file; it is logged, as an error unless the
/// client left.
pub fn stream(
    name: String,
    turn: Option<OwnedSemaphorePermit>,
    make: impl FnOnce(&mut Chunks) -> Result<(), ExportError> + Send + 'static,
) -> impl Stream<Item = Result<Bytes, io::Error>> {
    let (sender, receiver) = mpsc::channel(CHUNKS_AHEAD);
    let mut chunks = Chunks {
        chunk: Vec::with_capacity(CHUNK_BYTES),
        sender,
        runtime: tokio::runtime::Handle::current(),
        stopped: None,
    };
    let made = actix_web::web::block(move || {
        let _turn = turn;
        let made = make(&mut chunks).and_then(|()| Ok(chunks.send()?));
        match (made, chunks.stopped) {
            (Ok(()), _) => true,
            (Err(_), Some(why)) => {
                tracing::info!("download of {name} stopped: {why}");
                false
            }
            (Err(e), None) => {
                tracing::error!("download of {name} failed: {e}");
                false
            }
        }
    });
    futures_util::stream::unfold((receiver, Some(made)), |(mut receiver, made)| async move {
        if let Some(chunk) = receiver.recv().await {
            return Some((Ok(chunk), (receiver, made)));
        }
        // Every chunk is sent: the end, unless the file could not be made whole.
        if made?.await.unwrap_or(false) {
            return None;
        }
        let cut = io::Error::other("the download could not be made");
        Some((Err(cut), (receiver, None)))
    })
}
