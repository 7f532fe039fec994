//! The workshop page a phone sees: the three cards (keywords, findings, dot vote) with
//! what the phone sent under each, the room's findings to support, the revealed results,
//! a refused form's typed text and message at its own card, and the confirmation after a
//! `303`.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;

use super::visit::{Details, Visit};
use crate::domain::ids::RecommendationId;
use crate::domain::workshop::Workshop;
use crate::i18n::Tr;
use crate::store::{OwnEntries, RoomFindings};
use crate::web::errors::AppError;
use crate::web::{AppState, html, request};

/// Most keyword boxes shown at once (a participant may send more in a second round).
const MAX_KEYWORD_BOXES: i64 = 5;
/// The room's most supported findings always listed in the findings card (issue #12: the
/// rest is folded under "Voir tout", so the ballot stays within about two screens).
pub(super) const ROOM_TOP: i64 = 3;
/// The room's findings per page under "Voir tout".
pub(super) const ROOM_PAGE_SIZE: i64 = 20;
/// The last page asked for that is read (a bound on the offset; 20 × 5,000 findings is
/// far past any room).
pub(super) const MAX_ROOM_PAGE: i64 = 5_000;

impl Visit {
    pub(super) fn page(
        &self,
        details: Details,
        flash: Option<Flash>,
        typed: Typed,
        tokens: FormTokens,
    ) -> WorkshopPage {
        let tr = self.tr;
        let w = &self.workshop;
        let sent = i64::try_from(details.own.keywords.len()).unwrap_or(i64::MAX);
        let remaining = (w.keywords_per_participant - sent).max(0);
        let boxes = usize::try_from(remaining.min(MAX_KEYWORD_BOXES)).unwrap_or(0);
        let mut keywords = KeywordCard {
            remaining,
            values: vec![String::new(); boxes],
            error: None,
            bad: None,
        };
        let mut finding = FindingCard::default();
        let (mut proposal, mut proposal_error, mut room_error) = (String::new(), None, None);
        let mut vote_values: Vec<(RecommendationId, String)> = details
            .own
            .ballot
            .iter()
            .map(|(id, dots)| (*id, dots.to_string()))
            .collect();
        let (mut vote_error, mut vote_row_error) = (None, None);
        let (mut code_typed, mut code_error) = (String::new(), None);
        match typed {
            Typed::Nothing => {}
            Typed::Keywords { values, error, bad } => {
                for (slot, value) in keywords.values.iter_mut().zip(&values) {
                    slot.clone_from(value);
                }
                keywords.values.extend(values.into_iter().skip(boxes));
                keywords.error = Some(error);
                keywords.bad = bad;
            }
            Typed::Finding {
                category,
                text,
                category_error,
                text_error,
            } => {
                finding = FindingCard {
                    category,
                    text,
                    category_error,
                    text_error,
                };
            }
            Typed::Vote { values, error } => {
                vote_values = values;
                match error {
                    (Some(id), message) => vote_row_error = Some((id, message)),
                    (None, message) => vote_error = Some(message),
                }
            }
            Typed::Proposal { text, error } => {
                proposal = text;
                proposal_error = Some(error);
            }
            Typed::Support(error) => room_error = Some(error),
            Typed::VoteCode { text, error } => (code_typed, code_error) = (text, Some(error)),
        }
        let vote_code = VoteCodeCard {
            asked: w.votes_need_code && !details.own.vote_code,
            accepted: w.votes_need_code && details.own.vote_code,
            typed: code_typed,
            error: code_error,
        };
        let cap = w.max_dots_per_recommendation;
        let rows = w
            .recommendations
            .iter()
            .map(|r| VoteRow {
                id: r.id,
                text: r.text.clone(),
                value: vote_values
                    .iter()
                    .find(|(id, _)| *id == r.id)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_else(|| "0".into()),
                error: vote_row_error
                    .as_ref()
                    .filter(|(id, _)| *id == r.id)
                    .map(|(_, m)| m.clone()),
                choices: (0..=cap).collect(),
            })
            .collect();
        let hint = tr.args(
            "vote-hint",
            &[
                ("budget", w.dots_per_participant.into()),
                ("cap", cap.into()),
            ],
        );
        let room_pager = RoomPager::new(tr, &details.room, details.room_page);
        let counter = |id: &str| {
            tr.args(
                id,
                &[
                    ("used", "{used}".into()),
                    ("budget", w.dots_per_participant.into()),
                    ("extra", "{extra}".into()),
                ],
            )
        };
        let cards = Card::in_order(w);
        let room_after = cards
            .iter()
            .rev()
            .find(|c| c.open)
            .map_or("findings", |c| c.id);
        WorkshopPage {
            tr,
            cards,
            room_after,
            w: w.clone(),
            flash,
            own: details.own,
            room: details.room,
            room_pager,
            results: details.results,
            room_error,
            proposal,
            proposal_error,
            tokens,
            keywords,
            finding,
            vote_code,
            vote: VoteCard {
                rows,
                error: vote_error,
                cap,
                hint,
                counter_format: counter("dot-counter"),
                counter_over: counter("dot-counter-over"),
            },
        }
    }

