//! Where a location path points: the body's blocks counted the way [`super::scan`] counts
//! them when it writes a place, so that a finding's `location.path` names the same element
//! for the reader that wrote it and for `fgcheck annotate`, which anchors a comment there.
//!
//! The counting rules (each one mirrors the scanner; a test over every sample holds them
//! together):
//! - `w:p[n]` is the n-th **top-level** paragraph: one not inside a table and not inside
//!   another paragraph (a text box). Content controls (`w:sdt`) and `w:customXml` wrapping
//!   blocks do not count as levels: their paragraphs are top-level.
//! - `w:tbl[n]` is the n-th top-level table, counted separately from paragraphs.
//! - `w:tr[r]` and `w:tc[c]` count the rows of that table and the cells of that row,
//!   whatever wraps them (a content control around a row or a cell).
//! - Elements inside `mc:Fallback` (a copy of `mc:Choice` for old readers) and inside the
//!   `w:*Change` revision elements (old properties) are not counted.
//!
//! Besides the paths, the walker numbers **anchor paragraphs**: every paragraph not inside
//! another paragraph, in document order (body and table cells). A comment range starts and
//! ends inside anchor paragraphs, never in a text box.

/// The part of a location path fgcheck can point at in the main part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Addr {
    /// The body as a whole (`/w:document/w:body`, or a path below it that names no block).
    Body,
    /// The final section properties (`/w:document/w:body/w:sectPr`).
    FinalSection,
    /// `/w:document/w:body/w:p[n]`
    Paragraph(usize),
    /// `/w:document/w:body/w:tbl[n]`
    Table(usize),
    /// `/w:document/w:body/w:tbl[n]/w:tr[r]`
    Row(usize, usize),
    /// `/w:document/w:body/w:tbl[n]/w:tr[r]/w:tc[c]`
    Cell(usize, usize, usize),
}

impl Addr {
    /// The path as locations write it.
    pub fn path(self) -> String {
        const BODY: &str = "/w:document/w:body";
        match self {
            Addr::Body => BODY.to_string(),
            Addr::FinalSection => format!("{BODY}/w:sectPr"),
            Addr::Paragraph(n) => format!("{BODY}/w:p[{n}]"),
            Addr::Table(n) => format!("{BODY}/w:tbl[{n}]"),
            Addr::Row(n, r) => format!("{BODY}/w:tbl[{n}]/w:tr[{r}]"),
            Addr::Cell(n, r, c) => format!("{BODY}/w:tbl[{n}]/w:tr[{r}]/w:tc[{c}]"),
        }
    }

    /// The element that contains this one, if it is addressed itself.
    pub fn parent(self) -> Option<Addr> {
        match self {
            Addr::Cell(n, r, _) => Some(Addr::Row(n, r)),
            Addr::Row(n, _) => Some(Addr::Table(n)),
            Addr::Table(_) | Addr::Paragraph(_) | Addr::FinalSection => Some(Addr::Body),
            Addr::Body => None,
        }
    }
}

/// Reads a location path of the main part. The longest prefix that names a block wins:
/// `/w:document/w:body/w:p[3]/w:pPr/w:sectPr` is paragraph 3, a path into a text box's
/// table is its paragraph. `None` when the path does not start at the body (another part,
/// or no path at all).
pub fn parse_path(path: &str) -> Option<Addr> {
    let rest = path.trim().strip_prefix("/w:document/w:body")?;
    let mut segments = rest.split('/').filter(|s| !s.is_empty());
    let index = |segment: &str, name: &str| -> Option<usize> {
        let inner = segment.strip_prefix(name)?.strip_prefix('[')?;
        let number = inner.strip_suffix(']')?.trim().parse::<usize>().ok()?;
        (number >= 1).then_some(number)
    };
    let Some(first) = segments.next() else {
        return Some(Addr::Body);
    };
    if first == "w:sectPr" {
        return Some(Addr::FinalSection);
    }
    if let Some(n) = index(first, "w:p") {
        return Some(Addr::Paragraph(n));
    }
    let Some(table) = index(first, "w:tbl") else {
        return Some(Addr::Body);
    };
    let Some(row) = segments.next().and_then(|s| index(s, "w:tr")) else {
        return Some(Addr::Table(table));
    };
    match segments.next().and_then(|s| index(s, "w:tc")) {
        Some(cell) => Some(Addr::Cell(table, row, cell)),
        None => Some(Addr::Row(table, row)),
    }
}

