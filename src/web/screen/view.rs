//! What the projector shows, as data for the `panel` block of `participant/screen.html`:
//! the keyword cloud sized to fit, the findings by category shortened to fit their
//! columns, the vote's bars on one scale, the join panel with its QR code; and the SSE
//! encoding of a rendered fragment.

use std::collections::HashMap;

use askama::Template;
use bytes::Bytes;

use crate::domain::activity::Panel;
use crate::i18n::Tr;
use crate::tallies::Tallies;

/// Findings shown per category on the projector.
const FINDINGS_PER_CATEGORY: usize = 4;
/// Characters of a finding shown on the projector (the report has them whole).
const FINDING_CHARS_SHOWN: usize = 160;
/// Characters of findings a column of the projector holds at 1280×720 (about 14 lines of
/// 24 characters at 26 px).
const FINDING_CHARS_PER_COLUMN: usize = 330;
/// Keyword groups shown in the projector's cloud; the others are counted below it.
const CLOUD_WORDS_SHOWN: usize = 40;
/// Width of the cloud at 1280×720, in CSS pixels, and the width of a character as a
/// share of the font size: a word is never sized wider than the screen.
const CLOUD_WIDTH_PX: f64 = 1000.0;
const CHAR_WIDTH_EM: f64 = 0.62;
/// Smallest text on the projector, in CSS pixels (ARCHITECTURE.md, "Rules that hold everywhere": 24 px at 1280×720).
const MIN_TEXT_PX: f64 = 24.0;

/// A word of the keyword cloud.
pub struct CloudWord {
    pub text: String,
    pub count: usize,
    /// Weight from 0 to 100: log scale of the count, the most frequent at 100 (phones map it
    /// to a font size).
    pub weight: u32,
    /// Font size on the projector, in CSS pixels: by weight, between 28 px and a maximum
    /// that shrinks with the number of words, and never wider than the screen for a long
    /// word (at least 24 px; longer words then wrap).
    pub size_px: u32,
    /// One of six colours with AA contrast on white (`.c0` … `.c5`).
    pub colour: usize,
}

/// A finding on the projector.
pub struct ScreenFinding {
    pub text: String,
    /// Its "+1, moi aussi".
    pub supports: i64,
}

/// A category of findings on the projector.
pub struct FindingColumn {
    pub label: String,
    /// Most supported first, then newest first.
    pub items: Vec<ScreenFinding>,
    /// Findings not shown for lack of room.
    pub more: usize,
}

/// A recommendation's bar.
pub struct Bar {
    pub rank: String,
    pub text: String,
    pub dots: i64,
    pub voters: i64,
    /// "11 gommettes · 9 votants".
    pub figures: String,
    /// Bar length in percent of the longest.
    pub width: u32,
}

/// What one panel shows: the data of the `panel` block.
pub struct PanelView {
    pub panel: Panel,
    pub version: u64,
    pub title: String,
    /// "12 téléphones · 58 réponses".
    pub counter: String,
    pub results_hidden: bool,
    pub cloud: Vec<CloudWord>,
    /// Keyword groups beyond the [`CLOUD_WORDS_SHOWN`] most frequent (counted, not shown).
    pub cloud_more: usize,
    pub findings: Vec<FindingColumn>,
    pub bars: Vec<Bar>,
    pub join_code: String,
    /// `{base}/w/{code}`.
    pub join_url: String,
    /// The same without its scheme, as people type it.
    pub join_host: String,
    /// Its site part (`192.168.1.20:8080`), so that the address breaks only before `/w/`.
    pub join_site: String,
    /// The QR code of `join_url`, as SVG (made only for the join panel and the page).
    pub qr_svg: String,
}

/// Area of the projector the cloud may fill, in square CSS pixels at 1280×720 (about
/// 1000 × 500, of which words cover about 60 % once wrapped in lines).
const CLOUD_AREA_PX2: f64 = 360_000.0;

/// The cloud of `keywords` (most frequent first, `max` the largest count): sizes by weight
/// from 28 px up to 110 px, each word no wider than the screen, then all scaled down
/// together until the words fit the projector (never below 24 px).
fn cloud(keywords: &[crate::domain::keyword::KeywordCount], max: usize) -> Vec<CloudWord> {
    cloud_within(keywords, max, CLOUD_AREA_PX2)
}

