//! What the organiser prints: `GET /o/{key}/posters`, one A4 poster per workshop (the
//! event, the workshop's title, its join code, the participants' address and a big QR
//! code, the `qr.svg` image of the projector), and `GET /o/{key}/links`, one sheet of
//! every participant and projector link. Neither holds a facilitator or organiser key:
//! those are never printed (DESIGN.md, "Rules that hold everywhere").

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::OrganiserEvent;
use super::rows::{WorkshopRow, rows};
use crate::i18n::Tr;
use crate::web::errors::AppError;
use crate::web::{AppState, html, request};

/// The posters, one page each.
#[derive(Template)]
#[template(path = "organiser/posters.html")]
pub struct PostersPage<'a> {
    pub tr: Tr,
    pub event_title: &'a str,
    /// `{base}` without its trailing slash.
    pub base: String,
    /// The same without its scheme, as people type it.
    pub site: String,
    pub rows: Vec<WorkshopRow>,
}

/// The sheet of links.
#[derive(Template)]
#[template(path = "organiser/links.html")]
pub struct LinksPage<'a> {
    pub tr: Tr,
    pub event_title: &'a str,
    pub base: String,
    pub plenary_url: String,
    pub rows: Vec<WorkshopRow>,
}

fn base(state: &AppState) -> String {
    state.base().trim_end_matches('/').to_string()
}

/// `GET /o/{key}/posters`.
///
/// # Errors
/// 404 for a wrong key; store and template errors.
pub async fn posters(
    req: HttpRequest,
    state: web::Data<AppState>,
    organiser: OrganiserEvent,
) -> Result<HttpResponse, AppError> {
    let tr = request::tr(&req);
    let (rows, _) = rows(&state, &organiser.event, 0, tr).await?;
    let base = base(&state);
    let site = base
        .split_once("://")
        .map_or(base.as_str(), |(_, s)| s)
        .to_string();
    let page = PostersPage {
        tr,
        event_title: &organiser.event.title,
        base,
        site,
        rows,
    };
    Ok(html(StatusCode::OK, page.render()?))
}

/// `GET /o/{key}/links`.
///
/// # Errors
/// As [`posters`].
pub async fn links(
    req: HttpRequest,
    state: web::Data<AppState>,
    organiser: OrganiserEvent,
) -> Result<HttpResponse, AppError> {
    let tr = request::tr(&req);
    let (rows, _) = rows(&state, &organiser.event, 0, tr).await?;
    let base = base(&state);
    let page = LinksPage {
        tr,
        event_title: &organiser.event.title,
        plenary_url: format!("{base}/e/{}/plenary", organiser.event.code),
        base,
        rows,
    };
    Ok(html(StatusCode::OK, page.render()?))
}
