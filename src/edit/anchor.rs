//! Comment anchors in the main part: a survey pass that finds where each location path is
//! (counted by [`crate::model::blocks`], as the reader counts), and a rewrite pass that
//! streams the part through, inserting `w:commentRangeStart` after a paragraph's properties,
//! `w:commentRangeEnd` and the `w:commentReference` run before its end, and dropping the
//! anchors of comments being replaced.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::{BufRead, Write};

use quick_xml::Writer;
use quick_xml::events::{BytesEnd, BytesStart, Event};

use crate::edit::EditError;
use crate::edit::xmlio::{self, RawReader};
use crate::model::blocks::{Addr, BlockWalker};
use crate::xml::Ns;

const W_TRANSITIONAL: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";

/// The WordprocessingML namespace URI, Strict or transitional.
pub fn w_namespace(strict: bool) -> &'static str {
    if strict { W_STRICT } else { W_TRANSITIONAL }
}

/// Which anchor paragraphs an addressed block spans.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub first: usize,
    pub last: usize,
}

/// What the survey pass learned about the main part.
#[derive(Debug, Default)]
pub struct Survey {
    pub spans: HashMap<Addr, Span>,
    /// Anchor paragraphs in the part.
    pub anchors: usize,
    /// Comment ids used by anchors in this part.
    pub comment_ids: BTreeSet<i64>,
    /// `w14:paraId` values of the part's paragraphs.
    pub para_ids: HashSet<String>,
    /// The root element is in the Strict namespace.
    pub strict: bool,
    /// The first revision mark inside each wanted block (its ordinal).
    pub first_marks: HashMap<Addr, usize>,
}

/// Numbers the revision marks a comment can be anchored on: `w:ins`, `w:del`,
/// `w:moveFrom` and `w:moveTo` with content, in a paragraph and not in properties (a
/// deleted paragraph mark sits in `w:pPr/w:rPr`, where no comment can go). The survey and
/// the rewrite count them alike.
#[derive(Debug, Default)]
struct RevisionMarks {
    /// Inside a `w:*Pr` element: its depth.
    properties: Option<usize>,
    count: usize,
}

impl RevisionMarks {
    /// The mark's ordinal, if this start tag is one.
    fn start(
        &mut self,
        ns: Ns,
        local: &[u8],
        depth: usize,
        empty: bool,
        in_paragraph: bool,
    ) -> Option<usize> {
        if ns != Ns::W || self.properties.is_some() {
            return None;
        }
        if local.ends_with(b"Pr") {
            if !empty {
                self.properties = Some(depth);
            }
            return None;
        }
        let is_mark = matches!(local, b"ins" | b"del" | b"moveFrom" | b"moveTo");
        if is_mark && !empty && in_paragraph {
            self.count += 1;
            return Some(self.count);
        }
        None
    }

    fn end(&mut self, depth: usize) {
        if self.properties == Some(depth) {
            self.properties = None;
        }
    }
}

