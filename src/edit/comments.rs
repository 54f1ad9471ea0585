//! The comment parts: `comments.xml` (classic) and, when a document has them, the modern
//! parts Word keeps beside it (`commentsExtended` for the done flag and replies,
//! `commentsIds` for durable ids, `commentsExtensible` for UTC dates). Each is streamed:
//! fgcheck's own earlier comments are left out, other comments are copied as they are, and
//! the new comments are written before the root element closes.

use std::collections::{BTreeSet, HashSet};
use std::io::BufRead;

use quick_xml::Writer;
use quick_xml::events::{BytesEnd, BytesStart, Event};

use crate::edit::EditError;
use crate::edit::xmlio::{self, RawReader};
use crate::xml::Ns;

/// The author fgcheck's comments carry.
pub const AUTHOR: &str = "fgcheck";
pub const INITIALS: &str = "FG";
/// The last paragraph of each fgcheck comment starts with this: with the author, it is how
/// a later run finds its own comments to replace them (a comment a person edited so that the
/// marker is gone is theirs now, and kept).
pub const MARKER: &str = "[fgcheck";

pub const W14: &str = "http://schemas.microsoft.com/office/word/2010/wordml";

/// A run of comment text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
}

/// A comment to write.
#[derive(Clone, Debug)]
pub struct NewComment {
    pub id: i64,
    pub paragraphs: Vec<Vec<Run>>,
    /// `w14:paraId` of its last paragraph, when modern parts refer to it.
    pub para_id: Option<String>,
    pub durable_id: Option<String>,
}

/// What the existing comments part holds.
#[derive(Debug, Default)]
pub struct Existing {
    pub ids: BTreeSet<i64>,
    /// Ids of fgcheck's own comments.
    pub ours: HashSet<i64>,
    /// `w14:paraId` of the last paragraph of fgcheck's comments.
    pub ours_para_ids: HashSet<String>,
    /// Every `w14:paraId` in the part.
    pub para_ids: HashSet<String>,
    pub comments: usize,
}

/// Comments bigger than this are never fgcheck's: their text is not collected.
const MAX_COMMENT_TEXT: usize = 64 * 1024;

/// Reads the comments part: ids in use and which comments are fgcheck's.
pub fn scan<B: BufRead>(source: B, part: &str) -> Result<Existing, EditError> {
    let mut reader = RawReader::new(source, part);
    let mut existing = Existing::default();
    // (id, author, text, last paraId) of the comment being read.
    let mut current: Option<(Option<i64>, String, String, Option<String>)> = None;
    let mut in_text = false;
    loop {
        let item = reader.next_item()?;
        let is_w = item.ns == Ns::W;
        let is_start = matches!(item.event, Event::Start(_));
        match item.event {
            Event::Start(e) | Event::Empty(e) if is_w => match e.local_name().into_inner() {
                "comment" if item.depth == 2 => {
                    let id = xmlio::attr(&e, "id").and_then(|v| v.trim().parse::<i64>().ok());
                    if let Some(id) = id {
                        existing.ids.insert(id);
                    }
                    existing.comments += 1;
                    let author = xmlio::attr(&e, "author").unwrap_or_default();
                    current = Some((id, author, String::new(), None));
                }
                "p" => {
                    if let Some(para) = xmlio::attr(&e, "paraId") {
                        let para = para.to_ascii_uppercase();
                        existing.para_ids.insert(para.clone());
                        if let Some(comment) = current.as_mut() {
                            comment.3 = Some(para);
                        }
                    }
                    if let Some(comment) = current.as_mut()
                        && !comment.2.is_empty()
                    {
                        comment.2.push('\n');
                    }
                }
                "t" => in_text = is_start,
                _ => {}
            },
            Event::End(e) if is_w => match e.local_name().into_inner() {
                "t" => in_text = false,
                "comment" if item.depth == 2 => {
                    if let Some((id, author, text, para)) = current.take()
                        && let Some(id) = id
                        && author == AUTHOR
                        && text
                            .lines()
                            .any(|line| line.trim_start().starts_with(MARKER))
                    {
                        existing.ours.insert(id);
                        if let Some(para) = para {
                            existing.ours_para_ids.insert(para);
                        }
                    }
                }
                _ => {}
            },
            Event::Text(text) if in_text => {
                if let Some(comment) = current.as_mut()
                    && comment.2.len() < MAX_COMMENT_TEXT
                {
                    comment.2.push_str(&text.xml10_content());
                }
            }
            Event::Eof => return Ok(existing),
            _ => {}
        }
    }
}

