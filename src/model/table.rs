//! Tables as Word lays them out: rows of cells, each cell a list of paragraphs, with the
//! merge marks kept so that a label can find its value cell whatever the merging.

use serde::Serialize;

/// A paragraph's visible text and style.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Para {
    pub text: String,
    pub style: Option<String>,
    /// Tags of the content controls the paragraph is in or holds.
    pub tags: Vec<String>,
}

/// How a cell takes part in a vertical merge.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub enum VMerge {
    #[default]
    None,
    Restart,
    /// Continues the cell above: Word shows nothing of its own here.
    Continue,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Cell {
    pub paragraphs: Vec<Para>,
    pub grid_span: u32,
    pub v_merge: VMerge,
    /// Tags of content controls inside this cell: hints for which field it holds.
    pub tags: Vec<String>,
}

impl Cell {
    /// The cell's text, one line per paragraph (line breaks inside paragraphs kept).
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (index, para) in self.paragraphs.iter().enumerate() {
            if index > 0 {
                out.push('\n');
            }
            out.push_str(&para.text);
        }
        out
    }

    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
    }

    pub fn has_style(&self, style: &str) -> bool {
        self.paragraphs.iter().any(|p| {
            p.style
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case(style))
        })
    }
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Row {
    pub cells: Vec<Cell>,
}

/// A top-level table near the start of the body (the header tables).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Table {
    /// 1-based position among the body's top-level tables.
    pub number: usize,
    /// The XPath-like path of the table in the main part.
    pub path: String,
    pub rows: Vec<Row>,
}