/// Reads the main part once, finding the anchor-paragraph span of each wanted block.
pub fn survey<B: BufRead>(
    source: B,
    part: &str,
    wanted: &HashSet<Addr>,
) -> Result<Survey, EditError> {
    let mut reader = RawReader::new(source, part);
    let mut walker = BlockWalker::new();
    let mut survey = Survey::default();
    // Blocks being read, with the first anchor paragraph met inside them.
    let mut open: Vec<(Addr, Option<usize>)> = Vec::new();
    let mut marks = RevisionMarks::default();
    loop {
        let item = reader.next_item()?;
        let (start, empty) = match &item.event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            Event::End(e) => {
                marks.end(item.depth);
                let local = e.local_name().into_inner().as_bytes().to_vec();
                close(
                    &mut walker,
                    &mut survey,
                    &mut open,
                    item.ns,
                    &local,
                    item.depth,
                );
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let Some(start) = start else { continue };
        let local = start.local_name().into_inner().as_bytes().to_vec();
        if item.depth == 1 {
            survey.strict = item.strict;
        }
        if item.ns == Ns::W {
            match local.as_slice() {
                b"commentRangeStart" | b"commentRangeEnd" | b"commentReference" => {
                    if let Some(id) = xmlio::attr(start, "id").and_then(|v| v.trim().parse().ok()) {
                        survey.comment_ids.insert(id);
                    }
                }
                b"p" => {
                    if let Some(id) = xmlio::attr(start, "paraId") {
                        survey.para_ids.insert(id.to_ascii_uppercase());
                    }
                }
                _ => {}
            }
        }
        let opened = walker.start(
            item.ns == Ns::W,
            item.ns == Ns::Mc && local == b"Fallback",
            &local,
            item.depth,
        );
        if let Some(anchor) = opened.anchor {
            survey.anchors = anchor;
            for (_, first) in &mut open {
                first.get_or_insert(anchor);
            }
        }
        if let Some(mark) = marks.start(item.ns, &local, item.depth, empty, walker.in_paragraph()) {
            for (addr, _) in &open {
                survey.first_marks.entry(*addr).or_insert(mark);
            }
        }
        if let Some(addr) = opened.addr
            && wanted.contains(&addr)
        {
            open.push((addr, opened.anchor));
        }
        if empty {
            close(
                &mut walker,
                &mut survey,
                &mut open,
                item.ns,
                &local,
                item.depth,
            );
        }
    }
    Ok(survey)
}

fn close(
    walker: &mut BlockWalker,
    survey: &mut Survey,
    open: &mut Vec<(Addr, Option<usize>)>,
    ns: Ns,
    local: &[u8],
    depth: usize,
) {
    let closed = walker.end(ns == Ns::W, local, depth);
    if let Some(addr) = closed.addr
        && let Some(position) = open.iter().rposition(|(a, _)| *a == addr)
    {
        let (_, first) = open.remove(position);
        if let Some(first) = first {
            // The last anchor paragraph started inside the block ended inside it too.
            survey.spans.insert(
                addr,
                Span {
                    first,
                    last: walker.anchor_count(),
                },
            );
        }
    }
}

/// What the rewrite pass inserts and removes.
#[derive(Debug, Default)]
pub struct Plan {
    /// Comment ids whose range starts in an anchor paragraph, by paragraph.
    pub starts: BTreeMap<usize, Vec<i64>>,
    /// Comment ids whose range ends (and reference sits) in an anchor paragraph.
    pub ends: BTreeMap<usize, Vec<i64>>,
    /// Comment ids whose anchors are dropped (the comments being replaced).
    pub remove: HashSet<i64>,
    /// A body without any paragraph gets an empty one, first, holding these comments.
    pub new_paragraph: Option<Vec<i64>>,
    /// Comment ids anchored on a revision mark, by the mark's ordinal.
    pub marks: BTreeMap<usize, Vec<i64>>,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
            && self.ends.is_empty()
            && self.remove.is_empty()
            && self.new_paragraph.is_none()
            && self.marks.is_empty()
    }
}

/// How inserted markup names the WordprocessingML namespace beside a given paragraph.
struct Names {
    prefix: String,
    declaration: String,
}

impl Names {
    fn of(start: &BytesStart<'_>, strict: bool) -> Names {
        let prefix = xmlio::prefix_of(start);
        if prefix.is_empty() {
            Names {
                prefix: "w".into(),
                declaration: format!(" xmlns:w=\"{}\"", w_namespace(strict)),
            }
        } else {
            Names {
                prefix,
                declaration: String::new(),
            }
        }
    }

    fn range(&self, kind: &str, id: i64) -> String {
        let p = &self.prefix;
        format!("<{p}:{kind}{} {p}:id=\"{id}\"/>", self.declaration)
    }

