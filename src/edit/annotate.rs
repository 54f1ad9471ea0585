//! `fgcheck annotate`: a copy of the document in which each finding is a Word comment,
//! anchored where the finding is (a cover cell, a paragraph, a table row, the first tracked
//! change itself) and written the
//! way a person reads it: what is wrong, what was expected and found, how to fix it, and the
//! rule. Findings about the document as a whole (the package, its properties, settings,
//! styles, page headers, page setup, the deadline) are gathered into one comment on the
//! first paragraph: Word does not show comments in page headers and has no place for a
//! property.
//!
//! Only the main part, the comment parts, the main part's relationships and
//! `[Content_Types].xml` change; every other entry of the zip is copied byte for byte.
//! Annotating an annotated copy replaces fgcheck's earlier comments instead of adding to
//! them ([`crate::edit::comments::MARKER`]).

use std::collections::{BTreeSet, HashSet};
use std::io::{Read, Seek, Write};

use zip::ZipArchive;

use crate::diag::{Finding, Severity};
use crate::edit::anchor::{self, Plan, Span};
use crate::edit::comments::{self, Entry, Meta, NewComment, Run};
use crate::edit::zipout::{self, Changes, Content};
use crate::edit::{EditError, Source, xmlio};
use crate::model::blocks::{self, Addr};
use crate::package::{Package, PackageError, Relationship, opc};

const COMMENTS_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const REL_TRANSITIONAL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_STRICT: &str = "http://purl.oclc.org/ooxml/officeDocument/relationships";

/// Where a comment goes: the anchor paragraphs of its block, and the revision mark it
/// wraps instead when it is about one.
type Anchor = (Span, Option<usize>);

/// What an annotation did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Comments written.
    pub comments: usize,
    /// Findings anchored at their own place.
    pub placed: usize,
    /// Findings gathered into the comment on the first paragraph.
    pub general: usize,
    /// fgcheck's earlier comments replaced.
    pub replaced: usize,
}

/// Where a finding's comment goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A block of the main part.
    Block(Addr),
    /// The first revision mark in a block (tracked changes): the comment wraps the mark,
    /// or the block when the mark is one no comment can wrap (a formatting change).
    Revision(Addr),
    /// The comment about the document as a whole.
    General,
}

/// Which block of the main part a finding is about, if it is about one.
pub fn target_of(finding: &Finding, main_part: &str) -> Target {
    let location = &finding.location;
    if !location.part.eq_ignore_ascii_case(main_part) {
        return Target::General;
    }
    match blocks::parse_path(&location.path) {
        Some(addr @ (Addr::Paragraph(_) | Addr::Table(_) | Addr::Row(..) | Addr::Cell(..))) => {
            if finding.rule.id == crate::rules::RuleId::TrackedChanges {
                Target::Revision(addr)
            } else {
                Target::Block(addr)
            }
        }
        _ => Target::General,
    }
}

/// How many comments fgcheck wrote the package holds (a copy annotated before).
pub fn own_comments(source: Source<'_>) -> Result<usize, EditError> {
    let mut package = Package::open(source.open()?)?;
    let main = package.main_part.clone();
    let rels = package.relationships_of(&main)?;
    match internal_target(&rels, "comments") {
        Some(part) => match package.part_reader(&part)? {
            Some(reader) => Ok(comments::scan(reader, &part)?.ours.len()),
            None => Ok(0),
        },
        None => Ok(0),
    }
}

fn internal_target(rels: &[Relationship], kind: &str) -> Option<String> {
    rels.iter()
        .find(|r| r.is_type(kind) && !r.external)
        .map(|r| r.target.clone())
}

/// The comment date: `--as-of`, or now, in UTC as Word writes it.
pub fn meta_for(date: jiff::Timestamp) -> Meta {
    Meta {
        date: date.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
    }
}

