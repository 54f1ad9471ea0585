//! The files a run checks: paths as given, folders walked for Word files, in a stable order.

use std::path::{Path, PathBuf};

/// The files to check under the given paths: files as given (whatever they are: a
/// FIFO or a device is reported, not skipped), folders recursed for Word extensions
/// (including `.doc`, so that legacy files are reported, not skipped). Inside a folder, a
/// symbolic link is followed once: to a file it is checked like a file, to a folder it is
/// walked unless that folder was walked already (which also ends link loops). Anything
/// else with a Word extension (a FIFO named `x.docx`) is listed, so that it gets its
/// `io-error` instead of vanishing. Sorted, so reports come in a stable order whatever the
/// scheduling.
pub fn collect_inputs(paths: &[PathBuf]) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut walked = std::collections::HashSet::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut out, &mut walked);
        } else {
            out.push((path.clone(), path.display().to_string()));
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out.dedup_by(|a, b| a.1 == b.1);
    out
}

/// The extensions a folder is searched for.
pub const EXTENSIONS: &[&str] = &["docx", "docm", "dotx", "dotm", "doc"];

fn has_word_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn walk(
    dir: &Path,
    out: &mut Vec<(PathBuf, String)>,
    walked: &mut std::collections::HashSet<PathBuf>,
) {
    // A folder is walked once, by its real path: a link back to an ancestor ends here.
    let Ok(real) = std::fs::canonicalize(dir) else {
        return;
    };
    if !walked.insert(real) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(mut kind) = entry.file_type() else {
            continue;
        };
        if kind.is_symlink() {
            // Followed once; a dangling link with a Word name is reported by check_path.
            match std::fs::metadata(&path) {
                Ok(target) => kind = target.file_type(),
                Err(_) => {
                    if has_word_extension(&path) {
                        out.push((path.clone(), path.display().to_string()));
                    }
                    continue;
                }
            }
        }
        if kind.is_dir() {
            walk(&path, out, walked);
        } else if has_word_extension(&path) {
            out.push((path.clone(), path.display().to_string()));
        }
    }
}
