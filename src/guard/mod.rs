//! The floor of the house: what bounds the reading of an untrusted file, shared by the
//! package and XML layers above it. The limits (sizes, depth, ratios), the per-file
//! budget (time and kept bytes), and the one error reading can end in.

pub mod budget;
pub mod error;
pub mod limits;

pub use error::{LimitExceeded, PackageError, limit_of};
