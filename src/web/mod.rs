//! The HTTP side: one module per audience (ARCHITECTURE.md, "Layers"). Handlers are thin: parse,
//! call `domain` and `store`, render a template from `templates/`.

pub mod address;
pub mod admin;
mod assets;
pub mod attempts;
pub mod download;
pub mod errors;
pub mod event;
pub mod export;
pub mod facilitator;
pub mod participant;
pub mod request;
pub mod screen;
pub mod share;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::cookie::{Cookie, SameSite, time::Duration};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, StatusCode, header};
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers, Next};
use actix_web::{HttpMessage, HttpRequest, HttpResponse, Resource, Route, guard, web};

use crate::domain::language::Language;
use crate::i18n::LANG_COOKIE;
use crate::store::Store;
use errors::AppError;

/// Largest form body accepted, in bytes (a finding is at most 1,000 characters).
pub const MAX_FORM_BYTES: usize = 64 * 1024;

/// What every handler shares.
pub struct AppState {
    /// The database.
    pub store: Store,
    /// The public address: the base of every link, the hosts and origins we answer.
    pub address: address::PublicAddress,
    /// The password that guards `/new`, when set (`ATELIER_ADMIN_PASSWORD`).
    pub admin_password: Option<String>,
    /// Tallies per workshop, reloaded only when its live version moved.
    pub tallies: std::sync::Arc<crate::tallies::TalliesCache>,
    /// The projector broadcasters.
    pub broadcasts: std::sync::Arc<screen::Broadcasts>,
    /// The plenary screens' broadcasters (issue #14).
    pub plenaries: std::sync::Arc<event::plenary::Plenaries>,
    /// The facilitator consoles' live counts.
    pub consoles: std::sync::Arc<facilitator::console::Consoles>,
    /// How long a request body may take to arrive ([`crate::startup::BODY_TIMEOUT`]).
    pub body_timeout: std::time::Duration,
    /// Wrong admin passwords per source, to slow guessing.
    pub password_attempts: attempts::PasswordAttempts,
    /// Turns to build exports and the report page ([`export::exports_at_once`]); a
    /// download keeps its turn while it is made and sent.
    pub exports: std::sync::Arc<tokio::sync::Semaphore>,
}

impl AppState {
    /// The base of absolute links (see [`address::PublicAddress::base`]): from the
    /// configuration, never from a request.
    pub fn base(&self) -> String {
        self.address.base()
    }
}

/// An HTML response.
pub fn html(status: StatusCode, body: String) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body)
}

/// GET, and HEAD answered like GET without its body.
pub(crate) fn get() -> Route {
    web::route().guard(guard::Any(guard::Get()).or(guard::Head()))
}

/// A path answering `route`, and `405 Method Not Allowed` to other methods.
pub(crate) fn resource(path: &str, routes: Vec<Route>) -> Resource {
    routes
        .into_iter()
        .fold(web::resource(path), Resource::route)
        .default_service(web::to(method_not_allowed))
}

/// The synthesis workbench's and share link's routes (issue #13; README, "Routes").
fn synthesis_routes(cfg: &mut web::ServiceConfig) {
    use facilitator::{statements as st, synthesis};
    use web::post;
    for (path, route) in [
        ("synthesis", get().to(synthesis::page)),
        ("synthesis/suggestions.json", get().to(st::suggestions)),
        ("synthesis/statements", post().to(st::add)),
        ("synthesis/statements/{id}", post().to(st::edit)),
        ("synthesis/statements/{id}/{action}", post().to(st::act)),
        ("synthesis/link", post().to(st::link)),
        ("synthesis/session", post().to(st::set_session)),
        ("share", post().to(share::create)),
        ("share/revoke", post().to(share::revoke)),
    ] {
        cfg.service(resource(&format!("/f/{{key}}/{path}"), vec![route]));
    }
    cfg.service(resource("/r/{key}", vec![get().to(share::report)]));
}

