//! The session's date and hours (issue #13, item 3): `date = 2019-11-21`, `starts =
//! "14:00"`, `ends = "16:30"` in the workshop file's `[workshop]`, also set on the
//! synthesis page; the report shows them as "21 novembre 2019, 14:00–16:30". Hours are
//! the workshop's local time. Without a date the report keeps the span of the answers.

use chrono::{Datelike, NaiveDate, NaiveTime};

use super::language::Language;

/// Why a date or an hour was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionError {
    /// Not a date `YYYY-MM-DD` (or `JJ/MM/AAAA` in the page's form), or not a real day.
    BadDate,
    /// Not an hour `HH:MM` from 00:00 to 23:59 (`14h`, `14h30` also read).
    BadTime,
    /// Hours without a date.
    TimeWithoutDate,
    /// The end is before the start.
    EndsBeforeStarts,
}

/// When the session took place: a day, and its hours when given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Session {
    pub date: NaiveDate,
    pub starts: Option<NaiveTime>,
    pub ends: Option<NaiveTime>,
}

/// Reads a date: `2019-11-21` (ISO 8601, as TOML and `<input type="date">` write it) or
/// `21/11/2019` (as people type it in France).
///
/// # Errors
/// [`SessionError::BadDate`].
pub fn parse_date(typed: &str) -> Result<NaiveDate, SessionError> {
    let typed = typed.trim();
    NaiveDate::parse_from_str(typed, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(typed, "%d/%m/%Y"))
        .map_err(|_| SessionError::BadDate)
        .and_then(|d| {
            if (1900..=9999).contains(&d.year()) {
                Ok(d)
            } else {
                Err(SessionError::BadDate)
            }
        })
}

/// Reads an hour: `14:00`, `9:05`, `14h`, `14h30` (French habit).
///
/// # Errors
/// [`SessionError::BadTime`].
pub fn parse_time(typed: &str) -> Result<NaiveTime, SessionError> {
    let typed = typed.trim().to_lowercase();
    let (hours, minutes) = typed.split_once([':', 'h']).ok_or(SessionError::BadTime)?;
    let minutes = if minutes.is_empty() { "00" } else { minutes };
    let digits = |s: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(hours, 1..=2) || !digits(minutes, 2..=2) {
        return Err(SessionError::BadTime);
    }
    let h = hours.parse().map_err(|_| SessionError::BadTime)?;
    let m = minutes.parse().map_err(|_| SessionError::BadTime)?;
    NaiveTime::from_hms_opt(h, m, 0).ok_or(SessionError::BadTime)
}

/// What is wrong with each field, as `(field, error)`: `date`, `starts`, `ends`.
pub type FieldErrors = Vec<(&'static str, SessionError)>;

impl Session {
    /// The session from the typed `date`, `starts` and `ends` (each may be blank):
    /// `Ok(None)` when all three are blank (the report falls back on the answers' span).
    ///
    /// # Errors
    /// Every field at fault: a bad date or hour, hours without a date, an end before
    /// the start.
    pub fn parse(date: &str, starts: &str, ends: &str) -> Result<Option<Self>, FieldErrors> {
        let mut errors = Vec::new();
        let date = if date.trim().is_empty() {
            None
        } else {
            parse_date(date).map_err(|e| errors.push(("date", e))).ok()
        };
        let mut times = [("starts", starts), ("ends", ends)].map(|(field, typed)| {
            if typed.trim().is_empty() {
                None
            } else {
                parse_time(typed).map_err(|e| errors.push((field, e))).ok()
            }
        });
        if let [Some(starts), Some(ends)] = times
            && ends < starts
        {
            errors.push(("ends", SessionError::EndsBeforeStarts));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        match date {
            Some(date) => Ok(Some(Self {
                date,
                starts: times[0].take(),
                ends: times[1].take(),
            })),
            None if times.iter().any(Option::is_some) => {
                Err(vec![("date", SessionError::TimeWithoutDate)])
            }
            None => Ok(None),
        }
    }

    /// The stored form: `(YYYY-MM-DD, Some(HH:MM), Some(HH:MM))`.
    pub fn stored(&self) -> (String, Option<String>, Option<String>) {
        let hm = |t: &NaiveTime| t.format("%H:%M").to_string();
        (
            self.date.format("%Y-%m-%d").to_string(),
            self.starts.as_ref().map(hm),
            self.ends.as_ref().map(hm),
        )
    }

    /// The session read back from its stored columns; `None` when there is no date or a
    /// stored value no longer reads (they were checked when written).
    pub fn from_stored(
        date: Option<&str>,
        starts: Option<&str>,
        ends: Option<&str>,
    ) -> Option<Self> {
        Self::parse(date?, starts.unwrap_or(""), ends.unwrap_or("")).ok()?
    }

    /// "21 novembre 2019, 14:00–16:30" (English: "21 November 2019, 14:00–16:30");
    /// "21 novembre 2019, 14:00" with a start only, "21 novembre 2019" without hours.
    /// `month` names a month (1–12) in `language`.
    pub fn display(&self, language: Language, month: impl Fn(u32) -> String) -> String {
        let _ = language; // Both languages write day, month, year in this order.
        let mut out = format!(
            "{} {} {}",
            self.date.day(),
            month(self.date.month()),
            self.date.year()
        );
        let hm = |t: NaiveTime| t.format("%H:%M").to_string();
        match (self.starts, self.ends) {
            (Some(s), Some(e)) => out.push_str(&format!(", {}–{}", hm(s), hm(e))),
            (Some(s), None) => out.push_str(&format!(", {}", hm(s))),
            (None, Some(e)) => out.push_str(&format!(", –{}", hm(e))),
            (None, None) => {}
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(m: u32) -> String {
        [
            "",
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ][m as usize]
            .to_string()
    }

    #[test]
    fn a_date_and_hours_read_as_the_report_shows_them() {
        let session = Session::parse("2019-11-21", "14:00", "16h30")
            .expect("valid")
            .expect("a session");
        assert_eq!(
            session.display(Language::French, month),
            "21 novembre 2019, 14:00–16:30"
        );
        assert_eq!(
            session.stored(),
            (
                "2019-11-21".into(),
                Some("14:00".into()),
                Some("16:30".into())
            )
        );
        let french = Session::parse("21/11/2019", "9h", "")
            .expect("ok")
            .expect("some");
        assert_eq!(
            french.display(Language::French, month),
            "21 novembre 2019, 09:00"
        );
        assert_eq!(Session::parse(" ", "", ""), Ok(None));
    }

    #[test]
    fn bad_dates_and_hours_are_named_by_field() {
        assert_eq!(
            Session::parse("2019-02-30", "25:00", "14:0"),
            Err(vec![
                ("date", SessionError::BadDate),
                ("starts", SessionError::BadTime),
                ("ends", SessionError::BadTime)
            ])
        );
        assert_eq!(
            Session::parse("2019-11-21", "16:30", "14:00"),
            Err(vec![("ends", SessionError::EndsBeforeStarts)])
        );
        assert_eq!(
            Session::parse("", "14:00", ""),
            Err(vec![("date", SessionError::TimeWithoutDate)])
        );
        assert_eq!(parse_time("14:00:00"), Err(SessionError::BadTime));
        assert_eq!(parse_time("-1:00"), Err(SessionError::BadTime));
    }
}
