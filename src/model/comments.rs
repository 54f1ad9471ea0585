//! Comments as Word shows them: each comment's author, date and text, and the text of the
//! document it is anchored on (between `w:commentRangeStart` and `w:commentRangeEnd`), with
//! the block the range starts in, counted as [`super::blocks`] counts. Used to read back an
//! annotated copy; the text rules are the simple ones (`w:t`, tabs, breaks, one line per
//! paragraph; deleted text and field instructions are not text).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{Read, Seek};

use serde::Serialize;

use crate::model::blocks::{Addr, BlockWalker};
use crate::package::{Package, PackageError};
use crate::xml::{Ns, XmlEvent, XmlReader};

/// Text kept per comment or block; beyond it the rest is cut.
const MAX_TEXT: usize = 64 * 1024;
/// Comments read per document.
const MAX_COMMENTS: usize = 10_000;

#[derive(Clone, Debug, Default, Serialize)]
pub struct Comment {
    pub id: i64,
    pub author: String,
    pub initials: String,
    pub date: String,
    /// The comment's own text, one line per paragraph.
    pub text: String,
    /// The document text the comment is anchored on.
    pub anchored: String,
    /// The innermost addressed block its range starts in.
    pub block: Option<Addr>,
}

fn push_capped(out: &mut String, text: &str) {
    if out.len() < MAX_TEXT {
        out.push_str(text);
    }
}

/// Reads the comments of the main part and their anchors.
pub fn read<R: Read + Seek>(package: &mut Package<R>) -> Result<Vec<Comment>, PackageError> {
    let main = package.main_part.clone();
    let rels = package.relationships_of(&main)?;
    let mut comments: BTreeMap<i64, Comment> = BTreeMap::new();
    if let Some(part) = rels
        .iter()
        .find(|r| r.is_type("comments") && !r.external)
        .map(|r| r.target.clone())
        && let Some(reader) = package.part_reader(&part)?
    {
        let mut xml = XmlReader::new(reader, &part);
        let mut current: Option<Comment> = None;
        let mut in_text = false;
        loop {
            match xml.next_event()? {
                XmlEvent::Start(e) | XmlEvent::Empty(e) if e.ns == Ns::W => match e.local() {
                    b"comment" => {
                        current = Some(Comment {
                            id: e
                                .attr("id")
                                .and_then(|v| v.trim().parse().ok())
                                .unwrap_or(-1),
                            author: e.attr("author").unwrap_or_default(),
                            initials: e.attr("initials").unwrap_or_default(),
                            date: e.attr("date").unwrap_or_default(),
                            ..Comment::default()
                        });
                    }
                    b"p" => {
                        if let Some(c) = current.as_mut()
                            && !c.text.is_empty()
                        {
                            push_capped(&mut c.text, "\n");
                        }
                    }
                    b"t" => in_text = true,
                    b"br" => {
                        if let Some(c) = current.as_mut() {
                            push_capped(&mut c.text, "\n");
                        }
                    }
                    _ => {}
                },
                XmlEvent::End(e) if e.ns == Ns::W => match e.local() {
                    b"t" => in_text = false,
                    b"comment" => {
                        if let Some(c) = current.take()
                            && comments.len() < MAX_COMMENTS
                        {
                            comments.insert(c.id, c);
                        }
                    }
                    _ => {}
                },
                XmlEvent::Text(text) if in_text => {
                    if let Some(c) = current.as_mut() {
                        push_capped(&mut c.text, &text);
                    }
                }
                XmlEvent::Eof => break,
                _ => {}
            }
        }
    }
    let reader = package
        .part_reader(&main)?
        .ok_or_else(|| PackageError::MissingDocumentPart(format!("{main} cannot be opened")))?;
    walk_text(reader, &main, |event| match event {
        TextEvent::RangeStart(id, block) => {
            if let Some(c) = comments.get_mut(&id) {
                c.block = block;
            }
        }
        TextEvent::Text(open, text) => {
            for id in open {
                if let Some(c) = comments.get_mut(id) {
                    push_capped(&mut c.anchored, text);
                }
            }
        }
        TextEvent::Block(..) => {}
    })?;
    Ok(comments.into_values().collect())
}

