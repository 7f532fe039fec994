//! Our own static files, compiled into the binary so that it runs from any directory:
//! the style sheet and the small scripts (no third-party JavaScript or CSS), served with
//! an hour's cache. Every page works without the scripts. The facilitator console's
//! script is served by [`super::facilitator::console`].

use actix_web::http::header;
use actix_web::{HttpResponse, web};

use super::{get, resource};

/// `(path, content type, body)` of each file.
const FILES: [(&str, &str, &str); 4] = [
    (
        "/static/style.css",
        "text/css; charset=utf-8",
        include_str!("../../static/style.css"),
    ),
    // The projector's and the plenary's: swaps in each streamed panel.
    (
        "/static/screen.js",
        "text/javascript; charset=utf-8",
        include_str!("../../static/screen.js"),
    ),
    // The phone page's running dot count, focus on a refused form's message and live
    // results.
    (
        "/static/phone.js",
        "text/javascript; charset=utf-8",
        include_str!("../../static/phone.js"),
    ),
    // The organiser's console: its workshops' table refreshed (issue #14).
    (
        "/static/organiser.js",
        "text/javascript; charset=utf-8",
        include_str!("../../static/organiser.js"),
    ),
];

/// The routes of [`FILES`] (README, "Routes"), each cached an hour by browsers.
pub(super) fn routes(cfg: &mut web::ServiceConfig) {
    for (path, content_type, body) in FILES {
        cfg.service(resource(
            path,
            vec![get().to(move || async move {
                HttpResponse::Ok()
                    .content_type(content_type)
                    .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
                    .body(body)
            })],
        ));
    }
}
