//! Vote codes on the dashboard ([`crate::domain::vote_code`]): the switch that makes a
//! ballot count only from a phone that redeemed a code, and the form that makes N codes
//! and answers with the printable A4 sheet of cut-out cards (code + QR code of the
//! workshop). Codes are stored hashed, so the sheet is the only time they are shown.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::dashboard::{Shown, Typed, render_page};
use super::{Done, FacilitatorWorkshop, back_to_dashboard};
use crate::domain::activity::on_off;
use crate::domain::workshop::Workshop;
use crate::i18n::{Tr, refusal_message};
use crate::store::StoreError;
use crate::tallies::Tallies;
use crate::web::errors::{AppError, refusal_status};
use crate::web::request::{self, FormFields};
use crate::web::{AppState, html};
use crate::workshops::Links;

/// Cards on one printed A4 page (2 columns × 5 rows).
pub const CARDS_PER_PAGE: usize = 10;

/// `POST /f/{key}/codes/required`: field `on` (`1`: a ballot counts only from a phone
/// that redeemed a vote code; `0`: from every phone; anything else is a 400).
pub async fn set_required(
    state: web::Data<AppState>,
    facilitator: FacilitatorWorkshop,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = FormFields::parse(&body).map_err(|_| AppError::Malformed)?;
    let on = on_off(form.get("on")).ok_or(AppError::Malformed)?;
    state
        .store
        .set_votes_need_code(facilitator.workshop.id, on)
        .await?;
    let done = if on {
        Done::VoteCodesOn
    } else {
        Done::VoteCodesOff
    };
    Ok(back_to_dashboard(&facilitator.key, done, "vote-codes"))
}

#[derive(Template)]
#[template(path = "facilitator/vote_cards.html")]
struct CardsPage {
    tr: Tr,
    w: Workshop,
    /// `/f/{key}`, for the link back.
    base: String,
    intro: String,
    /// The participant link the QR code leads to.
    url: String,
    /// The codes as printed (`XXXX-XXXX`), cut into pages of [`CARDS_PER_PAGE`].
    pages: Vec<Vec<String>>,
}

/// `POST /f/{key}/codes`: field `count`, 1 to
/// [`crate::domain::vote_code::MAX_CODES_PER_REQUEST`] new codes. Answers
/// with the sheet of cards to print; a count out of range gives the dashboard again with
/// a localised message (422), and no code is made.
pub async fn generate(
    req: HttpRequest,
    state: web::Data<AppState>,
    facilitator: FacilitatorWorkshop,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let tr = request::tr(&req);
    let form = FormFields::parse(&body).map_err(|_| AppError::Malformed)?;
    let count = form
        .get("count")
        .and_then(|c| c.trim().parse::<i64>().ok())
        .unwrap_or(0);
    let FacilitatorWorkshop { key, workshop } = facilitator;
    let codes = match state.store.create_vote_codes(workshop.id, count).await {
        Ok(codes) => codes,
        Err(StoreError::Refused(refusal)) => {
            let tallies = Tallies::load(&state.store, workshop).await?;
            let error = refusal_message(tr, &refusal);
            let typed = Typed {
                codes_count: form.get("count").unwrap_or("").chars().take(20).collect(),
                ..Typed::default()
            };
            let shown = Shown::refused(error, refusal_status(&refusal), typed);
            return render_page(&req, &state, &key, tallies, shown).await;
        }
        Err(e) => return Err(e.into()),
    };
    let url = Links::new(&state.base(), &workshop.join_code, &key).participant_url;
    let printed: Vec<String> = codes.iter().map(|c| c.display()).collect();
    let page = CardsPage {
        tr,
        intro: tr.n(
            "codes-sheet-intro",
            "count",
            i64::try_from(printed.len()).unwrap_or(0),
        ),
        url,
        base: format!("/f/{key}"),
        pages: printed
            .chunks(CARDS_PER_PAGE)
            .map(<[String]>::to_vec)
            .collect(),
        w: workshop,
    };
    let mut response = html(StatusCode::OK, page.render()?);
    // The codes are shown once: no cache keeps them.
    response.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

/// `GET /f/{key}/codes` (a sheet's tab reopened): back to the dashboard's vote codes.
pub async fn back(facilitator: FacilitatorWorkshop) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((
            actix_web::http::header::LOCATION,
            format!("/f/{}#vote-codes", facilitator.key),
        ))
        .finish()
}
