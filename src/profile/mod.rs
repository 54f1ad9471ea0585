//! Rule data: template profiles and meetings, kept as TOML in `rules/` so that the
//! secretariat can correct a fact, add a meeting or describe another group's cover without
//! a release.
//!
//! Loading is two steps (the cargo-deny shape): parse the raw TOML strictly ([`raw`]:
//! unknown keys are errors, with the file, line and column and the nearest valid key), then
//! validate and resolve (`extends` chains merged, `{acronym}` filled in, regexes compiled,
//! dates parsed, time zones looked up), every error pointing at its place in the file.
//! Nothing here has a default of its own that the data could contradict: what no file
//! says is not checked.

pub mod docs;
pub mod error;
pub mod raw;
pub mod selection;

pub use selection::{MeetingChoice, NO_MEETING, Resolved, Selection, next_meeting};

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use regex::Regex;
use toml::Spanned;

use crate::model::header::{FieldKind, FieldSpec, HeaderSchema, keys};
pub use error::DataError;
use raw::{RawDefaults, RawField, RawMeeting, RawProfile};

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// What `{acronym}` stands for in a pattern when the profile names no acronym: any group's.
const ANY_ACRONYM: &str = "[A-Z][A-Z0-9]{1,11}";
/// What `{name}` stands for in a pattern when the profile names no group name.
const ANY_NAME: &str = r"\S.*";

/// Page layout expectations; a value no profile sets is not checked.
#[derive(Clone, Debug, Default)]
pub struct Layout {
    pub page_name: Option<String>,
    pub page_width: Option<[u32; 2]>,
    pub page_height: Option<[u32; 2]>,
    pub margin_twips: Option<i64>,
    pub margin_tolerance: i64,
    pub normal_font: Option<String>,
    pub normal_size_half_points: Option<u32>,
    pub number_style: Option<String>,
}

/// Words used in messages. `{acronym}` is left in when the profile names none, for the
/// rules to fill from the document.
#[derive(Clone, Debug, Default)]
pub struct ProfileText {
    pub template: String,
    pub group: String,
    pub number_example: String,
    pub revision_example: String,
    pub placeholder_example: String,
}

/// A resolved template profile.
#[derive(Clone, Debug)]
pub struct Profile {
    pub id: String,
    pub name: String,
    pub source: String,
    /// This profile and its ancestors, nearest first.
    pub lineage: Vec<String>,
    pub acronym: Option<String>,
    pub group_name: Option<String>,
    /// ISO 639-1 code of the documents' language.
    pub language: Option<String>,
    pub text: ProfileText,
    pub header: HeaderSchema,
    pub layout: Layout,
}

impl Profile {
    /// The declared field of a key.
    pub fn field(&self, key: &str) -> Option<&FieldSpec> {
        self.header.field(key)
    }

    /// The document-number field.
    pub fn number(&self) -> Option<&FieldSpec> {
        self.header.field(keys::DOCUMENT_NUMBER)
    }
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
    /// The study periods a cover may name (a period extended past its end keeps its name).
    pub study_periods: Vec<String>,
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

/// A rule file's name and text, kept for error places.
struct SourceFile {
    file: String,
    text: Arc<String>,
}

impl SourceFile {
    fn error_at<T>(&self, spanned: &Spanned<T>, message: impl Into<String>) -> DataError {
        DataError::at(&self.file, &self.text, spanned.span(), message)
    }
}

fn builtin_files() -> Vec<(String, String)> {
    BUILTIN
        .iter()
        .map(|(name, text)| (format!("rules/{name}"), (*text).to_string()))
        .collect()
}

impl RuleData {
    /// The data built into the binary.
    pub fn builtin() -> Result<RuleData, DataError> {
        RuleData::from_files(&builtin_files())
    }

    /// The built-in data with extra folders laid over it (same id: the folder wins).
    pub fn with_folders(folders: &[impl AsRef<Path>]) -> Result<RuleData, DataError> {
        let mut files = builtin_files();
        for folder in folders {
            collect_toml(folder.as_ref(), &mut files)?;
        }
        RuleData::from_files(&files)
    }

