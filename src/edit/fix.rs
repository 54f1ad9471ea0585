//! `fgcheck fix`: applies the fixes declared safe in [`crate::rules::fixes`] to a copy.
//! Each removes or corrects metadata (properties, the settings part and its relationships)
//! and never touches the body; each is keyed on a finding, so nothing is changed that no
//! finding reported. Parts are streamed element by element; every other zip entry is copied
//! byte for byte ([`crate::edit::zipout`]).

use std::collections::BTreeMap;
use std::io::{BufRead, Seek, Write};

use quick_xml::Writer;
use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;

use crate::diag::Finding;
use crate::edit::xmlio::{self, RawReader};
use crate::edit::zipout::{self, Changes, Content};
use crate::edit::{EditError, Source};
use crate::model::Document;
use crate::model::header::Header;
use crate::model::header::keys;
use crate::package::{Package, PackageError, opc};
use crate::rules::{RuleId, fixes};
use crate::text;
use crate::xml::Ns;

const DC: &str = "http://purl.org/dc/elements/1.1/";
const CP: &str = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";

/// One element-level change, for `--diff`: the markup before and after (empty when the
/// element is removed or added).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub part: String,
    pub before: String,
    pub after: String,
}

/// A finding fixed, or left for the author with the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub slug: &'static str,
    pub anchor: String,
    /// `None` when fixed; the reason when the fix does not apply to this file.
    pub declined: Option<String>,
}

/// What a fix run did to one file.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub outcomes: Vec<Outcome>,
    pub changes: Vec<Change>,
}

impl Report {
    pub fn fixed(&self) -> impl Iterator<Item = &Outcome> {
        self.outcomes.iter().filter(|o| o.declined.is_none())
    }

    pub fn declined(&self) -> impl Iterator<Item = &Outcome> {
        self.outcomes.iter().filter(|o| o.declined.is_some())
    }

    /// The changes as a diff, part by part.
    pub fn diff(&self) -> String {
        let mut out = String::new();
        let mut current: Option<&str> = None;
        for change in &self.changes {
            if current != Some(change.part.as_str()) {
                out.push_str(&format!("--- a/{0}\n+++ b/{0}\n", change.part));
                current = Some(&change.part);
            }
            if !change.before.is_empty() {
                out.push_str(&format!("-{}\n", change.before));
            }
            if !change.after.is_empty() {
                out.push_str(&format!("+{}\n", change.after));
            }
        }
        out
    }
}

/// Which element an operation is about: a child of the part's root.
#[derive(Clone, Debug)]
struct Select {
    ns: Ns,
    local: String,
    /// An attribute that must have this value (a custom property's name, a relationship id).
    attr: Option<(String, String)>,
}

impl Select {
    fn new(ns: Ns, local: &str) -> Select {
        Select {
            ns,
            local: local.to_string(),
            attr: None,
        }
    }

    fn matches(&self, ns: Ns, start: &BytesStart<'_>) -> bool {
        ns == self.ns
            && start.local_name().into_inner() == self.local
            && self
                .attr
                .as_ref()
                .is_none_or(|(name, value)| xmlio::attr(start, name).as_deref() == Some(value))
    }
}

#[derive(Clone, Debug)]
enum Op {
    /// Drop the element.
    Remove(Select),
    /// Replace the element's content with text; add the element (`prefix:local` in `uri`)
    /// when it is absent.
    SetText {
        select: Select,
        text: String,
        uri: &'static str,
    },
    /// Set `w:enforcement="0"` on an enforced protection, unless it has a password.
    LiftProtection(Select),
}

/// One finding's operations, on one part.
struct Planned {
    outcome: usize,
    part: String,
    op: Op,
}

