//! The script and style files compiled into the binary (it runs from any directory),
//! served with an hour's cache. The console's script is served by
//! [`super::facilitator::console`].

use actix_web::http::header;
use actix_web::{HttpResponse, web};

use super::{get, resource};

/// `GET /static/phone.js`, `/static/style.css` and `/static/screen.js` (README, "Routes").
pub(super) fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/static/phone.js", vec![get().to(phone_script)]))
        .service(resource("/static/style.css", vec![get().to(stylesheet)]))
        .service(resource("/static/screen.js", vec![get().to(script)]));
}

/// `static/screen.js`: the projector's live updates (the page works without it).
async fn script() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(include_str!("../../static/screen.js"))
}

/// `static/phone.js`: the phone page's running dot count, focus on a refused form's
/// message and live results (the page works without it).
async fn phone_script() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(include_str!("../../static/phone.js"))
}

/// `static/style.css`: every page's style sheet.
async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(include_str!("../../static/style.css"))
}