    /// The workshop page with `status`, the confirmation `flash` and what was `typed` into
    /// a refused form; the cookie is set on a phone's first visit.
    pub(super) async fn render(
        &self,
        req: &HttpRequest,
        state: &AppState,
        status: StatusCode,
        flash: Option<Flash>,
        typed: Typed,
    ) -> Result<HttpResponse, AppError> {
        let details = self.details(req, state).await?;
        let tokens = FormTokens {
            keywords: self.form_token(state),
            finding: self.form_token(state),
            vote: self.form_token(state),
            proposal: self.form_token(state),
            vote_code: self.form_token(state),
        };
        let body = self.page(details, flash, typed, tokens).render()?;
        Ok(self.respond(req, html(status, body)))
    }
}

/// What the participant typed into the form that was refused, kept in the page.
pub(super) enum Typed {
    Nothing,
    /// `bad`: the box at fault, when one is (else the message is about them all).
    Keywords {
        values: Vec<String>,
        error: String,
        bad: Option<usize>,
    },
    Finding {
        category: String,
        text: String,
        category_error: Option<String>,
        text_error: Option<String>,
    },
    /// `error`: the recommendation the message is about, if one, and the message.
    Vote {
        values: Vec<(RecommendationId, String)>,
        error: (Option<RecommendationId>, String),
    },
    Proposal {
        text: String,
        error: String,
    },
    Support(String),
    /// A vote code that was refused, as typed.
    VoteCode {
        text: String,
        error: String,
    },
}

/// The vote code form above the ballot, in a workshop whose vote needs a code.
struct VoteCodeCard {
    /// The phone has no code yet: the form is shown.
    asked: bool,
    /// The phone redeemed a code: "Code accepté" is shown.
    accepted: bool,
    typed: String,
    error: Option<String>,
}

struct KeywordCard {
    remaining: i64,
    values: Vec<String>,
    error: Option<String>,
    /// The box the error is about, from 0; `None`: all of them.
    bad: Option<usize>,
}

impl KeywordCard {
    /// Whether box `index` (from 0) is marked invalid.
    fn is_bad(&self, index: impl std::borrow::Borrow<usize>) -> bool {
        let index = *index.borrow();
        self.error.is_some() && self.bad.is_none_or(|bad| bad == index)
    }
}

#[derive(Default)]
struct FindingCard {
    category: String,
    text: String,
    category_error: Option<String>,
    text_error: Option<String>,
}

struct VoteRow {
    id: RecommendationId,
    text: String,
    value: String,
    error: Option<String>,
    choices: Vec<i64>,
}

struct VoteCard {
    rows: Vec<VoteRow>,
    error: Option<String>,
    cap: i64,
    hint: String,
    /// "{used} / 3 gommettes", for the running count that `static/phone.js` keeps (the
    /// server still checks the ballot).
    counter_format: String,
    /// The same past the budget, with `{extra}`.
    counter_over: String,
}

/// One activity's card, in the order the page shows them.
struct Card {
    /// The card's `id` (its anchor): `keywords`, `findings` or `vote`.
    id: &'static str,
    /// Its title's message id.
    title: &'static str,
    open: bool,
}