/// Fixes what the findings report and can be fixed safely; writes the copy into `out`.
/// With no fix to apply, `out` gets nothing and the report has no changes.
pub fn fix<W: Write + Seek>(
    source: Source<'_>,
    document: &Document,
    header: &Header,
    findings: &[Finding],
    out: W,
) -> Result<(Option<W>, Report), EditError> {
    let mut package = Package::open(source.open()?)?;
    let mut report = Report::default();
    let mut planned: Vec<Planned> = Vec::new();
    let root_part = |package: &Package<_>, kinds: &[&str]| {
        kinds.iter().find_map(|kind| {
            package
                .root_rels
                .iter()
                .find(|r| r.is_type(kind) && !r.external)
                .map(|r| r.target.clone())
        })
    };
    let core_part = root_part(&package, &["core-properties"]);
    let settings_part = document
        .main_rels
        .iter()
        .find(|r| r.is_type("settings") && !r.external)
        .map(|r| r.target.clone());
    for finding in findings {
        if finding.suppressed.is_some() || fixes::safe_fix(finding.rule).is_none() {
            continue;
        }
        let outcome = report.outcomes.len();
        report.outcomes.push(Outcome {
            slug: finding.rule.slug,
            anchor: finding.location.anchor.clone(),
            declined: None,
        });
        let mut add = |part: &str, op: Op| {
            planned.push(Planned {
                outcome,
                part: part.to_string(),
                op,
            })
        };
        let declined = match finding.rule.id {
            RuleId::PersonalMetadata => match property_select(finding) {
                Some((part, select)) => {
                    add(&part, Op::Remove(select));
                    None
                }
                None => Some(format!(
                    "fgcheck cannot tell which property {} names",
                    finding.location.path
                )),
            },
            RuleId::StaleProperties => match &core_part {
                Some(core) => {
                    let path = finding.location.path.to_ascii_lowercase();
                    let both = !path.contains("title") && !path.contains("keywords");
                    let mut declined = None;
                    for (wanted, field, select, uri, what) in [
                        (
                            both || path.contains("title"),
                            header.get(keys::TITLE),
                            Select::new(Ns::Dc, "title"),
                            DC,
                            "Title",
                        ),
                        (
                            both || path.contains("keywords"),
                            header.get(keys::KEYWORDS),
                            Select::new(Ns::Cp, "keywords"),
                            CP,
                            "Keywords",
                        ),
                    ] {
                        if !wanted {
                            continue;
                        }
                        let value = field
                            .as_ref()
                            .map(|f| text::fold(&f.value))
                            .unwrap_or_default();
                        if value.is_empty() {
                            declined = Some(format!("the cover has no {what} to copy"));
                            continue;
                        }
                        add(
                            core,
                            Op::SetText {
                                select,
                                text: value,
                                uri,
                            },
                        );
                    }
                    declined
                }
                None => Some("the package has no core properties part".into()),
            },
            RuleId::ExternalTemplate => match &settings_part {
                Some(settings) => {
                    add(settings, Op::Remove(Select::new(Ns::W, "attachedTemplate")));
                    let rels = opc::rels_part_name(settings);
                    for rel in document.settings_rels.iter().filter(|rel| {
                        rel.external
                            && (rel.is_type("attachedTemplate")
                                || document.settings.attached_template_rel.as_deref()
                                    == Some(rel.id.as_str()))
                    }) {
                        add(
                            &rels,
                            Op::Remove(Select {
                                ns: Ns::Rels,
                                local: "Relationship".into(),
                                attr: Some(("Id".into(), rel.id.clone())),
                            }),
                        );
                    }
                    None
                }
                None => Some("the document has no settings part".into()),
            },
            RuleId::Protected => match &settings_part {
                Some(settings) => {
                    for local in ["documentProtection", "writeProtection"] {
                        add(settings, Op::LiftProtection(Select::new(Ns::W, local)));
                    }
                    None
                }
                None => Some("the document has no settings part".into()),
            },
            _ => Some("this rule has no fix in this version of fgcheck".into()),
        };
        if let Some(reason) = declined
            && let Some(entry) = report.outcomes.get_mut(outcome)
        {
            entry.declined = Some(reason);
        }
    }
    if planned.is_empty() {
        return Ok((None, report));
    }
    // One streaming pass per part, all of its operations at once.
    let mut by_part: BTreeMap<String, Vec<(usize, Op)>> = BTreeMap::new();
    for item in planned {
        let stored = package.canonical_name(&item.part).unwrap_or(item.part);
        by_part
            .entry(stored)
            .or_default()
            .push((item.outcome, item.op));
    }
    let mut changes = Changes::default();
    let mut touched = vec![false; report.outcomes.len()];
    for (part, ops) in &by_part {
        let Some(reader) = package.part_reader(part)? else {
            for (outcome, _) in ops {
                if let Some(entry) = report.outcomes.get_mut(*outcome) {
                    entry.declined = Some(format!("the package has no part {part}"));
                }
            }
            continue;
        };
        let edited = edit_part(reader, part, ops)?;
        for (outcome, why) in edited.declined {
            if let Some(entry) = report.outcomes.get_mut(outcome) {
                entry.declined = Some(why);
            }
        }
        for outcome in edited.applied {
            if let Some(flag) = touched.get_mut(outcome) {
                *flag = true;
            }
        }
        if !edited.changes.is_empty() {
            report.changes.extend(edited.changes);
            changes
                .replaced
                .insert(part.clone(), Content::Bytes(edited.bytes));
        }
    }
    // A fix whose element was not there changed nothing: say so rather than claim it.
    for (index, entry) in report.outcomes.iter_mut().enumerate() {
        if entry.declined.is_none() && !touched.get(index).copied().unwrap_or(false) {
            entry.declined = Some("the element it names is not in the package".into());
        }
    }
    if changes.is_empty() {
        return Ok((None, report));
    }
    let mut raw = ZipArchive::new(source.open()?)
        .map_err(|e| EditError::Package(PackageError::CorruptZip(e.to_string())))?;
    let written = zipout::write(&mut raw, out, changes)?;
    Ok((Some(written), report))
}

