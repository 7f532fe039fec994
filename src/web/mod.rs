//! The HTTP side: one module per audience (DESIGN.md, "web"). Handlers are thin: parse,
//! call `domain` and `store`, render a template from `templates/`.

pub mod admin;
pub mod errors;
pub mod export;
pub mod facilitator;
pub mod moderation;
pub mod participant;
pub mod request;
pub mod screen;

use actix_web::body::MessageBody;
use actix_web::cookie::{Cookie, SameSite, time::Duration};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, StatusCode, header};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::i18n::{LANG_COOKIE, Lang};
use crate::store::Store;
use errors::AppError;

/// Largest form body accepted, in bytes (a finding is at most 1,000 characters).
pub const MAX_FORM_BYTES: usize = 64 * 1024;

/// What every handler shares.
pub struct AppState {
    /// The database.
    pub store: Store,
    /// The public address, such as `https://atelier.example.org`, when set
    /// (`--base-url`); otherwise links use the request's own host.
    pub base_url: Option<String>,
    /// The password that guards `/new`, when set (`ATELIER_ADMIN_PASSWORD`).
    pub admin_password: Option<String>,
    /// Tallies per workshop, reloaded only when its live version moved.
    pub tallies: std::sync::Arc<crate::tallies::TalliesCache>,
    /// The projector broadcasters.
    pub broadcasts: std::sync::Arc<screen::Broadcasts>,
}

impl AppState {
    /// The base of absolute links: `--base-url`, or the scheme and host of `req`.
    pub fn base(&self, req: &HttpRequest) -> String {
        match &self.base_url {
            Some(base) => base.trim_end_matches('/').to_string(),
            None => {
                let info = req.connection_info();
                format!("{}://{}", info.scheme(), info.host())
            }
        }
    }
}

/// An HTML response.
pub fn html(status: StatusCode, body: String) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body)
}

/// The routes (README, "Routes").
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.app_data(web::PayloadConfig::new(MAX_FORM_BYTES))
        .route("/", web::get().to(participant::home))
        .route("/join", web::get().to(participant::join))
        .route("/static/style.css", web::get().to(stylesheet))
        .route("/new", web::get().to(admin::new_form))
        .route("/new", web::post().to(admin::create))
        .route("/w/{code}", web::get().to(participant::workshop))
        .route("/w/{code}/screen", web::get().to(screen::page))
        .route("/w/{code}/screen/events", web::get().to(screen::events))
        .route("/static/screen.js", web::get().to(script))
        .route(
            "/w/{code}/keywords",
            web::post().to(participant::post_keywords),
        )
        .route(
            "/w/{code}/findings",
            web::post().to(participant::post_finding),
        )
        .route("/w/{code}/votes", web::post().to(participant::post_votes))
        .route(
            "/w/{code}/findings/{id}/support",
            web::post().to(participant::post_support),
        )
        .route(
            "/w/{code}/recommendations",
            web::post().to(participant::post_proposal),
        )
        .route("/f/{key}", web::get().to(facilitator::dashboard))
        .route("/f/{key}/summary", web::get().to(facilitator::summary))
        .route(
            "/f/{key}/keywords/{action}",
            web::post().to(moderation::correct),
        )
        .route(
            "/f/{key}/proposals",
            web::post().to(moderation::set_proposals),
        )
        .route(
            "/f/{key}/proposals/{id}/{decision}",
            web::post().to(moderation::decide),
        )
        .route("/f/{key}/screen", web::post().to(moderation::set_panel))
        .route(
            "/f/{key}/activities",
            web::post().to(moderation::set_activity),
        )
        .route("/f/{key}/results", web::post().to(moderation::set_results))
        .route(
            "/f/{key}/entries/{kind}/{id}/{action}",
            web::post().to(moderation::set_entry),
        )
        .route("/f/{key}/export/{file}", web::get().to(export::download))
        .default_service(web::to(not_found));
}

async fn not_found() -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}

async fn script() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(include_str!("../../static/screen.js"))
}

async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(include_str!("../../static/style.css"))
}

/// Middleware for every request: refuses cross-site POSTs with a 403 before any handler
/// runs, and remembers a language chosen with `?lang=` in a cookie.
pub async fn guard(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let base_url = req
        .app_data::<web::Data<AppState>>()
        .and_then(|s| s.base_url.clone());
    if req.method() == Method::POST && request::is_cross_site(req.request(), base_url.as_deref()) {
        let tr = request::tr(req.request());
        return Err(AppError::CrossSite { tr }.into());
    }
    let chosen = request::query_param(req.request(), "lang").and_then(|l| Lang::from_code(&l));
    let mut response = next.call(req).await?;
    if let Some(lang) = chosen {
        let cookie = Cookie::build(LANG_COOKIE, lang.code())
            .path("/")
            .same_site(SameSite::Lax)
            .max_age(Duration::days(365))
            .finish();
        let _ = response.response_mut().add_cookie(&cookie);
    }
    Ok(response)
}