/// [`cloud`] within `area_px2` square CSS pixels at 1280×720 instead of the whole panel's
/// (the plenary shows a workshop's cloud above its findings and ballot); still never
/// under 24 px.
pub fn cloud_within(
    keywords: &[crate::domain::keyword::KeywordCount],
    max: usize,
    area_px2: f64,
) -> Vec<CloudWord> {
    let words: Vec<(f64, f64)> = keywords
        .iter()
        .map(|k| {
            let scale = ((k.count + 1) as f64).ln() / ((max + 1) as f64).ln();
            let chars = k.label.chars().count().max(1) as f64;
            let by_weight = 28.0 + (110.0 - 28.0) * scale;
            let fits = CLOUD_WIDTH_PX / (CHAR_WIDTH_EM * chars);
            (scale, by_weight.min(fits))
        })
        .collect();
    let area = |factor: f64| -> f64 {
        keywords
            .iter()
            .zip(&words)
            .map(|(k, (_, px))| {
                let px = (px * factor).max(MIN_TEXT_PX);
                let width = (CHAR_WIDTH_EM * k.label.chars().count() as f64 * px + 28.0)
                    .min(CLOUD_WIDTH_PX);
                width * px * 1.25
            })
            .sum()
    };
    let mut factor = 1.0;
    while factor > 0.2 && area(factor) > area_px2 {
        factor *= 0.93;
    }
    keywords
        .iter()
        .zip(words)
        .enumerate()
        .map(|(i, (k, (scale, px)))| CloudWord {
            text: k.label.clone(),
            count: k.count,
            weight: (scale * 100.0).round().clamp(0.0, 100.0) as u32,
            size_px: (px * factor).max(MIN_TEXT_PX).round() as u32,
            colour: i % 6,
        })
        .collect()
}

/// `text` cut to `max` grapheme clusters, with "…" when it was longer (never inside a
/// flag or an emoji sequence: `domain::text::shorten`).
fn shorten(text: &str, max: usize) -> String {
    crate::domain::text::shorten(text, max).into_owned()
}

/// The QR code of `url` as an SVG image (black on white, quiet zone included). Rendered
/// once per address (issue #15: regenerating it was 0.63 of a frame's 0.7 ms); the cache
/// holds at most 1,024 addresses, emptied when full.
pub fn qr_svg(url: &str) -> String {
    static CACHE: std::sync::Mutex<Option<HashMap<String, String>>> = std::sync::Mutex::new(None);
    let mut cache = CACHE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let cache = cache.get_or_insert_with(HashMap::new);
    if let Some(svg) = cache.get(url) {
        return svg.clone();
    }
    if cache.len() >= 1_024 {
        cache.clear();
    }
    let svg = render_qr_svg(url);
    cache.insert(url.to_string(), svg.clone());
    svg
}

fn render_qr_svg(url: &str) -> String {
    match qrcode::QrCode::new(url.as_bytes()) {
        Ok(code) => code
            .render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(240, 240)
            .dark_color(qrcode::render::svg::Color("#000000"))
            .light_color(qrcode::render::svg::Color("#ffffff"))
            .build(),
        Err(_) => String::new(),
    }
}

impl PanelView {
    /// The view of `panel` from `tallies` at `version`; links start with `base`.
    pub fn new(panel: Panel, tallies: &Tallies, version: u64, base: &str, tr: Tr) -> Self {
        let w = &tallies.workshop;
        let summary = &tallies.summary;
        let p = &summary.participation;
        let ballots: i64 = p.voters;
        let counter = tr.args(
            "screen-counter",
            &[
                ("phones", p.participants.into()),
                ("entries", (p.keywords + p.findings + ballots).into()),
            ],
        );
        let max = summary.keywords.first().map_or(1, |k| k.count.max(1));
        let cloud = cloud(
            &summary.keywords[..summary.keywords.len().min(CLOUD_WORDS_SHOWN)],
            max,
        );
        let findings = summary
            .findings
            .iter()
            .map(|group| {
                let mut items: Vec<_> = group.items.iter().collect();
                items.sort_by(|a, b| b.supports.cmp(&a.supports).then(b.id.cmp(&a.id)));
                // As many as fit a column of the projector: at most FINDINGS_PER_CATEGORY,
                // and about FINDING_CHARS_PER_COLUMN characters (always at least one).
                let mut shown = Vec::new();
                let mut used = 0;
                for f in items.iter().take(FINDINGS_PER_CATEGORY) {
                    let text = shorten(&f.text, FINDING_CHARS_SHOWN);
                    let chars = text.chars().count() + 20;
                    if !shown.is_empty() && used + chars > FINDING_CHARS_PER_COLUMN {
                        break;
                    }
                    used += chars;
                    shown.push(ScreenFinding {
                        text,
                        supports: f.supports,
                    });
                }
                FindingColumn {
                    label: group.label.clone(),
                    more: group.total.saturating_sub(shown.len()),
                    items: shown,
                }
            })
            .collect();
        let top = summary
            .ranking
            .iter()
            .map(|r| r.totals.dots)
            .max()
            .unwrap_or(0)
            .max(1);
        let bars = summary
            .ranking
            .iter()
            .map(|r| Bar {
                rank: r.label(),
                text: r.totals.text.clone(),
                dots: r.totals.dots,
                voters: r.totals.voters,
                figures: tr.args(
                    "screen-dots-voters",
                    &[
                        ("dots", r.totals.dots.into()),
                        ("voters", r.totals.voters.into()),
                    ],
                ),
                width: u32::try_from(r.totals.dots * 100 / top).unwrap_or(0),
            })
            .collect();
        let join_url = format!("{}/w/{}", base.trim_end_matches('/'), w.join_code);
        let join_host = join_url
            .split_once("://")
            .map_or(join_url.as_str(), |(_, h)| h)
            .to_string();
        let join_site = join_host
            .split_once("/w/")
            .map_or(join_host.as_str(), |(site, _)| site)
            .to_string();
        Self {
            panel,
            version,
            title: w.title.clone(),
            counter,
            results_hidden: w.results_hidden,
            cloud_more: summary.keyword_groups.saturating_sub(CLOUD_WORDS_SHOWN),
            cloud,
            findings,
            bars,
            join_code: w.join_code.clone(),
            qr_svg: if panel == Panel::Join {
                qr_svg(&join_url)
            } else {
                String::new()
            },
            join_url,
            join_host,
            join_site,
        }
    }
}

