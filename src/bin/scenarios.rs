//! Entry point of the budget scenarios (`/scenarios`): starts [`meedoen::start_scenarios`], so
//! neither the workspace nor the report carry them. Built by Trunk for wasm32 from
//! `scenarios.html`.

#[cfg(target_arch = "wasm32")]
fn main() {
    meedoen::start_scenarios();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("De scenario's zijn een browser-app: bouw ze met `trunk build` (zie README.md).");
}
