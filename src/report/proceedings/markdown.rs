//! The proceedings as Markdown (`report.md` of an event): the title page, a linked table
//! of contents, each chapter as the workshop's `report.md` one heading level down, then
//! the event summary. Participant text is escaped by the workshop report
//! ([`crate::report::document::escape`]), so no line of it starts with `#` and moving
//! every heading down a level touches headings only.

use super::{Proceedings, SUMMARY_ANCHOR};
use crate::report::document::escape;

impl Proceedings<'_> {
    /// The proceedings as Markdown (CommonMark with pipe tables, anchors as `<a id>`).
    /// Each chapter is the workshop's `report.md` ([`crate::report::document::Report::write_markdown`])
    /// with every heading a level down.
    ///
    /// # Errors
    /// None in practice: a chapter is written into memory first.
    pub fn markdown(&self) -> std::io::Result<String> {
        let tr = self.tr;
        let mut md = String::new();
        let mut line = |text: &str| {
            md.push_str(text);
            md.push('\n');
        };
        line(&format!("# {}", escape(&self.title)));
        line("");
        line(&format!("**{}**", tr.t("proceedings-title")));
        line("");
        if let Some(when) = self.date_and_place() {
            line(&escape(&when));
            line("");
        }
        line(&format!("## {}", tr.t("proceedings-contents")));
        line("");
        for chapter in &self.chapters {
            line(&format!(
                "- [{}](#{})",
                escape(&chapter.report.title),
                chapter.anchor
            ));
        }
        line(&format!(
            "- [{}](#{SUMMARY_ANCHOR})",
            tr.t("proceedings-summary")
        ));
        line("");
        for chapter in &self.chapters {
            line(&format!("<a id=\"{}\"></a>", chapter.anchor));
            line("");
            let mut report = Vec::new();
            chapter.report.write_markdown(&mut report)?;
            for text in String::from_utf8_lossy(&report).lines() {
                if text.starts_with('#') {
                    line(&format!("#{text}"));
                } else {
                    line(text);
                }
            }
            line("");
        }
        line(&format!("<a id=\"{SUMMARY_ANCHOR}\"></a>"));
        line("");
        line(&format!("## {}", tr.t("proceedings-summary")));
        line("");
        line(&format!("### {}", tr.t("report-participation")));
        line("");
        line(&format!(
            "| {} | {} | {} | {} | {} |",
            tr.t("col-workshop"),
            tr.t("col-phones"),
            tr.t("col-keywords"),
            tr.t("col-findings"),
            tr.t("col-voters")
        ));
        line("| --- | ---: | ---: | ---: | ---: |");
        let (rows, total) = self.participation();
        let n = |n: i64| self.number(n);
        for (chapter, p) in rows {
            line(&format!(
                "| {} | {} | {} | {} | {} |",
                escape(&chapter.report.title),
                n(p.participants),
                n(p.keywords),
                n(p.findings),
                n(p.voters)
            ));
        }
        line(&format!(
            "| **{}** | **{}** | **{}** | **{}** | **{}** |",
            tr.t("proceedings-total"),
            n(total.participants),
            n(total.keywords),
            n(total.findings),
            n(total.voters)
        ));
        line("");
        if !self.keywords.is_empty() {
            line(&format!("### {}", tr.t("proceedings-keywords")));
            line("");
            for k in &self.keywords {
                line(&format!(
                    "- {} ({}) — {}",
                    escape(&k.label),
                    self.count(k.count),
                    self.chapters_line(&k.chapters)
                ));
            }
        }
        Ok(md)
    }
}
