//! Building and running the HTTP server (the zero2prod shape): [`Application::build`]
//! binds its own listener (port 0 picks a free one), so tests start exactly the server
//! that `atelier serve` runs, on a temporary database.

use std::net::TcpListener;
use std::path::PathBuf;

use actix_web::dev::Server;
use actix_web::middleware::{NormalizePath, from_fn};
use actix_web::{App, HttpServer};
use anyhow::Context;

use std::sync::Arc;

use crate::store::Store;
use crate::tallies::TalliesCache;
use crate::web::screen::Broadcasts;
use crate::web::{self, AppState};

/// Seconds the server waits for requests in flight when it stops (projector streams
/// would otherwise hold it).
pub const SHUTDOWN_TIMEOUT_SECS: u64 = 2;

/// What `atelier serve` needs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address and port to listen on, such as `127.0.0.1:8080` (`:0` for any free port).
    pub bind: String,
    /// The SQLite file, created if missing.
    pub db: PathBuf,
    /// Public base address for links, such as `https://atelier.example.org`.
    pub base_url: Option<String>,
    /// Password guarding `/new`.
    pub admin_password: Option<String>,
}

/// A bound, not yet running, server.
pub struct Application {
    server: Server,
    port: u16,
    base_url: String,
    store: Store,
    broadcasts: Arc<Broadcasts>,
}

impl Application {
    /// Opens the database of `config` and binds the server. Must be called inside an
    /// actix runtime (`actix_web::rt::System`, or `#[actix_web::test]`).
    ///
    /// # Errors
    /// When the database cannot be opened or the address cannot be bound.
    pub fn build(config: &Config) -> anyhow::Result<Self> {
        let store = Store::open(&config.db)
            .with_context(|| format!("opening the database {}", config.db.display()))?;
        Self::build_with_store(config, store)
    }

    /// As [`Application::build`], on an already opened store.
    ///
    /// # Errors
    /// When the address cannot be bound.
    pub fn build_with_store(config: &Config, store: Store) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(&config.bind)
            .with_context(|| format!("listening on {}", config.bind))?;
        let address = listener.local_addr().context("reading the bound address")?;
        let host = if address.ip().is_unspecified() {
            "127.0.0.1".to_string()
        } else if address.is_ipv6() {
            format!("[{}]", address.ip())
        } else {
            address.ip().to_string()
        };
        let base_url = config
            .base_url
            .clone()
            .map(|b| b.trim_end_matches('/').to_string())
            .unwrap_or_else(|| format!("http://{host}:{}", address.port()));
        let tallies = Arc::new(TalliesCache::new(store.clone()));
        let broadcasts = Arc::new(Broadcasts::new(
            Arc::clone(&tallies),
            Arc::clone(&store.hub),
        ));
        let state = actix_web::web::Data::new(AppState {
            store: store.clone(),
            base_url: config.base_url.clone(),
            admin_password: config.admin_password.clone().filter(|p| !p.is_empty()),
            tallies,
            broadcasts: Arc::clone(&broadcasts),
        });
        let server = HttpServer::new(move || {
            App::new()
                .app_data(state.clone())
                .wrap(from_fn(web::guard))
                .wrap(web::error_pages())
                .wrap(NormalizePath::trim())
                .configure(web::configure)
        })
        .shutdown_timeout(SHUTDOWN_TIMEOUT_SECS)
        .disable_signals()
        .listen(listener)
        .context("starting the HTTP server")?
        .run();
        Ok(Self {
            server,
            port: address.port(),
            base_url,
            store,
            broadcasts,
        })
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The base of the links it hands out: `--base-url`, or `http://{ip}:{port}`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Projector streams open now.
    pub fn live_screens(&self) -> usize {
        self.broadcasts.live_streams()
    }

    /// A handle on the projector broadcasters, to count open streams after `run`.
    pub fn broadcasts(&self) -> Arc<Broadcasts> {
        Arc::clone(&self.broadcasts)
    }

    /// The server's database.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Serves until the process gets SIGINT or SIGTERM.
    ///
    /// # Errors
    /// I/O errors of the server.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let handle = self.server.handle();
        let broadcasts = Arc::clone(&self.broadcasts);
        actix_web::rt::spawn(async move {
            wait_for_stop_signal().await;
            tracing::info!("stopping: projector streams closed, finishing requests in flight");
            // Projector streams end at once; requests in flight (and so their writes) get
            // up to SHUTDOWN_TIMEOUT_SECS to finish, each answered after its commit.
            broadcasts.close_all();
            handle.stop(true).await;
        });
        self.server.await
    }
}

/// Resolves on SIGINT (Ctrl+C) or SIGTERM.
async fn wait_for_stop_signal() {
    #[cfg(unix)]
    {
        use actix_web::rt::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = actix_web::rt::signal::ctrl_c() => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => {
                let _ = actix_web::rt::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = actix_web::rt::signal::ctrl_c().await;
    }
}