/// Revision elements; those ending in `Change` hold old properties and are skipped whole.
const REVISION_CHANGES: &[&[u8]] = &[
    b"rPrChange",
    b"pPrChange",
    b"tblPrChange",
    b"trPrChange",
    b"tcPrChange",
    b"sectPrChange",
    b"numberingChange",
    b"tblGridChange",
];

/// What one start tag opened.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Opened {
    /// The addressed block this element is, if any.
    pub addr: Option<Addr>,
    /// Its ordinal among anchor paragraphs, when it is one (1-based).
    pub anchor: Option<usize>,
}

/// What one end tag closed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Closed {
    pub addr: Option<Addr>,
    pub anchor: Option<usize>,
}

/// Counts blocks while a caller streams a main part through it. Feed every start, empty and
/// end tag in order with its depth (the root is 1).
#[derive(Debug, Default)]
pub struct BlockWalker {
    /// Inside `mc:Fallback`: the depth it started at.
    skip_from: Option<usize>,
    change_depth: usize,
    para_depth: usize,
    table_depth: usize,
    paragraph_number: usize,
    table_count: usize,
    /// Whether the current depth-1 table is a counted top-level one (not in a text box).
    counted_table: bool,
    row_number: usize,
    cell_number: usize,
    anchors: usize,
    /// Open addressed elements and anchor paragraphs, with their depth.
    open: Vec<(usize, Opened)>,
}

impl BlockWalker {
    pub fn new() -> BlockWalker {
        BlockWalker::default()
    }

    /// Anchor paragraphs started so far.
    pub fn anchor_count(&self) -> usize {
        self.anchors
    }

    /// True inside a counted paragraph (not in `mc:Fallback` or old properties).
    pub fn in_paragraph(&self) -> bool {
        self.para_depth >= 1 && self.skip_from.is_none() && self.change_depth == 0
    }

    /// A start tag (or the start of an empty element). `is_w` says the element is in the
    /// WordprocessingML namespace, `is_fallback` that it is `mc:Fallback`.
    pub fn start(&mut self, is_w: bool, is_fallback: bool, local: &[u8], depth: usize) -> Opened {
        if self.skip_from.is_some() {
            return Opened::default();
        }
        if is_fallback {
            self.skip_from = Some(depth);
            return Opened::default();
        }
        if !is_w {
            return Opened::default();
        }
        if REVISION_CHANGES.contains(&local) {
            self.change_depth += 1;
            return Opened::default();
        }
        if self.change_depth > 0 {
            return Opened::default();
        }
        let opened = match local {
            b"p" => {
                self.para_depth += 1;
                if self.para_depth > 1 {
                    return Opened::default();
                }
                self.anchors += 1;
                let addr =
                    (self.table_depth == 0).then_some(Addr::Paragraph(self.paragraph_number + 1));
                Opened {
                    addr,
                    anchor: Some(self.anchors),
                }
            }
            b"tbl" => {
                self.table_depth += 1;
                if self.table_depth != 1 {
                    return Opened::default();
                }
                self.counted_table = self.para_depth == 0;
                if !self.counted_table {
                    return Opened::default();
                }
                self.table_count += 1;
                self.row_number = 0;
                Opened {
                    addr: Some(Addr::Table(self.table_count)),
                    anchor: None,
                }
            }
            b"tr" if self.table_depth == 1 => {
                self.row_number += 1;
                self.cell_number = 0;
                Opened {
                    addr: self
                        .counted_table
                        .then_some(Addr::Row(self.table_count, self.row_number)),
                    anchor: None,
                }
            }
            b"tc" if self.table_depth == 1 => {
                self.cell_number += 1;
                Opened {
                    addr: self.counted_table.then_some(Addr::Cell(
                        self.table_count,
                        self.row_number,
                        self.cell_number,
                    )),
                    anchor: None,
                }
            }
            _ => return Opened::default(),
        };
        self.open.push((depth, opened));
        opened
    }

