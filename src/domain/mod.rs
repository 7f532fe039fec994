//! Pure rules and types of a workshop, with no I/O: validated texts and ids, join codes,
//! tokens, keyword folding and tallies, dot ballots and ranking, the rules a submission
//! must pass and the one table of refusals, the workshop file (ARCHITECTURE.md,
//! "domain").

pub mod activity;
pub mod ballot;
pub mod entry;
pub mod event;
pub mod event_file;
pub mod folding;
pub mod identity;
pub mod ids;
pub mod join_code;
pub mod keyword;
pub mod keyword_tally;
pub mod language;
pub mod ranking;
pub mod refusal;
pub mod rules;
pub mod secret;
pub mod session;
pub mod shard;
pub mod statement;
pub mod suggestions;
pub mod summary;
pub mod text;
pub mod vote_code;
pub mod workshop;
pub mod workshop_draft;
pub mod workshop_file;
