//! The facilitator's hand on the keyword tally (issue #4): merge two groups, split a
//! spelling out of its group, rename a group, hide or show it, undo any correction. Each
//! is a POST form on the dashboard, stored, and answered by a `303` back to it.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};

use super::AppState;
use super::errors::{AppError, OrInternal};
use super::facilitator::{render_dashboard, workshop_for_key};
use super::request::{self, FormFields};
use super::screen::Panel;
use crate::domain::keyword::{Correction, basic_key};
use crate::domain::text::{self, KEYWORD_MAX_CHARS, Lines};
use crate::i18n::Tr;
use crate::store::write::{Activity, EntryKind};
use crate::store::{Refusal, StoreError, now_utc, write};
use crate::tallies::Tallies;

/// The corrections the dashboard's forms ask for, by the last segment of their route.
pub const ACTIONS: [&str; 6] = ["merge", "split", "rename", "hide", "show", "undo"];

/// Every action whose confirmation the dashboard shows (`?done=…`).
pub const DONE: [&str; 22] = [
    "created",
    "synthesis",
    "workshop-closed",
    "merge",
    "split",
    "rename",
    "hide",
    "show",
    "undo",
    "proposals-open",
    "proposals-closed",
    "accept",
    "decline",
    "panel",
    "opened",
    "closed",
    "results-hidden",
    "results-shown",
    "entry-hidden",
    "entry-shown",
    "keywords",
    "findings",
];

/// What the facilitator asked, checked against the current tally.
enum Asked {
    Add(Vec<(Correction, String)>),
    Show(String),
    Undo(i64),
}

fn check(tallies: &Tallies, action: &str, form: &FormFields, tr: Tr) -> Result<Asked, String> {
    let summary = &tallies.summary;
    let groups: Vec<_> = summary
        .keywords
        .iter()
        .chain(&summary.hidden_keywords)
        .collect();
    let group = |field: &str| {
        let key = form.get(field).unwrap_or("");
        groups
            .iter()
            .find(|g| g.key == key)
            .copied()
            .ok_or_else(|| tr.t("error-group-unknown"))
    };
    let label = |field: &str| {
        text::clean_optional(form.get(field).unwrap_or(""), Lines::One, KEYWORD_MAX_CHARS)
            .map_err(|_| tr.n("error-keyword-too-long", "max", 60))
    };
    match action {
        "merge" => {
            let (from, into) = (group("from")?, group("into")?);
            if from.key == into.key {
                return Err(tr.t("error-merge-same"));
            }
            // The merged group keeps the target's label, or takes the one typed: merging
            // never renames it by a tie between spellings.
            let label = label("label")?.unwrap_or_else(|| into.label.clone());
            Ok(Asked::Add(vec![
                (
                    Correction::Merge {
                        from: from.key.clone(),
                        into: into.key.clone(),
                    },
                    from.label.clone(),
                ),
                (
                    Correction::Label {
                        group: into.key.clone(),
                        label,
                    },
                    into.label.clone(),
                ),
            ]))
        }
        "split" => {
            let spelling = form.get("spelling").unwrap_or("");
            let owner = groups
                .iter()
                .find(|g| g.variants.iter().any(|(v, _)| v == spelling))
                .ok_or_else(|| tr.t("error-group-unknown"))?;
            if owner.variants.len() < 2 {
                return Err(tr.t("error-split-single"));
            }
            Ok(Asked::Add(vec![(
                Correction::Split {
                    spelling: basic_key(spelling),
                },
                spelling.to_string(),
            )]))
        }
        "rename" => {
            let group = group("group")?;
            let label = label("label")?.ok_or_else(|| tr.t("error-label-blank"))?;
            if label == group.label {
                return Ok(Asked::Add(Vec::new()));
            }
            let taken = groups
                .iter()
                .any(|g| g.key != group.key && basic_key(&g.label) == basic_key(&label));
            if taken {
                return Err(tr.s("error-label-taken", "label", &label));
            }
            Ok(Asked::Add(vec![(
                Correction::Label {
                    group: group.key.clone(),
                    label,
                },
                group.label.clone(),
            )]))
        }
        "hide" => {
            let group = group("group")?;
            if group.hidden {
                return Ok(Asked::Add(Vec::new()));
            }
            Ok(Asked::Add(vec![(
                Correction::Hide {
                    group: group.key.clone(),
                },
                group.label.clone(),
            )]))
        }
        "show" => Ok(Asked::Show(group("group")?.key.clone())),
        _ => {
            let id = form.get("correction").and_then(|c| c.parse().ok());
            id.filter(|id| tallies.corrections.iter().any(|c| c.id == *id))
                .map(Asked::Undo)
                .ok_or_else(|| tr.t("error-correction-unknown"))
        }
    }
}

