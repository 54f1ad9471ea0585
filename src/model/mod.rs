//! The document model: what Word would show, read in one streaming pass per part.
//!
//! Parts are found through relationships (never by fixed names), each is read once, and
//! parts no rule needs (media, glossary, fonts, customXml) are never inflated. "Once" holds
//! against hostile packages too: 200,000 header relationships to the same part read that
//! part once (issue 12), and everything kept is charged to the file's budget.

pub mod blocks;
pub mod comments;
pub mod header;
pub mod properties;
pub mod scan;
pub mod styles;
pub mod table;

use std::io::{Read, Seek};

use serde::Serialize;

use crate::package::{Package, PackageError, Relationship, opc};
use properties::{AppProps, CoreProps, Settings};
use scan::{PartScan, Role};
use styles::Styles;

/// Small parts (relationships, properties) are read whole up to this size.
const SMALL_PART: u64 = 8 * 1024 * 1024;

/// Everything the rules look at, for one file.
#[derive(Debug, Default, Serialize)]
pub struct Document {
    pub main_part: String,
    pub main_content_type: String,
    pub body: PartScan,
    /// Page headers, footers, footnotes, endnotes and comments parts.
    pub other_parts: Vec<PartScan>,
    pub styles: Styles,
    pub core: CoreProps,
    pub app: AppProps,
    pub custom: Vec<(String, String)>,
    /// Where the core and custom properties were read from (`docProps/core.xml`).
    pub core_part: Option<String>,
    pub custom_part: Option<String>,
    pub settings: Settings,
    pub main_rels: Vec<Relationship>,
    pub settings_rels: Vec<Relationship>,
    /// Relationships of the scanned secondary parts (headers, footers, notes, comments):
    /// (part name, its relationships), for links and objects outside the body.
    pub part_rels: Vec<(String, Vec<Relationship>)>,
    /// Every part name in the package with its content type.
    pub parts: Vec<(String, String)>,
}

impl Document {
    /// Every scanned part, body first.
    pub fn all_parts(&self) -> impl Iterator<Item = &PartScan> {
        std::iter::once(&self.body).chain(self.other_parts.iter())
    }

    /// The comments parts' comment count.
    pub fn comment_count(&self) -> usize {
        self.other_parts.iter().map(|p| p.comments.count).sum()
    }

    /// A relationship of the main part by id.
    pub fn main_rel(&self, id: &str) -> Option<&Relationship> {
        self.main_rels.iter().find(|r| r.id == id)
    }

    /// The relationships of any scanned part (main or secondary).
    pub fn rels_of(&self, part: &str) -> &[Relationship] {
        if part == self.main_part {
            return &self.main_rels;
        }
        self.part_rels
            .iter()
            .find(|(name, _)| name == part)
            .map_or(&[], |(_, rels)| rels.as_slice())
    }

    /// The page header parts used by the final section, in order default, first, even.
    pub fn final_section(&self) -> Option<&scan::Section> {
        self.body.sections.last()
    }
}

/// The parts only some rules read. A part no enabled rule needs is not read at all (not
/// inflated, not parsed): switching rules off (`--select`, `--ignore`, `off` in
/// fgcheck.toml) makes a check cheaper, and a broken part that only a rule switched off
/// would read does not make the file unreadable. Which rules read which parts is said in
/// `rules::needs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Needs {
    /// Page headers and footers (with their relationships).
    pub headers_footers: bool,
    /// Footnotes and endnotes.
    pub notes: bool,
    /// Comments parts.
    pub comments: bool,
    /// The theme (fonts named by theme slot).
    pub theme: bool,
}

impl Needs {
    /// Every part: what the checks read with every rule on.
    pub const ALL: Needs = Needs {
        headers_footers: true,
        notes: true,
        comments: true,
        theme: true,
    };

    fn role(self, role: Role) -> bool {
        match role {
            Role::Main => true,
            Role::Header | Role::Footer => self.headers_footers,
            Role::Footnotes | Role::Endnotes => self.notes,
            Role::Comments => self.comments,
        }
    }
}

/// Reads every part the rules need from an opened package.
pub fn load<R: Read + Seek>(package: &mut Package<R>) -> Result<Document, PackageError> {
    load_parts(package, Needs::ALL)
}

