//! Moderation by participant and the workshop's capacity (issue #10): the participant
//! list (a short one on the dashboard, every participant on `/f/{key}/participants`, paged),
//! hiding or showing every entry of one participant at once, and the room size form.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::dashboard::{ParticipantLine, Shown, render_page};
use super::{Done, FacilitatorWorkshop, back_to_dashboard};
use crate::domain::ids::parse_pseudonym;
use crate::domain::refusal::Refusal;
use crate::domain::rules;
use crate::domain::workshop::Workshop;
use crate::i18n::{Tr, refusal_message};
use crate::store::{ParticipantOrder, StoreError};
use crate::tallies::Tallies;
use crate::web::errors::{AppError, refusal_status};
use crate::web::request::{self, FormFields};
use crate::web::{AppState, html};

/// Participants on one page of `/f/{key}/participants`.
pub const PAGE_SIZE: i64 = 50;

/// The name of `order` in `?order=`.
fn order_name(order: ParticipantOrder) -> &'static str {
    match order {
        ParticipantOrder::MostEntries => "entries",
        ParticipantOrder::RecentlyActive => "recent",
        ParticipantOrder::Arrival => "arrival",
    }
}

/// The order named `name`; most entries first for anything else.
fn parse_order(name: Option<&str>) -> ParticipantOrder {
    [ParticipantOrder::RecentlyActive, ParticipantOrder::Arrival]
        .into_iter()
        .find(|o| Some(order_name(*o)) == name)
        .unwrap_or(ParticipantOrder::MostEntries)
}

/// The page number of `?page=` (1 for anything that is not a number from 1).
fn parse_page(text: Option<&str>) -> i64 {
    text.and_then(|t| t.parse::<i64>().ok())
        .filter(|n| *n >= 1)
        .unwrap_or(1)
}