    /// Parses and validates a set of files named by their path under a rules folder:
    /// `profiles/*.toml`, `meetings/*.toml`, `defaults.toml`. Stops at the first error.
    pub fn from_files(files: &[(String, String)]) -> Result<RuleData, DataError> {
        let mut errors = RuleData::check_files(files);
        match errors.0 {
            Some(data) if errors.1.is_empty() => Ok(data),
            _ => Err(errors.1.remove(0)),
        }
    }

    /// Like [`RuleData::from_files`], collecting every error it can find (for
    /// `fgcheck data check`): each file is parsed on its own, then resolved.
    pub fn check_files(files: &[(String, String)]) -> (Option<RuleData>, Vec<DataError>) {
        let mut errors = Vec::new();
        let mut raw_profiles: BTreeMap<String, (SourceFile, RawProfile)> = BTreeMap::new();
        let mut raw_meetings: Vec<(SourceFile, RawMeeting)> = Vec::new();
        let mut data = RuleData::default();
        for (file, text) in files {
            let normalized = file.replace('\\', "/");
            let source = SourceFile {
                file: file.clone(),
                text: Arc::new(text.clone()),
            };
            let is = |folder: &str| {
                normalized.contains(&format!("/{folder}/"))
                    || normalized.starts_with(&format!("{folder}/"))
            };
            if is("profiles") {
                match toml::from_str::<RawProfile>(text) {
                    Ok(raw) => {
                        raw_profiles.insert(raw.id.clone(), (source, raw));
                    }
                    Err(e) => errors.push(DataError::from_toml(file, &source.text, &e)),
                }
            } else if is("meetings") {
                match toml::from_str::<RawMeeting>(text) {
                    Ok(raw) => raw_meetings.push((source, raw)),
                    Err(e) => errors.push(DataError::from_toml(file, &source.text, &e)),
                }
            } else if normalized.ends_with("defaults.toml") {
                match toml::from_str::<RawDefaults>(text) {
                    Ok(raw) => {
                        if raw.profile.is_some() {
                            data.default_profile = raw.profile;
                        }
                    }
                    Err(e) => errors.push(DataError::from_toml(file, &source.text, &e)),
                }
            } else {
                errors.push(DataError::in_file(
                    file,
                    "not a rule file: profiles go in profiles/, meetings in meetings/, defaults in defaults.toml",
                ));
            }
        }
        for id in raw_profiles.keys() {
            match resolve_profile(id, &raw_profiles) {
                Ok(profile) => {
                    data.profiles.insert(id.clone(), profile);
                }
                Err(error) => errors.push(error),
            }
        }
        for (source, raw) in raw_meetings {
            match resolve_meeting(&source, raw, &raw_profiles) {
                Ok(meeting) => {
                    data.meetings.insert(meeting.id.clone(), meeting);
                }
                Err(error) => errors.push(error),
            }
        }
        if let Some(profile) = &data.default_profile
            && !raw_profiles.contains_key(profile)
        {
            errors.push(DataError::in_file(
                "rules/defaults.toml",
                format!("default profile {profile:?} is not defined in profiles/"),
            ));
        }
        (Some(data), errors)
    }
}

/// Reads every `.toml` under a folder, as (path, text).
pub fn collect_toml(folder: &Path, files: &mut Vec<(String, String)>) -> Result<(), DataError> {
    let entries = std::fs::read_dir(folder).map_err(|e| {
        DataError::in_file(
            &folder.display().to_string(),
            format!("cannot read the rules folder: {e}"),
        )
    })?;
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect_toml(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).map_err(|e| {
                DataError::in_file(&path.display().to_string(), format!("cannot read: {e}"))
            })?;
            files.push((path.display().to_string().replace('\\', "/"), text));
        }
    }
    Ok(())
}

/// Appends what `more` adds to `list`, keeping the order and dropping repeats.
fn accumulate(list: &mut Vec<String>, more: Option<&Vec<String>>, fold: fn(&str) -> String) {
    for item in more.into_iter().flatten() {
        let item = fold(item);
        if !list.contains(&item) {
            list.push(item);
        }
    }
}