/// The `panel` block alone: what the stream sends.
#[derive(Template)]
#[template(path = "participant/screen.html", block = "panel")]
pub struct PanelFragment<'a> {
    pub tr: Tr,
    pub view: &'a PanelView,
}

#[derive(Template)]
#[template(path = "participant/screen.html")]
pub(super) struct ScreenPage<'a> {
    pub(super) tr: Tr,
    pub(super) view: &'a PanelView,
    /// `/w/{code}/screen/events`, with `?panel=` when pinned.
    pub(super) events_url: String,
}

/// One SSE event: `id`, `event: panel`, the fragment's lines as `data:`.
pub fn sse_event(id: u64, data: &str) -> Bytes {
    let mut out = format!("id: {id}\nevent: panel\n");
    for line in data.lines() {
        out.push_str("data: ");
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    Bytes::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::keyword::KeywordCount;

    fn words(list: &[(&str, usize)]) -> Vec<KeywordCount> {
        list.iter()
            .map(|(label, count)| KeywordCount {
                key: (*label).to_string(),
                label: (*label).to_string(),
                count: *count,
                variants: vec![((*label).to_string(), *count)],
                hidden: false,
            })
            .collect()
    }

    #[test]
    fn the_most_frequent_keyword_is_the_largest_and_none_is_under_24_px() {
        let cloud = cloud(
            &words(&[("inspirant", 5), ("utile", 2), ("essaimage", 1)]),
            5,
        );
        assert!(cloud[0].size_px > cloud[1].size_px && cloud[1].size_px > cloud[2].size_px);
        assert!(cloud.iter().all(|w| w.size_px >= 24));
    }

    #[test]
    fn forty_words_shrink_together_to_fit_the_projector() {
        let labels: Vec<String> = (0..40).map(|i| format!("motclefnumero{i:02}")).collect();
        let list: Vec<(&str, usize)> = labels.iter().map(|l| (l.as_str(), 3)).collect();
        let cloud = cloud(&words(&list), 3);
        let area: f64 = cloud
            .iter()
            .map(|w| {
                let px = f64::from(w.size_px);
                (CHAR_WIDTH_EM * w.text.chars().count() as f64 * px + 28.0) * px * 1.25
            })
            .sum();
        assert!(area <= CLOUD_AREA_PX2 * 1.05, "{area}");
        assert!(cloud.iter().all(|w| w.size_px >= 24));
    }

    #[test]
    fn a_long_keyword_is_never_wider_than_the_screen() {
        let long = "expérimentationcollectiveetterritorialeàgrandeéchelle";
        let cloud = cloud(&words(&[(long, 9), ("court", 1)]), 9);
        let width = CHAR_WIDTH_EM * long.chars().count() as f64 * f64::from(cloud[0].size_px);
        assert!(width <= CLOUD_WIDTH_PX + 1.0, "{width}");
    }

    #[test]
    fn long_findings_are_shortened_on_the_projector() {
        assert_eq!(shorten("court", 160), "court");
        let long = "a".repeat(200);
        assert_eq!(shorten(&long, 160).chars().count(), 161);
        assert!(shorten(&long, 160).ends_with('…'));
        // 161 flags: the cut falls between two flags, never inside one.
        let flags = format!("a{}", "🇫🇷".repeat(160));
        let cut = shorten(&flags, 160);
        assert_eq!(cut, format!("a{}…", "🇫🇷".repeat(159)));
    }
}
