use std::collections::BTreeMap;

use crate::diag::{Finding, Location, Severity};
use crate::rules::{Area, Context, Rule};

pub static RULE: Rule = Rule {
    code: "FG201",
    slug: "tracked-changes",
    severity: Severity::Error,
    area: Area::Hygiene,
    summary: "the document still holds tracked changes",
    why: "Contributions are posted as received: unaccepted insertions, deletions and formatting changes show every reader the earlier wording and who changed it, and the text on screen depends on the reader's view settings. Marks in page headers, footers, footnotes, endnotes and comments count too.",
    fix: "In Word: Review > Accept > Accept All Changes (and Stop Tracking), then save. Check headers, footers and notes are accepted as well.",
    source: super::SOURCE,
    bad: "A paragraph with a w:ins or w:del from a co-author; a footnote with a moved sentence.",
    good: "All changes accepted; \"Track Changes\" may still be switched on as long as no mark remains.",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let total: usize = context.doc.all_parts().map(|p| p.revisions.count).sum();
    if total == 0 {
        return;
    }
    let examples: Vec<_> = context
        .doc
        .all_parts()
        .flat_map(|p| p.revisions.examples.iter())
        .collect();
    let mut by_part: BTreeMap<&str, usize> = BTreeMap::new();
    for part in context.doc.all_parts() {
        if part.revisions.count > 0 {
            *by_part.entry(part.part.as_str()).or_default() += part.revisions.count;
        }
    }
    let parts: Vec<String> = by_part
        .iter()
        .map(|(part, count)| format!("{count} in {part}"))
        .collect();
    let kinds: Vec<String> = examples
        .iter()
        .take(5)
        .map(|mark| match &mark.detail {
            Some(author) => format!("w:{} by {author}", mark.kind),
            None => format!("w:{}", mark.kind),
        })
        .collect();
    let location = examples
        .first()
        .map(|mark| super::at(&mark.place))
        .unwrap_or_else(|| Location::file("tracked changes"));
    out.push(
        context
            .finding(
                &RULE,
                format!(
                    "{} ({}); first at {}",
                    super::plural(total, "tracked change remains", "tracked changes remain"),
                    parts.join(", "),
                    super::anchors(&examples)
                ),
                location,
            )
            .expected("no revision marks: all changes accepted or rejected")
            .found(kinds.join(", ")),
    );
}
