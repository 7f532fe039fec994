//! Who is asking: the workshop of the join code in the path and the phone, known by its
//! participant cookie. The cookie is handed out with the page, signed by the server
//! ([`crate::domain::identity`]); a request without one, or with one the server did not
//! sign, gets a new one and may not submit until it comes back with it. A phone becomes
//! a participant (`P1`, `P2`…) with its first submission, while the workshop has room.

use actix_web::cookie::{Cookie, SameSite, time::Duration};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use super::{PARTICIPANT_COOKIE, see_other};
use crate::domain::join_code::JoinCode;
use crate::domain::refusal::Refusal;
use crate::domain::secret;
use crate::domain::workshop::Workshop;
use crate::i18n::Tr;
use crate::store::{OwnEntries, Phone, RoomFindings, RoomSlice};
use crate::web::errors::AppError;
use crate::web::request::FormFields;
use crate::web::{AppState, request};

/// What the request knows of the workshop and the phone.
pub(super) struct Visit {
    pub(super) tr: Tr,
    pub(super) workshop: Workshop,
    /// The phone's token (inside its signed cookie).
    token: String,
    /// The cookie handed out with this response, when the request had none of ours.
    issued: Option<String>,
}

/// What a phone's page shows besides the workshop: loaded only when a page is rendered
/// (a successful POST answers `303` without it).
pub(super) struct Details {
    pub(super) own: OwnEntries,
    /// Other phones' findings, to support, folded ([`RoomSlice`]).
    pub(super) room: RoomFindings,
    /// The page of the room's findings asked for (`?room=`, from 1), `None` when none was.
    pub(super) room_page: Option<i64>,
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
            code: crate::domain::text::shorten(code, 30).into_owned(),
        };
        let code = JoinCode::parse(code).map_err(|_| unknown())?;
        let key = &state.store.phone_key;
        let existing = req
            .cookie(PARTICIPANT_COOKIE)
            .and_then(|c| key.phone_token(c.value()).map(str::to_string));
        let (token, issued) = match existing {
            Some(token) => (token, None),
            None => {
                let (token, cookie) = key.issue_cookie();
                (token, Some(cookie))
            }
        };
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
            issued,
        })
    }

    /// Whether the request came without a cookie of ours: the phone may not submit yet
    /// (a script posting without the page's cookie creates nothing).
    pub(super) fn is_new(&self) -> bool {
        self.issued.is_some()
    }

    /// A one-time form token for this phone.
    pub(super) fn form_token(&self, state: &AppState) -> String {
        state.store.phone_key.form_token(&self.token)
    }

    /// The form's one-time token, if it has one.
    ///
    /// # Errors
    /// [`Refusal::UnknownPhone`] for a token issued to another phone (or forged).
    pub(super) fn sent_form_token(
        &self,
        state: &AppState,
        form: &FormFields,
    ) -> Result<Option<String>, Refusal> {
        match form.get("form_token") {
            None => Ok(None),
            Some(token) if state.store.phone_key.form_token_is_for(token, &self.token) => {
                Ok(Some(token.to_string()))
            }
            Some(_) => Err(Refusal::UnknownPhone),
        }
    }

    /// The phone, as the store knows it.
    pub(super) fn phone(&self) -> Phone {
        Phone {
            workshop_id: self.workshop.id,
            token_hash: secret::hash_token(&self.token),
            may_join: !self.is_new(),
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
        let phone = (!self.is_new()).then(|| self.phone());
        let room_page = request::query_param(req, "room")
            .and_then(|n| n.parse::<i64>().ok())
            .map(|n| n.clamp(1, super::page::MAX_ROOM_PAGE));
        let slice = RoomSlice {
            top: super::page::ROOM_TOP,
            offset: (room_page.unwrap_or(1) - 1) * super::page::ROOM_PAGE_SIZE,
            page_size: super::page::ROOM_PAGE_SIZE,
        };
        let (own, room) = state.store.phone_page(id, phone, slice).await?;
        let results = if self.workshop.results_hidden {
            None
        } else {
            state
                .broadcasts
                .revealed(
                    id,
                    &state.base(),
                    request::query_param(req, "sent").is_some(),
                )
                .await
                .ok()
                .flatten()
                .map(|html| html.to_string())
        };
        Ok(Details {
            own,
            room,
            room_page,
            results,
        })
    }

    /// The response with the participant cookie when the phone had none.
    pub(super) fn respond(&self, req: &HttpRequest, mut response: HttpResponse) -> HttpResponse {
        if let Some(issued) = &self.issued {
            let cookie = Cookie::build(PARTICIPANT_COOKIE, issued.clone())
                .path("/")
                .http_only(true)
                .same_site(SameSite::Lax)
                .secure(
                    req.app_data::<actix_web::web::Data<AppState>>()
                        .is_some_and(|s| s.address.is_https()),
                )
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
