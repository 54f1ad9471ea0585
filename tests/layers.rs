//! The house has layers, and a module imports only from its own layer or those below
//! (CONTRIBUTING.md draws them; `src/lib.rs` lists them). This test reads every source file
//! and fails on an import that looks up: a `crate::` path into a module of a higher layer.

use std::path::Path;

/// The layers, bottom first. Modules of one layer may use each other.
const LAYERS: &[&[&str]] = &[
    &["text", "guard"],
    &["xml"],
    &["package"],
    &["model"],
    &["profile"],
    &["diag", "rules"],
    &["deadline"],
    &["config"],
    &["check"],
    &["run"],
    &["report", "edit"],
    &["cli", "serve"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// The top-level module a file under `src/` belongs to.
fn module_of(relative: &Path) -> Option<String> {
    let first = relative.components().next()?.as_os_str().to_str()?;
    Some(first.trim_end_matches(".rs").to_string())
}

/// Every `crate::NAME` a source text mentions outside comments.
fn crate_paths(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or_default();
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            // `crate::{a::X, b}` names several modules at once.
            let names: Vec<&str> = match after.strip_prefix('{') {
                Some(group) => group
                    .split('}')
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .map(|item| item.trim().split("::").next().unwrap_or_default())
                    .collect(),
                None => vec![after],
            };
            for name in names {
                let name: String = name
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && name != "self" {
                    out.push((number + 1, name));
                }
            }
            rest = after;
        }
    }
    out
}

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_module_imports_a_layer_above_its_own() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    files.sort();
    assert!(files.len() > 50, "{} source files", files.len());
    let mut upward = Vec::new();
    let mut unplaced = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).expect("under src");
        let module = module_of(relative).expect("module");
        if module == "lib" || module == "main" {
            continue;
        }
        let Some(own) = layer_of(&module) else {
            unplaced.push(relative.display().to_string());
            continue;
        };
        let text = std::fs::read_to_string(file).expect("source");
        for (line, target) in crate_paths(&text) {
            match layer_of(&target) {
                Some(layer) if layer > own => upward.push(format!(
                    "src/{}:{line}: {module} (layer {own}) uses {target} (layer {layer})",
                    relative.display()
                )),
                Some(_) => {}
                None => unplaced.push(format!(
                    "src/{}:{line}: crate::{target}",
                    relative.display()
                )),
            }
        }
    }
    assert!(
        unplaced.is_empty(),
        "modules missing from the layer table (add them to LAYERS, CONTRIBUTING.md and src/lib.rs):\n{}",
        unplaced.join("\n")
    );
    assert!(
        upward.is_empty(),
        "imports that look up a layer:\n{}",
        upward.join("\n")
    );
}

#[test]
fn the_layer_table_names_every_top_level_module() {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs"))
        .expect("lib.rs");
    let declared: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|m| m.trim_end_matches(';'))
        .collect();
    assert!(declared.len() >= 12, "{declared:?}");
    for module in &declared {
        assert!(layer_of(module).is_some(), "{module} has no layer");
    }
}

#[test]
fn the_scanner_finds_crate_paths_and_skips_comments() {
    let found = crate_paths(
        "use crate::run::Plan; // crate::cli\nlet x = crate::text::fold(y);\nuse crate::{cli::X, serve};",
    );
    let names: Vec<&str> = found.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(names, ["run", "text", "cli", "serve"]);
}
