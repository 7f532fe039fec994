//! What the plenary shows now, as data for the `panel` block of `plenary/plenary.html`:
//! the whole event's keyword cloud, or one workshop's cloud, its statements (or else its
//! most supported findings) and its top recommendations, each fitted to the screen by
//! [`super::layout`].

use crate::domain::event::Event;
use crate::domain::ids::WorkshopId;
use crate::i18n::Tr;
use crate::store::{Store, StoreError};
use crate::tallies::TalliesCache;
use crate::web::screen::cloud::{CloudWord, cloud_in};
use crate::web::screen::view::{Bar, ScreenFinding};

use super::layout::{self, Step};

/// Keyword groups the whole event's cloud is made from, most cited first (those that do
/// not fit are counted in "et N autres").
const EVENT_WORDS: usize = 60;
/// Keyword groups a workshop's cloud is made from.
const WORKSHOP_WORDS: usize = 30;
/// Statements or findings shown for a workshop, at most.
const TOP_TEXTS: usize = 3;
/// Recommendations shown for a workshop, at most (fewer when long).
const TOP_BARS: usize = 5;

/// What the plenary shows now: the data of the `panel` block of `plenary/plenary.html`.
pub struct PlenaryView {
    /// "Atelier 2 sur 3" or "Toute la rencontre".
    pub step: String,
    /// The workshop's title, or "Les mots-clés de la rencontre"; at most two lines.
    pub title: String,
    /// "312 téléphones · 1 204 réponses".
    pub counter: String,
    /// The whole event (one cloud) rather than one workshop.
    pub whole: bool,
    /// The keyword cloud, most cited first, sized for its box at 1280×720.
    pub cloud: Vec<CloudWord>,
    /// Keyword groups not in the cloud (counted in "et N autres").
    pub cloud_more: usize,
    /// "Énoncés de synthèse" or "Constats les plus soutenus".
    pub texts_heading: String,
    /// The statements or findings shown, each shortened to its lines.
    pub texts: Vec<ScreenFinding>,
    /// Statements or findings not shown.
    pub texts_more: usize,
    /// The top recommendations shown, best first, each text shortened to its lines.
    pub bars: Vec<Bar>,
    /// Recommendations ranked below those shown.
    pub bars_more: usize,
}

/// Where a view is read from.
pub struct Sources<'a> {
    /// The database (the event, its workshops, a workshop's statements).
    pub store: &'a Store,
    /// The workshops' live tallies.
    pub tallies: &'a TalliesCache,
}

/// The plenary's language: like a projector's, its workshops' (the first one's), not the
/// browser's; French when the event has none yet.
///
/// # Errors
/// Store errors.
pub async fn language_of(sources: &Sources<'_>, ids: &[WorkshopId]) -> Result<Tr, StoreError> {
    let language = match ids.first() {
        Some(id) => sources.tallies.workshop(*id).await?.map(|w| w.language),
        None => None,
    };
    Ok(Tr::new(language.unwrap_or_default()))
}

fn counter(tr: Tr, phones: i64, entries: i64) -> String {
    tr.args(
        "screen-counter",
        &[("phones", phones.into()), ("entries", entries.into())],
    )
}

