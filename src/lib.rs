//! The Meedoen browser app (Leptos, client-side, wasm). It runs the ladder and routing rules
//! of the domain crate in the browser and talks to the storage endpoint through `api`.
//! Everything here is browser-only; natively the crate is empty.

#[cfg(target_arch = "wasm32")]
mod admin_app;
#[cfg(target_arch = "wasm32")]
mod api;
#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod form;
#[cfg(target_arch = "wasm32")]
mod form_app;
#[cfg(target_arch = "wasm32")]
mod i18n;
#[cfg(target_arch = "wasm32")]
mod idb;
#[cfg(target_arch = "wasm32")]
mod nav;
#[cfg(target_arch = "wasm32")]
mod perf_app;
#[cfg(target_arch = "wasm32")]
mod policy_app;
#[cfg(target_arch = "wasm32")]
mod routes;
#[cfg(target_arch = "wasm32")]
mod session;
#[cfg(target_arch = "wasm32")]
mod sign_in_app;
#[cfg(target_arch = "wasm32")]
mod sync;
#[cfg(target_arch = "wasm32")]
mod update;
#[cfg(target_arch = "wasm32")]
mod workspace;

#[cfg(target_arch = "wasm32")]
pub use admin_app::{start_admin, start_in_view};
#[cfg(target_arch = "wasm32")]
pub use app::{start, App};
#[cfg(target_arch = "wasm32")]
pub use form_app::{start_form, FormApp};
#[cfg(target_arch = "wasm32")]
pub use perf_app::{start_performance, PerformanceApp};
#[cfg(target_arch = "wasm32")]
pub use policy_app::{start_policy, start_scenarios};
#[cfg(target_arch = "wasm32")]
pub use sign_in_app::{start_sign_in, SignInApp};