/// The text of the given blocks of the main part, by the same rules as anchored text.
pub fn block_texts<R: Read + Seek>(
    package: &mut Package<R>,
    wanted: &HashSet<Addr>,
) -> Result<HashMap<Addr, String>, PackageError> {
    let main = package.main_part.clone();
    let reader = package
        .part_reader(&main)?
        .ok_or_else(|| PackageError::MissingDocumentPart(format!("{main} cannot be opened")))?;
    let mut texts: HashMap<Addr, String> = HashMap::new();
    walk_text(reader, &main, |event| {
        if let TextEvent::Block(open, text) = event {
            for addr in open {
                if wanted.contains(addr) {
                    push_capped(texts.entry(*addr).or_default(), text);
                }
            }
        }
    })?;
    Ok(texts)
}

enum TextEvent<'a> {
    /// A comment range starts in the innermost open block.
    RangeStart(i64, Option<Addr>),
    /// Text inside the open comment ranges.
    Text(&'a [i64], &'a str),
    /// Text inside the open blocks.
    Block(&'a [Addr], &'a str),
}

fn send(on: &mut impl FnMut(TextEvent<'_>), ranges: &[i64], blocks: &[(usize, Addr)], text: &str) {
    on(TextEvent::Text(ranges, text));
    let addrs: Vec<Addr> = blocks.iter().map(|(_, a)| *a).collect();
    on(TextEvent::Block(&addrs, text));
}

fn walk_text<B: std::io::BufRead>(
    source: B,
    part: &str,
    mut on: impl FnMut(TextEvent<'_>),
) -> Result<(), PackageError> {
    let mut xml = XmlReader::new(source, part);
    let mut walker = BlockWalker::new();
    let mut blocks: Vec<(usize, Addr)> = Vec::new();
    let mut ranges: Vec<i64> = Vec::new();
    let mut in_text = false;
    let mut deleted = 0usize;
    let mut anchor_depth: Option<usize> = None;
    loop {
        let (start, empty, end) = match xml.next_event()? {
            XmlEvent::Start(e) => {
                let is_fallback = e.is(Ns::Mc, "Fallback");
                let opened = walker.start(e.ns == Ns::W, is_fallback, e.local(), e.depth);
                let start = (e.ns, e.local().to_vec(), e.depth, opened, e.attr("id"));
                (Some(start), false, None)
            }
            XmlEvent::Empty(e) => {
                let is_fallback = e.is(Ns::Mc, "Fallback");
                let opened = walker.start(e.ns == Ns::W, is_fallback, e.local(), e.depth);
                let start = (e.ns, e.local().to_vec(), e.depth, opened, e.attr("id"));
                (Some(start), true, None)
            }
            XmlEvent::End(e) => (None, false, Some((e.ns, e.local().to_vec(), e.depth))),
            XmlEvent::Text(text) => {
                if in_text && deleted == 0 {
                    send(&mut on, &ranges, &blocks, &text);
                }
                continue;
            }
            XmlEvent::Eof => return Ok(()),
            XmlEvent::Other => continue,
        };
        let end = match start {
            Some((ns, local, depth, opened, id)) => {
                if let Some(addr) = opened.addr {
                    blocks.push((depth, addr));
                }
                if opened.anchor.is_some() {
                    anchor_depth = Some(depth);
                }
                if ns == Ns::W {
                    let id = id.and_then(|v| v.trim().parse::<i64>().ok());
                    match local.as_slice() {
                        b"commentRangeStart" => {
                            if let Some(id) = id {
                                on(TextEvent::RangeStart(id, blocks.last().map(|(_, a)| *a)));
                                ranges.push(id);
                            }
                        }
                        b"commentRangeEnd" => {
                            if let Some(id) = id {
                                ranges.retain(|open| *open != id);
                            }
                        }
                        b"t" if !empty => in_text = true,
                        b"del" | b"moveFrom" if !empty => deleted += 1,
                        b"tab" if deleted == 0 => send(&mut on, &ranges, &blocks, "\t"),
                        b"br" | b"cr" if deleted == 0 => send(&mut on, &ranges, &blocks, "\n"),
                        _ => {}
                    }
                }
                if !empty {
                    continue;
                }
                (ns, local, depth)
            }
            None => match end {
                Some(end) => end,
                None => continue,
            },
        };
        let (ns, local, depth) = end;
        if ns == Ns::W {
            match local.as_slice() {
                b"t" => in_text = false,
                b"del" | b"moveFrom" => deleted = deleted.saturating_sub(1),
                _ => {}
            }
        }
        // A paragraph's end is a line break in the text of what contains it.
        if anchor_depth == Some(depth) {
            send(&mut on, &ranges, &blocks, "\n");
            anchor_depth = None;
        }
        let closed = walker.end(ns == Ns::W, &local, depth);
        if closed.addr.is_some() && blocks.last().is_some_and(|(d, _)| *d == depth) {
            blocks.pop();
        }
    }
}
