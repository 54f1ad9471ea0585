//! The limits that keep a hostile file from taking the machine.
//!
//! Every number here is documented in `docs/limits.md`; a legitimate 200,000-paragraph
//! contribution (a ~57 MB `document.xml`, deflated about 15:1) stays well inside all of them.

/// Entries in the zip's central directory. Real contributions have 20-200.
pub const MAX_ENTRIES: usize = 10_000;

/// Inflated bytes of one part. The largest real contribution seen is far below this.
pub const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;

/// Inflated bytes of all the parts fgcheck reads from one file.
pub const MAX_TOTAL_BYTES: u64 = 512 * 1024 * 1024;

/// Inflated-to-compressed ratio above which a part is a bomb, once it has inflated past
/// [`RATIO_FLOOR_BYTES`]. Deflate cannot exceed about 1032:1; real XML runs 5:1 to 40:1,
/// generated repetitive XML up to about 100:1.
pub const MAX_RATIO: u64 = 250;

/// Small parts may compress very well (a run of spaces); the ratio is judged only past this.
pub const RATIO_FLOOR_BYTES: u64 = 8 * 1024 * 1024;

/// Element nesting. Word's own deepest real structures (tables in tables in text boxes) stay
/// under 100; billion-laughs-style nesting attacks go to the hundreds of thousands.
pub const MAX_DEPTH: usize = 512;

/// Bytes of the input file that are read to classify a non-zip file (CFB directory).
pub const MAX_CFB_BYTES: u64 = 64 * 1024 * 1024;

/// Bytes of one XML token (a text node, or a tag with its attributes). quick-xml gathers a
/// token whole before handing it over, so this bounds the parser's memory; Word splits text
/// into runs and paragraphs far below it.
pub const MAX_TOKEN_BYTES: u64 = 16 * 1024 * 1024;

/// Bytes of one attribute value kept (longer values are clipped): URLs, style names, field
/// instructions are all far shorter.
pub const MAX_ATTR_BYTES: usize = 8 * 1024;

/// Bytes fgcheck keeps of one file (relationships, content types, styles, part names, the
/// scans of the parts). With [`MAX_TOKEN_BYTES`] this bounds a file's peak memory; a real
/// contribution keeps well under 1 MiB.
pub const MAX_KEPT_BYTES: u64 = 32 * 1024 * 1024;

/// Bytes of the zip's central directory. 10,000 entries with ordinary names take under
/// 1 MiB; a directory of 64 KiB names would otherwise be held three times over.
pub const MAX_CENTRAL_DIRECTORY_BYTES: u64 = 16 * 1024 * 1024;
