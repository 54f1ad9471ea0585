//! Writing edited copies: filled in by the next commit.
