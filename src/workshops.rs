//! Creating workshops (import file, `/new` form, `--demo`) and events (event file), and
//! the links they hand out.

use serde::Serialize;

use crate::domain::secret;
use crate::domain::workshop_draft::NewWorkshop;
use crate::store::{Store, StoreError};

/// The fixture workshop, embedded in the binary for `serve --demo`.
pub const DEMO_WORKSHOP: &str = include_str!("../tests/fixtures/solidarites-sociales.toml");

/// The links of a workshop, as `atelier import` prints them (one JSON object).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Links {
    /// The workshop's join code.
    pub join_code: String,
    /// `{base}/w/{code}`: the participants' page.
    pub participant_url: String,
    /// `{base}/w/{code}/screen`: the projector.
    pub projector_url: String,
    /// `{base}/f/{key}`: the facilitator's dashboard; the key is shown only here.
    pub facilitator_url: String,
    /// The workshop's room as the file named it; `null` when it named none (issue #14).
    pub room: Option<String>,
}

impl Links {
    /// The links under `base` (such as `http://127.0.0.1:8080`, no trailing slash needed).
    pub fn new(base: &str, join_code: &str, facilitator_key: &str) -> Self {
        let base = base.trim_end_matches('/');
        Self {
            join_code: join_code.to_string(),
            participant_url: format!("{base}/w/{join_code}"),
            projector_url: format!("{base}/w/{join_code}/screen"),
            facilitator_url: format!("{base}/f/{facilitator_key}"),
            room: None,
        }
    }

    /// The same links naming the workshop's `room`.
    #[must_use]
    pub fn with_room(self, room: Option<String>) -> Self {
        Self { room, ..self }
    }
}

/// The links of an event, as `atelier import` prints them for an event file (one JSON
/// object; issue #14).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventLinks {
    /// The event's code.
    pub event_code: String,
    /// `{base}/o/{key}`: the organiser's console; the key is shown only here.
    pub event_url: String,
    /// `{base}/e/{code}/plenary`: the plenary screen, public like a projector.
    pub plenary_url: String,
    /// Each workshop's links, in file order.
    pub workshops: Vec<Links>,
}

impl EventLinks {
    /// The links of `created` under `base`.
    pub fn new(base: &str, created: &CreatedEvent) -> Self {
        let root = base.trim_end_matches('/');
        Self {
            event_code: created.code.clone(),
            event_url: format!("{root}/o/{}", created.organiser_key),
            plenary_url: format!("{root}/e/{}/plenary", created.code),
            workshops: created
                .workshops
                .iter()
                .map(|w| {
                    Links::new(base, &w.join_code, &w.facilitator_key).with_room(w.room.clone())
                })
                .collect(),
        }
    }
}

pub use crate::store::{Created, CreatedEvent};

/// Creates `workshop` through the writer.
///
/// # Errors
/// [`crate::domain::refusal::Refusal::JoinCodeTaken`] inside [`StoreError::Refused`];
/// store errors.
pub async fn create(store: &Store, workshop: NewWorkshop) -> Result<Created, StoreError> {
    store.create_workshop(workshop).await
}

/// [`create`] outside an async runtime (the command line).
///
/// # Errors
/// As [`create`].
pub fn create_blocking(store: &Store, workshop: NewWorkshop) -> Result<Created, StoreError> {
    store.create_workshop_blocking(workshop)
}

/// Makes sure the demo workshop exists and returns its title and links under `base`.
/// When an earlier run created it, its facilitator key cannot be read back (only its hash
/// is stored), so a new key replaces it and the new link is returned. A workshop of the
/// user's that took the demo's join code is left alone: the demo then gets another code.
///
/// # Errors
/// Store errors.
pub fn ensure_demo(store: &Store, base: &str) -> Result<(String, Links), StoreError> {
    let demo = crate::domain::workshop_file::parse(DEMO_WORKSHOP)
        .map_err(|e| StoreError::Io(format!("the embedded demo workshop is invalid: {e:?}")))?;
    let title = demo.title.clone();
    let key = store.shard().generate_key();
    let join_code = store.ensure_demo_blocking(demo, secret::hash_token(&key))?;
    Ok((title, Links::new(base, &join_code, &key)))
}
