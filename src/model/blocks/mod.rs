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
mod tests;