/// `POST /f/{key}/keywords/{action}`: one of [`ACTIONS`]. A correction about a group or
/// spelling that is not in the tally gives the dashboard again (422) with a message.
pub async fn correct(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let (key, action) = path.into_inner();
    let tr = request::tr(&req);
    if !ACTIONS.contains(&action.as_str()) {
        return Err(AppError::NotFound);
    }
    let workshop = workshop_for_key(&state, &key, tr).await?;
    let tallies = Tallies::load(&state.store, workshop).await.or_500(tr)?;
    let form = FormFields::parse(&body).map_err(|_| AppError::Malformed { tr })?;
    let asked = match check(&tallies, &action, &form, tr) {
        Ok(asked) => asked,
        Err(message) => {
            return render_dashboard(
                &req,
                &state,
                &key,
                tallies,
                None,
                Some(message),
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
    };
    let workshop_id = tallies.workshop.id;
    let written = write_settings(&state, workshop_id, move |conn| {
        let now = now_utc();
        match asked {
            Asked::Add(list) => {
                for (correction, label) in &list {
                    write::add_correction(conn, workshop_id, correction, label, &now)?;
                }
            }
            Asked::Show(group) => {
                write::undo_corrections_of(conn, workshop_id, "hide", &group, &now)?;
            }
            Asked::Undo(id) => {
                write::undo_correction(conn, workshop_id, id, &now)?;
            }
        }
        Ok(())
    })
    .await;
    match written {
        Ok(()) => {}
        // Another facilitator's merge came first: the groups asked for have moved.
        Err(StoreError::Refused(Refusal::CorrectionConflict)) => {
            let tallies = Tallies::load(&state.store, tallies.workshop)
                .await
                .or_500(tr)?;
            let message = Some(tr.t("error-correction-conflict"));
            return render_dashboard(
                &req,
                &state,
                &key,
                tallies,
                None,
                message,
                StatusCode::CONFLICT,
            );
        }
        Err(e) => return Err(AppError::internal(tr, e)),
    }
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, format!("/f/{key}?done={action}#keywords")))
        .finish())
}

fn back_to_dashboard(key: &str, done: &str, anchor: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, format!("/f/{key}?done={done}#{anchor}")))
        .finish()
}

/// A switch's value as the dashboard's forms send it: `1` on, `0` off; anything else is
/// not a form of ours.
fn on_off(value: Option<&str>) -> Option<bool> {
    match value {
        Some("1") => Some(true),
        Some("0") => Some(false),
        _ => None,
    }
}

/// A facilitator's on/off switch.
struct Switch {
    /// The form field: `1` is on.
    field: &'static str,
    /// Stores the new state.
    apply: fn(&rusqlite::Connection, i64, bool) -> Result<(), StoreError>,
    /// What the dashboard says after switching on, and off.
    done: (&'static str, &'static str),
    /// Where the dashboard opens.
    anchor: &'static str,
}

impl Switch {
    async fn flip(
        &self,
        req: &HttpRequest,
        state: &AppState,
        key: &str,
        body: &[u8],
    ) -> Result<HttpResponse, AppError> {
        let tr = request::tr(req);
        let workshop = workshop_for_key(state, key, tr).await?;
        let form = FormFields::parse(body).map_err(|_| AppError::Malformed { tr })?;
        let on = on_off(form.get(self.field)).ok_or(AppError::Malformed { tr })?;
        let (id, apply) = (workshop.id, self.apply);
        write_settings(state, id, move |conn| apply(conn, id, on))
            .await
            .or_500(tr)?;
        let done = if on { self.done.0 } else { self.done.1 };
        Ok(back_to_dashboard(key, done, self.anchor))
    }
}

