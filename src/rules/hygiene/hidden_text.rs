use crate::diag::{Finding, Location, Severity};
use crate::rules::{Area, Context, Rule, RuleId};

pub static RULE: Rule = Rule {
    id: RuleId::HiddenText,
    code: "FG203",
    slug: "hidden-text",
    severity: Severity::Warning,
    area: Area::Hygiene,
    summary: "the document holds hidden text",
    why: "Hidden text (font effect \"Hidden\", directly or through a character or paragraph style) is invisible on screen and in print but is posted with the file: anyone can reveal it, and it is often a draft or an internal note. A hidden paragraph mark or web-hidden formatting holds no text and is not reported.",
    fix: "In Word: File > Info > Check for Issues > Inspect Document > Hidden Text > Remove All; or show it (Home > show formatting marks), then delete it or clear Font > Hidden.",
    source: super::SOURCE,
    bad: "A run formatted Hidden; a paragraph whose style is based on a hidden style.",
    good: "Only a paragraph mark hidden, or page numbers hidden on the web in a table of contents.",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let total: usize = context.doc.all_parts().map(|p| p.hidden.count).sum();
    if total == 0 {
        return;
    }
    let examples: Vec<_> = context
        .doc
        .all_parts()
        .flat_map(|p| p.hidden.examples.iter())
        .collect();
    let texts: Vec<String> = examples
        .iter()
        .take(3)
        .filter_map(|mark| {
            mark.detail
                .as_ref()
                .map(|text| format!("\"{text}\" in {}", mark.place.anchor))
        })
        .collect();
    let location = examples
        .first()
        .map(|mark| super::at(&mark.place))
        .unwrap_or_else(|| Location::file("hidden text"));
    out.push(
        context
            .finding(
                &RULE,
                format!("{} of hidden text", super::plural(total, "run", "runs")),
                location,
            )
            .expected("no hidden text")
            .found(texts.join("; ")),
    );
}
