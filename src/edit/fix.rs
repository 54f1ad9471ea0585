//! Safe fixes: filled in by the next commit.
