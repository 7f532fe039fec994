//! The facilitator's hand on the keyword tally (issue #4): merge two groups, split a
//! spelling out of its group, rename a group, hide or show it, undo any correction. Each
//! is a POST form on the dashboard, checked against the current tally, stored, and
//! answered by a `303` back to it.

use actix_web::{HttpRequest, HttpResponse, web};

use super::dashboard::{Shown, Typed, render_page};
use super::groups::find_group;
use super::{Done, FacilitatorWorkshop, back_to_dashboard};
use crate::domain::entry;
use crate::domain::ids::CorrectionId;
use crate::domain::keyword::{Correction, basic_key};
use crate::domain::refusal::Refusal;
use crate::i18n::refusal_message;
use crate::store::StoreError;
use crate::tallies::Tallies;
use crate::web::AppState;
use crate::web::errors::{AppError, refusal_status};
use crate::web::request::{self, FormFields};

/// The corrections the dashboard's forms ask for, by the last segment of their route, with
/// the confirmation each gives.
pub const ACTIONS: [(&str, Done); 6] = [
    ("merge", Done::Merge),
    ("split", Done::Split),
    ("rename", Done::Rename),
    ("hide", Done::Hide),
    ("show", Done::Show),
    ("undo", Done::Undo),
];

/// What the facilitator asked, checked against the current tally.
enum Asked {
    Add(Vec<(Correction, String)>),
    Show(String),
    Undo(CorrectionId),
}

fn check(tallies: &Tallies, action: &str, form: &FormFields) -> Result<Asked, Refusal> {
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
            .ok_or(Refusal::GroupUnknown)
    };
    // The merge form names its groups as typed (or picked from its list) by label.
    let named = |field: &str| {
        let typed = form.get(field).unwrap_or("");
        find_group(&groups, typed)
            .ok_or_else(|| Refusal::GroupNotNamed(typed.trim().chars().take(60).collect()))
    };
    let label = |field: &str| entry::optional_label(form.get(field).unwrap_or(""));
    match action {
        "merge" => {
            let (from, into) = (named("from")?, named("into")?);
            if from.key == into.key {
                return Err(Refusal::MergeSame);
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
                .ok_or(Refusal::GroupUnknown)?;
            if owner.variants.len() < 2 {
                return Err(Refusal::SplitSingle);
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
            let label = label("label")?.ok_or(Refusal::LabelBlank)?;
            if label == group.label {
                return Ok(Asked::Add(Vec::new()));
            }
            let taken = groups
                .iter()
                .any(|g| g.key != group.key && basic_key(&g.label) == basic_key(&label));
            if taken {
                return Err(Refusal::LabelTaken(label));
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
            let id = form.get("correction").and_then(CorrectionId::parse);
            id.filter(|id| tallies.corrections.iter().any(|c| c.id == *id))
                .map(Asked::Undo)
                .ok_or(Refusal::CorrectionUnknown)
        }
    }
}

/// `POST /f/{key}/keywords/{action}`: one of [`ACTIONS`]. A correction about a group or
/// spelling that is not in the tally gives the dashboard again (422) with a message; a
/// merge another facilitator's merge overtook gives it again with the new groups (409).
pub async fn correct(
    req: HttpRequest,
    state: web::Data<AppState>,
    facilitator: FacilitatorWorkshop,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let (_, action) = path.into_inner();
    let Some(done) = ACTIONS
        .into_iter()
        .find(|(name, _)| *name == action)
        .map(|(_, d)| d)
    else {
        return Err(AppError::NotFound);
    };
    let FacilitatorWorkshop { key, workshop } = facilitator;
    let tallies = Tallies::load(&state.store, workshop).await?;
    let form = FormFields::parse(&body).map_err(|_| AppError::Malformed)?;
    let id = tallies.workshop.id;
    let written = match check(&tallies, &action, &form) {
        Ok(Asked::Add(list)) => state.store.correct_keywords(id, list).await,
        Ok(Asked::Show(group)) => state.store.show_keyword_group(id, group).await,
        Ok(Asked::Undo(correction)) => state.store.undo_correction(id, correction).await.map(drop),
        Err(refusal) => Err(refusal.into()),
    };
    match written {
        Ok(()) => Ok(back_to_dashboard(&key, done, "keywords")),
        Err(StoreError::Refused(refusal)) => {
            // The groups may have moved (another facilitator's merge came first): the
            // dashboard shows them as they are now.
            let tallies = if refusal == Refusal::CorrectionConflict {
                Tallies::load(&state.store, tallies.workshop).await?
            } else {
                tallies
            };
            let tr = request::tr(&req);
            let status = refusal_status(&refusal);
            let shown = Shown::refused(refusal_message(tr, &refusal), status, Typed::merge(&form));
            render_page(&req, &state, &key, tallies, shown).await
        }
        Err(e) => Err(e.into()),
    }
}