/// Writes the annotated copy of `source` into `out`. `findings` are the file's findings
/// (accepted and switched-off ones already left out by the caller); with none, the copy
/// only loses fgcheck's earlier comments.
pub fn annotate<W: Write + Seek>(
    source: Source<'_>,
    findings: &[Finding],
    meta: &Meta,
    out: W,
) -> Result<(W, Outcome), EditError> {
    let mut package = Package::open(source.open()?)?;
    let main = package.main_part.clone();
    let rels = package.relationships_of(&main)?;
    let comments_part = internal_target(&rels, "comments").filter(|p| package.has_part(p));
    let modern = |kind: &str| internal_target(&rels, kind).filter(|p| package.has_part(p));
    let extended_part = modern("commentsExtended");
    let ids_part = modern("commentsIds");
    let extensible_part = modern("commentsExtensible");

    let existing = match &comments_part {
        Some(part) => match package.part_reader(part)? {
            Some(reader) => comments::scan(reader, part)?,
            None => comments::Existing::default(),
        },
        None => comments::Existing::default(),
    };
    // commentsIds maps each comment's paragraph to its durable id (commentsExtensible's key).
    let id_pairs = match &ids_part {
        Some(part) => match package.part_reader(part)? {
            Some(reader) => comments::scan_list(reader, part, "paraId", "durableId")?,
            None => Vec::new(),
        },
        None => Vec::new(),
    };

    // Where each finding goes; a block that cannot be found falls back to its parents.
    let targets: Vec<Target> = findings.iter().map(|f| target_of(f, &main)).collect();
    let mut wanted: HashSet<Addr> = HashSet::new();
    for target in &targets {
        if let Target::Block(addr) | Target::Revision(addr) = target {
            let mut next = Some(*addr);
            while let Some(addr) = next {
                wanted.insert(addr);
                next = addr.parent();
            }
        }
    }
    let survey = {
        let reader = package
            .part_reader(&main)?
            .ok_or_else(|| PackageError::MissingDocumentPart(format!("{main} cannot be opened")))?;
        anchor::survey(reader, &main, &wanted)?
    };

    // Group findings into comments: one per placed finding, one for the rest.
    let mut placed: Vec<(Span, Option<usize>, &Finding)> = Vec::new();
    let mut general: Vec<&Finding> = Vec::new();
    for (finding, target) in findings.iter().zip(&targets) {
        let (addr, on_mark) = match target {
            Target::Block(addr) => (*addr, false),
            Target::Revision(addr) => (*addr, true),
            Target::General => {
                general.push(finding);
                continue;
            }
        };
        let mut next = Some(addr);
        let mut found = None;
        while let Some(addr) = next {
            if let Some(span) = survey.spans.get(&addr) {
                let mark = if on_mark {
                    survey.first_marks.get(&addr).copied()
                } else {
                    None
                };
                found = Some((*span, mark));
                break;
            }
            next = addr.parent();
        }
        match found {
            Some((span, mark)) => placed.push((span, mark, finding)),
            None => general.push(finding),
        }
    }
    placed.sort_by_key(|(span, mark, _)| (span.first, span.last, *mark));

    let mut outcome = Outcome {
        replaced: existing.ours.len(),
        ..Outcome::default()
    };
    // A body without paragraphs has no place: everything goes to the general comment, on
    // a paragraph added for it.
    let mut texts: Vec<(Anchor, Vec<Vec<Run>>)> = Vec::new();
    if !general.is_empty() {
        outcome.general = general.len();
        texts.push(((Span { first: 1, last: 1 }, None), general_text(&general)));
    }
    for (span, mark, finding) in &placed {
        outcome.placed += 1;
        texts.push(((*span, *mark), finding_text(finding, None)));
    }

    // Ids that collide with nothing: comment ids, paragraph ids and durable ids.
    let mut used_ids: BTreeSet<i64> = existing.ids.clone();
    used_ids.extend(survey.comment_ids.iter().copied());
    let mut used_para: HashSet<String> = existing.para_ids.clone();
    used_para.extend(survey.para_ids.iter().cloned());
    let mut used_durable: HashSet<String> = id_pairs.iter().map(|(_, d)| d.clone()).collect();
    let needs_para = extended_part.is_some() || ids_part.is_some();
    let mut next_id: i64 = 0;
    let mut new_comments: Vec<NewComment> = Vec::new();
    let anchors: Vec<Anchor> = texts.iter().map(|(anchor, _)| *anchor).collect();
    for (index, (_, paragraphs)) in texts.into_iter().enumerate() {
        while used_ids.contains(&next_id) {
            next_id += 1;
        }
        used_ids.insert(next_id);
        let para_id = needs_para.then(|| unique_hex(&mut used_para, index as u64, 0x7FFF_FFFF));
        let durable_id = ids_part
            .is_some()
            .then(|| unique_hex(&mut used_durable, 0x1000 + index as u64, 0x7FFF_FFFE));
        new_comments.push(NewComment {
            id: next_id,
            paragraphs,
            para_id,
            durable_id,
        });
    }
    outcome.comments = new_comments.len();

    let mut plan = Plan {
        remove: existing.ours.clone(),
        ..Plan::default()
    };
    for (comment, (span, mark)) in new_comments.iter().zip(&anchors) {
        if survey.anchors == 0 {
            plan.new_paragraph
                .get_or_insert_with(Vec::new)
                .push(comment.id);
        } else if let Some(mark) = mark {
            plan.marks.entry(*mark).or_default().push(comment.id);
        } else {
            plan.starts.entry(span.first).or_default().push(comment.id);
            plan.ends.entry(span.last).or_default().push(comment.id);
        }
    }

    let mut changes = Changes::default();
    let strict = survey.strict;
    // The comment parts.
    let mut added_part: Option<String> = None;
    match &comments_part {
        Some(part) if !new_comments.is_empty() || !existing.ours.is_empty() => {
            let reader = package.part_reader(part)?.ok_or_else(|| {
                PackageError::MissingDocumentPart(format!("{part} cannot be opened"))
            })?;
            let bytes =
                comments::rewrite(reader, part, strict, &existing.ours, &new_comments, meta)?;
            changes
                .replaced
                .insert(stored(&package, part), Content::Bytes(bytes));
        }
        Some(_) => {}
        None if !new_comments.is_empty() => {
            let folder = opc::folder_of(&main).to_string();
            let mut name = format!("{folder}comments.xml");
            let mut n = 1;
            while package.has_part(&name) {
                name = format!("{folder}comments{n}.xml");
                n += 1;
            }
            changes.added.push((
                name.clone(),
                comments::new_part(strict, &new_comments, meta),
            ));
            added_part = Some(name);
        }
        None => {}
    }
    let removed_para: HashSet<String> = existing.ours_para_ids.clone();
    let removed_durable: HashSet<String> = id_pairs
        .iter()
        .filter(|(para, _)| removed_para.contains(para))
        .map(|(_, durable)| durable.clone())
        .collect();
    if let Some(part) = &extended_part {
        let entries: Vec<Entry> = new_comments
            .iter()
            .filter_map(|c| c.para_id.clone())
            .map(|para| Entry {
                local: "commentEx",
                attrs: vec![("paraId", para), ("done", "0".into())],
            })
            .collect();
        list_change(
            &mut package,
            &mut changes,
            part,
            "paraId",
            &removed_para,
            &entries,
        )?;
    }
    if let Some(part) = &ids_part {
        let entries: Vec<Entry> = new_comments
            .iter()
            .filter_map(|c| Some((c.para_id.clone()?, c.durable_id.clone()?)))
            .map(|(para, durable)| Entry {
                local: "commentId",
                attrs: vec![("paraId", para), ("durableId", durable)],
            })
            .collect();
        list_change(
            &mut package,
            &mut changes,
            part,
            "paraId",
            &removed_para,
            &entries,
        )?;
    }
    if let Some(part) = &extensible_part {
        let entries: Vec<Entry> = new_comments
            .iter()
            .filter_map(|c| c.durable_id.clone())
            .map(|durable| Entry {
                local: "commentExtensible",
                attrs: vec![("durableId", durable), ("dateUtc", meta.date.clone())],
            })
            .collect();
        list_change(
            &mut package,
            &mut changes,
            part,
            "durableId",
            &removed_durable,
            &entries,
        )?;
    }
    // A new comments part needs a relationship and a content type.
    if let Some(name) = &added_part {
        let rels_name = opc::rels_part_name(&main);
        let target = name
            .strip_prefix(opc::folder_of(&main))
            .unwrap_or(name)
            .to_string();
        let rel_type = format!(
            "{}/comments",
            if strict { REL_STRICT } else { REL_TRANSITIONAL }
        );
        let id = unused_rel_id(&rels);
        let relationship = format!(
            "<Relationship Id=\"{id}\" Type=\"{rel_type}\" Target=\"{}\"/>",
            xmlio::attr_value(&target)
        );
        match package.canonical_name(&rels_name) {
            Some(stored_rels) => {
                let bytes = append_child(&mut package, &stored_rels, &relationship)?;
                changes.replaced.insert(stored_rels, Content::Bytes(bytes));
            }
            None => changes.added.push((
                rels_name,
                format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{relationship}</Relationships>"
                )
                .into_bytes(),
            )),
        }
        let mut markup = format!(
            "<Override PartName=\"/{}\" ContentType=\"{COMMENTS_TYPE}\"/>",
            xmlio::attr_value(name)
        );
        if package.content_types.of("x.rels").is_none() {
            markup.push_str("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>");
        }
        let stored_types = stored(&package, "[Content_Types].xml");
        let bytes = append_child(&mut package, &stored_types, &markup)?;
        changes.replaced.insert(stored_types, Content::Bytes(bytes));
    }

    let mut raw = ZipArchive::new(source.open()?)
        .map_err(|e| EditError::Package(PackageError::CorruptZip(e.to_string())))?;
    if !plan.is_empty() {
        let stored_main = stored(&package, &main);
        let main_name = main.clone();
        let plan_ref = &plan;
        let package_ref = &mut package;
        changes.replaced.insert(
            stored_main,
            Content::Stream(Box::new(move |writer: &mut dyn Write| {
                let reader = package_ref.part_reader(&main_name)?.ok_or_else(|| {
                    PackageError::MissingDocumentPart(format!("{main_name} cannot be opened"))
                })?;
                anchor::rewrite(reader, &main_name, plan_ref, WriteRef(writer))?;
                Ok(())
            })),
        );
        let written = zipout::write(&mut raw, out, changes)?;
        return Ok((written, outcome));
    }
    let written = zipout::write(&mut raw, out, changes)?;
    Ok((written, outcome))
}

