use crate::diag::{Finding, Severity};
use crate::rules::vars::centimetres;
use crate::rules::{Area, Context, Rule, RuleId};

pub static RULE: Rule = Rule {
    id: RuleId::Margins,
    code: "FG302",
    slug: "margins",
    severity: Severity::Info,
    area: Area::Layout,
    summary: "the page margins are not the template's",
    why: "The template has 2 cm margins all round; other margins change where lines and pages break, so page references in the meeting report stop matching and merged texts reflow. Word writes 2 cm as 1134 twips; a few twips either way (rounding by other producers) are accepted. Only the final section is measured; a negative top or bottom margin (\"exactly\", so the header cannot push text down) is measured by its size.",
    fix: "In Word: Layout > Margins > Custom Margins: {margin} top, bottom, left and right, applied to the whole document.",
    source: super::SOURCE,
    bad: "2.54 cm (1440 twips) margins, Word's US default; 2.5 cm left and right.",
    good: "<w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" .../>",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    if !super::made_from_template(context) {
        return;
    }
    let layout = &context.profile.layout;
    let Some(wanted) = layout.margin_twips else {
        return;
    };
    let Some(section) = context.doc.final_section() else {
        return;
    };
    let mut off = Vec::new();
    for (name, value) in [
        ("top", section.margin_top),
        ("bottom", section.margin_bottom),
        ("left", section.margin_left),
        ("right", section.margin_right),
    ] {
        let Some(value) = value else { continue };
        let size = value.abs();
        if (size - wanted).abs() > layout.margin_tolerance {
            off.push(format!("{name} {}", centimetres(size)));
        }
    }
    if off.is_empty() {
        return;
    }
    out.push(
        context
            .finding(
                &RULE,
                format!("margins differ from {}: {}", centimetres(wanted), off.join(", ")),
                super::at_section(section, true, "page setup (margins) of the final section"),
            )
            .expected(format!("{} on every side", centimetres(wanted)))
            .found(off.join(", "))
            .fix(format!(
                "In Word: Layout > Margins > Custom Margins: {} top, bottom, left and right, applied to the whole document.",
                centimetres(wanted)
            )),
    );
}
