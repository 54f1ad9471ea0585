use crate::diag::{Finding, Location, Severity};
use crate::rules::{Area, Context, Rule, RuleId};

pub static RULE: Rule = Rule {
    id: RuleId::MissingDocnumberStyle,
    code: "FG304",
    slug: "missing-docnumber-style",
    severity: Severity::Info,
    area: Area::Layout,
    summary: "the template's Docnumber style is missing",
    why: "The template puts the document number in its own style (Docnumber, bold 16 pt); its absence shows the document was not made from the template (or its styles were stripped by a converter), and TSB's tools that look the number up by style find nothing. The style is matched by id or by name, in any case.",
    fix: "Start from the {template}, or copy the cover table from it (which brings the style), and format the number with the {number_style} style.",
    source: super::SOURCE,
    bad: "A styles part without a Docnumber style; the number typed in bold Normal.",
    good: "<w:style w:styleId=\"Docnumber\"><w:name w:val=\"Docnumber\"/>...",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    if !super::made_from_template(context) {
        return;
    }
    let Some(wanted) = context.profile.layout.number_style.as_deref() else {
        return;
    };
    let wanted = wanted.trim();
    let styles = &context.doc.styles;
    let present = styles
        .by_id
        .values()
        .any(|s| s.id.eq_ignore_ascii_case(wanted) || s.name.trim().eq_ignore_ascii_case(wanted));
    if present {
        return;
    }
    let styles_part = context
        .doc
        .main_rels
        .iter()
        .find(|r| r.is_type("styles") && !r.external)
        .map(|r| r.target.clone());
    let (part, found) = match styles_part {
        Some(part) => (
            part,
            format!("{} styles, none named {wanted}", styles.by_id.len()),
        ),
        None => (String::new(), "no styles part".to_string()),
    };
    out.push(
        context
            .finding(
                &RULE,
                format!("no {wanted} style: the document was not made from the template"),
                Location::new(part, "/w:styles", "styles"),
            )
            .expected(format!("a paragraph style {wanted}"))
            .found(found),
    );
}
