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

use super::cloud::{CloudWord, PANEL_WIDTH_PX, cloud};

/// Findings shown per category on the projector, at most.
const FINDINGS_PER_CATEGORY: usize = 6;
/// Characters of a finding shown on the projector (the report has them whole).
const FINDING_CHARS_SHOWN: usize = 160;
// The projector is laid out at 1280×720 CSS pixels and scaled as a whole to the screen
// (`static/style.css`, `--u`: one pixel at 1280×720), so what fits there fits at every
// size from 1280×720 to 4K; the panel's width there is `cloud::PANEL_WIDTH_PX`.
/// Height a findings column may fill at 1280×720, below its heading and above its
/// "+ N autres", in lines of 26 px text (line height 1.2, with the space between items).
const FINDING_LINES_PER_COLUMN: f64 = 13.0;
/// The space between two findings, in lines.
const FINDING_GAP_LINES: f64 = 0.35;
/// A finding shortened to the lines left in its column shows at least this many
/// characters, or waits in "+ N autres".
const MIN_FINDING_CHARS: usize = 40;
/// Share of a line's characters that words fill once wrapped (they are not split).
const WRAPPED_SHARE: f64 = 0.9;
/// Gap between findings columns, in pixels at 1280×720.
const COLUMN_GAP_PX: f64 = 20.0;
/// Average width of a character of the findings' 26 px text, in pixels.
const FINDING_CHAR_PX: f64 = 26.0 * 0.56;
/// Height the vote's bars may fill at 1280×720, in pixels, above their "+ N autres".
const BARS_HEIGHT_PX: f64 = 470.0;
/// Width of a bar's text at 1280×720 (the panel less the rank and the figures), and the
/// width of one of its 24 px characters.
const BAR_TEXT_PX: f64 = 560.0;
const BAR_CHAR_PX: f64 = 24.0 * 0.56;
/// Keyword groups shown in the projector's cloud; the others are counted below it.
const CLOUD_WORDS_SHOWN: usize = 40;
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

impl Bar {
    /// The bar of `ranked`, showing `text` (its text, maybe shortened), its length against
    /// `top` dots (the most any recommendation has, at least 1). A recommendation without
    /// a dot has no rank (not "1=" with every other one before the vote) and no bar.
    pub fn new(ranked: &crate::domain::ranking::Ranked, text: String, top: i64, tr: Tr) -> Self {
        let totals = &ranked.totals;
        Self {
            rank: if totals.dots > 0 {
                ranked.label()
            } else {
                String::new()
            },
            text,
            dots: totals.dots,
            voters: totals.voters,
            figures: tr.args(
                "screen-dots-voters",
                &[
                    ("dots", totals.dots.into()),
                    ("voters", totals.voters.into()),
                ],
            ),
            width: u32::try_from(totals.dots * 100 / top.max(1)).unwrap_or(0),
        }
    }
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
    /// Recommendations ranked below the bars that fit the screen (counted, not shown).
    pub bars_more: usize,
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

/// Characters of a recommendation shown on the projector's bars.
const BAR_TEXT_CHARS: usize = 140;

/// Lines `text` takes at `per_line` characters a line (words are not split, so a line
/// holds a little less: counted at [`WRAPPED_SHARE`]), each of its own line breaks starting a line.
pub(crate) fn lines_of(text: &str, per_line: f64) -> f64 {
    text.split('\n')
        .map(|line| {
            (line.chars().count() as f64 / (per_line * WRAPPED_SHARE))
                .ceil()
                .max(1.0)
        })
        .sum()
}

/// `text` cut to `max` grapheme clusters, with "…" when it was longer (never inside a
/// flag or an emoji sequence: `domain::text::shorten`), and then back to the end of its
/// last whole word when one ends within the last 20 characters kept.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    let cut = crate::domain::text::shorten(text, max);
    let Some(kept) = cut.strip_suffix('…').filter(|_| cut.len() < text.len()) else {
        return cut.into_owned();
    };
    let tail_start = kept
        .char_indices()
        .rev()
        .nth(19)
        .map_or(0, |(index, _)| index);
    match kept[tail_start..].rfind(char::is_whitespace) {
        Some(space) => format!("{}…", kept[..tail_start + space].trim_end()),
        None => cut.into_owned(),
    }
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
        Ok(code) => without_declaration(
            code.render::<qrcode::render::svg::Color<'_>>()
                .min_dimensions(240, 240)
                .dark_color(qrcode::render::svg::Color("#000000"))
                .light_color(qrcode::render::svg::Color("#ffffff"))
                .build(),
        ),
        Err(_) => String::new(),
    }
}

