//! Runtime errors of the web layer and the status each one gives (one table, in
//! [`AppError::status_code`]). A handler returns `Err(…)` with `?` from store, template or
//! rule errors; the page a person reads is rendered once, in their language, by the
//! error-page middleware ([`super::error_pages`]), which knows the request. No input gives
//! a 500 by itself: a 500 means the database or a template failed, and its cause goes to
//! the log, not to the page.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use askama::Template;

use crate::domain::refusal::Refusal;
use crate::i18n::{Tr, refusal_message};
use crate::store::StoreError;

/// An error a handler returns.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// A plain 404 with no detail: a wrong facilitator key, an unknown route.
    #[error("not found")]
    NotFound,
    /// No workshop has this join code: a 404 page naming it (at most 30 characters).
    #[error("no workshop has the join code {code}")]
    UnknownWorkshop { code: String },
    /// A POST whose `Origin` is not ours: 403.
    #[error("cross-site POST refused")]
    CrossSite,
    /// A request for a host that is not ours (a forged `Host`, DNS rebinding): 421, with
    /// the address to use.
    #[error("request for another host")]
    ForeignHost { base: String },
    /// Too many projector streams open (per workshop or in all): 503 with `Retry-After`.
    #[error("too many projector streams")]
    Busy { retry_after_secs: u64 },
    /// Exports waited their turn too long (others were being built): 503 with
    /// `Retry-After`.
    #[error("too many exports at once")]
    ExportsBusy { retry_after_secs: u64 },
    /// Too many wrong admin passwords from one address: 429 with `Retry-After`.
    #[error("too many wrong passwords")]
    TooManyAttempts { retry_after_secs: u64 },
    /// `/new` without an admin password, asked from another machine than the server's:
    /// 403.
    #[error("creating workshops is open only on the server's own machine")]
    NotLocal,
    /// A form that our pages cannot produce: 400.
    #[error("malformed form")]
    Malformed,
    /// A rule's "no" where no form is shown again: the refusal's own status and message.
    #[error("{0}")]
    Refused(Refusal),
    /// The store or a template failed: 500, logged.
    #[error("internal error: {0}")]
    Internal(String),
}

/// A titled message page: error pages and simple notices.
#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage {
    pub tr: Tr,
    pub heading: String,
    pub body: String,
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Refused(refusal) => Self::Refused(refusal),
            other => Self::Internal(other.to_string()),
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(error: askama::Error) -> Self {
        Self::Internal(format!("template: {error}"))
    }
}

impl From<Refusal> for AppError {
    fn from(refusal: Refusal) -> Self {
        Self::Refused(refusal)
    }
}

impl AppError {
    /// The heading and text of its page in `tr`'s language (a 404 says only that the
    /// address leads nowhere: a wrong facilitator key learns nothing more). Always a page:
    /// every answer is valid HTML with a title, a language and a `main` (issue #12, item 4).
    pub fn page(&self, tr: Tr) -> Option<MessagePage> {
        let (heading, body) = match self {
            Self::NotFound => (tr.t("error-not-found-title"), tr.t("error-not-found-body")),
            Self::UnknownWorkshop { code } => (
                tr.t("error-unknown-workshop-title"),
                tr.s("error-unknown-workshop-body", "code", code),
            ),
            Self::CrossSite => (
                tr.t("error-cross-site-title"),
                tr.t("error-cross-site-body"),
            ),
            Self::Malformed => (tr.t("error-malformed-title"), tr.t("error-malformed-body")),
            Self::ForeignHost { base } => (
                tr.t("error-foreign-host-title"),
                tr.s("error-foreign-host-body", "url", base),
            ),
            Self::Busy { .. } => (tr.t("error-busy-title"), tr.t("error-busy-body")),
            Self::ExportsBusy { .. } => (
                tr.t("error-exports-busy-title"),
                tr.t("error-exports-busy-body"),
            ),
            Self::TooManyAttempts { retry_after_secs } => (
                tr.t("error-too-many-attempts-title"),
                tr.s(
                    "error-too-many-attempts-body",
                    "seconds",
                    &retry_after_secs.to_string(),
                ),
            ),
            Self::NotLocal => (tr.t("error-not-local-title"), tr.t("error-not-local-body")),
            Self::Refused(refusal @ Refusal::WorkshopFull { .. }) => (
                tr.t("error-workshop-full-title"),
                refusal_message(tr, refusal),
            ),
            Self::Refused(refusal) if refusal.status() == 404 => {
                (tr.t("error-not-found-title"), refusal_message(tr, refusal))
            }
            Self::Refused(refusal) => (tr.t("error-refused-title"), refusal_message(tr, refusal)),
            Self::Internal(_) => (tr.t("error-server-title"), tr.t("error-server-body")),
        };
        Some(MessagePage { tr, heading, body })
    }
}

/// The status a refusal answers with (see [`Refusal::status`]).
pub fn refusal_status(refusal: &Refusal) -> StatusCode {
    StatusCode::from_u16(refusal.status()).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY)
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::NotFound | Self::UnknownWorkshop { .. } => StatusCode::NOT_FOUND,
            Self::CrossSite | Self::NotLocal => StatusCode::FORBIDDEN,
            Self::ForeignHost { .. } => StatusCode::MISDIRECTED_REQUEST,
            Self::Busy { .. } | Self::ExportsBusy { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::TooManyAttempts { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Malformed => StatusCode::BAD_REQUEST,
            Self::Refused(refusal) => refusal_status(refusal),
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The bare response; [`super::error_pages`] replaces its body with the page in the
    /// request's language.
    fn error_response(&self) -> HttpResponse {
        if let Self::Internal(message) = self {
            tracing::error!(%message, "request failed");
        }
        let mut response = HttpResponse::build(self.status_code());
        if let Self::Busy { retry_after_secs }
        | Self::ExportsBusy { retry_after_secs }
        | Self::TooManyAttempts { retry_after_secs } = self
        {
            response.insert_header((
                actix_web::http::header::RETRY_AFTER,
                retry_after_secs.to_string(),
            ));
        }
        response
            .content_type("text/plain; charset=utf-8")
            .body(self.status_code().as_u16().to_string())
    }
}
