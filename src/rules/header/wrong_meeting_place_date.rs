use jiff::civil::Date;

use crate::diag::{Finding, Severity};
use crate::model::header::keys;
use crate::profile::Meeting;
use crate::rules::{Area, Context, Rule, RuleId};
use crate::text;

pub static RULE: Rule = Rule {
    id: RuleId::WrongMeetingPlaceDate,
    code: "FG107",
    slug: "wrong-meeting-place-date",
    severity: Severity::Warning,
    area: Area::Header,
    summary: "the header's place and dates are not the meeting's",
    why: "A document dated for another meeting is usually an old input re-sent, or aimed at the wrong meeting; the secretariat must notice before registering it.",
    fix: "Write the meeting's place and dates right of the WG(s)/Question(s) value, as the meeting's announcement gives them.",
    source: "the meeting's announcement (TSB circular); meeting data place, start, end",
    bad: "Geneva, 17-26 March 2020 in an input to a July 2020 e-meeting.",
    good: "E-meeting, 27 July - 7 August 2020 for that meeting (hyphen or en dash, NBSP or space), or a range inside the meeting such as E-meeting, 27-31 July 2020.",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    if !super::header_found(context) {
        return;
    }
    let Some(meeting) = context.meeting else {
        return;
    };
    let expected = format!(
        "{}, {}",
        meeting.place,
        format_range(meeting.start, meeting.end)
    );
    let fix = format!(
        "Write \"{expected}\" (the dates of {}) right of the WG(s)/Question(s) value.",
        meeting.name
    );
    if context.profile.field(keys::PLACE_DATES).is_none() {
        return;
    }
    let Some(field) = context.header.get(keys::PLACE_DATES) else {
        out.push(
            context
                .finding(
                    &RULE,
                    "no place and dates were found on the cover",
                    super::at_header(context),
                )
                .expected(expected)
                .found("nothing")
                .fix(fix),
        );
        return;
    };
    let written = text::fold(&field.value);
    let (place, dates) = split_place_dates(&written);
    let place_ok = meeting.place_matches(&place);
    let range = parse_range(&dates);
    let dates_ok = range
        .is_some_and(|(start, end)| start >= meeting.start && end <= meeting.end && start <= end);
    if place_ok && dates_ok {
        return;
    }
    let what = match (place_ok, dates_ok, range) {
        (false, true, _) => format!(
            "the place \"{place}\" is not the meeting's ({})",
            meeting.place
        ),
        (true, false, None) => format!("the dates \"{dates}\" cannot be read as a date range"),
        (true, false, Some(_)) => format!(
            "the dates \"{dates}\" are not within the meeting ({})",
            format_range(meeting.start, meeting.end)
        ),
        _ => format!("\"{written}\" is not this meeting's place and dates"),
    };
    out.push(
        context
            .finding(&RULE, what, super::at_field(field))
            .expected(expected)
            .found(format!("\"{}\"", text::clip(&written, 80)))
            .fix(fix),
    );
}

/// "E-meeting, 27 July - 7 August 2020" -> ("E-meeting", "27 July - 7 August 2020").
pub fn split_place_dates(written: &str) -> (String, String) {
    if let Some((place, dates)) = written.split_once(',')
        && dates.chars().any(|c| c.is_ascii_digit())
        && !place.chars().any(|c| c.is_ascii_digit())
    {
        return (place.trim().to_string(), dates.trim().to_string());
    }
    // No comma: the dates start at the first word that begins with a digit or a month.
    let words: Vec<&str> = written.split(' ').collect();
    let start = words
        .iter()
        .position(|w| w.starts_with(|c: char| c.is_ascii_digit()) || month_of(w).is_some())
        .unwrap_or(words.len());
    let place = words.get(..start).unwrap_or_default().join(" ");
    let dates = words.get(start..).unwrap_or_default().join(" ");
    (place.trim_end_matches([',', ' ']).to_string(), dates)
}

#[derive(Default, Clone, Copy)]
struct Partial {
    day: Option<i8>,
    month: Option<i8>,
    year: Option<i16>,
}

fn month_of(word: &str) -> Option<i8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = word
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    if lower.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            *m == lower || (lower.len() >= 3 && m.starts_with(&lower) && lower.len() <= m.len())
        })
        .and_then(|i| i8::try_from(i + 1).ok())
}

