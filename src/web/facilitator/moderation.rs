//! The session's switches and moderation on the dashboard: the projector's panel, opening
//! and closing activities and proposals, hiding results, deciding proposals, hiding an
//! entry, the report's synthesis paragraphs and closing the workshop. Each is a POST form
//! answered by a `303` back to the dashboard.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use super::dashboard::render_dashboard;
use super::{Done, FacilitatorWorkshop, back_section, back_to_dashboard, back_to_dashboard_about};
use crate::domain::activity::{Activity, EntryKind, Panel, SynthesisSection, on_off};
use crate::domain::entry;
use crate::domain::ids::{FindingId, KeywordId, RecommendationId};
use crate::domain::refusal::Refusal;
use crate::i18n::refusal_message;
use crate::store::StoreError;
use crate::tallies::Tallies;
use crate::web::AppState;
use crate::web::errors::AppError;
use crate::web::request::{self, FormFields};

/// The switch `field` of a dashboard form: `1` on, `0` off; anything else is a 400.
fn switch(body: &[u8], field: &str) -> Result<bool, AppError> {
    let form = FormFields::parse(body).map_err(|_| AppError::Malformed)?;
    on_off(form.get(field)).ok_or(AppError::Malformed)
}

/// `POST /f/{key}/proposals`: field `open` (`1` opens participants' proposals of
/// recommendations, `0` closes them; anything else is a 400).
pub async fn set_proposals(
    state: web::Data<AppState>,
    facilitator: FacilitatorWorkshop,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let open = switch(&body, "open")?;
    state
        .store
        .set_proposals_open(facilitator.workshop.id, open)
        .await?;
    let done = if open {
        Done::ProposalsOpen
    } else {
        Done::ProposalsClosed
    };
    Ok(back_to_dashboard(&facilitator.key, done, "proposals"))
}

/// `POST /f/{key}/proposals/{id}/{accept|decline}`: an accepted proposal joins the
/// ballot, last; a declined one stays listed, marked. Only a waiting proposal can be
/// decided (404 otherwise): an accepted one may already hold dots.
pub async fn decide(
    state: web::Data<AppState>,
    facilitator: FacilitatorWorkshop,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (_, proposal, decision) = path.into_inner();
    let (accept, done) = match decision.as_str() {
        "accept" => (true, Done::Accept),
        "decline" => (false, Done::Decline),
        _ => return Err(AppError::NotFound),
    };
    let proposal = RecommendationId::parse(&proposal).ok_or(AppError::NotFound)?;
    state
        .store
        .decide_proposal(facilitator.workshop.id, proposal, accept)
        .await?;
    Ok(back_to_dashboard(&facilitator.key, done, "proposals"))
}

/// `POST /f/{key}/screen`: field `panel` (`keywords`, `findings`, `votes` or `join`), the
/// panel the projector follows; it switches within a second. Optional `back`: the
/// dashboard section to come back to (one of [`super::SECTIONS`]; else the bar).
pub async fn set_panel(
    state: web::Data<AppState>,
    facilitator: FacilitatorWorkshop,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = FormFields::parse(&body).map_err(|_| AppError::Malformed)?;
    let panel = form
        .get("panel")
        .and_then(Panel::parse)
        .ok_or(AppError::Malformed)?;
    state
        .store
        .show_panel(facilitator.workshop.id, panel)
        .await?;
    Ok(back_to_dashboard_about(
        &facilitator.key,
        Done::Panel,
        panel.name(),
        back_section(&form, "screen"),
    ))
}

/// `POST /f/{key}/activities`: fields `activity` (`keywords`, `findings` or `votes`) and
/// `open` (`1` opens, `0` closes; anything else is a 400). A closed activity shows "fermé"
/// to phones and refuses their posts with `409`. Optional `back` as for the panel.
pub async fn set_activity(
    state: web::Data<AppState>,
    facilitator: FacilitatorWorkshop,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = FormFields::parse(&body).map_err(|_| AppError::Malformed)?;
    let activity = form
        .get("activity")
        .and_then(Activity::parse)
        .ok_or(AppError::Malformed)?;
    let open = on_off(form.get("open")).ok_or(AppError::Malformed)?;
    state
        .store
        .set_activity_open(facilitator.workshop.id, activity, open)
        .await?;
    let done = if open { Done::Opened } else { Done::Closed };
    Ok(back_to_dashboard_about(
        &facilitator.key,
        done,
        activity.name(),
        back_section(&form, "activities"),
    ))
}

