//! The facilitator's and rapporteur's pages, under `/f/{key}`: the dashboard, the summary,
//! the keyword corrections and the session's switches. A wrong key is a plain 404: the
//! [`FacilitatorWorkshop`] extractor finds the workshop by the hash of its key before any
//! handler runs.

pub mod console;
pub mod dashboard;
pub mod groups;
pub mod keywords;
pub mod lists;
pub mod moderation;
pub mod participants;
pub mod statements;
pub mod summary;
pub mod synthesis;
pub mod vote_codes;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use futures_util::future::LocalBoxFuture;

use super::AppState;
use super::errors::AppError;
use super::request;
use super::request::FormFields;
use crate::domain::workshop::Workshop;

/// The workshop of the facilitator key in the request's path (`/f/{key}/…`); a key that
/// is not a token or matches no workshop is a plain 404.
pub struct FacilitatorWorkshop {
    /// The key as typed in the link (only its hash is stored).
    pub key: String,
    /// The workshop, as read now.
    pub workshop: Workshop,
}

impl FromRequest for FacilitatorWorkshop {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let key = req.match_info().get("key").unwrap_or("").to_string();
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let req = req.clone();
        Box::pin(async move {
            let state = state.ok_or_else(|| AppError::Internal("no application state".into()))?;
            let workshop = state
                .store
                .workshop_by_facilitator_key(&key)
                .await?
                .ok_or(AppError::NotFound)?;
            request::set_workshop_language(&req, workshop.language);
            Ok(Self { key, workshop })
        })
    }
}

/// What the dashboard confirms after an action (`?done=…`), by its name in the URL; the
/// message is `done-{name}` in the catalogues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    Created,
    Synthesis,
    WorkshopClosed,
    Merge,
    Split,
    Rename,
    Hide,
    Show,
    Undo,
    ProposalsOpen,
    ProposalsClosed,
    Accept,
    Decline,
    Panel,
    Opened,
    Closed,
    ResultsHidden,
    ResultsShown,
    EntryHidden,
    EntryShown,
    VoteCodesOn,
    VoteCodesOff,
    Capacity,
    ParticipantHidden,
    ParticipantShown,
}

impl Done {
    /// Every confirmation.
    pub const ALL: [Self; 25] = [
        Self::Created,
        Self::Synthesis,
        Self::WorkshopClosed,
        Self::Merge,
        Self::Split,
        Self::Rename,
        Self::Hide,
        Self::Show,
        Self::Undo,
        Self::ProposalsOpen,
        Self::ProposalsClosed,
        Self::Accept,
        Self::Decline,
        Self::Panel,
        Self::Opened,
        Self::Closed,
        Self::ResultsHidden,
        Self::ResultsShown,
        Self::EntryHidden,
        Self::EntryShown,
        Self::VoteCodesOn,
        Self::VoteCodesOff,
        Self::Capacity,
        Self::ParticipantHidden,
        Self::ParticipantShown,
    ];

    /// Its name in `?done=`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Created => "created",
            Self::Synthesis => "synthesis",
            Self::WorkshopClosed => "workshop-closed",
            Self::Merge => "merge",
            Self::Split => "split",
            Self::Rename => "rename",
            Self::Hide => "hide",
            Self::Show => "show",
            Self::Undo => "undo",
            Self::ProposalsOpen => "proposals-open",
            Self::ProposalsClosed => "proposals-closed",
            Self::Accept => "accept",
            Self::Decline => "decline",
            Self::Panel => "panel",
            Self::Opened => "opened",
            Self::Closed => "closed",
            Self::ResultsHidden => "results-hidden",
            Self::ResultsShown => "results-shown",
            Self::EntryHidden => "entry-hidden",
            Self::EntryShown => "entry-shown",
            Self::VoteCodesOn => "vote-codes-on",
            Self::VoteCodesOff => "vote-codes-off",
            Self::Capacity => "capacity",
            Self::ParticipantHidden => "participant-hidden",
            Self::ParticipantShown => "participant-shown",
        }
    }

    /// The confirmation named `name`, if it is one.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.name() == name)
    }
}

/// The `303` back to the dashboard with `done`'s confirmation, opened at `#anchor`.
pub fn back_to_dashboard(key: &str, done: Done, anchor: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((
            header::LOCATION,
            format!("/f/{key}?done={}#{anchor}", done.name()),
        ))
        .finish()
}

/// The `303` back to the dashboard with `done`'s confirmation naming `what` (a panel or an
/// activity by its name: `?done=panel&what=votes` says "the projector now shows
/// Recommandations"), opened at `#anchor`.
pub fn back_to_dashboard_about(
    key: &str,
    done: Done,
    what: &'static str,
    anchor: &str,
) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((
            header::LOCATION,
            format!("/f/{key}?done={}&what={what}#{anchor}", done.name()),
        ))
        .finish()
}

/// The confirmation of `done`, naming the panel or activity `what` when the action was
/// about one (`done-panel-what`, `done-opened-what`, `done-closed-what`); a `what` that
/// names none is ignored.
pub fn confirmation(tr: crate::i18n::Tr, done: Done, what: Option<&str>) -> String {
    use crate::domain::activity::{Activity, Panel};
    let named = match (done, what) {
        (Done::Panel, Some(what)) => {
            Panel::parse(what).map(|p| tr.t(format!("panel-{}", p.name())))
        }
        (Done::Opened | Done::Closed, Some(what)) => {
            Activity::parse(what).map(|a| tr.t(format!("activity-{}", a.name())))
        }
        _ => None,
    };
    match named {
        Some(label) => tr.s(&format!("done-{}-what", done.name()), "what", &label),
        None => tr.t(format!("done-{}", done.name())),
    }
}

/// The dashboard's sections a session switch may lead back to (its form's `back` field,
/// set by `static/console.js` to the section in view when the button was pressed: the
/// bar's buttons are used from anywhere on the page).
pub const SECTIONS: [&str; 8] = [
    "participation",
    "participants",
    "vote-codes",
    "keywords",
    "moderation-keywords",
    "moderation-findings",
    "proposals",
    "exports",
];

/// The section `form`'s `back` field names when it is one of [`SECTIONS`], else `default`.
pub fn back_section(form: &FormFields, default: &'static str) -> &'static str {
    form.get("back")
        .and_then(|back| SECTIONS.into_iter().find(|s| *s == back))
        .unwrap_or(default)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::language::Language;
    use crate::i18n::Tr;

    #[test]
    fn a_switch_leads_back_only_to_the_dashboards_own_sections() {
        let form = |body: &str| FormFields::parse(body.as_bytes()).expect("form");
        assert_eq!(
            back_section(&form("panel=votes&back=moderation-findings"), "screen"),
            "moderation-findings"
        );
        assert_eq!(back_section(&form("panel=votes"), "screen"), "screen");
        for forged in [
            "back=%22%3E%3Cscript%3E",
            "back=main",
            "back=",
            "back=screen%23x",
        ] {
            assert_eq!(back_section(&form(forged), "activities"), "activities");
        }
    }

    #[test]
    fn a_confirmation_names_the_panel_or_activity_and_ignores_anything_else() {
        let tr = Tr::new(Language::French);
        assert!(confirmation(tr, Done::Panel, Some("votes")).contains("« Recommandations »"));
        assert!(confirmation(tr, Done::Closed, Some("findings")).contains("« Constats » fermée"));
        assert_eq!(
            confirmation(tr, Done::Panel, Some("<b>")),
            tr.t("done-panel")
        );
        assert_eq!(
            confirmation(tr, Done::EntryHidden, Some("votes")),
            tr.t("done-entry-hidden")
        );
    }
}
