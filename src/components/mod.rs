pub mod error_summary;
pub mod export;
pub mod layout;
pub mod not_found;
pub mod shown;
pub mod welcome;
