use crate::diag::{Finding, Location, Severity};
use crate::rules::{Area, Context, Rule, RuleId};

pub static RULE: Rule = Rule {
    id: RuleId::EmbeddedObject,
    code: "FG207",
    slug: "embedded-object",
    severity: Severity::Info,
    area: Area::Hygiene,
    summary: "the document embeds OLE objects, files or imported content",
    why: "An embedded object (an Excel sheet, a Visio drawing, a packaged file) carries its whole source file: other sheets, hidden rows and earlier data travel with the contribution, and readers without the source application see only a picture. A chart's data workbook under word/embeddings/ is such a file too. Imported content (w:altChunk: an HTML page, an RTF or text file, another Word document merged in when Word opens the file) is reported too: it is not the author's text as Word shows it to fgcheck, and it can carry anything its format can. Pictures are not objects, and equation objects (Equation 3.0, MathType) hold only a formula: neither is reported.",
    fix: "If the object's data need not be shared, replace it with a picture: copy it, then Home > Paste > Paste Special > Picture (Enhanced Metafile). Otherwise check the source file holds nothing confidential. Imported content becomes ordinary text when the document is opened in Word and saved again.",
    source: super::SOURCE,
    bad: "An Excel table pasted as an object (o:OLEObject ProgID=\"Excel.Sheet.12\"), a packaged PDF (ProgID \"Package\"), an HTML page imported with w:altChunk.",
    good: "Figures inserted as pictures (w:drawing with a:blip to word/media/image1.png).",
    check: Some(check),
};

/// Equation objects (Microsoft Equation 3.0, MathType) hold a formula, not a source file:
/// contributions are full of them, and they are not reported.
pub(crate) fn is_equation(prog_id: &str) -> bool {
    let lower = prog_id.trim().to_ascii_lowercase();
    lower.starts_with("equation.") || lower.starts_with("mathtype")
}

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = context.doc;
    let mut described: Vec<String> = Vec::new();
    let mut covered: Vec<String> = Vec::new();
    let mut first: Option<Location> = None;
    for part in doc.all_parts() {
        for object in part.objects.iter().filter(|o| !o.linked) {
            let rel = object
                .rel_id
                .as_deref()
                .and_then(|id| doc.rels_of(&part.part).iter().find(|r| r.id == id))
                .filter(|rel| !rel.external);
            if let Some(rel) = rel {
                covered.push(rel.target.to_ascii_lowercase());
            }
            if is_equation(&object.prog_id) {
                continue;
            }
            let prog_id = if object.prog_id.is_empty() {
                "an OLE object"
            } else {
                object.prog_id.as_str()
            };
            described.push(format!("{prog_id} at {}", object.place.anchor));
            first.get_or_insert_with(|| super::at(&object.place));
        }
    }
    let mut chunks = 0;
    for part in doc.all_parts() {
        for chunk in &part.alt_chunks {
            let target = doc
                .rels_of(&part.part)
                .iter()
                .find(|r| r.id == chunk.rel_id && !r.external);
            let content_type = target
                .and_then(|rel| {
                    doc.parts
                        .iter()
                        .find(|(name, _)| name.eq_ignore_ascii_case(&rel.target))
                })
                .map(|(_, kind)| kind.as_str())
                .filter(|kind| !kind.is_empty())
                .unwrap_or("unknown content type");
            if let Some(rel) = target {
                covered.push(rel.target.to_ascii_lowercase());
            }
            chunks += 1;
            described.push(format!(
                "imported content (w:altChunk, {content_type}) at {}",
                chunk.place.anchor
            ));
            first.get_or_insert_with(|| super::at(&chunk.place));
        }
    }
    let objects = described.len() - chunks;
    let loose: Vec<&str> = doc
        .parts
        .iter()
        .map(|(name, _)| name.as_str())
        .filter(|name| {
            name.to_ascii_lowercase().starts_with("word/embeddings/")
                && !covered.contains(&name.to_ascii_lowercase())
        })
        .collect();
    if objects == 0 && chunks == 0 && loose.is_empty() {
        return;
    }
    let mut message = Vec::new();
    if chunks > 0 {
        message.push(super::plural(
            chunks,
            "block of imported content (w:altChunk)",
            "blocks of imported content (w:altChunk)",
        ));
    }
    if objects > 0 {
        message.push(super::plural(
            objects,
            "embedded object",
            "embedded objects",
        ));
    }
    if !loose.is_empty() {
        message.push(format!(
            "{} under word/embeddings/ (e.g. chart data)",
            super::plural(loose.len(), "other embedded file", "other embedded files")
        ));
    }
    let mut found: Vec<String> = described.into_iter().take(5).collect();
    found.extend(loose.iter().take(5).map(|name| name.to_string()));
    let location = first.unwrap_or_else(|| {
        Location::new(
            loose.first().copied().unwrap_or_default(),
            "",
            "embedded file",
        )
    });
    out.push(
        context.finding(&RULE, message.join(" and "), location)
            .expected("figures and tables as pictures or text, unless the object's data are meant to be shared")
            .found(found.join("; ")),
    );
}

#[cfg(test)]
mod tests {
    use super::is_equation;

    #[test]
    fn equations_are_not_source_files() {
        assert!(is_equation("Equation.3"));
        assert!(is_equation("Equation.DSMT4"));
        assert!(!is_equation("Excel.Sheet.12"));
        assert!(!is_equation("Package"));
    }
}