/// Lets a `&mut dyn Write` be moved into a generic writer.
struct WriteRef<'a>(&'a mut dyn Write);

impl Write for WriteRef<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

fn stored<R: Read + Seek>(package: &Package<R>, name: &str) -> String {
    package
        .canonical_name(name)
        .unwrap_or_else(|| name.trim_start_matches('/').to_string())
}

fn list_change<R: Read + Seek>(
    package: &mut Package<R>,
    changes: &mut Changes<'_>,
    part: &str,
    key: &str,
    remove: &HashSet<String>,
    entries: &[Entry],
) -> Result<(), EditError> {
    if entries.is_empty() && remove.is_empty() {
        return Ok(());
    }
    let Some(reader) = package.part_reader(part)? else {
        return Ok(());
    };
    let bytes = comments::rewrite_list(reader, part, key, remove, entries)?;
    changes
        .replaced
        .insert(stored(package, part), Content::Bytes(bytes));
    Ok(())
}

/// Streams a small part, adding `markup` as the root's last children.
fn append_child<R: Read + Seek>(
    package: &mut Package<R>,
    part: &str,
    markup: &str,
) -> Result<Vec<u8>, EditError> {
    let reader = package
        .part_reader(part)?
        .ok_or_else(|| PackageError::MissingDocumentPart(format!("{part} cannot be opened")))?;
    comments::rewrite_root(
        reader,
        part,
        "",
        |_, _| false,
        |root| {
            let prefix = xmlio::prefix_of(root);
            if prefix.is_empty() {
                markup.to_string()
            } else {
                markup
                    .replace("<Relationship ", &format!("<{prefix}:Relationship "))
                    .replace("<Override ", &format!("<{prefix}:Override "))
                    .replace("<Default ", &format!("<{prefix}:Default "))
            }
        },
    )
}

