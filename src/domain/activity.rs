//! The names a workshop's settings take: the activities a facilitator opens and closes,
//! the projector's panels, the entries moderation hides, the report's synthesis sections.
//! Each has one spelling, used in URLs, forms and the database (the schema's CHECKs
//! list the same words).

/// A participant activity the facilitator opens and closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Activity {
    /// Keywords (the phone's first card).
    Keywords,
    /// Findings and their "+1".
    Findings,
    /// The dot vote.
    Votes,
}

impl Activity {
    /// Every activity, in the phone's order.
    pub const ALL: [Self; 3] = [Self::Keywords, Self::Findings, Self::Votes];

    /// The activity named `keywords`, `findings` or `votes`.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.name() == name)
    }

    /// Its name in forms and messages.
    pub fn name(self) -> &'static str {
        match self {
            Self::Keywords => "keywords",
            Self::Findings => "findings",
            Self::Votes => "votes",
        }
    }
}

/// A panel of the projector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Panel {
    /// The keyword cloud.
    Keywords,
    /// The findings, by category.
    Findings,
    /// The dot vote's bars.
    Votes,
    /// The join code and its QR code, the default.
    #[default]
    Join,
}

impl Panel {
    /// Every panel, in the dashboard's order.
    pub const ALL: [Self; 4] = [Self::Join, Self::Keywords, Self::Findings, Self::Votes];

    /// The panel named `keywords`, `findings`, `votes` or `join`.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.name() == name)
    }

    /// Its name in URLs and in the database.
    pub fn name(self) -> &'static str {
        match self {
            Self::Keywords => "keywords",
            Self::Findings => "findings",
            Self::Votes => "votes",
            Self::Join => "join",
        }
    }
}

/// A participant entry the facilitator can hide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// A keyword entry.
    Keyword,
    /// A finding.
    Finding,
}

impl EntryKind {
    /// The kind named `keyword` or `finding` (the dashboard's routes).
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "keyword" => Some(Self::Keyword),
            "finding" => Some(Self::Finding),
            _ => None,
        }
    }
}

/// A report section that takes a synthesis paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SynthesisSection {
    /// Before everything: the workshop in a few lines.
    General,
    /// Under the keywords.
    Keywords,
    /// Under the findings.
    Findings,
    /// Under the ranked recommendations.
    Recommendations,
}

impl SynthesisSection {
    /// Every section, in the report's order.
    pub const ALL: [Self; 4] = [
        Self::General,
        Self::Keywords,
        Self::Findings,
        Self::Recommendations,
    ];

    /// The section named `general`, `keywords`, `findings` or `recommendations`.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Its name in forms and in the database.
    pub fn name(self) -> &'static str {
        match self {
            Self::General => "general",
            Self::Keywords => "keywords",
            Self::Findings => "findings",
            Self::Recommendations => "recommendations",
        }
    }
}

/// A facilitator's on/off switch as the dashboard's forms send it: `1` on, `0` off;
/// anything else is not a form of ours (`None`).
pub fn on_off(value: Option<&str>) -> Option<bool> {
    match value {
        Some("1") => Some(true),
        Some("0") => Some(false),
        _ => None,
    }
}