/// The property a personal-metadata finding names: `/cp:coreProperties/dc:creator`,
/// `/Properties/property[@name='X']` (custom) or `/Properties/Manager` (app).
fn property_select(finding: &Finding) -> Option<(String, Select)> {
    let part = finding.location.part.clone();
    let last = finding.location.path.rsplit('/').next()?.trim();
    if let Some(inner) = last.strip_prefix("property[@name=") {
        let name = inner
            .strip_suffix(']')?
            .trim_matches(|c| c == '\'' || c == '"')
            .to_string();
        return Some((
            part,
            Select {
                ns: Ns::CustomProps,
                local: "property".into(),
                attr: Some(("name".into(), name)),
            },
        ));
    }
    let (prefix, local) = last.split_once(':').unwrap_or(("", last));
    let ns = match prefix {
        "dc" => Ns::Dc,
        "cp" => Ns::Cp,
        "dcterms" => Ns::Dcterms,
        "" if part.ends_with("app.xml") => Ns::ExtendedProps,
        _ => return None,
    };
    if local.is_empty() || !local.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    Some((part, Select::new(ns, local)))
}

struct Edited {
    bytes: Vec<u8>,
    changes: Vec<Change>,
    applied: Vec<usize>,
    declined: Vec<(usize, String)>,
}

/// Attributes that hold a protection password's hash.
const PASSWORD_ATTRIBUTES: &[&str] = &["hash", "hashValue", "cryptProviderType"];