fn unused_rel_id(rels: &[Relationship]) -> String {
    let ids: HashSet<&str> = rels.iter().map(|r| r.id.as_str()).collect();
    let mut n = rels.len() + 1;
    loop {
        let id = format!("rId{n}");
        if !ids.contains(id.as_str()) {
            return id;
        }
        n += 1;
    }
}

/// An 8-digit hex id below `max`, not in `used` (then added to it); deterministic.
fn unique_hex(used: &mut HashSet<String>, seed: u64, max: u32) -> String {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x0F6C_4ECB;
    loop {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let value = ((state >> 33) as u32) % max;
        let text = format!("{value:08X}");
        if value != 0 && used.insert(text.clone()) {
            return text;
        }
    }
}

fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Note",
    }
}

fn plain(text: impl Into<String>) -> Vec<Run> {
    vec![Run {
        text: text.into(),
        bold: false,
    }]
}

/// One finding as a person reads it. `where_` names the place when the comment is not on it.
fn finding_body(finding: &Finding, where_: Option<&str>) -> Vec<Vec<Run>> {
    let mut paragraphs = vec![vec![Run {
        text: format!("{}: {}", severity_word(finding.severity), finding.message),
        bold: true,
    }]];
    if let Some(expected) = &finding.expected {
        paragraphs.push(plain(format!("Expected: {expected}")));
    }
    if let Some(found) = &finding.found {
        paragraphs.push(plain(format!("Found: {found}")));
    }
    if let Some(place) = where_.filter(|w| !w.is_empty()) {
        paragraphs.push(plain(format!("Where: {place}")));
    }
    paragraphs.push(plain(format!("How to fix: {}", finding.rule.fix)));
    paragraphs
}

