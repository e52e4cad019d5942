//! Meedoen domain: the pure heart of the product. Facts about a resident's situation, the
//! participation ladder and trajectory routing as versioned decision tables (data, embedded at
//! build time), explanations, impact previews, and the BSN check.
//!
//! **Architecture invariant:** this crate does no I/O and never reads the clock; dates are
//! arguments. It compiles natively and to `wasm32-unknown-unknown`, so the browser, the server
//! and the command line compute identical results.

pub mod access;
pub mod analysis;
pub mod batch;
pub mod bsn;
pub mod day;
pub mod engine;
pub mod facts;
mod fields;
pub mod form;
pub mod impact;
pub mod import;
pub mod indicators;
pub mod number;
pub mod order;
pub mod partners;
pub mod records;
pub mod report;
pub mod retention;
pub mod rules;
pub mod scenario;
pub mod schema;
pub mod signals;
pub mod srg;
pub mod submission;
pub mod synth;
pub mod table;
pub mod text;
pub mod vocab;
pub mod wire;

pub use engine::{assess, assess_fast, explain, Compact, Explanation, Outcome, Status};
pub use facts::{FactError, RawFacts, Situation};
pub use rules::{RuleSet, Rules, Versions};
pub use text::{Lang, Text};

/// The crate version, shown in the app and returned by the server's health endpoint.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