/// A field being merged along the chain: the raw values still as text, with their files.
struct MergedField<'a> {
    key: String,
    name: Option<String>,
    kind: Option<FieldKind>,
    labels: Vec<String>,
    tags: Vec<String>,
    styles: Vec<String>,
    prefixes: Vec<String>,
    patterns: Option<(&'a SourceFile, &'a Vec<Spanned<String>>)>,
    placeholders: Vec<(&'a SourceFile, &'a Spanned<String>)>,
    shapes: Vec<(&'a SourceFile, &'a Spanned<String>)>,
    values: Option<Vec<String>>,
    required: Option<bool>,
    beside: Option<String>,
    email_labels: Vec<String>,
    max_words: Option<usize>,
    strip_prefixes: Vec<String>,
    revision: Option<(&'a SourceFile, &'a Spanned<String>)>,
    register: Option<bool>,
    /// Where the field was declared, for errors about it.
    declared: (&'a SourceFile, &'a Spanned<String>),
}

impl<'a> MergedField<'a> {
    fn new(source: &'a SourceFile, raw: &'a RawField) -> Self {
        MergedField {
            key: raw.key.get_ref().clone(),
            name: None,
            kind: None,
            labels: Vec::new(),
            tags: Vec::new(),
            styles: Vec::new(),
            prefixes: Vec::new(),
            patterns: None,
            placeholders: Vec::new(),
            shapes: Vec::new(),
            values: None,
            required: None,
            beside: None,
            email_labels: Vec::new(),
            max_words: None,
            strip_prefixes: Vec::new(),
            revision: None,
            register: None,
            declared: (source, &raw.key),
        }
    }

    /// Lays a nearer profile's declaration over this one.
    fn merge(&mut self, source: &'a SourceFile, raw: &'a RawField) {
        let same = |s: &str| s.to_string();
        let upper = |s: &str| crate::text::fold(s).to_ascii_uppercase();
        let lower = |s: &str| crate::text::fold(s).to_lowercase();
        if raw.name.is_some() {
            self.name = raw.name.clone();
        }
        if raw.kind.is_some() {
            self.kind = raw.kind;
        }
        accumulate(
            &mut self.labels,
            raw.labels.as_ref(),
            crate::text::label_key,
        );
        accumulate(&mut self.tags, raw.tags.as_ref(), same);
        accumulate(&mut self.styles, raw.styles.as_ref(), same);
        accumulate(&mut self.prefixes, raw.prefixes.as_ref(), upper);
        accumulate(&mut self.email_labels, raw.email_labels.as_ref(), lower);
        accumulate(&mut self.strip_prefixes, raw.strip_prefixes.as_ref(), upper);
        if let Some(patterns) = &raw.patterns {
            self.patterns = Some((source, patterns));
        }
        for p in raw.placeholders.iter().flatten() {
            self.placeholders.push((source, p));
        }
        for p in raw.shapes.iter().flatten() {
            self.shapes.push((source, p));
        }
        if raw.values.is_some() {
            self.values = raw.values.clone();
        }
        if raw.required.is_some() {
            self.required = raw.required;
        }
        if raw.beside.is_some() {
            self.beside = raw.beside.clone();
        }
        if raw.max_words.is_some() {
            self.max_words = raw.max_words;
        }
        if let Some(revision) = &raw.revision {
            self.revision = Some((source, revision));
        }
        if raw.register.is_some() {
            self.register = raw.register;
        }
        self.declared = (source, &raw.key);
    }
}

/// Fills `{acronym}` and `{name}` in a pattern.
fn expand_pattern(pattern: &str, acronym: Option<&str>, name: Option<&str>) -> String {
    pattern
        .replace(
            "{acronym}",
            &acronym.map_or_else(|| ANY_ACRONYM.to_string(), regex::escape),
        )
        .replace(
            "{name}",
            &name.map_or_else(|| ANY_NAME.to_string(), regex::escape),
        )
}

/// Fills `{acronym}` and `{name}` in a text when the profile knows them.
fn expand_text(text: &str, acronym: Option<&str>, name: Option<&str>) -> String {
    let mut out = text.to_string();
    if let Some(acronym) = acronym {
        out = out.replace("{acronym}", acronym);
    }
    if let Some(name) = name {
        out = out.replace("{name}", name);
    }
    out
}