    fn reference(&self, id: i64) -> String {
        let p = &self.prefix;
        format!(
            "<{p}:r{}><{p}:commentReference {p}:id=\"{id}\"/></{p}:r>",
            self.declaration
        )
    }
}

/// A paragraph whose range starts wait until its properties are written.
struct Pending {
    depth: usize,
    /// Inside the paragraph's `w:pPr` (its end comes first).
    in_properties: bool,
    markup: String,
}

/// A run held back while it may be only the reference of a replaced comment.
struct HeldRun {
    depth: usize,
    writer: Writer<Vec<u8>>,
    has_content: bool,
    has_removed_reference: bool,
}

/// Held runs are small; a larger one is written out as it comes.
const MAX_HELD_RUN: usize = 1 << 20;

/// Streams the main part from `source` to `out`, carrying out `plan`.
pub fn rewrite<B: BufRead, W: Write>(
    source: B,
    part: &str,
    plan: &Plan,
    out: W,
) -> Result<W, EditError> {
    let mut reader = RawReader::new(source, part);
    let mut walker = BlockWalker::new();
    let mut writer = Writer::new(out);
    let mut pending: Option<Pending> = None;
    let mut marks = RevisionMarks::default();
    // Revision marks being written that carry comments: (depth, ids, names).
    let mut open_marks: Vec<(usize, Vec<i64>, Names)> = Vec::new();
    // Markup to write right after the current event (range starts after a `w:pPr`).
    let mut after_event: Option<String>;
    let mut names_of: HashMap<usize, Names> = HashMap::new();
    let mut held: Option<HeldRun> = None;
    // Depth of a removed range element whose end is skipped too.
    let mut skip_to: Option<usize> = None;
    let fail = |e: std::io::Error| EditError::Package(xmlio::write_error(e, part));
    loop {
        after_event = None;
        let item = reader.next_item()?;
        let depth = item.depth;
        let ns = item.ns;
        let strict = item.strict;
        let is_start = matches!(item.event, Event::Start(_));
        if let Some(skip) = skip_to {
            if matches!(item.event, Event::End(_)) && depth == skip {
                skip_to = None;
            }
            continue;
        }
        // Pending range starts go in once the paragraph's properties are written: before
        // the paragraph's first other child, or right after its `w:pPr`.
        let mut flush_after = false;
        if let Some(p) = pending.as_mut() {
            let child = depth == p.depth + 1;
            let is_properties =
                |e: &BytesStart<'_>| ns == Ns::W && e.local_name().into_inner() == "pPr" && child;
            let flush_before = match &item.event {
                Event::End(_) if p.in_properties && child => {
                    flush_after = true;
                    false
                }
                _ if p.in_properties => false,
                Event::Start(e) if is_properties(e) => {
                    p.in_properties = true;
                    false
                }
                Event::Empty(e) if is_properties(e) => {
                    flush_after = true;
                    false
                }
                Event::Text(_) | Event::Comment(_) | Event::PI(_) => false,
                _ => true,
            };
            if flush_before {
                let markup = std::mem::take(&mut p.markup);
                xmlio::write_raw(&mut writer, &markup).map_err(fail)?;
                pending = None;
            }
        }
        if flush_after && let Some(p) = pending.take() {
            // Written after this event, below.
            after_event = Some(p.markup);
        }
        let body_start = match &item.event {
            Event::Start(e)
                if ns == Ns::W && depth == 2 && e.local_name().into_inner() == "body" =>
            {
                Some(Names::of(e, strict))
            }
            _ => None,
        };
        match item.event {
            Event::Eof => break,
            Event::Start(start) | Event::Empty(start)
                if ns == Ns::W
                    && !plan.remove.is_empty()
                    && is_removed_anchor(&start, &plan.remove) =>
            {
                if start.local_name().into_inner() == "commentReference"
                    && let Some(run) = held.as_mut()
                {
                    run.has_removed_reference = true;
                }
                if is_start {
                    skip_to = Some(depth);
                }
                continue;
            }
            Event::Start(start) => {
                let local = start.local_name().into_inner().as_bytes().to_vec();
                let opened = walker.start(
                    ns == Ns::W,
                    ns == Ns::Mc && local == b"Fallback",
                    &local,
                    depth,
                );
                if ns == Ns::W && local == b"r" && held.is_none() && !plan.remove.is_empty() {
                    let mut run = HeldRun {
                        depth,
                        writer: Writer::new(Vec::new()),
                        has_content: false,
                        has_removed_reference: false,
                    };
                    run.writer.write_event(Event::Start(start)).map_err(fail)?;
                    held = Some(run);
                    continue;
                }
                if let Some(mark) = marks.start(ns, &local, depth, false, walker.in_paragraph())
                    && let Some(ids) = plan.marks.get(&mark)
                {
                    // A comment on the revision mark itself: its range wraps the element.
                    let names = Names::of(&start, strict);
                    let markup: String = ids
                        .iter()
                        .map(|id| names.range("commentRangeStart", *id))
                        .collect();
                    raw(&mut writer, &mut held, &markup, fail)?;
                    open_marks.push((depth, ids.clone(), names));
                }
                if let Some(anchor) = opened.anchor {
                    names_of.insert(depth, Names::of(&start, strict));
                    if let Some(ids) = plan.starts.get(&anchor) {
                        let names = Names::of(&start, strict);
                        let markup: String = ids
                            .iter()
                            .map(|id| names.range("commentRangeStart", *id))
                            .collect();
                        pending = Some(Pending {
                            depth,
                            in_properties: false,
                            markup,
                        });
                    }
                }
                emit(&mut writer, &mut held, Event::Start(start), depth, fail)?;
            }
            Event::Empty(start) => {
                let local = start.local_name().into_inner().as_bytes().to_vec();
                marks.start(ns, &local, depth, true, walker.in_paragraph());
                let opened = walker.start(
                    ns == Ns::W,
                    ns == Ns::Mc && local == b"Fallback",
                    &local,
                    depth,
                );
                walker.end(ns == Ns::W, &local, depth);
                match opened.anchor {
                    Some(anchor)
                        if plan.starts.contains_key(&anchor) || plan.ends.contains_key(&anchor) =>
                    {
                        // `<w:p/>`: opened up to hold the anchors.
                        let names = Names::of(&start, strict);
                        let end = BytesEnd::new(start.name().into_inner().to_string());
                        emit(&mut writer, &mut held, Event::Start(start), depth, fail)?;
                        let mut markup = String::new();
                        for id in plan.starts.get(&anchor).into_iter().flatten() {
                            markup.push_str(&names.range("commentRangeStart", *id));
                        }
                        for id in plan.ends.get(&anchor).into_iter().flatten() {
                            markup.push_str(&names.range("commentRangeEnd", *id));
                            markup.push_str(&names.reference(*id));
                        }
                        raw(&mut writer, &mut held, &markup, fail)?;
                        emit(&mut writer, &mut held, Event::End(end), depth, fail)?;
                    }
                    _ => {
                        if let Some(run) = held.as_mut() {
                            run.has_content = true;
                        }
                        emit(&mut writer, &mut held, Event::Empty(start), depth, fail)?;
                    }
                }
            }
            Event::End(end) => {
                let local = end.local_name().into_inner().as_bytes().to_vec();
                marks.end(depth);
                if open_marks.last().is_some_and(|(d, _, _)| *d == depth)
                    && let Some((_, ids, names)) = open_marks.pop()
                {
                    emit(&mut writer, &mut held, Event::End(end), depth, fail)?;
                    let markup: String = ids
                        .iter()
                        .map(|id| names.range("commentRangeEnd", *id) + &names.reference(*id))
                        .collect();
                    raw(&mut writer, &mut held, &markup, fail)?;
                    walker.end(ns == Ns::W, &local, depth);
                    continue;
                }
                let closed = walker.end(ns == Ns::W, &local, depth);
                if let Some(anchor) = closed.anchor
                    && let Some(ids) = plan.ends.get(&anchor)
                {
                    let names = names_of.remove(&depth).unwrap_or(Names {
                        prefix: "w".into(),
                        declaration: format!(" xmlns:w=\"{}\"", w_namespace(strict)),
                    });
                    let markup: String = ids
                        .iter()
                        .map(|id| names.range("commentRangeEnd", *id) + &names.reference(*id))
                        .collect();
                    raw(&mut writer, &mut held, &markup, fail)?;
                }
                if closed.anchor.is_some() {
                    names_of.remove(&depth);
                }
                let run_ends = held.as_ref().is_some_and(|run| run.depth == depth);
                emit(&mut writer, &mut held, Event::End(end), depth, fail)?;
                if run_ends && let Some(run) = held.take() {
                    // A run that held nothing but a replaced comment's reference goes too.
                    if run.has_content || !run.has_removed_reference {
                        writer
                            .get_mut()
                            .write_all(&run.writer.into_inner())
                            .map_err(fail)?;
                    }
                }
            }
            other => {
                if let Some(run) = held.as_mut()
                    && matches!(
                        other,
                        Event::Text(_) | Event::CData(_) | Event::GeneralRef(_)
                    )
                {
                    run.has_content = true;
                }
                emit(&mut writer, &mut held, other, depth, fail)?;
            }
        }
        if let Some(markup) = after_event.take() {
            raw(&mut writer, &mut held, &markup, fail)?;
        }
        if let (Some(names), Some(ids)) = (body_start, plan.new_paragraph.as_ref()) {
            let p = &names.prefix;
            let mut markup = format!("<{p}:p{}>", names.declaration);
            for id in ids {
                markup.push_str(&names.range("commentRangeStart", *id));
            }
            for id in ids {
                markup.push_str(&names.range("commentRangeEnd", *id));
                markup.push_str(&names.reference(*id));
            }
            markup.push_str(&format!("</{p}:p>"));
            xmlio::write_raw(&mut writer, &markup).map_err(fail)?;
        }
        if let Some(run) = held.as_ref()
            && run.writer.get_ref().len() > MAX_HELD_RUN
            && let Some(run) = held.take()
        {
            writer
                .get_mut()
                .write_all(&run.writer.into_inner())
                .map_err(fail)?;
        }
    }
    Ok(writer.into_inner())
}

