//! The organiser's pages and the plenary screen (issue #14): the console under
//! `/o/{key}` (every workshop of the event, live; the facilitators' links re-issued; a
//! workshop added; posters and the links sheet; the plenary's step) and the public
//! plenary `/e/{code}/plenary` with its stream. A wrong organiser key is a plain 404:
//! the [`OrganiserEvent`] extractor finds the event by the hash of its key before any
//! handler runs.

pub mod console;
pub mod plenary;
pub mod print;
pub mod proceedings;
pub mod rows;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::future::LocalBoxFuture;

use super::errors::AppError;
use super::{AppState, get, resource};
use crate::domain::event::Event;

/// The event of the organiser key in the request's path (`/o/{key}/…`); a key that is
/// not a token or matches no event is a plain 404.
pub struct OrganiserEvent {
    /// The key as typed in the link (only its hash is stored).
    pub key: String,
    /// The event, as read now.
    pub event: Event,
}

impl FromRequest for OrganiserEvent {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let key = req.match_info().get("key").unwrap_or("").to_string();
        let state = req.app_data::<web::Data<AppState>>().cloned();
        Box::pin(async move {
            let state = state.ok_or_else(|| AppError::Internal("no application state".into()))?;
            let event = state
                .store
                .event_by_organiser_key(&key)
                .await?
                .ok_or(AppError::NotFound)?;
            Ok(Self { key, event })
        })
    }
}

/// The organiser's and the plenary's routes (README, "Routes").
pub fn routes(cfg: &mut web::ServiceConfig) {
    for (path, route) in [
        ("/o/{key}", get().to(console::page)),
        ("/o/{key}/workshops", get().to(console::workshops)),
        (
            "/o/{key}/workshops/{id}/reissue",
            web::post().to(console::reissue),
        ),
        ("/o/{key}/plenary", web::post().to(plenary::step)),
        ("/o/{key}/posters", get().to(print::posters)),
        ("/o/{key}/links", get().to(print::links)),
        ("/o/{key}/export/{file}", get().to(proceedings::download)),
        ("/e/{code}/plenary", get().to(plenary::page)),
        ("/e/{code}/plenary/events", get().to(plenary::events)),
    ] {
        cfg.service(resource(path, vec![route]));
    }
    cfg.service(
        resource("/o/{key}/workshops/new", vec![web::post().to(console::add)])
            .app_data(web::PayloadConfig::new(console::MAX_PASTED_FORM_BYTES)),
    );
}