fn edit_part<B: BufRead>(source: B, part: &str, ops: &[(usize, Op)]) -> Result<Edited, EditError> {
    let mut reader = RawReader::new(source, part);
    let mut writer = Writer::new(Vec::new());
    let fail = |e: std::io::Error| EditError::Package(xmlio::write_error(e, part));
    let mut edited = Edited {
        bytes: Vec::new(),
        changes: Vec::new(),
        applied: Vec::new(),
        declined: Vec::new(),
    };
    let mut set_done = vec![false; ops.len()];
    // An element being captured: (depth, op index, its markup so far).
    let mut capture: Option<(usize, usize, Writer<Vec<u8>>)> = None;
    let mut root: Option<BytesStart<'static>> = None;
    loop {
        let item = reader.next_item()?;
        let depth = item.depth;
        if let Some((capture_depth, _, buffer)) = capture.as_mut() {
            let ends = matches!(item.event, Event::End(_)) && depth == *capture_depth;
            buffer.write_event(item.event).map_err(fail)?;
            if ends && let Some((_, op_index, buffer)) = capture.take() {
                let before = String::from_utf8_lossy(&buffer.into_inner()).into_owned();
                finish_capture(&mut writer, &mut edited, part, ops, op_index, before)?;
            }
            continue;
        }
        let is_empty = matches!(item.event, Event::Empty(_));
        match item.event {
            Event::Eof => break,
            Event::Start(start) if depth == 1 => {
                root = Some(start.clone().into_owned());
                writer.write_event(Event::Start(start)).map_err(fail)?;
            }
            Event::End(end) if depth == 1 => {
                // Properties to set that the part does not have yet are added last.
                for (index, (outcome, op)) in ops.iter().enumerate() {
                    if let Op::SetText { select, text, uri } = op
                        && !set_done.get(index).copied().unwrap_or(true)
                    {
                        let prefix = root.as_ref().and_then(|r| xmlio::declared_prefix(r, uri));
                        let markup = match prefix {
                            Some(p) => {
                                format!("<{p}:{0}>{1}</{p}:{0}>", select.local, xmlio::text(text))
                            }
                            None => format!(
                                "<fg:{0} xmlns:fg=\"{uri}\">{1}</fg:{0}>",
                                select.local,
                                xmlio::text(text)
                            ),
                        };
                        xmlio::write_raw(&mut writer, &markup).map_err(fail)?;
                        edited.changes.push(Change {
                            part: part.to_string(),
                            before: String::new(),
                            after: markup,
                        });
                        edited.applied.push(*outcome);
                        if let Some(flag) = set_done.get_mut(index) {
                            *flag = true;
                        }
                    }
                }
                writer.write_event(Event::End(end)).map_err(fail)?;
            }
            Event::Start(start) | Event::Empty(start) if depth == 2 => {
                let found = ops.iter().position(|(_, op)| match op {
                    Op::Remove(s) | Op::LiftProtection(s) | Op::SetText { select: s, .. } => {
                        s.matches(item.ns, &start)
                    }
                });
                match found.and_then(|i| ops.get(i).map(|op| (i, op))) {
                    Some((_, (outcome, Op::LiftProtection(_)))) => {
                        let original = tag(&start, is_empty);
                        let has_password = PASSWORD_ATTRIBUTES
                            .iter()
                            .any(|a| xmlio::attr(&start, a).is_some_and(|v| !v.trim().is_empty()));
                        let enforced = xmlio::attr(&start, "enforcement")
                            .is_some_and(|v| matches!(v.trim(), "1" | "true" | "on"));
                        if enforced && has_password {
                            edited.declined.push((
                                *outcome,
                                "a password is set: only its holder can lift the protection (Review > Restrict Editing > Stop Protection)".into(),
                            ));
                        }
                        let lifted = (enforced && !has_password).then(|| lift(&start));
                        match lifted {
                            Some(new_start) => {
                                let after = tag(&new_start, is_empty);
                                edited.changes.push(Change {
                                    part: part.to_string(),
                                    before: original,
                                    after,
                                });
                                edited.applied.push(*outcome);
                                if is_empty {
                                    writer.write_event(Event::Empty(new_start)).map_err(fail)?;
                                } else {
                                    writer.write_event(Event::Start(new_start)).map_err(fail)?;
                                }
                            }
                            None => {
                                let event = if is_empty {
                                    Event::Empty(start)
                                } else {
                                    Event::Start(start)
                                };
                                writer.write_event(event).map_err(fail)?;
                            }
                        }
                    }
                    Some((index, _)) => {
                        let mut buffer = Writer::new(Vec::new());
                        if is_empty {
                            buffer.write_event(Event::Empty(start)).map_err(fail)?;
                            let before = String::from_utf8_lossy(&buffer.into_inner()).into_owned();
                            finish_capture(&mut writer, &mut edited, part, ops, index, before)?;
                        } else {
                            buffer.write_event(Event::Start(start)).map_err(fail)?;
                            capture = Some((depth, index, buffer));
                        }
                        if let Some(flag) = set_done.get_mut(index) {
                            *flag = true;
                        }
                    }
                    None => {
                        let event = if is_empty {
                            Event::Empty(start)
                        } else {
                            Event::Start(start)
                        };
                        writer.write_event(event).map_err(fail)?;
                    }
                }
            }
            other => writer.write_event(other).map_err(fail)?,
        }
    }
    edited.bytes = writer.into_inner();
    Ok(edited)
}

/// An element captured whole: removed, or written back with new text.
fn finish_capture(
    writer: &mut Writer<Vec<u8>>,
    edited: &mut Edited,
    part: &str,
    ops: &[(usize, Op)],
    index: usize,
    before: String,
) -> Result<(), EditError> {
    let Some((outcome, op)) = ops.get(index) else {
        return Ok(());
    };
    let after = match op {
        Op::Remove(_) => String::new(),
        Op::SetText { text, .. } => {
            // The start tag as it was, the new text, the end tag.
            let open_end = before.find('>').map_or(before.len(), |i| i + 1);
            let open = before.get(..open_end).unwrap_or_default();
            let (open, name) = match open.strip_suffix("/>") {
                Some(head) => (format!("{head}>"), element_name(head)),
                None => (open.to_string(), element_name(open)),
            };
            let new = format!("{open}{}</{name}>", xmlio::text(text));
            if new == before {
                return Ok(());
            }
            new
        }
        Op::LiftProtection(_) => return Ok(()),
    };
    xmlio::write_raw(writer, &after)
        .map_err(|e| EditError::Package(xmlio::write_error(e, part)))?;
    edited.changes.push(Change {
        part: part.to_string(),
        before,
        after,
    });
    edited.applied.push(*outcome);
    Ok(())
}

fn element_name(open: &str) -> String {
    open.trim_start_matches('<')
        .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .next()
        .unwrap_or_default()
        .to_string()
}

