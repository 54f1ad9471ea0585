use crate::diag::{Finding, Location, Severity};
use crate::model::header::keys;
use crate::rules::{Area, Context, Rule, RuleId};
use crate::text;

pub static RULE: Rule = Rule {
    id: RuleId::StaleProperties,
    code: "FG211",
    slug: "stale-properties",
    severity: Severity::Warning,
    area: Area::Hygiene,
    summary: "the document's Title, Subject or Keywords properties belong to another document",
    why: "A contribution started from another document keeps that document's properties: its Title, Subject, Keywords (and Author). They travel with the posted file, show in search results and the secretariat's register exports, and tell readers the input is something it is not. The cover's own title and keywords are what the properties should say. Case, punctuation and a truncated title are not reported; only properties that share nothing with the cover are.",
    fix: "In Word: File > Info > Properties: set Title to the cover's title and Keywords to the cover's keywords (or clear them, and the Subject and Author left from the other document).",
    source: "the profile's template (core properties repeat the cover's title and keywords); ITU-T A.1 (contributions are posted as received)",
    bad: "Cover titled \"Key relay between trusted nodes\" with the Title property \"Student team report on blockchain\" and Keywords \"FG DLT; blockchain\".",
    good: "The Title property equal to the cover's title (any case), a truncated copy of it, or empty.",
    check: Some(check),
};

/// Words too common to show two texts are about the same thing.
const STOP_WORDS: &[&str] = &[
    "the", "and", "for", "with", "from", "into", "onto", "that", "this", "its", "are", "was", "of",
    "on", "in", "to", "a", "an", "by", "or", "as", "at", "is", "be", "draft", "new", "fg", "itu",
    "sg",
];

/// The words of a text that say what it is about: lower-case, letters and digits, no stop
/// words, no one-letter tokens.
fn words(text: &str) -> Vec<String> {
    text::fold(text)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2 && !STOP_WORDS.contains(w))
        .map(str::to_string)
        .collect()
}

/// The same text as a reader sees it: punctuation and spacing aside.
fn normalised(text: &str) -> String {
    words(text).join(" ")
}

/// Whether a property's title could be the cover's: equal, one a truncation of the other,
/// or sharing most of its words.
pub(crate) fn same_title(property: &str, cover: &str) -> bool {
    let (a, b) = (normalised(property), normalised(cover));
    if a.is_empty() || b.is_empty() || a == b || a.starts_with(&b) || b.starts_with(&a) {
        return true;
    }
    let (wa, wb) = (words(property), words(cover));
    let shared = wa.iter().filter(|w| wb.contains(w)).count();
    // Half of the shorter one's words: a reworded or extended title is still the same one.
    shared * 2 >= wa.len().min(wb.len())
}

/// Whether two keyword lists have anything in common (any shared word).
fn shares_a_word(a: &str, b: &str) -> bool {
    let wb = words(b);
    words(a).iter().any(|w| wb.contains(w))
}

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    if !context.header.is_cover {
        return;
    }
    let core = &context.doc.core;
    let cover_title = context.header.value(keys::TITLE);
    let cover_keywords = context.header.value(keys::KEYWORDS);
    let cover_number = context.header.value(keys::DOCUMENT_NUMBER);
    let mut stale: Vec<String> = Vec::new();
    let mut expected: Vec<String> = Vec::new();
    if let Some(title) = core.title.as_deref().filter(|t| !text::is_blank(t))
        && !cover_title.is_empty()
        && !same_title(title, &cover_title)
        && normalised(title) != normalised(&cover_number)
    {
        stale.push(format!("Title \"{}\"", text::clip(title, 80)));
        expected.push(format!("Title \"{}\"", text::clip(&cover_title, 80)));
    }
    if let Some(keywords) = core.keywords.as_deref().filter(|k| !text::is_blank(k))
        && !cover_keywords.is_empty()
        && !shares_a_word(keywords, &cover_keywords)
    {
        stale.push(format!("Keywords \"{}\"", text::clip(keywords, 80)));
        expected.push(format!("Keywords \"{}\"", text::clip(&cover_keywords, 80)));
    }
    // A Subject is often empty or free; only one that shares nothing with the cover at all
    // (title, keywords, abstract) is another document's.
    if let Some(subject) = core.subject.as_deref().filter(|s| !text::is_blank(s)) {
        let cover = format!(
            "{cover_title} {cover_keywords} {}",
            context.header.value(keys::ABSTRACT)
        );
        if !cover_title.is_empty() && !shares_a_word(subject, &cover) {
            stale.push(format!("Subject \"{}\"", text::clip(subject, 80)));
        }
    }
    if stale.is_empty() {
        return;
    }
    let mut found = stale.join("; ");
    if let Some(author) = core.creator.as_deref().filter(|a| !text::is_blank(a)) {
        found.push_str(&format!(" (Author \"{}\")", text::clip(author, 60)));
    }
    let part = context
        .doc
        .core_part
        .clone()
        .unwrap_or_else(|| "docProps/core.xml".into());
    out.push(
        context
            .finding(
                &RULE,
                format!(
                    "the document's properties describe another document: {}",
                    stale.join("; ")
                ),
                Location::new(
                    part,
                    "/cp:coreProperties",
                    "document properties (File > Info > Properties)",
                ),
            )
            .expected(if expected.is_empty() {
                "properties that repeat the cover (or are empty)".to_string()
            } else {
                format!("properties that repeat the cover: {}", expected.join("; "))
            })
            .found(found),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_the_same_through_case_punctuation_and_truncation() {
        let cover = "Proposed text for key management in QKD networks";
        for same in [
            "Proposed text for key management in QKD networks",
            "PROPOSED TEXT FOR KEY MANAGEMENT IN QKD NETWORKS.",
            "Proposed text for key management",
            "Proposed text: key management in QKD networks (draft)",
            "Key management in QKD networks",
        ] {
            assert!(same_title(same, cover), "{same}");
        }
        for other in [
            "Student team report on blockchain",
            "Use cases for distributed ledgers",
        ] {
            assert!(!same_title(other, cover), "{other}");
        }
    }

    #[test]
    fn keywords_overlap_by_any_word() {
        assert!(shares_a_word("QKD; networks", "QKD; key management"));
        assert!(!shares_a_word(
            "FG DLT; blockchain",
            "QKD; key management; network"
        ));
    }
}