fn resolve_profile(
    id: &str,
    raws: &BTreeMap<String, (SourceFile, RawProfile)>,
) -> Result<Profile, DataError> {
    // Walk the extends chain, nearest first, refusing cycles and unknown parents.
    let mut chain: Vec<&(SourceFile, RawProfile)> = Vec::new();
    let Some(first) = raws.get(id) else {
        return Err(DataError::in_file("rules", format!("no profile {id:?}")));
    };
    chain.push(first);
    while let Some((source, raw)) = chain.last().copied() {
        let Some(parent) = &raw.extends else { break };
        let name = parent.get_ref();
        let Some(entry) = raws.get(name) else {
            let known: Vec<&str> = raws.keys().map(String::as_str).collect();
            let mut error = source.error_at(parent, format!("extends unknown profile {name:?}"));
            if let Some(close) = error::nearest(name, &known) {
                error = error.with_help(format!("did you mean `{close}`?"));
            }
            return Err(error);
        };
        if chain.iter().any(|(_, p)| p.id == *name) {
            return Err(
                source.error_at(parent, format!("profile {name:?} extends itself (a cycle)"))
            );
        }
        chain.push(entry);
    }
    let (own_source, own) = chain
        .first()
        .map(|(s, r)| (s, r))
        .ok_or_else(|| DataError::in_file("rules", "empty profile chain"))?;
    macro_rules! nearest {
        ($($field:tt)+) => {
            chain.iter().find_map(|(_, p)| p.$($field)+.clone())
        };
    }
    let acronym = nearest!(acronym);
    let group_name = nearest!(group_name);

    // Fields: the root's first, each nearer profile merging by key or appending.
    let mut merged: Vec<MergedField<'_>> = Vec::new();
    for (source, raw) in chain.iter().rev() {
        let mut seen: Vec<&str> = Vec::new();
        for field in &raw.fields {
            let key = field.key.get_ref().as_str();
            if seen.contains(&key) {
                return Err(source.error_at(
                    &field.key,
                    format!("field {key:?} is declared twice in this profile"),
                ));
            }
            seen.push(key);
            match merged.iter_mut().find(|m| m.key == key) {
                Some(existing) => existing.merge(source, field),
                None => {
                    let mut new = MergedField::new(source, field);
                    new.merge(source, field);
                    merged.push(new);
                }
            }
        }
    }
    let acronym_ref = acronym.as_deref();
    let name_ref = group_name.as_deref();
    let compile = |source: &SourceFile, pattern: &Spanned<String>| -> Result<Regex, DataError> {
        let expanded = expand_pattern(pattern.get_ref(), acronym_ref, name_ref);
        Regex::new(&expanded).map_err(|e| {
            let first_line = e
                .to_string()
                .lines()
                .last()
                .unwrap_or_default()
                .trim()
                .to_string();
            source.error_at(
                pattern,
                format!(
                    "invalid regular expression {:?}: {first_line}",
                    pattern.get_ref()
                ),
            )
        })
    };
    let mut fields = Vec::new();
    for m in &merged {
        let (source, key_at) = m.declared;
        let Some(kind) = m.kind else {
            return Err(source
                .error_at(key_at, format!("field {:?} has no kind", m.key))
                .with_help("a new field needs `kind = \"labelled\"` (or contact, number, group, prefixed, beside, banner)"));
        };
        let misplaced = [
            ("beside", m.beside.is_some(), kind == FieldKind::Beside),
            (
                "email_labels",
                !m.email_labels.is_empty(),
                kind == FieldKind::Contact,
            ),
            (
                "max_words",
                m.max_words.is_some(),
                kind == FieldKind::Labelled,
            ),
            (
                "strip_prefixes",
                !m.strip_prefixes.is_empty(),
                kind == FieldKind::Number,
            ),
            ("revision", m.revision.is_some(), kind == FieldKind::Number),
            (
                "prefixes",
                !m.prefixes.is_empty(),
                kind == FieldKind::Prefixed,
            ),
            (
                "labels",
                !m.labels.is_empty(),
                matches!(kind, FieldKind::Labelled | FieldKind::Contact),
            ),
        ];
        if let Some((name, _, _)) = misplaced.iter().find(|(_, set, fits)| *set && !fits) {
            return Err(source.error_at(
                key_at,
                format!(
                    "field {:?} is of kind {kind:?}, which takes no `{name}`",
                    m.key
                ),
            ));
        }
        if matches!(kind, FieldKind::Labelled | FieldKind::Contact) && m.labels.is_empty() {
            return Err(source.error_at(key_at, format!("field {:?} needs `labels`", m.key)));
        }
        if kind == FieldKind::Prefixed && m.prefixes.is_empty() {
            return Err(source.error_at(key_at, format!("field {:?} needs `prefixes`", m.key)));
        }
        if kind == FieldKind::Beside {
            match &m.beside {
                Some(other) if merged.iter().any(|o| o.key == *other) => {}
                Some(other) => {
                    return Err(source.error_at(
                        key_at,
                        format!(
                            "field {:?} is beside {other:?}, which no profile declares",
                            m.key
                        ),
                    ));
                }
                None => {
                    return Err(source.error_at(
                        key_at,
                        format!(
                            "field {:?} needs `beside` (the key of the field it follows)",
                            m.key
                        ),
                    ));
                }
            }
        }
        let mut spec = FieldSpec::new(&m.key, m.name.as_deref().unwrap_or(&m.key), kind);
        spec.labels = m.labels.clone();
        spec.tags = m.tags.clone();
        spec.styles = m.styles.clone();
        spec.prefixes = m.prefixes.clone();
        if let Some((source, patterns)) = m.patterns {
            spec.patterns = patterns
                .iter()
                .map(|p| compile(source, p))
                .collect::<Result<_, _>>()?;
        }
        spec.placeholders = m
            .placeholders
            .iter()
            .map(|(source, p)| compile(source, p))
            .collect::<Result<_, _>>()?;
        spec.shapes = m
            .shapes
            .iter()
            .map(|(source, p)| compile(source, p))
            .collect::<Result<_, _>>()?;
        spec.values = m.values.clone().unwrap_or_default();
        spec.required = m.required.unwrap_or(false);
        spec.beside = m.beside.clone();
        spec.email_labels = m.email_labels.clone();
        spec.max_words = m.max_words;
        spec.strip_prefixes = m.strip_prefixes.clone();
        spec.revision = m
            .revision
            .map(|(source, p)| compile(source, p))
            .transpose()?;
        spec.register = m.register.unwrap_or(true);
        fields.push(spec);
    }
    let label_order = nearest!(header.label_order).unwrap_or_default();
    for key in &label_order {
        let labelled = fields
            .iter()
            .any(|f| f.key == *key && matches!(f.kind, FieldKind::Labelled | FieldKind::Contact));
        if !labelled {
            return Err(DataError::in_file(
                &own_source.file,
                format!(
                    "header.label_order names {key:?}, which is not a labelled field of this profile"
                ),
            ));
        }
    }
    let header = HeaderSchema {
        fields,
        label_order,
        min_labels: nearest!(header.min_labels).unwrap_or(2),
    };
    let layout = Layout {
        page_name: nearest!(layout.page_name),
        page_width: nearest!(layout.page_width),
        page_height: nearest!(layout.page_height),
        margin_twips: nearest!(layout.margin_twips),
        margin_tolerance: nearest!(layout.margin_tolerance).unwrap_or(0),
        normal_font: nearest!(layout.normal_font),
        normal_size_half_points: nearest!(layout.normal_size_half_points),
        number_style: nearest!(layout.number_style),
    };
    let text_of = |value: Option<String>| {
        value
            .map(|t| expand_text(&t, acronym_ref, name_ref))
            .unwrap_or_default()
    };
    let text = ProfileText {
        template: text_of(nearest!(text.template)),
        group: text_of(nearest!(text.group)),
        number_example: text_of(nearest!(text.number_example)),
        revision_example: text_of(nearest!(text.revision_example)),
        placeholder_example: text_of(nearest!(text.placeholder_example)),
    };
    let text = ProfileText {
        template: if text.template.is_empty() {
            own.name.clone()
        } else {
            text.template
        },
        ..text
    };
    Ok(Profile {
        id: own.id.clone(),
        name: own.name.clone(),
        source: nearest!(source).unwrap_or_default(),
        lineage: chain.iter().map(|(_, p)| p.id.clone()).collect(),
        acronym,
        group_name,
        language: nearest!(language),
        text,
        header,
        layout,
    })
}

