//! Participants' pages: the home page with its join-code box, the workshop page with its
//! three cards (keywords, findings, dot vote) and their POST handlers. French first,
//! phone first, no JavaScript needed.

use actix_web::cookie::{Cookie, SameSite, time::Duration};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::errors::{AppError, OrInternal};
use super::request::{self, FormFields};
use super::{AppState, html};
use crate::domain::ballot::{self, BallotError, DotRules};
use crate::domain::folding::Language;
use crate::domain::join_code::JoinCode;
use crate::domain::secret;
use crate::domain::text::{
    self, FINDING_MAX_CHARS, KEYWORD_MAX_CHARS, LABEL_MAX_CHARS, Lines, TextError,
};
use crate::i18n::{Lang, Tr};
use crate::store::read::{self, OwnEntries, RoomFinding, Workshop};
use crate::store::write::{self, Stored};
use crate::store::{Refusal, StoreError, now_utc};

/// Name of the participant cookie: 128 random bits, HttpOnly, SameSite=Lax.
pub const PARTICIPANT_COOKIE: &str = "atelier_participant";
/// Most keyword boxes shown at once (a participant may send more in a second round).
const MAX_KEYWORD_BOXES: i64 = 5;

#[derive(Template)]
#[template(path = "participant/home.html")]
struct HomePage {
    tr: Tr,
    code: String,
    error: Option<String>,
}

/// `GET /`: the join-code box.
pub async fn home(req: HttpRequest) -> Result<HttpResponse, AppError> {
    let tr = request::tr(&req);
    let page = HomePage {
        tr,
        code: String::new(),
        error: None,
    };
    Ok(html(StatusCode::OK, page.render().or_500(tr)?))
}

/// `GET /join?code=…`: from the home page's box to the workshop page, or the box again
/// with a message (422 for a malformed code, 404 for an unknown one).
pub async fn join(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let tr = request::tr(&req);
    let typed = request::query_param(&req, "code").unwrap_or_default();
    let again = |status, error: String| -> Result<HttpResponse, AppError> {
        let page = HomePage {
            tr,
            code: typed.clone(),
            error: Some(error),
        };
        Ok(html(status, page.render().or_500(tr)?))
    };
    let Ok(code) = JoinCode::parse(&typed) else {
        return again(StatusCode::UNPROCESSABLE_ENTITY, tr.t("error-code-invalid"));
    };
    let lookup = code.to_string();
    let found = state
        .store
        .readers
        .read(move |conn| read::workshop_id_by_code(conn, &lookup))
        .await
        .or_500(tr)?;
    if found.is_none() {
        return again(
            StatusCode::NOT_FOUND,
            tr.s("error-unknown-workshop-body", "code", code.as_str()),
        );
    }
    Ok(see_other(&format!("/w/{code}")))
}

/// What the request knows of the workshop and the phone.
struct Visit {
    tr: Tr,
    workshop: Workshop,
    /// The participant cookie's token (new when the phone had none).
    token: String,
    new_token: bool,
}

/// What a phone's page shows besides the workshop: loaded only when a page is rendered
/// (a successful POST answers `303` without it).
struct Details {
    own: OwnEntries,
    /// Other phones' findings, to support.
    room: Vec<RoomFinding>,
    /// What the projector shows now, when the facilitator reveals results.
    results: Option<String>,
}

impl Visit {
    async fn load(req: &HttpRequest, state: &AppState, code: &str) -> Result<Self, AppError> {
        let tr = request::tr(req);
        let unknown = || AppError::UnknownWorkshop {
            code: code.chars().take(30).collect(),
            tr,
        };
        let code = JoinCode::parse(code).map_err(|_| unknown())?;
        let existing = req
            .cookie(PARTICIPANT_COOKIE)
            .map(|c| c.value().to_string())
            .filter(|t| secret::is_token(t));
        let new_token = existing.is_none();
        let token = existing.unwrap_or_else(secret::new_token);
        let id = state
            .tallies
            .workshop_id(code.as_str())
            .await
            .or_500(tr)?
            .ok_or_else(unknown)?;
        let workshop = state
            .tallies
            .workshop(id)
            .await
            .or_500(tr)?
            .ok_or_else(unknown)?;
        let workshop = (*workshop).clone();
        let tr = request::tr_or(req, Lang::from_code(&workshop.language).unwrap_or_default());
        Ok(Self {
            tr,
            workshop,
            token,
            new_token,
        })
    }