/// `POST /f/{key}/proposals`: field `open` (`1` opens participants' proposals of
/// recommendations, `0` closes them; anything else is a 400).
pub async fn set_proposals(
    req: HttpRequest,
    state: web::Data<AppState>,
    key: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let switch = Switch {
        field: "open",
        apply: write::set_proposals_open,
        done: ("proposals-open", "proposals-closed"),
        anchor: "proposals",
    };
    switch.flip(&req, &state, &key, &body).await
}

/// `POST /f/{key}/proposals/{id}/{accept|decline}`: an accepted proposal joins the
/// ballot, last; a declined one stays listed, marked. Only a waiting proposal can be
/// decided (404 otherwise): an accepted one may already hold dots.
pub async fn decide(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (key, proposal, decision) = path.into_inner();
    let tr = request::tr(&req);
    let accept = match decision.as_str() {
        "accept" => true,
        "decline" => false,
        _ => return Err(AppError::NotFound),
    };
    let workshop = workshop_for_key(&state, &key, tr).await?;
    let Ok(proposal) = proposal.parse::<i64>() else {
        return Err(AppError::NotFound);
    };
    let id = workshop.id;
    let decided = write_settings(&state, id, move |conn| {
        write::decide_proposal(conn, id, proposal, accept)
    })
    .await
    .or_500(tr)?;
    if !decided {
        return Err(AppError::NotFound);
    }
    Ok(back_to_dashboard(&key, &decision, "proposals"))
}

/// `POST /f/{key}/screen`: field `panel` (`keywords`, `findings`, `votes` or `join`), the
/// panel the projector follows; it switches within a second.
pub async fn set_panel(
    req: HttpRequest,
    state: web::Data<AppState>,
    key: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let tr = request::tr(&req);
    let workshop = workshop_for_key(&state, &key, tr).await?;
    let form = FormFields::parse(&body).map_err(|_| AppError::Malformed { tr })?;
    let Some(panel) = form.get("panel").and_then(Panel::parse) else {
        return Err(AppError::Malformed { tr });
    };
    let id = workshop.id;
    write_settings(&state, id, move |conn| {
        write::set_screen_panel(conn, id, panel.name())
    })
    .await
    .or_500(tr)?;
    Ok(back_to_dashboard(&key, "panel", "screen"))
}

/// `POST /f/{key}/activities`: fields `activity` (`keywords`, `findings` or `votes`) and
/// `open` (`1` opens, `0` closes; anything else is a 400). A closed activity shows "fermé" to phones
/// and refuses their posts with `409`.
pub async fn set_activity(
    req: HttpRequest,
    state: web::Data<AppState>,
    key: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let tr = request::tr(&req);
    let workshop = workshop_for_key(&state, &key, tr).await?;
    let form = FormFields::parse(&body).map_err(|_| AppError::Malformed { tr })?;
    let Some(activity) = form.get("activity").and_then(Activity::parse) else {
        return Err(AppError::Malformed { tr });
    };
    let open = on_off(form.get("open")).ok_or(AppError::Malformed { tr })?;
    let id = workshop.id;
    write_settings(&state, id, move |conn| {
        write::set_activity_open(conn, id, activity, open)
    })
    .await
    .or_500(tr)?;
    Ok(back_to_dashboard(
        &key,
        if open { "opened" } else { "closed" },
        "activities",
    ))
}

/// `POST /f/{key}/results`: field `hidden` (`1` hides the tallies from the projector and
/// the phones while people answer, `0` reveals them; anything else is a 400).
pub async fn set_results(
    req: HttpRequest,
    state: web::Data<AppState>,
    key: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let switch = Switch {
        field: "hidden",
        apply: write::set_results_hidden,
        done: ("results-hidden", "results-shown"),
        anchor: "screen",
    };
    switch.flip(&req, &state, &key, &body).await
}

