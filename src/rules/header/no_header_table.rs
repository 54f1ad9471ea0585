use crate::diag::{Finding, Location, Severity};
use crate::model::header::FieldKind;
use crate::model::scan::FirstBlock;
use crate::rules::{Area, Context, Rule, RuleId};
use crate::text;

pub static RULE: Rule = Rule {
    id: RuleId::NoHeaderTable,
    code: "FG101",
    slug: "no-header-table",
    severity: Severity::Error,
    area: Area::Header,
    summary: "the document does not start with the template's cover table",
    why: "The cover table (number, group, source, title, purpose, contacts) is how the secretariat registers an input; a document not made from the template has none. A table is a cover when it carries the template's labels written with their colons (Source:, Title:...); an ordinary table listing \"Title\", \"Abstract\"... is not one.",
    fix: "Start from the {template} and paste your text below its cover table, or restore the table as the first thing in the document.",
    source: super::TEMPLATE,
    bad: "A document whose first block is a paragraph \"Proposal for ...\", or whose tables have no Source:/Title: labels.",
    good: "A document whose first block is the cover table with its labelled rows.",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let part = context.doc.main_part.clone();
    let first = context.doc.body.first_block.clone();
    if !context.header.is_cover {
        let labels: Vec<String> = context
            .profile
            .header
            .fields
            .iter()
            .filter(|f| matches!(f.kind, FieldKind::Labelled | FieldKind::Contact))
            .filter(|f| f.required)
            .map(super::label)
            .collect();
        let found = match &first {
            None => "an empty body".to_string(),
            Some(FirstBlock::Paragraph(paragraph)) => {
                format!("a paragraph: \"{}\"", text::clip(paragraph, 60))
            }
            Some(FirstBlock::Table) => format!(
                "a table without the template's labels written with a colon ({})",
                labels.join(", ")
            ),
        };
        out.push(
            context
                .finding(
                    &RULE,
                    "no cover table with the template's labels was found",
                    Location::new(part, "/w:document/w:body", "start of the document"),
                )
                .expected(format!(
                    "the template's cover table as the first block, with rows {}",
                    labels.join(", ")
                ))
                .found(found),
        );
        return;
    }
    if let Some(FirstBlock::Paragraph(paragraph)) = first {
        let table = context.header.table_number.unwrap_or(1);
        out.push(
            context
                .finding(
                    &RULE,
                    format!(
                        "the cover table is not the first block: text comes before it (cover read from table {table})"
                    ),
                    Location::new(part, "/w:document/w:body/w:p[1]", "body, paragraph 1"),
                )
                .expected("the cover table as the first block of the document")
                .found(format!("a paragraph before it: \"{}\"", text::clip(&paragraph, 60))),
        );
    }
}