/// How new markup names a part's namespace: the root's prefix, or a local declaration when
/// the root uses a default namespace.
struct Names {
    prefix: String,
    declaration: String,
}

impl Names {
    fn of_root(root: &BytesStart<'_>, fallback_uri: &str) -> Names {
        let prefix = xmlio::prefix_of(root);
        if !prefix.is_empty() {
            return Names {
                prefix,
                declaration: String::new(),
            };
        }
        let uri = root
            .attributes()
            .with_checks(false)
            .flatten()
            .find(|a| a.key.into_inner() == "xmlns")
            .map(|a| a.value.to_string())
            .unwrap_or_else(|| fallback_uri.to_string());
        Names {
            prefix: "fg".into(),
            declaration: format!(" xmlns:fg=\"{}\"", xmlio::attr_value(&uri)),
        }
    }
}

/// Who and when, for every new comment.
#[derive(Clone, Debug)]
pub struct Meta {
    /// `2020-07-23T07:00:00Z`
    pub date: String,
}

fn comment_markup(
    comment: &NewComment,
    meta: &Meta,
    names: &Names,
    w14_prefix: Option<&str>,
) -> String {
    let p = &names.prefix;
    let mut out = format!(
        "<{p}:comment{} {p}:id=\"{}\" {p}:author=\"{AUTHOR}\" {p}:date=\"{}\" {p}:initials=\"{INITIALS}\">",
        names.declaration,
        comment.id,
        xmlio::attr_value(&meta.date)
    );
    let last = comment.paragraphs.len().saturating_sub(1);
    for (index, runs) in comment.paragraphs.iter().enumerate() {
        let para_attr = match (&comment.para_id, index == last) {
            (Some(id), true) => match w14_prefix {
                Some(w14) => format!(" {w14}:paraId=\"{id}\""),
                None => format!(" xmlns:w14=\"{W14}\" w14:paraId=\"{id}\""),
            },
            _ => String::new(),
        };
        out.push_str(&format!("<{p}:p{para_attr}>"));
        if index == 0 {
            out.push_str(&format!("<{p}:r><{p}:annotationRef/></{p}:r>"));
        }
        for run in runs {
            out.push_str(&format!("<{p}:r>"));
            if run.bold {
                out.push_str(&format!("<{p}:rPr><{p}:b/></{p}:rPr>"));
            }
            for (i, line) in run.text.split('\n').enumerate() {
                if i > 0 {
                    out.push_str(&format!("<{p}:br/>"));
                }
                out.push_str(&format!(
                    "<{p}:t xml:space=\"preserve\">{}</{p}:t>",
                    xmlio::text(line)
                ));
            }
            out.push_str(&format!("</{p}:r>"));
        }
        out.push_str(&format!("</{p}:p>"));
    }
    out.push_str(&format!("</{p}:comment>"));
    out
}

/// A new comments part holding only `new`.
pub fn new_part(strict: bool, new: &[NewComment], meta: &Meta) -> Vec<u8> {
    let uri = crate::edit::anchor::w_namespace(strict);
    let names = Names {
        prefix: "w".into(),
        declaration: String::new(),
    };
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:comments xmlns:w=\"{uri}\" xmlns:w14=\"{W14}\">"
    );
    for comment in new {
        out.push_str(&comment_markup(comment, meta, &names, Some("w14")));
    }
    out.push_str("</w:comments>");
    out.into_bytes()
}

/// Streams the existing comments part, leaving out `remove` and adding `new` at the end.
pub fn rewrite<B: BufRead>(
    source: B,
    part: &str,
    strict: bool,
    remove: &HashSet<i64>,
    new: &[NewComment],
    meta: &Meta,
) -> Result<Vec<u8>, EditError> {
    let uri = crate::edit::anchor::w_namespace(strict);
    rewrite_root(
        source,
        part,
        uri,
        |start, item_depth| {
            item_depth == 2
                && start.local_name().into_inner() == "comment"
                && xmlio::attr(start, "id")
                    .and_then(|v| v.trim().parse::<i64>().ok())
                    .is_some_and(|id| remove.contains(&id))
        },
        |root| {
            let names = Names::of_root(root, uri);
            let w14 = xmlio::declared_prefix(root, W14);
            new.iter()
                .map(|c| comment_markup(c, meta, &names, w14.as_deref()))
                .collect()
        },
    )
}

