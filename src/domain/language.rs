//! The one language type: a workshop's language, the interface's language and the
//! stemmer's language are the same two values (ARCHITECTURE.md: French first).

/// A language atelier speaks: interface catalogue, report and keyword stemmer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    /// French, the default (catalogue `fr`, French Snowball stemmer).
    #[default]
    French,
    /// English (catalogue `en`, English Porter 2 Snowball stemmer).
    English,
}

impl Language {
    /// Every language, French first.
    pub const ALL: [Self; 2] = [Self::French, Self::English];

    /// `fr` or `en`: as stored, in URLs (`?lang=`) and in `lang` attributes.
    pub fn code(self) -> &'static str {
        match self {
            Self::French => "fr",
            Self::English => "en",
        }
    }

    /// The language of a code such as `fr`, `en`, `en-GB` or `FR_fr`; `None` for others.
    pub fn from_code(code: &str) -> Option<Self> {
        let primary = code
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "fr" => Some(Self::French),
            "en" => Some(Self::English),
            _ => None,
        }
    }

    /// The language to use, in order: a `?lang=` parameter, the language cookie, the
    /// first language of `Accept-Language` (by weight) that we have, `fallback` (the
    /// workshop's language on its pages, else French).
    pub fn negotiate(
        query: Option<&str>,
        cookie: Option<&str>,
        accept_language: Option<&str>,
        fallback: Self,
    ) -> Self {
        if let Some(lang) = query
            .and_then(Self::from_code)
            .or_else(|| cookie.and_then(Self::from_code))
        {
            return lang;
        }
        let mut offers: Vec<(f32, usize, Self)> = accept_language
            .unwrap_or("")
            .split(',')
            .enumerate()
            .filter_map(|(index, item)| {
                let mut parts = item.split(';');
                let lang = Self::from_code(parts.next()?)?;
                let weight = parts
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .unwrap_or(1.0);
                (weight > 0.0).then_some((weight, index, lang))
            })
            .collect();
        offers.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        offers.first().map_or(fallback, |o| o.2)
    }

    /// The other language, for the switch link.
    pub fn other(self) -> Self {
        match self {
            Self::French => Self::English,
            Self::English => Self::French,
        }
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}
