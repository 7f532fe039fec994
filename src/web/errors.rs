//! Runtime errors of the web layer and the page or status each one gives (one table, in
//! [`AppError::status_code`]). No input gives a 500 by itself: a 500 means the database
//! or a template failed, and its cause goes to the log, not to the page.

use actix_web::http::StatusCode;
use actix_web::http::header::ContentType;
use actix_web::{HttpResponse, ResponseError};
use askama::Template;

use crate::i18n::Tr;
use crate::store::StoreError;

/// An error a handler returns.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// A plain 404 with no detail: a wrong facilitator key, an unknown route.
    #[error("not found")]
    NotFound,
    /// No workshop has this join code: a French (or English) 404 page.
    #[error("no workshop has the join code {code}")]
    UnknownWorkshop { code: String, tr: Tr },
    /// A POST whose `Origin` is not ours: 403.
    #[error("cross-site POST refused")]
    CrossSite { tr: Tr },
    /// A form that our pages cannot produce: 400.
    #[error("malformed form")]
    Malformed { tr: Tr },
    /// The store or a template failed: 500, logged.
    #[error("internal error: {message}")]
    Internal { message: String, tr: Tr },
}

/// A titled message page: error pages and simple notices.
#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage {
    pub tr: Tr,
    pub heading: String,
    pub body: String,
}

impl AppError {
    /// A 500 for `cause`, to be logged.
    pub fn internal(tr: Tr, cause: impl std::fmt::Display) -> Self {
        Self::Internal {
            message: cause.to_string(),
            tr,
        }
    }

    fn page(&self) -> Option<(Tr, String, String)> {
        let (tr, title, body) = match self {
            Self::NotFound => return None,
            Self::UnknownWorkshop { code, tr } => (
                *tr,
                tr.t("error-unknown-workshop-title"),
                tr.s("error-unknown-workshop-body", "code", code),
            ),
            Self::CrossSite { tr } => (
                *tr,
                tr.t("error-cross-site-title"),
                tr.t("error-cross-site-body"),
            ),
            Self::Malformed { tr } => (
                *tr,
                tr.t("error-malformed-title"),
                tr.t("error-malformed-body"),
            ),
            Self::Internal { tr, .. } => {
                (*tr, tr.t("error-server-title"), tr.t("error-server-body"))
            }
        };
        Some((tr, title, body))
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::NotFound | Self::UnknownWorkshop { .. } => StatusCode::NOT_FOUND,
            Self::CrossSite { .. } => StatusCode::FORBIDDEN,
            Self::Malformed { .. } => StatusCode::BAD_REQUEST,
            Self::Internal { .. } => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let Self::Internal { message, .. } = self {
            tracing::error!(%message, "request failed");
        }
        let mut response = HttpResponse::build(self.status_code());
        let Some((tr, heading, body)) = self.page() else {
            return response.content_type(ContentType::plaintext()).body("404");
        };
        let html = MessagePage {
            tr,
            heading: heading.clone(),
            body: body.clone(),
        }
        .render()
        .unwrap_or_else(|_| format!("<h1>{heading}</h1><p>{body}</p>"));
        response.content_type(ContentType::html()).body(html)
    }
}

/// Turns store and template errors into a 500 in the page's language.
pub trait OrInternal<T> {
    /// See the trait.
    ///
    /// # Errors
    /// [`AppError::Internal`] carrying the cause.
    fn or_500(self, tr: Tr) -> Result<T, AppError>;
}

impl<T> OrInternal<T> for Result<T, StoreError> {
    fn or_500(self, tr: Tr) -> Result<T, AppError> {
        self.map_err(|e| AppError::internal(tr, e))
    }
}

impl<T> OrInternal<T> for Result<T, askama::Error> {
    fn or_500(self, tr: Tr) -> Result<T, AppError> {
        self.map_err(|e| AppError::internal(tr, e))
    }
}
