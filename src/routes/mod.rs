//! One file a page.
pub mod home;
pub mod not_found;
pub mod performance;
pub mod rules;