/// `svg` without its `<?xml …?>` declaration, if it has one: inline in HTML a declaration
/// is invalid (issue #12), and a standalone SVG file needs none.
fn without_declaration(svg: String) -> String {
    match svg
        .strip_prefix("<?xml")
        .and_then(|rest| rest.split_once("?>"))
    {
        Some((_, body)) => body.trim_start().to_string(),
        None => svg,
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
        let columns = summary.findings.len().max(1) as f64;
        let column_px = (PANEL_WIDTH_PX - COLUMN_GAP_PX * (columns - 1.0)) / columns;
        let chars_per_line = (column_px / FINDING_CHAR_PX).floor().max(4.0);
        let findings = summary
            .findings
            .iter()
            .map(|group| {
                let mut items: Vec<_> = group.items.iter().collect();
                items.sort_by(|a, b| b.supports.cmp(&a.supports).then(b.id.cmp(&a.id)));
                // As many as fit a column of the projector at 1280×720: at most
                // FINDINGS_PER_CATEGORY, within FINDING_LINES_PER_COLUMN lines, the last
                // one shortened to the lines left when at least MIN_FINDING_CHARS fit
                // (always one).
                let mut shown = Vec::new();
                let mut used = 0.0;
                for f in items.iter().take(FINDINGS_PER_CATEGORY) {
                    let room_left = FINDING_LINES_PER_COLUMN - used - FINDING_GAP_LINES;
                    let fits =
                        (room_left.floor() * chars_per_line * WRAPPED_SHARE).max(0.0) as usize;
                    if !shown.is_empty() && fits < MIN_FINDING_CHARS {
                        break;
                    }
                    let limit = FINDING_CHARS_SHOWN.min(fits.saturating_sub(2).max(20));
                    let text = shorten(&f.text, limit);
                    let lines = lines_of(&text, chars_per_line) + FINDING_GAP_LINES;
                    if !shown.is_empty() && used + lines > FINDING_LINES_PER_COLUMN {
                        break;
                    }
                    used += lines;
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
        let bar_chars_per_line = (BAR_TEXT_PX / BAR_CHAR_PX).floor();
        let mut bars_height = 0.0;
        let bars: Vec<Bar> = summary
            .ranking
            .iter()
            .take_while(|r| {
                // A bar is its text's lines (28 px each), the track and the space below.
                let text = shorten(&r.totals.text, BAR_TEXT_CHARS);
                let height = lines_of(&text, bar_chars_per_line) * 28.0 + 30.0;
                bars_height += height;
                bars_height <= BARS_HEIGHT_PX
            })
            .map(|r| Bar::new(r, shorten(&r.totals.text, BAR_TEXT_CHARS), top, tr))
            .collect();
        let bars_more = summary.ranking.len().saturating_sub(bars.len());
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
            cloud_more: summary.keyword_groups.saturating_sub(cloud.len()),
            cloud,
            findings,
            bars,
            bars_more,
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

    #[test]
    fn the_inline_qr_code_has_no_xml_declaration() {
        let svg = qr_svg("http://192.168.1.20:8080/w/ABC234");
        assert!(svg.starts_with("<svg"), "{}", &svg[..40.min(svg.len())]);
        assert!(!svg.contains("<?xml"));
    }

    #[test]
    fn a_shortened_finding_ends_after_a_whole_word() {
        let text = "les petites communes manquent d'ingénierie pour monter des projets";
        assert_eq!(
            shorten(text, 52),
            "les petites communes manquent d'ingénierie pour…"
        );
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
