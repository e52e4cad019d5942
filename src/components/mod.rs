//! Shared components.
pub mod layout;