/// The routes (README, "Routes").
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.app_data(web::PayloadConfig::new(MAX_FORM_BYTES))
        .service(resource("/", vec![get().to(participant::home)]))
        .service(resource("/join", vec![get().to(participant::join)]))
        .configure(assets::routes)
        .configure(facilitator::console::routes)
        .configure(event::routes)
        .service(resource(
            "/new",
            vec![get().to(admin::new_form), web::post().to(admin::create)],
        ))
        .service(resource("/w/{code}", vec![get().to(participant::workshop)]))
        .service(resource("/w/{code}/screen", vec![get().to(screen::page)]))
        .service(resource(
            "/w/{code}/results",
            vec![get().to(participant::results)],
        ))
        .service(resource(
            "/w/{code}/qr.svg",
            vec![get().to(screen::qr_image)],
        ))
        .service(resource(
            "/w/{code}/screen/events",
            vec![get().to(screen::events)],
        ))
        .service(resource(
            "/w/{code}/keywords",
            vec![
                web::post().to(participant::post_keywords),
                get().to(participant::back_to_workshop),
            ],
        ))
        .service(resource(
            "/w/{code}/findings",
            vec![
                web::post().to(participant::post_finding),
                get().to(participant::back_to_workshop),
            ],
        ))
        .service(resource(
            "/w/{code}/votes",
            vec![
                web::post().to(participant::post_votes),
                get().to(participant::back_to_workshop),
            ],
        ))
        .service(resource(
            "/w/{code}/recommendations",
            vec![
                web::post().to(participant::post_proposal),
                get().to(participant::back_to_workshop),
            ],
        ))
        .service(resource(
            "/w/{code}/code",
            vec![
                web::post().to(participant::post_vote_code),
                get().to(participant::back_to_workshop),
            ],
        ))
        .service(resource(
            "/w/{code}/findings/{id}/support",
            vec![web::post().to(participant::post_support)],
        ))
        .service(resource(
            "/f/{key}",
            vec![get().to(facilitator::dashboard::dashboard)],
        ))
        .service(resource(
            "/f/{key}/summary",
            vec![get().to(facilitator::summary::summary)],
        ))
        .service(resource("/f/{key}/report", vec![get().to(export::report)]))
        .service(resource(
            "/f/{key}/report/synthesis",
            vec![web::post().to(facilitator::moderation::set_synthesis)],
        ))
        .configure(synthesis_routes)
        .service(resource(
            "/f/{key}/close",
            vec![web::post().to(facilitator::moderation::close)],
        ))
        .service(resource(
            "/f/{key}/keywords/{action}",
            vec![web::post().to(facilitator::keywords::correct)],
        ))
        .service(resource(
            "/f/{key}/proposals",
            vec![web::post().to(facilitator::moderation::set_proposals)],
        ))
        .service(resource(
            "/f/{key}/proposals/{id}/{decision}",
            vec![web::post().to(facilitator::moderation::decide)],
        ))
        .service(resource(
            "/f/{key}/screen",
            vec![web::post().to(facilitator::moderation::set_panel)],
        ))
        .service(resource(
            "/f/{key}/activities",
            vec![web::post().to(facilitator::moderation::set_activity)],
        ))
        .service(resource(
            "/f/{key}/results",
            vec![web::post().to(facilitator::moderation::set_results)],
        ))
        .service(resource(
            "/f/{key}/codes",
            vec![
                web::post().to(facilitator::vote_codes::generate),
                get().to(facilitator::vote_codes::back),
            ],
        ))
        .service(resource(
            "/f/{key}/codes/required",
            vec![web::post().to(facilitator::vote_codes::set_required)],
        ))
        .service(resource(
            "/f/{key}/entries/{kind}/{id}/{action}",
            vec![web::post().to(facilitator::moderation::set_entry)],
        ))
        .service(resource(
            "/f/{key}/capacity",
            vec![web::post().to(facilitator::participants::set_capacity)],
        ))
        .service(resource(
            "/f/{key}/participants",
            vec![get().to(facilitator::participants::list)],
        ))
        .service(resource(
            "/f/{key}/participants/{participant}/{action}",
            vec![web::post().to(facilitator::participants::set_hidden)],
        ))
        .service(resource(
            "/f/{key}/export/{file}",
            vec![get().to(export::download)],
        ))
        .default_service(web::to(not_found));
}

async fn method_not_allowed(req: HttpRequest) -> HttpResponse {
    let tr = request::tr(&req);
    let page = errors::MessagePage {
        tr,
        heading: tr.t("error-method-title"),
        body: tr.t("error-method-body"),
    };
    html(
        StatusCode::METHOD_NOT_ALLOWED,
        askama::Template::render(&page).unwrap_or_default(),
    )
}

async fn not_found() -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}

/// Middleware for every request: refuses a request for another host (421) and a
/// cross-site POST (403) before any handler runs, and remembers a language chosen with
/// `?lang=` in a cookie.
pub async fn guard(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let mut secure = false;
    if let Some(state) = req.app_data::<web::Data<AppState>>() {
        let host = match req.headers().get(header::HOST) {
            None => Some(None),
            Some(value) => value.to_str().ok().map(Some),
        };
        if !host.is_some_and(|h| state.address.accepts_host(h)) {
            let error = AppError::ForeignHost { base: state.base() };
            return Ok(req.error_response(error).map_into_right_body());
        }
        if req.method() == Method::POST && request::is_cross_site(req.request(), &state.address) {
            // A response carrying the error, so that the error-page middleware renders it.
            return Ok(req
                .error_response(AppError::CrossSite)
                .map_into_right_body());
        }
        secure = state.address.is_https();
        if req.method() == Method::POST {
            let deadline = tokio::time::Instant::now() + state.body_timeout;
            let payload = req.take_payload();
            req.set_payload(body_with_deadline(payload, deadline));
        }
    }
    let chosen = request::query_param(req.request(), "lang").and_then(|l| Language::from_code(&l));
    let mut response = next.call(req).await?;
    if let Some(lang) = chosen {
        let cookie = Cookie::build(LANG_COOKIE, lang.code())
            .path("/")
            .same_site(SameSite::Lax)
            .secure(secure)
            .max_age(Duration::days(365))
            .finish();
        let _ = response.response_mut().add_cookie(&cookie);
    }
    Ok(response.map_into_left_body())
}

