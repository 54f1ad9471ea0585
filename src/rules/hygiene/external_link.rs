use crate::diag::{Finding, Location, Severity};
use crate::rules::{Area, Context, Rule, RuleId};

pub static RULE: Rule = Rule {
    id: RuleId::ExternalLink,
    code: "FG206",
    slug: "external-link",
    severity: Severity::Warning,
    area: Area::Hygiene,
    summary: "the document pulls content from outside files",
    why: "A linked picture, a linked OLE object, a subdocument, a mail-merge source or an INCLUDEPICTURE/INCLUDETEXT/LINK/DDE field shows content that is not in the file: readers see a broken box or a security prompt, Word may fetch the target on opening (leaking their address and credentials), and a DDE field can run commands. Hyperlinks (HYPERLINK fields, http(s) and mailto: links) are only followed when clicked and are not reported.",
    fix: "In Word: File > Info > Edit Links to Files > Break Link for each link (pictures: select and use \"Insert and Link\" > \"Insert\"); for fields, select them and press Ctrl+Shift+F9 to keep the result as plain text.",
    source: super::SOURCE,
    bad: "A picture inserted with \"Link to File\" from `\\\\server\\share\\fig.png`; INCLUDEPICTURE \"http://example.com/fig.png\"; an Excel table pasted as a link.",
    good: "Pictures and objects embedded in the file; HYPERLINK fields and mailto:/https: hyperlinks.",
    check: Some(check),
};

/// At most this many links are reported one by one; the rest are counted.
const MAX_REPORTED: usize = 8;

/// Field types that fetch content from another file or program.
const LINKING_FIELDS: &[&str] = &[
    "INCLUDEPICTURE",
    "INCLUDETEXT",
    "INCLUDE",
    "LINK",
    "DDE",
    "DDEAUTO",
    "IMPORT",
];

/// The first argument of a field instruction, quoted or not, with field-code escapes
/// (`\\\\` for one backslash) undone.
pub(crate) fn field_target(instruction: &str) -> String {
    let rest = instruction
        .trim()
        .split_once(char::is_whitespace)
        .map(|(_, rest)| rest.trim_start())
        .unwrap_or_default();
    let raw = if let Some(quoted) = rest.strip_prefix('"') {
        quoted.split('"').next().unwrap_or_default()
    } else {
        rest.split_whitespace().next().unwrap_or_default()
    };
    raw.replace("\\\\", "\\")
}

/// The arguments of a field instruction before its first switch, unescaped:
/// `DDEAUTO c:\\windows\\system32\\cmd.exe "/k calc.exe"` -> `c:\windows\system32\cmd.exe "/k calc.exe"`.
pub(crate) fn field_arguments(instruction: &str) -> String {
    let rest = instruction
        .trim()
        .split_once(char::is_whitespace)
        .map(|(_, rest)| rest.trim())
        .unwrap_or_default();
    let mut out = String::new();
    let mut quoted = false;
    let mut chars = rest.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '"' => quoted = !quoted,
            '\\' if chars.peek() == Some(&'\\') => {
                chars.next();
            }
            '\\' if !quoted && out.ends_with(' ') => break,
            _ => {}
        }
        out.push(ch);
    }
    out.trim().to_string()
}

/// What an external relationship's type names, in words.
fn rel_kind(rel_type: &str) -> String {
    let last = rel_type.rsplit('/').next().unwrap_or(rel_type);
    match last.to_ascii_lowercase().as_str() {
        "image" => "linked picture".into(),
        "oleobject" => "linked OLE object".into(),
        "subdocument" => "subdocument".into(),
        "package" => "linked package".into(),
        "mailmergesource" | "datasource" | "recipientdata" | "mailmergeheadersource" => {
            "mail-merge data source".into()
        }
        "audio" | "video" | "media" => "linked media".into(),
        "frame" => "frame".into(),
        other => format!("external {other} relationship"),
    }
}

