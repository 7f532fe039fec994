//! Building and running the HTTP server (the zero2prod shape): [`Application::build`]
//! binds its own listener (port 0 picks a free one), so tests start exactly the server
//! that `atelier serve` runs, on a temporary database.

use std::net::TcpListener;
use std::path::PathBuf;
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::middleware::{NormalizePath, from_fn};
use actix_web::{App, HttpServer};
use anyhow::Context;

use std::sync::Arc;

use crate::domain::shard::Shard;
use crate::store::Store;
use crate::tallies::TalliesCache;
use crate::web::address::PublicAddress;
use crate::web::screen::{Broadcasts, StreamLimits};
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
    /// How long a request's body may take to arrive once its headers are in
    /// ([`BODY_TIMEOUT`] in production); past it the request fails and its connection
    /// closes.
    pub body_timeout: Duration,
    /// How many projector streams stay open at once ([`StreamLimits::DEFAULT`]).
    pub streams: StreamLimits,
    /// The part of the join codes and keys this process owns (`--shard I/N`; whole by
    /// default, README "Beyond one machine").
    pub shard: Shard,
}

/// How long a request body may take to arrive (issue #11: bodies that never finished held
/// their descriptors for ever). A form is a few kilobytes: 15 s covers a phone on a poor
/// venue Wi-Fi.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(15);

/// How long a client has to send a request's headers once connected (actix's default is
/// 5 s; a phone on a poor network gets a little more).
pub const HEADERS_TIMEOUT: Duration = Duration::from_secs(10);

impl Config {
    /// A server on a free port of 127.0.0.1 over the database `db`: no public address,
    /// no admin password, [`BODY_TIMEOUT`]. Fields can be changed with struct update
    /// syntax.
    pub fn local(db: PathBuf) -> Self {
        Self {
            bind: "127.0.0.1:0".into(),
            db,
            base_url: None,
            admin_password: None,
            body_timeout: BODY_TIMEOUT,
            streams: StreamLimits::DEFAULT,
            shard: Shard::WHOLE,
        }
    }
}

/// Turns the panic actix-http 3.20 (the newest) raises on a header name over 64 KB into one
/// warning a minute (issue #11: each such request logged 1.6 KB of backtrace). The panic
/// stays inside that connection's task: the connection drops, the worker goes on serving
/// every other phone. Other panics keep the default report.
fn contain_oversized_header_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        let last_warning = std::sync::Mutex::new(None::<std::time::Instant>);
        std::panic::set_hook(Box::new(move |info| {
            let from_parser = info
                .location()
                .is_some_and(|l| l.file().contains("actix-http") && l.file().contains("h1"));
            if !from_parser {
                return default(info);
            }
            let mut last = last_warning
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if last.is_none_or(|t| t.elapsed() >= Duration::from_secs(60)) {
                *last = Some(std::time::Instant::now());
                tracing::warn!(
                    "dropped a connection whose request head actix-http cannot parse (a header name over 64 KB); further ones are not logged for a minute"
                );
            }
        }));
    });
}

/// A bound, not yet running, server.
pub struct Application {
    server: Server,
    port: u16,
    base_url: String,
    address: PublicAddress,
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
            .with_context(|| format!("opening the database {}", config.db.display()))?
            .with_shard(config.shard);
        Self::build_with_store(config, store)
    }

    /// As [`Application::build`], on an already opened store.
    ///
    /// # Errors
    /// When the address cannot be bound.
    pub fn build_with_store(config: &Config, store: Store) -> anyhow::Result<Self> {
        contain_oversized_header_panics();
        let listener = TcpListener::bind(&config.bind)
            .with_context(|| format!("listening on {}", config.bind))?;
        let bound = listener.local_addr().context("reading the bound address")?;
        let interfaces: Vec<std::net::IpAddr> = if bound.ip().is_unspecified() {
            if_addrs::get_if_addrs()
                .map(|all| all.into_iter().map(|i| i.ip()).collect())
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        let address = PublicAddress::new(config.base_url.as_deref(), bound, &interfaces)
            .map_err(anyhow::Error::msg)?;
        let base_url = address.base();
        let tallies = Arc::new(TalliesCache::new(store.clone()));
        let broadcasts = Arc::new(Broadcasts::new(
            Arc::clone(&tallies),
            Arc::clone(&store.hub),
            config.streams,
        ));
        let plenaries = Arc::new(crate::web::event::plenary::Plenaries::new(
            store.clone(),
            Arc::clone(&tallies),
            broadcasts.closing_signal(),
        ));
        let state = actix_web::web::Data::new(AppState {
            store: store.clone(),
            address: address.clone(),
            body_timeout: config.body_timeout,
            admin_password: config.admin_password.clone().filter(|p| !p.is_empty()),
            tallies,
            broadcasts: Arc::clone(&broadcasts),
            plenaries,
            consoles: Arc::default(),
            password_attempts: crate::web::attempts::PasswordAttempts::new(),
            exports: Arc::new(tokio::sync::Semaphore::new(
                crate::web::export::exports_at_once(),
            )),
        });
        let server = HttpServer::new(move || {
            App::new()
                .app_data(state.clone())
                .wrap(from_fn(web::guard))
                .wrap(web::error_pages())
                .wrap(NormalizePath::trim())
                .wrap(from_fn(web::security_headers))
                .configure(web::configure)
        })
        .shutdown_timeout(SHUTDOWN_TIMEOUT_SECS)
        .client_request_timeout(HEADERS_TIMEOUT)
        .client_disconnect_timeout(Duration::from_secs(1))
        .disable_signals()
        .listen(listener)
        .context("starting the HTTP server")?
        .run();
        Ok(Self {
            server,
            port: bound.port(),
            base_url,
            address,
            store,
            broadcasts,
        })
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The base of the links it hands out: `--base-url`, or `http://{ip}:{port}` of the
    /// bound address (the first LAN address when bound to every interface).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// When bound to every interface, the machine's addresses that phones can use.
    pub fn lan_links(&self) -> &[String] {
        self.address.lan_links()
    }

    /// Projector streams open now.
    pub fn live_screens(&self) -> usize {
        self.broadcasts.live_streams()
    }

    /// A handle on the projector broadcasters, to count open streams after `run`.
    pub fn broadcasts(&self) -> Arc<Broadcasts> {
        Arc::clone(&self.broadcasts)
    }

    /// A handle that stops the server (`stop(false)`: at once, open connections
    /// dropped), for a program that embeds it or a test of what screens do when the server
    /// goes away.
    pub fn server_handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
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