#[derive(Template)]
#[template(path = "facilitator/participants.html")]
struct ParticipantsPage {
    tr: Tr,
    w: Workshop,
    base: String,
    flash: Option<String>,
    participants: Vec<ParticipantLine>,
    /// `(name, label, current)` of each order.
    orders: Vec<(&'static str, String, bool)>,
    order: &'static str,
    page: i64,
    pages: i64,
    /// "Page 2 sur 5".
    page_text: String,
    /// `(order, page)` the hide and show forms lead back to.
    back: Option<(&'static str, i64)>,
}

/// `GET /f/{key}/participants?order=entries|recent|arrival&page=N`: every participant,
/// [`PAGE_SIZE`] per page, with what each sent and a hide or show button. A page past
/// the last shows the last one.
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    facilitator: FacilitatorWorkshop,
) -> Result<HttpResponse, AppError> {
    let tr = request::tr(&req);
    let order = parse_order(request::query_param(&req, "order").as_deref());
    let asked = parse_page(request::query_param(&req, "page").as_deref());
    let w = facilitator.workshop;
    // The number of participants first, so that a page past the end reads the last one.
    let (_, total) = state.store.participants(w.id, Vec::new(), 0, 0).await?;
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let page = asked.min(pages);
    let (mut lists, _) = state
        .store
        .participants(w.id, vec![order], PAGE_SIZE, (page - 1) * PAGE_SIZE)
        .await?;
    let participants = lists
        .pop()
        .unwrap_or_default()
        .iter()
        .map(|p| ParticipantLine::new(tr, &w, p))
        .collect();
    let flash = request::query_param(&req, "done")
        .and_then(|done| Done::parse(&done))
        .map(|done| tr.t(format!("done-{}", done.name())));
    let orders = [
        ParticipantOrder::MostEntries,
        ParticipantOrder::RecentlyActive,
        ParticipantOrder::Arrival,
    ]
    .into_iter()
    .map(|o| {
        let name = order_name(o);
        (name, tr.t(format!("participants-order-{name}")), o == order)
    })
    .collect();
    let page = ParticipantsPage {
        tr,
        w,
        base: format!("/f/{}", facilitator.key),
        flash,
        participants,
        orders,
        order: order_name(order),
        page,
        pages,
        page_text: tr.args(
            "participants-page",
            &[("page", page.into()), ("pages", pages.into())],
        ),
        back: Some((order_name(order), page)),
    };
    Ok(html(StatusCode::OK, page.render()?))
}

/// `POST /f/{key}/participants/{P}/{hide|show}` (`P12` or `12`): every entry of the
/// participant leaves the tallies, the projector and the report at once, or comes back;
/// exports keep them, marked hidden. Its phone is not told and may go on sending. Fields
/// `order` and `page`, when sent from the participants page, lead back there. A
/// participant the workshop does not have is a 404.
pub async fn set_hidden(
    state: web::Data<AppState>,
    facilitator: FacilitatorWorkshop,
    path: web::Path<(String, String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let (_, participant, action) = path.into_inner();
    let (hidden, done) = match action.as_str() {
        "hide" => (true, Done::ParticipantHidden),
        "show" => (false, Done::ParticipantShown),
        _ => return Err(AppError::NotFound),
    };
    let seq = parse_pseudonym(&participant).ok_or(AppError::NotFound)?;
    let form = FormFields::parse(&body).map_err(|_| AppError::Malformed)?;
    match state
        .store
        .set_participant_hidden(facilitator.workshop.id, seq, hidden)
        .await
    {
        Ok(()) => {}
        Err(StoreError::Refused(Refusal::UnknownParticipant)) => return Err(AppError::NotFound),
        Err(e) => return Err(e.into()),
    }
    if form.get("page").is_some() {
        let order = order_name(parse_order(form.get("order")));
        let page = parse_page(form.get("page"));
        return Ok(HttpResponse::SeeOther()
            .insert_header((
                header::LOCATION,
                format!(
                    "/f/{}/participants?order={order}&page={page}&done={}",
                    facilitator.key,
                    done.name()
                ),
            ))
            .finish());
    }
    Ok(back_to_dashboard(&facilitator.key, done, "participants"))
}

/// `POST /f/{key}/capacity`: field `capacity`, the room size (`max_participants`, "2 000"
/// accepted). Past it a new phone is refused; phones already in go on. A value that is
/// not a whole number from 1 to 100,000 gives the dashboard again (422) with the
/// localised refusal and what was typed; nothing is stored.
pub async fn set_capacity(
    req: HttpRequest,
    state: web::Data<AppState>,
    facilitator: FacilitatorWorkshop,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = FormFields::parse(&body).map_err(|_| AppError::Malformed)?;
    let typed = form.get("capacity").ok_or(AppError::Malformed)?;
    let FacilitatorWorkshop { key, workshop } = facilitator;
    match rules::parse_capacity(typed) {
        Ok(capacity) => {
            state
                .store
                .set_max_participants(workshop.id, capacity)
                .await?;
            Ok(back_to_dashboard(&key, Done::Capacity, "participation"))
        }
        Err(refusal) => {
            let tallies = Tallies::load(&state.store, workshop).await?;
            let shown = Shown::refused(
                refusal_message(request::tr(&req), &refusal),
                refusal_status(&refusal),
                super::dashboard::Typed {
                    capacity: typed.to_string(),
                    ..super::dashboard::Typed::default()
                },
            );
            render_page(&req, &state, &key, tallies, shown).await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_and_pages_in_the_url_fall_back_to_the_first() {
        assert_eq!(
            parse_order(Some("recent")),
            ParticipantOrder::RecentlyActive
        );
        assert_eq!(parse_order(Some("arrival")), ParticipantOrder::Arrival);
        assert_eq!(parse_order(Some("nope")), ParticipantOrder::MostEntries);
        assert_eq!(parse_order(None), ParticipantOrder::MostEntries);
        assert_eq!(parse_page(Some("3")), 3);
        for bad in [
            None,
            Some("0"),
            Some("-2"),
            Some("x"),
            Some("99999999999999999999"),
        ] {
            assert_eq!(parse_page(bad), 1, "{bad:?}");
        }
    }
}