/// `payload`, failing with a time-out error once `deadline` passes before it ends: a
/// request whose body never finishes fails (and its connection closes) instead of holding
/// a descriptor for ever.
fn body_with_deadline(
    payload: actix_web::dev::Payload,
    deadline: tokio::time::Instant,
) -> actix_web::dev::Payload {
    use futures_util::StreamExt;
    let stream = futures_util::stream::unfold(Some(payload), move |payload| async move {
        let mut payload = payload?;
        match tokio::time::timeout_at(deadline, payload.next()).await {
            Ok(Some(chunk)) => Some((chunk, Some(payload))),
            Ok(None) => None,
            Err(_) => Some((
                Err(actix_web::error::PayloadError::Io(std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    "the request body did not arrive in time",
                ))),
                None,
            )),
        }
    });
    let boxed: std::pin::Pin<
        Box<dyn futures_util::Stream<Item = Result<bytes::Bytes, actix_web::error::PayloadError>>>,
    > = Box::pin(stream);
    actix_web::dev::Payload::from(boxed)
}

/// The Content-Security-Policy of every page: scripts and styles only from the server
/// (styles also inline: the projector's word sizes and bars), images from the server or
/// `data:`, forms posting only to the server, no plugins, no `<base>`.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; \
     base-uri 'none'; form-action 'self'";

/// Middleware, outermost: the security headers of every response, error pages included
/// (issue #11, item 7). Every page gets [`CONTENT_SECURITY_POLICY`],
/// `X-Content-Type-Options: nosniff` and `Referrer-Policy: same-origin` (a facilitator
/// link must never leave in a `Referer`; not `no-referrer`, under which browsers send
/// `Origin: null` on the site's own form POSTs and every form would be refused); every
/// page but the projector's is refused in frames (`frame-ancestors 'none'`,
/// `X-Frame-Options: DENY`). The projector, public and
/// without forms, may be framed (a slide deck showing it live).
pub async fn security_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let framable = is_projector_path(req.path());
    let mut response = next.call(req).await?;
    let headers = response.headers_mut();
    let policy = if framable {
        format!("{CONTENT_SECURITY_POLICY}; frame-ancestors *")
    } else {
        format!("{CONTENT_SECURITY_POLICY}; frame-ancestors 'none'")
    };
    if let Ok(policy) = header::HeaderValue::from_str(&policy) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    if !framable {
        headers.insert(
            header::X_FRAME_OPTIONS,
            header::HeaderValue::from_static("DENY"),
        );
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        header::HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        header::HeaderValue::from_static("same-origin"),
    );
    Ok(response)
}

/// Whether `path` is a projector page (`/w/{code}/screen`, trailing slash or not).
fn is_projector_path(path: &str) -> bool {
    let mut parts = path.trim_end_matches('/').split('/');
    matches!(
        (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next()
        ),
        (Some(""), Some("w"), Some(_), Some("screen"), None)
    )
}

/// Pages in the user's language: for a body over [`MAX_FORM_BYTES`] (413), raised before
/// a handler runs, and for every [`AppError`] a handler or the guard returns (the one
/// place errors are localised: the request gives the language).
pub fn error_pages<B: MessageBody + 'static>() -> ErrorHandlers<B> {
    ErrorHandlers::new()
        .handler(StatusCode::PAYLOAD_TOO_LARGE, |res: ServiceResponse<B>| {
            let tr = request::tr(res.request());
            let page = errors::MessagePage {
                tr,
                heading: tr.t("error-too-large-title"),
                body: tr.t("error-too-large-body"),
            };
            Ok(replace_body(res, StatusCode::PAYLOAD_TOO_LARGE, page))
        })
        .default_handler(|res: ServiceResponse<B>| {
            let page = res
                .response()
                .error()
                .and_then(|e| e.as_error::<AppError>())
                .and_then(|e| e.page(request::tr(res.request())));
            match page {
                Some(page) => {
                    let status = res.status();
                    Ok(replace_body(res, status, page))
                }
                None => Ok(ErrorHandlerResponse::Response(res.map_into_left_body())),
            }
        })
}

/// `res` with `page` as its body, `status` kept.
fn replace_body<B>(
    res: ServiceResponse<B>,
    status: StatusCode,
    page: errors::MessagePage,
) -> ErrorHandlerResponse<B> {
    let body = askama::Template::render(&page)
        .unwrap_or_else(|_| format!("<h1>{}</h1><p>{}</p>", page.heading, page.body));
    let retry_after = res.headers().get(header::RETRY_AFTER).cloned();
    let (req, _) = res.into_parts();
    let mut response = html(status, body);
    if let Some(retry_after) = retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, retry_after);
    }
    ErrorHandlerResponse::Response(ServiceResponse::new(req, response).map_into_right_body())
}
