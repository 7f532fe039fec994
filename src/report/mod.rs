//! From read models to what people take away: the report (HTML, Markdown, Word), the
//! workbook, the CSV files and the ZIP of them all. Pure functions, no I/O.

pub mod chart;
pub mod cloud;
pub mod csv;
pub mod document;
pub mod docx;
pub mod docx_style;
pub mod files;
pub mod french_excel;
mod markdown;
pub mod page;
pub mod proceedings;
pub mod raster;
pub mod xlsx;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// A stored UTC time (RFC 3339) in the time zone `time_zone`, as
/// `YYYY-MM-DD HH:MM:SS`, which Excel and LibreOffice read as a date. An unreadable time
/// is returned as stored.
pub fn local_time(utc: &str, time_zone: Tz) -> String {
    match utc.parse::<DateTime<Utc>>() {
        Ok(t) => t
            .with_timezone(&time_zone)
            .format("%Y-%m-%d %H:%M:%S")
            .to_string(),
        Err(_) => utc.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_shown_in_the_workshop_time_zone() {
        assert_eq!(
            local_time("2026-07-01T08:00:00.000Z", chrono_tz::Europe::Paris),
            "2026-07-01 10:00:00"
        );
        assert_eq!(
            local_time("2026-12-01T08:00:00.000Z", chrono_tz::Europe::Paris),
            "2026-12-01 09:00:00"
        );
        // 00:30 in Paris on the night the clocks go back (25 October 2026, 03:00 -> 02:00).
        assert_eq!(
            local_time("2026-10-24T22:30:00.000Z", chrono_tz::Europe::Paris),
            "2026-10-25 00:30:00"
        );
        assert_eq!(
            local_time("2026-12-01T08:00:00.000Z", chrono_tz::America::Cayenne),
            "2026-12-01 05:00:00"
        );
    }
}
