//! Rule data: template profiles and meetings, kept as TOML in `rules/` so that the
//! secretariat can correct a fact or add a meeting without a release.
//!
//! Loading is two steps (the cargo-deny shape): parse the raw TOML strictly (unknown keys
//! are errors, with the file and line), then validate and resolve (`extends` chains,
//! regexes compiled, dates parsed, time zones looked up). Every error names its file.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use regex::Regex;
use serde::Deserialize;

use crate::model::header::{Hints, Labels};

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// A problem in the rule data: exit code 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    pub file: String,
    pub message: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl std::error::Error for DataError {}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLabels {
    question: Option<Vec<String>>,
    source: Option<Vec<String>>,
    title: Option<Vec<String>>,
    purpose: Option<Vec<String>>,
    contact: Option<Vec<String>>,
    keywords: Option<Vec<String>>,
    #[serde(rename = "abstract")]
    abstract_: Option<Vec<String>>,
    original: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    purposes: Option<Vec<String>>,
    number_patterns: Option<Vec<String>>,
    placeholder_patterns: Option<Vec<String>>,
    group_patterns: Option<Vec<String>>,
    banners: Option<Vec<String>>,
    number_styles: Option<Vec<String>>,
    label_order: Option<Vec<String>>,
    abstract_max_words: Option<usize>,
    original_language: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLayout {
    page_width: Option<[u32; 2]>,
    page_height: Option<[u32; 2]>,
    margin_twips: Option<i64>,
    margin_tolerance: Option<i64>,
    normal_font: Option<String>,
    normal_size_half_points: Option<u32>,
    number_style: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    id: String,
    name: String,
    extends: Option<String>,
    source: Option<String>,
    #[serde(default)]
    labels: RawLabels,
    #[serde(default)]
    header: RawHeader,
    #[serde(default)]
    layout: RawLayout,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeeting {
    id: String,
    name: String,
    profile: String,
    source: Option<String>,
    place: String,
    #[serde(default)]
    place_aliases: Vec<String>,
    start: String,
    end: String,
    input_deadline: String,
    deadline_time: Option<String>,
    time_zone: Option<String>,
    registration_deadline: Option<String>,
    study_period: Option<String>,
    language: Option<String>,
    secretariat: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDefaults {
    profile: Option<String>,
}

/// Page layout expectations.
#[derive(Clone, Debug)]
pub struct Layout {
    pub page_width: [u32; 2],
    pub page_height: [u32; 2],
    pub margin_twips: i64,
    pub margin_tolerance: i64,
    pub normal_font: String,
    pub normal_size_half_points: u32,
    pub number_style: String,
}

/// A resolved template profile.
#[derive(Clone, Debug)]
pub struct Profile {
    pub id: String,
    pub name: String,
    pub source: String,
    /// This profile and its ancestors, nearest first.
    pub lineage: Vec<String>,
    pub hints: Hints,
    pub purposes: Vec<String>,
    pub number_patterns: Vec<Regex>,
    pub placeholder_patterns: Vec<Regex>,
    pub label_order: Vec<String>,
    pub abstract_max_words: usize,
    pub original_language: String,
    pub layout: Layout,
}

/// A resolved meeting.
#[derive(Clone, Debug)]
pub struct Meeting {
    pub id: String,
    pub name: String,
    pub profile: String,
    pub source: String,
    pub place: String,
    pub place_aliases: Vec<String>,
    pub start: Date,
    pub end: Date,
    pub input_deadline: Date,
    pub deadline_time: Time,
    pub time_zone_name: String,
    pub time_zone: TimeZone,
    pub registration_deadline: Option<Date>,
    pub study_period: Option<String>,
    pub language: Option<String>,
    pub secretariat: Option<String>,
}

impl Meeting {
    /// The input deadline as an instant: the deadline time on the deadline date, in the
    /// meeting's time zone (so July is UTC+2 and December UTC+1 in Geneva).
    pub fn deadline(&self) -> Result<jiff::ZonedDateTime, jiff::Error> {
        self.input_deadline
            .to_datetime(self.deadline_time)
            .to_zoned_datetime(self.time_zone.clone())
    }

    /// Whether a place written in a header names this meeting's place.
    pub fn place_matches(&self, written: &str) -> bool {
        let key = crate::text::fold(written).to_lowercase();
        key == crate::text::fold(&self.place).to_lowercase()
            || self
                .place_aliases
                .iter()
                .any(|alias| crate::text::fold(alias).to_lowercase() == key)
    }
}

/// All profiles and meetings, plus the default profile. There is no default meeting: see
/// [`crate::check::Selection`].
#[derive(Clone, Debug, Default)]
pub struct RuleData {
    pub profiles: BTreeMap<String, Profile>,
    pub meetings: BTreeMap<String, Meeting>,
    pub default_profile: Option<String>,
}

impl RuleData {
    /// The data built into the binary.
    pub fn builtin() -> Result<RuleData, DataError> {
        let files: Vec<(String, String)> = BUILTIN
            .iter()
            .map(|(name, text)| (format!("rules/{name}"), (*text).to_string()))
            .collect();
        RuleData::from_files(&files)
    }

    /// The built-in data with extra folders laid over it (same id: the folder wins).
    pub fn with_folders(folders: &[impl AsRef<Path>]) -> Result<RuleData, DataError> {
        let mut files: Vec<(String, String)> = BUILTIN
            .iter()
            .map(|(name, text)| (format!("rules/{name}"), (*text).to_string()))
            .collect();
        for folder in folders {
            collect_toml(folder.as_ref(), &mut files)?;
        }
        RuleData::from_files(&files)
    }

    /// Parses and validates a set of files named by their path under a rules folder:
    /// `profiles/*.toml`, `meetings/*.toml`, `defaults.toml`.
    pub fn from_files(files: &[(String, String)]) -> Result<RuleData, DataError> {
        let mut raw_profiles: BTreeMap<String, (String, RawProfile)> = BTreeMap::new();
        let mut raw_meetings: Vec<(String, RawMeeting)> = Vec::new();
        let mut data = RuleData::default();
        for (file, text) in files {
            let normalized = file.replace('\\', "/");
            let error = |message: String| DataError {
                file: file.clone(),
                message,
            };
            if normalized.contains("/profiles/") || normalized.starts_with("profiles/") {
                let raw: RawProfile = toml::from_str(text).map_err(|e| error(toml_message(&e)))?;
                raw_profiles.insert(raw.id.clone(), (file.clone(), raw));
            } else if normalized.contains("/meetings/") || normalized.starts_with("meetings/") {
                let raw: RawMeeting = toml::from_str(text).map_err(|e| error(toml_message(&e)))?;
                raw_meetings.push((file.clone(), raw));
            } else if normalized.ends_with("defaults.toml") {
                let raw: RawDefaults = toml::from_str(text).map_err(|e| error(toml_message(&e)))?;
                if raw.profile.is_some() {
                    data.default_profile = raw.profile;
                }
            }
        }
        for id in raw_profiles.keys() {
            let profile = resolve_profile(id, &raw_profiles)?;
            data.profiles.insert(id.clone(), profile);
        }
        for (file, raw) in raw_meetings {
            let meeting = resolve_meeting(&file, raw, &data.profiles)?;
            data.meetings.insert(meeting.id.clone(), meeting);
        }
        if let Some(profile) = &data.default_profile
            && !data.profiles.contains_key(profile)
        {
            return Err(DataError {
                file: "rules/defaults.toml".into(),
                message: format!("default profile {profile:?} is not defined in rules/profiles/"),
            });
        }
        Ok(data)
    }
}

fn collect_toml(folder: &Path, files: &mut Vec<(String, String)>) -> Result<(), DataError> {
    let entries = std::fs::read_dir(folder).map_err(|e| DataError {
        file: folder.display().to_string(),
        message: format!("cannot read the rules folder: {e}"),
    })?;
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect_toml(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).map_err(|e| DataError {
                file: path.display().to_string(),
                message: format!("cannot read: {e}"),
            })?;
            files.push((path.display().to_string().replace('\\', "/"), text));
        }
    }
    Ok(())
}

fn toml_message(error: &toml::de::Error) -> String {
    error.to_string().trim_end().replace('\n', "\n  ")
}

fn resolve_profile(
    id: &str,
    raws: &BTreeMap<String, (String, RawProfile)>,
) -> Result<Profile, DataError> {
    // Walk the extends chain, nearest first, refusing cycles.
    let mut chain: Vec<&(String, RawProfile)> = Vec::new();
    let mut current = Some(id.to_string());
    while let Some(name) = current {
        let Some(entry) = raws.get(&name) else {
            let file = chain.last().map(|(f, _)| f.clone()).unwrap_or_default();
            return Err(DataError {
                file,
                message: format!("extends unknown profile {name:?}"),
            });
        };
        if chain.iter().any(|(_, p)| p.id == name) {
            return Err(DataError {
                file: entry.0.clone(),
                message: format!("profile {name:?} extends itself (cycle)"),
            });
        }
        chain.push(entry);
        current = entry.1.extends.clone();
    }
    let file = chain.first().map(|(f, _)| f.clone()).unwrap_or_default();
    let error = |message: String| DataError {
        file: file.clone(),
        message,
    };
    // Nearest definition wins for scalars and pattern lists; label lists accumulate.
    macro_rules! nearest {
        ($($field:tt)+) => {
            chain.iter().find_map(|(_, p)| p.$($field)+.clone())
        };
    }
    let labels_of = |pick: fn(&RawLabels) -> &Option<Vec<String>>| -> Vec<String> {
        let mut all: Vec<String> = Vec::new();
        for (_, profile) in &chain {
            for label in pick(&profile.labels).iter().flatten() {
                let key = crate::text::label_key(label);
                if !all.contains(&key) {
                    all.push(key);
                }
            }
        }
        all
    };
    let labels = Labels {
        question: labels_of(|l| &l.question),
        source: labels_of(|l| &l.source),
        title: labels_of(|l| &l.title),
        purpose: labels_of(|l| &l.purpose),
        contact: labels_of(|l| &l.contact),
        keywords: labels_of(|l| &l.keywords),
        abstract_: labels_of(|l| &l.abstract_),
        original: labels_of(|l| &l.original),
    };
    let compile = |key: &str, patterns: Vec<String>| -> Result<Vec<Regex>, DataError> {
        patterns
            .iter()
            .map(|p| {
                Regex::new(p)
                    .map_err(|e| error(format!("header.{key}: invalid pattern {p:?}: {e}")))
            })
            .collect()
    };
    let number_patterns = compile(
        "number_patterns",
        nearest!(header.number_patterns).unwrap_or_default(),
    )?;
    let placeholder_patterns = compile(
        "placeholder_patterns",
        nearest!(header.placeholder_patterns).unwrap_or_default(),
    )?;
    let group_patterns = compile(
        "group_patterns",
        nearest!(header.group_patterns).unwrap_or_default(),
    )?;
    let label_order = nearest!(header.label_order).unwrap_or_default();
    for key in &label_order {
        if ![
            "question", "source", "title", "purpose", "contact", "keywords", "abstract",
        ]
        .contains(&key.as_str())
        {
            return Err(error(format!("header.label_order: unknown field {key:?}")));
        }
    }
    let layout = Layout {
        page_width: nearest!(layout.page_width).unwrap_or([11900, 11910]),
        page_height: nearest!(layout.page_height).unwrap_or([16834, 16845]),
        margin_twips: nearest!(layout.margin_twips).unwrap_or(1134),
        margin_tolerance: nearest!(layout.margin_tolerance).unwrap_or(20),
        normal_font: nearest!(layout.normal_font).unwrap_or_else(|| "Times New Roman".into()),
        normal_size_half_points: nearest!(layout.normal_size_half_points).unwrap_or(24),
        number_style: nearest!(layout.number_style).unwrap_or_else(|| "Docnumber".into()),
    };
    let mut detection_patterns = number_patterns.clone();
    detection_patterns.extend(placeholder_patterns.iter().cloned());
    let hints = Hints {
        labels,
        number_patterns: detection_patterns,
        group_patterns,
        banners: nearest!(header.banners).unwrap_or_default(),
        number_styles: nearest!(header.number_styles).unwrap_or_else(|| vec!["Docnumber".into()]),
    };
    let (_, own) = chain
        .first()
        .ok_or_else(|| error("empty profile chain".into()))?;
    Ok(Profile {
        id: own.id.clone(),
        name: own.name.clone(),
        source: nearest!(source).unwrap_or_default(),
        lineage: chain.iter().map(|(_, p)| p.id.clone()).collect(),
        hints,
        purposes: nearest!(header.purposes).unwrap_or_default(),
        number_patterns,
        placeholder_patterns,
        label_order,
        abstract_max_words: nearest!(header.abstract_max_words).unwrap_or(200),
        original_language: nearest!(header.original_language).unwrap_or_else(|| "english".into()),
        layout,
    })
}

fn resolve_meeting(
    file: &str,
    raw: RawMeeting,
    profiles: &BTreeMap<String, Profile>,
) -> Result<Meeting, DataError> {
    let error = |message: String| DataError {
        file: file.to_string(),
        message,
    };
    let date = |key: &str, value: &str| -> Result<Date, DataError> {
        value
            .trim()
            .parse::<Date>()
            .map_err(|e| error(format!("{key}: {value:?} is not a date (YYYY-MM-DD): {e}")))
    };
    if !profiles.contains_key(&raw.profile) {
        return Err(error(format!(
            "profile {:?} is not defined in rules/profiles/",
            raw.profile
        )));
    }
    let start = date("start", &raw.start)?;
    let end = date("end", &raw.end)?;
    if end < start {
        return Err(error(format!("end {end} is before start {start}")));
    }
    let input_deadline = date("input_deadline", &raw.input_deadline)?;
    let registration_deadline = raw
        .registration_deadline
        .as_deref()
        .map(|d| date("registration_deadline", d))
        .transpose()?;
    let deadline_time = match raw.deadline_time.as_deref() {
        Some(text) => text.trim().parse::<Time>().map_err(|e| {
            error(format!(
                "deadline_time: {text:?} is not a time (HH:MM:SS): {e}"
            ))
        })?,
        None => Time::constant(23, 59, 59, 0),
    };
    let time_zone_name = raw.time_zone.unwrap_or_else(|| "Europe/Zurich".into());
    let time_zone = TimeZone::get(&time_zone_name).map_err(|e| {
        error(format!(
            "time_zone: {time_zone_name:?} is not an IANA time zone: {e}"
        ))
    })?;
    Ok(Meeting {
        id: raw.id,
        name: raw.name,
        profile: raw.profile,
        source: raw.source.unwrap_or_default(),
        place: raw.place,
        place_aliases: raw.place_aliases,
        start,
        end,
        input_deadline,
        deadline_time,
        time_zone_name,
        time_zone,
        registration_deadline,
        study_period: raw.study_period,
        language: raw.language,
        secretariat: raw.secretariat,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_data_loads_and_resolves() {
        let data = RuleData::builtin().unwrap();
        let fg = &data.profiles["fg-qit4n"];
        assert_eq!(fg.lineage, ["fg-qit4n", "itu-t-sg"]);
        assert!(fg.hints.labels.question.contains(&"wg(s)".to_string()));
        assert!(
            fg.hints
                .labels
                .question
                .contains(&"question(s)".to_string()),
            "labels accumulate"
        );
        assert!(
            fg.number_patterns
                .iter()
                .any(|p| p.is_match("QIT4N-I-012-R1"))
        );
        let meeting = &data.meetings["fg-qit4n-5"];
        assert_eq!(
            meeting.deadline().unwrap().to_string(),
            "2020-07-22T23:59:59+02:00[Europe/Zurich]"
        );
        assert_eq!(data.default_profile.as_deref(), Some("fg-qit4n"));
    }

    #[test]
    fn unknown_keys_and_bad_values_name_the_file() {
        let files = vec![(
            "rules/profiles/x.toml".to_string(),
            "id = \"x\"\nname = \"x\"\ncolour = 1\n".to_string(),
        )];
        let error = RuleData::from_files(&files).unwrap_err();
        assert_eq!(error.file, "rules/profiles/x.toml");
        assert!(error.message.contains("colour"), "{}", error.message);

        let mut files: Vec<(String, String)> = BUILTIN
            .iter()
            .map(|(n, t)| (format!("rules/{n}"), t.to_string()))
            .collect();
        files.push((
            "extra/meetings/bad.toml".into(),
            "id='b'\nname='b'\nprofile='fg-qit4n'\nplace='x'\nstart='2020-07-27'\nend='2020-08-07'\ninput_deadline='2020-07-22'\ntime_zone='Mars/Olympus'\n".into(),
        ));
        let error = RuleData::from_files(&files).unwrap_err();
        assert!(error.message.contains("Mars/Olympus"), "{}", error.message);
    }

    #[test]
    fn extends_cycle_is_an_error() {
        let files = vec![
            (
                "rules/profiles/a.toml".to_string(),
                "id='a'\nname='a'\nextends='b'\n".to_string(),
            ),
            (
                "rules/profiles/b.toml".to_string(),
                "id='b'\nname='b'\nextends='a'\n".to_string(),
            ),
        ];
        assert!(
            RuleData::from_files(&files)
                .unwrap_err()
                .message
                .contains("cycle")
        );
    }
}