fn tag(start: &BytesStart<'_>, empty: bool) -> String {
    let mut writer = Writer::new(Vec::new());
    let event = if empty {
        Event::Empty(start.borrow())
    } else {
        Event::Start(start.borrow())
    };
    let _ = writer.write_event(event);
    String::from_utf8_lossy(&writer.into_inner()).into_owned()
}

/// The start tag with its `enforcement` attribute set to `0`.
fn lift(start: &BytesStart<'_>) -> BytesStart<'static> {
    let name = start.name().into_inner().to_string();
    let mut out = BytesStart::new(name);
    for attribute in start.attributes().with_checks(false).flatten() {
        let key = attribute.key.into_inner().to_string();
        if attribute.key.local_name().into_inner() == "enforcement" {
            out.push_attribute((key.as_str(), "0"));
        } else {
            out.push_attribute(quick_xml::events::attributes::Attribute {
                key: quick_xml::name::QName(&key),
                value: attribute.value.clone(),
            });
        }
    }
    out.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(xml: &str, ops: &[(usize, Op)]) -> (String, Edited) {
        let edited = edit_part(xml.as_bytes(), "p.xml", ops).expect("edit");
        (String::from_utf8(edited.bytes.clone()).unwrap(), edited)
    }

    const CORE: &str = r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Old title</dc:title><dc:creator>alice@corp.example.com</dc:creator><cp:lastModifiedBy>Alice</cp:lastModifiedBy></cp:coreProperties>"#;

    #[test]
    fn a_property_is_removed_and_the_rest_kept_byte_for_byte() {
        let (out, edited) = run(CORE, &[(0, Op::Remove(Select::new(Ns::Dc, "creator")))]);
        assert_eq!(
            out,
            CORE.replace("<dc:creator>alice@corp.example.com</dc:creator>", "")
        );
        assert_eq!(
            edited.changes[0].before,
            "<dc:creator>alice@corp.example.com</dc:creator>"
        );
        assert_eq!(edited.applied, vec![0]);
    }

    #[test]
    fn text_is_set_or_the_element_added() {
        let ops = [
            (
                0,
                Op::SetText {
                    select: Select::new(Ns::Dc, "title"),
                    text: "New & better".into(),
                    uri: DC,
                },
            ),
            (
                0,
                Op::SetText {
                    select: Select::new(Ns::Cp, "keywords"),
                    text: "QKD; key".into(),
                    uri: CP,
                },
            ),
        ];
        let (out, edited) = run(CORE, &ops);
        assert!(
            out.contains("<dc:title>New &amp; better</dc:title>"),
            "{out}"
        );
        assert!(
            out.ends_with("<cp:keywords>QKD; key</cp:keywords></cp:coreProperties>"),
            "{out}"
        );
        assert_eq!(edited.changes.len(), 2);
    }

    #[test]
    fn protection_is_lifted_only_without_a_password() {
        let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        let open = format!(
            r#"<w:settings xmlns:w="{w}"><w:documentProtection w:edit="readOnly" w:enforcement="1"/></w:settings>"#
        );
        let ops = [(
            0,
            Op::LiftProtection(Select::new(Ns::W, "documentProtection")),
        )];
        let (out, edited) = run(&open, &ops);
        assert!(
            out.contains(r#"<w:documentProtection w:edit="readOnly" w:enforcement="0"/>"#),
            "{out}"
        );
        assert!(edited.declined.is_empty());
        let locked = open.replace(
            "w:enforcement=\"1\"",
            "w:enforcement=\"1\" w:hashValue=\"abc=\" w:saltValue=\"x\"",
        );
        let (out, edited) = run(&locked, &ops);
        assert_eq!(out, locked);
        assert_eq!(edited.declined.len(), 1);
    }

    #[test]
    fn property_paths_name_their_element() {
        let finding = |part: &str, path: &str| {
            Finding::new(
                &crate::rules::hygiene::personal_metadata::RULE,
                "m",
                crate::diag::Location::new(part, path, "a"),
            )
        };
        let (_, s) = property_select(&finding(
            "docProps/core.xml",
            "/cp:coreProperties/dc:creator",
        ))
        .unwrap();
        assert_eq!((s.ns, s.local.as_str()), (Ns::Dc, "creator"));
        let (_, s) = property_select(&finding(
            "docProps/custom.xml",
            "/Properties/property[@name='MSIP_Label_x_Owner']",
        ))
        .unwrap();
        assert_eq!(s.attr, Some(("name".into(), "MSIP_Label_x_Owner".into())));
        assert!(property_select(&finding("docProps/core.xml", "")).is_none());
    }
}
