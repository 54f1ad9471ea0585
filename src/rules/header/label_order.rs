use crate::diag::{Finding, Severity};
use crate::rules::{Area, Context, Rule, RuleId};

pub static RULE: Rule = Rule {
    id: RuleId::LabelOrder,
    code: "FG116",
    slug: "label-order",
    severity: Severity::Warning,
    area: Area::Header,
    summary: "the header's labelled rows are not in the template's order",
    why: "Readers and the secretariat's tools expect Source, Title, Purpose, Contact in that order; a shuffled header suggests an edited or foreign template.",
    fix: "Reorder the header rows: Source:, Title:, Purpose:, then the Contact: rows.",
    source: super::TEMPLATE,
    bad: "Title: above Source:.",
    good: "Source:, Title:, Purpose:, Contact:, Contact:",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    if !super::header_found(context) {
        return;
    }
    let order = &context.profile.header.label_order;
    let label_of = |key: &str| {
        context
            .profile
            .field(key)
            .map_or_else(|| format!("{key}:"), super::label)
    };
    let rank = |key: &str| order.iter().position(|k| k == key);
    let mut highest: Option<(usize, &str)> = None;
    for (key, place) in &context.header.label_order {
        let Some(position) = rank(key) else { continue };
        if let Some((top, top_key)) = highest
            && position < top
        {
            let (this, above) = (label_of(key), label_of(top_key));
            let wanted: Vec<String> = order.iter().map(|k| label_of(k)).collect();
            out.push(
                context
                    .finding(
                        &RULE,
                        format!("\"{this}\" comes after \"{above}\""),
                        super::at(place),
                    )
                    .expected(format!("rows in the order {}", wanted.join(", ")))
                    .found(format!("{this} below {above}"))
                    .fix(format!("Reorder the cover's rows: {}.", wanted.join(", "))),
            );
            return;
        }
        if highest.is_none_or(|(top, _)| position >= top) {
            highest = Some((position, key));
        }
    }
}
