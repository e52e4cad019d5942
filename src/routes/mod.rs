//! One file a page.
pub mod caseload;
pub mod changes;
pub mod form;
pub mod home;
pub mod inbox;
pub mod measurement;
pub mod not_found;
pub mod performance;
pub mod record_form;
pub mod report;
pub mod resident;
pub mod rights;
pub mod rules;
pub mod scenarios;
pub mod sign_in;
pub mod waiting;