/// `POST /f/{key}/results`: field `hidden` (`1` hides the tallies from the projector and
/// the phones while people answer, `0` reveals them; anything else is a 400). Optional
/// `back` as for the panel.
pub async fn set_results(
    state: web::Data<AppState>,
    facilitator: FacilitatorWorkshop,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = FormFields::parse(&body).map_err(|_| AppError::Malformed)?;
    let hidden = on_off(form.get("hidden")).ok_or(AppError::Malformed)?;
    state
        .store
        .set_results_hidden(facilitator.workshop.id, hidden)
        .await?;
    let done = if hidden {
        Done::ResultsHidden
    } else {
        Done::ResultsShown
    };
    Ok(back_to_dashboard(
        &facilitator.key,
        done,
        back_section(&form, "screen"),
    ))
}

/// `POST /f/{key}/entries/{keyword|finding}/{id}/{hide|show}`: an off-topic or abusive
/// entry leaves the projector and the tallies (it stays in exports, marked hidden), or
/// comes back. An entry that is not the workshop's is a 404.
pub async fn set_entry(
    state: web::Data<AppState>,
    facilitator: FacilitatorWorkshop,
    path: web::Path<(String, String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (_, kind, entry, action) = path.into_inner();
    let kind = EntryKind::parse(&kind).ok_or(AppError::NotFound)?;
    let (hidden, done) = match action.as_str() {
        "hide" => (true, Done::EntryHidden),
        "show" => (false, Done::EntryShown),
        _ => return Err(AppError::NotFound),
    };
    let entry = match kind {
        EntryKind::Keyword => KeywordId::parse(&entry).map(KeywordId::get),
        EntryKind::Finding => FindingId::parse(&entry).map(FindingId::get),
    }
    .ok_or(AppError::NotFound)?;
    match state
        .store
        .set_entry_hidden(facilitator.workshop.id, kind, entry, hidden)
        .await
    {
        Ok(()) => {}
        Err(StoreError::Refused(Refusal::UnknownEntry)) => return Err(AppError::NotFound),
        Err(e) => return Err(e.into()),
    }
    let anchor = match kind {
        EntryKind::Keyword => "moderation-keywords",
        EntryKind::Finding => "moderation-findings",
    };
    Ok(back_to_dashboard(&facilitator.key, done, anchor))
}

/// `POST /f/{key}/report/synthesis`: fields `section` (`general`, `keywords`, `findings`
/// or `recommendations`) and `text` (at most 2,000 characters, line breaks kept; empty
/// removes it): a paragraph printed in the report. A text too long gives the dashboard
/// again (422) with what was typed.
pub async fn set_synthesis(
    req: HttpRequest,
    state: web::Data<AppState>,
    facilitator: FacilitatorWorkshop,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = FormFields::parse(&body).map_err(|_| AppError::Malformed)?;
    let section = form
        .get("section")
        .and_then(SynthesisSection::parse)
        .ok_or(AppError::Malformed)?;
    let typed = form.get("text").ok_or(AppError::Malformed)?;
    let FacilitatorWorkshop { key, workshop } = facilitator;
    let text = match entry::synthesis_text(typed) {
        Ok(text) => text,
        Err(refusal) => {
            let mut tallies = Tallies::load(&state.store, workshop).await?;
            // The form comes back with what was typed, not with the text saved before.
            tallies.syntheses.retain(|(s, _)| s != section.name());
            tallies
                .syntheses
                .push((section.name().to_string(), typed.to_string()));
            let message = refusal_message(request::tr(&req), &refusal);
            return render_dashboard(
                &req,
                &state,
                &key,
                tallies,
                None,
                Some(message),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    state
        .store
        .write_synthesis(workshop.id, section, text)
        .await?;
    Ok(back_to_dashboard(&key, Done::Synthesis, "report"))
}

/// `POST /f/{key}/close`: closes every activity and proposals, and records the time; the
/// exports stay available.
pub async fn close(
    state: web::Data<AppState>,
    facilitator: FacilitatorWorkshop,
) -> Result<HttpResponse, AppError> {
    state.store.close_workshop(facilitator.workshop.id).await?;
    Ok(back_to_dashboard(
        &facilitator.key,
        Done::WorkshopClosed,
        "report",
    ))
}