    /// The phone's own entries, the room's findings and the revealed results.
    async fn details(&self, req: &HttpRequest, state: &AppState) -> Result<Details, AppError> {
        let id = self.workshop.id;
        let (own, room) = if self.new_token {
            // A phone without a cookie has sent nothing.
            let room = state
                .store
                .readers
                .read(move |conn| read::room_findings(conn, id, None))
                .await
                .or_500(self.tr)?;
            (OwnEntries::default(), room)
        } else {
            let token_hash = self.token_hash();
            state
                .store
                .readers
                .read(move |conn| {
                    let participant = read::participant(conn, id, &token_hash)?;
                    let own = match participant {
                        Some(p) => read::own_entries(conn, p.id)?,
                        None => OwnEntries::default(),
                    };
                    let room = read::room_findings(conn, id, participant.map(|p| p.id))?;
                    Ok((own, room))
                })
                .await
                .or_500(self.tr)?
        };
        let results = if self.workshop.results_hidden {
            None
        } else {
            state
                .broadcasts
                .revealed(
                    id,
                    &state.base(req),
                    request::query_param(req, "sent").is_some(),
                )
                .await
                .ok()
                .flatten()
                .map(|html| html.to_string())
        };
        Ok(Details { own, room, results })
    }

    fn token_hash(&self) -> String {
        secret::hash_token(&self.token)
    }

    /// The response with the participant cookie when the phone had none.
    fn respond(&self, req: &HttpRequest, mut response: HttpResponse) -> HttpResponse {
        if self.new_token {
            let cookie = Cookie::build(PARTICIPANT_COOKIE, self.token.clone())
                .path("/")
                .http_only(true)
                .same_site(SameSite::Lax)
                .secure(req.connection_info().scheme() == "https")
                .max_age(Duration::days(30))
                .finish();
            let _ = response.add_cookie(&cookie);
        }
        response
    }

    fn page(&self, details: Details, flash: Option<Flash>, typed: Typed) -> WorkshopPage {
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
        let mut vote_values: Vec<(i64, String)> = details
            .own
            .ballot
            .iter()
            .map(|(id, dots)| (*id, dots.to_string()))
            .collect();
        let (mut vote_error, mut vote_row_error) = (None, None);
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
        }
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
        WorkshopPage {
            tr,
            w: w.clone(),
            flash,
            own: details.own,
            room: details.room,
            results: details.results,
            room_error,
            proposal,
            proposal_error,
            tokens: FormTokens {
                keywords: secret::new_token(),
                finding: secret::new_token(),
                vote: secret::new_token(),
                proposal: secret::new_token(),
            },
            keywords,
            finding,
            vote: VoteCard {
                rows,
                error: vote_error,
                cap,
                hint,
            },
        }
    }

    async fn render(
        &self,
        req: &HttpRequest,
        state: &AppState,
        status: StatusCode,
        flash: Option<Flash>,
        typed: Typed,
    ) -> Result<HttpResponse, AppError> {
        let details = self.details(req, state).await?;
        let body = self.page(details, flash, typed).render().or_500(self.tr)?;
        Ok(self.respond(req, html(status, body)))
    }

    /// Runs `work` for this phone's participant (created on first sight) in one write.
    async fn submit<T, F>(&self, state: &AppState, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&rusqlite::Connection, i64, &str) -> Result<T, StoreError> + Send + 'static,
    {
        let workshop_id = self.workshop.id;
        let token_hash = self.token_hash();
        state
            .store
            .writer
            .write(Some(workshop_id), move |conn| {
                let now = now_utc();
                let participant = write::join(conn, workshop_id, &token_hash, &now)?;
                work(conn, participant.id, &now)
            })
            .await
    }

    /// The `303` back to the page. Its `X-Atelier-Version` header gives the workshop's
    /// live version once the submission is committed: the projector event with that id or
    /// a later one includes it (the load benchmark measures submit-to-projector with it).
    fn after_post(&self, req: &HttpRequest, query: &str) -> HttpResponse {
        let code = &self.workshop.join_code;
        let mut response = see_other(&format!("/w/{code}?{query}"));
        if let Some(state) = req.app_data::<web::Data<AppState>>() {
            let version = state.store.hub.version(self.workshop.id);
            if let Ok(value) = header::HeaderValue::from_str(&version.to_string()) {
                response
                    .headers_mut()
                    .insert(header::HeaderName::from_static("x-atelier-version"), value);
            }
        }
        self.respond(req, response)
    }
}

