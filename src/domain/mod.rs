//! Pure rules and types of a workshop, with no I/O: text limits, join codes, tokens,
//! keyword tallies, dot ballots and ranking, the workshop file.

pub mod ballot;
pub mod folding;
pub mod join_code;
pub mod keyword;
pub mod ranking;
pub mod secret;
pub mod text;
pub mod workshop;
pub mod workshop_file;
