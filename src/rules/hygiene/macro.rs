use crate::diag::{Finding, Location, Severity};
use crate::model;
use crate::rules::{Area, Context, Rule, RuleId};

pub static RULE: Rule = Rule {
    id: RuleId::Macro,
    code: "FG204",
    slug: "macro",
    severity: Severity::Error,
    area: Area::Hygiene,
    summary: "the file carries macros (VBA project)",
    why: "TSB does not post files with macros: they can run code on every participant's machine, and mail filters block them. A .docm renamed .docx still has its macro-enabled content type and its vbaProject.bin, so the check looks inside the package, not at the file name.",
    fix: "Save as \"Word Document (*.docx)\" (File > Save As), which drops the macros; send the macros separately if they are the contribution.",
    source: super::SOURCE,
    bad: "A main part of type application/vnd.ms-word.document.macroEnabled.main+xml, or a word/vbaProject.bin part, whatever the file is called.",
    good: "A plain .docx: no VBA project part.",
    check: Some(check),
};

/// Part names or content types that hold a VBA project or its data.
fn is_vba_part(name: &str, content_type: &str) -> bool {
    let file = name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase();
    let content_type = content_type.to_ascii_lowercase();
    file == "vbaproject.bin"
        || file == "vbadata.xml"
        || content_type.contains("vbaproject")
        || content_type.contains("vbadata")
}

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = context.doc;
    let vba: Vec<&str> = doc
        .parts
        .iter()
        .filter(|(name, content_type)| is_vba_part(name, content_type))
        .map(|(name, _)| name.as_str())
        .collect();
    let macro_type = model::is_macro_enabled(doc);
    if !macro_type && vba.is_empty() {
        return;
    }
    let mut found = Vec::new();
    if macro_type {
        found.push(format!("main part type {}", doc.main_content_type));
    }
    if !vba.is_empty() {
        found.push(format!("part(s) {}", vba.join(", ")));
    }
    let location = match vba.first() {
        Some(part) => Location::new(*part, "", "VBA project"),
        None => Location::new(doc.main_part.clone(), "", "main part content type"),
    };
    out.push(
        context
            .finding(
                &RULE,
                "the file is macro-enabled or holds a VBA project",
                location,
            )
            .expected("a .docx without macros")
            .found(found.join("; ")),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vba_parts_are_found_by_name_or_type() {
        assert!(is_vba_part("word/vbaProject.bin", ""));
        assert!(is_vba_part("word/VBADATA.xml", "application/xml"));
        assert!(is_vba_part(
            "word/x.bin",
            "application/vnd.ms-office.vbaProject"
        ));
        assert!(!is_vba_part("word/media/image1.png", "image/png"));
        assert!(!is_vba_part("word/embeddings/oleObject1.bin", ""));
    }
}
