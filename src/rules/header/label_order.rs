use crate::diag::{Finding, Severity};
use crate::rules::{Area, Context, Rule};

pub static RULE: Rule = Rule {
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
    let order = &context.profile.label_order;
    let rank = |key: &str| order.iter().position(|k| k == key);
    let mut highest: Option<(usize, &str)> = None;
    for (key, place) in &context.header.label_order {
        let Some(position) = rank(key) else { continue };
        if let Some((top, top_key)) = highest
            && position < top
        {
            out.push(
                Finding::new(
                    &RULE,
                    format!(
                        "\"{}:\" comes after \"{}:\"",
                        title_case(key),
                        title_case(top_key)
                    ),
                    super::at(place),
                )
                .expected(format!(
                    "rows in the order {}",
                    order
                        .iter()
                        .map(|k| format!("{}:", title_case(k)))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
                .found(format!(
                    "{}: below {}:",
                    title_case(key),
                    title_case(top_key)
                )),
            );
            return;
        }
        if highest.is_none_or(|(top, _)| position >= top) {
            highest = Some((position, key));
        }
    }
}

fn title_case(key: &str) -> String {
    let mut chars = key.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
