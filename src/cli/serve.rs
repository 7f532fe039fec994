//! `atelier serve` (also `atelier` alone): starts the server, optionally with the demo
//! workshop, and prints its address.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;

use super::args::ServeArgs;
use super::terminal_tr;
use crate::i18n::Tr;
use crate::startup::{Application, Config};
use crate::web::screen::StreamLimits;
use crate::workshops::{self, Links};

/// Serves until stopped; with `--demo`, imports the demo workshop first if absent and
/// prints its links.
///
/// # Errors
/// Start-up errors (database, address in use) and serving errors.
pub(super) fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .try_init();
    let tr = terminal_tr();
    let open_files = raise_open_file_limit();
    let config = Config {
        bind: args.bind,
        db: args.db.db,
        base_url: args.base_url,
        admin_password: args.admin_password,
        body_timeout: crate::startup::BODY_TIMEOUT,
        streams: open_files.map_or(StreamLimits::DEFAULT, StreamLimits::within_open_files),
        shard: args.shard.shard,
    };
    actix_web::rt::System::new().block_on(async move {
        let app = Application::build(&config)?;
        let mut out = std::io::stdout().lock();
        writeln!(out, "{}", tr.s("cli-serving", "url", app.base_url()))?;
        if app.lan_links().len() > 1 {
            writeln!(out, "{}", tr.t("cli-lan-addresses"))?;
            for link in app.lan_links() {
                writeln!(out, "  {link}")?;
            }
        }
        if args.demo {
            let store = app.store().clone();
            let base = app.base_url().to_string();
            let (title, links) =
                actix_web::rt::task::spawn_blocking(move || workshops::ensure_demo(&store, &base))
                    .await
                    .context("importing the demo workshop")??;
            writeln!(out, "{}", tr.s("cli-demo", "title", &title))?;
            print_links(&mut out, tr, &links)?;
        }
        drop(out);
        app.run_until_stopped().await.context("serving")?;
        Ok(ExitCode::SUCCESS)
    })
}

/// The three links of a workshop, one labelled line each.
fn print_links(out: &mut impl Write, tr: Tr, links: &Links) -> std::io::Result<()> {
    writeln!(
        out,
        "  {:<16} {}",
        tr.t("cli-participant"),
        links.participant_url
    )?;
    writeln!(
        out,
        "  {:<16} {}",
        tr.t("cli-projector"),
        links.projector_url
    )?;
    writeln!(
        out,
        "  {:<16} {}",
        tr.t("cli-facilitator"),
        links.facilitator_url
    )?;
    out.flush()
}

/// Descriptors a server needs to serve [`crate::domain::workshop_draft::DEFAULT_MAX_PARTICIPANTS`]
/// phones (a connection each, a few browsers opening two) with projector streams and the
/// database: under it, start-up warns.
pub const OPEN_FILES_WANTED: u64 = 4096;

/// Raises the soft limit on open files to the hard one (issue #11: under the common
/// default of 1,024, 1,100 projector streams or stalled uploads stopped phones being
/// served), logs the figure, and warns when it stays under [`OPEN_FILES_WANTED`].
/// Gives the limit reached, `None` when it could not be read.
fn raise_open_file_limit() -> Option<u64> {
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) if limit < OPEN_FILES_WANTED => {
            tracing::warn!(
                limit,
                wanted = OPEN_FILES_WANTED,
                "the open-file limit is low: about 2,000 phones need {OPEN_FILES_WANTED} (raise it with `ulimit -n` or LimitNOFILE=)"
            );
            Some(limit)
        }
        Ok(limit) => {
            tracing::info!(limit, "open-file limit");
            Some(limit)
        }
        Err(error) => {
            tracing::warn!(%error, "the open-file limit could not be read or raised");
            None
        }
    }
}