impl Card {
    /// The three cards, those the facilitator has open first, each group in the
    /// workshop's order (keywords, findings, vote): issue #12.
    fn in_order(w: &Workshop) -> Vec<Card> {
        let mut cards = vec![
            Card {
                id: "keywords",
                title: "keywords-title",
                open: w.keywords_open,
            },
            Card {
                id: "findings",
                title: "findings-title",
                open: w.findings_open,
            },
            Card {
                id: "vote",
                title: "vote-title",
                open: w.votes_open || w.proposals_open,
            },
        ];
        cards.sort_by_key(|c| !c.open);
        cards
    }
}

/// The "Voir tout" of the room's findings: whether there is more than the top ones, the
/// page shown and its neighbours.
struct RoomPager {
    more: bool,
    /// Unfolded: a page was asked for (`?room=`).
    open: bool,
    /// "Constats 4 à 23 sur 57".
    label: String,
    previous: Option<i64>,
    next: Option<i64>,
}

impl RoomPager {
    fn new(tr: Tr, room: &RoomFindings, asked: Option<i64>) -> Self {
        let page = asked.unwrap_or(1);
        let shown_before = ROOM_TOP + (page - 1) * ROOM_PAGE_SIZE;
        let listed = i64::try_from(room.page.len()).unwrap_or(0);
        let label = tr.args(
            "room-page",
            &[
                ("from", (shown_before + 1).min(room.total).into()),
                ("to", (shown_before + listed).into()),
                ("count", room.total.into()),
            ],
        );
        Self {
            more: room.total > ROOM_TOP,
            open: asked.is_some(),
            label,
            previous: (page > 1).then_some(page - 1),
            next: (shown_before + listed < room.total).then_some(page + 1),
        }
    }
}

impl WorkshopPage {
    /// The confirmation for `card`, if it was the one sent.
    fn flash_for(&self, card: &str) -> Option<&str> {
        self.flash
            .as_ref()
            .filter(|f| f.card == card)
            .map(|f| f.text.as_str())
    }
}

#[derive(Template)]
#[template(path = "participant/workshop.html")]
pub(super) struct WorkshopPage {
    tr: Tr,
    w: Workshop,
    flash: Option<Flash>,
    /// The activities' cards, open ones first.
    cards: Vec<Card>,
    /// The card the room's findings follow: the last open one (so the open activities,
    /// the ballot among them, come before the room's findings however many they are),
    /// else the findings card.
    room_after: &'static str,
    own: OwnEntries,
    room: RoomFindings,
    room_pager: RoomPager,
    room_error: Option<String>,
    /// The projector's current panel (HTML), when results are revealed.
    results: Option<String>,
    /// The recommendation being proposed, kept when refused.
    proposal: String,
    proposal_error: Option<String>,
    tokens: FormTokens,
    keywords: KeywordCard,
    finding: FindingCard,
    vote_code: VoteCodeCard,
    vote: VoteCard,
}

/// One-time tokens, one per form of the page: the same form sent twice is stored once,
/// and another form of the same page is not mistaken for it.
pub(super) struct FormTokens {
    keywords: String,
    finding: String,
    vote: String,
    proposal: String,
    vote_code: String,
}

/// The confirmation after a `303`, from the query string (`sent=keywords&n=3`).
pub(super) fn flash(req: &HttpRequest, tr: Tr) -> Option<Flash> {
    let count = request::query_param(req, "n")
        .and_then(|n| n.parse::<i64>().ok())
        .unwrap_or(1)
        .clamp(0, 1000);
    let (card, text) = match request::query_param(req, "sent")?.as_str() {
        "keywords" => ("keywords", tr.n("sent-keywords", "count", count)),
        "finding" => ("findings", tr.t("sent-finding")),
        "ballot" => ("vote", tr.n("sent-ballot", "count", count)),
        "support" => ("room", tr.t("sent-support")),
        "proposal" => ("vote", tr.t("sent-proposal")),
        "vote-code" => ("vote", tr.t("vote-code-accepted")),
        "repeated" => {
            let card = match request::query_param(req, "card").as_deref() {
                Some("findings") => "findings",
                Some("room") => "room",
                Some("vote") => "vote",
                _ => "keywords",
            };
            (card, tr.t("sent-repeated"))
        }
        _ => return None,
    };
    Some(Flash { card, text })
}

/// The confirmation shown at the top of the card that was sent (the page opens there).
pub(super) struct Flash {
    /// `keywords`, `findings`, `room` or `vote`.
    card: &'static str,
    text: String,
}