    /// An end tag (or the end of an empty element) at `depth`.
    pub fn end(&mut self, is_w: bool, local: &[u8], depth: usize) -> Closed {
        if let Some(from) = self.skip_from {
            if depth <= from {
                self.skip_from = None;
            }
            return Closed::default();
        }
        if !is_w {
            return Closed::default();
        }
        if REVISION_CHANGES.contains(&local) {
            self.change_depth = self.change_depth.saturating_sub(1);
            return Closed::default();
        }
        if self.change_depth > 0 {
            return Closed::default();
        }
        match local {
            b"p" if self.para_depth > 0 => {
                self.para_depth -= 1;
                if self.para_depth == 0 && self.table_depth == 0 {
                    self.paragraph_number += 1;
                }
            }
            b"tbl" => self.table_depth = self.table_depth.saturating_sub(1),
            _ => {}
        }
        match self.open.last() {
            Some((open_depth, opened)) if *open_depth == depth => {
                let closed = Closed {
                    addr: opened.addr,
                    anchor: opened.anchor,
                };
                self.open.pop();
                closed
            }
            _ => Closed::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::events::Event;
    use quick_xml::reader::NsReader;

    /// (addr, anchor) of every element opened, in order.
    fn walk(xml: &str) -> Vec<(Option<Addr>, Option<usize>)> {
        let mut reader = NsReader::from_str(xml);
        let mut walker = BlockWalker::new();
        let mut depth = 0;
        let mut out = Vec::new();
        loop {
            let (resolved, event) = reader.read_resolved_event().expect("xml");
            let is_w = matches!(
                resolved,
                quick_xml::name::ResolveResult::Bound(ns)
                    if ns.as_ref() == "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
            );
            let is_mc = matches!(resolved, quick_xml::name::ResolveResult::Bound(ns) if ns.as_ref().ends_with("markup-compatibility/2006"));
            match event {
                Event::Start(e) => {
                    depth += 1;
                    let local = e.local_name().into_inner().as_bytes().to_vec();
                    let fallback = is_mc && local == b"Fallback";
                    let opened = walker.start(is_w, fallback, &local, depth);
                    if opened != Opened::default() {
                        out.push((opened.addr, opened.anchor));
                    }
                }
                Event::Empty(e) => {
                    let local = e.local_name().into_inner().as_bytes().to_vec();
                    let fallback = is_mc && local == b"Fallback";
                    let opened = walker.start(is_w, fallback, &local, depth + 1);
                    if opened != Opened::default() {
                        out.push((opened.addr, opened.anchor));
                    }
                    walker.end(is_w, &local, depth + 1);
                }
                Event::End(e) => {
                    walker.end(is_w, e.local_name().into_inner().as_bytes(), depth);
                    depth -= 1;
                }
                Event::Eof => return out,
                _ => {}
            }
        }
    }

    fn doc(body: &str) -> String {
        format!(
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>"#
        )
    }

    #[test]
    fn paragraphs_and_tables_are_counted_apart() {
        let out = walk(&doc(
            "<w:p/><w:tbl><w:tr><w:tc><w:p/></w:tc><w:tc><w:p/><w:p/></w:tc></w:tr></w:tbl><w:p/><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>",
        ));
        assert_eq!(
            out,
            vec![
                (Some(Addr::Paragraph(1)), Some(1)),
                (Some(Addr::Table(1)), None),
                (Some(Addr::Row(1, 1)), None),
                (Some(Addr::Cell(1, 1, 1)), None),
                (None, Some(2)),
                (Some(Addr::Cell(1, 1, 2)), None),
                (None, Some(3)),
                (None, Some(4)),
                (Some(Addr::Paragraph(2)), Some(5)),
                (Some(Addr::Table(2)), None),
                (Some(Addr::Row(2, 1)), None),
                (Some(Addr::Cell(2, 1, 1)), None),
                (None, Some(6)),
            ]
        );
    }

    #[test]
    fn content_controls_around_blocks_rows_and_cells_are_not_levels() {
        let out = walk(&doc(
            "<w:sdt><w:sdtContent><w:p/></w:sdtContent></w:sdt><w:tbl><w:sdt><w:sdtContent><w:tr><w:tc><w:p/></w:tc><w:sdt><w:sdtContent><w:tc><w:p/></w:tc></w:sdtContent></w:sdt></w:tr></w:sdtContent></w:sdt></w:tbl>",
        ));
        let addrs: Vec<Addr> = out.iter().filter_map(|(a, _)| *a).collect();
        assert_eq!(
            addrs,
            vec![
                Addr::Paragraph(1),
                Addr::Table(1),
                Addr::Row(1, 1),
                Addr::Cell(1, 1, 1),
                Addr::Cell(1, 1, 2)
            ]
        );
    }

    #[test]
    fn text_boxes_fallbacks_nested_tables_and_old_properties_do_not_count() {
        let text_box = "<w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p/><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:p/></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>";
        let nested = "<w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>";
        let change = "<w:p><w:pPr><w:pPrChange><w:pPr/></w:pPrChange></w:pPr></w:p>";
        let out = walk(&doc(&format!("{text_box}{nested}{change}<w:p/>")));
        let addrs: Vec<Addr> = out.iter().filter_map(|(a, _)| *a).collect();
        assert_eq!(
            addrs,
            vec![
                Addr::Paragraph(1),
                Addr::Table(1),
                Addr::Row(1, 1),
                Addr::Cell(1, 1, 1),
                Addr::Paragraph(2),
                Addr::Paragraph(3)
            ]
        );
        // Anchors: the text-box paragraph, 2 paragraphs in the nested table's cell, the two
        // top-level ones; the text box's own paragraphs are not anchors.
        let anchors: Vec<usize> = out.iter().filter_map(|(_, a)| *a).collect();
        assert_eq!(anchors, vec![1, 2, 3, 4, 5]);
    }

    #[test]
    fn location_paths_parse_to_the_longest_known_prefix() {
        assert_eq!(parse_path("/w:document/w:body"), Some(Addr::Body));
        assert_eq!(
            parse_path("/w:document/w:body/w:p[12]"),
            Some(Addr::Paragraph(12))
        );
        assert_eq!(
            parse_path("/w:document/w:body/w:tbl[1]/w:tr[7]/w:tc[2]"),
            Some(Addr::Cell(1, 7, 2))
        );
        assert_eq!(
            parse_path("/w:document/w:body/w:tbl[2]/w:tr[3]"),
            Some(Addr::Row(2, 3))
        );
        assert_eq!(
            parse_path("/w:document/w:body/w:tbl[1]"),
            Some(Addr::Table(1))
        );
        assert_eq!(
            parse_path("/w:document/w:body/w:p[3]/w:pPr/w:sectPr"),
            Some(Addr::Paragraph(3))
        );
        assert_eq!(
            parse_path("/w:document/w:body/w:p[3]/w:tr[11]"),
            Some(Addr::Paragraph(3))
        );
        assert_eq!(
            parse_path("/w:document/w:body/w:sectPr"),
            Some(Addr::FinalSection)
        );
        assert_eq!(parse_path("/w:document/w:body/w:p[0]"), Some(Addr::Body));
        assert_eq!(
            parse_path("/w:document/w:body/w:tbl[x]/w:tr[1]"),
            Some(Addr::Body)
        );
        assert_eq!(parse_path("/w:comments"), None);
        assert_eq!(parse_path(""), None);
        for addr in [
            Addr::Body,
            Addr::FinalSection,
            Addr::Paragraph(4),
            Addr::Table(2),
            Addr::Row(1, 9),
            Addr::Cell(1, 2, 3),
        ] {
            assert_eq!(parse_path(&addr.path()), Some(addr));
        }
    }
}
