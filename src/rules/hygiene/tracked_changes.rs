use crate::diag::{Finding, Location, Severity};
use crate::model::scan::{Mark, Revisions};
use crate::rules::{Area, Context, Rule, RuleId};

pub static RULE: Rule = Rule {
    id: RuleId::TrackedChanges,
    code: "FG201",
    slug: "tracked-changes",
    severity: Severity::Error,
    area: Area::Hygiene,
    summary: "the document still holds tracked changes",
    why: "Contributions are posted as received: unaccepted insertions, deletions and formatting changes show every reader the earlier wording and who changed it, and the text on screen depends on the reader's view settings. Marks in page headers, footers, footnotes, endnotes and comments count too.",
    fix: "In Word: Review > Accept > Accept All Changes (and Stop Tracking), then save. Check headers, footers and notes are accepted as well.",
    source: super::SOURCE,
    bad: "A paragraph with a co-author's insertion or deletion still tracked; a footnote with a moved sentence.",
    good: "All changes accepted; \"Track Changes\" may still be switched on as long as no mark remains.",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let mut all = Revisions::default();
    for part in context.doc.all_parts() {
        all.absorb(&part.revisions);
    }
    let total = all.count();
    if total == 0 {
        return;
    }
    let examples: Vec<&Mark> = all.marks.examples.iter().collect();
    let location = examples
        .first()
        .map(|mark| super::at(&mark.place))
        .unwrap_or_else(|| Location::file("tracked changes"));
    let places = super::anchors(&examples);
    out.push(
        context
            .finding(
                &RULE,
                format!(
                    "{}: {}",
                    super::plural(total, "tracked change remains", "tracked changes remain"),
                    all.describe()
                ),
                location,
            )
            .expected("no tracked changes: every change accepted or rejected")
            .found(format!("{}, first in {places}", all.describe())),
    );
}
