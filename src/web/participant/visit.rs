//! Who is asking: the workshop of the join code in the path and the phone, known by its
//! participant cookie (a new one is handed out with the page). A phone becomes a
//! participant (`P1`, `P2`…) with its first submission.

use actix_web::cookie::{Cookie, SameSite, time::Duration};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use super::{PARTICIPANT_COOKIE, see_other};
use crate::domain::join_code::JoinCode;
use crate::domain::secret;
use crate::domain::workshop::Workshop;
use crate::i18n::Tr;
use crate::store::{OwnEntries, Phone, RoomFinding};
use crate::web::errors::AppError;
use crate::web::{AppState, request};

/// What the request knows of the workshop and the phone.
pub(super) struct Visit {
    pub(super) tr: Tr,
    pub(super) workshop: Workshop,
    /// The participant cookie's token (new when the phone had none).
    token: String,
    new_token: bool,
}

/// What a phone's page shows besides the workshop: loaded only when a page is rendered
/// (a successful POST answers `303` without it).
pub(super) struct Details {
    pub(super) own: OwnEntries,
    /// Other phones' findings, to support.
    pub(super) room: Vec<RoomFinding>,
    /// What the projector shows now, when the facilitator reveals results.
    pub(super) results: Option<String>,
}

impl Visit {
    /// The workshop of `code` (a 404 page naming the code when there is none) and the
    /// phone's cookie; the page's language falls back to the workshop's.
    pub(super) async fn load(
        req: &HttpRequest,
        state: &AppState,
        code: &str,
    ) -> Result<Self, AppError> {
        let unknown = || AppError::UnknownWorkshop {
            code: code.chars().take(30).collect(),
        };
        let code = JoinCode::parse(code).map_err(|_| unknown())?;
        let existing = req
            .cookie(PARTICIPANT_COOKIE)
            .map(|c| c.value().to_string())
            .filter(|t| secret::is_token(t));
        let new_token = existing.is_none();
        let token = existing.unwrap_or_else(secret::new_token);
        let id = state
            .tallies
            .workshop_id(&code)
            .await?
            .ok_or_else(unknown)?;
        let workshop = state.tallies.workshop(id).await?.ok_or_else(unknown)?;
        let workshop = (*workshop).clone();
        request::set_workshop_language(req, workshop.language);
        Ok(Self {
            tr: request::tr(req),
            workshop,
            token,
            new_token,
        })
    }

    /// The phone, as the store knows it.
    pub(super) fn phone(&self) -> Phone {
        Phone {
            workshop_id: self.workshop.id,
            token_hash: secret::hash_token(&self.token),
        }
    }

    /// The phone's own entries, the room's findings and the revealed results.
    pub(super) async fn details(
        &self,
        req: &HttpRequest,
        state: &AppState,
    ) -> Result<Details, AppError> {
        let id = self.workshop.id;
        // A phone without a cookie has sent nothing.
        let phone = (!self.new_token).then(|| self.phone());
        let (own, room) = state.store.phone_page(id, phone).await?;
        let results = if self.workshop.results_hidden {
            None
        } else {
            state
                .broadcasts
                .revealed(
                    id,
                    &state.base(req),
                    request::query_param(req, "sent").is_some(),
                )
                .await
                .ok()
                .flatten()
                .map(|html| html.to_string())
        };
        Ok(Details { own, room, results })
    }

    /// The response with the participant cookie when the phone had none.
    pub(super) fn respond(&self, req: &HttpRequest, mut response: HttpResponse) -> HttpResponse {
        if self.new_token {
            let cookie = Cookie::build(PARTICIPANT_COOKIE, self.token.clone())
                .path("/")
                .http_only(true)
                .same_site(SameSite::Lax)
                .secure(req.connection_info().scheme() == "https")
                .max_age(Duration::days(30))
                .finish();
            let _ = response.add_cookie(&cookie);
        }
        response
    }

    /// The `303` back to the page. Its `X-Atelier-Version` header gives the workshop's
    /// live version once the submission is committed: the projector event with that id or
    /// a later one includes it (the load benchmark measures submit-to-projector with it).
    pub(super) fn after_post(&self, req: &HttpRequest, query: &str) -> HttpResponse {
        let code = &self.workshop.join_code;
        let mut response = see_other(&format!("/w/{code}?{query}"));
        if let Some(state) = req.app_data::<web::Data<AppState>>() {
            let version = state.store.hub.version(self.workshop.id.get());
            if let Ok(value) = header::HeaderValue::from_str(&version.to_string()) {
                response
                    .headers_mut()
                    .insert(header::HeaderName::from_static("x-atelier-version"), value);
            }
        }
        self.respond(req, response)
    }
}
