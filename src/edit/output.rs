//! Where edited copies go, and how they get there: never over the input (except `fix
//! --in-place`, which keeps a `.bak`), never over an existing file without `--force`, and
//! always through a temporary file in the target's folder that is renamed into place once
//! complete, so a failed run leaves nothing behind.

use std::fs::File;
use std::path::{Path, PathBuf};

use crate::edit::EditError;

/// `contribution.docx` -> `contribution.<tag>.docx`, beside it.
pub fn beside(input: &Path, tag: &str) -> PathBuf {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "document".into());
    let extension = input
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_else(|| "docx".into());
    input.with_file_name(format!("{stem}.{tag}.{extension}"))
}

/// The annotated copy's default name.
pub fn annotated_name(input: &Path) -> PathBuf {
    beside(input, "fgcheck")
}

/// The fixed copy's default name.
pub fn fixed_name(input: &Path) -> PathBuf {
    beside(input, "fixed")
}

/// Whether a file is one of fgcheck's own copies (skipped when a folder is walked).
pub fn is_own_copy(path: &Path) -> bool {
    path.file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|n| n.contains(".fgcheck.") || n.contains(".fixed."))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Refuses a target that is the input, a folder, or an existing file without `force`.
pub fn check_target(input: &Path, target: &Path, force: bool) -> Result<(), EditError> {
    if same_file(input, target) {
        return Err(EditError::Refused(format!(
            "{} is the input: fgcheck never writes over it (use -o with another name)",
            target.display()
        )));
    }
    if target.is_dir() {
        return Err(EditError::Refused(format!(
            "{} is a folder",
            target.display()
        )));
    }
    if target.exists() && !force {
        return Err(EditError::Refused(format!(
            "{} exists; use --force to replace it",
            target.display()
        )));
    }
    Ok(())
}

fn folder_of(target: &Path) -> PathBuf {
    match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes `target` through a temporary file in its folder: `fill` writes the content, then
/// the file is renamed into place (over an existing file only with `force`).
pub fn write_atomically(
    target: &Path,
    force: bool,
    fill: impl FnOnce(&mut File) -> Result<(), EditError>,
) -> Result<(), EditError> {
    let mut temp = tempfile::Builder::new()
        .prefix(".fgcheck-")
        .suffix(".tmp")
        .tempfile_in(folder_of(target))
        .map_err(|e| {
            EditError::Write(format!(
                "cannot write in the folder of {}: {e}",
                target.display()
            ))
        })?;
    fill(temp.as_file_mut())?;
    let persisted = if force {
        temp.persist(target).map(|_| ())
    } else {
        temp.persist_noclobber(target).map(|_| ())
    };
    persisted
        .map_err(|e| EditError::Write(format!("cannot write {}: {}", target.display(), e.error)))
}

/// `fix --in-place`: the input is copied to `INPUT.bak` first (unless `backup` is false),
/// then replaced by `bytes` in one rename.
pub fn replace_in_place(
    input: &Path,
    bytes: &[u8],
    backup: bool,
    force: bool,
) -> Result<Option<PathBuf>, EditError> {
    let mut kept = None;
    if backup {
        let mut name = input.as_os_str().to_os_string();
        name.push(".bak");
        let bak = PathBuf::from(name);
        if bak.exists() && !force {
            return Err(EditError::Refused(format!(
                "{} exists; move it away or use --force to replace it",
                bak.display()
            )));
        }
        write_atomically(&bak, force, |file| {
            let mut original = File::open(input)
                .map_err(|e| EditError::Write(format!("cannot read {}: {e}", input.display())))?;
            std::io::copy(&mut original, file)
                .map(|_| ())
                .map_err(|e| EditError::Write(format!("cannot write {}: {e}", bak.display())))
        })?;
        kept = Some(bak);
    }
    // The input is replaced: its new content reaches the disk before the rename does.
    write_atomically(input, true, |file| {
        std::io::Write::write_all(file, bytes)
            .and_then(|()| file.sync_all())
            .map_err(|e| EditError::Write(format!("cannot write {}: {e}", input.display())))
    })?;
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_named_beside_the_input() {
        assert_eq!(
            annotated_name(Path::new("in/QIT4N-I-012.docx")),
            PathBuf::from("in/QIT4N-I-012.fgcheck.docx")
        );
        assert_eq!(
            fixed_name(Path::new("a.docm")),
            PathBuf::from("a.fixed.docm")
        );
        assert!(is_own_copy(Path::new("x/a.fgcheck.docx")));
        assert!(!is_own_copy(Path::new("x/a.docx")));
    }

    #[test]
    fn the_input_and_existing_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("a.docx");
        std::fs::write(&input, b"x").unwrap();
        assert!(check_target(&input, &input, true).is_err());
        assert!(check_target(&input, &dir.path().join("./a.docx"), true).is_err());
        let other = dir.path().join("b.docx");
        assert!(check_target(&input, &other, false).is_ok());
        std::fs::write(&other, b"y").unwrap();
        assert!(check_target(&input, &other, false).is_err());
        assert!(check_target(&input, &other, true).is_ok());
        // Without --force an existing file is never replaced, even in a race.
        assert!(write_atomically(&other, false, |_| Ok(())).is_err());
        assert_eq!(std::fs::read(&other).unwrap(), b"y");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 2, "no temporary file is left: {names:?}");
    }

    #[test]
    fn in_place_keeps_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("a.docx");
        std::fs::write(&input, b"old").unwrap();
        let bak = replace_in_place(&input, b"new", true, false)
            .unwrap()
            .unwrap();
        assert_eq!(std::fs::read(&input).unwrap(), b"new");
        assert_eq!(std::fs::read(&bak).unwrap(), b"old");
        assert!(replace_in_place(&input, b"newer", true, false).is_err());
        assert_eq!(std::fs::read(&input).unwrap(), b"new");
    }
}
