use crate::diag::{Finding, Severity};
use crate::rules::{Area, Context, Rule};
use crate::text;

pub static RULE: Rule = Rule {
    code: "FG102",
    slug: "bad-doc-number",
    severity: Severity::Error,
    area: Area::Header,
    summary: "the document number does not follow the group's numbering",
    why: "The number is the document's identity in the register, the file name and every citation; a wrong pattern means the document is filed wrongly or not at all.",
    fix: "Write the number in the template's Docnumber cell (top right), e.g. QIT4N-I-012, QIT4N-I-012-R1 for a revision, or leave the placeholder QIT4N-I-xxx for the secretariat.",
    source: "FG working methods (document numbering, by analogy with FG-ML5G: ML5G-I-167, ML5G-I-150-R1, ML5G-O-023); profile data header.number_patterns",
    bad: "QIT4N-12, Q4N-I-012, QIT4N-I-12 (three digits expected), or no number at all.",
    good: "QIT4N-I-012, FG-QIT4N-I-012-R1, QIT4N-O-003, or the placeholder QIT4N-I-xxx.",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    if !super::header_found(context) {
        return;
    }
    let profile = context.profile;
    let expected = format!(
        "a number matching {}",
        profile
            .number_patterns
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join(" or ")
    );
    let Some(number) = &context.header.doc_number else {
        out.push(
            Finding::new(
                &RULE,
                "no document number was found in the header table",
                super::at_header(context),
            )
            .expected(expected)
            .found("no cell in the Docnumber style or matching the numbering"),
        );
        return;
    };
    let value = text::fold(&number.value);
    let matches = |patterns: &[regex::Regex]| patterns.iter().any(|p| p.is_match(&value));
    if value.is_empty() {
        out.push(
            Finding::new(
                &RULE,
                "the document number cell is empty",
                super::at_field(number),
            )
            .expected(expected)
            .found("an empty cell"),
        );
    } else if !matches(&profile.number_patterns) && !matches(&profile.placeholder_patterns) {
        out.push(
            Finding::new(
                &RULE,
                format!(
                    "document number \"{value}\" does not follow the {} numbering",
                    profile.name
                ),
                super::at_field(number),
            )
            .expected(expected)
            .found(format!("\"{value}\"")),
        );
    }
}