/// A comment range mark or reference of a comment being replaced.
fn is_removed_anchor(start: &BytesStart<'_>, remove: &HashSet<i64>) -> bool {
    matches!(
        start.local_name().into_inner(),
        "commentRangeStart" | "commentRangeEnd" | "commentReference"
    ) && xmlio::attr(start, "id")
        .and_then(|v| v.trim().parse::<i64>().ok())
        .is_some_and(|id| remove.contains(&id))
}

/// Writes an event to the held run when there is one, else to the output.
fn emit<W: Write>(
    writer: &mut Writer<W>,
    held: &mut Option<HeldRun>,
    event: Event<'_>,
    depth: usize,
    fail: impl Fn(std::io::Error) -> EditError,
) -> Result<(), EditError> {
    let _ = depth;
    match held.as_mut() {
        Some(run) => run.writer.write_event(event).map_err(&fail),
        None => writer.write_event(event).map_err(&fail),
    }
}

fn raw<W: Write>(
    writer: &mut Writer<W>,
    held: &mut Option<HeldRun>,
    markup: &str,
    fail: impl Fn(std::io::Error) -> EditError,
) -> Result<(), EditError> {
    match held.as_mut() {
        Some(run) => xmlio::write_raw(&mut run.writer, markup).map_err(&fail),
        None => xmlio::write_raw(writer, markup).map_err(&fail),
    }
}