/// The view of what `event` (whose workshops are `ids`, in order) shows now.
///
/// # Errors
/// Store errors.
pub async fn view(
    sources: &Sources<'_>,
    event: &Event,
    ids: &[WorkshopId],
    tr: Tr,
) -> Result<PlenaryView, StoreError> {
    let shown = event
        .plenary
        .and_then(|id| ids.iter().position(|i| *i == id).map(|n| (id, n)));
    let Some((id, position)) = shown else {
        return whole_event(sources, ids, tr).await;
    };
    let Some(tallies) = sources.tallies.get(id).await? else {
        return whole_event(sources, ids, tr).await;
    };
    let summary = &tallies.summary;
    let p = &summary.participation;
    let (title, title_lines) = layout::title(&tallies.workshop.title);
    let step = Step::new(title_lines);
    // The live tallies carry no statements: they are read apart (a few rows).
    let statements = sources.store.statements(id).await?;
    let (texts_heading, candidates, total): (String, Vec<(&str, i64)>, usize) =
        if statements.is_empty() {
            let mut findings: Vec<_> = summary.findings.iter().flat_map(|g| &g.items).collect();
            findings.sort_by(|a, b| b.supports.cmp(&a.supports).then(a.id.cmp(&b.id)));
            (
                tr.t("plenary-top-findings"),
                findings
                    .iter()
                    .take(TOP_TEXTS)
                    .map(|f| (f.text.as_str(), f.supports))
                    .collect(),
                summary.findings.iter().map(|g| g.total).sum(),
            )
        } else {
            (
                tr.t("plenary-statements"),
                statements
                    .iter()
                    .take(TOP_TEXTS)
                    .map(|s| (s.text.as_str(), 0))
                    .collect(),
                statements.len(),
            )
        };
    let (texts, cloud_box) = step.workshop_left(&candidates, TOP_TEXTS);
    let texts: Vec<ScreenFinding> = texts
        .into_iter()
        .zip(&candidates)
        .map(|(text, (_, supports))| ScreenFinding {
            text,
            supports: *supports,
        })
        .collect();
    let words = &summary.keywords[..summary.keywords.len().min(WORKSHOP_WORDS)];
    let max = words.first().map_or(1, |k| k.count.max(1));
    let cloud = cloud_in(words, max, cloud_box);
    let ranked: Vec<&str> = summary
        .ranking
        .iter()
        .take(TOP_BARS)
        .map(|r| r.totals.text.as_str())
        .collect();
    let top = summary
        .ranking
        .iter()
        .map(|r| r.totals.dots)
        .max()
        .unwrap_or(0);
    let bars: Vec<Bar> = step
        .workshop_bars(&ranked, TOP_BARS)
        .into_iter()
        .zip(&summary.ranking)
        .map(|(text, r)| Bar::new(r, text, top, tr))
        .collect();
    let number = i64::try_from(position + 1).unwrap_or(i64::MAX);
    let of = i64::try_from(ids.len()).unwrap_or(i64::MAX);
    Ok(PlenaryView {
        step: tr.args(
            "plenary-step",
            &[("number", number.into()), ("total", of.into())],
        ),
        title,
        counter: counter(tr, p.participants, p.keywords + p.findings + p.voters),
        whole: false,
        cloud_more: summary.keyword_groups.saturating_sub(cloud.len()),
        cloud,
        texts_heading,
        texts_more: total.saturating_sub(texts.len()),
        texts,
        bars_more: summary.ranking.len().saturating_sub(bars.len()),
        bars,
    })
}

/// The whole event: one cloud of every workshop's keywords, folded together.
async fn whole_event(
    sources: &Sources<'_>,
    ids: &[WorkshopId],
    tr: Tr,
) -> Result<PlenaryView, StoreError> {
    let (mut phones, mut entries) = (0, 0);
    for id in ids {
        if let Some(t) = sources.tallies.get(*id).await? {
            let p = &t.summary.participation;
            phones += p.participants;
            entries += p.keywords + p.findings + p.voters;
        }
    }
    let (keywords, groups) = sources.tallies.event_keywords(ids, EVENT_WORDS).await?;
    let max = keywords.first().map_or(1, |k| k.count.max(1));
    let (title, title_lines) = layout::title(&tr.t("plenary-event-keywords"));
    let cloud = cloud_in(&keywords, max, Step::new(title_lines).event_cloud());
    Ok(PlenaryView {
        step: tr.t("plenary-whole-event"),
        title,
        counter: counter(tr, phones, entries),
        whole: true,
        cloud_more: groups.saturating_sub(cloud.len()),
        cloud,
        texts_heading: String::new(),
        texts: Vec::new(),
        texts_more: 0,
        bars: Vec::new(),
        bars_more: 0,
    })
}