fn parse_partial(text: &str) -> Partial {
    let mut partial = Partial::default();
    for word in text.split([' ', ',', '.']).filter(|w| !w.is_empty()) {
        if let Some(month) = month_of(word) {
            partial.month = Some(month);
        } else if let Ok(number) = word
            .trim_end_matches(|c: char| c.is_alphabetic())
            .parse::<i32>()
        {
            // "27th" -> 27; four digits are a year.
            if (1000..=9999).contains(&number) {
                partial.year = i16::try_from(number).ok();
            } else if (1..=31).contains(&number) {
                partial.day = i8::try_from(number).ok();
            }
        }
    }
    partial
}

/// Reads "27 July - 7 August 2020", "27-31 July 2020", "27 July 2020 - 7 August 2020",
/// "July 27 - August 7, 2020" and "27 July 2020". Missing parts of the start are taken
/// from the end, as a reader would.
pub fn parse_range(text: &str) -> Option<(Date, Date)> {
    let text = text::fold(text).replace(" to ", " - ");
    let (left, right) = match text.split_once('-') {
        Some((l, r)) => (l.trim().to_string(), r.trim().to_string()),
        None => (text.clone(), text.clone()),
    };
    let end = parse_partial(&right);
    let start = parse_partial(&left);
    let end_date = Date::new(end.year?, end.month?, end.day?).ok()?;
    let start_date = Date::new(
        start.year.unwrap_or(end.year?),
        start.month.or(end.month)?,
        start.day?,
    )
    .ok()?;
    Some((start_date, end_date))
}

/// "27 July - 7 August 2020", as the circulars write it.
pub fn format_range(start: Date, end: Date) -> String {
    let month = |d: Date| -> &'static str {
        const NAMES: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        usize::try_from(d.month() - 1)
            .ok()
            .and_then(|i| NAMES.get(i))
            .copied()
            .unwrap_or("?")
    };
    if start.year() != end.year() {
        format!(
            "{} {} {} - {} {} {}",
            start.day(),
            month(start),
            start.year(),
            end.day(),
            month(end),
            end.year()
        )
    } else if start.month() != end.month() {
        format!(
            "{} {} - {} {} {}",
            start.day(),
            month(start),
            end.day(),
            month(end),
            end.year()
        )
    } else if start.day() != end.day() {
        format!(
            "{}-{} {} {}",
            start.day(),
            end.day(),
            month(end),
            end.year()
        )
    } else {
        format!("{} {} {}", end.day(), month(end), end.year())
    }
}

/// Used by the register to show a meeting.
pub fn meeting_label(meeting: &Meeting) -> String {
    format!(
        "{}, {}",
        meeting.place,
        format_range(meeting.start, meeting.end)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn reads_the_forms_delegates_write() {
        let july = (d(2020, 7, 27), d(2020, 8, 7));
        for text in [
            "27 July - 7 August 2020",
            "27 July \u{2013} 7 August 2020",
            "27\u{a0}July\u{a0}-\u{a0}7\u{a0}August\u{a0}2020",
            "27 July 2020 - 7 August 2020",
            "July 27 - August 7, 2020",
            "27 Jul. - 7 Aug. 2020",
            "27th July - 7th August 2020",
        ] {
            assert_eq!(parse_range(text), Some(july), "{text}");
        }
        assert_eq!(
            parse_range("27-31 July 2020"),
            Some((d(2020, 7, 27), d(2020, 7, 31)))
        );
        assert_eq!(
            parse_range("17-26 March 2020"),
            Some((d(2020, 3, 17), d(2020, 3, 26)))
        );
        assert_eq!(
            parse_range("27 July 2020"),
            Some((d(2020, 7, 27), d(2020, 7, 27)))
        );
        assert_eq!(parse_range("sometime in July"), None);
        assert_eq!(parse_range("31 February 2020"), None);
    }

    #[test]
    fn splits_place_from_dates() {
        assert_eq!(
            split_place_dates("E-meeting, 27 July - 7 August 2020"),
            ("E-meeting".into(), "27 July - 7 August 2020".into())
        );
        assert_eq!(
            split_place_dates("Geneva 17-26 March 2020"),
            ("Geneva".into(), "17-26 March 2020".into())
        );
        assert_eq!(
            split_place_dates("Virtual meeting July 27 - August 7, 2020"),
            ("Virtual meeting".into(), "July 27 - August 7, 2020".into())
        );
    }

    #[test]
    fn formats_like_the_circular() {
        assert_eq!(
            format_range(d(2020, 7, 27), d(2020, 8, 7)),
            "27 July - 7 August 2020"
        );
        assert_eq!(
            format_range(d(2020, 3, 17), d(2020, 3, 26)),
            "17-26 March 2020"
        );
    }
}
