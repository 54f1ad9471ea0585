use crate::diag::{Finding, Location, Severity};
use crate::model::scan::FirstBlock;
use crate::rules::{Area, Context, Rule};

pub static RULE: Rule = Rule {
    code: "FG101",
    slug: "no-header-table",
    severity: Severity::Error,
    area: Area::Header,
    summary: "the document does not start with the template's header table",
    why: "The header table (number, group, source, title, purpose, contacts) is how the secretariat registers an input; a document not made from the template has none.",
    fix: "Start from the FG base template and paste your text below its header table, or restore the table as the first thing in the document.",
    source: super::TEMPLATE,
    bad: "A document whose first block is a paragraph \"Proposal for ...\", or whose tables have no Source:/Title: labels.",
    good: "A document whose first block is the header table with its labelled rows.",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let part = context.doc.main_part.clone();
    let first = context.doc.body.first_block.clone();
    if !context.header.has_labels() {
        let found = match &first {
            None => "an empty body".to_string(),
            Some(FirstBlock::Paragraph(text)) => format!("a paragraph: \"{text}\""),
            Some(FirstBlock::Table) => {
                "a table without any of the header labels (Source:, Title:, Purpose:, Contact:...)"
                    .to_string()
            }
        };
        out.push(
            Finding::new(&RULE, "no header table with the template's labels was found", Location::new(part, "/w:document/w:body", "start of the document"))
                .expected("the template's header table as the first block, with rows Source:, Title:, Purpose:, Contact:")
                .found(found),
        );
        return;
    }
    if let Some(FirstBlock::Paragraph(text)) = first {
        let table = context.header.table_number.unwrap_or(1);
        out.push(
            Finding::new(&RULE, format!("the header table is not the first block: text comes before it (header read from table {table})"), Location::new(part, "/w:document/w:body/w:p[1]", "paragraph 1"))
                .expected("the header table as the first block of the document")
                .found(format!("a paragraph before it: \"{text}\"")),
        );
    }
}
