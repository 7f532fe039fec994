//! The phone's POST forms: keywords, a finding, the dot vote, a "+1" and a proposed
//! recommendation. Each extracts → checks (domain types) → calls one store intent →
//! answers `303` to the page, or gives the page again with what was typed and the
//! refusal's message at its own card (its status from the one refusal table).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use super::page::Typed;
use super::visit::Visit;
use crate::domain::activity::Activity;
use crate::domain::ballot::{self, DotRules};
use crate::domain::entry::{FindingText, Keywords, ProposalText};
use crate::domain::ids::FindingId;
use crate::domain::refusal::Refusal;
use crate::i18n::refusal_message;
use crate::store::{StoreError, Stored};
use crate::web::AppState;
use crate::web::errors::{AppError, refusal_status as status};
use crate::web::request::FormFields;

/// Whether this phone may submit, and the form's one-time token: a phone that came
/// without the page's cookie, or with another phone's form, is refused (nothing stored).
///
/// # Errors
/// [`Refusal::UnknownPhone`].
pub(super) fn admit(
    visit: &Visit,
    state: &AppState,
    form: &FormFields,
) -> Result<Option<String>, Refusal> {
    if visit.is_new() {
        return Err(Refusal::UnknownPhone);
    }
    visit.sent_form_token(state, form)
}

/// The refusal inside a store answer, if it is one; other errors go up.
pub(super) fn refused(error: StoreError) -> Result<Refusal, AppError> {
    match error {
        StoreError::Refused(refusal) => Ok(refusal),
        other => Err(other.into()),
    }
}

/// `POST /w/{code}/keywords`: field `keyword`, repeated. Blank boxes are skipped; at
/// least one keyword, each at most 60 characters, at most `keywords_per_participant` in
/// all, none sent twice.
pub async fn post_keywords(
    req: HttpRequest,
    state: web::Data<AppState>,
    code: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let visit = Visit::load(&req, &state, &code).await?;
    let form = FormFields::parse(&body).map_err(|_| AppError::Malformed)?;
    let values: Vec<String> = form
        .all("keyword")
        .into_iter()
        .map(str::to_string)
        .collect();
    let refuse = |refusal: Refusal, bad: Option<usize>| {
        let typed = Typed::Keywords {
            values: values.clone(),
            error: refusal_message(visit.tr, &refusal),
            bad,
        };
        visit.render(&req, &state, status(&refusal), None, typed)
    };
    if !visit.workshop.is_open(Activity::Keywords) {
        return refuse(Refusal::ActivityClosed, None).await;
    }
    let token = match admit(&visit, &state, &form) {
        Ok(token) => token,
        Err(refusal) => return refuse(refusal, None).await,
    };
    let keywords = match Keywords::parse(&values) {
        Ok(keywords) => keywords,
        Err((bad, refusal)) => return refuse(refusal, bad).await,
    };
    let outcome = state
        .store
        .submit_keywords(&visit.workshop, visit.phone(), token, keywords)
        .await;
    match outcome {
        Ok(Stored::New(n)) => Ok(visit.after_post(&req, &format!("sent=keywords&n={n}#keywords"))),
        Ok(Stored::Repeated) => Ok(visit.after_post(&req, "sent=repeated&card=keywords#keywords")),
        Err(e) => refuse(refused(e)?, None).await,
    }
}

/// `POST /w/{code}/findings`: fields `category` (a slug of the workshop) and `text` (at
/// most 1,000 characters, line breaks kept).
pub async fn post_finding(
    req: HttpRequest,
    state: web::Data<AppState>,
    code: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let visit = Visit::load(&req, &state, &code).await?;
    let tr = visit.tr;
    let form = FormFields::parse(&body).map_err(|_| AppError::Malformed)?;
    let category = form.get("category").unwrap_or("").to_string();
    let typed_text = form.get("text").unwrap_or("").to_string();
    let refuse = |status, category_error: Option<Refusal>, text_error: Option<Refusal>| {
        let typed = Typed::Finding {
            category: category.clone(),
            text: typed_text.clone(),
            category_error: category_error.map(|r| refusal_message(tr, &r)),
            text_error: text_error.map(|r| refusal_message(tr, &r)),
        };
        visit.render(&req, &state, status, None, typed)
    };
    if !visit.workshop.is_open(Activity::Findings) {
        return refuse(StatusCode::CONFLICT, None, Some(Refusal::ActivityClosed)).await;
    }
    let token = match admit(&visit, &state, &form) {
        Ok(token) => token,
        Err(refusal) => return refuse(status(&refusal), None, Some(refusal)).await,
    };
    let category_id = visit.workshop.category(&category).map(|c| c.id);
    let text = FindingText::parse(&typed_text);
    let (category_id, text) = match (category_id, text) {
        (Some(id), Ok(text)) => (id, text),
        (id, text) => {
            let category_error = id.is_none().then_some(Refusal::CategoryUnknown);
            return refuse(StatusCode::UNPROCESSABLE_ENTITY, category_error, text.err()).await;
        }
    };
    let outcome = state
        .store
        .submit_finding(visit.phone(), token, category_id, text)
        .await;
    match outcome {
        Ok(Stored::New(_)) => Ok(visit.after_post(&req, "sent=finding#findings")),
        Ok(Stored::Repeated) => Ok(visit.after_post(&req, "sent=repeated&card=findings#findings")),
        Err(e) => {
            let refusal = refused(e)?;
            refuse(status(&refusal), None, Some(refusal)).await
        }
    }
}

