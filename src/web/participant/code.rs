//! `POST /w/{code}/code`: a phone redeems a one-time vote code
//! ([`crate::domain::vote_code`]), with the same cookie and form-token rules as the other
//! forms. A refused code gives the page again with what was typed and the message above
//! the ballot.

use actix_web::{HttpRequest, HttpResponse, web};

use super::page::Typed;
use super::submit::{admit, refused};
use super::visit::Visit;
use crate::domain::refusal::Refusal;
use crate::domain::vote_code::VoteCode;
use crate::i18n::refusal_message;
use crate::web::AppState;
use crate::web::errors::{AppError, refusal_status as status};
use crate::web::request::FormFields;

/// `POST /w/{code}/code`: field `code`, the code on the participant's card, in any case,
/// with or without spaces and dash. A code redeems once: on a second phone it is refused
/// (409); the same phone sending it again is told it is accepted.
pub async fn post_vote_code(
    req: HttpRequest,
    state: web::Data<AppState>,
    code: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let visit = Visit::load(&req, &state, &code).await?;
    let form = FormFields::parse(&body).map_err(|_| AppError::Malformed)?;
    let typed: String = form.get("code").unwrap_or("").chars().take(64).collect();
    let refuse = |refusal: Refusal| {
        let kept = Typed::VoteCode {
            text: typed.clone(),
            error: refusal_message(visit.tr, &refusal),
        };
        visit.render(&req, &state, status(&refusal), None, kept)
    };
    if let Err(refusal) = admit(&visit, &state, &form) {
        return refuse(refusal).await;
    }
    let Some(vote_code) = VoteCode::parse(&typed) else {
        return refuse(Refusal::VoteCodeUnknown).await;
    };
    match state.store.redeem_vote_code(visit.phone(), vote_code).await {
        Ok(_) => Ok(visit.after_post(&req, "sent=vote-code#vote")),
        Err(e) => refuse(refused(e)?).await,
    }
}
