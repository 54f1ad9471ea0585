use crate::diag::{Finding, Location, Severity};
use crate::rules::{Area, Context, Rule};

pub static RULE: Rule = Rule {
    code: "FG202",
    slug: "comments",
    severity: Severity::Warning,
    area: Area::Hygiene,
    summary: "the document holds reviewer comments",
    why: "Comments are internal discussion: once the contribution is posted every participant reads them, with their authors' names.",
    fix: "In Word: Review > Delete > Delete All Comments in Document, then save.",
    source: super::SOURCE,
    bad: "A comments part with one or more w:comment (\"Alice: check this figure\").",
    good: "No comments; an empty comments part left behind by an editor is fine.",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let count = context.doc.comment_count();
    if count == 0 {
        return;
    }
    let part = context
        .doc
        .other_parts
        .iter()
        .find(|p| p.comments > 0)
        .map(|p| p.part.clone())
        .unwrap_or_default();
    let preview = context
        .doc
        .other_parts
        .iter()
        .find(|p| p.comments > 0)
        .map(|p| crate::text::clip(p.text.trim(), 80))
        .filter(|text| !text.is_empty());
    let mut finding = context
        .finding(
            &RULE,
            format!(
                "{} left in the document",
                super::plural(count, "comment", "comments")
            ),
            Location::new(part, "/w:comments", "comments"),
        )
        .expected("no comments");
    finding = match preview {
        Some(text) => finding.found(format!("{count} w:comment, starting \"{text}\"")),
        None => finding.found(format!("{count} w:comment")),
    };
    out.push(finding);
}
