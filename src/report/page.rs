//! The report as an HTML page (`templates/facilitator/report.html`), with a print style
//! sheet for "Print → PDF" on A4: served at `/f/{key}/report`, put in the ZIP and written
//! by `atelier export`. The keyword cloud is drawn in it, as an inline SVG.

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
    /// `/f/{key}` for the back link; empty in the ZIP and on the command line.
    pub base: String,
    /// The keyword cloud, an `<svg>` element ([`cloud::element`]).
    pub cloud: String,
}

impl<'a> ReportPage<'a> {
    /// The page of `report`, its back link to `base` (empty: none).
    pub fn new(report: &'a Report<'a>, base: String) -> Self {
        Self {
            tr: report.tr,
            report,
            base,
            cloud: cloud::element(
                &report.keywords,
                &cloud::title(report.tr.lang, &report.title),
            ),
        }
    }
}

/// The report as a page, its back link to `base` (empty: none).
///
/// # Errors
/// Template errors.
pub fn render(report: &Report<'_>, base: String) -> Result<String, askama::Error> {
    ReportPage::new(report, base).render()
}

/// Writes the report page to `out`, as [`render`] makes it, without holding it whole.
///
/// # Errors
/// Template errors and those of `out`.
pub fn write(
    report: &Report<'_>,
    base: String,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    ReportPage::new(report, base).write_into(out)
}
