//! The progress bar of `check` and `register`: on stderr, for a batch, on a terminal only.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Whether a run shows a bar: asked for (not `--quiet`), more than one file, and stderr is
/// a terminal (never in a pipe, a file or a CI log).
pub fn wanted(asked: bool, files: usize, stderr_is_terminal: bool) -> bool {
    asked && files > 1 && stderr_is_terminal
}

/// A bar for `files` files on stderr, or `None` when [`wanted`] says no.
pub fn bar(asked: bool, files: usize) -> Option<ProgressBar> {
    if !wanted(asked, files, std::io::stderr().is_terminal()) {
        return None;
    }
    let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("checking {pos}/{len} files [{bar:30}] {eta} left")
        .map(|style| style.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_batches_on_a_terminal_unless_quiet() {
        assert!(wanted(true, 2, true));
        assert!(!wanted(true, 1, true), "not for a single file");
        assert!(!wanted(false, 50, true), "not with --quiet");
        assert!(!wanted(true, 50, false), "not when stderr is piped");
        assert!(bar(true, 50).is_none() || std::io::stderr().is_terminal());
    }
}
