//! Batch rules: problems between the files of one run (a secretariat's intake folder), not
//! within one document. Each checked file is reduced to an [`Entry`] (its path, number and
//! title) as soon as it is checked, so a run of 100,000 files keeps only these.

use std::collections::BTreeMap;

use crate::diag::{Finding, Location, Severity};
use crate::model::header::{Header, keys};
use crate::profile::Profile;
use crate::rules::vars::Vars;
use crate::rules::{Area, Rule, RuleId};

const SOURCE: &str = "the group's document numbering: one number per document, revisions as -R1, -R2; profile data fields.revision and strip_prefixes of document_number";

pub static DUPLICATE_DOC_NUMBER: Rule = Rule {
    id: RuleId::DuplicateDocNumber,
    code: "FG501",
    slug: "duplicate-doc-number",
    severity: Severity::Warning,
    area: Area::Batch,
    summary: "two inputs carry the same document number",
    why: "A number names one document; two files under one number means a revision sent without -R1, a copy-paste from another input, or a number reused by mistake, and one of them will overwrite the other when posted.",
    fix: "Give the later one the revision suffix ({revision_example}) if it revises the first, or ask the secretariat for a new number.",
    source: SOURCE,
    bad: "a.docx and b.docx both numbered {number_example}.",
    good: "{number_example} and {revision_example}; placeholders such as {placeholder_example} are never duplicates.",
    check: None,
};

pub static DUPLICATE_TITLE: Rule = Rule {
    id: RuleId::DuplicateTitle,
    code: "FG502",
    slug: "duplicate-title",
    severity: Severity::Warning,
    area: Area::Batch,
    summary: "two inputs with different numbers carry the same title",
    why: "The same title under two numbers is usually the same contribution sent twice, or a revision numbered as a new input.",
    fix: "Withdraw the duplicate, or number the newer one as a revision of the first (-R1).",
    source: SOURCE,
    bad: "Two inputs numbered 012 and 015 both titled 'Proposed text for key management in QKD networks'.",
    good: "{number_example} and {revision_example} with the same title (a revision keeps its title).",
    check: None,
};

pub static REVISION_WITHOUT_BASE: Rule = Rule {
    id: RuleId::RevisionWithoutBase,
    code: "FG503",
    slug: "revision-without-base",
    severity: Severity::Info,
    area: Area::Batch,
    summary: "a revision (-R1) whose base document is not in the batch",
    why: "A revision revises something: when the base is not among the inputs, it may have been posted earlier (fine) or never sent (a numbering mistake).",
    fix: "Check that the base document was posted; if it was not, drop the -R suffix.",
    source: SOURCE,
    bad: "{revision_example} in a batch without {number_example}.",
    good: "{number_example} and {revision_example} in the same batch.",
    check: None,
};

/// A document number split for comparisons: normalised base and revision (0 = none).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Number {
    pub base: String,
    pub revision: u32,
}

impl Number {
    /// `R1`, or empty.
    pub fn revision_label(&self) -> String {
        if self.revision == 0 {
            String::new()
        } else {
            format!("R{}", self.revision)
        }
    }

    /// The full normalised number.
    pub fn full(&self) -> String {
        if self.revision == 0 {
            self.base.clone()
        } else {
            format!("{}-R{}", self.base, self.revision)
        }
    }
}

/// Parses a written number for comparisons: upper-cased, the profile's `strip_prefixes`
/// dropped (`FG-QIT4N-I-012` is `QIT4N-I-012`), its `revision` suffix split off. Blank
/// values and placeholders (`ABC-I-xxx`) are not numbers.
pub fn parse_number(written: &str, profile: &Profile) -> Option<Number> {
    let folded = crate::text::fold(written);
    let spec = profile.number();
    if folded.is_empty() || spec.is_some_and(|s| s.is_placeholder(&folded)) {
        return None;
    }
    let mut upper = folded.to_uppercase();
    if let Some(spec) = spec {
        // A prefix is dropped only when what remains is still shaped like a number, so that
        // an acronym that happens to start with "FG" keeps its letters.
        for prefix in &spec.strip_prefixes {
            if let Some(rest) = upper.strip_prefix(prefix.as_str())
                && spec.has_shape(rest)
            {
                upper = rest.to_string();
                break;
            }
        }
        if let Some(captures) = spec.revision.as_ref().and_then(|r| r.captures(&upper))
            && let (Some(whole), Some(digits)) = (captures.get(0), captures.get(1))
            && let Ok(revision) = digits.as_str().parse::<u32>()
            && whole.start() > 0
        {
            return Some(Number {
                base: upper.get(..whole.start()).unwrap_or_default().to_string(),
                revision,
            });
        }
    }
    Some(Number {
        base: upper,
        revision: 0,
    })
}

