//! The report as Markdown (`report.md`): CommonMark with pipe tables, participants' text
//! escaped so it never becomes markup ([`escape`]), written a line at a time as it is
//! made (issue #15).

use super::document::Report;

impl Report<'_> {
    /// Writes the report to `out` as Markdown (CommonMark with pipe tables), participant
    /// text escaped, a line at a time, as it is made.
    ///
    /// # Errors
    /// Those of `out` (the first one; nothing more is written after it).
    pub fn write_markdown(&self, mut out: impl std::io::Write) -> std::io::Result<()> {
        let tr = self.tr;
        let mut failed = None;
        let mut line = |text: &str| {
            if failed.is_none()
                && let Err(e) = out
                    .write_all(text.as_bytes())
                    .and_then(|()| out.write_all(b"\n"))
            {
                failed = Some(e);
            }
        };
        if let Some(event) = &self.event {
            line(&escape(event));
            line("");
        }
        line(&format!("# {}", escape(&self.title)));
        line("");
        if let Some(when) = &self.when {
            line(&escape(when));
            line("");
        }
        if let Some(text) = self.synthesis("general") {
            line(&paragraph(text));
            line("");
        }
        line(&format!("## {}", tr.t("report-workshop")));
        line("");
        if !self.description.is_empty() {
            line(&paragraph(&self.description));
            line("");
        }
        if !self.question.is_empty() {
            line(&format!(
                "**{}** {}",
                tr.t("report-question"),
                escape(&self.question)
            ));
            line("");
        }
        if !self.speakers.is_empty() {
            line(&format!("**{}**", tr.t("report-speakers")));
            line("");
            for (name, topic) in &self.speakers {
                if topic.is_empty() {
                    line(&format!("- {}", escape(name)));
                } else {
                    line(&format!("- {} : {}", escape(name), escape(topic)));
                }
            }
            line("");
        }
        if !self.facilitator.is_empty() {
            line(&format!(
                "**{}** {}  ",
                tr.t("report-facilitator"),
                escape(&self.facilitator)
            ));
        }
        if !self.rapporteur.is_empty() {
            line(&format!(
                "**{}** {}",
                tr.t("report-rapporteur"),
                escape(&self.rapporteur)
            ));
        }
        line("");
        if !self.keywords.is_empty() || self.synthesis("keywords").is_some() {
            line(&format!("## {}", tr.t("report-keywords")));
            line("");
            if let Some(text) = self.synthesis("keywords") {
                line(&paragraph(text));
                line("");
            }
            if !self.keywords.is_empty() {
                line(&escape(&self.keywords_line()));
                line("");
            }
        }
        if !self.statements.is_empty()
            || !self.categories.is_empty()
            || self.synthesis("findings").is_some()
        {
            line(&format!("## {}", escape(&self.findings_heading)));
            line("");
            if let Some(text) = self.synthesis("findings") {
                line(&paragraph(text));
                line("");
            }
            if self.statements.is_empty() {
                self.raw_findings("###", &mut line);
            }
            for section in &self.statements {
                line(&format!("### {}", escape(&section.label)));
                line("");
                for (text, backing) in &section.statements {
                    line(&format!("- {} *({})*", escape(text), self.backing(backing)));
                }
                line("");
            }
        }
        line(&format!("## {}", tr.t("report-recommendations")));
        line("");
        if let Some(text) = self.synthesis("recommendations") {
            line(&paragraph(text));
            line("");
        }
        let mut voted = false;
        for r in self.voted() {
            voted = true;
            line(&format!(
                "- **{}** {} *({})*",
                escape(&r.rank),
                escape(&r.text.replace('\n', " ")),
                self.dots_line(r)
            ));
        }
        if voted {
            line("");
        }
        line(&format!("## {}", tr.t("report-annex")));
        line("");
        if !self.keywords.is_empty() {
            line(&format!("### {}", tr.t("report-annex-keywords")));
            line("");
            for (label, count) in &self.keywords {
                line(&format!("- {} ({count})", escape(label)));
            }
            line("");
        }
        if !self.statements.is_empty() && !self.categories.is_empty() {
            line(&format!("### {}", tr.t("report-annex-findings")));
            line("");
            self.raw_findings("####", &mut line);
        }
        line(&format!("### {}", tr.t("report-annex-votes")));
        line("");
        line(&format!(
            "| {} | {} | {} | {} | {} |",
            tr.t("col-rank"),
            tr.t("col-recommendation"),
            tr.t("col-dots"),
            tr.t("col-voters"),
            tr.t("col-share")
        ));
        line("| ---: | --- | ---: | ---: | ---: |");
        for r in &self.recommendations {
            line(&format!(
                "| {} | {} | {} | {} | {} |",
                r.rank,
                escape(&r.text.replace('\n', " ")),
                r.dots,
                r.voters,
                self.percent(r.share)
            ));
        }
        line("");
        line(&format!("### {}", tr.t("report-participation")));
        line("");
        line(&self.participation_line());
        failed.map_or(Ok(()), Err)
    }

    /// The raw findings under a heading per category (`level`: `###` or `####`).
    fn raw_findings(&self, level: &str, line: &mut impl FnMut(&str)) {
        for category in &self.categories {
            line(&format!("{level} {}", escape(&category.label)));
            line("");
            for (text, supports) in category.findings {
                let text = escape(text).replace('\n', "  \n  ");
                if *supports > 0 {
                    line(&format!("- {text} (+{supports})"));
                } else {
                    line(&format!("- {text}"));
                }
            }
            line("");
        }
    }
}

/// A multi-line paragraph as Markdown: escaped, line breaks kept.
fn paragraph(text: &str) -> String {
    escape(text).replace('\n', "  \n")
}

/// Escapes `text` so that it reads as text in Markdown (CommonMark and GitHub's tables):
/// inline markup (`\ ` * _ [ ] < > | ~ &`) is escaped once wherever it stands, a line
/// never starts a heading, list, quote, rule, fence or setext underline (`#`, `-`, `+`,
/// `=`, `1.`, `1)` are escaped there), and the spaces or tabs that start a line become
/// no-break spaces, so an indented line is never a code block.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let body = line.trim_start_matches([' ', '\t']);
        let indent = line.len() - body.len();
        out.extend(std::iter::repeat_n('\u{00A0}', indent));
        let digits = body.bytes().take_while(u8::is_ascii_digit).count();
        for (at, c) in body.char_indices() {
            let inline = matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&'
            );
            let block = (at == 0 && matches!(c, '#' | '-' | '+' | '='))
                || (digits > 0 && at == digits && matches!(c, '.' | ')'));
            if inline || block {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}
