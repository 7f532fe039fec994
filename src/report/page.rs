//! The report as an HTML page (`templates/facilitator/report.html`), with a print style
//! sheet for "Print → PDF" on A4: served at `/f/{key}/report` and at the read-only share
//! link `/r/{key}`, put in the ZIP and written by `atelier export`. The page holds no
//! link at all, so neither a printed copy nor a forwarded page carries the facilitator's
//! link (issue #13, item 4); its `@page` has no margin, so the browser has no room for
//! the page's address in a footer. The keyword cloud is drawn in it, as an inline SVG.

use askama::Template;

use super::cloud;
use super::document::Report;
use crate::i18n::Tr;

/// The HTML report page.
#[derive(Template)]
#[template(path = "facilitator/report.html")]
pub struct ReportPage<'a> {
    pub tr: Tr,
    pub report: &'a Report<'a>,
    /// The keyword cloud, an `<svg>` element ([`cloud::element`]).
    pub cloud: String,
}

impl<'a> ReportPage<'a> {
    /// The page of `report`.
    pub fn new(report: &'a Report<'a>) -> Self {
        Self {
            tr: report.tr,
            report,
            cloud: cloud::element(
                &report.keywords,
                &cloud::title(report.tr.lang, &report.title),
            ),
        }
    }
}

/// The report as a page.
///
/// # Errors
/// Template errors.
pub fn render(report: &Report<'_>) -> Result<String, askama::Error> {
    ReportPage::new(report).render()
}

/// Writes the report page to `out`, as [`render`] makes it, without holding it whole.
///
/// # Errors
/// Template errors and those of `out`.
pub fn write(report: &Report<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    ReportPage::new(report).write_into(out)
}