/// `POST /f/{key}/entries/{keyword|finding}/{id}/{hide|show}`: an off-topic or abusive
/// entry leaves the projector and the tallies (it stays in exports, marked hidden), or
/// comes back.
pub async fn set_entry(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (key, kind, entry, action) = path.into_inner();
    let tr = request::tr(&req);
    let kind = match kind.as_str() {
        "keyword" => EntryKind::Keyword,
        "finding" => EntryKind::Finding,
        _ => return Err(AppError::NotFound),
    };
    let hidden = match action.as_str() {
        "hide" => true,
        "show" => false,
        _ => return Err(AppError::NotFound),
    };
    let Ok(entry) = entry.parse::<i64>() else {
        return Err(AppError::NotFound);
    };
    let workshop = workshop_for_key(&state, &key, tr).await?;
    let id = workshop.id;
    let found = write_settings(&state, id, move |conn| {
        write::set_entry_hidden(conn, id, kind, entry, hidden)
    })
    .await
    .or_500(tr)?;
    if !found {
        return Err(AppError::NotFound);
    }
    let anchor = if kind == EntryKind::Keyword {
        "keywords"
    } else {
        "findings"
    };
    let done = if hidden {
        "entry-hidden"
    } else {
        "entry-shown"
    };
    Ok(HttpResponse::SeeOther()
        .insert_header((
            header::LOCATION,
            format!("/f/{key}?done={done}#moderation-{anchor}"),
        ))
        .finish())
}

/// `POST /f/{key}/report/synthesis`: fields `section` (`general`, `keywords`, `findings`
/// or `recommendations`) and `text` (at most 2,000 characters, line breaks kept; empty
/// removes it): a paragraph printed in the report.
pub async fn set_synthesis(
    req: HttpRequest,
    state: web::Data<AppState>,
    key: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let tr = request::tr(&req);
    let workshop = workshop_for_key(&state, &key, tr).await?;
    let form = FormFields::parse(&body).map_err(|_| AppError::Malformed { tr })?;
    let Some(section) = form.get("section").and_then(|s| {
        write::SYNTHESIS_SECTIONS
            .into_iter()
            .find(|known| *known == s)
    }) else {
        return Err(AppError::Malformed { tr });
    };
    let Some(typed) = form.get("text") else {
        return Err(AppError::Malformed { tr });
    };
    let text = match text::clean_optional(typed, Lines::Many, SYNTHESIS_MAX_CHARS) {
        Ok(text) => text.unwrap_or_default(),
        Err(_) => {
            let mut tallies = Tallies::load(&state.store, workshop).await.or_500(tr)?;
            // The form comes back with what was typed, not with the text saved before.
            tallies.syntheses.retain(|(s, _)| s != section);
            tallies
                .syntheses
                .push((section.to_string(), typed.to_string()));
            let message = tr.n(
                "error-synthesis-too-long",
                "max",
                i64::try_from(SYNTHESIS_MAX_CHARS).unwrap_or(0),
            );
            return render_dashboard(
                &req,
                &state,
                &key,
                tallies,
                None,
                Some(message),
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
    };
    let id = workshop.id;
    write_settings(&state, id, move |conn| {
        write::set_synthesis(conn, id, section, &text, &now_utc())
    })
    .await
    .or_500(tr)?;
    Ok(back_to_dashboard(&key, "synthesis", "report"))
}

/// Longest synthesis paragraph, in characters.
pub const SYNTHESIS_MAX_CHARS: usize = 2000;

/// `POST /f/{key}/close`: closes every activity and proposals, and records the time; the
/// exports stay available.
pub async fn close(
    req: HttpRequest,
    state: web::Data<AppState>,
    key: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let tr = request::tr(&req);
    let workshop = workshop_for_key(&state, &key, tr).await?;
    let id = workshop.id;
    write_settings(&state, id, move |conn| {
        write::close_workshop(conn, id, &now_utc())
    })
    .await
    .or_500(tr)?;
    Ok(back_to_dashboard(&key, "workshop-closed", "report"))
}

/// A facilitator's write: committed through the writer, which bumps the workshop's
/// settings version, then its live version (see [`crate::store::Writer::write_settings`]).
async fn write_settings<T, F>(state: &AppState, workshop_id: i64, work: F) -> Result<T, StoreError>
where
    T: Send + 'static,
    F: FnOnce(&rusqlite::Connection) -> Result<T, StoreError> + Send + 'static,
{
    state.store.writer.write_settings(workshop_id, work).await
}