/// Reads the parts the enabled rules need from an opened package.
pub fn load_parts<R: Read + Seek>(
    package: &mut Package<R>,
    needs: Needs,
) -> Result<Document, PackageError> {
    let main = package.main_part.clone();
    let mut document = Document {
        main_part: main.clone(),
        main_content_type: package.main_content_type.clone(),
        ..Document::default()
    };
    let mut names: Vec<String> = package.part_names().map(str::to_string).collect();
    names.sort();
    document.parts = names
        .into_iter()
        .map(|name| {
            let content_type = package.content_types.of(&name).unwrap_or_default();
            (name, content_type)
        })
        .collect();
    let listed: usize = document
        .parts
        .iter()
        .map(|(name, kind)| name.len() + kind.len() + 48)
        .sum();
    crate::guard::budget::charge(listed, "[Content_Types].xml")?;

    document.main_rels = package.relationships_of(&main)?;
    let target_of = |kind: &str| -> Vec<String> {
        document
            .main_rels
            .iter()
            .filter(|rel| rel.is_type(kind) && !rel.external)
            .map(|rel| rel.target.clone())
            .collect()
    };
    let styles_parts = target_of("styles");
    let theme_parts = target_of("theme");
    let settings_parts = target_of("settings");
    // Each distinct part once, in the order first met; part names compare ignoring case.
    let mut secondary: Vec<(String, Role)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (kind, role) in [
        ("header", Role::Header),
        ("footer", Role::Footer),
        ("footnotes", Role::Footnotes),
        ("endnotes", Role::Endnotes),
        ("comments", Role::Comments),
    ] {
        if !needs.role(role) {
            continue;
        }
        for target in target_of(kind) {
            let key = package
                .canonical_name(&target)
                .unwrap_or_else(|| target.clone());
            if seen.insert(key.to_ascii_lowercase()) {
                secondary.push((target, role));
            }
        }
    }

    if let Some(part) = styles_parts.first()
        && let Some(reader) = package.part_reader(part)?
    {
        document.styles = styles::read_styles(reader, part)?;
    }
    if let Some(part) = theme_parts.first().filter(|_| needs.theme)
        && let Some(reader) = package.part_reader(part)?
    {
        let (minor, major) = styles::read_theme_fonts(reader, part)?;
        document.styles.theme_minor = minor;
        document.styles.theme_major = major;
    }
    if let Some(part) = settings_parts.first() {
        if let Some(reader) = package.part_reader(part)? {
            document.settings = properties::read_settings(reader, part)?;
        }
        document.settings_rels = package.relationships_of(part)?;
    }

    let reader = package
        .part_reader(&main)?
        .ok_or_else(|| PackageError::MissingDocumentPart(format!("{main} cannot be opened")))?;
    document.body = scan::scan_part(reader, &main, Role::Main, &document.styles)?;

    for (part, role) in secondary {
        crate::guard::budget::check()?;
        if let Some(reader) = package.part_reader(&part)? {
            let scan = scan::scan_part(reader, &part, role, &document.styles)?;
            document.other_parts.push(scan);
        } else {
            continue;
        }
        let rels = package.relationships_of(&part)?;
        if !rels.is_empty() {
            document.part_rels.push((part, rels));
        }
    }

    name_page_headers(&mut document);

    let root_target = |kind: &str| {
        package
            .root_rels
            .iter()
            .find(|rel| rel.is_type(kind) && !rel.external)
            .map(|rel| rel.target.clone())
    };
    let core_part =
        root_target("core-properties").or_else(|| root_target("metadata/core-properties"));
    let app_part = root_target("extended-properties").or_else(|| root_target("extendedProperties"));
    let custom_part = root_target("custom-properties").or_else(|| root_target("customProperties"));
    if let Some(part) = core_part
        && let Some(reader) = package.part_reader(&part)?
    {
        document.core = properties::read_core(reader, &part)?;
        document.core_part = Some(part);
    }
    if let Some(part) = app_part
        && let Some(reader) = package.part_reader(&part)?
    {
        document.app = properties::read_app(reader, &part)?;
    }
    if let Some(part) = custom_part
        && let Some(bytes) = package.read_small_part(&part, SMALL_PART)?
    {
        document.custom = properties::read_custom(bytes.as_slice(), &part)?;
        document.custom_part = Some(part);
    }
    Ok(document)
}

/// Names page header and footer parts by the sections that use them, as Word's Header &
/// Footer view does: "page header of section 2 (first page)", or "page header" when the
/// document has one section and one header.
fn name_page_headers(document: &mut Document) {
    let sections = document.body.sections.len();
    let mut names: Vec<(String, String)> = Vec::new();
    for (index, section) in document.body.sections.iter().enumerate() {
        for (footer, references) in [(false, &section.headers), (true, &section.footers)] {
            for (kind, id) in references {
                let Some(rel) = document.main_rels.iter().find(|r| &r.id == id) else {
                    continue;
                };
                let what = match (footer, kind.as_str()) {
                    (false, "first") => "first-page header",
                    (false, "even") => "even-page header",
                    (false, _) => "page header",
                    (true, "first") => "first-page footer",
                    (true, "even") => "even-page footer",
                    (true, _) => "page footer",
                };
                let name = if sections > 1 {
                    format!("{what} of section {}", index + 1)
                } else {
                    what.to_string()
                };
                let key = rel.target.to_ascii_lowercase();
                match names.iter_mut().find(|(part, _)| *part == key) {
                    // One part used by several sections: named by the first.
                    Some(_) => {}
                    None => names.push((key, name)),
                }
            }
        }
    }
    for part in &mut document.other_parts {
        let key = part.part.to_ascii_lowercase();
        if let Some((_, name)) = names.iter().find(|(p, _)| *p == key) {
            let name = name.clone();
            part.for_each_place_mut(&mut |place| {
                if place.at == scan::At::Part
                    && (place.anchor.starts_with("page header (")
                        || place.anchor.starts_with("page footer ("))
                {
                    place.anchor = name.clone();
                }
            });
        }
    }
}

/// Names the rows of the cover tables as the cover reader does ("cover, row 'Title:'"),
/// once it is known which tables are the cover; other tables stay "body, table 3, row 2".
pub fn name_cover_rows(document: &mut Document, cover_tables: &[usize]) {
    if cover_tables.is_empty() {
        return;
    }
    document.body.for_each_place_mut(&mut |place| {
        if let scan::At::Row { table, row, label } = &place.at
            && cover_tables.contains(table)
        {
            place.anchor = scan::place::cover_anchor(*row, label.as_deref());
        }
    });
}

/// True for a macro-enabled main part.
pub fn is_macro_enabled(document: &Document) -> bool {
    opc::is_macro_enabled(&document.main_content_type)
}