/// What the participant typed into the form that was refused, kept in the page.
enum Typed {
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
        values: Vec<(i64, String)>,
        error: (Option<i64>, String),
    },
    Proposal {
        text: String,
        error: String,
    },
    Support(String),
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
    id: i64,
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
struct WorkshopPage {
    tr: Tr,
    w: Workshop,
    flash: Option<Flash>,
    own: OwnEntries,
    room: Vec<RoomFinding>,
    room_error: Option<String>,
    /// The projector's current panel (HTML), when results are revealed.
    results: Option<String>,
    /// The recommendation being proposed, kept when refused.
    proposal: String,
    proposal_error: Option<String>,
    tokens: FormTokens,
    keywords: KeywordCard,
    finding: FindingCard,
    vote: VoteCard,
}

fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// One-time tokens, one per form of the page: the same form sent twice is stored once,
/// and another form of the same page is not mistaken for it.
struct FormTokens {
    keywords: String,
    finding: String,
    vote: String,
    proposal: String,
}

fn form_token(form: &FormFields) -> Option<String> {
    form.get("form_token")
        .filter(|t| secret::is_token(t))
        .map(str::to_string)
}

/// The confirmation after a `303`, from the query string (`sent=keywords&n=3`).
fn flash(req: &HttpRequest, tr: Tr) -> Option<Flash> {
    let count = request::query_param(req, "n")
        .and_then(|n| n.parse::<i64>().ok())
        .unwrap_or(1)
        .clamp(0, 1000);
    let (card, text) = match request::query_param(req, "sent")?.as_str() {
        "keywords" => ("keywords", tr.n("sent-keywords", "count", count)),
        "finding" => ("findings", tr.t("sent-finding")),
        "ballot" => ("vote", tr.n("sent-ballot", "count", count)),
        "support" => ("findings", tr.t("sent-support")),
        "proposal" => ("vote", tr.t("sent-proposal")),
        "repeated" => {
            let card = match request::query_param(req, "card").as_deref() {
                Some("findings") => "findings",
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
struct Flash {
    /// `keywords`, `findings` or `vote`.
    card: &'static str,
    text: String,
}

/// `GET /w/{code}`: the workshop page. A phone seen for the first time gets its cookie;
/// it becomes a participant (`P1`, `P2`…) with its first submission, so page views of
/// browsers that refuse cookies, or of link previews, count no one.
pub async fn workshop(
    req: HttpRequest,
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let visit = Visit::load(&req, &state, &code).await?;
    let flash = flash(&req, visit.tr);
    visit
        .render(&req, &state, StatusCode::OK, flash, Typed::Nothing)
        .await
}

fn text_message(tr: Tr, error: &TextError, blank_id: &str, too_long_id: &str) -> String {
    match error {
        TextError::Blank => tr.t(blank_id),
        TextError::TooLong { max } => tr.n(too_long_id, "max", i64::try_from(*max).unwrap_or(0)),
        TextError::ControlCharacter => tr.t("error-control-character"),
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
    let tr = visit.tr;
    let form = FormFields::parse(&body).map_err(|_| AppError::Malformed { tr })?;
    let values: Vec<String> = form
        .all("keyword")
        .into_iter()
        .map(str::to_string)
        .collect();
    let refuse_box = |status, error: String, bad: Option<usize>| {
        visit.render(
            &req,
            &state,
            status,
            None,
            Typed::Keywords {
                values: values.clone(),
                error,
                bad,
            },
        )
    };
    let refuse = |status, error: String| refuse_box(status, error, None);
    if !visit.workshop.keywords_open {
        return refuse(StatusCode::CONFLICT, tr.t("error-activity-closed")).await;
    }
    let language = Language::from_code(&visit.workshop.language);
    let mut keywords: Vec<String> = Vec::new();
    for (index, value) in values.iter().enumerate() {
        match text::clean(value, Lines::One, KEYWORD_MAX_CHARS) {
            Ok(keyword) => keywords.push(keyword),
            Err(TextError::Blank) => {}
            Err(e) => {
                return refuse_box(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    text_message(tr, &e, "error-keyword-blank", "error-keyword-too-long"),
                    Some(index),
                )
                .await;
            }
        }
    }
    if keywords.is_empty() {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            tr.t("error-keyword-blank"),
        )
        .await;
    }
    let limit = visit.workshop.keywords_per_participant;
    let token = form_token(&form);
    let outcome = visit
        .submit(&state, move |conn, participant, now| {
            write::add_keywords(
                conn,
                participant,
                token.as_deref(),
                &keywords,
                limit,
                language,
                now,
            )
        })
        .await;
    match outcome {
        Ok(Stored::New(n)) => Ok(visit.after_post(&req, &format!("sent=keywords&n={n}#keywords"))),
        Ok(Stored::Repeated) => Ok(visit.after_post(&req, "sent=repeated&card=keywords#keywords")),
        Err(StoreError::Refused(Refusal::TooManyKeywords { limit, already })) => {
            refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                tr.args(
                    "error-too-many-keywords",
                    &[("limit", limit.into()), ("already", already.into())],
                ),
            )
            .await
        }
        Err(StoreError::Refused(Refusal::KeywordAlreadySent(k))) => {
            refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                tr.s("error-keyword-already-sent", "keyword", &k),
            )
            .await
        }
        Err(StoreError::Refused(Refusal::KeywordTwiceInForm(k))) => {
            refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                tr.s("error-keyword-twice", "keyword", &k),
            )
            .await
        }
        Err(e) => Err(AppError::internal(tr, e)),
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
    let form = FormFields::parse(&body).map_err(|_| AppError::Malformed { tr })?;
    let category = form.get("category").unwrap_or("").to_string();
    let typed_text = form.get("text").unwrap_or("").to_string();
    let refuse = |status, category_error: Option<String>, text_error: Option<String>| {
        visit.render(
            &req,
            &state,
            status,
            None,
            Typed::Finding {
                category: category.clone(),
                text: typed_text.clone(),
                category_error,
                text_error,
            },
        )
    };
    if !visit.workshop.findings_open {
        return refuse(
            StatusCode::CONFLICT,
            None,
            Some(tr.t("error-activity-closed")),
        )
        .await;
    }
    let category_id = visit
        .workshop
        .categories
        .iter()
        .find(|c| c.slug == category)
        .map(|c| c.id);
    let text = text::clean(&typed_text, Lines::Many, FINDING_MAX_CHARS)
        .map_err(|e| text_message(tr, &e, "error-finding-blank", "error-finding-too-long"));
    let (category_id, text) = match (category_id, text) {
        (Some(id), Ok(text)) => (id, text),
        (id, text) => {
            return refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                id.is_none().then(|| tr.t("error-category-unknown")),
                text.err(),
            )
            .await;
        }
    };
    let token = form_token(&form);
    let outcome = visit
        .submit(&state, move |conn, participant, now| {
            write::add_finding(conn, participant, token.as_deref(), category_id, &text, now)
        })
        .await;
    match outcome {
        Ok(Stored::New(_)) => Ok(visit.after_post(&req, "sent=finding#findings")),
        Ok(Stored::Repeated) => Ok(visit.after_post(&req, "sent=repeated&card=findings#findings")),
        Err(StoreError::Refused(Refusal::TooManyFindings { limit })) => {
            refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                Some(tr.n("error-too-many-findings", "limit", limit)),
            )
            .await
        }
        Err(e) => Err(AppError::internal(tr, e)),
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
    let tr = visit.tr;
    let w = &visit.workshop;
    let form = FormFields::parse(&body).map_err(|_| AppError::Malformed { tr })?;
    let ids: Vec<i64> = w.recommendations.iter().map(|r| r.id).collect();
    let values: Vec<(i64, String)> = ids
        .iter()
        .filter_map(|id| {
            form.get(&ballot::field_name(*id))
                .map(|v| (*id, v.to_string()))
        })
        .collect();
    let refuse = |status, error: (Option<i64>, String)| {
        visit.render(
            &req,
            &state,
            status,
            None,
            Typed::Vote {
                values: values.clone(),
                error,
            },
        )
    };
    if !w.votes_open {
        return refuse(StatusCode::CONFLICT, (None, tr.t("error-activity-closed"))).await;
    }
    let rules = DotRules {
        budget: w.dots_per_participant,
        cap: w.max_dots_per_recommendation,
    };
    let parsed = ballot::parse(&form.0, &ids, rules);
    let ballot = match parsed {
        Ok(ballot) => ballot,
        Err(BallotError::Malformed) => return Err(AppError::Malformed { tr }),
        Err(e) => {
            let message = match &e {
                BallotError::NotANumber { .. } => tr.t("error-dots-not-number"),
                BallotError::Negative { .. } => tr.t("error-dots-negative"),
                BallotError::OverCap { cap, .. } => tr.n("error-dots-over-cap", "cap", *cap),
                BallotError::OverBudget { total, budget } => tr.args(
                    "error-dots-over-budget",
                    &[("total", (*total).into()), ("budget", (*budget).into())],
                ),
                BallotError::Empty | BallotError::Malformed => tr.t("error-ballot-empty"),
            };
            return refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                (e.recommendation_id(), message),
            )
            .await;
        }
    };
    let dots: i64 = ballot.dots.iter().map(|(_, d)| d).sum();
    visit
        .submit(&state, move |conn, participant, now| {
            write::replace_ballot(conn, participant, &ballot, now)
        })
        .await
        .or_500(tr)?;
    Ok(visit.after_post(&req, &format!("sent=ballot&n={dots}#vote")))
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
    let tr = visit.tr;
    let refuse =
        |status, error: String| visit.render(&req, &state, status, None, Typed::Support(error));
    if !visit.workshop.findings_open {
        return refuse(StatusCode::CONFLICT, tr.t("error-activity-closed")).await;
    }
    let Ok(finding_id) = finding.parse::<i64>() else {
        return refuse(StatusCode::NOT_FOUND, tr.t("error-finding-unknown")).await;
    };
    let outcome = visit
        .submit(&state, move |conn, participant, now| {
            write::support_finding(conn, participant, finding_id, now)
        })
        .await;
    match outcome {
        Ok(Stored::New(_)) => Ok(visit.after_post(&req, "sent=support#room")),
        Ok(Stored::Repeated) => Ok(visit.after_post(&req, "sent=repeated&card=findings#room")),
        Err(StoreError::Refused(Refusal::OwnFinding)) => {
            refuse(StatusCode::UNPROCESSABLE_ENTITY, tr.t("error-own-finding")).await
        }
        Err(StoreError::Refused(Refusal::UnknownFinding)) => {
            refuse(StatusCode::NOT_FOUND, tr.t("error-finding-unknown")).await
        }
        Err(e) => Err(AppError::internal(tr, e)),
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
    let tr = visit.tr;
    let form = FormFields::parse(&body).map_err(|_| AppError::Malformed { tr })?;
    let typed = form.get("text").unwrap_or("").to_string();
    let refuse = |status, error: String| {
        visit.render(
            &req,
            &state,
            status,
            None,
            Typed::Proposal {
                text: typed.clone(),
                error,
            },
        )
    };
    if !visit.workshop.proposals_open {
        return refuse(StatusCode::CONFLICT, tr.t("error-proposals-closed")).await;
    }
    let text = match text::clean(&typed, Lines::One, LABEL_MAX_CHARS) {
        Ok(text) => text,
        Err(e) => {
            let message = text_message(tr, &e, "error-proposal-blank", "error-proposal-too-long");
            return refuse(StatusCode::UNPROCESSABLE_ENTITY, message).await;
        }
    };
    let token = form_token(&form);
    let workshop_id = visit.workshop.id;
    let outcome = visit
        .submit(&state, move |conn, participant, now| {
            write::propose_recommendation(
                conn,
                workshop_id,
                participant,
                token.as_deref(),
                &text,
                now,
            )
        })
        .await;
    match outcome {
        Ok(Stored::New(_)) => Ok(visit.after_post(&req, "sent=proposal#vote")),
        Ok(Stored::Repeated) => Ok(visit.after_post(&req, "sent=repeated&card=vote#vote")),
        Err(StoreError::Refused(Refusal::TooManyProposals { limit })) => {
            refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                tr.n("error-too-many-proposals", "limit", limit),
            )
            .await
        }
        Err(e) => Err(AppError::internal(tr, e)),
    }
}

/// `GET` on a form's address (a tab reopened after a refusal): back to the workshop page.
pub async fn back_to_workshop(req: HttpRequest) -> HttpResponse {
    let code = req.match_info().get("code").unwrap_or("");
    let code = JoinCode::parse(code)
        .map(|c| c.to_string())
        .unwrap_or_default();
    see_other(&format!("/w/{code}"))
}
