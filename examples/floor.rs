//! The floor for `bench/compare`: inflate and tokenize exactly the parts fgcheck reads, and
//! do nothing else (no namespaces, no limits, no model, no rules). fgcheck can only be
//! slower than this; the gap is what its own work costs.
//!
//!     cargo run --release --example floor -- FILE.docx... | --list FILE
//!
//! Parts: `[Content_Types].xml`, `_rels/.rels`, the main part's relationships, styles,
//! theme, settings (and its relationships), the main part, headers, footers, footnotes,
//! endnotes, comments (and their relationships), and docProps core, app and custom.
//! Prints the files read, the files that could not be read, and the events seen.

use std::fs::File;
use std::io::{BufReader, Read, Seek};
use std::path::{Path, PathBuf};
use std::time::Instant;

use quick_xml::Reader;
use quick_xml::events::Event;
use zip::ZipArchive;

/// (relationship type's last segment, target resolved against the source part's folder).
type Rels = Vec<(String, String)>;

fn main() {
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--list" {
            let list = args.next().expect("--list FILE");
            let text = std::fs::read_to_string(&list).expect("read list");
            paths.extend(text.lines().filter(|l| !l.is_empty()).map(PathBuf::from));
        } else {
            paths.push(PathBuf::from(arg));
        }
    }
    let started = Instant::now();
    let (mut read, mut failed, mut events) = (0usize, 0usize, 0u64);
    for path in &paths {
        match floor(path) {
            Ok(n) => {
                read += 1;
                events += n;
            }
            Err(_) => failed += 1,
        }
    }
    println!(
        "floor: {read} files read, {failed} not, {events} XML events, {:.3} s",
        started.elapsed().as_secs_f64()
    );
}

fn floor(path: &Path) -> Result<u64, Box<dyn std::error::Error>> {
    let file = BufReader::with_capacity(64 * 1024, File::open(path)?);
    let mut zip = ZipArchive::new(file)?;
    let mut events = 0;
    events += tokenize(&mut zip, "[Content_Types].xml", None)?;
    let mut root = Rels::new();
    events += tokenize(&mut zip, "_rels/.rels", Some((&mut root, "")))?;
    let main = find(&root, "officeDocument").ok_or("no main part")?;
    let mut main_rels = Rels::new();
    events += tokenize(
        &mut zip,
        &rels_of(&main),
        Some((&mut main_rels, folder(&main))),
    )?;
    for kind in ["styles", "theme"] {
        if let Some(part) = find(&main_rels, kind) {
            events += tokenize(&mut zip, &part, None)?;
        }
    }
    if let Some(part) = find(&main_rels, "settings") {
        events += tokenize(&mut zip, &part, None)?;
        events += tokenize(&mut zip, &rels_of(&part), Some((&mut Rels::new(), "")))?;
    }
    events += tokenize(&mut zip, &main, None)?;
    for (kind, part) in &main_rels {
        if ["header", "footer", "footnotes", "endnotes", "comments"].contains(&kind.as_str()) {
            events += tokenize(&mut zip, part, None)?;
            events += tokenize(&mut zip, &rels_of(part), Some((&mut Rels::new(), "")))?;
        }
    }
    for kind in [
        "core-properties",
        "extended-properties",
        "custom-properties",
    ] {
        if let Some(part) = find(&root, kind) {
            events += tokenize(&mut zip, &part, None)?;
        }
    }
    Ok(events)
}

fn find(rels: &Rels, kind: &str) -> Option<String> {
    rels.iter().find(|(k, _)| k == kind).map(|(_, t)| t.clone())
}

fn folder(part: &str) -> &str {
    part.rsplit_once('/').map_or("", |(dir, _)| dir)
}

fn rels_of(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, name)) => format!("{dir}/_rels/{name}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// Inflates one part (if present) and counts its events; for a relationships part, collects
/// (type, target) pairs with targets resolved against `base`.
fn tokenize<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    part: &str,
    mut rels: Option<(&mut Rels, &str)>,
) -> Result<u64, Box<dyn std::error::Error>> {
    let part = part.trim_start_matches('/');
    let Some(index) = zip.index_for_name(part) else {
        return Ok(0);
    };
    let entry = zip.by_index(index)?;
    let mut reader = Reader::from_reader(BufReader::with_capacity(32 * 1024, entry));
    let mut buf = Vec::with_capacity(4096);
    let mut events = 0;
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf)? {
            Event::Eof => return Ok(events),
            Event::Start(e) | Event::Empty(e) if rels.is_some() => {
                if e.local_name().as_ref() == "Relationship"
                    && let Some((list, base)) = rels.as_mut()
                {
                    let (mut kind, mut target, mut external) =
                        (String::new(), String::new(), false);
                    for attr in e.attributes().flatten() {
                        let value = attr.value.to_string();
                        match attr.key.as_ref() {
                            "Type" => {
                                kind = value.rsplit('/').next().unwrap_or_default().to_string()
                            }
                            "Target" => target = value,
                            "TargetMode" => external = value == "External",
                            _ => {}
                        }
                    }
                    if !external {
                        list.push((kind, resolve(base, &target)));
                    }
                }
                events += 1;
            }
            _ => events += 1,
        }
    }
}

/// A relationship target against its source's folder (`../` and absolute targets handled).
fn resolve(base: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_string();
    }
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for segment in target.split('/') {
        match segment {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    parts.join("/")
}