/// What the batch rules keep of one checked file: a few hundred bytes, so that a run of
/// 100,000 files keeps tens of megabytes, not the files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    pub path: Box<str>,
    /// The document number, when it is a real one (not a placeholder).
    pub number: Option<Number>,
    /// A 64-bit hash of the title folded and lower-cased: the key duplicates are found by
    /// (a collision between two different titles is about one in 2^64 per pair).
    title_key: Option<u64>,
    /// The title as a finding shows it (folded, clipped).
    title_shown: Box<str>,
}

impl Entry {
    /// Reduces a checked file (its cover, when it was read) to what the batch rules need.
    pub fn new(path: &str, header: Option<&Header>, profile: &Profile) -> Entry {
        let title = header
            .and_then(|h| h.get(keys::TITLE))
            .map(|t| crate::text::fold(&t.value))
            .unwrap_or_default();
        let key = title.to_lowercase();
        Entry {
            path: path.into(),
            number: number_of(header, profile),
            title_key: (!key.is_empty()).then(|| hash(&key)),
            title_shown: crate::text::clip(&title, 80).into(),
        }
    }
}

fn hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    // Fixed keys: the same title hashes the same in every run and on every worker.
    let mut hasher = std::hash::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// The number on a cover, when it is a real one.
pub fn number_of(header: Option<&Header>, profile: &Profile) -> Option<Number> {
    header
        .and_then(|h| h.get(keys::DOCUMENT_NUMBER))
        .and_then(|n| parse_number(&n.value, profile))
}

fn list(paths: &[&str]) -> String {
    paths.join(", ")
}

/// The batch findings for a set of checked files, in a stable order.
pub fn check_batch(files: &[Entry], profile: &Profile) -> Vec<Finding> {
    let vars = Vars::new(profile, None);
    let mut findings = check_numbers(files);
    for finding in &mut findings {
        finding.fix = vars.fill(finding.rule.fix);
    }
    findings
}

