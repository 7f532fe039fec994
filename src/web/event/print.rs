//! What the organiser prints: `GET /o/{key}/posters`, one A4 poster per workshop (the
//! event, the workshop's title and room, its join code, the participants' address and a
//! big QR code, the `qr.svg` image of the projector), each in its workshop's language
//! whatever the organiser's browser reads; and `GET /o/{key}/links`, one sheet of every
//! workshop's room, code, participant and projector links. Neither holds a facilitator
//! or organiser key: those are never printed (DESIGN.md, "Rules that hold everywhere");
//! both pages set no page margin, so that the browser has no room to print its header
//! and footer (the page's address, key included), and pad their sheets instead
//! (`static/style.css`, "Printables").

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::OrganiserEvent;
use super::rows::{WorkshopRow, rows};
use crate::i18n::Tr;
use crate::web::errors::AppError;
use crate::web::{AppState, html, request};

/// Characters of a workshop title up to which a poster prints it at full size; longer
/// titles (up to 300 characters) take a smaller size so that the poster keeps to one page
/// with its QR code at full size (`static/style.css`, `.poster-title`).
pub const POSTER_TITLE_FULL: usize = 70;
/// Past this, the title's smallest size.
pub const POSTER_TITLE_LONG: usize = 140;
/// Characters of an event title printed at full size on a poster.
pub const POSTER_EVENT_FULL: usize = 90;
/// Letters of a join code printed at full size; longer codes (up to 12) take smaller
/// sizes, so that twelve of the widest letter (W) fit the poster's width.
pub const POSTER_CODE_FULL: usize = 6;

/// One poster: a workshop, in its own language.
pub struct Poster {
    pub row: WorkshopRow,
    /// The catalogue in the workshop's language (the poster's `lang`).
    pub tr: Tr,
    /// The title's size: `""`, `"long"` or `"longer"` (by [`POSTER_TITLE_FULL`] and
    /// [`POSTER_TITLE_LONG`]).
    pub title_size: &'static str,
    /// The join code's size: `""` up to [`POSTER_CODE_FULL`] letters, then `"n7"`,
    /// `"n8"`, `"n10"` (9 or 10) or `"n12"` (11 or 12).
    pub code_size: &'static str,
    /// The participants' address without its scheme, cut where a line may break.
    pub address: Vec<String>,
}

/// The posters, one page each.
#[derive(Template)]
#[template(path = "organiser/posters.html")]
pub struct PostersPage<'a> {
    /// The organiser's catalogue: the page's title and its screen-only lead.
    pub tr: Tr,
    pub event_title: &'a str,
    /// Whether the event title takes the smaller size ([`POSTER_EVENT_FULL`]).
    pub long_event_title: bool,
    /// `{base}` without its trailing slash.
    pub base: String,
    pub posters: Vec<Poster>,
}

/// One line of the links sheet.
pub struct LinksRow {
    pub row: WorkshopRow,
    /// `{base}/w/{code}`, cut where a line may break.
    pub participant: Vec<String>,
    /// `{base}/w/{code}/screen`, cut likewise.
    pub projector: Vec<String>,
}

/// The sheet of links.
#[derive(Template)]
#[template(path = "organiser/links.html")]
pub struct LinksPage<'a> {
    pub tr: Tr,
    pub event_title: &'a str,
    pub plenary_url: Vec<String>,
    pub rows: Vec<LinksRow>,
}

fn base(state: &AppState) -> String {
    state.base().trim_end_matches('/').to_string()
}

/// Characters of an address's piece past which it may also break after its dots and
/// dashes ([`breakable`]).
pub const ADDRESS_PIECE_CHARS: usize = 20;

/// `address` cut where a printed line may break: after each `/` that is not followed by
/// another (so `https://` stays whole), and inside a piece longer than
/// [`ADDRESS_PIECE_CHARS`] (a long host name) after its dots and dashes too. The
/// templates put a `<wbr>` between the pieces, so that a long address breaks between its
/// parts, never inside a word, a number or a join code.
pub fn breakable(address: &str) -> Vec<String> {
    fn cut(text: &str, at: impl Fn(char) -> bool) -> Vec<String> {
        let mut parts = Vec::new();
        let mut current = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            current.push(c);
            if at(c) && chars.peek().is_some_and(|next| !at(*next)) {
                parts.push(std::mem::take(&mut current));
            }
        }
        if !current.is_empty() {
            parts.push(current);
        }
        parts
    }
    cut(address, |c| c == '/')
        .into_iter()
        .flat_map(|piece| {
            if piece.chars().count() > ADDRESS_PIECE_CHARS {
                cut(&piece, |c| matches!(c, '.' | '-'))
            } else {
                vec![piece]
            }
        })
        .collect()
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
    let posters = rows
        .into_iter()
        .map(|row| {
            let length = row.title.chars().count();
            Poster {
                tr: Tr::new(row.language),
                title_size: if length <= POSTER_TITLE_FULL {
                    ""
                } else if length <= POSTER_TITLE_LONG {
                    "long"
                } else {
                    "longer"
                },
                code_size: match row.join_code.chars().count() {
                    n if n <= POSTER_CODE_FULL => "",
                    7 => "n7",
                    8 => "n8",
                    9 | 10 => "n10",
                    _ => "n12",
                },
                address: breakable(&format!("{site}/w/{}", row.join_code)),
                row,
            }
        })
        .collect();
    let page = PostersPage {
        tr,
        event_title: &organiser.event.title,
        long_event_title: organiser.event.title.chars().count() > POSTER_EVENT_FULL,
        base,
        posters,
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
    let rows = rows
        .into_iter()
        .map(|row| LinksRow {
            participant: breakable(&format!("{base}/w/{}", row.join_code)),
            projector: breakable(&format!("{base}/w/{}/screen", row.join_code)),
            row,
        })
        .collect();
    let page = LinksPage {
        tr,
        event_title: &organiser.event.title,
        plenary_url: breakable(&format!("{base}/e/{}/plenary", organiser.event.code)),
        rows,
    };
    Ok(html(StatusCode::OK, page.render()?))
}

#[cfg(test)]
mod tests {
    use super::breakable;

    #[test]
    fn an_address_breaks_after_its_slashes_and_a_long_host_after_its_dots() {
        assert_eq!(
            breakable("https://atelier.reseau-rural.fr/w/SOLIDA/screen"),
            [
                "https://", "atelier.", "reseau-", "rural.", "fr/", "w/", "SOLIDA/", "screen"
            ]
        );
        assert_eq!(
            breakable("http://192.168.1.20:8080/w/AB12"),
            ["http://", "192.168.1.20:8080/", "w/", "AB12"]
        );
        let long = "https://un-nom-de-machine-tres-long.exemple.fr/e/LEADER2019/plenary";
        assert_eq!(breakable(long).concat(), long);
        assert!(breakable("").is_empty());
    }
}
