//! The proceedings as an HTML page (`templates/organiser/proceedings.html`): the title
//! page with a table of contents linking to each chapter's anchor, each chapter the
//! workshop report's body (`templates/facilitator/_report_body.html`, the one the report
//! page includes) starting a new page when printed, then the event summary. Like the
//! report page, it holds no link out, so a printed or forwarded copy never carries the
//! organiser's key.

use askama::Template;

use super::{Proceedings, SUMMARY_ANCHOR};
use crate::i18n::Tr;
use crate::report::cloud;
use crate::report::document::Report;

/// The HTML proceedings page.
#[derive(Template)]
#[template(path = "organiser/proceedings.html")]
pub struct ProceedingsPage<'a> {
    pub tr: Tr,
    pub proceedings: &'a Proceedings<'a>,
    pub summary_anchor: &'static str,
}

impl<'a> ProceedingsPage<'a> {
    /// A chapter's keyword cloud, an `<svg>` element, as the report page draws it.
    pub fn cloud_of(&self, report: &Report<'_>) -> String {
        cloud::element(
            &report.keywords,
            &cloud::title(report.tr.lang, &report.title),
        )
    }

    /// The page of `proceedings`.
    pub fn new(proceedings: &'a Proceedings<'a>) -> Self {
        Self {
            tr: proceedings.tr,
            proceedings,
            summary_anchor: SUMMARY_ANCHOR,
        }
    }
}

/// Writes the proceedings page to `out` as it is made.
///
/// # Errors
/// Template errors and those of `out`.
pub fn write(proceedings: &Proceedings<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    ProceedingsPage::new(proceedings).write_into(out)
}