/// `POST /w/{code}/votes`: one field `rec-{id}` per recommendation holding its dots; the
/// new ballot replaces the participant's earlier one. A field naming no recommendation of
/// the workshop is a malformed form (400).
pub async fn post_votes(
    req: HttpRequest,
    state: web::Data<AppState>,
    code: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let visit = Visit::load(&req, &state, &code).await?;
    let w = &visit.workshop;
    let form = FormFields::parse(&body).map_err(|_| AppError::Malformed)?;
    let ids: Vec<_> = w.recommendations.iter().map(|r| r.id).collect();
    let values: Vec<_> = ids
        .iter()
        .filter_map(|id| {
            form.get(&ballot::field_name(*id))
                .map(|v| (*id, v.to_string()))
        })
        .collect();
    let refuse = |refusal: Refusal, about| {
        let typed = Typed::Vote {
            values: values.clone(),
            error: (about, refusal_message(visit.tr, &refusal)),
        };
        visit.render(&req, &state, status(&refusal), None, typed)
    };
    if !w.is_open(Activity::Votes) {
        return refuse(Refusal::ActivityClosed, None).await;
    }
    if let Err(refusal) = admit(&visit, &state, &form) {
        return refuse(refusal, None).await;
    }
    let rules = DotRules {
        budget: w.dots_per_participant,
        cap: w.max_dots_per_recommendation,
    };
    let ballot = match ballot::parse(&form.0, &ids, rules) {
        Ok(ballot) => ballot,
        Err(e) => {
            let refusal = e.refusal().ok_or(AppError::Malformed)?;
            return refuse(refusal, e.recommendation_id()).await;
        }
    };
    let dots: i64 = ballot.dots.iter().map(|(_, d)| d).sum();
    match state.store.cast_ballot(visit.phone(), ballot).await {
        Ok(_) => Ok(visit.after_post(&req, &format!("sent=ballot&n={dots}#vote"))),
        Err(e) => refuse(refused(e)?, None).await,
    }
}

/// `POST /w/{code}/findings/{id}/support`: "+1, moi aussi" on another participant's
/// finding; a second "+1" from the same phone counts once.
pub async fn post_support(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (code, finding) = path.into_inner();
    let visit = Visit::load(&req, &state, &code).await?;
    let refuse = |refusal: Refusal| {
        let typed = Typed::Support(refusal_message(visit.tr, &refusal));
        visit.render(&req, &state, status(&refusal), None, typed)
    };
    if !visit.workshop.is_open(Activity::Findings) {
        return refuse(Refusal::ActivityClosed).await;
    }
    if visit.is_new() {
        return refuse(Refusal::UnknownPhone).await;
    }
    let Some(finding) = FindingId::parse(&finding) else {
        return refuse(Refusal::UnknownFinding).await;
    };
    match state.store.support_finding(visit.phone(), finding).await {
        Ok(Stored::New(_)) => Ok(visit.after_post(&req, "sent=support#room")),
        Ok(Stored::Repeated) => Ok(visit.after_post(&req, "sent=repeated&card=room#room")),
        Err(e) => refuse(refused(e)?).await,
    }
}

/// `POST /w/{code}/recommendations`: field `text`, a recommendation proposed while the
/// facilitator allows it; it reaches the ballot once the facilitator accepts it.
pub async fn post_proposal(
    req: HttpRequest,
    state: web::Data<AppState>,
    code: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let visit = Visit::load(&req, &state, &code).await?;
    let form = FormFields::parse(&body).map_err(|_| AppError::Malformed)?;
    let typed = form.get("text").unwrap_or("").to_string();
    let refuse = |refusal: Refusal| {
        let kept = Typed::Proposal {
            text: typed.clone(),
            error: refusal_message(visit.tr, &refusal),
        };
        visit.render(&req, &state, status(&refusal), None, kept)
    };
    if !visit.workshop.proposals_open {
        return refuse(Refusal::ProposalsClosed).await;
    }
    let token = match admit(&visit, &state, &form) {
        Ok(token) => token,
        Err(refusal) => return refuse(refusal).await,
    };
    let text = match ProposalText::parse(&typed) {
        Ok(text) => text,
        Err(refusal) => return refuse(refusal).await,
    };
    let outcome = state
        .store
        .propose_recommendation(visit.phone(), token, text)
        .await;
    match outcome {
        Ok(Stored::New(_)) => Ok(visit.after_post(&req, "sent=proposal#vote")),
        Ok(Stored::Repeated) => Ok(visit.after_post(&req, "sent=repeated&card=vote#vote")),
        Err(e) => refuse(refused(e)?).await,
    }
}