fn resolve_meeting(
    source: &SourceFile,
    raw: RawMeeting,
    profiles: &BTreeMap<String, (SourceFile, RawProfile)>,
) -> Result<Meeting, DataError> {
    let date = |key: &str, value: &Spanned<String>| -> Result<Date, DataError> {
        value.get_ref().trim().parse::<Date>().map_err(|_| {
            source.error_at(
                value,
                format!("{key}: {:?} is not a date (YYYY-MM-DD)", value.get_ref()),
            )
        })
    };
    if !profiles.contains_key(raw.profile.get_ref()) {
        let known: Vec<&str> = profiles.keys().map(String::as_str).collect();
        let mut error = source.error_at(
            &raw.profile,
            format!(
                "profile {:?} is not defined in profiles/",
                raw.profile.get_ref()
            ),
        );
        if let Some(close) = error::nearest(raw.profile.get_ref(), &known) {
            error = error.with_help(format!("did you mean `{close}`?"));
        }
        return Err(error);
    }
    let start = date("start", &raw.start)?;
    let end = date("end", &raw.end)?;
    if end < start {
        return Err(source.error_at(&raw.end, format!("end {end} is before start {start}")));
    }
    let input_deadline = date("input_deadline", &raw.input_deadline)?;
    let registration_deadline = raw
        .registration_deadline
        .as_ref()
        .map(|d| date("registration_deadline", d))
        .transpose()?;
    let deadline_time = match &raw.deadline_time {
        Some(text) => text.get_ref().trim().parse::<Time>().map_err(|_| {
            source.error_at(
                text,
                format!(
                    "deadline_time: {:?} is not a time (HH:MM:SS)",
                    text.get_ref()
                ),
            )
        })?,
        None => Time::constant(23, 59, 59, 0),
    };
    let (time_zone_name, time_zone) = match &raw.time_zone {
        Some(zone) => {
            let name = zone.get_ref().trim().to_string();
            let tz = TimeZone::get(&name).map_err(|_| {
                source.error_at(
                    zone,
                    format!("time_zone: {name:?} is not an IANA time zone (e.g. Europe/Zurich)"),
                )
            })?;
            (name, tz)
        }
        None => (
            "Europe/Zurich".to_string(),
            TimeZone::get("Europe/Zurich").map_err(|e| {
                DataError::in_file(
                    &source.file,
                    format!("the time-zone database lacks Europe/Zurich: {e}"),
                )
            })?,
        ),
    };
    Ok(Meeting {
        id: raw.id,
        name: raw.name,
        profile: raw.profile.into_inner(),
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
        study_periods: raw
            .study_period
            .map(raw::OneOrMany::into_vec)
            .unwrap_or_default(),
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
        assert_eq!(fg.lineage, ["fg-qit4n", "itu-t-fg", "itu-t-sg"]);
        let question = fg.field(keys::QUESTION).unwrap();
        assert!(question.labels.contains(&"wg(s)".to_string()));
        assert!(
            question.labels.contains(&"question(s)".to_string()),
            "labels accumulate"
        );
        let number = fg.number().unwrap();
        assert!(number.is_valid("QIT4N-I-012-R1"));
        assert!(number.is_valid("FG-QIT4N-I-012"));
        assert!(!number.is_valid("AN-I-012"), "the acronym is the group's");
        assert!(
            number.is_placeholder("AN-I-xxx"),
            "any group's placeholder is one"
        );
        assert_eq!(fg.text.number_example, "QIT4N-I-012");
        let generic = &data.profiles["itu-t-fg"];
        let number = generic.number().unwrap();
        assert!(number.is_valid("AN-I-012") && number.is_valid("QIT4N-O-003-R2"));
        assert_eq!(number.acronym_in("FG-AN-I-012").as_deref(), Some("AN"));
        let meeting = &data.meetings["fg-qit4n-5"];
        assert_eq!(
            meeting.deadline().unwrap().to_string(),
            "2020-07-22T23:59:59+02:00[Europe/Zurich]"
        );
    }

    fn with_builtin(extra: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut files = builtin_files();
        for (name, text) in extra {
            files.push((name.to_string(), text.to_string()));
        }
        files
    }

    #[test]
    fn unknown_keys_and_bad_values_name_the_file_line_and_column() {
        let files = vec![(
            "rules/profiles/x.toml".to_string(),
            "id = \"x\"\nname = \"x\"\ncolour = 1\n".to_string(),
        )];
        let error = RuleData::from_files(&files).unwrap_err();
        assert_eq!(error.file, "rules/profiles/x.toml");
        assert_eq!((error.line, error.column), (3, 1));
        assert!(error.message.contains("colour"), "{}", error.message);

        let files = with_builtin(&[(
            "extra/meetings/bad.toml",
            "id='b'\nname='b'\nprofile='itu-t-fg'\nplace='x'\nstart='2020-07-27'\nend='2020-08-07'\ninput_deadline='2020-07-22'\ntime_zone='Mars/Olympus'\n",
        )]);
        let error = RuleData::from_files(&files).unwrap_err();
        assert!(error.message.contains("Mars/Olympus"), "{}", error.message);
        assert_eq!(error.line, 8);

        let files = with_builtin(&[(
            "extra/profiles/typo.toml",
            "id='typo'\nname='t'\nextends='itu-t-fg'\n[text]\nnumbr_example='X'\n",
        )]);
        let error = RuleData::from_files(&files).unwrap_err();
        assert_eq!(
            error.help.as_deref(),
            Some("did you mean `number_example`?")
        );
        assert_eq!(error.line, 5);
    }

    #[test]
    fn a_focus_group_profile_is_a_few_lines() {
        let files = with_builtin(&[(
            "extra/profiles/fg-an.toml",
            "id = 'fg-an'\nname = 'FG-AN'\nextends = 'itu-t-fg'\nacronym = 'AN'\ngroup_name = 'Autonomous Networks'\n",
        )]);
        let data = RuleData::from_files(&files).unwrap();
        let an = &data.profiles["fg-an"];
        let number = an.number().unwrap();
        assert!(number.is_valid("AN-I-012") && !number.is_valid("QIT4N-I-012"));
        let group = an.field(keys::GROUP).unwrap();
        assert!(group.is_valid("Focus Group on Autonomous Networks"));
        assert!(group.is_valid("FG-AN"));
        assert!(!group.is_valid("FG-QIT4N"));
        assert_eq!(an.text.number_example, "AN-I-012");
    }

    #[test]
    fn study_periods_are_one_or_many() {
        let meeting = |period: &str| {
            format!(
                "id='m'\nname='m'\nprofile='itu-t-fg'\nplace='x'\nstart='2021-03-01'\nend='2021-03-05'\ninput_deadline='2021-02-20'\nstudy_period={period}\n"
            )
        };
        let one = with_builtin(&[("x/meetings/m.toml", &meeting("'2017-2020'"))]);
        let data = RuleData::from_files(&one).unwrap();
        assert_eq!(data.meetings["m"].study_periods, ["2017-2020"]);
        let many = with_builtin(&[("x/meetings/m.toml", &meeting("['2017-2020', '2022-2024']"))]);
        let data = RuleData::from_files(&many).unwrap();
        assert_eq!(data.meetings["m"].study_periods, ["2017-2020", "2022-2024"]);
    }

    #[test]
    fn extends_cycle_and_bad_patterns_are_errors_at_their_place() {
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
        let error = RuleData::from_files(&files).unwrap_err();
        assert!(error.message.contains("cycle"), "{}", error.message);
        let files = with_builtin(&[(
            "x/profiles/p.toml",
            "id='p'\nname='p'\nextends='itu-t-fg'\n[[fields]]\nkey='document_number'\npatterns=['^(QIT4N']\n",
        )]);
        let error = RuleData::from_files(&files).unwrap_err();
        assert!(
            error.message.contains("invalid regular expression"),
            "{}",
            error.message
        );
        assert_eq!(error.line, 6);
    }
}
