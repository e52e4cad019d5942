//! One file a page.
pub mod form;
pub mod home;
pub mod inbox;
pub mod measurement;
pub mod not_found;
pub mod performance;
pub mod rules;
pub mod sign_in;