fn check_numbers(files: &[Entry]) -> Vec<Finding> {
    let mut findings = Vec::new();
    let numbers: Vec<Option<Number>> = files.iter().map(|f| f.number.clone()).collect();

    let mut by_number: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (file, number) in files.iter().zip(&numbers) {
        if let Some(number) = number {
            by_number
                .entry(number.full())
                .or_default()
                .push(&*file.path);
        }
    }
    for (number, paths) in &by_number {
        if paths.len() > 1 {
            findings.push(
                Finding::new(
                    RuleId::DuplicateDocNumber,
                    format!(
                        "{} inputs are numbered \"{number}\": {}",
                        paths.len(),
                        list(paths)
                    ),
                    Location::file(format!("document number \"{number}\"")),
                )
                .expected("one input per number; revisions with a revision suffix (-R1, -R2)")
                .found(list(paths)),
            );
        }
    }

    let mut by_title: BTreeMap<u64, Vec<(usize, &str)>> = BTreeMap::new();
    for (index, file) in files.iter().enumerate() {
        if let Some(title) = file.title_key {
            by_title
                .entry(title)
                .or_default()
                .push((index, &*file.path));
        }
    }
    // Groups in the order of their first file, as the files are listed.
    let mut groups: Vec<&Vec<(usize, &str)>> = by_title.values().collect();
    groups.sort_by_key(|entries| entries.first().map(|e| e.0));
    for entries in groups {
        if entries.len() < 2 {
            continue;
        }
        // A revision keeps its base's title; same-number files are already FG501.
        let mut bases: Vec<Option<&str>> = entries
            .iter()
            .map(|(i, _)| {
                numbers
                    .get(*i)
                    .and_then(Option::as_ref)
                    .map(|n| n.base.as_str())
            })
            .collect();
        bases.sort();
        bases.dedup();
        if bases.len() < 2 {
            continue;
        }
        let paths: Vec<&str> = entries.iter().map(|(_, p)| *p).collect();
        let shown = files
            .get(entries.first().map_or(0, |e| e.0))
            .map(|f| f.title_shown.to_string())
            .unwrap_or_default();
        findings.push(
            Finding::new(
                RuleId::DuplicateTitle,
                format!(
                    "{} inputs with different numbers are titled {shown:?}: {}",
                    paths.len(),
                    list(&paths)
                ),
                Location::file(format!("title {shown:?}")),
            )
            .found(list(&paths)),
        );
    }

    for (file, number) in files.iter().zip(&numbers) {
        let Some(number) = number else { continue };
        if number.revision == 0 {
            continue;
        }
        let has_base = numbers
            .iter()
            .flatten()
            .any(|other| other.base == number.base && other.revision < number.revision);
        if !has_base {
            findings.push(
                Finding::new(
                    RuleId::RevisionWithoutBase,
                    format!(
                        "\"{}\" ({}) is a revision, but no input in this batch is \"{}\" or an earlier revision of it",
                        number.full(),
                        file.path,
                        number.base
                    ),
                    Location::file(format!("document number \"{}\"", number.full())),
                )
                .expected(format!("\"{}\" in the batch", number.base))
                .found(file.path.to_string()),
            );
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::RuleData;

    #[test]
    fn numbers_split_and_placeholders_are_not_numbers() {
        let data = RuleData::builtin().unwrap();
        let profile = &data.profiles["fg-qit4n"];
        let n = parse_number("FG-QIT4N-I-012-R2", profile).unwrap();
        assert_eq!((n.base.as_str(), n.revision), ("QIT4N-I-012", 2));
        assert_eq!(n.revision_label(), "R2");
        assert_eq!(
            parse_number("qit4n-i-012", profile).unwrap().full(),
            "QIT4N-I-012"
        );
        assert!(parse_number("QIT4N-I-xxx", profile).is_none());
        assert!(
            parse_number("AN-I-xxx", profile).is_none(),
            "any group's placeholder"
        );
        let generic = &data.profiles["itu-t-fg"];
        let n = parse_number("FGAN-I-003-R1", generic).unwrap();
        assert_eq!((n.base.as_str(), n.revision), ("AN-I-003", 1));
        assert!(parse_number("  ", profile).is_none());
    }

    fn file(path: &str, number: &str, title: &str) -> Entry {
        use crate::model::header::Field;
        let field = |key: &str, value: &str| Field {
            key: key.to_string(),
            value: value.to_string(),
            place: crate::model::scan::Place::default(),
            line: None,
        };
        let header = Header {
            is_cover: true,
            fields: vec![
                field(keys::DOCUMENT_NUMBER, number),
                field(keys::TITLE, title),
            ],
            ..Header::default()
        };
        let data = RuleData::builtin().unwrap();
        Entry::new(path, Some(&header), &data.profiles["fg-qit4n"])
    }

    fn ids(files: &[Entry]) -> Vec<RuleId> {
        let data = RuleData::builtin().unwrap();
        check_batch(files, &data.profiles["fg-qit4n"])
            .iter()
            .map(|f| f.rule.id)
            .collect()
    }

    #[test]
    fn batch_cases() {
        let cases: Vec<(&str, Vec<Entry>, Vec<RuleId>)> = vec![
            (
                "a revision with its base, same title: nothing",
                vec![
                    file("a", "QIT4N-I-012", "T"),
                    file("b", "QIT4N-I-012-R1", "T"),
                ],
                vec![],
            ),
            (
                "same number written two ways",
                vec![
                    file("a", "QIT4N-I-012", "T"),
                    file("b", "FG-QIT4N-I-012", "U"),
                ],
                vec![RuleId::DuplicateDocNumber],
            ),
            (
                "same title under two numbers, case and spacing aside",
                vec![
                    file("a", "QIT4N-I-012", "Key  relay"),
                    file("b", "QIT4N-I-013", "key relay"),
                ],
                vec![RuleId::DuplicateTitle],
            ),
            (
                "placeholders are not duplicates, and a placeholder's title is not a duplicate either when titles differ",
                vec![file("a", "QIT4N-I-xxx", "T"), file("b", "QIT4N-I-xxx", "U")],
                vec![],
            ),
            (
                "R2 with R1 but no base: R1 lacks its base, R2 does not",
                vec![
                    file("a", "QIT4N-I-012-R1", "T"),
                    file("b", "QIT4N-I-012-R2", "T"),
                ],
                vec![RuleId::RevisionWithoutBase],
            ),
            (
                "blank titles are not duplicates",
                vec![file("a", "QIT4N-I-012", ""), file("b", "QIT4N-I-013", " ")],
                vec![],
            ),
        ];
        for (case, files, wanted) in cases {
            assert_eq!(ids(&files), wanted, "{case}");
        }
    }
}