fn finding_text(finding: &Finding, where_: Option<&str>) -> Vec<Vec<Run>> {
    let mut paragraphs = finding_body(finding, where_);
    paragraphs.push(plain(format!(
        "{} {}/{}]",
        comments::MARKER,
        finding.rule.code,
        finding.rule.slug
    )));
    paragraphs
}

fn general_text(findings: &[&Finding]) -> Vec<Vec<Run>> {
    let mut paragraphs = vec![vec![Run {
        text: if findings.len() == 1 {
            "About the document as a whole:".to_string()
        } else {
            format!(
                "About the document as a whole ({} findings):",
                findings.len()
            )
        },
        bold: false,
    }]];
    let mut codes: Vec<String> = Vec::new();
    for finding in findings {
        paragraphs.extend(finding_body(finding, Some(&finding.location.anchor)));
        let code = format!("{}/{}", finding.rule.code, finding.rule.slug);
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    paragraphs.push(plain(format!("{} {}]", comments::MARKER, codes.join(", "))));
    paragraphs
}

/// The first lines of each comment's text, for messages and tests.
pub fn describe(paragraphs: &[Vec<Run>]) -> String {
    paragraphs
        .iter()
        .map(|runs| runs.iter().map(|r| r.text.as_str()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Location;

    fn finding(part: &str, path: &str) -> Finding {
        Finding::new(
            &crate::rules::header::missing_title::RULE,
            "m",
            Location::new(part, path, "a"),
        )
    }

    #[test]
    fn findings_in_the_body_get_a_block_and_the_rest_the_general_comment() {
        let main = "word/document.xml";
        assert_eq!(
            target_of(
                &finding(main, "/w:document/w:body/w:tbl[1]/w:tr[7]/w:tc[2]"),
                main
            ),
            Target::Block(Addr::Cell(1, 7, 2))
        );
        assert_eq!(
            target_of(&finding(main, "/w:document/w:body/w:p[3]"), main),
            Target::Block(Addr::Paragraph(3))
        );
        for (part, path) in [
            (main, "/w:document/w:body"),
            (main, "/w:document/w:body/w:sectPr"),
            ("word/header1.xml", ""),
            ("docProps/core.xml", "/cp:coreProperties/dc:creator"),
            ("", ""),
        ] {
            assert_eq!(
                target_of(&finding(part, path), main),
                Target::General,
                "{part} {path}"
            );
        }
    }

    #[test]
    fn hex_ids_are_unique_and_in_range() {
        let mut used = HashSet::new();
        for seed in 0..1000 {
            let id = unique_hex(&mut used, seed % 7, 0x7FFF_FFFF);
            assert_eq!(id.len(), 8);
            assert!(u32::from_str_radix(&id, 16).unwrap() < 0x7FFF_FFFF);
        }
        assert_eq!(used.len(), 1000);
    }
}