/// A part named for people: "the body", "the document settings", "page header (header1.xml)".
fn part_name(doc: &crate::model::Document, part: &str) -> String {
    if part == doc.main_part {
        return "the body".into();
    }
    if part == super::settings_part(doc) {
        return "the document settings".into();
    }
    let file = part.rsplit('/').next().unwrap_or(part);
    format!("part {file}")
}

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = context.doc;
    // (message, location, target)
    let mut links: Vec<(String, Location, String)> = Vec::new();

    let mut rel_sources: Vec<(&str, &[crate::package::Relationship])> =
        vec![(doc.main_part.as_str(), doc.main_rels.as_slice())];
    for (part, rels) in &doc.part_rels {
        rel_sources.push((part.as_str(), rels.as_slice()));
    }
    let settings_part = super::settings_part(doc);
    rel_sources.push((settings_part.as_str(), doc.settings_rels.as_slice()));
    for (part, rels) in rel_sources {
        for rel in rels {
            if !rel.external
                || rel.is_type("hyperlink")
                // The attached template has its own rule.
                || rel.is_type("attachedTemplate")
                || (part == settings_part
                    && doc.settings.attached_template_rel.as_deref() == Some(rel.id.as_str()))
            {
                continue;
            }
            let kind = rel_kind(&rel.rel_type);
            // Where the document uses it, when the scan saw it; else the part as a whole.
            let scanned = doc.all_parts().find(|p| p.part == part);
            let used = scanned
                .and_then(|p| {
                    p.rel_uses
                        .iter()
                        .find(|(id, _)| *id == rel.id)
                        .map(|(_, place)| place)
                        .or_else(|| {
                            p.objects
                                .iter()
                                .find(|o| o.rel_id.as_deref() == Some(rel.id.as_str()))
                                .map(|o| &o.place)
                        })
                })
                .map(super::at);
            let location = used.unwrap_or_else(|| {
                Location::new(part, "", format!("{} ({})", part_name(doc, part), kind))
            });
            let target = crate::text::clip(&rel.target, 200);
            links.push((
                format!("{kind} from \"{target}\": its content is not in the file"),
                location,
                format!("\"{target}\""),
            ));
        }
    }

    for part in doc.all_parts() {
        for object in part.objects.iter().filter(|o| o.linked) {
            // Its relationship, when external, is already listed above.
            let target = object
                .rel_id
                .as_deref()
                .and_then(|id| doc.rels_of(&part.part).iter().find(|r| r.id == id));
            if target.is_some_and(|rel| rel.external) {
                continue;
            }
            let prog_id = if object.prog_id.is_empty() {
                "OLE object".to_string()
            } else {
                object.prog_id.clone()
            };
            let source = target
                .map(|rel| format!("\"{}\"", crate::text::clip(&rel.target, 200)))
                .unwrap_or_else(|| "a file outside the document".into());
            links.push((
                format!("linked {prog_id} object from {source}: its content is not in the file"),
                super::at(&object.place),
                source,
            ));
        }
        for field in &part.fields {
            let kind = field.kind();
            if !LINKING_FIELDS.contains(&kind.as_str()) {
                continue;
            }
            let (what, target, tail) = match kind.as_str() {
                // DDE and LINK name an application (or class) first, then the file or topic.
                "DDE" | "DDEAUTO" => (
                    "asks Word to start",
                    field_arguments(&field.instruction),
                    " (a program, not content in the file)",
                ),
                "LINK" => (
                    "links to",
                    field_arguments(&field.instruction),
                    ": the content is not in the file",
                ),
                _ => (
                    "fetches",
                    field_target(&field.instruction),
                    ": the content is not in the file",
                ),
            };
            links.push((
                format!(
                    "{kind} field {what} \"{}\"{tail}",
                    crate::text::clip(&target, 160)
                ),
                super::at(&field.place),
                format!(
                    "field code \"{}\"",
                    crate::text::clip(&field.instruction, 120)
                ),
            ));
        }
    }

    let total = links.len();
    for (index, (what, location, found)) in links.into_iter().enumerate() {
        if index == MAX_REPORTED {
            out.push(
                context
                    .finding(
                        &RULE,
                        format!("{} more links to outside files", total - MAX_REPORTED),
                        Location::file("more external links"),
                    )
                    .expected("content embedded in the file"),
            );
            break;
        }
        out.push(
            context
                .finding(&RULE, what, location)
                .expected("content embedded in the file, or a plain hyperlink")
                .found(found),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_targets_are_unescaped() {
        assert_eq!(
            field_target(r#"INCLUDEPICTURE "\\\\srv\\share\\x.png" \* MERGEFORMATINET"#),
            r"\\srv\share\x.png"
        );
        assert_eq!(
            field_target("INCLUDETEXT C:\\\\notes.docx"),
            r"C:\notes.docx"
        );
        assert_eq!(field_target("LINK"), "");
        assert_eq!(
            field_arguments(r#"DDEAUTO c:\\windows\\system32\\cmd.exe "/k calc.exe""#),
            r#"c:\windows\system32\cmd.exe "/k calc.exe""#
        );
        assert_eq!(
            field_arguments(r#"LINK Excel.Sheet.12 "C:\\data\\keys.xlsx" "Sheet1!R1C1" \a \f 4"#),
            r#"Excel.Sheet.12 "C:\data\keys.xlsx" "Sheet1!R1C1""#
        );
    }

    #[test]
    fn relationship_kinds_are_named() {
        assert_eq!(
            rel_kind("http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"),
            "linked picture"
        );
        assert_eq!(
            rel_kind("http://purl.oclc.org/ooxml/officeDocument/relationships/subDocument"),
            "subdocument"
        );
    }
}