/// A modern comments part's entries to add, as (local name, attributes by local name).
pub struct Entry {
    pub local: &'static str,
    pub attrs: Vec<(&'static str, String)>,
}

/// Streams a modern comments part (`commentsEx`, `commentsIds`, `commentsExtensible`),
/// leaving out entries whose `key` attribute is in `remove` and adding `new`.
pub fn rewrite_list<B: BufRead>(
    source: B,
    part: &str,
    key: &str,
    remove: &HashSet<String>,
    new: &[Entry],
) -> Result<Vec<u8>, EditError> {
    rewrite_root(
        source,
        part,
        "",
        |start, depth| {
            depth == 2
                && xmlio::attr(start, key).is_some_and(|v| remove.contains(&v.to_ascii_uppercase()))
        },
        |root| {
            let names = Names::of_root(root, "");
            let p = &names.prefix;
            new.iter()
                .map(|entry| {
                    let mut out = format!("<{p}:{}{}", entry.local, names.declaration);
                    for (name, value) in &entry.attrs {
                        out.push_str(&format!(" {p}:{name}=\"{}\"", xmlio::attr_value(value)));
                    }
                    out.push_str("/>");
                    out
                })
                .collect()
        },
    )
}

/// Pairs of attributes of a modern part's entries (`paraId`, `durableId` in commentsIds).
pub fn scan_list<B: BufRead>(
    source: B,
    part: &str,
    first: &str,
    second: &str,
) -> Result<Vec<(String, String)>, EditError> {
    let mut reader = RawReader::new(source, part);
    let mut out = Vec::new();
    loop {
        let item = reader.next_item()?;
        match item.event {
            Event::Start(e) | Event::Empty(e) if item.depth == 2 => {
                let a = xmlio::attr(&e, first)
                    .unwrap_or_default()
                    .to_ascii_uppercase();
                let b = xmlio::attr(&e, second)
                    .unwrap_or_default()
                    .to_ascii_uppercase();
                if out.len() < 100_000 {
                    out.push((a, b));
                }
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// The shared streaming shape: copy everything, skip depth-2 elements `skip` selects, write
/// `added(root)` just before the root closes (opening an empty root to hold it).
pub(crate) fn rewrite_root<B: BufRead>(
    source: B,
    part: &str,
    _uri: &str,
    skip: impl Fn(&BytesStart<'_>, usize) -> bool,
    added: impl Fn(&BytesStart<'_>) -> String,
) -> Result<Vec<u8>, EditError> {
    let mut reader = RawReader::new(source, part);
    let mut writer = Writer::new(Vec::new());
    let fail = |e: std::io::Error| EditError::Package(xmlio::write_error(e, part));
    let mut markup: Option<String> = None;
    let mut skip_to: Option<usize> = None;
    loop {
        let item = reader.next_item()?;
        let depth = item.depth;
        if let Some(target) = skip_to {
            if matches!(item.event, Event::End(_)) && depth == target {
                skip_to = None;
            }
            continue;
        }
        match item.event {
            Event::Eof => break,
            Event::Start(start) if depth == 1 => {
                markup = Some(added(&start));
                writer.write_event(Event::Start(start)).map_err(fail)?;
            }
            Event::Empty(start) if depth == 1 => {
                let text = added(&start);
                let end = BytesEnd::new(start.name().into_inner().to_string());
                writer.write_event(Event::Start(start)).map_err(fail)?;
                xmlio::write_raw(&mut writer, &text).map_err(fail)?;
                writer.write_event(Event::End(end)).map_err(fail)?;
            }
            Event::Start(start) if skip(&start, depth) => skip_to = Some(depth),
            Event::Empty(start) if skip(&start, depth) => {}
            Event::End(end) if depth == 1 => {
                if let Some(text) = markup.take() {
                    xmlio::write_raw(&mut writer, &text).map_err(fail)?;
                }
                writer.write_event(Event::End(end)).map_err(fail)?;
            }
            other => writer.write_event(other).map_err(fail)?,
        }
    }
    Ok(writer.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(id: i64, text: &str) -> NewComment {
        NewComment {
            id,
            paragraphs: vec![
                vec![Run {
                    text: text.into(),
                    bold: true,
                }],
                vec![Run {
                    text: format!("{MARKER} FG109 missing-title]"),
                    bold: false,
                }],
            ],
            para_id: Some("1A2B3C4D".into()),
            durable_id: None,
        }
    }

    fn meta() -> Meta {
        Meta {
            date: "2020-07-23T07:00:00Z".into(),
        }
    }

    #[test]
    fn own_comments_are_found_by_author_and_marker() {
        let ours = String::from_utf8(new_part(false, &[comment(4, "a & b")], &meta())).unwrap();
        assert!(ours.contains("a &amp; b"), "{ours}");
        let found = scan(ours.as_bytes(), "word/comments.xml").unwrap();
        assert_eq!(found.ours, HashSet::from([4]));
        assert_eq!(found.ours_para_ids, HashSet::from(["1A2B3C4D".to_string()]));
        // The same author without the marker is a person's comment.
        let theirs = ours.replace(MARKER, "see");
        assert!(scan(theirs.as_bytes(), "c").unwrap().ours.is_empty());
    }

    #[test]
    fn rewriting_keeps_other_comments_and_replaces_ours() {
        let part = format!(
            r#"<?xml version="1.0"?><w:comments xmlns:w="{}"><w:comment w:id="0" w:author="Alice"><w:p><w:r><w:t>Mine</w:t></w:r></w:p></w:comment>{}</w:comments>"#,
            crate::edit::anchor::w_namespace(false),
            {
                let ours =
                    String::from_utf8(new_part(false, &[comment(1, "old")], &meta())).unwrap();
                let start = ours.find("<w:comment ").unwrap();
                let end = ours.rfind("</w:comments>").unwrap();
                ours[start..end].to_string()
            }
        );
        let out = rewrite(
            part.as_bytes(),
            "word/comments.xml",
            false,
            &HashSet::from([1]),
            &[comment(2, "new")],
            &meta(),
        )
        .unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("Mine"));
        assert!(!out.contains(">old<"));
        assert!(out.contains(">new<"));
        let found = scan(out.as_bytes(), "c").unwrap();
        assert_eq!(found.ids, BTreeSet::from([0, 2]));
        // No w14 on the root: the paraId brings its declaration.
        assert!(out.contains(&format!("xmlns:w14=\"{W14}\" w14:paraId")));
    }

    #[test]
    fn empty_roots_and_default_namespaces_are_handled() {
        let out = rewrite(
            br#"<comments xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>"#
                .as_slice(),
            "c",
            false,
            &HashSet::new(),
            &[comment(0, "x")],
            &meta(),
        )
        .unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.starts_with("<comments xmlns="), "{out}");
        assert!(out.contains("<fg:comment xmlns:fg="), "{out}");
        assert!(out.ends_with("</comments>"), "{out}");
        assert_eq!(scan(out.as_bytes(), "c").unwrap().ours, HashSet::from([0]));
    }

    #[test]
    fn modern_lists_drop_and_add_entries() {
        let part = r#"<w15:commentsEx xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"><w15:commentEx w15:paraId="0000000A" w15:done="0"/><w15:commentEx w15:paraId="0000000B" w15:done="1"/></w15:commentsEx>"#;
        let out = rewrite_list(
            part.as_bytes(),
            "word/commentsExtended.xml",
            "paraId",
            &HashSet::from(["0000000A".to_string()]),
            &[Entry {
                local: "commentEx",
                attrs: vec![("paraId", "0000000C".into()), ("done", "0".into())],
            }],
        )
        .unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(!out.contains("0000000A"));
        assert!(out.contains(r#"<w15:commentEx w15:paraId="0000000B" w15:done="1"/><w15:commentEx w15:paraId="0000000C" w15:done="0"/></w15:commentsEx>"#), "{out}");
    }
}
